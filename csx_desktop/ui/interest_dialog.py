"""'Do you know any of these nominees?': the declaration a member answers before scoring.

Shown in place of the scoring workspace the first time a member opens a category. Each entry
has a choice (no interest, or one of the three kinds in the council's code of conduct) and a
note; one button stores every answer together (``store.panel.declare_and_confirm``). Interests
the administrator already recorded for the member are shown and cannot be changed here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import Category, Entry, Interest, InterestKind
from csx_desktop.store.panel import Declaration

NO_INTEREST = "No — I do not know them"

KIND_HELP = (
    "<b>Personal</b>: you know them, work with them or are related to them.<br>"
    "<b>Prejudicial</b>: a member of the public, knowing the facts, would reasonably think it "
    "could affect your judgement.<br>"
    "<b>Disclosable pecuniary</b>: money or property is involved (for example you employ "
    "them, or share a business)."
)


class InterestDeclaration(QWidget):
    """Signals:
    answered(list[Declaration]): the member pressed the button; the new interests (maybe none).
    """

    answered = Signal(object)

    def __init__(
        self,
        category: Category,
        entries: list[Entry],
        existing: list[Interest],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(f"Declare interests for {category.name}")
        known = {i.entry_id: i for i in existing}
        title = QLabel(f"Before you score {category.name}: do you know any of these nominees?")
        title.setWordWrap(True)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            "If you know someone, or people might think you could be biased, choose the kind "
            "of interest from the council's code of conduct. You will not score that entry and "
            "it will not count against your progress. If you know none of them, just continue."
        )
        intro.setWordWrap(True)
        kinds = QLabel(KIND_HELP)
        kinds.setWordWrap(True)
        kinds.setTextFormat(Qt.TextFormat.RichText)

        self.choices: dict[int, QComboBox] = {}
        self.notes: dict[int, QLineEdit] = {}
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 2)
        for column, heading in enumerate(("Nominee", "Do you know them?", "Note (optional)")):
            label = QLabel(f"<b>{heading}</b>")
            grid.addWidget(label, 0, column)
        previous: QWidget | None = None
        for row, entry in enumerate(entries, start=1):
            entry_id = entry.id or 0
            detail = f" · {entry.service}" if entry.service else ""
            name = QLabel(f"{entry.nominee}{detail}")
            name.setWordWrap(True)
            choice = QComboBox()
            choice.addItem(NO_INTEREST, None)
            for kind in InterestKind:
                choice.addItem(kind.label, kind.value)  # Qt keeps str, not the enum
            choice.setAccessibleName(f"Interest in {entry.nominee}")
            # Sized to the short answers; the long kind names show in full in the drop-down.
            choice.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            choice.setMinimumContentsLength(24)
            name.setBuddy(choice)
            note = QLineEdit()
            note.setAccessibleName(f"Note about {entry.nominee}")
            note.setPlaceholderText("How you know them")
            note.setEnabled(False)
            if entry_id in known:
                interest = known[entry_id]
                choice.setCurrentIndex(choice.findData(interest.kind.value))
                choice.setEnabled(False)
                choice.setToolTip(f"Recorded by {interest.declared_by}")
                note.setText(interest.note)
            else:
                choice.currentIndexChanged.connect(
                    lambda _i, c=choice, n=note: self._choice_changed(c, n)
                )
                self.choices[entry_id] = choice
                self.notes[entry_id] = note
            grid.addWidget(name, row, 0)
            grid.addWidget(choice, row, 1)
            grid.addWidget(note, row, 2)
            if choice.isEnabled():
                for widget in (choice, note):
                    if previous is not None:
                        QWidget.setTabOrder(previous, widget)
                    previous = widget
        grid.setRowStretch(len(entries) + 1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_host)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its contents are the Tab stops

        self.continue_button = QPushButton()
        self.continue_button.setDefault(True)
        self.continue_button.setAutoDefault(True)
        self.continue_button.clicked.connect(self._answer)
        self._update_button()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(kinds)
        layout.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout.addLayout(buttons)
        if previous is not None:
            QWidget.setTabOrder(previous, self.continue_button)

    def first_field(self) -> QWidget:
        """Where keyboard focus starts: the first choice, or the button when there is none."""
        return next(iter(self.choices.values()), self.continue_button)

    def declarations(self) -> list[Declaration]:
        result = []
        for entry_id, choice in self.choices.items():
            value = choice.currentData()
            if value:
                kind = InterestKind(value)
                result.append(Declaration(entry_id, kind, self.notes[entry_id].text().strip()))
        return result

    def set_choice(self, entry_id: int, kind: InterestKind | None, note: str = "") -> None:
        """Choose an answer as a person would (used by tests and by keyboard)."""
        choice = self.choices[entry_id]
        choice.setCurrentIndex(choice.findData(kind.value) if kind else 0)
        self.notes[entry_id].setText(note)

    def _choice_changed(self, choice: QComboBox, note: QLineEdit) -> None:
        note.setEnabled(choice.currentData() is not None)
        self._update_button()

    def _update_button(self) -> None:
        count = len(self.declarations())
        if count == 0:
            text = "&Continue to scoring — I know none of them"
        elif count == 1:
            text = "&Declare 1 interest and continue to scoring"
        else:
            text = f"&Declare {count} interests and continue to scoring"
        self.continue_button.setText(text)

    def _answer(self) -> None:
        self.answered.emit(self.declarations())
