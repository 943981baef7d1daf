"""Where CSX Desktop keeps its own files (the demo round, logs), resolved in one place.

Set ``CSX_DESKTOP_HOME`` to use another folder; the tests point it at a temporary one so they
never touch a real user's files.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_HOME = "CSX_DESKTOP_HOME"


def data_dir() -> Path:
    """The user's CSX Desktop folder, created on first use."""
    override = os.environ.get(ENV_HOME)
    if override:
        base = Path(override)
    elif sys.platform == "win32":
        base = Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "CSX Desktop"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support" / "CSX Desktop"
    else:
        xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        base = Path(xdg) / "csx-desktop"
    base.mkdir(parents=True, exist_ok=True)
    return base


def demo_round_path() -> Path:
    return data_dir() / "demo.csxawards"


def log_path() -> Path:
    folder = data_dir() / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "csx-desktop.log"
