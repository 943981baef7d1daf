"""Files shaped like real form exports, built small, for the reader's tests.

Each builder writes one file into ``folder`` and returns its path. They reproduce what real
exports hold and what broke the old reader: answers with ``""`` and line breaks (Google Sheets,
Excel), UTF-16 "Unicode Text", Excel's Windows-1252 CSV on a UK PC, SurveyMonkey's stray NULs,
an xlsx renamed ``.xls``/``.csv``/no extension, an ``.ods``, Gnumeric's whole-sheet dimension,
Strict Open XML, hidden and empty first sheets, formulas saved with no result, Excel's
``_x000D_``, and files that are not what they claim (a PDF, a zip bomb, an empty file, a
password). ``BUILDERS`` lists them all, for the test that feeds every one to the reader.

The rows each builder writes are module constants, so a test can compare what was read with
what was written (where neither ``csv`` nor openpyxl can read the file, as for an ``.ods``).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import shutil
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"

HEADINGS = ["Timestamp", "Email address", "Category", "Nominee", "Citation"]
# The answers that break naive readers: "" escapes, commas, semicolons and tabs, line breaks
# (one left blank), an empty answer, names with accents, and a character past the BMP.
ANSWERS = [
    [
        "2026/03/16 8:24:52 PM GMT",
        "nora.quinn@stockton.gov.uk",
        "Pride of Stockton",
        "Zoë Whitfield",
        'He said "thank you" twice, and meant it; every time.',
    ],
    [
        "2026/03/17 9:01:10 AM GMT",
        "priya.shah@stockton.gov.uk",
        "Extra Mile",
        "Siobhán O'Neill",
        "Line one\nLine two\n\nLine four,\twith a tab",
    ],
    ["2026/03/18 10:15:00 AM GMT", "", "Team of the Year", "Nguyễn Thị Minh Khai", ""],
    [
        "2026/03/19 11:30:00 AM GMT",
        "owen@stockton.gov.uk",
        "Pride of Stockton",
        "Łukasz Nowak",
        'Quotes at the ends: "yes"',
    ],
    ["2026/03/20 12:00:00 PM GMT", "amy@stockton.gov.uk", "Extra Mile", "Amy 🎉 Lee", '""'],
]
TABLE = [HEADINGS, *ANSWERS]

# Text that Windows-1252 can hold (no Vietnamese, Polish or emoji), as Excel on a UK PC saves.
WINDOWS_1252_TABLE = [
    ["Nominee", "Team", "Citation"],
    ["Zoë Whitfield", "Parks", "“Brilliant” – always £5 in the kitty"],
    ["Siobhán O'Neill", "Roads", 'She said "no problem", twice'],
    ["Renée Dubois", "Café", "Line one\r\nLine two"],
]

# What a workbook holds: a date and time, a date, numbers, a boolean, an empty cell.
WORKBOOK_TABLE: list[list[Any]] = [
    ["ID", "Completion time", "Nominee", "Citation", "Score", "Consent", "Start date"],
    [
        1,
        datetime(2026, 3, 16, 20, 24, 52),
        "Zoë Whitfield",
        "Kind\nand brave",
        4.5,
        True,
        date(2026, 3, 1),
    ],
    [
        2,
        datetime(2026, 3, 17, 9, 1),
        "Siobhán O'Neill",
        'He said "thanks"',
        5,
        False,
        date(2026, 3, 2),
    ],
    [3, datetime(2026, 3, 18, 10, 15), "Nguyễn Thị", None, 3, True, date(2026, 3, 3)],
]


# ---- CSV and text --------------------------------------------------------------------------


def csv_text(rows: list[list[Any]], delimiter: str = ",") -> str:
    """What Python's csv.writer writes: RFC 4180 with CRLF, as Google Forms and Excel do."""
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return out.getvalue()


def google_forms_csv(folder: Path) -> Path:
    """UTF-8 without a BOM, comma, answers holding "" and line breaks."""
    path = folder / "Staff awards (Responses) - Form responses 1.csv"
    path.write_bytes(csv_text(TABLE).encode("utf-8"))
    return path


