"""Qt models over plain lists of result rows, for the Results area and the decision dialog.

- ``ResultsTableModel``: one category's entries in rank order with score, sheets, spread,
  per-group means, flags and the award;
- ``CountsTableModel``: the same entries counted other reasonable ways, side by side (the
  round's own count, judge-adjusted, Borda, how often first when the panel is resampled);
- ``SheetsTableModel``: the sheets behind one entry (member, group, scores, total, status,
  comment);
- ``DecisionChoiceModel``: the entries with two tick boxes, Winner and Highly commended.

Flags and awards always come as a symbol *and* words (display text, tooltip and accessible
text); colour only repeats what the words say. A panel member who is not the chair gets the
ranking in plain words (``plain=True``): score, how many judges counted, the mean of each
panel group and notes, without the chair's statistics (spread).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor

from csx_desktop.domain.model import Method, PanelGroup
from csx_desktop.domain.scoring import CategoryResult, EntryResult, Flag, rounded
from csx_desktop.ui.style import INK, WARNING_TINT
from csx_desktop.ui.widgets.list_table_model import Index, ListTableModel

# What reads and counts the sheets is imported when there is something to show: a member
# whose every category is still to submit opens Results without loading it.
if TYPE_CHECKING:
    from csx_desktop.domain.counts import Counts
    from csx_desktop.store.results import SheetDetail

ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole

FLAG_SYMBOLS: dict[Flag, str] = {
    Flag.TIE: "=",
    Flag.DISAGREEMENT: "⚠",
    Flag.TOO_FEW_SHEETS: "?",  # not "…", which reads as text cut short
    Flag.INCOMPLETE_SHEETS: "◐",
    Flag.PAPER_TO_CHECK: "◑",
    Flag.DECLARED_INTEREST: "⚑",
}
# The flags in a panel member's words (the domain's labels are the exports' and the chair's).
FLAG_WORDS: dict[Flag, str] = {
    Flag.TIE: "Tied",
    Flag.DISAGREEMENT: "Judges' scores differ widely",
    Flag.TOO_FEW_SHEETS: "Not enough judges have scored it to rank it",
    Flag.INCOMPLETE_SHEETS: "Some judges have not finished scoring it",
    Flag.PAPER_TO_CHECK: "Some paper scoresheets still have to be keyed in again",
    Flag.DECLARED_INTEREST: "A judge declared an interest",
}
AWARD_SYMBOLS = {"Winner": "★", "Joint winner": "★", "Highly commended": "☆"}


@cache
def status_symbols() -> dict[str, str]:
    """The symbol shown before each sheet status's words."""
    from csx_desktop.store.results import SheetStatus

    return {
        SheetStatus.COUNTED: "✓",
        SheetStatus.INCOMPLETE: "◐",
        SheetStatus.INTEREST: "⚑",
        SheetStatus.NOT_STARTED: "○",
        SheetStatus.KEYED_ONCE: "◑",
        SheetStatus.KEYINGS_DIFFER: "≠",
    }


WINNER_TINT = WARNING_TINT
DARK_TEXT = INK

# Short column headers for the panel groups (the tooltips give the full names).
GROUP_SHORT = {
    PanelGroup.CATALYST: "Catalyst",
    PanelGroup.CSE_ASSESSOR: "CSE",
    PanelGroup.OFFICER: "Officers",
}
# The same, in words a member of the public on the panel knows.
GROUP_PLAIN = {
    PanelGroup.CATALYST: "Voice forum",
    PanelGroup.CSE_ASSESSOR: "Assessors",
    PanelGroup.OFFICER: "Officers",
}

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# The roles, looked up once (each ``Qt.ItemDataRole.X`` is an attribute lookup, and a view
# asks for a dozen roles for every cell it paints or measures).
_DISPLAY = Qt.ItemDataRole.DisplayRole
_TOOLTIP = Qt.ItemDataRole.ToolTipRole
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FOREGROUND = Qt.ItemDataRole.ForegroundRole
_RANKING_ROLES = frozenset(
    {_DISPLAY, _TOOLTIP, _ACCESSIBLE, _ALIGNMENT, _BACKGROUND, _FOREGROUND, ENTRY_ID_ROLE}
)
_GROUPS = tuple(PanelGroup)  # in column order


