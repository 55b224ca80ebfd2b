"""Failures of the local database or disk, told in one German sentence (not a bug).

Shared by the command line and the windowed app, so both say the same and keep the same
guarantees (file left untouched, a damaged one copied first).
"""

from __future__ import annotations

import logging
from pathlib import Path

from .. import config
from ..messages import Key, Message
from ..store.db import DatabaseCorruptError, db, keep_damaged_copy, storage_problem
from ..store.engine import server_refusal

__all__ = ["DatabaseCorruptError", "release_connection", "short_reason", "storage_message", "storage_problem"]

log = logging.getLogger(__name__)


def storage_message(kind: str, exc: BaseException, data_dir: Path, log_path: Path) -> str:
    """One German sentence for a failure of the local database or disk (not a bug).

    ``kind`` comes from :func:`storage_problem`. A damaged database is copied
    (store.db.keep_damaged_copy) here, before the sentence names the copy. The command
    line prints it, the GUI shows it in a dialog.
    """
    if kind == "server":
        log.warning("Database server not usable: %s", exc)
        refusal = server_refusal(exc)
        if refusal == "login":
            return Message(Key.STORAGE_SERVER_LOGIN)
        if refusal == "database":
            return Message(Key.STORAGE_SERVER_NO_DATABASE)
        return Message(Key.STORAGE_SERVER)
    path = getattr(exc, "path", None) or data_dir / config.DB_FILENAME
    if kind == "corrupt":
        log.error("Database %s is damaged: %s", path, getattr(exc, "reason", exc))
        try:
            copy = keep_damaged_copy(path)
        except OSError as copy_exc:
            log.error("Copying the damaged database failed: %s", copy_exc)
            return Message(Key.STORAGE_CORRUPT_NO_COPY, str(path), str(copy_exc.strerror or copy_exc))
        log.error("Copy of the damaged database kept at %s", copy)
        return Message(Key.STORAGE_CORRUPT, str(path), str(copy), str(data_dir / config.BACKUP_DIRNAME))
    if kind == "newer":
        log.error("Database %s has %s, newer than this craftdesk", path, getattr(exc, "reason", exc))
        return Message(Key.STORAGE_NEWER, str(path))
    if kind == "locked":
        log.warning("Database %s is locked: %s", path, exc, exc_info=exc)
        return Message(Key.STORAGE_LOCKED, str(path))
    if kind == "full":
        log.warning("Disk full: %s", exc)
        return Message(Key.STORAGE_FULL)
    log.exception("Database %s not usable", path)
    return Message(Key.STORAGE_UNUSABLE, str(path), str(log_path))


def short_reason(exc: BaseException) -> Message | None:
    """The sentence for a locked database, a full disk or an unreachable server met while
    working (an import, a save), else None (a bug: "unexpected"). No file is touched."""
    kind = storage_problem(exc)
    if kind == "locked":
        return Message(Key.STORAGE_LOCKED_SHORT)
    if kind == "full":
        return Message(Key.STORAGE_FULL)
    if kind == "server":
        return Message(Key.STORAGE_SERVER)
    return None


def close_quietly() -> None:
    """Close the database a failed start may have opened (a server gone away cannot be
    closed politely: that is logged, not raised)."""
    from ..store.db import close_database

    try:
        close_database()
    except Exception as exc:
        log.debug("Closing the database after a failed start: %s", exc)


def release_connection() -> None:
    """Close the calling thread's database connection unless a transaction is open (a
    worker thread ends its jobs this way, so no connection is left open at quit)."""
    if db.obj is not None and not db.obj.is_closed() and not db.obj.in_transaction():
        db.obj.close()
