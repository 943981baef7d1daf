"""The round file: migrations, pragmas, refusing what is not a round, backups."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from csx_desktop.domain.model import PanelGroup
from csx_desktop.store import RoundFileError, Store
from csx_desktop.store.database import APPLICATION_ID, RoundFileCheck
from csx_desktop.store.migrations import known_migrations

EXPECTED_TABLES = {
    "round_settings": {"key", "value"},
    "categories": {
        "id",
        "name",
        "method",
        "nominee_kind",
        "description",
        "recognition",
        "position",
    },
    "criteria": {
        "id",
        "category_id",
        "name",
        "description",
        "descriptors",
        "weight",
        "max_score",
        "position",
    },
    "nominating_bodies": {"id", "name", "position"},
    "entries": {
        "id",
        "category_id",
        "nominee",
        "match_key",
        "kind",
        "team_members",
        "service",
        "nominating_body",
        "status",
        "status_reason",
        "merged_into",
        "created_at",
    },
    "nominations": {
        "id",
        "entry_id",
        "category_id",
        "nominee",
        "team_members",
        "service",
        "nominating_body",
        "nominator_name",
        "nominator_email",
        "relationship",
        "citation",
        "received_at",
        "source",
        "response_id",
        "status",
        "status_reason",
        "created_at",
    },
    "imports": {
        "id",
        "kind",
        "file_name",
        "file_sha256",
        "format",
        "stored",
        "rejected",
        "imported_by",
        "imported_at",
    },
    "panel_members": {
        "id",
        "name",
        "name_key",
        "panel_group",
        "pin_hash",
        "is_chair",
        "active",
        "failed_sign_ins",
        "last_failed_at",
        "created_at",
    },
    "member_categories": {"member_id", "category_id", "interests_confirmed_at", "submitted_at"},
    "interests": {"id", "member_id", "entry_id", "kind", "note", "declared_by", "declared_at"},
    "scoresheets": {"member_id", "entry_id", "comment", "updated_at"},
    "scores": {"member_id", "entry_id", "criterion_id", "score", "updated_at"},
    "decisions": {
        "id",
        "category_id",
        "reason",
        "recorded_by",
        "recorded_at",
        "reopened_by",
        "reopened_at",
        "reopen_reason",
    },
    "decision_entries": {"decision_id", "entry_id", "level"},
    "ballots": {
        "id",
        "source",
        "source_row",
        "response_id",
        "voter_key",
        "choice",
        "entry_id",
        "cast_at",
        "status",
        "reason",
        "imported_at",
    },
    "paper_votes": {"id", "entry_id", "count", "counted_by", "note", "recorded_at"},
    "audit": {"id", "at", "actor", "action", "entity", "entity_id", "before", "after"},
}


def test_migrating_a_blank_file_gives_every_table_and_column(store: Store) -> None:
    for table, columns in EXPECTED_TABLES.items():
        assert set(store.db.table(table).columns_dict) >= columns, table
    assert store.schema_version() == len(known_migrations())


def test_pragmas_for_data_safety(store: Store) -> None:
    db = store.db
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_new_round_has_the_seed_categories_and_default_rubrics(store: Store) -> None:
    categories = store.round.categories()
    assert [c.name for c in categories] == [
        "Pride of Stockton",
        "Extra Mile",
        "Team",
        "Shining Star",
    ]
    shining_star = categories[-1]
    assert str(shining_star.method) == "staff vote" and shining_star.criteria == ()
    for category in categories[:3]:
        assert str(category.method) == "panel"
        assert len(category.criteria) >= 3
        for criterion in category.criteria:
            assert criterion.max_score == 5 and criterion.weight == 1
            assert len(criterion.descriptors) == 6  # one per point, 0..5
    assert categories[2].nominee_kind.value == "team"
    assert "Xentrall Shared Services" in store.round.nominating_bodies()


def test_reopening_keeps_everything(round_path: Path, store: Store) -> None:
    store.round.update_settings(min_judges=3)
    store.close()
    with Store.open(round_path) as again:
        assert again.round.settings().min_judges == 3
        assert again.round.settings().name == "Customer Service Awards 2026"


def test_file_from_a_newer_version_is_refused_and_left_byte_identical(
    round_path: Path, store: Store
) -> None:
    store.db.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
        " VALUES ('csx_desktop', 'm999_from_the_future', '2030-01-01')"
    )
    store.db.conn.commit()
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    before = round_path.read_bytes()
    with pytest.raises(RoundFileError, match="newer version"):
        Store.open(round_path)
    assert round_path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Dear panel, here are the nominations...", "not an SQLite database"),
        (b"", "is empty"),
        (b"%PDF-1.7\n" + b"\x00" * 200, "not an SQLite database"),
    ],
)
def test_a_file_that_is_not_a_round_gets_one_clear_message(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "renamed.csxawards"
    path.write_bytes(content)
    with pytest.raises(RoundFileError, match=message):
        Store.open(path)
    assert path.read_bytes() == content


def _another_apps_database(tmp_path: Path) -> Path:
    """An SQLite file that is not a round, named like one."""
    path = tmp_path / "other.csxawards"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return path


def test_another_sqlite_database_is_not_taken_for_a_round(tmp_path: Path) -> None:
    path = _another_apps_database(tmp_path)
    before = path.read_bytes()
    with pytest.raises(RoundFileError, match="not a CSX Desktop awards round"):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(RoundFileError, match="no round file"):
        Store.open(tmp_path / "nowhere.csxawards")


def test_a_check_started_early_refuses_what_the_open_would(tmp_path: Path) -> None:
    """The window checks the file on a thread while Qt loads; the refusal is the same."""
    path = _another_apps_database(tmp_path)
    check = RoundFileCheck.start(path)
    with pytest.raises(RoundFileError, match="not a CSX Desktop awards round"):
        Store.open(path, check=check)
    missing = RoundFileCheck.start(tmp_path / "nowhere.csxawards")
    with pytest.raises(RoundFileError, match="no round file"):
        Store.open(tmp_path / "nowhere.csxawards", check=missing)


def test_a_check_of_another_file_is_not_taken_for_this_one(
    tmp_path: Path, round_path: Path, store: Store
) -> None:
    store.close()
    elsewhere = RoundFileCheck.start(tmp_path / "nowhere.csxawards")
    with Store.open(round_path, check=elsewhere) as reopened:  # checks round_path itself
        assert reopened.round.settings().name == "Customer Service Awards 2026"


def test_opening_a_round_for_sign_in_does_not_load_sqlite_utils(
    round_path: Path, store: Store
) -> None:
    """Start-up reads with plain sqlite3; sqlite-utils (0.14 s to import) loads on first write."""
    store.panel.add_member("Ann Lee", PanelGroup.OFFICER, [], pin="123456")
    store.close()
    script = f"""
