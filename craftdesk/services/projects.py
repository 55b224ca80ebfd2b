"""Projects → jobs (Aufträge) → appointments (Termine) with people, planned material and
the worksheet (hours, used articles, notes): the local domain of SPEC §4 (O8).

Qt-free functions the GUI and the CLI call. Every change runs in one transaction.
Invoiced appointments are frozen: their worksheet cannot change and they (and the jobs
and projects holding them) cannot be deleted, because the invoice draft in sevDesk was
built from them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from .. import limits
from ..config import BUSINESS_TIMEZONE
from ..errors import EditConflict, NotFound, PreconditionError
from ..store.db import db
from ..store.migrations import DEFAULT_APPOINTMENT_DURATION
from ..store.models import (
    APPOINTMENT_STATUSES,
    Address,
    Appointment,
    AppointmentEmployee,
    Article,
    Customer,
    DraftAppointment,
    Employee,
    InvoiceDraft,
    Job,
    PlannedMaterial,
    Project,
    UsedArticle,
)
from ..store.versioning import claim_version
from .worksheet import UsedLine, planned_items, replace_used, take_over, used_lines

ROLES = ("assignee", "observer")
_UNSET: Any = object()  # "not given", as opposed to None = "clear"


@dataclass(frozen=True)
class Site:
    """A job-site address (Einsatzort)."""

    street: str = ""
    zip: str = ""
    city: str = ""
    country: str = "DE"

    @classmethod
    def from_address(cls, address: Address) -> Site:
        return cls(address.street, address.zip, address.city, address.country or "DE")


@dataclass(frozen=True)
class PlannedLine:
    """One planned material line: an article with a quantity, or a free-text line."""

    article_id: int | None = None
    text: str = ""
    quantity: Decimal = Decimal(1)
    unit: str = ""


# --- lookups -----------------------------------------------------------------------------


def get_project(project_id: int) -> Project:
    project = Project.get_or_none(Project.id == project_id)
    if project is None:
        raise NotFound(f"Projekt {project_id} gibt es nicht.")
    return project


def project_exists(project_id: int) -> bool:
    return Project.select().where(Project.id == project_id).exists()


def get_job(job_id: int) -> Job:
    job = Job.get_or_none(Job.id == job_id)
    if job is None:
        raise NotFound(f"Auftrag {job_id} gibt es nicht.")
    return job


def get_appointment(appointment_id: int) -> Appointment:
    appointment = Appointment.get_or_none(Appointment.id == appointment_id)
    if appointment is None:
        raise NotFound(f"Termin {appointment_id} gibt es nicht.")
    return appointment


def jobs_of(project: Project) -> list[Job]:
    return list(Job.select().where(Job.project == project).order_by(Job.position, Job.id))


def appointments_of(job: Job) -> list[Appointment]:
    return list(
        Appointment.select()
        .where(Appointment.job == job)
        .order_by(Appointment.start.is_null(), Appointment.start, Appointment.id)
    )


def list_appointments(project_id: int | None = None) -> list[Appointment]:
    query = Appointment.select().join(Job)
    if project_id is not None:
        get_project(project_id)
        query = query.where(Job.project == project_id)
    return list(query.order_by(Job.project, Job.position, Job.id, Appointment.id))


def people_of(appointment: Appointment, role: str) -> list[Employee]:
    return list(
        Employee.select()
        .join(AppointmentEmployee)
        .where((AppointmentEmployee.appointment == appointment) & (AppointmentEmployee.role == role))
        .order_by(Employee.name, Employee.id)
    )


def planned_of(appointment: Appointment) -> list[PlannedMaterial]:
    return list(
        PlannedMaterial.select()
        .where(PlannedMaterial.appointment == appointment)
        .order_by(PlannedMaterial.position, PlannedMaterial.id)
    )


def used_of(appointment: Appointment) -> list[UsedArticle]:
    return list(
        UsedArticle.select()
        .where(UsedArticle.appointment == appointment)
        .order_by(UsedArticle.position, UsedArticle.id)
    )


def is_invoiced(appointment: Appointment) -> bool:
    """On a draft in sevDesk, or on a draft whose creation may be under way (I5)."""
    if appointment.invoice_id is not None:
        return True
    return (
        DraftAppointment.select()
        .join(InvoiceDraft)
        .where((DraftAppointment.appointment == appointment) & (InvoiceDraft.state == "pending"))
        .exists()
    )


def _refuse_if_invoiced(appointments: Iterable[Appointment], what: str) -> None:
    for appointment in appointments:
        if is_invoiced(appointment):
            raise PreconditionError(
                f"{what} enthält den Termin „{appointment.title}“, der bereits abgerechnet ist, "
                "und kann deshalb nicht gelöscht werden."
            )


# --- validation --------------------------------------------------------------------------


def _title(value: str, what: str) -> str:
    title = " ".join((value or "").split())
    if not title:
        raise PreconditionError(f"{what} braucht einen Titel.")
    return title


def _customer(customer_id: int | None) -> Customer | None:
    if customer_id is None:
        return None
    customer = Customer.get_or_none(Customer.id == customer_id)
    if customer is None:
        raise NotFound(f"Kunde {customer_id} gibt es nicht.")
    return customer


def _status(code: str) -> str:
    if code not in APPOINTMENT_STATUSES:
        raise PreconditionError(f"Unbekannter Terminstatus „{code}“.")
    return code


def local_time(value: datetime | None) -> datetime | None:
    """Appointments are wall-clock times of the business: stored naive, in Europe/Berlin
    (SPEC P8), whatever the computer's own time zone is. Dates outside 1900–2100 are
    refused (H10), before a time zone could overflow them."""
    if value is None:
        return value
    limits.check_date(value, "Der Zeitpunkt")
    if value.tzinfo is None:
        return value
    return limits.check_date(
        value.astimezone(ZoneInfo(BUSINESS_TIMEZONE)).replace(tzinfo=None), "Der Zeitpunkt"
    )


def _times(start: datetime | None, end: datetime | None) -> None:
    if start is not None and end is not None and end < start:
        raise PreconditionError("Das Ende eines Termins liegt vor seinem Beginn.")


def _quantity(value: Decimal, what: str, allow_zero: bool = False) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise PreconditionError(f"{what} ist keine gültige Zahl.")
    if value < 0 or (value == 0 and not allow_zero):  # out of range (H10): a usage error
        raise limits.OutOfRangeError(f"{what} muss größer als null sein.")
    if value > limits.MAX_QUANTITY:  # H10
        return limits.check_quantity(value, what)
    return value


def _set_site(record: Project | Appointment, site: Site) -> None:
    record.site_street = site.street
    record.site_zip = site.zip
    record.site_city = site.city
    record.site_country = site.country or "DE"


def site_of(record: Project | Appointment) -> Site:
    return Site(record.site_street, record.site_zip, record.site_city, record.site_country)


# --- projects and jobs -------------------------------------------------------------------


def create_project(
    title: str,
    customer_id: int | None = None,
    site: Site | None = None,
    notes: str = "",
    job_title: str | None = None,
) -> Project:
    """A new local project with its first job (named like the project unless given)."""
    with db.atomic():
        project = Project(title=_title(title, "Ein Projekt"), customer=_customer(customer_id), notes=notes)
        _set_site(project, site or Site())
        project.save()
        Job.create(project=project, title=_title(job_title or project.title, "Ein Auftrag"))
        return project


def edit_project(
    project_id: int,
    *,
    title: str | None = None,
    customer_id: int | None = _UNSET,
    site: Site | None = None,
    notes: str | None = None,
) -> Project:
    with db.atomic():
        project = get_project(project_id)
        if title is not None:
            project.title = _title(title, "Ein Projekt")
        if customer_id is not _UNSET:
            project.customer = _customer(customer_id)
        if site is not None:
            if site != site_of(project):
                project.site_note = ""  # the user set the job site: the O5 note is answered
            _set_site(project, site)
        if notes is not None:
            project.notes = notes
        project.save()
        return project


def delete_project(project_id: int) -> None:
    """Delete a project with its jobs and appointments; refused when one is invoiced."""
    with db.atomic():
        project = get_project(project_id)
        _refuse_if_invoiced(
            Appointment.select().join(Job).where(Job.project == project), f"Das Projekt „{project.title}“"
        )
        project.delete_instance()  # jobs, appointments and their lines cascade in SQLite


def create_job(project_id: int, title: str) -> Job:
    with db.atomic():
        project = get_project(project_id)
        last = Job.select().where(Job.project == project).order_by(Job.position.desc()).first()
        return Job.create(
            project=project, title=_title(title, "Ein Auftrag"), position=(last.position + 1) if last else 0
        )


def edit_job(job_id: int, title: str) -> Job:
    with db.atomic():
        job = get_job(job_id)
        job.title = _title(title, "Ein Auftrag")
        job.save()
        return job


def delete_job(job_id: int) -> None:
    with db.atomic():
        job = get_job(job_id)
        _refuse_if_invoiced(appointments_of(job), f"Der Auftrag „{job.title}“")
        job.delete_instance()


def first_job(project: Project) -> Job:
    """The project's first job; a project without jobs gets one named like itself."""
    jobs = jobs_of(project)
    if jobs:
        return jobs[0]
    return Job.create(project=project, title=project.title)


