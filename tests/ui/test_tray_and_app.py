"""Tray menu and notices, close-to-tray, one running instance, excepthook dialog, language,
demo mode and the gui command."""

from __future__ import annotations

import sys
from datetime import date

import pytest
from PySide6.QtCore import QCoreApplication, QEventLoop, QLocale, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from craftdesk.api.errors import UnreachableError
from craftdesk.context import AppContext, MemoryTokenStore
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.store import settings
from craftdesk.sync.controller import SyncController
from craftdesk.sync.notifications import NotificationPolicy
from craftdesk.ui import i18n
from craftdesk.ui.app import (
    GUI_SWITCH_INTERVAL,
    ExceptionDialog,
    InstanceServer,
    build_shell,
    instance_key,
    notify_running_instance,
)
from craftdesk.ui.main_window import MainWindow
from craftdesk.ui.tray import TrayIcon


@pytest.fixture
def controller(qtbot, ctx):
    c = SyncController(ctx, client_options={"backoff_base": 0.01, "backoff_max": 0.05})
    yield c
    c.shutdown()


@pytest.fixture
def window(qtbot, controller):
    w = MainWindow(controller)
    qtbot.addWidget(w)
    return w


def _texts(tray: TrayIcon) -> list[str]:
    return [a.text() for a in tray.menu.actions() if not a.isSeparator()]


def test_tray_menu_is_rebuilt_when_opened(qtbot, controller, window):
    tray = TrayIcon(controller, window)
    tray.menu.aboutToShow.emit()
    texts = _texts(tray)
    assert texts[0] == "Öffnen" and texts[1] == "Jetzt synchronisieren" and texts[-1] == "Beenden"
    assert texts[2] == "Letzter Abgleich: –"
    settings.set("last_sync_success", "2026-11-26T08:00:00+00:00")
    tray.menu.aboutToShow.emit()
    assert _texts(tray)[2].startswith("Letzter Abgleich: 26.11.2026")


def test_tray_says_when_sevdesk_is_not_connected_and_marks_the_demo(qtbot, data_dir, sandbox, database):
    ctx = AppContext(data_dir=data_dir, api_url=sandbox.url, tokens=MemoryTokenStore(None), db_open=True)
    offline = SyncController(ctx)
    try:
        tray = TrayIcon(offline)
        tray.menu.aboutToShow.emit()
        actions = [a for a in tray.menu.actions() if not a.isSeparator()]
        assert not actions[1].isEnabled()  # "Jetzt synchronisieren" cannot work yet
        assert actions[2].text() == "Nicht mit sevDesk verbunden"
        assert "Nicht mit sevDesk verbunden" in tray.toolTip()
        ctx.tokens.set(DEMO_TOKEN)
        offline.mark_connected("Anna")
        assert tray.toolTip() == "craftdesk"
        tray.menu.aboutToShow.emit()
        assert "Nicht mit sevDesk verbunden" not in _texts(tray)
        ctx.demo = True
        offline.mark_connected(None)
        assert tray.toolTip() == "craftdesk – Demo"
    finally:
        offline.shutdown()


def test_tray_sync_now_runs_an_import_and_open_shows_the_window(qtbot, controller, window):
    tray = TrayIcon(controller, window)
    tray.open_requested.connect(window.bring_to_front)
    tray.menu.aboutToShow.emit()
    actions = {a.text(): a for a in tray.menu.actions()}
    with qtbot.waitSignal(controller.run_finished, timeout=20000) as finished:
        actions["Jetzt synchronisieren"].trigger()
    assert finished.args[0] is not None
    actions["Öffnen"].trigger()
    assert window.isVisible()


