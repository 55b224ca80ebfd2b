"""Reference tables every sandbox account has: categories, units, users, countries, keys.

Ids follow what is known about real sevDesk accounts (Contact categories 2/3/4/28,
Unity 1/9/10, CommunicationWayKey 1..8); the other ids are account-specific in real
life and chosen here.
"""

from __future__ import annotations

from .store import SandboxData
from .wire import Record, Ref, berlin

# Contact categories (documented ids).
CATEGORY_SUPPLIER = "2"
CATEGORY_CUSTOMER = "3"
CATEGORY_PARTNER = "4"
CATEGORY_PROSPECT = "28"

# Address categories (ids are account data; resolve them by translationCode).
ADDRESS_CATEGORIES = {
    "CATEGORY_WORK": ("43", "Geschäftlich"),
    "CATEGORY_PRIVAT": ("44", "Privat"),
    "CATEGORY_INVOICE_ADDRESS": ("47", "Rechnungsanschrift"),
    "CATEGORY_DELIVERY_ADDRESS": ("48", "Lieferanschrift"),
    "CATEGORY_PICKUP_ADDRESS": ("49", "Abholanschrift"),
    "CATEGORY_EMPTY": ("50", "Leer"),
}

# Part categories (ids are account data; resolve them by name).
PART_CATEGORY_ARTICLE = "631154"
PART_CATEGORY_SERVICE = "631155"

# Units: id -> (name, translationCode, UN/ECE code).  1, 9 and 10 are the known ids.
UNITS = {
    "1": ("Stk", "UNITY_PIECE", "C62"),
    "2": ("m²", "UNITY_SQUARE_METER", "MTK"),
    "3": ("m", "UNITY_METER", "MTR"),
    "4": ("kg", "UNITY_KILOGRAM", "KGM"),
    "5": ("t", "UNITY_TON", "TNE"),
    "6": ("lfm", "UNITY_RUNNING_METER", "LM"),
    "7": ("pauschal", "UNITY_BLANKET", "LS"),
    "8": ("m³", "UNITY_CUBIC_METER", "MTQ"),
    "9": ("Std", "UNITY_HOUR", "HUR"),
    "10": ("km", "UNITY_KILOMETER", "KMT"),
    "11": ("%", "UNITY_PERCENT", "P1"),
    "12": ("Tag(e)", "UNITY_DAYS", "DAY"),
    "13": ("l", "UNITY_L", "LTR"),
    "14": ("", "UNITY_EMPTY", None),
    "374971": ("Rolle", None, "RO"),  # a unit the account created itself
}
UNIT_IDS = {name: id_ for id_, (name, _, _) in UNITS.items()}

USER_ADMIN = "1551095"
USER_OFFICE = "1551102"
USER_MASTER = "1551137"
_USERS = (
    (USER_ADMIN, "Thomas", "Becker", "admin", "m", "1", berlin(2019, 4, 1, 9)),
    (USER_OFFICE, "Sabine", "Krüger", "user", "w", "0", berlin(2021, 9, 13, 8, 30)),
    (USER_MASTER, "Jörg", "Weißmann", "user", "m", "0", berlin(2023, 2, 6, 7, 45)),
)
COMPANY_DOMAIN = "becker-haustechnik.de"

_COUNTRIES = (
    ("1", "Deutschland", "Germany", "de", "de_DE"),
    ("2", "Österreich", "Austria", "at", "de_AT"),
    ("3", "Schweiz", "Switzerland", "ch", "de_CH"),
    ("4", "Frankreich", "France", "fr", "fr_FR"),
    ("5", "Niederlande", "Netherlands", "nl", "nl_NL"),
    ("6", "Italien", "Italy", "it", "it_IT"),
)
COUNTRY_IDS = {code.upper(): id_ for id_, _, _, code, _ in _COUNTRIES}

_WAY_KEYS = (
    ("1", "Privat", "COMM_WAY_KEY_PRIVAT"),
    ("2", "Arbeit", "COMM_WAY_KEY_WORK"),
    ("3", "Fax", "COMM_WAY_KEY_FAX"),
    ("4", "Mobil", "COMM_WAY_KEY_MOBILE"),
    ("5", " ", "COMM_WAY_KEY_EMPTY"),
    ("6", "Autobox", "COMM_WAY_KEY_AUTOBOX"),
    ("7", "Newsletter", "COMM_WAY_KEY_NEWSLETTER"),
    ("8", "Rechnungsadresse", "COMM_WAY_KEY_INVOICE_ADDRESS"),
)

_SYSTEM_STAMP = "1970-01-01T01:00:01+01:00"
_ACCOUNT_CREATED = berlin(2019, 4, 1, 9, 5)


# The account's payment methods (ids are per account; E2 picks one, default: bank transfer).
_PAYMENT_METHODS = (
    ("21918", "Bar", "Betrag dankend erhalten."),
    ("21919", "Überweisung", "Bitte überweisen Sie den Betrag innerhalb der Zahlungsfrist."),
    ("21920", "Lastschrift", "Der Betrag wird per SEPA-Lastschrift eingezogen."),
)


