"""HTTP client for the sevDesk REST API v1.

Timeouts on every request; reads are retried with exponential backoff and jitter on
429/502/503/504 and connection failures (``Retry-After`` honoured); writes are never
retried blindly — callers look their result up first (see services.invoices).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable, Generator, Iterator
from typing import Any
from urllib.parse import urljoin

import requests

from .. import __version__
from ..log import register_secret
from ..messages import Key, Message
from .ahead import Ahead
from .answers import (
    AUTH_MESSAGE,
    REPEATING,
    KnownPages,
    Page,
    as_int,
    check_complete,
    decode_json,
    interpret,
    objects_of,
    page_digest,
    page_keys,
    page_objects,
    page_query,
)
from .errors import (
    ApiError,
    AuthError,
    CancelledError,
    InvalidTokenError,
    MalformedResponseError,
    NotFoundError,
    SevdeskError,
    UnreachableError,
)
from .token import TokenAuth, sendable
from .transport import (
    Answer,
    exchange,
    new_session,
    origin,
    retry_after_seconds,
    validate_base_url,
)

log = logging.getLogger(__name__)

PAGE_SIZE = 1000
MAX_PAGES = 20_000  # 20 million rows: a sweep that has not ended by then never will (H2)
MAX_REDIRECTS = 5
RETRY_STATUSES = {429, 500, 502, 503, 504}


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
        self._auth = TokenAuth(self._token)
        register_secret(self._token)
        if not sendable(self._token):
            raise InvalidTokenError(
                "Der API-Token enthält Zeichen, die ein sevDesk-Token nicht "
                "hat (Leerzeichen oder Sonderzeichen) – bitte neu kopieren."
            )
        self._origin = origin(self.base_url)
        self.session = session or new_session(self.base_url)  # OS trust store, HTTPS_PROXY (H14)
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
            envelope = self.get_envelope(path, page_query(params, page_size, offset))
            objects = page_objects(envelope, path)
            total = as_int(envelope.get("total"))
            if not objects:
                check_complete(path, offset, total)
                return
            keys = page_keys(objects)
            if keys <= seen:  # a server that ignores offset sends the same rows forever
                raise MalformedResponseError(REPEATING, detail=f"{path}: offset {offset}")
            seen |= keys
            yield objects, total
            offset += len(objects)
            # H2: only sevDesk's total or an empty page proves the end; a short page does
            # not (servers may cap pages below the limit asked for).
            if total is not None and offset >= total:
                return
        raise MalformedResponseError(REPEATING, detail=f"{path}: more than {MAX_PAGES} pages")

    def iter_pages_raw(
        self,
        path: str,
        params: dict[str, Any] | None = None,
        page_size: int = PAGE_SIZE,
        *,
        known: KnownPages | None = None,
        offset: int = 0,
        ahead: bool = False,
        shape: str | None = None,
    ) -> Generator[Page, None, None]:
        """Pages like :meth:`iter_pages_with_total`, each with the digest of its bytes.

        A page whose (offset, digest) ``known`` recognises is not decoded: its row count
        and total come from ``known`` and its bytes stay in ``Page.content``. Ends like
        :meth:`iter_pages_with_total` (H2); a repeated page is recognised by its bytes.
        ``ahead``: while the caller works on a page, the next one is requested in a helper
        thread (:class:`~.ahead.Ahead`); pages are still decoded in the caller's thread.
        ``shape``: the pages' objects are read as rows where they can (``answers.objects_of``).
        """
        digests: set[str] = set()
        sender = Ahead(lambda query: self._send("GET", path, params=query)) if ahead else None
        try:
            for _page in range(MAX_PAGES):
                self.check_cancel()
                query = page_query(params, page_size, offset)
                response = sender.take(query) if sender else self._send("GET", path, params=query)
                page = self._page(response, path, offset, known, shape)
                if not page.rows:
                    check_complete(path, offset, page.total)
                    yield page
                    return
                if page.digest in digests:  # a server that ignores offset sends the same page forever
                    raise MalformedResponseError(REPEATING, detail=f"{path}: offset {offset}")
                digests.add(page.digest)
                offset += page.rows
                last = page.total is not None and offset >= page.total
                if sender and not last:
                    sender.start(page_query(params, page_size, offset))
                yield page
                if last:
                    return
            raise MalformedResponseError(REPEATING, detail=f"{path}: more than {MAX_PAGES} pages")
        finally:
            if sender:
                sender.close()

    def _page(
        self, response: Answer, path: str, offset: int, known: KnownPages | None, shape: str | None
    ) -> Page:
        content = response.content
        digest = page_digest(content)
        ok = response.status_code == 200
        seen = known(offset, digest) if known is not None and ok else None
        if seen is not None:
            return Page(offset, digest, seen[0], seen[1], None, content)
        read = objects_of(content, shape) if ok else None
        if read is not None:
            return Page(offset, digest, len(read[0]), read[1], read[0])
        envelope = interpret(response, "GET", path)[1]
        objects = page_objects(envelope, path)
        return Page(offset, digest, len(objects), as_int(envelope.get("total")), objects)

    def decode_page(self, page: Page, path: str, shape: str | None = None) -> list[Any]:
        """The objects of a page left undecoded by :meth:`iter_pages_raw` (``shape``: as there)."""
        if page.objects is not None:
            return page.objects
        read = objects_of(page.content, shape)
        if read is not None:
            return read[0]
        try:
            body = decode_json(page.content)
        except ValueError:
            body = None
        return page_objects(body, path)

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
        return interpret(self._send(method, path, params, json_body), method, path)

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
                auth=self._auth,
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


__all__ = [
    "AUTH_MESSAGE",
    "PAGE_SIZE",
    "KnownPages",
    "Page",
    "SevdeskClient",
    "SevdeskError",
    "decode_json",
    "page_digest",
    "validate_base_url",
]
