"""The scoring workspace: one panel member scoring the entries of one category.

The screen the panel lives in on the judging day (DESIGN.md, "Screens"): the entries with
their state on the left, every nomination's citation on the right, the criteria below with
their descriptors. It is driven from the keyboard:

- one criterion is always highlighted (▶): the first one not scored yet when an entry
  opens. Digits score it, even while the entry list or the citation has the focus, so the
  first key pressed does something; a digit beyond the scale says why;
- on a criterion, digits set its score (and show its descriptor), Delete clears it,
  Left/Right nudge it; Up/Down (or Tab) move between criteria;
- Ctrl+Enter goes to the next entry, Ctrl+Shift+Enter to the previous one;
- Ctrl+Z undoes the last change, Ctrl+Shift+Z redoes it; F1 (the main window's Help menu)
  explains every key.

Each criterion is a radio group to assistive technology (``CriterionRow``): the criterion
is the group's name, each score a radio button whose description is its descriptor. Every
save, refusal and move to another entry is also announced (``announce``), because a judge
who cannot see the "Saved" line must still hear it.

Each change is committed to the round file at once (``operations.judging.save_score``, with
its audit row) and the "Saved ✓ 14:02:31" line says so; there is no Save button. The comment is
saved when typing pauses and when it loses focus. Only the signed-in member's own sheets are
ever read here, so nobody sees another member's scores. The words on screen are a panel
member's, not the rubric's jargon: "entries you have not finished", not "scoresheets".

Every change to the member's sheets (a score, a comment, submitting) is an operation of
``csx_desktop.operations.judging``, their answer about interests one of
``operations.panel``; a refusal is shown by ``ui.errors``. Who can
reopen a submitted category depends on whether the member has seen its results (then only
the administrator), and the words on screen say which.
"""

from __future__ import annotations

import html
import itertools
from datetime import datetime

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import Criterion, Entry, Interest, NominationStatus, Scoresheet
from csx_desktop.operations import judging
from csx_desktop.operations import panel as panel_ops
from csx_desktop.store.errors import CsxError
from csx_desktop.store.scores import SavedChange, SheetState, sheet_state
from csx_desktop.ui.announce import announce
from csx_desktop.ui.errors import attempt, show_refusal
from csx_desktop.ui.interest_dialog import InterestDeclaration
from csx_desktop.ui.scoring_models import (
    ENTRY_ID_ROLE,
    EntryListModel,
    EntryRow,
    entry_state_words,
    state_text,
)
from csx_desktop.ui.session import WAITING_TEXT, Session
from csx_desktop.ui.style import SCORING_RULES
from csx_desktop.ui.widgets.empty_state import EmptyState

COMMENT_PAUSE_MS = 1200  # save the comment once typing pauses this long
TYPING_WINDOW_MS = 900  # two digits typed within this make one score on a 0-10+ scale
CITATION_LINES = 6  # lines of citation kept in view when the scores need the height


def local_time(saved_at: str) -> str:
    """The time of a saved change as the person reads a clock: 14:02:31, local time."""
    return datetime.fromisoformat(saved_at).astimezone().strftime("%H:%M:%S")


def _plain(event: QKeyEvent) -> bool:
    """No Ctrl or Alt held (Shift is fine: some keyboards need it for digits)."""
    return not event.modifiers() & (
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )


def is_digit_key(event: QKeyEvent) -> bool:
    text = event.text()
    return _plain(event) and len(text) == 1 and text.isdigit()


# ---- one criterion -------------------------------------------------------------------------


class ScoreButton(QRadioButton):
    """One point of a criterion's scale (0 … 5): a radio button, its descriptor its description.

    Keys pressed on it are the row's (digits, arrows, Delete), so the whole row behaves as
    one control; a screen reader hears "4, radio button, checked, Strong evidence".
    """

    def __init__(self, row: CriterionRow, score: int, descriptor: str) -> None:
        super().__init__(str(score))
        self.row = row
        self.score = score
        self.setObjectName("scoreButton")
        if descriptor:
            self.setAccessibleDescription(descriptor)
        self.setToolTip(f"{score}: {descriptor}" if descriptor else str(score))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.row.handle_key(event):
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.row.focus_moved()
        self.row.focused.emit()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.row.focus_moved()


