"""Qt models over plain lists of rows for the panel's screens.

- ``EntryListModel``: a member's entries in one category with their scoring state;
- ``ProgressModel``: the Scoring progress matrix (entries down, members across);
- ``MemberTableModel`` and ``InterestTableModel``: the Panel area's two tables.

States always come as a symbol *and* words (display text, tooltip and accessible text), so
nothing depends on colour; colour only repeats what the words say.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from csx_desktop.domain.model import Category, Entry, Interest, PanelMember
from csx_desktop.store.scores import CategoryProgress, SheetState
from csx_desktop.ui.style import DONE_TINT, INK, QUIET_TINT, WARNING_TINT
from csx_desktop.ui.widgets.list_table_model import Index, ListTableModel

SYMBOLS: dict[SheetState, str] = {
    SheetState.NOT_STARTED: "○",
    SheetState.IN_PROGRESS: "●",
    SheetState.COMPLETE: "✓",
    SheetState.INTEREST: "⚑",
    SheetState.KEYED_ONCE: "◑",
    SheetState.KEYINGS_DIFFER: "≠",
}

# Soft tints that repeat the words (never the only signal); INK on each reaches 4.5:1 (the
# accessibility tests check every cell's colours).
TINTS: dict[SheetState, str] = {
    SheetState.NOT_STARTED: "",
    SheetState.IN_PROGRESS: WARNING_TINT,
    SheetState.COMPLETE: DONE_TINT,
    SheetState.INTEREST: QUIET_TINT,
    SheetState.KEYED_ONCE: WARNING_TINT,
    SheetState.KEYINGS_DIFFER: WARNING_TINT,
}

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole
STATE_ROLE = Qt.ItemDataRole.UserRole + 1


def state_text(state: SheetState) -> str:
    """ "✓ complete": the symbol with its words."""
    return f"{SYMBOLS[state]} {state.value}"


@dataclass(frozen=True, slots=True)
class EntryRow:
    entry: Entry
    state: SheetState
    scored: int  # criteria scored so far
    criteria: int


class EntryListModel(QAbstractListModel):
    """One member's entries in a category, each with its state in words and a symbol."""

    def __init__(self, rows: list[EntryRow] | None = None) -> None:
        super().__init__()
        self._rows: list[EntryRow] = rows or []

    def set_rows(self, rows: list[EntryRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def update_row(self, row: EntryRow) -> None:
        """Replace one row in place (keeps the selection, unlike a reset)."""
        for number, existing in enumerate(self._rows):
            if existing.entry.id == row.entry.id:
                self._rows[number] = row
                index = self.index(number)
                self.dataChanged.emit(index, index)
                return

    def rows(self) -> list[EntryRow]:
        return list(self._rows)

    def row_of(self, entry_id: int) -> int:
        for number, row in enumerate(self._rows):
            if row.entry.id == entry_id:
                return number
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        words = entry_state_words(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{SYMBOLS[row.state]}  {row.entry.nominee}\n      {words}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{row.entry.nominee}: {words}"
        if role == Qt.ItemDataRole.BackgroundRole and TINTS[row.state]:
            return QBrush(QColor(TINTS[row.state]))
        if role == Qt.ItemDataRole.ForegroundRole and TINTS[row.state]:
            return QBrush(QColor(INK))  # dark text on the light tint in any theme
        if role == ENTRY_ID_ROLE:
            return row.entry.id
        if role == STATE_ROLE:
            return row.state
        return None


def entry_state_words(row: EntryRow) -> str:
    """ "in progress (2 of 3)", "complete", "not started", "declared interest"."""
    if row.state is SheetState.IN_PROGRESS:
        return f"in progress ({row.scored} of {row.criteria})"
    return row.state.value


# The roles a progress cell answers; Qt asks for many more as it paints and measures.
_PROGRESS_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        STATE_ROLE,
    }
)


class ProgressModel(QAbstractTableModel):
    """Entries down the side, members across the top: where everyone is, never their scores."""

    def __init__(self, progress: CategoryProgress | None = None) -> None:
        super().__init__()
        self._progress = progress
        self._criteria = 0
        self._headers: list[str] = []

    def set_progress(self, progress: CategoryProgress, criteria: int) -> None:
        self.beginResetModel()
        self._progress = progress
        self._criteria = criteria
        # Each header counts its member's sheets: once here, in one pass over the matrix,
        # not each time a header is painted.
        complete: Counter[int] = Counter()
        interests: Counter[int] = Counter()
        for (member_id, _entry_id), state in progress.states.items():
            if state is SheetState.COMPLETE:
                complete[member_id] += 1
            elif state is SheetState.INTEREST:
                interests[member_id] += 1
        entries = len(progress.entries)
        self._headers = []
        for member in progress.members:
            member_id = member.id or 0
            done, total = complete[member_id], entries - interests[member_id]
            submitted = "submitted" if progress.submitted_at.get(member_id) else "not submitted"
            self._headers.append(f"{member.name}\n{done} of {total} · {submitted}")
        self.endResetModel()

    def cell_texts(self) -> list[str]:
        """Every text a cell can show in this category: the table sizes its columns by these
        instead of measuring every cell (500 entries × 25 members)."""
        texts = [f"{SYMBOLS[state]} {state.value}" for state in SheetState]
        top = max(self._criteria - 1, 0)
        texts.append(f"{SYMBOLS[SheetState.IN_PROGRESS]} {top} of {self._criteria}")
        return texts

    @property
    def progress(self) -> CategoryProgress | None:
        return self._progress

    def member_at(self, column: int) -> PanelMember | None:
        if self._progress is None or not 0 <= column < len(self._progress.members):
            return None
        return self._progress.members[column]

    def entry_at(self, row: int) -> Entry | None:
        if self._progress is None or not 0 <= row < len(self._progress.entries):
            return None
        return self._progress.entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._progress is None:
            return 0
        return len(self._progress.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self._progress is None:
            return 0
        return len(self._progress.members)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _PROGRESS_ROLES:  # asked for a dozen roles a cell: answer these fast
            return None
        member = self.member_at(index.column()) if index.isValid() else None
        entry = self.entry_at(index.row()) if index.isValid() else None
        if member is None or entry is None or self._progress is None:
            return None
        key = (member.id or 0, entry.id or 0)
        state = self._progress.state(*key)
        words = state.value
        if state is SheetState.IN_PROGRESS:
            words = f"{self._progress.scored.get(key, 0)} of {self._criteria}"
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{SYMBOLS[state]} {words}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{member.name}, {entry.nominee}: {state.value}"
        if role == Qt.ItemDataRole.BackgroundRole and TINTS[state]:
            return QBrush(QColor(TINTS[state]))
        if role == Qt.ItemDataRole.ForegroundRole and TINTS[state]:
            return QBrush(QColor(INK))
        if role == STATE_ROLE:
            return state
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if self._progress is None or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        entry = self.entry_at(section)
        return entry.nominee if entry else None


MEMBER_COLUMNS = ("Name", "Group", "Categories", "PIN", "Chair", "Interests")
(M_NAME, M_GROUP, M_CATEGORIES, M_PIN, M_CHAIR, M_INTERESTS) = range(len(MEMBER_COLUMNS))


_TEXT_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole})


