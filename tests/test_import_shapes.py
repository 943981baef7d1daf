"""Real exports read right: the shapes the council's form tools write, through every import.

Each test builds a file the way a tool writes it (Google Forms' US dates, a SurveyMonkey
photo question whose heading mentions emails, Jotform's text dates and no response id,
Typeform's ``#`` and UTC times, a one-award form, a title row above the headings) and checks
that the import stores exactly what the file says, or refuses in words, and that the
command line shows the columns it used before anything else.
"""

from __future__ import annotations

import csv
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from csx_desktop.cli.main import main as cli
from csx_desktop.domain.model import Nomination
from csx_desktop.domain.rubric import EXTRA_MILE, SHINING_STAR
from csx_desktop.io.dates import DateOrderConflict
from csx_desktop.io.nomination_import import (
    import_nominations,
    legacy_response_id,
    parse_rows,
    prepare_import,
)
from csx_desktop.io.reading import ReadChoices
from csx_desktop.io.vote_import import read_vote_export
from csx_desktop.store import InputRefused, Store

CITATION = "They stayed late every night of the floods, and rang every family back."


def write_csv(path: Path, rows: list[list[Any]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def nominations(store: Store) -> list[Nomination]:
    return [n for group in store.nominations.nominations_by_entry().values() for n in group]


# ---- Google Forms: US dates in one column -------------------------------------------------

GOOGLE_HEADINGS = ["Timestamp", "Email address", "Which award?", "Nominee's full name",
                   "Your name", "Why do they deserve it?"]  # fmt: skip


def test_google_forms_us_dates_are_read_month_first_for_the_whole_column(
    tmp_path: Path, store: Store
) -> None:
    """8/31/2025 proves the column month first, so 9/1/2025 is 1 September, not 9 January."""
    path = write_csv(
        tmp_path / "responses.csv",
        [
            GOOGLE_HEADINGS,
            ["9/1/2025 10:00:00", "a@example.org", "Extra Mile", "Ann Lee", "Bo", CITATION],
            ["8/31/2025 9:30:00", "b@example.org", "Extra Mile", "Cy Twomey", "Di", CITATION],
        ],
    )
    report = import_nominations(store, path)
    assert report.committed
    received = {n.nominee: n.received_at for n in nominations(store)}
    # UK summer time: 10:00 in London is 09:00 UTC.
    assert received["Ann Lee"] == datetime(2025, 9, 1, 9, 0, tzinfo=UTC)
    assert received["Cy Twomey"] == datetime(2025, 8, 31, 8, 30, tzinfo=UTC)


def test_a_column_with_dates_written_both_ways_is_refused_until_an_order_is_chosen(
    tmp_path: Path, store: Store, capsys: pytest.CaptureFixture[str], round_path: Path
) -> None:
    path = write_csv(
        tmp_path / "mixed.csv",
        [
            GOOGLE_HEADINGS,
            ["8/31/2025 10:00:00", "a@example.org", "Extra Mile", "Ann Lee", "Bo", CITATION],
            ["31/8/2025 10:00:00", "b@example.org", "Extra Mile", "Cy Twomey", "Di", CITATION],
        ],
    )
    with pytest.raises(DateOrderConflict, match=r"row 2.*row 3|row 3.*row 2"):
        import_nominations(store, path)
    assert nominations(store) == []
    store.close()
    assert cli(["import", "nominations", str(round_path), str(path)]) == 1
    err = capsys.readouterr().err
    assert "two orders" in err and "--date-order" in err and "Traceback" not in err
    # Choosing the order reads the column that way: 31/8 then cannot be month first.
    code = cli(["import", "nominations", str(round_path), str(path), "--date-order", "mdy"])
    out = capsys.readouterr().out
    assert code == 1 and "row 3" in out


def test_votes_us_dates_are_read_month_first_for_the_whole_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "votes.csv",
        [
            ["Timestamp", "Email address", "Who gets your Shining Star vote?"],
            ["9/1/2025 10:00:00", "a@example.org", "Ann Lee"],
            ["8/31/2025 9:30:00", "b@example.org", "Ann Lee"],
        ],
    )
    export = read_vote_export(path)
    assert [b.cast_at for b in export.ballots] == [
        datetime(2025, 9, 1, 9, 0, tzinfo=UTC),
        datetime(2025, 8, 31, 8, 30, tzinfo=UTC),
    ]
    assert export.times is not None and "month first" in export.times.reason
    assert any("month first (8/31/2025 in row 3 shows it)" in line
               for line in export.mapping_lines())  # fmt: skip


# ---- a guess must fit its column's answers --------------------------------------------------


def test_a_photo_question_that_mentions_emails_is_not_taken_as_the_nominators_email(
    tmp_path: Path, store: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
             "Email Address", "First Name", "Last Name", "Custom Data 1",
             "Which award are you nominating for?", "Who are you nominating?",
             "Your photos of them (we will email you if a file is too large)",
             "Your name", "Why should they win?"]  # fmt: skip
    second = [""] * 9 + ["Response", "Name", "Response", "Open-Ended Response",
                         "Open-Ended Response"]  # fmt: skip
    rows = [
        [str(11800000000 + i), "4000001", "03/16/2026 08:00:00 PM", "03/16/2026 08:24:52 PM",
         "81.2.69.160", "", "", "", "", "Extra Mile", f"Nominee {i}", f"Person{i}.jpg",
         "Ruth Akintola", CITATION]
        for i in range(1, 6)
    ]  # fmt: skip
    path = write_csv(tmp_path / "sm.csv", [first, second, *rows])
    plan = prepare_import(path, categories=store.round.categories())
    assert plan.mapping["nominator_email"] != 11
    assert any("Person1.jpg" in note and "not email addresses" in note for note in plan.notes)
    store.close()
    assert cli(["import", "nominations", str(round_path), str(path)]) == 0
    out = capsys.readouterr().out
    assert "Person1.jpg" in out and "not email addresses" in out
    with Store.open(round_path) as reopened:
        assert {n.nominator_email for n in nominations(reopened)} == {""}


def test_a_guessed_category_column_whose_answers_are_not_awards_is_left_out(
    tmp_path: Path, store: Store
) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        [
            ["Nominee", "Award ceremony dietary needs", "Why do they deserve it?"],
            ["Ann Lee", "Vegetarian", CITATION],
            ["Cy Twomey", "None", CITATION],
        ],
    )
    plan = prepare_import(path, categories=store.round.categories())
    assert plan.mapping["category"] is None
    with pytest.raises(InputRefused, match="--category"):
        import_nominations(store, path)


