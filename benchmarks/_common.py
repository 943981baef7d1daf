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


def time_pair(
    floor: Callable[[], object], measured: Callable[[], object], runs: int
) -> tuple[list[float], list[float]]:
    """Times of ``floor`` and ``measured``, taken in turns (after one warm-up call of each).

    Taking them in turns, and swapping which goes first each round, means a busy spell on
    the machine slows both alike instead of only whichever was being timed then.
    """
    floor()
    measured()
    floor_times: list[float] = []
    measured_times: list[float] = []
    for run in range(runs):
        pair = [(floor, floor_times), (measured, measured_times)]
        for fn, times in pair if run % 2 == 0 else reversed(pair):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
    return floor_times, measured_times


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
