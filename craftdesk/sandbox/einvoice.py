"""How the demo sevDesk checks an e-invoice draft (SPEC E6).

sevDesk turns a draft with ``propertyIsEInvoice`` into an XRechnung/ZUGFeRD invoice and
refuses it when data are missing: of the company (sevClient: address, bank, contact,
tax number), of the contact (e-mail; the buyer reference for public authorities) and of
the invoice (payment method, address fields, contact). The answer is a 422 with error
code 830 that lists the missing fields under ``data["missing information"]``.
"""

from __future__ import annotations

from typing import Any

from .errors import ApiError
from .store import SandboxData

E_INVOICE_MISSING = 830

_COMPANY_REQUIRED = (
    "addressStreet",
    "addressZip",
    "addressCity",
    "bankIban",
    "bankBic",
    "contactEmail",
    "contactPhone",
    "taxNumber",
)
_INVOICE_REQUIRED = ("addressStreet", "addressZip", "addressCity")


def _id(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    if value in (None, "", 0, "0") or isinstance(value, (bool, list, dict)):
        return None
    return str(value)


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in ("1", "true")


def missing_information(data: SandboxData, invoice: dict[str, Any]) -> list[str]:
    """Names of what sevDesk would miss for this e-invoice, in sevDesk's field names."""
    missing = [f"sevClient.{key}" for key in _COMPANY_REQUIRED if not data.company.get(key)]
    method = _id(invoice.get("paymentMethod"))
    if method is None or not data.exists("PaymentMethod", method):
        missing.append("invoice.paymentMethod")
    missing += [f"invoice.{key}" for key in _INVOICE_REQUIRED if not str(invoice.get(key) or "").strip()]
    if _id(invoice.get("addressCountry")) is None:
        missing.append("invoice.addressCountry")
    contact_id = _id(invoice.get("contact"))
    contact = data.get("Contact", contact_id) if contact_id else None
    if contact is None:
        missing.append("invoice.contact")
        return missing
    emails, _ = data.select(
        "CommunicationWay",
        lambda r: _id(r.get("contact")) == contact_id and r.get("type") == "EMAIL" and bool(r.get("value")),
    )
    if not emails:
        missing.append("contact.email")
    if _flag(contact.get("governmentAgency")) and not str(contact.get("buyerReference") or "").strip():
        missing.append("contact.buyerReference")
    return missing


def check_e_invoice(data: SandboxData, invoice: dict[str, Any]) -> None:
    """Raise sevDesk's refusal when a draft asks for an e-invoice without the data it needs."""
    if not _flag(invoice.get("propertyIsEInvoice")):
        return
    missing = missing_information(data, invoice)
    if missing:
        raise ApiError(
            422,
            "Missing information for e-invoice: " + ", ".join(missing),
            code=E_INVOICE_MISSING,
            data={"missing information": missing},
        )
