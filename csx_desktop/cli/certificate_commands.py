"""``certificates``: printing the certificates.

``csx-admin certificates FILE -o OUT.pdf`` writes every certificate the round needs into one
PDF (``--force`` to replace a file), with a progress line on stderr when it is a terminal.
A name that no bundled font can draw (Chinese, an emoji) is listed and nothing is written,
unless ``--skip-undrawable`` asks for the others alone. The details they print (ceremony
date, signatories, logo) are set with ``csx-admin settings`` (``cli.round_commands``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from csx_desktop.cli.common import (
    TerminalProgress,
    add_file_argument,
    open_round,
    refuse_to_replace,
)


def register(commands: argparse._SubParsersAction, imports: argparse._SubParsersAction) -> None:
    certificates = commands.add_parser(
        "certificates",
        help="write the certificates (winners, highly commended, nominees) into one PDF",
        description=(
            "Write the certificates of the panel's recorded decisions into one PDF, one "
            "certificate a page, ready to print on A4 landscape."
        ),
    )
    add_file_argument(certificates)
    certificates.add_argument(
        "-o", "--output", required=True, type=Path, metavar="OUT.pdf", help="the PDF to write"
    )
    certificates.add_argument("--force", action="store_true", help="replace OUT.pdf if it exists")
    certificates.add_argument(
        "--include",
        default=None,
        metavar="KINDS",
        help=(
            "which certificates, separated by commas: winners, highly-commended, nominees "
            "(default: winners,highly-commended; with --nominee: all three)"
        ),
    )
    certificates.add_argument(
        "--per-member",
        action="store_true",
        help="also print one certificate for each member of a team",
    )
    certificates.add_argument(
        "--nominee",
        default="",
        metavar="NAME",
        help="only this nominee's (or team's) certificates, e.g. to reprint one",
    )
    certificates.add_argument(
        "--skip-undrawable",
        action="store_true",
        help=(
            "write the other certificates when some names cannot be drawn (in a script "
            "CSX Desktop has no font for); those are listed, to be written by hand"
        ),
    )
    certificates.set_defaults(run=run_certificates)


# ---- certificates -----------------------------------------------------------------------


def run_certificates(args: argparse.Namespace) -> None:
    from csx_desktop.certificates.batch import (
        ALL_LEVELS,
        DECIDED_LEVELS,
        Choice,
        levels_from_words,
        undrawable_message,
    )
    from csx_desktop.operations.certificates import certificates_chosen, write_certificates

    if args.include is not None:
        levels = levels_from_words(args.include.split(","))
    else:
        levels = ALL_LEVELS if args.nominee else DECIDED_LEVELS
    output: Path = args.output
    refuse_to_replace(args)  # before any drawing
    with open_round(args.file) as store:
        choice = Choice(levels=levels, per_member=args.per_member, nominee=args.nominee)
        with TerminalProgress("Drawing certificate") as progress:  # only on a terminal
            written = write_certificates(
                store,
                certificates=certificates_chosen(store, choice=choice),
                dest=output,
                overwrite=args.force,
                skip_undrawable=args.skip_undrawable,
                progress=progress,
            )
    if written.left_out:
        print(undrawable_message(written.left_out, limit=len(written.left_out)), file=sys.stderr)
    for note in written.notes:
        print(f"Note: {note}", file=sys.stderr)
    print(written.summary())
