"""Column passes in slices (issue 13: the reader thread hands the GIL to the window between
slices) give exactly what the one-call builtins give: same order, same ties, same values."""

from __future__ import annotations

import random
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from craftdesk.services import slices
from craftdesk.ui.row_set import RowSet, presort, sort_order
from craftdesk.ui.table_columns import sort_keys

KEYS = st.lists(st.one_of(st.integers(-3, 3), st.none()), max_size=60)


@pytest.fixture
def tiny_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Slices of 3 rows: every merge and every slice boundary is exercised on short lists."""
    monkeypatch.setattr(slices, "SLICE", 3)


@settings(max_examples=300, deadline=None)
@given(keys=st.lists(st.integers(0, 5), max_size=60), descending=st.booleans())
def test_sorted_slices_merge_to_the_stable_sort(keys: list[int], descending: bool) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(slices, "SLICE", 3)
        got = slices.sorted_positions(keys.__getitem__, len(keys), descending)
    assert got == sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)


@settings(max_examples=200, deadline=None)
@given(keys=KEYS, descending=st.booleans())
def test_a_sliced_sort_order_equals_the_gui_threads_sort_order(
    keys: list[int | None], descending: bool
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(slices, "SLICE", 3)
        assert sort_order(keys, descending, sliced=True) == sort_order(keys, descending)


def test_column_passes_in_slices_equal_the_builtins(tiny_slices: None) -> None:
    rng = random.Random(5)
    items = [rng.choice("abcdefg") for _ in range(50)]
    positions = list(range(49, -1, -2))
    assert slices.mapped(str.upper, items) == list(map(str.upper, items))
    assert slices.mapped(str.upper, []) == []
    assert slices.picked(items, positions) == [items[p] for p in positions]
    assert slices.distinct(items) == list(dict.fromkeys(items))
    values = list(range(50))
    assert slices.zipped_dict(items, values) == dict(zip(items, values, strict=True))
    with pytest.raises(ValueError):
        slices.zipped_dict(items, values[:-1])


def test_sort_keys_across_slice_boundaries_equal_one_key_at_a_time(tiny_slices: None) -> None:
    from craftdesk.ui.table_columns import sort_key

    names = ["Typ 10", "typ 9", "Ärger", "", "Zoo 2", "zoo 10", "Typ 10", None, "Alpha"] * 3
    texts = [n for n in names if n is not None]
    assert sort_keys(texts) == [sort_key(t) for t in texts]  # the bulk path, in slices of 3
    assert sort_keys(names) == [sort_key(n) for n in names]


def test_big_columns_sort_and_key_alike_in_slices_and_at_once() -> None:
    """At the real slice size (tens of thousands of rows, many equal names)."""
    rng = random.Random(9)
    names = [f"{rng.choice(['Müller', 'Mueller', 'Weiß', ''])} {rng.randint(1, 900)}" for _ in range(40_000)]
    keys = sort_keys(names)
    for descending in (False, True):
        assert sort_order(keys, descending, sliced=True) == sort_order(keys, descending)


def test_a_table_read_on_the_reader_thread_equals_one_sorted_on_the_gui_thread() -> None:
    rng = random.Random(3)
    records = [
        (n, rng.choice(["Bäcker", "Zoo", "", "Alpha 10", "alpha 9"])) for n in range(slices.SLICE * 3 + 7)
    ]

    def keys_of(rows: list[tuple[int, str]]) -> list[object]:
        return sort_keys([name for _, name in rows])

    gui = RowSet(lambda r: r[0], lambda r: r[1])
    gui.set_sort(0, keys_of, True)
    gui.replace(records)
    reader = RowSet(lambda r: r[0], lambda r: r[1])
    reader.set_sort(0, keys_of, True)
    reader.adopt(reader.prepare(*presort(records, 0, True, keys_of(records))))
    assert reader.ids == gui.ids
    assert reader.all == gui.all


def test_no_sort_call_of_a_sliced_sort_covers_more_than_a_slice(monkeypatch: pytest.MonkeyPatch) -> None:
    """One ``sorted`` holds the GIL from start to end: the merges of whole runs it made
    before held it for 8-12 ms at 50,000 names and the window stood still 30-50 ms. Every
    C-level sort covers one slice now; the rest is merged in a Python loop."""
    import builtins

    calls: list[int] = []

    def counting(items: Any, **kwargs: Any) -> list[Any]:
        items = list(items)
        calls.append(len(items))
        return builtins.sorted(items, **kwargs)

    monkeypatch.setattr(slices, "sorted", counting, raising=False)
    rng = random.Random(4)
    keys = [rng.choice(["Müller", "Weiß", "Adler", "zoo"]) + str(rng.randint(0, 50)) for _ in range(30_000)]
    for descending in (False, True):
        calls.clear()
        got = slices.sorted_positions(keys.__getitem__, len(keys), descending)
        assert got == sorted(range(len(keys)), key=keys.__getitem__, reverse=descending)
        assert len(calls) > 1 and max(calls) <= slices.SLICE
