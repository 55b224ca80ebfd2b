"""sevDesk's answers: JSON decoding (H3), errors as exceptions, pages and their identity.

What the client receives is read here: the envelope's ``objects`` or the error an answer
means (:func:`interpret`), a collection page with the digest of its bytes (:class:`Page`,
for the unchanged-cycle check) and the checks that a sweep ended complete (H2).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..messages import Key, Message
from .errors import (
    ApiError,
    AuthError,
    MalformedResponseError,
    NotFoundError,
    ServerError,
    ThrottledError,
)
from .fast_pages import page_rows
from .transport import Answer
from .transport import decode_json as decode_utf8_json

try:  # a faster decoder for the large pages of an import; the standard library otherwise
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency, but the app runs without it
    _orjson = None  # type: ignore[assignment]

try:  # the digest of a page: ten times as fast as hashlib's fastest here (page_digest)
    from xxhash import xxh3_128_hexdigest as _xxh3_128
except ImportError:  # pragma: no cover - xxhash is a dependency, but the app runs without it
    _xxh3_128 = None  # type: ignore[assignment]

AUTH_MESSAGE = Message(Key.AUTH_REJECTED)


def decode_json(content: bytes) -> Any:
    """JSON from a response body, always as UTF-8 whatever the Content-Type says (H3):
    orjson when installed; what orjson refuses (lone surrogate escapes, NaN, huge integers,
    deep nesting) goes to the standard library. ValueError when it is not UTF-8 JSON."""
    if _orjson is not None:
        try:
            return _orjson.loads(content)
        except ValueError:
            pass
    return decode_utf8_json(content)


def objects_of(content: bytes, shape: str | None) -> tuple[list[Any], int | None] | None:
    """The objects of a successful page of ``shape`` (``fast_pages.CONTACTS``, …) read as rows
    where they can, with sevDesk's total; None (no shape, or one ``fast_pages.page_rows`` cannot
    read) when the page goes the usual way."""
    read = page_rows(content, shape, decode_json) if shape else None
    return None if read is None else (read[0], as_int(read[1]))


def page_digest(content: bytes) -> str:
    """A page's identity for the unchanged-cycle check (its exact bytes), 32 hex digits.
    No secret and no adversary is involved, only an accidental match would matter: XXH3's
    128 bits read the 33 MB of pages of 10,000 customers in 2 ms, SHA-1 (without xxhash)
    in 20 ms. A digest of the other kind never matches: that page is read again, once."""
    if _xxh3_128 is not None:
        return _xxh3_128(content)
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()[:32]


@dataclass(slots=True)
class Page:
    """One page of a collection: decoded ``objects``, or None when the caller recognised
    the bytes (``known``) and left them undecoded in ``content``."""

    offset: int
    digest: str
    rows: int
    total: int | None
    objects: list[Any] | None
    content: bytes = b""


#: ``known(offset, digest)`` -> (rows, total) of a page read before with exactly these bytes.
KnownPages = Callable[[int, str], "tuple[int, int | None] | None"]


def interpret(response: Answer, method: str, path: str) -> tuple[Any, dict[str, Any]]:
    """The ``objects`` and the envelope of a sevDesk answer, or the error it means."""
    status = response.status_code
    body: Any = None
    content = response.content
    text = ""
    if content:
        try:
            body = decode_json(content)  # UTF-8 whatever the Content-Type (H3)
        except ValueError:
            body = None
            text = response.text
    error = body.get("error") if isinstance(body, dict) else None
    detail, code = _error_detail(error)
    write = method != "GET"
    if status == 401:
        raise AuthError(AUTH_MESSAGE, status=status, code=code, detail=detail)
    if status == 404:
        raise NotFoundError(Message(Key.NOT_FOUND), status=status, code=code, detail=detail)
    if status == 429:
        raise ThrottledError(Message(Key.THROTTLED), status=status, detail=detail, outcome_unknown=False)
    if status >= 500:
        raise ServerError(
            Message(Key.SERVER_ERROR, str(status)),
            status=status,
            code=code,
            detail=detail,
            outcome_unknown=write,
        )
    if status >= 400:
        lowered = (detail or "").lower()
        # sevDesk answers a missing object with 400 "… not found", 404, or code 151
        # ("No Model_Contact with the id 1 was found").
        missing = "not found" in lowered or ("no model" in lowered and "was found" in lowered)
        if str(code) == "151" or (status == 400 and missing):
            raise NotFoundError(Message(Key.NOT_FOUND), status=status, code=code, detail=detail)
        refused = Message(Key.REFUSED_BECAUSE, detail) if detail else Message(Key.REFUSED)
        raise ApiError(refused, status=status, code=code, detail=detail)
    if error:
        if str(code) == "151":
            raise NotFoundError(Message(Key.NOT_FOUND), status=status, code=code, detail=detail)
        failed = Message(Key.SEVDESK_ERROR_BECAUSE, detail) if detail else Message(Key.SEVDESK_ERROR)
        raise ApiError(failed, status=status, code=code, detail=detail)
    if not isinstance(body, dict) or "objects" not in body:
        raise MalformedResponseError(
            Message(Key.UNREADABLE_ANSWER),
            status=status,
            detail=f"{method} {path}: {(text or response.text)[:200]!r}",
            outcome_unknown=write,
        )
    return body["objects"], body


def _error_detail(error: Any) -> tuple[str | None, Any]:
    """sevDesk's reason and error code. What an e-invoice lacks (code 830) sevDesk names in
    ``data["missing information"]``, not in the message: it is added to the reason."""
    if isinstance(error, str):
        return error[:500], None
    if not isinstance(error, dict):
        return None, None
    detail = str(error.get("message") or "")[:500]
    data = error.get("data")
    missing = data.get("missing information") if isinstance(data, dict) else None
    if isinstance(missing, list) and missing:
        detail = f"{detail} [{', '.join(str(m) for m in missing)}]"[:500]
    return detail, error.get("code")


INCOMPLETE = "sevDesk hat weniger Datensätze geliefert als angekündigt; der Abgleich wurde abgebrochen."
REPEATING = "sevDesk liefert beim Blättern immer wieder dieselben Datensätze; der Abgleich wurde abgebrochen."


def check_complete(path: str, offset: int, total: int | None) -> None:
    """An empty page ends a sweep only when no promised rows are missing (H2)."""
    if total is not None and offset < total:
        raise MalformedResponseError(INCOMPLETE, detail=f"{path}: {offset} of {total}")


def page_keys(objects: list[Any]) -> set[str]:
    """Ids of a page's rows (rows without an id count by their content)."""
    keys = set()
    for row in objects:
        key = row.get("id") if isinstance(row, dict) else None
        keys.add(
            f"id:{key}"
            if key is not None and not isinstance(key, (dict, list))
            else f"row:{json.dumps(row, sort_keys=True, default=str)}"
        )
    return keys


def page_objects(body: Any, path: str) -> list[Any]:
    """The ``objects`` of a page's decoded body; the answer is unreadable without them."""
    objects = body.get("objects") if isinstance(body, dict) else None
    if not isinstance(objects, list):
        raise MalformedResponseError(Message(Key.UNEXPECTED_ANSWER), detail=f"{path}: not a list")
    return objects


def page_query(params: dict[str, Any] | None, page_size: int, offset: int) -> dict[str, Any]:
    """A page's query: ``params`` with its limit and offset, and sevDesk's row count asked for."""
    query = dict(params or {})
    query.update({"limit": page_size, "offset": offset, "countAll": "true"})
    return query


def as_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None
