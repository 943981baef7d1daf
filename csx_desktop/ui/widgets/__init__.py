"""Small reusable widgets shared by several areas."""
