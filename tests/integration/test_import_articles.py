"""Article import (SPEC A1–A4) and whole import runs (bulk requests, S1/R3 recording,
failure, cancel) against the demo sevDesk, over real HTTP."""

from __future__ import annotations

import re
import threading
from decimal import Decimal

import pytest

from craftdesk.api.client import SevdeskClient
from craftdesk.api.errors import AuthError, CancelledError, ServerError, UnreachableError
from craftdesk.sandbox import DEMO_TOKEN, Sandbox, build_bulk_data, build_demo_data
from craftdesk.services import articles, exports
from craftdesk.services.importer import run_import
from craftdesk.services.settings import workstation_key
from craftdesk.store import settings
from craftdesk.store.models import Address, Article, ContactInfo, Customer, SyncRun


@pytest.fixture
def start_sandbox():
    started: list[tuple[Sandbox, SevdeskClient]] = []

    def start(data=None, **client_args) -> tuple[Sandbox, SevdeskClient]:
        sb = Sandbox(data=data).start()
        client = SevdeskClient(sb.url, DEMO_TOKEN, backoff_base=0.01, backoff_max=0.05, **client_args)
        started.append((sb, client))
        return sb, client

    yield start
    for sb, client in started:
        client.close()
        sb.stop()


def part_id(sb: Sandbox, number: str) -> str:
    return next(p["id"] for p in sb.data.all("Part") if p.get("partNumber") == number)


def category_ref(sb: Sandbox, name: str) -> dict:
    return {"id": sb.data.find_category("Part", name=name)["id"], "objectName": "Category"}


def article(number: str) -> Article:
    return Article.get(Article.number == number)


def test_A1_imports_only_parts_of_the_configured_categories(sandbox, client, database):
    result = run_import(client, "articles")
    artikel = category_ref(sandbox, "Artikel")["id"]
    expected = {p["partNumber"] for p in sandbox.data.all("Part") if p["category"]["id"] == artikel}
    assert {a.number for a in Article.select()} == expected
    assert result.collections["articles"].created == len(expected)
    assert not any(n.startswith("D-") for n in expected)


def test_A1_categories_resolved_by_name_with_account_ids(start_sandbox, database):
    _sb, client = start_sandbox(build_demo_data(category_ids={"Artikel": 777001, "Dienstleistung": 777002}))
    settings.set("part_categories", ["dienstleistung"])  # case-insensitive, other ids
    run_import(client, "articles")
    numbers = {a.number for a in Article.select()}
    assert numbers and all(n.startswith("D-") for n in numbers)
    assert {a.category for a in Article.select()} == {"Dienstleistung"}


def test_A2_stores_name_number_unit_by_name_description_and_update(sandbox, client, database):
    run_import(client, "articles")
    tape = article("A-1026")
    assert (tape.name, tape.unit) == ("Gewindedichtband PTFE", "Rolle")  # an account-made unit
    valve = article("A-1001")
    raw = sandbox.data.get("Part", valve.sevdesk_id)
    assert (valve.unit, valve.description) == ("Stk", "Thermostatventil, vernickelt")
    assert valve.sevdesk_update == raw["update"]
    assert article("A-1012").unit == "m²"


def test_A3_prices_are_decimal_net_plus_rate_rounded_half_up(sandbox, client, database):
    sandbox.data.add(
        "Part",
        {
            "name": "Schraube 4x40",
            "partNumber": "A-9001",
            "priceNet": "0.285",
            "taxRate": "19.00",
            "status": "100",
            "unity": {"id": "1", "objectName": "Unity"},
            "category": category_ref(sandbox, "Artikel"),
        },
    )
    run_import(client, "articles")
    valve = article("A-1001")
    assert valve.net_price == Decimal("24.90") and isinstance(valve.net_price, Decimal)
    assert valve.vat_rate == Decimal("19")
    assert articles.gross_price(valve.net_price, valve.vat_rate) == Decimal("29.63")
    screw = article("A-9001")
    assert screw.net_price == Decimal("0.285")  # kept as sevDesk keeps it ...
    exported = {a["number"]: a for a in exports.article_records()}["A-9001"]
    assert exported["net_price"] == "0.29"  # ... and shown half-up, not banker's rounding (0.28)
    assert exported["gross_price"] == "0.34"  # 0.33915, as sevDesk derives it from 0.285
    assert str(screw.vat_rate) == "19"
    assert article("A-1036").vat_rate == Decimal("7")


