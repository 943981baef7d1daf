"""Importing a 10,000-row Microsoft Forms nominations export, against openpyxl's own reading.

Builds a realistic Microsoft Forms xlsx in a temp folder (fixed columns, real date cells,
eleven questions, multi-line citations, names with accents, a few nominees nominated many
times), then times, in the same run:

* the floor: openpyxl's read-only load of the file and one pass over every row;
* the import: ``io.nomination_import.import_nominations`` into a fresh round file (reading,
  recognising, mapping, checking every row, grouping into entries, the safety copy, one
  transaction with the audit row and the ``imports`` record). The round is created before
  the clock starts.

Budget: the whole import takes at most 0.5x the floor (python-calamine reads the file about
12x faster than openpyxl; the rest is checking every row and storing it).

    python benchmarks/import_nominations.py [--runs N] [--rows N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, report

from csx_desktop.io.nomination_import import import_nominations
from csx_desktop.store import Store

BUDGET = 0.5
FIRST = ("Zoë", "Siobhán", "Owen", "Maya", "Łukasz", "Ruth", "Ben", "Ivy", "Jamal", "Priya")
LAST = ("Whitfield", "O'Neill", "Marsh", "Lindqvist", "Nowak", "Akintola", "Nguyễn", "Shah")
AWARDS = ("Pride of Stockton Award;", "The Extra Mile;", "Team award;")
SERVICES = ("Housing Options", "Adult Social Care", "Libraries", "Waste and Recycling")
HEADERS = [
    "ID",
    "Start time",
    "Completion time",
    "Email",
    "Name",
    "Last modified time",
    "Which award are you nominating for?",
    "Name of the person or team you are nominating",
    "Which service do they work in?",
    "Team members (Team award only)",
    "Your name",
    "Your email address",
    "Your relationship to the nominee",
    "Why do they deserve this award?",
    "Anything else we should know?",
]


def build_export(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    rng = random.Random(10_000)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet1")
    sheet.append(HEADERS)
    start = datetime(2026, 3, 2, 9, 0)
    for number in range(1, rows + 1):
        award = rng.choice(AWARDS)
        team = award.startswith("Team")
        nominee = (
            f"{rng.choice(SERVICES)} Team {rng.randint(1, 300)}"
            if team
            else f"{rng.choice(FIRST)} {rng.choice(LAST)}-{rng.randint(1, 1500)}"
        )
        began = start + timedelta(minutes=3 * number)
        sheet.append(
            [
                number,
                began,
                began + timedelta(minutes=rng.randint(2, 20)),
                "anonymous",
                "",
                None,
                award,
                nominee,
                rng.choice(SERVICES),
                "Ann Lee; Bob Cray\nCy Twombly" if team else "",
                f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                f"person{number}@stockton.gov.uk",
                rng.choice(("colleague", "manager", "customer")),
                "They went out of their way for a family in crisis.\n\n"
                "Every day since, they have called to check in. " * rng.randint(1, 4),
                "",
            ]
        )
    workbook.save(path)


def openpyxl_floor(path: Path) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True, data_only=True)
    for _row in workbook.worksheets[0].iter_rows(values_only=True):
        pass
    workbook.close()


def _seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "Nominations export.xlsx"
        build_export(export, args.rows)
        counter = iter(range(1_000_000))

        def fresh_round() -> Store:
            """A new round, made before the clock starts: creating it is not importing."""
            return Store.create(
                Path(folder) / f"round-{next(counter)}.csxawards", name="Benchmark", year=2026
            )

        def run_import(store: Store) -> None:
            result = import_nominations(store, export)
            assert result.committed and result.stored == args.rows, result.summary_lines()[:3]

        # Alternate floor and import, so a busy machine slows both alike.
        floors: list[float] = []
        imports: list[float] = []
        openpyxl_floor(export)  # warm-up: imports, disk cache
        with fresh_round() as store:
            run_import(store)  # warm-up: our modules, calamine
        for _ in range(args.runs):
            floors.append(_seconds(lambda: openpyxl_floor(export)))
            with fresh_round() as store:
                imports.append(_seconds(lambda: run_import(store)))
        floor, measured = median(floors), median(imports)
        print(f"{args.rows:,} Microsoft Forms rows")
        ok = report("import nominations", measured, floor, BUDGET)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
