"""The layers of DESIGN.md: only csx_desktop.ui (and the entry points) may import Qt."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import csx_desktop

PACKAGE = Path(csx_desktop.__file__).parent
QT_FREE = ["domain", "store", "io", "certificates", "operations", "cli", "demo"]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_import_outside_the_ui_in_the_source() -> None:
    offenders = []
    for layer in QT_FREE:
        for path in (PACKAGE / layer).rglob("*.py"):
            if any(name.split(".")[0] in {"PySide6", "shiboken6"} for name in _imports(path)):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_importing_the_non_ui_layers_loads_no_qt() -> None:
    modules = [
        f"csx_desktop.{layer}.{path.stem}" if path.stem != "__init__" else f"csx_desktop.{layer}"
        for layer in QT_FREE
        for path in sorted((PACKAGE / layer).glob("*.py"))
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
