"""Customers: sevDesk contacts of category "Kunde" become local customers (SPEC C1–C7).

The rules that pick addresses (C3) and communication ways (C4) are pure functions over
parsed records, so the bulk import (services.importer), the single import used when an
order confirmation names an unknown customer, and the tests share them. Writes go through
:func:`save_customers`, which compares a content fingerprint and touches only what changed.

Decisions (documented here because the SPEC leaves them open):

* Postal address (C3): the lowest-id address that is neither an invoice nor a delivery
  address; without one, the billing address is *also stored* as a ``postal`` row (same
  sevDesk id), so every consumer (exports, invoices, O5 job-site fallback) finds a postal
  address without knowing this rule.
* Mobile numbers (C4): type ``MOBILE``, and type ``PHONE`` with key 4 ("Mobil") — older
  sevDesk data records mobiles that way. ``PHONE`` with key 3 ("Fax") is no phone number
  and is ignored, like ``WEB``. Duplicate values within one kind count once.
* C6: a customer that is no longer returned by the "Kunde" sweep — deleted in sevDesk *or*
  moved to another contact category — is flagged ``deleted_in_sevdesk`` and kept. Both
  mean "no longer a sevDesk customer"; it is un-flagged if it comes back.
* A local customer that an invoice linked to a sevDesk contact (I3/I4) keeps its local data
  on the first import that sees it; from then on, changes in sevDesk overwrite it (C5).
* C7: local customers (no sevDesk id) get numbers ``L-1001``, ``L-1002``, … The prefix
  keeps them apart from sevDesk's numeric sequence, so looking a customer up in sevDesk by
  number (I3) can never bind a different sevDesk contact by accident.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..api.client import SevdeskClient
from ..api.records import (
    AddressRec,
    CategoryRec,
    CommWayRec,
    ContactRec,
    RecordError,
    parse_address,
    parse_category,
    parse_comm_way,
    parse_contact,
)
from ..clock import utcnow
from ..messages import Key, Message
from ..store import settings
from ..store.bulk import bulk_delete_children, bulk_insert, bulk_update, column_value, tuples
from ..store.db import db
from ..store.models import ADDRESS_KINDS, CUSTOMER_KINDS, Address, ContactInfo, Customer
from . import pending_contacts
from .fetching import (
    COUNTRY_CACHE_KEY,
    CollectionCounts,
    Progress,
    fetch_record,
    load_countries,
    ref_id,
    sweep,
)
from .lookups import (
    CUSTOMER_CATEGORY_ID,
    GERMANY_COUNTRY_ID,
    AddressCategories,
    address_categories_from,
)
from .page_ledger import PageLedger, Probe, Sweep, basis, local_summary, sweep_key

log = logging.getLogger(__name__)

MAX_EMAILS = 2
MAX_MOBILES = 2
MAX_PHONES = 1
COMM_KEY_FAX = "3"
COMM_KEY_MOBILE = "4"
LOCAL_NUMBER_PREFIX = "L-"
LOCAL_NUMBER_START = 1001

# Customer columns written by the import, in the order of CustomerData.fields.
FIELDS = (
    "customer_number",
    "kind",
    "first_name",
    "last_name",
    "company",
    "name_suffix",
    "description",
    "buyer_reference",
    "government_agency",
    "salutation",
    "academic_title",
)
# Local choices that no import touches (E1: None = e-invoice by kind).
LOCAL_ONLY_FIELDS = ("e_invoice",)


# --- pure rules ---------------------------------------------------------------------------


def country_code(country_id: str | None, countries: dict[str, str]) -> str:
    if country_id is None:
        return "DE"
    if country_id == GERMANY_COUNTRY_ID:
        return countries.get(country_id, "DE")
    return countries.get(country_id, "")


AddressTuple = tuple[str, str, str, str, str, str]  # kind, street, zip, city, country, sevdesk_id
InfoTuple = tuple[str, str, str]  # kind, value, sevdesk_id


def pick_addresses(
    addresses: Iterable[AddressRec], cats: AddressCategories, countries: dict[str, str]
) -> tuple[AddressTuple, ...]:
    """C3: one billing (lowest id), all delivery, postal = first other else billing."""
    ordered = sorted(addresses, key=lambda a: int(a.id))
    billing: AddressRec | None = None
    other: AddressRec | None = None
    delivery: list[AddressRec] = []
    for a in ordered:
        kind = cats.kind_of(a.category_id)
        if kind == "billing":
            billing = billing or a
        elif kind == "delivery":
            delivery.append(a)
        else:
            other = other or a

    def row(kind: str, a: AddressRec) -> AddressTuple:
        return (kind, a.street, a.zip, a.city, country_code(a.country_id, countries), a.id)

    result: list[AddressTuple] = []
    postal = other or billing
    if postal is not None:
        result.append(row("postal", postal))
    if billing is not None:
        result.append(row("billing", billing))
    result.extend(row("delivery", a) for a in delivery)
    return tuple(result)


def _comm_kind(way: CommWayRec) -> str | None:
    if way.type == "EMAIL":
        return "email"
    if way.type == "MOBILE" or (way.type == "PHONE" and way.key_id == COMM_KEY_MOBILE):
        return "mobile"
    if way.type == "PHONE" and way.key_id != COMM_KEY_FAX:
        return "phone"
    return None  # WEB, fax


def pick_comm_ways(ways: Iterable[CommWayRec]) -> tuple[InfoTuple, ...]:
    """C4: ≤2 e-mails, ≤2 mobiles, 1 phone; ``main`` first, then the lowest id."""
    limits = {"email": MAX_EMAILS, "mobile": MAX_MOBILES, "phone": MAX_PHONES}
    picked: dict[str, list[InfoTuple]] = {"email": [], "mobile": [], "phone": []}
    seen: set[tuple[str, str]] = set()
    for way in sorted(ways, key=lambda w: (not w.main, int(w.id))):
        kind = _comm_kind(way)
        if kind is None or len(picked[kind]) >= limits[kind]:
            continue
        key = (kind, way.value.casefold())
        if key in seen:
            continue
        seen.add(key)
        picked[kind].append((kind, way.value, way.id))
    return tuple(picked["email"] + picked["mobile"] + picked["phone"])


@dataclass(frozen=True, slots=True)
class CustomerData:
    """One customer as craftdesk stores it, derived from sevDesk."""

    sevdesk_id: str
    sevdesk_update: str
    fields: tuple[str | bool, ...]  # values of FIELDS
    addresses: tuple[AddressTuple, ...]
    infos: tuple[InfoTuple, ...]

    def fingerprint(self) -> str:
        # Content only: an ``update`` bump without a change we store writes nothing. The
        # repr of tuples of str is exact and several times cheaper than JSON.
        payload = repr((self.fields, self.addresses, self.infos))
        return hashlib.blake2b(payload.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def legacy_fingerprint(self) -> str:
        """The fingerprint of versions before 0.2 (JSON), recognised once after an update."""
        payload = json.dumps(
            [self.fields, self.addresses, self.infos], ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.blake2b(payload.encode("utf-8"), digest_size=16).hexdigest()


_SALUTATIONS = {
    "m": "Herr",
    "male": "Herr",
    "herr": "Herr",
    "mr": "Herr",
    "w": "Frau",
    "f": "Frau",
    "female": "Frau",
    "frau": "Frau",
    "mrs": "Frau",
}


def salutation_of(gender: str) -> str:
    """sevDesk's free-text ``gender`` ("m", "w", …) as the German salutation, or ""."""
    return _SALUTATIONS.get(gender.strip().rstrip(".").casefold(), "")


