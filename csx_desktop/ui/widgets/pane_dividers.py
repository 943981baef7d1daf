"""Moving the dividers between panes without dragging them (WCAG 2.5.7 and 2.1.1).

A ``QSplitter``'s divider moves only by dragging it with a mouse. ``PaneDividers`` adds four
actions to a menu — move the divider left, right, up or down — that move the divider of the
panes the keyboard is in, a tenth of the way at a time, and say where it is now. They work
from the keyboard (Alt+Shift+arrow keys, shown in the menu) and with one click on the menu,
for every splitter in the window, present or future, without a line of code in the screen
that has it.

Which divider: the nearest splitter of that direction around the widget with the focus (the
divider after its pane, or before it for the last pane); when the focus is in no such pane,
the first splitter of that direction on screen.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QSplitter, QWidget

from csx_desktop.ui.announce import announce

STEP = 0.1  # of the splitter's length, each press

# (menu text, keys, orientation, +1 right/down or -1 left/up)
MOVES: tuple[tuple[str, str, Qt.Orientation, int], ...] = (
    ("Move the divider &left", "Alt+Shift+Left", Qt.Orientation.Horizontal, -1),
    ("Move the divider &right", "Alt+Shift+Right", Qt.Orientation.Horizontal, 1),
    ("Move the divider &up", "Alt+Shift+Up", Qt.Orientation.Vertical, -1),
    ("Move the divider &down", "Alt+Shift+Down", Qt.Orientation.Vertical, 1),
)
NOTHING_TO_MOVE = "There is no divider to move here."


def splitter_for(window: QWidget, orientation: Qt.Orientation) -> tuple[QSplitter, int] | None:
    """The splitter whose divider moves, and the number of that divider (1 … count - 1)."""
    focus = QApplication.focusWidget()
    if focus is not None and window.isAncestorOf(focus):
        child: QWidget = focus
        parent = focus.parentWidget()
        while parent is not None and parent is not window:
            if (
                isinstance(parent, QSplitter)
                and parent.orientation() == orientation
                and parent.count() > 1
            ):
                pane = parent.indexOf(child)
                return parent, pane + 1 if pane < parent.count() - 1 else pane
            child, parent = parent, parent.parentWidget()
    for splitter in window.findChildren(QSplitter):
        if splitter.isVisible() and splitter.orientation() == orientation and splitter.count() > 1:
            return splitter, 1
    return None


def move_divider(splitter: QSplitter, handle: int, direction: int) -> bool:
    """Move divider ``handle`` a step right/down (+1) or left/up (-1); False if it cannot."""
    sizes = splitter.sizes()
    before, after = handle - 1, handle
    horizontal = splitter.orientation() == Qt.Orientation.Horizontal

    def least(index: int) -> int:
        widget = splitter.widget(index)
        if widget is None:
            return 0
        hint = widget.minimumSizeHint().expandedTo(widget.minimumSize())
        return hint.width() if horizontal else hint.height()

    step = max(round(sum(sizes) * STEP), 1)
    if direction > 0:
        step = min(step, sizes[after] - least(after))
    else:
        step = -min(step, sizes[before] - least(before))
    if step == 0 or (direction > 0) != (step > 0):
        return False
    sizes[before] += step
    sizes[after] -= step
    splitter.setSizes(sizes)
    return True


def where_it_is(splitter: QSplitter, handle: int) -> str:
    """The divider's place in words: "The left pane now has 40% of the width."."""
    sizes = splitter.sizes()
    share = round(100 * sizes[handle - 1] / max(sum(sizes), 1))
    if splitter.orientation() == Qt.Orientation.Horizontal:
        return f"The left pane now has {share}% of the width."
    return f"The top pane now has {share}% of the height."


class PaneDividers(QObject):
    """The four divider actions, added to ``menu`` and working anywhere in ``window``."""

    def __init__(self, window: QWidget, menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self.actions: list[QAction] = []
        for text, keys, orientation, direction in MOVES:
            action = QAction(text, window)
            action.setShortcut(QKeySequence(keys))
            action.setStatusTip("Make the panes on either side of the divider wider or taller")
            action.triggered.connect(
                lambda _checked=False, o=orientation, d=direction: self.move(o, d)
            )
            menu.addAction(action)
            window.addAction(action)  # the keys work while the menu is closed
            self.actions.append(action)

    def move(self, orientation: Qt.Orientation, direction: int) -> bool:
        """Move the divider (see the module's docstring) and say where it is now."""
        found = splitter_for(self._window, orientation)
        if found is None:
            announce(self._window, NOTHING_TO_MOVE)
            return False
        splitter, handle = found
        if not move_divider(splitter, handle, direction):
            announce(splitter, "The divider cannot move further that way.")
            return False
        announce(splitter, where_it_is(splitter, handle))
        return True