@pytest.mark.parametrize(
    "prices, net, gross",
    [
        ({"priceNet": "8.3949579832", "price": "8.3949579832", "priceGross": "9.99"}, "8.39", "9.99"),
        ({"priceNet": "12.6050420168", "priceGross": "15"}, "12.61", "15.00"),
        ({"priceNet": None, "price": None, "priceGross": "7.99"}, "6.71", "7.99"),
        ({"priceNet": "0", "price": "0", "priceGross": "13.00"}, "10.92", "13.00"),
    ],
)
def test_A3_a_part_priced_gross_in_sevdesk_keeps_the_gross_sevdesk_shows(
    sandbox, client, database, prices, net, gross
):
    """Rounded to cents first, these nets gave 9.98, 15.01, 7.98 and 12.99 gross."""
    sandbox.data.add(
        "Part",
        {
            "name": "Brutto-Artikel",
            "partNumber": "B-1",
            "taxRate": "19",
            "status": "100",
            "unity": {"id": "1", "objectName": "Unity"},
            "category": category_ref(sandbox, "Artikel"),
            **prices,
        },
    )
    run_import(client, "articles")
    exported = {a["number"]: a for a in exports.article_records()}["B-1"]
    assert (exported["net_price"], exported["gross_price"]) == (net, gross)
    assert articles.gross_price(article("B-1").net_price, Decimal(19)) == Decimal(gross)


def test_A4_changes_in_sevdesk_overwrite(sandbox, client, database):
    run_import(client, "articles")
    pid = part_id(sandbox, "A-1002")
    sandbox.data.update("Part", pid, name="Kupferrohr 15 mm (Stange 5 m)", priceNet="9.4", price="9.4")
    result = run_import(client, "articles")
    assert result.collections["articles"].updated == 1
    pipe = article("A-1002")
    assert pipe.name == "Kupferrohr 15 mm (Stange 5 m)" and pipe.net_price == Decimal("9.40")


def test_A4_part_moved_to_other_category_becomes_inactive_not_deleted(sandbox, client, database):
    run_import(client, "articles")
    pid = part_id(sandbox, "A-1007")
    local_id = article("A-1007").id
    sandbox.data.update("Part", pid, category=category_ref(sandbox, "Dienstleistung"))
    result = run_import(client, "articles")
    assert result.collections["articles"].flagged == 1
    moved = article("A-1007")
    assert moved.id == local_id and moved.active is False
    sandbox.data.update("Part", pid, category=category_ref(sandbox, "Artikel"))
    run_import(client, "articles")
    assert article("A-1007").active is True


def test_A4_deleted_part_becomes_inactive(sandbox, client, database):
    run_import(client, "articles")
    sandbox.data.delete("Part", part_id(sandbox, "A-1033"))
    assert run_import(client, "articles").collections["articles"].flagged == 1
    assert article("A-1033").active is False
    assert run_import(client, "articles").collections["articles"].flagged == 0


def test_A4_inactive_part_status_is_imported_inactive(sandbox, client, database):
    run_import(client, "articles")
    assert article("A-1039").active is False and article("A-1040").active is False
    assert article("A-1001").active is True
    sandbox.data.update("Part", part_id(sandbox, "A-1001"), status="50")
    run_import(client, "articles")
    assert article("A-1001").active is False


def test_single_part_import_and_other_category_part_stays_active(sandbox, client, database):
    service = part_id(sandbox, "D-2001")
    before = client.request_count
    imported = articles.import_single_part(client, service)
    assert client.request_count - before == 3
    assert isinstance(imported, Article) and imported.unit == "Std" and imported.category == "Dienstleistung"
    run_import(client, "articles")
    assert article("D-2001").active is True  # imported for an order, not "moved out"
    sandbox.data.update("Part", service, priceNet="64", price="64")
    run_import(client, "articles")
    assert article("D-2001").net_price == Decimal("64.00") and article("D-2001").id == imported.id


def test_unchanged_article_reimport_writes_nothing(sandbox, client, database):
    run_import(client, "articles")
    before = list(Article.select().order_by(Article.id).tuples())
    result = run_import(client, "articles")
    assert result.rows_written == 0 and result.collections["articles"].unchanged == len(before)
    assert list(Article.select().order_by(Article.id).tuples()) == before


