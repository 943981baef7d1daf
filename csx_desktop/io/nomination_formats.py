"""Recognising a nominations export and which of its columns answer which question.

The council has used several form tools; each export has its own shape, recognised here from
its header rows (never from the file's name):

* Microsoft Forms (xlsx): ``ID, Start time, Completion time, Email, Name`` (newer exports add
  ``Last modified time``), then one column per question headed by the question's text. A
  question titled like a fixed column gets a digit suffix (``Name2``).
* Google Forms (csv): ``Timestamp``, optionally ``Email address``, then the questions.
* SurveyMonkey (csv or xlsx): two header rows. Row 1 ``Respondent ID, Collector ID, Start Date,
  End Date, IP Address, Email Address, First Name, Last Name, Custom Data 1`` then the question
  texts (blank over a question's extra sub-columns); row 2 ``Response`` / ``Open-Ended
  Response`` or the sub-field's label. Answers start on row 3.
* Jotform (csv or xlsx): ``Submission Date`` (text such as ``Jul 19, 2022``) first, then the
  questions; ``Submission ID`` and ``Submission IP`` when chosen for the export.
* Typeform (csv or xlsx): ``#`` (the response's token) first, then the questions, then
  ``Start Date (UTC)``, ``Submit Date (UTC)``, ``Network ID`` and ``Tags``. Times are UTC.
* Our own template (``io.nomination_template``): one header row of field labels, then a notes
  row (skipped when it is still there).

The headings are on the row ``io.reading.find_header_row`` finds (a title row above them is
passed over) or the row the person chose.

Anything else with a header row is read as a plain spreadsheet. Columns are matched to the
fields of a nomination by the wording of their questions; the person importing can correct
the mapping (the window's mapping dialog, ``--map`` on the command line).
"""

from __future__ import annotations

import enum
import hashlib
import re
from dataclasses import dataclass

from csx_desktop.domain.names import name_key
from csx_desktop.io.reading import HeaderRow, find_header_row
from csx_desktop.io.tables import RawTable, cell_text
from csx_desktop.store.errors import InputRefused


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a nomination that a column can fill."""

    key: str
    label: str  # the template's column heading and the mapping dialog's label
    note: str  # the template's notes row
    required: bool = False


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "category",
        "Category",
        "Required. One of: Pride of Stockton, Extra Mile, Team, Shining Star.",
        required=True,
    ),
    FieldSpec(
        "nominee",
        "Nominee",
        "Required. The person's full name, or the team's name for the Team award.",
        required=True,
    ),
    FieldSpec(
        "team_members",
        "Team members",
        "Team award only: the members' names, one per line or separated by ; or a comma.",
    ),
    FieldSpec("service", "Service", "The nominee's service or team, e.g. Housing Options."),
    FieldSpec(
        "nominating_body",
        "Nominating body",
        "Shining Star only, and required there: the Service Director's service, or "
        "Xentrall Shared Services.",
    ),
    FieldSpec("nominator_name", "Nominator's name", "Who made the nomination."),
    FieldSpec("nominator_email", "Nominator's email", "So the nominator can be thanked."),
    FieldSpec(
        "relationship", "Relationship to nominee", "For example: colleague, manager, customer."
    ),
    FieldSpec(
        "citation",
        "Citation",
        "Required (except for Shining Star): why they deserve the award, in the nominator's "
        "own words. Several paragraphs are fine.",
        required=True,
    ),
    FieldSpec(
        "received_at",
        "Received",
        "When the nomination arrived, e.g. 16/03/2026 14:30. May be left blank.",
    ),
    FieldSpec(
        "response_id",
        "Reference",
        "Optional: a reference unique to this nomination. Rows already imported are "
        "recognised either way, so importing the file again adds nothing twice.",
    ),
)
FIELD_KEYS: tuple[str, ...] = tuple(f.key for f in FIELDS)
FIELD_BY_KEY: dict[str, FieldSpec] = {f.key: f for f in FIELDS}

Mapping = dict[str, int | None]  # field key -> column index (None: not in this file)


class FormatKind(enum.StrEnum):
    MICROSOFT_FORMS = "Microsoft Forms"
    GOOGLE_FORMS = "Google Forms"
    SURVEYMONKEY = "SurveyMonkey"
    JOTFORM = "Jotform"
    TYPEFORM = "Typeform"
    TEMPLATE = "CSX Desktop template"
    SPREADSHEET = "Spreadsheet"


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    header: str  # as the person sees it (SurveyMonkey sub-columns: "Question — Label")


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """Where a file's answers are and what its columns are called."""

    kind: FormatKind
    columns: tuple[Column, ...]
    first_data_row: int  # spreadsheet row number of the first answer
    signature: str  # a digest of the header rows: the same form exported again matches
    header_row: int = 1  # spreadsheet row number of the (first) heading row

    @property
    def source(self) -> str:
        """The ``source`` stored with each nomination, so a re-export is recognised."""
        if self.kind is FormatKind.TEMPLATE:
            return str(FormatKind.TEMPLATE)
        return f"{self.kind} form {self.signature}"

    def header(self, index: int | None) -> str:
        if index is None:
            return ""
        return next((c.header for c in self.columns if c.index == index), f"column {index + 1}")

    def column_for(self, header: str) -> int:
        """The column with this heading (exactly, else ignoring case and punctuation)."""
        for column in self.columns:
            if column.header == header:
                return column.index
        for column in self.columns:
            if name_key(column.header) == name_key(header):
                return column.index
        names = ", ".join(f'"{c.header}"' for c in self.columns)
        raise InputRefused(f'There is no column headed "{header}". The columns are: {names}.')


