"""The real client against the demo sevDesk over loopback, and `craftdesk sandbox`."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest
import requests

from craftdesk.api.client import SevdeskClient
from craftdesk.api.errors import AuthError, UnreachableError
from craftdesk.api.records import parse_contact
from craftdesk.sandbox import DEMO_TOKEN, Sandbox, build_bulk_data


def test_client_reads_all_customers_in_pages(client, sandbox):
    rows = client.get_all("/Contact", {"depth": 1, "category[id]": 3, "category[objectName]": "Category"})
    contacts = [parse_contact(r) for r in rows]
    assert len(contacts) == 40
    assert {c.kind for c in contacts} == {"person", "organisation"}
    assert all(c.category_id == "3" for c in contacts)


def test_client_pages_a_large_collection_with_limit_1000():
    with Sandbox(data=build_bulk_data(n_customers=2500, n_parts=10)) as sb:
        c = SevdeskClient(sb.url, DEMO_TOKEN)
        rows = c.get_all("/Contact", {"depth": 1})
        assert len({r["id"] for r in rows}) == len(rows) >= 2500
        limits = {r.query.get("limit") for r in sb.requests}
        assert limits == {"1000"}
        assert c.request_count == len(sb.requests) == len(rows) // 1000 + 1


def test_client_retries_throttling_from_the_sandbox(client, sandbox):
    sandbox.faults.add(path="/Part", method="GET", kind="status", status=429, retry_after=0, times=2)
    rows = client.get_all("/Part")
    assert len(rows) == 60
    assert [r.status for r in sandbox.requests if r.path.startswith("/Part")] == [429, 429, 200]


def test_wrong_token_is_auth_error(sandbox):
    c = SevdeskClient(sandbox.url, "ffffffffffffffffffffffffffffffff")
    with pytest.raises(AuthError):
        c.get("/Contact")


def test_stopped_sandbox_is_unreachable():
    sb = Sandbox().start()
    url = sb.url
    sb.stop()
    c = SevdeskClient(url, DEMO_TOKEN, max_retries=1, sleep=lambda s: None, timeout=(1, 1))
    with pytest.raises(UnreachableError):
        c.get("/Contact")


def test_an_idle_sandbox_sleeps_and_stop_ends_its_loop_in_the_background_and_foreground(monkeypatch):
    never_started = Sandbox()
    never_started.stop()  # nothing to stop: returns, no wait for a loop that never ran
    turns: list[int] = []
    background = Sandbox()
    monkeypatch.setattr(background._bind(), "service_actions", lambda: turns.append(1))
    background.start()
    loop = background._thread
    assert loop is not None and loop.is_alive()
    time.sleep(0.25)
    assert turns == []  # no poll: the loop wakes for a client or for stop, never on a timer
    background.stop()
    assert not loop.is_alive()
    background.stop()  # a second stop is harmless

    foreground = Sandbox()
    url = foreground.url
    thread = threading.Thread(target=foreground.serve_forever, daemon=True)
    thread.start()
    assert requests.get(f"{url}/Unity", headers={"Authorization": DEMO_TOKEN}, timeout=5).ok
    foreground.stop()  # from another thread: the loop returns and closes the socket
    thread.join(timeout=5)
    assert not thread.is_alive()
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{url}/Unity", headers={"Authorization": DEMO_TOKEN}, timeout=5)


def test_cli_sandbox_prints_url_and_serves(tmp_path):
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "craftdesk",
            "--data-dir",
            str(tmp_path),
            "sandbox",
            "--port",
            "0",
            "--token",
            "cafe0000cafe0000cafe0000cafe0000",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = None
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and url is None:
            line = proc.stdout.readline()
            if "http://127.0.0.1:" in line:
                url = line[line.index("http://") :].strip()
        assert url, "sandbox did not print its URL"
        r = requests.get(
            f"{url}/Contact",
            headers={"Authorization": "cafe0000cafe0000cafe0000cafe0000"},
            params={"depth": 0, "countAll": "true"},
            timeout=5,
        )
        assert r.status_code == 200
        assert isinstance(r.json()["total"], str)
        assert requests.get(f"{url}/Contact", timeout=5).status_code == 401
    finally:
        proc.terminate()
        proc.communicate(timeout=10)  # waits, and closes its pipes


def test_H15_cli_sandbox_on_a_taken_port_says_so_in_one_sentence(tmp_path, capsys):
    import socket

    from craftdesk.cli import main

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = taken.getsockname()[1]
        code = main(["--data-dir", str(tmp_path), "sandbox", "--port", str(port)])
    finally:
        taken.close()
    err = capsys.readouterr().err
    assert code == 5
    assert f"Port {port} nicht öffnen (er ist schon belegt)" in err and "Traceback" not in err
