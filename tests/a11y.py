"""What the accessibility tests look for, on any screen, without knowing the screen.

Each ``check_*`` function takes the top widget of what is on screen and returns a list of
problems in words (empty when the screen passes), so a new screen or dialog is covered by
adding it to the list of screens, never by writing a new check:

- ``check_names``: every control a person can reach has an accessible name, and a button's
  name contains its visible words (WCAG 4.1.2, 2.5.3);
- ``check_labels``: no label has an accessible name that replaces its text (1.3.1, 4.1.2):
  ``QLabel.setAccessibleName("Sign-in message")`` makes a screen reader say "Sign-in
  message" instead of "That PIN is not right";
- ``check_tab_leaves``: Tab and Shift+Tab leave every control, tables and text boxes
  included (2.1.2, no keyboard trap);
- ``check_focus_visible``: each control looks different with the focus, by at least 3:1
  between some of the pixels that change and what they were (2.4.7, and 2.4.13's measure);
- ``check_colours``: every text colour on its background in the widgets' palettes, in the
  item models' own colours and in the style sheets reaches 4.5:1 (1.4.3);
- ``check_dividers``: every divider between panes (``QSplitter``) also moves without
  dragging, by the View menu's actions (Alt+Shift+arrow keys) from a control in its pane
  (2.5.7, 2.1.1);
- ``check_sorting``: a table that sorts when its headings are clicked has a "Sort by"
  drop-down (``SortBy``) beside it, since a keyboard cannot click a heading (2.1.1);
- ``check_target_size``: every control a pointer can hit is at least 24 × 24 px, or far
  enough from the others (2.5.8), and so are the tick boxes inside tables;
- ``check_secrets_paste``: every PIN and passphrase field takes a paste (Ctrl+V) and a value
  set through the accessibility interface, as password managers fill it (3.3.8), and is
  exposed as a password field (its purpose, 1.3.5);
- ``check_keys_in_help``: every key the window answers to (menu items, actions, buttons'
  keys, ``QShortcut``s) is listed by Help > How to score under where it works (2.1.1,
  3.2.6, 3.3.2), and ``check_underlined_letters``: no button underlines a letter that does
  not press it (3.3.2);
- ``check_sensory``: no instruction points by place, colour, shape or sound alone ("on the
  left", "in red", "the round button", "below" with nothing named) (1.3.3);
- ``check_label_purpose``: no input is named with a generic word ("Value", "Field") or the
  same words as another input of its group, and no button outside a dialog's own row says
  only "Edit" or "OK" (2.4.6).

``Transcript`` records what a screen-reader user gets: each focus change with the control's
name, role, value and description, and each announcement.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLineF, QModelIndex, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QAccessible,
    QAction,
    QColor,
    QImage,
    QKeySequence,
    QPalette,
    QShortcut,
    QTextDocumentFragment,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyleOptionViewItem,
    QTabBar,
    QTableView,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from csx_desktop.demo.data import PANEL
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON, TEAM
from csx_desktop.ui.admin_workspace import AdminWorkspace
from csx_desktop.ui.announce import Announcement, listen
from csx_desktop.ui.areas import AREAS
from csx_desktop.ui.help_dialog import HowToScoreDialog
from csx_desktop.ui.main_window import MainWindow
from csx_desktop.ui.member_workspace import MemberWorkspace
from csx_desktop.ui.scoring_workspace import SubmitDialog

LAPTOP = QSize(1366, 768)  # the council's laptops
FOCUS_CONTRAST = 3.0
TEXT_CONTRAST = 4.5
TAB_PRESSES = 6  # enough for a date and time field's sections; far fewer than a table's cells
EDGE_BAND = 8  # px along a widget's edge where its focus ring is looked for
MODEL_ROWS = 60  # rows of each item view whose colours are checked
TARGET = 24  # px: WCAG 2.5.8's 24 CSS px (one device-independent pixel each at 100 %)

# ---- colour ---------------------------------------------------------------------------------


def luminance(colour: QColor) -> float:
    """WCAG relative luminance of an opaque colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def over(colour: QColor, background: QColor) -> QColor:
    """A colour as drawn over an opaque background (placeholders are often half-transparent)."""
    alpha = colour.alphaF()
    if alpha >= 1:
        return colour
    mix = [
        round(alpha * c + (1 - alpha) * b)
        for c, b in zip(
            (colour.red(), colour.green(), colour.blue()),
            (background.red(), background.green(), background.blue()),
            strict=True,
        )
    ]
    return QColor(*mix)


# ---- walking a screen -----------------------------------------------------------------------


def describe(widget: QWidget) -> str:
    """ "QPushButton 'Sign in' in SignInPage": enough to find the widget in the code."""
    name = widget.accessibleName() or widget.objectName()
    if not name:
        text = getattr(widget, "text", None)
        name = text() if callable(text) else ""
    owner = widget.parentWidget()
    while owner is not None and type(owner).__module__.startswith("PySide6"):
        owner = owner.parentWidget()
    where = f" in {type(owner).__name__}" if owner is not None else ""
    return f"{type(widget).__name__} {str(name)[:40]!r}{where}"


def shown(root: QWidget) -> list[QWidget]:
    """The root and every widget under it that is on screen."""
    return [w for w in [root, *root.findChildren(QWidget)] if w.isVisible()]


def _is_proxied(widget: QWidget) -> bool:
    """The widget only passes its focus on (a spin box to its line edit, say)."""
    return widget.focusProxy() is not None


def focus_host(widget: QWidget) -> QWidget:
    """The widget that draws the focus of ``widget``: a spin box or an editable combo box
    for its line edit, else the widget itself."""
    parent = widget.parentWidget()
    if isinstance(parent, QAbstractSpinBox | QComboBox) and parent.focusProxy() is widget:
        return parent
    return widget


def tab_stops(root: QWidget) -> list[QWidget]:
    """What Tab can land on: shown, enabled, taking Tab focus, not passing it on."""
    return [
        w
        for w in shown(root)
        if w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
        and not _is_proxied(w)
    ]


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def visible_words(text: str) -> str:
    """A label's or button's text as read: no mnemonic &, no markup, no trailing …, one space."""
    if re.search(r"<[a-zA-Z/][^>]*>", text):
        text = QTextDocumentFragment.fromHtml(text).toPlainText()
    text = re.sub(r"&(?!&)", "", text).replace("&&", "&")
    text = text.rstrip(".…").strip()
    return " ".join(text.split())


# ---- the checks -----------------------------------------------------------------------------


