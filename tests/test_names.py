"""Comparing and ordering people's names: the same person however typed; lists a reader expects."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from csx_desktop.domain.model import Nomination
from csx_desktop.domain.names import name_key, sort_key, split_members, tidy_name
from csx_desktop.store import Store


def test_the_same_nominee_however_typed() -> None:
    assert name_key("Zoë O'Neill") == name_key("zoë  oneill") == name_key("ZOË O’NEILL")
    assert name_key("Zoe Whitfield") != name_key("Zoë Whitfield")  # may be two people


def test_names_are_listed_as_a_reader_files_them() -> None:
    names = ["Zoë Whitfield", "Łukasz Nowak", "Maya Lindqvist", "anita Sedgwick", "Øyvind Berg"]
    assert sorted(names, key=sort_key) == [
        "anita Sedgwick",
        "Łukasz Nowak",
        "Maya Lindqvist",
        "Øyvind Berg",
        "Zoë Whitfield",
    ]


@given(st.text())
def test_sort_key_ignores_case(name: str) -> None:
    assert sort_key(name) == sort_key(name.casefold())


def test_tidy_and_split() -> None:
    assert tidy_name("  Siobhán   O'Neill ") == "Siobhán O'Neill"
    assert split_members("Chris Lamb\nNatalie Wren; Steve Oxley, ,") == (
        "Chris Lamb",
        "Natalie Wren",
        "Steve Oxley",
    )


def test_the_round_file_lists_entries_in_that_order(store: Store) -> None:
    pride = store.round.category_named("Pride of Stockton").id
    assert pride is not None
    for name in ("Zoë Whitfield", "Łukasz Nowak", "Maya Lindqvist"):
        store.nominations.add(Nomination(category_id=pride, nominee=name, citation="x"))
    assert [e.nominee for e in store.nominations.entries(pride)] == [
        "Łukasz Nowak",
        "Maya Lindqvist",
        "Zoë Whitfield",
    ]


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_sort_key_of_plain_ascii_matches_the_full_unicode_path(name: str) -> None:
    # An accented letter forces the general path; it must agree with the ASCII shortcut.
    assert sort_key(name + "é") == sort_key(name) + "e"


@given(st.text())
def test_name_key_keeps_exactly_the_letters_and_digits(name: str) -> None:
    """The fast paths (ASCII, one regex) agree with the definition: NFC, case-folded,
    only what ``str.isalnum`` calls a letter or digit."""
    text = unicodedata.normalize("NFC", name).casefold()
    assert name_key(name) == "".join(ch for ch in text if ch.isalnum())


@given(st.text())
def test_tidy_name_removes_invisible_characters_and_spreads_no_space(name: str) -> None:
    tidy = tidy_name(name)
    assert tidy == tidy.strip() and "  " not in tidy
    assert not any(ch in tidy for ch in "\x00\x1b\u202e\u2066\ufeff")
    assert tidy_name(tidy) == tidy


# ---- hostile names, through every way in --------------------------------------------------------
# Control characters and direction overrides are taken out of a name wherever it arrives (the
# window's dialogs, the command line, every import); the audit keeps it as it arrived, and
# nothing downstream (an XLSX export, a certificate) meets them.

HOSTILE = "Ann\x00 Lee\u202e\x1b"  # a NUL, a right-to-left override, an escape
TIDY = "Ann Lee"


def _audited(store: Store, value: str) -> bool:
    """Whether some audit row holds ``value`` exactly as typed (in the row's JSON)."""
    as_json = json.dumps(value, ensure_ascii=False)[1:-1]
    return any(as_json in (row["after"] or "") for row in store.audit_log(10_000))


def test_names_typed_in_the_windows_dialogs_are_tidied_and_audited_as_typed(
    qtbot: object, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QDialog

    from csx_desktop.domain.model import PanelGroup
    from csx_desktop.ui.areas.nominations import NominationsArea
    from csx_desktop.ui.areas.panel import PanelArea
    from csx_desktop.ui.nomination_dialogs import NominationDialog
    from csx_desktop.ui.panel_dialogs import MemberDialog
    from csx_desktop.ui.session import Person, Role, Session

    session = Session(store, Person(Role.ADMINISTRATOR))
    try:

        def nomination(dialog: QDialog) -> int:
            assert isinstance(dialog, NominationDialog)
            dialog.category.setCurrentIndex(dialog.category.findText("Team"))
            dialog.nominee.setText("Waste\u202e Crew\x07")
            dialog.members.setPlainText(f"{HOSTILE}\nBob\x00 Cray")
            dialog.citation.setPlainText("Never missed a bin.")
            dialog.nominator.setText("Zo\x1bë\u2066 Whitfield")
            return 1

        monkeypatch.setattr(QDialog, "exec", nomination)
        NominationsArea(session).add_nomination()
        (entry,) = store.nominations.entries()
        assert (entry.nominee, entry.team_members) == ("Waste Crew", (TIDY, "Bob Cray"))
        (stored,) = store.nominations.nominations_for(entry.id or 0)
        assert stored.nominator_name == "Zoë Whitfield"
        assert _audited(store, "Waste\u202e Crew\x07")

        def member(dialog: MemberDialog) -> int:
            dialog.name.setText(HOSTILE)
            dialog.group.setCurrentIndex(dialog.group.findData(PanelGroup.OFFICER.value))
            return 1

        monkeypatch.setattr(MemberDialog, "exec", member)
        PanelArea(session).add_button.click()
        assert [m.name for m in store.panel.members()] == [TIDY]
        assert _audited(store, HOSTILE)
    finally:
        session.end()


def test_names_given_on_the_command_line_are_tidied_and_audited_as_typed(
    store: Store, round_path: Path, tmp_path: Path
) -> None:
    from csx_desktop.cli.main import main

    extra = store.round.category_named("Extra Mile").id or 0
    first = store.nominations.add(Nomination(category_id=extra, nominee="Ann Lee", citation="x"))
    second = store.nominations.add(Nomination(category_id=extra, nominee="Ann Lee", citation="y"))
    store.close()
    file = str(round_path)
    assert main(["split", file, str(first.entry_id), str(second.id), "--name", HOSTILE + "2"]) == 0
    assert main(["bodies", file, "--add", "Community\x00 Services\u202e"]) == 0
    assert (
        main(
            [
                "settings",
                file,
                "--name",
                "Awards\u202e 2026",
                "--signatory-1",
                f"{HOSTILE}|Chief\x07 Executive",
            ]
        )
        == 0
    )
    new_round = tmp_path / "new.csxawards"
    assert (
        main(["new", str(new_round), "--name", "New\x1b Awards", "--admin-passphrase", "secret1"])
        == 0
    )
    with Store.open(round_path) as again:
        assert TIDY + "2" in [e.nominee for e in again.nominations.entries()]
        assert "Community Services" in again.round.nominating_bodies()
        settings = again.round.settings()
        assert settings.name == "Awards 2026"
        assert (settings.signatories[0].name, settings.signatories[0].title) == (
            TIDY,
            "Chief Executive",
        )
        assert _audited(again, HOSTILE + "2") and _audited(again, "Community\x00 Services\u202e")
        assert _audited(again, f"{HOSTILE}")
    with Store.open(new_round) as made:
        assert made.round.settings().name == "New Awards"
        assert _audited(made, "New\x1b Awards")


def test_names_in_imports_are_tidied_and_the_batch_audit_keeps_them_as_typed(
    store: Store, round_path: Path, tmp_path: Path
) -> None:
    import csv
    import hashlib

    from csx_desktop.cli.main import main

    store.close()
    nominations = tmp_path / "nominations.csv"
    panel = tmp_path / "panel.csv"
    with nominations.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["Category", "Nominee", "Citation"], ["Extra Mile", HOSTILE, "Kind."]]
        )
    with panel.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [["name", "group", "categories"], ["\u202eNora\x00 Quinn", "officer", "all"]]
        )
    assert main(["import", "nominations", str(round_path), str(nominations)]) == 0
    assert main(["import", "panel", str(round_path), str(panel)]) == 0
    out = tmp_path / "results.xlsx"
    assert main(["export", "results", str(round_path), str(out)]) == 0  # it crashed before
    with Store.open(round_path) as again:
        assert [e.nominee for e in again.nominations.entries()] == [TIDY]
        assert [m.name for m in again.panel.members()] == ["Nora Quinn"]
        # The file reader drops NUL bytes before anything else; the override arrives.
        assert _audited(again, "\u202eNora Quinn")
        # A nominations import reads every answer through one cleaner (io.reading); its audit
        # row names the file by its SHA-256, which holds every name as it was typed.
        batch = next(r for r in again.audit_log(50) if r["entity"] == "nominations")
        digest = hashlib.sha256(nominations.read_bytes()).hexdigest()
        assert digest in (batch["after"] or "")
