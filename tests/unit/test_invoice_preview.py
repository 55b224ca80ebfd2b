"""The invoice preview (SPEC I1, I2, I4, S5) from local data only — no sevDesk involved."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from craftdesk.errors import NotFound, PreconditionError
from craftdesk.services.invoices import build_preview, invoice_link
from craftdesk.store import settings
from craftdesk.store.models import (
    Address,
    Appointment,
    Article,
    Customer,
    InvoiceDraft,
    Job,
    Project,
    UsedArticle,
)

TODAY = date(2026, 3, 10)


@pytest.fixture
def shop(database):
    settings.set("hourly_rate", "58.00")
    settings.set("hourly_vat_rate", "19")
    customer = Customer.create(
        kind="organisation", e_invoice=False, company="Bäckerei Schröder", customer_number="10002"
    )
    Address.create(
        customer=customer, kind="postal", street="Schorndorfer Str. 88", zip="71638", city="Ludwigsburg"
    )
    Address.create(customer=customer, kind="billing", street="Marktplatz 7", zip="71634", city="Ludwigsburg")
    valve = Article.create(
        number="A-1001",
        name="Heizkörperventil DN15",
        unit="Stk",
        net_price=Decimal("24.90"),
        vat_rate=Decimal(19),
        sevdesk_id="9876501",
        description="Thermostatventil",
    )
    plant = Article.create(
        number="L-7", name="Buchsbaum", unit="Stk", net_price=Decimal("19.90"), vat_rate=Decimal(7)
    )
    project = Project.create(title="Backstube Heizung", customer=customer)
    job = Job.create(project=project, title="Heizung")
    return {"customer": customer, "valve": valve, "plant": plant, "project": project, "job": job}


def _appointment(job, title, status="done", start=None, hours="2", **kw):
    return Appointment.create(
        job=job,
        title=title,
        status=status,
        start=start,
        hours=Decimal(hours) if hours is not None else None,
        **kw,
    )


def test_I1_no_finished_appointment_is_refused(shop):
    _appointment(shop["job"], "Aufmaß", status="scheduled")
    with pytest.raises(PreconditionError, match="keinen fertigen Termin"):
        build_preview(shop["project"].id, today=TODAY)


def test_I1_unknown_project_is_not_found(database):
    with pytest.raises(NotFound, match="Projekt 999"):
        build_preview(999)


def test_I2_line_order_and_content(shop):
    job = shop["job"]
    late = _appointment(job, "Heizkörper tauschen", start=datetime(2026, 3, 5, 8), hours="3.5")
    undated = _appointment(job, "Nacharbeit", start=None, hours="1")
    _appointment(job, "Abnahme", status="in_progress", start=datetime(2026, 3, 1, 8))
    early = _appointment(job, "Rohre verlegen", start=datetime(2026, 3, 2, 7, 30), hours="4")
    UsedArticle.create(appointment=early, article=shop["plant"], quantity=Decimal(2), position=1)
    UsedArticle.create(appointment=early, article=shop["valve"], quantity=Decimal(3), position=0)
    UsedArticle.create(appointment=late, article=shop["valve"], quantity=Decimal(1))

    preview = build_preview(shop["project"].id, today=TODAY)

    rows = [(x.kind, x.name, x.quantity, x.unit, x.price, x.vat_rate, x.part_id) for x in preview.lines]
    assert rows == [
        ("title", "Backstube Heizung", 1, "pauschal", Decimal("0.00"), 19, None),
        ("hours", "Rohre verlegen", Decimal(4), "Std", Decimal("58.00"), 19, None),
        ("article", "Heizkörperventil DN15", 3, "Stk", Decimal("24.90"), 19, "9876501"),
        ("article", "Buchsbaum", 2, "Stk", Decimal("19.90"), 7, None),
        ("hours", "Heizkörper tauschen", Decimal("3.5"), "Std", Decimal("58.00"), 19, None),
        ("article", "Heizkörperventil DN15", 1, "Stk", Decimal("24.90"), 19, "9876501"),
        ("hours", "Nacharbeit", 1, "Std", Decimal("58.00"), 19, None),
    ]
    assert preview.lines[1].detail == "am 02.03.2026"
    assert preview.appointment_ids == (early.id, late.id, undated.id)
    # V6: the service period runs from the first to the last appointment day.
    assert (preview.header.service_from, preview.header.service_to) == (date(2026, 3, 2), date(2026, 3, 5))
    assert preview.warnings == ()


def test_I2_same_start_is_ordered_by_id(shop):
    when = datetime(2026, 3, 2, 8)
    first = _appointment(shop["job"], "B zuerst angelegt", start=when)
    second = _appointment(shop["job"], "A danach angelegt", start=when)
    assert build_preview(shop["project"].id, today=TODAY).appointment_ids == (first.id, second.id)


def test_I2_totals_are_decimal_and_rounded_half_up(shop):
    settings.set("hourly_rate", "0.335")  # 3 h → 1.005 € net: half-up gives 1.01
    appointment = _appointment(shop["job"], "Kleinkram", hours="3")
    UsedArticle.create(appointment=appointment, article=shop["plant"], quantity=Decimal("1.5"))

    preview = build_preview(shop["project"].id, today=TODAY)

    labour, plant = preview.lines[1], preview.lines[2]
    assert labour.net == Decimal("1.01") and labour.gross == Decimal("1.20")  # 1.19595
    assert plant.net == Decimal("29.85") and plant.gross == Decimal("31.94")  # 31.9395
    assert preview.net == Decimal("30.86")
    assert preview.gross == Decimal("33.14")
    assert preview.vat == Decimal("2.28")
    assert preview.vat_by_rate() == {Decimal(7): Decimal("2.09"), Decimal(19): Decimal("0.19")}
    assert all(isinstance(v, Decimal) for v in (preview.net, preview.vat, preview.gross))


def test_I2_vat_is_taken_per_rate_from_the_summed_nets(shop):
    # 0.25 h at 47.50 € is 11.875 → 11.88 net; 19 % of 11.88 is 2.2572 → 2.26. Taken from
    # the unrounded 11.875 (14.13125 gross), the invoice read 11.88 + 2.25 = 14.13.
    settings.set("hourly_rate", "47.50")
    _appointment(shop["job"], "Kurz", hours="0.25")
    preview = build_preview(shop["project"].id, today=TODAY)
    assert (preview.net, preview.vat, preview.gross) == (Decimal("11.88"), Decimal("2.26"), Decimal("14.14"))
    # Several lines of one rate: their nets are summed first, then taxed (EN 16931
    # BR-CO-17); each line's own VAT, rounded and added up, is a cent off here.
    settings.set("hourly_rate", "1.01")
    other = Project.create(title="Drei Kleinigkeiten", customer=shop["customer"])
    job = Job.create(project=other, title="Kleinkram")
    for n in range(3):
        _appointment(job, f"Teil {n}", hours="1")
    preview = build_preview(other.id, today=TODAY)
    lines = [line for line in preview.lines if line.net]
    assert [(line.net, line.vat) for line in lines] == [(Decimal("1.01"), Decimal("0.19"))] * 3  # 0.1919
    assert preview.vat_by_rate() == {Decimal(19): Decimal("0.58")}  # 3.03 × 19 % = 0.5757, not 0.57
    assert (preview.net, preview.vat, preview.gross) == (Decimal("3.03"), Decimal("0.58"), Decimal("3.61"))


def test_S5_zero_hourly_rate_warns(shop):
    settings.set("hourly_rate", "0.00")
    _appointment(shop["job"], "Montage")
    preview = build_preview(shop["project"].id, today=TODAY)
    assert any("Stundensatz ist 0,00" in w for w in preview.warnings)
    assert preview.lines[1].price == 0


def test_I2_appointment_without_hours_warns(shop):
    _appointment(shop["job"], "Ohne Stunden", hours=None)
    preview = build_preview(shop["project"].id, today=TODAY)
    assert preview.lines[1].quantity == 0
    assert preview.warnings[0] == "Für den Termin „Ohne Stunden“ sind keine Stunden dokumentiert."
    # A line at 0,00 € is named too (V5).
    assert preview.warnings[1:] == (
        "Positionen mit 0,00 €: „Ohne Stunden“ – bitte prüfen; vor dem Anlegen fragt craftdesk nach.",
    )


def test_I1_invoiced_appointments_are_left_out(shop):
    project = shop["project"]
    draft = InvoiceDraft.create(project=project, reference="craftdesk-old", state="sent", sevdesk_id="1")
    _appointment(shop["job"], "Schon abgerechnet", invoice=draft)
    new = _appointment(shop["job"], "Neu")
    assert build_preview(project.id, today=TODAY).appointment_ids == (new.id,)


def test_I4_billing_address_preferred_then_postal(shop):
    _appointment(shop["job"], "Montage")
    preview = build_preview(shop["project"].id, today=TODAY)
    assert (preview.address.name, preview.address.street, preview.address.zip) == (
        "Bäckerei Schröder",
        "Marktplatz 7",
        "71634",
    )

    Address.delete().where(Address.kind == "billing").execute()
    preview = build_preview(shop["project"].id, today=TODAY)
    assert preview.address.street == "Schorndorfer Str. 88"


def test_I1_project_without_customer_is_refused(shop):
    project = Project.create(title="Ohne Kunde")
    job = Job.create(project=project, title="x")
    _appointment(job, "Montage")
    with pytest.raises(PreconditionError, match="kein Kunde"):
        build_preview(project.id, today=TODAY)


def test_I2_delivery_date_never_after_invoice_date(shop):
    _appointment(shop["job"], "Zukunft", start=datetime(2026, 4, 1, 8))
    assert build_preview(shop["project"].id, today=TODAY).delivery_date == TODAY


def test_I2_unsupported_vat_rate_warns(shop):
    settings.set("hourly_vat_rate", "16")
    _appointment(shop["job"], "Montage")
    preview = build_preview(shop["project"].id, today=TODAY)
    assert any("16 %" in w for w in preview.warnings)


def test_I5_invoice_link():
    assert invoice_link("135582100") == "https://my.sevdesk.de/#/fi/edit/type/RE/id/135582100"


def test_A3_the_command_lines_preview_rounds_money_half_up_as_the_window_does():
    from craftdesk.commands.invoice import _money

    # Python's format rounds half to even: the CLI showed 2,34 and 0,12 where the GUI and
    # the line totals say 2,35 and 0,13.
    assert [_money(Decimal(v)) for v in ("2.345", "0.125", "1234.5", "-2.345")] == [
        "2,35",
        "0,13",
        "1.234,50",
        "-2,35",
    ]
