"""A stand-in for the sync controller in tab tests.

``run_task`` runs ``fn`` synchronously with a real SevdeskClient on the sandbox, then the
callbacks, like the real controller does on the GUI thread. With ``defer=True`` jobs wait
in ``pending`` until :meth:`FakeController.finish_pending` runs them, so a test can act while
a job is "running" (e.g. click a button a second time).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from craftdesk.api.client import SevdeskClient


class FakeController(QObject):
    data_changed = Signal(object)  # services.changes.Change (names are coerced)
    busy_changed = Signal(bool)
    progress = Signal(int, int, str)
    run_finished = Signal(object)
    connection_state_changed = Signal(str)

    def __init__(self, ctx: Any = None, url: str | None = None, token: str | None = None,
                 defer: bool = False) -> None:
        super().__init__()
        self.ctx = ctx
        self._url = url or (ctx.api_url if ctx is not None else None)
        self._token = token or (ctx.token() if ctx is not None else None)
        self.defer = defer
        self.pending: list[tuple[Callable[[SevdeskClient], Any], Any, Any, str | None]] = []
        self.labels: list[str] = []
        self.refused = 0
        self._busy = False

    def is_busy(self) -> bool:
        return self._busy

    def run_task(self, label: str, fn: Callable[[SevdeskClient], Any],
                 on_success: Callable[[Any], None] | None = None,
                 on_failure: Callable[[Exception], None] | None = None,
                 changes: str | None = None) -> bool:
        if self._busy:
            self.refused += 1
            return False
        self.labels.append(label)
        self._busy = True
        self.busy_changed.emit(True)
        job = (fn, on_success, on_failure, changes)
        if self.defer:
            self.pending.append(job)
        else:
            self._run(job)
        return True

    def finish_pending(self) -> None:
        while self.pending:
            self._run(self.pending.pop(0))

    def _run(self, job: tuple[Callable[[SevdeskClient], Any], Any, Any, str | None]) -> None:
        fn, on_success, on_failure, changes = job
        client = SevdeskClient(self._url, self._token, backoff_base=0.01, backoff_max=0.05)
        try:
            result = fn(client)
        except Exception as exc:
            self._busy = False
            self.busy_changed.emit(False)
            if on_failure is None:
                raise
            on_failure(exc)
            return
        finally:
            client.close()
        self._busy = False
        self.busy_changed.emit(False)
        if on_success is not None:
            on_success(result)
        if changes:
            self.data_changed.emit(changes)

    def start_import(self, what: str = "all", trigger: str = "manual") -> bool:
        return False

    def cancel(self) -> None:
        pass

    def shutdown(self) -> None:
        pass
