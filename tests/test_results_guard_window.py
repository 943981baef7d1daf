"""Issue 12, hole 1, in the window: the chair of the demo round, before submitting, walks every
action, menu item and button there is, and nothing of the panel's scores appears anywhere.

The chair signs in on a copy of the demo round in which she has submitted nothing. The test
visits every tab of her window, then triggers every enabled QAction (menus, the Export menu,
shortcuts' actions) and clicks every enabled button, answering every dialog: save dialogs
get a file in a folder the test reads afterwards; questions, reason boxes and dialogs are
cancelled after their words are read. It also calls the Results area's report, export and
decision slots directly, since a disabled button is not the guard. Every text the window
shows (labels, buttons, tooltips, accessible names and descriptions, every cell of every
table, combo items, tab names, dialog and message box words) and every file written is
searched for the panel's results: each entry's score and group means, other members' sheet
totals and comments, and the words only the counts and the judges' chart use.

Then the chair submits Pride of Stockton and the same walk must find them: the detector is
shown to work, and the chair does get her results once she has scored.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from csx_desktop.demo.builder import build_demo_round
from csx_desktop.demo.data import PANEL
from csx_desktop.domain.model import Method
from csx_desktop.operations.judging import has_seen_results, submit_category
from csx_desktop.store import Store
from csx_desktop.store.results import load_results, sheet_details
from csx_desktop.ui.areas.results import ResultsArea
from csx_desktop.ui.main_window import MainWindow
from csx_desktop.ui.member_workspace import MemberWorkspace

CHAIR = next(p for p in PANEL if p.is_chair)
PRIDE = "Pride of Stockton"
# Words only the other counts, the judges' chart and a ranking use.
RESULT_WORDS = (
    "points above the panel",
    "points below the panel",
    "in line with the panel",
    "resamples of the panel",
    "Rank 1:",
    "tied at rank 1",
    "The winner depends on how we count",
)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo round with the chair's submissions taken back: she has submitted nothing."""
    path = tmp_path_factory.mktemp("guard-demo") / "demo.csxawards"
    build_demo_round(path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE member_categories SET submitted_at = NULL"
            " WHERE member_id = (SELECT id FROM panel_members WHERE name = ?)",
            [CHAIR.name],
        )
    conn.close()
    return path


def _results_secrets(path: Path, chair_id: int) -> set[str]:
    """What only the panel's results show: scores, means and spreads to two decimals, other
    members' totals and comments. Values that are also the chair's own totals are left out
    (her own sheet may show them)."""
    secrets: set[str] = set()
    own: set[str] = set()
    with Store.open(path) as store:
        for result in load_results(store):
            if result.category.method is not Method.PANEL:
                continue
            for entry in result.entries:
                for value in (entry.score, entry.spread, *entry.group_means.values()):
                    if value is not None:
                        secrets.add(f"{value:.2f}")
        for sheet in sheet_details(store):
            total = None if sheet.total is None else f"{sheet.total:.2f}"
            if sheet.member_id == chair_id:
                own.add(total or "")
                continue
            if total:
                secrets.add(total)
            if len(sheet.comment.strip()) > 12:
                secrets.add(" ".join(sheet.comment.split())[:40])
    return (secrets - own - {"0.00", "100.00"}) | set(RESULT_WORDS)


# ---- reading everything the window shows -------------------------------------------------------


