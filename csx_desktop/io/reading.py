"""The choices a person can make about how any import reads its file, and the heading row.

Every import (nominations, ballots, panel, interests, paper scores) reads its file through
``io.tables.read_table``; what a person may need to say about it is the same for each:

* ``sheet``: which sheet of a workbook (default: the first visible sheet with data);
* ``header_row``: which row holds the headings (default: found, see ``find_header_row``);
* ``date_order``: whether text dates are written day first or month first (default: each
  date column decides for itself, see ``io.dates``).

``find_header_row`` is the one rule for where the headings are: the first row with anything
in it, except that title rows above the headings (a single cell such as "Staff awards 2026
responses", as Typeform and hand-made sheets have) are skipped. What was decided is said in
plain words, so the person importing sees it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
from typing import TypeVar

from csx_desktop.domain.names import clean_text
from csx_desktop.io.dates import DateOrder
from csx_desktop.io.tables import Cell, RawTable, cell_text, is_blank
from csx_desktop.store.errors import InputRefused


@dataclass(frozen=True, slots=True)
class ReadChoices:
    """How to read a file, where the person said so; ``None`` means "find it out"."""

    sheet: str | None = None
    header_row: int | None = None  # spreadsheet row number (row 1 is the first)
    date_order: DateOrder | None = None


@dataclass(frozen=True, slots=True)
class HeaderRow:
    """The row that holds the headings, and why it was chosen (for the person to see)."""

    number: int  # spreadsheet row number
    note: str  # "" when it is simply the first row


def _filled(row: list[object]) -> int:
    return sum(not is_blank(cell) for cell in row)


def find_header_row(table: RawTable, chosen: int | None = None) -> HeaderRow:
    """The heading row: ``chosen`` when given, else the first row with two or more answers
    once single-cell title rows are passed over (a sheet of one column: its first row)."""
    if chosen is not None:
        if not 1 <= chosen <= len(table.rows) or _filled(table.rows[chosen - 1]) == 0:
            raise InputRefused(
                f"Row {chosen} of {table.file_name} is empty or not in the file, so it cannot "
                f"hold the headings (the file has {len(table.rows)} rows)."
            )
        note = f"Headings read from row {chosen}, as you chose."
        return HeaderRow(chosen, note if chosen != 1 else "")
    first: int | None = None
    for number, row in enumerate(table.rows, start=1):
        filled = _filled(row)
        if filled == 0:
            continue
        if first is None:
            first = number
        if filled >= 2:
            if number == first:
                return HeaderRow(number, "")
            return HeaderRow(
                number,
                f"Headings read from row {number}: the row{'s' if number - first > 1 else ''} "
                f"above {'are' if number - first > 1 else 'is'} a title, not headings.",
            )
        if number - (first or number) >= 5:
            break  # five single-cell rows: a one-column sheet, not a title
    if first is None:
        raise InputRefused(f"{table.file_name} has no rows in it: there is nothing to import.")
    return HeaderRow(first, "")


EMAIL_ADDRESS = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def guess_stands(wrong: int, answers: int) -> bool:
    """Whether a column guessed for a field by its heading keeps the guess: at least half its
    answers fit. A real column has the odd stray answer (a row problem, listed); a
    photo-upload question whose heading mentions emails has no address at all."""
    return wrong <= answers / 2


_Row = TypeVar("_Row")
GUESS_SAMPLE = 2_000


def sample(rows: Sequence[_Row], limit: int = GUESS_SAMPLE) -> Sequence[_Row]:
    """Enough rows to judge whether a guessed column fits its field: every row of a form's
    export, an even spread of a very large one (50,000 ballots need not all be looked at
    twice to tell an email column from a photo question)."""
    if len(rows) <= limit:
        return rows
    step = len(rows) / limit
    return [rows[int(i * step)] for i in range(limit)]


def column_texts(rows: Sequence[tuple[int, list[Cell]]], index: int | None) -> list[str]:
    """One column's answers as text, a row at a time: trimmed, invisible characters removed,
    a date in ISO form, a whole number without ".0"; "" where the row has no such cell.
    One pass a column: 10,000 rows x 11 fields read this way take a third of the time of a
    call per cell."""
    if index is None:
        return [""] * len(rows)
    if rows and min(map(len, map(itemgetter(1), rows))) > index:  # as a table's rows all do
        values: Iterable[Cell] = map(itemgetter(index), map(itemgetter(1), rows))
    else:
        values = (cells[index] if index < len(cells) else None for _, cells in rows)
    return [
        (t if (t := value.strip()).isprintable() else _visible(t))
        if type(value) is str
        else _other_text(value)
        for value in values
    ]


def _visible(text: str) -> str:
    """``clean_text`` of an answer that is not printable: mostly one with line breaks (a
    citation), which ``clean_text`` keeps, so such an answer is returned as it is without
    looking up each of its characters."""
    if text.replace("\n", "").replace("\r", "").replace("\t", "").isprintable():
        return text
    return clean_text(text)


def _other_text(value: Cell) -> str:
    if value is None:
        return ""
    if value.__class__ is int:  # a response's number
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return clean_text(cell_text(value))
