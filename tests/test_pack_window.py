"""The Panel area's Judging packs tab, driven from the keyboard only: making packs (on a
worker, with Cancel), taking a returned pack back after "check your answers" (each differing
sheet kept or taken), keying a paper sheet (and keying it again as a check). Cancel anywhere
leaves the round file byte for byte as it was."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from a11y import CHECKS
from pack_helpers import BEN, NORA, Round, build_round, fill, make, round_bytes, scores_for
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from csx_desktop.certificates import packs as pack_pdf
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON
from csx_desktop.operations import packs as pack_ops
from csx_desktop.store.pack_records import pack_history
from csx_desktop.ui.areas.panel import PanelArea
from csx_desktop.ui.pack_dialogs import ImportPackDialog, KeyPaperSheetDialog, MakePacksDialog
from csx_desktop.ui.session import Person, Role, Session
from csx_desktop.ui.style import style_sheet

NO = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def rnd(tmp_path: Path) -> Iterator[Round]:
    result = build_round(tmp_path / "awards.csxawards")
    yield result
    result.store.close()


@pytest.fixture
def area(qtbot: QtBot, rnd: Round) -> Iterator[PanelArea]:
    session = Session(rnd.store, Person(Role.ADMINISTRATOR))
    panel = PanelArea(session)
    qtbot.addWidget(panel)
    panel.tabs.setCurrentIndex(3)
    panel.show()
    yield panel
    session.end()


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What message boxes said (refusals and notices), instead of waiting for a click."""
    said: list[str] = []

    def record(_parent: object, title: str, text: str, *_a: object, **_k: object) -> object:
        said.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "information"):
        monkeypatch.setattr(QMessageBox, name, record)
    return said


