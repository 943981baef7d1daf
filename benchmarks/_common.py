"""Helpers shared by the benchmark scripts: timing, medians, and printing a ratio line."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def time_runs(fn: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock seconds of each of ``runs`` calls (after one warm-up call)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def report(label: str, measured: float, floor: float, budget: float, unit: str = "s") -> bool:
    """Print one line: measured, floor, ratio and whether it is within budget."""
    ratio = measured / floor if floor else float("inf")
    ok = ratio <= budget
    print(
        f"{label}: {measured:.3f} {unit} vs floor {floor:.3f} {unit} = {ratio:.2f}x "
        f"(budget <= {budget:.1f}x) {'OK' if ok else 'OVER BUDGET'}"
    )
    return ok