def build_customer(
    contact: ContactRec,
    addresses: Iterable[AddressRec],
    ways: Iterable[CommWayRec],
    cats: AddressCategories,
    countries: dict[str, str],
) -> CustomerData:
    return CustomerData(
        sevdesk_id=contact.id,
        sevdesk_update=contact.update,
        fields=(
            contact.customer_number,
            contact.kind,
            contact.first_name,
            contact.last_name,
            contact.company,
            contact.name_suffix,
            contact.description,
            contact.buyer_reference,
            contact.government_agency,
            salutation_of(contact.gender) if contact.kind == "person" else "",
            contact.academic_title if contact.kind == "person" else "",
        ),
        addresses=pick_addresses(addresses, cats, countries),
        infos=pick_comm_ways(ways),
    )


# --- the bulk sweep -------------------------------------------------------------------------

CONTACT_FILTER = {"depth": 1, "category[id]": CUSTOMER_CATEGORY_ID, "category[objectName]": "Category"}


CUSTOMER_SWEEPS: list[Sweep] = [
    ("/Contact", CONTACT_FILTER, "Kunden"),
    ("/ContactAddress", None, "Adressen"),
    ("/CommunicationWay", None, "Kommunikationswege"),
]


def _collect(
    pages: Iterable[list[Any]],
    parser: Callable[[Any], Any],
    object_name: str,
    contacts: dict[str, Any],
    counts: Any,
) -> dict[str, list[Any]]:
    """Group a per-contact collection (addresses, communication ways) by contact id;
    rows of other contacts are ignored, bad rows of our contacts are counted."""
    grouped: dict[str, list[Any]] = defaultdict(list)
    for page in pages:
        for raw in page:
            try:
                row = parser(raw)
            except RecordError as exc:
                if _concerns(raw, contacts):
                    counts.skip(object_name, exc)
                continue
            if row.contact_id in contacts:
                grouped[row.contact_id].append(row)
    return grouped


