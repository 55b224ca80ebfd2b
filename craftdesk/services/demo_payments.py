"""What the office would do with an invoice in sevDesk, for the demo sevDesk (SPEC §8, V8):
send it (open), book a part of it or all of it, or cancel it; then the payment status is
read back as the recurring import does. Only for the demo: a real account is never asked.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import ROUND_HALF_UP, Decimal

from ..api.client import SevdeskClient
from ..api.records import parse_invoice
from ..errors import PreconditionError
from .invoice_status import StatusResult, refresh_payment_status

ACTIONS = ("send", "partial", "paid", "cancel")
_CHECK_ACCOUNT = {"id": 1, "objectName": "CheckAccount"}


def demo_invoice_action(client: SevdeskClient, sevdesk_id: str, action: str, demo: bool) -> StatusResult:
    """Move the demo invoice on: ``send`` (open), ``partial`` (half paid), ``paid``,
    ``cancel``; returns what reading the status back found."""
    if not demo:
        raise PreconditionError("Das geht nur mit dem Demo-sevDesk.")
    if action not in ACTIONS:
        raise PreconditionError(f"Unbekannte Aktion „{action}“.")
    path = f"/Invoice/{int(sevdesk_id)}"
    if action == "send":
        client.put(f"{path}/sendBy", {"sendType": "VPDF", "sendDraft": False})
    elif action == "cancel":
        client.post(f"{path}/cancelInvoice", {})
    else:
        invoice = parse_invoice(client.get_one(path))
        due = invoice.sum_gross - invoice.paid_amount
        amount = due if action == "paid" else (due / 2).quantize(Decimal("0.01"), ROUND_HALF_UP)
        if amount <= 0:
            raise PreconditionError("Die Rechnung ist bereits bezahlt.")
        client.put(
            f"{path}/bookAmount",
            {
                "amount": float(amount),
                "date": int(datetime.now(timezone.utc).timestamp()),
                "type": "FULL_PAYMENT" if action == "paid" else "N",
                "checkAccount": _CHECK_ACCOUNT,
            },
        )
    return refresh_payment_status(client)