class CriterionRow(QGroupBox):
    """One criterion: its words, a radio group of scores 0..max and the chosen descriptor.

    To assistive technology it is a group named after the criterion, holding one radio
    button per score, the chosen one checked (none while it is not scored). Only one of its
    buttons is a Tab stop (the chosen one, else 0), so Tab moves criterion by criterion.

    Signals:
        chosen(object): the person chose a score (int) or cleared it (None).
        step(int): move to the previous (-1) or next (+1) criterion.
        focused(): the keyboard focus arrived on one of its buttons.
        refused(str): a key that is no score here, with the words that say why.
    """

    chosen = Signal(object)
    step = Signal(int)
    focused = Signal()
    refused = Signal(str)

    def __init__(self, criterion: Criterion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self.setObjectName("criterionRow")
        self.setProperty("current", False)
        self.setProperty("focusWithin", False)
        # A group box, not a label: the name is the criterion's visible words, unchanged.
        self.setAccessibleName(criterion.name)
        top = criterion.max_score
        self.setAccessibleDescription(
            f"{criterion.description} Type a number from 0 to {top} to score.".strip()
        )
        self._value: int | None = None
        self._read_only = False
        self._current = False
        self._typed = ""
        self._typed_timer = QTimer(self)
        self._typed_timer.setSingleShot(True)
        self._typed_timer.setInterval(TYPING_WINDOW_MS)
        self._typed_timer.timeout.connect(self._clear_typed)

        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.name.font()
        bold.setBold(True)
        self.name.setFont(bold)
        self.description = QLabel(criterion.description)
        self.description.setWordWrap(True)
        text_box = QVBoxLayout()
        text_box.setSpacing(2)
        text_box.addWidget(self.name)
        text_box.addWidget(self.description)

        self.buttons: list[ScoreButton] = []
        buttons = QHBoxLayout()
        buttons.setSpacing(2)
        for score in range(top + 1):
            button = ScoreButton(self, score, criterion.descriptor_for(score))
            button.clicked.connect(lambda _checked=False, s=score: self._clicked(s))
            self.buttons.append(button)
            buttons.addWidget(button)

        self.descriptor = QLabel()
        longest = max((len(d) for d in criterion.descriptors), default=12)
        self.descriptor.setMinimumWidth(self.fontMetrics().horizontalAdvance("M" * 4) + 8 * longest)
        layout = QHBoxLayout(self)
        layout.addLayout(text_box, 3)
        layout.addLayout(buttons)
        layout.addWidget(self.descriptor, 1)
        self._show()

    @property
    def value(self) -> int | None:
        return self._value

    def set_value(self, value: int | None) -> None:
        self._value = value
        self._show()

    def set_read_only(self, read_only: bool) -> None:
        # The buttons stay focusable, so a judge who has submitted can still hear every
        # score; the workspace refuses a change and says why.
        self._read_only = read_only

    def set_current(self, current: bool) -> None:
        """Highlight the criterion that the next digit scores (with ▶, not colour alone)."""
        if current == self._current:
            return
        self._current = current
        self._restyle("current", current)
        self._show()

    def focus_moved(self) -> None:
        """A score button gained or lost the focus: ring the whole row while it is inside."""
        inside = self.has_focus()
        if bool(self.property("focusWithin")) != inside:
            self._restyle("focusWithin", inside)
        if not inside:
            self._clear_typed()

    def _restyle(self, name: str, value: bool) -> None:
        self.setProperty(name, value)
        self.style().unpolish(self)
        self.style().polish(self)
        self.update()

    @property
    def is_current(self) -> bool:
        return self._current

    def has_focus(self) -> bool:
        """One of this criterion's buttons has the keyboard focus."""
        return any(button.hasFocus() for button in self.buttons)

    def tab_stop(self) -> ScoreButton:
        """The button Tab lands on: the chosen score, or 0 while none is chosen."""
        return self.buttons[self._value if self._value is not None else 0]

    def focus_score(self, reason: Qt.FocusReason = Qt.FocusReason.TabFocusReason) -> None:
        self.tab_stop().setFocus(reason)

    def _show(self) -> None:
        marker = "▶ " if self._current else ""  # the highlight shown by a symbol too
        self.name.setText(f"{marker}{self.criterion.name}")
        had_focus = self.has_focus()
        for score, button in enumerate(self.buttons):
            # The store decides which score is chosen, not the click; an auto-exclusive radio
            # button cannot be unchecked while it is the group's only checked one, so the
            # exclusivity is lifted for the moment of setting it (a refused save or Delete).
            button.setAutoExclusive(False)
            button.setChecked(score == self._value)
            button.setAutoExclusive(True)  # a radio button to assistive technology
            # One Tab stop per criterion; arrows and digits move between its scores.
            button.setFocusPolicy(
                Qt.FocusPolicy.StrongFocus
                if button is self.tab_stop()
                else Qt.FocusPolicy.ClickFocus
            )
        if had_focus and not self.tab_stop().hasFocus() and self._value is not None:
            self.focus_score(Qt.FocusReason.OtherFocusReason)  # focus follows the choice
        if self._value is None:
            self.descriptor.setText("not scored yet")
        else:
            words = self.criterion.descriptor_for(self._value)
            self.descriptor.setText(f"<b>{self._value}</b> {html.escape(words)}")

    def spoken_value(self) -> str:
        """The chosen score in words: "4 out of 5, Strong evidence" or "not scored yet"."""
        if self._value is None:
            return "not scored yet"
        words = self.criterion.descriptor_for(self._value)
        return f"{self._value} out of {self.criterion.max_score}, {words}".rstrip(", ")

    def _clicked(self, score: int) -> None:
        self._show()  # the store decides, not the click: show what is stored until it says
        self.chosen.emit(score)

    def _clear_typed(self) -> None:
        self._typed = ""

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a key meant for this criterion; False when it is not one of ours."""
        key = event.key()
        plain = _plain(event)
        top = self.criterion.max_score
        if is_digit_key(event):
            text = event.text()
            typed = self._typed + text if top >= 10 else text
            if int(typed) > top:
                typed = text
            self._typed = typed
            self._typed_timer.start()
            if int(typed) <= top:
                self.chosen.emit(int(typed))
            else:
                QApplication.beep()
                self.refused.emit(
                    f"{typed} is not a score for {self.criterion.name}: "
                    f"type a number from 0 to {top}."
                )
            return True
        if not plain:
            return False
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.chosen.emit(None)
        elif key == Qt.Key.Key_Up:
            self.step.emit(-1)
        elif key == Qt.Key.Key_Down:
            self.step.emit(1)
        elif key == Qt.Key.Key_Left:
            if self._value is not None and self._value > 0:
                self.chosen.emit(self._value - 1)
        elif key == Qt.Key.Key_Right:
            self.chosen.emit(0 if self._value is None else min(top, self._value + 1))
        elif key == Qt.Key.Key_Home:
            self.chosen.emit(0)
        elif key == Qt.Key.Key_End:
            self.chosen.emit(top)
        else:
            return False
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)


# ---- undo ----------------------------------------------------------------------------------


class ChangeCommand(QUndoCommand):
    """A change already stored; undo puts the old value back (through the store, audited)."""

    def __init__(self, workspace: ScoringWorkspace, change: SavedChange, text: str) -> None:
        super().__init__(text)
        self._workspace = workspace
        self._change = change
        self._stored = True  # push() calls redo() at once; the change is already stored

    def redo(self) -> None:
        if self._stored:
            self._stored = False
            return
        self._workspace.apply_change(self._change, self._change.after, "Redone")

    def undo(self) -> None:
        self._workspace.apply_change(self._change, self._change.before, "Undone")


# ---- submitting ----------------------------------------------------------------------------


class ShortList(QListWidget):
    """A list inside a dialog: as tall as its rows (up to ``MAX_ROWS``, then it scrolls),
    each row with the room the style sheet gives it, at any text size.

    A plain list lays its rows out when they are added, before the style sheet's padding
    reaches it, and keeps that layout when shown: rows pressed against each other (most
    visible at 200 % text), in a box of a fixed 256×192 whatever it holds. This one lays its
    rows out again once polished and asks for the height they need.
    """

    MAX_ROWS = 8

    def _row_height(self) -> int:
        self.ensurePolished()
        return max(self.sizeHintForRow(0), self.fontMetrics().height()) + 2 * self.spacing()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        rows = min(self.count(), self.MAX_ROWS)
        if rows == 0:
            return hint
        frame = 2 * self.frameWidth()
        width = max(self.sizeHintForColumn(0), hint.width() // 2) + frame
        if self.count() > rows:
            width += self.verticalScrollBar().sizeHint().width()
        return QSize(width, rows * self._row_height() + frame)

    def minimumSizeHint(self) -> QSize:
        rows = min(self.count(), 3) or 1
        height = rows * self._row_height() + 2 * self.frameWidth()
        return QSize(super().minimumSizeHint().width(), height)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.doItemsLayout()  # with the padding the style sheet gave the rows since
        self.updateGeometry()


class SubmitDialog(QDialog):
    """Asks before a category is submitted, listing any incomplete scoresheets first."""

    def __init__(self, category: str, rows: list[EntryRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Submit {category}?")
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 32)
        layout = QVBoxLayout(self)
        incomplete = [
            r for r in rows if r.state in (SheetState.NOT_STARTED, SheetState.IN_PROGRESS)
        ]
        to_score = [r for r in rows if r.state is not SheetState.INTEREST]
        self.incomplete = ShortList()
        self.incomplete.setAccessibleName("Entries you have not finished")
        if incomplete:
            count = len(incomplete)
            entries = "entry is" if count == 1 else "entries are"
            heading = QLabel(
                f"<b>{count} of your {len(to_score)} {entries} not finished.</b> "
                "Scores for an entry count only when you have scored it on every line."
            )
            for row in incomplete:
                self.incomplete.addItem(f"{state_text(row.state)} — {row.entry.nominee}")
            layout.addWidget(heading)
            layout.addWidget(self.incomplete, 1)
        else:
            heading = QLabel(f"<b>You have finished all {len(to_score)} entries.</b>")
            layout.addWidget(heading)
            self.incomplete.hide()
        heading.setWordWrap(True)
        after = QLabel(
            f"After you submit, you cannot change your scores for {category}. If a score "
            "must change, the chair can reopen the category for you until you have looked "
            "at its results; after that, only the administrator can."
        )
        after.setWordWrap(True)
        layout.addWidget(after)
        buttons = QDialogButtonBox()
        self.submit_button = buttons.addButton(
            f"&Submit {category}", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.back_button = buttons.addButton("Go &back", QDialogButtonBox.ButtonRole.RejectRole)
        (self.back_button if incomplete else self.submit_button).setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The size hint takes the wrapped sentences at another width than the dialog has:
        # too short at 200 % text (the list squeezed), too tall at 100 % (empty space under
        # the rows). Fit the height to what the sentences, rows and buttons need here.
        layout = self.layout()
        needed = layout.totalHeightForWidth(self.width()) if layout is not None else -1
        if needed > 0 and needed != self.height():
            self.resize(self.width(), needed)


# ---- the workspace -------------------------------------------------------------------------


class ScoringWorkspace(QWidget):
    """One member's scoring of one category, or the interest declaration before it.

    Signals:
        saved(SavedChange): a change reached the round file and the screen shows it saved.
    """

    saved = Signal(object)

    def __init__(self, session: Session, category_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        member = session.person.member
        assert member is not None and member.id is not None
        self.session = session
        self.store = session.store
        self.member = member
        self.member_id = member.id
        self.category = self.store.round.category(category_id)
        self.category_id = category_id
        self.criteria = self.category.criteria
        self.undo_stack = QUndoStack(self)
        self._entry_id: int | None = None
        self._sheets: dict[int, Scoresheet] = {}
        self._interests: dict[int, Interest] = {}
        self._read_only = False
        self._closed = False
        self._seen_results = False
        self._notifying = False
        self._loading = False
        self._current = 0  # the criterion that digits score (highlighted with ▶)
        self.setAccessibleName(f"Scoring {self.category.name}")
        self.setStyleSheet(SCORING_RULES)

        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.declaration: InterestDeclaration | None = None
        self.empty = EmptyState(
            f"No entries in {self.category.name} yet",
            "The entries you will score appear here once the administrator has imported "
            "the nominations. Nothing for you to do yet.",
        )
        self.stack.addWidget(self.empty)
        self._build_scoring_page()
        self.refresh()
        entries = self.model.rows()
        if not entries:
            self.stack.setCurrentWidget(self.empty)
        elif not self.store.panel.interests_confirmed(self.member_id, category_id):
            self._show_declaration([r.entry for r in entries])
        else:
            self.stack.setCurrentWidget(self.page)
        session.changed.connect(self._round_changed)
        session.waiting.connect(self._waiting)

    # ---- building ----------------------------------------------------------------------

    def _build_scoring_page(self) -> None:
        self.page = QWidget()
        self.title = QLabel(
            f"{self.category.name} — {self.member.name} ({self.member.group.label})"
        )
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        self.progress_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumWidth(self.fontMetrics().horizontalAdvance("M" * 14))
        self.progress_bar.setAccessibleName("Your progress in this category")
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.progress_label)
        header.addWidget(self.progress_bar)

        self.banner = QLabel()
        self.banner.setObjectName("scoringBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()

        self.model = EntryListModel()
        self.entry_list = QListView()
        self.entry_list.setModel(self.model)
        self.entry_list.setAccessibleName("Entries")
        self.entry_list.setAccessibleDescription(
            "Choose an entry with Up and Down. Type a number to score the highlighted line; "
            "Enter goes to the scores."
        )
        self.entry_list.setUniformItemSizes(True)
        self.entry_list.selectionModel().currentChanged.connect(self._current_changed)
        self.entry_list.activated.connect(lambda _index: self.focus_criterion(self._current))
        entries_label = QLabel("&Entries")
        entries_label.setBuddy(self.entry_list)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(entries_label)
        left_layout.addWidget(self.entry_list)

        self.citation = QTextBrowser()
        self.citation.setAccessibleName("Citations")
        self.citation.setAccessibleDescription(
            "What the nominators wrote. Type a number to score the highlighted line."
        )
        self.citation.setOpenLinks(False)
        # Digits typed while reading (or in the entry list) score the highlighted criterion.
        self.citation.installEventFilter(self)
        self.entry_list.installEventFilter(self)

        self.rows: list[CriterionRow] = []
        criteria_host = QWidget()
        criteria_layout = QVBoxLayout(criteria_host)
        criteria_layout.setContentsMargins(0, 0, 0, 0)
        top = max((c.max_score for c in self.criteria), default=5)
        self._scoring_hint = (
            f"Type a number from 0 to {top} to score the highlighted line (▶). Up and Down "
            "move between lines; Ctrl+Enter goes to the next entry. Each score is saved at "
            "once. Press F1 for help."
        )
        self._reading_hint = (
            "Your scores are shown here to read. Up and Down move between lines; Ctrl+Enter "
            "goes to the next entry. Press F1 for help."
        )
        self.hint = QLabel(self._scoring_hint)
        self.hint.setWordWrap(True)
        criteria_layout.addWidget(self.hint)
        # A key that is no score here: said next to the scores (and announced), not beeped.
        self.problem = QLabel()
        self.problem.setObjectName("scoreProblem")
        self.problem.setWordWrap(True)
        self.problem.hide()
        criteria_layout.addWidget(self.problem)
        for index, criterion in enumerate(self.criteria):
            row = CriterionRow(criterion)
            row.chosen.connect(lambda value, c=criterion: self.set_score(c, value))
            row.step.connect(lambda delta, i=index: self.focus_criterion(i + delta))
            row.focused.connect(lambda i=index: self._focus_arrived(i))
            row.refused.connect(self._refuse_key)
            self.rows.append(row)
            criteria_layout.addWidget(row)
        self.interest_notice = QLabel()
        self.interest_notice.setObjectName("interestNotice")
        self.interest_notice.setWordWrap(True)
        self.interest_notice.hide()
        criteria_layout.addWidget(self.interest_notice)
        comment_label = QLabel("&Comment (optional)")
        self.comment = QPlainTextEdit()
        self.comment.setTabChangesFocus(True)  # Tab leaves the box; it never types a tab
        self.comment.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.comment.setMaximumHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        self.comment.textChanged.connect(self._comment_edited)
        self.comment.installEventFilter(self)
        comment_label.setBuddy(self.comment)
        criteria_layout.addWidget(comment_label)
        criteria_layout.addWidget(self.comment)
        criteria_layout.addStretch(1)
        self.criteria_scroll = QScrollArea()
        self.criteria_scroll.setWidgetResizable(True)
        self.criteria_scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Not a Tab stop itself: its contents are, and it scrolls to show them.
        self.criteria_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.criteria_scroll.setWidget(criteria_host)
        self._comment_timer = QTimer(self)
        self._comment_timer.setSingleShot(True)
        self._comment_timer.setInterval(COMMENT_PAUSE_MS)
        self._comment_timer.timeout.connect(self.save_comment)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.citation)
        right.addWidget(self.criteria_scroll)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([3000, 2000])  # until it is shown: then _share_reading_and_scoring
        right.setChildrenCollapsible(False)
        self.reading_and_scoring = right
        self._shared = False  # the first showing shares the height out (once: then it is theirs)
        right.installEventFilter(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        # Wide enough for "● Maya Lindqvist / in progress (2 of 3)" at any font size.
        list_width = self.fontMetrics().horizontalAdvance("● in progress (2 of 3)") + 60
        split.setSizes([list_width, list_width * 3])

        self.saved_label = QLabel("Each score is saved the moment you enter it.")
        self.saved_label.setWordWrap(True)
        self.undo_button = QPushButton("&Undo (Ctrl+Z)")
        self.undo_button.setToolTip("Undo your last change (Ctrl+Z); Ctrl+Shift+Z redoes it")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.next_button = QPushButton("&Next entry (Ctrl+Enter)")
        self.next_button.setToolTip("Next entry (Ctrl+Enter); previous entry (Ctrl+Shift+Enter)")
        self.next_button.clicked.connect(lambda: self.next_entry(1))
        self.submit_button = QPushButton("&Submit category…")
        self.submit_button.setToolTip(
            f"Finish {self.category.name}: after that you cannot change your scores"
        )
        self.submit_button.clicked.connect(self.submit)
        footer = QHBoxLayout()
        footer.addWidget(self.saved_label, 1)
        footer.addWidget(self.undo_button)
        footer.addWidget(self.next_button)
        footer.addWidget(self.submit_button)

        page_layout = QVBoxLayout(self.page)
        page_layout.addLayout(header)
        page_layout.addWidget(self.banner)
        page_layout.addWidget(split, 1)
        page_layout.addLayout(footer)
        self.stack.addWidget(self.page)

        buttons_in_order = [button for row in self.rows for button in row.buttons]
        chain: list[QWidget] = [self.entry_list, self.citation, *buttons_in_order, self.comment]
        chain += [self.undo_button, self.next_button, self.submit_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        for keys, slot in (
            ("Ctrl+Return", lambda: self.next_entry(1)),
            ("Ctrl+Enter", lambda: self.next_entry(1)),
            ("Ctrl+Shift+Return", lambda: self.next_entry(-1)),
            ("Ctrl+Shift+Enter", lambda: self.next_entry(-1)),
            (QKeySequence.StandardKey.Undo, self.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.undo_stack.redo),
            ("Ctrl+Shift+Z", self.undo_stack.redo),
        ):
            shortcut = QShortcut(QKeySequence(keys), self.page)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)

    def _show_declaration(self, entries: list[Entry]) -> None:
        existing = self.store.panel.interests(
            member_id=self.member_id, category_id=self.category_id
        )
        self.declaration = InterestDeclaration(self.category, entries, existing)
        self.declaration.answered.connect(self._declared)
        self.stack.addWidget(self.declaration)
        self.stack.setCurrentWidget(self.declaration)

    def focus_start(self) -> None:
        """Put the keyboard where this tab starts: the interests question or the entries."""
        if self.showing_declaration:
            self._focus_declaration()
        elif self.stack.currentWidget() is self.page:
            self.entry_list.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_declaration(self) -> None:
        if self.declaration is not None:
            self.declaration.first_field().setFocus()

    def _declared(self, declarations: list) -> None:
        answered = attempt(
            self,
            "Interests not recorded",
            lambda: panel_ops.declare_and_confirm(
                self.store,
                member_id=self.member_id,
                category_id=self.category_id,
                declarations=declarations,
            ),
        )
        if answered is None:
            return
        self._notify("panel")
        self._entry_id = None  # start again at the first entry still to score
        self.refresh()
        self.stack.setCurrentWidget(self.page)
        if self.declaration is not None:
            self.stack.removeWidget(self.declaration)
            self.declaration.deleteLater()
            self.declaration = None
        self.entry_list.setFocus()

    # ---- reading the round -------------------------------------------------------------

    @property
    def showing_declaration(self) -> bool:
        return self.declaration is not None and self.stack.currentWidget() is self.declaration

    def refresh(self) -> None:
        """Re-read this member's own sheets and interests (never anyone else's)."""
        store = self.store
        entries = store.nominations.entries(self.category_id)
        self._sheets = {
            s.entry_id: s
            for s in store.scores.sheets(member_id=self.member_id, category_id=self.category_id)
        }
        self._interests = {
            i.entry_id: i
            for i in store.panel.interests(member_id=self.member_id, category_id=self.category_id)
        }
        submitted_at = store.scores.submitted_at(self.member_id, self.category_id)
        closed = store.scores.scoring_closed(self.category_id)
        self._read_only = submitted_at is not None or closed
        self._closed = closed
        # Read when the sheets are re-read (a change of state), never per keystroke.
        self._seen_results = submitted_at is not None and judging.has_seen_results(
            store, member_id=self.member_id, category_id=self.category_id
        )
        if closed:
            self.banner.setText(
                f"The panel's decision for {self.category.name} is recorded, so scoring is "
                "closed. You can read your scores but not change them."
            )
        elif submitted_at is not None:
            when = submitted_at.astimezone().strftime("%d %B at %H:%M").lstrip("0")
            self.banner.setText(
                f"✓ You submitted {self.category.name} on {when}. You can read your scores "
                f"but not change them. {self._who_reopens()}"
            )
        self.banner.setVisible(self._read_only)
        self.hint.setText(self._reading_hint if self._read_only else self._scoring_hint)
        self.submit_button.setEnabled(not self._read_only)
        if self._read_only:
            self.undo_stack.clear()
        keep = self._entry_id
        rows = [self._row_for(e) for e in entries]
        self.model.set_rows(rows)
        row = self.model.row_of(keep) if keep is not None else -1
        if row < 0:  # start at the first entry still to score
            row = next(
                (
                    i
                    for i, r in enumerate(rows)
                    if r.state in (SheetState.NOT_STARTED, SheetState.IN_PROGRESS)
                ),
                0,
            )
        self._loading = True
        try:
            self.entry_list.setCurrentIndex(self.model.index(max(row, 0)))
        finally:
            self._loading = False
        self._show_entry(self._current_entry_id())
        self._update_progress()

    def _who_reopens(self) -> str:
        """Who can reopen the member's submitted category: the chair, until they have seen
        its results; then only the administrator."""
        if self._seen_results:
            return (
                "You have seen its results, so if a score must change, only the "
                "administrator can reopen the category for you."
            )
        return "If a score must change, ask the chair to reopen the category for you."

    def _row_for(self, entry: Entry) -> EntryRow:
        sheet = self._sheets.get(entry.id or 0)
        state = sheet_state(sheet, self.criteria, interest=(entry.id or 0) in self._interests)
        return EntryRow(entry, state, len(sheet.scores) if sheet else 0, len(self.criteria))

    def _current_entry_id(self) -> int | None:
        index = self.entry_list.currentIndex()
        value = self.model.data(index, ENTRY_ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def _update_progress(self) -> None:
        rows = self.model.rows()
        to_score = [r for r in rows if r.state is not SheetState.INTEREST]
        done = sum(1 for r in to_score if r.state is SheetState.COMPLETE)
        self.progress_bar.setRange(0, max(len(to_score), 1))
        self.progress_bar.setValue(done)
        text = f"{done} of {len(to_score)} complete"
        self.progress_label.setText(text)
        self.progress_bar.setAccessibleDescription(text)

    def _current_changed(
        self, current: QModelIndex | QPersistentModelIndex, _previous: object
    ) -> None:
        if self._loading:
            return
        self.save_comment()
        value = self.model.data(current, ENTRY_ID_ROLE) if current.isValid() else None
        self._show_entry(int(value) if value is not None else None)

    def _show_entry(self, entry_id: int | None) -> None:
        self._comment_timer.stop()
        self._entry_id = entry_id
        if entry_id is None:
            self.citation.clear()
            return
        row = self.model.rows()[self.model.row_of(entry_id)]
        self.citation.setHtml(self._citation_html(row.entry))
        sheet = self._sheets.get(entry_id)
        interest = self._interests.get(entry_id)
        for criterion_row in self.rows:
            value = sheet.scores.get(criterion_row.criterion.id or 0) if sheet else None
            criterion_row.set_value(value)
            criterion_row.set_read_only(self._read_only)
            criterion_row.setVisible(interest is None)
        # The first criterion still to score is the one the next digit scores (unless the
        # person is on a criterion already: a refresh must not move the highlight away).
        focused = next((i for i, r in enumerate(self.rows) if r.has_focus()), None)
        self._highlight(self.first_to_score() if focused is None else focused)
        self._clear_problem()
        if interest is not None:
            note = f" ({interest.note})" if interest.note else ""
            self.interest_notice.setText(
                f"⚑ Declared interest — {interest.kind.label}{note}. You do not score "
                f"{row.entry.nominee}, and this entry does not count towards your progress."
            )
        self.interest_notice.setVisible(interest is not None)
        self._set_comment_text(sheet.comment if sheet else "")
        self.comment.setReadOnly(self._read_only or interest is not None)

    def _set_comment_text(self, text: str) -> None:
        self.comment.blockSignals(True)
        try:
            self.comment.setPlainText(text)
        finally:
            self.comment.blockSignals(False)

    def _citation_html(self, entry: Entry) -> str:
        nominations = [
            n
            for n in self.store.nominations.nominations_for(entry.id or 0)
            if n.status is NominationStatus.ELIGIBLE
        ]
        count = len(nominations)
        facts = [entry.service] if entry.service else []
        facts.append(f"{count} nomination" + ("" if count == 1 else "s"))
        parts = [
            f"<h2>{html.escape(entry.nominee)}</h2>",
            f"<p>{html.escape(' · '.join(facts))}</p>",
        ]
        if entry.team_members:
            parts.append(
                "<p><b>Team members:</b> " + html.escape(", ".join(entry.team_members)) + "</p>"
            )
        for nomination in nominations:
            paragraphs = [p.strip() for p in nomination.citation.split("\n") if p.strip()]
            body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs) or "<p>(no text)</p>"
            who = [nomination.nominator_name or "A nominator"]
            if nomination.relationship:
                who.append(nomination.relationship)
            if nomination.received_at:
                who.append(nomination.received_at.strftime("%d %B %Y").lstrip("0"))
            parts.append("<hr>" + body)
            parts.append(f"<p align='right'><i>— {html.escape(', '.join(who))}</i></p>")
        return "".join(parts)

    # ---- changing scores ---------------------------------------------------------------

    @property
    def current_row(self) -> CriterionRow | None:
        """The highlighted criterion: the one the next digit scores."""
        return self.rows[self._current] if self.rows else None

    def _highlight(self, index: int) -> None:
        if not self.rows:
            return
        self._current = min(max(index, 0), len(self.rows) - 1)
        for number, row in enumerate(self.rows):
            row.set_current(number == self._current)

    def _focus_arrived(self, index: int) -> None:
        """A score got the focus (by key, click or Alt+letter): highlight it, show it."""
        self._highlight(index)
        self.criteria_scroll.ensureWidgetVisible(self.rows[index])

    def focus_criterion(self, index: int) -> None:
        if not self.rows or self._entry_id in self._interests:
            self.comment.setFocus()
            return
        self._highlight(index)
        row = self.rows[self._current]
        row.focus_score(Qt.FocusReason.TabFocusReason)
        self.criteria_scroll.ensureWidgetVisible(row)

    def first_to_score(self) -> int:
        """The first criterion of the shown entry with no score yet (else the first)."""
        return next((i for i, r in enumerate(self.rows) if r.value is None), 0)

    def _refuse_key(self, words: str) -> None:
        self.problem.setText(words)
        self.problem.show()
        announce(self.problem, words, urgent=True)

    def _clear_problem(self) -> None:
        self.problem.hide()
        self.problem.clear()

    def set_score(self, criterion: Criterion, value: int | None) -> None:
        """The person chose a score: store it now, then show it saved."""
        entry_id = self._entry_id
        if entry_id is None or criterion.id is None:
            return
        if self._read_only:
            self._say_read_only()
            return
        self._clear_problem()
        if self._current_value(entry_id, criterion.id) == value and not self.session.is_waiting:
            return  # (while changes wait, the one stored may not be the last one chosen)
        criterion_id = criterion.id

        def refused(error: CsxError) -> None:
            show_refusal(self, error, "Score not saved")
            self.refresh()

        # Stored now, or kept while another program holds the round file (session.save).
        if not self.session.save(
            lambda: judging.save_score(
                self.store,
                member_id=self.member_id,
                entry_id=entry_id,
                criterion_id=criterion_id,
                score=value,
            ),
            done=self._saved_new,
            refused=refused,
        ):
            self._show_kept(entry_id, criterion_id, value)

    def _saved_new(self, change: SavedChange) -> None:
        self.undo_stack.push(ChangeCommand(self, change, self._describe(change)))
        self._stored(change, "Saved")

    def _show_kept(self, entry_id: int, criterion_id: int, value: int | None) -> None:
        """A change waiting for the round file shows as chosen: the keystroke is not lost."""
        if entry_id != self._entry_id:
            return
        for row in self.rows:
            if row.criterion.id == criterion_id:
                row.set_value(value)

    def _waiting(self, waiting: bool) -> None:
        if waiting:
            self.saved_label.setText(WAITING_TEXT)
            announce(self.saved_label, WAITING_TEXT)

    def _current_value(self, entry_id: int, criterion_id: int) -> int | None:
        sheet = self._sheets.get(entry_id)
        return sheet.scores.get(criterion_id) if sheet else None

    def _comment_edited(self) -> None:
        if not self._read_only:
            self._comment_timer.start()

    def save_comment(self) -> None:
        """Store the comment if it changed (called when typing pauses or focus leaves)."""
        self._comment_timer.stop()
        entry_id = self._entry_id
        if entry_id is None or self._read_only or entry_id in self._interests:
            return
        text = self.comment.toPlainText().strip()
        sheet = self._sheets.get(entry_id)
        if text == (sheet.comment if sheet else ""):
            return
        self.session.save(
            lambda: judging.save_comment(
                self.store, member_id=self.member_id, entry_id=entry_id, comment=text
            ),
            done=self._saved_new,
            refused=lambda error: show_refusal(self, error, "Comment not saved"),
        )

    def apply_change(self, change: SavedChange, value: int | str | None, verb: str) -> None:
        """Put one value back (undo/redo), showing the entry it belongs to."""
        if self._read_only:
            self._say_read_only()
            return
        if self._entry_id != change.entry_id:
            self.entry_list.setCurrentIndex(self.model.index(self.model.row_of(change.entry_id)))

        def put_back() -> SavedChange:
            if change.criterion_id is None:
                return judging.save_comment(
                    self.store,
                    member_id=change.member_id,
                    entry_id=change.entry_id,
                    comment=str(value or ""),
                )
            return judging.save_score(
                self.store,
                member_id=change.member_id,
                entry_id=change.entry_id,
                criterion_id=change.criterion_id,
                score=value if isinstance(value, int) else None,
            )

        self.session.save(
            put_back,
            done=lambda stored: self._stored(stored, verb),
            refused=lambda error: show_refusal(self, error, "Not undone"),
        )
        if change.criterion_id is None:
            self._set_comment_text(str(value or ""))
        else:
            for index, row in enumerate(self.rows):
                if row.criterion.id == change.criterion_id:
                    self.focus_criterion(index)

    def _stored(self, change: SavedChange, verb: str) -> None:
        """A change is in the file: update the sheet, its entry's state, progress and cue."""
        self._sheets[change.entry_id] = self.store.scores.sheet(self.member_id, change.entry_id)
        entry_row = self.model.rows()[self.model.row_of(change.entry_id)]
        self.model.update_row(self._row_for(entry_row.entry))
        if change.entry_id == self._entry_id and change.criterion_id is not None:
            for row in self.rows:
                if row.criterion.id == change.criterion_id:
                    row.set_value(change.after if isinstance(change.after, int) else None)
        self._update_progress()
        when = local_time(change.saved_at)
        what = self._describe(change)
        self.saved_label.setText(f"{verb} ✓ {when} · {what}")
        spoken = f"{verb} at {when}: {what}."
        updated = self.model.rows()[self.model.row_of(change.entry_id)]
        if updated.state is SheetState.COMPLETE and entry_row.state is not SheetState.COMPLETE:
            spoken += f" {updated.entry.nominee} is finished; {self.progress_label.text()}."
        announce(self.saved_label, spoken)
        self.saved.emit(change)
        self._notify("scores")

    def _describe(self, change: SavedChange) -> str:
        row = self.model.row_of(change.entry_id)
        nominee = self.model.rows()[row].entry.nominee if row >= 0 else "entry"
        if change.criterion_id is None:
            return f"{nominee}, comment"
        criterion = next((c for c in self.criteria if c.id == change.criterion_id), None)
        if criterion is None:
            return f"{nominee}, score"
        if change.after is None:
            return f"{nominee}, {criterion.name}: cleared"
        score = int(change.after)
        words = criterion.descriptor_for(score)
        return f"{nominee}, {criterion.name}: {score} {words}".rstrip()

    def _say_read_only(self) -> None:
        if self._closed:
            words = "The panel's decision for this category is recorded, so scoring is closed."
        else:
            words = (
                "You have submitted this category, so its scores cannot be changed. "
                + self._who_reopens()
            )
        self.saved_label.setText(words)
        announce(self.saved_label, words, urgent=True)

    def next_entry(self, step: int = 1) -> None:
        """Move to the next (or previous) entry that this member scores."""
        self.save_comment()
        rows = self.model.rows()
        current = self.entry_list.currentIndex().row()
        index = current + step
        while 0 <= index < len(rows) and rows[index].state is SheetState.INTEREST:
            index += step
        if not 0 <= index < len(rows):
            words = "That was the last entry." if step > 0 else "That was the first entry."
            if step > 0 and not self._read_only:
                words += " When you have finished, choose Submit category."
            self.saved_label.setText(words)
            announce(self.saved_label, words)
            return
        self.entry_list.setCurrentIndex(self.model.index(index))
        row = rows[index]
        announce(self.entry_list, f"{row.entry.nominee}: {entry_state_words(row)}.")
        self.focus_criterion(self.first_to_score())

    def submit(self) -> bool:
        """Ask, then submit the category; True when it was submitted."""
        self.save_comment()
        if self._read_only:
            return False
        dialog = SubmitDialog(self.category.name, self.model.rows(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        submitted = attempt(
            self,
            "Not submitted",
            lambda: judging.submit_category(
                self.store, member_id=self.member_id, category_id=self.category_id
            ),
        )
        if submitted is None:
            self.refresh()
            return False
        self.undo_stack.clear()
        self._notify("scores")
        self.refresh()
        self.entry_list.setFocus()
        announce(self.banner, self.banner.text())
        return True

    # ---- others' changes ---------------------------------------------------------------

    def _notify(self, what: str) -> None:
        self._notifying = True
        try:
            self.session.notify(what)
        finally:
            self._notifying = False

    def _round_changed(self, _what: str) -> None:
        """Another view or program changed the round (e.g. the chair reopened a category)."""
        if self._notifying or self.showing_declaration:
            return
        if self.comment.hasFocus() or self._comment_timer.isActive():
            self.save_comment()
        self.refresh()

    def _share_reading_and_scoring(self) -> None:
        """Share the height between the citation (above) and the scores (below).

        At least the 2:3 share the scores always had; more when the hint and every
        criterion need it (large text), as long as the citation keeps ``CITATION_LINES``
        lines to read. At 200 % text on a laptop that shows two criteria and more instead
        of one and a half; at 100 % it changes little. The View menu moves it from there.
        """
        splitter = self.reading_and_scoring
        total = sum(splitter.sizes())
        if total <= 0:
            return
        width = self.criteria_scroll.viewport().width()
        host = self.criteria_scroll.widget()
        layout = host.layout() if host is not None else None
        if layout is None:
            return
        wanted = layout.contentsMargins().top() + layout.contentsMargins().bottom()
        for widget in (self.hint, *self.rows):
            if widget.isHidden():
                continue
            height = widget.heightForWidth(width) if widget.hasHeightForWidth() else -1
            wanted += max(height, widget.sizeHint().height()) + layout.spacing()
        frame = 2 * (self.citation.frameWidth() + int(self.citation.document().documentMargin()))
        floor = self.citation.fontMetrics().lineSpacing() * CITATION_LINES + frame
        scores = max(round(total * 2 / 5), min(wanted, total - floor))
        splitter.setSizes([total - scores, scores])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() in (QEvent.Type.Resize, QEvent.Type.Show)
            and watched is getattr(self, "reading_and_scoring", None)  # built by now
            and not self._shared
            and self.reading_and_scoring.isVisible()
        ):
            self._shared = True
            # After this resize has laid the panes out, so their widths are known.
            QTimer.singleShot(0, self, self._share_reading_and_scoring)
        if watched is self.comment and event.type() == QEvent.Type.FocusOut:
            self.save_comment()
        elif watched is self.comment and event.type() == QEvent.Type.FocusIn:
            self.criteria_scroll.ensureWidgetVisible(self.comment)  # also after Alt+C
        elif (
            watched in (self.entry_list, self.citation)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and is_digit_key(event)
            and self.current_row is not None
            and self.current_row.isVisible()
        ):
            # The first key pressed scores the highlighted criterion, then the focus goes
            # there, onto the score just chosen.
            self.current_row.handle_key(event)
            self.focus_criterion(self._current)
            return True
        return super().eventFilter(watched, event)