def customers_basis(categories: list[CategoryRec]) -> str:
    """What the customer rules read besides the pages (see services.page_ledger)."""
    cats = sorted((c.id, c.name, c.object_type, c.translation_code) for c in categories)
    return basis(cats, settings.get(COUNTRY_CACHE_KEY), local_summary(Customer))


def sync_customers(
    client: SevdeskClient, categories: list[CategoryRec], progress: Progress | None = None
) -> CollectionCounts:
    """C1–C6 for all customers: three sweeps joined locally, then one transaction.

    When every page arrives as in the last run, nothing is parsed (services.page_ledger).
    """
    ledger = PageLedger("customers", customers_basis(categories))
    probe = Probe(client, ledger, progress)
    if probe.unchanged(CUSTOMER_SWEEPS):
        return CollectionCounts(
            "customers",
            unchanged=ledger.previous_counts.get("unchanged", 0),
            skipped=ledger.previous_counts.get("skipped", 0),
        )

    def pages(index: int) -> Iterator[list[Any]]:
        path, params, label = CUSTOMER_SWEEPS[index]
        key = sweep_key(path, params)
        return sweep(
            client,
            path,
            params,
            progress,
            label,
            prefetched=probe.decoded(path, params),
            record=lambda page: ledger.record(key, page),
        )

    counts = CollectionCounts("customers")
    contacts: dict[str, ContactRec] = {}
    present: set[str] = set()
    for page in pages(0):
        for raw in page:
            category = ref_id(raw, "category")
            if category is not None and category != CUSTOMER_CATEGORY_ID:
                continue  # sevDesk ignores unknown filters silently: check again (C1)
            try:
                contact = parse_contact(raw)
            except RecordError as exc:
                if exc.record_id:
                    present.add(exc.record_id)  # unreadable is not deleted (C6)
                counts.skip("Contact", exc)
                continue
            if contact.category_id == CUSTOMER_CATEGORY_ID:
                contacts[contact.id] = contact
                present.add(contact.id)

    addresses: dict[str, list[AddressRec]] = _collect(
        pages(1), parse_address, "ContactAddress", contacts, counts
    )
    ways: dict[str, list[CommWayRec]] = _collect(
        pages(2), parse_comm_way, "CommunicationWay", contacts, counts
    )

    country_ids = {a.country_id for rows in addresses.values() for a in rows if a.country_id}
    countries = load_countries(client, country_ids)
    cats = address_categories_from(categories)
    records = {
        cid: build_customer(c, addresses.get(cid, ()), ways.get(cid, ()), cats, countries)
        for cid, c in contacts.items()
    }
    del addresses, ways
    client.check_cancel()  # last point where a cancel leaves this collection untouched
    if progress:
        progress(0, 1, Message(Key.SAVING_CUSTOMERS))
    ledger.forget()
    counts.add(save_customers(records, present))
    ledger.save(customers_basis(categories), {"unchanged": len(records), "skipped": counts.skipped})
    return counts


def _concerns(raw: Any, contacts: dict[str, ContactRec]) -> bool:
    """Whether a malformed detail record matters: it belongs to a customer or to nobody."""
    owner = ref_id(raw, "contact")
    return owner is None or owner in contacts


# --- writing ------------------------------------------------------------------------------


_CUSTOMER_COLS = (
    "sevdesk_id",
    "sevdesk_update",
    "sync_hash",
    *FIELDS,
    "deleted_in_sevdesk",
    "created_at",
    "updated_at",
)
_ADDRESS_COLS = ("customer", "kind", "street", "zip", "city", "country", "sevdesk_id", "position")
_INFO_COLS = ("customer", "kind", "value", "sevdesk_id", "position")


