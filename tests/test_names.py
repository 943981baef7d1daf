"""Comparing and ordering people's names: the same person however typed; lists a reader expects."""

from __future__ import annotations

import unicodedata

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
