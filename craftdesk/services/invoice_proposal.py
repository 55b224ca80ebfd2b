"""The invoice proposal as a plain typed value (SPEC I2, V1, V2, V6): its lines, head and
addresses, with the sums the preview, the checks and the sent draft share. Qt-free; how a
proposal is computed lives in ``invoice_preview``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..store.models import Address, Customer

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
    def vat(self) -> Decimal:
        """The line's VAT: its net times its rate, to the cent (the invoice's VAT is taken
        per rate from the summed nets, see :meth:`InvoiceProposal.vat_by_rate`)."""
        return cents(self.net * self.vat_rate / 100)

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat

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
    name2: str = ""  # an organisation's second name line (sevDesk's name2), else ""


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
    customer: Customer = field(compare=False, repr=False)  # the record, for sending (I3)
    flags: dict[str, tuple[str, ...]] = field(default_factory=dict)  # line key → flags
    labour_confirmed: tuple[int, ...] = ()  # appointments whose double labour is wanted (V4)
    edited: bool = False  # stored edits of the office were applied (V1)
    pending_draft_id: int | None = None  # set when an unfinished draft will be resumed
    e_invoice: bool = False  # the draft asks sevDesk for an e-invoice (E2)
    missing: tuple[str, ...] = ()  # what the e-invoice still lacks (E3); blocks sending
    small_business: bool = False  # Kleinunternehmer (§ 19 UStG): every line 0 % VAT

    @property
    def delivery_date(self) -> date:
        return self.header.service_from

    @property
    def net(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal("0.00"))

    @property
    def gross(self) -> Decimal:
        return self.net + self.vat

    @property
    def vat(self) -> Decimal:
        return sum(self.vat_by_rate().values(), Decimal("0.00"))

    def vat_by_rate(self) -> dict[Decimal, Decimal]:
        """The VAT of each rate: the summed nets of its lines times the rate, to the cent
        (EN 16931 BR-CO-17, as an e-invoice states it) — not the sum of every line's
        rounded VAT, which can be a cent off (0.25 h at 47.50 €: 11.88 net, 2.26 VAT)."""
        nets: dict[Decimal, Decimal] = {}
        for line in self.lines:
            nets[line.vat_rate] = nets.get(line.vat_rate, Decimal("0.00")) + line.net
        return {rate: cents(net * rate / 100) for rate, net in sorted(nets.items())}

    def flagged(self, flag: str) -> list[ProposalLine]:
        return [line for line in self.lines if flag in self.flags.get(line.key, ())]


InvoicePreview = InvoiceProposal  # the name the first preview (I2) had


def without_vat(lines: Iterable[ProposalLine]) -> tuple[ProposalLine, ...]:
    """The lines of a Kleinunternehmer (§ 19 UStG): 0 % on each, whatever the article or an
    edit said."""
    return tuple(replace(line, vat_rate=Decimal(0)) if line.vat_rate else line for line in lines)


PreviewLine = ProposalLine
