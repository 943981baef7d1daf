"""A small round for the judging pack tests, and filling a pack as a PDF reader would."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from csx_desktop.certificates.packs import PackOptions, write_packs
from csx_desktop.domain.model import InterestKind, Nomination, PanelGroup
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON, TEAM
from csx_desktop.store import Store

NORA, BEN = "Nora Quinn", "Ben Castleton"


@dataclass
class Round:
    """The test round: who is who, by name."""

    store: Store
    members: dict[str, int]
    categories: dict[str, int]
    entries: dict[str, int]  # nominee -> entry id

    def criteria(self, category: str) -> list[int]:
        return [c.id or 0 for c in self.store.round.category(self.categories[category]).criteria]

    def score_field(self, member: str, nominee: str, criterion: int) -> str:
        return f"csx_m{self.members[member]}_e{self.entries[nominee]}_c{criterion}"

    def comment_field(self, member: str, nominee: str) -> str:
        return f"csx_m{self.members[member]}_e{self.entries[nominee]}_comment"

    def done_field(self, member: str, category: str) -> str:
        return f"csx_m{self.members[member]}_k{self.categories[category]}_done"


# Each citation carries a marker the tests look for in the pack's text.
PRIDE = {
    "Anita Sedgwick": "ANITA-CITATION runs the baby group at the family hub.",
    "Łukasz Nowak": "LUKASZ-CITATION sorted the bins on every street.",
}
EXTRA = {
    "Owen Marsh": "OWEN-CITATION opened the library early all winter.",
    "Ivy Grainger": "IVY-SECRET-CITATION cooked for the whole school.",
    "Ruth Akintola": "RUTH-CITATION answered every call with care.",
}
TEAM_ENTRIES = {"Winter Flood Team": "FLOOD-CITATION kept the roads open."}


def build_round(path: Path, *, name: str = "Customer Service Awards 2026") -> Round:
    """Nora judges Pride of Stockton and Extra Mile and declared an interest in Ivy Grainger;
    Ben judges Pride of Stockton only. Nobody judges Team."""
    store = Store.create(path, name=name, year=2026)
    categories = {c.name: c.id or 0 for c in store.round.categories()}
    nominations = []
    for category, citations in (
        (PRIDE_OF_STOCKTON, PRIDE),
        (EXTRA_MILE, EXTRA),
        (TEAM, TEAM_ENTRIES),
    ):
        for nominee, citation in citations.items():
            nominations.append(
                Nomination(
                    category_id=categories[category],
                    nominee=nominee,
                    citation=citation,
                    service="Customer Services",
                    nominator_name="Jo Bloggs",
                    relationship="colleague",
                    received_at=datetime.datetime(2026, 3, 14, 10, 0, tzinfo=datetime.UTC),
                    team_members=("Ann Lee", "Bo Chen") if category == TEAM else (),
                )
            )
    store.nominations.add_many(nominations)
    entries = {e.nominee: e.id or 0 for e in store.nominations.entries()}
    nora = store.panel.add_member(
        NORA, PanelGroup.CSE_ASSESSOR, [categories[PRIDE_OF_STOCKTON], categories[EXTRA_MILE]]
    )
    ben = store.panel.add_member(BEN, PanelGroup.CATALYST, [categories[PRIDE_OF_STOCKTON]])
    members = {NORA: nora.id or 0, BEN: ben.id or 0}
    store.panel.declare_interest(members[NORA], entries["Ivy Grainger"], InterestKind.PERSONAL)
    return Round(store, members, categories, entries)


def make(rnd: Round, member: str, path: Path, **options: object) -> Path:
    """Make one member's pack at ``path`` (replacing it)."""
    write_packs(rnd.store, [(rnd.members[member], path)], PackOptions(**options), overwrite=True)
    return path


def fill(source: Path, dest: Path, values: dict[str, str]) -> Path:
    """Fill fields as a PDF reader does (pypdf sets /V, and /AS on a radio's widgets)."""
    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        if "/Annots" in page:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
    writer.write(dest)
    return dest


def scores_for(rnd: Round, member: str, nominee: str, scores: list[int]) -> dict[str, str]:
    """Field values giving an entry these scores, criterion by criterion."""
    category = rnd.store.nominations.entry(rnd.entries[nominee]).category_id
    criteria = [c.id or 0 for c in rnd.store.round.category(category).criteria]
    return {
        rnd.score_field(member, nominee, criterion): f"/{score}"
        for criterion, score in zip(criteria, scores, strict=False)
    }


def add_text_field(source: Path, dest: Path, name: str, value: str) -> Path:
    """Add a form field to a pack, as someone editing it by hand would."""
    writer = PdfWriter(clone_from=PdfReader(source))
    page = writer.pages[-1]
    annotation = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject(name),
            NameObject("/V"): TextStringObject(value),
            NameObject("/F"): NumberObject(4),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (50, 50, 80, 70)]),
        }
    )
    reference = writer._add_object(annotation)
    page[NameObject("/Annots")].append(reference)
    writer._root_object["/AcroForm"]["/Fields"].append(reference)
    writer.write(dest)
    return dest


def set_identity(source: Path, dest: Path, *, info: str | None, field: str | None) -> Path:
    """Replace the pack's identity text in the document information and/or the hidden
    field (None: remove it from there)."""
    writer = PdfWriter(clone_from=PdfReader(source))
    information = writer._info.get_object()  # ``metadata`` hands out a copy
    if info is None:
        del information["/CSXPack"]
    else:
        information[NameObject("/CSXPack")] = TextStringObject(info)
    for annotation in writer._root_object["/AcroForm"]["/Fields"]:
        obj = annotation.get_object()
        if obj.get("/T") == "csx_pack":
            if field is None:
                del obj["/V"]
            else:
                obj[NameObject("/V")] = TextStringObject(field)
    writer.write(dest)
    return dest


def identity_text(path: Path) -> str:
    return str((PdfReader(path).metadata or {})["/CSXPack"])


def round_bytes(store: Store) -> bytes:
    """The round file's bytes, with the write-ahead log moved into it first."""
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert store.path is not None
    return store.path.read_bytes()


def have(tool: str) -> bool:
    return shutil.which(tool) is not None


def run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout
