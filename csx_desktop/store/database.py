"""The round file: opening, checking, migrating and backing up one ``*.csxawards`` SQLite file.

``Store`` is the one place that talks to SQLite. It checks a file before writing a byte to it
(is it SQLite, is it a round, is it whole, is it from a newer version), copies it aside before
a migration, and sets the pragmas DESIGN.md asks for: WAL, ``synchronous=FULL``, foreign keys.
Each area of the round has a repository object on the store (``store.nominations``,
``store.panel`` ...); every write goes through ``store.write()``, one transaction with its
audit row.

A write takes SQLite's write lock first (``BEGIN IMMEDIATE``) and waits for it (the busy
timeout): a transaction that read first and then tried to write would fail at once with
"database is locked" whenever another program had written meanwhile, because SQLite cannot
wait to turn a read into a write. A lock still held by another program after the wait is
``RoundBusy``; a full disk, read-only media and the like are one-line ``CsxError``s too,
never a traceback, and nothing of the change is kept.

A new round is built under a temporary name beside its destination and renamed into place
when complete (``store.files``), as every backup is: a file at the destination is always a
whole round. A file with our application id but no complete round in it is refused and left
as it is. A round on read-only media (or one this user cannot write) opens read-only, for
viewing; ``read_only_note`` says so in one line.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csx_desktop.domain.names import clean_text, sort_key
from csx_desktop.store.errors import (
    CsxError,
    HalfMadeRound,
    NotWritten,
    ReadOnlyRound,
    RoundBusy,
    RoundFileError,
)
from csx_desktop.store.files import file_in_place, need_words
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
# How long a write waits for another program to let go of the round file (an import of
# 10,000 rows holds it for about a second). The window waits less and retries (see
# ``lock_wait``), so it never freezes for this long.
BUSY_TIMEOUT = 10.0

# SQLite's primary result codes (``sqlite3.Error.sqlite_errorcode & 0xFF``).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 13, 14

BUSY_MESSAGE = (
    "The round file is busy in another program (another CSX Desktop window, or csx-admin, "
    "is saving to it); nothing was changed. Try again when it has finished."
)


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
        self,
        conn: sqlite3.Connection,
        path: Path | None,
        actor: str = COMMAND_LINE_ACTOR,
        *,
        read_only: bool = False,
    ) -> None:
        self.conn = conn
        self.path = path
        self.actor = actor
        self.read_only = read_only

    @property
    def read_only_note(self) -> str:
        """One line saying the round is open for viewing only ("" when it can be changed)."""
        if not self.read_only:
            return ""
        name = self.path.name if self.path else "This round"
        return (
            f"{name} is on read-only media (or you may not change it), so it is open for "
            "viewing only: nothing can be changed. To work on it, copy it to a folder you "
            "can write to and open the copy."
        )

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
        (``RoundFileCheck.start``); without one the file is checked here first. A round that
        cannot be written opens read-only (``read_only``, ``read_only_note``).
        """
        path = Path(path)
        if check is not None and check.path == path:
            applied = check.result()
        else:
            applied = _check_existing_file(path)
        pending = any(m not in applied for m in known_migrations())
        if not _writable(path):
            if pending:
                raise RoundFileError(
                    f"{path.name} was made by an older version of CSX Desktop and must be "
                    "updated before it can be opened, but it is on read-only media. Copy it "
                    "to a folder you can write to and open the copy."
                )
            return cls(_connect_read_only(path), path, actor, read_only=True)
        try:
            conn = _connect(path)
        except sqlite3.Error as error:
            raise _refusal(error, path) from error
        store = cls(conn, path, actor)
        if pending:
            backup_to = path.with_name(f"{path.name}.before-migration-{len(applied)}.bak")
            with file_in_place(backup_to, overwrite=True, size=store._size()) as temporary:
                _backup(conn, temporary)
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
        """Create a new round file with the seed categories and default rubrics.

        The round is built beside ``path`` under a temporary name and renamed into place
        only when it is complete: an interruption leaves nothing at ``path``.
        """
        path = Path(path)
        if path.exists():
            raise RoundFileError(f"{path} already exists; choose another name or open it.")
        if not path.parent.is_dir():
            raise RoundFileError(f"The folder {path.parent} does not exist.")
        with file_in_place(path, overwrite=False, size=_NEW_ROUND_BYTES) as building:
            try:
                conn = _connect(building)
            except sqlite3.Error as error:
                raise _as_os_error(error) from error
            store = cls(conn, building, actor)
            try:
                store._migrate()
                store.round.initialise(name=name, year=year, admin_passphrase=admin_passphrase)
            except NotWritten as error:
                raise OSError(errno.ENOSPC, str(error)) from error
            finally:
                store.close()
            # Closing the last connection moves the write-ahead log into the file; a log
            # left beside it would be lost in the rename.
            if Path(f"{building}-wal").exists():
                raise RoundFileError(f"The new round at {building} was not closed cleanly.")
        try:
            conn = _connect(path)
        except sqlite3.Error as error:
            raise _refusal(error, path) from error
        return cls(conn, path, actor)

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
        """Apply pending migrations, all in one transaction; an up-to-date file is not
        written to."""
        migrations = migration_set()
        if not migrations.pending(self.db):
            return
        with self.write():
            # Each step's own transaction becomes a savepoint inside this one: a file is
            # migrated all the way, or not at all.
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
        """One transaction: everything inside is stored together, or nothing is.

        The write lock is taken first (``BEGIN IMMEDIATE``), waiting for another program
        to let go of it; a write inside another becomes a savepoint of it. Raises
        ``RoundBusy`` when the lock is still held after the wait, ``ReadOnlyRound`` on a
        round open for viewing, ``NotWritten`` when the disk is full.
        """
        if self.read_only:
            name = self.path.name if self.path else "This round"
            raise ReadOnlyRound(
                f"{name} is open for viewing only (read-only media): nothing was changed."
            )
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise _refusal(error, self.path) from error
        try:
            yield self.db
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as error:
            _rollback(self.conn)
            refusal = _known_refusal(error, self.path)
            if refusal is None:
                raise
            raise refusal from error
        except BaseException:
            _rollback(self.conn)
            raise

    @contextlib.contextmanager
    def lock_wait(self, seconds: float) -> Iterator[None]:
        """Wait at most ``seconds`` for the write lock inside this block (the window waits
        briefly, keeps the change and tries again, rather than freezing)."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
        try:
            yield
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")

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
        actor: str | None = None,
    ) -> None:
        """Record who changed what, from what, to what. Call inside ``write()``.

        ``actor`` names someone other than the signed-in person (the sign-in screen)."""
        self.conn.execute(
            "INSERT INTO audit (at, actor, action, entity, entity_id, before, after)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                utc_now(),
                actor or self.actor,
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

    def backup(self, dest: str | Path, *, overwrite: bool = False) -> Path:
        """Copy the round to ``dest`` with SQLite's online backup API (safe while in use).

        Written beside ``dest`` and renamed into place; ``overwrite`` replaces an existing
        file of that name (only once the copy is whole).
        """
        dest = Path(dest)
        if self.path is not None and dest.resolve() == self.path.resolve():
            raise RoundFileError("The backup cannot replace the round file itself.")
        if dest.exists() and not overwrite:
            raise RoundFileError(
                f"{dest} already exists; choose another name (or add --force to replace it)."
            )
        if not dest.parent.is_dir():
            raise RoundFileError(f"The folder {dest.parent} does not exist.")
        with file_in_place(dest, overwrite=overwrite, size=self._size()) as temporary:
            _backup(self.conn, temporary)
        return dest

    def safety_backup(self, before: str) -> Path | None:
        """Copy the round aside before a risky operation (an import, a merge, erasing voters).

        Copies go to the folder "NAME backups" beside the round file, named by time and
        operation; the newest ``KEEP_SAFETY_BACKUPS`` are kept. Returns the copy's path
        (``None`` for a round in memory, or inside a transaction that is already open).
        When the copy cannot be made (a full disk) the operation is refused: nothing is
        done without its safety copy.
        """
        if self.path is None or self.read_only:
            return None
        if self.conn.in_transaction:
            # Part of a larger change that is one transaction already (building the demo):
            # nothing of it is on disk to lose, and SQLite cannot copy a file mid-write.
            return None
        folder = self.path.with_name(f"{self.path.stem} backups")
        stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
        label = "".join(ch if ch.isalnum() else "-" for ch in before.lower()).strip("-")
        dest = folder / f"{stamp} before {label}{self.path.suffix}"
        counter = 1
        while dest.exists():  # two risky operations in the same second
            counter += 1
            dest = folder / f"{stamp} before {label} ({counter}){self.path.suffix}"
        try:
            folder.mkdir(exist_ok=True)
            with file_in_place(dest, overwrite=False, size=self._size()) as temporary:
                _backup(self.conn, temporary)
        except (NotWritten, OSError) as error:
            why = str(error) if isinstance(error, NotWritten) else _os_words(error)
            raise NotWritten(
                f"The safety copy of the round before {before} could not be made, so nothing "
                f"was done: {why}"
            ) from error
        for old in sorted(folder.glob(f"*{self.path.suffix}"))[:-KEEP_SAFETY_BACKUPS]:
            old.unlink()
        return dest

    def _size(self) -> int:
        """The round's size in bytes (what a copy of it needs on the disk)."""
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        size = self.conn.execute("PRAGMA page_size").fetchone()[0]
        return int(pages) * int(size)

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


