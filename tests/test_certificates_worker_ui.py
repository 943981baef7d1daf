"""The Certificates area draws a batch on a worker (issue 12): the window keeps turning
through 400 certificates, the progress window counts them, Cancel writes nothing and leaves
the round file byte for byte as it was, printing goes the same way, and a refusal at any
step is one message, never a traceback."""

from __future__ import annotations

import errno
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
import certificates as bench

from csx_desktop.domain.model import Signatory
from csx_desktop.store import Store
from csx_desktop.ui.areas.certificates import LEVEL_CHOICES, CertificatesArea
from csx_desktop.ui.background import BackgroundJob, Progress
from csx_desktop.ui.certificate_models import COL_RECIPIENT
from csx_desktop.ui.session import Person, Role, Session

COUNT = 400


@pytest.fixture
def big_round(tmp_path: Path) -> Iterator[tuple[Store, Path]]:
    """A round of 400 entries, a third of them decided (the benchmark's round)."""
    path = tmp_path / "big.csxawards"
    store = bench.build_round(path, COUNT)
    yield store, path
    store.close()


@pytest.fixture
def area(qtbot: QtBot, big_round: tuple[Store, Path]) -> Iterator[CertificatesArea]:
    session = Session(big_round[0], Person(Role.ADMINISTRATOR))
    widget = CertificatesArea(session)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    everyone = [label for label, _levels in LEVEL_CHOICES].index(
        "Everyone: winners, highly commended and nominees"
    )
    widget.level.setCurrentIndex(everyone)
    assert widget.count.text() == f"{COUNT} of {COUNT} ticked to print"
    yield widget
    session.end()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each refusal's words, kept instead of shown."""
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    return said


def _save_as(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))


def _finished(qtbot: QtBot, job: BackgroundJob | None) -> str:
    assert job is not None
    if not job.outcome:
        with qtbot.waitSignal(job.finished, timeout=120_000):
            pass
    return job.outcome


def _round_bytes(store: Store, path: Path) -> bytes:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path.read_bytes()


