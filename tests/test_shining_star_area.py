"""The Shining Star area, its chart, models and dialogs, against real round files."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from csx_desktop.domain.model import Ballot, BallotStatus, Nomination, PaperCount
from csx_desktop.domain.votes import CandidateCount, Tally
from csx_desktop.operations.decisions import record_decision
from csx_desktop.operations.results import ADMINISTRATOR
from csx_desktop.store import Store
from csx_desktop.ui.areas.shining_star import ShiningStarArea
from csx_desktop.ui.background import BackgroundJob
from csx_desktop.ui.session import Person, Role, Session
from csx_desktop.ui.vote_chart import VoteChart
from csx_desktop.ui.vote_dialogs import PaperVotesDialog, VoteColumnsDialog
from csx_desktop.ui.vote_models import (
    NOT_NOMINATED,
    BallotsModel,
    PaperCountsModel,
    ShortlistModel,
)


def _imported(qtbot: QtBot, job: BackgroundJob | None) -> None:
    """Wait for an import started by the area (read on a worker, stored when read)."""
    assert job is not None
    qtbot.waitUntil(lambda: job.outcome != "", timeout=20_000)


def nominate(store: Store, nominee: str, body: str) -> None:
    category_id = store.ballots.category().id or 0
    store.nominations.add(Nomination(category_id, nominee, "A citation.", nominating_body=body))


@pytest.fixture
def star(store: Store) -> Store:
    nominate(store, "Grace Etherington", "Adults, Health and Wellbeing")
    nominate(store, "Aaron Bulmer", "Children's Services")
    return store


_SESSIONS: list[Session] = []


@pytest.fixture(autouse=True)
def _end_sessions() -> Iterator[None]:
    """Each area's session ends with its test: its timers must not read a closed round."""
    yield
    while _SESSIONS:
        _SESSIONS.pop().end()


def make_area(qtbot: QtBot, store: Store) -> ShiningStarArea:
    session = Session(store, Person(Role.ADMINISTRATOR))
    _SESSIONS.append(session)
    area = ShiningStarArea(session)
    qtbot.addWidget(area)
    area.resize(1000, 700)
    area.show()
    return area


