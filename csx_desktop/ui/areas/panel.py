"""The Panel area: members (group, categories, PIN, chair), declared interests and rubrics.

Three tabs: Members (add, edit, set PIN, remove), Declared interests (record one a member
told you of, withdraw one recorded in error, with a reason) and Rubrics (edit a category's
criteria until scoring starts in it).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import PanelMember
from csx_desktop.store.errors import CsxError, InputRefused
from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.errors import show_refusal
from csx_desktop.ui.panel_dialogs import InterestRecordDialog, MemberDialog, PinDialog, ask_reason
from csx_desktop.ui.rubric_editor import RubricEditor
from csx_desktop.ui.scoring_models import (
    InterestRow,
    InterestTableModel,
    MemberRow,
    MemberTableModel,
)
from csx_desktop.ui.session import Session
from csx_desktop.ui.widgets.empty_state import EmptyState


def _table(model: MemberTableModel | InterestTableModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    return table


class PanelArea(Area):
    TITLE = "Panel"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.members_model = MemberTableModel()
        self.members_table = _table(self.members_model, "Panel members")
        self.members_table.doubleClicked.connect(lambda _index: self.edit_member())
        self.add_button = QPushButton("&Add member…")
        self.add_button.clicked.connect(self.add_member)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.clicked.connect(self.edit_member)
        self.pin_button = QPushButton("Set &PIN…")
        self.pin_button.clicked.connect(self.set_pin)
        self.remove_button = QPushButton("&Remove from panel…")
        self.remove_button.clicked.connect(self.remove_member)
        member_buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.pin_button, self.remove_button):
            member_buttons.addWidget(button)
        member_buttons.addStretch(1)
        members_page = QWidget()
        members_layout = QVBoxLayout(members_page)
        members_layout.addWidget(self.members_table, 1)
        members_layout.addLayout(member_buttons)
        self.members_empty = EmptyState(
            "No panel members yet",
            "Add each judge with their group (Catalyst voice forum, CSE assessor or council "
            "officer), the categories they judge and a PIN, or import them all with "
            "csx-admin import panel.",
            action_text="&Add the first member…",
            on_action=self.add_member,
        )
        self.members_stack = QStackedWidget()
        self.members_stack.addWidget(self.members_empty)
        self.members_stack.addWidget(members_page)

        self.interests_model = InterestTableModel()
        self.interests_table = _table(self.interests_model, "Declared interests")
        self.record_button = QPushButton("Re&cord interest…")
        self.record_button.clicked.connect(self.record_interest)
        self.withdraw_button = QPushButton("&Withdraw interest…")
        self.withdraw_button.clicked.connect(self.withdraw_interest)
        interest_buttons = QHBoxLayout()
        interest_buttons.addWidget(self.record_button)
        interest_buttons.addWidget(self.withdraw_button)
        interest_buttons.addStretch(1)
        interests_page = QWidget()
        interests_layout = QVBoxLayout(interests_page)
        interests_layout.addWidget(self.interests_table, 1)
        interests_layout.addLayout(interest_buttons)

        self.rubrics = RubricEditor(self.store)
        self.rubrics.saved.connect(lambda _category_id: self.session.notify("settings"))

        self.tabs = QTabWidget()
        self.tabs.addTab(self.members_stack, "Members")
        self.tabs.addTab(interests_page, "Declared interests")
        self.tabs.addTab(self.rubrics, "Rubrics")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.refresh()

    # ---- reading -----------------------------------------------------------------------

    def refresh(self) -> None:
        store = self.store
        categories = {c.id: c for c in store.round.categories()}
        members = store.panel.members()
        interests = store.panel.interests()
        counts: dict[int, int] = {}
        for interest in interests:
            counts[interest.member_id] = counts.get(interest.member_id, 0) + 1
        self.members_model.set_rows(
            [
                MemberRow(
                    m,
                    ", ".join(c.name for cid, c in categories.items() if cid in m.category_ids),
                    counts.get(m.id or 0, 0),
                )
                for m in members
            ]
        )
        self.members_stack.setCurrentIndex(1 if members else 0)
        names = {m.id: m.name for m in members}
        rows = []
        for interest in interests:
            if interest.member_id not in names:
                continue  # removed from the panel: kept in the record, not listed
            entry = store.nominations.entry(interest.entry_id)
            rows.append(
                InterestRow(
                    interest,
                    names[interest.member_id],
                    categories[entry.category_id],
                    entry.nominee,
                )
            )
        self.interests_model.set_rows(rows)
        self.withdraw_button.setEnabled(bool(rows))
        self.rubrics.refresh()

    def _selected_member(self) -> PanelMember | None:
        member = self.members_model.member_at(self.members_table.currentIndex().row())
        if member is None:
            show_refusal(self, "Choose a member in the list first.", "No member chosen")
        return member

    def _changed(self) -> None:
        self.session.notify("panel")
        self.refresh()

    # ---- members -----------------------------------------------------------------------

    def _panel_categories(self) -> list:
        return [c for c in self.store.round.categories() if c.is_panel_scored]

    def add_member(self) -> None:
        dialog = MemberDialog(self._panel_categories(), None, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, group, categories, chair, pin = dialog.values()
        try:
            self.store.panel.add_member(name, group, categories, pin=pin, is_chair=chair)
        except CsxError as error:
            show_refusal(self, error, "Member not added")
            return
        self._changed()

    def edit_member(self) -> None:
        member = self._selected_member()
        if member is None or member.id is None:
            return
        dialog = MemberDialog(self._panel_categories(), member, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, group, categories, chair, _pin = dialog.values()
        try:
            self.store.panel.update_member(
                member.id, name=name, group=group, category_ids=categories, is_chair=chair
            )
        except CsxError as error:
            show_refusal(self, error, "Member not changed")
            return
        self._changed()

    def set_pin(self) -> None:
        member = self._selected_member()
        if member is None or member.id is None:
            return
        dialog = PinDialog(member.name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            pin = dialog.value()
            if pin is None:
                raise InputRefused("The two PINs were not the same; the PIN was not changed.")
            self.store.panel.set_pin(member.id, pin)
        except CsxError as error:
            show_refusal(self, error, "PIN not set")
            return
        self._changed()

    def remove_member(self) -> None:
        member = self._selected_member()
        if member is None or member.id is None:
            return
        reason = ask_reason(
            self,
            "Remove from the panel",
            f"Why is {member.name} leaving the panel? Their scores and interests stay in the "
            "record; they can no longer sign in.",
        )
        if reason is None:
            return
        try:
            self.store.panel.remove_member(member.id, reason)
        except CsxError as error:
            show_refusal(self, error, "Member not removed")
            return
        self._changed()

    # ---- interests ---------------------------------------------------------------------

    def record_interest(self) -> None:
        members = self.store.panel.members()
        categories = {c.id: c.name for c in self.store.round.categories() if c.is_panel_scored}
        entries = [
            (e, categories[e.category_id])
            for e in self.store.nominations.entries()
            if e.category_id in categories
        ]
        if not members or not entries:
            show_refusal(
                self,
                "An interest needs a panel member and an entry; add them first.",
                "Nothing to record",
            )
            return
        dialog = InterestRecordDialog(members, entries, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        member_id, entry_id, kind, note = dialog.values()
        try:
            self.store.panel.declare_interest(member_id, entry_id, kind, note)
        except CsxError as error:
            show_refusal(self, error, "Interest not recorded")
            return
        self._changed()

    def withdraw_interest(self) -> None:
        index = self.interests_table.currentIndex()
        if not index.isValid():
            show_refusal(self, "Choose an interest in the list first.", "No interest chosen")
            return
        row = self.interests_model.row_at(index.row())
        reason = ask_reason(
            self,
            "Withdraw a declared interest",
            f"Why is {row.member}'s interest in {row.nominee} being withdrawn? (kept in the "
            "record; they will be able to score this entry)",
        )
        if reason is None:
            return
        try:
            self.store.panel.withdraw_interest(
                row.interest.member_id, row.interest.entry_id, reason
            )
        except CsxError as error:
            show_refusal(self, error, "Interest not withdrawn")
            return
        self._changed()
