"""The demo round: it builds, it is realistic enough to show every screen, and it is built once."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from csx_desktop.demo import build_demo_round, open_or_build_demo
from csx_desktop.demo.data import NOT_YET_NOMINATED
from csx_desktop.domain.model import Category, PanelGroup
from csx_desktop.domain.rubric import EXTRA_MILE, PRIDE_OF_STOCKTON, SHINING_STAR, TEAM
from csx_desktop.store import RoundFileError, Store


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo built for the whole module: the tests below only read it."""
    path = tmp_path_factory.mktemp("demo") / "demo.csxawards"
    build_demo_round(path)
    return path


@pytest.fixture
def demo(demo_path: Path) -> Iterator[Store]:
    with Store.open(demo_path) as store:
        yield store


def _category(store: Store, name: str) -> Category:
    return store.round.category_named(name)


def _cid(store: Store, name: str) -> int:
    category_id = _category(store, name).id
    assert category_id is not None
    return category_id


def _completeness(store: Store, name: str) -> tuple[int, int]:
    """(complete, incomplete) scoresheets in a category."""
    category = _category(store, name)
    sheets = store.scores.sheets(category_id=category.id)
    complete = sum(sheet.is_complete(category.criteria) for sheet in sheets)
    return complete, len(sheets) - complete


def test_the_demo_is_built_aside_and_renamed_leaving_nothing_beside_it(demo_path: Path) -> None:
    # No half-built ".building" file and no WAL left: the round is whole in one file.
    assert sorted(p.name for p in demo_path.parent.iterdir()) == ["demo.csxawards"]


def test_the_demo_is_a_whole_round_with_its_settings(demo: Store) -> None:
    assert demo.integrity() == "ok"
    settings = demo.round.settings()
    assert settings.name == "Customer Service Awards 2026 (demo)"
    assert settings.year == 2026
    assert settings.ceremony_date is not None and settings.ceremony_date.isoformat() == "2026-12-10"
    assert [s.title for s in settings.signatories] == [
        "Chief Executive",
        "Cabinet Member for Access, Communities and Community Safety",
    ]
    assert all(s.name for s in settings.signatories)
    assert demo.round.verify_admin("demo-admin")
    assert not demo.round.verify_admin("wrong")


def test_at_least_forty_nominations_over_all_four_categories(demo: Store) -> None:
    per_category = Counter(
        demo.round.category(n.category_id).name
        for entry in demo.nominations.entries()
        for n in demo.nominations.nominations_for(entry.id or 0)
    )
    assert sum(per_category.values()) >= 40
    assert set(per_category) == {PRIDE_OF_STOCKTON, EXTRA_MILE, TEAM, SHINING_STAR}
    assert demo.counts()["nominations"] == sum(per_category.values())


def test_nominations_read_like_real_form_responses(demo: Store) -> None:
    nominations = [
        n for e in demo.nominations.entries() for n in demo.nominations.nominations_for(e.id or 0)
    ]
    for n in nominations:
        assert n.nominator_name and "@" in n.nominator_email and n.relationship and n.service
        assert n.received_at is not None
        assert (n.received_at.year, n.received_at.month) == (2026, 3)
        assert n.citation.count(".") >= 2  # a story, not a one-liner
    assert any("\n\n" in n.citation for n in nominations)  # some run to paragraphs
    assert len({n.response_id for n in nominations}) == len(nominations)


def test_some_nominees_have_several_nominations_grouped_under_the_proper_spelling(
    demo: Store,
) -> None:
    entries = demo.nominations.entries()
    multi = {e.nominee: e.nomination_count for e in entries if e.nomination_count > 1}
    assert len(multi) >= 4
    assert max(multi.values()) == 3
    # Typed as "zoë whitfield" and "Zoë  Whitfield" too; the entry keeps the first spelling.
    assert multi["Zoë Whitfield"] == 3
    assert multi["Maya Lindqvist"] == 3
    names = {e.nominee for e in entries}
    assert {"Siobhán O'Neill", "Łukasz Nowak", "Nguyễn Thị Minh Khai", "Owen Marsh"} <= names


