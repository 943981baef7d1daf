"""The Shining Star's paper counts and voters' details through the operations: a count
added after the decision is refused (it would change the count the decision rests on), by
the window's path and the command line's alike; erasing voters' details says what it did."""

from __future__ import annotations

from pathlib import Path

import pytest

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination
from csx_desktop.operations import votes
from csx_desktop.operations.decisions import record_decision
from csx_desktop.operations.results import ADMINISTRATOR
from csx_desktop.store import InputRefused, Store

GRACE, AARON = "Grace Etherington", "Aaron Bulmer"


@pytest.fixture
def star(store: Store) -> Store:
    category_id = store.ballots.category().id or 0
    for nominee, body in ((GRACE, "Adults, Health and Wellbeing"), (AARON, "Children's Services")):
        store.nominations.add(Nomination(category_id, nominee, "A citation.", nominating_body=body))
    return store


def test_paper_votes_by_entry_or_by_name_say_what_was_added(star: Store) -> None:
    grace = star.ballots.shortlist()[0]
    by_entry = votes.add_paper_count(star, entry_id=grace.entry_id, count=12, counted_by="Kath")
    by_name = votes.add_paper_count(star, nominee="aaron  bulmer", count=1, counted_by="Tom")
    assert by_entry.summary() == f"Added 12 votes on paper for {grace.nominee}, counted by Kath."
    assert by_name.summary() == f"Added 1 vote on paper for {AARON}, counted by Tom."
    assert sorted(star.ballots.paper_totals().values()) == [1, 12]


def test_no_paper_votes_once_the_decision_is_recorded_by_any_path(
    star: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    grace = next(c for c in star.ballots.shortlist() if c.nominee == GRACE)
    votes.add_paper_count(star, entry_id=grace.entry_id, count=3, counted_by="Kath")
    record_decision(
        star,
        viewer=ADMINISTRATOR,
        category_id=star.ballots.category().id or 0,
        winners=[grace.entry_id],
    )
    with pytest.raises(InputRefused, match="decision is recorded"):
        votes.add_paper_count(star, entry_id=grace.entry_id, count=40, counted_by="Tom")
    star.close()
    args = ["add-paper-votes", str(round_path), "--nominee", AARON, "--count", "40"]
    assert main([*args, "--counted-by", "Tom"]) == 1
    assert "decision is recorded" in capsys.readouterr().err
    with Store.open(round_path) as again:
        assert list(again.ballots.paper_totals().values()) == [3]
