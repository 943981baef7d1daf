"""The sign-in screen of a shared laptop: pick your name, type your PIN.

The administrator signs in with the round's passphrase. Wrong PINs are counted in the round
file and each one after the third makes the next try wait longer (2, 4, 8 … seconds), which
stops guessing without locking anyone out of the judging day.

Every message under the PIN is also announced to screen readers (errors interrupt), and the
message label keeps its own words as its accessible text: a name such as "Sign-in message"
would hide them.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csx_desktop.store import Store
from csx_desktop.ui.announce import announce
from csx_desktop.ui.session import ADMINISTRATOR, Person, Role
from csx_desktop.ui.style import ERROR

FREE_TRIES = 3
_ADMIN_ROW = -1  # the item data of the administrator's row


def retry_delay(failures: int) -> int:
    """Seconds to wait before the next try after this many wrong PINs in a row."""
    if failures < FREE_TRIES:
        return 0
    return int(min(2 ** (failures - FREE_TRIES + 1), 60))


class SignInPage(QWidget):
    """Signals:
    signed_in(Person): the person gave the right PIN or passphrase.
    """

    signed_in = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: Store | None = None
        self._wait_until = 0.0
        self._countdown = QTimer(self)
        self._countdown.setInterval(500)
        self._countdown.timeout.connect(self._update_wait)

        self.title = QLabel("Who is signing in?")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.title.setFont(font)
        self.round_label = QLabel()
        self.round_label.setWordWrap(True)

        self.people = QListWidget()
        self.people.setAccessibleName("People")
        self.people.setWordWrap(True)
        self.people.setAccessibleDescription("Choose your name, then type your PIN")
        self.people.currentItemChanged.connect(self._person_changed)
        self.people.itemActivated.connect(self._focus_secret)

        self.secret_label = QLabel("&PIN")
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("PIN")
        self.secret_label.setBuddy(self.secret)
        self.secret.returnPressed.connect(self._sign_in)

        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR}; font-weight: 600;")

        self.sign_in_button = QPushButton("&Sign in")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self._sign_in)

        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        # Sized in characters, not pixels, so the card grows with the system font size.
        card.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 48)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.setSpacing(12)
        inner.addWidget(self.title)
        inner.addWidget(self.round_label)
        people_label = QLabel("&Your name")
        people_label.setBuddy(self.people)
        inner.addWidget(people_label)
        inner.addWidget(self.people, 1)
        form = QFormLayout()
        form.addRow(self.secret_label, self.secret)
        inner.addLayout(form)
        inner.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_in_button)
        inner.addLayout(buttons)

        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 3)
        outer.addStretch(1)
        self.setTabOrder(self.people, self.secret)
        self.setTabOrder(self.secret, self.sign_in_button)

    def _focus_secret(self) -> None:
        self.secret.setFocus()

    def set_store(self, store: Store) -> None:
        """Show the people of this round, administrator first."""
        self._store = store
        settings = store.round.settings()
        year = str(settings.year)
        self.round_label.setText(
            settings.name if year in settings.name else f"{settings.name} — {year}"
        )
        self.people.clear()
        admin = QListWidgetItem(f"{ADMINISTRATOR} — prepares the round, prints certificates")
        admin.setData(Qt.ItemDataRole.UserRole, _ADMIN_ROW)
        self.people.addItem(admin)
        for member in store.panel.members():
            chair = ", panel chair" if member.is_chair else ""
            item = QListWidgetItem(f"{member.name} — {member.group.label}{chair}")
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            self.people.addItem(item)
        self.people.setCurrentRow(0)
        self.reset()

    def reset(self) -> None:
        self.secret.clear()
        self.message.clear()
        self.people.setFocus()

    def _selected_id(self) -> int | None:
        item = self.people.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _person_changed(self) -> None:
        is_admin = self._selected_id() == _ADMIN_ROW
        self.secret_label.setText("&Passphrase" if is_admin else "&PIN")
        self.secret.setAccessibleName("Passphrase" if is_admin else "PIN")
        self.secret.clear()
        self.message.clear()

    def _sign_in(self) -> None:
        if self._store is None:
            return
        selected = self._selected_id()
        if selected is None:
            self._say("Choose your name in the list first.", urgent=True)
            return
        if time.monotonic() < self._wait_until:
            left = int(self._wait_until - time.monotonic()) + 1
            self._say(self._wait_text(left), urgent=True)
            return
        secret = self.secret.text()
        if selected == _ADMIN_ROW:
            if self._store.round.verify_admin(secret):
                announce(self, f"Signed in as the {ADMINISTRATOR.lower()}.")
                self.signed_in.emit(Person(Role.ADMINISTRATOR))
            else:
                self._refuse("That passphrase is not right. Try again.", failures=0)
            return
        member = self._store.panel.member(selected)
        if not member.has_pin:
            self._refuse(
                f"{member.name} has no PIN yet. Ask the administrator to set one.", failures=0
            )
            return
        if self._store.panel.verify_pin(selected, secret):
            announce(self, f"Signed in as {member.name}.")
            self.signed_in.emit(Person(Role.MEMBER, member))
            return
        failures = self._store.panel.failed_sign_ins(selected)
        self._refuse("That PIN is not right. Try again.", failures)

    def _say(self, text: str, *, urgent: bool = False) -> None:
        """Show a message under the PIN and have the screen reader say it too."""
        self.message.setText(text)
        announce(self.message, text, urgent=urgent)

    def _refuse(self, text: str, failures: int) -> None:
        self.secret.clear()
        self.secret.setFocus()
        delay = retry_delay(failures)
        if delay:
            self._wait_until = time.monotonic() + delay
            self.sign_in_button.setEnabled(False)
            self._countdown.start()
            self._say(self._wait_text(delay), urgent=True)
        else:
            self._say(text, urgent=True)

    @staticmethod
    def _wait_text(seconds: int) -> str:
        unit = "second" if seconds == 1 else "seconds"
        return (
            f"That PIN is not right. You can try again in {seconds} {unit}. "
            "(Waiting after a few wrong tries keeps your PIN safe.)"
        )

    def _update_wait(self) -> None:
        left = self._wait_until - time.monotonic()
        if left <= 0:
            self._countdown.stop()
            self.sign_in_button.setEnabled(True)
            self._say("You can try again now.")
            return
        # The countdown is shown, not spoken every half second: the first message said it.
        self.message.setText(self._wait_text(int(left) + 1))
