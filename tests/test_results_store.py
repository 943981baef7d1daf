"""Results read from a real round file, decisions recorded against them, and the commands."""

from __future__ import annotations

import gc
import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from csx_desktop.cli.main import main
from csx_desktop.domain.model import InterestKind, Nomination
from csx_desktop.domain.scoring import Flag
from csx_desktop.operations import decisions
from csx_desktop.operations.results import ADMINISTRATOR
from csx_desktop.store import InputRefused, Store
from csx_desktop.store.results import (
    SheetStatus,
    category_results,
    load_results,
    sheet_details,
)


def record_decision(store: Store, **kwargs: object) -> object:
    """The administrator records a decision through the operation (every rule checked)."""
    return decisions.record_decision(store, viewer=ADMINISTRATOR, **kwargs)  # type: ignore[arg-type]


def reopen_decision(store: Store, **kwargs: object) -> object:
    return decisions.reopen_decision(store, viewer=ADMINISTRATOR, **kwargs)  # type: ignore[arg-type]


def _submit_all(store: Store, category: str = "Pride of Stockton") -> None:
    """Every member judging the category submits it: no sheets are left open."""
    category_id = _category_id(store, category)
    for member in store.panel.members_judging(category_id):
        assert member.id is not None
        store.scores.submit_category(member.id, category_id)


def _category_id(store: Store, name: str = "Pride of Stockton") -> int:
    category_id = store.round.category_named(name).id
    assert category_id is not None
    return category_id


def _entry(store: Store, nominee: str, category: str = "Pride of Stockton") -> int:
    nomination = store.nominations.add(
        Nomination(category_id=_category_id(store, category), nominee=nominee, citation="…")
    )
    assert nomination.entry_id is not None
    return nomination.entry_id


def _score(store: Store, member_id: int, entry_id: int, *scores: int) -> None:
    entry = store.nominations.entry(entry_id)
    criteria = store.round.category(entry.category_id).criteria
    for criterion, score in zip(criteria, scores, strict=False):
        assert criterion.id is not None
        store.scores.set_score(member_id, entry_id, criterion.id, score)


@pytest.fixture
def scored(store: Store, panel_ids: dict[str, int]) -> dict[str, int]:
    """Pride of Stockton: Zoë leads alone (91.11), Łukasz second (80), Halima is unranked
    (one sheet), and Ben has an interest in Łukasz and an incomplete sheet on Halima."""
    nora, ben, priya = panel_ids["Nora Quinn"], panel_ids["Ben Castleton"], panel_ids["Priya Shah"]
    ids = {name: _entry(store, name) for name in ("Zoë Whitfield", "Łukasz Nowak", "Halima Begum")}
    _score(store, nora, ids["Zoë Whitfield"], 5, 5, 4)
    _score(store, priya, ids["Zoë Whitfield"], 4, 4, 5)
    _score(store, ben, ids["Zoë Whitfield"], 5, 5, 4)
    _score(store, nora, ids["Łukasz Nowak"], 4, 4, 4)
    _score(store, priya, ids["Łukasz Nowak"], 4, 4, 4)
    _score(store, ben, ids["Halima Begum"], 3)
    _score(store, nora, ids["Halima Begum"], 3, 3, 3)
    store.panel.declare_interest(ben, ids["Łukasz Nowak"], InterestKind.PERSONAL, "My neighbour")
    return ids


def test_results_from_the_file_rank_score_and_flag(store: Store, scored: dict[str, int]) -> None:
    result = category_results(store, _category_id(store))
    rows = [(e.nominee, e.rank, round(e.score or 0, 2), e.judges) for e in result.entries]
    assert rows == [
        ("Zoë Whitfield", 1, 91.11, 3),
        ("Łukasz Nowak", 2, 80.0, 2),
        ("Halima Begum", None, 60.0, 1),
    ]
    halima = result.entries[2]
    assert halima.flags == (Flag.TOO_FEW_SHEETS, Flag.INCOMPLETE_SHEETS)
    assert result.entries[1].flags == (Flag.DECLARED_INTEREST,)


def test_weighted_criteria_are_summed_with_their_weights(
    store: Store, panel_ids: dict[str, int]
) -> None:
    from dataclasses import replace

    category_id = _category_id(store)
    criteria = store.round.category(category_id).criteria
    store.round.replace_criteria(
        category_id, [replace(c, weight=w) for c, w in zip(criteria, (3, 1, 1), strict=True)]
    )
    entry = _entry(store, "Zoë Whitfield")
    _score(store, panel_ids["Nora Quinn"], entry, 5, 0, 0)  # (3×5) / (5×5) = 60
    _score(store, panel_ids["Priya Shah"], entry, 0, 5, 5)  # (5+5) / 25 = 40
    result = category_results(store, category_id)
    assert sorted(result.entries[0].counted_totals) == [pytest.approx(40), pytest.approx(60)]


