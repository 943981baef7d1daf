"""Panel members, the categories they judge, their PINs and their declared interests."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import Interest, InterestKind, PanelGroup, PanelMember
from csx_desktop.domain.names import name_key, tidy_name
from csx_desktop.domain.secrets import hash_secret, verify_secret
from csx_desktop.store.database import parse_time, utc_now
from csx_desktop.store.errors import InputRefused, NotFound

if TYPE_CHECKING:
    from collections.abc import Iterable

    from csx_desktop.store.database import Store


class PanelRepository:
    """The judging panel of the open round."""

    def __init__(self, store: Store) -> None:
        self._store = store

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
        name = tidy_name(name)
        if not name_key(name):
            raise InputRefused("A panel member needs a name.")
        if pin:
            check_pin(pin)
        categories = sorted(set(category_ids))
        for category_id in categories:
            if not self._store.round.category(category_id).is_panel_scored:
                raise InputRefused(
                    f"{self._store.round.category(category_id).name} is decided by staff "
                    "vote, not by the panel."
                )
        with self._store.write() as db:
            if db.execute(
                "SELECT 1 FROM panel_members WHERE name_key = ?", [name_key(name)]
            ).fetchone():
                raise InputRefused(f"{name} is already on the panel.")
            row = {
                "name": name,
                "name_key": name_key(name),
                "panel_group": str(group),
                "pin_hash": hash_secret(pin) if pin else "",
                "is_chair": int(is_chair),
                "created_at": utc_now(),
            }
            member_id = self._store.insert("panel_members", row)
            for category_id in categories:
                db.execute(
                    "INSERT INTO member_categories (member_id, category_id) VALUES (?, ?)",
                    [member_id, category_id],
                )
            self._store.audit(
                "add",
                "panel member",
                member_id,
                after={
                    **{k: v for k, v in row.items() if k != "pin_hash"},
                    "categories": categories,
                },
            )
        return self.member(member_id)

    def members(self) -> list[PanelMember]:
        db = self._store.db
        categories: dict[int, set[int]] = {}
        for row in db.query("SELECT member_id, category_id FROM member_categories"):
            categories.setdefault(row["member_id"], set()).add(row["category_id"])
        return [
            _member(row, categories.get(row["id"], set()))
            for row in db.query(
                "SELECT * FROM panel_members WHERE active ORDER BY name COLLATE NOCASE"
            )
        ]

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

    def set_pin(self, member_id: int, pin: str) -> None:
        check_pin(pin)
        member = self.member(member_id)
        with self._store.write() as db:
            db.execute(
                "UPDATE panel_members SET pin_hash = ?, failed_sign_ins = 0 WHERE id = ?",
                [hash_secret(pin), member_id],
            )
            self._store.audit("set PIN", "panel member", member_id, after={"name": member.name})

    def verify_pin(self, member_id: int, pin: str) -> bool:
        """Check a PIN; wrong ones are counted (the sign-in screen slows down on them)."""
        row = self._store.db.execute(
            "SELECT pin_hash FROM panel_members WHERE id = ?", [member_id]
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no panel member with id {member_id}.")
        ok = bool(row[0]) and verify_secret(pin, row[0])
        with self._store.write() as db:
            if ok:
                db.execute("UPDATE panel_members SET failed_sign_ins = 0 WHERE id = ?", [member_id])
            else:
                db.execute(
                    "UPDATE panel_members SET failed_sign_ins = failed_sign_ins + 1,"
                    " last_failed_at = ? WHERE id = ?",
                    [utc_now(), member_id],
                )
                self._store.audit("wrong PIN", "panel member", member_id)
        return ok

    def failed_sign_ins(self, member_id: int) -> int:
        row = self._store.db.execute(
            "SELECT failed_sign_ins FROM panel_members WHERE id = ?", [member_id]
        ).fetchone()
        return int(row[0]) if row else 0

    # ---- per-category state --------------------------------------------------------------

    def interests_confirmed(self, member_id: int, category_id: int) -> bool:
        row = self._store.db.execute(
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

    def interests(
        self, *, member_id: int | None = None, entry_id: int | None = None
    ) -> list[Interest]:
        where, params = [], []
        if member_id is not None:
            where.append("member_id = ?")
            params.append(member_id)
        if entry_id is not None:
            where.append("entry_id = ?")
            params.append(entry_id)
        sql = "SELECT * FROM interests" + (" WHERE " + " AND ".join(where) if where else "")
        return [_interest(row) for row in self._store.db.query(sql + " ORDER BY id", params)]

    def has_interest(self, member_id: int, entry_id: int) -> bool:
        return bool(
            self._store.db.execute(
                "SELECT 1 FROM interests WHERE member_id = ? AND entry_id = ?",
                [member_id, entry_id],
            ).fetchone()
        )


def check_pin(pin: str) -> None:
    if not (pin.isdigit() and 4 <= len(pin) <= 8):
        raise InputRefused("A PIN is 4 to 8 digits.")


def _member(row: dict[str, Any], categories: set[int]) -> PanelMember:
    return PanelMember(
        id=row["id"],
        name=row["name"],
        group=PanelGroup(row["panel_group"]),
        category_ids=frozenset(categories),
        is_chair=bool(row["is_chair"]),
        has_pin=bool(row["pin_hash"]),
    )


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
