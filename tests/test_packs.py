"""Judging packs: what a member's pack holds, its fields, its signature, and how it prints."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from pack_helpers import (
    BEN,
    NORA,
    Round,
    build_round,
    fill,
    have,
    make,
    run,
    scores_for,
)
from pypdf import PdfReader

from csx_desktop.certificates.packs import (
    PackOptions,
    default_return_by,
    pack_contents,
    pack_file_name,
    write_packs,
)
from csx_desktop.domain.model import Nomination, PanelGroup
from csx_desktop.domain.pack_fields import (
    IDENTITY_FIELD,
    FieldKind,
    parse_field_name,
    read_identity,
    signature_matches,
)
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON
from csx_desktop.store.pack_records import pack_history, pack_keys


@pytest.fixture
def rnd(tmp_path: Path) -> Round:
    result = build_round(tmp_path / "awards.csxawards")
    yield result
    result.store.close()


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_pack_holds_exactly_the_members_entries_and_no_declared_interest_citation(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    text = _text(pack)
    for marker in ("ANITA-CITATION", "LUKASZ-CITATION", "OWEN-CITATION", "RUTH-CITATION"):
        assert marker in text
    assert "IVY-SECRET-CITATION" not in text  # declared interest: named, never shown
    assert "Ivy Grainger: you declared a personal interest" in " ".join(text.split())
    assert "FLOOD-CITATION" not in text  # Team is not Nora's category
    assert "Jo Bloggs, colleague, 14 March 2026" in text  # the nominator, as the app shows

    fields = set(PdfReader(pack).get_fields() or {})
    nora = rnd.members[NORA]
    expected = {IDENTITY_FIELD}
    for nominee, category in (
        ("Anita Sedgwick", PRIDE_OF_STOCKTON),
        ("Łukasz Nowak", PRIDE_OF_STOCKTON),
        ("Owen Marsh", EXTRA_MILE),
        ("Ruth Akintola", EXTRA_MILE),
    ):
        expected |= {rnd.score_field(NORA, nominee, c) for c in rnd.criteria(category)}
        expected.add(rnd.comment_field(NORA, nominee))
    expected |= {rnd.done_field(NORA, PRIDE_OF_STOCKTON), rnd.done_field(NORA, EXTRA_MILE)}
    assert fields == expected
    parsed = [parse_field_name(name) for name in fields - {IDENTITY_FIELD}]
    assert all(f is not None and f.member_id == nora for f in parsed)
    assert rnd.entries["Ivy Grainger"] not in {f.entry_id for f in parsed if f}


def test_another_members_pack_holds_only_their_categories(rnd: Round, tmp_path: Path) -> None:
    text = _text(make(rnd, BEN, tmp_path / "ben.pdf"))
    assert "ANITA-CITATION" in text
    assert "OWEN-CITATION" not in text  # Extra Mile is Nora's, not Ben's
    assert "Ivy Grainger" not in text  # Nora's interest is hers alone


def test_scores_given_in_the_app_are_filled_in(rnd: Round, tmp_path: Path) -> None:
    criteria = rnd.criteria(PRIDE_OF_STOCKTON)
    nora, anita = rnd.members[NORA], rnd.entries["Anita Sedgwick"]
    rnd.store.scores.set_score(nora, anita, criteria[0], 4)
    rnd.store.scores.set_comment(nora, anita, "Lovely, “careful” work")
    fields = PdfReader(make(rnd, NORA, tmp_path / "nora.pdf")).get_fields() or {}
    assert fields[rnd.score_field(NORA, "Anita Sedgwick", criteria[0])].get("/V") == "/4"
    assert fields[rnd.score_field(NORA, "Anita Sedgwick", criteria[1])].get("/V") in (
        None,
        "/Off",
    )
    assert fields[rnd.comment_field(NORA, "Anita Sedgwick")]["/V"] == "Lovely, “careful” work"


def test_a_submitted_category_is_shown_read_only(rnd: Round, tmp_path: Path) -> None:
    nora = rnd.members[NORA]
    rnd.store.scores.submit_category(nora, rnd.categories[PRIDE_OF_STOCKTON])
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    fields = PdfReader(pack).get_fields() or {}
    read_only = 1  # bit 1 of /Ff
    done = fields[rnd.done_field(NORA, PRIDE_OF_STOCKTON)]
    assert int(done.get("/Ff", 0)) & read_only and done.get("/V") == "/Yes"
    score = fields[rnd.score_field(NORA, "Anita Sedgwick", rnd.criteria(PRIDE_OF_STOCKTON)[0])]
    assert int(score.get("/Ff", 0)) & read_only
    owen = fields[rnd.score_field(NORA, "Owen Marsh", rnd.criteria(EXTRA_MILE)[0])]
    assert not int(owen.get("/Ff", 0)) & read_only
    assert "You submitted this category in the app" in " ".join(_text(pack).split())


def test_the_pack_carries_its_identity_and_a_valid_signature(rnd: Round, tmp_path: Path) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    reader = PdfReader(pack)
    stored = str((reader.metadata or {})["/CSXPack"])
    fields = reader.get_fields() or {}
    assert fields[IDENTITY_FIELD]["/V"] == stored  # the copy readers keep with the form
    identity, signature = read_identity(stored)
    keys = pack_keys(rnd.store)
    assert keys is not None
    assert identity.round_id == keys.round_id
    assert identity.member_id == rnd.members[NORA]
    assert signature_matches(keys.secret, identity, fields, signature)
    assert not signature_matches(keys.secret, identity, [*fields, "csx_m9_e9_c9"], signature)
    assert not signature_matches(b"another round's secret", identity, fields, signature)
    # The secret stays in the round file and is never written to the audit log.
    log = json.dumps(rnd.store.audit_log(1000))
    assert keys.secret.hex() not in log and keys.round_id in log


def test_packs_made_are_recorded_in_the_audit_log(rnd: Round, tmp_path: Path) -> None:
    write_packs(
        rnd.store,
        [(rnd.members[NORA], tmp_path / "n.pdf"), (rnd.members[BEN], tmp_path / "b.pdf")],
        PackOptions(),
        overwrite=False,
    )
    history = pack_history(rnd.store)
    assert [(r.member_name, r.file_name, r.entries) for r in history] == [
        (NORA, "n.pdf", 4),
        (BEN, "b.pdf", 2),
    ]
    assert all(r.returned_at is None and r.made_at is not None for r in history)


def test_an_existing_pack_is_not_replaced_and_nothing_is_recorded(
    rnd: Round, tmp_path: Path
) -> None:
    from csx_desktop.store import InputRefused

    (tmp_path / "b.pdf").write_bytes(b"keep me")
    with pytest.raises(InputRefused, match="already exists"):
        write_packs(
            rnd.store,
            [(rnd.members[NORA], tmp_path / "n.pdf"), (rnd.members[BEN], tmp_path / "b.pdf")],
            PackOptions(),
            overwrite=False,
        )
    assert (tmp_path / "b.pdf").read_bytes() == b"keep me"
    assert not (tmp_path / "n.pdf").exists()
    assert pack_history(rnd.store) == []


def test_the_cover_says_when_and_to_whom_to_send_it_back(rnd: Round, tmp_path: Path) -> None:
    rnd.store.round.update_settings(ceremony_date=datetime.date(2026, 12, 10))
    settings = rnd.store.round.settings()
    assert default_return_by(settings) == datetime.date(2026, 12, 3)
    pack = make(
        rnd,
        NORA,
        tmp_path / "nora.pdf",
        return_by=default_return_by(settings),
        send_to="Jo Bloggs, awards@example.gov.uk",
    )
    cover = " ".join(PdfReader(pack).pages[0].extract_text().split())
    assert "Nora Quinn" in cover
    assert "Thursday 3 December 2026" in cover
    assert "Jo Bloggs, awards@example.gov.uk" in cover
    assert "Pride of Stockton: 2 entries to score" in cover
    assert "Extra Mile: 2 entries to score" in cover  # Ivy Grainger is not to score
    assert "0 to 5" in cover


def test_names_in_every_script_draw_and_a_letter_no_font_has_is_shown_as_its_code(
    rnd: Round, tmp_path: Path
) -> None:
    pride = rnd.categories[PRIDE_OF_STOCKTON]
    rnd.store.nominations.add_many(
        [
            Nomination(category_id=pride, nominee="Zoë O'Neill", citation="ZOE-CITATION"),
            Nomination(category_id=pride, nominee="محمد رفيق", citation="ARABIC-CITATION"),
            Nomination(category_id=pride, nominee="王秀英", citation="Thanks 😊 for all"),
        ]
    )
    text = _text(make(rnd, NORA, tmp_path / "nora.pdf"))
    assert "Zoë O’Neill" in text
    assert "[U+738B U+79C0 U+82F1]" in text or "[U+738B]" in text
    assert "Thanks for all" in " ".join(text.split())  # an emoji is left out, not a box
    assert "ARABIC-CITATION" in text


def test_a_pack_of_forty_entries_lists_every_field(tmp_path: Path) -> None:
    rnd = build_round(tmp_path / "big.csxawards")
    try:
        pride = rnd.categories[PRIDE_OF_STOCKTON]
        rnd.store.nominations.add_many(
            [
                Nomination(category_id=pride, nominee=f"Nominee {i:02d}", citation="Did well.")
                for i in range(38)
            ]
        )
        member = rnd.store.panel.add_member("Forty Entries", PanelGroup.OFFICER, [pride])
        assert len(rnd.store.nominations.entries(pride)) == 40
        content = pack_contents(rnd.store, [member.id or 0])[0]
        assert content.entry_count == 40
        path = tmp_path / "forty.pdf"
        write_packs(rnd.store, [(member.id or 0, path)], PackOptions(), overwrite=False)
        fields = PdfReader(path).get_fields() or {}
        kinds = [parse_field_name(name) for name in fields if name != IDENTITY_FIELD]
        assert sum(1 for f in kinds if f and f.kind is FieldKind.SCORE) == 40 * 3
        assert sum(1 for f in kinds if f and f.kind is FieldKind.COMMENT) == 40
        assert sum(1 for f in kinds if f and f.kind is FieldKind.FINISHED) == 1
        assert len(fields) == 40 * 4 + 2
        # Each score is a radio group with one box per point 0..5.
        score = next(f.name for f in kinds if f and f.kind is FieldKind.SCORE)
        states = set(fields[score]["/_States_"]) - {"/Off"}
        assert states == {"/0", "/1", "/2", "/3", "/4", "/5"}
    finally:
        rnd.store.close()


@pytest.mark.skipif(not have("pdffonts"), reason="needs poppler-utils (pdffonts)")
def test_every_font_in_a_pack_is_embedded(rnd: Round, tmp_path: Path) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    filled = fill(pack, tmp_path / "filled.pdf", {rnd.comment_field(NORA, "Owen Marsh"): "Yes"})
    for path in (pack, filled):
        rows = run("pdffonts", str(path)).splitlines()[2:]
        assert rows, "no fonts listed"
        for row in rows:
            # name type encoding emb sub uni id gen: "emb" is the fourth column from the end.
            assert row.split()[-5] == "yes", row
        assert not any("Helvetica" in row for row in rows)


@pytest.mark.skipif(not have("pdftoppm"), reason="needs poppler-utils (pdftoppm)")
def test_poppler_renders_the_pages_and_the_filled_boxes(rnd: Round, tmp_path: Path) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    pages = len(PdfReader(pack).pages)
    assert pages == 1 + 2 + 2 + 2  # cover; per category its page and its two entries
    run("pdftoppm", "-png", "-r", "40", str(pack), str(tmp_path / "page"))
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == pages
    assert all(image.stat().st_size > 2000 for image in images)
    # The entry page with a box ticked renders differently from the same page unticked.
    filled = fill(pack, tmp_path / "filled.pdf", scores_for(rnd, NORA, "Anita Sedgwick", [5]))
    entry_page = next(
        i + 1
        for i, page in enumerate(PdfReader(pack).pages)
        if "Your scores for Anita Sedgwick" in page.extract_text()
    )
    for source, prefix in ((pack, "blank"), (filled, "ticked")):
        run(
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            str(entry_page),
            "-l",
            str(entry_page),
            str(source),
            str(tmp_path / prefix),
        )
    blank = next(tmp_path.glob("blank-*.png")).read_bytes()
    ticked = next(tmp_path.glob("ticked-*.png")).read_bytes()
    assert blank != ticked


def test_a_pack_file_is_named_after_its_member_safely() -> None:
    assert pack_file_name("Nora Quinn") == "Judging pack - Nora Quinn.pdf"
    assert pack_file_name("Siobhán O'Neill") == "Judging pack - Siobhán O'Neill.pdf"
    assert pack_file_name('A/B: "C"?\x07') == "Judging pack - A B C.pdf"


def test_every_page_says_whose_it_is_and_which_page(rnd: Round, tmp_path: Path) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    pages = PdfReader(pack).pages
    for number, page in enumerate(pages, start=1):
        text = " ".join(page.extract_text().split())
        assert "Judging pack for Nora Quinn" in text
        assert re.search(rf"Page {number} of {len(pages)}\b", text), text
