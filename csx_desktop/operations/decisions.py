"""Recording and reopening the panel's decision for a category: every rule of it, here, once.

A decision names the winner (or joint winners) and any highly commended entries. The rules,
whichever path asks (the window's check-your-answers step, ``csx-admin decide``):

- who: the administrator, or the chair once they have submitted the category themselves
  (a decision rests on the results, which nobody sees before scoring); other members never;
- at least one winner; no entry both winner and highly commended; every entry in front of the
  panel in that category; one standing decision per category (reopen it first);
- **a reason when the winners depart from rank 1**: unless the winner is exactly the sole
  rank 1 entry (a tie at the top, joint winners, an unranked winner or another entry);
- **open sheets**: while any member assigned to the category has not submitted it, recording
  closes scoring for them too. The decision then needs an explicit confirmation and a reason,
  and the audit row names who had not submitted and how many sheets each had left.

``check_decision`` reads everything the person should see before committing (the GOV.UK
"check your answers" step): the choice in names, the ranking it departs from, open sheets,
declared interests and whether the winner depends on how the sheets are counted. The window
shows it; ``record_decision`` refuses with its first problem, in one line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csx_desktop.domain.model import Decision, Method
from csx_desktop.domain.scoring import CategoryResult, needs_reason, rounded
from csx_desktop.operations.results import ADMINISTRATOR, Viewer, category_results
from csx_desktop.store.database import Store
from csx_desktop.store.errors import InputRefused
from csx_desktop.store.scores import SheetState

OPEN_SHEETS_NOTE = "open_sheets"


@dataclass(frozen=True, slots=True)
class OpenSheets:
    """An assigned member who has not submitted the category: how many sheets they have left."""

    member: str
    member_id: int
    unfinished: int  # entries they may score whose sheet is not complete (or not yet counted)
    to_score: int  # entries they may score (no declared interest)
    # Of ``unfinished``: complete paper sheets that do not count yet because the round needs
    # two keyings that agree. A member who submitted is listed for these too.
    unchecked: int = 0
    submitted: bool = False

    def in_words(self) -> str:
        checks = ""
        if self.unchecked:
            checks = (
                f" ({self.unchecked} of them paper sheet{'' if self.unchecked == 1 else 's'} "
                "keyed once or whose keyings differ)"
            )
        if self.submitted:
            return f"{self.member}: submitted, {self.unfinished} sheets not counted yet{checks}"
        if self.unfinished == 0:
            return f"{self.member}: every sheet complete, not submitted"
        return f"{self.member}: {self.unfinished} of {self.to_score} sheets not finished{checks}"


@dataclass(frozen=True, slots=True)
class DecisionCheck:
    """What a decision would record and what the person should know first, in words."""

    category: str
    winners: tuple[str, ...]
    highly_commended: tuple[str, ...]
    ranking: str  # the ranking it follows or departs from, one sentence
    departs: bool  # the winners are not exactly the sole rank 1: a reason is required
    open_sheets: tuple[OpenSheets, ...]
    interests: tuple[str, ...]  # "Nora Quinn stood aside from Zoë Whitfield (colleague)"
    counts: str  # whether the winner depends on how we count, in words ("" for a vote)
    counts_flag: bool  # another count puts someone else first, or the first is unstable
    problems: tuple[str, ...]  # what stops it being recorded as it stands

    @property
    def reason_required(self) -> bool:
        return self.departs or bool(self.open_sheets)

    @property
    def sheets_missing(self) -> int:
        return sum(o.unfinished for o in self.open_sheets)

    def open_sheets_in_words(self) -> str:
        if not self.open_sheets:
            return "Every member judging this category has submitted their scores."
        people = sum(1 for o in self.open_sheets if not o.submitted)
        who = "; ".join(o.in_words() for o in self.open_sheets)
        if people == 0:  # everyone submitted, but paper sheets are still to be checked
            return (
                f"{self.sheets_missing} paper sheets do not count yet: {who}. Key them again "
                "before the decision, or record it without them."
            )
        return (
            f"{people} {'member has' if people == 1 else 'members have'} not submitted "
            f"({self.sheets_missing} sheets not finished): {who}. Recording the decision "
            "closes scoring for them."
        )


def open_sheets(store: Store, *, category_id: int) -> list[OpenSheets]:
    """Members judging the category who have not submitted it, with their unfinished sheets."""
    category = store.round.category(category_id)
    if category.method is not Method.PANEL:
        return []
    progress = store.scores.progress(category_id)
    waiting = (SheetState.KEYED_ONCE, SheetState.KEYINGS_DIFFER)
    found = []
    for member in progress.members:
        assert member.id is not None
        unchecked = sum(
            1
            for (member_id, _entry), state in progress.states.items()
            if member_id == member.id and state in waiting
        )
        submitted = progress.submitted_at.get(member.id) is not None
        if submitted and not unchecked:
            continue
        to_score = progress.to_score_count(member.id)
        done = progress.complete_count(member.id)
        found.append(
            OpenSheets(member.name, member.id, to_score - done, to_score, unchecked, submitted)
        )
    return found


def _check_who(store: Store, viewer: Viewer) -> None:
    if viewer is ADMINISTRATOR:
        return
    assert isinstance(viewer, int)
    if not store.panel.member(viewer).is_chair:
        raise InputRefused("Only the chair or the administrator records a decision.")


def _ranking(result: CategoryResult, winners: Sequence[int]) -> tuple[str, bool]:
    leaders = result.leaders
    names = " and ".join(e.nominee for e in leaders)
    departs = needs_reason([e.entry_id for e in leaders], winners)
    if not leaders:
        return "No entry is ranked yet.", departs
    if len(leaders) > 1:
        return f"{names} are tied at rank 1.", departs
    score = rounded(leaders[0].score)
    shown = f" with {score:.2f}" if score is not None else ""
    if departs and len(winners) > 1 and leaders[0].entry_id in winners:
        return f"{names} is rank 1{shown} alone; joint winners depart from it.", departs
    return f"{names} is rank 1{shown}.", departs


def check_decision(
    store: Store,
    *,
    viewer: Viewer,
    category_id: int,
    winners: Sequence[int],
    highly_commended: Sequence[int] = (),
    reason: str = "",
    confirm_open_sheets: bool = False,
) -> DecisionCheck:
    """Everything to check before a decision is recorded, and what would stop it."""
    _check_who(store, viewer)
    # The results the decision rests on, read as the person deciding: the chair only once
    # they have submitted the category (and noted as having seen them).
    result = category_results(store, viewer=viewer, category_id=category_id)
    name = result.category.name
    winners = list(dict.fromkeys(winners))
    highly_commended = list(dict.fromkeys(highly_commended))
    problems = []
    if not winners:
        problems.append("Tick at least one winner.")
    if set(winners) & set(highly_commended):
        problems.append("An entry cannot be both a winner and highly commended.")
    for entry_id in [*winners, *highly_commended]:
        if result.entry(entry_id) is None:
            problems.append(f"Entry {entry_id} is not in front of the panel in {name}.")
    if result.decision is not None:
        problems.append(f"A decision for {name} is already recorded; reopen it first.")
    ranking, departs = _ranking(result, winners)
    departs = bool(winners) and departs
    missing = open_sheets(store, category_id=category_id)
    if departs and not reason.strip():
        problems.append(
            f"A reason is needed for this decision in {name}: it departs from the ranking "
            f"({ranking[:-1]}). Say why the panel chose this winner."
        )
    if missing and not confirm_open_sheets:
        who = "; ".join(o.in_words() for o in missing)
        problems.append(
            f"{len(missing)} {'member' if len(missing) == 1 else 'members'} judging {name} "
            f"{'has' if len(missing) == 1 else 'have'} not submitted ({who}): confirm that "
            "the decision closes scoring for them, and give a reason."
        )
    if missing and not reason.strip() and not departs:
        problems.append(
            f"A reason is needed for this decision in {name}: not every member judging it "
            "has submitted. Say why the panel decides now."
        )
    counts_words, flag = _counts(store, result)
    return DecisionCheck(
        category=name,
        winners=tuple(result.nominee(i) for i in winners),
        highly_commended=tuple(result.nominee(i) for i in highly_commended),
        ranking=ranking,
        departs=departs,
        open_sheets=tuple(missing),
        interests=tuple(_interests(store, result)),
        counts=counts_words,
        counts_flag=flag,
        problems=tuple(problems),
    )


def _interests(store: Store, result: CategoryResult) -> list[str]:
    members = {m.id: m.name for m in store.panel.members()}
    lines = []
    for interest in store.panel.interests(category_id=result.category.id):
        who = members.get(interest.member_id, f"member {interest.member_id}")
        note = f": {interest.note}" if interest.note else ""
        lines.append(
            f"{who} stood aside from {result.nominee(interest.entry_id)} "
            f"({interest.kind.value}{note})"
        )
    return lines


def _counts(store: Store, result: CategoryResult) -> tuple[str, bool]:
    from csx_desktop.store.counts import load_counts

    if result.category.method is not Method.PANEL or result.category.id is None:
        return "", False
    counts = load_counts(store, result.category.id).get(result.category.id)
    if counts is None or not counts.own:
        return "", False
    names = {e.entry_id: e.nominee for e in result.entries}
    judges = {m.id: m.name for m in store.panel.members() if m.id is not None}
    return counts.in_words(names, judges), counts.winner_depends_on_count


def record_decision(
    store: Store,
    *,
    viewer: Viewer,
    category_id: int,
    winners: Sequence[int],
    highly_commended: Sequence[int] = (),
    reason: str = "",
    confirm_open_sheets: bool = False,
) -> Decision:
    """Record the panel's decision for a category, if every rule above allows it.

    Checked against the ranking read in the same transaction as the record. Refused with
    the first problem, in one line; nothing is stored then. Recording closes scoring in the
    category.
    """
    winners = list(dict.fromkeys(winners))
    highly_commended = list(dict.fromkeys(highly_commended))
    with store.write():
        check = check_decision(
            store,
            viewer=viewer,
            category_id=category_id,
            winners=winners,
            highly_commended=highly_commended,
            reason=reason,
            confirm_open_sheets=confirm_open_sheets,
        )
        if check.problems:
            raise InputRefused(check.problems[0])
        note: dict[str, object] = {}
        if check.open_sheets:
            note[OPEN_SHEETS_NOTE] = [
                {"member": o.member, "member_id": o.member_id, "sheets_not_finished": o.unfinished}
                for o in check.open_sheets
            ]
            note["confirmed_open_sheets"] = True
        return store.decisions._record(
            category_id,
            winners=winners,
            highly_commended=highly_commended,
            reason=reason,
            audit_note=note,
        )


def reopen_decision(store: Store, *, viewer: Viewer, category_id: int, reason: str) -> Decision:
    """Reopen a recorded decision, with a reason; scoring in the category opens again.
    Returns the decision that was reopened."""
    category = store.round.category(category_id)
    if viewer is not ADMINISTRATOR:
        assert isinstance(viewer, int)
        if not store.panel.member(viewer).is_chair:
            raise InputRefused("Only the chair or the administrator reopens a decision.")
    if not reason.strip():
        raise InputRefused("Say why the decision is being reopened.")
    with store.write():
        current = store.decisions.current(category_id)
        if current is None or current.id is None:
            raise InputRefused(f"There is no recorded decision for {category.name} to reopen.")
        store.decisions._reopen(current.id, reason)
    return current
