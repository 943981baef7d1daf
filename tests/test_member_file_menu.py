"""The File menu of a panel member shows only what a member may do (issue 12).

On a shared laptop a copy of the round holds everyone's scores, and opening or creating
another round would leave the member's session: a signed-in member (the chair included) gets
Switch person and Quit, not New round, Open, Open recent, Import nominations or Back up, and
their shortcuts do nothing. The administrator has them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu
from pytestqt.qtbot import QtBot
from window_helpers import open_window, sign_in

from csx_desktop.store import Store
from csx_desktop.ui.main_window import MainWindow

MEMBERS_MAY_NOT = {"New round…", "Open…", "Open recent", "Import nominations…", "Back up…"}


@pytest.fixture
def window(qtbot: QtBot, store: Store, panel_ids: dict[str, int], round_path: Path) -> MainWindow:
    store.close()
    return open_window(qtbot, round_path)


def _file_menu(window: MainWindow) -> QMenu:
    """The File menu, as the menu bar holds it."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File" and a.menu())
    assert isinstance(menu, QMenu)
    return menu


def _offered(menu: QMenu) -> dict[str, bool]:
    """What the menu shows a person: each visible item's words (no &), and if it is enabled."""
    return {
        a.text().replace("&", ""): a.isEnabled()
        for a in menu.actions()
        if a.isVisible() and not a.isSeparator()
    }


@pytest.mark.parametrize(("name", "pin"), [("Ben Castleton", "123456"), ("Priya Shah", "123456")])
def test_a_panel_member_is_offered_only_switch_person_and_quit(
    window: MainWindow,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    pin: str,
) -> None:
    sign_in(window, qtbot, name, pin)  # Priya Shah is the chair: no different here
    menu = _file_menu(window)
    assert _offered(menu) == {"Switch person": True, "Quit": True}
    hidden = {
        a.text().replace("&", "")
        for a in menu.actions()
        if not a.isSeparator() and not a.isVisible()
    }
    assert hidden == MEMBERS_MAY_NOT
    assert not any(a.isEnabled() for a in menu.actions() if a.text().replace("&", "") in hidden)

    # Their keys do nothing either, and the slots refuse if reached another way.
    asked: list[str] = []
    for dialog in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(
            QFileDialog, dialog, lambda _p, title, *_a: asked.append(title) or ("", "")
        )
    focus = window.workspace
    assert focus is not None
    for keys in ("Ctrl+O", "Ctrl+B", "Ctrl+N"):
        qtbot.keySequence(focus, keys)  # type: ignore[attr-defined]
    window.open_dialog()
    window.backup_dialog()
    window.new_round()
    assert asked == []
    assert window.session is not None and window.session.person.name == name


def test_the_administrator_has_the_whole_file_menu(window: MainWindow, qtbot: QtBot) -> None:
    sign_in(window, qtbot, "Administrator", "secret1")
    offered = _offered(_file_menu(window))
    assert set(offered) >= MEMBERS_MAY_NOT
    assert all(offered[text] for text in MEMBERS_MAY_NOT)
    assert offered["Switch person"] and offered["Quit"]


def test_before_anyone_signs_in_a_round_can_be_opened_but_not_copied(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered = _offered(_file_menu(window))
    assert offered["New round…"] and offered["Open…"] and offered["Open recent"]
    assert not offered["Back up…"] and not offered["Import nominations…"]
    assert window.backup_action.toolTip() == "Sign in as the administrator to back up the round"
    # The menu comes back whole for the next person after a member signs out.
    sign_in(window, qtbot, "Ben Castleton", "123456")
    window.switch_action.trigger()
    offered = _offered(_file_menu(window))
    assert set(offered) >= MEMBERS_MAY_NOT and offered["Open…"] and not offered["Back up…"]


def test_the_administrators_back_up_makes_the_copy(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_in(window, qtbot, "Administrator", "secret1")
    copy = tmp_path / "copy.csxawards"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(copy), ""))
    trigger: QAction = window.backup_action
    trigger.trigger()
    assert copy.exists()
    with Store.open(copy) as backup:
        assert [m.name for m in backup.panel.members()]
