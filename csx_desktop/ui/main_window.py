"""The main window: the File menu, the sign-in screen and the signed-in person's workspace.

It holds at most one open round. The title and status bar always say which file is open and
who is signed in, because on a shared laptop that is the first thing to check. The file's
location is shortened in the middle when the status bar is too narrow for it (large text),
whole in its tooltip and in what a screen reader says.

The File menu shows a signed-in panel member only what a member may do (switch person, quit):
not New round, Open or Back up, because on a shared laptop a copy of the round holds everyone's
scores and opening another file would leave the member's session. Before anyone signs in it
offers New round and Open (the round must be chosen first); Back up and Import need the
administrator signed in.

The View menu moves the dividers between panes (the scoring screen's entries, nomination and
scores; Results' ranking and sheets) with the keyboard or a click, never only by dragging
(``PaneDividers``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from csx_desktop import APP_NAME, ROUND_SUFFIX, __version__
from csx_desktop.store import CsxError, Store
from csx_desktop.store.database import RoundFileCheck
from csx_desktop.ui.errors import attempt, show_refusal
from csx_desktop.ui.session import Person, Session
from csx_desktop.ui.sign_in import SignInPage
from csx_desktop.ui.widgets.elided_label import ElidedLabel
from csx_desktop.ui.widgets.empty_state import EmptyState
from csx_desktop.ui.widgets.pane_dividers import PaneDividers

RECENT_KEY = "recentRounds"
MAX_RECENT = 8
WARM_UP_AFTER_MS = 300  # after the first paint of the sign-in screen
FILE_FILTER = f"Awards rounds (*{ROUND_SUFFIX});;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.session: Session | None = None
        self.workspace: QWidget | None = None
        self.last_error: CsxError | None = None  # why the last open_round refused, if it did
        self.settings = QSettings()

        self.pages = QStackedWidget()
        self.welcome = EmptyState(
            "No round is open",
            "Open this year's awards round file, or create a new round. "
            f"A round is one file ending in {ROUND_SUFFIX}.",
            action_text="&Open a round…",
            on_action=self.open_dialog,
        )
        self.sign_in = SignInPage()
        self.sign_in.signed_in.connect(self._signed_in)
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.sign_in)
        self.setCentralWidget(self.pages)

        self.status_file = ElidedLabel()
        self.status_person = QLabel()
        self.statusBar().addWidget(self.status_file, 1)
        self.statusBar().addPermanentWidget(self.status_person)

        self._build_menus()
        self.resize(1200, 780)
        self._update_title()

    # ---- menus ---------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.new_action = self._action(
            file_menu, "&New round…", self.new_round, QKeySequence.StandardKey.New
        )
        self.open_action = self._action(
            file_menu, "&Open…", self.open_dialog, QKeySequence.StandardKey.Open
        )
        self.recent_menu = file_menu.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.recent_action = self.recent_menu.menuAction()
        file_menu.addSeparator()
        # Not Ctrl+I: the Shining Star area uses that for importing votes, and a window-wide
        # action with the same keys would make both ambiguous there.
        self.import_action = self._action(
            file_menu, "&Import nominations…", self.import_nominations, "Ctrl+Shift+I"
        )
        self.backup_action = self._action(file_menu, "&Back up…", self.backup_dialog, "Ctrl+B")
        self.switch_action = self._action(
            file_menu, "&Switch person", self.switch_person, "Ctrl+Shift+L"
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        self.file_menu = file_menu
        self.go_menu = self.menuBar().addMenu("&Go")
        self.go_menu.menuAction().setVisible(False)  # only the administrator has areas
        view_menu = self.menuBar().addMenu("&View")
        self.pane_dividers = PaneDividers(self, view_menu)
        help_menu = self.menuBar().addMenu("&Help")
        self.how_to_score_action = self._action(
            help_menu, "&How to score…", self.how_to_score, QKeySequence.StandardKey.HelpContents
        )
        self._help: QWidget | None = None
        help_menu.addSeparator()
        self._action(help_menu, "&About CSX Desktop", self._about)
        self._update_actions()

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: object,
        shortcut: QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    @property
    def _member_signed_in(self) -> bool:
        """A panel member (the chair included) is signed in, not the administrator."""
        return self.session is not None and not self.session.person.is_administrator

    def _update_actions(self) -> None:
        admin = self.session is not None and self.session.person.is_administrator
        member = self._member_signed_in
        # Hidden and disabled (so their shortcuts do nothing) while a member is signed in.
        for action in (self.new_action, self.open_action, self.recent_action):
            action.setVisible(not member)
            action.setEnabled(not member)
        for action, what in (
            (self.import_action, "import nominations"),
            (self.backup_action, "back up the round"),
        ):
            action.setVisible(not member)
            action.setEnabled(admin)
            action.setToolTip("" if admin else f"Sign in as the administrator to {what}")
        self.switch_action.setEnabled(self.session is not None)

    # ---- opening rounds ------------------------------------------------------------------

    def open_round(
        self, path: str | Path, *, show_errors: bool = True, check: RoundFileCheck | None = None
    ) -> bool:
        """Open a round file and show the sign-in screen; False (with a message) if refused.

        With ``show_errors=False`` (the smoke check, which nobody is watching) the refusal is
        kept in ``last_error`` instead of waiting for someone to close a message box.
        ``check`` is the file's check already started at launch, if any.
        """
        self.last_error = None
        try:
            store = Store.open(path, check=check)
        except CsxError as error:
            self.last_error = error
            if show_errors:
                show_refusal(self, error, "Cannot open this round")
            return False
        self._close_round()
        self.store = store
        # Once the sign-in screen is up, load what saving needs while people read it.
        QTimer.singleShot(WARM_UP_AFTER_MS, self, lambda: self._warm_up(store))
        self._remember(Path(path))
        self.sign_in.set_store(store)
        self.pages.setCurrentWidget(self.sign_in)
        self._update_title()
        self._update_actions()
        return True

    def _warm_up(self, store: Store) -> None:
        if self.store is store:  # not if the round was closed or switched meanwhile
            store.warm_up()

    def open_dialog(self) -> None:
        if self._member_signed_in:
            return  # not a member's to do (the File menu does not offer it)
        start = str(Path(self._recent()[0]).parent) if self._recent() else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open an awards round", start, FILE_FILTER)
        if path:
            self.open_round(path)

    def new_round(self) -> None:
        from csx_desktop.ui.new_round_dialog import NewRoundDialog  # not needed to start

        if self._member_signed_in:
            return

        dialog = NewRoundDialog(self)
        if dialog.exec() and dialog.created_path is not None:
            self.open_round(dialog.created_path)

    def import_nominations(self) -> None:
        """File > Import nominations…: the Nominations area's import, from anywhere."""
        from csx_desktop.ui.admin_workspace import AdminWorkspace
        from csx_desktop.ui.areas.nominations import NominationsArea

        if isinstance(self.workspace, AdminWorkspace):
            area = self.workspace.show_area("Nominations")
            if isinstance(area, NominationsArea):
                area.import_nominations()

    def backup_dialog(self) -> None:
        store, session = self.store, self.session
        # The menu offers it to the administrator only; operations.rounds.back_up refuses
        # anyone else whatever asks.
        if store is None or store.path is None or session is None:
            return
        if not session.person.is_administrator:
            return
        suggested = store.path.with_name(f"{store.path.stem}-backup{ROUND_SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(
            self, "Back up the round", str(suggested), FILE_FILTER
        )
        if not path:
            return
        # The save dialog has already asked before replacing a file of that name.
        from csx_desktop.operations import rounds  # loaded when first asked, not at start-up

        viewer = session.person.viewer
        done = attempt(
            self,
            "Backup not made",
            lambda: rounds.back_up(store, viewer=viewer, dest=path, overwrite=True),
        )
        if done is not None:
            self.statusBar().showMessage(done.summary(), 8000)

    def _close_round(self) -> None:
        self._drop_session()
        if self.store is not None:
            self.store.close()
            self.store = None

    # ---- people --------------------------------------------------------------------------

    def _signed_in(self, person: Person) -> None:
        assert self.store is not None
        self._drop_session()
        self.session = Session(self.store, person, self)
        if person.is_administrator:
            from csx_desktop.ui.admin_workspace import AdminWorkspace

            self.workspace = AdminWorkspace(self.session)
            self.go_menu.addActions(self.workspace.area_actions)
            self.go_menu.menuAction().setVisible(True)
        else:
            from csx_desktop.ui.member_workspace import MemberWorkspace

            self.workspace = MemberWorkspace(self.session)
        self.pages.addWidget(self.workspace)
        self.pages.setCurrentWidget(self.workspace)
        self._update_title()
        self._update_actions()

    def switch_person(self) -> None:
        """Back to the sign-in screen, for the next person at a shared laptop."""
        if self.store is None:
            return
        self._drop_session()
        self.sign_in.set_store(self.store)
        self.pages.setCurrentWidget(self.sign_in)
        self._update_title()
        self._update_actions()

    def _drop_session(self) -> None:
        self.go_menu.clear()
        self.go_menu.menuAction().setVisible(False)
        if self.workspace is not None:
            self.pages.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
        if self.session is not None:
            self.session.end()
            self.session.deleteLater()
            self.session = None

    # ---- title, recent files, closing ----------------------------------------------------

    def _update_title(self) -> None:
        parts = [APP_NAME]
        if self.store is not None and self.store.path is not None:
            parts.append(self.store.path.name)
            self.status_file.set_full_text(f"Round file: {self.store.path}")
        else:
            self.status_file.set_full_text("No round open")
        if self.session is not None:
            parts.append(self.session.person.name)
            self.status_person.setText(f"Signed in: {self.session.person.description}")
        else:
            self.status_person.setText("Not signed in")
        self.setWindowTitle(" — ".join(parts))

    def _recent(self) -> list[str]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):  # QSettings returns one string for a one-item list
            return [value]
        if isinstance(value, list):
            return [str(v) for v in value]
        return []

    def _remember(self, path: Path) -> None:
        recent = [str(path.resolve())] + [p for p in self._recent() if p != str(path.resolve())]
        self.settings.setValue(RECENT_KEY, recent[:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = [p for p in self._recent() if Path(p).exists()]
        if not recent:
            empty = self.recent_menu.addAction("No recent rounds")
            empty.setEnabled(False)
        for path in recent:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_round(p))

    def how_to_score(self) -> None:
        """Help > How to score (F1): the scoring page's help, beside the window, not over it."""
        from csx_desktop.ui.help_dialog import HowToScoreDialog

        if self._help is None:
            self._help = HowToScoreDialog(self)
        self._help.show()
        self._help.raise_()
        self._help.activateWindow()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"{APP_NAME} {__version__}\n\nScores the nominations for the council's Customer "
            "Service Awards, counts the Shining Star staff vote, records the panel's decisions "
            "and prints the certificates.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._close_round()
        super().closeEvent(event)
