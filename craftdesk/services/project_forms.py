"""What the project and appointment dialogs read and save: the customer choice list, a
customer's address as the job site, the appointment form with its worksheet, its double
bookings before saving (P4) and its save as one use case in one transaction (O8, T5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from ..errors import NotFound
from ..store.bulk import raw_rows
from ..store.db import db
from ..store.models import APPOINTMENT_STATUSES, Address, Article, Customer, display_name
from . import planning, projects
from .customer_rows import list_name
from .projects import Site
from .slices import picked, sorted_positions
from .worksheet import PlannedItem, UsedLine, planned_items, used_lines

# The appointment status codes in the order the editor offers them, and their German names.
STATUS_CODES: tuple[str, ...] = tuple(APPOINTMENT_STATUSES)
STATUS_NAMES: dict[str, str] = dict(APPOINTMENT_STATUSES)


@dataclass(frozen=True)
class CustomerChoices:
    """The entries of a customer combo box: ids and labels ("Name (customer number)"),
    position by position (two lists, not an object per customer: 50,000 of them cost 0.1 s)."""

    ids: list[int]
    labels: list[str]


def customer_choices(ids: Sequence[int] | None = None) -> CustomerChoices:
    """All customers (or those of ``ids``) by name (case-insensitive, without the academic
    title), named as in the Kunden list (so the two "Jürgen Maier" differ by their suffix)
    and labelled with their customer number.

    One tuple query, no model instances: 50,000 customers as model objects took 1.4 s.
    """
    query = Customer.select(
        Customer.id,
        Customer.kind,
        Customer.company,
        Customer.first_name,
        Customer.last_name,
        Customer.academic_title,
        Customer.name_suffix,
        Customer.customer_number,
    )
    if ids is not None:
        query = query.where(Customer.id.in_(list(ids)))
    found: list[int] = []
    labels: list[str] = []
    keys: list[str] = []
    for cid, kind, company, first, last, title, suffix, number in raw_rows(query.order_by(Customer.id)):
        name = list_name(cid, kind, company, first, last, title, suffix)
        found.append(cid)
        labels.append(f"{name} ({number})" if number else name)
        keys.append(display_name(cid, kind, company, first, last).casefold())  # "Dr. Zora Adler": Z
    # Sorted by keys that are all texts (stable, so equal names by id), in slices: a helper
    # thread reads this, and one sort of 50,000 names held the GIL for 20-35 ms (the
    # window stood still meanwhile).
    order = sorted_positions(keys.__getitem__, len(keys))
    return CustomerChoices(picked(found, order), picked(labels, order))


def customer_site(customer_id: int) -> Site | None:
    """The customer's address as a job site: the postal address first, then the others."""
    address = (
        Address.select()
        .where(Address.customer == customer_id)
        .order_by(Address.kind != "postal", Address.position, Address.id)
        .first()
    )
    return Site.from_address(address) if address is not None else None


@dataclass(frozen=True)
class AddressChoice:
    """One of a customer's addresses, offered as the job site."""

    id: int
    kind: str  # postal | billing | delivery
    line: str  # on one line
    site: Site


def customer_addresses(customer_id: int) -> list[AddressChoice]:
    query = Address.select().where(Address.customer == customer_id).order_by(Address.position, Address.id)
    return [AddressChoice(a.id, a.kind, a.one_line(), Site.from_address(a)) for a in query]


def article_id_by_number(number: str) -> int:
    """The article with this number: an active one first, then the oldest."""
    article: Article | None = (
        Article.select().where(Article.number == number).order_by(Article.active.desc(), Article.id).first()
    )
    if article is None:
        raise NotFound(f"Einen Artikel mit der Nummer „{number}“ gibt es nicht.")
    return article.id


def job_context(job_id: int) -> str:
    """Project, customer and job site of a job on one line, so an editor says which work it is."""
    job = projects.get_job(job_id)
    project = job.project
    parts = [project.title]
    customer = project.customer if project.customer_id is not None else None
    if customer is not None:
        parts.append(customer.display_name)
    site = projects.site_of(project)
    place = " ".join(p for p in (site.zip, site.city) if p)
    address = ", ".join(p for p in (site.street, place) if p)
    if address:
        parts.append(address)
    return " · ".join(parts)


