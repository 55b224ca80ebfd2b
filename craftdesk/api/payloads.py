"""Request bodies craftdesk writes to sevDesk. The only module that knows sevDesk's write
field names (``records`` is its reading counterpart).

Types follow the official request schemas, which differ from what sevDesk sends back:
ids of references are JSON integers (except the tax rule id, a string enum), the invoice
``status`` is the string ``"100"``, amounts and quantities are JSON numbers, flags are
booleans, dates are ``"dd.mm.yyyy"``. tests/unit/test_payload_schema.py validates every
body built here against the official schemas.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..config import BUSINESS_TZ

# The legacy ``taxType`` is not sent: with ``taxRule`` (bookkeeping version 2.0) sevDesk
# takes the rule, and measured clients omit it (see API notes, section 8).
TAX_RULE_TAXABLE = "1"  # "Umsatzsteuerpflichtige Umsätze": position rates 0, 7 or 19 %
TAX_RULE_SMALL_BUSINESS = "11"  # "Steuer nicht erhoben nach § 19 UStG": every position 0 %
#: The tax text of a Kleinunternehmer's invoice: the note § 19 UStG asks for.
SMALL_BUSINESS_TAX_TEXT = "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."
ALLOWED_TAX_RATES = (Decimal(0), Decimal(7), Decimal(19))
INVOICE_STATUS_DRAFT = "100"
INVOICE_TYPE = "RE"
CURRENCY = "EUR"
CONTACT_STATUS_ACTIVE = 1000

COMM_TYPES = {"email": "EMAIL", "mobile": "MOBILE", "phone": "PHONE"}


def _ref(object_name: str, id_: str | int) -> dict[str, Any]:
    return {"id": int(id_), "objectName": object_name}


def json_number(value: Decimal) -> int | float:
    """A Decimal as a JSON number: an integer when it has no fraction.

    The float only carries the value onto the wire (its shortest repr is the decimal
    text); no arithmetic is done with it.
    """
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def german_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


# --- contacts ------------------------------------------------------------------------------


def contact_body(
    *,
    kind: str,
    company: str,
    first_name: str,
    last_name: str,
    name_suffix: str,
    customer_number: str,
    description: str,
    category_id: str,
    buyer_reference: str = "",
    government_agency: bool = False,
) -> dict[str, Any]:
    """``POST /Contact``. sevDesk has no type flag: ``name`` makes an organisation,
    ``surename``/``familyname`` a person. The buyer reference (Leitweg-ID) and the
    authority flag are what an e-invoice to this contact needs (E2)."""
    body: dict[str, Any] = {
        "category": _ref("Category", category_id),
        "status": CONTACT_STATUS_ACTIVE,
        "customerNumber": customer_number,
    }
    if kind == "organisation":
        body["name"] = company or " ".join(p for p in (first_name, last_name) if p)
    else:
        if first_name:
            body["surename"] = first_name
        if last_name or not first_name:
            body["familyname"] = last_name or company
    if name_suffix:
        body["name2"] = name_suffix
    if description:
        body["description"] = description
    if buyer_reference:
        body["buyerReference"] = buyer_reference
    if government_agency:
        body["governmentAgency"] = True
    return body


def contact_address_body(
    *,
    contact_id: str,
    street: str,
    zip_code: str,
    city: str,
    country_id: str,
    category_id: str,
    name: str,
) -> dict[str, Any]:
    """``POST /ContactAddress``."""
    return {
        "contact": _ref("Contact", contact_id),
        "street": street or None,
        "zip": zip_code or None,
        "city": city or None,
        "country": _ref("StaticCountry", country_id),
        "category": _ref("Category", category_id),
        "name": name or None,
    }


def communication_way_body(
    *, contact_id: str, kind: str, value: str, key_id: str, main: bool
) -> dict[str, Any]:
    """``POST /CommunicationWay``; ``kind`` is the local email | mobile | phone."""
    return {
        "contact": _ref("Contact", contact_id),
        "type": COMM_TYPES[kind],
        "value": value,
        "key": _ref("CommunicationWayKey", key_id),
        "main": main,
    }


# --- invoices ------------------------------------------------------------------------------


@dataclass(frozen=True)
class InvoicePosition:
    name: str
    text: str
    quantity: Decimal
    price: Decimal  # net unit price (the invoice is sent with showNet)
    unity_id: str
    tax_rate: Decimal
    part_id: str | None = None


@dataclass(frozen=True)
class InvoiceHead:
    contact_id: str
    contact_person_id: str
    invoice_date: date
    delivery_date: date
    header: str
    time_to_pay: int
    reference: str  # sent as customerInternalNote; makes the draft findable (I5)
    address_name: str
    address_street: str
    address_zip: str
    address_city: str
    address_country_id: str
    tax_text: str = "Umsatzsteuer"
    # E2: an e-invoice draft names the account's payment method.
    e_invoice: bool = False
    payment_method_id: str | None = None
    head_text: str = ""  # plain text; sent as sevDesk's HTML-capable headText (escaped)
    delivery_date_until: date | None = None  # end of the service period (V6)
    address_country: str = "DE"  # ISO code: a foreign one is the address's last line
    address_name2: str = ""  # an organisation's second name, the address text's second line
    tax_rule: str = TAX_RULE_TAXABLE  # TAX_RULE_SMALL_BUSINESS for a Kleinunternehmer


def invoice_position_body(pos: InvoicePosition, number: int) -> dict[str, Any]:
    body: dict[str, Any] = {
        "objectName": "InvoicePos",
        "mapAll": True,
        "name": pos.name,
        "text": pos.text or None,
        "quantity": json_number(pos.quantity),
        "price": json_number(pos.price),
        "unity": _ref("Unity", pos.unity_id),
        "taxRate": json_number(pos.tax_rate),
        "positionNumber": number,
    }
    if pos.part_id:
        body["part"] = _ref("Part", pos.part_id)
    return body


# The country line of a foreign address, as German post writes it (else the ISO code).
COUNTRY_LINES = {
    "AT": "ÖSTERREICH",
    "BE": "BELGIEN",
    "CH": "SCHWEIZ",
    "CZ": "TSCHECHIEN",
    "DK": "DÄNEMARK",
    "FR": "FRANKREICH",
    "IT": "ITALIEN",
    "LI": "LIECHTENSTEIN",
    "LU": "LUXEMBURG",
    "NL": "NIEDERLANDE",
    "PL": "POLEN",
    "ES": "SPANIEN",
    "GB": "VEREINIGTES KÖNIGREICH",
    "HU": "UNGARN",
    "PT": "PORTUGAL",
    "SE": "SCHWEDEN",
    "SK": "SLOWAKEI",
    "SI": "SLOWENIEN",
    "US": "VEREINIGTE STAATEN",
}


def address_text(head: InvoiceHead) -> str | None:
    """The recipient as sevDesk prints it: name (and an organisation's second name), street,
    "ZIP City" on their own lines, and a foreign country on the last (the printed invoice
    showed a Swiss address without it)."""
    place = " ".join(p for p in (head.address_zip, head.address_city) if p)
    code = (head.address_country or "DE").strip().upper()
    country = "" if code == "DE" else COUNTRY_LINES.get(code, code)
    lines = (head.address_name, head.address_name2, head.address_street, place, country)
    return "\n".join(line for line in lines if line) or None


def unix_day(day: date) -> int:
    """A day as Unix seconds: its midnight in Germany, as sevDesk's own clients send it. (Noon
    UTC put the end of a service period 13 hours after an invoice date of the same day.)"""
    return int(datetime(day.year, day.month, day.day, tzinfo=BUSINESS_TZ).timestamp())


def html_text(text: str) -> str | None:
    """Plain text for sevDesk's HTML-capable texts: escaped, line breaks as <br>."""
    if not text.strip():
        return None
    return "<br>".join(html.escape(line, quote=False) for line in text.splitlines())


