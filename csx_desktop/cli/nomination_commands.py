"""Nominations: ``import nominations``, ``template nominations``, ``entries``, ``nominations``
and the tidying commands ``merge``, ``split``, ``move``, ``withdraw``, ``ineligible`` and
``reinstate``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from csx_desktop.cli.common import (
    TerminalProgress,
    add_file_argument,
    add_import_arguments,
    open_round,
    print_mapping,
    reading_choices,
)
from csx_desktop.cli.output import FORMATS, print_rows
from csx_desktop.domain.model import Entry, Nomination, NominationStatus
from csx_desktop.io.nomination_formats import FIELD_KEYS
from csx_desktop.operations import nominations as tidying

EXIT_REFUSED = 1


def register(commands: argparse._SubParsersAction, imports: argparse._SubParsersAction) -> None:
    """Add this area's subcommands."""
    imp = imports.add_parser(
        "nominations",
        help="import a nominations export (Microsoft Forms, Google Forms, SurveyMonkey, "
        "Jotform, Typeform, template, any spreadsheet)",
        description=(
            "Import the nominations from a form tool's export. The tool is recognised from the "
            "file's headings, and the columns used are printed first (field <- heading). By "
            "default nothing is stored if any row has a problem; every bad row is listed with "
            "its row number. Importing the same export again adds nothing."
        ),
    )
    add_import_arguments(
        imp,
        source="EXPORT",
        source_help="the exported file (.xlsx, .xls, .ods or .csv; read by its content)",
        skip_help="store the valid rows even if some rows have problems (they are still listed)",
        dates=True,
    )
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="check the file and show the columns used; store nothing",
    )
    imp.add_argument(
        "--category",
        metavar="NAME",
        help="every row is for this award (a form made for one award, with no category "
        "column), e.g. --category 'Shining Star'",
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=HEADER",
        help=(
            "use the column with this exact heading for a field (repeatable); fields: "
            + ", ".join(FIELD_KEYS)
            + ". FIELD= leaves a field out."
        ),
    )
    imp.set_defaults(run=run_import)

    template = commands.add_parser("template", help="write a blank template to fill in and import")
    kinds = template.add_subparsers(dest="template_kind", metavar="KIND", required=True)
    nominations_template = kinds.add_parser(
        "nominations", help="the nominations template (with a notes row explaining each column)"
    )
    add_file_argument(nominations_template)  # the round: its own categories and bodies
    nominations_template.add_argument(
        "out", metavar="OUT", help="the file to write: OUT.xlsx or OUT.csv"
    )
    nominations_template.add_argument(
        "--force", action="store_true", help="replace OUT if it exists"
    )
    nominations_template.set_defaults(run=run_template)

    entries = commands.add_parser(
        "entries", help="list the entries (nominees per category) with their nominations"
    )
    add_file_argument(entries)
    entries.add_argument("--format", choices=FORMATS, default="table")
    entries.add_argument("--category", help="only this category (e.g. 'Extra Mile')")
    entries.add_argument(
        "--all", action="store_true", help="include merged, withdrawn and ineligible entries"
    )
    entries.set_defaults(run=run_entries)

    nominations = commands.add_parser(
        "nominations", help="list the nominations, with the ids the tidying commands take"
    )
    add_file_argument(nominations)
    nominations.add_argument("--entry", type=int, help="only the nominations of this entry id")
    nominations.add_argument("--format", choices=FORMATS, default="table")
    nominations.set_defaults(run=run_nominations)

    merge = commands.add_parser("merge", help="merge duplicate entries into one")
    add_file_argument(merge)
    merge.add_argument("into", metavar="INTO", type=int, help="the entry id to keep")
    merge.add_argument(
        "others", metavar="OTHER", type=int, nargs="+", help="the entry ids to merge into it"
    )
    merge.add_argument("--reason", default="", help="why (kept in the record)")
    merge.set_defaults(run=run_merge)

    split = commands.add_parser("split", help="move some nominations of an entry into a new entry")
    add_file_argument(split)
    split.add_argument("entry", metavar="ENTRY", type=int, help="the entry id")
    split.add_argument(
        "nomination_ids", metavar="NOMINATION", type=int, nargs="+", help="nomination ids to move"
    )
    split.add_argument("--name", help="the new entry's nominee (default: as the nominations say)")
    split.set_defaults(run=run_split)

    move = commands.add_parser("move", help="move a nomination to another category")
    add_file_argument(move)
    move.add_argument("nomination", metavar="NOMINATION", type=int, help="the nomination id")
    move.add_argument("category", metavar="CATEGORY", help="the category to move it to")
    move.add_argument("--body", help="the nominating body (when moving to Shining Star)")
    move.set_defaults(run=run_move)

    for name, status, text in (
        ("withdraw", NominationStatus.WITHDRAWN, "withdraw a nomination (kept for the record)"),
        ("ineligible", NominationStatus.INELIGIBLE, "mark a nomination ineligible, with a reason"),
        ("reinstate", NominationStatus.ELIGIBLE, "make a withdrawn or ineligible one count again"),
    ):
        parser = commands.add_parser(name, help=text)
        add_file_argument(parser)
        parser.add_argument("nomination", metavar="NOMINATION", type=int, help="the nomination id")
        parser.add_argument(
            "--reason",
            required=status is NominationStatus.INELIGIBLE,
            default="",
            help="why (kept in the record)",
        )
        parser.set_defaults(run=run_status, status=status)


