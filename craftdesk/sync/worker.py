"""The one worker thread.

A :class:`Worker` lives in its own ``QThread`` and runs one :class:`Job` at a time. Jobs
arrive through a queued signal (Qt's event queue of that thread is the queue) and report
back through signals; the job itself only does I/O through the services (HTTP + database).
Everything a job needs — the client with its token, the settings — is prepared on the GUI
thread before it is queued.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from ..api.client import SevdeskClient
from ..api.errors import SevdeskError
from ..services.gc_pause import gc_paused
from ..services.storage import release_connection

log = logging.getLogger(__name__)

# Progress reports are thinned out: a queued signal per record would flood the GUI thread.
PROGRESS_INTERVAL_S = 0.05

Reporter = Callable[[int, int, str], None]


@dataclass
class Job:
    """One unit of background work; ``fn(client, report)`` runs on the worker thread."""

    id: int
    label: str
    fn: Callable[[SevdeskClient, Reporter], Any]
    client: SevdeskClient
    cancel_event: threading.Event = field(default_factory=threading.Event)


class Worker(QObject):
    """Runs jobs on the thread it was moved to."""

    job_progress = Signal(int, int, int, object)  # job id, done, total, text (a Message)
    job_done = Signal(int, object, object)  # job id, result, exception (or None)

    @Slot(object)
    def run(self, job: Job) -> None:
        last_emit = 0.0

        def report(done: int, total: int, text: str) -> None:
            nonlocal last_emit
            now = time.monotonic()
            if done >= total or now - last_emit >= PROGRESS_INTERVAL_S:
                last_emit = now
                self.job_progress.emit(job.id, int(done), int(total), str(text))

        result: Any = None
        error: BaseException | None = None
        # A full cyclic-GC pass over an import's hundred thousand fresh objects holds the GIL
        # for 50–150 ms, long enough to freeze the GUI thread visibly. Reference counting
        # frees the import's data anyway, so the collector pauses while a job runs.
        try:
            with gc_paused():
                result = job.fn(job.client, report)
        except SevdeskError as exc:
            log.info("Job %s (%s) failed: %s (%s)", job.id, job.label, exc.message, exc.detail or "")
            error = exc
        except Exception as exc:  # reported to the GUI; the traceback goes to the log
            log.exception("Job %s (%s) failed unexpectedly", job.id, job.label)
            error = exc
        finally:
            job.client.close()
            _close_thread_db()
        self.job_done.emit(job.id, result, error)


def _close_thread_db() -> None:
    """Close this thread's database connection so none is left open when the app quits."""
    try:
        release_connection()
    except Exception:  # closing is best effort
        log.debug("Closing the worker's database connection failed", exc_info=True)
