"""Sign-in protection: the PIN rule, the cost of a guess, and the wait kept in the round.

New PINs are 6 to 8 ASCII digits; an old 4-digit PIN still signs in once and is then
changed. Hashes use scrypt at N=2^17, r=8 (tests make it cheap through a conftest fixture;
the app's own cost is checked here in a fresh process). Wrong tries and the wait after them
are stored in the round for members and the administrator alike, so a new window (or a
restart) waits too; every try has an audit row and no row holds a secret. A round always
has an administrator's passphrase.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from csx_desktop.cli.main import main
from csx_desktop.domain import secrets
from csx_desktop.domain.model import PanelGroup
from csx_desktop.store import InputRefused, Store, sign_ins
from csx_desktop.store.sign_ins import SIGN_IN_ACTOR
from csx_desktop.ui.main_window import MainWindow
from csx_desktop.ui.member_workspace import MemberWorkspace


@pytest.mark.parametrize(
    "pin",
    [
        "12345",  # too short
        "123456789",  # too long
        "12 3456",
        "12345a",
        "¹²³⁴⁵⁶",  # superscript digits: isdigit() says yes, a keyboard cannot type them
        "١٢٣٤٥٦",  # Arabic-Indic digits
        "１２３４５６",  # full-width digits
        "",
    ],
)
def test_a_new_pin_is_6_to_8_ascii_digits(store: Store, pin: str) -> None:
    with pytest.raises(InputRefused, match="6 to 8 digits"):
        store.panel.add_member("Ann Lee", PanelGroup.OFFICER, [], pin=pin or "x")
    member = store.panel.add_member("Ann Lee", PanelGroup.OFFICER, [])
    with pytest.raises(InputRefused, match="6 to 8 digits"):
        store.panel.set_pin(member.id or 0, pin)
    for good in ("123456", "1234567", "12345678"):
        store.panel.set_pin(member.id or 0, good)
        assert store.panel.sign_in(member.id or 0, good).ok


def test_the_command_line_and_the_panel_file_refuse_such_pins(
    store: Store,
    round_path: Path,
    tmp_path: Path,
    panel_ids: dict[str, int],
    capsys: pytest.CaptureFixture[str],
) -> None:
    store.close()
    assert main(["set-pin", str(round_path), "--member", "Nora Quinn", "--pin", "٣٣٣٣٣٣"]) == 1
    assert "6 to 8 digits" in capsys.readouterr().err
    panel = tmp_path / "panel.csv"
    panel.write_text("name,group,categories,pin\nAnn Lee,officer,all,²²²²²²\n", "utf-8")
    assert main(["import", "panel", str(round_path), str(panel)]) == 1
    assert "row 2, pin: a PIN is 6 to 8 digits" in capsys.readouterr().err


def _legacy_member(store: Store, pin: str = "1234") -> int:
    """A member whose 4-digit PIN was set by an older version (stored as it stored it)."""
    member = store.panel.add_member("Nora Quinn", PanelGroup.CSE_ASSESSOR, [])
    with store.write():
        store.conn.execute(
            "UPDATE panel_members SET pin_hash = ? WHERE id = ?",
            [secrets.hash_secret(pin), member.id],
        )
    return member.id or 0


def test_an_old_4_digit_pin_still_signs_in_and_is_asked_to_change(store: Store) -> None:
    nora = _legacy_member(store)
    result = store.panel.sign_in(nora, "1234")
    assert result.ok and result.change_pin
    store.panel.set_pin(nora, "246810")
    assert not store.panel.sign_in(nora, "1234").ok
    again = store.panel.sign_in(nora, "246810")
    assert again.ok and not again.change_pin


def test_a_hash_made_at_a_lower_cost_is_stored_again_at_todays_on_sign_in(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    member = store.panel.add_member("Ann Lee", PanelGroup.OFFICER, [], pin="135790")
    old = store.conn.execute("SELECT pin_hash FROM panel_members").fetchone()[0]
    assert old.split("$")[1] == "1024"  # the tests' cheap cost
    monkeypatch.setattr(secrets, "_COST", secrets.ScryptCost(n=2**11, r=8, p=1))
    assert store.panel.sign_in(member.id or 0, "135790").ok
    new = store.conn.execute("SELECT pin_hash FROM panel_members").fetchone()[0]
    assert new.split("$")[1:4] == ["2048", "8", "1"]
    assert store.panel.sign_in(member.id or 0, "135790").ok


def test_the_apps_own_cost_is_scrypt_n_2_17_r_8_in_a_fresh_process(tmp_path: Path) -> None:
    """Outside the tests' fixture, every hash is made at OWASP's minimum for scrypt or more.
    (How long one check takes is measured by benchmarks/pin_guessing.py, not here.)"""
    path = tmp_path / "awards.csxawards"
    code = (
        "import sys; from csx_desktop.cli.main import main; "
        f"sys.exit(main(['new', {str(path)!r}, '--name', 'A', '--admin-passphrase', 'secret1']))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with Store.open(path) as store:
        stored = json.loads(
            store.conn.execute(
                "SELECT value FROM round_settings WHERE key = 'admin_passphrase_hash'"
            ).fetchone()[0]
        )
    scheme, n, r, p, *_ = stored.split("$")
    assert scheme == "scrypt" and int(n) >= 2**17 and int(r) >= 8 and int(p) >= 1


def test_a_crafted_hash_asking_for_a_huge_cost_is_refused_not_run() -> None:
    crafted = "$".join(["scrypt", str(2**30), "8", "1", "AAAAAAAAAAAAAAAAAAAAAA==", "AAAA"])
    assert not secrets.verify_secret("123456", crafted)


class Clock:
    """The sign-in clock, held still: waits are checked without sleeping or racing it."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    held = Clock()
    monkeypatch.setattr(sign_ins, "_clock", held)
    return held