# ---- import and template -----------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    from csx_desktop.io.nomination_formats import apply_overrides
    from csx_desktop.io.nomination_import import prepare_import
    from csx_desktop.operations import imports

    with open_round(args.file) as store:
        plan = prepare_import(
            args.source, choices=reading_choices(args), categories=store.round.categories()
        )
        mapping = apply_overrides(plan.layout, plan.mapping, args.map)
        fixed = store.round.category_named(args.category) if args.category else None
        print_mapping(plan.mapping_lines(mapping, fixed))
        with TerminalProgress("Checking row") as progress:
            report = imports.import_nominations(
                store,
                plan=plan,
                mapping=mapping,
                category=args.category,
                skip_invalid=args.skip_invalid,
                dry_run=args.dry_run,
                progress=progress,
            )
    for line in report.summary_lines():
        print(line)
    if report.rejected and not args.skip_invalid:
        print(
            f"csx-admin: {report.rejected_rows} row(s) have problems (listed above); "
            + ("the import would be refused." if report.dry_run else "nothing was imported."),
            file=sys.stderr,
        )
        return EXIT_REFUSED
    return 0


def run_template(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        written = tidying.write_nominations_template(store, dest=args.out, overwrite=args.force)
    print(written.summary)


# ---- listing -----------------------------------------------------------------------------


def run_entries(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        category_id = store.round.category_named(args.category).id if args.category else None
        entries = store.nominations.entries(category_id, include_inactive=args.all)
        names = {c.id: c.name for c in store.round.categories()}
    data = [entry_json(e, names) for e in entries]
    headers = ["id", "category", "nominee", "service", "nominations", "status", "team members"]
    rows = [
        [e.id, names[e.category_id], e.nominee, e.service or e.nominating_body,
         e.nomination_count, str(e.status), list(e.team_members)]
        for e in entries
    ]  # fmt: skip
    print_rows(args.format, headers, rows, data)


def entry_json(entry: Entry, category_names: dict[int | None, str]) -> dict[str, Any]:
    return {
        "id": entry.id,
        "category": category_names[entry.category_id],
        "nominee": entry.nominee,
        "team_members": list(entry.team_members),
        "service": entry.service,
        "nominating_body": entry.nominating_body,
        "nominations": entry.nomination_count,
        "status": str(entry.status),
        "status_reason": entry.status_reason,
        "merged_into": entry.merged_into,
    }


def run_nominations(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        if args.entry is not None:
            store.nominations.entry(args.entry)  # refuses an unknown id with a message
            nominations = store.nominations.nominations_for(args.entry)
        else:
            nominations = [n for group in store.nominations.nominations_by_entry().values()
                           for n in group]  # fmt: skip
        names = {c.id: c.name for c in store.round.categories()}
    data = [_nomination_json(n, names) for n in nominations]
    headers = ["id", "entry", "category", "nominee", "nominator", "received", "status"]
    rows = [
        [n.id, n.entry_id, names[n.category_id], n.nominee, n.nominator_name,
         n.received_at.strftime("%d %b %Y %H:%M") if n.received_at else None, str(n.status)]
        for n in nominations
    ]  # fmt: skip
    print_rows(args.format, headers, rows, data)


def _nomination_json(n: Nomination, names: dict[int | None, str]) -> dict[str, Any]:
    return {
        "id": n.id,
        "entry_id": n.entry_id,
        "category": names[n.category_id],
        "nominee": n.nominee,
        "team_members": list(n.team_members),
        "service": n.service,
        "nominating_body": n.nominating_body,
        "nominator_name": n.nominator_name,
        "nominator_email": n.nominator_email,
        "relationship": n.relationship,
        "citation": n.citation,
        "received_at": n.received_at.isoformat() if n.received_at else None,
        "source": n.source,
        "response_id": n.response_id,
        "status": str(n.status),
        "status_reason": n.status_reason,
    }


# ---- tidying -----------------------------------------------------------------------------


def run_merge(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        outcome = tidying.merge_entries(
            store, into=args.into, others=args.others, reason=args.reason
        )
    print(outcome.summary)


def run_split(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        outcome = tidying.split_entry(
            store, entry_id=args.entry, nomination_ids=args.nomination_ids, nominee=args.name
        )
    print(outcome.summary)


def run_move(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        category = store.round.category_named(args.category)
        outcome = tidying.move_nomination(
            store,
            nomination_id=args.nomination,
            category_id=int(category.id or 0),
            nominating_body=args.body,
        )
    print(outcome.summary)


def run_status(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        outcome = tidying.set_nomination_status(
            store, nomination_id=args.nomination, status=args.status, reason=args.reason
        )
    print(outcome.summary)
