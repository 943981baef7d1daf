"""The progress window of long work is gone before what comes after it is shown.

``run_in_background`` shows a progress window while the work runs; when the work is over,
``done`` (or the refusal) may show a question or a message. That must be the only window in
front: never behind the progress window, nor beside it. (Cancel storing nothing is proved in
tests/test_background.py.)
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QWidget
from pytestqt.qtbot import QtBot

from csx_desktop.store import InputRefused
from csx_desktop.ui.background import BackgroundJob, Progress, run_in_background


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    return widget


def _progress_windows() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog)]


def _slow_job(
    qtbot: QtBot, parent: QWidget, done: Any, *, refuse: bool = False
) -> tuple[BackgroundJob, threading.Event]:
    """A job whose work waits until released: its progress window is on screen meanwhile."""
    release = threading.Event()

    def work(progress: Progress) -> str:
        progress.step(0, 2, "Reading the file…")
        release.wait(30)
        progress.step(1, 2, "Checking the rows…")
        if refuse:
            raise InputRefused("That file is not a form export.")
        return "read"

    job = run_in_background(parent, title="Reading the file", work=work, done=done)
    # The window appears once the work has taken a moment (never for a quick job).
    qtbot.waitUntil(job.dialog.isVisible, timeout=10_000)
    return job, release


def test_the_progress_window_is_gone_when_done_runs(
    qtbot: QtBot, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen_in_done: list[tuple[str, bool, list[QProgressDialog]]] = []
    said: list[tuple[bool, str]] = []

    def information(_parent: QWidget, _title: str, text: str) -> QMessageBox.StandardButton:
        # What a message shown by ``done`` would have in front of or beside it.
        said.append((job.dialog.isVisible(), text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", information)

    def done(result: str) -> None:
        visible = [w for w in _progress_windows() if w.isVisible()]
        seen_in_done.append((result, job.dialog.isVisible(), visible))
        QMessageBox.information(parent, "Read", "The file is read.")

    job, release = _slow_job(qtbot, parent, done)
    assert job.dialog.isVisible() and job.dialog.labelText() == "Reading the file…"
    with qtbot.waitSignal(job.finished, timeout=30_000) as finished:
        release.set()
    assert finished.args == ["done"]
    assert seen_in_done == [("read", False, [])]  # done ran, with no progress window up
    assert said == [(False, "The file is read.")]
    assert not job.dialog.isVisible()
    qtbot.wait(600)  # and it does not come back once its showing time has passed
    assert not job.dialog.isVisible()


def test_the_progress_window_is_gone_before_a_refusal_is_shown(
    qtbot: QtBot, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[bool, str]] = []
    job_box: list[BackgroundJob] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda _p, _t, text: shown.append((job_box[0].dialog.isVisible(), text)),
    )
    job, release = _slow_job(qtbot, parent, lambda _r: None, refuse=True)
    job_box.append(job)
    with qtbot.waitSignal(job.finished, timeout=30_000) as finished:
        release.set()
    assert finished.args == ["refused"]
    assert shown == [(False, "That file is not a form export.")]


def test_a_refusal_from_done_is_shown_with_the_progress_window_gone(
    qtbot: QtBot, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[bool, str]] = []
    job_box: list[BackgroundJob] = []
    monkeypatch.setattr(
        QMessageBox,
        "warning",
        lambda _p, _t, text: shown.append((job_box[0].dialog.isVisible(), text)),
    )

    def done(_result: str) -> None:
        raise InputRefused("Someone else changed the round meanwhile.")

    job, release = _slow_job(qtbot, parent, done)
    job_box.append(job)
    with qtbot.waitSignal(job.finished, timeout=30_000) as finished:
        release.set()
    assert finished.args == ["refused"]
    assert shown == [(False, "Someone else changed the round meanwhile.")]
