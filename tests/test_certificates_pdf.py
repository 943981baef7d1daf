"""Certificates read back from the PDF: pages, names, awards, embedded fonts, text in bounds."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from csx_desktop.certificates.batch import (
    ALL_LEVELS,
    DECIDED_LEVELS,
    Choice,
    certificates_for,
    missing_details,
    write_pdf,
)
from csx_desktop.certificates.certificate import (
    INNER_INSET,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    Certificate,
    fit_members,
    fit_name,
    text_width,
)
from csx_desktop.certificates.fonts import SERIF_BOLD, register_fonts
from csx_desktop.domain.model import AwardLevel, Nomination, RoundSettings, Signatory
from csx_desktop.store import InputRefused, NotFound, Store

LONG_TEAM = "The Stockton Central Library Digital Inclusion and Community Outreach Volunteers Team"
EIGHT = (
    "Zoë Hart",
    "Siobhán O'Leary",
    "Łukasz Nowak",
    "Nguyễn Thị Minh Khai",
    "Bartholomew Featherstonehaugh",
    "Priya Shah",
    "Tom Li",
    "Ann-Marie Fitzgerald-Smythe",
)


def _category(store: Store, name: str) -> int:
    category_id = store.round.category_named(name).id
    assert category_id is not None
    return category_id


def _entry(store: Store, category: str, nominee: str, members: tuple[str, ...] = ()) -> int:
    nomination = store.nominations.add(
        Nomination(
            category_id=_category(store, category),
            nominee=nominee,
            citation="Always goes the extra mile.",
            team_members=members,
            service="Adult Social Care",
        )
    )
    assert nomination.entry_id is not None
    return nomination.entry_id


@dataclass
class Round:
    store: Store
    ids: dict[str, int]


@pytest.fixture
def decided(store: Store) -> Round:
    """Decisions in three categories, plus one undecided nominee in each."""
    assert len(LONG_TEAM) >= 85
    ids = {
        "Zoë Whitfield": _entry(store, "Pride of Stockton", "Zoë Whitfield"),
        "Siobhán O'Neill": _entry(store, "Pride of Stockton", "Siobhán O'Neill"),
        "Łukasz Nowak": _entry(store, "Pride of Stockton", "Łukasz Nowak"),
        "Nguyễn Thị Minh Khai": _entry(store, "Extra Mile", "Nguyễn Thị Minh Khai"),
        "Owen Marsh": _entry(store, "Extra Mile", "Owen Marsh"),
        LONG_TEAM: _entry(store, "Team", LONG_TEAM, EIGHT),
        "SEND Transport Team": _entry(store, "Team", "SEND Transport Team", ("Lynn Brough",)),
    }
    store.decisions._record(
        _category(store, "Pride of Stockton"),
        winners=[ids["Zoë Whitfield"]],
        highly_commended=[ids["Siobhán O'Neill"]],
    )
    store.decisions._record(_category(store, "Extra Mile"), winners=[ids["Nguyễn Thị Minh Khai"]])
    store.decisions._record(_category(store, "Team"), winners=[ids[LONG_TEAM]])
    store.round.update_settings(
        signatories=(
            Signatory("Catherine Ellwood", "Chief Executive"),
            Signatory(
                "Councillor Dennis Harbottle",
                "Cabinet Member for Access, Communities and Community Safety",
            ),
        )
    )
    return Round(store, ids)


def _pdf(certificates: list[Certificate], settings: RoundSettings) -> PdfReader:
    buffer = io.BytesIO()
    pages = write_pdf(certificates, settings, buffer)
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert len(reader.pages) == pages == len(certificates)
    return reader


def _flat(text: str) -> str:
    """Page text with line breaks as spaces and curly apostrophes straightened."""
    return " ".join(text.split()).replace("\u2019", "'")


def test_decided_awards_one_page_each_with_name_award_and_level(decided: Round) -> None:
    certificates = certificates_for(decided.store)
    assert [(c.recipient, c.level) for c in certificates] == [
        ("Zoë Whitfield", AwardLevel.WINNER),
        ("Siobhán O'Neill", AwardLevel.HIGHLY_COMMENDED),
        ("Nguyễn Thị Minh Khai", AwardLevel.WINNER),
        (LONG_TEAM, AwardLevel.WINNER),
    ]
    reader = _pdf(certificates, decided.store.round.settings())
    for page, certificate in zip(reader.pages, certificates, strict=True):
        text = _flat(page.extract_text())
        assert _flat(certificate.recipient) in text
        assert certificate.award in text
        assert certificate.level.label.upper() in text
        assert "CUSTOMER SERVICE AWARDS 2026" in text
        assert "Catherine Ellwood" in text and "Councillor Dennis Harbottle" in text
    team_page = _flat(reader.pages[3].extract_text())
    for member in EIGHT:
        assert _flat(member) in team_page


def test_nominees_and_team_members_get_their_own_pages(decided: Round) -> None:
    everyone = certificates_for(decided.store, Choice(levels=ALL_LEVELS, per_member=True))
    recipients = [c.recipient for c in everyone]
    # 4 decided + 3 nominees + 8 members of the winning team + 1 member of the other team.
    assert len(everyone) == 16
    nominated = {c.recipient for c in everyone if c.level is AwardLevel.NOMINATED}
    assert nominated == {"Łukasz Nowak", "Owen Marsh", "SEND Transport Team", "Lynn Brough"}
    # Each team's members follow straight after the team's own certificate.
    start = recipients.index(LONG_TEAM)
    assert recipients[start + 1 : start + 9] == list(EIGHT)
    reader = _pdf(everyone, decided.store.round.settings())
    member_page = _flat(reader.pages[start + 1].extract_text())
    assert "Zoë Hart" in member_page and f"as a member of {LONG_TEAM}" in member_page
    nominee_page = _flat(reader.pages[recipients.index("Owen Marsh")].extract_text())
    assert "NOMINATED" in nominee_page
    assert "nominated for working hard" in nominee_page


def test_a_single_nominee_for_a_reprint(decided: Round) -> None:
    only = certificates_for(decided.store, Choice(levels=ALL_LEVELS, nominee="  zoë whitfield"))
    assert [c.recipient for c in only] == ["Zoë Whitfield"]
    with pytest.raises(NotFound, match="Nobody Atall"):
        certificates_for(decided.store, Choice(nominee="Nobody Atall"))


def test_only_the_levels_asked_for(decided: Round) -> None:
    winners = certificates_for(decided.store, Choice(levels=frozenset({AwardLevel.WINNER})))
    assert {c.level for c in winners} == {AwardLevel.WINNER}
    assert len(winners) == 3
    nominees = certificates_for(decided.store, Choice(levels=frozenset({AwardLevel.NOMINATED})))
    assert {c.recipient for c in nominees} == {"Łukasz Nowak", "Owen Marsh", "SEND Transport Team"}


def test_a_reopened_decision_takes_its_certificates_away(decided: Round) -> None:
    from csx_desktop.operations.decisions import reopen_decision
    from csx_desktop.operations.results import ADMINISTRATOR

    reopen_decision(
        decided.store,
        viewer=ADMINISTRATOR,
        category_id=_category(decided.store, "Team"),
        reason="Recount",
    )
    assert LONG_TEAM not in [c.recipient for c in certificates_for(decided.store)]


def _resources(reader: PdfReader, kind: str) -> dict[int, DictionaryObject]:
    """Every /Font or /XObject the pages use, including those inside form XObjects (the
    frame every page shares), by object number."""
    found: dict[int, DictionaryObject] = {}

    def walk(resources: DictionaryObject) -> None:
        for ref in resources.get(kind, DictionaryObject()).values():
            found[ref.idnum] = ref.get_object()
        for ref in resources.get("/XObject", DictionaryObject()).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                walk(xobject["/Resources"].get_object())

    for page in reader.pages:
        walk(page["/Resources"].get_object())
    return found


def test_every_font_is_embedded_and_no_standard_font_is_referenced(decided: Round) -> None:
    reader = _pdf(
        certificates_for(decided.store, Choice(levels=ALL_LEVELS)), decided.store.round.settings()
    )
    fonts = list(_resources(reader, "/Font").values())
    assert fonts, "no fonts found in the PDF"
    for font in fonts:
        base = str(font["/BaseFont"])
        assert "Helvetica" not in base and "Times" not in base
        descriptor = font.get("/FontDescriptor")
        if descriptor is None:  # a composite font: the descriptor is on its descendant
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert "/FontFile2" in descriptor.get_object(), f"{base} is not embedded"


def _text_runs(reader: PdfReader) -> list[tuple[int, str, float, float, float]]:
    """Every piece of text drawn: page index, text, left, right, baseline."""
    register_fonts()
    names = {"NotoSerif-Regular": "NotoSerif", "NotoSans-Regular": "NotoSans"}
    runs: list[tuple[int, str, float, float, float]] = []
    for index, page in enumerate(reader.pages):

        def visit(text, cm, tm, font, size, index=index) -> None:  # type: ignore[no-untyped-def]
            text = text.rstrip("\n")
            if not text.strip():
                return
            base = str(font["/BaseFont"]).split("+")[-1]
            scale = cm[0] * tm[0]
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            width = text_width(text, names.get(base, base), size) * scale
            runs.append((index, text, x, x + width, y))

        page.extract_text(visitor_text=visit)
    return runs


def test_no_text_leaves_the_border_even_for_a_90_character_team(store: Store) -> None:
    team_name = (
        "Stockton-on-Tees Borough Council Customer Contact Centre, Revenues and Benefits Team"
        " (North)"
    )
    assert len(team_name) >= 90
    entry = _entry(store, "Team", team_name, EIGHT)
    longest = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaftschaferswessen"
    solo = _entry(store, "Extra Mile", longest)
    store.decisions._record(_category(store, "Team"), winners=[entry])
    store.decisions._record(_category(store, "Extra Mile"), winners=[solo])
    certificates = certificates_for(store, Choice(per_member=True))
    reader = _pdf(certificates, store.round.settings())
    runs = _text_runs(reader)
    assert {run[0] for run in runs} == set(range(len(certificates)))
    for _page, text, left, right, baseline in runs:
        assert left > INNER_INSET and right < PAGE_WIDTH - INNER_INSET, text
        assert INNER_INSET < baseline < PAGE_HEIGHT - INNER_INSET, text
    team_page = [c.recipient for c in certificates].index(team_name)
    # Too long for one line at a readable size, so on two lines, every word there.
    name_lines = [r[1] for r in runs if r[0] == team_page and r[1].split()[0] in team_name]
    assert " ".join(name_lines[1:3]) == team_name, name_lines


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            "abcdefghijklmnopqrstuvwxyzÀÉÎÕÜßłśžđễơ ABCDEFGHIJKLMNOPQRSTUVWXYZ'-"
        ),
        min_size=1,
        max_size=140,
    )
)
def test_fitted_names_always_fit_their_line(name: str) -> None:
    register_fonts()
    lines, size = fit_name(name, SERIF_BOLD, max_size=40, min_size=24, width=TEXT_WIDTH)
    assert 1 <= len(lines) <= 2
    assert " ".join(" ".join(lines).split()) == " ".join(name.split())
    for line in lines:
        assert text_width(line, SERIF_BOLD, size) <= TEXT_WIDTH


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcdefghij KLMNOP", min_size=1, max_size=60), min_size=1, max_size=30
    )
)
def test_team_members_wrap_without_breaking_a_name(members: list[str]) -> None:
    register_fonts()
    members = [m for m in members if m.strip()] or ["A"]
    lines, size = fit_members(members, "NotoSans", max_size=12, min_size=8, width=500, max_lines=3)
    assert "  ·  ".join(members) == "  ·  ".join(lines)
    for line in lines:
        assert text_width(line, "NotoSans", size) <= 500 + 1e-6


def test_nothing_to_print_is_refused(store: Store) -> None:
    assert certificates_for(store) == []
    with pytest.raises(InputRefused, match="no certificates"):
        write_pdf([], store.round.settings(), io.BytesIO())


def test_a_missing_signature_image_is_refused_before_writing(decided: Round) -> None:
    settings_ = decided.store.round.update_settings(
        signatories=(Signatory("A", "B", "/nowhere/signature.png"), Signatory("C", "D"))
    )
    stream = io.BytesIO()
    with pytest.raises(InputRefused, match="cannot be found"):
        write_pdf(certificates_for(decided.store), settings_, stream)
    assert stream.getvalue() == b""


def test_missing_details_are_named(store: Store) -> None:
    notes = missing_details(store.round.settings())
    assert any("ceremony date" in n for n in notes)
    assert any("Signatory 1" in n for n in notes)


def test_a_signature_image_is_drawn_and_stored_once(decided: Round, tmp_path: Path) -> None:
    from PIL import Image

    image = tmp_path / "signature.png"
    Image.new("RGB", (300, 80), "white").save(image)
    settings_ = decided.store.round.update_settings(
        signatories=(Signatory("A", "B", str(image)), Signatory("C", "D"))
    )
    reader = _pdf(certificates_for(decided.store, Choice(levels=ALL_LEVELS)), settings_)
    xobjects = _resources(reader, "/XObject").values()
    images = [x for x in xobjects if x.get("/Subtype") == "/Image"]
    assert len(images) == 1


def test_the_levels_print_as_the_design_says() -> None:
    assert {AwardLevel.WINNER, AwardLevel.HIGHLY_COMMENDED} == DECIDED_LEVELS
    shining = Certificate("Shining Star", AwardLevel.NOMINATED, "A", "chosen by the votes")
    assert shining.recognition_line == "nominated for the Shining Star Award"
