"""Projects as export records (SPEC §7 ``export projects``).

``project_records()`` gives the nested JSON shape; ``project_rows()`` the same data
flattened to one row per appointment for CSV. Decimals are plain strings ("3.5", "10"),
appointment statuses their stable codes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from ..store.migrations import DEFAULT_APPOINTMENT_DURATION
from ..store.models import (
    Appointment,
    AppointmentEmployee,
    Article,
    Employee,
    InvoiceDraft,
    Job,
    PlannedMaterial,
    Project,
    UsedArticle,
)
from .invoice_status import project_invoices, status_json


def decimal_text(value: Decimal | None) -> str | None:
    """ "3.5", "10", "0" — never "10.000" or "1E+1"."""
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _end(start: Any, end: Any) -> Any:
    """The stored end, else start + the default duration (P1), as the board shows it."""
    if not isinstance(start, datetime):
        return None
    return end if isinstance(end, datetime) and end > start else start + DEFAULT_APPOINTMENT_DURATION


def _group(rows: Any, key: str) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[getattr(row, key)].append(row)
    return grouped


@dataclass(frozen=True)
class _Tables:
    """Everything an appointment's record refers to, read once per export."""

    articles: dict[int, Article]
    employees: dict[int, str]  # id → name
    invoices: dict[int, str | None]  # draft id → sevDesk invoice id
    observers: dict[int, list[AppointmentEmployee]]  # by appointment id
    assignees: dict[int, list[AppointmentEmployee]]
    planned: dict[int, list[PlannedMaterial]]
    used: dict[int, list[UsedArticle]]


def _tables() -> _Tables:
    return _Tables(
        articles={a.id: a for a in Article.select()},
        employees={e.id: e.name for e in Employee.select()},
        invoices={d.id: d.sevdesk_id for d in InvoiceDraft.select()},
        observers=_group(
            AppointmentEmployee.select()
            .where(AppointmentEmployee.role == "observer")
            .order_by(AppointmentEmployee.id),
            "appointment_id",
        ),
        # Assignees by name, as in `appointment list` (P8).
        assignees=_group(
            AppointmentEmployee.select()
            .join(Employee)
            .where(AppointmentEmployee.role == "assignee")
            .order_by(Employee.name, Employee.id),
            "appointment_id",
        ),
        planned=_group(
            PlannedMaterial.select().order_by(PlannedMaterial.position, PlannedMaterial.id), "appointment_id"
        ),
        used=_group(UsedArticle.select().order_by(UsedArticle.position, UsedArticle.id), "appointment_id"),
    )


def project_records(named: bool = False) -> list[dict[str, Any]]:
    """All projects, nested: project → jobs → appointments (a handful of queries);
    ``named``: the used lines carry their names too."""
    projects = list(Project.select().order_by(Project.id))
    jobs = _group(Job.select().order_by(Job.position, Job.id), "project_id")
    # Creation order (id): the appointment made from a confirmation stays first (O2), however
    # the later ones are dated — the same order as `appointment list`.
    appointments = _group(Appointment.select().order_by(Appointment.id), "job_id")
    tables = _tables()
    billed = project_invoices()  # V8: payment status per project
    return [
        {
            "id": p.id,
            "sevdesk_id": p.sevdesk_order_id,  # the order confirmation it came from
            "title": p.title,
            "sevdesk_order_id": p.sevdesk_order_id,
            "customer_id": p.customer_id,
            "address": {
                "street": p.site_street,
                "zip": p.site_zip,
                "city": p.site_city,
                "country": p.site_country,
            },
            "jobs": [
                {
                    "id": j.id,
                    "title": j.title,
                    "appointments": [
                        _appointment(a, p.id, tables, named) for a in appointments.get(j.id, [])
                    ],
                }
                for j in jobs.get(p.id, [])
            ],
            "invoices": [status_json(i) for i in billed.get(p.id, [])],
        }
        for p in projects
    ]


