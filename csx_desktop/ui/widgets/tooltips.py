"""Tooltips a person can dismiss, reach with the pointer, and read at their own pace
(WCAG 2.2 1.4.13, content on hover or focus).

Qt's own tooltips on Windows and Linux ignore Escape (only macOS closes them on a key), vanish
as soon as the pointer moves from the control onto the tooltip, and close by themselves after
about ten seconds. ``TooltipKeeper``, installed once on the application, changes that for
every tooltip of the app:

- **dismissible**: Escape closes an open tooltip, and does nothing else (a dialog behind it
  stays open; the focus does not move);
- **hoverable**: moving the pointer onto the tooltip keeps it open (to read it magnified);
- **persistent**: it stays until the pointer leaves the control or the tooltip, Escape is
  pressed, or the window changes — not for a fixed time.

Tooltips in this app repeat what is said elsewhere (the Help page, the accessible description
a screen reader reads); they never hold the only copy of an instruction.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QHelpEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from shiboken6 import isValid

# Long enough to read anything at any speed; the tooltip still closes on leaving, on a
# click, on a key or on Escape. (Qt's own rule: 10 s, plus 40 ms a character over 100.)
SHOW_FOR_MS = 10 * 60 * 1000
TIP_NAME = "qtooltip_label"  # Qt's name for the tooltip window


class TooltipKeeper(QObject):
    """The application-wide event filter described above. One per application."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._shown: tuple[str, QPoint, QWidget] | None = None
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.ToolTip and isinstance(watched, QWidget):
            if isinstance(event, QHelpEvent):
                where = event.globalPos()
                # Once the widget (or its view's item, or its tab) has shown its tooltip.
                QTimer.singleShot(0, self, lambda: self._keep(watched, where))
            return False
        if (
            kind == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and QToolTip.isVisible()
            and self._shown is not None  # not one closing already (Qt takes 300 ms)
        ):
            QToolTip.hideText()
            self._shown = None
            return True  # Escape closes the tooltip, and only the tooltip
        if (
            kind == QEvent.Type.Enter
            and isinstance(watched, QWidget)
            and watched.objectName() == TIP_NAME
            and self._shown is not None
            and QToolTip.isVisible()
            and isValid(self._shown[2])
        ):
            # Shown again as the tooltip's own (Qt ignores the same text for the same
            # widget), which stops the close Qt started when the pointer left the control;
            # it now closes when the pointer leaves the tooltip. Left where it was.
            text = self._shown[0]
            place = watched.pos()
            QToolTip.showText(
                watched.mapToGlobal(watched.rect().center()),
                text,
                watched,
                watched.rect(),
                SHOW_FOR_MS,
            )
            watched.move(place)
        return False

    def _keep(self, widget: QWidget, where: QPoint) -> None:
        """The tooltip just shown, shown again until dismissed instead of for about 10 s."""
        if not isValid(widget) or not QToolTip.isVisible() or not QToolTip.text():
            return
        text = QToolTip.text()
        # Qt takes a second showText of the same text for the same widget as nothing new and
        # keeps its timer: shown for another owner first, then for the widget again.
        QToolTip.showText(where, text, widget.window(), QRect(), SHOW_FOR_MS)
        QToolTip.showText(where, text, widget, widget.rect(), SHOW_FOR_MS)
        self._shown = (text, where, widget)


def keep_tooltips(app: QApplication) -> TooltipKeeper:
    """Install the tooltip rules on ``app`` once; returns the keeper (the same one again)."""
    existing = app.findChild(TooltipKeeper)
    return existing if existing is not None else TooltipKeeper(app)
