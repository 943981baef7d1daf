"""Nominations and the entries they are grouped into.

A nomination is stored as received; the store puts it into the entry for the same nominee in
the same category (names compared by ``domain.names.name_key``), creating the entry when it is
the first. Nothing is deleted: withdrawn, ineligible and merged things keep their rows.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import (
    Entry,
    EntryStatus,
    Method,
    Nomination,
    NominationStatus,
    NomineeKind,
)
from csx_desktop.domain.names import name_key, tidy_name
from csx_desktop.store.database import parse_time, utc_now
from csx_desktop.store.errors import InputRefused, NotFound

if TYPE_CHECKING:
    from csx_desktop.store.database import Store


class NominationRepository:
    """Nominations and entries of the open round."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # ---- adding --------------------------------------------------------------------------

    def add(self, nomination: Nomination) -> Nomination:
        """Store one nomination in its entry (new or existing); audited; returns it with ids."""
        with self._store.write():
            return self._add_in_transaction(nomination)

    def add_many(self, nominations: list[Nomination]) -> list[Nomination]:
        """Store several nominations in one transaction: all of them, or none."""
        with self._store.write():
            return [self._add_in_transaction(n) for n in nominations]

    def _add_in_transaction(self, nomination: Nomination) -> Nomination:
        category = self._store.round.category(nomination.category_id)
        nominee = tidy_name(nomination.nominee)
        if not name_key(nominee):
            raise InputRefused("A nomination needs the nominee's name.")
        if category.method is Method.STAFF_VOTE:
            self._check_body_free(category.id, nomination.nominating_body, nominee)
        entry_id = self._entry_for(nominee, category.id, nomination)
        now = utc_now()
        row = {
            "entry_id": entry_id,
            "category_id": category.id,
            "nominee": nominee,
            "team_members": json.dumps(list(nomination.team_members), ensure_ascii=False),
            "service": nomination.service.strip(),
            "nominating_body": nomination.nominating_body.strip(),
            "nominator_name": tidy_name(nomination.nominator_name),
            "nominator_email": nomination.nominator_email.strip(),
            "relationship": nomination.relationship.strip(),
            "citation": nomination.citation.strip(),
            "received_at": nomination.received_at.isoformat() if nomination.received_at else None,
            "source": nomination.source or "typed in",
            "response_id": nomination.response_id,
            "status": str(nomination.status),
            "status_reason": nomination.status_reason,
            "created_at": now,
        }
        nomination_id = self._store.insert("nominations", row)
        self._store.audit("add", "nomination", nomination_id, after=row)
        return self.nomination(int(nomination_id))

    def _check_body_free(self, category_id: int | None, body: str, nominee: str) -> None:
        """Shining Star: one nomination per nominating body (DESIGN.md)."""
        if not body.strip():
            raise InputRefused(
                "A Shining Star nomination must name its nominating body (a Service "
                "Director's service or Xentrall Shared Services)."
            )
        for row in self._store.db.query(
            "SELECT nominee, nominating_body FROM nominations WHERE category_id = ?"
            " AND status = 'eligible'",
            [category_id],
        ):
            if name_key(row["nominating_body"]) == name_key(body):
                raise InputRefused(
                    f"{row['nominating_body']} has already nominated {row['nominee']} for "
                    f"Shining Star; each body nominates one member of staff, so {nominee} "
                    "was not added."
                )

    def _entry_for(self, nominee: str, category_id: int | None, nomination: Nomination) -> int:
        key = name_key(nominee)
        existing = self._store.db.execute(
            "SELECT id FROM entries WHERE category_id = ? AND match_key = ? AND status = 'active'"
            " ORDER BY id LIMIT 1",
            [category_id, key],
        ).fetchone()
        if existing:
            return int(existing[0])
        category = self._store.round.category(int(category_id or 0))
        row = {
            "category_id": category_id,
            "nominee": nominee,
            "match_key": key,
            "kind": str(category.nominee_kind),
            "team_members": json.dumps(list(nomination.team_members), ensure_ascii=False),
            "service": nomination.service.strip(),
            "nominating_body": nomination.nominating_body.strip(),
            "status": str(EntryStatus.ACTIVE),
            "created_at": utc_now(),
        }
        entry_id = self._store.insert("entries", row)
        self._store.audit("add", "entry", entry_id, after=row)
        return int(entry_id)

    # ---- reading -------------------------------------------------------------------------

    def entries(
        self, category_id: int | None = None, *, include_inactive: bool = False
    ) -> list[Entry]:
        """Entries with their count of eligible nominations, by category then name."""
        where = []
        params: list[Any] = []
        if category_id is not None:
            where.append("e.category_id = ?")
            params.append(category_id)
        if not include_inactive:
            where.append("e.status = 'active'")
        sql = (
            "SELECT e.*, (SELECT count(*) FROM nominations n WHERE n.entry_id = e.id"
            " AND n.status = 'eligible') AS nomination_count"
            " FROM entries e JOIN categories c ON c.id = e.category_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY c.position, e.nominee COLLATE NOCASE, e.id"
        )
        return [_entry(row) for row in self._store.db.query(sql, params)]

    def entry(self, entry_id: int) -> Entry:
        rows = list(
            self._store.db.query(
                "SELECT e.*, (SELECT count(*) FROM nominations n WHERE n.entry_id = e.id"
                " AND n.status = 'eligible') AS nomination_count FROM entries e WHERE e.id = ?",
                [entry_id],
            )
        )
        if not rows:
            raise NotFound(f"There is no entry with id {entry_id}.")
        return _entry(rows[0])

    def entry_named(self, category_id: int, nominee: str) -> Entry:
        """The active entry for a nominee in a category, matched as import matches names."""
        key = name_key(nominee)
        for entry in self.entries(category_id):
            if name_key(entry.nominee) == key:
                return entry
        category = self._store.round.category(category_id)
        raise NotFound(f"There is no entry for {nominee!r} in {category.name}.")

    def nominations_for(self, entry_id: int) -> list[Nomination]:
        return [
            _nomination(row)
            for row in self._store.db.query(
                "SELECT * FROM nominations WHERE entry_id = ? ORDER BY received_at, id",
                [entry_id],
            )
        ]

    def nomination(self, nomination_id: int) -> Nomination:
        rows = list(self._store.db.query("SELECT * FROM nominations WHERE id = ?", [nomination_id]))
        if not rows:
            raise NotFound(f"There is no nomination with id {nomination_id}.")
        return _nomination(rows[0])


def _entry(row: dict[str, Any]) -> Entry:
    return Entry(
        id=row["id"],
        category_id=row["category_id"],
        nominee=row["nominee"],
        kind=NomineeKind(row["kind"]),
        team_members=tuple(json.loads(row["team_members"])),
        service=row["service"],
        nominating_body=row["nominating_body"],
        status=EntryStatus(row["status"]),
        status_reason=row["status_reason"],
        merged_into=row["merged_into"],
        nomination_count=int(row.get("nomination_count") or 0),
    )


def _nomination(row: dict[str, Any]) -> Nomination:
    return Nomination(
        id=row["id"],
        entry_id=row["entry_id"],
        category_id=row["category_id"],
        nominee=row["nominee"],
        team_members=tuple(json.loads(row["team_members"])),
        service=row["service"],
        nominating_body=row["nominating_body"],
        nominator_name=row["nominator_name"],
        nominator_email=row["nominator_email"],
        relationship=row["relationship"],
        citation=row["citation"],
        received_at=parse_time(row["received_at"]),
        source=row["source"],
        response_id=row["response_id"],
        status=NominationStatus(row["status"]),
        status_reason=row["status_reason"],
    )
