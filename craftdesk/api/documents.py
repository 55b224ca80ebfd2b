"""sevDesk JSON → typed records for what craftdesk reads besides the import collections:
users, payment methods, order confirmations with their positions, and invoices.

Every parser is tolerant: a field it cannot read makes the record invalid
(:class:`~.fields.RecordError` with a reason); it never raises anything else.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..limits import discount_ok, price_ok, quantity_ok, vat_ok
from .catalog import UNIT_PRICE_STEP
from .fields import (
    RecordError,
    guard,
    in_range,
    read_bool,
    read_date,
    read_decimal,
    read_id,
    read_int,
    read_ref,
    read_text,
    read_timestamp,
)
from .text import plain_text


@dataclass(frozen=True)
class PaymentMethodRec:
    id: str
    name: str


def parse_payment_method(raw: Any) -> PaymentMethodRec:
    def build(r: dict[str, Any]) -> PaymentMethodRec:
        return PaymentMethodRec(
            id=read_id(r.get("id"), "id") or "", name=read_text(r.get("name"), "name", 255)
        )

    return guard(raw, build)


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
        first = read_text(r.get("firstName"), "firstName", 128)
        last = read_text(r.get("lastName"), "lastName", 128)
        full = read_text(r.get("fullname"), "fullname", 255) or " ".join(p for p in (first, last) if p)
        return SevUserRec(
            id=read_id(r.get("id"), "id") or "",
            fullname=full,
            first_name=first,
            last_name=last,
            email=read_text(r.get("email"), "email", 255),
            username=read_text(r.get("username"), "username", 255),
            role=read_text(r.get("role"), "role", 64),
            client_owner=read_bool(r.get("clientOwner")),
        )

    return guard(raw, build)


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
    # A discount (negative) or surcharge on the whole confirmation, net ("Rabatt" below the
    # positions); 0 when there is none or it cannot be read.
    sum_discounts: Decimal = Decimal(0)


def _lenient_amount(value: Any) -> Decimal:
    """An amount that only informs: unreadable or out of range counts as 0."""
    try:
        return in_range(read_decimal(value, "sumDiscounts", Decimal(0)), "sumDiscounts", price_ok)
    except RecordError:
        return Decimal(0)


def parse_order(raw: Any) -> OrderRec:
    def build(r: dict[str, Any]) -> OrderRec:
        return OrderRec(
            id=read_id(r.get("id"), "id") or "",
            update=read_timestamp(r.get("update"), "update"),
            number=read_text(r.get("orderNumber"), "orderNumber", 64),
            contact_id=read_ref(r.get("contact"), "contact"),
            date=read_date(r.get("orderDate"), "orderDate"),
            status=read_int(r.get("status"), "status"),
            header=read_text(r.get("header"), "header", 255),
            order_type=read_text(r.get("orderType"), "orderType", 8),
            address=read_text(r.get("address"), "address", 1000),
            address_street=read_text(r.get("addressStreet"), "addressStreet", 255),
            create_user_id=read_ref(r.get("createUser"), "createUser"),
            sum_discounts=_lenient_amount(r.get("sumDiscounts")),
        )

    return guard(raw, build)


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
    # A position's discount in percent ("Rabatt %"), and an optional position
    # ("Bedarfsposition"), which sevDesk leaves out of the confirmation's sum.
    discount: Decimal = Decimal(0)
    optional: bool = False

    @property
    def net_price(self) -> Decimal:
        """The confirmed net unit price: the price less the position's discount, to
        sevDesk's precision of 10 decimal places (A3)."""
        if not self.discount:
            return self.price
        return (self.price * (100 - self.discount) / 100).quantize(UNIT_PRICE_STEP, rounding=ROUND_HALF_UP)


def parse_order_pos(raw: Any) -> OrderPosRec:
    def build(r: dict[str, Any]) -> OrderPosRec:
        price_raw = r.get("priceNet")
        if price_raw in (None, ""):
            price_raw = r.get("price")
        return OrderPosRec(
            id=read_id(r.get("id"), "id") or "",
            order_id=read_ref(r.get("order"), "order", required=True) or "",
            part_id=read_ref(r.get("part"), "part"),
            # 0 stays possible: free-text positions of a confirmation often carry it.
            quantity=in_range(
                read_decimal(r.get("quantity"), "quantity", Decimal(1)),
                "quantity",
                lambda q: q == 0 or quantity_ok(q),
            ),
            price=in_range(read_decimal(price_raw, "price", Decimal(0)), "price", price_ok),
            name=read_text(r.get("name"), "name", 255),
            text=plain_text(read_text(r.get("text"), "text")),  # H5: sevDesk's editor sends HTML
            unity_id=read_ref(r.get("unity"), "unity"),
            tax_rate=in_range(read_decimal(r.get("taxRate"), "taxRate", Decimal(0)), "taxRate", vat_ok),
            position_number=read_int(r.get("positionNumber"), "positionNumber", 0),
            discount=in_range(
                read_decimal(r.get("discount"), "discount", Decimal(0)), "discount", discount_ok
            ),
            optional=read_bool(r.get("optional")),
        )

    return guard(raw, build)


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
    partial: bool = False  # only id and reference could be read: the sums say nothing


def parse_invoice(raw: Any) -> InvoiceRec:
    def build(r: dict[str, Any]) -> InvoiceRec:
        return InvoiceRec(
            id=read_id(r.get("id"), "id") or "",
            status=read_int(r.get("status"), "status", 100),
            invoice_number=read_text(r.get("invoiceNumber"), "invoiceNumber", 64),
            contact_id=read_ref(r.get("contact"), "contact"),
            customer_internal_note=read_text(r.get("customerInternalNote"), "customerInternalNote", 255),
            sum_net=read_decimal(r.get("sumNet"), "sumNet", Decimal(0)),
            sum_gross=read_decimal(r.get("sumGross"), "sumGross", Decimal(0)),
            paid_amount=read_decimal(r.get("paidAmount"), "paidAmount", Decimal(0)),
            invoice_type=read_text(r.get("invoiceType"), "invoiceType", 8).upper(),
            origin_id=read_ref(r.get("origin"), "origin"),
            origin_object=read_text(
                (r.get("origin") or {}).get("objectName") if isinstance(r.get("origin"), dict) else "",
                "origin",
                64,
            ),
        )

    return guard(raw, build)
