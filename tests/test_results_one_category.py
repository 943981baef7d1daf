"""One category's results and counts read only that category's sheets (the Results area asks
for one at a time): they must be exactly what counting the whole round gives for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from csx_desktop.demo import build_demo_round
from csx_desktop.store import Store
from csx_desktop.store.counts import load_counts
from csx_desktop.store.results import category_results, load_results


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("one-category") / "demo.csxawards"
    build_demo_round(path)
    return path


@pytest.mark.parametrize("keying", ["once", "twice"])
def test_one_category_counts_as_the_whole_round_counts_it(demo: Path, keying: str) -> None:
    with Store.open(demo) as store:
        if store.round.settings().paper_keying != keying:
            store.round.update_settings(paper_keying=keying)
        whole = {r.category.id: r for r in load_results(store)}
        counts = load_counts(store)
        scored = 0
        for category in store.round.categories():
            assert category.id is not None
            alone = category_results(store, category.id)
            assert alone == whole[category.id]
            scored += sum(1 for e in alone.entries if e.score is not None)
            if category.id in counts:
                assert load_counts(store, category.id) == {category.id: counts[category.id]}
        assert scored > 0  # the demo round has scores: the comparison can fail
