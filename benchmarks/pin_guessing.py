"""What guessing a PIN offline costs someone who has a copy of the round file.

The round stores each PIN (and the administrator's passphrase) only as a salted scrypt hash,
at the cost in ``domain.secrets`` (N = 2^17, r = 8, p = 1). Someone with a copy of the file
can skip the sign-in screen's waits and try every PIN against a hash; each try costs one
scrypt check, and a member's salt is their own, so every PIN is guessed separately. This
times one check on this machine (the median of a few, on one core) and multiplies by the
number of possible PINs, in core-hours: the worst case (every PIN tried) and the average
(half of them).

It also checks the app's rule that one check costs at least 250 ms here (exit 1 if not).

    python benchmarks/pin_guessing.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median

from csx_desktop.domain.secrets import check_cost, hash_secret, verify_secret

MIN_SECONDS = 0.25  # the floor for one check on this machine
PIN_SPACES = {
    "4-digit PIN (older rounds, until changed)": 10**4,
    "6-digit PIN (the shortest a new PIN may be)": 10**6,
    "8-digit PIN (the longest)": 10**8,
}


def one_check_seconds(runs: int) -> float:
    stored = hash_secret("246810")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        verify_secret("135791", stored)  # a wrong guess, as nearly every guess is
        times.append(time.perf_counter() - start)
    return median(times)


def hours(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 3600:.2f} core-hours ({seconds / 60:.0f} minutes)"
    core_hours = seconds / 3600
    if core_hours < 24 * 365:
        return f"{core_hours:,.0f} core-hours ({core_hours / 24:,.1f} core-days)"
    return f"{core_hours:,.0f} core-hours ({core_hours / 24 / 365:,.1f} core-years)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cost = check_cost()
    check = one_check_seconds(args.runs)
    print(
        f"one scrypt check (N=2^{cost.n.bit_length() - 1}, r={cost.r}, p={cost.p}, "
        f"{cost.memory // 2**20} MiB): {check * 1000:.0f} ms on this machine "
        f"({os.cpu_count()} cores; median of {args.runs})"
    )
    for label, space in PIN_SPACES.items():
        print(f"{label}: {space:,} PINs")
        print(f"  every PIN tried: {hours(check * space)}")
        print(f"  half, on average: {hours(check * space / 2)}")
    ok = check >= MIN_SECONDS
    print(
        f"one check >= {MIN_SECONDS * 1000:.0f} ms: {'OK' if ok else 'TOO CHEAP'} "
        "(the sign-in screen also makes a guesser wait 2, 4 … 60 s after 3 wrong tries)"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
