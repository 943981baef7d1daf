"""Issue 12's judging-integrity holes, through the operations every path uses.

- Before a member (the chair included) has submitted a category, nothing of its results is
  reachable: ranking, sheets, other counts, judges' chart, report, exports. Each refusal is
  one plain line; showing results to a member is noted (``has_seen_results``).
- A decision: open sheets need a confirmation and a reason (audited with who and how many);
  a decision departing from rank 1 needs a reason through the operation and ``csx-admin
  decide`` (the dialog: tests/test_results_ui.py); the store's storer is private.
- The report lists the round's rules and every reopening of a member's submission.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination
from csx_desktop.io.tables import read_table
from csx_desktop.operations import results as ops
from csx_desktop.operations.decisions import check_decision, record_decision, reopen_decision
from csx_desktop.operations.judging import has_seen_results, reopen_category
from csx_desktop.operations.results import ADMINISTRATOR, ResultsWithheld
from csx_desktop.store import InputRefused, Store

ROOT = Path(__file__).resolve().parents[1] / "csx_desktop"


def _score(store: Store, member_id: int, entry_id: int, *scores: int) -> None:
    criteria = store.round.category(store.nominations.entry(entry_id).category_id).criteria
    for criterion, score in zip(criteria, scores, strict=False):
        assert criterion.id is not None
        store.scores.set_score(member_id, entry_id, criterion.id, score)


@pytest.fixture
def ids(store: Store, panel_ids: dict[str, int]) -> dict[str, int]:
    """Pride of Stockton (Zoë first, Łukasz second) and Extra Mile (Maya, Owen), scored by
    Nora and Priya (the chair); Ben has scored nothing."""
    found = dict(panel_ids)
    for category, nominees in (
        ("Pride of Stockton", ("Zoë Whitfield", "Łukasz Nowak")),
        ("Extra Mile", ("Maya Lindqvist", "Owen Marsh")),
    ):
        category_id = store.round.category_named(category).id
        assert category_id is not None
        found[category] = category_id
        for nominee in nominees:
            added = store.nominations.add(Nomination(category_id, nominee, "A citation."))
            assert added.entry_id is not None
            found[nominee] = added.entry_id
    for member in ("Nora Quinn", "Priya Shah"):
        _score(store, found[member], found["Zoë Whitfield"], 5, 5, 4)
        _score(store, found[member], found["Łukasz Nowak"], 3, 4, 3)
        _score(store, found[member], found["Maya Lindqvist"], 4, 4, 4)
        _score(store, found[member], found["Owen Marsh"], 2, 2, 2)
    store.scores.set_comment(found["Nora Quinn"], found["Łukasz Nowak"], "Quiet hero.")
    return found


def _one_line(error: pytest.ExceptionInfo[BaseException]) -> str:
    text = str(error.value)
    assert text and "\n" not in text and "Traceback" not in text
    return text


# ---- nothing before submitting ------------------------------------------------------------------


def test_before_submitting_every_read_and_output_is_refused_in_one_line(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    chair, pride = ids["Priya Shah"], ids["Pride of Stockton"]
    reads = [
        lambda: ops.category_results(store, viewer=chair, category_id=pride),
        lambda: ops.sheets_behind(store, viewer=chair, entry_id=ids["Zoë Whitfield"]),
        lambda: ops.other_counts(store, viewer=chair, category_id=pride),
        lambda: ops.judges_at_a_glance(store, viewer=chair, category_id=pride),
        lambda: ops.all_results(store, viewer=chair, category="Pride of Stockton"),
        lambda: ops.results_document(store, viewer=chair, category="pride", with_counts=True),
        lambda: ops.check_outputs(store, viewer=chair),
        lambda: ops.write_results_report(store, viewer=chair, path=tmp_path / "r.pdf"),
        lambda: ops.export(store, what="results", viewer=chair, path=tmp_path / "r.csv"),
        lambda: ops.export(store, what="scoresheets", viewer=chair, path=tmp_path / "s.xlsx"),
    ]
    for read in reads:
        with pytest.raises(ResultsWithheld) as refused:
            read()
        assert "submit" in _one_line(refused)
    assert list(tmp_path.iterdir()) == []
    assert ops.all_results(store, viewer=chair) == []  # every category withheld
    lines = ops.categories_for(store, viewer=chair)
    assert lines and all(line.withheld for line in lines)
    assert not has_seen_results(store, member_id=chair, category_id=pride)


def test_after_submitting_the_chair_sees_that_category_and_is_noted_as_having_seen_it(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    chair, pride, extra = ids["Priya Shah"], ids["Pride of Stockton"], ids["Extra Mile"]
    store.scores.submit_category(chair, pride)
    result = ops.category_results(store, viewer=chair, category_id=pride)
    assert [e.nominee for e in result.entries] == ["Zoë Whitfield", "Łukasz Nowak"]
    assert has_seen_results(store, member_id=chair, category_id=pride)
    assert not has_seen_results(store, member_id=chair, category_id=extra)
    assert len(ops.sheets_behind(store, viewer=chair, entry_id=ids["Łukasz Nowak"])) == 2
    assert ops.other_counts(store, viewer=chair, category_id=pride) is not None
    assert ops.judges_at_a_glance(store, viewer=chair, category_id=pride).judges
    with pytest.raises(ResultsWithheld):
        ops.category_results(store, viewer=chair, category_id=extra)

    # The report and the exports hold only Pride of Stockton, and say what was left out.
    report = ops.write_results_report(store, viewer=chair, path=tmp_path / "report.pdf")
    assert report.categories == ("Pride of Stockton",)
    assert "Extra Mile" in report.left_out
    text = "".join(p.extract_text() for p in PdfReader(tmp_path / "report.pdf").pages)
    assert "Zoë Whitfield" in text and "Maya Lindqvist" not in text and "Owen Marsh" not in text
    results = ops.export(store, what="results", viewer=chair, path=tmp_path / "results.csv")
    sheets = ops.export(store, what="scoresheets", viewer=chair, path=tmp_path / "sheets.xlsx")
    assert results.amount == 2 and sheets.amount == 4
    for path in (tmp_path / "results.csv", tmp_path / "sheets.xlsx"):
        rows = read_table(path).rows[1:]
        assert {row[0] for row in rows} == {"Pride of Stockton"}
    assert "Left out until you have submitted them: Extra Mile" in results.summary("rows")


def test_a_member_who_is_not_the_chair_gets_the_totals_only(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    nora, pride = ids["Nora Quinn"], ids["Pride of Stockton"]
    store.scores.submit_category(nora, pride)
    assert ops.category_results(store, viewer=nora, category_id=pride).entries
    assert has_seen_results(store, member_id=nora, category_id=pride)
    for refused_read in (
        lambda: ops.sheets_behind(store, viewer=nora, entry_id=ids["Zoë Whitfield"]),
        lambda: ops.other_counts(store, viewer=nora, category_id=pride),
        lambda: ops.judges_at_a_glance(store, viewer=nora, category_id=pride),
        lambda: ops.write_results_report(store, viewer=nora, path=tmp_path / "r.pdf"),
        lambda: ops.export(store, what="scoresheets", viewer=nora, path=tmp_path / "s.csv"),
    ):
        with pytest.raises(ResultsWithheld) as refused:
            refused_read()
        assert "chair and the administrator" in _one_line(refused)
    assert list(tmp_path.iterdir()) == []


def test_a_member_sees_only_the_categories_they_judge(store: Store, ids: dict[str, int]) -> None:
    pride = ids["Pride of Stockton"]
    outsider = store.panel.add_member(
        "Ada Outsider", store.panel.member(ids["Nora Quinn"]).group, []
    )
    assert outsider.id is not None
    with pytest.raises(ResultsWithheld, match="do not judge"):
        ops.category_results(store, viewer=outsider.id, category_id=pride)
    star = store.ballots.category().id
    assert star is not None
    store.scores.submit_category(ids["Priya Shah"], pride)
    with pytest.raises(ResultsWithheld, match="administrator's"):
        ops.category_results(store, viewer=ids["Priya Shah"], category_id=star)
    assert ops.categories_for(store, viewer=outsider.id) == []


def test_the_administrator_sees_everything_and_is_noted_as_nobody(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    assert ops.check_outputs(store, viewer=ADMINISTRATOR)
    written = ops.export(store, what="results", viewer=ADMINISTRATOR, path=tmp_path / "all.csv")
    assert written.amount == 4 and written.left_out == ()
    assert {r.category.name for r in ops.all_results(store, viewer=ADMINISTRATOR)} >= {
        "Pride of Stockton",
        "Extra Mile",
        "Shining Star",
    }
    assert not store.conn.execute("SELECT 1 FROM audit WHERE action = 'see results'").fetchone()


# ---- decisions ------------------------------------------------------------------------------------


def test_open_sheets_need_a_confirmation_and_a_reason_and_are_audited(
    store: Store, ids: dict[str, int]
) -> None:
    pride, zoe = ids["Pride of Stockton"], ids["Zoë Whitfield"]
    with pytest.raises(InputRefused) as refused:
        record_decision(store, viewer=ADMINISTRATOR, category_id=pride, winners=[zoe])
    message = _one_line(refused)
    # Who has not submitted, and how many sheets each has left.
    assert "3 members judging Pride of Stockton have not submitted" in message
    assert "Ben Castleton: 2 of 2 sheets not finished" in message
    assert "Nora Quinn: every sheet complete, not submitted" in message
    with pytest.raises(InputRefused, match="reason is needed"):
        record_decision(
            store, viewer=ADMINISTRATOR, category_id=pride, winners=[zoe], confirm_open_sheets=True
        )
    assert store.decisions.current(pride) is None
    record_decision(
        store,
        viewer=ADMINISTRATOR,
        category_id=pride,
        winners=[zoe],
        reason="Ben Castleton withdrew from the panel.",
        confirm_open_sheets=True,
    )
    after = json.loads(store.audit_log(1)[0]["after"])
    assert after["confirmed_open_sheets"] is True
    missing = {o["member"]: o["sheets_not_finished"] for o in after["open_sheets"]}
    assert missing == {"Ben Castleton": 2, "Nora Quinn": 0, "Priya Shah": 0}


def test_the_check_shows_what_the_chair_should_see_before_recording(
    store: Store, ids: dict[str, int]
) -> None:
    from csx_desktop.domain.model import InterestKind

    pride = ids["Pride of Stockton"]
    store.panel.declare_interest(
        ids["Ben Castleton"], ids["Łukasz Nowak"], InterestKind.PERSONAL, "Neighbour"
    )
    check = check_decision(
        store,
        viewer=ADMINISTRATOR,
        category_id=pride,
        winners=[ids["Łukasz Nowak"]],
        highly_commended=[ids["Zoë Whitfield"]],
    )
    assert check.winners == ("Łukasz Nowak",) and check.highly_commended == ("Zoë Whitfield",)
    assert check.departs and "Zoë Whitfield is rank 1" in check.ranking
    assert check.interests == ("Ben Castleton stood aside from Łukasz Nowak (personal: Neighbour)",)
    assert "Ben Castleton: 1 of 1 sheets not finished" in check.open_sheets_in_words()
    assert "first" in check.counts
    assert any("reason is needed" in p for p in check.problems)
    assert any("confirm" in p for p in check.problems)


def test_who_may_decide(store: Store, ids: dict[str, int]) -> None:
    pride, zoe = ids["Pride of Stockton"], ids["Zoë Whitfield"]
    with pytest.raises(InputRefused, match="Only the chair or the administrator"):
        record_decision(store, viewer=ids["Nora Quinn"], category_id=pride, winners=[zoe])
    with pytest.raises(InputRefused, match="not submitted your own scores"):
        record_decision(store, viewer=ids["Priya Shah"], category_id=pride, winners=[zoe])
    for member in ("Nora Quinn", "Priya Shah", "Ben Castleton"):
        store.scores.submit_category(ids[member], pride)
    record_decision(store, viewer=ids["Priya Shah"], category_id=pride, winners=[zoe])
    with pytest.raises(InputRefused, match="Only the chair or the administrator"):
        reopen_decision(store, viewer=ids["Nora Quinn"], category_id=pride, reason="Why not")
    reopen_decision(store, viewer=ids["Priya Shah"], category_id=pride, reason="A recount.")
    assert store.decisions.current(pride) is None


def test_no_path_can_store_a_decision_round_the_rules(store: Store) -> None:
    assert not hasattr(store.decisions, "record") and not hasattr(store.decisions, "reopen")
    import csx_desktop.store.results as store_results

    assert not hasattr(store_results, "record_decision")
    # The window and the command line never call the private storers.
    for path in [*ROOT.joinpath("ui").rglob("*.py"), *ROOT.joinpath("cli").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert "decisions._record" not in text and "decisions._reopen" not in text, path


# Reads an access rule guards: the Results area, its models and dialog and the results
# commands reach them only through operations.results / operations.decisions.
GUARDED = {
    "load_results",
    "category_results",
    "sheet_details",
    "load_report",
    "load_counts",
    "judges_at_a_glance",
    "counted_sheets",
    "write_report",
    "render_report",
    "export",
}


@pytest.mark.parametrize(
    "module",
    [
        "ui/areas/results.py",
        "ui/results_models.py",
        "ui/decision_dialog.py",
        "ui/judges_chart.py",
        "cli/results_commands.py",
    ],
)
def test_the_window_and_the_commands_read_results_only_through_the_operations(
    module: str,
) -> None:
    tree = ast.parse(ROOT.joinpath(module).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.ImportFrom)
            and node.module
            and not node.module.startswith("csx_desktop.operations")
        ):
            names = {alias.name for alias in node.names}
            assert not names & GUARDED, f"{module} imports {names & GUARDED} from {node.module}"


def test_decide_on_the_command_line_obeys_the_same_rules(
    store: Store, ids: dict[str, int], round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    file = str(round_path)
    assert main(["decide", file, "--category", "pride", "--winner", "Zoë Whitfield"]) == 1
    err = capsys.readouterr().err
    assert "Ben Castleton: 2 of 2 sheets not finished" in err and len(err.splitlines()) == 1
    close = ["--close-open-sheets"]
    assert main(["decide", file, "--category", "pride", "--winner", "Zoë Whitfield", *close]) == 1
    assert "reason is needed" in capsys.readouterr().err
    # Departing from rank 1 without a reason: refused, whatever else is given.
    assert main(["decide", file, "--category", "pride", "--winner", "Łukasz Nowak", *close]) == 1
    assert "departs from the ranking" in capsys.readouterr().err
    with Store.open(round_path) as again:
        assert again.decisions.current(ids["Pride of Stockton"]) is None
    args = ["--winner", "Łukasz Nowak", *close, "--reason", "The families' letters."]
    assert main(["decide", file, "--category", "pride", *args]) == 0
    with Store.open(round_path) as again:
        decision = again.decisions.current(ids["Pride of Stockton"])
        assert decision is not None and decision.reason == "The families' letters."


# ---- the report -----------------------------------------------------------------------------------


def test_the_report_lists_the_rules_and_every_reopened_submission(
    store: Store, ids: dict[str, int], tmp_path: Path
) -> None:
    pride = ids["Pride of Stockton"]
    store.scores.submit_category(ids["Nora Quinn"], pride)
    reopen_category(
        store,
        viewer=ADMINISTRATOR,
        member_id=ids["Nora Quinn"],
        category_id=pride,
        reason="Nora asked to look again at Zoë.",
    )
    ops.write_results_report(store, viewer=ADMINISTRATOR, path=tmp_path / "report.pdf")
    text = " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(tmp_path / "report.pdf").pages
    )
    assert "Submitted scores reopened" in text
    assert "Nora asked to look again at Zoë." in text
    assert "The round's scoring rules" in text and "Minimum judges:" in text


def test_the_dialog_cannot_store_what_the_operation_refuses(
    qtbot: object, store: Store, ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even past its own checks (a forced step), the dialog stores only through the operation:
    a winner departing from rank 1 with no reason is refused, in one line, and nothing kept."""
    from csx_desktop.operations.decisions import DecisionCheck
    from csx_desktop.store.results import category_results
    from csx_desktop.ui.decision_dialog import DecisionDialog
    from csx_desktop.ui.results_models import DecisionChoiceModel

    pride = ids["Pride of Stockton"]
    for member in ("Nora Quinn", "Priya Shah", "Ben Castleton"):
        store.scores.submit_category(ids[member], pride)
    said: list[str] = []
    monkeypatch.setattr(
        "csx_desktop.ui.errors.show_refusal", lambda _p, e, _t="": said.append(str(e))
    )
    dialog = DecisionDialog(store, category_results(store, pride), viewer=ids["Priya Shah"])
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.model.set_ticked(ids["Łukasz Nowak"], DecisionChoiceModel.WINNER, True)
    dialog.model.set_ticked(ids["Zoë Whitfield"], DecisionChoiceModel.WINNER, False)
    dialog.check = DecisionCheck(
        "Pride of Stockton", ("Łukasz Nowak",), (), "", True, (), (), "", False, ()
    )
    dialog.steps.setCurrentIndex(1)
    dialog.record()
    assert store.decisions.current(pride) is None and dialog.decision is None
    assert len(said) == 1 and "reason is needed" in said[0] and "\n" not in said[0]
