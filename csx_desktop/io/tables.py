"""Reading the file a person picked into numbered rows, or one clear refusal.

Every import (nominations, panel, interests, paper scores, ballots) starts here, so each fix to
reading reaches all of them. A silent mis-read is the worst defect this product can have, so
the reader either returns what the spreadsheet shows or refuses in one line naming the file.

* The format comes from the file's bytes, never its name. Workbooks (xlsx, xlsm, xls, ods) are
  read by python-calamine, which detects the format from the bytes, reads all four, does not
  pad rows to a declared range (Gnumeric declares A1:XFD1048576) and reads Strict Open XML.
  Anything else that is text is CSV. A PDF, a picture, a Word file, a web page, a
  password-protected workbook, an empty, cut-short or zip-bomb-like file each get one line
  saying what the file is and what to do.
* The sheet read is the first visible sheet with data, unless the person names one; a hidden
  or empty sheet passed over, and other sheets not read, are said in ``notes``.
* CSV is read as RFC 4180 (``,`` and ``"`` with ``""`` escapes, answers spanning lines, and
  strict, so a cut-short file is refused rather than shifted). Only the delimiter is found
  (``,``, ``;`` or tab), from whole records: ``csv.Sniffer`` on a heading row turns
  ``doublequote`` off and splits every answer holding ``""``. Text is UTF-8 (with or without a
  BOM), UTF-16 (Excel's "Unicode Text"), or else Windows-1252, which goes in ``notes`` so the
  person checks accented names in the preview.
* Rows are as the spreadsheet shows them: ``rows[0]`` is row 1, index 0 is column A, blank rows
  keep their numbers, every row has the same length, an empty cell is None, and trailing empty
  rows and columns are dropped.
* A cell that reads as empty but is not (a formula saved with no result, as openpyxl writes
  them, or an Excel error such as #N/A) is listed in ``problem_cells`` for the import to refuse
  its row: calamine reads both as "".
* Limits on size, rows, columns and cell length keep a wrong file from freezing the app. How
  far a sheet reaches is found from its XML before calamine lays it out in memory, because
  calamine stops the whole process when that allocation fails (a stray value at XFD1048576).

Dates in a column are read by ``io.dates``, one way for the whole column.
"""

from __future__ import annotations

