"""Which sevDesk contact an invoice draft is addressed to (SPEC I3, I4).

Order: the stored sevDesk id; else an exact customer-number match (re-checked here,
because sevDesk ignores filters it does not know); else a new contact with the local
names, customer number, billing address and e-mails/phones. An existing sevDesk
contact is never changed: craftdesk sends no PUT to /Contact.
"""

from __future__ import annotations

import logging

from ..api import payloads
from ..api.client import SevdeskClient
from ..api.errors import MalformedResponseError, NotFoundError, SevdeskError
from ..api.records import ContactRec, RecordError, parse_contact
from ..errors import PreconditionError
from ..store.db import db
from ..store.models import Address, ContactInfo, Customer
from . import pending_contacts
from .lookups import CUSTOMER_CATEGORY_ID, FALLBACK_INVOICE_CATEGORY_ID, address_categories
from .parsing import parse_rows

log = logging.getLogger(__name__)

# CommunicationWayKey ids are a fixed system table of sevDesk (documented: 1 Privat,
# 2 Arbeit, 4 Mobil), unlike categories, which differ per account.
WAY_KEY_PRIVATE = "1"
WAY_KEY_WORK = "2"
WAY_KEY_MOBILE = "4"
_WAY_ORDER = {"email": 0, "mobile": 1, "phone": 2}


def resolve_contact(
    client: SevdeskClient, customer: Customer, address: Address | None, country_id: str
) -> str:
    """The sevDesk contact id for ``customer``; binds or creates it and stores the id.

    ``address`` is the local address to create with a new contact (billing, else
    postal); ``country_id`` its StaticCountry id.
    """
    if customer.sevdesk_id:
        found = _by_id(client, customer.sevdesk_id)
        if found is not None:
            return found.id
        log.info("Contact %s of customer %s is gone in sevDesk", customer.sevdesk_id, customer.id)
    number = (customer.customer_number or "").strip()
    if number:
        found = _by_number(client, number)
        if found is not None:
            _bind(customer, found.id)
            log.info("Customer %s bound to sevDesk contact %s by number", customer.id, found.id)
            return found.id
    return _create(client, customer, address, country_id)


def _by_id(client: SevdeskClient, contact_id: str) -> ContactRec | None:
    try:
        rows = client.get(f"/Contact/{contact_id}")
    except NotFoundError:
        return None
    found = parse_rows(rows if isinstance(rows, list) else [rows], parse_contact, "Contact")
    return next((rec for rec in found if rec.id == contact_id), None)


def _by_number(client: SevdeskClient, number: str) -> ContactRec | None:
    rows = client.get_all("/Contact", {"customerNumber": number, "depth": 1})
    # the filter may have been ignored
    matches = [rec for rec in parse_rows(rows, parse_contact, "Contact") if rec.customer_number == number]
    if not matches:
        return None
    # Numbers are not strictly unique in sevDesk: prefer a customer, then the oldest.
    matches.sort(key=lambda r: (r.category_id != CUSTOMER_CATEGORY_ID, int(r.id)))
    return matches[0]


def _bind(customer: Customer, contact_id: str) -> None:
    other = Customer.get_or_none((Customer.sevdesk_id == contact_id) & (Customer.id != customer.id))
    if other is not None:
        raise PreconditionError(
            f"Die Kundennummer {customer.customer_number} gehört in sevDesk zu einem Kontakt, der "
            f"bereits mit dem Kunden „{other.display_name}“ verknüpft ist."
        )
    # sync_hash=None: the next import keeps the local data (addresses, numbers) of this
    # customer once instead of overwriting it with the possibly thinner sevDesk contact.
    with db.atomic():
        Customer.update(sevdesk_id=contact_id, deleted_in_sevdesk=False, sync_hash=None).where(
            Customer.id == customer.id
        ).execute()
    customer.sevdesk_id = contact_id
    customer.deleted_in_sevdesk = False


def _next_customer_number(client: SevdeskClient) -> str:
    value = client.get("/Contact/Factory/getNextCustomerNumber")
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
    if not text:
        raise MalformedResponseError(
            "sevDesk hat keine freie Kundennummer genannt.", detail=f"getNextCustomerNumber: {value!r}"
        )
    return text


