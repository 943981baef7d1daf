"""The round's rules and passphrase in the window: the Round settings area shows the rules in
words and says when they are fixed, asks for a reason to change one, changes the
administrator's passphrase; the New round dialog makes a round through the same operation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from csx_desktop.domain.model import Nomination
from csx_desktop.domain.round_rules import RULES
from csx_desktop.store import Store
from csx_desktop.ui.areas.settings import SettingsArea
from csx_desktop.ui.new_round_dialog import NewRoundDialog
from csx_desktop.ui.session import Person, Role, Session


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every refusal the window shows (``ui.errors.attempt``'s box), instead of waiting."""
    shown: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_args: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


@pytest.fixture
def area(qtbot: QtBot, store: Store, refusals: list[str]) -> Iterator[SettingsArea]:
    session = Session(store, Person(Role.ADMINISTRATOR))
    widget = SettingsArea(session)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    session.end()


def _score_one(store: Store, member_id: int) -> None:
    category = store.round.category_named("Team")
    assert category.id is not None and category.criteria[0].id is not None
    added = store.nominations.add(
        Nomination(category_id=category.id, nominee="Housing Options", citation="…")
    )
    assert added.entry_id is not None
    store.scores.set_score(member_id, added.entry_id, category.criteria[0].id, 3)


def test_the_rules_are_shown_in_words_with_an_editor_for_each_that_can_change(
    area: SettingsArea,
) -> None:
    summary = area.summary.text()
    assert "An entry needs at least 2 counted scoresheets to be ranked." in summary
    assert "share a rank and are flagged as tied" in summary  # the tie rule: words only
    assert set(area.rule_edits) == {k for k, rule in RULES.items() if rule.editable}
    for key, edit in area.rule_edits.items():
        rule = RULES[key]
        assert edit.accessibleName() == rule.label
        labels = [
            label
            for label in area.findChildren(QLabel)
            if label.buddy() is edit and label.text().replace("&", "") == rule.label
        ]
        assert labels, f"{rule.label} has no label of its own words"
    assert "until the first score or vote" in area.fixed_note.text()
    assert not area.reason.isVisibleTo(area)  # nothing to give a reason for yet