def flag_text(flag: Flag, *, plain: bool = False) -> str:
    """ "⚠ Judges disagree": the symbol with its words (a member's words when ``plain``)."""
    return f"{FLAG_SYMBOLS[flag]} {FLAG_WORDS[flag] if plain else flag.label}"


def number(value: float | None) -> str:
    shown = rounded(value)
    return "—" if shown is None else f"{shown:.2f}"


def rank_text(entry: EntryResult) -> str:
    if entry.rank is None:
        return "—"
    return f"{entry.rank}=" if entry.tied else str(entry.rank)


class ResultsTableModel(ListTableModel[EntryResult]):
    """One category's entries, in rank order (unranked last)."""

    RANK, ENTRY, SCORE, SHEETS, SPREAD = range(5)
    GROUPS = tuple(range(5, 5 + len(PanelGroup)))
    FLAGS = 5 + len(PanelGroup)
    COLUMNS = FLAGS + 1
    HEADERS = (
        "Rank",
        "Entry",
        "Score",  # "Votes" for a staff-vote category
        "Sheets",
        "Spread",
        *(GROUP_SHORT[g] for g in PanelGroup),
        "Flags",
    )

    # Shown to the chair only: what they mean is explained on the chair's page.
    CHAIR_ONLY = (SPREAD,)

    def __init__(self, result: CategoryResult | None = None, *, plain: bool = False) -> None:
        super().__init__()
        self._result = result
        self._rows = list(result.entries) if result else []
        self.plain = plain

    def set_result(self, result: CategoryResult | None) -> None:
        self.beginResetModel()
        self._result = result
        self._rows = list(result.entries) if result else []
        self.endResetModel()

    @property
    def is_vote(self) -> bool:
        return self._result is not None and self._result.category.method is Method.STAFF_VOTE

    def row_of(self, entry_id: int) -> int:
        for number_, entry in enumerate(self._rows):
            if entry.entry_id == entry_id:
                return number_
        return -1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and 0 <= section < self.COLUMNS
        ):
            return self._header_tips()[section]
        return super().headerData(section, orientation, role)

    def _headers(self) -> list[str]:
        headers = list(self.HEADERS)
        if self.plain:
            headers[self.SHEETS] = "Judges"
            for column, group in zip(self.GROUPS, PanelGroup, strict=True):
                headers[column] = GROUP_PLAIN[group]
            headers[self.FLAGS] = "Notes"
        if self.is_vote:
            headers[self.SCORE] = "Votes"
        return headers

    def _header_tips(self) -> list[str]:
        if self.plain:
            return [
                "Entries with the same score share a place, shown with “=”",
                "The nominee, and the award once the panel has decided",
                "Votes counted (online and paper)"
                if self.is_vote
                else "The average of the judges' totals, out of 100",
                "How many judges' finished scores count towards it",
                "",
                *(f"The average total given by the {g.label} members" for g in PanelGroup),
                "Things the panel looks at before deciding",
            ]
        return [
            "Equal scores (to 2 decimals) share a rank, shown with “=”",
            "The nominee, and the award once the decision is recorded",
            "Votes counted (online and paper)"
            if self.is_vote
            else "Mean (or median) of the counted judge totals, out of 100",
            "Counted scoresheets: complete, and not from a member with a declared interest",
            "Highest minus lowest counted total",
            *(f"Mean total given by the {g.label} members" for g in PanelGroup),
            "Things to look at before deciding",
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked a dozen times for each cell painted or measured: the roles answered here are
        # checked first, and the award looked up only for those that show it.
        if role not in _RANKING_ROLES:
            return None
        row = index.row()  # -1 for an invalid index
        if not 0 <= row < len(self._rows):
            return None
        entry = self._rows[row]
        column = index.column()
        if role == _ALIGNMENT:
            return _RIGHT if column not in (self.ENTRY, self.FLAGS) else None
        if role == ENTRY_ID_ROLE:
            return entry.entry_id
        result = self._result
        award = result.award(entry.entry_id) if result and result.decision else ""
        if role == _DISPLAY:
            return self._display(entry, column, award)
        if role == _TOOLTIP:
            return self._describe(entry, award)
        if role == _ACCESSIBLE:
            if column == self.ENTRY:
                return self._describe(entry, award)
            return f"{self._headers()[column]}: {self._display(entry, column, award)}"
        if not award:
            return None
        if role == _BACKGROUND:
            return QBrush(QColor(WINNER_TINT))
        return QBrush(QColor(DARK_TEXT))  # the foreground: dark text on the light tint

    def column_texts(self, column: int) -> list[str]:
        """What the rows show in a column, each text at least once (``widgets.fitted_columns``
        measures their widths)."""
        rows, result = self._rows, self._result
        if result is not None and not self.is_vote:  # the numbers: each distinct one once
            if column == self.SCORE:
                return [number(v) for v in {e.score for e in rows}]
            if column == self.SPREAD:
                return [number(v) for v in {e.spread for e in rows}]
            if column in self.GROUPS:
                group = _GROUPS[column - self.GROUPS[0]]
                return [number(v) for v in {e.group_means.get(group) for e in rows}]
        if column == self.ENTRY and result is not None and result.decision is not None:
            return [self._display(e, column, result.award(e.entry_id)) for e in rows]
        return [self._display(e, column, "") for e in rows]  # no award shown there

    def _display(self, entry: EntryResult, column: int, award: str) -> str:
        if column == self.RANK:
            return rank_text(entry)
        if column == self.ENTRY:
            return f"{entry.nominee}  {AWARD_SYMBOLS[award]} {award}" if award else entry.nominee
        if column == self.SCORE:
            if self.is_vote:
                return "—" if entry.score is None else str(int(entry.score))
            return number(entry.score)
        if column == self.SHEETS:
            return "—" if self.is_vote else str(entry.judges)
        if column == self.SPREAD:
            return number(entry.spread)
        if column in self.GROUPS:
            return number(entry.group_means.get(_GROUPS[column - self.GROUPS[0]]))
        if column == self.FLAGS:
            return "   ".join(flag_text(f, plain=self.plain) for f in entry.flags)
        return ""

    def _describe(self, entry: EntryResult, award: str) -> str:
        """The whole row as one sentence, for tooltips and screen readers."""
        parts = [entry.nominee]
        if award:
            parts.append(award)
        if entry.rank is None:
            parts.append("not ranked")
        else:
            parts.append(f"rank {entry.rank}{' (tied)' if entry.tied else ''}")
        if self.is_vote:
            if entry.score is not None:
                parts.append(f"{int(entry.score)} votes")
        elif self.plain:
            parts.append(f"score {number(entry.score)}")
            judges = "judge" if entry.judges == 1 else "judges"
            parts.append(f"from {entry.judges} {judges}")
        else:
            parts.append(f"score {number(entry.score)}")
            parts.append(f"{entry.judges} counted sheets")
            if entry.spread is not None:
                parts.append(f"spread {number(entry.spread)}")
        parts += [(FLAG_WORDS[f] if self.plain else f.label).lower() for f in entry.flags]
        return ", ".join(parts)


class CountsTableModel(ListTableModel[EntryResult]):
    """A category's entries counted several reasonable ways, side by side (``domain.counts``).

    Rows are the ranking's entries in rank order; a count with nothing for an entry shows
    "—". The entry each count puts first is marked with words, not colour ("first by the
    judge-adjusted count").
    """

    ENTRY, OWN, ADJUSTED, BORDA, SHARE, FIRST_BY = range(6)

    def __init__(self) -> None:
        super().__init__()
        self._counts: Counts | None = None
        self._firsts: dict[int, list[str]] = {}
        self._headers_now = self._make_headers()

    def set_counts(self, entries: list[EntryResult], counts: Counts | None) -> None:
        from csx_desktop.domain.counts import COUNT_WORDS

        self.beginResetModel()
        self._counts = counts
        self._rows = list(entries) if counts is not None else []
        self._firsts = {}
        for count, first in counts.first_by_count.items() if counts else ():
            if first is not None:
                self._firsts.setdefault(first, []).append(COUNT_WORDS[count])
        self._headers_now = self._make_headers()
        self.endResetModel()

    def _headers(self) -> list[str]:
        return self._headers_now

    def _make_headers(self) -> list[str]:
        own = "Score"
        if self._counts is not None:
            from csx_desktop.domain.counts import COUNT_WORDS

            own = COUNT_WORDS.get(self._counts.method, own)
        return [
            "Entry",
            own[0].upper() + own[1:],
            "Judge-adjusted",
            "Judges' rankings (Borda)",
            "First in resamples",
            "First by",
        ]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            tips = [
                "The nominee",
                "The round's own count: the score that ranks the entries",
                "Each judge's general leniency, estimated from the entries they shared "
                "with other judges, taken out",
                "Each judge's own ranking combined: their best 100, their last 0",
                "How often it comes first when the panel is drawn again from its own judges",
                "The counts that put it first",
            ]
            return tips[section] if 0 <= section < len(tips) else None
        return super().headerData(section, orientation, role)

    def first_by(self, entry_id: int) -> list[str]:
        """The counts (in words) that put this entry first."""
        return self._firsts.get(entry_id, [])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not self._counts:
            return None
        entry = self._rows[index.row()]
        column = index.column()
        counts = self._counts
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._display(counts, entry, column)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{self._headers()[column]}: {text or 'none'}"
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            self.OWN,
            self.ADJUSTED,
            self.BORDA,
            self.SHARE,
        ):
            return _RIGHT
        if role == ENTRY_ID_ROLE:
            return entry.entry_id
        return None

    def column_texts(self, column: int) -> list[str]:
        """What every row shows in a column (``widgets.fitted_columns`` measures it)."""
        counts = self._counts
        if counts is None:
            return []
        return [self._display(counts, entry, column) for entry in self._rows]

    def _display(self, counts: Counts, entry: EntryResult, column: int) -> str:
        if column == self.ENTRY:
            return entry.nominee
        if column == self.OWN:
            return number(counts.own.get(entry.entry_id))
        if column == self.ADJUSTED:
            return number(counts.adjusted.get(entry.entry_id))
        if column == self.BORDA:
            return number(counts.borda.get(entry.entry_id))
        if column == self.SHARE:
            share = counts.first_share.get(entry.entry_id)
            return "—" if share is None else f"{round(100 * share)}%"
        return "; ".join(self.first_by(entry.entry_id))


