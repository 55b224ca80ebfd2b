"""Seeded random sevDesk accounts and an independent oracle of what craftdesk must import.

The oracle is written from the SPEC text (§2 C1–C6, §3 A1–A4, §4 O5/O6, §7 export shape)
over the raw wire records of the demo server, without using the import services, so a
differential test can compare the two. Where the SPEC leaves a choice open, the oracle
follows the decision the app documents (see ``DECISIONS``).
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from craftdesk.sandbox import SandboxData
from craftdesk.sandbox.base_data import UNITS, add_reference_data
from craftdesk.sandbox.wire import ref

# Choices the SPEC leaves open, taken over from the app's documented decisions.
DECISIONS = (
    "postal address falls back to the billing address, exported as its own 'postal' entry",
    "PHONE with key 4 (Mobil) counts as a mobile number; PHONE with key 3 (Fax) is ignored",
    "duplicate values of one kind count once (the first in main/id order wins)",
    "country exported as the upper-case ISO code of the StaticCountry ('DE'); none = 'DE'",
    "vat_rate as a normalized decimal ('19', '7', '10.7'); prices with two decimals",
    "net price kept rounded half-up to cents; gross derived from the kept net price",
    "part without a known unit gets 'Stk'; an empty unit name stays ''",
    "addresses exported postal, billing, then deliveries by id",
    "a contact moved out of category Kunde still exists: kept as imported, not flagged deleted",
    "job site of a customer with only delivery addresses and no street match: the first one",
    "missing text fields (null in sevDesk) are exported as empty strings",
)

CUSTOMER = "3"
OTHER_CONTACT_CATEGORIES = ("2", "4", "28")
ADDRESS_CODES = (
    "CATEGORY_WORK",
    "CATEGORY_PRIVAT",
    "CATEGORY_INVOICE_ADDRESS",
    "CATEGORY_DELIVERY_ADDRESS",
    "CATEGORY_PICKUP_ADDRESS",
    "CATEGORY_EMPTY",
)
INVOICE, DELIVERY = "CATEGORY_INVOICE_ADDRESS", "CATEGORY_DELIVERY_ADDRESS"
COUNTRIES = {"1": "DE", "2": "AT", "3": "CH", "4": "FR", "5": "NL", "6": "IT"}
KEY_FAX, KEY_MOBILE = "3", "4"

FIRST = ("Jürgen", "Anna", "Özlem", "Klaus", "Bärbel", "Günther", "Lena", "Jörg", "Märta", "Ulf")
LAST = ("Müller", "Weiß", "Schröder", "Groß", "Köhler", "Bäuerle", "Nägele", "Fuchs", "Yılmaz")
ORG = ("Bäckerei", "Schreinerei", "Hausverwaltung", "Metzgerei", "Praxis", "Gasthaus", "Kita")
STREETS = (
    "Königstraße",
    "Hauptstraße",
    "Schloßstraße",
    "Am Mühlbach",
    "Gänsheideweg",
    "Lerchenweg",
    "Olgastraße",
    "Uhlandstr.",
    "Große Falterstraße",
    "Tübinger Straße",
)
CITIES = ("Stuttgart", "Böblingen", "Esslingen am Neckar", "Nürtingen", "Göppingen", "Tübingen")
# Ids around digit boundaries first: a string sort would pick "10" before "9".
BOUNDARY_IDS = (8, 9, 10, 11, 98, 99, 100, 101, 998, 999, 1000, 1001, 9999, 10000)


class Ids:
    """Unique ids per table, often next to a digit boundary."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: dict[str, set[int]] = {}

    def next(self, table: str) -> str:
        used = self.used.setdefault(table, set())
        free = [i for i in BOUNDARY_IDS if i not in used]
        while True:
            if free and self.rng.random() < 0.35:
                value = self.rng.choice(free)
            else:
                value = self.rng.randint(12, 5_000_000)
            if value not in used:
                used.add(value)
                return str(value)


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


# --------------------------------------------------------------------------- generator


