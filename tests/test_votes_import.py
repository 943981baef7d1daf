"""Importing vote exports in each format: every count and every row number exact."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from csx_desktop.domain.model import BallotStatus, Nomination
from csx_desktop.domain.votes import (
    AFTER_WINDOW,
    BEFORE_WINDOW,
    NO_VOTER,
    NOT_ON_SHORTLIST,
)
from csx_desktop.io.dates import read_time_column
from csx_desktop.io.row_errors import RowsRefused
from csx_desktop.io.tables import TableError
from csx_desktop.io.vote_import import (
    GOOGLE_FORMS,
    MICROSOFT_FORMS,
    import_votes,
    parse_mapping,
    read_vote_export,
)
from csx_desktop.store import InputRefused, Store

# (voter, choice, cast_at in UK local time) — None is a blank spreadsheet row, kept numbered.
# Spreadsheet row 1 holds the headings, so the first ballot is row 2.
VOTES: list[tuple[str, str, datetime] | None] = [
    ("jo@stockton.gov.uk", "Grace Etherington", datetime(2026, 4, 1, 10, 0)),  # 2 superseded by 5
    ("kim@stockton.gov.uk", "  aaron   BULMER ", datetime(2026, 4, 1, 10, 5)),  # 3 valid
    ("", "Grace Etherington", datetime(2026, 4, 1, 10, 10)),  # 4 no voter
    ("JO@Stockton.gov.uk ", "grace etherington", datetime(2026, 4, 2, 12, 0)),  # 5 valid
    ("anonymous", "Aaron Bulmer", datetime(2026, 4, 1, 10, 20)),  # 6 no voter
    ("sam@stockton.gov.uk", "Gracie Etherington", datetime(2026, 4, 1, 10, 30)),  # 7 not listed
    ("lee@stockton.gov.uk", "Aaron Bulmer", datetime(2026, 4, 3, 9, 0)),  # 8 valid (latest)
    ("Lee@Stockton.gov.uk", "Grace Etherington", datetime(2026, 4, 3, 8, 30)),  # 9 superseded
    ("pat@stockton.gov.uk", "Grace Etherington", datetime(2026, 5, 20, 9, 0)),  # 10 too late
    ("ron@stockton.gov.uk", "Aaron Bulmer", datetime(2026, 3, 1, 9, 0)),  # 11 too early
    None,  # 12 blank
    ("val@stockton.gov.uk", "SIOBHÁN  O’NEILL", datetime(2026, 4, 4, 16, 45)),  # 13 valid
]
EXPECTED_STATUS = {
    2: ("superseded", "the same voter's later ballot counts (row 5)"),
    3: ("valid", ""),
    4: ("invalid", NO_VOTER),
    5: ("valid", ""),
    6: ("invalid", NO_VOTER),
    7: ("invalid", NOT_ON_SHORTLIST),
    8: ("valid", ""),
    9: ("superseded", "the same voter's later ballot counts (row 8)"),
    10: ("invalid", AFTER_WINDOW),
    11: ("invalid", BEFORE_WINDOW),
    13: ("valid", ""),
}
EXPECTED_TALLY = {
    "candidates": [
        ("Aaron Bulmer", 2, 0),
        ("Grace Etherington", 1, 0),
        ("Siobhán O'Neill", 1, 0),
    ],
    "valid": 4,
    "superseded": 2,
    "invalid": 5,
    "invalid_by_reason": {NO_VOTER: 2, NOT_ON_SHORTLIST: 1, BEFORE_WINDOW: 1, AFTER_WINDOW: 1},
    "tied": False,
    "leaders": ["Aaron Bulmer"],
}


@pytest.fixture
def star(store: Store) -> Store:
    """The round with three Shining Star nominees and a voting window through April."""
    category_id = store.ballots.category().id or 0
    for nominee, body in (
        ("Grace Etherington", "Adults, Health and Wellbeing"),
        ("Aaron Bulmer", "Children's Services"),
        ("Siobhán O'Neill", "Corporate Services"),
    ):
        store.nominations.add(Nomination(category_id, nominee, "A citation.", nominating_body=body))
    store.round.update_settings(
        voting_opens=datetime(2026, 4, 1, 8, 0), voting_closes=datetime(2026, 4, 30, 17, 0)
    )
    return store


# ---- the four kinds of export -------------------------------------------------------------


def write_microsoft_forms(path: Path, votes: list[tuple[str, str, datetime] | None]) -> Path:
    """As Microsoft Forms exports: real date cells, "anonymous" where no one signed in."""
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "ID",
            "Start time",
            "Completion time",
            "Email",
            "Name",
            "Who should be this year's Shining Star?",
        ]
    )
    for number, vote in enumerate(votes, start=1):
        if vote is None:
            sheet.append([])
            continue
        voter, choice, when = vote
        name = "" if voter in ("", "anonymous") else voter.split("@")[0].title()
        sheet.append(
            [number, when.replace(minute=max(when.minute - 2, 0)), when, voter, name, choice]
        )
    book.save(path)
    return path


def write_google_forms(path: Path, votes: list[tuple[str, str, datetime] | None]) -> Path:
    """As Google Forms' CSV: UK-style text timestamps first, then the email address."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", "Email address", "Your vote for Shining Star 2026"])
        for vote in votes:
            if vote is None:
                writer.writerow([])
                continue
            voter, choice, when = vote
            writer.writerow([when.strftime("%d/%m/%Y %H:%M:%S"), voter, choice])
    return path


