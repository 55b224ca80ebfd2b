"""The tray icon (optional, habit 9): Öffnen, Jetzt synchronisieren, last/next import,
Beenden. The menu is rebuilt each time it opens so its lines are never stale. Notices of
the recurring import (R2) are shown here."""

from __future__ import annotations

import logging
import sys
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from .. import config
from ..services import settings
from ..services.errors import CancelledError
from ..sync.contract import SyncControl
from ..sync.messages import localize
from ..sync.notifications import Notice, NotificationPolicy
from .style import format_datetime, next_run_text

log = logging.getLogger(__name__)


def _painted_icon(text: str = "c", color: str = "#2b6cb0") -> QIcon:
    pixmap = QPixmap(64, 64)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(4, 4, 56, 56, 12, 12)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setPixelSize(40)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


def with_error_badge(icon: QIcon) -> QIcon:
    """The icon with a red dot and a white "!" in its lower right corner (error state)."""
    pixmap = icon.pixmap(64, 64)
    if pixmap.isNull():
        pixmap = _painted_icon().pixmap(64, 64)
    pixmap = pixmap.copy()
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("white"))
    painter.setBrush(QColor("#c62828"))
    painter.drawEllipse(30, 30, 32, 32)
    font = QFont()
    font.setPixelSize(26)
    font.setBold(True)
    painter.setFont(font)
    painter.drawText(30, 30, 32, 32, Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()
    return QIcon(pixmap)


def load_icon(names: tuple[str, ...]) -> QIcon:
    """All of ``names`` that exist in the packaged icons (one QIcon, Qt picks the size),
    else a painted one."""
    folder = config.resources_dir() / "icons"
    icon = QIcon()
    for name in names:
        path = folder / name
        if path.exists():
            icon.addFile(str(path))
    return icon if not icon.isNull() else _painted_icon()


def app_icon() -> QIcon:
    return load_icon(tuple(f"craftdesk-{size}.png" for size in (16, 24, 32, 48, 64, 128, 256, 512, 1024)))


def tray_icon() -> QIcon:
    """macOS: the black template glyph marked as a mask, so the menu bar draws it in its
    own colour (light, dark, highlighted) like every other status item; elsewhere the
    coloured glyph."""
    if sys.platform == "darwin":
        icon = load_icon(("trayTemplate.png", "trayTemplate@2x.png"))
        icon.setIsMask(True)
        return icon
    return load_icon(tuple(f"tray-{size}.png" for size in (16, 20, 22, 24, 32, 40, 44, 48, 64)))


class TrayIcon(QSystemTrayIcon):
    open_requested = Signal()
    quit_requested = Signal()

    def __init__(
        self, controller: SyncControl, parent: QWidget | None = None, policy: NotificationPolicy | None = None
    ) -> None:
        super().__init__(tray_icon(), parent)
        self.controller = controller
        self.policy = policy or NotificationPolicy()
        self.last_notice: Notice | None = None
        self.last_failure: str | None = None  # the failed run's sentence until one succeeds
        self._normal_icon = self.icon()
        self._error_icon = with_error_badge(self._normal_icon)
        self._update_tooltip()
        controller.connection_state_changed.connect(lambda _state: self._update_tooltip())
        self.menu = QMenu(parent)
        self.menu.aboutToShow.connect(self.rebuild_menu)
        self.setContextMenu(self.menu)
        self.rebuild_menu()
        self.activated.connect(self._on_activated)
        controller.import_failed.connect(self._on_failed)
        controller.import_succeeded.connect(self._on_succeeded)

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def rebuild_menu(self) -> None:
        self.menu.clear()
        open_action = QAction(QCoreApplication.translate("TrayIcon", "Öffnen"), self.menu)
        open_action.triggered.connect(self.open_requested.emit)
        self.menu.addAction(open_action)
        sync_action = QAction(QCoreApplication.translate("TrayIcon", "Jetzt synchronisieren"), self.menu)
        sync_action.setEnabled(not self.controller.is_busy() and self.controller.can_sync())
        sync_action.triggered.connect(lambda: self.controller.start_import("all", trigger="manual"))
        self.menu.addAction(sync_action)
        self.menu.addSeparator()
        for line in self.status_lines():
            info = QAction(line, self.menu)
            info.setEnabled(False)
            self.menu.addAction(info)
        self.menu.addSeparator()
        quit_action = QAction(QCoreApplication.translate("TrayIcon", "Beenden"), self.menu)
        quit_action.triggered.connect(self.quit_requested.emit)
        self.menu.addAction(quit_action)

    def _update_tooltip(self) -> None:
        """ "craftdesk" plus "Demo" in demo mode and what is wrong; the icon carries a red
        badge while something is wrong (until it is resolved, not only for one balloon)."""
        title = "craftdesk"
        if self.controller.ctx.demo:
            title = QCoreApplication.translate("TrayIcon", "craftdesk – Demo")
        problem = self.connection_problem()
        self.setToolTip(f"{title}\n{problem}" if problem else title)
        self.setIcon(self._error_icon if self.in_error() else self._normal_icon)

    def in_error(self) -> bool:
        """A state the user has to know about: token rejected, sevDesk unreachable, last run
        failed. Merely not connected yet is no error."""
        state = self.controller.connection_state()
        return state == "broken" or bool(self.problem_sentence())

    def problem_sentence(self) -> str:
        if self.controller.connection_state() in ("broken", "disconnected"):
            return ""
        problem = self.controller.reach_problem or self.last_failure
        return localize(problem) if problem else ""

    def connection_problem(self) -> str:
        """Why nothing is imported, or "" when sevDesk works."""
        state = self.controller.connection_state()
        if state == "broken":
            return QCoreApplication.translate(
                "TrayIcon", "sevDesk-Verbindung unterbrochen – neuer Token nötig"
            )
        if state == "disconnected":
            return QCoreApplication.translate("TrayIcon", "Nicht mit sevDesk verbunden")
        sentence = self.problem_sentence()
        if sentence:
            return QCoreApplication.translate(
                "TrayIcon", "Letzter Abgleich fehlgeschlagen: {reason}"
            ).replace("{reason}", sentence)
        return ""

    def status_lines(self) -> list[str]:
        last = settings.last_sync_success()
        lines = [self.connection_problem()] if self.connection_problem() else []
        lines.append(
            QCoreApplication.translate("TrayIcon", "Letzter Abgleich: {time}").replace(
                "{time}", format_datetime(last) if last else "–"
            )
        )
        if self.controller.is_busy():
            lines.append(QCoreApplication.translate("TrayIcon", "Abgleich läuft …"))
        scheduler = self.controller.scheduler
        if scheduler is not None:
            lines.append(
                QCoreApplication.translate("TrayIcon", "Nächster Abgleich: {time}").replace(
                    "{time}", next_run_text(scheduler)
                )
            )
        return lines

    def _on_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (QSystemTrayIcon.ActivationReason.Trigger, QSystemTrayIcon.ActivationReason.DoubleClick):
            self.open_requested.emit()

    def _on_failed(self, error: Exception, trigger: str) -> None:
        if not isinstance(error, CancelledError):
            self.last_failure = str(getattr(error, "message", "") or "") or None
            self._update_tooltip()
        self.notify(self.policy.on_failure(error, trigger))

    def _on_succeeded(self, result: Any, trigger: str) -> None:
        self.last_failure = None
        self._update_tooltip()
        self.notify(self.policy.on_success(result, trigger))

    def notify(self, notice: Notice | None) -> None:
        if notice is None:
            return
        self.last_notice = notice
        icon = (
            QSystemTrayIcon.MessageIcon.Warning
            if notice.kind == "error"
            else QSystemTrayIcon.MessageIcon.Information
        )
        if self.isVisible():
            self.showMessage(notice.title, notice.text, icon, 8000)
        log.info("Notice: %s – %s", notice.title, notice.text)

    def show_info(self, title: str, text: str) -> None:
        if self.isVisible():
            self.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 5000)
