"""Files shaped like real exports (``export_files``) read exactly as Python's ``csv`` module or
openpyxl reads them, or are refused in one line naming the file; nothing else ever happens.

The oracles are read here, in the test, from the same file (or, where they cannot read it, as
openpyxl cannot read a file named ``.xls`` or in Strict Open XML, from the file it was made
from). ``normalise`` puts an oracle's rows in the reader's shape: None for an empty cell, no
empty rows or columns after the last answer, every row as long, a date-only cell as midnight.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import shutil
import warnings
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import export_files as ef
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from csx_desktop.io.tables import RawTable, TableError, read_table

Rows = list[list[Any]]


def normalise(rows: Rows | list[tuple[Any, ...]]) -> Rows:
    """Rows in the reader's shape (see the module's docstring)."""
    tidy: Rows = []
    for row in rows:
        cells = [
            None
            if cell is None or cell == ""
            else datetime.combine(cell, time())
            if isinstance(cell, date) and not isinstance(cell, datetime)
            else cell
            for cell in row
        ]
        while cells and cells[-1] is None:
            cells.pop()
        tidy.append(cells)
    while tidy and not tidy[-1]:
        tidy.pop()
    width = max((len(row) for row in tidy), default=0)
    return [row + [None] * (width - len(row)) for row in tidy]


def csv_oracle(path: Path, encoding: str, delimiter: str) -> Rows:
    text = path.read_bytes().decode(encoding).replace("\x00", "")  # SurveyMonkey's NULs
    return normalise(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))


def openpyxl_oracle(path: Path, sheet: str | None = None) -> Rows:
    """What openpyxl reads (not read-only: it pads nothing), with Excel's _xHHHH_ escapes
    undone, which openpyxl leaves as they are."""
    from openpyxl import load_workbook
    from openpyxl.utils.escape import unescape

    workbook = load_workbook(path, data_only=True)
    worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    rows = [
        [unescape(cell) if isinstance(cell, str) else cell for cell in row]
        for row in worksheet.iter_rows(values_only=True)
    ]
    workbook.close()
    return normalise(rows)


def as_read(table: RawTable) -> Rows:
    return normalise(table.rows)


# ---- CSV and text, against Python's csv module ---------------------------------------------


@pytest.mark.parametrize(
    ("builder", "codec", "delimiter", "encoding", "written"),
    [
        (ef.google_forms_csv, "utf-8", ",", "UTF-8", ef.TABLE),
        (ef.excel_csv_utf8, "utf-8-sig", ",", "UTF-8", ef.TABLE),
        (ef.excel_csv_windows_1252, "cp1252", ",", "Windows-1252", ef.WINDOWS_1252_TABLE),
        (ef.excel_csv_semicolon, "utf-8-sig", ";", "UTF-8", None),
        (ef.excel_unicode_text, "utf-16", "\t", "UTF-16", ef.TABLE),
        (ef.utf16_without_bom, "utf-16-le", "\t", "UTF-16", ef.TABLE),
        (ef.utf16_big_endian_without_bom, "utf-16-be", "\t", "UTF-16", ef.TABLE),
        (ef.surveymonkey_legacy_csv, "utf-8", ",", "UTF-8", ef.SURVEYMONKEY_TABLE),
        (ef.ragged_csv, "utf-8", ",", "UTF-8", ef.RAGGED_TABLE),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_text_reads_as_the_csv_module_reads_it(
    tmp_path: Path,
    builder: Callable[[Path], Path],
    codec: str,
    delimiter: str,
    encoding: str,
    written: Rows | None,
) -> None:
    path = builder(tmp_path)
    table = read_table(path)
    assert (table.kind, table.encoding, table.sheet) == ("csv", encoding, "")
    assert as_read(table) == csv_oracle(path, codec, delimiter)
    assert table.rows == as_read(table)  # already in the reader's shape
    if written is not None:
        assert table.rows == normalise(written)


def test_windows_1252_and_nul_bytes_are_said(tmp_path: Path) -> None:
    ansi = read_table(ef.excel_csv_windows_1252(tmp_path))
    assert ansi.notes == (
        "Read as Windows-1252 (the file is not UTF-8): check accented names such as Zoë and "
        "Siobhán in the preview.",
    )
    legacy = read_table(ef.surveymonkey_legacy_csv(tmp_path))
    assert len(legacy.notes) == 1 and "NUL characters" in legacy.notes[0]


def test_a_csv_cut_inside_an_answer_is_refused(tmp_path: Path) -> None:
    # csv's default (strict off) reads it, moving the cut answer's text into one cell with
    # the rest of the file: the reader refuses instead.
    path = ef.csv_cut_inside_an_answer(tmp_path)
    with pytest.raises(
        TableError,
        match=r"^cut\.csv is not a well-formed CSV file: an answer's opening quote is never closed",
    ):
        read_table(path)


def _gives_a_table(text: str, delimiter: str) -> bool:
    """Whether ``delimiter`` also reads the first records, with no quote it cannot place, as
    an even table of two or more columns: then the reader's rule may choose it."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        widths = [len(record) for record in itertools.islice(reader, 100) if record]
    except csv.Error:
        return False
    return bool(widths) and widths[0] >= 2 and len(set(widths)) == 1