def save_customers(records: dict[str, CustomerData], present_ids: set[str] | None) -> CollectionCounts:
    """Write new and changed customers in one transaction (C5) and flag vanished ones (C6).

    ``present_ids``: every contact id the "Kunde" sweep returned (also malformed ones, so a
    record we could not read is not mistaken for a deleted one). ``None`` means no sweep
    happened (single import): nothing is flagged. Local customers are never touched (C7).
    """
    counts = CollectionCounts("customers")
    query = Customer.select(
        Customer.id, Customer.sevdesk_id, Customer.sync_hash, Customer.deleted_in_sevdesk
    ).where(Customer.sevdesk_id.is_null(False))
    if present_ids is None:
        query = query.where(Customer.sevdesk_id.in_(list(records)))
    existing = {sid: (cid, digest, bool(deleted)) for cid, sid, digest, deleted in tuples(query)}
    # H9: a contact an invoice is creating right now belongs to that invoice's customer.
    with db.atomic():
        claimed = pending_contacts.claim_for_import(
            {sid: str(data.fields[0]) for sid, data in records.items() if sid not in existing}
        )
    existing.update({sid: (cid, None, False) for sid, cid in claimed.items()})

    new: list[tuple[CustomerData, str]] = []
    changed: list[tuple[int, CustomerData, str]] = []
    adopted: list[tuple[str, str, int]] = []
    for sid, data in records.items():
        digest = data.fingerprint()
        current = existing.get(sid)
        if current is None:
            new.append((data, digest))
        elif current[1] is None:
            # A local customer an invoice linked to sevDesk (I3): its local data stays; what
            # sevDesk holds now is the baseline, later changes there overwrite (C5).
            adopted.append((data.sevdesk_update, digest, current[0]))
            counts.unchanged += 1
        elif current[1] != digest and not current[2] and current[1] == data.legacy_fingerprint():
            adopted.append((data.sevdesk_update, digest, current[0]))  # same content, new hash
            counts.unchanged += 1
        elif current[1] != digest or current[2]:
            changed.append((current[0], data, digest))
        else:
            counts.unchanged += 1
    vanished: list[int] = []
    if present_ids is not None:
        vanished = [
            cid for sid, (cid, _, deleted) in existing.items() if sid not in present_ids and not deleted
        ]
    if not (new or changed or vanished or adopted):
        return counts  # nothing to write: not even a transaction

    now = column_value(Customer.updated_at, utcnow())
    with db.atomic():
        bulk_insert(
            Customer,
            _CUSTOMER_COLS,
            ((d.sevdesk_id, d.sevdesk_update, digest, *d.fields, False, now, now) for d, digest in new),
        )
        ids = _local_ids([d.sevdesk_id for d, _ in new])
        sets = ("sevdesk_update", "sync_hash", *FIELDS, "deleted_in_sevdesk", "updated_at")
        bulk_update(
            Customer,
            sets,
            [(d.sevdesk_update, digest, *d.fields, False, now, cid) for cid, d, digest in changed],
        )
        bulk_delete_children(Address, "customer", [cid for cid, _, _ in changed])
        bulk_delete_children(ContactInfo, "customer", [cid for cid, _, _ in changed])
        targets = [(ids[d.sevdesk_id], d) for d, _ in new] + [(cid, d) for cid, d, _ in changed]
        bulk_insert(
            Address,
            _ADDRESS_COLS,
            ((cid, *a, pos) for cid, d in targets for pos, a in enumerate(d.addresses)),
        )
        bulk_insert(
            ContactInfo, _INFO_COLS, ((cid, *i, pos) for cid, d in targets for pos, i in enumerate(d.infos))
        )
        bulk_update(Customer, ("deleted_in_sevdesk", "updated_at"), [(True, now, cid) for cid in vanished])
        bulk_update(Customer, ("sevdesk_update", "sync_hash"), adopted)
    counts.created = len(new)
    counts.updated = len(changed)
    counts.flagged = len(vanished)
    counts.changed_ids = {ids[d.sevdesk_id] for d, _ in new} | {cid for cid, _, _ in changed}
    counts.changed_ids |= set(vanished)
    return counts


def _local_ids(sevdesk_ids: list[str]) -> dict[str, int]:
    """Local ids of just-inserted customers: one query over the linked customers, or an
    IN query for a handful (single imports)."""
    wanted = set(sevdesk_ids)
    if not wanted:
        return {}
    query = Customer.select(Customer.id, Customer.sevdesk_id).where(Customer.sevdesk_id.is_null(False))
    if len(wanted) <= 500:
        query = query.where(Customer.sevdesk_id.in_(list(wanted)))
    return {sid: cid for cid, sid in tuples(query) if sid in wanted}


