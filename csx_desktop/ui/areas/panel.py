"""The Panel area: members (group, categories, PIN, chair), declared interests, rubrics and
judging away from the laptop.

Four tabs: Members (add, edit, set PIN, remove), Declared interests (record one a member
told you of, withdraw one recorded in error, with a reason), Rubrics (edit a category's
criteria until scoring starts in it) and Judging packs (make packs, on a worker with a
progress bar; take a returned one back after checking what it changes; key in a paper
sheet; see which packs came back and which members still have categories open).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import PanelMember
from csx_desktop.operations import packs
from csx_desktop.operations import panel as panel_ops
from csx_desktop.store.errors import InputRefused
from csx_desktop.store.pack_records import pack_history
from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.background import BackgroundJob, Progress, run_in_background
from csx_desktop.ui.errors import attempt, confirm, show_refusal
from csx_desktop.ui.pack_dialogs import (
    ImportPackDialog,
    KeyPaperSheetDialog,
    MakePacksDialog,
    PackHistoryModel,
)
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

if TYPE_CHECKING:
    from csx_desktop.io.pack_import import ReturnedPack

PACK_FILTER = "Judging packs (*.pdf);;All files (*)"


def _table(
    model: MemberTableModel | InterestTableModel | PackHistoryModel, name: str
) -> QTableView:
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
        self.edit_button = QPushButton("&Edit member…")
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
        self.tabs.addTab(self._packs_page(), "Judging packs")
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
        self._refresh_packs(members)

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
        added = attempt(
            self,
            "Member not added",
            lambda: panel_ops.add_member(
                self.store,
                name=name,
                group=group,
                category_ids=categories,
                pin=pin,
                is_chair=chair,
            ),
        )
        if added is not None:
            self._changed()

    def edit_member(self) -> None:
        member = self._selected_member()
        if member is None or member.id is None:
            return
        dialog = MemberDialog(self._panel_categories(), member, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        name, group, categories, chair, _pin = dialog.values()
        member_id = member.id
        changed = attempt(
            self,
            "Member not changed",
            lambda: panel_ops.change_member(
                self.store,
                member_id=member_id,
                name=name,
                group=group,
                category_ids=categories,
                is_chair=chair,
            ),
        )
        if changed is not None:
            self._changed()

    def set_pin(self) -> None:
        member = self._selected_member()
        if member is None or member.id is None:
            return
        dialog = PinDialog(member.name, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        member_id, pin = member.id, dialog.value()

        def set_pin() -> bool:
            if pin is None:
                raise InputRefused("The two PINs were not the same; the PIN was not changed.")
            panel_ops.set_pin(self.store, member_id=member_id, pin=pin)
            return True

        if attempt(self, "PIN not set", set_pin) is not None:
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
        member_id = member.id
        removed = attempt(
            self,
            "Member not removed",
            lambda: panel_ops.remove_member(self.store, member_id=member_id, reason=reason),
        )
        if removed is not None:
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
        recorded = attempt(
            self,
            "Interest not recorded",
            lambda: panel_ops.declare_interest(
                self.store, member_id=member_id, entry_id=entry_id, kind=kind, note=note
            ),
        )
        if recorded is not None:
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
        withdrawn = attempt(
            self,
            "Interest not withdrawn",
            lambda: panel_ops.withdraw_interest(
                self.store,
                member_id=row.interest.member_id,
                entry_id=row.interest.entry_id,
                reason=reason,
            ),
        )
        if withdrawn is not None:
            self._changed()

    # ---- judging packs and paper sheets ------------------------------------------------

    def _packs_page(self) -> QWidget:
        self.packs_model = PackHistoryModel()
        self.packs_table = _table(self.packs_model, "Judging packs made")
        self.packs_summary = QLabel()
        self.packs_summary.setWordWrap(True)
        self.open_sheets = QLabel()
        self.open_sheets.setWordWrap(True)
        self.paper_checks = QLabel()
        self.paper_checks.setWordWrap(True)
        self.paper_checks.setTextFormat(Qt.TextFormat.PlainText)
        self.paper_checks.hide()
        self.packs_message = QLabel()
        self.packs_message.setWordWrap(True)
        self.packs_message.hide()
        self.make_packs_button = QPushButton("&Make judging packs…")
        self.make_packs_button.setToolTip("A fillable PDF per member, to judge at home or on paper")
        self.make_packs_button.clicked.connect(self.make_packs)
        self.import_pack_button = QPushButton("&Import a returned pack…")
        self.import_pack_button.setToolTip("Read a pack a member filled in and sent back")
        self.import_pack_button.clicked.connect(self.import_pack)
        self.key_sheet_button = QPushButton("&Key in a paper sheet…")
        self.key_sheet_button.setToolTip("Type a member's scores from a paper scoresheet")
        self.key_sheet_button.clicked.connect(self.key_paper_sheet)
        buttons = QHBoxLayout()
        for button in (self.make_packs_button, self.import_pack_button, self.key_sheet_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.packs_summary)
        layout.addWidget(self.packs_table, 1)
        layout.addWidget(self.open_sheets)
        layout.addWidget(self.paper_checks)
        layout.addWidget(self.packs_message)
        layout.addLayout(buttons)
        self.last_folder = str(self.store.path.parent) if self.store.path else str(Path.home())
        self.pack_job: BackgroundJob | None = None
        self.read_job: BackgroundJob | None = None
        return page

    def _refresh_packs(self, members: list[PanelMember]) -> None:
        history = pack_history(self.store)
        self.packs_model.set_rows(history)
        back = sum(1 for record in history if record.returns)
        if history:
            self.packs_summary.setText(
                f"{len(history)} judging pack{'' if len(history) == 1 else 's'} made; "
                f"{back} came back."
            )
        else:
            self.packs_summary.setText(
                "No judging packs made yet. A pack is a PDF for one member to judge away "
                "from this laptop: in any PDF reader, or printed as a paper scoresheet."
            )
        categories = {c.id: c.name for c in self.store.round.categories() if c.is_panel_scored}
        still_open = []
        for member in members:
            open_here = [
                categories[c]
                for c in member.category_ids
                if c in categories and not self.store.scores.is_submitted(member.id or 0, c)
            ]
            if open_here:
                still_open.append(f"{member.name} ({', '.join(open_here)})")
        self.open_sheets.setText(
            "Still to submit: " + "; ".join(still_open) + "."
            if still_open
            else "Every member has submitted every category they judge."
        )
        checks = packs.paper_checks(self.store).in_words()
        self.paper_checks.setText(checks)
        self.paper_checks.setVisible(bool(checks))
        has_categories = any(m.category_ids for m in members)
        self.make_packs_button.setEnabled(has_categories)
        self.key_sheet_button.setEnabled(has_categories)

    def _say(self, text: str) -> None:
        self.packs_message.setText(text)
        self.packs_message.show()

    def make_packs(self) -> None:
        members = [m for m in self.store.panel.members() if m.category_ids]
        if not members:
            return
        default = packs.default_return_by(self.store)
        dialog = MakePacksDialog(members, self.last_folder, default, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        member_ids, folder, return_by, send_to = dialog.values()
        self.last_folder = str(folder)
        existing = packs.existing_pack_files(self.store, folder=folder, member_ids=member_ids)
        if existing:
            names = "\n".join(p.name for p in existing[:8])
            more = f"\n… and {len(existing) - 8} more" if len(existing) > 8 else ""
            if not confirm(
                self,
                "Replace the packs already there?",
                f"{folder} already holds {len(existing)} of these packs:\n\n{names}{more}\n\n"
                "Replace them with new ones? A pack sent out earlier can still be taken back.",
            ):
                return
        plan = attempt(
            self,
            "Judging packs not made",
            lambda: packs.plan_packs(
                self.store,
                output=folder,
                member_ids=member_ids,
                return_by=return_by,
                send_to=send_to,
                overwrite=bool(existing),
            ),
        )
        if plan is None:
            return

        def render(progress: Progress) -> packs.RenderedPacks:
            return packs.render_packs(plan, progress=progress.step)

        def save(rendered: packs.RenderedPacks) -> None:
            made = packs.save_packs(self.store, rendered=rendered)
            words = " ".join([made.summary(), *made.notes])
            self._say(words)
            self._changed()
            QMessageBox.information(
                self,
                "Judging packs made",
                words + "\n\n" + "\n".join(p.path.name for p in made.written),
            )

        self.pack_job = run_in_background(
            self,
            title="Making judging packs",
            work=render,
            done=save,
            refusal_title="Judging packs not made",
        )
        self.pack_job.finished.connect(
            lambda outcome: packs.cancel_packs(plan) if outcome != "done" else None
        )

    def import_pack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a returned judging pack", self.last_folder, PACK_FILTER
        )
        if not path:
            return
        self.last_folder = str(Path(path).parent)
        self.import_pack_file(Path(path))

    def import_pack_file(self, path: Path) -> None:
        """Read the pack on a worker (a 40-entry pack takes a moment); then check what it
        would change, ask, and store what was chosen."""
        self.read_job = run_in_background(
            self,
            title="Reading the returned pack",
            work=lambda _progress: packs.read_returned_pack(path=path),
            done=lambda returned: self._check_pack(path, returned),
            refusal_title="Pack not read",
        )

    def _check_pack(self, path: Path, returned: ReturnedPack) -> None:
        check = attempt(
            self,
            "Pack not read",
            lambda: packs.check_returned_pack(self.store, path=path, returned=returned),
        )
        if check is None:
            return
        dialog = ImportPackDialog(check, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        take = dialog.take()
        result = attempt(
            self,
            "Pack not imported",
            lambda: packs.import_returned_pack(self.store, path=path, returned=returned, take=take),
        )
        if result is None:
            return
        self._say(result.summary(prefer_hint=""))
        self.session.notify("scores")
        self.refresh()

    def key_paper_sheet(self) -> None:
        members = [m for m in self.store.panel.members() if m.category_ids]
        if not members:
            return
        dialog = KeyPaperSheetDialog(self.store, members, self)
        dialog.exec()
        dialog.deleteLater()
        if dialog.changed:
            if dialog.last is not None:
                self._say(dialog.last.summary())
            self.session.notify("scores")
            self.refresh()
