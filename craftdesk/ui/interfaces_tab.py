"""Tab "Schnittstellen": connect sevDesk (S1–S3), settings (S5, see settings_panel), import
now with progress and cancel (R4) and the import history (R3)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..credentials import describe_backend
from ..services import settings
from ..services.errors import CancelledError
from ..services.importer import connected_user
from ..services.sync_runs import recent_runs
from ..sync.contract import SyncControl
from ..sync.messages import error_message, localize
from .empty_hint import EmptyHint
from .interfaces_parts import (
    TokenPromptDialog,
    eye_icon,
    kind_label,
    status_label,
    token_error_text,
    trigger_label,
)
from .server_away import mark_editing
from .style import DEMO_COLOR, ERROR_COLOR, OK_COLOR, format_datetime, next_run_text

log = logging.getLogger(__name__)

HISTORY_LIMIT = 50


class InterfacesTab(QWidget):
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

    # -- building ------------------------------------------------------------------------
    def _build_connection(self, parent: QWidget) -> QGroupBox:
        box = QGroupBox(self.tr("sevDesk-Verbindung"), parent)
        layout = QVBoxLayout(box)
        self.enabled = QCheckBox(self.tr("sevDesk"), box)
        self.enabled.setToolTip(
            self.tr(
                "Die sevDesk-Anbindung ein- oder ausschalten. Sie wird "
                "eingeschaltet, sobald ein Token gespeichert ist."
            )
        )
        self.enabled.setChecked(self.controller.sevdesk_enabled())
        self.enabled.toggled.connect(self._on_enabled)
        layout.addWidget(self.enabled)

        row = QHBoxLayout()
        self.token_edit = QLineEdit(box)
        self.token_edit.setObjectName("TokenEdit")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_edit.setPlaceholderText(self.tr("API-Token aus sevDesk einfügen"))
        self.token_edit.returnPressed.connect(self.save_token)
        self.toggle_action = QAction(eye_icon(False), self.tr("Token anzeigen"), box)
        self.toggle_action.setObjectName("ToggleTokenAction")
        self.toggle_action.setCheckable(True)
        self.toggle_action.toggled.connect(self._toggle_token_visible)
        self.token_edit.addAction(self.toggle_action, QLineEdit.ActionPosition.TrailingPosition)
        self.save_button = QPushButton(self.tr("Speichern"), box)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save_token)
        row.addWidget(self.token_edit, 1)
        row.addWidget(self.save_button)
        layout.addLayout(row)

        self.status = QLabel(box)
        self.status.setObjectName("ConnectionStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.status)
        self.keyring_note = QLabel(box)
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setObjectName("KeyringNote")
        layout.addWidget(self.keyring_note)

        help_text = QLabel(
            self.tr(
                "<b>Wo finde ich den Token?</b> In sevDesk unter Einstellungen → Benutzer: den "
                "eigenen Benutzer anklicken, beim API-Token auf „Einblenden“ klicken und das "
                "sevDesk-Passwort eingeben. Den Token kopieren und hier einfügen.<br><br>"
                "<b>Achtung:</b> sevDesk vergibt einen neuen Token, sobald der Benutzer geändert "
                "wird (zum Beispiel seine Sprache). Dann muss der neue Token hier eingetragen werden."
            ),
            box,
        )
        help_text.setObjectName("TokenHelp")
        help_text.setWordWrap(True)
        help_text.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(help_text)
        layout.addStretch(1)
        return box

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

    # -- connection (S1–S3) --------------------------------------------------------------
    def _toggle_token_visible(self, visible: bool) -> None:
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password)
        self.toggle_action.setIcon(eye_icon(visible))
        self.toggle_action.setText(self.tr("Token verbergen") if visible else self.tr("Token anzeigen"))

    def _on_enabled(self, enabled: bool) -> None:
        self.controller.set_enabled(enabled)

    def show_connection(self) -> None:
        state = self.controller.connection_state()
        user = settings.connected_user()
        if state == "broken":
            text = self.tr(
                "Die Verbindung ist unterbrochen: sevDesk hat den gespeicherten Token "
                "abgelehnt. Bitte den aktuellen Token eintragen und speichern."
            )
            color = ERROR_COLOR
        elif state in ("connected", "demo"):
            text = (
                self.tr("Verbunden als {user}.").replace("{user}", localize(user))
                if user
                else self.tr("Ein Token ist gespeichert.")
            )
            if state == "demo":
                text += " " + self.tr("(Demo-sevDesk)")
            color = OK_COLOR
            problem = self.controller.reach_problem
            if problem:  # the token is fine, but sevDesk did not answer the last request
                text += " " + localize(problem)
                color = ERROR_COLOR
        elif self.controller.has_token() and not self.controller.sevdesk_enabled():
            text, color = self.tr("Die sevDesk-Anbindung ist ausgeschaltet."), None
        else:
            text, color = (
                self.tr(
                    "Noch nicht verbunden. So geht es: den API-Token aus sevDesk oben "
                    "einfügen und auf „Speichern“ klicken – wo der Token steht, "
                    "ist hier unten beschrieben."
                ),
                None,
            )
        self._set_status(text, color)
        if state == "broken" and not self._busy:
            # An older result ("nicht erreichbar") would contradict the status above.
            self.progress_text.setText(self.tr("Abgleich pausiert: sevDesk hat den Token abgelehnt."))
            self.progress_text.setStyleSheet(f"color: {ERROR_COLOR.name()};")
        self.enabled.blockSignals(True)
        self.enabled.setChecked(self.controller.sevdesk_enabled())
        self.enabled.blockSignals(False)
        self._update_keyring_note()
        self.update_schedule_text()
        self.sync_button.setEnabled(not self._busy and self.controller.can_sync())

    def _update_keyring_note(self, stored_where: str | None = None) -> None:
        source = stored_where or self.ctx.tokens.source()
        if source == "session" and not self.ctx.demo:
            self.keyring_note.setText(
                self.tr(
                    "Auf diesem Rechner gibt es keinen sicheren Schlüsselbund. Der Token wird nur "
                    "behalten, bis craftdesk beendet wird, und muss danach neu eingegeben werden."
                )
            )
        elif source == "env":
            self.keyring_note.setText(
                self.tr("Der Token kommt aus der Umgebungsvariable CRAFTDESK_API_TOKEN.")
            )
        elif source == "none" and not describe_backend().secure:
            self.keyring_note.setText(
                self.tr(
                    "Auf diesem Rechner gibt es keinen sicheren Schlüsselbund: ein Token gilt nur, "
                    "bis craftdesk beendet wird."
                )
            )
        else:
            self.keyring_note.clear()
        self.keyring_note.setVisible(bool(self.keyring_note.text()))

    def _set_status(self, text: str, color: Any = None) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {color.name()};" if color is not None else "")

    def save_token(self) -> bool:
        """S1: test the typed token on the worker; store it only when sevDesk accepts it."""
        token = self.token_edit.text().strip()
        if not token:
            self._set_status(self.tr("Bitte zuerst den API-Token eintragen."), ERROR_COLOR)
            return False
        self._set_status(self.tr("Token wird bei sevDesk geprüft …"))
        self.save_button.setEnabled(False)
        started = self.controller.run_task(
            self.tr("Token prüfen"),
            connected_user,
            on_success=lambda user: self._token_accepted(token, user),
            on_failure=self._token_rejected,
            token=token,
        )
        if not started:
            self.save_button.setEnabled(True)
            self._set_status(self.tr("Bitte warten, bis der laufende Abgleich fertig ist."), ERROR_COLOR)
        return started

    def _token_accepted(self, token: str, user: str) -> None:
        self.save_button.setEnabled(True)
        try:
            where = self.ctx.tokens.set(token)
        except Exception:  # the keyring itself failed: say so, keep nothing
            log.warning("Storing the token failed", exc_info=True)
            self._set_status(self.tr("Der Token konnte nicht gespeichert werden."), ERROR_COLOR)
            return
        self.token_edit.clear()
        self.token_edit.setPlaceholderText(self.tr("Token gespeichert – zum Ändern neuen Token einfügen"))
        self.controller.mark_connected(user or None)
        self._update_keyring_note(where)
        # S1: the customers come right away; articles follow with the recurring import.
        self.controller.start_import("customers", trigger="connect")

    def _token_rejected(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self._set_status(token_error_text(error), ERROR_COLOR)

    def prompt_new_token(self, message: str) -> None:
        """S3: one prompt; a second 401 while it is open does not stack another."""
        self.show_connection()
        if self.prompt is not None and self.prompt.isVisible():
            return
        self.prompt = TokenPromptDialog(localize(message), self)
        self.prompt.accepted.connect(self._prompt_accepted)
        self.prompt.open()

    def _prompt_accepted(self) -> None:
        if self.prompt is None:
            return
        token = self.prompt.token.text().strip()
        if token:
            self.token_edit.setText(token)
            self.save_token()

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
        self.sync_button.setEnabled(not busy and self.controller.can_sync())
        self.cancel_button.setEnabled(busy)
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
        return self.settings_panel.ask_categories_then_import(self.update_schedule_text)

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
        last = settings.last_sync_success()
        parts = [
            self.tr("Letzter Abgleich: {time}").replace("{time}", format_datetime(last) if last else "–")
        ]
        scheduler = self.controller.scheduler
        if scheduler is not None:
            parts.append(self.tr("Nächster: {time}").replace("{time}", next_run_text(scheduler)))
        self.schedule_text.setText(" · ".join(parts))

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
