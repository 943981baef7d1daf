"""Importing the panel, declared interests and paper scoresheets; exporting scores as CSV.

Every reader starts from ``io.tables.read_table`` (so XLSX works as well as CSV), checks every
row before anything is written and either stores all rows in one transaction or refuses with
each bad row's number, column and reason. A refused import writes nothing at all, so the round
file stays byte-identical. Importing the same file twice changes nothing the second time.

File formats (the first non-blank row holds the column names, in any order and case):

- panel: ``name, group, categories`` (``all`` or names separated by ``;``), optional ``pin``
  and ``chair`` (yes/no);
- interests: ``member, category, nominee, kind, note`` (kind: personal, prejudicial or
  pecuniary);
- scores: ``member, category, nominee, criterion, score, comment`` (one row per criterion; a
  row with only a comment sets the sheet's comment); ``operations.results.export_scores``
  writes the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from csx_desktop.domain.model import Category, InterestKind, Keying, PanelGroup
from csx_desktop.domain.names import name_key, tidy_name
from csx_desktop.io.exports import as_typed
from csx_desktop.io.reading import ReadChoices, find_header_row
from csx_desktop.io.row_errors import RowError, RowsRefused
from csx_desktop.io.tables import Cell, RawTable, cell_text, read_table
from csx_desktop.store.database import utc_now
from csx_desktop.store.errors import InputRefused, NotFound
from csx_desktop.store.panel import check_pin

if TYPE_CHECKING:
    from csx_desktop.store.database import Store

PANEL_COLUMNS = ("name", "group", "categories")
PANEL_OPTIONAL = ("pin", "chair")
INTEREST_COLUMNS = ("member", "category", "nominee", "kind")
INTEREST_OPTIONAL = ("note",)
SCORE_COLUMNS = ("member", "category", "nominee", "criterion", "score")
SCORE_OPTIONAL = ("comment",)
EXPORT_SCORE_HEADERS = ("member", "category", "nominee", "criterion", "score", "comment")

_YES = {"yes", "y", "true", "1", "x", "chair"}
_NO = {"", "no", "n", "false", "0"}


@dataclass(slots=True)
class ImportResult:
    """What an import stored: counts of added and changed things, and rows left out."""

    kind: str
    file_name: str
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    skipped: list[RowError] = field(default_factory=list)
    headline: str = ""  # said instead of the counts, when the import stored no scores (a check)
    notes: list[str] = field(default_factory=list)  # further lines to show after the summary

    def summary(self) -> str:
        parts = [f"{self.added} added", f"{self.changed} changed", f"{self.unchanged} unchanged"]
        text = self.headline or (
            f"Imported {self.kind} from {self.file_name}: " + ", ".join(parts) + "."
        )
        if self.skipped:
            text += f" {len(self.skipped)} rows with problems were left out."
        return text


# ---- reading the header ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Rows:
    """The data rows of a table with a way to read a named column. A row with a cell the
    file could not give a value for (a formula never calculated) is not among ``rows``: it
    is in ``problems``, which every import starts its list of row errors with."""

    table: RawTable
    columns: dict[str, int]
    rows: list[tuple[int, list[Cell]]]
    problems: list[RowError] = field(default_factory=list)

    def text(self, cells: list[Cell], column: str) -> str:
        """The cell as text, as typed: the scores export writes formula-like text with a
        leading apostrophe (so no spreadsheet runs it), taken off again here."""
        index = self.columns.get(column)
        if index is None or index >= len(cells):
            return ""
        return as_typed(cell_text(cells[index]))


def _read_rows(
    path: str | Path, required: Sequence[str], optional: Sequence[str], choices: ReadChoices
) -> _Rows:
    table = read_table(path, sheet=choices.sheet)
    header_number = find_header_row(table, choices.header_row).number
    header = table.rows[header_number - 1]
    numbered = table.numbered(header_number)
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        key = name_key(cell_text(cell))
        for wanted in (*required, *optional):
            if key == name_key(wanted) and wanted not in columns:
                columns[wanted] = index
    missing = [c for c in required if c not in columns]
    if missing:
        names = ", ".join(repr(c) for c in missing)
        raise InputRefused(
            f"{table.file_name} has no {names} column in its heading row (row {header_number}). "
            f"The columns must be: {', '.join((*required, *optional))}."
        )
    rows: list[tuple[int, list[Cell]]] = []
    problems: list[RowError] = []
    for number, cells in numbered:
        if number == header_number:
            continue
        problem = next(
            (
                RowError(number, name, table.problem_cells[(number, index)])
                for name, index in columns.items()
                if (number, index) in table.problem_cells
            ),
            None,
        )
        if problem is None:
            rows.append((number, cells))
        else:
            problems.append(problem)
    return _Rows(table, columns, rows, problems)


def _sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _finish(
    store: Store,
    path: str | Path,
    result: ImportResult,
    errors: list[RowError],
    skip_invalid: bool,
    apply: Callable[[], None],
) -> ImportResult:
    """Refuse on any error (unless skip_invalid), else apply and record the import, together."""
    errors.sort(key=lambda error: error.row)  # in the order the person reads the file
    if errors and not skip_invalid:
        raise RowsRefused(result.file_name, errors)
    result.skipped = errors
    store.safety_backup(f"importing {result.file_name}")
    with store.write():
        apply()
        if result.added or result.changed:
            store.insert(
                "imports",
                {
                    "kind": result.kind,
                    "file_name": result.file_name,
                    "file_sha256": _sha256(path),
                    "format": Path(path).suffix.lstrip(".").lower(),
                    "stored": result.added + result.changed,
                    "rejected": len(errors),
                    "imported_by": store.actor,
                    "imported_at": utc_now(),
                },
            )
    return result


def _category_or_error(
    store: Store, text: str, row: int, column: str, errors: list[RowError]
) -> Category | None:
    if not text:
        errors.append(RowError(row, column, "is empty; name the category"))
        return None
    try:
        return store.round.category_named(text)
    except NotFound:
        names = ", ".join(c.name for c in store.round.categories() if c.is_panel_scored)
        errors.append(RowError(row, column, f"there is no category called {text!r} ({names})"))
        return None


# ---- the panel ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _PanelRow:
    row: int
    name: str
    group: PanelGroup
    category_ids: tuple[int, ...]
    pin: str
    is_chair: bool


def import_panel(
    store: Store,
    path: str | Path,
    *,
    choices: ReadChoices = ReadChoices(),
    skip_invalid: bool = False,
) -> ImportResult:
    """Add the members in the file, or bring existing ones up to date with it."""
    rows = _read_rows(path, PANEL_COLUMNS, PANEL_OPTIONAL, choices)
    panel_categories = [c for c in store.round.categories() if c.is_panel_scored]
    errors: list[RowError] = list(rows.problems)
    parsed: list[_PanelRow] = []
    seen: dict[str, int] = {}
    for number, cells in rows.rows:
        before = len(errors)
        typed_name = rows.text(cells, "name")  # the store tidies it, and audits it as typed
        name = tidy_name(typed_name)
        if not name_key(name):
            errors.append(RowError(number, "name", "is empty; every member needs a name"))
        elif name_key(name) in seen:
            errors.append(
                RowError(number, "name", f"{name} is already on row {seen[name_key(name)]}")
            )
        else:
            seen[name_key(name)] = number
        group_text = rows.text(cells, "group")
        group = PanelGroup.OFFICER
        try:
            group = PanelGroup.parse(group_text)
        except ValueError:
            errors.append(
                RowError(
                    number,
                    "group",
                    f"{group_text!r} is not a panel group: use Catalyst voice forum, "
                    "CSE assessor or council officer",
                )
            )
        category_ids: list[int] = []
        categories_text = rows.text(cells, "categories")
        if name_key(categories_text) == "all":
            category_ids = [c.id for c in panel_categories if c.id is not None]
        elif not categories_text:
            errors.append(RowError(number, "categories", "is empty; write all or category names"))
        else:
            for part in categories_text.split(";"):
                category = _category_or_error(store, part.strip(), number, "categories", errors)
                if category is None:
                    continue
                if not category.is_panel_scored:
                    errors.append(
                        RowError(
                            number,
                            "categories",
                            f"{category.name} is decided by staff vote, not by the panel",
                        )
                    )
                elif category.id is not None:
                    category_ids.append(category.id)
        pin = rows.text(cells, "pin")
        if pin:
            try:
                check_pin(pin)
            except InputRefused:
                errors.append(RowError(number, "pin", "a PIN is 6 to 8 digits (0 to 9)"))
        chair_text = rows.text(cells, "chair").lower()
        if chair_text not in _YES | _NO:
            errors.append(RowError(number, "chair", f"{chair_text!r} is not yes or no"))
        if len(errors) == before:
            parsed.append(
                _PanelRow(
                    number,
                    typed_name,
                    group,
                    tuple(sorted(set(category_ids))),
                    pin,
                    chair_text in _YES,
                )
            )

    result = ImportResult("panel members", rows.table.file_name)

    def apply() -> None:
        existing = {name_key(m.name): m for m in store.panel.members()}
        for row in parsed:
            member = existing.get(name_key(row.name))
            if member is None or member.id is None:
                store.panel.add_member(
                    row.name, row.group, row.category_ids, pin=row.pin, is_chair=row.is_chair
                )
                result.added += 1
                continue
            changed = False
            if (member.group, member.category_ids, member.is_chair) != (
                row.group,
                frozenset(row.category_ids),
                row.is_chair,
            ):
                store.panel.update_member(
                    member.id,
                    group=row.group,
                    category_ids=row.category_ids,
                    is_chair=row.is_chair,
                )
                changed = True
            if row.pin and not store.panel.pin_unchanged(member.id, row.pin):
                store.panel.set_pin(member.id, row.pin)
                changed = True
            if changed:
                result.changed += 1
            else:
                result.unchanged += 1

    return _finish(store, path, result, errors, skip_invalid, apply)


# ---- shared lookups for interests and scores ----------------------------------------------


class _Lookup:
    """Members, categories and entries of the round by the names people type."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.members = {name_key(m.name): m for m in store.panel.members()}
        self._entries: dict[int, dict[str, int]] = {}

    def member(self, text: str, row: int, errors: list[RowError]) -> int | None:
        if not text:
            errors.append(RowError(row, "member", "is empty; name the panel member"))
            return None
        member = self.members.get(name_key(text))
        if member is None or member.id is None:
            errors.append(RowError(row, "member", f"{text!r} is not on the panel"))
            return None
        return member.id

    def entry(self, category: Category, text: str, row: int, errors: list[RowError]) -> int | None:
        assert category.id is not None
        if category.id not in self._entries:
            self._entries[category.id] = {
                name_key(e.nominee): e.id or 0 for e in self.store.nominations.entries(category.id)
            }
        if not text:
            errors.append(RowError(row, "nominee", "is empty; name the nominee"))
            return None
        entry_id = self._entries[category.id].get(name_key(text))
        if entry_id is None:
            errors.append(
                RowError(row, "nominee", f"there is no entry for {text!r} in {category.name}")
            )
        return entry_id

    def judges(self, member_id: int, category: Category, row: int, errors: list[RowError]) -> bool:
        member = self.store.panel.member(member_id)
        if category.id not in member.category_ids:
            errors.append(
                RowError(row, "category", f"{member.name} does not judge {category.name}")
            )
            return False
        return True


