"""The panel's store: editing and removing members, interests, and the progress matrix."""

from __future__ import annotations

import json

import pytest

from csx_desktop.domain.model import InterestKind, Nomination, PanelGroup
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON, SHINING_STAR
from csx_desktop.store import InputRefused, Store
from csx_desktop.store.panel import Declaration
from csx_desktop.store.scores import SheetState


def _category_id(store: Store, name: str) -> int:
    category_id = store.round.category_named(name).id
    assert category_id is not None
    return category_id


def _entries(store: Store, category: str, *nominees: str) -> list[int]:
    category_id = _category_id(store, category)
    ids = []
    for nominee in nominees:
        nomination = store.nominations.add(
            Nomination(category_id=category_id, nominee=nominee, citation=f"{nominee} helped.")
        )
        assert nomination.entry_id is not None
        ids.append(nomination.entry_id)
    return ids


def test_edit_member_changes_details_and_is_audited(
    store: Store, panel_ids: dict[str, int]
) -> None:
    nora = panel_ids["Nora Quinn"]
    pride = _category_id(store, PRIDE_OF_STOCKTON)
    member = store.panel.update_member(
        nora, name="Nora  Quinn-Hart", group=PanelGroup.OFFICER, category_ids=[pride], is_chair=True
    )
    assert member.name == "Nora Quinn-Hart"
    assert member.group is PanelGroup.OFFICER
    assert member.category_ids == frozenset({pride})
    assert member.is_chair and member.has_pin
    row = store.audit_log(1)[0]
    assert row["action"] == "change"
    assert json.loads(row["before"])["name"] == "Nora Quinn"
    assert json.loads(row["after"])["categories"] == [pride]


def test_a_category_with_scores_cannot_be_taken_away(
    store: Store, panel_ids: dict[str, int]
) -> None:
    nora = panel_ids["Nora Quinn"]
    (entry,) = _entries(store, EXTRA_MILE, "Owen Marsh")
    criterion = store.round.category_named(EXTRA_MILE).criteria[0].id
    assert criterion is not None
    store.scores.set_score(nora, entry, criterion, 4)
    with pytest.raises(InputRefused, match="already scored entries in Extra Mile"):
        store.panel.update_member(nora, category_ids=[_category_id(store, PRIDE_OF_STOCKTON)])
    assert _category_id(store, EXTRA_MILE) in store.panel.member(nora).category_ids


def test_staff_vote_category_cannot_be_judged(store: Store, panel_ids: dict[str, int]) -> None:
    with pytest.raises(InputRefused, match="staff vote"):
        store.panel.update_member(
            panel_ids["Ben Castleton"], category_ids=[_category_id(store, SHINING_STAR)]
        )


def test_removed_member_leaves_the_panel_and_can_come_back(
    store: Store, panel_ids: dict[str, int]
) -> None:
    ben = panel_ids["Ben Castleton"]
    store.panel.remove_member(ben, "moved away")
    assert "Ben Castleton" not in [m.name for m in store.panel.members()]
    again = store.panel.add_member("ben castleton", PanelGroup.CATALYST, [], pin="432100")
    assert again.id == ben
    assert again.has_pin
    assert store.panel.verify_pin(ben, "432100")


def test_renaming_onto_another_member_is_refused(store: Store, panel_ids: dict[str, int]) -> None:
    with pytest.raises(InputRefused, match="Priya Shah is already on the panel"):
        store.panel.update_member(panel_ids["Nora Quinn"], name="PRIYA SHAH")


