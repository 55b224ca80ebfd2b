"""Helpers of the reliability suite: database snapshots, CLI runs, sandbox data changes.

A snapshot is what the user owns, independent of local row ids and write times: every
row of every data table, with foreign keys replaced by the parent's natural key (its
sevDesk id where it has one). Two databases with equal snapshots hold the same data;
a doubled or lost row shows up as a difference.
"""

from __future__ import annotations

import contextlib
import io
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

from craftdesk import config

# Bookkeeping tables: they record runs and settings, not the user's data.
BOOKKEEPING = {"sync_run", "setting", "schema_version"}
VOLATILE = {
    "id",
    "created_at",
    "updated_at",
    "sent_at",
    "applied_at",
    "version",
}  # version: edits counted (T5)
NATURAL_KEYS = ("sevdesk_id", "sevdesk_order_id", "reference", "customer_number", "number", "title", "name")


def db_path(data_dir: Path) -> Path:
    return Path(data_dir) / config.DB_FILENAME


def connect_ro(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)


def integrity(path: Path) -> str:
    conn = connect_ro(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def snapshot(path: Path, tables: set[str] | None = None) -> dict[str, Counter[tuple[Any, ...]]]:
    """Rows per data table as a multiset of tuples (row ids and timestamps left out)."""
    conn = connect_ro(path)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        result: dict[str, Counter[tuple[Any, ...]]] = {}
        for table in sorted(names):
            if table in BOOKKEEPING or (tables is not None and table not in tables):
                continue
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
            fks = {r[3]: r[2] for r in conn.execute(f'PRAGMA foreign_key_list("{table}")')}
            select = []
            joins = []
            for i, col in enumerate(columns):
                if col in fks:
                    parent = fks[col]
                    parent_cols = {r[1] for r in conn.execute(f'PRAGMA table_info("{parent}")')}
                    key = next((k for k in NATURAL_KEYS if k in parent_cols), "id")
                    alias = f"p{i}"
                    joins.append(f'LEFT JOIN "{parent}" {alias} ON {alias}.id = t."{col}"')
                    select.append(f'{alias}."{key}"')
                elif col not in VOLATILE:
                    select.append(f't."{col}"')
            sql = f'SELECT {", ".join(select)} FROM "{table}" t {" ".join(joins)}'
            result[table] = Counter(tuple(row) for row in conn.execute(sql))
        return result
    finally:
        conn.close()


def counts(snap: dict[str, Counter[tuple[Any, ...]]]) -> dict[str, int]:
    return {table: sum(rows.values()) for table, rows in snap.items()}


def diff(
    a: dict[str, Counter[tuple[Any, ...]]], b: dict[str, Counter[tuple[Any, ...]]], limit: int = 5
) -> str:
    """A short readable difference for assertion messages."""
    lines = []
    for table in sorted(set(a) | set(b)):
        only_a = a.get(table, Counter()) - b.get(table, Counter())
        only_b = b.get(table, Counter()) - a.get(table, Counter())
        if only_a or only_b:
            lines.append(
                f"{table}: -{sum(only_a.values())} +{sum(only_b.values())} "
                f"e.g. -{list(only_a)[:limit]} +{list(only_b)[:limit]}"
            )
    return "\n".join(lines) or "no difference"


def run_cli(argv: list[str], stdin: str | None = None) -> tuple[int, str, str]:
    """craftdesk.cli.main in this process; returns (exit code, stdout, stderr).

    The database the command opened is closed afterwards, as at the end of a process.
    """
    import sys

    from craftdesk.cli import main
    from craftdesk.store.db import close_database

    out, err = io.StringIO(), io.StringIO()
    old_stdin = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        sys.stdin = old_stdin
        close_database()
    return code, out.getvalue(), err.getvalue()


def add_customer(data: Any, n: int) -> str:
    """A new sevDesk customer (category Kunde) with an invoice address and an e-mail."""
    contact_id = data.add(
        "Contact",
        {
            "name": f"Neukunde {n} GmbH",
            "customerNumber": f"9{n:05d}",
            "category": {"id": "3", "objectName": "Category"},
            "status": "1000",
            "description": f"Zuwachs {n} " + "x" * 200,
        },
    )
    invoice_cat = next(
        c for c in data.all("Category") if c.get("translationCode") == "CATEGORY_INVOICE_ADDRESS"
    )
    data.add(
        "ContactAddress",
        {
            "contact": {"id": contact_id, "objectName": "Contact"},
            "street": f"Neue Straße {n}",
            "zip": "70173",
            "city": "Stuttgart",
            "country": {"id": "1", "objectName": "StaticCountry"},
            "category": {"id": invoice_cat["id"], "objectName": "Category"},
        },
    )
    data.add(
        "CommunicationWay",
        {
            "contact": {"id": contact_id, "objectName": "Contact"},
            "type": "EMAIL",
            "value": f"neukunde{n}@example.de",
            "main": "1",
            "key": {"id": "2", "objectName": "CommunicationWayKey"},
        },
    )
    return contact_id


def one_sentence(text: str) -> bool:
    """A CLI error: one line, no traceback."""
    lines = [line for line in text.splitlines() if line.strip()]
    return len(lines) == 1 and "Traceback" not in text
