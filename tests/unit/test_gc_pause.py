"""The GC pause is counted: an import and a table read on two threads overlap, and the
collector runs again only when the last of them ends. Rows read to be frozen are read after
a pass that collects the old garbage (a freeze would keep it for good)."""

from __future__ import annotations

import gc
import weakref

from craftdesk.services import gc_pause
from craftdesk.services.gc_pause import gc_paused, only_this_pause


def test_overlapping_pauses_keep_the_collector_off_until_the_last_ends():
    assert gc.isenabled()
    first, second = gc_paused(), gc_paused()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first one ends while the second still runs
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_table_read_freezes_its_rows_only_when_no_import_pauses_the_collector_too():
    """Freezing keeps pending garbage cycles forever: during an import they are its own."""
    with gc_paused():
        assert only_this_pause()
        with gc_paused():  # an import running meanwhile
            assert not only_this_pause()
        assert only_this_pause()


def _old_garbage() -> weakref.ref[object]:
    """A reference cycle that survived a full pass (old) and is garbage now."""

    class Cycle:
        me: object = None

    cycle = Cycle()
    cycle.me = cycle
    ref = weakref.ref(cycle)
    gc.collect()
    del cycle
    return ref


def test_old_garbage_is_collected_before_rows_are_read_to_be_frozen(monkeypatch):
    monkeypatch.setattr(gc_pause, "_frozen", True)  # something was frozen before
    enabled = gc.isenabled()
    gc.disable()  # only the pass asked for collects it
    try:
        ref = _old_garbage()
        gc_pause.collect_before_freezing()
        assert ref() is None
    finally:
        if enabled:
            gc.enable()


def test_no_pass_before_the_first_freeze_nor_while_the_gc_is_paused(monkeypatch):
    """The first pass of a session walks every object of the app (the window stands
    still); while an import or a read pauses the GC, its young objects would."""
    monkeypatch.setattr(gc_pause, "_frozen", False)
    enabled = gc.isenabled()
    gc.disable()
    try:
        ref = _old_garbage()
        gc_pause.collect_before_freezing()
        assert ref() is not None  # nothing frozen yet: no pass
        monkeypatch.setattr(gc_pause, "_frozen", True)
        with gc_paused():
            gc_pause.collect_before_freezing()
        assert ref() is not None  # paused: no pass
        gc_pause.collect_before_freezing()
        assert ref() is None
    finally:
        if enabled:
            gc.enable()


def test_freeze_is_remembered():
    try:
        gc_pause.freeze()
        assert gc_pause._frozen and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_freezing_is_refused_when_the_old_garbage_could_not_be_collected(monkeypatch):
    monkeypatch.setattr(gc_pause, "_frozen", True)
    with gc_paused():
        assert not gc_pause.collect_before_freezing()
        assert not gc_pause.nothing_paused()
    assert gc_pause.collect_before_freezing() and gc_pause.nothing_paused()
    monkeypatch.setattr(gc_pause, "_frozen", False)
    assert gc_pause.collect_before_freezing()  # the first freeze of a session: no pass needed