def test_teams_have_members(demo: Store) -> None:
    teams = demo.nominations.entries(_cid(demo, TEAM))
    assert 5 <= len(teams) <= 6
    assert all(3 <= len(team.team_members) <= 8 for team in teams)
    assert "Thornaby Hub Customer Services Team" in {t.nominee for t in teams}


def test_shining_star_has_one_nominee_per_body_and_one_body_still_to_nominate(
    demo: Store,
) -> None:
    stars = demo.nominations.entries(_cid(demo, SHINING_STAR))
    bodies = [star.nominating_body for star in stars]
    assert len(stars) == 5
    assert len(set(bodies)) == len(bodies)
    assert set(demo.round.nominating_bodies()) - set(bodies) == {NOT_YET_NOMINATED}


def test_the_panel_is_nine_members_three_per_group_with_one_chair(demo: Store) -> None:
    members = demo.panel.members()
    assert len(members) == 9
    assert Counter(m.group for m in members) == {group: 3 for group in PanelGroup}
    assert [m.name for m in members if m.is_chair] == ["Sandra Pounder"]
    panel_categories = {c.id for c in demo.round.categories() if c.is_panel_scored}
    assert all(m.category_ids == panel_categories and m.has_pin for m in members)
    # The PINs documented in the builder's docstring: 111111 for the first, 999999 for the last.
    first, last = (
        demo.panel.member_named("Margaret Teesdale"),
        demo.panel.member_named("Aisha Karim"),
    )
    assert demo.panel.verify_pin(first.id or 0, "111111")
    assert demo.panel.verify_pin(last.id or 0, "999999")


def test_interests_are_declared_and_those_entries_are_not_scored_by_them(demo: Store) -> None:
    interests = demo.panel.interests()
    assert 3 <= len(interests) <= 4
    assert all(i.note for i in interests)
    for interest in interests:
        assert not demo.scores.sheet(interest.member_id, interest.entry_id).is_started()
    nora = demo.panel.member_named("Nora Quinn")
    assert demo.panel.interests_confirmed(nora.id or 0, _cid(demo, EXTRA_MILE))


def test_scoring_is_part_done_pride_mostly_extra_mile_half_team_barely(demo: Store) -> None:
    pride = _completeness(demo, PRIDE_OF_STOCKTON)
    extra = _completeness(demo, EXTRA_MILE)
    team = _completeness(demo, TEAM)
    entries = {name: len(demo.nominations.entries(_cid(demo, name))) for name in (EXTRA_MILE,)}
    assert pride[0] >= 70 and pride[1] >= 1
    assert 0.3 * 9 * entries[EXTRA_MILE] <= extra[0] <= 0.6 * 9 * entries[EXTRA_MILE]
    assert extra[1] >= 2
    assert 1 <= sum(team) <= 4
    assert demo.counts()["decisions"] == 0
    assert demo.counts()["ballots"] > 0


def test_three_members_the_chair_among_them_have_submitted_pride_of_stockton_whole(
    demo: Store,
) -> None:
    pride = _category(demo, PRIDE_OF_STOCKTON)
    pride_id = _cid(demo, PRIDE_OF_STOCKTON)
    submitted = [m for m in demo.panel.members() if demo.scores.is_submitted(m.id or 0, pride_id)]
    assert sorted(m.name for m in submitted) == [
        "David Okafor",
        "Margaret Teesdale",
        "Sandra Pounder",
    ]
    assert any(m.is_chair for m in submitted)
    entries = demo.nominations.entries(pride_id)
    for member in submitted:
        sheets = demo.scores.sheets(member_id=member.id, category_id=pride_id)
        to_score = [e for e in entries if not demo.panel.has_interest(member.id or 0, e.id or 0)]
        # Every entry they may score has a complete sheet: nothing submitted half-done.
        assert len(sheets) == len(to_score)
        assert all(sheet.is_complete(pride.criteria) for sheet in sheets)
    # Nobody has looked at the results yet: the newcomer does that.
    assert not [row for row in demo.audit_log(10_000) if row["action"] == "see results"]


