"""The Results area: each category's ranking, the sheets behind an entry, and the decisions.

The chair (or the administrator) picks a category and sees its entries in rank order with
score, counted sheets, spread, the mean per panel group and flags in words, and under it
whether the winner depends on how the sheets are counted (issue 16: the round's own count,
judge-adjusted, Borda and head to head, with the panel resampled), in a sentence and flagged
where first place differs or is unstable. Three tabs below: the sheets and comments behind
the chosen entry, the counts side by side, and "Judges at a glance". "Record decision…" opens
the decision dialog (check your answers before anything is stored); a recorded decision can be
reopened with a reason. The results report and the exports are saved from here too. The area
re-reads the round whenever it changes (a score arriving, another program writing the file).

Opening it is instant: the area is built and shown with the categories and "Counting the
results…" (said to a screen reader too), and the chosen category is counted once those words
are on screen (``counting`` until then; ``counted`` after). Its tables' columns are measured
from their words once a change (``widgets.fitted_columns``), rows only where on screen.

Everything it shows of the panel's scores is read through ``operations.results``, as the
person signed in: a member (the chair included) sees nothing of a category they judge until
they have submitted it — no ranking, total, count, chart, report or export — and the
operation notes each time a member is shown results. ``ResultsArea(session)`` works for the
administrator and for every member (the member workspace's Results tab); a member who is not
the chair sees their submitted categories in plain words (score, how many judges, each panel
group's average and notes) without the sheets, the statistics or the outputs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelection, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import Method
from csx_desktop.domain.scoring import CategoryResult, EntryResult, Flag
from csx_desktop.operations import results as results_ops
from csx_desktop.operations.results import ADMINISTRATOR, CategoryLine, Viewer, Written
from csx_desktop.ui.announce import announce
from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.background import BackgroundJob, Progress, run_in_background
from csx_desktop.ui.errors import attempt
from csx_desktop.ui.judges_chart import JudgesAtAGlanceView
from csx_desktop.ui.reason_box import ask_multiline
from csx_desktop.ui.results_models import (
    FLAG_SYMBOLS,
    FLAG_WORDS,
    CountsTableModel,
    ResultsTableModel,
    SheetsTableModel,
    flag_text,
    number,
)
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.button_keys import add_key
from csx_desktop.ui.widgets.empty_state import EmptyState
from csx_desktop.ui.widgets.fitted_columns import fit_columns_to_contents
from csx_desktop.ui.widgets.fitted_rows import fit_rows_to_contents

if TYPE_CHECKING:
    from csx_desktop.domain.counts import Counts

COUNTING_WORDS = "Counting the results…"
EXPORT_FILTER = "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"
FLAG_MARK = "⚠"
STEADY_MARK = "✓"


def counts_in_words(result: CategoryResult, counts: Counts | None, judges: dict[int, str]) -> str:
    """Whether the winner depends on how we count, flagged in words where it does."""
    if counts is None or not counts.own:
        return ""
    names = {e.entry_id: e.nominee for e in result.entries}
    sentence = counts.in_words(names, judges)
    if counts.winner_depends_on_count:
        return f"{FLAG_MARK} The winner depends on how we count. {sentence}"
    if counts.judges_who_change_the_winner:
        return sentence  # steady by every count, yet one judge's sheets decide it: no tick
    return f"{STEADY_MARK} {sentence}"


class ResultsArea(Area):
    """Signals: ``counted()`` once the first count of the chosen category is on screen."""

    TITLE = "Results"
    JUDGES_TAB = 2

    counted = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.report_job: BackgroundJob | None = None  # the report being drawn, if any
        self.export_job: BackgroundJob | None = None  # the export being written, if any
        person = session.person
        member = person.member
        self.viewer: Viewer = (
            ADMINISTRATOR if person.is_administrator or member is None else int(member.id or 0)
        )
        self.can_decide = person.is_administrator or person.is_chair
        # Other panel members see the panel's totals once they have submitted, never each
        # other's sheets or comments (DESIGN.md); the chair and the administrator see both.
        self.can_see_sheets = self.can_decide
        # A member's words for a member; the chair's statistics, explained, for the chair.
        self.plain = not self.can_decide
        self.lines: list[CategoryLine] = []
        self.result: CategoryResult | None = None
        self.counts: Counts | None = None
        self._judges_for = -1  # the category "Judges at a glance" was drawn for

        self.empty = EmptyState(
            "No results yet",
            "Rankings appear here once the round has nominations and the panel starts "
            "scoring: score, spread, where judges disagree and ties. Import the nominations "
            "in the Nominations area first; the chair records each category's decision here.",
        )
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self._build_content())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        # The area shows at once; the chosen category is counted once its "Counting the
        # results…" line is on screen (reading a round's sheets and ranking them takes
        # longer than a click should; ``counting`` says it has not happened yet).
        self.counting = False
        self.decision_label.installEventFilter(self)
        self._load_lines()
        line = self.current_line()
        if line is not None and not line.withheld and self.pages.currentIndex() == 1:
            self._withhold(COUNTING_WORDS)
            self.counting = True
            announce(self, COUNTING_WORDS)
        else:
            self._show_category()
        self._update_outputs()

    # ---- building ----------------------------------------------------------------------------

    def _build_content(self) -> QWidget:
        content = QWidget()
        self.category_box = QComboBox()
        self.category_box.setAccessibleName("Category")
        self.category_box.currentIndexChanged.connect(lambda _index: self._show_category())
        category_label = QLabel("&Category:")
        category_label.setBuddy(self.category_box)

        self.decide_button = QPushButton("&Record decision…")
        self.decide_button.setToolTip("Record the winner and highly commended (Ctrl+D)")
        add_key(self.decide_button, "Ctrl+D")
        self.decide_button.clicked.connect(self.record_decision)
        self.reopen_button = QPushButton("Re&open decision…")
        self.reopen_button.setToolTip("Reopen the recorded decision, with a reason")
        self.reopen_button.clicked.connect(self.reopen_decision)
        self.report_button = QPushButton("&Save results report…")
        self.report_button.setToolTip("Save the results report as a PDF (Ctrl+Shift+R)")
        add_key(self.report_button, "Ctrl+Shift+R")
        self.report_button.clicked.connect(self.save_report)
        self.export_button = QToolButton()
        self.export_button.setText("E&xport")
        self.export_button.setAccessibleName("Export")
        self.export_button.setToolTip("Save the results or every scoresheet as Excel or CSV")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        self.export_results_action = QAction("&Results…", menu)
        self.export_results_action.triggered.connect(lambda: self.export("results"))
        self.export_sheets_action = QAction("All &scoresheets…", menu)
        self.export_sheets_action.triggered.connect(lambda: self.export("scoresheets"))
        menu.addAction(self.export_results_action)
        menu.addAction(self.export_sheets_action)
        self.export_button.setMenu(menu)
        for button in (self.decide_button, self.reopen_button):
            button.setVisible(self.can_decide)
        for widget in (self.report_button, self.export_button):  # they carry every sheet
            widget.setVisible(self.can_see_sheets)

        # Two rows, so that at 200% text the category name and the buttons both fit.
        top = QHBoxLayout()
        top.addWidget(category_label)
        top.addWidget(self.category_box, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.decide_button)
        actions.addWidget(self.reopen_button)
        actions.addStretch(1)
        actions.addWidget(self.report_button)
        actions.addWidget(self.export_button)

        self.decision_label = QLabel()
        self.decision_label.setWordWrap(True)
        self.decision_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Does the winner depend on how we count? One sentence, flagged in words.
        self.counts_label = QLabel()
        self.counts_label.setObjectName("countsFlag")
        self.counts_label.setWordWrap(True)
        self.counts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts_label.setVisible(False)

        self.model = ResultsTableModel(plain=self.plain)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Ranking")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        # Long notes wrap onto a second line rather than end in "…" (large text, narrow window).
        self.table.setWordWrap(True)
        fit_rows_to_contents(self.table)  # only the rows on screen: 1,500 entries stay quick
        for column in ResultsTableModel.CHAIR_ONLY:
            self.table.setColumnHidden(column, self.plain)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Every column as wide as its widest words, measured once a change (Qt's own
        # ResizeToContents measured every cell at every layout, even with the area hidden);
        # the flags (last) take what is left.
        header.setStretchLastSection(True)
        fit_columns_to_contents(self.table)
        self.table.selectionModel().selectionChanged.connect(self._entry_chosen)
        # The paper-sheet flag is said only in a round that keys paper sheets twice.
        twice = self.store.round.settings().paper_keyed_twice
        flags = {f: s for f, s in FLAG_SYMBOLS.items() if twice or f is not Flag.PAPER_TO_CHECK}
        if self.plain:
            legend = (
                "Score: the average of the judges' totals, out of 100. Notes: "
                + "   ".join(f"{symbol} {FLAG_WORDS[flag]}" for flag, symbol in flags.items())
                + "."
            )
        else:
            legend = (
                "Flags: "
                + "   ".join(f"{symbol} {flag.label.lower()}" for flag, symbol in flags.items())
                + ". Spread: the highest minus the lowest judge's total."
            )
        self.legend = QLabel(legend)
        self.legend.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.legend)

        # The ranking above; below, for the chair and the administrator, three tabs.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        self.detail_tabs = QTabWidget()
        self.detail_tabs.setAccessibleName("About the chosen category")
        self.detail_tabs.setDocumentMode(True)
        self.detail_tabs.addTab(self._build_sheets(), "S&heets and comments")
        self.detail_tabs.addTab(self._build_counts(), "Counts side &by side")
        self.detail_tabs.addTab(self._build_judges(), "&Judges at a glance")
        self.detail_tabs.currentChanged.connect(lambda _index: self._show_judges())
        splitter.addWidget(self.detail_tabs)
        self.detail_tabs.setVisible(self.can_see_sheets)
        # The ranking is what the chair came for: it gets the larger share of the height.
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(self.decision_label)
        layout.addWidget(self.counts_label)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        # With no ranking shown (counting, or withheld) the words stay under the category
        # and the buttons under them, rather than spread down the empty area.
        layout.addStretch(0)
        self.results_pane = splitter
        self.setTabOrder(self.category_box, self.table)
        return content

    def _build_sheets(self) -> QWidget:
        self.detail_title = QLabel()
        font = self.detail_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.detail_title.setFont(font)
        self.detail_title.setWordWrap(True)
        self.detail_summary = QLabel()
        self.detail_summary.setWordWrap(True)
        self.sheets_model = SheetsTableModel()
        self.sheets = QTableView()
        self.sheets.setModel(self.sheets_model)
        self.sheets.setAccessibleName("Scoresheets for the chosen entry")
        self.sheets.setTabKeyNavigation(False)
        self.sheets.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.sheets.verticalHeader().hide()
        self.sheets.horizontalHeader().setStretchLastSection(True)
        fit_columns_to_contents(self.sheets)
        self.comments = QTextBrowser()
        self.comments.setAccessibleName("Judges' comments")
        comments_label = QLabel("Co&mments")
        comments_label.setBuddy(self.comments)
        sheets_box = QWidget()
        sheets_layout = QVBoxLayout(sheets_box)
        sheets_layout.setContentsMargins(0, 0, 0, 0)
        sheets_layout.addWidget(self.detail_title)
        sheets_layout.addWidget(self.detail_summary)
        sheets_layout.addWidget(self.sheets, 1)
        comments_box = QWidget()
        comments_layout = QVBoxLayout(comments_box)
        comments_layout.setContentsMargins(0, 0, 0, 0)
        comments_layout.addWidget(comments_label)
        comments_layout.addWidget(self.comments, 1)
        detail = QSplitter(Qt.Orientation.Horizontal)
        detail.addWidget(sheets_box)
        detail.addWidget(comments_box)
        detail.setStretchFactor(0, 3)
        detail.setStretchFactor(1, 2)
        detail.setChildrenCollapsible(False)
        return detail

    def _build_counts(self) -> QWidget:
        box = QWidget()
        self.counts_intro = QLabel(
            "Beside the round's own count, other reasonable ways of counting the same sheets, "
            "advisory: judge-adjusted (each judge's general leniency taken out), the judges' "
            "own rankings combined (Borda), and head to head (Condorcet). “First in "
            "resamples”: how often the entry comes first when the panel is drawn again from "
            "its own judges."
        )
        self.counts_intro.setWordWrap(True)
        self.counts_model = CountsTableModel()
        self.counts_table = QTableView()
        self.counts_table.setModel(self.counts_model)
        self.counts_table.setAccessibleName("Counts side by side")
        self.counts_table.setTabKeyNavigation(False)
        self.counts_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.counts_table.verticalHeader().hide()
        self.counts_table.horizontalHeader().setStretchLastSection(True)
        fit_columns_to_contents(self.counts_table)
        self.first_by_label = QLabel()
        self.first_by_label.setWordWrap(True)
        self.first_by_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.counts_intro)
        layout.addWidget(self.first_by_label)
        layout.addWidget(self.counts_table, 1)
        # At large text the words and the table need more height than the tab has: the tab
        # scrolls rather than cutting lines in half.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(box)
        return scroll

    def _fit_counts_table(self) -> None:
        """The counts table as tall as its rows (up to ten), so the tab scrolls as a whole."""
        table = self.counts_table
        rows = min(self.counts_model.rowCount(), 10)
        height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth() + 4
        height += rows * table.verticalHeader().defaultSectionSize()
        table.setMinimumHeight(max(height, table.fontMetrics().height() * 4))

    def _build_judges(self) -> QWidget:
        self.judges_view = JudgesAtAGlanceView()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setAccessibleName("Judges at a glance")
        scroll.setWidget(self.judges_view)
        return scroll

    # ---- reading ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.decision_label and event.type() == QEvent.Type.Paint and self.counting:
            QTimer.singleShot(0, self, self.finish_counting)  # the words are on screen: count
        return super().eventFilter(watched, event)

    def finish_counting(self) -> None:
        """Count and show the chosen category now, if the first count is still to come."""
        if not self.counting:
            return
        self.counting = False
        self._show_category()
        announce(self, self.decision_label.text())  # counted: where the category stands
        self.counted.emit()

    def refresh(self) -> None:
        self.counting = False
        keep_entry = self._load_lines()
        if self.pages.currentIndex() != 1:
            return
        self._show_category(keep_entry.entry_id if keep_entry else None)
        self._update_outputs()

    def _load_lines(self) -> EntryResult | None:
        """List the categories (nothing of their scores); returns the entry chosen before."""
        keep_category = self.current_line()
        keep_entry = self.current_entry()
        self.lines = results_ops.categories_for(self.store, viewer=self.viewer)
        if not any(line.entries for line in self.lines):
            self.pages.setCurrentWidget(self.empty)
            return None
        self.pages.setCurrentIndex(1)
        self.category_box.blockSignals(True)
        self.category_box.clear()
        for line in self.lines:
            self.category_box.addItem(self._category_text(line), line.category.id)
        index = 0
        if keep_category is not None:
            found = self.category_box.findData(keep_category.category.id)
            index = max(0, found)
        self.category_box.setCurrentIndex(index)
        self.category_box.blockSignals(False)
        return keep_entry

    @staticmethod
    def _category_text(line: CategoryLine) -> str:
        state = "decided" if line.decided else "not decided"
        if line.withheld:
            state += ", results after you submit"
        return f"{line.category.name} — {line.entries} entries, {state}"

    def _update_outputs(self) -> None:
        """The report and exports: the chair's hold only the categories they have submitted,
        so with none they are unavailable (the operations refuse them anyway)."""
        allowed = bool(results_ops.visible_category_ids(self.store, viewer=self.viewer))
        tip = "" if allowed else "Available once you have submitted your scores for a category"
        for widget in (self.report_button, self.export_button):
            widget.setEnabled(allowed)
        for action in (self.export_results_action, self.export_sheets_action):
            action.setEnabled(allowed)
        self.report_button.setToolTip(tip or "Save the results report as a PDF (Ctrl+Shift+R)")
        self.export_button.setToolTip(tip or "Save the results or every scoresheet as Excel or CSV")

    def current_line(self) -> CategoryLine | None:
        index = self.category_box.currentIndex() if hasattr(self, "category_box") else -1
        return self.lines[index] if 0 <= index < len(self.lines) else None

    def current_result(self) -> CategoryResult | None:
        """The category shown, when its results are shown to the person signed in."""
        return self.result

    def current_entry(self) -> EntryResult | None:
        if not hasattr(self, "table"):
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def show_category(self, name: str) -> None:
        """Choose a category by name (for the chair's workspace and tests)."""
        for index, line in enumerate(self.lines):
            if line.category.name == name:
                self.category_box.setCurrentIndex(index)
                self.finish_counting()  # chosen before the first count: shown now
                return

    def _withhold(self, text: str) -> None:
        self.result = None
        self.counts = None
        self.model.set_result(None)
        self.counts_model.set_counts([], None)
        self.judges_view.set_view(None)
        self._judges_for = -1
        self.first_by_label.setText("")
        self.counts_label.setText("")
        self.counts_label.setVisible(False)
        self.decision_label.setText(text)
        self.decide_button.setEnabled(False)
        self.reopen_button.setEnabled(False)
        self._show_entry(None)
        self.results_pane.setVisible(False)  # nothing to show: the sentence above says why

    def _show_category(self, keep_entry_id: int | None = None) -> None:
        self.counting = False  # a category chosen before the first count: counted now
        line = self.current_line()
        if line is None:
            self._withhold("")
            return
        if line.withheld:
            self._withhold(line.withheld)
            return
        category_id = int(line.category.id or 0)
        result = attempt(
            self,
            "Results not shown",
            lambda: results_ops.category_results(
                self.store, viewer=self.viewer, category_id=category_id
            ),
        )
        if result is None:
            self._withhold("")
            return
        self.result = result
        self.model.set_result(result)
        is_vote = result.category.method is Method.STAFF_VOTE
        for column in (
            ResultsTableModel.SHEETS,
            ResultsTableModel.SPREAD,
            *ResultsTableModel.GROUPS,
        ):
            chair_only = self.plain and column in ResultsTableModel.CHAIR_ONLY
            self.table.setColumnHidden(column, is_vote or chair_only)
        self.decision_label.setText(self._decision_text(result))
        self._show_counts(result)
        decided = result.decision is not None
        self.decide_button.setEnabled(self.can_decide and not decided and bool(result.entries))
        self.reopen_button.setEnabled(self.can_decide and decided)
        # Shown once filled: laid out and measured once, not once empty and again full.
        self.results_pane.setVisible(True)
        row = self.model.row_of(keep_entry_id) if keep_entry_id is not None else -1
        self.table.selectRow(row if row >= 0 else 0)
        if not result.entries:
            self._show_entry(None)

    def _show_counts(self, result: CategoryResult) -> None:
        """The other counts and the flag: the chair's and the administrator's (read through
        the operations, which check it again)."""
        self.counts = None
        category_id = int(result.category.id or 0)
        if self.can_see_sheets and result.category.method is Method.PANEL:
            self.counts = attempt(
                self,
                "Counts not shown",
                lambda: results_ops.other_counts(
                    self.store, viewer=self.viewer, category_id=category_id
                ),
            )
        judges = {m.id: m.name for m in self.store.panel.members() if m.id is not None}
        words = counts_in_words(result, self.counts, judges)
        self.counts_label.setText(words)
        self.counts_label.setVisible(bool(words))
        self.counts_model.set_counts(list(result.entries), self.counts)
        self._fit_counts_table()
        self.first_by_label.setText(self._first_by_text(result))
        self._judges_for = -1  # drawn when its tab is shown
        self._show_judges()

    def _show_judges(self) -> None:
        """Judges at a glance, read only while its tab is the one shown (it counts again)."""
        result = self.result
        if result is None or self.detail_tabs.currentIndex() != self.JUDGES_TAB:
            return
        category_id = int(result.category.id or 0)
        if self._judges_for == category_id:
            return
        self._judges_for = category_id
        view = None
        if self.can_see_sheets and result.category.method is Method.PANEL:
            view = attempt(
                self,
                "Chart not shown",
                lambda: results_ops.judges_at_a_glance(
                    self.store, viewer=self.viewer, category_id=category_id
                ),
            )
        self.judges_view.set_view(view)

    def _first_by_text(self, result: CategoryResult) -> str:
        counts = self.counts
        if counts is None or not counts.own:
            return "No sheets are counted in this category yet."
        from csx_desktop.domain.counts import COUNT_WORDS

        parts = []
        for count, first in counts.first_by_count.items():
            who = result.nominee(first) if first is not None else "no single entry"
            parts.append(f"{COUNT_WORDS[count]}: {who}")
        return "First place by each count — " + "; ".join(parts) + "."

    def _decision_text(self, result: CategoryResult) -> str:
        decision = result.decision
        if decision is None:
            leaders = result.leaders
            if not leaders:
                lead = "No entry is ranked yet."
            elif len(leaders) > 1:
                lead = "= Tied at rank 1: " + " and ".join(e.nominee for e in leaders) + "."
            else:
                lead = f"Rank 1: {leaders[0].nominee}."
            return f"Decision not recorded yet. {lead}"
        winners = " and ".join(result.nominee(i) for i in decision.winners)
        text = f"★ Decided: {winners}" + (" (joint winners)" if len(decision.winners) > 1 else "")
        if decision.highly_commended:
            commended = ", ".join(result.nominee(i) for i in decision.highly_commended)
            text += f"; highly commended: {commended}"
        text += f". Recorded by {decision.recorded_by}."
        if decision.reason:
            text += f" Reason: {decision.reason}"
        return text

    def _entry_chosen(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self._show_entry(self.current_entry())

    def _show_entry(self, entry: EntryResult | None) -> None:
        result = self.current_result()
        if entry is None or result is None or not self.can_see_sheets:
            self.detail_title.setText("")
            self.detail_summary.setText("Choose an entry to see its scoresheets and comments.")
            self.sheets_model.set_rows([])
            self.comments.setPlainText("")
            return
        self.detail_title.setText(entry.nominee)
        if result.category.method is Method.STAFF_VOTE:
            votes = "no votes counted yet" if entry.score is None else f"{int(entry.score)} votes"
            self.detail_summary.setText(f"Staff vote: {votes}. There are no panel scoresheets.")
            self.sheets_model.set_rows([])
            self.comments.setPlainText("")
            return
        summary = (
            f"Score {number(entry.score)} from {entry.judges} counted sheets; "
            f"spread {number(entry.spread)}."
        )
        if entry.flags:
            summary += " " + "; ".join(flag_text(f) for f in entry.flags) + "."
        self.detail_summary.setText(summary)
        sheets = (
            attempt(
                self,
                "Sheets not shown",
                lambda: results_ops.sheets_behind(
                    self.store, viewer=self.viewer, entry_id=entry.entry_id
                ),
            )
            or []
        )
        self.sheets_model.set_rows(sheets)
        comments = [s for s in sheets if s.comment.strip()]
        if comments:
            self.comments.setPlainText(
                "\n\n".join(f"{s.member} ({s.status}): {s.comment.strip()}" for s in comments)
            )
        else:
            self.comments.setPlainText("No judge has left a comment on this entry.")

    # ---- acting ------------------------------------------------------------------------------

    def record_decision(self) -> None:
        result = self.current_result()
        if result is None or not self.can_decide:
            return
        from csx_desktop.ui.decision_dialog import DecisionDialog

        dialog = DecisionDialog(self.store, result, self, viewer=self.viewer)
        if dialog.exec() and dialog.decision is not None:
            self.session.notify("decisions")

    def reopen_decision(self) -> None:
        result = self.current_result()
        if result is None or result.decision is None or not self.can_decide:
            return
        reason, ok = ask_multiline(
            self,
            f"Reopen the decision — {result.category.name}",
            "Why is the decision being reopened? (Scoring in the category opens again.)",
        )
        if not ok:
            return
        from csx_desktop.operations import decisions as decision_ops

        category_id = int(result.category.id or 0)
        reopened = attempt(
            self,
            "Decision not reopened",
            lambda: decision_ops.reopen_decision(
                self.store, viewer=self.viewer, category_id=category_id, reason=reason
            ),
        )
        if reopened is not None:
            self.session.notify("decisions")

    def _suggested(self, name: str) -> str:
        folder = self.store.path.parent if self.store.path else Path.home()
        return str(folder / name)

    def _may_save(self) -> bool:
        """Refuse, before asking for a file name, what the operations would refuse."""
        return self.can_see_sheets and (
            attempt(
                self,
                "Nothing to save yet",
                lambda: results_ops.check_outputs(self.store, viewer=self.viewer),
            )
            is not None
        )

    def save_report(self) -> None:
        if not self._may_save():
            return
        year = self.store.round.settings().year
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Save the results report",
            self._suggested(f"results-report-{year}.pdf"),
            "PDF documents (*.pdf)",
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        # Read here (the round's connection is this thread's); drawn on a worker while the
        # window stays responsive; written only once drawn, so Cancel leaves no file.
        to_write = attempt(
            self,
            "Report not saved",
            lambda: results_ops.prepare_results_report(self.store, viewer=self.viewer),
        )
        if to_write is None:
            return

        def saved(rendered: tuple[bytes, int]) -> None:
            # The save dialog has already asked before replacing a file of that name.
            written = to_write.save(rendered, path=path, overwrite=True)
            self._status(f"Saved the results report ({written.amount} pages) to {path}")

        def draw(progress: Progress) -> tuple[bytes, int]:
            progress.step(0, 1, "Drawing the results report…")
            rendered = to_write.render()
            progress.step(1, 1, "Saving the results report…")  # Cancel pressed: not saved
            return rendered

        self.report_job = run_in_background(
            self,
            title="Saving the results report",
            work=draw,
            done=saved,
            refusal_title="Report not saved",
        )

    def export(self, what: str) -> None:
        if not self._may_save():
            return
        year = self.store.round.settings().year
        path, chosen = QFileDialog.getSaveFileName(
            self,
            "Export the results" if what == "results" else "Export every scoresheet",
            self._suggested(f"{what}-{year}.xlsx"),
            EXPORT_FILTER,
        )
        if not path:
            return
        if not path.lower().endswith((".xlsx", ".csv")):
            path += ".csv" if "csv" in chosen.lower() else ".xlsx"
        # Read here (the round's connection is this thread's; the chair's holds only what she
        # has submitted); written on a worker while the window stays responsive, and put in
        # place only once whole, so Cancel leaves no file (and a file of that name as it was).
        to_write = attempt(
            self,
            "Export not saved",
            lambda: results_ops.prepare_export(self.store, viewer=self.viewer, what=what),
        )
        if to_write is None:
            return

        def write(progress: Progress) -> Written:
            # The save dialog has already asked before replacing a file of that name.
            return to_write.write(path=path, overwrite=True, progress=progress.step)

        def exported(written: Written) -> None:
            self._status(written.summary("rows").replace("Wrote", "Exported", 1))

        self.export_job = run_in_background(
            self,
            title="Exporting the results" if what == "results" else "Exporting every scoresheet",
            work=write,
            done=exported,
            refusal_title="Export not saved",
        )

    def _status(self, text: str) -> None:
        window = self.window()
        status_bar = getattr(window, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(text, 10000)
