"""HTTP client for the sevDesk REST API v1.

Timeouts on every request; reads are retried with exponential backoff and jitter on
429/502/503/504 and connection failures (``Retry-After`` honoured); writes are never
retried blindly — callers look their result up first (see services.invoices).
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import threading
import time
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import requests

from .. import __version__
from ..log import register_secret
from ..messages import Key, Message
from .errors import (
    ApiError,
    AuthError,
    CancelledError,
    InvalidTokenError,
    MalformedResponseError,
    NotFoundError,
    ServerError,
    SevdeskError,
    ThrottledError,
    UnreachableError,
)
from .transport import (
    Answer,
    exchange,
    is_loopback,
    new_session,
    origin,
    retry_after_seconds,
    validate_base_url,
)
from .transport import decode_json as decode_utf8_json

try:  # a faster decoder for the large pages of an import; the standard library otherwise
    import orjson as _orjson
except ImportError:  # pragma: no cover - orjson is a dependency, but the app runs without it
    _orjson = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

PAGE_SIZE = 1000
MAX_PAGES = 20_000  # 20 million rows: a sweep that has not ended by then never will (H2)
MAX_REDIRECTS = 5
RETRY_STATUSES = {429, 500, 502, 503, 504}
AUTH_MESSAGE = Message(Key.AUTH_REJECTED)


def _is_loopback(host: str | None) -> bool:
    return is_loopback(host)


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


def page_digest(content: bytes) -> str:
    """A page's identity for the unchanged-cycle check (its exact bytes)."""
    return hashlib.blake2b(content, digest_size=16).hexdigest()


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


