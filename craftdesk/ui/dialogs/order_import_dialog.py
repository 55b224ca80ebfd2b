""" "Aus sevDesk importieren": lists the sent order confirmations (O1) — number, title,
customer, date, already imported or not — and imports the checked ones as projects.

Both the listing and the import talk to sevDesk, so they run through
``controller.run_task`` on the worker thread; the dialog only shows results.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...services.changes import Scope
from ...services.orders import ImportOrderResult, OrderSummary, import_orders, list_importable_orders
from ...sync.contract import SyncControl
from ...sync.messages import localize
from ..keys import KeyAction
from ..record_proxy import RecordFilterProxy
from ..style import format_date
from ..table_models import Column, RecordRole, RecordTableModel
from . import common
from .errors import error_text


class OrderImportDialog(QDialog):
    def __init__(self, controller: SyncControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.results: list[ImportOrderResult] = []
        self.setWindowTitle(self.tr("Auftragsbestätigungen aus sevDesk importieren"))
        self.resize(820, 460)

        new_text, done_text = self.tr("neu"), self.tr("bereits importiert")
        columns = [
            Column("number", self.tr("Nummer"), lambda o: o.number, width=110),
            Column("title", self.tr("Titel"), lambda o: o.title, width=250),
            Column("customer", self.tr("Kunde"), lambda o: o.customer, width=190),
            Column("date", self.tr("Datum"), lambda o: o.date, display=format_date, width=90),
            Column("state", self.tr("Status"), lambda o: done_text if o.imported else new_text),
        ]
        self.model = RecordTableModel(
            columns,
            parent=self,
            record_id=lambda o: o.sevdesk_id,
            checkable=True,
            enabled=lambda o: not o.imported,
            dimmed=lambda o: (
                self.tr("Diese Auftragsbestätigung ist bereits importiert.") if o.imported else None
            ),
        )
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.model.checked_changed.connect(self._update_buttons)

        intro = QLabel(
            self.tr(
                "Versendete Auftragsbestätigungen aus sevDesk. Haken Sie die an, die als Projekt "
                "übernommen werden sollen; bereits importierte sind ausgegraut."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.view = common.record_table(
            self.proxy, columns, self, single_selection=False, sort=(3, Qt.SortOrder.DescendingOrder)
        )  # newest first
        # Not only the small checkbox: double-click and Space tick the selected rows too.
        self.view.doubleClicked.connect(lambda index: self.toggle([index.data(RecordRole)]))
        self._space = KeyAction(self.view, (Qt.Key.Key_Space,), self.toggle_selected)
        self.status = common.banner(
            self.tr("Auftragsbestätigungen werden aus sevDesk geladen …"), "info", self
        )

        self.refresh_button = QPushButton(self.tr("Aktualisieren"), self)
        self.refresh_button.clicked.connect(self.load)
        self.all_button = QPushButton(self.tr("Alle neuen auswählen"), self)
        self.all_button.clicked.connect(self.check_all_new)
        self.import_button = QPushButton(self.tr("Importieren"), self)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.import_checked)
        self.close_button = QPushButton(self.tr("Schließen"), self)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.all_button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._busy = False
        self._update_buttons()
        self.load()

    # --- listing -----------------------------------------------------------------------------

    def load(self) -> None:
        self._set_busy(True, self.tr("Auftragsbestätigungen werden aus sevDesk geladen …"))
        started = self.controller.run_task(
            self.tr("Auftragsbestätigungen laden"),
            list_importable_orders,
            on_success=self._loaded,
            on_failure=self._failed,
        )
        if not started:
            self._set_busy(
                False,
                self.tr(
                    "Gerade läuft ein anderer Abgleich mit sevDesk. Bitte "
                    "kurz warten und dann „Aktualisieren“ klicken."
                ),
                "warning",
            )

    def _loaded(self, orders: list[OrderSummary]) -> None:
        self.model.set_records(orders)
        new = sum(1 for o in orders if not o.imported)
        if not orders:
            text = self.tr("In sevDesk gibt es keine versendeten Auftragsbestätigungen.")
        else:
            text = (
                self.tr("%1 Auftragsbestätigungen, davon %2 noch nicht importiert.")
                .replace("%1", str(len(orders)))
                .replace("%2", str(new))
            )
        unreadable = getattr(orders, "unreadable", 0)
        if unreadable:
            text += " " + self.tr(
                "%1 weitere sind in sevDesk unlesbar und fehlen hier (Einzelheiten im Protokoll)."
            ).replace("%1", str(unreadable))
        self._set_busy(False, text, "warning" if unreadable else "info")

    def _failed(self, error: Exception) -> None:
        self._set_busy(False, error_text(error), "error")

    def toggle_selected(self) -> None:
        self.toggle([index.data(RecordRole) for index in self.view.selectionModel().selectedRows()])

    def toggle(self, orders: list[Any]) -> None:
        """Tick the given (new) confirmations, or untick them when all are ticked."""
        orders = [o for o in orders if o is not None and not o.imported]
        if not orders:
            return
        checked = {o.sevdesk_id for o in self.model.checked_records()}
        value = not all(o.sevdesk_id in checked for o in orders)
        for order in orders:
            self.model.set_checked(order.sevdesk_id, value)

    def check_all_new(self) -> None:
        for order in self.model.records():
            if not order.imported:
                self.model.set_checked(order.sevdesk_id, True)

    # --- importing ---------------------------------------------------------------------------

    def import_checked(self) -> None:
        if self._busy:
            return  # a second click while the import runs does nothing
        ids = [o.sevdesk_id for o in self.model.checked_records()]
        if not ids:
            return
        self._set_busy(
            True, self.tr("%1 Auftragsbestätigungen werden importiert …").replace("%1", str(len(ids)))
        )
        started = self.controller.run_task(
            self.tr("Auftragsbestätigungen importieren"),
            lambda client: import_orders(client, ids),
            on_success=self._imported,
            on_failure=self._failed,
            changes=Scope.PROJECTS | Scope.CUSTOMERS | Scope.ARTICLES,
        )  # new customers and articles too
        if not started:
            self._set_busy(
                False,
                self.tr("Gerade läuft ein anderer Abgleich mit sevDesk. Bitte gleich noch einmal versuchen."),
                "warning",
            )

    def _imported(self, results: list[ImportOrderResult]) -> None:
        self.results = list(results)
        done = {r.order_id for r in results if r.status in ("imported", "already_imported")}
        self.model.set_records(
            [replace(o, imported=True) if o.sevdesk_id in done else o for o in self.model.records()]
        )
        self._set_busy(False, *self.summary(results))

    def summary(self, results: list[ImportOrderResult]) -> tuple[str, str]:
        """German summary text and banner kind of an import."""
        imported = sum(1 for r in results if r.status == "imported")
        already = sum(1 for r in results if r.status == "already_imported")
        failed = [r for r in results if r.status == "failed"]
        parts = [self.tr("%1 importiert").replace("%1", str(imported))]
        if already:
            parts.append(self.tr("%1 bereits importiert").replace("%1", str(already)))
        if failed:
            parts.append(self.tr("%1 fehlgeschlagen").replace("%1", str(len(failed))))
        text = ", ".join(parts) + "."
        numbers = {o.sevdesk_id: o.number or o.sevdesk_id for o in self.model.records()}
        for result in failed:
            text += "\n" + f"{numbers.get(result.order_id, result.order_id)}: {localize(result.message)}"
        noted = [r for r in results if r.status == "imported" and r.notes]
        for result in noted:  # the job site fell back (O5), optional positions not planned
            for note in result.notes:
                text += "\n" + f"{numbers.get(result.order_id, result.order_id)}: {localize(note)}"
        kind = "error" if failed and not imported else "warning" if failed or already or noted else "success"
        return text, kind

    # --- state -------------------------------------------------------------------------------

    def _set_busy(self, busy: bool, text: str, kind: str = "info") -> None:
        self._busy = busy
        self.status.setText(text)
        self.status.setStyleSheet(common.BANNER_STYLES[kind])
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = getattr(self, "_busy", False)
        self.import_button.setEnabled(not busy and bool(self.model.checked_records()))
        self.refresh_button.setEnabled(not busy)
        self.all_button.setEnabled(not busy and any(not o.imported for o in self.model.records()))
