"""The panel: importing members, interests and paper scores; exporting scores; rubrics; PINs.

csx-admin import panel FILE CSV        members (name, group, categories, pin, chair)
csx-admin import interests FILE CSV    declared interests (member, category, nominee, kind, note)
csx-admin import scores FILE CSV       paper scoresheets, entered on each member's behalf
                                       (--second-keying: the same sheets typed again, a check)
csx-admin export scores FILE OUT.csv   every score, in the import format
csx-admin rubric FILE [--format ...]   each category's criteria
csx-admin set-pin FILE --member NAME   set a member's PIN (asked for when not given)
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable

from csx_desktop.cli.common import (
    TerminalProgress,
    add_file_argument,
    add_import_arguments,
    add_output_arguments,
    open_round,
    reading_choices,
    refuse_to_replace,
    report_refusal,
    subcommand_group,
)
from csx_desktop.cli.output import print_rows
from csx_desktop.io.panel_import import ImportResult
from csx_desktop.io.row_errors import RowsRefused
from csx_desktop.operations.imports import import_interests, import_panel, import_scores
from csx_desktop.store import InputRefused, Store

Importer = Callable[..., ImportResult]

_IMPORTS: dict[str, tuple[Importer, str, str]] = {
    "panel": (
        import_panel,
        "import panel members from a CSV or XLSX file",
        "columns: name, group, categories ('all' or names separated by ';'), "
        "optional pin and chair (yes/no)",
    ),
    "interests": (
        import_interests,
        "import declared interests from a CSV or XLSX file",
        "columns: member, category, nominee, kind (personal, prejudicial or pecuniary), note",
    ),
    "scores": (
        import_scores,
        "import paper scoresheets, entered on each member's behalf",
        "columns: member, category, nominee, criterion, score, comment (one row per criterion)",
    ),
}


def register(commands: argparse._SubParsersAction, imports: argparse._SubParsersAction) -> None:
    """Add this area's subcommands."""
    for kind, (importer, help_text, columns) in _IMPORTS.items():
        parser = imports.add_parser(kind, help=help_text, description=f"{help_text}; {columns}.")
        add_import_arguments(
            parser,
            source="CSV",
            source_help="the file to import",
            skip_help="import the valid rows and leave out the rows with problems (listed)",
        )
        if kind == "scores":
            parser.add_argument(
                "--second-keying",
                action="store_true",
                help="the same paper sheets typed in again, separately, as a check: no score "
                "changes; sheets whose keyings differ are listed (a round with paper sheets "
                "keyed twice counts a sheet once both agree)",
            )
        parser.set_defaults(run=_import_runner(importer))

    exports = subcommand_group(commands, "export", "export scores, results or votes to a file")
    scores = exports.add_parser(
        "scores", help="write every score as CSV, in the format import scores reads"
    )
    add_file_argument(scores)
    add_output_arguments(scores, "OUT.csv", "the CSV file to write")
    scores.set_defaults(run=run_export_scores)

    rubric = commands.add_parser("rubric", help="show each category's criteria and weights")
    add_file_argument(rubric)
    rubric.add_argument("--format", choices=("json", "table", "csv"), default="table")
    rubric.set_defaults(run=run_rubric)

    set_pin = commands.add_parser("set-pin", help="set a panel member's PIN")
    add_file_argument(set_pin)
    set_pin.add_argument("--member", required=True, help="the member's name")
    set_pin.add_argument(
        "--pin", help="6 to 8 digits; leave out to be asked (so it is not kept in shell history)"
    )
    set_pin.set_defaults(run=run_set_pin)


def _import_runner(importer: Importer) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        with open_round(args.file) as store:
            try:
                extra = {"second_keying": True} if getattr(args, "second_keying", False) else {}
                result = importer(
                    store,
                    path=args.source,
                    choices=reading_choices(args),
                    skip_invalid=args.skip_invalid,
                    **extra,
                )
            except RowsRefused as refused:
                return report_refusal(refused)
        for error in result.skipped:
            print(f"csx-admin: left out {result.file_name}: {error}", file=sys.stderr)
        print(result.summary())
        for note in result.notes:
            print(note)
        return 0

    return run


def run_export_scores(args: argparse.Namespace) -> None:
    from csx_desktop.operations.results import ADMINISTRATOR, export_scores

    refuse_to_replace(args)
    # A progress line on stderr, and only on a terminal.
    with open_round(args.file) as store, TerminalProgress("Writing row") as progress:
        written = export_scores(
            store, viewer=ADMINISTRATOR, path=args.output, overwrite=args.force, progress=progress
        )
    print(written.summary("rows of scores"))


def rubric_data(store: Store) -> list[dict[str, object]]:
    """Each category with its method and criteria, as ``csx-admin rubric --format json``."""
    return [
        {
            "category": category.name,
            "method": str(category.method),
            "criteria": [
                {
                    "name": c.name,
                    "descriptor": c.description,
                    "weight": c.weight,
                    "max": c.max_score,
                    "descriptors": list(c.descriptors),
                }
                for c in category.criteria
            ],
        }
        for category in store.round.categories()
    ]


def run_rubric(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        data = rubric_data(store)
        categories = store.round.categories()
        frozen = {c.name: store.round.rubric_frozen(c.id or 0) for c in categories}
    rows = [
        [
            category.name,
            criterion.name,
            criterion.description,
            criterion.weight,
            criterion.max_score,
            "frozen" if frozen[category.name] else "editable",
        ]
        for category in categories
        for criterion in category.criteria
    ]
    print_rows(
        args.format,
        ["category", "criterion", "what is scored", "weight", "max", "rubric"],
        rows,
        data,
    )


def run_set_pin(args: argparse.Namespace) -> None:
    pin = args.pin
    if pin is None:
        pin = getpass.getpass(f"New PIN for {args.member}: ")
        if getpass.getpass("The same PIN again: ") != pin:
            raise InputRefused("The two PINs were not the same; nothing was changed.")
    from csx_desktop.operations.panel import set_pin

    with open_round(args.file) as store:
        member = store.panel.member_named(args.member)
        done = set_pin(store, member_id=int(member.id or 0), pin=pin)
    print(done.summary)
