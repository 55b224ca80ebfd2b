"""Render every tab and dialog of craftdesk offscreen into PNG files, with demo data.

    QT_QPA_PLATFORM=offscreen python scripts/screenshots.py [OUT_DIR] [--lang de|en]

OUT_DIR defaults to ./screenshots (ignored by git). The demo sevDesk runs in-process with a
throw-away data folder. The shell's own views (Schnittstellen in its states, the shell's
dialogs, the tray menu) are rendered here; the Kunden/Artikel/Projekte tabs and their
dialogs by ``scripts/screenshot_tabs.py:render_tab_screenshots`` when that file exists.

Waiting for the worker with a local event loop is fine in this script; the app itself
never spins the event loop by hand.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

WINDOW_SIZE = (1100, 720)  # the main window's default size: clipping shows here first
HERE = Path(__file__).resolve().parent


def wait_for(signal: Any, timeout_ms: int = 30000, condition: Callable[[], bool] | None = None) -> None:
    """Run a local event loop until ``signal`` fires (or ``condition`` holds)."""
    if condition is not None and condition():
        return
    loop = QEventLoop()
    signal.connect(lambda *args: loop.quit())
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def settle(ms: int = 50) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class Shots:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.saved: list[Path] = []

    def grab(self, widget: QWidget, name: str) -> None:
        widget.show()
        settle()
        path = self.out / name
        widget.grab().save(str(path))
        self.saved.append(path)
        print(path)


def render_shell(shell: Any, shots: Shots) -> None:
    from craftdesk.api.client import AUTH_MESSAGE
    from craftdesk.ui.app import ExceptionDialog
    from craftdesk.ui.tray import TrayIcon

    window, controller, tab = shell.window, shell.controller, shell.window.interfaces_tab
    window.resize(*WINDOW_SIZE)
    window.show_interfaces()
    shots.grab(window, "schnittstellen-demo-start.png")

    # A slow page keeps the run going long enough to show the progress bar.
    shell.sandbox.faults.add(path="/Contact", method="GET", kind="delay", seconds=1.5, times=1)
    tab.sync_now()
    wait_for(controller.progress, condition=lambda: tab.progress.maximum() > 0)
    settle(300)
    shots.grab(window, "schnittstellen-abgleich-laeuft.png")
    wait_for(controller.run_finished, condition=lambda: not controller.is_busy())
    shots.grab(window, "schnittstellen-demo.png")

    # A manual run that fails explains itself in a dialog.
    shell.sandbox.faults.add(path="/Category", method="GET", kind="status", status=503, times=None)
    tab.sync_now()
    wait_for(controller.run_finished, condition=lambda: not controller.is_busy())
    shell.sandbox.faults.clear()
    if window.last_dialog is not None:
        shots.grab(window.last_dialog, "dialog-abgleich-fehlgeschlagen.png")
        window.last_dialog.close()

    # S3: sevDesk rejected the token in the background.
    controller.mark_broken(AUTH_MESSAGE, was_broken=False)
    settle()
    shots.grab(window, "schnittstellen-unterbrochen.png")
    if tab.prompt is not None:
        shots.grab(tab.prompt, "dialog-neuer-token.png")
        tab.prompt.reject()
    controller.mark_connected(None)

    tray = TrayIcon(controller, window)
    tray.rebuild_menu()
    tray.menu.adjustSize()
    shots.grab(tray.menu, "tray-menue.png")
    tray.menu.hide()

    from craftdesk.log import setup_logging

    setup_logging(shell.ctx.data_dir)  # as the command line does: the dialog names the log file
    hook = ExceptionDialog()
    try:
        raise RuntimeError("demo")
    except RuntimeError:
        hook(*sys.exc_info())
    if hook.dialog is not None:
        shots.grab(hook.dialog, "dialog-unerwarteter-fehler.png")
        hook.dialog.close()


def render_tabs(window: QWidget, out: Path, shots: Shots) -> None:
    path = HERE / "screenshot_tabs.py"
    if not path.exists():
        print("screenshot_tabs.py not found: Kunden/Artikel/Projekte skipped")
        return
    spec = importlib.util.spec_from_file_location("screenshot_tabs", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    render = getattr(module, "render_tab_screenshots", None)
    if render is None:
        return
    for saved in render(window, out) or []:
        shots.saved.append(Path(saved))
        print(saved)


def render_not_connected(shots: Shots, sandbox_url: str) -> None:
    """A fresh, real (non-demo) start: nothing connected (all four tabs), then a rejected
    token."""
    import keyring
    import keyring.backends.fail

    from craftdesk.context import AppContext
    from craftdesk.credentials import TokenStore
    from craftdesk.sync.controller import SyncController
    from craftdesk.ui.main_window import MainWindow

    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())  # shows the "no keyring" note
    with tempfile.TemporaryDirectory() as data:
        ctx = AppContext(data_dir=data, api_url=sandbox_url, tokens=TokenStore())
        ctx.open_db()
        controller = SyncController(ctx, client_options={"max_retries": 0})
        window = MainWindow(controller)
        window.resize(*WINDOW_SIZE)
        try:
            shots.grab(window, "schnittstellen-nicht-verbunden.png")
            # First start: every empty tab says what to do.
            for index, name in (
                (1, "erststart-kunden.png"),
                (2, "erststart-artikel.png"),
                (3, "erststart-projekte.png"),
            ):
                window.tabs.setCurrentIndex(index)
                shots.grab(window, name)
            window.show_interfaces()
            tab = window.interfaces_tab
            tab.token_edit.setText("0" * 32)
            tab.save_token()
            wait_for(controller.busy_changed, condition=lambda: not controller.is_busy())
            settle()
            shots.grab(window, "schnittstellen-token-abgelehnt.png")
        finally:
            controller.shutdown()
            window.close()
            from craftdesk.store.db import close_database

            close_database()
    keyring.set_keyring(previous)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render craftdesk's tabs and dialogs to PNG files.")
    parser.add_argument("out", nargs="?", default="screenshots")
    parser.add_argument("--lang", choices=["de", "en"], default="de")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from craftdesk.context import AppContext
    from craftdesk.ui.app import build_shell
    from craftdesk.ui.i18n import install_translations

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translations(app, args.lang)
    shots = Shots(out)
    with tempfile.TemporaryDirectory() as data:
        shell = build_shell(AppContext(data_dir=data), demo=True, use_tray=False, start_scheduler=False)
        url = shell.sandbox.url
        try:
            render_shell(shell, shots)
            render_tabs(shell.window, out, shots)
            shell.window.resize(*WINDOW_SIZE)
            shell.window.show_interfaces()
            shots.grab(shell.window, "schnittstellen-nach-allem.png")
            # The not-connected views need their own database; the demo server stays up.
            shell.scheduler.stop()
            shell.controller.shutdown()
            from craftdesk.store.db import close_database

            close_database()
            render_not_connected(shots, url)
        finally:
            shell.shutdown()
    print(f"{len(shots.saved)} Bilder in {out}")
    QCoreApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