def generate_account(seed: int, contacts: int = 40, parts: int = 30) -> tuple[SandboxData, Ids]:
    rng = random.Random(seed)
    ids = Ids(rng)
    category_ids: dict[str, Any] = {}
    picks = rng.sample(range(29, 900_000), len(ADDRESS_CODES) + 3)
    for code, value in zip(ADDRESS_CODES, picks, strict=False):
        category_ids[code] = value
    category_ids["Artikel"], category_ids["Dienstleistung"] = picks[-3], picks[-2]
    data = SandboxData()
    add_reference_data(data, category_ids)
    data.add("Category", {"name": "Material", "objectType": "Part", "translationCode": None}, id=picks[-1])
    orgs: list[str] = []
    for _ in range(contacts):
        add_contact(data, ids, rng, orgs)
    for _ in range(parts):
        add_part(data, ids, rng)
    return data, ids


def address_category(data: SandboxData, code: str) -> dict:
    found = data.find_category("ContactAddress", translation_code=code)
    assert found is not None
    return ref("Category", found["id"])


def add_contact(data: SandboxData, ids: Ids, rng: random.Random, orgs: list[str]) -> str:
    category = CUSTOMER if rng.random() < 0.8 else rng.choice(OTHER_CONTACT_CATEGORIES)
    person = rng.random() < 0.45
    fields: dict[str, Any] = {
        "category": ref("Category", category),
        "status": rng.choice(("100", "500", "1000")),
        "customerNumber": None if rng.random() < 0.1 else f"{rng.randint(1, 99999)}",
        "description": rng.choice(
            (None, "", "Schlüssel beim Hausmeister, Herrn Öztürk", "Stammkunde – Zugang über den Hof")
        ),
        "name2": rng.choice((None, None, "sen.", "jun.", "Filiale Süd")),
    }
    if person:
        fields.update(surename=rng.choice(FIRST), familyname=rng.choice(LAST), name=rng.choice((None, "")))
        if orgs and rng.random() < 0.4:
            fields["parent"] = ref("Contact", rng.choice(orgs))
    else:
        fields.update(name=f"{rng.choice(ORG)} {rng.choice(LAST)} GmbH", surename=None, familyname=None)
    # E1: buyer reference (Leitweg-ID) and authority flag, as sevDesk sends them: strings,
    # sometimes missing or null.
    fields["buyerReference"] = rng.choice((None, "", "991-12345-06", " 04011000-1234512345-06 "))
    fields["governmentAgency"] = rng.choice((None, "0", "1", "false", "true"))
    contact_id = data.add("Contact", fields, id=ids.next("Contact"))
    if not person:
        orgs.append(contact_id)
    streets = rng.sample([(s, n) for s in STREETS for n in range(1, 30)], 8)
    kinds = [rng.choice(ADDRESS_CODES) for _ in range(rng.randint(0, 6))]
    if kinds and rng.random() < 0.5:
        kinds += [INVOICE] * rng.randint(1, 3)  # several invoice addresses
    for kind, (street, no) in zip(kinds, streets, strict=False):
        data.add(
            "ContactAddress",
            {
                "contact": ref("Contact", contact_id),
                "street": f"{street} {no}",
                "zip": f"{rng.randint(10000, 99999)}",
                "city": rng.choice(CITIES),
                "country": ref("StaticCountry", rng.choice(("1", "1", "1", "2", "3", "5", None))),
                "category": address_category(data, kind),
                "name": "x",
            },
            id=ids.next("ContactAddress"),
        )
    for way_type, keys in (
        ("EMAIL", ("1", "2", "8")),
        ("PHONE", ("1", "2", KEY_FAX, KEY_MOBILE)),
        ("MOBILE", (KEY_MOBILE,)),
        ("WEB", ("2",)),
    ):
        values: list[str] = []
        for _ in range(rng.randint(0, 6)):
            if values and rng.random() < 0.15:
                value = rng.choice(values)  # the same value twice
            elif way_type == "EMAIL":
                value = (
                    f"{rng.choice(('info', 'büro', 'kontakt', 'r.weiss'))}{rng.randint(1, 999)}@example.de"
                )
            else:
                value = f"+49 {rng.randint(100, 999)} {rng.randint(100000, 9999999)}"
            values.append(value)
            add_way(data, ids, contact_id, way_type, value, rng.choice(keys), rng.random() < 0.3)
    return contact_id


def add_way(
    data: SandboxData, ids: Ids, contact_id: str, way_type: str, value: str, key: str, main: bool
) -> str:
    return data.add(
        "CommunicationWay",
        {
            "contact": ref("Contact", contact_id),
            "type": way_type,
            "value": value,
            "key": ref("CommunicationWayKey", key),
            "main": "1" if main else "0",
        },
        id=ids.next("CommunicationWay"),
    )


