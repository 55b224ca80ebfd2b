"""Tab "Schnittstellen": connect sevDesk (S1–S3, :mod:`~craftdesk.ui.interfaces_connection`),
settings (S5, see settings_panel), import now with progress and cancel (R4) and the import
history (R3, :mod:`~craftdesk.ui.interfaces_sync`), the database and backups (T1, K1, K2,
see database_panel)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from ..sync.contract import SyncControl
from .interfaces_connection import ConnectionSection
from .interfaces_parts import TokenPromptDialog
from .interfaces_sync import HISTORY_LIMIT as HISTORY_LIMIT  # re-exported for the tests
from .interfaces_sync import SyncSection
from .style import DEMO_COLOR


class InterfacesTab(ConnectionSection, SyncSection, QWidget):
    def __init__(self, controller: SyncControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.ctx = controller.ctx
        self.prompt: TokenPromptDialog | None = None
        self._busy = False
        self._first_progress = False
        self.setObjectName("InterfacesTab")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget(scroll)
        scroll.setWidget(body)
        grid = QGridLayout(body)

        self.demo_banner = QLabel(
            self.tr(
                "Demo: craftdesk ist mit einem Demo-sevDesk auf diesem Rechner verbunden. "
                "Alle Daten sind Beispieldaten; an sevDesk wird nichts gesendet."
            ),
            body,
        )
        self.demo_banner.setObjectName("DemoBanner")
        self.demo_banner.setWordWrap(True)
        self.demo_banner.setStyleSheet(
            f"background: {DEMO_COLOR.name()}; color: black; padding: 8px; font-weight: bold;"
        )
        self.demo_banner.setVisible(bool(self.ctx.demo))
        grid.addWidget(self.demo_banner, 0, 0, 1, 2)

        grid.addWidget(self._build_connection(body), 1, 0)
        from .settings_panel import SettingsPanel

        self.settings_panel = SettingsPanel(controller, body)
        grid.addWidget(self.settings_panel, 1, 1)
        grid.addWidget(self._build_sync(body), 2, 0, 1, 2)
        grid.addWidget(self._build_history(body), 3, 0, 1, 2)
        from .database_panel import DatabasePanel

        self.database_panel = DatabasePanel(controller, body)
        grid.addWidget(self.database_panel, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)

        controller.busy_changed.connect(self._on_busy)
        controller.progress.connect(self._on_progress)
        controller.run_finished.connect(lambda _result: self.reload_history())
        controller.import_failed.connect(self._on_import_failed)
        controller.import_succeeded.connect(self._on_import_succeeded)
        controller.skipped.connect(lambda _trigger: self.reload_history())
        controller.connection_state_changed.connect(lambda _s: self.show_connection())
        self._on_busy(controller.is_busy())
        self.show_connection()
        self.reload_history()
