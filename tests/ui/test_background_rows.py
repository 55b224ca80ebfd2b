"""A big table is read on a helper thread (issue 13: the first look at 50,000 customers froze
the window for over a second): the tab says it is reading, the GUI thread stays free, and
rows changed while the read ran are shown as they are now, not as the read saw them."""

from __future__ import annotations

import gc
import sys
import threading
from decimal import Decimal
from typing import Any

import pytest
from fakes import FakeController
from PySide6.QtCore import Qt

from craftdesk.services.changes import Change, Scope
from craftdesk.store.models import Address, Article, Customer
from craftdesk.ui import articles_tab as articles_module
from craftdesk.ui import customers_tab as customers_module
from craftdesk.ui import record_tab
from craftdesk.ui.articles_tab import ArticlesTab
from craftdesk.ui.customers_tab import CustomersTab

ROWS = 60


@pytest.fixture(autouse=True)
def _unfrozen():
    """A big read freezes the heap for the collector; later tests get it unfrozen."""
    yield
    gc.unfreeze()


@pytest.fixture
def customer_ids(database, monkeypatch) -> list[int]:
    monkeypatch.setattr(record_tab, "BACKGROUND_ROWS", 20)
    Customer.insert_many(
        [
            {
                "kind": "organisation",
                "company": f"Firma {n:03}",
                "customer_number": str(1000 + n),
                "sevdesk_id": str(n),
            }
            for n in range(ROWS)
        ]
    ).execute()
    ids = [c.id for c in Customer.select(Customer.id).order_by(Customer.id)]
    Address.insert_many(
        [
            {"customer": cid, "kind": "postal", "street": "Weg 1", "zip": "70173", "city": "Stuttgart"}
            for cid in ids
        ]
    ).execute()
    return ids


def record_reads(monkeypatch: Any, module: Any, name: str) -> list[tuple[str, int | None]]:
    """Each call of the tab's loader ``module.name``: its thread, and how many ids it was
    given (None: the whole table)."""
    reads: list[tuple[str, int | None]] = []
    load = getattr(module, name)

    def recording(ids: Any = None) -> Any:
        reads.append((threading.current_thread().name, None if ids is None else len(list(ids))))
        return load(ids)

    monkeypatch.setattr(module, name, recording)
    return reads


def shown(qtbot: Any, tab: Any) -> Any:
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_big_table_is_read_off_the_gui_thread_and_says_so(qtbot, customer_ids, monkeypatch):
    reads = record_reads(monkeypatch, customers_module, "load_customer_rows")
    tab = shown(qtbot, CustomersTab(FakeController()))
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == ROWS, timeout=10000)
    assert reads == [("craftdesk-rows", None)]
    assert not tab.empty_hint.isVisible()
    assert f"{ROWS} von {ROWS}" in tab.count_label.text()


def test_rows_changed_during_the_read_show_their_new_state(qtbot, customer_ids, monkeypatch):
    release = threading.Event()
    started = threading.Event()
    load = customers_module.load_customer_rows

    def slow(ids: Any = None) -> Any:
        if ids is None:  # the full read: takes its time, sees the old state
            rows = load(ids)
            started.set()
            release.wait(10)
            return rows
        return load(ids)

    monkeypatch.setattr(customers_module, "load_customer_rows", slow)
    tab = shown(qtbot, CustomersTab(FakeController()))
    assert started.wait(10)
    assert tab.proxy.rowCount() == 0
    assert "gelesen" in tab.empty_hint.text()
    changed = customer_ids[7]
    Address.update(city="Esslingen").where(Address.customer == changed).execute()
    tab.controller.data_changed.emit(Change.of(Scope.NONE, customers={changed}))
    tab.search.setText("esslingen")
    release.set()
    qtbot.waitUntil(lambda: tab.model.total_count() == ROWS, timeout=10000)
    assert [tab.proxy.record_at(r).id for r in range(tab.proxy.rowCount())] == [changed]


def test_while_the_first_read_runs_the_count_says_nothing_instead_of_0_of_0(qtbot, customer_ids, monkeypatch):
    release = threading.Event()
    load = customers_module.load_customer_rows

    def held(ids: Any = None) -> Any:
        release.wait(10)
        return load(ids)

    monkeypatch.setattr(customers_module, "load_customer_rows", held)
    tab = shown(qtbot, CustomersTab(FakeController()))
    try:
        qtbot.waitUntil(lambda: tab._reader.running, timeout=5000)
        assert tab.count_label.text() == ""
        assert "gelesen" in tab.empty_hint.text()
    finally:
        release.set()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == ROWS, timeout=10000)
    assert f"{ROWS} von {ROWS}" in tab.count_label.text()


