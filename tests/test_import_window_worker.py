"""The Nominations area's import runs its 10,000 rows on a worker (issue 12): the window's
event loop keeps turning while they are read and checked, the result is stored in one
transaction, and Cancel pressed half way leaves the round file byte for byte as it was."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import import_nominations as bench

from csx_desktop.store import Store
from csx_desktop.ui.areas.nominations import NominationsArea
from csx_desktop.ui.background import Progress
from csx_desktop.ui.mapping_dialog import MappingDialog
from csx_desktop.ui.session import Person, Role, Session


@pytest.fixture
def area(qtbot: QtBot, store: Store) -> Any:
    session = Session(store, Person(Role.ADMINISTRATOR))
    widget = NominationsArea(session)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    yield widget
    session.end()


@pytest.fixture
def answered(monkeypatch: pytest.MonkeyPatch) -> list[QMessageBox]:
    """The mapping dialog accepted as guessed; each result box kept instead of shown."""
    boxes: list[QMessageBox] = []

    def run(dialog: QWidget) -> int:
        if isinstance(dialog, MappingDialog):
            return 1
        assert isinstance(dialog, QMessageBox)
        boxes.append(dialog)
        return 0

    monkeypatch.setattr(QDialog, "exec", run)
    return boxes


def _export(monkeypatch: pytest.MonkeyPatch, path: Path, rows: int) -> None:
    bench.build_export(path, rows)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def test_ten_thousand_rows_import_while_the_window_keeps_turning(
    qtbot: QtBot,
    area: NominationsArea,
    store: Store,
    answered: list[QMessageBox],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _export(monkeypatch, tmp_path / "Nominations export.xlsx", 10_000)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    job = area.start_import()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=120_000) as finished:
        pass
    timer.stop()
    assert finished.args == ["done"]
    # A frozen window turns 0 times. How often it turns varies: the worker's checking is
    # Python, which shares the interpreter with the window on a busy 2-core machine.
    assert len(ticks) >= 2  # the event loop turned while the rows were checked
    assert "stored 10000 nomination(s)" in answered[-1].text()
    assert len(store.nominations.nominations_by_entry()) > 0


def test_cancel_half_way_leaves_the_round_byte_identical(
    qtbot: QtBot,
    area: NominationsArea,
    store: Store,
    round_path: Path,
    answered: list[QMessageBox],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _export(monkeypatch, tmp_path / "Nominations export.xlsx", 4_000)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = round_path.read_bytes()
    real_step = Progress.step

    def press_cancel_half_way(progress: Progress, done: int, total: int, words: str = "") -> None:
        if done >= total // 2:
            progress.cancel()  # what the progress dialog's Cancel button does
        real_step(progress, done, total, words)

    monkeypatch.setattr(Progress, "step", press_cancel_half_way)
    job = area.start_import()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=60_000) as finished:
        pass
    assert finished.args == ["cancelled"]
    assert answered == []  # nothing to report: nothing was done
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert round_path.read_bytes() == before
