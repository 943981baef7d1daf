"""WCAG 2.2 1.4.13 (content on hover or focus) for the app's tooltips, with the rules
``csx_desktop.ui.widgets.tooltips`` adds to Qt's: dismissible with Escape (and Escape does
nothing else), hoverable (the pointer can move onto the tooltip), persistent (no time
limit). Without them, Qt on Windows and Linux fails all three; the last test proves it, so
these tests fail if the rules stop being installed or stop working."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QToolTip, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from csx_desktop.ui.widgets.tooltips import SHOW_FOR_MS, TIP_NAME, TooltipKeeper, keep_tooltips

HIDE_DELAY_MS = 500  # Qt closes a tooltip 300 ms after it is told to


@pytest.fixture
def dialog(qtbot: QtBot) -> QDialog:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    button = QPushButton("Save", dialog)
    button.setToolTip("Save the round settings (Ctrl+S)")
    QVBoxLayout(dialog).addWidget(button)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    return dialog


@pytest.fixture
def keeper(qapp: QApplication) -> Iterator[TooltipKeeper]:
    keeper = keep_tooltips(qapp)
    yield keeper
    QToolTip.hideText()
    qapp.removeEventFilter(keeper)
    keeper.deleteLater()
    QTest.qWait(HIDE_DELAY_MS)


def _hover(widget: QWidget) -> None:
    """What Qt sends a widget when the pointer has rested on it."""
    QApplication.sendEvent(
        widget,
        QHelpEvent(QEvent.Type.ToolTip, QPoint(5, 5), widget.mapToGlobal(QPoint(5, 5))),
    )
    QTest.qWait(50)


def _tip() -> QWidget:
    tips = [w for w in QApplication.topLevelWidgets() if w.objectName() == TIP_NAME]
    assert tips and QToolTip.isVisible()
    return tips[0]


def test_escape_closes_a_tooltip_and_nothing_else(dialog: QDialog, keeper: TooltipKeeper) -> None:
    button = dialog.findChild(QPushButton)
    assert button is not None
    _hover(button)
    assert QToolTip.isVisible() and QToolTip.text() == "Save the round settings (Ctrl+S)"
    QTest.keyClick(button, Qt.Key.Key_Escape)
    assert dialog.isVisible() and button.hasFocus()  # the Escape went to the tooltip only
    # At once (while Qt takes its 300 ms to close the tooltip): Escape is the dialog's again.
    QTest.keyClick(button, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    QTest.qWait(HIDE_DELAY_MS)
    assert not QToolTip.isVisible()


def test_the_pointer_can_move_onto_a_tooltip_and_it_stays_until_left(
    dialog: QDialog, keeper: TooltipKeeper
) -> None:
    button = dialog.findChild(QPushButton)
    assert button is not None
    _hover(button)
    tip = _tip()
    place = tip.pos()
    QApplication.sendEvent(button, QEvent(QEvent.Type.Leave))  # off the button …
    QApplication.sendEvent(tip, QEvent(QEvent.Type.Enter))  # … onto the tooltip
    QTest.qWait(HIDE_DELAY_MS)
    assert QToolTip.isVisible() and tip.pos() == place  # still there, and not moved
    QApplication.sendEvent(tip, QEvent(QEvent.Type.Leave))
    QTest.qWait(HIDE_DELAY_MS)
    assert not QToolTip.isVisible()


def test_a_tooltip_has_no_time_limit(dialog: QDialog, keeper: TooltipKeeper) -> None:
    """Qt closes a short tooltip after 10 s; here it is shown for ten minutes, closing only
    when the pointer leaves, a key or a click, or Escape."""
    button = dialog.findChild(QPushButton)
    assert button is not None
    _hover(button)
    _tip()
    QTest.qWait(11_000)
    assert QToolTip.isVisible() and SHOW_FOR_MS >= 5 * 60 * 1000


def test_without_the_rules_qt_fails_them(dialog: QDialog) -> None:
    """Why the rules exist: Qt's own tooltip closes when the pointer moves onto it, and
    Escape goes past it (here, closing the dialog under the pointer)."""
    button = dialog.findChild(QPushButton)
    assert button is not None
    _hover(button)
    tip = _tip()
    QApplication.sendEvent(button, QEvent(QEvent.Type.Leave))
    QApplication.sendEvent(tip, QEvent(QEvent.Type.Enter))
    QTest.qWait(HIDE_DELAY_MS)
    assert not QToolTip.isVisible()
    _hover(button)
    _tip()
    QTest.keyClick(button, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_rules_are_installed_once(qapp: QApplication, keeper: TooltipKeeper) -> None:
    """``app.main`` installs them; installing again (a second window) adds no second filter."""
    import inspect

    from csx_desktop.ui import app

    assert keep_tooltips(qapp) is keeper
    assert len(qapp.findChildren(TooltipKeeper)) == 1
    assert "keep_tooltips(app)" in inspect.getsource(app.main)
