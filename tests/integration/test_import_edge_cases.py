"""Customer and article import on sevDesk data shaped unlike the demo account (C1–C7,
A1–A4), over real HTTP, checked through the export records of SPEC §7.

One small account is built per test module: reference data with account-specific
category ids and records that make a rule matter (ids across a digit boundary, missing
or unknown references, other spellings of flags and numbers).
"""

from __future__ import annotations

from typing import Any

import pytest

from craftdesk.api.client import SevdeskClient
from craftdesk.sandbox import DEMO_TOKEN, Sandbox, SandboxData
from craftdesk.sandbox.base_data import UNIT_IDS, add_reference_data
from craftdesk.services import exports
from craftdesk.services.importer import run_import
from craftdesk.store.models import Customer

INVOICE, DELIVERY, WORK, PICKUP, ARTIKEL, SERVICE = "9", "900", "10", "11", "12", "13"
CATEGORY_IDS = {
    "CATEGORY_INVOICE_ADDRESS": INVOICE,
    "CATEGORY_DELIVERY_ADDRESS": DELIVERY,
    "CATEGORY_WORK": WORK,
    "CATEGORY_PICKUP_ADDRESS": PICKUP,
    "Artikel": ARTIKEL,
    "Dienstleistung": SERVICE,
}
GERMANY, AUSTRIA, UNKNOWN_COUNTRY = "1", "2", "4711"


def ref(name: str, id_: Any) -> dict | None:
    return None if id_ is None else {"id": str(id_), "objectName": name}


def build_account() -> SandboxData:
    data = SandboxData()
    add_reference_data(data, CATEGORY_IDS)

    def contact(number: str, category: str | None = "3", **fields: Any) -> str:
        fields.update(customerNumber=number, category=ref("Category", category))
        return data.add("Contact", fields)

    def address(
        contact_id: str, id_: int, street: str, category: str | None, country: str | None = GERMANY
    ) -> None:
        data.add(
            "ContactAddress",
            {
                "contact": ref("Contact", contact_id),
                "street": street,
                "zip": "70173",
                "city": "Stuttgart",
                "country": ref("StaticCountry", country),
                "category": ref("Category", category),
            },
            id=id_,
        )

    def way(contact_id: str, id_: int, kind: str, value: str, main: Any = "0", key: str = "2") -> None:
        data.add(
            "CommunicationWay",
            {
                "contact": ref("Contact", contact_id),
                "type": kind,
                "value": value,
                "main": main,
                "key": ref("CommunicationWayKey", key),
            },
            id=id_,
        )

    org = contact("20001", name="Haustechnik Nord GmbH", status="1000")
    # Two invoice addresses: "9" < "10" by number, not by text.
    address(org, 10, "Rechnungsweg 10", INVOICE)
    address(org, 9, "Rechnungsweg 9", INVOICE)
    address(org, 13, "Abholweg 13", PICKUP)
    address(org, 12, "Ohne Kategorie 12", None)
    address(org, 14, "Lieferweg 14", DELIVERY, AUSTRIA)
    address(org, 8, "Lieferweg 8", DELIVERY)
    way(org, 9, "EMAIL", "niedrig@nord.de")
    way(org, 10, "email", "haupt@nord.de", main=True)  # main on a higher id, lower-case type
    way(org, 11, "EMAIL", "dritte@nord.de")
    way(org, 12, "EMAIL", "HAUPT@nord.de")  # a duplicate counts once
    way(org, 20, "MOBILE", " 0171 1111111 ")
    way(org, 19, "PHONE", "0172 2222222", key="4")  # a mobile recorded as phone, key "Mobil"
    way(org, 21, "MOBILE", "0173 3333333", main=1)
    way(org, 30, "PHONE", "0711 100", key="3")  # fax: no phone number
    way(org, 31, "PHONE", "0711 200")
    way(org, 32, "PHONE", "0711 300", main="1")
    way(org, 33, "WEB", "https://nord.de")

    person = contact(
        "20002",
        surename="Anna",
        familyname="Schneider",
        name2="jun.",
        parent=ref("Contact", contact("30001", category="2", name="Lieferant AG")),
    )
    address(person, 40, "Privatweg 40", "999999", UNKNOWN_COUNTRY)  # unknown category
    contact("20003", familyname="Nurnachname")
    only_billing = contact("20004", name="Kita Sonnenschein e.V.")
    address(only_billing, 50, "Kitaweg 50", INVOICE, None)
    contact("20005", category=None, name="Ohne Kategorie KG")
    contact("20006", category="28", name="Interessent GmbH")

    def part(
        number: str | None, category: str | None = ARTIKEL, unit: str | None = "Stk", **fields: Any
    ) -> None:
        unity = ref("Unity", UNIT_IDS[unit]) if unit in UNIT_IDS else ref("Unity", unit)
        data.add(
            "Part",
            {
                "name": f"Teil {number}",
                "partNumber": number,
                "taxRate": "19",
                "status": "100",
                "category": ref("Category", category),
                "unity": unity,
                **fields,
            },
        )

    part("P-1", price="24.9", priceNet=None, priceGross="29.63")
    part("P-2", priceGross="29.63", taxRate="19.0")
    part("P-3", priceNet="10", taxRate="7,00", status=50, unit=None)
    part(None, priceNet="5", taxRate=19, status=100, unit="424242")
    part("P-5", priceNet="1", unit="")  # the account's empty unit (UNITY_EMPTY)
    part("P-6", category=None, priceNet="1")
    part("P-7", category=SERVICE, priceNet="1")
    return data


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> dict[str, Any]:
    """One import of the account; its export records by customer and article number."""
    from craftdesk.store.db import close_database, open_database

    open_database(tmp_path_factory.mktemp("edge") / "craftdesk.sqlite3")
    try:
        with Sandbox(data=build_account()) as sb:
            client = SevdeskClient(sb.url, DEMO_TOKEN)
            try:
                result = run_import(client, "all")
            finally:
                client.close()
        return {
            "result": result,
            "customers": {c["customer_number"]: c for c in exports.customer_records()},
            "articles": {a["number"]: a for a in exports.article_records()},
        }
    finally:
        close_database()