def test_after_the_first_score_a_rule_change_needs_the_reason_typed_beside_it(
    qtbot: QtBot,
    area: SettingsArea,
    store: Store,
    panel_ids: dict[str, int],
    refusals: list[str],
) -> None:
    _score_one(store, panel_ids["Ben Castleton"])
    area.refresh()
    assert area.fixed_note.text().startswith("The rules are fixed because scoring has started.")
    assert area.reason.isVisibleTo(area)
    minimum = area.rule_edit("min_judges")
    minimum.setFocus()
    minimum.selectAll()
    qtbot.keyClicks(minimum, "3")
    qtbot.keyClick(area, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert len(refusals) == 1 and "give a reason for changing Minimum judges" in refusals[0]
    assert area.message.text() == "Not saved: nothing was changed."
    assert store.round.settings().min_judges == 2
    qtbot.keyClicks(area.reason, "The panel is smaller this year.")
    area.save_button.click()
    assert store.round.settings().min_judges == 3
    assert area.message.text() == "Saved 1 change."
    audit = json.loads(store.audit_log(1)[0]["after"])
    assert audit == {"min_judges": 3, "reason": "The panel is smaller this year."}
    assert "at least 3 counted scoresheets" in area.summary.text()
    assert area.reason.text() == ""  # a reason goes with one change


def _type_passphrases(qtbot: QtBot, area: SettingsArea, old: str, new: str, again: str) -> None:
    for box, text in (
        (area.old_passphrase, old),
        (area.new_passphrase, new),
        (area.repeat_passphrase, again),
    ):
        box.clear()
        qtbot.keyClicks(box, text)


def test_the_administrator_changes_the_passphrase_with_the_old_one(
    qtbot: QtBot, area: SettingsArea, store: Store, refusals: list[str]
) -> None:
    _type_passphrases(qtbot, area, "not-it", "two new words", "two new words")
    qtbot.keyClick(area.repeat_passphrase, Qt.Key.Key_Return)
    assert refusals == ["The old passphrase is not right; nothing was changed."]
    assert area.passphrase_message.text() == "The passphrase was not changed."
    assert area.old_passphrase.hasFocus()
    _type_passphrases(qtbot, area, "secret1", "short", "short")
    area.passphrase_button.click()
    assert refusals[-1] == "The administrator's passphrase needs at least 6 characters."
    _type_passphrases(qtbot, area, "secret1", "two new words", "two new word")
    area.passphrase_button.click()
    assert "not the same" in refusals[-1]
    assert store.round.admin_sign_in("secret1").ok  # nothing changed so far

    _type_passphrases(qtbot, area, "secret1", "two new words", "two new words")
    area.passphrase_button.click()
    assert len(refusals) == 3
    assert area.passphrase_message.text() == (
        "Changed the administrator's passphrase of awards.csxawards."
    )
    assert [area.old_passphrase.text(), area.new_passphrase.text()] == ["", ""]
    assert store.audit_log(1)[0]["action"] == "set passphrase"
    assert store.round.admin_sign_in("two new words").ok
    assert not store.round.admin_sign_in("secret1").ok


def test_the_new_round_dialog_makes_the_round_through_the_operation(
    qtbot: QtBot, tmp_path: Path, refusals: list[str]
) -> None:
    dialog = NewRoundDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    path = tmp_path / "awards-2027.csxawards"
    dialog.location.setText(str(path))
    qtbot.keyClicks(dialog.passphrase, "five5")
    qtbot.keyClicks(dialog.repeat, "five5")
    create = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    create.click()
    assert refusals == ["The administrator's passphrase needs at least 6 characters."]
    assert not path.exists() and dialog.isVisible()
    qtbot.keyClicks(dialog.passphrase, "55")
    create.click()
    assert refusals[-1] == "The two passphrases are not the same; nothing was changed."
    qtbot.keyClicks(dialog.repeat, "55")
    create.click()
    assert dialog.created_path == path and not dialog.isVisible()
    with Store.open(path) as store:
        assert store.round.admin_sign_in("five555").ok
        assert store.audit_log(100)[-1]["actor"] == "Administrator"
    labels = [label for label in dialog.findChildren(QLabel) if label.wordWrap()]
    assert any("default scoring criteria" in label.text() for label in labels)


@pytest.mark.parametrize("scale", [1, 2])
def test_round_settings_screenshot_at_100_and_200_percent(
    qtbot: QtBot,
    store: Store,
    panel_ids: dict[str, int],
    tmp_path: Path,
    scale: int,
    refusals: list[str],
) -> None:
    """What a person sees once scoring has started, at their own text size and twice it:
    the whole form fits its width (nothing cut off at the side), saved for looking at."""
    from a11y import check_fits
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QScrollArea

    from csx_desktop.ui.style import style_sheet

    _score_one(store, panel_ids["Ben Castleton"])
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font()
    big = QFont(normal)
    big.setPointSizeF(normal.pointSizeF() * scale)
    app.setFont(big)
    app.setStyleSheet(style_sheet(big))
    try:
        session = Session(store, Person(Role.ADMINISTRATOR))
        widget = SettingsArea(session)
        qtbot.addWidget(widget)
        widget.resize(1366 - 300, 768 - 100)  # beside the sidebar on a laptop
        widget.show()
        QApplication.processEvents()
        assert check_fits(widget) == []
        body = widget.findChild(QScrollArea).widget()
        assert body.grab().save(str(tmp_path / f"round-settings-{scale * 100}.png"))
        assert widget.reason.isVisibleTo(widget)
        session.end()
    finally:
        app.setStyleSheet("")
        app.setFont(normal)
