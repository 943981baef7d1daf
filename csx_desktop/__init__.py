"""CSX Desktop: the council's Customer Service Awards, scored, counted and certified.

The package is layered (see README "How the code is laid out"): ``domain`` holds the pure
rules, ``store`` the round file, ``io`` the imports and exports, ``certificates`` the PDFs,
``cli`` the administrator's command line and ``ui`` the PySide6 window. Only ``ui`` knows Qt.
"""

__version__ = "0.1.0"

APP_NAME = "CSX Desktop"
ORGANISATION = "CSX Desktop"
ROUND_SUFFIX = ".csxawards"
