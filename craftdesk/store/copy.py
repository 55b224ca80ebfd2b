"""Copy every record from one database into another, ids kept (T2, K1, K2).

Used to move the local SQLite file onto the team's server (``db copy --to``), to make a
SQLite copy of the server (``db copy --from``, the server's daily backup) and to restore a
backup into the server. Both sides are migrated to the same schema first; the target must
be empty unless ``replace`` is asked for; afterwards the rows of every table are counted
on both sides, and any difference is an error.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from peewee import Database, DataError, Model, sort_models  # type: ignore[attr-defined]

from . import models
from .engine import is_server, run_sql
from .migrations import current_version, run_migrations

log = logging.getLogger(__name__)

CHUNK = 500


class CopyError(RuntimeError):
    """The copy cannot be made (target not empty, counts differ); one German sentence."""


@dataclass
class CopyResult:
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows copied

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def data_models() -> list[type[Model]]:
    """Every model with data, parents before children (foreign keys)."""
    return [m for m in sort_models(models.ALL_MODELS) if m is not models.SchemaVersion]


# Every query names its database (query.bind): the models stay bound to the app's database,
# so a backup on a helper thread never redirects what the window reads.


def counts(database: Database) -> dict[str, int]:
    return {m._meta.table_name: m.select().bind(database).count() for m in data_models()}


def is_empty(database: Database) -> bool:
    for model in data_models():
        if database.table_exists(model._meta.table_name) and model.select().bind(database).exists():
            return False
    return True


def prepare(database: Database) -> int:
    """Create or migrate the schema of ``database``; returns its version."""
    run_migrations(database, None)
    return current_version(database)


def _rows(model: type[Model], database: Database) -> Iterator[list[tuple[object, ...]]]:
    fields = model._meta.sorted_fields
    key = model._meta.primary_key
    last = None
    while True:
        query = model.select(*fields).order_by(key).limit(CHUNK)
        if last is not None:
            query = query.where(key > last)
        batch: list[tuple[object, ...]] = list(query.bind(database).tuples())  # type: ignore[arg-type]
        if not batch:
            return
        last = batch[-1][fields.index(key)]
        yield batch


def _clear(database: Database) -> None:
    for model in reversed(data_models()):
        model.delete().bind(database).execute()


def _reset_sequences(database: Database) -> None:
    """PostgreSQL hands out ids from sequences; after inserting ids they must continue above."""
    if not is_server(database):
        return
    for model in data_models():
        key: Any = model._meta.primary_key
        if key.field_type != "AUTO":
            continue
        table, column = model._meta.table_name, key.column_name
        run_sql(
            database,
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f'COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)',
        )


def copy_database(source: Database, target: Database, replace: bool = False) -> CopyResult:
    """Copy all records of ``source`` into ``target`` (ids kept) and verify the counts."""
    version = prepare(source)
    target_version = prepare(target)
    if target_version != version:
        raise CopyError(
            f"Die Datenbanken haben verschiedene Versionen ({version} und "
            f"{target_version}); bitte beide mit derselben craftdesk-Version öffnen."
        )
    if not is_empty(target) and not replace:
        raise CopyError("Die Zieldatenbank enthält schon Daten; kopiert wird nur in eine leere Datenbank.")
    result = CopyResult()
    with target.atomic():
        if replace:
            _clear(target)
        for model in data_models():
            fields = model._meta.sorted_fields
            copied = 0
            for batch in _rows(model, source):
                try:
                    model.insert_many(batch, fields=fields).bind(target).as_rowcount().execute()
                except DataError as exc:  # a text longer than the server's column, say
                    raise CopyError(
                        f"Ein Eintrag der Tabelle „{model._meta.table_name}“ passt nicht in die "
                        f"Zieldatenbank ({str(exc).splitlines()[0]}); nichts wurde kopiert."
                    ) from exc
                copied += len(batch)
            result.counts[model._meta.table_name] = copied
        _reset_sequences(target)
    after = counts(target)
    if after != result.counts or counts(source) != result.counts:
        raise CopyError(
            "Nach dem Kopieren stimmen die Anzahlen nicht überein; bitte die Zieldatenbank nicht verwenden."
        )
    log.info("Copied %d rows in %d tables", result.total, len(result.counts))
    return result
