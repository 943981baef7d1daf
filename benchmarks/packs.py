"""Judging packs for 9 members x 40 entries, per page against a bare ReportLab canvas.

Builds a round in a temp folder: 40 entries over the three panel categories, each with one
to three nominations of a realistic length (60 to 220 words), 9 members judging all three,
two of them with a declared interest and some scores already given. Times what
``csx-admin pack --all`` does (``write_packs``: read the round, lay out and draw every page,
its form fields and signature, record the packs, write nine files beside their
destinations and rename them into place).

The floor is the certificates benchmark's: the same certificate pages drawn with a bare
canvas (``benchmarks/certificates.py``, ``bare_pdf``), per page, measured in the same run.
A pack's page carries far more than a certificate's (about 45 lines of citation text where
a certificate has 8, or 18 radio buttons and a text field with their labels), so the ratio
says what a pack page costs in bare-certificate pages. DESIGN.md sets no budget for packs;
the one here (at most 12x a bare certificate page, 9 packs in under 5 s) was chosen before
measuring, as the point where making the packs would keep an administrator waiting.

    python benchmarks/packs.py [--runs N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, report, time_pair
from certificates import bare_pdf
from certificates import build_round as build_certificate_round

from csx_desktop.certificates.batch import ALL_LEVELS, Choice, certificates_for, page_details
from csx_desktop.certificates.certificate import layout_middle
from csx_desktop.certificates.packs import PackOptions, pack_file_name, write_packs
from csx_desktop.domain.model import InterestKind, Nomination, PanelGroup
from csx_desktop.store import Store

MEMBERS, ENTRIES = 9, 40
PER_PAGE_BUDGET = 12.0
TOTAL_BUDGET_SECONDS = 5.0
CERTIFICATE_PAGES = 200

_TEXT = (
    "she he they rang every family the day after discharge and made sure nobody was left "
    "waiting on hold stayed late to finish the repairs before the storm kept the library "
    "open for the homework club when the heating failed turned a complaint into a thank "
    "you card from a resident who had nobody else to ask taught new starters the housing "
    "rules with patience and good humour found a translator the same afternoon"
)
WORDS = _TEXT.split()


def build_round(path: Path) -> Store:
    rng = random.Random(14)
    store = Store.create(path, name="Customer Service Awards 2026", year=2026)
    categories = [c for c in store.round.categories() if c.is_panel_scored]
    nominations = []
    for i in range(ENTRIES):
        category = categories[i % len(categories)]
        team = category.nominee_kind.value == "team"
        nominee = f"Team {i} of Stockton" if team else f"Nominee Number {i}"
        for _ in range(rng.randint(1, 3)):
            citation = " ".join(rng.choice(WORDS) for _ in range(rng.randint(60, 220)))
            nominations.append(
                Nomination(
                    category_id=category.id or 0,
                    nominee=nominee,
                    citation=citation.capitalize() + ".",
                    service="Adult Social Care – Reablement",
                    nominator_name="Jo Bloggs",
                    relationship="colleague",
                    team_members=("Ann Lee", "Bo Chen", "Cy Dee") if team else (),
                )
            )
    store.nominations.add_many(nominations)
    entries = store.nominations.entries()
    assert len(entries) == ENTRIES
    ids = [c.id or 0 for c in categories]
    members = [
        store.panel.add_member(f"Panel Member {m}", PanelGroup.OFFICER, ids) for m in range(MEMBERS)
    ]
    for member in members[:2]:
        store.panel.declare_interest(member.id or 0, entries[0].id or 0, InterestKind.PERSONAL)
    criteria = {c.id: c.criteria for c in categories}
    for member in members[2:5]:
        for entry in entries[1:8]:
            for criterion in criteria[entry.category_id]:
                store.scores.set_score(
                    member.id or 0, entry.id or 0, criterion.id or 0, rng.randint(0, 5)
                )
    return store


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        store = build_round(folder / "packs.csxawards")
        out = folder / "packs"
        out.mkdir()
        destinations = [(m.id or 0, out / pack_file_name(m.name)) for m in store.panel.members()]
        pages: dict[str, int] = {}

        def packs() -> None:
            written = write_packs(store, destinations, PackOptions(), overwrite=True)
            pages["packs"] = sum(p.pages for p in written)
            pages["bytes"] = sum(p.path.stat().st_size for p in written)

        certificate_store = build_certificate_round(folder / "cert.csxawards", CERTIFICATE_PAGES)
        certificates = certificates_for(certificate_store, Choice(levels=ALL_LEVELS))
        details = page_details(certificate_store.round.settings())
        laid_out = [
            (cert, [(ln.text, ln.font, ln.size, y) for ln, y in layout_middle(cert)])
            for cert in certificates
        ]
        certificate_store.close()

        def floor() -> None:
            data = bare_pdf(laid_out, details)
            pages["floor bytes"] = len(data)

        floor_times, pack_times = time_pair(floor, packs, args.runs)
        store.close()
    floor_page = median(floor_times) / len(laid_out)
    pack_page = median(pack_times) / pages["packs"]
    print(
        f"{MEMBERS} packs x {ENTRIES} entries: {pages['packs']} pages, "
        f"{pages['bytes'] / 1e6:.1f} MB, median of {args.runs} runs"
    )
    ok_page = report(
        "time per page", pack_page * 1000, floor_page * 1000, PER_PAGE_BUDGET, unit="ms"
    )
    total = median(pack_times)
    ok_total = total < TOTAL_BUDGET_SECONDS
    print(
        f"all {MEMBERS} packs: {total:.2f} s (budget < {TOTAL_BUDGET_SECONDS:.0f} s) "
        f"{'OK' if ok_total else 'OVER BUDGET'}; per pack {total / MEMBERS * 1000:.0f} ms"
    )
    return 0 if ok_page and ok_total else 1


if __name__ == "__main__":
    sys.exit(main())
