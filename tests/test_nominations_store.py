"""Tidying entries in the store: merge, split, move, ineligible, withdraw, reinstate, edit.

Nothing is deleted and each change leaves an audit row; an entry's status follows its
nominations.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from csx_desktop.domain.model import EntryStatus, Nomination, NominationStatus
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON, SHINING_STAR, TEAM
from csx_desktop.store import InputRefused, Store


def cid(store: Store, name: str) -> int:
    return int(store.round.category_named(name).id or 0)


def add(store: Store, category: str, nominee: str, **fields: object) -> Nomination:
    values: dict[str, object] = {
        "citation": "They helped. A lot. Every day.",
        "nominator_name": "Siobhán O'Neill",
        "received_at": datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
    }
    values.update(fields)
    return store.nominations.add(
        Nomination(category_id=cid(store, category), nominee=nominee, **values)  # type: ignore[arg-type]
    )


def actions(store: Store) -> list[str]:
    return [row["action"] for row in reversed(store.audit_log())]


def test_same_nominee_different_spelling_joins_one_entry(store: Store) -> None:
    first = add(store, EXTRA_MILE, "Zoë Whitfield")
    second = add(store, EXTRA_MILE, "zoë  WHITFIELD")
    other_category = add(store, PRIDE_OF_STOCKTON, "Zoë Whitfield")
    assert first.entry_id == second.entry_id != other_category.entry_id
    assert store.nominations.entry(first.entry_id or 0).nomination_count == 2


def test_merge_moves_nominations_interests_and_members_and_keeps_the_other(
    store: Store, panel_ids: dict[str, int]
) -> None:
    a = add(store, TEAM, "Thornaby Hub", team_members=("Ann Lee", "Bob Cray"))
    b = add(store, TEAM, "Thornaby Hub Customer Services", team_members=("bob cray", "Cy Twomey"))
    store.panel.declare_interest(panel_ids["Nora Quinn"], b.entry_id or 0, "personal", "neighbour")
    merged = store.nominations.merge(a.entry_id or 0, [b.entry_id or 0], "same team")
    assert merged.nomination_count == 2
    assert merged.team_members == ("Ann Lee", "Bob Cray", "Cy Twomey")
    old = store.nominations.entry(b.entry_id or 0)
    assert (old.status, old.merged_into, old.status_reason) == (
        EntryStatus.MERGED,
        a.entry_id,
        "same team",
    )
    assert store.panel.has_interest(panel_ids["Nora Quinn"], a.entry_id or 0)
    assert [e.nominee for e in store.nominations.entries()] == ["Thornaby Hub"]
    assert len(store.nominations.entries(include_inactive=True)) == 2
    assert actions(store)[-2:] == ["merge", "merge into"]


def test_merge_refusals(store: Store, panel_ids: dict[str, int]) -> None:
    a = add(store, EXTRA_MILE, "Owen Marsh")
    b = add(store, PRIDE_OF_STOCKTON, "Owen Marsh")
    c = add(store, EXTRA_MILE, "O. Marsh")
    with pytest.raises(InputRefused, match="same category"):
        store.nominations.merge(a.entry_id or 0, [b.entry_id or 0])
    with pytest.raises(InputRefused, match="itself"):
        store.nominations.merge(a.entry_id or 0, [a.entry_id or 0])
    criterion = store.round.category(c.category_id).criteria[0]
    store.scores.set_score(panel_ids["Nora Quinn"], c.entry_id or 0, criterion.id or 0, 4)
    with pytest.raises(InputRefused, match=r"started scoring O\. Marsh"):
        store.nominations.merge(a.entry_id or 0, [c.entry_id or 0])
    # The other way round keeps the scores where they are.
    kept = store.nominations.merge(c.entry_id or 0, [a.entry_id or 0])
    assert kept.nomination_count == 2


def test_split_makes_a_new_entry_from_chosen_nominations(store: Store) -> None:
    first = add(store, EXTRA_MILE, "Sam Patel", service="Libraries")
    second = add(store, EXTRA_MILE, "sam patel", service="Waste")
    new = store.nominations.split(first.entry_id or 0, [second.id or 0], "Sam Patel (Waste)")
    assert new.nominee == "Sam Patel (Waste)" and new.service == "Waste"
    assert new.nomination_count == 1
    assert store.nominations.entry(first.entry_id or 0).nomination_count == 1
    with pytest.raises(InputRefused, match="leaving it empty"):
        store.nominations.split(first.entry_id or 0, [first.id or 0])
    with pytest.raises(InputRefused, match="not one of the nominations"):
        store.nominations.split(first.entry_id or 0, [second.id or 0])


def test_move_to_another_category_and_the_emptied_entry_is_kept(store: Store) -> None:
    moving = add(store, PRIDE_OF_STOCKTON, "Ruth Akintola")
    add(store, EXTRA_MILE, "Ruth Akintola")
    moved = store.nominations.move(moving.id or 0, cid(store, EXTRA_MILE))
    target = store.nominations.entry(moved.entry_id or 0)
    assert target.nomination_count == 2
    old = store.nominations.entry(moving.entry_id or 0)
    assert old.status is EntryStatus.MERGED and old.merged_into == target.id
    assert "Extra Mile" in old.status_reason
    with pytest.raises(InputRefused, match="already in Extra Mile"):
        store.nominations.move(moving.id or 0, cid(store, EXTRA_MILE))
    with pytest.raises(InputRefused, match="nominating body"):
        store.nominations.move(moving.id or 0, cid(store, SHINING_STAR))
    star = store.nominations.move(
        moving.id or 0, cid(store, SHINING_STAR), nominating_body="Corporate Services"
    )
    assert store.nominations.entry(star.entry_id or 0).nominating_body == "Corporate Services"


def test_ineligible_needs_a_reason_and_the_entry_follows(store: Store) -> None:
    only = add(store, EXTRA_MILE, "Ivy Grainger")
    with pytest.raises(InputRefused, match="Say why"):
        store.nominations.set_status(only.id or 0, NominationStatus.INELIGIBLE)
    store.nominations.set_status(only.id or 0, "ineligible", "not a council employee")
    entry = store.nominations.entry(only.entry_id or 0)
    assert (entry.status, entry.status_reason) == (
        EntryStatus.INELIGIBLE,
        "not a council employee",
    )
    assert store.nominations.entries() == []
    store.nominations.set_status(only.id or 0, NominationStatus.ELIGIBLE)
    assert store.nominations.entry(only.entry_id or 0).status is EntryStatus.ACTIVE
    store.nominations.set_status(only.id or 0, NominationStatus.WITHDRAWN, "asked to withdraw")
    assert store.nominations.entry(only.entry_id or 0).status is EntryStatus.WITHDRAWN
    assert store.nominations.nomination(only.id or 0).status_reason == "asked to withdraw"
    assert {"mark ineligible", "reinstate", "withdraw"} <= set(actions(store))
    with pytest.raises(InputRefused, match="already withdrawn"):
        store.nominations.set_status(only.id or 0, NominationStatus.WITHDRAWN)


def test_withdrawing_one_of_two_keeps_the_entry_active(store: Store) -> None:
    first = add(store, EXTRA_MILE, "Ben Castleton")
    add(store, EXTRA_MILE, "Ben Castleton")
    store.nominations.set_status(first.id or 0, NominationStatus.WITHDRAWN)
    entry = store.nominations.entry(first.entry_id or 0)
    assert entry.status is EntryStatus.ACTIVE and entry.nomination_count == 1


def test_reinstating_a_shining_star_nomination_respects_one_per_body(store: Store) -> None:
    first = add(store, SHINING_STAR, "Łukasz Nowak", nominating_body="Corporate Services")
    store.nominations.set_status(first.id or 0, NominationStatus.WITHDRAWN, "left the council")
    add(store, SHINING_STAR, "Owen Marsh", nominating_body="Corporate Services")
    with pytest.raises(InputRefused, match="already nominated Owen Marsh"):
        store.nominations.set_status(first.id or 0, NominationStatus.ELIGIBLE)


def test_edit_corrects_a_nomination_and_its_single_entry(store: Store) -> None:
    only = add(store, EXTRA_MILE, "Jon Smyth")
    fixed = store.nominations.update(replace(only, nominee="John Smyth", service="Libraries"))
    entry = store.nominations.entry(fixed.entry_id or 0)
    assert fixed.entry_id == only.entry_id  # renamed in place, not a new entry
    assert (entry.nominee, entry.service) == ("John Smyth", "Libraries")
    assert store.nominations.entry_named(entry.category_id, "john smyth").id == entry.id
    (row,) = [r for r in store.audit_log() if r["action"] == "edit"]
    assert "Jon Smyth" in row["before"] and "John Smyth" in row["after"]


def test_edit_to_an_existing_nominee_joins_that_entry(store: Store) -> None:
    a = add(store, EXTRA_MILE, "Maya Lindqvist")
    b = add(store, EXTRA_MILE, "Maya Lindquist")
    moved = store.nominations.update(replace(b, nominee="Maya Lindqvist"))
    assert moved.entry_id == a.entry_id
    assert store.nominations.entry(b.entry_id or 0).status is EntryStatus.MERGED
    with pytest.raises(InputRefused, match="nominee's name"):
        store.nominations.update(replace(a, nominee="  "))


def test_add_batch_keeps_valid_rows_only_when_asked(store: Store) -> None:
    body = "Corporate Services"
    batch = [
        Nomination(category_id=cid(store, SHINING_STAR), nominee="A B", citation="x",
                   nominating_body=body, source="form", response_id="1"),
        Nomination(category_id=cid(store, SHINING_STAR), nominee="C D", citation="x",
                   nominating_body=body, source="form", response_id="2"),
    ]  # fmt: skip
    refused = store.nominations.add_batch(batch)
    assert not refused.committed and list(refused.refused) == [1]
    assert store.counts()["nominations"] == 0
    kept = store.nominations.add_batch(batch, keep_valid=True)
    assert kept.committed and len(kept.stored) == 1 and kept.new_entries == 1
    again = store.nominations.add_batch(batch, keep_valid=True)
    assert again.already_imported == [0] and list(again.refused) == [1]
    (audit,) = [r for r in store.audit_log() if r["entity"] == "nominations"][:1]
    assert audit["action"] == "import"
