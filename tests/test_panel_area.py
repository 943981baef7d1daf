"""The administrator's Panel and Scoring progress areas, and their table models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from csx_desktop.domain.model import InterestKind, Nomination, PanelGroup
from csx_desktop.domain.rubric import EXTRA_MILE
from csx_desktop.store import Store
from csx_desktop.ui.admin_workspace import AdminWorkspace
from csx_desktop.ui.areas import panel as panel_module
from csx_desktop.ui.areas import progress as progress_module
from csx_desktop.ui.areas.panel import PanelArea
from csx_desktop.ui.areas.progress import ProgressArea
from csx_desktop.ui.main_window import MainWindow
from csx_desktop.ui.panel_dialogs import MemberDialog, PinDialog, SheetDialog
from csx_desktop.ui.rubric_editor import R_WEIGHT
from csx_desktop.ui.session import Person, Role, Session

Accepted = QDialog.DialogCode.Accepted


@pytest.fixture
def scored(store: Store, panel_ids: dict[str, int]) -> Store:
    """Extra Mile with two entries; Nora has completed one sheet and declared an interest."""
    extra = store.round.category_named(EXTRA_MILE)
    assert extra.id is not None
    for nominee in ("Owen Marsh", "Ruth Akintola"):
        store.nominations.add(Nomination(category_id=extra.id, nominee=nominee, citation="Kind."))
    owen = store.nominations.entry_named(extra.id, "Owen Marsh").id or 0
    ruth = store.nominations.entry_named(extra.id, "Ruth Akintola").id or 0
    nora = panel_ids["Nora Quinn"]
    for criterion in extra.criteria:
        store.scores.set_score(nora, owen, criterion.id or 0, 4)
    store.scores.set_comment(nora, owen, "Private to Nora")
    store.panel.declare_interest(nora, ruth, InterestKind.PERSONAL, "neighbour")
    store.scores.submit_category(nora, extra.id)
    return store


@pytest.fixture
def sessions() -> Iterator[list[Session]]:
    """Sessions made by a test, ended before the round file closes."""
    made: list[Session] = []
    yield made
    for session in made:
        session.end()


@pytest.fixture
def admin(scored: Store, sessions: list[Session]) -> Session:
    sessions.append(Session(scored, Person(Role.ADMINISTRATOR)))
    return sessions[-1]


def test_panel_area_lists_members_and_adds_one(
    qtbot: QtBot,
    scored: Store,
    admin: Session,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: object,
) -> None:
    area = PanelArea(admin)
    qtbot.addWidget(area)
    model = area.members_model
    assert model.rowCount() == 3
    texts = [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(3)]
    nora = next(t for t in texts if t[0] == "Nora Quinn")
    assert nora[1:] == [
        "Customer Service Excellence assessor",
        "Pride of Stockton, Extra Mile, Team",
        "✓ set",
        "",
        "1",
    ]
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    qtmodeltester.check(area.interests_model)  # type: ignore[attr-defined]
    assert area.interests_model.data(area.interests_model.index(0, 3)).startswith("Personal")

    def fill(dialog: MemberDialog) -> QDialog.DialogCode:
        dialog.name.setText("Aisha Karim")
        dialog.group.setCurrentIndex(dialog.group.findData(PanelGroup.OFFICER.value))
        for check in dialog.categories.values():
            check.setChecked(False)
        next(iter(dialog.categories.values())).setChecked(True)
        return Accepted

    monkeypatch.setattr(MemberDialog, "exec", fill)
    area.add_button.click()
    aisha = scored.panel.member_named("Aisha Karim")
    assert aisha.group is PanelGroup.OFFICER and len(aisha.category_ids) == 1
    assert not aisha.has_pin
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "Aisha Karim")
    assert model.data(model.index(row, 3)) == "✗ not set — cannot sign in"

    def pin(dialog: PinDialog) -> QDialog.DialogCode:
        dialog.pin.setText("567890")
        dialog.again.setText("567890")
        return Accepted

    monkeypatch.setattr(PinDialog, "exec", pin)
    area.members_table.setCurrentIndex(model.index(row, 0))
    area.pin_button.click()
    assert scored.panel.verify_pin(aisha.id or 0, "567890")

    monkeypatch.setattr(panel_module, "ask_reason", lambda *_a: "stepped down")
    area.members_table.setCurrentIndex(model.index(row, 0))
    area.remove_button.click()
    assert "Aisha Karim" not in [m.name for m in scored.panel.members()]


def test_a_refused_edit_shows_the_rule_and_changes_nothing(
    qtbot: QtBot, scored: Store, admin: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    area = PanelArea(admin)
    qtbot.addWidget(area)
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))

    def take_extra_mile_away(dialog: MemberDialog) -> QDialog.DialogCode:
        extra = scored.round.category_named(EXTRA_MILE).id or 0
        dialog.categories[extra].setChecked(False)
        return Accepted

    monkeypatch.setattr(MemberDialog, "exec", take_extra_mile_away)
    model = area.members_model
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == "Nora Quinn")
    area.members_table.setCurrentIndex(model.index(row, 0))
    area.edit_button.click()
    assert shown and "already scored entries in Extra Mile" in shown[0]
    assert len(scored.panel.member_named("Nora Quinn").category_ids) == 3


def test_rubric_is_editable_until_scoring_starts(
    qtbot: QtBot, scored: Store, admin: Session, qtmodeltester: object
) -> None:
    area = PanelArea(admin)
    qtbot.addWidget(area)
    editor = area.rubrics
    qtmodeltester.check(editor.model)  # type: ignore[attr-defined]
    # Pride of Stockton has no scores: weights can change.
    editor.category.setCurrentIndex(editor.category.findText("Pride of Stockton"))
    assert editor.add_button.isEnabled()
    assert editor.model.setData(editor.model.index(0, R_WEIGHT), "2", Qt.ItemDataRole.EditRole)
    assert editor.save_button.isEnabled()
    assert editor.save()
    assert scored.round.category_named("Pride of Stockton").criteria[0].weight == 2.0
    # Extra Mile has scores: locked, and says why.
    editor.category.setCurrentIndex(editor.category.findText(EXTRA_MILE))
    assert not editor.add_button.isEnabled()
    assert "locked" in editor.status.text()
    assert not editor.model.setData(editor.model.index(0, R_WEIGHT), "3", Qt.ItemDataRole.EditRole)


def test_progress_matrix_shows_states_in_words_and_reopens_with_a_reason(
    qtbot: QtBot,
    scored: Store,
    admin: Session,
    panel_ids: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: object,
) -> None:
    area = ProgressArea(admin)
    qtbot.addWidget(area)
    area.category.setCurrentIndex(area.category.findText(EXTRA_MILE))
    model = area.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    members = [model.member_at(c).name for c in range(model.columnCount())]  # type: ignore[union-attr]
    entries = [model.entry_at(r).nominee for r in range(model.rowCount())]  # type: ignore[union-attr]
    nora_col = members.index("Nora Quinn")
    cells = {entries[r]: model.data(model.index(r, nora_col)) for r in range(model.rowCount())}
    assert cells == {"Owen Marsh": "✓ complete", "Ruth Akintola": "⚑ declared interest"}
    ben_col = members.index("Ben Castleton")
    assert model.data(model.index(0, ben_col)) == "○ not started"
    header = model.headerData(nora_col, Qt.Orientation.Horizontal)
    assert header == "Nora Quinn\n1 of 1 · submitted"
    # No score or comment appears anywhere in the matrix.
    everything = " ".join(
        str(model.data(model.index(r, c), role))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
    )
    assert "Private to Nora" not in everything and " 4" not in everything

    opened: list[str] = []
    monkeypatch.setattr(SheetDialog, "exec", lambda d: opened.append(d.windowTitle()) or 0)
    area.table.setCurrentIndex(model.index(entries.index("Owen Marsh"), nora_col))
    area.open_button.click()
    assert opened == ["Nora Quinn — Owen Marsh"]

    monkeypatch.setattr(progress_module, "ask_reason", lambda *_a: "scored the wrong Owen")
    area.reopen_button.click()
    extra = scored.round.category_named(EXTRA_MILE).id or 0
    assert not scored.scores.is_submitted(panel_ids["Nora Quinn"], extra)
    assert model.headerData(nora_col, Qt.Orientation.Horizontal).endswith("not submitted")


def test_the_chair_sees_sheets_only_after_submitting(
    qtbot: QtBot,
    scored: Store,
    sessions: list[Session],
    panel_ids: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    chair = scored.panel.member(panel_ids["Priya Shah"])
    sessions.append(Session(scored, Person(Role.MEMBER, chair)))
    area = ProgressArea(sessions[-1])
    qtbot.addWidget(area)
    area.category.setCurrentIndex(area.category.findText(EXTRA_MILE))
    assert not area.open_button.isEnabled()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    area.table.setCurrentIndex(area.model.index(0, 0))
    area.open_sheet()
    assert shown and "once they have submitted" in shown[0]
    scored.scores.submit_category(chair.id or 0, scored.round.category_named(EXTRA_MILE).id or 0)
    area.refresh()
    assert area.open_button.isEnabled()


def test_admin_reaches_both_areas_from_the_sidebar(
    qtbot: QtBot, scored: Store, round_path: Path
) -> None:
    scored.close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.open_round(round_path)
    window.sign_in.people.setCurrentRow(0)
    window.sign_in.secret.setText("secret1")
    window.sign_in._sign_in()
    workspace = window.workspace
    assert isinstance(workspace, AdminWorkspace)
    assert isinstance(workspace.show_area("Panel"), PanelArea)
    assert isinstance(workspace.show_area("Scoring progress"), ProgressArea)
