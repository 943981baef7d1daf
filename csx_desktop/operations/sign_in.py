"""Signing in at the shared laptop: a member with their PIN, the administrator with the
round's passphrase.

One try each; the rules of trying (the growing wait after wrong tries, kept in the round
so a restart resets nothing; an audit row for every try, right or wrong; a round with no
passphrase lets nobody in as the administrator) live in ``store.sign_ins`` and are reached
only through here, by the sign-in screen.
"""

from __future__ import annotations

from csx_desktop.store.database import Store
from csx_desktop.store.sign_ins import SignIn


def sign_in_member(store: Store, *, member_id: int, pin: str) -> SignIn:
    return store.panel.sign_in(member_id, pin)


def sign_in_administrator(store: Store, *, passphrase: str) -> SignIn:
    return store.round.admin_sign_in(passphrase)
