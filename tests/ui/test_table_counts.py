"""Kunden and Artikel tables at scale (issue 13): what a keystroke, a sort and a 3-row import
do, counted — never timed. A keystroke and a sort read nothing from the database, fold no
search text and format only the rows on screen; a sort computes each row's key once per
column; an import that changed 3 customers reads those 3 and updates 3 rows in place."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from fakes import FakeController
from PySide6.QtCore import Qt

from craftdesk.services.changes import Change, Scope
from craftdesk.store.models import Address, Article, Customer, db
from craftdesk.ui.articles_tab import ArticlesTab
from craftdesk.ui.customers_tab import CustomersTab
from craftdesk.ui.record_tab import RecordTab
from craftdesk.ui.table_columns import Column

ROWS = 600


@pytest.fixture
def many_customers(database) -> list[int]:
    Customer.insert_many(
        [
            {
                "kind": "person",
                "first_name": f"Vorname{n}",
                "last_name": f"Kunde{n:04}",
                "customer_number": str(10000 + (n * 7919) % ROWS),
                "sevdesk_id": str(n + 1),
            }
            for n in range(ROWS)
        ]
    ).execute()
    ids = [c.id for c in Customer.select(Customer.id).order_by(Customer.id)]
    Address.insert_many(
        [
            {
                "customer": cid,
                "kind": "postal",
                "street": "Hauptstraße 1",
                "zip": "70173",
                "city": "Stuttgart",
            }
            for cid in ids
        ]
    ).execute()
    return ids


class Counts:
    """What a tab's model and the database were asked to do."""

    def __init__(self, tab: RecordTab, monkeypatch: pytest.MonkeyPatch) -> None:
        self.queries = 0
        self.sql: list[str] = []
        self.search_texts = 0  # records whose search text was built
        self.sort_keys = 0  # records whose sort key was computed
        self.formatted: set[Any] = set()  # records whose cells were formatted or read
        self.resets = self.layouts = 0
        self.changed_rows: set[int] = set()
        database = db.obj
        execute_sql = database.execute_sql

        def counting_sql(*args: Any, **kwargs: Any) -> Any:
            self.queries += 1
            self.sql.append(str(args[0])[:60])
            return execute_sql(*args, **kwargs)

        monkeypatch.setattr(database, "execute_sql", counting_sql)
        rows = tab.model._rows
        one, many = rows.search_text, rows.search_texts

        def counting_one(record: Any) -> str:
            self.search_texts += 1
            return one(record)

        def counting_many(records: Any) -> list[str]:
            self.search_texts += len(records)
            return many(records)

        monkeypatch.setattr(rows, "search_text", counting_one)
        monkeypatch.setattr(rows, "search_texts", counting_many)
        sort_keys = Column.sort_keys

        def counting_keys(column: Column, records: Any) -> list[Any]:
            self.sort_keys += len(records)
            return sort_keys(column, records)

        monkeypatch.setattr(Column, "sort_keys", counting_keys)
        shown = tab.model._shown

        def counting_shown(row: int) -> Any:
            self.formatted.add(tab.model.record(row).id)
            return shown(row)

        monkeypatch.setattr(tab.model, "_shown", counting_shown)
        tab.model.modelAboutToBeReset.connect(lambda: setattr(self, "resets", self.resets + 1))
        tab.model.layoutAboutToBeChanged.connect(lambda *_: setattr(self, "layouts", self.layouts + 1))
        tab.model.dataChanged.connect(
            lambda first, last, *_: self.changed_rows.update(range(first.row(), last.row() + 1))
        )

    def clear(self) -> None:
        self.queries = self.search_texts = self.sort_keys = self.resets = self.layouts = 0
        self.formatted.clear()
        self.changed_rows.clear()


def _shown(qtbot: Any, tab: RecordTab) -> RecordTab:
    qtbot.addWidget(tab)
    tab.resize(900, 420)
    tab.show()
    qtbot.waitExposed(tab)
    qtbot.waitUntil(lambda: not tab._reader.running, timeout=10000)  # a big table: read on a helper thread
    qtbot.wait(10)
    return tab


@pytest.fixture
def customers(qtbot, many_customers) -> CustomersTab:
    tab = _shown(qtbot, CustomersTab(FakeController()))
    assert isinstance(tab, CustomersTab)
    return tab


def _repaint(qtbot: Any, tab: RecordTab) -> None:
    tab.view.viewport().repaint()
    qtbot.wait(1)


