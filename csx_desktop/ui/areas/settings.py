"""The Round settings area: the round's name and year, the certificate details, the voting
window, the rules the round counts by, and the administrator's passphrase.

The rules' editors, labels and hints are made from their one declaration
(``domain.round_rules.RULES``); the rules in words (``rules_in_words``) sit above them. Once
anything is scored or voted the rules are fixed: the area says why, and a change to one
needs the reason typed beside them, which the audit log keeps.

Every change goes through ``operations.rounds`` (``change_settings``,
``change_admin_passphrase``); only what was changed is sent, so the audit row says exactly
what moved. A refusal is shown the window's one way (``ui.errors.attempt``) and nothing is
saved.
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
from csx_desktop.domain.round_rules import RULES, SCORING, VOTE, Rule, rules_in_words
from csx_desktop.operations.rounds import (
    MIN_PASSPHRASE,
    change_admin_passphrase,
    change_settings,
    rules_fixed,
)
from csx_desktop.ui.announce import announce
from csx_desktop.ui.areas.base import Area
from csx_desktop.ui.errors import attempt
from csx_desktop.ui.session import Session
from csx_desktop.ui.settings_form import CertificateDetailsForm, OptionalDateTimeEdit

# A float rule is edited to this many decimals; a stored value closer than half a step to
# what the editor shows is not a change (the editor cannot show it more exactly).
_DECIMALS = 1


class SettingsArea(Area):
    TITLE = "Round settings"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        # Letters already taken by a label's Alt+letter (and the buttons' below).
        self._keys: set[str] = {"n", "y", "o", "c", "d", "1", "2", "l", "s", "r", "h"}
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

        # ---- the rules, each editor from its declaration ---------------------------------
        self.rule_edits: dict[str, QComboBox | QSpinBox | QDoubleSpinBox] = {}

        # ---- the Shining Star vote -------------------------------------------------------
        self.voting_opens = OptionalDateTimeEdit("Voting opens")
        self.voting_closes = OptionalDateTimeEdit("Voting closes")
        vote_box = QGroupBox("Shining Star staff vote")
        vote_form = QFormLayout(vote_box)
        vote_form.addRow("Voting &opens", self.voting_opens)
        vote_form.addRow("Voting &closes", self.voting_closes)
        vote_form.addRow(_hint("Ballots cast outside the voting window are kept but not counted."))
        self._add_rules(vote_form, VOTE)

        scoring_box = QGroupBox("Scoring rules")
        self.rules_form = QFormLayout(scoring_box)
        self.fixed_note = QLabel()
        self.fixed_note.setWordWrap(True)
        self.fixed_note.setObjectName("fixedNote")
        self.rules_form.addRow(self.fixed_note)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.rules_form.addRow(self.summary)
        self._add_rules(self.rules_form, SCORING)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for changing a rule")
        self.reason.setPlaceholderText("Why the rule changes, for the audit log")
        self.rules_form.addRow(self._label("Reason for changing a rule", self.reason), self.reason)

        # ---- the administrator's passphrase ----------------------------------------------
        self.old_passphrase = _secret("Old passphrase")
        self.new_passphrase = _secret("New passphrase")
        self.repeat_passphrase = _secret("Repeat the new passphrase")
        self.passphrase_button = QPushButton("C&hange passphrase")
        self.passphrase_message = QLabel()
        self.passphrase_message.setWordWrap(True)
        passphrase_box = QGroupBox("Administrator's passphrase")
        passphrase_form = QFormLayout(passphrase_box)
        passphrase_form.addRow(
            _hint(
                f"It protects the administrator's areas. A new one needs at least "
                f"{MIN_PASSPHRASE} characters; several words are harder to guess."
            )
        )
        for box in (self.old_passphrase, self.new_passphrase, self.repeat_passphrase):
            passphrase_form.addRow(self._label(box.accessibleName(), box), box)
        passphrase_row = QHBoxLayout()
        passphrase_row.addWidget(self.passphrase_message, 1)
        passphrase_row.addWidget(self.passphrase_button)
        passphrase_form.addRow(passphrase_row)

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
        for group in (round_box, certificate_box, vote_box, scoring_box, passphrase_box):
            body_layout.addWidget(group)
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
        self.passphrase_button.clicked.connect(self.change_passphrase)
        self.repeat_passphrase.returnPressed.connect(self.change_passphrase)
        shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        shortcut.activated.connect(self.save)
        self.refresh()

    # ---- building ----------------------------------------------------------------------

    def _add_rules(self, form: QFormLayout, area: str) -> None:
        for key, rule in RULES.items():
            if rule.area != area or not rule.editable:
                continue  # a rule with one allowed value is shown in words only
            edit = _editor(rule)
            self.rule_edits[key] = edit
            form.addRow(self._label(rule.label, edit), edit)
            form.addRow(_hint(rule.help))

    def _label(self, text: str, field: QWidget) -> QLabel:
        """A form label for ``field`` with the first free letter of its words as its
        Alt+letter."""
        label = QLabel(text)
        for index, letter in enumerate(text):
            if letter.isalpha() and letter.lower() not in self._keys:
                self._keys.add(letter.lower())
                label.setText(f"{text[:index]}&{text[index:]}")
                break
        label.setBuddy(field)
        return label

    # ---- showing -----------------------------------------------------------------------

    def rule_edit(self, key: str) -> QComboBox | QSpinBox | QDoubleSpinBox:
        return self.rule_edits[key]

    def refresh(self) -> None:
        settings = self.store.round.settings()
        self.name.setText(settings.name)
        self.year.setValue(settings.year)
        self.details.load(settings)
        self.voting_opens.set_value(settings.voting_opens)
        self.voting_closes.set_value(settings.voting_closes)
        for key, edit in self.rule_edits.items():
            _set_value(edit, getattr(settings, key))
        self.summary.setText(
            "This round counts by these rules:\n"
            + "\n".join(f"• {sentence}" for _label, sentence in rules_in_words(settings))
        )
        fixed = rules_fixed(self.store)
        self.fixed_note.setText(
            f"The rules are fixed because {fixed}. To change one, say why in “Reason for "
            "changing a rule”: the reason is kept in the audit log with the change."
            if fixed
            else "The rules can be changed until the first score or vote is in; from then "
            "on they are fixed, and a change needs a reason."
        )
        self.rules_form.setRowVisible(self.reason, bool(fixed))
        self.reason.clear()
        self._say("", error=False)

    def changes(self, settings: RoundSettings) -> dict[str, Any]:
        """The settings the form changes, by their ``RoundSettings`` names."""
        wanted: dict[str, Any] = {
            "name": " ".join(self.name.text().split()),
            "year": self.year.value(),
            "voting_opens": self.voting_opens.value(),
            "voting_closes": self.voting_closes.value(),
        }
        changes = {k: v for k, v in wanted.items() if getattr(settings, k) != v}
        for key, edit in self.rule_edits.items():
            value = _value(edit)
            stored = getattr(settings, key)
            if isinstance(value, float) and abs(value - stored) < 0.5 * 10**-_DECIMALS:
                continue  # the editor shows the stored value as nearly as it can
            if value != stored:
                changes[key] = value
        changes.update(self.details.changes(settings))
        return changes

    # ---- saving ------------------------------------------------------------------------

    def save(self) -> None:
        settings = self.store.round.settings()
        changes = self.changes(settings)
        if not changes:
            self._say("Nothing has changed.", error=False)
            return
        reason = self.reason.text()
        outcome = attempt(
            self,
            "Settings not saved",
            lambda: change_settings(self.store, changes=changes, reason=reason),
        )
        if outcome is None:
            self._say("Not saved: nothing was changed.", error=True)
            return
        self.session.notify("settings")
        self.refresh()
        self._say(outcome.summary, error=False)

    def change_passphrase(self) -> None:
        boxes = (self.old_passphrase, self.new_passphrase, self.repeat_passphrase)
        old, new, repeat = (box.text() for box in boxes)
        outcome = attempt(
            self,
            "Passphrase not changed",
            lambda: change_admin_passphrase(self.store, new=new, repeat=repeat, old=old),
        )
        if outcome is None:
            self.passphrase_message.setText("The passphrase was not changed.")
            self.old_passphrase.setFocus()
            return
        for box in boxes:
            box.clear()
        self.passphrase_message.setText(outcome.summary)
        announce(self.passphrase_message, outcome.summary)

    def _say(self, text: str, *, error: bool) -> None:
        self.message.setText(text)
        self.message.setObjectName("errorMessage" if error else "")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        if text:
            announce(self.message, text, urgent=error)


def _editor(rule: Rule) -> QComboBox | QSpinBox | QDoubleSpinBox:
    """The editor a rule's declaration asks for: a list of its choices, or a number box with
    its range and unit."""
    edit: QComboBox | QSpinBox | QDoubleSpinBox
    if rule.choices:
        edit = QComboBox()
        for choice in rule.choices:
            edit.addItem(choice.label, choice.value)
    else:
        low, high = rule.minimum or 0, rule.maximum or 0
        if rule.kind is float:
            edit = QDoubleSpinBox()
            edit.setDecimals(_DECIMALS)
            edit.setRange(low, high)
        else:
            edit = QSpinBox()
            edit.setRange(int(low), int(high))
        if rule.unit:
            edit.setSuffix(f" {rule.unit}")
    edit.setAccessibleName(rule.label)
    edit.setAccessibleDescription(rule.help)
    return edit


def _set_value(edit: QComboBox | QSpinBox | QDoubleSpinBox, value: Any) -> None:
    if isinstance(edit, QComboBox):
        edit.setCurrentIndex(max(edit.findData(value), 0))
    elif isinstance(edit, QDoubleSpinBox):
        edit.setValue(float(value))
    else:
        edit.setValue(int(value))


def _value(edit: QComboBox | QSpinBox | QDoubleSpinBox) -> Any:
    if isinstance(edit, QComboBox):
        return edit.currentData()
    return edit.value()


def _secret(name: str) -> QLineEdit:
    box = QLineEdit()
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setAccessibleName(name)
    return box


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
