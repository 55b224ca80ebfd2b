"""Buttons are only enabled when they can work: sevDesk actions need a connection, row
actions need a selected row, "Rechnung …" needs something to invoice."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from fakes import FakeController
from PySide6.QtCore import Signal

from craftdesk.context import AppContext, MemoryTokenStore
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.services import projects
from craftdesk.store.models import Article, Customer, Employee
from craftdesk.sync.controller import SyncController
from craftdesk.ui.dialogs.appointment_dialog import AppointmentDialog
from craftdesk.ui.dialogs.employee_dialog import EmployeeDialog
from craftdesk.ui.projects_tab import ProjectsTab
from craftdesk.ui.settings_panel import SettingsPanel


class OfflineController(FakeController):
    """A controller without a usable sevDesk connection (no token yet, or a broken one)."""

    connection_state_changed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.connected = False

    def can_sync(self) -> bool:
        return self.connected


@pytest.fixture
def plan(database):
    customer = Customer.create(company="Bäckerei Schmidt", customer_number="1001")
    open_project = projects.create_project("Bad sanieren", customer.id)
    done_project = projects.create_project("Heizung warten", customer.id)
    article = Article.create(number="A-1", name="Ventil", unit="Stk", net_price=Decimal("24.90"))
    projects.create_appointment(projects.jobs_of(open_project)[0].id, "Fliesen legen")
    done = projects.create_appointment(
        projects.jobs_of(done_project)[0].id, "Wartung", start=datetime(2026, 3, 2, 8)
    )
    projects.set_appointment_done(done.id, Decimal(2), [(article.id, Decimal(1))])
    Employee.create(name="Max Monteur")
    return {"open": open_project, "done": done_project, "appointment": done, "article": article}


def test_load_users_needs_a_connection(qtbot, data_dir, sandbox, database):
    ctx = AppContext(data_dir=data_dir, api_url=sandbox.url, tokens=MemoryTokenStore(None), db_open=True)
    controller = SyncController(ctx)
    try:
        panel = SettingsPanel(controller)
        qtbot.addWidget(panel)
        assert not panel.load_users.isEnabled()
        assert panel.load_users.toolTip()
        ctx.tokens.set(DEMO_TOKEN)
        controller.mark_connected("Demo")
        assert panel.load_users.isEnabled()
    finally:
        controller.shutdown()


def test_order_import_needs_a_connection(qtbot, plan):
    controller = OfflineController()
    tab = ProjectsTab(controller)
    qtbot.addWidget(tab)
    assert not tab.import_button.isEnabled()
    assert "Schnittstellen" in tab.import_button.toolTip()
    controller.connected = True
    controller.connection_state_changed.emit("connected")
    assert tab.import_button.isEnabled()


def test_invoice_button_only_for_a_project_with_finished_work(qtbot, plan):
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    assert not tab.invoice_button.isEnabled()  # nothing selected
    tab.select("project", plan["open"].id)
    assert not tab.invoice_button.isEnabled()
    assert "Fertig" in tab.invoice_button.toolTip()
    tab.select("appointment", plan["appointment"].id)  # any row of an invoiceable project
    assert tab.invoice_button.isEnabled()
    tab.select("project", plan["done"].id)
    assert tab.invoice_button.isEnabled()


def test_employee_edit_and_delete_need_a_selection_sevdesk_needs_a_connection(qtbot, plan):
    controller = OfflineController()
    dialog = EmployeeDialog(controller)
    qtbot.addWidget(dialog)
    assert not dialog.edit_button.isEnabled() and not dialog.delete_button.isEnabled()
    assert not dialog.sevdesk_button.isEnabled()
    dialog.view.selectRow(0)
    assert dialog.edit_button.isEnabled() and dialog.delete_button.isEnabled()
    controller.connected = True
    controller.connection_state_changed.emit("connected")
    assert dialog.sevdesk_button.isEnabled()


def test_remove_used_article_needs_a_selected_line(qtbot, plan):
    job = projects.jobs_of(plan["open"])[0]
    appointment = projects.appointments_of(job)[0]
    dialog = AppointmentDialog(appointment.id)
    qtbot.addWidget(dialog)
    assert not dialog.remove_article.isEnabled()
    dialog.add_used_article(plan["article"].id, Decimal(2))
    assert not dialog.remove_article.isEnabled()
    dialog.used.selectRow(0)
    assert dialog.remove_article.isEnabled()
    dialog.remove_article.click()
    assert dialog.used.rowCount() == 0
    assert not dialog.remove_article.isEnabled()
