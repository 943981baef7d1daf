"""csx-admin import panel / interests / scores, export scores, rubric and set-pin."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from csx_desktop.cli.main import main
from csx_desktop.domain.model import InterestKind, Nomination, PanelGroup
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON
from csx_desktop.io.panel_import import import_scores
from csx_desktop.io.row_errors import RowError, RowsRefused
from csx_desktop.store import Store


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture
def judged(store: Store, panel_ids: dict[str, int], round_path: Path) -> Path:
    """The panel of conftest, two Extra Mile entries and one Pride of Stockton entry; closed."""
    extra = store.round.category_named(EXTRA_MILE).id
    pride = store.round.category_named(PRIDE_OF_STOCKTON).id
    assert extra is not None and pride is not None
    for category_id, nominee in (
        (extra, "Owen Marsh"),
        (extra, "Zoë O'Neill"),
        (pride, "Ivy Grainger"),
    ):
        store.nominations.add(
            Nomination(category_id=category_id, nominee=nominee, citation="Kind.")
        )
    owen = store.nominations.entry_named(extra, "Owen Marsh").id
    assert owen is not None
    store.panel.declare_interest(
        panel_ids["Ben Castleton"], owen, InterestKind.PERSONAL, "neighbour"
    )
    store.close()
    return round_path


SCORE_HEADER = ["member", "category", "nominee", "criterion", "score", "comment"]


def test_panel_import_adds_members_and_a_second_import_changes_nothing(
    round_path: Path, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    source = _write(
        tmp_path / "panel.csv",
        [
            ["Name", "Group", "Categories", "PIN", "Chair"],
            ["Margaret Teesdale", "Catalyst voice forum", "all", "111111", ""],
            ["Imran Chaudhry", "CSE assessor", "Extra Mile; team", "", "no"],
            ["Sandra Pounder", "council officer", "Pride of Stockton", "777777", "yes"],
        ],
    )
    assert main(["import", "panel", str(round_path), str(source)]) == 0
    assert "3 added" in capsys.readouterr().out
    with Store.open(round_path) as store:
        members = {m.name: m for m in store.panel.members()}
        assert members["Margaret Teesdale"].group is PanelGroup.CATALYST
        assert len(members["Margaret Teesdale"].category_ids) == 3
        assert len(members["Imran Chaudhry"].category_ids) == 2
        assert not members["Imran Chaudhry"].has_pin
        assert members["Sandra Pounder"].is_chair
        assert store.panel.verify_pin(members["Sandra Pounder"].id or 0, "777777")
        audit_rows = len(store.audit_log(10_000))
    assert main(["import", "panel", str(round_path), str(source)]) == 0
    assert "0 added, 0 changed, 3 unchanged" in capsys.readouterr().out
    with Store.open(round_path) as store:
        assert len(store.audit_log(10_000)) == audit_rows


def test_panel_import_reports_each_bad_row_and_changes_nothing(
    round_path: Path, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    source = _write(
        tmp_path / "panel.csv",
        [
            ["name", "group", "categories", "pin"],
            ["Margaret Teesdale", "Catalyst", "all", "12"],
            ["", "officer", "all", ""],
            ["Aisha Karim", "mayor", "Shining Star; Best Cake", ""],
            ["margaret  teesdale", "officer", "all", ""],
        ],
    )
    before = round_path.read_bytes()
    assert main(["import", "panel", str(round_path), str(source)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "csx-admin: panel.csv: row 2, pin: a PIN is 6 to 8 digits (0 to 9)",
        "csx-admin: panel.csv: row 3, name: is empty; every member needs a name",
        "csx-admin: panel.csv: row 4, group: 'mayor' is not a panel group: use Catalyst voice "
        "forum, CSE assessor or council officer",
        "csx-admin: panel.csv: row 4, categories: Shining Star is decided by staff vote, not by "
        "the panel",
        "csx-admin: panel.csv: row 4, categories: there is no category called 'Best Cake' "
        "(Pride of Stockton, Extra Mile, Team)",
        "csx-admin: panel.csv: row 5, name: margaret teesdale is already on row 2",
        "csx-admin: panel.csv: 4 rows have problems, so nothing was imported. Correct the file "
        "and import it again (or import only the valid rows).",
        "csx-admin: to import only the valid rows, add --skip-invalid.",
    ]
    assert round_path.read_bytes() == before


def test_a_file_without_the_columns_is_refused_in_one_line(
    round_path: Path, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    source = _write(tmp_path / "people.csv", [["who", "where"], ["Nora", "Stockton"]])
    assert main(["import", "panel", str(round_path), str(source)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no 'name', 'group', 'categories' column" in err


def test_interest_import_records_kind_and_note(
    judged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(
        tmp_path / "interests.csv",
        [
            ["member", "category", "nominee", "kind", "note"],
            ["Nora Quinn", "extra mile", "zoe o'neill", "pecuniary", ""],
            ["Priya Shah", "Extra Mile", "Zoë O’Neill", "Prejudicial", "line manager"],
        ],
    )
    # "zoe" is not "zoë": accents are kept when names are compared.
    assert main(["import", "interests", str(judged), str(source)]) == 1
    assert (
        'row 2, nominee: there is no entry for "zoe o\'neill" in Extra Mile'
        in capsys.readouterr().err
    )
    _write(
        source,
        [
            ["member", "category", "nominee", "kind", "note"],
            ["Nora Quinn", "extra mile", "ZOË O'NEILL", "Disclosable pecuniary interest", ""],
            ["Priya Shah", "Extra Mile", "Zoë O’Neill", "Prejudicial", "line manager"],
        ],
    )
    assert main(["import", "interests", str(judged), str(source)]) == 0
    with Store.open(judged) as store:
        kinds = {(i.kind, i.note, i.declared_by) for i in store.panel.interests()}
    assert (InterestKind.PECUNIARY, "", "administrator (command line)") in kinds
    assert (InterestKind.PREJUDICIAL, "line manager", "administrator (command line)") in kinds


def test_score_import_refuses_with_exact_row_errors_and_leaves_the_file_byte_identical(
    judged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(judged) as store:
        store.scores.submit_category(
            store.panel.member_named("Priya Shah").id or 0,
            store.round.category_named(EXTRA_MILE).id or 0,
        )
    source = _write(
        tmp_path / "paper.csv",
        [
            SCORE_HEADER,
            ["Nora Quinn", "Extra Mile", "Owen Marsh", "Worked hard", "4", "Lovely"],
            ["Nora Quinn", "Extra Mile", "Owen Marsh", "Worked hard", "3", "Lovely"],
            ["Nora Quinn", "Extra Mile", "Owen Marsh", "Tried something new", "6", ""],
            ["Nora Quinn", "Extra Mile", "Owen Marsh", "Kindness", "2", ""],
            ["Ben Castleton", "Extra Mile", "Owen Marsh", "Worked hard", "2", ""],
            ["Priya Shah", "Extra Mile", "Zoë O'Neill", "Worked hard", "2", ""],
            ["Gary Lineker", "Extra Mile", "Owen Marsh", "Worked hard", "2", ""],
            ["Nora Quinn", "Extra Mile", "Nobody", "Worked hard", "four", ""],
            [],
            ["Nora Quinn", "Extra Mile", "Owen Marsh", "Above and beyond", "5", "Different"],
        ],
    )
    before = judged.read_bytes()
    with Store.open(judged) as store, pytest.raises(RowsRefused) as refused:
        import_scores(store, source)
    assert refused.value.errors == [
        RowError(3, "score", "row 2 gives this criterion 4"),
        RowError(4, "score", "'6' is not a whole number from 0 to 5"),
        RowError(
            5,
            "criterion",
            "'Kindness' is not a criterion of Extra Mile (Worked hard, Tried something new, "
            "Above and beyond)",
        ),
        RowError(
            6, "nominee", "Ben Castleton declared an interest in this entry and cannot score it"
        ),
        RowError(
            7, "category", "Priya Shah has submitted Extra Mile; the chair must reopen it first"
        ),
        RowError(8, "member", "'Gary Lineker' is not on the panel"),
        RowError(9, "nominee", "there is no entry for 'Nobody' in Extra Mile"),
        RowError(9, "score", "'four' is not a whole number from 0 to 5"),
        RowError(11, "comment", "differs from the comment on row 2 for the same scoresheet"),
    ]
    assert judged.read_bytes() == before


def test_score_import_rejects_a_member_not_judging_the_category(
    judged: Path, tmp_path: Path
) -> None:
    with Store.open(judged) as store:
        ben = store.panel.member_named("Ben Castleton")
        pride = store.round.category_named(PRIDE_OF_STOCKTON).id
        store.panel.update_member(ben.id or 0, category_ids=[pride or 0])
    source = _write(
        tmp_path / "paper.csv",
        [SCORE_HEADER, ["Ben Castleton", "Extra Mile", "Zoë O'Neill", "Worked hard", "2", ""]],
    )
    with Store.open(judged) as store, pytest.raises(RowsRefused) as refused:
        import_scores(store, source)
    assert refused.value.errors == [
        RowError(2, "category", "Ben Castleton does not judge Extra Mile")
    ]


def test_scores_round_trip_through_export_and_import(
    judged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(
        tmp_path / "paper.csv",
        [
            SCORE_HEADER,
            ["Nora Quinn", "Extra Mile", "Owen Marsh", "Worked hard", "4", "Calls families"],
            ["Nora Quinn", "Extra Mile", "Owen Marsh", "Tried something new", "3", ""],
            ["Priya Shah", "extra mile", "zoë o'neill", "above and beyond", "5", ""],
            ["Priya Shah", "Pride of Stockton", "Ivy Grainger", "", "", "Read twice"],
        ],
    )
    assert main(["import", "scores", str(judged), str(source)]) == 0
    assert "3 added, 2 changed" in capsys.readouterr().out  # 3 scores, 2 comments
    with Store.open(judged) as store:
        nora = store.panel.member_named("Nora Quinn").id or 0
        owen = store.nominations.entry_named(
            store.round.category_named(EXTRA_MILE).id or 0, "Owen Marsh"
        )
        sheet = store.scores.sheet(nora, owen.id or 0)
        assert sorted(sheet.scores.values()) == [3, 4] and sheet.comment == "Calls families"
        audit = [r for r in store.audit_log(50) if r["action"] == "score"]
        assert all(r["actor"] == "administrator (command line)" for r in audit)
        assert all(json.loads(r["after"])["via"] == "import of paper.csv" for r in audit)
    out = tmp_path / "out.csv"
    assert main(["export", "scores", str(judged), str(out)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        exported = list(csv.reader(handle))
    assert exported == [
        SCORE_HEADER,
        ["Priya Shah", "Pride of Stockton", "Ivy Grainger", "", "", "Read twice"],
        ["Nora Quinn", "Extra Mile", "Owen Marsh", "Worked hard", "4", "Calls families"],
        ["Nora Quinn", "Extra Mile", "Owen Marsh", "Tried something new", "3", "Calls families"],
        ["Priya Shah", "Extra Mile", "Zoë O'Neill", "Above and beyond", "5", ""],
    ]
    assert "Wrote 4 rows" in capsys.readouterr().out
    with Store.open(judged) as store:
        audit_rows = len(store.audit_log(10_000))
    assert main(["import", "scores", str(judged), str(out)]) == 0
    assert "0 added, 0 changed, 3 unchanged" in capsys.readouterr().out
    with Store.open(judged) as store:
        assert len(store.audit_log(10_000)) == audit_rows
    assert main(["export", "scores", str(judged), str(out)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_skip_invalid_imports_the_good_rows_and_lists_the_others(
    judged: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = _write(
        tmp_path / "paper.csv",
        [
            SCORE_HEADER,
            ["Nora Quinn", "Extra Mile", "Owen Marsh", "Worked hard", "4", ""],
            ["Nora Quinn", "Extra Mile", "Owen Marsh", "Worked hard", "3", ""],
        ],
    )
    assert main(["import", "scores", str(judged), str(source), "--skip-invalid"]) == 0
    captured = capsys.readouterr()
    assert "left out paper.csv: row 3, score" in captured.err
    assert "1 added" in captured.out


def test_rubric_json_lists_every_category_with_its_method(
    round_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    assert main(["rubric", str(round_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["category"] for d in data] == [
        "Pride of Stockton",
        "Extra Mile",
        "Team",
        "Shining Star",
    ]
    assert [d["method"] for d in data] == ["panel", "panel", "panel", "staff vote"]
    first = data[1]["criteria"][0]
    assert {k: first[k] for k in ("name", "weight", "max")} == {
        "name": "Worked hard",
        "weight": 1.0,
        "max": 5,
    }
    assert first["descriptor"] == "Worked hard for the people they serve."
    assert data[3]["criteria"] == []
    assert main(["rubric", str(round_path)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:2] == ["category", "criterion"]
    assert len(table) == 2 + 9


def test_set_pin_from_the_command_line(
    round_path: Path, store: Store, panel_ids: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    assert main(["set-pin", str(round_path), "--member", "nora quinn", "--pin", "246801"]) == 0
    with Store.open(round_path) as reopened:
        assert reopened.panel.verify_pin(panel_ids["Nora Quinn"], "246801")
    assert main(["set-pin", str(round_path), "--member", "Nora Quinn", "--pin", "12"]) == 1
    assert "6 to 8 digits" in capsys.readouterr().err


def test_a_formula_like_comment_comes_back_as_typed_after_export_and_import(
    judged: Path, tmp_path: Path
) -> None:
    """``export scores`` puts an apostrophe before "=…" so Excel runs nothing; importing
    that file again stores the comment as it was typed, not with the apostrophe."""
    source = _write(
        tmp_path / "paper.csv",
        [SCORE_HEADER, ["Nora Quinn", "Extra Mile", "Owen Marsh", "Worked hard", "4", "=1+1 -ish"]],
    )
    assert main(["import", "scores", str(judged), str(source)]) == 0
    out = tmp_path / "out.csv"
    assert main(["export", "scores", str(judged), str(out)]) == 0
    assert "'=1+1 -ish" in out.read_text(encoding="utf-8-sig")
    assert main(["import", "scores", str(judged), str(out)]) == 0
    with Store.open(judged) as store:
        nora = store.panel.member_named("Nora Quinn").id or 0
        owen = store.nominations.entry_named(
            store.round.category_named(EXTRA_MILE).id or 0, "Owen Marsh"
        )
        assert store.scores.sheet(nora, owen.id or 0).comment == "=1+1 -ish"


def test_a_panel_workbook_with_a_title_row_and_an_uncalculated_formula(
    round_path: Path, store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The panel import reads as every import does: the title row is passed over, and a
    name that is a formula nobody calculated is a row problem, not an empty name."""
    from openpyxl import Workbook

    store.close()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Judging panel 2026"])
    sheet.append(["Name", "Group", "Categories"])
    sheet.append(["Margaret Teesdale", "Catalyst voice forum", "all"])
    sheet.append(['=CONCAT("Imran", " Chaudhry")', "CSE assessor", "all"])
    path = tmp_path / "panel.xlsx"
    workbook.save(path)
    assert main(["import", "panel", str(round_path), str(path)]) == 1
    err = capsys.readouterr().err
    assert "row 4, name:" in err and "formula" in err
    assert main(["import", "panel", str(round_path), str(path), "--skip-invalid"]) == 0
    with Store.open(round_path) as reopened:
        assert [m.name for m in reopened.panel.members()] == ["Margaret Teesdale"]
