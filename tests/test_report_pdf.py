"""The results report rendered from the demo round and read back: what it says, and its fonts."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from csx_desktop.certificates.report import render_report
from csx_desktop.certificates.report import write_report as render_and_write
from csx_desktop.cli.main import main
from csx_desktop.demo.builder import build_demo_round
from csx_desktop.operations import decisions
from csx_desktop.operations.results import ADMINISTRATOR
from csx_desktop.store import Store
from csx_desktop.store.results import category_results, load_report


def record_decision(store: Store, **kwargs: object) -> object:
    """The administrator records it (the demo's panel has sheets still open: confirmed)."""
    kwargs.setdefault("reason", "Decided at the panel meeting.")
    return decisions.record_decision(
        store,
        viewer=ADMINISTRATOR,
        confirm_open_sheets=True,
        **kwargs,  # type: ignore[arg-type]
    )


def write_report(store: Store, path: Path, *, produced: datetime) -> int:
    return render_and_write(load_report(store), path, produced=produced)


PRODUCED = datetime(2026, 12, 1, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo round with three decisions recorded (one departing from the ranking) and a
    Shining Star paper count."""
    path = tmp_path_factory.mktemp("report") / "demo.csxawards"
    build_demo_round(path)
    with Store.open(path) as store:
        pride = store.round.category_named("Pride of Stockton").id
        extra = store.round.category_named("Extra Mile").id
        star = store.round.category_named("Shining Star").id
        assert pride and extra and star
        ranked = category_results(store, pride).entries
        record_decision(
            store,
            category_id=pride,
            winners=[ranked[1].entry_id],
            highly_commended=[ranked[0].entry_id],
            reason="The panel weighed the families' letters above the sheets.",
        )
        record_decision(
            store, category_id=extra, winners=[category_results(store, extra).entries[0].entry_id]
        )
        candidates = category_results(store, star).entries
        store.ballots.add_paper_count(candidates[0].entry_id, 12, "Ward clerk")
        store.ballots.add_paper_count(candidates[1].entry_id, 5, "Ward clerk")
        record_decision(store, category_id=star, winners=[candidates[0].entry_id])
    return path


@pytest.fixture
def demo(demo_file: Path) -> Iterator[Store]:
    with Store.open(demo_file) as store:
        yield store


def _text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), re.sub(r"\s+", " ", text)


def test_the_report_names_every_category_winner_reason_and_interest(demo: Store) -> None:
    buffer = io.BytesIO()
    pages = render_report(load_report(demo), buffer, produced=PRODUCED)
    count, text = _text(buffer.getvalue())
    assert pages == count >= 2
    for category in demo.round.categories():
        assert category.name in text
    for decision in demo.decisions.all_current():
        for entry_id in decision.winners:
            assert demo.nominations.entry(entry_id).nominee in text
    assert "weighed the families' letters" in text
    assert re.search(r"Team A team within .*? Decision: not recorded yet", text)
    assert f"Page 1 of {count}" in text and f"Page {count} of {count}" in text
    assert "produced 1 December 2026" in text
    for interest in demo.panel.interests():
        assert demo.panel.member(interest.member_id).name in text
        assert demo.nominations.entry(interest.entry_id).nominee in text
    assert "Catalyst voice forum: 3" in text  # the panel and its groups
    assert "Nguyễn Thị Minh Khai" in text  # every name whole, accents and all


def test_the_shining_star_count_is_in_the_report(demo: Store) -> None:
    buffer = io.BytesIO()
    render_report(load_report(demo), buffer, produced=PRODUCED)
    _, text = _text(buffer.getvalue())
    star = text[text.index("Shining Star One member") :]
    assert "Votes" in star and "12" in star and "Ward clerk" not in star
    tally = demo.ballots.tally()
    assert tally.valid > 0  # the demo round carries an imported staff vote
    assert f"Online ballots: {tally.valid} counted" in star


def test_a_report_is_written_by_the_command_and_embeds_every_font(
    demo_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    assert main(["report", str(demo_file), "-o", str(out)]) == 0
    reader = PdfReader(out)
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"].get_object().get("/Font", {}).values():
            fonts[ref.idnum] = ref.get_object()
    assert fonts
    for font in fonts.values():
        assert "Helvetica" not in str(font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
    if shutil.which("pdffonts"):
        listing = subprocess.run(
            ["pdffonts", str(out)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        assert listing and all(" yes yes yes " in line for line in listing), listing


def test_the_report_of_an_empty_round_says_so(store: Store, tmp_path: Path) -> None:
    pages = write_report(store, tmp_path / "empty.pdf", produced=PRODUCED)
    count, text = _text((tmp_path / "empty.pdf").read_bytes())
    assert pages == count <= 2
    assert "There were no entries in this category." in text
    assert "No member's submitted scores were reopened." in text
    assert "No panel member declared an interest." in text


def test_the_report_must_be_a_pdf(store: Store, round_path: Path, tmp_path: Path) -> None:
    store.close()
    assert main(["report", str(round_path), "-o", str(tmp_path / "report.docx")]) == 1
    assert not (tmp_path / "report.docx").exists()


def test_the_report_says_whether_the_winner_depends_on_how_we_count(tmp_path: Path) -> None:
    """The demo round: counts side by side for the top five, the stability in words, and
    each judge's leniency in words, never a sheet's score."""
    from csx_desktop.demo.builder import build_demo_round

    path = tmp_path / "demo.csxawards"
    build_demo_round(path)
    with Store.open(path) as demo:
        write_report(demo, tmp_path / "report.pdf", produced=PRODUCED)
    _, text = _text((tmp_path / "report.pdf").read_bytes())
    section = text[text.index("Does the winner depend on how we count?") :]
    assert "Score (mean)" in section and "Adjusted" in section and "First in resamples" in section
    assert "is first under every count and in" in section or "but" in section
    assert "points above the panel on the same entries" in section
    assert "Head to head," in section
    assert "Norm." not in text