@dataclass(frozen=True)
class AppointmentView:
    """An appointment as its editor shows it."""

    id: int
    job_id: int
    title: str
    status: str
    start: datetime | None
    end: datetime | None
    hours: Decimal | None
    notes: str
    frozen: bool  # invoiced: status and worksheet cannot change
    version: int  # what the editor saw (T5)
    assignee_ids: frozenset[int]
    observer_ids: frozenset[int]
    used: list[UsedLine]  # the worksheet lines, with the article's number, name and price
    planned: list[PlannedItem]  # the confirmation's lines (V2, V3)


def appointment_view(appointment_id: int) -> AppointmentView:
    a = projects.get_appointment(appointment_id)
    return AppointmentView(
        id=a.id,
        job_id=a.job_id,
        title=a.title,
        status=a.status,
        start=a.start,
        end=a.end,
        hours=a.hours,
        notes=a.notes,
        frozen=projects.is_invoiced(a),
        version=a.version,
        assignee_ids=frozenset(e.id for e in projects.people_of(a, "assignee")),
        observer_ids=frozenset(e.id for e in projects.people_of(a, "observer")),
        used=used_lines(a.id),
        planned=planned_items(a.id),
    )


@dataclass(frozen=True)
class AppointmentInput:
    """What the appointment editor saves. ``status`` "done" needs ``hours`` (O8); ``used``
    are worksheet lines or (article id, quantity) pairs. ``expected_version`` is the version
    the editor showed: when the appointment was saved elsewhere since, nothing is written
    and the EditConflict names the fields that differ (T5)."""

    title: str
    status: str
    start: datetime | None = None
    end: datetime | None = None
    notes: str = ""
    hours: Decimal | None = None
    used: Sequence[UsedLine | tuple[int, Decimal]] = field(default_factory=list)
    assignee_ids: Sequence[int] = field(default_factory=list)
    observer_ids: Sequence[int] = field(default_factory=list)
    expected_version: int | None = None


def double_bookings(appointment_id: int | None, data: AppointmentInput) -> list[planning.Conflict]:
    """The double bookings (P4) the appointment would have with this input, read before the
    save so the editor can name them; they are allowed after that warning."""
    return planning.conflicts_at(appointment_id, data.start, data.end, data.status, data.assignee_ids)


def save_appointment(appointment_id: int | None, job_id: int | None, data: AppointmentInput) -> int:
    """Create (in ``job_id``) or change an appointment with its people and worksheet, all or
    nothing: a refused worksheet or a version conflict (T5) undoes the other changes. An
    invoiced appointment keeps its status and worksheet. Returns the appointment's id."""
    plain_status = "in_progress" if data.status == "done" else data.status
    with db.atomic():
        if appointment_id is None:
            if job_id is None:
                raise ValueError("a new appointment needs its job")
            appointment = projects.create_appointment(
                job_id,
                data.title,
                start=data.start,
                end=data.end,
                status=plain_status,
                assignee_ids=data.assignee_ids,
                observer_ids=data.observer_ids,
                notes=data.notes,
            )
            frozen = False
        else:
            frozen = projects.is_invoiced(projects.get_appointment(appointment_id))
            appointment = projects.edit_appointment(
                appointment_id,
                title=data.title,
                start=data.start,
                end=data.end,
                status=None if frozen else plain_status,
                notes=data.notes,
                expected_version=data.expected_version,
            )
            projects.set_appointment_people(appointment.id, "assignee", data.assignee_ids)
            projects.set_appointment_people(appointment.id, "observer", data.observer_ids)
        if not frozen:
            if data.status == "done":
                projects.set_appointment_done(appointment.id, data.hours, data.used)
            else:
                projects.set_worksheet(appointment.id, hours=data.hours, used=data.used)
        return int(appointment.id)
