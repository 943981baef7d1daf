"""Shared fixtures. Every test runs headless and with its own CSX Desktop home folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before any Qt import: a plain `pytest` needs no display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from csx_desktop.domain.model import PanelGroup
from csx_desktop.store import Store


@pytest.fixture(autouse=True)
def csx_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the app's data folder (demo round, logs) at a temp folder for every test."""
    home = tmp_path_factory.mktemp("csx-home")
    monkeypatch.setenv("CSX_DESKTOP_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))  # QSettings
    return home


@pytest.fixture(autouse=True)
def cheap_pin_hashing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Test-only: PINs and passphrases hashed with scrypt N=2^10 (a millisecond) instead of
    the app's N=2^17 (about half a second each), so the suite stays fast. The app's cost is
    a module attribute no setting can reach; tests/test_sign_in_security.py checks it."""
    from csx_desktop.domain import secrets

    monkeypatch.setattr(secrets, "_COST", secrets.ScryptCost(n=2**10, r=8, p=1))


@pytest.fixture
def round_path(tmp_path: Path) -> Path:
    return tmp_path / "awards.csxawards"


@pytest.fixture
def store(round_path: Path) -> Iterator[Store]:
    """A new round in a real file in a temp folder, with the administrator passphrase 'secret1'."""
    with Store.create(
        round_path, name="Customer Service Awards 2026", year=2026, admin_passphrase="secret1"
    ) as s:
        yield s


@pytest.fixture
def panel_ids(store: Store) -> dict[str, int]:
    """Three panel members, one per group, judging the three panel categories; PIN 123456."""
    panel_categories = [c.id for c in store.round.categories() if c.is_panel_scored]
    ids = {}
    for name, group in (
        ("Nora Quinn", PanelGroup.CSE_ASSESSOR),
        ("Ben Castleton", PanelGroup.CATALYST),
        ("Priya Shah", PanelGroup.OFFICER),
    ):
        member = store.panel.add_member(
            name, group, panel_categories, pin="123456", is_chair=name == "Priya Shah"
        )
        assert member.id is not None
        ids[name] = member.id
    return ids
