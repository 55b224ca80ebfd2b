"""Opening the database: pragmas, owner-only file, migrations, binding it to the models'
proxy (``db``, defined in ``models``); telling storage failures apart."""

from __future__ import annotations

import contextlib
import errno
import filecmp
import glob
import logging
import os
import shutil
import sqlite3
import time
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from peewee import PeeweeException, SqliteDatabase

from .migrations import run_migrations
from .models import db

__all__ = [
    "DatabaseCorruptError",
    "DatabaseLockedError",
    "close_database",
    "db",
    "keep_damaged_copy",
    "open_database",
    "open_memory_database",
    "storage_problem",
]

log = logging.getLogger(__name__)

# Applied in this order on connect. The busy timeout comes first: two processes opening a
# new file switch it to WAL at the same moment, and without a busy handler the second
# switch fails at once with "database is locked" (H7).
PRAGMAS: dict[str, int | str] = {
    "busy_timeout": 5000,
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
}


class DatabaseCorruptError(RuntimeError):
    """The database file cannot be read; it was kept untouched for the user."""

    def __init__(self, reason: str, path: Path | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path


class DatabaseNewerError(RuntimeError):
    """The file was written by a newer craftdesk (higher schema version); left untouched."""

    def __init__(self, version: int, path: Path | None = None) -> None:
        super().__init__(f"schema version {version}")
        self.version = version
        self.reason = f"schema version {version}"
        self.path = path


class DatabaseLockedError(RuntimeError):
    """Another process holds a lock on the database for longer than the busy timeout."""

    def __init__(self, reason: str, path: Path | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.path = path


# --- telling storage failures apart ------------------------------------------------------
# peewee wraps sqlite3 errors (the original is its first argument); the bulk helpers use the
# raw connection and raise sqlite3 errors directly. Python 3.11 names the SQLite result code;
# older versions only have the message.

_KIND_BY_CODE = {
    "SQLITE_BUSY": "locked",
    "SQLITE_LOCKED": "locked",
    "SQLITE_FULL": "full",
    "SQLITE_CORRUPT": "corrupt",
    "SQLITE_NOTADB": "corrupt",
}
_KIND_BY_TEXT = (
    ("database is locked", "locked"),
    ("database table is locked", "locked"),
    ("disk is full", "full"),
    ("malformed", "corrupt"),
    ("file is not a database", "corrupt"),
    ("file is encrypted", "corrupt"),
)


def _sqlite_errors(exc: BaseException) -> list[sqlite3.Error]:
    """The sqlite3 errors in an exception chain, outermost first."""
    found: list[sqlite3.Error] = []
    current: BaseException | None = exc
    for _ in range(10):
        if current is None:
            break
        if isinstance(current, sqlite3.Error):
            found.append(current)
        elif (
            isinstance(current, PeeweeException)
            and current.args
            and isinstance(current.args[0], sqlite3.Error)
        ):
            found.append(current.args[0])
        current = current.__cause__ or current.__context__
    return found


def _sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    errors = _sqlite_errors(exc)
    return errors[0] if errors else None


def _classify(error: sqlite3.Error) -> str | None:
    name = str(getattr(error, "sqlite_errorname", "") or "")
    for prefix, kind in _KIND_BY_CODE.items():
        if name == prefix or name.startswith(prefix + "_"):
            return kind
    text = str(error).lower()
    for needle, kind in _KIND_BY_TEXT:
        if needle in text:
            return kind
    if isinstance(error, sqlite3.OperationalError):  # cannot open, I/O error, read-only …
        return "unavailable"
    return None


_SEVERITY = ("corrupt", "full", "locked", "unavailable")


def storage_problem(exc: BaseException) -> str | None:
    """ "corrupt", "locked", "full" or "unavailable" for a failure of the local storage,
    None for anything else (then it is a bug, not the disk).

    The whole exception chain counts: SQLite rolls a transaction back by itself on
    SQLITE_FULL, so peewee's own ROLLBACK then fails with "no transaction is active" and
    that error hides the real cause.
    """
    if isinstance(exc, DatabaseCorruptError):
        return "corrupt"
    if isinstance(exc, DatabaseLockedError):
        return "locked"
    if isinstance(exc, DatabaseNewerError):
        return "newer"
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "full"
    from .engine import server_problem  # the team's server (T7)

    if server_problem(exc):
        return "server"
    kinds = {_classify(error) for error in _sqlite_errors(exc)}
    return next((kind for kind in _SEVERITY if kind in kinds), None)


def keep_damaged_copy(path: str | os.PathLike[str]) -> Path:
    """Copy a damaged database (and its WAL, which may hold committed data) next to it as
    ``<name>.damaged-<timestamp>``; the original is left exactly as it is."""
    path = Path(path)
    earlier = _same_damaged_copy(path)
    if earlier is not None:  # H11: one copy of one damage, not one per start
        return earlier
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    counter = 1
    while target.exists():
        counter += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{counter}")
    shutil.copy2(path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            shutil.copy2(side, Path(str(target) + suffix))
    return target


def _same_damaged_copy(path: Path) -> Path | None:
    """An earlier ``.damaged-…`` copy with exactly the file's content (and WAL), if any."""
    size = path.stat().st_size
    for copy in sorted(path.parent.glob(f"{glob.escape(path.name)}.damaged-*")):
        if copy.name.endswith(("-wal", "-shm")) or copy.stat().st_size != size:
            continue
        wal, copy_wal = Path(str(path) + "-wal"), Path(str(copy) + "-wal")
        if wal.exists() != copy_wal.exists():
            continue
        if filecmp.cmp(path, copy, shallow=False) and (
            not wal.exists() or filecmp.cmp(wal, copy_wal, shallow=False)
        ):
            return copy
    return None


def _touch_private(path: Path) -> None:
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        os.close(fd)
    with contextlib.suppress(OSError):  # e.g. Windows ACLs; the folder is per-user anyway
        os.chmod(path, 0o600)


def _check_readable(path: Path) -> None:
    """``PRAGMA quick_check`` on a read-only connection before the real open.

    Read-only, because a read-write connection to a damaged file could still change it:
    closing one checkpoints the WAL into the main file. A lock is not damage: a busy
    database raises DatabaseLockedError, never DatabaseCorruptError.
    """
    if not path.exists() or path.stat().st_size == 0:
        return  # a new database
    timeout = float(PRAGMAS.get("busy_timeout", 5000)) / 1000
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=timeout)
    except sqlite3.Error as exc:
        _raise_open_error(exc, path)
    try:
        row = conn.execute("PRAGMA quick_check").fetchone()
        version = _schema_version(conn)
    except sqlite3.Error as exc:
        _raise_open_error(exc, path)
    finally:
        conn.close()
    if not row or row[0] != "ok":
        raise DatabaseCorruptError(str(row[0]) if row else "no answer", path)
    from .migrations import LATEST_VERSION

    if version > LATEST_VERSION:  # H11: written by a newer craftdesk; read nothing more
        raise DatabaseNewerError(version, path)


def _schema_version(conn: sqlite3.Connection) -> int:
    from .models import SchemaVersion

    table = SchemaVersion._meta.table_name
    exists = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (table,)).fetchone()
    if not exists:
        return 0
    value = conn.execute(f'SELECT max(version) FROM "{table}"').fetchone()
    return int(value[0]) if value and value[0] is not None else 0


def _raise_open_error(exc: BaseException, path: Path) -> NoReturn:
    kind = storage_problem(exc)
    error = _sqlite_error(exc)
    reason = str(error if error is not None else exc)
    if kind == "locked":
        raise DatabaseLockedError(reason, path) from exc
    # SQLITE_CORRUPT / NOTADB and other non-operational DatabaseErrors mean a damaged file.
    if kind == "corrupt" or (
        isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError)
    ):
        raise DatabaseCorruptError(reason, path) from exc
    raise exc  # cannot open, disk full, I/O error: not damage, reported as such by the caller


