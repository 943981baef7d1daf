"""Setting up a round through the operations: the rubric's descriptor rule holds whichever
path saves a rubric, and the nominating bodies are worded once for the window and the CLI."""

from __future__ import annotations

from dataclasses import replace

import pytest

from csx_desktop.domain.rubric import EXTRA_MILE
from csx_desktop.operations import round_setup
from csx_desktop.store import InputRefused, Store


def test_a_criterion_with_too_few_descriptors_is_refused_and_nothing_changes(store: Store) -> None:
    category = store.round.category_named(EXTRA_MILE)
    criteria = list(category.criteria)
    criteria[0] = replace(criteria[0], descriptors=("None", "Some", "Lots"))
    with pytest.raises(InputRefused, match=r"needs \d+ descriptors \(it has 3\)"):
        round_setup.replace_criteria(store, category_id=category.id or 0, criteria=criteria)
    assert store.round.category_named(EXTRA_MILE).criteria == category.criteria


def test_a_full_scale_of_descriptors_or_none_is_saved(store: Store) -> None:
    category = store.round.category_named(EXTRA_MILE)
    first = category.criteria[0]
    words = tuple(f"level {n}" for n in range(first.max_score + 1))
    criteria = [replace(first, descriptors=words), replace(category.criteria[1], descriptors=())]
    done = round_setup.replace_criteria(store, category_id=category.id or 0, criteria=criteria)
    assert done.summary == f"{EXTRA_MILE} is judged on 2 criteria."
    assert store.round.category_named(EXTRA_MILE).criteria[0].descriptors == words


def test_nominating_bodies_added_renamed_and_removed(store: Store) -> None:
    assert round_setup.add_nominating_body(store, name=" Finance ").summary == (
        "Added the nominating body Finance."
    )
    renamed = round_setup.rename_nominating_body(store, old="Finance", new="Finance and Audit")
    assert renamed.summary == "Renamed the nominating body Finance to Finance and Audit."
    round_setup.remove_nominating_body(store, name="Finance and Audit")
    assert "Finance and Audit" not in store.round.nominating_bodies()
