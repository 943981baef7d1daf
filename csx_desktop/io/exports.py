"""The results and every scoresheet as tables, JSON and files (CSV or XLSX).

One shape per thing: ``results_table`` is what ``csx-admin results --format csv|table``
prints and what ``export results`` writes; ``results_document`` is the JSON of ``results
--format json``; ``scoresheets_table`` is the record of every sheet. ``write_table`` writes any
of them to ``.csv`` (UTF-8 with a BOM, so Excel shows names such as Zoë correctly) or
``.xlsx`` (openpyxl, imported only here, only when writing). This module is handed what it
writes: reading the results is ``operations.results``'s, which decides who may have them.

Every cell a person's spreadsheet will open goes through ``neutralise`` first (OWASP's
guidance on CSV injection): citations, names and comments come from a public form, and a cell
starting ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a formula by Excel
and LibreOffice (``=cmd|' /C calc'!A0`` starts a program through DDE). Such text gets a
leading apostrophe, and in XLSX every text cell is stored as a string, never a formula.
Numbers stay numbers. ``write_table`` writes both formats through it; the command line's
``--format csv`` and the nominations template use it too.

``write_table`` needs nothing but its rows (no round file), so the window runs it on a worker:
it says how far it is through ``progress(done, total, words)`` about a hundred times whatever
the size, and stops when ``progress`` raises (the window's Cancel). The file is made in memory
and written into place only once whole, so a stopped or failed export leaves no file, and an
existing file as it was.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from csx_desktop.domain.model import Method, PanelGroup, RoundSettings
from csx_desktop.domain.scoring import CategoryResult, EntryResult, rounded
from csx_desktop.store.errors import InputRefused
from csx_desktop.store.files import check_destination, write_file

if TYPE_CHECKING:
    from csx_desktop.domain.counts import Counts
    from csx_desktop.store.results import SheetDetail

EXPORT_SUFFIXES = (".csv", ".xlsx")
# How far a write is: (rows done, rows in all, in words). It stops the write by raising.
ProgressCallback = Callable[[int, int, str], None]
STEPS = 100  # progress reports a write makes, however many rows it has

RESULT_HEADERS: tuple[str, ...] = (
    "Category",
    "Method",
    "Rank",
    "Entry",
    "Score",
    "Sheets counted",
    "Spread",
    *(f"{group.label} mean" for group in PanelGroup),
    "Flags",
    "Decision",
)


# What makes a spreadsheet read a cell as a formula (OWASP): = + - @, and a tab or carriage
# return before them. The full-width forms are included because some Excel input methods
# (Japanese, Chinese) accept them as the start of a formula too.
FORMULA_TRIGGERS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# A plain number written as text ("-3", "+44", "2.5") is left alone: a spreadsheet reads it
# as the number it is, which runs nothing.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
# Characters XML 1.0 cannot hold: openpyxl refuses them (a crash on export), and no
# spreadsheet could show them anyway.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: Any) -> Any:
    """A cell value no spreadsheet will run: formula-like text gets a leading apostrophe.

    Text whose first character (after any spaces) is one of ``FORMULA_TRIGGERS`` is prefixed
    with ``'``, which Excel and LibreOffice treat as "text, as typed". Numbers, dates, empty
    text and plain numbers written as text are returned as they are.
    """
    if not isinstance(value, str) or not value:
        return value
    first = value.lstrip(" ")[:1]
    if (value[0] in FORMULA_TRIGGERS or first in FORMULA_TRIGGERS) and not (
        _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def as_typed(text: str) -> str:
    """Text as it was before ``neutralise``: a file the app exported and a person imports
    again (``export scores`` then ``import scores``) gives back the comment as typed."""
    if text[:1] == "'" and neutralise(text[1:]) == text:
        return text[1:]
    return text


def neutral_row(row: Sequence[Any]) -> list[Any]:
    """A row ready for a CSV writer: each cell neutralised, ``None`` as an empty cell."""
    return ["" if value is None else neutralise(value) for value in row]


def put_cell(sheet: Any, row: int, column: int, value: Any) -> Any:
    """Write one value into an openpyxl sheet, neutralised; text is always a string cell.

    openpyxl makes any text starting with ``=`` a live formula when it is assigned, so the
    type is set to string after the value, whatever the value looks like.
    """
    value = neutralise(value)
    if isinstance(value, str):
        value = _NOT_IN_XML.sub("", value)
    cell = sheet.cell(row=row, column=column)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _votes_or_score(result: CategoryResult, entry: EntryResult) -> float | int | None:
    """Staff-vote entries carry their number of votes as the score (see ``results_document``)."""
    if entry.score is None:
        return None
    if result.category.method is Method.STAFF_VOTE:
        return int(entry.score)
    return rounded(entry.score)


def results_table(results: Sequence[CategoryResult]) -> tuple[list[str], list[list[Any]]]:
    """One row per entry, every category, in rank order (unranked last)."""
    rows: list[list[Any]] = []
    for result in results:
        for entry in result.entries:
            rows.append(
                [
                    result.category.name,
                    str(result.category.method),
                    entry.rank,
                    entry.nominee,
                    _votes_or_score(result, entry),
                    entry.judges,
                    rounded(entry.spread),
                    *(rounded(entry.group_means.get(group)) for group in PanelGroup),
                    "; ".join(flag.value for flag in entry.flags),
                    result.award(entry.entry_id),
                ]
            )
    return list(RESULT_HEADERS), rows


def results_document(
    settings: RoundSettings,
    results: Sequence[CategoryResult],
    counts: Mapping[int, Counts] | None = None,
) -> dict[str, Any]:
    """The JSON of ``csx-admin results --format json``.

    Panel categories: ``score`` is the mean (or median) of counted judge totals to 2
    decimals, ``judges`` the counted sheets. Staff-vote categories (method "staff vote"):
    ``score`` is the entry's number of votes (online and paper) once the vote is counted,
    ``rank`` follows the votes, and ``judges``/``spread`` do not apply (0, null); before the
    count, rank and score are null.

    With ``counts`` (``store.counts.load_counts``), each panel entry also has its
    ``adjusted_score`` (judge-adjusted), ``borda_score`` and ``first_share`` (0–1: how often it
    is first when the panel is resampled), and each panel category ``first_by_count`` (who
    the round's own count, the judge-adjusted one, Borda and Condorcet put first; null for a
    tie, or no Condorcet winner) and ``winner_depends_on_count``.
    """
    categories = []
    for result in results:
        decision = result.decision
        counted = counts.get(int(result.category.id or 0)) if counts else None
        names = {entry.entry_id: entry.nominee for entry in result.entries}
        categories.append(
            {
                "category": result.category.name,
                "method": str(result.category.method),
                "entries": [
                    {
                        "entry_id": entry.entry_id,
                        "nominee": entry.nominee,
                        "rank": entry.rank,
                        "score": _votes_or_score(result, entry),
                        "judges": entry.judges,
                        "spread": rounded(entry.spread),
                        "tied": entry.tied,
                        "flags": [flag.value for flag in entry.flags],
                        **(_other_counts(counted, entry.entry_id) if counted else {}),
                    }
                    for entry in result.entries
                ],
                **(counted.as_json(names) if counted else {}),
                "decision": None
                if decision is None
                else {
                    "winners": [result.nominee(i) for i in decision.winners],
                    "highly_commended": [result.nominee(i) for i in decision.highly_commended],
                    "reason": decision.reason,
                },
            }
        )
    return {"round": {"name": settings.name, "year": settings.year}, "categories": categories}


def _other_counts(counts: Counts, entry_id: int) -> dict[str, Any]:
    return {
        "adjusted_score": rounded(counts.adjusted.get(entry_id)),
        "borda_score": rounded(counts.borda.get(entry_id)),
        "first_share": round(counts.first_share[entry_id], 3)
        if entry_id in counts.first_share
        else None,
    }


def scoresheets_table(sheets: Sequence[SheetDetail]) -> tuple[list[str], list[list[Any]]]:
    """Every scoresheet, one row each.

    Criteria become columns by name, in the order they first appear (category by category);
    a sheet leaves the columns of other categories' criteria empty.
    """
    criteria: list[str] = []
    for sheet in sheets:
        for name, _ in sheet.scores:
            if name not in criteria:
                criteria.append(name)
    headers = [
        "Category",
        "Entry",
        "Panel member",
        "Group",
        *criteria,
        "Total",
        "Status",
        "Submitted",
        "Comment",
        "Last changed",
    ]
    rows = []
    for sheet in sheets:
        scores = dict(sheet.scores)
        rows.append(
            [
                sheet.category,
                sheet.nominee,
                sheet.member,
                sheet.group.label,
                *(scores.get(name) for name in criteria),
                rounded(sheet.total),
                sheet.status,
                "yes" if sheet.submitted else "no",
                sheet.comment,
                sheet.updated_at.isoformat(timespec="seconds") if sheet.updated_at else "",
            ]
        )
    return headers, rows


def check_export_path(path: str | Path) -> Path:
    """Refuse a file name that is neither .csv nor .xlsx, or a folder that does not exist."""
    path = Path(path)
    if path.suffix.lower() not in EXPORT_SUFFIXES:
        raise InputRefused(
            f"Save the export as a .csv or .xlsx file (not {path.suffix or 'no extension'})."
        )
    if not path.parent.is_dir():
        raise InputRefused(f"The folder {path.parent} does not exist.")
    return path


def write_table(
    path: str | Path,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    title: str,
    overwrite: bool = True,
    progress: ProgressCallback | None = None,
) -> Path:
    """Write a table to ``path`` as CSV or XLSX, chosen by the file name's ending.

    The file is made in memory, then written beside ``path`` and renamed into place
    (``store.files.write_file``): a failure (a full disk, the file open in Excel) leaves
    the previous file as it was and says why in one line. ``overwrite=False`` refuses an
    existing file (the command line without ``--force``), before any row is written.

    ``progress(done, total, words)`` is told how far the rows are, about ``STEPS`` times, then
    once more just before the file is saved; when it raises, the write stops there and no
    file is written (nor any temporary left behind).
    """
    path = check_export_path(path)
    check_destination(path, overwrite=overwrite)
    chunks = _chunks(rows, progress)
    if path.suffix.lower() == ".csv":
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow(neutral_row(headers))
        for chunk in chunks:
            writer.writerows([neutral_row(row) for row in chunk])
        # utf-8-sig: Excel opens it with Zoë and Siobhán intact.
        data = text.getvalue().encode("utf-8-sig")
    else:
        buffer = io.BytesIO()
        _write_xlsx(buffer, headers, rows, title, chunks)
        data = buffer.getvalue()
    return write_file(path, data, overwrite=overwrite)


def _chunks(
    rows: Sequence[Sequence[Any]], progress: ProgressCallback | None
) -> Iterator[Sequence[Sequence[Any]]]:
    """The rows in about ``STEPS`` slices, telling ``progress`` before each, and once all are
    done, before the file is put together ("Saving the file…"). The words are short: the
    progress window's title says what is exported, and a long file name would widen it."""
    total = len(rows)
    size = max(1, math.ceil(total / STEPS))
    for start in range(0, total, size):
        if progress is not None:
            progress(start, total, f"Writing row {start:,} of {total:,}…")
        yield rows[start : start + size]
    if progress is not None:
        progress(total, total, "Saving the file…")


