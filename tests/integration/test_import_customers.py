"""Customer import against the demo sevDesk (SPEC C1–C7), over real HTTP."""

from __future__ import annotations

import logging

import pytest

from craftdesk.api.client import SevdeskClient
from craftdesk.api.errors import NotFoundError
from craftdesk.sandbox import DEMO_TOKEN, Sandbox, build_demo_data
from craftdesk.services import customers
from craftdesk.services.fetching import fetch_categories
from craftdesk.services.importer import run_import
from craftdesk.store import settings
from craftdesk.store.engine import total_changes
from craftdesk.store.models import Address, ContactInfo, Customer

# Demo customer numbers with data that makes a rule matter.
MUELLER = "10001"  # 3 e-mails, 3 mobiles, 2 phones + a fax, a web address
WEISS_PRAXIS = "10003"  # two invoice addresses and a work address
GRUENWALD = "10004"  # three delivery addresses
GASTHAUS = "10005"  # only a work address
KITA = "10008"  # only an invoice address
SCHMID = "10027"  # main e-mail/mobile not the lowest id


@pytest.fixture
def start_sandbox():
    started: list[tuple[Sandbox, SevdeskClient]] = []

    def start(data=None) -> tuple[Sandbox, SevdeskClient]:
        sb = Sandbox(data=data).start()
        client = SevdeskClient(sb.url, DEMO_TOKEN, backoff_base=0.01, backoff_max=0.05)
        started.append((sb, client))
        return sb, client

    yield start
    for sb, client in started:
        client.close()
        sb.stop()


def contact_id(sb: Sandbox, number: str) -> str:
    return next(c["id"] for c in sb.data.all("Contact") if c.get("customerNumber") == number)


def rows_of(sb: Sandbox, table: str, contact: str) -> list[dict]:
    return [r for r in sb.data.all(table) if (r.get("contact") or {}).get("id") == contact]


def local(number: str) -> Customer:
    return Customer.get(Customer.customer_number == number)


def addresses(customer: Customer) -> list[tuple[str, str, str]]:
    return [(a.kind, a.street, a.sevdesk_id) for a in customer.addresses.order_by(Address.position)]


def infos(customer: Customer, kind: str) -> list[str]:
    query = customer.contact_infos.where(ContactInfo.kind == kind).order_by(ContactInfo.position)
    return [i.value for i in query]


def snapshot() -> list[tuple]:
    """Everything the customer import may write, including local ids and timestamps."""
    return (
        list(Customer.select().order_by(Customer.id).tuples())
        + list(Address.select().order_by(Address.id).tuples())
        + list(ContactInfo.select().order_by(ContactInfo.id).tuples())
    )


def test_C1_imports_persons_and_organisations_of_category_kunde_only(sandbox, client, database):
    result = run_import(client, "customers")
    kunden = [c for c in sandbox.data.all("Contact") if c["category"]["id"] == "3"]
    others = [c for c in sandbox.data.all("Contact") if c["category"]["id"] != "3"]
    assert others, "the demo must contain suppliers/partners/prospects"
    assert Customer.select().count() == len(kunden) == result.collections["customers"].created
    assert {c.kind for c in Customer.select()} == {"person", "organisation"}
    imported = {c.sevdesk_id for c in Customer.select()}
    assert imported == {c["id"] for c in kunden}
    # the contact list was read with depth=1 (persons too) and the Kunde filter
    contact_reads = [r for r in sandbox.requests if r.path == "/Contact"]
    assert all(r.query.get("depth") == "1" and r.query.get("category[id]") == "3" for r in contact_reads)


def test_C2_stores_names_number_description_kind_and_update(sandbox, client, database):
    run_import(client, "customers")
    jun = local("10026")
    raw = sandbox.data.get("Contact", jun.sevdesk_id)
    assert (jun.kind, jun.first_name, jun.last_name) == ("person", "Jürgen", "Maier")
    assert jun.name_suffix == "jun."
    assert jun.sevdesk_update == raw["update"]
    org = local(GRUENWALD)
    assert org.kind == "organisation" and org.company == "Hausverwaltung Grünwald & Söhne KG"
    assert "Herrn Öztürk" in org.description  # umlauts survive the round trip
    assert Customer.get(Customer.company == "Schlosserei Maier GmbH").customer_number == "K-2019"


