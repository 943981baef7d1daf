"""Help > How to score (F1): the scoring page in plain words, and every key the window answers to.

The panel includes members of the public who have never used the app; this is the page
they can open at any time without leaving their scores. ``SCORING_KEYS`` is the scoring
page's keys (digits, arrows: keys a list handles itself); a test presses each of them in
the workspace. Every other key is read from the window itself each time the page opens
(``window_keys``): each menu item's and button's shortcut, and each ``QShortcut`` with
what it does in its ``whatsThis`` — so a key added anywhere is listed without touching
this page, and a test fails if a key has no words to say what it does.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QMenu,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

# (keys, what they do), in the order a judge meets them.
SCORING_KEYS: tuple[tuple[str, str], ...] = (
    (
        "0 to 5",
        "Score the highlighted line (marked ▶). Works from the list of entries and "
        "while you read the nominations too.",
    ),
    ("Up, Down", "Move to the previous or the next line."),
    ("Left, Right", "Take one off the score, or add one."),
    ("Home, End", "Score 0, or the top score."),
    ("Delete", "Clear the score on this line."),
    ("Ctrl+Enter", "Go to the next entry you have to score."),
    ("Ctrl+Shift+Enter", "Go back to the previous entry."),
    ("Ctrl+Z", "Undo your last change."),
    ("Ctrl+Shift+Z, Ctrl+Y", "Redo what you undid."),
    (
        "Tab, Shift+Tab",
        "Move between the entries, the nominations, the scores, the comment and the buttons.",
    ),
    ("Enter (in the list of entries)", "Go to the scores of the chosen entry."),
    ("Alt+C", "Go to the comment box."),
    ("Alt+U, Alt+N, Alt+S", "The buttons at the bottom: Undo, Next entry, Submit category."),
    ("Alt+E", "Go to the list of entries."),
    (
        "Ctrl+Page Down, Ctrl+Page Up",
        "Show the next or previous tab (another category, or Results).",
    ),
    ("F1", "Open this page."),
    ("Ctrl+Shift+L", "Switch person: go back to the sign-in screen for the next person."),
)

_STEPS = (
    "Choose an entry in the list of entries (Alt+E). Its nominations are shown under the "
    "heading “Citations”, which Tab takes you to: read them all.",
    "Score each line from 0 (no evidence) to 5 (exceptional). The words for each score are "
    "shown with it when you choose it.",
    "Each score is saved the moment you give it. The line at the bottom says “Saved” and "
    "the time. There is no Save button, and closing the laptop loses nothing.",
    "Add a comment if you want to. It is saved when you stop typing.",
    "If you know a nominee, you said so before scoring (a declared interest). You do not "
    "score that entry.",
    "When every entry is scored, choose Submit category. After that you cannot change your "
    "scores; the chair can reopen the category if one must change.",
    "Once you have submitted, the Results tab shows the panel's scores for that category.",
)


# Keys of QShortcuts in files that give them no words: (where, keys) -> what they do. Kept
# small: a new QShortcut says what it does with ``setWhatsThis`` instead.
KEY_WORDS: dict[tuple[str, str], str] = {
    ("Round settings", "Ctrl+S"): "Save the round settings.",
}

# Key names as people say them (Qt's portable names are short).
_KEY_NAMES = {
    "PgDown": "Page Down",
    "PgUp": "Page Up",
    "Return": "Enter",
    "Del": "Delete",
    "Ins": "Insert",
    "Esc": "Escape",
}


def key_words(sequence: QKeySequence) -> str:
    """ "Ctrl+PgDown" -> "Ctrl+Page Down"; "Ctrl+Return" -> "Ctrl+Enter"."""
    text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
    chords = []
    for chord in text.split(", "):
        parts = chord.split("+")
        chords.append("+".join(_KEY_NAMES.get(part, part) for part in parts))
    return ", ".join(chords)


def words_of(text: str) -> str:
    """A menu item's or button's text as said: no &, no trailing …."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.rstrip(".…").split())


@dataclass(frozen=True)
class Key:
    """One key the window answers to: its keys, what it does and where it works."""

    keys: str  # as people say them: "Ctrl+Shift+R"
    what: str  # "Save results report"
    where: str  # a menu ("File"), a screen ("Certificates") or a window's title


def is_mnemonic(button: QAbstractButton) -> bool:
    """The button's key is Alt and its underlined letter (shown on it; not listed)."""
    return button.shortcut() == QKeySequence.mnemonic(button.text())


def _in_closed_window(widget: QWidget, window: QWidget) -> bool:
    """Inside a dialog of ``window`` that is not open (kept for next time, or closed)."""
    top = widget.window()
    return top is not window and not top.isVisible()


def place_of(widget: QWidget | None) -> str:
    """Where a key works, in the words on screen: the administrator's area, the tab or the
    window that holds ``widget``."""
    from csx_desktop.ui.areas import AREAS

    areas = {spec.class_name: spec.title for spec in AREAS}
    while widget is not None:
        name = areas.get(type(widget).__name__)
        if name:
            return name
        stack = widget.parentWidget()
        tabs = stack.parentWidget() if isinstance(stack, QStackedWidget) else None
        if isinstance(tabs, QTabWidget):
            return words_of(tabs.tabText(tabs.indexOf(widget)))
        if widget.isWindow():  # a dialog by its title; the main window: "Other keys"
            return words_of(widget.windowTitle()) if widget.parentWidget() is not None else ""
        widget = widget.parentWidget()
    return ""


