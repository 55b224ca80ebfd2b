"""Recurring import (R1) with an injectable clock, and the notification rules (R2)."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from craftdesk.api.errors import AuthError, CancelledError, UnreachableError
from craftdesk.context import AppContext, MemoryTokenStore
from craftdesk.services.settings import record_import_success, workstation_key
from craftdesk.store import settings
from craftdesk.store.db import close_database, open_database
from craftdesk.store.models import SyncRun
from craftdesk.sync.controller import SyncController
from craftdesk.sync.notifications import NotificationPolicy, describe_changes
from craftdesk.sync.scheduler import SyncScheduler

T0 = datetime(2026, 11, 26, 9, 0, tzinfo=timezone.utc)
TICK_MS = 60_000


class Clock:
    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


class FakeImport:
    """Stands in for services.importer.run_import; records calls, can fail or block."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.error: Exception | None = None
        self.gate: threading.Event | None = None

    def __call__(self, client, what, trigger, report):
        self.calls.append((what, trigger))
        if self.gate is not None:
            self.gate.wait(5)
        if self.error is not None:
            raise self.error
        record_import_success(what)  # like the import service: R1's clock
        return SimpleNamespace(collections={"customers": SimpleNamespace(created=1, updated=0, flagged=0)})


@pytest.fixture
def fake_import():
    return FakeImport()


@pytest.fixture
def controller(qtbot, data_dir, database, fake_import):
    ctx = AppContext(
        data_dir=data_dir,
        api_url="http://127.0.0.1:9/api/v1",
        tokens=MemoryTokenStore("a" * 32),
        db_open=True,
    )
    c = SyncController(ctx, import_fn=fake_import)
    yield c
    if fake_import.gate is not None:
        fake_import.gate.set()
    c.shutdown()


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def scheduler(controller, clock):
    s = SyncScheduler(controller, clock=clock, tick_ms=TICK_MS, first_tick_ms=-1)
    s.start()
    yield s
    s.stop()


def _last_success(minutes_ago: float, clock: Clock) -> None:
    settings.set("last_sync_success", (clock.now - timedelta(minutes=minutes_ago)).isoformat())


def _tick_and_finish(qtbot, scheduler, controller) -> bool:
    started = scheduler.tick()
    if started:
        qtbot.waitUntil(lambda: not controller.is_busy(), timeout=5000)
    return started


def test_R1_runs_when_interval_has_passed_since_last_success(
    qtbot, scheduler, controller, clock, fake_import
):
    _last_success(16, clock)
    assert _tick_and_finish(qtbot, scheduler, controller)
    # Customers and articles only, marked as scheduled; never projects.
    assert fake_import.calls == [("all", "scheduled")]


def test_R1_does_not_run_before_the_interval(qtbot, scheduler, controller, clock, fake_import):
    _last_success(5, clock)
    clock.advance(minutes=1)
    assert scheduler.tick() is False
    assert fake_import.calls == []
    assert scheduler.next_run_at() == clock.now - timedelta(minutes=6) + timedelta(minutes=15)


def test_R1_interval_is_configurable_and_first_run_is_immediate(
    qtbot, scheduler, controller, clock, fake_import
):
    assert _tick_and_finish(qtbot, scheduler, controller)  # never synced before
    settings.set("sync_interval_min", 30)
    _last_success(20, clock)
    clock.advance(minutes=1)
    assert scheduler.tick() is False
    clock.advance(minutes=10)
    assert _tick_and_finish(qtbot, scheduler, controller)
    assert len(fake_import.calls) == 2


def test_R1_catches_up_after_sleep(qtbot, scheduler, controller, clock, fake_import):
    _last_success(3, clock)
    clock.advance(minutes=1)
    assert scheduler.tick() is False
    clock.advance(minutes=9)  # the machine slept: the gap is far longer than a tick
    assert _tick_and_finish(qtbot, scheduler, controller)


def test_R1_skips_while_busy_and_records_the_skip(qtbot, scheduler, controller, clock, fake_import):
    fake_import.gate = threading.Event()
    _last_success(30, clock)
    assert controller.start_import("all", trigger="manual")
    clock.advance(minutes=1)
    assert scheduler.tick() is False
    fake_import.gate.set()
    qtbot.waitUntil(lambda: not controller.is_busy(), timeout=5000)
    assert [c[1] for c in fake_import.calls] == ["manual"]
    assert SyncRun.get(SyncRun.status == "skipped").trigger == "scheduled"


def test_R1_pauses_while_broken_or_switched_off(qtbot, scheduler, controller, clock, fake_import):
    settings.set(workstation_key("connection_broken"), True)
    assert scheduler.tick() is False
    assert scheduler.next_run_at() is None
    settings.set(workstation_key("connection_broken"), False)
    settings.set("sync_enabled", False)
    clock.advance(minutes=1)
    assert scheduler.tick() is False
    settings.set("sync_enabled", True)
    settings.set("sevdesk_enabled", False)
    clock.advance(minutes=1)
    assert scheduler.tick() is False
    assert fake_import.calls == []