def test_wrong_pins_and_their_wait_are_kept_in_the_round(
    store: Store, round_path: Path, panel_ids: dict[str, int], clock: Clock
) -> None:
    nora = panel_ids["Nora Quinn"]
    results = [store.panel.sign_in(nora, "000000") for _ in range(3)]
    assert [r.failures for r in results] == [1, 2, 3]
    assert [r.wait for r in results] == [0, 0, 2]
    store.close()
    # A restart (a new window, another program) resets nothing.
    with Store.open(round_path) as again:
        assert again.panel.failed_sign_ins(nora) == 3
        assert again.panel.sign_in_wait(nora) == 2
        clock.advance(1)
        assert again.panel.sign_in_wait(nora) == 1
        right_too_soon = again.panel.sign_in(nora, "123456")
        assert not right_too_soon.ok and not right_too_soon.checked
        assert again.panel.failed_sign_ins(nora) == 3  # a try inside the wait is not counted
        clock.advance(1)
        fourth = again.panel.sign_in(nora, "999999")
        assert fourth.failures == 4 and fourth.wait == 4
        clock.advance(4)
        assert again.panel.sign_in(nora, "123456").ok
        assert again.panel.failed_sign_ins(nora) == 0 and again.panel.sign_in_wait(nora) == 0


def test_the_administrators_passphrase_is_slowed_and_kept_the_same_way(
    store: Store, round_path: Path, clock: Clock
) -> None:
    # A hundred fast guesses: three are checked, the rest wait (and are audited).
    results = [store.round.admin_sign_in(f"guess-{n}") for n in range(100)]
    assert sum(r.checked for r in results) == 3
    assert all(not r.ok for r in results)
    store.close()
    with Store.open(round_path) as again:
        assert again.round.admin_sign_in_wait() > 0
        assert not again.round.admin_sign_in("secret1").ok  # right, but inside the wait
        clock.advance(2)
        assert again.round.admin_sign_in("secret1").ok
        assert again.round.admin_sign_in_wait() == 0
        rows = [r for r in again.audit_log(500) if r["entity"] == "administrator"]
    assert len(rows) == 102
    assert {r["actor"] for r in rows} == {SIGN_IN_ACTOR}
    assert [r["action"] for r in rows[:2]] == ["sign in", "sign-in refused (waiting)"]
    assert sum(r["action"] == "wrong passphrase" for r in rows) == 3


def test_every_sign_in_has_an_audit_row_and_none_holds_a_secret(
    store: Store, panel_ids: dict[str, int]
) -> None:
    nora = panel_ids["Nora Quinn"]
    store.panel.sign_in(nora, "654321")
    store.panel.sign_in(nora, "123456")
    store.round.admin_sign_in("not-it-1")
    store.round.admin_sign_in("secret1")
    rows = store.audit_log(20)
    actions = [(r["action"], r["entity"]) for r in rows if r["actor"] == SIGN_IN_ACTOR]
    assert actions == [
        ("sign in", "administrator"),
        ("wrong passphrase", "administrator"),
        ("sign in", "panel member"),
        ("wrong PIN", "panel member"),
    ]
    everything = json.dumps(store.audit_log(10_000))
    for secret in ("654321", "123456", "not-it-1", "secret1"):
        assert secret not in everything


