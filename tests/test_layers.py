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


# ---- the operations layer: the window and the command line write only through it ----------

WRITING_HELPERS = {"write", "audit", "insert", "safety_backup", "backup", "_record", "_reopen"}
# Functions of io that change the round or read what an access rule guards: the window and
# the command line reach them only through csx_desktop.operations.
GUARDED_IO = {
    "run_import",
    "store_import",
    "import_panel",
    "import_interests",
    "import_scores",
    "store_votes",
    "import_votes",
    "import_pack",
    "score_rows",
}
GUARDED_STORE_MODULES = {"csx_desktop.store.results", "csx_desktop.store.counts"}
# Types (not reads) the window draws with, taken from the guarded modules.
GUARDED_TYPES_ALLOWED = {
    "SheetDetail",
    "SheetStatus",
    "JudgeLine",
    "JudgesAtAGlance",
    "CategoryResult",
    "Counts",
}


def _store_writers() -> set[str]:
    """Public methods of the store's repositories that write: they open a write transaction
    or take a safety copy, or call another method of theirs that does."""
    bodies: dict[str, str] = {}
    for path in (PACKAGE / "store").glob("*.py"):
        for cls in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(cls, ast.ClassDef):
                for fn in cls.body:
                    if isinstance(fn, ast.FunctionDef):
                        bodies[fn.name] = bodies.get(fn.name, "") + ast.unparse(fn)
    writers = {
        name for name, body in bodies.items() if ".write()" in body or "safety_backup(" in body
    }
    grown = True
    while grown:  # a method that calls a writer writes too (move -> update)
        more = {
            name
            for name, body in bodies.items()
            if name not in writers and any(f"self.{w}(" in body for w in writers)
        }
        writers |= more
        grown = bool(more)
    return {name for name in writers if not name.startswith("_")} | WRITING_HELPERS


def _calls_that_bypass_operations() -> list[str]:
    writers = _store_writers()
    found = []
    for layer in ("ui", "cli"):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            where = str(path.relative_to(PACKAGE))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    owner = ast.unparse(node.func.value)
                    if node.func.attr in writers and "store" in owner.lower():
                        found.append(f"{where}:{node.lineno} {owner}.{node.func.attr}()")
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = {alias.name for alias in node.names}
                    if node.module.startswith("csx_desktop.io") and names & GUARDED_IO:
                        found.append(f"{where}:{node.lineno} imports {sorted(names & GUARDED_IO)}")
                    if node.module in GUARDED_STORE_MODULES and names - GUARDED_TYPES_ALLOWED:
                        found.append(
                            f"{where}:{node.lineno} imports "
                            f"{sorted(names - GUARDED_TYPES_ALLOWED)} from {node.module}"
                        )
    return found


def test_the_window_and_the_command_line_change_the_round_only_through_operations() -> None:
    """No store method that writes, no io function that imports or exports, no guarded read
    of results is called from csx_desktop.ui or csx_desktop.cli: each is reached through
    csx_desktop.operations, where its rules are checked once for every path."""
    assert _calls_that_bypass_operations() == []


def test_the_check_sees_a_call_that_bypasses_operations(tmp_path: Path) -> None:
    """The scan itself: a call of each kind it must catch is caught."""
    writers = _store_writers()
    assert {"set_score", "merge", "move", "update_settings", "add_paper_count"} <= writers
    assert "entries" not in writers and "settings" not in writers
    sample = "self.store.nominations.move(1, 2)\nfrom csx_desktop.io.nomination_import import run_import\n"
    tree = ast.parse(sample)
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call))
    assert isinstance(call.func, ast.Attribute) and call.func.attr in writers
    imported = next(n for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))
    assert {a.name for a in imported.names} & GUARDED_IO
