"""A declared interest follows the nominee through every tidy-up of the entries.

Nora Quinn knows Maya Lindqvist and declared it on Maya's entry in Extra Mile. Whatever the
administrator then does — merge the entries either way, split Maya's entry, move one of her
nominations to another category (into a new entry or an existing one), or correct a name so
a nomination joins another entry — Nora's sheet for wherever Maya's nominations went never
counts, and her paper scores for it are refused (``csx-admin import scores``), while
another member's are accepted.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from csx_desktop.cli.main import main
from csx_desktop.domain.model import InterestKind, Nomination
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON
from csx_desktop.store import Store
from csx_desktop.store.results import SheetStatus, load_results, sheet_details

NORA, BEN = "Nora Quinn", "Ben Castleton"


def _nominate(store: Store, category: str, nominee: str, citation: str = "Kind.") -> Nomination:
    category_id = store.round.category_named(category).id
    assert category_id is not None
    return store.nominations.add(
        Nomination(category_id=category_id, nominee=nominee, citation=citation)
    )


def _score_all(store: Store, member: int, entry: int, score: int = 5) -> None:
    category = store.round.category(store.nominations.entry(entry).category_id)
    for criterion in category.criteria:
        store.scores.set_score(member, entry, criterion.id or 0, score)


@pytest.fixture
def maya(store: Store, panel_ids: dict[str, int]) -> dict[str, int]:
    """Maya's entry in Extra Mile (two nominations) with Nora's interest declared on it."""
    first = _nominate(store, EXTRA_MILE, "Maya Lindqvist", "She rewrote the letters.")
    second = _nominate(store, EXTRA_MILE, "Maya Lindqvist", "She calls every family.")
    assert first.entry_id == second.entry_id and first.entry_id is not None
    store.panel.declare_interest(panel_ids[NORA], first.entry_id, InterestKind.PERSONAL, "friend")
    return {"entry": first.entry_id, "first": first.id or 0, "second": second.id or 0}


def _merge_maya_into_a_duplicate(store: Store, ids: dict[str, int], panel: dict[str, int]) -> int:
    # A duplicate entry for the same person (a typo), which Nora had already scored.
    duplicate = _nominate(store, EXTRA_MILE, "Maya Lindquist").entry_id or 0
    _score_all(store, panel[NORA], duplicate)
    store.nominations.merge(duplicate, [ids["entry"]])
    return duplicate


def _merge_a_duplicate_into_maya(store: Store, ids: dict[str, int], panel: dict[str, int]) -> int:
    duplicate = _nominate(store, EXTRA_MILE, "M. Lindqvist").entry_id or 0
    store.nominations.merge(ids["entry"], [duplicate])
    return ids["entry"]


def _split_maya(store: Store, ids: dict[str, int], panel: dict[str, int]) -> int:
    new = store.nominations.split(ids["entry"], [ids["second"]], "Maya Lindqvist (Libraries)")
    return new.id or 0


def _move_to_a_new_entry(store: Store, ids: dict[str, int], panel: dict[str, int]) -> int:
    pride = store.round.category_named(PRIDE_OF_STOCKTON).id or 0
    moved = store.nominations.move(ids["second"], pride)
    return moved.entry_id or 0


def _move_into_an_existing_entry(store: Store, ids: dict[str, int], panel: dict[str, int]) -> int:
    # Maya is also nominated for Pride of Stockton, where Nora has scored her already.
    existing = _nominate(store, PRIDE_OF_STOCKTON, "Maya Lindqvist").entry_id or 0
    _score_all(store, panel[NORA], existing)
    pride = store.round.category_named(PRIDE_OF_STOCKTON).id or 0
    moved = store.nominations.move(ids["second"], pride)
    assert moved.entry_id == existing
    return existing


def _correct_a_name_into_another_entry(
    store: Store, ids: dict[str, int], panel: dict[str, int]
) -> int:
    # "Maya Lindqvist" was the nominator's slip for Maya L. Hughes, whom Nora scored.
    other = _nominate(store, EXTRA_MILE, "Maya L. Hughes").entry_id or 0
    _score_all(store, panel[NORA], other)
    nomination = store.nominations.nomination(ids["second"])
    store.nominations.update(replace(nomination, nominee="Maya L. Hughes"))
    assert store.nominations.nomination(ids["second"]).entry_id == other
    return other


TIDY_UPS: dict[str, Callable[[Store, dict[str, int], dict[str, int]], int]] = {
    "merge Maya into a duplicate": _merge_maya_into_a_duplicate,
    "merge a duplicate into Maya": _merge_a_duplicate_into_maya,
    "split Maya's entry": _split_maya,
    "move a nomination to a new entry": _move_to_a_new_entry,
    "move a nomination into an existing entry": _move_into_an_existing_entry,
    "correct a name into another entry": _correct_a_name_into_another_entry,
}


def _paper_sheet(path: Path, store: Store, member: str, entry: int) -> Path:
    entry_row = store.nominations.entry(entry)
    category = store.round.category(entry_row.category_id)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["member", "category", "nominee", "criterion", "score"])
        for criterion in category.criteria:
            writer.writerow([member, category.name, entry_row.nominee, criterion.name, 5])
    return path


@pytest.mark.parametrize("tidy_up", TIDY_UPS.values(), ids=TIDY_UPS.keys())
def test_an_interest_follows_the_nominee(
    store: Store,
    panel_ids: dict[str, int],
    maya: dict[str, int],
    round_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    tidy_up: Callable[[Store, dict[str, int], dict[str, int]], int],
) -> None:
    nora = panel_ids[NORA]
    where = tidy_up(store, maya, panel_ids)
    assert store.panel.has_interest(nora, where)
    audit = [r for r in store.audit_log(50) if r["action"] == "interest follows the nominee"]
    if where != maya["entry"]:
        assert audit, "the interest's new place has its audit row"

    # Nora's sheet there never counts, whatever she scored before the tidy-up.
    for detail in sheet_details(store, entry_id=where):
        if detail.member == NORA:
            assert detail.status == SheetStatus.INTEREST
    category = store.nominations.entry(where).category_id
    result = next(r for r in load_results(store, category) if r.category.id == category)
    entry = next(e for e in result.entries if e.entry_id == where)
    assert entry.judges == 0  # only Nora had scored, and she does not count

    # Her paper scores for it are refused, and nothing is stored; Ben's go in.
    nora_before = store.scores.sheet(nora, where).scores
    store.close()
    refused = _paper_sheet(tmp_path / "nora.csv", Store.open(round_path), NORA, where)
    assert main(["import", "scores", str(round_path), str(refused)]) == 1
    err = capsys.readouterr().err
    assert "interest" in err and "Traceback" not in err
    accepted = _paper_sheet(tmp_path / "ben.csv", Store.open(round_path), BEN, where)
    assert main(["import", "scores", str(round_path), str(accepted)]) == 0
    with Store.open(round_path) as reopened:
        assert reopened.scores.sheet(nora, where).scores == nora_before
        counted = [
            d.member
            for d in sheet_details(reopened, entry_id=where)
            if d.status == SheetStatus.COUNTED
        ]
        assert counted == [BEN]


def test_without_an_interest_the_same_tidy_up_leaves_nora_free_to_score(
    store: Store, panel_ids: dict[str, int]
) -> None:
    """The control: the refusals above come from the interest, not from the tidy-up."""
    _nominate(store, EXTRA_MILE, "Owen Marsh")
    second = _nominate(store, EXTRA_MILE, "Owen Marsh")
    new = store.nominations.split(second.entry_id or 0, [second.id or 0], "Owen Marsh (Housing)")
    assert not store.panel.has_interest(panel_ids[NORA], new.id or 0)
    _score_all(store, panel_ids[NORA], new.id or 0)
    details = sheet_details(store, entry_id=new.id)
    assert [(d.member, d.status) for d in details] == [(NORA, SheetStatus.COUNTED)]
