"""Payment status on the project (SPEC V8): the tree shows it, the demo moves an invoice on
from the context menu, and a project whose invoices are all paid is archived in one step."""

from __future__ import annotations

from decimal import Decimal

from fakes import FakeController

from craftdesk.services import invoices, projects
from craftdesk.services.orders import import_order
from craftdesk.store import settings
from craftdesk.store.models import Appointment
from craftdesk.ui.project_tree import COLUMNS
from craftdesk.ui.projects_tab import ProjectsTab


def test_V8_tree_shows_status_and_archives_when_paid(qtbot, ctx, sandbox, client):
    settings.set("hourly_rate", "58.00")
    ab = next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == "AB-1042")
    project_id = import_order(client, ab).project_id
    projects.set_appointment_done(Appointment.get().id, Decimal(2), [])
    draft = invoices.send_invoice(client, project_id)
    ctx.demo = True
    tab = ProjectsTab(FakeController(ctx))
    qtbot.addWidget(tab)
    tab.reload()

    def cell() -> str:
        return tab.find_index("project", project_id).siblingAtColumn(COLUMNS.index("invoice")).data()

    assert cell() == f"Entwurf {draft.sevdesk_id}"
    tab.demo_invoice_action(draft.sevdesk_id, "partial")
    assert cell() == "teilweise bezahlt"
    tooltip = (
        tab.find_index("project", project_id).siblingAtColumn(COLUMNS.index("invoice")).data(3)
    )  # Qt.ToolTipRole
    assert tooltip.startswith("RE-") and "brutto" in tooltip and "bezahlt" in tooltip
    tab.select("project", project_id)
    record = tab.selected_record()
    assert record is not None and not record.archivable
    tab.demo_invoice_action(draft.sevdesk_id, "paid")
    assert cell() == "bezahlt"
    tab.select("project", project_id)
    record = tab.selected_record()
    assert record.archivable
    tab.archive_project(project_id)
    assert {a.status for a in Appointment.select()} == {"archived"}
