"""Issue 12 in the window: the Results area's Export is written on a worker.

On a round of 500 entries in each panel category and 25 members who have scored every one
(36,003 scoresheets; benchmarks/ui_latency.py's ``build_round(..., scored=True)``), exporting
every scoresheet as Excel keeps the window turning (a QTimer keeps firing), shows a progress
window that says how far it is, and writes the whole file. Cancel half way leaves no file, an
existing file of that name as it was, and the round byte-identical. A refused export is one
line.
"""

from __future__ import annotations

import hashlib
import itertools
import shutil
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from csx_desktop.store import Store
from csx_desktop.ui.areas.results import ResultsArea
from csx_desktop.ui.background import BackgroundJob
from csx_desktop.ui.session import Person, Role, Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from ui_latency import build_round

SHEETS = 3 * 500 * 24 + 3  # every other member scores every entry; member 0 the first of each

_sessions: list[Session] = []


@pytest.fixture(autouse=True)
def _end_sessions() -> Iterator[None]:
    yield
    while _sessions:
        _sessions.pop().end()


@pytest.fixture(scope="module")
def big_round(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big-round") / "big.csxawards"
    build_round(path, 500, 25, scored=True)
    return path


def _area(qtbot: QtBot, path: Path) -> ResultsArea:
    store = Store.open(path)
    session = Session(store, Person(Role.ADMINISTRATOR))
    _sessions.append(session)
    area = ResultsArea(session)
    qtbot.addWidget(area)
    area.resize(1100, 700)
    area.show()
    qtbot.waitUntil(lambda: not area.counting, timeout=20_000)
    return area


def _save_as(monkeypatch: pytest.MonkeyPatch, path: Path, kind: str) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), kind))


def _round_bytes(path: Path) -> str:
    """The round file and any journal beside it, as one fingerprint."""
    digest = hashlib.sha256()
    for part in (path, path.with_name(path.name + "-wal")):
        if part.exists():
            digest.update(part.read_bytes())
    return digest.hexdigest()


def _job(area: ResultsArea) -> BackgroundJob:
    job = area.export_job
    assert job is not None
    return job


