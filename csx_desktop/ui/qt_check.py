"""A start-up check that this copy of Qt for Python keeps Python's references right.

PySide6 6.12.0 drops a reference to ``True`` each time a signal reaches a Python slot. On
Python 3.11, where ``True`` is an ordinary object, its count then reaches zero after some
thousands of signals and the interpreter aborts ("Fatal Python error: bool_dealloc"): the
window would close in the middle of a judging. pyproject.toml keeps such a version out; this
check refuses to open the window on one that got in anyway (installed by hand, or a later
release with the same fault), in one line instead of a crash an hour later.
"""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtCore import QObject, Signal

SIGNALS_TRIED = 64
PYSIDE_VERSION = PySide6.__version__


class _Probe(QObject):
    fired = Signal(int)


def signals_keep_references() -> bool:
    """Whether signals delivered to a Python slot leave ``True`` and ``None`` counted right."""
    probe = _Probe()
    received: list[int] = []
    probe.fired.connect(received.append)
    before = (sys.getrefcount(True), sys.getrefcount(None))
    for number in range(SIGNALS_TRIED):
        probe.fired.emit(number)
    after = (sys.getrefcount(True), sys.getrefcount(None))
    probe.fired.disconnect()
    # Tolerate a stray reference taken elsewhere meanwhile; the fault loses one per signal.
    return len(received) == SIGNALS_TRIED and all(
        b - a < SIGNALS_TRIED // 2 for a, b in zip(after, before, strict=True)
    )


def fault_in_words() -> str:
    return (
        f"This copy of Qt for Python (PySide6 {PYSIDE_VERSION}) has a known fault on Python "
        f"{sys.version_info.major}.{sys.version_info.minor} that would close CSX Desktop in the "
        "middle of judging; install CSX Desktop again with pip (it chooses a safe version) "
        "and start it again."
    )
