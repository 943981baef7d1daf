"""csx-admin pack, import pack and packs: files written whole, changes listed, one line for
bad input, and the round untouched by a refusal."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pack_helpers import BEN, NORA, Round, build_round, fill, round_bytes, scores_for
from pypdf import PdfReader

from csx_desktop.cli.main import main
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON


@pytest.fixture
def rnd(tmp_path: Path) -> Round:
    result = build_round(tmp_path / "awards.csxawards")
    yield result
    result.store.close()


def _file(rnd: Round) -> str:
    assert rnd.store.path is not None
    return str(rnd.store.path)


def test_pack_for_one_member(
    rnd: Round, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "nora.pdf"
    assert main(["pack", _file(rnd), "--member", "nora quinn", "-o", str(out)]) == 0
    assert f"Wrote {out} for Nora Quinn: 4 entries to score" in capsys.readouterr().out
    assert "csx_m" in "".join(PdfReader(out).get_fields() or {})
    assert not list(tmp_path.glob(".*partial"))  # written beside it and renamed into place


def test_pack_for_every_member_into_a_folder(
    rnd: Round, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "packs"
    assert main(["pack", _file(rnd), "--all", "-o", str(folder)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "Judging pack - Ben Castleton.pdf",
        "Judging pack - Nora Quinn.pdf",
    ]
    assert capsys.readouterr().out.count("Wrote ") == 2
    # Again without --force: refused, and nothing is recorded twice.
    assert main(["pack", _file(rnd), "--all", "-o", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "--force" in err
    assert main(["pack", _file(rnd), "--all", "-o", str(folder), "--force"]) == 0
    capsys.readouterr()
    assert main(["packs", _file(rnd), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [p["member"] for p in listed] == [BEN, NORA, BEN, NORA]


def test_return_by_and_send_to_go_on_the_cover(rnd: Round, tmp_path: Path) -> None:
    out = tmp_path / "nora.pdf"
    code = main(
        [
            "pack",
            _file(rnd),
            "--member",
            NORA,
            "-o",
            str(out),
            "--return-by",
            "2026-12-01",
            "--send-to",
            "Jo Bloggs (Room 4)",
        ]
    )
    assert code == 0
    cover = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Tuesday 1 December 2026" in cover and "Jo Bloggs (Room 4)" in cover
    main(["pack", _file(rnd), "--member", NORA, "-o", str(out), "--force", "--return-by", "none"])
    cover = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "before the judging day" in cover and "the awards administrator" in cover


def test_bad_arguments_get_one_line(
    rnd: Round, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file = _file(rnd)
    cases = [
        (["pack", file, "--member", "Nobody", "-o", str(tmp_path / "x.pdf")], "not on the panel"),
        (["pack", file, "--member", NORA, "-o", str(tmp_path / "x.txt")], "ending in .pdf"),
        (["pack", file, "--member", NORA, "-o", str(tmp_path / "no" / "x.pdf")], "does not exist"),
        (["import", "pack", file, str(tmp_path / "none.pdf")], "There is no file"),
        (["pack", str(tmp_path / "missing.csxawards"), "--all", "-o", str(tmp_path)], "no round"),
    ]
    for argv, words in cases:
        assert main(argv) == 1, argv
        err = capsys.readouterr().err
        assert words in err and err.count("\n") == 1, err
    with pytest.raises(SystemExit) as usage:
        main(["pack", file, "--member", NORA, "-o", "x.pdf", "--return-by", "next week"])
    assert usage.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["pack", file, "-o", "x.pdf"])  # --member or --all is needed


def test_import_pack_lists_the_changes_and_prefer_pack_decides_differing_sheets(
    rnd: Round, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pack = tmp_path / "nora.pdf"
    assert main(["pack", _file(rnd), "--member", NORA, "-o", str(pack)]) == 0
    nora, owen = rnd.members[NORA], rnd.entries["Owen Marsh"]
    first = rnd.criteria(EXTRA_MILE)[0]
    rnd.store.scores.set_score(nora, owen, first, 1)  # scored in the app meanwhile
    values = {
        **scores_for(rnd, NORA, "Owen Marsh", [4, 4, 4]),
        **scores_for(rnd, NORA, "Anita Sedgwick", [3, 2, 1]),
        rnd.done_field(NORA, PRIDE_OF_STOCKTON): "/Yes",
    }
    filled = fill(pack, tmp_path / "nora-back.pdf", values)
    capsys.readouterr()

    before = round_bytes(rnd.store)
    assert main(["import", "pack", _file(rnd), str(filled), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert round_bytes(rnd.store) == before
    assert "new: Pride of Stockton — Anita Sedgwick — Helped others: 3" in out
    assert "differs, would be left as in the app: Extra Mile — Owen Marsh" in out
    assert "Dry run: nothing was changed." in out

    assert main(["import", "pack", _file(rnd), str(filled)]) == 0
    out = capsys.readouterr().out
    assert "Took 3 scores from nora-back.pdf" in out
    assert "not submitted: Pride of Stockton is ticked as finished" in out
    assert "Łukasz Nowak (0 of 3 scored)" in out
    assert rnd.store.scores.sheet(nora, owen).scores[first] == 1

    assert main(["import", "pack", _file(rnd), str(filled), "--prefer-pack"]) == 0
    assert "changed: Extra Mile — Owen Marsh — Worked hard: 1 in the app, 4 in the pack" in (
        capsys.readouterr().out
    )
    assert rnd.store.scores.sheet(nora, owen).scores[first] == 4

    assert main(["packs", _file(rnd)]) == 0
    table = capsys.readouterr().out
    assert "nora.pdf" in table and "not yet" not in table


def test_a_refused_pack_leaves_the_round_byte_for_byte(
    rnd: Round, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = build_round(tmp_path / "other.csxawards", name="Last year's awards")
    try:
        pack = tmp_path / "other.pdf"
        assert other.store.path is not None
        assert main(["pack", str(other.store.path), "--member", NORA, "-o", str(pack)]) == 0
    finally:
        other.store.close()
    before = round_bytes(rnd.store)
    capsys.readouterr()
    assert main(["import", "pack", _file(rnd), str(pack)]) == 1
    err = capsys.readouterr().err
    assert "from another round (Last year's awards)" in err and err.count("\n") == 1
    assert round_bytes(rnd.store) == before


def test_packs_lists_nothing_before_any_pack(
    rnd: Round, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["packs", _file(rnd)]) == 0
    assert "No judging packs have been made" in capsys.readouterr().out
    assert main(["packs", _file(rnd), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_the_installed_command_knows_the_pack_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "csx_desktop.cli.main", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "pack" in result.stdout and "packs" in result.stdout
