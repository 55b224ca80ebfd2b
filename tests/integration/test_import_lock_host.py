"""H7/T3: a refused import names the computer running the other one — on the SQLite file
too, where the holder writes its computer name into the import lock file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from craftdesk.services.importer import ImportRunningError, run_import
from craftdesk.store.db import db
from craftdesk.store.locks import FileLock, import_lock, lock_path
from craftdesk.sync.messages import error_message

ROOT = Path(__file__).resolve().parents[2]


def test_H7_the_sqlite_lock_file_names_its_holder_and_forgets_it_on_release(tmp_path):
    path = lock_path(tmp_path / "craftdesk.sqlite3")
    holder, other = FileLock(path), FileLock(path)
    assert other.holder() is None
    assert holder.acquire()
    assert other.holder() == socket.gethostname()
    assert not other.acquire()
    holder._write_name("ein-sehr-langer-rechnername")
    holder._write_name("pc2")  # a shorter name leaves nothing of the longer one
    assert other.holder() == "pc2"
    holder.release()
    assert other.holder() is None


def test_H7_the_name_is_read_from_another_process_holding_the_lock(tmp_path):
    path = lock_path(tmp_path / "craftdesk.sqlite3")
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from craftdesk.store import locks
        locks.this_computer = lambda: "werkstatt-pc"
        lock = locks.FileLock({str(path)!r})
        assert lock.acquire()
        print("held", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        assert FileLock(path).holder() == "werkstatt-pc"
    finally:
        proc.kill()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()


def test_H7_a_refused_import_names_the_computer_running_the_other(ctx, client):
    if os.environ.get("CRAFTDESK_TEST_ENGINE") == "postgresql":
        pytest.skip("SQLite's file lock; the server's lock names its holder in tests/postgres")
    holder = import_lock(db)
    assert isinstance(holder, FileLock) and holder.acquire()
    holder._write_name("buero-pc")  # as another workstation sharing the folder would
    try:
        with pytest.raises(ImportRunningError) as caught:
            run_import(client, "customers")
    finally:
        holder.release()
    text = str(caught.value)
    assert text.startswith("Abgleich läuft auf buero-pc:") and "bitte warten" in text
    assert error_message(caught.value) == text  # the German UI shows the same sentence