def _key(key: Qt.Key, modifiers: Qt.KeyboardModifier = NO, text: str = "") -> None:
    """A key pressed on whatever has the keyboard focus, as a person would."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    if text:
        QTest.keyClicks(target, text)
    else:
        QTest.keyClick(target, key, modifiers)
    QApplication.processEvents()


def _type(text: str) -> None:
    _key(Qt.Key.Key_unknown, text=text)


def _drive(
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
    kind: type[QDialog],
    keys: Callable[[QDialog], None],
    opened: list[QDialog] | None = None,
) -> None:
    """When a dialog of ``kind`` opens, show it, press ``keys`` in it, and return what the
    keys decided (accepted by its default button, or rejected by Escape)."""

    def run(self: QDialog) -> int:
        self.show()
        self.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is self, timeout=3000)
        if opened is not None:
            opened.append(self)
        keys(self)
        self.hide()
        return self.result()

    monkeypatch.setattr(kind, "exec", run)


def _a11y(dialog: QWidget) -> list[str]:
    return [f"{name}: {p}" for name, check in CHECKS.items() for p in check(dialog)]


# ---- making packs ---------------------------------------------------------------------------


def _fill_make_dialog(
    folder: Path, *, untick_first: bool, ticked: list[str] | None = None
) -> Callable[[QDialog], None]:
    def keys(dialog: QDialog) -> None:
        assert isinstance(dialog, MakePacksDialog)
        first = next(iter(dialog.members.values()))
        first.setFocus(Qt.FocusReason.TabFocusReason)
        if untick_first:
            _key(Qt.Key.Key_Space)  # the first member's pack is not made
        if ticked is not None:
            ticked.extend(c.text() for c in dialog.members.values() if c.isChecked())
        _key(Qt.Key.Key_F, ALT)  # the Folder field, by its label's letter
        assert QApplication.focusWidget() is dialog.folder
        _key(Qt.Key.Key_A, CTRL)
        _type(str(folder))
        _key(Qt.Key.Key_S, ALT)
        _type("Jo Bloggs, awards@stockton.gov.uk")
        _key(Qt.Key.Key_Return)  # the default button: Make packs

    return keys


def test_make_packs_from_the_keyboard_on_a_worker(
    qtbot: QtBot,
    qtmodeltester: object,
    area: PanelArea,
    rnd: Round,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    opened: list[QDialog] = []
    ticked: list[str] = []
    keys = _fill_make_dialog(folder, untick_first=True, ticked=ticked)
    _drive(monkeypatch, qtbot, MakePacksDialog, keys, opened)
    area.make_packs_button.setFocus()
    _key(Qt.Key.Key_Space)
    assert opened and area.pack_job is not None
    with qtbot.waitSignal(area.pack_job.finished, timeout=60_000) as finished:
        pass
    assert finished.args == ["done"]
    made = sorted(p.name for p in folder.iterdir())
    assert len(ticked) == 1 and ticked[0] in (NORA, BEN)
    assert made == [pack_pdf.pack_file_name(ticked[0])]  # the other was unticked
    history = pack_history(rnd.store)
    assert [r.member_name for r in history] == ticked
    # Where the files went, said in the message box and on the tab.
    assert any(str(folder) in line and "Made 1 judging pack" in line for line in told), told
    assert str(folder) in area.packs_message.text()
    assert area.packs_model.rowCount() == 1
    model = area.packs_model
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[0] == ticked[0] and row[2] == made[0] and row[3] == "not yet" and row[4] == ""
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert "1 judging pack made; 0 came back" in area.packs_summary.text()
    cover = PdfReader(folder / made[0]).pages[0].extract_text()
    assert "Jo Bloggs, awards@stockton.gov.uk" in " ".join(cover.split())


def test_cancel_in_the_make_dialog_changes_nothing(
    qtbot: QtBot, area: PanelArea, rnd: Round, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = round_bytes(rnd.store)
    _drive(monkeypatch, qtbot, MakePacksDialog, lambda _d: _key(Qt.Key.Key_Escape))
    area.make_packs_button.click()
    assert area.pack_job is None
    assert round_bytes(rnd.store) == before


def test_cancel_while_packs_are_made_leaves_the_round_byte_identical(
    qtbot: QtBot,
    area: PanelArea,
    rnd: Round,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
) -> None:
    folder = tmp_path / "new folder"  # made by the run, removed again when it is cancelled
    before = round_bytes(rnd.store)
    started = threading.Event()
    real = pack_pdf.make_pack

    def slow(*args: object, **kwargs: object) -> object:
        started.set()
        time.sleep(1.0)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pack_pdf, "make_pack", slow)
    _drive(monkeypatch, qtbot, MakePacksDialog, _fill_make_dialog(folder, untick_first=False))
    area.make_packs_button.click()
    job = area.pack_job
    assert job is not None
    qtbot.waitUntil(started.is_set, timeout=10_000)
    qtbot.waitUntil(job.dialog.isVisible, timeout=10_000)  # after 400 ms of work
    assert job.dialog.labelText().startswith("Making the pack for")
    cancel = job.dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    QTest.keyClick(cancel, Qt.Key.Key_Space)  # the progress dialog's Cancel, from the keyboard
    with qtbot.waitSignal(job.finished, timeout=30_000) as finished:
        pass
    assert finished.args == ["cancelled"]
    assert not folder.exists()
    assert pack_history(rnd.store) == []
    assert round_bytes(rnd.store) == before
    assert not told


# ---- a returned pack --------------------------------------------------------------------------


def _read(qtbot: QtBot, area: PanelArea, outcome: str = "done") -> None:
    """Wait for the pack to be read on its worker (then checked, asked and stored)."""
    job = area.read_job
    assert job is not None
    if not job.outcome:
        with qtbot.waitSignal(job.finished, timeout=30_000):
            pass
    assert job.outcome == outcome


def _returned(rnd: Round, tmp_path: Path) -> Path:
    """Nora's pack, filled in: Owen (already 4, 4, 4 in the app) differs, Anita is new."""
    criteria = rnd.criteria(EXTRA_MILE)
    for criterion in criteria:
        rnd.store.scores.set_score(rnd.members[NORA], rnd.entries["Owen Marsh"], criterion, 4)
    blank = make(rnd, NORA, tmp_path / "pack.pdf")
    values = scores_for(rnd, NORA, "Owen Marsh", [2, 2, 2])
    values |= scores_for(rnd, NORA, "Anita Sedgwick", [5, 4, 3])
    return fill(blank, tmp_path / "returned.pdf", values)


