"""The ``saveInvoice`` body of a claimed invoice draft (SPEC I1-I5, E3, V6). Qt-free.

Everything sevDesk would refuse is refused here first, in one sentence: an e-invoice with
gaps or without a payment method, a tax rate other than 0/7/19 %, a unit the account does
not know, a country sevDesk does not know. The draft's sevDesk contact is resolved (and
created when needed) and stored on the draft before the body is returned.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..api import payloads
from ..api.client import SevdeskClient
from ..errors import PreconditionError
from ..messages import Key, Message
from ..store.models import InvoiceDraft
from . import e_invoice as e_invoice_rules
from . import lookups
from .invoice_customer import resolve_contact
from .invoice_preview import TITLE_UNIT_FALLBACK, InvoicePreview, PreviewLine


def prepare(
    client: SevdeskClient, draft: InvoiceDraft, preview: InvoicePreview, today: date
) -> dict[str, Any]:
    """The body that creates ``draft`` from ``preview`` (PreconditionError when sevDesk
    would refuse it)."""
    payment_method = _check_sendable(client, preview)
    unity_ids = _unity_ids(client, preview.lines)
    contact_person = contact_person_id(client)
    country_id = _country_id(client, preview.address.country)
    contact_id = resolve_contact(client, preview.customer, preview.address.record, country_id)
    InvoiceDraft.update(sevdesk_contact_id=contact_id).where(InvoiceDraft.id == draft.id).execute()
    head = _head(preview, draft.reference, today, contact_id, contact_person, country_id, payment_method)
    # An e-invoice's unit prices may not be negative (EN 16931 BR-27): a credit line goes as
    # a negative quantity at a positive price, the same amount.
    credit = preview.e_invoice
    positions = [
        payloads.InvoicePosition(
            name=line.text,
            text=line.detail,
            quantity=-line.quantity if credit and line.net_price < 0 else line.quantity,
            price=-line.net_price if credit and line.net_price < 0 else line.net_price,
            unity_id=unity_id,
            tax_rate=line.vat_rate,
            part_id=line.part_id,
        )
        for line, unity_id in zip(preview.lines, unity_ids, strict=False)
    ]
    return payloads.save_invoice_body(head, positions)


def _check_sendable(client: SevdeskClient, preview: InvoicePreview) -> str | None:
    """The e-invoice's payment method (None for a plain draft); raises for an e-invoice
    with gaps (E3) and for tax rates sevDesk does not allow."""
    if preview.e_invoice and preview.missing:
        raise PreconditionError(preview.warnings[0])  # E3: the one sentence naming the gaps
    payment_method = e_invoice_rules.payment_method_id(client) if preview.e_invoice else None
    if preview.e_invoice and payment_method is None:
        raise PreconditionError(f"Für die E-Rechnung fehlt: {e_invoice_rules.MISSING_PAYMENT_METHOD}.")
    bad_rates = sorted(
        {str(line.vat_rate) for line in preview.lines if line.vat_rate not in payloads.ALLOWED_TAX_RATES}
    )
    if bad_rates:
        raise PreconditionError(
            f"sevDesk erlaubt auf Rechnungen nur 0, 7 oder 19 % Umsatzsteuer, nicht {', '.join(bad_rates)} %."
        )
    return payment_method


def _unity_ids(client: SevdeskClient, lines: tuple[PreviewLine, ...]) -> list[str]:
    """The account's unit id of every line (titles and texts may fall back to a neutral one)."""
    units = lookups.unities(client)
    unity_ids: list[str] = []
    for line in lines:
        names = [line.unit, TITLE_UNIT_FALLBACK] if line.kind in ("title", "text") else [line.unit]
        unit = next((u for u in (lookups.unity_for_name(units, n) for n in names) if u), None)
        if unit is None:
            raise PreconditionError(Message(Key.UNKNOWN_UNIT, line.unit))
        unity_ids.append(unit.id)
    return unity_ids


def _head(
    preview: InvoicePreview,
    reference: str,
    today: date,
    contact_id: str,
    contact_person: str,
    country_id: str,
    payment_method: str | None,
) -> payloads.InvoiceHead:
    rates = {line.vat_rate for line in preview.lines}
    tax_text = f"Umsatzsteuer {payloads.json_number(rates.pop())}%" if len(rates) == 1 else "Umsatzsteuer"
    tax_rule = payloads.TAX_RULE_TAXABLE
    if preview.small_business:  # no VAT on any position (checks.checked made them 0 %)
        tax_rule, tax_text = payloads.TAX_RULE_SMALL_BUSINESS, payloads.SMALL_BUSINESS_TAX_TEXT
    header = preview.header
    # Never delivered after the invoice date, nor in the future (V6; sevDesk refuses it).
    latest = min(header.invoice_date, today)
    delivery_from, delivery_to = min(header.service_from, latest), min(header.service_to, latest)
    return payloads.InvoiceHead(
        contact_id=contact_id,
        contact_person_id=contact_person,
        invoice_date=header.invoice_date,
        delivery_date=delivery_from,
        delivery_date_until=delivery_to if delivery_to != delivery_from else None,
        header=header.header,
        head_text=header.head_text,
        time_to_pay=preview.payment_term_days,
        reference=reference,
        address_name=preview.address.name,
        address_name2=preview.address.name2,
        address_street=preview.address.street,
        address_zip=preview.address.zip,
        address_city=preview.address.city,
        address_country_id=country_id,
        address_country=preview.address.country,
        tax_text=tax_text,
        tax_rule=tax_rule,
        e_invoice=preview.e_invoice,
        payment_method_id=payment_method,
    )


def contact_person_id(client: SevdeskClient) -> str:
    """The configured sevDesk user, else the first admin, else the first user (S5)."""
    from ..store import settings

    configured = settings.get("contact_person_id")
    if configured:
        return str(configured)
    users = sorted(lookups.sev_users(client), key=lambda u: int(u.id))
    admins = [u for u in users if u.role.casefold() == "admin"]
    if not users:
        raise PreconditionError(Message(Key.NO_CONTACT_PERSON))
    return (admins or users)[0].id


def _country_id(client: SevdeskClient, code: str) -> str:
    code = (code or "DE").strip().upper()
    if code == "DE":
        return lookups.GERMANY_COUNTRY_ID
    for country_id, country_code in lookups.countries(client).items():
        if country_code == code:
            return country_id
    raise PreconditionError(f"Das Land „{code}“ der Rechnungsanschrift kennt sevDesk nicht.")
