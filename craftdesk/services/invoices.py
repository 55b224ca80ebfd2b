"""Invoice drafts in sevDesk from finished work (SPEC I1–I5). Qt-free.

``build_preview`` shows the positions a click would send; ``send_invoice`` creates the
draft exactly once:

1. Claim (one SQLite ``BEGIN IMMEDIATE`` transaction, so two processes cannot both
   pass): a pending draft of the project is resumed; otherwise a new draft with a unique
   reference and the covered appointments is stored *before* anything is sent.
2. A resumed draft is first looked up by its reference (``customerInternalNote``); when
   sevDesk has it, it is only finalized.
3. Send ``saveInvoice``. Success → sevDesk id, state "sent" and the appointments marked
   invoiced in one transaction. A refusal (e.g. 422) → one look-up (sevDesk admits some
   refusals were written anyway), then "failed" with nothing invoiced. An unknown outcome
   (timeout, dropped connection, 5xx, unreadable answer) → look the reference up; not
   found → the draft stays pending and the next call looks again before resending with
   the same reference.

While a request is in flight, ``InvoiceDraft.sent_at`` of a pending draft holds when it
was sent (a lease): another process does not resume such a draft for ``LEASE``, so it
never resends while the first request may still be processed. In one process a second
concurrent call for the same project is refused at once.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from ..api import payloads
from ..api.client import SevdeskClient
from ..api.errors import AuthError, CancelledError, SevdeskError, ThrottledError
from ..api.fields import read_id, read_text
from ..api.records import InvoiceRec, RecordError, parse_invoice
from ..clock import utcnow
from ..errors import NotFound, PreconditionError
from ..limits import price_ok
from ..store.db import db, storage_problem
from ..store.engine import claim
from ..store.models import Appointment, DraftAppointment, InvoiceEdit, Project
from ..store.models import InvoiceDraft as InvoiceDraft  # the type callers receive
from . import e_invoice as e_invoice_rules
from . import invoice_body, invoice_claim, invoice_edits
from .invoice_preview import (
    HOUR_UNIT,
    InvoicePreview,
    PreviewLine,
    nothing_to_invoice,
)
from .parsing import parse_rows

log = logging.getLogger(__name__)

__all__ = [
    "HOUR_UNIT",
    "LEASE",
    "InvoiceOutcomeUnknown",
    "InvoicePreview",
    "PreviewLine",
    "build_preview",
    "invoice_link",
    "pending_draft",
    "send_invoice",
    "sent_drafts",
]

SAVE_INVOICE = "/Invoice/Factory/saveInvoice"
REFERENCE_PREFIX = "craftdesk-"
LEASE = timedelta(minutes=2)  # longer than the client's connect + read timeout

BUSY_MESSAGE = (
    "Für dieses Projekt wird gerade ein Rechnungsentwurf angelegt; bitte in zwei Minuten erneut versuchen."
)
SENT_NOT_RECORDED = (
    "Der Rechnungsentwurf {} ist in sevDesk angelegt, aber die Datenbank ließ sich danach "
    "nicht beschreiben. Bitte ihn nicht von Hand anlegen: Ein neuer Versuch in ein paar "
    "Minuten findet ihn in sevDesk und trägt ihn ein."
)
UNKNOWN_MESSAGE = (
    "Ob der Rechnungsentwurf in sevDesk angelegt wurde, ist unklar; beim nächsten Versuch "
    "sucht craftdesk zuerst danach, damit er nicht doppelt entsteht."
)


class InvoiceOutcomeUnknown(SevdeskError):
    """The draft may or may not exist in sevDesk; the next call looks it up first."""


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def invoice_link(sevdesk_id: str | int, api_url: str | None = None) -> str:
    """Where the user sees the draft: sevDesk's web app, or — for the demo sevDesk on this
    computer — the demo's own page (a sandbox id means nothing in the real sevDesk)."""
    if api_url:
        parts = urlsplit(api_url)
        if parts.hostname in LOOPBACK_HOSTS:
            return f"{parts.scheme}://{parts.netloc}/demo/invoice/{sevdesk_id}"
    return f"https://my.sevdesk.de/#/fi/edit/type/RE/id/{sevdesk_id}"


