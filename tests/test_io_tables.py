"""io.tables.read_table: every import starts here, so every bad file gets one clear message."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from csx_desktop.io.nomination_import import parse_when
from csx_desktop.io.tables import TableError, cell_text, parse_time_cell, read_table


def test_xlsx_first_sheet_with_real_cells(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ID", "Completion time", "Nominee"])
    sheet.append([1, datetime(2026, 3, 16, 20, 24), "Zoë Whitfield"])
    workbook.create_sheet("Other").append(["not read"])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.kind == "xlsx" and table.file_name == "export.xlsx"
    assert table.rows[1] == [1, datetime(2026, 3, 16, 20, 24), "Zoë Whitfield"]


def test_csv_utf8_with_bom_and_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    text = '\ufeffNominee,Citation\r\nSiobhán O\'Neill,"Line one\nLine two"\r\nNguyễn Thị,x\r\n'
    path.write_bytes(text.encode())
    table = read_table(path)
    assert table.kind == "csv"
    assert table.rows[0] == ["Nominee", "Citation"]
    assert table.rows[1] == ["Siobhán O'Neill", "Line one\nLine two"]
    assert table.rows[2][0] == "Nguyễn Thị"


def test_semicolon_csv_with_a_multiline_cell(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes('Nominee;Citation\r\nZoë;"Line one\nLine two"\r\nOwen;x\r\n'.encode())
    rows = read_table(path).rows
    assert rows[0] == ["Nominee", "Citation"]
    assert rows[1] == ["Zoë", "Line one\nLine two"]


def test_blank_rows_keep_their_numbers(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text("Nominee,Citation\nA,x\n,\n   ,  \nB,y\n", encoding="utf-8")
    numbered = read_table(path).numbered(2)
    assert [(n, cells[0]) for n, cells in numbered] == [(2, "A"), (5, "B")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"%PDF-1.7\n1 0 obj", "PDF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "Excel 97-2003"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a spreadsheet"),
        (b",,,\n,,\n", "no rows"),
    ],
)
def test_files_that_are_not_what_they_claim(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "nominations.xlsx"
    path.write_bytes(content)
    with pytest.raises(TableError, match=message):
        read_table(path)


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("holiday.txt", "sun")
    with pytest.raises(TableError, match="not an Excel workbook that can be read"):
        read_table(path)


def test_windows_1252_csv_is_refused_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("Nominee\nZoë Whitfield\nSiobhán\n".encode("cp1252"))
    with pytest.raises(TableError, match="CSV UTF-8"):
        read_table(path)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TableError, match="There is no file"):
        read_table(tmp_path / "gone.csv")


def test_cell_text() -> None:
    assert cell_text(None) == ""
    assert cell_text(3.0) == "3"
    assert cell_text(3.5) == "3.5"
    assert cell_text("  Zoë  ") == "Zoë"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # What the nomination import read before the two parsers became one ...
        ("16/03/2026 8:24 PM", datetime(2026, 3, 16, 20, 24)),
        ("2026.03.16 20:24", datetime(2026, 3, 16, 20, 24)),
        ("03-16-2026 20:24", datetime(2026, 3, 16, 20, 24)),
        # ... and what only the vote import read.
        ("16 March 2026 20:24", datetime(2026, 3, 16, 20, 24)),
        ("16 Mar 2026 20:24", datetime(2026, 3, 16, 20, 24)),
        (date(2026, 3, 16), datetime(2026, 3, 16)),
        ("", None),
        (None, None),
    ],
)
def test_one_time_parser_reads_what_either_import_read(
    cell: object, expected: datetime | None
) -> None:
    assert parse_time_cell(cell) == expected
    received = parse_when(cell)
    assert received == (None if expected is None else expected.replace(tzinfo=UTC))


def test_a_zone_word_means_the_same_to_every_import() -> None:
    # BST is UTC+1 whatever the date says (the vote import used to take it as UK local time).
    moment = parse_time_cell("2026/01/15 10:00:00 BST")
    assert moment is not None and moment.utcoffset() == timedelta(hours=1)
    assert parse_when("2026/01/15 10:00:00 BST") == datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    assert parse_time_cell("2026/07/16 8:24:52 pm GMT+1") == datetime(
        2026, 7, 16, 19, 24, 52, tzinfo=UTC
    )


def test_month_first_is_tried_first_only_when_asked() -> None:
    assert parse_time_cell("03/04/2026 10:00") == datetime(2026, 4, 3, 10, 0)
    assert parse_time_cell("03/04/2026 10:00", month_first=True) == datetime(2026, 3, 4, 10, 0)
