"""Opening the main window on a round and signing in, as a person does it, for GUI tests."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from csx_desktop.ui.main_window import MainWindow


def open_window(qtbot: QtBot, round_path: Path) -> MainWindow:
    """The main window shown on the round file, at its sign-in screen."""
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_round(round_path)
    window.show()
    return window


def sign_in(window: MainWindow, qtbot: QtBot, name: str, secret: str) -> None:
    """Choose ``name`` on the sign-in screen, type the PIN or passphrase and press Enter."""
    people = window.sign_in.people
    people.setCurrentRow(
        next(i for i in range(people.count()) if people.item(i).text().startswith(name))
    )
    window.sign_in.secret.setFocus()
    qtbot.keyClicks(window.sign_in.secret, secret)
    qtbot.keyClick(window.sign_in.secret, Qt.Key.Key_Return)
    assert window.session is not None and window.session.person.name == name
