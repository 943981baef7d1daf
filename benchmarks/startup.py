"""Start-up to a usable window with a 500-entry round, against a bare PySide6 window.

Builds a round with 500 entries, 25 panel members and their scores in a temp folder, then
times ``csx-desktop --smoke FILE`` (a new process each run: import, open, check, show, exit)
against a bare PySide6 process that shows an empty QMainWindow, measured in the same run.
Budget (DESIGN.md): at most 2.0x the floor.

    python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, report, time_pair

from csx_desktop.domain.model import Nomination, PanelGroup
from csx_desktop.store import Store

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.show()
QTimer.singleShot(0, lambda: app.exit(0))
sys.exit(app.exec())
"""


def build_round(path: Path, entries: int = 500, members: int = 25) -> None:
    rng = random.Random(500)
    with Store.create(path, name="Benchmark round", year=2026) as store, store.write():
        panel = [c for c in store.round.categories() if c.is_panel_scored]
        ids = []
        for i in range(members):
            group = list(PanelGroup)[i % 3]
            member = store.panel.add_member(
                f"Member {i:02d}", group, [c.id for c in panel if c.id is not None], pin="1234"
            )
            ids.append(member.id)
        for i in range(entries):
            category = panel[i % len(panel)]
            assert category.id is not None
            nomination = store.nominations.add(
                Nomination(
                    category_id=category.id,
                    nominee=f"Nominee {i:03d}",
                    citation="Went above and beyond for residents. " * 8,
                    service="Adult Social Care",
                    received_at=datetime(2026, 3, 1 + i % 28, tzinfo=UTC),
                )
            )
            assert nomination.entry_id is not None
            for member_id in ids:
                for criterion in category.criteria:
                    assert member_id is not None and criterion.id is not None
                    store.scores.set_score(
                        member_id, nomination.entry_id, criterion.id, rng.randint(0, 5)
                    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    # An installed app has its modules compiled to bytecode (pip does it); with
    # PYTHONDONTWRITEBYTECODE set, as on some build machines, an editable checkout would
    # compile every module of ours from source at each start. The warm-up run writes the
    # bytecode here, as installing would, so both processes start as they would for a user.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        env["CSX_DESKTOP_HOME"] = folder
        env["XDG_CONFIG_HOME"] = folder
        path = Path(folder) / "bench.csxawards"
        build_round(path)

        def bare() -> None:
            subprocess.run([sys.executable, "-c", BARE_WINDOW], env=env, check=True)

        def app() -> None:
            subprocess.run(
                [sys.executable, "-m", "csx_desktop", "--smoke", str(path)], env=env, check=True
            )

        floor_times, measured_times = time_pair(bare, app, args.runs)
        floor, measured = median(floor_times), median(measured_times)
    ok = report("start-up, 500 entries x 25 judges (median)", measured, floor, budget=2.0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
