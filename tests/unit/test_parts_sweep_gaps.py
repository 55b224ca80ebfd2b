"""A4 with H2: a part is deactivated for being missing only when the sweep provably saw
every part. An unreadable part without a readable id could be any of them, and offset
paging over parts that changed meanwhile repeats one part and skips another."""

from __future__ import annotations

import pytest
import responses

from craftdesk.api.catalog import CategoryRec
from craftdesk.api.client import SevdeskClient
from craftdesk.services.articles import sync_articles
from craftdesk.store.models import Article

BASE = "https://my.sevdesk.de/api/v1"
TOKEN = "0123456789abcdef0123456789abcdef"
CATEGORIES = [CategoryRec("77", "Artikel", "Part", "")]


def _part(pid: str) -> dict:
    return {
        "id": pid,
        "objectName": "Part",
        "name": f"Teil {pid}",
        "partNumber": f"P-{pid}",
        "priceNet": "10",
        "taxRate": "19",
        "status": "100",
        "category": {"id": "77", "objectName": "Category"},
        "unity": {"id": "1", "objectName": "Unity"},
    }


def _pages(*pages: list[dict], total: int) -> None:
    responses.get(f"{BASE}/Unity", json={"objects": [], "total": "0"})
    for page in pages:
        responses.get(f"{BASE}/Part", json={"objects": page, "total": str(total)})


@pytest.fixture
def api(database):
    client = SevdeskClient(BASE, TOKEN, sleep=lambda _s: None, max_retries=0)
    yield client
    client.close()


def _import_three(api) -> None:
    _pages([_part("1"), _part("2"), _part("3")], total=3)
    assert sync_articles(api, CATEGORIES).created == 3
    responses.reset()


@responses.activate
def test_A4_H2_a_sweep_that_repeats_one_part_and_skips_another_deactivates_nothing(api):
    _import_three(api)
    _pages([_part("1"), _part("2")], [_part("2")], total=3)  # part 3 shifted out of sight

    counts = sync_articles(api, CATEGORIES)

    assert counts.flagged == 0
    assert all(a.active for a in Article.select())


@responses.activate
def test_A4_H2_a_part_deleted_while_the_pages_were_read_hides_no_other_one(api):
    """Part 1 was deleted after the first page: the second page starts one part later,
    so part 3 is never seen, and the distinct parts still add up to the new total."""
    _import_three(api)
    responses.get(f"{BASE}/Unity", json={"objects": [], "total": "0"})
    responses.get(f"{BASE}/Part", json={"objects": [_part("1"), _part("2")], "total": "3"})
    responses.get(f"{BASE}/Part", json={"objects": [], "total": "2"})

    counts = sync_articles(api, CATEGORIES)

    assert counts.flagged == 0
    assert all(a.active for a in Article.select())


@pytest.mark.parametrize("unreadable_id", ["3.0", "3x", ["3"], None, "٣"])
@responses.activate
def test_A4_a_part_whose_id_cannot_be_read_deactivates_nothing(api, unreadable_id):
    _import_three(api)
    broken = {**_part("3"), "id": unreadable_id}
    _pages([_part("1"), _part("2"), broken], total=3)

    counts = sync_articles(api, CATEGORIES)

    assert (counts.flagged, counts.skipped) == (0, 1)
    assert all(a.active for a in Article.select())


@responses.activate
def test_A4_a_part_really_gone_from_a_complete_sweep_is_still_deactivated(api):
    _import_three(api)
    _pages([_part("1"), _part("2")], total=2)

    counts = sync_articles(api, CATEGORIES)

    assert counts.flagged == 1
    assert [a.number for a in Article.select().where(Article.active == False)] == ["P-3"]


def _capped(*pages: list[dict]) -> None:
    """Pages capped below the limit asked for, without a ``total``, ending on an empty one."""
    responses.get(f"{BASE}/Unity", json={"objects": []})
    for page in (*pages, []):
        responses.get(f"{BASE}/Part", json={"objects": page})


@responses.activate
def test_H2_a_sweep_resumed_after_the_probe_reads_on_past_short_pages_without_total(api):
    """The second run's probe stops at the first page that changed; the sweep goes on
    from there. Without a total only an empty page ends it: the short pages a server
    caps are not the end, so the parts behind the changed page are read and stay."""
    _capped([_part("1"), _part("2")], [_part("3"), _part("4")], [_part("5")])
    assert sync_articles(api, CATEGORIES).created == 5
    responses.reset()
    renamed = {**_part("1"), "name": "Teil eins"}
    _capped([renamed, _part("2")], [_part("3"), _part("4")], [_part("5")])

    counts = sync_articles(api, CATEGORIES)

    assert (counts.updated, counts.unchanged, counts.flagged) == (1, 4, 0)
    assert len([c for c in responses.calls if "/Part" in c.request.url]) == 4
    assert all(a.active for a in Article.select())
    assert Article.get(Article.number == "P-1").name == "Teil eins"
