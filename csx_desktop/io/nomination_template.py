"""The nominations template: a spreadsheet for nominations that did not come from a form tool.

Paper nominations, emails and late ones are typed into this template and imported like a
form export. Row 1 holds the field labels the importer recognises; row 2 is a notes row
explaining each column (the importer skips it, so it may stay). The XLSX version also offers
the categories and nominating bodies as drop-down lists.

Every cell goes through ``io.exports`` (``neutral_row`` and ``put_cell``), as every export
does, so a category or body named like a formula is written as text; the drop-down lists'
own validation formula is the one formula the template holds, on purpose.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from csx_desktop.domain.rubric import CATEGORY_NAMES, DEFAULT_NOMINATING_BODIES
from csx_desktop.io.exports import neutral_row, put_cell
from csx_desktop.io.nomination_formats import FIELDS
from csx_desktop.store.errors import InputRefused
from csx_desktop.store.files import check_destination, write_file

# Column widths in characters, wide where people write sentences.
_WIDTHS = {"citation": 70, "team_members": 36, "nominating_body": 34, "nominee": 28}


def write_template(
    path: str | Path,
    *,
    categories: Sequence[str] = CATEGORY_NAMES,
    nominating_bodies: Sequence[str] = DEFAULT_NOMINATING_BODIES,
    overwrite: bool = True,
) -> Path:
    """Write the template as XLSX or CSV (chosen by the file name's ending), whole or not
    at all (``store.files.write_file``); ``overwrite=False`` refuses an existing file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise InputRefused(
            f"The template is written as .xlsx (Excel) or .csv; {path.name} ends in neither."
        )
    check_destination(path, overwrite=overwrite)
    stream = io.BytesIO()
    if suffix == ".csv":
        _write_csv(stream)
    else:
        _write_xlsx(stream, categories, nominating_bodies)
    return write_file(path, stream.getvalue(), overwrite=overwrite)


def _write_csv(stream: IO[bytes]) -> None:
    # utf-8-sig: Excel opens it with Zoë and Siobhán intact.
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(neutral_row([f.label for f in FIELDS]))
    writer.writerow(neutral_row([f.note for f in FIELDS]))
    stream.write(text.getvalue().encode("utf-8-sig"))


def _write_xlsx(stream: IO[bytes], categories: Sequence[str], bodies: Sequence[str]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Nominations"
    for index, spec in enumerate(FIELDS, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _WIDTHS.get(spec.key, 22)
        heading = put_cell(sheet, 1, index, spec.label)
        heading.font = Font(bold=True)
        heading.fill = PatternFill("solid", fgColor="DCE6F1")
        note = put_cell(sheet, 2, index, spec.note)
        note.font = Font(italic=True, color="444444")
        note.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    keys = [f.key for f in FIELDS]
    for key, choices in (("category", categories), ("nominating_body", bodies)):
        letter = get_column_letter(keys.index(key) + 1)
        # A list of choices longer than 255 characters must live in cells, not the formula.
        lists = workbook.create_sheet("Lists") if "Lists" not in workbook else workbook["Lists"]
        column = 1 if key == "category" else 2
        for row, choice in enumerate(choices, start=1):
            put_cell(lists, row, column, choice)
        ref = f"Lists!${get_column_letter(column)}$1:${get_column_letter(column)}${len(choices)}"
        validation = DataValidation(type="list", formula1=ref, allow_blank=True)
        validation.error = "Choose one of the listed values."
        sheet.add_data_validation(validation)
        validation.add(f"{letter}3:{letter}2000")
    if "Lists" in workbook:
        workbook["Lists"].sheet_state = "hidden"
    workbook.save(stream)
