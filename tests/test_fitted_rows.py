"""Rows as tall as their words, measured only on screen (ui.widgets.fitted_rows).

With ``ResizeToContents`` rows, a hidden 1,500-row table was measured whole at every change
of area (two seconds each); these tests prove the rows on screen still fit their words (a
long name wraps onto a second line; text at 200% makes rows taller) while the rows off
screen are never asked for.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QApplication, QStackedWidget, QTableView, QWidget
from pytestqt.qtbot import QtBot

from csx_desktop.ui.widgets.fitted_rows import fit_rows_to_contents

LONG = "Thornaby and Billingham Customer Services Hub Team of the Year Nominee"


class _Counting(QAbstractTableModel):
    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.asked: set[int] = set()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            self.asked.add(index.row())
            return LONG if index.row() == 1 and index.column() == 0 else f"row {index.row()}"
        return None


def _table(qtbot: QtBot, rows: int) -> tuple[QStackedWidget, QTableView, _Counting]:
    stack = QStackedWidget()
    qtbot.addWidget(stack)
    view = QTableView()
    model = _Counting(rows)
    view.setModel(model)
    view.setWordWrap(True)
    view.setColumnWidth(0, 160)
    fit_rows_to_contents(view)
    stack.addWidget(view)
    stack.addWidget(QWidget())
    stack.resize(500, 400)
    stack.show()
    qtbot.waitExposed(stack)
    qtbot.wait(20)
    return stack, view, model


def test_rows_on_screen_fit_their_words_and_rows_off_screen_are_never_measured(
    qtbot: QtBot,
) -> None:
    stack, view, model = _table(qtbot, 5_000)
    one_line = view.rowHeight(0)
    assert view.rowHeight(1) > one_line * 1.5  # the long name wrapped onto more lines
    assert max(model.asked) < 100  # nothing far below the screen was asked for
    model.asked.clear()
    stack.setCurrentIndex(1)  # another area in front: the hidden table measures nothing
    stack.setCurrentIndex(0)
    QApplication.processEvents()
    assert max(model.asked, default=0) < 100
    view.scrollToBottom()
    qtbot.wait(20)
    bottom = view.rowAt(view.viewport().height() - 1)
    assert bottom > 4_900 and view.rowHeight(bottom) == one_line  # fitted on arrival


def test_rows_grow_with_the_text_size(qtbot: QtBot) -> None:
    _stack, view, _model = _table(qtbot, 50)
    before = view.rowHeight(0)
    font = view.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    view.setFont(font)
    qtbot.wait(20)
    assert view.rowHeight(0) >= before * 1.6
