"""``new``, ``check`` and ``backup``: creating a round file and looking after it."""

from __future__ import annotations

import argparse
import datetime
import sys

from csx_desktop import ROUND_SUFFIX
from csx_desktop.cli.common import add_file_argument, open_round
from csx_desktop.store import InputRefused, Store


def register(commands: argparse._SubParsersAction, imports: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="create a new round file with the four award categories")
    add_file_argument(new)
    new.add_argument(
        "--name", required=True, help='the round\'s name, e.g. "Customer Service Awards 2026"'
    )
    new.add_argument("--year", type=int, default=datetime.date.today().year, help="the awards year")
    new.add_argument(
        "--admin-passphrase",
        default="",
        help="the administrator's passphrase for signing in to the window (at least 6 characters)",
    )
    new.set_defaults(run=run_new)

    check = commands.add_parser(
        "check", help="check a round file: integrity, schema version, counts"
    )
    add_file_argument(check)
    check.set_defaults(run=run_check)

    backup = commands.add_parser("backup", help="copy a round file safely, even while it is open")
    add_file_argument(backup)
    backup.add_argument("dest", metavar="DEST", help="the backup file to write (must not exist)")
    backup.set_defaults(run=run_backup)


def run_new(args: argparse.Namespace) -> None:
    if args.file.suffix != ROUND_SUFFIX:
        raise InputRefused(
            f"A round file's name ends in {ROUND_SUFFIX}, e.g. awards-2026{ROUND_SUFFIX}."
        )
    if args.admin_passphrase and len(args.admin_passphrase) < 6:
        raise InputRefused("The administrator's passphrase needs at least 6 characters.")
    with Store.create(
        args.file, name=args.name, year=args.year, admin_passphrase=args.admin_passphrase or None
    ) as store:
        settings = store.round.settings()
    print(f"Created {args.file}: {settings.name} ({settings.year}).")


def run_check(args: argparse.Namespace) -> int:
    with open_round(args.file) as store:
        integrity = store.integrity()
        settings = store.round.settings()
        print(f"Round:              {settings.name} ({settings.year})")
        print(f"File:               {args.file}")
        print(f"Integrity:          {integrity}")
        print(f"Schema version:     {store.schema_version()}")
        for label, count in store.counts().items():
            print(f"{label.capitalize() + ':':<20}{count}")
    if integrity != "ok":
        print("csx-admin: the file is damaged; open your latest backup.", file=sys.stderr)
        return 1
    return 0


def run_backup(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        dest = store.backup(args.dest)
    print(f"Backed up {args.file} to {dest}.")
