"""The very first start (no demo, no token, empty data folder): the window opens on
Schnittstellen with the token field ready, and every empty tab says what to do."""

from __future__ import annotations

import pytest

from craftdesk.context import AppContext, MemoryTokenStore
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.store.models import Customer
from craftdesk.sync.controller import SyncController
from craftdesk.sync.scheduler import SyncScheduler
from craftdesk.ui.main_window import PROJECTS_TAB, MainWindow


@pytest.fixture
def fresh(qtbot, data_dir, sandbox, database):
    ctx = AppContext(data_dir=data_dir, api_url=sandbox.url, tokens=MemoryTokenStore(None), db_open=True)
    controller = SyncController(ctx)
    yield ctx, controller
    controller.shutdown()


def _window(qtbot, controller) -> MainWindow:
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_first_start_opens_schnittstellen_with_the_token_field_focused(qtbot, fresh):
    _ctx, controller = fresh
    window = _window(qtbot, controller)
    tab = window.interfaces_tab
    assert window.tabs.currentIndex() == 0
    assert window.windowTitle() == "craftdesk"
    qtbot.waitUntil(lambda: tab.token_edit.hasFocus(), timeout=2000)
    assert "Speichern" in tab.status.text()  # says what to do, not only "not connected"
    assert not tab.sync_button.isEnabled()
    assert tab.history_hint.isVisible() and "Noch kein Abgleich" in tab.history_hint.text()
    scheduler = SyncScheduler(controller)  # the next import waits for the connection
    tab.update_schedule_text()
    assert "Nächster: sobald sevDesk verbunden ist" in tab.schedule_text.text()
    scheduler.stop()


def test_empty_tabs_say_what_to_do_and_link_to_schnittstellen(qtbot, fresh):
    _ctx, controller = fresh
    window = _window(qtbot, controller)
    customers, articles, projects = window.tab(1), window.tab(2), window.tab(3)
    for index, tab, words in (
        (1, customers, "Noch keine Kunden"),
        (2, articles, "Noch keine Artikel"),
        (3, projects, "Noch keine Projekte"),
    ):
        window.tabs.setCurrentIndex(index)
        assert tab.empty_hint.isVisible(), words
        assert words in tab.empty_hint.text()
        assert 'href="interfaces"' in tab.empty_hint.text()
        tab.follow_link("interfaces")
        assert window.tabs.currentIndex() == 0
    assert not projects.import_button.isEnabled()


def test_empty_hint_goes_away_with_data_and_explains_a_search_without_hits(qtbot, fresh):
    _ctx, controller = fresh
    window = _window(qtbot, controller)
    customers = window.tab(1)
    window.tabs.setCurrentIndex(1)
    Customer.create(company="Bäckerei Schröder", customer_number="10002")
    customers.reload()
    assert not customers.empty_hint.isVisible()
    customers.search.setText("Zahnarzt")
    assert customers.empty_hint.isVisible()
    assert "Keine Treffer für „Zahnarzt“" in customers.empty_hint.text()
    customers.search.clear()
    assert not customers.empty_hint.isVisible()


def test_connected_start_opens_projekte_whose_empty_note_offers_the_import(qtbot, fresh, monkeypatch):
    ctx, controller = fresh
    ctx.tokens.set(DEMO_TOKEN)
    controller.mark_connected("Demo")
    window = _window(qtbot, controller)
    assert window.tabs.currentIndex() == PROJECTS_TAB
    projects = window.tab(PROJECTS_TAB)
    assert projects.import_button.isEnabled()
    assert 'href="import"' in projects.empty_hint.text()
    opened = []
    monkeypatch.setattr(projects, "open_order_import", lambda: opened.append(True))
    projects.empty_hint.linkActivated.emit("import")
    assert opened == [True]
