"""Moving an invoice on in the demo sevDesk: send, book payments, cancel (SPEC §8, V8).

Like sevDesk: ``PUT /Invoice/{id}/sendBy`` finalizes a draft (number, status 200),
``PUT /Invoice/{id}/bookAmount`` books a payment (status 750 partially paid, 1000 paid,
``paidAmount`` summed), ``POST /Invoice/{id}/cancelInvoice`` creates a cancellation
invoice (type SR, ``origin`` the cancelled invoice). As a convenience of the demo, booking
or cancelling a draft finalizes it first (sevDesk wants it sent by then).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from .errors import ApiError, not_found, unprocessable
from .store import SandboxData
from .wire import Answer, Record, money, now_iso, ref

BOOKING_TYPES = ("FULL_PAYMENT", "N", "CB", "CF", "O", "OF", "MTC")


def _invoice(data: SandboxData, invoice_id: str) -> Record:
    invoice = data.get("Invoice", invoice_id)
    if invoice is None:
        raise not_found("Invoice", invoice_id)
    return invoice


def _next_number(data: SandboxData, prefix: str) -> str:
    year = date.today().year
    pattern = re.compile(rf"{prefix}-{year}-(\d+)$")
    used = [
        int(m.group(1))
        for i in data.all("Invoice")
        if (m := pattern.match(str(i.get("invoiceNumber") or "")))
    ]
    return f"{prefix}-{year}-{max(used, default=0) + 1:04d}"


def _finalize(data: SandboxData, invoice: Record, send_type: str = "VPDF") -> Record:
    if invoice.get("status") != "100":
        return invoice
    stamp = now_iso()
    return data.update(
        "Invoice",
        invoice["id"],
        status="200",
        sendType=send_type,
        sendDate=stamp,
        enshrined=stamp,
        invoiceNumber=invoice.get("invoiceNumber") or _next_number(data, "RE"),
    )


def send_by(data: SandboxData, invoice_id: str, body: object) -> Answer:
    body = body if isinstance(body, dict) else {}
    send_type = str(body.get("sendType") or "VPDF")
    if send_type not in ("VPR", "VPDF", "VM", "VP"):
        raise unprocessable(f"sendType {send_type!r} is unknown")
    with data.lock:
        invoice = _finalize(data, _invoice(data, invoice_id), send_type)
        return 200, {"objects": invoice}


def book_amount(data: SandboxData, invoice_id: str, body: object) -> Answer:
    if not isinstance(body, dict):
        raise unprocessable("amount, date, type and checkAccount are required")
    try:
        amount = Decimal(str(body.get("amount")))
    except InvalidOperation:
        raise unprocessable("amount is not a number") from None
    if not amount.is_finite() or amount <= 0:
        raise unprocessable("amount must be greater than 0")
    if body.get("type") not in BOOKING_TYPES:
        raise unprocessable("type must be one of " + ", ".join(BOOKING_TYPES))
    with data.lock:
        invoice = _invoice(data, invoice_id)
        if invoice.get("invoiceType") == "SR":
            raise ApiError(400, "A cancellation invoice cannot be booked")
        if invoice.get("status") == "1000":
            raise ApiError(400, "Invoice already paid", code=750)
        invoice = _finalize(data, invoice)
        paid = Decimal(str(invoice.get("paidAmount") or 0)) + amount
        total = Decimal(str(invoice.get("sumGross") or 0))
        full = paid >= total or body.get("type") == "FULL_PAYMENT"
        updated = data.update(
            "Invoice",
            invoice_id,
            paidAmount=money(paid),
            status="1000" if full else "750",
            payDate=now_iso() if full else invoice.get("payDate"),
        )
        return 200, {
            "objects": {
                "id": updated["id"],
                "objectName": "CheckAccountTransactionLog",
                "amount": money(amount),
                "invoice": ref("Invoice", invoice_id),
            }
        }


def cancel_invoice(data: SandboxData, invoice_id: str, body: object) -> Answer:
    with data.lock:
        invoice = _invoice(data, invoice_id)
        if invoice.get("invoiceType") == "SR":
            raise ApiError(400, "A cancellation invoice cannot be cancelled")
        if any(
            str((i.get("origin") or {}).get("id")) == invoice_id and i.get("invoiceType") == "SR"
            for i in data.all("Invoice")
        ):
            raise ApiError(400, "Invoice already cancelled", code=421)
        invoice = _finalize(data, invoice)
        fields = {
            k: invoice.get(k)
            for k in (
                "contact",
                "contactPerson",
                "address",
                "addressName",
                "addressStreet",
                "addressZip",
                "addressCity",
                "addressCountry",
                "currency",
                "taxRule",
                "taxText",
                "showNet",
            )
        }
        stamp = now_iso()
        negative = {k: money(-Decimal(str(invoice.get(k) or 0))) for k in ("sumNet", "sumTax", "sumGross")}
        cancellation_id = data.add(
            "Invoice",
            {
                **fields,
                **negative,
                "invoiceType": "SR",
                "status": "1000",
                "invoiceNumber": _next_number(data, "SR"),
                "invoiceDate": stamp,
                "header": f"Stornorechnung zu {invoice.get('invoiceNumber')}",
                "origin": ref("Invoice", invoice_id),
                "sendDate": stamp,
                "enshrined": stamp,
                "paidAmount": negative["sumGross"],
                "payDate": stamp,
            },
        )
        data.update("Invoice", invoice_id, status="1000")  # sevDesk settles it by the cancellation
        return 201, {"objects": data.get("Invoice", cancellation_id)}
