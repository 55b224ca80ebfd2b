"""``POST /Invoice/Factory/saveInvoice`` of the demo sevDesk server.

Validates like sevDesk (422 for invalid drafts, 409 when changing a non-draft), stores
the invoice and its positions in wire format and computes the sums with Decimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .einvoice import check_e_invoice
from .errors import ApiError, not_found, unprocessable
from .requests import ref_id
from .store import SandboxData
from .wire import Answer, Record, berlin, money, number, ref, to_berlin_iso

INVOICE_TYPES = ("RE", "WKR", "SR", "MA", "TR", "AR", "ER")
# Allowed position tax rates per tax rule id (rules not listed are not checked).
TAX_RATES_BY_RULE = {"1": {Decimal(0), Decimal(7), Decimal(19)}, "11": {Decimal(0)}}
CENT = Decimal("0.01")

_INVOICE_REFS = {
    "contact": "Contact",
    "contactPerson": "SevUser",
    "taxRule": "TaxRule",
    "addressCountry": "StaticCountry",
    "paymentMethod": "PaymentMethod",
}
_DATE_FIELDS = ("invoiceDate", "deliveryDate", "deliveryDateUntil")
_PLAIN_INVOICE_FIELDS = (
    "header",
    "headText",
    "footText",
    "currency",
    "customerInternalNote",
    "address",
    "addressName",
    "addressStreet",
    "addressZip",
    "addressCity",
    "taxText",
    "taxType",
    "invoiceType",
)


@dataclass(frozen=True)
class Position:
    """A position in wire format with its cent-rounded sums, which make the invoice's."""

    fields: Record
    net: Decimal
    gross: Decimal
    rate: Decimal = Decimal(0)


def _decimal(value: object, what: str) -> Decimal:
    if value is True:  # sevDesk itself encodes a quantity of 1 as true
        return Decimal(1)
    if value is None or isinstance(value, (bool, dict, list)):
        raise unprocessable(f"{what} is required")
    try:
        result = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise unprocessable(f"{what} is not a number: {value!r}") from None
    if not result.is_finite():
        raise unprocessable(f"{what} is not a number: {value!r}")
    return result


def _flag_true(value: object, default: bool) -> bool:
    if value is None:
        return default
    return str(value).lower() in ("1", "true")


def parse_date(value: object, what: str) -> str | None:
    """Unix seconds, ``dd.mm.yyyy`` or ISO -> midnight of that German day as ISO."""
    if value is None or value == "":
        return None
    day: date | None = None
    text = str(value).strip()
    try:
        if isinstance(value, (int, float)) or re.fullmatch(r"\d{9,11}", text):
            moment = datetime.fromtimestamp(float(text), timezone.utc)
            day = datetime.fromisoformat(to_berlin_iso(moment)).date()
        elif re.fullmatch(r"\d{1,2}\.\d{1,2}\.\d{4}", text):
            d, m, y = (int(p) for p in text.split("."))
            day = date(y, m, d)
        else:
            day = datetime.fromisoformat(text).date()
    except (ValueError, OverflowError, OSError):
        day = None
    if day is None:
        raise unprocessable(f"{what} is not a valid date: {value!r}")
    return berlin(day.year, day.month, day.day)


