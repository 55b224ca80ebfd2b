"""SevdeskClient against mocked HTTP (responses): paging, retries, errors, redaction."""

from __future__ import annotations

import json
import logging

import pytest
import requests
import responses

from craftdesk.api.client import SevdeskClient, validate_base_url
from craftdesk.api.errors import (
    ApiError,
    AuthError,
    CancelledError,
    MalformedResponseError,
    NotFoundError,
    ServerError,
    UnreachableError,
)

BASE = "https://my.sevdesk.de/api/v1"
TOKEN = "0123456789abcdef0123456789abcdef"


@pytest.fixture
def sleeps():
    return []


@pytest.fixture
def api(sleeps):
    client = SevdeskClient(BASE, TOKEN, sleep=sleeps.append, max_retries=3)
    yield client
    client.close()


def _objects(rows, status=200, headers=None):
    return {"json": {"objects": rows}, "status": status, "headers": headers or {}}


@responses.activate
def test_sends_raw_token_user_agent_and_timeouts(api):
    responses.get(f"{BASE}/SevUser", json={"objects": [{"id": "1"}]})
    assert api.get("/SevUser") == [{"id": "1"}]
    sent = responses.calls[0].request
    assert sent.headers["Authorization"] == TOKEN
    assert "craftdesk/" in sent.headers["User-Agent"]
    assert sent.headers["Accept"] == "application/json"


def test_timeout_is_passed_on_every_request(monkeypatch):
    seen = []

    class Recorder(requests.Session):
        def request(self, method, url, **kwargs):  # type: ignore[override]
            seen.append(kwargs.get("timeout"))
            raise requests.ConnectionError("refused")

    client = SevdeskClient(BASE, TOKEN, session=Recorder(), sleep=lambda s: None, max_retries=2)
    with pytest.raises(UnreachableError):
        client.get("/Contact")
    assert seen and all(t == (5.0, 30.0) for t in seen)


@responses.activate
def test_paging_over_several_pages(api):
    pages = [[{"id": str(i)} for i in range(start, min(start + 1000, 2500))] for start in (0, 1000, 2000)]
    for page in pages:
        responses.get(f"{BASE}/Contact", json={"objects": page, "total": "2500"})
    rows = api.get_all("/Contact", {"depth": 1})
    assert len(rows) == 2500
    offsets = [responses.calls[i].request.params["offset"] for i in range(3)]
    assert offsets == ["0", "1000", "2000"]
    assert all(c.request.params["limit"] == "1000" for c in responses.calls)
    assert api.request_count == 3


@responses.activate
def test_paging_deduplicates_rows_repeated_across_pages(api):
    responses.get(f"{BASE}/Part", json={"objects": [{"id": str(i)} for i in range(1000)]})
    responses.get(f"{BASE}/Part", json={"objects": [{"id": "999"}, {"id": "1000"}]})
    responses.get(f"{BASE}/Part", json={"objects": []})
    rows = api.get_all("/Part")
    assert [r["id"] for r in rows[-2:]] == ["999", "1000"]
    assert len(rows) == 1001


@responses.activate
def test_429_with_retry_after_then_success(api, sleeps):
    responses.get(f"{BASE}/Contact", status=429, headers={"Retry-After": "7"}, json={"error": {}})
    responses.get(f"{BASE}/Contact", json={"objects": []})
    assert api.get("/Contact") == []
    assert sleeps == [7.0]
    assert len(responses.calls) == 2


@responses.activate
def test_503_then_success_backs_off(api, sleeps):
    responses.get(f"{BASE}/Part", status=503, body="busy")
    responses.get(f"{BASE}/Part", status=503, body="busy")
    responses.get(f"{BASE}/Part", json={"objects": [{"id": "5"}]})
    assert api.get("/Part") == [{"id": "5"}]
    assert len(sleeps) == 2 and sleeps[1] > 0


