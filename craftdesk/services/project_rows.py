"""The Projekte tree's read model: projects → jobs → appointments as plain nodes, read in
a handful of queries whatever the size."""

from __future__ import annotations

from collections import defaultdict
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


def load_project_nodes() -> list[ProjectNode]:
    """All projects with jobs and appointments; a handful of queries regardless of the size."""
    drafts: dict[int, list[str]] = defaultdict(list)
    draft_ids: dict[int, str] = {}
    for draft in InvoiceDraft.select().where(InvoiceDraft.state == "sent").order_by(InvoiceDraft.id):
        if draft.sevdesk_id:
            drafts[draft.project_id].append(draft.sevdesk_id)
            draft_ids[draft.id] = draft.sevdesk_id
    assignees: dict[int, list[int]] = defaultdict(list)
    links = AppointmentEmployee.select(AppointmentEmployee.appointment, AppointmentEmployee.employee).where(
        AppointmentEmployee.role == "assignee"
    )
    for appointment_id, employee_id in tuples(links):
        assignees[appointment_id].append(employee_id)
    appointments: dict[int, list[AppointmentNode]] = defaultdict(list)
    query = Appointment.select().order_by(Appointment.start.is_null(), Appointment.start, Appointment.id)
    rows = list(query)
    projects = list(Project.select().order_by(Project.id.desc()))
    names = customer_names({a.customer_id for a in rows} | {p.customer_id for p in projects})
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
            )
        )
        if a.customer_id is not None:
            customers_of_job[a.job_id].add(a.customer_id)
    jobs: dict[int, list[JobNode]] = defaultdict(list)
    customers: dict[int, set[int]] = defaultdict(set)
    for job in Job.select().order_by(Job.position, Job.id):
        jobs[job.project_id].append(JobNode(job.id, job.title, appointments.get(job.id, [])))
        customers[job.project_id] |= customers_of_job.get(job.id, set())
    billed = project_invoices()
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
        for p in projects
    ]


def _name(names: dict[int, str], customer_id: int | None) -> str:
    return names.get(customer_id, "") if customer_id is not None else ""
