"""The Kunden table's read model: one plain row per customer, read in three queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..store.bulk import raw_rows
from ..store.models import Address, ContactInfo, Customer, display_name, one_line
from .search import haystacks


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
    sort_name: str = ""  # persons by last name, as sevDesk lists them (else the name)
    search: str = ""  # pre-folded search text (services.search)
    e_invoice: bool = False  # drafts become e-invoices (E1)
    government_agency: bool = False

    @property
    def is_local(self) -> bool:
        return not self.sevdesk_id


def list_name(
    customer_id: int, kind: str, company: str, first: str, last: str, title: str = "", suffix: str = ""
) -> str:
    """``display_name`` plus the academic title and the name suffix, so two "Jürgen Maier"
    rows can be told apart ("Jürgen Maier sen.", "Dr. Klaus Weiß"; organisations:
    "Müller GmbH, Filiale Nord")."""
    if kind == "organisation" and company:
        return f"{company}, {suffix}" if suffix else company
    if not (first or last):
        return display_name(customer_id, kind, company, first, last)
    return " ".join(p for p in (title, display_name(customer_id, kind, company, first, last), suffix) if p)


def _sort_name(kind: str, company: str, first: str, last: str) -> str:
    if kind == "organisation" and company:
        return company
    return " ".join(p for p in (last, first) if p) or company


def load_customer_rows(ids: Iterable[int] | None = None) -> list[CustomerRow]:
    """All customers (or those of ``ids``) with postal address, first e-mail and first phone,
    the name to sort by (persons by last name) and the pre-folded search text.

    Three plain tuple queries, not one per customer and no model instances, so a reload
    of 10,000 customers after an import stays short on the GUI thread.
    """
    wanted = sorted(set(ids)) if ids is not None else None
    addresses = _addresses(wanted)
    ways = _contact_ways(wanted)
    fields = [_fields(values, addresses, ways) for values in raw_rows(_customers_query(wanted))]
    searches = haystacks(
        [(f["name"], f["customer_number"], f["address"], f["email"]) for f in fields],
        [ways.numbers.get(f["id"], ()) for f in fields],
    )
    return [CustomerRow(**f, search=search) for f, search in zip(fields, searches, strict=True)]


def count_customers() -> int:
    """How many rows a full read of the Kunden table brings."""
    return int(Customer.select().count())


def _only(query: Any, column: Any, wanted: list[int] | None) -> Any:
    return query.where(column.in_(wanted)) if wanted is not None else query


def _addresses(wanted: list[int] | None) -> dict[int, str]:
    """Each customer's first postal address as one line, else its first billing address."""
    postal: dict[int, list[Any]] = {}
    billing: dict[int, list[Any]] = {}
    query = _only(
        Address.select(
            Address.customer, Address.kind, Address.street, Address.zip, Address.city, Address.country
        ).where(Address.kind.in_(("postal", "billing"))),
        Address.customer,
        wanted,
    ).order_by(Address.position, Address.id)
    for customer_id, kind, *parts in raw_rows(query):
        first = postal if kind == "postal" else billing
        if customer_id not in first:
            first[customer_id] = parts
    lines = {customer_id: one_line(*parts) for customer_id, parts in postal.items()}
    for customer_id, parts in billing.items():  # no postal address, or an empty one
        if not lines.get(customer_id):
            lines[customer_id] = one_line(*parts)
    return lines


@dataclass
class _ContactWays:
    emails: dict[int, str] = field(default_factory=dict)  # the first e-mail
    phones: dict[int, str] = field(default_factory=dict)  # the first landline, else mobile
    numbers: dict[int, list[str]] = field(default_factory=dict)  # all numbers (search)
    mobile_only: set[int] = field(default_factory=set)  # ``phones`` shows a mobile number


def _contact_ways(wanted: list[int] | None) -> _ContactWays:
    ways = _ContactWays()
    query = _only(
        ContactInfo.select(ContactInfo.customer, ContactInfo.kind, ContactInfo.value),
        ContactInfo.customer,
        wanted,
    ).order_by(ContactInfo.kind.desc(), ContactInfo.position, ContactInfo.id)
    for customer_id, kind, value in raw_rows(query):  # "phone" sorts before "mobile": landline first
        if kind == "email":
            ways.emails.setdefault(customer_id, value)
            continue
        ways.numbers.setdefault(customer_id, []).append(value)
        if customer_id not in ways.phones:
            ways.phones[customer_id] = value
            if kind == "mobile":  # no landline: the column says it shows a mobile number
                ways.mobile_only.add(customer_id)
    return ways


def _customers_query(wanted: list[int] | None) -> Any:
    return _only(
        Customer.select(
            Customer.id,
            Customer.kind,
            Customer.company,
            Customer.first_name,
            Customer.last_name,
            Customer.customer_number,
            Customer.sevdesk_id,
            Customer.deleted_in_sevdesk,
            Customer.academic_title,
            Customer.name_suffix,
            Customer.e_invoice,
            Customer.government_agency,
        ),
        Customer.id,
        wanted,
    ).order_by(Customer.id)


def _fields(values: tuple[Any, ...], addresses: dict[int, str], ways: _ContactWays) -> dict[str, Any]:
    """A row's fields but its search text (built for all rows at once)."""
    cid, kind, company, first, last, number, sevdesk_id, deleted, title, suffix, e_choice, agency = values
    name = list_name(cid, kind, company, first, last, title, suffix)
    return {
        "id": cid,
        "name": name,
        "kind": kind,
        "customer_number": number or "",
        "address": addresses.get(cid, ""),
        "email": ways.emails.get(cid, ""),
        "phone": ways.phones.get(cid, ""),
        "sevdesk_id": sevdesk_id,
        "deleted_in_sevdesk": bool(deleted),
        "phone_is_mobile": cid in ways.mobile_only,
        "sort_name": _sort_name(kind, company, first, last) or name,
        "e_invoice": kind == "organisation" if e_choice is None else bool(e_choice),
        "government_agency": bool(agency),
    }
