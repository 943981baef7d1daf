"""The council's logo on the certificates: chosen, kept in the round, drawn once per batch.

A PNG or an SVG (told by its bytes) of at most 2 MB is kept in the round file itself; every
kind of certificate shows it at the top left (rendered with pdftoppm and checked there);
1,000 certificates store it once, so the PDF grows by about one logo, not a thousand; a file
that is no logo, too big, or an SVG that reaches outside itself is refused in one line.
"""

from __future__ import annotations

import datetime
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from csx_desktop.certificates.batch import write_pdf
from csx_desktop.certificates.certificate import PAGE_HEIGHT, PAGE_WIDTH, Certificate
from csx_desktop.certificates.logo import LOGO_BOX, check_logo, read_logo
from csx_desktop.cli.main import main
from csx_desktop.domain.model import AwardLevel, Logo, RoundSettings, Signatory
from csx_desktop.store import InputRefused, Store

BLUE = (0, 94, 130)
SVG = b"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120" viewBox="0 0 300 120">
  <rect x="5" y="5" width="110" height="110" rx="16" fill="#005e82"/>
  <path d="M60 20 L100 100 L20 100 Z" fill="#ffffff"/>
  <text x="125" y="55" font-family="Helvetica" font-size="34" font-weight="bold"
        fill="#005e82">Stockton</text>
  <text x="125" y="95" font-family="Helvetica" font-size="34" fill="#505050">Council</text>
