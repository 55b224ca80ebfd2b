"""The controller: the GUI thread's facade over the worker thread.

Widgets call :meth:`SyncController.run_task` / :meth:`start_import`; the controller reads
the token and settings on the GUI thread, builds a fresh :class:`SevdeskClient` per job
(with its own cancel flag) and queues the job to the single worker. Results come back as
signals and callbacks on the GUI thread. One job at a time: a second request is refused,
and an overlapping scheduled import is recorded as a skipped run.
"""

from __future__ import annotations

import copy
import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from ..api.client import AUTH_MESSAGE, SevdeskClient
from ..api.errors import AuthError, CancelledError, ServerError, SevdeskError, UnreachableError
from ..context import NO_TOKEN_MESSAGE, AppContext
from ..services import settings
from ..services.changes import EVERYTHING, Change, Scope
from ..services.sync_runs import record_skipped_run
from .contract import ScheduleInfo
from .worker import Job, Reporter, Worker

log = logging.getLogger(__name__)

T = TypeVar("T")

# What may have changed when an import of a collection failed part-way.
CHANGES_OF_IMPORT = {
    "customers": Change(Scope.CUSTOMERS),
    "articles": Change(Scope.ARTICLES),
    "all": EVERYTHING,
}


def run_import_job(client: SevdeskClient, what: str, trigger: str, report: Reporter) -> Any:
    """The import itself (worker thread); imported late so the GUI starts without it."""
    from ..services.importer import run_import

    return run_import(client, what=what, trigger=trigger, progress=report)


