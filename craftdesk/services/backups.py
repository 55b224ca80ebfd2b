"""Backups and database copies as use cases (K1–K3, T2). Qt-free.

The GUI's "Jetzt sichern"/"Wiederherstellen …", the daily automatic backup and the CLI's
``backup``/``restore``/``db copy`` all come here; the engine work is in ``store``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from peewee import Database, SqliteDatabase
from peewee import DatabaseError as PeeweeDatabaseError

from ..errors import PreconditionError
from ..fsutil import error_reason, os_reason
from ..messages import Key, Message
from ..store import backup as store_backup
from ..store import settings
from ..store.backup import BackupError, BackupInfo
from ..store.copy import CopyError, CopyResult, copy_database
from ..store.db import db, keep_damaged_copy, storage_problem
from ..store.engine import ServerUrl, bound, is_server
from ..store.locks import import_lock
from ..store.migrations import run_migrations
from ..store.postgres import ServerDatabase
from . import restore_invoices

log = logging.getLogger(__name__)

__all__ = [
    "BackupInfo",
    "RestoreResult",
    "auto_backup",
    "backup_now",
    "copy_from_server",
    "copy_to_server",
    "inspect_backup",
    "list_backups",
    "newest_usable_backup",
    "replace_damaged",
    "restore_backup",
]


@dataclass(frozen=True)
class RestoreResult:
    restored: BackupInfo
    safety_copy: Path  # the state before the restore (K2)


def _bound() -> Database:
    return bound()


def backup_now(folder: Path, output: Path | None = None, label: str = "manuell") -> Path:
    """Back the open database up into ``output`` or a new stamped file in ``folder``. An
    existing ``output`` is replaced only when it is a craftdesk backup (not the database in
    use, not some other file the user named by mistake)."""
    if output is not None and output.is_symlink():
        output = output.resolve()  # the file the link names, not the link (H12)
    if output is not None and output.exists() and not (output.is_file() or output.is_dir()):
        raise PreconditionError(f"„{output}“ ist keine gewöhnliche Datei; eine Sicherung braucht eine Datei.")
    target = output if output is not None else folder / store_backup.stamped_name(label)
    if output is not None and output.is_file():
        _refuse_to_overwrite(output)
    counter = 1
    while output is None and target.exists():  # two within a second: never one over another
        counter += 1
        target = folder / store_backup.stamped_name(f"{label}-{counter}")
    try:
        return store_backup.write_backup(_bound(), target)
    except (OSError, CopyError, sqlite3.Error, PeeweeDatabaseError) as exc:  # sqlite3: no room for a database
        raise PreconditionError(Message(Key.BACKUP_NOT_WRITTEN, _reason(exc))) from exc


def _refuse_to_overwrite(output: Path) -> None:
    database = _bound()
    live = getattr(database, "database", None)
    if live and not is_server(database) and Path(str(live)).resolve() == output.resolve():
        raise PreconditionError(
            f"„{output}“ ist die Datenbank, die craftdesk gerade benutzt; bitte eine andere Datei nennen."
        )
    try:
        store_backup.read_info(output)
    except BackupError:
        raise PreconditionError(
            f"Die Datei „{output}“ gibt es schon und sie ist keine craftdesk-Sicherung; bitte einen anderen Namen wählen."
        ) from None


def auto_backup(folder: Path, today: date | None = None, failures: list[str] | None = None) -> Path | None:
    """The daily backup (K1): made when today has none yet, then rotated. Never raises for
    a failing disk (logged: the next start tries again); ``failures`` gets the reason in a
    few German words, for the window to show."""
    today = today or date.today()
    try:
        if not store_backup.due(folder, today):
            return None
        path = store_backup.write_backup(_bound(), folder / store_backup.daily_name(today))
        store_backup.rotate(folder)
    except Exception as exc:
        log.exception("Daily backup failed")
        if failures is not None:
            failures.append(_reason(exc))
        return None
    return path


def list_backups(folder: Path) -> list[Path]:
    """Backups in the folder, newest first."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("craftdesk-*.sqlite3") if p.is_file()]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def inspect_backup(path: Path) -> BackupInfo:
    """Date and counts of a backup; PreconditionError with one sentence when it is damaged,
    not a craftdesk backup or newer than this craftdesk (K2)."""
    try:
        return store_backup.read_info(path)
    except BackupError as exc:
        raise PreconditionError(exc.message) from None


def current_counts() -> tuple[int, int, int]:
    """Customers, articles and projects now: what a restore replaces (K2)."""
    return store_backup.current_counts()


_KNOWN_PROBLEMS = {
    "full": "der Datenträger ist voll",
    "locked": "die Datei ist gerade in Gebrauch",
}  # not "corrupt": a file the user named that is no database is not damaged (the text says which)


def _reason(exc: BaseException) -> str:
    """Why a backup, restore or copy failed, in a few German words: the storage problem the
    whole exception chain shows (SQLite's own rollback after a full disk hides the cause
    behind "no transaction is active"), else what the error itself says."""
    return _KNOWN_PROBLEMS.get(storage_problem(exc) or "") or error_reason(exc)


_RESTORE_ERRORS = (OSError, CopyError, BackupError, sqlite3.Error, PeeweeDatabaseError)


