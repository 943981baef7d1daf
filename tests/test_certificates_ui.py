"""The Certificates area: the decided awards listed, a preview, Save PDF…, Print…, details."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from csx_desktop.domain.model import Nomination
from csx_desktop.store import Store
from csx_desktop.ui.areas.certificates import LEVEL_CHOICES, CertificatesArea, print_pdf
from csx_desktop.ui.background import BackgroundJob
from csx_desktop.ui.certificate_models import COL_RECIPIENT, CertificateListModel
from csx_desktop.ui.session import Person, Role, Session
from csx_desktop.ui.widgets.empty_state import EmptyState


def _add(store: Store, category: str, nominee: str, members: tuple[str, ...] = ()) -> int:
    category_id = store.round.category_named(category).id
    assert category_id is not None
    n = store.nominations.add(
        Nomination(category_id=category_id, nominee=nominee, citation="x", team_members=members)
    )
    assert n.entry_id is not None
    return n.entry_id


@pytest.fixture
def decided(store: Store) -> Store:
    zoe = _add(store, "Pride of Stockton", "Zoë Whitfield")
    siobhan = _add(store, "Pride of Stockton", "Siobhán O'Neill")
    _add(store, "Pride of Stockton", "Owen Marsh")
    team = _add(store, "Team", "SEND Transport Team", ("Lynn Brough", "Jade Walton"))
    store.decisions._record(
        store.round.category_named("Pride of Stockton").id or 0,
        winners=[zoe],
        highly_commended=[siobhan],
    )
    store.decisions._record(store.round.category_named("Team").id or 0, winners=[team])
    return store


AreaFactory = Callable[[Store], CertificatesArea]


@pytest.fixture
def make_area(qtbot: QtBot, store: Store) -> Iterator[AreaFactory]:
    """Build the area signed in as the administrator; end the session before the round closes."""
    sessions: list[Session] = []

    def make(round_store: Store) -> CertificatesArea:
        session = Session(round_store, Person(Role.ADMINISTRATOR))
        sessions.append(session)
        area = CertificatesArea(session)
        qtbot.addWidget(area)
        area.show()
        return area

    yield make
    for session in sessions:
        session.end()


def _listed(area: CertificatesArea) -> list[tuple[str, str, str]]:
    return [(c.recipient, c.award, c.level.label) for c in area.model.rows()]


def _wait(qtbot: QtBot, job: BackgroundJob | None) -> None:
    """Wait for a batch drawn on a worker to be saved (or printed)."""
    assert job is not None
    if not job.outcome:
        with qtbot.waitSignal(job.finished, timeout=30_000):
            pass
    assert job.outcome == "done"


def _image(widget: QWidget) -> QImage:
    return widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _settled_view(qtbot: QtBot, area: CertificatesArea) -> QImage:
    """What the preview shows once its background rendering has finished."""
    shown = [_image(area.preview)]

    def unchanged() -> bool:
        qtbot.wait(150)
        shown.append(_image(area.preview))
        return len(shown) > 3 and shown[-1] == shown[-2] == shown[-3]

    qtbot.waitUntil(unchanged, timeout=10000)
    return shown[-1]


def test_lists_the_decided_awards_and_previews_one(
    qtbot: QtBot, make_area: AreaFactory, decided: Store
) -> None:
    area = make_area(decided)
    assert _listed(area) == [
        ("Zoë Whitfield", "Pride of Stockton", "Winner"),
        ("Siobhán O'Neill", "Pride of Stockton", "Highly Commended"),
        ("SEND Transport Team", "Team", "Winner"),
    ]
    assert area.count.text() == "3 of 3 ticked to print"
    # The first is previewed straight away; choosing another previews that one.
    qtbot.waitUntil(lambda: area.document.status() == QPdfDocument.Status.Ready)
    assert area.document.pageCount() == 1
    assert "Zoë Whitfield" in area.document.getAllText(0).text()
    first_shown = _settled_view(qtbot, area)
    area.table.selectRow(2)
    qtbot.waitUntil(lambda: "SEND Transport Team" in area.document.getAllText(0).text())
    assert area.preview_stack.currentWidget() is area.preview
    # What is on screen changes too, not only the document behind it: QPdfView keeps the
    # pages it rendered, and a reused view went on showing the first certificate.
    qtbot.waitUntil(lambda: _image(area.preview) != first_shown, timeout=5000)


def test_the_preview_shows_the_certificate_chosen_even_when_arrowing_quickly(
    qtbot: QtBot, make_area: AreaFactory, decided: Store
) -> None:
    """A render of the first certificate still under way when the next is chosen must not
    end up on screen (QPdfView caches pages by number and zoom, not by document)."""
    area = make_area(decided)
    QApplication.processEvents()  # the first render is requested, not yet done
    area.table.selectRow(1)
    area.table.selectRow(2)
    shown = _settled_view(qtbot, area)
    # The reference: a new view of the same document at the same size, rendered afresh once
    # its size has settled (a QPdfView can keep a page rendered for its first size and show
    # it stretched; given its document again, it renders the page for the size it has).
    fresh = QPdfView()
    qtbot.addWidget(fresh)
    fresh.setPageMode(QPdfView.PageMode.SinglePage)
    fresh.setZoomMode(QPdfView.ZoomMode.FitInView)
    fresh.resize(area.preview.size())
    fresh.show()
    qtbot.waitExposed(fresh)
    fresh.setDocument(area.document)
    qtbot.wait(300)
    fresh.setDocument(None)  # type: ignore[arg-type]  # Qt takes nullptr here
    fresh.setDocument(area.document)
    qtbot.waitUntil(lambda: _image(fresh) == shown, timeout=5000)


def test_save_pdf_writes_the_ticked_certificates(
    qtbot: QtBot,
    make_area: AreaFactory,
    decided: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    area = make_area(decided)
    target = tmp_path / "out" / "certificates"  # no suffix: .pdf is added
    target.parent.mkdir()
    asked: list[str] = []

    def fake_save(parent: object, caption: str, start: str, filters: str) -> tuple[str, str]:
        asked.append(start)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    # Untick Siobhán by the tick box, as a person would.
    model = area.model
    assert model.setData(
        model.index(1, COL_RECIPIENT), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert area.count.text() == "2 of 3 ticked to print"
    with qtbot.waitActive(area):
        area.activateWindow()
    area.table.setFocus()
    qtbot.keyClick(area.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked and asked[0].endswith("certificates-2026.pdf")
    _wait(qtbot, area.job)  # drawn on a worker, written once drawn
    written = target.with_name("certificates.pdf")
    pages = [p.extract_text() for p in PdfReader(written).pages]
    assert len(pages) == 2
    assert "Zoë Whitfield" in pages[0] and "SEND Transport Team" in pages[1]
    assert "Saved 2 certificates" in area.status.text()


def test_nothing_ticked_is_refused_without_a_dialog(
    qtbot: QtBot, make_area: AreaFactory, decided: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    area = make_area(decided)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a: pytest.fail("no dialog when nothing ticked")
    )
    area.tick_none.click()
    assert area.count.text() == "0 of 3 ticked to print"
    area.save_button.click()
    assert warnings and "No certificate is ticked" in warnings[0]


def test_filters_by_level_category_and_team_members(
    qtbot: QtBot, make_area: AreaFactory, decided: Store
) -> None:
    area = make_area(decided)
    everyone = [label for label, _ in LEVEL_CHOICES].index(
        "Everyone: winners, highly commended and nominees"
    )
    area.level.setCurrentIndex(everyone)
    assert ("Owen Marsh", "Pride of Stockton", "Nominated") in _listed(area)
    area.category.setCurrentIndex(area.category.findText("Team"))
    area.per_member.setChecked(True)
    assert [r[0] for r in _listed(area)] == ["SEND Transport Team", "Lynn Brough", "Jade Walton"]
    # Ticks survive a change of filter.
    area.model.setData(
        area.model.index(1, COL_RECIPIENT),
        Qt.CheckState.Unchecked.value,
        Qt.ItemDataRole.CheckStateRole,
    )
    area.category.setCurrentIndex(0)
    area.category.setCurrentIndex(area.category.findText("Team"))
    assert [c.recipient for c in area.model.ticked()] == ["SEND Transport Team", "Jade Walton"]


def test_an_undecided_round_says_what_will_appear(make_area: AreaFactory, store: Store) -> None:
    area = make_area(store)
    assert area.list_stack.currentWidget() is area.empty
    assert isinstance(area.empty, EmptyState)
    text = area.empty.findChild(type(area.count), "emptyStateText")
    assert text is not None and "decisions are recorded" in text.text()
    assert not area.save_button.isEnabled()


def test_date_and_signatories_saved_from_the_area(
    qtbot: QtBot, make_area: AreaFactory, decided: Store
) -> None:
    area = make_area(decided)
    assert "No ceremony date" in area.notes.text()
    area.details.ceremony_date.set_value(datetime.date(2026, 12, 10))
    area.details.signatories[0].name.setText("Catherine  Ellwood ")
    area.details.signatories[0].title.setText("Chief Executive")
    area.save_details.click()
    settings = decided.round.settings()
    assert settings.ceremony_date == datetime.date(2026, 12, 10)
    assert settings.signatories[0].name == "Catherine Ellwood"
    assert "No ceremony date" not in area.notes.text()
    assert area.details_status.text().startswith("Saved")
    qtbot.waitUntil(lambda: "10 December 2026" in area.document.getAllText(0).text())


def test_print_paints_every_page_onto_the_printer(
    qtbot: QtBot, make_area: AreaFactory, decided: Store, tmp_path: Path
) -> None:
    area = make_area(decided)
    from csx_desktop.ui.areas.certificates import _pdf_bytes

    data = _pdf_bytes(area.model.ticked(), area.session)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert print_pdf(printer, data) == 3
    reader = PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) == 3
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape


def test_the_list_model(qtmodeltester, decided: Store) -> None:  # type: ignore[no-untyped-def]
    from csx_desktop.certificates.batch import ALL_LEVELS, Choice, certificates_for

    model = CertificateListModel()
    model.set_rows(certificates_for(decided, Choice(levels=ALL_LEVELS, per_member=True)))
    qtmodeltester.check(model)
    index = model.index(0, COL_RECIPIENT)
    assert "to print" in model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert "not to print" in model.data(index, Qt.ItemDataRole.AccessibleTextRole)
    assert model.data(model.index(0, 2)) == "Winner"  # words, not only a tick or a colour


def test_a_name_no_font_can_draw_is_listed_before_printing_and_cannot_be_ticked(
    qtbot: QtBot,
    make_area: AreaFactory,
    store: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    arabic = _add(store, "Pride of Stockton", "محمد علي")
    chinese = _add(store, "Pride of Stockton", "王秀英")
    store.decisions._record(
        store.round.category_named("Pride of Stockton").id or 0,
        winners=[arabic],
        highly_commended=[chinese],
    )
    area = make_area(store)
    assert [c.recipient for c in area.model.rows()] == ["محمد علي", "王秀英"]
    # Said before printing: in the notes, on the row, and to a screen reader.
    assert "1 certificate cannot be printed" in area.notes.text()
    assert "王秀英 (Pride of Stockton Award, Highly Commended): 王 U+738B" in area.notes.text()
    assert area.count.text() == "1 of 2 ticked to print (1 cannot be printed)"
    model = area.model
    row = model.index(1, COL_RECIPIENT)
    assert model.data(model.index(1, 2)) == "Highly Commended (cannot be printed)"
    assert "cannot be printed" in model.data(row, Qt.ItemDataRole.AccessibleTextRole)
    assert "U+738B" in model.data(row, Qt.ItemDataRole.ToolTipRole)
    assert not model.flags(row) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.setData(row, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    area.tick_all.click()
    assert [c.recipient for c in model.ticked()] == ["محمد علي"]
    # Its preview says why, rather than showing a blank name.
    area.table.selectRow(1)
    assert area.preview_stack.currentWidget() is area.preview_message
    assert "cannot be printed" in area.preview_message.text()
    # Saving writes the one that can be drawn, with its name in its own script.
    target = tmp_path / "certificates.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a: (str(target), "PDF files (*.pdf)")
    )
    _wait(qtbot, area.save_pdf())
    pages = [p.extract_text() for p in PdfReader(target).pages]
    assert len(pages) == 1 and "محمد علي" in pages[0]


def test_a_screen_reader_hears_the_count_and_the_result_by_their_words(
    qtbot: QtBot,
    make_area: AreaFactory,
    decided: Store,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Issue 13: the count and the last result were named "How many certificates are
    ticked" and "Last result", which replaced their words. Now they have no name of their
    own, the result is announced as it appears, and Tab leaves the list for the buttons."""
    from PySide6.QtGui import QAccessible

    from csx_desktop.ui.announce import recording

    area = make_area(decided)
    for label in (area.count, area.status):
        assert label.accessibleName() == ""
    name = QAccessible.queryAccessibleInterface(area.count).text(QAccessible.Text.Name)
    assert name == "3 of 3 ticked to print"
    target = tmp_path / "certificates.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(target), ""))
    with recording() as said:
        _wait(qtbot, area.save_pdf())
    assert said[-1].text == area.status.text() == f"Saved 3 certificates to {target}."
    assert not area.table.tabKeyNavigation()
    with qtbot.waitActive(area):
        area.activateWindow()
    area.table.setFocus()
    qtbot.keyClick(area.table, Qt.Key.Key_Tab)
    assert area.tick_all.hasFocus()
