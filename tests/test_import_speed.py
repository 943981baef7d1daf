"""The quick ways the imports take give exactly what the plain ways gave.

The import speed budget (benchmarks/import_nominations.py, benchmarks/import_votes.py) is met
by shortcuts: UK time to UTC by arithmetic, voter keys a column at a time, rulings shared
between ballots, columns read with itemgetter, the names-as-typed check skipped for printable
names. Each is checked here against the plain way it replaces, on awkward inputs too (the
hours the clocks change, invisible characters, ragged rows).
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from csx_desktop.domain.model import Ballot, BallotStatus, Nomination
from csx_desktop.domain.names import clean_text
from csx_desktop.domain.times import UK_TIME, to_utc
from csx_desktop.domain.votes import (
    FIRST,
    LATEST,
    NO_CHOICE,
    NO_VOTER,
    NOT_ON_SHORTLIST,
    Candidate,
    ImportedBallot,
    rule_ballots,
    voter_key,
    voter_keys,
)
from csx_desktop.io.reading import column_texts
from csx_desktop.store.database import as_typed
from csx_desktop.store.nominations import _typed_names

# ---- UK time to UTC ------------------------------------------------------------------------


def _plain_to_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UK_TIME).astimezone(UTC)


def test_to_utc_by_arithmetic_is_astimezone_through_the_hours_the_clocks_change() -> None:
    # Every 7 minutes (and a few seconds and microseconds) across both days the clocks
    # change in 2026, both folds: the gap in March and the repeated hour in October.
    moments = []
    for day in (datetime(2026, 3, 29), datetime(2026, 10, 25), datetime(2026, 7, 1)):
        for step in range(0, 24 * 60, 7):
            moment = day + timedelta(minutes=step, seconds=step % 60, microseconds=step)
            moments += [moment, moment.replace(fold=1)]
    for moment in moments:
        quick, plain = to_utc(moment), _plain_to_utc(moment)
        assert (quick, quick.tzinfo, quick.isoformat()) == (plain, plain.tzinfo, plain.isoformat())


@given(st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 12, 30)))
def test_to_utc_by_arithmetic_is_astimezone_for_any_time(moment: datetime) -> None:
    assert to_utc(moment).isoformat() == _plain_to_utc(moment).isoformat()
    assert to_utc(moment).tzinfo is UTC


# ---- voter keys a column at a time ---------------------------------------------------------

_AWKWARD = st.text(
    alphabet=st.sampled_from(
        [*"aZ09@. -_", "\t", "\n", "\u00a0", "\u200b", "\x00", "\u202e", "É", "ß", "İ"]
    ),
    max_size=20,
)


@given(st.lists(_AWKWARD, max_size=20))
def test_voter_keys_are_voter_key_of_each(texts: list[str]) -> None:
    assert voter_keys(texts) == [voter_key(text) for text in texts]


# ---- columns read in one pass --------------------------------------------------------------


def _plain_column(rows: list[tuple[int, list[object]]], index: int) -> list[str]:
    from csx_desktop.io.reading import _other_text

    values = [cells[index] if index < len(cells) else None for _, cells in rows]
    return [clean_text(v.strip()) if isinstance(v, str) else _other_text(v) for v in values]


def test_column_texts_read_every_row_the_same_way_ragged_or_not() -> None:
    rows: list[tuple[int, list[object]]] = [
        (2, [" a ", 5, datetime(2026, 3, 1, 9, 30)]),
        (3, ["b\u200b", 5.0, None]),
        (4, ["", True, "  x  "]),
    ]
    for index in range(3):
        assert column_texts(rows, index) == _plain_column(rows, index)
    ragged = [*rows, (5, ["only one"])]
    for index in range(3):
        assert column_texts(ragged, index) == _plain_column(ragged, index)
    assert column_texts([], 0) == []
    assert column_texts(rows, None) == ["", "", ""]


# ---- rulings: the quick loop against a plain reading of the rules --------------------------

SHORTLIST = [Candidate(1, "Grace Etherington"), Candidate(2, "Aaron Bulmer")]


def _plain_rulings(
    ballots: list[Ballot], rule: str, opens: datetime | None, closes: datetime | None
) -> list[tuple[str, str, int | None]]:
    """The rules read plainly: judge each ballot alone, then per voter keep the latest (or
    first) by time, then by arrival; a ballot without a time comes before any timed one."""
    entries = {"graceetherington": 1, "aaronbulmer": 2}
    judged: list[tuple[str, str, int | None]] = []
    for ballot in ballots:
        key = "".join(ch for ch in ballot.choice.lower() if ch.isalnum())
        entry = entries.get(key)
        reason = "" if entry else NOT_ON_SHORTLIST if key else NO_CHOICE
        if ballot.voter_key in {"", "anonymous", "anon", "unknown", "n/a", "na", "none", "-"}:
            reason = NO_VOTER
        elif not reason and (opens or closes):
            cast = ballot.cast_at
            if cast is None:
                reason = "no time recorded to check against the voting window"
            elif opens and cast < opens:
                reason = "cast before voting opened"
            elif closes and cast > closes:
                reason = "cast after voting closed"
        judged.append(("invalid" if reason else "valid", reason, entry))
    floor = datetime.min.replace(tzinfo=UTC)
    voters: dict[str, list[int]] = {}
    for index, (status, _, _) in enumerate(judged):
        if status == "valid":
            voters.setdefault(ballots[index].voter_key, []).append(index)
    for indexes in voters.values():
        order = sorted(indexes, key=lambda i: (ballots[i].cast_at or floor, i))
        kept = order[-1] if rule == LATEST else order[0]
        which = "later" if rule == LATEST else "first"
        for index in indexes:
            if index != kept:
                reason = f"the same voter's {which} ballot counts (row {ballots[kept].source_row})"
                judged[index] = ("superseded", reason, judged[index][2])
    return judged


def _random_ballots(rng: random.Random, count: int) -> list[Ballot]:
    start = datetime(2026, 4, 1, 8, tzinfo=UTC)
    voters = [f"person{i}@council.gov.uk" for i in range(count // 3 + 1)] + ["anonymous", ""]
    choices = ["Grace Etherington", "AARON BULMER", "Grace Etheringtan", ""]
    ballots = []
    for row in range(2, count + 2):
        roll = rng.random()
        cast = None if roll < 0.05 else start + timedelta(minutes=rng.randint(0, 40))
        if cast is not None and roll > 0.9:
            cast = cast.astimezone(UK_TIME)  # a zone other than UTC: converted for comparing
        ballots.append(
            Ballot(
                voter_key=rng.choice(voters),
                choice=rng.choice(choices),
                cast_at=cast,
                source_row=row,
            )
        )
    return ballots


def test_quick_rulings_are_the_rules_read_plainly() -> None:
    rng = random.Random(11)
    opens = datetime(2026, 4, 1, 8, 10, tzinfo=UTC)
    closes = datetime(2026, 4, 1, 8, 30, tzinfo=UTC)
    for trial in range(60):
        ballots = _random_ballots(rng, rng.randint(0, 60))
        rule = (LATEST, FIRST)[trial % 2]
        window = ((None, None), (opens, None), (None, closes), (opens, closes))[trial % 4]
        rulings = rule_ballots(ballots, SHORTLIST, rule=rule, opens=window[0], closes=window[1])
        quick = [(str(r.status), r.reason, r.entry_id) for r in rulings]
        assert quick == _plain_rulings(ballots, rule, *window)


def test_rulings_of_imported_rows_and_stored_ballots_are_alike() -> None:
    """An import judges its new rows (``ImportedBallot``) beside the stored ``Ballot``s."""
    cast = datetime(2026, 4, 1, 9, tzinfo=UTC)
    stored = Ballot(voter_key="a@x.uk", choice="Aaron Bulmer", cast_at=cast, source_row=2)
    imported = ImportedBallot(
        row=3, voter_key="a@x.uk", choice="Grace Etherington", cast_at=cast + timedelta(hours=1)
    )
    as_ballot = Ballot(
        voter_key=imported.voter_key,
        choice=imported.choice,
        cast_at=imported.cast_at,
        source_row=imported.row,
    )
    assert imported.source_row == 3
    assert rule_ballots([stored, imported], SHORTLIST) == rule_ballots(
        [stored, as_ballot], SHORTLIST
    )
    first, second = rule_ballots([stored, imported], SHORTLIST)
    assert first.status is BallotStatus.SUPERSEDED and "(row 3)" in first.reason
    assert second.status is BallotStatus.VALID and second.entry_id == 1


# ---- names as typed ------------------------------------------------------------------------


@given(_AWKWARD, _AWKWARD, st.lists(_AWKWARD, max_size=3))
def test_names_as_typed_are_kept_exactly_when_tidying_removed_something(
    nominee: str, nominator: str, members: list[str]
) -> None:
    nomination = Nomination(
        1, nominee, "A citation.", team_members=tuple(members), nominator_name=nominator
    )
    assert _typed_names(nomination) == as_typed(
        nominee=nominee, nominator_name=nominator, team_members="; ".join(members)
    )


# ---- no collector pauses -------------------------------------------------------------------


def test_the_collector_is_off_during_the_work_and_as_it_was_after() -> None:
    import gc

    from csx_desktop.io.bulk import no_collector_pauses

    assert gc.isenabled()
    with no_collector_pauses():
        assert not gc.isenabled()
        with no_collector_pauses():  # nested (an import inside an import's steps)
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    try:
        with no_collector_pauses():
            raise RuntimeError("a refused import")
    except RuntimeError:
        pass
    assert gc.isenabled()
    gc.disable()  # someone else turned it off: left off
    try:
        with no_collector_pauses():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_import_leaves_the_collector_on(tmp_path: Path) -> None:
    import gc

    from csx_desktop.io.nomination_import import import_nominations
    from csx_desktop.store import Store

    export = tmp_path / "nominations.csv"
    export.write_text(
        "Category,Nominee,Citation,Nominator email\n"
        "The Extra Mile,Zoë Nowak,Always there.,a@council.gov.uk\n",
        encoding="utf-8",
    )
    with Store.create(tmp_path / "round.csxawards", name="Round", year=2026) as store:
        report = import_nominations(store, export)
    assert report.committed and report.stored == 1
    assert gc.isenabled()


@given(st.lists(st.one_of(_AWKWARD, st.text(max_size=8)), max_size=4))
def test_team_lists_are_written_as_json_writes_them(names: list[str]) -> None:
    import json

    from csx_desktop.store.nominations import _json_text

    assert _json_text(names) == json.dumps(names, ensure_ascii=False)


@given(st.lists(_AWKWARD, max_size=6))
def test_answers_with_line_breaks_are_cleaned_as_clean_text_cleans_them(texts: list[str]) -> None:
    rows: list[tuple[int, list[object]]] = [(n, [text]) for n, text in enumerate(texts, 2)]
    assert column_texts(rows, 0) == [clean_text(text.strip()) for text in texts]
