"""The rows behind a record table, Qt-free: all records in sort order, the matching ones,
their cached sort keys and pre-folded search texts.

Built for 50,000 rows on the GUI thread: per-row work runs as C-level ``map``/``zip`` or one
list comprehension; sort keys are cached per column and record id, search texts are kept
aligned with the rows (permuted on sort, patched on update), so a keystroke, a sort or a
3-row update does not recompute anything per row in Python.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..services.search import Term, matching, narrows

Key = tuple[bool, Any]


class RowSet:
    def __init__(self, record_id: Callable[[Any], Any], search_text: Callable[[Any], str]) -> None:
        self.record_id = record_id
        self.search_text = search_text
        self.all: list[Any] = []
        self.ids: list[Any] = []
        self._hay: list[str] | None = None
        self._keys: list[Key] | None = None  # aligned with ``all`` while sorted
        self._key_cache: dict[int, dict[Any, Key]] = {}  # column -> id -> key
        self._sort: tuple[int, Callable[[Any], Key], bool] | None = None
        self.terms: list[Term] = []
        self._hits: list[int] | None = None
        self.predicates: dict[str, Callable[[Any], bool]] = {}
        self.visible: list[Any] = []  # the matching records: the table's rows
        self._visible_pos: list[int] | None = None  # None: all rows match
        self._row_of_id: dict[Any, int] | None = None
        self._pos_of_id: dict[Any, int] | None = None

    # --- whole-table changes -------------------------------------------------------------

    def replace(self, records: Iterable[Any]) -> None:
        self.all = list(records)
        self.ids = list(map(self.record_id, self.all))
        self._hay = None
        self._key_cache = {}
        self._keys = None
        if self._sort is not None:
            self._sort_rows()
        self.refilter()

    def sorted_by(self) -> tuple[int, bool] | None:
        return (self._sort[0], self._sort[2]) if self._sort is not None else None

    def set_sort(self, column: int, key: Callable[[Any], Key], descending: bool) -> None:
        self._sort = (column, key, descending)
        self._sort_rows()
        self.refilter()

    def _keys_of(self, records: Sequence[Any], ids: Sequence[Any]) -> list[Key]:
        assert self._sort is not None
        column, key, _ = self._sort
        cache = self._key_cache.setdefault(column, {})
        missing = [n for n, i in enumerate(ids) if i not in cache]
        for n in missing:
            cache[ids[n]] = key(records[n])
        return list(map(cache.__getitem__, ids))

    def _sort_rows(self) -> None:
        assert self._sort is not None
        keys = self._keys_of(self.all, self.ids)
        order = sorted(range(len(keys)), key=keys.__getitem__, reverse=self._sort[2])
        self.all = list(map(self.all.__getitem__, order))
        self.ids = list(map(self.ids.__getitem__, order))
        self._keys = list(map(keys.__getitem__, order))
        if self._hay is not None:
            self._hay = list(map(self._hay.__getitem__, order))
        self._pos_of_id = None
        self._hits = None

    # --- filtering -----------------------------------------------------------------------

    def set_terms(self, terms: list[Term]) -> None:
        narrowing = self._hits is not None and narrows(terms, self.terms)
        self.terms = terms
        self.refilter(narrowing)

    def haystacks(self) -> list[str]:
        if self._hay is None:
            self._hay = list(map(self.search_text, self.all))
        return self._hay

    def refilter(self, narrowing: bool = False) -> None:
        positions: list[int] | None = None
        if self.terms:
            self._hits = matching(self.haystacks(), self.terms, self._hits if narrowing else None)
            positions = self._hits
        else:
            self._hits = None
        if self.predicates:
            candidates = positions if positions is not None else range(len(self.all))
            keep = list(self.predicates.values())
            positions = [p for p in candidates if all(k(self.all[p]) for k in keep)]
        self._visible_pos = positions
        self.visible = list(self.all) if positions is None else list(map(self.all.__getitem__, positions))
        self._row_of_id = None

    def matches(self, record: Any, hay: str) -> bool:
        if self.terms and not matching([hay], self.terms):
            return False
        return all(keep(record) for keep in self.predicates.values())

    # --- lookups -------------------------------------------------------------------------

    def visible_ids(self) -> list[Any]:
        if self._visible_pos is None:
            return list(self.ids)
        return list(map(self.ids.__getitem__, self._visible_pos))

    def row_of_id(self, record_id: Any) -> int | None:
        if self._row_of_id is None:
            self._row_of_id = dict(zip(self.visible_ids(), range(len(self.visible)), strict=True))
        return self._row_of_id.get(record_id)

    def position_of_id(self, record_id: Any) -> int | None:
        if self._pos_of_id is None:
            self._pos_of_id = dict(zip(self.ids, range(len(self.ids)), strict=True))
        return self._pos_of_id.get(record_id)

    # --- a few rows ----------------------------------------------------------------------

    def update_in_place(self, records: list[Any]) -> list[int] | None:
        """Replace records that keep their place and visibility; the visible rows changed,
        or None when some record must move, appear or disappear (nothing was changed)."""
        plan = []
        for record in records:
            key = self.record_id(record)
            pos = self.position_of_id(key)
            if pos is None:
                return None
            hay = self.search_text(record) if self._hay is not None or self.terms else ""
            if self._sort is not None and self._keys is not None:
                self._key_cache.get(self._sort[0], {}).pop(key, None)
                if self._keys_of([record], [key])[0] != self._keys[pos]:
                    return None
            was = self.row_of_id(key) is not None
            if (self.terms or self.predicates) and self.matches(record, hay) != was:
                return None
            plan.append((pos, key, record, hay))
        rows = []
        for pos, key, record, hay in plan:
            self.all[pos] = record
            if self._hay is not None:
                self._hay[pos] = hay
            row = self.row_of_id(key)
            if row is not None:
                self.visible[row] = record
                rows.append(row)
        return rows

    def restructure(self, records: list[Any], removed: set[Any]) -> None:
        """Insert, move and remove rows (each at its sorted place), then filter again."""
        changed = {self.record_id(r): r for r in records}
        gone = removed | set(changed)
        drop = sorted((p for p in map(self.position_of_id, gone) if p is not None), reverse=True)
        for pos in drop:
            del self.all[pos], self.ids[pos]
            if self._keys is not None:
                del self._keys[pos]
            if self._hay is not None:
                del self._hay[pos]
        for column_cache in self._key_cache.values():
            for key in gone:
                column_cache.pop(key, None)
        for key, record in changed.items():
            if key in removed:
                continue
            at = len(self.all)
            if self._sort is not None and self._keys is not None:
                new_key = self._keys_of([record], [key])[0]
                at = (
                    len(self._keys) - bisect.bisect_left(self._keys[::-1], new_key)
                    if self._sort[2]
                    else bisect.bisect_right(self._keys, new_key)
                )
                self._keys.insert(at, new_key)
            self.all.insert(at, record)
            self.ids.insert(at, key)
            if self._hay is not None:
                self._hay.insert(at, self.search_text(record))
        self._pos_of_id = None
        self._hits = None
        self.refilter()
