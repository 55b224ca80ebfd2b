"""The rows behind a record table, Qt-free: all records in sort order, the matching ones,
their cached sort keys and pre-folded search texts.

Built for 50,000 rows on the GUI thread: per-row work runs as C-level ``map``/``zip`` or one
list comprehension; sort keys are cached per column and record id, search texts are kept
aligned with the rows (permuted on sort, patched on update), so a keystroke, a sort or a
3-row update does not recompute anything per row in Python.
"""

from __future__ import annotations

import bisect
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import compress, repeat
from typing import Any, NamedTuple

from ..services.search import Term, matching, narrows
from ..services.slices import mapped, picked, sorted_positions, zipped_dict

Key = Any
"""A row's sort key in one column: folded text, a scaled integer, or None for an empty
value or text, which sorts last in either direction (:func:`full_key`)."""

_SCANS = 4  # then a map of all rows pays off

Presorted = tuple[int, bool, list[Key]]  # sort column, descending, the sorted rows' keys

KeysOf = Callable[[Sequence[Any]], list[Key]]  # the sort keys of many records in one column


class Prepared(NamedTuple):
    """Rows made ready for :meth:`RowSet.adopt` (on a reader thread, :meth:`RowSet.prepare`)."""

    records: list[Any]
    ids: list[Any]
    hay: list[str]
    keys: Presorted | None  # the records came sorted by this column, with these keys
    key_cache: dict[Any, Key] | None  # those keys by record id
    masks: dict[str, tuple[Callable[[Any], bool], list[bool]]]  # filter -> (it, its results)


@dataclass(slots=True)
class _Ahead:
    """A column's sort keys being computed a slice at a time (:meth:`RowSet.keys_ahead`)."""

    column: int
    keys_of: KeysOf
    records: list[Any]  # the rows when it began
    ids: list[Any]
    keys: list[Key] = field(default_factory=list)
    touched: set[Any] = field(default_factory=set)  # ids changed since: not taken over


