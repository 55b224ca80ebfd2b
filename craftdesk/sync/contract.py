"""What the views need from the sync controller, as a typed contract.

Tabs, dialogs, the tray and the main window are written against :class:`SyncControl`;
:class:`~craftdesk.sync.controller.SyncController` is the real one, and tests hand the
views a fake that satisfies the same contract (a test checks both). Views never probe
the controller with ``getattr``/``hasattr``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from PySide6.QtCore import SignalInstance

if TYPE_CHECKING:
    from ..api.client import SevdeskClient
    from ..context import AppContext
    from ..services.changes import Change, Scope

T = TypeVar("T")


@runtime_checkable
class ScheduleInfo(Protocol):
    """What views show of the recurring import (R1)."""

    @property
    def next_run_changed(self) -> SignalInstance: ...

    def next_run_at(self) -> datetime | None: ...

    def paused_reason(self) -> str | None: ...


@runtime_checkable
class SyncControl(Protocol):
    """The GUI thread's facade over the worker: state, signals and one job at a time."""

    ctx: AppContext
    scheduler: ScheduleInfo | None
    # Why the recurring import waits for the user (e.g. "question": a choice is open).
    hold_reason: str | None
    # The one sentence of the last failed job when sevDesk could not be reached or failed.
    reach_problem: str | None
    # Team mode: the database server cannot be reached; the views are read-only (T7).
    server_away: bool

    @property
    def data_changed(self) -> SignalInstance: ...  # a services.changes.Change (names coerced)

    @property
    def records_changed(self) -> SignalInstance: ...  # view, ids changed at another workstation (T6)

    @property
    def busy_changed(self) -> SignalInstance: ...  # bool

    @property
    def progress(self) -> SignalInstance: ...  # done, total, text

    @property
    def run_finished(self) -> SignalInstance: ...  # the import result, or None

    @property
    def connection_state_changed(self) -> SignalInstance: ...  # the new state

    @property
    def import_succeeded(self) -> SignalInstance: ...  # result, trigger

    @property
    def import_failed(self) -> SignalInstance: ...  # exception, trigger

    @property
    def auth_lost(self) -> SignalInstance: ...  # message (S3), once per transition

    @property
    def skipped(self) -> SignalInstance: ...  # trigger of a skipped import

    @property
    def server_state_changed(self) -> SignalInstance: ...  # bool: the database server reachable (T7)

    def is_busy(self) -> bool: ...

    def current_label(self) -> str: ...

    def has_token(self) -> bool: ...

    def sevdesk_enabled(self) -> bool: ...

    def connection_state(self) -> str: ...  # "connected" | "broken" | "disconnected" | "demo"

    def can_sync(self) -> bool: ...

    def set_enabled(self, enabled: bool) -> None: ...

    def set_server_away(self, away: bool) -> None: ...

    def mark_connected(self, user_name: str | None) -> None: ...

    def run_task(
        self,
        label: str,
        fn: Callable[[SevdeskClient], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        changes: Change | Scope | str | None = None,
        *,
        token: str | None = None,
    ) -> bool: ...

    def start_import(self, what: str = "all", trigger: str = "manual") -> bool: ...

    def cancel(self) -> None: ...

    def shutdown(self, timeout_ms: int = 15000) -> None: ...
