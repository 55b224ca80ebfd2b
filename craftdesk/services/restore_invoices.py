"""Invoice drafts survive a restore (K2 with I5): what was sent to sevDesk stays known.

A backup from before an invoice was created knows nothing of it: restored as it is, the
work would be offered for invoicing again and a second draft would go to sevDesk. So the
drafts the current data knows (sent, or pending: perhaps arrived) are read before the
restore and written back into the restored data when it lacks them, with the appointments
they cover, as far as the restored data has their project and appointments.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from ..store.db import db
from ..store.models import (
    Appointment,
    Article,
    DraftAppointment,
    InvoiceDraft,
    PlannedMaterial,
    Project,
    UsedArticle,
)

log = logging.getLogger(__name__)

# The draft's own columns that are carried: all but its id and a running attempt's claim
# (a column added to the model later is carried too).
_COLUMNS = tuple(f.name for f in InvoiceDraft._meta.sorted_fields if f.name not in ("id", "claim"))


_WORKSHEET = ("quantity", "position", "text", "unit", "net_price", "vat_rate")


@dataclass(frozen=True)
class Worksheet:
    """An invoiced appointment as it was invoiced: its status, hours and used lines."""

    status: str
    hours: Any
    used: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class KnownDraft:
    values: dict[str, Any]  # the columns above; "project" is the project's id
    invoiced: tuple[int, ...]  # appointments marked as invoiced by it
    covered: tuple[int, ...]  # appointments a pending draft covers
    worksheets: dict[int, Worksheet]  # of the invoiced appointments


def known_drafts() -> list[KnownDraft]:
    """The drafts of the open database that sevDesk may have: sent or pending."""
    drafts = list(InvoiceDraft.select().where(InvoiceDraft.state.in_(("sent", "pending"))))
    result = []
    for draft in drafts:
        values = {name: getattr(draft, name + "_id" if name == "project" else name) for name in _COLUMNS}
        rows = list(Appointment.select().where(Appointment.invoice == draft.id))
        covered = tuple(
            c.appointment_id for c in DraftAppointment.select().where(DraftAppointment.draft == draft.id)
        )
        worksheets = {a.id: _worksheet(a) for a in rows}
        result.append(KnownDraft(values, tuple(a.id for a in rows), covered, worksheets))
    return result


def _worksheet(appointment: Appointment) -> Worksheet:
    lines = (
        UsedArticle.select().where(UsedArticle.appointment == appointment.id).order_by(UsedArticle.position)
    )
    used = tuple(
        {**{name: getattr(u, name) for name in _WORKSHEET}, "article": u.article_id, "planned": u.planned_id}
        for u in lines
    )
    return Worksheet(appointment.status, appointment.hours, used)


def _restore_worksheet(appointment_id: int, sheet: Worksheet) -> None:
    """The appointment as it was invoiced: a backup from before it was finished would show
    invoiced work as still to do (and locked, being invoiced)."""
    Appointment.update(status=sheet.status, hours=sheet.hours).where(
        Appointment.id == appointment_id
    ).execute()
    UsedArticle.delete().where(UsedArticle.appointment == appointment_id).execute()
    for line in sheet.used:
        article, planned = line["article"], line["planned"]
        if article is not None and Article.get_or_none(Article.id == article) is None:
            log.warning("Restore: article %s of appointment %s is not in the backup", article, appointment_id)
            continue
        if planned is not None and PlannedMaterial.get_or_none(PlannedMaterial.id == planned) is None:
            planned = None
        UsedArticle.create(appointment=appointment_id, **{**line, "article": article, "planned": planned})


def carry_over(drafts: list[KnownDraft]) -> int:
    """Write the drafts the restored database lacks back into it (one transaction); the
    number written. A draft whose project the backup does not have is left out (logged)."""
    written = 0
    with db.atomic():
        present = {row.reference for row in InvoiceDraft.select(InvoiceDraft.reference)}
        existing = {row.id for row in Appointment.select(Appointment.id)}
        for draft in drafts:
            if draft.values["reference"] in present:
                continue
            if Project.get_or_none(Project.id == draft.values["project"]) is None:
                log.warning("Restore: draft %s has no project in the backup", draft.values["sevdesk_id"])
                continue
            row = InvoiceDraft.create(**draft.values)
            invoiced = [a for a in draft.invoiced if a in existing]
            for appointment_id in invoiced:
                _restore_worksheet(appointment_id, draft.worksheets[appointment_id])
            if invoiced:
                Appointment.update(invoice=row.id).where(Appointment.id.in_(invoiced)).execute()
            for appointment_id in draft.covered:
                if appointment_id in existing:
                    DraftAppointment.create(draft=row.id, appointment=appointment_id)
            written += 1
    if written:
        log.info("Restore: %d invoice draft(s) created since the backup kept", written)
    return written