def _parse_kind(text: str) -> InterestKind | None:
    key = name_key(text)
    for kind in InterestKind:
        if kind.value in key:
            return kind
    return None


# ---- declared interests ------------------------------------------------------------------


def import_interests(
    store: Store,
    path: str | Path,
    *,
    choices: ReadChoices = ReadChoices(),
    skip_invalid: bool = False,
) -> ImportResult:
    """Record interests the administrator was told of (on paper, by email)."""
    rows = _read_rows(path, INTEREST_COLUMNS, INTEREST_OPTIONAL, choices)
    lookup = _Lookup(store)
    existing = {(i.member_id, i.entry_id): i for i in store.panel.interests()}
    errors: list[RowError] = list(rows.problems)
    to_add: list[tuple[int, int, InterestKind, str]] = []
    unchanged = 0
    seen: dict[tuple[int, int], int] = {}
    for number, cells in rows.rows:
        before = len(errors)
        member_id = lookup.member(rows.text(cells, "member"), number, errors)
        category = _category_or_error(
            store, rows.text(cells, "category"), number, "category", errors
        )
        entry_id = None
        if category is not None:
            entry_id = lookup.entry(category, rows.text(cells, "nominee"), number, errors)
            if member_id is not None:
                lookup.judges(member_id, category, number, errors)
        kind_text = rows.text(cells, "kind")
        kind = _parse_kind(kind_text)
        if kind is None:
            errors.append(
                RowError(number, "kind", f"{kind_text!r} is not personal, prejudicial or pecuniary")
            )
        if len(errors) > before or member_id is None or entry_id is None or kind is None:
            continue
        key = (member_id, entry_id)
        if key in seen:
            errors.append(RowError(number, "nominee", f"the same interest is on row {seen[key]}"))
            continue
        seen[key] = number
        if key in existing:
            if existing[key].kind is kind:
                unchanged += 1
            else:
                errors.append(
                    RowError(
                        number,
                        "kind",
                        f"already declared as {existing[key].kind.value}; withdraw that in the "
                        "Panel area first to change its kind",
                    )
                )
            continue
        to_add.append((member_id, entry_id, kind, rows.text(cells, "note")))

    result = ImportResult("declared interests", rows.table.file_name, unchanged=unchanged)

    def apply() -> None:
        for member_id, entry_id, kind, note in to_add:
            store.panel.declare_interest(member_id, entry_id, kind, note)
            result.added += 1

    return _finish(store, path, result, errors, skip_invalid, apply)


