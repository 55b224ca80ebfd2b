"""The proxy every model is bound to, the base model with its edit counter (T5), and the
bookkeeping tables: the schema version and the settings."""

from __future__ import annotations

from typing import Any

from peewee import (
    SQL,
    AutoField,
    CharField,
    DatabaseProxy,
    DateTimeField,
    IntegerField,
    Model,
    ModelUpdate,
    TextField,
)

from ..clock import utcnow
from ..limits import OutOfRangeError

# The one proxy every model is bound to; store.db opens a database and binds it here
# (models and the proxy together, opening and migrating apart: no import circle).
db = DatabaseProxy()


class BaseModel(Model):
    """Records with a ``version`` field (T5) get a new version with every update, whoever
    writes it (a dialog, the import, another workstation), so a save that started from an
    older version can tell that it lost the race (store.versioning)."""

    class Meta:
        database = db
        legacy_table_names = False

    @classmethod
    def update(cls, data: Any = None, /, **update: Any) -> ModelUpdate:
        query = super().update(data, **update)
        version = cls._meta.fields.get("version")
        values: dict[Any, Any] = query._update  # type: ignore[attr-defined]
        if version is not None and version not in values:
            values[version] = version + 1
        return query

    @classmethod
    def update_unversioned(cls, **update: Any) -> ModelUpdate:
        """An update that leaves ``version`` alone (migration steps before step 6)."""
        return super().update(None, **update)

    def save(self, force_insert: bool = False, only: Any = None) -> Any:
        meta = self._meta
        record: Any = self  # peewee's private helpers (_pk, _pk_expr) are untyped
        _check_lengths(meta.sorted_fields, record.__data__)
        updating = "version" in meta.fields and record._pk is not None and not force_insert
        if updating and only is None:
            only = [f for f in meta.sorted_fields if f.name != "version" and f is not meta.primary_key]
        rows = super().save(force_insert=force_insert, only=only)
        if updating and rows:
            model: Any = type(self)
            record.version = model.select(model.version).where(record._pk_expr()).scalar()
        return rows


def _check_lengths(fields: Any, data: dict[str, Any]) -> None:
    """H10 for text: a PostgreSQL server refuses a text longer than its column (SQLite
    would keep it, and a later copy to the server would fail), so neither keeps it."""
    for field in fields:
        value = data.get(field.name)
        if isinstance(field, CharField) and isinstance(value, str) and len(value) > (field.max_length or 255):
            raise OutOfRangeError(
                f"„{value[:40]}…“ ist zu lang: höchstens {field.max_length or 255} Zeichen."
            )


def version_field() -> IntegerField:
    """The edit counter of T5 (migration 6); a SQL default, so bulk inserts get 1 too."""
    return IntegerField(default=1, constraints=[SQL("DEFAULT 1")])


class SchemaVersion(BaseModel):
    id = AutoField()
    version = IntegerField()
    applied_at = DateTimeField(default=utcnow)


class Setting(BaseModel):
    key = CharField(primary_key=True)
    value = TextField(null=True)
