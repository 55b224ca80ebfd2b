"""Narrow windows (1024 px): the Kunden table's address column stays readable — the fixed
columns give up width in proportion; at the designed width nothing changes, and a column
the user resized keeps its width."""

from __future__ import annotations

from fakes import FakeController
from PySide6.QtCore import Qt

from craftdesk.ui.customers_tab import CustomersTab
from craftdesk.ui.record_tab import MIN_STRETCH_WIDTH


def _tab(qtbot, width: int) -> CustomersTab:
    tab = CustomersTab(FakeController())
    qtbot.addWidget(tab)
    tab.resize(width, 600)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def test_address_column_stays_readable_in_a_narrow_window(qtbot, database):
    tab = _tab(qtbot, 1024)
    address = tab.model.column_of("address")
    assert tab.view.columnWidth(address) >= MIN_STRETCH_WIDTH - 2
    header = tab.view.horizontalHeader()
    assert sum(header.sectionSize(n) for n in range(header.count())) <= tab.view.viewport().width()


def test_wide_windows_keep_the_designed_widths_and_user_widths_stay(qtbot, database):
    tab = _tab(qtbot, 1366)
    designed = {n: c.width for n, c in enumerate(tab.model.columns) if c.width}
    assert {n: tab.view.columnWidth(n) for n in designed} == designed
    email = tab.model.column_of("email")
    tab.view.setColumnWidth(email, 300)  # the user widens the e-mail column
    tab.resize(1000, 600)
    qtbot.wait(10)
    assert tab.view.columnWidth(email) == 300
    name = tab.model.column_of("name")
    assert tab.view.columnWidth(name) < designed[name]
    tab.resize(1366, 600)
    qtbot.wait(10)
    assert tab.view.columnWidth(name) == designed[name]


def test_narrow_window_keeps_every_column_title_whole(qtbot, database):
    """The short columns ("Quelle", "Kundennr.") keep their titles; the wide ones give way."""
    tab = _tab(qtbot, 1024)
    header = tab.view.horizontalHeader()
    metrics = header.fontMetrics()
    for n, column in enumerate(tab.model.columns):
        if column.width and not column.stretch:
            title = str(tab.model.headerData(n, Qt.Orientation.Horizontal))
            assert header.sectionSize(n) >= min(column.width, metrics.horizontalAdvance(title) + 20), title
    assert tab.view.columnWidth(tab.model.column_of("address")) >= MIN_STRETCH_WIDTH - 2


def test_project_titles_stay_readable_at_1024_and_date_and_hours_stay_whole(qtbot, database):
    from craftdesk.ui.project_tree import COLUMNS, TITLE_MIN_WIDTH, column_widths
    from craftdesk.ui.projects_tab import ProjectsTab

    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.resize(1366, 600)
    tab.show()
    qtbot.waitExposed(tab)
    header = tab.view.header()
    designed = column_widths(tab.view.font(), header.sectionSizeHint(COLUMNS.index("hours")))
    assert all(tab.view.columnWidth(COLUMNS.index(k)) == w for k, w in designed.items())
    tab.resize(1024, 600)
    qtbot.wait(10)
    # the title had ~200 px ("Außenwasserhahn frost…") while status and invoice kept theirs
    assert tab.view.columnWidth(COLUMNS.index("title")) >= TITLE_MIN_WIDTH - 2
    for key in ("start", "hours"):
        assert tab.view.columnWidth(COLUMNS.index(key)) == designed[key]
    # the status ("… – abrechenbar") gives up width last: customer and invoice gave theirs
    assert tab.view.columnWidth(COLUMNS.index("status")) == designed["status"]
    assert tab.view.columnWidth(COLUMNS.index("customer")) < designed["customer"]


def test_the_deleted_in_sevdesk_marker_is_whole_at_1024_and_1366(qtbot, database):
    from craftdesk.store.models import Customer

    Customer.create(company="Weg GmbH", sevdesk_id="9", deleted_in_sevdesk=True)
    for width in (1366, 1024):
        tab = _tab(qtbot, width)
        status = tab.model.column_of("status")
        needed = tab.view.fontMetrics().horizontalAdvance("in sevDesk gelöscht")
        assert tab.view.columnWidth(status) >= needed + 12, width  # "in sevDesk gelö…" before
        address = tab.model.column_of("address")
        assert tab.view.columnWidth(address) >= MIN_STRETCH_WIDTH - 2
