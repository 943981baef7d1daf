"""A one-line label that shortens its middle to fit, with the whole text a hover or a screen
reader away.

A round file's location ("Round file: C:\\Users\\…\\Awards 2026.csxawards") is longer than a
status bar at large text. Cut at the end it loses the file's name, the part people check;
wrapped it would make the status bar two lines tall. ``ElidedLabel`` shows the start and the
end with "…" between them (Qt's middle elision) and gives the whole text as its tooltip and
its accessible description, so nothing is lost to anyone (WCAG 1.4.4, 1.3.1).
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QWidget

# The least it shows: enough for "Round file: …csxawards" to say what it is.
MINIMUM_CHARACTERS = 16


class ElidedLabel(QLabel):
    """``set_full_text`` sets the words; the label shows as much of them as fits."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleDescription(text)
        self.updateGeometry()
        self._elide()

    def is_elided(self) -> bool:
        return self.text() != self._full

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        metrics = self.fontMetrics()
        shortest = min(
            metrics.horizontalAdvance(self._full), metrics.averageCharWidth() * MINIMUM_CHARACTERS
        )
        margins = self.contentsMargins()
        return QSize(shortest + margins.left() + margins.right(), hint.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance(self._full) + margins.left() + margins.right()
        return QSize(width, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        room = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideMiddle, room)
        if shown != self.text():
            super().setText(shown)
