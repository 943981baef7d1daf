"""Who is signed in to which round, and the signal every view listens to for changes.

One ``Session`` exists per sign-in. Views call ``session.notify("scores")`` after they change
something; every other view refreshes on ``changed``. A timer also watches SQLite's
``data_version`` so changes made by another process (``csx-admin import scores`` on the same
file) show up without a restart.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from csx_desktop.domain.model import PanelMember
from csx_desktop.store import Store

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
    def description(self) -> str:
        if self.member is None:
            return ADMINISTRATOR
        chair = ", chair" if self.member.is_chair else ""
        return f"{self.member.name} ({self.member.group.label}{chair})"


class Session(QObject):
    """A signed-in person working on an open round.

    Signals:
        changed(str): something in the round changed; the argument names what
            ("nominations", "panel", "scores", "decisions", "ballots", "settings",
            or "external" when another program changed the file).
    """

    changed = Signal(str)

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

    def end(self) -> None:
        """Stop watching the file: called when the person signs out or the round closes."""
        self._watch.stop()

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
