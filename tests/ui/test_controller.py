"""SyncController + worker thread against the demo sevDesk (R4, habits 1–3, S3)."""

from __future__ import annotations

import threading

import pytest

from craftdesk.api.errors import AuthError, CancelledError
from craftdesk.context import AppContext, MemoryTokenStore
from craftdesk.services.changes import Change, Scope
from craftdesk.services.settings import workstation_key
from craftdesk.store import settings
from craftdesk.store.models import Article, Customer, SyncRun
from craftdesk.sync.controller import SyncController

FAST = {"backoff_base": 0.01, "backoff_max": 0.05}


@pytest.fixture
def controller(qtbot, ctx):
    c = SyncController(ctx, client_options=FAST)
    yield c
    c.shutdown()


def test_R4_import_runs_on_worker_with_progress(qtbot, controller, sandbox):
    progress: list[tuple[int, int, str]] = []
    changed: list[Change] = []
    controller.progress.connect(lambda d, t, s: progress.append((d, t, s)))
    controller.data_changed.connect(changed.append)
    with qtbot.waitSignal(controller.busy_changed, timeout=5000) as busy:
        assert controller.start_import("all")
    assert busy.args == [True]
    with qtbot.waitSignal(controller.run_finished, timeout=20000) as finished:
        pass
    result = finished.args[0]
    assert result is not None and result.created > 0
    assert Customer.select().count() == result.collections["customers"].created
    assert progress, "the progress signal carried the import's pages"
    # A typed change naming every row the import wrote (nothing else reloads).
    [change] = changed
    assert change.ids(Scope.CUSTOMERS) == {c.id for c in Customer.select()}
    assert change.ids(Scope.ARTICLES) == {a.id for a in Article.select()}
    assert not change.concerns(Scope.PROJECTS)
    assert not controller.is_busy()
    run = SyncRun.get_by_id(result.run_id)
    assert run.status == "ok" and run.trigger == "manual"
    assert settings.get("last_sync_success")


def test_R4_cancel_stops_between_pages_and_records_cancelled(qtbot, controller, sandbox):
    # The contact page is slow, so the cancel arrives while the run is still fetching.
    sandbox.faults.add(path="/Contact", method="GET", kind="delay", seconds=1.0, times=1)
    controller.progress.connect(lambda *_: controller.cancel())
    failures: list[tuple[Exception, str]] = []
    controller.import_failed.connect(lambda e, t: failures.append((e, t)))
    assert controller.start_import("all")
    with qtbot.waitSignal(controller.run_finished, timeout=20000) as finished:
        pass
    assert finished.args == [None]
    assert isinstance(failures[0][0], CancelledError)
    assert Customer.select().count() == 0
    run = SyncRun.select().order_by(SyncRun.id.desc()).get()
    assert run.status == "cancelled"
    # Nothing after the slow page was asked for.
    assert not [r for r in sandbox.requests if r.path.startswith("/api/v1/ContactAddress")]


def test_run_task_runs_fn_on_worker_and_callbacks_on_gui_thread(qtbot, controller):
    threads: dict[str, threading.Thread] = {}

    def fn(client):
        threads["fn"] = threading.current_thread()
        return client.get("/SevUser")

    def ok(users):
        threads["ok"] = threading.current_thread()

    changed: list[Change] = []
    controller.data_changed.connect(changed.append)
    assert controller.run_task("users", fn, on_success=ok, changes="projects")
    qtbot.waitUntil(lambda: "ok" in threads, timeout=5000)
    assert threads["fn"] is not threading.main_thread()
    assert threads["ok"] is threading.main_thread()
    assert changed == [Change(Scope.PROJECTS)]


def test_one_job_at_a_time_and_scheduled_overlap_is_recorded_skipped(qtbot, controller, sandbox):
    sandbox.faults.add(path="/Category", method="GET", kind="delay", seconds=0.5, times=1)
    assert controller.start_import("all", trigger="manual")
    assert controller.is_busy()
    assert controller.run_task("second", lambda c: None) is False
    assert controller.start_import("all", trigger="scheduled") is False
    skipped = SyncRun.get(SyncRun.status == "skipped")
    assert skipped.trigger == "scheduled"
    with qtbot.waitSignal(controller.run_finished, timeout=20000):
        pass
    assert SyncRun.select().where(SyncRun.status == "ok").count() == 1


def test_S3_401_in_background_marks_broken_and_asks_once(qtbot, data_dir, sandbox, database):
    ctx = AppContext(data_dir=data_dir, api_url=sandbox.url, tokens=MemoryTokenStore("f" * 32), db_open=True)
    controller = SyncController(ctx, client_options=FAST)
    asked: list[str] = []
    controller.auth_lost.connect(asked.append)
    try:
        for _ in range(2):
            assert controller.start_import("all", trigger="scheduled")
            with qtbot.waitSignal(controller.import_failed, timeout=5000) as failed:
                pass
            assert isinstance(failed.args[0], AuthError)
        assert settings.get(workstation_key("connection_broken")) is True
        assert controller.connection_state() == "broken"
        assert not controller.can_sync()
        assert len(asked) == 1 and "Token" in asked[0]
    finally:
        controller.shutdown()


def test_testing_a_new_token_does_not_break_the_stored_connection(qtbot, controller):
    failures: list[Exception] = []
    assert controller.run_task(
        "test", lambda c: c.get("/SevUser"), on_failure=failures.append, token="e" * 32
    )
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], AuthError)
    assert controller.connection_state() != "broken"


def test_no_token_reports_failure_without_running(qtbot, data_dir, database):
    ctx = AppContext(
        data_dir=data_dir, api_url="http://127.0.0.1:9/api/v1", tokens=MemoryTokenStore(), db_open=True
    )
    controller = SyncController(ctx)
    failures: list[Exception] = []
    try:
        controller.run_task("x", lambda c: 1, on_failure=failures.append)
        qtbot.waitUntil(lambda: bool(failures), timeout=2000)
        assert isinstance(failures[0], AuthError)
        assert controller.connection_state() == "disconnected"
        assert not controller.is_busy()
    finally:
        controller.shutdown()


def test_shutdown_cancels_and_stops_the_thread(qtbot, ctx, sandbox):
    sandbox.faults.add(path="/Contact", method="GET", kind="delay", seconds=0.5, times=1)
    controller = SyncController(ctx, client_options=FAST)
    assert controller.start_import("all")
    controller.shutdown()
    assert controller._thread.isFinished()
    assert controller.start_import("all") is False


def test_unchanged_import_notifies_nothing(qtbot, controller, sandbox):
    """An import that changed nothing refreshes nothing (issue 11, typed changes)."""
    for _ in range(2):
        changed: list = []
        controller.data_changed.connect(changed.append)
        with qtbot.waitSignal(controller.run_finished, timeout=20000):
            assert controller.start_import("all")
        controller.data_changed.disconnect(changed.append)
    assert changed == []
