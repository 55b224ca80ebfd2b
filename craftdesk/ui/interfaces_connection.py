"""The sevDesk connection of the Schnittstellen tab (S1–S3): switch it on and off, paste
and test the API token, say where it is kept, ask again for a rejected one.

A mixin of :class:`~craftdesk.ui.interfaces_tab.InterfacesTab`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..context import AppContext
from ..credentials import describe_backend
from ..services import settings
from ..services.importer import connected_user
from ..sync.contract import SyncControl
from ..sync.messages import localize
from .interfaces_parts import TokenPromptDialog, add_reveal_action, token_error_text
from .style import ERROR_COLOR, OK_COLOR

if TYPE_CHECKING:
    _Widget = QWidget
else:
    _Widget = object  # the tab is the QWidget (its class names the translations' context)

log = logging.getLogger(__name__)


class ConnectionSection(_Widget):
    """Mix in before ``QWidget``; the tab sets ``controller``, ``ctx`` and ``prompt``."""

    controller: SyncControl
    ctx: AppContext
    prompt: TokenPromptDialog | None
    _busy: bool
    progress_text: QLabel
    sync_button: QPushButton

    if TYPE_CHECKING:  # from SyncSection

        def update_schedule_text(self) -> None: ...

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
        self.toggle_action = add_reveal_action(self.token_edit)
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

    # -- connection (S1–S3) --------------------------------------------------------------
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