@responses.activate
def test_401_raises_auth_error_without_retry(api):
    responses.get(
        f"{BASE}/Contact", status=401, json={"objects": None, "error": {"message": "Authentication required"}}
    )
    with pytest.raises(AuthError) as info:
        api.get("/Contact")
    assert len(responses.calls) == 1
    assert info.value.exit_code == 3
    assert "Token" in info.value.message


def test_connection_refused_is_unreachable_after_bounded_retries(sleeps):
    client = SevdeskClient(
        "http://127.0.0.1:9/api/v1", TOKEN, sleep=sleeps.append, max_retries=3, timeout=(0.5, 0.5)
    )
    with pytest.raises(UnreachableError) as info:
        client.get("/Contact")
    assert client.request_count == 4  # first try + 3 retries
    assert len(sleeps) == 3
    assert info.value.exit_code == 4


@responses.activate
def test_http_200_with_error_body_is_an_api_error(api):
    responses.get(
        f"{BASE}/Invoice", json={"objects": None, "error": {"message": "Invoice partly paid", "code": 390}}
    )
    with pytest.raises(ApiError) as info:
        api.get("/Invoice")
    assert "partly paid" in info.value.message
    assert info.value.code == 390


@responses.activate
def test_error_code_151_is_not_found(api):
    responses.get(
        f"{BASE}/Contact/1",
        status=404,
        json={"objects": None, "error": {"message": "No Model_Contact with the id 1 was found", "code": 151}},
    )
    with pytest.raises(NotFoundError):
        api.get("/Contact/1")


@responses.activate
def test_400_contact_not_found_is_not_found(api):
    responses.get(
        f"{BASE}/Contact/1", status=400, json={"objects": None, "error": {"message": "Contact was not found"}}
    )
    with pytest.raises(NotFoundError):
        api.get("/Contact/1")


@responses.activate
def test_malformed_json_is_reported_not_crashing(api):
    responses.get(f"{BASE}/Part", body="<html>oops", status=200)
    with pytest.raises(MalformedResponseError):
        api.get("/Part")


@responses.activate
def test_writes_are_not_retried_blindly(api):
    responses.post(f"{BASE}/Invoice/Factory/saveInvoice", status=503, body="busy")
    with pytest.raises(ServerError) as info:
        api.post("/Invoice/Factory/saveInvoice", {"invoice": {}})
    assert len(responses.calls) == 1
    assert info.value.outcome_unknown is True


@responses.activate
def test_write_429_is_retried_because_it_was_not_processed(api, sleeps):
    responses.post(f"{BASE}/Contact", status=429, headers={"Retry-After": "1"}, body="slow down")
    responses.post(f"{BASE}/Contact", status=201, json={"objects": {"id": "9"}})
    assert api.post("/Contact", {"name": "x"}) == {"id": "9"}
    assert len(responses.calls) == 2


@responses.activate
def test_422_carries_sevdesks_message(api):
    responses.post(
        f"{BASE}/Invoice/Factory/saveInvoice",
        status=422,
        json={"objects": None, "error": {"message": "Currency is required."}},
    )
    with pytest.raises(ApiError) as info:
        api.post("/Invoice/Factory/saveInvoice", {})
    assert "Currency is required." in info.value.message
    assert info.value.outcome_unknown is False


@responses.activate
def test_cancel_between_pages(api):
    responses.get(f"{BASE}/Contact", json={"objects": [{"id": str(i)} for i in range(1000)]})
    responses.get(f"{BASE}/Contact", json={"objects": [{"id": "x"}]})
    pages = api.iter_pages("/Contact")
    next(pages)
    api.cancel_event.set()
    with pytest.raises(CancelledError):
        next(pages)
    assert len(responses.calls) == 1


@responses.activate
def test_token_never_in_log_output(api, caplog):
    from craftdesk.log import RedactingFilter

    caplog.handler.addFilter(RedactingFilter())
    caplog.set_level(logging.DEBUG)
    responses.get(f"{BASE}/Contact", status=401, json={"error": {"message": f"bad token {TOKEN}"}})
    with pytest.raises(AuthError):
        api.get("/Contact")
    logging.getLogger("test").info("header Authorization: %s", TOKEN)
    assert caplog.records, "the client logs its requests"
    assert TOKEN not in caplog.text
    assert "GET /Contact -> 401" in caplog.text


