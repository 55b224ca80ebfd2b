"""SPEC H7 (one import per database across processes) and H9 (an invoice that creates its
customer while an import runs) against the demo sevDesk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from craftdesk.api.client import SevdeskClient
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services import invoices
from craftdesk.services.importer import ImportRunningError, run_import
from craftdesk.store import settings
from craftdesk.store.db import db
from craftdesk.store.locks import FileLock, import_lock, lock_path
from craftdesk.store.models import Appointment, Customer, Job, Project, SyncRun

ROOT = Path(__file__).resolve().parents[2]


def _cli(data_dir: Path, url: str, *argv: str) -> subprocess.Popen[str]:
    env = dict(os.environ, CRAFTDESK_API_TOKEN=DEMO_TOKEN, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "craftdesk", "--data-dir", str(data_dir), "--api-url", url, *argv],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def test_H7_an_import_while_another_holds_the_database_says_so_and_leaves_its_run_alone(
    sandbox, data_dir, database
):
    if os.environ.get("CRAFTDESK_TEST_ENGINE") == "postgresql":
        pytest.skip("holds SQLite's file lock; the PostgreSQL advisory lock is tested in tests/postgres")
    other_run = SyncRun.create(kind="all", trigger="manual", status="running")
    holder = import_lock(db)  # as another process would hold it
    assert isinstance(holder, FileLock) and holder.acquire()
    try:
        proc = _cli(data_dir, sandbox.url, "sync")
        _out, err = proc.communicate(timeout=60)
    finally:
        holder.release()
    assert proc.returncode == 5, err
    lines = [line for line in err.splitlines() if line.startswith("craftdesk:")]
    assert len(lines) == 1 and "läuft bereits ein Abgleich" in lines[0]
    assert "Traceback" not in err
    assert SyncRun.get_by_id(other_run.id).status == "running"  # not marked "unterbrochen"


def test_H7_two_imports_started_together_never_end_in_an_error(sandbox, tmp_path):
    for trial in range(3):
        folder = tmp_path / f"trial{trial}"
        folder.mkdir()
        procs = [_cli(folder, sandbox.url, "sync") for _ in range(2)]
        results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
        for p in procs:
            for stream in (p.stdout, p.stderr):
                if stream:
                    stream.close()
        codes = sorted(code for code, _ in results)
        if codes not in ([0, 0], [0, 5]):  # the log says which step met the lock
            logs = "".join(f.read_text(encoding="utf-8", errors="replace") for f in folder.rglob("*.log"))
            raise AssertionError(f"{results}\n{logs[-6000:]}")
        assert all("Unerwarteter Fehler" not in err for _, err in results)


def test_H7_the_lock_dies_with_its_holder(tmp_path):
    database_file = tmp_path / "craftdesk.sqlite3"
    script = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from craftdesk.store.locks import FileLock
        lock = FileLock({str(lock_path(database_file))!r})
        assert lock.acquire()
        print("held", flush=True)
        time.sleep(60)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
        mine = FileLock(lock_path(database_file))
        assert not mine.acquire(wait=0.3)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        assert mine.acquire(wait=2)
        mine.release()
    finally:
        if proc.poll() is None:
            proc.kill()
        if proc.stdout:
            proc.stdout.close()


def test_H7_in_one_process_a_second_import_is_refused_while_the_first_runs(ctx, client):
    holder = import_lock(db)
    assert holder.acquire()
    try:
        started = time.monotonic()
        with pytest.raises(ImportRunningError):
            run_import(client, "customers")
        assert time.monotonic() - started < 10
    finally:
        holder.release()
    assert run_import(client, "customers").status == "ok"


# --- H9 ----------------------------------------------------------------------------------


def _local_customer_project() -> tuple[Customer, Project]:
    settings.set("hourly_rate", "50.00")
    customer = Customer.create(kind="organisation", company="Neubau Hoffmann GmbH", customer_number="L-9001")
    project = Project.create(title="Neubau Bad", customer=customer)
    job = Job.create(project=project, title="Neubau Bad")
    Appointment.create(
        job=job, title="Fliesen", status="done", start=datetime(2026, 3, 2, 8), hours=Decimal("3")
    )
    return customer, project


def test_H9_an_import_between_contact_commit_and_answer_makes_no_second_customer(ctx, sandbox, client):
    customer, project = _local_customer_project()
    importer = SevdeskClient(sandbox.url, DEMO_TOKEN)
    real_post = client.post

    def post(path: str, body: dict):
        answer = real_post(path, body)
        if path == "/Contact":  # sevDesk has committed; our answer is still on its way
            run_import(importer, "customers")
        return answer

    client.post = post  # type: ignore[method-assign]
    draft = invoices.send_invoice(client, project.id, today=date(2026, 3, 10), e_invoice=False)
    assert draft.state == "sent"
    same_number = list(Customer.select().where(Customer.customer_number == "L-9001"))
    assert [c.id for c in same_number] == [customer.id]
    assert same_number[0].sevdesk_id


def test_H9_a_lost_contact_answer_then_an_import_then_a_retry_succeeds(ctx, sandbox, client):
    from craftdesk.api.errors import SevdeskError

    customer, project = _local_customer_project()
    sandbox.faults.add(path="/Contact", method="POST", kind="commit_then_drop", times=1)
    with pytest.raises(SevdeskError):
        invoices.send_invoice(client, project.id, today=date(2026, 3, 10), e_invoice=False)
    run_import(SevdeskClient(sandbox.url, DEMO_TOKEN), "customers")
    assert Customer.select().where(Customer.customer_number == "L-9001").count() == 1
    draft = invoices.send_invoice(client, project.id, today=date(2026, 3, 10), e_invoice=False)
    assert draft.state == "sent"
    assert Customer.select().where(Customer.customer_number == "L-9001").count() == 1
    assert Customer.get_by_id(customer.id).sevdesk_id


def test_H7_processes_opening_one_new_database_together_all_get_it_migrated(tmp_path):
    failures = []
    for trial in range(4):
        target = tmp_path / f"t{trial}" / "craftdesk.sqlite3"
        code = (
            f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
            f"from craftdesk.store.db import open_database; open_database({str(target)!r})"
        )
        procs = [
            subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True)
            for _ in range(3)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            if proc.returncode:
                failures.append(err.strip().splitlines()[-1:])
    assert failures == []