def write_plain_csv(path: Path, votes: list[tuple[str, str, datetime] | None]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["voter", "choice", "cast_at"])
        for vote in votes:
            writer.writerow([] if vote is None else [vote[0], vote[1], vote[2].isoformat()])
    return path


def write_plain_xlsx(path: Path, votes: list[tuple[str, str, datetime] | None]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["Voter", "Choice", "Cast at"])
    for vote in votes:
        sheet.append([] if vote is None else list(vote))
    book.save(path)
    return path


WRITERS: dict[str, tuple[str, Callable[[Path, list], Path]]] = {
    "microsoft": ("votes.xlsx", write_microsoft_forms),
    "google": ("votes.csv", write_google_forms),
    "plain-csv": ("votes-plain.csv", write_plain_csv),
    "plain-xlsx": ("votes-plain.xlsx", write_plain_xlsx),
}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_each_format_counts_exactly_with_exact_row_numbers(
    star: Store, tmp_path: Path, kind: str
) -> None:
    name, write = WRITERS[kind]
    path = write(tmp_path / name, VOTES)
    result = import_votes(star, path)
    assert result.stored.added == 11
    assert (
        result.stored.added_valid,
        result.stored.added_superseded,
        result.stored.added_invalid,
    ) == (4, 2, 5)
    stored = {b.source_row: (str(b.status), b.reason) for b in star.ballots.ballots()}
    assert stored == EXPECTED_STATUS
    count = star.ballots.tally()
    assert [(c.nominee, c.votes, c.paper_votes) for c in count.candidates] == EXPECTED_TALLY[
        "candidates"
    ]
    as_json = count.as_json()
    for key in ("valid", "superseded", "invalid", "invalid_by_reason", "tied", "leaders"):
        assert as_json[key] == EXPECTED_TALLY[key], key
    assert list(as_json["invalid_by_reason"]) == list(EXPECTED_TALLY["invalid_by_reason"])
    # Voter keys are stored trimmed and lower-cased; the two spellings of Jo are one voter.
    keys = {b.source_row: b.voter_key for b in star.ballots.ballots()}
    assert keys[2] == keys[5] == "jo@stockton.gov.uk"


