"""The Round settings area: the round's name and year, the certificate details, the voting
window and the scoring rules, in one form saved with one audited change.

Only what was changed is sent to ``store.round.update_settings``, so the audit row says exactly
what moved. A rule the round refuses is shown under the form in words, and nothing is saved.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.domain.model import RoundSettings
from csx_desktop.store.errors import CsxError
from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.session import Session
from csx_desktop.ui.settings_form import CertificateDetailsForm, OptionalDateTimeEdit

AGGREGATES = (("mean", "Mean of the judges' totals"), ("median", "Median of the judges' totals"))
BALLOT_RULES = (
    ("latest", "A voter's latest ballot counts"),
    ("first", "A voter's first ballot counts"),
)


class SettingsArea(Area):
    TITLE = "Round settings"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # ---- the round -------------------------------------------------------------------
        self.name = QLineEdit()
        self.name.setAccessibleName("Round name")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setAccessibleName("Awards year")
        round_box = QGroupBox("The round")
        round_form = QFormLayout(round_box)
        round_form.addRow("&Name", self.name)
        round_form.addRow("&Year", self.year)

        # ---- certificates ----------------------------------------------------------------
        self.details = CertificateDetailsForm()
        certificate_box = QGroupBox("Certificates")
        QVBoxLayout(certificate_box).addWidget(self.details)

        # ---- the Shining Star vote -------------------------------------------------------
        self.voting_opens = OptionalDateTimeEdit("Voting opens")
        self.voting_closes = OptionalDateTimeEdit("Voting closes")
        self.ballot_rule = QComboBox()
        self.ballot_rule.setAccessibleName("Which ballot counts")
        for value, label in BALLOT_RULES:
            self.ballot_rule.addItem(label, value)
        vote_box = QGroupBox("Shining Star staff vote")
        vote_form = QFormLayout(vote_box)
        vote_form.addRow("Voting &opens", self.voting_opens)
        vote_form.addRow("Voting &closes", self.voting_closes)
        vote_form.addRow("&Ballots", self.ballot_rule)
        vote_form.addRow(_hint("Ballots cast outside the voting window are kept but not counted."))

        # ---- scoring rules ---------------------------------------------------------------
        self.min_judges = QSpinBox()
        self.min_judges.setRange(1, 50)
        self.min_judges.setAccessibleName("Minimum judges for a rank")
        self.aggregate = QComboBox()
        self.aggregate.setAccessibleName("Entry score")
        for value, label in AGGREGATES:
            self.aggregate.addItem(label, value)
        self.threshold = QDoubleSpinBox()
        self.threshold.setRange(0, 100)
        self.threshold.setDecimals(0)
        self.threshold.setSuffix(" points")
        self.threshold.setAccessibleName("Disagreement threshold")
        self.normalise = QSpinBox()
        self.normalise.setRange(2, 500)
        self.normalise.setSuffix(" sheets")
        self.normalise.setAccessibleName("Sheets a judge needs before normalising")
        scoring_box = QGroupBox("Scoring rules")
        scoring_form = QFormLayout(scoring_box)
        scoring_form.addRow("&Minimum judges", self.min_judges)
        scoring_form.addRow(_hint("An entry with fewer counted scoresheets has no rank."))
        scoring_form.addRow("Entry &score", self.aggregate)
        scoring_form.addRow("&Disagreement at", self.threshold)
        scoring_form.addRow(_hint("A spread of judges' totals this wide or wider is flagged."))
        scoring_form.addRow("Nor&malise from", self.normalise)
        scoring_form.addRow(
            _hint("A judge's scores are normalised once they have this many complete sheets.")
        )

        # ---- saving ----------------------------------------------------------------------
        self.save_button = QPushButton("&Save settings")
        self.save_button.setToolTip("Save the changes (Ctrl+S)")
        self.revert_button = QPushButton("&Revert")
        self.revert_button.setToolTip("Put back the settings as saved")
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)

        body = QWidget()
        body_layout = QVBoxLayout(body)
        for box in (round_box, certificate_box, vote_box, scoring_box):
            body_layout.addWidget(box)
        body_layout.addStretch(1)
        # A form stretched across a wide screen is hard to read along; about 90 characters
        # of the person's own font is enough (so it grows with a larger font).
        body.setMaximumWidth(body.fontMetrics().averageCharWidth() * 90)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its contents are the Tab stops
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.refresh)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.activated.connect(self.save)
        self.refresh()

    def refresh(self) -> None:
        settings = self.store.round.settings()
        self.name.setText(settings.name)
        self.year.setValue(settings.year)
        self.details.load(settings)
        self.voting_opens.set_value(settings.voting_opens)
        self.voting_closes.set_value(settings.voting_closes)
        self.ballot_rule.setCurrentIndex(max(self.ballot_rule.findData(settings.ballot_rule), 0))
        self.min_judges.setValue(settings.min_judges)
        self.aggregate.setCurrentIndex(max(self.aggregate.findData(settings.aggregate), 0))
        self.threshold.setValue(settings.disagreement_threshold)
        self.normalise.setValue(settings.normalise_min_sheets)
        self._say("", error=False)

    def changes(self, settings: RoundSettings) -> dict[str, Any]:
        """The settings the form changes, by their ``RoundSettings`` names."""
        wanted: dict[str, Any] = {
            "name": " ".join(self.name.text().split()),
            "year": self.year.value(),
            "voting_opens": self.voting_opens.value(),
            "voting_closes": self.voting_closes.value(),
            "ballot_rule": self.ballot_rule.currentData(),
            "min_judges": self.min_judges.value(),
            "aggregate": self.aggregate.currentData(),
            "disagreement_threshold": float(self.threshold.value()),
            "normalise_min_sheets": self.normalise.value(),
        }
        changes = {k: v for k, v in wanted.items() if getattr(settings, k) != v}
        changes.update(self.details.changes(settings))
        return changes

    def save(self) -> None:
        settings = self.store.round.settings()
        changes = self.changes(settings)
        if not changes:
            self._say("Nothing has changed.", error=False)
            return
        try:
            self.store.round.update_settings(**changes)
        except CsxError as error:
            self._say(f"Not saved: {error}", error=True)
            return
        self.session.notify("settings")
        count = len(changes)
        self._say(f"Saved {count} change{'' if count == 1 else 's'}.", error=False)

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setObjectName("errorMessage" if error else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
