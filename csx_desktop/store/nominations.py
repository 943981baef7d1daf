"""Nominations and the entries they are grouped into.

A nomination is stored as received; the store puts it into the entry for the same nominee in
the same category (names compared by ``domain.names.name_key``), creating the entry when it is
the first. The administrator then tidies: merges duplicate entries, splits an entry that holds
two different people, moves a nomination to another category, marks one ineligible or
withdrawn, or corrects it. Nothing is deleted: withdrawn, ineligible and merged things keep
their rows, and every change has its audit row. A declared interest follows the nominee
through every merge, split, move and correction: the member stands aside from wherever the
nominations went.

An entry's status follows its nominations: it is active while at least one of them is
eligible, and withdrawn or ineligible when none is. An entry whose nominations all went
elsewhere (merged, or moved to another category) is "merged" and points at where they went.

Imports go through ``add_batch``: one transaction for the whole file, every row checked, and
either everything stored or nothing (unless the caller asks to keep the valid rows).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any, NamedTuple

from csx_desktop.domain.model import (
    Category,
    Entry,
    EntryStatus,
    Method,
    Nomination,
    NominationStatus,
    NomineeKind,
)
from csx_desktop.domain.names import name_key, tidy_name
from csx_desktop.store.database import as_typed, parse_time, utc_now
from csx_desktop.store.errors import InputRefused, NotFound

if TYPE_CHECKING:
    from csx_desktop.store.database import Store

TYPED_IN = "typed in"

# The fields a person may correct on a stored nomination (source, response id and status
# are what was received and what was decided, and change through their own actions).
EDITABLE_FIELDS = (
    "category_id",
    "nominee",
    "team_members",
    "service",
    "nominating_body",
    "nominator_name",
    "nominator_email",
    "relationship",
    "citation",
    "received_at",
)


@dataclass(frozen=True, slots=True)
class ImportFile:
    """What the ``imports`` table remembers about one import of a file."""

    file_name: str
    file_sha256: str
    format: str
    rejected: int = 0


class Added(NamedTuple):
    """A nomination just stored: its id, its entry's and its source (an import adds
    thousands: a small tuple, not the whole nomination again)."""

    id: int
    entry_id: int
    source: str


@dataclass(slots=True)
class BatchResult:
    """What ``add_batch`` did: stored nominations and, by input index, refused ones."""

    stored: list[Added] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)  # input index -> reason
    already_imported: list[int] = field(default_factory=list)  # input indexes
    new_entries: int = 0
    # Names that arrived with invisible characters, as they arrived (for the audit row).
    as_typed: dict[int, dict[str, str]] = field(default_factory=dict)  # nomination id ->
    committed: bool = False

    @property
    def entries_touched(self) -> int:
        return len({n.entry_id for n in self.stored})


class _Rollback(Exception):
    """Raised inside a write to undo it (dry run, or a refused all-or-nothing import)."""


class NominationRepository:
    """Nominations and entries of the open round."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # ---- adding --------------------------------------------------------------------------

    def add(self, nomination: Nomination) -> Nomination:
        """Store one nomination in its entry (new or existing); audited; returns it with ids."""
        with self._store.write():
            return self.nomination(self._add_in_transaction(nomination).id)

    def add_many(self, nominations: list[Nomination]) -> list[Nomination]:
        """Store several nominations in one transaction: all of them, or none."""
        with self._store.write():
            added = [self._add_in_transaction(n).id for n in nominations]
            return [self.nomination(nomination_id) for nomination_id in added]

    def add_batch(
        self,
        nominations: Sequence[Nomination],
        *,
        keep_valid: bool = False,
        dry_run: bool = False,
        record: ImportFile | None = None,
    ) -> BatchResult:
        """Store the nominations of one import in one transaction.

        Each nomination is checked against the round's rules; one that breaks a rule (a second
        Shining Star nomination from the same body, say) is reported in ``refused`` by its
        index instead of raising. A nomination whose source and response id are already in
        the round (the same export imported again) is skipped and listed in
        ``already_imported``. Unless ``keep_valid``, one refusal stores nothing; ``dry_run``
        checks everything and stores nothing. ``record`` is written to the ``imports`` table
        when the batch is stored.
        """
        result = BatchResult()
        if not dry_run:
            self._store.safety_backup("importing nominations")
        try:
            with self._store.write():
                known = self._known_responses({n.source for n in nominations if n.response_id})
                entries = self._active_entry_ids()
                now = utc_now()  # one import, one moment: not a clock read per row
                pending = _PendingRows(self._store.conn)
                for index, nomination in enumerate(nominations):
                    key = (nomination.source, nomination.response_id)
                    if nomination.response_id and key in known:
                        result.already_imported.append(index)
                        continue
                    try:
                        before = len(entries)
                        stored = self._add_in_transaction(nomination, entries, now, pending)
                    except InputRefused as error:
                        result.refused[index] = str(error)
                        continue
                    result.new_entries += len(entries) - before
                    result.stored.append(stored)
                    typed = _typed_names(nomination)
                    if typed:
                        result.as_typed[stored.id] = typed
                    if nomination.response_id:
                        known.add(key)
                pending.flush()
                if dry_run or (result.refused and not keep_valid):
                    raise _Rollback
                self._audit_batch(result, record)
        except _Rollback:
            return result
        result.committed = True
        return result

    def _audit_batch(self, result: BatchResult, record: ImportFile | None) -> None:
        """One audit row for the whole import, naming every nomination and entry it added."""
        stored = [int(n.id or 0) for n in result.stored]
        entries = sorted({int(n.entry_id or 0) for n in result.stored})
        after: dict[str, Any] = {
            "sources": sorted({n.source for n in result.stored}),
            "nominations": stored,
            "entries": entries,
            "new_entries": result.new_entries,
            "already_imported": len(result.already_imported),
            "refused": len(result.refused),
        }
        if result.as_typed:
            after["names as typed"] = {str(k): v for k, v in result.as_typed.items()}
        import_id: object = ""
        if record is not None:
            row = {
                "kind": "nominations",
                "file_name": record.file_name,
                "file_sha256": record.file_sha256,
                "format": record.format,
                "stored": len(stored),
                "rejected": record.rejected + len(result.refused),
                "imported_by": self._store.actor,
                "imported_at": utc_now(),
            }
            import_id = self._insert("imports", row)
            after |= row
        self._store.audit("import", "nominations", import_id, after=after)

    def known_responses(self, source: str) -> set[str]:
        """The response ids already stored from this source (a form, as import names it)."""
        return {response for _, response in self._known_responses({source})}

    def _known_responses(self, sources: set[str]) -> set[tuple[str, str]]:
        known: set[tuple[str, str]] = set()
        for source in sources:
            for row in self._store.conn.execute(
                "SELECT response_id FROM nominations WHERE source = ? AND response_id <> ''",
                [source],
            ):
                known.add((source, row[0]))
        return known

    def _active_entry_ids(self) -> dict[tuple[int, str], int]:
        """(category id, match key) -> the oldest active entry, for grouping a batch."""
        found: dict[tuple[int, str], int] = {}
        for row in self._store.conn.execute(
            "SELECT category_id, match_key, id FROM entries WHERE status = 'active' ORDER BY id"
        ):
            found.setdefault((row[0], row[1]), row[2])
        return found

    def _add_in_transaction(
        self,
        nomination: Nomination,
        entries: dict[tuple[int, str], int] | None = None,
        now: str | None = None,
        pending: _PendingRows | None = None,
    ) -> Added:
        """Check and insert one nomination. ``entries`` (an import's cache of active entries
        by category and name key) makes thousands of rows cheap: no lookup, no re-read;
        ``pending`` collects an import's rows to write them together."""
        category = self._store.round.category(nomination.category_id)
        nominee = tidy_name(nomination.nominee)
        key = name_key(nominee)
        if not key:
            raise InputRefused("A nomination needs the nominee's name.")
        if category.method is Method.STAFF_VOTE and nomination.status is NominationStatus.ELIGIBLE:
            if pending is not None:
                pending.flush()  # the check reads the table: the batch's rows must be in it
            self._check_body_free(category.id, nomination.nominating_body, nominee)
        if entries is None:
            entry_id = self._entry_for(nominee, nomination.category_id, nomination)
        else:
            cache_key = (nomination.category_id, key)
            found = entries.get(cache_key)
            entry_id = found or self._new_entry(
                nominee,
                nomination.category_id,
                nomination,
                audit=False,
                now=now,
                pending=pending,
                category=category,
                key=key,
            )
            entries[cache_key] = entry_id
        source = nomination.source or TYPED_IN
        values = (
            *_nomination_values(nomination, nominee),
            entry_id,
            source,
            nomination.response_id,
            str(nomination.status),
            nomination.status_reason,
            now or utc_now(),
        )
        if pending is not None:
            # In an import the batch writes one audit row naming every nomination it added;
            # the nomination's own row is the record of what arrived.
            return Added(pending.add("nominations", values), entry_id, source)
        row = dict(zip(_NOMINATION_COLUMNS, values, strict=True))
        nomination_id = self._insert("nominations", row)
        self._store.audit("add", "nomination", nomination_id, after=row | _typed_names(nomination))
        return Added(nomination_id, entry_id, source)

    def _check_body_free(
        self, category_id: int | None, body: str, nominee: str, *, except_id: int | None = None
    ) -> None:
        """Shining Star: one nomination per nominating body (DESIGN.md)."""
        if not body.strip():
            raise InputRefused(
                "A Shining Star nomination must name its nominating body (a Service "
                "Director's service or Xentrall Shared Services)."
            )
        for row in self._store.query(
            "SELECT id, nominee, nominating_body FROM nominations WHERE category_id = ?"
            " AND status = 'eligible'",
            [category_id],
        ):
            if row["id"] != except_id and name_key(row["nominating_body"]) == name_key(body):
                raise InputRefused(
                    f"{row['nominating_body']} has already nominated {row['nominee']} for "
                    f"Shining Star; each body nominates one member of staff, so {nominee} "
                    "was not added."
                )

    def _entry_for(
        self,
        nominee: str,
        category_id: int | None,
        nomination: Nomination,
        *,
        not_entry: int | None = None,
    ) -> int:
        key = name_key(nominee)
        existing = self._store.conn.execute(
            "SELECT id FROM entries WHERE category_id = ? AND match_key = ? AND status = 'active'"
            " AND id IS NOT ? ORDER BY id LIMIT 1",
            [category_id, key, not_entry],
        ).fetchone()
        if existing:
            return int(existing[0])
        return self._new_entry(nominee, category_id, nomination)

    def _new_entry(
        self,
        nominee: str,
        category_id: int | None,
        nomination: Nomination,
        *,
        audit: bool = True,
        now: str | None = None,
        pending: _PendingRows | None = None,
        category: Category | None = None,
        key: str | None = None,
    ) -> int:
        """A new entry for the nominee; ``category`` and ``key`` (the nominee's ``name_key``)
        when the caller has them already."""
        if category is None:
            category = self._store.round.category(int(category_id or 0))
        values = (  # as _ENTRY_COLUMNS lists them
            category_id,
            nominee,
            name_key(nominee) if key is None else key,
            str(category.nominee_kind),
            _json_text(list(nomination.team_members)) if nomination.team_members else "[]",
            nomination.service.strip(),
            nomination.nominating_body.strip(),
            str(EntryStatus.ACTIVE),
            now or utc_now(),
        )
        if pending is not None:
            return pending.add("entries", values)
        row = dict(zip(_ENTRY_COLUMNS, values, strict=True))
        entry_id = self._insert("entries", row)
        if audit:
            self._store.audit("add", "entry", entry_id, after=row)
        return entry_id

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        """A plain INSERT: an import adds thousands of rows, and sqlite-utils' ``insert``
        re-reads the table's columns for each one."""
        columns = ", ".join(row)
        marks = ", ".join("?" * len(row))
        cursor = self._store.conn.execute(
            f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(row.values())
        )
        return int(cursor.lastrowid or 0)

    # ---- tidying entries -----------------------------------------------------------------

    def merge(self, target_id: int, other_ids: Sequence[int], reason: str = "") -> Entry:
        """Move every nomination of ``other_ids`` into ``target_id``; the others become merged.

        Refused when the entries are in different categories, or when an entry to be merged
        away already has scores, votes or a decision (they would be set aside silently).
        Declared interests go with the nominations (``_interests_follow``): a member who
        knows the nominee still stands aside from the merged entry.
        """
        others = list(dict.fromkeys(other_ids))
        if not others:
            raise InputRefused("Choose at least one other entry to merge into this one.")
        if target_id in others:
            raise InputRefused("An entry cannot be merged into itself.")
        self._store.safety_backup("merging entries")
        with self._store.write() as db:
            target = self.entry(target_id)
            if target.status is EntryStatus.MERGED:
                raise InputRefused(f"{target.nominee} was itself merged; merge into its entry.")
            category = self._store.round.category(target.category_id)
            before_target = _entry_row(target)
            members = list(target.team_members)
            service, body = target.service, target.nominating_body
            for other_id in others:
                other = self.entry(other_id)
                if other.category_id != target.category_id:
                    other_category = self._store.round.category(other.category_id)
                    raise InputRefused(
                        f"{other.nominee} is in {other_category.name} and {target.nominee} in "
                        f"{category.name}: only entries in the same category can be merged. "
                        "Move the nomination to the other category first."
                    )
                if other.status is EntryStatus.MERGED:
                    raise InputRefused(f"{other.nominee} has already been merged.")
                self._check_nothing_hangs_on(other, "merged into another entry")
                db.execute(
                    "UPDATE nominations SET entry_id = ? WHERE entry_id = ?", [target_id, other_id]
                )
                self._interests_follow(other_id, target_id, "merge")
                known = {name_key(m) for m in members}
                members += [m for m in other.team_members if name_key(m) not in known]
                service = service or other.service
                body = body or other.nominating_body
                why = reason.strip() or f"merged into {target.nominee}"
                db.execute(
                    "UPDATE entries SET status = 'merged', merged_into = ?, status_reason = ?"
                    " WHERE id = ?",
                    [target_id, why, other_id],
                )
                self._store.audit(
                    "merge",
                    "entry",
                    other_id,
                    before=_entry_row(other),
                    after={"status": "merged", "merged_into": target_id, "status_reason": why},
                )
            db.execute(
                "UPDATE entries SET team_members = ?, service = ?, nominating_body = ?"
                " WHERE id = ?",
                [json.dumps(members, ensure_ascii=False), service, body, target_id],
            )
            self._refresh_entry_status(target_id, reason)
            after = self.entry(target_id)
            self._store.audit(
                "merge into",
                "entry",
                target_id,
                before=before_target,
                after=_entry_row(after) | {"merged": others},
            )
        return after

    def split(
        self, entry_id: int, nomination_ids: Sequence[int], nominee: str | None = None
    ) -> Entry:
        """Move some nominations of an entry into a new entry of their own (two people with
        one name, say); ``nominee`` names the new entry (default: as the nominations say)."""
        chosen = list(dict.fromkeys(nomination_ids))
        with self._store.write() as db:
            entry = self.entry(entry_id)
            if entry.status is EntryStatus.MERGED:
                raise InputRefused(f"{entry.nominee} was merged; split its entry instead.")
            nominations = self.nominations_for(entry_id)
            ids = {n.id for n in nominations}
            if not chosen:
                raise InputRefused("Choose the nominations to move into a new entry.")
            stray = [i for i in chosen if i not in ids]
            if stray:
                raise InputRefused(
                    f"Nomination {stray[0]} is not one of the nominations of {entry.nominee}."
                )
            if len(chosen) == len(nominations):
                raise InputRefused(
                    f"Every nomination of {entry.nominee} would move, leaving it empty; edit "
                    "the nominee's name instead."
                )
            moving = [n for n in nominations if n.id in chosen]
            first = moving[0]
            name = tidy_name(nominee) if nominee is not None else first.nominee
            if not name_key(name):
                raise InputRefused("The new entry needs the nominee's name.")
            new_id = self._new_entry(name, entry.category_id, first)
            db.execute(
                f"UPDATE nominations SET entry_id = ? WHERE id IN ({','.join('?' * len(chosen))})",
                [new_id, *chosen],
            )
            self._interests_follow(entry_id, new_id, "split")
            self._refresh_entry_status(entry_id, "")
            self._refresh_entry_status(new_id, "")
            self._store.audit(
                "split",
                "entry",
                entry_id,
                before={"nominations": sorted(i for i in ids if i is not None)},
                after={"new_entry": new_id, "moved_nominations": chosen, "nominee": name}
                | as_typed(nominee=nominee or ""),
            )
            return self.entry(new_id)

    def move(
        self, nomination_id: int, category_id: int, *, nominating_body: str | None = None
    ) -> Nomination:
        """Move a nomination to another category (into the entry for its nominee there)."""
        nomination = self.nomination(nomination_id)
        if nomination.category_id == category_id:
            category = self._store.round.category(category_id)
            raise InputRefused(f"This nomination is already in {category.name}.")
        changed = replace(nomination, category_id=category_id)
        if nominating_body is not None:
            changed = replace(changed, nominating_body=nominating_body)
        return self.update(changed, action="move")

    def update(self, nomination: Nomination, *, action: str = "edit") -> Nomination:
        """Store corrections to a nomination (its ``id`` says which one).

        A changed category or nominee name moves it into the matching entry (created when
        there is none); the entry it leaves is kept, as merged, when nothing is left in it.
        """
        if nomination.id is None:
            raise InputRefused("Only a stored nomination can be edited.")
        with self._store.write() as db:
            before = self.nomination(nomination.id)
            category = self._store.round.category(nomination.category_id)
            nominee = tidy_name(nomination.nominee)
            if not name_key(nominee):
                raise InputRefused("A nomination needs the nominee's name.")
            if category.method is Method.STAFF_VOTE and before.status is NominationStatus.ELIGIBLE:
                self._check_body_free(
                    category.id, nomination.nominating_body, nominee, except_id=nomination.id
                )
            old_entry = self.entry(int(before.entry_id or 0))
            entry_id = int(old_entry.id or 0)
            alone = len(self.nominations_for(entry_id)) == 1
            key = name_key(nominee)
            stays = category.id == before.category_id and (
                key == name_key(before.nominee)
                or (alone and not self._other_active_entry(category.id, key, entry_id))
            )
            if not stays:
                if alone:
                    self._check_nothing_hangs_on(old_entry, "left empty")
                entry_id = self._entry_for(nominee, category.id, nomination, not_entry=entry_id)
            row = _nomination_row(nomination, nominee) | {"entry_id": entry_id}
            db.table("nominations").update(nomination.id, row)
            if not stays:
                self._interests_follow(int(old_entry.id or 0), entry_id, action)
                self._leave_entry(old_entry, entry_id, category.name)
                self._refresh_entry_status(entry_id, "")
            elif alone:
                # The entry is this nomination alone: it takes the corrected details.
                db.table("entries").update(
                    entry_id,
                    {
                        "nominee": nominee,
                        "match_key": key,
                        "team_members": row["team_members"],
                        "service": row["service"],
                        "nominating_body": row["nominating_body"],
                    },
                )
            self._store.audit(
                action,
                "nomination",
                nomination.id,
                before=_changed(_nomination_row(before, before.nominee), row),
                after=_changed(row, _nomination_row(before, before.nominee))
                | _typed_names(nomination),
            )
            return self.nomination(nomination.id)

    def set_status(
        self, nomination_id: int, status: NominationStatus | str, reason: str = ""
    ) -> Nomination:
        """Mark a nomination ineligible (a reason is required), withdrawn, or eligible again."""
        status = NominationStatus(status)
        reason = reason.strip()
        if status is NominationStatus.INELIGIBLE and not reason:
            raise InputRefused("Say why the nomination is ineligible; the reason is kept.")
        with self._store.write() as db:
            before = self.nomination(nomination_id)
            if before.status is status:
                raise InputRefused(f"This nomination is already {status}.")
            category = self._store.round.category(before.category_id)
            if status is NominationStatus.ELIGIBLE and category.method is Method.STAFF_VOTE:
                self._check_body_free(
                    category.id, before.nominating_body, before.nominee, except_id=nomination_id
                )
            db.execute(
                "UPDATE nominations SET status = ?, status_reason = ? WHERE id = ?",
                [str(status), reason, nomination_id],
            )
            self._store.audit(
                {
                    NominationStatus.ELIGIBLE: "reinstate",
                    NominationStatus.INELIGIBLE: "mark ineligible",
                    NominationStatus.WITHDRAWN: "withdraw",
                }[status],
                "nomination",
                nomination_id,
                before={"status": str(before.status), "status_reason": before.status_reason},
                after={"status": str(status), "status_reason": reason},
            )
            self._refresh_entry_status(int(before.entry_id or 0), reason)
            return self.nomination(nomination_id)

    def _interests_follow(self, from_entry: int, to_entry: int, action: str) -> None:
        """Declared interests attach to the nominee: where an entry's nominations go (a
        merge, a split, a move, a corrected name), every interest declared in it goes too,
        so the member still stands aside (their sheets never count, their scores are
        refused). An interest the member already declared there is kept as it is."""
        if from_entry == to_entry:
            return
        conn = self._store.conn
        rows = conn.execute(
            "SELECT member_id, kind, note, declared_by, declared_at FROM interests"
            " WHERE entry_id = ? AND member_id NOT IN"
            " (SELECT member_id FROM interests WHERE entry_id = ?) ORDER BY id",
            [from_entry, to_entry],
        ).fetchall()
        for member_id, kind, note, declared_by, declared_at in rows:
            row = {
                "member_id": member_id,
                "entry_id": to_entry,
                "kind": kind,
                "note": note,
                "declared_by": declared_by,
                "declared_at": declared_at,
            }
            interest_id = self._insert("interests", row)
            self._store.audit(
                "interest follows the nominee",
                "interest",
                interest_id,
                after=row | {"from_entry": from_entry, "because of": action},
            )

    def _other_active_entry(self, category_id: int | None, key: str, not_entry: int) -> bool:
        row = self._store.conn.execute(
            "SELECT 1 FROM entries WHERE category_id = ? AND match_key = ? AND status = 'active'"
            " AND id <> ?",
            [category_id, key, not_entry],
        ).fetchone()
        return row is not None

    def _check_nothing_hangs_on(self, entry: Entry, what: str) -> None:
        """Refuse to empty an entry that scores, votes or a decision point at."""
        store = self._store
        sheets = store.conn.execute(
            "SELECT count(*) FROM scoresheets WHERE entry_id = ?", [entry.id]
        ).fetchone()[0]
        if sheets:
            raise InputRefused(
                f"{sheets} panel member(s) have started scoring {entry.nominee}, so it cannot "
                f"be {what}: their scores would be set aside. Withdraw it instead, or keep "
                "this entry and move the other nominations into it."
            )
        ballots = store.conn.execute("SELECT count(*) FROM ballots WHERE entry_id = ?", [entry.id])
        papers = store.conn.execute(
            "SELECT count(*) FROM paper_votes WHERE entry_id = ?", [entry.id]
        )
        if ballots.fetchone()[0] or papers.fetchone()[0]:
            raise InputRefused(f"Votes have been counted for {entry.nominee}; it cannot be {what}.")
        decided = store.conn.execute(
            "SELECT count(*) FROM decision_entries WHERE entry_id = ?", [entry.id]
        ).fetchone()[0]
        if decided:
            raise InputRefused(
                f"A decision of the panel names {entry.nominee}; it cannot be {what}."
            )

    def _leave_entry(self, entry: Entry, new_entry_id: int, category_name: str) -> None:
        """After a nomination left ``entry``: keep it as merged if it is now empty."""
        left = self._store.conn.execute(
            "SELECT count(*) FROM nominations WHERE entry_id = ?", [entry.id]
        ).fetchone()[0]
        if left:
            self._refresh_entry_status(int(entry.id or 0), "")
            return
        reason = f"its nomination moved to {self.entry(new_entry_id).nominee} ({category_name})"
        self._store.conn.execute(
            "UPDATE entries SET status = 'merged', merged_into = ?, status_reason = ? WHERE id = ?",
            [new_entry_id, reason, entry.id],
        )
        self._store.audit(
            "empty",
            "entry",
            entry.id,
            before=_entry_row(entry),
            after={"status": "merged", "merged_into": new_entry_id, "status_reason": reason},
        )

    def _refresh_entry_status(self, entry_id: int, reason: str) -> None:
        """An entry is active while one nomination is eligible; otherwise it follows them."""
        store = self._store
        entry = self.entry(entry_id)
        if entry.status is EntryStatus.MERGED:
            return
        statuses = {
            row[0]
            for row in store.conn.execute(
                "SELECT status FROM nominations WHERE entry_id = ?", [entry_id]
            )
        }
        if not statuses or "eligible" in statuses:
            status, why = EntryStatus.ACTIVE, ""
        elif statuses == {"withdrawn"}:
            status, why = EntryStatus.WITHDRAWN, reason or "every nomination was withdrawn"
        else:
            status, why = EntryStatus.INELIGIBLE, reason or "no eligible nomination is left"
        if status is entry.status and (status is EntryStatus.ACTIVE or why == entry.status_reason):
            return
        store.conn.execute(
            "UPDATE entries SET status = ?, status_reason = ? WHERE id = ?",
            [str(status), why, entry_id],
        )
        self._store.audit(
            "status",
            "entry",
            entry_id,
            before={"status": str(entry.status), "status_reason": entry.status_reason},
            after={"status": str(status), "status_reason": why},
        )

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
            + " ORDER BY c.position, e.nominee COLLATE name, e.id"
        )
        return [_entry(row) for row in self._store.query(sql, params)]

    def entry(self, entry_id: int) -> Entry:
        rows = list(
            self._store.query(
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
            for row in self._store.query(
                "SELECT * FROM nominations WHERE entry_id = ? ORDER BY received_at, id",
                [entry_id],
            )
        ]

    def nominations_by_entry(self) -> dict[int, list[Nomination]]:
        """Every nomination of the round, grouped by entry (one query, for the window)."""
        grouped: dict[int, list[Nomination]] = {}
        for row in self._store.query(
            "SELECT * FROM nominations ORDER BY entry_id, received_at, id"
        ):
            grouped.setdefault(row["entry_id"], []).append(_nomination(row))
        return grouped

    def nomination(self, nomination_id: int) -> Nomination:
        rows = list(self._store.query("SELECT * FROM nominations WHERE id = ?", [nomination_id]))
        if not rows:
            raise NotFound(f"There is no nomination with id {nomination_id}.")
        return _nomination(rows[0])


class _PendingRows:
    """An import's new entries and nominations, written together (``executemany``) instead
    of one statement each. Their ids are given here as SQLite would give them, one above
    the largest, which is safe because the import holds the write lock throughout."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._rows: dict[str, list[tuple[Any, ...]]] = {"entries": [], "nominations": []}
        self._columns = {
            "entries": ("id", *_ENTRY_COLUMNS),
            "nominations": ("id", *_NOMINATION_COLUMNS),
        }
        self._next = {
            table: int(conn.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}").fetchone()[0])
            for table in self._rows
        }

    def add(self, table: str, values: tuple[Any, ...]) -> int:
        """Keep a row (its values in the order of the table's columns above); its id."""
        row_id = self._next[table]
        self._next[table] = row_id + 1
        self._rows[table].append((row_id, *values))
        return row_id

    def flush(self) -> None:
        """Write what is pending: entries first, for the nominations' foreign keys."""
        for table, rows in self._rows.items():
            if not rows:
                continue
            columns = self._columns[table]
            self._conn.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) "
                f"VALUES ({', '.join('?' * len(columns))})",
                rows,
            )
            rows.clear()