def check_names(root: QWidget) -> list[str]:
    """Every reachable control has a name, and a button's name holds its visible words."""
    problems = []
    reachable = [*tab_stops(root)]
    reachable += [w for w in shown(root) if isinstance(w, QAbstractButton) and w not in reachable]
    for widget in reachable:
        if widget.objectName().startswith("qt_") and not widget.focusPolicy():
            continue  # Qt's own mouse-only parts, such as a table's corner button
        name = accessible_name(widget)
        if not name.strip():
            problems.append(f"{describe(widget)} has no accessible name")
            continue
        if isinstance(widget, QAbstractButton) and widget.text():
            words = visible_words(widget.text())
            if words and words.lower() not in visible_words(name).lower():
                problems.append(
                    f"{describe(widget)} is named {name!r}, which does not contain its "
                    f"visible words {words!r}"
                )
    return problems


def check_labels(root: QWidget) -> list[str]:
    """No label's accessible name replaces its text (shown or not: a message may be empty)."""
    problems = []
    for label in [root, *root.findChildren(QLabel)]:
        if not isinstance(label, QLabel) or not label.accessibleName():
            continue
        if visible_words(label.accessibleName()) != visible_words(label.text()):
            problems.append(
                f"QLabel named {label.accessibleName()!r} hides its words from screen "
                f"readers (text {visible_words(label.text())[:50]!r})"
            )
    return problems


def _press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, key, modifiers)
    QCoreApplication.processEvents()


def _left(widget: QWidget) -> bool:
    now = QApplication.focusWidget()
    if now is widget:
        return False
    # Into a scroll area's contents is on, not stuck (a table's cells are not widgets).
    return now is None or not widget.isAncestorOf(now) or isinstance(widget, QScrollArea)


def check_tab_leaves(root: QWidget) -> list[str]:
    """Tab and Shift+Tab move the focus out of every control within a few presses (a date
    field's Tab goes through day, month and year first, then on)."""
    stops = tab_stops(root)
    if len(stops) < 2:
        return []
    # Whatever rows it holds today: a view that moves cell to cell on Tab traps it once full.
    problems = [
        f"{describe(w)} moves from cell to cell on Tab (setTabKeyNavigation(False))"
        for w in stops
        if isinstance(w, QAbstractItemView) and w.tabKeyNavigation()
    ]
    for widget in stops:
        for key, modifiers, words in (
            (Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, "Tab"),
            (Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier, "Shift+Tab"),
        ):
            if not widget.isVisible() or not widget.isEnabled():
                continue
            widget.setFocus(Qt.FocusReason.TabFocusReason)
            QCoreApplication.processEvents()
            if not widget.hasFocus():
                continue  # another check says so; focus cannot be given here
            for _ in range(TAB_PRESSES):
                _press(key, modifiers)
                if _left(widget):
                    break
            else:
                problems.append(
                    f"{words} does not leave {describe(widget)} in {TAB_PRESSES} presses"
                )
    return problems


def _edge_pixels(image: QImage) -> Iterator[tuple[int, int]]:
    width, height = image.width(), image.height()
    band = min(EDGE_BAND, width // 2, height // 2)
    for y in range(height):
        if y < band or y >= height - band:
            yield from ((x, y) for x in range(width))
        else:
            yield from ((x, y) for x in range(band))
            yield from ((x, y) for x in range(width - band, width))


@dataclass
class FocusChange:
    """How the focus shows on one widget: the best contrast found and where it is that strong."""

    widget: QWidget
    best: float = 1.0
    strong_pixels: int = 0


def focus_change(widget: QWidget) -> FocusChange | None:
    """Grab the widget without and with the focus; None when it cannot take the focus."""
    host = focus_host(widget)
    window = widget.window()
    window.activateWindow()
    QCoreApplication.processEvents()
    if QApplication.focusWidget() is not None and (
        QApplication.focusWidget() is widget or host.isAncestorOf(QApplication.focusWidget())
    ):
        widget.clearFocus()
        QCoreApplication.processEvents()
    before = host.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QCoreApplication.processEvents()
    if not widget.hasFocus():
        return None
    after = host.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    change = FocusChange(widget)
    if before.size() != after.size():
        change.best = 21.0  # the widget changed size: certainly visible
        change.strong_pixels = after.width()
        return change
    for x, y in _edge_pixels(after):
        was, now = before.pixel(x, y), after.pixel(x, y)
        if was == now:
            continue
        ratio = contrast(QColor.fromRgb(was), QColor.fromRgb(now))
        change.best = max(change.best, ratio)
        if ratio >= FOCUS_CONTRAST:
            change.strong_pixels += 1
    return change


def check_focus_visible(root: QWidget) -> list[str]:
    """Each control changes by ≥3:1 along its edge when focused, over at least a side's length."""
    problems = []
    for widget in tab_stops(root):
        change = focus_change(widget)
        if change is None:
            problems.append(f"{describe(widget)} is a Tab stop but cannot take the focus")
            continue
        enough = min(widget.width(), widget.height())
        if change.best < FOCUS_CONTRAST or change.strong_pixels < enough:
            problems.append(
                f"{describe(widget)}: focus changes by {change.best:.2f}:1 at best "
                f"({change.strong_pixels} px at 3:1 or more, {enough} needed)"
            )
    return problems


# (text role, background role) pairs a widget draws with.
PALETTE_PAIRS = (
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
    (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base),
)


def palette_problems(palette: QPalette, where: str) -> list[str]:
    problems = []
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for text_role, background_role in PALETTE_PAIRS:
            background = palette.color(group, background_role)
            text = over(palette.color(group, text_role), background)
            ratio = contrast(text, background)
            if ratio < TEXT_CONTRAST:
                problems.append(
                    f"{where}: {text_role.name} {text.name()} on {background_role.name} "
                    f"{background.name()} ({group.name}) is {ratio:.2f}:1"
                )
    return problems


def _brush_colour(value: object) -> QColor | None:
    if isinstance(value, QColor):
        return value
    colour = getattr(value, "color", None)
    return colour() if callable(colour) else None


def model_colour_problems(view: QAbstractItemView) -> list[str]:
    """The colours an item model gives its cells (tints, dark text on them)."""
    model = view.model()
    if model is None:
        return []
    problems: set[str] = set()
    text_default = view.palette().color(QPalette.ColorRole.Text)
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model keeps columnCount private
        columns = 1
    for row in range(min(model.rowCount(QModelIndex()), MODEL_ROWS)):
        for column in range(columns):
            index = model.index(row, column)
            background = _brush_colour(model.data(index, Qt.ItemDataRole.BackgroundRole))
            if background is None:
                continue
            text = _brush_colour(model.data(index, Qt.ItemDataRole.ForegroundRole))
            text = text or text_default
            ratio = contrast(text, background)
            if ratio < TEXT_CONTRAST:
                problems.add(
                    f"{describe(view)}: cell text {text.name()} on {background.name()} "
                    f"is {ratio:.2f}:1"
                )
    return sorted(problems)


_BLOCK = re.compile(r"([^{}]+)\{([^{}]*)\}")
_COLOUR = re.compile(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{3,6}|[a-z]+)")
_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*(#[0-9a-fA-F]{3,6}|[a-z]+)")


def style_sheet_pairs(sheet: str) -> list[tuple[str, QColor, QColor]]:
    """(selector, text, background) for each rule of a style sheet that sets both."""
    pairs = []
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.DOTALL)
    for selector, body in _BLOCK.findall(sheet):
        text = _COLOUR.search(body)
        background = _BACKGROUND.search(body)
        if text and background and QColor(background.group(1)).isValid():
            pairs.append(
                (" ".join(selector.split()), QColor(text.group(1)), QColor(background.group(1)))
            )
    return pairs


def check_colours(root: QWidget) -> list[str]:
    """Text on its background reaches 4.5:1 in palettes, item models and style sheets."""
    problems: list[str] = []
    seen_palettes: set[tuple[int, ...]] = set()
    sheets = {QApplication.instance().styleSheet()}  # type: ignore[union-attr]
    for widget in shown(root):
        palette = widget.palette()
        key = tuple(
            palette.color(group, role).rgba()
            for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)
            for pair in PALETTE_PAIRS
            for role in pair
        )
        if key not in seen_palettes:
            seen_palettes.add(key)
            problems += palette_problems(palette, describe(widget))
        if isinstance(widget, QAbstractItemView):
            problems += model_colour_problems(widget)
        if widget.styleSheet():
            sheets.add(widget.styleSheet())
    for sheet in sheets:
        for selector, text, background in style_sheet_pairs(sheet):
            ratio = contrast(text, background)
            if ratio < TEXT_CONTRAST:
                problems.append(
                    f"style {selector}: {text.name()} on {background.name()} is {ratio:.2f}:1"
                )
    return problems


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def check_fits(root: QWidget) -> list[str]:
    """Nothing off the window and nothing cut (1.4.4, 1.4.10): every control and label lies
    inside the window, or inside something that scrolls to it, and is at least as wide as
    its words need (a table may scroll sideways inside itself; its cells are not checked)."""
    window = root.window()
    problems = []
    if window.width() > LAPTOP.width() or window.height() > LAPTOP.height():
        problems.append(
            f"the window needs {window.width()}×{window.height()}, more than a "
            f"{LAPTOP.width()}×{LAPTOP.height()} laptop screen"
        )
    area = window.rect()
    for scroll in (w for w in shown(root) if isinstance(w, QScrollArea)):
        if scroll.horizontalScrollBar().maximum() > 0:  # a table may; a page may not
            problems.append(f"{describe(scroll)} scrolls sideways")
    for widget in shown(root):
        if widget.objectName().startswith("qt_") or widget is window:
            continue
        if not isinstance(widget, QLabel | QAbstractButton | QComboBox | QLineEdit | QTabBar):
            continue
        top_left = widget.mapTo(window, widget.rect().topLeft())
        rect = widget.rect().translated(top_left)
        if not area.contains(rect) and not _in_scroll_area(widget):
            problems.append(f"{describe(widget)} is off the window at {rect.getRect()}")
        cut = isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and not widget.wordWrap() and widget.text()
        )
        if cut and widget.width() < widget.minimumSizeHint().width():
            problems.append(
                f"{describe(widget)} is cut: {widget.width()} px wide, needs "
                f"{widget.minimumSizeHint().width()}"
            )
    return problems


