"""Importing sevDesk order confirmations (Auftragsbestätigungen) as projects (SPEC O1–O7).

Import is manual only: the office lists the sent confirmations and picks some. Each
import reads just what it needs — the confirmation, its positions, the creating user
when no employee is linked to it yet, and at most the missing customer and parts — and
never writes to sevDesk. An imported confirmation is never imported or updated again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..api.client import SevdeskClient
from ..api.errors import (
    ApiError,
    AuthError,
    CancelledError,
    MalformedResponseError,
    NotFoundError,
    SevdeskError,
)
from ..api.records import (
    OrderPosRec,
    OrderRec,
    RecordError,
    parse_order,
    parse_order_pos,
)
from ..errors import CraftdeskError, PreconditionError
from ..limits import id_text
from ..messages import Key, Message
from ..store.db import db
from ..store.models import (
    Appointment,
    AppointmentEmployee,
    Article,
    Customer,
    Employee,
    Job,
    PlannedMaterial,
    Project,
)
from .employees import UserIdentity, employee_by_user_id, match_employee
from .job_site import find_site, find_site_with_note, normalize_street, order_site
from .lookups import sev_users, unities
from .order_lines import (
    optional_positions,
    planned_lines,
    skipped_positions,
    unreadable_position,
    whole_order_discount,
)
from .order_list import (
    ORDER_TYPE,
    STATUS_SENT,
    OrderSummary,
    is_importable,
    list_importable_orders,
    project_title,
)
from .projects import Site
from .storage import short_reason

log = logging.getLogger(__name__)

ALREADY_IMPORTED = "bereits importiert"


@dataclass(frozen=True)
class ImportOrderResult:
    """What happened to one requested confirmation."""

    order_id: str
    status: str  # imported | already_imported | failed
    project_id: int | None = None
    message: str = ""
    exit_code: int = 0  # of the failure, for the command line (4 sevDesk, 5 precondition)
    note: str = ""  # imported, but worth a look (e.g. the job site fell back, O5)
    more_notes: tuple[str, ...] = ()  # further ones (optional positions not planned)

    @property
    def notes(self) -> tuple[str, ...]:
        return tuple(n for n in (self.note, *self.more_notes) if n)

    @property
    def ok(self) -> bool:
        return self.status != "failed"


# --- importing (O1–O7) -------------------------------------------------------------------


def import_orders(client: SevdeskClient, order_ids: list[str]) -> list[ImportOrderResult]:
    """Import each confirmation on its own; one failing does not stop the others.

    A rejected token or a cancel stops the whole batch (every further call would fail).
    """
    results: list[ImportOrderResult] = []
    for order_id in dict.fromkeys(str(i).strip() for i in order_ids):
        try:
            results.append(import_order(client, order_id))
        except (AuthError, CancelledError):
            raise
        except (CraftdeskError, SevdeskError) as exc:
            log.warning("Import of order %s failed: %s", order_id, exc)
            results.append(ImportOrderResult(order_id, "failed", message=str(exc), exit_code=exc.exit_code))
        except Exception as exc:  # one broken order must not hide the others' results
            log.exception("Unexpected error importing order %s", order_id)
            message = short_reason(exc) or Message(Key.UNEXPECTED_IN_LOG)  # a full disk is said so
            results.append(ImportOrderResult(order_id, "failed", message=message, exit_code=1))
    return results


def _already(order_id: str) -> Project | None:
    return Project.get_or_none(Project.sevdesk_order_id == order_id)


def _fetch_order(client: SevdeskClient, order_id: str) -> OrderRec:
    try:
        found = client.get(f"/Order/{order_id}")
    except NotFoundError:
        raise PreconditionError(f"Die Auftragsbestätigung {order_id} gibt es in sevDesk nicht.") from None
    rows = found if isinstance(found, list) else [found]
    if not rows:
        raise PreconditionError(f"Die Auftragsbestätigung {order_id} gibt es in sevDesk nicht.")
    try:
        order = parse_order(rows[0])
    except RecordError as exc:
        raise PreconditionError(
            f"Die Auftragsbestätigung {order_id} ist in sevDesk unlesbar ({exc.reason})."
        ) from None
    if order.id != order_id:
        raise PreconditionError(f"sevDesk hat zu {order_id} einen anderen Beleg geliefert.")
    confirmed = (
        not order.order_type and order.status == STATUS_SENT and _listed_as_confirmation(client, order)
    )
    if not is_importable(order, type_confirmed=confirmed):
        raise PreconditionError(
            f"Der Beleg {order.number or order_id} ist keine versendete Auftragsbestätigung "
            "und kann nicht importiert werden."
        )
    return order


def _listed_as_confirmation(client: SevdeskClient, order: OrderRec) -> bool:
    """For an answer without ``orderType``: does sevDesk list this order under type AB?"""
    params = {"orderType": ORDER_TYPE, "status": str(STATUS_SENT)}
    if order.number:
        params["orderNumber"] = order.number
    for raw in client.get_all("/Order", params):
        try:
            if parse_order(raw).id == order.id:
                return True
        except RecordError:
            continue
    return False


def _fetch_positions(client: SevdeskClient, order: OrderRec) -> tuple[list[OrderPosRec], list[str]]:
    """The confirmation's readable positions, and one text for each unreadable one: it is
    skipped and logged (H10: a quantity of -1 is out of range) while the rest imports; the
    text names it in the appointment's notes, so the office can add it by hand."""
    positions = []
    skipped = []
    for raw in client.get_all(f"/Order/{order.id}/getPositions"):
        if isinstance(raw, dict) and not raw.get("order"):
            # Asked for this order's positions: an answer without the back reference
            # belongs to it (one that names another order is still left out below).
            raw = {**raw, "order": {"id": order.id, "objectName": "Order"}}
        try:
            pos = parse_order_pos(raw)
        except RecordError as exc:
            if not _may_be_of(raw, order.id):
                continue  # another order's position, as a readable one is left out below
            log.warning(
                "Skipping position %s of order %s: %s", exc.record_id or "(ohne Id)", order.id, exc.reason
            )
            skipped.append(unreadable_position(raw, exc.reason))
            continue
        if pos.order_id == order.id:
            positions.append(pos)
    positions.sort(key=lambda p: (p.position_number, int(p.id)))
    return positions, skipped


