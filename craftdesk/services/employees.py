"""Employees (Mitarbeiter): local CRUD, creation from the sevDesk users, and the exact
matching of a sevDesk user to a local employee used by the order import (O3).

Qt-free; the GUI and the CLI call these functions.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from ..api.client import SevdeskClient
from ..api.records import SevUserRec
from ..errors import NotFound, PreconditionError, UsageError
from ..limits import id_text, one_line
from ..messages import Key, Message
from ..store.db import db
from ..store.models import Employee as Employee  # the type callers receive
from .lookups import sev_users

log = logging.getLogger(__name__)

_UNSET: Any = object()  # "not given", as opposed to None = "clear"


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = one_line(value)
    return value or None


# Distinct, print-friendly colours for the planning board's employee rows (P1).
PALETTE = (
    "#1f77b4",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#ff7f0e",
    "#7f7f7f",
    "#393b79",
    "#637939",
)
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


def color_of(employee: Employee) -> str:
    """The employee's colour: their own, else one from the palette by id (stable)."""
    if employee.color:
        return str(employee.color)
    return PALETTE[(employee.id or 0) % len(PALETTE)]


def _color(value: str | None) -> str:
    text = (value or "").strip()
    if text and not _COLOR.fullmatch(text):
        raise PreconditionError(f"„{text}“ ist keine Farbe der Form #rrggbb.")
    return text.lower()


def set_employee_color(employee_id: int, color: str | None) -> Employee:
    """Set (or with None/"" reset to the palette's) colour of an employee (P1)."""
    with db.atomic():
        employee = get_employee(employee_id)
        employee.color = _color(color)
        employee.save()
        return employee


def get_employee(employee_id: int) -> Employee:
    employee = Employee.get_or_none(Employee.id == employee_id)
    if employee is None:
        raise NotFound(f"Mitarbeiter {employee_id} gibt es nicht.")
    return employee


def list_employees(include_inactive: bool = True) -> list[Employee]:
    query = Employee.select().order_by(Employee.name, Employee.id)
    if not include_inactive:
        query = query.where(Employee.active == True)  # peewee expression
    return list(query)


def _user_id(value: str | None) -> str | None:
    """ "007" is user 7, as the command line reads it (O3 matches by this id); anything but
    such an id is refused (H10)."""
    cleaned = _clean(value)
    if not cleaned:
        return None
    user_id = id_text(cleaned)
    if user_id is None:
        raise UsageError(f"„{cleaned}“ ist keine sevDesk-Benutzer-Id (eine Zahl aus sevDesk, z. B. 1551102).")
    return user_id


def _check_unique_user(sevdesk_user_id: str | None, own_id: int | None) -> None:
    """A sevDesk user id names one employee only."""
    if not sevdesk_user_id:
        return
    query = Employee.select().where(Employee.sevdesk_user_id == sevdesk_user_id)
    if own_id is not None:
        query = query.where(Employee.id != own_id)
    other = query.first()
    if other is not None:
        raise PreconditionError(
            f"Der sevDesk-Benutzer {sevdesk_user_id} ist bereits dem Mitarbeiter „{other.name}“ zugeordnet."
        )


def add_employee(
    name: str, email: str | None = None, sevdesk_user_id: str | None = None, active: bool = True
) -> Employee:
    name_clean = _clean(name)
    if not name_clean:
        raise PreconditionError(Message(Key.EMPLOYEE_NEEDS_NAME))
    user_id = _user_id(sevdesk_user_id)
    with db.atomic():
        _check_unique_user(user_id, None)
        return Employee.create(name=name_clean, email=_clean(email), sevdesk_user_id=user_id, active=active)


def edit_employee(
    employee_id: int,
    *,
    name: str | None = None,
    email: str | None = _UNSET,
    sevdesk_user_id: str | None = _UNSET,
    active: bool | None = None,
) -> Employee:
    """Change the given fields; ``email``/``sevdesk_user_id`` may be set to None to clear."""
    with db.atomic():
        employee = get_employee(employee_id)
        if name is not None:
            name_clean = _clean(name)
            if not name_clean:
                raise PreconditionError(Message(Key.EMPLOYEE_NEEDS_NAME))
            employee.name = name_clean
        if email is not _UNSET:
            employee.email = _clean(email)
        if sevdesk_user_id is not _UNSET:
            user_id = _user_id(sevdesk_user_id)
            _check_unique_user(user_id, employee.id)
            employee.sevdesk_user_id = user_id
        if active is not None:
            employee.active = active
        employee.save()
        return employee


def delete_employee(employee_id: int) -> None:
    """Delete an employee; their assignments and observer roles go with them."""
    with db.atomic():
        get_employee(employee_id).delete_instance(recursive=False)


def employees_from_sevdesk(client: SevdeskClient) -> list[Employee]:
    """Create a local employee for each sevDesk user not yet linked (by user id).

    One request (``GET /SevUser``). Returns the employees created.
    """
    users = sev_users(client)
    created: list[Employee] = []
    with db.atomic():
        known = {e.sevdesk_user_id for e in Employee.select() if e.sevdesk_user_id}
        for user in users:
            if user.id in known:
                continue
            name = _clean(user.fullname) or _clean(user.username) or f"sevDesk-Benutzer {user.id}"
            email = _clean(user.email) or (user.username if "@" in user.username else None)
            created.append(Employee.create(name=name, email=email, sevdesk_user_id=user.id))
            known.add(user.id)
    log.info("Created %d employees from %d sevDesk users", len(created), len(users))
    return created


# --- matching (O3) -----------------------------------------------------------------------


@dataclass(frozen=True)
class UserIdentity:
    """What we know of a sevDesk user: the id always, e-mail and name when fetched."""

    id: str
    email: str = ""
    fullname: str = ""

    @classmethod
    def from_record(cls, rec: SevUserRec) -> UserIdentity:
        # The login is the e-mail address in sevDesk; some users carry it only there.
        login = rec.username if "@" in rec.username else ""
        return cls(id=rec.id, email=rec.email or login, fullname=rec.fullname)


def _only(candidates: list[Employee], what: str, value: str) -> Employee | None:
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        # Two employees with the same e-mail or name: guessing would be a fuzzy match.
        log.info("%d employees share the %s %r; no observer chosen", len(candidates), what, value)
    return None


def employee_by_user_id(user_id: str) -> Employee | None:
    employee: Employee | None = (
        Employee.select()
        .where((Employee.sevdesk_user_id == user_id) & (Employee.active == True))  # peewee expression
        .order_by(Employee.id)
        .first()
    )
    return employee


def match_employee(user: UserIdentity) -> Employee | None:
    """The active local employee that is this sevDesk user: by user id, then e-mail
    (case-insensitive), then exact full name. Never a fuzzy match."""
    by_id = employee_by_user_id(user.id)
    if by_id is not None:
        return by_id
    # An employee linked to another sevDesk user is somebody else, whatever the e-mail says.
    active = [
        e
        for e in list_employees(include_inactive=False)
        if not e.sevdesk_user_id or e.sevdesk_user_id == user.id
    ]
    email = (user.email or "").strip().casefold()
    if email:
        found = _only([e for e in active if (e.email or "").strip().casefold() == email], "e-mail", email)
        if found is not None:
            return found
    name = _clean(user.fullname)
    if name:
        return _only([e for e in active if _clean(e.name) == name], "name", name)
    return None
