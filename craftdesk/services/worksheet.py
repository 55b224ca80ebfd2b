"""Worksheet lines (used articles and free-text lines) and taking over the planned
material of the confirmation (SPEC V2, V3). Qt-free.

A worksheet line is an article with a quantity, or a free-text line taken over from the
confirmation with its text, unit and price. A line taken over from the plan remembers its
planned line (``planned_id``) and carries the confirmation's price and VAT rate, so the
invoice bills what was confirmed. "Geplantes Material übernehmen" adds only the planned
lines that are not on the worksheet yet: clicking it twice never doubles a quantity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from peewee import JOIN

from ..errors import NotFound, PreconditionError
from ..limits import OutOfRangeError, one_line
from ..store.models import Appointment, Article, PlannedMaterial, UsedArticle

MAX_QUANTITY = Decimal(1_000_000)


@dataclass(frozen=True)
class UsedLine:
    """One worksheet line as the dialogs and the CLI hand it over."""

    article_id: int | None
    quantity: Decimal
    text: str = ""
    unit: str = ""
    net_price: Decimal | None = None  # None: the article's price
    vat_rate: Decimal | None = None  # None: the article's rate
    planned_id: int | None = None
    # For display only (not stored):
    number: str = ""
    name: str = ""
    list_price: Decimal | None = None  # the article's current net price
    list_unit: str = ""  # the article's unit

    @property
    def shown_price(self) -> Decimal | None:
        return self.net_price if self.net_price is not None else self.list_price

    @property
    def shown_unit(self) -> str:
        return self.unit or self.list_unit

    def merge_key(self) -> tuple[object, ...]:
        return (self.article_id, self.planned_id, self.text, self.unit, self.net_price, self.vat_rate)


@dataclass(frozen=True)
class PlannedItem:
    """A planned line of an appointment (what the confirmation named), for display."""

    id: int
    article_id: int | None
    number: str
    name: str
    quantity: Decimal
    unit: str
    net_price: Decimal | None
    vat_rate: Decimal | None
    list_price: Decimal | None = None

    def as_used(self) -> UsedLine:
        return UsedLine(
            self.article_id,
            self.quantity,
            text="" if self.article_id else self.name,
            unit=self.unit,
            net_price=self.net_price,
            vat_rate=self.vat_rate,
            planned_id=self.id,
            number=self.number,
            name=self.name,
            list_price=self.list_price,
        )


def planned_items(appointment_id: int) -> list[PlannedItem]:
    rows = (
        PlannedMaterial.select(PlannedMaterial, Article)
        .join(Article, JOIN.LEFT_OUTER, on=(PlannedMaterial.article == Article.id))
        .where(PlannedMaterial.appointment == appointment_id)
        .order_by(PlannedMaterial.position, PlannedMaterial.id)
    )
    result = []
    for row in rows:
        article = row.article if row.article_id else None
        result.append(
            PlannedItem(
                row.id,
                row.article_id,
                article.number if article else "",
                (article.name if article else row.text) or row.text,
                row.quantity,
                row.unit or (article.unit if article else ""),
                row.net_price,
                row.vat_rate,
                article.net_price if article else None,
            )
        )
    return result


def used_lines(appointment_id: int) -> list[UsedLine]:
    rows = (
        UsedArticle.select(UsedArticle, Article)
        .join(Article, JOIN.LEFT_OUTER, on=(UsedArticle.article == Article.id))
        .where(UsedArticle.appointment == appointment_id)
        .order_by(UsedArticle.position, UsedArticle.id)
    )
    result = []
    for row in rows:
        article = row.article if row.article_id else None
        result.append(
            UsedLine(
                row.article_id,
                row.quantity,
                row.text,
                row.unit,
                row.net_price,
                row.vat_rate,
                row.planned_id,
                number=article.number if article else "",
                name=(row.text or article.name) if article else row.text,
                list_price=article.net_price if article else None,
                list_unit=article.unit if article else "",
            )
        )
    return result


def article_line(article_id: int, quantity: Decimal) -> UsedLine:
    """A worksheet line for an article picked by hand."""
    article = Article.get_or_none(Article.id == article_id)
    if article is None:
        raise NotFound(f"Artikel {article_id} gibt es nicht.")
    return UsedLine(
        article.id,
        quantity,
        number=article.number,
        name=article.name,
        list_price=article.net_price,
        list_unit=article.unit,
    )


def take_over(planned: Sequence[PlannedItem], used: Sequence[UsedLine]) -> list[UsedLine]:
    """``used`` plus the planned lines not yet on it (V3). A planned line counts as taken
    over when a line names it, or — for an article — when the article is already on the
    worksheet (that line is then linked to the plan, its quantity kept)."""
    result = list(used)
    linked = {line.planned_id for line in result if line.planned_id is not None}
    for item in planned:
        if item.id in linked:
            continue
        if item.article_id is not None:
            index = next(
                (
                    i
                    for i, line in enumerate(result)
                    if line.article_id == item.article_id and line.planned_id is None
                ),
                None,
            )
            if index is not None:
                line = result[index]
                result[index] = replace(
                    line,
                    planned_id=item.id,
                    net_price=line.net_price if line.net_price is not None else item.net_price,
                    vat_rate=line.vat_rate if line.vat_rate is not None else item.vat_rate,
                )
                linked.add(item.id)
                continue
        result.append(item.as_used())
        linked.add(item.id)
    return result


def _normalized(lines: Sequence[UsedLine | tuple[int, Decimal]]) -> list[UsedLine]:
    result = []
    for line in lines:
        if not isinstance(line, UsedLine):
            article_id, quantity = line
            line = UsedLine(article_id, quantity)
        if not isinstance(line.quantity, Decimal) or not line.quantity.is_finite() or line.quantity <= 0:
            raise OutOfRangeError("Die verwendete Menge muss größer als null sein.")  # H10: exit 2
        if line.quantity > MAX_QUANTITY:
            raise OutOfRangeError("Die verwendete Menge darf höchstens 1.000.000 sein.")
        if line.article_id is None and not one_line(line.text):
            raise PreconditionError("Eine Freitext-Zeile braucht einen Text.")
        result.append(line)
    return result


def replace_used(appointment: Appointment, lines: Sequence[UsedLine | tuple[int, Decimal]]) -> None:
    """Replace the worksheet lines (inside the caller's transaction). Equal lines (same
    article, plan link, text, unit and price) are summed into one."""
    merged: dict[tuple[object, ...], UsedLine] = {}
    for line in _normalized(lines):
        if line.article_id is not None and Article.get_or_none(Article.id == line.article_id) is None:
            raise NotFound(f"Artikel {line.article_id} gibt es nicht.")
        key = line.merge_key()
        if key in merged:
            merged[key] = replace(merged[key], quantity=merged[key].quantity + line.quantity)
            if merged[key].quantity > MAX_QUANTITY:  # H10 holds for the sum, not each part
                raise OutOfRangeError("Die verwendete Menge darf höchstens 1.000.000 sein.")
        else:
            merged[key] = line
    UsedArticle.delete().where(UsedArticle.appointment == appointment).execute()
    planned = {
        p.id
        for p in PlannedMaterial.select(PlannedMaterial.id).where(PlannedMaterial.appointment == appointment)
    }
    for position, line in enumerate(merged.values()):
        UsedArticle.create(
            appointment=appointment,
            article=line.article_id,
            quantity=line.quantity,
            position=position,
            text=one_line(line.text),
            unit=line.unit,
            net_price=line.net_price,
            vat_rate=line.vat_rate,
            planned=line.planned_id if line.planned_id in planned else None,
        )
