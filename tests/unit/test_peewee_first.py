"""peewee comes without the PostgreSQL driver until a server database is made: psycopg
cost 0.1–0.2 s of every start of the window and of every command, for team mode only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def fresh(code: str) -> dict[str, object]:
    """Run ``code`` in a new interpreter (nothing imported yet) and read its JSON line."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_app_and_its_sqlite_database_start_without_psycopg(tmp_path):
    out = fresh(
        "import json, sys\n"
        "import craftdesk.ui.app, craftdesk.store.migrations\n"
        "from craftdesk.store.db import open_database, close_database\n"
        f"open_database({str(tmp_path / 'x.sqlite3')!r}); close_database()\n"
        "import peewee\n"
        "print(json.dumps({'psycopg': 'psycopg' in sys.modules, 'peewee_psycopg': peewee.psycopg is None}))"
    )
    assert out == {"psycopg": False, "peewee_psycopg": True}


def test_a_server_database_hands_peewee_the_driver():
    out = fresh(
        "import json, sys\n"
        "import craftdesk.store.db\n"
        "import peewee\n"
        "before = peewee.psycopg is None\n"
        "from craftdesk.store.engine import parse_server_url\n"
        "from craftdesk.store.postgres import ServerDatabase\n"
        "database = ServerDatabase(parse_server_url('postgresql://u@127.0.0.1:9/craftdesk'))\n"
        "import psycopg\n"
        "adapter = database._adapter\n"
        "print(json.dumps({'before': before, 'driver': peewee.psycopg is psycopg,\n"
        "    'adapter': type(adapter).__name__, 'idle': adapter.txn_idle == psycopg.pq.TransactionStatus.IDLE,\n"
        "    'json': adapter.json_type is psycopg.types.json.Json}))"
    )
    assert out == {"before": True, "driver": True, "adapter": "Psycopg3Adapter", "idle": True, "json": True}
