"""Differential test: the real command line against an oracle written from the SPEC.

Several seeded random sevDesk accounts (random category ids, ids across digit boundaries,
many address and communication variants, other contact categories, umlauts) are served
by the demo sevDesk; ``craftdesk sync`` and ``export … --format json`` must give exactly
what :mod:`oracle_data` derives from the raw records (C1–C6, A1–A4), also after changes
in sevDesk, and imported confirmations must plan what O5/O6 say.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from oracle_data import (
    CUSTOMER,
    add_orders,
    add_way,
    expected_articles,
    expected_customers,
    expected_job_site,
    expected_planned,
    generate_account,
)

from craftdesk import cli
from craftdesk.sandbox import DEMO_TOKEN, Sandbox, SandboxData
from craftdesk.store.db import close_database

SEEDS = (11, 202, 3003, 40004, 500005)


class Cli:
    """``craftdesk`` in-process against one sandbox and one data folder."""

    def __init__(self, sandbox: Sandbox, data_dir: Path, capsys: pytest.CaptureFixture) -> None:
        self.sandbox, self.data_dir, self.capsys = sandbox, data_dir, capsys

    def __call__(self, *argv: str) -> str:
        self.capsys.readouterr()
        code = cli.main(["--data-dir", str(self.data_dir), "--api-url", self.sandbox.url, *argv])
        captured = self.capsys.readouterr()
        assert code == 0, (argv, captured.err)
        return captured.out

    def export(self, what: str) -> list[dict]:
        return json.loads(self("export", what, "--format", "json"))


@pytest.fixture
def account(request, monkeypatch, tmp_path, capsys):
    """(data, ids, cli) for one seeded random account."""
    seed = request.param
    data, ids = generate_account(seed)
    sandbox = Sandbox(data=data).start()
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    try:
        yield data, ids, Cli(sandbox, tmp_path / "data", capsys), random.Random(seed * 7)
    finally:
        close_database()
        sandbox.stop()


def by_sevdesk_id(records: list[dict]) -> dict[str, dict]:
    result = {}
    for record in records:
        assert isinstance(record.pop("id"), int)
        result[record["sevdesk_id"]] = record
    return result


def assert_same(actual: dict[str, dict], expected: dict[str, dict]) -> None:
    assert sorted(actual) == sorted(expected)
    wrong = [
        (key, field, actual[key][field], value)
        for key in expected
        for field, value in expected[key].items()
        if actual[key][field] != value
    ]
    assert not wrong, "\n".join(f"{k} {f}: app {a!r} oracle {e!r}" for k, f, a, e in wrong[:25])


def customers_of(data: SandboxData) -> list[dict]:
    return [c for c in data.all("Contact") if c["category"]["id"] == CUSTOMER]


@pytest.mark.parametrize("account", SEEDS, indirect=True)
def test_C1_to_C6_and_A1_to_A4_match_the_spec_oracle(account):
    data, ids, run, rng = account
    run("sync")
    customers = expected_customers(data)
    articles = expected_articles(data)
    assert_same(by_sevdesk_id(run.export("customers")), customers)
    assert_same(by_sevdesk_id(run.export("articles")), articles)

    # Changes in sevDesk (C5, C6, A4).
    organisation = rng.choice([c for c in customers_of(data) if c["name"]])
    data.update("Contact", organisation["id"], name=organisation["name"] + " & Söhne")
    with_address = [
        a
        for a in data.all("ContactAddress")
        if a["contact"]["id"] in customers and len(customers[a["contact"]["id"]]["addresses"]) > 1
    ]
    gone_address = rng.choice(with_address)
    data.delete("ContactAddress", gone_address["id"])
    gone = rng.choice([c for c in customers_of(data) if c["id"] != organisation["id"]])
    data.delete("Contact", gone["id"])
    for table in ("ContactAddress", "CommunicationWay"):
        for row in data.all(table):
            if row["contact"]["id"] == gone["id"]:
                data.delete(table, row["id"])
    main_mails = {
        w["contact"]["id"] for w in data.all("CommunicationWay") if w["type"] == "EMAIL" and w["main"] == "1"
    }
    mailer = rng.choice([c for c in customers_of(data) if c["id"] not in main_mails])
    add_way(data, ids, mailer["id"], "EMAIL", "neu.hauptadresse@example.de", "2", True)
    service = data.find_category("Part", name="Dienstleistung")["id"]
    moved, deactivated, repriced = rng.sample([p for p in articles if articles[p]["active"]], 3)
    data.update("Part", moved, category={"id": service, "objectName": "Category"})
    data.update("Part", deactivated, status="50")
    data.update("Part", repriced, priceNet="1234.5", price="1234.5", taxRate="7")
    removed = rng.choice([p for p in articles if p not in (moved, deactivated, repriced)])
    data.delete("Part", removed)
    recategorised = rng.choice(
        [c for c in customers_of(data) if c["id"] not in (organisation["id"], mailer["id"])]
    )
    data.update("Contact", recategorised["id"], category={"id": "28", "objectName": "Category"})

    run("sync")
    after = expected_customers(data)
    after[gone["id"]] = dict(customers[gone["id"]], deleted_in_sevdesk=True)
    after[recategorised["id"]] = customers[recategorised["id"]]  # exists: as imported, unflagged
    assert after[organisation["id"]]["company"].endswith(" & Söhne")
    assert after[mailer["id"]]["emails"][0] == "neu.hauptadresse@example.de"
    assert_same(by_sevdesk_id(run.export("customers")), after)
    after_articles = expected_articles(data)
    after_articles[moved] = dict(articles[moved], active=False)
    after_articles[removed] = dict(articles[removed], active=False)
    assert after_articles[deactivated]["active"] is False
    assert after_articles[repriced]["gross_price"] == "1320.92"
    assert_same(by_sevdesk_id(run.export("articles")), after_articles)


@pytest.mark.parametrize("account", SEEDS[:3], indirect=True)
def test_O5_O6_imported_confirmations_match_the_spec_oracle(account):
    data, ids, run, rng = account
    orders = add_orders(data, ids, rng)
    # Only the articles first: the confirmations' customers are imported singly (O4 → C1–C4).
    run("sync", "articles")
    run("import-order", *orders)
    projects = {p["sevdesk_order_id"]: p for p in run.export("projects")}
    assert sorted(projects) == sorted(orders)
    for order_id in orders:
        order = data.get("Order", order_id)
        project = projects[order_id]
        appointment = project["jobs"][0]["appointments"][0]
        assert appointment["planned"] == expected_planned(data, order_id), order_id
        assert project["address"] == expected_job_site(data, order), (order_id, order["address"])
    customers = expected_customers(data)
    single = by_sevdesk_id(run.export("customers"))
    assert_same(single, {key: customers[key] for key in single})
