"""csx-admin bodies / import votes / add-paper-votes / votes / erase-voters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination
from csx_desktop.domain.votes import NO_VOTER, NOT_ON_SHORTLIST
from csx_desktop.operations.decisions import record_decision
from csx_desktop.operations.results import ADMINISTRATOR
from csx_desktop.store import Store


@pytest.fixture
def round_file(round_path: Path) -> Path:
    with Store.create(round_path, name="Customer Service Awards 2026", year=2026) as store:
        category_id = store.ballots.category().id or 0
        for nominee, body in (
            ("Grace Etherington", "Adults, Health and Wellbeing"),
            ("Aaron Bulmer", "Children's Services"),
        ):
            store.nominations.add(
                Nomination(category_id, nominee, "A citation.", nominating_body=body)
            )
    return round_path


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "Shining Star vote.csv"
    path.write_text(
        "Timestamp,Email address,Who gets your Shining Star vote?\n"
        "01/04/2026 10:00:00,jo@x.uk,Grace Etherington\n"
        "01/04/2026 11:00:00,JO@x.uk,aaron bulmer\n"
        "01/04/2026 11:30:00,anonymous,Aaron Bulmer\n"
        "01/04/2026 12:00:00,kim@x.uk,Zara Nobody\n"
        "01/04/2026 12:30:00,lee@x.uk,Grace  Etherington\n",
        encoding="utf-8",
    )
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_bodies_lists_adds_and_removes(
    round_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "bodies", str(round_file), "--format", "json")
    assert code == 0
    assert json.loads(out)[-1] == "Xentrall Shared Services"
    code, out, _ = run(
        capsys,
        "bodies",
        str(round_file),
        "--add",
        "Public Health",
        "--remove",
        "corporate services",
        "--format",
        "json",
    )
    assert code == 0
    bodies = json.loads(out)
    assert "Public Health" in bodies and "Corporate Services" not in bodies
    code, out, _ = run(capsys, "bodies", str(round_file))
    assert "Children's Services" in out and "Aaron Bulmer" in out
    assert "(not nominated yet)" in out


def test_a_refused_body_change_changes_nothing(
    round_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "bodies", str(round_file), "--add", "Public Health", "--remove", "Nowhere"
    )
    assert code == 1
    assert err.startswith("csx-admin: Nowhere is not a nominating body")
    assert len(err.strip().splitlines()) == 1
    _, out, _ = run(capsys, "bodies", str(round_file), "--format", "json")
    assert "Public Health" not in json.loads(out)  # the --add was not kept either


def test_import_votes_then_votes_json_has_the_issue_shape(
    round_file: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "import", "votes", str(round_file), str(export))
    assert code == 0
    assert "Imported 5 new ballots" in out and "2 counted, 1 superseded, 2 invalid" in out
    code, out, _ = run(capsys, "import", "votes", str(round_file), str(export))
    assert "Imported 0 new ballots" in out and "5 already imported before" in out
    assert run(capsys, "add-paper-votes", str(round_file), "--nominee", "Aaron Bulmer",
               "--count", "2", "--counted-by", "Kath Reed")[0] == 0  # fmt: skip
    code, out, _ = run(capsys, "votes", str(round_file), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data == {
        "candidates": [
            {
                "entry_id": data["candidates"][0]["entry_id"],
                "nominee": "Aaron Bulmer",
                "nominating_body": "Children's Services",
                "votes": 3,
                "paper_votes": 2,
            },
            {
                "entry_id": data["candidates"][1]["entry_id"],
                "nominee": "Grace Etherington",
                "nominating_body": "Adults, Health and Wellbeing",
                "votes": 1,
                "paper_votes": 0,
            },
        ],
        "valid": 2,
        "superseded": 1,
        "invalid": 2,
        "invalid_by_reason": {NO_VOTER: 1, NOT_ON_SHORTLIST: 1},
        "tied": False,
        "leaders": ["Aaron Bulmer"],
    }
    code, out, _ = run(capsys, "votes", str(round_file))
    assert "Leading: Aaron Bulmer." in out
    assert f"invalid, {NOT_ON_SHORTLIST}: 1" in out


def test_a_tie_is_flagged_in_the_table(
    round_file: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "import", "votes", str(round_file), str(export))
    _, out, _ = run(capsys, "votes", str(round_file))
    assert "TIE: Aaron Bulmer and Grace Etherington have 1 vote each" in out


def test_import_votes_with_map_and_skip_invalid(
    round_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(
        "Who,Backing,At\n"
        "a@x.uk,Grace Etherington,2026-04-01T10:00\n"
        "b@x.uk,Aaron Bulmer,not a time\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "import", "votes", str(round_file), str(path))
    assert code == 1 and "no column says who each person voted for" in err
    args = ["import", "votes", str(round_file), str(path), "--map", "voter=Who",
            "--map", "choice=Backing", "--map", "cast_at=At"]  # fmt: skip
    code, _, err = run(capsys, *args)
    assert code == 1
    assert "1 row cannot be read" in err and "row 3, At" in err
    code, out, _ = run(capsys, *args, "--skip-invalid")
    assert code == 0 and "Imported 1 new ballot " in out and "skipped row 3, At" in out


def test_a_malformed_map_is_a_usage_error(
    round_file: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import", "votes", str(round_file), str(export), "--map", "colour=Email"])
    assert exit_info.value.code == 2
    assert "not a field" in capsys.readouterr().err


def test_erase_voters_after_the_decision(
    round_file: Path, export: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "import", "votes", str(round_file), str(export))
    code, _, err = run(capsys, "erase-voters", str(round_file))
    assert code == 1 and "Record the Shining Star decision first" in err
    with Store.open(round_file) as store:
        grace = next(c for c in store.ballots.shortlist() if c.nominee == "Grace Etherington")
        record_decision(
            store,
            viewer=ADMINISTRATOR,
            category_id=store.ballots.category().id or 0,
            winners=[grace.entry_id],
            reason="Tie drawn by lot.",
        )
    code, out, _ = run(capsys, "erase-voters", str(round_file))
    assert code == 0 and "from 5 ballot(s)" in out
    _, out, _ = run(capsys, "votes", str(round_file))
    assert "Winner (decision recorded): Grace Etherington." in out


def test_paper_votes_for_someone_not_on_the_shortlist_are_refused(
    round_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "add-paper-votes", str(round_file), "--nominee", "Zara Nobody", "--count", "3",
        "--counted-by", "Kath",
    )  # fmt: skip
    assert code == 1 and "Zara Nobody" in err