def excel_csv_utf8(folder: Path) -> Path:
    """Excel's "CSV UTF-8 (Comma delimited)": a BOM first."""
    path = folder / "excel-utf8.csv"
    path.write_bytes(codecs.BOM_UTF8 + csv_text(TABLE).encode("utf-8"))
    return path


def excel_csv_windows_1252(folder: Path) -> Path:
    """Excel's "CSV (Comma delimited)" on a UK Windows PC: Windows-1252, not UTF-8."""
    path = folder / "excel-ansi.csv"
    path.write_bytes(csv_text(WINDOWS_1252_TABLE).encode("cp1252"))
    return path


def excel_csv_semicolon(folder: Path) -> Path:
    """Excel where the list separator is ";" (much of Europe): decimal commas in answers."""
    rows = [["Nominee", "Score", "Citation"], ["Zoë", "4,5", "Kind, brave"], ["Owen", "3", "x"]]
    path = folder / "excel-semicolon.csv"
    path.write_bytes(codecs.BOM_UTF8 + csv_text(rows, ";").encode("utf-8"))
    return path


def excel_unicode_text(folder: Path) -> Path:
    """Excel's "Unicode Text (*.txt)": UTF-16 little-endian with a BOM, tab-separated."""
    path = folder / "unicode-text.txt"
    path.write_bytes(csv_text(TABLE, "\t").encode("utf-16"))
    return path


def utf16_without_bom(folder: Path, byte_order: str = "le") -> Path:
    """UTF-16 with no BOM (some tools write it so), tab-separated."""
    path = folder / f"utf16-{byte_order}.csv"
    path.write_bytes(csv_text(TABLE, "\t").encode(f"utf-16-{byte_order}"))
    return path


def utf16_big_endian_without_bom(folder: Path) -> Path:
    return utf16_without_bom(folder, "be")


SURVEYMONKEY_TABLE = [
    ["Respondent ID", "Collector ID", "Who are you nominating?", ""],
    ["", "", "First name", "Last name"],
    ["114", "431", "Zoë", "Whitfield"],
    ["115", "431", "Siobhán", "O'Neill"],
]


def surveymonkey_legacy_csv(folder: Path) -> Path:
    """SurveyMonkey's older CSV export: two heading rows, and NUL bytes scattered in UTF-8."""
    text = csv_text(SURVEYMONKEY_TABLE).encode("utf-8")
    path = folder / "Sheet_1.csv"
    path.write_bytes(text.replace(b"\r\n", b"\x00\r\n").replace(b"431", b"4\x0031") + b"\x00\x00")
    return path


RAGGED_TABLE = [
    ["ID", "Nominee", "Citation", "Notes"],
    ["1", "Zoë"],
    ["2", "Owen", "Kind"],
    ["3", "Amy", "x", "y"],
]


def ragged_csv(folder: Path) -> Path:
    """Rows that leave off their trailing empty answers (hand-made and some tools' CSV)."""
    path = folder / "ragged.csv"
    path.write_bytes(csv_text(RAGGED_TABLE).encode("utf-8"))
    return path


def csv_cut_inside_an_answer(folder: Path) -> Path:
    """A download cut short in the middle of a quoted answer that spans lines."""
    text = csv_text(TABLE).encode("utf-8")
    path = folder / "cut.csv"
    path.write_bytes(text[: text.index(b"Line two")])
    return path


def csv_too_many_rows(folder: Path) -> Path:
    """More rows than the reader takes (250,000): a log, not a form export."""
    path = folder / "log.csv"
    path.write_bytes(b"When,What\r\n" + b"1,x\r\n" * 250_001)
    return path


# ---- workbooks -----------------------------------------------------------------------------


def _workbook(path: Path, sheets: dict[str, list[list[Any]]], hidden: tuple[str, ...] = ()) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, date) and not isinstance(cell.value, datetime):
                    cell.number_format = "dd/mm/yyyy"
        if title in hidden:
            sheet.sheet_state = "hidden"
    workbook.save(path)
    return path