# --- appointments ------------------------------------------------------------------------


def create_appointment(
    job_id: int,
    title: str,
    *,
    start: datetime | None = None,
    end: datetime | None = None,
    status: str | None = None,
    customer_id: int | None = _UNSET,
    site: Site | None = None,
    assignee_ids: Sequence[int] = (),
    observer_ids: Sequence[int] = (),
    planned: Sequence[PlannedLine] = (),
    notes: str = "",
) -> Appointment:
    """A new appointment. Customer and site default to the project's; the status to
    "scheduled" when a start is given, else "unscheduled"; the end to start + 2 hours."""
    start, end = local_time(start), local_time(end)
    if start is not None and end is None:
        end = start + DEFAULT_APPOINTMENT_DURATION  # P1: shown as two hours until changed
    _times(start, end)
    with db.atomic():
        job = get_job(job_id)
        project = job.project
        customer = project.customer if customer_id is _UNSET else _customer(customer_id)
        appointment = Appointment(
            job=job,
            title=_title(title, "Ein Termin"),
            start=start,
            end=end,
            status=_status(status or ("scheduled" if start else "unscheduled")),
            customer=customer,
            notes=notes,
        )
        _set_site(appointment, site or site_of(project))
        appointment.save()
        _replace_people(appointment, "assignee", assignee_ids)
        _replace_people(appointment, "observer", observer_ids)
        _replace_planned(appointment, planned)
        return appointment


