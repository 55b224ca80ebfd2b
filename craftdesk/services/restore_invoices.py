"""Invoice drafts survive a restore (K2 with I5): what was sent to sevDesk stays known.

A backup from before an invoice was created knows nothing of it: restored as it is, the
work would be offered for invoicing again and a second draft would go to sevDesk. So the
drafts the current data knows (sent, pending: perhaps arrived, failed) are read before the
restore and written back into the restored data where it lacks them or holds an older
state, with the appointments they cover, as far as the restored data has the same project
and appointments.
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
    project_key: tuple[Any, ...]  # what makes its project the same project in the backup
    invoiced: tuple[int, ...]  # appointments marked as invoiced by it
    covered: tuple[int, ...]  # appointments a pending draft covers
    worksheets: dict[int, Worksheet]  # of the invoiced appointments
    appointment_keys: dict[int, tuple[Any, ...]]  # what makes each the same appointment


def _project_key(project: Project | None) -> tuple[Any, ...] | None:
    if project is None:
        return None
    # What does not change while a project lives (a title may be edited after the backup);
    # creation times are to the second, so the customer and the order tell two apart.
    return (project.sevdesk_order_id, project.customer_id, project.created_at)


def _appointment_key(appointment: Appointment) -> tuple[Any, ...]:
    return (appointment.job_id, appointment.created_at)


def known_drafts() -> list[KnownDraft]:
    """The drafts of the open database that sevDesk has or may have (sent, pending) and
    those it refused (failed: a backup may still hold them as pending)."""
    drafts = list(InvoiceDraft.select().where(InvoiceDraft.state.in_(("sent", "pending", "failed"))))
    result = []
    for draft in drafts:
        values = {name: getattr(draft, name + "_id" if name == "project" else name) for name in _COLUMNS}
        rows = list(Appointment.select().where(Appointment.invoice == draft.id))
        covered = list(
            Appointment.select()
            .join(DraftAppointment, on=DraftAppointment.appointment == Appointment.id)
            .where(DraftAppointment.draft == draft.id)
        )
        keys = {a.id: _appointment_key(a) for a in [*rows, *covered]}
        project = Project.get_or_none(Project.id == draft.project_id)
        result.append(
            KnownDraft(
                values,
                _project_key(project) or (),
                tuple(a.id for a in rows),
                tuple(a.id for a in covered),
                {a.id: _worksheet(a) for a in rows},
                keys,
            )
        )
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
    """Write what the restored database lacks of these drafts back into it (one
    transaction); the number of drafts carried. A draft is carried only onto the same
    project and appointments (the same creation time, customer and order: ids are given
    anew after a restore and may name other records); the rest is logged."""
    written = 0
    with db.atomic():
        present = {row.reference: row for row in InvoiceDraft.select()}
        for draft in drafts:
            project = Project.get_or_none(Project.id == draft.values["project"])
            if _project_key(project) != draft.project_key:
                log.warning(
                    "Restore: draft %s has no project of its own in the backup", draft.values["reference"]
                )
                continue
            row = present.get(draft.values["reference"])
            if row is None and draft.values["state"] == "failed":
                continue  # nothing in sevDesk, nothing to remember
            if row is None:
                row = InvoiceDraft.create(**draft.values)
            elif row.state != draft.values["state"]:  # pending in the backup, settled since
                InvoiceDraft.update(**draft.values).where(InvoiceDraft.id == row.id).execute()
            else:
                continue
            _link(row.id, draft)
            written += 1
    if written:
        log.info("Restore: %d invoice draft(s) settled since the backup kept", written)
    return written


def _same(appointment_id: int, draft: KnownDraft) -> bool:
    appointment = Appointment.get_or_none(Appointment.id == appointment_id)
    return appointment is not None and _appointment_key(appointment) == draft.appointment_keys.get(
        appointment_id
    )


def _link(draft_id: int, draft: KnownDraft) -> None:
    """The draft's appointments as they are now: invoiced ones with their worksheet, the
    ones a pending draft covers; a failed draft covers none."""
    DraftAppointment.delete().where(DraftAppointment.draft == draft_id).execute()
    Appointment.update(invoice=None).where(Appointment.invoice == draft_id).execute()
    if draft.values["state"] == "failed":
        return
    invoiced = [a for a in draft.invoiced if _same(a, draft)]
    for appointment_id in invoiced:
        _restore_worksheet(appointment_id, draft.worksheets[appointment_id])
    if invoiced:
        Appointment.update(invoice=draft_id).where(Appointment.id.in_(invoiced)).execute()
    for appointment_id in draft.covered:
        if _same(appointment_id, draft):
            DraftAppointment.create(draft=draft_id, appointment=appointment_id)
