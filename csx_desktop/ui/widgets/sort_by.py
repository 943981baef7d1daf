"""A "Sort by" drop-down for a sortable table, so that sorting needs no mouse (WCAG 2.1.1).

Clicking a column's header sorts a ``QTableView`` with sorting enabled, but the header is no
Tab stop and a keyboard cannot click it. ``SortBy`` lists every shown column both ways, in
words ("Nominee, A to Z", "Nominations, most first"); choosing one sorts the table, and a
click on a header moves the drop-down to match, so the two never disagree. One helper for
every sortable table: ``SortBy(table)`` beside it, ``SortBy.label`` in front of it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QTableView, QWidget

ASCENDING_WORDS = "A to Z"
DESCENDING_WORDS = "Z to A"


class SortBy(QComboBox):
    """Every shown column of ``table``, each way; ``words`` gives a column its own words for
    the two orders (ascending, descending), e.g. ``{3: ("fewest first", "most first")}``."""

    def __init__(
        self,
        table: QTableView,
        words: dict[int, tuple[str, str]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.table = table
        self._words = words or {}
        table.setSortingEnabled(True)
        self.setAccessibleName(f"Sort {table.accessibleName().lower() or 'the table'} by")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.label = QLabel("Sort &by:")
        self.label.setBuddy(self)
        self._fill()
        header = table.horizontalHeader()
        header.sortIndicatorChanged.connect(self._follow_header)
        self.currentIndexChanged.connect(self._sort)
        self._follow_header(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def _fill(self) -> None:
        model = self.table.model()
        for column in range(model.columnCount()):
            if self.table.isColumnHidden(column):
                continue
            heading = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            up, down = self._words.get(column, (ASCENDING_WORDS, DESCENDING_WORDS))
            self.addItem(f"{heading}, {up}", _code(column, Qt.SortOrder.AscendingOrder))
            self.addItem(f"{heading}, {down}", _code(column, Qt.SortOrder.DescendingOrder))

    def _sort(self, index: int) -> None:
        code = self.itemData(index)
        if isinstance(code, int):
            order = Qt.SortOrder.DescendingOrder if code % 2 else Qt.SortOrder.AscendingOrder
            self.table.sortByColumn(code // 2, order)

    def _follow_header(self, column: int, order: Qt.SortOrder) -> None:
        index = self.findData(_code(column, order))
        if index >= 0 and index != self.currentIndex():
            self.blockSignals(True)  # the table is sorted already
            self.setCurrentIndex(index)
            self.blockSignals(False)


def _code(column: int, order: Qt.SortOrder) -> int:
    """One number for a column and an order (an item's data compares as a plain int)."""
    return column * 2 + (1 if order == Qt.SortOrder.DescendingOrder else 0)
