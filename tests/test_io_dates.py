"""A date column is read one way for all its cells: the order from the whole column, never
cell by cell; known export formats read exactly; anything else reported, never guessed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csx_desktop.io import dates
from csx_desktop.io.dates import (
    DateOrderConflict,
    TimeColumn,
    parse_time_cell,
    read_time_column,
)
from csx_desktop.store.errors import InputRefused


def column(*texts: object, heading: str = "Timestamp", order: str | None = None) -> TimeColumn:
    """A column whose first cell is in spreadsheet row 2 (row 1 holds the headings)."""
    return read_time_column(
        list(enumerate(texts, start=2)),
        heading=heading,
        order=order,  # type: ignore[arg-type]
    )


def read_all(col: TimeColumn, *texts: object) -> list[datetime | None]:
    return [col.parse(text) for text in texts]


# ---- the order is the column's ----------------------------------------------------------------


def test_the_google_forms_column_that_was_misread_is_read_month_first() -> None:
    texts = ("8/31/2025 14:05:09", "9/1/2025 10:00:00", "9/2/2025 9:30:00")
    col = column(*texts)
    assert col.order == "mdy"
    assert read_all(col, *texts) == [
        datetime(2025, 8, 31, 14, 5, 9),
        datetime(2025, 9, 1, 10, 0),  # 1 September, not 9 January
        datetime(2025, 9, 2, 9, 30),
    ]
    assert col.reason == "dates read month first (8/31/2025 in row 2 shows it)"


def test_the_proof_may_come_late_in_the_column() -> None:
    # The first cells are dates either way; row 5 proves the order, and every earlier cell
    # is read in it too.
    texts = ("9/1/2025 10:00", "10/2/2025 11:00", "1/3/2025", "8/31/2025 14:05")
    col = column(*texts)
    assert read_all(col, *texts) == [
        datetime(2025, 9, 1, 10, 0),
        datetime(2025, 10, 2, 11, 0),
        datetime(2025, 1, 3),
        datetime(2025, 8, 31, 14, 5),
    ]
    assert col.reason == "dates read month first (8/31/2025 in row 5 shows it)"


def test_a_uk_column_is_read_day_first() -> None:
    texts = ("31/08/2025 14:05", "01/09/2025 10:00")
    col = column(*texts)
    assert col.order == "dmy"
    assert read_all(col, *texts) == [datetime(2025, 8, 31, 14, 5), datetime(2025, 9, 1, 10, 0)]
    assert col.reason == "dates read day first (31/08/2025 in row 2 shows it)"


def test_a_column_of_dates_that_read_either_way_is_read_as_in_the_uk() -> None:
    texts = ("01/09/2025 10:00", "02/03/2025", "12/11/2025 23:59:59")
    col = column(*texts)
    assert col.order == "dmy"
    assert read_all(col, *texts) == [
        datetime(2025, 9, 1, 10, 0),
        datetime(2025, 3, 2),
        datetime(2025, 11, 12, 23, 59, 59),
    ]
    assert col.reason == (
        "dates read day first, as in the UK: nothing in the column says otherwise"
    )


def test_a_column_whose_order_does_not_matter_gives_no_reason() -> None:
    col = column("2026-03-16T20:24:52Z", "Jul 19, 2022", datetime(2026, 3, 16), None, "")
    assert col.order == "dmy"
    assert col.reason == ""


def test_a_column_that_proves_both_orders_is_refused_naming_rows() -> None:
    with pytest.raises(DateOrderConflict) as caught:
        column("31/08/2025 10:00", "01/09/2025", "8/30/2025 14:00", "25/12/2025", heading="When")
    error = caught.value
    assert isinstance(error, InputRefused)
    assert error.heading == "When"
    assert error.day_first_rows == (2, 5)
    assert error.month_first_rows == (4,)
    message = str(error)
    assert "\n" not in message  # one paragraph
    assert 'column "When"' in message
    assert "row 2 has 31/08/2025" in message
    assert "row 4 has 8/30/2025" in message
    assert "2 rows day first, 1 row month first" in message
    assert "--date-order dmy" in message and "--date-order mdy" in message
    assert "Correct the dates in the file" in message


def test_the_users_order_overrides_the_column() -> None:
    texts = ("31/08/2025 10:00", "8/30/2025 14:00", "01/09/2025")
    col = column(*texts, order="mdy")  # the column proves both; the user chose
    assert col.order == "mdy"
    assert col.reason == "dates read month first, as you chose"
    assert col.parse("8/30/2025 14:00") == datetime(2025, 8, 30, 14, 0)
    assert col.parse("01/09/2025") == datetime(2025, 1, 9)
    with pytest.raises(ValueError, match="not a date when read month first") as caught:
        col.parse("31/08/2025 10:00")
    assert "could only be day first" in str(caught.value)

    uk = column("8/30/2025", "01/09/2025", order="dmy")  # proves month first; user said dmy
    assert uk.parse("01/09/2025") == datetime(2025, 9, 1)
    with pytest.raises(ValueError, match="not a date when read day first"):
        uk.parse("8/30/2025")
    assert uk.reason == "dates read day first, as you chose"
    assert column("2026-03-16", order="mdy").reason == ""  # nothing whose order matters


def test_an_order_that_is_not_one_of_the_two_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="'dmy' or 'mdy'"):
        column("01/02/2026", order="ymd")


def test_a_cell_not_seen_when_the_column_was_read_is_read_in_its_order() -> None:
    col = column("8/31/2025")
    assert col.parse("9/1/2025 10:00") == datetime(2025, 9, 1, 10, 0)
    with pytest.raises(ValueError):
        col.parse("31/8/2025")


def test_a_time_column_can_be_made_by_hand() -> None:
    col = TimeColumn(heading="Received", order="mdy")
    assert col.parse("03/04/2026") == datetime(2026, 3, 4)
    assert col.reason == "" and col.utc is False


def test_unreadable_cells_do_not_decide_the_order() -> None:
    # "31/08/2025 25:00" has no real time: it is a problem of its row, not a proof.
    col = column("31/08/2025 25:00", "8/30/2025")
    assert col.order == "mdy"
    with pytest.raises(ValueError, match="not a real time of day"):
        col.parse("31/08/2025 25:00")


# ---- formats ---------------------------------------------------------------------------------

LONDON_SUMMER = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ISO 8601: T or a space, seconds, a fraction, a zone optional (Typeform writes ISO).
        ("2026-03-16", datetime(2026, 3, 16)),
        ("2026-03-16T20:24", datetime(2026, 3, 16, 20, 24)),
        ("2026-03-16 20:24", datetime(2026, 3, 16, 20, 24)),
        ("2026-03-16T20:24:52", datetime(2026, 3, 16, 20, 24, 52)),
        ("2022-07-19 10:15:00", datetime(2022, 7, 19, 10, 15)),
        ("2026-03-16T20:24:52.5", datetime(2026, 3, 16, 20, 24, 52, 500000)),
        ("2026-03-16T20:24:52.123456789", datetime(2026, 3, 16, 20, 24, 52, 123456)),
        ("2026-03-16T20:24:52Z", datetime(2026, 3, 16, 20, 24, 52, tzinfo=UTC)),
        ("2026-03-16T20:24:52.25Z", datetime(2026, 3, 16, 20, 24, 52, 250000, tzinfo=UTC)),
        ("2026-07-16T20:24:52+01:00", datetime(2026, 7, 16, 20, 24, 52, tzinfo=LONDON_SUMMER)),
        ("2026-07-16T20:24:52+0100", datetime(2026, 7, 16, 20, 24, 52, tzinfo=LONDON_SUMMER)),
        ("2026-07-16T20:24:52+01", datetime(2026, 7, 16, 20, 24, 52, tzinfo=LONDON_SUMMER)),
        (
            "2026-07-16T20:24:52-05:30",
            datetime(2026, 7, 16, 20, 24, 52, tzinfo=timezone(-timedelta(hours=5, minutes=30))),
        ),
        # Google Forms
        ("2026/03/16 8:24:52 PM GMT", datetime(2026, 3, 16, 20, 24, 52, tzinfo=UTC)),
        ("2026/03/16 12:04:52 AM GMT", datetime(2026, 3, 16, 0, 4, 52, tzinfo=UTC)),
        ("2026/03/16 12:04:52 PM GMT", datetime(2026, 3, 16, 12, 4, 52, tzinfo=UTC)),
        ("2026/07/16 8:24:52 pm GMT+1", datetime(2026, 7, 16, 20, 24, 52, tzinfo=LONDON_SUMMER)),
        (
            "2026/07/16 8:24:52 PM GMT+01:00",
            datetime(2026, 7, 16, 20, 24, 52, tzinfo=LONDON_SUMMER),
        ),
        ("2026/07/16 8:24:52 PM UTC", datetime(2026, 7, 16, 20, 24, 52, tzinfo=UTC)),
        # BST is UTC+1 whatever the date says.
        ("2026/01/15 10:00:00 BST", datetime(2026, 1, 15, 10, 0, tzinfo=LONDON_SUMMER)),
        ("2026/01/15 10:00:00 bst", datetime(2026, 1, 15, 10, 0, tzinfo=LONDON_SUMMER)),
        ("2026/01/15 10:00 am utc", datetime(2026, 1, 15, 10, 0, tzinfo=UTC)),
        # Jotform: month names, any case, full and short.
        ("Jul 19, 2022", datetime(2022, 7, 19)),
        ("Jul 19, 2022 10:15 am", datetime(2022, 7, 19, 10, 15)),
        ("Jul 19, 2022 10:15 PM", datetime(2022, 7, 19, 22, 15)),
        ("Jul 19, 2022 10:15:32", datetime(2022, 7, 19, 10, 15, 32)),
        ("July 19, 2022", datetime(2022, 7, 19)),
        ("JULY 19 2022", datetime(2022, 7, 19)),
        ("sept 9, 2022", datetime(2022, 9, 9)),
        # SurveyMonkey: month first (the day proves it here).
        ("03/16/2026 08:24:52 PM", datetime(2026, 3, 16, 20, 24, 52)),
        # Excel's UK CSV, and other UK shapes.
        ("16/03/2026 14:30", datetime(2026, 3, 16, 14, 30)),
        ("16/03/2026 14:30:05", datetime(2026, 3, 16, 14, 30, 5)),
        ("16/03/2026 2:30 pm", datetime(2026, 3, 16, 14, 30)),
        ("16/03/2026 2:30pm", datetime(2026, 3, 16, 14, 30)),
        ("16/03/2026 2:30 p.m.", datetime(2026, 3, 16, 14, 30)),
        ("16/03/2026 9:05", datetime(2026, 3, 16, 9, 5)),
        ("20 March 2026", datetime(2026, 3, 20)),
        ("20 march 2026 14:30", datetime(2026, 3, 20, 14, 30)),
        ("20 Mar 2026", datetime(2026, 3, 20)),
        ("20-Mar-2026", datetime(2026, 3, 20)),
        ("20-MAR-26 09:15", datetime(2026, 3, 20, 9, 15)),
        ("16/03/26", datetime(2026, 3, 16)),
        ("16-03-2026", datetime(2026, 3, 16)),
        ("16.03.2026 14:30", datetime(2026, 3, 16, 14, 30)),
        ("2026.03.16 20:24", datetime(2026, 3, 16, 20, 24)),
        ("  16/03/2026   14:30  ", datetime(2026, 3, 16, 14, 30)),
        ("16/03/2026\u00a014:30", datetime(2026, 3, 16, 14, 30)),  # a non-breaking space
        ("29/02/2024", datetime(2024, 2, 29)),
    ],
)
def test_known_formats_are_read_exactly(text: str, expected: datetime) -> None:
    col = column(text)
    assert col.parse(text) == expected
    parsed = col.parse(text)
    assert parsed is not None and parsed.utcoffset() == expected.utcoffset()
    assert parse_time_cell(text, order="mdy" if text.startswith("03/16") else "dmy") == expected


@pytest.mark.parametrize(
    "text",
    [
        "yesterday",
        "14:30",  # a time with no date
        "16/03",  # a date with no year
        "31/02/2026",  # no such day, either way
        "13/13/2026",
        "29/02/2025",
        "16/03-2026",  # mixed separators
        "16/03/2026 25:00",
        "16/03/2026 14:60",
        "16/03/2026 14:30:61",
        "16/03/2026 0:30 am",  # no hour 0 on a 12-hour clock
        "16/03/2026 13:30 pm",
        "16/03/2026 14",  # an hour alone
        "16/03/2026 1430",
        "16/03/2026 14:30 CET",  # a zone word this reader does not know
        "16/03/2026 14:30 +1",  # a bare offset is +01 or +01:00
        "16/03/2026 14:30 GMT+100",
        "2026-03-16T20:24:52Z+01:00",
        "2026-03-16T",
        "2026-03-16Z",
        "Thu, 19 Jul 2022 10:15:00",  # RFC 2822: not a shape form tools write
        "Jul 19 2022, 10:15",
        "Foo 19, 2022",
        "19th July 2022",
        "2026-W11-1",
        "20260316",
        "20260316T202452",
        "٢٠٢٦-٠٣-١٦",  # Arabic-Indic digits
        "16/03/2026 " + "x" * 80,
        "x" * 200,
    ],
)
def test_other_texts_are_unreadable_row_by_row(text: str) -> None:
    col = column(text, "01/02/2026")
    with pytest.raises(ValueError, match="is not a") as caught:
        col.parse(text)
    assert "\n" not in str(caught.value)
    assert len(str(caught.value)) < 160  # a long answer is shortened
    assert parse_time_cell(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("yesterday", '"yesterday" is not a date and time in a form this app can read'),
        ("31/02/2026 10:00", '"31/02/2026 10:00" is not a real date'),
        ("16/03/2026 25:00", '"16/03/2026 25:00" is not a real time of day'),
        (
            "16/03/2026 14:30 CET",
            '"16/03/2026 14:30 CET": CET is not a time zone this app knows (it knows GMT, UTC, '
            "BST and offsets such as +01:00)",
        ),
    ],
)
def test_a_row_is_told_why_in_plain_words(text: str, reason: str) -> None:
    with pytest.raises(ValueError) as caught:
        column(text).parse(text)
    assert str(caught.value) == reason


# ---- cells that are not text -----------------------------------------------------------------


def test_spreadsheet_dates_are_taken_as_they_are() -> None:
    aware = datetime(2026, 3, 16, 20, 24, tzinfo=LONDON_SUMMER)
    col = column(datetime(2026, 3, 16, 20, 24), date(2026, 3, 16), aware)
    assert col.parse(datetime(2026, 3, 16, 20, 24)) == datetime(2026, 3, 16, 20, 24)
    assert col.parse(date(2026, 3, 16)) == datetime(2026, 3, 16)
    assert col.parse(aware) is aware
    assert parse_time_cell(date(2026, 3, 16)) == datetime(2026, 3, 16)


@pytest.mark.parametrize(("cell", "shown"), [(45000.5, "45000.5"), (45000.0, "45000"), (7, "7")])
def test_numbers_are_not_times(cell: object, shown: str) -> None:
    col = column(cell, "01/02/2026")
    with pytest.raises(ValueError, match=f"^{shown} is a number, not a date and time"):
        col.parse(cell)
    assert parse_time_cell(cell) is None


@pytest.mark.parametrize(
    ("cell", "words"),
    [(True, "yes/no answer"), (time(10, 15), "time of day with no date"), (b"x", "not a date")],
)
def test_other_cells_are_not_times(cell: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        column(cell).parse(cell)
    assert parse_time_cell(cell) is None


@pytest.mark.parametrize("cell", [None, "", "   ", "\t"])
def test_blank_cells_are_none(cell: object) -> None:
    col = column(cell, "31/08/2025")
    assert col.parse(cell) is None
    assert parse_time_cell(cell) is None


# ---- zones -------------------------------------------------------------------------------------


def test_times_without_a_zone_are_naive_for_the_caller_to_take_as_uk_time() -> None:
    col = column("16/03/2026 14:30", "2026-07-16T20:24:52", "Jul 19, 2022 10:15 am")
    for text in ("16/03/2026 14:30", "2026-07-16T20:24:52", "Jul 19, 2022 10:15 am"):
        parsed = col.parse(text)
        assert parsed is not None and parsed.tzinfo is None
    assert col.utc is False


@pytest.mark.parametrize(
    "heading", ["Submit Date (UTC)", "Timestamp (GMT)", "time utc", "Start Date (UTC)"]
)
def test_a_heading_that_says_utc_makes_naive_times_utc(heading: str) -> None:
    texts = ("2022-07-19 10:15:00", "2022-07-20 11:00:00")
    col = column(*texts, heading=heading)
    assert col.utc is True
    assert read_all(col, *texts) == [
        datetime(2022, 7, 19, 10, 15, tzinfo=UTC),
        datetime(2022, 7, 20, 11, 0, tzinfo=UTC),
    ]
    # A zone the text names still wins, and spreadsheet dates follow the heading too.
    assert col.parse("2022-07-19 10:15:00 BST") == datetime(2022, 7, 19, 9, 15, tzinfo=UTC)
    assert col.parse("2022-07-19 10:15:00 BST").utcoffset() == timedelta(hours=1)  # type: ignore[union-attr]
    assert col.parse(datetime(2022, 7, 19, 10, 15)) == datetime(2022, 7, 19, 10, 15, tzinfo=UTC)
    assert col.parse(date(2022, 7, 19)) == datetime(2022, 7, 19, tzinfo=UTC)
    assert col.parse("19/07/2022") == datetime(2022, 7, 19, tzinfo=UTC)


@pytest.mark.parametrize("heading", ["Timestamp", "Submitted", "Computed (gmtime)", "Mutcd"])
def test_other_headings_leave_times_naive(heading: str) -> None:
    col = column("2022-07-19 10:15:00", heading=heading)
    assert col.utc is False
    assert col.parse("2022-07-19 10:15:00") == datetime(2022, 7, 19, 10, 15)


def test_zone_words_and_offsets_are_honoured_in_utc() -> None:
    cases = {
        "2026/03/16 8:24:52 PM GMT": datetime(2026, 3, 16, 20, 24, 52, tzinfo=UTC),
        "2026/07/16 8:24:52 PM GMT+1": datetime(2026, 7, 16, 19, 24, 52, tzinfo=UTC),
        "2026/07/16 8:24:52 PM GMT-02:30": datetime(2026, 7, 16, 22, 54, 52, tzinfo=UTC),
        "2026/07/16 20:24:52 BST": datetime(2026, 7, 16, 19, 24, 52, tzinfo=UTC),
        "2026/07/16 20:24:52 BST+1": datetime(2026, 7, 16, 18, 24, 52, tzinfo=UTC),
        "2026-07-16T20:24:52Z": datetime(2026, 7, 16, 20, 24, 52, tzinfo=UTC),
        "2026-07-16T20:24:52+02:00": datetime(2026, 7, 16, 18, 24, 52, tzinfo=UTC),
        "2026-07-16 20:24:52 +0200": datetime(2026, 7, 16, 18, 24, 52, tzinfo=UTC),
    }
    col = column(*cases)
    for text, expected in cases.items():
        parsed = col.parse(text)
        assert parsed is not None and parsed.tzinfo is not None, text
        assert parsed.astimezone(UTC) == expected, text


# ---- the column is read as a whole, and read the same however it is read ------------------------


def test_each_distinct_text_is_read_once_and_the_same_every_time() -> None:
    texts = ["8/31/2025 14:05:09"] * 3 + ["9/1/2025 10:00:00", None, 45000.0, "nonsense"]
    col = column(*texts)
    assert col.parse("8/31/2025 14:05:09") is col.parse("8/31/2025 14:05:09")
    with pytest.raises(ValueError):
        col.parse("nonsense")


def test_cells_may_be_any_iterable_of_numbered_cells() -> None:
    col = read_time_column(((row, f"{row}/8/2025") for row in range(13, 20)), heading="When")
    assert col.order == "dmy"
    assert col.reason == "dates read day first (13/8/2025 in row 13 shows it)"


def test_the_reading_does_not_depend_on_what_was_read_before() -> None:
    dates._DATES.clear()
    dates._TIMES.clear()
    cold = [column("8/31/2025 14:05:09", "9/1/2025 10:00").parse("9/1/2025 10:00")]
    warm = [column("8/31/2025 14:05:09", "9/1/2025 10:00").parse("9/1/2025 10:00")]
    uk = column("31/8/2025 14:05:09", "9/1/2025 10:00").parse("9/1/2025 10:00")
    assert cold == warm == [datetime(2025, 9, 1, 10, 0)]
    assert uk == datetime(2025, 1, 9, 10, 0)


# ---- properties --------------------------------------------------------------------------------

MOMENTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31, 23, 59, 59))


def _write(moment: datetime, order: str, clock: str, padded: bool, separator: str) -> str:
    first, second = (moment.day, moment.month) if order == "dmy" else (moment.month, moment.day)
    width = "02" if padded else ""
    day_part = f"{first:{width}}{separator}{second:{width}}{separator}{moment.year}"
    if clock == "24":
        return f"{day_part} {moment:%H:%M:%S}"
    hour = moment.hour % 12 or 12
    return f"{day_part} {hour}:{moment:%M:%S} {'PM' if moment.hour >= 12 else 'AM'}"


@settings(max_examples=300, deadline=None)
@given(
    moments=st.lists(MOMENTS.map(lambda m: m.replace(microsecond=0)), min_size=1, max_size=40),
    order=st.sampled_from(["dmy", "mdy"]),
    clock=st.sampled_from(["24", "12"]),
    padded=st.booleans(),
    separator=st.sampled_from(["/", "-", "."]),
)
def test_a_column_written_in_one_order_reads_back(
    moments: list[datetime], order: str, clock: str, padded: bool, separator: str
) -> None:
    texts = [_write(moment, order, clock, padded, separator) for moment in moments]
    col = column(*texts)
    read = read_all(col, *texts)
    if any(moment.day > 12 for moment in moments):
        assert col.order == order
        assert read == moments
    else:  # nothing says month first: read as in the UK
        assert col.order == "dmy"
        if order == "dmy":
            assert read == moments
        else:
            assert read == [m.replace(month=m.day, day=m.month) for m in moments]


@settings(max_examples=300, deadline=None)
@given(
    cells=st.lists(
        st.tuples(MOMENTS.map(lambda m: m.replace(microsecond=0)), st.sampled_from(["dmy", "mdy"])),
        min_size=1,
        max_size=30,
    ),
    chosen=st.sampled_from([None, "dmy", "mdy"]),
)
def test_a_column_is_never_read_in_two_orders(
    cells: list[tuple[datetime, str]], chosen: str | None
) -> None:
    texts = [_write(moment, order, "24", False, "/") for moment, order in cells]
    try:
        col = column(*texts, order=chosen)
    except DateOrderConflict as conflict:
        assert chosen is None
        assert conflict.day_first_rows and conflict.month_first_rows
        return
    for text in texts:
        first, second, rest = text.split("/", 2)
        year, clock = rest.split(" ")
        day, month = (first, second) if col.order == "dmy" else (second, first)
        try:
            expected = datetime.fromisoformat(f"{year}-{int(month):02d}-{int(day):02d}T{clock}")
        except ValueError:  # not a date in the column's order: only when the user chose it
            assert chosen is not None
            with pytest.raises(ValueError):
                col.parse(text)
        else:
            assert col.parse(text) == expected


TIME_TEXT = st.text(alphabet="0123456789: .,+-ZzAaPpMmGTUCBS", max_size=16) | st.sampled_from(
    [
        *(
            "8:24:52 PM GMT",
            "12:00 am",
            "14:30",
            "09:05:00",
            "9:05",
            "10:15 pm UTC",
            "23:59:59 BST",
        ),
        # At the edges of the quick way's shapes:
        *("14:30.5Z", "14:30+01", "14:30:5Z", "14:3005Z", "1:30:05 PM", "00:30 am", "13:30 pm"),
        *("8:24:52 PM gmt", "8:24:52 pm GMT", "8:24:5 PM", "8:24:52  PM", "8:24:52 PM GMT+1"),
        *("24:00:00", "23:60:00", "7:5", "07:05 Z", "12:00 p.m."),
    ]
)
DATE_TEXT = st.sampled_from(
    ["16/03/2026", "2026/03/16", "3/4/26", "31/12/2025", "12/31/2025", "16.03.26", "Jul 19, 2022"]
)


@settings(max_examples=1000, deadline=None)
@given(
    date_time=st.lists(st.tuples(DATE_TEXT, TIME_TEXT), min_size=1, max_size=6),
    heading=st.sampled_from(["Timestamp", "Submit Date (UTC)"]),
    order=st.sampled_from([None, "dmy", "mdy"]),
)
def test_a_column_reads_each_text_as_a_single_cell_is_read(
    date_time: list[tuple[str, str]], heading: str, order: str | None
) -> None:
    # The column reads most texts a quick way; a cell on its own is read the slow way.
    texts = [f"{date_text} {time_text}" for date_text, time_text in date_time]
    for date_text, _ in date_time:
        dates._date_of(date_text)  # known already, so the column takes the quick way
    try:
        col = column(*texts, heading=heading, order=order)
    except DateOrderConflict:
        assert order is None
        return
    for text in texts:
        expected = parse_time_cell(text, order=col.order)
        if expected is None:
            with pytest.raises(ValueError):
                col.parse(text)
            continue
        if col.utc and expected.tzinfo is None:
            expected = expected.replace(tzinfo=UTC)
        parsed = col.parse(text)
        assert parsed == expected
        assert parsed is not None and parsed.utcoffset() == expected.utcoffset()
        assert TimeColumn(heading, col.order, utc=col.utc).parse(text) == parsed
