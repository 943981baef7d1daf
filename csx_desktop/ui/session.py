"""Who is signed in to which round, and the signal every view listens to for changes.

One ``Session`` exists per sign-in. Views call ``session.notify("scores")`` after they change
something; every other view refreshes on ``changed``. A timer also watches SQLite's
``data_version`` so changes made by another process (``csx-admin import scores`` on the same
file) show up without a restart.

Saves go through ``Session.save``. While another program holds the round file's write lock
(an import of thousands of rows, ``csx-admin`` on the same file), a save waits a moment for
it; if the file is still busy the change is kept, in order, and tried again every
``RETRY_MS`` until it goes in, and ``waiting(True)`` lets the screen say "Waiting for the
round file…" instead of showing an error. Nothing typed is lost: signing out or closing the
round first puts every kept change in.
"""

from __future__ import annotations

import enum
import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from csx_desktop.domain.model import PanelMember
from csx_desktop.operations.results import ADMINISTRATOR as ADMINISTRATOR_VIEWER
from csx_desktop.operations.results import Viewer
from csx_desktop.store import CsxError, Store
from csx_desktop.store.errors import RoundBusy

log = logging.getLogger(__name__)

# How long a save in the window waits for the round file before keeping the change and
# trying again: short, so the window never freezes behind another program's import.
LOCK_WAIT_SECONDS = 0.2
RETRY_MS = 250
WAITING_TEXT = (
    "Waiting for the round file… another program is saving to it. Your changes are kept "
    "and will be saved as soon as it is free."
)

ADMINISTRATOR = "Administrator"


class Role(enum.Enum):
    ADMINISTRATOR = "administrator"
    MEMBER = "member"


@dataclass(frozen=True)
class Person:
    role: Role
    member: PanelMember | None = None

    @property
    def name(self) -> str:
        return self.member.name if self.member else ADMINISTRATOR

    @property
    def is_chair(self) -> bool:
        return self.member is not None and self.member.is_chair

    @property
    def is_administrator(self) -> bool:
        return self.role is Role.ADMINISTRATOR

    @property
    def viewer(self) -> Viewer:
        """Who is asking, as the operations take it: a member's id, or the administrator."""
        if self.role is Role.ADMINISTRATOR or self.member is None or self.member.id is None:
            return ADMINISTRATOR_VIEWER
        return self.member.id

    @property
    def description(self) -> str:
        if self.member is None:
            return ADMINISTRATOR
        chair = ", chair" if self.member.is_chair else ""
        return f"{self.member.name} ({self.member.group.label}{chair})"


@dataclass(frozen=True)
class _Save:
    """A change the window is to store: ``attempt`` writes it; then ``done`` or ``refused``."""

    attempt: Callable[[], Any]
    done: Callable[[Any], None]
    refused: Callable[[CsxError], None]


class Session(QObject):
    """A signed-in person working on an open round.

    Signals:
        changed(str): something in the round changed; the argument names what
            ("nominations", "panel", "scores", "decisions", "ballots", "settings",
            or "external" when another program changed the file).
        waiting(bool): True while changes wait for the round file (another program holds
            it), False once every kept change is stored.
    """

    changed = Signal(str)
    waiting = Signal(bool)

    def __init__(self, store: Store, person: Person, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.person = person
        store.actor = person.name
        self._data_version = self._read_data_version()
        self._watch = QTimer(self)
        self._watch.setInterval(2000)
        self._watch.timeout.connect(self._check_external_change)
        self._watch.start()
        self._kept: deque[_Save] = deque()
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._try_kept)

    def end(self) -> None:
        """Stop watching the file: called when the person signs out or the round closes.

        Changes still waiting for the round file are stored first, waiting as long as a
        command-line write would (they were shown to the person; they must not be lost).
        """
        self._watch.stop()
        self._retry.stop()
        while self._kept:
            save = self._kept.popleft()
            try:
                save.attempt()
            except RoundBusy:
                log.error("A change could not be saved: the round file stayed busy.")
            except CsxError as error:
                log.warning("A kept change was refused when the session ended: %s", error)

    @property
    def is_waiting(self) -> bool:
        """True while changes are kept, waiting for the round file."""
        return bool(self._kept)

    def save(
        self,
        attempt: Callable[[], Any],
        *,
        done: Callable[[Any], None],
        refused: Callable[[CsxError], None],
    ) -> bool:
        """Store a change now, or keep it until the round file is free.

        ``attempt`` makes the change (a store call); its result goes to ``done``. A rule
        that says no goes to ``refused``. Returns True when the change is stored now, False
        when it is kept (behind earlier kept changes, so they go in in the order made).
        """
        save = _Save(attempt, done, refused)
        if self._kept:
            self._kept.append(save)
            return False
        if self._run(save):
            return True
        self._kept.append(save)
        self._retry.start()
        self.waiting.emit(True)
        return False

    def _run(self, save: _Save) -> bool:
        """One try: False when the round file is still busy (the change is not made)."""
        try:
            with self.store.lock_wait(LOCK_WAIT_SECONDS):
                result = save.attempt()
        except RoundBusy:
            return False
        except CsxError as error:
            save.refused(error)
            return True
        save.done(result)
        return True

    def _try_kept(self) -> None:
        while self._kept:
            if not self._run(self._kept[0]):
                return  # still busy: the timer tries again
            self._kept.popleft()
        self._retry.stop()
        self.waiting.emit(False)

    def notify(self, what: str) -> None:
        self._data_version = self._read_data_version()
        self.changed.emit(what)

    def _read_data_version(self) -> int:
        return int(self.store.conn.execute("PRAGMA data_version").fetchone()[0])

    def _check_external_change(self) -> None:
        version = self._read_data_version()
        if version != self._data_version:
            self._data_version = version
            self.changed.emit("external")
