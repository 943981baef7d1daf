"""The round file: opening, checking, migrating and backing up one ``*.csxawards`` SQLite file.

``Store`` is the one place that talks to SQLite. It checks a file before writing a byte to it
(is it SQLite, is it a round, is it whole, is it from a newer version), copies it aside before
a migration, and sets the pragmas DESIGN.md asks for: WAL, ``synchronous=FULL``, foreign keys.
Each area of the round has a repository object on the store (``store.nominations``,
``store.panel`` ...); every write goes through ``store.write()``, one transaction with its
audit row.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from csx_desktop.domain.names import sort_key
from csx_desktop.store.errors import RoundFileError
from csx_desktop.store.migrations import MIGRATIONS, known_migrations

# 'CSX1': marks the file as a CSX Desktop round for `file` and for our own open check.
APPLICATION_ID = 0x43535831
SQLITE_MAGIC = b"SQLite format 3\x00"
COMMAND_LINE_ACTOR = "administrator (command line)"
KEEP_SAFETY_BACKUPS = 10


def utc_now() -> str:
    """The current time as stored in the round file."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def parse_time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class Store:
    """An open round file.

    Use ``Store.create(path, name=..., year=...)`` for a new round, ``Store.open(path)`` for an
    existing one and ``Store.memory()`` in tests. ``actor`` names who is signed in; it is
    written to every audit row.
    """

    def __init__(self, db: Database, path: Path | None, actor: str = COMMAND_LINE_ACTOR) -> None:
        # Imported here, not at module top, to keep each repository module free to import
        # the helpers above without a cycle.
        from csx_desktop.store.ballots import BallotRepository
        from csx_desktop.store.decisions import DecisionRepository
        from csx_desktop.store.nominations import NominationRepository
        from csx_desktop.store.panel import PanelRepository
        from csx_desktop.store.rounds import RoundRepository
        from csx_desktop.store.scores import ScoreRepository

        self.db = db
        self.path = path
        self.actor = actor
        self.round = RoundRepository(self)
        self.nominations = NominationRepository(self)
        self.panel = PanelRepository(self)
        self.scores = ScoreRepository(self)
        self.decisions = DecisionRepository(self)
        self.ballots = BallotRepository(self)

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, *, actor: str = COMMAND_LINE_ACTOR) -> Store:
        """Open an existing round, migrating it (after a backup copy) if it is older."""
        path = Path(path)
        if not path.is_file():
            raise RoundFileError(f"There is no round file at {path}.")
        applied = _check_existing_file(path)
        db = _connect(path)
        pending = [m for m in known_migrations() if m not in applied]
        if pending:
            backup_to = path.with_name(f"{path.name}.before-migration-{len(applied)}.bak")
            _backup(db, backup_to)
        store = cls(db, path, actor)
        store._migrate()
        return store

    @classmethod
    def create(
        cls,
        path: str | Path,
        *,
        name: str,
        year: int,
        admin_passphrase: str | None = None,
        actor: str = COMMAND_LINE_ACTOR,
    ) -> Store:
        """Create a new round file with the seed categories and default rubrics."""
        path = Path(path)
        if path.exists():
            raise RoundFileError(f"{path} already exists; choose another name or open it.")
        if not path.parent.is_dir():
            raise RoundFileError(f"The folder {path.parent} does not exist.")
        store = cls(_connect(path), path, actor)
        store._migrate()
        store.round.initialise(name=name, year=year, admin_passphrase=admin_passphrase)
        return store

    @classmethod
    def memory(cls, *, name: str = "Test round", year: int = 2026) -> Store:
        """A new round in memory, for tests."""
        db = Database(memory=True, execute_plugins=False)
        _add_name_collation(db.conn)
        db.execute("PRAGMA foreign_keys = ON")
        store = cls(db, None)
        store._migrate()
        store.round.initialise(name=name, year=year, admin_passphrase=None)
        return store

    def _migrate(self) -> None:
        """Apply pending migrations; a file that is up to date is not written to."""
        if not MIGRATIONS.pending(self.db):
            return
        MIGRATIONS.apply(self.db)
        self.db.execute(f"PRAGMA user_version = {len(known_migrations())}")
        self.db.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing -------------------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[Database]:
        """One transaction: everything inside is stored together, or nothing is."""
        with self.db.atomic():
            yield self.db

    def insert(self, table: str, row: Mapping[str, Any]) -> int:
        """Insert one row (inside ``write()``) and return its id."""
        last_pk = self.db.table(table).insert(dict(row)).last_pk
        assert last_pk is not None
        return int(last_pk)

    def audit(
        self,
        action: str,
        entity: str,
        entity_id: object = "",
        *,
        before: Mapping[str, Any] | None = None,
        after: Mapping[str, Any] | None = None,
    ) -> None:
        """Record who changed what, from what, to what. Call inside ``write()``."""
        self.db.execute(
            "INSERT INTO audit (at, actor, action, entity, entity_id, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                utc_now(),
                self.actor,
                action,
                entity,
                str(entity_id),
                _json_or_none(before),
                _json_or_none(after),
            ],
        )

    def audit_log(self, limit: int = 200) -> list[dict[str, Any]]:
        """The newest audit rows first."""
        rows = self.db.query("SELECT * FROM audit ORDER BY id DESC LIMIT ?", [limit])
        return list(rows)

    # ---- looking after the file ----------------------------------------------------------

    def backup(self, dest: str | Path) -> Path:
        """Copy the round to ``dest`` with SQLite's online backup API (safe while in use)."""
        dest = Path(dest)
        if self.path is not None and dest.resolve() == self.path.resolve():
            raise RoundFileError("The backup cannot replace the round file itself.")
        if dest.exists():
            raise RoundFileError(f"{dest} already exists; choose another name.")
        if not dest.parent.is_dir():
            raise RoundFileError(f"The folder {dest.parent} does not exist.")
        _backup(self.db, dest)
        return dest

    def safety_backup(self, before: str) -> Path | None:
        """Copy the round aside before a risky operation (an import, a merge, erasing voters).

        Copies go to the folder "NAME backups" beside the round file, named by time and
        operation; the newest ``KEEP_SAFETY_BACKUPS`` are kept. Returns the copy's path
        (``None`` for a round in memory, or inside a transaction that is already open).
        """
        if self.path is None:
            return None
        if self.db.conn.in_transaction:
            # Part of a larger change that is one transaction already (building the demo):
            # nothing of it is on disk to lose, and SQLite cannot copy a file mid-write.
            return None
        folder = self.path.with_name(f"{self.path.stem} backups")
        folder.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
        label = "".join(ch if ch.isalnum() else "-" for ch in before.lower()).strip("-")
        dest = folder / f"{stamp} before {label}{self.path.suffix}"
        counter = 1
        while dest.exists():  # two risky operations in the same second
            counter += 1
            dest = folder / f"{stamp} before {label} ({counter}){self.path.suffix}"
        _backup(self.db, dest)
        for old in sorted(folder.glob(f"*{self.path.suffix}"))[:-KEEP_SAFETY_BACKUPS]:
            old.unlink()
        return dest

    def schema_version(self) -> int:
        return len(MIGRATIONS.applied(self.db))

    def integrity(self) -> str:
        """SQLite's ``integrity_check`` answer: "ok" for a whole file."""
        row = self.db.execute("PRAGMA integrity_check").fetchone()
        return str(row[0])

    def counts(self) -> dict[str, int]:
        """How many of each thing the round holds, for ``csx-admin check``."""
        queries = {
            "categories": "SELECT count(*) FROM categories",
            "entries": "SELECT count(*) FROM entries WHERE status = 'active'",
            "nominations": "SELECT count(*) FROM nominations",
            "panel members": "SELECT count(*) FROM panel_members WHERE active",
            "declared interests": "SELECT count(*) FROM interests",
            "scores": "SELECT count(*) FROM scores",
            "decisions": "SELECT count(*) FROM decisions WHERE reopened_at IS NULL",
            "ballots": "SELECT count(*) FROM ballots",
            "audit rows": "SELECT count(*) FROM audit",
        }
        return {label: int(self.db.execute(sql).fetchone()[0]) for label, sql in queries.items()}