def new_reference() -> str:
    return f"{REFERENCE_PREFIX}{uuid.uuid4()}"


# --- reading -------------------------------------------------------------------------------


def _project(project_id: int) -> Project:
    project = Project.get_or_none(Project.id == project_id)
    if project is None:
        raise NotFound(f"Das Projekt {project_id} gibt es nicht.")
    return project


def pending_draft(project_id: int) -> InvoiceDraft | None:
    """A draft whose creation in sevDesk is unfinished (resumed by the next send)."""
    draft: InvoiceDraft | None = (
        InvoiceDraft.select()
        .where((InvoiceDraft.project == project_id) & (InvoiceDraft.state == "pending"))
        .order_by(InvoiceDraft.id)
        .first()
    )
    return draft


def sent_drafts(project_id: int) -> list[InvoiceDraft]:
    """The project's drafts that exist in sevDesk, oldest first (id + link for the GUI)."""
    return list(
        InvoiceDraft.select()
        .where((InvoiceDraft.project == project_id) & (InvoiceDraft.state == "sent"))
        .order_by(InvoiceDraft.id)
    )


def _covered(draft: InvoiceDraft) -> list[Appointment]:
    ids = [row.appointment_id for row in DraftAppointment.select().where(DraftAppointment.draft == draft)]
    return list(
        Appointment.select()
        .where(Appointment.id.in_(ids))
        .order_by(Appointment.start.is_null(), Appointment.start, Appointment.id)
    )


def build_preview(project_id: int, today: date | None = None, e_invoice: bool = True) -> InvoicePreview:
    """What the next ``send_invoice`` sends: the pending draft's frozen proposal when one
    is unfinished, else the proposal of every finished appointment not yet invoiced with
    the office's stored edits (PreconditionError when there is none). ``e_invoice=False``
    turns the e-invoice off for this draft (E3)."""
    project = _project(project_id)
    pending = pending_draft(project.id)
    if pending is not None:
        return e_invoice_rules.applied(_frozen_proposal(pending, today), e_invoice)
    return e_invoice_rules.applied(invoice_edits.current_proposal(project.id, today=today), e_invoice)


def _frozen_proposal(draft: InvoiceDraft, today: date | None) -> InvoicePreview:
    """The proposal stored when ``draft`` was claimed (drafts of older versions: computed)."""
    base = invoice_edits.base_proposal(draft.project_id, today, _covered(draft), pending_draft_id=draft.id)
    return invoice_edits.thaw(base, draft.proposal)


# --- the exactly-once send ---------------------------------------------------------------

_busy: set[int] = set()
_busy_lock = threading.Lock()


@contextmanager
def _in_process_guard(project_id: int) -> Iterator[None]:
    with _busy_lock:
        if project_id in _busy:
            raise PreconditionError(BUSY_MESSAGE)
        _busy.add(project_id)
    try:
        yield
    finally:
        with _busy_lock:
            _busy.discard(project_id)


def _aware(value: datetime | str | None) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _claim(project: Project, today: date | None = None) -> tuple[InvoiceDraft, bool]:
    """(draft, resumed). Takes the lease on it with a new claim token (H8); raises when
    there is nothing to do."""
    now = utcnow()
    token = invoice_claim.new_token()
    with claim(Project, project.id):
        pending = pending_draft(project.id)
        if pending is not None:
            started = _aware(pending.sent_at)
            # Within the lease either way (a clock set back must not free it early).
            if started is not None and -LEASE < now - started < LEASE:
                raise PreconditionError(BUSY_MESSAGE)
            InvoiceDraft.update(sent_at=now, claim=token).where(InvoiceDraft.id == pending.id).execute()
            pending.sent_at, pending.claim = now, token
            return pending, True
        # The proposal the office saw (with its edits) is frozen with the claim: every
        # attempt for this draft sends exactly these lines (V1, I5).
        proposal = invoice_edits.current_proposal(project.id, today=today)
        if not proposal.appointment_ids:
            raise nothing_to_invoice(project)
        draft = InvoiceDraft.create(
            project=project,
            reference=new_reference(),
            state="pending",
            sent_at=now,
            claim=token,
            proposal=invoice_edits.freeze(proposal),
        )
        DraftAppointment.insert_many(
            [{"draft": draft.id, "appointment": a} for a in proposal.appointment_ids]
        ).execute()
        return draft, False