def save_invoice_body(head: InvoiceHead, positions: list[InvoicePosition]) -> dict[str, Any]:
    """``POST /Invoice/Factory/saveInvoice`` for a new draft (no ``invoice.id``)."""
    invoice: dict[str, Any] = {
        "objectName": "Invoice",
        "mapAll": True,
        "contact": _ref("Contact", head.contact_id),
        "contactPerson": _ref("SevUser", head.contact_person_id),
        "invoiceDate": german_date(head.invoice_date),
        "deliveryDate": german_date(head.delivery_date),
        "header": head.header,
        "headText": html_text(head.head_text),
        "timeToPay": head.time_to_pay,
        "discount": 0,
        "status": INVOICE_STATUS_DRAFT,
        "invoiceType": INVOICE_TYPE,
        "currency": CURRENCY,
        "taxRule": {"id": head.tax_rule, "objectName": "TaxRule"},
        "taxRate": 0,
        "taxText": head.tax_text,
        "showNet": True,
        "customerInternalNote": head.reference,
        # The local address is sent on purpose: sevDesk's copy of the contact may differ
        # and is never updated by craftdesk (I4). ``address`` is the field the official
        # schema documents; the structured fields are what measured accounts show.
        "address": address_text(head),
        "addressName": head.address_name,
        "addressStreet": head.address_street,
        "addressZip": head.address_zip,
        "addressCity": head.address_city,
        "addressCountry": _ref("StaticCountry", head.address_country_id),
    }
    if head.e_invoice:
        invoice["propertyIsEInvoice"] = True
    if head.payment_method_id:
        invoice["paymentMethod"] = _ref("PaymentMethod", head.payment_method_id)
    if head.delivery_date_until is not None:
        invoice["deliveryDateUntil"] = unix_day(head.delivery_date_until)
    return {
        "invoice": invoice,
        "invoicePosSave": [invoice_position_body(p, i) for i, p in enumerate(positions)],
        "invoicePosDelete": None,
    }


def saved_invoice(objects: object) -> object | None:
    """The invoice record inside the ``saveInvoice`` answer (``{"invoice", "invoicePos"}``);
    None when the answer has another shape. Parse it with ``records.parse_invoice``."""
    if isinstance(objects, dict):
        return objects.get("invoice")
    return None
