"""The next request of a sweep, sent in a helper thread while the caller works on a page.

Only the bytes travel ahead: the caller decodes each page itself, so no more than the page
in hand is ever decoded, and sevDesk's answer time still overlaps the caller's work.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any

from .transport import Answer

Query = dict[str, Any]


class Ahead:
    """One request at a time, sent ahead in a helper thread that lives as long as the sweep.

    :meth:`start` sends a request in the helper; :meth:`take` returns its answer when the
    caller asks for the same request (or sends the request itself otherwise). An error of
    the request ahead is raised by :meth:`take`, in the caller's thread.
    """

    def __init__(self, send: Callable[[Query], Answer]) -> None:
        self._send = send
        self._inbox: queue.Queue[Query | None] = queue.Queue()
        self._outbox: queue.Queue[tuple[Answer | None, BaseException | None]] = queue.Queue()
        self._pending: Query | None = None
        self._thread: threading.Thread | None = None

    def start(self, query: Query) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="sevdesk-pages", daemon=True)
            self._thread.start()
        self._pending = query
        self._inbox.put(query)

    def take(self, query: Query) -> Answer:
        if self._pending is not None:
            pending, self._pending = self._pending, None
            answer, error = self._outbox.get()
            if pending == query:
                if error is not None:
                    raise error
                assert answer is not None
                return answer
        return self._send(query)

    def close(self) -> None:
        """End the helper; a request in flight is waited for (a cancel ends it quickly)."""
        if self._thread is not None:
            self._inbox.put(None)
            self._thread.join()
            self._thread = None

    def _run(self) -> None:
        while True:
            query = self._inbox.get()
            if query is None:
                return
            try:
                self._outbox.put((self._send(query), None))
            except BaseException as exc:  # handed to the caller, raised there
                self._outbox.put((None, exc))
