"""The help lists every key, and the checks for WCAG 1.3.3 (sensory characteristics) and 2.4.6
(headings and labels) catch what they are for (``tests/a11y.py``; every screen in ``SCREENS``
is walked by them in ``test_accessibility.py``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from a11y import (
    MEMBER,
    admin_area,
    check_keys_in_help,
    check_label_purpose,
    check_sensory,
    check_underlined_letters,
    member_tab,
    open_window,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from csx_desktop.demo import build_demo_round
from csx_desktop.domain.rubric import EXTRA_MILE
from csx_desktop.ui.admin_workspace import AdminWorkspace
from csx_desktop.ui.help_dialog import HowToScoreDialog
from csx_desktop.ui.main_window import MainWindow
from csx_desktop.ui.style import style_sheet


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("a11y-words-demo") / "demo.csxawards"
    build_demo_round(path)
    return path


@pytest.fixture
def window(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, qapp: QApplication
) -> Iterator[MainWindow]:
    qapp.setStyleSheet(style_sheet(qapp.font()))
    yield open_window(qtbot, demo_file, tmp_path)
    qapp.setStyleSheet("")


def _help(window: MainWindow) -> str:
    window.how_to_score_action.trigger()
    dialog = window.findChild(HowToScoreDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog.text.toPlainText()


# ---- every key in the help ----------------------------------------------------------------


def test_a_member_finds_the_divider_keys_in_the_help(window: MainWindow) -> None:
    member_tab(window, MEMBER, f"Score: {EXTRA_MILE}")
    text = _help(window)
    for keys, words in (
        ("Alt+Shift+Left", "Move the divider left"),
        ("Alt+Shift+Down", "Move the divider down"),
        ("Ctrl+Shift+L", "Switch person"),
        ("Ctrl+Shift+Z, Ctrl+Y", "Redo what you undid"),
    ):
        assert keys in text and words in text, keys
    assert "View menu" in text and "File menu" in text
    # Not what a member cannot use: the administrator's areas, opening another round.
    assert "Ctrl+1" not in text and "Ctrl+O" not in text


def test_the_administrator_finds_each_areas_keys_under_its_name(window: MainWindow) -> None:
    for area in ("Certificates", "Round settings", "Results", "Nominations"):
        admin_area(window, area)
    text = _help(window)
    sections = {
        "Go menu": ["Ctrl+1", "Nominations", "Ctrl+7", "Round settings"],
        "Keys in Certificates": ["Ctrl+P", "Print the ticked certificates"],
        "Keys in Round settings": ["Ctrl+S", "Save the round settings"],
        "Keys in Results": ["Ctrl+D", "Record decision", "Ctrl+Shift+R"],
        "Keys in Nominations": ["Ctrl+F", "Go to the search box"],
    }
    for heading, words in sections.items():
        start = text.index(heading)
        section = text[start : start + 400]
        for word in words:
            assert word in section, (heading, word)
    # Opening the page again reads the keys again: an area opened since is listed.
    window.findChild(HowToScoreDialog).close()  # type: ignore[union-attr]
    admin_area(window, "Shining Star")
    assert "Keys in Shining Star" in _help(window)


def test_the_keys_check_catches_a_key_the_help_does_not_describe(window: MainWindow) -> None:
    admin_area(window, "Nominations")
    workspace = window.workspace
    assert isinstance(workspace, AdminWorkspace)
    area = workspace.area("Nominations")
    assert area is not None
    assert check_keys_in_help(window) == []
    shortcut = QShortcut(QKeySequence("Ctrl+Shift+K"), area)
    problems = check_keys_in_help(window)
    assert len(problems) == 1 and "Ctrl+Shift+K is not listed" in problems[0], problems
    shortcut.setWhatsThis("Keep this entry.")  # words: listed, under the area's name
    assert check_keys_in_help(window) == []
    text = _help(window)
    section = text[text.index("Keys in Nominations") :]
    assert "Ctrl+Shift+K" in section and "Keep this entry." in section


def test_the_underlined_letter_check_catches_a_letter_that_does_nothing(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    layout = QHBoxLayout(page)
    fine, replaced = QPushButton("&Save"), QPushButton("&Record decision…")
    replaced.setShortcut(QKeySequence("Ctrl+D"))  # Alt+R is gone, the R still underlined
    for button in (fine, replaced):
        layout.addWidget(button)
    page.show()
    assert check_underlined_letters(page) == [
        "QPushButton '&Record decision…' underlines Alt+R but its key is Ctrl+D: the "
        "underlined letter does nothing"
    ]


# ---- 1.3.3 sensory characteristics ----------------------------------------------------------


def _page(qtbot: QtBot, *texts: str) -> QWidget:
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    for text in texts:
        layout.addWidget(QLabel(text))
    page.show()
    return page


@pytest.mark.parametrize(
    "text",
    [
        "Choose an entry in the list on the left.",
        "Fields in red must be filled in.",
        "Press the round button to score.",
        "Check each field below.",
        "When you hear the beep, the score is saved.",
        "The right-hand pane shows the nominations.",
    ],
)
def test_the_sensory_check_catches_place_colour_shape_and_sound(qtbot: QtBot, text: str) -> None:
    problems = check_sensory(_page(qtbot, text))
    assert len(problems) == 1 and text[:40] in problems[0], problems


def test_the_sensory_check_reads_the_apps_choices_and_headings(qtbot: QtBot) -> None:
    """A drop-down's choices and a group's title are instructions too (the import's
    "— the category column below —" was one)."""
    page = _page(qtbot)
    choice = QComboBox()
    choice.addItems(["Extra Mile", "— the category column below —"])
    group = QGroupBox("The green boxes")
    page.layout().addWidget(choice)
    page.layout().addWidget(group)
    QApplication.processEvents()  # widgets added to a shown page show on the next turn
    problems = check_sensory(page)
    assert len(problems) == 2, problems
    assert "'below'" in problems[0] or "'below'" in problems[1]


def test_the_sensory_check_lets_named_things_and_criterion_names_be(qtbot: QtBot) -> None:
    page = _page(
        qtbot,
        "Check each field under “Which column holds each field”.",
        "7 is not a score for Above and beyond: type a number from 0 to 5.",
        "Score the highlighted line (marked ▶).",
        "Press “Save” below to keep the changes.",
    )
    assert check_sensory(page) == []


# ---- 2.4.6 headings and labels ---------------------------------------------------------------


def test_the_label_check_catches_generic_and_repeated_names(qtbot: QtBot) -> None:
    page = QWidget()
    qtbot.addWidget(page)
    form = QFormLayout(page)
    form.addRow("&Name of the body", QLineEdit())
    form.addRow("Name of the &body", QLineEdit())  # the same words: which is which?
    vague = QLineEdit()
    vague.setAccessibleName("Value")
    form.addRow(vague)
    form.addRow(QPushButton("&Edit…"))  # edit what?
    for title in ("Signatories", "Signatories"):  # which is which?
        form.addRow(QGroupBox(title))
    form.addRow(QGroupBox("Options"))
    page.show()
    problems = check_label_purpose(page)
    assert any("same heading 'Signatories'" in p for p in problems), problems
    assert any("heading 'Options'" in p for p in problems), problems
    assert any("are both named 'Name of the body'" in p for p in problems), problems
    assert any("named 'Value', which says nothing of it" in p for p in problems), problems
    assert any("named 'Edit': say what it acts on" in p for p in problems), problems
    assert len(problems) == 5


def test_the_label_check_lets_grouped_scores_and_a_dialogs_ok_be(qtbot: QtBot) -> None:
    """Score buttons 0–5 are named alike in each criterion's group; a dialog's OK is fine."""
    page = QWidget()
    qtbot.addWidget(page)
    layout = QVBoxLayout(page)
    for criterion in ("Worked hard", "Above and beyond"):
        group = QGroupBox(criterion)
        row = QHBoxLayout(group)
        for score in range(3):
            row.addWidget(QRadioButton(str(score)))
        layout.addWidget(group)
    layout.addWidget(QDialogButtonBox(QDialogButtonBox.StandardButton.Ok))
    page.show()
    assert check_label_purpose(page) == []
