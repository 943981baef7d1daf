"""Reading the Shining Star vote form's export into ballots: Microsoft Forms, Google Forms, CSV.

Three fields are read from each row: ``voter`` (the staff email or staff number), ``choice``
(who they voted for) and ``cast_at`` (when). The columns are found by their headings:

- Microsoft Forms (xlsx): ``ID``, ``Start time``, ``Completion time``, ``Email``, ``Name`` and
  one column per question; the vote is the question that mentions Shining Star or voting.
  Without sign-in, ``Email`` says ``anonymous``.
- Google Forms (CSV): ``Timestamp``, ``Email address`` (when collected) and the questions.
- Jotform: ``Submission Date`` first (``Submission ID`` when exported); Typeform: ``#`` (the
  response token) first and ``Submit Date (UTC)`` (times in UTC).
- A plain CSV or XLSX with ``voter``, ``choice`` and ``cast_at`` columns (or close words:
  email, staff number, vote, nominee, time ...).

``--map FIELD=HEADER`` (``mapping``) names a column when the guess is wrong. When both an
email and a staff-number column exist, the email is used and the staff number fills in for
a row without one. A guessed voter column must hold email addresses or staff numbers: a
guess its answers contradict is not used, and said so. A time column is never left out
that way: the time decides whether a ballot is in the voting window, so its unreadable
answers refuse the import row by row.
The headings are on the row ``io.reading.find_header_row`` finds, or the row chosen.

Unlike a nomination import, a ballot that breaks a counting rule (anonymous, not on the
shortlist, too late) is stored as an invalid ballot with its row number and reason, because
it is part of the record of the count. Only a file that cannot be read, or a row whose time
cannot be read at all (a sign of the wrong column), stops the import; ``skip_invalid`` then
imports the readable rows and reports the others.

Times without a zone, as form tools write them, are UK local time (Europe/London); they are
stored in UTC. Dates written as text are read one way for the whole column (``io.dates``):
month first only when the column proves it (8/31/2025), day first as in the UK otherwise,
refused when the column proves both; ``--date-order`` chooses.

``source`` names the form, not the file: a fingerprint of the heading row and the first
response, which stay the same when the export is downloaded again later with more responses
(or renamed). So importing an export twice adds nothing, and a fresh download adds only the
new rows.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from csx_desktop.domain.names import clean_text, name_key
from csx_desktop.domain.times import to_utc
from csx_desktop.domain.votes import ImportedBallot, is_usable_voter, voter_key, voter_keys
from csx_desktop.io.bulk import no_collector_pauses
from csx_desktop.io.dates import TimeColumn, read_time_column
from csx_desktop.io.reading import (
    EMAIL_ADDRESS,
    ReadChoices,
    column_texts,
    find_header_row,
    guess_stands,
    sample,
)
from csx_desktop.io.row_errors import RowError, RowsRefused
from csx_desktop.io.tables import Cell, RawTable, cell_text, is_blank, read_table
from csx_desktop.store.errors import InputRefused

if TYPE_CHECKING:
    from csx_desktop.store.ballots import StoredImport
    from csx_desktop.store.database import Store

FIELDS = ("voter", "choice", "cast_at")
MICROSOFT_FORMS = "Microsoft Forms"
GOOGLE_FORMS = "Google Forms"
JOTFORM = "Jotform"
TYPEFORM = "Typeform"
PLAIN = "spreadsheet"

# What each field is called when the columns used are shown.
_LABELS = {
    "voter": "Voter",
    "staff_number": "Staff number",
    "choice": "Vote",
    "cast_at": "Time of vote",
}

# Heading keys (``name_key``) that name each field exactly, best first.
_VOTER_EXACT = ("voter", "voterkey", "email", "emailaddress", "email1", "workemail")
_STAFF_NUMBER_EXACT = (
    "staffnumber",
    "employeenumber",
    "payrollnumber",
    "staffid",
    "employeeid",
    "staffno",
)
_CHOICE_EXACT = ("choice", "vote", "yourvote", "nominee", "candidate", "votefor")
_TIME_EXACT = (
    "castat",
    "completiontime",
    "timestamp",
    "submissiondate",
    "submitdateutc",
    "submitted",
    "submittedat",
    "time",
)
# Words inside a question heading that mark it as the vote.
_CHOICE_WORDS = ("shiningstar", "votefor", "vote", "nominee", "candidate", "choice")


@dataclass(frozen=True, slots=True)
class VoteExport:
    """A vote export read into ballots, before anything is stored."""

    file_name: str
    file_format: str  # "Microsoft Forms", "Google Forms" or "spreadsheet"
    source: str
    columns: dict[str, str]  # field -> the heading used ("" when the field has no column)
    ballots: list[ImportedBallot]
    problems: list[RowError] = field(default_factory=list)
    file_sha256: str = ""
    header_row: int = 1
    times: TimeColumn | None = None
    notes: tuple[str, ...] = ()  # how the file was read, and guesses not used, in words

    def used(self) -> list[tuple[str, str]]:
        """(field label, the heading it is read from in quotes, or "(not in this file)")."""
        used = []
        for key, label in _LABELS.items():
            heading = self.columns.get(key, "")
            if key == "staff_number" and not heading:
                continue
            text = f'"{heading}"' if heading else "(not in this file)"
            if key == "cast_at" and heading and self.times and self.times.reason:
                text += f" ({self.times.reason})"
            used.append((label, text))
        return used

    def columns_sentence(self) -> str:
        """The columns used, in one sentence for the window."""
        return "Columns used: " + "; ".join(f"{label} from {text}" for label, text in self.used())

    def mapping_lines(self) -> list[str]:
        """The columns used, in words (field <- heading), then the notes."""
        lines = [
            f"Read {self.file_name} as a {self.file_format} export, headings in row "
            f"{self.header_row}, {len(self.ballots) + len(self.problems)} response(s).",
            "Columns used (field <- column heading):",
        ]
        lines += [f"  {label:<12} <- {text}" for label, text in self.used()]
        return lines + list(self.notes)


@dataclass(frozen=True, slots=True)
class VoteImportResult:
    export: VoteExport
    stored: StoredImport

    def summary(self) -> str:
        """One sentence for the status bar or the terminal."""
        s = self.stored
        parts = [f"{s.added} new ballot{'s' if s.added != 1 else ''} from {self.export.file_name}"]
        if s.added:
            parts.append(
                f"{s.added_valid} counted, {s.added_superseded} superseded, "
                f"{s.added_invalid} invalid"
            )
        if s.unchanged:
            parts.append(f"{s.unchanged} already imported before")
        if self.export.problems:
            parts.append(f"{len(self.export.problems)} unreadable row(s) skipped")
        return "Imported " + "; ".join(parts) + "."


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """``["choice=Who gets your vote?"]`` -> ``{"choice": "Who gets your vote?"}``."""
    mapping: dict[str, str] = {}
    for item in items:
        name, sep, header = item.partition("=")
        name = name.strip().lower().replace("-", "_")
        if not sep or not header.strip():
            raise ValueError(f"{item!r} is not FIELD=HEADER (e.g. choice=Your vote)")
        if name not in FIELDS:
            raise ValueError(f"{name!r} is not a field; the fields are {', '.join(FIELDS)}")
        mapping[name] = header.strip()
    return mapping


@no_collector_pauses()
def read_vote_export(
    path: str | Path,
    mapping: Mapping[str, str] | None = None,
    *,
    choices: ReadChoices = ReadChoices(),
) -> VoteExport:
    """Read a vote export into ballots; refuse (``InputRefused``) only an unreadable file."""
    path = Path(path)
    table = read_table(path, sheet=choices.sheet)
    header = find_header_row(table, choices.header_row)
    headers = [cell_text(cell) for cell in table.rows[header.number - 1]]
    file_format = _detect_format(headers, table.kind)
    rows = table.numbered(header.number + 1)
    columns, notes = _find_columns(table.file_name, headers, dict(mapping or {}), rows)
    voter_col = columns.get("voter")
    staff_col = columns.get("staff_number")
    choice_col = columns["choice"]
    time_col = columns.get("cast_at")
    id_col = _response_id_column(headers, file_format)
    used = [c for c in (voter_col, staff_col, choice_col, time_col, id_col) if c is not None]

    times = (
        read_time_column(
            ((n, cells[time_col] if time_col < len(cells) else None) for n, cells in rows),
            heading=headers[time_col],
            order=choices.date_order,
        )
        if time_col is not None
        else None
    )
    ballots: list[ImportedBallot] = []
    problems: list[RowError] = []
    # Each column read in one pass (50,000 ballots: a call per cell would be most of the
    # import); the email is used, and a staff number fills in for a row without one.
    keys = voter_keys(column_texts(rows, voter_col))
    if staff_col is not None:
        keys = [
            staff if not is_usable_voter(key) and is_usable_voter(staff) else key
            for key, staff in zip(keys, voter_keys(column_texts(rows, staff_col)), strict=True)
        ]
    votes_cast = [" ".join(text.split()) for text in column_texts(rows, choice_col)]
    response_ids = column_texts(rows, id_col)
    parse = times.parse if times is not None else None
    time_index = -1 if time_col is None else time_col
    time_heading = _heading(headers, time_col)
    for position, (number, cells) in enumerate(rows):
        if table.problem_cells:
            problem = _problem_cell(table, number, used, headers)
            if problem is not None:
                problems.append(problem)
                continue
        cast_at: datetime | None = None
        if parse is not None:
            try:
                cast_at = parse(cells[time_index] if time_index < len(cells) else None)
            except ValueError as error:
                problems.append(RowError(number, time_heading, str(error)))
                continue
            if cast_at is not None and cast_at.tzinfo is not UTC:
                cast_at = to_utc(cast_at)
        ballots.append(
            ImportedBallot(
                row=number,
                voter_key=keys[position],
                choice=votes_cast[position],
                cast_at=cast_at,
                response_id=response_ids[position],
            )
        )
    first = rows[0][1] if rows else []
    return VoteExport(
        file_name=table.file_name,
        file_format=file_format,
        source=_source(headers, first),
        columns={
            "voter": _heading(headers, voter_col),
            "staff_number": _heading(headers, staff_col),
            "choice": _heading(headers, choice_col),
            "cast_at": _heading(headers, time_col),
        },
        ballots=ballots,
        problems=problems,
        file_sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        header_row=header.number,
        times=times,
        notes=(*table.notes, *([header.note] if header.note else []), *notes),
    )


def _problem_cell(
    table: RawTable, number: int, used: list[int], headers: list[str]
) -> RowError | None:
    """A used cell the file could not give a value for: a problem, not an empty answer."""
    if not table.problem_cells:
        return None
    for index in used:
        reason = table.problem_cells.get((number, index))
        if reason is not None:
            return RowError(number, headers[index], reason)
    return None


def _response_id_column(headers: list[str], file_format: str) -> int | None:
    if file_format == MICROSOFT_FORMS:
        return _index_of(headers, ("id",))
    if file_format == JOTFORM:
        return _index_of(headers, ("submissionid",))
    if file_format == TYPEFORM and headers[:1] == ["#"]:
        return 0
    return None


@no_collector_pauses()
def import_votes(
    store: Store,
    path: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    choices: ReadChoices = ReadChoices(),
    skip_invalid: bool = False,
) -> VoteImportResult:
    """Read a vote export and store its ballots; one action, all or nothing.

    Raises ``RowsRefused`` when rows cannot be read and ``skip_invalid`` is false.
    """
    return store_votes(
        store, read_vote_export(path, mapping, choices=choices), skip_invalid=skip_invalid
    )


@no_collector_pauses()
def store_votes(
    store: Store, export: VoteExport, *, skip_invalid: bool = False
) -> VoteImportResult:
    """Store an export's ballots (read by ``read_vote_export``); all or nothing."""
    if export.problems and not skip_invalid:
        raise RowsRefused(
            export.file_name,
            export.problems,
            trouble=("cannot be read", "cannot be read"),
            advice="Check that the right column was used for each field.",
        )
    if not export.ballots:
        raise InputRefused(f"{export.file_name} has no responses in it: there is nothing to count.")
    stored = store.ballots.import_ballots(
        export.ballots,
        source=export.source,
        file_name=export.file_name,
        file_sha256=export.file_sha256,
        file_format=export.file_format,
        rejected=len(export.problems),
    )
    return VoteImportResult(export=export, stored=stored)


