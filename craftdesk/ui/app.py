"""Application start: QApplication, translations, one running instance, the excepthook
dialog, demo mode, and the wiring of controller, scheduler, notifications, tray and window."""

from __future__ import annotations

import contextlib
import getpass
import hashlib
import logging
import signal
import sys
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import config
from ..context import AppContext, MemoryTokenStore
from ..errors import PreconditionError
from ..services import settings
from ..services.importer import settle_interrupted_runs, user_label
from ..sync.controller import SyncController
from ..sync.messages import error_message
from ..sync.notifications import NotificationPolicy
from ..sync.scheduler import SyncScheduler
from .i18n import install_translations
from .install_location import ask_to_move
from .main_window import MainWindow
from .tray import TrayIcon, app_icon

log = logging.getLogger(__name__)

SHOW_MESSAGE = b"show"
DEMO_HOURLY_RATE = "58.00"


# -- one running instance -----------------------------------------------------------------
def instance_key(data_dir: Path) -> str:
    """One instance per user and data folder (the demo has its own folder, so its own key)."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError, ImportError):  # no user name (rare containers): the folder alone separates
        user = ""
    digest = hashlib.sha1(f"{user}:{data_dir}".encode()).hexdigest()[:16]
    return f"craftdesk-{digest}"


def notify_running_instance(key: str, timeout_ms: int = 500) -> bool:
    """True when another instance answered; it was asked to bring its window forward."""
    socket = QLocalSocket()
    socket.connectToServer(key)
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(QByteArray(SHOW_MESSAGE))
    socket.flush()
    socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for a second start and shows the window."""

    def __init__(self, key: str, window: MainWindow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window = window
        self._sockets: set[QLocalSocket] = set()
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(key)  # a stale socket of a crashed instance
        if not self.server.listen(key):
            log.warning("Single-instance server not listening: %s", self.server.errorString())
        self.server.newConnection.connect(self._on_connection)

    def close(self) -> None:
        self.server.close()

    def _on_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            self._sockets.add(socket)
            socket.readyRead.connect(self._on_ready_read)
            socket.disconnected.connect(self._on_disconnected)
            if socket.bytesAvailable():
                self._read(socket)

    def _on_ready_read(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._read(socket)

    def _on_disconnected(self) -> None:
        socket = self.sender()
        if isinstance(socket, QLocalSocket):
            self._sockets.discard(socket)
            socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(SHOW_MESSAGE):
            self.window.bring_to_front()


# -- errors nobody caught -----------------------------------------------------------------
def current_log_file() -> Path | None:
    """The file craftdesk logs to (``log.setup_logging``, called by the command line), if any."""
    for handler in logging.getLogger().handlers:
        name = getattr(handler, "baseFilename", None)
        if getattr(handler, "_craftdesk", False) and name:
            return Path(name)
    return None


class ExceptionDialog:
    """sys.excepthook: log the traceback, show one short German sentence (no traceback)."""

    def __init__(self) -> None:
        self.showing = False
        self.count = 0
        self.dialog: QMessageBox | None = None

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        self.count += 1
        text = "".join(traceback.format_exception(exc_type, exc, tb))
        log.error("Unhandled exception:\n%s", text)  # the log filter redacts the token
        app = QApplication.instance()
        if app is None or threading.current_thread() is not threading.main_thread() or self.showing:
            return
        self.showing = True
        message = QCoreApplication.translate(
            "App",
            "Ein unerwarteter Fehler ist aufgetreten. craftdesk läuft weiter; "
            "Einzelheiten stehen im Protokoll.",
        )
        from ..services.storage import storage_problem

        kind = storage_problem(exc)
        if kind == "server":  # team mode, server away (T7): not a bug
            message = QCoreApplication.translate(
                "App",
                "Der Datenbankserver ist nicht erreichbar – die Änderung wurde nicht "
                "gespeichert; craftdesk verbindet sich von selbst neu.",
            )
        elif kind in ("locked", "full"):  # another program holds the file, the disk is full
            message = QCoreApplication.translate(
                "App",
                "Die Änderung wurde nicht gespeichert: %1",
            ).replace("%1", error_message(exc))
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("App", "craftdesk – Fehler"),
            message,
            QMessageBox.StandardButton.Ok,
        )
        path = current_log_file()
        if path is not None:
            # Where the log is, so the user can send it to whoever helps them.
            box.setInformativeText(
                QCoreApplication.translate("App", "Protokolldatei: %1").replace("%1", str(path))
            )
            folder = box.addButton(
                QCoreApplication.translate("App", "Protokollordner öffnen"), QMessageBox.ButtonRole.ActionRole
            )
            folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))))
        box.finished.connect(self._closed)
        self.dialog = box  # a parentless dialog lives only as long as a Python reference
        box.open()

    def _closed(self, _result: int) -> None:
        self.showing = False
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None


