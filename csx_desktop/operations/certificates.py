"""Printing the certificates: one PDF of every certificate chosen, one a page.

For the Certificates area (the ticked ones) and ``csx-admin certificates`` (by award level,
per team member, or one nominee) alike. The rules: a PDF file name; something to print (a
decision recorded for the levels asked for); a name no bundled font can draw is never
printed blank — it is listed, and nothing is written unless the others are asked for
(``skip_undrawable``); the file is written whole or not at all, and replaces one of the same
name only when asked to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from csx_desktop.store.database import Store
from csx_desktop.store.errors import InputRefused

if TYPE_CHECKING:  # ReportLab is loaded when certificates are drawn, not with this module
    from csx_desktop.certificates.batch import Choice, Undrawable
    from csx_desktop.certificates.certificate import Certificate


@dataclass(frozen=True, slots=True)
class CertificatesWritten:
    path: Path
    pages: int
    left_out: tuple[Undrawable, ...] = ()  # names no font can draw, listed, not printed
    notes: tuple[str, ...] = ()  # details missing from the round (a date, a signatory)

    def summary(self) -> str:
        plural = "" if self.pages == 1 else "s"
        left = f"; {len(self.left_out)} left out (listed above)" if self.left_out else ""
        return f"Wrote {self.pages} certificate{plural} to {self.path}{left}."


def certificates_chosen(store: Store, *, choice: Choice) -> list[Certificate]:
    """The certificates a choice of award levels (and members, or a nominee) gives."""
    from csx_desktop.certificates.batch import certificates_for

    return certificates_for(store, choice)


def write_certificates(
    store: Store,
    *,
    certificates: Sequence[Certificate],
    dest: str | Path,
    overwrite: bool,
    skip_undrawable: bool = False,
) -> CertificatesWritten:
    from csx_desktop.certificates.batch import (
        cannot_draw,
        missing_details,
        undrawable_message,
        write_pdf_file,
    )

    path = Path(dest)
    if path.suffix.lower() != ".pdf":
        raise InputRefused(
            f"The certificates are a PDF: give a file name ending in .pdf, not {path.name}."
        )
    if not certificates:
        raise InputRefused(
            "There are no certificates to print yet: no decision is recorded for the levels "
            "asked for. Record the panel's decisions first, or include the nominees "
            "(--include nominees)."
        )
    # Listed before anything is written: a name is never printed blank or as boxes.
    undrawable = cannot_draw(certificates)
    if undrawable and not skip_undrawable:
        raise InputRefused(
            undrawable_message(undrawable, limit=len(undrawable))
            + "\nNothing was written. Leave them out to write the others (on the command "
            "line: --skip-undrawable)."
        )
    left_out = {id(item.certificate) for item in undrawable}
    printable = [c for c in certificates if id(c) not in left_out]
    if not printable:
        raise InputRefused("Every certificate asked for has a name that cannot be drawn.")
    settings = store.round.settings()
    pages = write_pdf_file(printable, settings, path, overwrite=overwrite)
    return CertificatesWritten(path, pages, tuple(undrawable), tuple(missing_details(settings)))


def certificates_pdf(store: Store, *, certificates: Sequence[Certificate]) -> bytes:
    """The same PDF in memory, for the preview and the printer."""
    import io

    from csx_desktop.certificates.batch import write_pdf

    stream = io.BytesIO()
    write_pdf(certificates, store.round.settings(), stream)
    return stream.getvalue()
