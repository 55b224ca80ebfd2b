"""Pausing Python's cyclic garbage collector while much short-lived data is made.

An import or a big table read makes hundreds of thousands of acyclic objects; each full
collection pass over them holds the GIL for 50–150 ms, and the window stands still
meanwhile. Reference counting frees them anyway. The switch is process-wide, so the
pauses of several threads (the worker's import, a table read) are counted: the collector
runs again when the last one ends, not when the first does.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False
_frozen = False  # whether this process froze objects (see freeze)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic GC for the block; nested and concurrent pauses are counted."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()


def only_this_pause() -> bool:
    """Whether the caller's pause is the only one running (no import, no other read): then
    the young objects are all the caller's, and freezing them keeps no one else's garbage."""
    with _lock:
        return _depth == 1


def freeze() -> None:
    """``gc.freeze()``: every object alive now is skipped by later passes of the cyclic GC
    (objects let go are still freed by reference counting)."""
    global _frozen
    _frozen = True
    gc.freeze()


def collect_before_freezing() -> bool:
    """A full pass of the cyclic GC before rows are read and built to be frozen. A freeze
    keeps every object alive at that moment for good, so garbage cycles already old then
    (a closed dialog's) would never be collected, and each later freeze would add to them.

    The pass walks only what is not frozen yet, so it is skipped before the first freeze
    of a session: it would walk every object of the app (about 30 ms at 70,000 objects,
    the window standing still), for the garbage of the start alone, kept once. Later it
    takes about a millisecond. (Not ``gc.get_freeze_count()``: it counts the frozen
    objects one by one, 25 ms at 190,000.) Skipped too while an import or a read pauses
    the GC: its many young objects would make the pass long. Whether the rows may be
    frozen: not when the pass was skipped for a pause (the old garbage is still there)."""
    with _lock:
        if _depth:
            return False
        if not _frozen:
            return True
    gc.collect()
    return True


def nothing_paused() -> bool:
    """Whether no import or read pauses the GC now (a freeze would keep their garbage)."""
    with _lock:
        return _depth == 0
