"""The views' contract with the sync controller: the real controller and the test fake
both satisfy ``SyncControl``, with the same method signatures, so no view needs to probe
the controller with getattr/hasattr."""

from __future__ import annotations

import inspect

import pytest
from fakes import FakeController

from craftdesk.context import AppContext, MemoryTokenStore
from craftdesk.sync.contract import ScheduleInfo, SyncControl
from craftdesk.sync.controller import SyncController
from craftdesk.sync.scheduler import SyncScheduler

METHODS = sorted(
    name
    for name, member in vars(SyncControl).items()
    if callable(member) and not name.startswith("_") and not isinstance(member, property)
)
SIGNALS = sorted(name for name, member in vars(SyncControl).items() if isinstance(member, property))


def _parameters(function: object) -> list[tuple[str, object, object]]:
    signature = inspect.signature(function)  # type: ignore[arg-type]
    return [(p.name, p.kind, p.default) for p in signature.parameters.values() if p.name != "self"]


@pytest.fixture
def real(qtbot, data_dir, database):
    ctx = AppContext(
        data_dir=data_dir,
        api_url="http://127.0.0.1:9/api/v1",
        tokens=MemoryTokenStore("a" * 32),
        db_open=True,
    )
    controller = SyncController(ctx)
    yield controller
    controller.shutdown()


def test_the_contract_names_what_the_views_use():
    assert {"run_task", "start_import", "can_sync", "connection_state", "is_busy"} <= set(METHODS)
    assert {"data_changed", "busy_changed", "connection_state_changed"} <= set(SIGNALS)


@pytest.mark.parametrize("kind", ["real", "fake"])
def test_real_controller_and_fake_satisfy_the_contract(kind, request):
    controller = request.getfixturevalue("real") if kind == "real" else FakeController()
    assert isinstance(controller, SyncControl)
    for name in METHODS:
        assert _parameters(getattr(type(controller), name)) == _parameters(getattr(SyncControl, name)), name
    for name in SIGNALS:
        assert hasattr(getattr(controller, name), "connect"), name


def test_run_task_takes_a_token_to_test_in_both(qtbot):
    assert "token" in inspect.signature(FakeController.run_task).parameters
    assert "token" in inspect.signature(SyncController.run_task).parameters


def test_the_scheduler_is_what_views_read_of_it(real):
    scheduler = SyncScheduler(real, first_tick_ms=-1)
    assert isinstance(scheduler, ScheduleInfo)
    assert real.scheduler is scheduler
