"""Whole-column work in slices, for reader threads that share the GIL with the window.

One C-level pass (``list(map(...))``, ``sorted``, ``dict(zip(...))``) holds the GIL from
start to end: over 50,000 rows scattered in memory that is 5–20 ms each on a slow PC, and
several in a row are a stall of the window, which waits for the GIL meanwhile. The same
passes over slices of :data:`SLICE` rows give it a turn between slices, at a cost of one
Python loop step per slice.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

#: Rows per C-level pass: about a millisecond of work.
SLICE = 4096


def mapped(function: Callable[[Any], T], items: Sequence[Any]) -> list[T]:
    """``list(map(function, items))``, a slice at a time."""
    if len(items) <= SLICE:
        return list(map(function, items))
    out: list[T] = []
    for start in range(0, len(items), SLICE):
        out += map(function, items[start : start + SLICE])
    return out


def picked(items: Sequence[T], positions: Sequence[int]) -> list[T]:
    """``[items[p] for p in positions]``, a slice at a time."""
    return mapped(items.__getitem__, positions)


def zipped_dict(keys: Sequence[K], values: Sequence[V]) -> dict[K, V]:
    """``dict(zip(keys, values, strict=True))``, a slice at a time."""
    if len(keys) != len(values):
        raise ValueError("keys and values differ in length")
    out: dict[K, V] = {}
    for start in range(0, len(keys), SLICE):
        out.update(zip(keys[start : start + SLICE], values[start : start + SLICE], strict=True))
    return out


def distinct(items: Sequence[T]) -> list[T]:
    """``list(dict.fromkeys(items))``: each value once, in first-seen order."""
    seen: dict[T, None] = {}
    for start in range(0, len(items), SLICE):
        seen.update(dict.fromkeys(items[start : start + SLICE]))
    return list(seen)


#: Rows per sorted slice: each merge pass costs a pass over every row, so fewer and
#: longer slices than elsewhere (a few milliseconds each).
SORT_SLICE = 4 * SLICE


def sorted_positions(key: Callable[[int], Any], count: int, descending: bool = False) -> list[int]:
    """``sorted(range(count), key=key, reverse=descending)`` (stable), as sorted slices that
    are then merged pairwise: each ``sorted`` call over two sorted runs is a linear merge
    (the sort finds the runs), and only the last merge covers every row. Costs more CPU
    than one ``sorted``: for threads that share the GIL with the window, not for the window."""
    runs: list[list[int]] = [
        sorted(range(start, min(start + SORT_SLICE, count)), key=key, reverse=descending)
        for start in range(0, count, SORT_SLICE)
    ]
    while len(runs) > 1:
        # Equal keys keep their order: the earlier run comes first in each concatenation,
        # and a stable sort (reverse=True included) keeps equal items in that order.
        runs = [
            sorted(runs[n] + runs[n + 1], key=key, reverse=descending) if n + 1 < len(runs) else runs[n]
            for n in range(0, len(runs), 2)
        ]
    return runs[0] if runs else []
