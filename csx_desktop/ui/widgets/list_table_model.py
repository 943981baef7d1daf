"""A table model over a plain Python list of rows: the base for the app's Qt table models.

``ListTableModel`` holds the rows, replaces them all at once (a model reset), hands one back
by number and answers Qt's row count, column count and horizontal header text from the class's
``HEADERS``. A subclass gives ``HEADERS`` and ``data()`` (and ``flags()``/``setData()`` if it
is editable or has tick boxes); everything else about what a row shows stays in the subclass.

A model whose headers depend on what it holds overrides ``_headers()``; the column count and
the header text follow it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex
RowT = TypeVar("RowT")


class ListTableModel(QAbstractTableModel, Generic[RowT]):
    """A flat table: one list item a row, one ``HEADERS`` entry a column."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RowT] = []

    # ---- the rows ------------------------------------------------------------------------

    def set_rows(self, rows: Iterable[RowT]) -> None:
        """Replace every row (a model reset: views drop their selection and current item)."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RowT:
        """The row with this number; IndexError outside 0 … rowCount() - 1."""
        if not 0 <= row < len(self._rows):
            raise IndexError(f"row {row} is not in a model of {len(self._rows)} rows")
        return self._rows[row]

    def rows(self) -> list[RowT]:
        """A copy of the rows, in model order."""
        return list(self._rows)

    def _headers(self) -> Sequence[str]:
        """The column headers; ``HEADERS`` unless a subclass's headers depend on its rows."""
        return self.HEADERS

    # ---- QAbstractTableModel -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            headers = self._headers()
            return headers[section] if 0 <= section < len(headers) else None
        return None