</svg>"""


def _png(size: tuple[int, int] = (600, 240), noise: bool = False) -> bytes:
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((10, 10, size[1] - 10, size[1] - 10), radius=30, fill=(*BLUE, 255))
    if noise:  # a photograph-like logo that compresses badly: its size shows in the PDF
        import random

        rng = random.Random(1)
        for x in range(size[1], size[0]):
            for y in range(size[1]):
                image.putpixel((x, y), (rng.randrange(256), 0, rng.randrange(256), 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def png_file(tmp_path: Path) -> Path:
    path = tmp_path / "council-logo.png"
    path.write_bytes(_png())
    return path


@pytest.fixture
def svg_file(tmp_path: Path) -> Path:
    path = tmp_path / "council-logo.svg"
    path.write_bytes(SVG)
    return path


EVERY_KIND = [
    Certificate(award="Extra Mile", level=AwardLevel.WINNER, recipient="Maya Lindqvist",
                recognition="for going above and beyond", service="Adult Social Care"),
    Certificate(award="Pride of Stockton", level=AwardLevel.HIGHLY_COMMENDED,
                recipient="Łukasz Nowak", recognition="for helping others"),
    Certificate(award="Team", level=AwardLevel.WINNER, recipient="SEND Transport Team",
                recognition="for bringing out the best in every member of the team",
                team_members=("Lynn Brough", "Jade Walton")),
    Certificate(award="Team", level=AwardLevel.WINNER, recipient="Jade Walton",
                recognition="for bringing out the best", team="SEND Transport Team"),
    Certificate(award="Shining Star", level=AwardLevel.WINNER, recipient="Grace Etherington",
                recognition="chosen by the votes of their colleagues", staff_vote=True),
    Certificate(award="Shining Star", level=AwardLevel.HIGHLY_COMMENDED,
                recipient="Aaron Bulmer", recognition="", staff_vote=True),
    Certificate(award="Extra Mile", level=AwardLevel.NOMINATED, recipient="Owen Marsh",
                recognition="for going above and beyond"),
]  # fmt: skip


def _settings(logo: Logo | None) -> RoundSettings:
    return RoundSettings(
        name="Customer Service Awards 2026",
        year=2026,
        ceremony_date=datetime.date(2026, 12, 10),
        signatories=(Signatory("Catherine Ellwood", "Chief Executive"), Signatory()),
        council_logo=logo,
    )


def _pdf(certificates: list[Certificate], logo: Logo | None) -> bytes:
    buffer = io.BytesIO()
    write_pdf(certificates, _settings(logo), buffer, invariant=True)
    return buffer.getvalue()


# ---- checking a logo ---------------------------------------------------------------------------


def test_a_png_and_an_svg_are_read_by_their_bytes(png_file: Path, svg_file: Path) -> None:
    assert read_logo(png_file).kind == "png"
    assert read_logo(svg_file).kind == "svg"
    renamed = png_file.with_name("logo.svg")  # the name does not decide
    shutil.copy(png_file, renamed)
    assert read_logo(renamed).kind == "png"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\xff\xd8\xff\xe0 a JPEG", "not a PNG or an SVG"),
        (b"Dear panel", "not a PNG or an SVG"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "damaged PNG"),
        (SVG.replace(b"<rect", b'<image href="https://evil.example/x.png"/><rect'), "outside"),
        (SVG.replace(b"<rect", b'<image href="file:///etc/passwd"/><rect'), "outside"),
        (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
         b"<svg xmlns='http://www.w3.org/2000/svg' width='10' height='10'>&x;</svg>", "outside"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", "cannot be drawn"),
    ],
    ids=["jpeg", "text", "damaged png", "web image", "file image", "entity", "no size"],
)  # fmt: skip
def test_what_is_no_logo_is_refused_in_one_line(data: bytes, words: str) -> None:
    with pytest.raises(InputRefused, match=words):
        check_logo(data, "logo")


def test_a_logo_over_2_mb_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "huge.png"
    big.write_bytes(_png() + b"\x00" * (2 * 1024 * 1024))
    with pytest.raises(InputRefused, match="at most 2 MB"):
        read_logo(big)


# ---- kept in the round, set from the command line ---------------------------------------------


def test_the_logo_is_kept_in_the_round_and_audited_by_its_digest(
    store: Store, round_path: Path, png_file: Path, tmp_path: Path
) -> None:
    logo = read_logo(png_file)
    store.round.update_settings(council_logo=logo)
    store.close()
    png_file.unlink()  # the round does not need the file any more
    with Store.open(round_path) as again:
        assert again.round.settings().council_logo == logo
        row = again.audit_log(1)[0]
        after = json.loads(row["after"])["council_logo"]
        assert after["name"] == "council-logo.png" and len(after["sha256"]) == 64
        assert "data" not in after and len(row["after"]) < 500
        again.round.update_settings(council_logo=None)
        assert again.round.settings().council_logo is None


def test_settings_logo_and_no_logo_on_the_command_line(
    store: Store,
    round_path: Path,
    svg_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    store.close()
    assert main(["settings", str(round_path), "--logo", str(svg_file)]) == 0
    assert "Council logo:     council-logo.svg (SVG" in capsys.readouterr().out
    not_a_logo = tmp_path / "notes.png"
    not_a_logo.write_text("notes")
    assert main(["settings", str(round_path), "--logo", str(not_a_logo)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a PNG or an SVG" in err
    with Store.open(round_path) as again:
        assert again.round.settings().council_logo is not None
    assert main(["settings", str(round_path), "--no-logo"]) == 0
    assert "Council logo:     (not set)" in capsys.readouterr().out


# ---- on the certificates --------------------------------------------------------------------------


def _has_logo(page: Path) -> bool:
    """Blue pixels of the logo inside its box at the top left of a rendered page."""
    image = Image.open(page).convert("RGB")
    scale = image.width / PAGE_WIDTH
    x, y, width, height = LOGO_BOX
    box = (
        int(x * scale),
        int((PAGE_HEIGHT - y - height) * scale),
        int((x + width) * scale),
        int((PAGE_HEIGHT - y) * scale),
    )
    raw = image.crop(box).tobytes()
    pixels = zip(raw[0::3], raw[1::3], raw[2::3], strict=True)
    return sum(1 for r, g, b in pixels if b > 100 and r < 60 and 60 < g < 130) > 50


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils (pdftoppm)")
@pytest.mark.parametrize("kind", ["png", "svg"])
def test_every_kind_of_certificate_shows_the_logo(
    tmp_path: Path, png_file: Path, svg_file: Path, kind: str
) -> None:
    logo = read_logo(png_file if kind == "png" else svg_file)
    pdf = tmp_path / "certificates.pdf"
    pdf.write_bytes(_pdf(EVERY_KIND, logo))
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(EVERY_KIND)
    assert all(_has_logo(page) for page in pages)
    bare = tmp_path / "bare.pdf"
    bare.write_bytes(_pdf(EVERY_KIND[:1], None))
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(bare), str(tmp_path / "bare")], check=True)
    assert not _has_logo(next(tmp_path.glob("bare-*.png")))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True)
    assert " no " not in fonts.stdout.split("\n", 2)[2]  # every font embedded (no Helvetica)


def test_a_thousand_certificates_store_the_logo_once(png_file: Path) -> None:
    photo_like = check_logo(_png(noise=True), "photo-like.png")
    batch = [EVERY_KIND[i % len(EVERY_KIND)] for i in range(1000)]
    without = len(_pdf(batch, None))
    with_logo = _pdf(batch, photo_like)
    assert len(with_logo) - without < 2 * len(photo_like.data)  # one logo, not a thousand
    # The frame form holds the image; every page places the form.
    assert with_logo.count(b"/Subtype /Image") <= 2  # the image and its transparency mask
    assert len(PdfReader(io.BytesIO(with_logo)).pages) == 1000


def test_the_round_settings_form_chooses_and_removes_the_logo(
    qtbot: QtBot, store: Store, png_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from csx_desktop.ui.settings_form import CertificateDetailsForm

    form = CertificateDetailsForm()
    qtbot.addWidget(form)
    settings = store.round.settings()
    form.load(settings)
    assert form.changes(settings) == {}
    assert "No logo" in form.logo.label.text() and not form.logo.remove.isEnabled()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(png_file), "Logos (*.png *.svg)")
    )
    form.logo.choose.click()
    assert form.logo.label.text() == "Logo: council-logo.png"
    store.round.update_settings(**form.changes(settings))
    saved = store.round.settings()
    assert saved.council_logo is not None and saved.council_logo.kind == "png"
    form.load(saved)
    form.logo.remove.click()
    assert form.changes(saved) == {"council_logo": None}
