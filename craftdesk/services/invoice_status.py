"""Payment status of the invoices craftdesk created (SPEC V8). Qt-free.

The recurring import reads, in **one** bounded request, every sevDesk invoice changed
since the last check (``GET /Invoice?updateAfter=…&limit=1000``): the drafts craftdesk
created (matched by their sevDesk id) and the cancellation invoices (type SR) whose origin
is one of them. The status codes are 100 draft, 200 open, 750 partially paid, 1000 paid; an
invoice named as the origin of a cancellation is cancelled. Number, gross sum and paid
amount are kept with the draft. The check time advances only after an answer that was
complete (fewer rows than the limit), with a margin against clocks that differ.

Projects whose invoices are all paid (cancelled ones aside) can be archived in one step.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..api.answers import as_int
from ..api.client import SevdeskClient
from ..api.records import InvoiceRec, parse_invoice
from ..clock import utcnow
from ..errors import NotFound, PreconditionError
from ..limits import price_ok
from ..store import settings
from ..store.db import db
from ..store.models import Appointment, InvoiceDraft, Job, Project
from .parsing import parse_rows

log = logging.getLogger(__name__)

STATUS_CODES = {100: "draft", 200: "open", 750: "partially_paid", 1000: "paid"}
STATUSES = ("draft", "open", "partially_paid", "paid", "cancelled")
LABELS = {
    "draft": "Entwurf",
    "open": "offen",
    "partially_paid": "teilweise bezahlt",
    "paid": "bezahlt",
    "cancelled": "storniert",
}
CHECKED_KEY = "invoice_status_checked_at"  # ISO UTC: start of the last complete check
MARGIN = timedelta(minutes=10)
ADVANCE_AFTER = timedelta(hours=6)
LIMIT = 1000
CANCELLATION_TYPE = "SR"


@dataclass(frozen=True)
class StatusResult:
    tracked: int = 0  # invoices whose status was asked for
    changed: int = 0
    skipped: int = 0  # unreadable records
    requests: int = 0


@dataclass(frozen=True)
class InvoiceSummary:
    """One invoice of a project as the GUI and the export show it."""

    draft_id: int
    sevdesk_id: str
    number: str | None
    status: str
    sum_gross: Decimal | None
    paid_amount: Decimal | None

    @property
    def label(self) -> str:
        return LABELS.get(self.status, self.status)


def _summary(draft: InvoiceDraft) -> InvoiceSummary:
    return InvoiceSummary(
        draft.id,
        str(draft.sevdesk_id),
        draft.number or None,
        draft.payment_status or "draft",
        draft.sum_gross,
        draft.paid_amount,
    )


def project_invoices(project_id: int | None = None) -> dict[int, list[InvoiceSummary]]:
    """The invoices (drafts that exist in sevDesk) per project, oldest first."""
    query = InvoiceDraft.select().where(
        (InvoiceDraft.state == "sent") & InvoiceDraft.sevdesk_id.is_null(False)
    )
    if project_id is not None:
        query = query.where(InvoiceDraft.project == project_id)
    result: dict[int, list[InvoiceSummary]] = {}
    for draft in query.order_by(InvoiceDraft.id):
        result.setdefault(draft.project_id, []).append(_summary(draft))
    return result


def is_archivable(invoices: list[InvoiceSummary]) -> bool:
    """All invoices paid (cancelled ones do not count), at least one of them."""
    live = [i for i in invoices if i.status != "cancelled"]
    return bool(live) and all(i.status == "paid" for i in live)


def _since(drafts: list[InvoiceDraft]) -> datetime:
    stored = settings.get(CHECKED_KEY)
    if stored:
        try:
            moment = datetime.fromisoformat(str(stored))
            return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)) - MARGIN
        except ValueError:
            log.info("Unreadable %s %r; checking from the oldest invoice", CHECKED_KEY, stored)
    oldest = min(_aware(d.created_at) for d in drafts)
    return oldest - MARGIN


def _aware(value: datetime | str) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _status_of(rec: InvoiceRec, cancelled: set[str]) -> str | None:
    if rec.id in cancelled:
        return "cancelled"
    return STATUS_CODES.get(rec.status)


def refresh_payment_status(client: SevdeskClient, now: datetime | None = None) -> StatusResult:
    """Read the status of craftdesk's invoices changed since the last check (V8).

    One request, none when craftdesk created no invoice yet. Malformed records are
    skipped, logged and counted. sevDesk errors propagate to the caller.
    """
    drafts = _tracked_drafts()
    if not drafts:
        return StatusResult()
    started = now or datetime.now(timezone.utc)
    since = _since(drafts)
    envelope = client.get_envelope(
        "/Invoice", {"updateAfter": int(since.timestamp()), "limit": LIMIT, "offset": 0, "countAll": "true"}
    )
    rows = envelope.get("objects")
    if not isinstance(rows, list):
        rows = [rows] if rows else []
    # H2: the window moves on only when the page provably held every changed invoice: fewer
    # than asked for, and all sevDesk counted (a server may cap pages below the limit)
    total = as_int(envelope.get("total"))
    complete = len(rows) < LIMIT and (total is None or len(rows) >= total)
    records = [rec for rec in parse_rows(rows, parse_invoice, "Invoice") if _amounts_in_range(rec)]
    with db.atomic():
        changed = _apply_statuses(drafts, records)
        if complete:
            # Written only when something changed or hours passed, so an import where
            # nothing changed in sevDesk writes nothing (§9); the window stays small.
            stored = since + MARGIN
            if changed or started - stored > ADVANCE_AFTER:
                settings.set(CHECKED_KEY, started.astimezone(timezone.utc).isoformat(timespec="seconds"))
        else:
            log.warning(
                "%s invoices changed since %s, %d read; the check is repeated",
                total if total is not None else f"More than {LIMIT}",
                since.isoformat(),
                len(rows),
            )
    log.info("Payment status of %d invoices read, %d changed", len(drafts), changed)
    return StatusResult(tracked=len(drafts), changed=changed, skipped=len(rows) - len(records), requests=1)


def _amounts_in_range(rec: InvoiceRec) -> bool:
    """H10: a status whose sums lie outside ±10,000,000 € is not taken (skipped, logged)."""
    if price_ok(rec.sum_gross) and price_ok(rec.paid_amount):
        return True
    log.warning("Skipping Invoice %s: sums out of range", rec.id)
    return False


def _tracked_drafts() -> list[InvoiceDraft]:
    """craftdesk's invoices in sevDesk whose status can still change (not cancelled)."""
    return list(
        InvoiceDraft.select().where(
            (InvoiceDraft.state == "sent")
            & InvoiceDraft.sevdesk_id.is_null(False)
            & ((InvoiceDraft.payment_status.is_null(True)) | (InvoiceDraft.payment_status != "cancelled"))
        )
    )


