"""Invoices under the office's control against the demo sevDesk over HTTP (SPEC V1–V7),
with the demo's confirmation AB-1043 (Bäckerei Schröder) as a new user would try it."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from craftdesk.cli import main
from craftdesk.errors import PreconditionError
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services import invoice_edits, invoices, projects
from craftdesk.services.orders import import_order
from craftdesk.services.worksheet import used_lines
from craftdesk.store import settings
from craftdesk.store.db import close_database
from craftdesk.store.models import Appointment, InvoiceDraft, InvoiceEdit

TODAY = date(2026, 3, 10)
SAVE = "/Invoice/Factory/saveInvoice"


def order_id(sandbox, number: str) -> str:
    return next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == number)


def positions_of(sandbox, invoice_id: str) -> list[dict]:
    rows = [p for p in sandbox.data.all("InvoicePos") if p["invoice"]["id"] == invoice_id]
    return sorted(rows, key=lambda p: int(p["positionNumber"]))


@pytest.fixture
def ab1043(sandbox, client, database):
    """AB-1043 imported, planned material taken over twice, finished with 6,5 hours."""
    settings.set("hourly_rate", "58.00")
    settings.set("hourly_vat_rate", "19")
    result = import_order(client, order_id(sandbox, "AB-1043"))
    appointment = Appointment.get()
    projects.take_over_planned(appointment.id)
    projects.take_over_planned(appointment.id)  # the second click adds nothing (V3)
    projects.set_appointment_done(appointment.id, Decimal("6.5"), used_lines(appointment.id))
    return result.project_id


def test_V2_V3_V4_ab1043_proposal(ab1043):
    preview = invoices.build_preview(ab1043, today=TODAY)
    assert [(l.kind, l.text, l.quantity, l.unit, l.net_price) for l in preview.lines] == [
        ("title", "Austausch Heizkörper Backstube", 1, "pauschal", 0),
        ("hours", "Austausch Heizkörper Backstube", Decimal("6.5"), "Std", 58),
        ("article", "Heizkörperventil DN15", 4, "Stk", Decimal("24.90")),
        ("article", "Thermostatkopf", 4, "Stk", Decimal("18.50")),
        ("text", "Entsorgung der Altheizkörper inkl. Demontage", 1, "pauschal", 120),
        ("article", "Montage Geselle", Decimal("6.5"), "Std", 62),
    ]
    assert [l.kind for l in preview.flagged("double_labour")] == ["hours", "article"]
    assert any(w.startswith("Arbeitszeit doppelt?") for w in preview.warnings)


def test_V1_edited_proposal_is_what_is_sent_once(sandbox, client, ab1043):
    preview = invoices.build_preview(ab1043, today=TODAY)
    lines = [l for l in preview.lines if l.kind != "hours"]  # keep "Montage Geselle" only (V4)
    lines[1] = replace(lines[1], quantity=Decimal(3))
    invoice_edits.save(ab1043, lines, replace(preview.header, header="Rechnung AB-1043"), today=TODAY)
    draft = invoices.send_invoice(client, ab1043, today=TODAY)
    sent = [(p["name"], p["quantity"], p["price"]) for p in positions_of(sandbox, draft.sevdesk_id)]
    assert sent == [
        ("Austausch Heizkörper Backstube", "1", "0"),
        ("Heizkörperventil DN15", "3", "24.9"),
        ("Thermostatkopf", "4", "18.5"),
        ("Entsorgung der Altheizkörper inkl. Demontage", "1", "120"),
        ("Montage Geselle", "6.5", "62"),
    ]
    invoice = sandbox.data.get("Invoice", draft.sevdesk_id)
    assert invoice["header"] == "Rechnung AB-1043"
    # V6: the job site differs from the billing address and is named; the day is set.
    assert "Leistungsort: Schorndorfer Straße 88, 71638 Ludwigsburg" in invoice["headText"]
    assert InvoiceEdit.select().count() == 0  # the edits are done with
    with pytest.raises(PreconditionError):
        invoices.send_invoice(client, ab1043, today=TODAY)
    assert sum(1 for r in sandbox.requests if r.path == SAVE) == 1


def test_V1_retry_after_unknown_outcome_sends_the_frozen_edits(sandbox, client, ab1043):
    preview = invoices.build_preview(ab1043, today=TODAY)
    lines = [l for l in preview.lines if l.kind != "hours"]
    invoice_edits.save(ab1043, lines, preview.header, today=TODAY)
    sandbox.faults.add(path=SAVE, method="POST", kind="drop")
    with pytest.raises(invoices.InvoiceOutcomeUnknown):
        invoices.send_invoice(client, ab1043, today=TODAY)
    # Whatever happens to the stored edits now, the retry sends what was claimed.
    invoice_edits.reset(ab1043)
    assert [l.kind for l in invoices.build_preview(ab1043, today=TODAY).lines] == [
        "title",
        "article",
        "article",
        "text",
        "article",
    ]
    draft = invoices.send_invoice(client, ab1043, today=TODAY)
    assert [p["name"] for p in positions_of(sandbox, draft.sevdesk_id)][1] == "Heizkörperventil DN15"
    assert [d.state for d in InvoiceDraft.select()] == ["sent"]


def test_V6_delivery_date_range_never_in_the_future(sandbox, client, ab1043):
    appointment = Appointment.get()
    from datetime import datetime

    appointment.start = datetime(2026, 3, 2, 8)
    appointment.save()
    later = Appointment.create(
        job=appointment.job,
        title="Nacharbeit",
        status="done",
        start=datetime(2026, 3, 12, 8),
        hours=Decimal(1),
    )
    preview = invoices.build_preview(ab1043, today=TODAY)
    # the period stops at the invoice date, so the line "am 12.03.2026" needs a word (V6)
    assert [str(w) for w in preview.warnings if "Nacharbeit" in str(w)] == [
        "Der Termin „Nacharbeit“ ist erst am 12.03.2026, nach dem Rechnungsdatum: Die Leistung wird "
        "bis zum 10.03.2026 angegeben, die Position nennt den 12.03.2026. Bitte das Datum des Termins prüfen."
    ]
    from dataclasses import replace

    from craftdesk.services.invoice_checks import checked

    def warned(day):  # the office edits the invoice date: the warning follows it
        edited = checked(replace(preview, header=replace(preview.header, invoice_date=day), warnings=()))
        return [str(w) for w in edited.warnings if "Nacharbeit" in str(w)]

    assert warned(date(2026, 3, 15)) == []
    assert "nach dem Rechnungsdatum" in warned(date(2026, 3, 11))[0]
    draft = invoices.send_invoice(client, ab1043, today=TODAY)
    invoice = sandbox.data.get("Invoice", draft.sevdesk_id)
    assert invoice["deliveryDate"].startswith("2026-03-02")
    assert invoice["deliveryDateUntil"].startswith("2026-03-10")  # not the 12th
    assert "Leistungszeitraum: 02.03.2026 bis 10.03.2026" in invoice["headText"]
    assert Appointment.get_by_id(later.id).invoice_id == draft.id


def test_V7_cli_preview_json_sends_nothing(sandbox, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    base = ["--data-dir", str(tmp_path / "d"), "--api-url", sandbox.url]
    assert main([*base, "import-order", order_id(sandbox, "AB-1043")]) == 0
    assert main([*base, "appointment", "done", "1", "--hours", "6.5", "--used", "A-1001=4"]) == 0
    close_database()
    monkeypatch.delenv("CRAFTDESK_API_TOKEN")  # a preview needs no token
    capsys.readouterr()
    requests_before = len(sandbox.requests)
    assert main([*base, "invoice", "1", "--preview", "--json"]) == 0
    out, _ = capsys.readouterr()
    data = json.loads(out)
    assert set(data) == {
        "project_id",
        "customer",
        "address",
        "header",
        "head_text",
        "service_from",
        "service_to",
        "lines",
        "warnings",
        "e_invoice",  # E5
        "missing",
    }
    assert data["project_id"] == 1 and data["customer"]["name"] == "Bäckerei Schröder"
    assert data["e_invoice"] is True and data["missing"] == []  # an organisation with e-mail
    assert set(data["customer"]) == {"id", "sevdesk_id", "name"}
    assert set(data["address"]) == {"street", "zip", "city", "country"}
    assert [(l["kind"], l["quantity"], l["net_price"], l["article_number"]) for l in data["lines"]] == [
        ("title", "1", "0.00", None),
        ("hours", "6.5", "0.00", None),
        ("article", "4", "24.90", "A-1001"),
    ]
    assert set(data["lines"][0]) == {
        "kind",
        "text",
        "quantity",
        "unit",
        "net_price",
        "vat_rate",
        "article_number",
    }
    assert any("0,00 €" in w for w in data["warnings"])  # the hourly rate is not set (V5)
    assert len(sandbox.requests) == requests_before
    assert main([*base, "invoice", "1", "--preview"]) == 0
    out, err = capsys.readouterr()
    assert "Heizkörperventil DN15" in out and "Warnung:" in err
    assert main([*base, "invoice", "1", "--json"]) == 2
    assert main([*base, "invoice", "99", "--preview", "--json"]) == 5
    close_database()
