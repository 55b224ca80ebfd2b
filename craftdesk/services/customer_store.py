"""Writing imported customers: compare each with its fingerprint and write only what changed
(C5), flag the customers sevDesk no longer returns (C6), never touch local ones (C7).

Decisions (the SPEC leaves them open):

* C6: a customer that is no longer returned by the "Kunde" sweep is flagged
  ``deleted_in_sevdesk`` (and kept) only when sevDesk confirms the contact is gone
  (``confirm_gone``). One moved to another contact category, or imported with one for an
  order confirmation (O4), still exists: it keeps its last imported data, unflagged. A
  flagged customer is un-flagged when it comes back.
* A local customer that an invoice linked to a sevDesk contact (I3/I4) keeps its local data
  on the first import that sees it; from then on, changes in sevDesk overwrite it (C5).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from ..clock import utcnow
from ..store.bulk import (
    bulk_delete_children,
    bulk_insert_joined,
    bulk_insert_packed,
    bulk_update,
    column_value,
    inserted_ids,
    raw_rows,
)
from ..store.db import db
from ..store.models import Address, ContactInfo, Customer
from . import pending_contacts
from .customer_rules import FIELDS, SEP, CustomerData, Taken
from .fetching import CollectionCounts
from .fingerprints import digest as fields_digest

_CUSTOMER_COLS = ("sevdesk_id", "sevdesk_update", "sync_hash", *FIELDS)  # of a new one, with _write's
_UPDATE_COLS = ("sevdesk_update", "sync_hash", *FIELDS, "deleted_in_sevdesk", "updated_at")
_ADDRESS_COLS = ("customer", "kind", "street", "zip", "city", "country", "sevdesk_id", "position")
_INFO_COLS = ("customer", "kind", "value", "sevdesk_id", "position")

Existing = dict[str, tuple[int, str | None, bool]]  # sevdesk id -> local id, fingerprint, flagged


def _existing(records: Mapping[str, CustomerData], swept: bool) -> Existing:
    query = Customer.select(
        Customer.id, Customer.sevdesk_id, Customer.sync_hash, Customer.deleted_in_sevdesk
    ).where(Customer.sevdesk_id.is_null(False))
    if not swept:
        query = query.where(Customer.sevdesk_id.in_(list(records)))
    return {sid: (cid, digest, bool(deleted)) for cid, sid, digest, deleted in raw_rows(query)}


def _taker(records: Mapping[str, CustomerData]) -> Callable[[str], Taken]:
    """How to get each record as written, for the last time: a packed source lets its
    items go."""
    take: Callable[[str], Taken] | None = getattr(records, "take", None)
    return take if take is not None else lambda sid: records[sid].taken()


def _row_taker(records: Mapping[str, CustomerData]) -> Callable[[str], tuple[str, str, str]]:
    """:func:`_taker` for a new customer: its row (``Taken.row``), addresses and ways."""
    take_row: Callable[[str], tuple[str, str, str]] | None = getattr(records, "take_row", None)
    if take_row is not None:
        return take_row

    def row_of(sid: str) -> tuple[str, str, str]:
        taken = records[sid].taken()
        return taken.row(sid), taken.addresses, taken.infos

    return row_of


def _number_of(records: Mapping[str, CustomerData]) -> Callable[[str], str]:
    number: Callable[[str], str] | None = getattr(records, "customer_number", None)
    return number if number is not None else lambda sid: str(records[sid].fields[0])


def kept_fingerprint(data: Taken) -> str:
    """The fingerprint of a customer written with its addresses and ways kept as stored:
    of its own fields alone, marked so that it matches no whole customer's. While they stay
    kept, a run that reads the pages finds it unchanged when its fields are; once they are
    readable again, the customer no longer matches and is written whole."""
    return "kept:" + fields_digest(data.fields)


class KeptAsStored:
    """Customers whose addresses and communication ways stay as stored this run, while
    their own fields follow sevDesk (C5 with "unreadable is not deleted"): one of them came
    unreadably (else it would be deleted here), or a sweep of them was not provably complete
    (``everyone``). The owner of an unreadable one comes from the record, or, when its
    contact cannot be read either, from the address or way stored under the record's id."""

    def __init__(self) -> None:
        self.owners: set[str] = set()
        self.children: set[str] = set()
        self.everyone = False

    def note(self, owner: str | None, child_id: str | None) -> None:
        if owner is not None:
            self.owners.add(owner)
        elif child_id is not None and child_id.isascii() and child_id.isdigit():
            self.children.add(child_id)

    def sevdesk_ids(self, every: Iterable[str] = ()) -> set[str]:
        """The customers to keep; ``every`` customer of the run when ``everyone``."""
        if self.everyone:
            return set(every)
        found = set(self.owners)
        for model in (Address, ContactInfo):
            if self.children:
                query = (
                    model.select(Customer.sevdesk_id)
                    .join(Customer)
                    .where(model.sevdesk_id.in_(sorted(self.children)), Customer.sevdesk_id.is_null(False))
                )
                found.update(sid for (sid,) in raw_rows(query))
        return found


