"""A button's second key (Ctrl+D, say) that leaves its underlined letter (Alt+R) working.

``QPushButton.setShortcut`` replaces the key of the button's underlined letter: "&Record
decision…" still showed R underlined, but Alt+R did nothing (WCAG 2.1.1, found by
tests/a11y.py). ``add_key(button, "Ctrl+D")`` gives the button a second key as a
``QShortcut`` that clicks it; the mnemonic stays, and the F1 help lists the key with the
button's words (its ``whatsThis``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractButton


def add_key(button: QAbstractButton, keys: str) -> QShortcut:
    """Let ``keys`` click ``button`` wherever its window has the focus, while the button is
    on screen and enabled (as the button's own shortcut would)."""
    shortcut = QShortcut(QKeySequence(keys), button)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.setWhatsThis(button.text().replace("&", "").rstrip("…"))

    def click() -> None:
        if button.isVisible() and button.isEnabled():
            button.animateClick()

    shortcut.activated.connect(click)
    return shortcut
