"""A benchmark server that is faster than the client: pre-serialised pages in their own process.

The demo sevDesk (``craftdesk.sandbox``) builds every answer in Python, so a benchmark
against it measures the server as much as the client. This front server runs in a child
process of the benchmark and answers from a table of finished response bodies (already
JSON-encoded and, when the client accepts it, gzip-compressed). A body is built once, on
the first request for that URL, by asking a demo sevDesk running behind it in the same
child process; the benchmark's warm-up round fills the table, so the measured rounds are
answered by a dictionary lookup and one socket write each. The server counts what it did
(requests, table misses, bytes, its own CPU seconds) so the benchmark can print that the
server spent far less CPU than the client it served.

Control endpoints (outside ``/api/v1``): ``GET /__bench/reset`` clears the request log and
the counters, ``GET /__bench/log`` returns them as JSON (``urls`` are the exact request
targets, in order).
"""

from __future__ import annotations

import gzip
import json
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Cache:
    def __init__(self, backend: str) -> None:
        self.backend = backend  # http://127.0.0.1:port (demo sevDesk, same process)
        self.bodies: dict[str, tuple[int, bytes, bytes]] = {}  # target -> status, plain, gzip
        self.lock = threading.Lock()
        self.log: list[str] = []
        self.misses = 0
        self.bytes_sent = 0
        self.cpu_mark = time.process_time()

    def answer(self, target: str, token: str) -> tuple[int, bytes, bytes]:
        with self.lock:
            self.log.append(target)
            found = self.bodies.get(target)
        if found is not None:
            return found
        request = urllib.request.Request(self.backend + target, headers={"Authorization": token})
        try:
            with urllib.request.urlopen(request, timeout=300) as response:
                status, body = response.status, response.read()
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read()
        entry = (status, body, gzip.compress(body, 6))
        with self.lock:
            self.misses += 1
            self.bodies[target] = entry
        return entry

    def reset(self) -> None:
        with self.lock:
            self.log = []
            self.misses = 0
            self.bytes_sent = 0
            self.cpu_mark = time.process_time()

    def report(self) -> dict[str, Any]:
        with self.lock:
            return {
                "urls": list(self.log),
                "misses": self.misses,
                "bytes": self.bytes_sent,
                "cpu": time.process_time() - self.cpu_mark,
            }


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    wbufsize = 1 << 20  # headers and body leave in one write
    cache: _Cache

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        if self.path.startswith("/__bench/"):
            if self.path == "/__bench/reset":
                self.cache.reset()
                self._send(200, b"{}", "identity")
            else:
                self._send(200, json.dumps(self.cache.report()).encode(), "identity")
            return
        status, plain, packed = self.cache.answer(self.path, self.headers.get("Authorization", ""))
        if "gzip" in (self.headers.get("Accept-Encoding") or ""):
            self._send(status, packed, "gzip")
        else:
            self._send(status, plain, "identity")

    def _send(self, status: int, body: bytes, encoding: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if encoding != "identity":
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        with self.cache.lock:
            self.cache.bytes_sent += len(body)


def serve(n_customers: int, n_parts: int, queue: Any, stop: Any) -> None:
    """Child process body: demo sevDesk behind, the fast table in front; puts the URL."""
    from craftdesk.sandbox import Sandbox, build_bulk_data

    backend = Sandbox(data=build_bulk_data(n_customers, n_parts)).start()
    base = backend.url.split("/api/v1")[0]
    handler = type("Handler", (_Handler,), {"cache": _Cache(base)})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    queue.put(f"http://127.0.0.1:{server.server_address[1]}")
    stop.wait()
    server.shutdown()
    backend.stop()
