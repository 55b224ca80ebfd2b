"""Application start: QApplication, translations, single instance, excepthook dialog,
demo mode, and wiring of controller, scheduler, notifications, tray and main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication

from ..context import AppContext
from ..sync.controller import SyncController
from .main_window import MainWindow

log = logging.getLogger(__name__)


def run_app(ctx: AppContext, demo: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    ctx.demo = demo
    ctx.open_db()
    controller = SyncController(ctx)
    window = MainWindow(controller)
    window.show()
    try:
        return int(app.exec())
    finally:
        controller.shutdown()
