"""The export of every score (the format ``import scores`` reads) is the administrator's:
it holds every member's scores in every category, submitted or not."""

from __future__ import annotations

from pathlib import Path

import pytest

from csx_desktop.operations.results import ADMINISTRATOR, ResultsWithheld, export_scores
from csx_desktop.store import Store


def test_only_the_administrator_exports_every_score(
    store: Store, panel_ids: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "scores.csv"
    with pytest.raises(ResultsWithheld, match="Only the administrator"):
        export_scores(store, viewer=panel_ids["Nora Quinn"], path=out)
    assert not out.exists()
    written = export_scores(store, viewer=ADMINISTRATOR, path=out)
    assert written.path == out and out.read_text(encoding="utf-8-sig").startswith("member,")
    assert written.summary("rows of scores") == f"Wrote {written.amount} rows of scores to {out}."
