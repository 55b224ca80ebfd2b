"""Whole-column work in slices, for reader threads that share the GIL with the window.

One C-level pass (``list(map(...))``, ``sorted``, ``dict(zip(...))``) holds the GIL from
start to end: over 50,000 rows scattered in memory that is 5–20 ms each on a slow PC, and
several in a row are a stall of the window, which waits for the GIL meanwhile. The same
passes over slices of :data:`SLICE` rows give it a turn between slices, at a cost of one
Python loop step per slice.
"""

from __future__ import annotations

import heapq
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


def sorted_positions(key: Callable[[int], Any], count: int, descending: bool = False) -> list[int]:
    """``sorted(range(count), key=key, reverse=descending)`` (stable), as sorted slices of
    :data:`SLICE` rows merged by ``heapq.merge``, a Python loop: no C-level call holds the
    GIL for more than a slice's sort (a millisecond). The merges of long runs that this
    did before took 8-12 ms each over 50,000 names, and the window, which asks for the GIL
    dozens of times per paint, stood still for 30-50 ms. Costs more CPU than one
    ``sorted`` (50,000 names: 48 instead of 20 ms): for threads that share the GIL with
    the window, not for the window."""
    runs = [
        sorted(range(start, min(start + SLICE, count)), key=key, reverse=descending)
        for start in range(0, count, SLICE)
    ]
    if len(runs) <= 1:
        return runs[0] if runs else []
    # Stable as one sort: of equal keys, heapq.merge takes the earlier run's first (also
    # with reverse=True), and within a run a stable sort kept them in order.
    return list(heapq.merge(*runs, key=key, reverse=descending))
