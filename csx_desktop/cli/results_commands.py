"""``results``, ``decide``, ``reopen-decision``, ``report`` and ``export``: the end of the judging.

Every read and write goes through ``csx_desktop.operations`` (``results``, ``decisions``), as
the administrator: the rules of who sees what and of a decision are checked there, once.
``csx-admin results FILE`` prints the ranking of each category (JSON, CSV or an aligned
table); ``decide`` records the panel's decision (a reason is needed when the winner is not the
sole rank 1); ``reopen-decision`` reopens one; ``report`` writes the results report PDF, the
record of the judging; ``export`` writes the results or every scoresheet to CSV or XLSX.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from csx_desktop.cli.common import (
    TerminalProgress,
    add_file_argument,
    add_output_arguments,
    open_round,
    refuse_to_replace,
    subcommand_group,
)
from csx_desktop.cli.output import FORMATS, print_rows
from csx_desktop.store import Store
from csx_desktop.store.errors import InputRefused


def register(commands: argparse._SubParsersAction, imports: argparse._SubParsersAction) -> None:
    results = commands.add_parser(
        "results",
        help="the ranking of each category: score, sheets, spread, flags, other counts",
        description=(
            "Print each category's entries in rank order (unranked last) with their score, "
            "the counted sheets, the spread and the flags (tie, disagreement, too few "
            "sheets, incomplete sheets, declared interest), and the recorded decision. For "
            "Shining Star the score is the number of votes. With --format json, each panel "
            "entry also has its adjusted_score, borda_score and first_share, and each panel "
            "category first_by_count and winner_depends_on_count: whether the winner depends "
            "on how the sheets are counted."
        ),
    )
    add_file_argument(results)
    results.add_argument("--format", choices=FORMATS, default="table", help="default: table")
    results.add_argument("--category", metavar="NAME", help="only this category")
    results.set_defaults(run=run_results)

    decide = commands.add_parser(
        "decide",
        help="record the panel's decision for a category",
        description=(
            "Record the winner (or joint winners, with --winner more than once) and any "
            "highly commended entries of a category. A --reason is required unless the "
            "winner is the sole rank 1 entry. Recording a decision closes scoring in the "
            "category: while any member judging it has not submitted, the command names "
            "them and refuses unless --close-open-sheets and a --reason are given."
        ),
    )
    add_file_argument(decide)
    decide.add_argument("--category", required=True, metavar="NAME")
    decide.add_argument(
        "--winner", required=True, action="append", metavar="NOMINEE", help="repeat for joint"
    )
    decide.add_argument(
        "--highly-commended", action="append", default=[], metavar="NOMINEE", help="repeatable"
    )
    decide.add_argument("--reason", default="", metavar="TEXT")
    decide.add_argument(
        "--close-open-sheets",
        action="store_true",
        help=(
            "record it although some members judging the category have not submitted: "
            "scoring closes for them (a --reason is then required)"
        ),
    )
    decide.set_defaults(run=run_decide)

    reopen = commands.add_parser(
        "reopen-decision",
        help="reopen a recorded decision (scoring in the category opens again)",
    )
    add_file_argument(reopen)
    reopen.add_argument("--category", required=True, metavar="NAME")
    reopen.add_argument("--reason", required=True, metavar="TEXT", help="why it is reopened")
    reopen.set_defaults(run=run_reopen)

    report = commands.add_parser(
        "report",
        help="write the results report (PDF): the record of the judging",
        description=(
            "Write the results report: the round, the panel and its groups, each category's "
            "ranking and decision with its reason, the declared interests and the Shining "
            "Star count."
        ),
    )
    add_file_argument(report)
    report.add_argument("-o", "--output", required=True, type=Path, metavar="OUT.pdf")
    report.add_argument("--force", action="store_true", help="replace OUT.pdf if it exists")
    report.set_defaults(run=run_report)

    # `export` is shared with the other areas (`export scores` ...); see panel_commands.
    exports = subcommand_group(commands, "export", "export scores, results or votes to a file")
    for what, help_text in (
        ("results", "write each category's ranking and decision to a CSV or XLSX file"),
        ("scoresheets", "write every scoresheet (scores, total, status, comment) to CSV or XLSX"),
    ):
        parser = exports.add_parser(what, help=help_text)
        add_file_argument(parser)
        add_output_arguments(parser, "OUT", "OUT.csv or OUT.xlsx")
        parser.set_defaults(run=run_export, export=what)


def run_results(args: argparse.Namespace) -> None:
    from csx_desktop.io.exports import results_table
    from csx_desktop.operations.results import ADMINISTRATOR, results_document

    with open_round(args.file) as store:
        results, document = results_document(
            store,
            viewer=ADMINISTRATOR,
            category=args.category,
            with_counts=args.format == "json",
        )
    headers, rows = results_table(results)
    print_rows(args.format, headers, rows, document)


def _entry_id(store: Store, category_id: int, nominee: str) -> int:
    entry = store.nominations.entry_named(category_id, nominee)
    assert entry.id is not None
    return entry.id


def run_decide(args: argparse.Namespace) -> None:
    from csx_desktop.operations.decisions import open_sheets, record_decision
    from csx_desktop.operations.results import ADMINISTRATOR

    with open_round(args.file) as store:
        category = store.round.category_named(args.category)
        assert category.id is not None
        winners = [_entry_id(store, category.id, n) for n in args.winner]
        commended = [_entry_id(store, category.id, n) for n in args.highly_commended]
        missing = open_sheets(store, category_id=category.id)
        if missing and not args.close_open_sheets:
            who = "; ".join(o.in_words() for o in missing)
            raise InputRefused(
                f"Not every member judging {category.name} has submitted ({who}). To decide "
                "now all the same, closing scoring for them, add --close-open-sheets and a "
                "--reason."
            )
        record_decision(
            store,
            viewer=ADMINISTRATOR,
            category_id=category.id,
            winners=winners,
            highly_commended=commended,
            reason=args.reason,
            confirm_open_sheets=args.close_open_sheets,
        )
    joint = "Joint winners" if len(winners) > 1 else "Winner"
    print(f"Recorded the decision for {category.name}. {joint}: {', '.join(args.winner)}.")
    if args.highly_commended:
        print(f"Highly commended: {', '.join(args.highly_commended)}.")


def run_reopen(args: argparse.Namespace) -> None:
    from csx_desktop.operations.decisions import reopen_decision
    from csx_desktop.operations.results import ADMINISTRATOR

    with open_round(args.file) as store:
        category = store.round.category_named(args.category)
        assert category.id is not None
        reopen_decision(store, viewer=ADMINISTRATOR, category_id=category.id, reason=args.reason)
    print(f"Reopened the decision for {category.name}; scoring in it is open again.")


def run_report(args: argparse.Namespace) -> None:
    from csx_desktop.operations.results import ADMINISTRATOR, write_results_report

    if args.output.suffix.lower() != ".pdf":
        raise InputRefused("The report is a PDF: give a file name ending in .pdf.")
    refuse_to_replace(args)
    with open_round(args.file) as store:
        written = write_results_report(
            store, viewer=ADMINISTRATOR, path=args.output, overwrite=args.force
        )
    print(f"Wrote the results report to {args.output} ({written.amount} pages).")


def run_export(args: argparse.Namespace) -> None:
    from csx_desktop.io.exports import check_export_path
    from csx_desktop.operations.results import ADMINISTRATOR, export

    check_export_path(args.output)  # refuse a wrong name before reading anything
    refuse_to_replace(args)
    # A progress line on stderr, and only on a terminal.
    with open_round(args.file) as store, TerminalProgress("Writing row") as progress:
        written = export(
            store,
            viewer=ADMINISTRATOR,
            what=args.export,
            path=args.output,
            overwrite=args.force,
            progress=progress,
        )
    things = "entries" if args.export == "results" else "scoresheets"
    print(f"Wrote {written.amount} {things} to {args.output}.")
