"""SPEC H11: a newer schema is refused untouched, every migration of an existing file is
backed up first, a damaged file is copied aside once; migrations merged out of order."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest

from craftdesk import cli
from craftdesk.store import migrations
from craftdesk.store.db import close_database, open_database
from craftdesk.store.models import Customer


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _make_db(data_dir):
    path = data_dir / "craftdesk.sqlite3"
    open_database(path)
    Customer.create(company="Bäckerei Schröder")
    close_database()
    return path


def test_H11_a_database_of_a_newer_craftdesk_is_refused_and_left_untouched(data_dir, capsys):
    path = _make_db(data_dir)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, '2030-01-01')")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(path)
    files_before = sorted(p.name for p in data_dir.iterdir())
    code = cli.main(["--data-dir", str(data_dir), "export", "customers"])
    err = capsys.readouterr().err
    assert code == 5
    lines = [line for line in err.splitlines() if line.startswith("craftdesk:")]
    assert len(lines) == 1 and "neueren craftdesk-Version" in lines[0]
    assert _digest(path) == before
    # No backup, no copy, no migration: only SQLite's own -wal/-shm of a reader may appear.
    after = sorted(p.name for p in data_dir.iterdir() if not p.name.endswith(("-wal", "-shm")))
    assert [n for n in after if n != "logs"] == [n for n in files_before if n != "logs"]


def test_H11_the_first_migration_of_an_existing_file_makes_a_backup(data_dir):
    path = data_dir / "craftdesk.sqlite3"
    conn = sqlite3.connect(path)  # a file from before schema versions: data, no version
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('Aufmaß Küche')")
    conn.commit()
    conn.close()
    open_database(path)
    close_database()
    backups = list(data_dir.glob("craftdesk.sqlite3.v0-*.bak"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT text FROM notes").fetchall() == [("Aufmaß Küche",)]
    copy.close()


def test_H11_a_new_empty_database_needs_no_backup(data_dir):
    open_database(data_dir / "craftdesk.sqlite3")
    close_database()
    assert list(data_dir.glob("*.bak")) == []


def test_H11_a_damaged_file_is_copied_aside_once_not_on_every_start(data_dir, capsys):
    path = _make_db(data_dir)
    path.write_bytes(b"Das ist keine Datenbank. " * 400)
    for _ in range(3):
        assert cli.main(["--data-dir", str(data_dir), "export", "customers"]) == 5
    capsys.readouterr()
    copies = [p for p in data_dir.glob("craftdesk.sqlite3.damaged-*")]
    assert len(copies) == 1
    path.write_bytes(b"Anders kaputt. " * 400)  # new damage: a new copy
    cli.main(["--data-dir", str(data_dir), "export", "customers"])
    assert len(list(data_dir.glob("craftdesk.sqlite3.damaged-*"))) == 2


def test_H11_a_step_merged_with_a_lower_number_than_the_newest_still_runs(data_dir, monkeypatch):
    path = _make_db(data_dir)
    ran: list[int] = []
    steps = [m for m in migrations.MIGRATIONS]
    numbers = {n for n, _, _ in steps}
    lower = min(set(range(0, max(numbers))) - numbers)  # a free number below the newest
    merged = sorted([*steps, (lower, "late merge", lambda database: ran.append(lower))])
    monkeypatch.setattr(migrations, "MIGRATIONS", merged)
    open_database(path)
    close_database()
    assert ran == [lower]


@pytest.fixture(autouse=True)
def _closed():
    yield
    close_database()


def test_H15_a_locked_database_or_a_full_disk_during_work_is_said_not_unexpected(database, monkeypatch):
    """An import (or a save) meeting a locked database or a full disk: the run, the
    window's message and the order import name the cause; they said 'Unerwarteter Fehler
    (OperationalError)' before, although nothing was a bug."""
    import sqlite3

    from craftdesk.services.storage import short_reason
    from craftdesk.sync.messages import error_message

    locked = sqlite3.OperationalError("database is locked")
    full = sqlite3.OperationalError("database or disk is full")
    assert "gesperrt" in short_reason(locked) and "kein Platz" in short_reason(full)
    assert "gesperrt" in error_message(locked) and "kein Platz" in error_message(full)
    assert short_reason(ValueError("a bug")) is None and error_message(ValueError("x")) == ""


def test_R3_an_import_stopped_by_a_locked_database_records_why(database, sandbox, client, monkeypatch):
    import sqlite3

    from craftdesk.services import customers
    from craftdesk.services.importer import run_import
    from craftdesk.store.models import SyncRun

    def locked(*_args, **_kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(customers, "sync_customers", locked)
    with pytest.raises(sqlite3.OperationalError):
        run_import(client, "all")
    run = SyncRun.select().order_by(SyncRun.id.desc()).first()
    assert run.status == "failed" and "gesperrt" in run.error and "Unerwartet" not in run.error


def test_T7_the_servers_refusal_is_named(tmp_path):
    """A wrong password and a misspelt database name were told like a server that is down."""
    import psycopg.errors
    from peewee import OperationalError

    from craftdesk.services.storage import storage_message

    def told(exc: BaseException) -> str:
        return storage_message("server", exc, tmp_path, tmp_path / "craftdesk.log")

    wrapped = OperationalError(psycopg.errors.InvalidPassword("password authentication failed"))
    assert "Passwort falsch" in told(wrapped)
    # What psycopg raises when connecting: no SQLSTATE, the server's own words
    failed = 'connection failed: connection to server at "nas", port 5432 failed: FATAL:  '
    for words in (
        'password authentication failed for user "buero"',
        "Passwort-Authentifizierung für Benutzer »buero« fehlgeschlagen",
    ):
        assert "Passwort falsch" in told(psycopg.OperationalError(failed + words))
    for words in ('database "craftdeks" does not exist', "Datenbank »craftdeks« existiert nicht"):
        assert "gibt es auf dem Datenbankserver nicht" in told(psycopg.OperationalError(failed + words))
    assert "nicht erreichbar" in told(psycopg.OperationalError("connection refused"))
