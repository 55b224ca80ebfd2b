"""Import now with progress and cancel (R4) and the import history (R3) of the
Schnittstellen tab.

A mixin of :class:`~craftdesk.ui.interfaces_tab.InterfacesTab`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..services import settings
from ..services.errors import CancelledError
from ..services.sync_runs import recent_runs
from ..sync.contract import SyncControl
from ..sync.messages import error_message, localize
from .empty_hint import EmptyHint
from .interfaces_parts import kind_label, status_label, trigger_label
from .server_away import mark_editing
from .style import ERROR_COLOR, format_datetime, next_run_text

if TYPE_CHECKING:
    _Widget = QWidget
else:
    _Widget = object  # the tab is the QWidget (its class names the translations' context)

HISTORY_LIMIT = 50  # runs shown in the history


class SyncSection(_Widget):
    """Mix in before ``QWidget``; the tab sets ``controller`` and the settings panel."""

    controller: SyncControl
    _busy: bool
    _first_progress: bool
    settings_panel: Any  # ui.settings_panel.SettingsPanel

    def _build_sync(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Abgleich"), parent)
        layout = QGridLayout(box)
        self.sync_button = QPushButton(self.tr("Jetzt synchronisieren"), box)
        self.sync_button.setObjectName("SyncNowButton")
        self.sync_button.clicked.connect(self.sync_now)
        mark_editing(self.sync_button)  # greyed while the server is away (T7)
        self.cancel_button = QPushButton(self.tr("Abbrechen"), box)
        self.cancel_button.clicked.connect(self.cancel_sync)
        self.progress = QProgressBar(box)
        self.progress.setTextVisible(True)
        # Keep the row's height when the bar is hidden, so the layout does not jump.
        policy = self.progress.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress.setSizePolicy(policy)
        self.progress_text = QLabel(box)
        self.progress_text.setObjectName("ProgressText")
        self.schedule_text = QLabel(box)
        self.schedule_text.setObjectName("ScheduleText")
        self.schedule_text.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.schedule_text.setMinimumWidth(260)
        # The run's result wraps on its own row; the schedule has a row of its own, so a long
        # error never runs into "Letzter Abgleich".
        self.progress_text.setWordWrap(True)
        self.progress_text.setTextFormat(Qt.TextFormat.PlainText)
        self.schedule_text.setWordWrap(True)
        layout.addWidget(self.sync_button, 0, 0)
        layout.addWidget(self.cancel_button, 0, 1)
        layout.addWidget(self.progress, 0, 2)
        layout.addWidget(self.schedule_text, 0, 3)
        layout.addWidget(self.progress_text, 1, 0, 1, 4)
        layout.setColumnStretch(2, 1)
        return box

    def _build_history(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("Verlauf der Abgleiche"), parent)
        layout = QVBoxLayout(box)
        headers = (
            self.tr("Beginn"),
            self.tr("Ende"),
            self.tr("Umfang"),
            self.tr("Auslöser"),
            self.tr("Status"),
            self.tr("Neu"),
            self.tr("Geändert"),
            self.tr("Unverändert"),
            self.tr("Übersprungen"),
            self.tr("Fehler"),
        )
        self.history = QTableWidget(0, len(headers), box)
        self.history.setObjectName("HistoryTable")
        self.history.setHorizontalHeaderLabels(list(headers))
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history.setTabKeyNavigation(False)
        self.history.verticalHeader().setVisible(False)
        self.history.setMinimumHeight(180)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.history)
        self.history_hint = EmptyHint(self.history)
        return box

    # -- sync (R4) -----------------------------------------------------------------------
    def sync_now(self) -> bool:
        started = self.controller.start_import("all", trigger="manual")
        if started:
            self.progress.setRange(0, 0)
            self.progress_text.setText(self.tr("Abgleich startet …"))
        elif self.controller.is_busy():
            self.progress_text.setText(self.tr("Es läuft bereits ein Abgleich."))
        return started

    def cancel_sync(self) -> None:
        self.controller.cancel()
        self.cancel_button.setEnabled(False)
        self.progress_text.setText(self.tr("Wird abgebrochen …"))

    def _on_busy(self, busy: bool) -> None:
        self._busy = busy
        self._first_progress = busy
        had_focus = self.sync_button.hasFocus()
        self.cancel_button.setEnabled(busy)
        self.sync_button.setEnabled(not busy and self.controller.can_sync())
        if busy and had_focus:  # the disabled button gives the keyboard to Abbrechen, not past it
            self.cancel_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        self.update_schedule_text()

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if self._first_progress:
            # The run's record exists by now: show it as running in the history.
            self._first_progress = False
            self.reload_history()
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        else:
            self.progress.setRange(0, 0)
        self.progress_text.setText(localize(text))
        self.progress_text.setStyleSheet("")

    def _on_import_succeeded(self, result: Any, trigger: str) -> None:
        from ..sync.notifications import describe_changes

        if trigger == "connect" and getattr(result, "what", None) == "customers":
            # The customers came first (S1); the articles follow right away instead of
            # after the next interval — after asking for the part categories when the
            # account has no "Artikel" (A1a).
            QTimer.singleShot(0, self.ask_categories_then_import)

        changes = describe_changes(result)
        text = (
            self.tr("Fertig: {changes}").replace("{changes}", changes)
            if changes
            else self.tr("Fertig – nichts geändert.")
        )
        warnings = [localize(w) for w in getattr(result, "warnings", None) or []]
        self.progress_text.setText(" ".join([text.rstrip(".") + "." if warnings else text, *warnings]))
        self.progress_text.setStyleSheet(f"color: {ERROR_COLOR.name()};" if warnings else "")
        self.update_schedule_text()

    def ask_categories_then_import(self) -> bool:
        """A1a on first connect (see SettingsPanel.ask_categories_then_import)."""
        return bool(self.settings_panel.ask_categories_then_import(self.update_schedule_text))

    def _on_import_failed(self, error: Exception, trigger: str) -> None:
        if isinstance(error, CancelledError):
            self.progress_text.setText(self.tr("Abgebrochen."))
        else:
            reason = error_message(error).rstrip(".")
            self.progress_text.setText(
                self.tr("Fehlgeschlagen: {reason}.").replace("{reason}", reason)
                if reason
                else self.tr("Fehlgeschlagen.")
            )
            self.progress_text.setStyleSheet(f"color: {ERROR_COLOR.name()};")
        self.update_schedule_text()

    def update_schedule_text(self) -> None:
        if getattr(self.controller, "server_away", False):
            # T7: the times live in the database the server holds; nothing is read (it would
            # fail and show an error box although nothing was being saved).
            self.schedule_text.setText(
                self.tr("Nächster Abgleich: sobald der Datenbankserver erreichbar ist")
            )
            return
        last = settings.last_sync_success()
        parts = [
            self.tr("Letzter Abgleich: {time}").replace("{time}", format_datetime(last) if last else "–")
        ]
        scheduler = self.controller.scheduler
        if scheduler is not None:
            parts.append(self.tr("Nächster: {time}").replace("{time}", next_run_text(scheduler)))
        self.schedule_text.setText("\n".join(parts))  # one line each: no "·" left at a line end

    # -- history (R3) --------------------------------------------------------------------
    def reload_history(self) -> None:
        runs = recent_runs(HISTORY_LIMIT)
        self.history.setRowCount(len(runs))
        self.history_hint.show_text(
            None
            if runs
            else self.tr(
                "Noch kein Abgleich. Sobald sevDesk verbunden ist, steht hier jeder Abgleich mit "
                "seinem Ergebnis."
            )
        )
        for row, run in enumerate(runs):
            values = (
                format_datetime(run.started_at),
                format_datetime(run.finished_at),
                kind_label(run.kind),
                trigger_label(run.trigger),
                status_label(run.status),
                str(run.created),
                str(run.updated),
                str(run.unchanged),
                str(run.skipped),
                localize(run.error),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if 5 <= column <= 8:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if column == 4 and run.status == "failed":
                    item.setForeground(ERROR_COLOR)
                self.history.setItem(row, column, item)
