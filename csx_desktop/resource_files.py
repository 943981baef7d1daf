"""The one guarded way to reach the files in ``resources/`` (installed as package data)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path, PurePosixPath


def resource_path(relative: str) -> Path:
    """The path of a shipped resource, e.g. ``resource_path("fonts/Lora-Regular.ttf")``.

    Only relative names inside the resources folder are allowed, so a name from a setting or a
    file can never reach elsewhere on disk.
    """
    parts = PurePosixPath(relative)
    if parts.is_absolute() or ".." in parts.parts or not parts.parts:
        raise ValueError(f"not a resource name: {relative!r}")
    root = resources.files("csx_desktop.resources")
    path = Path(str(root.joinpath(*parts.parts)))
    if not path.exists():
        raise FileNotFoundError(f"resource {relative!r} is not installed")
    return path