def _release(draft: InvoiceDraft, error: str | None = None) -> None:
    """Keep the draft pending but free for the next attempt."""
    InvoiceDraft.update(sent_at=None, error=error).where(InvoiceDraft.id == draft.id).execute()
    draft.sent_at, draft.error = None, error


def _fail(draft: InvoiceDraft, message: str) -> None:
    """Nothing exists in sevDesk for this draft: the appointments stay open for a new one."""
    InvoiceDraft.update(state="failed", error=message, sent_at=None).where(
        InvoiceDraft.id == draft.id
    ).execute()
    draft.state, draft.error, draft.sent_at = "failed", message, None
    log.info("Invoice draft %s failed: %s", draft.reference, message)


def _finalize(draft: InvoiceDraft, sevdesk_id: str, rec: InvoiceRec | None = None) -> InvoiceDraft:
    now = utcnow()
    with db.atomic():
        InvoiceDraft.update(
            sevdesk_id=sevdesk_id,
            state="sent",
            sent_at=now,
            error=None,
            payment_status="draft",
            paid_amount=Decimal(0),
            sum_gross=rec.sum_gross
            if rec is not None and not rec.partial and price_ok(rec.sum_gross)
            else None,
        ).where(InvoiceDraft.id == draft.id).execute()
        ids = [row.appointment_id for row in DraftAppointment.select().where(DraftAppointment.draft == draft)]
        Appointment.update(invoice=draft.id).where(Appointment.id.in_(ids)).execute()
        # The edits served their purpose: the next proposal starts fresh (V1).
        InvoiceEdit.delete().where(InvoiceEdit.project == draft.project_id).execute()
    log.info("Invoice draft %s is sevDesk invoice %s", draft.reference, sevdesk_id)
    return InvoiceDraft.get_by_id(draft.id)


def find_by_reference(client: SevdeskClient, reference: str) -> InvoiceRec | None:
    """The sevDesk invoice carrying ``reference``; re-checked here because sevDesk answers
    an unknown filter with every invoice."""
    rows = client.get_all("/Invoice", {"customerInternalNote": reference})
    matches = [
        rec for rec in parse_rows(rows, parse_invoice, "Invoice") if rec.customer_internal_note == reference
    ] or [rec for rec in map(_partly_read, rows) if rec and rec.customer_internal_note == reference]
    if len(matches) > 1:
        log.warning("%d sevDesk invoices carry reference %s", len(matches), reference)
    return min(matches, key=lambda r: int(r.id)) if matches else None


def _partly_read(raw: Any) -> InvoiceRec | None:
    """Only the id and the reference of an invoice: when no readable invoice carries our
    reference, one with an unreadable field (a sum sevDesk sends oddly) is still ours, and
    sending the draft again would make a second invoice (I5)."""
    if not isinstance(raw, dict):
        return None
    try:
        invoice_id = read_id(raw.get("id"), "id")
        note = read_text(raw.get("customerInternalNote"), "customerInternalNote", 255)
    except RecordError:
        return None
    return InvoiceRec(invoice_id, 100, "", None, note, Decimal(0), partial=True) if invoice_id else None


def send_invoice(
    client: SevdeskClient, project_id: int, today: date | None = None, e_invoice: bool = True
) -> InvoiceDraft:
    """Create the project's invoice draft in sevDesk (or finish an unfinished one).

    Returns the draft (state "sent", ``sevdesk_id`` set). Raises PreconditionError when
    nothing is ready or an e-invoice lacks data craftdesk can see (E3), SevdeskError when
    sevDesk refuses or fails (InvoiceOutcomeUnknown when the draft may exist; the next
    call settles that first). ``e_invoice=False`` sends a plain draft for an e-invoice
    customer.
    """
    project = _project(project_id)
    with _in_process_guard(project.id):
        draft, resumed = _claim(project, today)
        with invoice_claim.kept(client, draft) as keeper:
            return _send_claimed(client, draft, resumed, keeper, today or date.today(), e_invoice)


