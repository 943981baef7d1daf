"""A full disk: every output leaves the previous file as it was and says why in one line.

Each file the app writes (the report, the certificates, the exports, the template, a backup,
a new round) goes through ``store.files``: written beside its destination, synced, renamed
into place. Two ways to fill the disk: a patched ``os.write`` (and fsync) raising ENOSPC,
which runs everywhere, and a real 4 MB tmpfs filled to the brim, where the machine allows
mounting one (root on Linux; skipped elsewhere). Then: a stale temporary from a killed run
is removed by the next run, and ``--force`` is needed to replace any output.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination
from csx_desktop.store import Store, files

ONE_LINE_FULL = "The disk is full"


def _decide(store: Store) -> None:
    """Two Extra Mile entries, one scored sheet, and a decision: every output has content."""
    extra = store.round.category_named("Extra Mile")
    assert extra.id is not None
    entries = [
        store.nominations.add(
            Nomination(category_id=extra.id, nominee=name, citation="Helped every family.")
        ).entry_id
        or 0
        for name in ("Łukasz Nowak", "Owen Marsh")
    ]
    store.decisions._record(extra.id, winners=[entries[0]])


@pytest.fixture
def decided(store: Store, round_path: Path) -> Path:
    _decide(store)
    store.close()
    return round_path


# Each output as the command line writes it: (name, file name, arguments after the round).
OUTPUTS: list[tuple[str, str, Callable[[Path, Path], list[str]]]] = [
    ("report", "report.pdf", lambda r, d: ["report", str(r), "-o", str(d), "--force"]),
    (
        "certificates",
        "certificates.pdf",
        lambda r, d: ["certificates", str(r), "-o", str(d), "--force"],
    ),
    (
        "export results",
        "results.csv",
        lambda r, d: ["export", "results", str(r), str(d), "--force"],
    ),
    (
        "export scoresheets",
        "sheets.xlsx",
        lambda r, d: ["export", "scoresheets", str(r), str(d), "--force"],
    ),
    ("export scores", "scores.csv", lambda r, d: ["export", "scores", str(r), str(d), "--force"]),
    (
        "template",
        "template.xlsx",
        lambda r, d: ["template", "nominations", str(r), str(d), "--force"],
    ),
    ("backup", "copy.csxawards", lambda r, d: ["backup", str(r), str(d), "--force"]),
]
NEW_ROUND = lambda _r, d: ["new", str(d), "--name", "Awards", "--admin-passphrase", "secret1"]  # noqa: E731


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial" in p.name)


def _assert_one_line_full(err: str) -> None:
    assert err.count("\n") == 1, err
    assert ONE_LINE_FULL in err and "needs about" in err and "MB" in err, err
    assert "Traceback" not in err


# ---- a patched os.write ----------------------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing or syncing any temporary output file fails as a full disk does."""
    real_write = os.write

    def write(fd: int, data: bytes) -> int:
        if ".partial" in str(Path(f"/proc/self/fd/{fd}").readlink()):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    real_fsync = files._fsync_path

    def fsync(path: Path) -> None:
        if ".partial" in path.name:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(path)

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(files, "_fsync_path", fsync)


