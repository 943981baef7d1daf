"""The Shining Star counting rules in ``domain.votes``, on plain objects."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from csx_desktop.domain.model import Ballot, BallotStatus
from csx_desktop.domain.times import to_utc
from csx_desktop.domain.votes import (
    AFTER_WINDOW,
    AMBIGUOUS_CHOICE,
    BEFORE_WINDOW,
    NO_CHOICE,
    NO_TIME,
    NO_VOTER,
    NOT_ON_SHORTLIST,
    Candidate,
    ShortlistMatcher,
    is_usable_voter,
    judge_ballots,
    tally,
    voter_key,
)

SHORTLIST = [
    Candidate(1, "Grace Etherington", "Adults, Health and Wellbeing"),
    Candidate(2, "Aaron Bulmer", "Children's Services"),
    Candidate(3, "Siobhán O'Neill", "Corporate Services"),
]
T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)


def ballot(row: int, voter: str, choice: str, minutes: int | None = 0) -> Ballot:
    cast_at = None if minutes is None else T0 + timedelta(minutes=minutes)
    return Ballot(voter_key=voter_key(voter), choice=choice, cast_at=cast_at, source_row=row)


def statuses(judged: list[Ballot]) -> list[tuple[int, str, str]]:
    return [(b.source_row, str(b.status), b.reason) for b in judged]


def test_voter_keys_are_trimmed_lower_case_and_blank_or_anonymous_is_nobody() -> None:
    assert voter_key("  Jane.Smith@Stockton.GOV.uk ") == "jane.smith@stockton.gov.uk"
    assert voter_key(" 004512 ") == "004512"
    assert not is_usable_voter(voter_key(""))
    assert not is_usable_voter(voter_key("  Anonymous "))
    assert is_usable_voter(voter_key("004512"))


def test_choices_match_ignoring_case_spacing_punctuation_and_an_option_tail() -> None:
    matcher = ShortlistMatcher(SHORTLIST)
    assert matcher.match("  grace   ETHERINGTON ") == (1, "")
    assert matcher.match("siobhán oneill") == (3, "")
    assert matcher.match("Aaron Bulmer (Youth Service)") == (2, "")
    assert matcher.match("Aaron Bulmer – Children's Services") == (2, "")
    assert matcher.match("Aaron Bulmber") == (None, NOT_ON_SHORTLIST)
    assert matcher.match("   ") == (None, NO_CHOICE)
    # Accents are part of a name: "Siobhan" is not assumed to be "Siobhán".
    assert matcher.match("Siobhan O'Neill") == (None, NOT_ON_SHORTLIST)
    twins = ShortlistMatcher([Candidate(1, "Sam Lee"), Candidate(2, "Sam  Lee")])
    assert twins.match("sam lee") == (None, AMBIGUOUS_CHOICE)


def test_latest_ballot_counts_and_earlier_ones_are_superseded_whatever_the_order() -> None:
    ballots = [
        ballot(2, "jo@x.uk", "Grace Etherington", minutes=30),
        ballot(3, "JO@x.uk ", "Aaron Bulmer", minutes=10),  # earlier, though later in file
        ballot(4, " jo@X.UK", "aaron bulmer", minutes=20),
        ballot(5, "kim@x.uk", "Aaron Bulmer", minutes=5),
    ]
    judged = judge_ballots(ballots, SHORTLIST)
    assert statuses(judged) == [
        (2, "valid", ""),
        (3, "superseded", "the same voter's later ballot counts (row 2)"),
        (4, "superseded", "the same voter's later ballot counts (row 2)"),
        (5, "valid", ""),
    ]
    assert [b.entry_id for b in judged] == [1, 2, 2, 2]


def test_first_ballot_counts_under_the_first_rule() -> None:
    ballots = [
        ballot(2, "jo@x.uk", "Grace Etherington", minutes=30),
        ballot(3, "jo@x.uk", "Aaron Bulmer", minutes=10),
    ]
    judged = judge_ballots(ballots, SHORTLIST, rule="first")
    assert statuses(judged) == [
        (2, "superseded", "the same voter's first ballot counts (row 3)"),
        (3, "valid", ""),
    ]


def test_equal_times_or_no_times_fall_back_to_the_order_received() -> None:
    same = [ballot(2, "jo@x.uk", "Grace Etherington"), ballot(3, "jo@x.uk", "Aaron Bulmer")]
    assert [str(b.status) for b in judge_ballots(same, SHORTLIST)] == ["superseded", "valid"]
    untimed = [
        ballot(2, "jo@x.uk", "Grace Etherington", minutes=None),
        ballot(3, "jo@x.uk", "Aaron Bulmer", minutes=None),
    ]
    assert [str(b.status) for b in judge_ballots(untimed, SHORTLIST, rule="first")] == [
        "valid",
        "superseded",
    ]


def test_a_later_spoilt_ballot_does_not_cancel_a_voters_valid_one() -> None:
    ballots = [
        ballot(2, "jo@x.uk", "Grace Etherington", minutes=1),
        ballot(3, "jo@x.uk", "Somebody Else", minutes=2),
    ]
    assert statuses(judge_ballots(ballots, SHORTLIST)) == [
        (2, "valid", ""),
        (3, "invalid", NOT_ON_SHORTLIST),
    ]


def test_invalid_reasons_and_the_voting_window() -> None:
    opens = datetime(2026, 4, 1, 10, 0)  # UK local (BST): 09:00 UTC
    closes = datetime(2026, 4, 1, 11, 0)  # 10:00 UTC
    ballots = [
        ballot(2, "", "Grace Etherington", minutes=10),
        ballot(3, "anonymous", "Grace Etherington", minutes=10),
        ballot(4, "a@x.uk", "", minutes=10),
        ballot(5, "b@x.uk", "Nobody", minutes=10),
        ballot(6, "c@x.uk", "Grace Etherington", minutes=-1),
        ballot(7, "d@x.uk", "Grace Etherington", minutes=61),
        ballot(8, "e@x.uk", "Grace Etherington", minutes=None),
        ballot(9, "f@x.uk", "Grace Etherington", minutes=0),  # on the opening minute
        ballot(10, "g@x.uk", "Grace Etherington", minutes=60),  # on the closing minute
    ]
    judged = judge_ballots(ballots, SHORTLIST, opens=opens, closes=closes)
    assert statuses(judged) == [
        (2, "invalid", NO_VOTER),
        (3, "invalid", NO_VOTER),
        (4, "invalid", NO_CHOICE),
        (5, "invalid", NOT_ON_SHORTLIST),
        (6, "invalid", BEFORE_WINDOW),
        (7, "invalid", AFTER_WINDOW),
        (8, "invalid", NO_TIME),
        (9, "valid", ""),
        (10, "valid", ""),
    ]
    # Without a window, an untimed ballot counts.
    assert judge_ballots([ballots[6]], SHORTLIST)[0].status is BallotStatus.VALID


def test_times_without_a_zone_are_uk_local_time() -> None:
    assert to_utc(datetime(2026, 7, 1, 10, 30)) == datetime(2026, 7, 1, 9, 30, tzinfo=UTC)
    assert to_utc(datetime(2026, 1, 15, 10, 30)) == datetime(2026, 1, 15, 10, 30, tzinfo=UTC)


def test_tally_adds_paper_votes_and_orders_by_votes() -> None:
    ballots = judge_ballots(
        [
            ballot(2, "a@x.uk", "Grace Etherington"),
            ballot(3, "b@x.uk", "Grace Etherington"),
            ballot(4, "c@x.uk", "Aaron Bulmer"),
            ballot(5, "", "Aaron Bulmer"),
        ],
        SHORTLIST,
    )
    count = tally(ballots, SHORTLIST, paper={2: 3})
    assert [(c.nominee, c.votes, c.paper_votes) for c in count.candidates] == [
        ("Aaron Bulmer", 4, 3),
        ("Grace Etherington", 2, 0),
        ("Siobhán O'Neill", 0, 0),
    ]
    assert (count.valid, count.superseded, count.invalid) == (3, 0, 1)
    assert count.invalid_by_reason == {NO_VOTER: 1}
    assert not count.tied
    assert count.leaders == ["Aaron Bulmer"]


def test_a_tie_at_the_top_has_no_leader_until_a_decision_names_one() -> None:
    ballots = judge_ballots(
        [ballot(2, "a@x.uk", "Grace Etherington"), ballot(3, "b@x.uk", "Aaron Bulmer")],
        SHORTLIST,
    )
    count = tally(ballots, SHORTLIST)
    assert count.tied and count.leaders == [] and not count.decided
    assert [c.nominee for c in count.top] == ["Aaron Bulmer", "Grace Etherington"]
    decided = tally(ballots, SHORTLIST, decided_winners=[1])
    assert decided.tied and decided.leaders == ["Grace Etherington"] and decided.decided


def test_no_votes_is_neither_a_tie_nor_a_lead() -> None:
    count = tally([], SHORTLIST)
    assert not count.tied and count.leaders == [] and count.top == []


voters = st.sampled_from(["a@x.uk", "A@x.uk ", "b@x.uk", "c@x.uk", "", "anonymous", "d@x.uk"])
choices = st.sampled_from(["Grace Etherington", "aaron  bulmer", "Nobody", "", "SIOBHÁN O'NEILL"])
ballot_lists = st.lists(
    st.tuples(voters, choices, st.integers(min_value=0, max_value=50)), max_size=40
)


@given(ballot_lists, st.sampled_from(["latest", "first"]))
def test_every_usable_voter_has_exactly_one_counting_ballot(
    rows: list[tuple[str, str, int]], rule: str
) -> None:
    ballots = [ballot(i + 2, v, c, m) for i, (v, c, m) in enumerate(rows)]
    judged = judge_ballots(ballots, SHORTLIST, rule=rule)
    eligible_voters = {b.voter_key for b in judged if b.status is not BallotStatus.INVALID}
    valid_voters = [b.voter_key for b in judged if b.status is BallotStatus.VALID]
    assert sorted(valid_voters) == sorted(eligible_voters)  # one each, no one lost
    count = tally(judged, SHORTLIST)
    assert count.valid + count.superseded + count.invalid == len(ballots)
    assert sum(c.votes for c in count.candidates) == count.valid
    assert sum(count.invalid_by_reason.values()) == count.invalid
    # The counting ballot is the voter's latest (or first) by time.
    for b in judged:
        if b.status is BallotStatus.VALID:
            times = [
                o.cast_at
                for o in judged
                if o.voter_key == b.voter_key and o.status is not BallotStatus.INVALID
            ]
            assert b.cast_at == (max(times) if rule == "latest" else min(times))


@given(ballot_lists)
def test_the_tally_does_not_depend_on_the_order_of_ballots_with_distinct_times(
    rows: list[tuple[str, str, int]],
) -> None:
    ballots = [ballot(i + 2, v, c, i) for i, (v, c, _) in enumerate(rows)]
    shuffled = ballots[:]
    random.Random(len(rows)).shuffle(shuffled)
    first = tally(judge_ballots(ballots, SHORTLIST), SHORTLIST)
    second = tally(judge_ballots(shuffled, SHORTLIST), SHORTLIST)
    assert first == second


def test_voter_keys_differing_only_by_invisible_characters_count_once() -> None:
    """A NUL, a zero-width space or a direction override pasted into a voter's email is the
    same voter: their latest ballot counts, the other is superseded (the count is one)."""
    assert voter_key("jo@x.uk") == voter_key("jo@x\x00.uk") == voter_key("\u202ejo@x.uk\u200b")
    ballots = [
        ballot(2, "jo@x.uk", "Grace Etherington", minutes=10),
        ballot(3, "jo@x\x00.uk", "Aaron Bulmer", minutes=20),
        ballot(4, "\ufeffjo@x.uk\u202e", "Aaron Bulmer", minutes=5),
    ]
    judged = judge_ballots(ballots, SHORTLIST)
    assert [str(b.status) for b in judged] == ["superseded", "valid", "superseded"]
    counted = tally(judged, SHORTLIST)
    assert (counted.valid, counted.superseded) == (1, 2)
    assert sum(c.votes for c in counted.candidates) == 1
