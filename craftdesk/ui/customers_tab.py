"""The Kunden tab: all local customers (imported from sevDesk or created here) in a
searchable, sortable table; customers deleted in sevDesk stay visible, greyed (C6)."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from PySide6.QtWidgets import QWidget

from ..services.changes import Scope
from ..services.customer_rows import CustomerRow, count_customers, load_customer_rows
from ..services.slices import mapped
from ..sync.contract import SyncControl
from .dialogs.customer_dialog import CustomerDialog
from .empty_hint import link
from .record_tab import RecordTab
from .table_models import Column

_SEARCH = attrgetter("search")


class CustomersTab(RecordTab):
    scope = Scope.CUSTOMERS
    row_scope = Scope.CUSTOMERS

    def __init__(self, controller: SyncControl, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(controller, parent, lazy=lazy)
        self.new_button.setText(self.tr("Neuer Kunde"))
        self.new_button.setToolTip(self.tr("Einen Kunden nur in craftdesk anlegen"))
        self.deleted_filter = self.add_filter_checkbox(
            self.tr("In sevDesk gelöschte anzeigen"), "deleted", hide=lambda row: row.deleted_in_sevdesk
        )

    def columns(self) -> list[Column]:
        kinds = {"person": self.tr("Person"), "organisation": self.tr("Organisation")}
        deleted = self.tr("in sevDesk gelöscht")
        active = self.tr("aktiv")
        # Translated once here, not once per row: a first sort of 50,000 rows reads every one.
        mobile = self.tr("%1 (mobil)")
        agency, e_invoice, local = self.tr("Behörde"), self.tr("ja"), self.tr("lokal")
        return [
            # Widths leave the address (the stretching column) room at the default window
            # width of 1100 px; wider windows give the extra space to the address.
            Column(
                "name",
                self.tr("Name"),
                attrgetter("name"),
                width=200,
                sort_value=attrgetter("sort_name"),
            ),
            Column("kind", self.tr("Art"), lambda r: kinds.get(r.kind, r.kind), width=90),
            Column("number", self.tr("Kundennr."), attrgetter("customer_number"), width=100),
            Column("address", self.tr("Postanschrift"), attrgetter("address"), stretch=True),
            Column("email", self.tr("E-Mail"), attrgetter("email"), width=160),
            Column(
                "phone",
                self.tr("Telefon"),
                lambda r: mobile.replace("%1", r.phone) if r.phone_is_mobile else r.phone,
                width=165,
                sort_value=attrgetter("phone"),  # by the number, "(mobil)" or not
            ),
            Column(
                "e_invoice",
                self.tr("E-Rechnung"),
                lambda r: (agency if r.government_agency else e_invoice) if r.e_invoice else "",
                width=85,
            ),
            Column("source", self.tr("Quelle"), lambda r: local if r.is_local else "sevDesk", width=60),
            Column(
                "status",
                self.tr("Status"),
                lambda r: deleted if r.deleted_in_sevdesk else active,
                # "in sevDesk gelö…": the word that matters was cut off (in either language)
                width=max(115, self.fontMetrics().horizontalAdvance(deleted) + 24),
                whole=True,
            ),
        ]

    def load_records(self, ids: set[int] | None = None) -> list[CustomerRow]:
        return load_customer_rows(ids)

    def count_records(self) -> int:
        return count_customers()

    def search_text(self, record: CustomerRow) -> str:
        return record.search

    def search_texts(self, records: Sequence[CustomerRow]) -> list[str]:
        return mapped(_SEARCH, records)

    def load_records_by_ids(self, ids: list[int]) -> list[CustomerRow]:
        return load_customer_rows(ids)

    def dimmed_reason(self, record: CustomerRow) -> str | None:
        if record.deleted_in_sevdesk:
            return self.tr(
                "Dieser Kunde wurde in sevDesk gelöscht. Er bleibt hier erhalten, bis Sie ihn selbst löschen."
            )
        return None

    def search_placeholder(self) -> str:
        return self.tr("Name, Kundennummer, Adresse, E-Mail oder Telefon …")

    def empty_text(self, state: str) -> str:
        new = link("new", self.tr("„Neuer Kunde“"))
        interfaces = link("interfaces", self.tr("Schnittstellen"))
        if state == "importing":
            return self.tr("Die Kunden werden gerade aus sevDesk geholt …")
        if state == "disconnected":
            return (
                self.tr(
                    "Noch keine Kunden – verbinden Sie sevDesk im Tab %1 oder legen Sie mit "
                    "%2 einen Kunden an."
                )
                .replace("%1", interfaces)
                .replace("%2", new)
            )
        return (
            self.tr(
                "Noch keine Kunden. craftdesk übernimmt beim Abgleich alle sevDesk-Kontakte "
                "der Kategorie „Kunde“ (Tab %1). Oder legen Sie mit %2 einen Kunden an."
            )
            .replace("%1", interfaces)
            .replace("%2", new)
        )

    def count_text(self, shown: int, total: int) -> str:
        return self.tr("%1 von %2 Kunden").replace("%1", str(shown)).replace("%2", str(total))

    def open_editor(self, record: CustomerRow | None) -> int | None:
        dialog = CustomerDialog(record.id if record is not None else None, self)
        if dialog.exec():
            return dialog.saved_id
        return None
