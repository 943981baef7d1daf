"""1,000 certificates in one PDF, against the same pages drawn with a bare ReportLab canvas.

Builds a round with 1,000 decided and nominated entries (names of every length and script)
in a temp folder, then times what the window and ``csx-admin certificates`` do:
``certificates_for``, then ``plan_certificates_pdf`` (reading the round) and
``render_certificates`` (fitting every name, drawing every page) with a progress callback
as the window's worker has one, and measures the bytes written. The floor, measured in the
same run, is a bare ReportLab canvas drawing the same pages — the same shared forms (frame,
award names, levels) and the same strings in the same fonts, sizes and places, worked out
before the clock starts — so the ratio is what reading the round and fitting every name
cost. Budget (DESIGN.md): at most 1.3x the floor for time and for bytes.

    python benchmarks/certificates.py [--runs N] [--count N]
"""

from __future__ import annotations

import argparse
import datetime
import io
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, report, time_runs

from csx_desktop.certificates.batch import ALL_LEVELS, Choice, certificates_for, page_details
from csx_desktop.certificates.certificate import (
    FRAME_FORM,
    PAGE_WIDTH,
    Certificate,
    PageDetails,
    define_frame,
    layout_middle,
    new_canvas,
)
from csx_desktop.demo import data
from csx_desktop.domain.model import Nomination
from csx_desktop.domain.names import name_key
from csx_desktop.operations.certificates import plan_certificates_pdf, render_certificates
from csx_desktop.store import Store

FIRST = ["Zoë", "Siobhán", "Łukasz", "Owen", "Ruth", "Maya", "Bartholomew", "Ngozi", "Ivy", "Tom"]
LAST = ["Whitfield", "O'Neill", "Nowak", "Marsh", "Akintola", "Lindqvist", "Featherstonehaugh"]


def build_round(path: Path, count: int) -> Store:
    """A round with ``count`` entries over the three panel categories, a third decided."""
    rng = random.Random(7)
    store = Store.create(path, name="Customer Service Awards 2026", year=2026)
    store.round.update_settings(
        ceremony_date=datetime.date(2026, 12, 10), signatories=data.SIGNATORIES
    )
    categories = [c for c in store.round.categories() if c.is_panel_scored]
    nominations = []
    for i in range(count):
        category = categories[i % len(categories)]
        if category.nominee_kind.value == "team":
            nominee = f"{rng.choice(LAST)} {rng.choice(['Customer', 'Contact', 'Hub'])} Team {i}"
            members = tuple(
                f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(2, 8))
            )
        else:
            nominee = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
            members = ()
        assert category.id is not None
        nominations.append(
            Nomination(category_id=category.id, nominee=nominee, citation="x", team_members=members)
        )
    store.nominations.add_many(nominations)
    for category in categories:
        assert category.id is not None
        entries = store.nominations.entries(category.id)
        store.decisions._record(
            category.id,
            winners=[entries[0].id or 0],
            highly_commended=[e.id or 0 for e in entries[1 : len(entries) // 3]],
        )
    return store


def bare_pdf(
    pages: list[tuple[Certificate, list[tuple[str, str, float, float]]]], details: PageDetails
) -> bytes:
    """The floor: the same page with a bare canvas — the same shared forms and the same
    strings at the same sizes and places, worked out beforehand (no round, no fitting)."""
    stream = io.BytesIO()
    canvas = new_canvas(stream, title="floor")
    define_frame(canvas, details, (cert.award for cert, _ in pages))
    centre = PAGE_WIDTH / 2
    for cert, lines in pages:
        canvas.doForm(FRAME_FORM)
        canvas.doForm(f"csxAward{name_key(cert.award)}")
        canvas.doForm(f"csxLevel{cert.level.name.title().replace('_', '')}")
        for text, font, size, baseline in lines:
            canvas.setFillColorRGB(0.106, 0.165, 0.290)
            canvas.setFont(font, size)
            canvas.drawCentredString(centre, baseline, text)
        canvas.showPage()
    canvas.save()
    return stream.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = build_round(Path(folder) / "bench.csxawards", args.count)
        settings = store.round.settings()
        choice = Choice(levels=ALL_LEVELS)
        certificates = certificates_for(store, choice)
        assert len(certificates) == args.count, len(certificates)
        details = page_details(settings)
        output: dict[str, bytes] = {}

        steps: list[int] = []

        def progress(done: int, _total: int, _words: str) -> None:
            steps.append(done)  # the window's step: a check for Cancel and a signal

        def ours() -> None:
            plan = plan_certificates_pdf(store, certificates=certificates_for(store, choice))
            output["ours"] = render_certificates(plan, progress=progress).data

        laid_out = [
            (cert, [(ln.text, ln.font, ln.size, y) for ln, y in layout_middle(cert)])
            for cert in certificates
        ]

        def floor() -> None:
            output["floor"] = bare_pdf(laid_out, details)

        # Interleaved so both see the same machine load.
        ours_times, floor_times = [], []
        for _ in range(args.runs):
            ours_times += time_runs(ours, 1)
            floor_times += time_runs(floor, 1)
        store.close()
    print(f"{args.count} certificates in one PDF, median of {args.runs} runs")
    ok_time = report("time", median(ours_times), median(floor_times), 1.3)
    ok_bytes = report("size", len(output["ours"]) / 1e6, len(output["floor"]) / 1e6, 1.3, unit="MB")
    print(
        f"per certificate: {median(ours_times) / args.count * 1000:.2f} ms, "
        f"{len(output['ours']) / args.count / 1024:.1f} KiB"
    )
    return 0 if ok_time and ok_bytes else 1


if __name__ == "__main__":
    sys.exit(main())
