"""csx-admin's progress line: drawn over itself on a terminal, and absent from a pipe or log
(so scripts and the tests read exactly the lines they did)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from csx_desktop.cli.common import TerminalProgress
from csx_desktop.cli.main import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import import_nominations as bench


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_line_is_redrawn_then_cleared() -> None:
    stream = _Terminal()
    progress = TerminalProgress("Checking row", stream)
    progress(500, 10_000)
    progress(10_000, 10_000)
    progress.end()
    assert stream.getvalue() == (
        "\rChecking row 500 of 10,000…\rChecking row 10,000 of 10,000…\r\x1b[K"
    )


def test_in_a_pipe_nothing_is_written() -> None:
    stream = io.StringIO()
    progress = TerminalProgress("Checking row", stream)
    progress(500, 10_000)
    progress.end()
    assert stream.getvalue() == ""


def test_an_import_on_a_terminal_shows_its_progress_on_stderr_only(
    store: object,
    round_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    export = tmp_path / "export.xlsx"
    bench.build_export(export, 3_000)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["import", "nominations", str(round_path), str(export)]) == 0
    assert "Checking row 1,500 of 3,000…" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\x1b[K")
    assert "Checking row" not in capsys.readouterr().out