def restore_backup(folder: Path, path: Path) -> RestoreResult:
    """Back up the current state, then replace it by the backup ``path`` (K2). Not while an
    import writes into the database (H7: it would go on writing into the restored data);
    invoice drafts created since the backup stay known (I5: no second draft)."""
    info = inspect_backup(path)
    lock = import_lock(db)
    if not lock.acquire(wait=0):
        raise PreconditionError(Message(Key.RESTORE_DURING_IMPORT))
    try:
        try:
            safety = backup_now(folder, label="vor-wiederherstellung")
        except PreconditionError as exc:
            raise PreconditionError(Message(Key.RESTORE_WITHOUT_SAFETY, exc.message)) from exc
        drafts = restore_invoices.known_drafts()
        database = _bound()
        try:
            store_backup.restore_into(database, path)  # one transaction: a failure changes nothing
        except _RESTORE_ERRORS as exc:
            raise PreconditionError(Message(Key.RESTORE_FAILED_UNCHANGED, _reason(exc))) from exc
        try:
            run_migrations(database, None)  # an older backup gets today's schema
            restore_invoices.carry_over(drafts)
            settings.delete(store_backup.CREATED_KEY)  # the live data is no backup: no stale date
        except _RESTORE_ERRORS as exc:
            raise PreconditionError(
                Message(Key.RESTORE_FAILED_PREVIOUS_IN, _reason(exc), safety.name)
            ) from exc
    finally:
        lock.release()
    log.info("Restored backup %s (made %s); previous state in %s", path.name, info.created_at, safety.name)
    return RestoreResult(info, safety)


def replace_damaged(db_path: Path, path: Path) -> RestoreResult:
    """A damaged database file (it cannot be opened) replaced by the backup ``path``: the
    damaged file is kept as a copy beside it, a new database takes the backup's data. The
    ``safety_copy`` of the result is that damaged copy."""
    info = inspect_backup(path)
    damaged = keep_damaged_copy(db_path)
    # The backup (one complete SQLite file) is copied beside the database and takes its
    # place only once whole: a copy failing half-way (a full disk) leaves the damaged file,
    # not an empty database that the next start would open without a word.
    temp = db_path.with_name(db_path.name + ".wiederherstellung")
    try:
        shutil.copyfile(path, temp)
        os.chmod(temp, 0o600)  # the customers' data: the owner's alone, as the database was
        for suffix in ("-wal", "-shm"):
            Path(str(db_path) + suffix).unlink(missing_ok=True)
        os.replace(temp, db_path)  # opened (and an older backup migrated) by who needs it next
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise PreconditionError(Message(Key.RESTORE_FAILED_DAMAGED_IN, os_reason(exc), str(damaged))) from exc
    log.info("Replaced the damaged database by backup %s; damaged copy kept at %s", path.name, damaged)
    return RestoreResult(info, damaged)


def newest_usable_backup(folder: Path) -> tuple[Path, BackupInfo] | None:
    """The newest backup in the folder that reads as a craftdesk backup (None: none)."""
    for path in list_backups(folder):
        try:
            return path, store_backup.read_info(path)
        except BackupError:
            continue
    return None


# --- T2: moving between the file and the server -----------------------------------------------


def _server(target: ServerUrl, password: str | None) -> ServerDatabase:
    database = ServerDatabase(target, password)
    database.connect()
    return database


def copy_to_server(target: ServerUrl, password: str | None) -> CopyResult:
    """The open SQLite data into the empty server database (ids kept, counts verified)."""
    server = _server(target, password)
    try:
        return copy_database(_bound(), server)
    except CopyError as exc:
        raise PreconditionError(str(exc)) from None
    finally:
        server.close()


def copy_from_server(target: ServerUrl, password: str | None, output: Path) -> CopyResult:
    """A new local SQLite file with every record of the server database. A target that
    cannot be one (a folder, a file that is no database) is said as such: it is not this
    computer's database, which stays as it is."""
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PreconditionError(f"In „{output}“ lässt sich nichts anlegen ({os_reason(exc)}).") from None
    server = _server(target, password)
    existed, failed = output.exists(), True
    local = SqliteDatabase(str(output), pragmas={"journal_mode": "wal", "foreign_keys": 1})
    try:
        local.connect()
        if not existed and output.is_file():
            os.chmod(output, 0o600)  # the customers' data: the owner's alone, like the database
        result = copy_database(server, local)
        failed = False
        return result
    except CopyError as exc:
        raise PreconditionError(f"{exc} Ziel: {output}; bitte mit -o eine neue Datei nennen.") from None
    except (OSError, sqlite3.Error, PeeweeDatabaseError) as exc:
        reason = "das ist ein Ordner" if output.is_dir() else _reason(exc)
        raise PreconditionError(f"In „{output}“ lässt sich die Datenbank nicht anlegen ({reason}).") from None
    finally:
        local.close()
        server.close()
        if failed and not existed:  # no half-written file to trip over next time
            for leftover in (output, Path(f"{output}-wal"), Path(f"{output}-shm")):
                with contextlib.suppress(OSError):
                    leftover.unlink(missing_ok=True)


def backup_created(info: BackupInfo) -> str:
    """The backup's date for a message: local time, minutes."""
    moment = info.created_at or datetime.now()
    return moment.astimezone().strftime("%d.%m.%Y %H:%M")