def _scores(rnd: Round, member: str, nominee: str) -> list[int | None]:
    sheet = rnd.store.scores.sheet(rnd.members[member], rnd.entries[nominee])
    category = rnd.store.nominations.entry(rnd.entries[nominee]).category_id
    return [sheet.scores.get(c.id or 0) for c in rnd.store.round.category(category).criteria]


@pytest.mark.parametrize("take_pack", [True, False])
def test_import_a_pack_choosing_per_sheet_from_the_keyboard(
    qtbot: QtBot,
    area: PanelArea,
    rnd: Round,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
    take_pack: bool,
) -> None:
    returned = _returned(rnd, tmp_path)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(returned), ""))
    opened: list[QDialog] = []

    def keys(dialog: QDialog) -> None:
        assert isinstance(dialog, ImportPackDialog)
        assert set(dialog.choices) == {rnd.entries["Owen Marsh"]}  # only Owen differs
        keep = QApplication.focusWidget()
        assert isinstance(keep, QRadioButton) and keep.text() == "Keep what is in the app"
        if take_pack:
            _key(Qt.Key.Key_Down)  # Keep … → Take the pack's scores
            assert dialog.choices[rnd.entries["Owen Marsh"]].isChecked()
        _key(Qt.Key.Key_Return)  # Store

    _drive(monkeypatch, qtbot, ImportPackDialog, keys, opened)
    area.import_pack_button.setFocus()
    _key(Qt.Key.Key_Space)
    _read(qtbot, area)
    assert opened
    assert _scores(rnd, NORA, "Anita Sedgwick") == [5, 4, 3]  # new: always taken
    assert _scores(rnd, NORA, "Owen Marsh") == ([2, 2, 2] if take_pack else [4, 4, 4])
    message = area.packs_message.text()
    assert ("Took 6 scores" if take_pack else "Took 3 scores") in message
    assert "--prefer-pack" not in message
    assert pack_history(rnd.store)[0].returns
    model = area.packs_model  # the tab shows it came back, and what it gave
    assert model.data(model.index(0, 3)) != "not yet"
    assert model.data(model.index(0, 4)) == ("6" if take_pack else "3")
    assert "1 came back" in area.packs_summary.text()
    assert not [t for t in told if "not" in t.split(":")[0]]


def test_the_check_dialog_names_what_changes_and_cancel_changes_nothing(
    qtbot: QtBot,
    area: PanelArea,
    rnd: Round,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    returned = _returned(rnd, tmp_path)
    before = round_bytes(rnd.store)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(returned), ""))
    seen: list[str] = []

    def keys(dialog: QDialog) -> None:
        seen.extend(label.text() for label in dialog.findChildren(QLabel))
        seen.extend(box.title() for box in dialog.findChildren(QGroupBox))
        _key(Qt.Key.Key_Escape)

    _drive(monkeypatch, qtbot, ImportPackDialog, keys)
    area.import_pack_button.click()
    _read(qtbot, area)
    text = "\n".join(seen)
    assert "New scores to take (1 sheet)" in text
    assert "Anita Sedgwick" in text
    assert "Sheets that differ from the app (1)" in text
    assert f"{EXTRA_MILE} — Owen Marsh" in text
    assert "4 in the app, 2 in the pack" in text
    assert round_bytes(rnd.store) == before


def test_a_pack_from_another_round_is_refused_in_one_line(
    qtbot: QtBot,
    area: PanelArea,
    rnd: Round,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
) -> None:
    other = build_round(tmp_path / "other.csxawards", name="Another round")
    try:
        foreign = make(other, NORA, tmp_path / "foreign.pdf")
    finally:
        other.store.close()
    before = round_bytes(rnd.store)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(foreign), ""))
    opened: list[QDialog] = []
    _drive(monkeypatch, qtbot, ImportPackDialog, lambda _d: None, opened)
    area.import_pack_button.click()
    _read(qtbot, area)
    assert not opened
    assert len(told) == 1 and told[0].startswith("Pack not read: foreign.pdf is a judging pack")
    assert "\n" not in told[0]
    assert round_bytes(rnd.store) == before


# ---- keying a paper sheet ---------------------------------------------------------------------


