"""What every administrator area has: the session, and refreshing when the round changes.

An area that is not on screen only marks itself stale and refreshes when it is next shown,
so a score change does not rebuild six hidden tables.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from csx_desktop.ui.session import Session


class Area(QWidget):
    """Base of the areas in the administrator's sidebar.

    Subclasses set ``TITLE`` and implement ``refresh()``, which re-reads the round.
    """

    TITLE = ""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.store = session.store
        self._stale = False
        self.setAccessibleName(self.TITLE)
        session.changed.connect(self._on_round_changed)

    def refresh(self) -> None:
        """Re-read the round and update what is shown."""

    def _on_round_changed(self, what: str) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)
