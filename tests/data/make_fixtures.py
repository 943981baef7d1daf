"""How the binary fixtures beside this file were made (run once, by hand; not by the tests).

They need two tools that are not dependencies of the app, so they are committed as files:
``pip install msoffcrypto-tool xlwt openpyxl`` in a throwaway virtual environment, then
``python tests/data/make_fixtures.py``.

* ``password.xlsx``: a small responses workbook encrypted with the password "secret", as Excel
  saves one with File > Info > Protect Workbook > Encrypt with Password (an OLE file holding
  an ``EncryptedPackage`` stream, not a zip).
* ``responses.xls``: an Excel 97-2003 workbook whose first sheet, "Setup", is hidden and whose
  second, "Responses", holds the answers: a date and time cell, an answer with a quote and a
  line break, whole and fractional numbers, and a blank row that keeps its number.
"""

from __future__ import annotations

import io
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).parent

sys.path.insert(0, str(HERE.parent))
from export_files import EXCEL_97_TABLE  # noqa: E402  (what the tests expect it to hold)


def make_password_xlsx() -> None:
    from msoffcrypto.format.ooxml import OOXMLFile
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Responses"
    sheet.append(["Nominee", "Citation"])
    sheet.append(["Zoë Whitfield", "Kind"])
    plain = io.BytesIO()
    workbook.save(plain)
    plain.seek(0)
    with (HERE / "password.xlsx").open("wb") as out:
        OOXMLFile(plain).encrypt("secret", out)


def make_responses_xls() -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    setup = book.add_sheet("Setup")
    setup.write(0, 0, "Not the answers")
    setup.visibility = 1  # hidden
    sheet = book.add_sheet("Responses")
    when = xlwt.easyxf(num_format_str="DD/MM/YYYY HH:MM")
    for row, cells in enumerate(EXCEL_97_TABLE):
        for column, value in enumerate(cells):
            sheet.write(
                row,
                column,
                value,
                when if isinstance(value, datetime) else xlwt.Style.default_style,
            )
    book.save(str(HERE / "responses.xls"))


if __name__ == "__main__":
    make_password_xlsx()
    make_responses_xls()
