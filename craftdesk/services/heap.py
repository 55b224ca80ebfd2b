"""One heap for all threads (Linux): big freed blocks are reused, not kept per thread.

An import reads pages in a helper thread and decodes them in the caller's, and the JSON
decoder builds a parse tree of ten times a page for a moment. glibc gives every thread its
own heap, so each kept its own freed copies of these blocks; after the import about 8 MB
more stayed in the process at 10,000 contacts. With one heap the next page reuses the
blocks the last one freed, in whichever thread. The program's small objects are Python's
own business (pymalloc), so the threads hardly ever wait for each other's heap. Windows
and macOS keep one process heap by themselves.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import sys

log = logging.getLogger(__name__)

_M_ARENA_MAX = -8  # glibc's mallopt parameter number (malloc.h)
ARENA_MAX = 1

_done = False


def share_one_heap() -> bool:
    """Tune glibc's allocator once per process, as early as possible (glibc reads the
    limit when it next needs a heap for a thread); False where there is nothing to tune."""
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
    _done = bool(mallopt(_M_ARENA_MAX, ARENA_MAX))
    if not _done:  # pragma: no cover - mallopt refuses only invalid values
        log.info("The allocator setting was refused")
    return _done
