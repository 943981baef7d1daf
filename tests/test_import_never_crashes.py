"""No import prints a traceback or a library warning, whatever the file.

Every file ``export_files`` builds (real exports' shapes, and files that only pretend to be
spreadsheets), and copies of each cut short or renamed, go through ``csx-admin import`` for
nominations, votes and the panel. Each either imports (exit 0) or is refused in words
(exit 1); nothing else reaches the person, and a refused import changes nothing.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import export_files as ef
import pytest

from csx_desktop.cli.main import main as cli
from csx_desktop.store import Store

KINDS = ("nominations", "votes", "panel")


@pytest.fixture
def closed_round(store: Store, round_path: Path) -> Path:
    store.close()
    return round_path


def _run(args: list[str], capfd: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a library's warning would reach the person
        code = cli(args)
    out, err = capfd.readouterr()
    return code, out + err


@pytest.mark.parametrize("name", sorted(ef.BUILDERS))
def test_every_import_reads_or_refuses_every_file_in_words(
    tmp_path: Path, closed_round: Path, capfd: pytest.CaptureFixture[str], name: str
) -> None:
    built = ef.BUILDERS[name](tmp_path)
    for kind in KINDS:
        code, said = _run(["import", kind, str(closed_round), str(built)], capfd)
        assert code in (0, 1), said
        assert "Traceback" not in said and "Error:" not in said, said
        assert said.strip(), f"{kind} of {built.name} said nothing"
    if name in ef.LARGE:
        return
    copies = tmp_path / "copies"
    copies.mkdir()
    for path in ef.cut_copies(built, copies) + ef.renamed_copies(built, copies):
        before = closed_round.read_bytes()
        code, said = _run(
            ["import", "nominations", str(closed_round), str(path), "--dry-run"], capfd
        )
        assert code in (0, 1), said
        assert "Traceback" not in said, said
        assert closed_round.read_bytes() == before  # a dry run, or a refusal, stores nothing
