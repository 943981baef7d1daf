"""The Panel area's dialogs for judging away from the laptop: packs and paper sheets.

- ``MakePacksDialog`` asks whose packs to make, in which folder, the date to send them back
  by and who to send them to; the area makes them on a worker (``operations.packs``).
- ``ImportPackDialog`` is "check your answers" for a returned pack: the new scores it gives,
  each sheet that differs from the app with a choice (keep the app's, or take the pack's),
  and the categories it submits. Nothing is stored until "Store".
- ``KeyPaperSheetDialog`` keys a member's paper scoresheet: choose member, category and entry;
  the criteria are rows like the scoring workspace's (digits 0 to the top score, Up/Down
  between criteria, Delete clears); Ctrl+Enter saves and moves to the next entry. Ticking
  "second keying" keys the sheet again as a check: nothing in the app changes, and sheets
  whose two keyings disagree are listed for a third look.
- ``PackHistoryModel`` lists the packs made and when each came back.
"""

from __future__ import annotations

import datetime
import itertools
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import PanelMember
from csx_desktop.io.pack_import import PackImport, SheetChanges
from csx_desktop.operations.packs import (
    KeyedSheet,
    finish_paper_category,
    key_paper_sheet,
    keying_mismatches,
    paper_entries,
    paper_sheet_form,
)
from csx_desktop.store.database import Store
from csx_desktop.store.pack_records import PackRecord
from csx_desktop.ui.announce import announce
from csx_desktop.ui.errors import attempt, confirm
from csx_desktop.ui.scoring_workspace import CriterionRow
from csx_desktop.ui.widgets.list_table_model import Index, ListTableModel

_LAPTOP_LINES = 18  # lines of text a long dialog shows before it scrolls


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def _error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("errorMessage")
    label.setWordWrap(True)
    label.hide()
    return label


def _scrolling(content: QWidget, lines: int = _LAPTOP_LINES) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its contents are the Tab stops
    scroll.setMinimumHeight(
        min(content.sizeHint().height(), scroll.fontMetrics().lineSpacing() * lines)
    )
    return scroll


# ---- the packs made -----------------------------------------------------------------------


def _local(moment: datetime.datetime | None) -> str:
    return f"{moment.astimezone():%d %b %Y %H:%M}" if moment else ""