# ---- columns -------------------------------------------------------------------------------


def _detect_format(headers: list[str], kind: str) -> str:
    keys = [name_key(h) for h in headers]
    if {"id", "starttime", "completiontime"} <= set(keys):
        return MICROSOFT_FORMS
    if keys[:1] == ["timestamp"]:
        return GOOGLE_FORMS
    if keys[:1] == ["submissiondate"]:
        return JOTFORM
    if headers[:1] == ["#"] or "submitdateutc" in keys:
        return TYPEFORM
    return f"{PLAIN} ({kind.upper()})"


def _find_columns(
    file_name: str,
    headers: list[str],
    mapping: dict[str, str],
    rows: list[tuple[int, list[Cell]]],
) -> tuple[dict[str, int | None], list[str]]:
    """The column of each field, as mapped, else guessed and checked against the answers;
    refuses when the vote or the voter has no column. Also the notes on guesses not used."""
    for name, heading in mapping.items():
        if _index_of(headers, (name_key(heading),)) is None:
            raise InputRefused(
                f"{file_name} has no column called {heading!r} (for {name}). Its columns "
                f"are: {_list(headers)}."
            )
    columns, notes = _checked_guess(headers, mapping, rows)
    if columns.get("choice") is None:
        raise InputRefused(
            f"{file_name}: no column says who each person voted for. Its columns are: "
            f"{_list(headers)}. Name the column with --map choice=HEADING (in the window: "
            "choose the column when asked)."
        )
    if columns.get("voter") is None:
        raise InputRefused(
            f"{file_name}: no column holds the voter's email or staff number, so nobody's "
            f"second vote could be told from a first. Its columns are: {_list(headers)}. Name "
            "the column with --map voter=HEADING, or export the form with the responders' "
            "emails." + (" " + " ".join(notes) if notes else "")
        )
    return columns, notes


