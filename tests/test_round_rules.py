"""The rules of a round live in the round (issue 12): declared once, stored in every round from
its creation (and by migration in older ones), never read from a code default, fixed once
scoring starts; and the passphrase's rules in ``operations.rounds`` whoever asks."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import sys
from pathlib import Path

import pytest

from csx_desktop.cli.main import main
from csx_desktop.domain import round_rules
from csx_desktop.domain.model import Method, Nomination, RoundSettings
from csx_desktop.domain.round_rules import RULES, rules_in_words
from csx_desktop.operations.rounds import (
    MIN_PASSPHRASE,
    change_admin_passphrase,
    change_settings,
    create_round,
    rules_fixed,
)
from csx_desktop.store import InputRefused, RoundFileError, Store
from csx_desktop.store.database import APPLICATION_ID
from csx_desktop.store.migrations import known_migrations

# Every rule at a value unlike its default: what a later version might choose.
OTHER_DEFAULTS = {
    "aggregate": "median",
    "min_judges": 5,
    "disagreement_threshold": 5.0,
    "ballot_rule": "first",
    "tie_rule": "chair",  # one allowed value: nothing else to choose
    "paper_keying": "twice",
}


def _change_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if a later version had changed every rule's default."""
    for key, value in OTHER_DEFAULTS.items():
        monkeypatch.setitem(RULES, key, dataclasses.replace(RULES[key], default=value))


def _stored_rules(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT key, value FROM round_settings").fetchall()
    finally:
        conn.close()
    return {key: json.loads(value) for key, value in rows if key in RULES}


# ---- the declaration -----------------------------------------------------------------------


def test_every_rule_is_a_setting_with_its_declared_default() -> None:
    fields = {f.name: f.default for f in dataclasses.fields(RoundSettings)}
    assert set(RULES) <= set(fields)
    assert {key: fields[key] for key in RULES} == round_rules.defaults()
    for rule in RULES.values():
        assert rule.check(rule.default) == rule.default
        assert rule.label and rule.help.endswith(".") and "{value}" in rule.sentence


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("min_judges", 0, "Minimum judges must be from 1 to 50, not 0."),
        ("min_judges", 2.5, "Minimum judges must be a whole number, not 2.5."),
        ("min_judges", True, "Minimum judges must be a whole number, not True."),
        ("disagreement_threshold", "30", "Disagreement at must be a number, not '30'."),
        ("aggregate", "mode", "Entry score must be 'mean' or 'median', not 'mode'."),
        ("tie_rule", "coin toss", "Ties must be 'chair', not 'coin toss'."),
    ],
)
def test_a_value_no_rule_allows_is_refused_in_words(key: str, value: object, words: str) -> None:
    with pytest.raises(ValueError) as refused:
        RULES[key].check(value)
    assert str(refused.value) == words


def test_the_rules_in_words_follow_the_round_s_values() -> None:
    words = dict(rules_in_words(RoundSettings(name="R", year=2026)))
    assert list(words) == [rule.label for rule in RULES.values()]
    assert words["Minimum judges"] == "An entry needs at least 2 counted scoresheets to be ranked."
    assert "the mean (average)" in words["Entry score"]
    assert "share a rank" in words["Ties"] and "recorded decision" in words["Ties"]
    other = dict(
        rules_in_words(
            RoundSettings(name="R", year=2026, aggregate="median", disagreement_threshold=25.0)
        )
    )
    assert "the median" in other["Entry score"]
    assert other["Disagreement at"].startswith("A spread of 25 points or more")


# ---- stored from the start, never a code default -------------------------------------------


def test_a_new_round_stores_every_rule(round_path: Path) -> None:
    created = create_round(path=round_path, name="Awards", year=2026, admin_passphrase="secret1")
    assert created.path == round_path
    assert _stored_rules(round_path) == round_rules.defaults()
    with Store.open(round_path) as store:
        made = store.audit_log()[-1]
        assert made["action"] == "create round"
        assert json.loads(made["after"])["min_judges"] == RULES["min_judges"].default


