"""Paper sheets keyed twice (issue 14): with the round's rule "twice", a sheet keyed in from
paper counts only once a second keying gives the same scores; sheets whose keyings differ are
listed for a third look and do not count; a sheet the member scores in the app is never held
back. Through every path that keys a sheet: the key-in operation and ``import scores``."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pack_helpers import BEN, NORA, Round, build_round, round_bytes

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Keying
from csx_desktop.domain.rubric import PRIDE_OF_STOCKTON
from csx_desktop.domain.scoring import Flag
from csx_desktop.operations import packs as ops
from csx_desktop.operations.rounds import change_settings
from csx_desktop.store import InputRefused, Store
from csx_desktop.store.counts import counted_sheets
from csx_desktop.store.results import SheetStatus, category_results, sheet_details
from csx_desktop.store.scores import SheetState

ANITA = "Anita Sedgwick"


@pytest.fixture
def rnd(tmp_path: Path) -> Iterator[Round]:
    result = build_round(tmp_path / "awards.csxawards")
    yield result
    result.store.close()


def _twice(rnd: Round) -> None:
    rnd.store.round.update_settings(paper_keying="twice")


def _scores(rnd: Round, values: list[int | None]) -> dict[int, int | None]:
    return dict(zip(rnd.criteria(PRIDE_OF_STOCKTON), values, strict=True))


def _key(
    rnd: Round, member: str, values: list[int | None], *, second: bool = False
) -> ops.KeyedSheet:
    return ops.key_paper_sheet(
        rnd.store,
        member_id=rnd.members[member],
        entry_id=rnd.entries[ANITA],
        scores=_scores(rnd, values),
        second_keying=second,
    )


def _anita(rnd: Round) -> tuple[int, float | None]:
    """Anita's counted judges and score in the results."""
    result = category_results(rnd.store, rnd.categories[PRIDE_OF_STOCKTON])
    entry = next(e for e in result.entries if e.nominee == ANITA)
    return entry.judges, entry.score


def _flags(rnd: Round) -> tuple[Flag, ...]:
    result = category_results(rnd.store, rnd.categories[PRIDE_OF_STOCKTON])
    return next(e for e in result.entries if e.nominee == ANITA).flags


def _status(rnd: Round, member: str) -> str:
    details = sheet_details(rnd.store, entry_id=rnd.entries[ANITA])
    return next(d.status for d in details if d.member == member)


def _state(rnd: Round, member: str) -> SheetState:
    progress = rnd.store.scores.progress(rnd.categories[PRIDE_OF_STOCKTON])
    return progress.state(rnd.members[member], rnd.entries[ANITA])


def _counted(rnd: Round) -> int:
    """How many sheets the counts side by side take in (they read sheets on their own)."""
    category = rnd.categories[PRIDE_OF_STOCKTON]
    return len(counted_sheets(rnd.store, category)[category])


def test_a_new_round_and_a_migrated_one_count_a_sheet_keyed_once(rnd: Round) -> None:
    assert rnd.store.round.settings().paper_keying == "once"
    _key(rnd, NORA, [5, 4, 3])
    _key(rnd, BEN, [3, 4, 5])
    assert _anita(rnd)[0] == 2
    assert _status(rnd, NORA) == SheetStatus.COUNTED
    assert _state(rnd, NORA) is SheetState.COMPLETE
    assert ops.paper_checks(rnd.store).lines() == []  # nothing waits for a second keying


def test_under_twice_a_sheet_counts_only_when_two_keyings_agree(rnd: Round) -> None:
    _twice(rnd)
    first = _key(rnd, NORA, [5, 4, 3])
    _key(rnd, BEN, [3, 4, 5])
    assert "key it again" in first.summary()
    assert _anita(rnd) == (0, None)  # neither sheet counts yet
    assert _flags(rnd) == (Flag.TOO_FEW_SHEETS, Flag.PAPER_TO_CHECK)  # not "incomplete"
    assert _counted(rnd) == 0
    assert _status(rnd, NORA) == SheetStatus.KEYED_ONCE
    assert _state(rnd, NORA) is SheetState.KEYED_ONCE
    assert ops.paper_checks(rnd.store).keyed_once == (
        f"{NORA} — {ANITA} ({PRIDE_OF_STOCKTON})",
        f"{BEN} — {ANITA} ({PRIDE_OF_STOCKTON})",
    )

    agreed = _key(rnd, NORA, [5, 4, 3], second=True)
    assert agreed.keying is Keying.AGREED
    assert "so it now counts" in agreed.summary()
    differs = _key(rnd, BEN, [3, 4, 4], second=True)
    assert differs.keying is Keying.DIFFERS
    assert "does not count until the two keyings agree" in differs.summary()
    assert _status(rnd, NORA) == SheetStatus.COUNTED
    assert _status(rnd, BEN) == SheetStatus.KEYINGS_DIFFER
    assert _state(rnd, BEN) is SheetState.KEYINGS_DIFFER
    assert _counted(rnd) == 1
    assert _anita(rnd)[0] == 1  # one counted sheet: below the minimum of 2, so no rank
    checks = ops.paper_checks(rnd.store)
    assert checks.keyed_once == ()
    assert [m.member_name for m in checks.mismatches] == [BEN]
    assert "not counted until they agree" in "\n".join(checks.lines())

    # A third look at the paper: the first keying was wrong; corrected, both now agree.
    corrected = _key(rnd, BEN, [3, 4, 4])
    assert corrected.keying is Keying.AGREED
    assert "agrees with the sheet's second keying" in corrected.summary()
    judges, score = _anita(rnd)
    assert judges == 2 and score is not None
    assert Flag.PAPER_TO_CHECK not in _flags(rnd)
    assert ops.paper_checks(rnd.store).lines() == []


