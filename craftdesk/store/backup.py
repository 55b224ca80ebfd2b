"""Backups of the database as SQLite files (K1–K3).

A backup is always a plain SQLite file that craftdesk (or any SQLite tool) can open: the
SQLite database is copied with SQLite's online backup API (consistent while the app keeps
working), a server database with ``copy_database`` (the ``db copy --from`` snapshot).
Each backup records when it was made (a setting row in the copy).

Automatic backups are daily, ``craftdesk-YYYY-MM-DD.sqlite3`` in ``backups/``; rotation
keeps the 7 newest days and the newest copy of each of the 4 weeks before them. Backups
made by hand or before a restore carry a time and are never rotated away. A backup that
a killed process left half-written (``….sqlite3.part``) is removed by the next rotation
once it is a day old (a younger one may still be written by another window).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from peewee import Database, SqliteDatabase

from ..messages import Key, Message
from . import models
from .copy import copy_database
from .engine import is_server, raw_connection
from .migrations import LATEST_VERSION

log = logging.getLogger(__name__)

CREATED_KEY = "backup_created_at"
DAILY_KEEP = 7
WEEKLY_KEEP = 4
_DAILY = re.compile(r"^craftdesk-(\d{4}-\d{2}-\d{2})\.sqlite3$")
_PARTIAL = re.compile(r"^craftdesk-.*\.sqlite3\.part(-wal|-shm|-journal)?$")
PARTIAL_AGE = timedelta(days=1)  # a half-written backup older than this was abandoned


class BackupError(RuntimeError):
    """A backup that cannot be made or used; the message is one German sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message  # a keyed Message: the window translates it (sync.messages)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime | None
    version: int
    customers: int
    articles: int
    projects: int


def current_counts() -> tuple[int, int, int]:
    """Customers, articles and projects of the open database, counted as a backup's are:
    what a restore would replace (K2)."""
    return tuple(m.select().count() for m in (models.Customer, models.Article, models.Project))  # type: ignore[return-value]


