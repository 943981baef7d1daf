"""Reading a spreadsheet the user picked (XLSX or CSV) into numbered rows, or one clear refusal.

Every import starts here. The format is recognised from the file's bytes, never its name, so a
PDF renamed ``.xlsx``, an empty file, an old ``.xls`` or a CSV saved in Windows-1252 each get a
message a person can act on. Row numbers are the ones the user sees in the spreadsheet: the
first row is row 1, and blank rows keep their numbers.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csx_desktop.store.errors import CsxError

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 .xls
PDF_MAGIC = b"%PDF"

Cell = Any  # str, int, float, datetime or None, as the spreadsheet holds it


class TableError(CsxError):
    """The file cannot be read as a spreadsheet; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class RawTable:
    """All rows of the first sheet; ``rows[0]`` is spreadsheet row 1."""

    file_name: str
    kind: str  # "xlsx" or "csv"
    rows: list[list[Cell]]

    def numbered(self, start_row: int) -> list[tuple[int, list[Cell]]]:
        """(row number, cells) from ``start_row`` on, skipping rows with nothing in them."""
        return [
            (number, cells)
            for number, cells in enumerate(self.rows[start_row - 1 :], start=start_row)
            if any(not is_blank(cell) for cell in cells)
        ]


def is_blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Cell) -> str:
    """A cell as tidy text ("" for empty); whole numbers lose their ".0"."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def read_table(path: str | Path) -> RawTable:
    """Read the first sheet of an XLSX file, or a CSV file, from its bytes."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise TableError(f"There is no file at {path}.") from error
    except OSError as error:
        raise TableError(f"{path.name} cannot be read: {error.strerror}.") from error
    if not data.strip():
        raise TableError(f"{path.name} is empty: there is nothing to import.")
    if data.startswith(ZIP_MAGIC):
        rows = _read_xlsx(path)
        kind = "xlsx"
    elif data.startswith(OLE_MAGIC):
        raise TableError(
            f"{path.name} is an old Excel 97-2003 workbook (.xls). Open it in Excel and save "
            "it as an Excel Workbook (.xlsx) or CSV UTF-8, then import that."
        )
    elif data.startswith(PDF_MAGIC):
        raise TableError(
            f"{path.name} is a PDF document, not a spreadsheet. Export the responses from "
            "your form tool as Excel (.xlsx) or CSV."
        )
    elif b"\x00" in data[:4096]:
        raise TableError(
            f"{path.name} is not a spreadsheet (it is not an Excel workbook or a CSV file)."
        )
    else:
        rows = _read_csv(path.name, data)
        kind = "csv"
    if not any(any(not is_blank(c) for c in row) for row in rows):
        raise TableError(f"{path.name} has no rows in it: there is nothing to import.")
    return RawTable(file_name=path.name, kind=kind, rows=rows)


def _read_xlsx(path: Path) -> list[list[Cell]]:
    import zipfile

    from openpyxl import load_workbook  # heavy: only when importing

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise TableError(
            f"{path.name} is not an Excel workbook that can be read (it may be damaged, "
            "password-protected, or another kind of file renamed)."
        ) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def _read_csv(file_name: str, data: bytes) -> list[list[Cell]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(
            f"{file_name} is not saved as UTF-8 text (it looks like an older Windows "
            "encoding, which would garble names such as Zoë or Siobhán). In Excel use "
            "File > Save As > 'CSV UTF-8 (comma delimited)', then import that file."
        ) from error
    # The delimiter is sniffed from the heading row alone: a quoted answer that spans lines
    # (a citation typed in paragraphs) confuses the sniffer, a heading row does not.
    header = text.lstrip("\r\n").splitlines()[0] if text.strip() else ""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            header, delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as error:
        raise TableError(f"{file_name} is not a well-formed CSV file: {error}.") from error
