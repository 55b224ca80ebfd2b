"""Payment status back from the demo sevDesk over HTTP (SPEC V8): one bounded request per
import, draft → open → partially paid → paid or cancelled, shown in the export, and
projects whose invoices are all paid archived in one step."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
import requests

from craftdesk.cli import main
from craftdesk.errors import PreconditionError
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services import invoice_status, invoices, projects
from craftdesk.services.importer import run_import
from craftdesk.services.orders import import_order
from craftdesk.services.project_export import project_records
from craftdesk.store import settings
from craftdesk.store.db import close_database
from craftdesk.store.models import Appointment, InvoiceDraft


@pytest.fixture
def invoiced(sandbox, client, database):
    """AB-1042 imported, finished and sent to sevDesk as a draft."""
    settings.set("hourly_rate", "58.00")
    ab = next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == "AB-1042")
    project_id = import_order(client, ab).project_id
    appointment = Appointment.get()
    projects.take_over_planned(appointment.id)
    projects.set_appointment_done(appointment.id, Decimal(2), [])
    draft = invoices.send_invoice(client, project_id)
    return {"project_id": project_id, "draft": draft}


def _invoice_reads(sandbox) -> list:
    return [r for r in sandbox.requests if r.method == "GET" and r.path == "/Invoice"]


def _call(sandbox, method: str, path: str, body: dict | None = None) -> dict:
    """What the office does in sevDesk, over HTTP against the demo server."""
    answer = requests.request(
        method, f"{sandbox.url}{path}", json=body, headers={"Authorization": DEMO_TOKEN}, timeout=10
    )
    assert answer.status_code in (200, 201), answer.text
    return answer.json()["objects"]


def _entry(project_id: int) -> list[dict]:
    return next(p for p in project_records() if p["id"] == project_id)["invoices"]


def test_V8_status_is_read_in_one_bounded_request_per_import(sandbox, client, invoiced):
    draft = invoiced["draft"]
    sandbox.clear_requests()
    result = run_import(client, "all")
    reads = _invoice_reads(sandbox)
    assert len(reads) == 1
    assert reads[0].query["limit"] == "1000" and "updateAfter" in reads[0].query
    assert result.invoice_status.tracked == 1
    assert _entry(invoiced["project_id"]) == [
        {
            "sevdesk_id": draft.sevdesk_id,
            "number": None,
            "status": "draft",
            "sum_gross": sandbox.data.get("Invoice", draft.sevdesk_id)["sumGross"],
            "paid_amount": "0.00",
        }
    ]


def test_V8_open_partially_paid_paid_and_archive(sandbox, client, invoiced):
    draft, project_id = invoiced["draft"], invoiced["project_id"]
    invoice_id = draft.sevdesk_id
    _call(sandbox, "PUT", f"/Invoice/{invoice_id}/sendBy", {"sendType": "VPDF", "sendDraft": False})
    run_import(client, "all")
    entry = _entry(project_id)[0]
    assert entry["status"] == "open" and entry["number"].startswith("RE-")
    gross = Decimal(entry["sum_gross"])
    with pytest.raises(PreconditionError):
        invoice_status.archive_project(project_id)

    booking = {"date": 1767225600, "type": "N", "checkAccount": {"id": 1, "objectName": "CheckAccount"}}
    _call(sandbox, "PUT", f"/Invoice/{invoice_id}/bookAmount", {**booking, "amount": 100})
    run_import(client, "all")
    entry = _entry(project_id)[0]
    assert (entry["status"], entry["paid_amount"]) == ("partially_paid", "100.00")

    _call(sandbox, "PUT", f"/Invoice/{invoice_id}/bookAmount", {**booking, "amount": float(gross - 100)})
    result = run_import(client, "all")
    assert result.invoice_status.changed == 1
    entry = _entry(project_id)[0]
    assert entry == {
        "sevdesk_id": invoice_id,
        "number": entry["number"],
        "status": "paid",
        "sum_gross": f"{gross:.2f}",
        "paid_amount": f"{gross:.2f}",
    }
    assert invoice_status.archive_project(project_id) == 1
    assert {a.status for a in Appointment.select()} == {"archived"}


def test_V8_cancelled_via_the_cancellation_invoice(sandbox, client, invoiced):
    invoice_id = invoiced["draft"].sevdesk_id
    cancellation = _call(sandbox, "POST", f"/Invoice/{invoice_id}/cancelInvoice")
    assert cancellation["invoiceType"] == "SR" and cancellation["origin"]["id"] == invoice_id
    run_import(client, "all")
    assert _entry(invoiced["project_id"])[0]["status"] == "cancelled"
    with pytest.raises(PreconditionError):
        invoice_status.archive_project(invoiced["project_id"])
    # A cancelled invoice is not asked for again.
    sandbox.clear_requests()
    run_import(client, "all")
    assert _invoice_reads(sandbox) == []


def test_V8_no_invoices_no_request(sandbox, client, database):
    sandbox.clear_requests()
    run_import(client, "all")
    assert _invoice_reads(sandbox) == []


def test_V8_malformed_invoice_record_is_skipped_and_counted(sandbox, client, invoiced):
    bad = sandbox.data.add("Invoice", {"status": "kaputt", "invoiceType": "RE"})
    assert bad
    result = run_import(client, "all")
    assert result.status == "ok"
    assert result.invoice_status.skipped >= 1
    assert _entry(invoiced["project_id"])[0]["status"] == "draft"


@pytest.mark.parametrize(
    "amounts",
    [
        {"paidAmount": "1e-999999999"},  # written out, a gigabyte: every import ended with exit 1
        {"sumGross": "999999999999", "paidAmount": "-99999999999"},
    ],
)
def test_H10_V8_an_invoice_status_with_absurd_sums_is_skipped(sandbox, client, invoiced, amounts):
    sandbox.data.update("Invoice", invoiced["draft"].sevdesk_id, status="200", **amounts)
    result = run_import(client, "all")
    assert result.status == "ok" and result.invoice_status.skipped == 1
    assert _entry(invoiced["project_id"])[0]["status"] == "draft"  # as before, not junk
    draft = InvoiceDraft.get()
    assert draft.paid_amount == 0 and draft.sum_gross is not None and draft.sum_gross < 10_000


def test_I5_an_invoice_with_unreadable_sums_still_counts_as_sent(sandbox, client, invoiced):
    """Only id and reference are needed to recognise our invoice: sending again must not
    make a second one because sevDesk sent a sum craftdesk cannot read."""
    draft = invoiced["draft"]
    sandbox.data.update("Invoice", draft.sevdesk_id, sumGross="1e-999999999")
    found = invoices.find_by_reference(client, draft.reference)
    assert found is not None and found.id == draft.sevdesk_id and found.partial


def test_V8_unchanged_status_writes_nothing(sandbox, client, invoiced):
    run_import(client, "all")
    second = run_import(client, "all")
    assert second.invoice_status.changed == 0
    assert InvoiceDraft.get().payment_status == "draft"


def test_V8_sync_and_export_on_the_command_line(sandbox, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    base = ["--data-dir", str(tmp_path / "d"), "--api-url", sandbox.url]
    ab = next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == "AB-1043")
    assert main([*base, "import-order", ab]) == 0
    assert main([*base, "appointment", "done", "1", "--hours", "2"]) == 0
    capsys.readouterr()
    assert main([*base, "invoice", "1"]) == 0
    invoice_id = capsys.readouterr()[0].splitlines()[0]
    _call(
        sandbox,
        "PUT",
        f"/Invoice/{invoice_id}/bookAmount",
        {
            "amount": 1000000,
            "date": 1767225600,
            "type": "FULL_PAYMENT",
            "checkAccount": {"id": 1, "objectName": "CheckAccount"},
        },
    )
    assert main([*base, "sync"]) == 0
    out = capsys.readouterr()[0]
    assert "Rechnungen: 1 mit neuem Zahlungsstatus, 1 geprüft" in out
    assert main([*base, "export", "projects"]) == 0
    exported = json.loads(capsys.readouterr()[0])
    (entry,) = exported[0]["invoices"]
    assert entry["sevdesk_id"] == invoice_id and entry["status"] == "paid"
    assert set(entry) == {"sevdesk_id", "number", "status", "sum_gross", "paid_amount"}
    close_database()


def test_V8_demo_actions_move_the_invoice_on(sandbox, client, invoiced):
    from craftdesk.services.demo_payments import demo_invoice_action

    invoice_id = invoiced["draft"].sevdesk_id
    with pytest.raises(PreconditionError):
        demo_invoice_action(client, invoice_id, "paid", demo=False)  # never a real account
    assert demo_invoice_action(client, invoice_id, "send", demo=True).changed == 1
    assert _entry(invoiced["project_id"])[0]["status"] == "open"
    demo_invoice_action(client, invoice_id, "partial", demo=True)
    entry = _entry(invoiced["project_id"])[0]
    assert entry["status"] == "partially_paid"
    assert Decimal(entry["paid_amount"]) * 2 == pytest.approx(
        Decimal(entry["sum_gross"]), abs=Decimal("0.01")
    )
    demo_invoice_action(client, invoice_id, "paid", demo=True)
    assert _entry(invoiced["project_id"])[0]["status"] == "paid"
    demo_invoice_action(client, invoice_id, "cancel", demo=True)
    assert _entry(invoiced["project_id"])[0]["status"] == "cancelled"


def test_V8_amounts_in_the_export_are_rounded_half_up_to_cents():
    summary = invoice_status.InvoiceSummary(1, "7", "RE-1", "200", Decimal("10.005"), Decimal("2.125"))
    assert invoice_status.status_json(summary)["sum_gross"] == "10.01"  # A3, not half-even 10.00
    assert invoice_status.status_json(summary)["paid_amount"] == "2.13"


def test_V8_H2_a_page_capped_below_what_sevdesk_counted_does_not_move_the_window(
    sandbox, client, invoiced, monkeypatch, caplog
):
    """A server may send fewer invoices than asked for: with sevDesk's count above what
    came, the next import asks for the same window again instead of moving past the
    invoices it never saw."""
    run_import(client, "all")  # the window is set once
    settings.set(invoice_status.CHECKED_KEY, "2020-01-01T00:00:00+00:00")
    asked = client.get_envelope
    came: list[int] = []

    def capped(path, params=None):
        envelope = asked(path, params)
        if path == "/Invoice":
            assert params["countAll"] == "true"
            came.append(len(envelope["objects"]))
            return {**envelope, "total": str(came[-1] + 5)}
        return envelope

    monkeypatch.setattr(client, "get_envelope", capped)
    sandbox.data.update("Invoice", invoiced["draft"].sevdesk_id, status="200")
    result = invoice_status.refresh_payment_status(client)

    assert result.changed == 1  # what came is taken
    assert settings.get(invoice_status.CHECKED_KEY) == "2020-01-01T00:00:00+00:00"
    assert f"{came[0] + 5} invoices changed since" in caplog.text
    assert f", {came[0]} read; the check is repeated" in caplog.text

    monkeypatch.setattr(client, "get_envelope", asked)
    sandbox.data.update("Invoice", invoiced["draft"].sevdesk_id, status="1000")
    assert invoice_status.refresh_payment_status(client).changed == 1
    assert settings.get(invoice_status.CHECKED_KEY) > "2020-01-01T00:00:00+00:00"
