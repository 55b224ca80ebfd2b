"""Opening the database: one proxy, pragmas, owner-only file, migrations."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from peewee import DatabaseProxy, SqliteDatabase

log = logging.getLogger(__name__)

db = DatabaseProxy()

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "synchronous": "normal",
}


class DatabaseCorruptError(RuntimeError):
    """The database file cannot be read; it was kept untouched for the user."""


def _touch_private(path: Path) -> None:
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
    try:
        os.chmod(path, 0o600)
    except OSError:  # e.g. Windows ACLs; the folder is per-user anyway
        pass


def open_database(path: str | os.PathLike[str], migrate: bool = True) -> SqliteDatabase:
    """Open (and migrate) the SQLite file at ``path`` and bind it to the proxy."""
    from .migrations import run_migrations

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _touch_private(path)
    database = SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    try:
        database.connect(reuse_if_open=True)
        row = database.execute_sql("PRAGMA quick_check").fetchone()
        if not row or row[0] != "ok":
            raise DatabaseCorruptError(str(row[0]) if row else "no answer")
    except DatabaseCorruptError:
        database.close()
        raise
    except Exception as exc:  # sqlite3.DatabaseError: file is not a database, …
        database.close()
        raise DatabaseCorruptError(str(exc)) from exc
    db.initialize(database)
    if migrate:
        run_migrations(database, path)
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            try:
                os.chmod(side, 0o600)
            except OSError:
                pass
    return database


def open_memory_database() -> SqliteDatabase:
    """An in-memory database with the full schema (unit tests)."""
    from .migrations import run_migrations

    database = SqliteDatabase(":memory:", pragmas={"foreign_keys": 1}, check_same_thread=False)
    database.connect()
    db.initialize(database)
    run_migrations(database, None)
    return database


def close_database() -> None:
    obj = db.obj
    if obj is not None and not obj.is_closed():
        obj.close()
