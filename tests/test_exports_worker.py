"""Issue 12: an export in two steps, so the window can write it on a worker.

``operations.results.prepare_export`` (and ``prepare_scores_export``) checks who may have it
and reads the rows, on the window's thread; ``ExportToWrite.write`` needs no round file, says
how far it is through ``progress(done, total, words)``, stops when ``progress`` raises, and
puts the file in place only once whole: a stopped export leaves no file, no temporary and an
existing file as it was. The one-call functions ``csx-admin export`` uses are the two steps in
turn, and on a terminal it shows a progress line on stderr (nothing in a pipe).
"""

from __future__ import annotations

import csv
import io
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination
from csx_desktop.io.exports import STEPS, write_table
from csx_desktop.operations import results as ops
from csx_desktop.operations.judging import submit_category
from csx_desktop.operations.results import ADMINISTRATOR, ResultsWithheld
from csx_desktop.store import InputRefused, NotFound, Store

HEADERS = ["Entry", "Member", "Score", "Comment"]


def _rows(count: int) -> list[list[Any]]:
    return [[f"Nominee {i:05d}", "Nora Quinn", i % 6, "=1+1" if i % 7 == 0 else "Kind."] for i in range(count)]  # fmt: skip


class Stop(Exception):
    """What the window's Cancel raises from ``progress``."""


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".partial" in p.name)


@pytest.fixture
def scored(store: Store, panel_ids: dict[str, int]) -> dict[str, int]:
    """Two entries in Pride of Stockton and Extra Mile, each scored in full by every member;
    a comment that a spreadsheet would run as a formula."""
    found = dict(panel_ids)
    for category in ("Pride of Stockton", "Extra Mile"):
        category_id = store.round.category_named(category).id
        assert category_id is not None
        found[category] = category_id
        for nominee in (f"{category} first", f"{category} second"):
            added = store.nominations.add(Nomination(category_id, nominee, "A citation."))
            assert added.entry_id is not None
            for member in panel_ids.values():
                for n, criterion in enumerate(store.round.category(category_id).criteria):
                    assert criterion.id is not None
                    store.scores.set_score(member, added.entry_id, criterion.id, (member + n) % 6)
            store.scores.set_comment(member, added.entry_id, "=HYPERLINK(1)")
    return found


# ---- writing: progress, stopping, whole or not at all ---------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_write_reports_about_a_hundred_steps_in_order_then_saving(
    tmp_path: Path, suffix: str
) -> None:
    rows = _rows(5_000)
    reports: list[tuple[int, int, str]] = []
    path = write_table(
        tmp_path / f"out{suffix}",
        HEADERS,
        rows,
        title="Scoresheets",
        progress=lambda done, total, words: reports.append((done, total, words)),
    )
    assert STEPS <= len(reports) <= STEPS + 2
    done = [r[0] for r in reports]
    assert done == sorted(done) and done[0] == 0 and done[-1] == 5_000
    assert {r[1] for r in reports} == {5_000}
    assert reports[1][2] == "Writing row 50 of 5,000…"
    assert reports[-1][2] == "Saving the file…"
    # The same file as without progress: every row, neutralised.
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            read = list(csv.reader(handle))
        assert read[0] == HEADERS and len(read) == 5_001
        assert read[8] == ["Nominee 00007", "Nora Quinn", "1", "'=1+1"]
    else:
        sheet = load_workbook(path).active
        assert sheet.title == "Scoresheets" and sheet.freeze_panes == "A2"
        assert [c.value for c in sheet[1]] == HEADERS and sheet["A1"].font.b
        assert sheet.max_row == 5_001
        assert [c.value for c in sheet[9]] == ["Nominee 00007", "Nora Quinn", 1, "'=1+1"]
        assert sheet["D9"].data_type == "s"
        assert sheet.column_dimensions["A"].width == len("Nominee 00007") + 2


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_stopped_write_leaves_no_file_and_an_existing_one_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    own_temp = tmp_path / "system-temp"  # where openpyxl keeps its rows while it writes
    own_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(own_temp))
    out = tmp_path / "out"
    out.mkdir()

    def stop_half_way(done: int, total: int, words: str) -> None:
        if done >= total // 2:
            raise Stop

    for existing in (None, b"the previous export, which must survive"):
        dest = out / f"sheets{suffix}"
        if existing is not None:
            dest.write_bytes(existing)
        with pytest.raises(Stop):
            write_table(dest, HEADERS, _rows(3_000), title="x", progress=stop_half_way)
        assert (dest.read_bytes() if dest.exists() else None) == existing
        assert _leftovers(out) == [] and list(own_temp.iterdir()) == []
    # Stopped at the very last moment (after "Saving"): still nothing new.
    calls: list[str] = []

    def stop_when_saving(done: int, total: int, words: str) -> None:
        calls.append(words)
        if words.startswith("Saving"):
            raise Stop

    with pytest.raises(Stop):
        write_table(out / f"late{suffix}", HEADERS, _rows(10), title="x", progress=stop_when_saving)
    assert not (out / f"late{suffix}").exists() and _leftovers(out) == []
    assert calls[-1] == "Saving the file…"