_TOKENS = [
    ",",
    ";",
    "\t",
    '"',
    '""',
    "\n",
    "\r\n",
    "\r",
    " ",
    "Zoë",
    "Siobhán",
    "Łukasz",
    "🎉",
    "x",
]
_TEXT = st.text(
    alphabet=st.characters(
        exclude_categories=("Cs", "Cc"), include_characters="\t\n\r", exclude_characters="\ufeff"
    ),
    max_size=20,
)
_CELLS = st.one_of(_TEXT, st.lists(st.sampled_from(_TOKENS), max_size=6).map("".join))
_TABLES = st.integers(min_value=2, max_value=5).flatmap(
    lambda width: st.lists(st.lists(_CELLS, min_size=width, max_size=width), min_size=1, max_size=8)
)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "utf-16"])
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(table=_TABLES)
def test_any_table_csv_writer_writes_is_read_back(
    tmp_path_factory: pytest.TempPathFactory, delimiter: str, codec: str, table: list[list[str]]
) -> None:
    """Any text (quotes, "", line breaks, delimiters, accents; not control characters, which
    mark a binary file) round-trips, empty answers as None. Where another delimiter also
    gives an even table, the reader's rule prefers it (comma first): such tables are left
    out here, and ``test_io_tables`` shows the rule."""
    text = ef.csv_text(table, delimiter)
    assume(any(cell.strip() for row in table for cell in row))  # else: "has no rows"
    assume(not any(_gives_a_table(text, other) for other in (",", ";", "\t") if other != delimiter))
    path = tmp_path_factory.getbasetemp() / f"round-trip-{codec}.csv"
    path.write_bytes(text.encode(codec))
    read = read_table(path)
    assert read.rows == normalise(table)
    assert read.encoding == ("UTF-16" if codec == "utf-16" else "UTF-8")


# ---- workbooks, against openpyxl -----------------------------------------------------------


@pytest.mark.parametrize(
    "builder",
    [
        ef.xlsx_export,
        ef.xlsx_named_xls,
        ef.xlsx_named_csv,
        ef.xlsx_with_no_extension,
        ef.gnumeric_whole_sheet,
    ],
    ids=lambda builder: builder.__name__,
)
def test_an_xlsx_reads_as_openpyxl_reads_it_whatever_its_name(
    tmp_path: Path, builder: Callable[[Path], Path]
) -> None:
    path = builder(tmp_path)
    oracle = tmp_path / "oracle.xlsx"  # openpyxl goes by the name, so it gets one it takes
    shutil.copy(path, oracle)
    table = read_table(path)
    assert (table.kind, table.sheet, table.encoding, table.notes) == ("xlsx", "Form1", "", ())
    assert as_read(table) == openpyxl_oracle(oracle) == normalise(ef.WORKBOOK_TABLE)
    assert table.rows == as_read(table) or _only_dates_differ(table.rows, as_read(table))


def _only_dates_differ(rows: Rows, normalised: Rows) -> bool:
    """A date-only cell reads as a date (the importers take date and datetime alike)."""
    return all(
        a == b or (isinstance(a, date) and datetime.combine(a, time()) == b)
        for row, other in zip(rows, normalised, strict=True)
        for a, b in zip(row, other, strict=True)
    )


