"""Shining Star in the round file: bodies, one nominee per body, paper votes, ties, decisions,
erasing voters."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from csx_desktop.domain.model import Nomination
from csx_desktop.domain.votes import NO_VOTER, NOT_ON_SHORTLIST
from csx_desktop.io.vote_import import import_votes
from csx_desktop.operations.decisions import record_decision
from csx_desktop.operations.results import ADMINISTRATOR
from csx_desktop.store import InputRefused, NotFound, Store


def nominate(store: Store, nominee: str, body: str) -> int:
    nomination = store.nominations.add(
        Nomination(store.ballots.category().id or 0, nominee, "A citation.", nominating_body=body)
    )
    assert nomination.entry_id is not None
    return nomination.entry_id


@pytest.fixture
def star(store: Store) -> Store:
    nominate(store, "Grace Etherington", "Adults, Health and Wellbeing")
    nominate(store, "Aaron Bulmer", "Children's Services")
    return store


def votes_file(tmp_path: Path, rows: list[tuple[str, str]], name: str = "votes.csv") -> Path:
    path = tmp_path / name
    lines = ["voter,choice,cast_at"]
    lines += [f"{voter},{choice},2026-04-01T10:{i:02d}" for i, (voter, choice) in enumerate(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def decide(store: Store, winner: int, reason: str = "") -> None:
    """Record the Shining Star decision as the Results area and the chair do."""
    category_id = store.ballots.category().id or 0
    record_decision(
        store, viewer=ADMINISTRATOR, category_id=category_id, winners=[winner], reason=reason
    )


def entry_id(store: Store, nominee: str) -> int:
    return next(c.entry_id for c in store.ballots.shortlist() if c.nominee == nominee)


def test_a_second_nomination_from_the_same_body_is_refused_with_a_clear_message(
    star: Store,
) -> None:
    with pytest.raises(InputRefused) as refused:
        nominate(star, "Kwame Mensah", "children's  services")
    message = str(refused.value)
    assert "Children's Services has already nominated Aaron Bulmer" in message
    assert "Kwame Mensah was not added" in message
    assert [c.nominee for c in star.ballots.shortlist()] == ["Grace Etherington", "Aaron Bulmer"]


def test_bodies_show_who_has_not_nominated_yet(star: Store) -> None:
    assert star.round.bodies_not_yet_nominated() == [
        "Community Services, Environment and Culture",
        "Finance, Development and Regeneration",
        "Corporate Services",
        "Xentrall Shared Services",
    ]
    status = dict(star.round.nominating_bodies_status())
    assert status["Children's Services"] == "Aaron Bulmer"


def test_bodies_can_be_added_renamed_and_removed_but_not_one_that_nominated(
    star: Store,
) -> None:
    star.round.add_nominating_body("  Public  Health ")
    assert star.round.nominating_bodies()[-1] == "Public Health"
    with pytest.raises(InputRefused, match="already a nominating body"):
        star.round.add_nominating_body("public health")
    star.round.rename_nominating_body("children's services", "Children and Families")
    assert "Children and Families" in star.round.nominating_bodies()
    assert star.ballots.shortlist()[1].nominating_body == "Children and Families"
    assert dict(star.round.nominating_bodies_status())["Children and Families"] == "Aaron Bulmer"
    with pytest.raises(InputRefused, match="has nominated Aaron Bulmer"):
        star.round.remove_nominating_body("Children and Families")
    star.round.remove_nominating_body("PUBLIC HEALTH")
    assert "Public Health" not in star.round.nominating_bodies()
    with pytest.raises(NotFound, match="not a nominating body"):
        star.round.remove_nominating_body("Public Health")


def test_paper_votes_are_added_to_the_tally_and_shown_apart(star: Store, tmp_path: Path) -> None:
    import_votes(star, votes_file(tmp_path, [("a@x.uk", "Grace Etherington")]))
    star.ballots.add_paper_votes_for("aaron bulmer", 3, "Kath Reed and Tom Dale")
    star.ballots.add_paper_votes_for("Aaron Bulmer", 1, "Kath Reed")
    count = star.ballots.tally()
    assert [(c.nominee, c.votes, c.paper_votes) for c in count.candidates] == [
        ("Aaron Bulmer", 4, 4),
        ("Grace Etherington", 1, 0),
    ]
    assert count.valid == 1 and count.paper_votes == 4
    assert [p.counted_by for p in star.ballots.paper_counts()] == [
        "Kath Reed and Tom Dale",
        "Kath Reed",
    ]
    with pytest.raises(InputRefused, match="negative"):
        star.ballots.add_paper_votes_for("Aaron Bulmer", -1, "Kath")
    with pytest.raises(InputRefused, match="who counted"):
        star.ballots.add_paper_votes_for("Aaron Bulmer", 1, "  ")
    with pytest.raises(NotFound):
        star.ballots.add_paper_votes_for("Nobody", 1, "Kath")
    first = star.ballots.paper_counts()[0]
    star.ballots.remove_paper_count(first.id or 0)
    assert star.ballots.tally().candidates[0].paper_votes == 1


def test_a_tie_has_no_leader_and_needs_a_decision_with_a_reason(
    star: Store, tmp_path: Path
) -> None:
    import_votes(
        star, votes_file(tmp_path, [("a@x.uk", "Grace Etherington"), ("b@x.uk", "Aaron Bulmer")])
    )
    count = star.ballots.tally()
    assert count.tied and count.leaders == []
    grace = entry_id(star, "Grace Etherington")
    with pytest.raises(InputRefused, match="Aaron Bulmer and Grace Etherington are tied"):
        decide(star, grace)
    assert star.counts()["decisions"] == 0
    decide(star, grace, reason="Drawn by lot at the panel, 14 May.")
    count = star.ballots.tally()
    assert count.tied and count.decided and count.leaders == ["Grace Etherington"]
    decision = star.decisions.current(star.ballots.category().id or 0)
    assert decision is not None and decision.reason == "Drawn by lot at the panel, 14 May."


def test_a_winner_who_is_not_top_needs_a_reason(star: Store, tmp_path: Path) -> None:
    import_votes(star, votes_file(tmp_path, [("a@x.uk", "Grace Etherington")]))
    assert star.ballots.tally().leaders == ["Grace Etherington"]
    with pytest.raises(InputRefused, match="Grace Etherington is rank 1"):
        decide(star, entry_id(star, "Aaron Bulmer"))
    decide(star, entry_id(star, "Grace Etherington"))  # the count says so: no reason needed
    assert star.ballots.tally().leaders == ["Grace Etherington"]


def test_erasing_voters_keeps_the_count_and_the_reasons(star: Store, tmp_path: Path) -> None:
    path = votes_file(
        tmp_path,
        [
            ("a@x.uk", "Grace Etherington"),
            ("A@x.uk", "Aaron Bulmer"),
            ("anonymous", "Aaron Bulmer"),
            ("b@x.uk", "Nobody"),
            ("c@x.uk", "Aaron Bulmer"),
        ],
    )
    import_votes(star, path)
    with pytest.raises(InputRefused, match="Record the Shining Star decision first"):
        star.ballots.erase_voter_keys()
    decide(star, entry_id(star, "Aaron Bulmer"))
    before = star.ballots.tally()
    assert before.as_json()["invalid_by_reason"] == {NO_VOTER: 1, NOT_ON_SHORTLIST: 1}
    assert (before.valid, before.superseded, before.invalid) == (2, 1, 2)
    assert star.ballots.erase_voter_keys() == 5
    assert {b.voter_key for b in star.ballots.ballots()} == {""}
    assert star.ballots.tally() == before
    assert [b.reason for b in star.ballots.ballots()][2:4] == [NO_VOTER, NOT_ON_SHORTLIST]
    with pytest.raises(InputRefused, match="already been erased"):
        star.ballots.erase_voter_keys()
    with pytest.raises(InputRefused, match="count is closed"):
        import_votes(star, votes_file(tmp_path, [("d@x.uk", "Aaron Bulmer")], "more.csv"))
    assert any(row["action"] == "erase voter keys" for row in star.audit_log())


def test_every_import_is_audited_and_recorded(star: Store, tmp_path: Path) -> None:
    import_votes(star, votes_file(tmp_path, [("a@x.uk", "Grace Etherington")]))
    imports = list(star.db.query("SELECT * FROM imports WHERE kind = 'ballots'"))
    assert [(i["file_name"], i["stored"], i["imported_by"]) for i in imports] == [
        ("votes.csv", 1, star.actor)
    ]
    assert star.audit_log(1)[0]["action"] == "import"


def test_a_refused_import_leaves_the_file_unchanged(star: Store, tmp_path: Path) -> None:
    assert star.path is not None
    path = tmp_path / "bad.csv"
    path.write_text("voter,choice,cast_at\na@x.uk,Grace Etherington,soon\n", encoding="utf-8")
    star.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = star.path.read_bytes()
    with pytest.raises(InputRefused):
        import_votes(star, path)
    star.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert star.path.read_bytes() == before


def test_a_window_set_after_the_import_applies_at_once_and_a_recount_stores_it(
    star: Store, tmp_path: Path
) -> None:
    import_votes(star, votes_file(tmp_path, [("a@x.uk", "Grace Etherington")]))
    star.round.update_settings(voting_closes=datetime(2026, 4, 1, 9, 0))
    assert star.ballots.tally().invalid == 1
    star.ballots.recount()
    assert str(star.ballots.ballots()[0].status) == "invalid"
