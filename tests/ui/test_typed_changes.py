"""Typed change notifications (issue 11, item 4) and what the tables show (issue 15).

Views reload only what changed: nothing for an import that changed nothing, the named rows
when the ids are known, a whole table only when they are not. Counts, not times.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from fakes import FakeController
from PySide6.QtCore import Qt

from craftdesk.context import AppContext, MemoryTokenStore
from craftdesk.services import projects
from craftdesk.services.changes import NOTHING, Change, Scope
from craftdesk.services.importer import CollectionCounts, ImportResult
from craftdesk.store.models import Address, Article, ContactInfo, Customer, Project
from craftdesk.sync.controller import SyncController
from craftdesk.ui.articles_tab import ArticlesTab
from craftdesk.ui.customers_tab import CustomersTab
from craftdesk.ui.main_window import MainWindow
from craftdesk.ui.projects_tab import ProjectsTab


def _person(first: str, last: str, number: str, phone: str = "") -> Customer:
    customer = Customer.create(
        kind="person", first_name=first, last_name=last, customer_number=number, sevdesk_id=number
    )
    Address.create(customer=customer, kind="postal", street="Hauptstraße 1", zip="70173", city="Stuttgart")
    if phone:
        ContactInfo.create(customer=customer, kind="phone", value=phone)
    return customer


@pytest.fixture
def people(database) -> list[Customer]:
    return [
        _person("Anna", "Zimmermann", "1001"),
        _person("Jürgen", "Müller", "1002"),
        _person("Bernd", "Becker", "1003", phone="+49 711 6203300"),
        _person("Zora", "Albrecht", "1004"),
    ] + [_person("Vorname", f"Kunde{n:03}", str(2000 + n)) for n in range(40)]


@pytest.fixture
def customers_tab(qtbot, people):
    tab = CustomersTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


class _Spy:
    """Counts what a tab does: full reloads, rows read, rows announced as changed."""

    def __init__(self, tab: CustomersTab | ArticlesTab, monkeypatch: pytest.MonkeyPatch) -> None:
        self.reloads = 0
        self.loaded: list[set[int] | None] = []
        self.changed_rows: set[int] = set()
        load, reload = tab.load_records_by_ids, tab.reload

        def counting_load(ids):
            self.loaded.append(None if ids is None else set(ids))
            return load(ids)

        def counting_reload():
            self.reloads += 1
            reload()

        monkeypatch.setattr(tab, "load_records_by_ids", counting_load)
        monkeypatch.setattr(tab, "reload", counting_reload)
        tab.model.dataChanged.connect(
            lambda first, last, *_: self.changed_rows.update(range(first.row(), last.row() + 1))
        )


def _import_result(customer_ids: set[int], article_ids: set[int] = frozenset()) -> ImportResult:
    result = ImportResult("all")
    result.collections["customers"] = CollectionCounts("customers", changed_ids=set(customer_ids))
    result.collections["articles"] = CollectionCounts("articles", changed_ids=set(article_ids))
    return result


def test_import_that_changed_three_customers_updates_three_rows(customers_tab, people, monkeypatch):
    spy = _Spy(customers_tab, monkeypatch)
    changed = people[5:8]
    for c in changed:
        Address.update(city="Esslingen").where(Address.customer == c.id).execute()
    change = _import_result({c.id for c in changed}).change
    assert change.ids(Scope.CUSTOMERS) == {c.id for c in changed}
    customers_tab.controller.data_changed.emit(change)

    assert spy.reloads == 0
    assert spy.loaded == [{c.id for c in changed}]  # three rows read, not 44
    assert len(spy.changed_rows) == 3
    customers_tab.search.setText("esslingen")
    assert {r.id for r in map(customers_tab.proxy.record_at, range(customers_tab.proxy.rowCount()))} == {
        c.id for c in changed
    }


def test_renamed_customers_move_to_their_sorted_place(customers_tab, people, monkeypatch):
    spy = _Spy(customers_tab, monkeypatch)
    Customer.update(last_name="Aaron").where(Customer.id == people[10].id).execute()
    customers_tab.controller.data_changed.emit(Change.of(Scope.NONE, customers={people[10].id}))
    assert spy.reloads == 0 and spy.loaded == [{people[10].id}]
    assert customers_tab.proxy.index(0, 0).data() == "Vorname Aaron"


def test_import_that_changed_nothing_refreshes_nothing(customers_tab, monkeypatch):
    spy = _Spy(customers_tab, monkeypatch)
    assert not _import_result(set()).change
    customers_tab.controller.data_changed.emit(NOTHING)
    customers_tab.controller.data_changed.emit(_import_result(set()).change)
    assert (spy.reloads, spy.loaded, spy.changed_rows) == (0, [], set())


def test_new_and_flagged_customers_appear_as_rows_in_place(customers_tab, monkeypatch):
    spy = _Spy(customers_tab, monkeypatch)
    customers_tab.search.setText("mül")
    selected = Customer.get(Customer.last_name == "Müller")
    assert customers_tab.select_record(selected.id)
    fresh = _person("Mia", "Müllerin", "3001")
    customers_tab.controller.data_changed.emit(Change.of(Scope.NONE, customers={fresh.id}))
    assert spy.reloads == 0
    assert customers_tab.proxy.rowCount() == 2  # the new one matches the search too
    assert customers_tab.selected_record().id == selected.id
    assert customers_tab.count_label.text().startswith("2 von 45")


def test_hidden_tab_collects_changed_rows_until_shown(qtbot, people, monkeypatch):
    tab = CustomersTab(FakeController())
    qtbot.addWidget(tab)
    spy = _Spy(tab, monkeypatch)
    tab.controller.data_changed.emit(Change.of(Scope.NONE, customers={people[0].id}))
    tab.controller.data_changed.emit(Change.of(Scope.NONE, customers={people[1].id}))
    assert spy.loaded == []
    tab.show()
    qtbot.waitExposed(tab)
    assert spy.loaded == [{people[0].id, people[1].id}] and spy.reloads == 0


def test_unknown_ids_reload_the_table(customers_tab, monkeypatch):
    spy = _Spy(customers_tab, monkeypatch)
    customers_tab.controller.data_changed.emit("customers")  # a name: ids unknown
    assert spy.reloads == 1


def test_I15_7_order_import_refreshes_customers_and_articles(qtbot, sandbox, ctx):
    """An order import brings new articles and customers: their tabs show them at once."""
    controller = FakeController(ctx)
    articles, customers = ArticlesTab(controller), CustomersTab(controller)
    for tab in (articles, customers):
        qtbot.addWidget(tab)
        tab.show()
    assert articles.model.total_count() == 0
    from craftdesk.ui.dialogs.order_import_dialog import OrderImportDialog

    dialog = OrderImportDialog(controller)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.proxy.rowCount() > 0, timeout=10000)
    first = next(o for o in dialog.model.records() if not o.imported)
    dialog.model.set_checked(first.sevdesk_id, True)
    dialog.import_checked()
    qtbot.waitUntil(lambda: Project.select().count() == 1, timeout=10000)
    assert articles.model.total_count() == Article.select().count() > 0
    assert customers.model.total_count() == Customer.select().count() > 0
    articles.search.setText(Article.select().first().number)
    assert articles.proxy.rowCount() >= 1


def test_I15_11_persons_sort_by_last_name(customers_tab):
    customers_tab.view.sortByColumn(customers_tab.model.column_of("name"), Qt.SortOrder.AscendingOrder)
    names = [customers_tab.proxy.index(r, 0).data() for r in range(4)]
    assert names == ["Zora Albrecht", "Bernd Becker", "Vorname Kunde000", "Vorname Kunde001"]


@pytest.mark.parametrize("query", ["muller", "MUELLER", "jürgen müller", "Jurgen"])
def test_I15_15_search_folds_umlauts(customers_tab, query):
    customers_tab.search.setText(query)
    assert [customers_tab.proxy.index(r, 0).data() for r in range(customers_tab.proxy.rowCount())] == [
        "Jürgen Müller"
    ]


@pytest.mark.parametrize("query", ["0711 620", "7116203300", "07116203300", "+49 711 6203300"])
def test_I15_15_search_finds_phone_numbers_by_digits(customers_tab, query):
    customers_tab.search.setText(query)
    assert customers_tab.proxy.rowCount() == 1
    assert customers_tab.proxy.index(0, 0).data() == "Bernd Becker"


def test_search_narrows_and_widens_again(customers_tab):
    customers_tab.search.setText("kunde0")
    assert customers_tab.proxy.rowCount() == 40
    customers_tab.search.setText("kunde00")
    assert customers_tab.proxy.rowCount() == 10
    customers_tab.search.setText("kunde001")
    assert customers_tab.proxy.rowCount() == 1
    customers_tab.search.setText("kunde")
    assert customers_tab.proxy.rowCount() == 40


def test_I15_16_project_search_matches_data_not_decoration(qtbot, database):
    customer = _person("Eva", "Fertig", "5001")
    first = projects.create_project(title="Bad sanieren", customer_id=customer.id)
    projects.create_project(title="Dach decken")
    del first
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.search.setText("fertig")  # every project row reads "… fertig" or "keine Termine"
    titles = [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]
    assert titles == ["Bad sanieren"]  # found through its customer's name only
    tab.search.setText("von")
    assert tab.proxy.rowCount() == 0
    tab.search.setText("dach")
    assert [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())] == ["Dach decken"]


def test_projects_tab_ignores_customers_it_does_not_name(qtbot, database, monkeypatch):
    named = _person("Eva", "Kundin", "6001")
    other = _person("Max", "Fremd", "6002")
    kitchen = projects.create_project(title="Küche", customer_id=named.id)
    projects.create_project(title="Bad")
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    calls: list[object] = []
    original, refresh = tab.reload, tab.refresh_projects
    monkeypatch.setattr(tab, "reload", lambda: (calls.append("all"), original())[1])
    monkeypatch.setattr(tab, "refresh_projects", lambda ids: (calls.append(set(ids)), refresh(ids))[1])
    tab.controller.data_changed.emit(Change.of(Scope.NONE, customers={other.id}))
    tab.controller.data_changed.emit(Change.of(Scope.NONE, articles={1}))
    assert calls == []
    tab.controller.data_changed.emit(Change.of(Scope.NONE, customers={named.id}))
    assert calls == [{kitchen.id}]  # T6: only the project that names the customer


def test_window_loads_only_the_tab_it_shows(qtbot, data_dir, sandbox, database, monkeypatch):
    _person("Eva", "Kundin", "7001")
    Article.create(
        number="A-1",
        name="Schraube",
        unit="Stk",
        net_price=Decimal(1),
        vat_rate=Decimal(19),
        sevdesk_id="1",
        created_at=datetime.now(),
    )
    loaded: list[str] = []
    for cls in (CustomersTab, ArticlesTab):
        original = cls.load_records
        monkeypatch.setattr(
            cls,
            "load_records",
            lambda self, ids=None, _o=original, _n=cls.__name__: (loaded.append(_n), _o(self, ids))[1],
        )
    ctx = AppContext(data_dir=data_dir, api_url=sandbox.url, tokens=MemoryTokenStore(None))
    ctx._db_open = True
    controller = SyncController(ctx)
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert loaded == []  # the window opens on another tab
    window.tabs.setCurrentWidget(window.tab(1))
    assert loaded == ["CustomersTab"]
    assert window.tab(1).proxy.rowCount() == 1
    controller.shutdown()