def test_the_chair_signing_in_to_the_demo_sees_pride_of_stockton_ranked(
    qtbot: QtBot, demo_path: Path, tmp_path: Path
) -> None:
    """README: "The panel chair sees the ranked results". A newcomer signs in as the chair
    with the PIN the README gives and opens the Results tab."""
    from csx_desktop.ui.main_window import MainWindow
    from csx_desktop.ui.member_workspace import MemberWorkspace

    path = tmp_path / "demo.csxawards"
    path.write_bytes(demo_path.read_bytes())  # the module's demo stays unread by the window
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_round(path)
    people = window.sign_in.people
    people.setCurrentRow(
        next(i for i in range(people.count()) if people.item(i).text().startswith("Sandra"))
    )
    qtbot.keyClicks(window.sign_in.secret, "777777")
    qtbot.keyClick(window.sign_in.secret, Qt.Key.Key_Return)
    workspace = window.workspace
    assert isinstance(workspace, MemberWorkspace)
    tabs = workspace.tabs
    tabs.setCurrentIndex(next(i for i in range(tabs.count()) if tabs.tabText(i) == "Results"))
    area = tabs.currentWidget()
    area.show_category(PRIDE_OF_STOCKTON)  # type: ignore[attr-defined]
    model = area.model  # type: ignore[attr-defined]
    ranks = [model.data(model.index(row, 0)) for row in range(model.rowCount())]
    nominees = [model.data(model.index(row, 1)) for row in range(model.rowCount())]
    assert len(nominees) >= 10
    assert ranks[0] == "1" and "Zoë Whitfield" in nominees[0]


def test_rankings_follow_the_citations_and_one_entry_divides_the_judges(demo: Store) -> None:
    category = _category(demo, PRIDE_OF_STOCKTON)
    totals: dict[int, list[float]] = {}
    for sheet in demo.scores.sheets(category_id=category.id):
        if sheet.is_complete(category.criteria):
            totals.setdefault(sheet.entry_id, []).append(100 * sum(sheet.scores.values()) / 15)
    by_name = {demo.nominations.entry(entry_id).nominee: t for entry_id, t in totals.items()}
    assert statistics.mean(by_name["Zoë Whitfield"]) > statistics.mean(by_name["Gareth Lowther"])
    jamal = by_name["Jamal Haddad"]
    assert max(jamal) - min(jamal) >= 50
    comments = [s.comment for s in demo.scores.sheets(category_id=category.id) if s.comment]
    assert len(comments) >= 3


def test_open_or_build_demo_builds_a_missing_demo(tmp_path: Path) -> None:
    path = tmp_path / "new.csxawards"
    assert open_or_build_demo(path) == path
    with Store.open(path) as store:
        assert store.counts()["nominations"] >= 40


def test_open_or_build_demo_leaves_an_existing_demo_alone(demo_path: Path) -> None:
    with Store.open(demo_path) as store:
        counts = store.counts()
    before = (demo_path.stat().st_mtime_ns, demo_path.read_bytes())
    assert open_or_build_demo(str(demo_path)) == demo_path
    assert (demo_path.stat().st_mtime_ns, demo_path.read_bytes()) == before
    with Store.open(demo_path) as store:
        assert store.counts() == counts


def test_build_refuses_to_overwrite_a_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.csxawards"
    path.write_bytes(b"not mine to replace")
    with pytest.raises(RoundFileError):
        build_demo_round(path)
    assert path.read_bytes() == b"not mine to replace"


def test_every_build_is_the_same(tmp_path: Path, demo: Store) -> None:
    other_path = tmp_path / "again.csxawards"
    build_demo_round(other_path)

    def scores(store: Store) -> list[tuple[str, str, str, int]]:
        members = {m.id: m.name for m in store.panel.members()}
        criteria = {c.id: c.name for cat in store.round.categories() for c in cat.criteria}
        return sorted(
            (members[s.member_id], store.nominations.entry(s.entry_id).nominee, criteria[c], v)
            for s in store.scores.sheets()
            for c, v in s.scores.items()
        )

    with Store.open(other_path) as other:
        assert scores(other) == scores(demo)