class _Plan:
    """What one save writes: new, changed and adopted customers, and vanished ones."""

    def __init__(self, records: Mapping[str, CustomerData], existing: Existing, keep: set[str]) -> None:
        self.new: list[str] = []  # sevDesk ids: built when written (not kept meanwhile)
        self.changed: list[tuple[int, Taken]] = []
        self.adopted: list[tuple[str, str, int]] = []
        self.fields_only: list[tuple[int, Taken]] = []  # addresses and ways kept
        self.unchanged = 0
        take = _taker(records)
        for sid in records:
            current = existing.get(sid)
            if current is None:
                self.new.append(sid)
                continue
            data = take(sid)
            digest = data.fingerprint
            if sid in keep:  # as stored, unless its own fields changed (or it came back)
                if current[2] or current[1] not in (digest, kept_fingerprint(data)):
                    self.fields_only.append((current[0], data))
                else:
                    self.unchanged += 1
                continue
            if current[1] is None:
                # A local customer an invoice linked to sevDesk (I3): its local data stay;
                # what sevDesk holds now is the baseline, later changes there overwrite (C5).
                self.adopted.append((data.sevdesk_update, digest, current[0]))
                self.unchanged += 1
            elif current[1] != digest and not current[2] and current[1] in data.older_fingerprints():
                self.adopted.append((data.sevdesk_update, digest, current[0]))  # same content
                self.unchanged += 1
            elif current[1] != digest or current[2]:
                self.changed.append((current[0], data))
            else:
                self.unchanged += 1


def save_customers(
    records: Mapping[str, CustomerData],
    present_ids: set[str] | None,
    confirm_gone: Callable[[Sequence[str]], set[str]] | None = None,
    keep: set[str] | None = None,
) -> CollectionCounts:
    """Write new and changed customers in one transaction (C5) and flag vanished ones (C6).

    ``present_ids``: every contact id the "Kunde" sweep returned (also malformed ones, so a
    record we could not read is not mistaken for a deleted one). ``None`` means no sweep
    happened (single import): nothing is flagged. ``confirm_gone`` gets the sevDesk ids of
    the customers the sweep no longer returned and answers which of them sevDesk no longer
    has: only those are flagged (without it, all are). Local customers are never touched (C7).
    ``keep``: sevDesk ids of customers that stay as stored (see :class:`KeptAsStored`).
    ``records`` may be a packed source (``customer_packing.PackedCustomers``): each record is
    then built once, when it is compared or written, and let go right after.
    """
    counts = CollectionCounts("customers")
    existing = _existing(records, present_ids is not None)
    vanished: list[int] = []
    if present_ids is not None:  # asked before anything is written: a cancel here leaves all as it was
        missing = {
            sid: cid for sid, (cid, _, deleted) in existing.items() if sid not in present_ids and not deleted
        }
        gone = confirm_gone(sorted(missing)) if missing and confirm_gone is not None else missing.keys()
        vanished = [missing[sid] for sid in sorted(gone) if sid in missing]
    # H9: a contact an invoice is creating right now belongs to that invoice's customer.
    with db.atomic():
        claimed = pending_contacts.claim_for_import(
            (sid for sid in records if sid not in existing), _number_of(records)
        )
    existing.update({sid: (cid, None, False) for sid, cid in claimed.items()})
    plan = _Plan(records, existing, keep or set())
    counts.unchanged = plan.unchanged
    if not (plan.new or plan.changed or vanished or plan.adopted or plan.fields_only):
        let_go(existing)
        return counts  # nothing to write: not even a transaction
    with db.atomic():
        new_ids = _write(plan, _row_taker(records), vanished)
    counts.created = len(plan.new)
    counts.updated = len(plan.changed) + len(plan.fields_only)
    counts.flagged = len(vanished)
    counts.changed_ids = (
        set(new_ids) | {cid for cid, _ in plan.changed} | set(vanished) | {cid for cid, _ in plan.fields_only}
    )
    let_go(plan.changed, existing)
    return counts


