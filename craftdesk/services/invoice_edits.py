"""The office's edits of an invoice proposal (SPEC V1), stored with the project.

Edits are kept as a difference to the computed proposal, so a worksheet that changes
afterwards still shows up: every proposal line has a ``key`` (where it came from); the
stored edits list the lines in the office's order, each either a proposal line with the
fields the office changed (``set``) or a line the office added (``line``), plus the keys
the office removed and the header fields it changed. A proposal line the edits do not
know (new work) is inserted after the last line of its appointment; an edited line whose
source is gone is dropped with a warning. Without any difference nothing is stored.

Each save is one transaction, so closing the dialog or a crash loses nothing that was
saved; the edits are deleted in the transaction that records the draft as created.
"""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import fields, replace
from datetime import date
from decimal import Decimal
from typing import Any

from ..clock import utcnow
from ..errors import NotFound, PreconditionError
from ..store.db import db
from ..store.models import Appointment, Article, InvoiceEdit, Project
from .invoice_checks import checked
from .invoice_preview import (
    InvoiceProposal,
    ProposalHeader,
    ProposalLine,
    head_text_for,
    invoiceable_appointments,
    nothing_to_invoice,
    preview_for,
)

log = logging.getLogger(__name__)

EDITABLE = ("text", "detail", "quantity", "unit", "net_price", "vat_rate")
HEADER_FIELDS = ("header", "invoice_date", "service_from", "service_to", "head_text")
FORMAT_VERSION = 1
MAX_PRICE = Decimal(10_000_000)
MAX_QUANTITY = Decimal(1_000_000)


def load(project_id: int) -> dict[str, Any]:
    row = InvoiceEdit.get_or_none(InvoiceEdit.project == project_id)
    if row is None:
        return {}
    try:
        data = json.loads(row.data)
    except ValueError:
        log.warning("Stored invoice edits of project %s are unreadable; ignored", project_id)
        return {}
    return data if isinstance(data, dict) else {}


def has_edits(project_id: int) -> bool:
    return bool(load(project_id))


def _jsonable(value: Any) -> Any:
    if isinstance(value, (Decimal, date)):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return value


def _line_value(name: str, raw: Any) -> Any:
    if name in ("quantity", "net_price", "vat_rate"):
        return Decimal(str(raw))
    return str(raw)


def _header_value(name: str, raw: Any) -> Any:
    return (
        date.fromisoformat(str(raw)) if name in ("invoice_date", "service_from", "service_to") else str(raw)
    )


def _insert_new(result: list[ProposalLine], line: ProposalLine) -> None:
    """A proposal line the edits did not know goes after its appointment's last line."""
    if line.appointment_id is not None:
        for index in range(len(result) - 1, -1, -1):
            if result[index].appointment_id == line.appointment_id:
                result.insert(index + 1, line)
                return
    result.append(line)


def apply(proposal: InvoiceProposal, edits: dict[str, Any]) -> InvoiceProposal:
    """The proposal as the office edited it (no checks yet)."""
    if not edits:
        return proposal
    by_key = {line.key: line for line in proposal.lines}
    removed = set(edits.get("removed") or [])
    result: list[ProposalLine] = []
    known: set[str] = set(removed)
    gone: list[str] = []
    for entry in edits.get("lines") or []:
        key = str(entry.get("key"))
        known.add(key)
        if "line" in entry:
            result.append(ProposalLine.from_dict({**entry["line"], "key": key}))
        elif key in by_key:
            changes = {
                name: _line_value(name, value)
                for name, value in (entry.get("set") or {}).items()
                if name in EDITABLE
            }
            result.append(replace(by_key[key], **changes))
        else:
            gone.append(str((entry.get("set") or {}).get("text") or key))
    for line in proposal.lines:
        if line.key not in known:
            _insert_new(result, line)
    header = proposal.header
    changed = {
        name: _header_value(name, value)
        for name, value in (edits.get("header") or {}).items()
        if name in HEADER_FIELDS
    }
    if changed:
        header = replace(header, **changed)
        if "head_text" not in changed:  # the generated text follows an edited period
            header = replace(
                header,
                head_text=head_text_for(
                    header.service_from, header.service_to, proposal.site, proposal.address
                ),
            )
    warnings = list(proposal.warnings)
    if gone:
        warnings.append(
            "Bearbeitete Positionen gibt es im Arbeitsblatt nicht mehr und sind "
            "entfallen: " + ", ".join(f"„{g}“" for g in gone) + "."
        )
    confirmed = tuple(int(i) for i in edits.get("labour_confirmed") or [])
    return replace(
        proposal,
        lines=tuple(result),
        header=header,
        warnings=tuple(warnings),
        labour_confirmed=confirmed,
        edited=True,
    )


def diff(
    proposal: InvoiceProposal,
    lines: Sequence[ProposalLine],
    header: ProposalHeader,
    labour_confirmed: Sequence[int] = (),
) -> dict[str, Any]:
    """The edits that turn ``proposal`` (unedited) into ``lines``/``header``; {} for none."""
    by_key = {line.key: line for line in proposal.lines}
    entries: list[dict[str, Any]] = []
    for line in lines:
        source = by_key.get(line.key)
        if source is None:
            entries.append({"key": line.key, "line": line.to_dict()})
            continue
        changed = {
            name: _jsonable(getattr(line, name))
            for name in EDITABLE
            if getattr(line, name) != getattr(source, name)
        }
        entries.append({"key": line.key, "set": changed})
    kept = {line.key for line in lines}
    removed = [line.key for line in proposal.lines if line.key not in kept]
    header_changes = {
        name: _jsonable(getattr(header, name))
        for name in HEADER_FIELDS
        if getattr(header, name) != getattr(proposal.header, name)
    }
    confirmed = sorted({int(i) for i in labour_confirmed} & set(proposal.appointment_ids))
    unchanged = (
        not removed
        and not header_changes
        and not confirmed
        and [e["key"] for e in entries] == [line.key for line in proposal.lines]
        and not any(e.get("set") or "line" in e for e in entries)
    )
    if unchanged:
        return {}
    return {
        "version": FORMAT_VERSION,
        "lines": entries,
        "removed": removed,
        "header": header_changes,
        "labour_confirmed": confirmed,
    }


