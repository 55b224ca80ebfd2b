"""Background work of the desktop app: one worker thread, the controller the widgets talk
to, the recurring-import scheduler and the notification rules.

Only QtCore is used here (never QtWidgets), so this package runs in headless tests.
"""

from __future__ import annotations

import sys


def pin_bool_singletons() -> None:
    """Work around a reference leak of PySide6 6.12: ``SignalInstance.emit()`` returns
    ``True`` without taking a new reference, so every emit steals one reference of the
    ``True`` singleton. After enough emits — or at the latest when the interpreter shuts
    down — CPython aborts with "bool_dealloc: deallocating True or False".

    Python 3.12+ makes True/False immortal; on older CPython we give both a reference
    count so large that no leak can bring it to zero. Safe to call more than once.
    """
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    boost = 1 << (40 if sys.maxsize > 2**32 else 28)
    for singleton in (True, False):
        # ob_refcnt is the first field of every CPython object; the GIL is held here.
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < boost:
            refcount.value += boost


pin_bool_singletons()
