"""The counts side by side (``domain.counts``) for a round's scored categories, from the file.

The sheets that count are the ones the round's results count: complete, of an active entry,
and from a member with no declared interest in it (and, when the round has paper sheets keyed
twice, a paper sheet only once its two keyings agree). Each category is counted on its own, with
the round's method (mean or median) and minimum of judges. Who may see these is decided where
results are (the chair after submitting, the administrator): this module only reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from csx_desktop.domain.counts import Counts, count_category
from csx_desktop.store.results import judge_sheets

if TYPE_CHECKING:
    from csx_desktop.store.database import Store


def counted_sheets(
    store: Store, category_id: int | None = None
) -> dict[int, list[tuple[int, int, float]]]:
    """Each scored category's counted sheets as (member, entry, judge total) triples."""
    categories = {
        c.id: c
        for c in store.round.categories()
        if c.is_panel_scored and c.id is not None and category_id in (None, c.id)
    }
    entry_category = {
        entry_id: cat
        for entry_id, cat in store.conn.execute(
            "SELECT id, category_id FROM entries WHERE status = 'active'"
        ).fetchall()
        if cat in categories
    }
    interests = set(store.conn.execute("SELECT member_id, entry_id FROM interests").fetchall())
    members = [row[0] for row in store.conn.execute("SELECT id FROM panel_members WHERE active")]
    sheets: dict[int, list[tuple[int, int, float]]] = {cid: [] for cid in categories}
    for member_id, member_sheets in judge_sheets(store, members, category_id):
        for entry_id, total in member_sheets:
            cat = entry_category.get(entry_id)
            if cat is None or total is None or total < 0 or (member_id, entry_id) in interests:
                continue
            sheets[cat].append((member_id, entry_id, total))
    return sheets


def load_counts(store: Store, category_id: int | None = None) -> dict[int, Counts]:
    """Every scored category counted every way (or one category), by category id."""
    settings = store.round.settings()
    return {
        cid: count_category(sheets, method=settings.aggregate, min_judges=settings.min_judges)
        for cid, sheets in counted_sheets(store, category_id).items()
    }


@dataclass(frozen=True, slots=True)
class JudgeLine:
    """One judge at a glance: their counted totals in a category and their leniency."""

    name: str
    group: str  # the panel group's label
    totals: tuple[float, ...]
    leniency: str  # in words: "scores 11 points above the panel on the same entries"


@dataclass(frozen=True, slots=True)
class JudgesAtAGlance:
    """A category's judges beside the panel, and how closely the panel's groups agree."""

    category: str
    panel: tuple[float, ...]  # every ranked entry's score by the round's own count
    judges: tuple[JudgeLine, ...]
    groups_agree: tuple[str, ...]  # one sentence a pair of groups


def judges_at_a_glance(store: Store, category_id: int) -> JudgesAtAGlance:
    """What the chair's "Judges at a glance" chart draws for one scored category."""
    from csx_desktop.domain.counts import agreement_in_words, rank_correlation
    from csx_desktop.domain.model import PanelGroup
    from csx_desktop.store.results import category_results

    category = store.round.category(category_id)
    sheets = counted_sheets(store, category_id).get(category_id, [])
    settings = store.round.settings()
    counts = (
        count_category(sheets, method=settings.aggregate, min_judges=settings.min_judges)
        if sheets
        else None
    )
    members = {m.id: m for m in store.panel.members()}
    by_judge: dict[int, list[float]] = {}
    for member_id, _entry, total in sheets:
        by_judge.setdefault(member_id, []).append(total)
    judges = tuple(
        JudgeLine(
            name=members[judge].name if judge in members else f"judge {judge}",
            group=members[judge].group.label if judge in members else "",
            totals=tuple(sorted(totals)),
            leniency=counts.leniency_in_words(judge) if counts else "",
        )
        for judge, totals in sorted(
            by_judge.items(), key=lambda item: members[item[0]].name if item[0] in members else ""
        )
    )
    panel = (
        tuple(counts.own[e] for e in sorted(counts.eligible) if e in counts.own) if counts else ()
    )
    result = category_results(store, category_id)
    means = {
        group: {
            entry.entry_id: entry.group_means[group]
            for entry in result.entries
            if entry.group_means.get(group) is not None
        }
        for group in PanelGroup
    }
    groups = list(PanelGroup)
    agree = tuple(
        agreement_in_words(a.label, b.label, rank_correlation(means[a], means[b]))
        for i, a in enumerate(groups)
        for b in groups[i + 1 :]
    )
    return JudgesAtAGlance(category.name, panel, judges, agree)
