"""The recurring import recognises unchanged pages by their bytes (R1, services.page_ledger).

An unchanged cycle downloads every page but decodes, parses and writes nothing; a change
in sevDesk, in the local rows or in the configuration makes the next run a full one.
Counts, not times: requests, parsed records, rows written.
"""

from __future__ import annotations

import json

import pytest

from craftdesk.api import client as client_module
from craftdesk.api import records
from craftdesk.services import articles, customer_rules, customers
from craftdesk.services.importer import run_import
from craftdesk.store import settings
from craftdesk.store.models import Customer


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many contacts and parts the import parsed."""
    counts = {"Contact": 0, "Part": 0}

    def counting(name: str, parser):
        def parse(raw):
            counts[name] += 1
            return parser(raw)

        return parse

    def counting_pages(page, category, contacts, present):
        packed = customer_rules.pack_customer_page(page, category, contacts, present)
        counts["Contact"] += len(page) if packed else 0
        return packed

    # The bulk import parses rows (records.contact_row / part_row), not record objects; a
    # page of contacts read as rows is packed as a whole (pack_customer_page).
    monkeypatch.setattr(customers, "contact_row", counting("Contact", records.contact_row))
    monkeypatch.setattr(customers, "pack_customer_page", counting_pages)
    monkeypatch.setattr(articles, "part_row", counting("Part", records.part_row))
    return counts


def test_R1_unchanged_cycle_parses_and_writes_nothing(sandbox, client, database, parsed):
    first = run_import(client, "all")
    assert first.created > 0 and parsed["Contact"] > 0 and parsed["Part"] > 0
    second = run_import(client, "all")  # the first re-import after a full one: full path
    parsed.update(Contact=0, Part=0)
    third = run_import(client, "all")

    assert parsed == {"Contact": 0, "Part": 0}
    assert third.requests == second.requests  # every page is still read
    assert third.rows_written == 0
    for name in ("customers", "articles"):
        a, b = second.collections[name], third.collections[name]
        assert (b.created, b.updated, b.flagged) == (0, 0, 0)
        assert (b.unchanged, b.skipped) == (a.unchanged, a.skipped)


def test_R1_second_run_is_already_cheap(sandbox, client, database, parsed):
    first = run_import(client, "all")
    parsed.update(Contact=0, Part=0)
    again = run_import(client, "all")
    assert parsed == {"Contact": 0, "Part": 0}
    assert (again.created, again.updated, again.flagged) == (0, 0, 0)
    assert again.unchanged == first.created + first.unchanged
    assert again.skipped == first.skipped


def test_R1_a_first_import_reads_no_local_rows_for_a_comparison(sandbox, client, database, monkeypatch):
    """Without a last run there is nothing to compare this run's basis with: the local rows
    are summarised once per collection, after writing (the next run's yardstick), not also
    before; the unchanged run after it summarises them once, to compare."""
    from craftdesk.services import page_ledger

    summarised: list[str] = []

    def counting(model):
        summarised.append(model.__name__)
        return page_ledger.local_summary(model)

    monkeypatch.setattr(customers, "local_summary", counting)
    monkeypatch.setattr(articles, "local_summary", counting)
    run_import(client, "all")
    assert sorted(summarised) == ["Article", "Customer"]
    summarised.clear()
    again = run_import(client, "all")
    assert again.rows_written == 0 and sorted(summarised) == ["Article", "Customer"]


def test_R1_one_changed_contact_updates_it_without_extra_requests(sandbox, client, database, parsed):
    run_import(client, "all")
    before = run_import(client, "all")
    contact = next(c for c in sandbox.data.all("Contact") if (c.get("category") or {}).get("id") == "3")
    sandbox.data.update("Contact", contact["id"], familyname="Neuname", name=None, surename="Eva")
    parsed.update(Contact=0, Part=0)
    after = run_import(client, "all")

    assert after.collections["customers"].updated == 1
    assert after.collections["customers"].created == 0
    assert after.collections["articles"].unchanged == before.collections["articles"].unchanged
    assert parsed["Part"] == 0  # the articles' pages were all known
    assert parsed["Contact"] > 0
    assert after.requests == before.requests  # pages read while probing are not read again
    assert Customer.get(Customer.sevdesk_id == contact["id"]).last_name == "Neuname"


def test_R1_local_deletion_is_noticed(sandbox, client, database):
    run_import(client, "all")
    run_import(client, "all")
    victim = Customer.select().where(Customer.sevdesk_id.is_null(False)).first()
    victim.delete_instance(recursive=True)
    result = run_import(client, "all")
    assert result.collections["customers"].created == 1
    assert Customer.get_or_none(Customer.sevdesk_id == victim.sevdesk_id) is not None


def test_R1_a_fingerprint_changed_locally_makes_a_full_run(sandbox, client, database, parsed):
    """E.g. an invoice linked a local customer to sevDesk (I3: sync_hash None)."""
    run_import(client, "all")
    run_import(client, "all")
    target = Customer.select().where(Customer.sevdesk_id.is_null(False)).first()
    Customer.update(sync_hash=None).where(Customer.id == target.id).execute()
    parsed.update(Contact=0, Part=0)
    run_import(client, "all")
    assert parsed["Contact"] > 0 and parsed["Part"] == 0
    assert Customer.get_by_id(target.id).sync_hash is not None


def test_R1_changed_part_categories_make_a_full_run(sandbox, client, database, parsed):
    run_import(client, "all")
    run_import(client, "all")
    settings.set("part_categories", ["Artikel", "Dienstleistung"])
    parsed.update(Contact=0, Part=0)
    result = run_import(client, "all")
    assert parsed["Part"] > 0 and parsed["Contact"] == 0
    assert result.collections["articles"].created > 0


def test_R1_pages_kept_beyond_the_budget_are_read_again(sandbox, client, database, monkeypatch):
    from craftdesk.services import page_ledger

    run_import(client, "all")
    baseline = run_import(client, "all")
    monkeypatch.setattr(page_ledger, "KEEP_BYTES", 1)
    last = sandbox.data.all("CommunicationWay")[-1]
    sandbox.data.update("CommunicationWay", last["id"], value="neu@example.org")
    result = run_import(client, "all")
    assert result.collections["customers"].updated <= 1
    assert result.requests > baseline.requests  # the customers' pages were read twice


@pytest.mark.parametrize("version", [0, 1], ids=["repr", "json"])
def test_R1_fingerprints_of_older_versions_are_recognised(sandbox, client, database, version):
    run_import(client, "all")
    old = {c.id: c for c in Customer.select()}
    # Pretend an older version wrote the hashes (repr or JSON fingerprints), no page ledger.
    for cid, data in _customer_data(client).items():
        older = data.older_fingerprints()[version]
        assert older != data.fingerprint()
        Customer.update(sync_hash=older).where(Customer.sevdesk_id == cid).execute()
    settings.set("import_pages_customers", None)
    result = run_import(client, "customers")
    counts = result.collections["customers"]
    assert (counts.created, counts.updated) == (0, 0)
    assert counts.unchanged == len(old)
    assert Customer.select().where(Customer.sync_hash.is_null()).count() == 0


def _customer_data(client) -> dict:
    captured: dict = {}
    original = customers.save_customers

    def capture(records, present, confirm_gone=None, keep=None):
        captured.update(records)
        return customers.CollectionCounts("customers")

    customers.save_customers = capture
    try:
        settings.set("import_pages_customers", None)
        run_import(client, "customers")
    finally:
        customers.save_customers = original
    return captured


def test_decoder_falls_back_to_the_standard_library_for_what_orjson_refuses():
    for body in (
        b'{"objects": ["\\ud800"]}',
        b'{"objects": [NaN]}',
        b'{"objects": [18446744073709551616]}',
        b'{"objects": ["\xc3\xa4"]}',
    ):
        assert client_module.decode_json(body) == json.loads(body)
    with pytest.raises(ValueError):
        client_module.decode_json(b"{nope")


@pytest.mark.parametrize("version", [0, 1], ids=["repr", "json"])
def test_A2_article_fingerprints_of_older_versions_are_recognised(sandbox, client, database, version):
    from craftdesk.store.models import Article

    run_import(client, "articles")
    captured: dict = {}
    original = articles.save_articles

    def capture(data, *args, **kwargs):
        captured.update(data)
        return original(data, *args, **kwargs)

    articles.save_articles = capture
    try:
        settings.set("import_pages_articles", None)
        run_import(client, "articles")
    finally:
        articles.save_articles = original
    assert captured
    for sid, item in captured.items():
        older = item.older_fingerprints()[version]
        assert older != item.fingerprint()
        Article.update(sync_hash=older).where(Article.sevdesk_id == sid).execute()
    settings.set("import_pages_articles", None)
    counts = run_import(client, "articles").collections["articles"]
    assert (counts.created, counts.updated) == (0, 0)
    stored = {a.sevdesk_id: a.sync_hash for a in Article.select() if a.sevdesk_id in captured}
    assert stored == {sid: item.fingerprint() for sid, item in captured.items() if sid in stored}


# Modules the rule modules import that do not turn pages into rows, each with its reason.
NOT_RULES = {
    "craftdesk.api.client": "HTTP; a page's bytes, not what is made of them",
    "craftdesk.api.errors": "exceptions",
    "craftdesk.api.documents": "order confirmations, invoices, users: no import collection",
    "craftdesk.services.changes": "the change log of a run",
    "craftdesk.services.gc_pause": "garbage collector pauses",
    "craftdesk.services.heap": "memory housekeeping",
    "craftdesk.services.invoice_status": "invoice payments, read after the collections",
    "craftdesk.services.pending_contacts": "local state (H9), read when the run writes",
    "craftdesk.services.settings": "settings, in the basis by value where the rules read them",
    "craftdesk.services.storage": "disk space checks",
}


def test_R1_every_module_of_the_rules_is_in_the_basis():
    """A new version re-imports once because the basis hashes the source of the modules
    whose rules turn pages into rows: a rule module that imports another module of the
    app's api or services has it in RULE_MODULES, or in NOT_RULES with the reason why
    its code cannot change a row (else a rule moved there would change no basis)."""
    import ast
    import importlib
    from pathlib import Path

    from craftdesk.services.page_ledger import RULE_MODULES

    def imported(name: str) -> set[str]:
        tree = ast.parse(Path(importlib.import_module(name).__file__).read_text(encoding="utf-8"))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                base = name.split(".")[: -node.level] if node.level else []
                if node.module:
                    found.add(".".join([*base, node.module]) if node.level else node.module)
                else:
                    found.update(".".join([*base, alias.name]) for alias in node.names)
        return {module for module in found if module.startswith(("craftdesk.api.", "craftdesk.services."))}

    unlisted = {
        module: name
        for name in RULE_MODULES
        for module in imported(name)
        if module not in RULE_MODULES and module not in NOT_RULES
    }
    assert unlisted == {}


def test_R1_the_local_summary_hashes_every_linked_fingerprint_in_the_order_of_ids(sandbox, client, database):
    """What the import left is summed up by the database (``page_ledger._fingerprints``)
    as the text a row at a time gave before: ids in numeric order (9 before 10), a row
    without a fingerprint included, local rows left out."""
    from craftdesk.services import page_ledger

    run_import(client, "customers")
    linked = list(Customer.select().where(Customer.sevdesk_id.is_null(False)).order_by(Customer.id))
    assert len(linked) > 10 and linked[-1].id >= 10
    Customer.update(sync_hash=None).where(Customer.id == linked[3].id).execute()
    local = Customer.get_by_id(linked[5].id)
    Customer.insert(
        **{f: getattr(local, f) for f in ("kind", "first_name", "last_name", "company", "name_suffix")},
        **{f: getattr(local, f) for f in ("salutation", "academic_title", "description", "buyer_reference")},
        customer_number="L-1",
        deleted_in_sevdesk=False,
        government_agency=False,
        created_at=local.created_at,
        updated_at=local.updated_at,
    ).execute()  # a local customer: no sevDesk id
    rows = Customer.select().where(Customer.sevdesk_id.is_null(False)).order_by(Customer.id)
    expected = "".join(f"{c.id}:{c.sync_hash or ''}," for c in rows)
    assert ":," in expected
    assert page_ledger._fingerprints(Customer) == expected
    Customer.delete().execute()
    assert page_ledger._fingerprints(Customer) == ""
