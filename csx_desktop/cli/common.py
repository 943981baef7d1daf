"""Small pieces every command module shares: opening the round, common arguments."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from csx_desktop.io.row_errors import RowsRefused
from csx_desktop.store import COMMAND_LINE_ACTOR, InputRefused, Store


def add_file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="the round file (*.csxawards)")


def add_import_arguments(
    parser: argparse.ArgumentParser, *, source: str, source_help: str, skip_help: str
) -> None:
    """What every ``csx-admin import KIND`` takes: FILE, the file to import (``args.source``;
    ``source`` is its name in ``--help``) and ``--skip-invalid``."""
    add_file_argument(parser)
    parser.add_argument("source", metavar=source, type=Path, help=source_help)
    parser.add_argument("--skip-invalid", action="store_true", help=skip_help)


def add_output_arguments(parser: argparse.ArgumentParser, metavar: str, help_text: str) -> None:
    """The file an export writes (``args.output``) and ``--force`` to replace it; the command
    calls ``refuse_to_replace`` before writing."""
    parser.add_argument("output", metavar=metavar, type=Path, help=help_text)
    parser.add_argument("--force", action="store_true", help=f"replace {metavar} if it exists")


def refuse_to_replace(args: argparse.Namespace) -> None:
    """Refuse to write over an existing ``args.output`` unless ``--force`` was given."""
    if args.output.exists() and not args.force:
        raise InputRefused(f"{args.output} already exists; choose another name or add --force.")


def open_round(path: Path) -> Store:
    """Open an existing round as the command-line administrator (refuses with a message)."""
    return Store.open(path, actor=COMMAND_LINE_ACTOR)


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
