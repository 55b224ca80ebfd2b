"""E-invoices for business customers (SPEC E1–E5). Qt-free.

sevDesk turns a draft into an EN 16931 e-invoice (XRechnung/ZUGFeRD) when it carries
``propertyIsEInvoice``; it refuses the draft when data are missing. What craftdesk can see
(the customer's e-mail, the buyer reference of an authority, a complete address, a
payment method) is checked before anything is sent (E3); what only sevDesk knows (the
company's IBAN, tax number, …) comes back as sevDesk's refusal, told in one sentence (E4).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..api.client import SevdeskClient
from ..api.errors import SevdeskError
from ..store import settings
from ..store.models import ContactInfo, Customer
from . import lookups
from .invoice_preview import InvoiceProposal

E_INVOICE_REFUSED_CODE = "830"

MISSING_PREFIX = "Für die E-Rechnung fehlt: "
# What craftdesk checks itself (E3), in the words the office knows.
MISSING_EMAIL = "E-Mail-Adresse des Kunden"
MISSING_BUYER_REFERENCE = "Leitweg-ID (Käuferreferenz) der Behörde"
MISSING_ADDRESS = "vollständige Rechnungsadresse (Straße, PLZ, Ort, Land)"
MISSING_PAYMENT_METHOD = "Zahlungsart in sevDesk"

# sevDesk's field names of data only sevDesk holds (E4), translated for the office.
_SEVDESK_FIELDS = {
    "bankIban": "IBAN Ihres Unternehmens",
    "bankBic": "BIC Ihres Unternehmens",
    "taxNumber": "Steuernummer Ihres Unternehmens",
    "vatNumber": "USt-IdNr. Ihres Unternehmens",
    "contactEmail": "E-Mail-Adresse Ihres Unternehmens",
    "contactPhone": "Telefonnummer Ihres Unternehmens",
    "addressStreet": "Anschrift (Straße)",
    "addressZip": "Anschrift (PLZ)",
    "addressCity": "Anschrift (Ort)",
    "addressCountry": "Land der Anschrift",
    "buyerReference": MISSING_BUYER_REFERENCE,
    "email": MISSING_EMAIL,
    "paymentMethod": MISSING_PAYMENT_METHOD,
}


@dataclass(frozen=True)
class EInvoiceCheck:
    """Whether the draft becomes an e-invoice and what is missing for it (E3/E5)."""

    wanted: bool  # the customer's choice (E1), unless turned off for this draft
    missing: tuple[str, ...] = field(default_factory=tuple)

    @property
    def blocked(self) -> bool:
        return self.wanted and bool(self.missing)

    def sentence(self) -> str:
        """The one sentence that names every missing item; empty when nothing is missing."""
        if not self.blocked:
            return ""
        return MISSING_PREFIX + ", ".join(self.missing) + "."


def check(
    customer: Customer | None, street: str, zip_code: str, city: str, country: str, disabled: bool = False
) -> EInvoiceCheck:
    """E3: the preconditions craftdesk can see, for the address the draft is sent to.

    The payment method is not checked here (a preview sends nothing): it is the one chosen
    in the settings, or the account's bank transfer, looked up when the draft is sent.
    """
    if customer is None or disabled or not customer.wants_e_invoice:
        return EInvoiceCheck(wanted=False)
    missing: list[str] = []
    has_email = (
        ContactInfo.select()
        .where((ContactInfo.customer == customer) & (ContactInfo.kind == "email") & (ContactInfo.value != ""))
        .exists()
    )
    if not has_email:
        missing.append(MISSING_EMAIL)
    if customer.government_agency and not (customer.buyer_reference or "").strip():
        missing.append(MISSING_BUYER_REFERENCE)
    if not all(part.strip() for part in (street, zip_code, city, country)):
        missing.append(MISSING_ADDRESS)
    return EInvoiceCheck(wanted=True, missing=tuple(missing))


def applied(proposal: InvoiceProposal, enabled: bool = True) -> InvoiceProposal:
    """The proposal with its e-invoice decision (E2) and what is missing for it (E3); the
    one sentence naming the gaps is the first warning. ``enabled=False`` turns the
    e-invoice off for this draft."""
    result = check(
        proposal.customer,
        proposal.address.street,
        proposal.address.zip,
        proposal.address.city,
        proposal.address.country,
        disabled=not enabled,
    )
    warnings = tuple(w for w in proposal.warnings if not w.startswith(MISSING_PREFIX))
    if result.blocked:
        warnings = (result.sentence(), *warnings)
    return replace(proposal, e_invoice=result.wanted, missing=result.missing, warnings=warnings)


def payment_method_id(client: SevdeskClient) -> str | None:
    """E2: the payment method chosen in the settings, else the account's first bank
    transfer method (one request), else None."""
    chosen = settings.get("payment_method_id")
    if chosen:
        return str(chosen)
    method = lookups.default_payment_method(lookups.payment_methods(client))
    return method.id if method else None


_WORD = re.compile(r"[A-Za-z]+")


def refusal_sentence(exc: SevdeskError) -> str | None:
    """E4: sevDesk's refusal of an e-invoice (error code 830) as one German sentence naming
    what is missing; None for any other error."""
    detail = exc.detail or ""
    if str(exc.code) != E_INVOICE_REFUSED_CODE and "e-invoice" not in detail.lower():
        return None
    named: list[str] = []
    for word in _WORD.findall(detail):
        label = _SEVDESK_FIELDS.get(word)
        if label and label not in named:
            named.append(label)
    what = ", ".join(named) if named else (detail or "Angaben")
    return (
        f"sevDesk hat die E-Rechnung abgelehnt, weil Angaben fehlen: {what}. Bitte in sevDesk "
        "ergänzen (Einstellungen bzw. Kontakt) und erneut senden, oder die E-Rechnung für "
        "diesen Entwurf abschalten."
    )