def test_plain_http_only_for_loopback():
    assert validate_base_url("http://127.0.0.1:8080/api/v1") == "http://127.0.0.1:8080/api/v1"
    assert validate_base_url("http://localhost:1/api/v1/").endswith("/api/v1")
    with pytest.raises(ValueError):
        validate_base_url("http://my.sevdesk.de/api/v1")
    with pytest.raises(ValueError):
        validate_base_url("ftp://127.0.0.1/")


def test_missing_token_is_an_auth_error():
    with pytest.raises(AuthError):
        SevdeskClient(BASE, "  ")


@responses.activate
def test_post_sends_json_body(api):
    responses.post(f"{BASE}/Contact", status=201, json={"objects": {"id": "77"}})
    api.post("/Contact", {"name": "Bäckerei Schröder"})
    assert json.loads(responses.calls[0].request.body) == {"name": "Bäckerei Schröder"}


@responses.activate
def test_400_no_model_was_found_is_not_found(api):
    responses.get(
        f"{BASE}/Part/3",
        status=400,
        json={"objects": None, "error": {"message": "No Model_Part with the id 3 was found"}},
    )
    with pytest.raises(NotFoundError):
        api.get("/Part/3")


@responses.activate
def test_code_151_with_any_status_is_not_found(api):
    responses.get(
        f"{BASE}/Order/3", status=400, json={"objects": None, "error": {"message": "Gone", "code": 151}}
    )
    with pytest.raises(NotFoundError):
        api.get("/Order/3")


@responses.activate
def test_paging_goes_on_when_the_server_sends_fewer_rows_than_asked(api):
    for start in (0, 100, 200):
        responses.get(
            f"{BASE}/Contact",
            json={
                "objects": [{"id": str(i)} for i in range(start, start + 100)],
                "total": "250" if start < 200 else 250,
            },
        )
    rows = api.get_all("/Contact")
    # the third answer holds 100 rows although only 50 remain by total: all kept, then stop
    assert len(rows) == 300
    assert [c.request.params["offset"] for c in responses.calls] == ["0", "100", "200"]
    assert all(c.request.params["countAll"] == "true" for c in responses.calls)


@responses.activate
def test_paging_with_total_needs_no_empty_request_after_a_full_page(api):
    responses.get(f"{BASE}/Part", json={"objects": [{"id": str(i)} for i in range(1000)], "total": "1000"})
    assert len(api.get_all("/Part")) == 1000
    assert len(responses.calls) == 1


@responses.activate
def test_get_one_accepts_a_list_of_one_or_a_single_object(api):
    responses.get(f"{BASE}/Part/1", json={"objects": [{"id": "1"}]})
    responses.get(f"{BASE}/Part/2", json={"objects": {"id": "2"}})
    responses.get(f"{BASE}/Part/3", json={"objects": []})
    assert api.get_one("/Part/1") == {"id": "1"}
    assert api.get_one("/Part/2") == {"id": "2"}
    with pytest.raises(NotFoundError):
        api.get_one("/Part/3")


def test_request_count_is_exact_when_two_threads_share_the_client():
    """The import's page reader requests from a helper thread while the caller may request
    too; the counter must not lose increments (it made a fault test flaky)."""
    import sys
    import threading

    class Instant(requests.Session):
        def request(self, method, url, **kwargs):  # type: ignore[override]
            response = requests.Response()
            response.status_code = 200
            response._content = b'{"objects": []}'
            return response

    client = SevdeskClient(BASE, TOKEN, session=Instant(), sleep=lambda s: None)
    previous = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [
            threading.Thread(target=lambda: [client.get("/Contact") for _ in range(300)]) for _ in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(previous)
    assert client.request_count == 6 * 300