def _private(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def write_backup(database: Database, target: Path) -> Path:
    """Copy the open ``database`` into the new SQLite file ``target`` (a folder: a new
    stamped file in it). What fails on the way leaves no partial copy of the data behind."""
    if target.is_dir():
        target = target / stamped_name("manuell")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        _copy_into(database, partial)
        _private(partial)
        os.replace(partial, target)
    except BaseException:
        ends = ("-wal", "-shm", "-journal")
        for leftover in (partial, *(partial.with_name(partial.name + end) for end in ends)):
            with contextlib.suppress(OSError):
                leftover.unlink(missing_ok=True)
        raise
    log.info("Backup written: %s", target.name)
    return target


def _copy_into(database: Database, partial: Path) -> None:
    if is_server(database):
        copy = SqliteDatabase(str(partial), pragmas={"foreign_keys": 0})
        try:
            copy.connect()
            copy_database(database, copy)
        finally:
            copy.close()
    else:
        destination = sqlite3.connect(str(partial))
        try:
            raw_connection(database).backup(destination)
        finally:
            destination.close()
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    conn = sqlite3.connect(str(partial))
    try:
        # One self-contained file: no -wal and -shm beside it when it is read later.
        conn.execute("PRAGMA journal_mode=DELETE")
        with conn:
            conn.execute(
                "INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)", (CREATED_KEY, json.dumps(stamp))
            )
    finally:
        conn.close()


def read_info(path: Path) -> BackupInfo:
    """Date, schema version and counts of a backup; BackupError when it is damaged, not
    a craftdesk backup or written by a newer craftdesk."""
    if path.is_dir():
        raise BackupError(Message(Key.BACKUP_IS_FOLDER, str(path)))
    if not path.is_file():
        raise BackupError(Message(Key.BACKUP_MISSING, path.name))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        raise BackupError(Message(Key.BACKUP_UNOPENABLE, path.name)) from None
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise BackupError(Message(Key.BACKUP_DAMAGED, path.name))
        version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
        counts = [
            conn.execute(f'SELECT COUNT(*) FROM "{m._meta.table_name}"').fetchone()[0]
            for m in (models.Customer, models.Article, models.Project)
        ]
        row = conn.execute("SELECT value FROM setting WHERE key = ?", (CREATED_KEY,)).fetchone()
    except sqlite3.Error:
        raise BackupError(Message(Key.BACKUP_NOT_CRAFTDESK, path.name)) from None
    finally:
        conn.close()
    if version > LATEST_VERSION:
        raise BackupError(Message(Key.BACKUP_NEWER, path.name))
    created = None
    if row and row[0]:
        try:
            created = datetime.fromisoformat(json.loads(row[0]))
        except (ValueError, TypeError):
            created = None
    if created is None:
        created = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    return BackupInfo(path, created, int(version), *counts)


def restore_into(database: Database, source: Path) -> None:
    """Replace the content of the open ``database`` by the backup ``source`` (checked by the
    caller with read_info). SQLite: the online backup API copies the file's pages in;
    a server database gets every record of the backup (after it was emptied)."""
    if is_server(database):
        # The copy brings an older backup to today's schema first: on a copy of the file,
        # so the user's backup stays as it was (and may lie on a read-only stick).
        with tempfile.TemporaryDirectory(prefix="craftdesk-restore-") as folder:
            working = Path(folder) / "backup.sqlite3"
            shutil.copyfile(source, working)
            backup = SqliteDatabase(str(working), pragmas={"foreign_keys": 0})
            try:
                backup.connect()
                copy_database(backup, database, replace=True)
            finally:
                backup.close()
    else:
        backup = SqliteDatabase(str(source), pragmas={"foreign_keys": 0})
        try:
            backup.connect()
            raw_connection(backup).backup(raw_connection(database))
        finally:
            backup.close()
    log.info("Restored from %s", source.name)


# --- the daily backup and its rotation ---------------------------------------------------------


def daily_name(day: date) -> str:
    return f"craftdesk-{day.isoformat()}.sqlite3"


def stamped_name(label: str, now: datetime | None = None) -> str:
    moment = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    return f"craftdesk-{moment}-{label}.sqlite3"


def daily_backups(folder: Path) -> dict[date, Path]:
    found: dict[date, Path] = {}
    if folder.is_dir():
        for entry in folder.iterdir():
            match = _DAILY.match(entry.name)
            if match:
                try:
                    found[date.fromisoformat(match.group(1))] = entry
                except ValueError:
                    continue
    return found


def rotate(folder: Path) -> list[Path]:
    """Delete the daily backups that neither the 7 newest days nor the newest copy of the
    4 weeks before them need; returns what was deleted."""
    days = sorted(daily_backups(folder).items(), reverse=True)
    keep = {day for day, _ in days[:DAILY_KEEP]}
    # The weeks before the daily ones: a week a daily backup covers already is not one of
    # them (the first "weekly" copy was the day before the dailies, 8 days old).
    covered = {tuple(day.isocalendar())[:2] for day in keep}
    weeks: list[tuple[int, int]] = []
    for day, _ in days[DAILY_KEEP:]:
        week = tuple(day.isocalendar())[:2]
        if week not in covered and week not in weeks and len(weeks) < WEEKLY_KEEP:
            weeks.append(week)  # type: ignore[arg-type]
            keep.add(day)
    removed = []
    for day, path in days:
        if day not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed + _abandoned_partials(folder)


def _abandoned_partials(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete what a backup killed half-way left behind, once it is a day old."""
    limit = (now or datetime.now(timezone.utc)).timestamp() - PARTIAL_AGE.total_seconds()
    removed = []
    for entry in folder.iterdir() if folder.is_dir() else ():
        if not _PARTIAL.match(entry.name):
            continue
        try:
            if entry.is_file() and entry.stat().st_mtime < limit:
                entry.unlink()
                removed.append(entry)
        except OSError:
            continue
    return removed


def due(folder: Path, today: date) -> bool:
    return today not in daily_backups(folder)


def oldest_kept(today: date) -> date:
    """The oldest day rotation may keep (for documentation and tests)."""
    return today - timedelta(days=DAILY_KEEP + 7 * WEEKLY_KEEP)