def _apply_statuses(drafts: list[InvoiceDraft], records: list[InvoiceRec]) -> int:
    """Store what sevDesk says about each draft; returns how many drafts changed."""
    cancelled = {
        r.origin_id
        for r in records
        if r.invoice_type == CANCELLATION_TYPE and r.origin_id and r.origin_object in ("", "Invoice")
    }
    by_id = {r.id: r for r in records}
    changed = 0
    for draft in drafts:
        rec = by_id.get(str(draft.sevdesk_id))
        status = (
            _status_of(rec, cancelled)
            if rec is not None
            else ("cancelled" if str(draft.sevdesk_id) in cancelled else None)
        )
        if status is None:
            if rec is not None:
                log.info("Invoice %s has unknown status %s", rec.id, rec.status)
            continue
        values: dict[str, Any] = {"payment_status": status, "status_checked_at": utcnow()}
        if rec is not None:
            values.update(
                number=rec.invoice_number or None, sum_gross=rec.sum_gross, paid_amount=rec.paid_amount
            )
        before = (draft.payment_status, draft.number, draft.sum_gross, draft.paid_amount)
        after = (
            status,
            values.get("number", draft.number),
            values.get("sum_gross", draft.sum_gross),
            values.get("paid_amount", draft.paid_amount),
        )
        if before != after:
            changed += 1
            InvoiceDraft.update(**values).where(InvoiceDraft.id == draft.id).execute()
    return changed


def archive_project(project_id: int) -> int:
    """Archive every appointment of a project whose invoices are all paid; returns how
    many appointments changed."""
    with db.atomic():
        project = Project.get_or_none(Project.id == project_id)
        if project is None:
            raise NotFound(f"Das Projekt {project_id} gibt es nicht.")
        invoices = project_invoices(project_id).get(project_id, [])
        if not is_archivable(invoices):
            raise PreconditionError(
                f"Das Projekt „{project.title}“ kann erst archiviert werden, wenn alle seine "
                "Rechnungen bezahlt sind."
            )
        ids = [
            a.id
            for a in Appointment.select(Appointment.id)
            .join(Job)
            .where((Job.project == project) & (Appointment.status != "archived"))
        ]
        if ids:
            Appointment.update(status="archived").where(Appointment.id.in_(ids)).execute()
        return len(ids)


def status_json(summary: InvoiceSummary) -> dict[str, Any]:
    """One entry of ``invoices`` in ``export projects`` (V8)."""

    def money(value: Decimal | None) -> str | None:
        # Half-up, as every amount of the app (A3): a sum of "10.005" is 10.01, not 10.00.
        return None if value is None else format(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), "f")

    return {
        "sevdesk_id": summary.sevdesk_id,
        "number": summary.number,
        "status": summary.status,
        "sum_gross": money(summary.sum_gross),
        "paid_amount": money(summary.paid_amount),
    }
