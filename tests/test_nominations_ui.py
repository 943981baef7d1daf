"""The Nominations area and the mapping dialog, driven as a person would (pytest-qt)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from test_nominations_import import MS_ROWS, ms_row, write_ms_forms

from csx_desktop.domain.model import EntryStatus, Nomination, NominationStatus
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON, TEAM
from csx_desktop.io.nomination_import import prepare_import
from csx_desktop.store import Store
from csx_desktop.ui.areas.nominations import NominationsArea
from csx_desktop.ui.mapping_dialog import NOT_IN_FILE, MappingDialog
from csx_desktop.ui.nomination_dialogs import (
    MergeDialog,
    MoveDialog,
    NominationDialog,
    ReasonDialog,
)
from csx_desktop.ui.nomination_models import EntriesModel, NominationsModel, PreviewModel
from csx_desktop.ui.session import Person, Role, Session
from csx_desktop.ui.widgets.empty_state import EmptyState


@pytest.fixture
def sessions() -> Iterator[list[Session]]:
    made: list[Session] = []
    yield made
    for session in made:
        session.end()


def add(store: Store, category: str, nominee: str, citation: str = "Kind. Quick. Thorough.") -> int:
    nomination = store.nominations.add(
        Nomination(
            category_id=int(store.round.category_named(category).id or 0),
            nominee=nominee,
            citation=citation,
            nominator_name="Ruth Akintola",
            relationship="colleague",
            received_at=datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
        )
    )
    return int(nomination.entry_id or 0)


@pytest.fixture
def area(qtbot: QtBot, store: Store, sessions: list[Session]) -> NominationsArea:
    sessions.append(Session(store, Person(Role.ADMINISTRATOR)))
    widget = NominationsArea(sessions[-1])
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    return widget


def shown_nominees(area: NominationsArea) -> list[str]:
    return [
        area.proxy.index(row, EntriesModel.NOMINEE).data() for row in range(area.proxy.rowCount())
    ]


def accept_dialogs(monkeypatch: pytest.MonkeyPatch, prepare: Any = None) -> list[QDialog]:
    """Replace QDialog.exec: optionally adjust the dialog, then accept it."""
    seen: list[QDialog] = []

    def fake_exec(dialog: QDialog) -> int:
        seen.append(dialog)
        if prepare is not None:
            prepare(dialog)
        return 1

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    return seen


# ---- the area ----------------------------------------------------------------------------


def test_an_empty_round_says_how_to_get_nominations(area: NominationsArea) -> None:
    assert area.pages.currentWidget() is area.empty
    assert isinstance(area.empty, EmptyState) and area.empty.isVisible()
    assert area.import_button.isVisible() and area.add_button.isVisible()


def test_entries_are_listed_and_searched_as_you_type(
    qtbot: QtBot, area: NominationsArea, store: Store
) -> None:
    add(store, EXTRA_MILE, "Siobhán O'Neill", "She opened the library on Sundays.")
    add(store, PRIDE_OF_STOCKTON, "Zoë Whitfield", "Calls every family the day after.")
    add(store, TEAM, "Thornaby Hub Team")
    area.refresh()
    assert area.pages.currentIndex() == 1
    assert sorted(shown_nominees(area)) == ["Siobhán O'Neill", "Thornaby Hub Team", "Zoë Whitfield"]
    area.search.setFocus()
    qtbot.keyClicks(area.search, "oneill")  # ASCII typed; matches "O'Neill"
    assert shown_nominees(area) == ["Siobhán O'Neill"]
    area.search.setText("sundays")  # a word in a citation
    assert shown_nominees(area) == ["Siobhán O'Neill"]
    area.search.clear()
    area.category_filter.setCurrentIndex(area.category_filter.findText(TEAM))
    assert shown_nominees(area) == ["Thornaby Hub Team"]
    assert area.count_label.text() == "1 of 3 entries"
    # Ctrl+F reaches the search box; Tab then goes on to the list, in reading order.
    area.table.setFocus()
    qtbot.keyClick(area.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert area.search.hasFocus()
    qtbot.keyClick(area.search, Qt.Key.Key_Tab)
    assert area.table.hasFocus()
    qtbot.keyClick(area.table, Qt.Key.Key_Tab)
    assert area.merge_button.hasFocus()


def test_the_detail_pane_shows_every_citation_with_its_nominator(
    area: NominationsArea, store: Store
) -> None:
    entry_id = add(store, EXTRA_MILE, "Maya Lindqvist", "First <b>story</b>.\n\nSecond para.")
    add(store, EXTRA_MILE, "maya lindqvist", "Another nominator's story.")
    area.refresh()
    assert area.select_entry(entry_id)
    text = area.citations.toPlainText()
    assert "First <b>story</b>." in text  # shown as typed, never as markup
    assert "Second para." in text and "Another nominator's story." in text
    assert text.count("Ruth Akintola, colleague") == 2
    assert "Nomination 2 of 2" in text
    assert area.nominations_model.rowCount() == 2
    assert "2 eligible nominations" in area.facts.text()


def test_merging_two_entries_in_the_area(
    qtbot: QtBot, area: NominationsArea, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    keep = add(store, EXTRA_MILE, "Owen Marsh")
    duplicate = add(store, EXTRA_MILE, "Owen Marsh (Libraries)")
    add(store, PRIDE_OF_STOCKTON, "Owen Marsh")  # another category: not offered
    area.refresh()
    area.select_entry(keep)
    changes: list[str] = []
    area.session.changed.connect(changes.append)

    def tick(dialog: QDialog) -> None:
        assert isinstance(dialog, MergeDialog)
        assert dialog.list.count() == 1  # only the same category
        assert "similar name" in dialog.list.item(0).text()
        dialog.choose([duplicate])
        dialog.reason.setText("same person")

    seen = accept_dialogs(monkeypatch, tick)
    qtbot.mouseClick(area.merge_button, Qt.MouseButton.LeftButton)
    assert len(seen) == 1
    assert changes == ["nominations"]
    merged = store.nominations.entry(keep)
    assert merged.nomination_count == 2
    assert store.nominations.entry(duplicate).status is EntryStatus.MERGED
    assert "Owen Marsh (Libraries)" not in shown_nominees(area)
    assert area.heading.text() == "Owen Marsh"
    area.status_filter.setCurrentIndex(area.status_filter.findText("Merged"))
    assert shown_nominees(area) == ["Owen Marsh (Libraries)"]
    status = area.proxy.index(0, EntriesModel.STATUS).data()
    assert status == "Merged into Owen Marsh"


def test_a_refused_merge_is_shown_in_plain_words(
    area: NominationsArea, store: Store, panel_ids: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    keep = add(store, EXTRA_MILE, "Ruth Akintola")
    scored = add(store, EXTRA_MILE, "R. Akintola")
    criterion = store.round.category_named(EXTRA_MILE).criteria[0]
    store.scores.set_score(panel_ids["Nora Quinn"], scored, criterion.id or 0, 3)
    area.refresh()
    area.select_entry(keep)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    assert not area.merge_entries(keep, [scored])
    assert warnings and "started scoring R. Akintola" in warnings[0]
    assert store.nominations.entry(scored).status is EntryStatus.ACTIVE


def test_ineligible_withdraw_and_reinstate_from_the_keyboard(
    qtbot: QtBot, area: NominationsArea, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_id = add(store, EXTRA_MILE, "Ivy Grainger")
    area.refresh()
    area.select_entry(entry_id)
    accept_dialogs(
        monkeypatch,
        lambda d: isinstance(d, ReasonDialog) and d.reason.setText("agency worker"),
    )
    qtbot.keyClick(area.ineligible_button, Qt.Key.Key_Space)
    nomination = store.nominations.nominations_for(entry_id)[0]
    assert (nomination.status, nomination.status_reason) == (
        NominationStatus.INELIGIBLE,
        "agency worker",
    )
    # The entry leaves the Active list; the status filter finds it again.
    assert shown_nominees(area) == []
    area.status_filter.setCurrentIndex(area.status_filter.findText("Withdrawn or ineligible"))
    area.select_entry(entry_id)
    assert "Ineligible" in area.facts.text() and "agency worker" in area.facts.text()
    assert area.reinstate_button.isEnabled() and not area.withdraw_button.isEnabled()
    qtbot.keyClick(area.reinstate_button, Qt.Key.Key_Space)
    assert store.nominations.entry(entry_id).status is EntryStatus.ACTIVE


def test_reason_dialog_requires_a_reason_for_ineligible(qtbot: QtBot) -> None:
    dialog = ReasonDialog("Mark ineligible", "Why?", required=True)
    qtbot.addWidget(dialog)
    assert not dialog._ok.isEnabled()
    dialog.reason.setText("not staff")
    assert dialog._ok.isEnabled() and dialog.text() == "not staff"


def test_add_and_edit_a_nomination_by_hand(
    qtbot: QtBot, area: NominationsArea, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, NominationDialog)
        dialog.category.setCurrentIndex(dialog.category.findText(TEAM))
        dialog.nominee.setText("Waste Crew B")
        dialog.members.setPlainText("Ann Lee\nBob Cray; Cy Twomey")
        dialog.citation.setPlainText("Never missed a bin in the snow.\n\nNot one.")
        dialog.nominator.setText("Zoë Whitfield")

    accept_dialogs(monkeypatch, fill)
    area.add_nomination()
    (entry,) = store.nominations.entries()
    assert (entry.nominee, entry.team_members) == (
        "Waste Crew B",
        ("Ann Lee", "Bob Cray", "Cy Twomey"),
    )
    assert area.heading.text() == "Waste Crew B"

    def rename(dialog: QDialog) -> None:
        assert isinstance(dialog, NominationDialog)
        assert dialog.nominee.text() == "Waste Crew B"
        dialog.nominee.setText("Waste Crew Bravo")

    accept_dialogs(monkeypatch, rename)
    area.edit_nomination()
    assert store.nominations.entry(entry.id or 0).nominee == "Waste Crew Bravo"
    # Edited in place: still one nomination, with what the dialog does not show kept.
    (edited,) = store.nominations.entries()
    assert edited.id == entry.id and edited.nomination_count == 1
    assert area.heading.text() == "Waste Crew Bravo"


def test_move_a_nomination_to_another_category(
    area: NominationsArea, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    entry_id = add(store, PRIDE_OF_STOCKTON, "Callum Fairless")
    area.refresh()
    area.select_entry(entry_id)

    def choose(dialog: QDialog) -> None:
        assert isinstance(dialog, MoveDialog)
        assert dialog.category.findText(PRIDE_OF_STOCKTON) == -1  # not where it is
        dialog.category.setCurrentIndex(dialog.category.findText(EXTRA_MILE))
        assert not dialog.body.isEnabled()

    accept_dialogs(monkeypatch, choose)
    area.move_nomination()
    (entry,) = store.nominations.entries()
    assert store.round.category(entry.category_id).name == EXTRA_MILE
    assert area.heading.text() == "Callum Fairless" and EXTRA_MILE in area.facts.text()


def test_import_flow_file_then_mapping_then_result(
    area: NominationsArea,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    export = write_ms_forms(tmp_path / "Form.xlsx", [*MS_ROWS, ms_row(9, "Gold", "Ben Castleton")])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(export), ""))
    results: list[QMessageBox] = []

    def run(dialog: QWidget) -> int:
        if isinstance(dialog, MappingDialog):
            dialog.keep_valid_box.setChecked(first_try is False)
            return 1
        assert isinstance(dialog, QMessageBox)
        results.append(dialog)
        return 0

    monkeypatch.setattr(QDialog, "exec", run)
    first_try = True
    job = area.start_import()
    assert job is not None  # the rows are checked on a worker; the window waits for it
    qtbot.waitUntil(lambda: job.outcome != "", timeout=20_000)
    assert "Nothing was imported" in results[-1].text()
    assert 'row 7: "Gold"' in results[-1].informativeText()
    assert store.nominations.entries() == []
    first_try = False
    job = area.start_import()
    assert job is not None
    qtbot.waitUntil(lambda: job.outcome == "done", timeout=20_000)
    assert "stored 5 nomination(s) in 4 entries" in results[-1].text()
    assert area.pages.currentIndex() == 1 and len(shown_nominees(area)) == 4


def test_importing_a_pdf_is_refused_with_a_message(
    area: NominationsArea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "nominations.xlsx"
    pdf.write_bytes(b"%PDF-1.4 not a spreadsheet")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(pdf), ""))
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    area.import_nominations()
    assert warnings and "PDF document" in warnings[0]


def test_save_template(
    area: NominationsArea, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "My template"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    area.save_template()
    assert (tmp_path / "My template.xlsx").is_file()
    assert shown and "My template.xlsx" in shown[0]


def test_every_control_has_an_accessible_name(area: NominationsArea, store: Store) -> None:
    from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLineEdit, QPushButton

    add(store, EXTRA_MILE, "Owen Marsh")
    area.refresh()
    controls: list[QWidget] = []
    for kind in (QPushButton, QAbstractItemView, QLineEdit, QComboBox):
        controls += [
            w
            for w in area.findChildren(kind)
            if w.isVisible()
            and not w.objectName().startswith("qt_")
            and not isinstance(w.parent(), QComboBox)
            and not isinstance(w, QHeaderView)
        ]
    assert len(controls) >= 15
    unnamed = [w for w in controls if not w.accessibleName()]
    assert unnamed == []


# ---- the mapping dialog ------------------------------------------------------------------


def test_mapping_dialog_shows_the_detected_mapping_and_rechecks(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    rows = [*MS_ROWS, ms_row(9, "Gold", "Ben Castleton")]
    plan = prepare_import(write_ms_forms(tmp_path / "Form.xlsx", rows))
    dialog = MappingDialog(plan, store.round.categories(), store.round.nominating_bodies())
    qtbot.addWidget(dialog)
    assert dialog.choices["category"].currentText() == "Which award are you nominating for?"
    assert dialog.choices["citation"].currentText() == "Why do they deserve this award?"
    assert dialog.choices["received_at"].currentText() == "Completion time"
    assert "Microsoft Forms" in dialog.findChildren(type(dialog.summary))[0].text()
    assert "5 rows can be imported; 1 row has problems" in dialog.summary.text()
    assert [dialog.problems.item(i).text()[:6] for i in range(dialog.problems.count())] == [
        "row 7:"
    ]
    # The preview reads the category as it will be stored.
    model = dialog.preview_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert model.index(0, headers.index("Category")).data() == "Pride of Stockton"
    assert model.index(3, headers.index("Team members")).data() == "Ann Lee Bob O'Neill; Cy Twomey"
    # Leaving out the citation: the import cannot start, and the dialog says why.
    dialog.set_column("citation", None)
    dialog.check()
    assert dialog.choices["citation"].currentText() == NOT_IN_FILE
    assert not dialog.import_button.isEnabled()
    assert "citation" in dialog.summary.text()
    dialog.set_column("citation", "Why do they deserve this award?")
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    assert dialog.mapping() == plan.mapping
    dialog.keep_valid_box.setChecked(True)
    assert dialog.keep_valid()
    assert dialog.choices["category"].accessibleName() == "Column for Category"


def test_models_pass_the_model_tester(
    qtmodeltester: Any, area: NominationsArea, store: Store
) -> None:
    add(store, EXTRA_MILE, "Owen Marsh")
    add(store, TEAM, "Thornaby Hub Team")
    area.refresh()
    qtmodeltester.check(area.model)
    qtmodeltester.check(area.proxy)
    qtmodeltester.check(area.nominations_model)
    preview = PreviewModel()
    preview.set_preview(["Nominee", "Citation"], [["Zoë", "Line\nline"], ["Owen", ""]])
    qtmodeltester.check(preview)
    empty = NominationsModel()
    qtmodeltester.check(empty)


def test_mapping_dialog_imports_a_one_award_form_with_every_row_is_for(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    """A form made for one award has no category question: the person names the award."""
    from test_import_shapes import CITATION, write_xlsx

    from csx_desktop.io.nomination_import import run_import

    path = write_xlsx(
        tmp_path / "extra mile form.xlsx",
        [
            ["Timestamp", "Who are you nominating?", "Why?"],
            [datetime(2026, 3, 2, 9, 0), "Zoë Whitfield", CITATION],
        ],
    )
    plan = prepare_import(path, categories=store.round.categories())
    dialog = MappingDialog(plan, store.round.categories(), store.round.nominating_bodies())
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "Every row is for" in dialog.summary.text()
    dialog.every_row.setCurrentIndex(dialog.every_row.findText(EXTRA_MILE))
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled())
    assert not dialog.choices["category"].isEnabled()
    model = dialog.preview_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert model.index(0, headers.index("Category")).data() == EXTRA_MILE
    assert dialog.category() == EXTRA_MILE
    report = run_import(store, dialog.plan, dialog.mapping(), category=dialog.category())
    assert report.committed and report.stored == 1
    (entry,) = store.nominations.entries()
    assert store.round.category(entry.category_id).name == EXTRA_MILE


def test_mapping_dialog_moves_the_heading_row_and_chooses_the_date_order(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    from test_import_shapes import CITATION, write_csv

    path = write_csv(
        tmp_path / "responses.csv",
        [
            ["Customer Service Awards 2026"],
            ["Timestamp", "Which award?", "Nominee's full name", "Why do they deserve it?"],
            ["8/31/2025 10:00:00", "Extra Mile", "Ann Lee", CITATION],
            ["31/8/2025 10:00:00", "Extra Mile", "Cy Twomey", CITATION],
        ],
    )
    plan = prepare_import(path, categories=store.round.categories())
    dialog = MappingDialog(plan, store.round.categories(), store.round.nominating_bodies())
    qtbot.addWidget(dialog)
    assert dialog.header_row.value() == 2
    assert "title" in dialog.notes.text()
    # The dates are written both ways: nothing can be imported until the order is chosen.
    assert "two orders" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.date_order.setCurrentIndex(dialog.date_order.findData("dmy"))
    assert "1 row can be imported; 1 row has problems" in dialog.summary.text()
    assert dialog.problems.item(0).text().startswith("row 3:")
    assert "as you chose" in dialog.notes.text()
    assert dialog.import_button.isEnabled()
    # Row 1 as the headings: the title becomes the only column, and the nominee is lost.
    dialog.header_row.setValue(1)
    assert dialog.choices["nominee"].currentText() == NOT_IN_FILE
    assert not dialog.import_button.isEnabled()
    dialog.header_row.setValue(2)
    assert dialog.choices["nominee"].currentText() == "Nominee's full name"


def test_mapping_dialog_fits_a_1366_by_768_laptop_at_twice_the_text_size(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    """Large text: the panes stack and the body scrolls up and down, never sideways."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font()
    big = QFont(normal)
    big.setPointSizeF(normal.pointSizeF() * 2)
    app.setFont(big)
    try:
        plan = prepare_import(write_ms_forms(tmp_path / "Form.xlsx", MS_ROWS))
        dialog = MappingDialog(plan, store.round.categories(), store.round.nominating_bodies())
        qtbot.addWidget(dialog)
        dialog.resize(1366, 768)
        dialog.show()
        qtbot.waitUntil(lambda: dialog.columns.direction() == dialog.columns.Direction.TopToBottom)
        viewport = dialog.body_scroll.viewport()
        body = dialog.body_scroll.widget()

        def fits() -> bool:
            edges = [
                combo.mapTo(body, combo.rect().topRight()).x() for combo in dialog.choices.values()
            ]
            return body.width() <= viewport.width() and max(edges) <= viewport.width()

        qtbot.waitUntil(fits)
        assert dialog.import_button.isVisible()
    finally:
        app.setFont(normal)


