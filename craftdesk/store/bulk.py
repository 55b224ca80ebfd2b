"""Bulk writes for the imports: thousands of rows per statement.

executemany on the connection inside the caller's db.atomic(): one prepared statement
for thousands of rows, several times faster than building an INSERT per chunk. Callers
pass values already in their database form (text, numbers, 0/1); on PostgreSQL 0/1 of a
boolean column become False/True here. Updates count as edits: a versioned record (T5)
gets a new version.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from itertools import chain, islice
from typing import Any

from peewee import BooleanField, Model

from .engine import is_server
from .models import db


def tuples(query: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of a peewee query as plain tuples (peewee's typing knows only model rows)."""
    return iter(query.tuples())


def raw_rows(query: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of a peewee SELECT as the driver returns them, without peewee's per-row
    conversion: for text and integer columns the same values, several times cheaper
    (booleans come as 0/1 on SQLite)."""
    return iter(db.execute(query))


def column_value(field: Any, value: Any) -> Any:
    """``value`` in the database form of a model field, for the raw bulk statements. A
    date-time goes to SQLite as the text its driver would make of it, once instead of
    once per row."""
    value = field.db_value(value)
    if isinstance(value, datetime) and not is_server(db.obj):
        return value.isoformat(" ")  # what sqlite3's default adapter writes
    return value


def chunks(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _col(model: type[Model], name: str) -> str:
    return f'"{model._meta.fields[name].column_name}"'


def _run(model: type[Model], columns: Sequence[str], sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
    database = db.obj
    if is_server(database):
        flags = [i for i, c in enumerate(columns) if isinstance(model._meta.fields.get(c), BooleanField)]
        if flags:
            rows = (
                tuple(bool(v) if i in flags and v is not None else v for i, v in enumerate(row))
                for row in rows
            )
        database.executemany(sql.replace("?", "%s"), rows)
    else:
        database.connection().executemany(sql, rows)


#: At most this many bound values in one statement: SQLite before 3.32 allowed 999.
_MAX_VALUES = 999
#: Rows per INSERT on SQLite: one statement for several rows spares the driver a step and
#: a reset per row (about a sixth of the inserts' CPU on an import of 10,000 customers).
_ROWS_PER_INSERT = 32


def bulk_insert(
    model: type[Model],
    columns: Sequence[str],
    rows: Iterable[tuple[Any, ...]],
    same: Mapping[str, Any] | None = None,
) -> None:
    """``rows`` may be a generator: the rows are then never all in memory at once.
    ``same``: columns with one value for every row, given once instead of in each row (on
    SQLite bound once per statement)."""
    if isinstance(rows, list) and not rows:
        return
    shared = tuple((same or {}).values())
    every = [*columns, *(same or {})]
    head = f'INSERT INTO "{model._meta.table_name}" ({", ".join(_col(model, c) for c in every)}) VALUES '
    if is_server(db.obj):
        one = "(" + ", ".join("?" for _ in every) + ")"
        _run(model, every, head + one, (row + shared for row in rows) if shared else rows)
        return
    width = len(columns)
    per = max(1, min(_ROWS_PER_INSERT, (_MAX_VALUES - len(shared)) // width))
    connection = db.obj.connection()
    flat = chain.from_iterable
    source = iter(rows)
    rest: list[tuple[Any, ...]] = []

    def groups() -> Iterator[tuple[Any, ...]]:
        while True:
            group = list(islice(source, per))
            if len(group) < per:
                rest.extend(group)
                return
            yield (*flat(group), *shared)

    connection.executemany(_values(head, width, len(shared), per), groups())
    if rest:
        connection.execute(_values(head, width, len(shared), len(rest)), (*flat(rest), *shared))


def bulk_insert_joined(
    model: type[Model],
    columns: Sequence[str],
    rows: Iterable[str],
    sep: str,
    same: Mapping[str, Any] | None = None,
    truths: Collection[str] = (),
) -> None:
    """Rows given each as one text, the values of ``columns`` joined by ``sep``: on SQLite
    the rows of a statement are joined and split once, so no tuple is made per row.
    ``truths``: columns whose values come as "True" or "False" (SQLite compares them in
    the statement). ``same`` as for :func:`bulk_insert`."""
    width = len(columns)
    if is_server(db.obj):
        flags = [i for i, column in enumerate(columns) if column in truths]

        def split(row: str) -> tuple[Any, ...]:
            values: list[Any] = _split(row, sep, 1, width)
            for i in flags:
                values[i] = values[i] == "True"
            return tuple(values)

        bulk_insert(model, columns, map(split, rows), same)
        return
    shared = tuple((same or {}).values())
    every = [*columns, *(same or {})]
    head = f'INSERT INTO "{model._meta.table_name}" ({", ".join(_col(model, c) for c in every)}) VALUES '
    per = max(1, min(_ROWS_PER_INSERT, (_MAX_VALUES - len(shared)) // width))
    forms = ["(? = 'True')" if column in truths else "?" for column in columns]
    source = iter(rows)
    rest: list[str] = []

    def groups() -> Iterator[list[Any]]:
        while True:
            group = list(islice(source, per))
            if len(group) < per:
                rest.extend(group)
                return
            yield _split(sep.join(group), sep, per, width) + list(shared)

    connection = db.obj.connection()
    connection.executemany(_values(head, width, len(shared), per, forms), groups())
    if rest:
        values = _split(sep.join(rest), sep, len(rest), width) + list(shared)
        connection.execute(_values(head, width, len(shared), len(rest), forms), values)


def _split(joined: str, sep: str, rows: int, width: int) -> list[str]:
    values = joined.split(sep)
    if len(values) != rows * width:  # a value with the separator in it
        raise ValueError(f"{len(values)} joined values do not make {rows} rows of {width}")
    return values


def _values(head: str, width: int, shared: int, rows: int, forms: Sequence[str] = ()) -> str:
    """The INSERT of ``rows`` rows of ``width`` values each and then ``shared`` values that
    every row repeats (bound after the rows' values). ``forms``: each column's expression
    of its value ``?`` (the value itself by default)."""
    if not shared and not forms:
        one = "(" + ", ".join(["?"] * width) + ")"
        return head + ", ".join([one] * rows)
    forms = forms or ["?"] * width
    tail = "".join(f", ?{rows * width + k + 1}" for k in range(shared))
    return head + ", ".join(
        f"({', '.join(forms[c].replace('?', f'?{r * width + c + 1}') for c in range(width))}{tail})"
        for r in range(rows)
    )


def bulk_insert_packed(
    model: type[Model], columns: Sequence[str], parents: Sequence[Sequence[Any]], at: int, sep: str
) -> None:
    """Child rows given per parent: ``parent[0]`` its id and ``parent[at]`` the values of
    its rows joined by ``sep`` ("" for none). ``columns``: the parent's, those of the values,
    and the position's (0, 1, … within a parent). On SQLite each parent's id is bound once
    and the positions are part of the statement, so no tuple is made per row: parents with
    the same number of rows go in together, several to a statement."""
    width = len(columns) - 2
    if is_server(db.obj):
        bulk_insert(model, columns, _packed_rows(parents, at, width, sep))
        return
    names = ", ".join(_col(model, c) for c in columns)
    head = f'INSERT INTO "{model._meta.table_name}" ({names}) VALUES '
    alike: dict[int, list[Sequence[Any]]] = {}  # parents by their number of separators
    for parent in parents:
        if parent[at]:
            alike.setdefault(parent[at].count(sep), []).append(parent)
    for count in sorted(alike):
        same = alike.pop(count)
        rows, odd = divmod(count + 1, width)
        if odd:  # a value with the separator in it: the rows cannot be told apart
            raise ValueError(f"{count + 1} packed values do not make rows of {width}")
        if 1 + rows * width > _MAX_VALUES:  # hundreds of rows: one statement each
            bulk_insert(model, columns, _packed_rows(same, at, width, sep))
        else:
            _insert_alike(head, width, rows, same, at, sep)


def _insert_alike(head: str, width: int, rows: int, parents: list[Sequence[Any]], at: int, sep: str) -> None:
    """Parents of ``rows`` rows each, several to a statement: first their ids, then the
    values of all their rows, split from their packed texts joined (so no tuple is made
    per parent or row)."""
    per = max(1, min(_ROWS_PER_INSERT // rows, _MAX_VALUES // (1 + rows * width)))
    whole = len(parents) - len(parents) % per

    def values(group: Sequence[Sequence[Any]]) -> tuple[Any, ...]:
        return (*[parent[0] for parent in group], *sep.join([parent[at] for parent in group]).split(sep))

    connection = db.obj.connection()
    connection.executemany(
        _alike(head, width, rows, per),
        (values(parents[start : start + per]) for start in range(0, whole, per)),
    )
    if whole < len(parents):
        connection.execute(_alike(head, width, rows, len(parents) - whole), values(parents[whole:]))


def _alike(head: str, width: int, rows: int, parents: int) -> str:
    """The INSERT of ``parents`` parents of ``rows`` rows: ?1 … the parents' ids, then the
    values of the first parent's rows, of the next parent's …; the positions written out."""
    return head + ", ".join(
        f"(?{p + 1}, {', '.join(f'?{parents + 1 + (p * rows + r) * width + c}' for c in range(width))}, {r})"
        for p in range(parents)
        for r in range(rows)
    )


def _packed_rows(
    parents: Iterable[Sequence[Any]], at: int, width: int, sep: str
) -> Iterator[tuple[Any, ...]]:
    for parent in parents:
        if parent[at]:
            values = iter(parent[at].split(sep))
            for position, row in enumerate(zip(*[values] * width, strict=True)):
                yield (parent[0], *row, position)


def inserted_ids(model: type[Model], count: int) -> range | None:
    """The ids SQLite gave the ``count`` rows this connection inserted into ``model``'s
    table last, one after another (``bulk_insert``), in their order; None on PostgreSQL
    or when that cannot be shown. SQLite gives a new row the highest id plus one, so those
    rows are the table's ``count`` highest ids, without gaps, unless the table once held
    the highest possible id (then ids are random, and its highest id is not the last
    row's): a count and a maximum over the range show it."""
    if count <= 0 or is_server(db.obj):
        return None
    connection = db.obj.connection()
    last = connection.execute("SELECT last_insert_rowid()").fetchone()[0]
    first = last - count + 1
    found, highest = connection.execute(
        f'SELECT count(*), max("id") FROM "{model._meta.table_name}" WHERE "id" >= ?', (first,)
    ).fetchone()
    return range(first, last + 1) if (found, highest) == (count, last) else None


def bulk_update(model: type[Model], columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
    """Rows are the new values of ``columns`` followed by the primary key."""
    if not rows:
        return
    sets = ", ".join(f"{_col(model, c)} = ?" for c in columns)
    if "version" in model._meta.fields and "version" not in columns:
        sets += ', "version" = "version" + 1'
    sql = f'UPDATE "{model._meta.table_name}" SET {sets} WHERE "id" = ?'
    _run(model, [*columns, "id"], sql, rows)


def bulk_delete_children(model: type[Model], fk: str, parent_ids: list[int]) -> None:
    if not parent_ids:
        return
    sql = f'DELETE FROM "{model._meta.table_name}" WHERE {_col(model, fk)} = ?'
    _run(model, [fk], sql, [(pid,) for pid in parent_ids])
