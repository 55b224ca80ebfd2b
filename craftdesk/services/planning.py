"""Scheduling appointments (SPEC §11 P1, P3, P4): who works when.

One function per use case, each in its own transaction: plan (schedule or move, with
assignees), move on the board (from one employee's row to another's), unschedule, and
restore a earlier placement (the board's undo and redo). Every call returns the double
bookings (P4) the change leaves, so the caller can name them; they are allowed.

Times are wall-clock times of the business in Europe/Berlin, stored naive. An aware
datetime is converted to Berlin time first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, cast

from ..errors import NotFound, PreconditionError
from ..messages import Key, Message
from ..store.db import db
from ..store.migrations import DEFAULT_APPOINTMENT_DURATION
from ..store.models import Appointment, AppointmentEmployee, Employee
from .projects import (
    MAX_APPOINTMENT_DURATION,
    check_wall_time,
    get_appointment,
    is_invoiced,
    local_time,
    wall_after,
)

DEFAULT_DURATION: timedelta = DEFAULT_APPOINTMENT_DURATION
MAX_DURATION = MAX_APPOINTMENT_DURATION  # the same limit as the appointment dialog's
EARLIEST, LATEST = datetime(1900, 1, 1), datetime(2100, 12, 31, 23, 59)


@dataclass(frozen=True)
class Placement:
    """Where an appointment sits: start, end, status and its assignees (in order)."""

    start: datetime | None
    end: datetime | None
    status: str
    assignee_ids: tuple[int, ...]


@dataclass(frozen=True)
class Conflict:
    """A double booking: ``employee`` also works on ``other_title`` at an overlapping time."""

    appointment_id: int
    employee_id: int
    employee_name: str
    other_id: int
    other_title: str
    other_start: datetime
    other_end: datetime

    def sentence(self) -> str:
        """One German sentence naming the double booking."""
        day = f"{self.other_start:%d.%m.%Y}"
        return (
            f"Doppelbelegung: {self.employee_name} ist am {day} von "
            f"{self.other_start:%H:%M} bis {until_text(self.other_start, self.other_end)} schon für "
            f"„{self.other_title}“ (Termin {self.other_id}) eingeplant."
        )


def until_text(start: datetime, end: datetime) -> str:
    """The end of an appointment after its start's day: its time, with the date when it
    ends on another day (else "am 01.03. von 08:00 bis 17:00" hid three days)."""
    return f"{end:%H:%M}" if end.date() == start.date() else f"{end:%d.%m.%Y} {end:%H:%M}"


@dataclass(frozen=True)
class PlanResult:
    appointment_id: int
    placement: Placement
    conflicts: list[Conflict]


# --- reading -----------------------------------------------------------------------------


def business_time(value: datetime) -> datetime:
    """Naive Berlin wall-clock time; aware values are converted, naive ones kept."""
    converted = local_time(value)
    assert converted is not None
    return converted.replace(second=0, microsecond=0)


def end_of(start: datetime | None, end: datetime | None) -> datetime | None:
    """The end to show and export: the stored one, else start + the default duration."""
    if start is None:
        return None
    return end if end is not None and end > start else start + DEFAULT_DURATION


def days_covered(start: datetime, end: datetime | None) -> tuple[date, date]:
    """The first and the last day an appointment is on (P2, P5): the board, its Sunday
    column and the project list's date range all count so. One ending at midnight (or in
    the first minute of a day, from a time with seconds) is not on that day."""
    until = end_of(start, end)
    assert until is not None
    last = until - timedelta(minutes=1)
    return start.date(), max(start.date(), last.date())


def assignee_ids_of(appointment_id: int) -> tuple[int, ...]:
    rows = (
        AppointmentEmployee.select(AppointmentEmployee.employee)
        .where((AppointmentEmployee.appointment == appointment_id) & (AppointmentEmployee.role == "assignee"))
        .order_by(AppointmentEmployee.id)
    )
    return tuple(row.employee_id for row in rows)


def placement_of(appointment_id: int) -> Placement:
    appointment = get_appointment(appointment_id)
    return Placement(appointment.start, appointment.end, appointment.status, assignee_ids_of(appointment_id))


def conflicts_of(appointment_id: int) -> list[Conflict]:
    """The double bookings of this appointment's assignees (P4)."""
    appointment = get_appointment(appointment_id)
    return _conflicts(appointment, assignee_ids_of(appointment_id))


