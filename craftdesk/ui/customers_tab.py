"""The Kunden tab: all local customers (imported from sevDesk or created here) in a
searchable, sortable table; customers deleted in sevDesk stay visible, greyed (C6)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from ..store.models import Address, ContactInfo, Customer
from .dialogs.customer_dialog import CustomerDialog
from .record_tab import RecordTab
from .table_models import Column


@dataclass(frozen=True)
class CustomerRow:
    """What the table shows of one customer (read once per reload)."""

    id: int
    name: str
    kind: str  # person | organisation
    customer_number: str
    address: str
    email: str
    phone: str
    sevdesk_id: str | None
    deleted_in_sevdesk: bool

    @property
    def is_local(self) -> bool:
        return not self.sevdesk_id


def load_customer_rows() -> list[CustomerRow]:
    """All customers with postal address, first e-mail and first phone — three queries,
    not one per customer, so 10,000 customers load quickly."""
    postal: dict[int, Address] = {}
    billing: dict[int, Address] = {}
    for address in Address.select().order_by(Address.position, Address.id):
        target = postal if address.kind == "postal" else billing if address.kind == "billing" else None
        if target is not None:
            target.setdefault(address.customer_id, address)
    contacts: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for info in ContactInfo.select().order_by(ContactInfo.position, ContactInfo.id):
        contacts[info.customer_id][info.kind].append(info.value)
    rows = []
    for customer in Customer.select().order_by(Customer.id):
        address = postal.get(customer.id) or billing.get(customer.id)
        ways = contacts.get(customer.id, {})
        phones = list(ways.get("phone", [])) + list(ways.get("mobile", []))
        rows.append(CustomerRow(
            id=customer.id,
            name=customer.display_name,
            kind=customer.kind,
            customer_number=customer.customer_number or "",
            address=address.one_line() if address is not None else "",
            email=(ways.get("email") or [""])[0],
            phone=phones[0] if phones else "",
            sevdesk_id=customer.sevdesk_id,
            deleted_in_sevdesk=bool(customer.deleted_in_sevdesk),
        ))
    return rows


class CustomersTab(RecordTab):
    reload_on = ("customers", "all")

    def __init__(self, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(controller, parent)
        self.new_button.setText(self.tr("Neuer Kunde"))
        self.new_button.setToolTip(self.tr("Einen Kunden nur in craftdesk anlegen"))
        self.deleted_filter = self.add_filter_checkbox(
            self.tr("In sevDesk gelöschte anzeigen"), "deleted",
            hide=lambda row: row.deleted_in_sevdesk)

    def columns(self) -> list[Column]:
        kinds = {"person": self.tr("Person"), "organisation": self.tr("Organisation")}
        deleted = self.tr("in sevDesk gelöscht")
        active = self.tr("aktiv")
        return [
            Column("name", self.tr("Name"), lambda r: r.name, width=250),
            Column("kind", self.tr("Art"), lambda r: kinds.get(r.kind, r.kind), width=95),
            Column("number", self.tr("Kundennr."), lambda r: r.customer_number, width=80),
            Column("address", self.tr("Postanschrift"), lambda r: r.address, stretch=True),
            Column("email", self.tr("E-Mail"), lambda r: r.email, width=220),
            Column("phone", self.tr("Telefon"), lambda r: r.phone, width=130),
            Column("source", self.tr("Quelle"),
                   lambda r: self.tr("lokal") if r.is_local else "sevDesk", width=65),
            Column("status", self.tr("Status"),
                   lambda r: deleted if r.deleted_in_sevdesk else active, width=135),
        ]

    def load_records(self) -> list[CustomerRow]:
        return load_customer_rows()

    def dimmed_reason(self, record: CustomerRow) -> str | None:
        if record.deleted_in_sevdesk:
            return self.tr("Dieser Kunde wurde in sevDesk gelöscht. Er bleibt hier erhalten, "
                           "bis Sie ihn selbst löschen.")
        return None

    def search_placeholder(self) -> str:
        return self.tr("Name, Kundennummer, Adresse, E-Mail oder Telefon …")

    def count_text(self, shown: int, total: int) -> str:
        return self.tr("%1 von %2 Kunden").replace("%1", str(shown)).replace("%2", str(total))

    def open_editor(self, record: CustomerRow | None) -> int | None:
        dialog = CustomerDialog(record.id if record is not None else None, self)
        if dialog.exec():
            return dialog.saved_id
        return None
