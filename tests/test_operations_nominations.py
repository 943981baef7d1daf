"""The tidying operations: each returns the entry it left and one line saying so, the same
line the command line prints, and refuses through the store's rules whichever path asks."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from csx_desktop.domain.model import EntryStatus, Nomination, NominationStatus
from csx_desktop.domain.rubric import EXTRA_MILE, TEAM
from csx_desktop.operations import nominations as tidying
from csx_desktop.store import InputRefused, Store


def _nomination(store: Store, category: str, nominee: str) -> Nomination:
    return Nomination(
        category_id=int(store.round.category_named(category).id or 0),
        nominee=nominee,
        citation="They helped. A lot. Every day.",
        nominator_name="Siobhán O'Neill",
        received_at=datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
    )


def test_each_action_says_what_it_did_in_one_line(store: Store) -> None:
    first = tidying.add_nomination(store, nomination=_nomination(store, TEAM, "Thornaby Hub"))
    assert (
        first.summary
        == f"Added nomination {first.nomination.id}: Thornaby Hub in Team, 1 nomination."
    )  # type: ignore[union-attr]
    second = tidying.add_nomination(store, nomination=_nomination(store, TEAM, "Thornaby Hub CS"))
    merged = tidying.merge_entries(
        store, into=first.entry.id or 0, others=[second.entry.id or 0], reason="same team"
    )
    assert (
        merged.summary
        == f"Merged into entry {first.entry.id}: Thornaby Hub in Team, 2 nominations."
    )
    assert store.nominations.entry(second.entry.id or 0).status is EntryStatus.MERGED
    split = tidying.split_entry(
        store,
        entry_id=first.entry.id or 0,
        nomination_ids=[second.nomination.id or 0],  # type: ignore[union-attr]
        nominee="Thornaby Hub CS",
    )
    assert split.entry.id not in (first.entry.id, second.entry.id)
    assert split.summary.endswith("Thornaby Hub CS in Team, 1 nomination.")
    moved = tidying.move_nomination(
        store,
        nomination_id=second.nomination.id or 0,  # type: ignore[union-attr]
        category_id=int(store.round.category_named(EXTRA_MILE).id or 0),
    )
    assert moved.entry.category_id == store.round.category_named(EXTRA_MILE).id
    assert "in Extra Mile, 1 nomination" in moved.summary
    withdrawn = tidying.set_nomination_status(
        store,
        nomination_id=second.nomination.id or 0,
        status=NominationStatus.WITHDRAWN,  # type: ignore[union-attr]
    )
    assert withdrawn.summary.startswith(
        f"Nomination {second.nomination.id} of Thornaby Hub CS is now withdrawn"
    )  # type: ignore[union-attr]


def test_ineligible_without_a_reason_is_refused_and_changes_nothing(store: Store) -> None:
    added = tidying.add_nomination(store, nomination=_nomination(store, TEAM, "Thornaby Hub"))
    before = store.audit_log()
    with pytest.raises(InputRefused, match="Say why"):
        tidying.set_nomination_status(
            store,
            nomination_id=added.nomination.id or 0,
            status="ineligible",  # type: ignore[union-attr]
        )
    assert store.audit_log() == before
