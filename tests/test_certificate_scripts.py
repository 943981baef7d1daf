"""Names in every script the bundled fonts cover, drawn with their glyphs, and read back.

An Arabic and a Hebrew name on a certificate and in the report are read back with pypdf
(which puts right-to-left text back in the order it is written); ``pdffonts`` checks every
font is embedded, and ``pdftoppm`` renders the page to check the name has ink where it is
drawn. Names that no bundled font can draw (Chinese, emoji) are found before printing and
refused, never printed blank.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from csx_desktop.certificates.batch import (
    ALL_LEVELS,
    Choice,
    cannot_draw,
    certificates_for,
    undrawable_message,
    write_pdf,
)
from csx_desktop.certificates.certificate import (
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    Certificate,
    award_title,
    display,
    fit_name,
    layout_middle,
    text_width,
    wrap_words,
)
from csx_desktop.certificates.fonts import SANS, SERIF_BOLD, SERIF_ITALIC
from csx_desktop.certificates.report import render_report
from csx_desktop.certificates.scripts import clean, layout, markup, missing
from csx_desktop.domain.model import AwardLevel, Nomination, RoundSettings, Signatory
from csx_desktop.store import InputRefused, Store
from csx_desktop.store.results import load_report

ARABIC = "محمد علي"
HEBREW = "דוד לוי"
MIXED = "Fatima الزهراء"
CHINESE = "王秀英"
EMOJI = "Sam Jones 🌟"


def _add(store: Store, category: str, nominee: str, members: tuple[str, ...] = ()) -> int:
    category_id = store.round.category_named(category).id
    assert category_id is not None
    body = "Corporate Services" if category == "Shining Star" else ""
    added = store.nominations.add(
        Nomination(
            category_id=category_id,
            nominee=nominee,
            citation="Always there for families.",
            team_members=members,
            service="Adult Social Care",
            nominating_body=body,
        )
    )
    assert added.entry_id is not None
    return added.entry_id


def _decide(store: Store, category: str, winner: int, commended: list[int] | None = None) -> None:
    category_id = store.round.category_named(category).id
    assert category_id is not None
    store.decisions._record(category_id, winners=[winner], highly_commended=commended or [])


@pytest.fixture
def scripts_round(store: Store) -> Store:
    """Arabic, Hebrew and mixed names decided in three categories."""
    arabic = _add(store, "Pride of Stockton", ARABIC)
    hebrew = _add(store, "Pride of Stockton", HEBREW)
    mixed = _add(store, "Extra Mile", MIXED)
    team = _add(store, "Team", "Contact Centre Team", ("عبد الله", "Ruth Akintola", "נועה כהן"))
    _decide(store, "Pride of Stockton", arabic, [hebrew])
    _decide(store, "Extra Mile", mixed)
    _decide(store, "Team", team)
    store.round.update_settings(
        signatories=(Signatory("Catherine Ellwood", "Chief Executive"), Signatory("", ""))
    )
    return store


def _pdf_bytes(store: Store, choice: Choice | None = None) -> tuple[list[Certificate], bytes]:
    certificates = certificates_for(store, choice or Choice())
    stream = io.BytesIO()
    write_pdf(certificates, store.round.settings(), stream, invariant=True)
    return certificates, stream.getvalue()


def _page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


# ---- read back -----------------------------------------------------------------------------


def test_arabic_and_hebrew_names_read_back_in_the_order_they_are_written(
    scripts_round: Store,
) -> None:
    certificates, data = _pdf_bytes(scripts_round)
    texts = _page_texts(data)
    recipients = [c.recipient for c in certificates]
    # pypdf puts right-to-left runs back into logical order, as a reader copying would.
    assert ARABIC in texts[recipients.index(ARABIC)]
    assert HEBREW in texts[recipients.index(HEBREW)]
    assert MIXED in texts[recipients.index(MIXED)]
    team_page = texts[recipients.index("Contact Centre Team")]
    assert "عبد الله" in team_page and "נועה כהן" in team_page
    # The letters themselves, not the presentation forms or private codes drawn for them.
    for text in texts:
        assert not any(0xE000 <= ord(ch) <= 0xF8FF or 0xFB1D <= ord(ch) <= 0xFEFF for ch in text)


def test_a_name_in_its_own_script_is_drawn_in_the_font_that_has_it(scripts_round: Store) -> None:
    certificates, data = _pdf_bytes(scripts_round)
    fonts_by_page = []
    for page in PdfReader(io.BytesIO(data)).pages:
        seen: set[str] = set()

        def visit(text, cm, tm, font, size, seen=seen) -> None:  # type: ignore[no-untyped-def]
            if text.strip() and font is not None:
                seen.add(str(font["/BaseFont"]).split("+")[-1])

        page.extract_text(visitor_text=visit)
        fonts_by_page.append(seen)
    recipients = [c.recipient for c in certificates]
    assert "NotoNaskhArabic-Bold" in fonts_by_page[recipients.index(ARABIC)]
    assert "NotoSerifHebrew-Bold" in fonts_by_page[recipients.index(HEBREW)]
    # Team members are in the sans: their Arabic and Hebrew in the sans's partners.
    team_fonts = fonts_by_page[recipients.index("Contact Centre Team")]
    assert {"NotoSansArabic-Regular", "NotoSansHebrew-Regular"} <= team_fonts


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="needs poppler-utils (pdffonts)")
def test_pdffonts_shows_every_font_embedded_and_a_latin_batch_carries_no_script_fonts(
    scripts_round: Store, tmp_path: Path
) -> None:
    _, data = _pdf_bytes(scripts_round)
    path = tmp_path / "scripts.pdf"
    path.write_bytes(data)
    table = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = table.stdout.splitlines()[2:]
    assert any("NotoNaskhArabic-Bold" in row for row in rows)
    assert any("NotoSerifHebrew-Bold" in row for row in rows)
    for row in rows:
        *_, emb, sub, uni, _obj, _gen = row.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
    # A batch of Latin names stores none of the script fonts: they are not used there.
    latin = [
        Certificate("Extra Mile", AwardLevel.WINNER, "Zoë Whitfield", "for working hard"),
        Certificate("Team", AwardLevel.WINNER, "SEND Team", "for", team_members=("Łukasz",)),
    ]
    stream = io.BytesIO()
    write_pdf(latin, scripts_round.round.settings(), stream)
    (tmp_path / "latin.pdf").write_bytes(stream.getvalue())
    latin_table = subprocess.run(
        ["pdffonts", str(tmp_path / "latin.pdf")], capture_output=True, text=True, check=True
    ).stdout
    assert "Arabic" not in latin_table and "Hebrew" not in latin_table


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils (pdftoppm)")
def test_the_rendered_page_has_ink_where_each_name_is_drawn(
    scripts_round: Store, tmp_path: Path
) -> None:
    from PIL import Image

    certificates, data = _pdf_bytes(scripts_round)
    path = tmp_path / "scripts.pdf"
    path.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(certificates)
    for certificate, png in zip(certificates, pages, strict=True):
        placed = layout_middle(certificate)
        name_line, baseline = next((ln, y) for ln, y in placed if ln.font == SERIF_BOLD)
        width = text_width(name_line.text, name_line.font, name_line.size)
        image = Image.open(png).convert("L")
        scale = image.width / PAGE_WIDTH
        box = (
            int((PAGE_WIDTH - width) / 2 * scale),
            int((PAGE_HEIGHT - baseline - name_line.size * 0.8) * scale),
            int((PAGE_WIDTH + width) / 2 * scale),
            int((PAGE_HEIGHT - baseline) * scale),
        )
        dark = sum(image.crop(box).histogram()[:128])  # pixels darker than mid-grey
        assert dark > 40, f"{certificate.recipient} looks blank on the page"


# ---- what cannot be drawn ---------------------------------------------------------------------


def test_chinese_and_emoji_are_listed_before_printing_and_refused(store: Store) -> None:
    chinese = _add(store, "Pride of Stockton", CHINESE)
    emoji = _add(store, "Pride of Stockton", EMOJI)
    latin = _add(store, "Extra Mile", "Owen Marsh")
    _decide(store, "Pride of Stockton", chinese, [emoji])
    _decide(store, "Extra Mile", latin)
    certificates = certificates_for(store)
    found = cannot_draw(certificates)
    assert [(f.certificate.recipient, f.characters) for f in found] == [
        (CHINESE, CHINESE),
        (EMOJI, "🌟"),
    ]
    message = undrawable_message(found)
    assert "2 certificates cannot be printed" in message
    assert "王 U+738B" in message and "🌟 U+1F31F" in message
    with pytest.raises(InputRefused, match="cannot be printed"):
        write_pdf(certificates, store.round.settings(), io.BytesIO())
    # The others print.
    printable = [c for c in certificates if not cannot_draw([c])]
    assert [c.recipient for c in printable] == ["Owen Marsh"]
    write_pdf(printable, store.round.settings(), io.BytesIO())


def test_a_signatory_that_cannot_be_drawn_is_refused(store: Store) -> None:
    settings = store.round.update_settings(
        signatories=(Signatory("王秀英", "Chief Executive"), Signatory("", ""))
    )
    certificate = Certificate("Extra Mile", AwardLevel.WINNER, "Owen Marsh", "for working hard")
    with pytest.raises(InputRefused, match="Signatory 1"):
        write_pdf([certificate], settings, io.BytesIO())


def test_control_characters_are_not_drawn(store: Store) -> None:
    hostile = "Zoë\x07 Whit\u202efield\x00\u200b"
    certificate = Certificate("Extra Mile", AwardLevel.WINNER, hostile, "for working hard")
    assert display(hostile) == "Zoë Whitfield"
    assert cannot_draw([certificate]) == []
    stream = io.BytesIO()
    write_pdf([certificate], store.round.settings(), stream)
    text = _page_texts(stream.getvalue())[0]
    assert "Zoë Whitfield" in text
    assert not any(ord(ch) < 0x20 and ch != "\n" for ch in text)
    assert "\u202e" not in text


def test_clean_keeps_letters_and_joiners_and_drops_the_rest() -> None:
    assert clean("Ann\u00a0Marie") == "Ann Marie"  # a no-break space is a space
    assert clean("\u202bمحمد\u202c") == "محمد"
    assert clean("می\u200cخواهم") == "می\u200cخواهم"  # ZWNJ matters in Persian
    assert clean("❤\ufe0f") == "❤"
    assert missing("Zoë\x07", SERIF_BOLD) == ""
    assert missing(CHINESE + " Li", SERIF_BOLD) == CHINESE


# ---- layout ------------------------------------------------------------------------------------


def test_a_right_to_left_name_is_laid_out_right_to_left_and_shaped() -> None:
    line = layout(ARABIC, SERIF_BOLD)
    assert [run.font for run in line.runs] == ["NotoNaskhArabic-Bold"]
    drawn = str(line.runs[0].text)
    # Visual order: the last word (علي) on the left; letters in their joined forms.
    assert drawn != ARABIC and drawn[::-1] != ARABIC
    assert line.width > 0
    mixed = layout(MIXED, SERIF_BOLD)
    assert [run.font for run in mixed.runs] == ["NotoSerif-Bold", "NotoNaskhArabic-Bold"]
    assert str(mixed.runs[0].text) == "Fatima "


def test_a_list_of_names_keeps_its_order_left_to_right() -> None:
    members = "عبد الله  ·  Ruth Akintola"
    line = layout(members, SANS, "L")
    assert str(line.runs[-1].text).endswith("Ruth Akintola")


def test_the_report_shows_every_name_and_never_a_blank(store: Store) -> None:
    arabic = _add(store, "Pride of Stockton", ARABIC)
    hebrew = _add(store, "Pride of Stockton", HEBREW)
    chinese = _add(store, "Pride of Stockton", CHINESE)
    category_id = store.round.category_named("Pride of Stockton").id
    assert category_id is not None
    store.decisions._record(
        category_id, winners=[arabic], highly_commended=[hebrew, chinese], reason="On the day."
    )
    stream = io.BytesIO()
    render_report(
        load_report(store), stream, produced=datetime(2026, 12, 1, tzinfo=UTC), invariant=True
    )
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(stream.getvalue())).pages)
    assert ARABIC in text and HEBREW in text
    # A name no font can draw is shown by its code points, not left blank.
    assert "[U+738B U+79C0 U+82F1]" in text
    assert markup("A & B <Team>", SANS) == "A &amp; B &lt;Team&gt;"


# ---- wording (issue 15, item 9) ----------------------------------------------------------------


def test_award_titles_read_as_the_council_names_them() -> None:
    assert award_title("Team") == "Team Award"
    assert award_title("Pride of Stockton") == "Pride of Stockton Award"
    assert award_title("Chief Executive's Award") == "Chief Executive's Award"


def test_every_kind_of_certificate_says_the_right_thing(store: Store) -> None:
    winner = _add(store, "Team", "Contact Centre Team", ("Ruth Akintola",))
    commended = _add(store, "Team", "SEND Transport Team", ("Lynn Brough",))
    _add(store, "Team", "Revenues Team")
    star = _add(store, "Shining Star", "Priya Shah")
    _decide(store, "Team", winner, [commended])
    category_id = store.round.category_named("Shining Star").id
    assert category_id is not None
    runner_up = store.nominations.add(
        Nomination(
            category_id=category_id,
            nominee="Ngozi Okafor",
            citation="x",
            nominating_body="Adults, Health and Wellbeing",
        )
    ).entry_id
    assert runner_up is not None
    _decide(store, "Shining Star", star, [runner_up])
    certificates, data = _pdf_bytes(store, Choice(levels=ALL_LEVELS, per_member=True))
    pages = {
        (c.recipient, c.level): " ".join(t.split())
        for c, t in zip(certificates, _page_texts(data), strict=True)
    }
    team = pages[("Contact Centre Team", AwardLevel.WINNER)]
    assert "Team Award" in team
    assert "for bringing out the best in every member of the team" in team
    assert "effective use of the individuals" not in " ".join(pages.values())
    member = pages[("Ruth Akintola", AwardLevel.WINNER)]
    assert "as a member of Contact Centre Team" in member
    assert "nominated for bringing out the best" in pages[("Revenues Team", AwardLevel.NOMINATED)]
    assert "chosen by the votes" in pages[("Priya Shah", AwardLevel.WINNER)]
    runner = pages[("Ngozi Okafor", AwardLevel.HIGHLY_COMMENDED)]
    assert "HIGHLY COMMENDED" in runner
    assert "chosen" not in runner and "won" not in runner.split()
    assert "for the support of their colleagues across the council" in runner


def test_a_wrapped_line_never_leaves_one_word_alone() -> None:
    line = "for working hard, trying something new and going above and beyond the call of duty"
    # At a width where filling each line greedily would leave "duty" alone on the last.
    full = text_width(line, SERIF_ITALIC, 15.5)
    last = text_width(" duty", SERIF_ITALIC, 15.5)
    lines = wrap_words(line, SERIF_ITALIC, 15.5, full - last / 2)
    assert len(lines) == 2
    assert len(lines[-1].split()) > 2
    widths = [text_width(text, SERIF_ITALIC, 15.5) for text in lines]
    assert max(widths) - min(widths) < full / 4  # balanced, not one full line and a stub
    assert " ".join(lines) == line
    assert all(width <= TEXT_WIDTH for width in widths)


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            "abcXYZ éł' -"
            + "محمدعليفاطمةلاإ"
            + "דוללויכהןשָׁ"
            + "\u0651\u064e"
            + "\x00\x07\u202e\u200d"
        ),
        min_size=1,
        max_size=80,
    )
)
def test_any_name_in_these_scripts_fits_and_can_be_drawn(name: str) -> None:
    shown = display(name)
    assert missing(name, SERIF_BOLD) == ""
    if not shown:
        return
    lines, size = fit_name(shown, SERIF_BOLD, max_size=40, min_size=24, width=TEXT_WIDTH)
    for line in lines:
        assert 0 <= text_width(line, SERIF_BOLD, size) <= TEXT_WIDTH
    certificate = Certificate("Extra Mile", AwardLevel.WINNER, name, "for working hard")
    stream = io.BytesIO()
    write_pdf([certificate], RoundSettings(name="Awards", year=2026), stream)
    assert stream.getvalue().startswith(b"%PDF")
