"""Scoresheets: each score committed the moment it is entered, with its audit row.

A score change is one transaction: the sheet row (created on first touch), the score, and the
audit row saying who changed what from what to what. The checks a panel member cannot see
from the screen (declared interest, submitted category, decided category) are made here too,
so the command line and the window obey the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import Scoresheet
from csx_desktop.store.database import parse_time, utc_now
from csx_desktop.store.errors import InputRefused, NotFound

if TYPE_CHECKING:
    from csx_desktop.store.database import Store


@dataclass(frozen=True, slots=True)
class SavedChange:
    """What a score change stored, so the window can show "Saved 14:02:31" and undo it."""

    member_id: int
    entry_id: int
    criterion_id: int | None  # None for the comment
    before: int | str | None
    after: int | str | None
    saved_at: str


class ScoreRepository:
    """Scores, comments and submissions of the open round."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # ---- writing -------------------------------------------------------------------------

    def set_score(
        self, member_id: int, entry_id: int, criterion_id: int, score: int | None
    ) -> SavedChange:
        """Set (or with ``None`` clear) one criterion's score on a member's sheet."""
        with self._store.write() as db:
            max_score = self._check_can_score(member_id, entry_id, criterion_id)
            if score is not None and not 0 <= score <= max_score:
                raise InputRefused(f"A score for this criterion is 0 to {max_score}.")
            now = utc_now()
            before_row = db.execute(
                "SELECT score FROM scores"
                " WHERE member_id = ? AND entry_id = ? AND criterion_id = ?",
                [member_id, entry_id, criterion_id],
            ).fetchone()
            before = before_row[0] if before_row else None
            self._touch_sheet(member_id, entry_id, now)
            if score is None:
                db.execute(
                    "DELETE FROM scores WHERE member_id = ? AND entry_id = ? AND criterion_id = ?",
                    [member_id, entry_id, criterion_id],
                )
            else:
                db.execute(
                    "INSERT INTO scores (member_id, entry_id, criterion_id, score, updated_at)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id, entry_id, criterion_id)"
                    " DO UPDATE SET score = excluded.score, updated_at = excluded.updated_at",
                    [member_id, entry_id, criterion_id, score, now],
                )
            self._store.audit(
                "score",
                "scoresheet",
                f"{member_id}/{entry_id}",
                before={"criterion_id": criterion_id, "score": before},
                after={"criterion_id": criterion_id, "score": score},
            )
        return SavedChange(member_id, entry_id, criterion_id, before, score, now)

    def set_comment(self, member_id: int, entry_id: int, comment: str) -> SavedChange:
        with self._store.write() as db:
            self._check_can_score(member_id, entry_id, None)
            now = utc_now()
            before_row = db.execute(
                "SELECT comment FROM scoresheets WHERE member_id = ? AND entry_id = ?",
                [member_id, entry_id],
            ).fetchone()
            before = before_row[0] if before_row else ""
            self._touch_sheet(member_id, entry_id, now)
            db.execute(
                "UPDATE scoresheets SET comment = ? WHERE member_id = ? AND entry_id = ?",
                [comment, member_id, entry_id],
            )
            self._store.audit(
                "comment",
                "scoresheet",
                f"{member_id}/{entry_id}",
                before={"comment": before},
                after={"comment": comment},
            )
        return SavedChange(member_id, entry_id, None, before, comment, now)

    def _touch_sheet(self, member_id: int, entry_id: int, now: str) -> None:
        self._store.db.execute(
            "INSERT INTO scoresheets (member_id, entry_id, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (member_id, entry_id) DO UPDATE SET updated_at = excluded.updated_at",
            [member_id, entry_id, now],
        )

    def _check_can_score(self, member_id: int, entry_id: int, criterion_id: int | None) -> int:
        """Refuse a change the rules forbid; return the criterion's top score."""
        db = self._store.db
        row = db.execute(
            """
            SELECT e.category_id, e.status, mc.member_id IS NOT NULL, mc.submitted_at,
                   EXISTS (SELECT 1 FROM interests i WHERE i.member_id = ? AND i.entry_id = e.id),
                   EXISTS (SELECT 1 FROM decisions d WHERE d.category_id = e.category_id
                           AND d.reopened_at IS NULL)
            FROM entries e
            LEFT JOIN member_categories mc ON mc.category_id = e.category_id AND mc.member_id = ?
            WHERE e.id = ?
            """,
            [member_id, member_id, entry_id],
        ).fetchone()
        if row is None:
            raise NotFound(f"There is no entry with id {entry_id}.")
        category_id, status, assigned, submitted_at, interest, decided = row
        if status != "active":
            raise InputRefused("This entry is no longer in front of the panel.")
        if not assigned:
            raise InputRefused("This panel member does not judge this category.")
        if interest:
            raise InputRefused("A declared interest means this entry cannot be scored by them.")
        if submitted_at:
            raise InputRefused(
                "This category has been submitted; the chair can reopen it for changes."
            )
        if decided:
            raise InputRefused(
                "The panel's decision for this category is recorded; scoring is closed."
            )
        if criterion_id is None:
            return 0
        crit = db.execute(
            "SELECT max_score FROM criteria WHERE id = ? AND category_id = ?",
            [criterion_id, category_id],
        ).fetchone()
        if crit is None:
            raise NotFound("That criterion is not part of this category's rubric.")
        return int(crit[0])

    # ---- submitting ----------------------------------------------------------------------

    def submit_category(self, member_id: int, category_id: int) -> None:
        with self._store.write() as db:
            cursor = db.execute(
                "UPDATE member_categories SET submitted_at = ?"
                " WHERE member_id = ? AND category_id = ? AND submitted_at IS NULL",
                [utc_now(), member_id, category_id],
            )
            if cursor.rowcount != 1:
                raise InputRefused("This category is not open for this member to submit.")
            self._store.audit("submit", "category", category_id, after={"member_id": member_id})

    def reopen_category(self, member_id: int, category_id: int, reason: str) -> None:
        """The chair reopens a member's submitted category so they can change scores."""
        if not reason.strip():
            raise InputRefused("Say why the category is being reopened.")
        with self._store.write() as db:
            cursor = db.execute(
                "UPDATE member_categories SET submitted_at = NULL"
                " WHERE member_id = ? AND category_id = ? AND submitted_at IS NOT NULL",
                [member_id, category_id],
            )
            if cursor.rowcount != 1:
                raise InputRefused("That category has not been submitted by this member.")
            self._store.audit(
                "reopen",
                "category",
                category_id,
                after={"member_id": member_id, "reason": reason.strip()},
            )

    def is_submitted(self, member_id: int, category_id: int) -> bool:
        row = self._store.db.execute(
            "SELECT submitted_at FROM member_categories WHERE member_id = ? AND category_id = ?",
            [member_id, category_id],
        ).fetchone()
        return bool(row and row[0])

    # ---- reading -------------------------------------------------------------------------

    def sheet(self, member_id: int, entry_id: int) -> Scoresheet:
        sheets = self.sheets(member_id=member_id, entry_id=entry_id)
        return sheets[0] if sheets else Scoresheet(member_id=member_id, entry_id=entry_id)

    def sheets(
        self,
        *,
        member_id: int | None = None,
        entry_id: int | None = None,
        category_id: int | None = None,
    ) -> list[Scoresheet]:
        """Scoresheets that exist (touched at least once), filtered as asked."""
        where, params = _filters(member_id, entry_id, category_id)
        db = self._store.db
        scores: dict[tuple[int, int], dict[int, int]] = {}
        for member, entry, criterion, score in db.execute(
            "SELECT s.member_id, s.entry_id, s.criterion_id, s.score FROM scores s"
            " JOIN entries e ON e.id = s.entry_id" + where,
            params,
        ).fetchall():
            scores.setdefault((member, entry), {})[criterion] = score
        submitted = {
            (m, c)
            for m, c in db.execute(
                "SELECT member_id, category_id FROM member_categories"
                " WHERE submitted_at IS NOT NULL"
            ).fetchall()
        }
        result = []
        for row in db.query(
            "SELECT s.*, e.category_id FROM scoresheets s JOIN entries e ON e.id = s.entry_id"
            + where
            + " ORDER BY s.member_id, s.entry_id",
            params,
        ):
            key = (row["member_id"], row["entry_id"])
            result.append(
                Scoresheet(
                    member_id=row["member_id"],
                    entry_id=row["entry_id"],
                    scores=scores.get(key, {}),
                    comment=row["comment"],
                    submitted=(row["member_id"], row["category_id"]) in submitted,
                    updated_at=parse_time(row["updated_at"]),
                )
            )
        return result


def _filters(
    member_id: int | None, entry_id: int | None, category_id: int | None
) -> tuple[str, list[Any]]:
    where, params = [], []
    for column, value in (
        ("s.member_id", member_id),
        ("s.entry_id", entry_id),
        ("e.category_id", category_id),
    ):
        if value is not None:
            where.append(f"{column} = ?")
            params.append(value)
    return (" WHERE " + " AND ".join(where) if where else ""), params