def add_appointment_to_project(project_id: int, title: str, start: datetime | None = None) -> Appointment:
    """An appointment in the project's first job (CLI ``appointment add``)."""
    with db.atomic():
        job = first_job(get_project(project_id))
        return create_appointment(job.id, title, start=start)


def edit_appointment(
    appointment_id: int,
    *,
    title: str | None = None,
    start: datetime | None = _UNSET,
    end: datetime | None = _UNSET,
    status: str | None = None,
    customer_id: int | None = _UNSET,
    site: Site | None = None,
    notes: str | None = None,
    expected_version: int | None = None,
) -> Appointment:
    """Change the given fields; ``start``/``end``/``customer_id`` may be set to None.

    ``expected_version``: the version the dialog showed; when the appointment was saved
    elsewhere since, EditConflict names what differs and nothing is written (T5)."""
    with db.atomic():
        if expected_version is not None and not claim_version(Appointment, appointment_id, expected_version):
            stored = get_appointment(appointment_id)
            mine = {"title": title, "start": start, "end": end, "status": status, "notes": notes}
            changes = [
                (name, str(getattr(stored, name) or ""), str(value or ""))
                for name, value in mine.items()
                if value is not _UNSET
                and value is not None
                and str(getattr(stored, name) or "") != str(value or "")
            ]
            raise EditConflict(changes, stored)
        appointment = get_appointment(appointment_id)
        if title is not None:
            appointment.title = _title(title, "Ein Termin")
        if start is not _UNSET:
            appointment.start = local_time(start)
        if end is not _UNSET:
            appointment.end = local_time(end)
        _times(appointment.start, appointment.end)
        if status is not None:
            appointment.status = _status(status)
        if customer_id is not _UNSET:
            appointment.customer = _customer(customer_id)
        if site is not None:
            _set_site(appointment, site)
        if notes is not None:
            appointment.notes = notes
        appointment.save()
        return appointment


def set_appointment_status(appointment_id: int, status: str) -> Appointment:
    return edit_appointment(appointment_id, status=status)


def delete_appointment(appointment_id: int) -> None:
    with db.atomic():
        appointment = get_appointment(appointment_id)
        _refuse_if_invoiced([appointment], "Diese Auswahl")
        appointment.delete_instance()


