"""CLI handlers of the planning board (SPEC §11 P8): ``appointment plan`` and
``export appointments --format ics|json``. Thin: parse, call the service layer, print."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime

from ..context import AppContext
from ..errors import UsageError
from ..services import calendar_export, exports, planning
from ..services.employees import get_employee
from .files import not_written
from .times import parse_datetime


def parse_date(text: str | None) -> date | None:
    """A day as 2026-03-02 or 02.03.2026."""
    if text is None:
        return None
    raw = text.strip()
    try:
        if "." in raw:
            day, month, year = raw.split(".")
            value = date(int(year), int(month), int(day))
        else:
            value = date.fromisoformat(raw)
    except ValueError:
        raise UsageError(f"„{text}“ ist kein Datum (z. B. 2026-03-02).") from None
    if not 1900 <= value.year <= 2100:
        raise UsageError(f"„{text}“ liegt nicht zwischen 1900 und 2100.")
    return value


def check_id(value: int | None, what: str) -> None:
    """Ids fit in 63 bits (H10); anything larger cannot name a record."""
    if value is not None and not 0 < value < 2**63:
        raise UsageError(f"{what} {value} ist keine gültige Nummer.")


def _span(start: datetime | None, end: datetime | None) -> str:
    if start is None or end is None:
        return "nicht terminiert"
    if start.date() == end.date():
        return f"{start:%d.%m.%Y %H:%M}–{end:%H:%M}"
    return f"{start:%d.%m.%Y %H:%M} – {end:%d.%m.%Y %H:%M}"


def run_plan(args: argparse.Namespace) -> int:
    """``appointment plan ID --start ISO --end ISO [--employee ID ...]``; a double booking
    (P4) and moving finished work (its day is the invoice's service date) are warnings on
    stderr, not errors."""
    check_id(args.appointment_id, "Termin")
    for employee_id in args.employee or []:
        check_id(employee_id, "Mitarbeiter")
    # Both as Berlin wall-clock times, so "08:00+01:00" and "09:00" compare.
    start = planning.business_time(parse_datetime(args.start))
    end = planning.business_time(parse_datetime(args.end))
    if end <= start:
        raise UsageError("Das Ende (--end) muss nach dem Beginn (--start) liegen.")
    employees = list(args.employee) if args.employee else None
    result = planning.plan_appointment(args.appointment_id, start, end, employees)
    placement = result.placement
    names = sorted(get_employee(e).name for e in placement.assignee_ids)
    who = ", ".join(names) if names else "niemand zugewiesen"
    print(f"Termin {result.appointment_id} geplant: {_span(placement.start, placement.end)} ({who}).")
    if placement.status == "done":  # the board asks first; a command can only say so
        sys.stderr.write(
            f"craftdesk: Warnung: Termin {result.appointment_id} ist schon fertig; sein neuer Tag gilt "
            "als Leistungsdatum der Rechnung.\n"
        )
    for conflict in result.conflicts:
        sys.stderr.write(f"craftdesk: Warnung: {conflict.sentence()}\n")
    return 0


def run_export_appointments(ctx: AppContext, args: argparse.Namespace) -> int:
    """``export appointments --format ics|json [--employee ID] [--from D --to D] [-o FILE]``."""
    ctx.open_db()
    fmt = getattr(args, "format", None) or "json"
    if fmt not in ("json", "ics"):
        raise UsageError(f"Termine lassen sich als json oder ics exportieren, nicht als {fmt}.")
    check_id(args.employee, "Mitarbeiter")
    span = calendar_export.Range(parse_date(args.date_from), parse_date(args.date_to))
    records = calendar_export.appointment_records(args.employee, span)
    if fmt == "ics":
        name = calendar_export.calendar_name(args.employee)
        data = calendar_export.build_calendar(records, name).to_ical()
        count = sum(1 for r in records if r["start"])
    else:
        data, count = exports.render_json(records), len(records)
    target = getattr(args, "output", None)
    if not target or target == "-":
        exports.write_bytes(data, sys.stdout)
        return 0
    try:
        exports.write_bytes(data, target)
    except OSError as exc:
        raise not_written(target, exc) from None
    sys.stderr.write(f"{count} Termine nach „{target}“ exportiert.\n")
    return 0