def conflicts_at(
    appointment_id: int | None,
    start: datetime | None,
    end: datetime | None,
    status: str,
    employee_ids: Sequence[int],
) -> list[Conflict]:
    """The double bookings an appointment would have at this place, before it is saved (P4:
    an editor names them when saving). ``appointment_id`` None: a new appointment."""
    probe = Appointment(
        id=appointment_id if appointment_id is not None else 0,
        start=business_time(start) if start is not None else None,
        end=business_time(end) if end is not None else None,
        status=status,
    )
    return _conflicts(probe, tuple(dict.fromkeys(employee_ids)))


def _conflicts(appointment: Appointment, employee_ids: Sequence[int]) -> list[Conflict]:
    start = appointment.start
    end = end_of(start, appointment.end)
    if start is None or end is None or not employee_ids or appointment.status == "archived":
        return []
    # Candidates start before our end; their own end (or default end) decides the overlap.
    query = (
        Appointment.select(Appointment, AppointmentEmployee.employee.alias("busy_with"))
        .join(AppointmentEmployee)
        .where(
            (AppointmentEmployee.role == "assignee")
            & AppointmentEmployee.employee.in_(list(employee_ids))
            & (Appointment.id != appointment.id)
            & (Appointment.status != "archived")  # history occupies nobody
            & Appointment.start.is_null(False)
            & (Appointment.start < end)
            & (Appointment.start > start - MAX_DURATION)
        )
        .order_by(Appointment.start, Appointment.id)
        .objects()
    )
    names = {e.id: e.name for e in Employee.select().where(Employee.id.in_(list(employee_ids)))}
    found = []
    for other in query:
        other_end = end_of(other.start, other.end)
        if other.start is None or other_end is None or other_end <= start:
            continue
        employee_id = cast(Any, other).busy_with  # selected as an alias of the assignee
        found.append(
            Conflict(
                appointment.id,
                employee_id,
                names.get(employee_id, "?"),
                other.id,
                other.title,
                other.start,
                other_end,
            )
        )
    return found


# --- changing ----------------------------------------------------------------------------


def _check_times(start: datetime, end: datetime, stored: bool = False) -> None:
    """A new placement ends after it starts; a ``stored`` one (put back by undo) may end
    when it starts, as the appointment dialog allows."""
    for value in (start, end):
        if not EARLIEST <= value <= LATEST:
            raise PreconditionError(Message(Key.TIME_OUT_OF_RANGE))
        if not stored:
            check_wall_time(value)
    if end < start or (end == start and not stored):
        raise PreconditionError(Message(Key.END_BEFORE_START))
    if end - start > MAX_DURATION:
        raise PreconditionError(Message(Key.TOO_LONG))


def _check_movable(appointment: Appointment) -> None:
    if is_invoiced(appointment):
        raise PreconditionError(Message(Key.INVOICED_NOT_MOVED, appointment.title))


def _set_assignees(appointment: Appointment, employee_ids: Iterable[int]) -> tuple[int, ...]:
    wanted = tuple(dict.fromkeys(employee_ids))  # keep order, drop repeats
    known = {e.id for e in Employee.select(Employee.id).where(Employee.id.in_(list(wanted)))}
    for employee_id in wanted:
        if employee_id not in known:
            raise NotFound(f"Mitarbeiter {employee_id} gibt es nicht.")
    (
        AppointmentEmployee.delete()
        .where((AppointmentEmployee.appointment == appointment) & (AppointmentEmployee.role == "assignee"))
        .execute()
    )
    for employee_id in wanted:
        AppointmentEmployee.create(appointment=appointment, employee=employee_id, role="assignee")
    return wanted


