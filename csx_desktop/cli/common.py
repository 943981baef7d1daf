"""Small pieces every command module shares: opening the round, common arguments."""

from __future__ import annotations

import argparse
from pathlib import Path

from csx_desktop.store import COMMAND_LINE_ACTOR, Store


def add_file_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", type=Path, help="the round file (*.csxawards)")


def open_round(path: Path) -> Store:
    """Open an existing round as the command-line administrator (refuses with a message)."""
    return Store.open(path, actor=COMMAND_LINE_ACTOR)
