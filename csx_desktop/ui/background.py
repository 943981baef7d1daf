"""Long work off the window's thread: a worker, a progress bar with Cancel, one way to finish.

``run_in_background(parent, title=..., work=..., done=...)`` runs ``work(progress)`` on a
worker thread while the window stays responsive and shows a progress dialog with Cancel.
``work`` reports with ``progress.step(done, total, words)``, which also stops it (raises
``Cancelled``) once the person has pressed Cancel. When it returns, ``done(result)`` runs on the
window's thread; a refusal (``CsxError``) is shown the one way refusals are shown
(``show_refusal``); a cancelled job shows nothing and changes nothing.

The work must not touch widgets, nor the window's ``Store``: an SQLite connection belongs to
the thread that opened it. So the work reads and checks (a file, its 10,000 rows), and
``done`` writes, in one transaction, on the window's thread. As anki's ``QueryOp`` and
``CollectionOp`` do (qt/aqt/operations).

The progress dialog is closed before ``done`` runs and before a refusal is shown, so any
question or message they show is the only window in front; ``finished`` is emitted once
``done`` has returned.

Signals of ``Progress``: ``moved(done, total, words)`` as the work goes on.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from csx_desktop.store.errors import CsxError
from csx_desktop.ui.errors import show_refusal

T = TypeVar("T")


class Cancelled(Exception):
    """The person pressed Cancel: the work stops where it is, and nothing is kept."""


class Progress(QObject):
    """What the work reports, and whether to stop. Used from the worker thread."""

    moved = Signal(int, int, str)

    def __init__(self) -> None:
        super().__init__()
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def step(self, done: int, total: int, words: str = "") -> None:
        """Say how far the work is; stop it (raise ``Cancelled``) if Cancel was pressed."""
        if self._cancelled.is_set():
            raise Cancelled
        self.moved.emit(done, total, words)


# While work runs on a worker, the interpreter hands itself over every 0.2 ms instead of
# Python's 5 ms. The window's models and delegates are Python: Qt calls them thousands of
# times to paint, and each call waits for the worker to let go of the interpreter. At 5 ms a
# wait, showing the progress window over the Results area froze the window for up to 3.4 s;
# the worker pays a little more switching for it.
_SWITCH_INTERVAL = 0.0002
_running = 0
_running_lock = threading.Lock()
_default_interval = sys.getswitchinterval()


@contextlib.contextmanager
def _window_first() -> Iterator[None]:
    global _running
    with _running_lock:
        _running += 1
        sys.setswitchinterval(_SWITCH_INTERVAL)
    try:
        yield
    finally:
        with _running_lock:
            _running -= 1
            if _running == 0:
                sys.setswitchinterval(_default_interval)


class _Signals(QObject):
    succeeded = Signal(object)
    refused = Signal(object)
    cancelled = Signal()
    failed = Signal(object)


class _Job(QRunnable, Generic[T]):
    def __init__(self, work: Callable[[Progress], T], progress: Progress) -> None:
        super().__init__()
        self.work = work
        self.progress = progress
        self.signals = _Signals()

    def run(self) -> None:
        try:
            with _window_first():
                result = self.work(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except CsxError as refusal:
            self.signals.refused.emit(refusal)
        except Exception as error:  # shown by the window's exception hook, on its thread
            self.signals.failed.emit(error)
        else:
            self.signals.succeeded.emit(result)


class BackgroundJob(QObject):
    """A job under way: ``finished`` is emitted (on the window's thread) when it is over,
    with "done", "refused", "cancelled" or "failed"."""

    finished = Signal(str)

    def __init__(self, parent: QWidget, title: str) -> None:
        super().__init__(parent)
        self.progress = Progress()
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)  # a quick job never flashes a dialog
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.progress.cancel)
        self.progress.moved.connect(self._moved)
        self.outcome = ""

    def _moved(self, done: int, total: int, words: str) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if words:
            self.dialog.setLabelText(words)

    def close_dialog(self) -> None:
        """Take the progress window away (and stop it appearing later): the work is over."""
        self.dialog.reset()  # also stops the timer that would show it after a while
        self.dialog.hide()

    def _finish(self, outcome: str) -> None:
        self.outcome = outcome
        self.close_dialog()
        self.finished.emit(outcome)


def run_in_background(
    parent: QWidget,
    *,
    title: str,
    work: Callable[[Progress], T],
    done: Callable[[T], None],
    refusal_title: str = "Not done",
) -> BackgroundJob:
    """Run ``work`` on a worker thread with a progress dialog; then ``done`` its result on
    the window's thread, or show its refusal. Returns the job (tests wait on ``finished``)."""
    job = BackgroundJob(parent, title)
    runnable: _Job[T] = _Job(work, job.progress)
    runnable.setAutoDelete(False)  # the job keeps it until it is over
    signals = runnable.signals

    def succeeded(result: object) -> None:
        # The progress window goes first: a question or message ``done`` shows must never
        # sit behind it or beside it (and a window-modal one would block it).
        job.close_dialog()
        try:
            done(result)  # type: ignore[arg-type]
        except CsxError as refusal:
            job._finish("refused")
            show_refusal(parent, refusal, refusal_title)
            return
        job._finish("done")

    def refused(refusal: object) -> None:
        job._finish("refused")
        show_refusal(parent, refusal if isinstance(refusal, CsxError) else str(refusal),
                     refusal_title)  # fmt: skip

    def failed(error: object) -> None:
        job._finish("failed")
        if isinstance(error, BaseException):
            raise error  # the exception hook shows it and logs the traceback

    signals.succeeded.connect(succeeded, Qt.ConnectionType.QueuedConnection)
    signals.refused.connect(refused, Qt.ConnectionType.QueuedConnection)
    signals.cancelled.connect(lambda: job._finish("cancelled"), Qt.ConnectionType.QueuedConnection)
    signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
    job._runnable = runnable  # type: ignore[attr-defined]  # kept alive until it is over
    QThreadPool.globalInstance().start(runnable)
    return job
