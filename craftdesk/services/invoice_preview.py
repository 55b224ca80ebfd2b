"""The invoice proposal (SPEC I2, V2, V6), computed from local data only.

Lines, in order: (1) the project title; then per appointment (by start, open dates last,
then id): (2) its title with the documented hours, unit "Std" and the hourly rate,
(3) each worksheet line: an article with quantity, unit, net price, VAT rate and its
sevDesk part — the confirmation's price and rate when it was taken over from the plan
(V2) — or a free-text line taken over from the confirmation.

The title line is a real position, because sevDesk positions need quantity, unit and
VAT rate: quantity 1, unit "pauschal", price 0.00 and the hourly VAT rate, so it adds
nothing and brings no extra VAT rate into the invoice's tax summary. It is a heading,
so the zero-price guard (V5) does not count it.

The proposal is a plain typed value (:class:`InvoiceProposal`); the office's edits are
applied on top of it by ``invoice_edits`` and the checks (V4, V5) by ``invoice_checks``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from peewee import JOIN

from ..errors import PreconditionError
from ..messages import Key, Message
from ..store import settings
from ..store.models import (
    Address,
    Appointment,
    Article,
    Customer,
    Job,
    Project,
    UsedArticle,
)
from . import settings as preferences
from .invoice_proposal import (
    CENT,
    HOUR_UNIT,
    LINE_KINDS,
    TEXT_UNIT,
    TITLE_UNIT,
    TITLE_UNIT_FALLBACK,
    BillingAddress,
    InvoicePreview,
    InvoiceProposal,
    PreviewLine,
    ProposalHeader,
    ProposalLine,
    cents,
    without_vat,
)

# The proposal's types are imported from here by the dialogs and commands.
__all__ = [
    "CENT",
    "HOUR_UNIT",
    "LINE_KINDS",
    "TEXT_UNIT",
    "TITLE_UNIT",
    "TITLE_UNIT_FALLBACK",
    "BillingAddress",
    "InvoicePreview",
    "InvoiceProposal",
    "PreviewLine",
    "ProposalHeader",
    "ProposalLine",
    "cents",
    "german_day",
    "head_text_for",
    "invoiceable_appointments",
    "nothing_to_invoice",
    "preview_for",
    "same_place",
    "service_period",
    "with_lines",
]


def invoiceable_appointments(project: Project) -> list[Appointment]:
    """Finished appointments of the project that are on no invoice yet (I1)."""
    return list(
        Appointment.select()
        .join(Job)
        .where((Job.project == project) & (Appointment.status == "done") & Appointment.invoice.is_null(True))
        .order_by(Appointment.start.is_null(), Appointment.start, Appointment.id)
    )


def _decimal_setting(key: str, what: str) -> Decimal:
    raw = settings.get(key)
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        raise PreconditionError(f"{what} in den Einstellungen ist keine gültige Zahl.")
    return value


def _payment_term() -> int:
    try:
        return max(0, int(settings.get("payment_term_days")))
    except (TypeError, ValueError):
        return int(settings.DEFAULTS["payment_term_days"])


def _address(customer: Customer) -> BillingAddress | None:
    for kind in ("billing", "postal"):
        row = (
            Address.select()
            .where((Address.customer == customer) & (Address.kind == kind))
            .order_by(Address.position, Address.id)
            .first()
        )
        if row is not None:
            return BillingAddress(
                customer.address_name,
                row.street,
                row.zip,
                row.city,
                (row.country or "DE").upper(),
                row,
                name2=customer.address_name2,
            )
    return None


def _site(project: Project, appointments: list[Appointment], name: str) -> BillingAddress:
    records: tuple[Project | Appointment, ...] = (project, *appointments)
    for record in records:
        if record.site_street or record.site_city:
            return BillingAddress(
                name,
                record.site_street,
                record.site_zip,
                record.site_city,
                (record.site_country or "DE").upper(),
            )
    return BillingAddress(name, "", "", "", "DE")


def local_day(value: datetime | None) -> date | None:
    if value is None:
        return None
    if value.tzinfo is not None:  # stored naive local time; be tolerant anyway
        value = value.astimezone()
    return value.date()


def nothing_to_invoice(project: Project) -> PreconditionError:
    return PreconditionError(Message(Key.NOTHING_TO_INVOICE, project.title))


def _squash(text: str) -> str:
    return "".join(text.casefold().replace("straße", "str.").split())


def same_place(a: BillingAddress, b: BillingAddress) -> bool:
    return (_squash(a.street), _squash(a.zip), _squash(a.city)) == (
        _squash(b.street),
        _squash(b.zip),
        _squash(b.city),
    )


def german_day(day: date) -> str:
    return f"{day:%d.%m.%Y}"


def head_text_for(service_from: date, service_to: date, site: BillingAddress, address: BillingAddress) -> str:
    """The intro text naming the service period (§14 UStG) and, when it differs from the
    billing address, the job site (V6)."""
    if service_from == service_to:
        lines = [f"Leistungsdatum: {german_day(service_from)}"]
    else:
        lines = [f"Leistungszeitraum: {german_day(service_from)} bis {german_day(service_to)}"]
    place = " ".join(p for p in (site.zip, site.city) if p)
    where = ", ".join(p for p in (site.street, place) if p)
    if where and not same_place(site, address):
        lines.append(f"Leistungsort: {where}")
    return "\n".join(["Wir berechnen Ihnen folgende Leistungen:", *lines])


def service_period(appointments: list[Appointment], invoice_date: date) -> tuple[date, date]:
    """First to last day of the billed appointments, never after the invoice date (V6)."""
    days = [d for d in (local_day(a.start) for a in appointments) if d is not None]
    if not days:
        return invoice_date, invoice_date
    return min(min(days), invoice_date), min(max(days), invoice_date)


def _worksheet_lines(appointment: Appointment, hourly_vat: Decimal) -> list[ProposalLine]:
    lines = []
    used = (
        UsedArticle.select(UsedArticle, Article)
        .join(Article, JOIN.LEFT_OUTER, on=(UsedArticle.article == Article.id))
        .where(UsedArticle.appointment == appointment)
        .order_by(UsedArticle.position, UsedArticle.id)
    )
    for row in used:
        article = row.article if row.article_id is not None else None
        price, rate = row.net_price, row.vat_rate
        if article is None:
            lines.append(
                ProposalLine(
                    f"used:{row.id}",
                    "text",
                    row.text,
                    row.quantity,
                    row.unit or TEXT_UNIT,
                    price if price is not None else Decimal("0.00"),
                    rate if rate is not None else hourly_vat,
                    appointment_id=appointment.id,
                )
            )
            continue
        lines.append(
            ProposalLine(
                f"used:{row.id}",
                "article",
                row.text or article.name or article.number,
                row.quantity,
                row.unit or article.unit or "Stk",
                price if price is not None else (article.net_price or Decimal(0)),
                rate
                if rate is not None
                else (article.vat_rate if article.vat_rate is not None else Decimal(0)),
                detail=article.description or "",
                article_number=article.number or None,
                part_id=article.sevdesk_id,
                article_id=article.id,
                appointment_id=appointment.id,
            )
        )
    return lines


def preview_for(
    project: Project,
    appointments: list[Appointment],
    today: date | None = None,
    pending_draft_id: int | None = None,
) -> InvoiceProposal:
    """The proposal for exactly these appointments (already in invoice order), without
    the office's edits and checks (``invoice_edits.current_proposal`` adds those)."""
    if not appointments:
        raise nothing_to_invoice(project)
    today = today or date.today()
    customer = project.customer or next((a.customer for a in appointments if a.customer_id), None)
    if customer is None:
        raise PreconditionError(Message(Key.PROJECT_WITHOUT_CUSTOMER, project.title))
    rate = _decimal_setting("hourly_rate", "Der Stundensatz")
    small_business = preferences.small_business()  # Kleinunternehmer (§ 19 UStG)
    hourly_vat = (
        Decimal(0)
        if small_business
        else _decimal_setting("hourly_vat_rate", "Der Umsatzsteuersatz für Arbeitsstunden")
    )
    warnings: list[str] = []
    if pending_draft_id is not None:
        warnings.append(Message(Key.EARLIER_ATTEMPT))
    lines = _proposal_lines(project, appointments, rate, hourly_vat, warnings)
    if small_business:  # no VAT on any line, articles included: the office's edits compare with this
        lines = list(without_vat(lines))
    address = _address(customer)
    if address is None:
        warnings.append(Message(Key.CUSTOMER_WITHOUT_ADDRESS, customer.display_name))
        address = BillingAddress(customer.display_name, "", "", "", "DE")
    site = _site(project, appointments, customer.display_name)
    return InvoiceProposal(
        project_id=project.id,
        project_title=project.title,
        customer_id=customer.id,
        customer_sevdesk_id=customer.sevdesk_id,
        customer_name=customer.display_name,
        address=address,
        site=site,
        header=_header(project, appointments, today, site, address),
        lines=tuple(lines),
        appointment_ids=tuple(a.id for a in appointments),
        hourly_rate=rate,
        hourly_vat_rate=hourly_vat,
        payment_term_days=_payment_term(),
        warnings=tuple(warnings),
        pending_draft_id=pending_draft_id,
        customer=customer,
        small_business=small_business,
    )


