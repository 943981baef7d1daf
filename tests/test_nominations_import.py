"""Importing nominations exports: each form tool's shape, the mapping, row errors, all-or-nothing.

The fixtures are built here with openpyxl and csv the way each tool writes its export, with
the names that break careless code (Zoë, Siobhán, Nguyễn Thị, O'Neill) and multi-line
citations.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csx_desktop.cli.main import main as cli
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON
from csx_desktop.io.dates import DateOrderConflict
from csx_desktop.io.nomination_formats import (
    FormatKind,
    apply_overrides,
    classify,
    detect_layout,
)
from csx_desktop.io.nomination_import import (
    ImportPlan,
    import_nominations,
    parse_rows,
    prepare_import,
    run_import,
)
from csx_desktop.io.nomination_template import write_template
from csx_desktop.io.tables import RawTable
from csx_desktop.store import CsxError, InputRefused, Store

ZOE_CITATION = (
    "Zoë rewrote the discharge letters with the families who read them.\n\n"
    "She calls every family the day after they get home."
)

# ---- building exports the way each tool writes them ------------------------------------

MS_HEADERS = [
    "ID",
    "Start time",
    "Completion time",
    "Email",
    "Name",
    "Last modified time",
    "Which award are you nominating for?",
    "Name of the person or team you are nominating",
    "Which service do they work in?",
    "Team members (Team award only)",
    "Nominating body (Shining Star only)",
    "Name2",
    "Your relationship to the nominee",
    "Why do they deserve this award?",
]


def ms_row(
    number: int,
    award: str,
    nominee: str,
    citation: str = "A fine example. They helped. Truly.",
    *,
    members: str = "",
    body: str = "",
    nominator: str = "Siobhán O'Neill",
    email: str = "anonymous",
) -> list[Any]:
    at = datetime(2026, 3, 16, 9, number % 60)
    return [number, at, at, email, "", None, award, nominee, "Housing Options", members, body,
            nominator, "colleague", citation]  # fmt: skip


def write_ms_forms(path: Path, rows: list[list[Any]], headers: list[str] = MS_HEADERS) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


MS_ROWS = [
    ms_row(1, "Pride of Stockton Award;", "Zoë Whitfield", ZOE_CITATION),
    ms_row(2, "the extra mile;", "Nguyễn Thị Minh Khai", nominator="Owen Marsh"),
    ms_row(3, "Pride of Stockton;", "zoë  whitfield", "Also brilliant.\nTwice over."),
    ms_row(4, "TEAM AWARD;", "Thornaby Hub Team", members="Ann Lee\nBob O'Neill; Cy Twomey"),
    ms_row(5, "Shining Star;", "Łukasz Nowak", body="Xentrall Shared Services"),
]


def write_google(path: Path, rows: list[list[str]]) -> Path:
    headers = [
        "Timestamp",
        "Email address",
        "Which category are you nominating for?",
        "Nominee's full name",
        "Nominee's service",
        "Your name",
        "How do you know the nominee?",
        "Please tell us why they deserve to win",
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


GOOGLE_ROWS = [
    ["2026/03/16 8:24:52 PM GMT", "owen@example.org", "Extra Mile", "Siobhán O'Neill",
     "Libraries", "Owen Marsh", "Colleague", "She opened the library\non Sundays."],
    ["2026/03/17 9:01:00 AM GMT", "ruth@example.org", "Pride of Stockton", "Zoë Whitfield",
     "Housing", "Ruth Akintola", "Customer", "She listened. She acted. She followed up."],
]  # fmt: skip


def write_surveymonkey(path: Path, rows: list[list[str]], *, xlsx: bool = False) -> Path:
    first = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address",
             "Email Address", "First Name", "Last Name", "Custom Data 1",
             "Which award are you nominating for?", "Who are you nominating?", "",
             "Your name", "Why should they win?"]  # fmt: skip
    second = ["", "", "", "", "", "", "", "", "", "Response", "Name", "Department",
              "Open-Ended Response", "Open-Ended Response"]  # fmt: skip
    if xlsx:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        for row in [first, second, *rows]:
            sheet.append(row)
        workbook.save(path)
    else:
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerows([first, second, *rows])
    return path


SM_ROWS = [
    ["11800000001", "4000001", "03/16/2026 08:00:00 PM", "03/16/2026 08:24:52 PM", "81.2.69.160",
     "", "", "", "", "Extra Mile", "Nguyễn Thị Minh Khai", "Adult Social Care", "Ruth Akintola",
     "Stayed late\nevery night of the floods."],
    ["11800000002", "4000001", "03/17/2026 10:00:00 AM", "03/17/2026 10:05:00 AM", "81.2.69.161",
     "", "", "", "", "Team", "Waste Crew B", "Waste and Recycling", "Ivy Grainger",
     "Never missed a bin in the snow. Not one. Really."],
]  # fmt: skip


def entries_by_name(store: Store) -> dict[str, Any]:
    return {e.nominee: e for e in store.nominations.entries()}


# ---- formats and mapping -----------------------------------------------------------------


def test_microsoft_forms_export_is_recognised_and_mapped(tmp_path: Path) -> None:
    plan = prepare_import(write_ms_forms(tmp_path / "Form1.xlsx", MS_ROWS))
    assert plan.layout.kind is FormatKind.MICROSOFT_FORMS
    header = {key: plan.layout.header(index) for key, index in plan.mapping.items()}
    assert header == {
        "category": "Which award are you nominating for?",
        "nominee": "Name of the person or team you are nominating",
        "team_members": "Team members (Team award only)",
        "service": "Which service do they work in?",
        "nominating_body": "Nominating body (Shining Star only)",
        "nominator_name": "Name2",
        "nominator_email": "Email",
        "relationship": "Your relationship to the nominee",
        "citation": "Why do they deserve this award?",
        "received_at": "Completion time",
        "response_id": "ID",
    }


def test_google_forms_csv_is_recognised_and_mapped(tmp_path: Path) -> None:
    plan = prepare_import(write_google(tmp_path / "responses.csv", GOOGLE_ROWS))
    assert plan.layout.kind is FormatKind.GOOGLE_FORMS
    header = {k: plan.layout.header(v) for k, v in plan.mapping.items() if v is not None}
    assert header == {
        "received_at": "Timestamp",
        "nominator_email": "Email address",
        "category": "Which category are you nominating for?",
        "nominee": "Nominee's full name",
        "service": "Nominee's service",
        "nominator_name": "Your name",
        "relationship": "How do you know the nominee?",
        "citation": "Please tell us why they deserve to win",
    }


@pytest.mark.parametrize("xlsx", [False, True], ids=["csv", "xlsx"])
def test_surveymonkey_two_header_rows_and_sub_columns(tmp_path: Path, xlsx: bool) -> None:
    name = "sm.xlsx" if xlsx else "sm.csv"
    plan = prepare_import(write_surveymonkey(tmp_path / name, SM_ROWS, xlsx=xlsx))
    assert plan.layout.kind is FormatKind.SURVEYMONKEY
    assert plan.layout.first_data_row == 3
    header = {k: plan.layout.header(v) for k, v in plan.mapping.items() if v is not None}
    assert header == {
        "response_id": "Respondent ID",
        "received_at": "End Date",
        "nominator_email": "Email Address",
        "category": "Which award are you nominating for?",
        "nominee": "Who are you nominating? — Name",
        "service": "Who are you nominating? — Department",
        "nominator_name": "Your name",
        "citation": "Why should they win?",
    }


def test_the_template_round_trips_with_its_notes_row(tmp_path: Path, store: Store) -> None:
    from openpyxl import load_workbook

    path = write_template(tmp_path / "template.xlsx")
    workbook = load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet.append(["Team", "Thornaby Hub Team", "Ann Lee; Bob O'Neill", "Customer Services", "",
                  "Zoë Whitfield", "zoe@example.org", "customer", "They answered every call.",
                  "16/03/2026 14:30", ""])  # fmt: skip
    workbook.save(path)
    plan = prepare_import(path)
    assert plan.layout.kind is FormatKind.TEMPLATE
    assert plan.layout.first_data_row == 3  # the notes row is not a nomination
    report = run_import(store, plan)
    assert report.committed and report.stored == 1
    (entry,) = store.nominations.entries()
    assert entry.team_members == ("Ann Lee", "Bob O'Neill")
    (nomination,) = store.nominations.nominations_for(entry.id or 0)
    assert nomination.received_at == datetime(2026, 3, 16, 14, 30, tzinfo=UTC)


def test_csv_template_has_a_header_and_a_notes_row(tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.csv")
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    assert rows[0][:3] == ["Category", "Nominee", "Team members"]
    assert rows[1][0].startswith("Required.")
    with pytest.raises(InputRefused, match=r"\.xlsx.*\.csv"):
        write_template(tmp_path / "template.ods")


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Which award are you nominating for?", "category"),
        ("Why do they deserve this award?", "citation"),
        ("Your relationship to the nominee", "relationship"),
        ("Team name (Team award only)", "nominee"),
        ("Who would you like to nominate?", "nominee"),
        ("Which service does the nominee work in?", "service"),
        ("Your email address", "nominator_email"),
        ("Your full name", "nominator_name"),
        ("Please describe what they did", "citation"),
        ("Names of the team members", "team_members"),
        ("Which Service Director is nominating?", "nominating_body"),
    ],
)
def test_typical_question_wording_is_recognised(header: str, field: str) -> None:
    found = classify(header)
    assert found is not None and found[0] == field


def test_unmapped_columns_like_ip_addresses_are_never_classified() -> None:
    for header in ("IP Address", "Start time", "Collector ID", "Last modified time", "Lunch?"):
        assert classify(header) is None


def test_map_overrides_a_field_or_leaves_it_out(tmp_path: Path) -> None:
    plan = prepare_import(write_ms_forms(tmp_path / "f.xlsx", MS_ROWS))
    mapping = apply_overrides(
        plan.layout, plan.mapping, ["nominator_name=Name", "relationship=", "service=email"]
    )
    assert plan.layout.header(mapping["nominator_name"]) == "Name"
    assert mapping["relationship"] is None
    assert plan.layout.header(mapping["service"]) == "Email"  # matched ignoring case
    with pytest.raises(InputRefused, match="no column headed"):
        apply_overrides(plan.layout, plan.mapping, ["citation=Nope"])
    with pytest.raises(InputRefused, match="FIELD=HEADER"):
        apply_overrides(plan.layout, plan.mapping, ["colour=Why"])


# ---- importing ---------------------------------------------------------------------------


def test_ms_forms_import_groups_entries_and_keeps_names_and_lines(
    tmp_path: Path, store: Store
) -> None:
    report = import_nominations(store, write_ms_forms(tmp_path / "f.xlsx", MS_ROWS))
    assert report.committed and report.stored == 5 and report.rejected == []
    assert (report.entries, report.new_entries) == (4, 4)
    entries = entries_by_name(store)
    zoe = entries["Zoë Whitfield"]
    assert zoe.nomination_count == 2  # "zoë  whitfield" joins the first spelling
    citations = [n.citation for n in store.nominations.nominations_for(zoe.id or 0)]
    assert citations == [ZOE_CITATION, "Also brilliant.\nTwice over."]
    assert entries["Thornaby Hub Team"].team_members == ("Ann Lee", "Bob O'Neill", "Cy Twomey")
    assert entries["Łukasz Nowak"].nominating_body == "Xentrall Shared Services"
    assert store.round.category(entries["Nguyễn Thị Minh Khai"].category_id).name == EXTRA_MILE
    nomination = store.nominations.nominations_for(zoe.id or 0)[0]
    assert nomination.nominator_name == "Siobhán O'Neill"
    assert nomination.nominator_email == ""  # "anonymous" is not an address
    assert nomination.received_at == datetime(2026, 3, 16, 9, 1, tzinfo=UTC)
    assert nomination.response_id == "1"


def test_google_and_surveymonkey_imports(tmp_path: Path, store: Store) -> None:
    google = import_nominations(store, write_google(tmp_path / "g.csv", GOOGLE_ROWS))
    monkey = import_nominations(store, write_surveymonkey(tmp_path / "s.csv", SM_ROWS))
    assert google.stored == 2 and monkey.stored == 2
    entries = entries_by_name(store)
    siobhan = store.nominations.nominations_for(entries["Siobhán O'Neill"].id or 0)[0]
    assert siobhan.received_at == datetime(2026, 3, 16, 20, 24, 52, tzinfo=UTC)
    assert siobhan.citation == "She opened the library\non Sundays."
    nguyen = store.nominations.nominations_for(entries["Nguyễn Thị Minh Khai"].id or 0)[0]
    assert nguyen.received_at == datetime(2026, 3, 16, 20, 24, 52, tzinfo=UTC)  # month first
    assert nguyen.service == "Adult Social Care"
    assert entries["Waste Crew B"].kind.value == "team"


def test_data_minimisation_unmapped_columns_are_not_stored(
    tmp_path: Path, store: Store, round_path: Path
) -> None:
    import_nominations(store, write_surveymonkey(tmp_path / "s.csv", SM_ROWS))
    store.close()
    data = round_path.read_bytes() + (
        round_path.with_name(round_path.name + "-wal").read_bytes()
        if round_path.with_name(round_path.name + "-wal").exists()
        else b""
    )
    assert b"81.2.69.160" not in data and b"4000001" not in data
    assert b"Stayed late" in data


def test_row_numbers_in_errors_are_the_ones_the_user_sees(tmp_path: Path, store: Store) -> None:
    rows = [*MS_ROWS]
    rows.insert(1, [None] * len(MS_HEADERS))  # a blank row 3 keeps its number
    rows.append(ms_row(6, "Best Boss Award", "Ivy Grainger"))  # row 8
    rows.append(ms_row(7, "Extra Mile", "  "))  # row 9
    rows.append(ms_row(8, "Extra Mile", "Ben Castleton", citation=""))  # row 10
    report = import_nominations(store, write_ms_forms(tmp_path / "f.xlsx", rows))
    assert not report.committed
    assert [str(e).split(":")[0] for e in report.rejected] == ["row 8", "row 9", "row 10"]
    assert "Best Boss Award" in report.rejected[0].reason
    assert "nominee's name is empty" in report.rejected[1].reason
    assert "citation is empty" in report.rejected[2].reason
    assert store.nominations.entries() == []
    sm = write_surveymonkey(
        tmp_path / "s.csv", [*SM_ROWS, [*SM_ROWS[0][:9], "Gold", "X", "", "", "Why"]]
    )
    sm_report = import_nominations(store, sm)
    assert [e.row for e in sm_report.rejected] == [5]  # two header rows: answers start at 3


def test_a_refused_import_leaves_the_round_file_byte_identical(
    tmp_path: Path, store: Store, round_path: Path
) -> None:
    store.close()
    before = round_path.read_bytes()
    rows = [*MS_ROWS, ms_row(9, "Extra Mile", "Ben Castleton", citation="")]
    export = write_ms_forms(tmp_path / "f.xlsx", rows)
    with Store.open(round_path) as again:
        report = import_nominations(again, export)
        dry = import_nominations(again, write_ms_forms(tmp_path / "ok.xlsx", MS_ROWS), dry_run=True)
    assert not report.committed and report.rejected
    assert dry.dry_run and not dry.committed and dry.stored == 5
    assert round_path.read_bytes() == before


def test_skip_invalid_stores_the_valid_rows_and_still_lists_the_rest(
    tmp_path: Path, store: Store
) -> None:
    rows = [*MS_ROWS, ms_row(9, "Extra Mile", "Ben Castleton", citation="")]
    report = import_nominations(store, write_ms_forms(tmp_path / "f.xlsx", rows), keep_valid=True)
    assert report.committed and report.stored == 5
    assert [e.row for e in report.rejected] == [7]
    (record,) = store.db.query("SELECT * FROM imports")
    assert (record["stored"], record["rejected"], record["format"]) == (5, 1, "Microsoft Forms")


def test_importing_the_same_export_twice_adds_nothing(tmp_path: Path, store: Store) -> None:
    first = import_nominations(store, write_ms_forms(tmp_path / "f.xlsx", MS_ROWS))
    # A later export of the same form: the same rows plus one new response.
    later = write_ms_forms(
        tmp_path / "f (1).xlsx", [*MS_ROWS, ms_row(6, "Extra Mile", "Ruth Akintola")]
    )
    second = import_nominations(store, later)
    assert first.stored == 5
    assert (second.stored, second.already_imported, second.new_entries) == (1, 5, 1)
    third = import_nominations(store, write_google(tmp_path / "g.csv", GOOGLE_ROWS))
    fourth = import_nominations(store, write_google(tmp_path / "g2.csv", GOOGLE_ROWS))
    assert (third.stored, fourth.stored, fourth.already_imported) == (2, 0, 2)
    assert store.counts()["nominations"] == 8


def test_a_second_shining_star_nomination_from_one_body_is_a_row_error(
    tmp_path: Path, store: Store
) -> None:
    rows = [
        ms_row(1, "Shining Star", "Łukasz Nowak", body="Xentrall Shared Services"),
        ms_row(2, "Shining Star", "Owen Marsh", body="xentrall shared services"),
        ms_row(3, "Shining Star", "Ivy Grainger"),
        ms_row(4, "Shining Star", "Ben Castleton", body="The Moon"),
    ]
    report = import_nominations(store, write_ms_forms(tmp_path / "f.xlsx", rows))
    assert not report.committed
    messages = {e.row: e.reason for e in report.rejected}
    assert set(messages) == {3, 4, 5}
    assert "already nominated Łukasz Nowak" in messages[3]
    assert "must name its nominating body" in messages[4]
    assert "not one of the nominating bodies" in messages[5]


def test_one_row_choosing_two_awards_becomes_two_nominations(tmp_path: Path, store: Store) -> None:
    rows = [ms_row(1, "Extra Mile;Pride of Stockton;", "Owen Marsh")]
    report = import_nominations(store, write_ms_forms(tmp_path / "f.xlsx", rows))
    assert report.stored == 2
    names = {store.round.category(e.category_id).name for e in store.nominations.entries()}
    assert names == {EXTRA_MILE, PRIDE_OF_STOCKTON}
    again = import_nominations(store, write_ms_forms(tmp_path / "f2.xlsx", rows))
    assert again.stored == 0 and again.already_imported == 2


def test_required_fields_must_be_mapped(tmp_path: Path, store: Store) -> None:
    headers = [*MS_HEADERS[:-1], "Anything else?"]
    plan = prepare_import(write_ms_forms(tmp_path / "f.xlsx", MS_ROWS, headers))
    assert plan.mapping["citation"] is None
    with pytest.raises(InputRefused, match="citation"):
        run_import(store, plan)
    mapping = apply_overrides(plan.layout, plan.mapping, ["citation=Anything else?"])
    assert run_import(store, plan, mapping).stored == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026/03/16 8:24:52 PM GMT", datetime(2026, 3, 16, 20, 24, 52, tzinfo=UTC)),
        ("2026/07/16 8:24:52 PM GMT+1", datetime(2026, 7, 16, 19, 24, 52, tzinfo=UTC)),
        ("2026-03-16T20:24:52+00:00", datetime(2026, 3, 16, 20, 24, 52, tzinfo=UTC)),
        ("16/03/2026 20:24", datetime(2026, 3, 16, 20, 24, tzinfo=UTC)),
        ("16/07/2026 10:30", datetime(2026, 7, 16, 9, 30, tzinfo=UTC)),  # UK summer time
        (datetime(2026, 7, 16, 10, 30), datetime(2026, 7, 16, 9, 30, tzinfo=UTC)),
        ("", None),
    ],
)
def test_received_times_become_aware_utc(text: str | datetime, expected: datetime | None) -> None:
    assert _received(text) == expected


def _received(cell: object) -> datetime | None:
    """The received time one row with this cell in its "Received" column is stored with."""
    table = RawTable(
        "t.csv",
        "csv",
        [["Award", "Nominee", "Why do they deserve it?", "Received"],
         ["Extra Mile", "Ann Lee", "They helped. Truly.", cell]],
    )  # fmt: skip
    from csx_desktop.io.nomination_formats import guess_mapping

    layout = detect_layout(table)
    plan = ImportPlan(Path("t.csv"), table, layout, guess_mapping(layout))
    with Store.memory() as store:
        parsed = parse_rows(plan, plan.mapping, store.round.categories())
    if parsed.errors:
        raise ValueError(parsed.errors[0].reason)
    return parsed.nominations[0].received_at


def test_unreadable_dates_are_refused() -> None:
    for text in ("next Tuesday", "31/31/2026", "1899-01-01"):
        with pytest.raises(ValueError):
            _received(text)


def test_a_file_that_is_not_a_spreadsheet_gets_one_clear_message(
    tmp_path: Path, store: Store
) -> None:
    pdf = tmp_path / "nominations.xlsx"
    pdf.write_bytes(b"%PDF-1.7 pretend")
    with pytest.raises(CsxError, match="PDF"):
        import_nominations(store, pdf)
    headers_only = write_ms_forms(tmp_path / "empty.xlsx", [])
    with pytest.raises(InputRefused, match="no answers"):
        import_nominations(store, headers_only)


# ---- junk never raises -------------------------------------------------------------------

_cells = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.sampled_from(["Extra Mile;", "Shining Star", "Team;Team;", "Xentrall", ";;", "GMT"]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_cells, min_size=0, max_size=16), min_size=1, max_size=8))
def test_junk_rows_never_raise_out_of_the_importer(rows: list[list[Any]]) -> None:
    table = RawTable("junk.xlsx", "xlsx", [list(MS_HEADERS), *rows])
    layout = detect_layout(table)
    from csx_desktop.io.nomination_formats import guess_mapping

    plan = ImportPlan(Path("junk.xlsx"), table, layout, guess_mapping(layout))
    with Store.memory() as store:
        try:
            parsed = parse_rows(
                plan, plan.mapping, store.round.categories(), store.round.nominating_bodies()
            )
        except DateOrderConflict:
            return  # junk dates written both ways: the whole file is refused, in words
        result = store.nominations.add_batch(parsed.nominations, keep_valid=True)
    numbered = {n for n, _ in table.numbered(2)}
    assert {e.row for e in parsed.errors} <= numbered
    assert len(result.stored) + len(result.refused) + len(result.already_imported) == len(
        parsed.nominations
    )


# ---- the command line --------------------------------------------------------------------


def test_cli_import_prints_the_summary_and_each_rejected_row(
    tmp_path: Path, store: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    rows = [*MS_ROWS, ms_row(9, "Gold", "Ben Castleton")]
    export = write_ms_forms(tmp_path / "f.xlsx", rows)
    assert cli(["import", "nominations", str(round_path), str(export)]) == 1
    out, err = capsys.readouterr()
    assert "Nothing was imported" in out and 'row 7: "Gold"' in out
    assert err.startswith("csx-admin: 1 row(s) have problems")
    assert cli(["import", "nominations", str(round_path), str(export), "--dry-run",
                "--skip-invalid"]) == 0  # fmt: skip
    assert "would be stored in 4 entries (4 new)" in capsys.readouterr().out
    assert cli(["import", "nominations", str(round_path), str(export), "--skip-invalid"]) == 0
    out = capsys.readouterr().out
    assert "stored 5 nomination(s) in 4 entries (4 new)" in out
    assert "Rows rejected: 1." in out and "row 7:" in out
    with Store.open(round_path) as again:
        assert again.counts()["nominations"] == 5


def test_cli_map_option_and_its_mistakes(
    tmp_path: Path, store: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    headers = [*MS_HEADERS[:-1], "Anything else?"]
    export = write_ms_forms(tmp_path / "f.xlsx", MS_ROWS, headers)
    assert cli(["import", "nominations", str(round_path), str(export)]) == 1
    assert "citation" in capsys.readouterr().err
    args = [
        "import",
        "nominations",
        str(round_path),
        str(export),
        "--map",
        "citation=Anything else?",
    ]
    assert cli(args) == 0
    assert "stored 5 nomination(s) in 4 entries" in capsys.readouterr().out
    with Store.open(round_path) as again:
        assert len(again.nominations.entries()) == 4
    assert cli([*args, "--map", "colour=Why"]) == 1
    assert "FIELD=HEADER" in capsys.readouterr().err
