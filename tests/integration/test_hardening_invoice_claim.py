"""SPEC H8: an invoice claim cannot expire while its holder is alive, is re-checked right
before the POST, and a stale one is taken over only after a reference look-up."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from test_invoices import TODAY, appointment, local_customer, make_project, ours

from craftdesk.api.client import SevdeskClient
from craftdesk.errors import PreconditionError
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services import invoice_claim, invoices
from craftdesk.store import settings
from craftdesk.store.models import InvoiceDraft


class Clock:
    """The wall clock of the invoice code, moved on by the client's (fake) sleeps."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 10, 9, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def rate(database) -> None:
    settings.set("hourly_rate", "58.00")
    settings.set("hourly_vat_rate", "19")


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(invoices, "utcnow", clock)
    monkeypatch.setattr(invoice_claim, "utcnow", clock)
    return clock


def _second_process(project_id: int, sandbox) -> BaseException | None:
    """Another process clicking the same project (its own client, no in-process guard)."""
    invoices._busy.discard(project_id)
    other = SevdeskClient(sandbox.url, DEMO_TOKEN, sleep=lambda s: None)
    try:
        invoices.send_invoice(other, project_id, today=TODAY)
    except BaseException as exc:
        return exc
    finally:
        invoices._busy.add(project_id)
    return None


def test_H8_throttled_lookups_longer_than_the_lease_still_give_one_draft(sandbox, rate, clock):
    project, job = make_project(local_customer(sandbox))
    appointment(job, "Montage")
    # sevDesk throttles the look-ups before the POST: 4 × Retry-After 40 s = 160 s > lease.
    sandbox.faults.add(path="/Unity", method="GET", kind="status", status=429, retry_after=40, times=4)
    outcome: list[BaseException | None] = []

    def sleep(seconds: float) -> None:
        for _ in range(int(seconds // 5)):  # time passes; the holder is alive throughout
            clock.now += timedelta(seconds=5)
        if len([c for c in sandbox.requests if c.path.startswith("/Unity")]) == 4:
            outcome.append(_second_process(project.id, sandbox))

    client = SevdeskClient(sandbox.url, DEMO_TOKEN, sleep=sleep)
    draft = invoices.send_invoice(client, project.id, today=TODAY)
    assert draft.state == "sent"
    assert len(outcome) == 1 and isinstance(outcome[0], PreconditionError)
    assert len(ours(sandbox)) == 1


def test_H8_a_claim_taken_over_meanwhile_stops_the_first_attempt_before_its_post(sandbox, rate, clock):
    project, job = make_project(local_customer(sandbox))
    appointment(job, "Montage")
    sandbox.faults.add(path="/Unity", method="GET", kind="status", status=429, retry_after=1, times=1)

    def sleep(seconds: float) -> None:  # meanwhile another attempt took the draft over
        InvoiceDraft.update(claim="someone-else").execute()

    client = SevdeskClient(sandbox.url, DEMO_TOKEN, sleep=sleep)
    with pytest.raises(invoice_claim.ClaimLost):
        invoices.send_invoice(client, project.id, today=TODAY)
    assert ours(sandbox) == []
    draft = InvoiceDraft.get()
    assert draft.state == "pending" and draft.claim == "someone-else"  # left to its holder


def test_H8_a_stale_claim_is_taken_over_only_after_the_lookup(sandbox, rate, clock, client):
    project, job = make_project(local_customer(sandbox))
    appointment(job, "Montage")
    dead = InvoiceDraft.create(
        project=project,
        reference=invoices.new_reference(),
        state="pending",
        claim="dead-holder",
        sent_at=clock.now - timedelta(minutes=10),
    )
    for row in job.appointments:
        invoices.DraftAppointment.create(draft=dead, appointment=row)
    invoices.send_invoice(client, project.id, today=TODAY)
    paths = [(r.method, r.path.split("?")[0]) for r in sandbox.requests]
    lookup = paths.index(("GET", "/Invoice"))
    post = paths.index(("POST", "/Invoice/Factory/saveInvoice"))
    assert lookup < post
    assert len(ours(sandbox)) == 1
