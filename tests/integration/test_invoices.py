"""Invoice drafts against the demo sevDesk over real HTTP (SPEC I1–I5)."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from craftdesk.api.client import SevdeskClient
from craftdesk.api.errors import ApiError
from craftdesk.cli import main
from craftdesk.errors import PreconditionError
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services import invoices
from craftdesk.store import settings
from craftdesk.store.models import (
    Address,
    Appointment,
    Article,
    ContactInfo,
    Customer,
    DraftAppointment,
    InvoiceDraft,
    Job,
    Project,
    UsedArticle,
    utcnow,
)

TODAY = date(2026, 3, 10)
SAVE = "/Invoice/Factory/saveInvoice"


# --- helpers -------------------------------------------------------------------------------


def sb_contact(sandbox, number: str) -> dict:
    return next(c for c in sandbox.data.all("Contact") if c["customerNumber"] == number)


def local_customer(
    sandbox, number: str = "10002", *, bind: bool = True, billing: str = "Marktplatz 7"
) -> Customer:
    contact = sb_contact(sandbox, number)
    customer = Customer.create(
        kind="organisation",
        e_invoice=False,
        company=contact["name"],
        customer_number=number,
        sevdesk_id=contact["id"] if bind else None,
    )
    Address.create(customer=customer, kind="billing", street=billing, zip="71634", city="Ludwigsburg")
    return customer


def local_article(sandbox, part_number: str) -> Article:
    part = next(p for p in sandbox.data.all("Part") if p["partNumber"] == part_number)
    unit = sandbox.data.get("Unity", part["unity"]["id"])["name"]
    return Article.create(
        number=part_number,
        name=part["name"],
        unit=unit,
        net_price=Decimal(part["priceNet"]),
        vat_rate=Decimal(part["taxRate"]),
        sevdesk_id=part["id"],
        description=part["text"] or "",
    )


def make_project(customer: Customer, title: str = "Backstube Heizung") -> tuple[Project, Job]:
    project = Project.create(title=title, customer=customer)
    return project, Job.create(project=project, title=title)


def appointment(
    job: Job,
    title: str,
    *,
    status: str = "done",
    day: int | None = 2,
    hours: str = "2",
    used: tuple[tuple[Article, str], ...] = (),
) -> Appointment:
    start = datetime(2026, 3, day, 8) if day else None
    row = Appointment.create(job=job, title=title, status=status, start=start, hours=Decimal(hours))
    for position, (article, quantity) in enumerate(used):
        UsedArticle.create(appointment=row, article=article, quantity=Decimal(quantity), position=position)
    return row


@pytest.fixture
def rate(database):
    settings.set("hourly_rate", "58.00")
    settings.set("hourly_vat_rate", "19")


@pytest.fixture
def ready(sandbox, rate):
    """A bound customer with one finished appointment."""
    project, job = make_project(local_customer(sandbox))
    appointment(job, "Montage")
    return project


def send(client, project: Project) -> InvoiceDraft:
    return invoices.send_invoice(client, project.id, today=TODAY)


def invoices_with(sandbox, reference: str) -> list[dict]:
    return [i for i in sandbox.data.all("Invoice") if i["customerInternalNote"] == reference]


def ours(sandbox) -> list[dict]:
    return [
        i
        for i in sandbox.data.all("Invoice")
        if (i["customerInternalNote"] or "").startswith(invoices.REFERENCE_PREFIX)
    ]


def positions_of(sandbox, invoice_id: str) -> list[dict]:
    rows = [p for p in sandbox.data.all("InvoicePos") if p["invoice"]["id"] == invoice_id]
    return sorted(rows, key=lambda p: int(p["positionNumber"]))


def writes(sandbox) -> list[tuple[str, str]]:
    return [(r.method, r.path) for r in sandbox.requests if r.method != "GET"]


# --- I1 / I2 -------------------------------------------------------------------------------


def test_I1_no_finished_appointment_is_refused(sandbox, client, rate):
    project, job = make_project(local_customer(sandbox))
    appointment(job, "Aufmaß", status="scheduled")
    with pytest.raises(PreconditionError, match="keinen fertigen Termin"):
        send(client, project)
    assert writes(sandbox) == []
    assert InvoiceDraft.select().count() == 0


def test_I2_lines_for_two_finished_and_one_open_appointment(sandbox, client, rate):
    valve, pipe = local_article(sandbox, "A-1001"), local_article(sandbox, "A-1002")
    project, job = make_project(local_customer(sandbox))
    second = appointment(job, "Heizkörper montieren", day=5, hours="3.5", used=((valve, "2"),))
    open_one = appointment(job, "Abnahme", status="in_progress", day=3)
    first = appointment(job, "Rohre verlegen", day=2, hours="4", used=((pipe, "12.5"), (valve, "1")))

    draft = send(client, project)

    rows = [
        (p["name"], p["quantity"], p["price"], p["unity"]["id"], p["taxRate"], (p["part"] or {}).get("id"))
        for p in positions_of(sandbox, draft.sevdesk_id)
    ]
    valve_id, pipe_id = valve.sevdesk_id, pipe.sevdesk_id
    assert rows == [
        ("Backstube Heizung", "1", "0", "7", "19", None),
        ("Rohre verlegen", "4", "58", "9", "19", None),
        ("Kupferrohr 15 mm", "12.5", "8.9", "3", "19", pipe_id),
        ("Heizkörperventil DN15", "1", "24.9", "1", "19", valve_id),
        ("Heizkörper montieren", "3.5", "58", "9", "19", None),
        ("Heizkörperventil DN15", "2", "24.9", "1", "19", valve_id),
    ]
    invoice = sandbox.data.get("Invoice", draft.sevdesk_id)
    assert invoice["header"] == "Rechnung Backstube Heizung"
    assert (invoice["status"], invoice["invoiceType"], invoice["currency"]) == ("100", "RE", "EUR")
    assert invoice["taxRule"]["id"] == "1" and invoice["showNet"] == "1"
    # The service period of the two billed appointments (V6).
    assert invoice["invoiceDate"].startswith("2026-03-10") and invoice["deliveryDate"].startswith(
        "2026-03-02"
    )
    assert invoice["deliveryDateUntil"].startswith("2026-03-05")
    assert invoice["contactPerson"]["id"] == "1551095"  # the first admin
    assert invoice["timeToPay"] == "14"
    assert invoice["customerInternalNote"] == draft.reference
    assert [a.invoice_id for a in Appointment.select().order_by(Appointment.id)] == [draft.id, None, draft.id]
    assert {d.appointment_id for d in DraftAppointment.select()} == {first.id, second.id}
    assert open_one.id not in {d.appointment_id for d in DraftAppointment.select()}


def test_A3_I2_a_part_priced_gross_is_billed_at_the_price_sevdesk_keeps(sandbox, client, rate):
    """12 × 9,99 € gross: the line goes out at sevDesk's own net (8.3949579832), so the
    draft's gross is 119,88 €; at the net rounded to cents (8,39 €) it was 119,81 €."""
    soap = local_article(sandbox, "A-1001")
    soap.net_price = Decimal("8.3949579832")
    soap.save()
    project, job = make_project(local_customer(sandbox))
    appointment(job, "Seife", hours="0", used=((soap, "12"),))

    preview = invoices.build_preview(project.id, today=TODAY)
    line = next(line for line in preview.lines if line.article_id == soap.id)
    assert (line.net, line.gross) == (Decimal("100.74"), Decimal("119.88"))
    draft = send(client, project)
    sent = next(p for p in positions_of(sandbox, draft.sevdesk_id) if p["name"] == soap.name)
    assert (sent["quantity"], Decimal(sent["price"])) == ("12", Decimal("8.3949579832"))


