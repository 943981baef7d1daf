"""Reading a returned judging pack: what is taken, what is refused, and that a refusal (or a
second reading) leaves the round file byte for byte as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pack_helpers import (
    BEN,
    NORA,
    Round,
    add_text_field,
    build_round,
    fill,
    identity_text,
    make,
    round_bytes,
    scores_for,
    set_identity,
)
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from csx_desktop.domain.model import Criterion, InterestKind
from csx_desktop.domain.rubric import EXTRA_MILE, GENERIC_DESCRIPTORS, PRIDE_OF_STOCKTON
from csx_desktop.io.pack_import import PackRefused, import_pack
from csx_desktop.store.pack_records import pack_history


@pytest.fixture
def rnd(tmp_path: Path) -> Round:
    result = build_round(tmp_path / "awards.csxawards")
    yield result
    result.store.close()


def _sheet(rnd: Round, member: str, nominee: str) -> tuple[list[int | None], str]:
    sheet = rnd.store.scores.sheet(rnd.members[member], rnd.entries[nominee])
    category = rnd.store.nominations.entry(rnd.entries[nominee]).category_id
    criteria = rnd.store.round.category(category).criteria
    return [sheet.scores.get(c.id or 0) for c in criteria], sheet.comment


def _pack_audit(rnd: Round) -> list[dict[str, object]]:
    rows = rnd.store.audit_log(1000)
    return [
        json.loads(row["after"])
        for row in rows
        if row["after"] and "judging pack" in json.loads(row["after"]).get("via", "")
    ]


def _refused(rnd: Round, path: Path, match: str) -> PackRefused:
    before = round_bytes(rnd.store)
    with pytest.raises(PackRefused, match=match) as caught:
        import_pack(rnd.store, path)
    assert round_bytes(rnd.store) == before
    assert "\n" not in str(caught.value)
    return caught.value


def test_scores_filled_in_a_reader_reach_the_round_with_audit_rows_naming_the_pack(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    values = {
        **scores_for(rnd, NORA, "Anita Sedgwick", [4, 3, 5]),
        **scores_for(rnd, NORA, "Owen Marsh", [2, 2, 1]),
        rnd.comment_field(NORA, "Anita Sedgwick"): "Clear evidence.\r\nWell written.",
    }
    filled = fill(pack, tmp_path / "nora-filled.pdf", values)
    result = import_pack(rnd.store, filled)
    assert _sheet(rnd, NORA, "Anita Sedgwick") == ([4, 3, 5], "Clear evidence.\nWell written.")
    assert _sheet(rnd, NORA, "Owen Marsh") == ([2, 2, 1], "")
    assert result.scores_taken == 6 and result.comments_taken == 1
    assert not result.left and not result.submitted
    audit = _pack_audit(rnd)
    assert len(audit) == 7
    assert all(a["via"] == "judging pack nora-filled.pdf" for a in audit)
    assert all(a["on_behalf_of_member_id"] == rnd.members[NORA] for a in audit)
    [record] = pack_history(rnd.store)
    assert record.returned_at is not None and record.scores_taken == 6
    assert record.returns[0].file_name == "nora-filled.pdf"


def test_importing_the_same_pack_twice_changes_nothing(rnd: Round, tmp_path: Path) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    values = {
        **scores_for(rnd, NORA, "Anita Sedgwick", [4, 3, 5]),
        **scores_for(rnd, NORA, "Łukasz Nowak", [1, 1, 1]),
        rnd.done_field(NORA, PRIDE_OF_STOCKTON): "/Yes",
    }
    filled = fill(pack, tmp_path / "filled.pdf", values)
    first = import_pack(rnd.store, filled)
    assert first.submitted == [PRIDE_OF_STOCKTON]
    before = round_bytes(rnd.store)
    again = import_pack(rnd.store, filled)
    assert round_bytes(rnd.store) == before
    assert not again.changed_anything and again.already_submitted == [PRIDE_OF_STOCKTON]
    assert len(pack_history(rnd.store)[0].returns) == 1


def test_an_empty_pack_is_recorded_as_returned_once(rnd: Round, tmp_path: Path) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    result = import_pack(rnd.store, pack)
    assert result.recorded and not result.changed_anything
    before = round_bytes(rnd.store)
    import_pack(rnd.store, pack)
    assert round_bytes(rnd.store) == before


def test_a_half_filled_pack_gives_what_it_has_and_submits_nothing_incomplete(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    values = {
        **scores_for(rnd, NORA, "Anita Sedgwick", [4, 3]),  # two of three criteria
        **scores_for(rnd, NORA, "Łukasz Nowak", [2, 2, 2]),
        rnd.done_field(NORA, PRIDE_OF_STOCKTON): "/Yes",
    }
    result = import_pack(rnd.store, fill(pack, tmp_path / "half.pdf", values))
    assert _sheet(rnd, NORA, "Anita Sedgwick")[0] == [4, 3, None]  # still incomplete
    assert _sheet(rnd, NORA, "Łukasz Nowak")[0] == [2, 2, 2]
    assert result.scores_taken == 5
    assert not rnd.store.scores.is_submitted(rnd.members[NORA], rnd.categories[PRIDE_OF_STOCKTON])
    assert result.submitted == []
    [(category, missing)] = result.not_submitted
    assert category == PRIDE_OF_STOCKTON
    assert missing == ["Anita Sedgwick (2 of 3 scored)"]
    assert any("not submitted: Pride of Stockton" in line for line in result.lines())


def test_a_finished_category_with_every_sheet_complete_is_submitted(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    values = {
        **scores_for(rnd, NORA, "Owen Marsh", [3, 3, 3]),
        **scores_for(rnd, NORA, "Ruth Akintola", [5, 4, 5]),
        rnd.done_field(NORA, EXTRA_MILE): "/Yes",
    }
    result = import_pack(rnd.store, fill(pack, tmp_path / "done.pdf", values))
    # Ivy Grainger (declared interest) is not needed for the category to be finished.
    assert result.submitted == [EXTRA_MILE]
    assert rnd.store.scores.is_submitted(rnd.members[NORA], rnd.categories[EXTRA_MILE])
    assert not rnd.store.scores.is_submitted(rnd.members[NORA], rnd.categories[PRIDE_OF_STOCKTON])


def test_a_sheet_that_differs_from_the_app_is_left_unless_the_pack_is_preferred(
    rnd: Round, tmp_path: Path
) -> None:
    criteria = rnd.criteria(PRIDE_OF_STOCKTON)
    nora, anita = rnd.members[NORA], rnd.entries["Anita Sedgwick"]
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    # After the pack was made, Nora scored Anita in the app: 2 on the first criterion.
    rnd.store.scores.set_score(nora, anita, criteria[0], 2)
    values = {
        **scores_for(rnd, NORA, "Anita Sedgwick", [4, 3, 5]),
        **scores_for(rnd, NORA, "Łukasz Nowak", [1, 2, 3]),
    }
    filled = fill(pack, tmp_path / "filled.pdf", values)
    dry = import_pack(rnd.store, filled, dry_run=True)
    assert [s.nominee for s in dry.left] == ["Anita Sedgwick"]
    assert _sheet(rnd, NORA, "Łukasz Nowak")[0] == [None, None, None]  # a dry run

    result = import_pack(rnd.store, filled)
    assert _sheet(rnd, NORA, "Anita Sedgwick")[0] == [2, None, None]  # left as in the app
    assert _sheet(rnd, NORA, "Łukasz Nowak")[0] == [1, 2, 3]
    [left] = result.left
    assert left.changes[0].words() == "Helped others: 2 in the app, 4 in the pack"
    assert "left as in the app" in result.summary()

    preferred = import_pack(rnd.store, filled, prefer_pack=True)
    assert _sheet(rnd, NORA, "Anita Sedgwick")[0] == [4, 3, 5]
    assert [s.nominee for s in preferred.taken] == ["Anita Sedgwick"]
    assert preferred.left == []


def test_a_dry_run_lists_the_changes_and_leaves_the_round_as_it_was(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    values = {
        **scores_for(rnd, NORA, "Owen Marsh", [3, 3, 3]),
        **scores_for(rnd, NORA, "Ruth Akintola", [5, 4, 5]),
        rnd.done_field(NORA, EXTRA_MILE): "/Yes",
    }
    filled = fill(pack, tmp_path / "filled.pdf", values)
    before = round_bytes(rnd.store)
    result = import_pack(rnd.store, filled, dry_run=True)
    assert round_bytes(rnd.store) == before
    assert result.scores_taken == 6 and result.submitted == [EXTRA_MILE]
    assert "Dry run: nothing was changed." in result.summary()
    assert any(line.startswith("  new: Extra Mile — Owen Marsh") for line in result.lines())


def test_a_pack_edited_to_add_a_field_for_another_members_entry_is_refused(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    criterion = rnd.criteria(PRIDE_OF_STOCKTON)[0]
    bens = rnd.score_field(BEN, "Anita Sedgwick", criterion)
    edited = add_text_field(pack, tmp_path / "edited.pdf", bens, "5")
    error = _refused(rnd, edited, "another member's entry")
    assert "Nora Quinn's pack" in str(error) and "Ben Castleton" in str(error)
    assert rnd.store.scores.sheets(member_id=rnd.members[BEN]) == []


def test_a_pack_edited_to_add_a_field_for_an_entry_it_did_not_hold_is_refused(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    # Ivy Grainger's citation was left out of Nora's pack; a field for her is added by hand.
    ivy = rnd.score_field(NORA, "Ivy Grainger", rnd.criteria(EXTRA_MILE)[0])
    edited = add_text_field(pack, tmp_path / "edited.pdf", ivy, "5")
    _refused(rnd, edited, "altered since it was made")


def test_a_pack_from_another_round_is_refused(rnd: Round, tmp_path: Path) -> None:
    other = build_round(tmp_path / "other.csxawards", name="Customer Service Awards 2025")
    try:
        pack = make(other, NORA, tmp_path / "other-nora.pdf")
        filled = fill(pack, tmp_path / "filled.pdf", scores_for(other, NORA, "Owen Marsh", [5]))
        _refused(rnd, filled, r"from another round \(Customer Service Awards 2025\)")
        make(rnd, NORA, tmp_path / "this-nora.pdf")  # this round now has a key of its own
        _refused(rnd, filled, "from another round")
    finally:
        other.store.close()


def test_a_pack_with_its_signature_changed_is_refused(rnd: Round, tmp_path: Path) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    filled = fill(pack, tmp_path / "filled.pdf", scores_for(rnd, NORA, "Owen Marsh", [5, 5, 5]))
    data = json.loads(identity_text(filled))
    data["signature"] = ("0" if data["signature"][0] != "0" else "1") + data["signature"][1:]
    forged = json.dumps(data)
    tampered = set_identity(filled, tmp_path / "tampered.pdf", info=forged, field=forged)
    _refused(rnd, tampered, "altered since it was made")
    # The identity rewritten for another member (Ben) no longer matches either.
    data = json.loads(identity_text(filled))
    data["member_id"], data["member_name"] = rnd.members[BEN], BEN
    as_ben = json.dumps(data, separators=(",", ":"))
    _refused(
        rnd,
        set_identity(filled, tmp_path / "as-ben.pdf", info=as_ben, field=as_ben),
        "another member's entry",
    )
    # Only one of the two copies changed: altered.
    only_info = set_identity(filled, tmp_path / "one.pdf", info=forged, field=identity_text(filled))
    _refused(rnd, only_info, "altered since it was made")


def test_a_pack_whose_reader_dropped_the_document_information_is_still_read(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    filled = fill(pack, tmp_path / "filled.pdf", scores_for(rnd, NORA, "Owen Marsh", [5, 4, 3]))
    dropped = set_identity(filled, tmp_path / "dropped.pdf", info=None, field=identity_text(filled))
    import_pack(rnd.store, dropped)
    assert _sheet(rnd, NORA, "Owen Marsh")[0] == [5, 4, 3]


def test_a_pack_for_an_entry_the_member_has_since_declared_an_interest_in_is_refused(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    values = {
        **scores_for(rnd, NORA, "Owen Marsh", [5, 5, 5]),
        **scores_for(rnd, NORA, "Ruth Akintola", [3, 3, 3]),
    }
    filled = fill(pack, tmp_path / "filled.pdf", values)
    rnd.store.panel.declare_interest(
        rnd.members[NORA], rnd.entries["Owen Marsh"], InterestKind.PERSONAL, "my neighbour"
    )
    error = _refused(rnd, filled, "declared interest")
    assert "Owen Marsh (Extra Mile)" in str(error)
    assert _sheet(rnd, NORA, "Ruth Akintola")[0] == [None, None, None]  # nothing kept


def test_an_interest_declared_since_in_an_entry_left_blank_does_not_stop_the_rest(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    filled = fill(pack, tmp_path / "filled.pdf", scores_for(rnd, NORA, "Ruth Akintola", [3, 3, 3]))
    rnd.store.panel.declare_interest(
        rnd.members[NORA], rnd.entries["Owen Marsh"], InterestKind.PERSONAL
    )
    import_pack(rnd.store, filled)
    assert _sheet(rnd, NORA, "Ruth Akintola")[0] == [3, 3, 3]


def test_a_pack_scoring_a_criterion_that_no_longer_exists_is_refused(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    filled = fill(pack, tmp_path / "filled.pdf", scores_for(rnd, NORA, "Owen Marsh", [5, 5, 5]))
    # No score exists yet, so the rubric may still change: it does, after the pack was made.
    rnd.store.round.replace_criteria(
        rnd.categories[EXTRA_MILE],
        [
            Criterion(
                name="Went further", description="Went further.", descriptors=GENERIC_DESCRIPTORS
            )
        ],
    )
    _refused(rnd, filled, "not part of this category's rubric")


def test_a_pack_scoring_a_category_submitted_in_the_app_since_is_refused(
    rnd: Round, tmp_path: Path
) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    filled = fill(pack, tmp_path / "filled.pdf", scores_for(rnd, NORA, "Owen Marsh", [5, 5, 5]))
    rnd.store.scores.submit_category(rnd.members[NORA], rnd.categories[EXTRA_MILE])
    _refused(rnd, filled, "this category has been submitted")


def test_a_score_a_reader_marked_only_on_its_box_is_read(rnd: Round, tmp_path: Path) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    criterion = rnd.criteria(EXTRA_MILE)[0]
    name = rnd.score_field(NORA, "Owen Marsh", criterion)
    writer = PdfWriter(clone_from=PdfReader(pack))
    for page in writer.pages:
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            parent = widget.get("/Parent")
            if parent is not None and parent.get_object().get("/T") == name:
                states = [s for s in widget["/AP"]["/N"] if s != "/Off"]
                if states == ["/3"]:
                    widget[NameObject("/AS")] = NameObject("/3")
    writer.write(tmp_path / "as-only.pdf")
    import_pack(rnd.store, tmp_path / "as-only.pdf")
    assert _sheet(rnd, NORA, "Owen Marsh")[0][0] == 3


def test_files_that_are_not_returnable_packs_get_one_line(rnd: Round, tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_text("not a pdf at all")
    _refused(rnd, tmp_path / "notes.pdf", "is not a PDF")
    _refused(rnd, tmp_path / "missing.pdf", "There is no file")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n%broken\n")
    _refused(rnd, tmp_path / "broken.pdf", "cannot be read|not a judging pack")
    plain = PdfWriter()
    plain.add_blank_page(200, 200)
    plain.write(tmp_path / "plain.pdf")
    _refused(rnd, tmp_path / "plain.pdf", "not a judging pack made by CSX Desktop")
    # A pack printed to PDF keeps its words but loses its boxes (and its identity).
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    flat = PdfWriter(clone_from=PdfReader(pack))
    flat.remove_annotations(subtypes=None)
    del flat._root_object["/AcroForm"]
    flat.write(tmp_path / "printed.pdf")
    _refused(rnd, tmp_path / "printed.pdf", "no boxes left to read")


def test_a_score_that_is_not_a_number_is_refused(rnd: Round, tmp_path: Path) -> None:
    pack = make(rnd, NORA, tmp_path / "nora.pdf")
    name = rnd.score_field(NORA, "Owen Marsh", rnd.criteria(EXTRA_MILE)[0])
    writer = PdfWriter(clone_from=PdfReader(pack))
    for field in writer._root_object["/AcroForm"]["/Fields"]:
        if field.get_object().get("/T") == name:
            field.get_object()[NameObject("/V")] = NameObject("/lots")
    writer.write(tmp_path / "odd.pdf")
    _refused(rnd, tmp_path / "odd.pdf", "'lots' is not a score")
