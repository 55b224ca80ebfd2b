"""O3 after the fact: employees added after confirmations were imported become observers of
those imports' appointments when they are the confirmations' creators.

The import sets the observer only when the creator exists as an employee at that moment
(O3). When the office adds employees later, :func:`apply_creators` reads the creators of the
imported confirmations (one paged ``/Order`` sweep and one ``/SevUser`` request, never one
request per project) and adds the matching employee as observer of each project's first
appointment, where none is set yet.
"""

from __future__ import annotations

import logging
from typing import Any

from ..api.client import SevdeskClient
from ..api.errors import ApiError, MalformedResponseError, NotFoundError
from ..api.records import RecordError, parse_order
from ..store.db import db
from ..store.models import Appointment, AppointmentEmployee, Employee, Job, Project
from .employees import UserIdentity, match_employee
from .fetching import sweep
from .lookups import sev_users

log = logging.getLogger(__name__)


def _pk(model: Any) -> Any:
    return model._meta.primary_key


def _first_appointments_without_observer() -> dict[str, Appointment]:
    """sevDesk order id → first appointment of its imported project, where no one observes."""
    result: dict[str, Appointment] = {}
    projects = Project.select().where(Project.sevdesk_order_id.is_null(False)).order_by(_pk(Project))
    for project in projects:
        first = (
            Appointment.select()
            .join(Job)
            .where(Job.project == project)
            .order_by(Job.position, _pk(Job), _pk(Appointment))
            .first()
        )
        if first is None:
            continue
        observed = (
            AppointmentEmployee.select()
            .where(AppointmentEmployee.appointment == first, AppointmentEmployee.role == "observer")
            .exists()
        )
        if not observed:
            result[str(project.sevdesk_order_id)] = first
    return result


def pending_count() -> int:
    """How many imported projects could still get their creator as observer (no request)."""
    if not Employee.select().where(Employee.active == True).exists():
        return 0
    return len(_first_appointments_without_observer())


def apply_creators(client: SevdeskClient) -> int:
    """Add the confirmations' creators as observers (O3) where an employee matches now;
    returns how many appointments got one."""
    waiting = _first_appointments_without_observer()
    if not waiting or not Employee.select().exists():
        return 0
    creators: dict[str, str] = {}
    for page in sweep(client, "/Order", {"orderType": "AB"}):
        for raw in page:
            try:
                order = parse_order(raw)
            except RecordError:
                continue
            if order.id in waiting and order.create_user_id:
                creators[order.id] = order.create_user_id
    users: dict[str, UserIdentity] = {}
    try:
        users = {u.id: UserIdentity.from_record(u) for u in sev_users(client)}
    except (NotFoundError, ApiError, MalformedResponseError) as exc:  # match by id only then
        log.info("sevDesk users not readable: %s", exc)
    added = 0
    with db.atomic():
        for order_id, user_id in creators.items():
            employee = match_employee(users.get(user_id) or UserIdentity(id=user_id))
            if employee is None:
                continue
            AppointmentEmployee.create(appointment=waiting[order_id], employee=employee, role="observer")
            added += 1
    log.info("Creators set as observers of %d imported appointments", added)
    return added
