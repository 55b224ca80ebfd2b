"""HTTP server of the demo sevDesk ("sandbox"): stdlib only, one thread per connection."""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import socket
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from ..fsutil import write_atomic
from .api import Api
from .errors import ApiError, error_body
from .faults import FaultInjector
from .store import SandboxData

DEMO_TOKEN = "demo0000000000000000000000000000"
API_PREFIX = "/api/v1"
DEMO_INVOICE_PAGE = "/demo/invoice/"
_WRITE_METHODS = ("POST", "PUT", "DELETE", "PATCH")
_REASONS = {
    400: "Bad request",
    401: "Authentication required",
    403: "Forbidden",
    404: "Not found",
    409: "Conflict",
    422: "Validation failed",
    429: "Too many requests",
    500: "Internal server error",
    502: "Bad gateway",
    503: "Service unavailable",
    504: "Gateway timeout",
}


@dataclass
class RequestRecord:
    """One request the sandbox received.

    ``path`` is the path after ``/api/v1`` (the full path for requests outside it),
    ``query`` the decoded query string (last value wins), ``status`` the HTTP status
    sent; 0 when the connection was closed without an answer (``fault`` names the
    injected fault, if any).
    """

    method: str
    path: str
    query: dict[str, str]
    status: int
    fault: str | None = None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self._wake: tuple[socket.socket, socket.socket] | None = None  # made when serving
        self._stop_asked = False
        self._stopped = threading.Event()
        self._stopped.set()
        super().__init__(address, _Handler)

    def serve_forever(self, poll_interval: float | None = None) -> None:
        """socketserver's loop without its poll: it sleeps until a client connects or
        :meth:`shutdown` wakes it, so a stop takes no poll interval (0.1 s in every test
        that used the sandbox) and an idle demo never wakes up. ``poll_interval``: wake
        that often anyway (Ctrl+C reaches a waiting ``select`` on Windows only then)."""
        if self._wake is None:
            self._wake = socket.socketpair()
        wake = self._wake[0]
        self._stopped.clear()
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(self, selectors.EVENT_READ)
                selector.register(wake, selectors.EVENT_READ)
                while not self._stop_asked:
                    ready = selector.select(poll_interval)
                    if self._stop_asked:
                        break
                    for key, _ in ready:
                        if key.fileobj is self:
                            self._handle_request_noblock()  # type: ignore[attr-defined]  # socketserver's own step
                        else:
                            wake.recv(64)
                    self.service_actions()
        finally:
            self._stop_asked = False
            self._stopped.set()

    def shutdown(self) -> None:
        """Stop :meth:`serve_forever` (from another thread) and wait until it has returned;
        returns at once when it does not run."""
        self._stop_asked = True
        if self._wake is not None:
            with contextlib.suppress(OSError):
                self._wake[1].send(b"x")
        self._stopped.wait()

    def server_close(self) -> None:
        super().server_close()
        wake, self._wake = self._wake, None
        for end in wake or ():
            end.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that gave up (timeout, cancel) closes its socket while we answer; that is
        # ordinary for a test double with delay faults, not an error worth a traceback.
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            return
        super().handle_error(request, client_address)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Cut open keep-alive connections so a stopped sandbox really stops answering."""
        with self._connections_lock:
            connections = list(self._connections)
            self._connections.clear()
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are written separately
    server_version = "craftdesk-sandbox"
    sys_version = ""
    timeout = 60
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean; sb.requests is the log

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_PUT(self) -> None:
        self._serve("PUT")

    def do_DELETE(self) -> None:
        self._serve("DELETE")

    def do_PATCH(self) -> None:
        self._serve("PATCH")

    # -- main flow
    def _serve(self, method: str) -> None:
        sandbox = self.server.sandbox
        parts = urlsplit(self.path)
        raw_body = self._read_body()
        query = dict(parse_qsl(parts.query, keep_blank_values=True))
        inside = parts.path == API_PREFIX or parts.path.startswith(API_PREFIX + "/")
        path = (parts.path[len(API_PREFIX) :] or "/") if inside else parts.path
        record = RequestRecord(method, path, query, 0)

        if method == "GET" and parts.path.startswith(DEMO_INVOICE_PAGE):
            return self._demo_invoice_page(record, parts.path[len(DEMO_INVOICE_PAGE) :])
        if not inside:
            return self._answer(record, 404, error_body(404, f"Unknown resource {parts.path}"))
        if self.headers.get("Authorization") != sandbox.token:
            return self._answer(record, 401, error_body(401, "Authentication required"))

        fault = sandbox.faults.take(method, path + (f"?{parts.query}" if parts.query else ""))
        if fault is not None:
            record.fault = fault.kind
            if fault.kind == "status":
                headers = {}
                if fault.retry_after is not None:
                    headers["Retry-After"] = _number_text(fault.retry_after)
                message = _REASONS.get(fault.status, "Injected failure")
                return self._answer(record, fault.status, error_body(fault.status, message), headers)
            if fault.kind == "drop":
                return self._drop(record)
            if fault.kind == "malformed":
                return self._answer(record, 200, None, raw=b'{"objects": [{"id": "1", "objectName": ')
            if fault.kind == "delay":
                time.sleep(fault.seconds)

        status, payload, headers = self._process(method, path, query, raw_body)
        if fault is not None and fault.kind == "commit_then_drop":
            return self._drop(record)
        return self._answer(record, status, payload, headers)

    def _process(
        self, method: str, path: str, query: dict[str, str], raw_body: bytes
    ) -> tuple[int, Any, dict[str, str]]:
        sandbox = self.server.sandbox
        try:
            body = None
            if raw_body.strip():
                try:
                    body = json.loads(raw_body.decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    raise ApiError(400, "The request body is not valid JSON") from None
            status, payload = sandbox.api.dispatch(method, path, query, body)
            if method in _WRITE_METHODS and status < 300:
                sandbox.save_state()
            return status, payload, {}
        except ApiError as exc:
            return exc.status, exc.body(), exc.headers
        except Exception as exc:  # a bug in the sandbox must not kill the connection thread
            return 500, error_body(500, f"Sandbox error: {type(exc).__name__}: {exc}"), {}

    def _demo_invoice_page(self, record: RequestRecord, invoice_id: str) -> None:
        """The demo's stand-in for sevDesk's invoice page ("In sevDesk öffnen" in the demo):
        plain demo data, escaped; no token needed, it listens on loopback only."""
        from .pages import invoice_page

        status, page = invoice_page(self.server.sandbox.data, invoice_id)
        record.status = status
        self.server.sandbox._record(record)
        data = page.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    # -- low level
    def _read_body(self) -> bytes:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        return self.rfile.read(length) if length > 0 else b""

    def _answer(
        self,
        record: RequestRecord,
        status: int,
        payload: Any,
        headers: dict[str, str] | None = None,
        raw: bytes | None = None,
    ) -> None:
        data = raw if raw is not None else json.dumps(payload, ensure_ascii=False).encode("utf-8")
        record.status = status
        self.server.sandbox._record(record)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _drop(self, record: RequestRecord) -> None:
        record.status = 0
        self.server.sandbox._record(record)
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def _number_text(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


class Sandbox:
    """A local sevDesk stand-in serving ``data`` over HTTP on ``host:port``.

    ``port=0`` picks a free port (see :attr:`url`).  With ``state_file`` the data is
    loaded from that JSON file when it exists and saved to it after every successful
    write request.
    """

    def __init__(
        self,
        data: SandboxData | None = None,
        token: str = DEMO_TOKEN,
        host: str = "127.0.0.1",
        port: int = 0,
        state_file: str | os.PathLike[str] | None = None,
    ) -> None:
        self.token = token
        self.host = host
        self.port = port
        self.state_file = Path(state_file) if state_file is not None else None
        if self.state_file is not None and self.state_file.exists():
            data = SandboxData.from_json(json.loads(self.state_file.read_text(encoding="utf-8")))
        if data is None:
            from .demo_data import build_demo_data

            data = build_demo_data()
        self.data = data
        self.api = Api(data)
        self.faults = FaultInjector()
        self._requests: list[RequestRecord] = []
        self._requests_lock = threading.Lock()
        self._save_lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._foreground = False

    # -- lifecycle
    def _bind(self) -> _Server:
        if self._server is None:
            self._server = _Server((self.host, self.port), self)
            self.port = self._server.server_address[1]  # a restart keeps the same port
        return self._server

    @property
    def url(self) -> str:
        """Base URL like ``http://127.0.0.1:8123/api/v1`` (binds the port if needed)."""
        server = self._bind()
        return f"http://{self.host}:{server.server_address[1]}{API_PREFIX}"

    def start(self) -> Sandbox:
        """Serve in a daemon thread; returns self."""
        if self._thread is not None and self._thread.is_alive():
            return self
        server = self._bind()
        self._thread = threading.Thread(target=server.serve_forever, name="craftdesk-sandbox", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        """Serve in the calling thread until Ctrl+C (or :meth:`stop` from another thread)."""
        server = self._bind()
        self._foreground = True
        try:
            server.serve_forever(poll_interval=0.5)  # Ctrl+C on Windows
        except KeyboardInterrupt:
            pass
        finally:
            self._foreground = False
            self._close()

    def stop(self) -> None:
        """Stop serving, close the socket and open connections, join the thread."""
        server = self._server
        if server is None:
            return
        if self._foreground:  # serve_forever() runs in another thread and closes on return
            server.shutdown()
            return
        if self._thread is not None:
            server.shutdown()
            self._thread.join(timeout=10)
            self._thread = None
        self._close()

    def _close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.server_close()
            server.close_connections()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(self, *exc_info: Any) -> None:
        self.stop()

    # -- request log
    def _record(self, record: RequestRecord) -> None:
        with self._requests_lock:
            self._requests.append(record)

    @property
    def requests(self) -> list[RequestRecord]:
        """Copy of the list of requests received so far (oldest first)."""
        with self._requests_lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._requests_lock:
            self._requests.clear()

    # -- persistence
    def save_state(self) -> None:
        """Write the data to ``state_file`` atomically (no-op without a state file)."""
        if self.state_file is None:
            return
        with self._save_lock:
            text = json.dumps(self.data.to_json(), ensure_ascii=False)
            self.state_file.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.state_file, text.encode("utf-8"))
