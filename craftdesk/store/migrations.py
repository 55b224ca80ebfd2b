"""Schema versions. Each step is atomic and safe to run twice; the file is copied
before any step runs on an existing database."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from peewee import SqliteDatabase
from playhouse.migrate import SchemaMigrator, migrate

from . import models

log = logging.getLogger(__name__)


def _v1_initial(database: SqliteDatabase) -> None:
    database.create_tables(models.ALL_MODELS, safe=True)


def add_missing_columns(database: SqliteDatabase, model: type[models.BaseModel],
                        *names: str) -> None:
    """Add the model's fields ``names`` to its table where they do not exist yet, so a
    step can run twice (and after a fresh v1 that already created them)."""
    table = model._meta.table_name
    present = {column.name for column in database.get_columns(table)}
    migrator = SchemaMigrator.from_database(database)
    operations = [migrator.add_column(table, model._meta.fields[name].column_name,
                                      model._meta.fields[name])
                  for name in names if model._meta.fields[name].column_name not in present]
    if operations:
        migrate(*operations)


def _v3_first_week(database: SqliteDatabase) -> None:
    add_missing_columns(database, models.Customer, "salutation", "academic_title")
    add_missing_columns(database, models.Project, "site_note")


# An appointment that has a start but no end lasts this long until somebody says otherwise.
DEFAULT_APPOINTMENT_DURATION = timedelta(hours=2)


def _v4_planning(database: SqliteDatabase) -> None:
    """Planning board (P1): employee colours, an index on appointment starts, and an end for
    every appointment that has a start but none (start + 2 hours)."""
    add_missing_columns(database, models.Employee, "color")
    database.execute_sql('CREATE INDEX IF NOT EXISTS "appointment_start" ON "appointment" ("start")')
    appointment = models.Appointment
    open_ended = (appointment.select(appointment.id, appointment.start)
                  .where(appointment.start.is_null(False) & appointment.end.is_null(True)))
    for row in open_ended:
        start = row.start
        if isinstance(start, datetime):
            (appointment.update(end=start + DEFAULT_APPOINTMENT_DURATION)
             .where(appointment.id == row.id).execute())


def _v5_e_invoice(database: SqliteDatabase) -> None:
    add_missing_columns(database, models.Customer, "buyer_reference", "government_agency",
                        "e_invoice")


# (version, description, step). Append only; never edit a released step.
MIGRATIONS: list[tuple[int, str, Callable[[SqliteDatabase], None]]] = [
    (1, "initial schema", _v1_initial),
    (3, "salutation and title of persons, job-site note of projects", _v3_first_week),
    (4, "planning board: employee colours, appointment ends", _v4_planning),
    (5, "e-invoice fields of customers", _v5_e_invoice),
]

LATEST_VERSION = MIGRATIONS[-1][0]


def current_version(database: SqliteDatabase) -> int:
    if not database.table_exists(models.SchemaVersion._meta.table_name):
        return 0
    row = models.SchemaVersion.select().order_by(models.SchemaVersion.version.desc()).first()
    return row.version if row else 0


def backup(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    shutil.copy2(path, target)
    return target


def run_migrations(database: SqliteDatabase, path: Path | None) -> int:
    """Bring the schema to LATEST_VERSION; returns the version reached."""
    version = current_version(database)
    # By the recorded versions, not only the highest: steps of parallel branches get their
    # numbers in advance, so a database may hold 5 but not yet 3.
    applied = ({row.version for row in models.SchemaVersion.select()} if version else set())
    pending = [m for m in MIGRATIONS if m[0] not in applied]
    if not pending:
        return version
    if path is not None and version > 0:
        # Flush WAL content into the main file so the copy is complete.
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        target = backup(path, version)
        log.info("Database backup before migration: %s", target.name)
    for number, description, step in pending:
        with database.atomic():
            step(database)
            models.SchemaVersion.create(version=number)
        log.info("Migrated database to version %s (%s)", number, description)
    return max(version, pending[-1][0])
