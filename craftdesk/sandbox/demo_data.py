"""German demo account of the sandbox: a heating and plumbing business near Stuttgart.

Everything is deterministic.  Contacts are written in a compact notation:

* addresses ``"<kind> <street>, <zip> <city>[ [CC]][ | <address name>]"`` with kind
  R = Rechnungsanschrift, L = Lieferanschrift, G = Geschäftlich, P = Privat,
  A = Abholanschrift, E = Leer and an optional ISO country code (default DE);
* communication ways ``"<type><key>[*] <value>"`` with type E-mail, Phone, Mobile,
  Web, the CommunicationWayKey id and ``*`` for ``main``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from .base_data import (
    CATEGORY_CUSTOMER,
    CATEGORY_PARTNER,
    CATEGORY_PROSPECT,
    CATEGORY_SUPPLIER,
    COUNTRY_IDS,
    add_reference_data,
    address_category_ref,
)
from .demo_orders import add_catalog_and_orders
from .store import SandboxData, berlin, ref

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
_CONTACTS: list[dict[str, Any]] = [
    # ---- customers: organisations
    dict(
        no="10001",
        org="Müller Haustechnik GmbH",
        desc="Stammkunde seit 2019",
        vat="DE123456789",
        addr=[
            "R Königstraße 40, 70173 Stuttgart",
            "L Hauptstraße 12, 70563 Stuttgart | Baustelle Vaihingen",
            "L Am Mühlbach 3, 71032 Böblingen | Lager Böblingen",
            "G Königstraße 40, 70173 Stuttgart",
        ],
        ways=[
            "E8* buchhaltung@mueller-haustechnik.de",
            "E2 info@mueller-haustechnik.de",
            "E2 m.mueller@mueller-haustechnik.de",
            "P2 +49 711 1234567",
            "P2* +49 711 1234568",
            "P3 +49 711 1234569",
            "M4* +49 171 2345678",
            "M4 +49 172 3456789",
            "M4 +49 160 9876543",
            "W2 www.mueller-haustechnik.de",
        ],
    ),
    dict(
        no="10002",
        org="Bäckerei Schröder",
        desc="Filiale und Backstube, Zugang über den Hof",
        addr=["R Marktplatz 7, 71634 Ludwigsburg", "L Schorndorfer Straße 88, 71638 Ludwigsburg | Backstube"],
        ways=["E2* info@baeckerei-schroeder.de", "P2* +49 7141 902310", "M4 +49 151 22334455"],
    ),
    dict(
        no="10003",
        org="Praxis Dr. Weiß",
        desc="Zahnarztpraxis – Arbeiten nur mittwochs nachmittags",
        addr=[
            "R Königsallee 5, 71063 Sindelfingen",
            "R Postfach 11 23, 71044 Sindelfingen",
            "G Königsallee 5, 71063 Sindelfingen",
        ],
        ways=[
            "E8* rechnung@praxis-weiss.de",
            "E2 empfang@praxis-weiss.de",
            "E2 dr.weiss@praxis-weiss.de",
            "E1 c.weiss@web.de",
            "P2* +49 7031 765400",
            "P2 +49 7031 765401",
            "M4 +49 176 11223344",
        ],
    ),
    dict(
        no="10004",
        org="Hausverwaltung Grünwald & Söhne KG",
        vat="DE287654321",
        desc="<p>Schlüssel beim Hausmeister, Herrn Öztürk (Tel. im Büro erfragen)</p>",
        addr=[
            "R Olgastraße 102, 70180 Stuttgart",
            "L Schloßstraße 21, 70176 Stuttgart | Wohnanlage Schloßstraße",
            "L Gaußstraße 9, 70193 Stuttgart | Objekt Gaußstraße",
            "L Weißenburgstraße 14a, 70180 Stuttgart",
        ],
        ways=[
            "E2* verwaltung@gruenwald-hv.de",
            "E8 buchhaltung@gruenwald-hv.de",
            "P2* +49 711 6408800",
            "P2 +49 711 6408810",
            "P3 +49 711 6408899",
            "W2 https://www.gruenwald-hv.de",
        ],
    ),
    dict(
        no="10005",
        org="Gasthaus Zum Löwen",
        desc="Küche im UG, Schlüssel beim Wirt",
        addr=["G Hauptstraße 1, 71229 Leonberg"],
        ways=["E2* kontakt@loewen-leonberg.de", "P2* +49 7152 21345"],
    ),
    dict(
        no="10006",
        org="Schreinerei Köhler GmbH",
        addr=[
            "R Industriestraße 17, 73728 Esslingen am Neckar",
            "A Industriestraße 17, 73728 Esslingen am Neckar | Materialausgabe",
        ],
        ways=["E2 info@schreinerei-koehler.de", "P2* +49 711 3105560", "M4* +49 170 5566778"],
    ),
    dict(
        no="10007",
        org="Autohaus Jäger GmbH & Co. KG",
        vat="DE198765432",
        addr=[
            "R Stuttgarter Straße 140, 71332 Waiblingen",
            "L Stuttgarter Straße 142, 71332 Waiblingen | Werkstatt",
        ],
        ways=[
            "E8* rechnungen@autohaus-jaeger.de",
            "E2 service@autohaus-jaeger.de",
            "P2* +49 7151 50670",
            "W2 www.autohaus-jaeger.de",
        ],
    ),
    dict(
        no="10008",
        org="Kita Regenbogen e.V.",
        addr=["R Lerchenweg 4, 70794 Filderstadt"],
        ways=["E2* leitung@kita-regenbogen-filderstadt.de", "P2* +49 711 7701234"],
    ),
    dict(
        no="10009",
        org="Stadtwerke Nürtingen GmbH",
        agency=True,
        buyer="08116044-NT-42",
        addr=["R Porschestraße 5, 72622 Nürtingen", "L Neckarstraße 30, 72622 Nürtingen | Pumpwerk"],
        ways=["E8* eingangsrechnung@sw-nuertingen.de", "P2* +49 7022 4060"],
    ),
    dict(
        no="10010",
        org="Weinstube Fröhlich",
        addr=["R Kelterstraße 2, 70734 Fellbach"],
        ways=["E1* weinstube.froehlich@t-online.de", "P1* +49 711 581234", "M4 +49 157 30405060"],
    ),
    dict(
        no="10011",
        org="Ingenieurbüro Schäfer & Partner",
        addr=["R Rotebühlstraße 89, 70178 Stuttgart", "G Rotebühlstraße 89, 70178 Stuttgart"],
        ways=["E2* office@ib-schaefer.de", "P2* +49 711 6203300", "W2 ib-schaefer.de"],
    ),
    dict(
        no="10012",
        org="Blumen Haas",
        addr=["R Bahnhofstraße 11, 71083 Herrenberg"],
        ways=["E2* laden@blumen-haas.de", "P2* +49 7032 22110"],
    ),
    dict(
        no="10013",
        org="Fitnessstudio Kraftwerk GmbH",
        desc="Zwei Standorte",
        addr=[
            "R Heilbronner Straße 300, 70469 Stuttgart",
            "L Löwentorstraße 55, 70376 Stuttgart | Studio Nord",
        ],
        ways=[
            "E2 info@kraftwerk-fitness.de",
            "E8 buchhaltung@kraftwerk-fitness.de",
            "E2 studio-nord@kraftwerk-fitness.de",
            "M4 +49 173 4455667",
            "M4 +49 174 5566778",
            "M4 +49 175 6677889",
        ],
    ),
    dict(
        no="10014",
        org="Metzgerei Bühler",
        addr=["R Marktstraße 15, 73033 Göppingen", "L Marktstraße 15, 73033 Göppingen | Kühlhaus"],
        ways=["P2* +49 7161 72345"],
    ),
    dict(
        no="10015",
        org="Evangelische Kirchengemeinde Degerloch",
        addr=["R Löffelstraße 20, 70597 Stuttgart", "L Große Falterstraße 2, 70597 Stuttgart | Gemeindehaus"],
        ways=["E2* gemeindebuero@ev-kirche-degerloch.de", "P2* +49 711 761234"],
    ),
    dict(
        no="10016",
        org="Zahnlabor Öztürk GmbH",
        addr=["R Bahnhofstraße 3, 71254 Ditzingen"],
        ways=["E2* info@zahnlabor-oeztuerk.de", "P2* +49 7156 95110", "M4* +49 152 01234567"],
    ),
    dict(
        no="10017",
        org="Hotel Schwabenhof",
        vat="DE311222333",
        addr=[
            "R Rathausplatz 8, 73230 Kirchheim unter Teck",
            "L Rathausplatz 8, 73230 Kirchheim unter Teck | Anlieferung Hof",
        ],
        ways=[
            "E8* buchhaltung@schwabenhof-hotel.de",
            "E2 rezeption@schwabenhof-hotel.de",
            "P2* +49 7021 48120",
            "P2 +49 7021 48121",
            "P3 +49 7021 48129",
            "W2 www.schwabenhof-hotel.de",
        ],
    ),
    dict(
        no="10018",
        org="Wohnungsbaugenossenschaft Esslingen eG",
        addr=[
            "R Ritterstraße 6, 73728 Esslingen am Neckar",
            "L Pliensaustraße 44, 73734 Esslingen am Neckar | Haus 3",
            "L Pliensaustraße 46, 73734 Esslingen am Neckar | Haus 4",
            "L Zollbergstraße 101, 73734 Esslingen am Neckar",
        ],
        ways=["E8* rechnungswesen@wbg-esslingen.de", "P2* +49 711 396940"],
    ),
    dict(
        no="10019", org="Café Süß", addr=["R Kirchstraße 9, 72070 Tübingen"], ways=["E2* hallo@cafe-suess.de"]
    ),
    dict(
        no="10020",
        org="Architekturbüro Lange",
        addr=["R Wilhelmstraße 45, 72764 Reutlingen"],
        ways=["E2* post@lange-architekten.de", "W2 www.lange-architekten.de"],
    ),
    dict(
        no="K-2019",
        org="Schlosserei Maier GmbH",
        desc="Alte Kundennummer aus der Vorgängersoftware",
        addr=["R Gewerbestraße 3, 71522 Backnang"],
        ways=["P2* +49 7191 60012"],
    ),
    dict(
        no="10022",
        org="Physiotherapie am Schlossgarten",
        status="500",
        addr=["E Schillerplatz 4, 71638 Ludwigsburg"],
        ways=["E2* team@physio-schlossgarten.de"],
    ),
    # ---- customers: persons
    dict(
        no="10023",
        person=("Anna", "Schneider"),
        gender="w",
        addr=["P Gartenstraße 7, 70771 Leinfelden-Echterdingen"],
        ways=["E1* anna.schneider@gmx.de", "M4* +49 170 1234567"],
    ),
    dict(
        no="10024",
        person=("Klaus", "Weiß"),
        title="Dr.",
        gender="m",
        parent="Praxis Dr. Weiß",
        addr=["P Am Hang 12, 71065 Sindelfingen"],
        ways=["M4* +49 171 3322110"],
    ),
    dict(
        no="10025",
        person=("Jürgen", "Maier"),
        name2="sen.",
        gender="m",
        parent="Schlosserei Maier GmbH",
        addr=["P Höhenweg 5, 71522 Backnang"],
    ),
    dict(
        no="10026",
        person=("Jürgen", "Maier"),
        name2="jun.",
        gender="m",
        addr=["R Höhenweg 5a, 71522 Backnang"],
        ways=["E1* juergen.maier.jun@web.de"],
    ),
    dict(
        no="10027",
        person=("Peter", "Schmid"),
        gender="m",
        desc="Badsanierung 2026, Frau Schmid ist Ansprechpartnerin",
        addr=["R Uhlandstraße 23, 73614 Schorndorf", "L Uhlandstraße 23, 73614 Schorndorf | Familie Schmid"],
        ways=[
            "E1 p.schmid@t-online.de",
            "E1* petra.schmid@gmx.de",
            "E1 schmid.familie@web.de",
            "P1* +49 7181 44556",
            "P1 +49 7181 44557",
            "M4 +49 171 9988776",
            "M4* +49 160 5544332",
            "M4 +49 151 66778899",
        ],
    ),
    dict(
        no="10028",
        person=("Ursula", "Hoffmann-Lößl"),
        title="Prof. Dr.",
        gender="w",
        addr=[
            "R Hölderlinstraße 17, 70193 Stuttgart",
            "L Gänsheidestraße 5, 70184 Stuttgart | Ferienwohnung",
        ],
        ways=["E1* hoffmann-loessl@posteo.de"],
    ),
    dict(
        no="10029",
        person=("Günther", "Bäuerle"),
        gender="m",
        addr=["P Weinbergweg 8, 71686 Remseck am Neckar"],
    ),
    dict(
        no="10030",
        person=("Sabine", "Wörner"),
        gender="w",
        titel="Geschäftsführerin",
        parent="Hotel Schwabenhof",
        addr=["G Rathausplatz 8, 73230 Kirchheim unter Teck"],
        ways=["E2* s.woerner@schwabenhof-hotel.de", "M4* +49 172 1112233"],
    ),
    dict(
        no="10031",
        person=("Ömer", "Yılmaz"),
        gender="m",
        addr=["R Neckarstraße 120, 70190 Stuttgart"],
        ways=["E1* oemer.yilmaz@gmail.com", "M4* +49 176 23456789"],
    ),
    dict(
        no="10032",
        person=("Heike", "Groß"),
        gender="w",
        addr=[
            "R Friedrichstraße 3, 71063 Sindelfingen",
            "L Friedhofstraße 10, 71063 Sindelfingen | bei Groß",
        ],
        ways=["P1* +49 7031 812345"],
    ),
    dict(
        no="10033",
        person=("Marco", "Di Stefano"),
        gender="m",
        addr=["P Seestraße 44, 70174 Stuttgart"],
        ways=["E1* marco.distefano@gmx.net"],
    ),
    dict(no="10034", person=("Lena", "Fuchs"), gender="w", addr=["R Tübinger Straße 71, 72072 Tübingen"]),
    dict(
        no="10035",
        person=("Wolfgang", "Rößler"),
        gender="m",
        desc="Ferienhaus in Tirol, Wartung jährlich",
        addr=["P Rosenstraße 19, 70839 Gerlingen", "L Alpenstraße 3, 6020 Innsbruck [AT] | Ferienhaus"],
        ways=["E1* w.roessler@t-online.de", "P1* +49 7156 23456", "P1 +49 7156 23457", "M4 +49 171 7654321"],
    ),
    dict(
        no=None,
        person=("Katrin", "Lehmann"),
        gender="w",
        titel="Projektleiterin",
        parent="Ingenieurbüro Schäfer & Partner",
        addr=["G Rotebühlstraße 89, 70178 Stuttgart"],
        ways=["E2* k.lehmann@ib-schaefer.de", "P2* +49 711 6203312"],
    ),
    dict(
        no="10037",
        person=("Thomas", "Krämer"),
        gender="m",
        addr=["R Esslinger Straße 7, 73760 Ostfildern"],
        ways=["M4* +49 177 8899001"],
    ),
    dict(
        no="10038",
        person=("Elif", "Kaya"),
        gender="w",
        addr=["R Stuttgarter Straße 55, 70806 Kornwestheim"],
        ways=["E1* elif.kaya@web.de", "M4* +49 178 2233445", "W1 elif-kaya-design.de"],
    ),
    dict(
        no="10039",
        person=("Hans-Peter", "Weißenböck"),
        gender="m",
        addr=["R Talstraße 2, 72622 Nürtingen", "L Talstraße 2/1, 72622 Nürtingen | Einliegerwohnung"],
        ways=["P1* +49 7022 31415"],
    ),
    dict(
        no="10040",
        person=("Franziska", "Nägele"),
        gender="w",
        addr=["P Lindenstraße 8, 71229 Leonberg"],
        ways=["E1* f.naegele@posteo.de"],
    ),
    # ---- other categories (not imported as customers)
    dict(
        no="10041",
        org="Richter Sanitärgroßhandel GmbH",
        cat=CATEGORY_SUPPLIER,
        addr=["R Pforzheimer Straße 160, 70499 Stuttgart", "A Pforzheimer Straße 160, 70499 Stuttgart"],
        ways=["E2* bestellung@richter-sanitaer.de", "P2* +49 711 8870000"],
    ),
    dict(
        no="10042",
        org="Elektro-Großhandel Wagner KG",
        cat=CATEGORY_SUPPLIER,
        addr=["R Bahnhofstraße 60, 70806 Kornwestheim"],
        ways=["E2* vertrieb@wagner-elektro.de"],
    ),
    dict(
        no="10043",
        org="Fliesen Hoffmann GmbH",
        cat=CATEGORY_PARTNER,
        addr=["G Daimlerstraße 12, 71063 Sindelfingen"],
        ways=["P2* +49 7031 440055"],
    ),
    dict(
        no="10044",
        org="Malerbetrieb Krause",
        cat=CATEGORY_PARTNER,
        addr=["G Bachstraße 4, 70734 Fellbach"],
        ways=["M4* +49 170 3344556"],
    ),
    dict(
        no="10045",
        org="Pflegeheim Sonnenhalde gGmbH",
        cat=CATEGORY_PROSPECT,
        status="100",
        addr=["R Sonnenhalde 1, 73760 Ostfildern"],
        ways=["E2* verwaltung@sonnenhalde.de"],
    ),
    dict(
        no="10046",
        person=("Markus", "Vogel"),
        gender="m",
        cat=CATEGORY_PROSPECT,
        status="100",
        addr=["P Eichenweg 9, 71032 Böblingen"],
        ways=["E1* markus.vogel@gmx.de"],
    ),
    dict(no="10047", org="Bürogemeinschaft Lindenhof", cat=CATEGORY_PROSPECT, status="100"),
]


def _stamp(moment: datetime) -> str:
    return berlin(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _parse_address(spec: str) -> dict[str, Any]:
    spec, _, label = spec.partition(" | ")
    kind, rest = spec.split(" ", 1)
    country = "DE"
    if rest.endswith("]"):
        rest, country = rest[:-4].rstrip(), rest[-3:-1]
    street, place = rest.rsplit(", ", 1)
    zip_code, city = place.split(" ", 1)
    return {
        "kind": _ADDRESS_KINDS[kind],
        "street": street,
        "zip": zip_code,
        "city": city,
        "country": COUNTRY_IDS[country],
        "label": label or None,
    }


def _parse_way(spec: str) -> dict[str, Any]:
    code, value = spec.split(" ", 1)
    return {
        "type": _WAY_TYPES[code[0]],
        "key": code[1:].rstrip("*"),
        "main": "1" if code.endswith("*") else "0",
        "value": value,
    }


def add_contacts(data: SandboxData) -> dict[str, str]:
    """Add the demo contacts; returns a map of organisation name / customer number -> id."""
    ids: dict[str, str] = {}
    base = datetime(2025, 1, 13, 9, 0)
    for index, spec in enumerate(_CONTACTS):
        created = base + timedelta(days=index * 9, minutes=index * 37)
        updated = created + timedelta(days=(index * 13) % 150, hours=index % 5)
        first, last = spec.get("person") or (None, None)
        fields = {
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
            "parent": ref("Contact", ids[spec["parent"]]) if spec.get("parent") else None,
            "vatNumber": spec.get("vat"),
            "buyerReference": spec.get("buyer"),
            "governmentAgency": "1" if spec.get("agency") else "0",
            "exemptVat": "0",
            "defaultTimeToPay": "14" if spec.get("org") else None,
            "defaultDiscountPercentage": "0",
            "taxType": "default",
            "defaultShowVat": "1",
        }
        contact_id = data.add("Contact", fields)
        if spec.get("org"):
            ids[spec["org"]] = contact_id
        if spec.get("no"):
            ids[spec["no"]] = contact_id
        display = spec.get("org") or " ".join(p for p in (spec.get("title"), first, last) if p)
        for offset, address_spec in enumerate(spec.get("addr", ())):
            parsed = _parse_address(address_spec)
            stamp = _stamp(created + timedelta(minutes=1 + offset))
            data.add(
                "ContactAddress",
                {
                    "create": stamp,
                    "update": _stamp(updated) if offset == 1 else stamp,
                    "contact": ref("Contact", contact_id),
                    "street": parsed["street"],
                    "zip": parsed["zip"],
                    "city": parsed["city"],
                    "country": ref("StaticCountry", parsed["country"]),
                    "category": address_category_ref(data, parsed["kind"]),
                    "name": display,
                    "name2": parsed["label"],
                },
            )
        for offset, way_spec in enumerate(spec.get("ways", ())):
            parsed_way = _parse_way(way_spec)
            stamp = _stamp(created + timedelta(minutes=10, seconds=offset))
            data.add(
                "CommunicationWay",
                {
                    "create": stamp,
                    "update": stamp,
                    "contact": ref("Contact", contact_id),
                    "type": parsed_way["type"],
                    "value": parsed_way["value"],
                    "key": ref("CommunicationWayKey", parsed_way["key"]),
                    "main": parsed_way["main"],
                },
            )
    return ids


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