import codecs
import collections
import csv
import io
import itertools
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from python_calamine import (
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from csx_desktop.store.errors import CsxError

Cell = Any  # str, int, float, bool, datetime, date, time, timedelta or None

# ---- limits --------------------------------------------------------------------------------
# Each is far beyond any real form export (the largest round planned for is 50,000 ballots: a
# few MB, a dozen or so columns), so only a wrong file meets one; each keeps such a file from
# freezing the app or exhausting the memory of the council laptop it runs on.

# A 50,000-ballot export is about 5 MB as xlsx and 10 MB as CSV: 100 MB is ten times that.
MAX_FILE_BYTES = 100 * 1000 * 1000
# A workbook unpacks to 5-10 times its size, so a file under the size limit unpacks to less
# than this; more is a zip bomb or not a form export, and is refused before anything unpacks.
MAX_UNPACKED_BYTES = 1000 * 1000 * 1000
# Five times the largest round's ballots.
MAX_ROWS = 250_000
# A form that exports one column per choice reaches a few hundred columns.
MAX_COLUMNS = 1_000
# The table as laid out (rows x columns): calamine takes about 60 bytes a cell while it reads
# (measured), Python a list slot and an object more, so 10 million cells is about 1 GB at
# worst; a 50,000-ballot export of 20 columns is 1 million.
MAX_CELLS = 10_000_000
# Excel holds at most 32,767 characters a cell and a long citation is a few thousand.
MAX_CELL_CHARS = 100_000

ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")  # a file, an empty zip, a split zip
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls, and any passworded Office file
PDF_MAGIC = b"%PDF"

# Other kinds of file that people pick by mistake, named so the refusal says what it is.
_NOT_SPREADSHEETS = (
    (PDF_MAGIC, "a PDF document"),
    (b"\x89PNG", "a PNG picture"),
    (b"\xff\xd8\xff", "a JPEG picture"),
    (b"GIF8", "a GIF picture"),
    (b"{\\rtf", "a Rich Text document"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
)
_EXPORT_AGAIN = "Export the responses from your form tool as Excel (.xlsx) or CSV."
_SAVE_AGAIN = "Open it in Excel, save it as an Excel Workbook (.xlsx), and import that."
_PASSWORD = (
    "{name} is protected by a password, so it cannot be read. Remove the password in Excel "
    "(File > Info > Protect Workbook > Encrypt with Password, clear it), save, and import "
    "it again."
)


class TableError(CsxError):
    """The file cannot be read as a table; the message names it and says what to do."""


@dataclass(frozen=True, slots=True)
class RawTable:
    """One sheet of a workbook, or a CSV file, as the spreadsheet shows it.

    ``rows[0]`` is spreadsheet row 1 and ``rows[n][0]`` column A; blank rows keep their numbers;
    every row has the same length; an empty cell is None. ``problem_cells`` maps (row number,
    column index) to why a cell that reads as empty holds no usable answer.
    """

    file_name: str
    kind: str  # "xlsx", "xls", "ods" or "csv"
    rows: list[list[Cell]]
    encoding: str = ""  # CSV: "UTF-8", "UTF-16" or "Windows-1252"; "" for workbooks
    sheet: str = ""  # workbooks: the sheet read
    notes: tuple[str, ...] = ()  # plain-words lines for the import to show
    problem_cells: dict[tuple[int, int], str] = field(default_factory=dict)

    def numbered(self, start_row: int) -> list[tuple[int, list[Cell]]]:
        """(row number, cells) from ``start_row`` on, skipping rows with nothing in them. A row
        with a problem cell is kept: its answer is there but could not be read."""
        problem_rows = {row for row, _ in self.problem_cells}
        return [
            (number, cells)
            for number, cells in enumerate(self.rows[start_row - 1 :], start=start_row)
            if _has_answer(cells) or number in problem_rows
        ]


def _has_answer(cells: list[Cell]) -> bool:
    """Whether a row holds anything (``is_blank`` for each cell, without a call per cell:
    50,000 ballots' rows are looked at this way; a loop, not any(), for the same reason)."""
    for cell in cells:  # noqa: SIM110
        if cell is not None and (cell.__class__ is not str or cell.strip()):
            return True
    return False


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Cell) -> str:
    """A cell as tidy text, as a spreadsheet shows it ("" for empty): whole numbers lose their
    ".0", TRUE and FALSE are in capitals, a date has no time, a duration is hours:mm:ss."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "TRUE" if cell else "FALSE"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    if isinstance(cell, timedelta):
        seconds = round(cell.total_seconds())
        sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
        return f"{sign}{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return str(cell).strip()


def read_table(path: str | Path, *, sheet: str | None = None) -> RawTable:
    """Read a workbook's first visible sheet with data (or the sheet named), or a CSV file,
    judged by its bytes; raise ``TableError`` with one line a person can act on otherwise."""
    path = Path(path)
    data = _read_bytes(path)
    name = path.name
    if _BLANK_BYTES.fullmatch(data):
        raise TableError(f"{name} is empty: there is nothing to import.")
    if data.startswith(ZIP_MAGICS):
        return _read_zipped(name, data, sheet)
    if data.startswith(OLE_MAGIC):
        return _read_ole(name, data, sheet)
    for magic, what in _NOT_SPREADSHEETS:
        if data.startswith(magic):
            raise TableError(f"{name} is {what}, not a spreadsheet. {_EXPORT_AGAIN}")
    return _read_text(name, data, sheet)


_BLANK_BYTES = re.compile(rb"[\s\x00]*")


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise TableError(f"{path.name} is a folder, not a file: choose the file inside it.")
        if size > MAX_FILE_BYTES:
            raise TableError(
                f"{path.name} is {size / 1e6:,.0f} MB, more than the {MAX_FILE_BYTES / 1e6:,.0f} "
                "MB an import reads (a form export is a few MB): check it is the right file."
            )
        return path.read_bytes()
    except FileNotFoundError as error:
        raise TableError(f"There is no file at {path}.") from error
    except OSError as error:
        raise TableError(f"{path.name} cannot be read: {error.strerror or error}.") from error


@contextmanager
def _unreadable(name: str, message: str) -> Iterator[None]:
    """Any failure inside zipfile, zlib or calamine means the file is damaged or not what it
    seems: turn it into ``message``. The bytes come from anywhere and reach deep into native
    code whose exceptions are many and not documented (a Rust panic arrives as a
    BaseException), so everything but an interrupt is caught here, in this one place."""
    try:
        yield
    except TableError:
        raise
    except PasswordError as error:
        raise TableError(_PASSWORD.format(name=name)) from error
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except MemoryError as error:
        raise TableError(f"{name} is too large to read: check it is the right file.") from error
    except BaseException as error:
        raise TableError(message) from error


# ---- workbooks -----------------------------------------------------------------------------

_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_DAMAGED = (
    "{name} cannot be read as {what}: it may be damaged, cut short while downloading, or "
    "another kind of file renamed. Download or export it again (or open it in Excel and save "
    "it again), then import that."
)


def _read_zipped(name: str, data: bytes, sheet: str | None) -> RawTable:
    """An xlsx, xlsm or ods (a zip of XML), after the checks that need no unpacking."""
    damaged = _DAMAGED.format(name=name, what="a spreadsheet")
    with _unreadable(name, damaged):
        archive = zipfile.ZipFile(io.BytesIO(data))
    with archive, _unreadable(name, damaged):
        infos = archive.infolist()
        unpacked = sum(info.file_size for info in infos)
        if unpacked > MAX_UNPACKED_BYTES:
            raise TableError(
                f"{name} would unpack to {unpacked / 1e9:,.1f} GB, more than the "
                f"{MAX_UNPACKED_BYTES / 1e9:,.0f} GB an import unpacks (it is built like a zip "
                "bomb, or is not a form export), so it was not opened."
            )
        parts = {info.filename for info in infos}
        mimetype = b""
        if "mimetype" in parts:
            with archive.open("mimetype") as member:
                mimetype = member.read(100).strip()
        kind = _zip_kind(name, parts, mimetype)
        if kind == "ods":
            if "content.xml" in parts:
                _check_ods_extent(name, archive.read("content.xml"))
            return _read_workbook(name, data, "ods", sheet, _no_xml)
        return _read_workbook(name, data, "xlsx", sheet, _XlsxSheets(archive, parts))


def _zip_kind(name: str, parts: set[str], mimetype: bytes) -> str:
    """ "xlsx" or "ods", from the parts a zip holds; any other zip is refused, named."""
    if mimetype.startswith(_ODS_MIMETYPE):
        return "ods"
    if any(part.startswith("xl/") for part in parts):
        return "xlsx"
    if any(part.startswith("word/") for part in parts):
        what = "a Word document"
    elif any(part.startswith("ppt/") for part in parts):
        what = "a PowerPoint presentation"
    elif mimetype.startswith(b"application/vnd.oasis.opendocument"):
        what = "an OpenDocument file that is not a spreadsheet (a text or a presentation)"
    elif "content.xml" in parts:
        return "ods"
    elif "[Content_Types].xml" in parts:
        return "xlsx"  # an Office file with its workbook somewhere unusual: calamine decides
    else:
        what = "a zip archive" if parts else "an empty zip archive"
        raise TableError(
            f"{name} is {what}, not a spreadsheet. If the export came as a zip file, unzip it "
            "and import the spreadsheet inside."
        )
    raise TableError(f"{name} is {what}, not a spreadsheet. {_EXPORT_AGAIN}")


# An OLE file holding these two streams is an Office file encrypted with a password (Office
# puts a passworded xlsx in this container): never an Excel 97-2003 workbook.
_ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
_WORD_STREAM = "WordDocument".encode("utf-16-le")


def _read_ole(name: str, data: bytes, sheet: str | None) -> RawTable:
    """An Excel 97-2003 workbook, or a passworded Office file (which shares its container)."""
    if all(stream in data for stream in _ENCRYPTION_STREAMS):
        raise TableError(_PASSWORD.format(name=name))
    if _WORD_STREAM in data:
        raise TableError(f"{name} is a Word document, not a spreadsheet. {_EXPORT_AGAIN}")
    return _read_workbook(name, data, "xls", sheet, _no_xml)


def _no_xml(sheet_name: str) -> bytes | None:
    return None  # xls and ods: no per-sheet XML to check before calamine reads


_WHAT = {"xlsx": "an Excel workbook", "xls": "an Excel workbook", "ods": "a spreadsheet"}


def _read_workbook(
    name: str,
    data: bytes,
    kind: str,
    wanted: str | None,
    sheet_xml: Callable[[str], bytes | None],
) -> RawTable:
    damaged = _DAMAGED.format(name=name, what=_WHAT[kind])
    with _unreadable(name, damaged):
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    with _unreadable(name, damaged):
        try:
            sheets = [
                (
                    meta.name,
                    meta.visible == SheetVisibleEnum.Visible,
                    meta.typ == SheetTypeEnum.WorkSheet,
                )
                for meta in book.sheets_metadata
            ]

            def load(sheet_name: str) -> list[list[Cell]]:
                xml = sheet_xml(sheet_name)
                if xml is not None:
                    _check_xlsx_extent(name, xml)
                found = book.get_sheet_by_name(sheet_name)
                if found.end is not None:
                    _check_extent(name, found.end[0] + 1, found.end[1] + 1)
                # skip_empty_area=False: row 0 is row 1 and column 0 is column A even when the
                # data starts lower or further right (the default drops the empty area).
                return _tidy(name, found.to_python(skip_empty_area=False))

            chosen, rows, notes = _choose_sheet(name, sheets, wanted, load)
            xml = sheet_xml(chosen)
            problems = _problem_cells(xml) if xml is not None else {}
        finally:
            book.close()
    if problems:
        rows = _make_room(name, rows, problems)
    return RawTable(name, kind, rows, sheet=chosen, notes=notes, problem_cells=problems)


def _choose_sheet(
    name: str,
    sheets: list[tuple[str, bool, bool]],
    wanted: str | None,
    load: Callable[[str], list[list[Cell]]],
) -> tuple[str, list[list[Cell]], tuple[str, ...]]:
    """The sheet named, or the first visible worksheet with data; and what to tell the person
    about the sheets passed over or not read. ``sheets`` is (name, visible, a worksheet)."""
    names = [sheet_name for sheet_name, _, _ in sheets]
    if wanted is not None:
        chosen = _find_sheet(name, names, wanted)
        rows = load(chosen)
        if not _has_data(rows):
            raise TableError(
                f"The sheet '{chosen}' in {name} has no rows in it: there is nothing to import."
            )
        return chosen, rows, ()
    passed: list[tuple[str, str]] = []
    for sheet_name, visible, worksheet in sheets:
        if not visible:
            passed.append((sheet_name, "hidden"))
        elif not worksheet:
            passed.append((sheet_name, "a chart or macro sheet, not a worksheet"))
        else:
            rows = load(sheet_name)
            if _has_data(rows):
                break
            passed.append((sheet_name, "empty"))
    else:
        hidden = [sheet_name for sheet_name, visible, _ in sheets if not visible]
        several = len(hidden) > 1
        but = (
            f" (its hidden sheet{'s' if several else ''} {_quoted(hidden)} "
            f"{'were' if several else 'was'} not read: choose one by name to import it)"
            if hidden
            else ""
        )
        raise TableError(f"{name} has no rows in it: there is nothing to import{but}.")
    notes: list[str] = []
    if len(passed) == 1:
        notes.append(
            f"Read the sheet '{sheet_name}' (the first sheet, '{passed[0][0]}', is {passed[0][1]})."
        )
    elif passed:
        reasons = ", ".join(f"'{n}' is {why}" for n, why in passed)
        notes.append(f"Read the sheet '{sheet_name}' (the sheets before it: {reasons}).")
    after = sheets[names.index(sheet_name) + 1 :]
    later = [n for n, visible, worksheet in after if visible and worksheet]
    if later:
        notes.append(
            f"Only the sheet '{sheet_name}' was read; the workbook also has {_quoted(later)}."
        )
    return sheet_name, rows, tuple(notes)


def _find_sheet(name: str, names: list[str], wanted: str) -> str:
    if wanted in names:
        return wanted
    close = [n for n in names if n.strip().casefold() == wanted.strip().casefold()]
    if len(close) == 1:
        return close[0]
    raise TableError(
        f"{name} has no sheet named '{wanted}': its sheets are {_quoted(names)}."
        if names
        else f"{name} has no sheets."
    )


def _quoted(names: list[str]) -> str:
    quoted = [f"'{n}'" for n in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def _has_data(rows: list[list[Cell]]) -> bool:
    return any(not is_blank(cell) for row in rows for cell in row)


# ---- what the sheet XML shows that calamine does not ---------------------------------------
# Found with regular expressions over the bytes, looking closer only where they hit: a full
# XML parse of a 10,000-row sheet costs more than calamine's whole read.

_ELEMENT = rb"<(?:[\w.-]+:)?"  # an element's start, with any namespace prefix (x:c, c)
# Patterns that start with plain bytes, so they are searched for at memchr speed: a formula's
# <f> (written <x:f> where the sheet's root has the prefix x:), and an error's t="e".
_ROOT = re.compile(rb"<([\w.-]+:)?worksheet[\s>]")
_ERROR_TYPE = re.compile(rb"""t=["']e["']""")
_TAG_NAME = re.compile(rb"<(/?)(?:[\w.-]+:)?([\w.-]+)")
_CELL_END = re.compile(rb"</(?:[\w.-]+:)?c\s*>")
_FORMULA = re.compile(_ELEMENT + rb"f[\s>/]")
_VALUE = re.compile(_ELEMENT + rb"v(?:\s[^>/]*)?(/>|>(.*?)</)", re.DOTALL)
_INLINE = re.compile(_ELEMENT + rb"is[\s>/]")
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Z]{1,3})(\d{1,7})["']""")
_LAST_REF = re.compile(rb"""\sr\s*=\s*["']([A-Z]{0,3})(\d{1,7})["']""")
_REF_TEXT = re.compile(r"([A-Z]{1,3})(\d{1,7})")
_TYPE = re.compile(rb"""\st\s*=\s*["']([\w]+)["']""")
# A cell reference with two or three column letters or more (AA1, XFD1048576).
_WIDE_REFS = {letters: re.compile(rb""" r=["']([A-Z]{%d})\d""" % letters) for letters in (2, 3)}
_NO_RESULT = "a formula with no saved result: open the file in Excel, save it, and import again"


