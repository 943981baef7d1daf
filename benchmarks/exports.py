"""Exports of a big round: what the window's thread does, and what the worker does.

Builds the round ``ui_latency.py --scored`` uses (500 entries in each panel category, 25
members, every other member has scored every entry in full: 36,003 scoresheets), then for the
results and every scoresheet, as CSV and as XLSX, times:

- ``prepare``: ``operations.results.prepare_export``, on the window's thread (the access
  check and reading the rows from the round): the window does not turn meanwhile;
- ``write``: ``ExportToWrite.write``, on a worker in the window (shaping the rows, writing
  the file whole, renaming it into place): the window turns meanwhile;

against the floor of Python's ``csv`` module writing the same rows to a file in the same run
(no neutralising, no temporary file, no XLSX). The median of ``--runs``; ratios are printed.

Run against a copy of the code from before the exports were split (``PYTHONPATH=old-tree``),
where there is no ``prepare_export``, it times the one call ``operations.results.export``,
all of it on the window's thread then.

    python benchmarks/exports.py [--runs N] [--round PATH]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, report
from ui_latency import build_round

from csx_desktop.operations import results as ops
from csx_desktop.store import Store

# The write on the worker, as a multiple of the csv module writing the same rows: CSV adds
# neutralising every cell and the temporary file; XLSX is openpyxl's per-cell cost.
BUDGETS = {".csv": 6.0, ".xlsx": 60.0}


def floor_write(path: Path, headers: Any, rows: Any) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--round", type=Path, help="a round to export (default: build one)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="csx-exports-"))
    path = args.round
    if path is None:
        path = folder / "big.csxawards"
        started = time.perf_counter()
        build_round(path, 500, 25, scored=True)
        print(f"built the round in {time.perf_counter() - started:.1f} s")
    split = hasattr(ops, "prepare_export")
    ok = True
    with Store.open(path) as store:
        for what in ("results", "scoresheets"):
            for suffix in (".csv", ".xlsx"):
                out = folder / f"{what}{suffix}"
                prepare_times, write_times, floor_times = [], [], []
                rows = 0
                for _ in range(args.runs):
                    started = time.perf_counter()
                    if split:
                        to_write = ops.prepare_export(store, viewer=ops.ADMINISTRATOR, what=what)
                        prepared = time.perf_counter()
                        written = to_write.write(path=out)
                        prepare_times.append(prepared - started)
                        write_times.append(time.perf_counter() - prepared)
                        headers, table = to_write.shape(to_write.source)
                    else:
                        written = ops.export(store, viewer=ops.ADMINISTRATOR, what=what, path=out)
                        prepare_times.append(time.perf_counter() - started)
                        write_times.append(0.0)
                        headers, table = _old_table(store, what)
                    rows = written.amount
                    started = time.perf_counter()
                    floor_write(folder / "floor.csv", headers, table)
                    floor_times.append(time.perf_counter() - started)
                prepare, write, floor = (
                    median(prepare_times),
                    median(write_times),
                    median(floor_times),
                )
                label = f"{what}{suffix} ({rows:,} rows)"
                where = "window's thread" if split else "window's thread, all of it"
                print(f"{label}: {prepare * 1000:.0f} ms on the {where}", end="; ")
                if split:
                    ok &= report("written on the worker", write, floor, BUDGETS[suffix])
                else:
                    print(f"{prepare / floor:.1f}x the floor of {floor:.3f} s")
    return 0 if ok else 1


def _old_table(store: Store, what: str) -> tuple[Any, Any]:
    """The same rows, read as the code before the split read them (for the floor only)."""
    from csx_desktop.io.exports import results_table, scoresheets_table
    from csx_desktop.store.results import load_results, sheet_details

    if what == "results":
        return results_table(load_results(store))
    return scoresheets_table(sheet_details(store))


if __name__ == "__main__":
    sys.exit(main())