def as_typed(**fields: str) -> dict[str, str]:
    """What was typed, for the audit row, where tidying removed invisible characters
    (control characters, a right-to-left override): the round shows the tidy name, the
    audit keeps the name as it arrived."""
    return {f"{key} as typed": value for key, value in fields.items() if clean_text(value) != value}


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
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT)
    try:
        _add_name_collation(conn)
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # What sqlite-utils sets when it wraps the connection; set here too, so triggers
        # behave the same before and after ``Store.db`` is first used.
        conn.execute("PRAGMA recursive_triggers = ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes: for rounds on read-only media."""
    conn = _read_only_connection(path)
    _add_name_collation(conn)
    conn.execute("PRAGMA query_only = ON")
    return conn


def _read_only_connection(path: Path) -> sqlite3.Connection:
    """Open ``path`` for reading only, even on read-only media.

    A WAL round needs its shared-memory file beside it; where that cannot be created (a
    read-only drive) SQLite is told the file is immutable, which is true of such a drive.
    A write-ahead log left beside it (the round was not closed before it was copied) could
    not be read that way, so that is refused rather than shown without its latest changes.
    """
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as error:
        conn.close()
        code = _code(error)
        if code not in (_SQLITE_CANTOPEN, _SQLITE_READONLY, _SQLITE_IOERR):
            raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise RoundFileError(
            f"{path.name} is on read-only media and was not closed before it was copied there "
            f"(its changes are still in {wal.name}). Copy both files to a folder you can write "
            "to and open the copy."
        )
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)


