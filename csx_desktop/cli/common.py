"""Small pieces every command module shares: opening the round, common arguments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

from csx_desktop.io.dates import DATE_ORDERS
from csx_desktop.io.reading import ReadChoices
from csx_desktop.io.row_errors import RowsRefused
from csx_desktop.store import COMMAND_LINE_ACTOR, Store
from csx_desktop.store.files import check_destination


def add_file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="the round file (*.csxawards)")


def add_import_arguments(
    parser: argparse.ArgumentParser,
    *,
    source: str,
    source_help: str,
    skip_help: str,
    dates: bool = False,
) -> None:
    """What every ``csx-admin import KIND`` takes: FILE, the file to import (``args.source``;
    ``source`` is its name in ``--help``), ``--skip-invalid``, and how to read the file:
    ``--sheet``, ``--header-row`` and (``dates``: a file with a date column) ``--date-order``.
    ``reading_choices(args)`` gathers the last three."""
    add_file_argument(parser)
    parser.add_argument("source", metavar=source, type=Path, help=source_help)
    parser.add_argument("--skip-invalid", action="store_true", help=skip_help)
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="the workbook's sheet to read (default: the first visible sheet with data)",
    )
    parser.add_argument(
        "--header-row",
        metavar="N",
        type=_row_number,
        help="the row that holds the column headings (default: the first row with headings, "
        "passing over a title row above them)",
    )
    if dates:
        parser.add_argument(
            "--date-order",
            choices=DATE_ORDERS,
            help="how dates written as text are read: dmy (day first, 31/08/2025) or mdy "
            "(month first, 8/31/2025); default: each date column shows which, else day first",
        )


def print_mapping(lines: list[str]) -> None:
    """The columns an import uses (``field <- heading``) and its notes, then how to change
    them: printed before anything is stored, so a wrong guess is seen first."""
    for line in lines:
        print(line)
    print(
        'To choose a column: --map FIELD="Column heading" (FIELD= leaves it out); the heading '
        "row: --header-row N; how dates are written: --date-order dmy or mdy."
    )


def reading_choices(args: argparse.Namespace) -> ReadChoices:
    """How to read the file to import, as the command line says (``add_import_arguments``)."""
    return ReadChoices(
        sheet=args.sheet,
        header_row=args.header_row,
        date_order=getattr(args, "date_order", None),
    )


def _row_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a row number (1, 2, 3 ...)")
    return number


def add_output_arguments(parser: argparse.ArgumentParser, metavar: str, help_text: str) -> None:
    """The file an export writes (``args.output``) and ``--force`` to replace it; the command
    calls ``refuse_to_replace`` before writing."""
    parser.add_argument("output", metavar=metavar, type=Path, help=help_text)
    parser.add_argument("--force", action="store_true", help=f"replace {metavar} if it exists")


def refuse_to_replace(args: argparse.Namespace) -> None:
    """Refuse, before any work, to write over an existing ``args.output`` unless ``--force``
    was given (the writer checks again as it renames the file into place)."""
    check_destination(Path(args.output), overwrite=args.force)


def open_round(path: Path) -> Store:
    """Open an existing round as the command-line administrator (refuses with a message).

    A round that cannot be written (read-only media) opens for reading, with one line on
    stderr saying so; a command that would change it is then refused.
    """
    store = Store.open(path, actor=COMMAND_LINE_ACTOR)
    if store.read_only:
        print(f"csx-admin: note: {store.read_only_note}", file=sys.stderr)
    return store


def subcommand_group(
    commands: argparse._SubParsersAction, name: str, help_text: str
) -> argparse._SubParsersAction:
    """The sub-commands of a command several areas add to (``export scores``, ``export
    results``): created by the first module that asks, found again by the others."""
    parser: Any = commands.choices.get(name)
    if parser is None:
        parser = commands.add_parser(name, help=help_text)
        return parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return parser.add_subparsers(dest="what", metavar="WHAT", required=True)


def report_refusal(refused: RowsRefused) -> int:
    """Every rejected row on stderr, one a line, then what happened and what to do; exit 1."""
    for error in refused.errors:
        print(f"csx-admin: {refused.file_name}: {error}", file=sys.stderr)
    print(f"csx-admin: {refused}", file=sys.stderr)
    print("csx-admin: to import only the valid rows, add --skip-invalid.", file=sys.stderr)
    return 1


class TerminalProgress:
    """A progress line for long work ("Checking row 5,000 of 10,000…"), drawn over itself on
    stderr when stderr is a terminal, and nothing at all when it is not (a script, a log).
    Used as ``with TerminalProgress("Writing row") as progress:`` and passed as an
    operation's ``progress(done, total, words)``; leaving the block clears the line before
    the results are printed (``end()``), however the work ended."""

    def __init__(self, words: str, stream: TextIO | None = None) -> None:
        self.words = words
        self.stream = stream if stream is not None else sys.stderr
        self.shown = False
        self.on = bool(getattr(self.stream, "isatty", lambda: False)())

    def __enter__(self) -> TerminalProgress:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.end()

    def __call__(self, done: int, total: int, _words: str = "") -> None:
        if not self.on or total <= 0:
            return
        self.stream.write(f"\r{self.words} {done:,} of {total:,}…")
        self.stream.flush()
        self.shown = True

    def end(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")  # back to the start of the line, and clear it
            self.stream.flush()
            self.shown = False