def test_a_new_round_takes_today_s_defaults_and_an_old_one_keeps_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = tmp_path / "old.csxawards"
    create_round(path=old, name="Old", year=2025, admin_passphrase="secret1")
    _change_defaults(monkeypatch)
    new = tmp_path / "new.csxawards"
    create_round(path=new, name="New", year=2026, admin_passphrase="secret1")
    assert _stored_rules(new) == OTHER_DEFAULTS
    with Store.open(old) as store:
        settings = store.round.settings()
    assert (settings.aggregate, settings.min_judges, settings.ballot_rule) == (
        "mean",
        2,
        "latest",
    )


def test_a_round_missing_a_rule_is_refused_as_damaged_in_one_line(store: Store) -> None:
    store.conn.execute("DELETE FROM round_settings WHERE key = 'aggregate'")
    with pytest.raises(RoundFileError) as refused:
        store.round.settings()
    message = str(refused.value)
    assert "\n" not in message
    assert message == (
        "awards.csxawards is damaged: its rule “Entry score” is missing. Open your latest backup."
    )


def test_a_rule_holding_what_no_rule_allows_is_refused_as_damaged(store: Store) -> None:
    store.conn.execute("UPDATE round_settings SET value = '0' WHERE key = 'min_judges'")
    with pytest.raises(RoundFileError, match="is damaged: Minimum judges must be from 1 to 50"):
        store.round.settings()


# ---- migrating a round made before the rules were stored ------------------------------------


def test_migration_writes_the_rules_the_round_was_counted_by_and_keeps_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A round of the previous schema (m001–m003) whose administrator had set the minimum
    judges to 3 and nothing else; a later version's defaults must not reach it."""
    from sqlite_utils import Database

    from csx_desktop.store.migrations import migration_set

    _change_defaults(monkeypatch)  # whatever the code's defaults are now
    path = tmp_path / "old.csxawards"
    db = Database(path, execute_plugins=False)
    migration_set().apply(db, stop_before="m004_round_rules")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute(
        "INSERT INTO round_settings (key, value) VALUES"
        " ('name', '\"Old round\"'), ('year', '2025'), ('min_judges', '3')"
    )
    db.conn.commit()
    db.close()

    with Store.open(path) as store:
        assert store.schema_version() == len(known_migrations())
        settings = store.round.settings()
    assert _stored_rules(path) == {
        "min_judges": 3,  # the administrator's own, left as it was
        "aggregate": "mean",
        "disagreement_threshold": 30.0,
        "ballot_rule": "latest",
        "tie_rule": "chair",
        "paper_keying": "once",  # m005: every keyed sheet counted, as it did until then
    }
    assert (settings.min_judges, settings.aggregate) == (3, "mean")
    assert list(tmp_path.glob("old.csxawards.before-migration-3.bak"))


def _results(path: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    """The round's results as ``csx-admin results --format json`` writes them (every
    category: ranks, scores, spreads, flags, the other counts, the staff vote's tally)."""
    capsys.readouterr()
    assert main(["results", str(path), "--format", "json"]) == 0
    return capsys.readouterr().out.encode("utf-8")


def _as_made_before_the_rules_were_stored(path: Path, *, first: str = "m004_round_rules") -> None:
    """Take a round back to the schema before ``first``: m004 added only the rules' rows;
    m005 the rule of paper keying, each sheet's keying column and an index of the audit."""
    names = known_migrations()
    undone = names[names.index(first) :]
    conn = sqlite3.connect(path)
    with conn:
        if "m004_round_rules" in undone:
            keys = ", ".join(f"'{key}'" for key in RULES)
        else:
            keys = "'paper_keying'"
        conn.execute(f"DELETE FROM round_settings WHERE key IN ({keys})")
        conn.execute("ALTER TABLE scoresheets DROP COLUMN keying")
        conn.execute("DROP INDEX audit_entity")
        for name in undone:
            conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [name])
        conn.execute(f"PRAGMA user_version = {len(names) - len(undone)}")
    conn.close()


