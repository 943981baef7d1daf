"""Setting up what the round judges by: a category's rubric criteria, and the Shining Star's
nominating bodies (the Service Directors' services and Xentrall Shared Services).

One function per action, for the window (the rubric editor, the Shining Star area) and
``csx-admin`` alike. The rules (a frozen rubric once scoring has started, every criterion's
descriptors, a body that has nominated someone cannot be removed…) are checked in the
store's transaction for each; this layer is the only way the window and the command line
reach them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from csx_desktop.domain.model import Criterion
from csx_desktop.store.database import Store
from csx_desktop.store.errors import InputRefused


@dataclass(frozen=True, slots=True)
class SetUp:
    """What changed, in one line for the status bar or the terminal."""

    summary: str


def replace_criteria(store: Store, *, category_id: int, criteria: list[Criterion]) -> SetUp:
    """A category's new rubric, until the first score exists in it. Each criterion has a
    descriptor for every point of its scale (0 … top), or none (the generic words)."""
    for criterion in criteria:
        if len(criterion.descriptors) not in (0, criterion.max_score + 1):
            raise InputRefused(
                f"{criterion.name!r} is scored 0 to {criterion.max_score}, so it needs "
                f"{criterion.max_score + 1} descriptors (it has {len(criterion.descriptors)})."
            )
    category = store.round.replace_criteria(category_id, criteria)
    count = len(category.criteria)
    return SetUp(f"{category.name} is judged on {count} criteri{'a' if count != 1 else 'on'}.")


def add_nominating_body(store: Store, *, name: str) -> SetUp:
    store.round.add_nominating_body(name)
    return SetUp(f"Added the nominating body {name.strip()}.")


def rename_nominating_body(store: Store, *, old: str, new: str) -> SetUp:
    renamed = store.round.rename_nominating_body(old, new)
    return SetUp(f"Renamed the nominating body {old.strip()} to {renamed}.")


def remove_nominating_body(store: Store, *, name: str) -> SetUp:
    store.round.remove_nominating_body(name)
    return SetUp(f"Removed the nominating body {name.strip()}.")


def change_nominating_bodies(
    store: Store, *, add: Sequence[str] = (), remove: Sequence[str] = ()
) -> SetUp:
    """Add and remove several nominating bodies at once: all the changes, or none of them."""
    with store.write():
        for name in add:
            store.round.add_nominating_body(name)
        for name in remove:
            store.round.remove_nominating_body(name)
    return SetUp(f"Added {len(add)} and removed {len(remove)} nominating bodies.")