_MS_FIXED = ("id", "starttime", "completiontime", "email", "name")
_SM_FIXED = ("respondentid", "collectorid", "startdate", "enddate")
# Fixed columns that say nothing about the nomination; never mapped, never stored.
_NEVER_MAPPED = {
    "starttime",
    "lastmodifiedtime",
    "collectorid",
    "startdate",
    "ipaddress",
    "firstname",
    "lastname",
    "customdata1",
    # Jotform and Typeform
    "submissionip",
    "lastupdatedate",
    "startdateutc",
    "stagedateutc",
    "networkid",
    "tags",
    "responsetype",
    "ending",
}


def detect_layout(table: RawTable, header: HeaderRow | None = None) -> SheetLayout:
    """Recognise the export's tool from its header rows (found, or the row chosen)."""
    header = header or find_header_row(table)
    at = header.number - 1  # index of the heading row in table.rows
    first = [cell_text(c) for c in table.rows[at]] if len(table.rows) > at else []
    second = [cell_text(c) for c in table.rows[at + 1]] if len(table.rows) > at + 1 else []
    keys = [name_key(h) for h in first]
    template_keys = {name_key(f.label) for f in FIELDS}
    if {"category", "nominee", "citation"} <= set(keys) and len(set(keys) & template_keys) >= 5:
        notes = {name_key(f.note) for f in FIELDS}
        has_notes = sum(name_key(c) in notes for c in second if c) >= 2
        return _layout(FormatKind.TEMPLATE, first, [first], at, 3 if has_notes else 2)
    if tuple(keys[:3]) == _MS_FIXED[:3]:
        return _layout(FormatKind.MICROSOFT_FORMS, first, [first], at, 2)
    if tuple(keys[:4]) == _SM_FIXED:
        headers: list[str] = []
        question = ""
        for index in range(max(len(first), len(second))):
            top = first[index] if index < len(first) else ""
            sub = second[index] if index < len(second) else ""
            question = top or question
            if top and (not sub or name_key(sub) in ("response", "openendedresponse")):
                headers.append(top)
            elif top:
                headers.append(f"{top} — {sub}")
            else:
                headers.append(f"{question} — {sub}" if sub else question)
        return _layout(FormatKind.SURVEYMONKEY, headers, [first, second], at, 3)
    if keys[:1] == ["timestamp"]:
        return _layout(FormatKind.GOOGLE_FORMS, first, [first], at, 2)
    if keys[:1] == ["submissiondate"]:
        return _layout(FormatKind.JOTFORM, first, [first], at, 2)
    if first[:1] == ["#"] or "submitdateutc" in keys:
        return _layout(FormatKind.TYPEFORM, first, [first], at, 2)
    return _layout(FormatKind.SPREADSHEET, first, [first], at, 2)


def _layout(
    kind: FormatKind,
    headers: list[str],
    header_rows: list[list[str]],
    at: int,
    data_offset: int,
) -> SheetLayout:
    """``at``: index of the first heading row; answers start ``data_offset`` rows below it
    counting it as the first (2: the next row)."""
    digest = hashlib.sha256()
    for row in header_rows:
        digest.update("\x1f".join(name_key(h) for h in row).encode())
        digest.update(b"\x1e")
    columns = tuple(Column(i, h) for i, h in enumerate(headers) if h.strip())
    return SheetLayout(kind, columns, at + data_offset, digest.hexdigest()[:12], at + 1)


# ---- recognising questions ---------------------------------------------------------------

_CITATION = re.compile(
    r"\b(why|reason|reasons|describe|description|tell us|example|examples|deserve|deserves"
    r"|citation|statement|supporting|evidence|what did|what have|how did|how have|explain)\b"
)
_RELATIONSHIP = re.compile(r"\b(relationship|how do you know|connection|capacity)\b")
_BODY = re.compile(r"\b(nominating body|service director|on behalf of|nominated by)\b")
_TEAM_MEMBERS = re.compile(r"\b(members|who is in the team|who are in the team)\b")
_NOMINEE_STRONG = re.compile(
    r"\b(team name|name of the team|name of team|nominee s name|nominees name|nominee name"
    r"|name of nominee|name of the nominee|name of the person|person you are nominating"
    r"|who are you nominating|who would you like to nominate|who do you want to nominate"
    r"|who are you putting forward)\b"
)
_CATEGORY = re.compile(r"\b(category|award|awards)\b")
_NOMINATOR_NAME = re.compile(
    r"\b(your name|your full name|nominator|nominators name|nominator s name|your details"
    r"|name of person making|name of the person making)\b"
)
_SERVICE = re.compile(
    r"\b(service|services|directorate|department|where do they work|where does the team work"
    r"|job title and service|workplace|section)\b"
)
_NOMINEE = re.compile(r"\b(nominee|nominating|nominate|nominated|person or team)\b")
_RECEIVED = {
    "completiontime",
    "submissiondate",
    "submitdateutc",
    "submitdate",
    "timestamp",
    "enddate",
    "submitted",
    "submittedat",
    "datereceived",
    "received",
    "receivedat",
}
_RESPONSE_ID = {"id", "respondentid", "responseid", "reference", "submissionid"}


