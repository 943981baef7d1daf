"""The arithmetic of the panel's results (DESIGN.md, "Scoring rules"), pure and order-free.

The store feeds ``score_judges`` each judge's scoresheets as (entry, judge total) pairs (the
weighted sum is kept per sheet in SQL, so 625,000 score rows never cross into Python);
``score_round`` takes the same sheets as ``SheetTotal`` triples in any order. Both give back,
per category, the entries in rank order with their score, counted sheets, spread, per-group
means and flags (the judge-adjusted and rank-based counts are in ``domain.counts``). Every
threshold is a field of ``RoundSettings``.

Sums go through ``math.fsum`` and spreads through ``fsum`` of squared deviations, so the
result does not depend on the order judges or sheets arrive in (a property the tests check).
"""

from __future__ import annotations

import enum
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from types import MappingProxyType
from typing import NamedTuple

from csx_desktop.domain.model import Category, Criterion, Decision, PanelGroup, RoundSettings
from csx_desktop.domain.names import sort_key

# Scores are compared, shown and exported to this many decimals; equal to 2 decimals is a tie.
SCORE_DECIMALS = 2

# The total the store gives a complete paper sheet that does not count yet because the round
# needs two keyings that agree (``RoundSettings.paper_keying``): never counted, and flagged
# apart from a sheet the judge has not finished. A real total is never below 0.
UNCHECKED = -1.0


class Flag(enum.StrEnum):
    """Something the chair should look at, named in words (the value is what exports say)."""

    TIE = "tie"
    DISAGREEMENT = "disagreement"
    TOO_FEW_SHEETS = "too few sheets"
    INCOMPLETE_SHEETS = "incomplete sheets"
    PAPER_TO_CHECK = "paper sheets to key again"
    DECLARED_INTEREST = "declared interest"

    @property
    def label(self) -> str:
        return FLAG_LABELS[self]


FLAG_LABELS: dict[Flag, str] = {
    Flag.TIE: "Tied",
    Flag.DISAGREEMENT: "Judges disagree",
    Flag.TOO_FEW_SHEETS: "Too few sheets to rank",
    Flag.INCOMPLETE_SHEETS: "Incomplete sheets",
    Flag.PAPER_TO_CHECK: "Paper sheets to key again",
    Flag.DECLARED_INTEREST: "Declared interest",
}


@dataclass(frozen=True, slots=True)
class RubricScale:
    """What a category's complete sheet can reach: how many criteria, and Σ(weight × max)."""

    criteria: int
    weighted_max: float

    @classmethod
    def of(cls, criteria: Sequence[Criterion]) -> RubricScale:
        return cls(len(criteria), math.fsum(c.weight * c.max_score for c in criteria))

    @property
    def factor(self) -> float:
        """What Σ(weight × score) is multiplied by to give the total on 0–100."""
        return 100.0 / self.weighted_max if self.weighted_max > 0 else 0.0

    def total(self, weighted_sum: float, scored: int) -> float | None:
        """The judge total on 0–100, or None for an incomplete sheet (it never counts)."""
        if self.criteria == 0 or scored < self.criteria or self.weighted_max <= 0:
            return None
        return weighted_sum * self.factor


def judge_total(
    scores: Mapping[int, int], criteria: Sequence[Criterion], scale: RubricScale | None = None
) -> float | None:
    """A single sheet's total on 0–100 (criterion id -> score), None unless complete.
    ``scale`` is ``RubricScale.of(criteria)``, when the caller totals many sheets of one
    category and has worked it out once."""
    scored = [c for c in criteria if c.id in scores]
    weighted = math.fsum(c.weight * scores[c.id] for c in scored if c.id is not None)
    return (scale or RubricScale.of(criteria)).total(weighted, len(scored))


class SheetTotal(NamedTuple):
    """One scoresheet reduced to its judge total: what the aggregation reads per sheet.

    A NamedTuple, so the store may pass plain ``(member_id, entry_id, total)`` tuples straight
    from a query: a round can hold 125,000 sheets.
    """

    member_id: int
    entry_id: int
    total: float | None  # 0–100; None when the sheet is incomplete


class EntryRef(NamedTuple):
    """An entry in front of the panel: what results are computed for."""

    entry_id: int
    category_id: int
    nominee: str


_NO_GROUPS: Mapping[PanelGroup, float] = MappingProxyType({})


