"""pyproject.toml lists packages by hand (resources/ installs as csx_desktop.resources)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_on_disk_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "csx_desktop").rglob("__init__.py")
    } | {"csx_desktop.resources"}
    assert on_disk == listed


def test_shipped_resources_are_reachable_and_guarded() -> None:
    import pytest

    from csx_desktop.resource_files import resource_path

    with pytest.raises(ValueError):
        resource_path("../pyproject.toml")
    with pytest.raises(ValueError):
        resource_path("/etc/passwd")
    assert resource_path("__init__.py").is_file()
