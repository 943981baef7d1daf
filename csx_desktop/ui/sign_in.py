"""The sign-in screen of a shared laptop: pick your name, type your PIN.

The administrator signs in with the round's passphrase. Wrong tries are counted in the round
file (``store.sign_ins``) and each one after the third makes the next try wait longer (2, 4,
8 … seconds, at most a minute), which stops guessing without locking anyone out of the
judging day. The wait is kept in the round, so a new window waits too: choosing a name shows
it in plain words ("You can try again in 8 seconds").

A member whose PIN is from before PINs had 6 digits signs in with it once more and is then
asked to choose a new one of 6 to 8 digits before going on. A round on read-only media says
so here, in one line.

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

from csx_desktop.domain.model import PanelMember
from csx_desktop.domain.secrets import FREE_TRIES, pin_problem, retry_delay
from csx_desktop.operations import panel as panel_ops
from csx_desktop.operations import sign_in as sign_ins
from csx_desktop.store import CsxError, Store
from csx_desktop.store.sign_ins import SignIn, wait_words
from csx_desktop.ui.announce import announce
from csx_desktop.ui.session import ADMINISTRATOR, Person, Role
from csx_desktop.ui.style import ERROR

__all__ = ["FREE_TRIES", "SignInPage", "retry_delay"]

_ADMIN_ROW = -1  # the item data of the administrator's row


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

        # Read-only media: one line, shown under the round's name.
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()

        # A PIN from before 6 digits: a new one, typed twice, before going on.
        self.new_pin_box = QFrame()
        new_pin_layout = QFormLayout(self.new_pin_box)
        new_pin_layout.setContentsMargins(0, 0, 0, 0)
        self.new_pin_intro = QLabel()
        self.new_pin_intro.setWordWrap(True)
        new_pin_layout.addRow(self.new_pin_intro)
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pin_again = QLineEdit()
        self.new_pin_again.setEchoMode(QLineEdit.EchoMode.Password)
        new_pin_label = QLabel("&New PIN")
        new_pin_label.setBuddy(self.new_pin)
        again_label = QLabel("The &same PIN again")
        again_label.setBuddy(self.new_pin_again)
        new_pin_layout.addRow(new_pin_label, self.new_pin)
        new_pin_layout.addRow(again_label, self.new_pin_again)
        self.new_pin_again.returnPressed.connect(self._save_new_pin)
        self.new_pin_box.hide()
        self._changing: PanelMember | None = None

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
        inner.addWidget(self.note)
        people_label = QLabel("&Your name")
        people_label.setBuddy(self.people)
        inner.addWidget(people_label)
        inner.addWidget(self.people, 1)
        form = QFormLayout()
        form.addRow(self.secret_label, self.secret)
        inner.addLayout(form)
        inner.addWidget(self.new_pin_box)
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
        self.note.setText(store.read_only_note)
        self.note.setVisible(store.read_only)
        self.people.setCurrentRow(0)
        self.reset()

    def reset(self) -> None:
        self._end_pin_change()
        self.secret.clear()
        self.message.clear()
        self.people.setFocus()
        self._show_stored_wait()

    def _selected_id(self) -> int | None:
        item = self.people.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def _person_changed(self) -> None:
        is_admin = self._selected_id() == _ADMIN_ROW
        self.secret_label.setText("&Passphrase" if is_admin else "&PIN")
        self.secret.setAccessibleName("Passphrase" if is_admin else "PIN")
        self._end_pin_change()
        self.secret.clear()
        self.message.clear()
        self._show_stored_wait()

    def _stored_wait(self, selected: int | None) -> int:
        """Seconds the round says this person must still wait after wrong tries."""
        if self._store is None or selected is None:
            return 0
        if selected == _ADMIN_ROW:
            return self._store.round.admin_sign_in_wait()
        return self._store.panel.sign_in_wait(selected)

    def _show_stored_wait(self) -> None:
        """The wait kept in the round after wrong tries, in plain words (a fresh window
        waits too)."""
        wait = self._stored_wait(self._selected_id())
        self._countdown.stop()
        if wait:
            self._start_wait(wait)
            self._say(self._wait_text(wait, self._what()))
        else:
            self._wait_until = 0.0
            self.sign_in_button.setEnabled(True)

    def _what(self) -> str:
        return "passphrase" if self._selected_id() == _ADMIN_ROW else "PIN"

    def _sign_in(self) -> None:
        if self._store is None:
            return
        if self._changing is not None:
            self._save_new_pin()
            return
        selected = self._selected_id()
        if selected is None:
            self._say("Choose your name in the list first.", urgent=True)
            return
        what = self._what()
        if time.monotonic() < self._wait_until:
            left = int(self._wait_until - time.monotonic()) + 1
            self._say(self._wait_text(left, what), urgent=True)
            return
        secret = self.secret.text()
        if selected == _ADMIN_ROW:
            result = sign_ins.sign_in_administrator(self._store, passphrase=secret)
            if result.no_secret:
                self._say(
                    "This round has no administrator's passphrase, so nobody can sign in as "
                    "the administrator. Set one first: csx-admin passphrase with the round "
                    "file's name.",
                    urgent=True,
                )
                return
            if result.ok:
                announce(self, f"Signed in as the {ADMINISTRATOR.lower()}.")
                self.signed_in.emit(Person(Role.ADMINISTRATOR))
                return
            self._refuse("That passphrase is not right. Try again.", result, what)
            return
        member = self._store.panel.member(selected)
        result = sign_ins.sign_in_member(self._store, member_id=selected, pin=secret)
        if result.no_secret:
            self._say(
                f"{member.name} has no PIN yet. Ask the administrator to set one.", urgent=True
            )
            return
        if not result.ok:
            self._refuse("That PIN is not right. Try again.", result, what)
            return
        if result.change_pin and not self._store.read_only:
            self._start_pin_change(member)
            return
        announce(self, f"Signed in as {member.name}.")
        self.signed_in.emit(Person(Role.MEMBER, member))

    # ---- a new PIN for a PIN of the old length ---------------------------------------------

    def _start_pin_change(self, member: PanelMember) -> None:
        self._changing = member
        self.secret.clear()
        self.secret.setEnabled(False)
        self.people.setEnabled(False)
        self.new_pin_intro.setText(
            f"Welcome, {member.name}. PINs are now longer, to keep your scores safe: choose "
            "a new PIN of 6 to 8 digits and type it twice. You will use it from now on."
        )
        self.new_pin.clear()
        self.new_pin_again.clear()
        self.new_pin_box.show()
        self.sign_in_button.setText("&Save PIN and sign in")
        self.new_pin.setFocus()
        self._say("")
        announce(self.new_pin_intro, self.new_pin_intro.text())

    def _save_new_pin(self) -> None:
        member = self._changing
        if self._store is None or member is None or member.id is None:
            return
        pin = self.new_pin.text()
        problem = pin_problem(pin)
        if problem:
            self._say(f"{problem} Type the new PIN again.", urgent=True)
            self.new_pin.setFocus()
            return
        if self.new_pin_again.text() != pin:
            self._say("The two PINs were not the same. Type them again.", urgent=True)
            self.new_pin_again.clear()
            self.new_pin_again.setFocus()
            return
        self._store.actor = member.name  # the audit row names who chose their PIN
        try:
            panel_ops.set_pin(self._store, member_id=member.id, pin=pin)
        except CsxError as error:  # said on the page itself, where the PIN is typed
            self._say(str(error), urgent=True)
            return
        self._end_pin_change()
        announce(self, f"New PIN saved. Signed in as {member.name}.")
        self.signed_in.emit(Person(Role.MEMBER, member))

    def _end_pin_change(self) -> None:
        self._changing = None
        self.new_pin_box.hide()
        self.new_pin.clear()
        self.new_pin_again.clear()
        self.secret.setEnabled(True)
        self.people.setEnabled(True)
        self.sign_in_button.setText("&Sign in")

    def _say(self, text: str, *, urgent: bool = False) -> None:
        """Show a message under the PIN and have the screen reader say it too."""
        self.message.setText(text)
        announce(self.message, text, urgent=urgent)

    def _refuse(self, text: str, result: SignIn, what: str) -> None:
        self.secret.clear()
        self.secret.setFocus()
        if result.wait:
            self._start_wait(result.wait)
            self._say(self._wait_text(result.wait, what), urgent=True)
        else:
            self._say(text, urgent=True)

    def _start_wait(self, seconds: int) -> None:
        self._wait_until = time.monotonic() + seconds
        self.sign_in_button.setEnabled(False)
        self._countdown.start()

    @staticmethod
    def _wait_text(seconds: int, what: str = "PIN") -> str:
        return (
            f"That {what} is not right. You can try again in {wait_words(seconds)}. "
            f"(Waiting after a few wrong tries keeps your {what} safe.)"
        )

    def _update_wait(self) -> None:
        left = self._wait_until - time.monotonic()
        if left <= 0:
            self._countdown.stop()
            self.sign_in_button.setEnabled(True)
            self._say("You can try again now.")
            return
        # The countdown is shown, not spoken every half second: the first message said it.
        self.message.setText(self._wait_text(int(left) + 1, self._what()))
