"""People who use large text: the window grows with it instead of squeezing or shrinking, and
at twice the text size on a 1366×768 laptop every control of a screen stays on the window
(or in something that scrolls to it) and whole (``tests/a11y.py``, ``check_fits``)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from a11y import SCREENS, check_fits, check_focus_not_obscured, open_window
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from csx_desktop.demo import build_demo_round
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


# ---- every screen at 200% on the council's laptops ----------------------------------------------

# Screens that do not fit yet, each in a file another team owns: screen -> why.
LARGE_TEXT_GAPS: dict[str, str] = {}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("large-text-demo") / "demo.csxawards"
    build_demo_round(path)
    return path


@pytest.fixture
def large_text(qapp: QApplication) -> Iterator[None]:
    """Text at twice its size, and the app's style for that size, as app.main would set it."""
    normal = qapp.font()
    qapp.setFont(_twice(normal))
    qapp.setStyleSheet(style_sheet(qapp.font()))
    yield
    qapp.setStyleSheet("")
    qapp.setFont(normal)


def _screens() -> list[object]:
    return [
        pytest.param(
            name,
            marks=[pytest.mark.xfail(reason=LARGE_TEXT_GAPS[name], strict=True)]
            if name in LARGE_TEXT_GAPS
            else [],
        )
        for name in SCREENS
    ]


@pytest.mark.parametrize("screen", _screens())
def test_every_screen_fits_a_laptop_at_twice_the_text_size(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, large_text: None, screen: str
) -> None:
    window = open_window(qtbot, demo_file, tmp_path)
    root = SCREENS[screen](window)
    QApplication.processEvents()
    problems = check_fits(root)
    assert not problems, f"{screen} at 200% on 1366×768\n  " + "\n  ".join(problems)


@pytest.mark.parametrize("screen", list(SCREENS))
def test_tab_never_takes_the_focus_out_of_sight_at_twice_the_text_size(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, large_text: None, screen: str
) -> None:
    """WCAG 2.4.11: at 200% pages scroll; Tab through every control of the screen and each
    one with the focus is in view (``check_focus_not_obscured``)."""
    window = open_window(qtbot, demo_file, tmp_path)
    root = SCREENS[screen](window)
    QApplication.processEvents()
    problems = check_focus_not_obscured(root)
    assert not problems, f"{screen} at 200% on 1366×768\n  " + "\n  ".join(problems)


def test_the_focus_check_catches_a_control_out_of_sight(qtbot: QtBot) -> None:
    """A Tab stop left outside the window (as a page that does not scroll would leave it)."""
    from PySide6.QtWidgets import QPushButton, QWidget

    page = QWidget()
    qtbot.addWidget(page)
    page.resize(300, 200)
    QPushButton("Seen", page).move(10, 10)
    QPushButton("Out of sight", page).move(10, 400)
    page.show()
    with qtbot.waitActive(page):
        page.activateWindow()
    assert check_focus_not_obscured(page) == [
        "QPushButton 'Out of sight' has the focus but is out of sight"
    ]


def test_the_round_file_path_in_the_status_bar_is_shortened_in_the_middle_and_whole_in_words(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, large_text: None
) -> None:
    """At 200% the path is longer than the status bar: it keeps its start and the file's name
    with "…" between, and the whole path is the tooltip and what a screen reader says."""
    folder = tmp_path / ("a folder with a long name on a shared drive " * 3).strip()
    folder.mkdir()
    window = open_window(qtbot, demo_file, folder)
    root = SCREENS["member scoring"](window)  # a long name beside it in the status bar
    QApplication.processEvents()
    label = window.status_file
    assert window.store is not None
    whole = f"Round file: {window.store.path}"
    assert label.is_elided() and "…" in label.text()
    assert label.text().startswith("Round file: ") and label.text().endswith("demo.csxawards")
    assert label.toolTip() == whole and label.accessibleDescription() == whole
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    assert window.status_person.width() >= window.status_person.minimumSizeHint().width()
    assert not check_fits(root)
    # Wide enough again (a shorter path): shown whole.
    label.set_full_text("Round file: demo.csxawards")
    assert not label.is_elided()


def test_the_scores_share_the_height_with_the_citation_at_twice_the_text_size(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, large_text: None
) -> None:
    """At 200% on a laptop the scoring screen opens with the hint and at least two whole
    criteria in view (it showed one and a half), and the citation keeps six lines."""
    from csx_desktop.ui.member_workspace import MemberWorkspace
    from csx_desktop.ui.scoring_workspace import CITATION_LINES

    window = open_window(qtbot, demo_file, tmp_path)
    SCREENS["member scoring"](window)
    workspace = window.workspace
    assert isinstance(workspace, MemberWorkspace)
    scoring = workspace.workspace("Extra Mile")
    qtbot.waitUntil(lambda: scoring._shared)
    QApplication.processEvents()
    viewport = scoring.criteria_scroll.viewport()
    whole = [
        row
        for row in scoring.rows
        if viewport.rect().contains(QRect(row.mapTo(viewport, QPoint(0, 0)), row.size()))
    ]
    assert len(whole) >= 2, [row.geometry() for row in scoring.rows]
    lines = scoring.citation.fontMetrics().lineSpacing() * CITATION_LINES
    assert scoring.citation.height() >= lines


def test_the_nominating_bodies_rows_have_room_around_their_words_at_twice_the_text_size(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, large_text: None
) -> None:
    """Shining Star > Edit nominating bodies…: each row leaves a third of a line above and
    below its words (they were 4 px, Qt's list rule winning over the app's), whole and one
    under the other. A picture is saved beside the test's files to look at."""
    from a11y import admin_area

    from csx_desktop.ui.style import ROW_ROOM
    from csx_desktop.ui.vote_dialogs import BodiesDialog

    window = open_window(qtbot, demo_file, tmp_path)
    admin_area(window, "Shining Star")
    assert window.store is not None
    dialog = BodiesDialog(window.store, window)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    listing = dialog.list
    words = listing.fontMetrics().height()
    room = round(words * ROW_ROOM)
    assert room >= 10  # at 200 %: more than the 4 px the rows had
    rows = [listing.visualItemRect(listing.item(i)) for i in range(listing.count())]
    assert len(rows) >= 6
    for row, below in itertools.pairwise(rows):
        assert row.height() >= words + 2 * room, (row, words, room)
        assert below.top() >= row.bottom()  # one under the other, not overlapping
    for i in range(listing.count()):
        needed = listing.fontMetrics().horizontalAdvance(listing.item(i).text())
        assert rows[i].width() >= needed  # whole
    dialog.grab().save(str(tmp_path / "nominating-bodies-200.png"))
