"""Local projects, jobs, appointments, worksheets and employees (O8), plus the pure parts
of the order import: street normalisation and job-site choice (O5), merging of
positions (O6) and export shapes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from craftdesk.api.records import OrderPosRec
from craftdesk.commands.projects import parse_decimal
from craftdesk.errors import NotFound, PreconditionError, UsageError
from craftdesk.services import employees as emp
from craftdesk.services import projects as svc
from craftdesk.services.orders import find_site, normalize_street, order_site, planned_lines
from craftdesk.services.project_export import decimal_text, project_records, project_rows
from craftdesk.store.models import (
    Address,
    Appointment,
    AppointmentEmployee,
    Article,
    Customer,
    InvoiceDraft,
    Job,
    PlannedMaterial,
    Project,
    UsedArticle,
)


@pytest.fixture
def customer(database):
    c = Customer.create(company="Müller Haustechnik GmbH", kind="organisation", sevdesk_id="71")
    Address.create(customer=c, kind="billing", street="Postfach 11 23", zip="70001", city="Stuttgart")
    Address.create(
        customer=c, kind="delivery", street="Hauptstraße 12", zip="70563", city="Stuttgart", position=1
    )
    Address.create(
        customer=c, kind="postal", street="Königstraße 40", zip="70173", city="Stuttgart", position=2
    )
    return c


@pytest.fixture
def articles(database):
    return (
        Article.create(number="A-1", name="Ventil", unit="Stk", net_price=Decimal("24.90")),
        Article.create(number="A-2", name="Rohr", unit="m", net_price=Decimal("8.90")),
    )


def _invoice(project: Project, appointment: Appointment) -> None:
    draft = InvoiceDraft.create(project=project, reference="CD-1", state="sent", sevdesk_id="9001")
    Appointment.update(invoice=draft).where(Appointment.id == appointment.id).execute()


# --- projects, jobs, appointments (O8) ----------------------------------------------------


def test_O8_create_project_has_first_job_and_appointment_defaults(customer):
    site = svc.Site("Hauptstraße 12", "70563", "Stuttgart")
    project = svc.create_project("Bad Schmid", customer.id, site)
    jobs = svc.jobs_of(project)
    assert [j.title for j in jobs] == ["Bad Schmid"]
    plain = svc.create_appointment(jobs[0].id, "Aufmaß")
    timed = svc.create_appointment(jobs[0].id, "Montage", start=datetime(2026, 3, 2, 8))
    assert plain.status == "unscheduled" and timed.status == "scheduled"
    again = svc.get_appointment(plain.id)
    assert again.customer_id == customer.id
    assert svc.site_of(again) == site


def test_O8_appointment_people_and_planned_lines(customer, articles):
    project = svc.create_project("P", customer.id)
    anna = emp.add_employee("Anna Maier", "anna@example.de")
    ben = emp.add_employee("Ben Roth")
    a = svc.create_appointment(
        svc.first_job(project).id,
        "Termin",
        assignee_ids=[anna.id, anna.id],
        observer_ids=[ben.id],
        planned=[
            svc.PlannedLine(article_id=articles[0].id, quantity=Decimal("2")),
            svc.PlannedLine(text="Entsorgung  Altmaterial", quantity=Decimal("1")),
        ],
    )
    assert [e.name for e in svc.people_of(a, "assignee")] == ["Anna Maier"]
    assert [e.name for e in svc.people_of(a, "observer")] == ["Ben Roth"]
    lines = svc.planned_of(a)
    assert [(ln.article_id, ln.text, ln.quantity, ln.unit) for ln in lines] == [
        (articles[0].id, "", Decimal("2"), "Stk"),
        (None, "Entsorgung Altmaterial", Decimal("1"), ""),
    ]
    svc.set_appointment_people(a.id, "observer", [])
    assert svc.people_of(a, "observer") == []
    with pytest.raises(PreconditionError):
        svc.set_planned_material(a.id, [svc.PlannedLine(text="x", quantity=Decimal("0"))])
    assert len(svc.planned_of(a)) == 2  # a refused change leaves the old lines


def test_O8_edit_appointment_validates_status_and_times(customer):
    project = svc.create_project("P", customer.id)
    a = svc.create_appointment(svc.first_job(project).id, "T")
    with pytest.raises(PreconditionError, match="Terminstatus"):
        svc.set_appointment_status(a.id, "fertig")
    with pytest.raises(PreconditionError, match="vor seinem Beginn"):
        svc.edit_appointment(a.id, start=datetime(2026, 3, 2, 10), end=datetime(2026, 3, 2, 8))
    svc.edit_appointment(a.id, status="problem", title="Neu")
    assert svc.get_appointment(a.id).status == "problem"
    assert svc.get_appointment(a.id).title == "Neu"


def test_O8_aware_start_is_stored_as_local_wall_clock(customer):
    project = svc.create_project("P", customer.id)
    aware = datetime(2026, 3, 2, 7, 0, tzinfo=timezone.utc)
    a = svc.add_appointment_to_project(project.id, "T", aware)
    stored = svc.get_appointment(a.id).start
    assert isinstance(stored, datetime) and stored.tzinfo is None
    # Berlin wall clock (SPEC P8), whatever the machine's time zone: 07:00 UTC is 08:00 CET.
    assert stored == datetime(2026, 3, 2, 8, 0)


def test_O8_set_appointment_done_records_worksheet(customer, articles):
    project = svc.create_project("P", customer.id)
    a = svc.create_appointment(svc.first_job(project).id, "T")
    svc.set_appointment_done(
        a.id,
        Decimal("3.5"),
        [(articles[0].id, Decimal("2")), (articles[1].id, Decimal("1.5")), (articles[0].id, Decimal("1"))],
    )
    done = svc.get_appointment(a.id)
    assert done.status == "done" and done.hours == Decimal("3.5")
    assert [(u.article_id, u.quantity) for u in svc.used_of(done)] == [
        (articles[0].id, Decimal("3")),
        (articles[1].id, Decimal("1.5")),
    ]
    # Setting it again replaces the used articles rather than adding to them.
    svc.set_appointment_done(a.id, Decimal("4"), [(articles[1].id, Decimal("2"))])
    assert [(u.article_id, u.quantity) for u in svc.used_of(done)] == [(articles[1].id, Decimal("2"))]


def test_O8_done_with_unknown_article_changes_nothing(customer, articles):
    project = svc.create_project("P", customer.id)
    a = svc.create_appointment(svc.first_job(project).id, "T")
    with pytest.raises(NotFound):
        svc.set_appointment_done(a.id, Decimal("2"), [(articles[0].id, Decimal("1")), (9999, Decimal("1"))])
    again = svc.get_appointment(a.id)
    assert again.status == "unscheduled" and again.hours is None
    assert UsedArticle.select().count() == 0


def test_O8_done_refuses_negative_hours_and_invoiced_appointment(customer, articles):
    project = svc.create_project("P", customer.id)
    a = svc.create_appointment(svc.first_job(project).id, "T")
    with pytest.raises(PreconditionError):
        svc.set_appointment_done(a.id, Decimal("-1"), [])
    _invoice(project, a)
    with pytest.raises(PreconditionError, match="bereits abgerechnet"):
        svc.set_appointment_done(a.id, Decimal("1"), [])


def test_O8_delete_project_with_invoiced_appointment_is_refused(customer, articles):
    project = svc.create_project("P", customer.id)
    job = svc.first_job(project)
    a = svc.create_appointment(job.id, "Montage")
    svc.set_appointment_done(a.id, Decimal("2"), [(articles[0].id, Decimal("1"))])
    _invoice(project, a)
    with pytest.raises(PreconditionError, match="bereits abgerechnet") as info:
        svc.delete_project(project.id)
    assert "Montage" in str(info.value)
    with pytest.raises(PreconditionError):
        svc.delete_job(job.id)
    with pytest.raises(PreconditionError):
        svc.delete_appointment(a.id)
    assert Project.select().count() == 1 and Appointment.select().count() == 1


def test_O8_delete_project_removes_jobs_appointments_and_lines(customer, articles):
    project = svc.create_project("P", customer.id)
    anna = emp.add_employee("Anna")
    a = svc.create_appointment(
        svc.first_job(project).id,
        "T",
        observer_ids=[anna.id],
        planned=[svc.PlannedLine(article_id=articles[0].id)],
    )
    svc.set_appointment_done(a.id, Decimal("1"), [(articles[0].id, Decimal("1"))])
    svc.delete_project(project.id)
    for model in (Project, Job, Appointment, AppointmentEmployee, PlannedMaterial, UsedArticle):
        assert model.select().count() == 0, model.__name__
    assert Article.select().count() == 2 and Customer.select().count() == 1


def test_O8_appointment_add_into_first_job_and_unknown_project(customer):
    project = svc.create_project("P", customer.id, job_title="Erster Auftrag")
    svc.create_job(project.id, "Zweiter Auftrag")
    a = svc.add_appointment_to_project(project.id, "T")
    assert a.job.title == "Erster Auftrag"
    with pytest.raises(NotFound):
        svc.add_appointment_to_project(999, "T")
    assert [x.id for x in svc.list_appointments(project.id)] == [a.id]


# --- employees -----------------------------------------------------------------------------


def test_employee_crud_and_unique_sevdesk_user(database):
    anna = emp.add_employee("  Anna   Maier ", "Anna@Example.de", "1551095")
    assert anna.name == "Anna Maier"
    with pytest.raises(PreconditionError, match="bereits"):
        emp.add_employee("Zweite", sevdesk_user_id="1551095")
    with pytest.raises(PreconditionError):
        emp.add_employee("   ")
    for not_an_id in ("abc", "-5", "99999999999999999999999", "12a"):  # H10
        with pytest.raises(UsageError, match="keine sevDesk-Benutzer-Id"):
            emp.add_employee("Dritte", sevdesk_user_id=not_an_id)
        with pytest.raises(UsageError):
            emp.edit_employee(anna.id, sevdesk_user_id=not_an_id)
    assert emp.get_employee(anna.id).sevdesk_user_id == "1551095"
    null = emp.add_employee("Null", sevdesk_user_id=" 007 ")
    assert null.sevdesk_user_id == "7"  # as the command line reads it
    emp.delete_employee(null.id)
    emp.edit_employee(anna.id, email=None, active=False)
    assert emp.get_employee(anna.id).email is None
    assert emp.list_employees(include_inactive=False) == []
    emp.delete_employee(anna.id)
    with pytest.raises(NotFound):
        emp.get_employee(anna.id)


def test_O3_match_employee_by_id_then_email_then_exact_name(database):
    by_id = emp.add_employee("Irgendwer", sevdesk_user_id="7")
    by_mail = emp.add_employee("Sabine K.", "s.krueger@example.de")
    by_name = emp.add_employee("Jörg Weißmann")
    linked_elsewhere = emp.add_employee("Thomas Becker", "t.becker@example.de", "8")
    user = emp.UserIdentity
    assert emp.match_employee(user("7", "x@y.de", "Jörg Weißmann")) == by_id
    assert emp.match_employee(user("9", "S.Krueger@EXAMPLE.de ", "Sabine Krüger")) == by_mail
    assert emp.match_employee(user("9", "", "Jörg Weißmann")) == by_name
    assert emp.match_employee(user("9", "", "Jörg Weissmann")) is None  # never fuzzy
    assert emp.match_employee(user("9", "", "jörg weißmann")) is None
    # Linked to another sevDesk user: not this one, although e-mail and name agree.
    assert emp.match_employee(user("9", "t.becker@example.de", "Thomas Becker")) is None
    assert linked_elsewhere.sevdesk_user_id == "8"


def test_O3_ambiguous_or_inactive_employees_are_not_matched(database):
    emp.add_employee("Max Muster")
    emp.add_employee("Max Muster")
    inactive = emp.add_employee("Eva Alt", sevdesk_user_id="5")
    emp.edit_employee(inactive.id, active=False)
    assert emp.match_employee(emp.UserIdentity("1", "", "Max Muster")) is None
    assert emp.match_employee(emp.UserIdentity("5", "", "Eva Alt")) is None


# --- job site (O5) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        "Hauptstraße 12",
        "hauptstr. 12",
        "HAUPTSTRASSE 12",
        "Haupt straße  12",
        "Hauptstr.12",
        " Hauptstrasse\t12 ",
    ],
)
def test_O5_street_variants_are_equivalent(written):
    assert normalize_street(written) == normalize_street("Hauptstraße 12")


def test_O5_different_streets_stay_different():
    assert normalize_street("Hauptstraße 12") != normalize_street("Hauptstraße 14")
    assert normalize_street("Hauptweg 12") != normalize_street("Hauptstraße 12")


def test_O5_order_street_from_address_text():
    assert order_site("", "Müller GmbH\nhauptstr. 12\n70563 Stuttgart") == (
        order_site("", "Müller GmbH\nhauptstr. 12\n70563 Stuttgart")
    )
    three = order_site("", "Müller GmbH\nhauptstr. 12\n70563 Stuttgart")
    assert (three.street, three.zip, three.city) == ("hauptstr. 12", "70563", "Stuttgart")
    four = order_site("", "Müller GmbH\nz. Hd. Frau Kern\nHauptstraße 12\n70563 Stuttgart\nDeutschland")
    assert (four.street, four.zip) == ("Hauptstraße 12", "70563")
    assert order_site("Gartenweg 1", "Müller\nHauptstraße 12\n70563 Stuttgart").street == "Gartenweg 1"
    assert order_site("", "Müller GmbH\n70563 Stuttgart").street == ""
    assert order_site("", "Müller GmbH\nHauptstraße 12").street == "Hauptstraße 12"


def test_O5_find_site_matches_any_address_kind_else_postal(customer):
    matched = find_site(customer, order_site("", "X\n HAUPTSTR. 12 \n70563 Stuttgart"))
    assert (matched.street, matched.zip) == ("Hauptstraße 12", "70563")
    fallback = find_site(customer, order_site("", "X\nGartenweg 3\n70563 Stuttgart"))
    postal = customer.addresses.where(Address.kind == "postal").get()
    assert (fallback.street, fallback.zip) == (postal.street, postal.zip)
    # Only a billing address on file: it is used when nothing matches.
    bare = Customer.create(company="Nur Rechnung")
    Address.create(customer=bare, kind="billing", street="Marktplatz 7", zip="71634", city="Ludwigsburg")
    assert find_site(bare, order_site("", "X\nGartenweg 3\n1 Y")).street == "Marktplatz 7"


# --- positions (O6) ------------------------------------------------------------------------


def _pos(pid: str, part: str | None, qty: str, name: str = "", number: int = 0) -> OrderPosRec:
    return OrderPosRec(
        id=pid,
        order_id="1",
        part_id=part,
        quantity=Decimal(qty),
        price=Decimal(0),
        name=name,
        text="",
        unity_id=None,
        tax_rate=Decimal(19),
        position_number=number,
    )


def test_O6_same_part_merged_free_text_kept_in_order():
    ventil = Article(number="A-1", name="Ventil", unit="Stk")
    rohr = Article(number="A-2", name="Rohr", unit="m")
    lines = planned_lines(
        [
            _pos("1", "p1", "12"),
            _pos("2", None, "1", "Anfahrt"),
            _pos("3", "p2", "1.5"),
            _pos("4", "p1", "6"),
            _pos("5", None, "0", ""),
        ],
        {"p1": rohr, "p2": ventil},
    )
    assert [(ln.article, ln.text, ln.quantity, ln.unit) for ln in lines] == [
        (rohr, "", Decimal("18"), "m"),
        (None, "Anfahrt", Decimal("1"), ""),
        (ventil, "", Decimal("1.5"), "Stk"),
    ]


# --- export and parsing --------------------------------------------------------------------


def test_decimal_text_is_plain():
    assert [decimal_text(Decimal(v)) for v in ("10.000", "3.50", "0.0", "1E+1", "-0")] == [
        "10",
        "3.5",
        "0",
        "10",
        "0",
    ]
    assert decimal_text(None) is None


def test_project_records_shape(customer, articles):
    project = svc.create_project("P", customer.id, svc.Site("Hauptstraße 12", "70563", "Stuttgart"))
    anna = emp.add_employee("Anna")
    start = datetime(2026, 3, 2, 8, 0)
    a = svc.create_appointment(
        svc.first_job(project).id,
        "T",
        start=start,
        observer_ids=[anna.id],
        planned=[
            svc.PlannedLine(article_id=articles[1].id, quantity=Decimal("18.000")),
            svc.PlannedLine(text="Anfahrt"),
        ],
    )
    svc.set_appointment_done(a.id, Decimal("3.50"), [(articles[0].id, Decimal("2"))])
    _invoice(project, a)
    [record] = project_records()
    assert record == {
        "id": project.id,
        "sevdesk_id": None,
        "title": "P",
        "sevdesk_order_id": None,
        "customer_id": customer.id,
        "address": {"street": "Hauptstraße 12", "zip": "70563", "city": "Stuttgart", "country": "DE"},
        "jobs": [
            {
                "id": svc.first_job(project).id,
                "title": "P",
                "appointments": [
                    {
                        "id": a.id,
                        "title": "T",
                        "status": "done",
                        "start": "2026-03-02T08:00:00",
                        "end": "2026-03-02T10:00:00",
                        "hours": "3.5",
                        "project_id": project.id,
                        "assignees": [],
                        "observers": ["Anna"],
                        "planned": [
                            {"article_number": "A-2", "name": "Rohr", "quantity": "18", "unit": "m"},
                            {"article_number": None, "name": "Anfahrt", "quantity": "1", "unit": ""},
                        ],
                        "used": [{"article_number": "A-1", "quantity": "2"}],
                        "invoice_sevdesk_id": "9001",
                    }
                ],
            }
        ],
        # V8: a draft whose payment status was never read is a draft of unknown sums.
        "invoices": [
            {"sevdesk_id": "9001", "number": None, "status": "draft", "sum_gross": None, "paid_amount": None}
        ],
    }
    [row] = project_rows()
    assert list(row)[:3] == ["project_id", "project_sevdesk_id", "project_title"]
    assert row["appointment_id"] == a.id and row["hours"] == "3.5"
    assert row["planned"] == "A-2=18 m; Anfahrt=1" and row["used"] == "A-1=2"


def test_a_free_text_line_used_is_named_in_the_csv_and_stays_as_s7_says_in_json(customer, articles):
    """Taken over from a confirmation's free-text position, it has no article number: the
    CSV said "None=1"."""
    project = svc.create_project("Heizung", customer.id)
    a = Appointment.create(job=svc.first_job(project), title="Tausch", status="done", hours=Decimal(2))
    UsedArticle.create(appointment=a, article=None, text="Entsorgung der Altheizkörper", quantity=Decimal(1))
    UsedArticle.create(appointment=a, article=articles[0], quantity=Decimal(2), position=1)
    [row] = project_rows()
    assert row["used"] == "Entsorgung der Altheizkörper=1; A-1=2"
    [appointment] = project_records()[0]["jobs"][0]["appointments"]
    assert appointment["used"] == [
        {"article_number": None, "quantity": "1"},
        {"article_number": "A-1", "quantity": "2"},
    ]


def test_project_rows_keep_projects_without_appointments(customer):
    svc.create_project("Leer", customer.id)
    [row] = project_rows()
    assert row["project_title"] == "Leer" and row["appointment_id"] is None


@pytest.mark.parametrize("text", ["1_0", "٣", "1e3", "Infinity", "NaN", "0x10"])
def test_H10_numbers_on_the_command_line_are_plain_digits(text):
    """Python's Decimal reads "1_0" as ten and Arabic digits as numbers; an hour count or
    a quantity is typed in plain digits, so anything else is a usage error (exit 2)."""
    with pytest.raises(UsageError, match="keine Zahl"):
        parse_decimal(text, "Die Stundenzahl")


def test_H15_several_articles_in_one_used_is_a_usage_error():
    from craftdesk.commands.projects import parse_used

    with pytest.raises(UsageError, match="je Artikel ein eigenes --used"):
        parse_used(["A-1002=3,A-1005=2"])


@pytest.mark.parametrize("text,value", [("3.5", "3.5"), ("3,5", "3.5"), (" 4 ", "4")])
def test_hours_accept_point_and_comma(text, value):
    assert parse_decimal(text, "Die Stundenzahl") == Decimal(value)


@pytest.mark.parametrize("text", ["1.234,5", "drei", "", "NaN"])
def test_hours_reject_garbage(text):
    with pytest.raises(UsageError):
        parse_decimal(text, "Die Stundenzahl")


def test_local_time_keeps_naive_values():
    naive = datetime(2026, 3, 2, 8)
    assert svc.local_time(naive) is naive
    assert svc.local_time(None) is None
    assert svc.local_time(datetime(2026, 3, 2, 8, tzinfo=timezone(timedelta(hours=1)))).tzinfo is None


# --- listing re-checks what sevDesk returned (O1) -------------------------------------------


def test_O1_listing_rechecks_type_and_status_client_side(database):
    import responses

    from craftdesk.api.client import SevdeskClient
    from craftdesk.services.orders import list_importable_orders

    base = "https://sevdesk.example/api/v1"

    def row(oid: str, kind: str, status: str, contact: dict) -> dict:
        return {
            "id": oid,
            "objectName": "Order",
            "orderNumber": f"N-{oid}",
            "orderType": kind,
            "status": status,
            "header": f"H{oid}",
            "orderDate": "2026-02-10T00:00:00+01:00",
            "contact": contact,
        }

    embedded = {"id": "5", "objectName": "Contact", "name": "Eingebettet GmbH"}
    with responses.RequestsMock() as mock:
        # As if sevDesk had ignored the filters: offers, drafts and invoiced ones come too.
        mock.get(
            f"{base}/Order",
            json={
                "objects": [
                    row("1", "AN", "200", {"id": "5", "objectName": "Contact"}),
                    row("2", "AB", "100", {"id": "5", "objectName": "Contact"}),
                    row("3", "AB", "1000", {"id": "5", "objectName": "Contact"}),
                    row("4", "AB", "200", embedded),
                    row("6", "AB", "200", {"id": "7", "objectName": "Contact"}),
                ],
                "total": "5",
            },
        )
        mock.get(
            f"{base}/Contact/7",
            json={"objects": [{"id": "7", "objectName": "Contact", "surename": "Eva", "familyname": "Ost"}]},
        )
        client = SevdeskClient(base, "0123456789abcdef0123456789abcdef")
        orders = list_importable_orders(client)
        assert [(o.sevdesk_id, o.customer) for o in orders] == [("4", "Eingebettet GmbH"), ("6", "Eva Ost")]
        assert len(mock.calls) == 2  # the list and one contact not embedded
