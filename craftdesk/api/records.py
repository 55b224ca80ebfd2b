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
from operator import itemgetter
from typing import Any

from .catalog import (
    PART_STATUS_ACTIVE,
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
    NOT_PLAIN,
    RecordError,
    cut,
    guard,
    parse_datetime,
    read_bool,
    read_id,
    read_ref,
    read_text,
    read_timestamp,
)
from .text import plain_text

# What the careful text reader would replace: with none of these, a text is kept as sent
# (stripped, cut to its length). Ids: up to 18 ASCII digits always fit in 63 bits (H10).
_UNSAFE = NOT_PLAIN
# The fields each fast path reads, in one C-level look-up; a record without one of them
# goes the careful way (which reads a missing field as empty).
_CONTACT_KEYS = itemgetter(
    "id", "update", "category", "parent", "name", "surename", "familyname", "name2", "customerNumber"
)
_CONTACT_MORE_KEYS = itemgetter(
    "description", "buyerReference", "gender", "academicTitle", "governmentAgency"
)
_ADDRESS_KEYS = itemgetter("id", "contact", "country", "category", "street", "zip", "city", "update")
_WAY_KEYS = itemgetter("id", "contact", "type", "value", "main", "key")


def _fast_id(value: Any) -> bool:
    """An id in sevDesk's usual form: up to 18 ASCII digits (fits 63 bits, H10)."""
    return type(value) is str and len(value) < 19 and value.isdigit() and value.isascii()


_NOT_READ: Any = object()  # what the fast path leaves to the careful one


def _fast_ref(value: Any) -> Any:
    """The id of a reference ``{"id": …}``, None for null, _NOT_READ for anything else."""
    if value is None:
        return None
    ref = value.get("id") if type(value) is dict else None
    return ref if _fast_id(ref) else _NOT_READ


def _fast_update(value: Any) -> Any:
    """A timestamp as sent (stripped), "" for null, _NOT_READ for anything else."""
    if value is None:
        return ""
    if type(value) is str and len(value) <= 64 and value.isascii() and value.isprintable():
        return value.strip()
    return _NOT_READ


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


def _kept(description: str) -> str:
    return description if len(description) <= MAX_TEXT else cut(description, "description")


def _contact_fast(r: dict[str, Any]) -> ContactRow | None:
    try:  # sevDesk sends every field, also the empty ones: one C-level look-up for all
        rid, update, category, parent, name, first, last, name2, number = _CONTACT_KEYS(r)
        description, buyer, gender, title, agency = _CONTACT_MORE_KEYS(r)
    except KeyError:
        return None
    if not _fast_id(rid):
        return None
    if _UNSAFE.search(f"{name}{first}{last}{name2}{number}{description}{buyer}{gender}{title}"):
        return None
    category = _fast_ref(category)
    if category is _NOT_READ:
        return None
    parent = _fast_ref(parent)
    if parent is _NOT_READ:
        return None
    update = _fast_update(update)
    if update is _NOT_READ:
        return None
    try:  # .strip(): only a str has it; anything else goes the careful way
        company = name.strip()[:255] if name is not None else ""
        first = first.strip()[:255] if first is not None else ""
        last = last.strip()[:255] if last is not None else ""
        if not (company or first or last):
            return None
        row: ContactRow = (
            rid,
            update,
            category,
            "organisation" if company else "person",
            first,
            last,
            company,
            name2.strip()[:255] if name2 is not None else "",
            number.strip()[:64] if number is not None else "",
            plain_text(_kept(description.strip())) if description is not None else "",
            parent,
            buyer.strip()[:255] if buyer is not None else "",
            agency == "1" or (agency != "0" and agency is not None and read_bool(agency)),
            gender.strip()[:32] if gender is not None else "",
            title.strip()[:64] if title is not None else "",
        )
    except AttributeError:
        return None
    return row


def contact_row(raw: Any) -> ContactRow:
    """The values of :class:`ContactRec` as a tuple (RecordError when unusable)."""
    try:
        row = _contact_fast(raw) if type(raw) is dict else None
    except Exception:  # what the fast path did not expect is left to the careful one
        row = None
    return row if row is not None else guard(raw, _contact_careful)


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


def _address_fast(r: dict[str, Any]) -> AddressRow | None:
    try:
        rid, contact, country, category, street, zip_, city, update = _ADDRESS_KEYS(r)
    except KeyError:
        return None
    if not _fast_id(rid):
        return None
    contact = _fast_ref(contact)
    if contact is None or contact is _NOT_READ:
        return None
    country = _fast_ref(country)
    if country is _NOT_READ:
        return None
    category = _fast_ref(category)
    if category is _NOT_READ:
        return None
    update = _fast_update(update)
    if update is _NOT_READ:
        return None
    if _UNSAFE.search(f"{street}{zip_}{city}"):
        return None
    try:
        return (
            rid,
            contact,
            street.strip()[:255] if street is not None else "",
            zip_.strip()[:32] if zip_ is not None else "",
            city.strip()[:255] if city is not None else "",
            country,
            category,
            update,
        )
    except AttributeError:
        return None


def address_row(raw: Any) -> AddressRow:
    """The values of :class:`AddressRec` as a tuple (RecordError when unusable)."""
    try:
        row = _address_fast(raw) if type(raw) is dict else None
    except Exception:  # what the fast path did not expect is left to the careful one
        row = None
    return row if row is not None else guard(raw, _address_careful)


def parse_address(raw: Any) -> AddressRec:
    return AddressRec(*address_row(raw))


# --- communication ways -------------------------------------------------------------------

COMM_TYPES = ("EMAIL", "PHONE", "MOBILE", "WEB")


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


def _comm_way_fast(r: dict[str, Any]) -> CommWayRow | None:
    try:
        rid, contact, kind, value, main, key = _WAY_KEYS(r)
    except KeyError:
        return None
    if not _fast_id(rid):
        return None
    contact = _fast_ref(contact)
    if contact is None or contact is _NOT_READ:
        return None
    key = _fast_ref(key)
    if key is _NOT_READ:
        return None
    if type(kind) is not str or type(value) is not str or _UNSAFE.search(f"{kind}{value}"):
        return None
    kind = kind.strip()[:16].upper()
    value = value.strip()[:255]
    if kind not in COMM_TYPES or not value:
        return None
    return rid, contact, kind, value, main == "1" or (main != "0" and read_bool(main)), key


def comm_way_row(raw: Any) -> CommWayRow:
    """The values of :class:`CommWayRec` as a tuple (RecordError when unusable)."""
    try:
        row = _comm_way_fast(raw) if type(raw) is dict else None
    except Exception:  # what the fast path did not expect is left to the careful one
        row = None
    return row if row is not None else guard(raw, _comm_way_careful)


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