class _XlsxSheets:
    """Each sheet's XML in an xlsx, by sheet name, read once; None where it cannot be found
    (calamine still reads the sheet, only the checks on its XML are not made)."""

    def __init__(self, archive: zipfile.ZipFile, parts: set[str]) -> None:
        self._archive = archive
        self._paths = _xlsx_sheet_paths(archive, parts)
        self._read: dict[str, bytes | None] = {}

    def __call__(self, sheet_name: str) -> bytes | None:
        if sheet_name not in self._read:
            path = self._paths.get(sheet_name)
            self._read[sheet_name] = self._archive.read(path) if path else None
        return self._read[sheet_name]


def _xlsx_sheet_paths(archive: zipfile.ZipFile, parts: set[str]) -> dict[str, str]:
    """Sheet name -> the zip member holding its XML, from the workbook's relationships.
    Elements are matched by local name, so Strict Open XML's namespaces read the same."""
    try:
        workbook = "xl/workbook.xml"
        if "_rels/.rels" in parts:
            for rel in _elements(archive.read("_rels/.rels"), "Relationship"):
                if (rel.get("Type") or "").endswith("/officeDocument"):
                    workbook = _resolve("", rel.get("Target") or "")
        base = posixpath.dirname(workbook)
        rels = posixpath.join(base, "_rels", posixpath.basename(workbook) + ".rels")
        targets = {
            rel.get("Id"): _resolve(base, rel.get("Target") or "")
            for rel in _elements(archive.read(rels), "Relationship")
        }
        paths: dict[str, str] = {}
        for sheet in _elements(archive.read(workbook), "sheet"):
            ids = [value for key, value in sheet.attrib.items() if _local(key) == "id"]
            target = targets.get(ids[0]) if ids else None
            sheet_name = sheet.get("name")
            if sheet_name is not None and target in parts:
                paths[sheet_name] = target
        return paths
    except (KeyError, ValueError, ElementTree.ParseError):
        return {}