# ---- sorting from the keyboard, and the columns at 100 % ---------------------------------------


def test_the_entries_sort_from_the_keyboard_as_a_heading_click_does(
    qtbot: QtBot, area: NominationsArea, store: Store
) -> None:
    """WCAG 2.1.1: "Sort by" is a Tab stop before the search box; the arrow keys choose a
    column and an order in words, and a click on a heading moves it to match."""
    from PySide6.QtCore import QPoint

    add(store, EXTRA_MILE, "Ann Lee")
    add(store, EXTRA_MILE, "Zoë Whitfield")
    add(store, EXTRA_MILE, "Maya Lindqvist")
    area.refresh()
    sort_by = area.sort_by
    assert sort_by.accessibleName() == "Sort entries by"
    assert sort_by.currentText() == "Category, in the round's order"
    choices = [sort_by.itemText(i) for i in range(sort_by.count())]
    assert "Nominee, Z to A" in choices and "Nominations, most first" in choices
    area.status_filter.setFocus()
    qtbot.keyClick(area.status_filter, Qt.Key.Key_Tab)
    assert sort_by.hasFocus()
    while sort_by.currentText() != "Nominee, Z to A":
        qtbot.keyClick(sort_by, Qt.Key.Key_Down)
    assert shown_nominees(area) == ["Zoë Whitfield", "Maya Lindqvist", "Ann Lee"]
    qtbot.keyClick(sort_by, Qt.Key.Key_Up)
    assert sort_by.currentText() == "Nominee, A to Z"
    assert shown_nominees(area) == ["Ann Lee", "Maya Lindqvist", "Zoë Whitfield"]
    qtbot.keyClick(sort_by, Qt.Key.Key_Tab)
    assert area.search.hasFocus()
    # A click on the Nominee heading turns the order round: the drop-down says so.
    header = area.table.horizontalHeader()
    middle = header.sectionViewportPosition(EntriesModel.NOMINEE) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, 5))
    assert sort_by.currentText() == "Nominee, Z to A"
    assert shown_nominees(area) == ["Zoë Whitfield", "Maya Lindqvist", "Ann Lee"]


