"""Panel members, the categories they judge, their PINs and their declared interests.

Members are never deleted: removing someone from the panel clears their ``active`` flag, so
the scores they gave and the interests they declared stay in the record. Adding a member
with the name of a removed one brings them back.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import Interest, InterestKind, PanelGroup, PanelMember
from csx_desktop.domain.names import name_key, tidy_name
from csx_desktop.domain.secrets import (
    hash_secret,
    needs_rehash,
    pin_is_current,
    pin_problem,
    verify_secret,
)
from csx_desktop.store.database import as_typed, parse_time, utc_now
from csx_desktop.store.errors import InputRefused, NotFound
from csx_desktop.store.sign_ins import SIGN_IN_ACTOR, SignIn, failure_time, seconds_left

if TYPE_CHECKING:
    from csx_desktop.store.database import Store


@dataclass(frozen=True, slots=True)
class Declaration:
    """One answer to "do you know any of these nominees?": an entry, a kind and a note."""

    entry_id: int
    kind: InterestKind
    note: str = ""


class PanelRepository:
    """The judging panel of the open round."""

    def __init__(self, store: Store) -> None:
        self._store = store
        # Wrong tries on a round open read-only, which cannot record them: member id ->
        # (wrong tries in a row, time of the last).
        self._volatile: dict[int, tuple[int, str | None]] = {}

    # ---- members -------------------------------------------------------------------------

    def add_member(
        self,
        name: str,
        group: PanelGroup,
        category_ids: Iterable[int],
        *,
        pin: str = "",
        is_chair: bool = False,
    ) -> PanelMember:
        typed = as_typed(name=name)
        name = tidy_name(name)
        if not name_key(name):
            raise InputRefused("A panel member needs a name.")
        if pin:
            check_pin(pin)
        categories = self._check_categories(category_ids)
        pin_hash = hash_secret(pin) if pin else ""  # slow on purpose: not while holding the lock
        with self._store.write() as db:
            existing = db.execute(
                "SELECT id, active FROM panel_members WHERE name_key = ?", [name_key(name)]
            ).fetchone()
            if existing and existing[1]:
                raise InputRefused(f"{name} is already on the panel.")
            row = {
                "name": name,
                "name_key": name_key(name),
                "panel_group": str(group),
                "pin_hash": pin_hash,
                "is_chair": int(is_chair),
                "created_at": utc_now(),
            }
            if existing:
                # Someone removed earlier comes back with the details given now.
                member_id = int(existing[0])
                db.execute(
                    "UPDATE panel_members SET name = ?, panel_group = ?, pin_hash = ?,"
                    " is_chair = ?, active = 1, failed_sign_ins = 0, last_failed_at = NULL"
                    " WHERE id = ?",
                    [name, str(group), row["pin_hash"], int(is_chair), member_id],
                )
                action = "restore"
            else:
                member_id = self._store.insert("panel_members", row)
                action = "add"
            self._write_categories(member_id, categories)
            self._store.audit(
                action,
                "panel member",
                member_id,
                after={
                    **{k: v for k, v in row.items() if k != "pin_hash"},
                    "pin": "(set)" if pin else "(none)",
                    "categories": categories,
                    **typed,
                },
            )
        return self.member(member_id)

    def update_member(
        self,
        member_id: int,
        *,
        name: str | None = None,
        group: PanelGroup | None = None,
        category_ids: Iterable[int] | None = None,
        is_chair: bool | None = None,
    ) -> PanelMember:
        """Change a member's name, group, categories or chair flag (what is given)."""
        before = self.member(member_id)
        new_name = before.name if name is None else tidy_name(name)
        if not name_key(new_name):
            raise InputRefused("A panel member needs a name.")
        new_group = before.group if group is None else group
        new_chair = before.is_chair if is_chair is None else is_chair
        new_categories = (
            sorted(before.category_ids)
            if category_ids is None
            else self._check_categories(category_ids)
        )
        dropped = set(before.category_ids) - set(new_categories)
        with self._store.write() as db:
            clash = db.execute(
                "SELECT name FROM panel_members WHERE name_key = ? AND id <> ?",
                [name_key(new_name), member_id],
            ).fetchone()
            if clash:
                raise InputRefused(f"{clash[0]} is already on the panel (or was removed from it).")
            for category_id in sorted(dropped):
                if self._has_sheets(member_id, category_id):
                    category = self._store.round.category(category_id)
                    raise InputRefused(
                        f"{before.name} has already scored entries in {category.name}, so "
                        "that category cannot be taken away from them."
                    )
            db.execute(
                "UPDATE panel_members SET name = ?, name_key = ?, panel_group = ?, is_chair = ?"
                " WHERE id = ?",
                [new_name, name_key(new_name), str(new_group), int(new_chair), member_id],
            )
            self._write_categories(member_id, new_categories)
            after = self.member(member_id)
            if after != before:
                self._store.audit(
                    "change",
                    "panel member",
                    member_id,
                    before=_member_record(before),
                    after=_member_record(after) | as_typed(name=name or ""),
                )
        return after

    def remove_member(self, member_id: int, reason: str = "") -> None:
        """Take a member off the panel; their sheets and interests stay in the record."""
        member = self.member(member_id)
        with self._store.write() as db:
            db.execute("UPDATE panel_members SET active = 0 WHERE id = ?", [member_id])
            self._store.audit(
                "remove",
                "panel member",
                member_id,
                before=_member_record(member),
                after={"reason": reason.strip()},
            )

    def members(self) -> list[PanelMember]:
        """The active members, by name."""
        store = self._store
        categories: dict[int, set[int]] = {}
        for row in store.query("SELECT member_id, category_id FROM member_categories"):
            categories.setdefault(row["member_id"], set()).add(row["category_id"])
        return [
            _member(row, categories.get(row["id"], set()))
            for row in store.query(
                "SELECT * FROM panel_members WHERE active ORDER BY name COLLATE name"
            )
        ]

    def members_judging(self, category_id: int) -> list[PanelMember]:
        return [m for m in self.members() if category_id in m.category_ids]

    def member(self, member_id: int) -> PanelMember:
        for member in self.members():
            if member.id == member_id:
                return member
        raise NotFound(f"There is no panel member with id {member_id}.")

    def member_named(self, name: str) -> PanelMember:
        for member in self.members():
            if name_key(member.name) == name_key(name):
                return member
        raise NotFound(f"{name!r} is not on the panel.")

    def _check_categories(self, category_ids: Iterable[int]) -> list[int]:
        categories = sorted(set(category_ids))
        for category_id in categories:
            category = self._store.round.category(category_id)
            if not category.is_panel_scored:
                raise InputRefused(f"{category.name} is decided by staff vote, not by the panel.")
        return categories

    def _write_categories(self, member_id: int, categories: Sequence[int]) -> None:
        """Make the member's categories exactly these, keeping each kept one's state."""
        store = self._store
        store.conn.execute(
            "DELETE FROM member_categories WHERE member_id = ? AND category_id NOT IN"
            f" ({','.join('?' * len(categories))})",
            [member_id, *categories],
        )
        for category_id in categories:
            store.conn.execute(
                "INSERT OR IGNORE INTO member_categories (member_id, category_id) VALUES (?, ?)",
                [member_id, category_id],
            )

    def _has_sheets(self, member_id: int, category_id: int) -> bool:
        return bool(
            self._store.conn.execute(
                "SELECT 1 FROM scoresheets s JOIN entries e ON e.id = s.entry_id"
                " WHERE s.member_id = ? AND e.category_id = ? LIMIT 1",
                [member_id, category_id],
            ).fetchone()
        )

    # ---- PINs and signing in -------------------------------------------------------------

    def set_pin(self, member_id: int, pin: str) -> None:
        """Give a member a new PIN (6 to 8 digits); their count of wrong tries starts again."""
        check_pin(pin)
        member = self.member(member_id)
        pin_hash = hash_secret(pin)  # before the write: the lock is not held while hashing
        with self._store.write() as db:
            db.execute(
                "UPDATE panel_members SET pin_hash = ?, failed_sign_ins = 0,"
                " last_failed_at = NULL WHERE id = ?",
                [pin_hash, member_id],
            )
            self._store.audit("set PIN", "panel member", member_id, after={"name": member.name})
        self._volatile.pop(member_id, None)

    def sign_in(self, member_id: int, pin: str) -> SignIn:
        """One try at signing in with a PIN; see ``store.sign_ins``.

        Refused unchecked while the wait after earlier wrong tries runs. Every try is
        audited; the count of wrong tries and the time of the last are kept in the round.
        """
        row = self._store.conn.execute(
            "SELECT name, pin_hash, failed_sign_ins, last_failed_at FROM panel_members"
            " WHERE id = ? AND active",
            [member_id],
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no panel member with id {member_id}.")
        name, pin_hash, failures, last_failed_at = row
        failures, last_failed_at = self._volatile.get(member_id, (failures, last_failed_at))
        if not pin_hash:
            return SignIn(ok=False, no_secret=True)
        wait = seconds_left(failures, last_failed_at)
        if wait:
            self._record(member_id, name, "sign-in refused (waiting)", failures, None, wait)
            return SignIn(ok=False, wait=wait, failures=failures, checked=False)
        ok = verify_secret(pin, pin_hash)
        if ok:
            rehash = hash_secret(pin) if needs_rehash(pin_hash) else None
            self._record(member_id, name, "sign in", 0, None, 0, rehash=rehash)
            return SignIn(ok=True, change_pin=not pin_is_current(pin))
        failures += 1
        now = failure_time()
        wait = seconds_left(failures, now)
        self._record(member_id, name, "wrong PIN", failures, now, wait)
        return SignIn(ok=False, wait=wait, failures=failures)

    def sign_in_wait(self, member_id: int) -> int:
        """Seconds before this member's next try will be checked (0: at once)."""
        row = self._store.conn.execute(
            "SELECT failed_sign_ins, last_failed_at FROM panel_members WHERE id = ?",
            [member_id],
        ).fetchone()
        if row is None:
            return 0
        failures, last_failed_at = self._volatile.get(member_id, (row[0], row[1]))
        return seconds_left(failures, last_failed_at)

    def _record(
        self,
        member_id: int,
        name: str,
        action: str,
        failures: int,
        last_failed_at: str | None,
        wait: int,
        *,
        rehash: str | None = None,
    ) -> None:
        """Keep the outcome of a try (counts, and its audit row) in the round."""
        if self._store.read_only:
            if action != "sign-in refused (waiting)":
                self._volatile[member_id] = (failures, last_failed_at)
            return
        with self._store.write() as db:
            if action == "wrong PIN":
                db.execute(
                    "UPDATE panel_members SET failed_sign_ins = ?, last_failed_at = ? WHERE id = ?",
                    [failures, last_failed_at, member_id],
                )
            elif action == "sign in":
                db.execute(
                    "UPDATE panel_members SET failed_sign_ins = 0, last_failed_at = NULL,"
                    " pin_hash = coalesce(?, pin_hash) WHERE id = ?",
                    [rehash, member_id],
                )
            after: dict[str, Any] = {"name": name, "wrong tries in a row": failures}
            if wait:
                after["next try after (seconds)"] = wait
            if rehash:
                after["pin"] = "(stored again at today's cost)"
            self._store.audit(action, "panel member", member_id, after=after, actor=SIGN_IN_ACTOR)

    def verify_pin(self, member_id: int, pin: str) -> bool:
        """True when ``pin`` signs this member in (a try like any other: counted, audited)."""
        return self.sign_in(member_id, pin).ok

    def pin_unchanged(self, member_id: int, pin: str) -> bool:
        """True when the member's PIN is already this one.

        For re-imports of the administrator's panel file only (so importing the same file twice
        changes nothing); it does not count as a sign-in attempt.
        """
        row = self._store.conn.execute(
            "SELECT pin_hash FROM panel_members WHERE id = ?", [member_id]
        ).fetchone()
        return bool(row and row[0]) and verify_secret(pin, row[0])

    def failed_sign_ins(self, member_id: int) -> int:
        """Wrong tries in a row since the member last signed in (kept in the round)."""
        if member_id in self._volatile:
            return self._volatile[member_id][0]
        row = self._store.conn.execute(
            "SELECT failed_sign_ins FROM panel_members WHERE id = ?", [member_id]
        ).fetchone()
        return int(row[0]) if row else 0

    # ---- per-category state --------------------------------------------------------------

    def interests_confirmed(self, member_id: int, category_id: int) -> bool:
        row = self._store.conn.execute(
            "SELECT interests_confirmed_at FROM member_categories"
            " WHERE member_id = ? AND category_id = ?",
            [member_id, category_id],
        ).fetchone()
        return bool(row and row[0])

    def confirm_interests(self, member_id: int, category_id: int) -> None:
        """Record that the member has answered "do you know any of these nominees?"."""
        with self._store.write() as db:
            db.execute(
                "UPDATE member_categories SET interests_confirmed_at = ?"
                " WHERE member_id = ? AND category_id = ?",
                [utc_now(), member_id, category_id],
            )
            self._store.audit(
                "confirm interests", "panel member", member_id, after={"category_id": category_id}
            )

    def declare_and_confirm(
        self, member_id: int, category_id: int, declarations: Sequence[Declaration]
    ) -> list[Interest]:
        """A member's answer for a whole category, stored together: all of it, or nothing."""
        for declaration in declarations:
            if self._store.nominations.entry(declaration.entry_id).category_id != category_id:
                raise InputRefused("Every declared interest must be in the category answered.")
        with self._store.write():
            interests = [
                self.declare_interest(member_id, d.entry_id, d.kind, d.note)
                for d in declarations
                if not self.has_interest(member_id, d.entry_id)
            ]
            self.confirm_interests(member_id, category_id)
        return interests

    # ---- declared interests --------------------------------------------------------------

    def declare_interest(
        self, member_id: int, entry_id: int, kind: InterestKind, note: str = ""
    ) -> Interest:
        member = self.member(member_id)
        entry = self._store.nominations.entry(entry_id)
        if entry.category_id not in member.category_ids:
            category = self._store.round.category(entry.category_id)
            raise InputRefused(f"{member.name} does not judge {category.name}.")
        with self._store.write() as db:
            if db.execute(
                "SELECT 1 FROM interests WHERE member_id = ? AND entry_id = ?",
                [member_id, entry_id],
            ).fetchone():
                raise InputRefused(
                    f"{member.name} has already declared an interest in {entry.nominee}."
                )
            row = {
                "member_id": member_id,
                "entry_id": entry_id,
                "kind": str(kind),
                "note": note.strip(),
                "declared_by": self._store.actor,
                "declared_at": utc_now(),
            }
            interest_id = self._store.insert("interests", row)
            self._store.audit("declare interest", "interest", interest_id, after=row)
        return self.interests(member_id=member_id, entry_id=entry_id)[0]

    def withdraw_interest(self, member_id: int, entry_id: int, reason: str) -> None:
        """Remove a declared interest recorded in error; the reason goes in the audit log."""
        if not reason.strip():
            raise InputRefused("Say why the declared interest is being withdrawn.")
        found = self.interests(member_id=member_id, entry_id=entry_id)
        if not found:
            raise NotFound("There is no declared interest to withdraw.")
        interest = found[0]
        with self._store.write() as db:
            db.execute("DELETE FROM interests WHERE id = ?", [interest.id])
            self._store.audit(
                "withdraw interest",
                "interest",
                interest.id,
                before={
                    "member_id": member_id,
                    "entry_id": entry_id,
                    "kind": str(interest.kind),
                    "note": interest.note,
                },
                after={"reason": reason.strip()},
            )

    def interests(
        self,
        *,
        member_id: int | None = None,
        entry_id: int | None = None,
        category_id: int | None = None,
    ) -> list[Interest]:
        where, params = [], []
        for column, value in (
            ("i.member_id", member_id),
            ("i.entry_id", entry_id),
            ("e.category_id", category_id),
        ):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        sql = "SELECT i.* FROM interests i JOIN entries e ON e.id = i.entry_id" + (
            " WHERE " + " AND ".join(where) if where else ""
        )
        return [_interest(row) for row in self._store.query(sql + " ORDER BY i.id", params)]

    def has_interest(self, member_id: int, entry_id: int) -> bool:
        return bool(
            self._store.conn.execute(
                "SELECT 1 FROM interests WHERE member_id = ? AND entry_id = ?",
                [member_id, entry_id],
            ).fetchone()
        )


def check_pin(pin: str) -> None:
    """Refuse a new PIN that breaks the rule: 6 to 8 ASCII digits."""
    problem = pin_problem(pin)
    if problem:
        raise InputRefused(problem)


def _member(row: dict[str, Any], categories: set[int]) -> PanelMember:
    return PanelMember(
        id=row["id"],
        name=row["name"],
        group=PanelGroup(row["panel_group"]),
        category_ids=frozenset(categories),
        is_chair=bool(row["is_chair"]),
        has_pin=bool(row["pin_hash"]),
    )


def _member_record(member: PanelMember) -> dict[str, Any]:
    """A member as the audit log records them (never the PIN)."""
    return {
        "name": member.name,
        "group": str(member.group),
        "categories": sorted(member.category_ids),
        "is_chair": member.is_chair,
    }


def _interest(row: dict[str, Any]) -> Interest:
    return Interest(
        id=row["id"],
        member_id=row["member_id"],
        entry_id=row["entry_id"],
        kind=InterestKind(row["kind"]),
        note=row["note"],
        declared_by=row["declared_by"],
        declared_at=parse_time(row["declared_at"]),
    )
