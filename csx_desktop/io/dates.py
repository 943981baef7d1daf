"""Reading the date and time cells of an import: one order for a whole column, never a guess.

Form tools write the time of each response as a spreadsheet date, or as text in their own
format. Most text formats say plainly what they mean (ISO ``2026-03-16T20:24:52Z``, Google
Forms' ``2026/03/16 8:24:52 PM GMT``, Jotform's ``Jul 19, 2022``), but ``8/9/2025`` does not:
it is 8 September in the UK and August 9 in the US. Deciding that cell by cell reads one
column two ways (``8/31/2025`` as 31 August, then ``9/1/2025`` as 9 January): a silent
mis-read, the worst defect an import can have. So the order is decided once for the column,
from all its cells: ``31/8`` can only be day first and ``8/31`` only month first; a column
with neither is read day first, as in the UK; a column with both is refused
(``DateOrderConflict``, naming a row of each) unless the user chose the order
(``--date-order dmy|mdy``), which then wins, and the cells that cannot be read that way are
problems of their rows.

``read_time_column`` looks at a column and returns a ``TimeColumn``: the order it chose and why
(in words, for the mapping the user is shown), and ``parse`` for each cell. ``parse_time_cell``
reads a single cell in a given order, for callers that have no column.

Formats read, and nothing else (never guessed): ISO 8601 (``T`` or a space, seconds, a fraction
and a zone optional); Google Forms ``2026/03/16 8:24:52 PM GMT``; Jotform ``Jul 19, 2022`` and
``Jul 19, 2022 10:15 am``; SurveyMonkey ``03/16/2026 08:24:52 PM``; Excel's UK CSV
``16/03/2026 14:30``; ``20 March 2026`` and ``20-Mar-2026``; the numbers of a date separated by
``/``, ``-`` or ``.``, with a four- or two-digit year (``16/03/26`` is 2026); a 12- or 24-hour
clock, seconds optional. A zone written after the time is honoured: ``Z``, ``GMT``, ``UTC``,
``BST`` (UTC+1), an offset (``+01:00``), or a word and an offset (``GMT+1``, ``GMT+01:00``).

A time that names no zone is returned without one (the caller takes it as UK time, see
``csx_desktop.domain.times.to_utc``), unless the column's heading says its times are UTC, as
Typeform's ``Submit Date (UTC)`` does. A spreadsheet date cell is taken as it is; a bare number
is not a time (it is the wrong column).

Speed (50,000 ballots must read in a few hundredths of a second): a column reads each distinct
text once, and no text is tried against format after format (``strptime`` would be 15 times
slower). A date is read once for all the texts that share it (an export holds a few dozen),
and the commonest shapes ("16/03/2026 14:30:05", "2026/03/16 8:24:52 PM GMT") are rewritten as
ISO text for ``datetime.fromisoformat``, which checks the numbers in C; the other shapes are
read by a compiled expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any, Literal, TypeAlias

from csx_desktop.store.errors import InputRefused

Cell: TypeAlias = Any  # str, int, float, bool, datetime, date or None, as the sheet holds it
DateOrder: TypeAlias = Literal["dmy", "mdy"]
DATE_ORDERS: tuple[DateOrder, ...] = ("dmy", "mdy")  # the choices of ``--date-order``

_ORDER_WORDS: dict[str, str] = {"dmy": "day first", "mdy": "month first"}
_ORDER: dict[int, DateOrder] = {1: "dmy", 2: "mdy"}  # by the index of its date in _DateParts


class DateOrderConflict(InputRefused):
    """A column's text dates are written both day first and month first, and no order was
    chosen: either order would misread some rows. The message names a row of each;
    ``day_first_rows`` and ``month_first_rows`` hold all of them."""

    def __init__(
        self,
        heading: str,
        day_first: list[tuple[int, str]],
        month_first: list[tuple[int, str]],
    ) -> None:
        self.heading = heading
        self.day_first_rows = tuple(row for row, _ in day_first)
        self.month_first_rows = tuple(row for row, _ in month_first)
        (day_row, day_text), (month_row, month_text) = day_first[0], month_first[0]
        column = f'column "{heading}"' if heading else "the date column"
        super().__init__(
            f"The dates in {column} are written in two orders: row {day_row} has {day_text}, "
            f"which can only be day first, and row {month_row} has {month_text}, which can "
            f"only be month first ({_rows(len(day_first))} day first, "
            f"{_rows(len(month_first))} month first), so either order would misread some "
            "rows. Correct the dates in the file so they are all in one order, or choose the "
            "order to read them in (on the command line: --date-order dmy for day first, "
            "--date-order mdy for month first)."
        )


def _rows(count: int) -> str:
    return "1 row" if count == 1 else f"{count} rows"


# ---- reading a text ------------------------------------------------------------------------

# The date: [0-9], not \d, so that only ASCII digits are digits.
_DATE = re.compile(
    r"""\s*(?:
        ([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})
        # 2026-03-16, 2026/03/16: a year first is always followed by the month, then the day
      | (([0-9]{1,2})([-/.])([0-9]{1,2})\7([0-9]{4}|[0-9]{2}))
        # 16/03/2026, 3-16-2026, 16.03.26: day or month first, as the column says
      | ([0-9]{1,2})(?:-([A-Za-z]{3,9})-|\s+([A-Za-z]{3,9})\s+)([0-9]{4}|[0-9]{2})
        # 20 March 2026, 20-Mar-2026, 20-Mar-26
      | ([A-Za-z]{3,9})\s+([0-9]{1,2}),?\s+([0-9]{4})
        # Jul 19, 2022; July 19 2022
    )\s*""",
    re.VERBOSE,
)
# The time of day: 12- or 24-hour (minutes, then seconds and a fraction optional), then a zone:
# Z, a word (GMT, UTC, BST), an offset, or a word and an offset ("GMT+1", "GMT+01:00").
_TIME = re.compile(
    r"""\s*([0-9]{1,2}):([0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?)
        (?:\s*([AaPp])\.?[Mm]\.?)?
        (?:\s*(?:([Zz])|([A-Za-z]{3}))?\s*(?:([-+])([0-9]{2}(?::?[0-9]{2})?|[0-9]))?)\s*""",
    re.VERBOSE,
)

_MONTHS: dict[str, int] = {}
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
for _number, _name in enumerate(_MONTH_NAMES.split(), start=1):
    _MONTHS[_name] = _MONTHS[_name[:3]] = _number
_MONTHS["sept"] = 9

_ZONE_WORDS = {"gmt": 0, "utc": 0, "bst": 60}  # BST is UTC+1, whatever the date says
# A clock's hour as ISO writes it: _HOURS[clock][hour as written], clock 0 for a 24-hour
# clock, 1 for am, 2 for pm.
_HOURS: tuple[dict[str, str], dict[str, str], dict[str, str]] = ({}, {}, {})
for _hour in range(24):
    _HOURS[0][str(_hour)] = _HOURS[0][f"{_hour:02d}"] = f"{_hour:02d}"
for _hour in range(1, 13):
    _HOURS[1][str(_hour)] = _HOURS[1][f"{_hour:02d}"] = f"{_hour % 12:02d}"
    _HOURS[2][str(_hour)] = _HOURS[2][f"{_hour:02d}"] = f"{_hour % 12 + 12:02d}"
# What the commonest exports write after "H:MM:SS ": (clock, the zone as ISO writes it).
_SUFFIXES: dict[str, tuple[int, str]] = {"": (0, "")}
for _word, _minutes in _ZONE_WORDS.items():
    _zone = f"+{_minutes // 60:02d}:00"
    _SUFFIXES[_word.upper()] = _SUFFIXES[_word] = (0, _zone)
    for _clock, _am_pm in ((1, "am"), (2, "pm")):
        _SUFFIXES[_am_pm] = _SUFFIXES[_am_pm.upper()] = (_clock, "")
        for _suffix in (f"{_am_pm} {_word}", f"{_am_pm.upper()} {_word.upper()}"):
            _SUFFIXES[_suffix] = (_clock, _zone)

_UTC_HEADING = re.compile(r"\b(?:UTC|GMT)\b", re.IGNORECASE)
_MIDNIGHT = time()

# A date as written: (kind, the date read day first, read month first, the date as written,
# and the two readings as ISO writes them before a time: "2026-03-16T"). Kind 0: the order
# does not matter (2026-03-16, Jul 19, 2022), both readings are the date; 1: a date both ways
# (03/04/2026); 2: a date only day first (31/08/2025); 3: only month first (8/31/2025). A
# reading that is no date is None.
_DateParts: TypeAlias = tuple[int, "date | None", "date | None", str, "str | None", "str | None"]
_ANY_ORDER, _BOTH, _DAY_FIRST, _MONTH_FIRST = range(4)
# A text: its date, and its time of day (midnight when it has none).
_Parts: TypeAlias = tuple[_DateParts, time]

# Dates and times of day as texts, whichever column they came from (their meaning does not
# depend on the column's order): an export holds few distinct dates, and times repeat.
_DATES: dict[str, _DateParts | None] = {}
_TIMES: dict[str, time | None] = {}
_UNSEEN: Any = object()
_CACHE_LIMIT = 100_000
_LONGEST = 64  # no text of a date and time this reader knows is longer


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unreadable(text: str) -> str:
    return f'"{_short(text)}" is not a date and time in a form this app can read'


def _date_or_none(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _read_date(text: str) -> _DateParts | None:
    """The date of a text (before its time of day), or None when it is no date."""
    match = _DATE.fullmatch(text)
    if match is None:
        return None
    (iy, _, im, id_, written, na, _, nb, ny, dd, dm1, dm2, dy, mm, md, my) = match.groups()
    if na is not None:
        year, first, second = int(ny), int(na), int(nb)
        if len(ny) == 2:
            year += 2000
        day_first = _date_or_none(year, second, first)
        month_first = _date_or_none(year, first, second)
        if day_first is None:
            return None if month_first is None else _parts(_MONTH_FIRST, None, month_first, written)
        kind = _DAY_FIRST if month_first is None else _BOTH
        return _parts(kind, day_first, month_first, written)
    if iy is not None:
        year, month, day = int(iy), int(im), int(id_)
    else:
        if dd is not None:
            name, day, year = (dm1 or dm2), int(dd), int(dy)
            if len(dy) == 2:
                year += 2000
        else:
            name, day, year = mm, int(md), int(my)
        month = _MONTHS.get(name.lower(), 0)
    the_date = _date_or_none(year, month, day)
    return None if the_date is None else _parts(_ANY_ORDER, the_date, the_date, "")


def _parts(kind: int, day_first: date | None, month_first: date | None, written: str) -> _DateParts:
    iso_day_first = None if day_first is None else f"{day_first.isoformat()}T"
    iso_month_first = None if month_first is None else f"{month_first.isoformat()}T"
    return (kind, day_first, month_first, written, iso_day_first, iso_month_first)


def _read_time(text: str) -> time | None:
    """The time of day of a text (after its date), with its zone; None when it is none.

    It is rewritten as ISO ("20:24:52+01:00") for ``time.fromisoformat``, which checks the
    numbers in C.
    """
    match = _TIME.fullmatch(text)
    if match is None:
        return None
    (hour, rest, am_pm, z, word, sign, offset) = match.groups()
    iso_hour = _HOURS[0 if am_pm is None else 2 if am_pm in "Pp" else 1].get(hour)
    if iso_hour is None:
        return None
    zone = ""
    if z is not None:
        if sign is not None:
            return None
        zone = "+00:00"
    elif word is not None or sign is not None:
        minutes = 0
        if word is not None:
            word_minutes = _ZONE_WORDS.get(word.lower())
            if word_minutes is None:
                return None
            minutes = word_minutes
        if sign is not None:
            if word is None and len(offset) == 1:
                return None  # a bare offset is "+01" or "+01:00", never "+1"
            offset_hours, offset_minutes = (
                int(offset[:2]),
                int(offset[-2:]) if len(offset) > 2 else 0,
            )
            if offset_hours > 18 or offset_minutes > 59:
                return None
            offset_minutes += offset_hours * 60
            minutes += offset_minutes if sign == "+" else -offset_minutes
        zone = f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    try:
        return time.fromisoformat(f"{iso_hour}:{rest}{zone}")
    except ValueError:
        return None


def _date_of(text: str) -> _DateParts | None:
    """``_read_date``, each distinct text once."""
    date_parts = _DATES.get(text, _UNSEEN)
    if date_parts is _UNSEEN:
        if len(_DATES) > _CACHE_LIMIT:
            _DATES.clear()
        date_parts = _DATES[text] = _read_date(text)
    return date_parts


def _time_of(text: str) -> time | None:
    """``_read_time``, each distinct text once."""
    if len(text) > _LONGEST:
        return None
    time_of_day = _TIMES.get(text, _UNSEEN)
    if time_of_day is _UNSEEN:
        if len(_TIMES) > _CACHE_LIMIT:
            _TIMES.clear()
        time_of_day = _TIMES[text] = _read_time(text)
    return time_of_day


def _read_text(text: str) -> _Parts | str:
    """The date and time of day of a text, or why it cannot be read (in plain words)."""
    if len(text) > _LONGEST:
        return _unreadable(text)  # an answer in the wrong column: not worth keeping apart
    tidy = " ".join(text.split())  # tabs, runs of spaces, no-break spaces: one space
    colon = tidy.find(":")
    date_text, time_text = tidy, ""
    if colon >= 0:  # the time of day starts after the last space (or ISO's T) before its colon
        cut = max(tidy.rfind(" ", 0, colon), tidy.rfind("T", 0, colon))
        if cut < 0:
            return _unreadable(text)
        date_text, time_text = tidy[:cut], tidy[cut + 1 :]
    date_parts = _date_of(date_text)
    time_of_day = _time_of(time_text) if time_text else _MIDNIGHT
    if date_parts is not None and time_of_day is not None:
        return (date_parts, time_of_day)
    # Why not, in words: a date or time in a known shape with impossible numbers, or not.
    if date_parts is None and _DATE.fullmatch(date_text) is not None:
        return f'"{_short(text)}" is not a real date'
    match = _TIME.fullmatch(time_text) if date_parts is not None else None
    if match is not None:
        word = match.group(5)
        if word is not None and word.lower() not in _ZONE_WORDS:
            return (
                f'"{_short(text)}": {word} is not a time zone this app knows (it knows GMT, '
                "UTC, BST and offsets such as +01:00)"
            )
        return f'"{_short(text)}" is not a real time of day'
    return _unreadable(text)


def _build(text: str, parts: _Parts, order: DateOrder, utc: bool) -> datetime | str:
    """The datetime of a text read in ``order``, or why it cannot be (in plain words)."""
    date_parts, time_of_day = parts
    the_date = date_parts[1] if order == "dmy" else date_parts[2]
    if the_date is None:
        other = "mdy" if order == "dmy" else "dmy"
        return (
            f'"{_short(text)}" is not a date when read {_ORDER_WORDS[order]}, the order used '
            f"for this column (it could only be {_ORDER_WORDS[other]})"
        )
    return datetime.combine(the_date, time_of_day, time_of_day.tzinfo or (UTC if utc else None))


def _not_text(cell: Cell, utc: bool) -> datetime | None:
    """A cell that is not text: a spreadsheet date as it is, None when empty; else
    ValueError (a number in a time column is the wrong column, not a time)."""
    if isinstance(cell, datetime):
        return cell.replace(tzinfo=UTC) if utc and cell.tzinfo is None else cell
    if isinstance(cell, date):
        return datetime.combine(cell, _MIDNIGHT, UTC if utc else None)
    if cell is None:
        return None
    if isinstance(cell, bool):
        raise ValueError(f"{cell} is a yes/no answer, not a date and time")
    if isinstance(cell, int | float):
        number = int(cell) if isinstance(cell, float) and cell.is_integer() else cell
        raise ValueError(f"{number} is a number, not a date and time")
    if isinstance(cell, time):
        raise ValueError(f"{cell.isoformat()} is a time of day with no date")
    raise ValueError(f'"{_short(str(cell))}" is not a date and time')


# ---- a column ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TimeColumn:
    """How one column's times are read: in one order for all its text dates.

    ``reason`` says in plain words which order is used and why, for the mapping the user is
    shown ("dates read month first (8/31/2025 in row 3 shows it)"); it is "" when the column
    holds no dates whose order matters (spreadsheet dates, ISO, Jotform...). ``utc``: times
    that name no zone are UTC, because the heading says so.
    """

    heading: str
    order: DateOrder
    reason: str = ""
    utc: bool = False
    # Each distinct text read once: its datetime, or why it cannot be read.
    _known: dict[str, datetime | str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def parse(self, cell: Cell) -> datetime | None:
        """The date and time in ``cell``; None when it is blank.

        Raises ValueError, in plain words, when it holds no date and time this reader can
        read, or a date that cannot be right in the column's order. The result has a zone
        when the text named one or the column is UTC, and none otherwise (UK time).
        """
        if cell.__class__ is datetime and not self.utc:
            return cell  # a spreadsheet date, as it is (the commonest cell: said first)
        if not isinstance(cell, str):
            return _not_text(cell, self.utc)
        known = self._known.get(cell)
        if known is None:
            if not cell or cell.isspace():
                return None
            parts = _read_text(cell)
            known = parts if isinstance(parts, str) else _build(cell, parts, self.order, self.utc)
            self._known[cell] = known
        if isinstance(known, str):
            raise ValueError(known)
        return known


def read_time_column(
    cells: Iterable[tuple[int, Cell]], *, heading: str = "", order: DateOrder | None = None
) -> TimeColumn:
    """Decide how a column's times are read, from all its cells: (row number, cell).

    Text dates such as 31/08/2025 prove the column day first, 8/31/2025 month first; with
    neither, dates are read day first, as in the UK. ``order`` is the user's choice, which
    wins over what the cells show. Raises ``DateOrderConflict`` when the cells prove both
    orders and none was chosen. Unreadable cells are not an error here: ``parse`` reports
    each of them, for its row.
    """
    if order is not None and order not in DATE_ORDERS:
        raise ValueError(f"the date order must be 'dmy' or 'mdy', not {order!r}")
    pairs = cells if isinstance(cells, list) else list(cells)
    utc = _UTC_HEADING.search(heading) is not None
    known: dict[str, datetime | str] = {}
    proving: dict[str, _DateParts] = {}  # texts whose date is a date in one order only
    either_way = False  # some date is a date in both orders
    # Each text is read once, in the order the column is read in: the user's, or the order
    # the first proving date shows (a contrary one is a conflict). Texts read before that
    # whose date differs by order are kept, to read again if the order is month first. Only
    # a text that reads (in some order) is evidence.
    index = 2 if order == "mdy" else 1  # the date in ``_DateParts``: 1 day first, 2 month first
    decided = order is not None
    early: list[str] = []
    no_zone = "+00:00" if utc else ""
    dates_get, suffixes_get, from_iso = _DATES.get, _SUFFIXES.get, datetime.fromisoformat
    for text in {cell for _, cell in pairs if isinstance(cell, str)}:
        # The quick way: the text before the first space is a date already read, the rest a
        # time of day in a common shape; the two are read as one ISO text, in C. Anything
        # else, and anything the quick way cannot read, is read (or refused) the slow way.
        date_text, _, time_text = text.partition(" ")
        date_parts = dates_get(date_text)
        slow: _Parts | None = None
        if date_parts is None:
            if not text or text.isspace():
                continue
            reading = _read_text(text)
            if isinstance(reading, str):
                known[text] = reading
                continue
            slow, date_parts = reading, reading[0]
        kind = date_parts[0]
        this_index = kind - 1 if kind >= _DAY_FIRST and not decided else index
        iso_date = date_parts[5] if this_index == 2 else date_parts[4]
        moment: datetime | None = None
        if slow is not None or iso_date is None:  # no date in this order: the slow way says so
            pass
        elif not time_text:
            moment = from_iso(f"{iso_date}00:00{no_zone}")
        elif len(time_text) == 8 and time_text[2] == ":" and time_text[5] == ":":
            try:  # "14:30:05"
                moment = from_iso(f"{iso_date}{time_text}{no_zone}")
            except ValueError:
                moment = None
        else:  # "8:24:52 PM GMT", "9:05", "10:15 am"
            hour, _, rest = time_text.partition(":")
            minutes, _, suffix = rest.partition(" ")
            clock_zone = suffixes_get(suffix)
            if clock_zone is not None and (
                len(minutes) == 2 or (len(minutes) == 5 and minutes[2] == ":")
            ):
                iso_hour = _HOURS[clock_zone[0]].get(hour)
                if iso_hour is not None:
                    try:
                        moment = from_iso(
                            f"{iso_date}{iso_hour}:{minutes}{clock_zone[1] or no_zone}"
                        )
                    except ValueError:
                        moment = None
        if moment is not None:
            known[text] = moment
        else:
            reading = slow or _read_text(text)
            if isinstance(reading, str):
                known[text] = reading
                continue
            known[text] = _build(text, reading, _ORDER[this_index], utc)
        if kind:
            if kind == _BOTH:
                either_way = True
                if not decided and date_parts[1] != date_parts[2]:
                    early.append(text)
            else:
                proving[text] = date_parts
                if not decided:
                    decided, index = True, this_index
    chosen: DateOrder = _ORDER[index]
    reason = ""
    if order is not None:
        if proving or either_way:
            reason = f"dates read {_ORDER_WORDS[order]}, as you chose"
    elif proving:
        if len({date_parts[0] for date_parts in proving.values()}) > 1:
            day_first: list[tuple[int, str]] = []
            month_first: list[tuple[int, str]] = []
            for row, cell in pairs:
                if isinstance(cell, str) and cell in proving:
                    date_parts = proving[cell]
                    rows = day_first if date_parts[0] == _DAY_FIRST else month_first
                    rows.append((row, date_parts[3]))
            raise DateOrderConflict(heading, day_first, month_first)
        row, cell = next(pair for pair in pairs if isinstance(pair[1], str) and pair[1] in proving)
        reason = f"dates read {_ORDER_WORDS[chosen]} ({proving[cell][3]} in row {row} shows it)"
        if chosen == "mdy":
            for text in early:
                parts = _read_text(text)
                known[text] = parts if isinstance(parts, str) else _build(text, parts, chosen, utc)
    elif either_way:
        reason = "dates read day first, as in the UK: nothing in the column says otherwise"
    column = TimeColumn(heading=heading, order=chosen, reason=reason, utc=utc)
    object.__setattr__(column, "_known", known)  # frozen: set once, as it is built
    return column


def parse_time_cell(cell: Cell, *, order: DateOrder = "dmy") -> datetime | None:
    """One cell read on its own, text dates in ``order``; None when it holds no date and
    time (blank, a number, unreadable text). For callers with a column, ``read_time_column``
    decides the order from all its cells instead."""
    if isinstance(cell, str):
        if not cell or cell.isspace():
            return None
        parts = _read_text(cell)
        if isinstance(parts, str):
            return None
        moment = _build(cell, parts, order, False)
        return None if isinstance(moment, str) else moment
    try:
        return _not_text(cell, False)
    except ValueError:
        return None
