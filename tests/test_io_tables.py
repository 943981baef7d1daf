"""io.tables.read_table: every import starts here, so every bad file gets one clear message.

The rules, one at a time, on small files made in each test. ``test_real_files`` feeds files
shaped like real exports (``tests/export_files.py``) and checks them against Python's ``csv``
module and openpyxl.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from csx_desktop.io import tables
from csx_desktop.io.tables import (
    RawTable,
    TableError,
    cell_text,
    column_letter,
    is_blank,
    read_table,
)


def test_xlsx_first_sheet_with_real_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Form1"
    sheet.append(["ID", "Completion time", "Nominee", "Consent", "Score"])
    sheet.append([1, datetime(2026, 3, 16, 20, 24), "Zoë Whitfield", True, 4.5])
    workbook.create_sheet("Other").append(["not read"])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.kind == "xlsx" and table.file_name == "export.xlsx" and table.sheet == "Form1"
    assert table.encoding == "" and table.problem_cells == {}
    assert table.rows[1] == [1, datetime(2026, 3, 16, 20, 24), "Zoë Whitfield", True, 4.5]
    assert type(table.rows[1][0]) is int  # a whole number reads as int, as openpyxl gave it
    assert table.notes == ("Only the sheet 'Form1' was read; the workbook also has 'Other'.",)


def test_csv_utf8_with_bom_and_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    text = '\ufeffNominee,Citation\r\nSiobhán O\'Neill,"Line one\nLine two"\r\nNguyễn Thị,x\r\n'
    path.write_bytes(text.encode())
    table = read_table(path)
    assert (table.kind, table.encoding, table.notes) == ("csv", "UTF-8", ())
    assert table.rows[0] == ["Nominee", "Citation"]
    assert table.rows[1] == ["Siobhán O'Neill", "Line one\nLine two"]
    assert table.rows[2][0] == "Nguyễn Thị"


def test_an_escaped_quote_does_not_split_the_row(tmp_path: Path) -> None:
    # The heading row alone made csv.Sniffer turn doublequote off: the citation split in two.
    path = tmp_path / "export.csv"
    path.write_text(
        'Nominee,Citation,Team\n"Zoë","He said ""thank you"", twice",Parks\nOwen,x,Roads\n',
        encoding="utf-8",
    )
    assert read_table(path).rows == [
        ["Nominee", "Citation", "Team"],
        ["Zoë", 'He said "thank you", twice', "Parks"],
        ["Owen", "x", "Roads"],
    ]


def test_semicolon_csv_with_a_multiline_cell(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes('Nominee;Citation\r\nZoë;"Line one\nLine two"\r\nOwen;x, y\r\n'.encode())
    rows = read_table(path).rows
    assert rows == [["Nominee", "Citation"], ["Zoë", "Line one\nLine two"], ["Owen", "x, y"]]


def test_comma_wins_when_it_gives_a_table(tmp_path: Path) -> None:
    # Microsoft Forms joins the choices of a multiple-choice answer with ";": every row has
    # two, so ";" would give a table too. Comma does, so comma it is.
    path = tmp_path / "export.csv"
    path.write_text("ID,Name,Choices\n1,Zoë,Kind;Helpful;\n2,Owen,Brave;Calm;\n", "utf-8")
    assert read_table(path).rows[1] == ["1", "Zoë", "Kind;Helpful;"]


def test_the_delimiter_is_judged_from_whole_records(tmp_path: Path) -> None:
    # The heading row has a comma in it, but the records say ";".
    path = tmp_path / "export.csv"
    path.write_text("Name, surname;Score\nZoë W;5\nOwen, T;4\nAmy;3\n", "utf-8")
    assert read_table(path).rows == [
        ["Name, surname", "Score"],
        ["Zoë W", "5"],
        ["Owen, T", "4"],
        ["Amy", "3"],
    ]


def test_tab_separated_text(tmp_path: Path) -> None:
    path = tmp_path / "export.txt"
    path.write_text('Nominee\tCitation\nZoë\t"Kind, and\tbrave"\n', "utf-8")
    assert read_table(path).rows[1] == ["Zoë", "Kind, and\tbrave"]


def test_ragged_rows_keep_their_cells(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("A,B,C\n1,2\n3\n4,5,6,7\n", "utf-8")
    assert read_table(path).rows == [
        ["A", "B", "C", None],
        ["1", "2", None, None],
        ["3", None, None, None],
        ["4", "5", "6", "7"],
    ]


def test_a_single_column_csv(tmp_path: Path) -> None:
    path = tmp_path / "panel.csv"
    path.write_text("Name\nZoë; Owen\nAmy\n", "utf-8")
    assert read_table(path).rows == [["Name"], ["Zoë; Owen"], ["Amy"]]


def test_a_title_row_above_the_headings(tmp_path: Path) -> None:
    path = tmp_path / "typeform.csv"
    path.write_text("Staff awards 2026\nName;Score\nZoë;5\nOwen;4\n", "utf-8")
    assert read_table(path).rows == [
        ["Staff awards 2026", None],
        ["Name", "Score"],
        ["Zoë", "5"],
        ["Owen", "4"],
    ]


def test_blank_rows_keep_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Nominee,Citation\nA,x\n,\n   ,  \nB,y\n\n,,,\n", encoding="utf-8")
    table = read_table(path)
    assert [(n, cells[0]) for n, cells in table.numbered(2)] == [(2, "A"), (5, "B")]
    assert len(table.rows) == 5  # the empty rows after the last answer are dropped


def test_empty_columns_after_the_last_answer_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Nominee,Citation,,,\nA,x,,,\n", encoding="utf-8")
    assert read_table(path).rows == [["Nominee", "Citation"], ["A", "x"]]


def test_a_row_with_a_problem_cell_is_numbered() -> None:
    table = RawTable(
        "f.xlsx",
        "xlsx",
        [["Nominee", "Score"], ["Zoë", 3], [None, None]],
        problem_cells={(3, 1): "a formula with no saved result"},
    )
    assert [number for number, _ in table.numbered(2)] == [2, 3]


def test_windows_1252_is_read_and_said(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("Nominee,Note\nZoë Whitfield,“Brilliant” – £5\nSiobhán,x\n".encode("cp1252"))
    table = read_table(path)
    assert table.encoding == "Windows-1252"
    assert table.rows[1] == ["Zoë Whitfield", "“Brilliant” – £5"]
    assert table.rows[2][0] == "Siobhán"
    assert any("Windows-1252" in note and "Zoë" in note for note in table.notes)


def test_bytes_that_are_not_windows_1252_either(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"Nominee\nZo\xeb \x81\n")
    with pytest.raises(TableError, match=r"export\.csv is not UTF-8 text, nor Windows-1252.*0x81"):
        read_table(path)


def test_utf8_cut_in_a_character_is_not_read_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("Nominee\nZoë\nSiobhán\nZoë".encode()[:-1])
    with pytest.raises(TableError, match=r"export\.csv is UTF-8 text with 1 damaged character"):
        read_table(path)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_a_bom(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "export.txt"
    path.write_bytes('Nominee\tCitation\r\nZoë\t"Kind\r\nand brave"\r\n'.encode(codec))
    table = read_table(path)
    assert table.encoding == "UTF-16"
    assert table.rows == [["Nominee", "Citation"], ["Zoë", "Kind\r\nand brave"]]


def test_stray_nul_bytes_are_removed_and_said(tmp_path: Path) -> None:
    path = tmp_path / "sm.csv"
    path.write_bytes(b"Respondent ID,Nominee\x00\r\n1,Zo\xc3\xab\x00\r\n\x00\x00")
    table = read_table(path)
    assert table.rows == [["Respondent ID", "Nominee"], ["1", "Zoë"]]
    assert table.encoding == "UTF-8"
    assert any("4 NUL characters" in note for note in table.notes)


def test_a_quote_left_open_is_refused_not_shifted(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('Nominee,Citation\nZoë,"Kind\nOwen,x\n', encoding="utf-8")
    with pytest.raises(
        TableError, match=r"export\.csv is not a well-formed CSV file: an answer's opening quote"
    ):
        read_table(path)


def test_a_stray_quote_after_a_quoted_answer_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('Nominee,Citation\nZoë,"Kind" and brave\n', encoding="utf-8")
    with pytest.raises(
        TableError, match=r"not a well-formed CSV file: a quote inside a quoted answer.*line 2"
    ):
        read_table(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x00\x00\x00", "is empty"),
        (b"%PDF-1.7\n1 0 obj", "PDF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "cannot be read as an Excel workbook"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "PNG picture, not a spreadsheet"),
        (bytes(range(1, 32)) * 20, "not a spreadsheet"),
        (b",,,\n,,\n", "no rows"),
        (b"<!DOCTYPE html><html><table><tr><td>1</td></tr></table>", "web page"),
        (
            b'<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">',
            "Excel 2003 XML",
        ),
        (b"\xff\xfe\x00\x00N\x00\x00\x00", "UTF-32"),
    ],
)
def test_files_that_are_not_what_they_claim(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "nominations.xlsx"
    path.write_bytes(content)
    with pytest.raises(TableError, match=message) as refused:
        read_table(path)
    assert "nominations.xlsx" in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"holiday.txt": "sun"}, "is a zip archive, not a spreadsheet.*unzip it"),
        ({"word/document.xml": "<w/>"}, "is a Word document"),
        ({"ppt/presentation.xml": "<p/>"}, "is a PowerPoint presentation"),
        ({"mimetype": "application/vnd.oasis.opendocument.text"}, "OpenDocument file that is not"),
        ({}, "is an empty zip archive"),
        ({"xl/workbook.xml": "<not a workbook"}, "cannot be read as an Excel workbook"),
    ],
)
def test_a_zip_that_is_not_a_workbook(
    tmp_path: Path, members: dict[str, str], message: str
) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    with pytest.raises(TableError, match=message):
        read_table(path)


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="There is no file"):
        read_table(tmp_path / "gone.csv")
    with pytest.raises(TableError, match="is a folder"):
        read_table(tmp_path)


def test_a_csv_has_no_sheets(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("a,b\n1,2\n", "utf-8")
    with pytest.raises(TableError, match=r"export\.csv is a CSV file, which has no sheets"):
        read_table(path, sheet="Responses")


def _workbook(
    path: Path, sheets: dict[str, list[list[object]]], hidden: tuple[str, ...] = ()
) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    workbook.save(path)
    return path


def test_a_sheet_chosen_by_name(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "f.xlsx", {"Form1": [["a", "b"]], "Extra Mile": [["c", "d"]]})
    table = read_table(path, sheet="Extra Mile")
    assert (table.sheet, table.rows, table.notes) == ("Extra Mile", [["c", "d"]], ())
    assert read_table(path, sheet="extra mile ").sheet == "Extra Mile"
    with pytest.raises(
        TableError,
        match=r"f\.xlsx has no sheet named 'Gold': its sheets are 'Form1' and 'Extra Mile'\.",
    ):
        read_table(path, sheet="Gold")


def test_a_chosen_sheet_that_is_empty(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "f.xlsx", {"Form1": [["a", "b"]], "Blank": []})
    with pytest.raises(TableError, match=r"The sheet 'Blank' in f\.xlsx has no rows"):
        read_table(path, sheet="Blank")


def test_hidden_and_empty_sheets_are_passed_over_and_said(tmp_path: Path) -> None:
    path = _workbook(
        tmp_path / "f.xlsx",
        {"Setup": [["x", "y"]], "Sheet1": [], "Responses": [["a", "b"]]},
        hidden=("Setup",),
    )
    table = read_table(path)
    assert table.sheet == "Responses"
    assert table.notes == (
        "Read the sheet 'Responses' (the sheets before it: 'Setup' is hidden, 'Sheet1' is empty).",
    )
    assert read_table(path, sheet="Setup").rows == [["x", "y"]]  # asked for by name: read


def test_only_hidden_sheets_have_data(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "f.xlsx", {"Sheet1": [], "Data": [["a", "b"]]}, hidden=("Data",))
    with pytest.raises(TableError, match=r"f\.xlsx has no rows in it.*hidden sheet 'Data'"):
        read_table(path)


def test_data_away_from_a1_keeps_its_row_and_column(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["C3"] = "Nominee"
    workbook.active["D4"] = "Zoë"
    path = tmp_path / "f.xlsx"
    workbook.save(path)
    rows = read_table(path).rows
    assert rows == [
        [None] * 4,
        [None] * 4,
        [None, None, "Nominee", None],
        [None, None, None, "Zoë"],
    ]


def test_a_formula_with_no_saved_result_is_a_problem_cell(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nominee", "Score"])
    sheet.append(["Zoë", "=1+1"])  # openpyxl saves the formula with no result
    sheet["B5"] = "=2+2"  # past the last answer: the rows reach it
    path = tmp_path / "f.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.rows[1] == ["Zoë", None]
    assert set(table.problem_cells) == {(2, 1), (5, 1)}
    assert "formula with no saved result" in table.problem_cells[2, 1]
    assert len(table.rows) == 5 and [n for n, _ in table.numbered(2)] == [2, 5]


def test_limits_are_one_line_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.csv"
    path.write_text("a,b,c\n" + "1,2,3\n" * 20 + "x" * 60 + "\n", "utf-8")
    monkeypatch.setattr(tables, "MAX_FILE_BYTES", 100)
    with pytest.raises(TableError, match=r"big\.csv is 0 MB, more than the 0 MB"):
        read_table(path)
    monkeypatch.setattr(tables, "MAX_FILE_BYTES", 10_000)
    monkeypatch.setattr(tables, "MAX_ROWS", 10)
    with pytest.raises(TableError, match=r"big\.csv has 11 rows, more than the 10"):
        read_table(path)
    monkeypatch.setattr(tables, "MAX_ROWS", 100)
    monkeypatch.setattr(tables, "MAX_COLUMNS", 2)
    with pytest.raises(
        TableError, match=r"big\.csv has 3 columns \(to column C\), more than the 2"
    ):
        read_table(path)
    monkeypatch.setattr(tables, "MAX_COLUMNS", 100)
    monkeypatch.setattr(tables, "MAX_CELLS", 30)
    with pytest.raises(
        TableError, match=r"big\.csv has 11 rows of 3 columns, more than the 30 cells"
    ):
        read_table(path)
    monkeypatch.setattr(tables, "MAX_CELLS", 1000)
    monkeypatch.setattr(tables, "MAX_CELL_CHARS", 50)
    with pytest.raises(
        TableError, match=r"big\.csv has a cell \(row 22, column A\) longer than 50"
    ):
        read_table(path)


def _wide_workbook(path: Path, columns: int, rows: int = 3) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    for row in range(rows):
        workbook.active.append([f"{row}:{column}" for column in range(columns)])
    workbook.save(path)
    return path


def test_wide_sheets_read_up_to_the_column_limit(tmp_path: Path) -> None:
    rows = read_table(_wide_workbook(tmp_path / "f.xlsx", 40)).rows
    assert len(rows) == 3 and rows[2][39] == "2:39"
    rows = read_table(_wide_workbook(tmp_path / "g.xlsx", 1000, rows=2)).rows
    assert rows[1][999] == "1:999"
    with pytest.raises(TableError, match=r"h\.xlsx has 1,001 columns \(to column ALM\)"):
        read_table(_wide_workbook(tmp_path / "h.xlsx", 1001, rows=1))


def test_workbook_limits_are_checked_before_the_sheet_is_laid_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _wide_workbook(tmp_path / "f.xlsx", 30, rows=20)
    monkeypatch.setattr(tables, "MAX_ROWS", 19)
    with pytest.raises(TableError, match=r"f\.xlsx has 20 rows, more than the 19"):
        read_table(path)
    monkeypatch.setattr(tables, "MAX_ROWS", 100)
    monkeypatch.setattr(tables, "MAX_CELLS", 599)  # 20 x 30 = 600: found from column AD
    with pytest.raises(TableError, match=r"f\.xlsx has 20 rows of 30 columns"):
        read_table(path)


def test_a_csv_cell_past_csvs_own_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    path.write_text('a,b\n1,"' + "x" * 140_000 + '"\n', "utf-8")
    with pytest.raises(TableError, match=r"big\.csv has a cell \(row 2\) longer than 100,000"):
        read_table(path)


def test_cell_text() -> None:
    assert cell_text(None) == ""
    assert cell_text(3.0) == "3"
    assert cell_text(3) == "3"
    assert cell_text(3.5) == "3.5"
    assert cell_text("  Zoë  ") == "Zoë"
    assert cell_text(True) == "TRUE" and cell_text(False) == "FALSE"
    assert cell_text(datetime(2026, 3, 16, 20, 24)) == "2026-03-16 20:24:00"
    assert cell_text(date(2026, 3, 16)) == "2026-03-16"
    assert cell_text(time(9, 5)) == "09:05:00"
    assert cell_text(timedelta(days=1, hours=6, minutes=3)) == "30:03:00"
    assert cell_text(timedelta(minutes=-90)) == "-1:30:00"


def test_is_blank() -> None:
    assert is_blank(None) and is_blank("") and is_blank(" \n")
    assert not is_blank(0) and not is_blank(False) and not is_blank("0")


@pytest.mark.parametrize(
    ("index", "letters"),
    [(0, "A"), (25, "Z"), (26, "AA"), (701, "ZZ"), (702, "AAA"), (16383, "XFD")],
)
def test_column_letter(index: int, letters: str) -> None:
    assert column_letter(index) == letters
    assert tables._column_index(letters) == index