def _in_view(widget: QWidget) -> bool:
    """Some of the widget is on screen: inside its window and not scrolled out of sight."""
    window = widget.window()
    rect = widget.rect().translated(widget.mapTo(window, QPoint(0, 0)))
    return not widget.visibleRegion().isEmpty() and window.rect().intersects(rect)


def check_focus_not_obscured(root: QWidget) -> list[str]:
    """WCAG 2.4.11: Tab from the first control to the last; each control that gets the focus
    is at least partly in view (a page that scrolls must scroll to it)."""
    stops = tab_stops(root)
    if not stops:
        return []
    problems = []
    stops[0].setFocus(Qt.FocusReason.TabFocusReason)
    QCoreApplication.processEvents()
    seen: set[int] = set()
    for _ in range(len(stops) + 2):
        focus = QApplication.focusWidget()
        if (
            focus is None
            or id(focus) in seen
            or (not root.isAncestorOf(focus) and focus is not root)
        ):
            break
        seen.add(id(focus))
        if not _in_view(focus_host(focus)):
            problems.append(f"{describe(focus)} has the focus but is out of sight")
        _press(Qt.Key.Key_Tab)
    return problems


# Words a panel member should not meet: the statisticians' and the rubric's (issue 13, 9).
JARGON = (
    "normalised",
    "spread",
    "sheets",
    "scoresheet",
    "cse",
    "criterion",
    "criteria",
    "read-only",
    "advisory",
    "z-score",
    "flags",
)


def words_shown(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every piece of text on screen: labels, buttons, tabs, tooltips,
    table cells and headers, text panes and the descriptions a screen reader reads."""
    found: list[tuple[str, str]] = []
    for widget in shown(root):
        where = describe(widget)
        for text in (widget.toolTip(), widget.accessibleDescription(), widget.windowTitle()):
            if text:
                found.append((where, text))
        if isinstance(widget, QLabel | QAbstractButton):
            found.append((where, widget.text()))
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                found += [(where, widget.tabText(i)), (where, widget.tabToolTip(i))]
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            found.append((where, widget.toPlainText()))
        elif isinstance(widget, QHeaderView):
            continue  # its table reads the headers, knowing which columns are hidden
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            found += [(where, text) for text in _model_words(widget)]
    return [(where, text) for where, text in found if text]


def _model_words(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:
        columns = 1
    hidden = getattr(view, "isColumnHidden", lambda _c: False)
    shown_columns = [c for c in range(columns) if not hidden(c)]
    for column in shown_columns:
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            yield str(model.headerData(column, Qt.Orientation.Horizontal, role) or "")
    for row in range(min(model.rowCount(QModelIndex()), MODEL_ROWS)):
        for column in shown_columns:
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                yield str(index.data(role) or "")


def check_plain_words(root: QWidget) -> list[str]:
    """No jargon in what a panel member reads or hears."""
    problems = set()
    for where, text in words_shown(root):
        for word in JARGON:
            if re.search(rf"\b{re.escape(word)}\b", visible_words(text), re.IGNORECASE):
                problems.add(f"{where}: {word!r} in {visible_words(text)[:70]!r}")
    return sorted(problems)


def check_dividers(root: QWidget) -> list[str]:
    """Each divider between two shown panes moves by the window's divider actions, from a
    control in the pane before it (Alt+Shift+arrow keys, the View menu)."""
    problems = []
    for splitter in (w for w in shown(root) if isinstance(w, QSplitter)):
        dividers = getattr(splitter.window(), "pane_dividers", None)
        for handle in range(1, splitter.count()):
            before, after = splitter.widget(handle - 1), splitter.widget(handle)
            if not (before.isVisible() and after.isVisible()):
                continue
            where = f"the divider after pane {handle} of {describe(splitter)}"
            if dividers is None:
                problems.append(f"{where} can only be dragged: its window has no divider actions")
                continue
            stops = tab_stops(before)
            if not stops:
                problems.append(f"{where}: no control in the pane before it to start from")
                continue
            stops[0].setFocus(Qt.FocusReason.TabFocusReason)
            QCoreApplication.processEvents()
            moved = False
            for direction in (1, -1):
                sizes = splitter.sizes()
                dividers.move(splitter.orientation(), direction)
                QCoreApplication.processEvents()
                moved = moved or splitter.sizes() != sizes
            if not moved:
                problems.append(f"{where} does not move with the divider actions")
    return problems


def _targets(root: QWidget) -> list[QWidget]:
    """The controls a pointer acts on. Left out, as WCAG 2.5.8 allows: scroll bars and the
    parts inside a control (a spin box's arrows, a drop-down's arrow, a search box's clear
    button), whose size is Qt's own and whose job the control itself does at full size (the
    "user agent control" and "equivalent" exceptions)."""
    kinds = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QTabBar, QAbstractItemView)
    found = []
    for widget in shown(root):
        if not isinstance(widget, kinds) or not widget.isEnabled():
            continue
        if isinstance(widget, QHeaderView) or widget.objectName().startswith("qt_"):
            continue
        inside = widget.parentWidget()
        if isinstance(inside, QAbstractSpinBox | QComboBox | QLineEdit):
            continue  # a part of a control, not a control
        found.append(widget)
    return found


def _rects(widget: QWidget, window: QWidget) -> list[tuple[str, QRect]]:
    """Where a target is, in window coordinates: a tab bar's each tab, else the widget."""
    origin = widget.mapTo(window, QPoint(0, 0))
    if isinstance(widget, QTabBar):
        return [
            (f"tab {widget.tabText(i).replace('&', '')!r}", widget.tabRect(i).translated(origin))
            for i in range(widget.count())
            if widget.isTabVisible(i)
        ]
    return [(describe(widget), widget.rect().translated(origin))]


