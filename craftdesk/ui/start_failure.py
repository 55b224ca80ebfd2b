"""A sentence the windowed app must say before anything else works (the data folder cannot be
written, so there is no log either): a plain message box, in the system's language."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from ..sync.messages import localize
from .i18n import install_translations


def tell(sentence: str) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translations(app)  # type: ignore[arg-type]
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("App", "craftdesk – Fehler"),
        localize(sentence),
        QMessageBox.StandardButton.Ok,
    )
    box.exec()
