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
    """Satisfies ``craftdesk.sync.contract.SyncControl`` (checked by test_controller_contract)."""

    data_changed = Signal(object)  # services.changes.Change (names are coerced)
    records_changed = Signal(str, object)
    busy_changed = Signal(bool)
    progress = Signal(int, int, object)
    run_finished = Signal(object)
    connection_state_changed = Signal(str)
    import_succeeded = Signal(object, str)
    import_failed = Signal(object, str)
    auth_lost = Signal(str)
    skipped = Signal(str)
    server_state_changed = Signal(bool)

    def __init__(
        self, ctx: Any = None, url: str | None = None, token: str | None = None, defer: bool = False
    ) -> None:
        super().__init__()
        self.ctx = ctx
        self._url = url or (ctx.api_url if ctx is not None else None)
        self._token = token or (ctx.token() if ctx is not None else None)
        self.defer = defer
        self.pending: list[tuple[Callable[[SevdeskClient], Any], Any, Any, str | None, str | None]] = []
        self.labels: list[str] = []
        self.refused = 0
        self._busy = False
        self.scheduler: Any = None
        self.hold_reason: str | None = None
        self.reach_problem: str | None = None
        self.server_away = False
        self.state = "connected"  # what connection_state() answers
        self.tokens_tested: list[str] = []

    def is_busy(self) -> bool:
        return self._busy

    def current_label(self) -> str:
        return self.labels[-1] if self._busy and self.labels else ""

    def has_token(self) -> bool:
        return bool(self._token)

    def sevdesk_enabled(self) -> bool:
        return self.state != "disconnected"

    def connection_state(self) -> str:
        return self.state

    def can_sync(self) -> bool:
        return self.state in ("connected", "demo")

    def set_enabled(self, enabled: bool) -> None:
        self.state = "connected" if enabled else "disconnected"
        self.connection_state_changed.emit(self.state)

    def set_server_away(self, away: bool) -> None:
        if away != self.server_away:
            self.server_away = away
            self.server_state_changed.emit(not away)

    def mark_connected(self, user_name: str | None) -> None:
        self.state = "connected"
        self.connection_state_changed.emit(self.state)

    def run_task(
        self,
        label: str,
        fn: Callable[[SevdeskClient], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        changes: str | None = None,
        *,
        token: str | None = None,
    ) -> bool:
        if self._busy:
            self.refused += 1
            return False
        if token is not None:
            self.tokens_tested.append(token)
        self.labels.append(label)
        self._busy = True
        self.busy_changed.emit(True)
        job = (fn, on_success, on_failure, changes, token)
        if self.defer:
            self.pending.append(job)
        else:
            self._run(job)
        return True

    def finish_pending(self) -> None:
        while self.pending:
            self._run(self.pending.pop(0))

    def _run(self, job: tuple[Callable[[SevdeskClient], Any], Any, Any, str | None, str | None]) -> None:
        fn, on_success, on_failure, changes, token = job
        client = SevdeskClient(self._url, token or self._token, backoff_base=0.01, backoff_max=0.05)
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

    def shutdown(self, timeout_ms: int = 15000) -> None:
        pass


def shown_board(qtbot, monday, *, active: bool = False):
    """A planning board of the week of ``monday`` on screen (active: with the focus)."""
    from craftdesk.ui.planning_board import PlanningBoard

    widget = PlanningBoard()
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show_week(monday)
    widget.show()
    qtbot.waitExposed(widget)
    if active:
        with qtbot.waitActive(widget):
            widget.activateWindow()
    return widget
