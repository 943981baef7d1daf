"""Reading a spreadsheet the user picked (XLSX or CSV) into numbered rows, or one clear refusal.

Every import starts here. The format is recognised from the file's bytes, never its name, so a
PDF renamed ``.xlsx``, an empty file, an old ``.xls`` or a CSV saved in Windows-1252 each get a
message a person can act on. Row numbers are the ones the user sees in the spreadsheet: the
first row is row 1, and blank rows keep their numbers. ``parse_time_cell`` reads the times form
tools write, for every import that has them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
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
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(header, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    except csv.Error as error:
        raise TableError(f"{file_name} is not a well-formed CSV file: {error}.") from error


# ---- times -------------------------------------------------------------------------------

# A zone written after the time: Google Forms writes "GMT", "GMT+1"; BST is UTC+1.
_ZONE = re.compile(r"(.*?)\s*\b(GMT|UTC|BST|Z)\s*(?:([+-])(\d{1,2})(?::?(\d{2}))?)?", re.IGNORECASE)
_ZONE_MINUTES = {"gmt": 0, "utc": 0, "z": 0, "bst": 60}
_DATE_ORDERS = {
    "ymd": ("%Y/%m/%d", "%Y-%m-%d", "%Y.%m.%d"),
    "dmy": ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%d %B %Y", "%d %b %Y"),
    "mdy": ("%m/%d/%Y", "%m-%d-%Y", "%m/%d/%y"),
}
_TIMES = ("%H:%M:%S", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%I:%M:%S%p", "%I:%M%p", "")
_YEAR_FIRST = re.compile(r"\d{4}")
_AM_PM = re.compile(r"[ap]m$", re.IGNORECASE)


def parse_time_cell(cell: Cell, *, month_first: bool = False) -> datetime | None:
    """A cell as the date and time it holds, with no zone unless it says one; None when it
    holds none (blank, a bare number, text that is not a date).

    Spreadsheet date cells are taken as they are. Text may be ISO, Google Forms' "2026/03/16
    8:24:52 PM GMT" (the zone word, and an offset such as "GMT+1", are kept), or a date
    written day first as in the UK (20/03/2026, 20 March 2026), trying month first only
    where day first cannot be right (04/13/2026). ``month_first`` tries month first before
    day first, for tools that write dates that way (SurveyMonkey: "03/16/2026 08:24:52 PM").
    """
    if isinstance(cell, datetime):
        return cell
    if isinstance(cell, date):
        return datetime.combine(cell, time())
    if cell is None or isinstance(cell, int | float):
        return None  # a bare number in a time column is a wrong column, not a time
    text = " ".join(str(cell).split())
    zone: timezone | None = None
    match = _ZONE.fullmatch(text)
    if match:
        text = match.group(1)
        minutes = _ZONE_MINUTES[match.group(2).casefold()]
        if match.group(3):
            sign = 1 if match.group(3) == "+" else -1
            minutes += sign * (int(match.group(4)) * 60 + int(match.group(5) or 0))
        zone = timezone(timedelta(minutes=minutes))
    moment = _parse_time_text(text, month_first)
    if moment is not None and zone is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment


def _parse_time_text(text: str, month_first: bool) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    # Only the patterns that could match are tried (a failed strptime is slow): a year first
    # or a day or month first, a 12- or 24-hour clock, with seconds or without.
    if _YEAR_FIRST.match(text):
        orders: tuple[str, ...] = ("ymd",)
    else:
        orders = ("mdy", "dmy") if month_first else ("dmy", "mdy")
    twelve_hour = _AM_PM.search(text) is not None
    colons = text.count(":")
    times = [t for t in _TIMES if t.count(":") == colons and ("%p" in t) == twelve_hour]
    for order in orders:
        for date_format in _DATE_ORDERS[order]:
            for time_format in times:
                try:
                    # %p, %b and %B ignore case: "pm" and "PM", "march" and "March".
                    return datetime.strptime(text, f"{date_format} {time_format}".strip())
                except ValueError:
                    continue
    return None
