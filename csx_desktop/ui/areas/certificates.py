"""The Certificates area: the certificates the round needs, previewed, saved and printed.

On the left, the list (from the panel's recorded decisions) with a tick box on each row and
filters for the level and the category; on the right, a preview of the selected certificate
(QtPdf's ``QPdfView`` showing the very PDF that will be saved) and, on a second tab, the
ceremony date and signatories every certificate prints. "Save PDF…" writes every ticked
certificate into one PDF; "Print…" sends the same pages to a printer through Qt's dialog.
Both draw on a worker (``ui.background.run_in_background``) with a progress window and
Cancel, so the window keeps turning through a batch of hundreds: the batch is checked and
read from the round first, on the window's thread (a refusal comes before any drawing),
drawn on the worker, and the file written on the window's thread once it is drawn. Cancel
writes nothing (and prints no more pages); the round file is never changed by either.

The two halves sit side by side when the window is wide enough and one above the other when
it is not (text at twice its size on a laptop), in a page that scrolls up and down only
(``ReflowPanes``); the rows of buttons wrap (``FlowLayout``). The count of ticked
certificates and the last result are plain labels a screen reader reads by their words, and
the result is announced as it appears.

A certificate whose names hold characters no bundled font can draw (Chinese, an emoji) is
listed before anything is printed: in the notes under the list, and on its row, which says
"cannot be printed" and cannot be ticked. Its preview says why instead of showing a blank.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QModelIndex,
    QObject,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.certificates.batch import (
    ALL_LEVELS,
    DECIDED_LEVELS,
    Choice,
    cannot_draw,
    certificates_for,
    missing_details,
    undrawable_message,
)
from csx_desktop.certificates.certificate import Certificate
from csx_desktop.domain.model import AwardLevel
from csx_desktop.operations.certificates import (
    CertificatesPlan,
    RenderedCertificates,
    certificates_pdf,
    plan_certificates,
    plan_certificates_pdf,
    render_certificates,
    save_certificates,
)
from csx_desktop.store.errors import CsxError
from csx_desktop.ui.announce import announce
from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.background import BackgroundJob, Progress, run_in_background
from csx_desktop.ui.certificate_models import (
    COL_AWARD,
    COL_LEVEL,
    COL_RECIPIENT,
    CertificateListModel,
    certificate_key,
)
from csx_desktop.ui.errors import attempt, show_refusal
from csx_desktop.ui.session import Session
from csx_desktop.ui.settings_form import CertificateDetailsForm
from csx_desktop.ui.widgets.empty_state import EmptyState
from csx_desktop.ui.widgets.flow_layout import FlowLayout
from csx_desktop.ui.widgets.reflow import ReflowPanes

# Printing and saving the details are loaded when first used, not when the area opens.
if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtPrintSupport import QPrinter

# The "Show" filter: what a person would ask for, and the levels it means.
LEVEL_CHOICES: tuple[tuple[str, frozenset[AwardLevel]], ...] = (
    ("Winners and highly commended", DECIDED_LEVELS),
    ("Winners", frozenset({AwardLevel.WINNER})),
    ("Highly commended", frozenset({AwardLevel.HIGHLY_COMMENDED})),
    ("Nominees (certificates of nomination)", frozenset({AwardLevel.NOMINATED})),
    ("Everyone: winners, highly commended and nominees", ALL_LEVELS),
)

# Printing renders each page as an image; beyond 300 dpi a certificate looks no better and
# an A4 page image would take hundreds of megabytes.
MAX_PRINT_DPI = 300
# Drop-downs show this many characters and open to their longest choice: "Everyone: winners,
# highly commended and nominees" at twice the text size would otherwise set the page's width.
COMBO_CHARACTERS = 22
# Rows of the list (and lines of the preview) kept in view when the panes are stacked.
LIST_ROWS = 6
PREVIEW_LINES = 14
RESIZE_SETTLE_MS = 150  # the preview is drawn again once its size has not changed this long


class CertificatesArea(Area):
    TITLE = "Certificates"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.model = CertificateListModel(self)
        self._all: list[Certificate] = []
        self._preview_buffer: QBuffer | None = None
        self.job: BackgroundJob | None = None  # the batch being saved or printed, if any

        # ---- filters ---------------------------------------------------------------------
        self.level = QComboBox()
        self.level.setAccessibleName("Show which certificates")
        for label, _levels in LEVEL_CHOICES:
            self.level.addItem(label)
        self.category = QComboBox()
        self.category.setAccessibleName("Category")
        for combo in (self.level, self.category):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(COMBO_CHARACTERS)
        self.per_member = QCheckBox("One for each team &member too")
        self.per_member.setToolTip("Besides the team's certificate, one for each of its members")
        level_label = QLabel("S&how")
        level_label.setBuddy(self.level)
        category_label = QLabel("C&ategory")
        category_label.setBuddy(self.category)
        filters = QGridLayout()
        filters.addWidget(level_label, 0, 0)
        filters.addWidget(self.level, 0, 1, 1, 2)
        filters.addWidget(category_label, 1, 0)
        filters.addWidget(self.category, 1, 1, 1, 2)
        filters.addWidget(self.per_member, 2, 1, 1, 2)
        filters.setColumnStretch(1, 1)

        # ---- the list --------------------------------------------------------------------
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Certificates to print")
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move in it
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_RECIPIENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_AWARD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_LEVEL, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * (LIST_ROWS + 2))
        self.empty = EmptyState("No certificates yet", "")
        self.list_stack = QStackedWidget()
        self.list_stack.addWidget(self.empty)
        self.list_stack.addWidget(self.table)

        self.tick_all = QPushButton("&Tick all")
        self.tick_all.setToolTip("Tick every certificate listed")
        self.tick_none = QPushButton("&Untick all")
        self.tick_none.setToolTip("Untick every certificate listed, then tick the few to print")
        # Read by its words ("3 of 3 ticked to print"): a name would replace them.
        self.count = QLabel()
        ticks = FlowLayout()
        ticks.addWidget(self.tick_all)
        ticks.addWidget(self.tick_none)
        ticks.addWidget(self.count)

        self.save_button = QPushButton("&Save PDF…")
        self.save_button.setToolTip("Save every ticked certificate in one PDF (Ctrl+S)")
        self.print_button = QPushButton("&Print…")
        self.print_button.setToolTip("Print every ticked certificate (Ctrl+P)")
        actions = FlowLayout()
        actions.addWidget(self.save_button)
        actions.addWidget(self.print_button)
        self.notes = QLabel()
        self.notes.setObjectName("certificateNotes")
        self.notes.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.list_stack, 1)
        left_layout.addLayout(ticks)
        left_layout.addWidget(self.notes)
        left_layout.addLayout(actions)
        left_layout.addWidget(self.status)

        # ---- the preview and the details ---------------------------------------------------
        self.document = QPdfDocument(self)
        self.preview = self._new_view()
        self.preview_message = QLabel()
        self.preview_message.setWordWrap(True)
        self.preview_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview_stack = QStackedWidget()
        self.preview_stack.addWidget(self.preview_message)
        self.preview_stack.addWidget(self.preview)
        self.preview_stack.setMinimumHeight(self.fontMetrics().lineSpacing() * PREVIEW_LINES)
        self._resized = QTimer(self)
        self._resized.setSingleShot(True)
        self._resized.setInterval(RESIZE_SETTLE_MS)
        self._resized.timeout.connect(self._size_settled)
        self.preview_stack.installEventFilter(self)

        self.details = CertificateDetailsForm()
        self.save_details = QPushButton("Save &date and signatories")
        self.details_status = QLabel()
        self.details_status.setWordWrap(True)
        details_page = QWidget()
        details_layout = QVBoxLayout(details_page)
        intro = QLabel("Every certificate prints the ceremony date and these two signatories.")
        intro.setWordWrap(True)
        details_layout.addWidget(intro)
        details_layout.addWidget(self.details)
        row = QHBoxLayout()
        row.addWidget(self.details_status, 1)
        row.addWidget(self.save_details)
        details_layout.addLayout(row)
        details_layout.addStretch(1)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Preview and certificate details")
        self.tabs.addTab(self.preview_stack, "Pre&view")
        self.tabs.addTab(details_page, "Date and si&gnatories")

        # Side by side on a wide window; the list above the preview when text is large.
        self.panes = ReflowPanes()
        self.panes.add_pane(left, 1)
        self.panes.add_pane(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panes)

        # ---- wiring ----------------------------------------------------------------------
        self.level.currentIndexChanged.connect(self._reload)
        self.category.currentIndexChanged.connect(self._reload)
        self.per_member.toggled.connect(self._reload)
        self.table.selectionModel().currentRowChanged.connect(self._show_preview)
        self.model.dataChanged.connect(self._update_count)
        self.model.modelReset.connect(self._update_count)
        self.tick_all.clicked.connect(lambda: self.model.set_all_ticked(True))
        self.tick_none.clicked.connect(lambda: self.model.set_all_ticked(False))
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_certificates)
        self.save_details.clicked.connect(self._save_details)
        self.details.changed.connect(lambda: self.details_status.setText("Not saved yet."))
        for keys, slot, what in (
            ("Ctrl+S", self.save_pdf, "Save the ticked certificates as a PDF."),
            ("Ctrl+P", self.print_certificates, "Print the ticked certificates."),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(what)  # the words Help > How to score lists it with
            shortcut.activated.connect(slot)
        self.setTabOrder(self.level, self.category)
        self.setTabOrder(self.category, self.per_member)
        self.setTabOrder(self.per_member, self.table)
        self.refresh()

    # ---- reading the round -------------------------------------------------------------------

    def refresh(self) -> None:
        settings = self.store.round.settings()
        self.details.load(settings)
        self.details_status.clear()
        current = self.category.currentData()
        self.category.blockSignals(True)
        self.category.clear()
        self.category.addItem("All categories", None)
        for category in self.store.round.categories():
            self.category.addItem(category.name, category.id)
        index = self.category.findData(current)
        self.category.setCurrentIndex(max(index, 0))
        self.category.blockSignals(False)
        self._reload()

    def _reload(self) -> None:
        _label, levels = LEVEL_CHOICES[max(self.level.currentIndex(), 0)]
        choice = Choice(levels=levels, per_member=self.per_member.isChecked())
        self._all = certificates_for(self.store, choice)
        category_id = self.category.currentData()
        shown = [c for c in self._all if category_id is None or c.category_id == category_id]
        selected = self._selected()
        self.model.set_rows(shown)
        # Found before anything is printed, so a name is never printed blank or as boxes.
        undrawable = cannot_draw(shown)
        self.model.set_undrawable(
            {certificate_key(item.certificate): item.characters for item in undrawable}
        )
        self._update_count()
        self._show_empty_state(shown)
        notes = [f"Note: {n}" for n in missing_details(self.store.round.settings())]
        if undrawable:
            notes.append(
                f"{undrawable_message(undrawable)} They stay listed here but cannot be ticked."
            )
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes))  # no empty gap above the buttons
        row = 0
        if selected is not None and selected in shown:
            row = shown.index(selected)
        if shown:
            self.table.selectRow(row)
            self._show_preview(self.model.index(row, 0))
        else:
            self._show_preview(QModelIndex())

    def _show_empty_state(self, shown: list[Certificate]) -> None:
        has_decisions = bool(self.store.decisions.all_current())
        if shown:
            self.list_stack.setCurrentWidget(self.table)
        else:
            self.list_stack.setCurrentWidget(self.empty)
        title = self.empty.findChild(QLabel, "emptyStateTitle")
        text = self.empty.findChild(QLabel, "emptyStateText")
        if title is None or text is None:
            return
        if not has_decisions and not self._all:
            title.setText("No certificates yet")
            text.setText(
                "Certificates for the winners and highly commended are listed here once the "
                "panel's decisions are recorded (in Results). To print certificates of "
                "nomination now, choose “Nominees” under Show."
            )
        else:
            title.setText("Nothing matches these filters")
            text.setText("Choose another level or category under Show and Category.")
        for widget in (self.tick_all, self.tick_none, self.save_button, self.print_button):
            widget.setEnabled(bool(shown))

    def _selected(self) -> Certificate | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.row_at(index.row())

    def _update_count(self) -> None:
        ticked, listed = len(self.model.ticked()), self.model.rowCount()
        cannot = sum(1 for c in self.model.rows() if self.model.undrawable(c))
        extra = f" ({cannot} cannot be printed)" if cannot else ""
        self.count.setText(f"{ticked:,} of {listed:,} ticked to print{extra}")

    # ---- preview -----------------------------------------------------------------------------

    def _show_preview(self, index: QModelIndex) -> None:
        if not index.isValid():
            self._show_preview_message("Choose a certificate in the list to see it here.")
            return
        certificate = self.model.row_at(index.row())
        try:
            data = _pdf_bytes([certificate], self.session)
        except CsxError as error:
            self._show_preview_message(str(error))
            return
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.close()
        self.document.load(buffer)
        if self._preview_buffer is not None:  # the old one is no longer read
            self._preview_buffer.deleteLater()
        self._preview_buffer = buffer
        # A new view for every certificate: QPdfView keeps the page images it rendered,
        # keyed by page and zoom, even when its document is reloaded, and every preview is
        # page 1 at the same size, so one view went on showing the first certificate chosen.
        previous, self.preview = self.preview, self._new_view()
        self.preview_stack.addWidget(self.preview)
        self.preview_stack.setCurrentWidget(self.preview)
        self.preview_stack.removeWidget(previous)
        previous.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The preview changed size (the window, or the panes stacking at large text) while
        # its page may still have been rendering for the old size: QPdfView then shows that
        # image stretched, blurring small letters ("Jadı" for "Jade"), and never renders it
        # again. Once the size has settled, it renders the page for the size it has.
        if watched is self.preview_stack and event.type() == QEvent.Type.Resize:
            self._resized.start()
        return super().eventFilter(watched, event)

    def _size_settled(self) -> None:
        # The same view, given its document again, drops the page images it kept and
        # renders afresh; it keeps the keyboard focus if it has it.
        self.preview.setDocument(None)  # type: ignore[arg-type]  # Qt takes nullptr here
        self.preview.setDocument(self.document)

    def _new_view(self) -> QPdfView:
        view = QPdfView()
        view.setAccessibleName("Preview of the selected certificate")
        view.setPageMode(QPdfView.PageMode.SinglePage)
        view.setZoomMode(QPdfView.ZoomMode.FitInView)
        view.setDocument(self.document)
        return view

    def _show_preview_message(self, text: str) -> None:
        self.document.close()
        self.preview_message.setText(text)
        self.preview_stack.setCurrentWidget(self.preview_message)

    # ---- saving and printing -----------------------------------------------------------------

    def _ticked_or_say_so(self) -> list[Certificate]:
        ticked = self.model.ticked()
        if not ticked:
            show_refusal(self, "No certificate is ticked. Tick the ones to print first.")
        return ticked

    def _busy(self) -> bool:
        """Whether a batch is still being drawn (its progress window is in front)."""
        return self.job is not None and not self.job.outcome

    def save_pdf(self) -> BackgroundJob | None:
        """Ask where, check and read the batch, then draw it on a worker and write it; the
        job is returned (and kept in ``job``) while it runs."""
        if self._busy():
            return None
        ticked = self._ticked_or_say_so()
        if not ticked:
            return None
        settings = self.store.round.settings()
        folder = self.store.path.parent if self.store.path else Path.home()
        suggested = folder / f"certificates-{settings.year}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the certificates as a PDF", str(suggested), "PDF files (*.pdf)"
        )
        if not path:
            return None
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        # The save dialog has already asked before replacing a file of that name.
        plan = attempt(
            self,
            "Certificates not saved",
            lambda: plan_certificates(self.store, certificates=ticked, dest=target, overwrite=True),
        )
        if plan is None:
            return None

        def saved(rendered: RenderedCertificates) -> None:
            written = save_certificates(rendered=rendered)
            self._say(f"Saved {_certificates(written.pages)} to {written.path}.")

        self.job = run_in_background(
            self,
            title=f"Saving {_certificates(plan.count)}",
            work=lambda progress: render_certificates(plan, progress=progress.step),
            done=saved,
            refusal_title="Certificates not saved",
        )
        return self.job

    def print_certificates(self) -> BackgroundJob | None:
        """Check and read the batch, ask which printer, then draw it and send it to the
        printer on a worker; the job is returned (and kept in ``job``) while it runs."""
        if self._busy():
            return None
        ticked = self._ticked_or_say_so()
        if not ticked:
            return None
        plan = attempt(
            self,
            "Certificates not printed",
            lambda: plan_certificates_pdf(self.store, certificates=ticked),
        )
        if plan is None:
            return None
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("Customer Service Awards certificates")
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(f"Print {_certificates(plan.count)}")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        where = printer.printerName() or "the printer"
        self.job = run_in_background(
            self,
            title=f"Printing {_certificates(plan.count)}",
            work=lambda progress: _print_batch(plan, printer, progress),
            done=lambda pages: self._say(f"Sent {_certificates(pages)} to {where}."),
            refusal_title="Certificates not printed",
        )
        return self.job

    def _say(self, text: str) -> None:
        """Show the last result under the buttons and have a screen reader say it."""
        self.status.setText(text)
        announce(self.status, text)

    def _save_details(self) -> None:
        changes = self.details.changes(self.store.round.settings())
        if not changes:
            self.details_status.setText("Nothing has changed.")
            return
        from csx_desktop.operations.rounds import change_settings

        try:
            change_settings(self.store, changes=changes)
        except CsxError as error:
            self.details_status.setText(str(error))
            return
        self.session.notify("settings")
        self.details_status.setText("Saved: every certificate now prints these.")


def _certificates(count: int) -> str:
    return f"{count:,} certificate{'' if count == 1 else 's'}"


def _pdf_bytes(certificates: list[Certificate], session: Session) -> bytes:
    return certificates_pdf(session.store, certificates=certificates)


def _print_batch(plan: CertificatesPlan, printer: QPrinter, progress: Progress) -> int:
    """On the worker: draw the batch, then paint its pages onto the printer."""
    rendered = render_certificates(plan, progress=progress.step)
    return print_pdf(printer, rendered.data, progress=progress.step)


def print_pdf(
    printer: QPrinter,
    data: bytes,
    *,
    progress: Callable[[int, int, str], None] | None = None,
) -> int:
    """Paint every page of a PDF onto a printer, each scaled to fill the paper; return pages.

    Each page is rendered to an image at the printer's resolution (up to 300 dpi): Qt cannot
    hand PDF pages to a printer as vectors, and at that resolution the print is crisp. Qt
    paints onto a printer from a worker thread too. ``progress(done, total, words)`` is
    called before each page; what it raises stops the print run (the printer is told to
    drop what it has, where it can).
    """
    from PySide6.QtGui import QPageLayout, QPageSize

    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    # The certificate has its own margins (the border is 10 mm in): use the whole sheet.
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        document.close()
        raise CsxError("The printer could not be started. Check it is switched on and try again.")
    count = document.pageCount()
    try:
        for page in range(count):
            if progress is not None:
                progress(page, count, f"Sending certificate {page + 1:,} of {count:,} to print")
            if page:
                printer.newPage()
            target: QRect = painter.viewport()
            dpi = min(printer.resolution(), MAX_PRINT_DPI)
            points = document.pagePointSize(page)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(page, size)
            painter.drawImage(target, image)
    except BaseException:
        printer.abort()
        raise
    finally:
        painter.end()
        document.close()
    return count
