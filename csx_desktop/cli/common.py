"""Small pieces every command module shares: opening the round, common arguments."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from csx_desktop.store import COMMAND_LINE_ACTOR, Store


def add_file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="the round file (*.csxawards)")


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
