"""People who use large text: the window grows with it instead of squeezing or shrinking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from csx_desktop.store import Store
from csx_desktop.ui.admin_workspace import AdminWorkspace
from csx_desktop.ui.areas import AREAS
from csx_desktop.ui.main_window import MainWindow
from csx_desktop.ui.style import style_sheet


def _twice(font: QFont) -> QFont:
    big = QFont(font)
    big.setPointSizeF(font.pointSizeF() * 2)
    return big


def test_tick_boxes_are_as_tall_as_the_text_they_go_with(qtbot: QtBot) -> None:
    box = QCheckBox("One for each team member too")
    qtbot.addWidget(box)
    sizes = []
    for font in (box.font(), _twice(box.font())):
        box.setFont(font)
        box.setStyleSheet(style_sheet(font))
        box.ensurePolished()
        option = QStyleOptionButton()
        box.initStyleOption(option)
        indicator = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
        assert indicator.height() >= QFontMetrics(font).height() * 0.75
        sizes.append(indicator.height())
    assert sizes[1] > sizes[0]


def test_the_sidebar_shows_every_area_name_whole_at_twice_the_text_size(
    qtbot: QtBot, store: Store, round_path: Path
) -> None:
    store.close()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font()
    app.setFont(_twice(normal))  # as if the laptop were set to large text
    try:
        window = MainWindow()
        qtbot.addWidget(window)
        assert window.open_round(round_path)
        window.show()
        window.sign_in.people.setCurrentRow(0)
        window.sign_in.secret.setText("secret1")
        qtbot.keyClick(window.sign_in.secret, Qt.Key.Key_Return)
        workspace = window.workspace
        assert isinstance(workspace, AdminWorkspace)
        metrics = QFontMetrics(app.font())
        widest = max(metrics.horizontalAdvance(spec.title) for spec in AREAS)
        # However busy the area beside it, the sidebar keeps this width.
        assert workspace.sidebar.minimumWidth() > widest
        assert workspace.sidebar.maximumWidth() == workspace.sidebar.minimumWidth()
    finally:
        app.setFont(normal)
