"""The chair's "Record decision…" dialog: choose, then check your answers, then record.

Two steps, as GOV.UK's "check answers" pattern has it, so nothing is stored by accident:

1. **Choose**: tick the winner(s) and highly commended, give a reason. It opens with the sole
   rank 1 entry ticked. It says in words whether the choice follows the ranking, and when
   members judging the category have not submitted (who, how many sheets left): the reason
   is then required. "Continue" with a problem (no winner, no reason) shows the message
   beside the reason box and puts the cursor where it is fixed.
2. **Check your answers**: the winner(s), highly commended, the ranking they depart from,
   the reason, open sheets, declared interests, and whether the winner depends on how the
   sheets are counted (flagged in words). With open sheets, a tick box confirms that the
   decision closes scoring for those members. "Record decision" stores it; "Change your
   answers" goes back.

Every rule is ``operations.decisions``'s, read here through ``check_decision`` and applied
again by ``record_decision`` when storing, so the dialog cannot store what the command line
would refuse.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import Decision
from csx_desktop.domain.scoring import CategoryResult, needs_reason
from csx_desktop.operations.decisions import (
    DecisionCheck,
    OpenSheets,
    check_decision,
    open_sheets,
    record_decision,
)
from csx_desktop.operations.results import ADMINISTRATOR, Viewer
from csx_desktop.store import Store
from csx_desktop.ui.errors import attempt
from csx_desktop.ui.results_models import DecisionChoiceModel

FLAG_MARK = "⚠"


def _label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class DecisionDialog(QDialog):
    """Record one category's decision. ``decision`` holds what was stored after ``accept``.

    ``viewer`` is who is deciding (the chair's member id, or the administrator, the default:
    the Shining Star area is the administrator's)."""

    def __init__(
        self,
        store: Store,
        result: CategoryResult,
        parent: QWidget | None = None,
        *,
        viewer: Viewer = ADMINISTRATOR,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.viewer = viewer
        self.category_result = result
        self.decision: Decision | None = None
        self.check: DecisionCheck | None = None
        category_id = result.category.id
        assert category_id is not None
        self.category_id = category_id
        self.open_members: list[OpenSheets] = open_sheets(store, category_id=category_id)
        name = result.category.name
        self.setWindowTitle(f"Record the decision — {name}")
        self.setAccessibleName(f"Record the decision for {name}")

        self.steps = QStackedWidget()
        self.steps.addWidget(self._build_choose(result))
        self.steps.addWidget(self._build_check())
        layout = QVBoxLayout(self)
        layout.addWidget(self.steps)
        # As tall as it wants, but never taller than the screen (a 1366×768 laptop at 200%
        # text): the table scrolls instead.
        screen = self.screen()
        room = screen.availableGeometry().height() if screen is not None else 768
        self.resize(
            self.fontMetrics().averageCharWidth() * 95,
            min(self.sizeHint().height() + 140, int(room * 0.9)),
        )
        self._update()

    # ---- step 1: choose ----------------------------------------------------------------------

    def _build_choose(self, result: CategoryResult) -> QWidget:
        page = QWidget()
        name = result.category.name
        leaders = result.leaders
        prefill = {leaders[0].entry_id} if len(leaders) == 1 else set()
        self.model = DecisionChoiceModel(result, prefill, set())
        self.model.choice_changed.connect(self._update)

        intro = _label(
            f"Tick the winner of {name} (tick more than one for joint winners) and any "
            "highly commended entries. Space ticks the box under the cursor. You can check "
            "your answers before anything is recorded."
        )
        self.open_note = _label()
        self.open_note.setObjectName("openSheetsNote")
        if self.open_members:
            people = len(self.open_members)
            missing = sum(o.unfinished for o in self.open_members)
            who = "; ".join(o.in_words() for o in self.open_members)
            self.open_note.setText(
                f"{FLAG_MARK} {people} {'member has' if people == 1 else 'members have'} not "
                f"submitted {name} ({missing} sheets not finished): {who}. Recording the "
                "decision closes scoring for them, so it needs a reason and your confirmation."
            )
        self.open_note.setVisible(bool(self.open_members))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Entries: winner and highly commended")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DecisionChoiceModel.ENTRY, QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the reason box
        self.table.setCurrentIndex(self.model.index(0, DecisionChoiceModel.WINNER))

        self.ranking_note = _label()
        self.ranking_note.setObjectName("rankingNote")
        self.reason_label = QLabel()
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for the decision")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("e.g. The panel discussed the tie and preferred …")
        self.reason_label.setBuddy(self.reason)
        self.reason.textChanged.connect(self._clear_error)
        self.error = _label()
        self.error.setObjectName("errorMessage")
        self.error.hide()

        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        self.continue_button = QPushButton("&Continue")
        self.continue_button.setDefault(True)
        self.continue_button.setAccessibleName("Continue to check your answers")
        self.continue_button.clicked.connect(self.go_to_check)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.continue_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.open_note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.ranking_note)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        QWidget.setTabOrder(self.table, self.reason)
        QWidget.setTabOrder(self.reason, self.cancel_button)
        QWidget.setTabOrder(self.cancel_button, self.continue_button)
        return page

    # ---- step 2: check your answers ----------------------------------------------------------

    def _build_check(self) -> QWidget:
        page = QWidget()
        heading = QLabel("Check your answers before recording the decision")
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        heading.setWordWrap(True)
        self.summary_rows: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key in (
            "Category",
            "Winner",
            "Highly commended",
            "The ranking",
            "Reason",
            "Open sheets",
            "Declared interests",
            "How we count",
        ):
            value = _label()
            value.setObjectName(f"check {key}")
            key_label = QLabel(f"<b>{key}</b>")
            key_label.setBuddy(value)
            form.addRow(key_label, value)
            self.summary_rows[key] = value
        summary = QWidget()
        summary.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(summary)
        scroll.setAccessibleName("Your answers")

        self.confirm = QCheckBox()
        self.confirm.setObjectName("confirmOpenSheets")
        self.confirm.toggled.connect(self._clear_check_error)
        self.check_error = _label()
        self.check_error.setObjectName("errorMessage")
        self.check_error.hide()

        self.change_button = QPushButton("C&hange your answers")
        self.change_button.clicked.connect(self.go_back)
        self.check_cancel_button = QPushButton("Cancel")
        self.check_cancel_button.clicked.connect(self.reject)
        self.record_button = QPushButton("&Record decision")
        self.record_button.setAccessibleName("Record decision")
        self.record_button.clicked.connect(self.record)
        buttons = QHBoxLayout()
        buttons.addWidget(self.change_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_cancel_button)
        buttons.addWidget(self.record_button)

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.confirm)
        layout.addWidget(self.check_error)
        layout.addLayout(buttons)
        return page

    # ---- what the choice means ---------------------------------------------------------------

    def reason_required(self) -> bool:
        winners = self.model.winners()
        departs = bool(winners) and needs_reason(
            [e.entry_id for e in self.category_result.leaders], winners
        )
        return departs or bool(self.open_members)

    def _departs(self) -> bool:
        winners = self.model.winners()
        return bool(winners) and needs_reason(
            [e.entry_id for e in self.category_result.leaders], winners
        )

    def _update(self) -> None:
        leaders = self.category_result.leaders
        names = " and ".join(e.nominee for e in leaders)
        winners = self.model.winners()
        if not leaders:
            ranking = "No entry is ranked yet, so any decision needs a reason."
        elif len(leaders) > 1:
            ranking = f"{names} are tied at rank 1, so the decision needs a reason."
        else:
            score = leaders[0].score
            ranking = f"{names} is rank 1" + (f" with {score:.2f}." if score is not None else ".")
        if not winners:
            note = f"{ranking} Tick a winner."
        elif self._departs():
            note = (
                f"{FLAG_MARK} This decision departs from the ranking. {ranking} "
                "A reason is required."
            )
        else:
            note = f"✓ This decision follows the ranking. {ranking}"
        self.ranking_note.setText(note)
        required = self.reason_required()
        self.reason_label.setText("&Reason (required)" if required else "&Reason (optional)")
        if self._departs():
            why = "Required: the decision departs from the ranking"
        elif self.open_members:
            why = "Required: not every member judging the category has submitted"
        else:
            why = "Optional"
        self.reason.setAccessibleDescription(why)
        self._clear_error()

    def _clear_error(self) -> None:
        self.error.hide()

    def _clear_check_error(self) -> None:
        self.check_error.hide()

    def _show_error(self, label: QLabel, text: str, focus: QWidget) -> None:
        label.setText(f"{FLAG_MARK} {text}")
        label.show()
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- moving between the steps ------------------------------------------------------------

    def on_check_step(self) -> bool:
        return self.steps.currentIndex() == 1

    def go_to_check(self) -> None:
        """Check the choice; show its problem on this step, or the answers to check."""
        winners = self.model.winners()
        reason = self.reason.toPlainText().strip()
        if not winners:
            self._show_error(self.error, "Tick at least one winner.", self.table)
            return
        if self.reason_required() and not reason:
            because = (
                "this decision departs from the ranking"
                if self._departs()
                else "not every member judging the category has submitted"
            )
            self._show_error(
                self.error,
                f"A reason is required because {because}. Say why the panel chose it.",
                self.reason,
            )
            return
        check = attempt(
            self,
            "Decision not recorded",
            lambda: check_decision(
                self.store,
                viewer=self.viewer,
                category_id=self.category_id,
                winners=winners,
                highly_commended=self.model.commended(),
                reason=reason,
                confirm_open_sheets=True,  # confirmed on the next step
            ),
        )
        if check is None:
            return
        if check.problems:
            self._show_error(self.error, check.problems[0], self.table)
            return
        self.check = check
        self._fill_check(check, reason)
        self.steps.setCurrentIndex(1)
        self.record_button.setDefault(True)
        self.record_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _fill_check(self, check: DecisionCheck, reason: str) -> None:
        rows = self.summary_rows
        rows["Category"].setText(check.category)
        joint = " (joint winners)" if len(check.winners) > 1 else ""
        rows["Winner"].setText(" and ".join(check.winners) + joint)
        rows["Highly commended"].setText(", ".join(check.highly_commended) or "None")
        ranking = check.ranking
        if check.departs:
            ranking = f"{FLAG_MARK} The decision departs from the ranking: {ranking}"
        else:
            ranking = f"✓ The decision follows the ranking: {ranking}"
        rows["The ranking"].setText(ranking)
        rows["Reason"].setText(reason or "None given")
        open_words = check.open_sheets_in_words()
        rows["Open sheets"].setText(
            f"{FLAG_MARK} {open_words}" if check.open_sheets else open_words
        )
        rows["Declared interests"].setText(
            "\n".join(check.interests) or "No member declared an interest in this category."
        )
        counts = check.counts or "Not counted another way (no scored sheets, or a staff vote)."
        if check.counts_flag:
            counts = f"{FLAG_MARK} The winner depends on how we count. {counts}"
        rows["How we count"].setText(counts)
        people = len(check.open_sheets)
        self.confirm.setText(
            f"I confirm: recording this decision closes scoring in {check.category} for the "
            f"{people} {'member' if people == 1 else 'members'} who have not submitted."
        )
        self.confirm.setChecked(False)
        self.confirm.setVisible(bool(check.open_sheets))
        self.check_error.hide()

    def go_back(self) -> None:
        self.steps.setCurrentIndex(0)
        self.continue_button.setDefault(True)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- recording ---------------------------------------------------------------------------

    def accept(self) -> None:
        """Enter (or a test's ``accept``): continue from the first step, record from the
        second; the dialog closes only once the decision is stored."""
        if self.on_check_step():
            self.record()
        else:
            self.go_to_check()

    def record(self) -> None:
        check = self.check
        if check is None:
            self.go_back()
            return
        if check.open_sheets and not self.confirm.isChecked():
            self._show_error(
                self.check_error,
                "Tick the box to confirm that the decision closes scoring for the members "
                "who have not submitted.",
                self.confirm,
            )
            return
        decision = attempt(
            self,
            "Decision not recorded",
            lambda: record_decision(
                self.store,
                viewer=self.viewer,
                category_id=self.category_id,
                winners=self.model.winners(),
                highly_commended=self.model.commended(),
                reason=self.reason.toPlainText().strip(),
                confirm_open_sheets=self.confirm.isChecked(),
            ),
        )
        if decision is None:
            return
        self.decision = decision
        super().accept()
