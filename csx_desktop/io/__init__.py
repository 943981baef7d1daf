"""Reading the files the council's tools export and writing CSV, XLSX and JSON.

Readers return domain objects plus a list of row errors, never half a result. openpyxl is
imported inside the functions that need it, to keep it off the window's start-up path.
"""
