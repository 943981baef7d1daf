"""The round file's schema, as numbered migrations in sqlite-utils' built-in ``Migrations``.

Rules: a migration is never edited once released; a change is a new function appended at the
end. The store copies the file aside before applying any to an existing round and refuses a
file that has a migration this version does not know (a newer CSX Desktop wrote it).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # sqlite-utils is imported only when a file needs migrating: opening an up-to-date round
    # at start-up must not pay for importing it (0.14 s, half a bare Qt window's start-up).
    from sqlite_utils import Database, Migrations

MIGRATION_SET = "csx_desktop"

# Every timestamp is ISO 8601 text in UTC ("2026-03-16T20:24:52+00:00"); lists are JSON text.
_INITIAL_SCHEMA = [
    """
    CREATE TABLE round_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL          -- JSON
    )
    """,
    """
    CREATE TABLE categories (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        method TEXT NOT NULL CHECK (method IN ('panel', 'staff vote')),
        nominee_kind TEXT NOT NULL CHECK (nominee_kind IN ('individual', 'team')),
        description TEXT NOT NULL DEFAULT '',
        recognition TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE criteria (
        id INTEGER PRIMARY KEY,
        category_id INTEGER NOT NULL REFERENCES categories(id),
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        descriptors TEXT NOT NULL DEFAULT '[]',
        weight REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
        max_score INTEGER NOT NULL DEFAULT 5 CHECK (max_score BETWEEN 1 AND 100),
        position INTEGER NOT NULL DEFAULT 0,
        UNIQUE (category_id, name)
    )
    """,
    """
    CREATE TABLE nominating_bodies (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        position INTEGER NOT NULL DEFAULT 0
    )
    """,
    """
    CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        category_id INTEGER NOT NULL REFERENCES categories(id),
        nominee TEXT NOT NULL,
        match_key TEXT NOT NULL,
        kind TEXT NOT NULL DEFAULT 'individual' CHECK (kind IN ('individual', 'team')),
        team_members TEXT NOT NULL DEFAULT '[]',
        service TEXT NOT NULL DEFAULT '',
        nominating_body TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active'
            CHECK (status IN ('active', 'merged', 'withdrawn', 'ineligible')),
        status_reason TEXT NOT NULL DEFAULT '',
        merged_into INTEGER REFERENCES entries(id),
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX entries_category ON entries(category_id, match_key)",
    """
    CREATE TABLE nominations (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        category_id INTEGER NOT NULL REFERENCES categories(id),
        nominee TEXT NOT NULL,
        team_members TEXT NOT NULL DEFAULT '[]',
        service TEXT NOT NULL DEFAULT '',
        nominating_body TEXT NOT NULL DEFAULT '',
        nominator_name TEXT NOT NULL DEFAULT '',
        nominator_email TEXT NOT NULL DEFAULT '',
        relationship TEXT NOT NULL DEFAULT '',
        citation TEXT NOT NULL DEFAULT '',
        received_at TEXT,
        source TEXT NOT NULL DEFAULT '',
        response_id TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'eligible'
            CHECK (status IN ('eligible', 'ineligible', 'withdrawn')),
        status_reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX nominations_entry ON nominations(entry_id)",
    # Re-importing the same export adds nothing: a response is known by its source and id.
    """
    CREATE UNIQUE INDEX nominations_source_response
        ON nominations(source, response_id) WHERE response_id <> ''
    """,
    """
    CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,              -- 'nominations', 'ballots', 'panel', 'scores', ...
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        format TEXT NOT NULL DEFAULT '',
        stored INTEGER NOT NULL DEFAULT 0,
        rejected INTEGER NOT NULL DEFAULT 0,
        imported_by TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE panel_members (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL UNIQUE,
        panel_group TEXT NOT NULL CHECK (panel_group IN ('catalyst', 'cse_assessor', 'officer')),
        pin_hash TEXT NOT NULL DEFAULT '',
        is_chair INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1,
        failed_sign_ins INTEGER NOT NULL DEFAULT 0,
        last_failed_at TEXT,
        created_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE member_categories (
        member_id INTEGER NOT NULL REFERENCES panel_members(id),
        category_id INTEGER NOT NULL REFERENCES categories(id),
        interests_confirmed_at TEXT,     -- the member answered "do you know any nominees?"
        submitted_at TEXT,               -- the member submitted this category
        PRIMARY KEY (member_id, category_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE interests (
        id INTEGER PRIMARY KEY,
        member_id INTEGER NOT NULL REFERENCES panel_members(id),
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        kind TEXT NOT NULL CHECK (kind IN ('personal', 'prejudicial', 'pecuniary')),
        note TEXT NOT NULL DEFAULT '',
        declared_by TEXT NOT NULL DEFAULT '',
        declared_at TEXT NOT NULL,
        UNIQUE (member_id, entry_id)
    )
    """,
    """
    CREATE TABLE scoresheets (
        member_id INTEGER NOT NULL REFERENCES panel_members(id),
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        comment TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (member_id, entry_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE scores (
        member_id INTEGER NOT NULL,
        entry_id INTEGER NOT NULL,
        criterion_id INTEGER NOT NULL REFERENCES criteria(id),
        score INTEGER NOT NULL CHECK (score >= 0),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (member_id, entry_id, criterion_id),
        FOREIGN KEY (member_id, entry_id) REFERENCES scoresheets(member_id, entry_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        category_id INTEGER NOT NULL REFERENCES categories(id),
        reason TEXT NOT NULL DEFAULT '',
        recorded_by TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        reopened_by TEXT,
        reopened_at TEXT,
        reopen_reason TEXT
    )
    """,
    # At most one standing (not reopened) decision per category.
    """
    CREATE UNIQUE INDEX decisions_standing ON decisions(category_id) WHERE reopened_at IS NULL
    """,
    """
    CREATE TABLE decision_entries (
        decision_id INTEGER NOT NULL REFERENCES decisions(id),
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        level TEXT NOT NULL CHECK (level IN ('winner', 'highly_commended')),
        PRIMARY KEY (decision_id, entry_id)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE ballots (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL DEFAULT '',
        source_row INTEGER NOT NULL DEFAULT 0,
        response_id TEXT NOT NULL DEFAULT '',
        voter_key TEXT NOT NULL DEFAULT '',
        choice TEXT NOT NULL DEFAULT '',
        entry_id INTEGER REFERENCES entries(id),
        cast_at TEXT,
        status TEXT NOT NULL CHECK (status IN ('valid', 'superseded', 'invalid')),
        reason TEXT NOT NULL DEFAULT '',
        imported_at TEXT NOT NULL,
        UNIQUE (source, source_row)
    )
    """,
    "CREATE INDEX ballots_voter ON ballots(voter_key)",
    """
    CREATE TABLE paper_votes (
        id INTEGER PRIMARY KEY,
        entry_id INTEGER NOT NULL REFERENCES entries(id),
        count INTEGER NOT NULL CHECK (count >= 0),
        counted_by TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT NOT NULL DEFAULT '',
        before TEXT,                     -- JSON, null when created
        after TEXT                       -- JSON, null when removed
    )
    """,
]


def m001_initial(db: Database) -> None:
    """The whole vocabulary of DESIGN.md: settings, categories to ballots, and the audit log."""
    for statement in _INITIAL_SCHEMA:
        db.execute(statement)


# Each sheet carries its running weighted sum and number of scored criteria, kept by triggers,
# so results read one row per sheet instead of summing every score (125,000 rows rather than
# 625,000 for the largest round in DESIGN.md). Weights cannot change once a category has a
# score (the rubric freezes), so a running sum stays exact.
_SHEET_SUMS = [
    "ALTER TABLE scoresheets ADD COLUMN weighted_sum REAL NOT NULL DEFAULT 0",
    "ALTER TABLE scoresheets ADD COLUMN scored INTEGER NOT NULL DEFAULT 0",
    """
    UPDATE scoresheets SET
        weighted_sum = coalesce((
            SELECT sum(c.weight * s.score) FROM scores s JOIN criteria c ON c.id = s.criterion_id
            WHERE s.member_id = scoresheets.member_id AND s.entry_id = scoresheets.entry_id), 0),
        scored = (SELECT count(*) FROM scores s
            WHERE s.member_id = scoresheets.member_id AND s.entry_id = scoresheets.entry_id)
    """,
    """
    CREATE TRIGGER scores_sum_insert AFTER INSERT ON scores BEGIN
        UPDATE scoresheets SET
            weighted_sum = weighted_sum
                + NEW.score * (SELECT weight FROM criteria WHERE id = NEW.criterion_id),
            scored = scored + 1
        WHERE member_id = NEW.member_id AND entry_id = NEW.entry_id;
    END
    """,
    """
    CREATE TRIGGER scores_sum_update AFTER UPDATE OF score ON scores BEGIN
        UPDATE scoresheets SET
            weighted_sum = weighted_sum + (NEW.score - OLD.score)
                * (SELECT weight FROM criteria WHERE id = NEW.criterion_id)
        WHERE member_id = NEW.member_id AND entry_id = NEW.entry_id;
    END
    """,
    """
    CREATE TRIGGER scores_sum_delete AFTER DELETE ON scores BEGIN
        UPDATE scoresheets SET
            weighted_sum = weighted_sum
                - OLD.score * (SELECT weight FROM criteria WHERE id = OLD.criterion_id),
            scored = scored - 1
        WHERE member_id = OLD.member_id AND entry_id = OLD.entry_id;
    END
    """,
]


def m002_sheet_sums(db: Database) -> None:
    """Running per-sheet sums for fast results (see _SHEET_SUMS)."""
    for statement in _SHEET_SUMS:
        db.execute(statement)


# Each scoresheet records its entry's category, so the results can read every sheet's
# total without joining 125,000 rows to entries (0.03 s of a 0.5 s budget). An entry never
# changes category today; the second trigger keeps the copy right if that ever changes.
_SHEET_CATEGORY = [
    "ALTER TABLE scoresheets ADD COLUMN category_id INTEGER REFERENCES categories(id)",
    """
    UPDATE scoresheets SET category_id =
        (SELECT category_id FROM entries WHERE entries.id = scoresheets.entry_id)
    """,
    """
    CREATE TRIGGER scoresheets_category AFTER INSERT ON scoresheets BEGIN
        UPDATE scoresheets SET
            category_id = (SELECT category_id FROM entries WHERE id = NEW.entry_id)
        WHERE member_id = NEW.member_id AND entry_id = NEW.entry_id;
    END
    """,
    """
    CREATE TRIGGER entries_category AFTER UPDATE OF category_id ON entries BEGIN
        UPDATE scoresheets SET category_id = NEW.category_id WHERE entry_id = NEW.id;
    END
    """,
]


def m003_sheet_category(db: Database) -> None:
    """Each scoresheet's category, kept by triggers (see _SHEET_CATEGORY)."""
    for statement in _SHEET_CATEGORY:
        db.execute(statement)


# The rules every round was counted by until the round stored its own (``domain.round_rules``):
# the code's defaults of that version, frozen here. A later change of a default must never
# reach a past round, so these are literal values, not the declaration's defaults.
_RULES_UNTIL_M004 = {
    "min_judges": 2,
    "aggregate": "mean",
    "disagreement_threshold": 30.0,
    "normalise_min_sheets": 3,  # kept in the rounds of this time; retired with the column
    "ballot_rule": "latest",
    "tie_rule": "chair",
}


def m004_round_rules(db: Database) -> None:
    """Every rule into each existing round, with the value it was counted by until now; a
    rule the administrator had set is left as it is. A new round gets its rules when it is
    made (``RoundRepository.initialise``), so a file with no round in it yet gets none."""
    for key, value in _RULES_UNTIL_M004.items():
        db.execute(
            "INSERT OR IGNORE INTO round_settings (key, value)"
            " SELECT ?, ? WHERE EXISTS (SELECT 1 FROM round_settings WHERE key = 'name')",
            [key, json.dumps(value)],
        )


# Paper sheets keyed twice (``domain.model.Keying``): each sheet says how far its paper
# keying has been checked (NULL: scored in the app), and the rule "paper_keying" comes into
# every existing round as "once", the way every keyed sheet counted until now. The second
# keyings themselves are audit rows ("key again", entity "paper sheet"): the index finds one
# sheet's latest without reading the whole log.
_PAPER_KEYING = [
    """
    ALTER TABLE scoresheets ADD COLUMN keying TEXT
        CHECK (keying IS NULL OR keying IN ('once', 'differs', 'agreed'))
    """,
    "CREATE INDEX audit_entity ON audit(entity, entity_id)",
]


def m005_paper_keying(db: Database) -> None:
    """Each sheet's paper-keying state, and the round rule with the value used until now."""
    for statement in _PAPER_KEYING:
        db.execute(statement)
    db.execute(
        "INSERT OR IGNORE INTO round_settings (key, value)"
        " SELECT 'paper_keying', ? WHERE EXISTS (SELECT 1 FROM round_settings WHERE key = 'name')",
        [json.dumps("once")],
    )


# Every migration, in order. A new one is appended here; a released one is never edited.
STEPS: tuple[Callable[[Database], None], ...] = (
    m001_initial,
    m002_sheet_sums,
    m003_sheet_category,
    m004_round_rules,
    m005_paper_keying,
)


def known_migrations() -> tuple[str, ...]:
    """The names of every migration this version knows, in order."""
    return tuple(step.__name__ for step in STEPS)


@cache
def migration_set() -> Migrations:
    """sqlite-utils' ``Migrations`` holding ``STEPS`` (it records what a file has applied)."""
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for step in STEPS:
        migrations()(step)
    return migrations
