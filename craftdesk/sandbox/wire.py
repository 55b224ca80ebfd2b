"""How the demo sevDesk writes values on the wire: German local time with its offset,
numbers as strings without trailing zeros, references as ``{"id": "3", "objectName": …}``.

A record is kept exactly as sevDesk sends it: a JSON object (:data:`Record`), its values
strings, references, flags ``"0"``/``"1"`` or null.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypedDict, TypeVar, cast

# One sevDesk object as it travels on the wire: field name → JSON value.
Record = dict[str, Any]
# An endpoint's answer: the HTTP status and the JSON body ({"objects": …}).
Answer = tuple[int, Record]
T = TypeVar("T")


class Ref(TypedDict):
    """A reference to another record, as sevDesk nests it."""

    id: str
    objectName: str


def _last_sunday(year: int, month: int) -> date:
    day = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return day - timedelta(days=(day.weekday() + 1) % 7)


def berlin_offset(moment_utc: datetime) -> timedelta:
    """UTC offset of Germany (CET/CEST) at the given aware moment."""
    utc = moment_utc.astimezone(timezone.utc)
    start = datetime.combine(_last_sunday(utc.year, 3), datetime.min.time(), timezone.utc)
    end = datetime.combine(_last_sunday(utc.year, 10), datetime.min.time(), timezone.utc)
    summer = start + timedelta(hours=1) <= utc < end + timedelta(hours=1)
    return timedelta(hours=2 if summer else 1)


def to_berlin_iso(moment: datetime) -> str:
    """Aware datetime -> ISO string in German local time, e.g. 2026-02-10T11:00:00+01:00."""
    tz = timezone(berlin_offset(moment))
    return moment.astimezone(tz).replace(microsecond=0).isoformat()


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> str:
    """German wall-clock time -> ISO string with the right offset (used by sample data)."""
    naive = datetime(year, month, day, hour, minute, second)
    guess = naive.replace(tzinfo=timezone(timedelta(hours=1)))
    tz = timezone(berlin_offset(guess))
    return naive.replace(tzinfo=tz).isoformat()


def now_iso() -> str:
    return to_berlin_iso(datetime.now(timezone.utc))


def parse_ts(value: str | None) -> float | None:
    """ISO timestamp -> Unix seconds (None for missing or unparsable values)."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value).timestamp()
    except (TypeError, ValueError):
        return None


def ref(object_name: str, id_: object) -> Ref | None:
    """A sevDesk reference ``{"id": "<str>", "objectName": ...}`` (None for a missing id)."""
    if id_ is None or id_ == "":
        return None
    return Ref(id=str(id_), objectName=object_name)


def money(value: Decimal | int | float | str) -> str:
    """Decimal -> sevDesk number string, rounded half-up to cents, no trailing zeros ("24.9")."""
    amount = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = format(amount.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def number(value: Decimal | int | float | str) -> str:
    """Any number -> string without a trailing ``.0`` or exponent ("2.5", "10")."""
    text = format(Decimal(str(value)).normalize(), "f")
    return "0" if text == "-0" else text


def clone(value: T) -> T:
    """Fast deep copy for JSON-like values."""
    if isinstance(value, dict):
        return cast(T, {k: clone(v) for k, v in value.items()})
    if isinstance(value, list):
        return cast(T, [clone(v) for v in value])
    return value
