"""The scoring workspace, driven from the keyboard as a panel member would on the day."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from pytestqt.qtbot import QtBot

from csx_desktop.domain.model import InterestKind, Nomination
from csx_desktop.domain.rubric import EXTRA_MILE
from csx_desktop.store import Store
from csx_desktop.store.scores import SheetState
from csx_desktop.ui.main_window import MainWindow
from csx_desktop.ui.member_workspace import MemberWorkspace
from csx_desktop.ui.scoring_models import STATE_ROLE
from csx_desktop.ui.scoring_workspace import ScoringWorkspace, SubmitDialog

NOMINEES = ("Maya Lindqvist", "Owen Marsh", "Ruth Akintola")


@pytest.fixture
def window(qtbot: QtBot, store: Store, panel_ids: dict[str, int], round_path: Path) -> MainWindow:
    extra = store.round.category_named(EXTRA_MILE).id
    assert extra is not None
    for nominee in NOMINEES:
        store.nominations.add(
            Nomination(
                category_id=extra,
                nominee=nominee,
                citation=f"{nominee} calls every family the day after they get home.",
                nominator_name="A colleague",
                relationship="colleague",
            )
        )
    store.close()
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_round(round_path)
    w.show()
    return w


def _sign_in(window: MainWindow, qtbot: QtBot, name: str, pin: str = "123456") -> MemberWorkspace:
    people = window.sign_in.people
    people.setFocus()
    row = next(i for i in range(people.count()) if people.item(i).text().startswith(name))
    people.setCurrentRow(row)
    qtbot.keyClick(people, Qt.Key.Key_Return)  # Enter on a name moves to the PIN
    qtbot.keyClicks(window.sign_in.secret, pin)
    qtbot.keyClick(window.sign_in.secret, Qt.Key.Key_Return)
    workspace = window.workspace
    assert isinstance(workspace, MemberWorkspace)
    return workspace


def _states(ws: ScoringWorkspace) -> dict[str, SheetState]:
    return {
        r.entry.nominee: ws.model.data(ws.model.index(i), STATE_ROLE)
        for i, r in enumerate(ws.model.rows())
    }


def _press(widget: QWidget | None, qtbot: QtBot, *keys: str | Qt.Key) -> None:
    for key in keys:
        target = widget if widget is not None else QApplication.focusWidget()
        assert target is not None
        if isinstance(key, str):
            qtbot.keyClicks(target, key)
        else:
            qtbot.keyClick(target, key)


def test_member_declares_scores_by_keyboard_submits_and_the_next_member_sees_nothing(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, round_path: Path
) -> None:
    workspace = _sign_in(window, qtbot, "Nora Quinn")
    ws = workspace.workspace(EXTRA_MILE)

    # First time in the category: "do you know any of these nominees?"
    assert ws.showing_declaration and ws.declaration is not None
    entry_ids = {r.entry.nominee: r.entry.id or 0 for r in ws.model.rows()}
    maya = entry_ids["Maya Lindqvist"]
    choice = ws.declaration.choices[maya]
    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_Down)  # "Personal interest (I know them)"
    qtbot.keyClick(choice, Qt.Key.Key_Tab)
    note = ws.declaration.notes[maya]
    assert note.hasFocus() or note.isEnabled()
    qtbot.keyClicks(note, "neighbour")
    assert "Declare 1 interest" in ws.declaration.continue_button.text()
    ws.declaration.continue_button.setFocus()
    qtbot.keyClick(ws.declaration.continue_button, Qt.Key.Key_Space)
    assert not ws.showing_declaration
    assert _states(ws)["Maya Lindqvist"] is SheetState.INTEREST
    assert ws.progress_label.text() == "0 of 2 complete"

    # The workspace opens on the first entry to score, its first criterion highlighted;
    # Enter goes to that criterion.
    assert ws.model.rows()[ws.entry_list.currentIndex().row()].entry.nominee == "Owen Marsh"
    assert ws.current_row is ws.rows[0] and ws.rows[0].name.text() == "▶ Worked hard"
    ws.entry_list.setFocus()
    qtbot.keyClick(ws.entry_list, Qt.Key.Key_Return)
    assert ws.rows[0].has_focus()
    _press(None, qtbot, "4", Qt.Key.Key_Down, "3", Qt.Key.Key_Down, "5")
    assert ws.rows[2].descriptor.text().endswith("Exceptional")
    assert ws.saved_label.text().startswith("Saved ✓ ")
    assert "Owen Marsh, Above and beyond: 5" in ws.saved_label.text()
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert ws.rows[0].has_focus()
    assert ws.model.rows()[ws.entry_list.currentIndex().row()].entry.nominee == "Ruth Akintola"
    _press(None, qtbot, "2", Qt.Key.Key_Tab, "2", Qt.Key.Key_Tab, "1")
    ws.comment.setFocus()
    qtbot.keyClicks(ws.comment, "Strong letters")
    qtbot.keyClick(ws.comment, Qt.Key.Key_Tab)  # leaving the field saves the comment
    assert _states(ws) == {
        "Maya Lindqvist": SheetState.INTEREST,
        "Owen Marsh": SheetState.COMPLETE,
        "Ruth Akintola": SheetState.COMPLETE,
    }
    assert ws.progress_label.text() == "2 of 2 complete"

    # Undo takes back the comment, then the last score; redo puts the score back.
    ws.rows[2].focus_score()
    for _ in range(2):
        qtbot.keyClick(
            QApplication.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
        )
    assert _states(ws)["Ruth Akintola"] is SheetState.IN_PROGRESS
    assert ws.comment.toPlainText() == ""
    qtbot.keyClick(
        QApplication.focusWidget(),
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert _states(ws)["Ruth Akintola"] is SheetState.COMPLETE

    # Submit: the dialog is answered "Submit"; then the sheets are read-only.
    monkeypatch.setattr(SubmitDialog, "exec", lambda _self: QDialog.DialogCode.Accepted)
    ws.submit_button.setFocus()
    qtbot.keyClick(ws.submit_button, Qt.Key.Key_Space)
    assert ws.banner.isVisible() and "You submitted Extra Mile" in ws.banner.text()
    ws.focus_criterion(0)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0)
    assert ws.rows[0].value == 2
    assert "cannot be changed" in ws.saved_label.text()
    # Still reachable, so a judge can hear every score they gave after submitting.
    assert ws.rows[0].buttons[2].isChecked() and ws.rows[0].buttons[2].isEnabled()
    assert ws.comment.isReadOnly()

    store = window.store
    assert store is not None
    nora = store.panel.member_named("Nora Quinn").id or 0
    owen, ruth = entry_ids["Owen Marsh"], entry_ids["Ruth Akintola"]
    criteria = [c.id for c in store.round.category_named(EXTRA_MILE).criteria]
    assert [store.scores.sheet(nora, owen).scores[c or 0] for c in criteria] == [4, 3, 5]
    assert [store.scores.sheet(nora, ruth).scores[c or 0] for c in criteria] == [2, 2, 1]
    assert store.scores.is_submitted(nora, store.round.category_named(EXTRA_MILE).id or 0)
    assert store.panel.interests(member_id=nora)[0].kind is InterestKind.PERSONAL
    assert store.panel.interests(member_id=nora)[0].note == "neighbour"

    # The next person at the same laptop sees none of Nora's scores or comments.
    window.switch_action.trigger()
    ben_workspace = _sign_in(window, qtbot, "Ben Castleton")
    ben = ben_workspace.workspace(EXTRA_MILE)
    assert ben.declaration is not None
    ben.declaration.continue_button.click()
    assert set(_states(ben).values()) == {SheetState.NOT_STARTED}
    assert ben.progress_label.text() == "0 of 3 complete"
    for nominee in NOMINEES:
        ben.entry_list.setCurrentIndex(ben.model.index(ben.model.row_of(entry_ids[nominee])))
        assert [row.value for row in ben.rows] == [None, None, None]
        assert ben.comment.toPlainText() == ""
        assert all(not b.isChecked() for row in ben.rows for b in row.buttons)
    assert ben._sheets == {}
    assert not ben.banner.isVisible()


def test_a_confirmed_category_opens_straight_on_scoring_and_digits_beyond_the_scale_say_why(
    window: MainWindow, qtbot: QtBot
) -> None:
    store = window.store
    assert store is not None
    priya = store.panel.member_named("Priya Shah").id or 0
    extra = store.round.category_named(EXTRA_MILE).id or 0
    store.panel.confirm_interests(priya, extra)
    workspace = _sign_in(window, qtbot, "Priya Shah")
    ws = workspace.workspace(EXTRA_MILE)
    assert not ws.showing_declaration
    ws.focus_criterion(0)
    qtbot.keyClick(ws.rows[0], Qt.Key.Key_7)
    assert ws.rows[0].value is None
    assert ws.problem.isVisible()
    assert ws.problem.text() == "7 is not a score for Worked hard: type a number from 0 to 5."
    qtbot.keyClick(ws.rows[0], Qt.Key.Key_Right)
    assert ws.rows[0].value == 0
    assert not ws.problem.isVisible()
    qtbot.keyClick(ws.rows[0], Qt.Key.Key_Right)
    assert ws.rows[0].value == 1
    qtbot.keyClick(ws.rows[0], Qt.Key.Key_Delete)
    assert ws.rows[0].value is None
    # The criterion's name stays its visible words; the score is the checked radio button.
    assert ws.rows[0].accessibleName() == "Worked hard"
    assert ws.rows[0].spoken_value() == "not scored yet"
    qtbot.keyClick(ws.rows[0], Qt.Key.Key_3)
    assert ws.rows[0].spoken_value() == "3 out of 5, Good evidence"
    assert [b.isChecked() for b in ws.rows[0].buttons] == [False] * 3 + [True] + [False] * 2
    assert ws.rows[0].buttons[3].accessibleDescription() == "Good evidence"
    # The chair also reaches the progress and results views.
    titles = [workspace.tabs.tabText(i) for i in range(workspace.tabs.count())]
    assert titles[-2:] == ["Scoring progress", "Results"]
    workspace.tabs.setCurrentIndex(len(titles) - 2)
    assert workspace.tabs.currentWidget().accessibleName() == "Scoring progress"


def test_the_entry_list_model_passes_the_model_tester(
    window: MainWindow, qtbot: QtBot, qtmodeltester: object
) -> None:
    workspace = _sign_in(window, qtbot, "Nora Quinn")
    ws = workspace.workspace(EXTRA_MILE)
    qtmodeltester.check(ws.model)  # type: ignore[attr-defined]
