"""The Round settings area: every setting edited, saved in one audited change, refusals shown."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from csx_desktop.store import Store
from csx_desktop.ui.areas.settings import SettingsArea
from csx_desktop.ui.session import Person, Role, Session


@pytest.fixture
def refusals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every refusal the window shows (``ui.errors.attempt``'s box), instead of waiting."""
    from PySide6.QtWidgets import QMessageBox

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


def test_shows_the_saved_settings(area: SettingsArea) -> None:
    assert area.name.text() == "Customer Service Awards 2026"
    assert area.year.value() == 2026
    assert area.details.ceremony_date.value() is None
    assert area.rule_edit("min_judges").value() == 2
    assert area.rule_edit("aggregate").currentData() == "mean"
    assert area.rule_edit("ballot_rule").currentData() == "latest"
    assert area.changes(area.store.round.settings()) == {}


def test_saves_only_what_changed_in_one_audited_change(area: SettingsArea, store: Store) -> None:
    notified: list[str] = []
    area.session.changed.connect(notified.append)
    area.name.setText("  Customer Service Awards   2026 ")  # tidied: not a change
    area.details.ceremony_date.set_value(datetime.date(2026, 12, 10))
    area.details.signatories[1].name.setText("Siobhán Ní Bhriain")
    area.details.signatories[1].title.setText("Mayor")
    area.voting_opens.set_value(datetime.datetime(2026, 11, 2, 9, 0))
    area.voting_closes.set_value(datetime.datetime(2026, 11, 13, 17, 0))
    area.rule_edit("min_judges").setValue(3)
    area.rule_edit("aggregate").setCurrentIndex(area.rule_edit("aggregate").findData("median"))
    area.rule_edit("disagreement_threshold").setValue(25)
    area.rule_edit("ballot_rule").setCurrentIndex(area.rule_edit("ballot_rule").findData("first"))
    area.save_button.click()
    settings = store.round.settings()
    assert settings.name == "Customer Service Awards 2026"
    assert settings.ceremony_date == datetime.date(2026, 12, 10)
    assert settings.signatories[1].name == "Siobhán Ní Bhriain"
    assert settings.voting_opens == datetime.datetime(2026, 11, 2, 9, 0)
    assert settings.voting_closes == datetime.datetime(2026, 11, 13, 17, 0)
    assert (settings.min_judges, settings.aggregate, settings.ballot_rule) == (3, "median", "first")
    assert settings.disagreement_threshold == 25.0
    assert area.message.text() == "Saved 8 changes."
    assert notified == ["settings"]
    audit = store.audit_log(1)[0]
    assert audit["action"] == "change settings"
    assert "name" not in json.loads(audit["after"])  # the tidied name was not a change
    # Saving again with nothing changed says so and writes nothing.
    area.save_button.click()
    assert area.message.text() == "Nothing has changed."
    assert store.audit_log(1)[0]["id"] == audit["id"]


def test_a_vote_that_closes_before_it_opens_is_refused(
    area: SettingsArea, store: Store, refusals: list[str]
) -> None:
    area.voting_opens.set_value(datetime.datetime(2026, 11, 13, 9, 0))
    area.voting_closes.set_value(datetime.datetime(2026, 11, 2, 9, 0))
    area.rule_edit("min_judges").setValue(4)
    area.save_button.click()
    assert refusals == ["The vote must close after it opens."]
    assert area.message.text() == "Not saved: nothing was changed."
    assert area.message.objectName() == "errorMessage"
    settings = store.round.settings()
    assert settings.voting_opens is None and settings.min_judges == 2  # nothing saved


def test_a_blank_name_is_refused_in_the_round_s_words(
    area: SettingsArea, store: Store, refusals: list[str]
) -> None:
    area.name.setText("   ")
    area.save_button.click()
    assert refusals == ["The round needs a name."]
    assert store.round.settings().name == "Customer Service Awards 2026"


def test_revert_puts_back_the_saved_settings(area: SettingsArea) -> None:
    area.rule_edit("min_judges").setValue(7)
    area.details.signatories[0].name.setText("Someone Else")
    area.revert_button.click()
    assert area.rule_edit("min_judges").value() == 2
    assert area.details.signatories[0].name.text() == ""


def test_every_control_has_an_accessible_name(area: SettingsArea) -> None:
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit

    controls = [
        w
        for kind in (QLineEdit, QComboBox, QAbstractSpinBox)
        for w in area.findChildren(kind)
        if w.parent() is not None and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)
    ]
    assert len(controls) >= 12
    assert [w for w in controls if not w.accessibleName()] == []
