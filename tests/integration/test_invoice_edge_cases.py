"""Invoice drafts in the less common shapes of real data and real use (SPEC I1–I5, §7):
the recipient address in the documented field, open dates, the whole command line flow
from an imported confirmation to the exported project."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

import pytest

from craftdesk.cli import main
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services import invoices
from craftdesk.store import settings
from craftdesk.store.models import Address, Appointment, Customer, Job, Project

TODAY = date(2026, 3, 10)
SAVE = "/Invoice/Factory/saveInvoice"


def sb_contact(sandbox, number: str) -> dict:
    return next(c for c in sandbox.data.all("Contact") if c["customerNumber"] == number)


@pytest.fixture
def rate(database):
    settings.set("hourly_rate", "58.00")
    settings.set("hourly_vat_rate", "19")


def project_for(sandbox, number: str = "10002", **address) -> tuple[Project, Job]:
    contact = sb_contact(sandbox, number)
    customer = Customer.create(
        kind="organisation",
        e_invoice=False,
        company=contact["name"],
        customer_number=number,
        sevdesk_id=contact["id"],
    )
    if address:
        Address.create(customer=customer, **address)
    project = Project.create(title="Backstube Heizung", customer=customer)
    return project, Job.create(project=project, title=project.title)


def positions_of(sandbox, invoice_id: str) -> list[dict]:
    rows = [p for p in sandbox.data.all("InvoicePos") if p["invoice"]["id"] == invoice_id]
    return sorted(rows, key=lambda p: int(p["positionNumber"]))


# --- I4 ------------------------------------------------------------------------------------


def test_I4_local_address_also_in_the_documented_address_text(sandbox, client, rate):
    """The official schema knows the recipient only as ``address`` (multi-line text);
    the structured fields are extras some accounts read. Both carry the local address."""
    project, job = project_for(
        sandbox, kind="postal", street="Neue Straße 1", zip="71634", city="Ludwigsburg"
    )
    Appointment.create(
        job=job, title="Montage", status="done", start=datetime(2026, 3, 2, 8), hours=Decimal(2)
    )
    draft = invoices.send_invoice(client, project.id, today=TODAY)
    invoice = sandbox.data.get("Invoice", draft.sevdesk_id)
    assert invoice["address"] == "Bäckerei Schröder\nNeue Straße 1\n71634 Ludwigsburg"
    assert (invoice["addressStreet"], invoice["addressZip"], invoice["addressCity"]) == (
        "Neue Straße 1",
        "71634",
        "Ludwigsburg",
    )


# --- I2 ------------------------------------------------------------------------------------


def test_I2_appointments_without_start_follow_the_dated_ones_by_id(sandbox, client, rate):
    project, job = project_for(
        sandbox, kind="billing", street="Marktplatz 7", zip="71634", city="Ludwigsburg"
    )
    for title, start in (
        ("Offen B", None),
        ("Spät", datetime(2026, 3, 5, 8)),
        ("Offen A", None),
        ("Früh", datetime(2026, 3, 1, 8)),
    ):
        Appointment.create(job=job, title=title, status="done", start=start, hours=Decimal("1.5"))
    draft = invoices.send_invoice(client, project.id, today=TODAY)
    assert [p["name"] for p in positions_of(sandbox, draft.sevdesk_id)] == [
        "Backstube Heizung",
        "Früh",
        "Spät",
        "Offen B",
        "Offen A",
    ]


# --- the command line flow (§7) ------------------------------------------------------------


@pytest.fixture
def cli(sandbox, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)
    data_dir = tmp_path / "cli-data"

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), "--api-url", sandbox.url, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    yield run
    from craftdesk.store.db import close_database

    close_database()


def test_I1_I5_cli_flow_from_confirmation_to_exported_invoice_id(cli, sandbox, tmp_path):
    ab = next(o for o in sandbox.data.all("Order") if o["orderNumber"] == "AB-1043")
    assert cli("import-order", ab["id"])[0] == 0
    code, out, err = cli("appointment", "list", "--project", "1", "--json")
    assert code == 0, err
    [listed] = json.loads(out)
    assert set(listed) >= {"id", "title", "status", "start", "hours"}
    code, out, err = cli("appointment", "add", "1", "--title", "Nacharbeit", "--start", "2026-03-02T07:30:00")
    assert code == 0, err
    extra = int(out.strip())
    code, _, err = cli("invoice", "1")
    assert code == 5 and "keinen fertigen Termin" in err
    assert (
        cli("appointment", "done", str(listed["id"]), "--hours", "3,5", "--used", "A-1001=4", "D-2001=2.5")[0]
        == 0
    )
    assert cli("appointment", "done", str(extra), "--hours", "1")[0] == 0
    sandbox.clear_requests()

    code, out, err = cli("invoice", "1")
    assert code == 0, err
    invoice_id = out.splitlines()[0]
    assert [(r.method, r.path) for r in sandbox.requests if r.method != "GET"] == [("POST", SAVE)]
    lines = [
        (p["name"], p["quantity"], (p["part"] or {}).get("id") is not None)
        for p in positions_of(sandbox, invoice_id)
    ]
    # title, then the dated appointment first, the undated imported one after it
    assert lines == [
        ("Austausch Heizkörper Backstube", "1", False),
        ("Nacharbeit", "1", False),
        ("Austausch Heizkörper Backstube", "3.5", False),
        ("Heizkörperventil DN15", "4", True),
        ("Montage Geselle", "2.5", True),
    ]

    code, _, err = cli("invoice", "1")
    assert code == 5
    code, _, err = cli("export", "projects", "-o", str(tmp_path / "p.json"))
    assert code == 0, err
    [project] = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    appointments = {a["id"]: a for a in project["jobs"][0]["appointments"]}
    assert {a["invoice_sevdesk_id"] for a in appointments.values()} == {invoice_id}
    assert appointments[listed["id"]]["hours"] == "3.5"
    assert appointments[listed["id"]]["status"] == "done"
    assert appointments[listed["id"]]["used"] == [
        {"article_number": "A-1001", "quantity": "4"},
        {"article_number": "D-2001", "quantity": "2.5"},
    ]
