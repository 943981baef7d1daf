"""The administrator's window body: a sidebar of areas and the chosen area beside it.

Areas are built the first time they are chosen. Ctrl+1 … Ctrl+7 jump to an area; they are
actions (``area_actions``) so the main window lists them, with their shortcuts, in its Go
menu. The sidebar is an ordinary list, so Tab and the arrow keys reach every area too.
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QListWidgetItem, QStackedWidget, QWidget

from csx_desktop.ui.areas import AREAS, AreaSpec
from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.session import Session


class AdminWorkspace(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.sidebar = QListWidget()
        self.sidebar.setAccessibleName("Areas")
        self.sidebar.setSpacing(3)
        self.stack = QStackedWidget()
        self._areas: dict[int, Area] = {}
        self.area_actions: list[QAction] = []
        for index, spec in enumerate(AREAS):
            item = QListWidgetItem(spec.title)
            item.setToolTip(f"{spec.hint} (Ctrl+{index + 1})")
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget())  # placeholder until first shown
            action = QAction(spec.title, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.setStatusTip(spec.hint)
            action.triggered.connect(lambda _checked=False, i=index: self.show_area(i))
            self.addAction(action)  # the shortcut works even before a menu shows it
            self.area_actions.append(action)
        self.sidebar.currentRowChanged.connect(self._build_and_show)
        # As wide as the longest area name, at any text size: a busy area beside it must
        # never squeeze the names ("Nom…", "Pane…") when people use large text.
        self.sidebar.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.sidebar.setFixedWidth(
            self.sidebar.sizeHintForColumn(0)
            + 2 * (self.sidebar.frameWidth() + self.sidebar.spacing())
            + self.fontMetrics().horizontalAdvance("M")
        )
        layout = QHBoxLayout(self)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.sidebar.setCurrentRow(0)
        self.sidebar.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_area(self, index_or_title: int | str) -> Area:
        index = (
            index_or_title
            if isinstance(index_or_title, int)
            else [a.title for a in AREAS].index(index_or_title)
        )
        self.sidebar.setCurrentRow(index)
        return self._build_and_show(index)

    def area(self, title: str) -> Area | None:
        """The area with this title if it has been built (for tests and cross-links)."""
        index = [a.title for a in AREAS].index(title)
        return self._areas.get(index)

    def _build_and_show(self, index: int) -> Area:
        if index not in self._areas:
            area = _build(AREAS[index], self.session)
            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, area)
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self._areas[index] = area
        self.stack.setCurrentIndex(index)
        return self._areas[index]


def _build(spec: AreaSpec, session: Session) -> Area:
    module = importlib.import_module(f"csx_desktop.ui.areas.{spec.module}")
    area: Area = getattr(module, spec.class_name)(session)
    return area