def write_votes(path: Path, rows: list[tuple[str, str, str]], headings: str = "") -> Path:
    lines = [headings or "Timestamp,Email address,Shining Star vote"]
    lines += [",".join(row) for row in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


TIED = [
    ("01/04/2026 10:00:00", "a@x.uk", "Grace Etherington"),
    ("01/04/2026 10:05:00", "b@x.uk", "aaron  bulmer"),
    ("01/04/2026 10:06:00", "anonymous", "Aaron Bulmer"),
    ("01/04/2026 10:07:00", "c@x.uk", "Nobody Atall"),
    ("01/04/2026 09:00:00", "A@X.uk", "Aaron Bulmer"),
]


# ---- models and the chart --------------------------------------------------------------------


def test_models_pass_the_model_tester(qtmodeltester: Any) -> None:
    shortlist = ShortlistModel()
    shortlist.set_rows([("Children's Services", "Aaron Bulmer"), ("Corporate Services", "")])
    qtmodeltester.check(shortlist)
    assert shortlist.index(1, ShortlistModel.NOMINEE).data() == NOT_NOMINATED
    ballots = BallotsModel()
    ballots.set_rows(
        [
            Ballot("", "Grace", None, source_row=7, status=BallotStatus.INVALID, reason="why"),
            Ballot("a@x.uk", "Aaron", None, source_row=9, status=BallotStatus.SUPERSEDED),
        ]
    )
    qtmodeltester.check(ballots)
    assert ballots.index(0, BallotsModel.ROW).data() == "7"
    assert ballots.index(0, BallotsModel.VOTER).data() == "(none)"
    assert ballots.index(0, BallotsModel.REASON).data() == "why"
    paper = PaperCountsModel()
    paper.set_rows([(PaperCount(entry_id=1, count=17, counted_by="Kath"), "Kwame Mensah")])
    qtmodeltester.check(paper)
    assert paper.index(0, PaperCountsModel.COUNT).data() == "17"


def counts(*rows: tuple[str, int, int]) -> list[CandidateCount]:
    return [
        CandidateCount(i, name, "", votes, paper) for i, (name, votes, paper) in enumerate(rows)
    ]


def test_the_chart_says_everything_in_words(qtbot: QtBot) -> None:
    chart = VoteChart()
    qtbot.addWidget(chart)
    chart.set_tally(
        Tally(
            candidates=counts(("Grace", 119, 0), ("Kwame", 112, 17)),
            valid=214,
            superseded=0,
            invalid=0,
            leaders=["Grace"],
        )
    )
    assert chart.describe() == ("Grace: 119 votes — ★ leads\nKwame: 112 votes, 17 of them on paper")
    assert chart.accessibleDescription() == chart.describe()
    chart.set_tally(Tally(counts(("Grace", 3, 0), ("Kwame", 3, 1)), 5, 0, 0, tied=True, leaders=[]))
    assert chart.describe().count("— tied for first") == 2
    chart.resize(600, 300)
    chart.show()
    assert not chart.grab().isNull()  # paints without error


# ---- the area --------------------------------------------------------------------------------


def test_an_empty_round_explains_how_to_get_a_shortlist(qtbot: QtBot, store: Store) -> None:
    area = make_area(qtbot, store)
    assert area.count_pages.currentWidget() is area.no_shortlist
    assert not area.import_button.isEnabled() and not area.decide_button.isEnabled()
    assert area.shortlist_model.rowCount() == 6
    assert "Not nominated yet (6 of 6)" in area.bodies_note.text()


def test_a_shortlist_without_votes_offers_the_import(qtbot: QtBot, star: Store) -> None:
    area = make_area(qtbot, star)
    assert area.count_pages.currentWidget() is area.no_votes
    assert area.import_button.isEnabled()
    assert "No votes have been counted yet" in area.verdict.text()
    assert "Not nominated yet (4 of 6)" in area.bodies_note.text()
    assert not area.erase_button.isEnabled()


def test_import_shows_the_count_the_tie_and_the_ballots_that_do_not_count(
    qtbot: QtBot, star: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    area = make_area(qtbot, star)
    path = write_votes(tmp_path / "votes.csv", TIED)
    monkeypatch.setattr(
        "csx_desktop.ui.areas.shining_star.QFileDialog.getOpenFileName",
        lambda *args, **kwargs: (str(path), ""),
    )
    with qtbot.waitSignal(area.session.changed) as changed:
        area.import_button.click()
    assert changed.args == ["ballots"]
    assert area.count_pages.currentIndex() == 0
    assert "= TIE for first place: Aaron Bulmer and Grace Etherington have 1 vote each" in (
        area.verdict.text()
    )
    assert "5 online ballots: 2 counted, 1 superseded" in area.summary.text()
    assert "Imported 5 new ballots" in area.message.text()
    assert area.tabs.tabText(0) == "In&valid ballots (2)"
    assert [area.invalid_model.index(r, BallotsModel.ROW).data() for r in range(2)] == ["4", "5"]
    # Row 6 came last in the file but was cast earlier than row 2, so row 2 counts.
    assert area.superseded_model.index(0, BallotsModel.ROW).data() == "6"
    assert area.superseded_model.index(0, BallotsModel.REASON).data() == (
        "the same voter's later ballot counts (row 2)"
    )
    assert area.decide_button.isEnabled() and not area.erase_button.isEnabled()


def test_after_the_decision_voters_can_be_erased(
    qtbot: QtBot, star: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    area = make_area(qtbot, star)
    _imported(qtbot, area.import_file(str(write_votes(tmp_path / "votes.csv", TIED))))
    grace = next(c for c in star.ballots.shortlist() if c.nominee == "Grace Etherington")
    record_decision(
        star,
        viewer=ADMINISTRATOR,
        category_id=star.ballots.category().id or 0,
        winners=[grace.entry_id],
        reason="Drawn by lot.",
    )
    area.session.notify("decisions")
    assert area.verdict.text().startswith("★ Decided: Grace Etherington.")
    assert "Reason: Drawn by lot." in area.verdict.text()
    assert not area.decide_button.isEnabled() and area.erase_button.isEnabled()
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.No
    )
    area.erase_button.click()
    assert not star.ballots.voter_keys_erased()
    monkeypatch.setattr(
        QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes
    )
    area.erase_button.click()
    assert star.ballots.voter_keys_erased()
    assert not area.erase_button.isEnabled() and not area.import_button.isEnabled()
    assert area.invalid_model.index(0, BallotsModel.VOTER).data() == "(none)"
    assert "count is closed" in area.summary.text()


def test_unreadable_rows_are_left_out_only_when_the_person_agrees(
    qtbot: QtBot, star: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    area = make_area(qtbot, star)
    path = write_votes(
        tmp_path / "votes.csv",
        [("01/04/2026 10:00:00", "a@x.uk", "Grace Etherington"), ("soon", "b@x.uk", "Aaron")],
    )
    asked: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> Any:
        def question(parent: object, title: str, text: str, *args: object) -> Any:
            asked.append(text)
            return button

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    _imported(qtbot, area.import_file(str(path)))
    assert star.counts()["ballots"] == 0
    assert 'row 3, Timestamp: "soon" is not a date and time' in asked[0]
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    _imported(qtbot, area.import_file(str(path)))
    assert star.counts()["ballots"] == 1
    assert "1 unreadable row(s) skipped" in area.message.text()


def test_the_person_chooses_columns_the_headings_do_not_name(
    qtbot: QtBot, star: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    area = make_area(qtbot, star)
    path = write_votes(
        tmp_path / "odd.csv",
        [("a@x.uk", "Grace Etherington", "2026-04-01T10:00")],
        headings="Who,Backing,At",
    )
    seen: dict[str, object] = {}

    def choose(dialog: VoteColumnsDialog) -> int:
        seen["choice before"] = dialog.boxes["choice"].currentText()
        dialog.boxes["voter"].setCurrentText("Who")
        dialog.boxes["choice"].setCurrentText("Backing")
        dialog.boxes["cast_at"].setCurrentText("At")
        return 1

    monkeypatch.setattr(VoteColumnsDialog, "exec", choose)
    _imported(qtbot, area.import_file(str(path)))
    assert seen["choice before"] == "Who"  # nothing guessed: the first heading
    assert [(b.voter_key, b.choice) for b in star.ballots.ballots()] == [
        ("a@x.uk", "Grace Etherington")
    ]


def test_paper_votes_are_added_from_the_dialog(
    qtbot: QtBot, star: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    area = make_area(qtbot, star)

    def fill(dialog: PaperVotesDialog) -> int:
        dialog.nominee.setCurrentText("Aaron Bulmer")
        dialog.count_box.setValue(17)
        dialog.counted_by_edit.setText("Kath Reed")
        return 1

    monkeypatch.setattr(PaperVotesDialog, "exec", fill)
    area.paper_button.click()
    assert area.tabs.tabText(2) == "Paper v&otes (1)"
    assert area.paper_model.index(0, PaperCountsModel.NOMINEE).data() == "Aaron Bulmer"
    assert "Aaron Bulmer leads with 17 votes" in area.verdict.text()
    assert area.count_pages.currentIndex() == 0


def test_the_paper_dialog_insists_on_who_counted(qtbot: QtBot, star: Store) -> None:
    dialog = PaperVotesDialog(star.ballots.shortlist())
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == 0 and dialog.error.text() == "Say who counted the paper ballots."
    dialog.counted_by_edit.setText("Kath")
    dialog.accept()
    assert dialog.result() == 1


def test_every_control_has_an_accessible_name(qtbot: QtBot, star: Store) -> None:
    from PySide6.QtWidgets import QAbstractButton, QTableView

    area = make_area(qtbot, star)
    buttons = [b for b in area.findChildren(QAbstractButton) if b.isVisibleTo(area)]
    tables = [t for t in area.findChildren(QTableView) if t.isVisibleTo(area)]
    assert len(buttons) >= 4 and len(tables) >= 2
    assert [b for b in buttons if not (b.accessibleName() or b.text())] == []
    assert [t for t in tables if not t.accessibleName()] == []


def test_the_nominating_bodies_are_edited_in_the_window(
    qtbot: QtBot, star: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog

    from csx_desktop.ui.vote_dialogs import BodiesDialog

    dialog = BodiesDialog(star)
    qtbot.addWidget(dialog)
    answers = iter([("Public Health", True), ("Public Health and Wellbeing", True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: next(answers))
    dialog.add()
    assert "Public Health" in star.round.nominating_bodies()
    assert dialog.list.currentItem().text() == "Public Health"
    dialog.rename()
    assert "Public Health and Wellbeing" in star.round.nominating_bodies()
    assert "Public Health" not in star.round.nominating_bodies()
    # A body that has put someone forward cannot be removed: a message, nothing changes.
    refusals: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: refusals.append(text))
    dialog.list.setCurrentRow(star.round.nominating_bodies().index("Children's Services"))
    dialog.remove()
    assert refusals and "Aaron Bulmer" in refusals[0]
    assert "Children's Services" in star.round.nominating_bodies()
    dialog.list.setCurrentRow(star.round.nominating_bodies().index("Public Health and Wellbeing"))
    dialog.remove()
    assert "Public Health and Wellbeing" not in star.round.nominating_bodies()
    assert dialog.changed
    actions = [row["action"] for row in star.audit_log(10) if row["entity"] == "nominating body"]
    assert actions[:3] == ["remove", "rename", "add"]


def test_the_chart_shows_the_focus_ring_and_reads_the_count_in_words(qtbot: QtBot) -> None:
    """A keyboard user sees where the focus is (a 3 px ring of the focus colour) and a screen
    reader reads the chart's name and the count, not a picture."""
    from PySide6.QtGui import QAccessible, QColor, QImage
    from PySide6.QtWidgets import QApplication

    from csx_desktop.ui.style import FOCUS

    chart = VoteChart()
    qtbot.addWidget(chart)
    interface = QAccessible.queryAccessibleInterface(chart)
    assert interface.text(QAccessible.Text.Description) == "No votes counted yet."
    chart.set_tally(
        Tally(
            counts(("Grace Etherington", 3, 0), ("Aaron Bulmer", 2, 1)),
            valid=4,
            superseded=0,
            invalid=0,
            leaders=["Grace Etherington"],
        )
    )
    chart.resize(600, 200)
    chart.show()
    with qtbot.waitExposed(chart):
        pass
    chart.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is chart)
    assert interface.text(QAccessible.Text.Name) == "Vote count chart"
    description = interface.text(QAccessible.Text.Description)
    assert "Grace Etherington: 3 votes — ★ leads" in description
    assert "Aaron Bulmer: 2 votes, 1 of them on paper" in description

    def corner() -> QColor:
        image = chart.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        return QColor(image.pixel(1, 1))

    chart.clearFocus()  # the window's only Tab stop takes the focus when it opens
    assert not chart.hasFocus() and corner() != QColor(FOCUS)
    chart.setFocus()
    assert chart.hasFocus()
    assert corner() == QColor(FOCUS)


def test_a_cancelled_vote_import_stores_nothing(qtbot: QtBot, star: Store, tmp_path: Path) -> None:
    area = make_area(qtbot, star)
    job = area.import_file(str(write_votes(tmp_path / "votes.csv", TIED)))
    assert job is not None
    job.progress.cancel()  # what the progress window's Cancel button does
    qtbot.waitUntil(lambda: job.outcome == "cancelled", timeout=20_000)
    ballots, _tally = star.ballots.count()
    assert ballots == []
    assert "Imported" not in area.message.text()
