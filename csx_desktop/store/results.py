"""Results read from the round file, and the chair's decisions recorded against them.

``load_results`` reads each judge's sheets with the total SQLite keeps for each (a weighted
sum kept by triggers), so a round of 5,000 entries × 25 judges × 5 criteria sends 125,000
small rows to Python rather than 625,000 scores; the arithmetic is ``domain.scoring``.
Only reads live here. Who may see these (an administrator; a member once they have submitted
the category) is decided in ``csx_desktop.operations.results``, and the rules of a decision in
``csx_desktop.operations.decisions``: the window and the command line go through those.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import (
    Category,
    EntryStatus,
    InterestKind,
    Keying,
    Method,
    PanelGroup,
    PanelMember,
    RoundSettings,
)
from csx_desktop.domain.names import sort_key
from csx_desktop.domain.scoring import (
    UNCHECKED,
    CategoryResult,
    EntryRef,
    EntryResult,
    RubricScale,
    competition_ranks,
    score_judges,
)
from csx_desktop.domain.votes import Tally
from csx_desktop.store.database import parse_time
from csx_desktop.store.decisions import ReopenedDecision

if TYPE_CHECKING:
    from csx_desktop.domain.counts import Counts
    from csx_desktop.store.database import Store


class SheetStatus:
    """How a sheet stands in the results, in the words the chair sees."""

    COUNTED = "counted"
    INCOMPLETE = "incomplete"
    KEYED_ONCE = "keyed once: not counted until keyed again"
    KEYINGS_DIFFER = "keyings differ: not counted"
    INTEREST = "declared interest"
    NOT_STARTED = "not scored"


@dataclass(frozen=True, slots=True)
class SheetDetail:
    """One panel member's sheet for one entry, as the chair and the exports see it."""

    category: str
    entry_id: int
    nominee: str
    member_id: int
    member: str
    group: PanelGroup
    scores: tuple[tuple[str, int | None], ...]  # (criterion name, score) in rubric order
    total: float | None
    status: str  # a SheetStatus value
    comment: str = ""
    submitted: bool = False
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class InterestLine:
    """A declared interest, for the record: who stood aside from which entry, and why."""

    member: str
    group: PanelGroup
    category: str
    nominee: str
    kind: InterestKind
    note: str


@dataclass(frozen=True, slots=True)
class ResultsReport:
    """Everything the results report prints, read in one go."""

    settings: RoundSettings
    panel: tuple[PanelMember, ...]
    categories: tuple[CategoryResult, ...]
    interests: tuple[InterestLine, ...]
    reopened: tuple[ReopenedDecision, ...]
    tally: Tally  # the Shining Star count
    counts: Mapping[int, Counts] = field(default_factory=dict)  # category id -> other counts
    submissions_reopened: tuple[SubmissionReopened, ...] = ()
    rules: tuple[str, ...] = ()  # the round's scoring rules in words, when known


@dataclass(frozen=True, slots=True)
class SubmissionReopened:
    """A member's submitted category opened again for them to change their scores."""

    member: str
    category: str
    by: str
    at: datetime | None
    reason: str
    after_seeing_results: bool = False


# The audit action ``store.scores.reopen_category`` writes (entity "category").
REOPEN_SUBMISSION_ACTION = "reopen"


# ---- reading results -------------------------------------------------------------------------

# One judge's scoresheets: (entry, judge total on 0–100, or NULL while incomplete).
# Each sheet keeps its weighted sum, its count of scored criteria and its category up to date
# (triggers from migrations m002 and m003), so this reads one range of one table's primary
# key (member, entry): no sums, no join. Each category's scale (from ``RubricScale``) is one
# ``WHEN`` of a CASE. Measured on 125,000 sheets: asking per judge for two columns is 0.02 s
# quicker than one query for three; a join to entries cost 0.03 s, joining the scales as a
# VALUES table 0.1 s, an ``IN`` filter 0.03 s.
_JUDGE_SHEETS = """
SELECT entry_id, CASE category_id {cases} END FROM scoresheets WHERE member_id = ?
"""
_CATEGORY_TOTAL = "WHEN ? THEN CASE WHEN scored >= ? THEN {total} END"
_TOTAL = "weighted_sum * ?"
# Under the rule "paper sheets keyed twice", a complete sheet keyed in from paper has the total
# ``UNCHECKED`` (it does not count, and is flagged) until a second keying agrees with it
# (``domain.model.Keying``).
_CHECKED_TOTAL = (
    f"CASE WHEN keying IS NULL OR keying = 'agreed' THEN weighted_sum * ? ELSE {UNCHECKED} END"
)


