"""The Shining Star count: whose ballot counts, which are invalid and why, and the tally.

Pure rules over plain objects (DESIGN.md, "Shining Star rules"):

- A voter is known by a voter key: their email or staff number, trimmed and lower-cased.
  A blank key, or "anonymous" (what Microsoft Forms writes when it did not ask people to
  sign in), identifies nobody, so that ballot cannot be checked for duplicates: invalid.
- The choice is matched to the shortlist by ``name_key`` (case, spacing and punctuation
  ignored). Vote forms often list "Name (Service)" as the option text, so the part before
  a bracket, dash, comma or colon is tried as well. A choice that matches nobody, or more
  than one nominee, is invalid.
- When the round has a voting window, a ballot cast outside it, or with no time at all, is
  invalid.
- Of the ballots that pass those checks, one per voter counts: the latest by default, or
  the first (``RoundSettings.ballot_rule``). The others are superseded. An invalid ballot
  never replaces a valid one: a voter who later sends a spoilt ballot keeps their vote.
- Paper ballots arrive as counted totals per candidate and are added to the online votes.
- The most votes wins; equal top counts are a tie, which only a recorded decision resolves.

Times are compared in UTC (``domain.times.to_utc``: a time with no zone, as form tools write
them, is UK local time).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import NamedTuple, Protocol

from csx_desktop.domain.model import Ballot, BallotStatus
from csx_desktop.domain.names import clean_text, name_key
from csx_desktop.domain.times import to_utc

# The reasons a ballot does not count, as shown to people and used as keys in the tally.
NO_VOTER = "no voter email or staff number (blank or anonymous)"
NO_CHOICE = "no choice made"
NOT_ON_SHORTLIST = "choice not on the shortlist"
AMBIGUOUS_CHOICE = "choice matches more than one nominee"
BEFORE_WINDOW = "cast before voting opened"
AFTER_WINDOW = "cast after voting closed"
NO_TIME = "no time recorded to check against the voting window"

INVALID_REASONS: tuple[str, ...] = (
    NO_VOTER,
    NO_CHOICE,
    NOT_ON_SHORTLIST,
    AMBIGUOUS_CHOICE,
    BEFORE_WINDOW,
    AFTER_WINDOW,
    NO_TIME,
)

# Voter cells that name nobody: what form tools write when they did not collect an email.
_NOBODY = frozenset({"", "anonymous", "anon", "unknown", "n/a", "na", "none", "-"})

# "Grace Etherington (Adult Social Care)", "Grace Etherington - Reablement": the name first.
_OPTION_TAIL = re.compile(r"\s*(?:\(|\[|\s[-–—]\s|,|:|\|).*$", re.DOTALL)

LATEST, FIRST = "latest", "first"
_NO_TIME = datetime.min.replace(tzinfo=UTC)


def votes_text(count: int) -> str:
    """ "1 vote", "2 votes": a count as a person reads it."""
    return f"{count} vote" if count == 1 else f"{count} votes"


def voter_key(text: str) -> str:
    """The voter key as stored: trimmed and lower-cased, with inner spaces and invisible
    characters removed (a NUL must not make one voter two)."""
    return "".join(clean_text(text).split()).lower()


def voter_keys(texts: Iterable[str]) -> list[str]:
    """``voter_key`` of each text, for an import's column of 50,000 at once. Printable text
    (nearly all) has no invisible characters, and its only white space is the space."""
    return [
        text.replace(" ", "").lower() if text.isprintable() else voter_key(text) for text in texts
    ]


def is_usable_voter(key: str) -> bool:
    """Whether a stored voter key identifies somebody."""
    return key not in _NOBODY


@dataclass(frozen=True, slots=True)
class Candidate:
    """One nominee on the Shining Star shortlist (an active entry)."""

    entry_id: int
    nominee: str
    nominating_body: str = ""


class ImportedBallot(NamedTuple):
    """One row of a vote export, read but not yet judged (a named tuple: an import makes
    50,000 of them, and a tuple is made in a third of the time of a frozen dataclass)."""

    row: int  # the spreadsheet row number the person sees
    voter_key: str  # already normalised with ``voter_key``
    choice: str
    cast_at: datetime | None  # UTC
    response_id: str = ""

    @property
    def source_row(self) -> int:
        """The row, by the name a stored ``Ballot`` gives it: an import judges its new rows
        beside the stored ballots without making 50,000 ``Ballot`` objects first."""
        return self.row


class Cast(Protocol):
    """What the rules read of a ballot: a stored ``Ballot`` or an ``ImportedBallot``."""

    @property
    def voter_key(self) -> str: ...

    @property
    def choice(self) -> str: ...

    @property
    def cast_at(self) -> datetime | None: ...

    @property
    def source_row(self) -> int: ...


class ShortlistMatcher:
    """Matches choices to candidates; remembers answers, since thousands repeat a few names."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self._by_key: dict[str, list[int]] = {}
        for candidate in candidates:
            self._by_key.setdefault(name_key(candidate.nominee), []).append(candidate.entry_id)
        self._cache: dict[str, tuple[int | None, str]] = {}

    def match(self, choice: str) -> tuple[int | None, str]:
        """(entry id, "") for a match, or (None, reason) when there is none."""
        found = self._cache.get(choice)
        if found is None:
            found = self._match(choice)
            self._cache[choice] = found
        return found

    def _match(self, choice: str) -> tuple[int | None, str]:
        if not name_key(choice):
            return None, NO_CHOICE
        for text in (choice, _OPTION_TAIL.sub("", choice)):
            ids = self._by_key.get(name_key(text), [])
            if len(ids) == 1:
                return ids[0], ""
            if len(ids) > 1:
                return None, AMBIGUOUS_CHOICE
        return None, NOT_ON_SHORTLIST


