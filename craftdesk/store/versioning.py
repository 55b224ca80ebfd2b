"""No lost updates (T5): a save claims the version it started from.

Every update of a versioned record raises its ``version`` (models.BaseModel). A dialog
remembers the version it showed; :func:`claim_version` raises it once more only when it is
still that one, inside the caller's transaction. On PostgreSQL that UPDATE also locks the
row until the commit, so of two workstations saving at the same moment the second waits and
then finds a new version; on SQLite the write lock does the same.
"""

from __future__ import annotations

from typing import Any

from peewee import Model


def claim_version(model: type[Model], row_id: int, expected: int) -> bool:
    """True when the row still has version ``expected`` (and now has the next one)."""
    table: Any = model  # the versioned models have a ``version`` field (models.version_field)
    rows = (
        table.update({table.version: table.version + 1})
        .where((table._meta.primary_key == row_id) & (table.version == expected))
        .execute()
    )
    return bool(rows)