def xlsx_value(value: Any) -> Any:
    """A value as a write-only openpyxl sheet stores it: neutralised, without the characters
    XML cannot hold. Text never starts with ``=`` here (``neutralise`` puts an apostrophe
    before it), so openpyxl stores all text as text, never as a formula."""
    if isinstance(value, str):
        value = _NOT_IN_XML.sub("", value)
    return neutralise(value)


def _write_xlsx(
    stream: IO[bytes],
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    title: str,
    chunks: Iterator[Sequence[Sequence[Any]]],
) -> None:
    """The workbook, row by row (openpyxl's write-only mode: twice as quick as building every
    cell first, and the same file): bold headings frozen above the rows, columns as wide as
    their first 500 rows' words."""
    from openpyxl import Workbook  # heavy: only when exporting
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])  # Excel's limit on sheet names
    for index, header in enumerate(headers, start=1):
        longest = max([len(str(header)), *(len(str(row[index - 1] or "")) for row in rows[:500])])
        sheet.column_dimensions[get_column_letter(index)].width = min(60, longest + 2)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=xlsx_value(header))
        cell.font = bold
        heading_cells.append(cell)
    try:
        sheet.append(heading_cells)
        for chunk in chunks:
            for row in chunk:
                sheet.append([xlsx_value(value) for value in row])
        workbook.save(stream)
    except BaseException:
        # Stopped or failed half-way: openpyxl keeps the rows so far in a temporary file of
        # its own, removed only once the workbook is saved; save it to nowhere.
        with contextlib.suppress(Exception):
            workbook.save(io.BytesIO())
        raise