def add_reference_data(data: SandboxData, category_ids: dict[str, str | int] | None = None) -> None:
    """Fill categories, units, users, countries and communication way keys.

    ``category_ids`` overrides category ids, keyed by address translation code
    (e.g. ``"CATEGORY_INVOICE_ADDRESS"``) or part category name (``"Artikel"``).
    """
    ids = {k: str(v) for k, v in (category_ids or {}).items()}
    _add_categories(data, ids)
    _add_units(data)
    _add_users(data)
    _add_countries(data)
    _add_payment_methods(data)
    _add_way_keys(data)


def _add_categories(data: SandboxData, ids: dict[str, str]) -> None:
    """Contact, address and part categories, each at its id unless ``ids`` moves it."""

    def category(id_: str, name: str, object_type: str, code: str | None, priority: int) -> None:
        data.add(
            "Category",
            {
                "create": _ACCOUNT_CREATED,
                "update": _ACCOUNT_CREATED,
                "name": name,
                "objectType": object_type,
                "priority": str(priority),
                "code": None,
                "color": "#cccccc",
                "postingAccount": None,
                "type": None,
                "translationCode": code,
                "parent": None,
            },
            id=id_,
        )

    for id_, name, code in (
        (CATEGORY_SUPPLIER, "Lieferant", "CATEGORY_SUPPLIER"),
        (CATEGORY_CUSTOMER, "Kunde", "CATEGORY_CUSTOMER"),
        (CATEGORY_PARTNER, "Partner", "CATEGORY_PARTNER"),
        (CATEGORY_PROSPECT, "Interessent", "CATEGORY_PROSPECT_CUSTOMER"),
    ):
        category(ids.get(name, id_), name, "Contact", code, int(id_))
    for priority, (code, (id_, name)) in enumerate(ADDRESS_CATEGORIES.items()):
        category(ids.get(code, id_), name, "ContactAddress", code, priority)
    category(ids.get("Artikel", PART_CATEGORY_ARTICLE), "Artikel", "Part", None, 0)
    category(ids.get("Dienstleistung", PART_CATEGORY_SERVICE), "Dienstleistung", "Part", None, 1)


def _add_units(data: SandboxData) -> None:
    for id_, (name, code, unece) in UNITS.items():
        stamp = _ACCOUNT_CREATED if code is None else _SYSTEM_STAMP
        data.add(
            "Unity",
            {
                "create": None if code else stamp,
                "update": stamp,
                "name": name,
                "translationCode": code,
                "unitySystem": "general",
                "uneceTradeUnitCode": unece,
            },
            id=id_,
        )


def _add_users(data: SandboxData) -> None:
    for id_, first, last, role, gender, owner, created in _USERS:
        login = f"{first[0].lower()}.{ascii_name(last)}@{COMPANY_DOMAIN}"
        data.add(
            "SevUser",
            {
                "create": created,
                "update": berlin(2026, 1, 3, 10),
                "username": login,
                "fullname": f"{first} {last}",
                "firstName": first,
                "lastName": last,
                "email": login,
                "status": "100",
                "gender": gender,
                "role": role,
                "memberCode": None,
                "languageCode": "de",
                "clientOwner": owner,
            },
            id=id_,
        )


def _add_countries(data: SandboxData) -> None:
    for id_, name, name_en, code, locale in _COUNTRIES:
        data.add(
            "StaticCountry",
            {
                "create": None,
                "update": _SYSTEM_STAMP,
                "name": name,
                "nameEn": name_en,
                "code": code,
                "translationCode": f"COUNTRY_{code.upper()}",
                "locale": locale,
                "priority": "0" if id_ == "1" else "10",
            },
            id=id_,
        )


def _add_payment_methods(data: SandboxData) -> None:
    for id_, name, text in _PAYMENT_METHODS:
        data.add(
            "PaymentMethod",
            {"create": _ACCOUNT_CREATED, "update": _ACCOUNT_CREATED, "name": name, "text": text},
            id=id_,
        )


def _add_way_keys(data: SandboxData) -> None:
    for id_, name, code in _WAY_KEYS:
        data.add(
            "CommunicationWayKey",
            {"create": None, "update": _SYSTEM_STAMP, "name": name, "translationCode": code},
            id=id_,
        )


def address_category_ref(data: SandboxData, code: str) -> Ref:
    found = data.find_category("ContactAddress", translation_code=code)
    assert found is not None, code
    return _category_ref(found)


def part_category_ref(data: SandboxData, name: str) -> Ref:
    found = data.find_category("Part", name=name)
    assert found is not None, name
    return _category_ref(found)


def _category_ref(category: Record) -> Ref:
    return Ref(id=str(category["id"]), objectName="Category")


_ASCII = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", " ": "", "é": "e", "ı": "i"}
)


def ascii_name(text: str) -> str:
    """Mail-friendly spelling of a German name ("Krüger" -> "krueger")."""
    return text.translate(_ASCII).lower()