import sys
from csx_desktop.store import Store
store = Store.open({str(round_path)!r})
store.round.settings(); store.panel.members(); store.round.categories()
assert "sqlite_utils" not in sys.modules, "imported while opening"
with store.write():
    store.audit("test", "round")
assert "sqlite_utils" in sys.modules
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_create_refuses_to_overwrite(round_path: Path, store: Store) -> None:
    with pytest.raises(RoundFileError, match="already exists"):
        Store.create(round_path, name="Again", year=2026)


def test_an_older_file_is_copied_aside_then_migrated_with_its_data(tmp_path: Path) -> None:
    """A round written before the per-sheet sums (m002) opens, is copied aside first, and its
    existing scores are summed into the new columns (and m003 gives each sheet its category)."""
    from sqlite_utils import Database

    from csx_desktop.store.migrations import migration_set

    path = tmp_path / "old.csxawards"
    db = Database(path, execute_plugins=False)
    migration_set().apply(db, stop_before="m002_sheet_sums")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    # A whole round of that version: it has its name and year (a half-made one is refused).
    db.execute(
        "INSERT INTO round_settings (key, value) VALUES ('name', '\"Old round\"'), ('year', '2025')"
    )
    db.execute(
        "INSERT INTO categories (id, name, method, nominee_kind) VALUES (1, 'Team', 'panel', 'team')"
    )
    db.execute(
        "INSERT INTO criteria (id, category_id, name, weight) VALUES (1, 1, 'A', 2), (2, 1, 'B', 1)"
    )
    db.execute(
        "INSERT INTO entries (id, category_id, nominee, match_key, created_at) VALUES (1, 1, 'T', 't', 'x')"
    )
    db.execute(
        "INSERT INTO panel_members (id, name, name_key, panel_group, created_at) VALUES (1, 'M', 'm', 'officer', 'x')"
    )
    db.execute("INSERT INTO scoresheets (member_id, entry_id, updated_at) VALUES (1, 1, 'x')")
    db.execute("INSERT INTO scores VALUES (1, 1, 1, 4, 'x'), (1, 1, 2, 3, 'x')")
    db.conn.commit()
    db.close()

    with Store.open(path) as store:
        assert store.schema_version() == len(known_migrations())
        row = store.db.execute("SELECT weighted_sum, scored FROM scoresheets").fetchone()
        assert row == (11.0, 2)  # 2 x 4 + 1 x 3
        # The triggers keep the sums from now on.
        store.db.execute("UPDATE scores SET score = 5 WHERE criterion_id = 2")
        assert store.db.execute("SELECT weighted_sum FROM scoresheets").fetchone()[0] == 13.0
        # m003: the sheet knows its entry's category, and so does every new sheet.
        assert store.db.execute("SELECT category_id FROM scoresheets").fetchone()[0] == 1
        store.db.execute(
            "INSERT INTO panel_members (id, name, name_key, panel_group, created_at)"
            " VALUES (2, 'N', 'n', 'catalyst', 'x')"
        )
        store.db.execute(
            "INSERT INTO scoresheets (member_id, entry_id, updated_at) VALUES (2, 1, 'x')"
        )
        assert [r[0] for r in store.db.execute("SELECT category_id FROM scoresheets")] == [1, 1]
    backups = list(tmp_path.glob("old.csxawards.before-migration-1.bak"))
    assert len(backups) == 1
    # The copy is the round as it was: whole, with only the first migration applied.
    copy = sqlite3.connect(backups[0])
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert copy.execute("SELECT name FROM _sqlite_migrations").fetchall() == [("m001_initial",)]
    assert copy.execute("SELECT count(*) FROM scores").fetchone()[0] == 2
    copy.close()


