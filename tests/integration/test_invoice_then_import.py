"""An invoice that re-creates a customer in sevDesk must not cost the customer's local
addresses on the next import (I3/I4 together with C5)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from craftdesk.services import invoices
from craftdesk.services.importer import run_import
from craftdesk.store import settings
from craftdesk.store.models import Address, Appointment, Customer, Job, Project


def test_I3_recreated_contact_keeps_local_addresses_on_next_import(ctx, sandbox, client):
    settings.set("hourly_rate", "50.00")
    run_import(client, "customers")
    customer = (
        Customer.select()
        .join(Address)
        .where(Address.kind == "delivery", Customer.kind == "organisation")
        .first()
    )
    assert customer is not None
    kinds_before = sorted(a.kind for a in customer.addresses)
    old_id = customer.sevdesk_id
    # The contact disappears in sevDesk: the import flags it, the invoice re-creates it.
    sandbox.data.delete("Contact", old_id)
    run_import(client, "customers")
    assert Customer.get_by_id(customer.id).deleted_in_sevdesk
    project = Project.create(title="Wartung Heizung", customer=customer)
    job = Job.create(project=project, title="Wartung Heizung")
    Appointment.create(
        job=job, title="Wartung", status="done", start=datetime(2026, 3, 2, 8), hours=Decimal("2")
    )
    invoices.send_invoice(client, project.id, today=date(2026, 3, 10))
    rebound = Customer.get_by_id(customer.id)
    assert rebound.sevdesk_id and rebound.sevdesk_id != old_id
    assert not rebound.deleted_in_sevdesk

    run_import(client, "customers")
    after = Customer.get_by_id(customer.id)
    assert sorted(a.kind for a in after.addresses) == kinds_before
    assert after.sevdesk_id == rebound.sevdesk_id
