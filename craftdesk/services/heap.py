"""Give large freed blocks back to the operating system at once (Linux).

An import decodes pages of up to a megabyte, and the JSON decoder builds a parse tree of
ten times that for a moment. Windows and macOS serve such large blocks straight from the
system and give them back on free. glibc does too at first, but raises its threshold after
the first such block is freed, so later blocks come from the heap and stay in the
process's memory after the import (about 8 MB at 10,000 contacts). Fixing the threshold
and the number of heaps keeps Linux on the behaviour of the other systems.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import sys

log = logging.getLogger(__name__)

_M_MMAP_THRESHOLD = -3  # glibc's mallopt parameter numbers (malloc.h)
_M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value, kept instead of raised
ARENA_MAX = 2  # the GUI thread and one worker; more only spreads the same data thinner

_done = False


def return_large_blocks() -> bool:
    """Tune glibc's allocator once per process; False where there is nothing to tune."""
    global _done
    if _done:
        return True
    if sys.platform != "linux" or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # pragma: no cover - glibc always has it
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    ok = bool(mallopt(_M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(_M_ARENA_MAX, ARENA_MAX))
    if not ok:  # pragma: no cover - mallopt refuses only invalid values
        log.info("The allocator settings were refused")
    _done = ok
    return ok
