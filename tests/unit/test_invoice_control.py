"""Invoices under the office's control (SPEC V1–V6) from local data only."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

import pytest

from craftdesk.api.records import OrderPosRec
from craftdesk.errors import PreconditionError
from craftdesk.services import invoice_edits, projects
from craftdesk.services.invoice_checks import DOUBLE_LABOUR, ZERO_PRICE
from craftdesk.services.invoice_json import preview_json
from craftdesk.services.invoices import build_preview
from craftdesk.services.orders import planned_lines
from craftdesk.services.worksheet import UsedLine, take_over, used_lines
from craftdesk.store import settings
from craftdesk.store.models import (
    Address,
    Appointment,
    Article,
    Customer,
    InvoiceEdit,
    Job,
    PlannedMaterial,
    Project,
)

TODAY = date(2026, 3, 10)


@pytest.fixture
def shop(database):
    settings.set("hourly_rate", "58.00")
    settings.set("hourly_vat_rate", "19")
    customer = Customer.create(
        kind="organisation", e_invoice=False, company="Bäckerei Schröder", sevdesk_id="71234502"
    )
    Address.create(customer=customer, kind="billing", street="Marktplatz 7", zip="71634", city="Ludwigsburg")
    valve = Article.create(
        number="A-1001",
        name="Heizkörperventil DN15",
        unit="Stk",
        net_price=Decimal("26.00"),
        vat_rate=Decimal(19),
        sevdesk_id="9876501",
    )
    fitter = Article.create(
        number="D-2001",
        name="Montage Geselle",
        unit="Std",
        net_price=Decimal("62.00"),
        vat_rate=Decimal(19),
        category="Dienstleistung",
    )
    project = Project.create(
        title="Austausch Heizkörper Backstube",
        customer=customer,
        site_street="Schorndorfer Straße 88",
        site_zip="71638",
        site_city="Ludwigsburg",
    )
    job = Job.create(project=project, title="Heizung")
    appointment = Appointment.create(
        job=job, title="Heizkörper tauschen", status="in_progress", start=datetime(2026, 3, 2, 8)
    )
    # As imported from the confirmation (V2): the confirmed price differs from today's.
    PlannedMaterial.create(
        appointment=appointment,
        article=valve,
        quantity=Decimal(4),
        unit="Stk",
        net_price=Decimal("24.90"),
        vat_rate=Decimal(19),
        position=0,
    )
    PlannedMaterial.create(
        appointment=appointment,
        article=None,
        quantity=Decimal(1),
        text="Entsorgung der Altheizkörper inkl. Demontage",
        unit="pauschal",
        net_price=Decimal(120),
        vat_rate=Decimal(19),
        position=1,
    )
    PlannedMaterial.create(
        appointment=appointment,
        article=fitter,
        quantity=Decimal("6.5"),
        unit="Std",
        net_price=Decimal(62),
        vat_rate=Decimal(19),
        position=2,
    )
    return {"project": project, "appointment": appointment, "valve": valve, "fitter": fitter, "job": job}


def _finish(shop, hours="6.5"):
    appointment = shop["appointment"]
    used = used_lines(appointment.id)
    projects.set_appointment_done(appointment.id, Decimal(hours), used)


def _rows(preview):
    return [(line.kind, line.text, line.quantity, line.unit, line.net_price) for line in preview.lines]


def test_V2_order_positions_keep_price_and_vat_and_free_text():
    valve = Article(id=1, number="A-1001", name="Ventil", unit="Stk")
    positions = [
        OrderPosRec("1", "9", "p1", Decimal(4), Decimal("24.90"), "Ventil", "", "1", Decimal(19), 1),
        OrderPosRec("2", "9", None, Decimal(1), Decimal(120), "Entsorgung", "", "7", Decimal(19), 2),
        OrderPosRec("3", "9", "p1", Decimal(2), Decimal("24.90"), "Ventil", "", "1", Decimal(19), 3),
        OrderPosRec("4", "9", "p1", Decimal(1), Decimal(0), "Ventil (Kulanz)", "", "1", Decimal(19), 4),
    ]
    lines = planned_lines(positions, {"p1": valve}, {"7": "pauschal"})
    assert [(l.article is not None, l.text, l.quantity, l.unit, l.net_price, l.vat_rate) for l in lines] == [
        (True, "", Decimal(6), "Stk", Decimal("24.90"), Decimal(19)),  # merged (O6), same price
        (False, "Entsorgung", Decimal(1), "pauschal", Decimal(120), Decimal(19)),
        (True, "", Decimal(1), "Stk", Decimal(0), Decimal(19)),  # another price stays its own line
    ]


def test_V2_taken_over_lines_bill_the_confirmed_price_and_the_free_text(shop):
    assert projects.take_over_planned(shop["appointment"].id) == 3
    _finish(shop)
    preview = build_preview(shop["project"].id, today=TODAY)
    assert _rows(preview) == [
        ("title", "Austausch Heizkörper Backstube", 1, "pauschal", Decimal("0.00")),
        ("hours", "Heizkörper tauschen", Decimal("6.5"), "Std", Decimal("58.00")),
        ("article", "Heizkörperventil DN15", 4, "Stk", Decimal("24.90")),  # not today's 26.00
        ("text", "Entsorgung der Altheizkörper inkl. Demontage", 1, "pauschal", Decimal(120)),
        ("article", "Montage Geselle", Decimal("6.5"), "Std", Decimal(62)),
    ]


def test_V2_planned_lines_missing_from_the_worksheet_are_named(shop):
    _finish(shop)
    preview = build_preview(shop["project"].id, today=TODAY)
    assert any("Entsorgung der Altheizkörper" in w and "fehlt im Arbeitsblatt" in w for w in preview.warnings)


def test_V3_take_over_twice_never_doubles(shop):
    appointment = shop["appointment"]
    assert projects.take_over_planned(appointment.id) == 3
    assert projects.take_over_planned(appointment.id) == 0
    assert [(l.article_id, l.text, l.quantity) for l in used_lines(appointment.id)] == [
        (shop["valve"].id, "", Decimal(4)),
        (None, "Entsorgung der Altheizkörper inkl. Demontage", Decimal(1)),
        (shop["fitter"].id, "", Decimal("6.5")),
    ]


def test_V3_article_already_on_the_worksheet_is_linked_not_added(shop):
    appointment = shop["appointment"]
    projects.set_worksheet(appointment.id, used=[(shop["valve"].id, Decimal(3))])
    from craftdesk.services.worksheet import planned_items

    result = take_over(planned_items(appointment.id), used_lines(appointment.id))
    assert next((l.article_id, l.quantity, l.net_price) for l in result) == (
        shop["valve"].id,
        Decimal(3),
        Decimal("24.90"),
    )
    assert len(result) == 3
    assert take_over(planned_items(appointment.id), result) == result


def test_V4_double_labour_is_flagged_until_resolved(shop):
    projects.take_over_planned(shop["appointment"].id)
    _finish(shop)
    preview = build_preview(shop["project"].id, today=TODAY)
    flagged = [line.key for line in preview.flagged(DOUBLE_LABOUR)]
    hours_key = f"hours:{shop['appointment'].id}"
    assert flagged[0] == hours_key and len(flagged) == 2
    assert any(w.startswith("Arbeitszeit doppelt?") for w in preview.warnings)
    # Nothing was removed by craftdesk.
    assert len(preview.lines) == 5
    # Resolved by confirming both …
    confirmed = invoice_edits.save(
        shop["project"].id,
        preview.lines,
        preview.header,
        labour_confirmed=[shop["appointment"].id],
        today=TODAY,
    )
    assert not confirmed.flagged(DOUBLE_LABOUR)
    assert not any("Arbeitszeit doppelt" in w for w in confirmed.warnings)
    # … or by removing one of the charges.
    invoice_edits.reset(shop["project"].id)
    kept = [line for line in preview.lines if line.key != hours_key]
    removed = invoice_edits.save(shop["project"].id, kept, preview.header, today=TODAY)
    assert not removed.flagged(DOUBLE_LABOUR)
    assert [line.kind for line in build_preview(shop["project"].id, today=TODAY).lines] == [
        "title",
        "article",
        "text",
        "article",
    ]


def test_V4_hours_alone_or_flat_services_are_not_double(shop):
    _finish(shop)
    projects.set_worksheet(shop["appointment"].id, used=[(shop["valve"].id, Decimal(1))])
    preview = build_preview(shop["project"].id, today=TODAY)
    assert not preview.flagged(DOUBLE_LABOUR)


def test_V5_zero_price_lines_are_flagged_but_not_the_title(shop):
    settings.set("hourly_rate", "0.00")
    _finish(shop)
    preview = build_preview(shop["project"].id, today=TODAY)
    assert [line.kind for line in preview.flagged(ZERO_PRICE)] == ["hours"]
    assert any("Positionen mit 0,00 €: „Heizkörper tauschen“" in w for w in preview.warnings)


def test_V6_service_period_and_job_site_in_the_head_text(shop):
    _finish(shop)
    second = Appointment.create(
        job=shop["job"], title="Nacharbeit", status="done", start=datetime(2026, 3, 6, 9), hours=Decimal(1)
    )
    future = Appointment.create(
        job=shop["job"], title="Zukunft", status="done", start=datetime(2026, 4, 1, 9), hours=Decimal(1)
    )
    preview = build_preview(shop["project"].id, today=TODAY)
    assert preview.appointment_ids[-2:] == (second.id, future.id)
    header = preview.header
    # From the first day to the last, never after the invoice date.
    assert (header.service_from, header.service_to) == (date(2026, 3, 2), TODAY)
    assert "Leistungszeitraum: 02.03.2026 bis 10.03.2026" in header.head_text
    assert "Leistungsort: Schorndorfer Straße 88, 71638 Ludwigsburg" in header.head_text


def test_V6_no_job_site_line_when_it_is_the_billing_address(shop):
    project = shop["project"]
    project.site_street, project.site_zip = "Marktplatz  7", "71634"
    project.save()
    _finish(shop)
    head = build_preview(project.id, today=TODAY).header.head_text
    assert "Leistungsort" not in head and "Leistungsdatum: 02.03.2026" in head


def test_V1_edits_are_kept_with_the_project_and_reset_restores_the_proposal(shop):
    projects.take_over_planned(shop["appointment"].id)
    _finish(shop)
    project_id = shop["project"].id
    original = build_preview(project_id, today=TODAY)
    lines = list(original.lines)
    lines[2] = replace(lines[2], quantity=Decimal(3), text="Ventil DN15")  # edit
    lines.insert(1, lines.pop(3))  # reorder: the free text right after the title
    del lines[-1]  # remove "Montage Geselle"
    added = replace(
        lines[-1],
        key="added:1",
        kind="text",
        text="Anfahrt",
        quantity=Decimal(1),
        unit="pauschal",
        net_price=Decimal(35),
        article_id=None,
        part_id=None,
        article_number=None,
        appointment_id=None,
    )
    lines.append(added)
    header = replace(original.header, header="Rechnung Backstube", head_text="Danke!")
    invoice_edits.save(project_id, lines, header, today=TODAY)

    again = build_preview(project_id, today=TODAY)  # "closing and reopening"
    assert again.edited
    assert [(l.text, l.quantity) for l in again.lines] == [
        ("Austausch Heizkörper Backstube", 1),
        ("Entsorgung der Altheizkörper inkl. Demontage", 1),
        ("Heizkörper tauschen", Decimal("6.5")),
        ("Ventil DN15", 3),
        ("Anfahrt", 1),
    ]
    assert (again.header.header, again.header.head_text) == ("Rechnung Backstube", "Danke!")
    stored = json.loads(InvoiceEdit.get(InvoiceEdit.project == project_id).data)
    assert stored["removed"] == [original.lines[4].key]

    invoice_edits.reset(project_id)
    assert build_preview(project_id, today=TODAY).lines == original.lines


def test_V1_new_work_after_editing_still_shows_up(shop):
    _finish(shop)
    project_id = shop["project"].id
    original = build_preview(project_id, today=TODAY)
    lines = [replace(original.lines[1], net_price=Decimal(60))]
    invoice_edits.save(project_id, [original.lines[0], *lines], original.header, today=TODAY)
    projects.set_worksheet(shop["appointment"].id, used=[(shop["valve"].id, Decimal(2))])
    again = build_preview(project_id, today=TODAY)
    assert [(l.kind, l.net_price) for l in again.lines] == [
        ("title", Decimal("0.00")),
        ("hours", Decimal(60)),
        ("article", Decimal("26.00")),
    ]


def test_V1_saving_the_unchanged_proposal_stores_nothing(shop):
    _finish(shop)
    preview = build_preview(shop["project"].id, today=TODAY)
    invoice_edits.save(shop["project"].id, preview.lines, preview.header, today=TODAY)
    assert InvoiceEdit.select().count() == 0


def test_V1_edits_are_range_checked(shop):
    _finish(shop)
    preview = build_preview(shop["project"].id, today=TODAY)
    bad = [preview.lines[0], replace(preview.lines[1], net_price=Decimal(20000000))]
    with pytest.raises(PreconditionError):
        invoice_edits.save(shop["project"].id, bad, preview.header, today=TODAY)
    with pytest.raises(PreconditionError):
        invoice_edits.save(shop["project"].id, [], preview.header, today=TODAY)
    assert InvoiceEdit.select().count() == 0


def test_V7_preview_json_has_exactly_the_documented_keys(shop):
    projects.take_over_planned(shop["appointment"].id)
    _finish(shop)
    data = preview_json(build_preview(shop["project"].id, today=TODAY))
    assert list(data) == [
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
    ]
    assert data["customer"] == {
        "id": shop["project"].customer_id,
        "sevdesk_id": "71234502",
        "name": "Bäckerei Schröder",
    }
    assert data["address"] == {
        "street": "Marktplatz 7",
        "zip": "71634",
        "city": "Ludwigsburg",
        "country": "DE",
    }
    assert (data["service_from"], data["service_to"]) == ("2026-03-02", "2026-03-02")
    assert data["lines"][3] == {
        "kind": "text",
        "text": "Entsorgung der Altheizkörper inkl. Demontage",
        "quantity": "1",
        "unit": "pauschal",
        "net_price": "120.00",
        "vat_rate": "19",
        "article_number": None,
    }
    assert data["lines"][2]["article_number"] == "A-1001"
    assert all(
        isinstance(v, str) for line in data["lines"] for k, v in line.items() if k not in ("article_number",)
    )
    json.dumps(data)  # serialisable as is


def test_V3_worksheet_lines_validate_free_text(shop):
    with pytest.raises(PreconditionError):
        projects.set_worksheet(shop["appointment"].id, used=[UsedLine(None, Decimal(1), text="  ")])