def test_400_certificates_are_saved_while_the_window_keeps_turning(
    qtbot: QtBot,
    area: CertificatesArea,
    big_round: tuple[Store, Path],
    warnings: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, round_path = big_round
    before = _round_bytes(store, round_path)
    target = tmp_path / "certificates.pdf"
    _save_as(monkeypatch, target)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    job = area.save_pdf()
    assert job is not None
    moved: list[tuple[int, int, str]] = []
    job.progress.moved.connect(lambda done, total, words: moved.append((done, total, words)))
    assert not target.exists()  # drawing has only begun: nothing is written yet
    assert _finished(qtbot, job) == "done"
    timer.stop()
    # A frozen window turns 0 times; how often it turns varies with the machine's load.
    assert len(ticks) >= 2
    assert moved and moved[-1][:2] == (COUNT, COUNT)
    assert any(words.startswith("Drawing certificate") for _d, _t, words in moved)
    assert job.dialog.maximum() == COUNT  # the progress bar counted certificates
    assert not job.dialog.isVisible()
    assert len(PdfReader(target).pages) == COUNT
    assert area.status.text() == f"Saved {COUNT} certificates to {target}."
    assert warnings == []
    assert _round_bytes(store, round_path) == before  # saving records nothing in the round


def test_cancel_half_way_writes_nothing_and_leaves_the_round_byte_identical(
    qtbot: QtBot,
    area: CertificatesArea,
    big_round: tuple[Store, Path],
    warnings: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store, round_path = big_round
    before = _round_bytes(store, round_path)
    target = tmp_path / "out" / "certificates.pdf"
    target.parent.mkdir()
    _save_as(monkeypatch, target)
    real_step = Progress.step
    reached: list[int] = []

    def press_cancel_half_way(progress: Progress, done: int, total: int, words: str = "") -> None:
        reached.append(done)
        if done >= total // 2:
            progress.cancel()  # what the progress window's Cancel button does
        real_step(progress, done, total, words)

    monkeypatch.setattr(Progress, "step", press_cancel_half_way)
    job = area.save_pdf()
    assert _finished(qtbot, job) == "cancelled"
    assert max(reached) < COUNT  # stopped half way, not at the end
    assert not target.exists()
    assert list(target.parent.iterdir()) == []  # no temporary file either
    assert warnings == []  # nothing to report: nothing was done
    assert area.status.text() == ""
    assert _round_bytes(store, round_path) == before
    # The area is ready for the next try.
    monkeypatch.setattr(Progress, "step", real_step)
    assert _finished(qtbot, area.save_pdf()) == "done"
    assert len(PdfReader(target).pages) == COUNT


def test_printing_draws_and_sends_every_page_on_the_worker(
    qtbot: QtBot,
    area: CertificatesArea,
    warnings: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    printed = tmp_path / "printed.pdf"
    area.tick_none.click()
    model = area.model
    for row in range(12):
        index = model.index(row, COL_RECIPIENT)
        assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert area.count.text() == f"12 of {COUNT} ticked to print"

    def choose_a_pdf_printer(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(72)  # quick to paint; the pages are what matter here
        printer.setOutputFileName(str(printed))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", choose_a_pdf_printer)
    real_step = Progress.step

    def slow_step(progress: Progress, done: int, total: int, words: str = "") -> None:
        # Twelve pages are quick: a pause at each step makes the run long enough to count
        # the window's turns (work on the window's thread would stop them all the same).
        time.sleep(0.01)
        real_step(progress, done, total, words)

    monkeypatch.setattr(Progress, "step", slow_step)
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    job = area.print_certificates()
    assert job is not None
    words: list[str] = []
    job.progress.moved.connect(lambda _d, _t, text: words.append(text))
    assert _finished(qtbot, job) == "done"
    timer.stop()
    assert len(ticks) >= 2
    assert any(text.startswith("Sending certificate") for text in words)
    assert len(PdfReader(printed).pages) == 12
    assert area.status.text().startswith("Sent 12 certificates to ")
    assert warnings == []


def test_a_refusal_before_drawing_is_one_message_and_writes_nothing(
    qtbot: QtBot,
    area: CertificatesArea,
    big_round: tuple[Store, Path],
    warnings: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = big_round[0]
    store.round.update_settings(
        signatories=(
            Signatory("Ann Lee", "Chief Executive", str(tmp_path / "gone.png")),
            Signatory("Raj Patel", "Leader of the Council"),
        )
    )
    target = tmp_path / "certificates.pdf"
    _save_as(monkeypatch, target)
    assert area.save_pdf() is None  # refused before any drawing
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert "signature image for Ann Lee" in warnings[0] and "cannot be found" in warnings[0]
    assert not target.exists()
    monkeypatch.setattr(
        QPrintDialog, "exec", lambda _d: pytest.fail("no printer is asked for when refused")
    )
    assert area.print_certificates() is None
    assert len(warnings) == 2 and "cannot be found" in warnings[1]


def test_a_file_that_cannot_be_written_is_one_message_and_no_half_file(
    qtbot: QtBot,
    area: CertificatesArea,
    warnings: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target = tmp_path / "out" / "certificates.pdf"
    target.parent.mkdir()
    _save_as(monkeypatch, target)

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    job = area.save_pdf()
    assert _finished(qtbot, job) == "refused"
    assert len(warnings) == 1 and "Traceback" not in warnings[0]
    assert "full" in warnings[0]
    assert list(target.parent.iterdir()) == []  # neither the file nor half of one
    assert area.status.text() == ""


def test_cancel_while_printing_sends_no_more_pages_and_says_nothing_was_done(
    qtbot: QtBot,
    area: CertificatesArea,
    warnings: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sent: list[str] = []

    def choose_a_pdf_printer(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setResolution(72)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        return QDialog.DialogCode.Accepted.value

    real_step = Progress.step

    def cancel_at_page_five(progress: Progress, done: int, total: int, words: str = "") -> None:
        if words.startswith("Sending certificate"):
            sent.append(words)
            if done >= 5:
                progress.cancel()  # what the progress window's Cancel button does
        real_step(progress, done, total, words)

    monkeypatch.setattr(QPrintDialog, "exec", choose_a_pdf_printer)
    monkeypatch.setattr(Progress, "step", cancel_at_page_five)
    job = area.print_certificates()
    assert _finished(qtbot, job) == "cancelled"
    assert sent[-1] == f"Sending certificate 6 of {COUNT:,} to print"  # no page after it
    assert warnings == [] and area.status.text() == ""