def test_withdrawn_entries_and_other_categories_are_kept_apart(
    store: Store, scored: dict[str, int], panel_ids: dict[str, int]
) -> None:
    other = _entry(store, "Maya Lindqvist", "Extra Mile")
    _score(store, panel_ids["Nora Quinn"], other, 1, 1, 1)
    _score(store, panel_ids["Priya Shah"], other, 1, 1, 1)
    results = {r.category.name: r for r in load_results(store)}
    assert [e.rank for e in results["Extra Mile"].entries] == [1]
    assert [e.rank for e in results["Pride of Stockton"].entries] == [1, 2, None]
    assert results["Shining Star"].entries == ()


def test_sheet_details_show_counted_incomplete_and_interest(
    store: Store, scored: dict[str, int]
) -> None:
    lukasz = sheet_details(store, entry_id=scored["Łukasz Nowak"])
    assert [(d.member, d.status) for d in lukasz] == [
        ("Nora Quinn", SheetStatus.COUNTED),
        ("Priya Shah", SheetStatus.COUNTED),
        ("Ben Castleton", SheetStatus.INTEREST),
    ]
    halima = sheet_details(store, entry_id=scored["Halima Begum"])
    assert {d.member: d.status for d in halima}["Ben Castleton"] == SheetStatus.INCOMPLETE


# ---- decisions ---------------------------------------------------------------------------------


def test_the_sole_rank_1_needs_no_reason(store: Store, scored: dict[str, int]) -> None:
    _submit_all(store)
    decision = record_decision(
        store,
        category_id=_category_id(store),
        winners=[scored["Zoë Whitfield"]],
        highly_commended=[scored["Łukasz Nowak"]],
    )
    assert decision.winners == (scored["Zoë Whitfield"],)
    assert store.audit_log(1)[0]["action"] == "record decision"


@pytest.mark.parametrize(
    "winners", [["Łukasz Nowak"], ["Zoë Whitfield", "Łukasz Nowak"], ["Halima Begum"]]
)
def test_a_decision_departing_from_the_ranking_needs_a_reason(
    store: Store, scored: dict[str, int], winners: list[str]
) -> None:
    category_id = _category_id(store)
    _submit_all(store)
    ids = [scored[name] for name in winners]
    with pytest.raises(InputRefused, match="reason is needed"):
        record_decision(store, category_id=category_id, winners=ids, reason="  ")
    assert store.decisions.current(category_id) is None
    decision = record_decision(store, category_id=category_id, winners=ids, reason="Discussed.")
    assert decision.reason == "Discussed."


def test_a_tie_at_the_top_needs_a_reason(store: Store, panel_ids: dict[str, int]) -> None:
    a, b = _entry(store, "Ann"), _entry(store, "Bob")
    for member in (panel_ids["Nora Quinn"], panel_ids["Priya Shah"]):
        _score(store, member, a, 4, 4, 4)
        _score(store, member, b, 4, 4, 4)
    _submit_all(store)
    with pytest.raises(InputRefused, match="tied at rank 1"):
        record_decision(store, category_id=_category_id(store), winners=[a])


def test_a_decision_closes_scoring_and_reopening_needs_a_reason(
    store: Store, scored: dict[str, int], panel_ids: dict[str, int]
) -> None:
    category_id = _category_id(store)
    record_decision(
        store,
        category_id=category_id,
        winners=[scored["Zoë Whitfield"]],
        reason="The panel met; Priya's last sheet cannot change the winner.",
        confirm_open_sheets=True,
    )
    with pytest.raises(InputRefused, match="scoring is closed"):
        _score(store, panel_ids["Priya Shah"], scored["Halima Begum"], 1)
    with pytest.raises(InputRefused, match="Say why"):
        reopen_decision(store, category_id=category_id, reason="")
    reopen_decision(store, category_id=category_id, reason="A late sheet arrived.")
    assert store.decisions.current(category_id) is None
    assert store.decisions.reopened()[0].reopen_reason == "A late sheet arrived."
    _score(store, panel_ids["Priya Shah"], scored["Halima Begum"], 1, 1, 1)


def test_a_winner_from_another_category_is_refused(store: Store, scored: dict[str, int]) -> None:
    other = _entry(store, "Maya Lindqvist", "Extra Mile")
    with pytest.raises(InputRefused, match="not in front of the panel"):
        record_decision(store, category_id=_category_id(store), winners=[other], reason="x")