def test_opening_an_up_to_date_file_makes_no_copy(round_path: Path, store: Store) -> None:
    store.close()
    with Store.open(round_path):
        pass
    assert not list(round_path.parent.glob("*.bak"))


def test_backup_is_a_complete_round(tmp_path: Path, store: Store) -> None:
    store.round.update_settings(min_judges=4)
    dest = store.backup(tmp_path / "copy.csxawards")
    with Store.open(dest) as copy:
        assert copy.round.settings().min_judges == 4
        assert copy.integrity() == "ok"
    with pytest.raises(RoundFileError, match="already exists"):
        store.backup(dest)


def test_every_write_leaves_an_audit_row(store: Store) -> None:
    before = len(store.audit_log())
    store.round.update_settings(disagreement_threshold=25.0)
    log = store.audit_log()
    assert len(log) == before + 1
    assert log[0]["action"] == "change settings"
    assert '"disagreement_threshold": 25.0' in log[0]["after"]


def test_a_risky_operation_is_preceded_by_a_backup_and_only_the_newest_are_kept(
    round_path: Path, store: Store
) -> None:
    from csx_desktop.domain.model import Nomination
    from csx_desktop.store.database import KEEP_SAFETY_BACKUPS

    pride = store.round.category_named("Pride of Stockton").id
    assert pride is not None
    first = store.nominations.add(Nomination(pride, "Zoe Whitfield", "Ran the hub."))
    second = store.nominations.add(Nomination(pride, "Zoë Whitfield", "Stayed late."))
    assert first.entry_id != second.entry_id and first.entry_id and second.entry_id
    store.nominations.merge(first.entry_id, [second.entry_id])
    folder = round_path.with_name("awards backups")
    copies = sorted(folder.glob("*before merging-entries.csxawards"))
    assert len(copies) == 1
    with Store.open(copies[0]) as before:  # the round as it was just before the merge
        assert len(before.nominations.entries(pride)) == 2
    for _ in range(KEEP_SAFETY_BACKUPS + 3):
        store.safety_backup("testing")
    assert len(list(folder.glob("*.csxawards"))) == KEEP_SAFETY_BACKUPS


def test_a_round_in_memory_makes_no_backup() -> None:
    assert Store.memory().safety_backup("anything") is None


def test_no_backup_is_attempted_inside_an_open_transaction(store: Store) -> None:
    with store.write():
        assert store.safety_backup("inside") is None


def test_a_sheet_follows_its_entry_if_the_entry_changes_category(store: Store) -> None:
    """The category copied onto each scoresheet (m003) cannot go stale."""
    db = store.db
    categories = [c.id for c in store.round.categories() if c.is_panel_scored]
    db.execute(
        "INSERT INTO entries (id, category_id, nominee, match_key, created_at)"
        " VALUES (1, ?, 'T', 't', 'x')",
        [categories[0]],
    )
    db.execute(
        "INSERT INTO panel_members (id, name, name_key, panel_group, created_at)"
        " VALUES (1, 'M', 'm', 'officer', 'x')"
    )
    db.execute("INSERT INTO scoresheets (member_id, entry_id, updated_at) VALUES (1, 1, 'x')")
    assert db.execute("SELECT category_id FROM scoresheets").fetchone()[0] == categories[0]
    db.execute("UPDATE entries SET category_id = ? WHERE id = 1", [categories[1]])
    assert db.execute("SELECT category_id FROM scoresheets").fetchone()[0] == categories[1]