class SevdeskClient:
    """One client per token. Thread-compatible: use one instance per worker thread."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (5.0, 30.0),
        max_retries: int = 4,
        backoff_base: float = 0.5,
        backoff_max: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        cancel_event: threading.Event | None = None,
        deadline: float = 60.0,
    ) -> None:
        self.base_url = validate_base_url(base_url)
        if not token or not token.strip():
            raise AuthError(Message(Key.NO_TOKEN))
        self._token = token.strip()
        register_secret(self._token)
        if not _sendable(self._token):
            raise InvalidTokenError(
                "Der API-Token enthält Zeichen, die ein sevDesk-Token nicht "
                "hat (Leerzeichen oder Sonderzeichen) – bitte neu kopieren."
            )
        self._origin = origin(self.base_url)
        self.session = session or new_session()  # the OS trust store, HTTPS_PROXY (H14)
        self.session.headers.update(
            {
                "Accept": "application/json",
                "User-Agent": f"craftdesk/{__version__} (desktop app for craft businesses)",
            }
        )
        self.timeout = timeout
        self.deadline = deadline  # H1: connect + headers + body of one request
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_max = backoff_max
        self._sleep = sleep
        self.cancel_event = cancel_event or threading.Event()
        self.request_count = 0
        # The import's page reader requests from a helper thread while the caller may
        # request too: the counter is shared, so it is counted under a lock.
        self._count_lock = threading.Lock()
        # Runs in the calling thread while a request or a back-off is waited for (an
        # invoice renews its claim with it, H8).
        self.on_wait: Callable[[], None] | None = None

    # -- public API ----------------------------------------------------------------------
    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """GET and return the ``objects`` of the envelope (retried when safe)."""
        return self._request("GET", path, params=params)[0]

    def get_one(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """GET one object by id. sevDesk answers with a list of one; a single object is
        accepted too. An empty answer is :class:`NotFoundError`."""
        objects = self.get(path, params)
        if isinstance(objects, list):
            if not objects:
                raise NotFoundError(Message(Key.NOT_FOUND), detail=path)
            return objects[0]
        if objects is None:
            raise NotFoundError(Message(Key.NOT_FOUND), detail=path)
        return objects

    def get_envelope(self, path: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self._request("GET", path, params=params)[1]

    def post(self, path: str, body: dict[str, Any]) -> Any:
        """POST once. On a dropped answer the error says ``outcome_unknown``."""
        return self._request("POST", path, json_body=body)[0]

    def put(self, path: str, body: dict[str, Any] | None = None) -> Any:
        """PUT once (e.g. booking a payment in the demo sevDesk)."""
        return self._request("PUT", path, json_body=body)[0]

    def iter_pages(
        self, path: str, params: dict[str, Any] | None = None, page_size: int = PAGE_SIZE
    ) -> Iterator[list[dict[str, Any]]]:
        """Yield pages of a collection; checks cancel between pages."""
        for objects, _total in self.iter_pages_with_total(path, params, page_size):
            yield objects

    def iter_pages_with_total(
        self, path: str, params: dict[str, Any] | None = None, page_size: int = PAGE_SIZE
    ) -> Iterator[tuple[list[dict[str, Any]], int | None]]:
        """Yield ``(page, total)``; ``total`` is sevDesk's row count when it sends one.

        Asks for ``countAll`` so a full last page needs no extra empty request. With a
        ``total`` a short page is not the end (a server may send fewer rows than asked);
        without one, the sweep ends on an empty page. Pages that only repeat rows already
        seen, more than MAX_PAGES pages or an empty page before ``total`` stop it with
        MalformedResponseError, so a finished sweep has provably seen everything (H2).
        """
        offset = 0
        seen: set[str] = set()
        for _page in range(MAX_PAGES):
            self.check_cancel()
            query = dict(params or {})
            query.update({"limit": page_size, "offset": offset, "countAll": "true"})
            envelope = self.get_envelope(path, query)
            objects = envelope.get("objects")
            if not isinstance(objects, list):
                raise MalformedResponseError(Message(Key.UNEXPECTED_ANSWER), detail=f"{path}: not a list")
            total = _as_int(envelope.get("total"))
            if not objects:
                _check_complete(path, offset, total)
                return
            keys = _page_keys(objects)
            if keys <= seen:  # a server that ignores offset sends the same rows forever
                raise MalformedResponseError(_REPEATING, detail=f"{path}: offset {offset}")
            seen |= keys
            yield objects, total
            offset += len(objects)
            # H2: only sevDesk's total or an empty page proves the end; a short page does
            # not (servers may cap pages below the limit asked for).
            if total is not None and offset >= total:
                return
        raise MalformedResponseError(_REPEATING, detail=f"{path}: more than {MAX_PAGES} pages")

    def iter_pages_raw(
        self,
        path: str,
        params: dict[str, Any] | None = None,
        page_size: int = PAGE_SIZE,
        *,
        known: KnownPages | None = None,
        offset: int = 0,
    ) -> Generator[Page, None, None]:
        """Pages like :meth:`iter_pages_with_total`, each with the digest of its bytes.

        A page whose (offset, digest) ``known`` recognises is not decoded: its row count
        and total come from ``known`` and its bytes stay in ``Page.content``. Ends like
        :meth:`iter_pages_with_total` (H2); a repeated page is recognised by its bytes.
        """
        digests: set[str] = set()
        for _page in range(MAX_PAGES):
            self.check_cancel()
            query = dict(params or {})
            query.update({"limit": page_size, "offset": offset, "countAll": "true"})
            response = self._send("GET", path, params=query)
            content = response.content
            digest = page_digest(content)
            seen = known(offset, digest) if known is not None and response.status_code == 200 else None
            if seen is not None:
                page = Page(offset, digest, seen[0], seen[1], None, content)
            else:
                envelope = self._interpret(response, "GET", path)[1]
                objects = envelope.get("objects")
                if not isinstance(objects, list):
                    raise MalformedResponseError(Message(Key.UNEXPECTED_ANSWER), detail=f"{path}: not a list")
                page = Page(offset, digest, len(objects), _as_int(envelope.get("total")), objects)
            if not page.rows:
                _check_complete(path, offset, page.total)
                yield page
                return
            if digest in digests:  # a server that ignores offset sends the same page forever
                raise MalformedResponseError(_REPEATING, detail=f"{path}: offset {offset}")
            digests.add(digest)
            yield page
            offset += page.rows
            if page.total is not None and offset >= page.total:
                return
        raise MalformedResponseError(_REPEATING, detail=f"{path}: more than {MAX_PAGES} pages")

    def decode_page(self, page: Page, path: str) -> list[Any]:
        """The objects of a page left undecoded by :meth:`iter_pages_raw`."""
        if page.objects is not None:
            return page.objects
        try:
            body = decode_json(page.content)
        except ValueError:
            body = None
        objects = body.get("objects") if isinstance(body, dict) else None
        if not isinstance(objects, list):
            raise MalformedResponseError(Message(Key.UNEXPECTED_ANSWER), detail=f"{path}: not a list")
        return objects

    def get_all(self, path: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        seen: set[str] = set()
        for page in self.iter_pages(path, params):
            for row in page:
                # Offset paging over changing data can repeat rows: keep the first of each id.
                key = str(row.get("id")) if isinstance(row, dict) and row.get("id") is not None else None
                if key is not None:
                    if key in seen:
                        continue
                    seen.add(key)
                rows.append(row)
        return rows

    def check_cancel(self) -> None:
        if self.cancel_event.is_set():
            raise CancelledError(Message(Key.CANCELLED))

    def close(self) -> None:
        self.session.close()

    # -- internals -----------------------------------------------------------------------
    def _url(self, path: str) -> str:
        return f"{self.base_url}/{path.lstrip('/')}"

    def _backoff(self, attempt: int, retry_after: str | None) -> float:
        seconds = retry_after_seconds(retry_after, self.backoff_max)
        if seconds is not None:
            return seconds
        delay = min(self.backoff_base * float(2**attempt), self.backoff_max)
        return delay * (0.5 + random.random() / 2)

    def _request(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None = None,
        json_body: dict[str, Any] | None = None,
    ) -> tuple[Any, dict[str, Any]]:
        return self._interpret(self._send(method, path, params, json_body), method, path)

    def _send(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None = None,
        json_body: dict[str, Any] | None = None,
    ) -> Answer:
        """The response (any status) after the retries that are safe for ``method``."""
        is_read = method == "GET"
        attempt = 0
        while True:
            self.check_cancel()
            started = time.monotonic()
            with self._count_lock:
                self.request_count += 1
            try:
                response = self._exchange(method, self._url(path), params, json_body)
            except (requests.ConnectionError, requests.Timeout) as exc:
                elapsed = (time.monotonic() - started) * 1000
                log.info("%s %s -> %s (%.0f ms)", method, path, exc.__class__.__name__, elapsed)
                if is_read and attempt < self.max_retries:
                    self._wait(self._backoff(attempt, None))
                    attempt += 1
                    continue
                timed_out = isinstance(exc, requests.Timeout)
                raise UnreachableError(
                    Message(Key.TIMEOUT) if timed_out else Message(Key.UNREACHABLE),
                    detail=exc.__class__.__name__,
                    outcome_unknown=not is_read,
                ) from None
            except UnreachableError as exc:  # the total deadline passed (H1): not retried
                log.info("%s %s -> deadline (%s)", method, path, exc.detail)
                exc.outcome_unknown = not is_read
                raise
            except requests.RequestException as exc:
                raise UnreachableError(
                    Message(Key.CONNECTION_FAILED),
                    detail=exc.__class__.__name__,
                    outcome_unknown=not is_read,
                ) from None
            elapsed = (time.monotonic() - started) * 1000
            status = response.status_code
            log.info("%s %s -> %s (%.0f ms)", method, path, status, elapsed)
            # 429 means "not processed", so even a write may be sent again.
            retryable = is_read or status == 429
            if status in RETRY_STATUSES and retryable and attempt < self.max_retries:
                self._wait(self._backoff(attempt, response.headers.get("Retry-After")))
                attempt += 1
                continue
            return response

    def _exchange(
        self, method: str, url: str, params: dict[str, Any] | None, json_body: dict[str, Any] | None
    ) -> Answer:
        """One request within the deadline; the token goes only to the configured origin,
        writes never follow a redirect and reads follow only redirects within it (H4)."""
        for _hop in range(MAX_REDIRECTS + 1):
            if origin(url) != self._origin:
                break
            answer = exchange(
                self.session,
                method,
                url,
                deadline=self.deadline,
                cancel_event=self.cancel_event,
                on_wait=self.on_wait,
                params=params,
                json=json_body,
                timeout=self.timeout,
                headers={"Authorization": self._token},
            )
            location = answer.headers.get("Location")
            if not (300 <= answer.status < 400 and location):
                return answer
            if method != "GET":
                break
            url, params = urljoin(url, location), None
        raise ApiError(
            "sevDesk hat die Anfrage an eine andere Adresse umgeleitet; sie wurde aus "
            "Sicherheitsgründen nicht weitergeschickt.",
            detail=f"{method} redirect",
            outcome_unknown=False,
        )

    def _wait(self, seconds: float) -> None:
        if self.on_wait is not None:
            self.on_wait()
        if self._sleep is not time.sleep:  # injected clock (tests)
            self._sleep(seconds)
            return
        # Sleep in slices so a cancel does not wait for a long Retry-After.
        end = time.monotonic() + seconds
        while True:
            self.check_cancel()
            left = end - time.monotonic()
            if left <= 0:
                return
            time.sleep(min(left, 0.25))
            if self.on_wait is not None:
                self.on_wait()

    def _interpret(self, response: Answer, method: str, path: str) -> tuple[Any, dict[str, Any]]:
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
        detail = None
        code = None
        if isinstance(error, dict):
            detail = str(error.get("message") or "")[:500]
            code = error.get("code")
        elif isinstance(error, str):
            detail = error[:500]
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


_INCOMPLETE = "sevDesk hat weniger Datensätze geliefert als angekündigt; der Abgleich wurde abgebrochen."
_REPEATING = (
    "sevDesk liefert beim Blättern immer wieder dieselben Datensätze; der Abgleich wurde abgebrochen."
)


def _check_complete(path: str, offset: int, total: int | None) -> None:
    """An empty page ends a sweep only when no promised rows are missing (H2)."""
    if total is not None and offset < total:
        raise MalformedResponseError(_INCOMPLETE, detail=f"{path}: {offset} of {total}")


def _sendable(token: str) -> bool:
    """Whether ``token`` can travel in an HTTP header (latin-1, no spaces or controls)."""
    try:
        token.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return token.isprintable() and " " not in token


def _page_keys(objects: list[Any]) -> set[str]:
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


def _as_int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except ValueError:
        return None


__all__ = ["AUTH_MESSAGE", "PAGE_SIZE", "SevdeskClient", "SevdeskError", "validate_base_url"]
