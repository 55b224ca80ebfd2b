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
