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


def sorted_positions(key: Callable[[int], Any], count: int, descending: bool = False) -> list[int]:
    """``sorted(range(count), key=key, reverse=descending)`` (stable), as sorted slices of
    :data:`SLICE` rows merged pairwise, each merge in pieces of at most SLICE rows
    (:func:`_merged`): no C-level call holds the GIL for more than a slice's worth (about a
    millisecond). Merging whole runs in one ``sorted`` each, as this did before, held it
    for 8-12 ms at a time over 50,000 names, and the window, which asks for the GIL dozens
    of times per paint, stood still for 30-50 ms. Costs more CPU than one ``sorted``: for
    threads that share the GIL with the window, not for the window."""
    runs = [
        sorted(range(start, min(start + SLICE, count)), key=key, reverse=descending)
        for start in range(0, count, SLICE)
    ]
    while len(runs) > 1:
        runs = [
            _merged(runs[n], runs[n + 1], key, descending) if n + 1 < len(runs) else runs[n]
            for n in range(0, len(runs), 2)
        ]
    return runs[0] if runs else []


def _merged(first: list[int], second: list[int], key: Callable[[int], Any], descending: bool) -> list[int]:
    """Two runs sorted by ``key`` as one, equal keys from ``first`` before those of ``second``
    (what a stable sort of ``first + second`` gives), SLICE rows of the result at a time:
    where each piece ends in either run is found by a binary search (the merge path), and
    the piece is one ``sorted`` over two short runs (a linear merge)."""
    out: list[int] = []
    i = j = 0
    while i < len(first) and j < len(second):
        end = min(i + j + SLICE, len(first) + len(second))
        p = _split(first, second, end, key, descending)
        out += sorted(first[i:p] + second[j : end - p], key=key, reverse=descending)
        i, j = p, end - p
    return out + first[i:] + second[j:]


def _split(first: list[int], second: list[int], end: int, key: Callable[[int], Any], descending: bool) -> int:
    """How many of ``first`` are among the first ``end`` rows of the merged runs."""

    def before(x: int, y: int) -> bool:  # x (of second) comes before y (of first)
        return bool(key(x) > key(y)) if descending else bool(key(x) < key(y))

    low, high = max(0, end - len(second)), min(end, len(first))
    while low < high:  # the smallest p whose next row of second does not come before first[p]
        p = (low + high) // 2
        if before(second[end - p - 1], first[p]):
            high = p
        else:
            low = p + 1
    return low
