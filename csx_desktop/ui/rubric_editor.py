"""Editing a category's rubric (criteria, descriptors, weights, top score) before scoring.

Once any score exists in a category its rubric is frozen (every total would change with it):
the editor then shows the criteria read-only and says why.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import Criterion
from csx_desktop.domain.rubric import GENERIC_DESCRIPTORS
from csx_desktop.operations import round_setup
from csx_desktop.store.database import Store
from csx_desktop.ui.errors import attempt
from csx_desktop.ui.widgets.list_table_model import Index, ListTableModel

RUBRIC_COLUMNS = ("Criterion", "What is scored", "Weight", "Top score", "Descriptors (0; 1; 2 …)")
R_NAME, R_DESCRIPTION, R_WEIGHT, R_MAX, R_DESCRIPTORS = range(len(RUBRIC_COLUMNS))


class RubricModel(ListTableModel[Criterion]):
    """An editable list of criteria; nothing is stored until the rubric is saved.

    Signals:
        edited(): a cell changed (the editor enables Save).
    """

    edited = Signal()
    HEADERS = RUBRIC_COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self.read_only = False

    def set_criteria(self, criteria: list[Criterion], read_only: bool) -> None:
        self.beginResetModel()
        self._rows = list(criteria)
        self.read_only = read_only
        self.endResetModel()

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and not self.read_only:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return None
        criterion = self._rows[index.row()]
        column = index.column()
        if column == R_NAME:
            return criterion.name
        if column == R_DESCRIPTION:
            return criterion.description
        if column == R_WEIGHT:
            return f"{criterion.weight:g}"
        if column == R_MAX:
            return str(criterion.max_score)
        return "; ".join(criterion.descriptors)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.read_only:
            return False
        criterion = self._rows[index.row()]
        text = str(value).strip()
        column = index.column()
        try:
            if column == R_NAME:
                criterion = replace(criterion, name=text)
            elif column == R_DESCRIPTION:
                criterion = replace(criterion, description=text)
            elif column == R_WEIGHT:
                criterion = replace(criterion, weight=float(text))
            elif column == R_MAX:
                criterion = replace(criterion, max_score=int(text))
            else:
                parts = tuple(p.strip() for p in text.split(";"))
                criterion = replace(criterion, descriptors=parts)
        except ValueError:
            return False
        self._rows[index.row()] = criterion
        self.dataChanged.emit(index, index)
        self.edited.emit()
        return True

    def add(self) -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(
            Criterion(
                name=f"New criterion {row + 1}", description="", descriptors=GENERIC_DESCRIPTORS
            )
        )
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            self.edited.emit()

    def move(self, row: int, delta: int) -> int:
        target = row + delta
        if not (0 <= row < len(self._rows) and 0 <= target < len(self._rows)):
            return row
        self.beginResetModel()
        self._rows[row], self._rows[target] = self._rows[target], self._rows[row]
        self.endResetModel()
        self.edited.emit()
        return target


class RubricEditor(QWidget):
    """Signals:
    saved(int): the rubric of this category id was stored.
    """

    saved = Signal(int)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        for category in store.round.categories():
            if category.is_panel_scored:
                self.category.addItem(category.name, category.id)
        self.category.currentIndexChanged.connect(lambda _index: self.refresh())
        label = QLabel("Rubric of &category")
        label.setBuddy(self.category)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.model = RubricModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Criteria")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(R_DESCRIPTORS, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("&Add criterion")
        self.add_button.clicked.connect(self._add)
        self.remove_button = QPushButton("Re&move criterion")
        self.remove_button.clicked.connect(lambda: self.model.remove(self._row()))
        self.up_button = QPushButton("Move &up")
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button = QPushButton("Move &down")
        self.down_button.clicked.connect(lambda: self._move(1))
        self.save_button = QPushButton("&Save rubric")
        self.save_button.clicked.connect(self.save)
        self.model.edited.connect(lambda: self.save_button.setEnabled(True))
        self.revert_button = QPushButton("&Revert")
        self.revert_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.category)
        top.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.refresh()

    def _category_id(self) -> int:
        return int(self.category.currentData())

    def _row(self) -> int:
        return self.table.currentIndex().row()

    def _add(self) -> None:
        row = self.model.add()
        self.table.setCurrentIndex(self.model.index(row, R_NAME))
        self.table.edit(self.model.index(row, R_NAME))

    def _move(self, delta: int) -> None:
        row = self.model.move(self._row(), delta)
        self.table.setCurrentIndex(self.model.index(row, 0))

    def refresh(self) -> None:
        if self.category.count() == 0:
            return
        category_id = self._category_id()
        category = self.store.round.category(category_id)
        frozen = self.store.round.rubric_frozen(category_id)
        self.model.set_criteria(list(category.criteria), read_only=frozen)
        if frozen:
            self.status.setText(
                f"🔒 Scoring has started in {category.name}, so its criteria are locked: "
                "changing them would change every total already given."
            )
        else:
            self.status.setText(
                "Double-click a cell (or press F2) to change it. Descriptors are the words for "
                "each point, from 0 up, separated by ';'. Nothing changes until you save."
            )
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not frozen)
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(not frozen)

    def save(self) -> bool:
        category_id = self._category_id()
        criteria = self.model.rows()
        saved = attempt(
            self,
            "Rubric not saved",
            lambda: round_setup.replace_criteria(
                self.store, category_id=category_id, criteria=criteria
            ),
        )
        if saved is None:
            return False
        self.refresh()
        self.saved.emit(category_id)
        return True
