"""The Kunden list and dialogs show the data as the office knows it: suffix and title in the
name, a mobile number marked as such, the country of foreign addresses, salutation and title,
delivery addresses of local customers, and the job-site note on the project."""

from __future__ import annotations

import pytest
from fakes import FakeController
from PySide6.QtCore import QRect

from craftdesk.services.importer import run_import
from craftdesk.services.orders import import_order
from craftdesk.store.models import Address, ContactInfo, Customer, Project
from craftdesk.ui.customers_tab import CustomersTab
from craftdesk.ui.dialogs.customer_dialog import CustomerDialog
from craftdesk.ui.dialogs.project_dialog import ProjectDialog


@pytest.fixture
def imported(client, database):
    run_import(client, "customers")


def _row(tab: CustomersTab, number: str) -> dict[str, str]:
    for row in range(tab.proxy.rowCount()):
        values = {c.key: tab.proxy.index(row, n).data() for n, c in enumerate(tab.model.columns)}
        if values["number"] == number:
            return values
    raise AssertionError(number)


def test_list_tells_the_two_juergen_maier_apart_and_marks_mobiles(qtbot, imported):
    tab = CustomersTab(FakeController())
    qtbot.addWidget(tab)
    assert _row(tab, "10025")["name"] == "Jürgen Maier sen."
    assert _row(tab, "10026")["name"] == "Jürgen Maier jun."
    assert _row(tab, "10024")["name"] == "Dr. Klaus Weiß"
    weiss = Customer.get(Customer.customer_number == "10024")
    assert not ContactInfo.select().where(ContactInfo.customer == weiss, ContactInfo.kind == "phone").exists()
    mobile = ContactInfo.get(ContactInfo.customer == weiss, ContactInfo.kind == "mobile").value
    assert _row(tab, "10024")["phone"] == f"{mobile} (mobil)"
    landline = _row(tab, "10001")["phone"]
    assert landline and "mobil" not in landline


def test_list_shows_the_country_of_a_foreign_postal_address(qtbot, database):
    customer = Customer.create(company="Bergbahn GmbH", customer_number="L-1")
    Address.create(
        customer=customer, kind="postal", street="Alpenstraße 3", zip="6020", city="Innsbruck", country="AT"
    )
    tab = CustomersTab(FakeController())
    qtbot.addWidget(tab)
    assert _row(tab, "L-1")["address"] == "Alpenstraße 3, 6020 Innsbruck, AT"


def test_customer_dialog_shows_salutation_title_and_editable_deliveries(qtbot, imported):
    weiss = Customer.get(Customer.customer_number == "10024")
    dialog = CustomerDialog(weiss.id)
    qtbot.addWidget(dialog)
    assert dialog.salutation.currentText() == "Herr" and dialog.academic_title.text() == "Dr."
    # A local customer gets delivery addresses too.
    local = CustomerDialog(None)
    qtbot.addWidget(local)
    assert not local.salutation.isEnabled()  # organisation by default
    local.kind.setCurrentIndex(local.kind.findData("person"))
    assert local.salutation.isEnabled()
    local.salutation.setCurrentIndex(local.salutation.findData("Frau"))
    local.last_name.setText("Roth")
    local.deliveries.add_row()
    for column, value in enumerate(("Alpenstraße 3", "6020", "Innsbruck", "at")):
        local.deliveries.table.item(0, column).setText(value)
    local.save_button.click()
    saved = Customer.get(Customer.last_name == "Roth")
    assert saved.salutation == "Frau"
    [delivery] = saved.addresses.where(Address.kind == "delivery")
    assert delivery.one_line() == "Alpenstraße 3, 6020 Innsbruck, AT"


def test_project_dialog_says_the_job_site_fell_back_and_offers_the_addresses(
    qtbot, sandbox, client, database
):
    order = next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == "AB-1044")
    result = import_order(client, order)
    dialog = ProjectDialog(result.project_id)
    qtbot.addWidget(dialog)
    assert dialog.site_note is not None and "Königsallee 7" in dialog.site_note.text()
    labels = [dialog.address_choice.itemText(i) for i in range(dialog.address_choice.count())]
    assert any("Königsallee 5" in text for text in labels[1:])
    assert dialog.country.text() == "DE"
    dialog.street.setText("Königsallee 7")
    dialog.save_button.click()
    project = Project.get_by_id(result.project_id)
    assert project.site_street == "Königsallee 7" and project.site_note == ""


