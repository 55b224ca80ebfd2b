"""Schema versions. Each step is atomic and safe to run twice; the file is copied
before any step runs on an existing database."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

from peewee import Database, SchemaManager, sort_models  # type: ignore[attr-defined]
from playhouse.migrate import SchemaMigrator, migrate

from ..clock import utcnow
from . import models
from .engine import is_server, run_sql

log = logging.getLogger(__name__)


def _v1_initial(database: Database) -> None:
    # A schema manager per model names the database: db copy and backups create the schema
    # of a second database while the models stay bound to the app's.
    for model in sort_models(models.ALL_MODELS):
        SchemaManager(model, database).create_all(safe=True)


def add_missing_columns(database: Database, model: type[models.BaseModel], *names: str) -> None:
    """Add the model's fields ``names`` to its table where they do not exist yet, so a
    step can run twice (and after a fresh v1 that already created them)."""
    table = model._meta.table_name
    present = {column.name for column in database.get_columns(table)}
    migrator = SchemaMigrator.from_database(database)
    operations = [
        migrator.add_column(table, model._meta.fields[name].column_name, model._meta.fields[name])
        for name in names
        if model._meta.fields[name].column_name not in present
    ]
    if operations:
        migrate(*operations)


def _v3_first_week(database: Database) -> None:
    add_missing_columns(database, models.Customer, "salutation", "academic_title")
    add_missing_columns(database, models.Project, "site_note")


# An appointment that has a start but no end lasts this long until somebody says otherwise.
DEFAULT_APPOINTMENT_DURATION = timedelta(hours=2)


def _v4_planning(database: Database) -> None:
    """Planning board (P1): employee colours, an index on appointment starts, and an end for
    every appointment that has a start but none (start + 2 hours)."""
    add_missing_columns(database, models.Employee, "color")
    database.execute_sql('CREATE INDEX IF NOT EXISTS "appointment_start" ON "appointment" ("start")')
    appointment = models.Appointment
    # Queries bound to ``database``: db copy and backups migrate a second database.
    open_ended = (
        appointment.select(appointment.id, appointment.start)
        .where(appointment.start.is_null(False) & appointment.end.is_null(True))
        .bind(database)
    )
    for row in open_ended:
        start = row.start
        if isinstance(start, datetime):
            # without the edit counter: it comes with step 6, after this one
            (
                appointment.update_unversioned(end=start + DEFAULT_APPOINTMENT_DURATION)
                .where(appointment.id == row.id)
                .bind(database)
                .execute()
            )


def _v5_e_invoice(database: Database) -> None:
    add_missing_columns(database, models.Customer, "buyer_reference", "government_agency", "e_invoice")


def _v6_team(database: Database) -> None:
    """Team mode: edit versions (T5), one pending draft per project enforced by the
    database itself (T4), change notifications on the server (T6)."""
    for model in models.VERSIONED_MODELS:
        table = model._meta.table_name
        if "version" not in {c.name for c in database.get_columns(table)}:
            run_sql(database, f'ALTER TABLE "{table}" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 1')
    run_sql(
        database,
        'CREATE UNIQUE INDEX IF NOT EXISTS "invoice_draft_one_pending" '
        'ON "invoice_draft" ("project_id") WHERE "state" = \'pending\'',
    )
    if is_server(database):
        from .notify import install_triggers

        install_triggers(database)


def _v2_invoices_under_control(database: Database) -> None:
    """V1/V2/V8: prices of planned lines, free-text worksheet lines, the frozen proposal
    and payment status of drafts, stored proposal edits. Safe to run twice."""
    add_missing_columns(database, models.PlannedMaterial, "net_price", "vat_rate")
    add_missing_columns(database, models.UsedArticle, "text", "unit", "net_price", "vat_rate", "planned")
    add_missing_columns(
        database,
        models.InvoiceDraft,
        "proposal",
        "payment_status",
        "number",
        "sum_gross",
        "paid_amount",
        "status_checked_at",
    )
    used = models.UsedArticle._meta.table_name
    article = next(c for c in database.get_columns(used) if c.name == "article_id")
    if not article.null:  # free-text worksheet lines have no article
        migrate(SchemaMigrator.from_database(database).drop_not_null(used, "article_id"))
    SchemaManager(models.InvoiceEdit, database).create_all(safe=True)


def _v7_invoice_claim(database: Database) -> None:
    add_missing_columns(database, models.InvoiceDraft, "claim")


def _v8_notify_owners(database: Database) -> None:
    """T6: the server's change notifications of addresses, assignments, materials and drafts
    name the customer, appointment or project they belong to (store.notify.NOTIFY_KEY), so a
    view refreshes that record instead of re-reading its whole table. Triggers only; no
    table changes; nothing to do on SQLite. Safe to run twice."""
    if is_server(database):
        from .notify import install_triggers

        install_triggers(database)


# (version, description, step). Append only; never edit a released step.
MIGRATIONS: list[tuple[int, str, Callable[[Database], None]]] = [
    (1, "initial schema", _v1_initial),
    (2, "invoices under the office's control", _v2_invoices_under_control),
    (3, "salutation and title of persons, job-site note of projects", _v3_first_week),
    (4, "planning board: employee colours, appointment ends", _v4_planning),
    (5, "e-invoice fields of customers", _v5_e_invoice),
    (6, "team mode: versions, one pending draft, notifications", _v6_team),
    (7, "claim token of invoice drafts", _v7_invoice_claim),
    (8, "team mode: change notifications name the record a row belongs to", _v8_notify_owners),
]

LATEST_VERSION = MIGRATIONS[-1][0]


def current_version(database: Database) -> int:
    if not database.table_exists(models.SchemaVersion._meta.table_name):
        return 0
    query = models.SchemaVersion.select().order_by(models.SchemaVersion.version.desc())
    row = query.bind(database).first()
    return row.version if row else 0


def backup(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    shutil.copy2(path, target)
    return target


def applied_versions(database: Database) -> set[int]:
    if not database.table_exists(models.SchemaVersion._meta.table_name):
        return set()
    query = models.SchemaVersion.select(models.SchemaVersion.version).bind(database)
    return {row.version for row in query}


def run_migrations(database: Database, path: Path | None, existing: bool | None = None) -> int:
    """Bring the schema to LATEST_VERSION; returns the version reached.

    Every step not yet recorded runs (also one numbered below the newest recorded one: the
    steps of parallel branches land in any order). ``path`` is the SQLite file to copy
    first; None for a server database (its backups are K1's snapshots). ``existing``: the
    file held data before it was opened; then it is copied first, also before the very
    first step (H11).
    """
    version = current_version(database)
    # By the recorded versions, not only the highest: steps of parallel branches get their
    # numbers in advance, so a database may hold 5 but not yet 3.
    applied = applied_versions(database)
    pending = [m for m in MIGRATIONS if m[0] not in applied]
    if not pending:
        return version
    if existing is None:
        existing = version > 0
    if path is not None and existing and not is_server(database):
        # Flush WAL content into the main file so the copy is complete.
        database.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        target = backup(path, version)
        log.info("Database backup before migration: %s", target.name)
    with _foreign_keys_off(database):
        for number, description, step in pending:
            with database.atomic():
                step(database)
                # bound to ``database`` explicitly: db copy and backups migrate a second database
                table = models.SchemaVersion._meta.table_name
                mark = database.param
                run_sql(
                    database,
                    f'INSERT INTO "{table}" ("version", "applied_at") VALUES ({mark}, {mark})',
                    (number, str(utcnow())),
                )
            log.info("Migrated database to version %s (%s)", number, description)
    return max(version, pending[-1][0])


@contextmanager
def _foreign_keys_off(database: Database) -> Iterator[None]:
    """SQLite changes a column (e.g. a new NOT NULL column) by copying the table and
    dropping the old one; with foreign keys on, that drop cascades like a DELETE and would
    remove every job, appointment and address of the rows copied. So the steps run with
    foreign keys off (outside a transaction, as SQLite requires) and are checked after."""
    if is_server(database):
        yield
        return
    enabled = bool(database.execute_sql("PRAGMA foreign_keys").fetchone()[0])
    if enabled:
        database.execute_sql("PRAGMA foreign_keys=OFF")
    try:
        yield
        broken = database.execute_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            log.warning("Foreign key check after migrating found %d rows, e.g. %s", len(broken), broken[0])
    finally:
        if enabled:
            database.execute_sql("PRAGMA foreign_keys=ON")
