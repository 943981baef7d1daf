"""Shining Star ballots and paper counts, as stored.

The counting rules (latest ballot counts, what is invalid) live in ``domain``; this module
keeps every ballot, valid or not, with its source row, for the record of the count.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import Ballot, BallotStatus, PaperCount
from csx_desktop.store.database import parse_time, utc_now
from csx_desktop.store.errors import InputRefused

if TYPE_CHECKING:
    from csx_desktop.store.database import Store


class BallotRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def ballots(self) -> list[Ballot]:
        return [
            _ballot(row)
            for row in self._store.db.query("SELECT * FROM ballots ORDER BY source, source_row")
        ]

    def add_paper_count(self, entry_id: int, count: int, counted_by: str) -> PaperCount:
        if count < 0:
            raise InputRefused("A count of paper ballots cannot be negative.")
        if not counted_by.strip():
            raise InputRefused("Say who counted the paper ballots.")
        entry = self._store.nominations.entry(entry_id)
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

    def paper_counts(self) -> list[PaperCount]:
        return [
            PaperCount(
                id=row["id"],
                entry_id=row["entry_id"],
                count=row["count"],
                counted_by=row["counted_by"],
                recorded_at=parse_time(row["recorded_at"]),
            )
            for row in self._store.db.query("SELECT * FROM paper_votes ORDER BY id")
        ]


def _ballot(row: dict[str, Any]) -> Ballot:
    return Ballot(
        id=row["id"],
        voter_key=row["voter_key"],
        choice=row["choice"],
        cast_at=parse_time(row["cast_at"]),
        source=row["source"],
        source_row=row["source_row"],
        entry_id=row["entry_id"],
        status=BallotStatus(row["status"]),
        reason=row["reason"],
    )
