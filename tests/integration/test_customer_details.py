"""Data shown as the user knows it: salutation and title of persons (from sevDesk's gender and
academicTitle), the country of foreign addresses, the job site that did not match (O5 note),
delivery addresses of local customers, and the v3 migration on an existing database."""

from __future__ import annotations

from datetime import date

from craftdesk.api.records import parse_contact
from craftdesk.services import projects as svc
from craftdesk.services.customers import salutation_of
from craftdesk.services.importer import run_import
from craftdesk.services.local_records import AddressForm, CustomerForm, customer_form, save_customer
from craftdesk.services.orders import import_order
from craftdesk.store import migrations
from craftdesk.store.db import close_database, open_database
from craftdesk.store.models import Address, Customer, Project, SchemaVersion


def _order_id(sandbox, number: str) -> str:
    return next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == number)


def test_salutation_and_title_are_imported_for_persons(client, database):
    run_import(client, "customers")
    weiss = Customer.get(Customer.customer_number == "10024")
    assert (weiss.salutation, weiss.academic_title) == ("Herr", "Dr.")
    schneider = Customer.get(Customer.customer_number == "10023")
    assert (schneider.salutation, schneider.academic_title) == ("Frau", "")
    org = Customer.get(Customer.customer_number == "10001")
    assert (org.salutation, org.academic_title) == ("", "")
    assert run_import(client, "customers").collections["customers"].updated == 0  # stable


def test_real_contact_rows_with_null_gender_and_title_parse():
    # The shape of a captured real answer: gender, academicTitle and titel are null.
    raw = {
        "id": "54317047",
        "objectName": "Contact",
        "create": "2022-11-10T12:32:19+01:00",
        "update": "2022-11-10T12:32:19+01:00",
        "name": None,
        "status": "1000",
        "customerNumber": "1012",
        "surename": "Eva",
        "familyname": "Roth",
        "titel": None,
        "category": {"id": "3", "objectName": "Category"},
        "academicTitle": None,
        "gender": None,
        "name2": None,
    }
    rec = parse_contact(raw)
    assert (rec.gender, rec.academic_title) == ("", "")
    assert [salutation_of(g) for g in ("m", "w", "W", "f", "d", "", "divers")] == [
        "Herr",
        "Frau",
        "Frau",
        "Frau",
        "",
        "",
        "",
    ]


def test_foreign_address_keeps_its_country_in_one_line(database):
    customer = Customer.create(company="Ferienhaus")
    at = Address.create(
        customer=customer, kind="delivery", street="Alpenstraße 3", zip="6020", city="Innsbruck", country="AT"
    )
    de = Address.create(
        customer=customer, kind="postal", street="Rosenstraße 19", zip="70839", city="Gerlingen", country="DE"
    )
    assert at.one_line() == "Alpenstraße 3, 6020 Innsbruck, AT"
    assert de.one_line() == "Rosenstraße 19, 70839 Gerlingen"


def test_O5_job_site_fallback_is_noted_on_project_and_result(sandbox, client, database):
    result = import_order(client, _order_id(sandbox, "AB-1044"))
    assert result.status == "imported"
    assert "„Königsallee 7, 71063 Sindelfingen“" in result.note
    assert "„Königsallee 5, 71063 Sindelfingen“" in result.note
    project = Project.get_by_id(result.project_id)
    assert project.site_street == "Königsallee 5" and project.site_note == result.note
    # The user corrects the job site: the note is answered.
    svc.edit_project(project.id, site=svc.Site("Königsallee 7", "71063", "Sindelfingen", "DE"))
    assert Project.get_by_id(project.id).site_note == ""


def test_O5_a_matching_street_gives_no_note(sandbox, client, database):
    result = import_order(client, _order_id(sandbox, "AB-1042"))
    assert result.status == "imported" and result.note == ""
    assert Project.get_by_id(result.project_id).site_note == ""