def _tick_box_problems(view: QAbstractItemView) -> list[str]:
    """A table's tick boxes: as big as a target, or a row apart (their spacing)."""
    model = view.model()
    if model is None or not model.rowCount(QModelIndex()):
        return []
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:
        columns = 1
    checkable = [
        model.index(0, c)
        for c in range(columns)
        if model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsUserCheckable
        and model.index(0, c).data(Qt.ItemDataRole.CheckStateRole) is not None  # one is drawn
    ]
    problems = []
    for index in checkable:
        option = QStyleOptionViewItem()
        option.initFrom(view)
        option.rect = view.visualRect(index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
        box = view.style().subElementRect(
            QStyle.SubElement.SE_ItemViewItemCheckIndicator, option, view
        )
        pitch = view.visualRect(index).height()
        if model.rowCount(QModelIndex()) > 1:  # from one row's top to the next's
            below = view.visualRect(model.index(1, index.column()))
            pitch = below.top() - view.visualRect(index).top()
        if min(box.width(), box.height()) < TARGET and pitch < TARGET:
            problems.append(
                f"{describe(view)}: its tick boxes are {box.width()}×{box.height()} px on a "
                f"{pitch} px pitch (needs {TARGET} px, or {TARGET} px apart)"
            )
    return problems


def check_target_size(root: QWidget) -> list[str]:
    """WCAG 2.5.8: each target is at least 24 × 24 px, or a 24 px circle on its centre
    touches no other target and no other small target's circle (the spacing exception)."""
    window = root.window()
    targets = _targets(root)
    placed = [(w, where, rect) for w in targets for where, rect in _rects(w, window)]
    small = [
        (w, where, rect) for w, where, rect in placed if min(rect.width(), rect.height()) < TARGET
    ]
    problems = []
    radius = TARGET / 2
    for widget, where, rect in small:
        centre = QPointF(rect.center())
        for other, other_where, other_rect in placed:
            if other_rect == rect or other.isAncestorOf(widget) or widget.isAncestorOf(other):
                continue
            nearest_x = min(max(centre.x(), other_rect.left()), other_rect.right())
            nearest_y = min(max(centre.y(), other_rect.top()), other_rect.bottom())
            reaches = (centre.x() - nearest_x) ** 2 + (centre.y() - nearest_y) ** 2 < radius**2
            other_small = min(other_rect.width(), other_rect.height()) < TARGET
            distance = QLineF(centre, QPointF(other_rect.center())).length()
            if reaches or (other_small and distance < TARGET):
                problems.append(
                    f"{where} is {rect.width()}×{rect.height()} px and {distance:.0f} px from "
                    f"{other_where} (needs {TARGET}×{TARGET} px, or {TARGET} px of room)"
                )
                break
    for view in targets:
        if isinstance(view, QAbstractItemView):
            problems += _tick_box_problems(view)
    return problems


SECRET = "864213"  # a PIN's digits, long enough for a passphrase: fits every secret field


def check_secrets_paste(root: QWidget) -> list[str]:
    """WCAG 3.3.8: nothing stops a secret being pasted or filled in by a password manager:
    each hidden-text box takes Ctrl+V whole, and a value set through its accessible
    interface (how a password manager or a screen reader's form filler writes it)."""
    problems = []
    clipboard = QApplication.clipboard()
    for box in shown(root):
        if not isinstance(box, QLineEdit) or box.echoMode() == QLineEdit.EchoMode.Normal:
            continue
        if not box.isEnabled() or box.isReadOnly():
            continue
        kept = box.text()
        clipboard.setText(SECRET)
        box.clear()
        box.setFocus(Qt.FocusReason.TabFocusReason)
        QTest.keyClick(box, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        if box.text() != SECRET:
            problems.append(f"{describe(box)} does not take a pasted secret ({box.text()!r})")
        box.clear()
        interface = QAccessible.queryAccessibleInterface(box)
        if interface is not None:
            # Its purpose known to assistive technology (1.3.5): a password field.
            if not interface.state().passwordEdit:
                problems.append(f"{describe(box)} is not exposed as a password field")
            interface.setText(QAccessible.Text.Value, SECRET)
        if box.text() != SECRET:
            problems.append(f"{describe(box)} cannot be filled in by a password manager")
        box.setText(kept)
    clipboard.clear()
    return problems


def check_sorting(root: QWidget) -> list[str]:
    """Every table sorted by clicking its headings can be sorted from the keyboard too."""
    from csx_desktop.ui.widgets.sort_by import SortBy

    sorters = {id(s.table) for s in shown(root) if isinstance(s, SortBy) and s.isEnabled()}
    return [
        f"{describe(view)} sorts only by clicking a heading (no Sort by drop-down beside it)"
        for view in shown(root)
        if isinstance(view, QTableView) and view.isSortingEnabled() and id(view) not in sorters
    ]


# ---- keys in the help (2.1.1, 3.3.2) --------------------------------------------------------


def _main_window(root: QWidget) -> QWidget:
    """The window whose Help > How to score lists the keys of ``root`` (a dialog's owner)."""
    window = root.window()
    owner = window.parentWidget()
    return owner.window() if isinstance(window, QDialog) and owner is not None else window


def _help_sections(page: str) -> dict[str, str]:
    """The help page's text by heading: {"Keys in Certificates": "Ctrl+P Print …", …}."""
    sections: dict[str, str] = {}
    for part in re.split(r"<h3>", page)[1:]:
        heading, _, body = part.partition("</h3>")
        sections[html_text(heading)] = html_text(body)
    return sections


def html_text(fragment: str) -> str:
    return " ".join(QTextDocumentFragment.fromHtml(fragment).toPlainText().split())


def _listed(keys: str, text: str) -> bool:
    """``keys`` appears whole in ``text``: "Ctrl+S" is not found in "Ctrl+Shift+R"."""
    return re.search(rf"(?<![\w+]){re.escape(keys)}(?![\w+])", text) is not None


def check_keys_in_help(root: QWidget) -> list[str]:
    """Every key the screen answers to — a menu item's or action's shortcut, a ``QShortcut``,
    a button's key other than its underlined letter — is listed by Help > How to score under
    the heading of where it works (its menu, the area, the tab or the dialog), or with the
    scoring keys; and no button underlines a letter that no longer presses it."""
    from csx_desktop.ui.help_dialog import (
        how_to_score_html,
        is_mnemonic,
        key_words,
        owner_of,
        place_of,
        words_of,
    )

    window = _main_window(root)
    sections = _help_sections(how_to_score_html(window))
    scoring = sections.get("Keys for scoring", "")
    problems = []

    def listed(what: str, sequences: Iterable[QKeySequence], where: str) -> None:
        heading = (f"{where} menu", f"Keys in {where}") if where else ("Other keys",)
        for sequence in sequences:
            if sequence.isEmpty():
                continue
            keys = key_words(sequence)
            text = " ".join(sections.get(h, "") for h in heading)
            if not _listed(keys, text) and not _listed(keys, scoring):
                problems.append(
                    f"{what}: {keys} is not listed by Help > How to score under "
                    f"{' or '.join(map(repr, heading))} (give it words: QShortcut.setWhatsThis)"
                )

    for action in window.findChildren(QAction):
        if not action.isEnabled():
            continue
        menus = [o for o in action.associatedObjects() if isinstance(o, QMenu)]
        owner = owner_of(action)
        if not menus and owner is not None and not owner.isVisible():
            continue  # Qt does not trigger it: its widget is not on screen
        where = words_of(menus[0].title()) if menus else place_of(owner)
        listed(f"action {words_of(action.text())!r}", action.shortcuts(), where)
    for shortcut in window.findChildren(QShortcut):
        parent = owner_of(shortcut)
        if not shortcut.isEnabled() or parent is None:
            continue
        if parent.window() is not window and not parent.window().isVisible():
            continue  # a dialog not open now
        listed(f"QShortcut in {describe(parent)}", shortcut.keys(), place_of(parent))
    for button in window.findChildren(QAbstractButton):
        if button.window() is not window and not button.window().isVisible():
            continue
        if button.shortcut().isEmpty() or is_mnemonic(button):
            continue
        listed(describe(button), [button.shortcut()], place_of(button))
    return problems


def check_underlined_letters(root: QWidget) -> list[str]:
    """A button's underlined letter is its key: ``setShortcut(Ctrl+D)`` on "&Record
    decision…" replaces Alt+R, so the R is still underlined but Alt+R does nothing (a
    wrong instruction, WCAG 3.3.2; and 2.1.1 for a keyboard user who trusts it)."""
    from csx_desktop.ui.help_dialog import is_mnemonic, key_words

    problems = []
    for button in shown(root):
        if not isinstance(button, QAbstractButton) or is_mnemonic(button):
            continue
        underlined = QKeySequence.mnemonic(button.text())
        if not underlined.isEmpty():
            problems.append(
                f"{describe(button)} underlines {key_words(underlined)} but its key is "
                f"{key_words(button.shortcut()) or 'none'}: the underlined letter does nothing"
            )
    return problems


# ---- sensory characteristics (1.3.3) --------------------------------------------------------

# Instructions that point by place, colour, shape or sound alone. "above"/"below" only when
# the sentence names nothing (no quoted words): "the “Save” button below" names it.
SENSORY = re.compile(
    r"\b(?:on|to|at|in) the (?:left|right)\b|\b(?:left|right)[- ]hand\b"
    r"|\b(?:top|bottom)[- ](?:left|right)\b"
    r"|\b(?:in|the|is|are|turns?|shown in|marked in) (?:red|green|blue|yellow|orange|amber)\b"
    r"|\b(?:round|square|circular|triangular|big|small) (?:button|icon|box|mark)\b"
    r"|\b(?:beep|chime|when you hear)\b",
    re.IGNORECASE,
)
PLACE_ONLY = re.compile(r"\b(?:above|below)\b(?! and beyond)", re.IGNORECASE)
_NAMED = re.compile(r"[“\"'‘][^”\"'’]+[”\"'’]")


def instructions_shown(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for the words the app writes to tell people what to do: labels,
    buttons, tabs, tooltips, descriptions, placeholders, titles and help pages. Not the
    nominations' and the round's data (a citation may say "went above and beyond")."""
    found: list[tuple[str, str]] = []
    for widget in shown(root):
        where = describe(widget)
        texts = [widget.toolTip(), widget.accessibleDescription(), widget.windowTitle()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit | QTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QTextBrowser) and widget.accessibleName() != "Citations":
            texts.append(widget.toPlainText())
        if isinstance(widget, QTabBar):
            for i in range(widget.count()):
                texts += [widget.tabText(i), widget.tabToolTip(i)]
        if isinstance(widget, QComboBox):  # the app's own choices ("— not in this file —")
            texts += [widget.itemText(i) for i in range(min(widget.count(), MODEL_ROWS))]
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        found += [(where, visible_words(t)) for t in texts if t]
    return found


def check_sensory(root: QWidget) -> list[str]:
    """WCAG 1.3.3: no instruction relies on place, colour, shape or sound alone."""
    problems = set()
    for where, text in instructions_shown(root):
        for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
            found = SENSORY.search(sentence)
            if found is None and not _NAMED.search(sentence):
                found = PLACE_ONLY.search(sentence)
            if found is not None:
                problems.add(f"{where}: {found.group(0)!r} in {sentence[:80]!r}")
    return sorted(problems)


# ---- headings and labels (2.4.6) ------------------------------------------------------------

# Names that say what a control is, not what it is for.
GENERIC_NAMES = {
    "edit",
    "field",
    "value",
    "input",
    "text",
    "text box",
    "box",
    "button",
    "list",
    "table",
    "item",
    "ok",
    "go",
    "click here",
    "here",
    "more",
    "select",
    "choose",
    "change",
    "untitled",
}


def _inputs(root: QWidget) -> list[QWidget]:
    """The controls a person gives a value to or picks from, each once (a spin box, not its
    line edit; a drop-down, not its list)."""
    kinds = (
        QLineEdit,
        QComboBox,
        QAbstractSpinBox,
        QTextEdit,
        QPlainTextEdit,
        QAbstractItemView,
        QCheckBox,
        QRadioButton,
    )
    found = []
    for widget in shown(root):
        if not isinstance(widget, kinds) or isinstance(widget, QHeaderView):
            continue
        if isinstance(widget, QTextEdit) and widget.isReadOnly():
            continue  # a text to read (a help page, a citation), not an input
        inside = widget.parentWidget()
        while inside is not None and inside is not root:
            if isinstance(inside, QAbstractSpinBox | QComboBox):
                break
            inside = inside.parentWidget()
        if inside is not None and inside is not root:
            continue
        found.append(widget)
    return found


def label_of(widget: QWidget) -> str:
    """What names an input: its accessible name, else the label whose buddy it is, else what
    the accessibility interface says (on Linux a drop-down's "name" is its value: its label
    reaches a screen reader through the buddy relation instead)."""
    if widget.accessibleName():
        return widget.accessibleName()
    for label in widget.window().findChildren(QLabel):
        if label.buddy() is widget and label.text():
            return label.text()
    return accessible_name(widget)


def _in_dialog_buttons(button: QWidget) -> bool:
    """A dialog's own OK, Cancel, Close: "OK" says enough there."""
    parent = button.parentWidget()
    return isinstance(parent, QDialogButtonBox) or isinstance(button.window(), QMessageBox)


def check_label_purpose(root: QWidget) -> list[str]:
    """WCAG 2.4.6: each input's name (its label) is not a generic word and is not shared with
    another input of the same group on screen; each heading (a group's title) names its
    topic and no two are alike; a button outside a dialog's own row of buttons says what it
    does ("Edit member", not "Edit")."""
    problems = []
    seen: dict[tuple[str, str], QWidget] = {}
    for widget in _inputs(root):
        name = visible_words(label_of(widget))
        if not name:
            continue  # check_names says so
        if name.lower() in GENERIC_NAMES:
            problems.append(f"{describe(widget)} is named {name!r}, which says nothing of it")
        key = (name.lower(), group_of(widget))
        other = seen.setdefault(key, widget)
        if other is not widget:
            problems.append(
                f"{describe(widget)} and {describe(other)} are both named {name!r}"
                + (f" in {key[1]!r}" if key[1] else "")
            )
    headings: dict[tuple[str, str], QGroupBox] = {}
    for box in shown(root):
        if not isinstance(box, QGroupBox) or not box.title():
            continue
        title = visible_words(box.title())
        if title.lower() in GENERIC_NAMES | {"details", "options", "settings", "general"}:
            problems.append(f"the heading {title!r} of {describe(box)} says nothing of its topic")
        key = (title.lower(), group_of(box))
        first = headings.setdefault(key, box)
        if first is not box:
            problems.append(f"two parts of the screen have the same heading {title!r}")
    for button in shown(root):
        if not isinstance(button, QPushButton | QToolButton) or _in_dialog_buttons(button):
            continue
        if button.objectName().startswith("qt_") or not button.isEnabled():
            continue
        name = visible_words(accessible_name(button))
        if name.lower() in GENERIC_NAMES:
            problems.append(f"{describe(button)} is named {name!r}: say what it acts on")
    return problems


CHECKS: dict[str, Callable[[QWidget], list[str]]] = {
    "names": check_names,
    "labels": check_labels,
    "tab-leaves": check_tab_leaves,
    "focus-visible": check_focus_visible,
    "colours": check_colours,
    "dividers": check_dividers,
    "sorting": check_sorting,
    "target-size": check_target_size,
    "secrets-paste": check_secrets_paste,
    "keys-in-help": check_keys_in_help,
    "underlined-letters": check_underlined_letters,
    "sensory": check_sensory,
    "label-purpose": check_label_purpose,
}


# ---- what a screen reader says --------------------------------------------------------------


def role_words(role: QAccessible.Role) -> str:
    """ "RadioButton" -> "radio button"."""
    return re.sub(r"(?<!^)([A-Z])", r" \1", role.name).lower()


def value_of(widget: QWidget) -> str:
    """What a screen reader reads as the control's value or state."""
    interface = QAccessible.queryAccessibleInterface(widget)
    if interface is None:
        return ""
    state = interface.state()
    if isinstance(widget, QAbstractButton) and widget.isCheckable():
        return "checked" if state.checked else "not checked"
    if isinstance(widget, QAbstractItemView):
        index = widget.currentIndex()
        if not index.isValid():
            return "nothing chosen"
        spoken = index.data(Qt.ItemDataRole.AccessibleTextRole) or index.data()
        return " ".join(str(spoken).split())
    if isinstance(widget, QTabBar):
        return widget.tabText(widget.currentIndex()).replace("&", "")
    if isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal:
        return f"{len(widget.text())} characters, hidden"
    if isinstance(widget, QTextEdit | QPlainTextEdit | QLineEdit | QComboBox | QAbstractSpinBox):
        text = interface.text(QAccessible.Text.Value)
        return " ".join(text.split())[:80]
    values = interface.valueInterface()
    if values is not None:
        return str(values.currentValue())
    return ""


def group_of(widget: QWidget) -> str:
    """The name of the group (a criterion) the control sits in, if any."""
    parent = widget.parentWidget()
    while parent is not None:
        interface = QAccessible.queryAccessibleInterface(parent)
        if interface is not None and interface.role() == QAccessible.Role.Grouping:
            return interface.text(QAccessible.Text.Name)
        parent = parent.parentWidget()
    return ""


@dataclass
class Transcript:
    """Focus changes, value changes and announcements, in the order a person hears them."""

    lines: list[str] = field(default_factory=list)
    _focus: QWidget | None = None
    _value: str = ""
    _group: str = ""

    def __post_init__(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self._stop = listen(self._said)

    def close(self) -> None:
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.disconnect(self._focus_changed)
        self._stop()

    def begin(self) -> None:
        """Start from whatever has the focus now."""
        self._focus = None
        self._focus_changed(None, QApplication.focusWidget())

    def key(self, words: str) -> None:
        self.lines.append(f"[key] {words}")

    def _said(self, said: Announcement) -> None:
        how = "interrupts" if said.urgent else "says"
        self.lines.append(f"    announcement ({how}): {said.text}")

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new is self._focus:
            return
        self._focus = new
        interface = QAccessible.queryAccessibleInterface(new)
        if interface is None:
            return
        group = group_of(new)
        if group and group != self._group:
            self.lines.append(f"    group: {group}")
        self._group = group
        name = interface.text(QAccessible.Text.Name)
        role = role_words(interface.role())
        self._value = value_of(new)
        description = interface.text(QAccessible.Text.Description)
        line = f"    focus: {name!r}, {role}"
        if self._value:
            line += f", {self._value}"
        if description:
            line += f" — {description}"
        self.lines.append(line)

    def check_value(self) -> None:
        """After a key: say so when the focused control's value changed in place."""
        widget = QApplication.focusWidget()
        if widget is None or widget is not self._focus:
            return
        value = value_of(widget)
        if value != self._value:
            self._value = value
            self.lines.append(f"    value: {value}")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def press(transcript: Transcript, keys: Iterable[tuple[str, Qt.Key, Qt.KeyboardModifier]]) -> None:
    """Press keys on whatever has the focus, as a person would, writing each to the transcript."""
    for words, key, modifiers in keys:
        transcript.key(words)
        target = QApplication.focusWidget()
        assert target is not None, f"nothing has the focus before {words}"
        QTest.keyClick(target, key, modifiers)
        QCoreApplication.processEvents()
        transcript.check_value()


# ---- the screens of the demo round ----------------------------------------------------------

ADMIN_PASSPHRASE = "demo-admin"
MEMBER = "Margaret Teesdale"  # Catalyst voice forum: has submitted Pride of Stockton
CHAIR = "Sandra Pounder"
PINS = {person.name: person.pin for person in PANEL}


def open_window(qtbot: QtBot, demo_file: Path, folder: Path) -> MainWindow:
    """The main window on a copy of the demo round, laid out as on a 1366×768 laptop."""
    path = folder / "demo.csxawards"
    shutil.copyfile(demo_file, path)
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_round(path)
    window.resize(LAPTOP)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def sign_in(window: MainWindow, name: str) -> QWidget:
    people = window.sign_in.people
    row = next(i for i in range(people.count()) if people.item(i).text().startswith(name))
    people.setCurrentRow(row)
    window.sign_in.secret.setText(ADMIN_PASSPHRASE if row == 0 else PINS[name])
    window.sign_in._sign_in()
    QApplication.processEvents()
    assert window.workspace is not None
    return window.workspace


def member_tab(window: MainWindow, name: str, title: str) -> QWidget:
    workspace = sign_in(window, name)
    assert isinstance(workspace, MemberWorkspace)
    tabs = workspace.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == title))
    QApplication.processEvents()
    _counted(window)
    return window


def admin_area(window: MainWindow, title: str) -> QWidget:
    workspace = sign_in(window, "Administrator")
    assert isinstance(workspace, AdminWorkspace)
    workspace.show_area(title)
    QApplication.processEvents()
    _counted(window)
    return window


def _counted(window: MainWindow) -> None:
    """Wait until Results has counted what it shows (it counts once "Counting the results…"
    is on screen), so the ranking is what is checked, not the words before it."""
    from csx_desktop.ui.areas.results import ResultsArea

    for _ in range(500):  # processEvents, not qWait: no deferred deletion happens here
        if not any(area.counting for area in window.findChildren(ResultsArea)):
            return
        QApplication.processEvents()
    raise AssertionError("Results never finished counting")


def decided(window: MainWindow) -> QWidget:
    """The Certificates area once every category's decision is recorded (rank 1 wins), so
    its table and preview are on screen rather than its empty state."""
    from csx_desktop.operations.decisions import record_decision
    from csx_desktop.operations.results import ADMINISTRATOR
    from csx_desktop.store.results import load_results

    store = window.store
    assert store is not None
    for result in load_results(store):
        leaders = [e.entry_id for e in result.leaders][:1]
        if leaders and result.category.id is not None:
            record_decision(
                store,
                viewer=ADMINISTRATOR,
                category_id=result.category.id,
                winners=leaders,
                reason="Decided at the panel meeting.",
                confirm_open_sheets=True,
            )
    return admin_area(window, "Certificates")


def submit_dialog(window: MainWindow) -> QWidget:
    member_tab(window, MEMBER, f"Score: {EXTRA_MILE}")
    workspace = window.workspace
    assert isinstance(workspace, MemberWorkspace)
    scoring = workspace.workspace(EXTRA_MILE)
    dialog = SubmitDialog(EXTRA_MILE, scoring.model.rows(), window)
    dialog.show()
    dialog.activateWindow()
    QApplication.processEvents()
    return dialog


def help_page(window: MainWindow) -> QWidget:
    member_tab(window, MEMBER, f"Score: {EXTRA_MILE}")
    window.how_to_score_action.trigger()
    dialog = window.findChild(HowToScoreDialog)
    assert dialog is not None and dialog.isVisible()
    QApplication.processEvents()
    return dialog


def import_mapping(window: MainWindow) -> QWidget:
    """The nominations import's mapping dialog, on a Google Forms export of three rows."""
    import csv

    from csx_desktop.io.nomination_import import prepare_import
    from csx_desktop.ui.mapping_dialog import MappingDialog

    admin_area(window, "Nominations")
    store = window.store
    assert store is not None and store.path is not None
    path = store.path.parent / "responses.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [
                ["Timestamp", "Which award?", "Nominee's full name", "Why do they deserve it?"],
                ["8/31/2025 10:00:00", "Extra Mile", "Ann Lee", "Kind. Quick. Thorough."],
                ["9/1/2025 10:00:00", "Team award", "Hub Team", "They answered every call."],
            ]
        )
    plan = prepare_import(path, categories=store.round.categories())
    dialog = MappingDialog(plan, store.round.categories(), store.round.nominating_bodies(), window)
    dialog.resize(LAPTOP)
    dialog.show()
    dialog.activateWindow()
    QApplication.processEvents()
    return dialog