def test_a_declared_whole_sheet_is_not_padded(tmp_path: Path) -> None:
    table = read_table(ef.gnumeric_whole_sheet(tmp_path))
    assert len(table.rows) == len(ef.WORKBOOK_TABLE)
    assert {len(row) for row in table.rows} == {len(ef.WORKBOOK_TABLE[0])}


def test_a_formatted_empty_cell_at_the_sheets_end_takes_no_room(tmp_path: Path) -> None:
    # openpyxl would lay out all 17 billion cells up to XFD1048576 (minutes, then memory):
    # the oracle is the export the file was made from.
    table = read_table(ef.formatted_far_cell(tmp_path))
    assert as_read(table) == openpyxl_oracle(ef.xlsx_export(tmp_path))


def test_strict_open_xml_reads_as_its_transitional_original(tmp_path: Path) -> None:
    path = ef.strict_ooxml(tmp_path)
    from openpyxl import load_workbook

    with pytest.raises(IndexError), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        load_workbook(path).worksheets[0]  # what the old reader met: no sheets, a traceback
    table = read_table(path)
    assert (table.kind, table.sheet) == ("xlsx", "Form1")
    assert as_read(table) == openpyxl_oracle(tmp_path / "transitional.xlsx")


@pytest.mark.parametrize(
    ("builder", "sheet", "note"),
    [
        (
            ef.hidden_first_sheet,
            "Responses",
            "Read the sheet 'Responses' (the first sheet, 'Setup', is hidden).",
        ),
        (
            ef.empty_first_sheet,
            "Nominations",
            "Read the sheet 'Nominations' (the first sheet, 'Sheet1', is empty).",
        ),
    ],
    ids=["hidden", "empty"],
)
def test_the_first_visible_sheet_with_data_is_read(
    tmp_path: Path, builder: Callable[[Path], Path], sheet: str, note: str
) -> None:
    path = builder(tmp_path)
    table = read_table(path)
    assert (table.sheet, table.notes) == (sheet, (note,))
    assert as_read(table) == openpyxl_oracle(path, sheet)


def test_rows_above_the_headings_keep_their_numbers(tmp_path: Path) -> None:
    path = ef.title_above_headings(tmp_path)
    table = read_table(path)
    assert as_read(table) == openpyxl_oracle(path)
    assert table.rows[0][0] == "Staff awards 2026: responses" and table.rows[2][0] == "ID"


@pytest.mark.parametrize(
    "builder",
    [ef.formula_without_result, ef.prefixed_xml, ef.cells_without_references],
    ids=lambda builder: builder.__name__,
)
def test_a_formula_with_no_saved_result_is_a_problem_cell(
    tmp_path: Path, builder: Callable[[Path], Path]
) -> None:
    path = builder(tmp_path)
    table = read_table(path)
    assert table.problem_cells == {
        (2, 3): "a formula with no saved result: open the file in Excel, save it, and import again",
        (3, 3): "a formula with no saved result: open the file in Excel, save it, and import again",
    }
    assert as_read(table) == openpyxl_oracle(path)  # openpyxl: None, the same as an empty cell
    assert [number for number, _ in table.numbered(2)] == [2, 3]


def test_excel_escapes_and_error_cells(tmp_path: Path) -> None:
    path = ef.excel_shared_strings(tmp_path)
    table = read_table(path)
    # _x000D_ is a carriage return; _x005F_ escapes the "_" of text typed as "_x000D_".
    assert table.rows == ef.SHARED_STRINGS_TABLE
    oracle = openpyxl_oracle(path)
    # openpyxl undoes _x005F_ itself, so undoing the rest after it reads "\r" there: the
    # typed text is checked above against the format's rule, not against openpyxl.
    assert oracle[0][1] == "Citation\r"
    oracle[0][1] = "Citation_x000D_"
    assert oracle[1][2] == "#N/A" and oracle[2][2] == "#DIV/0!"  # calamine reads them as ""
    assert table.problem_cells == {
        (
            2,
            2,
        ): "an Excel error (#N/A) instead of an answer: correct the cell in Excel, save, and import again",
        (
            3,
            2,
        ): "an Excel error (#DIV/0!) instead of an answer: correct the cell in Excel, save, and import again",
    }
    for row, column in table.problem_cells:
        oracle[row - 1][column] = None
    assert as_read(table) == oracle