def _json_or_none(value: Mapping[str, Any] | None) -> str | None:
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def _add_name_collation(conn: sqlite3.Connection) -> None:
    """``ORDER BY nominee COLLATE name`` lists people as a reader expects (Łukasz among the
    Ls); see ``domain.names.sort_key``. Connection-local, so the file needs nothing."""

    def compare(a: str, b: str) -> int:
        key_a, key_b = sort_key(a), sort_key(b)
        return (key_a > key_b) - (key_a < key_b)

    conn.create_collation("name", compare)


def _connect(path: Path) -> Database:
    conn = sqlite3.connect(str(path), timeout=10)
    _add_name_collation(conn)
    db = Database(conn, execute_plugins=False)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def _backup(db: Database, dest: Path) -> None:
    target = sqlite3.connect(str(dest))
    try:
        db.conn.backup(target)
    finally:
        target.close()


def _check_existing_file(path: Path) -> set[str]:
    """Check a round file without writing to it; return the migrations it has applied."""
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        if not header:
            raise RoundFileError(f"{path.name} is empty: it is not an awards round file.")
        raise RoundFileError(
            f"{path.name} is not an awards round file (it is not an SQLite database)."
        )
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise RoundFileError(f"{path.name} cannot be opened: {error}.") from error
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise RoundFileError(
                f"{path.name} is damaged (SQLite reports: {check}). Open your latest backup."
            )
        if app_id != APPLICATION_ID:
            raise RoundFileError(
                f"{path.name} is an SQLite database but not a CSX Desktop awards round."
            )
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = '_sqlite_migrations'"
        ).fetchone()
        applied: set[str] = set()
        if has_table:
            applied = {
                row[0]
                for row in conn.execute(
                    "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                    [MIGRATIONS.name],
                )
            }
    except sqlite3.DatabaseError as error:
        raise RoundFileError(f"{path.name} cannot be read: {error}.") from error
    finally:
        conn.close()
    unknown = applied - set(known_migrations())
    if unknown:
        raise RoundFileError(
            f"{path.name} was written by a newer version of CSX Desktop. "
            "Install the latest version to open it; the file has not been changed."
        )
    return applied