# -- the running app ----------------------------------------------------------------------
@dataclass
class Shell:
    """Everything run_app builds, kept together (tests and the screenshot script use it)."""

    ctx: AppContext
    controller: SyncController
    scheduler: SyncScheduler
    window: MainWindow
    tray: TrayIcon | None
    sandbox: Any = None
    instance: InstanceServer | None = None
    extras: list[Any] = field(default_factory=list)

    def quit(self) -> None:
        self.window.quitting = True
        QCoreApplication.quit()

    def shutdown(self) -> None:
        """Stop in order: timers, worker thread, tray, demo server."""
        self.scheduler.stop()
        for extra in self.extras:
            stop = getattr(extra, "stop", None)
            if callable(stop):
                stop()
        self.controller.shutdown()
        if self.tray is not None:
            self.tray.hide()
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None
        log.info("craftdesk stopped cleanly")


def demo_dir_name(real_categories: bool) -> str:
    return "demo-real" if real_categories else "demo"


def start_demo_sandbox(data_dir: Path, real_categories: bool = False) -> tuple[Any, AppContext]:
    """The demo sevDesk in this process on a free port; its state and craftdesk's demo data
    live in <data dir>/demo (``demo-real`` for the account with real-like part categories,
    A1a), and the demo token stays in memory (never the keyring)."""
    from ..sandbox import DEMO_TOKEN, Sandbox, build_demo_data

    demo_dir = config.ensure_dir(data_dir / demo_dir_name(real_categories))
    state = demo_dir / "sandbox-state.json"
    data = None if state.exists() else build_demo_data(real_categories=real_categories)
    sandbox = Sandbox(data=data, port=0, state_file=state).start()
    ctx = AppContext(data_dir=demo_dir, api_url=sandbox.url, tokens=MemoryTokenStore(DEMO_TOKEN), demo=True)
    return sandbox, ctx


def _seed_demo_week_after_first_import(controller: Any) -> None:
    """The demo's planning board gets a realistic week once the demo customers are in."""
    from datetime import date

    from ..services.demo_week import seed_demo_week

    def seed(*_args: object) -> None:
        if seed_demo_week(date.today()):
            controller.data_changed.emit("projects")

    controller.import_succeeded.connect(seed)


# While a helper thread (the import, a table read) runs Python, the window's thread waits
# for the GIL at each of its own Python calls, and a paint makes dozens (the table's data,
# its header, the hints): by default up to 5 ms each, 40–80 ms per paint at 50,000
# customers. With 1 ms a paint waits a few ms; the helper loses well under 1 % to the
# extra switches, which only happen while the window asks for the GIL.
GUI_SWITCH_INTERVAL = 0.001


def build_shell(
    ctx: AppContext,
    demo: bool = False,
    use_tray: bool | None = None,
    start_scheduler: bool = True,
    real_categories: bool = False,
) -> Shell:
    """Create the app's objects (QApplication must exist)."""
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    sandbox = None
    if demo:
        sandbox, ctx = start_demo_sandbox(ctx.data_dir, real_categories)
    ctx.open_db()
    settle_interrupted_runs()  # a run a killed app left "running" is shown as interrupted
    if demo:
        # An example hourly rate, so the demo's first invoice draft is a realistic one
        # (the user can change it like any setting).
        # Named as a token check names the demo's user, so it reads the same after one.
        users = sandbox.data.all("SevUser") if sandbox is not None else []
        name = user_label(users) if users else QCoreApplication.translate("App", "Demo-Benutzer")
        settings.apply_demo_defaults(name, DEMO_HOURLY_RATE)
    controller = SyncController(ctx)
    if demo:
        _seed_demo_week_after_first_import(controller)
    from ..services import team

    scheduler = SyncScheduler(controller, leadership=team.import_leadership())
    window = MainWindow(controller)
    window.setWindowIcon(app_icon())
    tray = None
    if use_tray if use_tray is not None else TrayIcon.available():
        tray = TrayIcon(controller, window, NotificationPolicy())
        window.tray = tray
    shell = Shell(ctx, controller, scheduler, window, tray, sandbox)
    if tray is not None:
        tray.open_requested.connect(window.bring_to_front)
        tray.quit_requested.connect(shell.quit)
        tray.show()
    else:
        # No tray: background notices go to the status bar instead.
        policy = NotificationPolicy()

        def status_notice(notice: Any) -> None:
            if notice is not None:
                window.statusBar().showMessage(f"{notice.title}: {notice.text}", 15000)

        controller.import_failed.connect(lambda e, t: status_notice(policy.on_failure(e, t)))
        controller.import_succeeded.connect(lambda r, t: status_notice(policy.on_success(r, t)))
    scheduler.next_run_changed.connect(window.interfaces_tab.update_schedule_text)
    _start_team_extras(shell, start_scheduler)
    if start_scheduler:
        scheduler.start()
    return shell