def test_I2_units_are_mapped_to_the_account_unity_ids(sandbox, client, rate):
    sandbox.data.change_id("Unity", "9", "880009")  # "Std" has another id in this account
    sandbox.data.change_id("Unity", "7", "880007")  # so has "pauschal"
    tape = local_article(sandbox, "A-1026")  # unit "Rolle", created by the account itself
    project, job = make_project(local_customer(sandbox))
    appointment(job, "Abdichten", used=((tape, "3"),))

    draft = send(client, project)

    assert [p["unity"]["id"] for p in positions_of(sandbox, draft.sevdesk_id)] == [
        "880007",
        "880009",
        "374971",
    ]


def test_I2_seven_and_nineteen_percent_articles(sandbox, client, rate):
    plant, valve = local_article(sandbox, "A-1036"), local_article(sandbox, "A-1001")
    project, job = make_project(local_customer(sandbox))
    appointment(job, "Außenanlage", hours="1.5", used=((plant, "3"), (valve, "2")))
    preview = invoices.build_preview(project.id, today=TODAY)

    draft = send(client, project)

    rates = [p["taxRate"] for p in positions_of(sandbox, draft.sevdesk_id)]
    assert rates == ["19", "19", "7", "19"]
    invoice = sandbox.data.get("Invoice", draft.sevdesk_id)
    # 87.00 + 59.70 + 49.80 = 196.50 net; VAT 16.53 + 4.18 + 9.46
    assert (invoice["sumNet"], invoice["sumTax"], invoice["sumGross"]) == ("196.5", "30.17", "226.67")
    assert (preview.net, preview.vat, preview.gross) == (
        Decimal("196.50"),
        Decimal("30.17"),
        Decimal("226.67"),
    )


