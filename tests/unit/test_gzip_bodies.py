"""Compressed answers (issue 13: "compressed responses accepted"): a gzip body is read as
sent and inflated in one call (api.transport.inflate), with urllib3's reading of odd
bodies and the same size limit as a plain body."""

from __future__ import annotations

import gzip
import json

import pytest
import requests
import responses

from craftdesk.api import transport
from craftdesk.api.client import SevdeskClient
from craftdesk.api.errors import UnreachableError
from craftdesk.api.transport import inflate

BASE = "https://my.sevdesk.de/api/v1"
TOKEN = "0123456789abcdef0123456789abcdef"
PAGE = {"objects": [{"id": str(n), "name": "Müller & Söhne"} for n in range(1, 400)], "total": 399}


@pytest.fixture(autouse=True, params=["zlib-ng", "zlib"])
def inflater(request, monkeypatch):
    """Every test with zlib-ng (a dependency) and with the standard library's zlib (the app
    without zlib-ng): the same bodies, limits and errors."""
    if request.param == "zlib":
        import zlib

        monkeypatch.setattr(transport, "_inflating", zlib)
    else:
        assert transport._inflating.__name__ == "zlib_ng.zlib_ng"
    return request.param


def _serve(body: bytes, encoding: str = "gzip") -> None:
    responses.add(
        responses.GET,
        f"{BASE}/Thing",
        body=body,
        status=200,
        headers={"Content-Type": "application/json", "Content-Encoding": encoding},
    )


@responses.activate
def test_a_gzip_page_reads_as_the_same_page_sent_plain():
    _serve(gzip.compress(json.dumps(PAGE).encode()))
    client = SevdeskClient(BASE, TOKEN)
    assert client.get("/Thing") == PAGE["objects"]
    assert "gzip" in responses.calls[0].request.headers["Accept-Encoding"]


@responses.activate
def test_a_gzip_body_of_several_members_is_read_whole():
    text = json.dumps(PAGE).encode()
    _serve(gzip.compress(text[:1000]) + gzip.compress(text[1000:]))
    assert SevdeskClient(BASE, TOKEN).get("/Thing") == PAGE["objects"]


def test_bytes_after_the_first_member_that_are_no_gzip_are_ignored_as_urllib3_does():
    assert inflate(gzip.compress(b'{"a": 1}') + b"\x00garbage") == b'{"a": 1}'


def test_a_body_cut_short_gives_what_it_holds():
    packed = gzip.compress(json.dumps(PAGE).encode())
    assert json.dumps(PAGE).encode().startswith(inflate(packed[: len(packed) // 2]))


@responses.activate
def test_a_body_that_is_no_gzip_fails_as_a_connection_problem_and_is_retried_not():
    _serve(b"this is not gzip at all")
    with pytest.raises(UnreachableError) as caught:
        SevdeskClient(BASE, TOKEN).get("/Thing")
    assert caught.value.detail == "ContentDecodingError"
    assert len(responses.calls) == 1


@responses.activate
def test_a_body_that_inflates_beyond_the_limit_is_refused_without_inflating_it_all(monkeypatch):
    monkeypatch.setattr(transport, "MAX_BODY", 1_000_000)
    bomb = gzip.compress(b" " * 50_000_000)  # about 50 KB on the wire
    assert len(bomb) < 100_000
    _serve(bomb)
    with pytest.raises(UnreachableError) as caught:
        SevdeskClient(BASE, TOKEN, max_retries=0).get("/Thing")
    assert caught.value.detail == "ConnectionError"


def test_inflate_stops_at_the_limit(monkeypatch):
    monkeypatch.setattr(transport, "MAX_BODY", 1000)
    assert inflate(gzip.compress(b"x" * 1000)) == b"x" * 1000
    with pytest.raises(requests.ConnectionError):
        inflate(gzip.compress(b"x" * 1001))
    with pytest.raises(requests.ConnectionError):  # the limit counts every member
        inflate(gzip.compress(b"x" * 600) + gzip.compress(b"x" * 600))


@responses.activate
def test_a_deflate_body_is_still_read_by_urllib3():
    import zlib

    _serve(zlib.compress(json.dumps(PAGE).encode()), encoding="deflate")
    assert SevdeskClient(BASE, TOKEN).get("/Thing") == PAGE["objects"]


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 3 * 65536, 200_001])
def test_a_body_of_any_size_inflates_to_itself_across_piece_boundaries(size):
    text = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    assert inflate(gzip.compress(text)) == text
    assert inflate(gzip.compress(text) + gzip.compress(text)) == text + text