class Ruling(NamedTuple):
    """What the rules say about one ballot."""

    status: BallotStatus
    reason: str
    entry_id: int | None


class Judged(Protocol):
    """Anything with a ruling: a ``Ballot`` read back from the round, or a ``Ruling``."""

    @property
    def status(self) -> BallotStatus: ...

    @property
    def reason(self) -> str: ...

    @property
    def entry_id(self) -> int | None: ...


def rule_ballots(
    ballots: Sequence[Cast],
    candidates: Iterable[Candidate],
    *,
    rule: str = LATEST,
    opens: datetime | None = None,
    closes: datetime | None = None,
) -> list[Ruling]:
    """The ruling on each ballot (status, reason, matched entry), in the order given.

    ``ballots`` must be in the order they were received (import order): between two ballots
    of one voter with the same time, or without times, the later one in that order is later.
    """
    if rule not in (LATEST, FIRST):
        raise ValueError(f"unknown ballot rule {rule!r}")
    match = ShortlistMatcher(candidates).match
    window_opens = to_utc(opens) if opens else None
    window_closes = to_utc(closes) if closes else None
    window_set = window_opens is not None or window_closes is not None
    latest = rule == LATEST
    valid, invalid = BallotStatus.VALID, BallotStatus.INVALID

    # An import judges 50,000 ballots, and a count judges them again: the loop does only
    # what each ballot needs. Rulings repeat (a handful of entries and reasons), so each is
    # made once and shared, as tuples can be.
    valid_rulings: dict[int | None, Ruling] = {}
    invalid_rulings: dict[tuple[str, int | None], Ruling] = {}
    rulings: list[Ruling] = []
    # Per voter: the position in ``ballots`` of their ballot that counts so far.
    counting: dict[str, int] = {}
    # When each ballot was cast, in UTC; a ballot without a time sorts before every timed one.
    times: list[datetime] = []
    superseded: list[int] = []
    for index, ballot in enumerate(ballots):
        entry_id, reason = match(ballot.choice)
        cast_at = ballot.cast_at
        if cast_at is not None and cast_at.tzinfo is not UTC:
            cast_at = to_utc(cast_at)
        times.append(cast_at or _NO_TIME)
        voter = ballot.voter_key
        if voter in _NOBODY:
            reason = NO_VOTER
        elif not reason and window_set:
            if cast_at is None:
                reason = NO_TIME
            elif window_opens is not None and cast_at < window_opens:
                reason = BEFORE_WINDOW
            elif window_closes is not None and cast_at > window_closes:
                reason = AFTER_WINDOW
        if reason:
            ruling = invalid_rulings.get((reason, entry_id))
            if ruling is None:
                ruling = invalid_rulings[reason, entry_id] = Ruling(invalid, reason, entry_id)
            rulings.append(ruling)
            continue
        ruling = valid_rulings.get(entry_id)
        if ruling is None:
            ruling = valid_rulings[entry_id] = Ruling(valid, "", entry_id)
        rulings.append(ruling)
        held = counting.get(voter)
        if held is None:
            counting[voter] = index
            continue
        # Later by time, then by arrival: ``held`` arrived first, so a tie makes this later.
        newer = times[index] >= times[held]
        keep, drop = (index, held) if newer == latest else (held, index)
        counting[voter] = keep
        superseded.append(drop)  # once superseded, never counting again: listed once

    which = "later" if latest else "first"
    for index in superseded:
        kept = ballots[counting[ballots[index].voter_key]]
        reason = f"the same voter's {which} ballot counts (row {kept.source_row})"
        rulings[index] = Ruling(BallotStatus.SUPERSEDED, reason, rulings[index].entry_id)
    return rulings