def test_a_later_slip_in_the_first_keying_stops_an_agreed_sheet_counting(rnd: Round) -> None:
    _twice(rnd)
    _key(rnd, NORA, [5, 4, 3])
    _key(rnd, NORA, [5, 4, 3], second=True)
    assert _status(rnd, NORA) == SheetStatus.COUNTED
    _key(rnd, NORA, [5, 4, 2])  # keyed again, differently
    assert _status(rnd, NORA) == SheetStatus.KEYINGS_DIFFER


def test_a_member_scoring_in_the_app_is_never_held_back(rnd: Round) -> None:
    _twice(rnd)
    nora, anita = rnd.members[NORA], rnd.entries[ANITA]
    for criterion, score in _scores(rnd, [5, 4, 3]).items():
        rnd.store.scores.set_score(nora, anita, criterion, score)
    assert rnd.store.scores.sheet(nora, anita).keying is None
    assert _status(rnd, NORA) == SheetStatus.COUNTED
    # A paper sheet the member then changes in the app is theirs again: nothing to check.
    _key(rnd, BEN, [3, 4, 5])
    assert _status(rnd, BEN) == SheetStatus.KEYED_ONCE
    ben = rnd.members[BEN]
    rnd.store.scores.set_score(ben, anita, rnd.criteria(PRIDE_OF_STOCKTON)[0], 2)
    assert rnd.store.scores.sheet(ben, anita).keying is None
    assert _status(rnd, BEN) == SheetStatus.COUNTED


def test_turning_the_rule_on_once_scoring_started_needs_a_reason_and_holds_back_unchecked(
    rnd: Round,
) -> None:
    _key(rnd, NORA, [5, 4, 3])
    _key(rnd, BEN, [3, 4, 5])
    assert _anita(rnd)[0] == 2
    before = round_bytes(rnd.store)
    with pytest.raises(InputRefused, match="reason"):
        change_settings(rnd.store, changes={"paper_keying": "twice"})
    assert round_bytes(rnd.store) == before
    change_settings(
        rnd.store, changes={"paper_keying": "twice"}, reason="The panel asked for a check."
    )
    assert _anita(rnd) == (0, None)  # both were keyed once, and count again once checked
    _key(rnd, NORA, [5, 4, 3], second=True)
    _key(rnd, BEN, [3, 4, 5], second=True)
    assert _anita(rnd)[0] == 2


_SCORE = st.one_of(st.none(), st.integers(0, 5))


def _any_score(scores: list[int | None]) -> bool:
    """A keying with nothing on it is refused ("Nothing to save"), so each has a score."""
    return any(v is not None for v in scores)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    first=st.lists(_SCORE, min_size=3, max_size=3).filter(_any_score),
    second=st.lists(_SCORE, min_size=3, max_size=3).filter(_any_score),
)
def test_a_sheet_counts_exactly_when_both_keyings_give_the_same_complete_scores(
    rnd: Round, first: list[int | None], second: list[int | None]
) -> None:
    """Whatever the sheet held before, the latest first and second keyings decide it."""
    if rnd.store.round.settings().paper_keying != "twice":
        _twice(rnd)
    _key(rnd, NORA, first)
    _key(rnd, NORA, second, second=True)
    counted = _status(rnd, NORA) == SheetStatus.COUNTED
    assert counted == (first == second and None not in first)


# ---- import scores ------------------------------------------------------------------------

HEADER = ["member", "category", "nominee", "criterion", "score", "comment"]