@dataclass(frozen=True, slots=True)
class MemberRow:
    member: PanelMember
    categories: str
    interests: int


class MemberTableModel(ListTableModel[MemberRow]):
    HEADERS = MEMBER_COLUMNS

    def member_at(self, row: int) -> PanelMember | None:
        return self._rows[row].member if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The role first: a view asks a dozen roles a cell, and answers only two of them.
        if role not in _TEXT_ROLES or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        member = row.member
        if column == M_NAME:
            return member.name
        if column == M_GROUP:
            return member.group.label
        if column == M_CATEGORIES:
            return row.categories or "none yet"
        if column == M_PIN:
            return "✓ set" if member.has_pin else "✗ not set — cannot sign in"
        if column == M_CHAIR:
            return "Chair" if member.is_chair else ""
        if column == M_INTERESTS:
            return str(row.interests) if row.interests else "none"
        return None


INTEREST_COLUMNS = ("Member", "Category", "Nominee", "Kind", "Note", "Recorded by")


@dataclass(frozen=True, slots=True)
class InterestRow:
    interest: Interest
    member: str
    category: Category
    nominee: str


class InterestTableModel(ListTableModel[InterestRow]):
    HEADERS = INTEREST_COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self._rows[index.row()]
        values = (
            row.member,
            row.category.name,
            row.nominee,
            row.interest.kind.label,
            row.interest.note,
            row.interest.declared_by,
        )
        return values[index.column()]
