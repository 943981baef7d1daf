"""The panel's recorded decisions: winners, highly commended, the reason, and reopening.

This repository only stores and loads: one standing decision per category, reopened ones
kept for the record. Every rule of recording or reopening one (a winner; entries of the
category in front of the panel; a reason when the winners depart from rank 1; open sheets
shown, confirmed and given a reason) lives in ``csx_desktop.operations.decisions``, the only
caller of the private ``_record`` and ``_reopen``, so no path can skip them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import Decision
from csx_desktop.store.database import parse_time, utc_now

if TYPE_CHECKING:
    from csx_desktop.store.database import Store


@dataclass(frozen=True, slots=True)
class ReopenedDecision:
    """A decision that was recorded and later reopened, kept for the record of the judging."""

    category_id: int
    winners: tuple[int, ...]
    reason: str
    recorded_by: str
    recorded_at: datetime | None
    reopened_by: str
    reopened_at: datetime | None
    reopen_reason: str


class DecisionRepository:
    def __init__(self, store: Store) -> None:
        self._store = store

    def _record(
        self,
        category_id: int,
        *,
        winners: Sequence[int],
        highly_commended: Sequence[int] = (),
        reason: str = "",
        audit_note: Mapping[str, Any] | None = None,
    ) -> Decision:
        """Store a decision as given, with its audit row (``audit_note`` is added to it).

        Private: every rule of a decision (a winner, one category, a reason when it departs
        from rank 1, open sheets confirmed) is checked by ``operations.decisions``, the one
        caller. Call it inside that operation's ``store.write()`` so the checks and the record
        are one transaction."""
        with self._store.write():
            row = {
                "category_id": category_id,
                "reason": reason.strip(),
                "recorded_by": self._store.actor,
                "recorded_at": utc_now(),
            }
            decision_id = self._store.insert("decisions", row)
            for level, ids in (("winner", winners), ("highly_commended", highly_commended)):
                for entry_id in ids:
                    self._store.insert(
                        "decision_entries",
                        {"decision_id": decision_id, "entry_id": entry_id, "level": level},
                    )
            self._store.audit(
                "record decision",
                "decision",
                decision_id,
                after={
                    **row,
                    "winners": list(winners),
                    "highly_commended": list(highly_commended),
                    **(audit_note or {}),
                },
            )
            decision = self.current(category_id)
        assert decision is not None
        return decision

    def _reopen(self, decision_id: int, reason: str) -> None:
        """Mark a standing decision reopened, with its audit row. Private: the rules (a
        reason, a decision to reopen) are ``operations.decisions.reopen_decision``'s."""
        with self._store.write() as db:
            db.execute(
                "UPDATE decisions SET reopened_by = ?, reopened_at = ?, reopen_reason = ?"
                " WHERE id = ?",
                [self._store.actor, utc_now(), reason.strip(), decision_id],
            )
            self._store.audit(
                "reopen decision", "decision", decision_id, after={"reason": reason.strip()}
            )

    def current(self, category_id: int) -> Decision | None:
        """The standing decision for a category, or None while it is undecided."""
        rows = list(
            self._store.query(
                "SELECT * FROM decisions WHERE category_id = ? AND reopened_at IS NULL",
                [category_id],
            )
        )
        return self._decision(rows[0]) if rows else None

    def all_current(self) -> list[Decision]:
        return [
            self._decision(row)
            for row in self._store.query(
                "SELECT d.* FROM decisions d JOIN categories c ON c.id = d.category_id"
                " WHERE d.reopened_at IS NULL ORDER BY c.position"
            )
        ]

    def reopened(self) -> list[ReopenedDecision]:
        """Decisions that were reopened, oldest first."""
        return [
            ReopenedDecision(
                category_id=row["category_id"],
                winners=self._decision(row).winners,
                reason=row["reason"],
                recorded_by=row["recorded_by"],
                recorded_at=parse_time(row["recorded_at"]),
                reopened_by=row["reopened_by"] or "",
                reopened_at=parse_time(row["reopened_at"]),
                reopen_reason=row["reopen_reason"] or "",
            )
            for row in self._store.query(
                "SELECT * FROM decisions WHERE reopened_at IS NOT NULL ORDER BY reopened_at, id"
            )
        ]

    def _decision(self, row: dict[str, Any]) -> Decision:
        levels: dict[str, list[int]] = {"winner": [], "highly_commended": []}
        for entry in self._store.query(
            "SELECT de.entry_id, de.level FROM decision_entries de"
            " JOIN entries e ON e.id = de.entry_id WHERE de.decision_id = ?"
            " ORDER BY e.nominee COLLATE name",
            [row["id"]],
        ):
            levels[entry["level"]].append(entry["entry_id"])
        return Decision(
            id=row["id"],
            category_id=row["category_id"],
            winners=tuple(levels["winner"]),
            highly_commended=tuple(levels["highly_commended"]),
            reason=row["reason"],
            recorded_by=row["recorded_by"],
            recorded_at=parse_time(row["recorded_at"]),
        )
