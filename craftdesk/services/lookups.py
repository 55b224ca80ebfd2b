"""Per-account reference data of sevDesk: address and part categories, units, countries,
users. sevDesk ids differ per account, so everything is resolved by translation code or
name, with documented fallbacks only where sevDesk has fixed ids."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TypeVar

from ..api.client import SevdeskClient
from ..api.errors import SevdeskError
from ..api.records import (
    CategoryRec,
    PaymentMethodRec,
    SevUserRec,
    UnityRec,
    parse_category,
    parse_country,
    parse_payment_method,
    parse_sevuser,
    parse_unity,
)
from .parsing import parse_rows

log = logging.getLogger(__name__)

_R = TypeVar("_R")

CUSTOMER_CATEGORY_ID = "3"  # "Kunde"; documented fixed id of sevDesk
GERMANY_COUNTRY_ID = "1"  # documented: StaticCountry 1 = Germany

ADDRESS_INVOICE = "CATEGORY_INVOICE_ADDRESS"
ADDRESS_DELIVERY = "CATEGORY_DELIVERY_ADDRESS"
# Documented fallback when an account's category list carries no translation codes.
FALLBACK_INVOICE_CATEGORY_ID = "47"


@dataclass
class AddressCategories:
    invoice_ids: set[str] = field(default_factory=set)
    delivery_ids: set[str] = field(default_factory=set)

    def kind_of(self, category_id: str | None) -> str:
        """billing | delivery | other"""
        if category_id in self.invoice_ids:
            return "billing"
        if category_id in self.delivery_ids:
            return "delivery"
        return "other"


_INVOICE_NAMES = ("rechnung", "invoice")
_DELIVERY_NAMES = ("liefer", "delivery")


def address_categories_from(rows: list[CategoryRec]) -> AddressCategories:
    """Invoice/delivery category ids of the account (C3): by translation code; a category
    without a code is recognised by its name ("Rechnungsanschrift", "Lieferanschrift")."""
    rows = [c for c in rows if c.object_type.casefold() in ("contactaddress", "")]
    cats = AddressCategories()
    for cat in rows:
        code = cat.translation_code.upper()
        name = cat.name.casefold()
        if code == ADDRESS_INVOICE or (not code and any(n in name for n in _INVOICE_NAMES)):
            cats.invoice_ids.add(cat.id)
        elif code == ADDRESS_DELIVERY or (not code and any(n in name for n in _DELIVERY_NAMES)):
            cats.delivery_ids.add(cat.id)
    if not cats.invoice_ids and not any(c.translation_code for c in rows):
        cats.invoice_ids.add(FALLBACK_INVOICE_CATEGORY_ID)  # documented sevDesk default id
    return cats


def address_categories(client: SevdeskClient) -> AddressCategories:
    rows: list[CategoryRec] = parse_rows(
        client.get_all("/Category", {"objectType": "ContactAddress"}), parse_category, "Category"
    )
    # The filter asked for address categories; rows without an objectType are those.
    return address_categories_from(
        [
            c if c.object_type else CategoryRec(c.id, c.name, "ContactAddress", c.translation_code)
            for c in rows
        ]
    )


def unities(client: SevdeskClient) -> list[UnityRec]:
    return parse_rows(client.get_all("/Unity"), parse_unity, "Unity")


def countries(client: SevdeskClient) -> dict[str, str]:
    """StaticCountry id → ISO code (upper case); Germany is always known."""
    result = {GERMANY_COUNTRY_ID: "DE"}
    try:
        for c in parse_rows(client.get_all("/StaticCountry"), parse_country, "StaticCountry"):
            if c.code:
                result[c.id] = c.code
    except SevdeskError as exc:  # countries are a nicety; an import must not fail on them
        log.info("Country list not available: %s", exc)
    return result


def sev_users(client: SevdeskClient) -> list[SevUserRec]:
    return parse_rows(client.get_all("/SevUser"), parse_sevuser, "SevUser")


UNIT_ALIASES = {
    "stk": "UNITY_PIECE",
    "stück": "UNITY_PIECE",
    "std": "UNITY_HOUR",
    "h": "UNITY_HOUR",
    "stunde": "UNITY_HOUR",
    "m": "UNITY_METER",
    "lfm": "UNITY_RUNNING_METER",
    "m2": "UNITY_SQUARE_METER",
    "m²": "UNITY_SQUARE_METER",
    "qm": "UNITY_SQUARE_METER",
    "m3": "UNITY_CUBIC_METER",
    "m³": "UNITY_CUBIC_METER",
    "kg": "UNITY_KILOGRAM",
    "l": "UNITY_L",
    "km": "UNITY_KILOMETER",
    "pauschal": "UNITY_BLANKET",
    "psch": "UNITY_BLANKET",
}


def unity_for_name(units: list[UnityRec], name: str) -> UnityRec | None:
    """The account's unit for a local unit name: by name, then by translation code."""
    key = name.strip().casefold()
    for u in units:
        if u.name.strip().casefold() == key:
            return u
    # "Stk." and "Stk" are the same unit to a user.
    loose = key.rstrip(".")
    for u in units:
        if u.name.strip().casefold().rstrip(".") == loose:
            return u
    code = UNIT_ALIASES.get(loose)
    if code:
        for u in units:
            if u.translation_code.upper() == code:
                return u
    return None


# --- payment methods (E2) -----------------------------------------------------------------

_BANK_TRANSFER_NAMES = ("überweisung", "ueberweisung", "bank transfer", "transfer")


def payment_methods(client: SevdeskClient) -> list[PaymentMethodRec]:
    """The account's payment methods (``GET /PaymentMethod``), unreadable rows skipped."""
    result = parse_rows(client.get_all("/PaymentMethod"), parse_payment_method, "PaymentMethod")
    return sorted(result, key=lambda m: int(m.id) if m.id.isdigit() else 0)


def default_payment_method(methods: list[PaymentMethodRec]) -> PaymentMethodRec | None:
    """The first bank transfer method (SPEC E2), else the first method, else None."""
    for method in methods:
        if any(name in method.name.casefold() for name in _BANK_TRANSFER_NAMES):
            return method
    return methods[0] if methods else None
