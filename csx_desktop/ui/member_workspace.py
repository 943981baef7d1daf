"""A panel member's window body: one scoring tab per category they judge.

Every member has a Results tab: the panel's totals for a category once they have submitted
their own scores for it (members see no one else's sheets; the chair sees the sheets too and
records decisions). The chair also gets the Scoring progress view. Both are the
administrator's areas, built the first time their tab is opened.
Ctrl+Page Down / Ctrl+Page Up (or Ctrl+Tab / Ctrl+Shift+Tab) move between the tabs from
anywhere in them: they are shortcuts on the workspace, because the entry list and the
tables would otherwise take Ctrl+Page Down as "move a page".
"""

from __future__ import annotations

import importlib

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QApplication, QTabWidget, QVBoxLayout, QWidget

from csx_desktop.ui.scoring_workspace import ScoringWorkspace
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState


class MemberWorkspace(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        store = session.store
        member = session.person.member
        assert member is not None
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Your work")
        self.tabs.setDocumentMode(True)
        self.workspaces: dict[int, ScoringWorkspace] = {}
        categories = [
            c for c in store.round.categories() if c.id in member.category_ids and c.id is not None
        ]
        for category in categories:
            assert category.id is not None
            workspace = ScoringWorkspace(session, category.id)
            self.workspaces[category.id] = workspace
            index = self.tabs.addTab(workspace, f"Score: {category.name}")
            self.tabs.setTabToolTip(index, "Ctrl+Page Down / Ctrl+Page Up move between tabs")
        self._lazy: dict[int, tuple[str, str]] = {}
        views = [("Results", "csx_desktop.ui.areas.results", "ResultsArea")]
        if member.is_chair:
            views.insert(0, ("Scoring progress", "csx_desktop.ui.areas.progress", "ProgressArea"))
        for title, module, class_name in views:
            index = self.tabs.addTab(QWidget(), title)
            self._lazy[index] = (module, class_name)
        self.tabs.currentChanged.connect(self._build_lazy)
        self.tabs.currentChanged.connect(self._tab_changed)
        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.next_tab(s))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if self.tabs.count():
            layout.addWidget(self.tabs)
        else:
            layout.addWidget(
                EmptyState(
                    f"Welcome, {member.name}",
                    "You have not been given a category to judge yet. The administrator "
                    "assigns categories in the Panel area; sign in again once they have.",
                )
            )
        self._shown_once = False

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:  # just signed in: start on the entries, not the tabs
            self._shown_once = True
            self._focus_start()

    def _focus_start(self) -> None:
        """Start where the keys do something: the entry list (or the interests question)."""
        current = self.tabs.currentWidget()
        if isinstance(current, ScoringWorkspace):
            current.focus_start()

    def _tab_changed(self, _index: int) -> None:
        # Browsing the tabs with the arrow keys keeps the focus on them; otherwise (a
        # shortcut, a click, the focus left behind on the page just hidden) go into the page.
        if QApplication.focusWidget() is not self.tabs.tabBar():
            self._focus_start()

    def workspace(self, category_name: str) -> ScoringWorkspace:
        """The scoring tab of a category, by name (for tests and cross-links)."""
        for category_id, workspace in self.workspaces.items():
            if self.session.store.round.category(category_id).name == category_name:
                self.tabs.setCurrentWidget(workspace)
                return workspace
        raise KeyError(category_name)

    def next_tab(self, step: int) -> None:
        """Show the next (+1) or previous (-1) tab, wrapping round, and focus into it."""
        count = self.tabs.count()
        if count < 2:
            return
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % count)
        if isinstance(self.tabs.currentWidget(), ScoringWorkspace):
            self._focus_start()  # straight back to scoring
        else:  # Results, Scoring progress: the tab's name is said, Tab goes into it
            self.tabs.tabBar().setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _build_lazy(self, index: int) -> None:
        spec = self._lazy.pop(index, None)
        if spec is None:
            return
        module_name, class_name = spec
        title = self.tabs.tabText(index)
        widget: QWidget = getattr(importlib.import_module(module_name), class_name)(self.session)
        placeholder = self.tabs.widget(index)
        self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, widget, title)
            self.tabs.setCurrentIndex(index)
        finally:
            self.tabs.blockSignals(False)
        if placeholder is not None:
            placeholder.deleteLater()
