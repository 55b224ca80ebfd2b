"""sevDesk JSON → typed records. With ``fields`` and ``documents``, the only place that
knows sevDesk's read field names.

The records an import reads by the thousand (contacts, addresses, communication ways,
parts) also have a *row* form: ``contact_row(raw)`` returns the values of
:class:`ContactRec` as a plain tuple, in the order of its fields, and
``parse_contact(raw)`` is ``ContactRec(*contact_row(raw))``. A row function first tries
a fast path for sevDesk's usual wire form (string ids, text without NUL or lone
surrogates, ``null`` for empty); anything else goes through the careful readers of
``fields``, so both give the same values and the same :class:`RecordError` reasons.

Every parser is tolerant: a field it cannot read makes the record invalid
(:class:`RecordError` with a reason); it never raises anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .catalog import (
    CategoryRec,
    CountryRec,
    PartRec,
    PartRow,
    UnityRec,
    parse_category,
    parse_country,
    parse_part,
    parse_unity,
    part_row,
)
from .documents import (
    InvoiceRec,
    OrderPosRec,
    OrderRec,
    PaymentMethodRec,
    SevUserRec,
    parse_invoice,
    parse_order,
    parse_order_pos,
    parse_payment_method,
    parse_sevuser,
)
from .fields import (
    MAX_TEXT,
    RecordError,
    fast_or_careful,
    parse_datetime,
    read_bool,
    read_id,
    read_ref,
    read_text,
    read_timestamp,
)
from .text import plain_text
from .wire import COMM_TYPES, PART_STATUS_ACTIVE
from .wire import address_fast as _address_fast
from .wire import comm_way_fast as _comm_way_fast
from .wire import contact_fast as _contact_fast

# --- contacts -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContactRec:
    id: str
    update: str
    category_id: str | None
    kind: str  # person | organisation
    first_name: str
    last_name: str
    company: str
    name_suffix: str
    customer_number: str
    description: str
    parent_id: str | None
    buyer_reference: str = ""  # Leitweg-ID for e-invoices (E1)
    government_agency: bool = False
    gender: str = ""  # free text, usually "m" / "w"
    academic_title: str = ""  # e.g. "Dr."


ContactRow = tuple[str, str, str | None, str, str, str, str, str, str, str, str | None, str, bool, str, str]


def _contact_careful(r: dict[str, Any]) -> ContactRow:
    company = read_text(r.get("name"), "name", 255)
    first = read_text(r.get("surename"), "surename", 255)
    last = read_text(r.get("familyname"), "familyname", 255)
    if not (company or first or last):
        raise RecordError("Kontakt ohne Namen")
    return (
        read_id(r.get("id"), "id") or "",
        read_timestamp(r.get("update"), "update"),
        read_ref(r.get("category"), "category"),
        "organisation" if company else "person",
        first,
        last,
        company,
        read_text(r.get("name2"), "name2", 255),
        read_text(r.get("customerNumber"), "customerNumber", 64),
        plain_text(read_text(r.get("description"), "description")),
        read_ref(r.get("parent"), "parent"),
        read_text(r.get("buyerReference"), "buyerReference", 255),
        read_bool(r.get("governmentAgency")),
        read_text(r.get("gender"), "gender", 32),
        read_text(r.get("academicTitle"), "academicTitle", 64),
    )


def contact_row(raw: Any) -> ContactRow:
    """The values of :class:`ContactRec` as a tuple (RecordError when unusable); a tuple
    is a row read already (``fast_pages.page_rows``)."""
    return fast_or_careful(raw, _contact_fast, _contact_careful)


def parse_contact(raw: Any) -> ContactRec:
    return ContactRec(*contact_row(raw))


# --- addresses ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddressRec:
    id: str
    contact_id: str
    street: str
    zip: str
    city: str
    country_id: str | None
    category_id: str | None
    update: str


AddressRow = tuple[str, str, str, str, str, str | None, str | None, str]


def _address_careful(r: dict[str, Any]) -> AddressRow:
    return (
        read_id(r.get("id"), "id") or "",
        read_ref(r.get("contact"), "contact", required=True) or "",
        read_text(r.get("street"), "street", 255),
        read_text(r.get("zip"), "zip", 32),
        read_text(r.get("city"), "city", 255),
        read_ref(r.get("country"), "country"),
        read_ref(r.get("category"), "category"),
        read_timestamp(r.get("update"), "update"),
    )


def address_row(raw: Any) -> AddressRow:
    """The values of :class:`AddressRec` as a tuple (RecordError when unusable); a tuple
    is a row read already (``fast_pages.page_rows``)."""
    return fast_or_careful(raw, _address_fast, _address_careful)


def parse_address(raw: Any) -> AddressRec:
    return AddressRec(*address_row(raw))


# --- communication ways -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CommWayRec:
    id: str
    contact_id: str
    type: str
    value: str
    main: bool
    key_id: str | None


CommWayRow = tuple[str, str, str, str, bool, str | None]


def _comm_way_careful(r: dict[str, Any]) -> CommWayRow:
    kind = read_text(r.get("type"), "type", 16).upper()
    if kind not in COMM_TYPES:
        raise RecordError(f"unbekannter Kommunikationstyp {kind!r}")
    value = read_text(r.get("value"), "value", 255)
    if not value:
        raise RecordError("Kommunikationsweg ohne Wert")
    return (
        read_id(r.get("id"), "id") or "",
        read_ref(r.get("contact"), "contact", required=True) or "",
        kind,
        value,
        read_bool(r.get("main")),
        read_ref(r.get("key"), "key"),
    )


def comm_way_row(raw: Any) -> CommWayRow:
    """The values of :class:`CommWayRec` as a tuple (RecordError when unusable); a tuple
    is a row read already (``fast_pages.page_rows``)."""
    return fast_or_careful(raw, _comm_way_fast, _comm_way_careful)


def parse_comm_way(raw: Any) -> CommWayRec:
    return CommWayRec(*comm_way_row(raw))


__all__ = [
    "COMM_TYPES",
    "MAX_TEXT",
    "PART_STATUS_ACTIVE",
    "AddressRec",
    "CategoryRec",
    "CommWayRec",
    "ContactRec",
    "CountryRec",
    "InvoiceRec",
    "OrderPosRec",
    "OrderRec",
    "PartRec",
    "PartRow",
    "PaymentMethodRec",
    "RecordError",
    "SevUserRec",
    "UnityRec",
    "address_row",
    "comm_way_row",
    "contact_row",
    "parse_address",
    "parse_category",
    "parse_comm_way",
    "parse_contact",
    "parse_country",
    "parse_datetime",
    "parse_invoice",
    "parse_order",
    "parse_order_pos",
    "parse_part",
    "parse_payment_method",
    "parse_sevuser",
    "parse_unity",
    "part_row",
]
