"""Files CSX Desktop ships: fonts (with their licences), the emblem and icons.

Installed as the package ``csx_desktop.resources``; reach them through
``csx_desktop.resource_files.resource_path()``, never by building paths by hand.
"""