# ---- the two steps: the rule in the first, no round in the second ---------------------------


def test_the_write_needs_no_round_and_holds_what_the_one_call_export_holds(
    store: Store, scored: dict[str, int], tmp_path: Path
) -> None:
    one_call = {
        what: ops.export(store, viewer=ADMINISTRATOR, what=what, path=tmp_path / f"{what}1.csv")
        for what in ("results", "scoresheets")
    }
    one_call["scores"] = ops.export_scores(
        store, viewer=ADMINISTRATOR, path=tmp_path / "scores1.csv"
    )
    prepared = {
        what: ops.prepare_export(store, viewer=ADMINISTRATOR, what=what)
        for what in ("results", "scoresheets")
    }
    prepared["scores"] = ops.prepare_scores_export(store, viewer=ADMINISTRATOR)
    store.close()  # the write step reads nothing from the round
    for what, to_write in prepared.items():
        written = to_write.write(path=tmp_path / f"{what}2.csv")
        assert written.amount == one_call[what].amount > 0
        assert written.categories == one_call[what].categories
        first = (tmp_path / f"{what}1.csv").read_bytes()
        assert (tmp_path / f"{what}2.csv").read_bytes() == first
    assert b"'=HYPERLINK(1)" in (tmp_path / "scoresheets2.csv").read_bytes()


def test_the_access_rule_is_checked_when_the_export_is_prepared(
    store: Store, scored: dict[str, int], tmp_path: Path
) -> None:
    chair = scored["Priya Shah"]  # the panel_ids fixture's chair
    assert store.panel.member(chair).is_chair
    nora = scored["Nora Quinn"]
    for what in ("results", "scoresheets"):
        with pytest.raises(ResultsWithheld, match="submit your own scores") as refused:
            ops.prepare_export(store, viewer=chair, what=what)
        assert "\n" not in str(refused.value)
        with pytest.raises(ResultsWithheld, match="for the chair and the administrator"):
            ops.prepare_export(store, viewer=nora, what=what)
    with pytest.raises(ResultsWithheld, match="Only the administrator"):
        ops.prepare_scores_export(store, viewer=chair)
    with pytest.raises(NotFound, match="nothing called 'votes'"):
        ops.prepare_export(store, viewer=ADMINISTRATOR, what="votes")
    # Once she has submitted Pride of Stockton, hers holds that category and says so.
    submit_category(store, member_id=chair, category_id=scored["Pride of Stockton"])
    to_write = ops.prepare_export(store, viewer=chair, what="scoresheets")
    assert to_write.categories == ("Pride of Stockton",)
    assert "Extra Mile" in to_write.left_out
    written = to_write.write(path=tmp_path / "hers.csv")
    text = (tmp_path / "hers.csv").read_text(encoding="utf-8-sig")
    assert "Pride of Stockton first" in text and "Extra Mile" not in text
    assert written.amount == 2 * 3  # two entries, three members
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".csv", ".xlsx", ".partial")][1:]


def test_a_wrong_name_or_existing_file_is_refused_before_anything_is_shaped(
    tmp_path: Path,
) -> None:
    shaped: list[object] = []

    def shape(source: object) -> tuple[list[str], list[list[Any]]]:
        shaped.append(source)
        return HEADERS, _rows(3)

    to_write = ops.ExportToWrite("Scoresheets", [], shape, ("Extra Mile",))
    existing = tmp_path / "there.xlsx"
    existing.write_bytes(b"keep")
    with pytest.raises(InputRefused, match="already exists"):
        to_write.write(path=existing, overwrite=False)
    with pytest.raises(InputRefused, match=r"\.csv or \.xlsx"):
        to_write.write(path=tmp_path / "sheets.pdf")
    with pytest.raises(InputRefused, match="does not exist"):
        to_write.write(path=tmp_path / "missing" / "sheets.csv")
    assert shaped == [] and existing.read_bytes() == b"keep"
    assert to_write.write(path=tmp_path / "made.csv").amount == 3 and len(shaped) == 1


# ---- the command line: a progress line on a terminal only ---------------------------------


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("what", ["results", "scoresheets", "scores"])
def test_csx_admin_export_shows_progress_on_a_terminal_only(
    store: Store,
    scored: dict[str, int],
    round_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    what: str,
) -> None:
    store.close()
    terminal = _Terminal()
    out = tmp_path / f"{what}.csv"
    with monkeypatch.context() as patch:
        patch.setattr(sys, "stderr", terminal)
        assert main(["export", what, str(round_path), str(out)]) == 0
    shown = terminal.getvalue()
    assert shown.startswith("\rWriting row 0 of ") and shown.endswith("\r\x1b[K")
    printed = capsys.readouterr().out
    assert "Writing row" not in printed and printed.startswith("Wrote ")
    # In a pipe (the tests' own stderr), nothing but what it always printed.
    assert main(["export", what, str(round_path), str(out), "--force"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out.startswith("Wrote ")