def _open_key_dialog(
    monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, area: PanelArea, keys: Callable[[QDialog], None]
) -> KeyPaperSheetDialog:
    opened: list[QDialog] = []
    _drive(monkeypatch, qtbot, KeyPaperSheetDialog, keys, opened)
    area.key_sheet_button.setFocus()
    _key(Qt.Key.Key_Space)
    assert len(opened) == 1 and isinstance(opened[0], KeyPaperSheetDialog)
    return opened[0]


def _to_first_criterion(dialog: KeyPaperSheetDialog) -> None:
    while QApplication.focusWidget() is not dialog.rows[0].tab_stop():
        _key(Qt.Key.Key_Tab)


def test_key_a_paper_sheet_with_the_keyboard_only(
    qtbot: QtBot,
    area: PanelArea,
    rnd: Round,
    monkeypatch: pytest.MonkeyPatch,
    told: list[str],
) -> None:
    def keys(dialog: QDialog) -> None:
        assert isinstance(dialog, KeyPaperSheetDialog)
        assert QApplication.focusWidget() is dialog.member
        _type("B")  # a list is searched by typing: Ben Castleton
        assert dialog.member.currentText() == BEN
        assert dialog.category.currentText() == PRIDE_OF_STOCKTON
        first = dialog.entry.currentText()
        _to_first_criterion(dialog)
        _type("4")
        _key(Qt.Key.Key_Down)
        _type("7")  # beyond 0–5: said, not kept
        assert "7 is not a score" in dialog.status.text()
        _type("3")
        _key(Qt.Key.Key_Down)
        _type("5")
        _key(Qt.Key.Key_Tab)  # the comment
        assert QApplication.focusWidget() is dialog.comment
        _type("Clear and kind.")
        _key(Qt.Key.Key_Return, CTRL)  # save, and on to the next entry
        assert dialog.entry.currentText() != first
        assert f"Saved {BEN}'s sheet for {first}" in dialog.status.text()
        assert QApplication.focusWidget() is dialog.rows[0].tab_stop()
        _type("1")  # the next entry, left incomplete on purpose
        _key(Qt.Key.Key_Return)  # plain Enter on a criterion saves too
        assert "not complete yet" in dialog.status.text()
        _key(Qt.Key.Key_Escape)

    _open_key_dialog(monkeypatch, qtbot, area, keys)
    entries = rnd.store.nominations.entries(rnd.categories[PRIDE_OF_STOCKTON])
    sheet = rnd.store.scores.sheet(rnd.members[BEN], entries[0].id or 0)
    criteria = rnd.criteria(PRIDE_OF_STOCKTON)
    assert [sheet.scores.get(c) for c in criteria] == [4, 3, 5]
    assert sheet.comment == "Clear and kind."
    second = rnd.store.scores.sheet(rnd.members[BEN], entries[1].id or 0)
    assert [second.scores.get(c) for c in criteria] == [1, None, None]
    via = [
        r for r in rnd.store.audit_log(100) if r["after"] and "paper sheet keyed in" in r["after"]
    ]
    assert len(via) == 5  # 3 + 1 scores and the comment, each audited as keyed in
    assert area.packs_message.text().startswith(f"Saved {BEN}'s sheet")
    assert not told