_json_encode = json.JSONEncoder(ensure_ascii=False).encode


def _json_text(names: list[str]) -> str:
    """``json.dumps(names, ensure_ascii=False)``, a list of names as its C encoder writes
    them, without making an encoder for each list (an import writes thousands)."""
    try:
        return "[" + ", ".join(map(encode_basestring, names)) + "]"
    except TypeError:  # something other than text (never from an import): as json writes it
        return _json_encode(names)


# The columns a person can set (``EDITABLE_FIELDS``, in the order ``_nomination_values``
# gives them); then what was received and decided, which a new nomination is written with.
_NOMINATION_COLUMNS = (
    *EDITABLE_FIELDS,
    "entry_id",
    "source",
    "response_id",
    "status",
    "status_reason",
    "created_at",
)
_ENTRY_COLUMNS = (
    "category_id",
    "nominee",
    "match_key",
    "kind",
    "team_members",
    "service",
    "nominating_body",
    "status",
    "created_at",
)


def _nomination_values(nomination: Nomination, nominee: str) -> tuple[Any, ...]:
    """The columns a person can set (``EDITABLE_FIELDS``), tidied as they are stored: a
    tuple, as an import writes it (thousands of them), not a dict to take apart again."""
    received = nomination.received_at
    members = nomination.team_members
    return (
        nomination.category_id,
        nominee,
        _json_text([name for name in map(tidy_name, members) if name]) if members else "[]",
        nomination.service.strip(),
        nomination.nominating_body.strip(),
        tidy_name(nomination.nominator_name),
        nomination.nominator_email.strip(),
        nomination.relationship.strip(),
        nomination.citation.strip(),
        received.isoformat() if received else None,
    )


