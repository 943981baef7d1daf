"""Small dialogs of the Panel and Scoring progress areas: a member, a PIN, an interest, a sheet.

Each dialog only collects what the person typed; the area calls the store with it, so a
refusal from the store is shown by the area (``attempt``) and nothing is half-done.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import (
    Category,
    Entry,
    InterestKind,
    PanelGroup,
    PanelMember,
    Scoresheet,
)
from csx_desktop.ui.reason_box import ask_multiline


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    # Made inside the dialog, so the default button is the dialog's: Enter in a field
    # presses it (made outside, Cancel became the default and Enter cancelled).
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class MemberDialog(QDialog):
    """Add or edit a panel member: name, group, categories, chair, and a PIN when adding."""

    def __init__(
        self,
        categories: list[Category],
        member: PanelMember | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Edit panel member" if member else "Add a panel member")
        form = QFormLayout()
        self.name = QLineEdit(member.name if member else "")
        self.name.setAccessibleName("Name")
        form.addRow("&Name", self.name)
        self.group = QComboBox()
        self.group.setAccessibleName("Group")
        for group in PanelGroup:
            self.group.addItem(group.label, group.value)
        if member:
            self.group.setCurrentIndex(self.group.findData(member.group.value))
        form.addRow("&Group", self.group)
        box = QGroupBox("Categories they judge")
        box_layout = QVBoxLayout(box)
        self.categories: dict[int, QCheckBox] = {}
        for category in categories:
            if category.id is None:
                continue
            check = QCheckBox(category.name)
            check.setChecked(member is None or category.id in member.category_ids)
            box_layout.addWidget(check)
            self.categories[category.id] = check
        self.chair = QCheckBox("&Chair of the panel (sees scoring progress and the results)")
        self.chair.setChecked(bool(member and member.is_chair))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName("PIN")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(box)
        layout.addWidget(self.chair)
        if member is None:
            pin_form = QFormLayout()
            pin_form.addRow("&PIN (6 to 8 digits, optional now)", self.pin)
            layout.addLayout(pin_form)
        layout.addWidget(_buttons(self, "&Save" if member else "&Add member"))

    def values(self) -> tuple[str, PanelGroup, list[int], bool, str]:
        return (
            self.name.text(),
            PanelGroup(self.group.currentData()),
            [cid for cid, check in self.categories.items() if check.isChecked()],
            self.chair.isChecked(),
            self.pin.text().strip(),
        )


class PinDialog(QDialog):
    """A new PIN, typed twice (nobody can read the old one back)."""

    def __init__(self, member_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Set the PIN of {member_name}")
        self.pin = QLineEdit()
        self.again = QLineEdit()
        for edit, name in ((self.pin, "New PIN"), (self.again, "The same PIN again")):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
        form = QFormLayout(self)
        form.addRow(QLabel(f"Give {member_name} a PIN of 6 to 8 digits."))
        form.addRow("&New PIN", self.pin)
        form.addRow("The &same PIN again", self.again)
        form.addRow(_buttons(self, "&Set PIN"))

    def value(self) -> str | None:
        """The PIN, or None when the two did not match."""
        return self.pin.text() if self.pin.text() == self.again.text() else None


class InterestRecordDialog(QDialog):
    """The administrator records an interest a member told them about."""

    def __init__(
        self,
        members: list[PanelMember],
        entries: list[tuple[Entry, str]],  # entry with its category name
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record a declared interest")
        self.member = QComboBox()
        self.member.setAccessibleName("Panel member")
        for member in members:
            self.member.addItem(member.name, member.id)
        self.entry = QComboBox()
        self.entry.setAccessibleName("Entry")
        for entry, category in entries:
            self.entry.addItem(f"{entry.nominee} ({category})", entry.id)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of interest")
        for kind in InterestKind:
            self.kind.addItem(kind.label, kind.value)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        form = QFormLayout(self)
        form.addRow("&Member", self.member)
        form.addRow("&Entry", self.entry)
        form.addRow("&Kind", self.kind)
        form.addRow("N&ote", self.note)
        form.addRow(_buttons(self, "&Record interest"))

    def values(self) -> tuple[int, int, InterestKind, str]:
        return (
            int(self.member.currentData()),
            int(self.entry.currentData()),
            InterestKind(self.kind.currentData()),
            self.note.text(),
        )


class SheetDialog(QDialog):
    """One member's sheet for one entry, read-only (administrator, or chair after submitting)."""

    def __init__(
        self,
        member: PanelMember,
        entry: Entry,
        category: Category,
        sheet: Scoresheet,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{member.name} — {entry.nominee}")
        form = QFormLayout(self)
        form.addRow(QLabel(f"<b>{category.name}</b>: scoresheet of {member.name}"))
        for criterion in category.criteria:
            score = sheet.scores.get(criterion.id or 0)
            text = (
                "not scored"
                if score is None
                else f"{score} of {criterion.max_score} — {criterion.descriptor_for(score)}"
            )
            form.addRow(f"{criterion.name}:", QLabel(text))
        comment = QLabel(sheet.comment or "(no comment)")
        comment.setWordWrap(True)
        form.addRow("Comment:", comment)
        status = "submitted" if sheet.submitted else "not submitted yet"
        form.addRow("Status:", QLabel(status))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


def ask_reason(parent: QWidget | None, title: str, question: str) -> str | None:
    """A reason for the audit log (reopening, withdrawing, removing); None when cancelled."""
    text, ok = ask_multiline(parent, title, question)  # Tab moves on, never types
    return text if ok else None
