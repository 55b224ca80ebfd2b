"""The Qt-free rows behind a record table (issue 13): after any sequence of sorts, searches,
filters, in-place updates and restructures, the rows are exactly what a plain recomputation
gives — the C-level shortcuts (bulk folding, raw sort keys, cached masks) change no result."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from operator import attrgetter
from typing import Any

from craftdesk.services.search import fold, fold_all, haystack, haystacks, matching, query_terms
from craftdesk.ui.row_set import KeysOf, RowSet, full_key, presort
from craftdesk.ui.table_columns import sort_key, sort_keys

WORDS = ["Müller", "Mueller", "Weiß", "Weiss", "Straße", "Bäckerei", "Café", "Łódź", "zoo", "Alpha", ""]


@dataclass(frozen=True)
class Rec:
    id: int
    name: str
    number: int | None
    active: bool


def make(rng: random.Random, rid: int) -> Rec:
    name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 2)))
    return Rec(rid, name, rng.choice([None, 1, 2, 3, rid]), rng.random() < 0.7)


def search_text(rec: Rec) -> str:
    return haystack([rec.name])


KEYS = {
    0: lambda recs: sort_keys([r.name for r in recs]),
    1: lambda recs: sort_keys([r.number for r in recs]),
}


def expected_visible(rows: RowSet, query: str, only_active: bool) -> list[int]:
    terms = query_terms(query)
    return [
        r.id
        for r in rows.all
        if (not terms or matching([search_text(r)], terms) == [0]) and (r.active or not only_active)
    ]


def check_sorted(rows: RowSet, column: int, descending: bool) -> None:
    keys = [full_key(sort_key(r.name if column == 0 else r.number), descending) for r in rows.all]
    assert keys == sorted(keys, reverse=descending)


def test_row_set_stays_consistent_through_random_operations() -> None:
    rng = random.Random(13)
    rows = RowSet(attrgetter("id"), search_text, lambda recs: [search_text(r) for r in recs])
    records = {i: make(rng, i) for i in range(300)}
    rows.replace(records.values())
    query, only_active, sort = "", False, (0, False)
    next_id = 300
    for _ in range(200):
        action = rng.choice(["sort", "search", "filter", "update", "restructure", "ahead"])
        if action == "ahead":  # a slice of a column's keys computed ahead, the rows changing meanwhile
            rows.keys_ahead(list(KEYS.items()), rng.randint(1, 120))
        elif action == "sort":
            sort = (rng.choice([0, 1]), rng.random() < 0.5)
            rows.set_sort(sort[0], KEYS[sort[0]], sort[1])
        elif action == "search":
            query = rng.choice(["", "mu", "mül", "weis", "strasse", "a", "zo", "lodz"])
            rows.set_terms(query_terms(query))
        elif action == "filter":
            only_active = not only_active
            rows.set_predicate("active", attrgetter("active") if only_active else None)
            rows.refilter(rematch=False)  # as the table model does: the search hits stand
        elif action == "update":
            changed = [make(rng, rid) for rid in rng.sample(sorted(records), 3)]
            if rows.update_in_place(changed) is None:
                rows.restructure(changed, set())
            records.update((r.id, r) for r in changed)
        else:
            removed = set(rng.sample(sorted(records), 2))
            added = [make(rng, next_id), make(rng, next_id + 1)]
            next_id += 2
            rows.restructure(added, removed)
            for rid in removed:
                del records[rid]
            records.update((r.id, r) for r in added)
        assert sorted(r.id for r in rows.all) == sorted(records)
        assert [r.id for r in rows.all] == rows.ids
        assert all(records[r.id] is r for r in rows.all)
        if rows.sorted_by() is not None:
            check_sorted(rows, sort[0], sort[1])
        assert [r.id for r in rows.visible] == expected_visible(rows, query, only_active)
        assert rows.visible_ids() == [r.id for r in rows.visible]


def test_bulk_folding_equals_folding_one_by_one() -> None:
    texts = [*WORDS, "ΣΑΣ", "MAẞE", "Ærø", "Œuvre", "ﬁsh ²", "x\x00y", "Straße ¨ Ärger"]
    assert fold_all(texts) == [fold(t) for t in texts]
    assert fold_all([t for t in texts if "\x00" not in t]) == [fold(t) for t in texts if "\x00" not in t]
    assert fold_all([]) == []
    rows = [(a, b) for a in texts for b in ("", "Müller 7", "ok")]
    assert haystacks(rows) == [haystack(r) for r in rows]
    numbers = ["+49 (0)711 62-03", "", "0711 6203", "0043 1 234", "+43 1 234", "٣٤ 5", "\xa0+49 170 1", "-"]
    phones = [[numbers[(n + k) % len(numbers)] for k in range(n % 4)] for n in range(len(rows))]
    assert haystacks(rows, phones) == [haystack(r, p) for r, p in zip(rows, phones, strict=True)]


def test_sort_keys_in_bulk_equal_sort_key_per_value() -> None:
    numbered = ["Typ 10018", "typ 1018", "K-999", "K-1000", "", "x\x00 7", "٣٤ Ä", "007"]
    few = ["aktiv", "Typ 10", "Ärger 9", "aktiv"] * 4  # few distinct texts: one key each
    for values in (["b", "Ä", "a"], ["x", None, "y"], [3, None, 1], [True, False], numbered, few):
        assert sort_keys(values) == [sort_key(v) for v in values]


def test_numbers_in_texts_sort_by_their_value() -> None:
    names = ["Abflussrohr Typ 10018", "abflussrohr typ 1018", "Abflussrohr Typ 999", "Abflussrohr Typ"]
    keys = sort_keys(names)
    assert [names[i] for i in sorted(range(len(names)), key=keys.__getitem__)] == [
        "Abflussrohr Typ",
        "Abflussrohr Typ 999",
        "abflussrohr typ 1018",
        "Abflussrohr Typ 10018",
    ]
    sizes = [
        "Aderendhülse 0,75 mm²",
        "Aderendhülse 0,5 mm²",
        "Aderendhülse 0,14 mm²",
        "NYM-J 3x1,5",
        "NYM-J 3x10",
    ]
    keys = sort_keys(sizes)  # decimals after a comma or point sort as text does: by value
    assert [sizes[i] for i in sorted(range(len(sizes)), key=keys.__getitem__)] == [
        "Aderendhülse 0,14 mm²",
        "Aderendhülse 0,5 mm²",
        "Aderendhülse 0,75 mm²",
        "NYM-J 3x1,5",
        "NYM-J 3x10",
    ]
    assert sort_key("Rohr 1,25 Zoll") < sort_key("Rohr 1,5 Zoll") < sort_key("Rohr 2 Zoll")
    numbers = ["1000", "999", "A-10", "A-9", "Ärger"]
    keys = sort_keys(numbers)
    assert sorted(numbers, key=lambda n: keys[numbers.index(n)]) == ["999", "1000", "A-9", "A-10", "Ärger"]


def test_a_row_changed_in_place_sorts_by_its_new_value_in_every_other_column() -> None:
    # Sorted by name once (its keys cached), then by number; a record's name changes while
    # its number keeps its place: sorted by name again, it goes where its new name belongs.
    rows = RowSet(attrgetter("id"), search_text)
    rows.replace([Rec(1, "Zell", 1, True), Rec(2, "Aue", 2, True), Rec(3, "Bonn", 3, True)])
    rows.set_sort(0, KEYS[0], False)
    assert rows.ids == [2, 3, 1]
    rows.set_sort(1, KEYS[1], False)
    assert rows.update_in_place([Rec(1, "Aachen", 1, True)]) == [0]
    rows.set_sort(0, KEYS[0], False)
    assert rows.ids == [1, 2, 3]
    check_sorted(rows, 0, False)


def test_a_row_a_filter_hides_is_searched_again_when_it_changes() -> None:
    # Searching "mu" with inactive rows hidden: two hidden rows change their names. Once the
    # filter is off, the one now called "Mus" is a hit and the former "Müller" is not.
    rows = RowSet(attrgetter("id"), search_text)
    rows.replace([Rec(1, "Müller", 1, False), Rec(2, "Muster", 2, True), Rec(3, "Zoo", 3, False)])
    rows.set_predicate("active", attrgetter("active"))
    rows.refilter(rematch=False)
    rows.set_terms(query_terms("mu"))
    assert [r.id for r in rows.visible] == [2]
    changed = [Rec(1, "Zoo", 1, False), Rec(3, "Mus", 3, False)]
    if rows.update_in_place(changed) is None:
        rows.restructure(changed, set())
    assert [r.id for r in rows.visible] == [2]
    rows.set_predicate("active", None)
    rows.refilter(rematch=False)
    assert sorted(r.id for r in rows.visible) == [2, 3]


def test_empty_values_sort_last_in_either_direction() -> None:
    # Sorted by e-mail or phone, the customers that have one come first, up or down.
    rows = RowSet(attrgetter("id"), search_text)
    rows.replace(
        [Rec(1, "", None, True), Rec(2, "b", 2, True), Rec(3, "a", None, True), Rec(4, "c", 1, True)]
    )
    for descending, names, inserted, numbers in (
        (False, [3, 2, 4, 1], [3, 2, 6, 4, 1, 5], [4, 2, 3, 1]),
        (True, [4, 2, 3, 1], [4, 6, 2, 3, 1, 5], [2, 4, 3, 1]),
    ):
        rows.set_sort(0, KEYS[0], descending)
        assert rows.ids == names
        rows.restructure([Rec(5, "", 3, True), Rec(6, "bb", None, True)], set())  # each at its place
        assert rows.ids == inserted
        rows.restructure([], {5, 6})
        rows.set_sort(1, KEYS[1], descending)  # equal (empty) keys keep their order
        assert rows.ids == numbers


def test_keys_computed_ahead_make_a_first_sort_only_sort() -> None:
    rng = random.Random(5)
    computed: list[int] = []

    def counting(column: int) -> KeysOf:
        def keys_of(recs: Sequence[Rec]) -> list[Any]:
            computed.append(len(recs))
            return KEYS[column](recs)

        return keys_of

    rows = RowSet(attrgetter("id"), search_text)
    rows.replace(make(rng, i) for i in range(250))
    columns = [(0, counting(0)), (1, counting(1))]
    slices = 0
    while rows.keys_ahead(columns, 100):
        slices += 1
        if slices == 4:  # the second column half done: two rows change, one goes
            rows.update_in_place([replace(rows.all[5], name="Zz 1")])
            rows.restructure([replace(rows.all[9], number=-1)], {rows.ids[11]})
    assert slices == 6 and computed == [100, 100, 50, 100, 100, 50]
    computed.clear()
    for column in (0, 1):
        rows.set_sort(column, counting(column), False)
        check_sorted(rows, column, False)
    assert computed == [2, 2]  # only the two changed rows, in each column


def test_rows_sorted_on_a_reader_thread_equal_rows_sorted_by_the_row_set() -> None:
    rng = random.Random(7)
    records = [make(rng, i) for i in range(400)]
    for column in (0, 1):
        for descending in (False, True):
            here = RowSet(attrgetter("id"), search_text)
            here.set_sort(column, KEYS[column], descending)
            here.replace(records)
            there = RowSet(attrgetter("id"), search_text)
            there.set_sort(column, KEYS[column], descending)
            there.replace(*presort(records, column, descending, KEYS[column](records)))
            assert there.ids == here.ids
            other = (column + 1) % 2  # sorted by another column meanwhile: sorted again
            late = RowSet(attrgetter("id"), search_text)
            late.set_sort(other, KEYS[other], descending)
            late.replace(*presort(records, column, descending, KEYS[column](records)))
            check_sorted(late, other, descending)


def test_rows_prepared_on_a_reader_thread_equal_rows_replaced_on_the_gui_thread() -> None:
    rng = random.Random(11)
    records = [make(rng, i) for i in range(300)]
    for column, descending in ((0, False), (1, True)):
        here = RowSet(attrgetter("id"), search_text)
        here.set_sort(column, KEYS[column], descending)
        here.set_predicate("active", attrgetter("active"))
        here.set_terms(query_terms("mü"))
        here.replace(records)
        there = RowSet(attrgetter("id"), search_text)
        there.set_sort(column, KEYS[column], descending)
        there.set_predicate("active", attrgetter("active"))
        there.set_terms(query_terms("mü"))
        prepared = there.prepare(*presort(records, column, descending, KEYS[column](records)))
        assert there.all == []  # preparing changes nothing yet
        there.adopt(prepared)
        assert there.ids == here.ids
        assert there.haystacks() == here.haystacks()
        assert [r.id for r in there.visible] == [r.id for r in here.visible]
        assert there.visible and len(there.visible) < len(records)


def test_a_filter_changed_while_rows_were_prepared_is_applied_when_they_are_adopted() -> None:
    rng = random.Random(12)
    records = [make(rng, i) for i in range(200)]
    rows = RowSet(attrgetter("id"), search_text)
    rows.set_predicate("active", attrgetter("active"))
    prepared = rows.prepare(records)
    rows.set_predicate("active", lambda r: not r.active)  # the user ticked the box meanwhile
    rows.set_predicate("named", lambda r: bool(r.name))  # and another filter came
    rows.adopt(prepared)
    assert [r.id for r in rows.visible] == [r.id for r in records if not r.active and r.name]
    rows.set_predicate("active", None)
    rows.set_predicate("named", None)
    rows.refilter()
    assert [r.id for r in rows.visible] == [r.id for r in records]


def test_adopting_rows_hands_over_everything_that_held_the_old_ones() -> None:
    import gc
    import weakref

    rng = random.Random(14)
    rows = RowSet(attrgetter("id"), search_text)
    rows.set_sort(0, KEYS[0], False)
    rows.set_predicate("active", attrgetter("active"))
    rows.set_terms(query_terms("a"))
    old = [make(rng, i) for i in range(50)]
    rows.replace(old)
    rows.row_of_id(old[3].id)
    watched = weakref.ref(old[3])
    replaced = rows.adopt(rows.prepare([make(rng, i) for i in range(50, 80)]))
    del old
    gc.collect()
    assert watched() is not None  # still held by what adopt handed over
    replaced.clear()
    assert watched() is None  # nothing else of the row set held it
    check_sorted(rows, 0, False)
    shown = list(rows.all)
    replaced = rows.adopt(rows.prepare(rows.all))  # the shown rows again: not handed back
    for held in replaced:
        held.clear()
    assert rows.all == shown


def test_a_sorted_table_that_shrinks_while_a_search_is_active_shows_the_new_hits() -> None:
    """The search hits of the old rows were permuted with the new rows' sort order: a
    reload with fewer rows while searching raised IndexError."""
    rng = random.Random(15)
    rows = RowSet(attrgetter("id"), search_text)
    rows.set_sort(0, KEYS[0], True)
    rows.set_terms(query_terms("a"))
    rows.replace([make(rng, i) for i in range(80)])
    fewer = [make(rng, i) for i in range(100, 120)]
    rows.replace(fewer)
    assert [r.id for r in rows.visible] == expected_visible(rows, "a", False)
    assert {r.id for r in rows.all} == {r.id for r in fewer}