def _replace_people(appointment: Appointment, role: str, employee_ids: Sequence[int]) -> None:
    if role not in ROLES:
        raise PreconditionError(f"Unbekannte Rolle „{role}“.")
    AppointmentEmployee.delete().where(
        (AppointmentEmployee.appointment == appointment) & (AppointmentEmployee.role == role)
    ).execute()
    for employee_id in dict.fromkeys(employee_ids):  # keep order, drop repeats
        if Employee.get_or_none(Employee.id == employee_id) is None:
            raise NotFound(f"Mitarbeiter {employee_id} gibt es nicht.")
        AppointmentEmployee.create(appointment=appointment, employee=employee_id, role=role)


def set_appointment_people(appointment_id: int, role: str, employee_ids: Sequence[int]) -> None:
    """Replace the assignees (role "assignee") or observers (role "observer")."""
    with db.atomic():
        _replace_people(get_appointment(appointment_id), role, employee_ids)


def _article(article_id: int) -> Article:
    article = Article.get_or_none(Article.id == article_id)
    if article is None:
        raise NotFound(f"Artikel {article_id} gibt es nicht.")
    return article


def _replace_planned(appointment: Appointment, lines: Sequence[PlannedLine]) -> None:
    PlannedMaterial.delete().where(PlannedMaterial.appointment == appointment).execute()
    for position, line in enumerate(lines):
        quantity = _quantity(line.quantity, "Die geplante Menge")
        if line.article_id is not None:
            article = _article(line.article_id)
            PlannedMaterial.create(
                appointment=appointment,
                article=article,
                text=line.text,
                quantity=quantity,
                unit=line.unit or article.unit,
                position=position,
            )
        else:
            text = " ".join(line.text.split())
            if not text:
                raise PreconditionError("Eine Freitext-Materialzeile braucht einen Text.")
            PlannedMaterial.create(
                appointment=appointment,
                article=None,
                text=text,
                quantity=quantity,
                unit=line.unit,
                position=position,
            )


def set_planned_material(appointment_id: int, lines: Sequence[PlannedLine]) -> None:
    with db.atomic():
        _replace_planned(get_appointment(appointment_id), lines)


# --- worksheet ---------------------------------------------------------------------------


def _replace_used(appointment: Appointment, used: Sequence[UsedLine | tuple[int, Decimal]]) -> None:
    replace_used(appointment, used)


def _refuse_frozen(appointment: Appointment) -> None:
    if is_invoiced(appointment):
        raise PreconditionError(
            f"Der Termin „{appointment.title}“ ist bereits abgerechnet; sein Arbeitsblatt "
            "kann nicht mehr geändert werden."
        )


def set_worksheet(
    appointment_id: int,
    *,
    hours: Decimal | None = _UNSET,
    used: Sequence[UsedLine | tuple[int, Decimal]] | None = None,
    notes: str | None = None,
) -> Appointment:
    """Change the documented hours (None clears), the used articles (replaced as a whole;
    the same article twice is summed) and/or the notes."""
    with db.atomic():
        appointment = get_appointment(appointment_id)
        _refuse_frozen(appointment)
        if hours is not _UNSET:
            appointment.hours = (
                None
                if hours is None
                else limits.check_hours(_quantity(hours, "Die Stundenzahl", allow_zero=True))
            )
        if notes is not None:
            appointment.notes = notes
        appointment.save()
        if used is not None:
            _replace_used(appointment, used)
        return appointment


def set_appointment_done(
    appointment_id: int, hours: Decimal | None, used: Sequence[UsedLine | tuple[int, Decimal]]
) -> Appointment:
    """Set the appointment to "Fertig" with its documented hours and used articles (O8)."""
    if hours is None:
        raise PreconditionError("Für „Fertig“ werden die geleisteten Stunden benötigt.")
    with db.atomic():
        appointment = set_worksheet(appointment_id, hours=hours, used=used)
        appointment.status = "done"
        appointment.save()
        return appointment


def take_over_planned(appointment_id: int) -> int:
    """ "Geplantes Material übernehmen" (V2, V3): the planned lines not yet on the worksheet
    are added with the confirmation's price; returns how many lines were added."""
    with db.atomic():
        appointment = get_appointment(appointment_id)
        _refuse_frozen(appointment)
        before = used_lines(appointment.id)
        after = take_over(planned_items(appointment.id), before)
        if after != before:
            replace_used(appointment, after)
        return len(after) - len(before)