def _position_values(pos: Record, index: int, tax_rule: str | None, show_net: bool) -> Position:
    what = f"invoicePosSave[{index}]"
    if pos.get("objectName") not in (None, "InvoicePos"):
        raise unprocessable(f"{what}.objectName must be 'InvoicePos'")
    if ref_id(pos.get("unity")) is None:
        raise unprocessable(f"{what}.unity is required")
    quantity = _decimal(pos.get("quantity"), f"{what}.quantity")
    rate = _decimal(pos.get("taxRate"), f"{what}.taxRate")
    allowed = TAX_RATES_BY_RULE.get(tax_rule or "")
    if allowed is not None and rate not in allowed:
        raise unprocessable(f"The tax rate {number(rate)} is not allowed for tax rule {tax_rule}")
    price = _decimal(pos.get("price") if pos.get("price") is not None else 0, f"{what}.price")
    discount = _decimal(pos.get("discount") or 0, f"{what}.discount")
    factor = 1 + rate / 100
    if show_net:
        unit_net, unit_gross = price, price * factor
    else:
        unit_net, unit_gross = price / factor, price
    keep = 1 - discount / 100
    sum_net = (quantity * unit_net * keep).quantize(CENT, ROUND_HALF_UP)
    sum_gross = (quantity * unit_gross * keep).quantize(CENT, ROUND_HALF_UP)
    given_number = pos.get("positionNumber")
    fields: Record = {
        "part": ref("Part", ref_id(pos.get("part"))),
        "quantity": number(quantity),
        "price": number(price),
        "priceNet": money(unit_net),
        "priceTax": money(unit_gross - unit_net),
        "priceGross": money(unit_gross),
        "name": pos.get("name"),
        "text": pos.get("text"),
        "unity": ref("Unity", ref_id(pos.get("unity"))),
        "positionNumber": number(given_number if given_number is not None else index),
        "discount": number(discount),
        "taxRate": number(rate),
        "sumNet": money(sum_net),
        "sumGross": money(sum_gross),
        "sumTax": money(sum_gross - sum_net),
        "sumDiscount": money(quantity * unit_net * (1 - keep)),
    }
    return Position(fields, sum_net, sum_gross, rate)


def _invoice_fields(src: Record) -> Record:
    fields: Record = {}
    for key in _PLAIN_INVOICE_FIELDS:
        if key in src:
            fields[key] = src[key]
    for key, table in _INVOICE_REFS.items():
        if key in src:
            fields[key] = ref(table, ref_id(src[key]))
    for key in _DATE_FIELDS:
        if key in src:
            fields[key] = parse_date(src[key], f"invoice.{key}")
    for key in ("timeToPay", "discount", "discountTime", "taxRate"):
        if src.get(key) is not None:
            fields[key] = number(_decimal(src[key], f"invoice.{key}"))
    if "showNet" in src:
        fields["showNet"] = "1" if _flag_true(src["showNet"], True) else "0"
    if "propertyIsEInvoice" in src:
        fields["propertyIsEInvoice"] = "1" if _flag_true(src["propertyIsEInvoice"], False) else "0"
    return fields


def save_invoice(data: SandboxData, body: object) -> Answer:
    if not isinstance(body, dict) or not isinstance(body.get("invoice"), dict):
        raise unprocessable("invoice is required")
    src: Record = body["invoice"]
    if src.get("objectName") != "Invoice":
        raise unprocessable("invoice expects an object with objectName 'Invoice'")
    with data.lock:
        invoice_id = ref_id(src.get("id"))
        existing = _existing_draft(data, invoice_id)
        merged = {**(existing or {}), **{k: v for k, v in src.items() if v is not None}}
        _check_invoice(data, merged)
        tax_rule = ref_id(merged.get("taxRule"))
        show_net = _flag_true(merged.get("showNet"), True)
        to_save = body.get("invoicePosSave") or []
        if not isinstance(to_save, list) or not all(isinstance(p, dict) for p in to_save):
            raise unprocessable("invoicePosSave must be a list of positions")
        to_delete = {ref_id(p) for p in (body.get("invoicePosDelete") or []) if ref_id(p)}
        own: list[Record] = []
        if existing is not None:
            own = data.select("InvoicePos", lambda r: ref_id(r.get("invoice")) == invoice_id)[0]
        positions = _positions(
            data, to_save, [p for p in own if p["id"] not in to_delete], tax_rule, show_net
        )
        if _flag_true(merged.get("propertyIsEInvoice"), False):
            for index, (_, position) in enumerate(positions):
                if Decimal(str(position.fields["price"])) < 0:  # EN 16931 BR-27
                    raise unprocessable(f"invoicePosSave[{index}].price must not be negative in an e-invoice")
        saved_id = _store(data, src, existing, invoice_id, positions, show_net)
        for old in own:
            if old["id"] in to_delete:
                data.delete("InvoicePos", old["id"])
        for pos_id, position in positions:
            clean = dict(position.fields, invoice=ref("Invoice", saved_id))
            if pos_id is None:
                data.add("InvoicePos", clean)
            else:
                data.update("InvoicePos", pos_id, **clean)
        return 201, _answer(data, saved_id)


