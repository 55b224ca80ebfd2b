"""The GC pause is counted: an import and a table read on two threads overlap, and the
collector runs again only when the last of them ends."""

from __future__ import annotations

import gc

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