def test_C3_billing_address_lowest_id(sandbox, client, database):
    cid = contact_id(sandbox, WEISS_PRAXIS)
    invoice_cat = sandbox.data.find_category("ContactAddress", translation_code="CATEGORY_INVOICE_ADDRESS")
    # A third invoice address with an id lower than both existing ones must win.
    lowest = sandbox.data.add(
        "ContactAddress",
        {
            "contact": {"id": cid, "objectName": "Contact"},
            "street": "Postfach 1",
            "zip": "71001",
            "city": "Sindelfingen",
            "country": {"id": "1", "objectName": "StaticCountry"},
            "category": {"id": invoice_cat["id"], "objectName": "Category"},
        },
        id=100,
    )
    run_import(client, "customers")
    billing = [a for a in addresses(local(WEISS_PRAXIS)) if a[0] == "billing"]
    assert billing == [("billing", "Postfach 1", lowest)]


def test_C3_all_delivery_addresses(sandbox, client, database):
    run_import(client, "customers")
    delivery = [a[1] for a in addresses(local(GRUENWALD)) if a[0] == "delivery"]
    assert delivery == ["Schloßstraße 21", "Gaußstraße 9", "Weißenburgstraße 14a"]


def test_C3_postal_is_first_other_address(sandbox, client, database):
    run_import(client, "customers")
    cid = contact_id(sandbox, WEISS_PRAXIS)
    work = [r for r in rows_of(sandbox, "ContactAddress", cid) if r["category"]["id"] == "43"]
    kinds = addresses(local(WEISS_PRAXIS))
    assert ("postal", "Königsallee 5", work[0]["id"]) in kinds
    assert [k for k, _, _ in kinds].count("billing") == 1
    assert [k for k, _, _ in addresses(local(GASTHAUS))] == ["postal"]


def test_C3_billing_address_is_also_postal_when_no_other(sandbox, client, database):
    run_import(client, "customers")
    rows = addresses(local(KITA))
    assert [k for k, _, _ in rows] == ["postal", "billing"]
    assert rows[0][1:] == rows[1][1:]  # same street, same sevDesk address


def test_C3_address_categories_resolved_per_account(start_sandbox, database):
    data = build_demo_data(
        category_ids={
            "CATEGORY_INVOICE_ADDRESS": 90047,
            "CATEGORY_DELIVERY_ADDRESS": 90048,
            "CATEGORY_WORK": 47,
        }
    )
    sb, client = start_sandbox(data)
    run_import(client, "customers")
    # id 47 is now a *work* category: the hard-coded sevDesk id must not be trusted.
    assert [k for k, _, _ in addresses(local(GASTHAUS))] == ["postal"]
    assert [k for k, _, _ in addresses(local(GRUENWALD))] == [
        "postal",
        "billing",
        "delivery",
        "delivery",
        "delivery",
    ]
    assert any(r.path == "/Category" for r in sb.requests)


def test_C4_at_most_two_emails_two_mobiles_one_phone_main_first(sandbox, client, database):
    run_import(client, "customers")
    mueller = local(MUELLER)
    assert infos(mueller, "email") == ["buchhaltung@mueller-haustechnik.de", "info@mueller-haustechnik.de"]
    assert infos(mueller, "mobile") == ["+49 171 2345678", "+49 172 3456789"]
    assert infos(mueller, "phone") == ["+49 711 1234568"]  # the main one, not the lowest id
    assert not any("www." in i.value for i in mueller.contact_infos)  # WEB is not kept
    schmid = local(SCHMID)
    assert infos(schmid, "email") == ["petra.schmid@gmx.de", "p.schmid@t-online.de"]
    assert infos(schmid, "mobile") == ["+49 160 5544332", "+49 171 9988776"]