def test_I2_the_drafts_vat_is_the_previews_taken_per_rate(sandbox, client, database):
    settings.set("hourly_rate", "1.01")
    settings.set("hourly_vat_rate", "19")
    project, job = make_project(local_customer(sandbox))
    for day in (2, 3, 4):
        appointment(job, f"Teil {day}", day=day, hours="1")
    preview = invoices.build_preview(project.id, today=TODAY)
    draft = send(client, project)
    invoice = sandbox.data.get("Invoice", draft.sevdesk_id)
    # 3 × 1.01 net; 3.03 × 19 % = 0.5757: 0.58 (the lines' own 0.19 each add up to 0.57)
    assert (invoice["sumNet"], invoice["sumTax"], invoice["sumGross"]) == ("3.03", "0.58", "3.61")
    assert (preview.net, preview.vat, preview.gross) == (Decimal("3.03"), Decimal("0.58"), Decimal("3.61"))


# --- I3 / I4 -------------------------------------------------------------------------------


def test_I3_customer_found_by_id(sandbox, client, ready):
    customer = Customer.get()
    before = dict(sandbox.data.get("Contact", customer.sevdesk_id))

    draft = send(client, ready)

    assert sandbox.data.get("Invoice", draft.sevdesk_id)["contact"]["id"] == customer.sevdesk_id
    assert draft.sevdesk_contact_id == customer.sevdesk_id
    assert writes(sandbox) == [("POST", SAVE)]
    assert sandbox.data.get("Contact", customer.sevdesk_id) == before


def test_I3_customer_found_by_number_after_its_id_vanished(sandbox, client, ready):
    customer = Customer.get()
    old_id = customer.sevdesk_id
    sandbox.data.delete("Contact", old_id)
    sandbox.data.add(
        "Contact",
        {
            "name": "Bäckerei Schröder GmbH",
            "customerNumber": "100021",
            "category": {"id": "3", "objectName": "Category"},
        },
    )
    new_id = sandbox.data.add(
        "Contact",
        {
            "name": "Bäckerei Schröder",
            "customerNumber": "10002",
            "category": {"id": "3", "objectName": "Category"},
        },
    )

    draft = send(client, ready)

    assert sandbox.data.get("Invoice", draft.sevdesk_id)["contact"]["id"] == new_id
    assert Customer.get_by_id(customer.id).sevdesk_id == new_id
    assert writes(sandbox) == [("POST", SAVE)]


def test_I3_customer_created_when_neither_id_nor_number_exists(sandbox, client, rate):
    customer = Customer.create(kind="person", first_name="Eva", last_name="Brandl", sevdesk_id="71239999")
    Address.create(customer=customer, kind="postal", street="Am Hang 3", zip="70597", city="Stuttgart")
    Address.create(customer=customer, kind="billing", street="Postfach 12", zip="70501", city="Stuttgart")
    ContactInfo.create(customer=customer, kind="email", value="eva@brandl.de")
    ContactInfo.create(customer=customer, kind="mobile", value="+49 171 555")
    expected_number = str(
        max(
            int(c["customerNumber"])
            for c in sandbox.data.all("Contact")
            if str(c["customerNumber"] or "").isdigit()
        )
        + 1
    )
    project, job = make_project(customer, "Bad Brandl")
    appointment(job, "Montage")

    draft = send(client, project)

    customer = Customer.get_by_id(customer.id)
    contact = sandbox.data.get("Contact", customer.sevdesk_id)
    assert (contact["surename"], contact["familyname"], contact["name"]) == ("Eva", "Brandl", None)
    assert contact["category"]["id"] == "3"
    assert contact["customerNumber"] == expected_number == customer.customer_number
    addresses = [a for a in sandbox.data.all("ContactAddress") if a["contact"]["id"] == contact["id"]]
    assert [(a["street"], a["category"]["id"], a["country"]["id"]) for a in addresses] == [
        ("Postfach 12", "47", "1")
    ]
    ways = [
        (w["type"], w["value"], w["main"])
        for w in sandbox.data.all("CommunicationWay")
        if w["contact"]["id"] == contact["id"]
    ]
    assert ways == [("EMAIL", "eva@brandl.de", "1"), ("MOBILE", "+49 171 555", "1")]
    assert sandbox.data.get("Invoice", draft.sevdesk_id)["contact"]["id"] == contact["id"]
    assert [w for w in writes(sandbox) if w[0] != "POST"] == []  # never an update


