"""Fault injection for the demo sevDesk server (used by tests and benchmarks)."""

from __future__ import annotations

import threading
from dataclasses import dataclass

KINDS = ("status", "delay", "drop", "commit_then_drop", "malformed")


@dataclass
class Fault:
    """One fault rule.

    ``path`` is compared with the request path after ``/api/v1`` (plus the query string):
    it matches the same path, or that path followed by ``/`` or ``?``.  So ``/Contact``
    matches ``/Contact``, ``/Contact/12`` and ``/Contact?depth=1`` but not
    ``/ContactAddress``.  ``path=None`` matches every path, ``method=None`` every method.
    ``times`` is how many matching requests are affected (None = all of them).
    """

    path: str | None
    method: str | None
    kind: str
    status: int = 500
    retry_after: float | int | None = None
    seconds: float = 1.0
    times: int | None = 1
    hits: int = 0

    def matches(self, method: str, target: str) -> bool:
        if self.method is not None and self.method.upper() != method.upper():
            return False
        if self.path is None:
            return True
        if not target.startswith(self.path):
            return False
        rest = target[len(self.path) :]
        return rest == "" or rest[0] in "/?" or self.path.endswith(("/", "?"))

    @property
    def exhausted(self) -> bool:
        return self.times is not None and self.hits >= self.times


class FaultInjector:
    """Thread-safe list of fault rules; the first matching, not exhausted rule wins."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []

    def add(
        self,
        path: str | None = None,
        method: str | None = None,
        kind: str = "status",
        *,
        status: int = 500,
        retry_after: float | int | None = None,
        seconds: float = 1.0,
        times: int | None = 1,
    ) -> Fault:
        """Register a fault; see :class:`Fault` for the meaning of the arguments.

        kinds: ``status`` (answer ``status`` with an error body, Retry-After header when
        ``retry_after`` is set), ``delay`` (wait ``seconds``, then answer normally),
        ``drop`` (close the connection without an answer), ``commit_then_drop`` (process
        the request, then close without an answer), ``malformed`` (200 with broken JSON).
        """
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {', '.join(KINDS)}")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for always)")
        if path is not None and not path.startswith("/"):
            path = "/" + path
        fault = Fault(
            path=path,
            method=method.upper() if method else None,
            kind=kind,
            status=int(status),
            retry_after=retry_after,
            seconds=float(seconds),
            times=times,
        )
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def take(self, method: str, target: str) -> Fault | None:
        """Find the fault for a request and count it as used (None when none applies)."""
        with self._lock:
            for fault in self._faults:
                if not fault.exhausted and fault.matches(method, target):
                    fault.hits += 1
                    return fault
        return None

    @property
    def active(self) -> list[Fault]:
        with self._lock:
            return [f for f in self._faults if not f.exhausted]

    def __len__(self) -> int:
        return len(self.active)
