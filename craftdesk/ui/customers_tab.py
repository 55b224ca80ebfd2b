"""The Kunden tab: all local customers (imported from sevDesk or created here) in a
searchable, sortable table; customers deleted in sevDesk stay visible, greyed (C6)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from ..services.changes import Scope
from ..services.search import haystack
from ..store.db import db
from ..store.models import Address, ContactInfo, Customer
from .dialogs.customer_dialog import CustomerDialog
from .empty_hint import link
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
    phone_is_mobile: bool = False  # no landline; ``phone`` is the first mobile number
    sort_name: str = ""  # persons by last name, as sevDesk lists them
    search: str = ""  # pre-folded search text (services.search)

    @property
    def is_local(self) -> bool:
        return not self.sevdesk_id


def _display_name(customer_id: int, kind: str, company: str, first: str, last: str,
                  title: str = "", suffix: str = "") -> str:
    """Same rule as ``Customer.display_name``, on plain values (no model instances), plus
    the academic title and the name suffix, so two "Jürgen Maier" rows can be told apart
    ("Jürgen Maier sen.", "Dr. Klaus Weiß"; organisations: "Müller GmbH, Filiale Nord")."""
    if kind == "organisation" and company:
        return f"{company}, {suffix}" if suffix else company
    name = " ".join(p for p in (first, last) if p)
    if not name:
        return company or f"Kunde {customer_id}"
    return " ".join(p for p in (title, name, suffix) if p)


def _one_line(street: str, zip_: str, city: str, country: str = "DE") -> str:
    place = " ".join(p for p in (zip_, city) if p)
    abroad = "" if (country or "DE").upper() == "DE" else country.upper()
    return ", ".join(p for p in (street, place, abroad) if p)


def _raw(query: Any) -> Any:
    """The database rows of a query as plain tuples, without peewee's per-field conversion
    (only text, integer and 0/1 columns are read this way)."""
    return db.execute(query)


def _sort_name(kind: str, company: str, first: str, last: str) -> str:
    if kind == "organisation" and company:
        return company
    return " ".join(p for p in (last, first) if p) or company


def load_customer_rows(ids: Iterable[int] | None = None) -> list[CustomerRow]:
    """All customers (or those with ``ids``) with postal address, first e-mail and first
    phone, and their search text.

    Three plain tuple queries, not one per customer and no model instances, so a reload
    of 10,000 customers after an import stays short on the GUI thread.
    """
    wanted = sorted(set(ids)) if ids is not None else None

    def only(query: Any, column: Any) -> Any:
        return query.where(column.in_(wanted)) if wanted is not None else query

    postal: dict[int, str] = {}
    billing: dict[int, str] = {}
    query = only(Address.select(Address.customer, Address.kind, Address.street, Address.zip,
                                Address.city, Address.country)
                 .where(Address.kind.in_(("postal", "billing"))),
                 Address.customer).order_by(Address.position, Address.id)
    for customer_id, kind, street, zip_, city, country in _raw(query):
        (postal if kind == "postal" else billing).setdefault(
            customer_id, _one_line(street, zip_, city, country))
    emails: dict[int, str] = {}
    phones: dict[int, str] = {}
    numbers: dict[int, list[str]] = {}
    query = only(ContactInfo.select(ContactInfo.customer, ContactInfo.kind, ContactInfo.value),
                 ContactInfo.customer).order_by(ContactInfo.kind.desc(), ContactInfo.position,
                                                ContactInfo.id)
    mobile_only: set[int] = set()
    for customer_id, kind, value in _raw(query):  # "phone" sorts before "mobile": landline first
        if kind == "email":
            emails.setdefault(customer_id, value)
            continue
        numbers.setdefault(customer_id, []).append(value)
        if customer_id not in phones:
            phones[customer_id] = value
            if kind == "mobile":  # no landline: the column says it shows a mobile number
                mobile_only.add(customer_id)
    query = only(Customer.select(Customer.id, Customer.kind, Customer.company, Customer.first_name,
                                 Customer.last_name, Customer.customer_number, Customer.sevdesk_id,
                                 Customer.deleted_in_sevdesk, Customer.academic_title,
                                 Customer.name_suffix), Customer.id).order_by(Customer.id)
    rows = []
    for cid, kind, company, first, last, number, sevdesk_id, deleted, title, suffix in _raw(query):
        name = _display_name(cid, kind, company, first, last, title, suffix)
        address = postal.get(cid) or billing.get(cid, "")
        email = emails.get(cid, "")
        rows.append(CustomerRow(
            id=cid, name=name, kind=kind, customer_number=number or "", address=address,
            email=email, phone=phones.get(cid, ""), sevdesk_id=sevdesk_id,
            deleted_in_sevdesk=bool(deleted), phone_is_mobile=cid in mobile_only,
            sort_name=_sort_name(kind, company, first, last),
            search=haystack((name, number or "", address, email), numbers.get(cid, ())),
        ))
    return rows


class CustomersTab(RecordTab):
    scope = Scope.CUSTOMERS
    row_scope = Scope.CUSTOMERS

    def __init__(self, controller: Any, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(controller, parent, lazy=lazy)
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
            # Widths leave the address (the stretching column) room at the default window
            # width of 1100 px; wider windows give the extra space to the address.
            Column("name", self.tr("Name"), lambda r: r.name, width=210,
                   sort_value=lambda r: r.sort_name or r.name),
            Column("kind", self.tr("Art"), lambda r: kinds.get(r.kind, r.kind), width=95),
            Column("number", self.tr("Kundennr."), lambda r: r.customer_number, width=95),
            Column("address", self.tr("Postanschrift"), lambda r: r.address, stretch=True),
            Column("email", self.tr("E-Mail"), lambda r: r.email, width=190),
            Column("phone", self.tr("Telefon"), lambda r: self.tr("%1 (mobil)").replace("%1", r.phone)
                   if r.phone_is_mobile else r.phone, width=170),
            Column("source", self.tr("Quelle"),
                   lambda r: self.tr("lokal") if r.is_local else "sevDesk", width=65),
            Column("status", self.tr("Status"),
                   lambda r: deleted if r.deleted_in_sevdesk else active, width=130),
        ]

    def load_records(self, ids: set[int] | None = None) -> list[CustomerRow]:
        return load_customer_rows(ids)

    def search_text(self, record: CustomerRow) -> str:
        return record.search

    def load_records_by_ids(self, ids: list[int]) -> list[CustomerRow]:
        return load_customer_rows(ids)

    def dimmed_reason(self, record: CustomerRow) -> str | None:
        if record.deleted_in_sevdesk:
            return self.tr("Dieser Kunde wurde in sevDesk gelöscht. Er bleibt hier erhalten, "
                           "bis Sie ihn selbst löschen.")
        return None

    def search_placeholder(self) -> str:
        return self.tr("Name, Kundennummer, Adresse, E-Mail oder Telefon …")

    def empty_text(self, state: str) -> str:
        new = link("new", self.tr("„Neuer Kunde“"))
        interfaces = link("interfaces", self.tr("Schnittstellen"))
        if state == "importing":
            return self.tr("Die Kunden werden gerade aus sevDesk geholt …")
        if state == "disconnected":
            return self.tr("Noch keine Kunden – verbinden Sie sevDesk im Tab %1 oder legen Sie mit "
                           "%2 einen Kunden an.").replace("%1", interfaces).replace("%2", new)
        return self.tr("Noch keine Kunden. craftdesk übernimmt beim Abgleich alle sevDesk-Kontakte "
                       "der Kategorie „Kunde“ (Tab %1). Oder legen Sie mit %2 einen Kunden an."
                       ).replace("%1", interfaces).replace("%2", new)

    def count_text(self, shown: int, total: int) -> str:
        return self.tr("%1 von %2 Kunden").replace("%1", str(shown)).replace("%2", str(total))

    def open_editor(self, record: CustomerRow | None) -> int | None:
        dialog = CustomerDialog(record.id if record is not None else None, self)
        if dialog.exec():
            return dialog.saved_id
        return None
