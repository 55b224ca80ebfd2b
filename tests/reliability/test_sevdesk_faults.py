"""Throttling, server errors, slow answers and dropped connections on every collection of
an import, against the sandbox's fault injection.

Transient faults: the run retries within bounds and ends equal to a clean import.
Persistent faults: `craftdesk sync` ends with exit 4 and one sentence after exactly
1 + max_retries requests to the failing collection, and the local data stays as it was.
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from rel_support import db_path, diff, integrity, one_sentence, run_cli, snapshot

from craftdesk.api.client import SevdeskClient
from craftdesk.sandbox import DEMO_TOKEN, Sandbox, SandboxData, build_bulk_data, build_demo_data
from craftdesk.services.importer import run_import
from craftdesk.store.db import close_database, open_database

# Every collection a full import reads (/StaticCountry only while a country is unknown).
COLLECTIONS = [
    "/Category",
    "/Contact",
    "/ContactAddress",
    "/CommunicationWay",
    "/StaticCountry",
    "/Unity",
    "/Part",
]
# Short, but far above a normal answer of the sandbox (a few ms), so that only the injected
# delays time out even on a busy machine.
READ_TIMEOUT = 0.3
SLOW = READ_TIMEOUT * 2
MAX_RETRIES = 4  # the client's default

TRANSIENT = {
    "429_retry_after": dict(kind="status", status=429, retry_after=1, times=3),
    "429_plain": dict(kind="status", status=429, times=2),
    "500": dict(kind="status", status=500, times=2),
    "502": dict(kind="status", status=502, times=2),
    "503": dict(kind="status", status=503, retry_after=2, times=MAX_RETRIES),
    "slow": dict(kind="delay", seconds=SLOW, times=1),
    "drop": dict(kind="drop", times=2),
}


def clone(data: SandboxData) -> SandboxData:
    return SandboxData.from_json(data.to_json())


class Waits(list):
    """The client's sleep: records each backoff instead of sleeping."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def import_into(
    path,
    data: SandboxData,
    faults: dict | None = None,
    fault_path: str | None = None,
    what: str = "all",
    arm=None,
):
    """One import of ``data`` into the database at ``path``; returns (result, client, waits, sb).

    ``arm(sb)`` may set up faults of its own before the import starts.
    """
    waits = Waits()
    with Sandbox(data=data) as sb:
        if faults:
            sb.faults.add(path=fault_path, method="GET", **faults)
        if arm:
            arm(sb)
        client = SevdeskClient(
            sb.url, DEMO_TOKEN, timeout=(2.0, READ_TIMEOUT), sleep=waits, backoff_base=0.01, backoff_max=5.0
        )
        _count_timeouts(client)
        open_database(path)
        try:
            result = run_import(client, what)
        finally:
            close_database()
            client.close()
        return result, client, waits, sb


def _count_timeouts(client: SevdeskClient) -> None:
    """Record every read timeout in ``client.timeouts``. On a loaded machine an ordinary
    page can exceed the short read timeout too; that retry is the client working, not a
    fault of the test, so the request counts below leave such timeouts out."""
    timeouts: list[str] = []
    original = client.session.request

    def request(method, url, **kwargs):
        try:
            return original(method, url, **kwargs)
        except requests.Timeout:
            timeouts.append(url)
            raise

    client.session.request = request
    client.timeouts = timeouts


def spurious_timeouts(client: SevdeskClient, expected: int = 0) -> int:
    """Read timeouts beyond the ``expected`` ones the injected faults cause."""
    return len(client.timeouts) - expected


@pytest.fixture(scope="module")
def demo_data() -> SandboxData:
    return build_demo_data()


@pytest.fixture(scope="module")
def clean(demo_data, tmp_path_factory):
    """Snapshot and request count of a clean import of the demo account."""
    path = tmp_path_factory.mktemp("clean") / "craftdesk.sqlite3"
    _result, client, _waits, sb = import_into(path, clone(demo_data))
    paths = [r.path for r in sb.requests]
    assert set(COLLECTIONS) <= set(paths), "a collection was not read by a clean import"
    return snapshot(path), client.request_count - spurious_timeouts(client), paths