def _checked_guess(
    headers: list[str],
    mapping: Mapping[str, str],
    rows: list[tuple[int, list[Cell]]],
) -> tuple[dict[str, int | None], list[str]]:
    """Each field's column, mapped or guessed; a guess its answers contradict is dropped,
    with a note saying why."""
    columns = _guess_columns(headers, mapping)
    notes = []
    # Not the time: it decides whether a ballot falls in the voting window, so a time column
    # whose answers cannot be read refuses the import row by row, never goes unused.
    for name in ("voter", "staff_number"):
        index = columns.get(name)
        if index is None or name in mapping:
            continue
        answers = [(n, c[index]) for n, c in sample(rows) if index < len(c)]
        wrong = _wrong_answers(name, answers)
        if wrong:
            columns[name] = None
            notes.append(
                f'{name.replace("_", " ").capitalize()}: not read from "{headers[index]}", '
                f"because {wrong}. Choose the column yourself if it is right."
            )
    if columns.get("voter") is None and columns.get("staff_number") is not None:
        columns["voter"], columns["staff_number"] = columns["staff_number"], None
    return columns, notes


_STAFF_NUMBER = re.compile(r"[A-Za-z]{0,3}\d[\w-]*")


def _wrong_answers(name: str, answers: list[tuple[int, Cell]]) -> str:
    """Why a guessed voter or staff-number column's answers do not fit it ("" when they do)."""
    answers = [(n, c) for n, c in answers if not is_blank(c)]
    if not answers:
        return ""
    pattern = EMAIL_ADDRESS if name == "voter" else _STAFF_NUMBER
    bad = [
        (n, c)
        for n, c in answers
        if is_usable_voter(voter_key(cell_text(c)))
        and not pattern.fullmatch(clean_text(cell_text(c)).strip())
        and not (name == "voter" and _STAFF_NUMBER.fullmatch(cell_text(c).strip()))
    ]
    if guess_stands(len(bad), len(answers)):
        return ""
    number, cell = bad[0]
    example = cell_text(cell)[:60]
    return f'its answers are not email addresses or staff numbers (row {number}: "{example}")'


