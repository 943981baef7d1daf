"""Writing a file so that it is either whole or not there: the one way CSX Desktop writes files.

Every file the app writes (a report, an export, the certificates, a backup, a new round) is
written to a temporary file beside its destination, synced to the disk, and renamed into
place. A rename within one folder is atomic: a reader, a crash or a full disk leaves either
the previous file or the new one, never half of one. When the write fails the temporary file
is removed and the reason is one line fit to show a person ("the disk is full: report.pdf
needs about 3 MB…"), never a traceback.

Temporary files are named ``.NAME.PID-TOKEN.partial`` (hidden on Linux and macOS). One left
behind by a run that was killed is removed the next time the same destination is written:
its process is gone (or it is older than a day, where the process cannot be asked).
"""

from __future__ import annotations

import contextlib
import errno
import math
import os
import re
import secrets
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from csx_desktop.store.errors import InputRefused, NotWritten

# Sidecar files SQLite may keep beside a database it is writing.
SQLITE_SIDECARS = ("-journal", "-wal", "-shm")
_STALE_AFTER = 24 * 3600  # seconds: a temporary this old is a leftover whoever made it
_MB = 1024 * 1024


def write_file(dest: str | Path, data: bytes, *, overwrite: bool) -> Path:
    """Write ``data`` to ``dest`` whole or not at all; return ``dest``.

    ``overwrite=False`` refuses when ``dest`` exists (the command line's default, without
    ``--force``). Raises ``NotWritten`` with one line saying why when the disk is full, the
    folder cannot be written, or the file is open in another program.
    """
    dest = Path(dest)
    with file_in_place(dest, overwrite=overwrite, size=len(data)) as temporary:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o666)
        try:
            view = memoryview(data)
            while view:  # os.write may write less than asked (a pipe, a signal)
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        finally:
            os.close(fd)
    return dest


@contextlib.contextmanager
def file_in_place(dest: str | Path, *, overwrite: bool, size: int = 0) -> Iterator[Path]:
    """A temporary path beside ``dest`` for the caller to write; renamed into place after.

    For writers that need a path of their own (SQLite's backup). The caller writes and closes
    the file inside the ``with``; it is then synced and renamed to ``dest``. ``size`` is how
    many bytes the file is expected to need, for the message when the disk is full.
    """
    dest = Path(dest)
    check_destination(dest, overwrite=overwrite)
    remove_stale_temporaries(dest)
    temporary = dest.with_name(f".{dest.name}.{os.getpid()}-{secrets.token_hex(4)}.partial")
    try:
        try:
            yield temporary
            _fsync_path(temporary)
            _move_into_place(temporary, dest, overwrite=overwrite)
            _fsync_path(dest.parent)
        except OSError as error:
            raise not_written(dest, error, size=max(size, _size(temporary))) from error
    finally:
        _remove_with_sidecars(temporary)


def check_destination(dest: Path, *, overwrite: bool) -> None:
    """Refuse before any work is done: no such folder, a folder in the way, or a file that
    exists when it may not be replaced."""
    if not dest.parent.is_dir():
        raise InputRefused(f"The folder {dest.parent} does not exist.")
    if dest.is_dir():
        raise InputRefused(f"{dest} is a folder; give a file name.")
    if not overwrite and dest.exists():
        raise InputRefused(
            f"{dest} already exists; choose another name, or add --force to replace it."
        )


def not_written(dest: Path, error: OSError, *, size: int = 0) -> NotWritten:
    """One line saying why ``dest`` could not be written (the previous file is unchanged)."""
    kept = f" The previous {dest.name} is unchanged." if dest.exists() else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        need = need_words(size, dest.parent)
        return NotWritten(f"The disk is full: {dest.name} was not written ({need}).{kept}")
    if error.errno == errno.EROFS:
        return NotWritten(f"{dest.parent} is on read-only media: {dest.name} was not written.")
    if error.errno in (errno.EACCES, errno.EPERM):
        return NotWritten(
            f"{dest.name} could not be written: permission denied (if it is open in another "
            f"program such as Excel or a PDF reader, close it and try again).{kept}"
        )
    reason = error.strerror or str(error)
    return NotWritten(f"{dest.name} could not be written: {reason}.{kept}")


def need_words(size: int, folder: Path) -> str:
    """ "it needs about 3 MB; 1 MB is free" — rounded up, never "0 MB"."""
    needed = max(1, math.ceil(size / _MB))
    try:
        free = shutil.disk_usage(folder).free // _MB
    except OSError:
        return f"it needs about {needed} MB"
    return f"it needs about {needed} MB; {free} MB is free"


def remove_stale_temporaries(dest: Path) -> list[Path]:
    """Remove the temporaries of ``dest`` left by runs that were killed; return them."""
    removed: list[Path] = []
    try:
        candidates = list(dest.parent.glob(f".{glob_escape(dest.name)}.*partial"))
    except OSError:
        return removed
    pattern = re.compile(rf"\.{re.escape(dest.name)}(?:\.(\d+)-[0-9a-f]+)?\.partial")
    for path in candidates:
        match = pattern.fullmatch(path.name)
        if match is None:
            continue
        pid = int(match.group(1)) if match.group(1) else None
        if pid is not None and pid != os.getpid() and _alive(pid) and not _old(path):
            continue  # another program is writing it right now
        if pid == os.getpid():
            continue  # ours, still in use by another thread
        _remove_with_sidecars(path)
        removed.append(path)
    return removed


def glob_escape(name: str) -> str:
    """A file name as a glob pattern that matches only itself."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def _move_into_place(temporary: Path, dest: Path, *, overwrite: bool) -> None:
    if overwrite:
        temporary.replace(dest)
        return
    # A hard link fails when the destination exists, so two programs cannot both create it.
    try:
        os.link(temporary, dest)
    except FileExistsError:
        raise InputRefused(
            f"{dest} already exists; choose another name, or add --force to replace it."
        ) from None
    except OSError:
        # Some drives (FAT on a memory stick, some network shares) cannot hard-link.
        if dest.exists():
            raise InputRefused(
                f"{dest} already exists; choose another name, or add --force to replace it."
            ) from None
        temporary.replace(dest)
        return
    temporary.unlink()


def _fsync_path(path: Path) -> None:
    """Flush a file's (or a folder's) content to the disk before and after the rename."""
    if path.is_dir() and sys.platform == "win32":
        return  # Windows cannot open a folder to sync it; its renames are journalled
    fd = os.open(path, os.O_RDONLY | _BINARY)
    try:
        os.fsync(fd)
    except OSError as error:
        if not path.is_dir() or error.errno not in (errno.EINVAL, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _remove_with_sidecars(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in SQLITE_SIDECARS)):
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # cannot ask cheaply; the age decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def _old(path: Path) -> bool:
    try:
        return time.time() - path.stat().st_mtime > _STALE_AFTER
    except OSError:
        return False


_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
