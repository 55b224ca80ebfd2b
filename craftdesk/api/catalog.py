"""sevDesk JSON → typed records for the account's catalogue: categories, units, countries
and parts (with their row form, see ``records``).

Every parser is tolerant: a field it cannot read makes the record invalid
(:class:`~.fields.RecordError` with a reason); it never raises anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..limits import price_ok, vat_ok
from .fields import (
    RecordError,
    fast_or_careful,
    guard,
    in_range,
    read_decimal,
    read_id,
    read_int,
    read_ref,
    read_text,
    read_timestamp,
)
from .text import plain_text
from .wire import PART_STATUS_ACTIVE, part_fast

# sevDesk keeps a unit price to 10 decimal places: a part priced gross carries its net as
# "8.3949579832" (9.99 gross at 19 %). craftdesk keeps that precision (A3): rounded to
# cents first, the net would give a gross one cent off (8.39 → 9.98) and bill too little.
UNIT_PRICE_STEP = Decimal("1e-10")

# --- categories, units, countries ---------------------------------------------------------


@dataclass(frozen=True)
class CategoryRec:
    id: str
    name: str
    object_type: str
    translation_code: str


def _category(r: dict[str, Any]) -> CategoryRec:
    return CategoryRec(
        id=read_id(r.get("id"), "id") or "",
        name=read_text(r.get("name"), "name", 255),
        object_type=read_text(r.get("objectType"), "objectType", 64),
        translation_code=read_text(r.get("translationCode"), "translationCode", 128),
    )


def parse_category(raw: Any) -> CategoryRec:
    return guard(raw, _category)


@dataclass(frozen=True)
class UnityRec:
    id: str
    name: str
    translation_code: str


def _unity(r: dict[str, Any]) -> UnityRec:
    return UnityRec(
        id=read_id(r.get("id"), "id") or "",
        name=read_text(r.get("name"), "name", 64),
        translation_code=read_text(r.get("translationCode"), "translationCode", 128),
    )


def parse_unity(raw: Any) -> UnityRec:
    return guard(raw, _unity)


@dataclass(frozen=True)
class CountryRec:
    id: str
    code: str
    name: str


def _country(r: dict[str, Any]) -> CountryRec:
    return CountryRec(
        id=read_id(r.get("id"), "id") or "",
        code=read_text(r.get("code"), "code", 8).upper(),
        name=read_text(r.get("name"), "name", 128),
    )


def parse_country(raw: Any) -> CountryRec:
    return guard(raw, _country)


# --- parts --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PartRec:
    id: str
    update: str
    name: str
    number: str
    unity_id: str | None
    net_price: Decimal
    gross_price: Decimal | None
    vat_rate: Decimal
    description: str
    active: bool
    category_id: str | None


PartRow = tuple[str, str, str, str, str | None, Decimal, Decimal | None, Decimal, str, bool, str | None]


def _net_price(r: dict[str, Any], vat: Decimal, gross: Decimal | None) -> Decimal:
    """The first non-zero of ``priceNet`` and ``price`` (both are the net price; older parts
    carry only ``price`` or a zero ``priceNet``), else derived from ``priceGross``."""
    for key in ("priceNet", "price"):
        value = r.get(key)
        if value not in (None, "") and read_decimal(value, key):
            return read_decimal(value, key)
    if gross:
        if abs(gross) > Decimal("1e12"):
            raise RecordError("priceGross ist keine gültige Zahl")
        # To sevDesk's own precision, not to cents: 9.99 gross at 19 % stays 9.99 (A3).
        return (gross * 100 / (100 + vat)).quantize(UNIT_PRICE_STEP, rounding=ROUND_HALF_UP)
    return Decimal(0)


def _part(r: dict[str, Any]) -> PartRow:
    name = read_text(r.get("name"), "name", 255)
    if not name:
        raise RecordError("Artikel ohne Namen")
    # Required by sevDesk: a part without one is not read as 0 % (an invoice line would go
    # out without VAT), it is skipped and counted.
    vat = in_range(read_decimal(r.get("taxRate"), "taxRate"), "taxRate", vat_ok)
    gross_raw = r.get("priceGross")
    gross = read_decimal(gross_raw, "priceGross") if gross_raw not in (None, "") else None
    net = _net_price(r, vat, gross)
    status = read_int(r.get("status"), "status", PART_STATUS_ACTIVE)
    return (
        read_id(r.get("id"), "id") or "",
        read_timestamp(r.get("update"), "update"),
        name,
        read_text(r.get("partNumber"), "partNumber", 64),
        read_ref(r.get("unity"), "unity"),
        in_range(net, "priceNet", price_ok),
        gross if gross is None else in_range(gross, "priceGross", price_ok),
        vat,
        plain_text(read_text(r.get("text"), "text")),  # H5
        status >= PART_STATUS_ACTIVE,
        read_ref(r.get("category"), "category"),
    )


def part_row(raw: Any) -> PartRow:
    """The values of :class:`PartRec` as a tuple (RecordError when unusable); a tuple
    is a row read already (``fast_pages.page_rows``)."""
    return fast_or_careful(raw, part_fast, _part)


def parse_part(raw: Any) -> PartRec:
    return PartRec(*part_row(raw))