def _apply(appointment: Appointment, placement: Placement) -> PlanResult:
    appointment.start, appointment.end = placement.start, placement.end
    appointment.status = placement.status
    appointment.save()
    assignees = _set_assignees(appointment, placement.assignee_ids)
    return PlanResult(
        appointment.id,
        Placement(placement.start, placement.end, placement.status, assignees),
        _conflicts(appointment, assignees),
    )


def plan_appointment(
    appointment_id: int,
    start: datetime,
    end: datetime | None = None,
    employee_ids: Sequence[int] | None = None,
) -> PlanResult:
    """Schedule or move an appointment; ``employee_ids`` replaces the assignees (None keeps
    them). An appointment without a date (the side list: "Nicht terminiert", also one
    marked "Problem" or "In Bearbeitung" meanwhile) becomes "Terminiert" (P3); a move keeps
    the status, and so does finished work ("Fertig", "Archiv") given its day. The end defaults to start + 2 hours."""
    start = business_time(start)
    end = business_time(end) if end is not None else wall_after(start, DEFAULT_DURATION)
    _check_times(start, end)
    with db.atomic():
        appointment = get_appointment(appointment_id)
        _check_movable(appointment)
        open_ = appointment.status not in ("done", "archived")  # finished work keeps its mark
        unplanned = appointment.status == "unscheduled" or (appointment.start is None and open_)
        status = "scheduled" if unplanned else appointment.status
        assignees = assignee_ids_of(appointment_id) if employee_ids is None else tuple(employee_ids)
        return _apply(appointment, Placement(start, end, status, assignees))


def move_on_board(
    appointment_id: int, start: datetime, from_employee: int | None, to_employee: int | None
) -> PlanResult:
    """A drop on the board: new start (the duration is kept), and the appointment leaves
    the row it was dragged from for the row it was dropped on (None: "nicht zugewiesen")."""
    with db.atomic():
        current = placement_of(appointment_id)
        duration = DEFAULT_DURATION
        if current.start is not None:
            duration = end_of(current.start, current.end) - current.start  # type: ignore[operator]
        assignees = list(current.assignee_ids)  # the order stays (the first is named first)
        if to_employee != from_employee:
            if from_employee in assignees:
                at = assignees.index(from_employee)
                if to_employee is None or to_employee in assignees:
                    del assignees[at]
                else:
                    assignees[at] = to_employee  # in the place of the one it left
            elif to_employee is not None and to_employee not in assignees:
                assignees.append(to_employee)
        elif to_employee is None:
            assignees = []
        start = business_time(start)
        return plan_appointment(appointment_id, start, wall_after(start, duration), assignees)


def schedule_on_board(appointment_id: int, start: datetime, employee_id: int | None) -> PlanResult:
    """A drop from the side list onto a row: scheduled at ``start`` (two hours); dropped on an
    employee's row that employee becomes the assignee, on "nicht zugewiesen" the assignees
    named before stay."""
    employees = None if employee_id is None else [employee_id]
    return plan_appointment(appointment_id, start, None, employees)


def unschedule_appointment(appointment_id: int) -> PlanResult:
    """Back to "Nicht terminiert": no start, no end; the assignees stay (P3)."""
    with db.atomic():
        appointment = get_appointment(appointment_id)
        _check_movable(appointment)
        if appointment.status in ("done", "archived"):
            raise PreconditionError(Message(Key.DONE_STAYS_SCHEDULED, appointment.title))
        return _apply(appointment, Placement(None, None, "unscheduled", assignee_ids_of(appointment_id)))


def restore_placement(
    appointment_id: int, placement: Placement, expected: Placement | None = None
) -> PlanResult:
    """Put an appointment back where it was (undo) or again where it went (redo).
    ``expected``: where the step left it; changed since (a status set to "Fertig", other
    employees, another workstation), nothing is restored: that change would be lost."""
    if placement.start is not None and placement.end is not None:
        _check_times(placement.start, placement.end, stored=True)
    with db.atomic():
        appointment = get_appointment(appointment_id)
        if expected is not None and placement_of(appointment_id) != expected:
            raise PreconditionError(Message(Key.CHANGED_SINCE_STEP, appointment.title))
        _check_movable(appointment)
        return _apply(appointment, placement)
