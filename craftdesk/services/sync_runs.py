"""The import history (R3) as the Schnittstellen tab shows it, and the record of a run
that was skipped because another one was still running (R1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..clock import utcnow
from ..messages import Key, Message
from ..store.models import SyncRun

SKIPPED_MESSAGE = Message(Key.RUN_OVERLAPPED)


@dataclass(frozen=True)
class RunRow:
    started_at: datetime | None
    finished_at: datetime | None
    kind: str  # customers | articles | all | orders
    trigger: str  # manual | scheduled | cli | connect
    status: str  # running | ok | failed | cancelled | skipped
    created: int
    updated: int
    unchanged: int
    skipped: int
    error: str | None


def recent_runs(limit: int) -> list[RunRow]:
    """The latest ``limit`` runs, newest first."""
    query = SyncRun.select().order_by(SyncRun.id.desc()).limit(limit)
    return [
        RunRow(
            r.started_at,
            r.finished_at,
            r.kind,
            r.trigger,
            r.status,
            r.created,
            r.updated,
            r.unchanged,
            r.skipped,
            r.error,
        )
        for r in query
    ]


def record_skipped_run(what: str, trigger: str) -> None:
    now = utcnow()
    SyncRun.create(
        kind=what, trigger=trigger, started_at=now, finished_at=now, status="skipped", error=SKIPPED_MESSAGE
    )
