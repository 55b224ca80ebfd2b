"""Large generated accounts for benchmarks (deterministic, no randomness)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from .base_data import (
    CATEGORY_CUSTOMER,
    UNIT_IDS,
    add_reference_data,
    address_category_ref,
    ascii_name,
    part_category_ref,
)
from .store import SandboxData
from .wire import Ref, money, ref, to_berlin_iso

_FIRST = (
    "Anna",
    "Bernd",
    "Claudia",
    "Dieter",
    "Elke",
    "Frank",
    "Gisela",
    "Hans",
    "Ingrid",
    "Jürgen",
    "Karin",
    "Lukas",
    "Monika",
    "Norbert",
    "Olga",
    "Paul",
    "Renate",
    "Stefan",
    "Tanja",
    "Uwe",
)
_LAST = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hofmann",
    "Hartmann",
    "Lange",
    "Weiß",
    "Köhler",
)
_TRADES = (
    "Bäckerei",
    "Autohaus",
    "Praxis",
    "Hausverwaltung",
    "Gasthaus",
    "Schreinerei",
    "Metzgerei",
    "Ingenieurbüro",
    "Friseursalon",
    "Kanzlei",
    "Blumenladen",
    "Apotheke",
)
_STREETS = (
    "Hauptstraße",
    "Schulstraße",
    "Gartenstraße",
    "Bahnhofstraße",
    "Kirchstraße",
    "Lindenstraße",
    "Mühlweg",
    "Königstraße",
    "Schillerstraße",
    "Goethestraße",
    "Am Mühlbach",
    "Weinbergweg",
)
_CITIES = (
    ("70173", "Stuttgart"),
    ("71032", "Böblingen"),
    ("71634", "Ludwigsburg"),
    ("73728", "Esslingen am Neckar"),
    ("72070", "Tübingen"),
    ("72764", "Reutlingen"),
    ("73033", "Göppingen"),
    ("71332", "Waiblingen"),
    ("70734", "Fellbach"),
    ("72622", "Nürtingen"),
)
_MATERIALS = (
    "Kupferrohr",
    "Pressfitting",
    "Kugelhahn",
    "Heizkörperventil",
    "Silikon",
    "Fliesenkleber",
    "Dämmplatte",
    "Abflussrohr",
    "Rohrschelle",
    "Dichtung",
)
_SERVICES = ("Montage", "Wartung", "Anfahrt", "Prüfung", "Beratung")
_ARTICLE_UNITS = ("Stk", "m", "m²", "kg", "l")
_SERVICE_UNITS = ("Std", "pauschal", "km")
_BASE_TIME = datetime(2025, 1, 6, 8, 0, tzinfo=timezone.utc)
_GERMANY = ref("StaticCountry", "1")


@dataclass(frozen=True)
class _Categories:
    customer: Ref | None
    invoice: Ref  # address categories
    delivery: Ref
    private: Ref


def build_bulk_data(n_customers: int = 10000, n_parts: int = 5000) -> SandboxData:
    """A sandbox account with ``n_customers`` customers and ``n_parts`` parts.

    Every customer (alternately organisation and person) has 2 addresses (invoice plus
    delivery or private) and 3 communication ways (e-mail, phone, mobile).  Every third
    part is a "Dienstleistung", the others are "Artikel".
    """
    data = SandboxData()
    add_reference_data(data)
    categories = _Categories(
        customer=ref("Category", CATEGORY_CUSTOMER),
        invoice=address_category_ref(data, "CATEGORY_INVOICE_ADDRESS"),
        delivery=address_category_ref(data, "CATEGORY_DELIVERY_ADDRESS"),
        private=address_category_ref(data, "CATEGORY_PRIVAT"),
    )
    for i in range(n_customers):
        _add_customer(data, i, categories)
    article = part_category_ref(data, "Artikel")
    service = part_category_ref(data, "Dienstleistung")
    for i in range(n_parts):
        _add_part(data, i, article, service)
    return data


def _add_customer(data: SandboxData, i: int, categories: _Categories) -> None:
    """Customer ``i``: an organisation when ``i`` is even, else a person."""
    stamp = to_berlin_iso(_BASE_TIME + timedelta(minutes=7 * i))
    first, last = _FIRST[i % len(_FIRST)], _LAST[(i // len(_FIRST)) % len(_LAST)]
    is_org = i % 2 == 0
    name = f"{_TRADES[i % len(_TRADES)]} {last} {i // 2 + 1}" if is_org else None
    contact_id = data.add(
        "Contact",
        {
            "create": stamp,
            "update": stamp,
            "name": name,
            "surename": None if is_org else first,
            "familyname": None if is_org else last,
            "customerNumber": str(100001 + i),
            "category": categories.customer,
            "status": "1000",
            "description": f"Generierter Kunde Nr. {i + 1}",
            "exemptVat": "0",
            "governmentAgency": "0",
            "gender": None if is_org else ("w" if i % 4 == 1 else "m"),
        },
    )
    contact = ref("Contact", contact_id)
    zip_code, city = _CITIES[i % len(_CITIES)]
    street = f"{_STREETS[i % len(_STREETS)]} {i % 97 + 1}"
    second_street = f"{_STREETS[(i + 5) % len(_STREETS)]} {i % 53 + 2}"
    second_cat = categories.delivery if is_org else categories.private
    for category, line in ((categories.invoice, street), (second_cat, second_street)):
        data.add(
            "ContactAddress",
            {
                "create": stamp,
                "update": stamp,
                "contact": contact,
                "street": line,
                "zip": zip_code,
                "city": city,
                "country": _GERMANY,
                "category": category,
                "name": name or f"{first} {last}",
            },
        )
    _add_ways(data, i, contact, ascii_name(f"{first}.{last}{i}"), is_org, stamp)


def _add_ways(
    data: SandboxData, i: int, contact: Ref | None, mail_name: str, is_org: bool, stamp: str
) -> None:
    for kind, value, key, main in (
        ("EMAIL", f"{mail_name}@example.de", "2" if is_org else "1", "1"),
        ("PHONE", f"+49 711 {1000000 + i}", "2", "1"),
        ("MOBILE", f"+49 170 {2000000 + i}", "4", "0"),
    ):
        data.add(
            "CommunicationWay",
            {
                "create": stamp,
                "update": stamp,
                "contact": contact,
                "type": kind,
                "value": value,
                "key": ref("CommunicationWayKey", key),
                "main": main,
            },
        )


def _add_part(data: SandboxData, i: int, article: Ref, service: Ref) -> None:
    """Part ``i``: every third one a service."""
    stamp = to_berlin_iso(_BASE_TIME + timedelta(minutes=11 * i))
    is_service = i % 3 == 2
    if is_service:
        name = f"{_SERVICES[i % len(_SERVICES)]} Variante {i + 1}"
        unit = _SERVICE_UNITS[i % len(_SERVICE_UNITS)]
    else:
        name = f"{_MATERIALS[i % len(_MATERIALS)]} Typ {i + 1}"
        unit = _ARTICLE_UNITS[i % len(_ARTICLE_UNITS)]
    net = Decimal(100 + (i * 37) % 9900) / 100
    rate = 7 if i % 25 == 0 else 19
    data.add(
        "Part",
        {
            "create": stamp,
            "update": stamp,
            "name": name,
            "partNumber": f"{'D' if is_service else 'A'}-{100001 + i}",
            "text": None,
            "category": service if is_service else article,
            "stock": "0" if is_service else str(i % 200),
            "stockEnabled": "0" if is_service else "1",
            "unity": ref("Unity", UNIT_IDS[unit]),
            "price": money(net),
            "priceNet": money(net),
            "priceGross": money(net * (100 + rate) / 100),
            "pricePurchase": money(net / 2),
            "taxRate": str(rate),
            "status": "50" if i % 50 == 49 else "100",
        },
    )