def _proposal_lines(
    project: Project, appointments: list[Appointment], rate: Decimal, hourly_vat: Decimal, warnings: list[str]
) -> list[ProposalLine]:
    """The title line, then per appointment its hours and its worksheet lines; an
    appointment without hours adds a warning."""
    lines = [
        ProposalLine("title", "title", project.title, Decimal(1), TITLE_UNIT, Decimal("0.00"), hourly_vat)
    ]
    for appointment in appointments:
        hours = appointment.hours
        if not hours:
            warnings.append(Message(Key.APPOINTMENT_WITHOUT_HOURS, appointment.title))
        day = local_day(appointment.start)
        lines.append(
            ProposalLine(
                f"hours:{appointment.id}",
                "hours",
                appointment.title,
                hours or Decimal(0),
                HOUR_UNIT,
                rate,
                hourly_vat,
                detail=f"am {day:%d.%m.%Y}" if day else "",
                appointment_id=appointment.id,
            )
        )
        lines.extend(_worksheet_lines(appointment, hourly_vat))
    return lines


def _header(
    project: Project,
    appointments: list[Appointment],
    today: date,
    site: BillingAddress,
    address: BillingAddress,
) -> ProposalHeader:
    service_from, service_to = service_period(appointments, today)
    return ProposalHeader(
        f"Rechnung {project.title}",
        today,
        service_from,
        service_to,
        head_text_for(service_from, service_to, site, address),
    )


def with_lines(proposal: InvoiceProposal, lines: list[ProposalLine]) -> InvoiceProposal:
    return replace(proposal, lines=tuple(lines))