def streets(record: dict, kind: str) -> list[str]:
    return [a["street"] for a in record["addresses"] if a["kind"] == kind]


def test_C1_customers_of_category_kunde_only_persons_too(exported):
    assert sorted(exported["customers"]) == ["20001", "20002", "20003", "20004"]
    assert exported["result"].collections["customers"].skipped == 0


def test_C2_person_names_and_kind(exported):
    anna = exported["customers"]["20002"]
    assert (anna["kind"], anna["first_name"], anna["last_name"], anna["name_suffix"], anna["company"]) == (
        "person",
        "Anna",
        "Schneider",
        "jun.",
        "",
    )
    only_last = exported["customers"]["20003"]
    assert (only_last["kind"], only_last["first_name"], only_last["last_name"]) == (
        "person",
        "",
        "Nurnachname",
    )


def test_C3_billing_lowest_id_by_number_and_all_delivery_addresses(exported):
    nord = exported["customers"]["20001"]
    assert streets(nord, "billing") == ["Rechnungsweg 9"]
    assert streets(nord, "delivery") == ["Lieferweg 8", "Lieferweg 14"]
    assert [a["country"] for a in nord["addresses"] if a["kind"] == "delivery"] == ["DE", "AT"]


def test_C3_postal_is_the_first_other_address_also_without_category(exported):
    assert streets(exported["customers"]["20001"], "postal") == ["Ohne Kategorie 12"]
    # an unknown category is "other" too; an unknown country is not guessed
    anna = exported["customers"]["20002"]
    assert [(a["kind"], a["street"], a["country"]) for a in anna["addresses"]] == [
        ("postal", "Privatweg 40", "")
    ]


