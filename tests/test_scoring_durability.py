"""Nothing the screen showed as saved is lost when the app is killed mid-scoring.

A helper script starts the real window in a subprocess, signs a member in and types scores
into the scoring workspace; it prints each score when the workspace shows it saved. The test
kills the process with SIGKILL part-way through, reopens the round file and finds every
printed score in it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from csx_desktop.domain.model import Nomination
from csx_desktop.domain.rubric import EXTRA_MILE
from csx_desktop.store import Store

SCORER = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication
    from csx_desktop.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    window = MainWindow()
    assert window.open_round(sys.argv[1])
    window.show()
    people = window.sign_in.people
    people.setCurrentRow(next(
        i for i in range(people.count()) if people.item(i).text().startswith("Nora Quinn")
    ))
    window.sign_in.secret.setText("123456")
    window.sign_in._sign_in()
    ws = window.workspace.workspace("Extra Mile")
    ws.declaration.continue_button.click()

    def saved(change):
        print("SAVED", change.entry_id, change.criterion_id, change.after, flush=True)

    ws.saved.connect(saved)
    cells = [(e, c) for e in range(ws.model.rowCount()) for c in range(len(ws.rows))]
    position = 0

    def type_next():
        global position
        if position == len(cells):
            print("DONE", flush=True)
            return
        entry, criterion = cells[position]
        ws.entry_list.setCurrentIndex(ws.model.index(entry))
        ws.focus_criterion(criterion)
        QTest.keyClicks(ws.rows[criterion], str((entry * 3 + criterion) % 6))
        position += 1
        QTimer.singleShot(0, type_next)

    QTimer.singleShot(0, type_next)
    sys.exit(app.exec())
    """
)


@pytest.mark.slow
def test_every_score_shown_saved_survives_sigkill(
    store: Store, panel_ids: dict[str, int], round_path: Path, tmp_path: Path
) -> None:
    extra = store.round.category_named(EXTRA_MILE).id
    assert extra is not None
    for number in range(10):
        store.nominations.add(
            Nomination(category_id=extra, nominee=f"Nominee {number:02d}", citation="Helped.")
        )
    store.close()
    script = tmp_path / "scorer.py"
    script.write_text(SCORER, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(round_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    shown: list[tuple[int, int, int]] = []
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("SAVED"):
                _, entry, criterion, score = line.split()
                shown.append((int(entry), int(criterion), int(score)))
            if len(shown) == 17 or line.startswith("DONE"):
                break
        # Killed while it is still typing: no chance to close the file tidily.
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert len(shown) == 17, "the scorer stopped before showing 17 saved scores"
    assert Path(f"{round_path}-wal").exists()  # the kill left the write-ahead log behind

    with Store.open(round_path) as reopened:
        assert reopened.integrity() == "ok"
        nora = panel_ids["Nora Quinn"]
        stored = {
            (sheet.entry_id, criterion): score
            for sheet in reopened.scores.sheets(member_id=nora)
            for criterion, score in sheet.scores.items()
        }
    for entry, criterion, score in shown:
        assert stored.get((entry, criterion)) == score, (entry, criterion, score)