def test_formats_are_recognised_and_columns_found(tmp_path: Path) -> None:
    microsoft = read_vote_export(write_microsoft_forms(tmp_path / "m.xlsx", VOTES))
    assert microsoft.file_format == MICROSOFT_FORMS
    assert microsoft.columns["voter"] == "Email"
    assert microsoft.columns["cast_at"] == "Completion time"  # not the start time
    assert microsoft.columns["choice"] == "Who should be this year's Shining Star?"
    assert [b.response_id for b in microsoft.ballots][:2] == ["1", "2"]
    google = read_vote_export(write_google_forms(tmp_path / "g.csv", VOTES))
    assert google.file_format == GOOGLE_FORMS
    assert (google.columns["voter"], google.columns["cast_at"]) == ("Email address", "Timestamp")
    # UK local time in, UTC stored: 1 April is in British Summer Time.
    assert google.ballots[0].cast_at is not None
    assert google.ballots[0].cast_at.isoformat() == "2026-04-01T09:00:00+00:00"
    assert [b.row for b in google.ballots] == [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13]


def test_the_same_export_imported_twice_changes_nothing(star: Store, tmp_path: Path) -> None:
    path = write_microsoft_forms(tmp_path / "votes.xlsx", VOTES)
    import_votes(star, path)
    before = (star.ballots.ballots(), star.ballots.tally())
    again = import_votes(star, path)
    assert (again.stored.added, again.stored.unchanged) == (0, 11)
    assert (star.ballots.ballots(), star.ballots.tally()) == before
    # A renamed copy is the same form: still nothing added.
    copy = tmp_path / "votes (1).xlsx"
    copy.write_bytes(path.read_bytes())
    assert import_votes(star, copy).stored.added == 0
    assert star.counts()["ballots"] == 11


def test_a_later_download_of_the_same_form_adds_only_the_new_responses(
    star: Store, tmp_path: Path
) -> None:
    import_votes(star, write_google_forms(tmp_path / "monday.csv", VOTES[:5]))
    assert star.counts()["ballots"] == 5
    result = import_votes(star, write_google_forms(tmp_path / "friday.csv", VOTES))
    assert (result.stored.added, result.stored.unchanged) == (6, 5)
    stored = {b.source_row: (str(b.status), b.reason) for b in star.ballots.ballots()}
    assert stored == EXPECTED_STATUS  # row 2 superseded by a ballot from the second import


def test_an_export_whose_rows_no_longer_line_up_is_refused(star: Store, tmp_path: Path) -> None:
    import_votes(star, write_google_forms(tmp_path / "votes.csv", VOTES))
    before = star.ballots.ballots()
    edited = [VOTES[0], *VOTES[2:]]  # the form tool deleted the second response
    with pytest.raises(InputRefused, match="no longer line up"):
        import_votes(star, write_google_forms(tmp_path / "edited.csv", edited))
    assert star.ballots.ballots() == before


def test_a_second_form_is_counted_beside_the_first(star: Store, tmp_path: Path) -> None:
    import_votes(star, write_google_forms(tmp_path / "online.csv", VOTES))
    kiosk = [("kiosk1@stockton.gov.uk", "Grace Etherington", datetime(2026, 4, 5, 9, 0))]
    result = import_votes(star, write_plain_csv(tmp_path / "kiosk.csv", kiosk))
    assert result.stored.added == 1
    sources = {b.source for b in star.ballots.ballots()}
    assert len(sources) == 2
    assert star.ballots.tally().tied  # Aaron 2, Grace 2


