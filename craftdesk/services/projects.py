"""Projects → jobs (Aufträge) → appointments (Termine) with people, planned material and
the worksheet (hours, used articles, notes): the local domain of SPEC §4 (O8).

Qt-free functions the GUI and the CLI call. Every change runs in one transaction.
Invoiced appointments are frozen: their worksheet cannot change and they (and the jobs
and projects holding them) cannot be deleted, because the invoice draft in sevDesk was
built from them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .. import limits
from ..config import BUSINESS_TZ
from ..errors import EditConflict, NotFound, PreconditionError
from ..messages import Key, Message
from ..store.db import db
from ..store.migrations import DEFAULT_APPOINTMENT_DURATION
from ..store.models import (
    APPOINTMENT_STATUSES,
    Address,
    Appointment,
    Customer,
    Job,
    Project,
)
from ..store.versioning import claim_version
from .appointment_details import (
    ROLES,
    UNSET,
    PlannedLine,
    replace_people,
    replace_planned,
    set_appointment_done,
    set_appointment_people,
    set_planned_material,
    set_worksheet,
    take_over_planned,
)
from .project_lookups import (
    appointments_of,
    deletion_summary,
    get_appointment,
    get_job,
    get_project,
    is_invoiced,
    jobs_of,
    list_appointments,
    people_of,
    planned_of,
    project_exists,
    refuse_if_invoiced,
    used_of,
)

# The dialogs, the commands and the other services reach all of it through this module.
__all__ = [
    "ROLES",
    "PlannedLine",
    "Site",
    "add_appointment_to_project",
    "appointments_of",
    "create_appointment",
    "create_job",
    "create_project",
    "delete_appointment",
    "delete_job",
    "delete_project",
    "deletion_summary",
    "edit_appointment",
    "edit_job",
    "edit_project",
    "first_job",
    "get_appointment",
    "get_job",
    "get_project",
    "is_invoiced",
    "jobs_of",
    "list_appointments",
    "local_time",
    "people_of",
    "planned_of",
    "project_exists",
    "set_appointment_done",
    "set_appointment_people",
    "set_appointment_status",
    "set_planned_material",
    "set_worksheet",
    "site_of",
    "take_over_planned",
    "used_of",
]


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


# --- validation --------------------------------------------------------------------------


def _title(value: str, what: str) -> str:
    title = limits.one_line(value)
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
    return limits.check_date(value.astimezone(BUSINESS_TZ).replace(tzinfo=None), "Der Zeitpunkt")


#: The longest appointment (P2/P4): the board and the double-booking check look this far
#: back for appointments still running, so a longer one vanished from its later weeks.
MAX_APPOINTMENT_DURATION = timedelta(days=14)


def check_wall_time(value: datetime | None) -> None:
    """P8 and the clock changes: a time is stored as Berlin wall-clock time, so one the
    clock skips (02:30 on the spring night) or the second pass of the hour the autumn night
    repeats (``fold`` 1, from a time given with its offset) cannot be stored as meant; it
    is refused with a sentence instead of being moved by an hour (a calendar then showed
    the appointment ending before it starts, or an hour early)."""
    if value is None:
        return
    aware = value.replace(tzinfo=BUSINESS_TZ)
    shown = f"{value:%d.%m.%Y %H:%M}"
    if aware.astimezone(timezone.utc).astimezone(BUSINESS_TZ).replace(tzinfo=None, fold=0) != value:
        raise PreconditionError(Message(Key.TIME_SKIPPED, shown))
    if value.fold and aware.utcoffset() != aware.replace(fold=0).utcoffset():
        raise PreconditionError(Message(Key.TIME_TWICE, shown))


def wall_after(start: datetime, duration: timedelta) -> datetime:
    """The wall-clock time ``duration`` after ``start`` for an end the caller did not give
    (P1's two hours, a move that keeps the length): one in the hour the spring clock skips
    is the time the clock shows then (00:30 + 2 h is 03:30 that night), not refused."""
    end = start + duration
    aware = end.replace(tzinfo=BUSINESS_TZ, fold=0)
    return aware.astimezone(timezone.utc).astimezone(BUSINESS_TZ).replace(tzinfo=None, fold=0)


def _times(
    start: datetime | None,
    end: datetime | None,
    stored: tuple[datetime | None, datetime | None] = (None, None),
) -> None:
    """The times to save are usable; a value as ``stored`` already is not checked against
    the clock again (one written before that check must not block editing the title)."""
    for value, before in zip((start, end), stored, strict=True):
        if value is not None and (before is None or value != before or value.fold):
            check_wall_time(value)
    if start is not None and end is not None and end < start:
        raise PreconditionError(Message(Key.END_BEFORE_START_EDIT))
    if start is not None and end is not None and end - start > MAX_APPOINTMENT_DURATION:
        raise PreconditionError(Message(Key.TOO_LONG))


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
    customer_id: int | None = UNSET,
    site: Site | None = None,
    notes: str | None = None,
) -> Project:
    with db.atomic():
        project = get_project(project_id)
        if title is not None:
            project.title = _title(title, "Ein Projekt")
        if customer_id is not UNSET:
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
        refuse_if_invoiced(
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
        refuse_if_invoiced(appointments_of(job), f"Der Auftrag „{job.title}“")
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
    customer_id: int | None = UNSET,
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
        end = wall_after(start, DEFAULT_APPOINTMENT_DURATION)  # P1: shown as two hours until changed
    _times(start, end)
    with db.atomic():
        job = get_job(job_id)
        project = job.project
        customer = project.customer if customer_id is UNSET else _customer(customer_id)
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
        replace_people(appointment, "assignee", assignee_ids)
        replace_people(appointment, "observer", observer_ids)
        replace_planned(appointment, planned)
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
    start: datetime | None = UNSET,
    end: datetime | None = UNSET,
    status: str | None = None,
    customer_id: int | None = UNSET,
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
                if value is not UNSET
                and (value is not None or name in ("start", "end"))  # None there clears the time
                and str(getattr(stored, name) or "") != str(value or "")
            ]
            raise EditConflict(changes, stored)
        appointment = get_appointment(appointment_id)
        before = (appointment.start, appointment.end)
        if title is not None:
            appointment.title = _title(title, "Ein Termin")
        if start is not UNSET:
            appointment.start = local_time(start)
        if end is not UNSET:
            appointment.end = local_time(end)
        _times(appointment.start, appointment.end, before)
        if status is not None:
            appointment.status = _status(status)
        if customer_id is not UNSET:
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
        refuse_if_invoiced([appointment], "Diese Auswahl")
        appointment.delete_instance()
