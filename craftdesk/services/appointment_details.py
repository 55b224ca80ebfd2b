"""What an appointment carries besides its date: people, planned material and the
worksheet (hours, used articles, notes) — SPEC §4, O8, V2, V3. Qt-free; every change runs
in one transaction, and an invoiced appointment's worksheet is frozen."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .. import limits
from ..errors import NotFound, PreconditionError
from ..messages import Key, Message
from ..store.db import db
from ..store.models import Appointment, AppointmentEmployee, Article, Employee, PlannedMaterial
from .project_lookups import get_appointment, is_invoiced
from .worksheet import UsedLine, planned_items, replace_used, take_over, used_lines

ROLES = ("assignee", "observer")
UNSET: Any = object()  # "not given", as opposed to None = "clear"


@dataclass(frozen=True)
class PlannedLine:
    """One planned material line: an article with a quantity, or a free-text line."""

    article_id: int | None = None
    text: str = ""
    quantity: Decimal = Decimal(1)
    unit: str = ""


def _quantity(value: Decimal, what: str, allow_zero: bool = False) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise PreconditionError(f"{what} ist keine gültige Zahl.")
    if value < 0 and allow_zero:  # out of range (H10): a usage error
        raise limits.OutOfRangeError(f"{what} darf nicht negativ sein.")
    if value <= 0 and not allow_zero:
        raise limits.OutOfRangeError(f"{what} muss größer als null sein.")
    if value > limits.MAX_QUANTITY:  # H10
        return limits.check_quantity(value, what)
    return value


def replace_people(appointment: Appointment, role: str, employee_ids: Sequence[int]) -> None:
    if role not in ROLES:
        raise PreconditionError(f"Unbekannte Rolle „{role}“.")
    AppointmentEmployee.delete().where(
        (AppointmentEmployee.appointment == appointment) & (AppointmentEmployee.role == role)
    ).execute()
    for employee_id in dict.fromkeys(employee_ids):  # keep order, drop repeats
        if Employee.get_or_none(Employee.id == employee_id) is None:
            raise NotFound(f"Mitarbeiter {employee_id} gibt es nicht.")
        AppointmentEmployee.create(appointment=appointment, employee=employee_id, role=role)


def set_appointment_people(appointment_id: int, role: str, employee_ids: Sequence[int]) -> None:
    """Replace the assignees (role "assignee") or observers (role "observer")."""
    with db.atomic():
        replace_people(get_appointment(appointment_id), role, employee_ids)


def _article(article_id: int) -> Article:
    article = Article.get_or_none(Article.id == article_id)
    if article is None:
        raise NotFound(f"Artikel {article_id} gibt es nicht.")
    return article


def replace_planned(appointment: Appointment, lines: Sequence[PlannedLine]) -> None:
    PlannedMaterial.delete().where(PlannedMaterial.appointment == appointment).execute()
    for position, line in enumerate(lines):
        quantity = _quantity(line.quantity, "Die geplante Menge")
        if line.article_id is not None:
            article = _article(line.article_id)
            PlannedMaterial.create(
                appointment=appointment,
                article=article,
                text=line.text,
                quantity=quantity,
                unit=line.unit or article.unit,
                position=position,
            )
        else:
            text = limits.one_line(line.text)
            if not text:
                raise PreconditionError("Eine Freitext-Materialzeile braucht einen Text.")
            PlannedMaterial.create(
                appointment=appointment,
                article=None,
                text=text,
                quantity=quantity,
                unit=line.unit,
                position=position,
            )


def set_planned_material(appointment_id: int, lines: Sequence[PlannedLine]) -> None:
    with db.atomic():
        replace_planned(get_appointment(appointment_id), lines)


def _refuse_frozen(appointment: Appointment) -> None:
    if is_invoiced(appointment):
        raise PreconditionError(
            f"Der Termin „{appointment.title}“ ist bereits abgerechnet; sein Arbeitsblatt "
            "kann nicht mehr geändert werden."
        )


def set_worksheet(
    appointment_id: int,
    *,
    hours: Decimal | None = UNSET,
    used: Sequence[UsedLine | tuple[int, Decimal]] | None = None,
    notes: str | None = None,
) -> Appointment:
    """Change the documented hours (None clears), the used articles (replaced as a whole;
    the same article twice is summed) and/or the notes."""
    with db.atomic():
        appointment = get_appointment(appointment_id)
        _refuse_frozen(appointment)
        if hours is not UNSET:
            appointment.hours = (
                None
                if hours is None
                else limits.check_hours(_quantity(hours, "Die Stundenzahl", allow_zero=True))
            )
        if notes is not None:
            appointment.notes = notes
        appointment.save()
        if used is not None:
            replace_used(appointment, used)
        return appointment


def set_appointment_done(
    appointment_id: int, hours: Decimal | None, used: Sequence[UsedLine | tuple[int, Decimal]] | None
) -> Appointment:
    """Set the appointment to "Fertig" with its documented hours and used articles (O8);
    ``used`` None keeps the worksheet's lines as they are."""
    if hours is None:
        raise PreconditionError(Message(Key.DONE_NEEDS_HOURS))
    with db.atomic():
        appointment = set_worksheet(appointment_id, hours=hours, used=used)
        appointment.status = "done"
        appointment.save()
        return appointment


def take_over_planned(appointment_id: int) -> int:
    """ "Geplantes Material übernehmen" (V2, V3): the planned lines not yet on the worksheet
    are added with the confirmation's price; returns how many lines were added."""
    with db.atomic():
        appointment = get_appointment(appointment_id)
        _refuse_frozen(appointment)
        before = used_lines(appointment.id)
        after = take_over(planned_items(appointment.id), before)
        if after != before:
            replace_used(appointment, after)
        return len(after) - len(before)
