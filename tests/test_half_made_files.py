"""Half-made and read-only round files: refused untouched, or opened for viewing, in one line.

``new`` builds the round beside its destination and renames it into place when complete, so
a kill part-way leaves nothing there (its temporary is removed by the next run). A file that
carries CSX Desktop's application id but holds no complete round (an older ``new`` killed
before the round was written, another program's database) is refused, byte for byte
unchanged: by the store, by ``check`` in one line, by the window, and by ``--smoke``, which
exits at once. A round on read-only media opens for viewing with one line saying so, in the
command line and on the window's sign-in screen.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination
from csx_desktop.store import RoundFileError, Store, database
from csx_desktop.store.database import APPLICATION_ID
from csx_desktop.store.errors import HalfMadeRound, ReadOnlyRound
from csx_desktop.store.migrations import migration_set
from csx_desktop.ui.main_window import MainWindow

NOT_COMPLETE = "is not a complete awards round"


def _interrupted_new(path: Path) -> Path:
    """What an older ``csx-admin new`` left when killed after the schema, before the round."""
    from sqlite_utils import Database

    db = Database(path, execute_plugins=False)
    migration_set().apply(db)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.close()
    return path


def _foreign_with_our_mark(path: Path) -> Path:
    """Another program's database that happens to carry our application id."""
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('remember the milk')")
    conn.commit()
    conn.close()
    return path


HALF_MADE = {"an interrupted new": _interrupted_new, "a foreign file": _foreign_with_our_mark}


