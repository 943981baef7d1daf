"""The rules a round counts by, each declared once: its type, default, range or choices, and
the words the window, the command line and the report use for it.

A round stores every rule in its file from the moment it is created (``store.rounds``), and
results read the round's own values, never the defaults below: a default changed in a later
version applies to new rounds only, and a past round's ranking, "the record of the
judging", stays as it was. A round made before the rules were stored had them written in by
migration ``m004_round_rules`` with the values the code used until then.

Everything that shows or checks a rule comes from ``RULES`` (as qutebrowser's settings come
from ``configdata.yml``): the store's check of a value (``Rule.check``), the Round settings
area's editors, labels and hints, ``csx-admin settings``' flags and help, and the summary in
words (``rules_in_words``) the window and the results report show. Adding a rule is one entry
here (and the ``RoundSettings`` field the counting code reads it from).

Once a round has any score or ballot the rules are fixed: a change needs a reason and is
audited with it (``operations.rounds.change_settings``).

Pure: no Qt, no SQL. A value that breaks a rule raises ``ValueError`` with a sentence fit to
show a person; the store turns it into its refusal.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

RuleValue = int | float | str
T = TypeVar("T", int, float, str)

# Where a rule's editor sits in the Round settings area.
SCORING = "scoring"
VOTE = "vote"


@dataclass(frozen=True, slots=True)
class Choice:
    """One allowed value of a rule that is a choice."""

    value: str  # what the round file stores
    label: str  # what the window's list shows
    words: str  # how it reads inside the rule's sentence


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of a round, declared once."""

    key: str  # the stored key, and the ``RoundSettings`` field
    kind: type[int] | type[float] | type[str]
    default: RuleValue  # what a NEW round starts with
    label: str  # the window's label; the summary's first column
    help: str  # one sentence: the window's hint and the command line's help
    sentence: str  # the rule in words, with ``{value}`` where its value goes
    choices: tuple[Choice, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    unit: str = ""  # "points", "sheets": after a number
    area: str = SCORING

    @property
    def flag(self) -> str:
        """The command line's option: ``--min-judges``."""
        return "--" + self.key.replace("_", "-")

    @property
    def editable(self) -> bool:
        """A choice with one allowed value is shown, never edited (there is nothing to pick)."""
        return not self.choices or len(self.choices) > 1

    def choice(self, value: object) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    def check(self, value: object) -> RuleValue:
        """The value as the round keeps it, or ``ValueError`` saying what is allowed."""
        if self.choices:
            if isinstance(value, str) and self.choice(value) is not None:
                return value
            allowed = _or([repr(c.value) for c in self.choices])
            raise ValueError(f"{self.label} must be {allowed}, not {value!r}.")
        number: RuleValue
        if self.kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                if not (isinstance(value, float) and value.is_integer()):
                    raise ValueError(f"{self.label} must be a whole number, not {value!r}.")
                value = int(value)
            number = value
        else:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError(f"{self.label} must be a number, not {value!r}.")
            number = float(value)
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            raise ValueError(
                f"{self.label} must be from {_number(self.minimum)} to "
                f"{_number(self.maximum)}{self.unit_after}, not {_number(number)}."
            )
        return number

    def parse(self, text: str) -> RuleValue:
        """A value typed on the command line (``ValueError`` in words when it is not one)."""
        text = text.strip()
        if self.choices:
            return self.check(text.lower())
        try:
            number = float(text) if self.kind is float else int(text)
        except ValueError:
            kind = "a whole number" if self.kind is int else "a number"
            raise ValueError(f"{self.label} must be {kind}, not {text!r}.") from None
        return self.check(number)

    @property
    def unit_after(self) -> str:
        return f" {self.unit}" if self.unit else ""

    def shown(self, value: object) -> str:
        """The value as a person reads it: "30 points", "Mean of the judges' totals"."""
        found = self.choice(value)
        if found is not None:
            return found.label
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"{_number(value)}{self.unit_after}"
        return str(value)

    def in_words(self, value: object) -> str:
        found = self.choice(value)
        if found is not None:
            shown = found.words
        elif isinstance(value, int | float) and not isinstance(value, bool):
            shown = f"{_number(value)}{self.unit_after}"
        else:
            shown = str(value)
        return self.sentence.format(value=shown)


# Scores are compared to this many decimals (``domain.scoring.SCORE_DECIMALS``); said here so
# the tie rule's words need no import of the counting code.
_TIE_DECIMALS = 2

# In the order the window and the report list them.
RULES: dict[str, Rule] = {
    rule.key: rule
    for rule in (
        Rule(
            key="aggregate",
            kind=str,
            default="mean",
            label="Entry score",
            help="How the counted judges' totals make an entry's score.",
            sentence="An entry's score is {value} of its counted judges' totals (0 to 100).",
            choices=(
                Choice("mean", "Mean of the judges' totals", "the mean (average)"),
                Choice("median", "Median of the judges' totals", "the median (middle value)"),
            ),
        ),
        Rule(
            key="min_judges",
            kind=int,
            default=2,
            label="Minimum judges",
            help="An entry with fewer counted scoresheets than this has no rank.",
            sentence="An entry needs at least {value} counted scoresheets to be ranked.",
            minimum=1,
            maximum=50,
        ),
        Rule(
            key="disagreement_threshold",
            kind=float,
            default=30.0,
            label="Disagreement at",
            help="A spread of judges' totals this wide or wider is flagged for discussion.",
            sentence=(
                "A spread of {value} or more between the judges' totals for an entry is "
                "flagged as a disagreement."
            ),
            minimum=0,
            maximum=100,
            unit="points",
        ),
        Rule(
            key="tie_rule",
            kind=str,
            default="chair",
            label="Ties",
            help="What happens when entries have the same score.",
            sentence=f"Entries whose scores are equal to {_TIE_DECIMALS} decimal places {{value}}.",
            choices=(
                Choice(
                    "chair",
                    "Equal scores share a rank; the chair decides",
                    "share a rank and are flagged as tied; the chair decides between them with "
                    "a recorded decision",
                ),
            ),
        ),
        Rule(
            key="paper_keying",
            kind=str,
            default="once",
            label="Paper sheets",
            help=(
                "Whether a paper scoresheet counts once it is keyed in, or only when it has "
                "been keyed in twice and both keyings agree."
            ),
            sentence="A paper scoresheet {value}.",
            choices=(
                Choice(
                    "once",
                    "Count once keyed in",
                    "counts once it is keyed in",
                ),
                Choice(
                    "twice",
                    "Key in twice; both must agree",
                    "is keyed in twice, by the same or another person, and counts only when "
                    "both keyings give the same scores; sheets whose keyings differ are listed "
                    "for a third look",
                ),
            ),
        ),
        Rule(
            key="ballot_rule",
            kind=str,
            default="latest",
            label="Ballots",
            help="Which ballot counts when a member of staff votes more than once.",
            sentence=(
                "When a member of staff votes more than once for Shining Star, {value} counts; "
                "the others are kept as superseded."
            ),
            choices=(
                Choice("latest", "A voter's latest ballot counts", "their latest ballot"),
                Choice("first", "A voter's first ballot counts", "their first ballot"),
            ),
            area=VOTE,
        ),
    )
}


def default_of(key: str, kind: type[T]) -> T:
    """A rule's default, typed (for ``RoundSettings``' field defaults)."""
    value = RULES[key].default
    assert isinstance(value, kind), key
    return value


def defaults() -> dict[str, RuleValue]:
    """Every rule's default now: what a new round stores."""
    return {key: rule.default for key, rule in RULES.items()}


def rules_in_words(settings: Any) -> list[tuple[str, str]]:
    """The round's rules as (label, sentence) pairs, in ``RULES`` order.

    ``settings`` is a ``RoundSettings`` (or anything with the rules as attributes). For the
    Round settings area and the results report: what this round counts by, in plain words.
    """
    return [(rule.label, rule.in_words(getattr(settings, key))) for key, rule in RULES.items()]


def rules_of(values: Mapping[str, Any]) -> dict[str, Any]:
    """Only the rules among some settings, by key."""
    return {key: value for key, value in values.items() if key in RULES}


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:g}"


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]
