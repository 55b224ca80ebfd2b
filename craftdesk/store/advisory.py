"""Locks shared by all workstations of one server database (T3, H7 on PostgreSQL).

A PostgreSQL advisory lock lives as long as the session that took it: the server releases
it when the holder quits, crashes or loses its network, so a lock is never left behind.
Each lock keeps its own connection (taking and releasing it does not depend on what the
app's other connections are doing), named ``craftdesk@<host>``; that name is how the
other workstations learn who holds it ("Abgleich läuft auf <Rechnername>").

Same interface as the SQLite file lock of ``store.locks``: ``acquire(wait)`` → bool,
``release()``, a context manager; plus ``holder()``.
"""

from __future__ import annotations

import logging
import time
from types import TracebackType
from typing import Any

from typing_extensions import Self

log = logging.getLogger(__name__)

NAMESPACE = 0x6372_6166  # "craf": craftdesk's advisory locks, apart from other programs'
KEYS = {"import": 1, "scheduler": 2}
POLL = 0.2
HOST_PREFIX = "craftdesk@"


class AdvisoryLock:
    def __init__(self, conninfo: dict[str, Any], name: str = "import") -> None:
        self._conninfo = dict(conninfo)
        self.name = name
        self.key = KEYS[name]
        self._conn: Any = None

    @property
    def held(self) -> bool:
        return self._conn is not None

    def _try(self) -> bool:
        import psycopg

        if self._conn is not None:
            return True
        conn = psycopg.connect(autocommit=True, **self._conninfo)
        row = conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (NAMESPACE, self.key)).fetchone()
        if row and row[0]:
            self._conn = conn
            return True
        conn.close()
        return False

    def acquire(self, wait: float = 0.0) -> bool:
        end = time.monotonic() + max(0.0, wait)
        while True:
            if self._try():
                return True
            if time.monotonic() >= end:
                return False
            time.sleep(POLL)

    def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        try:
            conn.close()  # ends the session: the server drops its advisory locks
        except Exception as exc:
            log.debug("Closing the %s lock's connection: %s", self.name, exc)

    def still_held(self) -> bool:
        """Whether the server still knows this session (False after a network loss)."""
        if self._conn is None:
            return False
        try:
            self._conn.execute("SELECT 1")
            return True
        except Exception:
            self.release()
            return False

    def holder(self) -> str | None:
        """The computer name of the workstation holding the lock, None when it is free."""
        import psycopg

        try:
            with psycopg.connect(autocommit=True, **self._conninfo) as conn:
                row = conn.execute(
                    "SELECT a.application_name FROM pg_locks l "
                    "JOIN pg_stat_activity a ON a.pid = l.pid "
                    "WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s "
                    "AND l.objid = %s AND l.objsubid = 2 AND l.database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())",
                    (NAMESPACE, self.key),
                ).fetchone()
        except psycopg.Error as exc:
            log.info("Asking the server who holds the %s lock failed: %s", self.name, exc)
            return None
        if not row:
            return None
        name = str(row[0] or "")
        return name[len(HOST_PREFIX) :] if name.startswith(HOST_PREFIX) else (name or "?")

    def __enter__(self) -> Self:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def server_lock(database: Any, name: str = "import") -> AdvisoryLock | None:
    """The advisory lock of a server database; None for SQLite (its locks are files)."""
    conninfo = getattr(database, "conninfo", None)
    if conninfo is None:
        return None
    return AdvisoryLock(conninfo, name)