def test_a_second_keying_that_disagrees_is_listed_and_changes_nothing(
    qtbot: QtBot, area: PanelArea, rnd: Round, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    ben, anita = rnd.members[BEN], rnd.entries["Anita Sedgwick"]
    criteria = rnd.criteria(PRIDE_OF_STOCKTON)
    pack_ops.key_paper_sheet(
        rnd.store, member_id=ben, entry_id=anita, scores=dict(zip(criteria, [4, 3, 5], strict=True))
    )
    before = round_bytes(rnd.store)

    def keys(dialog: QDialog) -> None:
        assert isinstance(dialog, KeyPaperSheetDialog)
        _type("B")  # Ben
        assert dialog.entry.currentText() == "Anita Sedgwick"
        _key(Qt.Key.Key_K, ALT)  # Second keying (a mnemonic clicks after a short flash)
        qtbot.waitUntil(dialog.second.isChecked, timeout=2000)
        assert [r.value for r in dialog.rows] == [None, None, None]  # typed blind
        _to_first_criterion(dialog)
        for digit in ("4", "2", "5"):  # the 3 misread as 2
            _type(digit)
            _key(Qt.Key.Key_Down)
        _key(Qt.Key.Key_Return, CTRL)
        assert "disagrees" in dialog.status.text()
        assert dialog.mismatches.count() == 1
        assert "3 in the app, 2 keyed again" in dialog.mismatches.item(0).text()
        assert "(1)" in dialog.mismatch_label.text()
        _key(Qt.Key.Key_Escape)

    _open_key_dialog(monkeypatch, qtbot, area, keys)
    assert _scores(rnd, BEN, "Anita Sedgwick") == [4, 3, 5]  # the app's sheet is unchanged
    mismatches = pack_ops.keying_mismatches(rnd.store)
    assert [m.nominee for m in mismatches] == ["Anita Sedgwick"]
    # A second keying that agrees clears the list.
    pack_ops.key_paper_sheet(
        rnd.store,
        member_id=ben,
        entry_id=anita,
        scores=dict(zip(criteria, [4, 3, 5], strict=True)),
        second_keying=True,
    )
    assert pack_ops.keying_mismatches(rnd.store) == []
    assert round_bytes(rnd.store) != before  # the checks are recorded in the audit log
    assert not told


def test_a_sheet_the_rules_close_is_refused_before_typing(
    qtbot: QtBot, area: PanelArea, rnd: Round, monkeypatch: pytest.MonkeyPatch
) -> None:
    rnd.store.scores.submit_category(rnd.members[NORA], rnd.categories[PRIDE_OF_STOCKTON])

    def keys(dialog: QDialog) -> None:
        assert isinstance(dialog, KeyPaperSheetDialog)
        _type("N")
        assert dialog.member.currentText() == NORA
        assert dialog.category.currentText() == PRIDE_OF_STOCKTON
        assert "has submitted this category" in dialog.refusal.text()
        assert not dialog.save_button.isEnabled()
        # Ivy Grainger (Nora's declared interest) is not offered at all.
        _key(Qt.Key.Key_A, ALT)  # C&ategory
        _key(Qt.Key.Key_Down)
        assert dialog.category.currentText() == EXTRA_MILE
        offered = [dialog.entry.itemText(i) for i in range(dialog.entry.count())]
        assert "Ivy Grainger" not in offered and "Owen Marsh" in offered
        assert dialog.refusal.isHidden() and dialog.save_button.isEnabled()
        _key(Qt.Key.Key_Escape)

    _open_key_dialog(monkeypatch, qtbot, area, keys)


def test_cancel_while_keying_leaves_the_round_byte_identical(
    qtbot: QtBot, area: PanelArea, rnd: Round, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = round_bytes(rnd.store)

    def keys(dialog: QDialog) -> None:
        assert isinstance(dialog, KeyPaperSheetDialog)
        _to_first_criterion(dialog)
        _type("4")
        _key(Qt.Key.Key_Down)
        _type("4")
        _key(Qt.Key.Key_Escape)

    dialog = _open_key_dialog(monkeypatch, qtbot, area, keys)
    assert not dialog.changed
    assert round_bytes(rnd.store) == before


@pytest.fixture
def app_style(qapp: QApplication) -> Iterator[None]:
    """The app's own style sheet, as app.main sets it (colours and focus rings come from it)."""
    qapp.setStyleSheet(style_sheet(qapp.font()))
    yield
    qapp.setStyleSheet("")


def test_the_new_dialogs_pass_the_accessibility_checks(
    qtbot: QtBot, rnd: Round, tmp_path: Path, app_style: None
) -> None:
    members = rnd.store.panel.members()
    returned = _returned(rnd, tmp_path)
    check = pack_ops.check_returned_pack(rnd.store, path=returned)
    for dialog in (
        MakePacksDialog(members, str(tmp_path), None),
        ImportPackDialog(check),
        KeyPaperSheetDialog(rnd.store, members),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d, timeout=3000)
        problems = _a11y(dialog)
        assert not problems, f"{type(dialog).__name__}: {problems}"
        dialog.close()


def test_under_twice_a_sheet_keyed_once_waits_for_a_second_keying_in_the_window(
    qtbot: QtBot, area: PanelArea, rnd: Round, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    """The round counts a paper sheet once two keyings agree: the first keying says so, the
    Judging packs tab lists the sheet to key again, and a second keying that agrees clears it."""
    rnd.store.round.update_settings(paper_keying="twice")
    area.refresh()
    assert area.paper_checks.isHidden()

    def key_sheet(second: bool) -> Callable[[QDialog], None]:
        def keys(dialog: QDialog) -> None:
            assert isinstance(dialog, KeyPaperSheetDialog)
            _type("B")  # Ben
            assert dialog.entry.currentText() == "Anita Sedgwick"
            if second:
                _key(Qt.Key.Key_K, ALT)
                qtbot.waitUntil(dialog.second.isChecked, timeout=2000)
            _to_first_criterion(dialog)
            for digit in ("4", "3", "5"):
                _type(digit)
                _key(Qt.Key.Key_Down)
            _key(Qt.Key.Key_Return, CTRL)
            said.append(dialog.status.text())
            _key(Qt.Key.Key_Escape)

        return keys

    said: list[str] = []
    _open_key_dialog(monkeypatch, qtbot, area, key_sheet(second=False))
    assert "key it again with “Second keying” ticked before it counts" in said[-1]
    assert area.paper_checks.isVisible()
    assert area.paper_checks.text() == (
        f"1 paper sheet keyed once, not counted until keyed again: {BEN} — Anita Sedgwick "
        f"({PRIDE_OF_STOCKTON})."
    )
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setStyleSheet(style_sheet(app.font()))  # as the app runs, so focus rings show
    try:
        assert _a11y(area) == []
    finally:
        app.setStyleSheet("")

    _open_key_dialog(monkeypatch, qtbot, area, key_sheet(second=True))
    assert "Both keyings agree, so it now counts." in said[-1]
    assert area.paper_checks.isHidden()
    assert not told


def test_category_finished_submits_for_the_member_after_asking(
    qtbot: QtBot, area: PanelArea, rnd: Round, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    ben, pride = rnd.members[BEN], rnd.categories[PRIDE_OF_STOCKTON]
    asked: list[str] = []
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]

    def question(_parent: object, title: str, text: str, *_a: object) -> object:
        asked.append(f"{title} {text}")
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)

    def keys(dialog: QDialog) -> None:
        assert isinstance(dialog, KeyPaperSheetDialog)
        _type("B")  # Ben, who judges Pride of Stockton
        _key(Qt.Key.Key_F, ALT)  # Category finished…: asked, and No
        qtbot.waitUntil(lambda: len(asked) == 1, timeout=2000)
        assert not rnd.store.scores.is_submitted(ben, pride)
        _key(Qt.Key.Key_F, ALT)  # Yes, but nothing is keyed in yet: refused in one line
        qtbot.waitUntil(lambda: len(told) == 1, timeout=2000)
        for nominee in ("Anita Sedgwick", "Łukasz Nowak"):
            assert dialog.entry.currentText() == nominee
            _to_first_criterion(dialog)
            for digit in ("4", "3", "5"):
                _type(digit)
                _key(Qt.Key.Key_Down)
            _key(Qt.Key.Key_Return, CTRL)
        answers.append(QMessageBox.StandardButton.Yes)
        _key(Qt.Key.Key_F, ALT)
        qtbot.waitUntil(lambda: rnd.store.scores.is_submitted(ben, pride), timeout=2000)
        assert dialog.status.text() == f"{PRIDE_OF_STOCKTON} is submitted for {BEN}."
        assert "has submitted this category" in dialog.refusal.text()  # no more first keying
        _key(Qt.Key.Key_Escape)

    _open_key_dialog(monkeypatch, qtbot, area, keys)
    assert "“I have finished this category” ticked" in asked[0]
    assert told == [
        f"Category not marked finished: {BEN}'s sheets for {PRIDE_OF_STOCKTON} are not all "
        "keyed in yet (2 to go, e.g. Anita Sedgwick): key them in before marking it finished."
    ]
    assert f"Still to submit: {NORA}" in area.open_sheets.text()
    assert BEN not in area.open_sheets.text()
