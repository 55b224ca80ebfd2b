"""Whose day plan, and which day: asked when "Tagesplan" is chosen from the Drucken menu
before a cell of the board was chosen (by keyboard, the menu comes first)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget


class DayPlanChoice(QDialog):
    def __init__(
        self,
        people: list[tuple[int, str]],
        days: list[tuple[date, str]],
        day: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DayPlanChoice")
        self.setWindowTitle(self.tr("Tagesplan drucken"))
        self.setMinimumWidth(360)
        self.employee = QComboBox(self)
        for employee_id, name in people:
            self.employee.addItem(name, employee_id)
        self.day = QComboBox(self)
        for value, label in days:
            self.day.addItem(label, value)
        shown = [value for value, _label in days]
        self.day.setCurrentIndex(shown.index(day) if day in shown else 0)
        form = QFormLayout()
        form.addRow(self.tr("Mitarbeiter:"), self.employee)
        form.addRow(self.tr("Tag:"), self.day)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Drucken …"), QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
        buttons.addButton(self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[int, date]:
        return self.employee.currentData(), self.day.currentData()
