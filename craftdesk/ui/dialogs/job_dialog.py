"""The title of a job (Auftrag): a small dialog like the others (text buttons, a field wide
enough for the title, asks before throwing a typed title away)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from .discard_guard import DiscardGuard


class JobDialog(DiscardGuard, QDialog):
    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("JobDialog")
        self.setWindowTitle(self.tr("Auftrag bearbeiten") if title else self.tr("Neuer Auftrag"))
        self.setMinimumWidth(560)
        self.title = QLineEdit(title, self)
        self.title.setMaxLength(255)
        self.title.setCursorPosition(0)  # the start of a long title, not its end
        form = QFormLayout()
        form.addRow(self.tr("Titel des Auftrags:"), self.title)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Speichern"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.buttons.addButton(self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title.textChanged.connect(lambda text: self.save_button.setEnabled(bool(text.strip())))
        self.save_button.setEnabled(bool(title.strip()))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.arm_discard_guard()

    def value(self) -> str:
        return self.title.text().strip()