def _existing_draft(data: SandboxData, invoice_id: str | None) -> Record | None:
    """The stored invoice a save changes (None for a new one); only drafts may change."""
    if invoice_id is None or invoice_id == "0":
        return None
    existing = data.get("Invoice", invoice_id)
    if existing is None:
        raise not_found("Invoice", invoice_id)
    if existing.get("status") != "100":
        raise ApiError(409, "Only invoice drafts can be changed", code=159)
    return existing


def _check_invoice(data: SandboxData, merged: Record) -> None:
    """sevDesk's checks of the invoice as it will be: status, type, people, dates, e-invoice."""
    if str(merged.get("status")) != "100":
        raise unprocessable("Only the draft status 100 is allowed here")
    if not merged.get("invoiceType"):
        raise unprocessable("invoiceType is required")
    if merged["invoiceType"] not in INVOICE_TYPES:
        raise unprocessable(f"invoiceType {merged['invoiceType']!r} is unknown")
    person = ref_id(merged.get("contactPerson"))
    if person is None:
        raise unprocessable("contactPerson is required")
    if not data.exists("SevUser", person):
        raise unprocessable(f"contactPerson: SevUser with id {person} does not exist")
    contact = ref_id(merged.get("contact"))
    if contact is not None and not data.exists("Contact", contact):
        raise unprocessable(f"contact: Contact with id {contact} does not exist")
    if merged.get("invoiceType") == "RE" and merged.get("deliveryDate") and merged.get("invoiceDate"):
        # sevDesk refuses a regular invoice delivered after its invoice date.
        delivered = parse_date(merged["deliveryDate"], "invoice.deliveryDate") or ""
        invoiced = parse_date(merged["invoiceDate"], "invoice.invoiceDate") or ""
        if delivered[:10] > invoiced[:10]:
            raise unprocessable(
                f"The invoiceDate ({invoiced[:10]}) must not be before the deliveryDate ({delivered[:10]})"
            )
    check_e_invoice(data, merged)


def _positions(
    data: SandboxData, to_save: list[Record], kept: list[Record], tax_rule: str | None, show_net: bool
) -> list[tuple[str | None, Position]]:
    """(stored id or None for a new one, values) of every position the invoice will have:
    the ones sent, then the kept ones nobody sent again (recomputed)."""
    saved_ids = {ref_id(p.get("id")) for p in to_save if ref_id(p.get("id"))}
    untouched = [p for p in kept if p["id"] not in saved_ids]
    if not to_save and not untouched:
        raise unprocessable("The given document must have at least one position")
    positions: list[tuple[str | None, Position]] = []
    for index, pos in enumerate(to_save):
        old = next((p for p in kept if p["id"] == ref_id(pos.get("id"))), None)
        source = {**(old or {}), **{k: v for k, v in pos.items() if v is not None}}
        values = _position_values(source, index, tax_rule, show_net)
        unity = values.fields["unity"]["id"]
        if not data.exists("Unity", unity):
            raise unprocessable(f"invoicePosSave[{index}].unity: Unity with id {unity} does not exist")
        positions.append((old["id"] if old else None, values))
    for old in untouched:
        positions.append(
            (old["id"], _position_values(old, int(old.get("positionNumber") or 0), tax_rule, show_net))
        )
    return positions