def add_part(data: SandboxData, ids: Ids, rng: random.Random) -> str:
    category = rng.choice(("Artikel", "Artikel", "Artikel", "Dienstleistung", "Material"))
    net = Decimal(rng.randint(1, 500_000)) / 100
    if rng.random() < 0.15:
        net = Decimal(rng.randint(1, 500_000)) / 1000  # three decimals in sevDesk
    rate = rng.choice((Decimal(19), Decimal(19), Decimal(7), Decimal(0), Decimal("10.7")))
    unit = rng.choice([*UNITS, "777777"])  # the last one is unknown to the account
    return data.add(
        "Part",
        {
            "name": f"{rng.choice(('Kupferrohr', 'Heizkörperventil', 'Dübel', 'Fußbodenheizung'))} "
            f"{rng.randint(1, 999)}",
            "partNumber": f"P-{rng.randint(1, 99999)}",
            "text": rng.choice((None, "Messing, vernickelt", "Größe ½ Zoll")),
            "category": ref("Category", data.find_category("Part", name=category)["id"]),
            "unity": ref("Unity", unit),
            "price": plain(net),
            "priceNet": plain(net),
            "priceGross": plain(cents(net * (1 + rate / 100))),
            "taxRate": rng.choice((plain(rate), f"{rate:.2f}")),
            "status": rng.choice(("100", "100", "100", "50")),
            "stock": "0",
            "stockEnabled": "0",
        },
        id=ids.next("Part"),
    )


# --------------------------------------------------------------------------- oracle


def _category_ids(data: SandboxData, object_type: str, code: str) -> set[str]:
    return {
        c["id"]
        for c in data.all("Category")
        if c["objectType"] == object_type and c["translationCode"] == code
    }


def _address(record: dict, kind: str) -> dict[str, Any]:
    country = record.get("country") or {}
    return {
        "kind": kind,
        "street": record["street"],
        "zip": record["zip"],
        "city": record["city"],
        "country": COUNTRIES[country["id"]] if country else "DE",
    }


def expected_addresses(data: SandboxData, contact_id: str) -> list[dict[str, Any]]:
    """C3: one billing (lowest invoice id), all deliveries, postal = first other, else billing."""
    invoice = _category_ids(data, "ContactAddress", INVOICE)
    delivery = _category_ids(data, "ContactAddress", DELIVERY)
    own = sorted(
        (a for a in data.all("ContactAddress") if a["contact"]["id"] == contact_id),
        key=lambda a: int(a["id"]),
    )
    billing = [a for a in own if a["category"]["id"] in invoice][:1]
    deliveries = [a for a in own if a["category"]["id"] in delivery]
    others = [a for a in own if a["category"]["id"] not in invoice | delivery]
    postal = others[:1] or billing
    return (
        [_address(a, "postal") for a in postal]
        + [_address(a, "billing") for a in billing]
        + [_address(a, "delivery") for a in deliveries]
    )


def expected_comm(data: SandboxData, contact_id: str) -> dict[str, list[str]]:
    """C4: ≤2 e-mails, ≤2 mobiles, ≤1 phone; main first, then lowest id."""
    ways = sorted(
        (w for w in data.all("CommunicationWay") if w["contact"]["id"] == contact_id),
        key=lambda w: (w["main"] != "1", int(w["id"])),
    )
    buckets: dict[str, list[str]] = {"emails": [], "mobiles": [], "phones": []}
    limits = {"emails": 2, "mobiles": 2, "phones": 1}
    for way in ways:
        key = (way.get("key") or {}).get("id")
        if way["type"] == "EMAIL":
            bucket = "emails"
        elif way["type"] == "MOBILE" or (way["type"] == "PHONE" and key == KEY_MOBILE):
            bucket = "mobiles"
        elif way["type"] == "PHONE" and key != KEY_FAX:
            bucket = "phones"
        else:
            continue
        values = buckets[bucket]
        if len(values) < limits[bucket] and way["value"] not in values:
            values.append(way["value"])
    return buckets


