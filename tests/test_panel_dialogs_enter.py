"""Enter in a field of the Panel area's small dialogs presses their main button, as the
button's underline and bold edge promise (it cancelled them while Cancel was the default)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from csx_desktop.domain.model import Entry, PanelGroup, PanelMember
from csx_desktop.ui.panel_dialogs import InterestRecordDialog, MemberDialog, PinDialog


def _enter_in(qtbot: QtBot, dialog: QDialog, text: str) -> int:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    field = QApplication.focusWidget()
    assert field is not None
    QTest.keyClicks(field, text)
    QTest.keyClick(field, Qt.Key.Key_Return)
    return dialog.result()


@pytest.mark.parametrize(
    "make",
    [
        lambda: PinDialog("Nora Quinn"),
        lambda: MemberDialog([], None),
        lambda: InterestRecordDialog(
            [PanelMember("Nora Quinn", PanelGroup.CSE_ASSESSOR, id=1)],
            [(Entry(category_id=1, nominee="Owen Marsh", id=3), "Extra Mile")],
        ),
    ],
)
def test_enter_presses_the_main_button(qtbot: QtBot, make: object) -> None:
    dialog = make()  # type: ignore[operator]
    assert _enter_in(qtbot, dialog, "123456") == QDialog.DialogCode.Accepted


def test_escape_still_cancels(qtbot: QtBot) -> None:
    dialog = PinDialog("Nora Quinn")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
    QTest.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
