"""Printing the certificates: one PDF of every certificate chosen, one a page.

For the Certificates area (the ticked ones) and ``csx-admin certificates`` (by award level,
per team member, or one nominee) alike. The rules: a PDF file name; something to print (a
decision recorded for the levels asked for); a name no bundled font can draw is never
printed blank — it is listed, and nothing is written unless the others are asked for
(``skip_undrawable``); the file is written whole or not at all, and replaces one of the same
name only when asked to.

Writing is three steps, as judging packs are (``operations.packs``), so the window can draw
a batch of hundreds on a worker thread and the window keeps turning:

* ``plan_certificates`` checks the rules and reads from the round all the batch prints (who,
  what, the date, the signatories and their signature images, the logo); it refuses before
  anything is drawn, and writes nothing.
* ``render_certificates`` draws the PDF in memory. It needs no round file (a worker may run
  it) and says how far it is through ``progress(done, total, words)``, which may raise to
  stop it: a stopped batch has written nothing.
* ``save_certificates`` writes the file beside its destination and renames it into place,
  so it is whole or not there. Writing certificates records nothing in the round: the round
  file is untouched whether the batch is saved, stopped or refused.

``write_certificates`` is the three in turn (the command line). ``plan_certificates_pdf``
and ``render_certificates`` make the same PDF for the preview and the printer;
``certificates_pdf`` is those two in turn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from csx_desktop.store.database import Store
from csx_desktop.store.errors import InputRefused

if TYPE_CHECKING:  # ReportLab is loaded when certificates are drawn, not with this module
    from csx_desktop.certificates.batch import CertificateJob, Choice, Undrawable
    from csx_desktop.certificates.certificate import Certificate

ProgressCallback = Callable[[int, int, str], None]


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


@dataclass(frozen=True, slots=True)
class CertificatesPlan:
    """A batch checked and read from the round, ready to draw; nothing drawn or written."""

    job: CertificateJob
    path: Path | None  # the PDF to write; None for the preview and the printer
    overwrite: bool = False
    left_out: tuple[Undrawable, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return self.job.count


@dataclass(frozen=True, slots=True)
class RenderedCertificates:
    """The batch drawn, in memory: nothing written yet."""

    plan: CertificatesPlan
    data: bytes = field(repr=False)
    pages: int


def certificates_chosen(store: Store, *, choice: Choice) -> list[Certificate]:
    """The certificates a choice of award levels (and members, or a nominee) gives."""
    from csx_desktop.certificates.batch import certificates_for

    return certificates_for(store, choice)


def plan_certificates(
    store: Store,
    *,
    certificates: Sequence[Certificate],
    dest: str | Path,
    overwrite: bool,
    skip_undrawable: bool = False,
) -> CertificatesPlan:
    """Check a batch to be saved as ``dest`` and read what it prints; refuse in one line
    (the names no font can draw listed beneath) before anything is drawn."""
    from csx_desktop.certificates.batch import (
        cannot_draw,
        missing_details,
        plan_pdf,
        undrawable_message,
    )
    from csx_desktop.store.files import check_destination

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
    check_destination(path, overwrite=overwrite)  # before any drawing
    settings = store.round.settings()
    return CertificatesPlan(
        plan_pdf(printable, settings),
        path,
        overwrite,
        tuple(undrawable),
        tuple(missing_details(settings)),
    )


def plan_certificates_pdf(store: Store, *, certificates: Sequence[Certificate]) -> CertificatesPlan:
    """Check a batch for the preview or the printer and read what it prints."""
    from csx_desktop.certificates.batch import plan_pdf

    return CertificatesPlan(plan_pdf(certificates, store.round.settings()), None)


def render_certificates(
    plan: CertificatesPlan, *, progress: ProgressCallback | None = None
) -> RenderedCertificates:
    """Draw the planned batch in memory. Needs no round file: a worker thread may run it.
    ``progress(done, total, words)`` is called as it goes; whatever it raises stops the
    drawing, and nothing has been written."""
    import io

    from csx_desktop.certificates.batch import render_pdf

    stream = io.BytesIO()
    pages = render_pdf(plan.job, stream, progress=progress)
    return RenderedCertificates(plan, stream.getvalue(), pages)


def save_certificates(*, rendered: RenderedCertificates) -> CertificatesWritten:
    """Write the drawn batch to its file whole or not at all (beside it, then renamed into
    place): a failure leaves any earlier file as it was and says why in one line."""
    from csx_desktop.store.files import write_file

    plan = rendered.plan
    if plan.path is None:
        raise InputRefused("These certificates were drawn for the printer, not for a file.")
    write_file(plan.path, rendered.data, overwrite=plan.overwrite)
    return CertificatesWritten(plan.path, rendered.pages, plan.left_out, plan.notes)


def write_certificates(
    store: Store,
    *,
    certificates: Sequence[Certificate],
    dest: str | Path,
    overwrite: bool,
    skip_undrawable: bool = False,
    progress: ProgressCallback | None = None,
) -> CertificatesWritten:
    """Write the certificates at once (``plan_certificates``, ``render_certificates``,
    ``save_certificates``)."""
    plan = plan_certificates(
        store,
        certificates=certificates,
        dest=dest,
        overwrite=overwrite,
        skip_undrawable=skip_undrawable,
    )
    return save_certificates(rendered=render_certificates(plan, progress=progress))


def certificates_pdf(store: Store, *, certificates: Sequence[Certificate]) -> bytes:
    """The same PDF in memory, for the preview and the printer."""
    plan = plan_certificates_pdf(store, certificates=certificates)
    return render_certificates(plan).data