def test_staff_vote_entries_are_ranked_by_the_count(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    star = _category_id(store, "Shining Star")
    ids = {}
    for name, body in (("Aaron", "Children's Services"), ("Grace", "Corporate Services")):
        ids[name] = store.nominations.add(
            Nomination(category_id=star, nominee=name, citation="", nominating_body=body)
        ).entry_id
    tally = SimpleNamespace(
        candidates=[
            SimpleNamespace(entry_id=ids["Aaron"], votes=3),
            SimpleNamespace(entry_id=ids["Grace"], votes=7),
        ]
    )
    monkeypatch.setattr(store.ballots, "tally", lambda: tally, raising=False)
    result = category_results(store, star)
    assert [(e.nominee, e.rank, e.score, e.flags) for e in result.entries] == [
        ("Grace", 1, 7.0, ()),
        ("Aaron", 2, 3.0, ()),
    ]


# ---- the commands ------------------------------------------------------------------------------


def test_results_json_has_the_documented_shape(
    store: Store, scored: dict[str, int], round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    assert main(["results", str(round_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["round"] == {"name": "Customer Service Awards 2026", "year": 2026}
    assert [c["category"] for c in data["categories"]] == [
        "Pride of Stockton",
        "Extra Mile",
        "Team",
        "Shining Star",
    ]
    pride = data["categories"][0]
    assert pride["method"] == "panel" and pride["decision"] is None
    assert pride["entries"][0] == {
        "entry_id": scored["Zoë Whitfield"],
        "nominee": "Zoë Whitfield",
        "rank": 1,
        "score": 91.11,
        "judges": 3,
        "spread": 6.67,
        "tied": False,
        "flags": [],
        "adjusted_score": pride["entries"][0]["adjusted_score"],
        "borda_score": pride["entries"][0]["borda_score"],
        "first_share": pride["entries"][0]["first_share"],
    }
    assert 0 <= pride["entries"][0]["first_share"] <= 1
    assert set(pride["first_by_count"]) == {"mean", "adjusted", "borda", "condorcet"}
    assert pride["first_by_count"]["mean"] == "Zoë Whitfield"
    assert isinstance(pride["winner_depends_on_count"], bool)
    assert pride["entries"][2]["rank"] is None
    assert pride["entries"][2]["flags"] == ["too few sheets", "incomplete sheets"]
    assert data["categories"][3]["method"] == "staff vote"


def test_decide_and_reopen_from_the_command_line(
    store: Store, scored: dict[str, int], round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _submit_all(store)
    store.close()
    file = str(round_path)
    assert main(["decide", file, "--category", "pride", "--winner", "Łukasz Nowak"]) == 1
    assert "reason is needed" in capsys.readouterr().err
    assert (
        main(
            [
                "decide",
                file,
                "--category",
                "pride",
                "--winner",
                "lukasz nowak",
                "--winner",
                "Zoë Whitfield",
                "--highly-commended",
                "Halima Begum",
                "--reason",
                "Both outstanding.",
            ]
        )
        == 1
    )  # "lukasz" is not "Łukasz": names keep their accents
    capsys.readouterr()
    assert (
        main(
            [
                "decide",
                file,
                "--category",
                "pride",
                "--winner",
                "Łukasz Nowak",
                "--winner",
                "zoë whitfield",
                "--highly-commended",
                "Halima Begum",
                "--reason",
                "Both outstanding.",
            ]
        )
        == 0
    )
    assert "Joint winners" in capsys.readouterr().out
    assert main(["results", file, "--format", "json", "--category", "pride"]) == 0
    decision = json.loads(capsys.readouterr().out)["categories"][0]["decision"]
    assert decision == {
        "winners": ["Łukasz Nowak", "Zoë Whitfield"],  # listed by name, Ł among the Ls
        "highly_commended": ["Halima Begum"],
        "reason": "Both outstanding.",
    }
    assert main(["reopen-decision", file, "--category", "pride", "--reason", "Recount"]) == 0
    with Store.open(round_path) as again:
        assert again.decisions.current(_category_id(again)) is None


def test_results_table_and_csv(
    store: Store, scored: dict[str, int], round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    assert main(["results", str(round_path), "--category", "pride"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("Category")
    assert "Zoë Whitfield" in table[2] and "91.11" in table[2]
    assert main(["results", str(round_path), "--format", "csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("Pride of Stockton,panel,1,Zoë Whitfield,91.11")


def test_unknown_category_is_refused(
    store: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    assert main(["results", str(round_path), "--category", "Best Hat"]) == 1
    assert "no category called 'Best Hat'" in capsys.readouterr().err


def test_results_leave_the_cycle_collector_as_they_found_it(store: Store) -> None:
    # load_results pauses Python's cycle collector while it scores (speed); never for good.
    assert gc.isenabled()
    load_results(store)
    assert gc.isenabled()
    gc.disable()
    try:
        load_results(store)
        assert not gc.isenabled()
    finally:
        gc.enable()