class RowSet:
    """``search_text(record)`` gives one record's pre-folded search text, ``search_texts``
    (optional) those of many records at once (e.g. ``map`` over an attribute)."""

    def __init__(
        self,
        record_id: Callable[[Any], Any],
        search_text: Callable[[Any], str],
        search_texts: Callable[[Sequence[Any]], list[str]] | None = None,
    ) -> None:
        self.record_id = record_id
        self.search_text = search_text
        self.search_texts = search_texts or (lambda records: list(map(search_text, records)))
        self.all: list[Any] = []
        self.ids: list[Any] = []
        self._hay: list[str] | None = None
        self._keys: list[Key] | None = None  # aligned with ``all`` while sorted
        self._key_cache: dict[int, dict[Any, Key]] = {}  # column -> id -> key
        self._sort: tuple[int, KeysOf, bool] | None = None
        self.terms: list[Term] = []
        self._hits: list[int] | None = None
        self.predicates: dict[str, Callable[[Any], bool]] = {}
        self._masks: dict[str, list[bool]] = {}  # predicate -> its result per row of ``all``
        self.visible: list[Any] = []  # the matching records: the table's rows
        self._visible_pos: list[int] | None = None  # None: all rows match
        self._row_of_id: dict[Any, int] | None = None
        self._scans = 0  # row_of_id lookups answered by a scan since the rows last changed
        self._pos_of_id: dict[Any, int] | None = None
        self._ahead: _Ahead | None = None

    # --- whole-table changes -------------------------------------------------------------

    def replace(self, records: Iterable[Any], keys: Presorted | None = None) -> None:
        """All rows anew; ``keys``: (column, descending, their keys) when a reader thread
        computed the sort keys and sorted the records by them (:func:`presort`)."""
        self.adopt(self.prepare(records, keys))  # what it replaced is freed right here

    def prepare(self, records: Iterable[Any], keys: Presorted | None = None) -> Prepared:
        """What :meth:`adopt` needs of these rows besides the rows themselves: their ids,
        search texts, the kept sort keys and the filters' results. Qt-free and without
        changing this row set, so a reader thread can do it: at 50,000 customers this is
        ~40 ms of Python the GUI thread no longer spends (``search_texts`` and the
        predicates must then be Qt-free too)."""
        # Column passes in slices (services.slices): the window gets the GIL between them.
        records = list(records)  # never the shown list itself: adopt hands that one back to be freed
        ids = mapped(self.record_id, records)
        hay = self.search_texts(records)
        cache = zipped_dict(ids, keys[2]) if keys is not None and len(keys[2]) == len(ids) else None
        predicates = dict(self.predicates)  # as installed now; checked again when adopted
        masks = {name: (keep, mapped(bool, mapped(keep, records))) for name, keep in predicates.items()}
        return Prepared(records, ids, hay, keys if cache is not None else None, cache, masks)

    def adopt(self, prepared: Prepared) -> list[Any]:
        """Show prepared rows (:meth:`prepare`): assignments, unless the sort or a filter
        changed since they were prepared. Returns what held the rows shown so far, for the
        caller to let go; this row set keeps no reference to it."""
        old = [
            self.visible,
            self.all,
            self.ids,
            self._hay,
            self._keys,
            self._key_cache,
            self._masks,
            self._row_of_id,
            self._pos_of_id,
        ]
        self._row_of_id = self._pos_of_id = None
        self._hits = None  # positions in the old rows: searched again below (refilter)
        self.all = prepared.records
        self.ids = prepared.ids
        self._hay = prepared.hay  # now: the first keystroke only matches
        self._masks = {
            name: mask for name, (keep, mask) in prepared.masks.items() if self.predicates.get(name) is keep
        }
        self._key_cache = {}
        self._keys = None
        self._ahead = None
        done = False
        keys = prepared.keys
        if keys is not None and prepared.key_cache is not None:
            self._key_cache[keys[0]] = prepared.key_cache
            done = self._sort is not None and (self._sort[0], self._sort[2]) == keys[:2]
            self._keys = keys[2] if done else None
        if self._sort is not None and not done:
            self._sort_rows()
        self.refilter()
        return [held for held in old if held]

    def sorted_by(self) -> tuple[int, bool] | None:
        return (self._sort[0], self._sort[2]) if self._sort is not None else None

    def set_sort(self, column: int, keys: KeysOf, descending: bool) -> None:
        self._sort = (column, keys, descending)
        self._sort_rows()
        self.refilter(rematch=False)

    def _keys_of(self, records: Sequence[Any], ids: Sequence[Any]) -> list[Key]:
        assert self._sort is not None
        column, keys_of, _ = self._sort
        cache = self._key_cache.setdefault(column, {})
        try:
            return list(map(cache.__getitem__, ids))  # usually all cached: one pass
        except KeyError:
            pass
        if cache:
            missing = list(compress(range(len(ids)), map(operator.not_, map(cache.__contains__, ids))))
            if missing:
                computed = keys_of(list(map(records.__getitem__, missing)))
                cache.update(zip(map(ids.__getitem__, missing), computed, strict=True))
        else:
            cache.update(zip(ids, keys_of(records), strict=True))
        return list(map(cache.__getitem__, ids))

    def _sort_rows(self) -> None:
        assert self._sort is not None
        order = sort_order(self._keys_of(self.all, self.ids), self._sort[2])
        if self._hits is not None:  # the search hits move with their rows: no new search
            hit = [False] * len(order)
            for position in self._hits:
                hit[position] = True
            self._hits = list(compress(range(len(order)), map(hit.__getitem__, order)))
        self.all = list(map(self.all.__getitem__, order))
        self.ids = list(map(self.ids.__getitem__, order))
        self._keys = None  # aligned again when a row is inserted (_sorted_keys)
        if self._hay is not None:
            self._hay = list(map(self._hay.__getitem__, order))
        self._masks = {name: list(map(mask.__getitem__, order)) for name, mask in self._masks.items()}
        self._pos_of_id = None

    def keys_ahead(self, columns: Sequence[tuple[int, KeysOf]], rows: int) -> bool:
        """Compute the sort keys of the next ``rows`` rows for the first of ``columns`` with
        none cached, so that a first sort by it only sorts (a big table does this a slice
        at a time while the window is idle). False once every column has its keys."""
        ahead = self._ahead
        if ahead is None or ahead.column in self._key_cache:  # (sorted by it meanwhile)
            todo = [(column, keys_of) for column, keys_of in columns if column not in self._key_cache]
            if not todo:
                self._ahead = None
                return False
            ahead = self._ahead = _Ahead(*todo[0], list(self.all), list(self.ids))
        start = len(ahead.keys)
        ahead.keys.extend(ahead.keys_of(ahead.records[start : start + rows]))
        if len(ahead.keys) == len(ahead.records):
            cache = dict(zip(ahead.ids, ahead.keys, strict=True))
            for key in ahead.touched:  # a changed or removed row: computed when sorted by
                cache.pop(key, None)
            self._key_cache[ahead.column] = cache
            self._ahead = None
        return True

    def _sorted_keys(self) -> list[Key] | None:
        """The sort keys aligned with ``all`` (None when unsorted)."""
        if self._sort is not None and self._keys is None:
            self._keys = self._keys_of(self.all, self.ids)
        return self._keys

    # --- filtering -----------------------------------------------------------------------

    def set_terms(self, terms: list[Term]) -> None:
        narrowing = self._hits is not None and narrows(terms, self.terms)
        self.terms = terms
        self.refilter(narrowing)

    def haystacks(self) -> list[str]:
        if self._hay is None:
            self._hay = self.search_texts(self.all)
        return self._hay

    def refilter(self, narrowing: bool = False, *, rematch: bool = True) -> None:
        """Recompute the visible rows; ``narrowing``: search the previous hits only;
        ``rematch`` False: the hits are still right (the rows were only sorted)."""
        positions: list[int] | None = None
        if self.terms:
            if rematch or self._hits is None:
                self._hits = matching(self.haystacks(), self.terms, self._hits if narrowing else None)
            positions = self._hits
        else:
            self._hits = None
        for name in self.predicates:
            mask = self._mask(name)
            if positions is None:
                positions = list(compress(range(len(mask)), mask))
            else:
                positions = list(compress(positions, map(mask.__getitem__, positions)))
        self._visible_pos = positions
        self.visible = list(self.all) if positions is None else list(map(self.all.__getitem__, positions))
        self._row_of_id = None
        self._scans = 0

    def set_predicate(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        """Install (or with None remove) a filter that keeps a record when it returns True;
        its result per row is kept (one call per row when installed, none per keystroke)."""
        self._masks.pop(name, None)
        if predicate is None:
            self.predicates.pop(name, None)
        else:
            self.predicates[name] = predicate

    def _mask(self, name: str) -> list[bool]:
        mask = self._masks.get(name)
        if mask is None:
            mask = self._masks[name] = list(map(bool, map(self.predicates[name], self.all)))
        return mask

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
        if self._row_of_id is None and self._visible_pos is None and self._scans < _SCANS:
            self._scans += 1  # a few lookups (a selection): C-level scans, no 50,000-entry map
            try:
                return self.ids.index(record_id)
            except ValueError:
                return None
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
            if self._sort is not None:
                old_key = self._key_cache.get(self._sort[0], {}).pop(key, None)
                if self._keys_of([record], [key])[0] != old_key:
                    return None
            was = self.row_of_id(key) is not None
            if (self.terms or self.predicates) and self.matches(record, hay) != was:
                return None
            if self._hits is not None and bool(matching([hay], self.terms)) != _among(self._hits, pos):
                return None  # hidden by a filter, but its search result changes: searched again
            plan.append((pos, key, record, hay))
        rows = []
        for pos, key, record, hay in plan:
            self.all[pos] = record
            for column, cache in self._key_cache.items():  # other columns: computed when sorted by
                if self._sort is None or column != self._sort[0]:
                    cache.pop(key, None)
            if self._ahead is not None:
                self._ahead.touched.add(key)
            if self._hay is not None:
                self._hay[pos] = hay
            for name, mask in self._masks.items():
                mask[pos] = bool(self.predicates[name](record))
            row = self.row_of_id(key)
            if row is not None:
                self.visible[row] = record
                rows.append(row)
        return rows

    def restructure(self, records: list[Any], removed: set[Any]) -> None:
        """Insert, move and remove rows (each at its sorted place), then filter again."""
        changed = {self.record_id(r): r for r in records}
        gone = removed | set(changed)
        keys = self._sorted_keys()
        drop = sorted((p for p in map(self.position_of_id, gone) if p is not None), reverse=True)
        for pos in drop:
            del self.all[pos], self.ids[pos]
            if keys is not None:
                del keys[pos]
            if self._hay is not None:
                del self._hay[pos]
        for column_cache in self._key_cache.values():
            for key in gone:
                column_cache.pop(key, None)
        if self._ahead is not None:
            self._ahead.touched |= gone
        for key, record in changed.items():
            if key in removed:
                continue
            at = len(self.all)
            if self._sort is not None and keys is not None:
                new_key = self._keys_of([record], [key])[0]
                at = _insertion_point(keys, new_key, self._sort[2])
                keys.insert(at, new_key)
            self.all.insert(at, record)
            self.ids.insert(at, key)
            if self._hay is not None:
                self._hay.insert(at, self.search_text(record))
        self._masks = {}
        self._pos_of_id = None
        self._hits = None
        self.refilter()


def sort_order(keys: list[Key], descending: bool, sliced: bool = False) -> list[int]:
    """The positions of ``keys`` in sorted order (stable: equal keys keep their order)."""
    # Plain strings or ints compare several times faster than tuples: only a column with
    # empty values (None) needs the full keys that put those last.
    if any(map(operator.is_, keys, repeat(None))):
        keys = mapped(partial(full_key, descending=descending), keys)
    if sliced:  # a reader thread: the window gets the GIL between the slices (services.slices)
        return sorted_positions(keys.__getitem__, len(keys), descending)
    return sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)


