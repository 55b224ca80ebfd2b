"""In-memory data of the demo sevDesk server.

Records are kept exactly as sevDesk puts them on the wire: string ids, numbers as
strings, references as ``{"id": "3", "objectName": "Category"}``, flags as ``"0"``/``"1"``
and ISO timestamps with a Berlin offset.  All access goes through one re-entrant lock,
so the HTTP threads, the test thread and the GUI can share one :class:`SandboxData`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from .tables import DEFAULT_ID_START, DEMO_COMPANY, FIELDS, NO_CLIENT, SEV_CLIENT, TABLES
from .wire import Record, clone, now_iso, parse_ts, to_berlin_iso

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison


class SandboxData:
    """Tables of sevDesk records keyed by objectName, safe to use from several threads."""

    def __init__(self, id_start: int | dict[str, int] | None = None) -> None:
        self._lock = threading.RLock()
        self._tables: dict[str, dict[str, Record]] = {name: {} for name in TABLES}
        self._sorted: dict[str, bool] = {name: True for name in TABLES}
        starts = dict(DEFAULT_ID_START)
        if isinstance(id_start, int):
            starts = {name: id_start for name in TABLES}
        elif isinstance(id_start, dict):
            starts.update(id_start)
        self._next_id: dict[str, int] = {name: starts.get(name, 1) for name in TABLES}
        self.company: dict[str, str] = dict(DEMO_COMPANY)

    # -- locking
    @property
    def lock(self) -> threading.RLock:
        """The lock guarding all tables; hold it to make several calls atomic."""
        return self._lock

    @contextmanager
    def transaction(self) -> Iterator[SandboxData]:
        with self._lock:
            yield self

    # -- internals
    def _table(self, object_name: str) -> dict[str, Record]:
        try:
            return self._tables[object_name]
        except KeyError:
            raise KeyError(f"unknown sandbox table {object_name!r}") from None

    def _ordered(self, object_name: str) -> list[Record]:
        table = self._table(object_name)
        if not self._sorted[object_name]:
            items = sorted(table.items(), key=lambda item: int(item[0]))
            table.clear()
            table.update(items)
            self._sorted[object_name] = True
        return list(table.values())

    # -- writing
    def add(self, object_name: str, fields: Record | None = None, *, id: str | int | None = None) -> str:
        """Store a new record and return its id (string).

        Missing standard fields are filled with ``None``; ``create``/``update`` default to
        now, ``sevClient`` to the demo client.  ``id`` (argument or ``fields["id"]``)
        overrides the automatic id.
        """
        fields = dict(fields or {})
        with self._lock:
            table = self._table(object_name)
            new_id = id if id is not None else fields.pop("id", None)
            fields.pop("id", None)
            if new_id is None:
                new_id = self._next_id[object_name]
                while str(new_id) in table:
                    new_id += 1
            new_id = str(new_id)
            if new_id in table:
                raise ValueError(f"{object_name} {new_id} exists already")
            number_id = int(new_id)
            if table and number_id < int(next(reversed(table))):
                self._sorted[object_name] = False
            self._next_id[object_name] = max(self._next_id[object_name], number_id + 1)
            stamp = None
            if "create" not in fields or "update" not in fields:
                stamp = now_iso()
            record: Record = {
                "id": new_id,
                "objectName": object_name,
                "create": fields.pop("create", stamp),
                "update": fields.pop("update", stamp),
            }
            for name in FIELDS.get(object_name, ()):
                record[name] = None
            if object_name not in NO_CLIENT:
                record["sevClient"] = dict(SEV_CLIENT)
            record.update(clone(fields))
            table[new_id] = record
            return new_id

    def update(self, object_name: str, id: str | int, **fields: Any) -> Record:
        """Merge fields into a record and bump its ``update`` (strictly increasing).

        Returns a copy of the updated record; raises KeyError when it does not exist.
        """
        with self._lock:
            record = self._table(object_name).get(str(id))
            if record is None:
                raise KeyError(f"{object_name} {id} not found")
            fields.pop("id", None)
            fields.pop("objectName", None)
            explicit = fields.pop("update", None)
            record.update(clone(fields))
            if explicit is not None:
                record["update"] = explicit
            else:
                record["update"] = self._next_update(record.get("update"))
            return clone(record)

    @staticmethod
    def _next_update(previous: str | None) -> str:
        now = datetime.now(timezone.utc).replace(microsecond=0)
        old = parse_ts(previous)
        if old is not None and now.timestamp() <= old:
            now = datetime.fromtimestamp(old + 1, timezone.utc)
        return to_berlin_iso(now)

    def delete(self, object_name: str, id: str | int) -> bool:
        """Remove a record; returns whether it existed."""
        with self._lock:
            return self._table(object_name).pop(str(id), None) is not None

    def change_id(self, object_name: str, old_id: str | int, new_id: str | int) -> None:
        """Give a record another id and rewrite every reference to it in all tables.

        Handy for tests that need e.g. address categories with other ids than the demo.
        """
        old_id, new_id = str(old_id), str(new_id)
        with self._lock:
            table = self._table(object_name)
            if old_id not in table:
                raise KeyError(f"{object_name} {old_id} not found")
            if new_id in table:
                raise ValueError(f"{object_name} {new_id} exists already")
            record = table.pop(old_id)
            record["id"] = new_id
            table[new_id] = record
            self._sorted[object_name] = False
            self._next_id[object_name] = max(self._next_id[object_name], int(new_id) + 1)
            for rows in self._tables.values():
                for row in rows.values():
                    for value in row.values():
                        if (
                            isinstance(value, dict)
                            and value.get("objectName") == object_name
                            and str(value.get("id")) == old_id
                        ):
                            value["id"] = new_id

    # -- reading
    def get(self, object_name: str, id: str | int) -> Record | None:
        with self._lock:
            record = self._table(object_name).get(str(id))
            return clone(record) if record is not None else None

    def read(self, object_name: str, id: str | int) -> Record:
        """A copy of a record that must exist (KeyError otherwise)."""
        record = self.get(object_name, id)
        if record is None:
            raise KeyError(f"{object_name} {id} not found")
        return record

    def exists(self, object_name: str, id: object) -> bool:
        if id is None:
            return False
        with self._lock:
            return str(id) in self._table(object_name)

    def all(self, object_name: str) -> list[Record]:
        """Copies of all records, sorted by numeric id."""
        with self._lock:
            return [clone(r) for r in self._ordered(object_name)]

    def select(
        self,
        object_name: str,
        predicate: Callable[[Record], bool] | None = None,
        *,
        offset: int = 0,
        limit: int | None = None,
        sort_key: Callable[[Record], SupportsRichComparison] | None = None,
    ) -> tuple[list[Record], int]:
        """Filtered page of copies plus the total number of matches (before paging)."""
        with self._lock:
            rows = self._ordered(object_name)
            if predicate is not None:
                rows = [r for r in rows if predicate(r)]
            if sort_key is not None:
                rows = sorted(rows, key=sort_key)
            total = len(rows)
            end = None if limit is None else offset + limit
            return [clone(r) for r in rows[offset:end]], total

    def count(self, object_name: str) -> int:
        with self._lock:
            return len(self._table(object_name))

    def find_category(
        self, object_type: str, *, name: str | None = None, translation_code: str | None = None
    ) -> Record | None:
        """First category (lowest id) of an objectType matching name and/or translation code."""
        with self._lock:
            for row in self._ordered("Category"):
                if row.get("objectType") != object_type:
                    continue
                if name is not None and row.get("name") != name:
                    continue
                if translation_code is not None and row.get("translationCode") != translation_code:
                    continue
                return clone(row)
        return None

    # -- persistence
    def to_json(self) -> Record:
        with self._lock:
            return {
                "format": "craftdesk-sandbox",
                "version": 1,
                "next_ids": dict(self._next_id),
                "tables": {name: [clone(r) for r in self._ordered(name)] for name in TABLES},
            }

    @classmethod
    def from_json(cls, obj: Record) -> SandboxData:
        data = cls(id_start=obj.get("next_ids") or None)
        for name, rows in (obj.get("tables") or {}).items():
            if name not in data._tables:
                continue
            table = data._tables[name]
            for row in rows:
                table[str(row["id"])] = clone(row)
            data._sorted[name] = False
            if table:
                highest = max(int(k) for k in table)
                data._next_id[name] = max(data._next_id[name], highest + 1)
        return data