def test_C4_phone_with_mobile_key_is_a_mobile_and_fax_is_no_phone(sandbox, client, database):
    cid = contact_id(sandbox, KITA)
    for value, key in (("+49 170 0000001", "4"), ("+49 711 0000003", "3")):
        sandbox.data.add(
            "CommunicationWay",
            {
                "contact": {"id": cid, "objectName": "Contact"},
                "type": "PHONE",
                "value": value,
                "main": "0",
                "key": {"id": key, "objectName": "CommunicationWayKey"},
            },
        )
    run_import(client, "customers")
    kita = local(KITA)
    assert infos(kita, "mobile") == ["+49 170 0000001"]
    assert infos(kita, "phone") == ["+49 711 7701234"]


def test_C5_changes_in_sevdesk_overwrite_and_deleted_addresses_are_removed(sandbox, client, database):
    run_import(client, "customers")
    cid = contact_id(sandbox, GRUENWALD)
    before = local(GRUENWALD)
    sandbox.data.update("Contact", cid, name="Hausverwaltung Grünwald GmbH", description="Neu: Büro im 2. OG")
    delivery = [r for r in rows_of(sandbox, "ContactAddress", cid) if r["category"]["id"] == "48"]
    sandbox.data.delete("ContactAddress", delivery[0]["id"])
    sandbox.data.update("ContactAddress", delivery[1]["id"], street="Gaußstraße 11")
    mail = next(
        r for r in rows_of(sandbox, "CommunicationWay", cid) if r["main"] == "1" and r["type"] == "EMAIL"
    )
    sandbox.data.update("CommunicationWay", mail["id"], value="büro@grünwald-hv.de")

    result = run_import(client, "customers")

    counts = result.collections["customers"]
    assert (counts.created, counts.updated) == (0, 1)
    after = local("10004")
    assert after.id == before.id  # same local customer, overwritten in place
    assert after.company == "Hausverwaltung Grünwald GmbH" and after.description == "Neu: Büro im 2. OG"
    streets = [a[1] for a in addresses(after) if a[0] == "delivery"]
    assert streets == ["Gaußstraße 11", "Weißenburgstraße 14a"]
    assert infos(after, "email")[0] == "büro@grünwald-hv.de"


def test_C6_deleted_contact_is_flagged_and_kept(sandbox, client, database):
    run_import(client, "customers")
    cid = contact_id(sandbox, KITA)
    sandbox.data.delete("Contact", cid)
    for table in ("ContactAddress", "CommunicationWay"):
        for row in rows_of(sandbox, table, cid):
            sandbox.data.delete(table, row["id"])

    result = run_import(client, "customers")

    assert result.collections["customers"].flagged == 1
    kita = local(KITA)
    assert kita.deleted_in_sevdesk is True
    assert addresses(kita) and infos(kita, "email")  # kept as it was
    assert Customer.select().where(Customer.deleted_in_sevdesk == True).count() == 1
    assert run_import(client, "customers").collections["customers"].flagged == 0  # flagged once


def test_C6_contact_moved_to_other_category_is_kept_unflagged(sandbox, client, database):
    run_import(client, "customers")
    cid = contact_id(sandbox, GASTHAUS)
    before = local(GASTHAUS)
    sandbox.data.update("Contact", cid, category={"id": "28", "objectName": "Category"}, name="Neu")
    sandbox.clear_requests()
    result = run_import(client, "customers").collections["customers"]
    # still in sevDesk (an "Interessent" now): not "in sevDesk gelöscht", its data as imported
    assert result.flagged == 0 and result.updated == 0
    assert local(GASTHAUS).deleted_in_sevdesk is False and local(GASTHAUS).company == before.company
    assert [r.path for r in sandbox.requests if r.path.startswith("/Contact/")] == [f"/Contact/{cid}"]
    # confirmed once, not asked again on every run whose pages changed ...
    sandbox.data.update("Contact", contact_id(sandbox, KITA), name="Kita Regenbogen neu")
    sandbox.clear_requests()
    assert run_import(client, "customers").collections["customers"].updated == 1
    assert not [r for r in sandbox.requests if r.path.startswith("/Contact/")]
    # ... but again after a week: a deletion in the other category is noticed then
    settings.set(customers.ContactsElsewhere.KEY, {cid: "2020-01-01"})
    sandbox.data.delete("Contact", cid)
    sandbox.data.update("Contact", contact_id(sandbox, KITA), name="Kita Regenbogen")
    assert run_import(client, "customers").collections["customers"].flagged == 1
    assert local(GASTHAUS).deleted_in_sevdesk is True


