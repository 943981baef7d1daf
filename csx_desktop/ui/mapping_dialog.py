"""The mapping dialog: which column of the export answers which field, checked before importing.

It shows the tool the export was recognised as and how the file was read (encoding, sheet,
the heading row, how dates are read, guesses left out and why), one column choice per field
(the detected one already chosen), a preview of the first rows as that mapping reads them,
and the rows that would be rejected, re-checked as the choices change. A form made for one
award has no category column: "Every row is for" names the award. The row of the headings
and the order of the dates can be changed; the file is then recognised again.

Nothing is stored here: the area imports ``plan`` with ``mapping()``, ``category()`` and
``keep_valid()`` when the dialog is accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import Category
from csx_desktop.domain.rubric import match_category
from csx_desktop.domain.times import UK_TIME
from csx_desktop.io.dates import DateOrder, TimeColumn
from csx_desktop.io.nomination_formats import FIELDS, Mapping, missing_required
from csx_desktop.io.nomination_import import ImportPlan, parse_rows, plan_import
from csx_desktop.io.tables import Cell, cell_text
from csx_desktop.store.errors import CsxError
from csx_desktop.ui.nomination_models import PreviewModel

PREVIEW_ROWS = 5
NOT_IN_FILE = "— not in this file —"
FROM_COLUMN = "— the column chosen for Category —"
DATE_ORDER_CHOICES: tuple[tuple[str, DateOrder | None], ...] = (
    ("as the column shows (day first if it does not)", None),
    ("day first, as in the UK (31/08/2025)", "dmy"),
    ("month first, as in the US (08/31/2025)", "mdy"),
)


class MappingDialog(QDialog):
    """Check or correct the detected mapping of an export's columns, then import."""

    def __init__(
        self,
        plan: ImportPlan,
        categories: Sequence[Category],
        nominating_bodies: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.plan = plan
        self._categories = tuple(categories)
        self._bodies = tuple(nominating_bodies)
        self.setWindowTitle(f"Import nominations from {plan.path.name}")
        self.setAccessibleName("Import nominations: choose the columns")

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.RichText)
        self.notes = QLabel()
        self.notes.setObjectName("mappingNotes")
        self.notes.setWordWrap(True)
        self.notes.setTextFormat(Qt.TextFormat.PlainText)

        reading_box = QGroupBox("How the file is read")
        reading = QFormLayout(reading_box)
        reading.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.header_row = QSpinBox()
        self.header_row.setRange(1, max(1, min(len(plan.table.rows), 50)))
        self.header_row.setValue(plan.layout.header_row)
        self.header_row.setAccessibleDescription(
            "The row of the spreadsheet that holds the questions; the answers start on the "
            "next row."
        )
        self.header_row.valueChanged.connect(self._reread)
        self.date_order = QComboBox()
        for text, order in DATE_ORDER_CHOICES:
            self.date_order.addItem(text, order)
        self.date_order.setCurrentIndex(
            max(0, self.date_order.findData(plan.choices.date_order))
            if plan.choices.date_order
            else 0
        )
        self.date_order.currentIndexChanged.connect(self._reread)
        self.every_row = QComboBox()
        self.every_row.addItem(FROM_COLUMN, None)
        for category in self._categories:
            self.every_row.addItem(category.name, category.id)
        self.every_row.setToolTip(
            "Choose an award when the form was made for one award and has no category question."
        )
        self.every_row.currentIndexChanged.connect(self._category_chosen)
        for text, widget in (
            ("&Headings are in row", self.header_row),
            ("&Dates are written", self.date_order),
            ("Every row is &for", self.every_row),
        ):
            label = QLabel(text)
            label.setBuddy(widget)
            reading.addRow(label, widget)

        fields_box = QGroupBox("Which column holds each field")
        self.form = QFormLayout(fields_box)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.choices: dict[str, QComboBox] = {}
        for spec in FIELDS:
            combo = QComboBox()
            combo.setAccessibleName(f"Column for {spec.label}")
            combo.setToolTip(spec.note)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(16)
            combo.currentIndexChanged.connect(self._schedule_check)
            label = QLabel(f"{spec.label} (required)" if spec.required else spec.label)
            label.setBuddy(combo)
            self.form.addRow(label, combo)
            self.choices[spec.key] = combo
        self._fill_choices()

        preview_box = QGroupBox(f"The first {PREVIEW_ROWS} rows as they will be read")
        preview_layout = QVBoxLayout(preview_box)
        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setAccessibleName("Preview of the first rows")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside
        self.preview.setWordWrap(False)
        self.preview.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.preview.horizontalHeader().setStretchLastSection(True)
        line = self.fontMetrics().lineSpacing()
        self.preview.setMinimumHeight(line * 9)  # the header and five rows, at any font size
        preview_layout.addWidget(self.preview)

        check_box = QGroupBox("Check")
        check_layout = QVBoxLayout(check_box)
        self.summary = QLabel()
        self.summary.setObjectName("mappingSummary")
        self.summary.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setAccessibleName("Rows with problems")
        self.problems.setWordWrap(True)
        self.problems.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.keep_valid_box = QCheckBox("Import the &valid rows and skip the rows with problems")
        check_layout.addWidget(self.summary)
        check_layout.addWidget(self.problems)
        check_layout.addWidget(self.keep_valid_box)

        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(
            "&Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel the import")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        # Side by side when the window is wide enough, one above the other when it is not
        # (large text on a 1366x768 laptop); the whole body scrolls up and down, never sideways.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        left = QVBoxLayout()
        left.addWidget(reading_box)
        left.addWidget(fields_box, 1)
        self.columns.addLayout(left, 2)
        right = QVBoxLayout()
        right.addWidget(preview_box, 3)
        right.addWidget(check_box, 2)
        self.columns.addLayout(right, 3)
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(self.intro)
        body_layout.addWidget(self.notes)
        body_layout.addLayout(self.columns, 1)
        self.body_scroll = QScrollArea()
        self.body_scroll.setWidget(body)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its controls take the focus
        layout = QVBoxLayout(self)
        layout.addWidget(self.body_scroll, 1)
        layout.addWidget(self.buttons)
        # The narrowest the two columns can be side by side, and some room for the scroll bar.
        self._side_by_side = (
            max(w.minimumSizeHint().width() for w in (reading_box, fields_box))
            + max(w.minimumSizeHint().width() for w in (preview_box, check_box))
            + 3 * layout.spacing()
            + self.body_scroll.verticalScrollBar().sizeHint().width()
            + 40
        )

        # Re-checking 10,000 rows on every choice would stutter: wait for a pause.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.check)
        self.check()
        wanted = body.sizeHint().expandedTo(QSize(1100, 680)) + QSize(40, 80)
        screen = self.screen().availableGeometry().size() if self.screen() else wanted
        self.resize(wanted.boundedTo(screen))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= self._side_by_side
        self.columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )

    # ---- what the area reads -----------------------------------------------------------

    def mapping(self) -> Mapping:
        return {key: combo.currentData() for key, combo in self.choices.items()}

    def category(self) -> str | None:
        """The award every row is for, when the person chose one (else None)."""
        return None if self.every_row.currentData() is None else self.every_row.currentText()

    def keep_valid(self) -> bool:
        return self.keep_valid_box.isChecked()

    def set_column(self, field: str, header: str | None) -> None:
        """Choose a column by its heading (None: not in this file); used by tests too."""
        combo = self.choices[field]
        combo.setCurrentIndex(0 if header is None else combo.findText(header))

    # ---- reading the file again ----------------------------------------------------------

    def _fill_choices(self) -> None:
        """Offer the plan's columns for each field, the detected one chosen; say how the
        file was read."""
        plan = self.plan
        for spec in FIELDS:
            combo = self.choices[spec.key]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IN_FILE, None)
            for column in plan.layout.columns:
                combo.addItem(column.header, column.index)
            current = plan.mapping.get(spec.key)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
            combo.blockSignals(False)
        self.choices["category"].setEnabled(self.every_row.currentData() is None)
        rows = len(plan.data_rows)
        self.intro.setText(
            f"<b>{plan.path.name}</b> looks like a <b>{plan.layout.kind}</b> export with "
            f"{rows} response{'s' if rows != 1 else ''} (from row "
            f"{plan.layout.first_data_row}). Check that each field under “Which column holds "
            "each field” reads the right column; columns not chosen (IP addresses, start "
            "times…) are not imported."
        )
        self.notes.setText("\n".join(plan.notes))
        self.notes.setVisible(bool(plan.notes))

    def _reread(self) -> None:
        """The person moved the heading row or chose the date order: recognise again."""
        choices = replace(
            self.plan.choices,
            header_row=self.header_row.value(),
            date_order=self.date_order.currentData(),
        )
        try:
            self.plan = plan_import(self.plan.path, self.plan.table, choices, self._categories)
        except CsxError as error:
            self.summary.setText(str(error))
            self.import_button.setEnabled(False)
            return
        self._fill_choices()
        self.check()

    def _category_chosen(self) -> None:
        self.choices["category"].setEnabled(self.every_row.currentData() is None)
        self._schedule_check()

    # ---- checking ----------------------------------------------------------------------

    def _category_reading(self, answer: str) -> str:
        """How a category answer is read: "the extra mile;" shows as Extra Mile."""
        names = []
        for part in answer.replace("\n", ";").split(";"):
            if part.strip():
                found = match_category(part, self._categories)
                names.append(found.name if found else f"Not recognised: {part.strip()}")
        return "; ".join(names)

    def _schedule_check(self) -> None:
        self._timer.start()

    def _fixed_category(self) -> Category | None:
        chosen = self.every_row.currentData()
        return next((c for c in self._categories if c.id == chosen), None)

    def check(self) -> None:
        mapping = self.mapping()
        fixed = self._fixed_category()
        if fixed is not None:
            mapping["category"] = None
        self._fill_preview(mapping)
        self.problems.clear()
        missing = missing_required(mapping, fixed_category=fixed is not None)
        if missing:
            names = ", ".join(f.label.lower() for f in missing)
            extra = (
                " If the form was for one award only, choose it in “Every row is for”."
                if any(f.key == "category" for f in missing)
                else ""
            )
            self.summary.setText(f"Choose the column for the {names} to import.{extra}")
            self.import_button.setEnabled(False)
            self.problems.setVisible(False)
            return
        try:
            parsed = parse_rows(self.plan, mapping, self._categories, self._bodies, category=fixed)
            times = self.plan.time_column(mapping)
        except CsxError as error:  # dates written both ways: the person must choose
            self.summary.setText(str(error))
            self.import_button.setEnabled(False)
            self.problems.setVisible(False)
            return
        reading = [*self.plan.notes, *([times.reason[0].upper() + times.reason[1:] + "."]
                                       if times and times.reason else [])]  # fmt: skip
        self.notes.setText("\n".join(reading))
        self.notes.setVisible(bool(reading))
        good_rows = len(set(parsed.rows))
        bad = len(parsed.errors)
        if bad:
            self.summary.setText(
                f"{good_rows} row{'s' if good_rows != 1 else ''} can be imported; "
                f"{bad} row{'s have' if bad != 1 else ' has'} problems (listed under “Check”). "
                "By default nothing is imported until they are corrected."
            )
        else:
            self.summary.setText(
                f"All {good_rows} row{'s' if good_rows != 1 else ''} can be imported."
            )
        self.problems.addItems([str(error) for error in parsed.errors])
        self.problems.setVisible(bool(bad))
        self.import_button.setEnabled(good_rows > 0)

    def _fill_preview(self, mapping: Mapping) -> None:
        chosen = self._fixed_category()
        shown = [
            spec
            for spec in FIELDS
            if mapping.get(spec.key) is not None or (chosen and spec.key == "category")
        ]
        try:
            times = self.plan.time_column(mapping)
        except CsxError:  # dates written both ways: shown as written until an order is chosen
            times = None
        rows = []
        for _number, cells in self.plan.data_rows[:PREVIEW_ROWS]:
            row = []
            for spec in shown:
                index = mapping.get(spec.key)
                value = cells[index] if index is not None and index < len(cells) else None
                text = cell_text(value)
                if spec.key == "category":
                    text = chosen.name if chosen else self._category_reading(text)
                elif spec.key == "received_at" and times is not None:
                    text = _time_reading(times, value)
                row.append(text)
            rows.append(row)
        self.preview_model.set_preview([spec.label for spec in shown], rows)
        header = self.preview.horizontalHeader()
        for column in range(len(shown)):
            header.resizeSection(column, max(110, min(260, header.sectionSizeHint(column))))


def _time_reading(times: TimeColumn, value: Cell) -> str:
    """A received time as it will be read (UK time), so a date read the wrong way is seen."""
    try:
        moment = times.parse(value)
    except ValueError:
        return f"Not a date: {cell_text(value)}"
    if moment is None:
        return ""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UK_TIME)
    return moment.strftime("%d %b %Y %H:%M")
