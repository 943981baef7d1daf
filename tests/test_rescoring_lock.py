"""A judge cannot change their scores after seeing the panel's (issue 12, hole 4).

Seen on the judging day: the chair submitted, read the results, reopened their own
submission and re-scored. The rule (``operations.judging``): once a member has seen a
category's results, their own sheets in it change only if the administrator reopens them,
with a reason, audited. These tests reproduce the hole through the operation and through the
window, then show the administrator's way out.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from window_helpers import open_window, sign_in

from csx_desktop.domain.model import Nomination
from csx_desktop.domain.rubric import EXTRA_MILE
from csx_desktop.operations import judging
from csx_desktop.operations.results import ADMINISTRATOR
from csx_desktop.store import Store
from csx_desktop.store.errors import InputRefused
from csx_desktop.store.results import submissions_reopened
from csx_desktop.ui.admin_workspace import AdminWorkspace
from csx_desktop.ui.areas import progress as progress_module
from csx_desktop.ui.areas.progress import ProgressArea
from csx_desktop.ui.main_window import MainWindow
from csx_desktop.ui.member_workspace import MemberWorkspace
from csx_desktop.ui.panel_dialogs import SheetDialog
from csx_desktop.ui.scoring_workspace import ScoringWorkspace, SubmitDialog

CHAIR = "Priya Shah"
NOMINEES = ("Owen Marsh", "Ruth Akintola")


@pytest.fixture
def extra(store: Store, panel_ids: dict[str, int]) -> int:
    """Extra Mile with two entries, judged by the three members of ``panel_ids``."""
    category_id = store.round.category_named(EXTRA_MILE).id
    assert category_id is not None
    for nominee in NOMINEES:
        store.nominations.add(
            Nomination(category_id=category_id, nominee=nominee, citation="Kind to everyone.")
        )
    return category_id


def _score_all(store: Store, member_id: int, category_id: int, score: int = 3) -> None:
    for entry in store.nominations.entries(category_id):
        for criterion in store.round.category(category_id).criteria:
            judging.save_score(
                store,
                member_id=member_id,
                entry_id=entry.id or 0,
                criterion_id=criterion.id or 0,
                score=score,
            )


def _audit(store: Store, action: str) -> list[dict]:
    rows = [r for r in store.audit_log(10_000) if r["action"] == action]
    return [{**r, "after": json.loads(r["after"] or "{}")} for r in rows]


def _submitted_and_seen(store: Store, member_id: int, category_id: int) -> None:
    _score_all(store, member_id, category_id)
    judging.submit_category(store, member_id=member_id, category_id=category_id)
    judging.record_seen_results(store, member_id=member_id, category_id=category_id)


# ---- through the operation ---------------------------------------------------------------


def test_the_chair_who_has_seen_the_results_cannot_reopen_their_own_sheets(
    store: Store, panel_ids: dict[str, int], extra: int
) -> None:
    chair = panel_ids[CHAIR]
    _score_all(store, chair, extra)
    submitted = judging.submit_category(store, member_id=chair, category_id=extra)
    assert (submitted.finished, submitted.to_score) == (2, 2)
    # Before seeing anything, the chair may still reopen (a slip noticed at once).
    assert not judging.check_may_reopen(
        store, viewer=chair, member_id=chair, category_id=extra
    ).seen_results
    judging.record_seen_results(store, member_id=chair, category_id=extra)

    with pytest.raises(InputRefused) as refused:
        judging.reopen_category(
            store, viewer=chair, member_id=chair, category_id=extra, reason="a slip"
        )
    words = str(refused.value)
    assert "\n" not in words and "only the administrator can reopen" in words
    assert words.startswith("You have seen the results for Extra Mile")
    assert store.scores.is_submitted(chair, extra)
    assert _audit(store, "reopen") == []
    # And the sheets stay as they were: the store's "submitted" refuses a new score.
    entry = store.nominations.entries(extra)[0].id or 0
    criterion = store.round.category(extra).criteria[0].id or 0
    with pytest.raises(InputRefused, match="submitted"):
        judging.save_score(store, member_id=chair, entry_id=entry, criterion_id=criterion, score=5)
    assert store.scores.sheet(chair, entry).scores[criterion] == 3


def test_the_chair_cannot_reopen_for_another_member_who_has_seen_the_results(
    store: Store, panel_ids: dict[str, int], extra: int
) -> None:
    chair, nora, ben = panel_ids[CHAIR], panel_ids["Nora Quinn"], panel_ids["Ben Castleton"]
    _submitted_and_seen(store, nora, extra)
    with pytest.raises(InputRefused, match=r"^Nora Quinn has seen the results for Extra Mile"):
        judging.reopen_category(
            store, viewer=chair, member_id=nora, category_id=extra, reason="asked to"
        )
    # Ben submitted but has not looked: the chair may reopen for him, with a reason.
    _score_all(store, ben, extra)
    judging.submit_category(store, member_id=ben, category_id=extra)
    reopened = judging.reopen_category(
        store, viewer=chair, member_id=ben, category_id=extra, reason=" typed 1 for 4 "
    )
    assert not store.scores.is_submitted(ben, extra)
    assert (reopened.by_administrator, reopened.after_seeing_results) == (False, False)
    [row] = _audit(store, "reopen")
    assert row["after"] == {
        "member_id": ben,
        "reason": "typed 1 for 4",
        "after_seeing_results": False,
    }


def test_only_the_chair_or_the_administrator_reopens_and_only_what_was_submitted(
    store: Store, panel_ids: dict[str, int], extra: int
) -> None:
    nora, ben = panel_ids["Nora Quinn"], panel_ids["Ben Castleton"]
    _score_all(store, nora, extra)
    judging.submit_category(store, member_id=nora, category_id=extra)
    for by in (nora, ben):  # not even their own, before seeing anything
        with pytest.raises(InputRefused, match="Only the chair or the administrator"):
            judging.reopen_category(
                store, viewer=by, member_id=nora, category_id=extra, reason="why not"
            )
    with pytest.raises(InputRefused, match="Ben Castleton has not submitted Extra Mile"):
        judging.reopen_category(
            store, viewer=ADMINISTRATOR, member_id=ben, category_id=extra, reason="a reason"
        )
    with pytest.raises(InputRefused, match="Extra Mile is already submitted"):
        judging.submit_category(store, member_id=nora, category_id=extra)
    assert store.scores.is_submitted(nora, extra)


def test_the_administrator_reopens_with_a_reason_audited_and_the_member_scores_again(
    store: Store, panel_ids: dict[str, int], extra: int
) -> None:
    chair = panel_ids[CHAIR]
    _submitted_and_seen(store, chair, extra)
    store.actor = "Administrator"
    for blank in ("", "   \n"):
        with pytest.raises(InputRefused, match="Say why"):
            judging.reopen_category(
                store, viewer=ADMINISTRATOR, member_id=chair, category_id=extra, reason=blank
            )
    assert store.scores.is_submitted(chair, extra)

    reopened = judging.reopen_category(
        store,
        viewer=ADMINISTRATOR,
        member_id=chair,
        category_id=extra,
        reason="The chair scored Ruth's team letter as Owen's.",
    )
    assert reopened.by_administrator and reopened.after_seeing_results
    assert reopened.summary == (
        "Extra Mile reopened for Priya Shah: they can change their scores again."
    )
    [row] = _audit(store, "reopen")
    assert row["actor"] == "Administrator"
    assert row["after"] == {
        "member_id": chair,
        "reason": "The chair scored Ruth's team letter as Owen's.",
        "after_seeing_results": True,
    }
    # The report's list of reopenings names it.
    [line] = submissions_reopened(store, [extra])
    assert (line.member, line.by) == (CHAIR, "Administrator")

    store.actor = CHAIR
    entry = store.nominations.entries(extra)[0].id or 0
    criterion = store.round.category(extra).criteria[0].id or 0
    change = judging.save_score(
        store, member_id=chair, entry_id=entry, criterion_id=criterion, score=5
    )
    assert (change.before, change.after) == (3, 5)
    judging.submit_category(store, member_id=chair, category_id=extra)
    # Seen once, seen for good: the chair still cannot reopen it again themselves.
    with pytest.raises(InputRefused, match="only the administrator"):
        judging.check_may_reopen(store, viewer=chair, member_id=chair, category_id=extra)


def test_the_chair_reading_another_members_sheet_has_seen_the_results(
    store: Store, panel_ids: dict[str, int], extra: int
) -> None:
    chair, nora = panel_ids[CHAIR], panel_ids["Nora Quinn"]
    entry = store.nominations.entries(extra)[0].id or 0
    _score_all(store, nora, extra, score=4)
    with pytest.raises(InputRefused, match="once they have submitted"):
        judging.open_sheet(store, viewer=chair, member_id=nora, entry_id=entry)
    with pytest.raises(InputRefused, match="once they have submitted"):  # not the chair
        judging.open_sheet(store, viewer=panel_ids["Ben Castleton"], member_id=nora, entry_id=entry)
    _score_all(store, chair, extra)
    judging.submit_category(store, member_id=chair, category_id=extra)
    assert not judging.has_seen_results(store, member_id=chair, category_id=extra)
    sheet = judging.open_sheet(store, viewer=chair, member_id=nora, entry_id=entry)
    assert set(sheet.scores.values()) == {4}
    assert judging.has_seen_results(store, member_id=chair, category_id=extra)
    with pytest.raises(InputRefused, match="only the administrator"):
        judging.check_may_reopen(store, viewer=chair, member_id=chair, category_id=extra)
    # The administrator reading a sheet is no judge: nothing is recorded for anyone else.
    judging.open_sheet(store, viewer=ADMINISTRATOR, member_id=nora, entry_id=entry)
    assert len(_audit(store, judging.SEEN_RESULTS)) == 1


def test_a_score_saved_through_the_operation_costs_no_more_than_the_stores_write(
    store: Store, panel_ids: dict[str, int], extra: int
) -> None:
    """The keystroke-to-saved path: the rule is on reopening, so saving adds no query."""
    nora = panel_ids["Nora Quinn"]
    entry = store.nominations.entries(extra)[0].id or 0
    criterion = store.round.category(extra).criteria[0].id or 0
    judging.save_score(store, member_id=nora, entry_id=entry, criterion_id=criterion, score=1)

    def statements(save: object) -> list[str]:
        said: list[str] = []
        conn: sqlite3.Connection = store.conn
        conn.set_trace_callback(said.append)
        try:
            save()  # type: ignore[operator]
        finally:
            conn.set_trace_callback(None)
        return [s for s in said if not s.startswith("INSERT INTO audit")]

    through_store = statements(lambda: store.scores.set_score(nora, entry, criterion, 2))
    through_operation = statements(
        lambda: judging.save_score(
            store, member_id=nora, entry_id=entry, criterion_id=criterion, score=3
        )
    )
    assert len(through_operation) == len(through_store)
    assert not any("see results" in s for s in through_operation)


# ---- through the window ------------------------------------------------------------------


@pytest.fixture
def window(qtbot: QtBot, store: Store, extra: int, round_path: Path) -> MainWindow:
    store.close()
    return open_window(qtbot, round_path)


def _sign_in(window: MainWindow, qtbot: QtBot, name: str, secret: str = "123456") -> None:
    sign_in(window, qtbot, name, secret)


def _tab(workspace: MemberWorkspace, title: str) -> object:
    tabs = workspace.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == title))
    return tabs.currentWidget()


def _select_member(area: ProgressArea, name: str) -> None:
    area.category.setCurrentIndex(area.category.findText(EXTRA_MILE))
    model = area.model
    column = next(
        c
        for c in range(model.columnCount())
        if (member := model.member_at(c)) is not None and member.name == name
    )
    area.table.setCurrentIndex(model.index(0, column))


def _chair_scores_everything_and_submits(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> ScoringWorkspace:
    workspace = window.workspace
    assert isinstance(workspace, MemberWorkspace)
    ws = workspace.workspace(EXTRA_MILE)
    assert ws.declaration is not None
    ws.declaration.continue_button.click()  # no interests to declare
    for _ in NOMINEES:
        ws.focus_criterion(0)
        for _criterion in ws.criteria:
            qtbot.keyClicks(QApplication.focusWidget(), "3")
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)
        ws.next_entry(1)
    assert ws.progress_label.text() == "2 of 2 complete"
    monkeypatch.setattr(SubmitDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    assert ws.submit()
    return ws


def test_the_hole_in_the_window_the_chair_submits_sees_results_and_cannot_reopen(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, extra: int
) -> None:
    _sign_in(window, qtbot, CHAIR)
    ws = _chair_scores_everything_and_submits(window, qtbot, monkeypatch)
    store = window.store
    assert store is not None
    chair = store.panel.member_named(CHAIR).id or 0
    assert "ask the chair to reopen" in ws.banner.text()
    # The chair reads the results (the Results view records it, as every results view does).
    judging.record_seen_results(store, member_id=chair, category_id=extra)

    workspace = window.workspace
    assert isinstance(workspace, MemberWorkspace)
    area = _tab(workspace, "Scoring progress")
    assert isinstance(area, ProgressArea)
    _select_member(area, CHAIR)
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text: shown.append((title, text)))
    asked: list[str] = []
    monkeypatch.setattr(progress_module, "ask_reason", lambda *a: asked.append(a[2]) or "oops")
    area.reopen_button.setFocus()
    qtbot.keyClick(area.reopen_button, Qt.Key.Key_Space)
    assert shown == [
        (
            "Not reopened",
            "You have seen the results for Extra Mile, so only the administrator can reopen "
            "your scores in it.",
        )
    ]
    assert asked == []  # told before typing a reason for nothing
    assert store.scores.is_submitted(chair, extra)
    assert _audit(store, "reopen") == []

    # Back on the scoring tab, the words say who can reopen now, and a digit changes nothing.
    ws.refresh()
    assert "only the administrator can reopen" in ws.banner.text()
    ws.focus_criterion(0)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_5)
    assert "only the administrator can reopen" in ws.saved_label.text()
    assert {v for s in store.scores.sheets(member_id=chair) for v in s.scores.values()} == {3}


def test_the_administrator_reopens_in_the_window_with_a_reason_and_the_chair_scores_again(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, extra: int
) -> None:
    _sign_in(window, qtbot, CHAIR)
    _chair_scores_everything_and_submits(window, qtbot, monkeypatch)
    store = window.store
    assert store is not None
    chair = store.panel.member_named(CHAIR).id or 0
    judging.record_seen_results(store, member_id=chair, category_id=extra)

    window.switch_action.trigger()
    _sign_in(window, qtbot, "Administrator", "secret1")
    workspace = window.workspace
    assert isinstance(workspace, AdminWorkspace)
    area = workspace.show_area("Scoring progress")
    assert isinstance(area, ProgressArea)
    _select_member(area, CHAIR)
    asked: list[str] = []
    monkeypatch.setattr(progress_module, "ask_reason", lambda *a: asked.append(a[2]) or "")
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    area.reopen_button.click()  # an empty reason is no reason
    assert shown == ["Say why the category is being reopened."]
    assert store.scores.is_submitted(chair, extra)
    assert "They have seen its results." in asked[0]

    monkeypatch.setattr(
        progress_module, "ask_reason", lambda *_a: "Scored Ruth's letter as Owen's."
    )
    area.reopen_button.click()
    assert not store.scores.is_submitted(chair, extra)
    assert area.summary.text().startswith("Extra Mile reopened for Priya Shah")
    [row] = _audit(store, "reopen")
    assert row["actor"] == "Administrator"
    assert row["after"]["reason"] == "Scored Ruth's letter as Owen's."
    assert row["after"]["after_seeing_results"] is True

    window.switch_action.trigger()
    _sign_in(window, qtbot, CHAIR)
    member_workspace = window.workspace
    assert isinstance(member_workspace, MemberWorkspace)
    ws = member_workspace.workspace(EXTRA_MILE)
    assert not ws.banner.isVisible() and ws.submit_button.isEnabled()
    ws.focus_criterion(0)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_5)
    assert ws.saved_label.text().startswith("Saved ✓ ")
    entry = ws._entry_id or 0
    criterion = ws.criteria[0].id or 0
    assert store.scores.sheet(chair, entry).scores[criterion] == 5


def test_the_chairs_open_sheet_in_the_window_records_that_they_have_seen_the_results(
    qtbot: QtBot,
    store: Store,
    panel_ids: dict[str, int],
    extra: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from csx_desktop.ui.session import Person, Role, Session

    chair = panel_ids[CHAIR]
    _score_all(store, panel_ids["Nora Quinn"], extra)
    _score_all(store, chair, extra)
    judging.submit_category(store, member_id=chair, category_id=extra)
    session = Session(store, Person(Role.MEMBER, store.panel.member(chair)))
    try:
        area = ProgressArea(session)
        qtbot.addWidget(area)
        _select_member(area, "Nora Quinn")
        opened: list[str] = []
        monkeypatch.setattr(SheetDialog, "exec", lambda d: opened.append(d.windowTitle()) or 0)
        area.open_button.click()
        assert opened == ["Nora Quinn — Owen Marsh"]
        assert judging.has_seen_results(store, member_id=chair, category_id=extra)
    finally:
        session.end()