def admin_tab(window: MainWindow, area: str, tab: str) -> QWidget:
    """A tab of an administrator area other than its first (Panel's declared interests, say):
    the checks look only at what is on screen, so each tab is a screen of its own."""
    from PySide6.QtWidgets import QTabWidget

    admin_area(window, area)
    workspace = window.workspace
    assert isinstance(workspace, AdminWorkspace)
    built = workspace.area(area)
    assert built is not None
    tabs = built.findChild(QTabWidget)
    assert tabs is not None
    titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    tabs.setCurrentIndex(titles.index(tab))
    QApplication.processEvents()
    return window


def several_nominations(window: MainWindow) -> QWidget:
    """Nominations with an entry of two or more nominations chosen (Split… is enabled)."""
    from csx_desktop.ui.areas.nominations import NominationsArea

    admin_area(window, "Nominations")
    workspace = window.workspace
    assert isinstance(workspace, AdminWorkspace)
    area = workspace.area("Nominations")
    assert isinstance(area, NominationsArea)
    entry = next(r.entry for r in area.model.rows() if r.entry.nomination_count > 1)
    assert entry.id is not None and area.select_entry(entry.id)
    QApplication.processEvents()
    return window


def results_decided(window: MainWindow) -> QWidget:
    """Results once the decisions are recorded (Reopen decision… is enabled)."""
    decided(window)
    admin_area(window, "Results")
    return window


