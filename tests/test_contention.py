"""Two programs on one round file: a second writer delays a save, never loses it.

Writes take SQLite's write lock first (``BEGIN IMMEDIATE``) and wait for it. Two processes
saving scores as fast as they can for a few seconds: not one save fails. The command line
says in one line when the round stays busy. In the window, a save that cannot get the lock
is kept and shown as "Waiting for the round file…", then stored in order once the file is
free; and a member scoring while a 10,000-row import runs in another process sees no error
and loses nothing.
"""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination, PanelGroup
from csx_desktop.domain.rubric import EXTRA_MILE
from csx_desktop.store import Store, database
from csx_desktop.store.errors import RoundBusy
from csx_desktop.ui.main_window import MainWindow
from csx_desktop.ui.member_workspace import MemberWorkspace
from csx_desktop.ui.scoring_workspace import ScoringWorkspace
from csx_desktop.ui.session import WAITING_TEXT

PIN = "246810"
SECONDS = 3  # how long each process saves flat out

# Saves one member's scores as fast as it can for SECONDS, counting what went in and what
# failed; started by the test with the round, the member and the entries to score.
WRITER = textwrap.dedent(
    """
    import sys, time
    from csx_desktop.store import Store
    from csx_desktop.store.errors import CsxError

    path, member, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    entries = [int(e) for e in sys.argv[4].split(",")]
    store = Store.open(path)
    criteria = [c.id for c in store.round.category(
        store.nominations.entry(entries[0]).category_id).criteria]
    print("READY", flush=True)
    sys.stdin.readline()  # both start together
    saved = failed = 0
    last = {}
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        entry = entries[saved % len(entries)]
        criterion = criteria[saved % len(criteria)]
        score = saved % 6
        try:
            store.scores.set_score(member, entry, criterion, score)
        except CsxError as error:
            failed += 1
            print("FAILED", error, flush=True)
            continue
        except Exception as error:
            failed += 1
            print("CRASHED", type(error).__name__, error, flush=True)
            continue
        saved += 1
        last[(entry, criterion)] = score
    print("RESULT", saved, failed, flush=True)
    for (entry, criterion), score in sorted(last.items()):
        print("LAST", entry, criterion, score, flush=True)
    """
)

# Holds the round file's write lock until told to let go (a line on stdin).
LOCK_HOLDER = textwrap.dedent(
    """
    import sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("LOCKED", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
    print("RELEASED", flush=True)
    """
)


@pytest.fixture
def scored_round(store: Store, round_path: Path) -> tuple[dict[str, int], list[int]]:
    """Two members judging Extra Mile (interests answered) and six entries in it."""
    extra = store.round.category_named(EXTRA_MILE).id
    assert extra is not None
    members = {}
    for name, group in (
        ("Nora Quinn", PanelGroup.CSE_ASSESSOR),
        ("Ben Castleton", PanelGroup.CATALYST),
    ):
        member = store.panel.add_member(name, group, [extra], pin=PIN)
        assert member.id is not None
        store.panel.confirm_interests(member.id, extra)
        members[name] = member.id
    entries = [
        store.nominations.add(
            Nomination(category_id=extra, nominee=f"Nominee {n}", citation="Helped.")
        ).entry_id
        or 0
        for n in range(6)
    ]
    store.close()
    return members, entries


