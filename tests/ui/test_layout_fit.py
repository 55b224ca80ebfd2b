"""What the user sees at the default window size: column texts that fit instead of being
cut off ("ready to invo…"), in German and in English, and full texts on hover."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from fakes import FakeController
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from craftdesk.services import projects
from craftdesk.store.models import Appointment, Article, Customer
from craftdesk.ui import i18n
from craftdesk.ui.customers_tab import CustomersTab
from craftdesk.ui.main_window import default_size
from craftdesk.ui.project_tree import COLUMNS
from craftdesk.ui.projects_tab import ProjectsTab


class _Screen:
    def __init__(self, width: int, height: int) -> None:
        self._rect = QRect(0, 0, width, height)

    def availableGeometry(self) -> QRect:
        return self._rect


@pytest.fixture
def invoiceable(database):
    customer = Customer.create(company="Müller Haustechnik GmbH", customer_number="10001")
    project = projects.create_project("Heizungswartung Baustelle Vaihingen", customer.id)
    job = projects.jobs_of(project)[0]
    done = projects.create_appointment(job.id, "Abnahme mit dem Kunden", start=datetime(2026, 3, 2, 8))
    projects.create_appointment(job.id, "Heizungswartung", start=datetime(2026, 3, 1, 8))
    article = Article.create(number="A-1", name="Ventil", unit="Stk", net_price=Decimal("24.90"))
    projects.set_appointment_done(done.id, Decimal("23.5"), [(article.id, Decimal(1))])
    # A wide figure for the column (H10 keeps one appointment at 24 h at most; data from
    # before that rule may still hold more).
    Appointment.update(hours=Decimal("1234.5")).where(Appointment.id == done.id).execute()
    return project


@pytest.fixture(params=["de", "en"])
def language(request, qtbot):
    app = QApplication.instance()
    yield i18n.install_translations(app, request.param)
    i18n.install_translations(app, "de")


def _shown_projects(qtbot, width: int) -> tuple[ProjectsTab, QFontMetrics]:
    """The Projekte tab shown ``width`` px wide, and the metrics of its bold project rows."""
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.resize(width, 640)
    tab.show()
    qtbot.waitExposed(tab)
    bold = QFont(tab.view.font())
    bold.setBold(True)
    return tab, QFontMetrics(bold)


def _side_by_side(tab: ProjectsTab) -> bool:
    """Every column visible at once: no sideways scrolling."""
    return sum(tab.view.columnWidth(c) for c in range(len(COLUMNS))) <= tab.view.viewport().width()


def test_project_status_and_hours_fit_their_columns_at_the_default_width(qtbot, invoiceable, language):
    tab, metrics = _shown_projects(qtbot, 1100)
    project_row = tab.find_index("project", invoiceable.id)
    for key in ("status", "hours"):
        column = COLUMNS.index(key)
        text = project_row.siblingAtColumn(column).data()
        assert text, key
        assert metrics.horizontalAdvance(text) + 8 <= tab.view.columnWidth(column), (key, text)
    assert ("ready to invoice" if language == "en" else "abrechenbar") in project_row.siblingAtColumn(
        COLUMNS.index("status")
    ).data()
    assert _side_by_side(tab)
    assert tab.view.columnWidth(COLUMNS.index("title")) >= 250


def test_the_invoiceable_status_stays_whole_at_1024_px(qtbot, invoiceable, language):
    """At 1024 px the status read "1 von 2 fertig – abrechen…" while the invoice column sat
    wide and empty: the status gives up width last, the customer keeps a recognisable
    part, and the title keeps its room."""
    tab, metrics = _shown_projects(qtbot, 1024)
    status = COLUMNS.index("status")
    text = tab.find_index("project", invoiceable.id).siblingAtColumn(status).data()
    assert metrics.horizontalAdvance(text) + 8 <= tab.view.columnWidth(status), text
    assert tab.view.columnWidth(COLUMNS.index("customer")) >= 120
    assert tab.view.columnWidth(COLUMNS.index("title")) >= 250
    assert _side_by_side(tab)


def test_long_cell_texts_show_in_full_on_hover(qtbot, database):
    Customer.create(company="Evangelische Kirchengemeinde Degerloch", customer_number="10015")
    Customer.create(company="Café Süß", customer_number="10019")
    tab = CustomersTab(FakeController())
    qtbot.addWidget(tab)
    name = tab.model.column_of("name")
    tips = {
        tab.proxy.index(r, name).data(): tab.proxy.index(r, name).data(Qt.ItemDataRole.ToolTipRole)
        for r in range(tab.proxy.rowCount())
    }
    assert tips["Evangelische Kirchengemeinde Degerloch"] == "Evangelische Kirchengemeinde Degerloch"
    assert tips["Café Süß"] is None  # short texts fit; no tooltip clutter


def test_main_window_is_larger_on_large_screens_and_fits_small_ones():
    assert default_size(_Screen(1366, 768)) == (1100, 720)
    # a laptop with a taskbar: 728 px left, the title bar included (720 + 32 did not fit)
    assert default_size(_Screen(1366, 728)) == (1100, 696)
    assert default_size(_Screen(1024, 700)) == (1024, 668)
    assert default_size(_Screen(1920, 1040)) == (1280, 800)
    assert default_size(None) == (1100, 720)
