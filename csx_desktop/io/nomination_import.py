"""Importing a nominations export: rows to nominations, every bad row reported by its number.

The steps, shared by the window and ``csx-admin import nominations``:

1. ``prepare_import(path)`` reads the file (``io.tables.read_table``), recognises the tool
   that made it and guesses which column answers which field (``io.nomination_formats``).
2. The person checks or corrects the mapping (the mapping dialog, or ``--map``).
3. ``run_import(store, plan, mapping, ...)`` turns each row into nominations, collecting
   ``row N: reason`` for every row that cannot be used, then hands the good ones to
   ``store.nominations.add_batch`` in one transaction. By default one bad row means nothing
   is stored; ``keep_valid`` stores the good rows; ``dry_run`` stores nothing.

Only mapped columns are read: IP addresses, start times and unmapped questions never reach
the round file. Received times are stored as timezone-aware UTC (times without a zone are
UK time).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from csx_desktop.domain.model import Category, Method, Nomination, NomineeKind
from csx_desktop.domain.names import name_key, split_members, tidy_name
from csx_desktop.domain.rubric import match_category
from csx_desktop.domain.times import to_utc
from csx_desktop.io.nomination_formats import (
    FIELD_BY_KEY,
    FormatKind,
    Mapping,
    SheetLayout,
    detect_layout,
    guess_mapping,
    missing_required,
)
from csx_desktop.io.row_errors import RowError
from csx_desktop.io.tables import Cell, RawTable, cell_text, is_blank, parse_time_cell, read_table
from csx_desktop.store.errors import InputRefused
from csx_desktop.store.nominations import ImportFile

if TYPE_CHECKING:
    from csx_desktop.store.database import Store

_ANONYMOUS = {"anonymous", "anon", "n/a", "na", "-"}


class RowProblem(ValueError):
    """One row cannot become a nomination; the message says why, for a person."""


@dataclass(frozen=True, slots=True)
class ImportPlan:
    """A file read and recognised, ready for its mapping to be checked."""

    path: Path
    table: RawTable
    layout: SheetLayout
    mapping: Mapping  # the detected mapping

    @property
    def data_rows(self) -> list[tuple[int, list[Cell]]]:
        return self.table.numbered(self.layout.first_data_row)


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


def prepare_import(path: str | Path) -> ImportPlan:
    """Read a nominations export and recognise it (refuses with a message if unreadable)."""
    path = Path(path)
    table = read_table(path)
    layout = detect_layout(table)
    if not table.numbered(layout.first_data_row):
        raise InputRefused(
            f"{path.name} has headings but no answers below them: there is nothing to import."
        )
    return ImportPlan(path, table, layout, guess_mapping(layout))


def parse_rows(
    plan: ImportPlan,
    mapping: Mapping,
    categories: Sequence[Category],
    nominating_bodies: Sequence[str] = (),
) -> ParsedRows:
    """Turn each answer row into nominations; rows that cannot be used become errors."""
    parsed = ParsedRows()
    reader = _RowReader(plan.layout, mapping, tuple(categories), tuple(nominating_bodies))
    for number, cells in plan.data_rows:
        try:
            nominations = reader.read(cells)
        except RowProblem as problem:
            parsed.errors.append(RowError(number, column="", reason=str(problem)))
            continue
        parsed.nominations += nominations
        parsed.rows += [number] * len(nominations)
    return parsed


def run_import(
    store: Store,
    plan: ImportPlan,
    mapping: Mapping | None = None,
    *,
    keep_valid: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Import the plan's rows into the round with this mapping (default: the detected one)."""
    mapping = plan.mapping if mapping is None else mapping
    missing = missing_required(mapping)
    if missing:
        names = ", ".join(f.label.lower() for f in missing)
        raise InputRefused(
            f"No column of {plan.path.name} is chosen for the {names}. Choose the column that "
            'holds it (on the command line: --map FIELD="Column heading").'
        )
    categories = store.round.categories()
    parsed = parse_rows(plan, mapping, categories, store.round.nominating_bodies())
    errors = list(parsed.errors)
    result = store.nominations.add_batch(
        parsed.nominations,
        keep_valid=keep_valid,
        # Rows that failed to parse: check the rest anyway, so every problem is listed.
        dry_run=dry_run or (bool(errors) and not keep_valid),
        record=ImportFile(
            file_name=plan.path.name,
            file_sha256=_sha256(plan.path),
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


def import_nominations(
    store: Store,
    path: str | Path,
    *,
    overrides: Sequence[str] = (),
    keep_valid: bool = False,
    dry_run: bool = False,
) -> ImportReport:
    """Read, map (detected, then ``field=Header`` overrides) and import in one call."""
    from csx_desktop.io.nomination_formats import apply_overrides

    plan = prepare_import(path)
    mapping = apply_overrides(plan.layout, plan.mapping, list(overrides))
    return run_import(store, plan, mapping, keep_valid=keep_valid, dry_run=dry_run)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- one row -----------------------------------------------------------------------------


class _RowReader:
    """Reads the mapped cells of one row into nominations (one per category chosen)."""

    def __init__(
        self,
        layout: SheetLayout,
        mapping: Mapping,
        categories: tuple[Category, ...],
        bodies: tuple[str, ...],
    ) -> None:
        self.layout = layout
        self.mapping = mapping
        self.categories = categories
        self.bodies = bodies
        self.month_first = layout.kind is FormatKind.SURVEYMONKEY
        # A form offers a handful of answers to "which award?": match each spelling once.
        self._matched: dict[str, Category | None] = {}

    def cell(self, cells: list[Cell], key: str) -> Cell:
        index = self.mapping.get(key)
        if index is None or index >= len(cells):
            return None
        return cells[index]

    def text(self, cells: list[Cell], key: str) -> str:
        value = self.cell(cells, key)
        if isinstance(value, datetime | date):
            return value.isoformat()
        return cell_text(value)

    def column(self, key: str) -> str:
        return self.layout.header(self.mapping.get(key))

    def read(self, cells: list[Cell]) -> list[Nomination]:
        categories = self._categories(cells)
        nominee = tidy_name(self.text(cells, "nominee"))
        if not name_key(nominee):
            raise RowProblem(f'the nominee\'s name is empty (column "{self.column("nominee")}")')
        citation = self.text(cells, "citation").replace("\r\n", "\n")
        received = self._received(cells)
        body = self._body(cells, categories)
        members = split_members(self.text(cells, "team_members"))
        email = self.text(cells, "nominator_email")
        nominator = tidy_name(self.text(cells, "nominator_name"))
        response = self.text(cells, "response_id") or self._fingerprint(cells)
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
                    service=self.text(cells, "service"),
                    nominating_body=body if category.method is Method.STAFF_VOTE else "",
                    nominator_name="" if name_key(nominator) in _ANONYMOUS else nominator,
                    nominator_email="" if email.casefold() in _ANONYMOUS else email,
                    relationship=self.text(cells, "relationship"),
                    received_at=received,
                    source=self.layout.source,
                    # One row choosing two awards is two nominations, each known on re-import.
                    response_id=(
                        response
                        if len(categories) == 1
                        else f"{response}#{name_key(category.name)}"
                    ),
                )
            )
        return nominations

    def _categories(self, cells: list[Cell]) -> list[Category]:
        raw = self.text(cells, "category")
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
        return found

    def _body(self, cells: list[Cell], categories: list[Category]) -> str:
        if not any(c.method is Method.STAFF_VOTE for c in categories):
            return self.text(cells, "nominating_body")
        raw = tidy_name(self.text(cells, "nominating_body"))
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
        value = self.cell(cells, "received_at")
        try:
            return parse_when(value, month_first=self.month_first)
        except ValueError:
            raise RowProblem(
                f'"{_short(cell_text(value))}" in column "{self.column("received_at")}" is not '
                "a date and time this importer can read"
            ) from None

    def _fingerprint(self, cells: list[Cell]) -> str:
        """A response id for tools that give none: a digest of the mapped answers."""
        digest = hashlib.sha256()
        for key in FIELD_BY_KEY:
            digest.update(self.text(cells, key).encode("utf-8", "replace"))
            digest.update(b"\x1f")
        return "digest " + digest.hexdigest()[:16]


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- dates -------------------------------------------------------------------------------


def parse_when(value: Cell, *, month_first: bool = False) -> datetime | None:
    """A received time as aware UTC; None when blank; ValueError when unreadable.

    Read by ``io.tables.parse_time_cell``; a time without a zone is UK time (Europe/London),
    whatever the laptop's own setting.
    """
    if is_blank(value):
        return None
    moment = parse_time_cell(value, month_first=month_first)
    if moment is None:
        raise ValueError(f"{value!r} is not a date and time")
    # Nominations arrive in the round's year: a year far off is a misread cell, not a date.
    if not 2000 <= moment.year <= 2100:
        raise ValueError(f"the year {moment.year} is not plausible")
    return to_utc(moment)  # a time without a zone is UK time, as for the staff vote