def owner_of(item: QAction | QShortcut) -> QWidget | None:
    """The widget an action or a shortcut belongs to (its parent), if a widget."""
    parent = item.parent()
    return parent if isinstance(parent, QWidget) else None


def _menu_of(action: QAction) -> QMenu | None:
    return next((o for o in action.associatedObjects() if isinstance(o, QMenu)), None)


def _sequences(item: QAction | QShortcut) -> list[QKeySequence]:
    keys = item.shortcuts() if isinstance(item, QAction) else item.keys()
    return [k for k in keys if not k.isEmpty()]


def window_keys(window: QWidget) -> list[Key]:
    """Every key ``window`` answers to now, outside the scoring page's own (``SCORING_KEYS``):
    menu items and actions, buttons with a key other than their underlined letter, and
    ``QShortcut``s that say what they do (``whatsThis``, or ``KEY_WORDS``). A shortcut with
    no words is left out, and the test that every key is listed says which."""
    scoring = {k for keys, _what in SCORING_KEYS for k in keys.split(", ")}
    found: list[Key] = []
    for action in window.findChildren(QAction):
        if not action.isEnabled() or not _sequences(action):
            continue
        menu = _menu_of(action)
        owner = owner_of(action)
        if menu is None and owner is not None and not owner.isVisible():
            continue  # an action of a widget not on screen (being replaced) does nothing
        where = words_of(menu.title()) if menu is not None else place_of(owner)
        what = words_of(action.text()) or action.statusTip()
        found += [Key(key_words(k), what, where) for k in _sequences(action)]
    for shortcut in window.findChildren(QShortcut):
        parent = owner_of(shortcut)
        if not shortcut.isEnabled() or parent is None or _in_closed_window(parent, window):
            continue
        where = place_of(parent)
        for sequence in _sequences(shortcut):
            keys = key_words(sequence)
            if keys in scoring:
                continue
            what = shortcut.whatsThis() or KEY_WORDS.get((where, keys), "")
            if what:
                found.append(Key(keys, what, where))
    for button in window.findChildren(QAbstractButton):
        if button.shortcut().isEmpty() or is_mnemonic(button):
            continue
        if _in_closed_window(button, window):
            continue
        keys = key_words(button.shortcut())
        if keys not in scoring:
            what = words_of(button.text()) or button.accessibleName()
            found.append(Key(keys, what, place_of(button)))
    unique: dict[tuple[str, str], Key] = {}
    for key in found:
        unique.setdefault((key.keys, key.where), key)
    return list(unique.values())


def _table(rows: Iterable[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>"
        for keys, what in rows
    )
    return (
        "<table cellpadding='4'><tr><th align='left'>Key</th>"
        f"<th align='left'>What it does</th></tr>{cells}</table>"
    )


def how_to_score_html(window: QWidget | None = None) -> str:
    """The page: how to score, the scoring keys, then every other key of ``window``, by
    menu and by screen."""
    steps = "".join(f"<li>{html.escape(step)}</li>" for step in _STEPS)
    parts = [
        "<h2>How to score</h2>",
        f"<ol>{steps}</ol>",
        "<h3>Keys for scoring</h3>",
        "<p>Everything can be done with the keyboard.</p>",
        _table(SCORING_KEYS),
    ]
    if window is not None:
        places: dict[str, list[Key]] = {}
        for key in sorted(window_keys(window), key=lambda k: k.keys):
            places.setdefault(key.where, []).append(key)
        menus = {words_of(m.title()) for m in window.findChildren(QMenu)} - {""}
        for where in sorted(places, key=lambda w: (w not in menus, w)):
            heading = f"{where} menu" if where in menus else f"Keys in {where}" if where else ""
            parts.append(f"<h3>{html.escape(heading or 'Other keys')}</h3>")
            parts.append(_table((k.keys, k.what) for k in places[where]))
    parts += [
        "<h3>Underlined letters</h3>",
        "<p>Hold Alt and press the underlined letter of a button, a tab or a heading to press "
        "the button, show the tab or go to the box under the heading. Press Alt alone to go "
        "to the menus.</p>",
        "<p>Need help on the day? Ask the chair or the administrator.</p>",
    ]
    return "".join(parts)


class HowToScoreDialog(QDialog):
    """The help page; it does not block the window behind it. Its keys are read from the
    window each time it opens, so they are those of the screens open then."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("How to score")
        self.text = QTextBrowser()
        self.text.setAccessibleName("How to score")
        self.text.setOpenLinks(False)
        self.refresh()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        # Sized in text, but never beyond the screen, at whatever text size.
        metrics = self.fontMetrics()
        width = metrics.horizontalAdvance("M") * 60
        height = metrics.lineSpacing() * 36
        screen = self.screen()
        if screen is not None:
            available = screen.availableGeometry()
            width = min(width, int(available.width() * 0.9))
            height = min(height, int(available.height() * 0.9))
        self.resize(width, height)
        self.text.setFocus()

    def refresh(self) -> None:
        """Read the window's keys again (a screen opened since may have added some)."""
        parent = self.parentWidget()
        self.text.setHtml(how_to_score_html(parent.window() if parent is not None else None))

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)
