"""A row of controls that wraps onto the next line when the window is too narrow for it.

With text at twice its size on a 1366×768 laptop, a row of filters or buttons that fits at
100 % is wider than the window: in a ``QHBoxLayout`` it either pushes the window off the
screen or squeezes its fields ("Search: N…"). ``FlowLayout`` lays its items left to right at
their preferred widths and starts a new line when the next one would not fit (WCAG 1.4.10,
reflow). An item whose horizontal size policy expands (a search box) also takes whatever its
line has left over, so it is never narrower than its preferred width and usually wider.

Put a label and its field in one ``QWidget`` (``pair()``) so they wrap together.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QSizePolicy,
    QStyle,
    QWidget,
    QWidgetItem,
)


class FlowLayout(QLayout):
    """Items left to right, wrapped like words; the layout's height follows its width."""

    def __init__(self, parent: QWidget | None = None, spacing: int = -1) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._height = 0  # what the items needed at the width last laid out
        self.setContentsMargins(0, 0, 0, 0)

    # ---- QLayout -----------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def insertWidget(self, index: int, widget: QWidget) -> None:
        """Put ``widget`` at ``index`` among the items (after building the others)."""
        self.addChildWidget(widget)
        self._items.insert(index, QWidgetItem(widget))
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        height = self._arrange(rect, move=True)
        if height != self._height:
            # Wrapped onto more lines (or fewer): ask for the height again, so the window's
            # minimum size grows with it instead of the lines overlapping what is below.
            self._height = height
            self.update()

    def sizeHint(self) -> QSize:
        """All on one line: as wide as every item side by side."""
        visible = self._visible()
        margins = self.contentsMargins()
        width = sum(item.sizeHint().width() for item in visible)
        width += self.spacing_px() * max(len(visible) - 1, 0)
        height = max((item.sizeHint().height() for item in visible), default=0)
        return QSize(width, height) + _grow(margins)

    def minimumSize(self) -> QSize:
        """As narrow as the widest single item (everything else may wrap), and as tall as
        the lines it took at the width it last had."""
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize().expandedTo(item.sizeHint()))
        size += _grow(self.contentsMargins())
        return QSize(size.width(), max(size.height(), self._height))

    # ---- laying out --------------------------------------------------------------------------

    def spacing_px(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        if parent is None:
            return 6
        return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutHorizontalSpacing)

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._visible():
            wanted = item.sizeHint().width()
            if lines[-1] and used + self.spacing_px() + wanted > width:
                lines.append([])
                used = 0
            used += (self.spacing_px() if lines[-1] else 0) + wanted
            lines[-1].append(item)
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        spacing = self.spacing_px()
        y = area.y()
        for line in self._lines(area.width()):
            widths = [item.sizeHint().width() for item in line]
            spare = area.width() - sum(widths) - spacing * (len(line) - 1)
            growing = [i for i, item in enumerate(line) if _expands(item)]
            for i in growing:  # what the line has left goes to the fields that can use it
                widths[i] += max(spare, 0) // len(growing)
            height = max(item.sizeHint().height() for item in line)
            x = area.x()
            for item, width in zip(line, widths, strict=True):
                if move:
                    # Never wider than the line: a single item wider than the window is cut
                    # here, and the large-text tests say so.
                    item.setGeometry(QRect(QPoint(x, y), QSize(min(width, area.width()), height)))
                x += width + spacing
            y += height + self.verticalSpacing()
        return y - self.verticalSpacing() - rect.y() + margins.bottom() if self._visible() else 0

    def verticalSpacing(self) -> int:
        parent = self.parentWidget()
        if self._spacing >= 0 or parent is None:
            return max(self._spacing, 4)
        return parent.style().pixelMetric(QStyle.PixelMetric.PM_LayoutVerticalSpacing)


def _expands(item: QLayoutItem) -> bool:
    widget = item.widget()
    if widget is None:
        return False
    policy = widget.sizePolicy().horizontalPolicy()
    return bool(policy.value & QSizePolicy.PolicyFlag.ExpandFlag.value)


def _grow(margins: QMargins) -> QSize:
    return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())


def pair(*widgets: QWidget, expanding: bool = False) -> QWidget:
    """Widgets (a label and its field) in one box, so a ``FlowLayout`` wraps them together;
    ``expanding`` lets the box take what its line has left over."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget, 1 if expanding and widget is widgets[-1] else 0)
    if expanding:
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return box
