"""The operations behind the Judging packs tab (``operations.packs``), without the window:
making packs in three steps (nothing stored until the last), a returned pack's per-sheet
choice, and keying a paper sheet through the rules of scoring in the app, all or nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from pack_helpers import BEN, NORA, Round, build_round, fill, make, round_bytes, scores_for

from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON
from csx_desktop.operations import packs as ops
from csx_desktop.store import InputRefused
from csx_desktop.store.pack_records import pack_history, pack_keys


@pytest.fixture
def rnd(tmp_path: Path) -> Iterator[Round]:
    result = build_round(tmp_path / "awards.csxawards")
    yield result
    result.store.close()


def _sheet(rnd: Round, member: str, nominee: str) -> tuple[list[int | None], str]:
    sheet = rnd.store.scores.sheet(rnd.members[member], rnd.entries[nominee])
    category = rnd.store.nominations.entry(rnd.entries[nominee]).category_id
    criteria = rnd.store.round.category(category).criteria
    return [sheet.scores.get(c.id or 0) for c in criteria], sheet.comment


# ---- making packs -------------------------------------------------------------------------------


def test_planning_and_rendering_store_nothing_saving_stores_the_keys_and_records(
    rnd: Round, tmp_path: Path
) -> None:
    folder = tmp_path / "packs"
    before = round_bytes(rnd.store)
    plan = ops.plan_packs(rnd.store, output=folder, send_to="Jo")
    steps: list[tuple[int, int, str]] = []
    rendered = ops.render_packs(plan, progress=lambda *step: steps.append(step))
    assert round_bytes(rnd.store) == before  # no keys, no records yet
    assert pack_keys(rnd.store) is None
    assert [s[:2] for s in steps] == [(0, 2), (1, 2), (2, 2)]
    assert steps[0][2].startswith("Making the pack for")
    made = ops.save_packs(rnd.store, rendered=rendered)
    assert sorted(p.member_name for p in made.written) == [BEN, NORA]
    assert made.summary() == f"Made 2 judging packs in {folder}."
    keys = pack_keys(rnd.store)
    assert keys is not None and keys == plan.job.keys
    assert len(pack_history(rnd.store)) == 2
    # The packs made this way are signed with the stored keys: one is taken back.
    nora = next(p.path for p in made.written if p.member_name == NORA)
    values = scores_for(rnd, NORA, "Anita Sedgwick", [3, 3, 3])
    result = ops.import_returned_pack(rnd.store, path=fill(nora, tmp_path / "back.pdf", values))
    assert result.scores_taken == 3


def test_a_stopped_render_removes_the_folder_it_made_and_stores_nothing(
    rnd: Round, tmp_path: Path
) -> None:
    folder = tmp_path / "new"
    before = round_bytes(rnd.store)
    plan = ops.plan_packs(rnd.store, output=folder)
    assert folder.is_dir()

    def stop(done: int, _total: int, _words: str) -> None:
        if done == 1:
            raise KeyboardInterrupt  # as Cancel stops the worker

    with pytest.raises(KeyboardInterrupt):
        ops.render_packs(plan, progress=stop)
    assert not folder.exists()
    assert round_bytes(rnd.store) == before


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"member_ids": []}, "Choose at least one panel member"),
        ({"member_ids": [999]}, "Choose at least one panel member"),
        ({"output": "a-file.txt"}, "is a file: give a folder"),
        ({"output": "missing/inner"}, "does not exist"),
        ({"member_name": NORA, "output": "pack.txt"}, "ending in .pdf"),
    ],
)
def test_refusals_before_anything_is_made(
    rnd: Round, tmp_path: Path, kwargs: dict[str, object], match: str
) -> None:
    (tmp_path / "a-file.txt").write_text("x")
    output = tmp_path / str(kwargs.pop("output", "packs"))
    before = round_bytes(rnd.store)
    with pytest.raises(InputRefused, match=match):
        ops.make_packs(rnd.store, output=output, **kwargs)  # type: ignore[arg-type]
    assert round_bytes(rnd.store) == before
    assert not (tmp_path / "packs").exists()


def test_existing_pack_files_are_found_to_ask_first(rnd: Round, tmp_path: Path) -> None:
    ids = [rnd.members[NORA], rnd.members[BEN]]
    assert ops.existing_pack_files(rnd.store, folder=tmp_path, member_ids=ids) == []
    ops.make_packs(rnd.store, output=tmp_path, member_ids=[rnd.members[NORA]])
    found = ops.existing_pack_files(rnd.store, folder=tmp_path, member_ids=ids)
    assert [p.name for p in found] == [f"Judging pack - {NORA}.pdf"]
    with pytest.raises(InputRefused, match="already exists"):
        ops.make_packs(rnd.store, output=tmp_path, member_ids=ids)
    made = ops.make_packs(rnd.store, output=tmp_path, member_ids=ids, overwrite=True)
    assert len(made.written) == 2


# ---- a returned pack ----------------------------------------------------------------------------


def test_the_check_changes_nothing_and_each_differing_sheet_is_chosen_alone(
    rnd: Round, tmp_path: Path
) -> None:
    nora = rnd.members[NORA]
    for nominee in ("Owen Marsh", "Ruth Akintola"):
        for criterion in rnd.criteria(EXTRA_MILE):
            rnd.store.scores.set_score(nora, rnd.entries[nominee], criterion, 4)
    blank = make(rnd, NORA, tmp_path / "pack.pdf")
    values = scores_for(rnd, NORA, "Owen Marsh", [1, 1, 1])
    values |= scores_for(rnd, NORA, "Ruth Akintola", [2, 2, 2])
    returned = fill(blank, tmp_path / "back.pdf", values)
    before = round_bytes(rnd.store)
    check = ops.check_returned_pack(rnd.store, path=returned)
    assert round_bytes(rnd.store) == before
    assert {s.nominee for s in check.left} == {"Owen Marsh", "Ruth Akintola"}
    assert not check.taken
    result = ops.import_returned_pack(rnd.store, path=returned, take={rnd.entries["Ruth Akintola"]})
    assert [s.nominee for s in result.taken] == ["Ruth Akintola"]
    assert [s.nominee for s in result.left] == ["Owen Marsh"]
    assert _sheet(rnd, NORA, "Ruth Akintola")[0] == [2, 2, 2]
    assert _sheet(rnd, NORA, "Owen Marsh")[0] == [4, 4, 4]
    assert result.summary(prefer_hint="").endswith("was left as in the app.")


# ---- keying a paper sheet -----------------------------------------------------------------------


def _criteria(rnd: Round, category: str, scores: list[int | None]) -> dict[int, int | None]:
    return dict(zip(rnd.criteria(category), scores, strict=True))


def test_a_keyed_sheet_is_stored_with_audit_rows_and_again_changes_nothing(rnd: Round) -> None:
    ben, anita = rnd.members[BEN], rnd.entries["Anita Sedgwick"]
    scores = _criteria(rnd, PRIDE_OF_STOCKTON, [5, 4, None])
    keyed = ops.key_paper_sheet(
        rnd.store, member_id=ben, entry_id=anita, scores=scores, comment=" Lovely. \r\n"
    )
    assert [v.keyed for v in keyed.changed] == [5, 4, "Lovely."]
    assert not keyed.complete and "not complete yet" in keyed.summary()
    assert _sheet(rnd, BEN, "Anita Sedgwick") == ([5, 4, None], "Lovely.")
    audited = [json.loads(r["after"]) for r in rnd.store.audit_log(20) if r["after"]]
    assert sum(1 for a in audited if a.get("via") == ops.PAPER_SHEET_VIA) == 3
    before = round_bytes(rnd.store)
    again = ops.key_paper_sheet(
        rnd.store, member_id=ben, entry_id=anita, scores=scores, comment="Lovely."
    )
    assert again.changed == [] and "nothing was changed" in again.summary()
    assert round_bytes(rnd.store) == before


@pytest.mark.parametrize(
    ("member", "nominee", "scores", "match"),
    [
        (BEN, "Anita Sedgwick", [5, 9, 1], "9 is not a score for"),
        (BEN, "Anita Sedgwick", [None, None, None], "Nothing to save"),
        (NORA, "Ivy Grainger", [1, 1, 1], "declared an interest in Ivy Grainger"),
        (BEN, "Owen Marsh", [1, 1, 1], "does not judge this category"),
    ],
)
def test_a_sheet_the_rules_refuse_keeps_nothing(
    rnd: Round, member: str, nominee: str, scores: list[int | None], match: str
) -> None:
    category = PRIDE_OF_STOCKTON if nominee == "Anita Sedgwick" else EXTRA_MILE
    before = round_bytes(rnd.store)
    with pytest.raises(InputRefused, match=match):
        ops.key_paper_sheet(
            rnd.store,
            member_id=rnd.members[member],
            entry_id=rnd.entries[nominee],
            scores=_criteria(rnd, category, scores),
        )
    assert round_bytes(rnd.store) == before


def test_a_submitted_category_is_refused_until_the_chair_reopens_it(rnd: Round) -> None:
    ben, anita = rnd.members[BEN], rnd.entries["Anita Sedgwick"]
    rnd.store.scores.submit_category(ben, rnd.categories[PRIDE_OF_STOCKTON])
    form = ops.paper_sheet_form(rnd.store, member_id=ben, entry_id=anita)
    assert form.refusal is not None and "has submitted this category" in form.refusal
    with pytest.raises(InputRefused, match="has submitted"):
        ops.key_paper_sheet(
            rnd.store,
            member_id=ben,
            entry_id=anita,
            scores=_criteria(rnd, PRIDE_OF_STOCKTON, [1, 1, 1]),
        )


def test_second_keyings_list_what_disagrees_until_corrected(rnd: Round) -> None:
    ben, anita = rnd.members[BEN], rnd.entries["Anita Sedgwick"]
    first = _criteria(rnd, PRIDE_OF_STOCKTON, [4, 3, 5])
    ops.key_paper_sheet(rnd.store, member_id=ben, entry_id=anita, scores=first)
    check = ops.key_paper_sheet(
        rnd.store,
        member_id=ben,
        entry_id=anita,
        scores=_criteria(rnd, PRIDE_OF_STOCKTON, [4, 8 - 5, 2]),
        second_keying=True,
    )
    assert [m.what for m in check.mismatches] == ["Trusted and supported"]
    assert _sheet(rnd, BEN, "Anita Sedgwick")[0] == [4, 3, 5]  # the check changes no score
    listed = ops.keying_mismatches(rnd.store)
    assert len(listed) == 1
    assert listed[0].words() == (
        f"{BEN} — Anita Sedgwick ({PRIDE_OF_STOCKTON}): Trusted and supported: 5 in the app, "
        "2 keyed again"
    )
    # A third look finds the first keying wrong: corrected, the list empties.
    ops.key_paper_sheet(
        rnd.store,
        member_id=ben,
        entry_id=anita,
        scores=_criteria(rnd, PRIDE_OF_STOCKTON, [4, 3, 2]),
    )
    assert ops.keying_mismatches(rnd.store) == []


def test_paper_entries_leave_out_declared_interests(rnd: Round) -> None:
    offered = {
        category.name: [e.nominee for e in entries]
        for category, entries in ops.paper_entries(rnd.store, member_id=rnd.members[NORA])
    }
    assert set(offered) == {PRIDE_OF_STOCKTON, EXTRA_MILE}
    assert "Ivy Grainger" not in offered[EXTRA_MILE]
    assert sorted(offered[EXTRA_MILE]) == ["Owen Marsh", "Ruth Akintola"]


def test_csx_admin_packs_lists_sheets_whose_keyings_disagree(
    rnd: Round, capsys: pytest.CaptureFixture[str]
) -> None:
    from csx_desktop.cli.main import main

    ben, anita = rnd.members[BEN], rnd.entries["Anita Sedgwick"]
    ops.key_paper_sheet(
        rnd.store,
        member_id=ben,
        entry_id=anita,
        scores=_criteria(rnd, PRIDE_OF_STOCKTON, [1, 2, 3]),
    )
    ops.key_paper_sheet(
        rnd.store,
        member_id=ben,
        entry_id=anita,
        scores=_criteria(rnd, PRIDE_OF_STOCKTON, [1, 2, 4]),
        second_keying=True,
    )
    path = rnd.store.path
    assert path is not None
    assert main(["packs", str(path)]) == 0
    out = capsys.readouterr().out
    assert "No judging packs have been made from this round yet." in out
    assert "Paper sheets whose two keyings disagree (1):" in out
    assert "Trusted and supported: 3 in the app, 4 keyed again" in out
    assert main(["packs", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # the JSON keeps its shape
