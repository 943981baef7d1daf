"""The Results area and the decision dialog, driven as the chair would with pytest-qt."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.qtbot import QtBot

from csx_desktop.domain.model import Nomination
from csx_desktop.store import Store
from csx_desktop.store.results import category_results, sheet_details
from csx_desktop.ui.areas.results import ResultsArea
from csx_desktop.ui.decision_dialog import DecisionDialog
from csx_desktop.ui.results_models import (
    DecisionChoiceModel,
    ResultsTableModel,
    SheetsTableModel,
)
from csx_desktop.ui.session import Person, Role, Session
from csx_desktop.ui.widgets.empty_state import EmptyState


def _score(store: Store, member_id: int, entry_id: int, *scores: int) -> None:
    criteria = store.round.category(store.nominations.entry(entry_id).category_id).criteria
    for criterion, score in zip(criteria, scores, strict=False):
        assert criterion.id is not None
        store.scores.set_score(member_id, entry_id, criterion.id, score)


@pytest.fixture
def ids(store: Store, panel_ids: dict[str, int]) -> dict[str, int]:
    """Pride of Stockton: Zoë is the sole rank 1, Łukasz second; one comment."""
    pride = store.round.category_named("Pride of Stockton").id
    assert pride is not None
    entries = {}
    for name in ("Zoë Whitfield", "Łukasz Nowak"):
        entry_id = store.nominations.add(Nomination(category_id=pride, nominee=name, citation=""))
        assert entry_id.entry_id is not None
        entries[name] = entry_id.entry_id
    for member in ("Nora Quinn", "Priya Shah"):
        _score(store, panel_ids[member], entries["Zoë Whitfield"], 5, 5, 4)
        _score(store, panel_ids[member], entries["Łukasz Nowak"], 3, 4, 3)
    store.scores.set_comment(panel_ids["Nora Quinn"], entries["Łukasz Nowak"], "Quiet hero.")
    return {**entries, **panel_ids, "pride": pride}


_sessions: list[Session] = []


@pytest.fixture(autouse=True)
def _end_sessions() -> Iterator[None]:
    """Stop each session's file watch before its round file closes."""
    yield
    while _sessions:
        _sessions.pop().end()


def _session(store: Store, member_id: int | None) -> Session:
    if member_id is None:
        session = Session(store, Person(Role.ADMINISTRATOR))
    else:
        session = Session(store, Person(Role.MEMBER, store.panel.member(member_id)))
    _sessions.append(session)
    return session


@pytest.fixture
def chair_area(qtbot: QtBot, store: Store, ids: dict[str, int]) -> ResultsArea:
    """The chair's Results, after the chair (and Nora) submitted Pride of Stockton; Ben
    Castleton has not."""
    store.scores.submit_category(ids["Priya Shah"], ids["pride"])
    store.scores.submit_category(ids["Nora Quinn"], ids["pride"])
    area = ResultsArea(_session(store, ids["Priya Shah"]))
    qtbot.addWidget(area)
    area.resize(1100, 700)
    area.show()
    qtbot.waitUntil(lambda: not area.counting)  # counted once "Counting…" is on screen
    return area


# ---- the models ---------------------------------------------------------------------------------


