"""Judging packs in the round file: the key they are signed with, and the record of each pack.

The key is two round settings, made the first time a pack is made (``ensure_pack_keys``):
``round_id``, a random id that tells this round's packs from another round's, and
``judging_pack_secret``, 32 random bytes for the packs' HMAC signatures. They sit in the
key-value ``round_settings`` table beside the other settings (no migration; like the
ballots' erasure mark, they are not fields of ``RoundSettings``, so the settings screens
never show them). The audit row that records their making never holds the secret.

Packs made and returned are recorded in the audit log, which needs no table of its own:
``make`` and ``return`` rows of entity ``judging pack``, the pack's id as the entity id, the
member, file name and counts in ``after``. ``pack_history`` reads them back.

A paper sheet keyed a second time, as a check, is a ``key again`` row of entity ``paper
sheet`` holding what was keyed; ``second_keyings`` reads the latest of each sheet back.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from csx_desktop.store.database import parse_time
from csx_desktop.store.errors import InputRefused

if TYPE_CHECKING:
    from csx_desktop.store.database import Store

PACK_ENTITY = "judging pack"
MADE, RETURNED = "make", "return"
_ROUND_ID_KEY = "round_id"
_SECRET_KEY = "judging_pack_secret"


@dataclass(frozen=True, slots=True)
class PackKeys:
    """This round's id and the secret its packs are signed with."""

    round_id: str
    secret: bytes


def pack_keys(store: Store) -> PackKeys | None:
    """The round's pack keys, or None when no pack has ever been made from it (read only)."""
    values = {
        row[0]: json.loads(row[1])
        for row in store.conn.execute(
            "SELECT key, value FROM round_settings WHERE key IN (?, ?)",
            [_ROUND_ID_KEY, _SECRET_KEY],
        )
    }
    round_id, secret = values.get(_ROUND_ID_KEY), values.get(_SECRET_KEY)
    if not isinstance(round_id, str) or not isinstance(secret, str):
        return None
    return PackKeys(round_id, bytes.fromhex(secret))


def new_pack_keys() -> PackKeys:
    """A fresh round id and secret, not stored yet (``store_pack_keys`` stores them)."""
    return PackKeys(secrets.token_hex(16), secrets.token_bytes(32))


def store_pack_keys(store: Store, keys: PackKeys) -> None:
    """Keep new keys in the round (audited, without the secret); call inside
    ``store.write()``. Refuses when another program has stored other keys since they were
    made, since packs signed with these would then never be taken back."""
    for key, value in ((_ROUND_ID_KEY, keys.round_id), (_SECRET_KEY, keys.secret.hex())):
        store.conn.execute(
            "INSERT INTO round_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
            [key, json.dumps(value)],
        )
    if pack_keys(store) != keys:
        raise InputRefused(
            "Another program made this round's first judging packs at the same time, so "
            "these were not kept. Make them again."
        )
    store.audit(
        "make pack key",
        "round",
        after={"round_id": keys.round_id, "judging_pack_secret": "(made; not shown)"},
    )


def ensure_pack_keys(store: Store) -> PackKeys:
    """The round's pack keys, made (and audited, without the secret) on first use."""
    keys = pack_keys(store)
    if keys is not None:
        return keys
    with store.write():
        # Another program may have made them since we looked: keep theirs.
        keys = pack_keys(store)
        if keys is None:
            keys = new_pack_keys()
            store_pack_keys(store, keys)
    return keys


def record_made(
    store: Store,
    *,
    pack_id: str,
    member_id: int,
    member_name: str,
    file_name: str,
    entries: int,
    fields: int,
) -> None:
    """Record a pack made for a member (call inside ``store.write()``)."""
    store.audit(
        MADE,
        PACK_ENTITY,
        pack_id,
        after={
            "member_id": member_id,
            "member": member_name,
            "file": file_name,
            "entries": entries,
            "fields": fields,
        },
    )


def record_returned(
    store: Store,
    *,
    pack_id: str,
    member_id: int,
    member_name: str,
    file_name: str,
    scores_taken: int,
    comments_taken: int,
    submitted: list[str],
    left_differing: int,
) -> None:
    """Record a pack read back into the round (call inside ``store.write()``)."""
    store.audit(
        RETURNED,
        PACK_ENTITY,
        pack_id,
        after={
            "member_id": member_id,
            "member": member_name,
            "file": file_name,
            "scores_taken": scores_taken,
            "comments_taken": comments_taken,
            "submitted": submitted,
            "left_differing": left_differing,
        },
    )


def returned_before(store: Store, pack_id: str) -> bool:
    """Whether this pack has been read back into the round already."""
    return bool(
        store.conn.execute(
            "SELECT 1 FROM audit WHERE entity = ? AND action = ? AND entity_id = ? LIMIT 1",
            [PACK_ENTITY, RETURNED, pack_id],
        ).fetchone()
    )


