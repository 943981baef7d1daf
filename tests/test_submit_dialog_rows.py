"""The Submit dialog's list of unfinished entries at 100 % and 200 % text: every row whole,
with the room the app's style sheet gives list rows, and no box of empty space or scrolling
for a handful of entries.

A list lays its rows out when they are added, before the style sheet reaches it; without
laying them out again on show, the rows were pressed against each other (seen at 200 %).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csx_desktop.domain.model import Entry
from csx_desktop.store.scores import SheetState
from csx_desktop.ui.scoring_models import EntryRow
from csx_desktop.ui.scoring_workspace import ShortList, SubmitDialog
from csx_desktop.ui.style import style_sheet

NAMES = ("Ben Castleton", "Fatima Zahra Idrissi", "Kieran Doyle", "Leanne Craggs", "Owen Marsh")
PADDING = 2 * 6  # QListWidget::item { padding: 6px 8px; } in ui/style.py


def _rows(count: int) -> list[EntryRow]:
    rows = [
        EntryRow(
            Entry(category_id=1, nominee=f"{NAMES[n % len(NAMES)]} {n}", id=n + 1),
            SheetState.NOT_STARTED,
            0,
            3,
        )
        for n in range(count)
    ]
    rows.append(
        EntryRow(Entry(category_id=1, nominee="Ruth Akintola", id=99), SheetState.COMPLETE, 3, 3)
    )
    return rows


@pytest.fixture(params=[1.0, 2.0], ids=["100%", "200%"])
def text_size(request: pytest.FixtureRequest) -> Iterator[float]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal, sheet = app.font(), app.styleSheet()
    big = QFont(normal)
    big.setPointSizeF(normal.pointSizeF() * request.param)
    app.setFont(big)
    app.setStyleSheet(style_sheet(big))  # as the app does at start-up
    try:
        yield request.param
    finally:
        app.setStyleSheet(sheet)
        app.setFont(normal)


def _shown(qtbot: QtBot, rows: list[EntryRow]) -> SubmitDialog:
    dialog = SubmitDialog("Extra Mile", rows)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    QApplication.processEvents()
    return dialog


def test_each_row_is_whole_with_room_and_a_few_rows_need_no_scrolling(
    qtbot: QtBot, text_size: float
) -> None:
    dialog = _shown(qtbot, _rows(5))
    listing = dialog.incomplete
    assert isinstance(listing, ShortList) and listing.count() == 5
    line = QFontMetrics(listing.font()).height()
    tops = []
    for row in range(listing.count()):
        rect = listing.visualItemRect(listing.item(row))
        assert rect.height() >= line + PADDING, (row, rect, line)
        assert listing.viewport().rect().contains(rect), (row, rect)  # whole, not scrolled to
        tops.append(rect.top())
    assert not listing.verticalScrollBar().isVisible()
    # No box of empty rows under them: at most one row's height to spare.
    spare = listing.viewport().height() - (listing.visualItemRect(listing.item(4)).bottom() + 1)
    assert spare <= line + PADDING
    # The dialog is tall enough for its wrapped sentences and buttons too.
    assert dialog.height() >= dialog.layout().totalHeightForWidth(dialog.width())
    assert dialog.submit_button.geometry().bottom() < dialog.height()


def test_a_long_list_scrolls_after_eight_rows_and_keeps_three_in_view_at_least(
    qtbot: QtBot, text_size: float
) -> None:
    dialog = _shown(qtbot, _rows(20))
    listing = dialog.incomplete
    row = listing.visualItemRect(listing.item(0)).height()
    assert listing.sizeHint().height() <= ShortList.MAX_ROWS * row + 2 * listing.frameWidth()
    assert listing.minimumSizeHint().height() >= 3 * row
    assert listing.verticalScrollBar().maximum() > 0