def _send_claimed(
    client: SevdeskClient,
    draft: InvoiceDraft,
    resumed: bool,
    keeper: invoice_claim.Keeper,
    today: date,
    e_invoice: bool,
) -> InvoiceDraft:
    try:
        if resumed:
            # A stale claim is taken over only when its reference proves no draft exists.
            found = find_by_reference(client, draft.reference)
            if found is not None:
                return _finalize(draft, found.id, found)
        preview = e_invoice_rules.applied(_frozen_proposal(draft, today), e_invoice)
        body = invoice_body.prepare(client, draft, preview, today)
    except invoice_claim.ClaimLost:
        raise  # the draft is another attempt's now: leave it alone
    except BaseException as exc:
        message = str(exc) or exc.__class__.__name__
        if not resumed or isinstance(exc, PreconditionError):
            # Nothing was sent for a new draft; a resumed one was just looked up in
            # vain after its lease, and its data now needs fixing: free the project.
            _fail(draft, message)
        else:  # the lookup itself failed: an earlier request may still surface
            _release(draft, message)
        raise
    keeper.recheck()  # H8: still ours, right before the POST
    try:
        return _transmit(client, draft, body)
    except SevdeskError as exc:
        sentence = e_invoice_rules.refusal_sentence(exc)
        if sentence is None or exc.outcome_unknown:
            raise
        # E4: sevDesk's reason in one sentence; nothing was invoiced (_transmit failed
        # the draft), so a retry after fixing sevDesk creates exactly one draft.
        raise type(exc)(sentence, status=exc.status, code=exc.code, detail=exc.detail) from None


def _transmit(client: SevdeskClient, draft: InvoiceDraft, body: dict[str, Any]) -> InvoiceDraft:
    try:
        answer = client.post(SAVE_INVOICE, body)
    except (AuthError, ThrottledError, CancelledError) as exc:
        _fail(draft, exc.message)  # refused or stopped before sevDesk processed anything
        raise
    except SevdeskError as exc:
        if not exc.outcome_unknown:
            # A refusal does not prove nothing was written (sevDesk admits some 400s and
            # 500s are uncaught): look once before giving the appointments free again.
            try:
                found = find_by_reference(client, draft.reference)
            except SevdeskError:
                _release(draft, exc.message)
                raise exc from None
            if found is not None:
                return _finalize(draft, found.id, found)
            _fail(draft, exc.message)
            raise
        return _settle_unknown(client, draft, exc)
    except BaseException:
        _release(draft, "unterbrochen")
        raise
    invoice = payloads.saved_invoice(answer)
    rec: InvoiceRec | None = None
    try:
        rec = parse_invoice(invoice) if invoice is not None else None
    except RecordError:
        rec = None
    invoice_id = rec.id if rec is not None else ""
    if not invoice_id:
        return _settle_unknown(
            client,
            draft,
            SevdeskError("sevDesk hat das Anlegen des Entwurfs unlesbar beantwortet.", outcome_unknown=True),
        )
    try:
        return _finalize(draft, invoice_id, rec)
    except Exception as exc:  # sent, but not recorded: the claim's lease keeps it exactly once
        if storage_problem(exc) is None:
            raise
        log.error("Draft %s sent as %s, not recorded: %s", draft.reference, invoice_id, exc)
        raise PreconditionError(SENT_NOT_RECORDED.format(invoice_id)) from exc


def _settle_unknown(client: SevdeskClient, draft: InvoiceDraft, exc: SevdeskError) -> InvoiceDraft:
    log.warning("saveInvoice outcome unknown for %s: %s (%s)", draft.reference, exc.message, exc.detail or "")
    try:
        found = find_by_reference(client, draft.reference)
    except SevdeskError as lookup_exc:
        log.warning("Looking up %s failed: %s", draft.reference, lookup_exc.message)
        found = None
    if found is not None:
        return _finalize(draft, found.id, found)
    timed_out = "timeout" in (exc.detail or "").lower()
    if timed_out:
        # sevDesk may still be working on the request: keep the lease, so no other
        # attempt resends before LEASE has passed.
        InvoiceDraft.update(error=exc.message).where(InvoiceDraft.id == draft.id).execute()
    else:
        _release(draft, exc.message)
    raise InvoiceOutcomeUnknown(
        UNKNOWN_MESSAGE, status=exc.status, code=exc.code, detail=exc.detail, outcome_unknown=True
    ) from exc