def test_I3_local_customer_number_is_kept_when_created(sandbox, client, rate):
    customer = Customer.create(
        kind="organisation", e_invoice=False, company="Neu GmbH", customer_number="K-77"
    )
    project, job = make_project(customer)
    appointment(job, "Montage")
    send(client, project)
    assert sandbox.data.get("Contact", Customer.get().sevdesk_id)["customerNumber"] == "K-77"
    assert ("GET", "/Contact/Factory/getNextCustomerNumber") not in [
        (r.method, r.path) for r in sandbox.requests
    ]


def test_I4_local_billing_address_on_the_invoice_although_sevdesk_differs(sandbox, client, rate):
    customer = local_customer(sandbox, "10001", billing="Neue Straße 1")  # sevDesk: Königstraße 40
    project, job = make_project(customer)
    appointment(job, "Montage")
    addresses_before = [
        a for a in sandbox.data.all("ContactAddress") if a["contact"]["id"] == customer.sevdesk_id
    ]

    draft = send(client, project)

    invoice = sandbox.data.get("Invoice", draft.sevdesk_id)
    assert (
        invoice["addressName"],
        invoice["addressStreet"],
        invoice["addressZip"],
        invoice["addressCity"],
    ) == ("Müller Haustechnik GmbH", "Neue Straße 1", "71634", "Ludwigsburg")
    assert invoice["addressCountry"]["id"] == "1"
    assert [
        a for a in sandbox.data.all("ContactAddress") if a["contact"]["id"] == customer.sevdesk_id
    ] == addresses_before
    assert writes(sandbox) == [("POST", SAVE)]


# --- I5 ------------------------------------------------------------------------------------


def test_I5_second_run_creates_nothing(sandbox, client, ready):
    draft = send(client, ready)
    with pytest.raises(PreconditionError):
        send(client, ready)
    assert writes(sandbox) == [("POST", SAVE)]
    assert len(invoices_with(sandbox, draft.reference)) == 1
    assert InvoiceDraft.select().count() == 1


def test_I5_commit_then_drop_then_rerun_yields_one_draft(sandbox, client, ready):
    sandbox.faults.add(path=SAVE, method="POST", kind="commit_then_drop")
    draft = send(client, ready)  # the answer is lost, the lookup finds the draft
    assert draft.state == "sent"
    with pytest.raises(PreconditionError):
        send(client, ready)
    assert len(invoices_with(sandbox, draft.reference)) == 1
    assert [d.state for d in InvoiceDraft.select()] == ["sent"]
    assert writes(sandbox) == [("POST", SAVE)]
    assert Appointment.get().invoice_id == draft.id


@pytest.mark.parametrize(
    "fault", [{"kind": "drop"}, {"kind": "status", "status": 500}, {"kind": "malformed"}]
)
def test_I5_unknown_outcome_then_rerun_yields_one_draft(sandbox, client, ready, fault):
    sandbox.faults.add(path=SAVE, method="POST", **fault)
    with pytest.raises(invoices.InvoiceOutcomeUnknown):
        send(client, ready)
    pending = InvoiceDraft.get()
    assert pending.state == "pending" and Appointment.get().invoice_id is None
    assert invoices_with(sandbox, pending.reference) == []

    draft = send(client, ready)

    assert draft.id == pending.id and draft.state == "sent"
    assert len(invoices_with(sandbox, pending.reference)) == 1
    assert InvoiceDraft.select().count() == 1
    assert Appointment.get().invoice_id == draft.id


