"""SPEC H1–H4, H6, H14, H15 at the HTTP client: deadlines, paging proofs, strict decoding,
strict URLs and redirects, redaction, the OS trust store and proxies."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable, Iterator

import pytest
import responses

from craftdesk.api.client import SevdeskClient, validate_base_url
from craftdesk.api.errors import (
    ApiError,
    CancelledError,
    MalformedResponseError,
    UnreachableError,
)

BASE = "https://my.sevdesk.de/api/v1"
TOKEN = "0123456789abcdef0123456789abcdef"


# --- a raw loopback server that misbehaves on purpose ------------------------------------


class RawServer:
    """Accepts connections on 127.0.0.1 and hands each socket to ``handler``."""

    def __init__(self, handler: Callable[[socket.socket], None]) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.port = self.sock.getsockname()[1]
        self.handler = handler
        self.stopped = threading.Event()
        self.received: list[bytes] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            self.received.append(conn.recv(65536))
            self.handler(conn)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self.stopped.set()
        self.sock.close()


@pytest.fixture
def trickle() -> Iterator[RawServer]:
    def handler(conn: socket.socket) -> None:
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            b'Content-Length: 100000\r\n\r\n{"objects": ['
        )
        for _ in range(600):  # a byte every 0.1 s: no read timeout ever fires
            time.sleep(0.1)
            conn.sendall(b" ")

    server = RawServer(handler)
    yield server
    server.close()


def test_H1_a_trickling_body_ends_at_the_total_deadline(trickle):
    client = SevdeskClient(
        f"http://127.0.0.1:{trickle.port}/api/v1",
        TOKEN,
        deadline=1.5,
        timeout=(2.0, 5.0),
        sleep=lambda s: None,
    )
    started = time.monotonic()
    with pytest.raises(UnreachableError):
        client.get("/Contact")
    assert time.monotonic() - started < 4.0
    assert client.request_count == 1  # a request that used up its deadline is not repeated


def test_H1_cancel_takes_effect_in_the_middle_of_a_response(trickle):
    cancel = threading.Event()
    client = SevdeskClient(
        f"http://127.0.0.1:{trickle.port}/api/v1",
        TOKEN,
        deadline=60,
        timeout=(2.0, 30.0),
        cancel_event=cancel,
    )
    threading.Timer(0.5, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(CancelledError):
        client.get("/Contact")
    assert time.monotonic() - started < 1.5


@pytest.fixture
def helpers(monkeypatch):
    """A pool of its own, so that a helper of an earlier test cannot take a request."""
    from craftdesk.api import transport

    pool = transport._Helpers()
    monkeypatch.setattr(transport, "_helpers", pool)
    return pool


@responses.activate
def test_H1_consecutive_requests_share_one_helper_thread(helpers):
    seen: list[threading.Thread] = []  # the threads themselves: an ident may be reused

    def answer(request):
        seen.append(threading.current_thread())
        return (200, {}, '{"objects": []}')

    responses.add_callback(responses.GET, f"{BASE}/Contact", callback=answer)
    client = SevdeskClient(BASE, TOKEN, sleep=lambda s: None)
    for _ in range(5):
        client.get("/Contact")
    assert len(seen) == 5
    assert all(thread is seen[0] for thread in seen)  # not a new thread per request
    assert seen[0] is not threading.current_thread()  # the caller watches deadline and cancel


@responses.activate
def test_H1_a_request_while_another_is_in_flight_gets_a_helper_of_its_own(helpers):
    release = threading.Event()
    seen: dict[str, threading.Thread] = {}

    def answer(request):
        name = request.url.rsplit("/", 1)[-1]
        if name == "Contact":
            assert release.wait(10)
        seen[name] = threading.current_thread()
        return (200, {}, '{"objects": []}')

    responses.add_callback(responses.GET, f"{BASE}/Contact", callback=answer)
    responses.add_callback(responses.GET, f"{BASE}/Part", callback=answer)
    slow = threading.Thread(target=SevdeskClient(BASE, TOKEN).get, args=("/Contact",))
    slow.start()
    try:
        SevdeskClient(BASE, TOKEN).get("/Part")  # answered while /Contact still waits
        assert "Contact" not in seen
    finally:
        release.set()
        slow.join(10)
    assert seen["Part"] is not seen["Contact"]


@responses.activate
def test_H1_an_idle_helper_thread_ends(helpers):
    helpers.IDLE = 0.2
    seen: list[threading.Thread] = []

    def answer(request):
        seen.append(threading.current_thread())
        return (200, {}, '{"objects": []}')

    responses.add_callback(responses.GET, f"{BASE}/Contact", callback=answer)
    SevdeskClient(BASE, TOKEN).get("/Contact")
    helper = seen[0]
    helper.join(10)
    assert not helper.is_alive()


@responses.activate
def test_H1_an_idle_helper_keeps_nothing_of_its_last_request(helpers):
    import gc
    import weakref

    responses.get(f"{BASE}/Contact", body=b'{"objects": []}' + b" " * 500_000)
    client = SevdeskClient(BASE, TOKEN)
    answer = client._exchange("GET", f"{BASE}/Contact", None, None)
    assert len(answer.content) > 500_000
    body, session = weakref.ref(answer), weakref.ref(client.session)
    del answer
    client.close()
    del client
    gc.collect()
    assert body() is None  # the page's bytes
    assert session() is None  # and the session with its connections


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
@responses.activate
def test_H1_a_forked_process_sends_its_requests_with_helpers_of_its_own(helpers):
    responses.get(f"{BASE}/Contact", json={"objects": []})
    SevdeskClient(BASE, TOKEN).get("/Contact")  # leaves an idle helper in the parent
    pid = os.fork()
    if pid == 0:  # the child: the parent's helper thread does not exist here
        try:
            SevdeskClient(BASE, TOKEN, deadline=3).get("/Contact")
            os._exit(0)
        except BaseException:
            os._exit(1)
    ended = time.monotonic() + 30
    done, status = os.waitpid(pid, os.WNOHANG)
    while not done and time.monotonic() < ended:  # a hung child fails the test, not the run
        time.sleep(0.05)
        done, status = os.waitpid(pid, os.WNOHANG)
    if not done:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    assert done and os.waitstatus_to_exitcode(status) == 0


# --- H2 paging -----------------------------------------------------------------------------


@responses.activate
def test_H2_a_server_that_ignores_offset_without_total_stops_with_an_error():
    client = SevdeskClient(BASE, TOKEN, sleep=lambda s: None)
    responses.get(f"{BASE}/Contact", json={"objects": [{"id": str(i)} for i in range(1000)]})
    with pytest.raises(MalformedResponseError):
        client.get_all("/Contact")
    assert len(responses.calls) == 2


@responses.activate
def test_H2_pages_capped_below_the_limit_without_total_are_read_to_the_empty_page():
    client = SevdeskClient(BASE, TOKEN, sleep=lambda s: None)
    for start in range(0, 2253, 100):
        responses.get(
            f"{BASE}/Contact",
            json={"objects": [{"id": str(i)} for i in range(start, min(start + 100, 2253))]},
        )
    responses.get(f"{BASE}/Contact", json={"objects": []})
    rows = client.get_all("/Contact")
    assert len(rows) == 2253
    assert [c.request.params["offset"] for c in responses.calls][:3] == ["0", "100", "200"]


# --- H3 decoding ---------------------------------------------------------------------------


@responses.activate
def test_H3_json_served_as_text_plain_without_charset_is_read_as_utf8():
    client = SevdeskClient(BASE, TOKEN, sleep=lambda s: None)
    body = '{"objects": [{"id": "1", "name": "Bäckerei Müßig"}]}'.encode()
    responses.get(f"{BASE}/Contact/1", body=body, content_type="text/plain")
    assert client.get("/Contact/1") == [{"id": "1", "name": "Bäckerei Müßig"}]


@responses.activate
def test_H3_a_body_that_is_not_utf8_is_malformed_not_reencoded():
    client = SevdeskClient(BASE, TOKEN, sleep=lambda s: None)
    responses.get(
        f"{BASE}/Contact/1",
        body=b'{"objects": [{"id": "1", "name": "B\xe4ckerei"}]}',
        content_type="application/json; charset=latin-1",
    )
    with pytest.raises(MalformedResponseError):
        client.get("/Contact/1")


@responses.activate
def test_H15_deeply_nested_json_is_a_malformed_answer_not_a_crash():
    client = SevdeskClient(BASE, TOKEN, sleep=lambda s: None)
    responses.get(f"{BASE}/Contact", body=b'{"objects": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
    with pytest.raises(MalformedResponseError):
        client.get("/Contact")


@responses.activate
@pytest.mark.parametrize("value", ["NaN", "inf", "-5", "Wed, 21 Oct 2026 07:28:00 GMT"])
def test_H15_an_unusable_retry_after_falls_back_to_backoff(value):
    sleeps: list[float] = []
    client = SevdeskClient(BASE, TOKEN, sleep=sleeps.append)
    responses.get(f"{BASE}/Contact/1", status=429, headers={"Retry-After": value}, json={})
    responses.get(f"{BASE}/Contact/1", json={"objects": [{"id": "1"}]})
    assert client.get("/Contact/1") == [{"id": "1"}]
    assert len(sleeps) == 1 and 0 <= sleeps[0] <= 30


# --- H4 URLs and redirects -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://evil.example:80\\@127.0.0.1/api/v1",
        "http://evil.example:80@127.0.0.1/api/v1",
        "https://user:pw@my.sevdesk.de/api/v1",
        "https://my.sevdesk.de\\.evil.example/api/v1",
        "https://my sevdesk.de/api/v1",
        "https://my.sevdesk.de/api/v1?x=1",
        "https://my.sevdesk.de:99999/api/v1",
        "https://bäckerei.example/api/v1",
        "http://sevdesk.example/api/v1",
        "https://my.sevdesk.de\t/api/v1",
    ],
)
def test_H4_odd_api_urls_are_refused(url):
    with pytest.raises(ValueError):
        validate_base_url(url)


def test_H4_plain_urls_still_pass():
    assert validate_base_url("https://my.sevdesk.de/api/v1/") == "https://my.sevdesk.de/api/v1"
    assert validate_base_url("http://127.0.0.1:8765/api/v1") == "http://127.0.0.1:8765/api/v1"
    assert validate_base_url("http://localhost:1/api/v1")
    assert validate_base_url("http://[::1]:8080/api/v1")


@responses.activate
def test_H4_a_write_never_follows_a_redirect():
    client = SevdeskClient(BASE, TOKEN, sleep=lambda s: None)
    responses.post(
        f"{BASE}/Invoice/Factory/saveInvoice",
        status=307,
        headers={"Location": "https://collector.example/steal"},
    )
    with pytest.raises(ApiError):
        client.post("/Invoice/Factory/saveInvoice", {"a": 1})
    assert len(responses.calls) == 1


@responses.activate
def test_H4_reads_follow_only_same_origin_redirects_and_the_token_stays_home():
    client = SevdeskClient(BASE, TOKEN, sleep=lambda s: None)
    responses.get(f"{BASE}/Contact/1", status=302, headers={"Location": f"{BASE}/Contact/2"})
    responses.get(f"{BASE}/Contact/2", json={"objects": [{"id": "2"}]})
    responses.get(
        f"{BASE}/Contact/3", status=302, headers={"Location": "https://collector.example/api/v1/Contact/3"}
    )
    assert client.get("/Contact/1") == [{"id": "2"}]
    assert responses.calls[1].request.headers["Authorization"] == TOKEN
    with pytest.raises(ApiError):
        client.get("/Contact/3")
    assert all("collector" not in c.request.url for c in responses.calls)


# --- H6 redaction --------------------------------------------------------------------------


@responses.activate
def test_H6_a_server_echoing_the_token_does_not_get_it_into_the_error_text():
    token = "Geheim-Echo-Token-7f3k"
    client = SevdeskClient(BASE, token, sleep=lambda s: None)
    responses.get(
        f"{BASE}/Contact/1", status=403, json={"error": {"message": f"Token {token} has no rights"}}
    )
    with pytest.raises(ApiError) as caught:
        client.get("/Contact/1")
    assert token not in str(caught.value)
    assert token not in (caught.value.detail or "")


# --- H14 trust store and proxies -------------------------------------------------------------


def test_H14_https_is_verified_against_the_operating_system_trust_store():
    import truststore

    client = SevdeskClient(BASE, TOKEN)
    adapter = client.session.get_adapter(BASE)
    assert isinstance(adapter.ssl_context, truststore.SSLContext)
    pool = adapter.poolmanager.connection_from_url(BASE)
    assert pool.conn_kw.get("ssl_context") is adapter.ssl_context


@responses.activate
def test_H14_the_proxy_settings_are_looked_up_once_per_client(monkeypatch):
    import requests.utils

    asked: list[str] = []
    for name in ("getproxies", "proxy_bypass"):
        real = getattr(requests.utils, name)
        monkeypatch.setattr(requests.utils, name, lambda *a, _n=name, _f=real: (asked.append(_n), _f(*a))[1])
    responses.get(f"{BASE}/Contact", json={"objects": []})
    client = SevdeskClient(BASE, TOKEN)
    looked_up = len(asked)
    assert looked_up >= 1  # as the client is made
    for _ in range(5):
        client.get("/Contact")
    assert len(asked) == looked_up  # not again per request


def test_H14_no_proxy_is_honoured(monkeypatch):
    def refuse(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")

    def answer(conn: socket.socket) -> None:
        body = b'{"objects": []}'
        conn.sendall(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 15\r\n\r\n" + body
        )

    proxy, server = RawServer(refuse), RawServer(answer)
    try:
        for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"):
            monkeypatch.setenv(name, f"http://127.0.0.1:{proxy.port}")
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        monkeypatch.setenv("no_proxy", "127.0.0.1")
        client = SevdeskClient(f"http://127.0.0.1:{server.port}/api/v1", TOKEN, max_retries=0)
        assert client.get("/Contact") == []
        assert server.received and not proxy.received
    finally:
        proxy.close()
        server.close()


def test_H14_https_proxy_from_the_environment_is_used(monkeypatch):
    def handler(conn: socket.socket) -> None:
        conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")

    proxy = RawServer(handler)
    try:
        monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
        for name in ("NO_PROXY", "no_proxy"):
            monkeypatch.delenv(name, raising=False)
        client = SevdeskClient("https://sevdesk.example/api/v1", TOKEN, sleep=lambda s: None, max_retries=0)
        with pytest.raises(UnreachableError):
            client.get("/Contact")
        assert proxy.received and proxy.received[0].startswith(b"CONNECT sevdesk.example:443")
        assert TOKEN.encode() not in b"".join(proxy.received)  # the proxy sees no token
    finally:
        proxy.close()
