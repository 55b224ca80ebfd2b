"""The Projekte tab: projects → jobs → appointments with status colours (SPEC §4), the
order import from sevDesk (O1), the appointment editor (O8), employees, and the invoice
draft: double-click a project → preview → create the draft in sevDesk (I1–I5).

Rows are found through ``RecordRole`` (a :class:`TreeRecord`) on the proxy index that was
clicked, never by row number.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..errors import CraftdeskError
from ..services import demo_payments, invoice_status, invoices, projects
from ..services.changes import Change, Scope
from ..services.project_rows import load_project_nodes
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
from .empty_hint import EmptyHint, link
from .lazy_reload import LazyReloadMixin
from .project_filter import FilterBar, ProjectFilterProxy
from .project_tree import COLUMNS, TreeRecord, build_model, column_titles, column_widths
from .project_views import ViewSwitch
from .record_tab import connection_state_of, show_interfaces
from .server_away import mark_editing
from .table_models import RecordRole, SearchRole, search_pattern


class ProjectsTab(LazyReloadMixin, QWidget):
    # The tree shows projects and the names of their customers (no article data).
    scope = Scope.PROJECTS | Scope.CUSTOMERS

    def __init__(self, controller: SyncControl, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self._customer_ids: set[int] = set()  # the customers the tree names
        self.controller = controller
        self.last_dialog: Any = None  # the dialog opened last (tests, screenshots)

        self.model = QStandardItemModel(self)
        self.proxy = ProjectFilterProxy(self)  # search, status/employee/date filters (P5)
        self.proxy.setSourceModel(self.model)
        # The search looks at a row's data (its SearchRole text, pre-folded), not at
        # decoration such as "0 von 1 fertig"; Qt matches it in C++.
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterRole(SearchRole)
        self.filter_bar = FilterBar(self)
        self.filter_bar.changed.connect(self._filter)

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Projekt, Kunde, Termin oder Status …"))
        self.search.textChanged.connect(self._search)

        self.new_project_button = QPushButton(self.tr("Neues Projekt"), self)
        self.new_project_button.clicked.connect(self.new_project)
        self.new_appointment_button = QPushButton(self.tr("Neuer Termin"), self)
        self.new_appointment_button.clicked.connect(self.new_appointment)
        self.edit_button = QPushButton(self.tr("Bearbeiten"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Löschen"), self)
        self.delete_button.clicked.connect(self.delete_selected)
        self.invoice_button = QPushButton(self.tr("Rechnung …"), self)
        self.invoice_button.clicked.connect(self._invoice_selected)
        self.employees_button = QPushButton(self.tr("Mitarbeiter …"), self)
        self.employees_button.clicked.connect(self.open_employees)
        self.import_button = QPushButton(self.tr("Aus sevDesk importieren"), self)
        self.import_button.clicked.connect(self.open_order_import)
        mark_editing(  # greyed while the server is away (T7)
            self.new_project_button,
            self.new_appointment_button,
            self.edit_button,
            self.delete_button,
            self.invoice_button,
            self.import_button,
        )

        self.view = QTreeView(self)
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        # Every column sorts on a click (P5). Until then the list keeps its own order: newest
        # project first, each job's appointments by time, undated ones last.
        self.view.setSortingEnabled(True)
        self.view.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.view.setStyleSheet("QTreeView::item { min-height: 22px; }")
        self.view.setExpandsOnDoubleClick(False)  # double-click means "open", not "fold"
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.doubleClicked.connect(self._double_clicked)
        self.view.clicked.connect(self._clicked)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Suchen:"), self))
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.import_button)
        top.addWidget(self.employees_button)
        actions = QHBoxLayout()
        for button in (
            self.new_project_button,
            self.new_appointment_button,
            self.edit_button,
            self.delete_button,
            self.invoice_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.hint = QLabel(
            self.tr("Doppelklick auf ein Projekt: Rechnungsentwurf; auf einen Termin: bearbeiten."), self
        )
        self.hint.setStyleSheet("color: #666;")
        actions.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        # Two views (P2): this project list and the planning board.
        list_page = QWidget(self)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.filter_bar)
        list_layout.addLayout(actions)
        list_layout.addWidget(self.view, 1)
        self.views = ViewSwitch(self, list_page, controller)
        top.insertWidget(0, self.views)
        top.insertSpacing(1, 12)
        layout.addWidget(self.views.stack, 1)

        controller.data_changed.connect(self._on_data_changed)
        self.empty_hint = EmptyHint(self.view)
        self.empty_hint.linkActivated.connect(self.follow_link)
        controller.connection_state_changed.connect(self._update_import_button)
        controller.connection_state_changed.connect(self._update_empty_hint)
        self._update_import_button()
        self.model.setHorizontalHeaderLabels(column_titles())
        if lazy:  # built hidden in the window: loads when first shown
            self.mark_stale()
        else:
            self.reload()
        self._size_columns()

    def _size_columns(self) -> None:
        """The title takes the width the other columns leave (see ``column_widths``)."""
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch)
        for key, width in column_widths(
            self.view.font(), header.sectionSizeHint(COLUMNS.index("hours"))
        ).items():
            self.view.setColumnWidth(COLUMNS.index(key), width)

    # --- data ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Rebuild the tree from the store, keeping what was expanded and selected."""
        collapsed = self._collapsed_records()
        selected = self.selected_record()
        nodes = load_project_nodes()
        self._customer_ids = {c for node in nodes for c in node.customer_ids}
        build_model(nodes, self.model)
        self.filter_bar.load_employees()
        self.view.expandAll()
        for row in range(self.proxy.rowCount()):
            self._restore(self.proxy.index(row, 0), collapsed)
        if selected is not None:
            self.select(selected.kind, selected.id)
        self._update_buttons()
        self._update_empty_hint()

    def _update_empty_hint(self, *_args: object) -> None:
        if self.proxy.rowCount() > 0:
            self.empty_hint.show_text(None)
        elif self.model.rowCount() > 0:
            self.empty_hint.show_text(
                self.tr("Keine Treffer für „%1“.").replace("%1", html.escape(self.search.text().strip()))
            )
        elif connection_state_of(self.controller) == "disconnected":
            self.empty_hint.show_text(
                self.tr(
                    "Noch keine Projekte. Verbinden Sie sevDesk im Tab %1, um versendete "
                    "Auftragsbestätigungen als Projekte zu übernehmen – oder legen Sie mit %2 eines an."
                )
                .replace("%1", link("interfaces", self.tr("Schnittstellen")))
                .replace("%2", link("new", self.tr("„Neues Projekt“")))
            )
        else:
            self.empty_hint.show_text(
                self.tr(
                    "Noch keine Projekte. Mit %1 werden versendete Auftragsbestätigungen aus sevDesk "
                    "zu Projekten – oder legen Sie mit %2 eines an."
                )
                .replace("%1", link("import", self.tr("„Aus sevDesk importieren“")))
                .replace("%2", link("new", self.tr("„Neues Projekt“")))
            )

    def follow_link(self, target: str) -> None:
        """The action links of the empty-tree note."""
        if target == "new":
            self.new_project()
        elif target == "import":
            self.open_order_import()
        elif target == "interfaces":
            show_interfaces(self)

    def _walk(self, parent: QModelIndex = QModelIndex()):  # noqa: B008 - Qt default
        for row in range(self.proxy.rowCount(parent)):
            index = self.proxy.index(row, 0, parent)
            yield index
            yield from self._walk(index)

    def _collapsed_records(self) -> set[tuple[str, int]]:
        return {
            (r.kind, r.id)
            for i in self._walk()
            if (r := i.data(RecordRole)) is not None
            and self.proxy.hasChildren(i)
            and not self.view.isExpanded(i)
        }

    def _restore(self, index: QModelIndex, collapsed: set[tuple[str, int]]) -> None:
        record = index.data(RecordRole)
        if record is not None and (record.kind, record.id) in collapsed:
            self.view.collapse(index)
        for row in range(self.proxy.rowCount(index)):
            self._restore(self.proxy.index(row, 0, index), collapsed)

    def _filter(self, filters: object) -> None:
        self.proxy.set_filters(filters)  # type: ignore[arg-type]
        self.view.expandAll()
        self._update_empty_hint()

    def concerns(self, change: Change) -> bool:
        """Projects changed, or a customer the tree names (ids unknown: maybe)."""
        if change.concerns(Scope.PROJECTS):
            return True
        ids = change.ids(Scope.CUSTOMERS)
        return change.concerns(Scope.CUSTOMERS) and (ids is None or bool(ids & self._customer_ids))

    def _search(self, text: str) -> None:
        self.proxy.setFilterRegularExpression(search_pattern(text))
        self.view.expandAll()
        self._update_empty_hint()

    def find_index(self, kind: str, record_id: int) -> QModelIndex:
        for index in self._walk():
            record = index.data(RecordRole)
            if record is not None and record.kind == kind and record.id == record_id:
                return index
        return QModelIndex()

    def select(self, kind: str, record_id: int) -> bool:
        index = self.find_index(kind, record_id)
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def selected_record(self) -> TreeRecord | None:
        selection = self.view.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        return rows[0].data(RecordRole) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        record = self.selected_record()
        self.new_appointment_button.setEnabled(record is not None)
        self.edit_button.setEnabled(record is not None)
        self.delete_button.setEnabled(record is not None)
        # A project without a finished, not yet invoiced appointment has nothing to invoice;
        # the tooltip says what is missing (double-click still explains it in a message).
        self.invoice_button.setEnabled(record is not None and record.invoiceable)
        if record is not None and not record.invoiceable:
            self.invoice_button.setToolTip(
                self.tr(
                    "Eine Rechnung ist möglich, sobald ein Termin des Projekts auf „Fertig“ steht "
                    "und noch nicht abgerechnet ist."
                )
            )
        else:
            self.invoice_button.setToolTip(
                self.tr("Vorschau des Rechnungsentwurfs (auch per Doppelklick auf das Projekt)")
            )

    def _connected(self) -> bool:
        return self.controller.can_sync()

    def _update_import_button(self, *_args: object) -> None:
        """Importing confirmations needs a working sevDesk connection."""
        connected = self._connected()
        self.import_button.setEnabled(connected)
        self.import_button.setToolTip(
            self.tr("Versendete Auftragsbestätigungen als Projekte übernehmen")
            if connected
            else self.tr("Zuerst im Tab „Schnittstellen“ mit sevDesk verbinden.")
        )

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
        menu.addAction(self.tr("Neues Projekt …"), self.new_project)
        if record is not None:
            menu.addAction(self.tr("Neuer Termin …"), self.new_appointment)
            if record.kind == "project":
                menu.addAction(self.tr("Neuer Auftrag …"), lambda: self.new_job(record.project_id))
                menu.addAction(self.tr("Rechnungsentwurf …"), lambda: self.open_invoice(record.project_id))
                if record.archivable:  # V8: every invoice is paid
                    menu.addAction(
                        self.tr("Projekt archivieren"), lambda: self.archive_project(record.project_id)
                    )
                if self.controller.ctx.demo:
                    self._demo_menu(menu, record.project_id)
            menu.addAction(self.tr("Bearbeiten …"), lambda: self.edit_record(record))
            menu.addAction(self.tr("Löschen …"), lambda: self.delete_record(record))
            if record.kind == "appointment":  # P6, P7
                menu.addAction(
                    self.tr("Arbeitsauftrag drucken …"), lambda: print_actions.job_sheet(self, record.id)
                )
                menu.addAction(
                    self.tr("Arbeitsbericht …"), lambda: print_actions.work_report(self, record.id)
                )
            if record.invoice_id:
                menu.addAction(
                    self.tr("Rechnungsentwurf in sevDesk öffnen"),
                    lambda: common.open_link(invoices.invoice_link(record.invoice_id, self._api_url())),
                )
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _api_url(self) -> str | None:
        return self.controller.ctx.api_url

    # --- actions -----------------------------------------------------------------------------

    def _open(self, dialog: Any) -> bool:
        self.last_dialog = dialog
        return bool(dialog.exec())

    def new_project(self) -> None:
        dialog = ProjectDialog(None, self)
        if self._open(dialog):
            self.reload()
            self.select("project", dialog.saved_id)

    def new_job(self, project_id: int) -> None:
        dialog = JobDialog("", self)
        if self._open(dialog):
            title = dialog.value()
            self._run(lambda: projects.create_job(project_id, title), self.tr("Neuer Auftrag"))

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
        if self._open(dialog):
            self.reload()
            self.select("appointment", dialog.saved_id)

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
                self._run(lambda: projects.edit_job(record.id, title), self.tr("Auftrag bearbeiten"))
            return
        else:
            dialog = AppointmentDialog(record.id, parent=self)
        if self._open(dialog):
            self.reload()

    def delete_selected(self) -> None:
        record = self.selected_record()
        if record is not None:
            self.delete_record(record)

    def delete_record(self, record: TreeRecord) -> None:
        questions = {
            "project": self.tr("Das Projekt mit allen Aufträgen und Terminen löschen?"),
            "job": self.tr("Den Auftrag mit allen Terminen löschen?"),
            "appointment": self.tr("Den Termin löschen?"),
        }
        actions = {
            "project": projects.delete_project,
            "job": projects.delete_job,
            "appointment": projects.delete_appointment,
        }
        if common.confirm(self, self.tr("Löschen"), questions[record.kind], yes=self.tr("Löschen")):
            # A refusal (e.g. an invoiced appointment) is shown with its reason.
            self._run(lambda: actions[record.kind](record.id), self.tr("Löschen nicht möglich"))

    def _run(self, action: Any, title: str) -> None:
        try:
            action()
        except CraftdeskError as exc:
            common.warn(self, title, localize(str(exc)))
        self.reload()

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
                    lambda _=False, i=summary.sevdesk_id, c=code: self.demo_invoice_action(i, c)
                )

    def demo_invoice_action(self, sevdesk_id: str, action: str) -> None:
        title = self.tr("Demo-sevDesk")
        self.controller.run_task(
            title,
            lambda client: demo_payments.demo_invoice_action(client, sevdesk_id, action, True),
            on_success=lambda _result: self.reload(),
            on_failure=lambda exc: common.warn(self, title, error_text(exc)),
            changes="projects",
        )

    def archive_project(self, project_id: int) -> None:
        """Archive a project whose invoices are all paid, in one step (V8)."""
        self._run(lambda: invoice_status.archive_project(project_id), self.tr("Projekt archivieren"))

    def open_order_import(self) -> None:
        self._open(OrderImportDialog(self.controller, self))
        self.reload()

    def open_employees(self) -> None:
        self._open(EmployeeDialog(self.controller, self))

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
        self.reload()
