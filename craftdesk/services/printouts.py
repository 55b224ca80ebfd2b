"""What the printouts of SPEC §11 P6/P7 show: the job sheet (Arbeitsauftrag) of an
appointment, an employee's day plan, and the work report (Arbeitsbericht) of a finished
appointment. Qt-free read models; ``ui/printing.py`` lays them out on paper.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from ..errors import PreconditionError
from ..messages import Key, Message
from ..store.models import (
    Appointment,
    AppointmentEmployee,
    Article,
    ContactInfo,
    Customer,  # (job site fallback)
    Employee,
    one_line,
)
from .employees import get_employee
from .job_site import customer_address
from .planning import end_of
from .project_export import decimal_text
from .projects import get_appointment, people_of, planned_of, used_of


@dataclass(frozen=True)
class Line:
    """A material line: quantity, unit, text and article number."""

    quantity: str
    unit: str
    text: str
    number: str = ""


@dataclass
class Sheet:
    appointment_id: int
    title: str
    project: str
    order_number: str
    customer: str
    customer_number: str
    site: str
    start: datetime | None
    end: datetime | None
    status: str
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    assignees: list[str] = field(default_factory=list)
    observers: list[str] = field(default_factory=list)
    planned: list[Line] = field(default_factory=list)
    used: list[Line] = field(default_factory=list)
    hours: str | None = None
    notes: str = ""
    site_is_customer_address: bool = False  # no job site given: the customer's address


@dataclass
class DayPlan:
    employee: str
    day: date
    sheets: list[Sheet]


def _site(a: Appointment, customer: Customer | None) -> tuple[str, bool]:
    """Where the work is, on one line (the country when it is not Germany): the
    appointment's job site, else its project's, else the customer's address (postal, else
    billing, else any: :func:`job_site.customer_address`); True when it is the customer's
    address (the sheet says so: it may not be the site)."""
    for holder in (a, a.job.project):
        if holder.site_street or holder.site_zip or holder.site_city:
            return one_line(holder.site_street, holder.site_zip, holder.site_city, holder.site_country), False
    address = customer_address(customer)  # as a confirmation's import falls back (O5)
    text = address.one_line() if address is not None else ""
    return (text, True) if text else ("", False)


def _lines_planned(a: Appointment) -> list[Line]:
    lines = []
    for p in planned_of(a):
        article = Article.get_or_none(Article.id == p.article_id) if p.article_id else None
        lines.append(
            Line(
                decimal_text(p.quantity) or "",
                p.unit or (article.unit if article else ""),
                article.name if article else p.text,
                (article.number or "") if article else "",
            )
        )
    return lines


def _lines_used(a: Appointment) -> list[Line]:
    lines = []
    for u in used_of(a):
        article = Article.get_or_none(Article.id == u.article_id)
        if article is not None:
            lines.append(
                Line(decimal_text(u.quantity) or "", article.unit, article.name, article.number or "")
            )
    return lines


def job_sheet(appointment_id: int) -> Sheet:
    """Everything the person on site needs: customer, job site, contact numbers, time,
    people, planned material and notes."""
    a = get_appointment(appointment_id)
    project = a.job.project
    customer = a.customer
    infos = (
        list(
            ContactInfo.select()
            .where(ContactInfo.customer == customer)
            .order_by(ContactInfo.kind.desc(), ContactInfo.position, ContactInfo.id)
        )
        if customer
        else []
    )
    site, from_customer = _site(a, customer)
    return Sheet(
        appointment_id=a.id,
        title=a.title,
        project=project.title,
        order_number=project.sevdesk_order_number or "",
        customer=customer.display_name if customer else "",
        customer_number=(customer.customer_number or "") if customer else "",
        site=site,
        site_is_customer_address=from_customer,
        start=a.start,
        end=end_of(a.start, a.end),
        status=a.status,
        phones=[i.value for i in infos if i.kind in ("mobile", "phone")],
        emails=[i.value for i in infos if i.kind == "email"],
        assignees=[e.name for e in people_of(a, "assignee")],
        observers=[e.name for e in people_of(a, "observer")],
        planned=_lines_planned(a),
        used=_lines_used(a),
        hours=decimal_text(a.hours),
        notes=a.notes or "",
    )


def work_report(appointment_id: int) -> Sheet:
    """The job sheet with the documented hours and used material; only for finished work."""
    sheet = job_sheet(appointment_id)
    if sheet.status not in ("done", "archived"):
        raise PreconditionError(Message(Key.WORK_REPORT_NOT_DONE, sheet.title))
    return sheet


def day_plan(employee_id: int, day: date) -> DayPlan:
    """An employee's appointments on one day, in order, each with its job sheet."""
    employee = get_employee(employee_id)
    start = datetime.combine(day, datetime.min.time())
    query = (
        Appointment.select(Appointment.id, Appointment.start, Appointment.end)
        .join(AppointmentEmployee)
        .where(
            (AppointmentEmployee.employee == employee)
            & (AppointmentEmployee.role == "assignee")
            & (Appointment.start < start + timedelta(days=1))
            & (Appointment.start > start - timedelta(days=14))
        )
        .order_by(Appointment.start, Appointment.id)
    )
    ids = [a.id for a in query if (end_of(a.start, a.end) or start) > start]
    return DayPlan(employee.name, day, [job_sheet(i) for i in ids])


def employees_for_plans() -> list[tuple[int, str]]:
    return [
        (e.id, e.name)
        for e in Employee.select().where(Employee.active == True).order_by(Employee.name, Employee.id)
    ]
