"""ListTableModel: the shared base of the app's table models over plain lists."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from csx_desktop.ui.widgets.list_table_model import Index, ListTableModel


class Pairs(ListTableModel[tuple[str, int]]):
    HEADERS = ("Name", "Count")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self._rows[index.row()]
            return str(row[index.column()]) if index.column() < len(row) else ""
        return None


class Growing(Pairs):
    """Headers that depend on the rows, through ``_headers()``."""

    def _headers(self) -> list[str]:
        return [*self.HEADERS, *(f"Extra {n}" for n in range(len(self._rows)))]


def test_starts_empty_with_its_headers(qtbot: QtBot) -> None:
    model = Pairs()
    assert model.rowCount() == 0
    assert model.columnCount() == 2
    assert model.rows() == []


def test_set_rows_resets_the_model(qtbot: QtBot) -> None:
    model = Pairs()
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset], timeout=1000):
        model.set_rows(iter([("Zoë", 3), ("Owen", 1)]))  # any iterable
    assert model.rowCount() == 2
    assert model.index(0, 0).data() == "Zoë"
    assert model.index(1, 1).data() == "1"
    model.set_rows([])
    assert model.rowCount() == 0


def test_row_at_and_rows(qtbot: QtBot) -> None:
    model = Pairs()
    model.set_rows([("Zoë", 3), ("Owen", 1)])
    assert model.row_at(1) == ("Owen", 1)
    for outside in (-1, 2):
        with pytest.raises(IndexError):
            model.row_at(outside)
    copy = model.rows()
    assert copy == [("Zoë", 3), ("Owen", 1)]
    copy.clear()  # a copy: the model keeps its rows
    assert model.rowCount() == 2


def test_header_data(qtbot: QtBot) -> None:
    model = Pairs()
    horizontal, vertical = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
    assert [model.headerData(s, horizontal) for s in range(2)] == ["Name", "Count"]
    assert model.headerData(2, horizontal) is None
    assert model.headerData(-1, horizontal) is None
    assert model.headerData(0, horizontal, Qt.ItemDataRole.ToolTipRole) is None
    assert model.headerData(0, vertical) is None


def test_no_children_under_a_row(qtbot: QtBot) -> None:
    model = Pairs()
    model.set_rows([("Zoë", 3)])
    parent = model.index(0, 0)
    assert model.rowCount(parent) == 0
    assert model.columnCount(parent) == 0
    assert model.rowCount(QModelIndex()) == 1


def test_headers_can_follow_the_rows(qtbot: QtBot) -> None:
    model = Growing()
    model.set_rows([("Zoë", 3), ("Owen", 1)])
    assert model.columnCount() == 4
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Extra 1"


def test_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = Pairs()
    qtmodeltester.check(model)
    model.set_rows([("Zoë", 3), ("Owen", 1), ("Ruth", 0)])
    qtmodeltester.check(model)
    growing = Growing()
    growing.set_rows([("Zoë", 3)])
    qtmodeltester.check(growing)