@pytest.mark.parametrize("fault", sorted(TRANSIENT))
@pytest.mark.parametrize("collection", COLLECTIONS)
def test_transient_fault_on_every_collection_ends_equal_to_a_clean_import(
    demo_data, clean, tmp_path, collection, fault
):
    clean_snapshot, clean_requests, _clean_paths = clean
    spec = TRANSIENT[fault]
    path = tmp_path / "craftdesk.sqlite3"
    result, client, waits, _sb = import_into(path, clone(demo_data), spec, collection)
    assert result.status == "ok"
    after = snapshot(path)
    assert after == clean_snapshot, diff(clean_snapshot, after)
    assert integrity(path) == "ok"
    # Retried within bounds: exactly one extra request per injected failure, no more.
    spurious = spurious_timeouts(client, spec["times"] if fault == "slow" else 0)
    assert client.request_count == clean_requests + spec["times"] + spurious
    assert len(waits) == spec["times"] + spurious
    assert all(0 <= w <= 5.0 for w in waits)
    if spec.get("retry_after") is not None:
        assert waits == [float(spec["retry_after"])] * spec["times"]  # Retry-After honoured


PERSISTENT = {
    "429": (dict(kind="status", status=429, retry_after=0, times=None), "bremst"),
    "503": (dict(kind="status", status=503, times=None), "Serverfehler (503)"),
    "slow": (dict(kind="delay", seconds=SLOW, times=None), "nicht rechtzeitig"),
    "drop": (dict(kind="drop", times=None), "nicht erreichbar"),
}


@pytest.fixture
def fast_cli_client(monkeypatch):
    """The CLI's own client, with a short read timeout and backoffs recorded, not slept."""
    waits = Waits()
    defaults = SevdeskClient.__init__.__kwdefaults__
    monkeypatch.setitem(defaults, "timeout", (2.0, READ_TIMEOUT))
    monkeypatch.setitem(defaults, "sleep", waits)
    return waits


def _requests_to(sb, path: str, expected: int, method: str = "GET") -> list:
    """The sandbox records a delayed request only after its delay: wait for stragglers."""
    deadline = time.monotonic() + 5
    while True:
        hits = [r for r in sb.requests if r.method == method and r.path == path]
        if len(hits) >= expected or time.monotonic() > deadline:
            return hits
        time.sleep(0.05)


# A persistent slow answer costs 1 + MAX_RETRIES read timeouts; the timeout path is the
# same for every collection, so it runs on one collection of each kind of page.
PERSISTENT_CASES = [
    (c, f)
    for c in COLLECTIONS
    for f in sorted(PERSISTENT)
    if f != "slow" or c in ("/Category", "/Contact", "/Part")
]


@pytest.mark.parametrize(("collection", "fault"), PERSISTENT_CASES)
def test_persistent_fault_ends_with_exit_4_after_bounded_requests_and_keeps_local_data(
    cli_env, synced, sandbox, data_dir, fast_cli_client, collection, fault
):
    import sqlite3

    spec, words = PERSISTENT[fault]
    # Changes in sevDesk that a successful run would write: a failed one must not.
    contact = sandbox.data.all("Contact")[0]["id"]
    sandbox.data.update("Contact", contact, description="geändert in sevDesk")
    part = sandbox.data.all("Part")[0]["id"]
    sandbox.data.update("Part", part, priceNet="99.99", price="99.99")
    with sqlite3.connect(db_path(data_dir)) as conn:  # forget the country codes: ask again
        conn.execute("DELETE FROM setting WHERE key = 'sevdesk_country_codes'")
    sandbox.clear_requests()
    sandbox.faults.add(path=collection, method="GET", **spec)
    code, _out, err = run_cli([*cli_env, "sync"])
    assert code == 4, err
    assert one_sentence(err) and words in err, err
    hits = _requests_to(sandbox, collection, 1 + MAX_RETRIES)
    assert len(hits) == 1 + MAX_RETRIES  # bounded: sevDesk may block a token that keeps failing
    sandbox.faults.clear()
    time.sleep(SLOW if fault == "slow" else 0)
    assert len([r for r in sandbox.requests if r.path == collection]) == 1 + MAX_RETRIES
    after = snapshot(db_path(data_dir))
    assert integrity(db_path(data_dir)) == "ok"
    # The same run without the fault: what the failed run would have written.
    code, _out, err = run_cli([*cli_env, "sync"])
    assert code == 0, err
    final = snapshot(db_path(data_dir))
    # Each collection is written in one transaction after it was read completely: the
    # failing collection (and any after it) is exactly as before, a collection finished
    # earlier in the run is exactly as a clean run leaves it — never anything in between.
    done_before = CUSTOMER_TABLES if collection in ARTICLE_COLLECTIONS else set()
    for table in after:
        expected = final if table in done_before else synced
        assert after[table] == expected[table], (table, diff({table: expected[table]}, {table: after[table]}))
    assert final["article"] != synced["article"] and final["customer"] != synced["customer"]


