"""Live changes between workstations (T6) through PostgreSQL LISTEN/NOTIFY.

Every table gets statement-level triggers that send one notification per statement on
the channel ``craftdesk_changes``: ``<table>:<op>:<id>,<id>,…`` (``*`` instead of the ids
when a statement touched so many rows that they do not fit into a notification). The ids
are the rows' own, except for the tables that hang off another record (:data:`NOTIFY_KEY`):
an address names its customer, an assignment its appointment, a draft its project — also
when the row was deleted, so a view knows which record to show anew. The
server delivers it to every listening workstation after the commit, so a view re-reads
only the rows named, and only once the change is visible.

:class:`ChangeListener` keeps its own connection (a notification needs a session that is
not busy with queries) on a daemon thread, calls back for every change, reports whether
the server is reachable, and reconnects by itself (T7). It is Qt-free; the sync layer
turns its callbacks into signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from peewee import Database

from . import models
from .engine import run_sql

log = logging.getLogger(__name__)

CHANNEL = "craftdesk_changes"
MAX_PAYLOAD = 7900  # the server's limit is 8000 bytes

_FUNCTION = """
CREATE OR REPLACE FUNCTION craftdesk_notify_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
DECLARE
    ids text;
BEGIN
    EXECUTE format('SELECT string_agg(DISTINCT (%I)::text, '','') FROM changed_rows', TG_ARGV[0])
        INTO ids;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;
    IF length(ids) > {limit} THEN
        ids := '*';
    END IF;
    PERFORM pg_notify('{channel}', TG_TABLE_NAME || ':' || lower(TG_OP) || ':' || ids);
    RETURN NULL;
END
$fn$;
""".replace("{limit}", str(MAX_PAYLOAD - 100)).replace("{channel}", CHANNEL)

_EVENTS = (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD"))

# Tables whose notifications name the record they belong to (its id column here).
NOTIFY_KEY = {
    "address": "customer_id",
    "contact_info": "customer_id",
    "invoice_draft": "project_id",
    "appointment_employee": "appointment_id",
    "planned_material": "appointment_id",
    "used_article": "appointment_id",
    "draft_appointment": "appointment_id",
}


def install_triggers(database: Database) -> None:
    """Create (or replace) the notification triggers on every table; safe to run twice."""
    run_sql(database, _FUNCTION.replace("%", "%%"))  # no parameters, but psycopg parses
    for model in models.ALL_MODELS:
        if model is models.SchemaVersion:
            continue
        table = model._meta.table_name
        key = NOTIFY_KEY.get(table) or model._meta.primary_key.column_name  # type: ignore[union-attr]
        for event, side in _EVENTS:
            name = f"craftdesk_notify_{event}"
            run_sql(database, f'DROP TRIGGER IF EXISTS "{name}" ON "{table}"')
            run_sql(
                database,
                f'CREATE TRIGGER "{name}" AFTER {event.upper()} ON "{table}" '
                f"REFERENCING {side} TABLE AS changed_rows FOR EACH STATEMENT "
                f"EXECUTE FUNCTION craftdesk_notify_change('{key}')",
            )


@dataclass(frozen=True)
class Change:
    """One statement's change: ``ids`` is None when it touched too many rows to list."""

    table: str
    op: str
    ids: tuple[str, ...] | None


def parse_payload(payload: str) -> Change | None:
    table, _, rest = payload.partition(":")
    op, _, ids = rest.partition(":")
    if not table or not op:
        return None
    return Change(table, op, None if ids == "*" else tuple(i for i in ids.split(",") if i))


class ChangeListener:
    """LISTEN on its own connection; ``on_change(Change)`` and ``on_state(reachable)`` are
    called on the listener's thread."""

    def __init__(
        self,
        conninfo: dict[str, Any],
        on_change: Callable[[Change], None],
        on_state: Callable[[bool], None] | None = None,
        poll: float = 0.5,
    ) -> None:
        self._conninfo = dict(conninfo)
        self._on_change = on_change
        self._on_state = on_state
        self._poll = poll
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reachable: bool | None = None
        self.listening = threading.Event()

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="craftdesk-listen", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _state(self, reachable: bool) -> None:
        if reachable != self.reachable:
            self.reachable = reachable
            if not reachable:
                self.listening.clear()
            if self._on_state is not None:
                self._on_state(reachable)

    def _run(self) -> None:
        import psycopg

        delay = 1.0
        while not self._stop.is_set():
            try:
                with psycopg.connect(autocommit=True, **self._conninfo) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._state(True)
                    self.listening.set()
                    delay = 1.0
                    while not self._stop.is_set():
                        for note in conn.notifies(timeout=self._poll):
                            change = parse_payload(note.payload)
                            if change is not None:
                                self._on_change(change)
                        conn.execute("SELECT 1")  # notices a server that went away
            except psycopg.Error as exc:
                log.info("Change listener lost the server: %s", exc.__class__.__name__)
                self._state(False)
                self._stop.wait(delay)
                delay = min(delay * 2, 10.0)
            except Exception:  # a callback failed: keep listening
                log.exception("Change listener callback failed")
                self._stop.wait(delay)
