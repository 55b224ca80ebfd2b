"""CLI handlers for order confirmations, employees and appointments (SPEC §7):
``orders``, ``import-order``, ``employee``, ``appointment``. Thin: parse, call the
service layer, print."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ..context import AppContext
from ..errors import UsageError
from ..limits import plain_number
from ..services import employees as employee_service
from ..services import projects as project_service
from ..services.orders import import_orders, list_importable_orders
from ..services.planning import end_of
from ..services.project_export import decimal_text
from ..services.project_forms import STATUS_NAMES, article_id_by_number
from ..services.worksheet import used_lines
from .times import parse_datetime


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


_BREAKS = re.compile("[\t\n\r\v\f\x85\u2028\u2029]+")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _cell(value: Any) -> str:
    """A table cell on one line: line breaks and tabs of a title become spaces, control
    characters are dropped (a terminal would act on them)."""
    if value is None:
        return ""
    return _CONTROL.sub("", _BREAKS.sub(" ", str(value)))


def _print_table(headers: list[str], rows: list[list[Any]]) -> None:
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    for row in [headers, *cells]:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=False)).rstrip())


# --- parsing -----------------------------------------------------------------------------


_PLAIN_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:[.,][0-9]*)?|[.,][0-9]+)")


def parse_decimal(text: str, what: str) -> Decimal:
    """ "3.5" and "3,5" both mean three and a half; thousands separators are refused."""
    raw = (text or "").strip()
    if "," in raw and "." in raw:
        raise UsageError(f"{what} „{text}“ ist keine Zahl (bitte ohne Tausenderpunkt).")
    if not _PLAIN_DECIMAL.fullmatch(raw):  # no "1_0", "1e3" or digits of other scripts
        raise UsageError(f"{what} „{text}“ ist keine Zahl.")
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise UsageError(f"{what} „{text}“ ist keine Zahl.") from None
    if not plain_number(value):
        raise UsageError(f"{what} „{text}“ ist keine Zahl.")
    return value


def parse_used(items: list[str]) -> list[tuple[int, Decimal]]:
    used = []
    for item in items:
        number, sep, qty = item.rpartition("=")
        if not sep or not number.strip():
            raise UsageError(f"„{item}“ hat nicht die Form ARTIKELNUMMER=MENGE.")
        if "=" in number:  # "A-1=3,A-2=2": several articles in one
            raise UsageError(f"„{item}“: bitte je Artikel ein eigenes --used ARTIKELNUMMER=MENGE.")
        quantity = parse_decimal(qty, "Die Menge")
        used.append((article_id_by_number(number.strip()), quantity))
    return used


# --- orders ------------------------------------------------------------------------------


def run_orders(ctx: AppContext, args: argparse.Namespace) -> int:
    ctx.open_db()
    client = ctx.client()
    try:
        orders = list_importable_orders(client)
    finally:
        client.close()
    if orders.unreadable:
        sys.stderr.write(
            f"Warnung: {orders.unreadable} Auftragsbestätigung(en) in sevDesk sind unlesbar und "
            "fehlen in der Liste (Einzelheiten im Protokoll).\n"
        )
    if args.json:
        _print_json([o.as_dict() for o in orders])
        return 0
    if not orders:
        print("Keine versendeten Auftragsbestätigungen in sevDesk.")
        return 0
    _print_table(
        ["Id", "Nummer", "Datum", "Kunde", "Titel", "Importiert"],
        [
            [o.sevdesk_id, o.number, o.date, o.customer, o.title, "ja" if o.imported else "nein"]
            for o in orders
        ],
    )
    return 0


def run_import_order(ctx: AppContext, args: argparse.Namespace) -> int:
    ctx.open_db()
    client = ctx.client()
    try:
        results = import_orders(client, list(args.order_ids))
    finally:
        client.close()
    exit_code = 0
    for result in results:
        if result.status == "imported":
            print(f"{result.order_id}: als Projekt {result.project_id} importiert")
            for note in result.notes:
                sys.stderr.write(f"craftdesk: Hinweis zu {result.order_id}: {note}\n")
        elif result.status == "already_imported":
            print(f"{result.order_id}: bereits importiert (Projekt {result.project_id})")
        else:
            sys.stderr.write(f"craftdesk: {result.order_id}: {result.message}\n")
            exit_code = exit_code or result.exit_code or 1
    return exit_code


# --- employees ---------------------------------------------------------------------------


def run_employee(ctx: AppContext, args: argparse.Namespace) -> int:
    ctx.open_db()
    if args.employee_command == "add":
        employee = employee_service.add_employee(args.name, args.email, args.sevdesk_user)
        print(employee.id)
        return 0
    people = employee_service.list_employees()
    if args.json:
        _print_json(
            [
                {
                    "id": e.id,
                    "name": e.name,
                    "email": e.email,
                    "sevdesk_user_id": e.sevdesk_user_id,
                    "active": e.active,
                    "color": employee_service.color_of(e),
                }
                for e in people
            ]
        )
    elif not people:
        print("Keine Mitarbeiter angelegt.")
    else:
        _print_table(
            ["Id", "Name", "E-Mail", "sevDesk-Benutzer", "Aktiv"],
            [[e.id, e.name, e.email, e.sevdesk_user_id, "ja" if e.active else "nein"] for e in people],
        )
    return 0


# --- appointments ------------------------------------------------------------------------


def _appointment_dict(a: Any) -> dict[str, Any]:
    end = end_of(a.start, a.end) if isinstance(a.start, datetime) else None
    return {
        "id": a.id,
        "project_id": a.job.project_id,
        "job_id": a.job_id,
        "title": a.title,
        "status": a.status,
        "start": a.start.isoformat() if isinstance(a.start, datetime) else a.start,
        "end": end.isoformat() if end is not None else None,
        "hours": decimal_text(a.hours),
        "assignees": [e.name for e in project_service.people_of(a, "assignee")],
    }


def run_appointment(ctx: AppContext, args: argparse.Namespace) -> int:
    ctx.open_db()
    action = args.appointment_command
    if action == "plan":
        from .planning import run_plan

        return run_plan(args)
    if action == "add":
        start = parse_datetime(args.start) if args.start else None
        appointment = project_service.add_appointment_to_project(args.project_id, args.title, start)
        print(appointment.id)
        return 0
    if action == "done":
        # Parse everything first: an unknown article number changes nothing.
        hours = parse_decimal(args.hours, "Die Stundenzahl")
        used = None if args.used is None else parse_used(list(args.used))  # None: keep the lines
        appointment = project_service.set_appointment_done(args.appointment_id, hours, used)
        lines = len(used_lines(appointment.id))
        shown = (decimal_text(hours) or "0").replace(".", ",")  # as typed: "3,5"
        print(f"Termin {appointment.id} ist fertig ({shown} Std, {lines} Artikelangaben).")
        return 0
    records = [_appointment_dict(a) for a in project_service.list_appointments(args.project)]
    if args.json:
        _print_json(records)
    elif not records:
        print("Keine Termine.")
    else:
        _print_table(
            ["Id", "Projekt", "Titel", "Status", "Beginn", "Ende", "Stunden", "Mitarbeiter"],
            [
                [
                    r["id"],
                    r["project_id"],
                    r["title"],
                    STATUS_NAMES[r["status"]],
                    r["start"],
                    r["end"],
                    r["hours"],
                    ", ".join(r["assignees"]),
                ]
                for r in records
            ],
        )
    return 0
