"""What a panel member and the chair do with their own sheets, and the one rule that guards
them once they have seen the panel's results.

A member who has seen a category's results (the ranking, others' scores, a report or an
export holding them) must not be able to change their own sheets there afterwards: only the
administrator reopens them, with a reason. "Has seen" is recorded in the audit log (action
``see results``), the round's record of who did what, so nothing outside the round can forget
it. Every path that shows results to a member calls ``record_seen_results`` first.
"""

from __future__ import annotations

from csx_desktop.store.database import Store

SEEN_RESULTS = "see results"


def has_seen_results(store: Store, *, member_id: int, category_id: int) -> bool:
    """Whether this member has been shown this category's results (in any area or output)."""
    row = store.conn.execute(
        "SELECT 1 FROM audit WHERE action = ? AND entity = 'category' AND entity_id = ?"
        " AND json_extract(after, '$.member_id') = ? LIMIT 1",
        [SEEN_RESULTS, str(category_id), member_id],
    ).fetchone()
    return row is not None


def record_seen_results(store: Store, *, member_id: int, category_id: int) -> None:
    """Note, once, that this member is being shown this category's results."""
    if has_seen_results(store, member_id=member_id, category_id=category_id):
        return
    with store.write():
        store.audit(SEEN_RESULTS, "category", category_id, after={"member_id": member_id})
