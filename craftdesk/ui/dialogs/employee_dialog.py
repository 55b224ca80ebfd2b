"""Mitarbeiter: list, add, edit, delete, and take over the sevDesk users (through the worker).

Employees are who can be assigned to appointments or observe them; the order import makes
the confirmation's creator an observer when they are a local employee (O3).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import CraftdeskError
from ...services import employees, observers
from ...services.team_edits import EditConflict, EmployeeForm, employee_form, save_employee
from ...sync.contract import SyncControl
from ..record_proxy import RecordFilterProxy
from ..server_away import mark_safe
from ..table_models import Column, RecordRole, RecordTableModel
from . import common, conflict_dialog
from .discard_guard import DiscardGuard
from .errors import error_text

if TYPE_CHECKING:
    from ...services.employees import Employee


@dataclass(frozen=True)
class EmployeeRow:
    id: int
    name: str
    email: str
    sevdesk_user_id: str
    active: bool


def load_employee_rows() -> list[EmployeeRow]:
    return [
        EmployeeRow(e.id, e.name, e.email or "", e.sevdesk_user_id or "", bool(e.active))
        for e in employees.list_employees()
    ]


class EmployeeEditDialog(DiscardGuard, QDialog):
    def __init__(self, employee_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.employee_id = employee_id
        self.saved_id: int | None = None
        editing = employee_id is not None
        self.setWindowTitle(self.tr("Mitarbeiter bearbeiten") if editing else self.tr("Neuer Mitarbeiter"))
        self.setMinimumWidth(420)
        self.name = QLineEdit(self)
        self.email = QLineEdit(self)
        self.user_id = QLineEdit(self)
        self.user_id.setPlaceholderText(self.tr("optional"))
        self.active = QCheckBox(self.tr("Aktiv (für Termine auswählbar)"), self)
        self.active.setChecked(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("E-Mail:"), self.email)
        form.addRow(self.tr("sevDesk-Benutzer-ID:"), self.user_id)
        form.addRow("", self.active)
        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Speichern"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._version: int | None = None
        self._opened: EmployeeForm | None = None  # the form as shown, for a merge (T5)
        if employee_id is not None:
            stored = employee_form(employee_id)
            self._version, self._opened = stored.version, stored
            self._fill(stored)

    def _fill(self, form: EmployeeForm) -> None:
        self.name.setText(form.name)
        self.email.setText(form.email)
        self.user_id.setText(form.sevdesk_user_id)
        self.active.setChecked(form.active)

    def form(self) -> EmployeeForm:
        return EmployeeForm(
            name=self.name.text(),
            email=self.email.text(),
            sevdesk_user_id=self.user_id.text(),
            active=self.active.isChecked(),
        )

    def conflict_labels(self) -> dict[str, str]:
        return {
            "name": self.tr("Name"),
            "email": self.tr("E-Mail"),
            "sevdesk_user_id": self.tr("sevDesk-Benutzer-ID"),
            "active": self.tr("Aktiv"),
        }

    def _save(self) -> None:
        self._store(self.form())

    def _store(self, form: EmployeeForm, force: bool = False) -> bool:
        form.version = self._version
        try:
            self.saved_id = save_employee(self.employee_id, form, force=force)
        except EditConflict as conflict:  # saved elsewhere meanwhile (T5)
            conflict_dialog.resolve(
                self,
                conflict,
                form,
                self.conflict_labels(),
                lambda merged: self._store(merged, force=True),
                frozenset({"active"}),
            )
            return False
        except CraftdeskError as exc:
            common.warn(self, self.windowTitle(), str(exc))
            return False
        self.accept()
        return True


class EmployeeDialog(QDialog):
    def __init__(self, controller: SyncControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Mitarbeiter"))
        self.resize(740, 420)
        active, inactive = self.tr("aktiv"), self.tr("inaktiv")
        columns = [
            Column("name", self.tr("Name"), lambda e: e.name, width=200),
            Column("email", self.tr("E-Mail"), lambda e: e.email or "", width=260),
            Column("user", self.tr("sevDesk-Benutzer"), lambda e: e.sevdesk_user_id or "", width=120),
            Column("active", self.tr("Status"), lambda e: active if e.active else inactive),
        ]
        self.model = RecordTableModel(columns, parent=self, dimmed=lambda e: None if e.active else inactive)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = common.record_table(self.proxy, columns, self)
        self.view.doubleClicked.connect(self._double_clicked)

        self.status = common.banner("", "info", self)
        self.status.setVisible(False)
        self.new_button = QPushButton(self.tr("Neu"), self)
        self.new_button.clicked.connect(lambda: self._edit(None))
        self.edit_button = QPushButton(self.tr("Bearbeiten"), self)
        self.edit_button.clicked.connect(lambda: self._edit(self.selected()))
        self.delete_button = QPushButton(self.tr("Löschen"), self)
        self.delete_button.clicked.connect(self._delete)
        self.sevdesk_button = QPushButton(self.tr("Aus sevDesk übernehmen"), self)
        self.sevdesk_button.clicked.connect(self.take_from_sevdesk)
        # O3 after the fact: confirmations imported before their creator was an employee.
        self.observers_button = QPushButton(self.tr("Beobachter nachtragen"), self)
        self.observers_button.setObjectName("ApplyCreatorsButton")
        self.observers_button.clicked.connect(self.apply_creators)
        close = QPushButton(self.tr("Schließen"), self)
        close.clicked.connect(self.accept)
        mark_safe(close)  # usable while the server is away (T7)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.observers_button)
        buttons.addWidget(self.sevdesk_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Mitarbeiter können Terminen zugewiesen werden oder sie beobachten. Wer in sevDesk eine "
                "Auftragsbestätigung angelegt hat, wird beim Import Beobachter des Termins."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        controller.connection_state_changed.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        self.model.set_records(load_employee_rows())
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        """Edit and delete need a selected employee; taking users over needs sevDesk."""
        selected = self.selected() is not None
        self.edit_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)
        connected = self.controller.can_sync()
        self.sevdesk_button.setEnabled(connected and not self.controller.is_busy())
        pending = observers.pending_count()
        self.observers_button.setVisible(pending > 0)
        self.observers_button.setEnabled(connected and not self.controller.is_busy())
        self.observers_button.setToolTip(
            self.tr(
                "%1 importierte Auftragsbestätigungen haben noch keinen Beobachter: wer sie in sevDesk "
                "angelegt hat und jetzt Mitarbeiter ist, wird Beobachter des Termins."
            ).replace("%1", str(pending))
        )
        self.sevdesk_button.setToolTip(
            self.tr(
                "Legt für jeden sevDesk-Benutzer, der noch keinem Mitarbeiter zugeordnet ist, "
                "einen Mitarbeiter an."
            )
            if connected
            else self.tr("Zuerst im Tab „Schnittstellen“ mit sevDesk verbinden.")
        )

    def selected(self) -> EmployeeRow | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(RecordRole) if rows else None

    def _double_clicked(self, index: QModelIndex) -> None:
        self._edit(index.data(RecordRole))

    def _edit(self, employee: EmployeeRow | None) -> None:
        if employee is None and self.sender() is self.edit_button:
            return
        dialog = EmployeeEditDialog(employee.id if employee is not None else None, self)
        if dialog.exec():
            self.reload()

    def _delete(self) -> None:
        employee = self.selected()
        if employee is None:
            return
        if common.confirm(
            self,
            self.tr("Mitarbeiter löschen"),
            self.tr("„%1“ löschen? Die Zuordnungen zu Terminen gehen dabei verloren.").replace(
                "%1", employee.name
            ),
            yes=self.tr("Löschen"),
        ):
            try:
                employees.delete_employee(employee.id)
            except CraftdeskError as exc:
                common.warn(self, self.windowTitle(), str(exc))
            self.reload()

    def take_from_sevdesk(self) -> None:
        self.sevdesk_button.setEnabled(False)
        self._show(self.tr("sevDesk-Benutzer werden geladen …"), "info")
        self._run(
            self.tr("Mitarbeiter aus sevDesk übernehmen"), employees.employees_from_sevdesk, self._taken
        )

    def _taken(self, created: list[Employee]) -> None:
        self.reload()
        if created:
            names = ", ".join(e.name for e in created)
            text = (
                self.tr("%1 Mitarbeiter übernommen: %2.")
                .replace("%1", str(len(created)))
                .replace("%2", names)
            )
            if observers.pending_count():
                text += " " + self.tr(
                    "Mit „Beobachter nachtragen“ werden sie Beobachter der "
                    "Termine, deren Auftragsbestätigung sie angelegt haben."
                )
            self._show(text, "success")
        else:
            self._show(self.tr("Alle sevDesk-Benutzer sind bereits als Mitarbeiter vorhanden."), "info")

    def apply_creators(self) -> bool:
        self.observers_button.setEnabled(False)
        self._show(self.tr("Die Ersteller der Auftragsbestätigungen werden in sevDesk nachgesehen …"), "info")
        return self._run(self.tr("Beobachter nachtragen"), observers.apply_creators, self._creators_applied)

    def _run(self, title: str, task: Any, on_success: Any) -> bool:
        """Run a sevDesk task on the worker; when the worker is busy, say so and free the buttons."""
        started = self.controller.run_task(
            title, task, on_success=on_success, on_failure=self._failed, changes="projects"
        )
        if not started:
            self._update_buttons()
            self._show(
                self.tr("Gerade läuft ein Abgleich mit sevDesk. Bitte gleich noch einmal versuchen."),
                "warning",
            )
        return bool(started)

    def _creators_applied(self, added: int) -> None:
        self._update_buttons()
        if added:
            self._show(
                self.tr("%1 Termine haben ihren Ersteller als Beobachter bekommen.").replace(
                    "%1", str(added)
                ),
                "success",
            )
        else:
            self._show(self.tr("Keiner der Ersteller ist als Mitarbeiter vorhanden."), "info")

    def _failed(self, error: Exception) -> None:
        self._update_buttons()
        self._show(error_text(error), "error")

    def _show(self, text: str, kind: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(common.BANNER_STYLES[kind])
        self.status.setVisible(True)
