"""Taking back a paper vote count entered by mistake (issue 12): one operation
(``operations.votes.remove_paper_count``), reached from the Shining Star area with the
keyboard and from ``csx-admin remove-paper-votes``; the reason is kept in the audit log, the
tally drops the count, and a refusal or a Cancel leaves the round byte for byte as it was."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination
from csx_desktop.operations.decisions import record_decision
from csx_desktop.operations.results import ADMINISTRATOR
from csx_desktop.operations.votes import REASON_ACTION, remove_paper_count
from csx_desktop.store import InputRefused, NotFound, Store
from csx_desktop.ui.areas.shining_star import ShiningStarArea
from csx_desktop.ui.session import Person, Role, Session
from csx_desktop.ui.vote_dialogs import RemovePaperVotesDialog

GRACE, AARON = "Grace Etherington", "Aaron Bulmer"


@pytest.fixture
def star(store: Store) -> Store:
    """Two nominees; paper votes 12 for Grace, 5 for Aaron, and 5 for Aaron typed twice."""
    category_id = store.ballots.category().id or 0
    for nominee, body in ((GRACE, "Adults, Health and Wellbeing"), (AARON, "Children's Services")):
        store.nominations.add(Nomination(category_id, nominee, "A citation.", nominating_body=body))
    store.ballots.add_paper_votes_for(GRACE, 12, "Kath Reed")
    store.ballots.add_paper_votes_for(AARON, 5, "Tom Dale")
    store.ballots.add_paper_votes_for(AARON, 5, "Tom Dale")
    return store


def _bytes(store: Store) -> bytes:
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert store.path is not None
    return store.path.read_bytes()


def _paper(store: Store) -> dict[str, int]:
    names = {c.entry_id: c.nominee for c in store.ballots.shortlist()}
    return {names[e]: total for e, total in store.ballots.paper_totals().items()}


# ---- the operation --------------------------------------------------------------------------


def test_removing_a_count_drops_it_from_the_tally_and_keeps_the_reason(star: Store) -> None:
    twice = star.ballots.paper_counts()[-1]
    removed = remove_paper_count(
        star, paper_id=twice.id or 0, reason="  the same box  counted twice "
    )
    assert removed.summary() == (
        "Removed 5 votes on paper for Aaron Bulmer (counted by Tom Dale): the same box counted "
        "twice"
    )
    assert _paper(star) == {GRACE: 12, AARON: 5}
    rows = star.audit_log(10)
    assert rows[0]["action"] == REASON_ACTION
    assert json.loads(rows[0]["after"]) == {"reason": "the same box counted twice"}
    assert rows[1]["action"] == "remove paper votes"
    assert json.loads(rows[1]["before"])["count"] == 5  # the count itself is kept


@pytest.mark.parametrize(
    ("paper_id", "reason", "refusal", "match"),
    [
        (None, "   ", InputRefused, "Say why the paper votes are being removed."),
        (999, "a mistake", NotFound, "There is no paper count with number 999."),
    ],
)
def test_refusals_change_nothing(
    star: Store, paper_id: int | None, reason: str, refusal: type[Exception], match: str
) -> None:
    before = _bytes(star)
    chosen = paper_id if paper_id is not None else star.ballots.paper_counts()[0].id or 0
    with pytest.raises(refusal, match=match):
        remove_paper_count(star, paper_id=chosen, reason=reason)
    assert _bytes(star) == before


def test_once_the_decision_is_recorded_the_count_stays(star: Store) -> None:
    grace = next(c for c in star.ballots.shortlist() if c.nominee == GRACE)
    record_decision(
        star,
        viewer=ADMINISTRATOR,
        category_id=star.ballots.category().id or 0,
        winners=[grace.entry_id],
    )
    before = _bytes(star)
    with pytest.raises(InputRefused, match="decision is recorded"):
        remove_paper_count(star, paper_id=star.ballots.paper_counts()[0].id or 0, reason="oops")
    assert _bytes(star) == before


# ---- the command line ---------------------------------------------------------------------------


def test_the_command_line_lists_then_removes_through_the_same_rules(
    star: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    papers = star.ballots.paper_counts()
    star.close()
    assert main(["remove-paper-votes", str(round_path)]) == 0
    listed = capsys.readouterr().out
    assert f"12 votes for {GRACE}, counted by Kath Reed" in listed
    assert listed.count(f"5 votes for {AARON}, counted by Tom Dale") == 2
    assert "--number N --reason TEXT" in listed

    assert main(["remove-paper-votes", str(round_path), "--number", str(papers[2].id)]) == 1
    error = capsys.readouterr().err
    assert "Say why the paper votes are being removed, with --reason." in error
    assert error.count("\n") == 1

    code = main(
        ["remove-paper-votes", str(round_path), "--number", str(papers[2].id), "--reason", "twice"]
    )
    assert code == 0
    assert "Removed 5 votes on paper for Aaron Bulmer (counted by Tom Dale): twice" in (
        capsys.readouterr().out
    )
    with Store.open(round_path) as again:
        assert _paper(again) == {GRACE: 12, AARON: 5}


# ---- the window ---------------------------------------------------------------------------------


@pytest.fixture
def area(qtbot: QtBot, star: Store) -> Iterator[ShiningStarArea]:
    session = Session(star, Person(Role.ADMINISTRATOR))
    shown = ShiningStarArea(session)
    qtbot.addWidget(shown)
    shown.resize(1000, 700)
    shown.show()
    yield shown
    session.end()


def _drive(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, keys: object) -> list[QDialog]:
    opened: list[QDialog] = []

    def run(self: QDialog) -> int:
        self.show()
        self.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is self, timeout=3000)
        opened.append(self)
        keys(self)  # type: ignore[operator]
        self.hide()
        return self.result()

    monkeypatch.setattr(RemovePaperVotesDialog, "exec", run)
    return opened


def _key(key: Qt.Key, text: str = "") -> None:
    target = QApplication.focusWidget()
    assert target is not None
    if text:
        QTest.keyClicks(target, text)
    else:
        QTest.keyClick(target, key)
    QApplication.processEvents()


def test_remove_paper_votes_from_the_keyboard(
    qtbot: QtBot, area: ShiningStarArea, star: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **_k: said.append(str(a[2])))
    # The count chosen in the Paper votes tab is the one offered first.
    model = area.paper_model
    area.paper_table.setCurrentIndex(model.index(2, 0))

    def keys(dialog: QDialog) -> None:
        assert isinstance(dialog, RemovePaperVotesDialog)
        assert dialog.paper.count() == 3
        assert dialog.paper_id == star.ballots.paper_counts()[2].id
        assert QApplication.focusWidget() is dialog.paper
        _key(Qt.Key.Key_Tab)
        _key(Qt.Key.Key_Return)  # no reason yet: said at the field, not closed
        assert dialog.isVisible() and "Say why" in dialog.error.text()
        assert QApplication.focusWidget() is dialog.reason_edit
        _key(Qt.Key.Key_unknown, "typed twice")
        _key(Qt.Key.Key_Return)

    opened = _drive(monkeypatch, qtbot, keys)
    area.remove_paper_button.setFocus()
    _key(Qt.Key.Key_Space)
    assert opened
    assert _paper(star) == {GRACE: 12, AARON: 5}
    assert "Removed 5 votes on paper for Aaron Bulmer" in area.message.text()
    assert "Paper votes (2)" in area.tabs.tabText(2).replace("&", "")
    assert not said


def test_cancel_leaves_the_round_byte_identical(
    qtbot: QtBot, area: ShiningStarArea, star: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _bytes(star)

    def keys(_dialog: QDialog) -> None:
        _key(Qt.Key.Key_Tab)
        _key(Qt.Key.Key_unknown, "not sure")
        _key(Qt.Key.Key_Escape)

    opened = _drive(monkeypatch, qtbot, keys)
    area.remove_paper_button.click()
    assert opened
    assert _bytes(star) == before


def test_the_button_waits_for_paper_votes_and_stops_at_the_decision(
    qtbot: QtBot, store: Store
) -> None:
    category_id = store.ballots.category().id or 0
    store.nominations.add(Nomination(category_id, GRACE, "A citation.", nominating_body="Adults"))
    session = Session(store, Person(Role.ADMINISTRATOR))
    try:
        area = ShiningStarArea(session)
        qtbot.addWidget(area)
        assert not area.remove_paper_button.isEnabled()  # nothing to take back
        store.ballots.add_paper_votes_for(GRACE, 3, "Kath Reed")
        area.refresh()
        assert area.remove_paper_button.isEnabled()
        grace = store.ballots.shortlist()[0]
        record_decision(
            store, viewer=ADMINISTRATOR, category_id=category_id, winners=[grace.entry_id]
        )
        area.refresh()
        assert not area.remove_paper_button.isEnabled()
        assert "reopen it first" in area.remove_paper_button.toolTip()
    finally:
        session.end()


def test_the_dialog_passes_the_accessibility_checks(qtbot: QtBot, qapp: QApplication) -> None:
    from a11y import CHECKS

    from csx_desktop.ui.style import style_sheet

    qapp.setStyleSheet(style_sheet(qapp.font()))
    try:
        dialog = RemovePaperVotesDialog([(1, "12 votes for Grace Etherington, counted by Kath")])
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=3000)
        problems = [f"{n}: {p}" for n, check in CHECKS.items() for p in check(dialog)]
        assert not problems, problems
    finally:
        qapp.setStyleSheet("")
