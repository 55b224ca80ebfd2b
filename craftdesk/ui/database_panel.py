"""Schnittstellen → "Datenbank und Sicherung": where the data lives (T1), the shared
server of team mode, "Jetzt sichern" and "Wiederherstellen …" (K1, K2)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from .. import config
from ..credentials import store_server_password
from ..errors import CraftdeskError
from ..services import backups, team
from ..services.team import DatabaseUrlError
from ..sync.messages import localize
from .dialogs import common
from .i18n import record_counts
from .server_away import mark_editing
from .style import ERROR_COLOR

log = logging.getLogger(__name__)


class DatabasePanel(QGroupBox):
    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Datenbank und Sicherung"))
        self.setObjectName("DatabasePanel")
        self.controller = controller
        self.ctx = controller.ctx
        grid = QGridLayout(self)

        self.where = QLabel(self)
        self.where.setObjectName("DatabaseWhere")
        self.where.setWordWrap(True)
        self.where.setTextFormat(Qt.TextFormat.PlainText)  # a path or address is data (H5)
        grid.addWidget(self.where, 0, 0, 1, 3)

        grid.addWidget(QLabel(self.tr("Gemeinsame Datenbank:"), self), 1, 0)
        self.url_edit = QLineEdit(self)
        self.url_edit.setObjectName("DatabaseUrl")
        self.url_edit.setPlaceholderText(
            self.tr("leer: Datei auf diesem Rechner; sonst z. B. postgresql://craftdesk@server/craftdesk")
        )
        active = self.ctx.database_label if getattr(self.ctx, "team_mode", False) else ""
        self.url_edit.setText(team.database_setting(self.ctx.data_dir) or active)
        grid.addWidget(self.url_edit, 1, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("Passwort:"), self), 2, 0)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("wird im Schlüsselbund gespeichert"))
        grid.addWidget(self.password_edit, 2, 1)
        self.apply_button = QPushButton(self.tr("Übernehmen"), self)
        self.apply_button.setToolTip(self.tr("Gilt ab dem nächsten Start von craftdesk."))
        self.apply_button.clicked.connect(self.apply_database)
        grid.addWidget(self.apply_button, 2, 2)

        buttons = QHBoxLayout()
        self.backup_button = QPushButton(self.tr("Jetzt sichern"), self)
        self.backup_button.setObjectName("BackupNow")
        self.backup_button.clicked.connect(self.backup_now)
        self.restore_button = QPushButton(self.tr("Wiederherstellen …"), self)
        self.restore_button.setObjectName("RestoreBackup")
        self.restore_button.clicked.connect(self.restore)
        mark_editing(self.backup_button, self.restore_button)  # greyed while the server is away (T7)
        buttons.addWidget(self.backup_button)
        buttons.addWidget(self.restore_button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 3, 0, 1, 3)
        self.last_backup = QLabel(self)
        self.last_backup.setObjectName("LastBackup")
        self.last_backup.setWordWrap(True)
        self.last_backup.setTextFormat(Qt.TextFormat.PlainText)
        grid.addWidget(self.last_backup, 4, 0, 1, 3)
        grid.setColumnStretch(1, 1)
        self.refresh()

    @property
    def backup_dir(self) -> Path:
        return Path(self.ctx.data_dir) / config.BACKUP_DIRNAME

    def refresh(self) -> None:
        if getattr(self.ctx, "team_mode", False):
            self.where.setText(
                self.tr("Team-Betrieb: Die Daten liegen in der gemeinsamen Datenbank {url}.").replace(
                    "{url}", self.ctx.database_label
                )
            )
        else:
            self.where.setText(
                self.tr("Die Daten liegen in der Datei {path} auf diesem Rechner.").replace(
                    "{path}", str(self.ctx.db_path)
                )
            )
        self.last_backup.setStyleSheet("")
        found = backups.list_backups(self.backup_dir)
        if found:
            self.last_backup.setText(
                self.tr(
                    "Letzte Sicherung: {name} (im Ordner {folder}); "
                    "täglich automatisch, 7 Tage und 4 Wochen werden "
                    "aufbewahrt."
                )
                .replace("{name}", found[0].name)
                .replace("{folder}", str(self.backup_dir))
            )
        else:
            self.last_backup.setText(
                self.tr(
                    "Noch keine Sicherung; craftdesk sichert täglich automatisch in den Ordner {folder}."
                ).replace("{folder}", str(self.backup_dir))
            )

    def show_backup_outcome(self, outcome: object) -> None:
        """The daily backup ended (K1): the line names the new backup, or says in the error
        colour that it could not be written (before, the line kept promising backups)."""
        if isinstance(outcome, str):
            self.last_backup.setStyleSheet(f"color: {ERROR_COLOR.name()};")
            self.last_backup.setText(
                self.tr(
                    "Die tägliche Sicherung ließ sich nicht schreiben ({reason}); bitte im Ordner "
                    "{folder} Schreibrechte und freien Platz prüfen."
                )
                .replace("{reason}", self.tr(outcome))  # fsutil's reasons are translated here
                .replace("{folder}", str(self.backup_dir))
            )
            return
        self.refresh()

    # -- T1 ----------------------------------------------------------------------------------
    def apply_database(self) -> None:
        url, password = self.url_edit.text().strip(), self.password_edit.text()
        title = self.tr("Datenbank")
        try:
            target = team.save_database_setting(Path(self.ctx.data_dir), url)
        except DatabaseUrlError as exc:
            common.warn(self, title, localize(exc.message))
            return
        self.password_edit.clear()
        if target is None:
            common.inform(
                self,
                title,
                self.tr(
                    "Ab dem nächsten Start arbeitet craftdesk wieder mit der Datei auf diesem Rechner. "
                    "Sie enthält nur, was vor dem Umzug auf den Server hier gespeichert war; den Stand "
                    "des Servers holt „craftdesk db copy --from ADRESSE -o DATEI“ in eine neue Datei."
                ),
            )
            return
        self.url_edit.setText(target.display)
        secret = password or target.password
        if secret and not store_server_password(target.display, secret):
            common.warn(
                self,
                title,
                self.tr(
                    "Es gibt keinen sicheren Schlüsselbund; das Passwort "
                    "wurde nicht gespeichert (PGPASSWORD oder .pgpass "
                    "verwenden)."
                ),
            )
        common.inform(
            self,
            title,
            self.tr(
                "Ab dem nächsten Start arbeitet craftdesk mit der "
                "gemeinsamen Datenbank {url}. Vorhandene Daten "
                "einmalig mit „craftdesk db copy --to …“ übertragen."
            ).replace("{url}", target.display),
        )

    # -- K1/K2 -------------------------------------------------------------------------------
    def backup_now(self) -> None:
        title = self.tr("Sichern")
        try:
            path = backups.backup_now(self.backup_dir)
        except CraftdeskError as exc:
            common.warn(self, title, localize(exc.message))
            return
        self.refresh()
        common.inform(self, title, self.tr("Gesichert in {path}.").replace("{path}", str(path)))

    def choose_backup(self) -> Path | None:
        """The file dialog (tests replace it)."""
        self.backup_dir.mkdir(parents=True, exist_ok=True)
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Sicherung wählen"),
            str(self.backup_dir),
            self.tr("craftdesk-Sicherungen (*.sqlite3)"),
        )
        return Path(name) if name else None

    def restore(self) -> None:
        title = self.tr("Wiederherstellen")
        path = self.choose_backup()
        if path is None:
            return
        try:
            info = backups.inspect_backup(path)
        except CraftdeskError as exc:
            common.warn(self, title, localize(exc.message))
            return
        question = (
            self.tr(
                "Die Sicherung vom {date} wiederherstellen?\n\nIn der Sicherung: {then}.\n"
                "Jetzt: {now}.\n\nWas seit der Sicherung hinzukam oder geändert wurde, geht "
                "verloren. Der jetzige Stand wird vorher gesichert und lässt sich ebenso "
                "wiederherstellen; Rechnungsentwürfe, die seitdem in sevDesk angelegt wurden, "
                "bleiben bekannt."
            )
            .replace("{date}", backups.backup_created(info))
            .replace("{then}", record_counts(info.customers, info.articles, info.projects))
            .replace("{now}", record_counts(*backups.current_counts()))
        )
        if not common.confirm(self, title, question, self.tr("Wiederherstellen")):
            return
        try:
            result = backups.restore_backup(self.backup_dir, path)
        except CraftdeskError as exc:
            common.warn(self, title, localize(exc.message))
            return
        self.controller.data_changed.emit("all")  # every view reads again (K2)
        self.refresh()
        common.inform(
            self,
            title,
            self.tr("Wiederhergestellt. Der vorige Stand liegt in {path}.").replace(
                "{path}", str(result.safety_copy)
            ),
        )
