"""Tabs reload on ``data_changed`` only while visible; a hidden tab reloads once when shown."""

from __future__ import annotations

from decimal import Decimal

from fakes import FakeController

from craftdesk.store.models import Article
from craftdesk.ui.articles_tab import ArticlesTab
from craftdesk.ui.projects_tab import ProjectsTab


def _count_reloads(tab, monkeypatch) -> list[int]:
    calls: list[int] = []
    original = tab.reload
    monkeypatch.setattr(tab, "reload", lambda: (calls.append(1), original())[1])
    return calls


def test_hidden_record_tab_reloads_when_shown(qtbot, database, monkeypatch):
    controller = FakeController()
    tab = ArticlesTab(controller)
    qtbot.addWidget(tab)
    calls = _count_reloads(tab, monkeypatch)
    Article.create(
        number="A-1",
        name="Schraube",
        unit="Stk",
        net_price=Decimal("9.50"),
        vat_rate=Decimal(19),
        sevdesk_id="21",
    )

    controller.data_changed.emit("articles")
    controller.data_changed.emit("all")
    assert calls == [] and tab.proxy.rowCount() == 0

    tab.show()
    qtbot.waitExposed(tab)
    assert len(calls) == 1 and tab.proxy.rowCount() == 1

    controller.data_changed.emit("customers")  # not a change this tab shows
    assert len(calls) == 1
    controller.data_changed.emit("articles")
    assert len(calls) == 2


def test_hidden_projects_tab_reloads_when_shown(qtbot, database, monkeypatch):
    controller = FakeController()
    tab = ProjectsTab(controller)
    qtbot.addWidget(tab)
    calls = _count_reloads(tab, monkeypatch)

    controller.data_changed.emit("projects")
    assert calls == []
    tab.show()
    qtbot.waitExposed(tab)
    assert len(calls) == 1
    controller.data_changed.emit("customers")
    assert len(calls) == 2
