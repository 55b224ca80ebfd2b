"""sevDesk record parsing and the pure import rules (C3, C4, A1, A3), plus the page sweep."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
import responses
from hypothesis import given
from hypothesis import strategies as st

from craftdesk.api.client import SevdeskClient
from craftdesk.api.errors import MalformedResponseError
from craftdesk.api.records import (
    AddressRec,
    CategoryRec,
    CommWayRec,
    RecordError,
    parse_address,
    parse_comm_way,
    parse_contact,
    parse_order_pos,
    parse_part,
    parse_sevuser,
)
from craftdesk.services import articles, customers
from craftdesk.services.fetching import fetch_categories, sweep
from craftdesk.services.importer import connected_user
from craftdesk.services.lookups import AddressCategories

BASE = "https://sevdesk.test/api/v1"
TOKEN = "0123456789abcdef0123456789abcdef"


def ref(name: str, id_: str) -> dict:
    return {"id": id_, "objectName": name}


# --- parsers ------------------------------------------------------------------------------


def test_contact_with_name_is_an_organisation_else_a_person():
    org = parse_contact({"id": "1", "name": "Bäckerei Schröder", "category": ref("Category", "3")})
    person = parse_contact({"id": 2, "surename": "Anna", "familyname": "Schneider", "name2": "jun."})
    assert (org.kind, org.company, org.category_id) == ("organisation", "Bäckerei Schröder", "3")
    assert (person.kind, person.first_name, person.name_suffix, person.id) == ("person", "Anna", "jun.", "2")


def test_a_text_longer_than_craftdesk_keeps_is_cut_with_a_log_line(caplog):
    """Both readers (sevDesk's usual wire form and the careful one) cut a description of
    more than 10,000 characters and say so in the log: the field and the lengths, never
    the text itself."""
    from craftdesk.api.fields import MAX_TEXT
    from craftdesk.api.records import contact_row

    long = "Geheimnis-" * 1500  # 15,000 characters
    usual = {key: None for key in ("parent", "surename", "familyname", "name2", "customerNumber")}
    usual |= {"buyerReference": None, "gender": None, "academicTitle": None, "governmentAgency": "0"}
    usual |= {"id": "9", "update": "2024-03-01T10:15:00+01:00", "category": ref("Category", "3")}
    usual |= {"name": "Bau GmbH", "description": long}
    careful = {"id": "9", "name": "Bau GmbH", "description": long + "\x0b"}  # a control character
    for raw in (usual, careful):
        caplog.clear()
        with caplog.at_level("WARNING"):
            row = contact_row(raw)
        assert row is not None and row[9] == long.strip()[:MAX_TEXT]
        assert "description: 15000 characters from sevDesk, the first 10000 kept" in caplog.text
        assert "Geheimnis" not in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING"):
        contact_row(usual | {"description": "kurz"})
    assert caplog.text == ""


@pytest.mark.parametrize(
    "raw, reason",
    [
        ({"id": "5", "category": ref("Category", "3")}, "ohne Namen"),
        ({"name": "X"}, "id fehlt"),
        ({"id": "abc", "name": "X"}, "keine Id"),
        ({"id": "6", "name": "X", "category": "3"}, "keine Referenz"),
        ({"id": "7", "name": ["X"]}, "kein Text"),
    ],
)
def test_malformed_contact_raises_record_error_with_reason_and_id(raw, reason):
    with pytest.raises(RecordError) as info:
        parse_contact(raw)
    assert reason in info.value.reason
    assert info.value.record_id == (str(raw["id"]) if "id" in raw else None)


def test_address_needs_its_contact():
    with pytest.raises(RecordError, match="contact fehlt"):
        parse_address({"id": "9", "contact": None, "street": "Weg 1"})
    address = parse_address(
        {
            "id": "9",
            "contact": ref("Contact", "1"),
            "street": " Weg 1 ",
            "zip": 70173,
            "country": ref("StaticCountry", "2"),
            "category": ref("Category", "47"),
        }
    )
    assert (address.street, address.zip) == ("Weg 1", "70173")
    assert (address.country_id, address.category_id) == ("2", "47")


def test_comm_way_types_and_flags():
    way = parse_comm_way(
        {
            "id": "3",
            "contact": ref("Contact", "1"),
            "type": "email",
            "value": "a@b.de",
            "main": "1",
            "key": ref("CommunicationWayKey", "2"),
        }
    )
    assert (way.type, way.main, way.key_id) == ("EMAIL", True, "2")
    with pytest.raises(RecordError, match="unbekannter Kommunikationstyp"):
        parse_comm_way({"id": "4", "contact": ref("Contact", "1"), "type": "FAX", "value": "1"})
    with pytest.raises(RecordError, match="ohne Wert"):
        parse_comm_way({"id": "5", "contact": ref("Contact", "1"), "type": "PHONE", "value": " "})


def test_part_prices_status_and_bad_numbers():
    part = parse_part(
        {
            "id": "1",
            "name": "Ventil",
            "priceNet": "24.9",
            "taxRate": "19.00",
            "status": "50",
            "unity": ref("Unity", "1"),
            "category": ref("Category", "8"),
        }
    )
    assert (part.net_price, part.vat_rate, part.active) == (Decimal("24.9"), Decimal("19.00"), False)
    assert parse_part({"id": "2", "name": "X", "price": "5", "taxRate": "19"}).net_price == Decimal("5")
    # sevDesk requires a part's taxRate: without one the part is skipped, not read as 0 %
    for missing in ({}, {"taxRate": None}, {"taxRate": ""}):
        with pytest.raises(RecordError, match="taxRate"):
            parse_part({"id": "9", "name": "X", "price": "5", **missing})
    derived = parse_part({"id": "3", "name": "X", "priceGross": "11.90", "taxRate": "19"})
    assert derived.net_price == Decimal("10.00")
    with pytest.raises(RecordError, match="priceNet ist keine Zahl"):
        parse_part({"id": "4", "name": "X", "priceNet": "zehn", "taxRate": "19"})


def test_sevuser_client_owner_flag():
    assert parse_sevuser({"id": "1", "fullname": "Thomas Becker", "clientOwner": "1"}).client_owner is True
    user = parse_sevuser({"id": "2", "firstName": "Sabine", "lastName": "Krüger"})
    assert user.fullname == "Sabine Krüger"


# --- C3 / C4 ------------------------------------------------------------------------------

CATS = AddressCategories(invoice_ids={"47"}, delivery_ids={"48"})


def addr(id_: str, category: str | None, street: str, country: str | None = "1") -> AddressRec:
    return AddressRec(
        id=id_,
        contact_id="1",
        street=street,
        zip="70173",
        city="Stuttgart",
        country_id=country,
        category_id=category,
        update="",
    )


def way(id_: str, type_: str, value: str, main: bool = False, key: str | None = "2") -> CommWayRec:
    return CommWayRec(id=id_, contact_id="1", type=type_, value=value, main=main, key_id=key)


def test_C3_rules_on_records():
    rows = customers.pick_addresses(
        [
            addr("30", "47", "Rechnung B"),
            addr("12", "47", "Rechnung A"),
            addr("40", "48", "Liefer 2"),
            addr("35", "48", "Liefer 1"),
            addr("50", "43", "Büro"),
            addr("45", None, "Privat", "4"),
        ],
        CATS,
        {"1": "DE", "4": "AT"},
    )
    assert [(r[0], r[1], r[4], r[5]) for r in rows] == [
        ("postal", "Privat", "AT", "45"),
        ("billing", "Rechnung A", "DE", "12"),
        ("delivery", "Liefer 1", "DE", "35"),
        ("delivery", "Liefer 2", "DE", "40"),
    ]
    only_billing = customers.pick_addresses([addr("7", "47", "R")], CATS, {})
    assert [r[0] for r in only_billing] == ["postal", "billing"] and only_billing[0][5] == "7"
    unknown_country = customers.pick_addresses([addr("8", "48", "L", country="99")], CATS, {})
    assert [(r[0], r[4]) for r in unknown_country] == [("delivery", "")]


def test_C4_rules_on_records():
    ways = [
        way("1", "EMAIL", "a@x.de"),
        way("2", "EMAIL", "b@x.de"),
        way("9", "EMAIL", "main@x.de", True),
        way("3", "EMAIL", "A@X.de"),
        way("4", "PHONE", "fax", key="3"),
        way("5", "PHONE", "tel1"),
        way("6", "PHONE", "tel-main", True),
        way("7", "PHONE", "mob-as-phone", key="4"),
        way("8", "MOBILE", "mob1"),
        way("10", "MOBILE", "mob2"),
        way("11", "WEB", "x.de"),
    ]
    picked = customers.pick_comm_ways(ways)
    assert picked == (
        ("email", "main@x.de", "9"),
        ("email", "a@x.de", "1"),
        ("mobile", "mob-as-phone", "7"),
        ("mobile", "mob1", "8"),
        ("phone", "tel-main", "6"),
    )


def test_C3_address_categories_by_translation_code_with_documented_fallback():
    coded = [
        CategoryRec("900", "Rechnungsanschrift", "ContactAddress", "CATEGORY_INVOICE_ADDRESS"),
        CategoryRec("901", "Lieferanschrift", "ContactAddress", "CATEGORY_DELIVERY_ADDRESS"),
        CategoryRec("47", "Geschäftlich", "ContactAddress", "CATEGORY_WORK"),
        CategoryRec("3", "Kunde", "Contact", "CATEGORY_INVOICE_ADDRESS"),
    ]
    cats = customers.address_categories_from(coded)
    assert (cats.invoice_ids, cats.delivery_ids) == ({"900"}, {"901"})
    bare = customers.address_categories_from([CategoryRec("12", "X", "ContactAddress", "")])
    assert bare.invoice_ids == {"47"}


def test_fingerprint_changes_with_content_only():
    contact = parse_contact({"id": "1", "name": "A", "update": "2026-01-01T10:00:00+01:00"})
    later = parse_contact({"id": "1", "name": "A", "update": "2026-02-01T10:00:00+01:00"})
    renamed = parse_contact({"id": "1", "name": "B", "update": "2026-02-01T10:00:00+01:00"})
    build = lambda c: customers.build_customer(c, [], [], CATS, {})  # noqa: E731
    assert build(contact).fingerprint() == build(later).fingerprint() != build(renamed).fingerprint()


# --- A1 / A3 ------------------------------------------------------------------------------


def test_A1_part_categories_by_name_case_insensitive():
    rows = [
        CategoryRec("5", "Artikel", "Part", ""),
        CategoryRec("6", "Dienstleistung", "Part", ""),
        CategoryRec("7", "Artikel", "Contact", ""),
    ]
    assert articles.part_categories_from(rows, ["artikel "]) == {"5": "Artikel"}


def test_A3_rate_text_and_gross_price_half_up():
    rates = [articles.rate_text(Decimal(v)) for v in ("19.00", "7", "0.00", "10.70")]
    assert rates == ["19", "7", "0", "10.7"]
    assert articles.gross_price(Decimal("0.05"), Decimal("10")) == Decimal("0.06")  # 0.055 → 0.06
    assert articles.money(Decimal("2.345")) == Decimal("2.35")


# --- sweep and connection test -------------------------------------------------------------


@pytest.fixture
def api():
    with responses.RequestsMock() as mock:
        yield mock


def make_client() -> SevdeskClient:
    return SevdeskClient(BASE, TOKEN, max_retries=0)


def test_sweep_uses_count_all_to_skip_the_empty_last_page(api):
    page = [{"id": str(i)} for i in range(1000)]
    api.get(f"{BASE}/Part", json={"objects": page, "total": "2000"})
    api.get(f"{BASE}/Part", json={"objects": [{"id": str(i)} for i in range(999, 1999)], "total": "2000"})
    seen: list[str] = []
    rows = [
        r for p in sweep(make_client(), "/Part", None, lambda d, t, x: seen.append(x), "Artikel") for r in p
    ]
    assert len(api.calls) == 2 and "countAll=true" in api.calls[0].request.url
    assert len(rows) == 1999  # the repeated id 999 is dropped
    assert seen == ["Artikel: 1000 von 2000", "Artikel: 2000 von 2000"]


def test_H2_sweep_without_total_ends_on_an_empty_page_not_a_short_one(api):
    api.get(f"{BASE}/Unity", json={"objects": [{"id": str(i)} for i in range(1000)]})
    api.get(f"{BASE}/Unity", json={"objects": [{"id": "x"}]})
    api.get(f"{BASE}/Unity", json={"objects": [{"id": "y"}]})
    api.get(f"{BASE}/Unity", json={"objects": []})
    assert sum(len(p) for p in sweep(make_client(), "/Unity")) == 1002 and len(api.calls) == 4


def test_connected_user_names_the_account_owner_among_several(api):
    api.get(
        f"{BASE}/SevUser",
        json={
            "objects": [
                {"id": "1", "fullname": "Sabine Krüger", "clientOwner": "0"},
                {"id": "2", "fullname": "Thomas Becker", "clientOwner": "1"},
            ]
        },
    )
    assert connected_user(make_client()) == "Thomas Becker"


def test_sweep_stops_reading_when_the_caller_stops(api):
    api.get(
        f"{BASE}/CommunicationWay",  # the same full page, whatever the offset
        json={"objects": [{"id": str(i)} for i in range(1000)], "total": "9000"},
    )
    pages = sweep(make_client(), "/CommunicationWay")
    next(pages)
    pages.close()  # e.g. the caller failed: the reader thread ends, nothing hangs
    assert 1 <= len(api.calls) <= 5  # at most the read-ahead was requested


def test_sweep_raises_on_a_response_that_is_not_a_list(api):
    api.get(f"{BASE}/Part", json={"objects": {"id": "1"}})
    with pytest.raises(MalformedResponseError):
        list(sweep(make_client(), "/Part"))


def test_C1_other_categories_are_dropped_even_if_sevdesk_ignores_the_filter(api):
    from craftdesk.store.db import close_database, open_memory_database
    from craftdesk.store.models import Customer

    open_memory_database()
    try:
        api.get(
            f"{BASE}/Contact",
            json={
                "objects": [
                    {"id": "1", "name": "Kunde GmbH", "category": ref("Category", "3")},
                    {"id": "2", "name": "Lieferant KG", "category": ref("Category", "2")},
                ],
                "total": "2",
            },
        )
        for path in ("/ContactAddress", "/CommunicationWay"):
            api.get(f"{BASE}{path}", json={"objects": [], "total": "0"})
        counts = customers.sync_customers(make_client(), [])
        assert [c.company for c in Customer.select()] == ["Kunde GmbH"]
        assert (counts.created, counts.skipped) == (1, 0)
    finally:
        close_database()


# --- tolerance for other wire shapes (audit) ----------------------------------------------


@pytest.mark.parametrize(
    "stamp, stored",
    [
        (1768461164, "2026-01-15T07:12:44+00:00"),  # Unix seconds
        ("1768461164", "1768461164"),
        ("15.01.2026 08:12", "15.01.2026 08:12"),
        ("2026-01-15T08:12:44.000+0100", "2026-01-15T08:12:44.000+0100"),
        (None, ""),
    ],
)
def test_C2_update_in_another_format_does_not_cost_the_contact(stamp, stored):
    """``update`` is only stored: an unexpected format must not drop the whole record."""
    contact = parse_contact({"id": "1", "name": "Firma", "category": ref("Category", "3"), "update": stamp})
    part = parse_part({"id": "2", "name": "Rohr", "price": "1", "taxRate": "19", "update": stamp})
    assert contact.update == part.update == stored


def test_C1_sweep_reads_on_when_sevdesk_sends_shorter_pages_than_asked(api):
    """A server that caps the page size below 1000 still reports the total: read all of it."""
    api.get(f"{BASE}/Contact", json={"objects": [{"id": str(i)} for i in range(100)], "total": "250"})
    api.get(f"{BASE}/Contact", json={"objects": [{"id": str(i)} for i in range(100, 200)], "total": 250})
    api.get(f"{BASE}/Contact", json={"objects": [{"id": str(i)} for i in range(200, 250)], "total": "250"})
    rows = [r for p in sweep(make_client(), "/Contact") for r in p]
    assert len(rows) == 250 and len(api.calls) == 3
    assert [c.request.url.split("offset=")[1].split("&")[0] for c in api.calls] == ["0", "100", "200"]


def test_H2_an_empty_page_before_the_promised_total_is_an_error_not_an_end(api):
    from craftdesk.api.errors import MalformedResponseError

    api.get(f"{BASE}/Part", json={"objects": [{"id": "1"}], "total": "5"})
    api.get(f"{BASE}/Part", json={"objects": [], "total": "5"})
    with pytest.raises(MalformedResponseError):
        sum(len(p) for p in sweep(make_client(), "/Part"))
    assert len(api.calls) == 2


def _category_rows(with_type: bool) -> dict[str, list[dict]]:
    def row(id_: str, name: str, object_type: str, code: str | None = None) -> dict:
        result = {"id": id_, "objectName": "Category", "name": name, "translationCode": code}
        if with_type:
            result["objectType"] = object_type
        return result

    return {
        "ContactAddress": [
            row("470", "Rechnungsanschrift", "ContactAddress", "CATEGORY_INVOICE_ADDRESS"),
            row("480", "Lieferanschrift", "ContactAddress", "CATEGORY_DELIVERY_ADDRESS"),
        ],
        "Part": [row("77", "Artikel", "Part"), row("78", "Dienstleistung", "Part")],
    }


def test_A1_C3_categories_found_when_sevdesk_rows_carry_no_object_type(api):
    """The unfiltered list cannot be sorted by type then: the documented typed lists
    (/Category?objectType=…) are read, and their rows are of the type asked for."""
    from responses import matchers

    rows = _category_rows(with_type=False)
    api.get(
        f"{BASE}/Category",
        json={"objects": rows["ContactAddress"] + rows["Part"], "total": "4"},
        match=[matchers.query_param_matcher({"limit": "1000", "offset": "0", "countAll": "true"})],
    )
    for object_type, typed in rows.items():
        api.get(
            f"{BASE}/Category",
            json={"objects": typed, "total": str(len(typed))},
            match=[
                matchers.query_param_matcher(
                    {"objectType": object_type, "limit": "1000", "offset": "0", "countAll": "true"}
                )
            ],
        )
    categories = fetch_categories(make_client())
    assert articles.part_categories_from(categories, ["Artikel"]) == {"77": "Artikel"}
    cats = customers.address_categories_from(categories)
    assert (cats.invoice_ids, cats.delivery_ids) == ({"470"}, {"480"})
    assert len(api.calls) == 3


def test_A1_C3_object_type_of_a_category_is_compared_case_insensitively(api):
    rows = _category_rows(with_type=True)
    for row in rows["Part"]:
        row["objectType"] = "part"
    for row in rows["ContactAddress"]:
        row["objectType"] = "contactaddress"
    api.get(f"{BASE}/Category", json={"objects": rows["ContactAddress"] + rows["Part"], "total": "4"})
    categories = fetch_categories(make_client())
    assert articles.part_categories_from(categories, ["Artikel"]) == {"77": "Artikel"}
    assert customers.address_categories_from(categories).invoice_ids == {"470"}
    assert len(api.calls) == 1  # typed rows: the one unfiltered request is enough


def test_A1_C3_typed_category_lists_are_read_when_the_unfiltered_one_is_refused(api):
    from responses import matchers

    rows = _category_rows(with_type=True)
    api.get(
        f"{BASE}/Category",
        status=400,
        json={"error": {"message": "objectType fehlt"}},
        match=[matchers.query_param_matcher({"limit": "1000", "offset": "0", "countAll": "true"})],
    )
    for object_type, typed in rows.items():
        api.get(
            f"{BASE}/Category",
            json={"objects": typed, "total": str(len(typed))},
            match=[
                matchers.query_param_matcher(
                    {"objectType": object_type, "limit": "1000", "offset": "0", "countAll": "true"}
                )
            ],
        )
    categories = fetch_categories(make_client())
    assert articles.part_categories_from(categories, ["artikel"]) == {"77": "Artikel"}
    assert customers.address_categories_from(categories).delivery_ids == {"480"}


def test_A1_C3_rules_accept_object_types_in_any_case():
    rows = [
        CategoryRec("77", "Artikel", "PART", ""),
        CategoryRec("470", "Rechnungsanschrift", "contactAddress", "CATEGORY_INVOICE_ADDRESS"),
    ]
    assert articles.part_categories_from(rows, ["Artikel"]) == {"77": "Artikel"}
    assert customers.address_categories_from(rows).invoice_ids == {"470"}


@pytest.mark.parametrize(
    "prices, net",
    [
        ({"priceNet": None, "price": "24.9", "priceGross": "29.63"}, "24.90"),
        ({"priceNet": "0", "price": "24.9", "priceGross": "29.63"}, "24.90"),  # older parts
        ({"priceNet": "0.00", "price": "0", "priceGross": "29.63"}, "24.90"),
        ({"priceGross": 29.63}, "24.90"),
        ({"priceGross": "11.90595"}, "10.01"),  # 10.005 net: half-up, not half-even
        ({"priceNet": "0", "price": None, "priceGross": None}, "0.00"),
    ],
)
def test_A3_net_price_from_priceNet_price_or_gross(prices, net):
    part = parse_part({"id": "1", "name": "Ventil", "taxRate": "19", **prices})
    assert articles.money(part.net_price) == Decimal(net)


@pytest.mark.parametrize(
    "status, active", [(100, True), ("100", True), (100.0, True), ("50.0", False), (50, False), (None, True)]
)
def test_A2_part_status_as_int_string_or_integral_decimal(status, active):
    assert parse_part({"id": "1", "name": "Ventil", "taxRate": "19", "status": status}).active is active


def test_A2_part_status_that_is_no_whole_number_is_a_bad_record():
    with pytest.raises(RecordError, match="status"):
        parse_part({"id": "1", "name": "Ventil", "taxRate": "19", "status": "100.5"})


def test_C1_C4_A2_json_numbers_and_booleans_instead_of_strings(api):
    """Ids, numbers and flags as JSON ints/floats/booleans: the same result as strings."""
    from craftdesk.services import exports
    from craftdesk.services.importer import run_import
    from craftdesk.store.db import close_database, open_memory_database

    def r(name: str, id_: int) -> dict:
        return {"id": id_, "objectName": name}

    answers = {
        "/Category": [
            {
                "id": 47,
                "name": "Rechnungsanschrift",
                "objectType": "ContactAddress",
                "translationCode": "CATEGORY_INVOICE_ADDRESS",
            },
            {"id": 12, "name": "Artikel", "objectType": "Part"},
        ],
        "/Contact": [
            {"id": 5, "name": "Org", "category": r("Category", 3), "customerNumber": 1001},
            {
                "id": 6,
                "surename": "A",
                "familyname": "B",
                "category": r("Category", 3),
                "parent": r("Contact", 5),
            },
            {"id": 7, "name": "Lieferant", "category": r("Category", 2)},
        ],
        "/ContactAddress": [
            {
                "id": 10,
                "contact": r("Contact", 5),
                "street": "S10",
                "zip": 70173,
                "city": "C",
                "country": r("StaticCountry", 1),
                "category": r("Category", 47),
            },
            {
                "id": 9,
                "contact": r("Contact", 5),
                "street": "S9",
                "zip": 70173,
                "city": "C",
                "country": r("StaticCountry", 1),
                "category": r("Category", 47),
            },
        ],
        "/CommunicationWay": [
            {
                "id": 1,
                "contact": r("Contact", 5),
                "type": "EMAIL",
                "value": "a@b.de",
                "main": False,
                "key": r("CommunicationWayKey", 2),
            },
            {
                "id": 2,
                "contact": r("Contact", 5),
                "type": "EMAIL",
                "value": "c@b.de",
                "main": True,
                "key": r("CommunicationWayKey", 2),
            },
            {
                "id": 3,
                "contact": r("Contact", 6),
                "type": "PHONE",
                "value": "0171",
                "main": 0,
                "key": r("CommunicationWayKey", 4),
            },
        ],
        "/Unity": [{"id": 1, "name": "Stk"}],
        "/Part": [
            {
                "id": 3,
                "name": "Teil",
                "partNumber": 77,
                "price": 10.5,
                "priceNet": None,
                "taxRate": 19,
                "status": 100,
                "unity": r("Unity", 1),
                "category": r("Category", 12),
            }
        ],
    }
    for path, rows in answers.items():
        api.get(f"{BASE}{path}", json={"objects": rows, "total": len(rows)})
    open_memory_database()
    try:
        result = run_import(make_client(), "all")
        people = exports.customer_records()
        parts = exports.article_records()
    finally:
        close_database()
    assert (result.created, result.skipped) == (3, 0)
    assert [(c["sevdesk_id"], c["customer_number"], c["kind"]) for c in people] == [
        ("5", "1001", "organisation"),
        ("6", "", "person"),
    ]
    assert [a["street"] for a in people[0]["addresses"]] == ["S9", "S9"]
    assert people[0]["emails"] == ["c@b.de", "a@b.de"] and people[1]["mobiles"] == ["0171"]
    assert [
        (a["sevdesk_id"], a["number"], a["unit"], a["net_price"], a["vat_rate"], a["active"]) for a in parts
    ] == [("3", "77", "Stk", "10.50", "19", True)]


def test_C5_packed_customers_build_what_the_record_rules_build():
    """The bulk import's packed source gives the same customers as the record rules, and
    lets each customer's packed items go when it is taken."""
    from craftdesk.api.records import (
        address_row,
        comm_way_row,
        contact_row,
        parse_address,
        parse_comm_way,
        parse_contact,
    )
    from craftdesk.services.customer_packing import PackedCustomers
    from craftdesk.services.customer_rules import (
        address_reader,
        build_customer,
        pack_contact,
        way_item,
    )

    cats = AddressCategories(invoice_ids={"47"}, delivery_ids={"48"})
    contact = {
        "id": "7",
        "name": "Weiß & Söhne",
        "customerNumber": " 1001 ",
        "governmentAgency": "1",
        "category": {"id": "3", "objectName": "Category"},
        "update": "2025-01-01T00:00:00+01:00",
    }
    raw_addresses = [
        {
            "id": str(i),
            "contact": {"id": "7"},
            "street": f"Straße {i}",
            "zip": "10115",
            "city": "Berlin",
            "category": {"id": cat},
            "country": {"id": country} if country else None,
        }
        for i, cat, country in (("12", "48", None), ("3", "47", "1"), ("25", "1", "2"), ("4", "47", None))
    ]
    raw_ways = [
        {"id": "9", "contact": {"id": "7"}, "type": "EMAIL", "value": "B@x.de", "main": "0"},
        {"id": "8", "contact": {"id": "7"}, "type": "EMAIL", "value": "b@x.de", "main": "1"},
        {
            "id": "5",
            "contact": {"id": "7"},
            "type": "PHONE",
            "value": "030 1",
            "main": "0",
            "key": {"id": "3"},
        },
        {"id": "6", "contact": {"id": "7"}, "type": "WEB", "value": "x.de", "main": "0"},
        {"id": "2", "contact": {"id": "7"}, "type": "PHONE", "value": "030 2", "main": "0"},
    ]
    countries = {"1": "DE", "2": "AT"}
    item = address_reader(cats)
    addresses = {"7": [item(address_row(a)) for a in raw_addresses]}
    ways = {"7": [w for w in (way_item(comm_way_row(r)) for r in raw_ways) if w is not None]}
    source = PackedCustomers({"7": pack_contact(contact_row(contact))}, addresses, ways, countries)
    expected = build_customer(
        parse_contact(contact),
        [parse_address(a) for a in raw_addresses],
        [parse_comm_way(r) for r in raw_ways],
        cats,
        countries,
    )
    assert list(source) == ["7"] and len(source) == 1
    assert source["7"] == expected
    assert source.customer_number("7") == "1001"
    assert source.take("7") == expected.taken()
    assert addresses == {} and ways == {}
    assert "7" not in source and len(source) == 1  # taken: no second look-up
    with pytest.raises(KeyError):
        source.take("7")
    assert [a[0] for a in expected.addresses] == ["postal", "billing", "delivery"]
    assert [i[1] for i in expected.infos] == ["b@x.de", "030 2"]


def test_H5_control_characters_of_sevdesk_texts_are_dropped_tabs_and_breaks_kept():
    """ESC, BEL, form feed, DEL, C1 controls would reach terminals, calendars and CSV
    cells: they are dropped on the way in, on the fast path of a usual record as well."""
    contact = parse_contact(
        {
            "id": "7",
            "name": "Bau\x1b[31m GmbH\x07",
            "category": ref("Category", "3"),
            "description": "Zeile 1\r\nZeile\t2\x0c\x7f\x85",
        }
    )
    assert contact.company == "Bau[31m GmbH"
    assert contact.description == "Zeile 1\r\nZeile\t2"  # the form feed and NEL at its end
    soft = parse_contact(
        {"id": "8", "name": "X", "category": ref("Category", "3"), "description": "Nachbarn\x0bTel. 0711"}
    )
    assert soft.description == "Nachbarn\nTel. 0711"  # Word's soft line break keeps the words apart
    address = parse_address(
        {"id": "8", "contact": ref("Contact", "7"), "street": "Hof\x01weg 1", "city": "Ulm"}
    )
    assert address.street == "Hofweg 1"
    way = parse_comm_way(
        {"id": "9", "contact": ref("Contact", "7"), "type": "EMAIL", "value": "a\x00@b.de\x9b"}
    )
    assert way.value == "a@b.de"
    assert parse_part({"id": "5", "name": "Ventil\x1b", "taxRate": "19"}).name == "Ventil"


@pytest.mark.parametrize("rate", ["1000", "-19", "100.01"])
def test_H10_a_vat_rate_outside_0_to_100_makes_the_part_invalid(rate):
    with pytest.raises(RecordError, match="taxRate liegt außerhalb"):
        parse_part({"id": "6", "name": "Ventil", "priceGross": "10", "taxRate": rate})
    assert parse_part({"id": "6", "name": "Ventil", "taxRate": "100"}).vat_rate == 100


def test_H5_control_characters_are_dropped_on_the_fast_path_of_a_complete_record():
    from craftdesk.api.records import contact_row

    raw = {
        "id": "7",
        "update": "2026-01-01T00:00:00+01:00",
        "category": ref("Category", "3"),
        "parent": None,
        "name": "Bau\x1b GmbH",
        "surename": None,
        "familyname": None,
        "name2": "Filiale\x08",
        "customerNumber": "K\x7f1",
        "description": "a\x1bb",
        "buyerReference": None,
        "gender": None,
        "academicTitle": None,
        "governmentAgency": "0",
    }
    row = contact_row(raw)
    assert "Bau GmbH" in row and "Filiale" in row and "K1" in row and "ab" in row
    assert not any(isinstance(v, str) and "\x1b" in v for v in row)


@pytest.mark.parametrize(
    "sent, text",
    [
        ("<p>Stammkunde</p><![foo[", "Stammkunde"),
        ("<p>Zeile 1<br>Zeile 2</p><![if x]>", "Zeile 1\nZeile 2"),
        ("<div>Tor &amp; Zaun</div><![foo[ bar", "Tor & Zaun\nbar"),
    ],
)
def test_H5_markup_the_html_parser_gives_up_on_is_still_read_as_text(sent, text):
    """Python's HTML parser raises on some marked sections; that contact was not skipped
    but ended the whole import (exit 1), and the same text cost a part or an order."""
    from craftdesk.api.records import contact_row
    from craftdesk.api.text import plain_text

    assert plain_text(sent) == text
    raw = {"id": "7", "name": "Bau GmbH", "category": ref("Category", "3"), "description": sent}
    assert contact_row(raw)[9] == text  # the careful path
    complete = {
        **raw,
        "update": None,
        "parent": None,
        "surename": None,
        "familyname": None,
        "name2": None,
        "customerNumber": "K1",
        "buyerReference": None,
        "gender": None,
        "academicTitle": None,
        "governmentAgency": "0",
    }
    assert contact_row(complete)[9] == text  # the fast path
    assert parse_part({"id": "8", "name": "Ventil", "taxRate": "19", "text": sent}).description == text
    assert parse_order_pos({"id": "9", "order": ref("Order", "5"), "text": sent}).text == text


def test_a_fast_path_that_meets_the_unexpected_leaves_the_record_to_the_careful_one(monkeypatch):
    from craftdesk.api import records

    def broken(raw):
        raise AssertionError("unexpected")

    monkeypatch.setattr(records, "_address_fast", broken)
    raw = {"id": "1", "contact": ref("Contact", "2"), "street": "Weg 1", "zip": "1", "city": "X"}
    assert records.address_row(raw)[:5] == ("1", "2", "Weg 1", "1", "X")


@pytest.mark.parametrize(
    "sent", ["1e-999999999", "1E-999999", "0E-999999", "0.0000000000000000000001", "1e31"]
)
def test_H10_a_number_too_fine_or_too_large_to_write_out_is_refused_wherever_it_enters(sent):
    """Finite and small, "1e-999999999" passed every range check and then took an import
    or an order down (exit 1) when the database wrote it out: a gigabyte of zeros."""
    from craftdesk.api.fields import read_decimal
    from craftdesk.commands.projects import parse_decimal
    from craftdesk.errors import UsageError
    from craftdesk.ui.style import parse_decimal_de

    with pytest.raises(RecordError, match="keine gültige Zahl"):
        read_decimal(sent, "priceNet")
    with pytest.raises(UsageError, match="keine Zahl"):
        parse_decimal(sent, "Die Stundenzahl")
    assert parse_decimal_de(sent) is None
    with pytest.raises(RecordError):
        parse_order_pos({"id": "9", "order": ref("Order", "5"), "quantity": "1", "priceNet": sent})
    assert read_decimal("8.39495798320000000000000", "priceNet") == Decimal("8.3949579832")
    assert read_decimal("1.00000000000000000001", "quantity") == Decimal("1.00000000000000000001")


def c4_by_the_book(items):
    """C4 read literally: ``main`` first, then the lowest id; per kind the first ones up to
    its limit, a value already kept for that kind (case-insensitive) counting once."""
    limits = {"email": 2, "mobile": 2, "phone": 1}
    ranked = sorted((item.split("\x00") for item in items), key=lambda w: (w[3] != "1", int(w[0])))
    kept = {kind: [] for kind in limits}
    for rid, kind, value, _main in ranked:
        if len(kept[kind]) < limits[kind] and value.casefold() not in [
            v.casefold() for _k, v, _r in kept[kind]
        ]:
            kept[kind].append((kind, value, rid))
    return (*kept["email"], *kept["mobile"], *kept["phone"])


@given(
    st.lists(
        st.tuples(
            st.integers(1, 60),
            st.sampled_from(["email", "mobile", "phone"]),
            st.sampled_from(["a@x.de", "A@X.DE", "b@x.de", "0171 1", "030 2", "Straße@x.de", "STRASSE@x.de"]),
            st.booleans(),
        ),
        max_size=7,
        unique_by=lambda w: w[0],
    )
)
def test_C4_choice_is_the_rule_for_any_ways_of_a_customer(ways):
    """Also the shortcut for a customer with at most one way of each kind."""
    from craftdesk.services.customer_rules import choose_comm_ways

    items = [f"{rid}\x00{kind}\x00{value}\x00{'1' if main else ''}" for rid, kind, value, main in ways]
    assert choose_comm_ways(items) == c4_by_the_book(items)


@given(
    st.lists(
        st.tuples(
            st.integers(1, 40),
            st.sampled_from(["billing", "delivery", "other"]),
            st.sampled_from(["Weg 1", "Straße 2", ""]),
            st.sampled_from(["", "1", "2", "9"]),
        ),
        max_size=5,
        unique_by=lambda a: a[0],
    ),
    st.lists(
        st.tuples(
            st.integers(1, 40),
            st.sampled_from(["email", "mobile", "phone"]),
            st.sampled_from(["a@x.de", "A@X.DE", "0171 1", "030 2"]),
            st.booleans(),
        ),
        max_size=6,
        unique_by=lambda w: w[0],
    ),
    st.booleans(),
)
def test_C5_a_packed_customer_is_written_as_the_rules_build_it(addresses, ways, agency):
    """``PackedCustomers.take`` (C3 and C4 straight into the packed form the import
    writes, and its fingerprint) gives what the rules give through ``CustomerData``, for
    any addresses and communication ways of a customer."""
    from craftdesk.services.customer_packing import PackedCustomers
    from craftdesk.services.customer_rules import pack_contact

    row = ("7", "2025-01-01", "3", "person", "Ä", "B", "", "jr.", "1001", "", None, "", agency, "m", "Dr.")
    address_items = [
        f"{i}\x00{kind}\x00{street}\x00{i}0\x00Ort\x00{land}" for i, kind, street, land in addresses
    ]
    way_items = [f"{i}\x00{kind}\x00{value}\x00{'1' if main else ''}" for i, kind, value, main in ways]
    countries = {"1": "DE", "2": "AT"}
    source = PackedCustomers(
        {"7": pack_contact(row)}, {"7": list(address_items)}, {"7": list(way_items)}, countries
    )
    built = source["7"]
    taken = source.take("7")
    assert taken == built.taken()
    assert taken.fingerprint == built.fingerprint() and taken.fields == built.fields
    assert taken.older_fingerprints() == built.older_fingerprints()
    again = PackedCustomers(
        {"7": pack_contact(row)}, {"7": list(address_items)}, {"7": list(way_items)}, countries
    )
    assert again.take_row("7") == (taken.row("7"), taken.addresses, taken.infos)


def test_C1_a_page_of_rows_packs_each_customer_as_one_by_one_and_a_new_row_as_taken():
    """``pack_customer_page`` gives every contact of the customer category the text
    ``pack_contact`` gives it (salutations of persons only, agency as True/False), skips
    other categories, and leaves a page with an unread record to the record loop;
    ``take_row`` gives what ``Taken.row`` makes of the same customer."""
    from craftdesk.api.records import contact_row
    from craftdesk.services.customer_packing import PackedCustomers
    from craftdesk.services.customer_rules import pack_contact, pack_customer_page

    def raw(i: int, category: str, **fields: Any) -> dict[str, Any]:
        return {"id": str(i), "category": {"id": category}, "update": f"2026-0{i}-01", **fields}

    records = [
        raw(1, "3", surename="Anna", familyname="Berg", gender="w", title="Dr."),
        raw(2, "3", name="Weiß GmbH", gender="m", title="Prof.", governmentAgency="1"),
        raw(3, "4", familyname="Lieferant"),
        raw(4, "3", familyname="Kurz", gender=" Herr. ", customerNumber="K-4", description="a\nb"),
        raw(5, "3", familyname="Ohne", gender="x"),
    ]
    rows = [contact_row(r) for r in records]
    contacts: dict[str, str] = {}
    present: set[str] = set()
    assert pack_customer_page(rows, "3", contacts, present)
    assert contacts == {row[0]: pack_contact(row) for row in rows if row[2] == "3"}
    assert present == {"1", "2", "4", "5"} and "Frau" in contacts["1"] and "Herr" not in contacts["2"]
    assert not pack_customer_page([*rows[:2], records[2]], "3", {}, set())
    assert not pack_customer_page([], "3", contacts, present)
    source = PackedCustomers(dict(contacts), {}, {}, {})
    expected = source["4"].taken()
    assert source.take_row("4") == (expected.row("4"), expected.addresses, expected.infos)
    assert expected.row("4").split("\x00")[:4] == ["4", "2026-04-01", expected.fingerprint, "K-4"]
