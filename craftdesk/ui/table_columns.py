"""What a record table shows: its columns, the item roles, and the sort keys.

A :class:`Column` describes how to read one value from a row record and how to show it.
Sort keys are exact and natively comparable (folded text, scaled integers for money and
quantities): :func:`sort_keys` computes a whole column at once, with the per-row work in
C-level loops, so the first sort of 50,000 rows by a text column takes milliseconds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QRegularExpression, Qt

from ..services import slices
from ..services.search import fold, fold_all, query_terms
from ..services.slices import distinct, mapped
from .row_set import Key
from .style import format_decimal, format_money, format_percent

RecordRole = Qt.ItemDataRole.UserRole + 1
"""The row's record (a frozen dataclass with an ``id``), independent of sorting/filtering."""

SortRole = Qt.ItemDataRole.UserRole + 2
"""A natively comparable sort key for the cell (see :func:`sort_key`)."""

SearchRole = Qt.ItemDataRole.UserRole + 3
"""A row's pre-folded search text (services.search.haystack) where a tree filters in C++."""

# Decimal sort keys are scaled integers: exact (no float) and compared natively.
_SORT_SCALE = 6


def search_pattern(text: str) -> QRegularExpression:
    """A regular expression matching a :data:`SearchRole` text that contains every word of
    ``text`` (folded; a phone-like word also by its digits), for Qt's own filter."""
    parts = []
    for word, digits in query_terms(text):
        options = re.escape(word) + (f"|{re.escape(digits)}" if digits else "")
        parts.append(f"(?=.*(?:{options}))")
    return QRegularExpression(
        "^" + "".join(parts) if parts else "", QRegularExpression.PatternOption.DotMatchesEverythingOption
    )


def collation_key(text: str) -> str:
    """German dictionary order (DIN 5007-1: ä = a, ß = ss), independent of the system locale:
    accents are dropped and case is folded, so "Bäckerei" sorts between "Autohaus" and
    "Blumen" on every machine (the same folding as the search, services.search.fold).
    Numbers in a text sort by their value: "Typ 999" before "Typ 1018" before "Typ 10018"."""
    return numbered(fold(text))


# A run of digits, not the decimals after a comma or point: "0,14" sorts before "0,5" as
# text does (cable cross-sections "0,14 / 0,25 / 0,5 / 0,75 mm²"); "1.000" with a point
# for the thousands then sorts as 1 point something.
_DIGITS = re.compile(r"(?<!\d)(?<!\d[,.])\d+")
_NUMBER_WIDTH = 20  # digits a number is padded to (a longer one compares as text)
_SEPARATOR = "\x00"
_FEW = 4  # a column with at most a quarter distinct texts computes each key once


def _padded(match: re.Match[str]) -> str:
    return match.group().zfill(_NUMBER_WIDTH)


def numbered(text: str) -> str:
    """``text`` with its numbers padded to sort by their value (see :func:`collation_key`)."""
    return _DIGITS.sub(_padded, text)


def _numbered_all(texts: list[str]) -> list[str]:
    """``[numbered(t) for t in texts]``: one pass over each slice of the joined column
    (services.slices), with a Python call per number only (a slice without numbers costs a
    join and one search)."""
    size = slices.SLICE
    if len(texts) > size:
        out: list[str] = []
        for start in range(0, len(texts), size):
            out += _numbered_slice(texts[start : start + size])
        return out
    return _numbered_slice(texts)


def _numbered_slice(texts: list[str]) -> list[str]:
    joined = _SEPARATOR.join(texts)
    if _DIGITS.search(joined) is None:
        return texts
    parts = _DIGITS.sub(_padded, joined).split(_SEPARATOR)
    return parts if len(parts) == len(texts) else list(map(numbered, texts))


def sort_key(value: Any) -> Any:
    """A natively comparable key: int for numbers, a collation key for text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return int(value.scaleb(_SORT_SCALE).to_integral_value())
    if isinstance(value, int):
        return value * 10**_SORT_SCALE
    return collation_key(str(value)) or None  # an empty text sorts as no value: last


def sort_keys(values: Sequence[Any]) -> list[Key]:
    """``list(map(sort_key, values))``; a column of plain texts is folded in one bulk call
    (services.search.fold_all), and a column of few distinct texts (a kind, a status)
    once per distinct text."""
    size = slices.SLICE
    if not all(
        set(map(type, values[start : start + size])) <= {str} for start in range(0, len(values), size)
    ):
        return list(map(sort_key, values))
    texts = distinct(values)
    if len(texts) * _FEW > len(values):
        keys = _numbered_all(fold_all(values))
        return [key or None for key in keys] if "" in keys else keys
    keys = _numbered_all(fold_all(texts))
    key_of = {value: key or None for value, key in zip(texts, keys, strict=True)}
    return mapped(key_of.__getitem__, values)


@dataclass(frozen=True)
class Column:
    """One column: how to get the raw value from a record and how to show it.

    ``kind`` selects formatting and alignment: ``text``, ``number`` (German decimal),
    ``money`` (1.234,56 €), ``percent`` (19 %) or ``bool`` (Ja/Nein via ``display``).
    ``value`` (and ``sort_value``) may be an ``operator.attrgetter``: a whole column is
    then read without a Python call per row.
    """

    key: str
    title: str
    value: Callable[[Any], Any]
    kind: str = "text"
    display: Callable[[Any], str] | None = None
    searchable: bool = True
    width: int | None = None
    stretch: bool = False  # takes the remaining width of the view
    sort_value: Callable[[Any], Any] | None = None  # what the column sorts by, if not value
    whole: bool = False  # keeps its width in a narrow window (ui.column_fit)

    def text(self, record: Any) -> str:
        raw = self.value(record)
        if self.display is not None:
            return self.display(raw)
        if raw is None:
            return ""
        if self.kind == "money":
            return format_money(raw)
        if self.kind == "number":
            return format_decimal(raw)
        if self.kind == "percent":
            return format_percent(raw)
        return str(raw)

    def sort_keys(self, records: Sequence[Any]) -> list[Key]:
        """The sort keys of these records in this column (see :func:`sort_keys`)."""
        return sort_keys(mapped(self.sort_value or self.value, records))

    @property
    def numeric(self) -> bool:
        return self.kind in ("money", "number", "percent")
