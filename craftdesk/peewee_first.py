"""peewee without the PostgreSQL driver until a server database is opened.

peewee imports psycopg (with libpq and its type registry) at its own import whenever it is
installed: 0.1–0.2 s of every start of the window and of every command (a seventh of
the first paint), for team mode only (T1). The package imports peewee first
(``craftdesk/__init__``) with psycopg held back; :func:`psycopg_for_peewee` gives peewee
the driver when a server database is made (``store.postgres``). Where psycopg was imported
already (a test, the self-check), peewee takes it as usual.
"""

from __future__ import annotations

import importlib
import sys


def import_peewee() -> None:
    """Import peewee with psycopg held back, and its migration module without the
    CockroachDB support it tries to load (which imports psycopg through peewee's
    PostgreSQL extensions; craftdesk never migrates a CockroachDB)."""
    _import_holding_back("peewee", "psycopg")
    _import_holding_back("playhouse.migrate", "playhouse.cockroachdb")


def _import_holding_back(name: str, held: str) -> None:
    """Import ``name`` while ``import held`` fails (a None entry in sys.modules does that)."""
    if name in sys.modules or held in sys.modules:
        return
    sys.modules[held] = None  # type: ignore[assignment]
    try:
        importlib.import_module(name)
    finally:
        if sys.modules.get(held, 0) is None:
            del sys.modules[held]


def psycopg_for_peewee() -> None:
    """Give peewee the driver it did not get at its import (what its import would have set)."""
    import peewee

    if getattr(peewee, "psycopg", None) is not None:
        return
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    adapter = getattr(peewee, "Psycopg3Adapter", None)
    if adapter is None:  # a peewee this code does not know: say so instead of failing later
        raise RuntimeError(f"peewee {getattr(peewee, '__version__', '?')} has no psycopg 3 adapter")
    peewee.psycopg = psycopg  # type: ignore[attr-defined]
    peewee.TransactionStatus = TransactionStatus  # type: ignore[attr-defined]
    peewee.Json_pg3, peewee.Jsonb_pg3 = Json, Jsonb  # type: ignore[attr-defined]
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