def _store(
    data: SandboxData,
    src: Record,
    existing: Record | None,
    invoice_id: str | None,
    positions: list[tuple[str | None, Position]],
    show_net: bool = True,
) -> str:
    """Write the invoice with the sums of its positions; returns its id. Net prices: the
    VAT of each rate is its summed nets times the rate (EN 16931 BR-CO-17); gross prices:
    the summed grosses less their nets."""
    totals_net = sum((p.net for _, p in positions), Decimal(0))
    if show_net:
        nets: dict[Decimal, Decimal] = {}
        for _, p in positions:
            nets[p.rate] = nets.get(p.rate, Decimal(0)) + p.net
        totals_tax = sum(
            ((net * rate / 100).quantize(CENT, ROUND_HALF_UP) for rate, net in nets.items()), Decimal(0)
        )
    else:
        totals_tax = sum((p.gross for _, p in positions), Decimal(0)) - totals_net
    fields = _invoice_fields(src)
    fields.update(
        status="100",
        sumNet=money(totals_net),
        sumGross=money(totals_net + totals_tax),
        sumTax=money(totals_tax),
        sumDiscounts="0",
    )
    if existing is None or invoice_id is None:
        fields.setdefault("invoiceDate", parse_date(date.today().strftime("%d.%m.%Y"), "invoiceDate"))
        fields.setdefault("currency", "EUR")
        fields.setdefault("showNet", "1")
        fields.update(invoiceNumber=None, sendType=None, enshrined=None, paidAmount="0")
        return data.add("Invoice", fields)
    data.update("Invoice", invoice_id, **fields)
    return invoice_id


# Fields a real saveInvoice answer carries beyond what the sandbox stores (captured answers
# hold 76 invoice fields); filled with what an empty account shows.
_ANSWER_EXTRAS = (
    "dunningLevel",
    "reminderDeadline",
    "reminderDebit",
    "reminderTotal",
    "reminderCharge",
    "accountIntervall",
    "accountNextInvoice",
    "costCentre",
    "smallSettlement",
    "taxSet",
    "sumDiscountsForeignCurrency",
    "sumNetForeignCurrency",
    "sumTaxForeignCurrency",
    "sumGrossForeignCurrency",
    "sumNetAccounting",
    "sumTaxAccounting",
    "sumGrossAccounting",
    "customerInternalNote",
    "showTax",
    "sendPaymentReceivedNotificationDate",
    "datevConnectOnline",
    "mapAll",
    "invoiceTypeChangeable",
    "deliveryTerms",
    "paymentTerms",
    "propertyIsEInvoice",
    "propertyPrecedingInvoiceNumber",
    "propertyPrecedingInvoiceDate",
    "accountingSpecialCase",
    "contactPerson",
    "entryType",
    "deliveryDateUntil",
    "version",
    "objectName",
    "sumRemaining",
    "sumRemainingAccounting",
    "paidAmount",
    "payDate",
    "sendDate",
    "reminderDeadlineNotification",
)


def _answer(data: SandboxData, invoice_id: str) -> Record:
    """The saveInvoice answer, shaped like captured real ones: the invoice with its many
    fields, sums as JSON numbers, positions numbered from 1000 with ``quantity: true`` and
    a ``vatdrop`` beside them. craftdesk reads only the invoice id (and its status) from it."""
    invoice = data.read("Invoice", invoice_id)
    rows, _ = data.select(
        "InvoicePos",
        lambda r: ref_id(r.get("invoice")) == invoice_id,
        sort_key=lambda r: (int(r.get("positionNumber") or 0), int(r["id"])),
    )
    answer_invoice: Record = {key: None for key in _ANSWER_EXTRAS}
    answer_invoice.update(invoice)
    answer_invoice.update(objectName="Invoice", mapAll=True, invoiceTypeChangeable=True)
    for key in ("sumNet", "sumTax", "sumGross", "sumDiscounts"):
        answer_invoice[key] = float(Decimal(invoice.get(key) or "0"))
    answer_invoice["paidAmount"] = 0
    answer_invoice["sumRemaining"] = answer_invoice["sumGross"]
    positions: list[Record] = []
    for index, row in enumerate(rows):
        row = dict(row)
        row["invoice"] = dict(invoice)
        unity_id = ref_id(row.get("unity"))
        unity = data.get("Unity", unity_id) if unity_id is not None else None
        if unity is not None:
            row["unity"] = unity
        row.update(objectName="InvoicePos", quantity=True, positionNumber=1000 + index)
        for key in ("price", "priceNet", "priceTax", "priceGross", "sumNet", "sumTax", "sumGross"):
            if row.get(key) is not None:
                row[key] = float(Decimal(row[key]))
        positions.append(row)
    return {"objects": {"invoice": answer_invoice, "invoicePos": positions, "vatdrop": None}}