# ---- scores ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ScoreRow:
    row: int
    member_id: int
    entry_id: int
    criterion_id: int | None
    score: int | None
    comment: str


def import_scores(
    store: Store,
    path: str | Path,
    *,
    choices: ReadChoices = ReadChoices(),
    skip_invalid: bool = False,
    second_keying: bool = False,
) -> ImportResult:
    """Enter scores from paper sheets on each member's behalf, audited: a first keying.

    With ``second_keying`` the file is the same sheets typed in again, separately, as a
    check: nothing in the app changes; each sheet's keying is recorded and compared with the
    sheet in the app, and those that disagree are listed. When the round counts a paper
    sheet only once two keyings agree, that is how a keyed sheet comes to count.
    """
    if second_keying:
        _refuse_same_file(store, path)
    rows = _read_rows(path, SCORE_COLUMNS, SCORE_OPTIONAL, choices)
    lookup = _Lookup(store)
    interests = {(i.member_id, i.entry_id) for i in store.panel.interests()}
    errors: list[RowError] = list(rows.problems)
    parsed: list[_ScoreRow] = []
    seen_scores: dict[tuple[int, int, int], tuple[int, int]] = {}  # -> (row, score)
    seen_comments: dict[tuple[int, int], tuple[int, str]] = {}
    for number, cells in rows.rows:
        before = len(errors)
        member_id = lookup.member(rows.text(cells, "member"), number, errors)
        category = _category_or_error(
            store, rows.text(cells, "category"), number, "category", errors
        )
        entry_id = criterion_id = score = None
        comment = rows.text(cells, "comment")
        if category is not None:
            if not category.is_panel_scored:
                errors.append(
                    RowError(number, "category", f"{category.name} is decided by staff vote")
                )
                continue
            entry_id = lookup.entry(category, rows.text(cells, "nominee"), number, errors)
            criterion_text = rows.text(cells, "criterion")
            score_text = rows.text(cells, "score")
            criteria = {name_key(c.name): c for c in category.criteria}
            if not criterion_text and not score_text and comment:
                pass  # a comment-only row
            elif not criterion_text:
                errors.append(RowError(number, "criterion", "is empty; name the criterion"))
            elif name_key(criterion_text) not in criteria:
                names = ", ".join(c.name for c in category.criteria)
                errors.append(
                    RowError(
                        number,
                        "criterion",
                        f"{criterion_text!r} is not a criterion of {category.name} ({names})",
                    )
                )
            else:
                criterion = criteria[name_key(criterion_text)]
                criterion_id = criterion.id
                try:
                    score = int(score_text)
                except ValueError:
                    score = None
                if score is None or not 0 <= score <= criterion.max_score:
                    errors.append(
                        RowError(
                            number,
                            "score",
                            f"{score_text!r} is not a whole number from 0 to {criterion.max_score}",
                        )
                    )
            if (
                member_id is not None
                and entry_id is not None
                and lookup.judges(member_id, category, number, errors)
            ):
                _check_sheet_open(
                    store,
                    member_id,
                    category,
                    entry_id,
                    interests,
                    number,
                    errors,
                    check_only=second_keying,
                )
        if len(errors) > before or member_id is None or entry_id is None:
            continue
        if criterion_id is not None and score is not None:
            key = (member_id, entry_id, criterion_id)
            if key in seen_scores and seen_scores[key][1] != score:
                errors.append(
                    RowError(
                        number,
                        "score",
                        f"row {seen_scores[key][0]} gives this criterion {seen_scores[key][1]}",
                    )
                )
                continue
            seen_scores[key] = (number, score)
        if comment:
            sheet_key = (member_id, entry_id)
            if sheet_key in seen_comments and seen_comments[sheet_key][1] != comment:
                errors.append(
                    RowError(
                        number,
                        "comment",
                        f"differs from the comment on row {seen_comments[sheet_key][0]} for "
                        "the same scoresheet",
                    )
                )
                continue
            seen_comments[sheet_key] = (number, comment)
        parsed.append(_ScoreRow(number, member_id, entry_id, criterion_id, score, comment))

    if second_keying:
        return _check_keying(store, path, rows.table.file_name, parsed, errors, skip_invalid)
    result = ImportResult("scores", rows.table.file_name)
    via = f"import of {rows.table.file_name}"

    def apply() -> None:
        done_comments: set[tuple[int, int]] = set()
        keyed: set[tuple[int, int]] = set()
        for row in parsed:
            sheet = store.scores.sheet(row.member_id, row.entry_id)
            key = (row.member_id, row.entry_id)
            if row.criterion_id is not None and row.score is not None:
                current = sheet.scores.get(row.criterion_id)
                if current == row.score:
                    result.unchanged += 1
                else:
                    store.scores.set_score(
                        row.member_id,
                        row.entry_id,
                        row.criterion_id,
                        row.score,
                        via=via,
                        paper=True,
                    )
                    keyed.add(key)
                    if current is None:
                        result.added += 1
                    else:
                        result.changed += 1
            if row.comment and key not in done_comments:
                done_comments.add(key)
                if sheet.comment != row.comment:
                    store.scores.set_comment(row.member_id, row.entry_id, row.comment, via=via)
                    result.changed += 1
        states = [store.scores.settle_keying(*key) for key in sorted(keyed)]
        if store.round.settings().paper_keyed_twice:
            waiting = sum(1 for state in states if state is not Keying.AGREED)
            if waiting:
                result.notes.append(
                    f"{_sheets(waiting)} keyed once: this round counts a paper sheet only when "
                    "it has been keyed in twice and both agree. Type the sheets in again, "
                    "separately, and import that file with --second-keying."
                )

    return _finish(store, path, result, errors, skip_invalid, apply)


