"""Shared display helpers for the widgets: number, money and date formats, and the colours
of appointment statuses.

Numbers follow the UI language (German "1.234,50", English "1,234.50"; set by
``ui.i18n.install_translations``), input accepts both. Formatting is done by hand (not
through QLocale) so that money never passes through float.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from ..limits import plain_number

CENT = Decimal("0.01")
_EN_GROUPED = re.compile(r"^[-+]?\d{1,3}(,\d{3})+$")

# Appointment status code → background colour of its row (light, so black text stays readable).
STATUS_COLORS: dict[str, QColor] = {
    "unscheduled": QColor("#e0e0e0"),
    "scheduled": QColor("#cfe3ff"),
    "in_progress": QColor("#fff1b8"),
    "problem": QColor("#ffc9c9"),
    "done": QColor("#c8ecc9"),
    "archived": QColor("#f0f0f0"),
}

# Colours the shell uses for its own markers (demo banner, connection state).
DEMO_COLOR = QColor("#ffb74d")
OK_COLOR = QColor("#2e7d32")
ERROR_COLOR = QColor("#c62828")


def _to_decimal(value: Decimal | int | str | None) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# (thousands separator, decimal separator) of the UI language; German unless English is set.
_SEPARATORS = {"de": (".", ","), "en": (",", ".")}
_number_language = ["de"]


def set_number_language(language: str) -> None:
    """Numbers are shown the way of the UI language ("de" or "en")."""
    _number_language[0] = language if language in _SEPARATORS else "de"


def number_language() -> str:
    return _number_language[0]


def _group(integer_digits: str) -> str:
    """Insert thousands separators: 1234567 → 1.234.567 (English: 1,234,567)."""
    parts: list[str] = []
    while len(integer_digits) > 3:
        parts.insert(0, integer_digits[-3:])
        integer_digits = integer_digits[:-3]
    parts.insert(0, integer_digits)
    return _SEPARATORS[_number_language[0]][0].join(parts)


def _format_fixed(value: Decimal, places: int | None) -> str:
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        text = f"{value:f}"
    else:
        # Shortest form without exponent: 3.50 → 3.5, 2.000 → 2, 1E+1 → 10.
        text = f"{value.normalize():f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    integer, _, fraction = text.partition(".")
    result = _group(integer)
    if fraction:
        result += _SEPARATORS[_number_language[0]][1] + fraction
    if sign and any(ch not in "0,." for ch in result):
        result = sign + result
    return result


def format_money(value: Decimal | int | str | None, currency: str = "€") -> str:
    """1234.5 → "1.234,50 €" (rounded half-up to cents); empty for no value."""
    number = _to_decimal(value)
    if number is None:
        return ""
    text = _format_fixed(number, 2)
    return f"{text} {currency}" if currency else text


def format_decimal(value: Decimal | int | str | None, places: int | None = None) -> str:
    """3.50 → "3,5"; with ``places`` a fixed number of decimals ("3,50")."""
    number = _to_decimal(value)
    if number is None:
        return ""
    return _format_fixed(number, places)


def format_percent(value: Decimal | int | str | None) -> str:
    """19 → "19 %"."""
    text = format_decimal(value)
    return f"{text} %" if text else ""


def parse_decimal_de(text: str | None) -> Decimal | None:
    """Read a number typed the German way ("1.234,5", "3,5", "19 %", "12,00 €").

    A lone dot with one or two decimals ("3.5") is taken as a decimal point, because people
    type that too; anything unreadable gives None.
    """
    if text is None:
        return None
    cleaned = text.strip().replace("€", "").replace("%", "").replace("\u00a0", "").replace(" ", "")
    if not cleaned:
        return None
    if _number_language[0] == "en" and "," in cleaned:
        # English: "1,234.5" and "1,234" group thousands; a lone "2,5" is still a decimal.
        if "." in cleaned or _EN_GROUPED.match(cleaned):
            cleaned = cleaned.replace(",", "")
        else:
            cleaned = cleaned.replace(",", ".")
    elif _number_language[0] == "en" and cleaned.count(".") == 1:
        pass  # "1.234" is one point two three four in English
    elif "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") == 1:
        integer, fraction = cleaned.split(".")
        if len(fraction) == 3 and integer.lstrip("-+"):
            cleaned = integer + fraction  # "1.234" is a thousands separator
    elif cleaned.count(".") > 1:
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if plain_number(value) else None


def _as_datetime(value: datetime | date | str | None) -> datetime | date | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
    return value


def to_local(value: datetime) -> datetime:
    """Aware timestamps (UTC in the database) are shown in local time; naive ones as they are."""
    if value.tzinfo is not None:
        return value.astimezone()
    return value


def format_date(value: datetime | date | str | None) -> str:
    """→ "26.11.2026"; empty for no value."""
    moment = _as_datetime(value)
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = to_local(moment)
    return f"{moment.day:02d}.{moment.month:02d}.{moment.year:04d}"


def format_datetime(value: datetime | date | str | None) -> str:
    """→ "26.11.2026 14:30"; a plain date gives only the date."""
    moment = _as_datetime(value)
    if moment is None:
        return ""
    if not isinstance(moment, datetime):
        return format_date(moment)
    moment = to_local(moment)
    return f"{format_date(moment)} {moment.hour:02d}:{moment.minute:02d}"


def next_run_text(scheduler: Any) -> str:
    """When the recurring import runs next, or in words why it does not (R1, S3)."""
    upcoming = scheduler.next_run_at()
    if upcoming is not None:
        clock = getattr(scheduler, "clock", None)
        if callable(clock) and upcoming <= clock():  # due: never show a time already past
            return QCoreApplication.translate("Schedule", "gleich")
        return format_datetime(upcoming)
    reason = scheduler.paused_reason()
    if reason == "off":
        return QCoreApplication.translate("Schedule", "automatischer Abgleich ausgeschaltet")
    if reason == "disconnected":
        return QCoreApplication.translate("Schedule", "sobald sevDesk verbunden ist")
    if reason == "broken":
        return QCoreApplication.translate("Schedule", "pausiert, bis ein neuer Token gespeichert ist")
    if reason == "question":
        return QCoreApplication.translate("Schedule", "nach der Wahl der Artikelkategorien")
    if reason == "elsewhere":
        host = scheduler.running_elsewhere() or "?"
        return QCoreApplication.translate("Schedule", "Abgleich läuft auf {host}").replace("{host}", host)
    return QCoreApplication.translate("Schedule", "pausiert")