def _writable(path: Path) -> bool:
    """Can this user change the round (the file, and the folder for SQLite's log files)?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _backup(conn: sqlite3.Connection, dest: Path) -> None:
    """SQLite's online backup of ``conn`` into a new file at ``dest``; failures as OSError
    (a full disk is ENOSPC), for ``store.files`` to put in words."""
    try:
        target = sqlite3.connect(str(dest))
    except sqlite3.Error as error:
        raise _as_os_error(error) from error
    try:
        conn.backup(target)
    except sqlite3.Error as error:
        raise _as_os_error(error) from error
    finally:
        target.close()


# A new round with its categories and rubrics is about 200 KB.
_NEW_ROUND_BYTES = 256 * 1024


def _code(error: sqlite3.Error) -> int:
    return int(getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF


def _as_os_error(error: sqlite3.Error) -> OSError:
    """An SQLite failure writing a new file as the OSError it comes down to."""
    code = _code(error)
    number = {
        _SQLITE_FULL: errno.ENOSPC,
        _SQLITE_READONLY: errno.EROFS,
        _SQLITE_CANTOPEN: errno.EACCES,
    }.get(code, errno.EIO)
    return OSError(number, os.strerror(number))


def _os_words(error: OSError) -> str:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full."
    return f"{error.strerror or error}."


def _known_refusal(error: sqlite3.Error, path: Path | None) -> CsxError | None:
    """A locked, full, read-only or failing file in words; None for any other error."""
    code = _code(error)
    text = str(error).lower()
    name = path.name if path is not None else "the round file"
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return RoundBusy(BUSY_MESSAGE)
    folder = path.parent if path is not None else Path.cwd()
    # SQLite reports a full disk as "disk I/O error" when it is its log or shared-memory
    # file that could not grow; the free space tells which it was.
    if (
        code == _SQLITE_FULL
        or "disk is full" in text
        or (code in (_SQLITE_IOERR, _SQLITE_CANTOPEN) and _disk_full(folder))
    ):
        return NotWritten(
            f"The disk is full: nothing was changed and {name} is as it was "
            f"({need_words(_CHANGE_BYTES, folder)}). Free some space and try again."
        )
    if code == _SQLITE_READONLY:
        return ReadOnlyRound(
            f"{name} cannot be changed (read-only media, or no permission to write it); "
            "nothing was changed."
        )
    if code == _SQLITE_IOERR:
        return NotWritten(
            f"{name} could not be written (the disk reported an error); nothing was changed. "
            "Check the drive, then try again."
        )
    return None


def _refusal(error: sqlite3.Error, path: Path | None) -> CsxError:
    """Any SQLite failure to open or begin writing, in one line."""
    known = _known_refusal(error, path)
    if known is not None:
        return known
    name = path.name if path is not None else "The round file"
    return RoundFileError(f"{name} cannot be used: {error}.")


# What one change needs free on the disk, about: a page of the log and one of the file.
_CHANGE_BYTES = 64 * 1024


def _disk_full(folder: Path) -> bool:
    """Less free space than SQLite needs to grow its log and shared-memory files."""
    try:
        return shutil.disk_usage(folder).free < 16 * _CHANGE_BYTES
    except OSError:
        return False


def _rollback(conn: sqlite3.Connection) -> None:
    """Undo the open transaction, if an error has not ended it already."""
    if conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")


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
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise RoundFileError(f"{path.name} cannot be read: {error.strerror}.") from error
    if header != SQLITE_MAGIC:
        if not header:
            raise RoundFileError(f"{path.name} is empty: it is not an awards round file.")
        raise RoundFileError(
            f"{path.name} is not an awards round file (it is not an SQLite database)."
        )
    try:
        conn = _read_only_connection(path)
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
        unknown = applied - set(known_migrations())
        if unknown:
            raise RoundFileError(
                f"{path.name} was written by a newer version of CSX Desktop. "
                "Install the latest version to open it; the file has not been changed."
            )
        if not _holds_a_round(conn, applied):
            raise HalfMadeRound(
                f"{path.name} is not a complete awards round: it carries CSX Desktop's mark "
                "but holds no round (its creation may have been interrupted, or another "
                "program made it). It has not been changed. Create the round again, or open "
                "your latest backup."
            )
    except sqlite3.DatabaseError as error:
        raise RoundFileError(f"{path.name} cannot be read: {error}.") from error
    finally:
        conn.close()
    return applied


def _holds_a_round(conn: sqlite3.Connection, applied: set[str]) -> bool:
    """A round is whole once its first migration is applied and it has a name and a year
    (what ``RoundRepository.initialise`` writes, in one transaction, when it is created)."""
    first = known_migrations()[0]
    if first not in applied:
        return False
    found = {
        row[0]
        for row in conn.execute("SELECT key FROM round_settings WHERE key IN ('name', 'year')")
    }
    return found == {"name", "year"}
