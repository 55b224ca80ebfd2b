"""Writing imported customers: compare each with its fingerprint and write only what changed
(C5), flag the customers sevDesk no longer returns (C6), never touch local ones (C7).

Decisions (the SPEC leaves them open):

* C6: a customer that is no longer returned by the "Kunde" sweep — deleted in sevDesk *or*
  moved to another contact category — is flagged ``deleted_in_sevdesk`` and kept. Both
  mean "no longer a sevDesk customer"; it is un-flagged if it comes back.
* A local customer that an invoice linked to a sevDesk contact (I3/I4) keeps its local data
  on the first import that sees it; from then on, changes in sevDesk overwrite it (C5).
"""

from __future__ import annotations

from collections.abc import Mapping

from ..clock import utcnow
from ..store.bulk import bulk_delete_children, bulk_insert, bulk_update, column_value, raw_rows
from ..store.db import db
from ..store.models import Address, ContactInfo, Customer
from . import pending_contacts
from .customer_rules import FIELDS, CustomerData
from .fetching import CollectionCounts

_CUSTOMER_COLS = (
    "sevdesk_id",
    "sevdesk_update",
    "sync_hash",
    *FIELDS,
    "deleted_in_sevdesk",
    "created_at",
    "updated_at",
)
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


class _Plan:
    """What one save writes: new, changed and adopted customers, and vanished ones."""

    def __init__(self, records: Mapping[str, CustomerData], existing: Existing) -> None:
        self.new: list[CustomerData] = []  # fingerprinted when written (not kept meanwhile)
        self.changed: list[tuple[int, CustomerData, str]] = []
        self.adopted: list[tuple[str, str, int]] = []
        self.unchanged = 0
        for sid, data in records.items():
            current = existing.get(sid)
            if current is None:
                self.new.append(data)
                continue
            digest = data.fingerprint()
            if current[1] is None:
                # A local customer an invoice linked to sevDesk (I3): its local data stay;
                # what sevDesk holds now is the baseline, later changes there overwrite (C5).
                self.adopted.append((data.sevdesk_update, digest, current[0]))
                self.unchanged += 1
            elif current[1] != digest and not current[2] and current[1] == data.legacy_fingerprint():
                self.adopted.append((data.sevdesk_update, digest, current[0]))  # same content
                self.unchanged += 1
            elif current[1] != digest or current[2]:
                self.changed.append((current[0], data, digest))
            else:
                self.unchanged += 1


def save_customers(records: Mapping[str, CustomerData], present_ids: set[str] | None) -> CollectionCounts:
    """Write new and changed customers in one transaction (C5) and flag vanished ones (C6).

    ``present_ids``: every contact id the "Kunde" sweep returned (also malformed ones, so a
    record we could not read is not mistaken for a deleted one). ``None`` means no sweep
    happened (single import): nothing is flagged. Local customers are never touched (C7).
    """
    counts = CollectionCounts("customers")
    existing = _existing(records, present_ids is not None)
    # H9: a contact an invoice is creating right now belongs to that invoice's customer.
    with db.atomic():
        claimed = pending_contacts.claim_for_import(
            {sid: str(data.fields[0]) for sid, data in records.items() if sid not in existing}
        )
    existing.update({sid: (cid, None, False) for sid, cid in claimed.items()})
    plan = _Plan(records, existing)
    counts.unchanged = plan.unchanged
    vanished: list[int] = []
    if present_ids is not None:
        vanished = [
            cid for sid, (cid, _, deleted) in existing.items() if sid not in present_ids and not deleted
        ]
    if not (plan.new or plan.changed or vanished or plan.adopted):
        return counts  # nothing to write: not even a transaction
    with db.atomic():
        new_ids = _write(plan, vanished)
    counts.created = len(plan.new)
    counts.updated = len(plan.changed)
    counts.flagged = len(vanished)
    counts.changed_ids = set(new_ids.values()) | {cid for cid, _, _ in plan.changed} | set(vanished)
    return counts


def _write(plan: _Plan, vanished: list[int]) -> dict[str, int]:
    """The statements of one save (inside its transaction); the local ids of the new rows."""
    now = column_value(Customer.updated_at, utcnow())
    bulk_insert(
        Customer,
        _CUSTOMER_COLS,
        ((d.sevdesk_id, d.sevdesk_update, d.fingerprint(), *d.fields, False, now, now) for d in plan.new),
    )
    ids = _local_ids([d.sevdesk_id for d in plan.new])
    changed = plan.changed
    bulk_update(
        Customer,
        _UPDATE_COLS,
        [(d.sevdesk_update, digest, *d.fields, False, now, cid) for cid, d, digest in changed],
    )
    bulk_delete_children(Address, "customer", [cid for cid, _, _ in changed])
    bulk_delete_children(ContactInfo, "customer", [cid for cid, _, _ in changed])
    targets = [(ids[d.sevdesk_id], d) for d in plan.new] + [(cid, d) for cid, d, _ in changed]
    bulk_insert(
        Address,
        _ADDRESS_COLS,
        ((cid, *a, pos) for cid, d in targets for pos, a in enumerate(d.addresses)),
    )
    bulk_insert(
        ContactInfo, _INFO_COLS, ((cid, *i, pos) for cid, d in targets for pos, i in enumerate(d.infos))
    )
    bulk_update(Customer, ("deleted_in_sevdesk", "updated_at"), [(True, now, cid) for cid in vanished])
    bulk_update(Customer, ("sevdesk_update", "sync_hash"), plan.adopted)
    return ids


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