def test_local_customer_with_delivery_addresses_title_and_salutation(database):
    form = CustomerForm(
        kind="person",
        first_name="Eva",
        last_name="Roth",
        salutation="Frau",
        academic_title="Dr.",
        postal=AddressForm("Hauptstr. 1", "70173", "Stuttgart"),
        deliveries=[AddressForm("Alpenstraße 3", "6020", "Innsbruck", "at"), AddressForm("", "", "")],
    )
    customer_id = save_customer(None, form)
    stored = customer_form(Customer.get_by_id(customer_id))
    assert (stored.salutation, stored.academic_title) == ("Frau", "Dr.")
    assert stored.deliveries == [AddressForm("Alpenstraße 3", "6020", "Innsbruck", "AT")]
    stored.deliveries = [
        AddressForm("Bergweg 1", "6020", "Innsbruck", "AT"),
        AddressForm("Seestr. 2", "88131", "Lindau", "DE"),
    ]
    save_customer(customer_id, stored)
    again = customer_form(Customer.get_by_id(customer_id))
    assert [d.street for d in again.deliveries] == ["Bergweg 1", "Seestr. 2"]
    again.deliveries = []
    save_customer(customer_id, again)
    assert not Address.select().where(Address.customer == customer_id, Address.kind == "delivery").exists()


def test_v3_runs_on_a_database_that_already_has_v5(data_dir):
    path = data_dir / "craftdesk.sqlite3"
    database = open_database(path)
    # A database made before v3 existed, with v5 applied by another branch.
    database.execute_sql("ALTER TABLE customer DROP COLUMN salutation")
    database.execute_sql("ALTER TABLE customer DROP COLUMN academic_title")
    database.execute_sql("ALTER TABLE project DROP COLUMN site_note")
    SchemaVersion.delete().where(SchemaVersion.version == 3).execute()
    close_database()
    database = open_database(path)
    columns = {c.name for c in database.get_columns("customer")}
    assert {"salutation", "academic_title"} <= columns
    assert "site_note" in {c.name for c in database.get_columns("project")}
    assert {r.version for r in SchemaVersion.select()} == {m[0] for m in migrations.MIGRATIONS}
    assert list(data_dir.glob("craftdesk.sqlite3.v*.bak"))  # backed up first
    close_database()


def test_invoice_address_names_salutation_and_title_of_persons(database):
    from craftdesk.services.invoice_preview import _address

    person = Customer.create(
        kind="person",
        first_name="Klaus",
        last_name="Weiß",
        salutation="Herr",
        academic_title="Dr.",
        name_suffix="sen.",
    )
    Address.create(customer=person, kind="postal", street="Am Hang 12", zip="71065", city="Sindelfingen")
    assert _address(person).name == "Herr Dr. Klaus Weiß sen."
    org = Customer.create(company="Müller GmbH", salutation="", academic_title="")
    assert org.address_name == "Müller GmbH"


def test_invoice_address_text_carries_an_organisations_second_name(database):
    """sevDesk's name2 of an organisation ("Niederlassung Süd") is stored as its name
    suffix: the invoice's address text names it on the line under the company; a person's
    suffix stays part of the name line."""
    from craftdesk.api.payloads import InvoiceHead, address_text
    from craftdesk.services.invoice_preview import _address

    def text(customer: Customer) -> str | None:
        Address.create(customer=customer, kind="billing", street="Hafenstr. 3", zip="28217", city="Bremen")
        address = _address(customer)
        assert address is not None
        head = InvoiceHead(
            contact_id="1",
            contact_person_id="1",
            invoice_date=date(2026, 3, 2),
            delivery_date=date(2026, 3, 2),
            header="Rechnung",
            time_to_pay=14,
            reference="r",
            address_name=address.name,
            address_street=address.street,
            address_zip=address.zip,
            address_city=address.city,
            address_country_id="1",
            address_country=address.country,
            address_name2=address.name2,
        )
        return address_text(head)

    org = Customer.create(company="Nordbau GmbH", name_suffix=" Niederlassung Süd ")
    assert text(org) == "Nordbau GmbH\nNiederlassung Süd\nHafenstr. 3\n28217 Bremen"
    plain = Customer.create(company="Südbau GmbH")
    assert text(plain) == "Südbau GmbH\nHafenstr. 3\n28217 Bremen"
    person = Customer.create(kind="person", first_name="Eva", last_name="Roth", name_suffix="jun.")
    assert text(person) == "Eva Roth jun.\nHafenstr. 3\n28217 Bremen"
