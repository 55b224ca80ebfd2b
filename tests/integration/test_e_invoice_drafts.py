"""E-invoice drafts end to end against the demo sevDesk over HTTP (SPEC E2–E5): a business
customer gets an e-invoice draft, a private customer a normal one; what is missing blocks
sending; sevDesk's refusal is told in one sentence and a retry creates exactly one draft."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from craftdesk.api.errors import SevdeskError
from craftdesk.cli import main
from craftdesk.errors import PreconditionError
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services import invoices, projects
from craftdesk.services.importer import run_import
from craftdesk.store import settings
from craftdesk.store.db import close_database
from craftdesk.store.models import Appointment, ContactInfo, Customer

TODAY = date(2026, 3, 10)
SAVE = "/Invoice/Factory/saveInvoice"
STADTWERKE = "10009"  # authority with Leitweg-ID and e-mail
SCHROEDER = "10002"  # organisation with e-mail, no Leitweg-ID


def _finished_project(number: str) -> int:
    customer = Customer.get(Customer.customer_number == number)
    project = projects.create_project(f"Wartung {customer.display_name}", customer.id)
    job = projects.jobs_of(project)[0]
    appointment = projects.create_appointment(job.id, "Wartung Heizung", start=datetime(2026, 3, 2, 8))
    projects.set_appointment_done(appointment.id, Decimal("2"), [])
    return int(project.id)


def _person_number(sandbox) -> str:
    return next(
        c["customerNumber"]
        for c in sandbox.data.all("Contact")
        if c["category"]["id"] == "3" and not c["name"] and c["customerNumber"]
    )


@pytest.fixture
def imported(client, database):
    settings.set("hourly_rate", "58.00")
    run_import(client, "customers")


def _saved(sandbox) -> list[dict]:
    return sandbox.data.all("Invoice")


def test_E2_business_customer_gets_an_e_invoice_and_a_person_a_normal_draft(sandbox, client, imported):
    before = len(_saved(sandbox))
    business = invoices.send_invoice(client, _finished_project(STADTWERKE), today=TODAY)
    person = invoices.send_invoice(client, _finished_project(_person_number(sandbox)), today=TODAY)
    e_draft = sandbox.data.get("Invoice", business.sevdesk_id)
    plain = sandbox.data.get("Invoice", person.sevdesk_id)
    assert len(_saved(sandbox)) == before + 2
    assert e_draft["propertyIsEInvoice"] == "1"
    assert e_draft["paymentMethod"]["id"] == "21919"  # the account's bank transfer (default)
    assert (e_draft["addressStreet"], e_draft["addressZip"], e_draft["addressCity"]) == (
        "Porschestraße 5",
        "72622",
        "Nürtingen",
    )
    assert plain.get("propertyIsEInvoice") in (None, "0")


def test_E2_chosen_payment_method_is_used(sandbox, client, imported):
    settings.set("payment_method_id", "21920")
    draft = invoices.send_invoice(client, _finished_project(SCHROEDER), today=TODAY)
    assert sandbox.data.get("Invoice", draft.sevdesk_id)["paymentMethod"]["id"] == "21920"


def test_E3_missing_email_blocks_sending_until_turned_off_for_this_draft(sandbox, client, imported):
    customer = Customer.get(Customer.customer_number == SCHROEDER)
    ContactInfo.delete().where((ContactInfo.customer == customer) & (ContactInfo.kind == "email")).execute()
    project_id = _finished_project(SCHROEDER)
    preview = invoices.build_preview(project_id, today=TODAY)
    assert preview.e_invoice and preview.missing == ("E-Mail-Adresse des Kunden",)
    assert preview.warnings[0] == "Für die E-Rechnung fehlt: E-Mail-Adresse des Kunden."
    before = len(_saved(sandbox))
    with pytest.raises(PreconditionError, match="Für die E-Rechnung fehlt"):
        invoices.send_invoice(client, project_id, today=TODAY)
    assert len(_saved(sandbox)) == before
    assert Appointment.select().where(Appointment.invoice.is_null(False)).count() == 0

    draft = invoices.send_invoice(client, project_id, today=TODAY, e_invoice=False)
    assert sandbox.data.get("Invoice", draft.sevdesk_id).get("propertyIsEInvoice") in (None, "0")


def test_E4_sevdesk_refusal_in_one_sentence_nothing_invoiced_and_retry_creates_one(sandbox, client, imported):
    project_id = _finished_project(STADTWERKE)
    sandbox.data.company["bankIban"] = ""  # the company's IBAN is missing in sevDesk
    before = len(_saved(sandbox))
    with pytest.raises(SevdeskError) as caught:
        invoices.send_invoice(client, project_id, today=TODAY)
    message = str(caught.value)
    assert "IBAN Ihres Unternehmens" in message and "\n" not in message
    assert len(_saved(sandbox)) == before
    assert Appointment.select().where(Appointment.invoice.is_null(False)).count() == 0

    sandbox.data.company["bankIban"] = "DE02120300000000202051"  # fixed in sevDesk
    draft = invoices.send_invoice(client, project_id, today=TODAY)
    assert len(_saved(sandbox)) == before + 1
    assert (
        draft.state == "sent" and sandbox.data.get("Invoice", draft.sevdesk_id)["propertyIsEInvoice"] == "1"
    )


def test_E5_preview_json_and_no_e_invoice_on_the_cli(sandbox, data_dir, monkeypatch, capsys, memory_keyring):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    base = ["--data-dir", str(data_dir), "--api-url", sandbox.url]
    assert main([*base, "sync", "customers"]) == 0
    customer = Customer.get(Customer.customer_number == SCHROEDER)
    ContactInfo.delete().where((ContactInfo.customer == customer) & (ContactInfo.kind == "email")).execute()
    settings.set("hourly_rate", "58.00")
    project_id = _finished_project(SCHROEDER)
    capsys.readouterr()
    assert main([*base, "invoice", str(project_id), "--preview", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["e_invoice"] is True and data["missing"] == ["E-Mail-Adresse des Kunden"]
    assert main([*base, "invoice", str(project_id), "--preview", "--json", "--no-e-invoice"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["e_invoice"] is False and data["missing"] == []

    before = len(_saved(sandbox))
    assert main([*base, "invoice", str(project_id)]) == 5  # E3: blocked
    err = capsys.readouterr().err
    assert "Für die E-Rechnung fehlt: E-Mail-Adresse des Kunden." in err and "Traceback" not in err
    assert len(_saved(sandbox)) == before
    assert main([*base, "invoice", str(project_id), "--no-e-invoice"]) == 0
    assert len(_saved(sandbox)) == before + 1
    close_database()


def test_E2_a_credit_line_goes_to_an_e_invoice_as_a_negative_quantity(sandbox, client, imported):
    # EN 16931 BR-27: an item's net price is never negative; the demo sevDesk refuses it as
    # sevDesk's e-invoice would. The same amount goes as -1 × 5.56.
    from dataclasses import replace

    from craftdesk.services import invoice_edits

    project_id = _finished_project(SCHROEDER)
    proposal = invoice_edits.current_proposal(project_id, TODAY)
    lines = list(proposal.lines)
    lines.append(
        replace(
            lines[-1],
            key="added:credit",
            kind="text",
            text="Gutschrift",
            quantity=Decimal(1),
            unit="pauschal",
            net_price=Decimal("-5.56"),
            vat_rate=Decimal(19),
            article_id=None,
            part_id=None,
            article_number=None,
        )
    )
    invoice_edits.save(project_id, lines, proposal.header, today=TODAY)
    preview = invoices.build_preview(project_id, today=TODAY)
    assert preview.e_invoice and preview.net == Decimal("116.00") - Decimal("5.56")
    draft = invoices.send_invoice(client, project_id, today=TODAY)
    invoice = sandbox.data.get("Invoice", draft.sevdesk_id)
    assert invoice["propertyIsEInvoice"] == "1"
    positions = [p for p in sandbox.data.all("InvoicePos") if p["invoice"]["id"] == draft.sevdesk_id]
    credit = next(p for p in positions if p["name"] == "Gutschrift")
    assert (credit["quantity"], credit["price"]) == ("-1", "5.56")
    assert (invoice["sumNet"], invoice["sumTax"]) == (str(preview.net.normalize()), str(preview.vat))
