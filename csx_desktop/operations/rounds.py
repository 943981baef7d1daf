"""Making a round and changing what it is: its settings, its rules, the administrator's
passphrase. The window (the New round dialog, the Round settings area) and ``csx-admin``
(``new``, ``settings``, ``passphrase``) make these changes through here and nowhere else.

The rules checked here, once, whoever asks:

- the administrator's passphrase has at least ``MIN_PASSPHRASE`` characters, typed the same
  twice; changing it in the window needs the old one (``csx-admin`` acts with the round file
  in hand, so it may set one the administrator has forgotten: SECURITY.md);
- every round has an administrator's passphrase from the moment it is made;
- once anything in the round is scored or voted (``RoundRepository.counting_started``), its
  rules (``domain.round_rules``) are fixed: changing one needs a reason, which the audit row
  records with the change.

What a setting may hold (a year, a voting window, each rule's range) is the store's check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csx_desktop import ROUND_SUFFIX
from csx_desktop.domain.model import RoundSettings
from csx_desktop.domain.round_rules import RULES
from csx_desktop.operations.results import ADMINISTRATOR, Viewer
from csx_desktop.store.database import COMMAND_LINE_ACTOR, Store
from csx_desktop.store.errors import InputRefused

MIN_PASSPHRASE = 6
# A reason is a sentence, not a tick: a few characters say nothing in the audit log.
MIN_REASON = 5


@dataclass(frozen=True, slots=True)
class RoundCreated:
    path: Path
    settings: RoundSettings

    @property
    def summary(self) -> str:
        return f"Created {self.path}: {self.settings.name} ({self.settings.year})."


@dataclass(frozen=True, slots=True)
class SettingsChanged:
    settings: RoundSettings  # the settings as they now are
    changed: tuple[str, ...]  # the names of the settings that changed
    reason: str = ""

    @property
    def summary(self) -> str:
        count = len(self.changed)
        if not count:
            return "Nothing has changed."
        return f"Saved {count} change{'' if count == 1 else 's'}."


@dataclass(frozen=True, slots=True)
class PassphraseChanged:
    summary: str


def check_new_passphrase(passphrase: str, repeat: str | None = None) -> None:
    """Refuse a passphrase the round would not take (too short, or typed differently twice)."""
    if repeat is not None and passphrase != repeat:
        raise InputRefused("The two passphrases are not the same; nothing was changed.")
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputRefused(
            f"The administrator's passphrase needs at least {MIN_PASSPHRASE} characters."
        )


def check_new_round_path(path: str | Path) -> Path:
    """Refuse a place a new round cannot go (checked before the passphrase is asked for)."""
    path = Path(path)
    if path.suffix != ROUND_SUFFIX:
        raise InputRefused(
            f"A round file's name ends in {ROUND_SUFFIX}, e.g. awards-2026{ROUND_SUFFIX}."
        )
    if path.exists():
        raise InputRefused(f"{path} already exists; choose another name or open it.")
    return path


def create_round(
    *,
    path: str | Path,
    name: str,
    year: int,
    admin_passphrase: str,
    repeat: str | None = None,
    actor: str = COMMAND_LINE_ACTOR,
) -> RoundCreated:
    """Make a new round file at ``path`` with the four award categories, their default
    criteria, every rule at today's default, and the administrator's passphrase.

    ``repeat`` is the passphrase typed a second time, where the person typed it twice."""
    path = check_new_round_path(path)
    check_new_passphrase(admin_passphrase, repeat)
    with Store.create(
        path, name=name, year=year, admin_passphrase=admin_passphrase, actor=actor
    ) as store:
        settings = store.round.settings()
    return RoundCreated(path=path, settings=settings)


def rules_fixed(store: Store) -> str:
    """Why the round's rules are fixed ("scoring has started"), or "" while they are not."""
    return store.round.counting_started()


def change_settings(
    store: Store, *, changes: Mapping[str, Any], reason: str = ""
) -> SettingsChanged:
    """Change the settings named in ``changes`` (``RoundSettings`` names) in one audited
    change; a value equal to the stored one is not a change.

    Once scoring (or the staff vote count) has started, a change to a rule needs ``reason``,
    which the audit row keeps beside the change."""
    current = store.round.settings()
    wanted = {k: v for k, v in changes.items() if getattr(current, k, object()) != v}
    reason = " ".join(reason.split())
    if not wanted:
        return SettingsChanged(settings=current, changed=())
    rules = [RULES[key].label for key in wanted if key in RULES]
    why_fixed = rules_fixed(store) if rules else ""
    if why_fixed and len(reason) < MIN_REASON:
        named = rules[0] if len(rules) == 1 else f"{', '.join(rules[:-1])} and {rules[-1]}"
        raise InputRefused(
            f"The round's rules are fixed because {why_fixed}: give a reason for changing "
            f"{named} (it is kept in the audit log). Nothing was changed."
        )
    settings = store.round.update_settings(reason=reason if why_fixed else "", **wanted)
    return SettingsChanged(
        settings=settings, changed=tuple(wanted), reason=reason if why_fixed else ""
    )


def change_admin_passphrase(
    store: Store, *, new: str, repeat: str, old: str | None
) -> PassphraseChanged:
    """Set the administrator's passphrase to ``new`` (typed twice: ``repeat``).

    ``old``: the passphrase it replaces, which the window always asks for (someone at a
    laptop left signed in cannot lock the administrator out). ``None`` is for ``csx-admin
    passphrase``, run by whoever has the round file itself, who could change anything in it
    anyway; it is how a forgotten passphrase is replaced (SECURITY.md). A wrong old
    passphrase counts as a wrong try at signing in, with the same wait."""
    check_new_passphrase(new, repeat)
    had_one = store.round.has_admin_passphrase()
    if old is not None and had_one:
        wait = store.round.admin_sign_in_wait()
        if wait:
            raise InputRefused(
                f"Too many wrong tries: wait {wait} seconds, then type the old passphrase "
                "again. Nothing was changed."
            )
        if not store.round.admin_sign_in(old).ok:
            raise InputRefused("The old passphrase is not right; nothing was changed.")
    store.round.set_admin_passphrase(new)
    name = store.path.name if store.path else "the round"
    verb = "Changed" if had_one else "Set"
    return PassphraseChanged(summary=f"{verb} the administrator's passphrase of {name}.")


@dataclass(frozen=True, slots=True)
class BackedUp:
    path: Path

    def summary(self) -> str:
        return f"Backed up the round to {self.path}."


def back_up(store: Store, *, viewer: Viewer, dest: str | Path, overwrite: bool) -> BackedUp:
    """A copy of the whole round (SQLite's online backup: safe while it is in use).

    Only the administrator: a copy holds every member's scores, which a member must not be
    able to carry away from the shared laptop before the panel has decided."""
    if viewer is not ADMINISTRATOR:
        raise InputRefused("Only the administrator can back up the round.")
    return BackedUp(store.backup(dest, overwrite=overwrite))
