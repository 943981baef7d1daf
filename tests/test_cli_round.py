"""csx-admin new / check / backup, --help and --version, and the exit statuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from csx_desktop import __version__
from csx_desktop.cli.main import main
from csx_desktop.store import Store


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("new", "check", "backup", "import"):
        assert command in out
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_new_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "awards.csxawards"
    new = ["new", str(path), "--name", "Customer Service Awards 2027", "--year", "2027"]
    assert main([*new, "--admin-passphrase", "choose-one"]) == 0
    assert "Created" in capsys.readouterr().out
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Customer Service Awards 2027 (2027)" in out
    assert "Integrity:          ok" in out
    assert "Schema version:" in out
    assert "Categories:" in out and "4" in out


def test_new_refuses_an_existing_file_and_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "awards.csxawards"
    assert main(["new", str(path), "--name", "One", "--admin-passphrase", "choose-one"]) == 0
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["new", str(path), "--name", "Two", "--admin-passphrase", "choose-one"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before


def test_new_refuses_a_wrong_suffix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", str(tmp_path / "awards.db"), "--name", "X"]) == 1
    assert ".csxawards" in capsys.readouterr().err
    assert not (tmp_path / "awards.db").exists()


def test_check_refuses_a_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.csxawards"
    path.write_text("not a database")
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "not an awards round file" in err and "Traceback" not in err
    assert path.read_text() == "not a database"


def test_backup_copies_a_round(tmp_path: Path, store: Store, round_path: Path) -> None:
    store.round.update_settings(min_judges=3)
    dest = tmp_path / "backup.csxawards"
    assert main(["backup", str(round_path), str(dest)]) == 0
    with Store.open(dest) as copy:
        assert copy.round.settings().min_judges == 3
    assert main(["backup", str(round_path), str(dest)]) == 1


def test_usage_error_exits_2() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["check"])
    assert exit_info.value.code == 2


def test_the_installed_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "csx_desktop.cli.main", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and __version__ in result.stdout
