"""Say something to a screen reader without moving the keyboard focus.

A judge who cannot see the screen must still hear "Saved", "That was the last entry" or
"That PIN is not right" (WCAG 4.1.3, status messages). Qt 6.8 added announcement events:
``announce(widget, text)`` sends one through the platform's accessibility bridge (AT-SPI,
UI Automation, NSAccessibility), politely by default, so the screen reader says it after
what it is saying now; ``urgent=True`` interrupts, for errors that stop the person.

Every announcement also goes to the listeners added with ``listen()``: the accessibility
tests record them to write the transcript a screen-reader user gets, and a log could too.
Call it from the UI only, with the words the person should hear (the same words the
screen shows, so both audiences get one message).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent


@dataclass(frozen=True, slots=True)
class Announcement:
    """One thing said: its words, whether it interrupted, and who said it."""

    text: str
    urgent: bool
    source: str  # the sending widget's class name, for the transcript


Listener = Callable[[Announcement], None]
_listeners: list[Listener] = []


def announce(source: QObject, text: str, *, urgent: bool = False) -> None:
    """Have the screen reader say ``text``; ``source`` is the widget the words are about."""
    text = " ".join(text.split())
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    event.setPoliteness(
        QAccessible.AnnouncementPoliteness.Assertive
        if urgent
        else QAccessible.AnnouncementPoliteness.Polite
    )
    QAccessible.updateAccessibility(event)  # does nothing when no assistive technology runs
    said = Announcement(text, urgent, type(source).__name__)
    for listener in list(_listeners):
        listener(said)


def listen(listener: Listener) -> Callable[[], None]:
    """Call ``listener`` with every announcement; returns the function that stops it."""
    _listeners.append(listener)

    def stop() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return stop


@contextmanager
def recording() -> Iterator[list[Announcement]]:
    """Collect the announcements made inside the ``with`` block (for tests)."""
    said: list[Announcement] = []
    stop = listen(said.append)
    try:
        yield said
    finally:
        stop()