def test_R2_tray_shows_failure_once_a_day_and_what_changed(qtbot, controller, window):
    tray = TrayIcon(controller, window, NotificationPolicy(today=lambda: date(2026, 11, 26)))
    controller.import_failed.emit(UnreachableError("sevDesk ist nicht erreichbar."), "scheduled")
    first = tray.last_notice
    assert first is not None and first.kind == "error"
    controller.import_failed.emit(UnreachableError("sevDesk ist nicht erreichbar."), "scheduled")
    assert tray.last_notice is first  # nothing new the same day
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        controller.start_import("all", trigger="scheduled")
    assert tray.last_notice.kind == "success" and "Kunden neu" in tray.last_notice.text


def test_manual_failure_shows_a_dialog_with_the_reason(qtbot, window, controller):
    controller.import_failed.emit(UnreachableError("sevDesk ist nicht erreichbar."), "manual")
    assert window.last_dialog is not None
    assert "fehlgeschlagen" in window.last_dialog.text()
    assert window.last_dialog.informativeText().startswith("sevDesk ist nicht erreichbar.")
    window.last_dialog.close()


def test_closing_keeps_running_in_tray_else_quits(qtbot, controller, window):
    window.show()
    assert window.close() is True  # no tray: closing really closes (the app then quits)
    tray = TrayIcon(controller, window)
    tray.show()
    window.tray = tray
    window.show()
    assert window.close() is False
    assert not window.isVisible()
    window.quitting = True
    window.show()
    assert window.close() is True
    tray.hide()


def test_second_start_brings_the_first_window_forward(qtbot, window, data_dir):
    key = instance_key(data_dir)
    assert notify_running_instance(key, timeout_ms=200) is False
    server = InstanceServer(key, window, window)
    try:
        assert not window.isVisible()
        assert notify_running_instance(key) is True
        qtbot.waitUntil(window.isVisible, timeout=3000)
    finally:
        server.close()


def test_excepthook_logs_the_traceback_and_shows_a_short_dialog(qtbot, data_dir):
    from craftdesk.log import register_secret, setup_logging

    log_path = setup_logging(data_dir)
    secret = "9" * 32
    register_secret(secret)
    hook = ExceptionDialog()
    try:
        raise RuntimeError(f"boom with {secret}")
    except RuntimeError:
        hook(*sys.exc_info())
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    assert "unerwarteter Fehler" in boxes[0].text() and secret not in boxes[0].text()
    assert "Traceback" not in boxes[0].text()
    assert str(log_path) in boxes[0].informativeText()  # where to find the details
    hook(RuntimeError, RuntimeError("second"), None)  # no second dialog on top
    assert (
        len([w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]) == 1
    )
    boxes[0].close()
    text = log_path.read_text(encoding="utf-8")
    assert "Traceback" in text and "boom with" in text and secret not in text


def test_H15_a_locked_database_in_a_window_save_is_said_not_unexpected(qtbot, data_dir):
    """Saving the hourly rate while another program locks the file: the box says that the
    change was not saved because of the lock, not "unexpected error"."""
    import sqlite3

    hook = ExceptionDialog()
    hook(sqlite3.OperationalError, sqlite3.OperationalError("database is locked"), None)
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    assert "nicht gespeichert" in boxes[0].text() and "gesperrt" in boxes[0].text()
    assert "unerwartet" not in boxes[0].text().lower()
    boxes[0].close()