def test_keystrokes_read_no_database_fold_no_text_and_format_only_visible_rows(customers, qtbot, monkeypatch):
    counts = Counts(customers, monkeypatch)
    shown_rows = customers.view.rowAt(customers.view.viewport().height() - 1) + 2
    assert 5 < shown_rows < 40
    for text in ("k", "ku", "kun", "kund", "kunde", "kunde0", "kunde01"):
        counts.clear()
        customers.search.setText(text)
        _repaint(qtbot, customers)
        assert (counts.queries, counts.search_texts, counts.sort_keys) == (0, 0, 0)
        assert counts.resets + counts.layouts == 1  # one notification, no per-row signals
        assert len(counts.formatted) <= shown_rows  # not the 600 matching rows
    assert customers.proxy.rowCount() == 100
    counts.clear()
    customers.search.setText("kunde01 ")  # the same words: nothing to do
    assert counts.resets + counts.layouts == 0


def test_sorting_computes_each_key_once_per_column_and_reads_no_database(customers, qtbot, monkeypatch):
    counts = Counts(customers, monkeypatch)
    number, name = customers.model.column_of("number"), customers.model.column_of("name")
    expected = [(number, Qt.SortOrder.AscendingOrder, ROWS), (number, Qt.SortOrder.DescendingOrder, 0)]
    expected += [(name, Qt.SortOrder.DescendingOrder, 0), (number, Qt.SortOrder.AscendingOrder, 0)]
    for column, order, keys in expected:  # the name keys were computed when the tab loaded
        counts.clear()
        customers.view.sortByColumn(column, order)
        _repaint(qtbot, customers)
        assert (counts.queries, counts.search_texts, counts.sort_keys) == (0, 0, keys)
        assert (counts.resets, counts.layouts) == (0, 1)
        assert len(counts.formatted) < 40
    numbers = [customers.proxy.index(r, number).data() for r in range(ROWS)]
    assert numbers == sorted(numbers)
    customers.search.setText("kunde01")  # a sort keeps the search hits: no new search
    counts.clear()
    customers.view.sortByColumn(name, Qt.SortOrder.AscendingOrder)
    assert counts.search_texts == 0
    assert [customers.proxy.index(r, name).data() for r in range(customers.proxy.rowCount())] == [
        f"Vorname{n} Kunde{n:04}" for n in range(100, 200)
    ]


def test_import_changing_three_customers_updates_three_rows_without_reset(
    customers, many_customers, monkeypatch
):
    changed = many_customers[100:103]
    Address.update(city="Esslingen").where(Address.customer.in_(changed)).execute()
    counts = Counts(customers, monkeypatch)
    customers.controller.data_changed.emit(Change.of(Scope.NONE, customers=set(changed)))
    assert (counts.resets, counts.layouts) == (0, 0)
    assert len(counts.changed_rows) == 3
    assert counts.queries == 3, counts.sql  # addresses, contact ways, customers: of 3 ids
    assert counts.search_texts == 3  # the three rows only


def test_article_filter_checkbox_asks_each_row_once_not_per_keystroke(qtbot, database, monkeypatch):
    Article.insert_many(
        [
            {
                "number": f"A{n:04}",
                "name": f"Schraube {n}",
                "unit": "Stk",
                "net_price": Decimal("1.50"),
                "vat_rate": Decimal(19),
                "active": n % 3 != 0,
            }
            for n in range(ROWS)
        ]
    ).execute()
    calls = []
    original = ArticlesTab.add_filter_checkbox

    def counting_box(tab: ArticlesTab, text: str, name: str, hide: Any, checked: bool = True) -> Any:
        def counted(row: Any) -> bool:
            calls.append(row.id)
            return bool(hide(row))

        return original(tab, text, name, counted, checked)

    monkeypatch.setattr(ArticlesTab, "add_filter_checkbox", counting_box)
    tab = _shown(qtbot, ArticlesTab(FakeController()))
    assert tab.proxy.rowCount() == ROWS - ROWS // 3  # inactive ones hidden
    calls.clear()
    for text in ("s", "sc", "schraube", "schraube 12"):
        tab.search.setText(text)
    assert calls == []
    assert tab.proxy.rowCount() == len([n for n in range(ROWS) if n % 3 and "12" in str(n)])


def test_saving_one_customer_reads_that_row_only(customers, many_customers, monkeypatch):
    target = many_customers[5]

    def edit(record: Any) -> int:
        Customer.update(last_name="Aaa").where(Customer.id == target).execute()
        return target

    monkeypatch.setattr(customers, "open_editor", edit)
    reloads: list[int] = []
    monkeypatch.setattr(customers, "reload", lambda: reloads.append(1))
    counts = Counts(customers, monkeypatch)
    customers.view.sortByColumn(customers.model.column_of("name"), Qt.SortOrder.AscendingOrder)
    counts.clear()
    customers.create_record()
    assert reloads == []
    assert counts.search_texts <= 2  # the saved row (tried in place, then moved), not 600
    assert customers.selected_record().id == target
    assert customers.proxy.index(0, 0).data() == "Vorname5 Aaa"  # at its sorted place