# ---- fingerprints: two submissions that differ anywhere are two ---------------------------


def test_two_jotform_submissions_differing_only_in_unmapped_cells_are_two(
    tmp_path: Path, store: Store
) -> None:
    headings = ["Submission Date", "Award", "Nominee", "Why do they deserve it?", "Submission IP",
                "Your favourite colour"]  # fmt: skip
    rows = [
        ["Jul 19, 2025", "Extra Mile", "Ann Lee", CITATION, "81.2.69.160", "blue"],
        ["Jul 19, 2025", "Extra Mile", "Ann Lee", CITATION, "81.2.69.160", "green"],
    ]
    path = write_csv(tmp_path / "jotform.csv", [headings, *rows])
    report = import_nominations(store, path, overrides=["received_at="])
    assert report.stored == 2 and report.already_imported == 0
    again = import_nominations(store, path, overrides=["received_at="])
    assert again.stored == 0 and again.already_imported == 2


def test_rows_imported_by_the_previous_version_are_still_recognised(
    tmp_path: Path, store: Store
) -> None:
    """The previous version knew a row without an id by a digest of its mapped answers."""
    path = write_csv(
        tmp_path / "f.csv",
        [["Award", "Nominee", "Why do they deserve it?"], ["Extra Mile", "Ann Lee", CITATION]],
    )
    plan = prepare_import(path)
    parsed = parse_rows(plan, plan.mapping, store.round.categories())
    (old,) = parsed.nominations
    assert old.response_id.startswith("row ")
    legacy = legacy_response_id(plan, plan.mapping, plan.data_rows[0][1])
    assert legacy.startswith("digest ")
    store.nominations.add_batch([replace(old, response_id=legacy)])
    report = import_nominations(store, path)
    assert report.stored == 0 and report.already_imported == 1


