"""Big tables are read on a helper thread: the window stays responsive while 50,000
customers are read (about a second of Python work per read).

The reading function runs on a short-lived thread with its own database connection
(closed when it ends); the result comes back to the GUI thread as a queued signal. The GIL
is shared, but a thread running Python bytecode hands it over every few milliseconds, so
the GUI thread keeps painting and answering input meanwhile; the cyclic GC pauses while a
read runs (as during an import, sync.worker).
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..services.gc_pause import gc_paused, only_this_pause
from ..services.storage import release_connection

log = logging.getLogger(__name__)


class BackgroundRows(QObject):
    """Runs one read at a time; ``loaded`` carries what it read (or the exception it raised)."""

    loaded = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = False

    def start(self, read: Callable[[], object], freeze: bool = False) -> None:
        """``freeze``: tens of thousands of rows that stay (a big table), see :meth:`_run`.
        Not for a dialog's short-lived lists: a freeze keeps any garbage cycle of objects
        alive at that moment (a dialog open then) from ever being collected."""
        self.running = True
        threading.Thread(target=self._run, args=(read, freeze), name="craftdesk-rows", daemon=True).start()

    def _run(self, read: Callable[[], object], freeze: bool) -> None:
        result: Any
        # A read makes a million young objects: the cyclic GC's full passes over them held
        # the GIL for 50 ms at a time (the GUI thread stood still). Reference counting frees
        # them anyway; the rows kept are frozen (out of the collector's sight) before it runs again.
        try:
            with gc_paused():
                result = read()
                # The rows are kept: out of the collector's way before it runs again. Else
                # its first pass walks every object the read made (80 ms at 50,000
                # customers, the window standing still) just before the tab takes them over.
                # Not while an import runs: its pending garbage cycles would never be
                # collected (the tab freezes its rows itself, as before).
                if freeze and only_this_pause():
                    gc.freeze()
        except Exception as exc:  # handed to the GUI thread, which decides
            result = exc
        finally:
            try:
                release_connection()
            except Exception:  # closing is best effort
                log.debug("Closing the reader's database connection failed", exc_info=True)
        try:
            self.loaded.emit(result)
        except RuntimeError:  # the tab was closed meanwhile
            log.debug("Rows read for a closed table were dropped")