def test_C6_O4_a_contact_imported_for_an_order_in_another_category_is_not_flagged(sandbox, client, database):
    run_import(client, "customers")
    prospect = next(c for c in sandbox.data.all("Contact") if c["category"]["id"] != "3")
    customers.import_single_customer(client, prospect["id"])  # O4: the customer of an order
    result = run_import(client, "customers").collections["customers"]
    assert result.flagged == 0
    assert Customer.get(Customer.sevdesk_id == prospect["id"]).deleted_in_sevdesk is False


def test_C6_a_contact_deleted_in_another_category_is_flagged_when_its_week_is_up(sandbox, client, database):
    """Deleted while confirmed as elsewhere: that run skips it, and later runs found every
    page as before and asked nothing, so it was never flagged."""
    run_import(client, "customers")
    cid = contact_id(sandbox, GASTHAUS)
    sandbox.data.update("Contact", cid, category={"id": "28", "objectName": "Category"})
    run_import(client, "customers")  # confirmed in another category
    sandbox.data.delete("Contact", cid)
    for table in ("ContactAddress", "CommunicationWay"):
        for row in rows_of(sandbox, table, cid):
            sandbox.data.delete(table, row["id"])
    assert run_import(client, "customers").collections["customers"].flagged == 0  # within its week
    assert run_import(client, "customers").collections["customers"].unchanged > 0  # pages as before
    settings.set(customers.ContactsElsewhere.KEY, {cid: "2020-01-01"})  # a week later
    assert run_import(client, "customers").collections["customers"].flagged == 1
    assert local(GASTHAUS).deleted_in_sevdesk is True
    assert settings.get(customers.ContactsElsewhere.KEY) == {}  # nothing left to remember
    sandbox.clear_requests()
    run_import(client, "customers")
    assert not [r for r in sandbox.requests if r.path.startswith("/Contact/")]
    assert [r.path for r in sandbox.requests].count("/Contact") == 1  # one page probe, no full run


def test_C6_a_flagged_customer_coming_back_is_unflagged(sandbox, client, database):
    run_import(client, "customers")
    cid = contact_id(sandbox, GASTHAUS)
    gone = sandbox.data.get("Contact", cid)
    sandbox.data.delete("Contact", cid)
    assert run_import(client, "customers").collections["customers"].flagged == 1
    assert local(GASTHAUS).deleted_in_sevdesk is True
    sandbox.data.add("Contact", gone, id=cid)
    assert run_import(client, "customers").collections["customers"].updated == 1
    assert local(GASTHAUS).deleted_in_sevdesk is False


