"""``csx-desktop``: start the window, optionally on the demo round or as a smoke check.

csx-desktop [FILE]          open a round file (or the last one used)
csx-desktop --demo          create (once) and open the demo round
csx-desktop --smoke [FILE]  open, show the window, exit 0 once shown (CI, benchmarks)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from csx_desktop import APP_NAME, ORGANISATION, __version__
from csx_desktop.store.database import RoundFileCheck


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="csx-desktop", description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, help="the round file to open")
    parser.add_argument("--demo", action="store_true", help="open the demo round")
    parser.add_argument(
        "--smoke", action="store_true", help="show the window, then exit 0 (for checks)"
    )
    parser.add_argument("--version", action="version", version=f"csx-desktop {__version__}")
    return parser.parse_args(argv)


def set_language() -> None:
    """Declare the application's language, English (UK), to Qt and through it to assistive
    technology (WCAG 3.1.1): a screen reader then reads the words with a British English
    voice, and dates, times and numbers are written the UK way whatever the laptop is set to.
    """
    from PySide6.QtCore import QLocale

    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    # Check the round file on another thread while Qt loads (see RoundFileCheck): Qt and
    # this module's window are imported only after it has started.
    check = RoundFileCheck.start(args.file) if args.file is not None else None

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from csx_desktop.ui.errors import configure_logging, install_exception_hook

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    set_language()
    from csx_desktop.ui.qt_check import fault_in_words, signals_keep_references

    if not signals_keep_references():
        from PySide6.QtWidgets import QMessageBox

        print(f"csx-desktop: {fault_in_words()}", file=sys.stderr)
        if not args.smoke:
            QMessageBox.critical(None, "CSX Desktop cannot start", fault_in_words())
        return 1
    from csx_desktop.ui.style import style_sheet
    from csx_desktop.ui.widgets.tooltips import keep_tooltips

    app.setStyleSheet(style_sheet(app.font()))
    keep_tooltips(app)  # Escape closes a tooltip; it stays while read (WCAG 1.4.13)
    configure_logging()
    install_exception_hook()

    from csx_desktop.ui.main_window import MainWindow

    path = args.file
    if path is None and (args.demo or args.smoke):
        from csx_desktop.demo.builder import open_or_build_demo
        from csx_desktop.paths import demo_round_path

        path = open_or_build_demo(demo_round_path())
    window = MainWindow()
    opened = (
        window.open_round(path, show_errors=not args.smoke, check=check)
        if path is not None
        else True
    )
    if args.smoke and not opened:
        print(f"csx-desktop: {window.last_error}", file=sys.stderr)
        return 1
    window.show()
    if args.smoke:
        # Exit as soon as the window has been shown and the event loop has painted it once.
        QTimer.singleShot(0, lambda: app.exit(0 if opened else 1))
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
