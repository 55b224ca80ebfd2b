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

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

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

CENT = Decimal("0.01")
HOUR_UNIT = "Std"
TITLE_UNIT = "pauschal"
TEXT_UNIT = "pauschal"  # a free-text line without a unit is a flat rate
TITLE_UNIT_FALLBACK = "Stk"  # for accounts without a "pauschal" unit
LINE_KINDS = ("title", "hours", "article", "text")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ProposalLine:
    """One position. ``key`` names where it came from ("title", "hours:<appointment>",
    "used:<worksheet line>", "added:<n>" for lines the office added)."""

    key: str
    kind: str  # title | hours | article | text
    text: str  # the position's name
    quantity: Decimal
    unit: str
    net_price: Decimal  # per unit
    vat_rate: Decimal  # percent
    detail: str = ""  # the position's second text (e.g. "am 02.03.2026")
    article_number: str | None = None
    part_id: str | None = None  # sevDesk part the article came from
    article_id: int | None = None
    appointment_id: int | None = None

    @property
    def net(self) -> Decimal:
        return cents(self.quantity * self.net_price)

    @property
    def gross(self) -> Decimal:
        return cents(self.quantity * self.net_price * (1 + self.vat_rate / 100))

    @property
    def vat(self) -> Decimal:
        return self.gross - self.net

    # Kept for callers written against the first preview (I2).
    @property
    def name(self) -> str:
        return self.text

    @property
    def price(self) -> Decimal:
        return self.net_price

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": self.kind,
            "text": self.text,
            "detail": self.detail,
            "quantity": str(self.quantity),
            "unit": self.unit,
            "net_price": str(self.net_price),
            "vat_rate": str(self.vat_rate),
            "article_number": self.article_number,
            "part_id": self.part_id,
            "article_id": self.article_id,
            "appointment_id": self.appointment_id,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ProposalLine:
        kind = str(raw.get("kind") or "text")
        return cls(
            key=str(raw["key"]),
            kind=kind if kind in LINE_KINDS else "text",
            text=str(raw.get("text") or ""),
            detail=str(raw.get("detail") or ""),
            quantity=Decimal(str(raw.get("quantity") or "0")),
            unit=str(raw.get("unit") or ""),
            net_price=Decimal(str(raw.get("net_price") or "0")),
            vat_rate=Decimal(str(raw.get("vat_rate") or "0")),
            article_number=raw.get("article_number"),
            part_id=raw.get("part_id"),
            article_id=raw.get("article_id"),
            appointment_id=raw.get("appointment_id"),
        )


@dataclass(frozen=True)
class ProposalHeader:
    """The head of the draft (V1, V6): title, dates and the intro text."""

    header: str
    invoice_date: date
    service_from: date
    service_to: date
    head_text: str

    def to_dict(self) -> dict[str, str]:
        return {
            "header": self.header,
            "invoice_date": self.invoice_date.isoformat(),
            "service_from": self.service_from.isoformat(),
            "service_to": self.service_to.isoformat(),
            "head_text": self.head_text,
        }


@dataclass(frozen=True)
class BillingAddress:
    """The local address the invoice carries (I4): billing, else postal."""

    name: str
    street: str
    zip: str
    city: str
    country: str  # ISO code
    record: Address | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class InvoiceProposal:
    project_id: int
    project_title: str
    customer_id: int
    customer_sevdesk_id: str | None
    customer_name: str
    address: BillingAddress
    site: BillingAddress  # the job site (Leistungsort)
    header: ProposalHeader
    lines: tuple[ProposalLine, ...]
    appointment_ids: tuple[int, ...]
    hourly_rate: Decimal
    hourly_vat_rate: Decimal
    payment_term_days: int
    warnings: tuple[str, ...]
    flags: dict[str, tuple[str, ...]] = field(default_factory=dict)  # line key → flags
    labour_confirmed: tuple[int, ...] = ()  # appointments whose double labour is wanted (V4)
    edited: bool = False  # stored edits of the office were applied (V1)
    pending_draft_id: int | None = None  # set when an unfinished draft will be resumed
    e_invoice: bool = False  # the draft asks sevDesk for an e-invoice (E2)
    missing: tuple[str, ...] = ()  # what the e-invoice still lacks (E3); blocks sending
    customer: Customer = field(compare=False, repr=False, default=None)  # type: ignore[assignment]

    @property
    def delivery_date(self) -> date:
        return self.header.service_from

    @property
    def net(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal("0.00"))

    @property
    def gross(self) -> Decimal:
        return sum((line.gross for line in self.lines), Decimal("0.00"))

    @property
    def vat(self) -> Decimal:
        return self.gross - self.net

    def vat_by_rate(self) -> dict[Decimal, Decimal]:
        result: dict[Decimal, Decimal] = {}
        for line in self.lines:
            result[line.vat_rate] = result.get(line.vat_rate, Decimal("0.00")) + line.vat
        return dict(sorted(result.items()))

    def flagged(self, flag: str) -> list[ProposalLine]:
        return [line for line in self.lines if flag in self.flags.get(line.key, ())]


InvoicePreview = InvoiceProposal  # the name the first preview (I2) had
PreviewLine = ProposalLine


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
                customer.address_name, row.street, row.zip, row.city, (row.country or "DE").upper(), row
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


def _day(value: datetime | None) -> date | None:
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
    days = [d for d in (_day(a.start) for a in appointments) if d is not None]
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
    hourly_vat = _decimal_setting("hourly_vat_rate", "Der Umsatzsteuersatz für Arbeitsstunden")
    warnings: list[str] = []
    if pending_draft_id is not None:
        warnings.append(Message(Key.EARLIER_ATTEMPT))

    lines = [
        ProposalLine("title", "title", project.title, Decimal(1), TITLE_UNIT, Decimal("0.00"), hourly_vat)
    ]
    for appointment in appointments:
        hours = appointment.hours
        if not hours:
            warnings.append(Message(Key.APPOINTMENT_WITHOUT_HOURS, appointment.title))
        day = _day(appointment.start)
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

    address = _address(customer)
    if address is None:
        warnings.append(Message(Key.CUSTOMER_WITHOUT_ADDRESS, customer.display_name))
        address = BillingAddress(customer.display_name, "", "", "", "DE")
    site = _site(project, appointments, customer.display_name)
    service_from, service_to = service_period(appointments, today)
    header = ProposalHeader(
        f"Rechnung {project.title}",
        today,
        service_from,
        service_to,
        head_text_for(service_from, service_to, site, address),
    )
    return InvoiceProposal(
        project_id=project.id,
        project_title=project.title,
        customer_id=customer.id,
        customer_sevdesk_id=customer.sevdesk_id,
        customer_name=customer.display_name,
        address=address,
        site=site,
        header=header,
        lines=tuple(lines),
        appointment_ids=tuple(a.id for a in appointments),
        hourly_rate=rate,
        hourly_vat_rate=hourly_vat,
        payment_term_days=_payment_term(),
        warnings=tuple(warnings),
        pending_draft_id=pending_draft_id,
        customer=customer,
    )


def with_lines(proposal: InvoiceProposal, lines: list[ProposalLine]) -> InvoiceProposal:
    return replace(proposal, lines=tuple(lines))
