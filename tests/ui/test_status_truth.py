"""Status that tells the truth after the first connect, when sevDesk is unreachable, after a
token rejection, and in the tray (a real account's first week, items 3–6 and 26)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtGui import QGuiApplication

from craftdesk.api.client import AUTH_MESSAGE
from craftdesk.clock import parse_utc
from craftdesk.clock import utcnow as utc_now
from craftdesk.context import MemoryTokenStore
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.store import settings
from craftdesk.store.models import SyncRun
from craftdesk.sync.controller import SyncController
from craftdesk.sync.notifications import NotificationPolicy
from craftdesk.sync.scheduler import SyncScheduler
from craftdesk.ui.interfaces_tab import InterfacesTab
from craftdesk.ui.main_window import MainWindow
from craftdesk.ui.tray import TrayIcon

FAST = {"backoff_base": 0.01, "backoff_max": 0.05, "max_retries": 0}


@pytest.fixture
def shell(qtbot, ctx):
    ctx.tokens = MemoryTokenStore()
    controller = SyncController(ctx, client_options=FAST)
    scheduler = SyncScheduler(controller, first_tick_ms=-1)
    window = MainWindow(controller)
    qtbot.addWidget(window)
    tray = TrayIcon(controller, window)
    yield controller, scheduler, window, tray
    scheduler.stop()
    controller.shutdown()


def _connect(qtbot, controller, tab: InterfacesTab) -> None:
    tab.token_edit.setText(DEMO_TOKEN)
    assert tab.save_token()
    qtbot.waitUntil(
        lambda: SyncRun.select().where(SyncRun.kind == "articles", SyncRun.status == "ok").exists(),
        timeout=20000,
    )
    qtbot.waitUntil(lambda: not controller.is_busy(), timeout=5000)


def test_connect_counts_as_a_full_import_no_redundant_run_follows(qtbot, shell):
    controller, scheduler, window, _tray = shell
    tab = window.interfaces_tab
    _connect(qtbot, controller, tab)
    last = parse_utc(settings.get("last_sync_success"))
    assert last is not None  # "Letzter Abgleich: –" no more
    assert "Letzter Abgleich: –" not in tab.schedule_text.text()
    upcoming = scheduler.next_run_at()
    assert upcoming is not None and upcoming > utc_now() + timedelta(minutes=10)
    # A minute later the scheduler does not start another full import.
    scheduler.clock = lambda: utc_now() + timedelta(minutes=1)
    assert scheduler.tick() is False
    assert SyncRun.select().count() == 2


def test_connect_status_and_notice_name_customers_and_articles(qtbot, shell):
    controller, _scheduler, window, _tray = shell
    notices = []
    policy = NotificationPolicy()
    controller.import_succeeded.connect(lambda r, t: notices.append(policy.on_success(r, t)))
    _connect(qtbot, controller, window.interfaces_tab)
    text = window.interfaces_tab.progress_text.text()
    assert "Kunden neu" in text and "Artikel neu" in text
    shown = [n for n in notices if n is not None]
    assert len(shown) == 1 and "Kunden neu" in shown[0].text and "Artikel neu" in shown[0].text


def test_unreachable_sevdesk_is_not_called_connected_and_tray_shows_the_error(qtbot, shell, sandbox):
    controller, _scheduler, window, tray = shell
    controller.ctx.tokens.set(DEMO_TOKEN)
    settings.set("sevdesk_enabled", True)
    controller.mark_connected("Thomas Becker")
    normal = tray.icon().pixmap(32, 32).toImage()
    assert window._state_label.text() == "Mit sevDesk verbunden"
    controller.ctx.api_url = "http://127.0.0.1:9/api/v1"  # nobody listens there
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        assert controller.start_import("all", trigger="scheduled")
    assert "nicht erreichbar" in window._state_label.text()
    assert "verbunden" not in window._state_label.text()
    assert "nicht erreichbar" in window.interfaces_tab.status.text()
    assert "nicht erreichbar" in tray.toolTip()
    assert tray.in_error() and tray.icon().pixmap(32, 32).toImage() != normal
    # Resolved: sevDesk answers again, every line and the icon go back.
    controller.ctx.api_url = sandbox.url
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        assert controller.start_import("all", trigger="manual")
    assert window._state_label.text() == "Mit sevDesk verbunden"
    assert not tray.in_error() and "nicht erreichbar" not in tray.toolTip()
    assert tray.icon().pixmap(32, 32).toImage() == normal


def test_a_later_unreadable_answer_replaces_the_older_server_error(qtbot, shell, sandbox):
    """A 500, then an unreadable answer: the status still named the 500 and "nicht
    erreichbar" beside "unlesbare Antwort"."""
    controller, _scheduler, window, _tray = shell
    controller.ctx.tokens.set(DEMO_TOKEN)
    settings.set("sevdesk_enabled", True)
    controller.mark_connected("Thomas Becker")
    controller.ctx.api_url = sandbox.url
    sandbox.faults.add(path="/Category", method="GET", kind="status", status=500, times=None)
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        assert controller.start_import("all", trigger="manual")
    assert "Serverfehler" in window.interfaces_tab.status.text()
    sandbox.faults.clear()
    sandbox.faults.add(path="/Category", method="GET", kind="malformed", times=None)
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        assert controller.start_import("all", trigger="manual")
    assert "Serverfehler" not in window.interfaces_tab.status.text()
    assert "nicht erreichbar" not in window._state_label.text()
    assert window._state_label.text() == "Mit sevDesk verbunden"


def test_token_rejection_replaces_the_older_error_and_keeps_lines_apart(qtbot, shell):
    controller, _scheduler, window, tray = shell
    tab = window.interfaces_tab
    controller.ctx.tokens.set(DEMO_TOKEN)
    controller.mark_connected("Thomas Becker")
    tab.progress_text.setText(
        "Fehlgeschlagen: sevDesk ist nicht erreichbar – bitte die Internetverbindung prüfen."
    )
    controller.mark_broken(AUTH_MESSAGE, was_broken=True)
    assert "nicht erreichbar" not in tab.progress_text.text()
    assert "Token" in tab.progress_text.text()
    assert tab.progress_text is not tab.schedule_text
    assert tab.progress_text.wordWrap()
    layout = tab.progress_text.parentWidget().layout()
    row_progress = layout.getItemPosition(layout.indexOf(tab.progress_text))[0]
    row_schedule = layout.getItemPosition(layout.indexOf(tab.schedule_text))[0]
    assert row_progress != row_schedule  # a long sentence never runs into the schedule
    assert tray.in_error() and "Token" in tray.toolTip()


def test_window_title_is_not_doubled(qtbot, ctx):
    ctx.demo = True
    controller = SyncController(ctx)
    try:
        window = MainWindow(controller)
        qtbot.addWidget(window)
        assert window.windowTitle() == "craftdesk – Demo"
        # Qt appends the display name unless it is the title itself.
        assert QGuiApplication.applicationDisplayName() == window.windowTitle()
    finally:
        controller.shutdown()
        QGuiApplication.setApplicationDisplayName("craftdesk")
