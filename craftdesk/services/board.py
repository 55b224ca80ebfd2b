"""The planning board's read model (SPEC §11 P2–P4): one week, a row per active employee plus
"nicht zugewiesen", the appointments of that week with customer, place, status and double
bookings, and the side list of unscheduled appointments.

One call reads everything the board paints, in a fixed handful of queries whatever the
number of employees or appointments; the board widget never queries the store itself.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from ..store.bulk import tuples
from ..store.models import Appointment, AppointmentEmployee, Customer, Employee, Job, Project
from .employees import color_of
from .planning import MAX_DURATION, days_covered, end_of

UNASSIGNED = None  # the employee id of the "nicht zugewiesen" row


@dataclass(frozen=True)
class BoardRow:
    employee_id: int | None  # None: "nicht zugewiesen"
    name: str
    color: str
    active: bool = True


@dataclass(frozen=True)
class Overlap:
    """A double booking seen from one appointment: ``employee`` also has ``other_title``."""

    employee: str
    other_title: str
    other_start: datetime
    other_end: datetime


@dataclass(frozen=True)
class BoardItem:
    """An appointment as the board shows it (a block, or a line of the side list)."""

    id: int
    project_id: int
    title: str
    customer: str
    place: str
    status: str
    start: datetime | None
    end: datetime | None
    employee_ids: tuple[int, ...]
    invoiced: bool = False
    conflict: Overlap | None = None  # the first double booking of one of its people (P4)
    clashing: frozenset[int] = frozenset()  # the people of it who are double-booked


@dataclass(frozen=True)
class WeekBoard:
    monday: date
    days: tuple[date, ...]
    rows: tuple[BoardRow, ...]
    items: tuple[BoardItem, ...]
    unscheduled: tuple[BoardItem, ...]

    def items_of(self, employee_id: int | None) -> list[BoardItem]:
        if employee_id is None:
            return [i for i in self.items if not i.employee_ids]
        return [i for i in self.items if employee_id in i.employee_ids]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _conflicts(
    items: list[BoardItem], names: dict[int, str]
) -> tuple[dict[int, Overlap], dict[int, set[int]]]:
    """Per appointment id, the first double booking of one of its people, and which of its
    people are double-booked (a colleague on the same appointment may be free)."""
    by_employee: dict[int, list[BoardItem]] = defaultdict(list)
    for item in items:
        if item.status == "archived":
            continue
        for employee_id in item.employee_ids:
            by_employee[employee_id].append(item)
    found: dict[int, Overlap] = {}
    clashing: dict[int, set[int]] = defaultdict(set)
    for employee_id, own in by_employee.items():
        own.sort(key=lambda i: (i.start, i.id))
        latest: BoardItem | None = None  # the one reaching furthest so far
        for item in own:
            if latest is not None and latest.end and item.start and item.start < latest.end:
                name = names.get(employee_id, "?")
                for a, b in ((item, latest), (latest, item)):
                    found.setdefault(a.id, Overlap(name, b.title, b.start, b.end))  # type: ignore[arg-type]
                    clashing[a.id].add(employee_id)
            if latest is None or (item.end and latest.end and item.end > latest.end):
                latest = item
    return found, clashing


_COLUMNS = (
    Appointment.id,
    Job.project,
    Appointment.title,
    Appointment.customer,
    Appointment.site_street,
    Appointment.site_zip,
    Appointment.site_city,
    Appointment.status,
    Appointment.start,
    Appointment.end,
    Appointment.invoice,
)


def _place(street: str, zip_code: str, city: str) -> str:
    town = " ".join(p for p in (zip_code, city) if p)
    return ", ".join(p for p in (street, town) if p)


def _rows(where: Any) -> list[tuple[Any, ...]]:
    """Plain tuples of the columns the board shows (no model objects: 2,000 rows a week)."""
    return list(
        tuples(
            Appointment.select(*_COLUMNS).join(Job).where(where).order_by(Appointment.start, Appointment.id)
        )
    )


def _assignees(where: Any) -> dict[int, tuple[int, ...]]:
    """Assignees of the appointments matching ``where``, in one joined query."""
    found: dict[int, list[int]] = defaultdict(list)
    query = (
        AppointmentEmployee.select(AppointmentEmployee.appointment, AppointmentEmployee.employee)
        .join(Appointment)
        .where(where & (AppointmentEmployee.role == "assignee"))
        .order_by(AppointmentEmployee.id)
    )
    for appointment_id, employee_id in tuples(query):
        found[appointment_id].append(employee_id)
    return {k: tuple(v) for k, v in found.items()}


def _items(
    rows: list[tuple[Any, ...]], people: dict[int, tuple[int, ...]], customers: dict[int, str]
) -> list[BoardItem]:
    return [
        BoardItem(
            a_id,
            project_id,
            title,
            customers.get(customer_id, ""),
            _place(street, zip_code, city),
            status,
            start,
            end_of(start, end),
            people.get(a_id, ()),
            invoice_id is not None,
        )
        for (
            a_id,
            project_id,
            title,
            customer_id,
            street,
            zip_code,
            city,
            status,
            start,
            end,
            invoice_id,
        ) in rows
    ]


def load_week(day: date, include_sunday: bool = False) -> WeekBoard:
    """The week holding ``day``: rows, the blocks overlapping it, and the unscheduled list.
    Sunday is a column when ``include_sunday``, and also in a week with work on a Sunday:
    without it such an appointment was on neither the board nor the unscheduled list."""
    monday = monday_of(day)
    week_start = datetime.combine(monday, datetime.min.time())
    week_end = week_start + timedelta(days=7)
    in_week_sql = (
        Appointment.start.is_null(False)
        & (Appointment.start < week_end)
        & (Appointment.start > week_start - MAX_DURATION)
    )
    open_sql = Appointment.start.is_null(True) & Appointment.status.not_in(["done", "archived"])
    in_week = [r for r in _rows(in_week_sql) if end_of(r[8], r[9]) > week_start]  # type: ignore[operator]
    sunday = monday + timedelta(days=6)
    include_sunday = include_sunday or any(days_covered(r[8], r[9])[1] >= sunday for r in in_week)
    days = tuple(monday + timedelta(days=n) for n in range(7 if include_sunday else 6))
    open_ones = _rows(open_sql)
    people = {**_assignees(in_week_sql), **_assignees(open_sql)}
    customers = dict(_customer_names({r[3] for r in (*in_week, *open_ones) if r[3]}))
    employees = list(Employee.select().order_by(Employee.name, Employee.id))
    names = {e.id: e.name for e in employees}
    items = _items(in_week, people, customers)
    conflicts, clashing = _conflicts(items, names)
    items = [
        replace(i, conflict=conflicts[i.id], clashing=frozenset(clashing[i.id])) if i.id in conflicts else i
        for i in items
    ]
    busy = {e for i in items for e in i.employee_ids}
    rows = [BoardRow(UNASSIGNED, "", "#9e9e9e")]
    rows += [
        BoardRow(e.id, e.name, color_of(e), bool(e.active)) for e in employees if e.active or e.id in busy
    ]  # an inactive employee's planned work stays visible
    return WeekBoard(monday, days, tuple(rows), tuple(items), tuple(_items(open_ones, people, customers)))


def _customer_names(ids: set[int]) -> list[tuple[int, str]]:
    """The display names (as Customer.display_name, without model objects) of ``ids``."""
    query = Customer.select(
        Customer.id, Customer.kind, Customer.company, Customer.first_name, Customer.last_name
    )
    if len(ids) <= 900:  # below SQLite's variable limit; else reading all is as cheap
        query = query.where(Customer.id.in_(list(ids)))
    result: list[tuple[int, str]] = []
    for c_id, kind, company, first, last in tuples(query):
        person = " ".join(p for p in (first, last) if p)
        if kind == "organisation" and company:
            result.append((c_id, company))
        else:
            result.append((c_id, person or company or f"Kunde {c_id}"))
    return result


def project_titles(project_ids: set[int]) -> dict[int, str]:
    return {
        p.id: p.title
        for p in Project.select(Project.id, Project.title).where(Project.id.in_(list(project_ids)))
    }
