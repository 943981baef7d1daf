"""Shining Star ballots and paper counts, as stored, and the count over them.

The counting rules (latest ballot counts, what is invalid) live in ``domain.votes``; this
module keeps every ballot, valid or not, with its source row, for the record of the count.

Each ballot's status is judged again over *all* ballots after every import (a ballot
imported today can supersede one imported last week) and written back, so the file itself
says which ballots counted. The tally re-applies the rules to the current shortlist and
settings, so withdrawing a nominee or setting the voting window shows at once, until the
voter keys are erased: from then on the stored statuses are the record and the count is
frozen.

Re-importing an export adds nothing: ballots are known by ``(source, source_row)``, where
``source`` names the form (see ``io.vote_import``), so a fresh download of the same form
with more responses adds only the new rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import Ballot, BallotStatus, Category, Method, PaperCount
from csx_desktop.domain.names import name_key
from csx_desktop.domain.votes import (
    Candidate,
    Cast,
    ImportedBallot,
    Ruling,
    Tally,
    judge_ballots,
    rule_ballots,
    tally,
)
from csx_desktop.store.database import parse_time, utc_now
from csx_desktop.store.errors import InputRefused, NotFound

if TYPE_CHECKING:
    from csx_desktop.store.database import Store

# A round setting (stored beside the others; ``RoundSettings`` does not need to know it).
_ERASED_KEY = "ballot_voter_keys_erased_at"


@dataclass(frozen=True, slots=True)
class StoredImport:
    """What one import of ballots did."""

    added: int  # new ballots stored
    unchanged: int  # rows already in the round from an earlier import of the same form
    added_valid: int  # of the new ballots, how many count right now
    added_superseded: int
    added_invalid: int


class BallotRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    # ---- the shortlist -------------------------------------------------------------------

    def category(self) -> Category:
        """The category decided by staff vote (Shining Star)."""
        for category in self._store.round.categories():
            if category.method is Method.STAFF_VOTE:
                return category
        raise NotFound("This round has no category decided by staff vote.")

    def shortlist(self) -> list[Candidate]:
        """The active Shining Star entries, in the order of the nominating bodies."""
        category = self.category()
        bodies = {name_key(b): i for i, b in enumerate(self._store.round.nominating_bodies())}
        entries = self._store.nominations.entries(category.id)
        entries.sort(key=lambda e: (bodies.get(name_key(e.nominating_body), len(bodies)), e.id))
        return [
            Candidate(entry_id=e.id or 0, nominee=e.nominee, nominating_body=e.nominating_body)
            for e in entries
        ]

    # ---- ballots -------------------------------------------------------------------------

    def ballots(self) -> list[Ballot]:
        """Every ballot in the order it was imported, with its stored status."""
        # Plain tuples rather than sqlite-utils' dict rows: a count may read 50,000 of them.
        cursor = self._store.conn.execute(
            "SELECT id, voter_key, choice, cast_at, source, source_row, entry_id, status, reason"
            " FROM ballots ORDER BY id"
        )
        statuses = {str(s): s for s in BallotStatus}
        return [
            Ballot(
                id=row[0],
                voter_key=row[1],
                choice=row[2],
                cast_at=datetime.fromisoformat(row[3]) if row[3] else None,
                source=row[4],
                source_row=row[5],
                entry_id=row[6],
                status=statuses[row[7]],
                reason=row[8],
            )
            for row in cursor
        ]

    def counted(self) -> list[Ballot]:
        """Every ballot judged by the rules now (the stored statuses once keys are erased)."""
        ballots = self.ballots()
        if self.voter_keys_erased():
            return ballots
        return judge_ballots(ballots, self.shortlist(), **self._rule_settings())

    def _rulings(self, ballots: Sequence[Cast]) -> list[Ruling]:
        return rule_ballots(ballots, self.shortlist(), **self._rule_settings())

    def _rule_settings(self) -> dict[str, Any]:
        settings = self._store.round.settings()
        return {
            "rule": settings.ballot_rule,
            "opens": settings.voting_opens,
            "closes": settings.voting_closes,
        }

    def import_ballots(
        self,
        rows: Sequence[ImportedBallot],
        *,
        source: str,
        file_name: str,
        file_sha256: str,
        file_format: str,
        rejected: int = 0,
    ) -> StoredImport:
        """Store the rows of one export not already stored, judging every ballot again.

        All or nothing. A row already stored under the same source and row number must be
        the same ballot; if it is not, the export no longer lines up with the one imported
        before (a response was deleted in the form tool) and nothing is imported.
        """
        if self.voter_keys_erased():
            raise InputRefused(
                "The voters' details were erased after the Shining Star decision, so the "
                "count is closed and no more votes can be imported."
            )
        old = self.ballots()
        existing = {b.source_row: b for b in old if b.source == source}
        for row in rows:
            stored = existing.get(row.row)
            if stored is not None and (stored.voter_key, stored.choice, stored.cast_at) != (
                row.voter_key,
                row.choice,
                row.cast_at,
            ):
                raise InputRefused(
                    f"Row {row.row} of {file_name} is not the ballot imported from row "
                    f"{row.row} of this form before, so the rows no longer line up (a "
                    "response may have been deleted in the form tool). Nothing was imported. "
                    "Import a complete, unedited export of the form."
                )
        # The rows themselves are judged and written: no ``Ballot`` is made for each first.
        new = [row for row in rows if row.row not in existing]
        # New ballots are judged beside every stored one before they are written, so each
        # is stored with its final status and only old ones whose status changed are updated.
        rulings = self._rulings([*old, *new])
        new_rulings = rulings[len(old) :]
        now = utc_now()
        self._store.safety_backup("importing votes")
        with self._store.write() as db:
            # executemany, not one sqlite-utils insert a row: 50,000 ballots in well under
            # a second.
            db.conn.executemany(
                "INSERT INTO ballots (source, source_row, response_id, voter_key, choice,"
                " cast_at, status, reason, entry_id, imported_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        source,
                        b.row,
                        b.response_id,
                        b.voter_key,
                        b.choice,
                        b.cast_at.isoformat() if b.cast_at else None,
                        str(ruling.status),
                        ruling.reason,
                        ruling.entry_id,
                        now,
                    )
                    for b, ruling in zip(new, new_rulings, strict=True)
                ],
            )
            self._store_changes(old, rulings)
            db.execute(
                "INSERT INTO imports (kind, file_name, file_sha256, format, stored, rejected,"
                " imported_by, imported_at) VALUES ('ballots', ?, ?, ?, ?, ?, ?, ?)",
                [file_name, file_sha256, file_format, len(new), rejected, self._store.actor, now],
            )
            self._store.audit(
                "import",
                "ballots",
                source,
                after={
                    "file": file_name,
                    "format": file_format,
                    "added": len(new),
                    "unchanged": len(rows) - len(new),
                    "rejected": rejected,
                },
            )
        statuses = Counter(ruling.status for ruling in new_rulings)
        return StoredImport(
            added=len(new),
            unchanged=len(rows) - len(new),
            added_valid=statuses[BallotStatus.VALID],
            added_superseded=statuses[BallotStatus.SUPERSEDED],
            added_invalid=statuses[BallotStatus.INVALID],
        )

    def recount(self) -> None:
        """Judge every ballot again and store the statuses (after a rule or shortlist change)."""
        if self.voter_keys_erased():
            return  # the stored statuses are the record now
        with self._store.write():
            self._recount()
            self._store.audit("recount", "ballots")

    def _recount(self) -> None:
        """Inside ``write()``: store each ballot's status as the rules judge it now."""
        ballots = self.ballots()
        self._store_changes(ballots, self._rulings(ballots))

    def _store_changes(self, stored: list[Ballot], rulings: list[Ruling]) -> None:
        """Write the rulings of stored ballots whose status, reason or entry changed.

        ``rulings`` starts with those of ``stored`` (new ballots' rulings may follow).
        """
        self._store.conn.executemany(
            "UPDATE ballots SET status = ?, reason = ?, entry_id = ? WHERE id = ?",
            [
                (str(ruling.status), ruling.reason, ruling.entry_id, ballot.id)
                for ballot, ruling in zip(stored, rulings[: len(stored)], strict=True)
                if (ballot.status, ballot.reason, ballot.entry_id) != ruling
            ],
        )

    # ---- the count -----------------------------------------------------------------------

    def tally(self) -> Tally:
        """The count: online ballots by the rules, plus paper votes, and the decision."""
        return self.count()[1]

    def count(self) -> tuple[list[Ballot], Tally]:
        """Every ballot with its ruling, and the tally over them (one read for a screen)."""
        ballots = self.counted()
        decision = self._store.decisions.current(self.category().id or 0)
        return ballots, tally(
            ballots,
            self.shortlist(),
            paper=self.paper_totals(),
            decided_winners=list(decision.winners) if decision else None,
        )

    # ---- paper ballots -------------------------------------------------------------------

    def add_paper_count(self, entry_id: int, count: int, counted_by: str) -> PaperCount:
        if count < 0:
            raise InputRefused("A count of paper ballots cannot be negative.")
        if not counted_by.strip():
            raise InputRefused("Say who counted the paper ballots.")
        entry = self._store.nominations.entry(entry_id)
        if entry.category_id != self.category().id:
            raise InputRefused(f"{entry.nominee} is not on the Shining Star shortlist.")
        with self._store.write():
            row = {
                "entry_id": entry.id,
                "count": count,
                "counted_by": counted_by.strip(),
                "recorded_at": utc_now(),
            }
            paper_id = self._store.insert("paper_votes", row)
            self._store.audit("add paper votes", "paper votes", paper_id, after=row)
        return PaperCount(
            id=paper_id, entry_id=entry_id, count=count, counted_by=counted_by.strip()
        )

    def add_paper_votes_for(self, nominee: str, count: int, counted_by: str) -> PaperCount:
        """Paper votes for a shortlisted nominee named as a person would type them."""
        entry = self._store.nominations.entry_named(self.category().id or 0, nominee)
        return self.add_paper_count(entry.id or 0, count, counted_by)

    def remove_paper_count(self, paper_id: int) -> None:
        """Take back a paper count entered by mistake (the audit log keeps it)."""
        rows = list(self._store.query("SELECT * FROM paper_votes WHERE id = ?", [paper_id]))
        if not rows:
            raise NotFound(f"There is no paper count with id {paper_id}.")
        with self._store.write() as db:
            db.execute("DELETE FROM paper_votes WHERE id = ?", [paper_id])
            self._store.audit("remove paper votes", "paper votes", paper_id, before=rows[0])

    def paper_counts(self) -> list[PaperCount]:
        return [
            PaperCount(
                id=row["id"],
                entry_id=row["entry_id"],
                count=row["count"],
                counted_by=row["counted_by"],
                recorded_at=parse_time(row["recorded_at"]),
            )
            for row in self._store.query("SELECT * FROM paper_votes ORDER BY id")
        ]

    def paper_totals(self) -> dict[int, int]:
        """Paper votes per entry id."""
        return {
            row["entry_id"]: row["total"]
            for row in self._store.query(
                "SELECT entry_id, sum(count) AS total FROM paper_votes GROUP BY entry_id"
            )
        }

    # ---- privacy -------------------------------------------------------------------------

    def voter_keys_erased(self) -> bool:
        row = self._store.conn.execute(
            "SELECT 1 FROM round_settings WHERE key = ?", [_ERASED_KEY]
        ).fetchone()
        return row is not None

    def erase_voter_keys(self) -> int:
        """Blank every voter's email or staff number, keeping statuses, choices and reasons.

        Only after the Shining Star decision is recorded: until then a recount may need to
        know who voted twice. Returns how many ballots had a key.
        """
        category = self.category()
        if self._store.decisions.current(category.id or 0) is None:
            raise InputRefused(
                "Record the Shining Star decision first: until then the count may need the "
                "voters' details to find anyone who voted twice."
            )
        if self.voter_keys_erased():
            raise InputRefused("The voters' details have already been erased.")
        self._store.safety_backup("erasing voters")
        with self._store.write() as db:
            self._recount()  # freeze the statuses as they stand, then forget who voted
            erased = int(
                db.execute("SELECT count(*) FROM ballots WHERE voter_key <> ''").fetchone()[0]
            )
            db.execute("UPDATE ballots SET voter_key = ''")
            now = utc_now()
            db.execute(
                "INSERT INTO round_settings (key, value) VALUES (?, ?)", [_ERASED_KEY, f'"{now}"']
            )
            self._store.audit("erase voter keys", "ballots", after={"ballots": erased})
        return erased
