"""Results for 5,000 entries × 25 judges × 5 criteria, computed from the round file.

Builds a round in a temp folder (every panel category given a five-criterion rubric; 5,000
entries; 25 judges each scoring every entry in full, so 625,000 scores on 125,000 sheets,
with a few declared interests), then times ``store.results.load_results`` against the floor
of reading the same 625,000 score rows with raw sqlite3 in the same run.
Budget (DESIGN.md): under 0.5 s.

Then every other count and the stability check (``store.counts.load_counts``: judge-adjusted,
Borda, Condorcet, each judge left out, 200 resamples of the panel) for the same round, budget
under 1 s in total; and the demo round's categories, budget under 50 ms each.

    python benchmarks/results.py [--runs N]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, time_pair, time_runs

from csx_desktop.domain.model import Criterion, PanelGroup
from csx_desktop.domain.rubric import GENERIC_DESCRIPTORS
from csx_desktop.store import Store
from csx_desktop.store.counts import load_counts
from csx_desktop.store.results import load_results

ENTRIES, JUDGES, CRITERIA = 5_000, 25, 5
BUDGET_SECONDS = 0.5
COUNTS_BUDGET_SECONDS = 1.0
DEMO_BUDGET_SECONDS = 0.05


def build_round(path: Path) -> None:
    """The round, written with bulk SQL for the scores (the store's one-at-a-time writes
    with an audit row each would take minutes for 625,000 scores and prove nothing here)."""
    rng = random.Random(5000)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with Store.create(path, name="Benchmark round", year=2026) as store:
        panel = [c for c in store.round.categories() if c.is_panel_scored]
        for category in panel:
            assert category.id is not None
            store.round.replace_criteria(
                category.id,
                [Criterion(f"Criterion {n + 1}", "", GENERIC_DESCRIPTORS) for n in range(CRITERIA)],
            )
        panel = [c for c in store.round.categories() if c.is_panel_scored]
        members = [
            store.panel.add_member(
                f"Member {i:02d}", list(PanelGroup)[i % 3], [c.id for c in panel if c.id]
            ).id
            for i in range(JUDGES)
        ]
        db = store.db
        with store.write():
            entry_rows = []
            for i in range(ENTRIES):
                category = panel[i % len(panel)]
                entry_rows.append((i + 1, category.id, f"Nominee {i:04d}", f"nominee{i:04d}", now))
            db.conn.executemany(
                "INSERT INTO entries (id, category_id, nominee, match_key, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                entry_rows,
            )
            criteria = {c.id: [k.id for k in c.criteria] for c in panel}
            sheets = []
            scores = []
            for member_id in members:
                for entry_id, category_id, *_ in entry_rows:
                    sheets.append((member_id, entry_id, "", now))
                    for criterion_id in criteria[category_id]:
                        scores.append((member_id, entry_id, criterion_id, rng.randint(0, 5), now))
            db.conn.executemany(
                "INSERT INTO scoresheets (member_id, entry_id, comment, updated_at)"
                " VALUES (?, ?, ?, ?)",
                sheets,
            )
            db.conn.executemany(
                "INSERT INTO scores (member_id, entry_id, criterion_id, score, updated_at)"
                " VALUES (?, ?, ?, ?, ?)",
                scores,
            )
            db.conn.executemany(
                "INSERT INTO interests (member_id, entry_id, kind, declared_at)"
                " VALUES (?, ?, 'personal', ?)",
                [(members[i % JUDGES], i * 37 + 1, now) for i in range(100)],
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.csxawards"
        print(f"Building {ENTRIES:,} entries × {JUDGES} judges × {CRITERIA} criteria …")
        build_round(path)

        def raw_read() -> None:
            conn = sqlite3.connect(str(path))
            try:
                rows = conn.execute(
                    "SELECT member_id, entry_id, criterion_id, score FROM scores"
                ).fetchall()
                assert len(rows) == ENTRIES * JUDGES * CRITERIA
            finally:
                conn.close()

        def results() -> None:
            # From the file each time: open (with its checks) is not part of the budget,
            # but every read the results need is.
            results = load_results(store)
            assert sum(len(r.entries) for r in results if r.category.is_panel_scored) == ENTRIES

        store = Store.open(path)
        try:
            floor_times, measured_times = time_pair(raw_read, results, args.runs)
            floor, measured = median(floor_times), median(measured_times)
            counts = median(time_runs(lambda: load_counts(store), args.runs))
        finally:
            store.close()
        demo = _demo_counts(Path(folder) / "demo.csxawards", args.runs)
    counts_ok = counts < COUNTS_BUDGET_SECONDS
    print(
        f"every other count and the stability check, same round (median of {args.runs}): "
        f"{counts:.3f} s (budget < {COUNTS_BUDGET_SECONDS} s) "
        f"{'OK' if counts_ok else 'OVER BUDGET'}"
    )
    demo_ok = all(seconds < DEMO_BUDGET_SECONDS for seconds in demo.values())
    for name, seconds in demo.items():
        print(
            f"  demo round, {name}: {1000 * seconds:.1f} ms "
            f"(budget < {1000 * DEMO_BUDGET_SECONDS:.0f} ms)"
        )
    ok = measured < BUDGET_SECONDS
    scores = ENTRIES * JUDGES * CRITERIA
    print(
        f"results, {ENTRIES:,} entries x {JUDGES} judges x {CRITERIA} criteria (median of "
        f"{args.runs}): {measured:.3f} s vs raw sqlite3 read of the same {scores:,} "
        f"score rows {floor:.3f} s = {measured / floor:.2f}x "
        f"(budget < {BUDGET_SECONDS} s) {'OK' if ok else 'OVER BUDGET'}"
    )
    return 0 if ok and counts_ok and demo_ok else 1


def _demo_counts(path: Path, runs: int) -> dict[str, float]:
    """Seconds to count each scored category of the demo round every way (median)."""
    from csx_desktop.demo.builder import build_demo_round

    build_demo_round(path)
    with Store.open(path) as store:
        return {
            category.name: median(time_runs(lambda cid=category.id: load_counts(store, cid), runs))
            for category in store.round.categories()
            if category.is_panel_scored
        }


if __name__ == "__main__":
    sys.exit(main())