def _may_be_of(raw: Any, order_id: str) -> bool:
    """Whether an unreadable position may belong to this order: it does not name another."""
    ref = raw.get("order") if isinstance(raw, dict) else None
    named = ref.get("id") if isinstance(ref, dict) else None
    return named is None or str(named).strip() == order_id


def _observer(client: SevdeskClient, user_id: str | None) -> Employee | None:
    """The local employee who is the confirmation's creator (O3), or None."""
    if not user_id:
        return None
    linked = employee_by_user_id(user_id)
    if linked is not None:  # no request needed
        return linked
    if not Employee.select().exists():
        return None
    # The documented user list rather than /SevUser/{id}: one request either way. The
    # observer is a courtesy: a user sevDesk refuses to show imports the order without one.
    user = UserIdentity(id=user_id)
    try:
        for rec in sev_users(client):
            if rec.id == user_id:
                user = UserIdentity.from_record(rec)
                break
    except (NotFoundError, ApiError, MalformedResponseError) as exc:
        log.info("sevDesk user %s not readable: %s", user_id, exc)
    return match_employee(user)


def _customer(client: SevdeskClient, contact_id: str | None) -> Customer | None:
    if not contact_id:
        return None
    local = Customer.get_or_none(Customer.sevdesk_id == contact_id)
    if local is not None:
        return local
    from .customers import import_single_customer

    try:
        return import_single_customer(client, contact_id)
    except NotFoundError as exc:  # what the order names is missing: not a sevDesk failure
        raise PreconditionError(str(exc.message)) from None


def _articles(client: SevdeskClient, positions: list[OrderPosRec]) -> dict[str, Article]:
    from .articles import SinglePartImporter

    single = SinglePartImporter(client)  # units and categories are read once per order
    wanted = list(dict.fromkeys(p.part_id for p in positions if p.part_id))
    found: dict[str, Article] = {
        a.sevdesk_id: a for a in Article.select().where(Article.sevdesk_id.in_(wanted)) if a.sevdesk_id
    }
    for part_id in wanted:
        if part_id not in found:
            try:
                found[part_id] = single.import_part(part_id)
            except NotFoundError:
                # Deleted in sevDesk since the confirmation was written: its positions
                # become free-text lines instead of making the order unimportable.
                log.info("Part %s of an order is gone in sevDesk", part_id)
    return found