def _show_dialog(dialog: QDialog) -> QWidget:
    dialog.show()
    dialog.activateWindow()
    QApplication.processEvents()
    return dialog


def new_round(window: MainWindow) -> QWidget:
    """File > New round…: the dialog that creates a round file."""
    from csx_desktop.ui.new_round_dialog import NewRoundDialog

    return _show_dialog(NewRoundDialog(window))


def print_dialog(window: MainWindow) -> QWidget:
    """Certificates' Print…: Qt's own print dialog (Windows and macOS show the system's)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    decided(window)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, window)
    window.setProperty("a11y_printer", printer)  # kept alive as long as its dialog
    return _show_dialog(dialog)


def refusal(window: MainWindow) -> QWidget:
    """The box every refusal is shown in: ``errors.show_refusal`` calls Qt's
    ``QMessageBox.warning``, which builds this box and waits; here it is shown instead."""
    admin_area(window, "Panel")
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "No member chosen",
        "Choose a member in the list first.",
        QMessageBox.StandardButton.Ok,
        window,
    )
    return _show_dialog(box)


def vote_columns(window: MainWindow) -> QWidget:
    """The vote import's question when no column names the voter or the vote."""
    from csx_desktop.ui.vote_dialogs import VoteColumnsDialog

    admin_area(window, "Shining Star")
    headings = ["When", "Payroll", "Person you are backing"]
    dialog = VoteColumnsDialog("votes.csv", headings, {"cast_at": "When"}, window)
    dialog.show()
    dialog.activateWindow()
    QApplication.processEvents()
    return dialog


