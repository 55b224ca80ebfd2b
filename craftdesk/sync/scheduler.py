"""Recurring import (R1): run by elapsed time, not by trusting a timer.

A QTimer ticks every minute; each tick asks "is an import due?": the recurring import is
on, sevDesk is connected (token present, not broken by a 401), no back-off is pending, and
the interval has passed since the last success (``last_sync_success`` in the settings, so it
survives restarts). A gap between ticks much longer than the tick means the computer slept:
the run is caught up at once. Failures back off 1, 2, 4 … 60 minutes; a success resets it.
The recurring import covers customers and articles only — never projects (O1).

Team mode (T3): with a ``leadership`` (server database) only the workstation holding it
runs the recurring import; the others show which computer does and ask again every tick,
so they take over when it stops.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from peewee import PeeweeException
from PySide6.QtCore import QObject, QTimer, Signal

from ..api.errors import CancelledError
from ..clock import utcnow
from ..services import settings
from .controller import SyncController

log = logging.getLogger(__name__)

TICK_MS = 60_000
FIRST_TICK_MS = 3_000  # shortly after start: catch up what was missed while the app was closed
MAX_BACKOFF_MIN = 60
RECURRING_WHAT = "all"  # customers + articles


class SyncScheduler(QObject):
    """Decides when the controller runs the recurring import."""

    next_run_changed = Signal()

    def __init__(
        self,
        controller: SyncController,
        clock: Callable[[], datetime] = utcnow,
        tick_ms: int = TICK_MS,
        first_tick_ms: int = FIRST_TICK_MS,
        parent: QObject | None = None,
        leadership: Any = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.leadership = leadership  # services.team.ImportLeadership in team mode
        self.clock = clock
        self.tick_ms = tick_ms
        self.first_tick_ms = first_tick_ms
        self.failures = 0
        self.backoff_until: datetime | None = None
        self._last_tick: datetime | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._safe_tick)
        # A timer of our own (not QTimer.singleShot) so that stop() also cancels it.
        self._first_timer = QTimer(self)
        self._first_timer.setSingleShot(True)
        self._first_timer.timeout.connect(self._safe_tick)
        controller.import_succeeded.connect(self._on_success)
        controller.import_failed.connect(self._on_failure)
        controller.connection_state_changed.connect(lambda _state: self.next_run_changed.emit())
        # Remember that the scheduler exists, so views can show the next run.
        controller.scheduler = self

    # -- lifecycle -----------------------------------------------------------------------
    def start(self) -> None:
        self._last_tick = self.clock()
        self._timer.start()
        if self.first_tick_ms >= 0:
            self._first_timer.start(self.first_tick_ms)

    def stop(self) -> None:
        self._timer.stop()
        self._first_timer.stop()
        if self.leadership is not None:
            self.leadership.release()

    def running_elsewhere(self) -> str | None:
        """The computer that runs the recurring import instead of this one (T3)."""
        return None if self.leadership is None else self.leadership.elsewhere

    def _safe_tick(self) -> None:
        # A timer callback must not raise: a locked or unreadable database is logged and the
        # next tick tries again, instead of an error dialog every minute.
        try:
            self.tick()
        except (PeeweeException, sqlite3.Error) as exc:
            log.warning("Scheduler tick skipped: %s", exc)

    # -- decisions -----------------------------------------------------------------------
    def interval(self) -> timedelta:
        try:
            minutes = settings.sync_interval_min()
        except (TypeError, ValueError):
            minutes = settings.DEFAULT_INTERVAL_MIN
        return timedelta(minutes=max(1, minutes))

    def enabled(self) -> bool:
        return settings.sync_enabled()

    def last_success(self) -> datetime | None:
        return settings.last_sync_success()

    def paused_reason(self) -> str | None:
        """Why no recurring import runs now (None when it may run)."""
        reason = self._own_pause()
        if reason is None and self.running_elsewhere():
            return "elsewhere"
        return reason

    def _own_pause(self) -> str | None:
        if not self.enabled():
            return "off"
        state = self.controller.connection_state()
        if state == "broken":
            return "broken"
        if state == "disconnected":
            return "disconnected"
        hold = self.controller.hold_reason
        return str(hold) if hold else None

    def next_run_at(self) -> datetime | None:
        """When the next recurring import is expected (None while paused)."""
        if self.paused_reason():
            return None
        last = self.last_success()
        due = last + self.interval() if last else self.clock()
        if self.backoff_until and self.backoff_until > due:
            due = self.backoff_until
        return due

    def tick(self) -> bool:
        """One check; returns True when an import was started."""
        now = self.clock()
        previous, self._last_tick = self._last_tick, now
        slept = previous is not None and (now - previous) > timedelta(milliseconds=2 * self.tick_ms)
        if self._own_pause():
            if self.leadership is not None:
                self.leadership.release()  # a workstation that does not import lets others
            return False
        if self.leadership is not None:
            before = self.leadership.elsewhere
            leading = self.leadership.claim()
            if self.leadership.elsewhere != before:
                self.next_run_changed.emit()
            if not leading:
                return False
        if slept:
            # After sleep the network is back: try once now, whatever the back-off said.
            log.info("Clock gap since the last tick at %s: catching up", previous)
            self.backoff_until = None
        elif self.backoff_until and now < self.backoff_until:
            return False
        last = self.last_success()
        due = slept or last is None or now - last >= self.interval()
        if not due:
            return False
        started = self.controller.start_import(RECURRING_WHAT, trigger="scheduled")
        if started:
            log.info("Recurring import started")
        return started

    # -- results -------------------------------------------------------------------------
    def _on_success(self, _result: object, _trigger: str) -> None:
        self.failures = 0
        self.backoff_until = None
        self.next_run_changed.emit()

    def _on_failure(self, error: Exception, trigger: str) -> None:
        if isinstance(error, CancelledError) or trigger == "manual":
            return
        self.failures += 1
        minutes = min(2 ** (self.failures - 1), MAX_BACKOFF_MIN)
        self.backoff_until = self.clock() + timedelta(minutes=minutes)
        log.info("Recurring import failed (%s in a row); next try in %s min", self.failures, minutes)
        self.next_run_changed.emit()