def _create(client: SevdeskClient, customer: Customer, address: Address | None, country_id: str) -> str:
    """A new sevDesk contact for ``customer`` with its billing address and contact details."""
    number = _own_number(client, customer)
    kind = customer.kind if customer.kind in ("person", "organisation") else "organisation"
    contact_id = _post_contact(client, customer, kind, number)
    if address is not None:
        _post_address(client, customer, contact_id, address, country_id)
    _post_communication_ways(client, customer, contact_id, kind)
    return contact_id


def _own_number(client: SevdeskClient, customer: Customer) -> str:
    """The customer's number; a new one from sevDesk, stored first, when it has none."""
    number = (customer.customer_number or "").strip()
    if not number:
        number = _next_customer_number(client)
        # Stored before the POST: should its answer get lost, the next attempt finds the
        # new contact by this number instead of creating a second one.
        with db.atomic():
            Customer.update(customer_number=number).where(Customer.id == customer.id).execute()
        customer.customer_number = number
    return number


def _post_contact(client: SevdeskClient, customer: Customer, kind: str, number: str) -> str:
    """POST /Contact and bind the answer's id to ``customer``; returns the contact id."""
    first, last, company = customer.first_name, customer.last_name, customer.company
    if kind == "person" and not (first or last):
        last = company or customer.display_name
    if kind == "organisation" and not (company or first or last):
        company = customer.display_name
    # H9: an import that sees the new contact before our answer binds it to this customer.
    pending_contacts.note(customer.id, number)
    try:
        answer = client.post(
            "/Contact",
            payloads.contact_body(
                kind=kind,
                company=company,
                first_name=first,
                last_name=last,
                name_suffix=customer.name_suffix,
                customer_number=number,
                description=customer.description,
                category_id=CUSTOMER_CATEGORY_ID,
                buyer_reference=(customer.buyer_reference or "").strip(),
                government_agency=bool(customer.government_agency),
            ),
        )
    except SevdeskError as exc:
        if not exc.outcome_unknown:
            pending_contacts.forget(number)
        raise
    try:
        contact_id = parse_contact(answer[0] if isinstance(answer, list) and answer else answer).id
    except RecordError:
        raise MalformedResponseError(
            "sevDesk hat das Anlegen des Kunden unlesbar beantwortet.",
            detail="POST /Contact",
            outcome_unknown=True,
        ) from None
    _bind(customer, contact_id)
    pending_contacts.forget(number)
    log.info("Created sevDesk contact %s for customer %s", contact_id, customer.id)
    return contact_id


def _post_address(
    client: SevdeskClient, customer: Customer, contact_id: str, address: Address, country_id: str
) -> None:
    """The billing address, filed under the account's (lowest) invoice-address category."""
    cats = address_categories(client)
    category = min(cats.invoice_ids, key=int) if cats.invoice_ids else FALLBACK_INVOICE_CATEGORY_ID
    client.post(
        "/ContactAddress",
        payloads.contact_address_body(
            contact_id=contact_id,
            street=address.street,
            zip_code=address.zip,
            city=address.city,
            country_id=country_id,
            category_id=category,
            name=customer.display_name,
        ),
    )


def _post_communication_ways(client: SevdeskClient, customer: Customer, contact_id: str, kind: str) -> None:
    """The customer's e-mail addresses and numbers; the first of each kind is the main one."""
    infos = sorted(
        ContactInfo.select().where(ContactInfo.customer == customer),
        key=lambda c: (_WAY_ORDER.get(c.kind, 9), c.position, c.id),
    )
    seen: set[str] = set()
    for info in infos:
        if info.kind not in _WAY_ORDER or not info.value.strip():
            continue
        if info.kind == "mobile":
            key = WAY_KEY_MOBILE
        else:
            key = WAY_KEY_PRIVATE if kind == "person" else WAY_KEY_WORK
        client.post(
            "/CommunicationWay",
            payloads.communication_way_body(
                contact_id=contact_id,
                kind=info.kind,
                value=info.value.strip(),
                key_id=key,
                main=info.kind not in seen,
            ),
        )
        seen.add(info.kind)
