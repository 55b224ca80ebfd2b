"""Order confirmation positions → planned material lines (O6, V2) and the note that names
the optional positions (sevDesk leaves them out of the confirmed sum)."""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..api.documents import OrderPosRec
from ..api.fields import RecordError, read_text
from ..api.text import plain_text
from ..store.models import Article


@dataclass
class _Line:
    article: Article | None
    text: str
    quantity: Decimal
    unit: str
    net_price: Decimal | None = None  # the confirmation's price and rate (V2)
    vat_rate: Decimal | None = None


def planned_lines(
    positions: list[OrderPosRec], articles: dict[str, Article], unit_names: dict[str, str] | None = None
) -> list[_Line]:
    """Positions → planned lines: one line per article with the summed quantity (O6),
    free-text lines for positions without an article (or whose part sevDesk no longer
    has) with the unit of their position, in the confirmation's order. Every line keeps
    the position's net price, less its discount, and VAT rate (V2); positions of one
    article at different prices stay separate lines, so nothing confirmed changes its
    price. Optional positions are not confirmed and not planned (see
    :func:`optional_positions`)."""
    lines: list[_Line] = []
    by_part: dict[tuple[str, Decimal, Decimal], _Line] = {}
    for pos in positions:
        if pos.optional:
            continue  # not confirmed ("Bedarfsposition"): named in the appointment's notes
        if pos.part_id and pos.part_id in articles:
            key = (pos.part_id, pos.net_price, pos.tax_rate)
            line = by_part.get(key)
            if line is not None:
                line.quantity += pos.quantity
                continue
            article = articles[pos.part_id]
            line = _Line(article, "", pos.quantity, article.unit, pos.net_price, pos.tax_rate)
            by_part[key] = line
        else:
            text = pos.name or pos.text
            if not text:
                continue  # an empty separator line carries nothing to plan
            line = _Line(
                None,
                text,
                pos.quantity,
                (unit_names or {}).get(pos.unity_id or "", ""),
                pos.net_price,
                pos.tax_rate,
            )
        lines.append(line)
    return lines


def optional_positions(
    positions: list[OrderPosRec], articles: dict[str, Article], unit_names: dict[str, str] | None = None
) -> str:
    """The optional positions of a confirmation as one line for the appointment's notes,
    or "": sevDesk leaves them out of the confirmed sum, so they are not planned material,
    but the office sees them and bills one that was needed after all."""
    named = []
    for pos in positions:
        if not pos.optional:
            continue
        article = articles.get(pos.part_id or "")
        name = (article.name if article is not None else "") or pos.name or pos.text
        if not name:
            continue  # an empty separator line names nothing
        unit = article.unit if article is not None else (unit_names or {}).get(pos.unity_id or "", "")
        amount = " ".join(p for p in (_german(pos.quantity), unit) if p)
        named.append(f"{amount} {name} à {_german(pos.net_price, cents=True)} € netto")
    if not named:
        return ""
    return "Optionale Positionen der Auftragsbestätigung (nicht eingeplant): " + "; ".join(named)


def unreadable_position(raw: Any, reason: str) -> str:
    """A position craftdesk could not read, named for the office: its name (or number) and
    quantity as sevDesk sent them, and why. Plain text, cut short."""
    fields = raw if isinstance(raw, dict) else {}
    name = ""
    for key in ("name", "text"):
        with suppress(RecordError):
            name = name or plain_text(read_text(fields.get(key), key))
    if len(name) > 120:
        name = name[:119] + "…"
    if not name:
        number = fields.get("positionNumber")
        name = (
            f"Position {number}" if isinstance(number, (str, int)) and str(number).isdigit() else "Position"
        )
    quantity = fields.get("quantity")
    shown = str(quantity).strip() if isinstance(quantity, (str, int, float)) else ""
    amount = f", Menge {shown}" if _NUMBER_LIKE.fullmatch(shown) else ""
    return f"„{name}“{amount} ({reason})"


# A quantity as sevDesk may send it ("-2", "1.5", "2,5", "1e3"); anything else is not shown.
_NUMBER_LIKE = re.compile(r"[-+]?[0-9][0-9.,]{0,20}(?:[eE][-+]?[0-9]{1,4})?")


def skipped_positions(skipped: list[str]) -> str:
    """The unreadable positions of a confirmation as one line for the appointment's notes,
    or "": they are not planned (H10), but the office sees them and adds one by hand."""
    if not skipped:
        return ""
    return "Unlesbare Positionen der Auftragsbestätigung (nicht eingeplant): " + "; ".join(skipped)


def _german(value: Decimal, cents: bool = False) -> str:
    """A number as the office writes it: "1,5", "62,00" (prices to the cent, half up)."""
    if cents:
        value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format(value if cents else value.normalize(), "f")
    return text.replace(".", ",")


def whole_order_discount(amount: Decimal) -> str:
    """The confirmation's discount (or surcharge) on its whole sum as one line for the
    appointment's notes, or "": it is in none of the positions, so the planned lines
    alone would bill more (or less) than was confirmed."""
    if not amount:
        return ""
    kind = "Rabatt" if amount < 0 else "Aufschlag"
    return f"{kind} auf die gesamte Auftragsbestätigung: {_german(amount, cents=True)} € netto"