def _csv(
    criteria: list[str], path: Path, sheets: dict[str, list[int]], *, reverse: bool = False
) -> Path:
    rows = [
        [member, PRIDE_OF_STOCKTON, ANITA, criterion, str(score), ""]
        for member, scores in sheets.items()
        for criterion, score in zip(criteria, scores, strict=True)
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *(reversed(rows) if reverse else rows)])
    return path


def test_import_scores_is_a_first_keying_and_second_keying_checks_a_retyped_file(
    rnd: Round, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _twice(rnd)
    path = rnd.store.path
    assert path is not None
    category = rnd.store.round.category(rnd.categories[PRIDE_OF_STOCKTON])
    names = [c.name for c in category.criteria]
    ids = [c.id or 0 for c in category.criteria]
    rnd.store.close()
    first = _csv(names, tmp_path / "typed-by-jo.csv", {NORA: [5, 4, 3], BEN: [3, 4, 5]})
    assert main(["import", "scores", str(path), str(first)]) == 0
    out = capsys.readouterr().out
    assert "6 added" in out
    assert "2 sheets were keyed once" in out and "--second-keying" in out
    assert main(["packs", str(path)]) == 0
    assert "Paper sheets keyed once, not counted until keyed again (2):" in capsys.readouterr().out

    # The file of the first keying cannot check itself: refused, and nothing changes.
    before = path.read_bytes()
    assert main(["import", "scores", str(path), str(first), "--second-keying"]) != 0
    err = capsys.readouterr().err
    assert "is the very file these scores were imported from" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before

    # Typed again by someone else (rows in another order): Nora's agrees, Ben's does not.
    retyped = _csv(
        names, tmp_path / "typed-by-sam.csv", {NORA: [5, 4, 3], BEN: [3, 4, 4]}, reverse=True
    )
    assert main(["import", "scores", str(path), str(retyped), "--second-keying"]) == 0
    out = capsys.readouterr().out
    assert "Checked 2 paper sheets from typed-by-sam.csv against the app: 1 agree, 1 differ." in out
    assert f"The keyings differ: {BEN} — {ANITA}." in out
    with Store.open(path) as store:
        anita = rnd.entries[ANITA]
        assert store.scores.sheet(rnd.members[NORA], anita).keying is Keying.AGREED
        assert store.scores.sheet(rnd.members[BEN], anita).keying is Keying.DIFFERS
        assert store.scores.sheet(rnd.members[BEN], anita).scores == dict(
            zip(ids, [3, 4, 5], strict=True)
        )  # a check changes no score
        statuses = {d.member: d.status for d in sheet_details(store, entry_id=anita)}
    assert statuses == {NORA: SheetStatus.COUNTED, BEN: SheetStatus.KEYINGS_DIFFER}


def test_a_decision_names_paper_sheets_that_do_not_count_yet(rnd: Round) -> None:
    from csx_desktop.operations.decisions import open_sheets

    _twice(rnd)
    _key(rnd, BEN, [3, 4, 5])
    pride = rnd.categories[PRIDE_OF_STOCKTON]
    ben = next(o for o in open_sheets(rnd.store, category_id=pride) if o.member == BEN)
    assert (ben.unchecked, ben.submitted) == (1, False)
    assert "(1 of them paper sheet keyed once or whose keyings differ)" in ben.in_words()
    # A member who submitted is still named while a paper sheet of theirs is unchecked.
    rnd.store.scores.submit_category(rnd.members[BEN], pride)
    ben = next(o for o in open_sheets(rnd.store, category_id=pride) if o.member == BEN)
    assert ben.submitted and ben.unchecked == 1
    assert ben.in_words().startswith(f"{BEN}: submitted, ")


def test_scoring_progress_shows_a_sheet_keyed_once_and_says_what_its_mark_means(
    qtbot: object, rnd: Round
) -> None:
    from PySide6.QtCore import Qt

    from csx_desktop.ui.areas.progress import ProgressArea
    from csx_desktop.ui.session import Person, Role, Session

    _key(rnd, BEN, [3, 4, 5])
    session = Session(rnd.store, Person(Role.ADMINISTRATOR))
    area = ProgressArea(session)
    qtbot.addWidget(area)  # type: ignore[attr-defined]
    area.category.setCurrentIndex(area.category.findText(PRIDE_OF_STOCKTON))
    model = area.model
    members = [model.member_at(c).name for c in range(model.columnCount())]  # type: ignore[union-attr]
    entries = [model.entry_at(r).nominee for r in range(model.rowCount())]  # type: ignore[union-attr]
    cell = model.index(entries.index(ANITA), members.index(BEN))
    assert model.data(cell) == "✓ complete"  # the round counts a sheet keyed once
    assert "keyed once" not in area.legend.text()

    _twice(rnd)
    area.refresh()
    assert model.data(cell) == "◑ keyed once, to key again"
    assert model.data(cell, Qt.ItemDataRole.AccessibleTextRole) == (
        f"{BEN}, {ANITA}: keyed once, to key again"
    )
    assert "◑ paper sheet keyed once, to key again" in area.legend.text()
    _key(rnd, BEN, [3, 4, 4], second=True)
    area.refresh()
    assert model.data(cell) == "≠ keyings differ"
    session.end()


# ---- the paper pack's "I have finished this category" box ------------------------------------


def test_a_second_keying_may_check_a_submitted_sheet_and_a_first_may_not(rnd: Round) -> None:
    _twice(rnd)
    _key(rnd, BEN, [3, 4, 5])
    pride = rnd.categories[PRIDE_OF_STOCKTON]
    rnd.store.scores.submit_category(rnd.members[BEN], pride)
    with pytest.raises(InputRefused, match="has submitted this category"):
        _key(rnd, BEN, [3, 4, 4])
    checked = _key(rnd, BEN, [3, 4, 5], second=True)  # a check changes no score
    assert checked.keying is Keying.AGREED
    assert _status(rnd, BEN) == SheetStatus.COUNTED


def test_the_finished_box_on_paper_submits_only_a_category_keyed_in_whole(rnd: Round) -> None:
    from csx_desktop.operations.decisions import open_sheets

    pride = rnd.categories[PRIDE_OF_STOCKTON]
    ben = rnd.members[BEN]
    _key(rnd, BEN, [3, 4, 5])  # Anita; Łukasz Nowak is still to key
    before = round_bytes(rnd.store)
    with pytest.raises(InputRefused, match=r"not all keyed in yet \(1 to go, e.g. Łukasz Nowak\)"):
        ops.finish_paper_category(rnd.store, member_id=ben, category_id=pride)
    assert round_bytes(rnd.store) == before
    ops.key_paper_sheet(
        rnd.store,
        member_id=ben,
        entry_id=rnd.entries["Łukasz Nowak"],
        scores=_scores(rnd, [2, 2, 2]),
    )
    done = ops.finish_paper_category(rnd.store, member_id=ben, category_id=pride)
    assert rnd.store.scores.is_submitted(ben, pride)
    assert (done.finished, done.to_score) == (2, 2)
    assert BEN not in [o.member for o in open_sheets(rnd.store, category_id=pride)]
    with pytest.raises(InputRefused, match="already submitted"):
        ops.finish_paper_category(rnd.store, member_id=ben, category_id=pride)
    with pytest.raises(InputRefused, match="does not judge"):
        ops.finish_paper_category(
            rnd.store, member_id=ben, category_id=rnd.categories["Extra Mile"]
        )


def test_csx_admin_finished_submits_for_a_paper_member_or_says_why_not(
    rnd: Round, capsys: pytest.CaptureFixture[str]
) -> None:
    path = rnd.store.path
    assert path is not None
    _key(rnd, BEN, [3, 4, 5])
    lukasz = _scores(rnd, [2, 2, 2])
    rnd.store.close()
    command = ["finished", str(path), "--member", BEN, "--category", PRIDE_OF_STOCKTON]
    before = path.read_bytes()
    assert main(command) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not all keyed in yet (1 to go" in err
    assert "Traceback" not in err
    assert path.read_bytes() == before
    with Store.open(path) as store:
        ops.key_paper_sheet(
            store,
            member_id=rnd.members[BEN],
            entry_id=rnd.entries["Łukasz Nowak"],
            scores=lukasz,
        )
    assert main(command) == 0
    assert capsys.readouterr().out == f"{PRIDE_OF_STOCKTON} is submitted for {BEN}.\n"
    assert main([*command[:3], "Nobody", *command[4:]]) != 0
    assert "Traceback" not in capsys.readouterr().err


def test_an_unfinished_paper_sheet_is_incomplete_and_a_finished_one_waits_for_its_check(
    rnd: Round,
) -> None:
    _twice(rnd)
    _key(rnd, NORA, [5, 4, None])  # the paper sheet itself is not finished
    assert _flags(rnd) == (Flag.TOO_FEW_SHEETS, Flag.INCOMPLETE_SHEETS)
    _key(rnd, NORA, [5, 4, 3])
    assert _flags(rnd) == (Flag.TOO_FEW_SHEETS, Flag.PAPER_TO_CHECK)
