"""Reading projects, jobs and appointments with what belongs to them (SPEC §4, O8); the
invoiced check that freezes an appointment. Qt-free; the changes are in ``projects``."""

from __future__ import annotations

from collections.abc import Iterable

from ..errors import NotFound, PreconditionError
from ..store.models import (
    Appointment,
    AppointmentEmployee,
    DraftAppointment,
    Employee,
    InvoiceDraft,
    Job,
    PlannedMaterial,
    Project,
    UsedArticle,
)


def get_project(project_id: int) -> Project:
    project = Project.get_or_none(Project.id == project_id)
    if project is None:
        raise NotFound(f"Projekt {project_id} gibt es nicht.")
    return project


def project_exists(project_id: int) -> bool:
    return Project.select().where(Project.id == project_id).exists()


def deletion_summary(kind: str, record_id: int) -> tuple[str, int, int, int]:
    """What deleting a project, job or appointment takes with it, for the question: its
    title and its numbers of jobs, appointments and finished appointments."""
    if kind == "project":
        title = get_project(record_id).title
        jobs = Job.select().where(Job.project == record_id)
    elif kind == "job":
        title = get_job(record_id).title
        jobs = Job.select().where(Job.id == record_id)
    else:
        appointment = get_appointment(record_id)
        return appointment.title, 0, 1, int(appointment.status == "done")
    appointments = Appointment.select().where(Appointment.job.in_(jobs))
    done = appointments.where(Appointment.status == "done")
    return title, jobs.count(), appointments.count(), done.count()


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


def refuse_if_invoiced(appointments: Iterable[Appointment], what: str) -> None:
    for appointment in appointments:
        if is_invoiced(appointment):
            raise PreconditionError(
                f"{what} enthält den Termin „{appointment.title}“, der bereits abgerechnet ist, "
                "und kann deshalb nicht gelöscht werden."
            )
