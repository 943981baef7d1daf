"""The round's own settings, its categories and rubrics, and the Shining Star nominating bodies.

Settings are stored one key a row as JSON. The rules a round counts by (``domain.round_rules``)
are all stored when the round is made (migration ``m004_round_rules`` wrote them into older
rounds), and loading never falls back to a code default for one: a round missing a rule, or
holding one no rule allows, is refused as damaged. Other settings (the ceremony date, the
voting window …) have no effect on a ranking and may be absent.

The rules of an action (a passphrase's minimum length, the reason a rule change needs once
scoring has started) are checked in ``operations.rounds``; this module stores and loads.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import fields, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.model import (
    Category,
    Criterion,
    Logo,
    Method,
    NomineeKind,
    RoundSettings,
    Signatory,
)
from csx_desktop.domain.names import name_key, tidy_name
from csx_desktop.domain.round_rules import RULES, defaults
from csx_desktop.domain.rubric import DEFAULT_NOMINATING_BODIES, default_categories
from csx_desktop.domain.secrets import hash_secret, needs_rehash, verify_secret
from csx_desktop.store.database import as_typed
from csx_desktop.store.errors import InputRefused, NotFound, RoundFileError
from csx_desktop.store.sign_ins import SIGN_IN_ACTOR, SignIn, failure_time, seconds_left

if TYPE_CHECKING:
    from csx_desktop.store.database import Store

_ADMIN_KEY = "admin_passphrase_hash"
# The administrator's wrong tries in a row and the time of the last (see store.sign_ins).
_ADMIN_FAILURES = "admin_failed_sign_ins"
_ADMIN_LAST_FAILED = "admin_last_failed_at"


class RoundRepository:
    """Settings, categories, criteria and nominating bodies of the open round."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._categories: tuple[Category, ...] | None = None  # cached: read on every screen
        self._volatile: tuple[int, str | None] | None = None  # read-only rounds: in memory

    def initialise(self, *, name: str, year: int, admin_passphrase: str | None) -> None:
        """Fill a freshly migrated file: settings (every rule with today's default), the seed
        categories, the bodies. The passphrase's rules are ``operations.rounds``'."""
        typed = as_typed(name=name)
        name = tidy_name(name)
        if not name:
            raise InputRefused("The round needs a name.")
        if not 2000 <= year <= 2100:
            raise InputRefused(f"{year} is not a plausible year for a round.")
        stored = hash_secret(admin_passphrase) if admin_passphrase else ""
        rules = defaults()
        with self._store.write() as db:
            self._put_setting("name", name)
            self._put_setting("year", year)
            for key, value in rules.items():
                self._put_setting(key, value)
            if stored:
                self._put_setting(_ADMIN_KEY, stored)
            for category in default_categories():
                category_id = self._store.insert(
                    "categories",
                    {
                        "name": category.name,
                        "method": str(category.method),
                        "nominee_kind": str(category.nominee_kind),
                        "description": category.description,
                        "recognition": category.recognition,
                        "position": category.position,
                    },
                )
                for position, criterion in enumerate(category.criteria):
                    db.table("criteria").insert(
                        _criterion_row(criterion, category_id=category_id, position=position)
                    )
            for position, body in enumerate(DEFAULT_NOMINATING_BODIES):
                db.table("nominating_bodies").insert({"name": body, "position": position})
            self._store.audit(
                "create round", "round", after={"name": name, "year": year, **rules, **typed}
            )
        self._categories = None

    # ---- settings ------------------------------------------------------------------------

    def settings(self) -> RoundSettings:
        raw = {
            row["key"]: json.loads(row["value"])
            for row in self._store.query("SELECT key, value FROM round_settings")
        }
        known = {f.name for f in fields(RoundSettings)}
        values: dict[str, Any] = {k: v for k, v in raw.items() if k in known}
        for key, rule in RULES.items():
            # Never a code default: the round is counted by the rules it was made with.
            if key not in values:
                raise RoundFileError(
                    f"{self._file_name()} is damaged: its rule “{rule.label}” is missing. "
                    "Open your latest backup."
                )
            try:
                values[key] = rule.check(values[key])
            except ValueError as error:
                raise RoundFileError(
                    f"{self._file_name()} is damaged: {error} Open your latest backup."
                ) from None
        if values.get("ceremony_date"):
            values["ceremony_date"] = date.fromisoformat(values["ceremony_date"])
        for key in ("voting_opens", "voting_closes"):
            if values.get(key):
                values[key] = datetime.fromisoformat(values[key])
        if "signatories" in values:
            first, second = (Signatory(**s) for s in values["signatories"])
            values["signatories"] = (first, second)
        if values.get("council_logo"):
            stored = values["council_logo"]
            values["council_logo"] = Logo(
                kind=stored["kind"], data=base64.b64decode(stored["data"]), name=stored["name"]
            )
        return RoundSettings(**values)

    def update_settings(self, *, reason: str = "", **changes: Any) -> RoundSettings:
        """Change settings by name (as on ``RoundSettings``), audited (with ``reason``, when
        one is given: the reason a rule changed after scoring started).

        Each rule's value is checked against its declaration (``domain.round_rules``). The
        round's name and the signatories are tidied like every name (no control characters
        or direction overrides); the audit keeps them as typed."""
        before = self.settings()
        for key, value in list(changes.items()):
            rule = RULES.get(key)
            if rule is not None:
                try:
                    changes[key] = rule.check(value)
                except ValueError as error:
                    raise InputRefused(str(error)) from None
        typed: dict[str, str] = {}
        if isinstance(changes.get("name"), str):
            typed |= as_typed(name=changes["name"])
            changes["name"] = tidy_name(changes["name"])
        if changes.get("signatories"):
            tidied = []
            for number, signatory in enumerate(changes["signatories"], start=1):
                typed |= as_typed(
                    **{f"signatory {number}": signatory.name},
                    **{f"signatory {number} title": signatory.title},
                )
                tidied.append(
                    replace(
                        signatory, name=tidy_name(signatory.name), title=tidy_name(signatory.title)
                    )
                )
            changes["signatories"] = tuple(tidied)
        after = replace(before, **changes)  # raises TypeError on an unknown name
        if not after.name.strip():
            raise InputRefused("The round needs a name.")
        if not 2000 <= after.year <= 2100:
            raise InputRefused(f"{after.year} is not a plausible year for a round.")
        if after.voting_opens and after.voting_closes and after.voting_closes <= after.voting_opens:
            raise InputRefused("The vote must close after it opens.")
        with self._store.write():
            for key, value in changes.items():
                self._put_setting(key, _to_json(value))
            self._store.audit(
                "change settings",
                "round",
                before={k: _audited(getattr(before, k)) for k in changes},
                after={k: _audited(v) for k, v in changes.items()}
                | typed
                | ({"reason": reason} if reason else {}),
            )
        return after

    def counting_started(self) -> str:
        """Why the round's rules are fixed, in words ("scoring has started"), or "" while
        nothing has been scored or voted yet."""
        conn = self._store.conn
        if conn.execute("SELECT 1 FROM scores LIMIT 1").fetchone():
            return "scoring has started"
        if conn.execute(
            "SELECT 1 FROM ballots UNION ALL SELECT 1 FROM paper_votes LIMIT 1"
        ).fetchone():
            return "the staff vote count has started"
        return ""

    def _file_name(self) -> str:
        return self._store.path.name if self._store.path else "The round"

    def _put_setting(self, key: str, value: Any) -> None:
        self._store.conn.execute(
            "INSERT INTO round_settings (key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, json.dumps(value, ensure_ascii=False)],
        )

    def _get_setting(self, key: str) -> Any:
        row = self._store.conn.execute(
            "SELECT value FROM round_settings WHERE key = ?", [key]
        ).fetchone()
        return json.loads(row[0]) if row else None

    # ---- the administrator's passphrase --------------------------------------------------

    def has_admin_passphrase(self) -> bool:
        return bool(self._get_setting(_ADMIN_KEY))

    def set_admin_passphrase(self, passphrase: str) -> None:
        """Store a new passphrase (its hash); the rules for one are ``operations.rounds``'."""
        stored = hash_secret(passphrase)  # slow on purpose: not while holding the lock
        with self._store.write():
            self._put_setting(_ADMIN_KEY, stored)
            self._put_setting(_ADMIN_FAILURES, 0)
            self._put_setting(_ADMIN_LAST_FAILED, None)
            self._store.audit("set passphrase", "round", after={"passphrase": "(changed)"})
        self._volatile = None

    def admin_sign_in(self, passphrase: str) -> SignIn:
        """One try at signing in as the administrator; see ``store.sign_ins``.

        A round without a passphrase lets nobody in as the administrator (set one with
        ``csx-admin passphrase``). The wait after wrong tries and every try's audit row
        work as for a member's PIN.
        """
        stored = self._get_setting(_ADMIN_KEY)
        if not stored:
            return SignIn(ok=False, no_secret=True)
        failures, last_failed_at = self._admin_failures()
        wait = seconds_left(failures, last_failed_at)
        if wait:
            self._record_admin("sign-in refused (waiting)", failures, last_failed_at, wait)
            return SignIn(ok=False, wait=wait, failures=failures, checked=False)
        if verify_secret(passphrase, stored):
            rehash = hash_secret(passphrase) if needs_rehash(stored) else None
            self._record_admin("sign in", 0, None, 0, rehash=rehash)
            return SignIn(ok=True)
        failures += 1
        now = failure_time()
        wait = seconds_left(failures, now)
        self._record_admin("wrong passphrase", failures, now, wait)
        return SignIn(ok=False, wait=wait, failures=failures)

    def admin_sign_in_wait(self) -> int:
        """Seconds before the next try at the administrator's passphrase will be checked."""
        return seconds_left(*self._admin_failures())

    def verify_admin(self, passphrase: str) -> bool:
        """True when the passphrase signs the administrator in (counted and audited)."""
        return self.admin_sign_in(passphrase).ok

    def _admin_failures(self) -> tuple[int, str | None]:
        if self._volatile is not None:
            return self._volatile
        return int(self._get_setting(_ADMIN_FAILURES) or 0), self._get_setting(_ADMIN_LAST_FAILED)

    def _record_admin(
        self,
        action: str,
        failures: int,
        last_failed_at: str | None,
        wait: int,
        *,
        rehash: str | None = None,
    ) -> None:
        if self._store.read_only:  # nothing can be written: remember while the round is open
            self._volatile = (failures, last_failed_at)
            return
        with self._store.write():
            if action != "sign-in refused (waiting)":
                self._put_setting(_ADMIN_FAILURES, failures)
                self._put_setting(_ADMIN_LAST_FAILED, last_failed_at)
            if rehash:
                self._put_setting(_ADMIN_KEY, rehash)
            after: dict[str, Any] = {"wrong tries in a row": failures}
            if wait:
                after["next try after (seconds)"] = wait
            if rehash:
                after["passphrase"] = "(stored again at today's cost)"
            self._store.audit(action, "administrator", after=after, actor=SIGN_IN_ACTOR)

    # ---- categories and rubrics ----------------------------------------------------------

    def categories(self) -> tuple[Category, ...]:
        if self._categories is None:
            self._categories = self._load_categories()
        return self._categories

    def category(self, category_id: int) -> Category:
        for category in self.categories():
            if category.id == category_id:
                return category
        raise NotFound(f"There is no category with id {category_id}.")

    def category_named(self, text: str) -> Category:
        """The category a user named, matched tolerantly ("extra mile award")."""
        from csx_desktop.domain.rubric import match_category

        found = match_category(text, self.categories())
        if found is None:
            names = ", ".join(c.name for c in self.categories())
            raise NotFound(f"There is no category called {text!r}. The categories are: {names}.")
        return found

    def _load_categories(self) -> tuple[Category, ...]:
        store = self._store
        criteria_by_category: dict[int, list[Criterion]] = {}
        for row in store.query("SELECT * FROM criteria ORDER BY category_id, position, id"):
            criteria_by_category.setdefault(row["category_id"], []).append(
                Criterion(
                    id=row["id"],
                    category_id=row["category_id"],
                    name=row["name"],
                    description=row["description"],
                    descriptors=tuple(json.loads(row["descriptors"])),
                    weight=row["weight"],
                    max_score=row["max_score"],
                    position=row["position"],
                )
            )
        return tuple(
            Category(
                id=row["id"],
                name=row["name"],
                method=Method(row["method"]),
                nominee_kind=NomineeKind(row["nominee_kind"]),
                description=row["description"],
                recognition=row["recognition"],
                position=row["position"],
                criteria=tuple(criteria_by_category.get(row["id"], [])),
            )
            for row in store.query("SELECT * FROM categories ORDER BY position, id")
        )

    def rubric_frozen(self, category_id: int) -> bool:
        """Once any score exists in a category its rubric cannot change (totals would move)."""
        row = self._store.conn.execute(
            "SELECT 1 FROM scores JOIN entries ON entries.id = scores.entry_id"
            " WHERE entries.category_id = ? LIMIT 1",
            [category_id],
        ).fetchone()
        return row is not None

    def replace_criteria(self, category_id: int, criteria: list[Criterion]) -> Category:
        """Replace a category's rubric, until the first score exists in it."""
        category = self.category(category_id)
        if not category.is_panel_scored:
            raise InputRefused(f"{category.name} is decided by staff vote and has no rubric.")
        if self.rubric_frozen(category_id):
            raise InputRefused(
                f"Scoring has started in {category.name}, so its criteria can no longer "
                "change (every total would change with them)."
            )
        if not criteria:
            raise InputRefused(f"{category.name} needs at least one criterion.")
        seen: set[str] = set()
        for criterion in criteria:
            key = name_key(criterion.name)
            if not key:
                raise InputRefused("Every criterion needs a name.")
            if key in seen:
                raise InputRefused(f"Two criteria are called {criterion.name!r}.")
            seen.add(key)
            if criterion.weight <= 0:
                raise InputRefused(f"The weight of {criterion.name!r} must be above 0.")
            if not 1 <= criterion.max_score <= 100:
                raise InputRefused(f"The top score of {criterion.name!r} must be 1 to 100.")
        with self._store.write() as db:
            db.execute("DELETE FROM criteria WHERE category_id = ?", [category_id])
            for position, criterion in enumerate(criteria):
                db.table("criteria").insert(
                    _criterion_row(criterion, category_id=category_id, position=position)
                )
            self._store.audit(
                "change rubric",
                "category",
                category_id,
                before={
                    "criteria": [
                        _criterion_row(c, category_id, i) for i, c in enumerate(category.criteria)
                    ]
                },
                after={
                    "criteria": [_criterion_row(c, category_id, i) for i, c in enumerate(criteria)]
                },
            )
        self._categories = None
        return self.category(category_id)

    # ---- nominating bodies (Shining Star) ------------------------------------------------

    def nominating_bodies(self) -> list[str]:
        return [
            row["name"]
            for row in self._store.query("SELECT name FROM nominating_bodies ORDER BY position, id")
        ]

    def add_nominating_body(self, name: str) -> None:
        typed = as_typed(name=name)
        name = tidy_name(name)
        if not name:
            raise InputRefused("A nominating body needs a name.")
        if any(name_key(b) == name_key(name) for b in self.nominating_bodies()):
            raise InputRefused(f"{name} is already a nominating body.")
        with self._store.write() as db:
            position = db.execute(
                "SELECT coalesce(max(position), -1) + 1 FROM nominating_bodies"
            ).fetchone()[0]
            db.table("nominating_bodies").insert({"name": name, "position": position})
            self._store.audit("add", "nominating body", name, after={"name": name, **typed})

    def remove_nominating_body(self, name: str) -> None:
        body = self.nominating_body_named(name)
        nominated = self._nominees_by_body().get(name_key(body))
        if nominated:
            raise InputRefused(
                f"{body} has nominated {nominated} for Shining Star, so it cannot be removed. "
                "Withdraw that nomination first."
            )
        with self._store.write() as db:
            db.execute("DELETE FROM nominating_bodies WHERE name = ?", [body])
            self._store.audit("remove", "nominating body", body, before={"name": body})

    def nominating_body_named(self, name: str) -> str:
        """The body as stored, for a name typed with any case, spacing or punctuation."""
        for body in self.nominating_bodies():
            if name_key(body) == name_key(name):
                return body
        known = "; ".join(self.nominating_bodies()) or "none yet"
        raise NotFound(f"{name} is not a nominating body. The nominating bodies are: {known}.")

    def rename_nominating_body(self, old: str, new: str) -> str:
        """Rename a body (a service renamed in a restructure); its nomination follows it."""
        body = self.nominating_body_named(old)
        typed = as_typed(name=new)
        new = tidy_name(new)
        if not new:
            raise InputRefused("A nominating body needs a name.")
        if any(name_key(b) == name_key(new) and b != body for b in self.nominating_bodies()):
            raise InputRefused(f"{new} is already a nominating body.")
        with self._store.write() as db:
            db.execute("UPDATE nominating_bodies SET name = ? WHERE name = ?", [new, body])
            for table in ("nominations", "entries"):
                db.execute(
                    f"UPDATE {table} SET nominating_body = ? WHERE nominating_body = ?"
                    " AND category_id IN (SELECT id FROM categories WHERE method = ?)",
                    [new, body, str(Method.STAFF_VOTE)],
                )
            self._store.audit(
                "rename",
                "nominating body",
                body,
                before={"name": body},
                after={"name": new, **typed},
            )
        return new

    def nominating_bodies_status(self) -> list[tuple[str, str]]:
        """Each body with the nominee it put forward for Shining Star ("" when none yet)."""
        nominees = self._nominees_by_body()
        return [(body, nominees.get(name_key(body), "")) for body in self.nominating_bodies()]

    def bodies_not_yet_nominated(self) -> list[str]:
        return [body for body, nominee in self.nominating_bodies_status() if not nominee]

    def _nominees_by_body(self) -> dict[str, str]:
        """name_key(body) -> the nominee of its eligible Shining Star nomination."""
        rows = self._store.query(
            "SELECT n.nominating_body, n.nominee FROM nominations n"
            " JOIN categories c ON c.id = n.category_id"
            " WHERE c.method = ? AND n.status = 'eligible' ORDER BY n.id",
            [str(Method.STAFF_VOTE)],
        )
        found: dict[str, str] = {}
        for row in rows:
            found.setdefault(name_key(row["nominating_body"]), row["nominee"])
        return found


def _criterion_row(criterion: Criterion, category_id: int, position: int) -> dict[str, Any]:
    return {
        "category_id": category_id,
        "name": criterion.name.strip(),
        "description": criterion.description,
        "descriptors": json.dumps(list(criterion.descriptors), ensure_ascii=False),
        "weight": criterion.weight,
        "max_score": criterion.max_score,
        "position": position,
    }


def _audited(value: Any) -> Any:
    """A setting as its audit row records it: a logo by name, size and digest, not bytes."""
    if isinstance(value, Logo):
        digest = hashlib.sha256(value.data).hexdigest()
        return {"name": value.name, "kind": value.kind, "bytes": len(value.data), "sha256": digest}
    return _to_json(value)


def _to_json(value: Any) -> Any:
    """Settings values as JSON-able data (dates as ISO text, signatories as dicts, the logo's
    bytes as base64: it lives in the round file, so the round prints anywhere)."""
    if isinstance(value, Logo):
        data = base64.b64encode(value.data).decode("ascii")
        return {"kind": value.kind, "name": value.name, "data": data}
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple) and value and isinstance(value[0], Signatory):
        return [
            {"name": s.name, "title": s.title, "signature_image": s.signature_image} for s in value
        ]
    return value
