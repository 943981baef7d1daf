"""What a panel member and the chair do with their own sheets, and the one rule that guards
them once they have seen the panel's results.

Every change a member makes to their own sheets comes through here: a score, a comment,
submitting a category (their answer about interests is ``operations.panel``'s); and so does
reopening a submitted category, by the chair or the administrator, and the chair's look at
someone else's sheet. Who is asking is a ``Viewer`` (``operations.results``): the
administrator, or a panel member's id.

The rule this module exists for: a member who has seen a category's results (the ranking,
others' scores, a report or an export holding them) must not be able to change their own
sheets there afterwards. Only the administrator reopens them, with a reason, and the audit
row says the member had seen the results. "Has seen" is recorded in the audit log (action
``see results``), the round's record of who did what, so nothing outside the round can forget
it. Every path that shows results to a member calls ``record_seen_results`` first.

Reopening is the guard: once seen, results are only shown to a member who has submitted, and
a submitted category refuses every change to its sheets (the store checks that in the same
transaction as the write), so a score save needs no check of its own and stays one
transaction: the keystroke-to-saved budget is 100 ms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from csx_desktop.domain.model import Scoresheet
from csx_desktop.store.database import Store
from csx_desktop.store.errors import InputRefused
from csx_desktop.store.scores import SavedChange

if TYPE_CHECKING:  # operations.results imports this module: the type only, for annotations
    from csx_desktop.operations.results import Viewer

SEEN_RESULTS = "see results"


@dataclass(frozen=True, slots=True)
class Submitted:
    """A member's category submitted: how many of their entries were finished."""

    member_id: int
    category_id: int
    category: str
    finished: int
    to_score: int

    @property
    def summary(self) -> str:
        return f"{self.category} submitted: {self.finished} of {self.to_score} entries finished."


@dataclass(frozen=True, slots=True)
class MayReopen:
    """A submitted category that the person asking may reopen (the reason still to come)."""

    member_id: int
    member: str
    category_id: int
    category: str
    seen_results: bool


@dataclass(frozen=True, slots=True)
class Reopened:
    """A member's category reopened: who for, by whom, why."""

    member_id: int
    member: str
    category_id: int
    category: str
    reason: str
    by_administrator: bool
    after_seeing_results: bool

    @property
    def summary(self) -> str:
        return f"{self.category} reopened for {self.member}: they can change their scores again."


# ---- who has seen results --------------------------------------------------------------


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


# ---- a member's own sheets --------------------------------------------------------------


def save_score(
    store: Store, *, member_id: int, entry_id: int, criterion_id: int, score: int | None
) -> SavedChange:
    """Set (or with ``None`` clear) one score on the member's own sheet, at once.

    Refused for an entry they declared an interest in, a category they submitted or whose
    decision is recorded, and a score off the criterion's scale (checked by the store in
    the write's own transaction, so nothing can slip in between check and write).
    """
    return store.scores.set_score(member_id, entry_id, criterion_id, score)


def save_comment(store: Store, *, member_id: int, entry_id: int, comment: str) -> SavedChange:
    """Store the member's comment on one entry (the same refusals as a score)."""
    return store.scores.set_comment(member_id, entry_id, comment)


def submit_category(store: Store, *, member_id: int, category_id: int) -> Submitted:
    """The member has finished a category: their sheets in it become read-only to them."""
    category = store.round.category(category_id)
    with store.write():
        if store.scores.scoring_closed(category_id):
            raise InputRefused(
                f"The panel's decision for {category.name} is recorded; scoring is closed."
            )
        if store.scores.is_submitted(member_id, category_id):
            raise InputRefused(f"{category.name} is already submitted.")
        store.scores.submit_category(member_id, category_id)
        finished, to_score = _finished(store, member_id, category_id)
    return Submitted(member_id, category_id, category.name, finished, to_score)


def _finished(store: Store, member_id: int, category_id: int) -> tuple[int, int]:
    progress = store.scores.progress(category_id)
    return progress.complete_count(member_id), progress.to_score_count(member_id)


# ---- reopening a submitted category -----------------------------------------------------


def _asking_member(viewer: Viewer) -> int | None:
    """The id of the panel member asking, or None for the administrator."""
    return viewer if isinstance(viewer, int) else None


def check_may_reopen(
    store: Store, *, viewer: Viewer, member_id: int, category_id: int
) -> MayReopen:
    """Whether the person asking may reopen this member's submitted category.

    The window asks this before asking for a reason, so nobody types a reason only to be
    told no; ``reopen_category`` checks it all again.
    """
    by_member_id = _asking_member(viewer)
    category = store.round.category(category_id)
    member = store.panel.member(member_id)
    if by_member_id is not None and not store.panel.member(by_member_id).is_chair:
        raise InputRefused("Only the chair or the administrator can reopen a submitted category.")
    if not store.scores.is_submitted(member_id, category_id):
        raise InputRefused(f"{member.name} has not submitted {category.name}: nothing to reopen.")
    seen = has_seen_results(store, member_id=member_id, category_id=category_id)
    if seen and by_member_id is not None:
        who, whose = (
            ("You have", "your") if by_member_id == member_id else (f"{member.name} has", "their")
        )
        raise InputRefused(
            f"{who} seen the results for {category.name}, so only the administrator can "
            f"reopen {whose} scores in it."
        )
    return MayReopen(member_id, member.name, category_id, category.name, seen)


def reopen_category(
    store: Store, *, viewer: Viewer, member_id: int, category_id: int, reason: str
) -> Reopened:
    """Reopen a member's submitted category so they can change their scores, with a reason.

    The chair may do so only while that member has not seen the category's results; after
    that only the administrator can. The audit row keeps the reason and whether the member
    had seen the results.
    """
    reason = reason.strip()
    if not reason:
        raise InputRefused("Say why the category is being reopened.")
    with store.write():
        allowed = check_may_reopen(
            store, viewer=viewer, member_id=member_id, category_id=category_id
        )
        store.scores.reopen_category(
            member_id, category_id, reason, after_seeing_results=allowed.seen_results
        )
    return Reopened(
        member_id,
        allowed.member,
        category_id,
        allowed.category,
        reason,
        _asking_member(viewer) is None,
        allowed.seen_results,
    )


# ---- the chair's look at others' sheets -------------------------------------------------


def may_open_sheets(store: Store, *, viewer: Viewer, category_id: int) -> bool:
    """The administrator may open any sheet; the chair once they have submitted the
    category themselves; other members never."""
    by_member_id = _asking_member(viewer)
    if by_member_id is None:
        return True
    return store.panel.member(by_member_id).is_chair and store.scores.is_submitted(
        by_member_id, category_id
    )


def open_sheet(store: Store, *, viewer: Viewer, member_id: int, entry_id: int) -> Scoresheet:
    """Another member's sheet, for the administrator or the chair who has submitted.

    The chair reading someone else's scores has seen the category's results: that is
    recorded, so their own sheets there now reopen only through the administrator.
    """
    category_id = store.nominations.entry(entry_id).category_id
    by_member_id = _asking_member(viewer)
    if not may_open_sheets(store, viewer=viewer, category_id=category_id):
        raise InputRefused(
            "The chair can look at other members' sheets once they have submitted this "
            "category themselves."
        )
    if by_member_id is not None and by_member_id != member_id:
        record_seen_results(store, member_id=by_member_id, category_id=category_id)
    return store.scores.sheet(member_id, entry_id)
