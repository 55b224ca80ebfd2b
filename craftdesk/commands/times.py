"""Times given on the command line: an appointment's start or end."""

from __future__ import annotations

from datetime import datetime

from ..errors import PreconditionError, UsageError
from ..limits import check_date
from ..services import projects as project_service


def parse_datetime(text: str) -> datetime:
    """An appointment's time ("2026-03-02T08:00", with or without offset) as Berlin
    wall-clock time (P8). A time the clock skips or repeats at a clock change is a bad
    argument like any other (exit 2), see ``projects.check_wall_time``."""
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"„{text}“ ist kein Zeitpunkt im ISO-Format (z. B. 2026-03-02T08:00).") from None
    value = check_date(value, "Der Zeitpunkt")  # H10: 1900–2100
    local = project_service.local_time(value)
    assert local is not None
    try:
        project_service.check_wall_time(local)
    except PreconditionError as exc:
        raise UsageError(str(exc)) from None
    return local
