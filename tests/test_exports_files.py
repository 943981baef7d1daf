"""Results and scoresheets written to CSV and XLSX, and read back as a person's spreadsheet would."""

from __future__ import annotations

from pathlib import Path

import pytest

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination, PanelGroup
from csx_desktop.io.exports import RESULT_HEADERS, write_table
from csx_desktop.io.tables import read_table
from csx_desktop.operations.results import ADMINISTRATOR
from csx_desktop.operations.results import export as export_as
from csx_desktop.store import InputRefused, Store


@pytest.fixture
def scored(store: Store, panel_ids: dict[str, int]) -> Store:
    pride = store.round.category_named("Pride of Stockton")
    assert pride.id is not None
    for nominee, scores in (("Zoë Whitfield", (5, 4, 5)), ("Łukasz Nowak", (3, 3, 3))):
        entry = store.nominations.add(
            Nomination(category_id=pride.id, nominee=nominee, citation="")
        )
        assert entry.entry_id is not None
        for member in ("Nora Quinn", "Priya Shah"):
            for criterion, score in zip(pride.criteria, scores, strict=True):
                assert criterion.id is not None
                store.scores.set_score(panel_ids[member], entry.entry_id, criterion.id, score)
        store.scores.set_comment(panel_ids["Nora Quinn"], entry.entry_id, f"Comment on {nominee}")
    return store


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_results_round_trip(scored: Store, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"results{suffix}"
    assert export_as(scored, viewer=ADMINISTRATOR, what="results", path=path).amount == 2
    rows = read_table(path).rows
    assert tuple(rows[0]) == RESULT_HEADERS
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["Entry"] == "Zoë Whitfield"
    assert str(first["Rank"]) == "1"
    assert float(first["Score"]) == pytest.approx(93.33)
    assert float(first[f"{PanelGroup.OFFICER.label} mean"]) == pytest.approx(93.33)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_every_scoresheet_round_trips(scored: Store, tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"sheets{suffix}"
    assert export_as(scored, viewer=ADMINISTRATOR, what="scoresheets", path=path).amount == 4
    header, *rows = read_table(path).rows
    assert header[:4] == ["Category", "Entry", "Panel member", "Group"]
    criteria = [c.name for c in scored.round.category_named("Pride of Stockton").criteria]
    assert header[4:7] == criteria
    by_key = {(r[1], r[2]): dict(zip(header, r, strict=True)) for r in rows}
    nora = by_key[("Zoë Whitfield", "Nora Quinn")]
    assert [int(nora[c]) for c in criteria] == [5, 4, 5]
    assert nora["Comment"] == "Comment on Zoë Whitfield"
    assert nora["Status"] == "counted"


def test_the_csv_opens_in_excel_with_accents_intact(scored: Store, tmp_path: Path) -> None:
    path = tmp_path / "results.csv"
    export_as(scored, viewer=ADMINISTRATOR, what="results", path=path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel reads it as UTF-8


def test_a_wrong_file_type_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(InputRefused, match=r"\.csv or \.xlsx"):
        write_table(tmp_path / "out.pdf", ["a"], [[1]], title="x")
    with pytest.raises(InputRefused, match="does not exist"):
        write_table(tmp_path / "missing" / "out.csv", ["a"], [[1]], title="x")
    assert list(tmp_path.iterdir()) == []


def test_export_commands_refuse_to_overwrite_without_force(
    scored: Store, round_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scored.close()
    out = tmp_path / "sheets.xlsx"
    assert main(["export", "scoresheets", str(round_path), str(out)]) == 0
    assert "Wrote 4 scoresheets" in capsys.readouterr().out
    assert main(["export", "scoresheets", str(round_path), str(out)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["export", "results", str(round_path), str(out), "--force"]) == 0
    assert read_table(out).rows[0][0] == "Category"
    assert main(["export", "results", str(round_path), str(tmp_path / "r.txt")]) == 1