def test_a_failed_read_does_not_leave_the_tab_reading(qtbot, customer_ids, monkeypatch):
    def broken(ids: Any = None) -> Any:
        raise OSError("disk gone")

    monkeypatch.setattr(customers_module, "load_customer_rows", broken)
    raised: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: raised.append(exc))
    tab = shown(qtbot, CustomersTab(FakeController()))
    qtbot.waitUntil(lambda: bool(raised), timeout=10000)
    assert isinstance(raised[0], OSError)  # reported as a read on the GUI thread would be
    assert not tab._reader.running
    assert "gelesen" not in tab.empty_hint.text()
    assert tab.count_label.text()  # "0 von 0", not the empty line of a running read


def test_the_gui_thread_only_takes_over_what_the_reader_prepared(qtbot, customer_ids, monkeypatch):
    """Ids, search texts and sort keys of 50,000 rows took the GUI thread ~40 ms: the
    reader computes them; rows it made are frozen before the collector runs again."""
    threads: list[str] = []
    texts = CustomersTab.search_texts

    def recording(self: Any, records: Any) -> Any:
        threads.append(threading.current_thread().name)
        return texts(self, records)

    monkeypatch.setattr(CustomersTab, "search_texts", recording)
    monkeypatch.setattr(record_tab, "FREEZE_ROWS", 40)
    frozen = gc.get_freeze_count()
    tab = shown(qtbot, CustomersTab(FakeController()))
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == ROWS, timeout=10000)
    assert threads == ["craftdesk-rows"]
    assert gc.get_freeze_count() > frozen
    tab.search.setText("Firma 007")  # the first keystroke finds with the prepared texts
    assert tab.proxy.rowCount() == 1
    assert threads == ["craftdesk-rows"]


def test_a_table_below_the_freeze_limit_is_read_without_freezing_the_heap(qtbot, customer_ids):
    """A freeze keeps every garbage cycle alive at that moment from ever being collected:
    only tables of many rows that stay (FREEZE_ROWS) are worth it."""
    frozen = gc.get_freeze_count()
    tab = shown(qtbot, CustomersTab(FakeController()))
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == ROWS, timeout=10000)
    assert gc.get_freeze_count() == frozen


def test_a_big_article_table_is_read_off_the_gui_thread_too(qtbot, database, monkeypatch):
    """The first look at 20,000 articles held the window for ~200 ms: the Artikel tab
    counts its rows like the Kunden tab and reads a big table on the helper thread."""
    monkeypatch.setattr(record_tab, "BACKGROUND_ROWS", 20)
    Article.insert_many(
        [
            {"number": f"A-{n:03}", "name": f"Rohr {n}", "net_price": Decimal("2.50"), "active": n % 4 != 0}
            for n in range(ROWS)
        ]
    ).execute()
    reads = record_reads(monkeypatch, articles_module, "load_article_rows")
    tab = shown(qtbot, ArticlesTab(FakeController()))
    qtbot.waitUntil(lambda: tab.model.total_count() == ROWS, timeout=10000)
    assert reads == [("craftdesk-rows", None)]
    assert tab.proxy.rowCount() == ROWS * 3 // 4  # inactive ones hidden, as before (A4)
    tab.inactive_filter.setChecked(True)
    assert tab.proxy.rowCount() == ROWS


def test_many_changed_rows_are_read_with_the_table_off_the_gui_thread(qtbot, customer_ids, monkeypatch):
    """The first import of 50,000 customers into an open Kunden tab held the window 3.4 s
    while their rows were read by id: a few changed rows are read by id, many are read with
    the whole table on the helper thread."""
    monkeypatch.setattr(record_tab, "REFRESH_ROWS", 5)
    reads = record_reads(monkeypatch, customers_module, "load_customer_rows")
    tab = shown(qtbot, CustomersTab(FakeController()))
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == ROWS, timeout=10000)
    reads.clear()
    few, many = customer_ids[:5], customer_ids[5:15]
    Customer.update(company="Neu GmbH").where(Customer.id.in_(few + many)).execute()
    tab.controller.data_changed.emit(Change.of(Scope.NONE, customers=set(few)))
    assert reads == [("MainThread", 5)]
    tab.controller.data_changed.emit(Change.of(Scope.NONE, customers=set(many)))
    qtbot.waitUntil(lambda: not tab._reader.running, timeout=10000)
    assert reads == [("MainThread", 5), ("craftdesk-rows", None)]
    tab.search.setText("Neu GmbH")
    assert tab.proxy.rowCount() == 15


