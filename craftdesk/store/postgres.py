"""The shared PostgreSQL server of team mode (T1, T7): connection, reconnect, schema lock.

peewee speaks PostgreSQL through psycopg 3. What this module adds:

- every connection talks UTC (timestamps are stored without zone, as on SQLite) and names
  its workstation in ``application_name`` (``craftdesk@<host>``), which is how the other
  workstations learn who holds the import lock (T3);
- a connection the server dropped (restart, network gone) is replaced on the next
  statement outside a transaction, so the app reconnects by itself (T7);
- rows written are counted (SQLite's ``total_changes`` does not exist here);
- two workstations starting a new version at once migrate one after the other
  (an advisory lock around the migrations).
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from peewee import InterfaceError, OperationalError, PostgresqlDatabase

from ..peewee_first import psycopg_for_peewee
from .engine import ChangeCounter, ServerUrl, run_sql
from .models import db

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 5  # seconds; the server on the NAS answers or it is away (T7)
MIGRATION_LOCK_KEY = 0x6372_6166_7401  # "craft" + 1: one migrating workstation at a time
_DML = ("INSERT", "UPDATE", "DELETE")


def application_name() -> str:
    return f"craftdesk@{socket.gethostname()}"[:63]


def _connection_lost(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(
        marker in text
        for marker in (
            "connection is closed",
            "server closed the connection",
            "terminating connection",
            "connection is lost",
            "consuming input failed",
            "connection refused",
            "could not receive data",
            "could not send data",
            "the connection is bad",
            "connection not open",
            "ssl connection has been closed",
        )
    )


class ServerDatabase(PostgresqlDatabase):
    """PostgreSQL with reconnect-on-next-statement and a count of rows written.

    Date and time values are kept as text, exactly as on SQLite (``2026-03-02 08:00:00+00:00``
    or without zone when the value had none): both engines then read back the same Python
    values, compare and sort them the same way, and ``db copy`` moves them unchanged.
    """

    field_types = {  # noqa: RUF012 - peewee's own class attribute
        **PostgresqlDatabase.field_types,
        "DATETIME": "TEXT",
        "DATE": "TEXT",
        "TIME": "TEXT",
    }

    def __init__(self, target: ServerUrl, password: str | None = None, **kwargs: Any) -> None:
        self.target = target
        self.changes = ChangeCounter()
        params = target.conninfo(password)
        dbname = params.pop("dbname")
        params.setdefault("connect_timeout", CONNECT_TIMEOUT)
        params.setdefault("application_name", application_name())
        params["options"] = "-c timezone=UTC"
        self.conninfo = {"dbname": dbname, **params}  # for the listener and the locks
        psycopg_for_peewee()  # held back from peewee at start (it is for team mode only)
        super().__init__(dbname, prefer_psycopg3=True, autoconnect=True, **params, **kwargs)

    def _initialize_connection(self, conn: Any) -> None:
        _register_text_dates(conn)

    def _drop_connection(self) -> None:
        state: Any = self._state  # type: ignore[attr-defined]  # peewee's per-thread state
        with self._lock:  # type: ignore[attr-defined]
            conn = state.conn
            state.reset()
        if conn is not None:
            try:
                conn.close()
            except Exception as exc:
                log.debug("Closing a broken connection: %s", exc)

    def _execute_cursor(self, sql: str, params: Any, **cursor_options: Any) -> Any:
        closed = self._state.closed  # type: ignore[attr-defined]
        if not closed and not self.in_transaction() and not self.is_connection_usable():
            log.info("Database connection unusable; reconnecting")
            self._drop_connection()
        execute: Any = super()._execute_cursor  # type: ignore[misc]
        try:
            cursor = execute(sql, params, **cursor_options)
        except (OperationalError, InterfaceError) as exc:
            if self.in_transaction() or not _connection_lost(exc):
                raise
            log.info("Database connection lost (%s); reconnecting once", exc)
            self._drop_connection()
            cursor = execute(sql, params, **cursor_options)
        if sql.lstrip()[:6].upper() in _DML:
            self.changes.add(int(getattr(cursor, "rowcount", 0) or 0))
        return cursor

    def executemany(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """Many rows through one statement (psycopg pipelines them)."""
        cursor = self.cursor()  # type: ignore[no-untyped-call]
        cursor.executemany(sql, rows)
        self.changes.add(int(cursor.rowcount or 0))


def _register_import_lock() -> None:
    """H7 on the server: the import lock of store.locks becomes the advisory lock."""
    try:
        from .locks import register_lock_factory
    except ImportError:  # the file locks of H7 are not part of this build
        return
    from .advisory import server_lock

    register_lock_factory(lambda database: server_lock(database, "import"))


_register_import_lock()


def _register_text_dates(conn: Any) -> None:
    import datetime as dt

    from psycopg.adapt import Dumper

    class TextDumper(Dumper):
        oid = conn.adapters.types["text"].oid

        def dump(self, obj: Any) -> bytes:
            return str(obj).encode()

    for kind in (dt.datetime, dt.date, dt.time):
        conn.adapters.register_dumper(kind, TextDumper)


def open_server_database(
    target: ServerUrl, password: str | None = None, migrate: bool = True
) -> ServerDatabase:
    """Connect to the server database, bring its schema up to date, bind the proxy.

    Raises peewee's OperationalError when the server cannot be reached or refuses the
    login (store.db.storage_problem sorts that into one sentence).
    """
    from .migrations import run_migrations

    database = ServerDatabase(target, password)
    database.connect()
    db.initialize(database)
    if migrate:
        with migration_lock(database):
            run_migrations(database, None)
    return database


@contextmanager
def migration_lock(database: PostgresqlDatabase) -> Iterator[None]:
    run_sql(database, "SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK_KEY,))
    try:
        yield
    finally:
        run_sql(database, "SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK_KEY,))
