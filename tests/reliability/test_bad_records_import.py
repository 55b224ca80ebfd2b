"""Bad input through a whole import: sevDesk serves mutated contacts and parts.

Property: the run ends normally, every unreadable record it is responsible for is
skipped and counted, and every readable one is imported — one bad record never costs
the others.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from craftdesk.api.client import SevdeskClient
from craftdesk.api.records import RecordError, parse_contact, parse_part
from craftdesk.sandbox import DEMO_TOKEN, Sandbox, SandboxData, build_demo_data
from craftdesk.services.customers import CONTACT_FILTER
from craftdesk.services.fetching import ref_id
from craftdesk.services.importer import run_import
from craftdesk.store.db import close_database, open_memory_database
from craftdesk.store.models import Article, Customer

DEMO = build_demo_data().to_json()

BAD_VALUES = st.sampled_from(
    [
        None,
        "",
        "   ",
        {},
        [],
        {"id": "x"},
        ["Müller"],
        {"name": "verschachtelt"},
        True,
        12.5,
        -1,
        "abc",
        "1e999",
        "NaN",
        "12,5",
        "\x00",
        "\u202eGmbH",
        "😀" * 3,
        "x" * 20_000,
        "2024-13-45T99:00:00",
        "2024-02-28\x0010:00",
        {"id": None, "objectName": "Category"},
        {"id": "999999", "objectName": "Category"},
        {"id": "²", "objectName": "Unity"},
    ]
)
CONTACT_FIELDS = [
    "name",
    "surename",
    "familyname",
    "name2",
    "customerNumber",
    "description",
    "update",
    "parent",
    "category",
]
PART_FIELDS = [
    "name",
    "partNumber",
    "priceNet",
    "priceGross",
    "price",
    "taxRate",
    "status",
    "unity",
    "category",
    "update",
    "text",
]


@st.composite
def damage(draw: st.DrawFn, ids: list[str], fields: list[str]) -> dict[str, dict[str, Any]]:
    chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=6, unique=True))
    return {
        rid: draw(st.dictionaries(st.sampled_from(fields), BAD_VALUES, min_size=1, max_size=3))
        for rid in chosen
    }


def _expected(client: SevdeskClient, data: SandboxData) -> tuple[int, int, int, int]:
    """(contacts imported, contacts skipped, parts imported, parts skipped) by the rules:
    a record the import is responsible for is imported when it parses, else skipped."""
    contacts_ok = contacts_bad = 0
    for raw in client.get_all("/Contact", CONTACT_FILTER):
        category = ref_id(raw, "category")
        if category is not None and category != "3":
            continue
        try:
            contacts_ok += parse_contact(raw).category_id == "3"
        except RecordError:
            contacts_bad += 1
    wanted = {
        c["id"]
        for c in data.all("Category")
        if c.get("objectType") == "Part" and (c.get("name") or "").casefold() == "artikel"
    }
    parts_ok = parts_bad = 0
    for raw in client.get_all("/Part"):
        try:
            parts_ok += parse_part(raw).category_id in wanted
        except RecordError:
            category = ref_id(raw, "category")
            parts_bad += category is None or category in wanted
    return contacts_ok, contacts_bad, parts_ok, parts_bad


contact_ids = [r["id"] for r in DEMO["tables"]["Contact"]]
part_ids = [r["id"] for r in DEMO["tables"]["Part"]]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contacts=damage(contact_ids, CONTACT_FIELDS), parts=damage(part_ids, PART_FIELDS))
def test_bad_records_are_skipped_and_counted_the_rest_is_imported(contacts, parts):
    data = SandboxData.from_json(DEMO)
    for rid, fields in contacts.items():
        data.update("Contact", rid, **fields)
    for rid, fields in parts.items():
        data.update("Part", rid, **fields)
    with Sandbox(data=data) as sb:
        client = SevdeskClient(sb.url, DEMO_TOKEN, sleep=lambda s: None)
        open_memory_database()
        try:
            expected = _expected(client, data)
            result = run_import(client, "all")
            imported = (
                Customer.select().count(),
                result.collections["customers"].skipped,
                Article.select().count(),
                result.collections["articles"].skipped,
            )
        finally:
            close_database()
            client.close()
    assert result.status == "ok"
    assert imported == expected


def test_one_bad_contact_and_one_bad_part_are_skipped_and_counted():
    data = SandboxData.from_json(DEMO)
    customer = next(r["id"] for r in DEMO["tables"]["Contact"] if (r.get("category") or {}).get("id") == "3")
    article = next(r["id"] for r in DEMO["tables"]["Part"] if r.get("status") == "100")
    with Sandbox(data=SandboxData.from_json(DEMO)) as sb:
        client = SevdeskClient(sb.url, DEMO_TOKEN)
        open_memory_database()
        try:
            clean = run_import(client, "all")
            clean_counts = (Customer.select().count(), Article.select().count())
        finally:
            close_database()
    data.update("Contact", customer, name=None, surename={"x": 1}, familyname=None)
    data.update("Part", article, priceNet="zwölf Euro", price=None, priceGross=None)
    with Sandbox(data=data) as sb:
        client = SevdeskClient(sb.url, DEMO_TOKEN)
        open_memory_database()
        try:
            result = run_import(client, "all")
            counts = (Customer.select().count(), Article.select().count())
        finally:
            close_database()
    assert clean.skipped == 0
    assert (result.collections["customers"].skipped, result.collections["articles"].skipped) == (1, 1)
    assert counts == (clean_counts[0] - 1, clean_counts[1] - 1)