# ---- Jotform and Typeform -------------------------------------------------------------------


def test_jotform_text_dates_and_submission_id(tmp_path: Path, store: Store) -> None:
    headings = ["Submission Date", "Award", "Nominee Name", "Why do they deserve it?",
                "Submission ID"]  # fmt: skip
    path = write_csv(
        tmp_path / "jotform.csv",
        [
            headings,
            ["Jul 19, 2025", "Extra Mile", "Ann Lee", CITATION, "5601234567890"],
            ["Mar 2, 2026 10:15 am", "Extra Mile", "Cy Twomey", CITATION, "5601234567891"],
        ],
    )
    plan = prepare_import(path)
    assert str(plan.layout.kind) == "Jotform"
    report = import_nominations(store, path)
    assert report.stored == 2
    by_name = {n.nominee: n for n in nominations(store)}
    assert by_name["Ann Lee"].response_id == "5601234567890"
    assert by_name["Ann Lee"].received_at == datetime(2025, 7, 18, 23, 0, tzinfo=UTC)
    assert by_name["Cy Twomey"].received_at == datetime(2026, 3, 2, 10, 15, tzinfo=UTC)


def test_typeform_hash_column_and_utc_times(tmp_path: Path, store: Store) -> None:
    headings = ["#", "Which award?", "Who are you nominating?", "Why do they deserve it?",
                "Start Date (UTC)", "Submit Date (UTC)", "Network ID", "Tags"]  # fmt: skip
    path = write_csv(
        tmp_path / "typeform.csv",
        [
            headings,
            ["a1b2c3", "Extra Mile", "Ann Lee", CITATION, "2025-07-19 09:00:00",
             "2025-07-19 10:15:00", "f00d", ""],
        ],
    )  # fmt: skip
    plan = prepare_import(path)
    assert str(plan.layout.kind) == "Typeform"
    import_nominations(store, path)
    (nomination,) = nominations(store)
    assert nomination.response_id == "a1b2c3"
    assert nomination.received_at == datetime(2025, 7, 19, 10, 15, tzinfo=UTC)


# ---- one-award forms, title rows ------------------------------------------------------------


