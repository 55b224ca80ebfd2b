"""The demo account's catalogue and documents as data: articles, services, order
confirmations and offers, and the invoices that already exist for some of them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .base_data import USER_ADMIN, USER_MASTER, USER_OFFICE

# partNumber, name, unit, net price, purchase price, tax rate, stock, text
ArticleRow = tuple[str, str, str, str, str, int, int, str | None]
# partNumber, name, unit, net price, text
ServiceRow = tuple[str, str, str, str, str | None]
# A position: (partNumber, quantity), or a free-text line
# (None, quantity, name, unit, net price).
PositionSpec = tuple[str, str] | tuple[None, str, str, str, str]


@dataclass(frozen=True)
class OrderSpec:
    """An order confirmation (AB) or offer (AN) of the demo account."""

    no: str
    type: str  # AB | AN
    status: str
    contact: str  # customer number
    date: tuple[int, int, int]
    user: str
    header: str
    note: str | None
    address: str
    pos: list[PositionSpec]


@dataclass(frozen=True)
class InvoiceSpec:
    """An invoice of a confirmation; ``share`` of its quantities is billed."""

    no: str
    order: str  # order number
    status: str
    date: tuple[int, int, int]
    note: str
    share: Decimal = Decimal(1)


ARTICLES: list[ArticleRow] = [
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
INACTIVE = {"A-1039", "A-1040", "D-2020"}

SERVICES: list[ServiceRow] = [
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
ORDERS: list[OrderSpec] = [
    OrderSpec(
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
    OrderSpec(
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
    OrderSpec(
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
    OrderSpec(
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
    OrderSpec(
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
    OrderSpec(
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
    OrderSpec(
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
    OrderSpec(
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
    OrderSpec(
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
    OrderSpec(
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
INVOICES: list[InvoiceSpec] = [
    InvoiceSpec(
        no="RE-2025-0142", order="AB-1037", status="1000", date=(2025, 10, 2), note="Bestellung 4500012345"
    ),
    InvoiceSpec(
        no="RE-2026-0018",
        order="AB-1038",
        status="200",
        date=(2026, 1, 15),
        note="WBG-2025-311 Teil 1",
        share=Decimal("0.5"),
    ),
]