class EntryResult(NamedTuple):
    """One entry's standing in its category.

    A NamedTuple rather than a frozen dataclass: as immutable, and a round makes 5,000 of
    them on every refresh, where a frozen dataclass's ``__init__`` cost 20 ms more.
    """

    entry_id: int
    category_id: int
    nominee: str
    rank: int | None  # None below the minimum number of counted sheets
    score: float | None  # mean (or median) of counted totals, full precision
    judges: int  # counted sheets
    spread: float | None  # max − min of counted totals
    counted_totals: tuple[float, ...] = ()
    group_means: Mapping[PanelGroup, float] = _NO_GROUPS
    incomplete_sheets: int = 0
    interests: int = 0  # sheets set aside, or members standing aside, for a declared interest
    tied: bool = False
    disagreement: bool = False
    panel_scored: bool = True  # False for a staff-vote entry: sheets do not apply
    unchecked_sheets: int = 0  # complete paper sheets whose two keyings have not agreed

    @property
    def flags(self) -> tuple[Flag, ...]:
        """The flags in a fixed order (most decisive first)."""
        found = []
        if self.tied:
            found.append(Flag.TIE)
        if self.disagreement:
            found.append(Flag.DISAGREEMENT)
        if self.rank is None and self.panel_scored:
            found.append(Flag.TOO_FEW_SHEETS)
        if self.incomplete_sheets:
            found.append(Flag.INCOMPLETE_SHEETS)
        if self.unchecked_sheets:
            found.append(Flag.PAPER_TO_CHECK)
        if self.interests:
            found.append(Flag.DECLARED_INTEREST)
        return tuple(found)

    @property
    def shown_score(self) -> float | None:
        return rounded(self.score)


@dataclass(frozen=True, slots=True)
class CategoryResult:
    """A category's entries in rank order (unranked last, by name) and its standing decision."""

    category: Category
    entries: tuple[EntryResult, ...]
    decision: Decision | None = None

    @property
    def leaders(self) -> tuple[EntryResult, ...]:
        return tuple(e for e in self.entries if e.rank == 1)

    def entry(self, entry_id: int) -> EntryResult | None:
        for result in self.entries:
            if result.entry_id == entry_id:
                return result
        return None

    def nominee(self, entry_id: int) -> str:
        found = self.entry(entry_id)
        return found.nominee if found is not None else f"entry {entry_id}"

    def award(self, entry_id: int) -> str:
        """What the standing decision gives an entry, in words ("" when undecided or none)."""
        if self.decision is None:
            return ""
        if entry_id in self.decision.winners:
            return "Joint winner" if len(self.decision.winners) > 1 else "Winner"
        if entry_id in self.decision.highly_commended:
            return "Highly commended"
        return ""


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, SCORE_DECIMALS)


def needs_reason(leaders: Iterable[int], winners: Iterable[int]) -> bool:
    """A decision needs a reason unless its winner is exactly the sole rank 1 entry."""
    leader_ids = set(leaders)
    return not (len(leader_ids) == 1 and set(winners) == leader_ids)


def competition_ranks(scores: Mapping[int, float]) -> dict[int, tuple[int, bool]]:
    """Rank ids by score, highest first, as (rank, tied): equal to 2 decimals share (1, 1, 3)."""
    shown = {item_id: round(score, SCORE_DECIMALS) for item_id, score in scores.items()}
    keyed = sorted(shown.items(), key=lambda item: -item[1])
    counts = Counter(shown.values())
    ranks: dict[int, tuple[int, bool]] = {}
    previous: float | None = None
    rank = 0
    for position, (item_id, key) in enumerate(keyed, start=1):
        if key != previous:
            rank, previous = position, key
        ranks[item_id] = (rank, counts[key] > 1)
    return ranks


class _Judge:
    """A panel member while a round is scored: their group and their counted sheets."""

    __slots__ = ("entries", "group", "totals")

    def __init__(self, group: int) -> None:
        self.group = group  # index into PanelGroup
        self.entries: list[_Counted] = []  # the entry of each counted sheet ...
        self.totals: list[float] = []  # ... and its total, side by side


class _Counted:
    """An entry's counted sheets while a round is scored, per panel group."""

    __slots__ = ("by_group", "incomplete", "unchecked")

    def __init__(self, groups: int) -> None:
        self.by_group: tuple[list[float], ...] = tuple([] for _ in range(groups))
        self.incomplete = 0
        self.unchecked = 0


def score_round(
    entries: Iterable[EntryRef],
    sheets: Iterable[tuple[int, int, float | None]],
    settings: RoundSettings,
    *,
    groups: Mapping[int, PanelGroup],
    interests: Iterable[tuple[int, int]] = (),
) -> dict[int, tuple[EntryResult, ...]]:
    """``score_judges`` for sheets given as ``SheetTotal``-shaped (member, entry, total)."""
    by_judge: dict[int, list[tuple[int, float | None]]] = {}
    for member_id, entry_id, total in sheets:
        by_judge.setdefault(member_id, []).append((entry_id, total))
    return score_judges(entries, by_judge.items(), settings, groups=groups, interests=interests)