def test_an_ods_reads_as_it_was_written(tmp_path: Path) -> None:
    table = read_table(ef.ods_export(tmp_path))
    assert (table.kind, table.sheet) == ("ods", "Responses")
    assert table.notes == ("Read the sheet 'Responses' (the first sheet, 'Lists', is hidden).",)
    assert as_read(table) == normalise(ef.ODS_TABLE)  # neither csv nor openpyxl reads an .ods


def test_an_excel_97_workbook_reads_as_it_was_written(tmp_path: Path) -> None:
    table = read_table(ef.excel_97_xls(tmp_path))
    assert (table.kind, table.sheet) == ("xls", "Responses")
    assert table.notes == ("Read the sheet 'Responses' (the first sheet, 'Setup', is hidden).",)
    assert as_read(table) == normalise(ef.EXCEL_97_TABLE)


# ---- refused, in one line naming the file --------------------------------------------------


@pytest.mark.parametrize(
    ("builder", "message"),
    [
        (ef.password_xlsx, r"^password\.xlsx is protected by a password.*Protect Workbook"),
        (ef.pdf_named_xlsx, r"^nominations\.xlsx is a PDF document, not a spreadsheet"),
        (ef.empty_file, r"^empty\.csv is empty"),
        (ef.word_named_xlsx, r"^citations\.xlsx is a Word document"),
        (ef.html_named_xls, r"^export\.xls is a web page \(HTML\)"),
        (ef.png_named_csv, r"^photo\.csv is a PNG picture"),
        (ef.zip_bomb, r"^bomb\.xlsx would unpack to 1\.1 GB, more than the 1 GB"),
        (ef.stray_far_cell, r"^far\.xlsx has 1,048,576 rows, more than the 250,000"),
        (ef.ods_repeated_value, r"^repeated\.ods has 1,048,576 rows"),
        (ef.csv_too_many_rows, r"^log\.csv has 250,001 rows"),
    ],
    ids=lambda value: getattr(value, "__name__", None),
)
def test_files_that_cannot_be_read_are_refused(
    tmp_path: Path, builder: Callable[[Path], Path], message: str
) -> None:
    with pytest.raises(TableError, match=message) as refused:
        read_table(builder(tmp_path))
    assert "\n" not in str(refused.value)


def test_a_password_is_never_called_an_old_workbook(tmp_path: Path) -> None:
    with pytest.raises(TableError) as refused:
        read_table(ef.password_xlsx(tmp_path))
    assert "97-2003" not in str(refused.value) and "old" not in str(refused.value)


# ---- every file, cut short and renamed: a table or one line, nothing else -----------------


@pytest.mark.parametrize("name", sorted(ef.BUILDERS))
def test_every_file_reads_or_is_refused_in_one_line(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], name: str
) -> None:
    built = ef.BUILDERS[name](tmp_path)
    paths = [built]
    if name not in ef.LARGE:
        copies = tmp_path / "copies"
        copies.mkdir()
        paths += ef.cut_copies(built, copies) + ef.renamed_copies(built, copies)
    for path in paths:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a library's warning would reach stderr
            try:
                table = read_table(path)
            except TableError as refused:
                message = str(refused)
                assert path.name in message and "\n" not in message, message
            else:
                _assert_in_the_readers_shape(table, path)
    assert capfd.readouterr() == ("", "")  # nothing printed, not even by native code


def _assert_in_the_readers_shape(table: RawTable, path: Path) -> None:
    assert table.file_name == path.name
    assert table.kind in {"xlsx", "xls", "ods", "csv"}
    assert (table.encoding != "") == (table.kind == "csv")
    assert (table.sheet != "") == (table.kind != "csv")
    assert table.rows and any(cell is not None for cell in table.rows[-1])
    width = len(table.rows[0])
    assert width and any(row[-1] is not None for row in table.rows)
    for row in table.rows:
        assert len(row) == width and "" not in row
    for row_number, column in table.problem_cells:
        assert 1 <= row_number <= len(table.rows) and 0 <= column < width


def test_the_bom_of_a_utf8_file_is_not_a_heading(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"Nominee,Citation\r\nZo\xc3\xab,x\r\n")
    assert read_table(path).rows[0][0] == "Nominee"