def test_the_models_pass_the_model_tester(qtmodeltester, store: Store, ids: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    result = category_results(store, ids["pride"])
    qtmodeltester.check(ResultsTableModel(result))
    sheets = SheetsTableModel()
    sheets.set_rows(sheet_details(store, entry_id=ids["Łukasz Nowak"]))
    qtmodeltester.check(sheets)
    qtmodeltester.check(DecisionChoiceModel(result, {ids["Zoë Whitfield"]}, set()))


def test_flags_and_awards_come_in_words(store: Store, ids: dict[str, int]) -> None:
    from csx_desktop.operations.decisions import record_decision
    from csx_desktop.operations.results import ADMINISTRATOR

    record_decision(
        store,
        viewer=ADMINISTRATOR,
        category_id=ids["pride"],
        winners=[ids["Zoë Whitfield"]],
        reason="Ben Castleton stood down.",
        confirm_open_sheets=True,
    )
    model = ResultsTableModel(category_results(store, ids["pride"]))
    entry = model.index(0, ResultsTableModel.ENTRY)
    assert model.data(entry) == "Zoë Whitfield  ★ Winner"
    assert "rank 1" in model.data(entry, Qt.ItemDataRole.AccessibleTextRole)
    assert model.data(model.index(0, ResultsTableModel.SCORE)) == "93.33"


def test_ticking_a_winner_unticks_highly_commended(store: Store, ids: dict[str, int]) -> None:
    model = DecisionChoiceModel(category_results(store, ids["pride"]), set(), set())
    model.set_ticked(ids["Łukasz Nowak"], DecisionChoiceModel.COMMENDED, True)
    model.set_ticked(ids["Łukasz Nowak"], DecisionChoiceModel.WINNER, True)
    assert model.winners() == [ids["Łukasz Nowak"]] and model.commended() == []


# ---- the chair's decision -----------------------------------------------------------------------


def _dialog(qtbot: QtBot, store: Store, area: ResultsArea) -> DecisionDialog:
    dialog = DecisionDialog(store, area.current_result(), area, viewer=area.viewer)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_opens_with_the_rank_1_entry_ticked_and_checks_before_recording(
    qtbot: QtBot, store: Store, chair_area: ResultsArea, ids: dict[str, int]
) -> None:
    store.scores.submit_category(ids["Ben Castleton"], ids["pride"])  # nobody's sheets open
    dialog = _dialog(qtbot, store, chair_area)
    assert dialog.model.winners() == [ids["Zoë Whitfield"]]
    assert not dialog.reason_required()
    assert "follows the ranking" in dialog.ranking_note.text()
    assert not dialog.open_note.isVisible()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    # Check your answers: nothing stored yet.
    assert dialog.on_check_step() and store.decisions.current(ids["pride"]) is None
    assert dialog.summary_rows["Winner"].text() == "Zoë Whitfield"
    assert "follows the ranking" in dialog.summary_rows["The ranking"].text()
    assert "Every member judging" in dialog.summary_rows["Open sheets"].text()
    assert not dialog.confirm.isVisible()
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == DecisionDialog.DialogCode.Accepted
    assert store.decisions.current(ids["pride"]) is not None


def test_a_decision_departing_from_the_ranking_cannot_be_saved_without_a_reason(
    qtbot: QtBot, store: Store, chair_area: ResultsArea, ids: dict[str, int]
) -> None:
    store.scores.submit_category(ids["Ben Castleton"], ids["pride"])
    dialog = _dialog(qtbot, store, chair_area)
    dialog.model.set_ticked(ids["Łukasz Nowak"], DecisionChoiceModel.WINNER, True)
    dialog.model.set_ticked(ids["Zoë Whitfield"], DecisionChoiceModel.WINNER, False)
    assert dialog.reason_required()
    assert "departs from the ranking" in dialog.ranking_note.text()
    assert "required" in dialog.reason_label.text()

    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and not dialog.on_check_step()
    assert dialog.error.isVisible() and "reason is required" in dialog.error.text()
    assert dialog.focusWidget() is dialog.reason
    assert store.decisions.current(ids["pride"]) is None

    qtbot.keyClicks(dialog.reason, "Lukasz's letters from families moved the panel.")
    assert not dialog.error.isVisible()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.on_check_step()
    assert "departs from the ranking" in dialog.summary_rows["The ranking"].text()
    assert "Zoë Whitfield is rank 1" in dialog.summary_rows["The ranking"].text()
    assert dialog.summary_rows["Reason"].text().startswith("Lukasz's letters")
    # Changing the answers goes back with the choice kept; clearing the reason is caught.
    qtbot.mouseClick(dialog.change_button, Qt.MouseButton.LeftButton)
    assert not dialog.on_check_step() and dialog.model.winners() == [ids["Łukasz Nowak"]]
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    decision = store.decisions.current(ids["pride"])
    assert decision is not None
    assert decision.winners == (ids["Łukasz Nowak"],)
    assert decision.reason == "Lukasz's letters from families moved the panel."
    assert decision.recorded_by == "Priya Shah"


def test_open_sheets_are_named_and_need_a_reason_and_a_confirmation(
    qtbot: QtBot, store: Store, chair_area: ResultsArea, ids: dict[str, int]
) -> None:
    # Ben Castleton judges Pride of Stockton and has not submitted (nothing scored).
    dialog = _dialog(qtbot, store, chair_area)
    assert dialog.open_note.isVisible()
    assert "Ben Castleton: 2 of 2 sheets not finished" in dialog.open_note.text()
    assert dialog.reason_required() and "required" in dialog.reason_label.text()
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert "not every member" in dialog.error.text() and not dialog.on_check_step()
    qtbot.keyClicks(dialog.reason, "Ben is ill; the panel agreed to decide today.")
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.on_check_step()
    assert "Ben Castleton: 2 of 2 sheets not finished" in dialog.summary_rows["Open sheets"].text()
    assert dialog.confirm.isVisible() and not dialog.confirm.isChecked()
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.check_error.isVisible() and "Tick the box" in dialog.check_error.text()
    assert store.decisions.current(ids["pride"]) is None  # refused without the confirmation
    dialog.confirm.setChecked(True)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert store.decisions.current(ids["pride"]) is not None
    audit = json.loads(store.audit_log(1)[0]["after"])
    assert audit["open_sheets"] == [
        {"member": "Ben Castleton", "member_id": ids["Ben Castleton"], "sheets_not_finished": 2}
    ]
    assert audit["reason"] == "Ben is ill; the panel agreed to decide today."


def _decide_in_one_go(dialog: DecisionDialog) -> int:
    """What a chair does in the dialog: a reason, Continue, confirm, Record."""
    dialog.reason.setPlainText("Decided at the panel meeting.")
    dialog.accept()
    dialog.confirm.setChecked(True)
    dialog.accept()
    return dialog.result()


def test_recording_from_the_area_updates_it_and_reopening_needs_a_reason(
    qtbot: QtBot,
    store: Store,
    chair_area: ResultsArea,
    ids: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(DecisionDialog, "exec", _decide_in_one_go)
    chair_area.decide_button.click()
    assert "Decided: Zoë Whitfield" in chair_area.decision_label.text()
    assert not chair_area.decide_button.isEnabled() and chair_area.reopen_button.isEnabled()

    warnings: list[str] = []
    monkeypatch.setattr(
        "csx_desktop.ui.errors.show_refusal",
        lambda _p, error, _t="": warnings.append(str(error)),
    )
    monkeypatch.setattr("csx_desktop.ui.areas.results.ask_multiline", lambda *a, **k: ("", True))
    chair_area.reopen_button.click()
    assert warnings and "Say why" in warnings[0]
    assert store.decisions.current(ids["pride"]) is not None
    monkeypatch.setattr(
        "csx_desktop.ui.areas.results.ask_multiline",
        lambda *a, **k: ("A late sheet arrived.", True),
    )
    chair_area.reopen_button.click()
    assert store.decisions.current(ids["pride"]) is None
    assert chair_area.decide_button.isEnabled()


# ---- reading ------------------------------------------------------------------------------------


def test_the_area_shows_the_ranking_and_an_entry_s_sheets(
    chair_area: ResultsArea, ids: dict[str, int]
) -> None:
    assert chair_area.category_box.currentText().startswith("Pride of Stockton")
    assert chair_area.model.rowCount() == 2
    chair_area.table.selectRow(1)
    assert chair_area.detail_title.text() == "Łukasz Nowak"
    assert chair_area.sheets_model.rowCount() == 2
    assert "Nora Quinn (counted): Quiet hero." in chair_area.comments.toPlainText()


def test_the_area_refreshes_when_a_score_arrives(
    chair_area: ResultsArea, store: Store, ids: dict[str, int]
) -> None:
    chair_area.table.selectRow(1)
    _score(store, ids["Ben Castleton"], ids["Łukasz Nowak"], 5, 5, 5)
    chair_area.session.notify("scores")
    assert chair_area.current_entry() is not None
    assert chair_area.current_entry().nominee == "Łukasz Nowak"  # type: ignore[union-attr]
    assert chair_area.current_entry().judges == 3  # type: ignore[union-attr]


def test_an_empty_round_shows_what_will_appear(qtbot: QtBot, store: Store) -> None:
    area = ResultsArea(_session(store, None))
    qtbot.addWidget(area)
    assert area.pages.currentWidget() is area.empty
    assert isinstance(area.empty, EmptyState)


def test_a_judge_sees_no_scores_in_a_category_until_they_have_submitted_it(
    qtbot: QtBot, store: Store, ids: dict[str, int]
) -> None:
    area = ResultsArea(_session(store, ids["Priya Shah"]))  # the chair, not yet submitted
    qtbot.addWidget(area)
    area.show()
    area.show_category("Pride of Stockton")
    assert area.model.rowCount() == 0
    assert "have not submitted your own scores" in area.decision_label.text()
    assert not area.decide_button.isEnabled()
    store.scores.submit_category(ids["Priya Shah"], ids["pride"])
    area.session.notify("scores")
    area.show_category("Pride of Stockton")
    assert area.model.rowCount() == 2
    assert area.decide_button.isEnabled()


def test_a_member_who_has_submitted_sees_the_totals_but_no_ones_sheets(
    qtbot: QtBot, store: Store, ids: dict[str, int]
) -> None:
    store.scores.submit_category(ids["Nora Quinn"], ids["pride"])
    area = ResultsArea(_session(store, ids["Nora Quinn"]))
    qtbot.addWidget(area)
    area.show()
    area.show_category("Pride of Stockton")
    assert area.model.rowCount() == 2  # the panel's totals
    for hidden in (
        area.sheets,
        area.comments,
        area.report_button,
        area.export_button,
        area.counts_label,
        area.judges_view,
        area.counts_table,
    ):
        assert not hidden.isVisible()
    # ...in a member's words: no statistics, no jargon, nothing hidden from a screen reader.
    shown = [
        str(area.model.headerData(c, Qt.Orientation.Horizontal))
        for c in range(area.model.columnCount())
        if not area.table.isColumnHidden(c)
    ]
    assert shown == [
        "Rank",
        "Entry",
        "Score",
        "Judges",
        "Voice forum",
        "Assessors",
        "Officers",
        "Notes",
    ]
    words = " ".join([*shown, area.legend.text(), area.decision_label.text()]).lower()
    for jargon in ("normalised", "spread", "sheets", "cse", "advisory", "criterion"):
        assert jargon not in words
    assert area.decision_label.accessibleName() == ""


def test_the_reopen_reason_box_lets_tab_move_on(qtbot: QtBot, chair_area: ResultsArea) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    from csx_desktop.ui.reason_box import ask_multiline

    seen: list[bool] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        box = dialog.findChild(QPlainTextEdit)
        assert box is not None
        seen.append(box.tabChangesFocus())
        dialog.reject()

    QTimer.singleShot(0, look)
    assert ask_multiline(chair_area, "Reopen", "Why?") == ("", False)
    assert seen == [True]


def test_a_panel_member_who_is_not_chair_cannot_decide(
    qtbot: QtBot, store: Store, ids: dict[str, int]
) -> None:
    area = ResultsArea(_session(store, ids["Nora Quinn"]))
    qtbot.addWidget(area)
    area.show()
    assert not area.decide_button.isVisible() and not area.reopen_button.isVisible()
    area.record_decision()  # even if called, nothing happens
    assert store.decisions.current(ids["pride"]) is None


def test_saving_the_report_and_exports(
    chair_area: ResultsArea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    target = tmp_path / "report"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    chair_area.report_button.click()
    job = chair_area.report_job  # drawn on a worker; the file appears once it is whole
    assert job is not None
    qtbot.waitUntil(lambda: job.outcome == "done", timeout=20_000)
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    # Cancel while it is being drawn: no file at all.
    cancelled = tmp_path / "cancelled"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(cancelled), ""))
    chair_area.report_button.click()
    job = chair_area.report_job
    assert job is not None
    job.progress.cancel()  # what the progress window's Cancel button does
    qtbot.waitUntil(lambda: job.outcome == "cancelled", timeout=20_000)
    assert not (tmp_path / "cancelled.pdf").exists()
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *a, **k: (str(tmp_path / "sheets"), "CSV, UTF-8 (*.csv)"),
    )
    chair_area.export("scoresheets")
    job = chair_area.export_job  # written on a worker too
    assert job is not None
    qtbot.waitUntil(lambda: job.outcome == "done", timeout=20_000)
    assert (tmp_path / "sheets.csv").read_text(encoding="utf-8-sig").startswith("Category,")


def test_space_ticks_the_box_under_the_cursor(
    qtbot: QtBot, store: Store, chair_area: ResultsArea, ids: dict[str, int]
) -> None:
    dialog = _dialog(qtbot, store, chair_area)
    row = dialog.model.rowCount() - 1  # Łukasz, rank 2
    dialog.table.setCurrentIndex(dialog.model.index(row, DecisionChoiceModel.COMMENDED))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
    assert dialog.model.commended() == [ids["Łukasz Nowak"]]
