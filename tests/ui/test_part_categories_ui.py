"""A1a in the window: the part categories are a choice among the account's real ones, the
first connect asks when "Artikel" is missing, and a run without a category says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from craftdesk.context import AppContext, MemoryTokenStore
from craftdesk.sandbox import DEMO_TOKEN, Sandbox, build_demo_data
from craftdesk.store import settings
from craftdesk.store.models import Article, SyncRun
from craftdesk.sync.controller import SyncController
from craftdesk.ui.interfaces_tab import InterfacesTab
from craftdesk.ui.part_categories_dialog import PartCategoriesDialog

FAST = {"backoff_base": 0.01, "backoff_max": 0.05, "max_retries": 1}


@pytest.fixture
def real_ctx(data_dir, database):
    sb = Sandbox(data=build_demo_data(real_categories=True))
    sb.start()
    context = AppContext(data_dir=data_dir, api_url=sb.url, tokens=MemoryTokenStore(), db_open=True)
    yield context
    sb.stop()


@pytest.fixture
def made(qtbot):
    controllers: list[SyncController] = []

    def build(ctx):
        controller = SyncController(ctx, client_options=FAST)
        tab = InterfacesTab(controller)
        qtbot.addWidget(tab)
        controllers.append(controller)
        return controller, tab

    yield build
    for controller in controllers:
        controller.shutdown()


def _tick(dialog: PartCategoriesDialog, names: set[str]) -> None:
    for row in range(dialog.list.count()):
        item = dialog.list.item(row)
        state = (
            Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in names else Qt.CheckState.Unchecked
        )
        item.setCheckState(state)


def test_A1a_first_connect_asks_for_categories_then_imports_them(qtbot, real_ctx, made):
    controller, tab = made(real_ctx)
    tab.token_edit.setText(DEMO_TOKEN)
    assert tab.save_token()
    qtbot.waitUntil(lambda: getattr(tab.settings_panel, "category_dialog", None) is not None, timeout=20000)
    dialog = tab.settings_panel.category_dialog
    assert "keine Kategorie „Artikel“" in dialog.intro.text()
    labels = [dialog.list.item(r).text() for r in range(dialog.list.count())]
    assert labels == ["Standard", "Dienstleistung", "Artikel (gibt es in sevDesk nicht)"]
    assert controller.hold_reason == "question"  # no recurring import while asked
    assert not SyncRun.select().where(SyncRun.kind == "articles").exists()
    _tick(dialog, set())
    assert not dialog.ok_button.isEnabled()  # at least one
    _tick(dialog, {"Standard"})
    dialog.accept()
    assert settings.get("part_categories") == ["Standard"]
    qtbot.waitUntil(
        lambda: SyncRun.select().where(SyncRun.kind == "articles", SyncRun.status == "ok").exists(),
        timeout=20000,
    )
    assert Article.select().count() > 0
    assert controller.hold_reason is None
    assert tab.settings_panel.part_categories.text() == "Standard"


def test_A1a_connect_to_an_account_with_artikel_asks_nothing(qtbot, ctx, made):
    ctx.tokens = MemoryTokenStore()
    _controller, tab = made(ctx)
    tab.token_edit.setText(DEMO_TOKEN)
    assert tab.save_token()
    qtbot.waitUntil(
        lambda: SyncRun.select().where(SyncRun.kind == "articles", SyncRun.status == "ok").exists(),
        timeout=20000,
    )
    assert getattr(tab.settings_panel, "category_dialog", None) is None


def test_A1a_run_without_a_category_shows_the_warning(qtbot, real_ctx, made):
    real_ctx.tokens = MemoryTokenStore(DEMO_TOKEN)
    controller, tab = made(real_ctx)
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        assert tab.sync_now()
    text = tab.progress_text.text()
    assert "„Standard“, „Dienstleistung“" in text and "keine Artikel" in text
    assert tab.history.item(0, 9).text().startswith("Keine der eingestellten")


def test_A1a_settings_choice_lists_the_account_categories(qtbot, real_ctx, made):
    real_ctx.tokens = MemoryTokenStore(DEMO_TOKEN)
    settings.set("sevdesk_enabled", True)
    _controller, tab = made(real_ctx)
    panel = tab.settings_panel
    assert panel.choose_categories.isEnabled()
    assert panel.fetch_categories()
    qtbot.waitUntil(lambda: getattr(panel, "category_dialog", None) is not None, timeout=10000)
    dialog = panel.category_dialog
    assert "keine Kategorie" not in dialog.intro.text()
    _tick(dialog, {"Standard", "Dienstleistung"})
    dialog.accept()
    assert settings.get("part_categories") == ["Standard", "Dienstleistung"]
    assert panel.part_categories.text() == "Standard, Dienstleistung"
