"""Ranges every number and date must lie in wherever it enters craftdesk (SPEC H10).

Shared by the CLI, the GUI's services and the sevDesk parsers, so that "out of range"
means the same everywhere: exit 2 on the command line, a field message in the GUI, a
skipped record in an import.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal

from .errors import PreconditionError

MAX_HOURS = Decimal(24)  # per appointment
MAX_QUANTITY = Decimal(1_000_000)
MAX_PRICE = Decimal(10_000_000)  # euros, either sign
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_ID = 2**63 - 1  # SQLite INTEGER and sevDesk ids


# Decimal places a number may carry (sevDesk keeps ten): "1e-999999999" is finite and
# small, but written out it is a gigabyte of zeros.
MAX_PLACES = 20


def plain_number(value: Decimal) -> bool:
    """A number craftdesk can write out: finite, below 10^30, with at most MAX_PLACES
    decimal places not counting trailing zeros (also a zero: "0E-999999" is a million
    zeros)."""
    if not value.is_finite() or value.adjusted() >= 30:
        return False
    _sign, digits, exponent = value.as_tuple()
    if exponent >= -MAX_PLACES:  # type: ignore[operator]
        return True
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0")) if any(digits) else 0
    return exponent + trailing >= -MAX_PLACES  # type: ignore[operator]


class OutOfRangeError(PreconditionError):
    """A value outside its range: bad input, so a usage error on the command line."""

    exit_code = 2


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",") if value.is_finite() else str(value)


def check_hours(value: Decimal, what: str = "Die Stundenzahl") -> Decimal:
    if not value.is_finite() or not (0 <= value <= MAX_HOURS):
        raise OutOfRangeError(f"{what} muss zwischen 0 und 24 liegen (nicht {_number(value)}).")
    return value


def check_quantity(value: Decimal, what: str = "Die Menge") -> Decimal:
    if not value.is_finite() or not (0 < value <= MAX_QUANTITY):
        raise OutOfRangeError(
            f"{what} muss größer als 0 und höchstens 1.000.000 sein (nicht {_number(value)})."
        )
    return value


def quantity_ok(value: Decimal) -> bool:
    return value.is_finite() and 0 < value <= MAX_QUANTITY


def price_ok(value: Decimal) -> bool:
    return value.is_finite() and abs(value) <= MAX_PRICE


def discount_ok(value: Decimal) -> bool:
    """A position's discount in percent: 0 to 100."""
    return value.is_finite() and 0 <= value <= 100


def vat_ok(value: Decimal) -> bool:
    """A VAT rate in percent: 0 to 100 (sevDesk's own rates are 0, 7 and 19)."""
    return value.is_finite() and 0 <= value <= 100


def year_ok(value: date | datetime) -> bool:
    return MIN_YEAR <= value.year <= MAX_YEAR


def check_date(value: datetime, what: str = "Das Datum") -> datetime:
    if not year_ok(value):
        raise OutOfRangeError(f"{what} muss zwischen 1900 und 2100 liegen.")
    return value


def id_ok(value: int) -> bool:
    return 0 < value <= MAX_ID


def id_text(text: str) -> str | None:
    """A sevDesk id as typed ("007", " 12 "): its digits without leading zeros, or None when
    it is not a whole number that fits in 63 bits (H10)."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()) or not id_ok(int(digits)):
        return None
    return str(int(digits))


# Control characters Python's split() does not take for white space (a bell, an escape, DEL,
# C1 codes): typed into a name or title on the command line, they would land in exports
# and printouts, as the importer never lets sevDesk's text do (H5).
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def one_line(value: str | None) -> str:
    """A name or title as one line: control characters dropped, white space collapsed."""
    return " ".join(_INVISIBLE.sub("", value or "").split())
