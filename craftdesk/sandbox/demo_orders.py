"""Parts, order confirmations, offers and invoices of the demo account."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from .base_data import UNIT_IDS, USER_ADMIN, USER_MASTER, USER_OFFICE, part_category_ref
from .store import SandboxData, berlin, money, number, ref

# partNumber, name, unit, net price, purchase price, tax rate, stock, status, text
_ARTICLES = [
    ("A-1001", "Heizkörperventil DN15", "Stk", "24.9", "12.5", 19, 48, "Thermostatventil, vernickelt"),
    ("A-1002", "Kupferrohr 15 mm", "m", "8.9", "5.2", 19, 250, "Kupferrohr halbhart, 15 x 1 mm"),
    ("A-1003", "Kupferrohr 18 mm", "m", "11.4", "6.8", 19, 180, "Kupferrohr halbhart, 18 x 1 mm"),
    ("A-1004", "Kupferrohr 22 mm", "m", "14.8", "8.9", 19, 120, "Kupferrohr halbhart, 22 x 1 mm"),
    ("A-1005", "Pressfitting Bogen 90° 15 mm", "Stk", "6.75", "3.1", 19, 300, None),
    ("A-1006", "Pressfitting T-Stück 18 mm", "Stk", "9.2", "4.4", 19, 140, None),
    ("A-1007", "Thermostatkopf", "Stk", "18.5", "9.9", 19, 60, "Flüssigfühler, Anschluss M30 x 1,5"),
    ("A-1008", "Kugelhahn ½ Zoll", "Stk", "12.4", "6.1", 19, 75, "Messing, mit Flügelgriff"),
    ("A-1009", "Silikon sanitär weiß 310 ml", "Stk", "7.95", "3.2", 19, 96, "Schimmelhemmend"),
    ("A-1010", "Fliesenkleber flexibel 25 kg", "Stk", "21.5", "11.9", 19, 40, "Sack à 25 kg, C2TE S1"),
    ("A-1011", "Fugenmörtel grau 5 kg", "Stk", "14.9", "7.4", 19, 30, None),
    ("A-1012", "Gipskartonplatte 12,5 mm", "m²", "6.3", "3.35", 19, 200, "Imprägniert (GKBI)"),
    ("A-1013", "Dämmwolle 100 mm", "m²", "9.8", "5.1", 19, 90, "WLG 035"),
    ("A-1014", "Abflussrohr HT DN50", "m", "4.6", "2.05", 19, 160, None),
    ("A-1015", "Abflussrohr HT DN100", "m", "9.1", "4.5", 19, 80, None),
    ("A-1016", "Waschtischarmatur Einhebel", "Stk", "129", "74.5", 19, 12, "Verchromt, mit Ablaufgarnitur"),
    ("A-1017", "Wand-WC spülrandlos", "Stk", "289", "168", 19, 6, "Inklusive WC-Sitz mit Absenkautomatik"),
    ("A-1018", "Unterputz-Spülkasten", "Stk", "198.5", "121", 19, 8, "Bauhöhe 112 cm, 2-Mengen-Spülung"),
    ("A-1019", "Duschrinne 80 cm Edelstahl", "Stk", "245", "139", 19, 4, None),
    ("A-1020", "Gas-Brennwerttherme 24 kW", "Stk", "3890", "2650", 19, 2, "Wandgerät, Speicheranschluss"),
    ("A-1021", "Ausdehnungsgefäß 25 l", "Stk", "79", "41", 19, 10, None),
    ("A-1022", "Vollentsalzungspatrone Heizungswasser", "Stk", "119", "69", 19, 5, None),
    ("A-1023", "Isolierschlauch 15 mm", "m", "2.35", "0.95", 19, 400, "Wandstärke 9 mm"),
    ("A-1024", "Rohrschelle 15 mm", "Stk", "0.85", "0.31", 19, 1000, "Mit Schallschutzeinlage"),
    ("A-1025", "Dübel 8 mm (100 Stück)", "Stk", "6.9", "2.9", 19, 25, "Packung à 100 Stück"),
    ("A-1026", "Gewindedichtband PTFE", "Rolle", "1.95", "0.7", 19, 80, None),
    ("A-1027", "Dichtungshanf 100 g", "Stk", "3.4", "1.45", 19, 40, None),
    ("A-1028", "Weichlot 250 g", "Stk", "24.5", "14.9", 19, 15, "Zinn-Kupfer, für Trinkwasser"),
    ("A-1029", "Mantelleitung NYM-J 3x1,5", "m", "1.15", "0.52", 19, 500, None),
    ("A-1030", "Schutzkontaktsteckdose UP", "Stk", "6.4", "2.8", 19, 50, "Reinweiß"),
    ("A-1031", "Estrich-Fertigmischung", "kg", "0.29", "0.12", 19, 2000, "Sack à 40 kg"),
    ("A-1032", "Wandfarbe weiß", "l", "5.9", "2.75", 19, 120, "Innendispersion, Deckkraft Klasse 1"),
    ("A-1033", "Abdeckfolie 4 x 5 m", "Stk", "3.9", "1.2", 19, 60, None),
    ("A-1034", "Drainagekies 16/32", "t", "48", "27", 19, 10, None),
    ("A-1035", "Rohrschale Mineralwolle 22 mm", "lfm", "4.2", "1.95", 19, 150, None),
    ("A-1036", "Buchsbaum im Topf", "Stk", "19.9", "9.5", 7, 14, "Höhe ca. 40 cm"),
    ("A-1037", "Rasensaat Spiel & Sport", "kg", "8.9", "4.1", 7, 20, None),
    ("A-1038", "Fachbuch Sanitärinstallation", "Stk", "39.9", "27.9", 7, 3, "Handbuch für die Praxis"),
    ("A-1039", "Röhrenradiator 600 x 1000 mm", "Stk", "219", "131", 19, 0, "Auslaufmodell"),
    ("A-1040", "Bleirohr-Übergangsmuffe", "Stk", "5.5", "2.2", 19, 0, "Nicht mehr lieferbar"),
]
_INACTIVE = {"A-1039", "A-1040", "D-2020"}

_SERVICES = [
    ("D-2001", "Montage Geselle", "Std", "62", None),
    ("D-2002", "Montage Meister", "Std", "78", None),
    ("D-2003", "Anfahrt pauschal", "pauschal", "35", "Im Stadtgebiet Stuttgart"),
    ("D-2004", "Anfahrt", "km", "0.9", "Je gefahrenem Kilometer"),
    ("D-2005", "Helfer", "Std", "45", None),
    ("D-2006", "Notdienstzuschlag", "pauschal", "95", "Nachts, an Sonn- und Feiertagen"),
    ("D-2007", "Heizungswartung Gas", "pauschal", "149", "Inklusive Abgasmessung"),
    ("D-2008", "Heizungswartung Öl", "pauschal", "169", "Inklusive Filterwechsel"),
    ("D-2009", "Rohrreinigung", "Std", "89", None),
    ("D-2010", "Entsorgung Altmaterial", "pauschal", "49", None),
    ("D-2011", "Druckprobe Trinkwasserleitung", "pauschal", "120", "Mit Prüfprotokoll"),
    ("D-2012", "Dichtheitsprüfung Gasleitung", "pauschal", "135", None),
    ("D-2013", "Hydraulischer Abgleich", "pauschal", "380", "Verfahren B, mit Berechnung"),
    ("D-2014", "Planung und Beratung", "Std", "85", None),
    ("D-2015", "Fliesenverlegung", "m²", "48", None),
    ("D-2016", "Estricharbeiten", "m²", "32", None),
    ("D-2017", "Kernbohrung bis 100 mm", "Stk", "65", None),
    ("D-2018", "Containerstellung 7 m³", "pauschal", "390", "Inklusive Abfuhr"),
    ("D-2019", "Baustelleneinrichtung", "pauschal", "150", None),
    ("D-2020", "Winterdienst", "Std", "38", "Wird nicht mehr angeboten"),
]

# Positions: (partNumber or None, quantity, name override for free text, unit for free text, price)
_ORDERS: list[dict[str, Any]] = [
    dict(
        no="AB-1037",
        type="AB",
        status="1000",
        contact="10009",
        date=(2025, 9, 15),
        user=USER_ADMIN,
        header="Sanitärarbeiten Pumpwerk Neckarstraße",
        note="Bestellung 4500012345",
        address="Stadtwerke Nürtingen GmbH\nNeckarstraße 30\n72622 Nürtingen",
        pos=[("A-1014", "12"), ("A-1015", "6"), ("D-2001", "14"), ("D-2003", "1")],
    ),
    dict(
        no="AB-1038",
        type="AB",
        status="750",
        contact="10018",
        date=(2025, 11, 3),
        user=USER_OFFICE,
        header="Strangsanierung Pliensaustraße 44",
        note="WBG-2025-311",
        address="Wohnungsbaugenossenschaft Esslingen eG\nPliensaustraße 44\n73734 Esslingen am Neckar",
        pos=[("A-1004", "36"), ("A-1035", "36"), ("D-2001", "40"), ("D-2005", "40"), ("D-2011", "1")],
    ),
    dict(
        no="AN-2015",
        type="AN",
        status="200",
        contact="10017",
        date=(2026, 1, 20),
        user=USER_ADMIN,
        header="Angebot Badmodernisierung Zimmer 1–8",
        note=None,
        address="Hotel Schwabenhof\nRathausplatz 8\n73230 Kirchheim unter Teck",
        pos=[("A-1017", "8"), ("A-1018", "8"), ("A-1016", "8"), ("D-2001", "96")],
    ),
    # sent confirmation, same part on two positions (merge into one planned line)
    dict(
        no="AB-1041",
        type="AB",
        status="200",
        contact="10027",
        date=(2026, 2, 2),
        user=USER_ADMIN,
        header="Badsanierung Familie Schmid",
        note=None,
        address="Peter Schmid\nUhlandstraße 23\n73614 Schorndorf",
        pos=[
            ("A-1002", "12"),
            ("A-1005", "8"),
            ("A-1002", "6"),
            ("A-1019", "1"),
            ("A-1009", "3"),
            ("D-2001", "16"),
        ],
    ),
    # sent confirmation whose street is written differently than the delivery address
    dict(
        no="AB-1042",
        type="AB",
        status="200",
        contact="10001",
        date=(2026, 2, 10),
        user=USER_OFFICE,
        header="Heizungswartung Baustelle Vaihingen",
        note="Bestellung 2026-117",
        address="Müller Haustechnik GmbH\nhauptstr. 12\n70563 Stuttgart",
        pos=[("A-1001", "10"), ("D-2007", "1"), ("D-2003", "1")],
    ),
    # sent confirmation with a free-text position without part
    dict(
        no="AB-1043",
        type="AB",
        status="200",
        contact="10002",
        date=(2026, 2, 24),
        user=USER_ADMIN,
        header="Austausch Heizkörper Backstube",
        note=None,
        address="Bäckerei Schröder\nSchorndorfer Straße 88\n71638 Ludwigsburg",
        pos=[
            ("A-1001", "4"),
            ("A-1007", "4"),
            (None, "1", "Entsorgung der Altheizkörper inkl. Demontage", "pauschal", "120"),
            ("D-2001", "6.5"),
        ],
    ),
    # sent confirmation: street matches no address, inactive part, 7 % position, service part
    dict(
        no="AB-1044",
        type="AB",
        status="200",
        contact="10003",
        date=(2026, 3, 9),
        user=USER_OFFICE,
        header="Sanitärinstallation Praxisumbau",
        note="Praxis-Umbau EG",
        address="Praxis Dr. Weiß\nKönigsallee 7\n71063 Sindelfingen",
        pos=[("A-1016", "3"), ("A-1039", "2"), ("A-1036", "2"), ("D-2013", "1"), ("D-2002", "4")],
    ),
    # sent confirmation by the third user (no local employee), person customer
    dict(
        no="AB-1045",
        type="AB",
        status="200",
        contact="10035",
        date=(2026, 4, 14),
        user=USER_MASTER,
        header="Auftragsbestätigung AB-1045",
        note=None,
        address="Wolfgang Rößler\nRosenstraße 19\n70839 Gerlingen",
        pos=[("D-2007", "1"), ("D-2004", "24"), ("A-1022", "1")],
    ),
    dict(
        no="AB-1046",
        type="AB",
        status="100",
        contact="10005",
        date=(2026, 5, 4),
        user=USER_ADMIN,
        header="Fettabscheider Küche",
        note=None,
        address="Gasthaus Zum Löwen\nHauptstraße 1\n71229 Leonberg",
        pos=[("A-1015", "8"), ("D-2009", "3")],
    ),
    dict(
        no="AN-2016",
        type="AN",
        status="200",
        contact="10008",
        date=(2026, 5, 18),
        user=USER_OFFICE,
        header="Angebot Kinderwaschrinne Gruppenraum",
        note=None,
        address="Kita Regenbogen e.V.\nLerchenweg 4\n70794 Filderstadt",
        pos=[("A-1016", "2"), ("A-1014", "6"), ("D-2001", "8")],
    ),
]

# Invoices that already exist for the invoiced confirmations.
_INVOICES = [
    dict(no="RE-2025-0142", order="AB-1037", status="1000", date=(2025, 10, 2), note="Bestellung 4500012345"),
    dict(
        no="RE-2026-0018",
        order="AB-1038",
        status="200",
        date=(2026, 1, 15),
        note="WBG-2025-311 Teil 1",
        share=Decimal("0.5"),
    ),
]


def _day(ymd: tuple[int, int, int], plus: int = 0, hour: int = 0, minute: int = 0) -> str:
    """ISO timestamp ``plus`` days after a date, German time."""
    day = date(*ymd) + timedelta(days=plus)
    return berlin(day.year, day.month, day.day, hour, minute)


def _add_parts(data: SandboxData) -> dict[str, dict]:
    parts: dict[str, dict] = {}
    article = part_category_ref(data, "Artikel")
    service = part_category_ref(data, "Dienstleistung")
    rows = [(*row, article) for row in _ARTICLES]
    rows += [
        (no, name, unit, price, None, 19, None, text, service) for no, name, unit, price, text in _SERVICES
    ]
    for index, (no, name, unit, price, purchase, rate, stock, text, category) in enumerate(rows):
        net = Decimal(price)
        gross = net * (1 + Decimal(rate) / 100)
        created = berlin(2024, 11, 5 + index % 20, 9, index % 60)
        fields = {
            "create": created,
            "update": berlin(2026, 1 + index % 9, 1 + index % 27, 14, 30),
            "name": name,
            "partNumber": no,
            "text": text,
            "category": category,
            "stock": number(stock or 0),
            "stockEnabled": "1" if stock is not None else "0",
            "unity": ref("Unity", UNIT_IDS[unit]),
            "price": money(net),
            "priceNet": money(net),
            "priceGross": money(gross),
            "pricePurchase": money(purchase) if purchase else None,
            "taxRate": str(rate),
            "status": "50" if no in _INACTIVE else "100",
            "internalComment": "Nur noch Restbestand" if no == "A-1039" else None,
        }
        part_id = data.add("Part", fields)
        parts[no] = data.get("Part", part_id)
    return parts


def _positions(spec: dict, parts: dict[str, dict]) -> list[dict]:
    result = []
    for entry in spec["pos"]:
        part_no, quantity = entry[0], Decimal(entry[1])
        if part_no is None:
            name, unit, price = entry[2], UNIT_IDS[entry[3]], Decimal(entry[4])
            rate, text, part = 19, None, None
        else:
            part = parts[part_no]
            name, unit, price = part["name"], part["unity"]["id"], Decimal(part["priceNet"])
            rate, text = int(part["taxRate"]), part["text"]
        result.append(
            {
                "part": ref("Part", part["id"]) if part else None,
                "quantity": quantity,
                "price": price,
                "name": name,
                "unit": unit,
                "rate": Decimal(rate),
                "text": text,
            }
        )
    return result


def _sums(positions: list[dict]) -> tuple[Decimal, Decimal]:
    net = sum((p["quantity"] * p["price"] for p in positions), Decimal(0))
    tax = sum((p["quantity"] * p["price"] * p["rate"] / 100 for p in positions), Decimal(0))
    return Decimal(money(net)), Decimal(money(tax))


def _position_fields(p: dict, index: int) -> dict:
    unit_tax = p["price"] * p["rate"] / 100
    return {
        "part": p["part"],
        "quantity": number(p["quantity"]),
        "price": money(p["price"]),
        "priceNet": money(p["price"]),
        "priceTax": money(unit_tax),
        "priceGross": money(p["price"] + unit_tax),
        "name": p["name"],
        "text": p["text"],
        "unity": ref("Unity", p["unit"]),
        "positionNumber": str(index),
        "discount": "0",
        "taxRate": number(p["rate"]),
        "sumDiscount": "0",
    }


def add_catalog_and_orders(data: SandboxData, contact_ids: dict[str, str]) -> None:
    parts = _add_parts(data)
    order_ids: dict[str, tuple[str, dict, list[dict]]] = {}
    for index, spec in enumerate(_ORDERS):
        when = spec["date"]
        created = _day(when, 0, 10 + index % 6, (index * 7) % 60)
        updated = _day(when, 1, 8, 15) if spec["status"] != "100" else _day(when, 0, 11, 5)
        positions = _positions(spec, parts)
        net, tax = _sums(positions)
        sent = spec["status"] != "100"
        fields = {
            "create": created,
            "update": updated,
            "orderNumber": spec["no"],
            "contact": ref("Contact", contact_ids[spec["contact"]]),
            "orderDate": _day(when),
            "status": spec["status"],
            "header": spec["header"],
            "headText": "Vielen Dank für Ihren Auftrag. Wir bestätigen Ihnen folgende Leistungen:"
            if spec["type"] == "AB"
            else "Gerne bieten wir Ihnen folgende Leistungen an:",
            "footText": "Es gelten unsere Allgemeinen Geschäftsbedingungen.<br>Mit freundlichen Grüßen",
            "address": spec["address"],
            "addressCountry": ref("StaticCountry", "1"),
            "createUser": ref("SevUser", spec["user"]),
            "contactPerson": ref("SevUser", spec["user"]),
            "version": "0",
            "smallSettlement": "0",
            "taxRate": "0",
            "taxRule": ref("TaxRule", "1"),
            "taxText": "Umsatzsteuer 19%",
            "orderType": spec["type"],
            "sendDate": _day(when, 1, 8, 15) if sent else None,
            "currency": "EUR",
            "sumNet": money(net),
            "sumTax": money(tax),
            "sumGross": money(net + tax),
            "sumDiscounts": "0",
            "customerInternalNote": spec["note"],
            "showNet": "1",
            "sendType": "VPDF" if sent else None,
            "deliveryTerms": "Ausführung nach Absprache" if spec["type"] == "AB" else None,
            "paymentTerms": "Zahlbar innerhalb von 14 Tagen ohne Abzug",
        }
        order_id = data.add("Order", fields)
        order_ids[spec["no"]] = (order_id, fields, positions)
        for number_, position in enumerate(positions):
            pos = _position_fields(position, number_)
            pos.update(create=created, update=created, order=ref("Order", order_id), optional="0")
            data.add("OrderPos", pos)

    for spec in _INVOICES:
        order_id, order, positions = order_ids[spec["order"]]
        share = spec.get("share", Decimal(1))
        positions = [dict(p, quantity=p["quantity"] * share) for p in positions]
        net, tax = _sums(positions)
        when = spec["date"]
        stamp = _day(when, 0, 9, 30)
        invoice_id = data.add(
            "Invoice",
            {
                "create": stamp,
                "update": _day(when, 3, 16, 0),
                "invoiceNumber": spec["no"],
                "contact": order["contact"],
                "contactPerson": order["contactPerson"],
                "invoiceDate": _day(when),
                "deliveryDate": _day(when),
                "header": f"Rechnung {spec['no']}",
                "headText": "Wir berechnen Ihnen folgende Leistungen:",
                "timeToPay": "14",
                "discount": "0",
                "status": spec["status"],
                "invoiceType": "RE",
                "currency": "EUR",
                "taxRule": ref("TaxRule", "1"),
                "taxRate": "0",
                "taxText": "Umsatzsteuer 19%",
                "showNet": "1",
                "customerInternalNote": spec["note"],
                "address": order["address"],
                "addressCountry": ref("StaticCountry", "1"),
                "sumNet": money(net),
                "sumTax": money(tax),
                "sumGross": money(net + tax),
                "sumDiscounts": "0",
                "sendType": "VPDF",
                "sendDate": stamp,
                "payDate": _day(when, 10) if spec["status"] == "1000" else None,
                "enshrined": stamp,
                "origin": ref("Order", order_id),
                "propertyIsEInvoice": "0",
                "paidAmount": money(net + tax) if spec["status"] == "1000" else "0",
            },
        )
        for number_, position in enumerate(positions):
            pos = _position_fields(position, number_)
            net_line = position["quantity"] * position["price"]
            pos.update(
                create=stamp,
                update=stamp,
                invoice=ref("Invoice", invoice_id),
                sumNet=money(net_line),
                sumTax=money(net_line * position["rate"] / 100),
                sumGross=money(net_line * (1 + position["rate"] / 100)),
            )
            data.add("InvoicePos", pos)