def presort(
    records: list[Any], column: int, descending: bool, keys: list[Key]
) -> tuple[list[Any], Presorted]:
    """The records sorted by their ``keys`` as :class:`RowSet` would sort them (on a reader
    thread, so the GUI thread only takes them over)."""
    order = sort_order(keys, descending, sliced=True)
    return picked(records, order), (column, descending, picked(keys, order))


def _among(positions: list[int], position: int) -> bool:
    """Whether ``position`` is in ``positions`` (ascending)."""
    at = bisect.bisect_left(positions, position)
    return at < len(positions) and positions[at] == position


def full_key(key: Key, descending: bool = False) -> tuple[bool, Any]:
    """A sort key that also orders empty values (None): after all others, whichever the
    direction (as a spreadsheet sorts blanks), so the rows that have a value come first."""
    return ((key is None) != descending, key if key is not None else 0)


def _insertion_point(keys: list[Key], key: Key, descending: bool) -> int:
    """Where ``key`` goes into ``keys`` (sorted, descending or not): after its equals."""
    target = full_key(key, descending)
    if not descending:
        return bisect.bisect_right(keys, target, key=full_key)
    low, high = 0, len(keys)
    while low < high:
        middle = (low + high) // 2
        if full_key(keys[middle], True) >= target:
            low = middle + 1
        else:
            high = middle
    return low
