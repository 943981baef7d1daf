"""Importing a nominations export: rows to nominations, every bad row reported by its number.

The steps, shared by the window and ``csx-admin import nominations``:

1. ``prepare_import(path, choices=..., categories=...)`` reads the file
   (``io.tables.read_table``), finds the heading row, recognises the tool that made it and
   guesses which column answers which field (``io.nomination_formats``). Each guess must pass
   a look at the column's answers (an email field holds addresses, a time field times, a
   category field the awards' names, a reference is unique); a guess that fails is left
   unmapped and the plan says so in ``notes``.
2. The person checks or corrects the mapping (the mapping dialog, or ``--map``); a form made
   for one award has no category column, and ``category`` says which award every row is for.
3. ``run_import(store, plan, mapping, ...)`` turns each row into nominations, collecting
   ``row N: reason`` for every row that cannot be used, then hands the good ones to
   ``store.nominations.add_batch`` in one transaction. By default one bad row means nothing
   is stored; ``keep_valid`` stores the good rows; ``dry_run`` stores nothing.

Only mapped columns are stored: IP addresses, start times and unmapped questions never reach
the round file. A row with no response id is known by a digest of every cell of the row as
exported, so two submissions that differ anywhere are two, and the same file imported again
adds nothing. Received times are read one way for the whole column (``io.dates``) and stored
as timezone-aware UTC (times without a zone are UK time).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from csx_desktop.domain.model import Category, Method, Nomination, NomineeKind
from csx_desktop.domain.names import name_key, split_members, tidy_name
from csx_desktop.domain.rubric import match_category
from csx_desktop.domain.times import to_utc
from csx_desktop.io.bulk import no_collector_pauses
from csx_desktop.io.dates import DATE_ORDERS, TimeColumn, parse_time_cell, read_time_column
from csx_desktop.io.nomination_formats import (
    FIELD_BY_KEY,
    FIELDS,
    Mapping,
    SheetLayout,
    detect_layout,
    guess_mapping,
    missing_required,
)
from csx_desktop.io.reading import (
    EMAIL_ADDRESS,
    ReadChoices,
    column_texts,
    find_header_row,
    guess_stands,
    sample,
)
from csx_desktop.io.row_errors import RowError
from csx_desktop.io.tables import Cell, RawTable, cell_text, is_blank, read_table
from csx_desktop.store.errors import InputRefused
from csx_desktop.store.nominations import ImportFile

if TYPE_CHECKING:
    from csx_desktop.store.database import Store

_ANONYMOUS = {"anonymous", "anon", "n/a", "na", "-"}


class RowProblem(ValueError):
    """One row cannot become a nomination; the message says why, for a person."""


@dataclass(frozen=True)
class ImportPlan:
    """A file read and recognised, ready for its mapping to be checked."""

    path: Path
    table: RawTable
    layout: SheetLayout
    mapping: Mapping  # the detected mapping, each guess checked against the answers
    notes: tuple[str, ...] = ()  # how the file was read, and guesses left out, in words
    choices: ReadChoices = ReadChoices()

    @cached_property
    def data_rows(self) -> list[tuple[int, list[Cell]]]:
        """(row number, cells) of every answer row; read once, then kept."""
        return self.table.numbered(self.layout.first_data_row)

    def time_column(self, mapping: Mapping) -> TimeColumn | None:
        """How the received column's dates are read (one way for the whole column); raises
        ``DateOrderConflict`` when its dates are written both ways. Each column is read once
        a plan: the dialog asks again at every change of a choice."""
        index = mapping.get("received_at")
        if index is None:
            return None
        if index not in self._time_columns:
            self._time_columns[index] = read_time_column(
                ((n, cells[index] if index < len(cells) else None) for n, cells in self.data_rows),
                heading=self.layout.header(index),
                order=self.choices.date_order,
            )
        return self._time_columns[index]

    @cached_property
    def _time_columns(self) -> dict[int, TimeColumn]:
        return {}

    def mapping_lines(self, mapping: Mapping, category: Category | None = None) -> list[str]:
        """The mapping in words: each field and the heading it is read from, then notes."""
        time_column = self.time_column(mapping)
        width = max(len(spec.label) for spec in FIELDS)
        lines = [
            f"Read {self.path.name} as a {self.layout.kind} export, headings in row "
            f"{self.layout.header_row}, {len(self.data_rows)} response(s) from row "
            f"{self.layout.first_data_row}.",
            "Columns used (field <- column heading):",
        ]
        for spec in FIELDS:
            index = mapping.get(spec.key)
            if spec.key == "category" and category is not None:
                used = f"every row is for {category.name}"
            elif index is None:
                used = "(not in this file)"
            else:
                used = f'"{self.layout.header(index)}"'
                if spec.key == "received_at" and time_column and time_column.reason:
                    used += f" ({time_column.reason})"
            lines.append(f"  {spec.label:<{width}} <- {used}")
        return lines + list(self.notes)


@dataclass(slots=True)
class ParsedRows:
    nominations: list[Nomination] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  # the row number of each nomination
    errors: list[RowError] = field(default_factory=list)


@dataclass(slots=True)
class ImportReport:
    """What an import did, for the summary the window and the command line print."""

    file_name: str
    format: str
    rows: int
    stored: int = 0
    entries: int = 0
    new_entries: int = 0
    already_imported: int = 0
    rejected: list[RowError] = field(default_factory=list)
    committed: bool = False
    dry_run: bool = False

    @property
    def rejected_rows(self) -> int:
        return len({e.row for e in self.rejected})

    def summary_lines(self) -> list[str]:
        """The summary: stored into how many entries, how many rejected, then each row."""
        if self.dry_run:
            head = (
                f"Dry run of {self.file_name} ({self.format}): {self.stored} nomination(s) "
                f"would be stored in {self.entries} entr{'y' if self.entries == 1 else 'ies'} "
                f"({self.new_entries} new). Nothing was stored."
            )
        elif self.committed:
            head = (
                f"Imported {self.file_name} ({self.format}): stored {self.stored} "
                f"nomination(s) in {self.entries} entr{'y' if self.entries == 1 else 'ies'} "
                f"({self.new_entries} new)."
            )
        else:
            head = (
                f"Nothing was imported from {self.file_name}: {self.rejected_rows} row(s) have "
                "problems. Correct them and import again, or import only the valid rows."
            )
        lines = [head]
        if self.already_imported:
            lines.append(
                f"{self.already_imported} nomination(s) were already in the round from an "
                "earlier import and were left as they are."
            )
        lines.append(f"Rows rejected: {self.rejected_rows}.")
        lines += [str(error) for error in self.rejected]
        return lines


# ---- reading the file --------------------------------------------------------------------


@no_collector_pauses()
def prepare_import(
    path: str | Path,
    *,
    choices: ReadChoices = ReadChoices(),
    categories: Sequence[Category] = (),
) -> ImportPlan:
    """Read a nominations export and recognise it (refuses with a message if unreadable).

    ``categories`` (the round's) let the guess of the category column be checked.
    """
    path = Path(path)
    return plan_import(path, read_table(path, sheet=choices.sheet), choices, categories)


def plan_import(
    path: Path, table: RawTable, choices: ReadChoices, categories: Sequence[Category] = ()
) -> ImportPlan:
    """Recognise a table already read, with these choices (the mapping dialog calls this
    again when the person says the headings are on another row, or how dates are written)."""
    header = find_header_row(table, choices.header_row)
    layout = detect_layout(table, header)
    rows = table.numbered(layout.first_data_row)
    if not rows:
        raise InputRefused(
            f"{path.name} has headings but no answers below them: there is nothing to import."
        )
    plan = ImportPlan(path, table, layout, guess_mapping(layout), choices=choices)
    vars(plan)["data_rows"] = rows  # found once
    mapping, left_out = check_guesses(plan, plan.mapping, categories)
    notes = (*table.notes, *([header.note] if header.note else []), *left_out)
    checked = ImportPlan(path, table, layout, mapping, tuple(notes), choices)
    vars(checked)["data_rows"] = plan.data_rows  # the rows found already: not found again
    return checked


# ---- checking a guess against the answers --------------------------------------------------


def check_guesses(
    plan: ImportPlan, mapping: Mapping, categories: Sequence[Category] = ()
) -> tuple[Mapping, list[str]]:
    """The mapping with each guess that its column's answers contradict left out, and a line
    for each saying why. Columns chosen by a person (``--map``, the dialog) are not second-
    guessed: call this only on the detected mapping."""
    checked = dict(mapping)
    notes: list[str] = []
    rows = plan.data_rows
    for key in ("nominator_email", "received_at", "category", "response_id"):
        index = mapping.get(key)
        if index is None:
            continue
        answers = [
            (number, cells[index])
            # A reference must differ on every row: look at all of them.
            for number, cells in (rows if key == "response_id" else sample(rows))
            if index < len(cells) and not is_blank(cells[index])
        ]
        wrong = _wrong_answers(key, answers, plan, index, tuple(categories))
        if wrong is None:
            continue
        checked[key] = None
        label = FIELD_BY_KEY[key].label
        notes.append(
            f'{label}: not read from "{plan.layout.header(index)}", because {wrong}. Choose '
            "the column yourself if it is right."
        )
    return checked, notes


def _looks_like_time(cell: Cell) -> bool:
    return any(parse_time_cell(cell, order=order) is not None for order in DATE_ORDERS)


def _wrong_answers(
    key: str,
    answers: list[tuple[int, Cell]],
    plan: ImportPlan,
    index: int,
    categories: tuple[Category, ...],
) -> str | None:
    """Why the column's answers do not fit the field, or None when they do (or say nothing)."""
    if not answers:
        return None
    if key == "response_id":
        seen: dict[str, int] = {}
        for number, cell in answers:
            text = cell_text(cell)
            if text in seen:
                return f'rows {seen[text]} and {number} both say "{_short(text)}"'
            seen[text] = number
        return None
    if key == "nominator_email":
        bad = [
            (n, c)
            for n, c in answers
            if not EMAIL_ADDRESS.fullmatch(cell_text(c))
            and cell_text(c).casefold() not in _ANONYMOUS
        ]
        what = "email addresses"
    elif key == "category":
        if not categories:
            return None
        fits: dict[str, bool] = {}  # a form offers a handful of answers: match each once
        bad = []
        for number, cell in answers:
            text = cell_text(cell)
            if text not in fits:
                parts = [part for part in re.split(r"[;\n]", text) if part.strip()]
                fits[text] = all(match_category(part, categories) for part in parts)
            if not fits[text]:
                bad.append((number, cell))
        what = "the names of the awards"
    else:  # received_at: readable as a time in either order (the order is decided later)
        bad = [(n, c) for n, c in answers if not _looks_like_time(c)]
        if len(bad) < len(answers):
            return None  # some times: a time column, whose unreadable rows are row problems
        what = "dates and times"
    if guess_stands(len(bad), len(answers)):
        return None
    number, cell = bad[0]
    return f'its answers are not {what} (row {number}: "{_short(cell_text(cell))}")'


def parse_rows(
    plan: ImportPlan,
    mapping: Mapping,
    categories: Sequence[Category],
    nominating_bodies: Sequence[str] = (),
    *,
    category: Category | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ParsedRows:
    """Turn each answer row into nominations; rows that cannot be used become errors.

    ``progress(done, total)`` is told every few hundred rows (and may stop the work by
    raising, as the window's Cancel does).

    ``category``: the award every row is for (a form made for one award), instead of a
    column. Raises ``DateOrderConflict`` when the received column's dates are written both
    ways.
    """
    parsed = ParsedRows()
    reader = _RowReader(
        plan, mapping, tuple(categories), tuple(nominating_bodies), plan.time_column(mapping),
        category,
    )  # fmt: skip
    rows = plan.data_rows
    # Each mapped column as text, in one pass a column: 10,000 rows x 11 fields read this
    # way take a third of the time of a method call per cell.
    columns = {
        key: column_texts(rows, index)
        for key, index in mapping.items()
        if index is not None and key != "received_at"  # read as a time, from the cell
    }
    keys = tuple(columns)
    answers = zip(*columns.values(), strict=True) if columns else ((),) * len(rows)
    for position, ((number, cells), row_answers) in enumerate(zip(rows, answers, strict=True)):
        if progress is not None and position % _PROGRESS_EVERY == 0:
            progress(position, len(rows))
        texts = dict(zip(keys, row_answers, strict=True))
        try:
            nominations = reader.read(number, cells, texts)
        except RowProblem as problem:
            parsed.errors.append(RowError(number, column="", reason=str(problem)))
            continue
        parsed.nominations += nominations
        parsed.rows += [number] * len(nominations)
    return parsed


@dataclass(frozen=True)
class CheckedImport:
    """A plan read into nominations with its mapping, every row checked: ready to store.
    Made without the round's connection (``check_import``), so the window can make it on a
    worker thread while it stays responsive."""

    plan: ImportPlan
    mapping: Mapping
    parsed: ParsedRows
    file_sha256: str


@no_collector_pauses()
def check_import(
    plan: ImportPlan,
    mapping: Mapping | None = None,
    *,
    categories: Sequence[Category],
    nominating_bodies: Sequence[str] = (),
    category: Category | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CheckedImport:
    """Turn every row into nominations with this mapping, or refuse a mapping that leaves a
    required field without a column. ``category``: the award every row is for."""
    mapping = plan.mapping if mapping is None else mapping
    if category is not None:
        mapping = {**mapping, "category": None}
    missing = missing_required(mapping, fixed_category=category is not None)
    if missing:
        names = ", ".join(f.label.lower() for f in missing)
        advice = (
            " If the form was for one award only, say which (--category NAME)."
            if any(f.key == "category" for f in missing)
            else ""
        )
        raise InputRefused(
            f"No column of {plan.path.name} is chosen for the {names}. Choose the column that "
            f'holds it (on the command line: --map FIELD="Column heading").{advice}'
        )
    parsed = parse_rows(
        plan, mapping, categories, nominating_bodies, category=category, progress=progress
    )
    return CheckedImport(plan, mapping, parsed, _sha256(plan.path))


@no_collector_pauses()
def store_import(
    store: Store, checked: CheckedImport, *, keep_valid: bool = False, dry_run: bool = False
) -> ImportReport:
    """Store a checked import: all its nominations in one transaction, or (one bad row,
    unless ``keep_valid``) none; ``dry_run`` stores nothing and reports what would be."""
    plan, mapping, parsed = checked.plan, checked.mapping, checked.parsed
    _recognise_earlier_digests(store, plan, mapping, parsed)
    errors = list(parsed.errors)
    result = store.nominations.add_batch(
        parsed.nominations,
        keep_valid=keep_valid,
        # Rows that failed to parse: check the rest anyway, so every problem is listed.
        dry_run=dry_run or (bool(errors) and not keep_valid),
        record=ImportFile(
            file_name=plan.path.name,
            file_sha256=checked.file_sha256,
            format=str(plan.layout.kind),
            rejected=len(errors),
        ),
    )
    errors += [
        RowError(parsed.rows[i], column="", reason=reason) for i, reason in result.refused.items()
    ]
    errors.sort(key=lambda e: e.row)
    return ImportReport(
        file_name=plan.path.name,
        format=str(plan.layout.kind),
        rows=len(plan.data_rows),
        stored=len(result.stored),
        entries=result.entries_touched,
        new_entries=result.new_entries,
        already_imported=len(result.already_imported),
        rejected=errors,
        committed=result.committed,
        dry_run=dry_run,
    )


@no_collector_pauses()
def run_import(
    store: Store,
    plan: ImportPlan,
    mapping: Mapping | None = None,
    *,
    category: str | None = None,
    keep_valid: bool = False,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import the plan's rows into the round with this mapping (default: the detected one).

    ``category`` names the award every row is for, when the form was made for one award;
    ``progress(done, total)`` hears how far the checking of the rows has gone.
    """
    checked = check_import(
        plan,
        mapping,
        categories=store.round.categories(),
        nominating_bodies=store.round.nominating_bodies(),
        category=store.round.category_named(category) if category else None,
        progress=progress,
    )
    return store_import(store, checked, keep_valid=keep_valid, dry_run=dry_run)


def _recognise_earlier_digests(
    store: Store, plan: ImportPlan, mapping: Mapping, parsed: ParsedRows
) -> None:
    """Rows imported by an earlier version, which knew a row by a digest of its mapped
    answers only, keep that id, so importing the same file again still adds nothing."""
    if not any(n.response_id.startswith(_ROW_DIGEST) for n in parsed.nominations):
        return
    known = store.nominations.known_responses(plan.layout.source)
    if not any(response.startswith(_LEGACY_DIGEST) for response in known):
        return
    cells_of = dict(plan.data_rows)
    for i, nomination in enumerate(parsed.nominations):
        if not nomination.response_id.startswith(_ROW_DIGEST):
            continue
        _, hash_sign, category = nomination.response_id.partition("#")
        legacy = legacy_response_id(plan, mapping, cells_of[parsed.rows[i]])
        if legacy + hash_sign + category in known:
            parsed.nominations[i] = replace(nomination, response_id=legacy + hash_sign + category)


def legacy_response_id(plan: ImportPlan, mapping: Mapping, cells: list[Cell]) -> str:
    """The id the previous version gave a row without one: a digest of its mapped answers
    only (so two submissions that differed elsewhere were one; kept to recognise them)."""
    digest = hashlib.sha256()
    for key in FIELD_BY_KEY:
        index = mapping.get(key)
        value = cells[index] if index is not None and index < len(cells) else None
        text = value.isoformat() if isinstance(value, datetime | date) else cell_text(value)
        digest.update(text.encode("utf-8", "replace"))
        digest.update(b"\x1f")
    return _LEGACY_DIGEST + digest.hexdigest()[:16]


@no_collector_pauses()
def import_nominations(
    store: Store,
    path: str | Path,
    *,
    overrides: Sequence[str] = (),
    choices: ReadChoices = ReadChoices(),
    category: str | None = None,
    keep_valid: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Read, map (detected and checked, then ``field=Header`` overrides) and import."""
    from csx_desktop.io.nomination_formats import apply_overrides

    plan = prepare_import(path, choices=choices, categories=store.round.categories())
    mapping = apply_overrides(plan.layout, plan.mapping, list(overrides))
    return run_import(
        store, plan, mapping, category=category, keep_valid=keep_valid, dry_run=dry_run
    )


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- one row -----------------------------------------------------------------------------


_ROW_DIGEST = "row "
_LEGACY_DIGEST = "digest "
_PROGRESS_EVERY = 250  # rows between two reports of progress


class _RowReader:
    """Reads the mapped cells of one row into nominations (one per category chosen)."""

    def __init__(
        self,
        plan: ImportPlan,
        mapping: Mapping,
        categories: tuple[Category, ...],
        bodies: tuple[str, ...],
        times: TimeColumn | None,
        fixed: Category | None,
    ) -> None:
        self.layout = plan.layout
        self.problem_cells = plan.table.problem_cells
        self.mapping = mapping
        self.categories = categories
        self.bodies = bodies
        self.times = times
        self.fixed = fixed
        self._time_index = mapping.get("received_at")
        self._source = plan.layout.source
        # A form offers a handful of answers to "which award?": match each spelling once, and
        # each whole answer ("Extra Mile;Team;") once: its awards, and whether one is decided
        # by staff vote (whose nominations must name their nominating body).
        self._matched: dict[str, Category | None] = {}
        self._answers: dict[str, tuple[list[Category], bool]] = {}
        if fixed is not None:
            self._fixed = ([fixed], fixed.method is Method.STAFF_VOTE)

    def column(self, key: str) -> str:
        return self.layout.header(self.mapping.get(key))

    def read(self, number: int, cells: list[Cell], texts: dict[str, str]) -> list[Nomination]:
        """The nominations of one row: ``cells`` as read, ``texts`` its mapped answers as
        text (a field with no column is missing from it)."""
        self._check_cells(number)
        text = texts.get
        if self.fixed is not None:
            categories, staff_vote = self._fixed
        else:
            answer = text("category", "")
            found = self._answers.get(answer)
            if found is None:  # a refused answer is not kept: its row is refused each time
                found = self._answers[answer] = self._categories(answer)
            categories, staff_vote = found
        nominee = tidy_name(text("nominee", ""))
        if not name_key(nominee):
            raise RowProblem(f'the nominee\'s name is empty (column "{self.column("nominee")}")')
        citation = text("citation", "").replace("\r\n", "\n")
        received = self._received(cells)
        body = self._body(text("nominating_body", ""), staff_vote)
        members = split_members(text("team_members", ""))
        email = text("nominator_email", "")
        nominator = tidy_name(text("nominator_name", ""))
        if name_key(nominator) in _ANONYMOUS:
            nominator = ""
        if email.casefold() in _ANONYMOUS:
            email = ""
        response = text("response_id", "") or self._fingerprint(cells)
        nominations = []
        for category in categories:
            if not citation and category.method is Method.PANEL:
                raise RowProblem(
                    f'the citation is empty (column "{self.column("citation")}"); the panel '
                    "judges the nomination by it"
                )
            nominations.append(
                Nomination(
                    category_id=int(category.id or 0),
                    nominee=nominee,
                    citation=citation,
                    team_members=members if category.nominee_kind is NomineeKind.TEAM else (),
                    service=text("service", ""),
                    nominating_body=body if category.method is Method.STAFF_VOTE else "",
                    nominator_name=nominator,
                    nominator_email=email,
                    relationship=text("relationship", ""),
                    received_at=received,
                    source=self._source,
                    # One row choosing two awards is two nominations, each known on re-import.
                    response_id=(
                        response
                        if len(categories) == 1
                        else f"{response}#{name_key(category.name)}"
                    ),
                )
            )
        return nominations

    def _check_cells(self, number: int) -> None:
        """A mapped cell the file could not give a value for (a formula never calculated)
        is a problem with the row, not an empty answer."""
        if not self.problem_cells:
            return
        for index in self.mapping.values():
            if index is not None and (number, index) in self.problem_cells:
                reason = self.problem_cells[(number, index)]
                raise RowProblem(f'{reason} (column "{self.layout.header(index)}")')

    def _categories(self, raw: str) -> tuple[list[Category], bool]:
        """The awards an answer chooses, and whether one of them is decided by staff vote."""
        # Microsoft Forms multi-select answers: "Extra Mile;Team;" (trailing ;).
        answers = [part.strip() for part in re.split(r"[;\n]", raw) if part.strip()]
        if not answers:
            raise RowProblem(f'the category is empty (column "{self.column("category")}")')
        found: list[Category] = []
        for answer in answers:
            if answer not in self._matched:
                self._matched[answer] = match_category(answer, self.categories)
            category = self._matched[answer]
            if category is None:
                names = ", ".join(c.name for c in self.categories)
                raise RowProblem(
                    f'"{_short(answer)}" (column "{self.column("category")}") is not one of the '
                    f"awards: {names}"
                )
            if category not in found:
                found.append(category)
        return found, any(c.method is Method.STAFF_VOTE for c in found)

    def _body(self, answer: str, staff_vote: bool) -> str:
        """The nominating body, checked when one of the row's awards is decided by staff
        vote (``staff_vote``)."""
        if not staff_vote:
            return ""  # only a staff vote's nomination keeps its nominating body
        raw = tidy_name(answer)
        if not raw:
            column = self.column("nominating_body")
            where = f' (column "{column}")' if column else " (no column is chosen for it)"
            raise RowProblem(
                "a Shining Star nomination must name its nominating body: a Service "
                f"Director's service or Xentrall Shared Services{where}"
            )
        for body in self.bodies:
            if name_key(body) == name_key(raw):
                return body
        for body in self.bodies:
            if len(name_key(raw)) >= 4 and (
                name_key(raw) in name_key(body) or name_key(body) in name_key(raw)
            ):
                return body
        if not self.bodies:
            return raw
        raise RowProblem(
            f'"{_short(raw)}" is not one of the nominating bodies: {", ".join(self.bodies)}'
        )

    def _received(self, cells: list[Cell]) -> datetime | None:
        index = self._time_index
        if self.times is None or index is None or index >= len(cells):
            return None
        value = cells[index]  # blank: None from parse
        try:
            moment = self.times.parse(value)
        except ValueError as error:
            raise RowProblem(
                f'"{_short(cell_text(value))}" in column "{self.column("received_at")}" is not '
                f"a date and time this importer can read ({error})"
            ) from None
        if moment is None:
            return None
        # Nominations arrive in the round's year: a year far off is a misread cell, not a date.
        if not 2000 <= moment.year <= 2100:
            raise RowProblem(
                f'"{_short(cell_text(value))}" in column "{self.column("received_at")}": the '
                f"year {moment.year} is not plausible for a nomination"
            )
        return to_utc(moment)  # a time without a zone is UK time, as for the staff vote

    def _fingerprint(self, cells: list[Cell]) -> str:
        """A response id for tools that give none: a digest of every cell of the row as
        exported, mapped or not, so two submissions that differ anywhere are two."""
        texts = [cell_text(cell) for cell in cells]
        while texts and not texts[-1]:
            texts.pop()  # a CSV and a workbook of the same answers end differently
        digest = hashlib.sha256("\x1f".join(texts).encode("utf-8", "replace"))
        return _ROW_DIGEST + digest.hexdigest()[:24]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