def expected_customers(data: SandboxData) -> dict[str, dict[str, Any]]:
    """C1/C2 (+C3, C4) per sevDesk contact id, in the §7 export shape without the local id."""
    result = {}
    for contact in data.all("Contact"):
        if (contact.get("category") or {}).get("id") != CUSTOMER:
            continue
        organisation = bool(contact.get("name"))
        result[contact["id"]] = {
            "sevdesk_id": contact["id"],
            "customer_number": contact["customerNumber"] or "",
            "kind": "organisation" if organisation else "person",
            "first_name": contact["surename"] or "",
            "last_name": contact["familyname"] or "",
            "company": contact["name"] or "",
            "name_suffix": contact["name2"] or "",
            "description": contact["description"] or "",
            "deleted_in_sevdesk": False,
            "e_invoice": organisation,
            "buyer_reference": (contact.get("buyerReference") or "").strip(),
            "government_agency": (contact.get("governmentAgency") or "") in ("1", "true"),
            **expected_comm(data, contact["id"]),
            "addresses": expected_addresses(data, contact["id"]),
        }
    return result


def expected_articles(data: SandboxData, categories: tuple[str, ...] = ("Artikel",)) -> dict[str, dict]:
    """A1–A3 per sevDesk part id."""
    wanted = {c["id"] for c in data.all("Category") if c["objectType"] == "Part" and c["name"] in categories}
    units = {u["id"]: u["name"] for u in data.all("Unity")}
    result = {}
    for part in data.all("Part"):
        if (part.get("category") or {}).get("id") not in wanted:
            continue
        net = Decimal(part["priceNet"])  # as sevDesk keeps it; shown in cents (A3)
        rate = Decimal(part["taxRate"])
        result[part["id"]] = {
            "sevdesk_id": part["id"],
            "number": part["partNumber"] or "",
            "name": part["name"] or "",
            "unit": units.get((part.get("unity") or {}).get("id"), "Stk"),
            "net_price": format(cents(net), "f"),
            "vat_rate": plain(rate),
            "gross_price": format(cents(net * (1 + rate / 100)), "f"),
            "description": part["text"] or "",
            "active": part["status"] == "100",
        }
    return result


# --------------------------------------------------------------------------- orders (O5, O6)

QUANTITIES = ("1", "2", "0.5", "2.5", "3", "10", "0.25", "1.75", "12")


def street_variant(street: str, rng: random.Random) -> str:
    """The same street as a human would type it: case, spacing, Straße/Str. swapped."""
    text = (
        street.replace("straße", "str.").replace("Straße", "Str.")
        if rng.random() < 0.5
        else street.replace("str.", "straße")
    )
    upper = text if "ß" in text else text.upper()  # "ß".upper() is "SS": no case variant
    text = rng.choice((text, text.lower(), upper, text.replace(" ", "  ")))
    return text.replace(" ", "") if rng.random() < 0.2 else text


