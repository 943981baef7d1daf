"""Reading the Shining Star vote form's export into ballots: Microsoft Forms, Google Forms, CSV.

Three fields are read from each row: ``voter`` (the staff email or staff number), ``choice``
(who they voted for) and ``cast_at`` (when). The columns are found by their headings:

- Microsoft Forms (xlsx): ``ID``, ``Start time``, ``Completion time``, ``Email``, ``Name`` and
  one column per question; the vote is the question that mentions Shining Star or voting.
  Without sign-in, ``Email`` says ``anonymous``.
- Google Forms (CSV): ``Timestamp``, ``Email address`` (when collected) and the questions.
- A plain CSV or XLSX with ``voter``, ``choice`` and ``cast_at`` columns (or close words:
  email, staff number, vote, nominee, time ...).

``--map FIELD=HEADER`` (``mapping``) names a column when the guess is wrong. When both an
email and a staff-number column exist, the email is used and the staff number fills in for
a row without one.

Unlike a nomination import, a ballot that breaks a counting rule (anonymous, not on the
shortlist, too late) is stored as an invalid ballot with its row number and reason, because
it is part of the record of the count. Only a file that cannot be read, or a row whose time
cannot be read at all (a sign of the wrong column), stops the import; ``skip_invalid`` then
imports the readable rows and reports the others.

Times without a zone, as form tools write them, are UK local time (Europe/London); they are
stored in UTC. Dates written as text are read day first (20/03/2026), as in the UK.

``source`` names the form, not the file: a fingerprint of the heading row and the first
response, which stay the same when the export is downloaded again later with more responses
(or renamed). So importing an export twice adds nothing, and a fresh download adds only the
new rows.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from csx_desktop.domain.names import name_key
from csx_desktop.domain.times import to_utc
from csx_desktop.domain.votes import ImportedBallot, is_usable_voter, voter_key
from csx_desktop.io.row_errors import RowError, RowsRefused
from csx_desktop.io.tables import Cell, RawTable, cell_text, is_blank, parse_time_cell, read_table
from csx_desktop.store.errors import InputRefused

if TYPE_CHECKING:
    from csx_desktop.store.ballots import StoredImport
    from csx_desktop.store.database import Store

FIELDS = ("voter", "choice", "cast_at")
MICROSOFT_FORMS = "Microsoft Forms"
GOOGLE_FORMS = "Google Forms"
PLAIN = "spreadsheet"

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
_TIME_EXACT = ("castat", "completiontime", "timestamp", "submitted", "submittedat", "time")
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


def read_vote_export(path: str | Path, mapping: Mapping[str, str] | None = None) -> VoteExport:
    """Read a vote export into ballots; refuse (``InputRefused``) only an unreadable file."""
    path = Path(path)
    table = read_table(path)
    header_index, headers = _header_row(table)
    file_format = _detect_format(headers, table.kind)
    columns = _find_columns(table.file_name, headers, dict(mapping or {}))
    voter_col = columns.get("voter")
    staff_col = columns.get("staff_number")
    choice_col = columns["choice"]
    time_col = columns.get("cast_at")
    id_col = _index_of(headers, ("id",)) if file_format == MICROSOFT_FORMS else None

    ballots: list[ImportedBallot] = []
    problems: list[RowError] = []
    rows = table.numbered(header_index + 2)
    time_heading = headers[time_col] if time_col is not None else ""
    for number, cells in rows:
        key = voter_key(_text(cells, voter_col))
        if staff_col is not None and not is_usable_voter(key):
            staff = voter_key(_text(cells, staff_col))
            if is_usable_voter(staff):
                key = staff
        cast_at: datetime | None = None
        if time_col is not None:
            raw = cells[time_col] if time_col < len(cells) else None
            if not is_blank(raw):
                moment = parse_time_cell(raw)
                if moment is None:
                    problems.append(
                        RowError(number, time_heading, f"{cell_text(raw)!r} is not a date and time")
                    )
                    continue
                cast_at = to_utc(moment)
        ballots.append(
            ImportedBallot(
                row=number,
                voter_key=key,
                choice=" ".join(_text(cells, choice_col).split()),
                cast_at=cast_at,
                response_id=_text(cells, id_col),
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
    )


def import_votes(
    store: Store,
    path: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    skip_invalid: bool = False,
) -> VoteImportResult:
    """Read a vote export and store its ballots; one action, all or nothing.

    Raises ``RowsRefused`` when rows cannot be read and ``skip_invalid`` is false.
    """
    export = read_vote_export(path, mapping)
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


def _header_row(table: RawTable) -> tuple[int, list[str]]:
    """The first row with anything in it is the headings."""
    for index, row in enumerate(table.rows):
        if any(not is_blank(cell) for cell in row):
            return index, [cell_text(cell) for cell in row]
    raise InputRefused(f"{table.file_name} has no heading row.")  # read_table prevents this


def _detect_format(headers: list[str], kind: str) -> str:
    keys = {name_key(h) for h in headers}
    if {"id", "starttime", "completiontime"} <= keys:
        return MICROSOFT_FORMS
    if headers and name_key(headers[0]) == "timestamp":
        return GOOGLE_FORMS
    return f"{PLAIN} ({kind.upper()})"


def _find_columns(
    file_name: str, headers: list[str], mapping: dict[str, str]
) -> dict[str, int | None]:
    """The column of each field: as mapped, else guessed; refuses when one cannot be found."""
    for name, heading in mapping.items():
        if _index_of(headers, (name_key(heading),)) is None:
            raise InputRefused(
                f"{file_name} has no column called {heading!r} (for {name}). Its columns "
                f"are: {_list(headers)}."
            )
    columns = _guess_columns(headers, mapping)
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
            "emails."
        )
    return columns


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


def guess_columns(path: str | Path) -> tuple[list[str], dict[str, str]]:
    """(the headings, {field: heading guessed}) — for asking a person to confirm or choose.

    A field missing from the guesses (``voter`` or ``choice``) has no heading that names it.
    """
    table = read_table(path)
    _, headers = _header_row(table)
    guessed = {
        name: headers[index]
        for name, index in _guess_columns(headers, {}).items()
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


def _text(cells: list[Cell], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cell_text(cells[index])


def _heading(headers: list[str], index: int | None) -> str:
    return headers[index] if index is not None else ""


def _list(headers: list[str]) -> str:
    return ", ".join(repr(h) for h in headers if h) or "none"


def _source(headers: list[str], first_row: list[Cell]) -> str:
    """Names the form: its headings and first response stay put when it is exported again."""
    fingerprint = "\x1f".join(headers) + "\x1e" + "\x1f".join(cell_text(c) for c in first_row)
    return "vote form " + hashlib.sha256(fingerprint.encode("utf-8")).hexdigest()[:12]