class SyncController(QObject):
    """See the GUI contract: signals for views, run_task for sevDesk work, one job at a time."""

    data_changed = Signal(object)  # services.changes.Change: what to show anew
    records_changed = Signal(str, object)  # view, ids changed at another workstation (T6)
    busy_changed = Signal(bool)
    progress = Signal(int, int, object)  # done, total, text (a craftdesk.messages.Message)
    run_finished = Signal(object)  # ImportResult or None (after an import)
    connection_state_changed = Signal(str)  # "connected" | "broken" | "disconnected" | "demo"
    # Shell-only extras (scheduler, notifications, dialogs):
    import_succeeded = Signal(object, str)  # ImportResult, trigger
    import_failed = Signal(object, str)  # exception, trigger (CancelledError when cancelled)
    auth_lost = Signal(str)  # emitted once when the connection turns broken (S3)
    skipped = Signal(str)  # trigger of an import that was skipped because another job ran
    server_state_changed = Signal(bool)  # team mode: the database server reachable (T7)

    _submit = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        parent: QObject | None = None,
        import_fn: Callable[[SevdeskClient, str, str, Reporter], Any] = run_import_job,
        client_options: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._import_fn = import_fn
        self._client_options = dict(client_options or {})
        self._ids = itertools.count(1)
        self._job: Job | None = None
        self._callbacks: (
            tuple[
                Callable[[Any], None] | None,
                Callable[[Exception], None] | None,
                Change | Scope | str | None,
                bool,
            ]
            | None
        ) = None
        self._import: tuple[str, str] | None = None  # (what, trigger) of the running import
        self._stopped = False
        self.server_away = False  # team mode: the database server cannot be reached (T7)
        self._broken_at_start = False
        self.scheduler: ScheduleInfo | None = None  # set by SyncScheduler (views show the next run)
        # Why the recurring import waits for the user (e.g. "question": the part category
        # choice of the first connect is open, A1a); None when it need not wait.
        self.hold_reason: str | None = None
        self._connect_first: Any = None  # result of a connect's customers run
        # The one sentence of the last failed sevDesk job when sevDesk could not be reached
        # or failed (not a rejected token); None after a job that reached sevDesk.
        self.reach_problem: str | None = None

        self._thread = QThread(self)
        self._thread.setObjectName("craftdesk-worker")
        self._worker = Worker()
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._submit.connect(self._worker.run)
        self._worker.job_done.connect(self._on_job_done)
        self._worker.job_progress.connect(self._on_job_progress)
        self._thread.start()

    # -- state ---------------------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._job is not None

    def current_label(self) -> str:
        return self._job.label if self._job else ""

    def has_token(self) -> bool:
        try:
            return bool(self.ctx.tokens.get())
        except Exception:  # a broken keyring must not crash the GUI
            log.warning("Reading the token failed", exc_info=True)
            return False

    def sevdesk_enabled(self) -> bool:
        """The "sevDesk" checkbox; before it was ever set, a stored token counts as enabled."""
        choice = settings.sevdesk_enabled_choice()
        return self.has_token() if choice is None else choice

    def is_broken(self) -> bool:
        return settings.connection_broken()

    def set_reach_problem(self, message: str | None) -> None:
        """Remember whether sevDesk answered the last job; views follow the state signal."""
        if message != self.reach_problem:
            self.reach_problem = message
            self.connection_state_changed.emit(self.connection_state())

    def set_server_away(self, away: bool) -> None:
        """Team mode (T7): while the server is away no job starts and the views are read-only."""
        if away != self.server_away:
            self.server_away = away
            self.server_state_changed.emit(not away)

    def connection_state(self) -> str:
        if self.is_broken():
            return "broken"
        if not self.has_token() or not self.sevdesk_enabled():
            return "disconnected"
        return "demo" if self.ctx.demo else "connected"

    def can_sync(self) -> bool:
        """Whether a background import may run now (token present, enabled, not broken)."""
        return self.connection_state() in ("connected", "demo")

    def mark_broken(self, message: str = AUTH_MESSAGE, was_broken: bool | None = None) -> None:
        """S3: remember the rejected token; the prompt is shown once, on the transition.

        ``was_broken`` is the state when the failed job started (the import service has
        already stored the broken flag itself by the time its failure arrives).
        """
        if was_broken is None:
            was_broken = self.is_broken()
        settings.set_connection_broken(True)
        self.connection_state_changed.emit("broken")
        if not was_broken:
            self.auth_lost.emit(message)

    def mark_connected(self, user_name: str | None) -> None:
        """A token was tested and stored: clear S3 and resume the recurring import."""
        settings.record_connected(user_name)
        self.connection_state_changed.emit(self.connection_state())

    def set_enabled(self, enabled: bool) -> None:
        settings.set_sevdesk_enabled(enabled)
        self.connection_state_changed.emit(self.connection_state())

    # -- running work --------------------------------------------------------------------
    def run_task(
        self,
        label: str,
        fn: Callable[[SevdeskClient], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        changes: Change | Scope | str | None = None,
        *,
        token: str | None = None,
    ) -> bool:
        """Run ``fn(client)`` on the worker; callbacks run on the GUI thread.

        Returns False (and does nothing) when another job runs. When no job can be built
        (no token stored), ``on_failure`` is called soon after with the reason. ``token``
        tests a token that is not stored yet (S1): a 401 then does not mark the stored
        connection broken.
        """
        return self._start(
            label, lambda client, _report: fn(client), on_success, on_failure, changes, token=token
        )

    def start_import(self, what: str = "all", trigger: str = "manual") -> bool:
        """Queue an import run; False when another job runs (a scheduled one is then recorded
        as skipped, R1/habit 2) or when there is nothing to connect with."""
        if self.is_busy():
            if trigger == "scheduled":
                self._record_skipped(what, trigger)
            return False
        import_fn = self._import_fn

        def job(client: SevdeskClient, report: Reporter) -> Any:
            return import_fn(client, what, trigger, report)

        self._import = (what, trigger)
        started = self._start(f"import:{what}", job, None, None, None, is_import=True)
        if not started:
            self._import = None
        return started

    def cancel(self) -> None:
        """Cooperative cancel: the client stops before its next request or page."""
        if self._job is not None:
            self._job.cancel_event.set()

    def shutdown(self, timeout_ms: int = 15000) -> None:
        """On quit: cancel the running job, stop the thread and wait for it."""
        if self._stopped:
            return
        self._stopped = True
        self.cancel()
        self._thread.quit()
        if not self._thread.wait(timeout_ms):
            log.warning("The worker thread did not stop within %s ms", timeout_ms)

    # -- internals -----------------------------------------------------------------------
    def _start(
        self,
        label: str,
        fn: Callable[[SevdeskClient, Reporter], Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[Exception], None] | None,
        changes: Change | Scope | str | None,
        *,
        token: str | None = None,
        is_import: bool = False,
    ) -> bool:
        if self.is_busy() or self._stopped or self.server_away:
            return False  # server away (T7): nothing starts that would write
        cancel_event = threading.Event()
        try:
            # Prepared here, on the GUI thread: the worker never touches the keyring.
            use_token = token if token is not None else self.ctx.tokens.get()
            if not use_token:
                raise AuthError(NO_TOKEN_MESSAGE)
            client = self.ctx.client(token=use_token, cancel_event=cancel_event, **self._client_options)
        except (AuthError, ValueError) as exc:
            error: Exception = exc
            if is_import:
                trigger = self._import[1] if self._import else "manual"
                QTimer.singleShot(0, lambda: self._finish_import_failure(error, trigger))
            elif on_failure is not None:
                QTimer.singleShot(0, lambda: on_failure(error))
            return not is_import and on_failure is not None
        job = Job(next(self._ids), label, fn, client, cancel_event)
        self._job = job
        self._broken_at_start = self.is_broken()
        self._callbacks = (on_success, on_failure, changes, token is not None)
        self.busy_changed.emit(True)
        self._submit.emit(job)
        return True

    @Slot(int, int, int, object)
    def _on_job_progress(self, job_id: int, done: int, total: int, text: str) -> None:
        if self._job is not None and self._job.id == job_id:
            self.progress.emit(done, total, text)

    @Slot(int, object, object)
    def _on_job_done(self, job_id: int, result: Any, error: Any) -> None:
        if self._job is None or self._job.id != job_id:
            return
        callbacks = self._callbacks
        import_info = self._import
        self._job = None
        self._callbacks = None
        self._import = None
        self.busy_changed.emit(False)
        on_success, on_failure, changes, testing_token = callbacks or (None, None, None, False)
        if import_info is not None:
            if error is None:
                self._finish_import_success(result, *import_info)
            else:
                self._finish_import_failure(error, import_info[1])
            return
        self._note_reach(error)
        if error is None:
            if on_success is not None:
                on_success(result)
            if changes:
                self.data_changed.emit(Change.coerce(changes))
            return
        if isinstance(error, AuthError) and not testing_token:
            self.mark_broken(error.message, self._broken_at_start)
        if on_failure is not None:
            on_failure(error)

    def _finish_import_success(self, result: Any, what: str, trigger: str) -> None:
        # The import service has recorded the run and R1's clock (importer.record_import_success).
        result = self._connect_step(result, what, trigger)
        self.set_reach_problem(None)
        self.run_finished.emit(result)
        change = getattr(result, "change", None)  # an ImportResult names the rows it wrote
        change = change if isinstance(change, Change) else CHANGES_OF_IMPORT.get(what, EVERYTHING)
        if change:  # an import that changed nothing refreshes nothing
            self.data_changed.emit(change)
        self.import_succeeded.emit(result, trigger)

    def _finish_import_failure(self, error: Exception, trigger: str = "manual") -> None:
        if isinstance(error, AuthError) and self.has_token():
            self.mark_broken(error.message, self._broken_at_start)
        self._note_reach(error)
        self.run_finished.emit(None)
        from ..services.importer import ImportRunningError

        if isinstance(error, ImportRunningError) and trigger != "manual":
            # H7: another window or command is importing into this database; the recurring
            # import simply comes again, without a failure notice.
            log.info("Recurring import skipped: %s", error.message)
            return
        if not isinstance(error, CancelledError):
            # A failed run may still have committed a whole collection before it stopped.
            self.data_changed.emit(EVERYTHING)
        self.import_failed.emit(error, trigger)

    def _connect_step(self, result: Any, what: str, trigger: str) -> Any:
        """A connect imports customers, then articles: the second run reports both, so the
        status line and the notice name the customers too (not only the articles)."""
        if trigger != "connect":
            return result
        if what == "customers":
            self._connect_first = result
            return result
        first, self._connect_first = self._connect_first, None
        first_counts = getattr(first, "collections", None)
        if what == "articles" and isinstance(first_counts, dict) and hasattr(result, "collections"):
            merged = copy.copy(result)
            merged.collections = {**first_counts, **result.collections}
            return merged
        return result

    def _note_reach(self, error: Exception | None) -> None:
        """An unreachable or failing sevDesk is remembered until a job reaches it again. A
        job that sevDesk answered (even unreadably) or that was cancelled clears it: the
        status must not name an older failure beside the newer outcome."""
        if isinstance(error, (UnreachableError, ServerError)):
            self.set_reach_problem(str(getattr(error, "message", "") or error))
        elif error is None or isinstance(error, SevdeskError):
            self.set_reach_problem(None)

    def _record_skipped(self, what: str, trigger: str) -> None:
        record_skipped_run(what, trigger)
        self.skipped.emit(trigger)