@pytest.mark.parametrize(
    "table, change",
    [
        ("ContactAddress", {"zip": {"a": 1}}),
        ("ContactAddress", {"contact": {"id": "abc", "objectName": "Contact"}}),  # owner unreadable too
        ("CommunicationWay", {"value": ["a@b.de"]}),
        ("CommunicationWay", {"type": "E-MAIL"}),
    ],
)
def test_C5_an_unreadable_address_or_way_is_not_deleted_here(sandbox, client, database, table, change):
    """Its customer keeps its stored addresses and ways this run while its own fields
    follow sevDesk: an unreadable billing address was deleted locally (invoices then went
    to the postal address), an unreadable e-mail dropped."""
    run_import(client, "customers")
    cid = contact_id(sandbox, MUELLER)
    children = (addresses(local(MUELLER)), infos(local(MUELLER), "email"), infos(local(MUELLER), "phone"))
    row = rows_of(sandbox, table, cid)[0]
    sandbox.data.update(table, row["id"], **change)
    sandbox.data.update("Contact", cid, description="geändert, während eine Adresse unlesbar ist")

    counts = run_import(client, "customers").collections["customers"]

    assert (counts.skipped, counts.updated, counts.created) == (1, 1, 0)
    customer = local(MUELLER)
    assert customer.description.startswith("geändert")  # C5: the contact's own change arrives
    assert (addresses(customer), infos(customer, "email"), infos(customer, "phone")) == children
    sandbox.data.update(table, row["id"], **{k: v for k, v in row.items() if k in change})
    sandbox.data.update(table, row["id"], street="Neue Straße 1") if table == "ContactAddress" else None
    counts = run_import(client, "customers").collections["customers"]
    assert (counts.skipped, counts.updated) == (0, 1)  # readable again: written whole
    if table == "ContactAddress":
        assert "Neue Straße 1" in [street for _k, street, _id in addresses(local(MUELLER))]


def test_C5_R3_a_customer_kept_as_stored_is_not_written_again_while_nothing_of_it_changed(
    sandbox, client, database
):
    """Kept as stored (an address unreadable), then a run reads the pages for another
    customer's change: the kept one is unchanged, not counted as updated and not written
    again every run; its own change, and its address readable again, still arrive."""
    run_import(client, "customers")
    cid = contact_id(sandbox, MUELLER)
    row = rows_of(sandbox, "ContactAddress", cid)[0]
    sandbox.data.update("ContactAddress", row["id"], zip={"a": 1})
    sandbox.data.update("Contact", cid, description="geändert, während eine Adresse unlesbar ist")
    assert run_import(client, "customers").collections["customers"].updated == 1
    version = local(MUELLER).version

    sandbox.data.update("Contact", contact_id(sandbox, GASTHAUS), description="anderswo geändert")
    counts = run_import(client, "customers").collections["customers"]

    assert (counts.updated, counts.skipped, counts.changed_ids) == (1, 1, {local(GASTHAUS).id})
    assert local(MUELLER).version == version
    sandbox.data.update("Contact", cid, description="noch einmal geändert")
    assert run_import(client, "customers").collections["customers"].changed_ids == {local(MUELLER).id}
    assert local(MUELLER).description == "noch einmal geändert"
    sandbox.data.update("ContactAddress", row["id"], zip=row["zip"], street="Neue Straße 1")
    assert run_import(client, "customers").collections["customers"].changed_ids == {local(MUELLER).id}
    assert "Neue Straße 1" in [street for _k, street, _id in addresses(local(MUELLER))]


def test_C5_C6_a_flagged_customer_back_with_an_unreadable_address_is_unflagged(sandbox, client, database):
    run_import(client, "customers")
    cid = contact_id(sandbox, WEISS_PRAXIS)
    gone = sandbox.data.get("Contact", cid)
    sandbox.data.delete("Contact", cid)
    run_import(client, "customers")
    stored = addresses(local(WEISS_PRAXIS))
    sandbox.data.add("Contact", gone, id=cid)
    sandbox.data.update("ContactAddress", rows_of(sandbox, "ContactAddress", cid)[0]["id"], street=["?"])
    counts = run_import(client, "customers").collections["customers"]
    assert counts.skipped == 1
    assert local(WEISS_PRAXIS).deleted_in_sevdesk is False
    assert addresses(local(WEISS_PRAXIS)) == stored


def test_C5_H2_addresses_shifted_out_of_an_offset_sweep_are_not_deleted(
    sandbox, client, database, monkeypatch
):
    """sevDesk deleted an address while its pages were read: the page after it started one
    address later, so one address of another customer was never seen and was deleted."""
    from craftdesk.api.client import SevdeskClient

    run_import(client, "customers")
    stored = list(Address.select().order_by(Address.id).tuples())
    original = SevdeskClient.iter_pages_raw

    def shifted(self, path, params=None, *args, **kwargs):
        for page in original(self, path, params, *args, **kwargs):
            if path == "/ContactAddress" and page.objects:
                page.objects = page.objects[1:]  # one address never arrives
            yield page

    monkeypatch.setattr(SevdeskClient, "iter_pages_raw", shifted)
    settings.set("import_pages_customers", None)  # read every page
    counts = run_import(client, "customers").collections["customers"]
    assert counts.flagged == 0
    assert list(Address.select().order_by(Address.id).tuples()) == stored
    assert counts.updated == 1  # only the customer whose address did not arrive is written