@pytest.fixture(scope="module")
def demo_round(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from csx_desktop.demo import build_demo_round

    path = tmp_path_factory.mktemp("rules-demo") / "demo.csxawards"
    build_demo_round(path)
    return path


def test_an_old_round_s_results_are_byte_identical_after_the_migration_and_new_defaults(
    demo_round: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The demo round (scores, declared interests, ties, a staff vote with repeat voters)
    counted as the code counted it, then as an old round migrated, then with every default
    changed: the same bytes each time."""
    import shutil

    path = tmp_path / "old.csxawards"
    shutil.copy(demo_round, path)
    before = _results(path, capsys)
    _as_made_before_the_rules_were_stored(path)
    assert _stored_rules(path) == {}
    after_migration = _results(path, capsys)  # opening it migrates it
    assert _stored_rules(path) == round_rules.defaults()  # the values the code used
    assert after_migration == before
    _change_defaults(monkeypatch)
    assert _results(path, capsys) == before
    # An old round first opened by a version with other defaults: the same bytes again.
    later = tmp_path / "opened-later.csxawards"
    shutil.copy(demo_round, later)
    _as_made_before_the_rules_were_stored(later)
    assert _results(later, capsys) == before
    # A round of the schema just before paper keying (m004): the same bytes again.
    m004 = tmp_path / "m004.csxawards"
    shutil.copy(demo_round, m004)
    _as_made_before_the_rules_were_stored(m004, first="m005_paper_keying")
    assert "paper_keying" not in _stored_rules(m004)
    assert _results(m004, capsys) == before
    assert _stored_rules(m004)["paper_keying"] == "once"
    # The comparison can fail: the same sheets counted by the other rules read differently.
    other = tmp_path / "other.csxawards"
    shutil.copy(demo_round, other)
    with Store.open(other) as store:
        store.round.update_settings(**OTHER_DEFAULTS)
    assert _results(other, capsys) != before


# ---- fixed once scoring starts ------------------------------------------------------------


def _first_score(store: Store, member_id: int) -> None:
    category = store.round.category_named("Extra Mile")
    assert category.id is not None
    added = store.nominations.add(
        Nomination(category_id=category.id, nominee="Owen Marsh", citation="Helped.")
    )
    assert added.entry_id is not None and category.criteria[0].id is not None
    store.scores.set_score(member_id, added.entry_id, category.criteria[0].id, 4)


def test_rules_change_freely_until_the_first_score(store: Store) -> None:
    assert rules_fixed(store) == ""
    changed = change_settings(store, changes={"min_judges": 3, "aggregate": "median"})
    assert changed.changed == ("min_judges", "aggregate")
    assert changed.summary == "Saved 2 changes."
    audit = store.audit_log(1)[0]
    assert audit["action"] == "change settings" and "reason" not in json.loads(audit["after"])


def test_after_the_first_score_a_rule_change_needs_a_reason_and_is_audited_with_it(
    store: Store, panel_ids: dict[str, int]
) -> None:
    _first_score(store, panel_ids["Nora Quinn"])
    assert rules_fixed(store) == "scoring has started"
    before = store.round.settings()
    audit_rows = len(store.audit_log(1000))
    for reason in ("", "   ", "ok"):
        with pytest.raises(InputRefused) as refused:
            change_settings(store, changes={"min_judges": 3, "tie_rule": "chair"}, reason=reason)
        assert str(refused.value) == (
            "The round's rules are fixed because scoring has started: give a reason for "
            "changing Minimum judges (it is kept in the audit log). Nothing was changed."
        )
    assert store.round.settings() == before
    assert len(store.audit_log(1000)) == audit_rows
    # A setting that is not a rule needs no reason.
    change_settings(store, changes={"name": "Customer Service Awards 2026 (final)"})
    changed = change_settings(
        store,
        changes={"min_judges": 3, "disagreement_threshold": 25},
        reason="Two judges were ill on the day; the panel agreed to rank on three sheets.",
    )
    assert changed.settings.min_judges == 3 and changed.settings.disagreement_threshold == 25
    audit = store.audit_log(1)[0]
    assert audit["action"] == "change settings"
    assert json.loads(audit["before"]) == {"min_judges": 2, "disagreement_threshold": 30.0}
    assert json.loads(audit["after"]) == {
        "min_judges": 3,
        "disagreement_threshold": 25.0,
        "reason": "Two judges were ill on the day; the panel agreed to rank on three sheets.",
    }


def test_the_staff_vote_count_fixes_the_rules_too(store: Store) -> None:
    shining = next(c for c in store.round.categories() if c.method is Method.STAFF_VOTE)
    assert shining.id is not None
    body = store.round.nominating_bodies()[0]
    added = store.nominations.add(
        Nomination(
            category_id=shining.id, nominee="Ruth Akintola", citation="…", nominating_body=body
        )
    )
    assert added.entry_id is not None
    store.ballots.add_paper_count(added.entry_id, 12, "Returning officer")
    assert rules_fixed(store) == "the staff vote count has started"
    with pytest.raises(InputRefused, match="give a reason for changing Ballots"):
        change_settings(store, changes={"ballot_rule": "first"})


def test_the_command_line_needs_reason_once_scoring_started(
    store: Store, round_path: Path, panel_ids: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    _first_score(store, panel_ids["Nora Quinn"])
    store.close()
    assert main(["settings", str(round_path), "--aggregate", "median"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "give a reason for changing Entry score" in err
    assert (
        main(["settings", str(round_path), "--aggregate", "median", "--reason", "Panel vote"]) == 0
    )
    out = capsys.readouterr().out
    assert "Changed 1 setting." in out and "Entry score:      Median of the judges' totals" in out
    assert "The rules are fixed because scoring has started" in out
    with Store.open(round_path) as reopened:
        assert reopened.round.settings().aggregate == "median"
        assert json.loads(reopened.audit_log(1)[0]["after"])["reason"] == "Panel vote"


def test_the_command_line_s_rule_options_come_from_the_declaration(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["settings", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for rule in RULES.values():
        if rule.editable:
            assert rule.flag in out
            assert rule.help.rstrip(".")[1:] in out  # its help, from the declaration
        else:
            assert rule.flag not in out  # one allowed value: nothing to choose
    assert "--reason" in out


# ---- the passphrase's rules, whoever asks ---------------------------------------------------


def test_the_passphrase_minimum_holds_for_every_way_a_round_is_made_or_changed(
    tmp_path: Path, store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    short = "x" * (MIN_PASSPHRASE - 1)
    words = f"The administrator's passphrase needs at least {MIN_PASSPHRASE} characters."
    path = tmp_path / "short.csxawards"
    with pytest.raises(InputRefused, match=words):
        create_round(path=path, name="Awards", year=2026, admin_passphrase=short)
    assert main(["new", str(path), "--name", "Awards", "--admin-passphrase", short]) == 1
    assert capsys.readouterr().err.strip() == f"csx-admin: {words}"
    assert not path.exists()
    with pytest.raises(InputRefused, match=words):
        change_admin_passphrase(store, new=short, repeat=short, old="secret1")
    with pytest.raises(InputRefused, match=words):
        change_admin_passphrase(store, new=short, repeat=short, old=None)
    with pytest.raises(InputRefused, match="not the same"):
        change_admin_passphrase(store, new="long enough", repeat="long enougj", old="secret1")
    assert store.round.admin_sign_in("secret1").ok  # unchanged


def test_changing_the_passphrase_needs_the_old_one_except_on_the_command_line(
    store: Store,
    round_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(InputRefused, match="The old passphrase is not right"):
        change_admin_passphrase(store, new="new words", repeat="new words", old="secret2")
    assert store.audit_log(1)[0]["action"] == "wrong passphrase"  # counted as a wrong try
    changed = change_admin_passphrase(store, new="new words", repeat="new words", old="secret1")
    assert changed.summary == "Changed the administrator's passphrase of awards.csxawards."
    assert store.round.admin_sign_in("new words").ok
    store.close()

    from csx_desktop.cli import round_commands

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter(["short", "short", "forgotten-one", "forgotten-one"])
    monkeypatch.setattr(round_commands.getpass, "getpass", lambda _prompt: next(answers))
    assert main(["passphrase", str(round_path)]) == 1
    assert "at least 6 characters" in capsys.readouterr().err
    assert main(["passphrase", str(round_path)]) == 0
    assert "Changed the administrator's passphrase" in capsys.readouterr().out
    with Store.open(round_path) as reopened:
        assert reopened.round.admin_sign_in("forgotten-one").ok
