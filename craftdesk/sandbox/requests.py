"""Reading a request to the demo sevDesk: client JSON in wire form, the query's paging,
reference and time filters, and the writable fields of a body."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import ApiError, unprocessable
from .tables import FIELDS
from .wire import Record, number, parse_ts

READ_ONLY = ("id", "objectName", "create", "update", "sevClient")

# The query string of a request, one value per parameter.
Query = dict[str, str]


def wire(value: Any) -> Any:
    """Client JSON -> sevDesk wire types (numbers and flags as strings, ref ids as strings)."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, (int, float)):
        return number(value)
    if isinstance(value, dict):
        return {k: (str(v) if k == "id" and v is not None else wire(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [wire(v) for v in value]
    return value


def ref_id(value: object) -> str | None:
    """Id of a reference given as ``{"id": ..}`` (or a bare id); None when absent."""
    if isinstance(value, dict):
        value = value.get("id")
    if value is None or value == "" or isinstance(value, (bool, dict, list)):
        return None
    return str(value)


def flag(value: str | None) -> bool:
    return str(value).lower() in ("1", "true", "yes")


def int_param(query: Query, name: str, default: int, low: int, high: int | None) -> int:
    raw = query.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < low or (high is not None and value > high):
        upper = f" and {high}" if high is not None else ""
        raise ApiError(400, f"Parameter {name} must be an integer between {low}{upper}")
    return value


def ref_matches(record: Record, field: str, query: Query) -> bool:
    wanted = query.get(f"{field}[id]")
    if wanted is None:
        return True
    return ref_id(record.get(field)) == wanted


def equals(record: Record, field: str, query: Query) -> bool:
    wanted = query.get(field)
    return wanted is None or str(record.get(field) or "") == wanted


def time_filters(query: Query) -> Callable[[Record], bool]:
    checks: list[tuple[str, bool, float]] = []
    for param, field, after in (
        ("createAfter", "create", True),
        ("createBefore", "create", False),
        ("updateAfter", "update", True),
        ("updateBefore", "update", False),
    ):
        raw = query.get(param)
        if raw is None or raw == "":
            continue
        try:
            checks.append((field, after, float(raw)))
        except ValueError:
            raise ApiError(400, f"Parameter {param} must be a Unix timestamp") from None

    def check(record: Record) -> bool:
        for field, after, limit in checks:
            stamp = parse_ts(record.get(field))
            if stamp is None or (stamp <= limit if after else stamp >= limit):
                return False
        return True

    return check


def required_ref(fields: Record, field: str, object_name: str) -> str:
    """The id a required reference field names (422 when it names none)."""
    id_ = ref_id(fields.get(field))
    if id_ is None:
        raise unprocessable(f"{object_name}.{field} is required")
    return id_


def pick(body: Record, object_name: str) -> Record:
    """Known, writable fields of a request body in wire format."""
    allowed = FIELDS[object_name]
    return {k: wire(v) for k, v in body.items() if k in allowed and k not in READ_ONLY}


def require_object(body: object) -> Record:
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object")
    return body