def test_O4_a_single_import_keeps_a_customer_whose_address_is_unreadable(sandbox, client, database):
    run_import(client, "customers")
    cid = contact_id(sandbox, WEISS_PRAXIS)
    stored = addresses(local(WEISS_PRAXIS))
    sandbox.data.update("ContactAddress", rows_of(sandbox, "ContactAddress", cid)[0]["id"], zip=[1])
    customers.import_single_customer(client, cid)
    assert addresses(local(WEISS_PRAXIS)) == stored


def test_C6_a_contact_sevdesk_cannot_confirm_as_gone_is_flagged_on_a_later_run(sandbox, client, database):
    run_import(client, "customers")
    cid = contact_id(sandbox, KITA)
    sandbox.data.delete("Contact", cid)
    sandbox.faults.add(path=f"/Contact/{cid}", method="GET", kind="status", status=500, times=None)
    assert run_import(client, "customers").collections["customers"].flagged == 0
    assert local(KITA).deleted_in_sevdesk is False  # unknown is not deleted
    sandbox.faults.clear()
    # the pages are as last time, but the question is open: the next run asks again
    assert run_import(client, "customers").collections["customers"].flagged == 1
    assert local(KITA).deleted_in_sevdesk is True


def test_C6_many_vanished_customers_are_checked_with_one_sweep(sandbox, client, database):
    run_import(client, "customers")
    kunden = [c for c in sandbox.data.all("Contact") if c["category"]["id"] == "3"]
    assert len(kunden) > customers.GONE_CHECKS_ONE_BY_ONE + 1
    deleted = kunden[: customers.GONE_CHECKS_ONE_BY_ONE]
    moved = kunden[customers.GONE_CHECKS_ONE_BY_ONE]
    for contact in deleted:
        sandbox.data.delete("Contact", contact["id"])
    sandbox.data.update("Contact", moved["id"], category={"id": "2", "objectName": "Category"})
    sandbox.clear_requests()
    assert run_import(client, "customers").collections["customers"].flagged == len(deleted)
    flagged = {c.sevdesk_id for c in Customer.select().where(Customer.deleted_in_sevdesk == True)}
    assert flagged == {c["id"] for c in deleted}
    assert not [r for r in sandbox.requests if r.path.startswith("/Contact/")]  # no one by one
    every = [r for r in sandbox.requests if r.path == "/Contact" and "category[id]" not in r.query]
    assert every and all(r.query.get("depth") == "1" for r in every)


def test_C6_H2_the_sweep_of_every_contact_must_reach_the_total_before_anyone_is_flagged(
    sandbox, client, database, monkeypatch
):
    """Many customers left "Kunde", and the sweep of every contact that tells which still
    exist repeated one contact in place of another (offset paging over a changing list):
    the one it never saw exists in sevDesk and must not be flagged as deleted there."""
    from craftdesk.api.client import SevdeskClient

    run_import(client, "customers")
    kunden = [c for c in sandbox.data.all("Contact") if c["category"]["id"] == "3"]
    moved = kunden[: customers.GONE_CHECKS_ONE_BY_ONE + 1]
    for contact in moved:
        sandbox.data.update("Contact", contact["id"], category={"id": "2", "objectName": "Category"})
    original = SevdeskClient.iter_pages_with_total

    def repeating(self, path, params=None, *args, **kwargs):
        for objects, total in original(self, path, params, *args, **kwargs):
            if path == "/Contact":  # one moved customer never arrives, another twice
                objects = [objects[-1] if o["id"] == moved[0]["id"] else o for o in objects]
            yield objects, total

    monkeypatch.setattr(SevdeskClient, "iter_pages_with_total", repeating)
    assert run_import(client, "customers").collections["customers"].flagged == 0
    assert not Customer.select().where(Customer.deleted_in_sevdesk == True).exists()

    monkeypatch.setattr(SevdeskClient, "iter_pages_with_total", original)
    sandbox.data.delete("Contact", moved[0]["id"])
    assert run_import(client, "customers").collections["customers"].flagged == 1  # asked again
    assert local(moved[0]["customerNumber"]).deleted_in_sevdesk is True


