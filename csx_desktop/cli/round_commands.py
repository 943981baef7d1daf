"""``new``, ``check``, ``backup`` and ``passphrase``: creating a round file and looking after it.

Every round has an administrator passphrase (it guards the administrator's areas of the
window): ``new`` asks for it at a terminal, typed twice and never shown, and refuses without
one anywhere else unless ``--admin-passphrase`` gives it.
"""

from __future__ import annotations

import argparse
import datetime
import getpass
import sys
from pathlib import Path

from csx_desktop import ROUND_SUFFIX
from csx_desktop.cli.common import add_file_argument, open_round
from csx_desktop.store import InputRefused, Store
from csx_desktop.store.rounds import MIN_PASSPHRASE


def register(commands: argparse._SubParsersAction, imports: argparse._SubParsersAction) -> None:
    new = commands.add_parser("new", help="create a new round file with the four award categories")
    add_file_argument(new)
    new.add_argument(
        "--name", required=True, help='the round\'s name, e.g. "Customer Service Awards 2026"'
    )
    new.add_argument("--year", type=int, default=datetime.date.today().year, help="the awards year")
    new.add_argument(
        "--admin-passphrase",
        default=None,
        help=(
            f"the administrator's passphrase for the window (at least {MIN_PASSPHRASE} "
            "characters); leave out to be asked for it (so it is not kept in shell history)"
        ),
    )
    new.set_defaults(run=run_new)

    check = commands.add_parser(
        "check", help="check a round file: integrity, schema version, counts"
    )
    add_file_argument(check)
    check.set_defaults(run=run_check)

    backup = commands.add_parser("backup", help="copy a round file safely, even while it is open")
    add_file_argument(backup)
    backup.add_argument("dest", metavar="DEST", type=Path, help="the backup file to write")
    backup.add_argument("--force", action="store_true", help="replace DEST if it exists")
    backup.set_defaults(run=run_backup)

    passphrase = commands.add_parser(
        "passphrase", help="set or change the administrator's passphrase (asked for, twice)"
    )
    add_file_argument(passphrase)
    passphrase.set_defaults(run=run_passphrase)


def run_new(args: argparse.Namespace) -> None:
    if args.file.suffix != ROUND_SUFFIX:
        raise InputRefused(
            f"A round file's name ends in {ROUND_SUFFIX}, e.g. awards-2026{ROUND_SUFFIX}."
        )
    passphrase = args.admin_passphrase
    if passphrase is None:
        passphrase = ask_passphrase("new")
    if len(passphrase) < MIN_PASSPHRASE:
        raise InputRefused(
            f"The administrator's passphrase needs at least {MIN_PASSPHRASE} characters."
        )
    with Store.create(
        args.file, name=args.name, year=args.year, admin_passphrase=passphrase
    ) as store:
        settings = store.round.settings()
    print(f"Created {args.file}: {settings.name} ({settings.year}).")


def ask_passphrase(command: str) -> str:
    """The administrator's passphrase, typed twice at a terminal (never echoed)."""
    if not sys.stdin.isatty():
        raise InputRefused(
            "A round needs an administrator's passphrase: run csx-admin "
            f"{command} at a terminal to be asked for it, or give --admin-passphrase."
        )
    first = getpass.getpass(
        f"The administrator's passphrase (at least {MIN_PASSPHRASE} characters): "
    )
    if getpass.getpass("The same passphrase again: ") != first:
        raise InputRefused("The two passphrases were not the same; nothing was changed.")
    return first


def run_check(args: argparse.Namespace) -> int:
    with open_round(args.file) as store:
        integrity = store.integrity()
        settings = store.round.settings()
        print(f"Round:              {settings.name} ({settings.year})")
        print(f"File:               {args.file}")
        print(f"Integrity:          {integrity}")
        print(f"Schema version:     {store.schema_version()}")
        if store.read_only:
            print("Open for:           viewing only (read-only media)")
        if not store.round.has_admin_passphrase():
            print(
                "Passphrase:         none set; nobody can sign in as the administrator until "
                "one is (csx-admin passphrase FILE)"
            )
        for label, count in store.counts().items():
            print(f"{label.capitalize() + ':':<20}{count}")
    if integrity != "ok":
        print("csx-admin: the file is damaged; open your latest backup.", file=sys.stderr)
        return 1
    return 0


def run_backup(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        dest = store.backup(args.dest, overwrite=args.force)
    print(f"Backed up {args.file} to {dest}.")


def run_passphrase(args: argparse.Namespace) -> None:
    passphrase = ask_passphrase("passphrase")
    with open_round(args.file) as store:
        store.round.set_admin_passphrase(passphrase)
    print(f"Set the administrator's passphrase of {args.file}.")