def add_orders(data: SandboxData, ids: Ids, rng: random.Random, count: int = 6) -> list[str]:
    """Sent confirmations (AB, status 200) of random customers with an address."""
    with_address = sorted({a["contact"]["id"] for a in data.all("ContactAddress")}, key=int)
    customers = [
        c for c in data.all("Contact") if c["category"]["id"] == CUSTOMER and c["id"] in with_address
    ]
    units = {u["id"] for u in data.all("Unity")}
    parts = [p for p in data.all("Part") if p["unity"]["id"] in units]
    result = []
    for index in range(count):
        contact = rng.choice(customers)
        own = [a for a in data.all("ContactAddress") if a["contact"]["id"] == contact["id"]]
        if rng.random() < 0.7:
            address = rng.choice(own)
            street = street_variant(address["street"], rng)
            zip_city = f"{address['zip']} {address['city']}"
        else:
            street, zip_city = f"Nirgendweg {rng.randint(1, 99)}", "70000 Irgendwo"
        order_id = data.add(
            "Order",
            {
                "orderNumber": f"AB-{2000 + index}",
                "contact": ref("Contact", contact["id"]),
                "orderDate": "2026-03-02T00:00:00+01:00",
                "status": "200",
                "orderType": "AB",
                "header": f"Auftrag {index} für {contact['name'] or contact['familyname']}",
                "address": f"{contact['name'] or contact['familyname']}\n{street}\n{zip_city}",
                "createUser": ref("SevUser", "1551095"),
                "currency": "EUR",
            },
            id=ids.next("Order"),
        )
        pool = rng.sample(parts, 3)
        for number_ in range(rng.randint(1, 8)):
            quantity = rng.choice(QUANTITIES)
            if rng.random() < 0.25:
                unit = rng.choice(sorted(units))
                fields = {
                    "part": None,
                    "name": f"Freitext {number_} – Entsorgung",
                    "unity": ref("Unity", unit),
                }
            else:
                part = rng.choice(pool)
                fields = {"part": ref("Part", part["id"]), "name": part["name"], "unity": part["unity"]}
            data.add(
                "OrderPos",
                {
                    **fields,
                    "order": ref("Order", order_id),
                    "quantity": quantity,
                    "price": "10",
                    "priceNet": "10",
                    "taxRate": "19",
                    "positionNumber": str(number_),
                },
                id=ids.next("OrderPos"),
            )
        result.append(order_id)
    # A customer with two delivery addresses only (the later one with the lower id) and a
    # confirmation naming neither of them: no postal address to fall back on.
    contact_id = data.add(
        "Contact", {"category": ref("Category", CUSTOMER), "name": "Lieferkunde AG"}, id=ids.next("Contact")
    )
    for street, id_ in (("Lagerstraße 2", "900000002"), ("Hofweg 1", "900000001")):
        data.add(
            "ContactAddress",
            {
                "contact": ref("Contact", contact_id),
                "street": street,
                "zip": "89073",
                "city": "Ulm",
                "country": ref("StaticCountry", "1"),
                "category": address_category(data, DELIVERY),
            },
            id=id_,
        )
    order_id = data.add(
        "Order",
        {
            "orderNumber": "AB-2999",
            "contact": ref("Contact", contact_id),
            "status": "200",
            "orderType": "AB",
            "orderDate": "2026-03-02T00:00:00+01:00",
            "header": "Lieferkunde",
            "address": "Lieferkunde AG\nAnderer Weg 5\n89073 Ulm",
            "createUser": ref("SevUser", "1551095"),
        },
        id=ids.next("Order"),
    )
    data.add(
        "OrderPos",
        {
            "order": ref("Order", order_id),
            "part": None,
            "name": "Pauschale",
            "quantity": "1.000",
            "unity": ref("Unity", "7"),
            "positionNumber": "1",
        },
        id=ids.next("OrderPos"),
    )
    return [*result, order_id]


def _squash(text: str) -> str:
    text = "".join(text.lower().split())
    return text.replace("straße", "str.")


def expected_job_site(data: SandboxData, order: dict) -> dict[str, Any]:
    """O5: the stored address whose street the confirmation names, else the postal one."""
    stored = expected_addresses(data, order["contact"]["id"])
    lines = (order["address"] or "").splitlines()
    for line in lines:
        for address in stored:
            if _squash(address["street"]) == _squash(line):
                return {k: address[k] for k in ("street", "zip", "city", "country")}
    # Without a postal address (only delivery addresses) the first stored one is used.
    postal = next((a for a in stored if a["kind"] == "postal"), stored[0])
    return {k: postal[k] for k in ("street", "zip", "city", "country")}


def expected_planned(data: SandboxData, order_id: str) -> list[dict[str, Any]]:
    """O6: one line per part (quantities summed, first position's place); free text kept."""
    units = {u["id"]: u["name"] for u in data.all("Unity")}
    positions = sorted(
        (p for p in data.all("OrderPos") if p["order"]["id"] == order_id),
        key=lambda p: int(p["positionNumber"]),
    )
    lines: list[dict[str, Any]] = []
    by_part: dict[str, dict[str, Any]] = {}
    for pos in positions:
        part_ref = pos.get("part")
        if part_ref is None:
            lines.append(
                {
                    "article_number": None,
                    "name": pos["name"],
                    "quantity": Decimal(pos["quantity"]),
                    "unit": units[pos["unity"]["id"]],
                }
            )
            continue
        if part_ref["id"] in by_part:
            by_part[part_ref["id"]]["quantity"] += Decimal(pos["quantity"])
            continue
        part = data.get("Part", part_ref["id"])
        line = {
            "article_number": part["partNumber"],
            "name": part["name"],
            "quantity": Decimal(pos["quantity"]),
            "unit": units[part["unity"]["id"]],
        }
        by_part[part_ref["id"]] = line
        lines.append(line)
    return [dict(line, quantity=plain(line["quantity"])) for line in lines]