def _start_team_extras(shell: Shell, start_timers: bool) -> None:
    """Daily backup (K1); in team mode live changes (T6) and the server-away note (T7)."""
    from ..sync.live import DailyBackup, LiveChanges
    from .server_away import ServerAwayGuard

    if start_timers and not shell.ctx.demo:
        backup = DailyBackup(shell.ctx.data_dir, shell.window)
        backup.finished.connect(shell.window.interfaces_tab.database_panel.show_backup_outcome)
        backup.start()
        shell.extras.append(backup)
    live = LiveChanges(shell.controller, shell.window)
    if not live.start():
        return
    shell.extras.append(live)
    window, controller = shell.window, shell.controller

    # While the server is away, dialogs and editing actions are read-only and say why (T7);
    # the controller (set by LiveChanges) starts no job meanwhile.
    shell.extras.append(ServerAwayGuard(controller, window))

    def server_state(reachable: bool) -> None:
        if reachable:
            window.statusBar().showMessage(
                QCoreApplication.translate("App", "Die Verbindung zum Datenbankserver steht wieder."), 10000
            )
        shell.scheduler.next_run_changed.emit()

    live.server_state_changed.connect(server_state)


def _quit_on_signals(app: QApplication, shell: Shell) -> None:
    """Ctrl+C / SIGTERM end the app cleanly (worker stopped, demo server closed).

    Python runs signal handlers only when it gets control, so a cheap timer hands it
    control twice a second while Qt's event loop runs.
    """

    def request_quit(*_args: object) -> None:
        shell.quit()

    for name in ("SIGINT", "SIGTERM"):
        number = getattr(signal, name, None)
        if number is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread, or not allowed
                signal.signal(number, request_quit)
    timer = QTimer(app)
    timer.timeout.connect(lambda: None)
    timer.start(500)
    shell.extras.append(timer)


def run_app(ctx: AppContext, demo: bool = False, real_categories: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(config.APP_NAME)
    app.setOrganizationName(config.ORG_NAME)
    app.setApplicationDisplayName(config.APP_DISPLAY_NAME)
    app.setWindowIcon(app_icon())
    install_translations(app)
    sys.excepthook = ExceptionDialog()

    key = instance_key(ctx.data_dir / demo_dir_name(real_categories) if demo else ctx.data_dir)
    if notify_running_instance(key):
        log.info("craftdesk already runs: asked it to show its window")
        return 0

    from .recovery import start_or_say_why

    shell = start_or_say_why(ctx, demo, lambda: build_shell(ctx, demo=demo, real_categories=real_categories))
    if shell is None:  # a damaged, locked or full database, or no team server: said in a dialog
        return PreconditionError.exit_code  # as the command line says it (5), not "unexpected"
    shell.instance = InstanceServer(key, shell.window, shell.window)
    # With a tray, hiding the window must not end the app; without one, closing quits.
    app.setQuitOnLastWindowClosed(shell.tray is None)
    app.aboutToQuit.connect(shell.shutdown)
    shell.window.show()
    _quit_on_signals(app, shell)

    # macOS: started translocated (from Downloads or the disk image)? Ask to move it.
    def ask_to_move_once() -> None:
        box = ask_to_move(shell.window)
        if box is not None:
            shell.extras.append(box)  # kept alive while it is shown

    QTimer.singleShot(0, ask_to_move_once)
    if demo and settings.last_sync_success() is None:
        # The demo should show data at once instead of after the first scheduler tick.
        QTimer.singleShot(0, lambda: shell.controller.start_import("all", trigger="manual"))
    return int(app.exec())
