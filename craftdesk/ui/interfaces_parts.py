"""Parts of the Schnittstellen tab kept out of its module: the painted eye of the token
field, the S3 token prompt, and the German (translatable) words of the import history."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..services.errors import AuthError, SevdeskError, UnreachableError
from ..sync.messages import error_message


def eye_icon(open_eye: bool) -> QIcon:
    """A small painted eye (crossed out while the token is hidden); no icon file needed."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#444444"), 2.5)
    painter.setPen(pen)
    painter.drawEllipse(4, 10, 24, 12)
    painter.setBrush(QColor("#444444"))
    painter.drawEllipse(12, 12, 8, 8)
    if not open_eye:
        painter.drawLine(5, 27, 27, 5)
    painter.end()
    return QIcon(pixmap)


REVEAL_KEY = "Alt+F8"  # as Windows' own password fields


def add_reveal_action(edit: QLineEdit) -> QAction:
    """The eye at the end of a token field: shows or hides the token, by click or by
    Alt+F8 while the field has the focus (the eye itself takes no Tab stop)."""
    action = QAction(edit)
    action.setObjectName("ToggleTokenAction")
    action.setCheckable(True)
    action.setShortcut(QKeySequence(REVEAL_KEY))
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    def show(visible: bool) -> None:
        edit.setEchoMode(QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password)
        action.setIcon(eye_icon(visible))
        text = (
            QCoreApplication.translate("InterfacesTab", "Token verbergen")
            if visible
            else QCoreApplication.translate("InterfacesTab", "Token anzeigen")
        )
        action.setText(text)
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{text} ({shortcut})")

    action.toggled.connect(show)
    show(False)
    edit.addAction(action, QLineEdit.ActionPosition.TrailingPosition)
    return action


class TokenPromptDialog(QDialog):
    """S3: asks once for the new token after sevDesk rejected the stored one."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("TokenPromptDialog")
        self.setWindowTitle(self.tr("Neuer sevDesk-Token nötig"))
        layout = QVBoxLayout(self)
        text = QLabel(message, self)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("neuen API-Token einfügen"))
        self.toggle_action = add_reveal_action(self.token)
        layout.addWidget(self.token)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Speichern"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Später"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())


def token_error_text(error: Exception) -> str:
    """S1: why the token was not stored, in one sentence."""
    if isinstance(error, AuthError):
        return QCoreApplication.translate(
            "InterfacesTab",
            "sevDesk hat den Token abgelehnt. Bitte prüfen, ob er vollständig kopiert "
            "wurde – sevDesk vergibt einen neuen Token, wenn der Benutzer geändert wird.",
        )
    if isinstance(error, UnreachableError):
        return QCoreApplication.translate(
            "InterfacesTab",
            "sevDesk ist nicht erreichbar – bitte die Internetverbindung prüfen; "
            "der Token wurde nicht gespeichert.",
        )
    if isinstance(error, SevdeskError):
        return QCoreApplication.translate(
            "InterfacesTab", "sevDesk meldet einen Fehler ({reason}); der Token wurde nicht gespeichert."
        ).replace("{reason}", error_message(error).rstrip("."))
    return QCoreApplication.translate(
        "InterfacesTab", "Der Token konnte nicht geprüft werden; er wurde nicht gespeichert."
    )


def kind_label(kind: str) -> str:
    return {
        "customers": QCoreApplication.translate("InterfacesTab", "Kunden"),
        "articles": QCoreApplication.translate("InterfacesTab", "Artikel"),
        "all": QCoreApplication.translate("InterfacesTab", "Kunden und Artikel"),
        "orders": QCoreApplication.translate("InterfacesTab", "Aufträge"),
    }.get(kind, kind)


def trigger_label(trigger: str) -> str:
    return {
        "manual": QCoreApplication.translate("InterfacesTab", "von Hand"),
        "scheduled": QCoreApplication.translate("InterfacesTab", "automatisch"),
        "cli": QCoreApplication.translate("InterfacesTab", "Befehlszeile"),
        "connect": QCoreApplication.translate("InterfacesTab", "Verbinden"),
    }.get(trigger, trigger)


def status_label(status: str) -> str:
    return {
        "running": QCoreApplication.translate("InterfacesTab", "läuft"),
        "ok": QCoreApplication.translate("InterfacesTab", "erfolgreich"),
        "failed": QCoreApplication.translate("InterfacesTab", "fehlgeschlagen"),
        "cancelled": QCoreApplication.translate("InterfacesTab", "abgebrochen"),
        "skipped": QCoreApplication.translate("InterfacesTab", "übersprungen"),
    }.get(status, status)
