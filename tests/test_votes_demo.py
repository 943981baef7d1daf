"""The demo round's staff vote: untidy like a real one, and the same on every build."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from csx_desktop.demo import build_demo_round
from csx_desktop.demo.ballots import VOTING_CLOSES, VOTING_OPENS, add_demo_ballots
from csx_desktop.domain.votes import AFTER_WINDOW, NO_VOTER, NOT_ON_SHORTLIST
from csx_desktop.store import Store


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-votes") / "demo.csxawards"
    build_demo_round(path)
    with Store.open(path) as store:
        if not store.counts()["ballots"]:  # until the builder calls add_demo_ballots itself
            with store.write():
                add_demo_ballots(store)
    return path


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Store]:
    with Store.open(demo_path) as store:
        yield store


def test_a_few_hundred_untidy_ballots_and_one_paper_count(demo: Store) -> None:
    count = demo.ballots.tally()
    assert 300 <= count.valid + count.superseded + count.invalid <= 600
    assert count.superseded >= 10
    assert set(count.invalid_by_reason) == {NO_VOTER, NOT_ON_SHORTLIST, AFTER_WINDOW}
    assert count.invalid_by_reason[NOT_ON_SHORTLIST] >= 4
    assert len(demo.ballots.paper_counts()) == 1
    assert count.paper_votes > 0
    assert not count.tied and count.leaders == ["Grace Etherington"]
    # Some choices were typed with odd spacing or capitals and still counted.
    valid_choices = {b.choice for b in demo.ballots.counted() if str(b.status) == "valid"}
    assert "GRACE ETHERINGTON" in valid_choices or "  grace etherington" in valid_choices


def test_the_voting_window_fits_the_ballots(demo: Store) -> None:
    settings = demo.round.settings()
    assert (settings.voting_opens, settings.voting_closes) == (VOTING_OPENS, VOTING_CLOSES)
    assert demo.ballots.tally().invalid_by_reason[AFTER_WINDOW] == 3


def test_every_build_counts_the_same(demo: Store, tmp_path: Path) -> None:
    other = tmp_path / "again.csxawards"
    build_demo_round(other)
    with Store.open(other) as store:
        if not store.counts()["ballots"]:
            with store.write():
                add_demo_ballots(store)
        assert store.ballots.tally() == demo.ballots.tally()