def _unit_names(
    client: SevdeskClient, positions: list[OrderPosRec], articles: dict[str, Article]
) -> dict[str, str]:
    """Unity id → name, read only when a free-text position names a unit."""
    if not any(p.unity_id and p.part_id not in articles for p in positions):
        return {}
    try:
        return {u.id: u.name for u in unities(client)}
    except (NotFoundError, ApiError, MalformedResponseError) as exc:
        log.info("Units not readable, free-text lines stay without unit: %s", exc)
        return {}


def import_order(client: SevdeskClient, order_id: str) -> ImportOrderResult:
    """Import one confirmation as project → job → first appointment (O2–O6), or report
    "bereits importiert" without touching anything (O7)."""
    order_id = str(order_id).strip()
    if id_text(order_id) != order_id:
        raise PreconditionError(f"„{order_id}“ ist keine gültige sevDesk-Belegnummer (Id).")
    existing = _already(order_id)
    if existing is not None:
        return ImportOrderResult(order_id, "already_imported", existing.id, ALREADY_IMPORTED)

    order = _fetch_order(client, order_id)
    positions, skipped = _fetch_positions(client, order)
    observer = _observer(client, order.create_user_id)
    # Customer and parts are imported by their own rules and committed on their own: they
    # are valid imports whatever becomes of this order, and no database lock is held
    # while waiting for sevDesk.
    customer = _customer(client, order.contact_id)
    articles = _articles(client, positions)
    site, site_note = find_site_with_note(customer, order_site(order.address_street, order.address))
    unit_names = _unit_names(client, positions, articles)
    lines = planned_lines(positions, articles, unit_names)
    optional = optional_positions(positions, articles, unit_names)
    discount = whole_order_discount(order.sum_discounts)
    unreadable = skipped_positions(skipped)
    title = project_title(order)

    with db.atomic():
        existing = _already(order_id)  # another window may have imported it meanwhile
        if existing is not None:
            return ImportOrderResult(order_id, "already_imported", existing.id, ALREADY_IMPORTED)
        project = _create_project(order, title, customer, site, site_note)
        notes = "\n".join(n for n in (unreadable, discount, optional) if n)
        appointment = _create_first_appointment(project, title, customer, site, notes)
        if observer is not None:
            AppointmentEmployee.create(appointment=appointment, employee=observer, role="observer")
        _plan(appointment, lines)
    log.info(
        "Imported order %s (%s) as project %s with %d planned lines",
        order.id,
        order.number,
        project.id,
        len(lines),
    )
    return ImportOrderResult(
        order_id,
        "imported",
        project.id,
        f"als Projekt {project.id} importiert",
        note=site_note,
        more_notes=tuple(
            Message(key)
            for key, given in (
                (Key.SKIPPED_POSITIONS, unreadable),
                (Key.ORDER_DISCOUNT, discount),
                (Key.OPTIONAL_POSITIONS, optional),
            )
            if given
        ),
    )


def _plan(appointment: Appointment, lines: list[Any]) -> None:
    """The planned material of the first appointment (O6, V2)."""
    for position, line in enumerate(lines):
        PlannedMaterial.create(
            appointment=appointment,
            article=line.article,
            text=line.text,
            quantity=line.quantity,
            unit=line.unit,
            position=position,
            net_price=line.net_price,
            vat_rate=line.vat_rate,
        )


def _create_project(
    order: OrderRec, title: str, customer: Customer | None, site: Site, site_note: str
) -> Project:
    """The project of the confirmation, at the job site found for it (O2, O5)."""
    return Project.create(
        title=title,
        customer=customer,
        sevdesk_order_id=order.id,
        sevdesk_order_number=order.number or None,
        site_street=site.street,
        site_zip=site.zip,
        site_city=site.city,
        site_country=site.country,
        site_note=site_note,
    )


def _create_first_appointment(
    project: Project, title: str, customer: Customer | None, site: Site, notes: str = ""
) -> Appointment:
    """The project's job with its first, not yet scheduled appointment (O2)."""
    job = Job.create(project=project, title=title)
    return Appointment.create(
        job=job,
        title=title,
        status="unscheduled",
        customer=customer,
        notes=notes,
        site_street=site.street,
        site_zip=site.zip,
        site_city=site.city,
        site_country=site.country,
    )


__all__ = [
    "ALREADY_IMPORTED",
    "ORDER_TYPE",
    "STATUS_SENT",
    "ImportOrderResult",
    "OrderSummary",
    "find_site",
    "import_order",
    "import_orders",
    "list_importable_orders",
    "normalize_street",
    "order_site",
    "planned_lines",
]