def judge_sheets(
    store: Store, member_ids: Iterable[int], category_id: int | None = None
) -> Iterator[tuple[int, list[tuple[int, float | None]]]]:
    """Each judge's scoresheets as (member_id, [(entry_id, judge total or None), ...]).

    Sheets of withdrawn and merged entries are read too: the aggregation only looks at the
    entries it is given. A sheet in a category without a rubric has no total; a complete paper
    sheet still to be checked, when the round has paper sheets keyed twice, has ``UNCHECKED``. With
    ``category_id`` only that category's sheets are read (each entry is counted on its own,
    so one category's results need no other's sheets).
    """
    categories = [
        c
        for c in store.round.categories()
        if c.is_panel_scored and c.criteria and category_id in (None, c.id)
    ]
    if not categories:
        return
    params: list[Any] = []
    for category in categories:
        rubric = RubricScale.of(category.criteria)
        params += [category.id, rubric.criteria, rubric.factor]
    twice = store.round.settings().paper_keyed_twice
    case = _CATEGORY_TOTAL.format(total=_CHECKED_TOTAL if twice else _TOTAL)
    sql = _JUDGE_SHEETS.format(cases=" ".join([case] * len(categories)))
    if category_id is not None:
        sql += " AND category_id = ?"
        params_after = [category_id]
    else:
        params_after = []
    for member_id in member_ids:
        yield member_id, store.conn.execute(sql, [*params, member_id, *params_after]).fetchall()


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a round's results are worked out.

    Reading and scoring 125,000 sheets makes some 250,000 small objects, none of them in a
    cycle; the collector would walk them again and again as they are made, adding 0.02-0.07 s
    at random. Reference counting still frees everything as usual. (Also a decorator.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@_cycle_collector_paused()
def load_results(store: Store, category_id: int | None = None) -> list[CategoryResult]:
    """Every category's results (or one category's), in the round's category order."""
    all_categories = store.round.categories()
    categories = [c for c in all_categories if category_id is None or c.id == category_id]
    refs = [
        EntryRef(*row)
        for row in store.conn.execute(
            "SELECT id, category_id, nominee FROM entries WHERE status = 'active'"
        ).fetchall()
    ]
    groups = {
        member_id: PanelGroup(group)
        for member_id, group in store.conn.execute(
            "SELECT id, panel_group FROM panel_members WHERE active"
        ).fetchall()
    }
    interests = store.conn.execute("SELECT member_id, entry_id FROM interests").fetchall()
    panel_ids = {c.id for c in all_categories if c.is_panel_scored}
    # Each entry is counted on its own: one category's results read only its own sheets.
    wanted = {c.id for c in categories} & panel_ids
    scored = score_judges(
        [r for r in refs if r.category_id in wanted],
        judge_sheets(store, groups, category_id),
        store.round.settings(),
        groups=groups,
        interests=interests,
    )
    decisions = {d.category_id: d for d in store.decisions.all_current()}
    results = []
    for category in categories:
        assert category.id is not None
        if category.method is Method.STAFF_VOTE:
            entries = _vote_results(store, [r for r in refs if r.category_id == category.id])
        else:
            entries = scored.get(category.id, ())
        results.append(CategoryResult(category, entries, decisions.get(category.id)))
    return results


def category_results(store: Store, category_id: int) -> CategoryResult:
    """One category's results (raises NotFound for an unknown category)."""
    store.round.category(category_id)
    return load_results(store, category_id)[0]


def _vote_results(store: Store, refs: Sequence[EntryRef]) -> tuple[EntryResult, ...]:
    """Staff-vote entries ranked by their count, when the count exists.

    The score of a staff-vote entry is its number of votes (online and paper); ``judges``
    is 0. Before any vote is counted the entries are unranked, in name order.
    """
    votes = {c.entry_id: c.votes for c in store.ballots.tally().candidates}
    counted = any(votes.values())
    ranks = competition_ranks({r.entry_id: float(votes.get(r.entry_id, 0)) for r in refs})
    results = []
    for ref in refs:
        rank, tied = ranks[ref.entry_id] if counted else (None, False)
        results.append(
            EntryResult(
                entry_id=ref.entry_id,
                category_id=ref.category_id,
                nominee=ref.nominee,
                rank=rank,
                score=float(votes.get(ref.entry_id, 0)) if counted else None,
                judges=0,
                spread=None,
                tied=tied,
                panel_scored=False,
            )
        )
    results.sort(key=lambda e: (e.rank is None, e.rank or 0, sort_key(e.nominee), e.entry_id))
    return tuple(results)


# ---- the sheets behind a result ----------------------------------------------------------------


def sheet_details(
    store: Store, *, entry_id: int | None = None, category_id: int | None = None
) -> list[SheetDetail]:
    """Scoresheets with their member, scores, total and status; for one entry also the
    members who stood aside for a declared interest but never opened its sheet."""
    categories = {c.id: c for c in store.round.categories() if c.is_panel_scored}
    scales = {cid: RubricScale.of(c.criteria) for cid, c in categories.items()}
    members = {m.id: m for m in store.panel.members()}
    interests = {
        (m, e)
        for m, e in store.conn.execute("SELECT member_id, entry_id FROM interests").fetchall()
    }
    if entry_id is not None:
        one = store.nominations.entry(entry_id)
        entries = {entry_id: one} if one.status is EntryStatus.ACTIVE else {}
    else:
        entries = {e.id: e for e in store.nominations.entries(category_id) if e.id is not None}
    twice = store.round.settings().paper_keyed_twice
    details = []
    seen: set[tuple[int, int]] = set()
    for sheet in store.scores.sheets(entry_id=entry_id, category_id=category_id):
        entry = entries.get(sheet.entry_id)
        member = members.get(sheet.member_id)
        category = categories.get(entry.category_id) if entry is not None else None
        if entry is None or member is None or category is None:
            continue  # a withdrawn or merged entry, or someone no longer on the panel
        key = (sheet.member_id, sheet.entry_id)
        seen.add(key)
        details.append(
            _detail(
                category,
                member,
                sheet.entry_id,
                entry.nominee,
                sheet.scores,
                interest=key in interests,
                comment=sheet.comment,
                submitted=sheet.submitted,
                updated_at=sheet.updated_at,
                keying=sheet.keying if twice else None,
                scale=scales[category.id],
            )
        )
    if entry_id is not None and entry_id in entries:
        entry = entries[entry_id]
        category = categories.get(entry.category_id)
        for member_id, interest_entry in sorted(interests):
            member = members.get(member_id)
            if interest_entry != entry_id or member is None or category is None:
                continue
            if (member_id, entry_id) not in seen:
                details.append(
                    _detail(category, member, entry_id, entry.nominee, {}, interest=True)
                )
    details.sort(key=lambda d: (d.category, sort_key(d.nominee), d.entry_id, _order(d)))
    return details


def _order(detail: SheetDetail) -> tuple[int, float, str]:
    """Within an entry: counted sheets highest first, then incomplete, then interests."""
    rank = {SheetStatus.COUNTED: 0, SheetStatus.INCOMPLETE: 1, SheetStatus.INTEREST: 2}
    return (rank.get(detail.status, 3), -(detail.total or 0.0), sort_key(detail.member))


def _detail(
    category: Category,
    member: PanelMember,
    entry_id: int,
    nominee: str,
    scores: dict[int, int],
    *,
    interest: bool,
    comment: str = "",
    submitted: bool = False,
    updated_at: datetime | None = None,
    keying: Keying | None = None,  # only when the round has paper sheets keyed twice
    scale: RubricScale | None = None,  # the category's, worked out once for all its sheets
) -> SheetDetail:
    """One sheet as the chair sees it; ``keying`` is given only when the round counts a paper
    sheet once its two keyings agree, so a sheet still to be checked has no total."""
    from csx_desktop.domain.scoring import judge_total

    total = judge_total(scores, category.criteria, scale)
    if interest:
        status = SheetStatus.INTEREST
    elif total is not None and keying in (Keying.ONCE, Keying.DIFFERS):
        total = None
        status = SheetStatus.KEYED_ONCE if keying is Keying.ONCE else SheetStatus.KEYINGS_DIFFER
    elif total is not None:
        status = SheetStatus.COUNTED
    elif scores:
        status = SheetStatus.INCOMPLETE
    else:
        status = SheetStatus.NOT_STARTED
    assert member.id is not None
    return SheetDetail(
        category=category.name,
        entry_id=entry_id,
        nominee=nominee,
        member_id=member.id,
        member=member.name,
        group=member.group,
        scores=tuple(
            (c.name, scores.get(c.id) if c.id is not None else None) for c in category.criteria
        ),
        total=total,
        status=status,
        comment=comment,
        submitted=submitted,
        updated_at=updated_at,
    )


# ---- the record of the judging ------------------------------------------------------------------


def interest_lines(store: Store) -> list[InterestLine]:
    members = {m.id: m for m in store.panel.members()}
    categories = {c.id: c.name for c in store.round.categories()}
    lines = []
    for interest in store.panel.interests():
        member = members.get(interest.member_id)
        if member is None:
            continue
        entry = store.nominations.entry(interest.entry_id)
        lines.append(
            InterestLine(
                member=member.name,
                group=member.group,
                category=categories.get(entry.category_id, ""),
                nominee=entry.nominee,
                kind=interest.kind,
                note=interest.note,
            )
        )
    order = {c.name: c.position for c in store.round.categories()}
    lines.sort(key=lambda i: (order.get(i.category, 0), sort_key(i.nominee), sort_key(i.member)))
    return lines


def submissions_reopened(
    store: Store, category_ids: Iterable[int] | None = None
) -> list[SubmissionReopened]:
    """Every reopening of a member's submission, oldest first, from the audit log."""
    wanted = None if category_ids is None else {str(c) for c in category_ids}
    categories = {str(c.id): c.name for c in store.round.categories()}
    members = {m.id: m.name for m in store.panel.members()}
    lines = []
    for row in store.query(
        "SELECT at, actor, entity_id, json_extract(after, '$.member_id') AS member_id,"
        " json_extract(after, '$.reason') AS reason,"
        " json_extract(after, '$.after_seeing_results') AS seen FROM audit"
        " WHERE action = ? AND entity = 'category' ORDER BY id",
        [REOPEN_SUBMISSION_ACTION],
    ):
        if wanted is not None and row["entity_id"] not in wanted:
            continue
        lines.append(
            SubmissionReopened(
                member=members.get(row["member_id"], f"member {row['member_id']}"),
                category=categories.get(row["entity_id"], ""),
                by=row["actor"],
                at=parse_time(row["at"]),
                reason=row["reason"] or "",
                after_seeing_results=bool(row["seen"]),
            )
        )
    return lines


def load_report(
    store: Store, category_ids: Iterable[int] | None = None, *, rules: Sequence[str] = ()
) -> ResultsReport:
    """What the results report prints: the round, panel, results, interests and the count.

    ``category_ids`` limits it to those categories (a member's report holds only what they
    may see: ``operations.results`` decides); the Shining Star count is left out with its
    category.
    """
    from csx_desktop.store.counts import load_counts  # it reads sheets through this module

    wanted = None if category_ids is None else set(category_ids)
    results = [r for r in load_results(store) if wanted is None or r.category.id in wanted]
    names = {r.category.name for r in results}
    vote_included = any(r.category.method is Method.STAFF_VOTE for r in results)
    counts = load_counts(store)
    return ResultsReport(
        settings=store.round.settings(),
        panel=tuple(store.panel.members()),
        categories=tuple(results),
        interests=tuple(i for i in interest_lines(store) if i.category in names),
        reopened=tuple(
            d for d in store.decisions.reopened() if wanted is None or d.category_id in wanted
        ),
        tally=store.ballots.tally() if vote_included else Tally([], 0, 0, 0),
        counts={c: v for c, v in counts.items() if wanted is None or c in wanted},
        submissions_reopened=tuple(submissions_reopened(store, wanted)),
        rules=tuple(rules),
    )
