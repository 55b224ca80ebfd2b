"""The HTTP exchange under the sevDesk client: strict URLs, the OS trust store, a total
deadline per request, cancel in the middle of a response, and strict UTF-8 JSON (H1, H3,
H4, H14).

``exchange`` runs one request (headers *and* body) in a helper thread (kept for the next
request) while the calling thread watches the deadline and the cancel flag. Socket
timeouts alone do not bound a request: a server that sends a byte every few seconds never
trips a read timeout. When the deadline passes or the user cancels, the caller returns at
once and the helper's socket is shut down, so a trickling body cannot keep an import alive.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import math
import os
import queue
import re
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from ..messages import Key, Message
from .errors import CancelledError, InvalidApiUrlError, UnreachableError

log = logging.getLogger(__name__)

_inflating: Any = zlib  # the same interface; zlib-ng inflates the pages 1.6 times as fast
try:
    from zlib_ng import zlib_ng as _zlib_ng

    _inflating = _zlib_ng
except ImportError:  # pragma: no cover - zlib-ng is a dependency, but the app runs without it
    pass

MAX_BODY = 256 * 1024 * 1024  # far above any sevDesk page; a runaway body is not read on
PIECE = 64 * 1024  # a body is read and its size checked in pieces of this size
POLL = 0.05  # how often the waiting thread looks at cancel and deadline (seconds)

URL_MESSAGE = (
    "Die sevDesk-Adresse muss mit https:// beginnen und einen einfachen Rechnernamen haben "
    "(http nur für den lokalen Demo-Server)."
)
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


# --- URLs (H4) -----------------------------------------------------------------------------


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _plain_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.split(".")
    return len(host) <= 253 and all(_LABEL.match(label) for label in labels)


def validate_base_url(url: str) -> str:
    """The API URL without a trailing slash; InvalidApiUrlError (a ValueError) otherwise.

    Strict on purpose: the check and the HTTP library must see the same host. Userinfo
    (``user@``), backslashes, spaces, control or non-ASCII characters, a query or fragment
    and anything but a plain host name or IP address are refused; http only on loopback.
    """
    if not isinstance(url, str) or not url.isascii() or "\\" in url or "@" in url:
        raise InvalidApiUrlError(URL_MESSAGE, detail="odd characters")
    if any(ord(char) <= 32 or ord(char) == 127 for char in url):
        raise InvalidApiUrlError(URL_MESSAGE, detail="space or control character")
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        raise InvalidApiUrlError(URL_MESSAGE, detail="bad port") from None
    host = (parts.hostname or "").lower()
    if (
        parts.query
        or parts.fragment
        or parts.username is not None
        or not host
        or not _plain_host(host)
        or port == 0
    ):
        raise InvalidApiUrlError(URL_MESSAGE, detail="not a plain URL")
    scheme = parts.scheme.lower()
    if scheme == "https" or (scheme == "http" and is_loopback(host)):
        return url.rstrip("/")
    raise InvalidApiUrlError(URL_MESSAGE, detail=f"scheme {scheme!r} for this host")


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL, default ports filled in."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = -1
    return scheme, (parts.hostname or "").lower(), port or (443 if scheme == "https" else 80)


# --- the session (H14) ---------------------------------------------------------------------


class SystemTrustAdapter(HTTPAdapter):
    """HTTPS verified against the operating system's trust store (``truststore``), so
    antivirus HTTPS scanning and company TLS inspection work as in the browser."""

    def __init__(self, context: ssl.SSLContext | None = None, **kwargs: Any) -> None:
        self.ssl_context = context or system_ssl_context()
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self.ssl_context
        super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs["ssl_context"] = self.ssl_context  # HTTPS_PROXY tunnels too
        return super().proxy_manager_for(proxy, **proxy_kwargs)

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        super().cert_verify(conn, url, verify, cert)
        if verify is True:  # not requests' own CA bundle: the context asks the OS
            conn.ca_certs = None
            conn.ca_cert_dir = None


def system_ssl_context() -> ssl.SSLContext:
    try:
        import truststore
    except ImportError:  # pragma: no cover - a dependency; fall back to Python's defaults
        log.warning("truststore is missing; HTTPS uses Python's default certificates")
        return ssl.create_default_context()
    return truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def new_session(url: str | None = None) -> requests.Session:
    """A session that trusts the OS certificates and honours HTTPS_PROXY (and NO_PROXY).

    With ``url`` (a client talks to one origin), the proxy for it is looked up once, here.
    Otherwise requests looks it up for every request: it scans the environment and asks
    the system's settings (the registry on Windows, the system configuration on macOS)."""
    session = requests.Session()
    session.mount("https://", SystemTrustAdapter())
    if url is not None:
        session.proxies.update(requests.utils.get_environ_proxies(url))
        session.trust_env = False  # nothing more from the environment per request
    return session


