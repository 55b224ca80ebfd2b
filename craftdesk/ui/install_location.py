"""macOS: ask the user to move craftdesk.app into „Programme“ when it runs translocated.

Gatekeeper starts an app opened from Downloads or straight from the disk image as a
copy in a random read-only folder; an autostart entry pointing there is gone after the
next restart, and updates would not stick. The app says so once per start.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import autostart


def ask_to_move(parent: QWidget | None) -> QMessageBox | None:
    """Show the request (non-modal) when the app is not installed; returns the box."""
    if autostart.install_location_problem() is None:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("InstallLocation", "craftdesk in „Programme“ verschieben"),
        QCoreApplication.translate(
            "InstallLocation",
            "craftdesk läuft nicht aus dem Ordner „Programme“. Bitte craftdesk beenden, "
            "craftdesk.app im Finder in „Programme“ ziehen und von dort starten – sonst "
            "funktionieren der automatische Start und Updates nicht.",
        ),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.open()
    return box
