"""Certificates in three steps (issue 12): ``plan_certificates`` reads the round,
``render_certificates`` draws with no round file and says how far it is (and stops when
told), ``save_certificates`` writes the file whole; ``write_certificates`` is the three in
turn, and ``csx-admin certificates`` shows a progress line only on a terminal."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from csx_desktop.certificates.batch import ALL_LEVELS, Choice, certificates_for
from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination, Signatory
from csx_desktop.operations.certificates import (
    certificates_pdf,
    plan_certificates,
    plan_certificates_pdf,
    render_certificates,
    save_certificates,
    write_certificates,
)
from csx_desktop.store import InputRefused, Store
from csx_desktop.store.errors import NotWritten


class Stop(Exception):
    """What a progress callback raises to stop the drawing (as Cancel does in the window)."""


def _nominate(store: Store, count: int) -> None:
    category_id = store.round.category_named("Extra Mile").id
    assert category_id is not None
    store.nominations.add_many(
        [
            Nomination(category_id=category_id, nominee=f"Owen Marsh {i}", citation="x")
            for i in range(count)
        ]
    )


def _signature(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (300, 80), "navy").save(path)
    return path


def _images(pdf: Path | bytes) -> int:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    resources = reader.pages[0]["/Resources"]["/XObject"]
    found = 0
    for form in resources.values():
        inner = form.get_object().get("/Resources", {}).get("/XObject", {})
        found += sum(1 for x in inner.values() if x.get_object().get("/Subtype") == "/Image")
    return found


def test_plan_render_save_draws_without_the_round_and_writes_only_at_the_end(
    store: Store, round_path: Path, tmp_path: Path
) -> None:
    _nominate(store, 30)
    image = _signature(tmp_path / "signature.png")
    store.round.update_settings(
        signatories=(Signatory("Ann Lee", "Chief Executive", str(image)), Signatory("Raj", "L"))
    )
    certificates = certificates_for(store, Choice(levels=ALL_LEVELS))
    target = tmp_path / "certificates.pdf"
    plan = plan_certificates(store, certificates=certificates, dest=target, overwrite=False)
    assert plan.count == 30 and not target.exists()
    # Drawing needs neither the round file nor the signature's file: both were read.
    store.close()
    round_path.rename(tmp_path / "moved.csxawards")
    image.unlink()
    steps: list[tuple[int, int, str]] = []
    rendered = render_certificates(plan, progress=lambda *step: steps.append(step))
    assert not target.exists()  # drawn in memory only
    assert steps[0] == (0, 30, "Drawing certificate 1 of 30")
    assert steps[-1] == (30, 30, "Putting the PDF together")
    assert [done for done, _total, _words in steps] == sorted(done for done, _, _ in steps)
    written = save_certificates(rendered=rendered)
    assert written.path == target and written.pages == 30
    assert len(PdfReader(target).pages) == 30
    assert _images(target) == 1  # the signature, read as bytes, drawn once in the frame
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_progress_that_raises_stops_the_drawing_and_nothing_is_written(
    store: Store, round_path: Path, tmp_path: Path
) -> None:
    _nominate(store, 600)
    certificates = certificates_for(store, Choice(levels=ALL_LEVELS))
    target = tmp_path / "out" / "certificates.pdf"
    target.parent.mkdir()
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = round_path.read_bytes()
    seen: list[int] = []

    def stop_half_way(done: int, total: int, _words: str) -> None:
        seen.append(done)
        if done >= total // 2:
            raise Stop

    with pytest.raises(Stop):
        write_certificates(
            store,
            certificates=certificates,
            dest=target,
            overwrite=False,
            progress=stop_half_way,
        )
    assert 300 <= max(seen) < 600
    assert len(seen) <= 202  # said often enough for a smooth bar, not on every page
    assert list(target.parent.iterdir()) == []
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert round_path.read_bytes() == before


def test_writing_records_nothing_in_the_round(
    store: Store, round_path: Path, tmp_path: Path
) -> None:
    _nominate(store, 3)
    certificates = certificates_for(store, Choice(levels=ALL_LEVELS))
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = round_path.read_bytes()
    written = write_certificates(
        store, certificates=certificates, dest=tmp_path / "c.pdf", overwrite=False
    )
    assert written.summary() == f"Wrote 3 certificates to {tmp_path / 'c.pdf'}."
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert round_path.read_bytes() == before


def test_refusals_come_from_the_plan_before_any_drawing(store: Store, tmp_path: Path) -> None:
    _nominate(store, 2)
    certificates = certificates_for(store, Choice(levels=ALL_LEVELS))
    existing = tmp_path / "certificates.pdf"
    existing.write_bytes(b"the earlier file")
    with pytest.raises(InputRefused, match="already exists"):
        plan_certificates(store, certificates=certificates, dest=existing, overwrite=False)
    assert existing.read_bytes() == b"the earlier file"
    not_a_picture = tmp_path / "signature.png"
    not_a_picture.write_text("a scanned signature, or so the name says")
    store.round.update_settings(
        signatories=(Signatory("Ann Lee", "Chief", str(not_a_picture)), Signatory("Raj", "L"))
    )
    for plan in (
        lambda: plan_certificates(
            store, certificates=certificates, dest=tmp_path / "new.pdf", overwrite=False
        ),
        lambda: plan_certificates_pdf(store, certificates=certificates),
    ):
        with pytest.raises(InputRefused) as refused:
            plan()
        assert "\n" not in str(refused.value)
        assert "Ann Lee" in str(refused.value) and "PNG or JPEG" in str(refused.value)
    assert not (tmp_path / "new.pdf").exists()


def test_a_failed_write_keeps_the_earlier_file_and_says_why(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _nominate(store, 2)
    certificates = certificates_for(store, Choice(levels=ALL_LEVELS))
    existing = tmp_path / "out" / "certificates.pdf"
    existing.parent.mkdir()
    existing.write_bytes(b"the earlier file")
    plan = plan_certificates(store, certificates=certificates, dest=existing, overwrite=True)
    rendered = render_certificates(plan)

    def disk_full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(NotWritten, match="The disk is full") as refused:
        save_certificates(rendered=rendered)
    assert "\n" not in str(refused.value)
    assert existing.read_bytes() == b"the earlier file"
    assert list(existing.parent.iterdir()) == [existing]


def test_the_pdf_for_the_printer_is_the_same_pages(store: Store, tmp_path: Path) -> None:
    _nominate(store, 4)
    certificates = certificates_for(store, Choice(levels=ALL_LEVELS))
    plan = plan_certificates_pdf(store, certificates=certificates)
    assert plan.path is None
    rendered = render_certificates(plan)
    assert len(PdfReader(io.BytesIO(rendered.data)).pages) == 4
    assert len(PdfReader(io.BytesIO(certificates_pdf(store, certificates=certificates))).pages)
    with pytest.raises(InputRefused, match="for the printer"):
        save_certificates(rendered=rendered)


# ---- csx-admin certificates ----------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def nominated_file(store: Store, round_path: Path) -> Path:
    _nominate(store, 250)
    store.close()
    return round_path


def test_the_command_line_shows_a_progress_line_on_a_terminal(
    nominated_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    out = tmp_path / "all.pdf"
    assert main(["certificates", str(nominated_file), "-o", str(out), "--include", "nominees"]) == 0
    shown = terminal.getvalue()
    assert "\rDrawing certificate 0 of 250…" in shown
    assert "\rDrawing certificate 250 of 250…" in shown
    # The line is cleared before the notes, so they start on a clean line.
    assert "\r\x1b[K" in shown
    assert shown.index("\r\x1b[K") < shown.index("Note:")
    assert len(PdfReader(out).pages) == 250


def test_the_command_line_prints_no_progress_when_not_a_terminal(
    nominated_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "all.pdf"
    assert main(["certificates", str(nominated_file), "-o", str(out), "--include", "nominees"]) == 0
    captured = capsys.readouterr()
    assert "Drawing certificate" not in captured.err and "\r" not in captured.err
    assert "Wrote 250 certificates" in captured.out


def test_the_command_line_refuses_a_bad_signature_in_one_line(
    nominated_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(nominated_file) as store:
        store.round.update_settings(
            signatories=(Signatory("Ann Lee", "Chief", str(tmp_path)), Signatory("Raj", "L"))
        )
    out = tmp_path / "all.pdf"
    assert main(["certificates", str(nominated_file), "-o", str(out), "--include", "nominees"])
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert "signature image for Ann Lee" in err
    assert not out.exists()