def _start(script: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _read_until(process: subprocess.Popen[str], word: str) -> None:
    assert process.stdout is not None
    line = process.stdout.readline()
    assert line.startswith(word), line + (process.stderr.read() if process.stderr else "")


def test_two_processes_saving_flat_out_lose_no_save(
    scored_round: tuple[dict[str, int], list[int]], round_path: Path, tmp_path: Path
) -> None:
    members, entries = scored_round
    script = tmp_path / "writer.py"
    script.write_text(WRITER, encoding="utf-8")
    writers = [
        _start(script, str(round_path), str(member), str(SECONDS), ",".join(map(str, entries)))
        for member in members.values()
    ]
    for writer in writers:
        _read_until(writer, "READY")
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outputs = [writer.communicate(timeout=120) for writer in writers]
    saved: list[int] = []
    last: dict[tuple[int, int, int], int] = {}
    for member, (out, err) in zip(members.values(), outputs, strict=True):
        lines = out.splitlines()
        assert not [line for line in lines if line.startswith(("FAILED", "CRASHED"))], out
        assert "Traceback" not in err, err
        result = next(line for line in lines if line.startswith("RESULT")).split()
        assert int(result[2]) == 0  # no failed save
        saved.append(int(result[1]))
        for line in lines:
            if line.startswith("LAST"):
                _, entry, criterion, score = line.split()
                last[(member, int(entry), int(criterion))] = int(score)
    assert all(count > 0 for count in saved)  # both wrote, neither was starved to nothing

    with Store.open(round_path) as store:
        audited = store.conn.execute("SELECT count(*) FROM audit WHERE action = 'score'").fetchone()
        assert audited[0] == sum(saved)  # every save, with its audit row
        stored = {
            (member, entry, criterion): score
            for member, entry, criterion, score in store.conn.execute(
                "SELECT member_id, entry_id, criterion_id, score FROM scores"
            )
        }
    assert stored == last


def test_the_command_line_says_in_one_line_that_the_round_is_busy(
    store: Store,
    round_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store.close()
    monkeypatch.setattr(database, "BUSY_TIMEOUT", 0.2)  # not 10 s in a test
    other = sqlite3.connect(round_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        code = main(["settings", str(round_path), "--min-judges", "3"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1 and "busy in another program" in err
    assert "Traceback" not in err
    with Store.open(round_path) as reopened:
        assert reopened.round.settings().min_judges == 2  # nothing half-done


def test_a_store_write_waits_for_the_lock_then_raises_round_busy(
    store: Store, round_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = sqlite3.connect(round_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(RoundBusy, match="busy in another program"), store.lock_wait(0.1):
            store.round.update_settings(min_judges=4)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert not store.conn.in_transaction
    store.round.update_settings(min_judges=4)  # free again: it goes in
    assert store.round.settings().min_judges == 4


# ---- the window ------------------------------------------------------------------------------


@pytest.fixture
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record any message box the window would show (there must be none)."""
    shown: list[str] = []

    def record(*args: object, **_kwargs: object) -> QMessageBox.StandardButton:
        shown.append(" | ".join(str(a) for a in args[1:3]))
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    yield shown


def _scoring(qtbot: QtBot, round_path: Path) -> tuple[MainWindow, ScoringWorkspace]:
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_round(round_path)
    window.show()
    people = window.sign_in.people
    people.setCurrentRow(
        next(i for i in range(people.count()) if people.item(i).text().startswith("Nora Quinn"))
    )
    window.sign_in.secret.setText(PIN)
    window.sign_in._sign_in()
    workspace = window.workspace
    assert isinstance(workspace, MemberWorkspace)
    return window, workspace.workspace(EXTRA_MILE)


def _stored_scores(round_path: Path, member: int) -> dict[tuple[int, int], int]:
    conn = sqlite3.connect(f"{round_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {
            (entry, criterion): score
            for entry, criterion, score in conn.execute(
                "SELECT entry_id, criterion_id, score FROM scores WHERE member_id = ?", [member]
            )
        }
    finally:
        conn.close()


def _type_scores(ws: ScoringWorkspace, entry_row: int, keys: str) -> dict[tuple[int, int], int]:
    """Type one digit per criterion of an entry; return what the member chose."""
    ws.entry_list.setCurrentIndex(ws.model.index(entry_row))
    entry = ws.model.rows()[entry_row].entry.id or 0
    chosen = {}
    for index, key in enumerate(keys):
        ws.focus_criterion(index)
        QTest.keyClicks(ws.rows[index], key)
        chosen[(entry, ws.rows[index].criterion.id or 0)] = int(key)
    return chosen


def test_a_save_that_cannot_get_the_lock_waits_and_goes_in_in_order(
    qtbot: QtBot,
    scored_round: tuple[dict[str, int], list[int]],
    round_path: Path,
    tmp_path: Path,
    no_message_boxes: list[str],
) -> None:
    members, _ = scored_round
    _, ws = _scoring(qtbot, round_path)
    script = tmp_path / "holder.py"
    script.write_text(LOCK_HOLDER, encoding="utf-8")
    holder = _start(script, str(round_path))
    try:
        _read_until(holder, "LOCKED")
        chosen = _type_scores(ws, 0, "43")
        # The same criterion again, to a value and back: the last one chosen must win.
        ws.focus_criterion(0)
        QTest.keyClicks(ws.rows[0], "5")
        QTest.keyClicks(ws.rows[0], "2")
        first = next(iter(chosen))
        chosen[first] = 2
        assert ws.session.is_waiting
        assert ws.saved_label.text() == WAITING_TEXT
        assert [row.value for row in ws.rows[:2]] == [2, 3]  # the keystrokes show, kept
        assert _stored_scores(round_path, members["Nora Quinn"]) == {}
        assert holder.stdin is not None
        holder.stdin.write("release\n")
        holder.stdin.flush()
        _read_until(holder, "RELEASED")
    finally:
        holder.kill() if holder.poll() is None else None
        holder.communicate(timeout=30)
    qtbot.waitUntil(lambda: not ws.session.is_waiting, timeout=15_000)
    assert _stored_scores(round_path, members["Nora Quinn"]) == chosen
    assert ws.saved_label.text().startswith("Saved ✓")
    assert no_message_boxes == []


def _nominations_csv(path: Path, rows: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["Category", "Nominee", "Service", "Nominator's name", "Citation", "Reference"]
        )
        for number in range(rows):
            writer.writerow(
                [
                    "Pride of Stockton",
                    f"Import Nominee {number % 2500}",
                    "Libraries",
                    "A colleague",
                    "They went out of their way for a family in crisis. " * 3,
                    f"R{number}",
                ]
            )


@pytest.mark.slow
def test_a_member_scores_while_a_10000_row_import_runs_in_another_process(
    qtbot: QtBot,
    scored_round: tuple[dict[str, int], list[int]],
    round_path: Path,
    tmp_path: Path,
    no_message_boxes: list[str],
) -> None:
    members, _ = scored_round
    _, ws = _scoring(qtbot, round_path)
    export = tmp_path / "nominations.csv"
    _nominations_csv(export, 10_000)
    importer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "csx_desktop.cli.main",
            "import",
            "nominations",
            str(round_path),
            str(export),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    chosen: dict[tuple[int, int], int] = {}
    # Score at a person's pace (a key every 40 ms) while the import reads and stores its
    # rows, and a little after (90 keys at most, to keep the test short).
    typed = 0
    while (importer.poll() is None or typed < 15) and typed < 90:
        row = (typed // len(ws.rows)) % ws.model.rowCount()
        index = typed % len(ws.rows)
        if index == 0:
            ws.entry_list.setCurrentIndex(ws.model.index(row))
        entry = ws.model.rows()[row].entry.id or 0
        ws.focus_criterion(index)
        key = str((typed // 15 + index) % 6)
        QTest.keyClicks(ws.rows[index], key)
        chosen[(entry, ws.rows[index].criterion.id or 0)] = int(key)
        typed += 1
        QApplication.processEvents()
        time.sleep(0.04)
    _out, err = importer.communicate(timeout=120)
    assert importer.returncode == 0, err
    assert "Traceback" not in err
    qtbot.waitUntil(lambda: not ws.session.is_waiting, timeout=15_000)
    assert _stored_scores(round_path, members["Nora Quinn"]) == chosen
    assert no_message_boxes == []
    with Store.open(round_path) as store:
        assert store.counts()["nominations"] == 10_000 + 6