def test_S3_401_pauses_the_recurring_import_until_a_new_token(
    qtbot, scheduler, controller, clock, fake_import
):
    fake_import.error = AuthError("abgelehnt")
    assert _tick_and_finish(qtbot, scheduler, controller)
    assert controller.connection_state() == "broken"
    fake_import.error = None
    clock.advance(hours=2)
    assert scheduler.tick() is False
    controller.mark_connected("Anna Becker")
    clock.advance(minutes=1)
    assert _tick_and_finish(qtbot, scheduler, controller)


def test_R1_backs_off_after_failures_and_resets_on_success(qtbot, scheduler, controller, clock, fake_import):
    fake_import.error = UnreachableError("offline")
    assert _tick_and_finish(qtbot, scheduler, controller)  # failure 1 → wait 1 min
    clock.advance(seconds=30)
    assert scheduler.tick() is False
    clock.advance(seconds=31)
    assert _tick_and_finish(qtbot, scheduler, controller)  # failure 2 → wait 2 min
    clock.advance(minutes=1, seconds=1)
    assert scheduler.tick() is False
    clock.advance(minutes=1)
    fake_import.error = None
    assert _tick_and_finish(qtbot, scheduler, controller)  # success
    assert scheduler.failures == 0 and scheduler.backoff_until is None
    assert len(fake_import.calls) == 3


def test_R1_timer_ticks_by_itself(qtbot, controller, clock, fake_import):
    scheduler = SyncScheduler(controller, clock=clock, tick_ms=20, first_tick_ms=-1)
    scheduler.start()
    try:
        qtbot.waitUntil(lambda: fake_import.calls == [("all", "scheduled")], timeout=3000)
    finally:
        scheduler.stop()


# -- R2 notifications -----------------------------------------------------------------------


class Today:
    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def test_R2_error_notice_at_most_once_per_day_also_across_restart(data_dir, database):
    today = Today(date(2026, 11, 26))
    policy = NotificationPolicy(today=today)
    error = UnreachableError("sevDesk ist nicht erreichbar.")
    first = policy.on_failure(error, "scheduled")
    assert first is not None and "nicht erreichbar" in first.text
    assert policy.on_failure(error, "scheduled") is None
    # A restart: database closed and opened again, a new policy object.
    close_database()
    open_database(data_dir / "craftdesk.sqlite3")
    restarted = NotificationPolicy(today=today)
    assert restarted.on_failure(error, "scheduled") is None
    today.day = date(2026, 11, 27)
    assert restarted.on_failure(error, "scheduled") is not None


def test_R2_manual_cancelled_and_switched_off_failures_give_no_tray_notice(database):
    policy = NotificationPolicy(today=lambda: date(2026, 11, 26))
    assert policy.on_failure(UnreachableError("x"), "manual") is None  # a dialog explains it
    assert policy.on_failure(CancelledError("x"), "scheduled") is None
    settings.set("notify_errors", False)
    assert policy.on_failure(UnreachableError("x"), "scheduled") is None
    assert settings.get("last_error_notice_day") is None


def _result(customers=(0, 0), articles=(0, 0)):
    def counts(created, updated):
        return SimpleNamespace(created=created, updated=updated, unchanged=5, flagged=0)

    return SimpleNamespace(collections={"customers": counts(*customers), "articles": counts(*articles)})


def test_R2_success_notice_says_what_changed(database):
    policy = NotificationPolicy()
    notice = policy.on_success(_result(customers=(3, 0), articles=(0, 2)), "scheduled")
    assert notice is not None and notice.text == "3 Kunden neu, 2 Artikel geändert"
    assert describe_changes(_result(customers=(1, 1))) == "1 Kunde neu, 1 Kunde geändert"
    assert policy.on_success(_result(), "scheduled") is None  # nothing changed: nothing said
    settings.set("notify_success", False)
    assert policy.on_success(_result(customers=(3, 0)), "scheduled") is None


def test_R1_stop_also_cancels_the_pending_first_tick(qtbot, controller, clock, fake_import):
    _last_success(60, clock)
    s = SyncScheduler(controller, clock=clock, tick_ms=10_000, first_tick_ms=30)
    s.start()
    s.stop()
    qtbot.wait(120)
    assert fake_import.calls == []


def test_R1_a_database_error_in_a_tick_is_logged_not_raised(qtbot, controller, clock, monkeypatch, caplog):
    import sqlite3

    s = SyncScheduler(controller, clock=clock, tick_ms=10_000, first_tick_ms=-1)

    def broken() -> bool:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(s, "tick", broken)
    s._safe_tick()  # no exception escapes into Qt's event loop
    assert "database is locked" in caplog.text
