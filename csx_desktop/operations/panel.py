"""The panel: adding, changing and removing members, their PINs, and declared interests.

One function per action of the administrator (and of a member choosing their own PIN at
sign-in), for the Panel area, the sign-in screen and ``csx-admin`` alike. The rules (a PIN of
6 to 8 digits, a member only declares interests in categories they judge, a reason when an
interest is withdrawn or a member leaves…) are checked in the store's transaction for each;
this layer is the only way the window and the command line reach them, and words the outcome
once for both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from csx_desktop.domain.model import Interest, InterestKind, PanelGroup, PanelMember
from csx_desktop.store.database import Store
from csx_desktop.store.panel import Declaration


@dataclass(frozen=True, slots=True)
class PanelChanged:
    """What changed on the panel, in one line for the status bar or the terminal."""

    summary: str
    member: PanelMember | None = None
    interests: tuple[Interest, ...] = ()


def add_member(
    store: Store,
    *,
    name: str,
    group: PanelGroup,
    category_ids: Iterable[int],
    pin: str = "",
    is_chair: bool = False,
) -> PanelChanged:
    member = store.panel.add_member(name, group, category_ids, pin=pin, is_chair=is_chair)
    chair = ", the panel's chair" if member.is_chair else ""
    return PanelChanged(f"Added {member.name} ({member.group}){chair} to the panel.", member)


def change_member(
    store: Store,
    *,
    member_id: int,
    name: str | None = None,
    group: PanelGroup | None = None,
    category_ids: Iterable[int] | None = None,
    is_chair: bool | None = None,
) -> PanelChanged:
    member = store.panel.update_member(
        member_id, name=name, group=group, category_ids=category_ids, is_chair=is_chair
    )
    return PanelChanged(f"Saved the changes to {member.name}.", member)


def remove_member(store: Store, *, member_id: int, reason: str) -> PanelChanged:
    """Take a member off the panel: they can no longer sign in; their scores and interests
    stay in the record."""
    member = store.panel.member(member_id)
    store.panel.remove_member(member_id, reason)
    return PanelChanged(f"{member.name} is no longer on the panel.", member)


def set_pin(store: Store, *, member_id: int, pin: str) -> PanelChanged:
    """Set a member's PIN (6 to 8 digits), by the administrator or by the member at sign-in."""
    store.panel.set_pin(member_id, pin)
    member = store.panel.member(member_id)
    return PanelChanged(f"{member.name}'s PIN is set.", member)


def declare_interest(
    store: Store, *, member_id: int, entry_id: int, kind: InterestKind, note: str = ""
) -> PanelChanged:
    interest = store.panel.declare_interest(member_id, entry_id, kind, note)
    member = store.panel.member(member_id)
    entry = store.nominations.entry(entry_id)
    return PanelChanged(
        f"Recorded {member.name}'s interest in {entry.nominee}: their sheet for it never counts.",
        member,
        (interest,),
    )


def declare_and_confirm(
    store: Store, *, member_id: int, category_id: int, declarations: Sequence[Declaration]
) -> PanelChanged:
    """A member's answer about interests for a whole category, stored together or not at all."""
    interests = store.panel.declare_and_confirm(member_id, category_id, declarations)
    member = store.panel.member(member_id)
    count = len(interests)
    words = "no interests" if not count else f"{count} interest{'s' if count != 1 else ''}"
    return PanelChanged(f"{member.name} declared {words}.", member, tuple(interests))


def withdraw_interest(store: Store, *, member_id: int, entry_id: int, reason: str) -> PanelChanged:
    store.panel.withdraw_interest(member_id, entry_id, reason)
    member = store.panel.member(member_id)
    entry = store.nominations.entry(entry_id)
    return PanelChanged(
        f"Withdrew {member.name}'s interest in {entry.nominee}: they can score it now.", member
    )
