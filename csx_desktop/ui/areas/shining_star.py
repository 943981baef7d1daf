"""The Shining Star area: the shortlist by nominating body, the staff vote and its count.

From top to bottom: what the count says in one sentence (who leads, a tie in words, or the
recorded decision) with the actions beside it; the shortlist by nominating body, including
the bodies that have not nominated yet; the count as a bar chart; and the ballots that do
not count (invalid ones with their row and reason, superseded ones with the row that
replaced them) and the paper counts, in tabs.

The area is one page that scrolls up and down: the shortlist and the count sit side by side
when the window is wide enough and one above the other when it is not (text at twice its
size on a laptop), and the row of buttons wraps, so nothing needs sideways scrolling and
there is no divider to drag.

Actions: import the vote form's export (the area asks for the columns when the headings do
not say, and offers to import the readable rows when some times cannot be read), add paper
votes, remove a paper count entered by mistake (with the reason), record the decision (the
same dialog and rule as the Results area: a tie needs a reason), and, once the decision is
recorded, erase the voters' emails and staff numbers.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import BallotStatus
from csx_desktop.domain.votes import Tally, votes_text
from csx_desktop.io.row_errors import RowsRefused
from csx_desktop.io.vote_import import (
    VoteExport,
    VoteImportResult,
    guess_columns,
    read_vote_export,
)
from csx_desktop.operations import imports, votes
from csx_desktop.operations.votes import paper_count_words, remove_paper_count
from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.background import BackgroundJob, Progress, run_in_background
from csx_desktop.ui.errors import attempt, confirm
from csx_desktop.ui.session import Session
from csx_desktop.ui.vote_chart import VoteChart
from csx_desktop.ui.vote_dialogs import (
    BodiesDialog,
    PaperVotesDialog,
    RemovePaperVotesDialog,
    VoteColumnsDialog,
)
from csx_desktop.ui.vote_models import BallotsModel, PaperCountsModel, ShortlistModel, uk_time
from csx_desktop.ui.widgets.button_keys import add_key
from csx_desktop.ui.widgets.empty_state import EmptyState
from csx_desktop.ui.widgets.flow_layout import FlowLayout
from csx_desktop.ui.widgets.reflow import ReflowRow, ScrollPage

EXPORT_FILTER = "Vote form exports (*.xlsx *.csv);;All files (*)"
# Lines of text each table keeps in view on the page (sizes follow the font).
SHORTLIST_LINES = 8
BALLOT_LINES = 10
SHORTLIST_CHARACTERS = 40  # the shortlist's least width beside the count


class ShiningStarArea(Area):
    TITLE = "Shining Star"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.tally: Tally | None = None
        self.last_folder = str(self.store.path.parent) if self.store.path else str(Path.home())

        heading = QLabel("Shining Star — the staff vote")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        heading.setFont(font)
        self.verdict = QLabel()
        self.verdict.setObjectName("voteVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)

        self.import_button = self._button(
            "&Import votes…", "Import the vote form's export: xlsx or csv (Ctrl+I)", "Ctrl+I"
        )
        self.import_button.clicked.connect(self.import_dialog)
        self.paper_button = self._button(
            "Add &paper votes…", "Add a count of paper ballots for one nominee (Ctrl+P)", "Ctrl+P"
        )
        self.paper_button.clicked.connect(self.add_paper_votes)
        self.remove_paper_button = self._button(
            "Re&move paper votes…", "Take back a count of paper votes entered by mistake"
        )
        self.remove_paper_button.clicked.connect(self.remove_paper_votes)
        self.decide_button = self._button(
            "&Record decision…", "Record the Shining Star winner (Ctrl+D)", "Ctrl+D"
        )
        self.decide_button.clicked.connect(self.record_decision)
        self.erase_button = self._button(
            "&Erase voter details…",
            "After the decision: erase every voter's email or staff number, keeping the count",
        )
        self.erase_button.clicked.connect(self.erase_voters)
        actions = FlowLayout()
        for button in (
            self.import_button,
            self.paper_button,
            self.remove_paper_button,
            self.decide_button,
            self.erase_button,
        ):
            actions.addWidget(button)

        # The shortlist by nominating body.
        self.shortlist_model = ShortlistModel()
        self.shortlist = self._table(self.shortlist_model, "Shortlist by nominating body")
        # Long service names wrap rather than push the nominees out of sight.
        self.shortlist.setWordWrap(True)
        shortlist_header = self.shortlist.horizontalHeader()
        shortlist_header.setSectionResizeMode(ShortlistModel.BODY, QHeaderView.ResizeMode.Stretch)
        shortlist_header.setSectionResizeMode(
            ShortlistModel.NOMINEE, QHeaderView.ResizeMode.ResizeToContents
        )
        shortlist_header.setStretchLastSection(False)
        self.shortlist.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.shortlist.setMinimumHeight(self.fontMetrics().lineSpacing() * SHORTLIST_LINES)
        shortlist_label = QLabel("&Shortlist by nominating body")
        shortlist_label.setBuddy(self.shortlist)
        self.bodies_note = QLabel()
        self.bodies_note.setWordWrap(True)
        shortlist_box = QWidget()
        shortlist_layout = QVBoxLayout(shortlist_box)
        shortlist_layout.setContentsMargins(0, 0, 0, 0)
        shortlist_layout.addWidget(shortlist_label)
        shortlist_layout.addWidget(self.shortlist, 1)
        shortlist_layout.addWidget(self.bodies_note)
        self.bodies_button = self._button(
            "Edit nominating &bodies…", "Add, rename or remove the Service Directors' services"
        )
        self.bodies_button.clicked.connect(self.edit_bodies)
        shortlist_layout.addWidget(self.bodies_button, 0, Qt.AlignmentFlag.AlignLeft)

        # The count: a chart, or an empty state saying how to get one.
        self.chart = VoteChart()
        chart_scroll = QScrollArea()
        chart_scroll.setWidget(self.chart)
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        chart_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its contents are the Tab stops
        self.no_votes = EmptyState(
            "No votes counted yet",
            "The count appears here as a bar chart once you import the staff vote: the "
            "export of the vote form from Microsoft Forms or Google Forms, or a spreadsheet "
            "with the voter's email or staff number, their choice and the time.",
            action_text="Import &votes…",
            on_action=self.import_dialog,
        )
        self.no_shortlist = EmptyState(
            "No Shining Star nominees yet",
            "Each Service Director, and Xentrall Shared Services, puts forward one member of "
            "staff. Add their nominations in the Nominations area; the shortlist and the staff "
            "vote's count then appear here.",
        )
        self.count_pages = QStackedWidget()
        for page in (chart_scroll, self.no_votes, self.no_shortlist):
            self.count_pages.addWidget(page)
        count_label = QLabel("The count")
        count_box = QWidget()
        count_layout = QVBoxLayout(count_box)
        count_layout.setContentsMargins(0, 0, 0, 0)
        count_layout.addWidget(count_label)
        count_layout.addWidget(self.count_pages, 1)

        # Side by side (2:3, the shortlist's two columns need room) or one above the other.
        top = ReflowRow()
        characters = self.fontMetrics().averageCharWidth()
        top.add_pane(shortlist_box, 2, side_width=characters * SHORTLIST_CHARACTERS)
        top.add_pane(count_box, 3)

        # Ballots that do not count, and the paper counts.
        self.invalid_model = BallotsModel()
        self.superseded_model = BallotsModel()
        self.paper_model = PaperCountsModel()
        self.invalid_table = self._table(self.invalid_model, "Invalid ballots")
        self.superseded_table = self._table(self.superseded_model, "Superseded ballots")
        self.paper_table = self._table(self.paper_model, "Paper votes")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Ballots that do not count, and paper votes")
        self.tabs.addTab(self.invalid_table, "")
        self.tabs.addTab(self.superseded_table, "")
        self.tabs.addTab(self.paper_table, "")
        self.tabs.setMinimumHeight(self.fontMetrics().lineSpacing() * BALLOT_LINES)

        content = QWidget()
        page_layout = QVBoxLayout(content)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(heading)
        page_layout.addWidget(self.verdict)
        page_layout.addWidget(self.summary)
        page_layout.addLayout(actions)
        page_layout.addWidget(self.message)
        page_layout.addWidget(top, 3)
        page_layout.addWidget(self.tabs, 2)
        self.page = ScrollPage(content)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        self.message.hide()
        self.refresh()

    def _button(self, text: str, tip: str, shortcut: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(tip)
        if shortcut:
            add_key(button, shortcut)  # keeps the underlined letter's Alt key working
        return button

    @staticmethod
    def _table(model: ShortlistModel | BallotsModel | PaperCountsModel, name: str) -> QTableView:
        table = QTableView()
        table.setModel(model)
        table.setAccessibleName(name)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    # ---- reading --------------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.store
        bodies = store.round.nominating_bodies_status()
        self.shortlist_model.set_rows(bodies)
        waiting = [body for body, nominee in bodies if not nominee]
        if waiting:
            self.bodies_note.setText(
                f"Not nominated yet ({len(waiting)} of {len(bodies)}): {'; '.join(waiting)}."
            )
        else:
            self.bodies_note.setText("Every nominating body has put someone forward.")

        ballots, tally = store.ballots.count()
        self.tally = tally
        invalid = [b for b in ballots if b.status is BallotStatus.INVALID]
        superseded = [b for b in ballots if b.status is BallotStatus.SUPERSEDED]
        self.invalid_model.set_rows(invalid)
        self.superseded_model.set_rows(superseded)
        names = {c.entry_id: c.nominee for c in store.ballots.shortlist()}
        papers = store.ballots.paper_counts()
        self.paper_model.set_rows([(p, names.get(p.entry_id, "")) for p in papers])
        self.tabs.setTabText(0, f"In&valid ballots ({len(invalid)})")
        self.tabs.setTabText(1, f"Su&perseded ballots ({len(superseded)})")
        self.tabs.setTabText(2, f"Paper v&otes ({len(papers)})")

        has_votes = bool(ballots or papers)
        if not tally.candidates:
            self.count_pages.setCurrentWidget(self.no_shortlist)
        elif not has_votes:
            self.count_pages.setCurrentWidget(self.no_votes)
        else:
            self.count_pages.setCurrentIndex(0)
        self.chart.set_tally(tally)

        decided = tally.decided
        erased = store.ballots.voter_keys_erased()
        self.verdict.setText(self._verdict(tally, has_votes))
        self.summary.setText(self._summary(tally, len(ballots), erased))
        self.import_button.setEnabled(bool(tally.candidates) and not erased)
        self.paper_button.setEnabled(bool(tally.candidates))
        self.remove_paper_button.setEnabled(bool(papers) and not decided)
        self.remove_paper_button.setToolTip(
            "The decision is recorded, so the count cannot change (reopen it first)."
            if decided and papers
            else "Take back a count of paper votes entered by mistake, with the reason."
        )
        self.decide_button.setEnabled(bool(tally.candidates) and not decided)
        self.erase_button.setEnabled(decided and not erased and bool(ballots))
        self.erase_button.setToolTip(
            "The voters' details have been erased."
            if erased
            else "Erase every voter's email or staff number, keeping the count (after the "
            "decision is recorded)."
        )

    def _verdict(self, tally: Tally, has_votes: bool) -> str:
        if not tally.candidates:
            return "There is no shortlist yet."
        if tally.decided:
            decision = self.store.decisions.current(self.store.ballots.category().id or 0)
            text = f"★ Decided: {' and '.join(tally.leaders)}."
            if decision is not None:
                text += f" Recorded by {decision.recorded_by}."
                if decision.reason:
                    text += f" Reason: {decision.reason}"
            return text
        if not has_votes:
            return "No votes have been counted yet."
        if tally.tied:
            names = " and ".join(c.nominee for c in tally.top)
            return (
                f"= TIE for first place: {names} have {votes_text(tally.top_votes)} each. "
                "Record a decision, with the reason, to resolve it."
            )
        leader = tally.top[0] if tally.top else None
        if leader is None:
            return "No nominee has a vote yet."
        return (
            f"★ {leader.nominee} leads with {votes_text(leader.votes)}. The decision is not "
            "recorded yet."
        )

    def _summary(self, tally: Tally, ballots: int, erased: bool) -> str:
        parts = []
        if ballots:
            parts.append(
                f"{ballots} online ballot{'s' if ballots != 1 else ''}: {tally.valid} counted, "
                f"{tally.superseded} superseded (the same person voted again), "
                f"{tally.invalid} invalid."
            )
        if tally.paper_votes:
            parts.append(f"{votes_text(tally.paper_votes)} on paper.")
        settings = self.store.round.settings()
        if settings.voting_opens or settings.voting_closes:
            opens = uk_time(settings.voting_opens) or "any time"
            closes = uk_time(settings.voting_closes) or "any time"
            parts.append(f"Voting window: {opens} to {closes} (UK time).")
        else:
            parts.append("No voting window is set (Round settings), so every time counts.")
        rule = "latest" if settings.ballot_rule == "latest" else "first"
        parts.append(f"A voter's {rule} ballot counts.")
        if erased:
            parts.append("The voters' details have been erased; the count is closed.")
        return " ".join(parts)

    # ---- acting ---------------------------------------------------------------------------

    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import the Shining Star vote", self.last_folder, EXPORT_FILTER
        )
        if path:
            self.last_folder = str(Path(path).parent)
            self.import_file(path)

    def import_file(self, path: str) -> BackgroundJob | None:
        """Import one export, asking for columns or about unreadable rows when needed.

        The file's ballots are read on a worker while the window stays responsive (a
        progress window with Cancel; a cancelled import stores nothing), then stored in one
        transaction here. Returns the job (tests wait on it), or None if none was started."""
        columns = attempt(self, "Votes not imported", lambda: guess_columns(path))
        if columns is None:
            return None
        headings, guessed = columns
        mapping: dict[str, str] = {}
        if "voter" not in guessed or "choice" not in guessed:
            dialog = VoteColumnsDialog(Path(path).name, headings, guessed, self)
            if not dialog.exec():
                return None
            mapping = dialog.mapping()

        def read(progress: Progress) -> VoteExport:
            progress.step(0, 1, f"Reading {Path(path).name}…")
            export = read_vote_export(path, mapping)
            progress.step(1, 1, "Counting the ballots…")  # Cancel pressed: nothing stored
            return export

        def store(export: VoteExport) -> None:
            def store_votes() -> VoteImportResult | None:
                try:
                    return imports.store_votes(self.store, export=export)
                except RowsRefused as refused:  # a question, not a refusal: some or none?
                    if not self._import_readable_rows(refused):
                        return None
                    return imports.store_votes(self.store, export=export, skip_invalid=True)

            result = attempt(self, "Votes not imported", store_votes)
            if result is None:
                return
            self._say(
                " ".join([result.summary(), result.export.columns_sentence(), *result.export.notes])
            )
            self.session.notify("ballots")

        return run_in_background(
            self,
            title=f"Importing {Path(path).name}",
            work=read,
            done=store,
            refusal_title="Votes not imported",
        )

    def _import_readable_rows(self, refused: RowsRefused) -> bool:
        rows = "\n".join(str(p) for p in refused.errors[:12])
        more = len(refused.errors) - 12
        if more > 0:
            rows += f"\n… and {more} more"
        return confirm(
            self,
            "Some rows cannot be read",
            f"{len(refused.errors)} row(s) of {refused.file_name} have a time that cannot "
            f"be read, so nothing has been imported yet:\n\n{rows}\n\nImport the other rows "
            "and leave these out?",
        )

    def edit_bodies(self) -> None:
        dialog = BodiesDialog(self.store, self)
        dialog.exec()
        if dialog.changed:
            self.session.notify("nominations")

    def add_paper_votes(self) -> None:
        candidates = self.store.ballots.shortlist()
        if not candidates:
            return
        dialog = PaperVotesDialog(candidates, self)
        if not dialog.exec():
            return
        added = attempt(
            self,
            "Paper votes not added",
            lambda: votes.add_paper_count(
                self.store,
                entry_id=dialog.entry_id,
                count=dialog.count,
                counted_by=dialog.counted_by,
            ),
        )
        if added is None:
            return
        self._say(added.summary())
        self.session.notify("ballots")

    def remove_paper_votes(self) -> None:
        """Take back a paper count entered by mistake: the one chosen in the Paper votes
        tab is offered first; the reason goes to the audit log."""
        papers = self.store.ballots.paper_counts()
        if not papers:
            return
        row = self.paper_table.currentIndex().row()
        rows = self.paper_model.rows()
        chosen = rows[row][0].id if 0 <= row < len(rows) else None
        dialog = RemovePaperVotesDialog(
            [(p.id or 0, paper_count_words(self.store, p)) for p in papers], chosen, self
        )
        if not dialog.exec():
            return
        removed = attempt(
            self,
            "Paper votes not removed",
            lambda: remove_paper_count(self.store, paper_id=dialog.paper_id, reason=dialog.reason),
        )
        if removed is None:
            return
        self._say(f"{removed.summary()} The audit log keeps the count and the reason.")
        self.session.notify("ballots")

    def record_decision(self) -> None:
        from csx_desktop.operations.results import category_results
        from csx_desktop.ui.decision_dialog import DecisionDialog

        category_id = self.store.ballots.category().id or 0
        viewer = self.session.person.viewer
        result = attempt(
            self,
            "No decision recorded",
            lambda: category_results(self.store, viewer=viewer, category_id=category_id),
        )
        if result is None:
            return
        dialog = DecisionDialog(self.store, result, self, viewer=viewer)
        if dialog.exec() and dialog.decision is not None:
            self._say("The Shining Star decision is recorded.")
            self.session.notify("decisions")

    def erase_voters(self) -> None:
        if not confirm(
            self,
            "Erase the voters' details?",
            "Erase every voter's email address or staff number from the Shining Star "
            "ballots? The count, each ballot's choice and the reasons for invalid ballots are "
            "kept. This cannot be undone, and no more votes can be imported afterwards.",
        ):
            return
        erased = attempt(
            self, "Voter details not erased", lambda: votes.erase_voter_details(self.store)
        )
        if erased is None:
            return
        self._say(erased.summary())
        self.session.notify("ballots")

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
