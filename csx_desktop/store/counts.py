"""The counts side by side (``domain.counts``) for a round's scored categories, from the file.

The sheets that count are the ones the round's results count: complete, of an active entry,
and from a member with no declared interest in it. Each category is counted on its own, with
the round's method (mean or median) and minimum of judges. Who may see these is decided where
results are (the chair after submitting, the administrator): this module only reads.
"""

from __future__ import annotations

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
    for member_id, member_sheets in judge_sheets(store, members):
        for entry_id, total in member_sheets:
            cat = entry_category.get(entry_id)
            if cat is None or total is None or (member_id, entry_id) in interests:
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
