"""Checks on a whole column of a page at once: the values of one field of every record,
tested in a few C-level calls instead of one Python call per record.

``api.fast_pages`` reads a page of sevDesk's usual wire form column by column with these. Each
check is the record fast path's check on every value of the column: it holds for the
column exactly when it holds for each value, so a page that passes every check gives the
rows the record fast path gives, and a page that fails one is read record by record.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from .fields import NOT_PLAIN

# A number as sevDesk writes it: digits, at most 12 before the point (the careful reader
# refuses 10^12 and more) and 10 after it; the record fast path (api.wire) reads one, and
# :func:`numbers` a column of them, each followed by a NUL.
NUMBER = r"-?[0-9]{1,12}(?:\.[0-9]{1,10})?"
_NUMBERS = re.compile(f"(?:{NUMBER}\x00)*")


def valid_ids(ids: Sequence[Any]) -> bool:
    """Every value an id in sevDesk's usual form: 1 to 18 ASCII digits (fits 63 bits, H10)."""
    if not ids:
        return True
    try:
        joined = "".join(ids)  # TypeError: not every value is a text
    except TypeError:
        return False
    if not (joined.isdigit() and joined.isascii()):
        return False
    lengths = set(map(len, ids))  # one pass; a handful of lengths
    return min(lengths) > 0 and max(lengths) < 19


def ref_ids(refs: Sequence[Any], required: bool) -> list[Any] | None:
    """The ids of a column of references (structs with an ``id``), None for a null one;
    None when one is not in the usual form, or null where ``required``."""
    if required:
        try:
            ids = [ref.id for ref in refs]
        except AttributeError:  # a null reference where one is required
            return None
        return ids if valid_ids(ids) else None
    # a reference without an id ({} or {"id": null}) is not a null one: not valid_ids
    return (
        [None if ref is None else ref.id for ref in refs]
        if valid_ids([ref.id for ref in refs if ref is not None])
        else None
    )


def plain(*columns: Sequence[Any]) -> bool:
    """Every value a text or null, and no text with a character the careful text reader
    replaces (a control character, a lone surrogate)."""
    try:
        joined = ["".join([text for text in column if text is not None]) for column in columns]
    except TypeError:
        return False
    # printable: no control character and no surrogate, in one quick pass; a column that
    # is not (a line break in a description) is searched for what the reader replaces
    return all([text.isprintable() or not NOT_PLAIN.search(text) for text in joined])


def stripped(column: Sequence[str | None]) -> list[str]:
    """Each text stripped, "" for null (the column passed :func:`plain`)."""
    return ["" if text is None else text.strip() for text in column]


def fits(column: Sequence[str], limit: int) -> bool:
    """No text longer than ``limit`` (the careful reader would cut it and say so)."""
    return not column or max(map(len, column)) <= limit


def stamps(column: Sequence[Any]) -> list[str] | None:
    """Timestamps as the fast path keeps them: stripped, "" for null; None unless every
    one is null or plain printable ASCII of at most 64 characters."""
    present = [value for value in column if value is not None]
    if present:
        try:
            joined = "".join(present)
        except TypeError:
            return None
        if not (joined.isascii() and joined.isprintable()) or max(map(len, present)) > 64:
            return None
    return stripped(column)


def numbers(column: Sequence[Any]) -> list[Decimal] | None:
    """Every value a number in the form the record fast path reads, as its Decimal."""
    if not column:
        return []
    try:
        joined = "\x00".join(column) + "\x00"
    except TypeError:
        return None
    return list(map(Decimal, column)) if _NUMBERS.fullmatch(joined) else None