def test_language_follows_the_system(qtbot):
    assert i18n.ui_language(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)) == "en"
    assert i18n.ui_language(QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "de"
    assert i18n.ui_language(QLocale(QLocale.Language.French, QLocale.Country.France)) == "de"
    app = QApplication.instance()
    try:
        assert i18n.install_translations(app, "en") == "en"
        assert QCoreApplication.translate("InterfacesTab", "Jetzt synchronisieren") == "Sync now"
        assert QCoreApplication.translate("TrayIcon", "Beenden") == "Quit"
        i18n.install_translations(app, "de")
        assert QCoreApplication.translate("InterfacesTab", "Jetzt synchronisieren") == "Jetzt synchronisieren"
    finally:
        for translator in i18n._installed:
            app.removeTranslator(translator)
        i18n._installed.clear()


def test_demo_mode_runs_its_own_sevdesk_and_folder_without_keyring(qtbot, data_dir, memory_keyring):
    ctx = AppContext(data_dir=data_dir)
    interval = sys.getswitchinterval()
    shell = build_shell(ctx, demo=True, use_tray=False, start_scheduler=False)
    try:
        qtbot.addWidget(shell.window)
        # The window's thread gets the GIL within 1 ms while the import runs (issue 13).
        assert sys.getswitchinterval() == pytest.approx(GUI_SWITCH_INTERVAL)
        assert shell.ctx.data_dir == data_dir / "demo"
        assert isinstance(shell.ctx.tokens, MemoryTokenStore) and shell.ctx.tokens.get() == DEMO_TOKEN
        assert shell.ctx.api_url.startswith("http://127.0.0.1:")
        assert shell.window.windowTitle() == "craftdesk – Demo"
        assert shell.controller.connection_state() == "demo"
        assert shell.window.tabs.currentIndex() == 0  # the demo banner explains what this is
        # The demo's invoices get an example hourly rate instead of 0,00 €.
        assert shell.window.interfaces_tab.settings_panel.hourly_rate.text() == "58,00"
        # Named as a token check of the demo names its user (it said "Demo-Benutzer", then
        # "Thomas Becker" after the demo token was entered again).
        from craftdesk.services.importer import connected_user

        client = shell.ctx.client()
        try:
            named = connected_user(client)
        finally:
            client.close()
        assert f"Verbunden als {named}." in shell.window.interfaces_tab.status.text()
        with qtbot.waitSignal(shell.controller.run_finished, timeout=20000) as finished:
            shell.controller.start_import("all")
        assert finished.args[0].created > 0
        assert memory_keyring.store == {}
        assert (data_dir / "demo" / "craftdesk.sqlite3").exists()
    finally:
        shell.shutdown()
        sys.setswitchinterval(interval)
        from craftdesk.store.db import close_database

        close_database()


def test_gui_command_starts_and_quits(qtbot, data_dir, monkeypatch):
    import signal

    from craftdesk import cli

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    # run_app installs its own Ctrl+C/SIGTERM handlers; give the test runner its own back.
    saved_handlers = [(number, signal.getsignal(number)) for number in (signal.SIGINT, signal.SIGTERM)]
    windows: list[MainWindow] = []
    earlier = set(QApplication.topLevelWidgets())  # another test's window is not this one

    def quit_when_shown() -> None:
        shown = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, MainWindow) and w.isVisible() and w not in earlier
        ]
        if shown:
            windows.extend(shown)
            QCoreApplication.quit()
        else:
            QTimer.singleShot(20, quit_when_shown)

    QTimer.singleShot(0, quit_when_shown)
    try:
        assert cli.main(["--data-dir", str(data_dir), "gui", "--demo"]) == 0
    finally:
        for number, handler in saved_handlers:
            signal.signal(number, handler)
        app = QApplication.instance()
        for translator in i18n._installed:
            app.removeTranslator(translator)
        i18n._installed.clear()
        app.setQuitOnLastWindowClosed(True)
        from craftdesk.store.db import close_database

        close_database()
    assert windows and windows[0].windowTitle() == "craftdesk – Demo"
    for w in windows:
        w.quitting = True
        w.close()
        w.deleteLater()
    # Qt leaves the main thread's "quit now" flag set after app.exec() ended this way, and
    # every later event loop in this test process (qtbot.waitUntil, a dialog's exec()) would
    # return at once. Only a new app.exec() clears it.
    QTimer.singleShot(0, QCoreApplication.quit)
    QApplication.instance().exec()
    loop = QEventLoop()
    QTimer.singleShot(10, loop.quit)
    assert loop.exec() == 0  # runs again (-1 would mean it returned at once)
