"""The main window paints before it builds the Kunden and Artikel tabs (issue 13: first paint
at 50,000 customers): their modules and widgets follow right after the first paint, or at
once when asked for; the tab bar, its order and the tab in front do not change."""

from __future__ import annotations

from typing import Any

import pytest

from craftdesk.context import AppContext, MemoryTokenStore
from craftdesk.store.models import Customer
from craftdesk.sync.controller import SyncController
from craftdesk.ui.articles_tab import ArticlesTab
from craftdesk.ui.customers_tab import CustomersTab
from craftdesk.ui.main_window import MainWindow

TITLES = ["Schnittstellen", "Kunden", "Artikel", "Projekte"]


@pytest.fixture
def window(qtbot, data_dir, sandbox, database, monkeypatch) -> Any:
    built: list[str] = []
    for cls in (CustomersTab, ArticlesTab):
        original = cls.__init__

        def init(self: Any, *args: Any, _o: Any = original, **kwargs: Any) -> None:
            built.append(type(self).__name__)
            _o(self, *args, **kwargs)

        monkeypatch.setattr(cls, "__init__", init)
    ctx = AppContext(data_dir=data_dir, api_url=sandbox.url, tokens=MemoryTokenStore(None))
    ctx._db_open = True
    controller = SyncController(ctx)
    main = MainWindow(controller)
    main.built = built
    qtbot.addWidget(main)
    yield main
    controller.shutdown()


def test_kunden_and_artikel_are_built_after_the_first_paint(window, qtbot):
    assert window.built == []
    assert [window.tabs.tabText(i) for i in range(4)] == TITLES
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: len(window.built) == 2)
    assert [window.tabs.tabText(i) for i in range(4)] == TITLES
    assert window.tabs.currentIndex() == 0
    assert isinstance(window.tabs.widget(1), CustomersTab) and window.tabs.widget(1) is window.tab(1)
    assert isinstance(window.tabs.widget(2), ArticlesTab) and window.tabs.widget(2) is window.tab(2)
    assert window.built == ["CustomersTab", "ArticlesTab"]


def test_each_turn_after_the_first_paint_does_one_step(window, qtbot):
    """A tab's module is imported in one turn of the event loop and the tab built in the
    next: both tabs in one turn held the window 55–90 ms at 50,000 customers (§9: 50)."""
    steps = []
    for _ in range(5):
        window._build_deferred_tabs()  # what each zero timer after the first paint runs
        steps.append(list(window.built))
    assert steps == [
        [],  # Kunden's module
        ["CustomersTab"],
        ["CustomersTab"],  # Artikel's module
        ["CustomersTab", "ArticlesTab"],
        ["CustomersTab", "ArticlesTab"],  # nothing left: the timers still due do nothing
    ]
    assert [window.tabs.tabText(i) for i in range(4)] == TITLES
    assert window.tab(2) is window.tabs.widget(2)


def test_a_tab_clicked_before_it_was_built_is_built_and_shown_at_once(window, qtbot):
    Customer.create(company="Bäckerei Schröder", customer_number="10002")
    window.tabs.setCurrentIndex(1)  # before the first paint
    assert window.built == ["CustomersTab"]
    window.show()
    qtbot.waitExposed(window)
    assert window.tabs.currentWidget() is window.tab(1)
    assert window.tab(1).proxy.rowCount() == 1
    qtbot.waitUntil(lambda: len(window.built) == 2)
    assert window.tabs.currentIndex() == 1


def test_keyboard_shortcuts_choose_tabs_search_and_make_new_records(window, qtbot, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from craftdesk.ui.projects_tab import ProjectsTab

    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1 and "Ctrl+2" in window.tabs.tabToolTip(1).replace("Strg", "Ctrl")
    window.tab(1).search.setText("alt")
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tab(1).search.hasFocus() and window.tab(1).search.selectedText() == "alt"
    opened: list[str] = []
    monkeypatch.setattr(CustomersTab, "open_editor", lambda self, record: opened.append("customer"))
    monkeypatch.setattr(ProjectsTab, "new_project", lambda self: opened.append("project"))
    qtbot.keyClick(window.tab(1).search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 3
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Schnittstellen: nothing
    assert opened == ["customer", "project"]
    monkeypatch.setattr(window.interfaces_tab, "sync_now", lambda: opened.append("sync"))
    qtbot.keyClick(window, Qt.Key.Key_F5)
    assert opened[-1] == "sync"
