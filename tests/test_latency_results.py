"""Results opens at once, says it is counting, then shows the counted ranking (issue 12).

The area is built and shown with the category list and "Counting the results…" (said to a
screen reader too); the chosen category is counted once those words are on screen. Nothing of
a category's scores is shown before it is counted, nor ever to someone who may not see it.
The ranking's columns are measured once from their words (``widgets.fitted_columns``):
every row counts, hidden tables are measured when shown, and a larger font measures again.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from csx_desktop.domain.model import Nomination
from csx_desktop.store import Store
from csx_desktop.ui.announce import recording
from csx_desktop.ui.areas.results import COUNTING_WORDS, ResultsArea
from csx_desktop.ui.results_models import ResultsTableModel
from csx_desktop.ui.session import Person, Role, Session
from csx_desktop.ui.widgets.fitted_columns import fit_columns_to_contents

LONG_NAME = "Wolverhampton-Featherstonehaugh Community Wellbeing Partnership Team"

_sessions: list[Session] = []


@pytest.fixture(autouse=True)
def _end_sessions() -> Iterator[None]:
    yield
    while _sessions:
        _sessions.pop().end()


@pytest.fixture
def pride(store: Store, panel_ids: dict[str, int]) -> int:
    """Pride of Stockton with 80 entries, the longest name last in the ranking; Nora and
    Priya (the chair) scored them all."""
    category = store.round.category_named("Pride of Stockton")
    assert category.id is not None
    ids = []
    for i in range(80):
        name = LONG_NAME if i == 79 else f"Nominee {i:02d}"
        added = store.nominations.add(
            Nomination(category_id=category.id, nominee=name, citation="")
        )
        assert added.entry_id is not None
        ids.append(added.entry_id)
    for member in ("Nora Quinn", "Priya Shah"):
        for rank, entry_id in enumerate(ids):
            for criterion in category.criteria:
                assert criterion.id is not None
                score = 5 if rank < 10 else 1 if entry_id == ids[-1] else 3
                store.scores.set_score(panel_ids[member], entry_id, criterion.id, score)
    return category.id


def _area(qtbot: QtBot, store: Store, member_id: int | None, *, show: bool = True) -> ResultsArea:
    if member_id is None:
        session = Session(store, Person(Role.ADMINISTRATOR))
    else:
        session = Session(store, Person(Role.MEMBER, store.panel.member(member_id)))
    _sessions.append(session)
    area = ResultsArea(session)
    qtbot.addWidget(area)
    area.resize(1100, 700)
    if show:
        area.show()
    return area


def test_the_area_says_it_is_counting_before_it_shows_the_ranking(
    qtbot: QtBot, store: Store, pride: int
) -> None:
    with recording() as said:
        area = _area(qtbot, store, None, show=False)
    # Built, with the categories to choose from, and nothing of the scores yet.
    assert area.counting
    assert area.decision_label.text() == COUNTING_WORDS
    assert [a.text for a in said] == [COUNTING_WORDS]  # a screen reader hears it
    assert area.category_box.count() >= 1 and area.category_box.isEnabled()
    assert area.model.rowCount() == 0 and area.current_result() is None
    assert not area.results_pane.isVisibleTo(area)
    assert not area.decide_button.isEnabled()
    # Counted once the words are on screen, not before.
    qtbot.wait(50)
    assert area.counting  # never shown, never painted: still only the words
    with recording() as said, qtbot.waitSignal(area.counted, timeout=5_000):
        area.show()
    assert not area.counting
    # Then it says where the category stands, as the line above the ranking does.
    assert [a.text for a in said] == [area.decision_label.text()]
    assert area.model.rowCount() == 80
    assert area.model.row_at(0).nominee.startswith("Nominee")
    assert area.results_pane.isVisible()
    assert "Counting" not in area.decision_label.text()
    assert area.decision_label.text().startswith("Decision not recorded yet.")


def test_choosing_a_category_while_counting_shows_it_at_once(
    qtbot: QtBot, store: Store, pride: int
) -> None:
    area = _area(qtbot, store, None, show=False)
    assert area.counting
    area.show_category("Pride of Stockton")
    assert not area.counting and area.model.rowCount() == 80


def test_a_judge_who_has_not_submitted_sees_the_reason_not_counting(
    qtbot: QtBot, store: Store, panel_ids: dict[str, int], pride: int
) -> None:
    with recording() as said:
        area = _area(qtbot, store, panel_ids["Nora Quinn"])
    assert not area.counting  # nothing to count for her: the reason, straight away
    assert COUNTING_WORDS not in [a.text for a in said]
    assert "have not submitted your own scores" in area.decision_label.text()
    qtbot.wait(50)
    assert area.model.rowCount() == 0 and area.current_result() is None


def test_a_judge_who_has_submitted_gets_the_totals_after_counting(
    qtbot: QtBot, store: Store, panel_ids: dict[str, int], pride: int
) -> None:
    store.scores.submit_category(panel_ids["Nora Quinn"], pride)
    area = _area(qtbot, store, panel_ids["Nora Quinn"], show=False)
    assert area.counting and area.model.rowCount() == 0
    with qtbot.waitSignal(area.counted, timeout=5_000):
        area.show()
    assert area.model.rowCount() == 80
    assert not area.sheets.isVisible() and area.counts is None  # her totals, no one's sheets


def test_every_row_of_the_ranking_is_measured_for_its_column(
    qtbot: QtBot, store: Store, pride: int
) -> None:
    area = _area(qtbot, store, None)
    qtbot.waitUntil(lambda: not area.counting)
    last = area.model.rowCount() - 1
    assert area.model.row_at(last).nominee == LONG_NAME  # at the bottom, out of sight
    metrics = area.table.fontMetrics()
    width = area.table.columnWidth(ResultsTableModel.ENTRY)
    assert width >= metrics.horizontalAdvance(LONG_NAME)  # not cut to "Wolverhampton-F…"


def _table(qtbot: QtBot, names: list[str]) -> QTableView:
    model = ResultsTableModel()
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.horizontalHeader().setStretchLastSection(True)
    fit_columns_to_contents(table)
    from csx_desktop.domain.scoring import CategoryResult, EntryResult

    class Category:  # only what the model reads
        method = None

    entries = tuple(
        EntryResult(
            entry_id=i, category_id=1, nominee=n, rank=i + 1, score=3.0, judges=2, spread=0.0
        )
        for i, n in enumerate(names)
    )
    model.set_result(CategoryResult(Category(), entries, None))  # type: ignore[arg-type]
    return table


def test_a_table_off_screen_is_measured_when_shown_and_again_at_a_larger_font(
    qtbot: QtBot,
) -> None:
    table = _table(qtbot, ["Ann", LONG_NAME])  # filled while not on screen
    entry = ResultsTableModel.ENTRY
    assert table.columnWidth(entry) < table.fontMetrics().horizontalAdvance(LONG_NAME)
    table.resize(1600, 400)
    table.show()
    qtbot.waitExposed(table)
    normal = table.columnWidth(entry)
    assert normal >= table.fontMetrics().horizontalAdvance(LONG_NAME)
    big = QFont(table.font())
    big.setPointSizeF(table.font().pointSizeF() * 2)
    table.setFont(big)
    assert table.columnWidth(entry) >= table.fontMetrics().horizontalAdvance(LONG_NAME)
    assert table.columnWidth(entry) > normal * 1.5