def _sheets(count: int) -> str:
    return "1 sheet was" if count == 1 else f"{count} sheets were"


def _refuse_same_file(store: Store, path: str | Path) -> None:
    """A second keying is the sheets typed in again: the file of the first is no check."""
    try:
        digest = _sha256(path)
    except OSError:
        return  # reading the table says what is wrong with the file, in its own words
    if store.conn.execute(
        "SELECT 1 FROM imports WHERE kind = 'scores' AND file_sha256 = ?", [digest]
    ).fetchone():
        raise InputRefused(
            f"{Path(path).name} is the very file these scores were imported from, so it "
            "cannot check them: type the paper sheets in again, separately, and import that."
        )


def _check_keying(
    store: Store,
    path: str | Path,
    file_name: str,
    parsed: list[_ScoreRow],
    errors: list[RowError],
    skip_invalid: bool,
) -> ImportResult:
    """Record each sheet in the file as a second keying and say where it disagrees."""
    from csx_desktop.store.pack_records import record_second_keying

    keyed: dict[tuple[int, int], tuple[dict[int, int], str]] = {}
    for row in parsed:
        scores, comment = keyed.get((row.member_id, row.entry_id), ({}, ""))
        if row.criterion_id is not None and row.score is not None:
            scores[row.criterion_id] = row.score
        keyed[(row.member_id, row.entry_id)] = (scores, comment or row.comment)
    result = ImportResult("a second keying of paper scoresheets", file_name)
    members = {m.id: m.name for m in store.panel.members()}
    differ: list[str] = []

    def apply() -> None:
        for (member_id, entry_id), (scores, comment) in keyed.items():
            sheet = store.scores.sheet(member_id, entry_id)
            agrees = sheet.scores == scores
            record_second_keying(
                store,
                member_id=member_id,
                entry_id=entry_id,
                scores=scores,
                comment=comment,
                agrees=agrees,
            )
            store.scores.settle_keying(member_id, entry_id)
            if agrees:
                result.unchanged += 1
            else:
                nominee = store.nominations.entry(entry_id).nominee
                differ.append(f"{members.get(member_id, member_id)} — {nominee}")

    result = _finish(store, path, result, errors, skip_invalid, apply)
    count = len(keyed)
    result.headline = (
        f"Checked {count} paper sheet{'' if count == 1 else 's'} from {file_name} against the "
        f"app: {result.unchanged} agree, {len(differ)} differ. No score was changed."
    )
    result.notes += [
        f"The keyings differ: {line}. Look at the paper sheet again." for line in differ
    ]
    return result


