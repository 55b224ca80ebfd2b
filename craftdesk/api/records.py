"""sevDesk JSON → typed records. The only module that knows sevDesk's read field names.

sevDesk sends ids and numbers as strings, booleans as "0"/"1", sometimes a quantity of 1
as ``true``. Every parser is tolerant: a field it cannot read makes the record invalid
(:class:`RecordError` with a reason); it never raises anything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any, TypeVar

from ..limits import MAX_ID, price_ok, quantity_ok
from .text import html_to_text

T = TypeVar("T")

MAX_TEXT = 10_000

# json.loads turns an escaped lone surrogate (backslash-u d800) into a str that cannot be encoded
# as UTF-8, so SQLite (and any export) would fail on it; such characters become U+FFFD.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class RecordError(ValueError):
    """A sevDesk record that cannot be used; ``reason`` says why (for the log)."""

    def __init__(self, reason: str, record_id: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.record_id = record_id


# --- field readers ------------------------------------------------------------------------


def _id(value: Any, field: str, required: bool = True) -> str | None:
    # Fast path: sevDesk's form; up to 18 digits always fits in 63 bits (H10).
    if type(value) is str and len(value) < 19 and value.isdigit() and value.isascii():
        return value
    if value is None or value == "":
        if required:
            raise RecordError(f"{field} fehlt")
        return None
    if isinstance(value, bool):
        raise RecordError(f"{field} ist keine Id")
    if isinstance(value, int):
        if value < 0 or value > MAX_ID:
            raise RecordError(f"{field} ist keine Id")
        return str(value)
    # isascii: str.isdigit() also accepts "²" or Arabic-Indic digits, which are no sevDesk ids.
    if (
        isinstance(value, str)
        and value.strip().isascii()
        and value.strip().isdigit()
        and int(value.strip()) <= MAX_ID
    ):  # H10: ids fit in 63 bits
        return value.strip()
    raise RecordError(f"{field} ist keine Id")


def _ref(value: Any, field: str, required: bool = False) -> str | None:
    """Id of a nested reference ``{"id": …, "objectName": …}``."""
    if type(value) is dict:  # fast path: sevDesk's form
        ref = value.get("id")
        if type(ref) is str and len(ref) < 19 and ref.isdigit() and ref.isascii():
            return ref
    if value is None or value == "":
        if required:
            raise RecordError(f"{field} fehlt")
        return None
    if isinstance(value, dict):
        return _id(value.get("id"), field, required)
    raise RecordError(f"{field} ist keine Referenz")


def _text(value: Any, field: str = "", max_len: int = MAX_TEXT) -> str:
    if type(value) is str and "\x00" not in value and (value.isascii() or not _LONE_SURROGATE.search(value)):
        stripped: str = value.strip()  # fast path: nothing to replace
        return stripped if len(stripped) <= max_len else stripped[:max_len]
    if value is None:
        return ""
    if isinstance(value, bool):
        raise RecordError(f"{field} ist kein Text")
    if isinstance(value, (int, float, Decimal)):
        value = str(value)
    if not isinstance(value, str):
        raise RecordError(f"{field} ist kein Text")
    text: str = _LONE_SURROGATE.sub("\ufffd", value.replace("\x00", "")).strip()
    return text[:max_len]


def _decimal(value: Any, field: str, default: Decimal | None = None) -> Decimal:
    if value is None or value == "":
        if default is not None:
            return default
        raise RecordError(f"{field} fehlt")
    if value is True:  # sevDesk encodes a quantity of 1 as true
        return Decimal(1)
    if value is False:
        return Decimal(0)
    try:
        result = Decimal(str(value).strip().replace(",", ".") if isinstance(value, str) else str(value))
    except (InvalidOperation, ValueError):
        raise RecordError(f"{field} ist keine Zahl") from None
    if not result.is_finite() or abs(result) > Decimal("1e12"):
        raise RecordError(f"{field} ist keine gültige Zahl")
    return result


def _in_range(value: Decimal, field: str, ok: Callable[[Decimal], bool]) -> Decimal:
    """H10: a number outside its range makes the record invalid (skipped and counted)."""
    if not ok(value):
        raise RecordError(f"{field} liegt außerhalb des gültigen Bereichs")
    return value


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return False


def _int(value: Any, field: str, default: int | None = None) -> int:
    if value is None or value == "":
        if default is not None:
            return default
        raise RecordError(f"{field} fehlt")
    if isinstance(value, bool):
        raise RecordError(f"{field} ist keine Zahl")
    try:
        return int(str(value).strip())
    except ValueError:
        pass
    # A whole number sent as a decimal ("100.0", 100.0) is still that number.
    number = _decimal(value, field)
    if number != number.to_integral_value():
        raise RecordError(f"{field} ist keine ganze Zahl")
    return int(number)


def _timestamp(value: Any, field: str) -> str:
    """sevDesk's modification time as text. It is only stored (change detection compares
    content), so a format other than sevDesk's ISO 8601 must not cost the record: Unix
    seconds become ISO (UTC), any other plain text is kept verbatim."""
    if value is None or value == "":
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, timezone.utc).isoformat(timespec="seconds")
        except (OverflowError, OSError, ValueError):
            raise RecordError(f"{field} ist kein Zeitstempel") from None
    # What is kept verbatim must be plain ASCII so it can be stored and compared (a NUL or
    # a lone surrogate would break storage).
    if not isinstance(value, str) or not (value.isascii() and value.isprintable()) or len(value) > 64:
        raise RecordError(f"{field} ist kein Zeitstempel")
    return value.strip()


def parse_datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _guard(raw: Any, build: Callable[[dict[str, Any]], T]) -> T:
    if not isinstance(raw, dict):
        raise RecordError("Datensatz ist kein Objekt")
    record_id = raw.get("id")
    try:
        return build(raw)
    except RecordError as exc:
        exc.record_id = str(record_id) if record_id is not None else None
        raise
    except Exception as exc:  # anything unexpected in a record is still just a bad record
        raise RecordError(
            f"unlesbar ({exc.__class__.__name__})", str(record_id) if record_id is not None else None
        ) from None


# --- records ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ContactRec:
    id: str
    update: str
    category_id: str | None
    kind: str  # person | organisation
    first_name: str
    last_name: str
    company: str
    name_suffix: str
    customer_number: str
    description: str
    parent_id: str | None
    buyer_reference: str = ""  # Leitweg-ID for e-invoices (E1)
    government_agency: bool = False
    gender: str = ""  # free text, usually "m" / "w"
    academic_title: str = ""  # e.g. "Dr."


def parse_contact(raw: Any) -> ContactRec:
    def build(r: dict[str, Any]) -> ContactRec:
        company = _text(r.get("name"), "name", 255)
        first = _text(r.get("surename"), "surename", 255)
        last = _text(r.get("familyname"), "familyname", 255)
        if not (company or first or last):
            raise RecordError("Kontakt ohne Namen")
        return ContactRec(
            id=_id(r.get("id"), "id") or "",
            update=_timestamp(r.get("update"), "update"),
            category_id=_ref(r.get("category"), "category"),
            kind="organisation" if company else "person",
            first_name=first,
            last_name=last,
            company=company,
            name_suffix=_text(r.get("name2"), "name2", 255),
            customer_number=_text(r.get("customerNumber"), "customerNumber", 64),
            description=html_to_text(_text(r.get("description"), "description")),  # H5
            parent_id=_ref(r.get("parent"), "parent"),
            buyer_reference=_text(r.get("buyerReference"), "buyerReference", 255),
            government_agency=_bool(r.get("governmentAgency")),
            gender=_text(r.get("gender"), "gender", 32),
            academic_title=_text(r.get("academicTitle"), "academicTitle", 64),
        )

    return _guard(raw, build)


@dataclass(frozen=True, slots=True)
class AddressRec:
    id: str
    contact_id: str
    street: str
    zip: str
    city: str
    country_id: str | None
    category_id: str | None
    update: str


def parse_address(raw: Any) -> AddressRec:
    def build(r: dict[str, Any]) -> AddressRec:
        return AddressRec(
            id=_id(r.get("id"), "id") or "",
            contact_id=_ref(r.get("contact"), "contact", required=True) or "",
            street=_text(r.get("street"), "street", 255),
            zip=_text(r.get("zip"), "zip", 32),
            city=_text(r.get("city"), "city", 255),
            country_id=_ref(r.get("country"), "country"),
            category_id=_ref(r.get("category"), "category"),
            update=_timestamp(r.get("update"), "update"),
        )

    return _guard(raw, build)


COMM_TYPES = ("EMAIL", "PHONE", "MOBILE", "WEB")


@dataclass(frozen=True, slots=True)
class CommWayRec:
    id: str
    contact_id: str
    type: str
    value: str
    main: bool
    key_id: str | None


def parse_comm_way(raw: Any) -> CommWayRec:
    def build(r: dict[str, Any]) -> CommWayRec:
        kind = _text(r.get("type"), "type", 16).upper()
        if kind not in COMM_TYPES:
            raise RecordError(f"unbekannter Kommunikationstyp {kind!r}")
        value = _text(r.get("value"), "value", 255)
        if not value:
            raise RecordError("Kommunikationsweg ohne Wert")
        return CommWayRec(
            id=_id(r.get("id"), "id") or "",
            contact_id=_ref(r.get("contact"), "contact", required=True) or "",
            type=kind,
            value=value,
            main=_bool(r.get("main")),
            key_id=_ref(r.get("key"), "key"),
        )

    return _guard(raw, build)


@dataclass(frozen=True)
class CategoryRec:
    id: str
    name: str
    object_type: str
    translation_code: str


def parse_category(raw: Any) -> CategoryRec:
    def build(r: dict[str, Any]) -> CategoryRec:
        return CategoryRec(
            id=_id(r.get("id"), "id") or "",
            name=_text(r.get("name"), "name", 255),
            object_type=_text(r.get("objectType"), "objectType", 64),
            translation_code=_text(r.get("translationCode"), "translationCode", 128),
        )

    return _guard(raw, build)


@dataclass(frozen=True)
class UnityRec:
    id: str
    name: str
    translation_code: str


def parse_unity(raw: Any) -> UnityRec:
    def build(r: dict[str, Any]) -> UnityRec:
        return UnityRec(
            id=_id(r.get("id"), "id") or "",
            name=_text(r.get("name"), "name", 64),
            translation_code=_text(r.get("translationCode"), "translationCode", 128),
        )

    return _guard(raw, build)


@dataclass(frozen=True)
class CountryRec:
    id: str
    code: str
    name: str


def parse_country(raw: Any) -> CountryRec:
    def build(r: dict[str, Any]) -> CountryRec:
        return CountryRec(
            id=_id(r.get("id"), "id") or "",
            code=_text(r.get("code"), "code", 8).upper(),
            name=_text(r.get("name"), "name", 128),
        )

    return _guard(raw, build)


@dataclass(frozen=True)
class PaymentMethodRec:
    id: str
    name: str


def parse_payment_method(raw: Any) -> PaymentMethodRec:
    def build(r: dict[str, Any]) -> PaymentMethodRec:
        return PaymentMethodRec(id=_id(r.get("id"), "id") or "", name=_text(r.get("name"), "name", 255))

    return _guard(raw, build)


PART_STATUS_ACTIVE = 100


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


def _net_price(r: dict[str, Any], vat: Decimal, gross: Decimal | None) -> Decimal:
    """The first non-zero of ``priceNet`` and ``price`` (both are the net price; older parts
    carry only ``price`` or a zero ``priceNet``), else derived from ``priceGross``."""
    for key in ("priceNet", "price"):
        value = r.get(key)
        if value not in (None, "") and _decimal(value, key):
            return _decimal(value, key)
    if gross:
        net = (gross * 100 / (100 + vat)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        if abs(net) > Decimal("1e12"):
            raise RecordError("priceGross ist keine gültige Zahl")
        return net
    return Decimal(0)


def parse_part(raw: Any) -> PartRec:
    def build(r: dict[str, Any]) -> PartRec:
        name = _text(r.get("name"), "name", 255)
        if not name:
            raise RecordError("Artikel ohne Namen")
        vat = _decimal(r.get("taxRate"), "taxRate", Decimal(0))
        gross_raw = r.get("priceGross")
        gross = _decimal(gross_raw, "priceGross") if gross_raw not in (None, "") else None
        net = _net_price(r, vat, gross)
        status = _int(r.get("status"), "status", PART_STATUS_ACTIVE)
        return PartRec(
            id=_id(r.get("id"), "id") or "",
            update=_timestamp(r.get("update"), "update"),
            name=name,
            number=_text(r.get("partNumber"), "partNumber", 64),
            unity_id=_ref(r.get("unity"), "unity"),
            net_price=_in_range(net, "priceNet", price_ok),
            gross_price=gross if gross is None else _in_range(gross, "priceGross", price_ok),
            vat_rate=vat,
            description=html_to_text(_text(r.get("text"), "text")),  # H5
            active=status >= PART_STATUS_ACTIVE,
            category_id=_ref(r.get("category"), "category"),
        )

    return _guard(raw, build)


@dataclass(frozen=True)
class SevUserRec:
    id: str
    fullname: str
    first_name: str
    last_name: str
    email: str
    username: str
    role: str
    client_owner: bool = False  # the account owner (sevDesk has no "who am I" call)


def parse_sevuser(raw: Any) -> SevUserRec:
    def build(r: dict[str, Any]) -> SevUserRec:
        first = _text(r.get("firstName"), "firstName", 128)
        last = _text(r.get("lastName"), "lastName", 128)
        full = _text(r.get("fullname"), "fullname", 255) or " ".join(p for p in (first, last) if p)
        return SevUserRec(
            id=_id(r.get("id"), "id") or "",
            fullname=full,
            first_name=first,
            last_name=last,
            email=_text(r.get("email"), "email", 255),
            username=_text(r.get("username"), "username", 255),
            role=_text(r.get("role"), "role", 64),
            client_owner=_bool(r.get("clientOwner")),
        )

    return _guard(raw, build)


@dataclass(frozen=True)
class OrderRec:
    id: str
    update: str
    number: str
    contact_id: str | None
    date: str
    status: int
    header: str
    order_type: str
    address: str
    address_street: str
    create_user_id: str | None


def parse_order(raw: Any) -> OrderRec:
    def build(r: dict[str, Any]) -> OrderRec:
        return OrderRec(
            id=_id(r.get("id"), "id") or "",
            update=_timestamp(r.get("update"), "update"),
            number=_text(r.get("orderNumber"), "orderNumber", 64),
            contact_id=_ref(r.get("contact"), "contact"),
            date=_timestamp(r.get("orderDate"), "orderDate"),
            status=_int(r.get("status"), "status"),
            header=_text(r.get("header"), "header", 255),
            order_type=_text(r.get("orderType"), "orderType", 8),
            address=_text(r.get("address"), "address", 1000),
            address_street=_text(r.get("addressStreet"), "addressStreet", 255),
            create_user_id=_ref(r.get("createUser"), "createUser"),
        )

    return _guard(raw, build)


@dataclass(frozen=True)
class OrderPosRec:
    id: str
    order_id: str
    part_id: str | None
    quantity: Decimal
    price: Decimal
    name: str
    text: str
    unity_id: str | None
    tax_rate: Decimal
    position_number: int


def parse_order_pos(raw: Any) -> OrderPosRec:
    def build(r: dict[str, Any]) -> OrderPosRec:
        price_raw = r.get("priceNet")
        if price_raw in (None, ""):
            price_raw = r.get("price")
        return OrderPosRec(
            id=_id(r.get("id"), "id") or "",
            order_id=_ref(r.get("order"), "order", required=True) or "",
            part_id=_ref(r.get("part"), "part"),
            # 0 stays possible: free-text positions of a confirmation often carry it.
            quantity=_in_range(
                _decimal(r.get("quantity"), "quantity", Decimal(1)),
                "quantity",
                lambda q: q == 0 or quantity_ok(q),
            ),
            price=_in_range(_decimal(price_raw, "price", Decimal(0)), "price", price_ok),
            name=_text(r.get("name"), "name", 255),
            text=_text(r.get("text"), "text"),
            unity_id=_ref(r.get("unity"), "unity"),
            tax_rate=_decimal(r.get("taxRate"), "taxRate", Decimal(0)),
            position_number=_int(r.get("positionNumber"), "positionNumber", 0),
        )

    return _guard(raw, build)


@dataclass(frozen=True)
class InvoiceRec:
    id: str
    status: int
    invoice_number: str
    contact_id: str | None
    customer_internal_note: str
    sum_net: Decimal
    # Payment status (V8): gross sum, paid amount, type (SR = cancellation) and origin.
    sum_gross: Decimal = Decimal(0)
    paid_amount: Decimal = Decimal(0)
    invoice_type: str = ""
    origin_id: str | None = None
    origin_object: str = ""


def parse_invoice(raw: Any) -> InvoiceRec:
    def build(r: dict[str, Any]) -> InvoiceRec:
        return InvoiceRec(
            id=_id(r.get("id"), "id") or "",
            status=_int(r.get("status"), "status", 100),
            invoice_number=_text(r.get("invoiceNumber"), "invoiceNumber", 64),
            contact_id=_ref(r.get("contact"), "contact"),
            customer_internal_note=_text(r.get("customerInternalNote"), "customerInternalNote", 255),
            sum_net=_decimal(r.get("sumNet"), "sumNet", Decimal(0)),
            sum_gross=_decimal(r.get("sumGross"), "sumGross", Decimal(0)),
            paid_amount=_decimal(r.get("paidAmount"), "paidAmount", Decimal(0)),
            invoice_type=_text(r.get("invoiceType"), "invoiceType", 8).upper(),
            origin_id=_ref(r.get("origin"), "origin"),
            origin_object=_text(
                (r.get("origin") or {}).get("objectName") if isinstance(r.get("origin"), dict) else "",
                "origin",
                64,
            ),
        )

    return _guard(raw, build)
