"""Customers an invoice is creating in sevDesk right now (SPEC H9).

Between sevDesk committing ``POST /Contact`` and its answer reaching craftdesk, an import
(in this or another process) already sees the new contact. Without a note it would create
a second local customer with the same number, and every retry of the invoice would then
fail on that number. So the invoice notes "customer C is being created with number N"
(committed before the POST); an import that meets a new sevDesk customer with number N
binds it to C instead of creating one. The note is removed once the invoice has bound the
contact itself, or when sevDesk refused the contact.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..store import settings
from ..store.db import db
from ..store.models import Customer

KEY = "contacts_being_created"


def _notes() -> dict[str, int]:
    raw = settings.get(KEY) or {}
    if not isinstance(raw, dict):
        return {}
    return {
        str(number): int(cid)
        for number, cid in raw.items()
        if isinstance(cid, int) and not isinstance(cid, bool)
    }


def note(customer_id: int, number: str) -> None:
    """Record that ``customer_id`` is about to be created in sevDesk with ``number``."""
    with db.atomic():
        notes = _notes()
        notes[number] = customer_id
        settings.set(KEY, notes)


def forget(number: str) -> None:
    with db.atomic():
        notes = _notes()
        if notes.pop(number, None) is not None:
            settings.set(KEY, notes)


def claim_for_import(new_contacts: Iterable[str], number_of: Callable[[str], str]) -> dict[str, int]:
    """Bind new sevDesk contacts (their ids; ``number_of(id)`` is the customer number) to
    the local customers an invoice is creating with that number; returns
    ``{sevdesk_id: local id}``. Without a note, no number is asked for.

    Must run inside the import's transaction. Only customers still without a sevDesk id
    are bound, each to one contact; their data stay local (``sync_hash`` None, as I3 binds).
    """
    notes = _notes()
    if not notes:
        return {}
    bound: dict[str, int] = {}
    for sevdesk_id in new_contacts:
        number = number_of(sevdesk_id)
        customer_id = notes.get((number or "").strip())
        if customer_id is None or customer_id in bound.values():
            continue
        changed = (
            Customer.update(sevdesk_id=sevdesk_id, deleted_in_sevdesk=False, sync_hash=None)
            .where((Customer.id == customer_id) & Customer.sevdesk_id.is_null())
            .execute()
        )
        if changed:
            bound[sevdesk_id] = customer_id
    return bound