def _words(text: str) -> str:
    """Lower-case words separated by single spaces, punctuation dropped."""
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def classify(header: str, kind: FormatKind = FormatKind.SPREADSHEET) -> tuple[str, int] | None:
    """(field, strength) for a column heading, or None when it answers no field.

    Order matters: "Your relationship to the nominee" is a relationship, not the nominee;
    "Why do they deserve this award?" is the citation, not the category.
    """
    words = _words(header)
    key = name_key(header)
    if kind is FormatKind.MICROSOFT_FORMS:
        # A question titled like a fixed column: "Name2", "Email2".
        if re.fullmatch(r"name\d+", key):
            return ("nominator_name", 4)
        if re.fullmatch(r"email\d+", key):
            return ("nominator_email", 6)
    if key in _NEVER_MAPPED or not key:
        return None
    if key in _RESPONSE_ID:
        return ("response_id", 10)
    if key in _RECEIVED:
        return ("received_at", 10)
    if "email" in words or "e mail" in words:
        if re.search(r"\b(nominee|nominating|nominate|their|team)\b", words):
            return None  # the nominee's address is not something we keep
        return ("nominator_email", 10 if re.search(r"\b(your|nominator)\b", words) else 5)
    if _RELATIONSHIP.search(words):
        return ("relationship", 10)
    if _BODY.search(words):
        return ("nominating_body", 10)
    if _CITATION.search(words):
        return ("citation", 10)
    if _TEAM_MEMBERS.search(words):
        return ("team_members", 10)
    if _NOMINEE_STRONG.search(words):
        return ("nominee", 10)
    if _CATEGORY.search(words):
        return ("category", 10)
    if _NOMINATOR_NAME.search(words):
        return ("nominator_name", 10)
    if key == "name":
        return ("nominator_name", 3)  # Microsoft Forms: the signed-in respondent's name
    if _SERVICE.search(words):
        return ("service", 10)
    if _NOMINEE.search(words):
        return ("nominee", 8)
    if key in ("nominee", "name"):
        return ("nominee", 5)
    return None


def _classify_column(header: str, kind: FormatKind) -> tuple[str, int] | None:
    """SurveyMonkey sub-columns ("Who are you nominating? — Service") are recognised by
    their own label first, unless it is only a name (whose name depends on the question)."""
    question, sep, sub = header.rpartition(" — ")
    if sep and question:
        found = classify(sub, kind)
        if found is not None and found[0] not in ("nominee", "nominator_name"):
            return found
    return classify(header, kind)


def guess_mapping(layout: SheetLayout) -> Mapping:
    """The detected mapping: each field gets its best-recognised column (or None)."""
    if layout.kind is FormatKind.TEMPLATE:
        by_label = {name_key(f.label): f.key for f in FIELDS}
        mapping: Mapping = dict.fromkeys(FIELD_KEYS)
        for column in layout.columns:
            field = by_label.get(name_key(column.header))
            if field and mapping[field] is None:
                mapping[field] = column.index
        return mapping
    best: dict[str, tuple[int, int]] = {}  # field -> (strength, column)
    for column in layout.columns:
        found = (
            ("response_id", 10)
            if column.header.strip() == "#" and layout.kind is FormatKind.TYPEFORM
            else _classify_column(column.header, layout.kind)
        )
        if found is None:
            continue
        field, strength = found
        if field not in best or strength > best[field][0]:
            best[field] = (strength, column.index)
    return {key: best[key][1] if key in best else None for key in FIELD_KEYS}


def apply_overrides(layout: SheetLayout, mapping: Mapping, overrides: list[str]) -> Mapping:
    """Apply ``field=Exact header`` choices (``field=`` leaves the field out)."""
    result = dict(mapping)
    for override in overrides:
        field, sep, header = override.partition("=")
        field = field.strip()
        if not sep or field not in FIELD_BY_KEY:
            raise InputRefused(
                f'"{override}" is not FIELD=HEADER with one of the fields: {", ".join(FIELD_KEYS)}.'
            )
        result[field] = layout.column_for(header.strip()) if header.strip() else None
    return result


def missing_required(mapping: Mapping, *, fixed_category: bool = False) -> list[FieldSpec]:
    """The required fields with no column (the category is not missing when every row is
    for one award the person named)."""
    return [
        f
        for f in FIELDS
        if f.required
        and mapping.get(f.key) is None
        and not (fixed_category and f.key == "category")
    ]