def test_malformed_part_is_skipped_and_counted(sandbox, client, database):
    bad = sandbox.data.add(
        "Part",
        {
            "name": "Kaputt",
            "partNumber": "A-9999",
            "priceNet": "zehn",
            "category": category_ref(sandbox, "Artikel"),
        },
    )
    sandbox.data.add(
        "Part", {"name": None, "partNumber": "D-9999", "category": category_ref(sandbox, "Dienstleistung")}
    )
    result = run_import(client, "articles")
    assert result.collections["articles"].skipped == 1  # the other category's bad part is no concern
    assert not Article.select().where(Article.sevdesk_id == bad).exists()
    assert article("A-1001").active is True


# --- whole runs ---------------------------------------------------------------------------


def test_bulk_import_of_2000_customers_and_1000_parts_takes_at_most_15_requests(start_sandbox, database):
    sb, client = start_sandbox(build_bulk_data(2000, 1000))
    result = run_import(client, "all")
    assert len(sb.requests) <= 15 and result.requests == len(sb.requests)
    assert all(r.query.get("limit") == "1000" for r in sb.requests)
    assert not any(re.search(r"/\d+$", r.path) for r in sb.requests)  # never per record
    assert Customer.select().count() == 2000 and result.collections["customers"].created == 2000
    assert Address.select().count() >= 4000 and ContactInfo.select().count() == 6000
    assert result.collections["articles"].created == Article.select().count() > 600


def test_run_is_recorded_with_counts(sandbox, client, database):
    result = run_import(client, "all", trigger="cli")
    run = SyncRun.get_by_id(result.run_id)
    assert (run.kind, run.trigger, run.status, run.error) == ("all", "cli", "ok", None)
    assert run.created == result.created > 0 and run.requests == result.requests
    assert run.finished_at is not None and settings.get("last_sync_success")


def test_failed_run_keeps_finished_collections_and_records_the_error(sandbox, client, database):
    sandbox.faults.add(path="/Part", kind="status", status=401, times=None)
    with pytest.raises(AuthError):
        run_import(client, "all")
    assert Customer.select().count() > 0  # finished before the failure
    assert Article.select().count() == 0
    run = SyncRun.select().order_by(SyncRun.id.desc()).get()
    assert run.status == "failed" and "Token" in run.error and run.created == Customer.select().count()
    assert settings.get(workstation_key("connection_broken")) is True


def test_failure_inside_a_collection_changes_nothing_of_it(sandbox, client, database):
    sandbox.faults.add(path="/CommunicationWay", kind="status", status=503, times=None)
    with pytest.raises(ServerError):
        run_import(client, "customers")
    assert Customer.select().count() == 0 and Address.select().count() == 0
    assert SyncRun.get().status == "failed"


def test_unreachable_server_fails_cleanly(database):
    client = SevdeskClient("http://127.0.0.1:9/api/v1", DEMO_TOKEN, max_retries=0)
    with pytest.raises(UnreachableError):
        run_import(client, "customers")
    assert SyncRun.get().status == "failed" and Customer.select().count() == 0


def test_cancel_between_pages_writes_nothing(start_sandbox, database):
    cancel = threading.Event()
    _sb, client = start_sandbox(build_bulk_data(1500, 0), cancel_event=cancel)
    texts: list[str] = []

    def progress(done: int, total: int, text: str) -> None:
        texts.append(text)
        if text.startswith("Adressen"):
            cancel.set()

    with pytest.raises(CancelledError):
        run_import(client, "customers", progress=progress)
    assert Customer.select().count() == 0
    assert SyncRun.get().status == "cancelled"
    assert "Kunden: 1000 von 1500" in texts and "Kunden: 1500 von 1500" in texts


def test_R3_a_run_left_running_by_a_crash_is_closed_by_the_next_run(sandbox, client, database):
    crashed = SyncRun.create(kind="all", trigger="scheduled", status="running")
    run_import(client, "customers")
    crashed = SyncRun.get_by_id(crashed.id)
    assert crashed.status == "failed" and crashed.finished_at is not None and "unterbrochen" in crashed.error
    assert SyncRun.select().where(SyncRun.status == "running").count() == 0
