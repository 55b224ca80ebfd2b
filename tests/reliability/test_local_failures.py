"""Local failures: a locked database, a full disk, a damaged database, no keyring.

Each ends in one German sentence and exit 5, a known condition and no bug (H15; never a traceback), and the data the user
already has stays exactly as it was.
"""

from __future__ import annotations

import errno
import hashlib
import importlib
import sqlite3

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest
from rel_support import add_customer, counts, db_path, diff, integrity, one_sentence, run_cli, snapshot

from craftdesk.store.db import PRAGMAS

store_db = importlib.import_module("craftdesk.store.db")  # the package's `db` is the proxy

# --- locked by another process -------------------------------------------------------------


@pytest.fixture
def short_busy_timeout(monkeypatch):
    """Wait 0.2 s for a lock instead of 5 s (and opening 1 s instead of 30 s), so a lock held
    "too long" is quick to test."""
    monkeypatch.setitem(PRAGMAS, "busy_timeout", 200)
    monkeypatch.setattr(store_db, "OPEN_WAIT", 1.0)


def test_write_lock_held_by_another_process_gives_clear_error_and_loses_nothing(
    cli_env, synced, sandbox, data_dir, short_busy_timeout
):
    first = sandbox.data.all("Contact")[0]["id"]
    sandbox.data.update("Contact", first, description="Neue Beschreibung aus sevDesk")
    other = sqlite3.connect(db_path(data_dir), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the write lock and does not let go
    other.execute("INSERT INTO setting (key, value) VALUES ('probe', '1')")
    try:
        code, _out, err = run_cli([*cli_env, "sync"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 5
    assert one_sentence(err) and "gesperrt" in err and "nichts verloren" in err, err
    assert snapshot(db_path(data_dir)) == synced, diff(synced, snapshot(db_path(data_dir)))
    # Once the other writer is gone, the next run goes through.
    code, _out, err = run_cli([*cli_env, "sync"])
    assert code == 0, err
    assert integrity(db_path(data_dir)) == "ok"
    descriptions = {
        row[0] for row in sqlite3.connect(db_path(data_dir)).execute("SELECT description FROM customer")
    }
    assert "Neue Beschreibung aus sevDesk" in descriptions


def test_exclusive_lock_at_start_is_a_lock_not_damage(cli_env, synced, data_dir, short_busy_timeout):
    """A lock that even blocks readers must not be mistaken for a damaged file."""
    other = sqlite3.connect(db_path(data_dir), isolation_level=None)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO setting (key, value) VALUES ('probe', '1')")
    try:
        code, _out, err = run_cli([*cli_env, "sync"])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert code == 5
    assert one_sentence(err) and "gesperrt" in err and "beschädigt" not in err, err
    assert not list(data_dir.glob("*.damaged-*"))
    assert snapshot(db_path(data_dir)) == synced


def test_H7_a_lock_held_briefly_at_start_is_waited_out(cli_env, synced, data_dir, monkeypatch):
    """Two programs starting together: a lock held longer than one busy timeout while the
    other opens is waited for (up to OPEN_WAIT), not reported as an error."""
    import threading

    monkeypatch.setitem(PRAGMAS, "busy_timeout", 200)
    other = sqlite3.connect(db_path(data_dir), isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA locking_mode=EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO setting (key, value) VALUES ('probe', '1')")
    released = threading.Timer(1.5, lambda: (other.execute("ROLLBACK"), other.close()))
    released.start()
    try:
        code, _out, err = run_cli([*cli_env, "employee", "list"])
    finally:
        released.join()
    assert code == 0, err
    assert "gesperrt" not in err


# --- disk full ------------------------------------------------------------------------------


def _grow_sevdesk(sandbox, n: int = 150) -> str:
    """New customers (the database must grow) plus a change to an existing one."""
    for i in range(n):
        add_customer(sandbox.data, i)
    first = sandbox.data.all("Contact")[0]["id"]
    sandbox.data.update("Contact", first, description="Geändert, während die Platte voll ist")
    return first


def test_disk_full_during_import_rolls_back_and_says_so(cli_env, synced, sandbox, data_dir, monkeypatch):
    """A real SQLITE_FULL: the database may not grow beyond its current size."""
    _grow_sevdesk(sandbox)
    conn = sqlite3.connect(db_path(data_dir))
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.close()
    monkeypatch.setitem(PRAGMAS, "max_page_count", pages + 2)
    code, _out, err = run_cli([*cli_env, "sync", "customers"])
    assert code == 5
    assert one_sentence(err) and "kein Platz" in err, err
    after = snapshot(db_path(data_dir))
    assert after == synced, diff(synced, after)
    assert integrity(db_path(data_dir)) == "ok"
    # With space again, the same run completes and converges.
    monkeypatch.delitem(PRAGMAS, "max_page_count")
    code, _out, err = run_cli([*cli_env, "sync"])
    assert code == 0, err
    assert counts(snapshot(db_path(data_dir)))["customer"] == counts(synced)["customer"] + 150


def test_enospc_in_the_middle_of_an_import_transaction_rolls_back(
    cli_env, synced, sandbox, data_dir, monkeypatch
):
    """OSError(ENOSPC) after some rows of the transaction were already written."""
    from craftdesk.services import customer_store  # where the customers are written
    from craftdesk.store import bulk

    _grow_sevdesk(sandbox, 20)
    real_insert = bulk.bulk_insert_joined
    calls = []

    def insert_then_fail(model, columns, rows, sep, same=None, truths=()):
        real_insert(model, columns, rows, sep, same, truths)
        calls.append(model.__name__)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(customer_store, "bulk_insert_joined", insert_then_fail)
    code, _out, err = run_cli([*cli_env, "sync", "customers"])
    assert calls, "the fault was never reached"
    assert code == 5
    assert one_sentence(err) and "kein Platz" in err, err
    after = snapshot(db_path(data_dir))
    assert after == synced, diff(synced, after)


def test_enospc_while_writing_an_export_keeps_the_previous_file(
    cli_env, synced, data_dir, monkeypatch, tmp_path
):
    import os

    (tmp_path / "out").mkdir()
    tmp_path = tmp_path / "out"
    target = tmp_path / "kunden.json"
    target.write_text("[]\n", encoding="utf-8")
    real_fdopen = os.fdopen

    class FullFile:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            self.handle.write(data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: FullFile(real_fdopen(fd, *a, **k)))
    code, _out, err = run_cli([*cli_env, "export", "customers", "-o", str(target)])
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert code == 5
    assert one_sentence(err) and str(target) in err, err
    assert target.read_text(encoding="utf-8") == "[]\n"
    assert [p.name for p in tmp_path.iterdir()] == ["kunden.json"]  # no half-written temp file


# --- damaged database at start -------------------------------------------------------------


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _damage(path, how: str) -> None:
    data = bytearray(path.read_bytes())
    if how == "garbage":
        data = bytearray(b"Das ist keine Datenbank. " * 400)
    elif how == "header":
        data[:100] = b"\xff" * 100
    elif how == "middle_page":
        page = int.from_bytes(data[16:18], "big") or 65536
        start = page * (len(data) // page // 2)
        data[start : start + page] = b"\xa5" * page
    elif how == "truncated":
        page = int.from_bytes(data[16:18], "big") or 65536
        data = data[: page * (len(data) // page // 2) + 17]
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["garbage", "header", "middle_page", "truncated"])
@pytest.mark.parametrize("command", [["sync"], ["export", "customers"]])
def test_damaged_database_is_reported_kept_and_copied(cli_env, synced, data_dir, how, command):
    path = db_path(data_dir)
    sqlite3.connect(path).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()
    _damage(path, how)
    before = _sha(path)
    code, out, err = run_cli([*cli_env, *command])
    assert code == 5
    assert one_sentence(err), err
    assert "beschädigt" in err and "nicht verändert" in err and str(path) in err, err
    copies = [
        c for c in data_dir.glob("craftdesk.sqlite3.damaged-*") if not c.name.endswith(("-wal", "-shm"))
    ]
    assert len(copies) == 1 and str(copies[0]) in err
    main_copy = copies[0]
    assert _sha(path) == before, "the damaged file was changed"
    assert _sha(main_copy) == before
    assert out == ""


def test_damaged_database_with_wal_is_never_checkpointed_or_replaced(cli_env, synced, data_dir, tmp_path):
    """Committed data waiting in the WAL (as after a crash) is part of what must be kept."""
    path = db_path(data_dir)
    wal = path.with_name(path.name + "-wal")
    # Build the crashed state elsewhere: a writer with committed, not checkpointed pages.
    work = tmp_path / "crashed"
    work.mkdir()
    (work / path.name).write_bytes(path.read_bytes())
    writer = sqlite3.connect(work / path.name)
    writer.execute("PRAGMA journal_mode=wal")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE customer SET description = 'nur im WAL'")
    writer.commit()
    path.write_bytes((work / path.name).read_bytes())
    wal.write_bytes((work / (path.name + "-wal")).read_bytes())
    writer.close()
    assert wal.stat().st_size > 0
    _damage(path, "middle_page")
    before = (_sha(path), _sha(wal))
    code, _out, err = run_cli([*cli_env, "sync"])
    assert code == 5 and "beschädigt" in err, err
    assert (_sha(path), _sha(wal)) == before, "the damaged database or its WAL was changed"
    wal_copy = list(data_dir.glob("craftdesk.sqlite3.damaged-*-wal"))
    assert len(wal_copy) == 1 and _sha(wal_copy[0]) == before[1]
    # A second start reports again and still replaces nothing; the copy of this same damage
    # is not made again (H11).
    code, _out, err = run_cli([*cli_env, "sync"])
    assert code == 5 and "beschädigt" in err
    assert (_sha(path), _sha(wal)) == before
    assert (
        len(
            [c for c in data_dir.glob("craftdesk.sqlite3.damaged-*") if not c.name.endswith(("-wal", "-shm"))]
        )
        == 1
    )


# --- no keyring backend ---------------------------------------------------------------------


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring, keyring.backends.null.Keyring])
def test_no_keyring_keeps_token_for_the_session_only_and_says_so(monkeypatch, sandbox, data_dir, backend):
    from craftdesk.sandbox import DEMO_TOKEN

    keyring.set_keyring(backend())
    argv = ["--data-dir", str(data_dir), "--api-url", sandbox.url]
    code, out, err = run_cli([*argv, "connect", "--token-stdin"], stdin=DEMO_TOKEN + "\n")
    assert code == 0, err
    assert "Verbunden" in out
    assert "Schlüsselbund" in err and "nur für diesen Aufruf" in err, err
    assert DEMO_TOKEN.encode() not in db_path(data_dir).read_bytes()
    # The next process has no token and says how to connect (exit 5: a precondition, since
    # sevDesk was never asked), it does not crash.
    code, _out, err = run_cli([*argv, "sync"])
    assert code == 5
    assert one_sentence(err) and "kein sevDesk-API-Token" in err, err


def test_keyring_that_fails_on_write_falls_back_to_the_session(
    memory_keyring, monkeypatch, sandbox, data_dir
):
    """A keyring that exists but refuses to store (locked keychain, D-Bus error)."""
    from keyring.errors import PasswordSetError

    from craftdesk.sandbox import DEMO_TOKEN

    def refuse(*args):
        raise PasswordSetError("locked")

    monkeypatch.setattr(memory_keyring, "set_password", refuse)
    argv = ["--data-dir", str(data_dir), "--api-url", sandbox.url]
    code, _out, err = run_cli([*argv, "connect", "--token-stdin"], stdin=DEMO_TOKEN)
    assert code == 0, err
    assert "nur für diesen Aufruf" in err
    assert memory_keyring.store == {}
