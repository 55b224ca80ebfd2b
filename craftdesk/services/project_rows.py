"""The Projekte tree's read model: projects → jobs → appointments as plain nodes, read in
a handful of queries whatever the size — all of them, or only the projects a change names
(T6: a change of one project re-reads that project, not the tree)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ..store.bulk import tuples
from ..store.models import (
    Appointment,
    AppointmentEmployee,
    Customer,
    InvoiceDraft,
    Job,
    Project,
    display_name,
)
from .invoice_status import InvoiceSummary, project_invoices


@dataclass
class AppointmentNode:
    id: int
    title: str
    status: str
    start: datetime | None
    hours: Decimal | None
    customer: str
    invoice_id: str | None
    assignee_ids: tuple[int, ...] = ()
    invoiced: bool = False
    end: datetime | None = None  # as stored (the project list's date filter, P5)


@dataclass
class JobNode:
    id: int
    title: str
    appointments: list[AppointmentNode] = field(default_factory=list)


@dataclass
class ProjectNode:
    id: int
    title: str
    customer: str
    order_number: str | None
    jobs: list[JobNode] = field(default_factory=list)
    invoice_ids: list[str] = field(default_factory=list)
    site_note: str = ""  # the job site fell back to another address (O5)
    invoices: list[InvoiceSummary] = field(default_factory=list)  # with payment status (V8)
    customer_ids: set[int] = field(default_factory=set)  # project's and appointments' customers

    def appointments(self) -> list[AppointmentNode]:
        return [a for job in self.jobs for a in job.appointments]


def customer_names(ids: set[int | None]) -> dict[int, str]:
    """Display names of these customers only (plain tuples: the tree must not build 50,000
    customer objects to name the few its projects belong to)."""
    names: dict[int, str] = {}
    wanted = sorted(i for i in ids if i is not None)
    for start in range(0, len(wanted), 500):
        query = Customer.select(
            Customer.id, Customer.kind, Customer.company, Customer.first_name, Customer.last_name
        ).where(Customer.id.in_(wanted[start : start + 500]))
        for cid, kind, company, first, last in tuples(query):
            names[cid] = display_name(cid, kind, company, first, last)
    return names


def tree_size() -> int:
    """How many rows the Projekte tree has: its projects, jobs and appointments (a count
    per table, no rows read)."""
    return sum(model.select().count() for model in (Project, Job, Appointment))


def load_project_nodes(project_ids: Iterable[int] | None = None) -> list[ProjectNode]:
    """All projects (newest first) with jobs and appointments — or only ``project_ids``
    (those that still exist); a handful of queries regardless of the size."""
    wanted = None if project_ids is None else sorted(set(project_ids))
    if wanted is not None and not wanted:
        return []
    projects = Project.select().order_by(Project.id.desc())
    jobs_query = Job.select().order_by(Job.position, Job.id)
    rows = Appointment.select().order_by(Appointment.start.is_null(), Appointment.start, Appointment.id)
    if wanted is not None:
        projects = projects.where(Project.id.in_(wanted))
        jobs_query = jobs_query.where(Job.project.in_(wanted))
        rows = rows.join(Job).where(Job.project.in_(wanted))
    project_rows, job_rows, appointment_rows = list(projects), list(jobs_query), list(rows)
    names = customer_names({a.customer_id for a in appointment_rows} | {p.customer_id for p in project_rows})
    appointments, customers_of_job = _appointment_nodes(appointment_rows, names, wanted)
    jobs: dict[int, list[JobNode]] = defaultdict(list)
    customers: dict[int, set[int]] = defaultdict(set)
    for job in job_rows:
        jobs[job.project_id].append(JobNode(job.id, job.title, appointments.get(job.id, [])))
        customers[job.project_id] |= customers_of_job.get(job.id, set())
    billed, drafts = _invoices(wanted)
    return [
        ProjectNode(
            p.id,
            p.title,
            _name(names, p.customer_id),
            p.sevdesk_order_number,
            jobs.get(p.id, []),
            drafts.get(p.id, []),
            p.site_note or "",
            billed.get(p.id, []),
            customers[p.id] | ({p.customer_id} if p.customer_id else set()),
        )
        for p in project_rows
    ]


def _appointment_nodes(
    rows: list[Appointment], names: dict[int, str], wanted: list[int] | None
) -> tuple[dict[int, list[AppointmentNode]], dict[int, set[int]]]:
    """The appointment nodes per job, and the customers named per job."""
    draft_ids = _draft_ids(wanted)
    assignees: dict[int, list[int]] = defaultdict(list)
    links = AppointmentEmployee.select(AppointmentEmployee.appointment, AppointmentEmployee.employee).where(
        AppointmentEmployee.role == "assignee"
    )
    if wanted is not None:
        links = links.where(AppointmentEmployee.appointment.in_([a.id for a in rows]))
    for appointment_id, employee_id in tuples(links):
        assignees[appointment_id].append(employee_id)
    appointments: dict[int, list[AppointmentNode]] = defaultdict(list)
    customers_of_job: dict[int, set[int]] = defaultdict(set)
    for a in rows:
        appointments[a.job_id].append(
            AppointmentNode(
                a.id,
                a.title,
                a.status,
                a.start,
                a.hours,
                _name(names, a.customer_id),
                draft_ids.get(a.invoice_id) if a.invoice_id else None,
                tuple(assignees.get(a.id, ())),
                a.invoice_id is not None,
                a.end,
            )
        )
        if a.customer_id is not None:
            customers_of_job[a.job_id].add(a.customer_id)
    return appointments, customers_of_job


def _sent_drafts(wanted: list[int] | None) -> list[InvoiceDraft]:
    query = InvoiceDraft.select().where(InvoiceDraft.state == "sent").order_by(InvoiceDraft.id)
    if wanted is not None:
        query = query.where(InvoiceDraft.project.in_(wanted))
    return [d for d in query if d.sevdesk_id]


def _draft_ids(wanted: list[int] | None) -> dict[int, str]:
    """sevDesk id of each sent draft by its local id (the appointments name their draft)."""
    return {d.id: str(d.sevdesk_id) for d in _sent_drafts(wanted)}


def _invoices(wanted: list[int] | None) -> tuple[dict[int, list[InvoiceSummary]], dict[int, list[str]]]:
    """Per project: the invoices with payment status (V8), and the sevDesk ids of its drafts."""
    drafts: dict[int, list[str]] = defaultdict(list)
    for draft in _sent_drafts(wanted):
        drafts[draft.project_id].append(str(draft.sevdesk_id))
    if wanted is None or len(wanted) > 20:
        billed = project_invoices()
    else:
        billed = {}
        for project_id in wanted:
            billed.update(project_invoices(project_id))
    return billed, drafts


def existing_projects(project_ids: Iterable[int]) -> set[int]:
    """Those of these projects that still exist."""
    ids = sorted(set(project_ids))
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        query = Project.select(Project.id).where(Project.id.in_(ids[start : start + 500]))
        found.update(pid for (pid,) in tuples(query))
    return found


def projects_of(jobs: Iterable[int] = (), appointments: Iterable[int] = ()) -> dict[tuple[str, int], int]:
    """The project of each of these jobs and appointments that still exist:
    ``{("job", id): project_id, ("appointment", id): project_id}``."""
    found: dict[tuple[str, int], int] = {}
    job_ids, appointment_ids = sorted(set(jobs)), sorted(set(appointments))
    for start in range(0, len(job_ids), 500):
        jobs_query = Job.select(Job.id, Job.project).where(Job.id.in_(job_ids[start : start + 500]))
        found.update({("job", jid): pid for jid, pid in tuples(jobs_query)})
    for start in range(0, len(appointment_ids), 500):
        query = (
            Appointment.select(Appointment.id, Job.project)
            .join(Job)
            .where(Appointment.id.in_(appointment_ids[start : start + 500]))
        )
        found.update({("appointment", aid): pid for aid, pid in tuples(query)})
    return found


def _name(names: dict[int, str], customer_id: int | None) -> str:
    return names.get(customer_id, "") if customer_id is not None else ""