# --- one exchange (H1) ---------------------------------------------------------------------


@dataclass
class Answer:
    """A whole response: status, headers and the complete body."""

    status: int
    headers: Mapping[str, str]
    content: bytes
    url: str

    @property
    def status_code(self) -> int:  # the name requests uses
        return self.status

    @property
    def text(self) -> str:
        """The body as text for messages and logs (always UTF-8, H3)."""
        return self.content.decode("utf-8", "replace")


def inflate(data: bytes) -> bytes:
    """A gzip body as its bytes: inflated in pieces of PIECE bytes by one zlib call each,
    which costs a third of the CPU urllib3 takes for the same (the import's pages,
    measured), and holds no more memory (a piece of another size costs more of both). As
    urllib3 reads it: members one after another, anything after the first member that is
    no gzip ignored, and a body cut short gives what it holds. More than MAX_BODY bytes
    are not inflated."""
    out: list[bytes] = []
    size = 0
    first = True
    while data:
        inflater = _inflating.decompressobj(16 + zlib.MAX_WBITS)
        try:
            while not inflater.eof:
                piece = inflater.decompress(data, min(PIECE, MAX_BODY + 1 - size))
                size += len(piece)
                if size > MAX_BODY:
                    raise requests.ConnectionError("response body too large")
                out.append(piece)
                data = inflater.unconsumed_tail
                if not (piece or data):
                    break  # the member needs more than the body holds: cut short
        except (zlib.error, _inflating.error) as exc:
            if first:
                raise requests.exceptions.ContentDecodingError(f"gzip body: {exc}") from None
            break  # trailing bytes that are no gzip member
        data, first = inflater.unused_data if inflater.eof else b"", False
    return b"".join(out)


@dataclass
class _Exchange:
    session: requests.Session
    kwargs: dict[str, Any]
    done: threading.Event = field(default_factory=threading.Event)
    aborted: bool = False
    response: requests.Response | None = None
    answer: Answer | None = None
    error: BaseException | None = None

    def run(self) -> None:
        try:
            response = self.session.request(stream=True, allow_redirects=False, **self.kwargs)
            self.response = response
            if self.aborted:
                self._shut()
                return
            if response.raw is None:  # a response built in memory (a test double)
                self.answer = Answer(
                    response.status_code, response.headers, response.content, response.url or ""
                )
                return
            gzipped = response.headers.get("Content-Encoding", "").strip().lower() in ("gzip", "x-gzip")
            pieces = (
                response.raw.stream(PIECE, decode_content=False) if gzipped else response.iter_content(PIECE)
            )
            chunks: list[bytes] = []
            size = 0
            for chunk in pieces:
                if self.aborted:
                    return
                size += len(chunk)
                if size > MAX_BODY:
                    response.close()
                    raise requests.ConnectionError("response body too large")
                chunks.append(chunk)
            body = b"".join(chunks)
            del chunks
            if gzipped:
                try:
                    body = inflate(body)
                finally:
                    response.close()
            self.answer = Answer(response.status_code, response.headers, body, response.url or "")
            response.close()
        except BaseException as exc:  # handed to the waiting thread
            self.error = exc

    def abort(self) -> None:
        self.aborted = True
        self._shut()

    def _shut(self) -> None:
        response = self.response
        if response is None:
            return
        raw = response.raw
        try:
            shutdown = getattr(raw, "shutdown", None)
            if shutdown is not None:
                shutdown()  # wakes a read blocked in the helper thread
            response.close()
        except Exception:
            pass