def xlsx_export(folder: Path, name: str = "Form1.xlsx") -> Path:
    """An export as Microsoft Forms gives it: one sheet of answers, dates as date cells."""
    return _workbook(folder / name, {"Form1": WORKBOOK_TABLE})


def xlsx_named_xls(folder: Path) -> Path:
    """A valid xlsx whose name ends .xls (the README promises the bytes decide)."""
    return _renamed(xlsx_export(folder, "tmp-xls.xlsx"), folder / "responses.xls")


def xlsx_named_csv(folder: Path) -> Path:
    return _renamed(xlsx_export(folder, "tmp-csv.xlsx"), folder / "responses.csv")


def xlsx_with_no_extension(folder: Path) -> Path:
    return _renamed(xlsx_export(folder, "tmp-none.xlsx"), folder / "responses")


def _renamed(path: Path, to: Path) -> Path:
    path.replace(to)
    return to


def rewrite_zip(source: Path, target: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of a zip with each member passed through ``change`` (None leaves it out)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info.filename, data)
    return target


def gnumeric_whole_sheet(folder: Path) -> Path:
    """Gnumeric declares the used range as the whole sheet, A1:XFD1048576."""
    source = xlsx_export(folder, "tmp-gnumeric.xlsx")

    def declare_everything(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):
            return re.sub(
                rb"<dimension ref=\"[^\"]*\"\s*/>", b'<dimension ref="A1:XFD1048576"/>', data
            )
        return data

    path = rewrite_zip(source, folder / "gnumeric.xlsx", declare_everything)
    source.unlink()
    return path


_STRICT = (
    (
        b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        b"http://purl.oclc.org/ooxml/spreadsheetml/main",
    ),
    (
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
        b"http://purl.oclc.org/ooxml/officeDocument/relationships",
    ),
    (
        b"http://schemas.openxmlformats.org/drawingml/2006/main",
        b"http://purl.oclc.org/ooxml/drawingml/main",
    ),
)


def strict_ooxml(folder: Path) -> Path:
    """Excel's "Strict Open XML Spreadsheet": other namespaces (openpyxl: IndexError)."""
    source = xlsx_export(folder, "transitional.xlsx")

    def to_strict(name: str, data: bytes) -> bytes:
        for transitional, strict in _STRICT:
            data = data.replace(transitional, strict)
        return data

    return rewrite_zip(source, folder / "strict.xlsx", to_strict)


def hidden_first_sheet(folder: Path) -> Path:
    """A hidden first sheet of settings before the answers."""
    sheets = {"Setup": [["Round", "2026"], ["Hidden", "yes"]], "Responses": WORKBOOK_TABLE}
    return _workbook(folder / "hidden-first.xlsx", sheets, hidden=("Setup",))


def empty_first_sheet(folder: Path) -> Path:
    """An empty "Sheet1" left before the sheet the answers were pasted into."""
    return _workbook(folder / "empty-first.xlsx", {"Sheet1": [], "Nominations": WORKBOOK_TABLE})


def title_above_headings(folder: Path) -> Path:
    """A title row, a blank row, then the headings (hand-made sheets, Typeform)."""
    rows: list[list[Any]] = [["Staff awards 2026: responses"], [], *WORKBOOK_TABLE]
    return _workbook(folder / "titled.xlsx", {"Responses": rows})


FORMULA_TABLE: list[list[Any]] = [
    ["Nominee", "Score 1", "Score 2", "Total"],
    ["Zoë Whitfield", 4, 5, "=B2+C2"],
    ["Siobhán O'Neill", 3, 3, "=B3+C3"],
]


def formula_without_result(folder: Path) -> Path:
    """openpyxl saves a formula with no result; Excel would save one. Read as "" it would
    be an empty answer: the reader lists it as a problem cell instead."""
    return _workbook(folder / "formulas.xlsx", {"Scores": FORMULA_TABLE})