@pytest.mark.parametrize(("name", "file_name", "args"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_each_output_on_a_full_disk_keeps_the_previous_file(
    decided: Path,
    tmp_path: Path,
    full_disk: None,
    capsys: pytest.CaptureFixture[str],
    name: str,
    file_name: str,
    args: Callable[[Path, Path], list[str]],
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dest = out / file_name
    dest.write_bytes(b"the previous file, which must survive")
    assert main(args(decided, dest)) == 1
    _assert_one_line_full(capsys.readouterr().err)
    assert dest.read_bytes() == b"the previous file, which must survive"
    assert _leftovers(out) == []


def test_a_new_round_on_a_full_disk_leaves_nothing(
    tmp_path: Path, full_disk: None, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "awards.csxawards"
    assert main(NEW_ROUND(dest, dest)) == 1
    _assert_one_line_full(capsys.readouterr().err)
    assert list(tmp_path.iterdir()) == []


def test_the_safety_copy_on_a_full_disk_stops_the_risky_operation(
    decided: Path, tmp_path: Path, full_disk: None, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "nominations.csv"
    source.write_text("Category,Nominee,Citation\nExtra Mile,Ruth Akintola,Kind.\n", "utf-8")
    before = decided.read_bytes()
    assert main(["import", "nominations", str(decided), str(source)]) == 1
    err = capsys.readouterr().err
    assert "safety copy" in err and "disk is full" in err and "Traceback" not in err
    assert decided.read_bytes() == before
    with Store.open(decided) as store:
        assert store.counts()["nominations"] == 2


# ---- a real, small disk -------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 4 MB tmpfs (skipped where the machine will not mount one)."""
    folder = tmp_path / "small"
    folder.mkdir()
    try:
        mounted = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
            capture_output=True,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        pytest.skip("cannot run mount here")
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root on Linux)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True, timeout=30)


def _fill(folder: Path) -> None:
    """Fill the disk to the last byte."""
    fd = os.open(folder / "ballast", os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for size in (1 << 20, 1 << 12, 1):
            while True:
                try:
                    os.write(fd, b"\0" * size)
                except OSError as error:
                    assert error.errno == errno.ENOSPC
                    break  # then smaller pieces, down to one byte
    finally:
        os.close(fd)


@pytest.mark.parametrize(("name", "file_name", "args"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_each_output_on_a_real_full_disk_keeps_the_previous_file(
    decided: Path,
    small_disk: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    file_name: str,
    args: Callable[[Path, Path], list[str]],
) -> None:
    dest = small_disk / file_name
    dest.write_bytes(b"the previous file, which must survive")
    _fill(small_disk)
    assert main(args(decided, dest)) == 1
    _assert_one_line_full(capsys.readouterr().err)
    assert dest.read_bytes() == b"the previous file, which must survive"
    assert _leftovers(small_disk) == []


def test_a_new_round_on_a_real_full_disk_leaves_nothing(
    small_disk: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _fill(small_disk)
    dest = small_disk / "awards.csxawards"
    assert main(NEW_ROUND(dest, dest)) == 1
    _assert_one_line_full(capsys.readouterr().err)
    assert sorted(p.name for p in small_disk.iterdir()) == ["ballast"]


def test_a_round_on_a_real_full_disk_refuses_changes_in_one_line_and_stays_whole(
    small_disk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = small_disk / "awards.csxawards"
    with Store.create(path, name="Awards", year=2026, admin_passphrase="secret1") as store:
        _decide(store)
    _fill(small_disk)
    capsys.readouterr()
    changes = [
        ["settings", str(path), "--min-judges", "3"],
        ["bodies", str(path), "--add", "Community Services"],
    ]
    for change in changes:
        assert main(change) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "disk is full" in err and "Traceback" not in err, err
    (small_disk / "ballast").unlink()
    with Store.open(path) as store:
        assert store.integrity() == "ok"
        assert store.round.settings().min_judges == 2
        assert "Community Services" not in store.round.nominating_bodies()


# ---- leftovers and --force ---------------------------------------------------------------------


def test_stale_temporaries_from_a_killed_run_are_removed_by_the_next(
    decided: Path, tmp_path: Path
) -> None:
    dest = tmp_path / "report.pdf"
    dead = tmp_path / ".report.pdf.999999999-0badf00d.partial"  # no such process
    legacy = tmp_path / ".report.pdf.partial"  # named as before this version
    alive = tmp_path / f".report.pdf.{os.getppid()}-feedf00d.partial"  # still being written
    other = tmp_path / ".results.csv.999999999-0badf00d.partial"  # another output's
    for path in (dead, legacy, alive, other):
        path.write_bytes(b"half a file")
    assert main(["report", str(decided), "-o", str(dest)]) == 0
    assert dest.read_bytes().startswith(b"%PDF")
    assert _leftovers(tmp_path) == sorted([alive.name, other.name])


@pytest.mark.parametrize(
    "args",
    [
        lambda r, d: ["report", str(r), "-o", str(d / "report.pdf")],
        lambda r, d: ["certificates", str(r), "-o", str(d / "report.pdf")],
        lambda r, d: ["export", "results", str(r), str(d / "report.csv")],
        lambda r, d: ["template", "nominations", str(r), str(d / "report.csv")],
        lambda r, d: ["backup", str(r), str(d / "report.pdf")],
    ],
    ids=["report", "certificates", "export", "template", "backup"],
)
def test_every_output_needs_force_to_replace_a_file(
    decided: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: Callable[[Path, Path], list[str]],
) -> None:
    for name in ("report.pdf", "report.csv"):
        (tmp_path / name).write_bytes(b"keep me")
    assert main(args(decided, tmp_path)) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert all((tmp_path / n).read_bytes() == b"keep me" for n in ("report.pdf", "report.csv"))
    assert main([*args(decided, tmp_path), "--force"]) == 0
