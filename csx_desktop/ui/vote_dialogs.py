"""Dialogs of the Shining Star area: paper votes, and naming an export's columns.

``PaperVotesDialog`` asks which nominee, how many paper votes and who counted them.
``RemovePaperVotesDialog`` asks which paper count to take back, and why.
``VoteColumnsDialog`` appears when an import cannot tell from the headings which column
holds the voter or the vote; the person picks each from the file's own headings.
``BodiesDialog`` edits the nominating bodies.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.votes import Candidate
from csx_desktop.operations import round_setup
from csx_desktop.store import Store
from csx_desktop.ui.errors import attempt

NO_COLUMN = "(no such column)"


class PaperVotesDialog(QDialog):
    """Ask for one paper count; read ``entry_id``, ``count`` and ``counted_by`` after OK."""

    def __init__(self, candidates: list[Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add paper votes")
        self.setAccessibleName("Add paper votes")
        intro = QLabel(
            "Enter the number of paper ballots counted for one nominee. Each count is added "
            "to the nominee's votes and shown separately as paper votes."
        )
        intro.setWordWrap(True)
        self.nominee = QComboBox()
        self.nominee.setAccessibleName("Nominee")
        for candidate in candidates:
            self.nominee.addItem(candidate.nominee, candidate.entry_id)
        self.count_box = QSpinBox()
        self.count_box.setAccessibleName("Number of paper votes")
        self.count_box.setRange(1, 100_000)
        self.counted_by_edit = QLineEdit()
        self.counted_by_edit.setAccessibleName("Counted by")
        self.counted_by_edit.setPlaceholderText("e.g. Kath Reed and Tom Dale")
        self.error = QLabel()
        self.error.setObjectName("errorMessage")
        self.error.setWordWrap(True)
        self.error.hide()

        form = QFormLayout()
        form.addRow("&Nominee:", self.nominee)
        form.addRow("Paper &votes:", self.count_box)
        form.addRow("&Counted by:", self.counted_by_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Add paper votes")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 34)

    @property
    def entry_id(self) -> int:
        return int(self.nominee.currentData())

    @property
    def count(self) -> int:
        return self.count_box.value()

    @property
    def counted_by(self) -> str:
        return self.counted_by_edit.text().strip()

    def accept(self) -> None:
        if not self.counted_by:
            self.error.setText("Say who counted the paper ballots.")
            self.error.show()
            self.counted_by_edit.setFocus()
            return
        super().accept()


class RemovePaperVotesDialog(QDialog):
    """Ask which paper count to remove and why; read ``paper_id`` and ``reason`` after OK."""

    def __init__(
        self,
        papers: list[tuple[int, str]],  # (paper count id, its words)
        chosen: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remove paper votes")
        self.setAccessibleName("Remove paper votes")
        intro = QLabel(
            "Take back a count of paper votes entered by mistake: it leaves the count, and "
            "the record keeps it with your reason."
        )
        intro.setWordWrap(True)
        self.paper = QComboBox()
        self.paper.setAccessibleName("Paper count to remove")
        # A long count's words shorten in the closed list, never the label beside it.
        self.paper.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.paper.setMinimumContentsLength(28)
        for paper_id, words in papers:
            self.paper.addItem(words, paper_id)
        if chosen is not None and self.paper.findData(chosen) >= 0:
            self.paper.setCurrentIndex(self.paper.findData(chosen))
        self.reason_edit = QLineEdit()
        self.reason_edit.setAccessibleName("Reason")
        self.reason_edit.setPlaceholderText("e.g. the same box was counted twice")
        self.error = QLabel()
        self.error.setObjectName("errorMessage")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow("&Paper count:", self.paper)
        form.addRow("&Reason:", self.reason_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Re&move paper votes")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)

    @property
    def paper_id(self) -> int:
        return int(self.paper.currentData())

    @property
    def reason(self) -> str:
        return " ".join(self.reason_edit.text().split())

    def accept(self) -> None:
        if not self.reason:
            self.error.setText("Say why these paper votes are being removed.")
            self.error.show()
            self.reason_edit.setFocus()
            return
        super().accept()


class VoteColumnsDialog(QDialog):
    """Pick the columns of an export; ``mapping()`` gives ``{field: heading}`` after OK."""

    LABELS: ClassVar[dict[str, str]] = {
        "voter": "&Voter's email or staff number:",
        "choice": "Who they voted &for:",
        "cast_at": "&When they voted:",
    }

    def __init__(
        self,
        file_name: str,
        headings: list[str],
        guessed: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Which columns hold the vote?")
        self.setAccessibleName("Choose the columns of the vote export")
        missing = [f for f in ("voter", "choice") if f not in guessed]
        what = " and ".join(
            {"voter": "who voted", "choice": "who they voted for"}[m] for m in missing
        )
        intro = QLabel(
            f"CSX Desktop cannot tell from the headings of {file_name} which column says "
            f"{what}. Choose each column from the file's headings."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.boxes: dict[str, QComboBox] = {}
        for field, label in self.LABELS.items():
            box = QComboBox()
            box.setAccessibleName(label.replace("&", "").rstrip(":"))
            if field == "cast_at":
                box.addItem(NO_COLUMN)
            box.addItems(headings)
            if field in guessed:
                box.setCurrentText(guessed[field])
            self.boxes[field] = box
            form.addRow(label, box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 40)

    def mapping(self) -> dict[str, str]:
        return {
            field: box.currentText()
            for field, box in self.boxes.items()
            if box.currentText() and box.currentText() != NO_COLUMN
        }


class BodiesDialog(QDialog):
    """Edit the Shining Star nominating bodies: add, rename, remove. Each change is stored
    (and audited) as it is made; a refusal, such as removing a body that has nominated
    someone, is shown and changes nothing."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Nominating bodies")
        self.store = store
        self.changed = False
        self.list = QListWidget()
        self.list.setAccessibleName("Nominating bodies")
        label = QLabel(
            "Each Service Director's service, and Xentrall Shared Services, puts forward one "
            "member of staff for Shining Star."
        )
        label.setWordWrap(True)
        add = QPushButton("&Add…")
        add.clicked.connect(self.add)
        self.rename_button = QPushButton("Re&name…")
        self.rename_button.clicked.connect(self.rename)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        for button in (add, self.rename_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.resize(self.fontMetrics().averageCharWidth() * 70, self.sizeHint().height() * 2)
        self._fill()

    def _fill(self, select: str = "") -> None:
        self.list.clear()
        bodies = self.store.round.nominating_bodies()
        self.list.addItems(bodies)
        row = bodies.index(select) if select in bodies else 0
        self.list.setCurrentRow(row)
        for button in (self.rename_button, self.remove_button):
            button.setEnabled(bool(bodies))

    def _current(self) -> str:
        item = self.list.currentItem()
        return item.text() if item is not None else ""

    def _apply(self, change: Callable[[], object], select: str) -> None:
        def run() -> bool:
            change()
            return True

        if attempt(self, "Not changed", run) is None:
            return
        self.changed = True
        self._fill(select)

    def add(self) -> None:
        name, ok = QInputDialog.getText(self, "Add a nominating body", "Name of the body:")
        if ok and name.strip():
            tidy = " ".join(name.split())
            self._apply(lambda: round_setup.add_nominating_body(self.store, name=tidy), tidy)

    def rename(self) -> None:
        old = self._current()
        if not old:
            return
        new, ok = QInputDialog.getText(self, "Rename a nominating body", "New name:", text=old)
        if ok and new.strip():
            self._apply(
                lambda: round_setup.rename_nominating_body(self.store, old=old, new=new),
                " ".join(new.split()),
            )

    def remove(self) -> None:
        body = self._current()
        if body:
            self._apply(lambda: round_setup.remove_nominating_body(self.store, name=body), "")
