"""Qt models over plain lists for the Shining Star area.

- ``ShortlistModel``: each nominating body and the nominee it put forward, or words saying it
  has not nominated yet;
- ``BallotsModel``: ballots (invalid or superseded ones) with their row number, voter, choice,
  time and the reason;
- ``PaperCountsModel``: the paper counts, with who counted them.

Times are shown in UK local time, as the form tools and the administrator think of them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont

from csx_desktop.domain.model import Ballot, PaperCount
from csx_desktop.domain.times import UK_TIME
from csx_desktop.ui.widgets.list_table_model import Index, ListTableModel, RowT

NOT_NOMINATED = "— not nominated yet"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def uk_time(moment: datetime | None) -> str:
    """'20 Apr 2026 09:14' in UK local time; '' for no time."""
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UK_TIME)
    return f"{moment.day} {moment:%b %Y %H:%M}"


class _TextModel(ListTableModel[RowT]):
    """Read-only rows shown as text: ``_display`` gives a cell's display, tooltip and accessible
    text, ``_extra`` anything else (alignment, font)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self._display(row, index.column())
        return self._extra(row, index.column(), role)

    def _display(self, row: RowT, column: int) -> str:
        raise NotImplementedError

    def _extra(self, row: RowT, column: int, role: int) -> Any:
        return None


class ShortlistModel(_TextModel[tuple[str, str]]):
    """(nominating body, nominee or "") rows."""

    BODY, NOMINEE = range(2)
    HEADERS = ("Nominating body", "Shining Star nominee")

    def _display(self, row: tuple[str, str], column: int) -> str:
        body, nominee = row
        if column == self.BODY:
            return body
        return nominee or NOT_NOMINATED

    def _extra(self, row: tuple[str, str], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and column == self.NOMINEE and not row[1]:
            font = QFont()
            font.setItalic(True)
            return font
        return None


class BallotsModel(_TextModel[Ballot]):
    """Ballots with the spreadsheet row they came from and the reason they do not count."""

    ROW, VOTER, CHOICE, CAST_AT, REASON = range(5)
    HEADERS = ("Row", "Voter", "Choice", "Time (UK)", "Reason")

    def _display(self, ballot: Ballot, column: int) -> str:
        if column == self.ROW:
            return str(ballot.source_row)
        if column == self.VOTER:
            return ballot.voter_key or "(none)"
        if column == self.CHOICE:
            return ballot.choice or "(none)"
        if column == self.CAST_AT:
            return uk_time(ballot.cast_at) or "(no time)"
        return ballot.reason

    def _extra(self, ballot: Ballot, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.ROW:
            return _RIGHT
        return None


class PaperCountsModel(_TextModel[tuple[PaperCount, str]]):
    """(paper count, nominee) rows."""

    NOMINEE, COUNT, COUNTED_BY, RECORDED = range(4)
    HEADERS = ("Nominee", "Paper votes", "Counted by", "Recorded (UK)")

    def _display(self, row: tuple[PaperCount, str], column: int) -> str:
        paper, nominee = row
        if column == self.NOMINEE:
            return nominee
        if column == self.COUNT:
            return str(paper.count)
        if column == self.COUNTED_BY:
            return paper.counted_by
        return uk_time(paper.recorded_at)

    def _extra(self, row: tuple[PaperCount, str], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COUNT:
            return _RIGHT
        return None