def test_C3_billing_is_also_postal_when_there_is_no_other(exported):
    kita = exported["customers"]["20004"]
    assert [(a["kind"], a["street"], a["country"]) for a in kita["addresses"]] == [
        ("postal", "Kitaweg 50", "DE"),
        ("billing", "Kitaweg 50", "DE"),
    ]


def test_C4_main_first_then_lowest_id_limits_and_kinds(exported):
    nord = exported["customers"]["20001"]
    assert nord["emails"] == ["haupt@nord.de", "niedrig@nord.de"]
    assert nord["mobiles"] == ["0173 3333333", "0172 2222222"]
    assert nord["phones"] == ["0711 300"]


def test_A1_A2_parts_of_the_configured_category_with_their_fields(exported):
    arts = exported["articles"]
    assert sorted(arts) == ["", "P-1", "P-2", "P-3", "P-5"]
    assert exported["result"].collections["articles"].skipped == 0
    assert {n: (a["net_price"], a["vat_rate"], a["gross_price"]) for n, a in arts.items()} == {
        "P-1": ("24.90", "19", "29.63"),
        "P-2": ("24.90", "19", "29.63"),
        "P-3": ("10.00", "7", "10.70"),
        "": ("5.00", "19", "5.95"),
        "P-5": ("1.00", "19", "1.19"),
    }
    assert (arts["P-3"]["active"], arts[""]["active"]) == (False, True)


def test_A2_unit_by_name_the_empty_unit_stays_empty(exported):
    arts = exported["articles"]
    assert arts["P-1"]["unit"] == "Stk"
    assert arts["P-5"]["unit"] == ""  # the account's own unit, even with an empty name
    assert arts["P-3"]["unit"] == arts[""]["unit"] == "Stk"  # no or unknown unit: sevDesk's default


def test_export_json_shape_on_this_account(exported):
    for record in exported["customers"].values():
        assert isinstance(record["id"], int) and isinstance(record["sevdesk_id"], str)
        assert all(isinstance(record[k], list) for k in ("emails", "mobiles", "phones", "addresses"))
        assert all(set(a) == {"kind", "street", "zip", "city", "country"} for a in record["addresses"])
    for record in exported["articles"].values():
        assert all(isinstance(record[k], str) for k in ("net_price", "vat_rate", "gross_price", "unit"))


def test_C6_C7_deleted_contact_flagged_moved_one_kept_local_customer_untouched(start_sandbox, database):
    from craftdesk.services.customers import create_local_customer

    sb, client = start_sandbox(build_account())
    local = create_local_customer(company="Nur lokal GmbH", emails=["lokal@example.de"])
    run_import(client, "customers")
    moved = next(c["id"] for c in sb.data.all("Contact") if c["customerNumber"] == "20001")
    deleted = next(c["id"] for c in sb.data.all("Contact") if c["customerNumber"] == "20002")
    sb.data.update("Contact", moved, category=ref("Category", "2"))
    sb.data.delete("Contact", deleted)
    result = run_import(client, "customers")
    assert result.collections["customers"].flagged == 1
    assert Customer.get(Customer.sevdesk_id == deleted).deleted_in_sevdesk
    assert not Customer.get(Customer.sevdesk_id == moved).deleted_in_sevdesk
    again = Customer.get_by_id(local.id)
    assert (again.sevdesk_id, again.company, again.deleted_in_sevdesk) == (None, "Nur lokal GmbH", False)
    assert [i.value for i in again.contact_infos] == ["lokal@example.de"]


@pytest.fixture
def start_sandbox():
    started: list[tuple[Sandbox, SevdeskClient]] = []

    def start(data: SandboxData) -> tuple[Sandbox, SevdeskClient]:
        sb = Sandbox(data=data).start()
        client = SevdeskClient(sb.url, DEMO_TOKEN, backoff_base=0.01, backoff_max=0.05)
        started.append((sb, client))
        return sb, client

    yield start
    for sb, client in started:
        client.close()
        sb.stop()
