"""The window: sign-in, the administrator's areas by keyboard, switching person, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from csx_desktop.store import Store
from csx_desktop.ui.announce import recording
from csx_desktop.ui.areas import AREAS
from csx_desktop.ui.main_window import MainWindow
from csx_desktop.ui.sign_in import retry_delay
from csx_desktop.ui.widgets.empty_state import EmptyState


@pytest.fixture
def window(qtbot: QtBot, store: Store, panel_ids: dict[str, int], round_path: Path) -> MainWindow:
    store.close()
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.open_round(round_path)
    w.show()
    return w


def test_opens_on_the_sign_in_screen_listing_the_panel(window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.sign_in
    people = [window.sign_in.people.item(i).text() for i in range(window.sign_in.people.count())]
    assert people[0].startswith("Administrator")
    assert any(p.startswith("Nora Quinn") for p in people)
    assert "awards.csxawards" in window.windowTitle()
    assert window.status_person.text() == "Not signed in"


def test_what_saving_needs_is_loaded_once_the_sign_in_screen_is_up(
    window: MainWindow, qtbot: QtBot
) -> None:
    # The round opens on plain sqlite3 so the window shows sooner; sqlite-utils, which every
    # save goes through, is made ready just after, before anyone can have signed in.
    store = window.store
    assert store is not None
    qtbot.waitUntil(lambda: "db" in vars(store), timeout=3000)


def _sign_in_as_admin(window: MainWindow, qtbot: QtBot, passphrase: str = "secret1") -> None:
    window.sign_in.people.setCurrentRow(0)
    window.sign_in.secret.setFocus()
    qtbot.keyClicks(window.sign_in.secret, passphrase)
    qtbot.keyClick(window.sign_in.secret, Qt.Key.Key_Return)


def test_administrator_signs_in_and_reaches_every_area_by_keyboard(
    window: MainWindow, qtbot: QtBot
) -> None:
    _sign_in_as_admin(window, qtbot)
    workspace = window.workspace
    assert workspace is not None and window.pages.currentWidget() is workspace
    assert "Administrator" in window.windowTitle()
    assert "Signed in: Administrator" in window.status_person.text()
    for index, spec in enumerate(AREAS):
        qtbot.keyClick(workspace, Qt.Key(Qt.Key.Key_1 + index), Qt.KeyboardModifier.ControlModifier)
        assert workspace.stack.currentIndex() == index
        assert workspace.area(spec.title) is workspace.stack.currentWidget()
    # The sidebar itself is a list: arrow keys move between areas too.
    workspace.sidebar.setFocus()
    workspace.sidebar.setCurrentRow(0)
    qtbot.keyClick(workspace.sidebar, Qt.Key.Key_Down)
    assert workspace.stack.currentIndex() == 1


def test_every_area_of_an_empty_round_says_what_will_appear_and_how(
    qtbot: QtBot, store: Store, round_path: Path
) -> None:
    store.close()
    w = MainWindow()
    qtbot.addWidget(w)
    w.open_round(round_path)
    w.show()
    _sign_in_as_admin(w, qtbot)
    assert w.workspace is not None
    for spec in AREAS:
        if spec.title == "Round settings":  # a form of the settings, never empty
            continue
        area = w.workspace.show_area(spec.title)
        empties = [e for e in area.findChildren(EmptyState) if e.isVisible()]
        assert empties, f"{spec.title} shows no empty state on an empty round"
        text = empties[0].findChild(QLabel, "emptyStateText")
        assert text is not None and len(text.text()) > 40, spec.title


def test_wrong_passphrase_is_refused(window: MainWindow, qtbot: QtBot) -> None:
    _sign_in_as_admin(window, qtbot, "wrong-one")
    assert window.pages.currentWidget() is window.sign_in
    assert "not right" in window.sign_in.message.text()


def test_member_signs_in_with_pin_and_switch_person_returns(
    window: MainWindow, qtbot: QtBot
) -> None:
    items = window.sign_in.people
    row = next(i for i in range(items.count()) if items.item(i).text().startswith("Ben Castleton"))
    items.setCurrentRow(row)
    assert window.sign_in.secret.accessibleName() == "PIN"
    qtbot.keyClicks(window.sign_in.secret, "123456")
    qtbot.keyClick(window.sign_in.secret, Qt.Key.Key_Return)
    assert window.session is not None and window.session.person.name == "Ben Castleton"
    assert "Ben Castleton" in window.windowTitle()
    window.switch_action.trigger()
    assert window.pages.currentWidget() is window.sign_in
    assert window.session is None and window.sign_in.secret.text() == ""


def test_wrong_pins_are_counted_and_slowed_down(window: MainWindow, qtbot: QtBot) -> None:
    items = window.sign_in.people
    row = next(i for i in range(items.count()) if items.item(i).text().startswith("Nora Quinn"))
    items.setCurrentRow(row)
    for _ in range(3):
        window.sign_in.secret.setText("000000")
        window.sign_in._sign_in()
    assert window.store is not None
    member_id = window.store.panel.member_named("Nora Quinn").id
    assert member_id is not None
    assert window.store.panel.failed_sign_ins(member_id) == 3
    assert not window.sign_in.sign_in_button.isEnabled()
    assert "try again in 2 seconds" in window.sign_in.message.text()
    # The words are the label's own accessible text, and a screen reader hears them at once.
    assert window.sign_in.message.accessibleName() == ""
    with recording() as said:
        window.sign_in.secret.setText("000000")
        window.sign_in._sign_in()  # too soon: refused without counting, and said so
    assert said and said[0].urgent and "try again in" in said[0].text
    assert window.store.panel.failed_sign_ins(member_id) == 3


def test_retry_delay_grows() -> None:
    assert [retry_delay(n) for n in range(7)] == [0, 0, 0, 2, 4, 8, 16]
    assert retry_delay(50) == 60


def test_opening_a_non_round_shows_a_message_not_a_traceback(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    bad = tmp_path / "holiday.csxawards"
    bad.write_text("photos")
    w = MainWindow()
    qtbot.addWidget(w)
    assert not w.open_round(bad)
    assert shown and "not an awards round file" in shown[0]
    assert w.pages.currentWidget() is w.welcome


def test_recent_rounds_are_remembered(window: MainWindow, round_path: Path) -> None:
    window._fill_recent()
    actions = [a.text() for a in window.recent_menu.actions()]
    assert round_path.name in actions


def test_an_unexpected_error_shows_a_readable_dialog_and_is_logged(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, csx_home: Path
) -> None:
    from csx_desktop.ui import errors

    shown: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box) or 0)
    errors.configure_logging()
    try:
        raise ZeroDivisionError("division by zero in a slot")
    except ZeroDivisionError as error:
        errors._excepthook(ZeroDivisionError, error, error.__traceback__)
    assert shown and "safe" in shown[0].text()
    assert "ZeroDivisionError" in shown[0].detailedText()
    log = (csx_home / "logs" / "csx-desktop.log").read_text()
    assert "ZeroDivisionError" in log


def test_file_import_nominations_opens_the_nominations_import_for_the_administrator(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    assert not window.import_action.isEnabled()  # nobody signed in yet
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda _parent, title, *_a: asked.append(title) or ("", "")
    )
    _sign_in_as_admin(window, qtbot)
    assert window.import_action.isEnabled()
    window.workspace.show_area("Results")  # type: ignore[union-attr]
    window.import_action.trigger()
    assert asked == ["Import nominations from a form export"]
    assert window.workspace.stack.currentIndex() == 0  # type: ignore[union-attr]


def test_a_panel_member_cannot_import(window: MainWindow, qtbot: QtBot) -> None:
    items = window.sign_in.people
    row = next(i for i in range(items.count()) if items.item(i).text().startswith("Ben Castleton"))
    items.setCurrentRow(row)
    qtbot.keyClicks(window.sign_in.secret, "123456")
    qtbot.keyClick(window.sign_in.secret, Qt.Key.Key_Return)
    assert window.session is not None
    assert not window.import_action.isEnabled()


def test_the_go_menu_lists_the_areas_with_their_shortcuts(window: MainWindow, qtbot: QtBot) -> None:
    assert not window.go_menu.menuAction().isVisible()
    _sign_in_as_admin(window, qtbot)
    actions = window.go_menu.actions()
    assert [a.text() for a in actions] == [spec.title for spec in AREAS]
    assert [a.shortcut().toString() for a in actions] == [f"Ctrl+{i}" for i in range(1, 8)]
    actions[3].trigger()
    assert window.workspace is not None
    assert window.workspace.stack.currentIndex() == 3  # type: ignore[attr-defined]
    window.switch_action.trigger()
    assert window.go_menu.actions() == [] and not window.go_menu.menuAction().isVisible()


@pytest.fixture
def demo_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    """The window on the demo round (every area has something to show), on the sign-in page."""
    from csx_desktop.demo.builder import build_demo_round

    path = tmp_path / "demo.csxawards"
    build_demo_round(path)
    w = MainWindow()
    qtbot.addWidget(w)
    w.open_round(path)
    w.show()
    return w


def test_no_two_shortcuts_clash_in_any_area(qtbot: QtBot, demo_window: MainWindow) -> None:
    """Keys that two visible things claim do nothing at all in Qt ("ambiguous shortcut")."""
    from PySide6.QtGui import QAction, QShortcut
    from PySide6.QtWidgets import QAbstractButton

    w = demo_window
    _sign_in_as_admin(w, qtbot, "demo-admin")
    assert w.workspace is not None
    for spec in AREAS:
        w.workspace.show_area(spec.title)  # type: ignore[attr-defined]
        claimed: dict[str, str] = {}
        for action in w.findChildren(QAction):
            keys = action.shortcut().toString()
            owner = action.parent()
            # Menu-bar actions belong to the window and work while their menu is closed.
            active = owner is w or (isinstance(owner, QWidget) and owner.isVisible())
            if keys and action.isEnabled() and active:
                assert keys not in claimed, (
                    f"{keys} in {spec.title}: {claimed[keys]} / {action.text()}"
                )
                claimed[keys] = action.text()
        for button in w.findChildren(QAbstractButton):
            keys = button.shortcut().toString()
            if keys and button.isVisible():
                assert keys not in claimed, (
                    f"{keys} in {spec.title}: {claimed[keys]} / {button.text()}"
                )
                claimed[keys] = button.text()
        for shortcut in w.findChildren(QShortcut):
            keys = shortcut.key().toString()
            parent = shortcut.parent()
            if keys and isinstance(parent, QWidget) and parent.isVisible():
                assert keys not in claimed, f"{keys} in {spec.title}: {claimed[keys]} / shortcut"
                claimed[keys] = "shortcut"


def _unnamed_inputs(root: QWidget) -> list[str]:
    """Visible controls a screen reader could not name: no accessible name, no text of
    their own, and no label pointing at them."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )

    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    kinds = (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
    )
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, kinds) or not widget.isVisible():
            continue
        if type(widget).__name__ in {"QComboBoxListView", "QCalendarView", "QHeaderView"}:
            continue  # Qt's own parts of a combo box, calendar or table
        if widget.objectName().startswith("qt_"):
            continue  # likewise (a table's corner button, a scroll area's viewport)
        own_text = isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip()
        if widget.accessibleName() or own_text or id(widget) in buddies:
            continue
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QAbstractSpinBox | QComboBox
        ):
            continue  # the editor inside a spin box or combo box shares its name
        missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_visible_control_in_every_area_has_a_name(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    assert _unnamed_inputs(w) == [], "sign-in"
    _sign_in_as_admin(w, qtbot, "demo-admin")
    assert w.workspace is not None
    for spec in AREAS:
        w.workspace.show_area(spec.title)  # type: ignore[attr-defined]
        assert _unnamed_inputs(w) == [], spec.title


def test_every_visible_control_in_the_chairs_workspace_has_a_name(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    people = w.sign_in.people
    people.setCurrentRow(
        next(i for i in range(people.count()) if people.item(i).text().startswith("Sandra"))
    )
    qtbot.keyClicks(w.sign_in.secret, "777777")  # the demo chair
    qtbot.keyClick(w.sign_in.secret, Qt.Key.Key_Return)
    tabs = w.workspace.tabs  # type: ignore[union-attr]
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        assert _unnamed_inputs(w) == [], tabs.tabText(index)


def test_the_view_menu_moves_the_dividers_between_panes_without_dragging(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """WCAG 2.5.7: each divider moves by a key (Alt+Shift+arrow) or one click on the View
    menu, starting from the pane the keyboard is in, and says where it is now."""
    from PySide6.QtWidgets import QApplication

    from csx_desktop.demo.data import PANEL
    from csx_desktop.ui.member_workspace import MemberWorkspace
    from csx_desktop.ui.widgets.pane_dividers import NOTHING_TO_MOVE

    w = demo_window
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    view = next(a.menu() for a in w.menuBar().actions() if a.text() == "&View")
    listed = {a.text(): a.shortcut().toString() for a in view.actions()}
    assert listed == {
        "Move the divider &left": "Alt+Shift+Left",
        "Move the divider &right": "Alt+Shift+Right",
        "Move the divider &up": "Alt+Shift+Up",
        "Move the divider &down": "Alt+Shift+Down",
    }
    with recording() as said:
        w.pane_dividers.actions[1].trigger()  # on the sign-in screen: nothing to move
    assert [s.text for s in said] == [NOTHING_TO_MOVE]

    people = w.sign_in.people
    people.setCurrentRow(
        next(i for i in range(people.count()) if people.item(i).text().startswith("Margaret"))
    )
    qtbot.keyClicks(w.sign_in.secret, next(m.pin for m in PANEL if m.name == "Margaret Teesdale"))
    qtbot.keyClick(w.sign_in.secret, Qt.Key.Key_Return)
    workspace = w.workspace
    assert isinstance(workspace, MemberWorkspace)
    tabs = workspace.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i).endswith("Mile")))
    scoring = workspace.workspace("Extra Mile")
    scoring.entry_list.setFocus()
    split = scoring.entry_list.parentWidget()
    while split is not None and not hasattr(split, "sizes"):
        split = split.parentWidget()
    assert split is not None
    before = split.sizes()
    with recording() as said:
        qtbot.keyClick(scoring.entry_list, Qt.Key.Key_Right, ALT_SHIFT)
    assert split.sizes()[0] > before[0]  # the entries are wider
    assert said[-1].text.startswith("The left pane now has ") and "% of the width" in said[-1].text
    assert scoring.entry_list.hasFocus()  # the keyboard stays where it was
    # From the nomination's text, up and down move the divider above the scores.
    scoring.citation.setFocus()
    right = scoring.citation.parentWidget()
    assert right is not None and hasattr(right, "sizes")
    before = right.sizes()
    qtbot.keyClick(scoring.citation, Qt.Key.Key_Up, ALT_SHIFT)
    assert right.sizes()[0] < before[0]  # the scores have more room
    # A click on the menu item does the same (one pointer action, no dragging).
    before = right.sizes()
    w.pane_dividers.actions[3].trigger()
    assert right.sizes()[0] > before[0]


ALT_SHIFT = Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier


def test_the_application_declares_its_language_as_english_uk(qtbot: QtBot) -> None:
    """WCAG 3.1.1: ``app.main`` sets English (UK) as the application's language, which Qt
    gives every window and hands to assistive technology with the text it reads."""
    from PySide6.QtCore import QDate, QLocale

    from csx_desktop.ui.app import set_language

    before = QLocale()
    try:
        set_language()
        window = MainWindow()
        qtbot.addWidget(window)
        assert QLocale().bcp47Name() == "en-GB"
        assert window.locale().bcp47Name() == "en-GB"
        # Dates the UK way, day first, whatever the laptop's own setting.
        day = QDate(2026, 5, 8)
        assert window.locale().toString(day, QLocale.FormatType.ShortFormat) == "08/05/2026"
    finally:
        QLocale.setDefault(before)
