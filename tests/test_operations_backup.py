"""Backing up the round is the administrator's: a copy holds every member's scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from csx_desktop.operations.results import ADMINISTRATOR
from csx_desktop.operations.rounds import back_up
from csx_desktop.store import InputRefused, Store


def test_a_member_cannot_back_up_and_the_administrator_can(
    store: Store, panel_ids: dict[str, int], tmp_path: Path
) -> None:
    dest = tmp_path / "copy.csxawards"
    with pytest.raises(InputRefused, match="Only the administrator"):
        back_up(store, viewer=panel_ids["Nora Quinn"], dest=dest, overwrite=False)
    assert not dest.exists()
    done = back_up(store, viewer=ADMINISTRATOR, dest=dest, overwrite=False)
    assert done.path == dest and done.summary() == f"Backed up the round to {dest}."
    with Store.open(dest) as copy:
        assert [m.name for m in copy.panel.members()] == [m.name for m in store.panel.members()]