def score_judges(
    entries: Iterable[EntryRef],
    sheets: Iterable[tuple[int, Iterable[tuple[int, float | None]]]],
    settings: RoundSettings,
    *,
    groups: Mapping[int, PanelGroup],
    interests: Iterable[tuple[int, int]] = (),
) -> dict[int, tuple[EntryResult, ...]]:
    """Results for every category of the round: category id -> entries in rank order.

    ``sheets`` gives each judge's sheets: ``(member_id, [(entry_id, total or None), ...])``;
    ``groups`` gives the panel group of every member on the panel (sheets of anyone else are
    ignored); ``interests`` are declared ``(member_id, entry_id)`` pairs: such a sheet is set
    aside and the entry is flagged even when the member never opened it. Each entry is counted
    from its own sheets alone, so the results of one category need only that category's sheets.

    The budget's round is 125,000 sheets, so the work per sheet is two passes of appends, one
    to sort each judge's counted sheets out, one to hand them to their entries; the rest is
    per judge or per entry, with builtins.
    """
    entry_list = list(entries)
    group_order = tuple(PanelGroup)
    aside: dict[int, set[int]] = {}  # member -> the entries they stood aside from
    aside_count: dict[int, int] = {}  # entry -> how many stood aside from it
    for member_id, entry_id in set(interests):
        aside.setdefault(member_id, set()).add(entry_id)
        aside_count[entry_id] = aside_count.get(entry_id, 0) + 1
    counted = {e.entry_id: _Counted(len(group_order)) for e in entry_list}
    judges = {member_id: _Judge(group_order.index(g)) for member_id, g in groups.items()}

    for member_id, rows in sheets:
        judge = judges.get(member_id)
        if judge is None:
            continue  # someone no longer on the panel
        stood_aside = aside.get(member_id, ())
        for entry_id, total in rows:
            mine = counted.get(entry_id)
            if mine is None or entry_id in stood_aside:
                continue  # a withdrawn or merged entry, or a declared interest
            if total is None:
                mine.incomplete += 1
            elif total < 0:  # UNCHECKED: a paper sheet still to be keyed again
                mine.unchecked += 1
            else:
                judge.entries.append(mine)
                judge.totals.append(total)

    for judge in judges.values():
        group = judge.group
        for mine, total in zip(judge.entries, judge.totals, strict=True):
            mine.by_group[group].append(total)

    min_judges = max(1, settings.min_judges)
    aggregate = statistics.median if settings.aggregate == "median" else _mean
    sorted_totals: dict[int, list[float]] = {}
    scores: dict[int, float] = {}
    rankable: dict[int, dict[int, float]] = {}  # per category: entry id -> score
    for ref in entry_list:
        totals = sorted_totals[ref.entry_id] = sorted(chain(*counted[ref.entry_id].by_group))
        if totals:
            score = scores[ref.entry_id] = float(aggregate(totals))
            if len(totals) >= min_judges:
                rankable.setdefault(ref.category_id, {})[ref.entry_id] = score
    ranks: dict[int, tuple[int, bool]] = {}
    for category_scores in rankable.values():
        ranks.update(competition_ranks(category_scores))

    threshold = settings.disagreement_threshold
    by_category: dict[int, list[EntryResult]] = {}
    for ref in entry_list:
        entry_id = ref.entry_id
        mine = counted[entry_id]
        totals = sorted_totals[entry_id]
        rank, tied = ranks.get(entry_id, (None, False))
        spread = totals[-1] - totals[0] if totals else None
        # Positional: keywords cost 5 ms more over 5,000 entries. The order is EntryResult's.
        by_category.setdefault(ref.category_id, []).append(
            EntryResult(
                entry_id,
                ref.category_id,
                ref.nominee,
                rank,
                scores.get(entry_id),
                len(totals),
                spread,
                tuple(totals),
                {group_order[i]: _mean(found) for i, found in enumerate(mine.by_group) if found},
                mine.incomplete,
                aside_count.get(entry_id, 0),
                tied,
                rank is not None
                and spread is not None
                and round(spread, SCORE_DECIMALS) >= threshold,
                True,
                mine.unchecked,
            )
        )
    return {category_id: in_rank_order(found) for category_id, found in by_category.items()}


def in_rank_order(entries: Iterable[EntryResult]) -> tuple[EntryResult, ...]:
    """Ranked entries by rank (then name); unranked ones after them, by name."""
    return tuple(
        sorted(
            entries,
            key=lambda e: (e.rank is None, e.rank or 0, sort_key(e.nominee), e.entry_id),
        )
    )


def _mean(values: Sequence[float]) -> float:
    return math.fsum(values) / len(values)