class SheetsTableModel(ListTableModel["SheetDetail"]):
    """The sheets behind one entry: who, their group, each criterion, total, status, comment."""

    MEMBER, GROUP = 0, 1

    @property
    def _criteria(self) -> list[str]:
        """The criteria's names, from the first sheet (every sheet has the same rubric)."""
        return [name for name, _ in self._rows[0].scores] if self._rows else []

    @property
    def total_column(self) -> int:
        return 2 + len(self._criteria)

    def _headers(self) -> list[str]:
        return ["Member", "Group", *self._criteria, "Total", "Status", "Comment"]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        sheet = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self._display(sheet, column)
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{self._headers()[column]}: {text}"
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == len(self._headers()) - 1 and sheet.comment:
                return sheet.comment
            return f"{sheet.member}: {sheet.status}"
        if role == Qt.ItemDataRole.TextAlignmentRole and 2 <= column <= self.total_column:
            return _RIGHT
        return None

    def _display(self, sheet: SheetDetail, column: int) -> str:
        if column == self.MEMBER:
            return sheet.member
        if column == self.GROUP:
            return GROUP_SHORT[sheet.group]
        if 2 <= column < self.total_column:
            score = sheet.scores[column - 2][1]
            return "—" if score is None else str(score)
        if column == self.total_column:
            return number(sheet.total)
        if column == self.total_column + 1:
            return f"{status_symbols().get(sheet.status, '')} {sheet.status}".strip()
        if column == self.total_column + 2:
            return " ".join(sheet.comment.split())
        return ""


