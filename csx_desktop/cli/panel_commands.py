"""The panel: members, interests, scores, rubrics."""

from __future__ import annotations

import argparse


def register(commands: argparse._SubParsersAction, imports: argparse._SubParsersAction) -> None:
    """Add this area's subcommands (filled in as the area is built)."""
