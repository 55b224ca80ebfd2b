"""The claim on an invoice draft while it is being sent (SPEC I5, H8).

A pending draft carries who is working on it (``InvoiceDraft.claim``, a random token per
attempt) and since when (``sent_at``, the lease). The holder renews the lease while it
waits for sevDesk (the client's ``on_wait`` hook, so a throttled look-up of several
minutes does not let it expire) and re-checks, in one transaction right before the POST,
that the claim is still its own. Another attempt takes a draft over only when the lease
has run out, and then looks the reference up before it sends anything (services.invoices).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from ..api.client import SevdeskClient
from ..clock import utcnow
from ..errors import PreconditionError
from ..store.db import db
from ..store.engine import claim
from ..store.models import InvoiceDraft

RENEW_EVERY = timedelta(seconds=10)  # well inside the lease of services.invoices.LEASE

LOST_MESSAGE = (
    "Ein anderer Versuch hat das Anlegen dieses Rechnungsentwurfs übernommen; von hier wurde nichts gesendet."
)


class ClaimLost(PreconditionError):
    """Another attempt took the draft over; this one must not send or change it."""


def new_token() -> str:
    return uuid.uuid4().hex


class Keeper:
    """Renews and re-checks one attempt's claim (always in the attempt's own thread)."""

    def __init__(self, draft: InvoiceDraft) -> None:
        self.draft_id = draft.id
        self.token = draft.claim
        self.renewed = utcnow()

    def _mine(self) -> object:
        return (
            (InvoiceDraft.id == self.draft_id)
            & (InvoiceDraft.claim == self.token)
            & (InvoiceDraft.state == "pending")
        )

    def renew(self) -> None:
        """Extend the lease now and then while waiting; ClaimLost when it is gone."""
        now = utcnow()
        if now - self.renewed < RENEW_EVERY:
            return
        with db.atomic():
            changed = InvoiceDraft.update(sent_at=now).where(self._mine()).execute()
        if not changed:
            raise ClaimLost(LOST_MESSAGE)
        self.renewed = now

    def recheck(self) -> None:
        """Right before the POST: still pending and still ours, lease renewed (one
        transaction holding the row, so no other attempt can take it in between)."""
        now = utcnow()
        with claim(InvoiceDraft, self.draft_id):
            changed = InvoiceDraft.update(sent_at=now).where(self._mine()).execute()
        if not changed:
            raise ClaimLost(LOST_MESSAGE)
        self.renewed = now


@contextmanager
def kept(client: SevdeskClient, draft: InvoiceDraft) -> Iterator[Keeper]:
    """Keep ``draft``'s claim alive while ``client`` waits for sevDesk."""
    keeper = Keeper(draft)
    previous = client.on_wait
    client.on_wait = keeper.renew
    try:
        yield keeper
    finally:
        client.on_wait = previous