def excel_shared_strings(folder: Path) -> Path:
    """As Excel writes text: in sharedStrings.xml, a carriage return as _x000D_ (and a literal
    "_x000D_" typed by a person as _x005F_x000D_), and cached errors from formulas."""
    source = _workbook(folder / "tmp-shared.xlsx", {"Sheet1": [["placeholder"]]})
    sheet = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<dimension ref="A1:C3"/><sheetData>'
        b'<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
        b'<row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" t="s"><v>4</v></c>'
        b'<c r="C2" t="e"><f>VLOOKUP(A2,Other!A:B,2,0)</f><v>#N/A</v></c></row>'
        b'<row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" t="str"><f>A3&amp;""</f><v>Owen</v></c>'
        b'<c r="C3" t="e"><v>#DIV/0!</v></c></row>'
        b"</sheetData></worksheet>"
    )
    strings = ["Nominee", "Citation", "Team", "Zoë", "Line one_x000D_\nLine two", "Owen"]
    strings[1] = "Citation_x005F_x000D_"  # the text "Citation_x000D_" as typed
    shared = (
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + "".join(f"<si><t>{text}</t></si>" for text in strings)
        + "</sst>"
    ).encode()

    def excel_like(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return sheet
        if name == "[Content_Types].xml":
            return data.replace(
                b"</Types>",
                b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
            )
        if name == "xl/_rels/workbook.xml.rels":
            return data.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.'
                b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
                b"</Relationships>",
            )
        return data

    path = rewrite_zip(source, folder / "excel-shared-strings.xlsx", excel_like)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", shared)
    source.unlink()
    return path


# What excel_shared_strings holds, as Excel shows it (the errors are problem cells).
SHARED_STRINGS_TABLE = [
    ["Nominee", "Citation_x000D_", "Team"],
    ["Zoë", "Line one\r\nLine two", None],
    ["Owen", "Owen", None],
]


def prefixed_xml(folder: Path) -> Path:
    """The sheet XML with a namespace prefix on every element (<x:c>, <x:f>), as programs
    built on Microsoft's Open XML SDK write it; a formula in it has no saved result."""
    source = formula_without_result(folder)

    def prefix(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            data = re.sub(rb"<(/?)([A-Za-z])", rb"<\1x:\2", data)
            return data.replace(b'xmlns="', b'xmlns:x="', 1)
        return data

    path = rewrite_zip(source, folder / "open-xml-sdk.xlsx", prefix)
    source.unlink()
    return path


def cells_without_references(folder: Path) -> Path:
    """Cells placed by their order alone (no r="B2"), which the format allows."""
    source = formula_without_result(folder)

    def drop_refs(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return re.sub(rb'(<c) r="[A-Z]+[0-9]+"', rb"\1", data)
        return data

    path = rewrite_zip(source, folder / "no-refs.xlsx", drop_refs)
    source.unlink()
    return path


def stray_far_cell(folder: Path) -> Path:
    """A stray value at XFD1048576, the sheet's last cell: laid out it would need 17 billion
    cells (calamine stops the whole process when it cannot allocate them)."""
    source = xlsx_export(folder, "tmp-far.xlsx")

    def far(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return data.replace(
                b"</sheetData>",
                b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>',
            )
        return data

    path = rewrite_zip(source, folder / "far.xlsx", far)
    source.unlink()
    return path


def formatted_far_cell(folder: Path) -> Path:
    """An empty cell with a format at XFD1048576 (a whole sheet formatted): it takes no room,
    so the sheet reads as usual."""
    source = xlsx_export(folder, "tmp-formatted.xlsx")

    def formatted(name: str, data: bytes) -> bytes:
        if name == "xl/worksheets/sheet1.xml":
            return data.replace(
                b"</sheetData>",
                b'<row r="1048576"><c r="XFD1048576" s="0"/></row></sheetData>',
            )
        return data

    path = rewrite_zip(source, folder / "formatted.xlsx", formatted)
    source.unlink()
    return path


# What data/responses.xls holds on its sheet "Responses" (data/make_fixtures.py wrote it).
EXCEL_97_TABLE: list[list[Any]] = [
    ["Nominee", "Citation", "Received", "Score"],
    ["Zoë Whitfield", 'He said "thank you"\ntwice', datetime(2026, 3, 16, 20, 24), 5],
    [],
    ["Siobhán O'Neill", "Always kind", datetime(2026, 3, 17, 9, 5), 4.5],
]


def excel_97_xls(folder: Path) -> Path:
    """A real Excel 97-2003 workbook (made with xlwt: see data/make_fixtures.py): a hidden
    first sheet, then the answers."""
    return Path(shutil.copy(DATA / "responses.xls", folder / "responses.xls"))


def password_xlsx(folder: Path) -> Path:
    """A workbook with a password to open, as Excel saves it: an OLE file, not a zip."""
    return Path(shutil.copy(DATA / "password.xlsx", folder / "password.xlsx"))


# ---- OpenDocument --------------------------------------------------------------------------

_ODS_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"'
)


def _ods_cell(value: Any) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, bool):
        flag = "true" if value else "false"
        return f'<table:table-cell office:value-type="boolean" office:boolean-value="{flag}"><text:p>{flag.upper()}</text:p></table:table-cell>'
    if isinstance(value, int | float):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    if isinstance(value, date):
        return f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"><text:p>{value}</text:p></table:table-cell>'
    paragraphs = "".join(f"<text:p>{_xml_text(line)}</text:p>" for line in str(value).split("\n"))
    return f'<table:table-cell office:value-type="string">{paragraphs}</table:table-cell>'


def _xml_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _ods(path: Path, tables_xml: str) -> Path:
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NAMESPACES} '
        'office:version="1.2"><office:automatic-styles>'
        '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>'
        '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>'
        f"</office:automatic-styles><office:body><office:spreadsheet>{tables_xml}"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:'
        'names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/'
        'vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="'
        'content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


