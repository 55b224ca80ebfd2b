"""UTC time, one way everywhere: timestamps we create are aware UTC datetimes without
microseconds, kept as ISO text (``2026-11-26T08:00:00+00:00``)."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any


def utcnow() -> datetime:
    """Now, in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0)


def utc_iso(value: datetime) -> str:
    """A timestamp as UTC ISO text; a naive one is taken as UTC."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).replace(microsecond=0).isoformat()


def parse_utc(text: Any) -> datetime | None:
    """ISO text (also with a trailing ``Z``) as an aware datetime; naive text is UTC; None
    for nothing or something unreadable."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
