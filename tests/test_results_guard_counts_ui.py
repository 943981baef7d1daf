"""Issue 16 in the Results area: a category whose winner changes under another count.

The round: three judges score four entries of Pride of Stockton. One judge gives Ann
Rowley full marks and the others place Ben Ashworth above her, so the panel's average puts
Ann first while the judges' own rankings (Borda) and head to head (Condorcet) put Ben first.
The area says so in words, flagged, for the administrator and for the chair after submitting;
the counts sit side by side; "Judges at a glance" is there; the Normalised column is gone.
Screenshots at 100% and 200% text go to ``$CSX_SCREENSHOTS`` when it is set (to look at).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from csx_desktop.domain.model import Nomination
from csx_desktop.store import Store
from csx_desktop.ui.areas.results import ResultsArea
from csx_desktop.ui.decision_dialog import DecisionDialog
from csx_desktop.ui.results_models import CountsTableModel, ResultsTableModel
from csx_desktop.ui.session import Person, Role, Session
from csx_desktop.ui.style import style_sheet

# Each judge's criterion scores (3 criteria, 0-5) per entry.
SHEETS = {
    "Nora Quinn": {"Ann Rowley": (5, 5, 5), "Ben Ashworth": (3, 3, 3), "Cara Doyle": (3, 3, 2)},
    "Ben Castleton": {
        "Ann Rowley": (4, 3, 3),
        "Ben Ashworth": (4, 4, 3),
        "Cara Doyle": (3, 3, 3),
    },
    "Priya Shah": {"Ann Rowley": (4, 3, 3), "Ben Ashworth": (4, 4, 3), "Cara Doyle": (3, 3, 3)},
}
EXTRA = {"Nora Quinn": (2, 2, 2), "Ben Castleton": (2, 2, 1), "Priya Shah": (2, 2, 2)}


@pytest.fixture
def disputed(store: Store, panel_ids: dict[str, int]) -> Store:
    pride = store.round.category_named("Pride of Stockton")
    assert pride.id is not None
    entries = {}
    for nominee in ("Ann Rowley", "Ben Ashworth", "Cara Doyle", "Dev Patel"):
        added = store.nominations.add(Nomination(pride.id, nominee, "A citation."))
        assert added.entry_id is not None
        entries[nominee] = added.entry_id
    for member, sheets in SHEETS.items():
        for nominee, scores in [*sheets.items(), ("Dev Patel", EXTRA[member])]:
            for criterion, score in zip(pride.criteria, scores, strict=True):
                assert criterion.id is not None
                store.scores.set_score(panel_ids[member], entries[nominee], criterion.id, score)
        store.scores.submit_category(panel_ids[member], pride.id)
    return store


_sessions: list[Session] = []


@pytest.fixture(autouse=True)
def _end_sessions() -> Iterator[None]:
    yield
    while _sessions:
        _sessions.pop().end()


def _area(qtbot: QtBot, store: Store, member: str | None) -> ResultsArea:
    if member is None:
        session = Session(store, Person(Role.ADMINISTRATOR))
    else:
        session = Session(store, Person(Role.MEMBER, store.panel.member_named(member)))
    _sessions.append(session)
    area = ResultsArea(session)
    qtbot.addWidget(area)
    area.resize(1200, 820)
    area.show()
    area.show_category("Pride of Stockton")
    return area


def _shot(widget: QWidget, name: str) -> None:
    folder = os.environ.get("CSX_SCREENSHOTS")
    QApplication.processEvents()
    image = widget.grab()
    assert not image.isNull()
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        image.save(str(Path(folder) / f"{name}.png"))


@pytest.mark.parametrize("who", [None, "Priya Shah"])
def test_the_area_flags_a_winner_that_depends_on_how_we_count(
    qtbot: QtBot, disputed: Store, who: str | None
) -> None:
    area = _area(qtbot, disputed, who)
    flag = area.counts_label.text()
    assert area.counts_label.isVisible()
    assert flag.startswith("⚠ The winner depends on how we count.")
    assert "Ann Rowley is first by the panel's average" in flag
    assert "the judges' rankings (Borda) puts Ben Ashworth first" in flag
    assert "head-to-head (Condorcet) puts Ben Ashworth first" in flag
    # Side by side: every count's first in words, and a row per entry.
    area.detail_tabs.setCurrentIndex(1)
    first_by = area.first_by_label.text()
    assert "the panel's average: Ann Rowley" in first_by
    assert "the judges' rankings (Borda): Ben Ashworth" in first_by
    model = area.counts_model
    assert model.rowCount() == 4
    ben = next(
        r for r in range(4) if model.index(r, CountsTableModel.ENTRY).data() == "Ben Ashworth"
    )
    assert "Borda" in model.index(ben, CountsTableModel.FIRST_BY).data()
    # Judges at a glance, for the chair and the administrator.
    area.detail_tabs.setCurrentIndex(2)
    assert "Nora Quinn" in area.judges_view.words.text()
    assert "above the panel on the same entries" in area.judges_view.words.text()
    # The Normalised column is gone from the window.
    headers = [
        str(area.model.headerData(c, Qt.Orientation.Horizontal))
        for c in range(area.model.columnCount())
    ]
    assert "Normalised" not in headers and len(headers) == ResultsTableModel.COLUMNS
    assert "ormalised" not in area.legend.text()


def test_the_check_your_answers_step_carries_the_flag(qtbot: QtBot, disputed: Store) -> None:
    area = _area(qtbot, disputed, "Priya Shah")
    result = area.current_result()
    assert result is not None
    dialog = DecisionDialog(disputed, result, area, viewer=area.viewer)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.go_to_check()
    assert dialog.on_check_step()
    counted = dialog.summary_rows["How we count"].text()
    assert counted.startswith("⚠ The winner depends on how we count.")
    assert "Ben Ashworth" in counted


def test_a_member_who_is_not_the_chair_sees_no_counts(qtbot: QtBot, disputed: Store) -> None:
    area = _area(qtbot, disputed, "Nora Quinn")
    assert area.model.rowCount() == 4
    assert not area.counts_label.isVisible() and not area.detail_tabs.isVisible()
    assert area.counts is None and area.counts_model.rowCount() == 0


@pytest.mark.parametrize("scale", [1, 2])
def test_screenshots_at_100_and_200_percent_text(
    qtbot: QtBot, disputed: Store, qapp: QApplication, scale: int
) -> None:
    normal = qapp.font()
    big = QFont(normal)
    big.setPointSizeF(normal.pointSizeF() * scale)
    qapp.setFont(big)
    qapp.setStyleSheet(style_sheet(big))
    try:
        area = _area(qtbot, disputed, None)
        area.resize(1366, 768)
        for tab, name in ((1, "counts"), (2, "judges")):
            area.detail_tabs.setCurrentIndex(tab)
            _shot(area, f"results-{name}-{scale * 100}")
        # The flag is whole: its label is as tall as its wrapped words need.
        label = area.counts_label
        assert label.height() >= label.heightForWidth(label.width()) - 1
        result = area.current_result()
        assert result is not None
        dialog = DecisionDialog(disputed, result, area)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.reason.setPlainText("Discussed.")
        dialog.go_to_check()
        _shot(dialog, f"decision-check-{scale * 100}")
    finally:
        qapp.setStyleSheet("")
        qapp.setFont(normal)