def _nomination_row(nomination: Nomination, nominee: str) -> dict[str, Any]:
    """The columns a person can set, tidied as they are stored."""
    return dict(zip(EDITABLE_FIELDS, _nomination_values(nomination, nominee), strict=True))


def _typed_names(nomination: Nomination) -> dict[str, str]:
    """The nomination's names as they arrived, where tidying removed invisible characters."""
    if (
        nomination.nominee.isprintable()
        and nomination.nominator_name.isprintable()
        and all(map(str.isprintable, nomination.team_members))
    ):
        return {}  # nothing invisible in them (nearly every name): nothing was removed
    return as_typed(
        nominee=nomination.nominee,
        nominator_name=nomination.nominator_name,
        team_members="; ".join(nomination.team_members),
    )


def _changed(row: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """The values of ``row`` that differ from ``other`` (for a compact audit row)."""
    return {k: v for k, v in row.items() if other.get(k) != v}


def _entry_row(entry: Entry) -> dict[str, Any]:
    return {
        "nominee": entry.nominee,
        "category_id": entry.category_id,
        "team_members": list(entry.team_members),
        "service": entry.service,
        "nominating_body": entry.nominating_body,
        "status": str(entry.status),
        "status_reason": entry.status_reason,
        "merged_into": entry.merged_into,
    }


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
