"""Customers: sevDesk contacts of category "Kunde" become local customers (SPEC C1–C7).

The rules that pick addresses (C3) and communication ways (C4) are pure functions in
``customer_rules``; writing (C5, C6) is ``customer_store``. This module reads sevDesk:
the bulk import (three sweeps joined per contact, services.importer), the single import
used when an order confirmation names an unknown customer, and local customers (C7).

The bulk import keeps one packed text per sevDesk row while it reads (never the decoded
pages, never record objects) and builds each customer only when it compares or writes it
(``customer_packing.PackedCustomers``), so its memory is about the size of what it stores.

Decisions (documented here because the SPEC leaves them open):

* C7: local customers (no sevDesk id) get numbers ``L-1001``, ``L-1002``, … The prefix
  keeps them apart from sevDesk's numeric sequence, so looking a customer up in sevDesk by
  number (I3) can never bind a different sevDesk contact by accident.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta
from typing import Any, TypeVar

from ..api.client import SevdeskClient
from ..api.errors import ApiError, NotFoundError, ServerError, ThrottledError, UnreachableError
from ..api.fast_pages import ADDRESSES, COMM_WAYS, CONTACTS
from ..api.records import (
    CategoryRec,
    RecordError,
    address_row,
    comm_way_row,
    contact_row,
    parse_address,
    parse_category,
    parse_comm_way,
    parse_contact,
)
from ..messages import Key, Message
from ..store import settings
from ..store.bulk import tuples
from ..store.db import db
from ..store.models import ADDRESS_KINDS, CUSTOMER_KINDS, Address, ContactInfo, Customer
from .customer_packing import PackedCustomers
from .customer_rules import (
    FIELDS,
    SEP,
    AddressItem,
    CustomerData,
    WayItem,
    address_reader,
    build_customer,
    pack_contact,
    pack_customer_page,
    pick_addresses,
    pick_comm_ways,
    salutation_of,
    way_item,
)
from .customer_store import KeptAsStored, let_go, save_customers
from .fetching import (
    COUNTRY_CACHE_KEY,
    CollectionCounts,
    Progress,
    every_id,
    fetch_record,
    load_countries,
    ref_id,
)
from .lookups import (
    CUSTOMER_CATEGORY_ID,
    address_categories_from,
)
from .page_ledger import LedgerSweeps, Sweep, basis, local_summary

log = logging.getLogger(__name__)

LOCAL_NUMBER_PREFIX = "L-"
LOCAL_NUMBER_START = 1001
# Local choices that no import touches (E1: None = e-invoice by kind).
LOCAL_ONLY_FIELDS = ("e_invoice",)

__all__ = [
    "FIELDS",
    "CollectionCounts",
    "CustomerData",
    "address_categories_from",
    "build_customer",
    "pick_addresses",
    "pick_comm_ways",
    "salutation_of",
    "save_customers",
    "sync_customers",
]

# --- the bulk sweep -------------------------------------------------------------------------

# C6: customers the "Kunde" sweep no longer returned are looked up one by one up to this
# many (usually none or a few); more are checked against one sweep of every contact.
GONE_CHECKS_ONE_BY_ONE = 20
CONTACT_FILTER = {"depth": 1, "category[id]": CUSTOMER_CATEGORY_ID, "category[objectName]": "Category"}


CUSTOMER_SWEEPS: list[Sweep] = [
    ("/Contact", CONTACT_FILTER, "Kunden"),
    ("/ContactAddress", None, "Adressen"),
    ("/CommunicationWay", None, "Kommunikationswege"),
]

Contact = str  # sevDesk update and values of FIELDS, packed (customer_rules.pack_contact)
Item = TypeVar("Item")


def customers_basis(categories: list[CategoryRec]) -> str:
    """What the customer rules read besides the pages (see services.page_ledger); also
    whether a contact in another category is due to be asked about again (C6), so that
    week running out reads the pages again even when none changed."""
    cats = sorted((c.id, c.name, c.object_type, c.translation_code) for c in categories)
    return basis(cats, settings.get(COUNTRY_CACHE_KEY), local_summary(Customer), ContactsElsewhere().due())


def sync_customers(
    client: SevdeskClient, categories: list[CategoryRec], progress: Progress | None = None
) -> CollectionCounts:
    """C1–C6 for all customers: three sweeps joined locally, then one transaction.

    When every page arrives as in the last run, nothing is parsed (services.page_ledger).
    """
    sweeps = LedgerSweeps(client, "customers", CUSTOMER_SWEEPS, lambda: customers_basis(categories), progress)
    if sweeps.unchanged:
        return CollectionCounts(
            "customers", unchanged=sweeps.previous("unchanged"), skipped=sweeps.previous("skipped")
        )
    counts = CollectionCounts("customers")
    contacts, present = _read_contacts(sweeps.pages(0, CONTACTS), counts)
    kept = KeptAsStored()
    addresses: dict[str, list[AddressItem]]
    addresses, address_rows = _group(
        sweeps.pages(1, ADDRESSES),
        address_row,
        address_reader(address_categories_from(categories)),
        "ContactAddress",
        contacts,
        (counts, kept),
    )
    ways: dict[str, list[WayItem]]
    ways, way_rows = _group(
        sweeps.pages(2, COMM_WAYS), comm_way_row, way_item, "CommunicationWay", contacts, (counts, kept)
    )
    if not (sweeps.complete(1, address_rows) and sweeps.complete(2, way_rows)):
        log.warning("Fewer addresses or ways than sevDesk counts: every customer keeps its own this run")
        kept.everyone = True
    countries = load_countries(client, {a.rsplit(SEP, 1)[1] for items in addresses.values() for a in items})
    records = PackedCustomers(contacts, addresses, ways, countries)
    client.check_cancel()  # last point where a cancel leaves this collection untouched
    if progress:
        progress(0, 1, Message(Key.SAVING_CUSTOMERS))
    sweeps.forget()
    readable = len(records)
    elsewhere = ContactsElsewhere()
    gone = elsewhere.confirm_gone
    counts.add(save_customers(records, present, lambda ids: gone(client, ids), kept.sevdesk_ids(contacts)))
    if not elsewhere.asked:  # no customer is missing: nothing in another category to remember
        elsewhere.keep((), set())
    if not elsewhere.unsure:  # else the next run reads every page again and asks once more
        sweeps.save(customers_basis(categories), {"unchanged": readable, "skipped": counts.skipped})
    let_go(contacts, addresses, ways, present)  # not in one piece when this returns
    return counts


class ContactsElsewhere:
    """Customers sevDesk still has in another category (C6), with the day that was last
    confirmed: asked again after ``RECHECK_DAYS`` (a deletion there is noticed then), not on
    every run — more than 20 of them cost a sweep of every contact each time."""

    KEY = "customers_outside_kunde"
    RECHECK_DAYS = 7

    def __init__(self) -> None:
        self.seen: dict[str, str] = dict(settings.get(self.KEY) or {})
        self.today = date.today()
        self.asked = False  # confirm_gone was called (some customer is missing)
        self.unsure = False  # sevDesk could not tell: nothing flagged, ask again next run

    def confirm_gone(self, client: SevdeskClient, sevdesk_ids: Sequence[str]) -> set[str]:
        """Which missing customers sevDesk no longer has; the ones confirmed lately as being
        elsewhere are not asked again (see :func:`gone_from_sevdesk`)."""
        self.asked = True
        ask = [sid for sid in sevdesk_ids if not self.fresh(sid)]
        gone = gone_from_sevdesk(client, ask) if ask else set()
        if gone is None:
            self.unsure = True
            return set()
        self.keep([sid for sid in sevdesk_ids if sid not in gone], set(ask) - gone)
        return gone

    def fresh(self, sevdesk_id: str) -> bool:
        """Confirmed within the week (a day after today, from a clock ahead: not fresh)."""
        last = self.seen.get(sevdesk_id, "")
        return self._since() <= last <= self.today.isoformat()

    def due(self) -> str:
        """The first day one of them is to be asked about again, once it has come ("")."""
        stale = [day for day in self.seen.values() if not self._since() <= day <= self.today.isoformat()]
        return min(stale, default="")

    def _since(self) -> str:
        return (self.today - timedelta(days=self.RECHECK_DAYS)).isoformat()

    def keep(self, missing: Sequence[str], confirmed: set[str]) -> None:
        """Remember ``confirmed`` as of today; forget ids no longer missing."""
        still = set(missing)
        kept = {sid: day for sid, day in self.seen.items() if sid in still}
        kept.update(dict.fromkeys(confirmed, self.today.isoformat()))
        if kept != self.seen:
            settings.set(self.KEY, kept)
            self.seen = kept


def gone_from_sevdesk(client: SevdeskClient, sevdesk_ids: Sequence[str]) -> set[str] | None:
    """Which of these contacts, no longer returned by the "Kunde" sweep, sevDesk no longer
    has (C6): a contact moved to another category, or imported with one for an order
    confirmation (O4), still exists and is not "in sevDesk gelöscht". A few are asked for
    one by one, more by one sweep of every contact; None when sevDesk could not tell (then
    nothing is flagged this time)."""
    try:
        if len(sevdesk_ids) <= GONE_CHECKS_ONE_BY_ONE:
            gone = set()
            for sevdesk_id in sevdesk_ids:
                client.check_cancel()
                try:
                    client.get_one(f"/Contact/{sevdesk_id}")
                except NotFoundError:
                    gone.add(sevdesk_id)
            return gone
        existing = every_id(client, "/Contact", {"depth": 1})
        return None if existing is None else set(sevdesk_ids) - existing
    except (ApiError, ServerError, ThrottledError, UnreachableError) as exc:
        log.info("Could not confirm %d contacts as deleted in sevDesk: %s", len(sevdesk_ids), exc.message)
        return None


def _read_contacts(
    pages: Iterable[list[Any]], counts: CollectionCounts
) -> tuple[dict[str, Contact], set[str]]:
    """The customers of the "Kunde" sweep (C1), and every contact id it returned (also of
    unreadable records: unreadable is not deleted, C6)."""
    contacts: dict[str, Contact] = {}
    present: set[str] = set()
    for page in pages:  # sevDesk ignores unknown filters silently: the category is checked again (C1)
        if not pack_customer_page(page, CUSTOMER_CATEGORY_ID, contacts, present):
            for raw in page:
                if ref_id(raw, "category") not in (None, CUSTOMER_CATEGORY_ID):
                    continue
                try:
                    row = contact_row(raw)
                except RecordError as exc:
                    if exc.record_id:
                        present.add(exc.record_id)
                    counts.skip("Contact", exc)
                    continue
                if row[2] == CUSTOMER_CATEGORY_ID:
                    contacts[row[0]] = pack_contact(row)
                    present.add(row[0])
        del page  # let go before the next one is asked for
    return contacts, present


def _group(
    pages: Iterable[list[Any]],
    parse: Callable[[Any], Any],
    item: Callable[[Any], Item | None],
    object_name: str,
    contacts: dict[str, Contact],
    bad: tuple[CollectionCounts, KeptAsStored],
) -> tuple[dict[str, list[Item]], int]:
    """A per-contact collection (addresses, communication ways) as compact items per
    contact id, and the number of distinct rows read; rows of other contacts are ignored,
    bad rows of our contacts (or of no readable contact) are counted, and the customers
    they may belong to kept as stored."""
    grouped: dict[str, list[Item]] = {}
    rows = 0
    for page in pages:
        rows += len(page)
        for raw in page:
            try:
                row = raw if type(raw) is tuple else parse(raw)  # a tuple: read already
            except RecordError as exc:
                owner = ref_id(raw, "contact")
                if owner is None or not (owner.isascii() and owner.isdigit()) or owner in contacts:
                    bad[0].skip(object_name, exc)
                    bad[1].note(owner if owner in contacts else None, ref_id(raw, "id"))
                continue
            owner = row[1]
            if owner in contacts:
                kept = item(row)
                if kept is not None:
                    items = grouped.get(owner)
                    if items is None:
                        grouped[owner] = [kept]
                    else:
                        items.append(kept)
        del page  # let go before the next one is asked for
    return grouped, rows


# --- single import (order confirmations, O4) ---------------------------------------------


def import_single_customer(client: SevdeskClient, contact_id: str) -> Customer:
    """Import one sevDesk contact by the C1–C4 rules and return the local customer.

    Five requests at most (contact, its addresses, its communication ways, address
    categories, countries only for a foreign country). An existing customer is updated
    per C5. The contact is imported whatever its category; the recurring import does not
    update it while it is not a "Kunde" in sevDesk, nor flag it as deleted (C6).
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
    kept = KeptAsStored()  # an unreadable address or way of this contact: stays as stored
    addresses = _parse_valid(client.get_all("/ContactAddress", ref), parse_address, contact.id, kept)
    ways = _parse_valid(client.get_all("/CommunicationWay", ref), parse_comm_way, contact.id, kept)
    categories = _parse_valid(
        client.get_all("/Category", {"objectType": "ContactAddress"}), parse_category, None
    )
    countries = load_countries(client, {a.country_id for a in addresses if a.country_id})
    data = build_customer(contact, addresses, ways, address_categories_from(categories), countries)
    save_customers({contact.id: data}, present_ids=None, keep={contact.id} & kept.sevdesk_ids())
    return Customer.get(Customer.sevdesk_id == contact.id)


def _parse_valid(
    rows: list[Any], parser: Any, contact_id: str | None, kept: KeptAsStored | None = None
) -> list[Any]:
    result = []
    for raw in rows:
        try:
            rec = parser(raw)
        except RecordError as exc:
            log.warning("Skipping sevDesk record %s: %s", exc.record_id, exc.reason)
            owner = ref_id(raw, "contact")
            if kept is not None and (
                owner is None or not (owner.isascii() and owner.isdigit()) or owner == contact_id
            ):
                kept.note(contact_id, None)
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
