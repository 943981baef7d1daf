"""What the administrator does with the Shining Star paper ballots.

``add_paper_count`` records a count of paper ballots for a shortlisted nominee;
``remove_paper_count`` takes back a count of paper votes entered by mistake (the wrong
nominee, a count typed twice). Neither is taken once the Shining Star decision is recorded:
the count that decision rests on must not change under it. ``erase_voter_details`` blanks
the voters' email addresses and staff numbers once the decision is recorded. A removed count
leaves the tally; the audit log keeps it, with who removed it and why. The window (the
Shining Star area) and the command line call these alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from csx_desktop.domain.votes import votes_text
from csx_desktop.store.errors import InputRefused, NotFound

if TYPE_CHECKING:
    from csx_desktop.domain.model import PaperCount
    from csx_desktop.store.database import Store

REASON_ACTION = "reason for removing paper votes"


@dataclass(frozen=True, slots=True)
class PaperCountRemoved:
    paper_id: int
    nominee: str
    count: int
    counted_by: str
    reason: str

    def summary(self) -> str:
        return (
            f"Removed {votes_text(self.count)} on paper for {self.nominee} (counted by "
            f"{self.counted_by}): {self.reason}"
        )


def paper_count_words(store: Store, paper: PaperCount) -> str:
    """One paper count as a person recognises it: "12 votes for Maya Lindqvist, counted by
    Kath Reed on 3 December"."""
    names = {c.entry_id: c.nominee for c in store.ballots.shortlist()}
    nominee = names.get(paper.entry_id, "a nominee no longer on the shortlist")
    when = f" on {paper.recorded_at.astimezone():%d %B %Y}" if paper.recorded_at else ""
    return f"{votes_text(paper.count)} for {nominee}, counted by {paper.counted_by}{when}"


@dataclass(frozen=True, slots=True)
class PaperCountAdded:
    paper: PaperCount
    nominee: str

    def summary(self) -> str:
        return (
            f"Added {votes_text(self.paper.count)} on paper for {self.nominee}, counted by "
            f"{self.paper.counted_by}."
        )


def _refuse_once_decided(store: Store, what: str) -> None:
    category_id = store.ballots.category().id or 0
    if store.decisions.current(category_id) is not None:
        raise InputRefused(
            f"The Shining Star decision is recorded, so its count cannot change; reopen the "
            f"decision first (Results area) to {what}."
        )


def add_paper_count(
    store: Store,
    *,
    count: int,
    counted_by: str,
    entry_id: int | None = None,
    nominee: str | None = None,
) -> PaperCountAdded:
    """Record a count of paper ballots for one shortlisted nominee, given by entry (the
    window's list) or by name as a person types it (the command line)."""
    _refuse_once_decided(store, "add paper votes")
    if entry_id is None:
        if nominee is None:
            raise InputRefused("Say which nominee the paper votes are for.")
        entry_id = store.nominations.entry_named(store.ballots.category().id or 0, nominee).id
    paper = store.ballots.add_paper_count(int(entry_id or 0), count, counted_by)
    return PaperCountAdded(paper, store.nominations.entry(paper.entry_id).nominee)


@dataclass(frozen=True, slots=True)
class VotersErased:
    ballots: int

    def summary(self) -> str:
        return (
            f"Erased the voter's email or staff number from {self.ballots} ballot(s); the "
            "count and the reasons for invalid ballots are kept."
        )


def erase_voter_details(store: Store) -> VotersErased:
    """Blank every voter's email or staff number (only once the decision is recorded; the
    store refuses before, since a recount may need them)."""
    return VotersErased(store.ballots.erase_voter_keys())


def remove_paper_count(store: Store, *, paper_id: int, reason: str) -> PaperCountRemoved:
    """Take back one paper count, with the reason (kept in the audit log beside it).

    Refused once the Shining Star decision is recorded (reopen the decision first: the
    count it rests on must not change under it), or without a reason."""
    reason = " ".join(reason.split())
    if not reason:
        raise InputRefused("Say why the paper votes are being removed.")
    papers = {p.id: p for p in store.ballots.paper_counts()}
    paper = papers.get(paper_id)
    if paper is None:
        raise NotFound(f"There is no paper count with number {paper_id}.")
    _refuse_once_decided(store, "remove paper votes entered by mistake")
    names = {c.entry_id: c.nominee for c in store.ballots.shortlist()}
    with store.write():
        store.ballots.remove_paper_count(paper_id)
        store.audit(REASON_ACTION, "paper votes", paper_id, after={"reason": reason})
    return PaperCountRemoved(
        paper_id,
        names.get(paper.entry_id, "a nominee no longer on the shortlist"),
        paper.count,
        paper.counted_by,
        reason,
    )