def let_go(*held: list[Any] | dict[Any, Any] | set[Any]) -> None:
    """Free long lists, dicts and sets an item at a time: freed in one piece (a list of
    50,000 customers, or the import's dicts when its function returns) they held the GIL
    for 5-100 ms and the window stood still meanwhile (the import runs in its thread)."""
    for items in held:
        pop = items.popitem if isinstance(items, dict) else items.pop
        while items:
            pop()


# Addresses and communication ways of one customer: its local id and their values joined
# by SEP (a few texts per customer instead of a tuple per row while the customers go in).
# (bulk.bulk_insert_packed writes them as they are.)
Children = tuple[int, str, str]


def _write(plan: _Plan, take_row: Callable[[str], tuple[str, str, str]], vanished: list[int]) -> list[int]:
    """The statements of one save (inside its transaction); the local ids of the new rows."""
    now = column_value(Customer.updated_at, utcnow())
    children: list[tuple[str, str, str]] = []

    def new_rows() -> Iterator[str]:
        for sid in plan.new:
            row, addresses, infos = take_row(sid)
            children.append((sid, addresses, infos))
            yield row

    bulk_insert_joined(
        Customer,
        _CUSTOMER_COLS,
        new_rows(),
        SEP,
        {"deleted_in_sevdesk": False, "created_at": now, "updated_at": now},
        truths={"government_agency"},
    )
    given = inserted_ids(Customer, len(plan.new))  # without a query over the new rows
    ids = _local_ids(plan.new) if given is None else None
    changed = plan.changed
    bulk_update(
        Customer,
        _UPDATE_COLS,
        [(d.sevdesk_update, d.fingerprint, *d.fields, False, now, cid) for cid, d in changed]
        + [
            (d.sevdesk_update, kept_fingerprint(d), *d.fields, False, now, cid) for cid, d in plan.fields_only
        ],
    )
    bulk_delete_children(Address, "customer", [cid for cid, _ in changed])
    bulk_delete_children(ContactInfo, "customer", [cid for cid, _ in changed])
    targets: list[Children] = (
        [(ids[sid], a, i) for sid, a, i in children]
        if ids is not None
        else [(cid, a, i) for cid, (_, a, i) in zip(given or (), children, strict=True)]
    )
    children.clear()
    targets += [(cid, d.addresses, d.infos) for cid, d in changed]
    bulk_insert_packed(Address, _ADDRESS_COLS, targets, 1, SEP)
    bulk_insert_packed(ContactInfo, _INFO_COLS, targets, 2, SEP)
    bulk_update(Customer, ("deleted_in_sevdesk", "updated_at"), [(True, now, cid) for cid in vanished])
    bulk_update(Customer, ("sevdesk_update", "sync_hash"), plan.adopted)
    new_ids = [cid for cid, _, _ in targets[: len(plan.new)]]
    let_go(targets)
    return new_ids


def _local_ids(sevdesk_ids: list[str]) -> dict[str, int]:
    """Local ids of just-inserted customers: one query over the linked customers, or an
    IN query for a handful (single imports)."""
    wanted = set(sevdesk_ids)
    if not wanted:
        return {}
    query = Customer.select(Customer.id, Customer.sevdesk_id).where(Customer.sevdesk_id.is_null(False))
    if len(wanted) <= 500:
        query = query.where(Customer.sevdesk_id.in_(list(wanted)))
    return {sid: cid for cid, sid in raw_rows(query) if sid in wanted}
