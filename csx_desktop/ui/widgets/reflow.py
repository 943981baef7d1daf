"""Pages that reflow instead of growing past the screen (WCAG 1.4.10, 1.4.4, 2.5.7).

Two panes side by side (a list and its detail, a list and a preview) fit a 1366×768 laptop at
100 % text, but with text at twice its size their minimum widths add up to more than the
screen. Three pieces, one idea each:

- ``ReflowRow`` puts its panes side by side while each gets at least its width (its minimum,
  or the ``side_width`` it asks for to be useful beside another), and one above the other
  otherwise. No divider to drag: the panes share the width by their stretch factors.
- ``ScrollPage`` holds a page that scrolls up and down only. It is no Tab stop; the page's
  controls are, and Qt scrolls each into view as the focus reaches it (2.4.11). A sideways
  scroll bar shows only if something cannot fit even stacked: the large-text tests fail on
  it, and nothing is ever cut off out of reach.
- ``ReflowPanes`` is the two together: a row of panes in a page of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QScrollArea, QWidget


@dataclass
class _Pane:
    widget: QWidget
    side_width: int


class ReflowRow(QWidget):
    """Panes in reading order: left to right when they fit, else top to bottom."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._panes: list[_Pane] = []
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def add_pane(self, widget: QWidget, stretch: int = 1, side_width: int = 0) -> None:
        """Add a pane; ``side_width`` is the least width it needs to be useful beside another
        (its minimum size otherwise)."""
        self._panes.append(_Pane(widget, side_width))
        self._layout.addWidget(widget, stretch)
        self._reflow()

    @property
    def stacked(self) -> bool:
        return self._layout.direction() == QBoxLayout.Direction.TopToBottom

    def side_by_side_width(self) -> int:
        """The width the panes need side by side."""
        widths = [self._width(pane) for pane in self._shown()]
        return sum(widths) + self._layout.spacing() * max(len(widths) - 1, 0)

    def minimumSizeHint(self) -> QSize:
        """As narrow as the widest pane (stacked, that is all it needs); as tall as the
        panes are laid out now."""
        widest = max((self._width(pane) for pane in self._shown()), default=0)
        margins = self._layout.contentsMargins()
        return QSize(widest + margins.left() + margins.right(), self._layout.minimumSize().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow()

    def _shown(self) -> list[_Pane]:
        return [pane for pane in self._panes if not pane.widget.isHidden()]

    @staticmethod
    def _width(pane: _Pane) -> int:
        widget = pane.widget
        return max(widget.minimumSizeHint().width(), widget.minimumWidth(), pane.side_width)

    def _reflow(self) -> None:
        # Stacking only ever makes the page taller, which can only narrow it (a scroll bar
        # appears), so the panes never flip back and forth.
        stack = self.side_by_side_width() > self.width()
        direction = QBoxLayout.Direction.TopToBottom if stack else QBoxLayout.Direction.LeftToRight
        if direction != self._layout.direction():
            self._layout.setDirection(direction)
            self.updateGeometry()


class ScrollPage(QScrollArea):
    """``content`` as a page that scrolls up and down, as wide as the window gives it."""

    def __init__(self, content: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        # Not a Tab stop itself: its contents are, and it scrolls to show them.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)


class ReflowPanes(ScrollPage):
    """A ``ReflowRow`` in a ``ScrollPage`` of its own: ``add_pane`` in reading order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.row = ReflowRow()
        super().__init__(self.row, parent)

    def add_pane(self, widget: QWidget, stretch: int = 1, side_width: int = 0) -> None:
        self.row.add_pane(widget, stretch, side_width)

    @property
    def stacked(self) -> bool:
        return self.row.stacked