ODS_TABLE: list[list[Any]] = [
    ["Nominee", "Citation", "Score", "Received", "Consent"],
    ["Zoë Whitfield", "Line one\nLine two", 4.5, datetime(2026, 3, 16, 20, 24), True],
    [None, None, None, None, None],
    ["Siobhán O'Neill", 'He said "thanks" & <left>', 5, date(2026, 3, 17), False],
]


def ods_export(folder: Path) -> Path:
    """An .ods as Excel or LibreOffice saves one: a hidden sheet first, rows and cells
    "repeated" to the sheet's edge (harmless when empty), and the answers."""
    rows = "".join(
        "<table:table-row>"
        + "".join(_ods_cell(value) for value in row)
        + '<table:table-cell table:number-columns-repeated="16379"/></table:table-row>'
        for row in ODS_TABLE
    )
    tables_xml = (
        '<table:table table:name="Lists" table:style-name="ta2"><table:table-row>'
        f"{_ods_cell('hidden')}</table:table-row></table:table>"
        f'<table:table table:name="Responses" table:style-name="ta1">{rows}'
        '<table:table-row table:number-rows-repeated="1048572">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>'
    )
    return _ods(folder / "responses.ods", tables_xml)


def ods_repeated_value(folder: Path) -> Path:
    """An .ods whose one row with a value is "repeated" 1,048,576 times."""
    tables_xml = (
        '<table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="1048576">'
        f"{_ods_cell('x')}{_ods_cell('y')}</table:table-row></table:table>"
    )
    return _ods(folder / "repeated.ods", tables_xml)


# ---- not what they claim -------------------------------------------------------------------


def pdf_named_xlsx(folder: Path) -> Path:
    path = folder / "nominations.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    return path


def empty_file(folder: Path) -> Path:
    path = folder / "empty.csv"
    path.write_bytes(b"")
    return path


def word_named_xlsx(folder: Path) -> Path:
    path = folder / "citations.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def html_named_xls(folder: Path) -> Path:
    """Some tools' "Excel" download is a web page with a table in it."""
    path = folder / "export.xls"
    path.write_text(
        "<html><head><meta charset='utf-8'></head><body><table><tr><td>Nominee</td></tr>"
        "<tr><td>Zoë</td></tr></table></body></html>",
        encoding="utf-8",
    )
    return path


def png_named_csv(folder: Path) -> Path:
    path = folder / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01" + bytes(range(256)))
    return path


# More than the 1 GB the reader unpacks, in a file of about 1 MB: a zip bomb's shape.
_BOMB_BLOCKS = 64
_BOMB_BLOCK = 16 * 1024 * 1024