class _Helpers:
    """The threads that run exchanges, each kept for the next one: a new thread per
    request cost about 1 ms of CPU here (its first large allocations), as much as reading
    a whole page. A helper whose exchange was abandoned (deadline, cancel) is busy until
    its shut socket ends the read; meanwhile the next exchange gets another helper. A
    helper that had nothing to do for ``IDLE`` seconds ends."""

    IDLE = 30.0

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: list[queue.SimpleQueue[_Exchange]] = []
        if hasattr(os, "register_at_fork"):  # a forked child has none of the threads
            os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        self._lock = threading.Lock()
        self._idle = []

    def run(self, job: _Exchange) -> None:
        with self._lock:
            jobs = self._idle.pop() if self._idle else None
        if jobs is None:
            jobs = queue.SimpleQueue()
            threading.Thread(target=self._serve, args=(jobs,), name="sevdesk-http", daemon=True).start()
        jobs.put(job)

    def _serve(self, jobs: queue.SimpleQueue[_Exchange]) -> None:
        while True:
            try:
                job = jobs.get(timeout=self.IDLE)
            except queue.Empty:
                with self._lock:
                    if jobs in self._idle:  # else an exchange took this helper just now
                        self._idle.remove(jobs)
                        return
                continue
            try:
                job.run()
            finally:
                with self._lock:  # idle again before the caller wakes for its next request
                    self._idle.append(jobs)
                job.done.set()
                del job  # an idle helper keeps nothing of its last request (body, session)


_helpers = _Helpers()


def exchange(
    session: requests.Session,
    method: str,
    url: str,
    *,
    deadline: float,
    cancel_event: threading.Event,
    on_wait: Callable[[], None] | None = None,
    **kwargs: Any,
) -> Answer:
    """One HTTP request and its whole body within ``deadline`` seconds.

    Raises UnreachableError (deadline passed), CancelledError (cancel flag set) or the
    ``requests`` exception of the helper. ``on_wait`` runs in the calling thread while it
    waits (e.g. to renew a lease).
    """
    job = _Exchange(session, {"method": method, "url": url, **kwargs})
    end = time.monotonic() + deadline
    _helpers.run(job)
    while not job.done.wait(POLL):
        if cancel_event.is_set():
            job.abort()
            raise CancelledError(Message(Key.CANCELLED))
        if time.monotonic() > end:
            job.abort()
            raise UnreachableError(
                Message(Key.TIMEOUT),
                detail=f"Deadline of {deadline:.0f} s exceeded (Timeout)",
            )
        if on_wait is not None:
            on_wait()
    if job.error is not None:
        raise job.error
    assert job.answer is not None
    return job.answer


# --- JSON (H3) -----------------------------------------------------------------------------


def decode_json(content: bytes) -> Any:
    """The JSON of a body, always read as UTF-8 (a BOM is allowed), whatever the
    Content-Type says. ValueError when it is not UTF-8 JSON (also when nested so deeply
    that the parser gives up)."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"body is not UTF-8 ({exc.reason})") from None
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("JSON nested too deeply") from None


def retry_after_seconds(value: str | None, ceiling: float) -> float | None:
    """``Retry-After`` in seconds, or None when absent or unusable (NaN, negative, a date)."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    if not math.isfinite(seconds) or seconds < 0:
        return None
    return min(seconds, ceiling)
