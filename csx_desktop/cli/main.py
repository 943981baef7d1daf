"""Entry point of ``csx-admin``: builds the parser from the command modules and runs one."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence

from csx_desktop import __version__
from csx_desktop.cli import (
    certificate_commands,
    nomination_commands,
    pack_commands,
    panel_commands,
    results_commands,
    round_commands,
    vote_commands,
)
from csx_desktop.store.database import BUSY_MESSAGE
from csx_desktop.store.errors import CsxError

# Each module has register(commands, imports): `commands` takes top-level subcommands,
# `imports` the kinds of `csx-admin import KIND`. Order here is the order in --help.
COMMAND_MODULES = (
    round_commands,
    nomination_commands,
    panel_commands,
    pack_commands,
    results_commands,
    vote_commands,
    certificate_commands,
)

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="csx-admin",
        description=(
            "Prepare, check and finish a Customer Service Awards round from the command line. "
            "FILE is always the round file (*.csxawards)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"csx-admin {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    import_parser = commands.add_parser(
        "import", help="import nominations, the panel, interests, scores or votes from a file"
    )
    imports = import_parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    for module in COMMAND_MODULES:
        module.register(commands, imports)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        result: int | None = args.run(args)
    except CsxError as error:
        print(f"csx-admin: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("csx-admin: interrupted; nothing half-written was kept.", file=sys.stderr)
        return EXIT_REFUSED
    except BrokenPipeError:
        # The reader went away (`csx-admin results … | head`): not an error worth a traceback.
        # Point stdout at devnull so Python's exit flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except sqlite3.OperationalError as error:
        # The store puts what it expects in words; a lock met outside a write (another
        # program checkpointing the log, say) is the same busy round, said the same way.
        if "locked" not in str(error) and "busy" not in str(error):
            raise
        print(f"csx-admin: {BUSY_MESSAGE}", file=sys.stderr)
        return EXIT_REFUSED
    except OSError as error:
        # A file the command reads outside the store's checks (gone, unreadable).
        name = f"{error.filename}: " if error.filename else ""
        print(f"csx-admin: {name}{error.strerror or error}; nothing was changed.", file=sys.stderr)
        return EXIT_REFUSED
    return EXIT_OK if result is None else result


if __name__ == "__main__":
    sys.exit(main())