@dataclass(frozen=True, slots=True)
class PackReturn:
    """One reading of a returned pack into the round."""

    at: datetime | None
    file_name: str
    scores_taken: int
    comments_taken: int
    submitted: tuple[str, ...]
    left_differing: int


@dataclass(slots=True)
class PackRecord:
    """A pack made for a member, and each time it came back."""

    pack_id: str
    member_id: int
    member_name: str
    made_at: datetime | None
    made_by: str
    file_name: str
    entries: int
    returns: list[PackReturn] = field(default_factory=list)

    @property
    def returned_at(self) -> datetime | None:
        return self.returns[-1].at if self.returns else None

    @property
    def scores_taken(self) -> int:
        return sum(r.scores_taken for r in self.returns)


def pack_history(store: Store) -> list[PackRecord]:
    """Every pack made from this round, oldest first, with its returns."""
    records: dict[str, PackRecord] = {}
    for row in store.query(
        "SELECT at, actor, action, entity_id, after FROM audit"
        " WHERE entity = ? AND action IN (?, ?) ORDER BY id",
        [PACK_ENTITY, MADE, RETURNED],
    ):
        after: dict[str, Any] = json.loads(row["after"] or "{}")
        pack_id = row["entity_id"]
        if row["action"] == MADE:
            records[pack_id] = PackRecord(
                pack_id=pack_id,
                member_id=int(after.get("member_id", 0)),
                member_name=str(after.get("member", "")),
                made_at=parse_time(row["at"]),
                made_by=row["actor"],
                file_name=str(after.get("file", "")),
                entries=int(after.get("entries", 0)),
            )
            continue
        record = records.get(pack_id)
        if record is None:  # a pack made before its record was kept: show it all the same
            record = records[pack_id] = PackRecord(
                pack_id=pack_id,
                member_id=int(after.get("member_id", 0)),
                member_name=str(after.get("member", "")),
                made_at=None,
                made_by="",
                file_name="",
                entries=0,
            )
        record.returns.append(
            PackReturn(
                at=parse_time(row["at"]),
                file_name=str(after.get("file", "")),
                scores_taken=int(after.get("scores_taken", 0)),
                comments_taken=int(after.get("comments_taken", 0)),
                submitted=tuple(after.get("submitted", ())),
                left_differing=int(after.get("left_differing", 0)),
            )
        )
    return list(records.values())


# ---- paper sheets keyed twice -----------------------------------------------------------

SHEET_ENTITY = "paper sheet"
KEYED_AGAIN = "key again"


@dataclass(frozen=True, slots=True)
class SecondKeying:
    """The latest check keying of one member's paper sheet for one entry."""

    member_id: int
    entry_id: int
    scores: dict[int, int]  # criterion id -> score (criteria left empty are absent)
    comment: str
    at: datetime | None
    by: str


def record_second_keying(
    store: Store,
    *,
    member_id: int,
    entry_id: int,
    scores: dict[int, int],
    comment: str,
    agrees: bool,
) -> None:
    """Record a paper sheet keyed a second time, as a check (call inside ``store.write()``).
    The scores in the app are not changed by it."""
    store.audit(
        KEYED_AGAIN,
        SHEET_ENTITY,
        f"{member_id}/{entry_id}",
        after={
            "member_id": member_id,
            "entry_id": entry_id,
            "scores": {str(k): v for k, v in scores.items()},
            "comment": comment,
            "agrees": agrees,
        },
    )


def _second_keying(row: Any) -> SecondKeying:
    after: dict[str, Any] = json.loads(row["after"] or "{}")
    return SecondKeying(
        member_id=int(after.get("member_id", 0)),
        entry_id=int(after.get("entry_id", 0)),
        scores={int(k): int(v) for k, v in dict(after.get("scores", {})).items()},
        comment=str(after.get("comment", "")),
        at=parse_time(row["at"]),
        by=row["actor"],
    )


def latest_second_keying(store: Store, member_id: int, entry_id: int) -> SecondKeying | None:
    """The latest check keying of one member's paper sheet for one entry, if any."""
    rows = list(
        store.query(
            "SELECT at, actor, after FROM audit WHERE entity = ? AND entity_id = ?"
            " AND action = ? ORDER BY id DESC LIMIT 1",
            [SHEET_ENTITY, f"{member_id}/{entry_id}", KEYED_AGAIN],
        )
    )
    return _second_keying(rows[0]) if rows else None


def second_keyings(store: Store) -> list[SecondKeying]:
    """The latest check keying of each sheet keyed twice, oldest first."""
    latest: dict[str, SecondKeying] = {}
    for row in store.query(
        "SELECT at, actor, entity_id, after FROM audit WHERE entity = ? AND action = ? ORDER BY id",
        [SHEET_ENTITY, KEYED_AGAIN],
    ):
        latest.pop(row["entity_id"], None)  # keep the order of the latest keyings
        latest[row["entity_id"]] = _second_keying(row)
    return list(latest.values())
