"""A realistic week for the demo and the screenshots (SPEC §11): five employees, projects
for the customers that exist, appointments from Monday to Saturday (a few of them done or
in trouble, one double booking) and some still to be scheduled. Its project titles are none
of the demo sevDesk's order confirmations: importing one of those makes no look-alike. Also a large synthetic week
for the planning board's benchmark.

Only local writes, one transaction; nothing is sent to sevDesk.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from ..store import settings
from ..store.db import db
from ..store.models import (
    Appointment,
    AppointmentEmployee,
    Customer,
    Employee,
    Job,
    Project,
)
from .board import monday_of

DEMO_EMPLOYEES = (
    ("Jonas Becker", "#1f77b4"),
    ("Leonie Wagner", "#2ca02c"),
    ("Murat Yılmaz", "#9467bd"),
    ("Sabine Krüger", "#d62728"),
    ("Tobias Hahn", "#ff7f0e"),
)


@dataclass(frozen=True)
class DemoJob:
    project: str
    street: str
    zip: str
    city: str
    appointments: tuple[tuple[str, int, int, float, tuple[int, ...], str], ...]
    # (title, weekday 0–5 or -1 unscheduled, hour, hours, employee indexes, status)


DEMO_JOBS = (
    DemoJob(
        "Badsanierung Obergeschoss",
        "Hauptstraße 12",
        "70563",
        "Stuttgart",
        (
            ("Altes Bad zurückbauen", 0, 7, 4, (0, 2), "done"),
            ("Vorwandinstallation setzen", 1, 7, 6, (0,), "in_progress"),
            ("Fliesen legen", 3, 7, 8, (2,), "scheduled"),
            ("Sanitärobjekte montieren", -1, 0, 4, (), "unscheduled"),
        ),
    ),
    DemoJob(
        "Heizungswartung Bürogebäude",
        "Industriestraße 4",
        "70565",
        "Stuttgart",
        (
            ("Heizungswartung Gastherme", 0, 13, 2, (1,), "done"),
            ("Thermostatventile tauschen", 2, 8, 3, (1,), "scheduled"),
        ),
    ),
    DemoJob(
        "Dachrinne erneuern",
        "Lindenweg 7",
        "71032",
        "Böblingen",
        (
            ("Gerüst stellen", 1, 8, 3, (3, 4), "scheduled"),
            ("Dachrinne montieren", 2, 7, 6, (4,), "problem"),
            ("Gerüst abbauen", -1, 0, 2, (), "unscheduled"),
        ),
    ),
    DemoJob(
        "Küche Wasseranschluss",
        "Schillerplatz 3",
        "70173",
        "Stuttgart",
        (
            ("Wasseranschluss Spüle", 1, 13, 2, (1,), "scheduled"),
            ("Geschirrspüler anschließen", 1, 14, 2, (1,), "scheduled"),  # double booking
        ),
    ),
    DemoJob(
        "Wartung Lüftungsanlage Bäckerei",
        "Marktplatz 9",
        "71634",
        "Ludwigsburg",
        (
            ("Filter wechseln", 3, 6, 2, (3,), "scheduled"),
            ("Lüftung einmessen", 4, 9, 3, (3, 0), "scheduled"),
            ("Abnahme mit Kunde", -1, 0, 1, (), "unscheduled"),
        ),
    ),
    DemoJob(
        "Außenwasserhahn frostsicher",
        "Gartenstraße 21",
        "73728",
        "Esslingen",
        (
            ("Außenarmatur tauschen", 4, 13, 2, (2,), "scheduled"),
            ("Notdienst Rohrbruch", 5, 9, 3, (4,), "scheduled"),
        ),
    ),
)


def _customers() -> list[Customer]:
    found = list(
        Customer.select()
        .where(Customer.deleted_in_sevdesk == False)
        .order_by(Customer.id)
        .limit(len(DEMO_JOBS))
    )
    if found:
        return found
    return [
        Customer.create(company=name, kind="organisation")
        for name in (
            "Schmid Immobilien GmbH",
            "Müller Haustechnik GmbH",
            "Hausverwaltung Lindenhof",
            "Familie Wagner",
            "Bäckerei Schröder",
            "Praxis Dr. Hahn",
        )
    ]


def seed_demo_week(day: date) -> int:
    """Fill an empty planning board (no employees, no projects) with the demo week holding
    ``day``; returns the number of appointments made (0 when there was data already)."""
    with db.atomic():
        if settings.get("demo_week_seeded") or Employee.select().exists() or Project.select().exists():
            return 0
        settings.set("demo_week_seeded", True)  # once: deleting the demo week keeps it deleted
        monday = monday_of(day)
        people = [Employee.create(name=name, color=color) for name, color in DEMO_EMPLOYEES]
        customers = _customers()
        made = 0
        for n, demo in enumerate(DEMO_JOBS):
            customer = customers[n % len(customers)]
            project = Project.create(
                title=demo.project,
                customer=customer,
                site_street=demo.street,
                site_zip=demo.zip,
                site_city=demo.city,
            )
            job = Job.create(project=project, title=demo.project)
            for title, weekday, hour, hours, staff, status in demo.appointments:
                start = end = None
                if weekday >= 0:
                    start = datetime.combine(monday + timedelta(days=weekday), time(hour))
                    end = start + timedelta(hours=hours)
                appointment = Appointment.create(
                    job=job,
                    title=title,
                    status=status,
                    start=start,
                    end=end,
                    customer=customer,
                    site_street=demo.street,
                    site_zip=demo.zip,
                    site_city=demo.city,
                    hours=str(hours) if status == "done" else None,
                )
                for index in staff:
                    AppointmentEmployee.create(
                        appointment=appointment, employee=people[index], role="assignee"
                    )
                made += 1
        return made


def seed_bulk_week(day: date, employees: int = 30, days: int = 7, per_day: int = 10) -> int:
    """A synthetic full week for the benchmark: ``per_day`` one-hour appointments per employee
    and day, each in its own project; returns the number of appointments."""
    monday = monday_of(day)
    with db.atomic():
        customer = Customer.create(company="Benchmark GmbH")
        people = [Employee.create(name=f"Mitarbeiter {n:02d}") for n in range(employees)]
        project = Project.create(title="Benchmark", customer=customer)
        job = Job.create(project=project, title="Benchmark")
        count = 0
        for person in people:
            for d in range(days):
                for slot in range(per_day):
                    start = datetime.combine(monday + timedelta(days=d), time(7)) + timedelta(
                        minutes=70 * slot
                    )
                    appointment = Appointment.create(
                        job=job,
                        title=f"Termin {count}",
                        status="scheduled",
                        start=start,
                        end=start + timedelta(hours=1),
                        customer=customer,
                        site_street="Teststraße 1",
                        site_zip="70173",
                        site_city="Stuttgart",
                    )
                    AppointmentEmployee.create(appointment=appointment, employee=person, role="assignee")
                    count += 1
        return count
