"""The Results area: each category's ranking, the sheets behind an entry, and the decisions.

The chair (or the administrator) picks a category and sees its entries in rank order with
score, normalised score, counted sheets, spread, the mean per panel group and flags in words;
choosing an entry shows every sheet and comment behind it. "Record decision…" opens the
decision dialog with the rank 1 entry ticked; a recorded decision can be reopened with a
reason. The results report and the exports are saved from here too. The area re-reads the
round whenever it changes (a score arriving, another program writing the file).

``ResultsArea(session)`` works for the administrator and for a panel member who is the chair
(the chair's workspace embeds it); anyone else sees the results but cannot decide, and sees
them in plain words: score, how many judges, each panel group's average and notes, without
the chair's statistics (see ``ResultsTableModel(plain=True)``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import Method
from csx_desktop.domain.scoring import CategoryResult, EntryResult
from csx_desktop.store import CsxError
from csx_desktop.store.results import load_results, reopen_decision, sheet_details
from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.decision_dialog import DecisionDialog
from csx_desktop.ui.errors import show_refusal
from csx_desktop.ui.reason_box import ask_multiline
from csx_desktop.ui.results_models import (
    FLAG_SYMBOLS,
    FLAG_WORDS,
    ResultsTableModel,
    SheetsTableModel,
    flag_text,
    number,
)
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState

EXPORT_FILTER = "Excel workbook (*.xlsx);;CSV, UTF-8 (*.csv)"


class ResultsArea(Area):
    TITLE = "Results"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        person = session.person
        self.can_decide = person.is_administrator or person.is_chair
        # Other panel members see the panel's totals once they have submitted, never each
        # other's sheets or comments (DESIGN.md); the chair and the administrator see both.
        self.can_see_sheets = self.can_decide
        # A member's words for a member; the chair's statistics, explained, for the chair.
        self.plain = not self.can_decide
        self.results: list[CategoryResult] = []

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
        self.refresh()

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
        self.decide_button.setShortcut(QKeySequence("Ctrl+D"))
        self.decide_button.clicked.connect(self.record_decision)
        self.reopen_button = QPushButton("Re&open decision…")
        self.reopen_button.setToolTip("Reopen the recorded decision, with a reason")
        self.reopen_button.clicked.connect(self.reopen_decision)
        self.report_button = QPushButton("Save results &report…")
        self.report_button.setToolTip("Save the results report as a PDF (Ctrl+Shift+R)")
        self.report_button.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.report_button.clicked.connect(self.save_report)
        self.export_button = QToolButton()
        self.export_button.setText("E&xport")
        self.export_button.setAccessibleName("Export")
        self.export_button.setToolTip("Save the results or every scoresheet as Excel or CSV")
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        results_action = QAction("&Results…", menu)
        results_action.triggered.connect(lambda: self.export("results"))
        sheets_action = QAction("All &scoresheets…", menu)
        sheets_action.triggered.connect(lambda: self.export("scoresheets"))
        menu.addAction(results_action)
        menu.addAction(sheets_action)
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

        self.model = ResultsTableModel(plain=self.plain)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Ranking")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        # Long notes wrap onto a second line rather than end in "…" (large text, narrow window).
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in ResultsTableModel.CHAIR_ONLY:
            self.table.setColumnHidden(column, self.plain)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        # Every column as wide as its contents; the flags (last) take what is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._entry_chosen)
        if self.plain:
            legend = (
                "Score: the average of the judges' totals, out of 100. Notes: "
                + "   ".join(
                    f"{symbol} {FLAG_WORDS[flag]}" for flag, symbol in FLAG_SYMBOLS.items()
                )
                + "."
            )
        else:
            legend = (
                "Flags: "
                + "   ".join(
                    f"{symbol} {flag.label.lower()}" for flag, symbol in FLAG_SYMBOLS.items()
                )
                + ". Normalised: each judge's totals evened out for how generous they score,"
                " a second view beside the score; the chair decides. Spread: the highest minus"
                " the lowest judge's total."
            )
        self.legend = QLabel(legend)
        self.legend.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.legend)

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
        self.sheets.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.sheets.horizontalHeader().setStretchLastSection(True)
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

        # The ranking above, the chosen entry's sheets and comments below: both tables are
        # wide, so each gets the full width of the window.
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(left)
        splitter.addWidget(detail)
        detail.setVisible(self.can_see_sheets)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(self.decision_label)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.category_box, self.table)
        return content

    # ---- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        keep_category = self.current_result()
        keep_entry = self.current_entry()
        self.results = load_results(self.store)
        if not any(r.entries for r in self.results):
            self.pages.setCurrentWidget(self.empty)
            return
        self.pages.setCurrentIndex(1)
        self.category_box.blockSignals(True)
        self.category_box.clear()
        for result in self.results:
            self.category_box.addItem(self._category_text(result), result.category.id)
        index = 0
        if keep_category is not None:
            found = self.category_box.findData(keep_category.category.id)
            index = max(0, found)
        self.category_box.setCurrentIndex(index)
        self.category_box.blockSignals(False)
        self._show_category(keep_entry.entry_id if keep_entry else None)

    @staticmethod
    def _category_text(result: CategoryResult) -> str:
        state = "decided" if result.decision else "not decided"
        return f"{result.category.name} — {len(result.entries)} entries, {state}"

    def current_result(self) -> CategoryResult | None:
        index = self.category_box.currentIndex() if hasattr(self, "category_box") else -1
        return self.results[index] if 0 <= index < len(self.results) else None

    def current_entry(self) -> EntryResult | None:
        if not hasattr(self, "table"):
            return None
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def show_category(self, name: str) -> None:
        """Choose a category by name (for the chair's workspace and tests)."""
        for index, result in enumerate(self.results):
            if result.category.name == name:
                self.category_box.setCurrentIndex(index)
                return

    def _not_yet_for_me(self, result: CategoryResult) -> bool:
        """A judge (the chair included) sees no one's scores in a category they judge until
        they have submitted their own (DESIGN.md); the administrator scores nothing."""
        member = self.session.person.member
        category_id = result.category.id
        return (
            member is not None
            and member.id is not None
            and category_id in member.category_ids
            and not self.store.scores.is_submitted(member.id, category_id)
        )

    def _show_category(self, keep_entry_id: int | None = None) -> None:
        result = self.current_result()
        if result is not None and self._not_yet_for_me(result):
            self.model.set_result(None)
            self.decision_label.setText(
                f"You judge {result.category.name} and have not submitted your own scores "
                "for it yet. Its results appear here once you have, so that nobody sees "
                "the panel's scores before scoring themselves."
            )
            self.decide_button.setEnabled(False)
            self.reopen_button.setEnabled(False)
            self._show_entry(None)
            return
        self.model.set_result(result)
        if result is None:
            return
        is_vote = result.category.method is Method.STAFF_VOTE
        for column in (
            ResultsTableModel.NORMALISED,
            ResultsTableModel.SHEETS,
            ResultsTableModel.SPREAD,
            *ResultsTableModel.GROUPS,
        ):
            chair_only = self.plain and column in ResultsTableModel.CHAIR_ONLY
            self.table.setColumnHidden(column, is_vote or chair_only)
        self.decision_label.setText(self._decision_text(result))
        decided = result.decision is not None
        self.decide_button.setEnabled(self.can_decide and not decided and bool(result.entries))
        self.reopen_button.setEnabled(self.can_decide and decided)
        row = self.model.row_of(keep_entry_id) if keep_entry_id is not None else -1
        self.table.selectRow(row if row >= 0 else 0)
        if not result.entries:
            self._show_entry(None)

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
        if entry is None or result is None:
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
        sheets = sheet_details(self.store, entry_id=entry.entry_id)
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
        dialog = DecisionDialog(self.store, result, self)
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
        try:
            assert result.category.id is not None
            reopen_decision(self.store, category_id=result.category.id, reason=reason)
        except CsxError as error:
            show_refusal(self, error, "Decision not reopened")
            return
        self.session.notify("decisions")

    def _suggested(self, name: str) -> str:
        folder = self.store.path.parent if self.store.path else Path.home()
        return str(folder / name)

    def save_report(self) -> None:
        from csx_desktop.certificates.report import write_report

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
        try:
            pages = write_report(self.store, path)
        except (CsxError, OSError) as error:
            show_refusal(self, str(error), "Report not saved")
            return
        self._status(f"Saved the results report ({pages} pages) to {path}")

    def export(self, what: str) -> None:
        from csx_desktop.io.exports import export

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
        try:
            count = export(self.store, what, path)
        except CsxError as error:
            show_refusal(self, error, "Export not saved")
            return
        self._status(f"Exported {count} rows to {path}")

    def _status(self, text: str) -> None:
        window = self.window()
        status_bar = getattr(window, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(text, 10000)