def test_a_round_without_a_passphrase_lets_nobody_in_as_administrator(tmp_path: Path) -> None:
    path = tmp_path / "old.csxawards"
    with Store.create(path, name="Made by an older version", year=2026) as store:
        result = store.round.admin_sign_in("")
        assert not result.ok and result.no_secret
        assert not store.round.verify_admin("anything")


def test_new_refuses_without_a_passphrase_away_from_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "awards.csxawards"
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False, raising=False)
    assert main(["new", str(path), "--name", "Awards"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "passphrase" in err and "terminal" in err
    assert not path.exists()
    assert main(["new", str(path), "--name", "Awards", "--admin-passphrase", "short"]) == 1
    assert "at least 6 characters" in capsys.readouterr().err
    assert not path.exists()


def test_new_asks_for_the_passphrase_twice_at_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from csx_desktop.cli import round_commands

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter(["choose-one", "choose-two"])
    monkeypatch.setattr(round_commands.getpass, "getpass", lambda _prompt: next(answers))
    path = tmp_path / "awards.csxawards"
    assert main(["new", str(path), "--name", "Awards"]) == 1
    assert "not the same" in capsys.readouterr().err and not path.exists()
    answers = iter(["choose-one", "choose-one"])
    assert main(["new", str(path), "--name", "Awards"]) == 0
    with Store.open(path) as store:
        assert store.round.admin_sign_in("choose-one").ok


# ---- the window --------------------------------------------------------------------------------


def _window(qtbot: QtBot, round_path: Path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.open_round(round_path)
    window.show()
    return window


def _choose(window: MainWindow, name: str) -> None:
    people = window.sign_in.people
    people.setCurrentRow(
        next(i for i in range(people.count()) if people.item(i).text().startswith(name))
    )


def test_a_fresh_window_shows_the_stored_wait_in_plain_words(
    qtbot: QtBot, store: Store, round_path: Path, panel_ids: dict[str, int], clock: Clock
) -> None:
    for _ in range(4):
        store.panel.sign_in(panel_ids["Nora Quinn"], "000000")
        clock.advance(60)
    store.panel.sign_in(panel_ids["Nora Quinn"], "000000")  # the fifth: wait 8 seconds
    store.close()
    window = _window(qtbot, round_path)
    _choose(window, "Nora Quinn")
    assert "You can try again in 8 seconds" in window.sign_in.message.text()
    assert not window.sign_in.sign_in_button.isEnabled()
    window.sign_in.secret.setText("123456")
    window.sign_in._sign_in()  # the right PIN, but too soon: still the sign-in screen
    assert window.session is None
    _choose(window, "Ben Castleton")  # someone else is not kept waiting
    assert window.sign_in.sign_in_button.isEnabled() and window.sign_in.message.text() == ""


def test_an_old_pin_signs_in_then_the_window_asks_for_a_new_one(
    qtbot: QtBot, store: Store, round_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nora = _legacy_member(store)
    store.panel.update_member(nora, category_ids=[store.round.category_named("Team").id or 0])
    store.close()
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: pytest.fail(str(a)))
    window = _window(qtbot, round_path)
    _choose(window, "Nora Quinn")
    window.sign_in.secret.setText("1234")
    window.sign_in._sign_in()
    page = window.sign_in
    assert window.session is None and page.new_pin_box.isVisible()
    assert "6 to 8 digits" in page.new_pin_intro.text()
    page.new_pin.setText("²²²²²²")
    page.new_pin_again.setText("²²²²²²")
    page._sign_in()
    assert window.session is None and "6 to 8 digits" in page.message.text()
    page.new_pin.setText("864209")
    page.new_pin_again.setText("864200")
    page._sign_in()
    assert window.session is None and "not the same" in page.message.text()
    page.new_pin_again.setText("864209")
    page._sign_in()
    assert isinstance(window.workspace, MemberWorkspace)
    assert window.session is not None and window.session.person.name == "Nora Quinn"
    assert window.store is not None
    assert window.store.panel.sign_in(nora, "864209").ok
    assert not window.store.panel.sign_in(nora, "1234").ok
    set_pin = [r for r in window.store.audit_log(20) if r["action"] == "set PIN"]
    assert set_pin and set_pin[0]["actor"] == "Nora Quinn"


def test_the_administrator_without_a_passphrase_is_told_how_to_set_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = tmp_path / "old.csxawards"
    Store.create(path, name="Made by an older version", year=2026).close()
    window = _window(qtbot, path)
    _choose(window, "Administrator")
    window.sign_in.secret.setText("")
    window.sign_in._sign_in()
    assert window.session is None
    assert "csx-admin passphrase" in window.sign_in.message.text()
