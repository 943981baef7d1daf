"""Shining Star: ``bodies``, ``import votes``, ``add-paper-votes``, ``remove-paper-votes``,
``votes``, ``erase-voters``."""

from __future__ import annotations

import argparse

from csx_desktop.cli.common import (
    add_file_argument,
    add_import_arguments,
    open_round,
    print_mapping,
    reading_choices,
    report_refusal,
)
from csx_desktop.cli.output import print_json, print_rows, print_table
from csx_desktop.domain.votes import votes_text
from csx_desktop.io.row_errors import RowsRefused
from csx_desktop.io.vote_import import FIELDS, parse_mapping, read_vote_export
from csx_desktop.operations import imports
from csx_desktop.store.errors import InputRefused


def register(commands: argparse._SubParsersAction, imports: argparse._SubParsersAction) -> None:
    bodies = commands.add_parser(
        "bodies",
        help="list, add or remove the Shining Star nominating bodies",
        description=(
            "Each Service Director's service, and Xentrall Shared Services, puts forward one "
            "member of staff for Shining Star. With no options, lists the bodies and who "
            "each has nominated."
        ),
    )
    add_file_argument(bodies)
    bodies.add_argument(
        "--add", action="append", default=[], metavar="NAME", help="add a nominating body"
    )
    bodies.add_argument(
        "--remove",
        action="append",
        default=[],
        metavar="NAME",
        help="remove a nominating body (one that has not nominated anyone)",
    )
    bodies.add_argument("--format", choices=("json", "table"), default="table")
    bodies.set_defaults(run=run_bodies)

    votes_import = imports.add_parser(
        "votes",
        help="import the Shining Star vote form's export (Microsoft Forms, Google Forms, "
        "Jotform, Typeform, any spreadsheet)",
        description=(
            "Store every ballot in the export; ballots that break a counting rule are kept "
            "as invalid with their row number and reason. Importing the same export again "
            "adds nothing; a later download of the same form adds only the new responses."
        ),
    )
    add_import_arguments(
        votes_import,
        source="EXPORT",
        source_help="the vote form's export (xlsx/csv)",
        skip_help="import the readable rows even if some rows' times cannot be read",
        dates=True,
    )
    votes_import.add_argument(
        "--map",
        action="append",
        default=[],
        type=_mapping_item,
        metavar="FIELD=HEADER",
        help=f"use the column HEADER for FIELD ({', '.join(FIELDS)}); may be repeated",
    )
    votes_import.set_defaults(run=run_import_votes)

    paper = commands.add_parser(
        "add-paper-votes", help="add a count of paper ballots for one Shining Star nominee"
    )
    add_file_argument(paper)
    paper.add_argument("--nominee", required=True, help="the nominee, as on the shortlist")
    paper.add_argument("--count", required=True, type=int, help="how many paper votes")
    paper.add_argument("--counted-by", required=True, metavar="NAME", help="who counted them")
    paper.set_defaults(run=run_add_paper_votes)

    remove_paper = commands.add_parser(
        "remove-paper-votes",
        help="take back a count of paper votes entered by mistake",
        description=(
            "With no --number, lists the paper counts with their numbers. With --number and "
            "--reason, removes that count from the tally; the audit log keeps it, with the "
            "reason. Refused once the Shining Star decision is recorded."
        ),
    )
    add_file_argument(remove_paper)
    remove_paper.add_argument(
        "--number", type=int, metavar="N", help="the paper count to remove, as listed"
    )
    remove_paper.add_argument("--reason", default="", help="why it is being removed")
    remove_paper.set_defaults(run=run_remove_paper_votes)

    votes = commands.add_parser("votes", help="the Shining Star count")
    add_file_argument(votes)
    votes.add_argument("--format", choices=("json", "table"), default="table")
    votes.set_defaults(run=run_votes)

    erase = commands.add_parser(
        "erase-voters",
        help="erase the voters' emails and staff numbers once the Shining Star decision is made",
    )
    add_file_argument(erase)
    erase.set_defaults(run=run_erase_voters)


def _mapping_item(text: str) -> str:
    try:
        parse_mapping([text])
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return text


def run_bodies(args: argparse.Namespace) -> None:
    from csx_desktop.operations.round_setup import change_nominating_bodies

    with open_round(args.file) as store:
        change_nominating_bodies(store, add=args.add, remove=args.remove)
        status = store.round.nominating_bodies_status()
    if args.format == "json":
        print_json([body for body, _ in status])
        return
    print_table(
        ["Nominating body", "Shining Star nominee"],
        [[body, nominee or "(not nominated yet)"] for body, nominee in status],
    )


def run_import_votes(args: argparse.Namespace) -> int:
    with open_round(args.file) as store:
        export = read_vote_export(
            args.source, parse_mapping(args.map), choices=reading_choices(args)
        )
        print_mapping(export.mapping_lines())
        try:
            result = imports.store_votes(store, export=export, skip_invalid=args.skip_invalid)
        except RowsRefused as refused:
            return report_refusal(refused)
    print(result.summary())
    for problem in result.export.problems:
        print(f"  skipped {problem}")
    return 0


def run_add_paper_votes(args: argparse.Namespace) -> None:
    from csx_desktop.operations.votes import add_paper_count

    with open_round(args.file) as store:
        added = add_paper_count(
            store, nominee=args.nominee, count=args.count, counted_by=args.counted_by
        )
    print(added.summary())


def run_remove_paper_votes(args: argparse.Namespace) -> int:
    from csx_desktop.operations.votes import paper_count_words, remove_paper_count

    with open_round(args.file) as store:
        if args.number is None:
            papers = store.ballots.paper_counts()
            if not papers:
                print("No paper votes have been added.")
                return 0
            print_table(
                ["number", "paper count"],
                [[paper.id, paper_count_words(store, paper)] for paper in papers],
            )
            print("Remove one with --number N --reason TEXT.")
            return 0
        if not args.reason.strip():
            raise InputRefused("Say why the paper votes are being removed, with --reason.")
        removed = remove_paper_count(store, paper_id=args.number, reason=args.reason)
    print(f"{removed.summary()}")
    return 0


def run_votes(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        count = store.ballots.tally()
    headers = ["Nominee", "Nominating body", "Votes", "Paper"]
    rows = [[c.nominee, c.nominating_body, c.votes, c.paper_votes] for c in count.candidates]
    print_rows(args.format, headers, rows, count.as_json())
    if args.format == "json":
        return
    print()
    print(
        f"Ballots: {count.valid} counted, {count.superseded} superseded, {count.invalid} invalid"
        f"; paper votes: {count.paper_votes}."
    )
    for reason, number in count.invalid_by_reason.items():
        print(f"  invalid, {reason}: {number}")
    if count.tied and not count.decided:
        names = " and ".join(c.nominee for c in count.top)
        print(
            f"TIE: {names} have {votes_text(count.top_votes)} each; record a decision with a "
            "reason."
        )
    elif count.leaders:
        label = "Winner (decision recorded)" if count.decided else "Leading"
        print(f"{label}: {', '.join(count.leaders)}.")


def run_erase_voters(args: argparse.Namespace) -> None:
    from csx_desktop.operations.votes import erase_voter_details

    with open_round(args.file) as store:
        erased = erase_voter_details(store)
    print(erased.summary())
