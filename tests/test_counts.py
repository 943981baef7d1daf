"""Several reasonable counts side by side (domain.counts): worked by hand, and their properties.

The small panels here are worked on paper; the properties hold for any panel hypothesis
builds: when every judge ranks the entries the same way every count agrees and the first is
first in every resample; a judge's leniency (a constant on all their scores) changes nothing
the judge-adjusted count says; a judge who scored only the bottom entries cannot change its
winner; and the same sheets always give the same answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csx_desktop.domain.counts import count_category, rank_correlation

NAMES = {10: "Ann Lee", 11: "Ben Marsh", 12: "Cy Twomey"}
JUDGES = {1: "Nora Quinn", 2: "Priya Shah", 3: "Owen Hart"}

# Three judges, three entries, every sheet counted.
PANEL = [
    (1, 10, 80.0), (1, 11, 60.0), (1, 12, 40.0),
    (2, 10, 70.0), (2, 11, 90.0), (2, 12, 50.0),
    (3, 10, 75.0), (3, 11, 65.0), (3, 12, 45.0),
]  # fmt: skip


def test_a_small_panel_worked_by_hand() -> None:
    counts = count_category(PANEL)
    assert counts.own == pytest.approx({10: 75.0, 11: 71.6667, 12: 45.0}, abs=1e-3)
    # Every judge scored every entry: adjusting for leniency changes no entry's average.
    assert counts.adjusted == pytest.approx(counts.own)
    # Places from the bottom, 0..2, as points 0, 50, 100: Ann 100, 50, 100 -> 83.33.
    assert counts.borda == pytest.approx({10: 83.333, 11: 66.667, 12: 0.0}, abs=1e-3)
    assert counts.condorcet == 10  # Ann beats Ben 2-1 and Cy 3-0
    assert counts.first_by_count == {"mean": 10, "adjusted": 10, "borda": 10, "condorcet": 10}
    # Without Nora, Ben averages 77.5 to Ann's 72.5; without Owen they tie on 75.
    assert counts.without_judge == {1: 11, 2: 10, 3: None}
    assert counts.leniency == pytest.approx({1: -3.889, 2: 6.111, 3: -2.222}, abs=1e-3)
    assert 0 < counts.first_share[10] < 0.8  # so the winner is not stable
    assert counts.winner_depends_on_count
    words = counts.in_words(NAMES, JUDGES)
    assert words.startswith("Ann Lee is first under every count and in ")
    assert "Leaving out the sheets of Nora Quinn or Owen Hart changes the winner." in words
    assert counts.leniency_in_words(2) == "scores 6 points above the panel on the same entries"


def test_a_lenient_judge_who_stood_aside_from_the_best_entry() -> None:
    """Judge 1 declared an interest in Ann, and gives everyone 40 points more than the
    others do: the average puts Ben first, the judge-adjusted count puts Ann first."""
    sheets = [
        (1, 11, 100.0), (1, 12, 90.0),
        (2, 10, 70.0), (2, 11, 60.0), (2, 12, 50.0),
        (3, 10, 70.0), (3, 11, 60.0), (3, 12, 50.0),
    ]  # fmt: skip
    counts = count_category(sheets)
    assert counts.first == 11  # Ben: (100 + 60 + 60) / 3 = 73.3 > Ann's 70
    adjusted = counts.adjusted
    assert adjusted[10] - adjusted[11] == pytest.approx(10.0)
    assert adjusted[11] - adjusted[12] == pytest.approx(10.0)
    assert counts.first_by_count["adjusted"] == 10
    assert counts.first_by_count["condorcet"] == 10  # 2-0 over Ben among judges of both
    # Borda too: Ann is the best of each judge who scored her.
    assert counts.disagreeing_counts == {"adjusted": 10, "borda": 10, "condorcet": 10}
    assert counts.winner_depends_on_count
    assert "the judge-adjusted count puts Ann Lee first" in counts.in_words(NAMES, JUDGES)
    assert counts.leniency[1] - counts.leniency[2] == pytest.approx(40.0)


def test_no_condorcet_winner_when_preferences_go_round_in_a_circle() -> None:
    sheets = [
        (1, 10, 90.0), (1, 11, 80.0), (1, 12, 70.0),
        (2, 11, 90.0), (2, 12, 80.0), (2, 10, 70.0),
        (3, 12, 90.0), (3, 10, 80.0), (3, 11, 70.0),
    ]  # fmt: skip
    counts = count_category(sheets)
    assert counts.condorcet is None
    assert counts.first is None  # all three average 80: a tie
    assert "tie" in counts.in_words(NAMES, JUDGES)


def test_the_median_and_too_few_sheets() -> None:
    sheets = [(1, 10, 90.0), (2, 10, 10.0), (3, 10, 20.0), (1, 11, 50.0), (2, 11, 40.0)]
    counts = count_category(sheets, method="median", min_judges=3)
    assert counts.own == {10: 20.0, 11: 45.0}
    assert counts.eligible == frozenset({10})  # Ben has two sheets of the three needed
    assert counts.first == 10 and counts.first_by_count["median"] == 10
    assert 11 not in counts.first_share
    assert count_category([]).first is None


def test_group_agreement_as_rank_correlation() -> None:
    assert rank_correlation({1: 10, 2: 20, 3: 30}, {1: 1, 2: 2, 3: 3}) == pytest.approx(1.0)
    assert rank_correlation({1: 10, 2: 20, 3: 30}, {1: 3, 2: 2, 3: 1}) == pytest.approx(-1.0)
    assert rank_correlation({1: 10, 2: 20}, {1: 1, 2: 2}) is None


# ---- properties ------------------------------------------------------------------------------

_gaps = st.lists(st.integers(min_value=2, max_value=15), min_size=2, max_size=7)
_offsets = st.lists(st.integers(min_value=-20, max_value=20), min_size=2, max_size=6)


@settings(max_examples=60, deadline=None)
@given(_gaps, _offsets)
def test_when_every_judge_ranks_alike_every_count_agrees_and_the_first_is_stable(
    gaps: list[int], offsets: list[int]
) -> None:
    base = [100.0 - sum(gaps[:i]) for i in range(len(gaps) + 1)]  # strictly falling
    sheets = [
        (judge, entry, base[entry] + offset)
        for judge, offset in enumerate(offsets)
        for entry in range(len(base))
    ]
    counts = count_category(sheets)
    assert set(counts.first_by_count.values()) == {0}
    assert counts.first_share[0] == 1.0
    assert not counts.winner_depends_on_count


@st.composite
def _panel(draw: st.DrawFn) -> list[list[int]]:
    """rows[judge][entry]: 3-5 judges, 3-6 entries, totals 0-100."""
    entries = draw(st.integers(min_value=3, max_value=6))
    row = st.lists(st.integers(min_value=0, max_value=100), min_size=entries, max_size=entries)
    return draw(st.lists(row, min_size=3, max_size=5))


@settings(max_examples=60, deadline=None)
@given(_panel(), st.integers(min_value=-30, max_value=30), st.data())
def test_a_judges_leniency_changes_nothing_the_adjusted_count_says(
    rows: list[list[int]], constant: int, data: st.DataObject
) -> None:
    # rows[judge][entry]; some sheets missing, but judge 0 scored every entry and every
    # judge scored entry 0, so every judge's leniency can be told from the others'.
    missing = data.draw(
        st.sets(st.tuples(st.integers(1, len(rows) - 1), st.integers(1, len(rows[0]) - 1)))
    )
    sheets = [
        (j, e, float(score))
        for j, row in enumerate(rows)
        for e, score in enumerate(row)
        if (j, e) not in missing
    ]
    shifted = [(j, e, t + constant if j == 1 else t) for j, e, t in sheets]
    before = count_category(sheets).adjusted
    after = count_category(shifted).adjusted
    differences = [before[e] - before[0] for e in sorted(before)]
    assert [after[e] - after[0] for e in sorted(after)] == pytest.approx(differences, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(_gaps, st.integers(min_value=3, max_value=6), st.lists(st.integers(0, 100), min_size=1))
def test_a_judge_who_scored_only_the_bottom_entries_cannot_change_the_adjusted_winner(
    gaps: list[int], judges: int, extra_scores: list[int]
) -> None:
    # A full panel agreeing on the order, and one more judge who scored only entries far
    # enough below the winner (each is one sheet of judges + 1, so moves at most 100 / that).
    margin = 100 / (judges + 1)
    base = [100.0]
    for gap in gaps:
        base.append(base[-1] - gap - (margin if len(base) == 1 else 0))
    sheets = [(j, e, score) for j in range(judges) for e, score in enumerate(base)]
    bottom = list(range(1, len(base)))
    extra = [(judges, e, float(s)) for e, s in zip(bottom, extra_scores, strict=False)]
    assert count_category(sheets + extra).first_by_count["adjusted"] == 0
    assert count_category(sheets).first_by_count["adjusted"] == 0


def test_the_same_sheets_always_give_the_same_answer() -> None:
    first = count_category(PANEL)
    assert count_category(PANEL) == first
    assert count_category(list(reversed(PANEL))).first_share == first.first_share
    other_seed = count_category(PANEL, seed=1)
    assert other_seed.own == first.own and other_seed.adjusted == first.adjusted


# ---- from the round file ---------------------------------------------------------------------


def test_the_round_file_is_counted_with_the_sheets_its_results_count(tmp_path: Path) -> None:
    """Declared interests and incomplete sheets never count; the round's own count is the
    score its results show, and the demo's winner is said in words."""
    from csx_desktop.demo.builder import build_demo_round
    from csx_desktop.store import Store
    from csx_desktop.store.counts import counted_sheets, load_counts
    from csx_desktop.store.results import load_results

    path = tmp_path / "demo.csxawards"
    build_demo_round(path)
    with Store.open(path) as store:
        interests = set(store.conn.execute("SELECT member_id, entry_id FROM interests"))
        sheets = counted_sheets(store)
        assert interests and all(
            (member, entry) not in interests
            for rows in sheets.values()
            for member, entry, _ in rows
        )
        counts = load_counts(store)
        for result in load_results(store):
            if not result.category.is_panel_scored:
                continue
            own = counts[int(result.category.id or 0)].own
            for entry in result.entries:
                if entry.score is not None:
                    assert own[entry.entry_id] == pytest.approx(entry.score)
                    assert entry.judges == sum(
                        1 for _, e, _ in sheets[entry.category_id] if e == entry.entry_id
                    )
