"""csx-admin entries, nominations, template nominations and the tidying commands."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination
from csx_desktop.domain.rubric import CATEGORY_NAMES, EXTRA_MILE, TEAM
from csx_desktop.store import Store


@pytest.fixture
def filled(store: Store, round_path: Path) -> Path:
    """A round with a team, a nominee nominated twice under two spellings, and a duplicate."""

    def add(category: str, nominee: str, **fields: object) -> None:
        store.nominations.add(
            Nomination(
                category_id=int(store.round.category_named(category).id or 0),
                nominee=nominee,
                citation="They answered every call. Every one. Really.",
                received_at=datetime(2026, 3, 16, 9, 0, tzinfo=UTC),
                **fields,  # type: ignore[arg-type]
            )
        )

    add(TEAM, "Thornaby Hub Team", team_members=("Ann Lee", "Zoë Whitfield"), service="Hubs")
    add(EXTRA_MILE, "Siobhán O'Neill", service="Libraries")
    add(EXTRA_MILE, "siobhán o'neill", service="Libraries")
    add(EXTRA_MILE, "Siobhan ONeill", service="Libraries")
    store.close()
    return round_path


def test_entries_json_has_the_documented_shape(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["entries", str(filled), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 3
    for item in data:
        assert isinstance(item["id"], int) and isinstance(item["nominations"], int)
        assert item["category"] in CATEGORY_NAMES
        assert isinstance(item["team_members"], list)
        assert {"nominee", "service", "nominating_body", "status"} <= set(item)
    by_name = {item["nominee"]: item for item in data}
    assert by_name["Siobhán O'Neill"]["nominations"] == 2
    assert by_name["Siobhan ONeill"]["team_members"] == []
    assert by_name["Thornaby Hub Team"]["team_members"] == ["Ann Lee", "Zoë Whitfield"]


def test_entries_csv_and_table(filled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["entries", str(filled), "--format", "csv", "--category", "extra mile"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0][:3] == ["id", "category", "nominee"]
    assert len(rows) == 3 and {r[1] for r in rows[1:]} == {EXTRA_MILE}
    assert main(["entries", str(filled)]) == 0
    assert "Thornaby Hub Team" in capsys.readouterr().out


def test_merge_withdraw_reinstate_from_the_command_line(
    filled: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(filled) as store:
        ids = {e.nominee: e.id for e in store.nominations.entries()}
    keep, dup = ids["Siobhán O'Neill"], ids["Siobhan ONeill"]
    assert main(["merge", str(filled), str(keep), str(dup), "--reason", "same person"]) == 0
    assert "3 nominations" in capsys.readouterr().out
    assert main(["merge", str(filled), str(keep), str(dup)]) == 1
    assert "already been merged" in capsys.readouterr().err
    assert main(["nominations", str(filled), "--entry", str(keep), "--format", "json"]) == 0
    nominations = json.loads(capsys.readouterr().out)
    assert len(nominations) == 3
    first = str(nominations[0]["id"])
    assert main(["ineligible", str(filled), first, "--reason", "agency worker"]) == 0
    assert main(["withdraw", str(filled), first]) == 0
    assert main(["reinstate", str(filled), first]) == 0
    assert "eligible" in capsys.readouterr().out
    with pytest.raises(SystemExit) as usage:
        main(["ineligible", str(filled), first])  # the reason is required
    assert usage.value.code == 2
    assert main(["move", str(filled), first, "team"]) == 0
    assert (
        main(["split", str(filled), str(keep), str(nominations[1]["id"]), "--name", "S. O'Neill"])
        == 0
    )
    assert "New entry" in capsys.readouterr().out
    with Store.open(filled) as store:
        assert any(r["action"] == "merge" for r in store.audit_log())
        assert len(store.nominations.entries(include_inactive=True)) == 5


def test_template_command_writes_xlsx_and_csv_with_the_rounds_own_categories(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], store: Store, round_path: Path
) -> None:
    from openpyxl import load_workbook

    from csx_desktop.io.tables import read_table

    store.round.add_nominating_body("Community Wellbeing Services")
    assert main(["template", "nominations", str(round_path), str(tmp_path / "t.xlsx")]) == 0
    assert main(["template", "nominations", str(round_path), str(tmp_path / "t.csv")]) == 0
    for name in ("t.xlsx", "t.csv"):
        table = read_table(tmp_path / name)
        assert table.rows[0][0] == "Category" and str(table.rows[1][0]).startswith("Required")
    # The same lists the window writes: the round's bodies, not the seed list.
    book = load_workbook(tmp_path / "t.xlsx")
    words = {str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert any("Community Wellbeing Services" in w for w in words)
    assert main(["template", "nominations", str(round_path), str(tmp_path / "no" / "t.xlsx")]) == 1
    assert "does not exist" in capsys.readouterr().err