def test_I5_crash_between_request_and_answer_is_settled_by_lookup(sandbox, client, ready):
    """A previous process sent the draft and died before storing the answer."""
    pending = InvoiceDraft.create(project=ready, reference=invoices.new_reference(), state="pending")
    DraftAppointment.create(draft=pending, appointment=Appointment.get())
    invoice_id = sandbox.data.add(
        "Invoice", {"customerInternalNote": pending.reference, "status": "100", "invoiceType": "RE"}
    )

    draft = send(client, ready)

    assert (draft.id, draft.sevdesk_id, draft.state) == (pending.id, invoice_id, "sent")
    assert writes(sandbox) == []
    assert Appointment.get().invoice_id == draft.id


def test_I5_crash_before_the_request_resends_with_the_same_reference(sandbox, client, ready):
    pending = InvoiceDraft.create(project=ready, reference=invoices.new_reference(), state="pending")
    DraftAppointment.create(draft=pending, appointment=Appointment.get())
    draft = send(client, ready)
    assert draft.id == pending.id
    assert len(invoices_with(sandbox, pending.reference)) == 1


def test_I5_unfinished_draft_with_data_to_fix_frees_the_project(sandbox, client, ready):
    pending = InvoiceDraft.create(project=ready, reference=invoices.new_reference(), state="pending")
    DraftAppointment.create(draft=pending, appointment=Appointment.get())
    settings.set("hourly_vat_rate", "16")
    with pytest.raises(PreconditionError, match="16"):
        send(client, ready)
    assert InvoiceDraft.get_by_id(pending.id).state == "failed"
    assert writes(sandbox) == []

    settings.set("hourly_vat_rate", "19")
    draft = send(client, ready)
    assert draft.id != pending.id and invoices_with(sandbox, pending.reference) == []


def test_I5_draft_in_flight_elsewhere_is_not_resent(sandbox, client, ready):
    pending = InvoiceDraft.create(
        project=ready,
        reference=invoices.new_reference(),
        state="pending",
        sent_at=utcnow() - timedelta(seconds=10),
    )
    DraftAppointment.create(draft=pending, appointment=Appointment.get())
    with pytest.raises(PreconditionError, match="gerade ein Rechnungsentwurf"):
        send(client, ready)
    assert sandbox.requests == []


def test_I5_timeout_keeps_the_draft_blocked_until_the_lookup_can_tell(sandbox, ready):
    slow = SevdeskClient(sandbox.url, DEMO_TOKEN, timeout=(2.0, 0.3))
    sandbox.faults.add(path=SAVE, method="POST", kind="delay", seconds=0.8)
    with pytest.raises(invoices.InvoiceOutcomeUnknown):
        send(slow, ready)
    with pytest.raises(PreconditionError, match="gerade ein Rechnungsentwurf"):
        send(slow, ready)  # sevDesk may still be working on it: no resend
    pending = InvoiceDraft.get()
    for _ in range(100):  # the delayed request commits in the sandbox
        if invoices_with(sandbox, pending.reference):
            break
        time.sleep(0.05)
    InvoiceDraft.update(sent_at=utcnow() - invoices.LEASE).execute()  # the lease has passed

    draft = send(slow, ready)

    assert draft.state == "sent" and len(invoices_with(sandbox, pending.reference)) == 1
    assert [w for w in writes(sandbox)] == [("POST", SAVE)]
    slow.close()


def test_I5_two_clicks_at_once_send_once(sandbox, ready):
    fault = sandbox.faults.add(path=SAVE, method="POST", kind="delay", seconds=0.5)
    results: list[object] = []

    def click() -> None:
        c = SevdeskClient(sandbox.url, DEMO_TOKEN)
        try:
            results.append(send(c, ready))
        except Exception as exc:  # collected for the assertion below
            results.append(exc)
        finally:
            c.close()

    first = threading.Thread(target=click)
    first.start()
    for _ in range(200):  # until the first request is inside sevDesk
        if fault.hits:
            break
        time.sleep(0.01)
    click()
    first.join(10)

    errors = [r for r in results if isinstance(r, Exception)]
    drafts = [r for r in results if isinstance(r, InvoiceDraft)]
    assert len(drafts) == 1 and len(errors) == 1 and isinstance(errors[0], PreconditionError)
    assert writes(sandbox) == [("POST", SAVE)]
    assert [i["id"] for i in ours(sandbox)] == [drafts[0].sevdesk_id]


