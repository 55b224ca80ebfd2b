"""Listing the sevDesk order confirmations that can be imported as projects (SPEC O1).

Sent confirmations (type AB, status 200) with their customer's name; the ones imported
already are marked. Nothing is written, neither locally nor to sevDesk.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import asdict, dataclass

from ..api.client import SevdeskClient
from ..api.errors import NotFoundError
from ..api.records import ContactRec, OrderRec, RecordError, parse_contact, parse_order
from ..store.models import Customer, Project

log = logging.getLogger(__name__)

ORDER_TYPE = "AB"
STATUS_SENT = 200


@dataclass(frozen=True)
class OrderSummary:
    """One importable confirmation as listed for the user (O1)."""

    sevdesk_id: str
    number: str
    title: str
    customer: str
    date: str  # YYYY-MM-DD
    imported: bool

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


class OrderList(list[OrderSummary]):
    """The listed confirmations, and how many sevDesk sent that could not be read (they
    are logged and left out; the user is told how many)."""

    unreadable = 0


def project_title(order: OrderRec) -> str:
    """The title of the project a confirmation becomes (O2), also shown in the list."""
    return order.header or f"Auftragsbestätigung {order.number or order.id}"


def _contact_name(rec: ContactRec) -> str:
    if rec.kind == "organisation" and rec.company:
        return rec.company
    return " ".join(p for p in (rec.first_name, rec.last_name) if p) or rec.company


def is_importable(order: OrderRec, type_confirmed: bool = False) -> bool:
    """Type AB and status 200. sevDesk ignores filters it does not know, so what it
    answered is checked again here; an answer that leaves ``orderType`` out is taken at
    the word of the ``orderType`` filter it answered (``type_confirmed``)."""
    kind = order.order_type.upper()
    return (kind == ORDER_TYPE or (not kind and type_confirmed)) and order.status == STATUS_SENT


def list_importable_orders(client: SevdeskClient) -> OrderList:
    """Sent order confirmations (type AB, status 200), already imported ones marked."""
    # ``embed=contact`` lets sevDesk deliver the customer names in the same call; where
    # the answer carries bare references only, unknown customers are fetched one by one.
    rows = client.get_all("/Order", {"orderType": ORDER_TYPE, "status": str(STATUS_SENT), "embed": "contact"})
    orders: list[OrderRec] = []
    embedded: dict[str, str] = {}
    unreadable = 0
    for raw in rows:
        try:
            order = parse_order(raw)
        except RecordError as exc:
            log.warning("Skipping unreadable order %s: %s", exc.record_id, exc.reason)
            unreadable += 1
            continue
        if not is_importable(order, type_confirmed=True):
            continue
        orders.append(order)
        contact = raw.get("contact") if isinstance(raw, dict) else None
        if order.contact_id and isinstance(contact, dict) and len(contact) > 2:
            with contextlib.suppress(RecordError):
                embedded[order.contact_id] = _contact_name(parse_contact(contact))

    contact_ids = {o.contact_id for o in orders if o.contact_id}
    names = {
        c.sevdesk_id: c.display_name
        for c in Customer.select().where(Customer.sevdesk_id.in_(list(contact_ids)))
    }
    for contact_id in sorted(contact_ids - names.keys()):
        if contact_id in embedded:
            names[contact_id] = embedded[contact_id]
            continue
        try:
            found = client.get(f"/Contact/{contact_id}")
            names[contact_id] = _contact_name(parse_contact(found[0] if isinstance(found, list) else found))
        except (NotFoundError, RecordError, IndexError, TypeError):
            names[contact_id] = ""
    imported = {
        p.sevdesk_order_id
        for p in Project.select(Project.sevdesk_order_id).where(
            Project.sevdesk_order_id.in_([o.id for o in orders])
        )
    }
    orders.sort(key=lambda o: (o.date, int(o.id)))
    listed = OrderList(
        OrderSummary(
            sevdesk_id=o.id,
            number=o.number,
            title=project_title(o),
            customer=names.get(o.contact_id or "", ""),
            date=o.date[:10],
            imported=o.id in imported,
        )
        for o in orders
    )
    listed.unreadable = unreadable
    return listed
