"""The pure rules of an awards round: no Qt, no SQL, no file I/O.

Everything the panel's arithmetic depends on lives here so it can be tested directly.
"""
