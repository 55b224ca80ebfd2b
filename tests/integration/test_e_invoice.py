"""E-invoices for business customers (SPEC E1, E2, E6): the customer fields, the demo
sevDesk's payment methods and its e-invoice check, over real HTTP."""

from __future__ import annotations

import pytest

from craftdesk.api import payloads
from craftdesk.api.errors import SevdeskError
from craftdesk.services import exports, lookups
from craftdesk.services.customers import create_local_customer
from craftdesk.services.importer import run_import
from craftdesk.store import migrations
from craftdesk.store.db import close_database, open_database
from craftdesk.store.models import Customer

STADTWERKE = "10009"  # a public authority with a Leitweg-ID in the demo data
SCHROEDER = "10002"  # an organisation without buyer reference


def _by_number(number: str) -> Customer:
    return Customer.get(Customer.customer_number == number)


def test_E1_import_reads_buyer_reference_and_authority_flag(client, database):
    run_import(client, "customers")
    authority = _by_number(STADTWERKE)
    assert authority.buyer_reference == "08116044-NT-42"
    assert authority.government_agency is True
    bakery = _by_number(SCHROEDER)
    assert bakery.buyer_reference == "" and bakery.government_agency is False


def test_E1_e_invoice_defaults_by_kind_and_is_kept_over_imports(client, database, sandbox):
    run_import(client, "customers")
    records = {r["customer_number"]: r for r in exports.customer_records()}
    persons = [r for r in records.values() if r["kind"] == "person"]
    organisations = [r for r in records.values() if r["kind"] == "organisation"]
    assert persons and organisations
    assert all(r["e_invoice"] is False for r in persons)
    assert all(r["e_invoice"] is True for r in organisations)

    # The office turns it off for one organisation; an import that changes the contact
    # in sevDesk (C5) updates the buyer reference but keeps the office's choice.
    Customer.update(e_invoice=False).where(Customer.customer_number == SCHROEDER).execute()
    contact_id = _by_number(SCHROEDER).sevdesk_id
    sandbox.data.update("Contact", contact_id, buyerReference="991-77-12", governmentAgency="1")
    run_import(client, "customers")
    bakery = _by_number(SCHROEDER)
    assert bakery.e_invoice is False
    assert bakery.buyer_reference == "991-77-12" and bakery.government_agency is True


def test_E1_export_carries_the_fields_in_json_and_csv(client, database):
    run_import(client, "customers")
    record = next(r for r in exports.customer_records() if r["customer_number"] == STADTWERKE)
    assert record["e_invoice"] is True
    assert record["buyer_reference"] == "08116044-NT-42"
    assert record["government_agency"] is True
    keys = list(record)
    assert keys.index("e_invoice") < keys.index("emails")


def test_E1_local_customer_sets_the_fields(database):
    customer = create_local_customer(
        kind="organisation",
        company="Landratsamt Esslingen",
        buyer_reference="08116000-LRA-01",
        government_agency=True,
    )
    person = create_local_customer(kind="person", first_name="Eva", last_name="Roth", e_invoice=True)
    record = {r["id"]: r for r in exports.customer_records()}
    assert record[customer.id]["government_agency"] is True
    assert record[customer.id]["buyer_reference"] == "08116000-LRA-01"
    assert record[customer.id]["e_invoice"] is True
    assert record[person.id]["e_invoice"] is True


def test_E1_migration_adds_the_columns_to_an_older_database(data_dir):
    path = data_dir / "old.sqlite3"
    database = open_database(path)
    Customer.create(company="Altbestand GmbH")
    for column in ("buyer_reference", "government_agency", "e_invoice"):
        database.execute_sql(f"ALTER TABLE customer DROP COLUMN {column}")
    database.execute_sql("DELETE FROM schema_version WHERE version > 1")
    close_database()

    database = open_database(path)
    columns = {c.name for c in database.get_columns("customer")}
    assert {"buyer_reference", "government_agency", "e_invoice"} <= columns
    assert migrations.current_version(database) == migrations.LATEST_VERSION
    old = Customer.get(Customer.company == "Altbestand GmbH")
    assert old.wants_e_invoice is True and old.buyer_reference == ""
    close_database()


def test_E6_sandbox_serves_payment_methods_and_the_default_is_bank_transfer(client):
    methods = lookups.payment_methods(client)
    assert [m.name for m in methods] == ["Bar", "Überweisung", "Lastschrift"]
    assert lookups.default_payment_method(methods).name == "Überweisung"
    assert lookups.default_payment_method([]) is None


def _draft(sandbox, contact_number: str, **changes) -> dict:
    contact_id = next(c["id"] for c in sandbox.data.all("Contact") if c["customerNumber"] == contact_number)
    user = sandbox.data.all("SevUser")[0]["id"]
    from datetime import date
    from decimal import Decimal

    head = payloads.InvoiceHead(
        contact_id=contact_id,
        contact_person_id=user,
        invoice_date=date.today(),
        delivery_date=date.today(),
        header="Rechnung Pumpwerk",
        time_to_pay=14,
        reference="craftdesk-test",
        address_name="Stadtwerke",
        address_street="Porschestraße 5",
        address_zip="72622",
        address_city="Nürtingen",
        address_country_id="1",
        e_invoice=True,
        payment_method_id="21919",
    )
    fields = {**head.__dict__, **changes}
    head = payloads.InvoiceHead(**fields)
    position = payloads.InvoicePosition("Wartung", "", Decimal(1), Decimal("100"), "1", Decimal(19))
    return payloads.save_invoice_body(head, [position])


def test_E6_sandbox_accepts_a_complete_e_invoice_draft(sandbox, client):
    answer = client.post("/Invoice/Factory/saveInvoice", _draft(sandbox, STADTWERKE))
    assert answer["invoice"]["propertyIsEInvoice"] == "1"
    assert answer["invoice"]["paymentMethod"]["id"] == "21919"


@pytest.mark.parametrize(
    ("changes", "company_gap", "missing"),
    [
        ({"payment_method_id": None}, None, "invoice.paymentMethod"),
        ({"address_street": ""}, None, "invoice.addressStreet"),
        ({}, "bankIban", "sevClient.bankIban"),
        ({}, "taxNumber", "sevClient.taxNumber"),
    ],
)
def test_E6_sandbox_refuses_an_incomplete_e_invoice_like_sevdesk(
    sandbox, client, changes, company_gap, missing
):
    if company_gap:
        sandbox.data.company[company_gap] = ""
    before = len(sandbox.data.all("Invoice"))
    with pytest.raises(SevdeskError) as caught:
        client.post("/Invoice/Factory/saveInvoice", _draft(sandbox, STADTWERKE, **changes))
    assert caught.value.status == 422
    assert missing in str(caught.value.detail or caught.value)
    assert len(sandbox.data.all("Invoice")) == before


def test_E6_authority_without_buyer_reference_is_refused(sandbox, client):
    contact_id = next(c["id"] for c in sandbox.data.all("Contact") if c["customerNumber"] == STADTWERKE)
    sandbox.data.update("Contact", contact_id, buyerReference=None)
    with pytest.raises(SevdeskError) as caught:
        client.post("/Invoice/Factory/saveInvoice", _draft(sandbox, STADTWERKE))
    assert "contact.buyerReference" in str(caught.value.detail or caught.value)