def test_a_one_award_form_is_imported_with_category(
    tmp_path: Path, store: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The Shining Star form the Service Directors fill in has no category question."""
    path = write_xlsx(
        tmp_path / "shining star.xlsx",
        [
            ["Timestamp", "Your service", "Who are you nominating?", "Why?"],
            [datetime(2026, 3, 2, 9, 0), "Xentrall Shared Services", "Zoë Whitfield", CITATION],
        ],
    )
    store.close()
    assert cli(["import", "nominations", str(round_path), str(path)]) == 1
    assert "--category" in capsys.readouterr().err
    code = cli(
        ["import", "nominations", str(round_path), str(path), "--category", "Shining Star",
         "--map", "nominating_body=Your service", "--map", "service="]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0, out
    assert "every row is for Shining Star" in out
    with Store.open(round_path) as reopened:
        (nomination,) = nominations(reopened)
        assert nomination.nominee == "Zoë Whitfield"
        assert reopened.round.category(nomination.category_id).name == SHINING_STAR
        assert nomination.nominating_body == "Xentrall Shared Services"


def test_a_title_row_above_the_headings_is_passed_over_and_said(
    tmp_path: Path, store: Store
) -> None:
    path = write_xlsx(
        tmp_path / "typeform.xlsx",
        [
            ["Customer Service Awards 2026 — responses"],
            ["Award", "Nominee", "Why do they deserve it?"],
            ["Extra Mile", "Ann Lee", CITATION],
        ],
    )
    plan = prepare_import(path)
    assert plan.layout.header_row == 2 and plan.layout.first_data_row == 3
    assert any("row 2" in note and "title" in note for note in plan.notes)
    assert import_nominations(store, path).stored == 1


def test_header_row_chooses_the_headings(tmp_path: Path, store: Store) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        [
            ["Exported by", "the council", "on Monday"],
            ["Award", "Nominee", "Why do they deserve it?"],
            ["Extra Mile", "Ann Lee", CITATION],
        ],
    )
    with pytest.raises(InputRefused):
        import_nominations(store, path)  # row 1 has three cells: taken as headings
    report = import_nominations(store, path, choices=ReadChoices(header_row=2))
    assert report.stored == 1
    with pytest.raises(InputRefused, match="Row 9"):
        prepare_import(path, choices=ReadChoices(header_row=9))


# ---- the command line shows the mapping -----------------------------------------------------


def test_the_command_line_prints_the_mapping_before_the_summary(
    tmp_path: Path, store: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path / "responses.csv",
        [GOOGLE_HEADINGS,
         ["2026/03/16 8:24:52 PM GMT", "a@example.org", "Extra Mile", "Ann Lee", "Bo", CITATION]],
    )  # fmt: skip
    store.close()
    for extra in (["--dry-run"], []):
        assert cli(["import", "nominations", str(round_path), str(path), *extra]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[0].startswith("Read responses.csv as a Google Forms export")
        mapping = out.index("Columns used (field <- column heading):")
        assert any(line.split() == ["Nominee", "<-", '"Nominee\'s', 'full', 'name"']
                   for line in out[mapping:])  # fmt: skip
        summary = next(i for i, line in enumerate(out) if "nomination(s)" in line)
        assert summary > mapping


def test_csx_admin_import_votes_prints_its_columns(
    tmp_path: Path, store: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "Xentrall Shared Services"
    store.nominations.add(
        Nomination(
            category_id=int(store.round.category_named(SHINING_STAR).id or 0),
            nominee="Ann Lee",
            citation="",
            nominating_body=body,
        )
    )
    store.close()
    path = write_csv(
        tmp_path / "votes.csv",
        [["Timestamp", "Email address", "Your Shining Star vote"],
         ["16/03/2026 10:00", "a@example.org", "Ann Lee"]],
    )  # fmt: skip
    assert cli(["import", "votes", str(round_path), str(path)]) == 0
    out = capsys.readouterr().out
    assert 'Voter        <- "Email address"' in out
    assert (
        'Time of vote <- "Timestamp" (dates read day first (16/03/2026 in row 2 shows it))' in out
    )


# ---- what the file cannot give, and what must not be in a name ------------------------------


def test_a_formula_with_no_saved_result_is_a_row_problem(tmp_path: Path, store: Store) -> None:
    path = write_xlsx(
        tmp_path / "f.xlsx",
        [
            ["Award", "Nominee", "Why do they deserve it?"],
            ["Extra Mile", "Ann Lee", CITATION],
            ["Extra Mile", '=CONCAT("Cy", " Twomey")', CITATION],
        ],
    )
    report = import_nominations(store, path)
    assert not report.committed
    assert [e.row for e in report.rejected] == [3]
    assert "formula" in report.rejected[0].reason


def test_control_characters_are_removed_from_names_and_voter_keys(
    tmp_path: Path, store: Store
) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        [
            ["Award", "Nominee", "Why do they deserve it?"],
            ["Extra Mile", "Ann\x00 Lee\u202e", CITATION],
        ],
    )
    import_nominations(store, path)
    assert [n.nominee for n in nominations(store)] == ["Ann Lee"]
    votes = write_csv(
        tmp_path / "v.csv",
        [["Email", "Vote"], ["a@example.org", "Ann Lee"], ["a@exa\x00mple.org", "Ann Lee"]],
    )
    keys = {b.voter_key for b in read_vote_export(votes).ballots}
    assert keys == {"a@example.org"}


def test_a_windows_1252_file_says_how_it_was_read(
    tmp_path: Path, store: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_csv(
        tmp_path / "excel.csv",
        [["Award", "Nominee", "Why do they deserve it?"], [EXTRA_MILE, "Zoë Siobhán", CITATION]],
        encoding="cp1252",
    )
    store.close()
    assert cli(["import", "nominations", str(round_path), str(path)]) == 0
    assert "Windows-1252" in capsys.readouterr().out
    with Store.open(round_path) as reopened:
        assert [n.nominee for n in nominations(reopened)] == ["Zoë Siobhán"]