# --- single import (order confirmations, O4) ---------------------------------------------


def import_single_customer(client: SevdeskClient, contact_id: str) -> Customer:
    """Import one sevDesk contact by the C1–C4 rules and return the local customer.

    Five requests at most (contact, its addresses, its communication ways, address
    categories, countries only for a foreign country). An existing customer is updated
    per C5. The contact is imported whatever its category; note that the recurring import
    flags it ``deleted_in_sevdesk`` when it is not a "Kunde" in sevDesk (C6 decision above).
    """
    contact_id = str(contact_id).strip()
    contact = fetch_record(
        client,
        "Contact",
        contact_id,
        parse_contact,
        "Der Kontakt wurde in sevDesk nicht gefunden.",
        "Der Kontakt in sevDesk ist unvollständig.",
    )
    ref = {"contact[id]": contact.id, "contact[objectName]": "Contact"}
    # sevDesk ignores unknown filters silently, so the contact id is checked again here.
    addresses = _parse_valid(client.get_all("/ContactAddress", ref), parse_address, contact.id)
    ways = _parse_valid(client.get_all("/CommunicationWay", ref), parse_comm_way, contact.id)
    categories = _parse_valid(
        client.get_all("/Category", {"objectType": "ContactAddress"}), parse_category, None
    )
    countries = load_countries(client, {a.country_id for a in addresses if a.country_id})
    data = build_customer(contact, addresses, ways, address_categories_from(categories), countries)
    save_customers({contact.id: data}, present_ids=None)
    return Customer.get(Customer.sevdesk_id == contact.id)


def _parse_valid(rows: list[Any], parser: Any, contact_id: str | None) -> list[Any]:
    result = []
    for raw in rows:
        try:
            rec = parser(raw)
        except RecordError as exc:
            log.warning("Skipping sevDesk record %s: %s", exc.record_id, exc.reason)
            continue
        if contact_id is None or rec.contact_id == contact_id:
            result.append(rec)
    return result


# --- local customers (C7) -----------------------------------------------------------------

_LOCAL_NUMBER = re.compile(rf"^{re.escape(LOCAL_NUMBER_PREFIX)}(\d+)$")


def next_local_customer_number() -> str:
    """The next free local customer number (``L-1001``, ``L-1002``, …)."""
    highest = LOCAL_NUMBER_START - 1
    query = Customer.select(Customer.customer_number).where(
        Customer.customer_number.startswith(LOCAL_NUMBER_PREFIX)
    )
    for (number,) in tuples(query):
        match = _LOCAL_NUMBER.match(number or "")
        if match:
            highest = max(highest, int(match.group(1)))
    return f"{LOCAL_NUMBER_PREFIX}{highest + 1}"


def create_local_customer(**fields: Any) -> Customer:
    """Create a customer that exists only locally (no sevDesk id, C7).

    Accepts the customer columns (kind, first_name, last_name, company, name_suffix,
    description, customer_number — generated when missing), ``addresses`` (dicts with
    kind, street, zip, city, country) and the lists ``emails``, ``mobiles``, ``phones``.
    """
    addresses = list(fields.pop("addresses", None) or [])
    infos = [
        (kind, str(v).strip())
        for kind, key in (("email", "emails"), ("mobile", "mobiles"), ("phone", "phones"))
        for v in (fields.pop(key, None) or [])
        if str(v).strip()
    ]
    unknown = set(fields) - set(FIELDS) - set(LOCAL_ONLY_FIELDS)
    if unknown:
        raise ValueError(f"unknown customer fields: {', '.join(sorted(unknown))}")
    kind = fields.setdefault("kind", "organisation")
    if kind not in CUSTOMER_KINDS:
        raise ValueError(f"unknown customer kind {kind!r}")
    for a in addresses:
        if a.get("kind") not in ADDRESS_KINDS:
            raise ValueError(f"unknown address kind {a.get('kind')!r}")
    with db.atomic():
        if not fields.get("customer_number"):
            fields["customer_number"] = next_local_customer_number()
        customer = Customer.create(**fields)
        for pos, a in enumerate(addresses):
            Address.create(
                customer=customer,
                kind=a["kind"],
                street=a.get("street", ""),
                zip=a.get("zip", ""),
                city=a.get("city", ""),
                country=a.get("country") or "DE",
                position=pos,
            )
        for pos, (kind_, value) in enumerate(infos):
            ContactInfo.create(customer=customer, kind=kind_, value=value, position=pos)
    return customer
