"""Qt for Python must keep Python's reference counts right, or the window aborts mid-judging.

PySide6 6.12.0 lost a reference to ``True`` on every signal a Python slot received; on
Python 3.11 the app aborted ("Fatal Python error: bool_dealloc") after some hundreds of
keystrokes. These tests fail on any PySide6 that does it again, and prove the start-up check
refuses such a copy in one line instead of opening a window that will crash.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLineEdit

from csx_desktop.ui import app as app_module
from csx_desktop.ui import qt_check


class _Emitter(QObject):
    number = Signal(int)
    nothing = Signal()
    thing = Signal(object)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="True and None are immortal from 3.12")
def test_signals_to_python_slots_keep_true_none_and_arguments_counted(qapp: QApplication) -> None:
    emitter = _Emitter()
    seen: list[object] = []
    emitter.number.connect(seen.append)
    emitter.nothing.connect(lambda: seen.append(None))
    emitter.thing.connect(seen.append)
    box = QLineEdit()
    box.textChanged.connect(seen.append)
    argument = object()
    before = [sys.getrefcount(value) for value in (True, False, None)]
    for number in range(500):
        emitter.number.emit(number)
        emitter.nothing.emit()
        emitter.thing.emit(argument)
        box.setText(str(number))
    seen.clear()
    after = [sys.getrefcount(value) for value in (True, False, None)]
    # A few references come and go elsewhere; the fault lost 2,000 here.
    assert [abs(b - a) < 50 for a, b in zip(after, before, strict=True)] == [True] * 3
    assert sys.getrefcount(argument) == 2


def test_the_start_up_check_passes_on_the_installed_qt(qapp: QApplication) -> None:
    assert qt_check.signals_keep_references()


def test_a_faulty_qt_is_refused_in_one_line_before_any_window(
    qapp: QApplication, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(qt_check, "signals_keep_references", lambda: False)
    monkeypatch.setattr(qt_check, "PYSIDE_VERSION", "6.12.0")
    assert app_module.main(["--smoke"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "PySide6 6.12.0" in err[0] and "Traceback" not in err[0]