def _elements(xml: bytes, local: str) -> list[ElementTree.Element]:
    return [e for e in ElementTree.fromstring(xml).iter() if _local(e.tag) == local]


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _resolve(base: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base, target))


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index - 1


def column_letter(index: int) -> str:
    """Column index 0 -> "A", 27 -> "AB", as a spreadsheet heads its columns."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _check_xlsx_extent(name: str, xml: bytes) -> None:
    """Refuse a sheet whose cells reach past the limits before calamine lays it out, since
    calamine allocates rows x columns at once and stops the whole process when that fails (a
    stray value at XFD1048576 asks for 500 GB). Cheap: rows are written in order, so the last
    cell reference is the last row, and only references with two or three column letters are
    read one by one. An estimate over the limits is checked cell by cell, counting only cells
    with a value: styled empty cells take no room."""
    data_end = xml.rfind(b"sheetData>")
    last = xml.rfind(b' r="', 0, data_end if data_end > 0 else len(xml))
    found = _LAST_REF.match(xml, last) if last >= 0 else None
    rows = int(found.group(2)) if found else 0
    columns = 26  # A to Z
    if _WIDE_REFS[2].search(xml):  # AA or further: then AAA or further?
        columns = 702  # to ZZ
        letters = 3 if _WIDE_REFS[3].search(xml) else 2
        if letters == 3 or rows * columns > MAX_CELLS:
            refs = set(_WIDE_REFS[letters].findall(xml))
            columns = max(_column_index(ref.decode()) for ref in refs) + 1
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        rows = columns = 0
        for row, column, _, _, value, inline in _walk_cells(xml):
            if value or inline:
                rows, columns = max(rows, row), max(columns, column + 1)
        _check_extent(name, rows, columns)


def _check_ods_extent(name: str, content: bytes) -> None:
    """The same for an ods, whose rows and cells may say "repeated 1,048,576 times": harmless
    when empty, but calamine lays out every repeat of a value."""
    for repeat in _ODS_REPEAT.finditer(content):
        count = int(repeat.group(2))
        start = content.rfind(b"<", 0, repeat.start())
        tag_end = content.find(b">", repeat.end())
        if repeat.group(1) == b"columns":
            has_value = _ODS_VALUE.search(content, start, tag_end) is not None
            if count > MAX_COLUMNS and has_value:
                _check_extent(name, 1, count)
        elif content[tag_end - 1 : tag_end] != b"/":  # a row with cells in it
            row_end = content.find(b"table-row>", tag_end)
            if count > MAX_ROWS and _ODS_VALUE.search(content, tag_end, row_end):
                _check_extent(name, count, 1)


_ODS_REPEAT = re.compile(rb"""number-(rows|columns)-repeated\s*=\s*["'](\d{4,})["']""")
_ODS_VALUE = re.compile(rb"value-type|<text:p")


def _check_extent(name: str, rows: int, columns: int) -> None:
    if rows > MAX_ROWS:
        raise TableError(
            f"{name} has {rows:,} rows, more than the {MAX_ROWS:,} an import reads: check it "
            "is the right file, or delete what is below the answers."
        )
    if columns > MAX_COLUMNS:
        raise TableError(
            f"{name} has {columns:,} columns (to column {column_letter(columns - 1)}), more "
            f"than the {MAX_COLUMNS:,} an import reads: check it is the right file, or delete "
            "the columns that are not answers."
        )
    if rows * columns > MAX_CELLS:
        raise TableError(
            f"{name} has {rows:,} rows of {columns:,} columns, more than the {MAX_CELLS:,} "
            "cells an import reads: check it is the right file, or delete the columns that are "
            "not answers."
        )


def _problem_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """(row number, column index) -> why, for each cell calamine reads as "" that holds no
    answer: a formula with no saved result (openpyxl writes formulas so; Excel and Google
    Sheets save the result) and an Excel error such as #N/A. Only cells near a hit are read."""
    problems: dict[tuple[int, int], str] = {}
    for at in _problem_positions(xml):
        cell = _enclosing_cell(xml, at)
        if cell is None:
            continue
        tag, content = cell
        kind = _TYPE.search(tag)
        value = _VALUE.search(content)
        reason = _problem(
            kind.group(1).decode() if kind else "n",
            _FORMULA.search(content) is not None,
            None if value is None else (value.group(2) or b"").decode("utf-8", "replace"),
            _INLINE.search(content) is not None,
        )
        if reason is None:
            continue
        ref = _REF.search(tag)
        if ref is None:  # a cell placed by its order alone: rare, so read the whole sheet
            return {
                (row, column): why
                for row, column, kind_, formula, value_, inline in _walk_cells(xml)
                if (why := _problem(kind_, formula, value_, inline)) is not None
            }
        problems[int(ref.group(2)), _column_index(ref.group(1).decode())] = reason
    return problems


def _problem_positions(xml: bytes) -> Iterator[int]:
    root = _ROOT.search(xml, 0, 4096)
    prefix = root.group(1) or b"" if root else b""
    formula = re.compile(b"<" + re.escape(prefix) + rb"f[\s>/]")
    for pattern in (formula, _ERROR_TYPE):
        for found in pattern.finditer(xml):
            yield found.start()


def _enclosing_cell(xml: bytes, at: int) -> tuple[bytes, bytes] | None:
    """The start tag and content of the <c> element around ``at``; None if there is none (the
    hit was in some text, or in another element)."""
    before = at + 1
    for _ in range(4):  # t="e" is in the cell's own tag; <f> has it one step back
        start = xml.rfind(b"<", 0, before)
        tag = _TAG_NAME.match(xml, start) if start >= 0 else None
        if tag is None or tag.group(1) or tag.group(2) in (b"row", b"sheetData"):
            return None
        if tag.group(2) == b"c":
            tag_end = xml.find(b">", start) + 1
            if xml[tag_end - 2 : tag_end] == b"/>":
                return xml[start:tag_end], b""
            end = _CELL_END.search(xml, tag_end)
            return xml[start:tag_end], xml[tag_end : end.start() if end else tag_end]
        before = start
    return None


def _problem(kind: str, formula: bool, value: str | None, inline: bool) -> str | None:
    """Why a cell holds no answer, or None. ``value`` is the <v> text (None: no <v> at all)."""
    if kind == "e":
        return (
            f"an Excel error ({value or 'error'}) instead of an answer: correct the cell in "
            "Excel, save, and import again"
        )
    # A formula's saved result is its <v>; an empty <v> is a result only for a text formula
    # (t="str": the formula gave ""), not for a number, which is what openpyxl leaves.
    if formula and not inline and (value is None or (value == "" and kind != "str")):
        return _NO_RESULT
    return None


def _walk_cells(xml: bytes) -> Iterator[tuple[int, int, str, bool, str | None, bool]]:
    """(row number, column index, type, has a formula, <v> text or None, inline text) of every
    cell, by a full XML parse: for the rare sheets the quick scans cannot judge."""
    row, column = 0, -1
    for event, element in ElementTree.iterparse(io.BytesIO(xml), events=("start", "end")):
        tag = _local(element.tag)
        if event == "start":
            if tag == "row":
                row, column = int(element.get("r") or row + 1), -1
            continue
        if tag == "c":
            ref = _REF_TEXT.fullmatch(element.get("r") or "")
            if ref:
                row, column = int(ref.group(2)), _column_index(ref.group(1))
            else:
                column += 1
            children = {_local(child.tag): child for child in element}
            value = children["v"].text or "" if "v" in children else None
            yield row, column, element.get("t") or "n", "f" in children, value, "is" in children
            element.clear()
        elif tag == "row":
            element.clear()


def _make_room(
    name: str, rows: list[list[Cell]], problems: dict[tuple[int, int], str]
) -> list[list[Cell]]:
    """Rows long and wide enough to hold every problem cell (as None), so the import finds
    the row of a formula that is past the last answer."""
    height = max(len(rows), *(row for row, _ in problems))
    width = max(len(rows[0]) if rows else 0, *(column + 1 for _, column in problems))
    _check_extent(name, height, width)
    rows = rows + [[] for _ in range(height - len(rows))]
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows


# ---- text (CSV) ----------------------------------------------------------------------------

_DELIMITERS = (",", ";", "\t")
_SAMPLE_RECORDS = 100  # whole records, line breaks in quoted answers and all
_NEWLINE = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # what text never holds (tabs, breaks do)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CLOSING_TAG = re.compile(r"</(html|body|table|tr|td)>", re.IGNORECASE)
_SAVE_CSV_UTF8 = (
    "In Excel use File > Save As > 'CSV UTF-8 (Comma delimited)', then import that file."
)
_WINDOWS_1252_NOTE = (
    "Read as Windows-1252 (the file is not UTF-8): check accented names such as Zoë and "
    "Siobhán in the preview."
)


def _read_text(name: str, data: bytes, sheet: str | None) -> RawTable:
    text, encoding, notes = _decode(name, data)
    _refuse_other_text(name, text)
    if sheet is not None:
        raise TableError(
            f"{name} is a CSV file, which has no sheets: import it without choosing a sheet."
        )
    rows = _read_csv(name, text, _choose_delimiter(text))
    if not _has_data(rows):
        raise TableError(f"{name} has no rows in it: there is nothing to import.")
    return RawTable(name, "csv", rows, encoding=encoding, notes=notes)


def _decode(name: str, data: bytes) -> tuple[str, str, tuple[str, ...]]:
    """The text, the encoding's name, and notes: UTF-16 by its BOM or by the NULs of its
    ASCII characters; else UTF-8 (with or without a BOM, stray NULs removed); else
    Windows-1252, what Excel's "CSV (Comma delimited)" writes on a UK Windows PC."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        raise TableError(f"{name} is saved as UTF-32 text, which is not read. {_SAVE_CSV_UTF8}")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(name, data, "utf-16"), "UTF-16", ()
    order = None if data.startswith(codecs.BOM_UTF8) else _utf16_without_bom(data)
    if order is not None:
        return _decode_utf16(name, data, order), "UTF-16", ()
    notes: tuple[str, ...] = ()
    if nuls := data.count(0):
        data = data.replace(b"\x00", b"")
        notes = (
            f"Removed {nuls:,} NUL character{'s' if nuls > 1 else ''} from the file (older "
            "SurveyMonkey exports have them); nothing else was changed.",
        )
    try:
        return data.decode("utf-8-sig"), "UTF-8", notes
    except UnicodeDecodeError as error:
        _refuse_damaged_utf8(name, data, error)
    try:
        return data.decode("cp1252"), "Windows-1252", (*notes, _WINDOWS_1252_NOTE)
    except UnicodeDecodeError as error:
        raise TableError(
            f"{name} is not UTF-8 text, nor Windows-1252: byte 0x{data[error.start]:02X} at "
            f"position {error.start:,} means nothing in either. {_SAVE_CSV_UTF8}"
        ) from error


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM, known by its NULs: ASCII characters (the headings, the commas) are
    a byte and a NUL, so one half of the byte positions is mostly NUL and the other not."""
    pairs = min(len(data), 4096) // 2
    if pairs < 2:
        return None
    even, odd = data[0 : pairs * 2 : 2].count(0), data[1 : pairs * 2 : 2].count(0)
    if odd >= 0.4 * pairs and even <= 0.05 * pairs:
        return "utf-16-le"
    if even >= 0.4 * pairs and odd <= 0.05 * pairs:
        return "utf-16-be"
    return None


def _decode_utf16(name: str, data: bytes, codec: str) -> str:
    try:
        text = data.decode(codec)  # "utf-16" reads the BOM and drops it
    except UnicodeDecodeError as error:
        raise TableError(
            f"{name} is UTF-16 text that is damaged or cut short (at byte {error.start:,}): "
            "export it again, then import that."
        ) from error
    return text.lstrip("\ufeff").replace("\x00", "")


def _refuse_damaged_utf8(name: str, data: bytes, error: UnicodeDecodeError) -> None:
    """Refuse UTF-8 with a few bad bytes (cut short in a character, or files joined) rather
    than read all of it as Windows-1252, which would garble every accented name. Windows-1252
    text is told apart by having no valid UTF-8 sequences, or fewer than bad bytes."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = len(_NON_ASCII.findall(text)) - bad
    if good > 0 and good >= bad:
        raise TableError(
            f"{name} is UTF-8 text with {bad:,} damaged character{'s' if bad > 1 else ''} "
            f"(the first at byte {error.start:,}): it may have been cut short, or joined from "
            "files saved differently. Export it again, then import that."
        ) from error


def _refuse_other_text(name: str, text: str) -> None:
    """Text that is not a CSV file: a web page or XML saved with a spreadsheet's name (some
    tools' "Excel" export is one), or a binary file that decoded as Windows-1252."""
    # Only spaces and line breaks are passed over: a CSV may start with empty cells.
    head = text[:1024].lstrip("\ufeff \r\n").lower()
    if head.startswith("<!doctype html") or (
        head.startswith(("<html", "<table")) and _CLOSING_TAG.search(text, 0, 65536)
    ):
        raise TableError(
            f"{name} is a web page (HTML), not a spreadsheet, though some form tools give "
            f"such a page a spreadsheet's name. {_SAVE_AGAIN}"
        )
    if head.startswith("<?xml") and "?>" in head:
        what = (
            "an Excel 2003 XML spreadsheet"
            if "urn:schemas-microsoft-com:office:spreadsheet" in text[:4096]
            else "an XML file, not a spreadsheet"
        )
        raise TableError(f"{name} is {what}. {_SAVE_AGAIN}")
    sample = text[:65536]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise TableError(
            f"{name} is not a spreadsheet (it is not an Excel workbook or a CSV file). "
            f"{_EXPORT_AGAIN}"
        )


def _lines(text: str) -> Iterator[str]:
    """The text's lines with their endings, one at a time (csv joins the lines of a quoted
    answer itself); lazily, so sampling the first records copies nothing more."""
    start = 0
    for match in _NEWLINE.finditer(text):
        yield text[start : match.end()]
        start = match.end()
    if start < len(text):
        yield text[start:]


def _choose_delimiter(text: str) -> str:
    """The delimiter, from the first whole records read with each candidate. Comma whenever
    its records all have the same number (two or more) of columns, as RFC 4180 and most
    tools write; else semicolon or tab where one does (Excel in much of Europe writes ';',
    Excel's "Unicode Text" a tab); else the one whose most common width holds the most
    records; else comma (one column). A candidate that meets a quote it cannot place
    (strict) comes after those that do not; if its records were a table until then, the file
    is damaged, and reading it with that candidate says so."""
    widths: dict[str, list[int]] = {}
    failed: set[str] = set()
    for delimiter in _DELIMITERS:
        found = widths[delimiter] = []
        reader = csv.reader(_lines(text), delimiter=delimiter, strict=True)
        try:
            for record in itertools.islice(reader, _SAMPLE_RECORDS):
                if record:  # a blank line
                    found.append(len(record))
        except csv.Error:
            failed.add(delimiter)

    def table(delimiter: str) -> bool:
        found = widths[delimiter]
        return bool(found) and found[0] >= 2 and all(width == found[0] for width in found)

    clean = [d for d in _DELIMITERS if table(d) and d not in failed]
    if clean:
        return "," if "," in clean else max(clean, key=lambda d: (widths[d][0], d == "\t"))
    damaged = [d for d in _DELIMITERS if table(d)]  # a table until a quote it cannot place
    if damaged:
        return damaged[0]  # reading it again refuses the file, saying where
    # Rows of uneven length (a title row above the headings, or trailing empty answers left
    # off): the candidate whose most common width, two or more, holds the most records.
    held = {d: _most_common_width(widths[d]) for d in _DELIMITERS if d not in failed}
    best = max((count for width, count in held.values() if width >= 2), default=0)
    return next((d for d, (w, count) in held.items() if w >= 2 and count == best), ",")


def _most_common_width(widths: list[int]) -> tuple[int, int]:
    """(width, how many records have it): the most common width; the wider on a tie."""
    counts = collections.Counter(widths)
    return max(counts.items(), key=lambda item: (item[1], item[0]), default=(0, 0))


def _read_csv(name: str, text: str, delimiter: str) -> list[list[Cell]]:
    """RFC 4180 records: ``""`` inside quotes is a quote (doublequote, the default), and
    strict, so a quote left open (a file cut short) is refused, not read as a shifted row."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return _tidy(name, reader, text_only=True)
    except csv.Error as error:
        message = str(error)
        if "field larger than field limit" in message:
            # csv's own limit (131,072) is above ours: the same refusal as a long cell.
            raise TableError(_long_cell(name, reader.line_num, None)) from error
        if "unexpected end of data" in message:
            what = "an answer's opening quote is never closed (the file may be cut short)"
        elif "expected after" in message:
            what = 'a quote inside a quoted answer is not doubled ("")'
        else:
            what = message
        raise TableError(
            f"{name} is not a well-formed CSV file: {what}, at line {reader.line_num:,}. "
            "Export it again from the form tool, then import that."
        ) from error


# ---- rows as the spreadsheet shows them ----------------------------------------------------


def _tidy(name: str, records: Iterable[list[Cell]], *, text_only: bool = False) -> list[list[Cell]]:
    """Rows with None for each empty cell, no empty rows or columns after the last answer,
    and all the same length; refused past the row, column, cell and cell-length limits.
    ``text_only``: every cell is a string (CSV), which is quicker to tidy."""
    rows: list[list[Cell]] = []
    width = filled = 0
    for number, record in enumerate(records, start=1):
        if number > MAX_ROWS:
            _check_extent(name, number, width)
        if text_only:
            row = [cell or None for cell in record]
            too_long = sum(map(len, record)) > MAX_CELL_CHARS
        else:
            # Whole numbers as int, as openpyxl and a spreadsheet show them (calamine: 5.0).
            row = [
                None
                if cell == ""
                else int(cell)
                if cell.__class__ is float and cell.is_integer()
                else cell
                for cell in record
            ]
            strings = [cell for cell in row if cell.__class__ is str]
            too_long = bool(strings) and max(map(len, strings)) > MAX_CELL_CHARS
        end = len(row)
        while end and row[end - 1] is None:
            end -= 1
        if end:
            del row[end:]  # now, not at the end: some CSVs end every row with 1,000s of commas
            filled = number
            width = max(width, end)
            if width > MAX_COLUMNS or number * width > MAX_CELLS:
                _check_extent(name, number, width)
            if too_long:
                for column, cell in enumerate(row):
                    if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                        raise TableError(_long_cell(name, number, column))
        else:
            row = []
        rows.append(row)
    del rows[filled:]
    for row in rows:
        row.extend([None] * (width - len(row)))
    return rows


def _long_cell(name: str, row: int, column: int | None) -> str:
    where = f"row {row:,}" if column is None else f"row {row:,}, column {column_letter(column)}"
    return (
        f"{name} has a cell ({where}) longer than {MAX_CELL_CHARS:,} characters, more than any "
        "answer: check it is the right file."
    )
