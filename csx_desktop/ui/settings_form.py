"""Editors for the round settings, shared by the Round settings and Certificates areas.

``OptionalDateEdit`` and ``OptionalDateTimeEdit`` are a date with a "set" tick box, because a
QDateEdit cannot be empty and a ceremony date or voting window may not be decided yet.
``SignatoryEditor`` edits one signatory (name, title, optional signature image).
``LogoEditor`` chooses the council's logo (PNG or SVG, kept in the round file).
``CertificateDetailsForm`` is the group both areas show: the ceremony date, the two
signatories and the logo, saved together in one audited change.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from csx_desktop.domain.model import Logo, RoundSettings, Signatory

IMAGE_FILTER = "Images (*.png *.jpg *.jpeg);;All files (*)"


class _OptionalEdit(QWidget):
    """A tick box "Set", then the editor, enabled only while the box is ticked."""

    changed = Signal()

    def __init__(
        self, label: str, edit: QDateTimeEdit, display_format: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox("Set")
        self.enabled.setAccessibleName(f"{label} is set")
        self.edit = edit
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat(display_format)
        self.edit.setAccessibleName(label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit, 1)
        self.enabled.toggled.connect(self.edit.setEnabled)
        self.enabled.toggled.connect(self.changed)
        self.edit.dateTimeChanged.connect(self.changed)
        self.edit.setEnabled(False)
        self.setFocusProxy(self.enabled)


class OptionalDateEdit(_OptionalEdit):
    """A date that may be left unset (the ceremony date)."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(label, QDateEdit(QDate.currentDate()), "d MMMM yyyy", parent)

    def value(self) -> datetime.date | None:
        if not self.enabled.isChecked():
            return None
        day = self.edit.date()
        return datetime.date(day.year(), day.month(), day.day())

    def set_value(self, value: datetime.date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


class OptionalDateTimeEdit(_OptionalEdit):
    """A date and time that may be left unset (the voting window)."""

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        start = QDateTime(QDate.currentDate(), QTime(9, 0))
        super().__init__(label, QDateTimeEdit(start), "d MMMM yyyy  HH:mm", parent)

    def value(self) -> datetime.datetime | None:
        if not self.enabled.isChecked():
            return None
        qdt = self.edit.dateTime()
        day, time = qdt.date(), qdt.time()
        return datetime.datetime(day.year(), day.month(), day.day(), time.hour(), time.minute())

    def set_value(self, value: datetime.datetime | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDateTime(
                QDateTime(
                    QDate(value.year, value.month, value.day), QTime(value.hour, value.minute)
                )
            )


class SignatoryEditor(QWidget):
    """One signatory: name, title and an optional signature image."""

    changed = Signal()

    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number = number
        self.name = QLineEdit()
        self.name.setPlaceholderText("Name, e.g. Catherine Ellwood")
        self.name.setAccessibleName(f"Signatory {number} name")
        self.title = QLineEdit()
        self.title.setPlaceholderText("Title, e.g. Chief Executive")
        self.title.setAccessibleName(f"Signatory {number} title")
        self.image_label = QLabel()
        self.image_label.setWordWrap(True)
        self.choose = QPushButton("Signature image…")
        self.choose.setAccessibleName(f"Choose signatory {number}'s signature image")
        self.choose.setToolTip("Optional: a scan of the signature (PNG or JPEG)")
        self.remove = QPushButton("Remove image")
        self.remove.setAccessibleName(f"Remove image: signatory {number}'s signature")
        self._image = ""
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow("Name", self.name)
        layout.addRow("Title", self.title)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.remove)
        buttons.addWidget(self.image_label, 1)
        layout.addRow("Signature", buttons)
        self.name.textChanged.connect(self.changed)
        self.title.textChanged.connect(self.changed)
        self.choose.clicked.connect(self._choose_image)
        self.remove.clicked.connect(lambda: self._set_image(""))
        self._set_image("")

    def value(self) -> Signatory:
        return Signatory(
            name=" ".join(self.name.text().split()),
            title=" ".join(self.title.text().split()),
            signature_image=self._image,
        )

    def set_value(self, signatory: Signatory) -> None:
        self.name.setText(signatory.name)
        self.title.setText(signatory.title)
        # A long title shows its start ("Cabinet Member for…"), not its end, when it is
        # wider than the box (large text).
        for box in (self.name, self.title):
            box.setCursorPosition(0)
        self._set_image(signatory.signature_image)

    def _choose_image(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, f"Signature image for signatory {self.number}", str(Path.home()), IMAGE_FILTER
        )
        if path:
            self._set_image(path)

    def _set_image(self, path: str) -> None:
        changed = path != self._image
        self._image = path
        self.image_label.setText(
            f"Image: {Path(path).name}" if path else "No image: the line is left to sign by hand"
        )
        self.image_label.setToolTip(path)
        self.remove.setEnabled(bool(path))
        if changed:
            self.changed.emit()


class LogoEditor(QWidget):
    """The council's logo for the certificates: Choose… (PNG or SVG) or Remove.

    The file is checked when chosen and its bytes kept (saved in the round with the form),
    so the certificates print the same on any laptop."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.choose = QPushButton("Choose…")
        self.choose.setAccessibleName("Choose the council logo")
        self.choose.setToolTip("A PNG or SVG of at most 2 MB, printed on every certificate")
        self.remove = QPushButton("Remove")
        self.remove.setAccessibleName("Remove the council logo")
        self._logo: Logo | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.choose)
        layout.addWidget(self.remove)
        layout.addWidget(self.label, 1)
        self.choose.clicked.connect(self._choose)
        self.remove.clicked.connect(lambda: self.set_value(None, notify=True))
        self.set_value(None)

    def value(self) -> Logo | None:
        return self._logo

    def set_value(self, logo: Logo | None, *, notify: bool = False) -> None:
        changed = logo != self._logo
        self._logo = logo
        self.label.setText(
            f"Logo: {logo.name}" if logo else "No logo: the certificates show the awards' emblem"
        )
        self.remove.setEnabled(logo is not None)
        if changed and notify:
            self.changed.emit()

    def _choose(self) -> None:
        from csx_desktop.certificates.logo import read_logo
        from csx_desktop.ui.errors import attempt

        path, _ = QFileDialog.getOpenFileName(
            self, "The council's logo", str(Path.home()), "Logos (*.png *.svg);;All files (*)"
        )
        if not path:
            return
        logo = attempt(self, "Logo not used", lambda: read_logo(path))
        if logo is not None:
            self.set_value(logo, notify=True)


class CertificateDetailsForm(QWidget):
    """The ceremony date and the two signatories: what every certificate prints."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ceremony_date = OptionalDateEdit("Ceremony date")
        self.signatories = (SignatoryEditor(1), SignatoryEditor(2))
        self.logo = LogoEditor()
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow("Ceremony &date", self.ceremony_date)
        layout.addRow("Signatory &1", self.signatories[0])
        layout.addRow("Signatory &2", self.signatories[1])
        layout.addRow("Council &logo", self.logo)
        for field in (self.ceremony_date, *self.signatories, self.logo):
            field.changed.connect(self.changed)

    def load(self, settings: RoundSettings) -> None:
        self.ceremony_date.set_value(settings.ceremony_date)
        for editor, signatory in zip(self.signatories, settings.signatories, strict=True):
            editor.set_value(signatory)
        self.logo.set_value(settings.council_logo)

    def changes(self, settings: RoundSettings) -> dict[str, Any]:
        """The settings that differ from ``settings``, ready for
        ``operations.rounds.change_settings``."""
        changes: dict[str, Any] = {}
        if self.ceremony_date.value() != settings.ceremony_date:
            changes["ceremony_date"] = self.ceremony_date.value()
        signatories = (self.signatories[0].value(), self.signatories[1].value())
        if signatories != settings.signatories:
            changes["signatories"] = signatories
        if self.logo.value() != settings.council_logo:
            changes["council_logo"] = self.logo.value()
        return changes