def test_C7_local_customers_are_never_touched(sandbox, client, database):
    first = customers.create_local_customer(
        company="Schmitt Bau",
        emails=["info@schmitt-bau.de"],
        addresses=[{"kind": "postal", "street": "Weg 1", "zip": "70000", "city": "Stuttgart"}],
    )
    second = customers.create_local_customer(kind="person", first_name="Eva", last_name="Roth")
    assert (first.customer_number, second.customer_number) == ("L-1001", "L-1002")
    assert customers.next_local_customer_number() == "L-1003"
    before = [
        (c.id, c.customer_number, c.company, c.updated_at, c.deleted_in_sevdesk) for c in (first, second)
    ]
    run_import(client, "customers")
    sandbox.data.delete("Contact", contact_id(sandbox, KITA))
    run_import(client, "customers")
    after = [
        (c.id, c.customer_number, c.company, c.updated_at, c.deleted_in_sevdesk)
        for c in Customer.select().where(Customer.sevdesk_id.is_null()).order_by(Customer.id)
    ]
    assert after == before
    assert infos(Customer.get_by_id(first.id), "email") == ["info@schmitt-bau.de"]


def test_unchanged_reimport_writes_nothing(sandbox, client, database):
    run_import(client, "customers")
    before = snapshot()
    changes = total_changes()
    categories = fetch_categories(client)
    counts = customers.sync_customers(client, categories)
    assert total_changes() == changes  # not a single row written
    assert counts.unchanged == Customer.select().count() and counts.updated == counts.created == 0
    result = run_import(client, "customers")
    assert result.rows_written == 0
    assert snapshot() == before


def test_update_timestamp_alone_writes_nothing(sandbox, client, database):
    run_import(client, "customers")
    sandbox.data.update("Contact", contact_id(sandbox, KITA), gender="w")  # a field we do not keep
    result = run_import(client, "customers")
    assert result.rows_written == 0 and result.collections["customers"].updated == 0


def test_malformed_records_are_skipped_logged_and_counted(sandbox, client, database, caplog):
    cid = contact_id(sandbox, KITA)
    nameless = sandbox.data.add(
        "Contact", {"category": {"id": "3", "objectName": "Category"}, "customerNumber": "10999"}
    )
    orphan = sandbox.data.add("ContactAddress", {"contact": None, "street": "Nirgendwo 1"})
    bad_type = sandbox.data.add(
        "ContactAddress", {"contact": {"id": cid, "objectName": "Contact"}, "street": {"not": "text"}}
    )
    fax = sandbox.data.add(
        "CommunicationWay",
        {"contact": {"id": cid, "objectName": "Contact"}, "type": "FAX", "value": "+49 711 1"},
    )
    caplog.set_level(logging.WARNING, logger="craftdesk.services")
    result = run_import(client, "customers")
    counts = result.collections["customers"]
    assert counts.skipped == 4
    kunden = [c for c in sandbox.data.all("Contact") if c["category"]["id"] == "3"]
    assert Customer.select().count() == len(kunden) - 1  # everything else arrived
    for record_id in (nameless, orphan, bad_type, fax):
        assert any(
            record_id in m and ("fehlt" in m or "kein" in m or "unbekannt" in m or "ohne" in m)
            for m in caplog.messages
        ), record_id
    assert addresses(local(KITA))  # the good address of that customer is still there