def test_replaced_rows_of_a_big_table_are_freed_a_slice_at_a_time(qtbot, monkeypatch):
    """50,000 replaced customer rows freed at once held the window ~40 ms."""
    import weakref

    from craftdesk.ui import let_go
    from craftdesk.ui.table_models import Column, RecordTableModel

    monkeypatch.setattr(let_go, "LET_GO_ROWS", 100)
    monkeypatch.setattr(let_go, "LET_GO_SLICE", 50)

    class Row:
        def __init__(self, n: int) -> None:
            self.id, self.name = n, f"Firma {n}"

    model = RecordTableModel([Column("name", "Name", lambda r: r.name)])
    first = [Row(n) for n in range(300)]
    model.set_records(first)
    watched = [weakref.ref(r) for r in first]
    del first
    turns = 0
    model.set_records([Row(n) for n in range(300, 310)])
    assert any(ref() is not None for ref in watched)  # not all at once
    while any(ref() is not None for ref in watched):
        qtbot.wait(1)
        turns += 1
        assert turns < 200
    assert [model.record(r).id for r in range(model.rowCount())] == list(range(300, 310))
    small = [Row(n) for n in range(5)]  # a small table: freed right away
    model.set_records(small)
    last = weakref.ref(small[0])
    del small
    model.set_records([])
    assert last() is None


def test_a_first_sort_by_any_column_only_sorts_once_the_keys_were_computed_ahead(
    qtbot, customer_ids, monkeypatch
):
    """The first click on the Kunden tab's E-Mail or Telefon header at 50,000 customers held
    the window up to 290 ms computing that column's keys: they are computed in slices while
    the window is idle, each slice an event-loop turn of its own."""
    from craftdesk.ui import sort_ahead, table_columns
    from craftdesk.ui.table_models import RecordTableModel

    monkeypatch.setattr(sort_ahead, "SLICE_ROWS", 7)
    monkeypatch.setattr(sort_ahead, "START_DELAY_MS", 0)
    slices: list[int] = []
    compute = RecordTableModel.compute_keys_ahead

    def counted(model: RecordTableModel, rows: int) -> bool:
        slices.append(rows)
        return compute(model, rows)

    monkeypatch.setattr(RecordTableModel, "compute_keys_ahead", counted)
    Customer.update(customer_number="K 9").where(Customer.id == customer_ids[3]).execute()
    tab = shown(qtbot, CustomersTab(FakeController()))
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == ROWS, timeout=10000)
    qtbot.waitUntil(lambda: not tab._sort_ahead.running, timeout=10000)
    # number, address, e-mail, phone: the name column came sorted, the others are few values
    assert len(slices) == 4 * -(-ROWS // 7) + 1
    computed: list[int] = []
    keys_of = table_columns.sort_keys
    monkeypatch.setattr(table_columns, "sort_keys", lambda values: computed.append(1) or keys_of(values))
    number = tab.model.column_of("number")
    tab.view.sortByColumn(number, Qt.SortOrder.AscendingOrder)
    assert computed == []
    shown_numbers = [tab.proxy.record_at(row).customer_number for row in range(ROWS)]
    assert shown_numbers[:2] == ["1000", "1001"] and shown_numbers[-1] == "K 9"


def test_a_reload_stops_the_keys_computed_ahead_for_the_rows_it_replaces(qtbot, customer_ids, monkeypatch):
    from craftdesk.ui import sort_ahead

    monkeypatch.setattr(sort_ahead, "START_DELAY_MS", 60000)  # waiting to begin all along
    tab = shown(qtbot, CustomersTab(FakeController()))
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == ROWS, timeout=10000)
    assert tab._sort_ahead.running
    tab.reload()
    assert tab._reader.running and not tab._sort_ahead.running
    qtbot.waitUntil(lambda: not tab._reader.running, timeout=10000)
    assert tab._sort_ahead.running  # again, for the rows read anew

    def broken(ids: Any = None) -> Any:
        raise OSError("disk gone")

    monkeypatch.setattr(customers_module, "load_customer_rows", broken)
    raised: list[BaseException] = []
    monkeypatch.setattr(sys, "excepthook", lambda _t, exc, _tb: raised.append(exc))
    tab.reload()
    qtbot.waitUntil(lambda: bool(raised), timeout=10000)
    assert tab.proxy.rowCount() == ROWS and tab._sort_ahead.running  # for the rows still shown
