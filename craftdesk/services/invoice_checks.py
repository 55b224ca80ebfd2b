"""Checks of an invoice proposal: what the office should look at before sending.

- V4 double labour: a finished appointment billed with its documented hours **and** with
  worksheet lines billed in hours is flagged ``double_labour`` ("Arbeitszeit doppelt?")
  on all those lines until the office removes one or confirms both.
- V5 zero price: every line at 0,00 € (except the title heading) is flagged ``zero_price``;
  sending asks once, naming them.
- V2 nothing disappears silently: planned lines of the billed appointments that are not on
  the worksheet are named.
- sevDesk allows only 0, 7 and 19 % on invoices.

Qt-free; the flags and warnings end up on the :class:`InvoiceProposal`.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from peewee import JOIN

from ..messages import Key, Message
from ..store.models import Appointment, Article, PlannedMaterial, UsedArticle
from .invoice_preview import InvoiceProposal, ProposalLine, local_day
from .invoice_proposal import without_vat

DOUBLE_LABOUR = "double_labour"
ZERO_PRICE = "zero_price"
ALLOWED_VAT = (Decimal(0), Decimal(7), Decimal(19))
# Units that bill working time (compared without case and trailing dot).
TIME_UNITS = {"std", "h", "stunde", "stunden", "std.", "hrs", "hour", "hours"}


def german_number(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


def is_time_unit(unit: str) -> bool:
    return unit.strip().casefold().rstrip(".") in {u.rstrip(".") for u in TIME_UNITS}


def _service_articles(ids: set[int]) -> set[int]:
    """Articles of the sevDesk part category "Dienstleistung" billed per time unit."""
    if not ids:
        return set()
    return {
        a.id
        for a in Article.select(Article.id, Article.category, Article.unit).where(Article.id.in_(list(ids)))
        if a.category.casefold() == "dienstleistung" and (not a.unit or is_time_unit(a.unit))
    }


def labour_lines(lines: tuple[ProposalLine, ...]) -> dict[int, list[ProposalLine]]:
    """Per appointment: the worksheet lines that bill working time (V4)."""
    services = _service_articles({line.article_id for line in lines if line.article_id})
    result: dict[int, list[ProposalLine]] = {}
    for line in lines:
        if (
            line.kind in ("article", "text")
            and line.appointment_id is not None
            and (is_time_unit(line.unit) or line.article_id in services)
        ):
            result.setdefault(line.appointment_id, []).append(line)
    return result


def _double_labour(proposal: InvoiceProposal) -> tuple[dict[str, set[str]], list[str]]:
    flags: dict[str, set[str]] = {}
    warnings: list[str] = []
    per_appointment = labour_lines(proposal.lines)
    for hours_line in (line for line in proposal.lines if line.kind == "hours"):
        appointment_id = hours_line.appointment_id
        others = per_appointment.get(appointment_id or -1, [])
        if not others or hours_line.quantity == 0 or appointment_id in proposal.labour_confirmed:
            continue
        for line in (hours_line, *others):
            flags.setdefault(line.key, set()).add(DOUBLE_LABOUR)
        named = ", ".join(f"„{o.text}“ ({german_number(o.quantity)} {o.unit})" for o in others)
        documented = f"{german_number(hours_line.quantity)} {hours_line.unit}"
        warnings.append(Message(Key.DOUBLE_LABOUR_TWICE, hours_line.text, documented, named))
    return flags, warnings


def _zero_price(proposal: InvoiceProposal) -> tuple[dict[str, set[str]], list[str]]:
    zero = [line for line in proposal.lines if line.kind != "title" and line.net == 0]
    flags = {line.key: {ZERO_PRICE} for line in zero}
    warnings: list[str] = []
    if any(line.kind == "hours" and line.net_price == 0 for line in zero) and proposal.hourly_rate == 0:
        warnings.append(Message(Key.HOURLY_RATE_ZERO))
    if zero:
        warnings.append(Message(Key.ZERO_PRICE_LINES, ", ".join(f"„{line.text}“" for line in zero)))
    return flags, warnings


def _missing_planned(proposal: InvoiceProposal) -> list[str]:
    """Planned lines (V2) of the billed appointments that the worksheet does not carry."""
    ids = list(proposal.appointment_ids)
    if not ids:
        return []
    used = list(
        UsedArticle.select(UsedArticle.appointment, UsedArticle.article, UsedArticle.planned).where(
            UsedArticle.appointment.in_(ids)
        )
    )
    linked = {u.planned_id for u in used if u.planned_id}
    articles = {(u.appointment_id, u.article_id) for u in used if u.article_id}
    missing = []
    for line in (
        PlannedMaterial.select(PlannedMaterial, Article)
        .join(Article, JOIN.LEFT_OUTER, on=(PlannedMaterial.article == Article.id))
        .where(PlannedMaterial.appointment.in_(ids))
        .order_by(PlannedMaterial.appointment, PlannedMaterial.position)
    ):
        if line.id in linked or (line.appointment_id, line.article_id) in articles:
            continue
        article = line.article if line.article_id else None
        missing.append(article.name if article is not None else line.text)
    if not missing:
        return []
    return [
        "Aus der Auftragsbestätigung fehlt im Arbeitsblatt: "
        + ", ".join(f"„{name}“" for name in missing)
        + " – bei Bedarf übernehmen oder als Position hinzufügen."
    ]


def _vat_rates(proposal: InvoiceProposal) -> list[str]:
    return [
        f"Der Umsatzsteuersatz {german_number(line.vat_rate)} % von „{line.text}“ ist in "
        "sevDesk nicht erlaubt (nur 0, 7 oder 19 %)."
        for line in proposal.lines
        if line.vat_rate not in ALLOWED_VAT
    ]


def _after_the_invoice_date(proposal: InvoiceProposal) -> list[str]:
    """V6 states the service period no later than the invoice date (the office may edit
    it); an appointment finished before its own later day would then contradict its line
    ("am 03.12.") without a word."""
    ids = {line.appointment_id for line in proposal.lines if line.kind == "hours" and line.appointment_id}
    if not ids:
        return []
    invoice_date = proposal.header.invoice_date
    query = (
        Appointment.select(Appointment.title, Appointment.start)
        .where(Appointment.id.in_(sorted(ids)), Appointment.start.is_null(False))
        .order_by(Appointment.start, Appointment.id)
    )
    late = [(a.title, day) for a in query if (day := local_day(a.start)) and day > invoice_date]
    return [
        Message(Key.APPOINTMENT_AFTER_INVOICE_DATE, title, f"{day:%d.%m.%Y}", f"{invoice_date:%d.%m.%Y}")
        for title, day in late
    ]


def dates_contradict(proposal: InvoiceProposal) -> bool:
    """An appointment it bills lies after the invoice date (the warning above): creating
    the draft is then not the default action, as with a 0,00 € line (V5)."""
    return any(getattr(w, "key", None) is Key.APPOINTMENT_AFTER_INVOICE_DATE for w in proposal.warnings)


def checked(proposal: InvoiceProposal, extra_warnings: tuple[str, ...] = ()) -> InvoiceProposal:
    """The proposal with its flags and all warnings (earlier ones first). A Kleinunternehmer
    charges no VAT: every line is 0 %, whatever the article or a stored edit says."""
    if proposal.small_business and any(line.vat_rate for line in proposal.lines):
        proposal = replace(proposal, lines=without_vat(proposal.lines))
    labour_flags, labour_warnings = _double_labour(proposal)
    zero_flags, zero_warnings = _zero_price(proposal)
    flags: dict[str, tuple[str, ...]] = {}
    for line in proposal.lines:
        found = labour_flags.get(line.key, set()) | zero_flags.get(line.key, set())
        if found:
            flags[line.key] = tuple(sorted(found))
    warnings = [
        *proposal.warnings,
        *extra_warnings,
        *zero_warnings,
        *labour_warnings,
        *_missing_planned(proposal),
        *_vat_rates(proposal),
        *_after_the_invoice_date(proposal),
    ]
    return replace(proposal, flags=flags, warnings=tuple(dict.fromkeys(warnings)))


def zero_price_lines(proposal: InvoiceProposal) -> list[ProposalLine]:
    return proposal.flagged(ZERO_PRICE)
