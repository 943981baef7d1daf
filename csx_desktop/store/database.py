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
import threading
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.names import sort_key
from csx_desktop.store.errors import RoundFileError
from csx_desktop.store.migrations import MIGRATION_SET, known_migrations, migration_set

if TYPE_CHECKING:
    from sqlite_utils import Database

    from csx_desktop.store.ballots import BallotRepository
    from csx_desktop.store.decisions import DecisionRepository
    from csx_desktop.store.nominations import NominationRepository
    from csx_desktop.store.panel import PanelRepository
    from csx_desktop.store.rounds import RoundRepository
    from csx_desktop.store.scores import ScoreRepository

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

    Start-up reads through ``conn`` and ``query`` (plain sqlite3). ``db``, the sqlite-utils
    ``Database`` every write goes through, and the repositories are made on first use: the
    window can show the sign-in screen before those modules are imported (they cost more
    than a bare Qt window takes to start; see ``benchmarks/startup.py``).
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path | None, actor: str = COMMAND_LINE_ACTOR
    ) -> None:
        self.conn = conn
        self.path = path
        self.actor = actor

    @cached_property
    def db(self) -> Database:
        """sqlite-utils over the same connection (one transaction state for both)."""
        from sqlite_utils import Database

        return Database(self.conn, execute_plugins=False)

    def warm_up(self) -> None:
        """Make ``db`` now (importing sqlite-utils), so the first save does not wait 0.14 s."""
        _ = self.db

    def query(self, sql: str, params: Any = ()) -> Iterator[dict[str, Any]]:
        """Rows as dicts, like sqlite-utils' ``Database.query``, without importing it."""
        cursor = self.conn.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return (dict(zip(columns, row, strict=True)) for row in cursor)

    # The repositories, one per area of the round. Their modules are imported on first use,
    # which also keeps each of them free to import the helpers above without a cycle.
    @cached_property
    def round(self) -> RoundRepository:
        from csx_desktop.store.rounds import RoundRepository

        return RoundRepository(self)

    @cached_property
    def nominations(self) -> NominationRepository:
        from csx_desktop.store.nominations import NominationRepository

        return NominationRepository(self)

    @cached_property
    def panel(self) -> PanelRepository:
        from csx_desktop.store.panel import PanelRepository

        return PanelRepository(self)

    @cached_property
    def scores(self) -> ScoreRepository:
        from csx_desktop.store.scores import ScoreRepository

        return ScoreRepository(self)

    @cached_property
    def decisions(self) -> DecisionRepository:
        from csx_desktop.store.decisions import DecisionRepository

        return DecisionRepository(self)

    @cached_property
    def ballots(self) -> BallotRepository:
        from csx_desktop.store.ballots import BallotRepository

        return BallotRepository(self)

    # ---- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        actor: str = COMMAND_LINE_ACTOR,
        check: RoundFileCheck | None = None,
    ) -> Store:
        """Open an existing round, migrating it (after a backup copy) if it is older.

        ``check`` is the read-only check of the same file already started on another thread
        (``RoundFileCheck.start``); without one the file is checked here first.
        """
        path = Path(path)
        if check is not None and check.path == path:
            applied = check.result()
        else:
            applied = _check_existing_file(path)
        conn = _connect(path)
        store = cls(conn, path, actor)
        if any(m not in applied for m in known_migrations()):
            backup_to = path.with_name(f"{path.name}.before-migration-{len(applied)}.bak")
            _backup(conn, backup_to)
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
        conn = sqlite3.connect(":memory:")
        _add_name_collation(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA recursive_triggers = ON")
        store = cls(conn, None)
        store._migrate()
        store.round.initialise(name=name, year=year, admin_passphrase=None)
        return store

    def _migrate(self) -> None:
        """Apply pending migrations; a file that is up to date is not written to."""
        migrations = migration_set()
        if not migrations.pending(self.db):
            return
        migrations.apply(self.db)
        self.conn.execute(f"PRAGMA user_version = {len(known_migrations())}")
        self.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def close(self) -> None:
        self.conn.close()

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
        self.conn.execute(
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
        rows = self.query("SELECT * FROM audit ORDER BY id DESC LIMIT ?", [limit])
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
        _backup(self.conn, dest)
        return dest

    def safety_backup(self, before: str) -> Path | None:
        """Copy the round aside before a risky operation (an import, a merge, erasing voters).

        Copies go to the folder "NAME backups" beside the round file, named by time and
        operation; the newest ``KEEP_SAFETY_BACKUPS`` are kept. Returns the copy's path
        (``None`` for a round in memory, or inside a transaction that is already open).
        """
        if self.path is None:
            return None
        if self.conn.in_transaction:
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
        _backup(self.conn, dest)
        for old in sorted(folder.glob(f"*{self.path.suffix}"))[:-KEEP_SAFETY_BACKUPS]:
            old.unlink()
        return dest

    def schema_version(self) -> int:
        return len(migration_set().applied(self.db))

    def integrity(self) -> str:
        """SQLite's ``integrity_check`` answer: "ok" for a whole file."""
        row = self.conn.execute("PRAGMA integrity_check").fetchone()
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
        return {label: int(self.conn.execute(sql).fetchone()[0]) for label, sql in queries.items()}


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


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=10)
    _add_name_collation(conn)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # What sqlite-utils sets when it wraps the connection; set here too, so triggers behave
    # the same before and after ``Store.db`` is first used.
    conn.execute("PRAGMA recursive_triggers = ON")
    return conn


def _backup(conn: sqlite3.Connection, dest: Path) -> None:
    target = sqlite3.connect(str(dest))
    try:
        conn.backup(target)
    finally:
        target.close()


class RoundFileCheck:
    """The read-only check of a round file, run on a thread of its own.

    The window starts it before loading Qt: SQLite's integrity check does not hold Python's
    lock, so on a machine with two cores it costs the start-up nothing. ``result()`` waits
    for it and returns what ``Store.open`` needs, or raises what the check found.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._applied: set[str] = set()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="round file check", daemon=True)

    @classmethod
    def start(cls, path: str | Path) -> RoundFileCheck:
        check = cls(Path(path))
        check._thread.start()
        return check

    def _run(self) -> None:
        try:
            self._applied = _check_existing_file(self.path)
        except BaseException as error:  # handed to the thread that opens the file
            self._error = error

    def result(self) -> set[str]:
        self._thread.join()
        if self._error is not None:
            raise self._error
        return self._applied


def _check_existing_file(path: Path) -> set[str]:
    """Check a round file without writing to it; return the migrations it has applied."""
    if not path.is_file():
        raise RoundFileError(f"There is no round file at {path}.")
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
                    [MIGRATION_SET],
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
