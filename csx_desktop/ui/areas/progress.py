"""The Scoring progress area: every member against every entry of a category.

Cells say where a member is (✓ complete, ● 2 of 3 scored, ○ not started, ⚑ declared
interest), never what they scored. The administrator may open a sheet; the chair may once they
have submitted the category themselves (and has then seen the panel's scores: recorded). Either
may reopen a member's submitted category, with a reason that goes in the audit log, but once
that member has seen the category's results only the administrator can. The rules are
``operations.judging``'s; this area asks them before asking for a reason.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.operations import judging
from csx_desktop.ui.announce import announce
from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.errors import attempt, show_refusal
from csx_desktop.ui.panel_dialogs import SheetDialog, ask_reason
from csx_desktop.ui.scoring_models import ProgressModel
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState
from csx_desktop.ui.widgets.fitted_rows import fit_rows_to_contents

LEGEND = "✓ complete · ● in progress (criteria scored) · ○ not started · ⚑ declared interest"
# Said only in a round that counts a paper sheet once two keyings agree.
KEYING_LEGEND = " · ◑ paper sheet keyed once, to key again · ≠ keyings differ"


class ProgressArea(Area):
    TITLE = "Scoring progress"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        for category in self.store.round.categories():
            if category.is_panel_scored:
                self.category.addItem(category.name, category.id)
        self.category.currentIndexChanged.connect(lambda _index: self.refresh())
        category_label = QLabel("&Category")
        category_label.setBuddy(self.category)
        self.summary = QLabel()
        self.summary.setWordWrap(True)

        self.model = ProgressModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Scoring progress: entries down, panel members across")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        # Not ResizeToContents: that measures every cell (12,500 for 500 entries and 25
        # members) on every layout, seconds each time. Columns are as wide as their header
        # and the widest text a cell can hold; rows are fitted as they come into view.
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        fit_rows_to_contents(self.table)
        self.table.doubleClicked.connect(lambda _index: self.open_sheet())
        self.table.activated.connect(lambda _index: self.open_sheet())
        self.legend = legend = QLabel(LEGEND)
        legend.setWordWrap(True)

        self.open_button = QPushButton("&Open sheet…")
        self.open_button.setToolTip("See the selected member's scores for the selected entry")
        self.open_button.clicked.connect(self.open_sheet)
        self.reopen_button = QPushButton("&Reopen for member…")
        self.reopen_button.setToolTip(
            "Let the selected member change their scores in a category they submitted"
            + (
                ""
                if session.person.is_administrator
                else " (until they have seen its results; then only the administrator can)"
            )
        )
        self.reopen_button.clicked.connect(self.reopen)

        top = QHBoxLayout()
        top.addWidget(category_label)
        top.addWidget(self.category)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(legend, 1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reopen_button)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.addLayout(top)
        content_layout.addWidget(self.summary)
        content_layout.addWidget(self.table, 1)
        content_layout.addLayout(buttons)

        self.empty = EmptyState(
            "Scoring progress",
            "Once the panel starts scoring, a table here shows every member against every "
            "entry: not started, in progress, complete or declared interest. It needs panel "
            "members (Panel area) and entries (Nominations area) first.",
        )
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)
        self.content = content
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        self.refresh()

    def _category_id(self) -> int | None:
        value = self.category.currentData()
        return int(value) if value is not None else None

    def refresh(self) -> None:
        category_id = self._category_id()
        if category_id is None:
            self.stack.setCurrentWidget(self.empty)
            return
        progress = self.store.scores.progress(category_id)
        category = self.store.round.category(category_id)
        twice = self.store.round.settings().paper_keyed_twice
        self.legend.setText(LEGEND + (KEYING_LEGEND if twice else ""))
        self.model.set_progress(progress, len(category.criteria))
        self._fit_columns()
        has_anything = bool(progress.entries and progress.members) or any(
            self.store.nominations.entries(c.id) and self.store.panel.members_judging(c.id or 0)
            for c in self.store.round.categories()
            if c.is_panel_scored and c.id is not None and c.id != category_id
        )
        self.stack.setCurrentWidget(self.content if has_anything else self.empty)
        submitted = sum(1 for m in progress.members if progress.submitted_at.get(m.id or 0))
        self.summary.setText(
            f"{category.name}: {len(progress.entries)} entries, {len(progress.members)} "
            f"members judging, {submitted} submitted."
        )
        self.open_button.setEnabled(self._may_open_sheets(category_id))

    def _fit_columns(self) -> None:
        """Each member's column as wide as its header and the widest text a cell can show."""
        metrics = self.table.fontMetrics()
        room = 2 * metrics.averageCharWidth() + 2 * self.table.frameWidth()
        cells = max(metrics.horizontalAdvance(t) for t in self.model.cell_texts()) + room
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            header.resizeSection(column, max(cells, header.sectionSizeHint(column)))

    def _may_open_sheets(self, category_id: int) -> bool:
        return judging.may_open_sheets(
            self.store, viewer=self.session.person.viewer, category_id=category_id
        )

    def _selection(self) -> tuple[int, int] | None:
        index = self.table.currentIndex()
        return (index.row(), index.column()) if index.isValid() else None

    def open_sheet(self) -> None:
        category_id = self._category_id()
        selection = self._selection()
        if category_id is None or selection is None:
            return
        entry = self.model.entry_at(selection[0])
        member = self.model.member_at(selection[1])
        if entry is None or member is None:
            return
        sheet = attempt(
            self,
            "Sheet not shown",
            lambda: judging.open_sheet(
                self.store,
                viewer=self.session.person.viewer,
                member_id=member.id or 0,
                entry_id=entry.id or 0,
            ),
        )
        if sheet is None:
            return
        SheetDialog(member, entry, self.store.round.category(category_id), sheet, self).exec()

    def reopen(self) -> None:
        category_id = self._category_id()
        selection = self._selection()
        if category_id is None or selection is None:
            show_refusal(self, "Choose a cell in the column of the member first.", "Not reopened")
            return
        member = self.model.member_at(selection[1])
        if member is None:
            return
        viewer = self.session.person.viewer
        # Asked first, so nobody types a reason only to be told no.
        allowed = attempt(
            self,
            "Not reopened",
            lambda: judging.check_may_reopen(
                self.store,
                viewer=viewer,
                member_id=member.id or 0,
                category_id=category_id,
            ),
        )
        if allowed is None:
            return
        seen = " They have seen its results." if allowed.seen_results else ""
        reason = ask_reason(
            self,
            "Reopen a submitted category",
            f"Why is {allowed.category} being reopened for {allowed.member}?{seen} "
            "(kept in the record)",
        )
        if reason is None:
            return
        reopened = attempt(
            self,
            "Not reopened",
            lambda: judging.reopen_category(
                self.store,
                viewer=viewer,
                member_id=member.id or 0,
                category_id=category_id,
                reason=reason,
            ),
        )
        if reopened is None:
            return
        self.session.notify("scores")
        self.refresh()
        self.summary.setText(f"{reopened.summary} {self.summary.text()}")
        announce(self.summary, reopened.summary)
