"""Importing and counting 50,000 Shining Star ballots from an xlsx, against openpyxl's own read.

Writes a Microsoft Forms-style export of 50,000 ballots (some voters voting twice, some
anonymous, a few misspelt choices) to a temp folder, then times, in the same run:

- floor: openpyxl ``load_workbook(read_only=True)`` and iterating every row's values;
- the import: ``io.vote_import.import_votes`` into a fresh round (read, check, judge every
  ballot by the rules, store in one transaction): budget at most 0.5x the floor;
- then the count, ``store.ballots.tally()`` (every ballot judged again as the rules are now),
  printed beside it against the same floor, for information.

    python benchmarks/import_votes.py [--ballots N] [--runs N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, report

from csx_desktop.domain.model import Nomination
from csx_desktop.domain.rubric import DEFAULT_NOMINATING_BODIES
from csx_desktop.io.vote_import import import_votes
from csx_desktop.store import Store

BUDGET = 0.5
NOMINEES = (
    "Grace Etherington",
    "Aaron Bulmer",
    "Kwame Mensah",
    "Siobhán O'Neill",
    "Rebecca Lindsay",
    "Sunil Varma",
)


def write_export(path: Path, ballots: int) -> None:
    from openpyxl import Workbook

    rng = random.Random(50_000)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Sheet1")
    sheet.append(["ID", "Start time", "Completion time", "Email", "Name", "Shining Star vote"])
    start = datetime(2026, 4, 1, 8, 0)
    staff = [f"person{i:05d}@stockton.gov.uk" for i in range(int(ballots * 0.9))]
    for number in range(1, ballots + 1):
        when = start + timedelta(seconds=number * 20)
        roll = rng.random()
        voter = "anonymous" if roll < 0.02 else rng.choice(staff)
        choice = rng.choice(NOMINEES)
        if roll > 0.995:
            choice = choice.replace("e", "a", 1)  # a misspelling
        elif roll > 0.9:
            choice = f"  {choice.upper()} "
        sheet.append([number, when - timedelta(minutes=2), when, voter, "", choice])
    book.save(path)


def new_round(path: Path) -> None:
    with Store.create(path, name="Benchmark round", year=2026) as store, store.write():
        category_id = store.ballots.category().id or 0
        for nominee, body in zip(NOMINEES, DEFAULT_NOMINATING_BODIES, strict=True):
            store.nominations.add(
                Nomination(category_id, nominee, "A citation.", nominating_body=body)
            )


def openpyxl_floor(path: Path) -> int:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def import_then_count(round_path: Path, export: Path) -> tuple[float, float, int]:
    """Seconds to import, seconds to count, and how many ballots count."""
    with Store.open(round_path) as store:
        began = time.perf_counter()
        import_votes(store, export)
        imported = time.perf_counter()
        valid = store.ballots.tally().valid
        return imported - began, time.perf_counter() - imported, valid


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "Shining Star vote.xlsx"
        write_export(export, args.ballots)
        rounds = [Path(folder) / f"round{i}.csxawards" for i in range(args.runs + 1)]
        for path in rounds:
            new_round(path)
        openpyxl_floor(export)  # warm-up: imports openpyxl, fills the page cache
        import_then_count(rounds[0], export)  # warm-up on a round of its own
        floors, imports, counts = [], [], []
        for path in rounds[1:]:
            began = time.perf_counter()
            openpyxl_floor(export)
            floors.append(time.perf_counter() - began)
            imported, counted, valid = import_then_count(path, export)
            imports.append(imported)
            counts.append(counted)
        print(f"{args.ballots} ballots, {valid} counted")
        floor = median(floors)
        ok = report(f"import {args.ballots} ballots", median(imports), floor, BUDGET)
        count = median(counts)
        print(f"then count them: {count:.3f} s ({count / floor:.2f}x the same floor)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
