"""A button's Ctrl key and its underlined letter both work (ui.widgets.button_keys)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from csx_desktop.ui.widgets.button_keys import add_key


def test_ctrl_key_and_underlined_letter_both_click_and_a_hidden_button_never(
    qtbot: QtBot,
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    box = QLineEdit()
    button = QPushButton("&Record decision…")
    layout = QVBoxLayout(window)
    layout.addWidget(box)
    layout.addWidget(button)
    clicks: list[bool] = []
    button.clicked.connect(lambda: clicks.append(True))
    shortcut = add_key(button, "Ctrl+D")
    assert shortcut.whatsThis() == "Record decision"  # the F1 help's words for the key
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(clicks) == 1)
    QTest.keyClick(box, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: len(clicks) == 2)
    button.hide()
    QTest.keyClick(box, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)
    assert len(clicks) == 2
