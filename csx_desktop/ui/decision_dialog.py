"""The chair's "Record decision…" dialog: tick the winner(s) and highly commended, give a reason.

It opens with the sole rank 1 entry ticked as the winner. While the choice departs from the
ranking (another winner, joint winners, a tie at the top, nothing ranked) it says so in words
and the reason becomes required: pressing "Record decision" without one shows the message
beside the reason box and puts the cursor there, and nothing is stored. The store checks the
same rule again (``store.results.record_decision``), so the command line obeys it too.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import Decision
from csx_desktop.domain.scoring import CategoryResult, needs_reason, rounded
from csx_desktop.store import CsxError, Store
from csx_desktop.store.results import record_decision
from csx_desktop.ui.errors import show_refusal
from csx_desktop.ui.results_models import DecisionChoiceModel


class DecisionDialog(QDialog):
    """Record one category's decision. ``decision`` holds what was stored after ``accept``."""

    def __init__(self, store: Store, result: CategoryResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.category_result = result
        self.decision: Decision | None = None
        name = result.category.name
        self.setWindowTitle(f"Record the decision — {name}")
        self.setAccessibleName(f"Record the decision for {name}")

        leaders = result.leaders
        prefill = {leaders[0].entry_id} if len(leaders) == 1 else set()
        self.model = DecisionChoiceModel(result, prefill, set())
        self.model.choice_changed.connect(self._update)

        intro = QLabel(
            f"Tick the winner of {name} (tick more than one for joint winners) and any "
            "highly commended entries. Space ticks the box under the cursor."
        )
        intro.setWordWrap(True)
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

        self.ranking_note = QLabel()
        self.ranking_note.setWordWrap(True)
        self.ranking_note.setObjectName("rankingNote")
        self.reason_label = QLabel()
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for the decision")
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText("e.g. The panel discussed the tie and preferred …")
        self.reason_label.setBuddy(self.reason)
        self.reason.textChanged.connect(self._clear_error)
        self.error = QLabel()
        self.error.setObjectName("errorMessage")
        self.error.setWordWrap(True)
        self.error.hide()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = buttons.addButton(
            "&Record decision", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.record_button.setDefault(True)
        self.record_button.setAccessibleName("Record decision")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.ranking_note)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setTabOrder(self.table, self.reason)
        self.setTabOrder(self.reason, self.record_button)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.sizeHint().height() + 120)
        self._update()

    # ---- what the choice means ---------------------------------------------------------------

    def reason_required(self) -> bool:
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
            score = rounded(leaders[0].score)
            ranking = f"{names} is rank 1" + (f" with {score:.2f}." if score is not None else ".")
        if not winners:
            note = f"{ranking} Tick a winner."
        elif self.reason_required():
            note = f"⚠ This decision departs from the ranking. {ranking} A reason is required."
        else:
            note = f"✓ This decision follows the ranking. {ranking}"
        self.ranking_note.setText(note)
        self.reason_label.setText(
            "&Reason (required)" if self.reason_required() else "&Reason (optional)"
        )
        self.reason.setAccessibleDescription(
            "Required: the decision departs from the ranking"
            if self.reason_required()
            else "Optional"
        )
        self._clear_error()

    def _clear_error(self) -> None:
        self.error.hide()

    def _show_error(self, text: str, focus: QWidget) -> None:
        self.error.setText(text)
        self.error.show()
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    # ---- recording -------------------------------------------------------------------------

    def accept(self) -> None:
        winners = self.model.winners()
        reason = self.reason.toPlainText().strip()
        if not winners:
            self._show_error("Tick at least one winner.", self.table)
            return
        if self.reason_required() and not reason:
            self._show_error(
                "A reason is required because this decision departs from the ranking. "
                "Say why the panel chose it.",
                self.reason,
            )
            return
        assert self.category_result.category.id is not None
        try:
            self.decision = record_decision(
                self.store,
                category_id=self.category_result.category.id,
                winners=winners,
                highly_commended=self.model.commended(),
                reason=reason,
            )
        except CsxError as error:
            show_refusal(self, error, "Decision not recorded")
            return
        super().accept()
