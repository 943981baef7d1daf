"""The administrator's areas, one module each, listed in sidebar order.

Areas are imported and built only when first opened, which keeps start-up fast.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AreaSpec:
    title: str
    module: str  # under csx_desktop.ui.areas
    class_name: str
    hint: str  # the sidebar tooltip


AREAS: tuple[AreaSpec, ...] = (
    AreaSpec("Nominations", "nominations", "NominationsArea", "Import and tidy the nominations"),
    AreaSpec("Panel", "panel", "PanelArea", "Panel members, PINs and declared interests"),
    AreaSpec("Scoring progress", "progress", "ProgressArea", "Who has scored what"),
    AreaSpec("Results", "results", "ResultsArea", "Rankings and the panel's decisions"),
    AreaSpec("Shining Star", "shining_star", "ShiningStarArea", "Shortlist and the staff vote"),
    AreaSpec("Certificates", "certificates", "CertificatesArea", "Preview, save and print"),
    AreaSpec("Round settings", "settings", "SettingsArea", "Name, dates, signatories, rules"),
)
