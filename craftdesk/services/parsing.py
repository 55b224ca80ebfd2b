"""The one parse-and-skip loop: sevDesk rows through a record parser, a malformed row
logged (its id and reason, never its content) and left out."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from ..api.records import RecordError

log = logging.getLogger(__name__)

R = TypeVar("R")


def parse_rows(rows: Iterable[Any], parser: Callable[[Any], R], object_name: str) -> list[R]:
    """The parsed rows; a row the parser rejects is logged and left out."""
    result: list[R] = []
    for raw in rows:
        try:
            result.append(parser(raw))
        except RecordError as exc:
            log.warning("Skipping %s %s: %s", object_name, exc.record_id or "(ohne Id)", exc.reason)
    return result