class DecisionChoiceModel(ListTableModel[EntryResult]):
    """Entries with a Winner and a Highly commended tick box (an entry is one or the other).

    Signals:
        choice_changed(): a tick changed.
    """

    choice_changed = Signal()

    RANK, ENTRY, SCORE, WINNER, COMMENDED = range(5)
    HEADERS = ("Rank", "Entry", "Score", "Winner", "Highly commended")

    def __init__(self, result: CategoryResult, winners: set[int], commended: set[int]) -> None:
        super().__init__()
        self._result = result
        self._rows = list(result.entries)
        self._winners = set(winners)
        self._commended = set(commended)

    def winners(self) -> list[int]:
        return [e.entry_id for e in self._rows if e.entry_id in self._winners]

    def commended(self) -> list[int]:
        return [e.entry_id for e in self._rows if e.entry_id in self._commended]

    def _headers(self) -> list[str]:
        headers = list(self.HEADERS)
        if self._result.category.method is Method.STAFF_VOTE:
            headers[self.SCORE] = "Votes"
        return headers

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in (self.WINNER, self.COMMENDED):
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def _chosen(self, column: int) -> set[int]:
        return self._winners if column == self.WINNER else self._commended

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        ticked = column in (self.WINNER, self.COMMENDED) and entry.entry_id in self._chosen(column)
        if role == Qt.ItemDataRole.CheckStateRole and column in (self.WINNER, self.COMMENDED):
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.RANK:
                return rank_text(entry)
            if column == self.ENTRY:
                return entry.nominee
            if column == self.SCORE:
                if self._result.category.method is Method.STAFF_VOTE:
                    return "—" if entry.score is None else str(int(entry.score))
                return number(entry.score)
            label = self.HEADERS[column]
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return f"{label} {entry.nominee}: {'ticked' if ticked else 'not ticked'}"
            return label if ticked else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.RANK, self.SCORE):
            return _RIGHT
        if role == ENTRY_ID_ROLE:
            return entry.entry_id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.CheckStateRole
            or not index.isValid()
            or index.column() not in (self.WINNER, self.COMMENDED)
        ):
            return False
        entry_id = self._rows[index.row()].entry_id
        checked = _is_checked(value)
        chosen = self._chosen(index.column())
        other = self._commended if index.column() == self.WINNER else self._winners
        if checked:
            chosen.add(entry_id)
            other.discard(entry_id)  # a winner is not also highly commended
        else:
            chosen.discard(entry_id)
        left = self.index(index.row(), self.WINNER)
        right = self.index(index.row(), self.COMMENDED)
        self.dataChanged.emit(left, right)
        self.choice_changed.emit()
        return True

    def set_ticked(self, entry_id: int, column: int, ticked: bool) -> None:
        """Tick or untick one box (for keyboard shortcuts and tests)."""
        for row, entry in enumerate(self._rows):
            if entry.entry_id == entry_id:
                state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
                self.setData(self.index(row, column), state, Qt.ItemDataRole.CheckStateRole)


def _is_checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return bool(value == Qt.CheckState.Checked.value or value is True)
