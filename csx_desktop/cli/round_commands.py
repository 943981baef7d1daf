"""``new``, ``check``, ``backup``, ``passphrase`` and ``settings``: making a round file, looking
after it, and what the round is (its name, certificate details, voting window and rules).

Every round has an administrator passphrase (it guards the administrator's areas of the
window): ``new`` asks for it at a terminal, typed twice and never shown, and refuses without
one anywhere else unless ``--admin-passphrase`` gives it. Its rules (how long it must be)
are ``operations.rounds``', as are those of changing a setting: each command here only asks
and prints.

``csx-admin settings FILE`` shows the round settings, or changes the ones given (the ceremony
date and signatories printed on certificates, the council's logo, the voting window, the
rules). The rules' options and help come from their one declaration,
``domain.round_rules``; once scoring has started, changing a rule needs ``--reason``.
"""

from __future__ import annotations

import argparse
import datetime
import getpass
import sys
from pathlib import Path
from typing import Any

from csx_desktop.cli.common import add_file_argument, open_round
from csx_desktop.domain.model import RoundSettings, Signatory
from csx_desktop.domain.round_rules import RULES, Rule
from csx_desktop.operations.rounds import (
    MIN_PASSPHRASE,
    change_admin_passphrase,
    change_settings,
    check_new_round_path,
    create_round,
    rules_fixed,
)
from csx_desktop.store import InputRefused
from csx_desktop.store.database import COMMAND_LINE_ACTOR


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

    _register_settings(commands)


def run_new(args: argparse.Namespace) -> None:
    check_new_round_path(args.file)  # before asking for a passphrase it could not use
    passphrase = args.admin_passphrase
    repeat = None
    if passphrase is None:
        passphrase, repeat = ask_passphrase("new")
    created = create_round(
        path=args.file,
        name=args.name,
        year=args.year,
        admin_passphrase=passphrase,
        repeat=repeat,
        actor=COMMAND_LINE_ACTOR,
    )
    print(created.summary)


def ask_passphrase(command: str) -> tuple[str, str]:
    """The administrator's passphrase, typed twice at a terminal (never echoed)."""
    if not sys.stdin.isatty():
        raise InputRefused(
            "A round needs an administrator's passphrase: run csx-admin "
            f"{command} at a terminal to be asked for it, or give --admin-passphrase."
        )
    first = getpass.getpass(
        f"The administrator's passphrase (at least {MIN_PASSPHRASE} characters): "
    )
    return first, getpass.getpass("The same passphrase again: ")


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
    from csx_desktop.operations.results import ADMINISTRATOR
    from csx_desktop.operations.rounds import back_up

    with open_round(args.file) as store:
        done = back_up(store, viewer=ADMINISTRATOR, dest=args.dest, overwrite=args.force)
    print(done.summary())


def run_passphrase(args: argparse.Namespace) -> None:
    passphrase, repeat = ask_passphrase("passphrase")
    with open_round(args.file) as store:
        # No old passphrase: whoever runs csx-admin has the round file itself (SECURITY.md).
        changed = change_admin_passphrase(store, new=passphrase, repeat=repeat, old=None)
    print(changed.summary)


# ---- settings ---------------------------------------------------------------------------


def _register_settings(commands: argparse._SubParsersAction) -> None:
    settings = commands.add_parser(
        "settings",
        help="show the round settings and rules, or change those given",
        description=(
            "Show the round's settings, or change the ones given. Dates are YYYY-MM-DD, "
            'times YYYY-MM-DDTHH:MM. A signatory is given as "Name|Title"; an empty '
            'value ("") clears a setting. Once scoring (or the staff vote count) has '
            "started the rules are fixed: changing one needs --reason, which is kept in the "
            "audit log."
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
    rules = settings.add_argument_group(
        "the rules", "how the round counts (a new round starts with the value in brackets)"
    )
    for rule in RULES.values():
        if rule.editable:
            rules.add_argument(rule.flag, dest=rule.key, **_rule_option(rule))
    rules.add_argument(
        "--reason",
        default="",
        metavar="TEXT",
        help="why a rule changes once scoring has started (kept in the audit log)",
    )
    settings.set_defaults(run=run_settings)


def _rule_option(rule: Rule) -> dict[str, Any]:
    """argparse's words for one rule, from its declaration."""
    if rule.choices:
        allowed = "; ".join(f"{c.value}: {c.label.lower()}" for c in rule.choices)
        return {
            "choices": [c.value for c in rule.choices],
            "help": f"{_lower_first(rule.help)} {allowed} [{rule.default}]",
        }
    low, high = f"{rule.minimum:g}", f"{rule.maximum:g}"
    unit = f" {rule.unit}" if rule.unit else ""
    return {
        "type": _number_of(rule),
        "metavar": "N",
        "help": f"{_lower_first(rule.help)} {low} to {high}{unit} [{rule.shown(rule.default)}]",
    }


def _lower_first(text: str) -> str:
    text = text.rstrip(".")
    return text[:1].lower() + text[1:] + ":"


def _number_of(rule: Rule) -> Any:
    """A number typed on the command line: a usage error when it is not one; its range is
    the round's to check (a refusal, like every other rule)."""

    def parse(text: str) -> float | int:
        try:
            return float(text) if rule.kind is float else int(text)
        except ValueError:
            kind = "a whole number" if rule.kind is int else "a number"
            raise argparse.ArgumentTypeError(f"{text!r} is not {kind}") from None

    return parse


_SIMPLE = ("name", "year", "ceremony_date", "voting_opens", "voting_closes", *RULES)


def run_settings(args: argparse.Namespace) -> None:
    with open_round(args.file) as store:
        current = store.round.settings()
        changes: dict[str, Any] = {
            key: None if getattr(args, key) is _CLEARED else getattr(args, key)
            for key in _SIMPLE
            if getattr(args, key, None) is not None
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
            outcome = change_settings(store, changes=changes, reason=args.reason)
            current = outcome.settings
            count = len(outcome.changed)
            print(f"Changed {count} setting{'s' if count != 1 else ''}.")
        fixed = rules_fixed(store)
        _print_settings(current, fixed)


def _print_settings(settings: RoundSettings, fixed: str) -> None:
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
    ]
    rows += [(rule.label, rule.shown(getattr(settings, key))) for key, rule in RULES.items()]
    for label, value in rows:
        print(f"{label + ':':<18}{show(value)}")
    if fixed:
        print(f"The rules are fixed because {fixed}: changing one needs --reason.")


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