def test_single_customer_import_follows_C3_C4(sandbox, client, database):
    cid = contact_id(sandbox, MUELLER)
    before = client.request_count
    customer = customers.import_single_customer(client, cid)
    assert client.request_count - before <= 5
    assert isinstance(customer, Customer) and customer.sevdesk_id == cid
    assert [k for k, _, _ in addresses(customer)] == ["postal", "billing", "delivery", "delivery"]
    assert infos(customer, "email") == ["buchhaltung@mueller-haustechnik.de", "info@mueller-haustechnik.de"]
    sandbox.data.update("Contact", cid, name="Müller Haustechnik AG")
    again = customers.import_single_customer(client, cid)
    assert again.id == customer.id and again.company == "Müller Haustechnik AG"
    assert Customer.select().count() == 1
    with pytest.raises(NotFoundError):
        customers.import_single_customer(client, "999999")


def test_C7_customer_linked_by_an_invoice_keeps_its_local_data_until_sevdesk_changes(
    sandbox, client, database
):
    local_customer = customers.create_local_customer(
        company="Schmitt Bau",
        emails=["info@schmitt-bau.de"],
        phones=["0711 1"],
        addresses=[
            {"kind": "postal", "street": "Postweg 1", "zip": "70000", "city": "Stuttgart"},
            {"kind": "billing", "street": "Rechnungsweg 2", "zip": "70000", "city": "Stuttgart"},
        ],
    )
    # What the invoice service does (I3): create the contact in sevDesk, store its id.
    new_id = sandbox.data.add(
        "Contact",
        {
            "name": "Schmitt Bau",
            "customerNumber": "L-1001",
            "category": {"id": "3", "objectName": "Category"},
        },
    )
    Customer.update(sevdesk_id=new_id).where(Customer.id == local_customer.id).execute()
    details = list(Address.select().tuples()) + list(ContactInfo.select().tuples())
    run_import(client, "customers")
    assert list(Address.select().where(Address.customer == local_customer.id).tuples()) + list(
        ContactInfo.select().where(ContactInfo.customer == local_customer.id).tuples()
    ) == [d for d in details if d[1] == local_customer.id]  # the very same rows, untouched
    linked = Customer.get_by_id(local_customer.id)
    assert [a[1] for a in addresses(linked)] == ["Postweg 1", "Rechnungsweg 2"]  # kept
    assert infos(linked, "phone") == ["0711 1"]
    assert Customer.select().where(Customer.sevdesk_id == new_id).count() == 1  # no duplicate
    sandbox.data.update("Contact", new_id, name="Schmitt Bau GmbH")
    run_import(client, "customers")
    assert Customer.get_by_id(local_customer.id).company == "Schmitt Bau GmbH"  # C5 from now on


def _linked() -> set[tuple]:
    return {(c.sevdesk_id, a.kind, a.street, a.position) for c in Customer.select() for a in c.addresses} | {
        (c.sevdesk_id, i.kind, i.value, i.position) for c in Customer.select() for i in c.contact_infos
    }


def test_C5_new_customers_get_their_addresses_without_being_read_back(sandbox, client, database, monkeypatch):
    """A full import knows the ids SQLite gave its new customers (``bulk.inserted_ids``);
    where it cannot show them, it reads them back: both attach every address and way to
    its own customer."""
    from craftdesk.services import customer_store
    from craftdesk.store.engine import is_server

    statements: list[str] = []
    if not is_server(database):
        database.connection().set_trace_callback(statements.append)
    run_import(client, "customers")
    if not is_server(database):
        database.connection().set_trace_callback(None)
        read_back = [
            s for s in statements if s.startswith('SELECT "t1"."id", "t1"."sevdesk_id" FROM "customer"')
        ]
        assert read_back == []
    linked, count = _linked(), Customer.select().count()
    assert len(linked) > count > 20
    for model in (ContactInfo, Address, Customer):
        model.delete().execute()
    monkeypatch.setattr(customer_store, "inserted_ids", lambda model, count: None)
    result = run_import(client, "customers")  # the pages again: the local rows changed
    assert result.collections["customers"].created == count
    assert _linked() == linked