@pytest.fixture(params=HALF_MADE.values(), ids=HALF_MADE.keys())
def half_made(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return request.param(tmp_path / "awards.csxawards")  # type: ignore[no-any-return]


def test_the_store_refuses_a_half_made_file_and_leaves_it_byte_identical(half_made: Path) -> None:
    before = half_made.read_bytes()
    with pytest.raises(HalfMadeRound, match=NOT_COMPLETE):
        Store.open(half_made)
    assert half_made.read_bytes() == before
    assert sorted(p.name for p in half_made.parent.iterdir()) == [half_made.name]


def test_check_says_so_in_one_line(half_made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = half_made.read_bytes()
    assert main(["check", str(half_made)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and NOT_COMPLETE in err
    assert "Traceback" not in err and "TypeError" not in err
    assert half_made.read_bytes() == before


def test_the_window_refuses_it_with_a_message(qtbot: QtBot, half_made: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert not window.open_round(half_made, show_errors=False)
    assert NOT_COMPLETE in str(window.last_error)


def _smoke(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CSX_DESKTOP_HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
    }
    return subprocess.run(
        [sys.executable, "-m", "csx_desktop", "--smoke", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_smoke_on_a_half_made_file_exits_at_once_with_one_line(
    half_made: Path, csx_home: Path
) -> None:
    result = _smoke(csx_home, str(half_made))
    assert result.returncode == 1
    assert NOT_COMPLETE in result.stderr and "Traceback" not in result.stderr


def test_smoke_on_a_half_made_demo_exits_at_once_with_one_line(csx_home: Path) -> None:
    _interrupted_new(csx_home / "demo.csxawards")
    result = _smoke(csx_home)
    assert result.returncode == 1
    assert NOT_COMPLETE in result.stderr and "Traceback" not in result.stderr


# ---- new is atomic -----------------------------------------------------------------------------

KILLED_NEW = textwrap.dedent(
    """
    import os, signal, sys
    from csx_desktop.store import rounds
    from csx_desktop.cli.main import main

    def killed(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGKILL)  # the power goes while the round is written

    rounds.RoundRepository.initialise = killed
    main(["new", sys.argv[1], "--name", "Awards", "--admin-passphrase", "secret1"])
    """
)


def test_a_new_killed_part_way_leaves_nothing_and_the_next_new_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dest = tmp_path / "awards.csxawards"
    script = tmp_path / "killed_new.py"
    script.write_text(KILLED_NEW, encoding="utf-8")
    killed = subprocess.run([sys.executable, str(script), str(dest)], capture_output=True)
    assert killed.returncode == -9
    assert not dest.exists()
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".awards")]
    assert leftovers  # the killed run's temporary, hidden beside the destination

    assert main(["new", str(dest), "--name", "Awards", "--admin-passphrase", "secret1"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["awards.csxawards", "killed_new.py"]
    assert main(["check", str(dest)]) == 0
    assert "Awards (" in capsys.readouterr().out


def test_a_refused_new_leaves_nothing(tmp_path: Path) -> None:
    dest = tmp_path / "awards.csxawards"
    with pytest.raises(Exception, match="plausible year"):
        Store.create(dest, name="Awards", year=1850, admin_passphrase="secret1")
    assert list(tmp_path.iterdir()) == []


# ---- read-only media ---------------------------------------------------------------------------


@pytest.fixture
def decided_round(store: Store, round_path: Path) -> Path:
    extra = store.round.category_named("Extra Mile").id
    assert extra is not None
    entry = store.nominations.add(
        Nomination(category_id=extra, nominee="Owen Marsh", citation="Kind.")
    ).entry_id
    store.decisions._record(extra, winners=[entry or 0])
    store.close()
    return round_path


@pytest.fixture
def read_only_round(decided_round: Path, tmp_path: Path) -> Iterator[Path]:
    """The round on a read-only mount where the machine allows one; elsewhere a round this
    user may not write (the same path through the store)."""
    media = tmp_path / "media"
    media.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(media)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount read-only media here (needs root on Linux)")
    try:
        copy = media / decided_round.name
        copy.write_bytes(decided_round.read_bytes())
        subprocess.run(["mount", "-o", "remount,ro", str(media)], check=True)
        yield copy
    finally:
        subprocess.run(["umount", "-l", str(media)], capture_output=True)


@pytest.fixture
def unwritable_round(decided_round: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A round this user may not write (permissions do not bind root, so this is patched)."""
    monkeypatch.setattr(database, "_writable", lambda _path: False)
    return decided_round


@pytest.fixture(params=["read-only media", "no permission to write"])
def viewing_only(request: pytest.FixtureRequest) -> Path:
    name = "read_only_round" if request.param == "read-only media" else "unwritable_round"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


def test_a_read_only_round_opens_for_viewing(viewing_only: Path) -> None:
    before = viewing_only.read_bytes()
    with Store.open(viewing_only) as store:
        assert store.read_only and "open for viewing only" in store.read_only_note
        assert store.round.settings().name == "Customer Service Awards 2026"
        assert [e.nominee for e in store.nominations.entries()] == ["Owen Marsh"]
        with pytest.raises(ReadOnlyRound, match="viewing only"):
            store.round.update_settings(min_judges=3)
        assert store.safety_backup("anything") is None
    assert viewing_only.read_bytes() == before


def test_the_command_line_says_so_in_one_line(
    viewing_only: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(viewing_only)]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and "open for viewing only" in captured.err
    assert "viewing only" in captured.out
    assert main(["settings", str(viewing_only), "--min-judges", "3"]) == 1
    err = capsys.readouterr().err
    assert "nothing was changed" in err and "Traceback" not in err


def test_the_window_shows_it_on_the_sign_in_screen_and_members_can_read(
    qtbot: QtBot, viewing_only: Path
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_round(viewing_only, show_errors=False), window.last_error
    window.show()
    assert window.sign_in.note.isVisible()
    assert "open for viewing only" in window.sign_in.note.text()
    window.sign_in.people.setCurrentRow(0)
    window.sign_in.secret.setText("wrong-one")
    window.sign_in._sign_in()  # a wrong try is kept in memory: nothing can be written
    assert "not right" in window.sign_in.message.text()
    window.sign_in.secret.setText("secret1")
    window.sign_in._sign_in()
    assert window.session is not None and window.session.person.is_administrator


def test_a_round_needing_an_update_on_read_only_media_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlite_utils import Database

    path = tmp_path / "old.csxawards"
    db = Database(path, execute_plugins=False)
    migration_set().apply(db, stop_before="m002_sheet_sums")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("INSERT INTO round_settings VALUES ('name', '\"Old\"'), ('year', '2025')")
    db.conn.commit()
    db.close()
    monkeypatch.setattr(database, "_writable", lambda _path: False)
    before = path.read_bytes()
    with pytest.raises(RoundFileError, match="Copy it to a folder you can write to"):
        Store.open(path)
    assert path.read_bytes() == before
