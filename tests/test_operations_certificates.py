"""Certificates through the operation: the rules hold for the window and the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from csx_desktop.operations.certificates import write_certificates
from csx_desktop.store import InputRefused, Store


def test_a_pdf_name_and_something_to_print_are_required(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputRefused, match=r"ending in \.pdf, not certs\.docx"):
        write_certificates(store, certificates=[], dest=tmp_path / "certs.docx", overwrite=False)
    with pytest.raises(InputRefused, match="no certificates to print yet"):
        write_certificates(store, certificates=[], dest=tmp_path / "certs.pdf", overwrite=False)
    assert not any(p.suffix in (".pdf", ".docx") for p in tmp_path.iterdir())
