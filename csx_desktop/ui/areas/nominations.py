"""The Nominations area: import the form export, then tidy the entries the panel will judge.

Left, the entries (category, nominee, service, nominations, status) with a category filter,
a status filter and search as you type (names, services, nominators and citation words).
Right, the chosen entry: every citation with its nominator, the entry's nominations, and the
actions: merge duplicates, split, move a nomination to another category, mark it ineligible,
withdraw or reinstate it, edit it. Adding by hand, importing and saving the template are
above the table. Every change goes through ``store.nominations`` and is audited there.

With text at twice its size on a laptop the page reflows instead of growing past the
screen: the rows of buttons and filters wrap (``FlowLayout``), and the entries and the chosen
entry sit one above the other in a page that scrolls up and down (``ReflowPanes``). "Sort
by" sorts the entries from the keyboard as a click on a column's heading does.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import Entry, EntryStatus, Nomination, NominationStatus
from csx_desktop.operations import imports
from csx_desktop.operations import nominations as tidying
from csx_desktop.operations.nominations import Tidied
from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.background import BackgroundJob, Progress, run_in_background
from csx_desktop.ui.errors import attempt, show_refusal
from csx_desktop.ui.nomination_models import (
    ALL,
    ENTRY_ID_ROLE,
    NOMINATION_STATUS_LABELS,
    EntriesModel,
    EntryFilter,
    NominationsModel,
    entry_rows,
    received_text,
)
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState
from csx_desktop.ui.widgets.fitted_rows import fit_rows_to_contents
from csx_desktop.ui.widgets.flow_layout import FlowLayout, pair
from csx_desktop.ui.widgets.reflow import ReflowPanes
from csx_desktop.ui.widgets.sort_by import SortBy

if TYPE_CHECKING:  # the importer itself is loaded when an import starts, not at sign-in
    from csx_desktop.io.nomination_import import CheckedImport, ImportReport

EXPORT_FILTER = "Form exports (*.xlsx *.csv);;All files (*)"
TEMPLATE_FILTER = "Excel workbook (*.xlsx);;CSV UTF-8 (*.csv)"
STATUS_CHOICES: tuple[tuple[str, frozenset[EntryStatus]], ...] = (
    ("Active", frozenset({EntryStatus.ACTIVE})),
    ("Withdrawn or ineligible", frozenset({EntryStatus.WITHDRAWN, EntryStatus.INELIGIBLE})),
    ("Merged", frozenset({EntryStatus.MERGED})),
    ("Any status", frozenset()),
)
# Sizes in characters of the font, so they grow with the text.
SEARCH_CHARACTERS = 28  # "Name, service, nominator…" stays readable, never "N…"
FILTER_CHARACTERS = 16  # the category and status drop-downs (they open as wide as needed)
TABLE_CHARACTERS = 70  # the entries' least width beside the chosen entry
DETAIL_CHARACTERS = 45  # the chosen entry's least width beside the entries
TABLE_ROWS = 10  # rows of entries in view when the chosen entry is below the table
CITATION_LINES = 8
COLUMN_CHARACTERS = {  # the widest a column grows before its words wrap
    EntriesModel.CATEGORY: 20,
    EntriesModel.NOMINEE: 22,
    EntriesModel.SERVICE: 28,
}


class NominationsArea(Area):
    TITLE = "Nominations"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._entry: Entry | None = None
        self._nominations_by_entry: dict[int, list[Nomination]] = {}

        # ---- actions above everything: they work on an empty round too ----
        self.import_button = QPushButton("&Import nominations…")
        self.import_button.setToolTip("Import the export from your form tool (xlsx or csv)")
        self.import_button.clicked.connect(self.import_nominations)
        self.add_button = QPushButton("&Add nomination…")
        self.add_button.setToolTip("Type in a nomination that came by email or on paper")
        self.add_button.clicked.connect(self.add_nomination)
        self.template_button = QPushButton("Save &template…")
        self.template_button.setToolTip(
            "Save a spreadsheet to fill in with nominations and import later"
        )
        self.template_button.clicked.connect(self.save_template)
        actions = FlowLayout()
        for button in (self.import_button, self.add_button, self.template_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            actions.addWidget(button)

        # ---- filters ----
        self.category_filter = QComboBox()
        self.category_filter.setAccessibleName("Show category")
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Show status")
        for label, statuses in STATUS_CHOICES:
            self.status_filter.addItem(label, statuses)
        self.search = QLineEdit()
        self.search.setAccessibleName("Search entries")
        self.search.setPlaceholderText("Name, service, nominator or words in a citation")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Search as you type (Ctrl+F)")
        characters = self.fontMetrics().averageCharWidth()
        self.search.setMinimumWidth(characters * SEARCH_CHARACTERS)
        for combo in (self.category_filter, self.status_filter):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(FILTER_CHARACTERS)
        filters = FlowLayout()
        for text, widget in (
            ("C&ategory:", self.category_filter),
            ("Stat&us:", self.status_filter),
            ("Searc&h:", self.search),
        ):
            buddy = QLabel(text)
            buddy.setBuddy(widget)
            filters.addWidget(pair(buddy, widget, expanding=widget is self.search))
        self.count_label = QLabel()
        self.count_label.setObjectName("entryCount")

        # ---- the entries table ----
        self.model = EntriesModel(self)
        self.proxy = EntryFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Entries")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Columns as wide as their words, up to a limit (``_fit_columns``); longer names and
        # services wrap onto a second line rather than ending in "…", and the status takes
        # what is left.
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(True)
        fit_rows_to_contents(self.table)  # only the rows on screen: 1,500 entries stay quick
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * TABLE_ROWS)
        self.table.sortByColumn(EntriesModel.CATEGORY, Qt.SortOrder.AscendingOrder)
        self.table.selectionModel().currentRowChanged.connect(self._entry_chosen)
        # Sorting from the keyboard: the same as a click on a column's heading. Before the
        # search box, so Tab (and Ctrl+F) goes from the search box straight to the entries.
        self.sort_by = SortBy(
            self.table,
            {
                EntriesModel.CATEGORY: ("in the round's order", "in reverse order"),
                EntriesModel.NOMINATIONS: ("fewest first", "most first"),
            },
        )
        filters.insertWidget(2, pair(self.sort_by.label, self.sort_by))
        filters.addWidget(self.count_label)

        # ---- the detail pane ----
        self.heading = QLabel()
        self.heading.setObjectName("entryHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setObjectName("entryFacts")
        self.merge_button = self._button("&Merge with…", self.merge, "Merge duplicate entries")
        self.split_button = self._button(
            "S&plit…", self.split, "Move some nominations into a new entry"
        )
        entry_actions = FlowLayout()
        entry_actions.addWidget(self.merge_button)
        entry_actions.addWidget(self.split_button)

        self.nominations_model = NominationsModel(self)
        self.nominations_table = QTableView()
        self.nominations_table.setModel(self.nominations_model)
        self.nominations_table.setAccessibleName("Nominations of this entry")
        self.nominations_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.nominations_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.nominations_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.nominations_table.setTabKeyNavigation(False)
        self.nominations_table.verticalHeader().setVisible(False)
        self.nominations_table.horizontalHeader().setStretchLastSection(True)
        self.nominations_table.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.nominations_table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.nominations_table.doubleClicked.connect(lambda _index: self.edit_nomination())

        self.edit_button = self._button(
            "&Edit nomination…", self.edit_nomination, "Correct this nomination"
        )
        self.move_button = self._button(
            "Mo&ve…", self.move_nomination, "Move this nomination to another category"
        )
        self.ineligible_button = self._button(
            "Mark i&neligible…", self.mark_ineligible, "Mark this nomination ineligible"
        )
        self.withdraw_button = self._button("&Withdraw…", self.withdraw, "Withdraw this nomination")
        self.reinstate_button = self._button(
            "&Reinstate", self.reinstate, "Make this nomination count again"
        )
        nomination_actions = FlowLayout()
        for button in (
            self.edit_button,
            self.move_button,
            self.ineligible_button,
            self.withdraw_button,
            self.reinstate_button,
        ):
            nomination_actions.addWidget(button)

        self.citations = QTextBrowser()
        self.citations.setAccessibleName("Citations")
        self.citations.setOpenLinks(False)
        self.citations.setMinimumHeight(self.fontMetrics().lineSpacing() * CITATION_LINES)

        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.heading)
        detail_layout.addWidget(self.facts)
        detail_layout.addLayout(entry_actions)
        nominations_label = QLabel("N&ominations:")
        nominations_label.setBuddy(self.nominations_table)
        detail_layout.addWidget(nominations_label)
        detail_layout.addWidget(self.nominations_table, 1)
        detail_layout.addLayout(nomination_actions)
        citations_label = QLabel("&Citations:")
        citations_label.setBuddy(self.citations)
        detail_layout.addWidget(citations_label)
        detail_layout.addWidget(self.citations, 3)

        # Side by side when both fit (3:2), the chosen entry below the list when not.
        self.panes = ReflowPanes()
        self.panes.add_pane(self.table, 3, side_width=characters * TABLE_CHARACTERS)
        self.panes.add_pane(detail, 2, side_width=characters * DETAIL_CHARACTERS)

        main = QWidget()
        main_layout = QVBoxLayout(main)
        main_layout.setContentsMargins(0, 0, 0, 0)
        main_layout.addLayout(filters)
        main_layout.addWidget(self.panes, 1)

        self.empty = EmptyState(
            "No nominations yet",
            "The nominations will be listed here, grouped into entries per category. Import "
            "the export from your form tool (Microsoft Forms, Google Forms or SurveyMonkey), "
            "or add one by hand.",
            action_text="&Import nominations…",
            on_action=self.import_nominations,
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(main)

        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.pages, 1)

        self.category_filter.currentIndexChanged.connect(self._filters_changed)
        self.status_filter.currentIndexChanged.connect(self._filters_changed)
        self.search.textChanged.connect(self._filters_changed)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.setWhatsThis("Go to the search box.")  # the words Help > How to score lists
        find.activated.connect(self._focus_search)
        # Tab follows reading order: actions, filters, the list, then the chosen entry.
        chain: list[QWidget] = [
            self.import_button,
            self.add_button,
            self.template_button,
            self.category_filter,
            self.status_filter,
            self.sort_by,
            self.search,
            self.table,
            self.merge_button,
            self.split_button,
            self.nominations_table,
            self.edit_button,
            self.move_button,
            self.ineligible_button,
            self.withdraw_button,
            self.reinstate_button,
            self.citations,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        self.refresh()

    def _button(self, text: str, slot: Callable[[], None], tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    # ---- reading the round ---------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read entries and nominations; keep the chosen entry if it is still there."""
        keep = self._entry.id if self._entry else None
        categories = self.store.round.categories()
        names = {int(c.id or 0): c.name for c in categories}
        entries = self.store.nominations.entries(include_inactive=True)
        self._nominations_by_entry = self.store.nominations.nominations_by_entry()
        self.model.set_rows(entry_rows(entries, names, self._nominations_by_entry))
        self._fit_columns()
        self._fill_category_filter(categories)
        self.pages.setCurrentIndex(1 if entries else 0)
        self._update_count()
        if keep is not None and self.select_entry(keep):
            return
        self._select_first()

    def _fit_columns(self) -> None:
        """Columns as wide as their text, within reason (in characters, so 2x fonts fit):
        a long nominee or service wraps rather than crushing the columns beside it."""
        self.table.resizeColumnsToContents()
        characters = self.fontMetrics().averageCharWidth()
        header = self.table.horizontalHeader()
        for column, limit in COLUMN_CHARACTERS.items():
            header.resizeSection(column, min(header.sectionSize(column), characters * limit))

    def _fill_category_filter(self, categories: tuple) -> None:
        current = self.category_filter.currentData()
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem("All categories", ALL)
        for category in categories:
            self.category_filter.addItem(category.name, category.id)
        index = self.category_filter.findData(current if current is not None else ALL)
        self.category_filter.setCurrentIndex(max(0, index))
        self.category_filter.blockSignals(False)

    def _filters_changed(self) -> None:
        self.proxy.set_category(int(self.category_filter.currentData() or ALL))
        statuses = self.status_filter.currentData()
        self.proxy.set_statuses(statuses if statuses is not None else frozenset())
        self.proxy.set_search(self.search.text())
        self._update_count()
        if not self.table.selectionModel().hasSelection():
            self._select_first()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(f"{shown} of {total} entries")

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ---- choosing an entry ---------------------------------------------------------------

    def select_entry(self, entry_id: int) -> bool:
        """Select an entry by id if the filters show it (for cross-links and tests)."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(ENTRY_ID_ROLE) == entry_id:
                self.table.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                self._entry_chosen(index)
                return True
        return False

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.select_entry(int(self.proxy.index(0, 0).data(ENTRY_ID_ROLE)))
        else:
            self._entry_chosen(QModelIndex())

    def _entry_chosen(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        entry_id = index.data(ENTRY_ID_ROLE) if index.isValid() else None
        self._entry = None
        if entry_id is not None:
            self._entry = next((r.entry for r in self.model.rows() if r.entry.id == entry_id), None)
        self._show_entry()

    def _show_entry(self) -> None:
        entry = self._entry
        nominations = self._nominations_by_entry.get(int(entry.id or 0), []) if entry else []
        self.nominations_model.set_rows(nominations)
        self.nominations_table.resizeColumnsToContents()
        if entry is None:
            self.heading.setText("No entry chosen")
            self.facts.setText("Choose an entry in the list to see its nominations.")
            self.citations.setHtml("")
        else:
            row = next(r for r in self.model.rows() if r.entry.id == entry.id)
            self.heading.setText(entry.nominee)
            facts = [row.category]
            if entry.service:
                facts.append(entry.service)
            if entry.nominating_body:
                facts.append(f"nominated by {entry.nominating_body}")
            count = entry.nomination_count
            facts.append(f"{count} eligible nomination{'s' if count != 1 else ''}")
            status = row.status_text + (f" ({entry.status_reason})" if entry.status_reason else "")
            facts.append(f"Status: {status}")
            text = " · ".join(facts)
            if entry.team_members:
                text += "\nMembers: " + ", ".join(entry.team_members)
            self.facts.setText(text)
            self.citations.setHtml(_citations_html(nominations))
        if nominations:
            self.nominations_table.selectRow(0)
        self._update_buttons()

    def _nomination(self) -> Nomination | None:
        index = self.nominations_table.selectionModel().currentIndex()
        if not index.isValid() or index.row() >= self.nominations_model.rowCount():
            return None
        return self.nominations_model.row_at(index.row())

    def _update_buttons(self, *_args: object) -> None:
        entry, nomination = self._entry, self._nomination()
        active = entry is not None and entry.status is not EntryStatus.MERGED
        self.merge_button.setEnabled(active)
        self.split_button.setEnabled(active and self.nominations_model.rowCount() > 1)
        for button in (self.edit_button, self.move_button):
            button.setEnabled(active and nomination is not None)
        eligible = nomination is not None and nomination.status is NominationStatus.ELIGIBLE
        self.ineligible_button.setEnabled(active and eligible)
        self.withdraw_button.setEnabled(active and eligible)
        self.reinstate_button.setEnabled(active and nomination is not None and not eligible)

    # ---- changing the round --------------------------------------------------------------

    def _do(self, action: Callable[[], Tidied], title: str = "Not done") -> Tidied | None:
        """Run one tidying operation; show a refusal in its own words; refresh everything."""
        done = attempt(self, title, action)
        if done is None:
            return None
        self.session.notify("nominations")
        if not self.isVisible():  # notify refreshes visible areas; keep this one current
            self.refresh()
        return done

    def add_nomination(self) -> None:
        from csx_desktop.ui.nomination_dialogs import NominationDialog

        dialog = NominationDialog(
            self.store.round.categories(), self.store.round.nominating_bodies(), parent=self
        )
        if dialog.exec():
            added = self._do(
                lambda: tidying.add_nomination(self.store, nomination=dialog.nomination())
            )
            if added is not None:
                self.select_entry(int(added.entry.id or 0))

    def edit_nomination(self) -> None:
        from csx_desktop.ui.nomination_dialogs import NominationDialog

        nomination = self._nomination()
        if nomination is None or not self.edit_button.isEnabled():
            return
        dialog = NominationDialog(
            self.store.round.categories(),
            self.store.round.nominating_bodies(),
            nomination,
            parent=self,
        )
        if dialog.exec():
            saved = self._do(
                lambda: tidying.correct_nomination(self.store, nomination=dialog.nomination())
            )
            if saved is not None:
                self.select_entry(int(saved.entry.id or 0))

    def merge(self) -> None:
        from csx_desktop.ui.nomination_dialogs import MergeDialog

        target = self._entry
        if target is None or target.id is None:
            return
        candidates = [
            e
            for e in self.store.nominations.entries(target.category_id, include_inactive=True)
            if e.id != target.id and e.status is not EntryStatus.MERGED
        ]
        if not candidates:
            show_refusal(self, "There is no other entry in this category to merge.", "Merge")
            return
        dialog = MergeDialog(target, candidates, self)
        if dialog.exec() and dialog.chosen():
            self.merge_entries(target.id, dialog.chosen(), dialog.reason.text())

    def merge_entries(self, target_id: int, other_ids: list[int], reason: str = "") -> bool:
        """Merge entries into ``target_id`` and show the result (the dialog's action)."""
        merged = self._do(
            lambda: tidying.merge_entries(
                self.store, into=target_id, others=other_ids, reason=reason
            ),
            "Merge",
        )
        if merged is None:
            return False
        self.select_entry(target_id)
        return True

    def split(self) -> None:
        from csx_desktop.ui.nomination_dialogs import SplitDialog

        entry = self._entry
        if entry is None or entry.id is None:
            return
        nominations = self._nominations_by_entry.get(entry.id, [])
        dialog = SplitDialog(entry, nominations, self)
        if dialog.exec():
            entry_id = entry.id
            created = self._do(
                lambda: tidying.split_entry(
                    self.store,
                    entry_id=entry_id,
                    nomination_ids=dialog.chosen(),
                    nominee=dialog.name.text(),
                ),
                "Split",
            )
            if created is not None:
                self.select_entry(int(created.entry.id or 0))

    def move_nomination(self) -> None:
        from csx_desktop.ui.nomination_dialogs import MoveDialog

        nomination = self._nomination()
        if nomination is None or nomination.id is None:
            return
        dialog = MoveDialog(
            nomination, self.store.round.categories(), self.store.round.nominating_bodies(), self
        )
        if dialog.exec():
            nomination_id = nomination.id
            moved = self._do(
                lambda: tidying.move_nomination(
                    self.store,
                    nomination_id=nomination_id,
                    category_id=dialog.category_id(),
                    nominating_body=dialog.nominating_body(),
                ),
                "Move",
            )
            if moved is not None:
                self._show_all_categories()
                self.select_entry(int(moved.entry.id or 0))

    def mark_ineligible(self) -> None:
        self._set_status(
            NominationStatus.INELIGIBLE,
            "Mark ineligible",
            "Why is this nomination ineligible? (for example: not a council employee)",
            required=True,
        )

    def withdraw(self) -> None:
        self._set_status(
            NominationStatus.WITHDRAWN,
            "Withdraw",
            "Why is it withdrawn? (for example: the nominee asked not to be considered)",
            required=False,
        )

    def reinstate(self) -> None:
        nomination = self._nomination()
        if nomination is not None and nomination.id is not None:
            nomination_id = nomination.id
            self._do(
                lambda: tidying.set_nomination_status(
                    self.store, nomination_id=nomination_id, status=NominationStatus.ELIGIBLE
                ),
                "Reinstate",
            )

    def _set_status(
        self, status: NominationStatus, title: str, question: str, *, required: bool
    ) -> None:
        from csx_desktop.ui.nomination_dialogs import ReasonDialog

        nomination = self._nomination()
        if nomination is None or nomination.id is None:
            return
        dialog = ReasonDialog(title, question, required=required, parent=self)
        if dialog.exec():
            nomination_id = nomination.id
            self._do(
                lambda: tidying.set_nomination_status(
                    self.store, nomination_id=nomination_id, status=status, reason=dialog.text()
                ),
                title,
            )

    def _show_all_categories(self) -> None:
        self.category_filter.setCurrentIndex(0)

    # ---- import and template -------------------------------------------------------------

    def import_nominations(self) -> None:
        """File > Import nominations… and the area's button (see ``start_import``)."""
        self.start_import()

    def start_import(self) -> BackgroundJob | None:
        """File dialog, then the mapping dialog, then the import and its result.

        Every row is read and checked on a worker while the window stays responsive, with a
        progress bar and Cancel (a cancelled import stores nothing); the checked rows are
        then stored in one transaction on the window's thread. Returns the job (tests wait
        on it), or None when nothing was started."""
        from csx_desktop.io.nomination_import import check_import, prepare_import
        from csx_desktop.ui.mapping_dialog import MappingDialog

        start = str(self.store.path.parent) if self.store.path else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(
            self, "Import nominations from a form export", start, EXPORT_FILTER
        )
        if not path:
            return None
        categories = self.store.round.categories()
        bodies = self.store.round.nominating_bodies()
        plan = attempt(
            self,
            "Cannot import this file",
            lambda: prepare_import(path, categories=categories),
        )
        if plan is None:
            return None
        dialog = MappingDialog(plan, categories, bodies, self)
        if not dialog.exec():
            return None
        chosen, mapping, keep_valid = dialog.plan, dialog.mapping(), dialog.keep_valid()
        category = None
        named = dialog.category()
        if named:
            category = attempt(
                self, "Nothing was imported", lambda: self.store.round.category_named(named)
            )
            if category is None:
                return None

        def check(progress: Progress) -> CheckedImport:
            return check_import(
                chosen,
                mapping,
                categories=categories,
                nominating_bodies=bodies,
                category=category,
                progress=lambda done, total: progress.step(
                    done, total, f"Checking row {done:,} of {total:,}…"
                ),
            )

        def store_checked(checked: CheckedImport) -> None:
            report = imports.store_nominations(self.store, checked=checked, skip_invalid=keep_valid)
            if report.committed:
                self.session.notify("nominations")
                if not self.isVisible():
                    self.refresh()
            self._show_import_report(report)

        return run_in_background(
            self,
            title=f"Importing {Path(path).name}",
            work=check,
            done=store_checked,
            refusal_title="Nothing was imported",
        )

    def _show_import_report(self, report: ImportReport) -> None:
        lines = report.summary_lines()
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information if report.committed else QMessageBox.Icon.Warning)
        box.setWindowTitle("Import finished" if report.committed else "Nothing was imported")
        box.setText(lines[0])
        rows = [str(e) for e in report.rejected]
        info = lines[1 : -len(rows)] if rows else lines[1:]
        if rows:
            info += rows[:8] + (
                [f"… and {len(rows) - 8} more (Show Details)"] if len(rows) > 8 else []
            )
            box.setDetailedText("\n".join(rows))
        box.setInformativeText("\n".join(info))
        box.exec()

    def save_template(self) -> None:
        start = str(self.store.path.parent) if self.store.path else str(Path.home())
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Save the nominations template",
            str(Path(start) / "Nominations template.xlsx"),
            TEMPLATE_FILTER,
        )
        if not path:
            return
        if Path(path).suffix.lower() not in (".xlsx", ".csv"):
            path += ".xlsx"
        # The save dialog has already asked before replacing a file of that name.
        written = attempt(
            self,
            "Template not saved",
            lambda: tidying.write_nominations_template(self.store, dest=path, overwrite=True),
        )
        if written is None:
            return
        QMessageBox.information(
            self,
            "Template saved",
            f"Saved {written.path.name}. Fill in one nomination a row below the notes row, "
            "then import it with Import nominations….",
        )


def _citations_html(nominations: list[Nomination]) -> str:
    """Every citation with its nominator, relationship and date, as a reader would want."""
    parts = []
    for number, nomination in enumerate(nominations, start=1):
        who = html.escape(nomination.nominator_name or "Nominator not given")
        if nomination.relationship:
            who += f", {html.escape(nomination.relationship)}"
        status = ""
        if nomination.status is not NominationStatus.ELIGIBLE:
            reason = (
                f": {html.escape(nomination.status_reason)}" if nomination.status_reason else ""
            )
            status = f" — <b>{NOMINATION_STATUS_LABELS[nomination.status]}</b>{reason}"
        paragraphs = (
            "".join(
                f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>"
                for p in nomination.citation.split("\n\n")
                if p.strip()
            )
            or "<p><i>No citation given.</i></p>"
        )
        parts.append(
            f"<h3>Nomination {number} of {len(nominations)}{status}</h3>{paragraphs}"
            f"<p><i>— {who}, {html.escape(received_text(nomination))}</i></p>"
        )
    return "<hr>".join(parts)
