"""German demo account of the sandbox: a heating and plumbing business near Stuttgart.

Everything is deterministic.  Contacts are written in a compact notation:

* addresses ``"<kind> <street>, <zip> <city>[ [CC]][ | <address name>]"`` with kind
  R = Rechnungsanschrift, L = Lieferanschrift, G = Geschäftlich, P = Privat,
  A = Abholanschrift, E = Leer and an optional ISO country code (default DE);
* communication ways ``"<type><key>[*] <value>"`` with type E-mail, Phone, Mobile,
  Web, the CommunicationWayKey id and ``*`` for ``main``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .base_data import (
    CATEGORY_CUSTOMER,
    COUNTRY_IDS,
    add_reference_data,
    address_category_ref,
)
from .demo_orders import add_catalog_and_orders
from .demo_organisations import ORGANISATIONS, ContactSpec
from .demo_people import PEOPLE
from .store import SandboxData
from .wire import Record, berlin, ref

_ADDRESS_KINDS = {
    "R": "CATEGORY_INVOICE_ADDRESS",
    "L": "CATEGORY_DELIVERY_ADDRESS",
    "G": "CATEGORY_WORK",
    "P": "CATEGORY_PRIVAT",
    "A": "CATEGORY_PICKUP_ADDRESS",
    "E": "CATEGORY_EMPTY",
}
_WAY_TYPES = {"E": "EMAIL", "P": "PHONE", "M": "MOBILE", "W": "WEB"}

C = CATEGORY_CUSTOMER
# Organisations first: a contact person names its organisation (``parent``), added before it.
_CONTACTS: list[ContactSpec] = [*ORGANISATIONS, *PEOPLE]


def _stamp(moment: datetime) -> str:
    return berlin(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


@dataclass(frozen=True)
class _Address:
    kind: str  # the address category's translation code
    street: str
    zip: str
    city: str
    country: str  # StaticCountry id
    label: str | None


@dataclass(frozen=True)
class _Way:
    type: str
    key: str  # CommunicationWayKey id
    main: str  # "1" or "0"
    value: str


def _parse_address(spec: str) -> _Address:
    spec, _, label = spec.partition(" | ")
    kind, rest = spec.split(" ", 1)
    country = "DE"
    if rest.endswith("]"):
        rest, country = rest[:-4].rstrip(), rest[-3:-1]
    street, place = rest.rsplit(", ", 1)
    zip_code, city = place.split(" ", 1)
    return _Address(_ADDRESS_KINDS[kind], street, zip_code, city, COUNTRY_IDS[country], label or None)


def _parse_way(spec: str) -> _Way:
    code, value = spec.split(" ", 1)
    return _Way(_WAY_TYPES[code[0]], code[1:].rstrip("*"), "1" if code.endswith("*") else "0", value)


def add_contacts(data: SandboxData) -> dict[str, str]:
    """Add the demo contacts; returns a map of organisation name / customer number -> id."""
    ids: dict[str, str] = {}
    base = datetime(2025, 1, 13, 9, 0)
    for index, spec in enumerate(_CONTACTS):
        created = base + timedelta(days=index * 9, minutes=index * 37)
        updated = created + timedelta(days=(index * 13) % 150, hours=index % 5)
        contact_id = data.add("Contact", _contact_fields(spec, created, updated, ids))
        if spec.get("org"):
            ids[spec["org"]] = contact_id
        if spec.get("no"):
            ids[spec["no"]] = contact_id
        first, last = spec.get("person") or (None, None)
        display = spec.get("org") or " ".join(p for p in (spec.get("title"), first, last) if p)
        _add_addresses(data, spec, contact_id, display, created, updated)
        _add_ways(data, spec, contact_id, created)
    return ids


def _contact_fields(spec: ContactSpec, created: datetime, updated: datetime, ids: dict[str, str]) -> Record:
    first, last = spec.get("person") or (None, None)
    parent = spec.get("parent")
    return {
        "create": _stamp(created),
        "update": _stamp(updated),
        "name": spec.get("org"),
        "surename": first,
        "familyname": last,
        "name2": spec.get("name2"),
        "academicTitle": spec.get("title"),
        "titel": spec.get("titel"),
        "gender": spec.get("gender"),
        "customerNumber": spec.get("no"),
        "description": spec.get("desc"),
        "category": ref("Category", spec.get("cat", C)),
        "status": spec.get("status", "1000"),
        "parent": ref("Contact", ids[parent]) if parent else None,
        "vatNumber": spec.get("vat"),
        "buyerReference": spec.get("buyer"),
        "governmentAgency": "1" if spec.get("agency") else "0",
        "exemptVat": "0",
        "defaultTimeToPay": "14" if spec.get("org") else None,
        "defaultDiscountPercentage": "0",
        "taxType": "default",
        "defaultShowVat": "1",
    }


def _add_addresses(
    data: SandboxData, spec: ContactSpec, contact_id: str, display: str, created: datetime, updated: datetime
) -> None:
    for offset, address_spec in enumerate(spec.get("addr", ())):
        parsed = _parse_address(address_spec)
        stamp = _stamp(created + timedelta(minutes=1 + offset))
        data.add(
            "ContactAddress",
            {
                "create": stamp,
                "update": _stamp(updated) if offset == 1 else stamp,
                "contact": ref("Contact", contact_id),
                "street": parsed.street,
                "zip": parsed.zip,
                "city": parsed.city,
                "country": ref("StaticCountry", parsed.country),
                "category": address_category_ref(data, parsed.kind),
                "name": display,
                "name2": parsed.label,
            },
        )


def _add_ways(data: SandboxData, spec: ContactSpec, contact_id: str, created: datetime) -> None:
    for offset, way_spec in enumerate(spec.get("ways", ())):
        way = _parse_way(way_spec)
        stamp = _stamp(created + timedelta(minutes=10, seconds=offset))
        data.add(
            "CommunicationWay",
            {
                "create": stamp,
                "update": stamp,
                "contact": ref("Contact", contact_id),
                "type": way.type,
                "value": way.value,
                "key": ref("CommunicationWayKey", way.key),
                "main": way.main,
            },
        )


REAL_PART_CATEGORY = "Standard"  # the name a captured real account uses instead of "Artikel"


def build_demo_data(
    category_ids: dict[str, str | int] | None = None,
    id_start: int | dict[str, int] | None = None,
    real_categories: bool = False,
) -> SandboxData:
    """The German demo account (customers, parts, users, orders, a few invoices).

    ``category_ids`` moves categories to other ids (keys: address translation codes like
    ``"CATEGORY_INVOICE_ADDRESS"`` or part category names ``"Artikel"``/``"Dienstleistung"``);
    ``id_start`` changes where automatic ids start (see :class:`SandboxData`).
    ``real_categories`` names the part categories like a real account ("Standard" and
    "Dienstleistung", no "Artikel"), so the A1a question can be tried.
    """
    data = SandboxData(id_start=id_start)
    add_reference_data(data, category_ids)
    contact_ids = add_contacts(data)
    add_catalog_and_orders(data, contact_ids)
    if real_categories:
        found = data.find_category("Part", name="Artikel")
        if found is not None:
            data.update("Category", found["id"], name=REAL_PART_CATEGORY)
    return data