class PackHistoryModel(ListTableModel[PackRecord]):
    """Each pack made: for whom, when, its file, and when it came back."""

    MEMBER, MADE, FILE, RETURNED, TAKEN = range(5)
    HEADERS = ("Member", "Made", "File", "Came back", "Scores taken")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        record = self._rows[index.row()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            column = index.column()
            if column == self.MEMBER:
                return record.member_name
            if column == self.MADE:
                return _local(record.made_at)
            if column == self.FILE:
                return record.file_name
            if column == self.RETURNED:
                return _local(record.returned_at) if record.returns else "not yet"
            return str(record.scores_taken) if record.returns else ""
        return None


# ---- making packs -------------------------------------------------------------------------


class MakePacksDialog(QDialog):
    """Whose packs, where, and what their covers say; read ``values()`` after OK."""

    def __init__(
        self,
        members: list[PanelMember],
        folder: str,
        return_by: datetime.date | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Make judging packs")
        self.setAccessibleName("Make judging packs")
        intro = _intro(
            "A judging pack is a PDF for one panel member: their categories' criteria, the "
            "entries they score with every citation, and boxes to fill in any PDF reader or "
            "on paper. Each member's pack is saved in the folder you choose."
        )
        box = QGroupBox("Panel members")
        box_layout = QVBoxLayout(box)
        self.members: dict[int, QCheckBox] = {}
        for member in members:
            check = QCheckBox(member.name)
            check.setChecked(True)
            box_layout.addWidget(check)
            self.members[member.id or 0] = check
        self.folder = QLineEdit(folder)
        self.folder.setAccessibleName("Folder")
        choose = QPushButton("C&hoose…")
        choose.setAccessibleName("Choose a folder")
        choose.setAutoDefault(False)  # Enter in a field makes the packs, never browses
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(choose)
        self.has_date = QCheckBox("Ask for them &back by")
        self.date = QDateEdit()
        self.date.setAccessibleName("Date to send the packs back by")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        day = return_by or datetime.date.today() + datetime.timedelta(days=14)
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.has_date.setChecked(return_by is not None)
        self.date.setEnabled(return_by is not None)
        self.has_date.toggled.connect(self.date.setEnabled)
        date_row = QHBoxLayout()
        date_row.addWidget(self.has_date)
        date_row.addWidget(self.date, 1)
        self.send_to = QLineEdit()
        self.send_to.setAccessibleName("Send them back to")
        self.send_to.setPlaceholderText("the awards administrator")
        self.error = _error_label()
        form = QFormLayout()
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        form.addRow(date_row)
        form.addRow("&Send them back to:", self.send_to)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        make = buttons.addButton("&Make packs", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(_scrolling(box, 8))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        make.setDefault(True)  # once in the dialog: Enter in a field makes the packs
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 36)

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Where to save the judging packs", self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def member_ids(self) -> list[int]:
        return [i for i, check in self.members.items() if check.isChecked()]

    def values(self) -> tuple[list[int], Path, datetime.date | None, str]:
        date = self.date.date()
        return_by = (
            datetime.date(date.year(), date.month(), date.day())
            if self.has_date.isChecked()
            else None
        )
        return self.member_ids(), Path(self.folder.text().strip()), return_by, self.send_to.text()

    def accept(self) -> None:
        if not self.member_ids():
            self._problem("Tick at least one member to make a pack for.", None)
            return
        if not self.folder.text().strip():
            self._problem("Choose the folder to save the packs in.", self.folder)
            return
        super().accept()

    def _problem(self, words: str, field: QWidget | None) -> None:
        self.error.setText(words)
        self.error.show()
        announce(self, words)
        target = field or next(iter(self.members.values()), None)
        if target is not None:
            target.setFocus()


# ---- a returned pack ----------------------------------------------------------------------


class ImportPackDialog(QDialog):
    """Check your answers before a returned pack is stored. ``take()`` gives the entries
    whose differing sheets are to take the pack's scores (the others keep the app's)."""

    def __init__(self, check: PackImport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Check the returned pack")
        self.setAccessibleName("Check the returned pack")
        self.choices: dict[int, QRadioButton] = {}  # entry id -> "take the pack's"
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            _intro(
                f"{check.file_name} is {check.member_name}'s judging pack, made "
                f"{check.made_at[:10]}. Nothing is stored until you press Store."
            )
        )
        new = list(check.taken)
        if new:
            sheets = f"{len(new)} sheet{'' if len(new) == 1 else 's'}"
            layout.addWidget(_heading(f"New scores to take ({sheets})"))
            for sheet in new:
                layout.addWidget(_sheet_words(sheet))
        if check.left:
            layout.addWidget(_heading(f"Sheets that differ from the app ({len(check.left)})"))
            layout.addWidget(
                _intro(
                    "For each, choose whether to keep what is in the app or take the pack's scores."
                )
            )
            for sheet in check.left:
                layout.addWidget(self._choice(sheet))
        finished = []
        finished += [f"{name} will be submitted (ticked as finished)." for name in check.submitted]
        finished += [f"{name} is already submitted." for name in check.already_submitted]
        finished += [
            f"{name} is ticked as finished but not complete, so it stays open: "
            f"{'; '.join(missing)}."
            for name, missing in check.not_submitted
        ]
        if finished:
            layout.addWidget(_heading("Categories"))
            for line in finished:
                layout.addWidget(_intro(line))
        if not new and not check.left and not check.submitted:
            layout.addWidget(_intro("Nothing new: the round already has everything in this pack."))
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        store = buttons.addButton("&Store", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.addWidget(_scrolling(content), 1)
        outer.addWidget(buttons)
        store.setDefault(True)  # once in the dialog, so Enter stores
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 42)

    def _choice(self, sheet: SheetChanges) -> QGroupBox:
        box = QGroupBox(sheet.label())
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(_intro("\n".join(c.words() for c in sheet.changes)))
        keep = QRadioButton("Keep what is in the app")
        take = QRadioButton("Take the pack's scores")
        keep.setChecked(True)
        group = QButtonGroup(box)
        group.addButton(keep)
        group.addButton(take)
        box_layout.addWidget(keep)
        box_layout.addWidget(take)
        self.choices[sheet.entry_id] = take
        return box

    def take(self) -> set[int]:
        return {entry_id for entry_id, take in self.choices.items() if take.isChecked()}


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _sheet_words(sheet: SheetChanges) -> QLabel:
    return _intro(f"{sheet.label()}: " + "; ".join(c.words() for c in sheet.changes))


# ---- keying a paper sheet -----------------------------------------------------------------


class KeyPaperSheetDialog(QDialog):
    """Key a member's paper scoresheets, one entry after another, from the keyboard.

    Each "Save sheet" (Ctrl+Enter) stores the sheet through ``operations.packs`` at once and
    moves to the next entry; ``changed`` says whether anything was stored."""

    def __init__(self, store: Store, members: list[PanelMember], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Key in a paper sheet")
        self.setAccessibleName("Key in a paper sheet")
        self.store = store
        self.changed = False
        self.rows: list[CriterionRow] = []
        self.last: KeyedSheet | None = None

        self.member = QComboBox()
        self.member.setAccessibleName("Panel member")
        for member in members:
            self.member.addItem(member.name, member.id)
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        self.entry = QComboBox()
        self.entry.setAccessibleName("Entry")
        self.second = QCheckBox("Second &keying: a check (the app's scores stay as they are)")
        self.second.setToolTip(
            "Key the same paper sheet again, without looking at the first keying; sheets "
            "whose two keyings disagree are listed in this window for a third look."
        )
        top = QFormLayout()
        top.addRow("&Member:", self.member)
        top.addRow("C&ategory:", self.category)
        top.addRow("&Entry:", self.entry)
        top.addRow(self.second)

        self.refusal = _error_label()
        self.criteria_box = QWidget()
        self.criteria_layout = QVBoxLayout(self.criteria_box)
        self.criteria_layout.setContentsMargins(0, 0, 0, 0)
        self.comment = QPlainTextEdit()
        self.comment.setAccessibleName("Comment")
        self.comment.setTabChangesFocus(True)  # Tab moves on, never types
        self.comment.setMaximumHeight(self.fontMetrics().lineSpacing() * 4)
        comment_label = QLabel("C&omment (optional)")
        comment_label.setBuddy(self.comment)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.mismatch_label = QLabel("Sheets whose two keyings &disagree")
        self.mismatches = QListWidget()
        self.mismatches.setAccessibleName("Sheets whose two keyings disagree")
        self.mismatches.setWordWrap(True)
        self.mismatch_label.setBuddy(self.mismatches)
        self.mismatches.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save_button = buttons.addButton("&Save sheet", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.setToolTip(
            "Save this sheet and go to the next entry (Enter, or Ctrl+Enter from the comment)"
        )
        self.finish_button = buttons.addButton(
            "Category &finished…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.finish_button.setToolTip(
            "The member ticked “I have finished this category” on the paper: submit it for them"
        )
        self.finish_button.setAutoDefault(False)
        self.finish_button.clicked.connect(self.finish_category)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

        # Everything but the buttons scrolls as one page when it is taller than the screen
        # (text at 200% on a 1366 × 768 laptop); the buttons stay in view.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.refusal)
        layout.addWidget(self.criteria_box)
        layout.addWidget(comment_label)
        layout.addWidget(self.comment)
        layout.addWidget(self.status)
        layout.addWidget(self.mismatch_label)
        layout.addWidget(self.mismatches)
        layout.addStretch(1)
        self.page = QScrollArea()
        self.page.setWidget(body)
        self.page.setWidgetResizable(True)
        self.page.setFrameShape(QScrollArea.Shape.NoFrame)
        self.page.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its contents are the Tab stops
        outer = QVBoxLayout(self)
        outer.addWidget(self.page, 1)
        outer.addWidget(buttons)
        self.save_button.setDefault(True)  # Enter saves; it never closes the dialog
        # Wide enough for a criterion's words, scores and descriptor side by side, and tall
        # enough for three criteria, within the screen.
        screen = self.screen().availableGeometry() if self.screen() else None
        width, height = (screen.width(), screen.height()) if screen else (1366, 768)
        self.setMinimumWidth(min(self.fontMetrics().horizontalAdvance("M") * 60, width - 80))
        self._tall = min(self.fontMetrics().lineSpacing() * 44, height - 80)

        self.member.currentIndexChanged.connect(self._fill_categories)
        self.category.currentIndexChanged.connect(self._fill_entries)
        self.entry.currentIndexChanged.connect(self._load_sheet)
        self.second.toggled.connect(self._load_sheet)
        self._entries: dict[int, list[tuple[int, str]]] = {}
        self._fill_categories()
        self._show_mismatches()
        self.resize(self.minimumWidth(), self._tall)

    def done(self, result: int) -> None:
        # Closed: nothing it shows may read the round again (the round may close next).
        for widget in (self.member, self.category, self.entry, self.second):
            widget.blockSignals(True)
        super().done(result)

    # ---- choosing the sheet ----------------------------------------------------------------

    def _fill_categories(self) -> None:
        member_id = self.member.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self._entries = {}
        if member_id is not None:
            for category, entries in paper_entries(self.store, member_id=int(member_id)):
                self.category.addItem(category.name, category.id)
                self._entries[category.id or 0] = [(e.id or 0, e.nominee) for e in entries]
        self.category.blockSignals(False)
        self._fill_entries()

    def _fill_entries(self) -> None:
        self.entry.blockSignals(True)
        self.entry.clear()
        for entry_id, nominee in self._entries.get(int(self.category.currentData() or 0), []):
            self.entry.addItem(nominee, entry_id)
        self.entry.blockSignals(False)
        self._load_sheet()

    def _load_sheet(self) -> None:
        for row in self.rows:
            self.criteria_layout.removeWidget(row)
            row.hide()
            row.deleteLater()
        self.rows = []
        member_id, entry_id = self.member.currentData(), self.entry.currentData()
        if member_id is None or entry_id is None:
            self._refuse("Choose a member who judges a category with entries to score.")
            self.comment.setPlainText("")
            self.save_button.setEnabled(False)
            return
        blind = self.second.isChecked()  # a second keying starts empty: nothing to copy
        form = paper_sheet_form(
            self.store, member_id=int(member_id), entry_id=int(entry_id), second_keying=blind
        )
        for criterion in form.category.criteria:
            row = CriterionRow(criterion, self.criteria_box)
            row.set_value(None if blind else form.sheet.scores.get(criterion.id or 0))
            row.chosen.connect(lambda value, r=row: self._chosen(r, value))
            row.step.connect(lambda step, r=row: self._step(r, step))
            row.focused.connect(lambda r=row: self.page.ensureWidgetVisible(r, 0, 8))
            row.refused.connect(self._typed_wrong)
            self.criteria_layout.addWidget(row)
            self.rows.append(row)
        # Reading order: the choice, each criterion's scores, then the comment. Every score
        # button is chained (only the chosen one of a criterion takes Tab, and which one
        # that is changes as scores are typed).
        chain: list[QWidget] = [self.second]
        chain += [button for row in self.rows for button in row.buttons]
        chain.append(self.comment)
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)
        self.comment.setPlainText("" if blind else form.sheet.comment)
        if form.refusal:
            self._refuse(form.refusal)
        else:
            self.refusal.hide()
        self.save_button.setEnabled(form.refusal is None)

    def _refuse(self, words: str) -> None:
        self.refusal.setText(words)
        self.refusal.show()

    # ---- typing ----------------------------------------------------------------------------

    def _chosen(self, row: CriterionRow, value: int | None) -> None:
        row.set_value(value)
        announce(row, f"{row.criterion.name}: {row.spoken_value()}")

    def _step(self, row: CriterionRow, step: int) -> None:
        index = self.rows.index(row) + step
        if 0 <= index < len(self.rows):
            self.rows[index].focus_score()
        elif index >= len(self.rows):
            self.comment.setFocus(Qt.FocusReason.TabFocusReason)

    def _typed_wrong(self, words: str) -> None:
        self.status.setText(words)
        announce(self, words)

    def scores(self) -> dict[int, int | None]:
        return {row.criterion.id or 0: row.value for row in self.rows}

    # ---- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """Store the sheet (or record the check); then on to the next entry."""
        if not self.save_button.isEnabled() or self.entry.currentData() is None:
            return
        member_id, entry_id = int(self.member.currentData()), int(self.entry.currentData())
        second = self.second.isChecked()
        keyed = attempt(
            self,
            "Paper sheet not saved",
            lambda: key_paper_sheet(
                self.store,
                member_id=member_id,
                entry_id=entry_id,
                scores=self.scores(),
                comment=self.comment.toPlainText(),
                second_keying=second,
            ),
        )
        if keyed is None:
            return
        self.last = keyed
        self.changed = self.changed or bool(keyed.changed) or second
        self.status.setText(keyed.summary())
        announce(self.status, keyed.summary())
        self._show_mismatches()
        if self.entry.currentIndex() + 1 < self.entry.count():
            self.entry.setCurrentIndex(self.entry.currentIndex() + 1)
        else:
            self._load_sheet()
        if self.rows:
            self.rows[0].focus_score(Qt.FocusReason.OtherFocusReason)

    def finish_category(self) -> None:
        """Submit the chosen category for the member, after asking: only when the paper
        pack's "I have finished this category" box is ticked."""
        member_id, category_id = self.member.currentData(), self.category.currentData()
        if member_id is None or category_id is None:
            return
        member, category = self.member.currentText(), self.category.currentText()
        if not confirm(
            self,
            "Mark the category finished?",
            f"Submit {category} for {member}? Do this only when their paper pack has "
            "“I have finished this category” ticked. Their sheets in it are then fixed until "
            "the chair reopens it.",
        ):
            return
        submitted = attempt(
            self,
            "Category not marked finished",
            lambda: finish_paper_category(
                self.store, member_id=int(member_id), category_id=int(category_id)
            ),
        )
        if submitted is None:
            return
        self.changed = True
        words = f"{category} is submitted for {member}."
        self.status.setText(words)
        announce(self.status, words)
        self._load_sheet()

    def _show_mismatches(self) -> None:
        found = keying_mismatches(self.store)
        self.mismatches.clear()
        for mismatch in found:
            self.mismatches.addItem(mismatch.words())
        if not found:
            self.mismatches.addItem("None: every sheet keyed twice agrees.")
        self.mismatch_label.setText(f"Sheets whose two keyings &disagree ({len(found)})")