def test_I5_clean_refusal_marks_the_draft_failed_and_a_retry_gets_a_new_reference(sandbox, client, ready):
    settings.set("contact_person_id", "4711")  # no such sevDesk user: sevDesk answers 422
    with pytest.raises(ApiError) as refused:
        send(client, ready)
    assert refused.value.status == 422
    failed = InvoiceDraft.get()
    assert failed.state == "failed" and "4711" in failed.error
    assert sandbox.requests[-1].path == "/Invoice"  # looked up once before giving up
    assert sandbox.requests[-1].query["customerInternalNote"] == failed.reference
    assert Appointment.get().invoice_id is None

    settings.set("contact_person_id", "1551102")
    draft = send(client, ready)

    assert draft.reference != failed.reference and draft.state == "sent"
    assert invoices_with(sandbox, failed.reference) == []
    assert sandbox.data.get("Invoice", draft.sevdesk_id)["contactPerson"]["id"] == "1551102"


def test_I5_every_draft_has_its_own_reference(sandbox, client, rate):
    customer = local_customer(sandbox)
    project, job = make_project(customer)
    other, other_job = make_project(customer, "Laden")
    for title in ("Erster", "Zweiter"):
        appointment(job, title)
        send(client, project)
    appointment(other_job, "Dritter")
    send(client, other)
    drafts = list(InvoiceDraft.select())
    assert len({d.reference for d in drafts}) == 3 and all(d.state == "sent" for d in drafts)
    for d in drafts:
        assert [i["id"] for i in invoices_with(sandbox, d.reference)] == [d.sevdesk_id]


# --- CLI -----------------------------------------------------------------------------------


@pytest.fixture
def cli(sandbox, data_dir, database, monkeypatch, capsys):
    monkeypatch.setenv("CRAFTDESK_API_TOKEN", DEMO_TOKEN)

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), "--api-url", sandbox.url, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_cli_invoice_prints_the_id_tells_the_link_then_refuses_a_second_run(cli, sandbox, ready):
    code, out, err = cli("invoice", str(ready.id))
    assert code == 0, err
    invoice_id = out.strip()  # §7: the id alone, for scripts; the link is for people (stderr)
    assert out == f"{invoice_id}\n"
    assert sandbox.data.get("Invoice", invoice_id)["header"] == "Rechnung Backstube Heizung"
    # the demo sevDesk on this computer shows its own draft (the real sevDesk knows no such id)
    assert sandbox.url.split("/api/v1")[0] + f"/demo/invoice/{invoice_id}" in err

    code, out, err = cli("invoice", str(ready.id))
    assert code == 5 and out == ""
    assert "keinen fertigen Termin" in err and "Traceback" not in err
    assert writes(sandbox) == [("POST", SAVE)]


def test_cli_invoice_unknown_project_and_nothing_ready(cli, sandbox, rate):
    code, _, err = cli("invoice", "999")
    assert code == 5 and "Das Projekt 999 gibt es nicht." in err
    project, job = make_project(local_customer(sandbox))
    appointment(job, "Aufmaß", status="scheduled")
    code, _, err = cli("invoice", str(project.id))
    assert code == 5 and "keinen fertigen Termin" in err
    assert sandbox.requests == []


def test_cli_invoice_unknown_outcome_exits_4_and_the_rerun_finishes(cli, sandbox, ready):
    sandbox.faults.add(path=SAVE, method="POST", kind="drop")
    code, _, err = cli("invoice", str(ready.id))
    assert code == 4 and "unklar" in err
    code, out, err = cli("invoice", str(ready.id))
    assert code == 0, err
    assert out.splitlines()[0] == InvoiceDraft.get().sevdesk_id
    assert len(invoices_with(sandbox, InvoiceDraft.get().reference)) == 1


# --- Kleinunternehmer (§ 19 UStG) -------------------------------------------------------------


