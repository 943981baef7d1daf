"""``certificates``: printing the certificates.

``csx-admin certificates FILE -o OUT.pdf`` writes every certificate the round needs into one
PDF (``--force`` to replace a file). A name that no bundled font can draw (Chinese, an
emoji) is listed and nothing is written, unless ``--skip-undrawable`` asks for the others
alone. The details they print (ceremony date, signatories, logo) are set with ``csx-admin
settings`` (``cli.round_commands``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from csx_desktop.cli.common import add_file_argument, open_round, refuse_to_replace
from csx_desktop.store.errors import InputRefused


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
        cannot_draw,
        certificates_for,
        levels_from_words,
        missing_details,
        undrawable_message,
        write_pdf_file,
    )

    if args.include is not None:
        levels = levels_from_words(args.include.split(","))
    else:
        levels = ALL_LEVELS if args.nominee else DECIDED_LEVELS
    output: Path = args.output
    if output.suffix.lower() != ".pdf":
        raise InputRefused(
            f"The certificates are a PDF: give a file name ending in .pdf, not {output.name}."
        )
    refuse_to_replace(args)  # before any drawing
    with open_round(args.file) as store:
        choice = Choice(levels=levels, per_member=args.per_member, nominee=args.nominee)
        certificates = certificates_for(store, choice)
        settings = store.round.settings()
    if not certificates:
        raise InputRefused(
            "There are no certificates to print yet: no decision is recorded for the levels "
            "asked for. Record the panel's decisions first, or add --include nominees."
        )
    # Listed before anything is written: a name is never printed blank or as boxes.
    undrawable = cannot_draw(certificates)
    if undrawable and not args.skip_undrawable:
        raise InputRefused(
            undrawable_message(undrawable, limit=len(undrawable))
            + "\nNothing was written. Add --skip-undrawable to write the other certificates."
        )
    if undrawable:
        print(undrawable_message(undrawable, limit=len(undrawable)), file=sys.stderr)
        left_out = {id(item.certificate) for item in undrawable}
        certificates = [c for c in certificates if id(c) not in left_out]
        if not certificates:
            raise InputRefused("Every certificate asked for has a name that cannot be drawn.")
    pages = write_pdf_file(certificates, settings, output, overwrite=args.force)
    for note in missing_details(settings):
        print(f"Note: {note}", file=sys.stderr)
    plural = "" if pages == 1 else "s"
    left = f"; {len(undrawable)} left out (listed above)" if undrawable else ""
    print(f"Wrote {pages} certificate{plural} to {output}{left}.")