# Every screen of the member's path, the chair's and the administrator's: one line each.
SCREENS: dict[str, Callable[[MainWindow], QWidget]] = {
    "sign-in": lambda w: w,
    "member scoring": lambda w: member_tab(w, MEMBER, f"Score: {EXTRA_MILE}"),
    "member submitted category": lambda w: member_tab(w, MEMBER, f"Score: {PRIDE_OF_STOCKTON}"),
    "member interests question": lambda w: member_tab(w, MEMBER, f"Score: {TEAM}"),
    "member results": lambda w: member_tab(w, MEMBER, "Results"),
    "member submit dialog": submit_dialog,
    "how to score": help_page,
    "chair scoring": lambda w: member_tab(w, CHAIR, f"Score: {EXTRA_MILE}"),
    "chair scoring progress": lambda w: member_tab(w, CHAIR, "Scoring progress"),
    "chair results": lambda w: member_tab(w, CHAIR, "Results"),
    **{f"administrator {spec.title}": (lambda w, t=spec.title: admin_area(w, t)) for spec in AREAS},
    "administrator Certificates, decisions recorded": decided,
    "administrator import mapping": import_mapping,
    "administrator vote columns": vote_columns,
    "administrator Nominations, an entry of several nominations": several_nominations,
    "administrator Panel, declared interests": lambda w: admin_tab(
        w, "Panel", "Declared interests"
    ),
    "administrator Panel, rubrics": lambda w: admin_tab(w, "Panel", "Rubrics"),
    "administrator Panel, judging packs": lambda w: admin_tab(w, "Panel", "Judging packs"),
    "administrator Results, decisions recorded": results_decided,
    "administrator Certificates, date and signatories": lambda w: admin_tab(
        w, "Certificates", "Date and signatories"
    ),
    "administrator Shining Star, superseded ballots": lambda w: admin_tab(
        w, "Shining Star", "Superseded ballots (18)"
    ),
    "administrator Shining Star, paper votes": lambda w: admin_tab(
        w, "Shining Star", "Paper votes (1)"
    ),
    "new round": new_round,
    "a refusal": refusal,
    "print dialog": print_dialog,
}


