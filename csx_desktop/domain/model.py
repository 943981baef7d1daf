"""The vocabulary of an awards round as plain dataclasses (see DESIGN.md, "Vocabulary").

Nothing here touches SQL, files or Qt: the store turns rows into these objects and back, and
the rules in the other ``domain`` modules work on them. Identifiers are the round file's
integer row ids; ``None`` means "not stored yet".
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime

from csx_desktop.domain.round_rules import default_of


class Method(enum.StrEnum):
    """How a category is decided."""

    PANEL = "panel"
    STAFF_VOTE = "staff vote"


class NomineeKind(enum.StrEnum):
    """Who a category's entries are: one person, or a team with members."""

    INDIVIDUAL = "individual"
    TEAM = "team"


class PanelGroup(enum.StrEnum):
    """The three groups the seed papers name as the judging panel."""

    CATALYST = "catalyst"
    CSE_ASSESSOR = "cse_assessor"
    OFFICER = "officer"

    @property
    def label(self) -> str:
        return PANEL_GROUP_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> PanelGroup:
        """Accept the stored value or any reasonable spelling of the label."""
        key = "".join(ch for ch in text.lower() if ch.isalnum())
        for group, words in _PANEL_GROUP_WORDS.items():
            if any(word in key for word in words):
                return group
        raise ValueError(
            f"unknown panel group {text!r}: use Catalyst voice forum, CSE assessor or "
            "council officer"
        )


PANEL_GROUP_LABELS: dict[PanelGroup, str] = {
    PanelGroup.CATALYST: "Catalyst voice forum",
    PanelGroup.CSE_ASSESSOR: "Customer Service Excellence assessor",
    PanelGroup.OFFICER: "Council officer",
}

_PANEL_GROUP_WORDS: dict[PanelGroup, tuple[str, ...]] = {
    PanelGroup.CATALYST: ("catalyst", "voiceforum", "community"),
    PanelGroup.CSE_ASSESSOR: ("cse", "assessor", "customerserviceexcellence"),
    PanelGroup.OFFICER: ("officer", "council"),
}


class InterestKind(enum.StrEnum):
    """The kinds of interest in the council's code of conduct (seed cabinet report)."""

    PERSONAL = "personal"
    PREJUDICIAL = "prejudicial"
    PECUNIARY = "pecuniary"

    @property
    def label(self) -> str:
        return INTEREST_KIND_LABELS[self]


INTEREST_KIND_LABELS: dict[InterestKind, str] = {
    InterestKind.PERSONAL: "Personal interest (I know them)",
    InterestKind.PREJUDICIAL: (
        "Prejudicial (a member of the public would think it affects my judgement)"
    ),
    InterestKind.PECUNIARY: "Disclosable pecuniary interest",
}


class NominationStatus(enum.StrEnum):
    """Whether a nomination counts towards its entry."""

    ELIGIBLE = "eligible"
    INELIGIBLE = "ineligible"
    WITHDRAWN = "withdrawn"


class EntryStatus(enum.StrEnum):
    """Whether an entry is in front of the panel."""

    ACTIVE = "active"
    MERGED = "merged"  # its nominations moved into another entry; kept for the record
    WITHDRAWN = "withdrawn"
    INELIGIBLE = "ineligible"


class BallotStatus(enum.StrEnum):
    VALID = "valid"
    SUPERSEDED = "superseded"
    INVALID = "invalid"


class AwardLevel(enum.StrEnum):
    """What a decision gives an entry, and so what its certificate says."""

    WINNER = "winner"
    HIGHLY_COMMENDED = "highly_commended"
    NOMINATED = "nominated"

    @property
    def label(self) -> str:
        return {
            AwardLevel.WINNER: "Winner",
            AwardLevel.HIGHLY_COMMENDED: "Highly Commended",
            AwardLevel.NOMINATED: "Nominated",
        }[self]


@dataclass(frozen=True, slots=True)
class Criterion:
    """One line of a category's rubric, scored 0..max_score."""

    name: str
    description: str
    descriptors: tuple[str, ...]  # one per point, index = score
    weight: float = 1.0
    max_score: int = 5
    id: int | None = None
    category_id: int | None = None
    position: int = 0

    def descriptor_for(self, score: int) -> str:
        if 0 <= score < len(self.descriptors):
            return self.descriptors[score]
        return ""


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    method: Method
    nominee_kind: NomineeKind
    description: str  # the seed wording: what the panel looks for
    recognition: str  # the line of recognition printed on certificates
    id: int | None = None
    position: int = 0
    criteria: tuple[Criterion, ...] = ()

    @property
    def is_panel_scored(self) -> bool:
        return self.method is Method.PANEL


