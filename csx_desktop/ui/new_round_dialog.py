"""Creating a new round: its name, year, the administrator's passphrase, and where to save it.

The round is made by ``operations.rounds.create_round``, which holds every rule of it (the
passphrase's length, the two typings matching, the file's name); a refusal is shown the
window's one way (``ui.errors.attempt``) and the dialog stays open to put it right.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from csx_desktop import ROUND_SUFFIX
from csx_desktop.operations.rounds import MIN_PASSPHRASE, create_round
from csx_desktop.ui.errors import attempt
from csx_desktop.ui.session import ADMINISTRATOR


class NewRoundDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New awards round")
        self.created_path: Path | None = None
        year = datetime.date.today().year
        self.name = QLineEdit(f"Customer Service Awards {year}")
        self.name.setAccessibleName("Round name")
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year)
        self.year.setAccessibleName("Year")
        self.location = QLineEdit(str(Path.home() / f"awards-{year}{ROUND_SUFFIX}"))
        self.location.setAccessibleName("Save the round file as")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.location, 1)
        where.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Administrator's passphrase")
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName("Repeat the passphrase")

        form = QFormLayout()
        form.addRow("Round &name", self.name)
        form.addRow("&Year", self.year)
        form.addRow("&Save as", where)
        form.addRow("Administrator's &passphrase", self.passphrase)
        form.addRow("&Repeat passphrase", self.repeat)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create round")
        buttons.accepted.connect(self._create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        opening = QLabel(
            "A new round starts with the four award categories, their default scoring "
            "criteria and the scoring rules, which are kept in the round. The passphrase "
            f"(at least {MIN_PASSPHRASE} characters) protects the administrator's areas."
        )
        opening.setWordWrap(True)  # one long line would make the dialog wider than a laptop
        layout.addWidget(opening)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the new round as", self.location.text(), f"Awards rounds (*{ROUND_SUFFIX})"
        )
        if path:
            self.location.setText(path)

    def _create(self) -> None:
        path = Path(self.location.text().strip())
        if path.suffix != ROUND_SUFFIX:
            path = path.with_name(path.name + ROUND_SUFFIX)
        created = attempt(
            self,
            "Round not created",
            lambda: create_round(
                path=path,
                name=self.name.text(),
                year=self.year.value(),
                admin_passphrase=self.passphrase.text(),
                repeat=self.repeat.text(),
                actor=ADMINISTRATOR,
            ),
        )
        if created is None:
            return
        self.created_path = created.path
        self.accept()
