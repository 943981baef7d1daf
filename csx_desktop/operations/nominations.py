"""Tidying the nominations: add, correct, merge, split, move, withdraw, mark ineligible, reinstate.

One function per action of the administrator, called alike by the Nominations area and by
``csx-admin``. The rules of each (a merge keeps no scored entry aside, a split needs a
nomination on each side, an ineligible nomination needs a reason, interests follow the
nominee…) are checked inside the store's one transaction for the action, where the entry's
state is read and changed together; this layer is the only way the window and the command
line reach them, and it gives both the same outcome and the same words for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from csx_desktop.domain.model import Entry, Nomination, NominationStatus
from csx_desktop.store.database import Store


@dataclass(frozen=True, slots=True)
class Tidied:
    """What a tidying action changed: the entry it left the nominations in, and one line
    saying so (printed by ``csx-admin``, shown on the window's status line)."""

    entry: Entry
    summary: str
    nomination: Nomination | None = None


def describe_entry(store: Store, entry: Entry) -> str:
    """ "Ann Lee in Extra Mile, 2 nominations": an entry in words."""
    category = store.round.category(entry.category_id)
    count = entry.nomination_count
    return f"{entry.nominee} in {category.name}, {count} nomination{'s' if count != 1 else ''}"


def _entry_of(store: Store, nomination: Nomination) -> Entry:
    return store.nominations.entry(int(nomination.entry_id or 0))


def add_nomination(store: Store, *, nomination: Nomination) -> Tidied:
    added = store.nominations.add(nomination)
    entry = _entry_of(store, added)
    return Tidied(entry, f"Added nomination {added.id}: {describe_entry(store, entry)}.", added)


def correct_nomination(store: Store, *, nomination: Nomination) -> Tidied:
    """Store corrections to a stored nomination (a new nominee name or category moves it)."""
    saved = store.nominations.update(nomination)
    entry = _entry_of(store, saved)
    return Tidied(entry, f"Saved nomination {saved.id}: {describe_entry(store, entry)}.", saved)


def merge_entries(store: Store, *, into: int, others: Sequence[int], reason: str = "") -> Tidied:
    """Merge the entries ``others`` into ``into`` (a safety copy of the round is kept first)."""
    entry = store.nominations.merge(into, others, reason)
    return Tidied(entry, f"Merged into entry {entry.id}: {describe_entry(store, entry)}.")


def split_entry(
    store: Store, *, entry_id: int, nomination_ids: Sequence[int], nominee: str | None = None
) -> Tidied:
    entry = store.nominations.split(entry_id, nomination_ids, nominee)
    return Tidied(entry, f"New entry {entry.id}: {describe_entry(store, entry)}.")


def move_nomination(
    store: Store, *, nomination_id: int, category_id: int, nominating_body: str | None = None
) -> Tidied:
    moved = store.nominations.move(nomination_id, category_id, nominating_body=nominating_body)
    entry = _entry_of(store, moved)
    return Tidied(
        entry, f"Moved nomination {moved.id} to entry {entry.id}: {describe_entry(store, entry)}.",
        moved,
    )  # fmt: skip


def set_nomination_status(
    store: Store, *, nomination_id: int, status: NominationStatus | str, reason: str = ""
) -> Tidied:
    """Withdraw a nomination, mark it ineligible (a reason is required), or reinstate it."""
    nomination = store.nominations.set_status(nomination_id, status, reason)
    entry = _entry_of(store, nomination)
    return Tidied(
        entry,
        f"Nomination {nomination.id} of {nomination.nominee} is now {nomination.status}; "
        f"entry {entry.id} is {entry.status}.",
        nomination,
    )


@dataclass(frozen=True, slots=True)
class Written:
    """A file written whole, and one line saying so."""

    path: Path
    summary: str


def write_nominations_template(store: Store, *, dest: str | Path, overwrite: bool) -> Written:
    """The blank nominations form to fill in by hand, listing THIS round's categories and
    nominating bodies (the same from the window and from ``csx-admin``), as .xlsx or .csv."""
    from csx_desktop.io.nomination_template import write_template

    path = write_template(
        dest,
        categories=[c.name for c in store.round.categories()],
        nominating_bodies=store.round.nominating_bodies(),
        overwrite=overwrite,
    )
    return Written(
        path,
        f"Wrote the nominations template to {path}. Fill in one nomination a row below the "
        "notes row, then import it.",
    )