def test_exporting_every_scoresheet_of_a_big_round_keeps_the_window_turning(
    qtbot: QtBot, big_round: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "round.csxawards"
    shutil.copyfile(big_round, path)
    area = _area(qtbot, path)
    out = tmp_path / "scoresheets-2026.xlsx"
    _save_as(monkeypatch, out, "Excel workbook (*.xlsx)")
    status: list[str] = []
    monkeypatch.setattr(area, "_status", status.append)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    started = time.perf_counter()
    area.export("scoresheets")  # reads the sheets here, then returns: written on a worker
    prepared = time.perf_counter() - started
    job = _job(area)
    timer.start()
    labels: list[str] = []
    job.progress.moved.connect(lambda done, total, words: labels.append(words))
    shown: list[bool] = []
    qtbot.waitUntil(lambda: job.dialog.isVisible() or job.outcome != "", timeout=20_000)
    shown.append(job.dialog.isVisible())
    with qtbot.waitSignal(job.finished, timeout=120_000) as finished:
        pass
    written = time.perf_counter() - started - prepared
    timer.stop()
    assert finished.args == ["done"]
    gaps = [b - a for a, b in itertools.pairwise(ticks)]
    print(
        f"\nprepare {prepared * 1000:.0f} ms on the window's thread; written in {written:.1f} s; "
        f"{len(ticks)} ticks, longest gap {max(gaps) * 1000:.0f} ms"
    )
    # A frozen window fires its timer once at most (the whole write was one 10 s freeze
    # before). The worker's writing is Python, which shares the interpreter with the window on
    # a busy 2-core machine, so how often it turns varies; and the progress window's first
    # appearance repaints the area (its models are Python too), which can wait a while for
    # the interpreter. So: at least two turns a second on average (an idle window makes 50,
    # a busy machine here 12 to 50), and no stop as long as half the write.
    assert len(ticks) >= 2 * written
    assert max(gaps) < written / 2
    assert shown == [True]  # a write this long shows its progress window
    assert labels[-1] == "Saving the file…"
    assert f"Writing row 0 of {SHEETS:,}…" in labels
    with zipfile.ZipFile(out) as archive:  # the whole file: every sheet a row
        sheet = archive.read("xl/worksheets/sheet1.xml")
    assert sheet.count(b"<row ") == SHEETS + 1
    assert status == [f"Exported {SHEETS} rows to {out}."]
    assert not [p for p in tmp_path.iterdir() if ".partial" in p.name]


@pytest.mark.parametrize(
    ("name", "kind", "existing"),
    [
        ("scoresheets.xlsx", "Excel workbook (*.xlsx)", b"last year's export, kept"),
        ("scoresheets", "CSV, UTF-8 (*.csv)", None),
    ],
    ids=["xlsx over an existing file", "csv, new"],
)
def test_cancel_leaves_no_file_and_the_round_byte_identical(
    qtbot: QtBot,
    big_round: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    kind: str,
    existing: bytes | None,
) -> None:
    path = tmp_path / "round.csxawards"
    shutil.copyfile(big_round, path)
    area = _area(qtbot, path)
    out_folder = tmp_path / "out"
    out_folder.mkdir()
    out = out_folder / name
    final = out if out.suffix else out.with_suffix(".csv")
    if existing is not None:
        final.write_bytes(existing)
    _save_as(monkeypatch, out, kind)
    before = _round_bytes(path)
    area.export("scoresheets")
    job = _job(area)
    reached: list[int] = []
    if out.suffix == ".xlsx":
        # The Cancel button of the progress window, once it shows and the rows are under way.
        # Once the progress window is due (it shows at a step after 400 ms), the worker waits
        # until it is up: on a loaded machine it could otherwise finish first, and there
        # would be nothing left to cancel.
        shown = threading.Event()
        started = time.monotonic()

        def hold(done: int, total: int, words: str) -> None:
            reached.append(done)
            if time.monotonic() - started > 0.6:
                shown.wait(30)

        job.progress.moved.connect(hold, Qt.ConnectionType.DirectConnection)
        qtbot.waitUntil(lambda: job.dialog.isVisible() and any(reached), timeout=60_000)
        cancel = next(b for b in job.dialog.findChildren(QPushButton) if b.text() == "Cancel")
        cancel.click()
        shown.set()
    else:
        # A CSV is written before its progress window would show (400 ms): Cancel as the
        # button does (``progress.cancel``), told on the worker when half the rows are done.
        def half_way(done: int, total: int, words: str) -> None:
            reached.append(done)
            if done >= total // 2:
                job.progress.cancel()

        job.progress.moved.connect(half_way, Qt.ConnectionType.DirectConnection)
    qtbot.waitUntil(lambda: job.outcome != "", timeout=60_000)
    assert job.outcome == "cancelled"
    assert 0 < max(reached) < SHEETS
    assert (final.read_bytes() if final.exists() else None) == existing
    assert [p.name for p in out_folder.iterdir()] == ([final.name] if existing else [])
    assert not job.dialog.isVisible()
    area.session.end()  # stop watching the file before it closes (as signing out does)
    area.session.store.close()
    assert _round_bytes(path) == before


def test_a_refused_export_is_one_clear_line(
    qtbot: QtBot,
    store: Store,
    panel_ids: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[tuple[str, str]] = []

    def warning(parent: Any, title: str, text: str, *rest: Any) -> QMessageBox.StandardButton:
        said.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    asked: list[str] = []

    def save_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
        asked.append(str(args[1]))
        return str(tmp_path / "taken.csv"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    (tmp_path / "taken.csv").mkdir()  # a folder of that name: refused by the worker
    areas = []
    for member in (None, panel_ids["Priya Shah"]):  # the administrator; the chair
        person = (
            Person(Role.ADMINISTRATOR)
            if member is None
            else Person(Role.MEMBER, store.panel.member(member))
        )
        session = Session(store, person)
        _sessions.append(session)
        area = ResultsArea(session)
        qtbot.addWidget(area)
        area.show()
        areas.append(area)
    admin, chair = areas
    admin.export("results")
    job = _job(admin)
    qtbot.waitUntil(lambda: job.outcome != "", timeout=20_000)
    assert job.outcome == "refused" and not job.dialog.isVisible()
    assert said == [
        ("Export not saved", f"{tmp_path / 'taken.csv'} is a folder; give a file name.")
    ]
    # The chair, who has submitted nothing: refused before a file name is asked for.
    said.clear()
    asked.clear()
    chair.export("scoresheets")
    assert asked == [] and chair.export_job is None
    assert len(said) == 1 and "submit your own scores" in said[0][1]
    assert all("\n" not in text and "Traceback" not in text for _, text in said)
