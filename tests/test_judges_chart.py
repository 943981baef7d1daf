"""Judges at a glance: the chair's chart of each judge beside the panel, and its words."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from csx_desktop.demo.builder import build_demo_round
from csx_desktop.domain.rubric import EXTRA_MILE
from csx_desktop.store import Store
from csx_desktop.store.counts import judges_at_a_glance
from csx_desktop.ui.judges_chart import JudgesAtAGlanceView


def test_every_judge_is_drawn_and_said_in_words(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "demo.csxawards"
    build_demo_round(path)
    with Store.open(path) as store:
        category_id = int(store.round.category_named(EXTRA_MILE).id or 0)
        view = judges_at_a_glance(store, category_id)
        judges = {m.name for m in store.panel.members() if category_id in m.category_ids}
    assert {line.name for line in view.judges} <= judges and view.judges
    assert len(view.groups_agree) == 3
    widget = JudgesAtAGlanceView()
    qtbot.addWidget(widget)
    widget.set_view(view)
    widget.resize(900, widget.sizeHint().height())
    widget.show()
    described = widget.chart.accessibleDescription()
    for line in view.judges:
        assert line.name in described and line.leniency in described
        assert line.name in widget.words.text()
    assert "agree" in widget.words.text() or "order" in widget.words.text()
    assert widget.chart.accessibleName() == "Judges at a glance"
    image = widget.chart.grab().toImage()
    assert (
        image.width() > 0
        and len({image.pixel(x, image.height() // 3) for x in range(0, image.width(), 3)}) > 2
    )
