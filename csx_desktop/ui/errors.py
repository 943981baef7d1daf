"""Showing problems to people: refusals as plain messages, crashes as a readable dialog.

``install_exception_hook`` replaces ``sys.excepthook`` so an unexpected error in a slot shows
a dialog and writes the traceback to the log instead of killing the app; every score is
already on disk, and the dialog says so.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TypeVar

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from csx_desktop.paths import log_path
from csx_desktop.store.errors import CsxError

log = logging.getLogger("csx_desktop")

T = TypeVar("T")


def configure_logging() -> None:
    handler = logging.FileHandler(log_path(), encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("csx_desktop")
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def show_refusal(parent: QWidget | None, error: CsxError | str, title: str = "Not done") -> None:
    """A rule said no: tell the person why, in the rule's own words."""
    QMessageBox.warning(parent, title, str(error))


def confirm(parent: QWidget | None, title: str, question: str) -> bool:
    """Ask before something that cannot simply be undone; No is the default (Enter or Escape
    never agree by accident). The one place the window asks a yes-or-no question."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def attempt(parent: QWidget | None, title: str, action: Callable[[], T]) -> T | None:
    """Run one operation for the window: its outcome, or ``None`` once its refusal is shown.

    The one place the window turns a rule's "no" into a message (as anki's ``CollectionOp``
    does), instead of a try/except around every call. Operations return an outcome value, so
    ``None`` always means "refused, and the person has been told why"."""
    try:
        return action()
    except CsxError as error:
        show_refusal(parent, error, title)
        return None


def install_exception_hook() -> None:
    sys.excepthook = _excepthook


def _excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    parent = QApplication.activeWindow()
    if isinstance(error, CsxError):
        show_refusal(parent, error)
        return
    details = "".join(traceback.format_exception(kind, error, tb))
    log.error("Unexpected error:\n%s", details)
    sys.stderr.write(details)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Something went wrong")
    box.setText(
        "CSX Desktop hit a problem it did not expect and stopped what it was doing.\n\n"
        "Everything saved before this moment is safe: each score is saved the moment it is "
        "entered."
    )
    box.setInformativeText(
        f"Please tell the administrator. The details were written to {log_path()}."
    )
    box.setDetailedText(details)
    box.exec()