def _model_texts(model: QAbstractItemModel | None) -> Iterator[str]:
    if model is None:
        return
    roles = (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
    root = QModelIndex()
    try:
        columns = model.columnCount(root)
    except TypeError:  # a QAbstractListModel keeps columnCount private: one column
        columns = 1
    for column in range(columns):
        yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
    for row in range(min(model.rowCount(root), 400)):
        for column in range(columns):
            index = model.index(row, column)
            for role in roles:
                value = model.data(index, role)
                if value is not None:
                    yield str(value)


def widget_texts(widget: QWidget) -> Iterator[str]:
    yield widget.windowTitle()
    yield widget.toolTip()
    yield widget.accessibleName()
    yield widget.accessibleDescription()
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        yield widget.text()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        yield widget.toPlainText()
    if isinstance(widget, QComboBox):
        yield from (widget.itemText(i) for i in range(widget.count()))
    if isinstance(widget, QTabBar):
        yield from (widget.tabText(i) for i in range(widget.count()))
    if isinstance(widget, QAbstractItemView):
        yield from _model_texts(widget.model())
    if isinstance(widget, QMessageBox):
        yield widget.informativeText()
        yield widget.detailedText()


def everything_shown(window: QWidget, before: set[int]) -> str:
    """Every text of the window and of any window opened since the walk began (widgets left
    over from other tests are not this window's)."""
    widgets = [window, *window.findChildren(QWidget)]
    for top in QApplication.topLevelWidgets():
        if id(top) not in before and top is not window:
            widgets += [top, *top.findChildren(QWidget)]
    return "\n".join(text for widget in widgets for text in widget_texts(widget) if text)


def file_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        return "\n".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    return data.decode("utf-8", "replace")


# ---- answering every dialog ------------------------------------------------------------------


class Answers:
    """Auto-answers for every dialog the window can open; keeps what each said."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.folder = folder
        self.said: list[str] = []
        self.saves = 0
        folder.mkdir(exist_ok=True)

        def save_name(*args: Any, **kwargs: Any) -> tuple[str, str]:
            self.saves += 1
            self.said.extend(str(a) for a in args[1:2])
            return str(folder / f"out-{self.saves}"), ""

        def refuse_dialog(dialog: QDialog) -> int:
            self.said.extend(t for t in widget_texts(dialog) if t)
            for child in dialog.findChildren(QWidget):
                self.said.extend(t for t in widget_texts(child) if t)
            return 0  # Cancel: nothing committed

        def message(kind: str) -> Callable[..., QMessageBox.StandardButton]:
            def answer(parent: Any, title: str = "", text: str = "", *rest: Any) -> Any:
                self.said += [title, text]
                return QMessageBox.StandardButton.Cancel

            return answer

        monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
        for name in ("getText", "getMultiLineText", "getItem", "getInt", "getDouble"):
            monkeypatch.setattr(QInputDialog, name, lambda *a, **k: ("", False))
        for kind in ("warning", "information", "question", "critical", "about", "aboutQt"):
            monkeypatch.setattr(QMessageBox, kind, message(kind))
        for cls in (QDialog, QMessageBox, QInputDialog, QFileDialog):
            monkeypatch.setattr(cls, "exec", refuse_dialog)
        monkeypatch.setattr("csx_desktop.ui.reason_box.ask_multiline", lambda *a, **k: ("", False))
        monkeypatch.setattr(
            "csx_desktop.ui.areas.results.ask_multiline", lambda *a, **k: ("", False)
        )

    def files(self) -> list[Path]:
        return sorted(p for p in self.folder.iterdir() if p.is_file())


# ---- the walk --------------------------------------------------------------------------------

SKIP = ("Quit", "Switch person")  # they end the session being walked


def _skipped(text: str) -> bool:
    plain = text.replace("&", "")
    return any(plain.startswith(word) for word in SKIP)


def walk(window: MainWindow, answers: Answers) -> tuple[str, int]:
    """Visit every tab, trigger every action and button; everything shown and said."""
    workspace = window.workspace
    assert isinstance(workspace, MemberWorkspace)
    before = {id(top) for top in QApplication.topLevelWidgets()}

    def everything() -> str:
        return everything_shown(window, before)

    seen: list[str] = []
    triggered = 0
    tabs = workspace.tabs
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QApplication.processEvents()
        seen.append(everything())
        for action in window.findChildren(QAction):
            if action.isEnabled() and not action.isSeparator() and not _skipped(action.text()):
                action.trigger()
                triggered += 1
                QApplication.processEvents()
        for button in window.findChildren(QAbstractButton):
            if isinstance(button, QToolButton) and button.menu() is not None:
                continue  # its menu's actions were triggered above
            if button.isEnabled() and not _skipped(button.text()):
                button.click()
                triggered += 1
                QApplication.processEvents()
        seen.append(everything())
        for area in window.findChildren(ResultsArea):
            # Not only the buttons: the slots behind them refuse too.
            # The report and the exports are written on a worker: wait for each, so that its
            # file is read too.
            for start, job_name in (
                (area.save_report, "report_job"),
                (partial(area.export, "results"), "export_job"),
                (partial(area.export, "scoresheets"), "export_job"),
            ):
                start()
                job = getattr(area, job_name)
                deadline = time.monotonic() + 30
                while job is not None and job.outcome == "" and time.monotonic() < deadline:
                    QApplication.processEvents()
            area.record_decision()
            area.reopen_decision()
            for name in [area.category_box.itemText(i) for i in range(area.category_box.count())]:
                area.show_category(name.split(" — ")[0])
                seen.append(everything())
    seen += answers.said
    seen += [file_text(path) for path in answers.files()]
    return "\n".join(seen), triggered


@pytest.fixture
def chair_window(qtbot: QtBot, demo_file: Path, tmp_path: Path) -> MainWindow:
    path = tmp_path / "demo.csxawards"
    path.write_bytes(demo_file.read_bytes())
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_round(path)
    window.resize(1366, 768)
    window.show()
    people = window.sign_in.people
    row = next(i for i in range(people.count()) if people.item(i).text().startswith(CHAIR.name))
    people.setCurrentRow(row)
    window.sign_in.secret.setText(CHAIR.pin)
    window.sign_in._sign_in()
    QApplication.processEvents()
    assert isinstance(window.workspace, MemberWorkspace)
    return window


def test_before_submitting_nothing_of_the_panel_s_scores_is_reachable_then_it_is(
    chair_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = chair_window.store
    assert store is not None and store.path is not None
    chair = store.panel.member_named(CHAIR.name)
    assert chair.id is not None
    pride = store.round.category_named(PRIDE).id
    assert pride is not None
    assert not any(store.scores.is_submitted(chair.id, c) for c in chair.category_ids)
    secrets = _results_secrets(store.path, chair.id)
    assert len(secrets) > 20  # the demo has results to leak

    answers = Answers(tmp_path / "before", monkeypatch)
    shown, triggered = walk(chair_window, answers)
    assert triggered > 50  # the walk did press things
    assert answers.saves == 0 and answers.files() == []  # never even asked for a file name
    leaked = sorted(secret for secret in secrets if secret in shown)
    assert leaked == []
    # The refusals were said in one line each, in plain words.
    refusals = [s for s in answers.said if "submitted" in s or "submit your own" in s]
    assert refusals and all("\n" not in s and "Traceback" not in s for s in refusals)
    # Nothing was shown, so nothing was noted as seen.
    assert not any(
        has_seen_results(store, member_id=chair.id, category_id=c) for c in chair.category_ids
    )

    # Once she has submitted Pride of Stockton, the same walk finds its results.
    submit_category(store, member_id=chair.id, category_id=pride)
    assert chair_window.session is not None
    chair_window.session.notify("scores")
    after = Answers(tmp_path / "after", monkeypatch)
    shown, _ = walk(chair_window, after)
    found = [secret for secret in secrets if secret in shown]
    assert len(found) > 5
    assert has_seen_results(store, member_id=chair.id, category_id=pride)
    written = after.files()
    assert any(p.suffix == ".pdf" for p in written) and any(
        p.suffix in (".xlsx", ".csv") for p in written
    )
    report = next(file_text(p) for p in written if p.suffix == ".pdf")
    assert PRIDE in report
    # The chair's exports hold only what she submitted.
    others = [c.name for c in store.round.categories() if c.id != pride]
    for path in written:
        if path.suffix != ".pdf":
            text = file_text(path)
            assert PRIDE in text and not [name for name in others if name in text]