def test_appointment_dialog_says_where_employees_come_from(qtbot, database):
    from craftdesk.services import projects
    from craftdesk.services.employees import add_employee
    from craftdesk.ui.dialogs.appointment_dialog import AppointmentDialog

    project = projects.create_project("Heizung", None)
    job = projects.first_job(project)
    dialog = AppointmentDialog(None, job.id)
    qtbot.addWidget(dialog)
    assert "Mitarbeiter …" in dialog.people_hint.text()
    add_employee("Sabine Krüger")
    again = AppointmentDialog(None, job.id)
    qtbot.addWidget(again)
    assert not hasattr(again, "people_hint") and again.assignees.count() == 1


def test_employee_dialog_offers_to_apply_creators(qtbot, sandbox, client, ctx):
    from craftdesk.services.employees import add_employee
    from craftdesk.ui.dialogs.employee_dialog import EmployeeDialog

    order = next(o for o in sandbox.data.all("Order") if o["orderNumber"] == "AB-1041")
    result = import_order(client, order["id"])
    controller = FakeController(ctx)
    dialog = EmployeeDialog(controller)
    qtbot.addWidget(dialog)
    assert dialog.observers_button.isHidden()  # no employees yet
    add_employee("Chef", sevdesk_user_id=order["createUser"]["id"])
    dialog.reload()
    assert not dialog.observers_button.isHidden()
    assert dialog.apply_creators()
    assert "1 Termine" in dialog.status.text()
    project = Project.get_by_id(result.project_id)
    assert [ae.employee.name for job in project.jobs for a in job.appointments for ae in a.people] == ["Chef"]
    assert dialog.observers_button.isHidden()


def test_project_tree_marks_a_job_site_that_fell_back(qtbot, sandbox, client, database):
    from PySide6.QtCore import Qt

    from craftdesk.ui.projects_tab import ProjectsTab

    matched = import_order(
        client, next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == "AB-1042")
    )
    fell_back = import_order(
        client, next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == "AB-1044")
    )
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    model = tab.view.model()
    tips = {}
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        tips[index.data(Qt.ItemDataRole.DisplayRole)] = index.data(Qt.ItemDataRole.ToolTipRole)
    assert any("AB-1044" in title and tip and "Königsallee 7" in tip for title, tip in tips.items())
    assert any("AB-1042" in title and not tip for title, tip in tips.items())
    assert matched.note == "" and fell_back.note


class _Screen:
    """A screen of the given free area (what a taskbar leaves)."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height

    def availableGeometry(self) -> QRect:
        return QRect(0, 0, self.width, self.height)


@pytest.mark.parametrize(("width", "height"), [(1920, 1040), (1366, 728), (1024, 660), (1024, 560)])
def test_customer_dialog_opens_as_tall_as_the_screen_allows(qtbot, database, monkeypatch, width, height):
    # Qt opens a window whose size hint is over two thirds of the screen at its minimum:
    # the delivery addresses were two squeezed rows, the buttons on the table's edge.
    monkeypatch.setattr(CustomerDialog, "screen", lambda self: _Screen(width, height))
    dialog = CustomerDialog(None)
    qtbot.addWidget(dialog)
    for _ in range(4):
        dialog.deliveries.add_row()
    dialog.show()
    room = int(height * 0.95)
    assert dialog.height() >= dialog.minimumSizeHint().height()  # never squeezed below its layout
    assert dialog.height() <= max(room, dialog.minimumSizeHint().height())  # title bar stays on screen
    if room >= dialog.sizeHint().height():
        assert dialog.height() >= dialog.sizeHint().height()
    table = dialog.deliveries.table
    rows = table.verticalHeader().defaultSectionSize()
    if height >= 660:
        assert table.viewport().height() >= 3 * rows  # room to see the job sites, not two of them