def test_declare_and_confirm_stores_everything_or_nothing(
    store: Store, panel_ids: dict[str, int]
) -> None:
    nora = panel_ids["Nora Quinn"]
    extra = _category_id(store, EXTRA_MILE)
    owen, ruth = _entries(store, EXTRA_MILE, "Owen Marsh", "Ruth Akintola")
    (pride_entry,) = _entries(store, PRIDE_OF_STOCKTON, "Ivy Grainger")
    with pytest.raises(InputRefused):
        store.panel.declare_and_confirm(
            nora,
            extra,
            [
                Declaration(owen, InterestKind.PERSONAL),
                Declaration(pride_entry, InterestKind.PERSONAL),
            ],
        )
    assert store.panel.interests(member_id=nora) == []
    assert not store.panel.interests_confirmed(nora, extra)
    store.panel.declare_and_confirm(
        nora, extra, [Declaration(ruth, InterestKind.PECUNIARY, "my sister")]
    )
    assert store.panel.interests_confirmed(nora, extra)
    (interest,) = store.panel.interests(member_id=nora, category_id=extra)
    assert (interest.entry_id, interest.kind, interest.note) == (
        ruth,
        InterestKind.PECUNIARY,
        "my sister",
    )


def test_withdrawn_interest_needs_a_reason_and_frees_the_entry(
    store: Store, panel_ids: dict[str, int]
) -> None:
    nora = panel_ids["Nora Quinn"]
    (owen,) = _entries(store, EXTRA_MILE, "Owen Marsh")
    store.panel.declare_interest(nora, owen, InterestKind.PERSONAL)
    with pytest.raises(InputRefused, match="why"):
        store.panel.withdraw_interest(nora, owen, "  ")
    store.panel.withdraw_interest(nora, owen, "declared against the wrong Owen")
    assert not store.panel.has_interest(nora, owen)
    criterion = store.round.category_named(EXTRA_MILE).criteria[0].id
    assert criterion is not None
    store.scores.set_score(nora, owen, criterion, 3)
    assert json.loads(store.audit_log(2)[1]["after"])["reason"].startswith("declared against")


def test_progress_matrix_shows_states_not_scores(store: Store, panel_ids: dict[str, int]) -> None:
    nora, ben = panel_ids["Nora Quinn"], panel_ids["Ben Castleton"]
    extra = _category_id(store, EXTRA_MILE)
    owen, ruth, maya = _entries(store, EXTRA_MILE, "Owen Marsh", "Ruth Akintola", "Maya Lindqvist")
    criteria = [c.id for c in store.round.category(extra).criteria]
    for criterion in criteria:
        assert criterion is not None
        store.scores.set_score(nora, owen, criterion, 5)
    assert criteria[0] is not None
    store.scores.set_score(nora, ruth, criteria[0], 2)
    store.panel.declare_interest(ben, maya, InterestKind.PERSONAL)
    store.scores.submit_category(nora, extra)
    progress = store.scores.progress(extra)
    assert [m.name for m in progress.members] == ["Ben Castleton", "Nora Quinn", "Priya Shah"]
    assert progress.state(nora, owen) is SheetState.COMPLETE
    assert progress.state(nora, ruth) is SheetState.IN_PROGRESS
    assert progress.scored[(nora, ruth)] == 1
    assert progress.state(nora, maya) is SheetState.NOT_STARTED
    assert progress.state(ben, maya) is SheetState.INTEREST
    assert progress.complete_count(nora) == 1
    assert progress.to_score_count(ben) == 2
    assert progress.submitted_at[nora] is not None and progress.submitted_at[ben] is None


def test_imported_scores_are_audited_on_the_members_behalf(
    store: Store, panel_ids: dict[str, int]
) -> None:
    nora = panel_ids["Nora Quinn"]
    (owen,) = _entries(store, EXTRA_MILE, "Owen Marsh")
    criterion = store.round.category_named(EXTRA_MILE).criteria[0].id
    assert criterion is not None
    store.scores.set_score(nora, owen, criterion, 2, via="import of paper.csv")
    after = json.loads(store.audit_log(1)[0]["after"])
    assert after == {
        "criterion_id": criterion,
        "score": 2,
        "on_behalf_of_member_id": nora,
        "via": "import of paper.csv",
    }
