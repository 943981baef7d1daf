"""While work runs on a worker the interpreter hands itself to the window often (every
0.2 ms), so the window's Python models paint without waiting 5 ms a call; once no work is
running, Python's own interval is back, whatever way the work ended."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from csx_desktop.store import InputRefused
from csx_desktop.ui import background
from csx_desktop.ui.background import Progress, run_in_background


@pytest.mark.parametrize("ending", ["done", "refused", "cancelled"])
def test_the_window_comes_first_while_work_runs_and_only_then(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, ending: str
) -> None:
    monkeypatch.setattr(background, "show_refusal", lambda *_a, **_k: None)
    parent = QWidget()
    qtbot.addWidget(parent)
    before = sys.getswitchinterval()
    assert before == pytest.approx(0.005)  # Python's own
    seen: list[float] = []
    release = [threading.Event(), threading.Event()]

    def work(number: int) -> Callable[[Progress], int]:
        def run(progress: Progress) -> int:
            seen.append(sys.getswitchinterval())
            release[number].wait(10)
            if ending == "refused":
                raise InputRefused("No.")
            if ending == "cancelled":
                progress.cancel()
                progress.step(1, 2)
            return number

        return run

    # Two jobs at once: the interval comes back only when the last of them is over.
    jobs = [
        run_in_background(parent, title=f"Job {n}", work=work(n), done=lambda _r: None)
        for n in (0, 1)
    ]
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen == [pytest.approx(background._SWITCH_INTERVAL)] * 2
    release[0].set()
    qtbot.waitUntil(lambda: jobs[0].outcome != "", timeout=5000)
    assert sys.getswitchinterval() == pytest.approx(background._SWITCH_INTERVAL)  # one runs
    release[1].set()
    qtbot.waitUntil(lambda: jobs[1].outcome != "", timeout=5000)
    assert [job.outcome for job in jobs] == [ending, ending]
    assert sys.getswitchinterval() == before
