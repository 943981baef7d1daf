"""The Nominations area's dialogs: add or edit a nomination, merge, split, move, and a reason.

Each dialog only collects what the person chose; the area calls the store and shows any
refusal, so the rules live in one place (``store.nominations``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import Category, Entry, Method, Nomination, NomineeKind
from csx_desktop.domain.names import name_key, split_members
from csx_desktop.ui.nomination_models import received_text


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    ok = box.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setDefault(True)
    box.addButton(QDialogButtonBox.StandardButton.Cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _row(form: QFormLayout, text: str, widget: QWidget, accessible: str) -> None:
    label = QLabel(text)
    label.setBuddy(widget)
    widget.setAccessibleName(accessible)
    form.addRow(label, widget)


class NominationDialog(QDialog):
    """Add a nomination by hand, or correct a stored one."""

    def __init__(
        self,
        categories: Sequence[Category],
        nominating_bodies: Sequence[str],
        nomination: Nomination | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._original = nomination
        self._categories = tuple(categories)
        self.setWindowTitle("Edit nomination" if nomination else "Add a nomination")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.category = QComboBox()
        for category in categories:
            self.category.addItem(category.name, category.id)
        self.nominee = QLineEdit()
        self.nominee.setPlaceholderText("The person's full name, or the team's name")
        self.members = QPlainTextEdit()
        self.members.setPlaceholderText("One name per line (Team award only)")
        self.members.setTabChangesFocus(True)
        self.members.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.service = QLineEdit()
        self.body = QComboBox()
        self.body.setEditable(True)
        self.body.addItem("")
        self.body.addItems(list(nominating_bodies))
        self.nominator = QLineEdit()
        self.email = QLineEdit()
        self.relationship = QLineEdit()
        self.relationship.setPlaceholderText("e.g. colleague, manager, customer")
        self.received = QDateTimeEdit()
        self.received.setCalendarPopup(True)
        self.received.setDisplayFormat("dd MMM yyyy HH:mm")
        self.citation = QPlainTextEdit()
        self.citation.setTabChangesFocus(True)
        self.citation.setPlaceholderText("Why they deserve the award, in the nominator's words")

        _row(form, "&Category:", self.category, "Category")
        _row(form, "&Nominee:", self.nominee, "Nominee")
        _row(form, "Team &members:", self.members, "Team members")
        _row(form, "Serv&ice:", self.service, "Service")
        _row(form, "Nominating &body:", self.body, "Nominating body (Shining Star)")
        _row(form, "N&ominator:", self.nominator, "Nominator's name")
        _row(form, "&Email:", self.email, "Nominator's email")
        _row(form, "&Relationship:", self.relationship, "Relationship to the nominee")
        _row(form, "Recei&ved:", self.received, "Received")
        _row(form, "Ci&tation:", self.citation, "Citation")

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(_buttons(self, "&Save" if nomination else "&Add"))
        self.category.currentIndexChanged.connect(self._category_changed)

        if nomination is not None:
            self.category.setCurrentIndex(self.category.findData(nomination.category_id))
            self.nominee.setText(nomination.nominee)
            self.members.setPlainText("\n".join(nomination.team_members))
            self.service.setText(nomination.service)
            self.body.setCurrentText(nomination.nominating_body)
            self.nominator.setText(nomination.nominator_name)
            self.email.setText(nomination.nominator_email)
            self.relationship.setText(nomination.relationship)
            self.citation.setPlainText(nomination.citation)
        received = nomination.received_at if nomination else None
        self.received.setDateTime(
            QDateTime.fromSecsSinceEpoch(int((received or datetime.now(UTC)).timestamp()))
        )
        self._category_changed()
        self.citation.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def _category(self) -> Category | None:
        wanted = self.category.currentData()
        return next((c for c in self._categories if c.id == wanted), None)

    def _category_changed(self) -> None:
        category = self._category()
        self.members.setEnabled(category is not None and category.nominee_kind is NomineeKind.TEAM)
        self.body.setEnabled(category is not None and category.method is Method.STAFF_VOTE)

    def nomination(self) -> Nomination:
        """What the person entered, as a nomination (keeping the original's ids and source)."""
        category = self._category()
        received = datetime.fromtimestamp(self.received.dateTime().toSecsSinceEpoch(), UTC)
        is_team = category is not None and category.nominee_kind is NomineeKind.TEAM
        by_vote = category is not None and category.method is Method.STAFF_VOTE
        entered = Nomination(
            category_id=int(self.category.currentData() or 0),
            nominee=self.nominee.text(),
            team_members=split_members(self.members.toPlainText()) if is_team else (),
            service=self.service.text(),
            nominating_body=self.body.currentText() if by_vote else "",
            nominator_name=self.nominator.text(),
            nominator_email=self.email.text(),
            relationship=self.relationship.text(),
            citation=self.citation.toPlainText(),
            received_at=received.replace(second=0, microsecond=0),
        )
        if self._original is None:
            return entered
        # What the dialog does not show stays as it was: ids, source, status.
        original = self._original
        return replace(
            entered,
            source=original.source,
            response_id=original.response_id,
            status=original.status,
            status_reason=original.status_reason,
            id=original.id,
            entry_id=original.entry_id,
        )


class MergeDialog(QDialog):
    """Choose the entries of the same category to merge into this one."""

    def __init__(
        self, target: Entry, candidates: Sequence[Entry], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Merge into {target.nominee}")
        intro = QLabel(
            f"Tick the entries that are really <b>{target.nominee}</b>. Their nominations move "
            "into this entry; the ticked entries are kept, marked as merged, and can be seen "
            "with the status filter."
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName("Entries to merge")
        key = name_key(target.nominee)
        # Likely duplicates first: the person looking for them should not have to scroll.
        ordered = sorted(candidates, key=lambda e: not _similar(key, name_key(e.nominee)))
        for entry in ordered:
            text = entry.nominee
            if entry.service:
                text += f" — {entry.service}"
            count = entry.nomination_count
            text += f" ({count} nomination{'s' if count != 1 else ''})"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            similar = _similar(key, name_key(entry.nominee))
            item.setCheckState(Qt.CheckState.Unchecked)
            if similar:
                item.setToolTip("A similar name")
                item.setText(text + "  · similar name")
            self.list.addItem(item)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. the same person, spelt two ways")
        form = QFormLayout()
        _row(form, "&Reason (optional):", self.reason, "Reason for merging")
        label = QLabel("&Entries in the same category:")
        label.setBuddy(self.list)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "&Merge"))
        self.resize(560, 460)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The rows were placed before the style sheet's padding reached the list (they were
        # 17 px apart and 25 px tall: overlapping, with 14 px tick boxes crowded together);
        # placed again now, they sit a whole row (at least 24 px) apart (WCAG 2.5.8).
        self.list.doItemsLayout()

    def chosen(self) -> list[int]:
        return [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def choose(self, entry_ids: Sequence[int]) -> None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in entry_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def _similar(a: str, b: str) -> bool:
    """Names worth pointing out as possible duplicates: one inside the other, or same start."""
    return bool(a and b) and (a in b or b in a or a[:5] == b[:5])


class SplitDialog(QDialog):
    """Choose the nominations that are about someone else, and name the new entry."""

    def __init__(
        self, entry: Entry, nominations: Sequence[Nomination], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Split {entry.nominee}")
        intro = QLabel(
            "Tick the nominations that are about a different person (two people with the same "
            "name, say). They move into a new entry; at least one must stay."
        )
        intro.setWordWrap(True)
        self.boxes: list[tuple[QCheckBox, int]] = []
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for nomination in nominations:
            who = nomination.nominator_name or "nominator not given"
            box = QCheckBox(
                f"{received_text(nomination)} — {who}: "
                f"{' '.join(nomination.citation.split())[:70]}…"
            )
            # Named by its own words (WCAG 2.5.3); the whole citation is its description.
            whole = " ".join(nomination.citation.split())
            box.setAccessibleDescription(whole)
            box.setToolTip(whole)
            layout.addWidget(box)
            self.boxes.append((box, int(nomination.id or 0)))
        self.name = QLineEdit(entry.nominee)
        form = QFormLayout()
        _row(form, "&New entry's nominee:", self.name, "New entry's nominee")
        layout.addLayout(form)
        layout.addWidget(_buttons(self, "&Split"))

    def chosen(self) -> list[int]:
        return [nomination_id for box, nomination_id in self.boxes if box.isChecked()]


class MoveDialog(QDialog):
    """Choose another category for a nomination (and its nominating body for Shining Star)."""

    def __init__(
        self,
        nomination: Nomination,
        categories: Sequence[Category],
        nominating_bodies: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Move a nomination of {nomination.nominee}")
        self._categories = [c for c in categories if c.id != nomination.category_id]
        self.category = QComboBox()
        for category in self._categories:
            self.category.addItem(category.name, category.id)
        self.body = QComboBox()
        self.body.setEditable(True)
        self.body.addItems(["", *nominating_bodies])
        self.body.setCurrentText(nomination.nominating_body)
        form = QFormLayout()
        _row(form, "Move &to:", self.category, "Category to move to")
        _row(form, "Nominating &body:", self.body, "Nominating body (Shining Star only)")
        note = QLabel(
            "It joins the entry for the same nominee in that category, or starts a new one."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(_buttons(self, "&Move"))
        self.category.currentIndexChanged.connect(self._changed)
        self._changed()

    def _changed(self) -> None:
        category = next((c for c in self._categories if c.id == self.category.currentData()), None)
        self.body.setEnabled(category is not None and category.method is Method.STAFF_VOTE)

    def category_id(self) -> int:
        return int(self.category.currentData() or 0)

    def nominating_body(self) -> str | None:
        return self.body.currentText() if self.body.isEnabled() else None


class ReasonDialog(QDialog):
    """Ask why (ineligible, withdrawn): the reason is kept with the nomination."""

    def __init__(
        self, title: str, question: str, *, required: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(question + ("" if required else " (optional)"))
        label.setWordWrap(True)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason")
        label.setBuddy(self.reason)
        self._required = required
        box = _buttons(self, title)
        self._ok = box.buttons()[0]
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.reason)
        layout.addWidget(box)
        self.reason.textChanged.connect(self._changed)
        self._changed()
        self.resize(480, self.sizeHint().height())

    def _changed(self) -> None:
        self._ok.setEnabled(not self._required or bool(self.reason.text().strip()))

    def text(self) -> str:
        return self.reason.text().strip()