def _guess_columns(headers: list[str], mapping: Mapping[str, str]) -> dict[str, int | None]:
    """Each field's column index (None when no heading names it); mapped ones first."""
    columns: dict[str, int | None] = {
        name: _index_of(headers, (name_key(heading),)) for name, heading in mapping.items()
    }
    taken = {i for i in columns.values() if i is not None}
    if "voter" not in columns:
        columns["voter"] = _index_of(headers, _VOTER_EXACT, taken)
        staff = _index_of(headers, _STAFF_NUMBER_EXACT, taken)
        if columns["voter"] is None:
            columns["voter"] = staff
        else:
            columns["staff_number"] = staff
    taken |= {i for i in columns.values() if i is not None}
    if "cast_at" not in columns:
        columns["cast_at"] = _index_of(headers, _TIME_EXACT, taken)
    taken |= {i for i in columns.values() if i is not None}
    if "choice" not in columns:
        choice = _index_of(headers, _CHOICE_EXACT, taken)
        if choice is None:
            choice = _index_containing(headers, _CHOICE_WORDS, taken)
        columns["choice"] = choice
    return columns


def guess_columns(
    path: str | Path, choices: ReadChoices = ReadChoices()
) -> tuple[list[str], dict[str, str]]:
    """(the headings, {field: heading guessed}) — for asking a person to confirm or choose.

    A field missing from the guesses (``voter`` or ``choice``) has no heading that names it,
    or its answers showed the guess wrong.
    """
    table = read_table(path, sheet=choices.sheet)
    header = find_header_row(table, choices.header_row)
    headers = [cell_text(cell) for cell in table.rows[header.number - 1]]
    columns, _ = _checked_guess(headers, {}, table.numbered(header.number + 1))
    guessed = {
        name: headers[index]
        for name, index in columns.items()
        if index is not None and name in FIELDS
    }
    return [h for h in headers if h], guessed


def _index_of(headers: list[str], keys: Sequence[str], taken: set[int] | None = None) -> int | None:
    """The column whose heading key is the earliest of ``keys`` (exact match)."""
    heading_keys = [name_key(h) for h in headers]
    for key in keys:
        for index, heading in enumerate(heading_keys):
            if heading == key and index not in (taken or set()):
                return index
    return None


def _index_containing(headers: list[str], words: Sequence[str], taken: set[int]) -> int | None:
    heading_keys = [name_key(h) for h in headers]
    for word in words:
        for index, heading in enumerate(heading_keys):
            if word in heading and index not in taken:
                return index
    return None


def _heading(headers: list[str], index: int | None) -> str:
    return headers[index] if index is not None else ""


def _list(headers: list[str]) -> str:
    return ", ".join(repr(h) for h in headers if h) or "none"


def _source(headers: list[str], first_row: list[Cell]) -> str:
    """Names the form: its headings and first response stay put when it is exported again."""
    fingerprint = "\x1f".join(headers) + "\x1e" + "\x1f".join(cell_text(c) for c in first_row)
    return "vote form " + hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()[:12]