# ---- the dialogs a screen's buttons open ----------------------------------------------------


def _no_answer(*_args: object, **_kwargs: object) -> object:
    return QMessageBox.StandardButton.Cancel


def patch_modal_calls(monkeypatch: pytest.MonkeyPatch, opened: list[QDialog]) -> None:
    """Make every dialog show instead of blocking, and every question answer "no": a button
    can then be pressed in a test and whatever it opens looked at."""

    def show_instead(self: QDialog) -> int:
        self.show()
        opened.append(self)
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(QDialog, "exec", show_instead)
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, _no_answer)
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, lambda *_a, **_k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a, **_k: "")
    for name in ("getText", "getMultiLineText", "getItem"):
        monkeypatch.setattr(QInputDialog, name, lambda *_a, **_k: ("", False))


def buttons_to_press(root: QWidget) -> list[QAbstractButton]:
    """The push and tool buttons of a screen (not its tick boxes, not pop-up menus)."""
    return [
        b
        for b in shown(root)
        if isinstance(b, QPushButton | QToolButton)
        and b.isEnabled()
        and b.menu() is None
        and not b.objectName().startswith("qt_")
    ]


def choose_first_rows(root: QWidget) -> None:
    """Make the first row (its last column: a member's cell in Scoring progress) current in
    every list and table on screen that has rows but nothing chosen."""
    for view in shown(root):
        if not isinstance(view, QAbstractItemView) or isinstance(view, QHeaderView):
            continue
        model = view.model()
        if model is None or view.currentIndex().isValid() or not model.rowCount():
            continue
        try:
            last = model.columnCount(QModelIndex()) - 1
        except TypeError:  # a list model keeps columnCount private
            last = 0
        view.setCurrentIndex(model.index(0, max(last, 0)))
    QCoreApplication.processEvents()


def check_dialogs(
    root: QWidget, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> dict[str, list[str]]:
    """Press each button of the screen; run every check on each dialog it opens.

    Returns {"button → DialogClass": problems}, one entry per dialog seen. First each list
    and table has its first row chosen, as a person would before pressing "Edit…" or "Set
    PIN…", so the buttons that act on a chosen row open their dialogs too."""
    opened: list[QDialog] = []
    patch_modal_calls(monkeypatch, opened)
    results: dict[str, list[str]] = {}
    choose_first_rows(root)
    for button in buttons_to_press(root):
        if not button.isVisible() or not button.isEnabled():
            continue
        before = len(opened)
        button.click()
        QCoreApplication.processEvents()
        for dialog in opened[before:]:
            if not dialog.isVisible():
                continue
            dialog.activateWindow()
            qtbot.waitUntil(lambda d=dialog: QApplication.activeWindow() is d, timeout=2000)
            where = f"{visible_words(button.text()) or describe(button)} → {type(dialog).__name__}"
            problems: list[str] = []
            for name, check in CHECKS.items():
                problems += [f"{name}: {p}" for p in check(dialog)]
            results[where] = problems
            dialog.close()
            QCoreApplication.processEvents()
    return results