def judge_ballots(
    ballots: Sequence[Ballot],
    candidates: Iterable[Candidate],
    *,
    rule: str = LATEST,
    opens: datetime | None = None,
    closes: datetime | None = None,
) -> list[Ballot]:
    """Each ballot carrying its ruling (see ``rule_ballots``), in the order given."""
    rulings = rule_ballots(ballots, candidates, rule=rule, opens=opens, closes=closes)
    return [
        ballot
        if (ballot.status, ballot.reason, ballot.entry_id) == ruling
        else dataclasses.replace(
            ballot, status=ruling.status, reason=ruling.reason, entry_id=ruling.entry_id
        )
        for ballot, ruling in zip(ballots, rulings, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class CandidateCount:
    """One nominee's votes: ``votes`` includes the paper votes, shown also on their own."""

    entry_id: int
    nominee: str
    nominating_body: str
    votes: int
    paper_votes: int

    @property
    def online_votes(self) -> int:
        return self.votes - self.paper_votes


@dataclass(frozen=True, slots=True)
class Tally:
    """The count of the staff vote.

    ``valid``, ``superseded`` and ``invalid`` count the imported ballots; paper votes are in
    each candidate's ``votes`` and ``paper_votes``. ``leaders`` names the winner: the sole
    top candidate, or the decision's winners once one is recorded; it is empty while the
    top is tied and undecided, or while nobody has a vote.
    """

    candidates: list[CandidateCount]
    valid: int
    superseded: int
    invalid: int
    invalid_by_reason: dict[str, int] = field(default_factory=dict)
    tied: bool = False
    leaders: list[str] = field(default_factory=list)
    decided: bool = False

    @property
    def paper_votes(self) -> int:
        return sum(c.paper_votes for c in self.candidates)

    @property
    def total_votes(self) -> int:
        return sum(c.votes for c in self.candidates)

    @property
    def top_votes(self) -> int:
        return max((c.votes for c in self.candidates), default=0)

    @property
    def top(self) -> list[CandidateCount]:
        """Everyone with the most votes (more than one when tied); empty with no votes."""
        best = self.top_votes
        return [c for c in self.candidates if best and c.votes == best]

    def as_json(self) -> dict[str, object]:
        """The shape ``csx-admin votes --format json`` prints."""
        return {
            "candidates": [
                {
                    "entry_id": c.entry_id,
                    "nominee": c.nominee,
                    "nominating_body": c.nominating_body,
                    "votes": c.votes,
                    "paper_votes": c.paper_votes,
                }
                for c in self.candidates
            ],
            "valid": self.valid,
            "superseded": self.superseded,
            "invalid": self.invalid,
            "invalid_by_reason": dict(self.invalid_by_reason),
            "tied": self.tied,
            "leaders": list(self.leaders),
        }


def tally(
    ballots: Iterable[Judged],
    candidates: Sequence[Candidate],
    *,
    paper: Mapping[int, int] | None = None,
    decided_winners: Sequence[int] | None = None,
) -> Tally:
    """Count ruled ballots (``judge_ballots`` or ``rule_ballots``) and paper totals per entry.

    ``decided_winners`` are the entry ids of a recorded decision, if there is one.
    """
    paper = paper or {}
    online: dict[int, int] = {}
    valid = superseded = invalid = 0
    by_reason: dict[str, int] = {}
    for ballot in ballots:
        if ballot.status is BallotStatus.VALID:
            valid += 1
            if ballot.entry_id is not None:
                online[ballot.entry_id] = online.get(ballot.entry_id, 0) + 1
        elif ballot.status is BallotStatus.SUPERSEDED:
            superseded += 1
        else:
            invalid += 1
            by_reason[ballot.reason] = by_reason.get(ballot.reason, 0) + 1
    counts = [
        CandidateCount(
            entry_id=c.entry_id,
            nominee=c.nominee,
            nominating_body=c.nominating_body,
            votes=online.get(c.entry_id, 0) + paper.get(c.entry_id, 0),
            paper_votes=paper.get(c.entry_id, 0),
        )
        for c in candidates
    ]
    counts.sort(key=lambda c: (-c.votes, name_key(c.nominee), c.entry_id))
    best = counts[0].votes if counts else 0
    top = [c for c in counts if best and c.votes == best]
    tied = len(top) > 1
    names = {c.entry_id: c.nominee for c in candidates}
    if decided_winners:
        leaders = [names.get(entry_id, f"entry {entry_id}") for entry_id in decided_winners]
    elif len(top) == 1:
        leaders = [top[0].nominee]
    else:
        leaders = []
    ordered_reasons = {r: by_reason[r] for r in INVALID_REASONS if r in by_reason}
    ordered_reasons.update({r: n for r, n in sorted(by_reason.items()) if r not in ordered_reasons})
    return Tally(
        candidates=counts,
        valid=valid,
        superseded=superseded,
        invalid=invalid,
        invalid_by_reason=ordered_reasons,
        tied=tied,
        leaders=leaders,
        decided=bool(decided_winners),
    )
