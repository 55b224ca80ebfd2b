"""The positions of an invoice draft (SPEC I2), computed from local data only.

Lines, in order: (1) the project title; then per appointment (by start, open dates last,
then id): (2) its title with the documented hours, unit "Std" and the hourly rate,
(3) each used article with quantity, unit, net price, VAT rate and its sevDesk part.

The title line is a real position, because sevDesk positions need quantity, unit and
VAT rate: quantity 1, unit "pauschal", price 0.00 and the hourly VAT rate, so it adds
nothing and brings no extra VAT rate into the invoice's tax summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from ..errors import PreconditionError
from ..store import settings
from ..store.models import Address, Appointment, Article, Customer, Job, Project, UsedArticle

CENT = Decimal("0.01")
HOUR_UNIT = "Std"
TITLE_UNIT = "pauschal"
TITLE_UNIT_FALLBACK = "Stk"  # for accounts without a "pauschal" unit


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PreviewLine:
    kind: str  # title | labour | article
    name: str
    text: str
    quantity: Decimal
    unit: str
    price: Decimal  # net per unit
    vat_rate: Decimal  # percent
    part_id: str | None = None  # sevDesk part the article came from
    appointment_id: int | None = None
    article_id: int | None = None

    @property
    def net(self) -> Decimal:
        return cents(self.quantity * self.price)

    @property
    def gross(self) -> Decimal:
        return cents(self.quantity * self.price * (1 + self.vat_rate / 100))

    @property
    def vat(self) -> Decimal:
        return self.gross - self.net


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
class InvoicePreview:
    project_id: int
    project_title: str
    customer_id: int
    customer_name: str
    address: BillingAddress
    lines: tuple[PreviewLine, ...]
    appointment_ids: tuple[int, ...]
    delivery_date: date
    hourly_rate: Decimal
    hourly_vat_rate: Decimal
    payment_term_days: int
    warnings: tuple[str, ...]
    pending_draft_id: int | None = None  # set when an unfinished draft will be resumed
    customer: Customer = field(compare=False, repr=False, default=None)  # type: ignore[assignment]

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


def invoiceable_appointments(project: Project) -> list[Appointment]:
    """Finished appointments of the project that are on no invoice yet (I1)."""
    return list(Appointment.select().join(Job)
                .where((Job.project == project) & (Appointment.status == "done")
                       & Appointment.invoice.is_null(True))
                .order_by(Appointment.start.is_null(), Appointment.start, Appointment.id))


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
        row = (Address.select().where((Address.customer == customer) & (Address.kind == kind))
               .order_by(Address.position, Address.id).first())
        if row is not None:
            return BillingAddress(customer.address_name, row.street, row.zip, row.city,
                                  (row.country or "DE").upper(), row)
    return None


def _day(value: datetime | None) -> date | None:
    if value is None:
        return None
    if value.tzinfo is not None:  # stored naive local time; be tolerant anyway
        value = value.astimezone()
    return value.date()


def nothing_to_invoice(project: Project) -> PreconditionError:
    return PreconditionError(
        f"Im Projekt „{project.title}“ gibt es keinen fertigen Termin, der noch nicht "
        "abgerechnet ist."
    )


def preview_for(project: Project, appointments: list[Appointment], today: date | None = None,
                pending_draft_id: int | None = None) -> InvoicePreview:
    """The preview for exactly these appointments (already in invoice order)."""
    if not appointments:
        raise nothing_to_invoice(project)
    today = today or date.today()
    customer = project.customer or next((a.customer for a in appointments if a.customer_id), None)
    if customer is None:
        raise PreconditionError(f"Dem Projekt „{project.title}“ ist kein Kunde zugeordnet.")
    rate = _decimal_setting("hourly_rate", "Der Stundensatz")
    hourly_vat = _decimal_setting("hourly_vat_rate", "Der Umsatzsteuersatz für Arbeitsstunden")
    warnings: list[str] = []
    if pending_draft_id is not None:
        warnings.append("Ein früherer Versuch ist unvollständig: craftdesk sucht diesen Entwurf "
                        "zuerst in sevDesk und legt ihn nur an, wenn es ihn dort nicht gibt.")
    if rate == 0:
        warnings.append("Der Stundensatz ist 0,00 € – bitte in den Einstellungen eintragen.")

    lines = [PreviewLine("title", project.title, "", Decimal(1), TITLE_UNIT, Decimal("0.00"), hourly_vat)]
    for appointment in appointments:
        hours = appointment.hours
        if not hours:
            warnings.append(f"Für den Termin „{appointment.title}“ sind keine Stunden dokumentiert.")
        day = _day(appointment.start)
        lines.append(PreviewLine(
            "labour", appointment.title, f"am {day:%d.%m.%Y}" if day else "",
            hours or Decimal(0), HOUR_UNIT, rate, hourly_vat, appointment_id=appointment.id,
        ))
        used = (UsedArticle.select(UsedArticle, Article).join(Article)
                .where(UsedArticle.appointment == appointment)
                .order_by(UsedArticle.position, UsedArticle.id))
        for row in used:
            article = row.article
            lines.append(PreviewLine(
                "article", article.name or article.number, article.description or "",
                row.quantity, article.unit or "Stk", article.net_price or Decimal(0),
                article.vat_rate if article.vat_rate is not None else Decimal(0),
                part_id=article.sevdesk_id, appointment_id=appointment.id, article_id=article.id,
            ))
    for line in lines:
        if line.vat_rate not in (Decimal(0), Decimal(7), Decimal(19)):
            warnings.append(f"Der Umsatzsteuersatz {line.vat_rate} % von „{line.name}“ ist in "
                            "sevDesk nicht erlaubt (nur 0, 7 oder 19 %).")

    address = _address(customer)
    if address is None:
        warnings.append(f"Für den Kunden „{customer.display_name}“ ist keine Anschrift hinterlegt.")
        address = BillingAddress(customer.display_name, "", "", "", "DE")

    days = [d for d in (_day(a.start) for a in appointments) if d is not None]
    # A regular invoice must not be delivered after its date (sevDesk refuses that).
    delivery = min(max(days), today) if days else today
    return InvoicePreview(
        project_id=project.id, project_title=project.title, customer_id=customer.id,
        customer_name=customer.display_name, address=address, lines=tuple(lines),
        appointment_ids=tuple(a.id for a in appointments), delivery_date=delivery,
        hourly_rate=rate, hourly_vat_rate=hourly_vat, payment_term_days=_payment_term(),
        warnings=tuple(warnings), pending_draft_id=pending_draft_id, customer=customer,
    )