def _validate(lines: Sequence[ProposalLine], header: ProposalHeader) -> None:
    """Range checks of what the office typed (H10 ranges)."""
    if not lines:
        raise PreconditionError("Ein Rechnungsentwurf braucht mindestens eine Position.")
    for line in lines:
        if not line.text.strip():
            raise PreconditionError("Jede Position braucht einen Text.")
        if not (Decimal(0) < line.quantity <= MAX_QUANTITY) and line.kind != "hours":
            raise PreconditionError(
                f"Die Menge von „{line.text}“ muss größer als 0 und höchstens 1.000.000 sein."
            )
        if line.quantity < 0 or abs(line.net_price) > MAX_PRICE:
            raise PreconditionError(
                f"Menge oder Preis von „{line.text}“ liegen außerhalb des erlaubten Bereichs."
            )
    if header.service_from > header.service_to:
        raise PreconditionError("Der Leistungszeitraum endet vor seinem Beginn.")
    if not header.header.strip():
        raise PreconditionError("Der Rechnungsentwurf braucht einen Titel.")


def save(
    project_id: int,
    lines: Sequence[ProposalLine],
    header: ProposalHeader,
    labour_confirmed: Sequence[int] = (),
    today: date | None = None,
) -> InvoiceProposal:
    """Store the office's version of the proposal (one transaction) and return the checked
    result. Stored only as the difference to the computed proposal."""
    _validate(lines, header)
    with db.atomic():
        proposal = base_proposal(project_id, today)
        edits = diff(proposal, lines, header, labour_confirmed)
        if edits:
            payload = json.dumps(edits, ensure_ascii=False, sort_keys=True)
            InvoiceEdit.insert(project=project_id, data=payload, updated_at=utcnow()).on_conflict(
                conflict_target=[InvoiceEdit.project],
                update={InvoiceEdit.data: payload, InvoiceEdit.updated_at: utcnow()},
            ).execute()
        else:
            InvoiceEdit.delete().where(InvoiceEdit.project == project_id).execute()
        return checked(apply(proposal, edits))


def article_line(article_id: int, quantity: Decimal) -> ProposalLine:
    """A line the office adds for an article (its current price and rate)."""
    article = Article.get_or_none(Article.id == article_id)
    if article is None:
        raise NotFound(f"Artikel {article_id} gibt es nicht.")
    return ProposalLine(
        f"added:{uuid.uuid4().hex[:12]}",
        "article",
        article.name or article.number,
        quantity,
        article.unit or "Stk",
        article.net_price or Decimal(0),
        article.vat_rate if article.vat_rate is not None else Decimal(0),
        detail=article.description or "",
        article_number=article.number or None,
        part_id=article.sevdesk_id,
        article_id=article.id,
    )


def reset(project_id: int) -> None:
    """ "Zurücksetzen": forget the edits, the computed proposal applies again."""
    InvoiceEdit.delete().where(InvoiceEdit.project == project_id).execute()


def _project(project_id: int) -> Project:
    project = Project.get_or_none(Project.id == project_id)
    if project is None:
        raise NotFound(f"Das Projekt {project_id} gibt es nicht.")
    return project


def base_proposal(
    project_id: int,
    today: date | None = None,
    appointments: list[Appointment] | None = None,
    pending_draft_id: int | None = None,
) -> InvoiceProposal:
    """The computed proposal (no edits) for the given or the invoiceable appointments."""
    project = _project(project_id)
    chosen = invoiceable_appointments(project) if appointments is None else appointments
    if not chosen:
        raise nothing_to_invoice(project)
    return preview_for(project, chosen, today=today, pending_draft_id=pending_draft_id)


def current_proposal(
    project_id: int,
    today: date | None = None,
    appointments: list[Appointment] | None = None,
    pending_draft_id: int | None = None,
) -> InvoiceProposal:
    """The proposal with the office's stored edits and the checks (what is sent)."""
    proposal = base_proposal(project_id, today, appointments, pending_draft_id)
    return checked(apply(proposal, load(project_id)))


# --- the frozen proposal of a claimed draft (I5) --------------------------------------------


def freeze(proposal: InvoiceProposal) -> str:
    return json.dumps(
        {"header": proposal.header.to_dict(), "lines": [line.to_dict() for line in proposal.lines]},
        ensure_ascii=False,
        sort_keys=True,
    )


def thaw(proposal: InvoiceProposal, frozen: str | None) -> InvoiceProposal:
    """``proposal`` with the lines and header stored when its draft was claimed."""
    if not frozen:
        return proposal
    data = json.loads(frozen)
    header = ProposalHeader(
        **{
            name: _header_value(name, data["header"][name])
            for name in (f.name for f in fields(ProposalHeader))
        }
    )
    lines = tuple(ProposalLine.from_dict(raw) for raw in data["lines"])
    return checked(replace(proposal, lines=lines, header=header, flags={}))