def test_small_business_invoice_has_no_vat_and_the_section_19_tax_rule(sandbox, client, rate):
    """A Kleinunternehmer charges no VAT: hours and articles (7 and 19 % in sevDesk), an
    article added in the editor and a rate the office typed all go out at 0 % under tax
    rule 11, with the note § 19 UStG asks for; preview and sevDesk agree on the sums."""
    from craftdesk.services import invoice_edits
    from craftdesk.services import settings as preferences

    preferences.set_small_business(True)
    plant, valve = local_article(sandbox, "A-1036"), local_article(sandbox, "A-1001")
    project, job = make_project(local_customer(sandbox))
    appointment(job, "Außenanlage", hours="1.5", used=((plant, "3"), (valve, "2")))
    proposal = invoices.build_preview(project.id, today=TODAY)
    assert proposal.small_business and proposal.hourly_vat_rate == 0
    typed = replace(proposal.lines[1], vat_rate=Decimal(19))  # a rate the office typed
    added = invoice_edits.article_line(valve.id, Decimal(1))
    assert added.vat_rate == 19  # the article's own rate ...
    lines = [*proposal.lines[:1], typed, *proposal.lines[2:], added]
    invoice_edits.save(project.id, lines, proposal.header, today=TODAY)
    preview = invoices.build_preview(project.id, today=TODAY)
    assert {line.vat_rate for line in preview.lines} == {0}  # ... is not charged
    assert preview.vat == 0 and preview.gross == preview.net == Decimal("221.40")

    draft = send(client, project)

    invoice = sandbox.data.get("Invoice", draft.sevdesk_id)
    assert invoice["taxRule"]["id"] == "11"
    assert invoice["taxText"] == "Gemäß § 19 UStG wird keine Umsatzsteuer berechnet."
    assert {p["taxRate"] for p in positions_of(sandbox, draft.sevdesk_id)} == {"0"}
    assert (invoice["sumNet"], invoice["sumTax"], invoice["sumGross"]) == ("221.4", "0", "221.4")


def test_small_business_is_a_setting_of_the_command_line(database, capsys):
    assert main(["settings", "get", "small-business"]) == 0
    assert capsys.readouterr().out == "nein\n"
    assert main(["settings", "set", "small-business", "Ja"]) == 0
    assert capsys.readouterr().out == "ja\n"
    assert settings.get("small_business") is True
    assert main(["settings", "set", "small-business", "vielleicht"]) == 2
    assert "weder ja noch nein" in capsys.readouterr().err
    assert settings.get("small_business") is True
    assert main(["settings", "set", "small-business", "nein"]) == 0
    assert settings.get("small_business") is False


def test_small_business_switched_off_again_brings_every_rate_back(sandbox, client, rate):
    """An edit made while the office was a Kleinunternehmer must not store 0 % as its own
    choice: switched off, the articles are charged at their rates again."""
    from craftdesk.services import invoice_edits
    from craftdesk.services import settings as preferences

    plant, valve = local_article(sandbox, "A-1036"), local_article(sandbox, "A-1001")
    project, job = make_project(local_customer(sandbox))
    appointment(job, "Außenanlage", hours="1.5", used=((plant, "3"), (valve, "2")))
    preferences.set_small_business(True)
    proposal = invoices.build_preview(project.id, today=TODAY)
    edited = [
        replace(line, quantity=Decimal("2")) if line.kind == "hours" else line for line in proposal.lines
    ]
    invoice_edits.save(project.id, edited, proposal.header, today=TODAY)
    preferences.set_small_business(False)
    preview = invoices.build_preview(project.id, today=TODAY)
    assert [line.vat_rate for line in preview.lines if line.kind != "title"] == [19, 7, 19]
    assert [line.quantity for line in preview.lines if line.kind == "hours"] == [2]  # the edit stays


def test_I5_draft_sent_but_not_recorded_says_so_and_a_retry_records_it(sandbox, client, ready, monkeypatch):
    """The database fails right after sevDesk created the draft (a full disk, the team
    server gone): the sentence says the draft exists, and the next attempt takes it over."""
    import sqlite3

    import peewee

    real_finalize = invoices._finalize

    def full_disk(*args, **kwargs):
        failure = peewee.OperationalError("no transaction is active")
        failure.__cause__ = sqlite3.OperationalError("database or disk is full")
        raise failure

    monkeypatch.setattr(invoices, "_finalize", full_disk)
    with pytest.raises(PreconditionError) as refused:
        send(client, ready)
    pending = InvoiceDraft.get()
    [created] = invoices_with(sandbox, pending.reference)
    assert f"Rechnungsentwurf {created['id']} ist in sevDesk angelegt" in str(refused.value)
    assert "nicht von Hand" in str(refused.value)

    monkeypatch.setattr(invoices, "_finalize", real_finalize)
    InvoiceDraft.update(sent_at=datetime(2000, 1, 1)).execute()  # the lease has run out
    draft = send(client, ready)
    assert (draft.sevdesk_id, draft.state) == (created["id"], "sent")
    assert len(invoices_with(sandbox, pending.reference)) == 1
    assert writes(sandbox) == [("POST", SAVE)]
