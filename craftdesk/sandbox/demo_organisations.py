"""The demo account's organisations (customers) in the compact notation of
:mod:`demo_data`: ``addr`` lines ``"<kind> <street>, <zip> <city>[ [CC]][ | <name>]"`` and
``ways`` lines ``"<type><key>[*] <value>"``."""

from __future__ import annotations

from typing import TypedDict


class ContactSpec(TypedDict, total=False):
    """One demo contact; ``no`` is its customer number, ``org`` the organisation's name,
    ``person`` (first, last) a person's; ``parent`` names the organisation a contact person
    belongs to; ``cat`` the contact category id (default: customer)."""

    no: str
    org: str
    person: tuple[str, str]
    gender: str
    title: str  # academic title
    titel: str  # position ("Geschäftsführerin")
    name2: str
    desc: str
    vat: str
    buyer: str  # buyer reference (Leitweg-ID)
    agency: bool  # a public authority
    cat: str
    status: str
    parent: str
    addr: list[str]
    ways: list[str]


ORGANISATIONS: list[ContactSpec] = [
    # ---- customers: organisations
    ContactSpec(
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
    ContactSpec(
        no="10002",
        org="Bäckerei Schröder",
        desc="Filiale und Backstube, Zugang über den Hof",
        addr=["R Marktplatz 7, 71634 Ludwigsburg", "L Schorndorfer Straße 88, 71638 Ludwigsburg | Backstube"],
        ways=["E2* info@baeckerei-schroeder.de", "P2* +49 7141 902310", "M4 +49 151 22334455"],
    ),
    ContactSpec(
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
    ContactSpec(
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
    ContactSpec(
        no="10005",
        org="Gasthaus Zum Löwen",
        desc="Küche im UG, Schlüssel beim Wirt",
        addr=["G Hauptstraße 1, 71229 Leonberg"],
        ways=["E2* kontakt@loewen-leonberg.de", "P2* +49 7152 21345"],
    ),
    ContactSpec(
        no="10006",
        org="Schreinerei Köhler GmbH",
        addr=[
            "R Industriestraße 17, 73728 Esslingen am Neckar",
            "A Industriestraße 17, 73728 Esslingen am Neckar | Materialausgabe",
        ],
        ways=["E2 info@schreinerei-koehler.de", "P2* +49 711 3105560", "M4* +49 170 5566778"],
    ),
    ContactSpec(
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
    ContactSpec(
        no="10008",
        org="Kita Regenbogen e.V.",
        addr=["R Lerchenweg 4, 70794 Filderstadt"],
        ways=["E2* leitung@kita-regenbogen-filderstadt.de", "P2* +49 711 7701234"],
    ),
    ContactSpec(
        no="10009",
        org="Stadtwerke Nürtingen GmbH",
        agency=True,
        buyer="08116044-NT-42",
        addr=["R Porschestraße 5, 72622 Nürtingen", "L Neckarstraße 30, 72622 Nürtingen | Pumpwerk"],
        ways=["E8* eingangsrechnung@sw-nuertingen.de", "P2* +49 7022 4060"],
    ),
    ContactSpec(
        no="10010",
        org="Weinstube Fröhlich",
        addr=["R Kelterstraße 2, 70734 Fellbach"],
        ways=["E1* weinstube.froehlich@t-online.de", "P1* +49 711 581234", "M4 +49 157 30405060"],
    ),
    ContactSpec(
        no="10011",
        org="Ingenieurbüro Schäfer & Partner",
        addr=["R Rotebühlstraße 89, 70178 Stuttgart", "G Rotebühlstraße 89, 70178 Stuttgart"],
        ways=["E2* office@ib-schaefer.de", "P2* +49 711 6203300", "W2 ib-schaefer.de"],
    ),
    ContactSpec(
        no="10012",
        org="Blumen Haas",
        addr=["R Bahnhofstraße 11, 71083 Herrenberg"],
        ways=["E2* laden@blumen-haas.de", "P2* +49 7032 22110"],
    ),
    ContactSpec(
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
    ContactSpec(
        no="10014",
        org="Metzgerei Bühler",
        addr=["R Marktstraße 15, 73033 Göppingen", "L Marktstraße 15, 73033 Göppingen | Kühlhaus"],
        ways=["P2* +49 7161 72345"],
    ),
    ContactSpec(
        no="10015",
        org="Evangelische Kirchengemeinde Degerloch",
        addr=["R Löffelstraße 20, 70597 Stuttgart", "L Große Falterstraße 2, 70597 Stuttgart | Gemeindehaus"],
        ways=["E2* gemeindebuero@ev-kirche-degerloch.de", "P2* +49 711 761234"],
    ),
    ContactSpec(
        no="10016",
        org="Zahnlabor Öztürk GmbH",
        addr=["R Bahnhofstraße 3, 71254 Ditzingen"],
        ways=["E2* info@zahnlabor-oeztuerk.de", "P2* +49 7156 95110", "M4* +49 152 01234567"],
    ),
    ContactSpec(
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
    ContactSpec(
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
    ContactSpec(
        no="10019", org="Café Süß", addr=["R Kirchstraße 9, 72070 Tübingen"], ways=["E2* hallo@cafe-suess.de"]
    ),
    ContactSpec(
        no="10020",
        org="Architekturbüro Lange",
        addr=["R Wilhelmstraße 45, 72764 Reutlingen"],
        ways=["E2* post@lange-architekten.de", "W2 www.lange-architekten.de"],
    ),
    ContactSpec(
        no="K-2019",
        org="Schlosserei Maier GmbH",
        desc="Alte Kundennummer aus der Vorgängersoftware",
        addr=["R Gewerbestraße 3, 71522 Backnang"],
        ways=["P2* +49 7191 60012"],
    ),
    ContactSpec(
        no="10022",
        org="Physiotherapie am Schlossgarten",
        status="500",
        addr=["E Schillerplatz 4, 71638 Ludwigsburg"],
        ways=["E2* team@physio-schlossgarten.de"],
    ),
]