def test_unreadable_times_refuse_the_import_unless_skipped(star: Store, tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    path.write_text(
        "Timestamp,Email address,Vote\n"
        "01/04/2026 10:00:00,a@x.uk,Grace Etherington\n"
        "next Tuesday,b@x.uk,Aaron Bulmer\n"
        "\n"
        "42,c@x.uk,Aaron Bulmer\n",
        encoding="utf-8",
    )
    with pytest.raises(RowsRefused) as refused:
        import_votes(star, path)
    assert [(p.row, p.column) for p in refused.value.errors] == [
        (3, "Timestamp"),
        (5, "Timestamp"),
    ]
    assert '"next Tuesday" is not a date and time' in refused.value.details()
    assert star.counts()["ballots"] == 0
    result = import_votes(star, path, skip_invalid=True)
    assert result.stored.added == 1
    assert [b.source_row for b in star.ballots.ballots()] == [2]
    assert "2 unreadable row(s) skipped" in result.summary()


def test_map_names_the_columns_when_the_headings_are_unusual(star: Store, tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(
        "Payroll,Person you are backing,When\n"
        "1001,Grace Etherington,2026-04-01T10:00\n"
        "1001,Aaron Bulmer,2026-04-01T11:00\n",
        encoding="utf-8",
    )
    with pytest.raises(InputRefused, match="no column says who each person voted for"):
        import_votes(star, path)
    mapping = parse_mapping(["voter=payroll", "choice=Person you are backing", "cast_at=When"])
    import_votes(star, path, mapping=mapping)
    assert [str(b.status) for b in star.ballots.ballots()] == ["superseded", "valid"]
    with pytest.raises(InputRefused, match="no column called 'Nope'"):
        import_votes(star, path, mapping={"choice": "Nope"})


def test_staff_number_fills_in_where_there_is_no_email(star: Store, tmp_path: Path) -> None:
    path = tmp_path / "votes.csv"
    path.write_text(
        "Timestamp,Email address,Staff number,Vote\n"
        "01/04/2026 10:00:00,,AB123,Grace Etherington\n"
        "01/04/2026 11:00:00,anonymous,ab123 ,Aaron Bulmer\n"
        "01/04/2026 12:00:00,,,Aaron Bulmer\n",
        encoding="utf-8",
    )
    import_votes(star, path)
    assert [(b.voter_key, str(b.status)) for b in star.ballots.ballots()] == [
        ("ab123", "superseded"),
        ("ab123", "valid"),
        ("", "invalid"),
    ]


def test_files_that_are_not_vote_exports_get_one_clear_message(star: Store, tmp_path: Path) -> None:
    pdf = tmp_path / "votes.xlsx"
    pdf.write_bytes(b"%PDF-1.7 not a spreadsheet")
    with pytest.raises(TableError, match="PDF"):
        import_votes(star, pdf)
    no_voter = tmp_path / "no-voter.csv"
    no_voter.write_text("Vote\nGrace Etherington\n", encoding="utf-8")
    with pytest.raises(InputRefused, match="voter's email or staff number"):
        import_votes(star, no_voter)
    headings_only = tmp_path / "headings.csv"
    headings_only.write_text("voter,choice,cast_at\n", encoding="utf-8")
    with pytest.raises(InputRefused, match="no responses"):
        import_votes(star, headings_only)
    assert star.counts()["ballots"] == 0


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("01/04/2026 10:00:00", datetime(2026, 4, 1, 10, 0)),
        ("1/4/2026 10:00", datetime(2026, 4, 1, 10, 0)),
        ("2026-04-01T10:00:00", datetime(2026, 4, 1, 10, 0)),
        ("04/13/2026 10:00:00", datetime(2026, 4, 13, 10, 0)),  # only month-first can be right
        ("2026/04/01 5:00:05 pm", datetime(2026, 4, 1, 17, 0, 5)),
        (datetime(2026, 4, 1, 10, 0), datetime(2026, 4, 1, 10, 0)),
        ("yesterday", None),
        (45000.5, None),
    ],
)
def test_time_cells(cell: object, expected: datetime | None) -> None:
    """Each cell read as a column of its own (a lone 04/13/2026 shows month first)."""
    assert _read_one(cell) == expected


def _read_one(cell: object) -> datetime | None:
    try:
        return read_time_column([(2, cell)]).parse(cell)
    except ValueError:
        return None


def test_a_zone_word_is_respected() -> None:
    parsed = _read_one("2026/04/01 5:00:05 pm GMT")
    assert parsed is not None and parsed.utcoffset() is not None
    assert parsed.isoformat() == "2026-04-01T17:00:05+00:00"


def test_invalid_statuses_follow_the_shortlist_and_window_as_they_are_now(
    star: Store, tmp_path: Path
) -> None:
    import_votes(star, write_google_forms(tmp_path / "votes.csv", VOTES))
    star.round.update_settings(voting_opens=None, voting_closes=None)
    count = star.ballots.tally()
    assert (count.valid, count.invalid) == (6, 3)  # rows 10 and 11 count once the window goes
    assert star.ballots.counted()[9].status is BallotStatus.VALID
