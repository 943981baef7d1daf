"""Judging packs: making them, reading them back, and listing them.

csx-admin pack FILE --member NAME -o PACK.pdf    one member's pack
csx-admin pack FILE --all -o FOLDER              every member's pack, one PDF each
csx-admin import pack FILE PACK.pdf              read a returned pack into the round
csx-admin packs FILE [--format json|table]       the packs made, and which came back (the
                                                 table also lists paper sheets to key again
                                                 and those whose two keyings disagree)
csx-admin finished FILE --member M --category C  a paper pack's "I have finished" box is
                                                 ticked: submit the category for the member

A pack is made for a member's categories as they stand, with the scores they have already
given filled in; ``--return-by`` and ``--send-to`` go on its cover. Reading one back lists
every change, takes the new scores, and leaves sheets that differ from the app as they are
unless ``--prefer-pack``; ``--dry-run`` lists without changing anything.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csx_desktop.cli.common import add_file_argument, open_round
from csx_desktop.cli.output import print_json, print_table

if TYPE_CHECKING:
    from csx_desktop.store.pack_records import PackRecord


def register(commands: argparse._SubParsersAction, imports: argparse._SubParsersAction) -> None:
    """Add ``pack``, ``packs``, ``finished`` and ``import pack``."""
    pack = commands.add_parser(
        "pack",
        help="make judging packs: a fillable PDF for a member to score away from the laptop",
        description=(
            "Make a judging pack: one PDF per panel member with their categories' criteria, "
            "the entries they score (with every citation), the scores they have given so "
            "far, and boxes to fill in any PDF reader or on paper. Declared interests are "
            "listed, not shown."
        ),
    )
    add_file_argument(pack)
    who = pack.add_mutually_exclusive_group(required=True)
    who.add_argument("--member", metavar="NAME", help="the panel member the pack is for")
    who.add_argument("--all", action="store_true", help="a pack for every panel member")
    pack.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="PATH",
        help="the PDF to write (with --member), or the folder to write them into (with --all)",
    )
    pack.add_argument(
        "--return-by",
        type=_return_by,
        metavar="YYYY-MM-DD",
        help="the date on the cover to send it back by (default: a week before the ceremony, "
        'when its date is set; "none" for no date)',
    )
    pack.add_argument(
        "--send-to",
        metavar="TEXT",
        default=None,
        help='who to send it back to, as printed on the cover (default: "the awards '
        'administrator"), e.g. "Jo Bloggs, awards@stockton.gov.uk"',
    )
    pack.add_argument("--force", action="store_true", help="replace packs that already exist")
    pack.set_defaults(run=run_pack)

    returned = imports.add_parser(
        "pack",
        help="read a returned judging pack into the round",
        description=(
            "Read a judging pack a member filled in and sent back. Its scores are checked "
            "and stored through the same rules as scoring in the app, each with an audit "
            "row naming the pack. New scores are taken; sheets that differ from scores "
            "already in the app are listed and left as they are unless --prefer-pack. A "
            "category is submitted only when its 'I have finished' box is ticked and all "
            "its sheets are complete."
        ),
    )
    add_file_argument(returned)
    returned.add_argument("pack", metavar="PACK.pdf", type=Path, help="the returned pack")
    returned.add_argument(
        "--dry-run", action="store_true", help="list what would change, and change nothing"
    )
    returned.add_argument(
        "--prefer-pack",
        action="store_true",
        help="where a sheet differs from the app, take the pack's scores",
    )
    returned.set_defaults(run=run_import_pack)

    packs = commands.add_parser(
        "packs",
        help="list the judging packs made, and which have come back",
        description="List every judging pack made from the round, and when each came back.",
    )
    add_file_argument(packs)
    packs.add_argument("--format", choices=("json", "table"), default="table")
    packs.set_defaults(run=run_packs)

    finished = commands.add_parser(
        "finished",
        help="a paper pack has 'I have finished this category' ticked: submit it for the member",
        description=(
            "Submit a category on a panel member's behalf because their paper pack has "
            "'I have finished this category' ticked. Every sheet they score in it must be "
            "keyed in first (csx-admin import scores); their sheets in it are then fixed "
            "until the chair reopens it."
        ),
    )
    add_file_argument(finished)
    finished.add_argument("--member", required=True, help="the member's name")
    finished.add_argument("--category", required=True, help="the category's name")
    finished.set_defaults(run=run_finished)


# ---- making packs -----------------------------------------------------------------------


def run_pack(args: argparse.Namespace) -> None:
    from csx_desktop.operations.packs import DEFAULT, ReturnBy, make_packs

    return_by: ReturnBy = DEFAULT if args.return_by is None else args.return_by
    if args.return_by is _NO_DATE:
        return_by = None
    with open_round(args.file) as store:
        made = make_packs(
            store,
            output=args.output,
            member_name=args.member,
            return_by=return_by,
            send_to=args.send_to or "",
            overwrite=args.force,
        )
    for line in made.lines():
        print(line)
    for note in made.notes:
        print(f"Note: {note}", file=sys.stderr)


class _NoDate:
    """--return-by none: no date on the cover."""


_NO_DATE: Any = _NoDate()


def _return_by(text: str) -> Any:
    if text.strip().lower() in ("none", ""):
        return _NO_DATE
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-03, or "none"'
        ) from None


# ---- reading a pack back ----------------------------------------------------------------


def run_import_pack(args: argparse.Namespace) -> None:
    from csx_desktop.operations.packs import import_returned_pack

    with open_round(args.file) as store:
        result = import_returned_pack(
            store, path=args.pack, prefer_pack=args.prefer_pack, dry_run=args.dry_run
        )
    for line in result.lines():
        print(line)
    print(result.summary())


def run_finished(args: argparse.Namespace) -> None:
    from csx_desktop.operations.packs import finish_paper_category

    with open_round(args.file) as store:
        member = store.panel.member_named(args.member)
        category = store.round.category_named(args.category)
        finish_paper_category(store, member_id=member.id or 0, category_id=category.id or 0)
    print(f"{category.name} is submitted for {member.name}.")


# ---- listing packs ----------------------------------------------------------------------


def run_packs(args: argparse.Namespace) -> None:
    from csx_desktop.operations.packs import paper_checks
    from csx_desktop.store.pack_records import pack_history

    with open_round(args.file) as store:
        history = pack_history(store)
        checks = paper_checks(store)
    if args.format == "json":
        print_json(
            [
                {
                    "pack_id": record.pack_id,
                    "member": record.member_name,
                    "member_id": record.member_id,
                    "made_at": _iso(record.made_at),
                    "made_by": record.made_by,
                    "file": record.file_name,
                    "entries": record.entries,
                    "returned_at": _iso(record.returned_at),
                    "scores_taken": record.scores_taken,
                    "returns": [
                        {
                            "at": _iso(back.at),
                            "file": back.file_name,
                            "scores_taken": back.scores_taken,
                            "comments_taken": back.comments_taken,
                            "submitted": list(back.submitted),
                            "left_differing": back.left_differing,
                        }
                        for back in record.returns
                    ],
                }
                for record in history
            ]
        )
        return
    if not history:
        print("No judging packs have been made from this round yet.")
    else:
        _print_history(history)
    # Paper sheets still to key again (when the round needs two keyings), and those whose
    # two keyings disagree: a third look.
    for line in checks.lines():
        print(line)


def _print_history(history: list[PackRecord]) -> None:
    print_table(
        ["member", "made", "file", "returned", "scores taken"],
        [
            [
                record.member_name,
                _local(record.made_at),
                record.file_name,
                _local(record.returned_at) if record.returns else "not yet",
                record.scores_taken,
            ]
            for record in history
        ],
    )


def _iso(moment: datetime.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _local(moment: datetime.datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else "—"