def _appointment(a: Appointment, project_id: int, tables: _Tables, named: bool) -> dict[str, Any]:
    employees = tables.employees
    return {
        "id": a.id,
        "title": a.title,
        "status": a.status,
        "start": _iso(a.start),
        "end": _iso(_end(a.start, a.end)),
        "hours": decimal_text(a.hours),
        "project_id": project_id,
        "assignees": [
            employees[o.employee_id] for o in tables.assignees.get(a.id, []) if o.employee_id in employees
        ],
        "observers": [
            employees[o.employee_id] for o in tables.observers.get(a.id, []) if o.employee_id in employees
        ],
        "planned": [_planned_line(p, tables.articles) for p in tables.planned.get(a.id, [])],
        "used": [_used_line(u, tables.articles, named) for u in tables.used.get(a.id, [])],
        "invoice_sevdesk_id": tables.invoices.get(a.invoice_id) if a.invoice_id else None,
    }


def _planned_line(line: PlannedMaterial, articles: dict[int, Article]) -> dict[str, Any]:
    article = articles.get(line.article_id) if line.article_id else None
    return {
        "article_number": (article.number or None) if article else None,
        "name": article.name if article else line.text,
        "quantity": decimal_text(line.quantity),
        "unit": line.unit or (article.unit if article else ""),
    }


def _used_line(line: UsedArticle, articles: dict[int, Article], named: bool) -> dict[str, Any]:
    """§7's ``{article_number, quantity}``; ``named`` adds what the line was (the CSV names
    a free-text line, which has no article number, by its text)."""
    article = articles.get(line.article_id)
    used = {
        "article_number": (article.number or None) if article else None,
        "quantity": decimal_text(line.quantity),
    }
    if named:
        used["name"] = article.name if article else line.text
    return used


ROW_FIELDS = (
    "project_id",
    "project_sevdesk_id",
    "project_title",
    "sevdesk_order_id",
    "customer_id",
    "street",
    "zip",
    "city",
    "country",
    "job_id",
    "job_title",
    "appointment_id",
    "appointment_title",
    "status",
    "start",
    "end",
    "hours",
    "assignees",
    "observers",
    "planned",
    "used",
    "invoice_sevdesk_id",
)


def _planned_text(line: dict[str, Any]) -> str:
    label = line["article_number"] or line["name"]
    unit = f" {line['unit']}" if line["unit"] else ""
    return f"{label}={_comma(line['quantity'])}{unit}"


def _comma(quantity: str) -> str:
    """A quantity inside a CSV text with the decimal comma of the CSV's numbers (hours)."""
    return quantity.replace(".", ",")


def project_rows() -> list[dict[str, Any]]:
    """One flat row per appointment (a project or job without appointments still gets a
    row), lists joined with "; " — for CSV."""
    rows: list[dict[str, Any]] = []
    for p in project_records(named=True):
        base = {
            "project_id": p["id"],
            "project_sevdesk_id": p["sevdesk_id"],
            "project_title": p["title"],
            "sevdesk_order_id": p["sevdesk_order_id"],
            "customer_id": p["customer_id"],
            **p["address"],
        }
        empty = {f: None for f in ROW_FIELDS if f not in base}
        if not p["jobs"]:
            rows.append({**empty, **base})
        for job in p["jobs"]:
            job_base = {**empty, **base, "job_id": job["id"], "job_title": job["title"]}
            if not job["appointments"]:
                rows.append(job_base)
            for a in job["appointments"]:
                rows.append(
                    {
                        **job_base,
                        "appointment_id": a["id"],
                        "appointment_title": a["title"],
                        "status": a["status"],
                        "start": a["start"],
                        "end": a["end"],
                        "hours": a["hours"],
                        "assignees": "; ".join(a["assignees"]),
                        "observers": "; ".join(a["observers"]),
                        "planned": "; ".join(_planned_text(line) for line in a["planned"]),
                        "used": "; ".join(
                            f"{u['article_number'] or u['name']}={_comma(u['quantity'])}" for u in a["used"]
                        ),
                        "invoice_sevdesk_id": a["invoice_sevdesk_id"],
                    }
                )
    return [{field: row[field] for field in ROW_FIELDS} for row in rows]
