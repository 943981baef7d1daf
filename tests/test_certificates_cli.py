"""``csx-admin certificates`` and ``csx-admin settings``: what they write, and what they refuse."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from csx_desktop.cli.main import main
from csx_desktop.domain.model import Nomination
from csx_desktop.store import Store


def _decide(store: Store) -> None:
    ids = {}
    for category, nominee, members in (
        ("Extra Mile", "Łukasz Nowak", ()),
        ("Extra Mile", "Owen Marsh", ()),
        ("Team", "SEND Transport Team", ("Lynn Brough", "Jade Walton")),
    ):
        category_id = store.round.category_named(category).id
        assert category_id is not None
        n = store.nominations.add(
            Nomination(category_id=category_id, nominee=nominee, citation="x", team_members=members)
        )
        assert n.entry_id is not None
        ids[nominee] = (category_id, n.entry_id)
    store.decisions._record(ids["Łukasz Nowak"][0], winners=[ids["Łukasz Nowak"][1]])


@pytest.fixture
def decided_file(store: Store, round_path: Path) -> Path:
    _decide(store)
    store.close()
    return round_path


def _pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def test_certificates_writes_the_decided_awards(
    decided_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "certificates.pdf"
    assert main(["certificates", str(decided_file), "-o", str(out)]) == 0
    pages = _pages(out)
    assert len(pages) == 1 and "Łukasz Nowak" in pages[0]
    captured = capsys.readouterr()
    assert "Wrote 1 certificate to" in captured.out
    assert "No ceremony date" in captured.err  # a note, not a refusal


def test_include_nominees_and_per_member(decided_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.pdf"
    args = ["certificates", str(decided_file), "-o", str(out), "--per-member"]
    assert main([*args, "--include", "winners,nominees"]) == 0
    texts = _pages(out)
    assert len(texts) == 5  # Łukasz; Owen; the team and its two members
    assert "Jade Walton" in texts[-1] and "member of SEND Transport Team" in texts[-1]


def test_nominee_reprints_one(decided_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "one.pdf"
    assert main(["certificates", str(decided_file), "-o", str(out), "--nominee", "owen marsh"]) == 0
    texts = _pages(out)
    assert len(texts) == 1 and "Owen Marsh" in texts[0] and "NOMINATED" in texts[0]


def test_refusals_leave_no_file(
    store: Store, round_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    out = tmp_path / "none.pdf"
    assert main(["certificates", str(round_path), "-o", str(out)]) == 1
    assert "no certificates to print yet" in capsys.readouterr().err
    assert main(["certificates", str(round_path), "-o", str(out), "--include", "losers"]) == 1
    assert "'losers' is not a kind of certificate" in capsys.readouterr().err
    assert main(["certificates", str(round_path), "-o", str(tmp_path / "x.docx")]) == 1
    assert not out.exists() and list(tmp_path.glob("*.partial")) == []


def test_settings_change_what_certificates_print(
    store: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    args = [
        "settings",
        str(round_path),
        "--ceremony-date",
        "2026-12-10",
        "--signatory-1",
        "Catherine Ellwood | Chief Executive",
        "--signatory-2",
        "Siobhán Ní Bhriain|Mayor",
        "--min-judges",
        "3",
        "--voting-opens",
        "2026-11-02T09:00",
        "--voting-closes",
        "2026-11-13T17:00",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Changed 5 settings" in out and "Siobhán Ní Bhriain — Mayor" in out
    with Store.open(round_path) as reopened:
        settings = reopened.round.settings()
    assert settings.ceremony_date == datetime.date(2026, 12, 10)
    assert settings.signatories[0].name == "Catherine Ellwood"
    assert settings.signatories[0].title == "Chief Executive"
    assert settings.min_judges == 3
    # An empty value clears a setting.
    assert main(["settings", str(round_path), "--ceremony-date", ""]) == 0
    with Store.open(round_path) as reopened:
        assert reopened.round.settings().ceremony_date is None


def test_settings_refusals(
    store: Store, round_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    with pytest.raises(SystemExit) as usage:
        main(["settings", str(round_path), "--ceremony-date", "10/12/2026"])
    assert usage.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    closes_first = ["--voting-opens", "2026-11-13T09:00", "--voting-closes", "2026-11-02T09:00"]
    assert main(["settings", str(round_path), *closes_first]) == 1
    assert "close after it opens" in capsys.readouterr().err
    assert main(["settings", str(round_path), "--disagreement-threshold", "130"]) == 1
    assert main(["settings", str(round_path), "--name", "  "]) == 1
    with Store.open(round_path) as reopened:
        assert reopened.round.settings().voting_opens is None  # nothing half-changed


def _decide_names(round_path: Path, names: list[str]) -> None:
    with Store.open(round_path) as store:
        category_id = store.round.category_named("Pride of Stockton").id
        assert category_id is not None
        ids = []
        for name in names:
            added = store.nominations.add(
                Nomination(category_id=category_id, nominee=name, citation="x")
            )
            assert added.entry_id is not None
            ids.append(added.entry_id)
        store.decisions._record(category_id, winners=ids[:1], highly_commended=ids[1:])


def test_a_name_no_font_can_draw_is_listed_and_nothing_is_written(
    store: Store, round_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store.close()
    _decide_names(round_path, ["محمد علي", "王秀英", "Sam Jones 🌟"])
    out = tmp_path / "certificates.pdf"
    assert main(["certificates", str(round_path), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "2 certificates cannot be printed" in err
    assert "王秀英 (Pride of Stockton Award, Highly Commended): 王 U+738B" in err
    assert "🌟 U+1F31F" in err and "--skip-undrawable" in err
    assert not out.exists()
    assert main(["certificates", str(round_path), "-o", str(out), "--skip-undrawable"]) == 0
    captured = capsys.readouterr()
    assert "王秀英" in captured.err
    assert "Wrote 1 certificate to" in captured.out and "2 left out" in captured.out
    pages = _pages(out)
    assert len(pages) == 1 and "محمد علي" in pages[0]
