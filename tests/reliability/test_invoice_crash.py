"""Invoice drafts when the process dies between request and answer (SPEC I5).

`craftdesk invoice` runs as a real process and is killed with SIGKILL — at a precise
moment (sevDesk has committed the draft and not yet answered) and at random moments
(seeded). The next attempt finds the draft by its reference: exactly one draft per
project in sevDesk, never a second contact for the same customer.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from rel_support import db_path, integrity, one_sentence, run_cli

from craftdesk.api.client import SevdeskClient
from craftdesk.clock import utcnow
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services import invoices
from craftdesk.store import settings
from craftdesk.store.db import close_database, open_database
from craftdesk.store.models import Address, Appointment, Customer, InvoiceDraft, Job, Project

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL is POSIX")

SAVE = "/Invoice/Factory/saveInvoice"


class SlowAnswer:
    """Wraps the sandbox's dispatcher: a saveInvoice is committed, then answered late.

    ``posts`` counts the saveInvoice requests sevDesk processed (the sandbox's own request
    log only lists requests that got an answer).
    """

    def __init__(self, sandbox, seconds: float) -> None:
        self.real = sandbox.api.dispatch
        self.seconds = seconds
        self.posts = 0
        self.in_flight = 0
        self.lock = threading.Lock()
        self.released = threading.Event()
        sandbox.api.dispatch = self

    def __call__(self, method, path, query, body):
        result = self.real(method, path, query, body)
        if method == "POST" and path == SAVE:
            with self.lock:
                self.posts += 1
                self.in_flight += 1
            try:
                self.released.wait(self.seconds)
            finally:
                with self.lock:
                    self.in_flight -= 1
        return result

    def release(self) -> None:
        """Answer the waiting requests now and every later one at once."""
        self.seconds = 0
        self.released.set()

    def settle(self) -> None:
        deadline = time.monotonic() + 10
        while self.in_flight and time.monotonic() < deadline:
            time.sleep(0.01)


def make_projects(sandbox, data_dir, n: int, bound: list[bool]) -> list[int]:
    """``n`` projects, each with one finished appointment; customers bound to a sevDesk
    contact or local only (with a customer number sevDesk does not know)."""
    open_database(db_path(data_dir))
    try:
        settings.set("hourly_rate", "58.00")
        settings.set("hourly_vat_rate", "19")
        contact = next(c for c in sandbox.data.all("Contact") if c["customerNumber"] == "10002")
        known = Customer.get_or_none(Customer.sevdesk_id == contact["id"])
        ids = []
        for i in range(n):
            if bound[i]:
                customer = known or Customer.create(
                    kind="organisation",
                    e_invoice=False,
                    company=contact["name"],
                    customer_number="10002",
                    sevdesk_id=contact["id"],
                )
                known = customer
            else:
                customer = Customer.create(
                    kind="organisation",
                    e_invoice=False,
                    company=f"Neu am Ort {i} GmbH",
                    customer_number=f"L-{7000 + i}",
                )
            if not Address.select().where(Address.customer == customer).exists():
                Address.create(
                    customer=customer,
                    kind="billing",
                    street=f"Marktplatz {i + 1}",
                    zip="71634",
                    city="Ludwigsburg",
                )
            project = Project.create(title=f"Bad {i}", customer=customer)
            job = Job.create(project=project, title=f"Bad {i}")
            Appointment.create(
                job=job, title="Montage", status="done", start=datetime(2026, 3, 2, 8), hours=Decimal(2)
            )
            ids.append(project.id)
        return ids
    finally:
        close_database()


def spawn_invoice(sandbox, data_dir, project_id: int) -> subprocess.Popen:
    env = dict(os.environ, CRAFTDESK_API_TOKEN=DEMO_TOKEN)
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "craftdesk",
            "--data-dir",
            str(data_dir),
            "--api-url",
            sandbox.url,
            "invoice",
            str(project_id),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def references_of(data_dir, project_id: int) -> set[str]:
    open_database(db_path(data_dir))
    try:
        return {d.reference for d in InvoiceDraft.select().where(InvoiceDraft.project == project_id)}
    finally:
        close_database()


def sandbox_invoices(sandbox, references: set[str]) -> list[dict]:
    return [i for i in sandbox.data.all("Invoice") if i["customerInternalNote"] in references]


def age_lease(data_dir) -> None:
    """Let the in-flight lease of a killed process pass (instead of waiting two minutes)."""
    open_database(db_path(data_dir))
    try:
        InvoiceDraft.update(sent_at=utcnow() - invoices.LEASE - timedelta(seconds=1)).where(
            (InvoiceDraft.state == "pending") & InvoiceDraft.sent_at.is_null(False)
        ).execute()
    finally:
        close_database()


def local_state(data_dir, project_id: int) -> tuple[list[tuple[str, str | None]], int]:
    open_database(db_path(data_dir))
    try:
        drafts = [
            (d.state, d.sevdesk_id) for d in InvoiceDraft.select().where(InvoiceDraft.project == project_id)
        ]
        open_appointments = (
            Appointment.select()
            .join(Job)
            .where((Job.project == project_id) & Appointment.invoice.is_null())
            .count()
        )
        return drafts, open_appointments
    finally:
        close_database()


def test_I5_killed_after_sevdesk_committed_finds_the_draft_by_reference(sandbox, data_dir, monkeypatch):
    (project_id,) = make_projects(sandbox, data_dir, 1, [True])
    slow = SlowAnswer(sandbox, seconds=30)
    proc = spawn_invoice(sandbox, data_dir, project_id)
    deadline = time.monotonic() + 30
    while not slow.in_flight and time.monotonic() < deadline:  # committed, answer pending
        time.sleep(0.01)
    assert slow.in_flight, "saveInvoice never arrived"
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=10) == -signal.SIGKILL
    slow.release()
    slow.settle()
    refs = references_of(data_dir, project_id)
    assert len(refs) == 1 and len(sandbox_invoices(sandbox, refs)) == 1
    assert integrity(db_path(data_dir)) == "ok"

    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    argv = ["--data-dir", str(data_dir), "--api-url", sandbox.url, "invoice", str(project_id)]
    # Within the lease the request may still be in progress: no resend, a clear answer.
    code, out, err = run_cli(argv)
    assert code == 5 and one_sentence(err) and "erneut versuchen" in err, err
    age_lease(data_dir)
    code, out, err = run_cli(argv)
    assert code == 0, err
    (invoice,) = sandbox_invoices(sandbox, refs)
    assert out.splitlines()[0] == invoice["id"]
    assert slow.posts == 1  # never resent
    assert local_state(data_dir, project_id) == ([("sent", invoice["id"])], 0)
    # A further click has nothing left to invoice.
    code, out, err = run_cli(argv)
    assert code == 5 and len(sandbox_invoices(sandbox, references_of(data_dir, project_id))) == 1


def test_I5_commit_then_drop_and_a_failing_lookup_settle_on_the_next_attempt(sandbox, data_dir):
    (project_id,) = make_projects(sandbox, data_dir, 1, [False])
    sandbox.faults.add(path=SAVE, method="POST", kind="commit_then_drop", times=1)
    sandbox.faults.add(path="/Invoice", method="GET", kind="status", status=503, times=None)
    client = SevdeskClient(sandbox.url, DEMO_TOKEN, sleep=lambda s: None)
    open_database(db_path(data_dir))
    try:
        with pytest.raises(invoices.InvoiceOutcomeUnknown):
            invoices.send_invoice(client, project_id)
        sandbox.faults.clear()
        draft = invoices.send_invoice(client, project_id)
    finally:
        close_database()
        client.close()
    refs = references_of(data_dir, project_id)
    assert len(refs) == 1
    (invoice,) = sandbox_invoices(sandbox, refs)
    assert draft.sevdesk_id == invoice["id"]
    assert [r.method for r in sandbox.requests if r.path == SAVE] == ["POST"]
    assert len([c for c in sandbox.data.all("Contact") if c["customerNumber"] == "L-7000"]) == 1


TRIALS = 8


@pytest.mark.soak
def test_I5_invoice_killed_at_random_moments_ends_with_exactly_one_draft(sandbox, data_dir, monkeypatch):
    rng = random.Random(1105)
    bound = [i % 2 == 0 for i in range(TRIALS + 1)]
    projects = make_projects(sandbox, data_dir, TRIALS + 1, bound)
    slow = SlowAnswer(sandbox, seconds=0.3)
    # Calibrate: how long one complete run takes (spawn to exit).
    started = time.monotonic()
    calibration = spawn_invoice(sandbox, data_dir, projects[-1])
    assert calibration.wait(timeout=60) == 0, calibration.stderr.read()
    window = time.monotonic() - started
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    outcomes = []
    for i, project_id in enumerate(projects[:-1]):
        posts_before = slow.posts
        proc = spawn_invoice(sandbox, data_dir, project_id)
        time.sleep(rng.uniform(0.0, window))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        returncode = proc.wait(timeout=30)
        slow.settle()
        sent_by_killed = slow.posts - posts_before
        assert integrity(db_path(data_dir)) == "ok"
        age_lease(data_dir)
        code, _out, err = run_cli(
            ["--data-dir", str(data_dir), "--api-url", sandbox.url, "invoice", str(project_id)]
        )
        # 0: this attempt finished the draft; 5: the killed run had finished it already.
        assert code in (0, 5), err
        refs = references_of(data_dir, project_id)
        found = sandbox_invoices(sandbox, refs)
        assert len(found) == 1, (i, returncode, code, err, refs)
        drafts, open_appointments = local_state(data_dir, project_id)
        assert [d for d in drafts if d[0] == "sent"] == [("sent", found[0]["id"])]
        assert open_appointments == 0
        if not bound[i]:
            numbers = [c for c in sandbox.data.all("Contact") if c["customerNumber"] == f"L-{7000 + i}"]
            assert len(numbers) == 1, f"customer L-{7000 + i} created {len(numbers)} times"
        assert slow.posts - posts_before == 1, "saveInvoice sent twice for one project"
        outcomes.append((returncode, sent_by_killed, code))
    assert any(rc == -signal.SIGKILL for rc, _, _ in outcomes), outcomes