CUSTOMER_TABLES = {"customer", "address", "contact_info"}
ARTICLE_COLLECTIONS = {"/Unity", "/Part"}


@pytest.mark.parametrize("collection", ["/Contact", "/Part"])
def test_unreadable_answer_ends_the_run_cleanly(cli_env, synced, sandbox, data_dir, collection):
    """A 200 with broken JSON is not retried (the client cannot tell what it was): exit 4,
    one sentence, nothing of that collection written."""
    contact = sandbox.data.all("Contact")[0]["id"]
    sandbox.data.update("Contact", contact, description="geändert in sevDesk")
    sandbox.clear_requests()
    sandbox.faults.add(path=collection, method="GET", kind="malformed", times=1)
    code, _out, err = run_cli([*cli_env, "sync"])
    assert code == 4
    assert one_sentence(err) and "unlesbare Antwort" in err, err
    assert len([r for r in sandbox.requests if r.path == collection]) == 1
    after = snapshot(db_path(data_dir))
    if collection == "/Contact":
        assert after == synced, diff(synced, after)
    else:  # the customers were complete before the articles failed
        assert after["article"] == synced["article"]


def test_rejected_token_mid_import_is_not_retried(cli_env, synced, sandbox, data_dir):
    sandbox.clear_requests()
    sandbox.faults.add(path="/Part", method="GET", kind="status", status=401, times=None)
    code, _out, err = run_cli([*cli_env, "sync"])
    assert code == 3
    assert one_sentence(err) and "Token" in err
    assert len([r for r in sandbox.requests if r.path == "/Part"]) == 1
    assert snapshot(db_path(data_dir)) == synced


# --- faults on a later page of a multi-page collection ------------------------------------


@pytest.fixture(scope="module")
def bulk(tmp_path_factory):
    data = build_bulk_data(n_customers=2100, n_parts=1100)
    path = tmp_path_factory.mktemp("bulk") / "craftdesk.sqlite3"
    _result, client, _waits, _sb = import_into(path, clone(data))
    return data, snapshot(path), client.request_count - spurious_timeouts(client)


def _only_at_offset(sb, offset: int) -> None:
    """Let the sandbox's faults apply only to the page at ``offset`` (and its retries).

    The importer reads pages ahead in a helper thread, so arming faults from the progress
    callback would race with it; matching the page itself is deterministic.
    """
    take = sb.faults.take

    def take_at_offset(method, target):
        query = parse_qs(urlsplit(target).query)
        return take(method, target) if query.get("offset") == [str(offset)] else None

    sb.faults.take = take_at_offset


def test_faults_on_later_pages_of_every_paged_collection_end_equal(bulk, tmp_path):
    data, clean_snapshot, clean_requests = bulk
    faults = [
        dict(path="/Contact", kind="status", status=503, times=2),
        dict(path="/ContactAddress", kind="drop", times=1),
        dict(path="/ContactAddress", kind="status", status=429, times=1),
        dict(path="/CommunicationWay", kind="delay", seconds=SLOW, times=1),
        dict(path="/Part", kind="status", status=502, times=2),
    ]

    def arm(sb):
        _only_at_offset(sb, 1000)
        for spec in faults:
            sb.faults.add(method="GET", **spec)

    path = tmp_path / "craftdesk.sqlite3"
    result, client, _waits, sb = import_into(path, clone(data), arm=arm)
    assert result.status == "ok"
    assert client.request_count == clean_requests + 7 + spurious_timeouts(client, expected=1)
    assert not sb.faults.active, "a fault was never reached"
    after = snapshot(path)
    assert after == clean_snapshot, diff(clean_snapshot, after)


def test_persistent_fault_on_the_last_page_writes_nothing_of_that_collection(bulk, tmp_path):
    from craftdesk.api.errors import ServerError

    data, _clean_snapshot, _clean_requests = bulk

    def arm(sb):
        _only_at_offset(sb, 6000)  # the 7th and last page of the communication ways
        sb.faults.add(path="/CommunicationWay", method="GET", kind="status", status=503, times=None)

    path = tmp_path / "craftdesk.sqlite3"
    with pytest.raises(ServerError):
        import_into(path, clone(data), arm=arm)
    after = snapshot(path)
    assert sum(sum(rows.values()) for rows in after.values()) == 0, "a partial collection was written"