def _check_sheet_open(
    store: Store,
    member_id: int,
    category: Category,
    entry_id: int,
    interests: set[tuple[int, int]],
    row: int,
    errors: list[RowError],
    *,
    check_only: bool = False,
) -> None:
    """The rules the store enforces on a score, as row errors found before writing. A
    second keying (``check_only``) changes no score, so it may check a submitted sheet."""
    assert category.id is not None
    name = store.panel.member(member_id).name
    if (member_id, entry_id) in interests:
        errors.append(
            RowError(
                row, "nominee", f"{name} declared an interest in this entry and cannot score it"
            )
        )
    elif not check_only and store.scores.is_submitted(member_id, category.id):
        errors.append(
            RowError(
                row,
                "category",
                f"{name} has submitted {category.name}; the chair must reopen it first",
            )
        )
    elif store.scores.scoring_closed(category.id):
        errors.append(
            RowError(
                row, "category", f"the decision for {category.name} is recorded; scoring is closed"
            )
        )


# ---- export ------------------------------------------------------------------------------


def score_rows(store: Store) -> Iterator[tuple[str, str, str, str, int | str, str]]:
    """Every stored score in the import format, by category, member, nominee, criterion."""
    members = {m.id: m.name for m in store.panel.members()}
    for category in store.round.categories():
        if not category.is_panel_scored or category.id is None:
            continue
        entries = {e.id: e.nominee for e in store.nominations.entries(category.id)}
        sheets = sorted(
            (s for s in store.scores.sheets(category_id=category.id) if s.member_id in members),
            key=lambda s: (name_key(members[s.member_id]), name_key(entries.get(s.entry_id, ""))),
        )
        for sheet in sheets:
            if sheet.entry_id not in entries:
                continue
            member, nominee = members[sheet.member_id], entries[sheet.entry_id]
            wrote = False
            for criterion in category.criteria:
                if criterion.id in sheet.scores:
                    yield (
                        member,
                        category.name,
                        nominee,
                        criterion.name,
                        sheet.scores[criterion.id],
                        sheet.comment,
                    )
                    wrote = True
            if not wrote and sheet.comment:
                yield member, category.name, nominee, "", "", sheet.comment
