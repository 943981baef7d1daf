"""``certificates`` and ``settings``: printing the certificates, and the round settings they use.

``csx-admin certificates FILE -o OUT.pdf`` writes every certificate the round needs into one
PDF (``--force`` to replace a file). A name that no bundled font can draw (Chinese, an
emoji) is listed and nothing is written, unless ``--skip-undrawable`` asks for the others
alone. ``csx-admin settings FILE`` shows the round settings, or changes the ones given (the
ceremony date and signatories printed on certificates, the council's logo, the voting
window, the scoring rules).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path
from typing import Any

from csx_desktop.cli.common import add_file_argument, open_round, refuse_to_replace
from csx_desktop.domain.model import RoundSettings, Signatory
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

    settings = commands.add_parser(
        "settings",
        help="show the round settings, or change those given",
        description=(
            "Show the round's settings, or change the ones given. Dates are YYYY-MM-DD, "
            'times YYYY-MM-DDTHH:MM. A signatory is given as "Name|Title"; an empty '
            'value ("") clears a setting.'
        ),
    )
    add_file_argument(settings)
    settings.add_argument("--name", help="the round's name")
    settings.add_argument("--year", type=int, help="the awards year")
    settings.add_argument(
        "--ceremony-date",
        type=_optional(_date),
        metavar="YYYY-MM-DD",
        help="the date printed on certificates",
    )
    for number in (1, 2):
        settings.add_argument(
            f"--signatory-{number}",
            type=_signatory,
            metavar='"NAME|TITLE"',
            help=f"the {'first' if number == 1 else 'second'} signatory on certificates",
        )
        settings.add_argument(
            f"--signature-{number}",
            type=_optional(_image),
            metavar="IMAGE",
            help=f'an image of signatory {number}\'s signature (PNG or JPEG); "" removes it',
        )
    logo = settings.add_mutually_exclusive_group()
    logo.add_argument(
        "--logo",
        type=Path,
        metavar="FILE",
        help="the council's logo for the certificates (PNG or SVG, at most 2 MB); it is kept "
        "in the round file",
    )
    logo.add_argument("--no-logo", action="store_true", help="take the logo off the certificates")
    settings.add_argument(
        "--voting-opens",
        type=_optional(_time),
        metavar="YYYY-MM-DDTHH:MM",
        help="when the Shining Star vote opens",
    )
    settings.add_argument(
        "--voting-closes",
        type=_optional(_time),
        metavar="YYYY-MM-DDTHH:MM",
        help="when the Shining Star vote closes",
    )
    settings.add_argument(
        "--min-judges", type=int, help="counted scoresheets an entry needs to be ranked"
    )
    settings.add_argument(
        "--aggregate", choices=("mean", "median"), help="how judges' totals make an entry score"
    )
    settings.add_argument(
        "--disagreement-threshold",
        type=float,
        help="a spread of judges' totals at or above this is flagged (0-100)",
    )
    settings.add_argument(
        "--normalise-min-sheets",
        type=int,
        help="complete sheets a judge needs before their scores are normalised",
    )
    settings.add_argument(
        "--ballot-rule", choices=("latest", "first"), help="which of a voter's ballots counts"
    )
    settings.set_defaults(run=run_settings)


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


# ---- settings ---------------------------------------------------------------------------

_SIMPLE = (
    "name",
    "year",
    "ceremony_date",
    "voting_opens",
    "voting_closes",
    "min_judges",
    "aggregate",
    "disagreement_threshold",
    "normalise_min_sheets",
    "ballot_rule",
)


def run_settings(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        current = store.round.settings()
        changes: dict[str, Any] = {
            key: None if getattr(args, key) is _CLEARED else getattr(args, key)
            for key in _SIMPLE
            if getattr(args, key) is not None
        }
        signatories = list(current.signatories)
        for index in (0, 1):
            given: Signatory | None = getattr(args, f"signatory_{index + 1}")
            image: str | None = getattr(args, f"signature_{index + 1}")
            if image is _CLEARED:
                image = ""
            if given is None and image is None:
                continue
            base = given or signatories[index]
            signatories[index] = Signatory(
                name=base.name,
                title=base.title,
                signature_image=signatories[index].signature_image if image is None else image,
            )
        if tuple(signatories) != current.signatories:
            changes["signatories"] = (signatories[0], signatories[1])
        if args.logo is not None:
            from csx_desktop.certificates.logo import read_logo

            changes["council_logo"] = read_logo(args.logo)
        elif args.no_logo and current.council_logo is not None:
            changes["council_logo"] = None
        if changes:
            current = store.round.update_settings(**changes)
            print(f"Changed {len(changes)} setting{'s' if len(changes) != 1 else ''}.")
        _print_settings(current)


def _print_settings(settings: RoundSettings) -> None:
    def show(value: object) -> str:
        if value is None or value == "":
            return "(not set)"
        if isinstance(value, datetime.datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        return str(value)

    rows: list[tuple[str, object]] = [
        ("Name", settings.name),
        ("Year", settings.year),
        ("Ceremony date", settings.ceremony_date),
    ]
    for number, signatory in enumerate(settings.signatories, start=1):
        who = " — ".join(p for p in (signatory.name, signatory.title) if p)
        rows.append((f"Signatory {number}", who))
        if signatory.signature_image:
            rows.append((f"Signature {number}", signatory.signature_image))
    logo = settings.council_logo
    rows.append(
        (
            "Council logo",
            f"{logo.name} ({logo.kind.upper()}, {len(logo.data) / 1024:.0f} KB)" if logo else None,
        )
    )
    rows += [
        ("Voting opens", settings.voting_opens),
        ("Voting closes", settings.voting_closes),
        ("Minimum judges", settings.min_judges),
        ("Entry score", settings.aggregate),
        ("Disagreement at", settings.disagreement_threshold),
        ("Normalise from", f"{settings.normalise_min_sheets} sheets"),
        ("Ballot counted", settings.ballot_rule),
    ]
    for label, value in rows:
        print(f"{label + ':':<18}{show(value)}")


# ---- argument types (a wrong value is a usage error: exit 2 with the reason) --------------


def _optional(parse: Any) -> Any:
    """Accept "" as "clear this setting" (None is 'not given', so "" maps to a sentinel)."""

    def parse_or_clear(text: str) -> Any:
        return _CLEARED if not text.strip() else parse(text)

    return parse_or_clear


class _Cleared:
    """Marks a setting the user asked to clear."""


_CLEARED: Any = _Cleared()


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-12-10"
        ) from None


def _time(text: str) -> datetime.datetime:
    try:
        return datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a time; write it as YYYY-MM-DDTHH:MM, e.g. 2026-11-02T09:00"
        ) from None


def _signatory(text: str) -> Signatory:
    name, _, title = text.partition("|")
    return Signatory(name=" ".join(name.split()), title=" ".join(title.split()))


def _image(text: str) -> str:
    path = Path(text).expanduser()
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"there is no image file at {text}")
    if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise argparse.ArgumentTypeError("a signature image must be a PNG or JPEG file")
    return str(path.resolve())
