"""Scoring progress reads each sheet's kept count of scored criteria instead of its scores:
every state must be what the sheet itself says (``sheet_state``), in either paper-keying rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from csx_desktop.demo import build_demo_round
from csx_desktop.store import Store
from csx_desktop.store.scores import SheetState, sheet_state


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("progress") / "demo.csxawards"
    build_demo_round(path)
    return path


@pytest.mark.parametrize("keying", ["once", "twice"])
def test_every_state_is_what_the_sheet_says(demo: Path, keying: str) -> None:
    with Store.open(demo) as store:
        store.round.update_settings(paper_keying=keying)
        seen: set[SheetState] = set()
        for category in store.round.categories():
            if not category.is_panel_scored or category.id is None:
                continue
            progress = store.scores.progress(category.id)
            sheets = {
                (s.member_id, s.entry_id): s for s in store.scores.sheets(category_id=category.id)
            }
            interests = {
                (i.member_id, i.entry_id) for i in store.panel.interests(category_id=category.id)
            }
            for member in progress.members:
                for entry in progress.entries:
                    key = (member.id or 0, entry.id or 0)
                    expected = sheet_state(
                        sheets.get(key),
                        category.criteria,
                        interest=key in interests,
                        paper_keying=keying,
                    )
                    assert progress.state(*key) is expected, key
                    seen.add(expected)
        # The demo round has sheets in every state but the paper ones: the check can fail.
        assert {SheetState.NOT_STARTED, SheetState.IN_PROGRESS, SheetState.COMPLETE} <= seen
