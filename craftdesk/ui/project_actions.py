"""What the Projekte tree does on a click, a double-click or its context menu: open the
project, job and appointment editors (O8), the invoice draft (I1–I5), the order import
(O1), employees, archiving (V8) and the demo's invoice moves.

A mixin of :class:`~craftdesk.ui.projects_tab.ProjectsTab`. After an action the tab
shows anew only the project it changed (``refresh_projects``), not the whole tree (T6);
an action with unknown reach (the order import) reloads it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QPushButton, QTreeView, QWidget

from ..errors import CraftdeskError
from ..services import demo_payments, invoice_status, invoices, projects
from ..sync.contract import SyncControl
from ..sync.messages import localize
from . import print_actions
from .dialogs import common
from .dialogs.appointment_dialog import AppointmentDialog
from .dialogs.employee_dialog import EmployeeDialog
from .dialogs.errors import error_text
from .dialogs.invoice_dialog import InvoicePreviewDialog
from .dialogs.job_dialog import JobDialog
from .dialogs.order_import_dialog import OrderImportDialog
from .dialogs.project_dialog import ProjectDialog
from .empty_hint import show_interfaces
from .project_filter import FilterBar
from .project_tree import COLUMNS, TreeRecord
from .table_models import RecordRole

if TYPE_CHECKING:
    _Widget = QWidget
else:
    _Widget = object  # the tab is the QWidget (its class names the translations' context)


class ProjectActions(_Widget):
    """Mix in before ``QWidget``; the tab provides the view, the controller and the data
    methods declared below."""

    controller: SyncControl
    view: QTreeView
    filter_bar: FilterBar
    delete_button: QPushButton
    new_appointment_button: QPushButton
    edit_button: QPushButton
    invoice_button: QPushButton
    last_dialog: Any

    if TYPE_CHECKING:  # provided by the tab (declared only: nothing here hides them)

        def reload(self) -> None: ...
        def refresh_projects(self, project_ids: set[int]) -> None: ...
        def select_soon(self, kind: str, record_id: int, project_id: int) -> None: ...
        def _filter(self, filters: object) -> None: ...
        def selected_record(self) -> TreeRecord | None: ...

    # --- clicks ------------------------------------------------------------------------------

    def _double_clicked(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if record is None:
            return
        if record.kind == "project":
            self.open_invoice(record.project_id)
        else:
            self.edit_record(record)

    def _clicked(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if index.column() == COLUMNS.index("invoice") and record is not None and record.invoice_id:
            common.open_link(invoices.invoice_link(record.invoice_id, self._api_url()))

    def _context_menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        record = index.data(RecordRole) if index.isValid() else None
        menu = QMenu(self)
        writes = [menu.addAction(self.tr("Neues Projekt …"), self.new_project)]
        if record is not None:
            writes.append(menu.addAction(self.tr("Neuer Termin …"), self.new_appointment))
            if record.kind == "project":
                writes.append(
                    menu.addAction(self.tr("Neuer Auftrag …"), lambda: self.new_job(record.project_id))
                )
                writes.append(
                    menu.addAction(
                        self.tr("Rechnungsentwurf …"), lambda: self.open_invoice(record.project_id)
                    )
                )
                if record.archivable:  # V8: every invoice is paid
                    writes.append(
                        menu.addAction(
                            self.tr("Projekt archivieren"), lambda: self.archive_project(record.project_id)
                        )
                    )
                if self.controller.ctx.demo:
                    self._demo_menu(menu, record.project_id)
            menu.addAction(self.tr("Bearbeiten …"), lambda: self.edit_record(record))
            writes.append(menu.addAction(self.tr("Löschen …"), lambda: self.delete_record(record)))
            writes[-1].setShortcut(QKeySequence(Qt.Key.Key_Delete))  # the list's keys, named
            if record.kind == "appointment":  # P6, P7
                menu.addAction(
                    self.tr("Arbeitsauftrag drucken …"),
                    lambda: print_actions.job_sheet(self, record.id),
                )
                menu.addAction(
                    self.tr("Arbeitsbericht …"), lambda: print_actions.work_report(self, record.id)
                )
            if record.invoice_id:
                menu.addAction(
                    self.tr("Rechnungsentwurf in sevDesk öffnen"),
                    lambda: common.open_link(invoices.invoice_link(record.invoice_id, self._api_url())),
                )
        for action in writes:  # T7: nothing that writes while the server is away
            action.setEnabled(not self.controller.server_away)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _api_url(self) -> str | None:
        return self.controller.ctx.api_url

    # --- actions -----------------------------------------------------------------------------

    def _open(self, dialog: Any) -> bool:
        previous = self.last_dialog
        if previous is not None and previous is not dialog:
            # Kept for a look afterwards (tests, screenshots), the one before is let go: a
            # project dialog holds every customer's name, and the tab would keep them all.
            with contextlib.suppress(RuntimeError):  # (already gone with its parent)
                previous.deleteLater()
        self.last_dialog = dialog
        return bool(dialog.exec())

    def new_project(self) -> None:
        dialog = ProjectDialog(None, self)
        if self._open(dialog) and dialog.saved_id is not None:
            self.refresh_projects({dialog.saved_id})
            self.select_soon("project", dialog.saved_id, dialog.saved_id)  # (its own project)

    def new_job(self, project_id: int) -> None:
        dialog = JobDialog("", self)
        if self._open(dialog):
            title = dialog.value()
            self._run(lambda: projects.create_job(project_id, title), self.tr("Neuer Auftrag"), project_id)

    def new_appointment(self) -> None:
        record = self.selected_record()
        if record is None:
            common.inform(
                self,
                self.tr("Neuer Termin"),
                self.tr("Bitte wählen Sie zuerst ein Projekt oder einen Auftrag aus."),
            )
            return
        job_id = record.job_id
        if job_id is None:
            job_id = projects.first_job(projects.get_project(record.project_id)).id
        dialog = AppointmentDialog(None, job_id, self)
        if self._open(dialog) and dialog.saved_id is not None:
            self.refresh_projects({record.project_id})
            self.select_soon("appointment", dialog.saved_id, record.project_id)

    def edit_selected(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.edit_record(record)

    def edit_record(self, record: TreeRecord) -> None:
        if record.kind == "project":
            dialog: Any = ProjectDialog(record.id, self)
        elif record.kind == "job":
            job = projects.get_job(record.id)
            job_dialog = JobDialog(job.title, self)
            if self._open(job_dialog):
                title = job_dialog.value()
                self._run(
                    lambda: projects.edit_job(record.id, title),
                    self.tr("Auftrag bearbeiten"),
                    record.project_id,
                )
            return
        else:
            dialog = AppointmentDialog(record.id, parent=self)
        if self._open(dialog):
            self.refresh_projects({record.project_id})

    def delete_selected(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.delete_record(record)

    def hint_selection(self, chosen: bool) -> None:
        """The buttons that act on a row are enabled once one is chosen; until then each
        says so in its tooltip (a greyed button alone does not tell why)."""
        hint = self.tr("Zuerst ein Projekt, einen Auftrag oder einen Termin in der Liste wählen.")
        for button in (
            self.new_appointment_button,
            self.edit_button,
            self.delete_button,
            self.invoice_button,
        ):
            button.setEnabled(chosen)
            if not chosen:
                button.setToolTip(hint)
            elif button is not self.invoice_button:
                button.setToolTip("")

    def delete_if_allowed(self) -> None:
        """The Delete key in the list: what "Löschen" does, when it may (it asks first)."""
        if self.delete_button.isEnabled():
            self.delete_selected()

    def delete_record(self, record: TreeRecord) -> None:
        try:
            title, jobs, appointments, done = projects.deletion_summary(record.kind, record.id)
        except CraftdeskError as exc:  # deleted meanwhile (another window, a colleague)
            common.warn(self, self.tr("Löschen nicht möglich"), localize(str(exc)))
            self.refresh_projects({record.project_id})
            return
        questions = {
            "project": self.tr(
                "Das Projekt „{title}“ mit allen Aufträgen ({jobs}) und Terminen ({n}) löschen?"
            ),
            "job": self.tr("Den Auftrag „{title}“ mit allen Terminen ({n}) löschen?"),
            "appointment": self.tr("Den Termin „{title}“ löschen?"),
        }
        question = questions[record.kind].replace("{jobs}", str(jobs)).replace("{n}", str(appointments))
        if done:
            question += " " + self.tr(
                "Fertig gemeldete Termine ({done}) verlieren ihre Stunden und ihr Material."
            )
        question += " " + self.tr("Das lässt sich nicht rückgängig machen.")
        actions: dict[str, Callable[[int], None]] = {
            "project": projects.delete_project,
            "job": projects.delete_job,
            "appointment": projects.delete_appointment,
        }
        question = question.replace("{title}", title).replace("{done}", str(done))
        if common.confirm(self, self.tr("Löschen"), question, yes=self.tr("Löschen")):
            # A refusal (e.g. an invoiced appointment) is shown with its reason.
            self._run(
                lambda: actions[record.kind](record.id), self.tr("Löschen nicht möglich"), record.project_id
            )

    def _run(self, action: Callable[[], object], title: str, project_id: int | None = None) -> None:
        """Run a write; its refusal in one sentence; then show its project anew (or all)."""
        try:
            action()
        except CraftdeskError as exc:
            common.warn(self, title, localize(str(exc)))
        if project_id is None:
            self.reload()
        else:
            self.refresh_projects({project_id})

    def _demo_menu(self, menu: QMenu, project_id: int) -> None:
        """Demo only: move an invoice on as the office would in sevDesk (V8)."""
        actions = (
            ("send", self.tr("Versenden (offen)")),
            ("partial", self.tr("Hälfte bezahlen")),
            ("paid", self.tr("Als bezahlt buchen")),
            ("cancel", self.tr("Stornieren")),
        )
        for summary in invoice_status.project_invoices(project_id).get(project_id, []):
            if summary.status == "cancelled":
                continue
            sub = menu.addMenu(
                self.tr("Demo-sevDesk: Rechnung %1").replace("%1", summary.number or summary.sevdesk_id)
            )
            for code, text in actions:
                action = sub.addAction(text)
                action.triggered.connect(
                    lambda _=False, i=summary.sevdesk_id, c=code: self.demo_invoice_action(i, c, project_id)
                )

    def demo_invoice_action(self, sevdesk_id: str, action: str, project_id: int | None = None) -> None:
        title = self.tr("Demo-sevDesk")
        self.controller.run_task(
            title,
            lambda client: demo_payments.demo_invoice_action(client, sevdesk_id, action, True),
            on_success=lambda _result: (
                self.reload() if project_id is None else self.refresh_projects({project_id})
            ),
            on_failure=lambda exc: common.warn(self, title, error_text(exc)),
            changes="projects",
        )

    def archive_project(self, project_id: int) -> None:
        """Archive a project whose invoices are all paid, in one step (V8)."""
        self._run(
            lambda: invoice_status.archive_project(project_id), self.tr("Projekt archivieren"), project_id
        )

    def open_order_import(self) -> None:
        dialog = OrderImportDialog(self.controller, self)
        self._open(dialog)
        self.reload()  # any number of projects may have come
        made = [r.project_id for r in dialog.results if r.status == "imported" and r.project_id]
        if made:  # the newest of them is selected (it comes first): the user looks for it next
            self.select_soon("project", max(made), max(made))

    def open_employees(self) -> None:
        self._open(EmployeeDialog(self.controller, self))
        if self.filter_bar.load_employees():  # the chosen employee was made inactive: all rows
            self._filter(self.filter_bar.filters())

    def _invoice_selected(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.open_invoice(record.project_id)

    def open_invoice(self, project_id: int) -> None:
        """Preview the project's invoice draft; a clear message when nothing is to invoice."""
        try:
            preview = invoices.build_preview(project_id)
        except CraftdeskError as exc:
            text = localize(str(exc))
            drafts = [d.sevdesk_id for d in invoices.sent_drafts(project_id) if d.sevdesk_id]
            if drafts:
                text += " " + self.tr("Bereits angelegte Rechnungsentwürfe in sevDesk: %1.").replace(
                    "%1", ", ".join(drafts)
                )
            common.inform(self, self.tr("Keine Rechnung möglich"), text)
            return
        self._open(InvoicePreviewDialog(preview, self.controller, self))
        self.refresh_projects({project_id})

    def follow_link(self, target: str) -> None:
        """The action links of the empty-tree note."""
        if target == "new":
            self.new_project()
        elif target == "import":
            self.open_order_import()
        elif target == "interfaces":
            show_interfaces(self)