def test_long_services_wrap_instead_of_being_cut_at_the_default_window_size(
    area: NominationsArea, store: Store
) -> None:
    """At 100 % in a laptop-sized window the Service column shows every service whole, on
    two lines where it is long (it used to end "Adult Social Care – …")."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QApplication

    for nominee, service in (
        ("Priya Ramanathan-Whitfield", "Adult Social Care – Occupational Therapy"),
        ("Łukasz Nowak", "Waste Services (Care for Your Area)"),
        ("Billingham North Reform Team", "Parks and Countryside – Preston Park"),
        ("Nguyễn Thị Minh Khai", "Community Safety – Civic Enforcement"),
    ):
        category_id = int(store.round.category_named(PRIDE_OF_STOCKTON).id or 0)
        store.nominations.add(Nomination(category_id, nominee, "Kind.", service=service))
    area.resize(1366 - 160, 700)  # the window less the sidebar
    area.refresh()
    QApplication.processEvents()
    table = area.table
    metrics = table.fontMetrics()
    for row in range(area.proxy.rowCount()):
        index = area.proxy.index(row, EntriesModel.SERVICE)
        cell = table.visualRect(index)
        words = str(index.data())
        needed = metrics.boundingRect(
            QRect(0, 0, cell.width() - 8, 10_000), int(Qt.TextFlag.TextWordWrap), words
        )
        longest_word = max(metrics.horizontalAdvance(word) for word in words.split())
        assert cell.width() >= longest_word + 8, words
        assert cell.height() >= needed.height(), words