# How long opening keeps trying while another process holds the file (H7): two programs
# started together (GUI and CLI, two `sync`) create, switch to WAL and migrate one file at
# the same moment; each step waits up to the busy timeout, opening as a whole this long.
OPEN_WAIT = 30.0


def open_database(path: str | os.PathLike[str], migrate: bool = True) -> SqliteDatabase:
    """Open (and migrate) the SQLite file at ``path`` and bind it to the proxy.

    Raises DatabaseCorruptError (file damaged; left untouched) or DatabaseLockedError
    (still locked after OPEN_WAIT seconds).
    """
    end = time.monotonic() + OPEN_WAIT
    while True:
        try:
            return _open_database(Path(path), migrate, max(1.0, end - time.monotonic()))
        except DatabaseLockedError as exc:
            if time.monotonic() >= end:
                raise
            log.info("Database %s busy while opening (%s); trying again", path, exc.reason)
            time.sleep(0.2)


def _open_database(path: Path, migrate: bool, wait: float) -> SqliteDatabase:
    path.parent.mkdir(parents=True, exist_ok=True)
    _check_readable(path)
    existing = path.exists() and path.stat().st_size > 0
    _touch_private(path)
    database = SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    try:
        database.connect(reuse_if_open=True)
    except Exception as exc:  # peewee-wrapped sqlite3 errors, sorted below
        database.close()
        _raise_open_error(exc, path)
    db.initialize(database)
    if migrate:
        # Two processes starting on one file (GUI + CLI, two `sync`) must not both add the
        # same column (H7): migrations run one process at a time.
        from .locks import FileLock

        guard = FileLock(path.with_name(path.name + ".migrate-lock"))
        if not guard.acquire(wait=wait):  # another process migrates: within OPEN_WAIT
            database.close()
            raise DatabaseLockedError("another process is migrating the database", path)
        try:
            run_migrations(database, path, existing=existing)
        except Exception as exc:
            database.close()
            if storage_problem(exc) == "locked":
                raise DatabaseLockedError(str(_sqlite_error(exc) or exc), path) from exc
            raise
        finally:
            guard.release()
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            with contextlib.suppress(OSError):
                os.chmod(side, 0o600)
    return database


def open_memory_database() -> SqliteDatabase:
    """An in-memory database with the full schema (unit tests)."""
    database = SqliteDatabase(":memory:", pragmas={"foreign_keys": 1}, check_same_thread=False)
    database.connect()
    db.initialize(database)
    run_migrations(database, None)
    return database


def close_database() -> None:
    obj = db.obj
    if obj is not None and not obj.is_closed():
        obj.close()
