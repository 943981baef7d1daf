"""Round settings: every rule is checked by the store, so the window and csx-admin agree."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from csx_desktop.store import InputRefused, Store


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "needs a name"),
        ({"year": 1999}, "not a plausible year"),
        ({"aggregate": "mode"}, "Entry score must be 'mean' or 'median'"),
        ({"ballot_rule": "random"}, "'latest' or 'first'"),
        ({"min_judges": 0}, "Minimum judges must be from 1 to 50"),
        ({"disagreement_threshold": 120.0}, "from 0 to 100 points, not 120"),
        (
            {
                "voting_opens": datetime(2026, 5, 8, tzinfo=UTC),
                "voting_closes": datetime(2026, 4, 20, tzinfo=UTC),
            },
            "close after it opens",
        ),
    ],
)
def test_a_bad_setting_is_refused_and_nothing_changes(
    store: Store, changes: dict[str, Any], message: str
) -> None:
    before = store.round.settings()
    audit_rows = len(store.audit_log())
    with pytest.raises(InputRefused, match=message):
        store.round.update_settings(**changes)
    assert store.round.settings() == before
    assert len(store.audit_log()) == audit_rows


def test_good_settings_are_stored_and_read_back(store: Store) -> None:
    opens = datetime(2026, 4, 20, 9, tzinfo=UTC)
    closes = datetime(2026, 5, 8, 17, tzinfo=UTC)
    after = store.round.update_settings(
        voting_opens=opens, voting_closes=closes, aggregate="median", min_judges=3
    )
    assert store.round.settings() == after
    assert (after.voting_opens, after.voting_closes, after.aggregate) == (opens, closes, "median")