@cache
def _bomb_member() -> tuple[bytes, int, int]:
    """(raw deflate stream, CRC-32, size) of 1 GiB of zeros, made quickly: after a full flush
    the compressor starts afresh, so each 16 MiB block compresses to the same bytes."""
    block = bytes(_BOMB_BLOCK)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(_BOMB_BLOCKS):
        crc = zlib.crc32(block, crc)
    return piece * _BOMB_BLOCKS + compressor.flush(), crc, _BOMB_BLOCK * _BOMB_BLOCKS


def zip_bomb(folder: Path) -> Path:
    """A working xlsx with one more member that unpacks to 1 GiB of zeros."""
    source = xlsx_export(folder, "tmp-bomb.xlsx")
    members: list[tuple[str, bytes, int, int]] = []
    with zipfile.ZipFile(source) as archive:
        for info in archive.infolist():
            data = archive.read(info.filename)
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            members.append(
                (
                    info.filename,
                    compressor.compress(data) + compressor.flush(),
                    zlib.crc32(data),
                    len(data),
                )
            )
    source.unlink()
    members.append(("xl/media/padding.bin", *_bomb_member()))
    path = folder / "bomb.xlsx"
    path.write_bytes(_zip_by_hand(members))
    return path


def _zip_by_hand(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of already deflated members (name, deflated bytes, CRC-32, size), which zipfile
    cannot write; no member may be 4 GiB or more."""
    out, central = bytearray(), bytearray()
    for name, deflated, crc, size in members:
        offset, encoded = len(out), name.encode()
        fields = (8, 0, 0x21, crc, len(deflated), size, len(encoded), 0)  # deflate, 1980-01-01
        out += struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, *fields) + encoded + deflated
        central += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, *fields, 0, 0, 0, 0, offset)
        central += encoded
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central), len(out), 0
    )
    return bytes(out + central + end)


# ---- every file, and copies cut short or renamed -------------------------------------------

BUILDERS: dict[str, Callable[[Path], Path]] = {
    builder.__name__: builder
    for builder in (
        google_forms_csv,
        excel_csv_utf8,
        excel_csv_windows_1252,
        excel_csv_semicolon,
        excel_unicode_text,
        utf16_without_bom,
        utf16_big_endian_without_bom,
        surveymonkey_legacy_csv,
        ragged_csv,
        csv_cut_inside_an_answer,
        csv_too_many_rows,
        xlsx_export,
        xlsx_named_xls,
        xlsx_named_csv,
        xlsx_with_no_extension,
        gnumeric_whole_sheet,
        strict_ooxml,
        hidden_first_sheet,
        empty_first_sheet,
        title_above_headings,
        formula_without_result,
        excel_shared_strings,
        prefixed_xml,
        cells_without_references,
        stray_far_cell,
        formatted_far_cell,
        excel_97_xls,
        password_xlsx,
        ods_export,
        ods_repeated_value,
        pdf_named_xlsx,
        empty_file,
        word_named_xlsx,
        html_named_xls,
        png_named_csv,
        zip_bomb,
    )
}
# Large enough that reading a copy takes a while: fed whole, not cut or renamed.
LARGE = {"csv_too_many_rows", "zip_bomb"}


def cut_copies(path: Path, folder: Path) -> list[Path]:
    """Copies of ``path`` cut short at several points: a download or a copy that stopped."""
    data = path.read_bytes()
    points = sorted({1, 2, 4, 8, 30, 100, len(data) // 3, len(data) // 2, len(data) - 1})
    copies = []
    for point in points:
        if 0 < point < len(data):
            copy = folder / f"cut-{point}-{path.name}"
            copy.write_bytes(data[:point])
            copies.append(copy)
    return copies


def renamed_copies(path: Path, folder: Path) -> list[Path]:
    """Copies of ``path`` under other names: the reader must not care."""
    copies = []
    for suffix in (".xlsx", ".xls", ".csv", ".ods", ""):
        copy = folder / f"renamed-{path.stem}{suffix}"
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    return copies
