"""Long work off the window's thread: the window keeps turning, Cancel stops it, refusals show.

The work here is the nominations import's own reading and checking of 10,000 rows
(``io.nomination_import.check_import``), as the window runs it; then a job cancelled half
way stores nothing and leaves the round file byte-identical.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import import_nominations as bench

from csx_desktop.io.nomination_import import check_import, prepare_import, store_import
from csx_desktop.store import InputRefused, Store
from csx_desktop.ui.background import Progress, run_in_background


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_10000_row_import_keeps_the_window_turning(
    qtbot: QtBot, parent: QWidget, store: Store, tmp_path: Path
) -> None:
    export = tmp_path / "Nominations export.xlsx"
    bench.build_export(export, 10_000)
    categories, bodies = store.round.categories(), store.round.nominating_bodies()
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    reports: list[tuple[int, int]] = []

    def work(progress: Progress) -> Any:
        plan = prepare_import(export, categories=categories)

        def step(done: int, total: int) -> None:
            reports.append((done, total))
            progress.step(done, total, f"Checking row {done:,} of {total:,}")

        return check_import(plan, categories=categories, nominating_bodies=bodies, progress=step)

    stored: list[Any] = []
    job = run_in_background(
        parent,
        title="Importing nominations",
        work=work,
        done=lambda checked: stored.append(store_import(store, checked)),
    )
    with qtbot.waitSignal(job.finished, timeout=120_000) as finished:
        pass
    timer.stop()
    assert finished.args == ["done"]
    assert stored and stored[0].committed and stored[0].stored == 10_000
    assert len(reports) >= 40 and reports[-1][1] == 10_000
    # A frozen window turns 0 times. How often it turns varies: the worker's checking is
    # Python, which shares the interpreter with the window on a busy 2-core machine.
    assert len(ticks) >= 2  # the event loop kept turning while the rows were checked


def test_cancel_stores_nothing_and_leaves_the_round_as_it_was(
    qtbot: QtBot, parent: QWidget, store: Store, round_path: Path, tmp_path: Path
) -> None:
    export = tmp_path / "Nominations export.xlsx"
    bench.build_export(export, 2_000)
    categories = store.round.categories()
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = round_path.read_bytes()

    def work(progress: Progress) -> Any:
        plan = prepare_import(export, categories=categories)

        def step(done: int, total: int) -> None:
            if done >= 1_000:
                progress.cancel()  # as pressing Cancel half way does
            progress.step(done, total)

        return check_import(plan, categories=categories, progress=step)

    done: list[Any] = []
    job = run_in_background(parent, title="Importing", work=work, done=done.append)
    with qtbot.waitSignal(job.finished, timeout=60_000) as finished:
        pass
    assert finished.args == ["cancelled"] and done == []
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert round_path.read_bytes() == before


def test_a_refusal_is_shown_once_in_words(
    qtbot: QtBot, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))

    def work(_progress: Progress) -> None:
        raise InputRefused("That file is not a form export.")

    job = run_in_background(parent, title="Importing", work=work, done=lambda _r: None)
    with qtbot.waitSignal(job.finished, timeout=10_000) as finished:
        pass
    assert finished.args == ["refused"]
    assert shown == ["That file is not a form export."]
