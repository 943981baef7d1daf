"""Scoresheets: each score committed the moment it is entered, with its audit row.

A score change is one transaction: the sheet row (created on first touch), the score, and the
audit row saying who changed what from what to what. The checks a panel member cannot see
from the screen (declared interest, submitted category, decided category) are made here too,
so the command line and the window obey the same rules.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import (
    Criterion,
    Entry,
    Keying,
    PanelMember,
    Scoresheet,
    keying_counts,
)
from csx_desktop.store.database import parse_time, utc_now
from csx_desktop.store.errors import InputRefused, NotFound

if TYPE_CHECKING:
    from csx_desktop.store.database import Store


class SheetState(enum.StrEnum):
    """Where one member is with one entry; the value is the words the screens show."""

    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    COMPLETE = "complete"
    INTEREST = "declared interest"
    # Complete paper sheets that do not count yet, when the round has them keyed twice:
    KEYED_ONCE = "keyed once, to key again"
    KEYINGS_DIFFER = "keyings differ"


def sheet_state(
    sheet: Scoresheet | None,
    criteria: tuple[Criterion, ...],
    *,
    interest: bool,
    paper_keying: str = "once",
) -> SheetState:
    """The state of a sheet: an interest wins over anything scored before it was declared.
    With ``paper_keying`` "twice" (the round's rule), a complete paper sheet whose keyings
    have not agreed is not complete: it does not count yet."""
    if sheet is None:
        return _state(0, len(criteria), None, interest=interest, paper_keying=paper_keying)
    scored = sum(1 for c in criteria if c.id in sheet.scores)
    return _state(scored, len(criteria), sheet.keying, interest=interest, paper_keying=paper_keying)


def _state(
    scored: int, criteria: int, keying: Keying | None, *, interest: bool, paper_keying: str
) -> SheetState:
    """``sheet_state`` from a sheet's count of scored criteria, as the store keeps it."""
    if interest:
        return SheetState.INTEREST
    if scored == 0:
        return SheetState.NOT_STARTED
    if scored >= criteria:
        if not keying_counts(keying, paper_keying):
            if keying is Keying.DIFFERS:
                return SheetState.KEYINGS_DIFFER
            return SheetState.KEYED_ONCE
        return SheetState.COMPLETE
    return SheetState.IN_PROGRESS


@dataclass(frozen=True, slots=True)
class CategoryProgress:
    """The member x entry matrix of one category, for the Scoring progress view."""

    category_id: int
    members: list[PanelMember]
    entries: list[Entry]
    states: dict[tuple[int, int], SheetState]  # (member id, entry id)
    scored: dict[tuple[int, int], int]  # criteria scored so far
    submitted_at: dict[int, datetime | None] = field(default_factory=dict)

    def state(self, member_id: int, entry_id: int) -> SheetState:
        return self.states.get((member_id, entry_id), SheetState.NOT_STARTED)

    def complete_count(self, member_id: int) -> int:
        return sum(
            1 for e in self.entries if self.state(member_id, e.id or 0) is SheetState.COMPLETE
        )

    def to_score_count(self, member_id: int) -> int:
        """Entries this member should score (those without a declared interest)."""
        return sum(
            1 for e in self.entries if self.state(member_id, e.id or 0) is not SheetState.INTEREST
        )


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
        self,
        member_id: int,
        entry_id: int,
        criterion_id: int,
        score: int | None,
        *,
        via: str = "",
        paper: bool = False,
    ) -> SavedChange:
        """Set (or with ``None`` clear) one criterion's score on a member's sheet.

        ``via`` says how a score entered on the member's behalf arrived (e.g. "import of
        paper-sheets.csv"); it is written to the audit row beside the signed-in actor.
        ``paper`` says it was keyed in from a paper sheet: the sheet then needs a second
        keying (``settle_keying``) before it counts, when the round requires one. A score
        changed any other way (by the member, or from their judging pack) makes the sheet
        theirs again, with nothing to check.
        """
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
            if before != score:
                db.execute(
                    "UPDATE scoresheets SET keying = ? WHERE member_id = ? AND entry_id = ?",
                    [Keying.ONCE.value if paper else None, member_id, entry_id],
                )
            self._store.audit(
                "score",
                "scoresheet",
                f"{member_id}/{entry_id}",
                before={"criterion_id": criterion_id, "score": before},
                after=_with_via({"criterion_id": criterion_id, "score": score}, member_id, via),
            )
        return SavedChange(member_id, entry_id, criterion_id, before, score, now)

    def set_comment(
        self, member_id: int, entry_id: int, comment: str, *, via: str = ""
    ) -> SavedChange:
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
                after=_with_via({"comment": comment}, member_id, via),
            )
        return SavedChange(member_id, entry_id, None, before, comment, now)

    def settle_keying(self, member_id: int, entry_id: int) -> Keying | None:
        """After a paper keying (first or second): compare the sheet's scores with its
        latest second keying and record whether they agree. Call inside ``store.write()``.
        A sheet scored in the app is left as it is (None: nothing to check)."""
        from csx_desktop.store.pack_records import latest_second_keying

        row = self._store.conn.execute(
            "SELECT keying FROM scoresheets WHERE member_id = ? AND entry_id = ?",
            [member_id, entry_id],
        ).fetchone()
        if row is None or row[0] is None:
            return None
        check = latest_second_keying(self._store, member_id, entry_id)
        scores = dict(
            self._store.conn.execute(
                "SELECT criterion_id, score FROM scores WHERE member_id = ? AND entry_id = ?",
                [member_id, entry_id],
            ).fetchall()
        )
        if check is None:
            keying = Keying.ONCE
        else:
            keying = Keying.AGREED if check.scores == scores else Keying.DIFFERS
        if keying.value != row[0]:
            self._store.conn.execute(
                "UPDATE scoresheets SET keying = ? WHERE member_id = ? AND entry_id = ?",
                [keying.value, member_id, entry_id],
            )
            self._store.audit(
                "keying",
                "scoresheet",
                f"{member_id}/{entry_id}",
                before={"keying": row[0]},
                after={"keying": keying.value},
            )
        return keying

    def _touch_sheet(self, member_id: int, entry_id: int, now: str) -> None:
        self._store.conn.execute(
            "INSERT INTO scoresheets (member_id, entry_id, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (member_id, entry_id) DO UPDATE SET updated_at = excluded.updated_at",
            [member_id, entry_id, now],
        )

    def _check_can_score(self, member_id: int, entry_id: int, criterion_id: int | None) -> int:
        """Refuse a change the rules forbid; return the criterion's top score."""
        store = self._store
        row = store.conn.execute(
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
                "This category has been submitted, so its scores cannot be changed until it "
                "is reopened."
            )
        if decided:
            raise InputRefused(
                "The panel's decision for this category is recorded; scoring is closed."
            )
        if criterion_id is None:
            return 0
        crit = store.conn.execute(
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

    def reopen_category(
        self, member_id: int, category_id: int, reason: str, *, after_seeing_results: bool
    ) -> None:
        """Store a reopening of a member's submitted category, with its audit row.

        Only stores: who may reopen (the chair until the member has seen the results, then
        only the administrator) is ``operations.judging.reopen_category``'s rule.
        """
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
                after={
                    "member_id": member_id,
                    "reason": reason,
                    "after_seeing_results": after_seeing_results,
                },
            )

    def is_submitted(self, member_id: int, category_id: int) -> bool:
        return self.submitted_at(member_id, category_id) is not None

    def submitted_at(self, member_id: int, category_id: int) -> datetime | None:
        row = self._store.conn.execute(
            "SELECT submitted_at FROM member_categories WHERE member_id = ? AND category_id = ?",
            [member_id, category_id],
        ).fetchone()
        return parse_time(row[0]) if row else None

    def scoring_closed(self, category_id: int) -> bool:
        """True once the panel's decision for the category is recorded."""
        return bool(
            self._store.conn.execute(
                "SELECT 1 FROM decisions WHERE category_id = ? AND reopened_at IS NULL",
                [category_id],
            ).fetchone()
        )

    # ---- progress ------------------------------------------------------------------------

    def progress(self, category_id: int) -> CategoryProgress:
        """Every member judging the category against every entry in it (states, not scores)."""
        store = self._store
        criteria = len(store.round.category(category_id).criteria)
        members = store.panel.members_judging(category_id)
        entries = store.nominations.entries(category_id)
        # Each sheet keeps its count of scored criteria (a trigger of migration m002), so
        # the states need no score read: 12,500 sheets of 5 criteria cost 0.2 s that way.
        sheets = {
            (member_id, entry_id): (count, Keying(keying) if keying else None)
            for member_id, entry_id, count, keying in store.conn.execute(
                "SELECT member_id, entry_id, scored, keying FROM scoresheets WHERE category_id = ?",
                [category_id],
            ).fetchall()
        }
        interests = {
            (i.member_id, i.entry_id) for i in store.panel.interests(category_id=category_id)
        }
        paper_keying = store.round.settings().paper_keying
        states: dict[tuple[int, int], SheetState] = {}
        scored: dict[tuple[int, int], int] = {}
        for member in members:
            for entry in entries:
                key = (member.id or 0, entry.id or 0)
                count, keying = sheets.get(key, (0, None))
                states[key] = _state(
                    count, criteria, keying, interest=key in interests, paper_keying=paper_keying
                )
                scored[key] = count
        when = dict(
            store.conn.execute(
                "SELECT member_id, submitted_at FROM member_categories WHERE category_id = ?",
                [category_id],
            ).fetchall()
        )
        submitted = {member.id or 0: parse_time(when.get(member.id)) for member in members}
        return CategoryProgress(category_id, members, entries, states, scored, submitted)

    # ---- reading -------------------------------------------------------------------------

    def sheets_keyed(self, keying: Keying) -> list[tuple[int, int]]:
        """The (member, entry) of every paper sheet in this keying state, oldest change first."""
        return [
            (member_id, entry_id)
            for member_id, entry_id in self._store.conn.execute(
                "SELECT member_id, entry_id FROM scoresheets WHERE keying = ?"
                " ORDER BY updated_at, member_id, entry_id",
                [keying.value],
            ).fetchall()
        ]

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
        store = self._store
        scores: dict[tuple[int, int], dict[int, int]] = {}
        for member, entry, criterion, score in store.conn.execute(
            "SELECT s.member_id, s.entry_id, s.criterion_id, s.score FROM scores s"
            " JOIN entries e ON e.id = s.entry_id" + where,
            params,
        ).fetchall():
            scores.setdefault((member, entry), {})[criterion] = score
        submitted = {
            (m, c)
            for m, c in store.conn.execute(
                "SELECT member_id, category_id FROM member_categories"
                " WHERE submitted_at IS NOT NULL"
            ).fetchall()
        }
        result = []
        for row in store.query(
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
                    keying=Keying(row["keying"]) if row["keying"] else None,
                )
            )
        return result


def _with_via(after: dict[str, Any], member_id: int, via: str) -> dict[str, Any]:
    """Mark a change entered for a member by someone else (an import of paper sheets)."""
    if via:
        return {**after, "on_behalf_of_member_id": member_id, "via": via}
    return after


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