@dataclass(frozen=True, slots=True)
class Nomination:
    """One nominator's submission, as received."""

    category_id: int
    nominee: str
    citation: str
    team_members: tuple[str, ...] = ()
    service: str = ""
    nominating_body: str = ""
    nominator_name: str = ""
    nominator_email: str = ""
    relationship: str = ""
    received_at: datetime | None = None
    source: str = ""  # the export it came from, or "typed in"
    response_id: str = ""
    status: NominationStatus = NominationStatus.ELIGIBLE
    status_reason: str = ""
    id: int | None = None
    entry_id: int | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """A candidate in a category: one nominee with one or more nominations."""

    category_id: int
    nominee: str
    kind: NomineeKind = NomineeKind.INDIVIDUAL
    team_members: tuple[str, ...] = ()
    service: str = ""
    nominating_body: str = ""
    status: EntryStatus = EntryStatus.ACTIVE
    status_reason: str = ""
    id: int | None = None
    merged_into: int | None = None
    nomination_count: int = 0


@dataclass(frozen=True, slots=True)
class PanelMember:
    name: str
    group: PanelGroup
    category_ids: frozenset[int] = frozenset()
    is_chair: bool = False
    has_pin: bool = False
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Interest:
    """A member's declared interest in an entry: they stand aside from it."""

    member_id: int
    entry_id: int
    kind: InterestKind
    note: str = ""
    declared_by: str = ""
    declared_at: datetime | None = None
    id: int | None = None


class Keying(enum.StrEnum):
    """How far a sheet keyed in from paper has been checked (None: scored in the app, by
    the member or through their judging pack, so there is nothing to check).

    Under the round rule "paper sheets keyed twice" (``RoundSettings.paper_keying``) only a
    sheet scored in the app or one whose two keyings agree counts; with "once" every keyed
    sheet counts as before.
    """

    ONCE = "once"  # keyed in from paper; not keyed a second time since it last changed
    DIFFERS = "differs"  # keyed a second time, and the two keyings give different scores
    AGREED = "agreed"  # keyed a second time, and both keyings give the same scores


# The value of the rule ``paper_keying`` that needs two keyings that agree.
PAPER_KEYED_TWICE = "twice"


def keying_counts(keying: Keying | None, paper_keying: str) -> bool:
    """Whether a sheet in this keying state may count under the round's paper-sheet rule."""
    return paper_keying != PAPER_KEYED_TWICE or keying is None or keying is Keying.AGREED


@dataclass(frozen=True, slots=True)
class Scoresheet:
    """One member's scores for one entry; scores maps criterion id to 0..max."""

    member_id: int
    entry_id: int
    scores: dict[int, int] = field(default_factory=dict)
    comment: str = ""
    submitted: bool = False
    updated_at: datetime | None = None
    keying: Keying | None = None  # a paper sheet's checks (None: scored in the app)

    def is_complete(self, criteria: tuple[Criterion, ...]) -> bool:
        return all(c.id in self.scores for c in criteria)

    def is_started(self) -> bool:
        return bool(self.scores) or bool(self.comment)


@dataclass(frozen=True, slots=True)
class Decision:
    """The panel's recorded decision for a category."""

    category_id: int
    winners: tuple[int, ...]  # entry ids; more than one means joint winners
    highly_commended: tuple[int, ...] = ()
    reason: str = ""
    recorded_by: str = ""
    recorded_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Ballot:
    """One staff vote for Shining Star, as imported (kept even when invalid)."""

    voter_key: str
    choice: str
    cast_at: datetime | None
    source: str = ""
    source_row: int = 0
    entry_id: int | None = None
    status: BallotStatus = BallotStatus.VALID
    reason: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class PaperCount:
    """Paper ballots counted by hand for one candidate."""

    entry_id: int
    count: int
    counted_by: str
    recorded_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Signatory:
    name: str = ""
    title: str = ""
    signature_image: str = ""  # path to an image file, optional


@dataclass(frozen=True, slots=True)
class Logo:
    """The council's logo for the certificates, kept in the round file itself (not a path):
    ``kind`` is "png" or "svg", ``data`` the file's bytes, ``name`` the file it came from."""

    kind: str
    data: bytes = field(repr=False)
    name: str = ""


@dataclass(frozen=True, slots=True)
class RoundSettings:
    """A round's settings; every scoring threshold of DESIGN.md is one of these.

    The rules (``min_judges`` to ``tie_rule``) are declared in ``domain.round_rules``; their
    defaults here are for a round being made, and for tests. A stored round always carries
    its own value of every rule (``store.rounds`` refuses one that does not), so a default
    changed in a later version never re-ranks a past round."""

    name: str
    year: int
    ceremony_date: date | None = None
    signatories: tuple[Signatory, Signatory] = (Signatory(), Signatory())
    voting_opens: datetime | None = None
    voting_closes: datetime | None = None
    min_judges: int = default_of("min_judges", int)
    aggregate: str = default_of("aggregate", str)  # "mean" or "median"
    disagreement_threshold: float = default_of("disagreement_threshold", float)
    ballot_rule: str = default_of("ballot_rule", str)  # "latest" or "first"
    paper_keying: str = default_of("paper_keying", str)  # "once" or "twice"
    tie_rule: str = default_of("tie_rule", str)  # "chair": a recorded decision
    council_logo: Logo | None = None  # printed on every certificate when set

    @property
    def paper_keyed_twice(self) -> bool:
        """A paper sheet counts only once two keyings of it agree (the rule ``paper_keying``)."""
        return self.paper_keying == PAPER_KEYED_TWICE
