"""Projekte tab: the project → job → appointment tree, the appointment editor (O8), the
order import dialog against the demo sevDesk (O1, O7) and the employee dialog."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from fakes import FakeController
from PySide6.QtCore import QModelIndex, Qt

from craftdesk.errors import PreconditionError
from craftdesk.services import employees, projects
from craftdesk.store.models import Appointment, Article, Customer, Employee, Project
from craftdesk.ui.dialogs import common
from craftdesk.ui.dialogs.appointment_dialog import AppointmentDialog
from craftdesk.ui.dialogs.employee_dialog import EmployeeDialog
from craftdesk.ui.dialogs.order_import_dialog import OrderImportDialog
from craftdesk.ui.project_tree import COLUMNS
from craftdesk.ui.projects_tab import ProjectsTab
from craftdesk.ui.style import STATUS_COLORS
from craftdesk.ui.table_models import RecordRole


@pytest.fixture
def plan(database):
    customer = Customer.create(company="Bäckerei Schmidt", customer_number="1001")
    project = projects.create_project("Bad sanieren", customer.id)
    job = projects.jobs_of(project)[0]
    first = projects.create_appointment(job.id, "Fliesen legen", start=datetime(2026, 3, 2, 8))
    second = projects.create_appointment(job.id, "Abnahme")
    article = Article.create(number="A-1009", name="Silikon", unit="Stk", net_price=Decimal("7.95"))
    Employee.create(name="Max Monteur")
    Employee.create(name="Olga Office")
    return {"project": project, "job": job, "first": first, "second": second, "article": article}


@pytest.fixture
def tab(qtbot, plan):
    widget = ProjectsTab(FakeController())
    qtbot.addWidget(widget)
    return widget


def _children(tab: ProjectsTab, parent: QModelIndex) -> list[QModelIndex]:
    return [tab.proxy.index(r, 0, parent) for r in range(tab.proxy.rowCount(parent))]


def test_tree_shows_project_job_appointment_with_status_colours(tab, plan):
    projects_ = _children(tab, QModelIndex())
    assert [i.data(RecordRole).kind for i in projects_] == ["project"]
    jobs = _children(tab, projects_[0])
    assert [(i.data(RecordRole).kind, i.data()) for i in jobs] == [("job", "Bad sanieren")]
    appointments = _children(tab, jobs[0])
    assert [i.data() for i in appointments] == ["Fliesen legen", "Abnahme"]
    status = appointments[0].siblingAtColumn(COLUMNS.index("status"))
    assert status.data() == "Terminiert"
    assert status.data(Qt.ItemDataRole.BackgroundRole).color() == STATUS_COLORS["scheduled"]
    assert appointments[0].siblingAtColumn(COLUMNS.index("start")).data() == "02.03.2026 08:00"
    assert appointments[1].data(RecordRole).id == plan["second"].id
    assert projects_[0].siblingAtColumn(COLUMNS.index("customer")).data() == "Bäckerei Schmidt"


def test_search_keeps_parents_of_matching_appointment(tab, plan):
    projects.create_project("Heizung tauschen")
    tab.reload()
    assert tab.proxy.rowCount() == 2
    tab.search.setText("abnahme")
    assert tab.proxy.rowCount() == 1
    index = tab.find_index("appointment", plan["second"].id)
    assert index.isValid() and index.data() == "Abnahme"
    tab.search.clear()
    assert tab.proxy.rowCount() == 2


def test_a_search_for_a_project_shows_its_work_and_narrows_it_with_more_words(tab, plan):
    Project.update(sevdesk_order_number="AB-1042").where(Project.id == plan["project"].id).execute()
    projects.create_project("Heizung tauschen")
    tab.reload()
    tab.search.setText("ab-1042")  # the order confirmation's number: on the project row only
    (project,) = _children(tab, QModelIndex())
    (job,) = _children(tab, project)
    assert [i.data() for i in _children(tab, job)] == ["Fliesen legen", "Abnahme"]
    tab.search.setText("AB-1042 abnahme")  # every word: the project's and the appointment's
    (project,) = _children(tab, QModelIndex())
    (job,) = _children(tab, project)
    assert [i.data() for i in _children(tab, job)] == ["Abnahme"]
    tab.search.setText("Heizung abnahme")  # words of two projects find nothing
    assert tab.proxy.rowCount() == 0


def test_double_click_appointment_opens_editor_of_that_record(tab, plan, monkeypatch):
    opened = []
    monkeypatch.setattr(tab, "_open", lambda dialog: opened.append(dialog) or False)
    tab.view.doubleClicked.emit(tab.find_index("appointment", plan["second"].id))
    assert isinstance(opened[0], AppointmentDialog)
    assert opened[0].appointment_id == plan["second"].id
    assert opened[0].title.text() == "Abnahme"


def test_O8_editor_sets_done_with_hours_and_used_articles(tab, plan, qtbot, monkeypatch):
    dialog = AppointmentDialog(plan["first"].id, parent=tab)
    qtbot.addWidget(dialog)
    warnings: list[str] = []
    monkeypatch.setattr(common, "warn", lambda parent, title, text: warnings.append(text))
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    assert not dialog.done_hint.isHidden()  # "Fertig" asks for hours and used articles
    dialog.save_button.click()  # no hours yet: refused
    assert warnings and "Stunden" in warnings[0]
    assert projects.get_appointment(plan["first"].id).status == "scheduled"

    dialog.hours.setText("3,5")
    dialog.add_used_article(plan["article"].id, Decimal(2))
    dialog.add_used_article(plan["article"].id, Decimal("1.5"))
    dialog.assignees.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.save_button.click()
    saved = projects.get_appointment(plan["first"].id)
    assert saved.status == "done"
    assert saved.hours == Decimal("3.5")
    assert [(u.article_id, u.quantity) for u in projects.used_of(saved)] == [
        (plan["article"].id, Decimal("3.5"))
    ]
    assert [e.name for e in projects.people_of(saved, "assignee")] == ["Max Monteur"]
    tab.reload()
    row = tab.find_index("appointment", saved.id)
    assert row.siblingAtColumn(COLUMNS.index("status")).data() == "Fertig"
    assert row.siblingAtColumn(COLUMNS.index("hours")).data() == "3,5"


def test_O8_done_without_used_articles_asks_first(tab, plan, qtbot, monkeypatch):
    asked: list[str] = []
    monkeypatch.setattr(common, "confirm", lambda parent, title, text, yes=None: asked.append(text) or False)
    dialog = AppointmentDialog(plan["second"].id, parent=tab)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    dialog.hours.setText("1")
    dialog.save_button.click()
    assert asked and "keine verwendeten Artikel" in asked[0]
    assert projects.get_appointment(plan["second"].id).status == "unscheduled"


def test_new_appointment_goes_into_selected_project(tab, plan, qtbot, monkeypatch):
    tab.select("project", plan["project"].id)
    opened = []
    monkeypatch.setattr(tab, "_open", lambda dialog: opened.append(dialog) or False)
    tab.new_appointment_button.click()
    dialog = opened[0]
    assert dialog.job_id == plan["job"].id
    dialog.title.setText("Nacharbeit")
    dialog.has_start.setChecked(True)
    dialog.save_button.click()
    created = Appointment.get(Appointment.title == "Nacharbeit")
    assert created.job_id == plan["job"].id and created.status == "scheduled"


def test_delete_refusal_reason_is_shown(tab, plan, monkeypatch):
    def refuse(_id: int) -> None:
        raise PreconditionError("Das Projekt enthält einen abgerechneten Termin.")

    monkeypatch.setattr(projects, "delete_project", refuse)
    monkeypatch.setattr(common, "confirm", lambda *a, **k: True)
    shown: list[str] = []
    monkeypatch.setattr(common, "warn", lambda parent, title, text: shown.append(text))
    tab.select("project", plan["project"].id)
    tab.delete_button.click()
    assert shown == ["Das Projekt enthält einen abgerechneten Termin."]
    assert Project.select().count() == 1


def test_the_delete_key_in_the_list_asks_and_deletes_as_loeschen_does(qtbot, tab, plan, monkeypatch):
    asked: list[str] = []
    answers = iter([False, True])
    monkeypatch.setattr(
        common, "confirm", lambda parent, title, text, *a, **k: asked.append(text) or next(answers)
    )
    tab.select("appointment", plan["second"].id)
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)  # "no": nothing is deleted
    assert len(asked) == 1 and "Abnahme" in asked[0]
    assert Appointment.get_or_none(Appointment.id == plan["second"].id) is not None
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert Appointment.get_or_none(Appointment.id == plan["second"].id) is None
    tab.delete_button.setEnabled(False)  # e.g. the team server is away: the key does nothing
    tab.select("appointment", plan["first"].id)
    tab.delete_button.setEnabled(False)
    qtbot.keyClick(tab.view, Qt.Key.Key_Delete)
    assert len(asked) == 2


def test_O1_order_import_dialog_lists_and_imports(qtbot, ctx, sandbox):
    controller = FakeController(ctx)
    dialog = OrderImportDialog(controller)
    qtbot.addWidget(dialog)
    numbers = [o.number for o in dialog.model.records()]
    assert numbers and all(n.startswith("AB-") for n in numbers)
    assert "AB-1046" not in numbers and "AN-2015" not in numbers  # draft AB, offer
    assert not dialog.import_button.isEnabled()
    first, second = dialog.model.records()[:2]
    dialog.model.set_checked(first.sevdesk_id, True)
    dialog.model.set_checked(second.sevdesk_id, True)
    assert dialog.import_button.isEnabled()
    dialog.import_button.click()
    assert {r.status for r in dialog.results} == {"imported"}
    assert Project.select().count() == 2
    assert "2 importiert" in dialog.status.text()
    # Imported rows are now greyed and cannot be checked again.
    assert all(o.imported for o in dialog.model.records()[:2])
    row = dialog.proxy.row_of_id(first.sevdesk_id)
    assert not dialog.proxy.index(row, 0).flags() & Qt.ItemFlag.ItemIsEnabled
    assert not dialog.import_button.isEnabled()


def test_O7_stale_list_import_reports_already_imported(qtbot, ctx, sandbox):
    controller = FakeController(ctx)
    stale = OrderImportDialog(controller)  # listed before the other import happened
    qtbot.addWidget(stale)
    order = stale.model.records()[0]
    other = OrderImportDialog(controller)
    qtbot.addWidget(other)
    other.model.set_checked(order.sevdesk_id, True)
    other.import_button.click()
    assert Project.select().count() == 1

    stale.model.set_checked(order.sevdesk_id, True)
    stale.import_button.click()
    assert [r.status for r in stale.results] == ["already_imported"]
    assert "1 bereits importiert" in stale.status.text()
    assert Project.select().count() == 1
    fresh = OrderImportDialog(controller)
    qtbot.addWidget(fresh)
    listed = {o.sevdesk_id: o for o in fresh.model.records()}
    assert listed[order.sevdesk_id].imported
    row = fresh.proxy.row_of_id(order.sevdesk_id)
    assert fresh.proxy.index(row, 4).data() == "bereits importiert"


def test_employee_dialog_takes_over_sevdesk_users(qtbot, ctx, sandbox):
    employees.add_employee("Max Monteur")
    dialog = EmployeeDialog(FakeController(ctx))
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    dialog.sevdesk_button.click()
    assert dialog.model.rowCount() > 1
    assert "übernommen" in dialog.status.text()
    assert sum(1 for r in sandbox.requests if r.path == "/SevUser") == 1


def test_the_employee_list_is_sorted_by_name_from_a_to_z(qtbot, ctx):
    for name in ("Sabine Krüger", "Anton Berg", "Max Monteur"):
        employees.add_employee(name)
    dialog = EmployeeDialog(FakeController(ctx))
    qtbot.addWidget(dialog)
    names = [dialog.proxy.index(row, 0).data() for row in range(dialog.proxy.rowCount())]
    assert names == ["Anton Berg", "Max Monteur", "Sabine Krüger"]  # was Z to A


def test_the_buttons_greyed_until_a_row_is_chosen_say_why(tab, plan):
    row_buttons = (tab.new_appointment_button, tab.edit_button, tab.delete_button, tab.invoice_button)
    tab.view.clearSelection()
    tab.view.setCurrentIndex(QModelIndex())
    assert not any(b.isEnabled() for b in row_buttons)
    assert all("in der Liste wählen" in b.toolTip() for b in row_buttons)
    tab.select("appointment", plan["first"].id)
    assert tab.edit_button.isEnabled() and tab.edit_button.toolTip() == ""
    assert "Fertig" in tab.invoice_button.toolTip()  # nothing finished yet: what is missing


def test_O1_the_newest_project_of_an_order_import_is_selected(qtbot, ctx, sandbox, monkeypatch):
    """After closing the import, the row the user looks for next was nowhere selected."""
    tab = ProjectsTab(FakeController(ctx))
    qtbot.addWidget(tab)
    tab.show()
    imported: list[int] = []

    def run(dialog):
        for order in dialog.model.records()[:2]:
            dialog.model.set_checked(order.sevdesk_id, True)
        dialog.import_button.click()
        imported.extend(r.project_id for r in dialog.results)
        return False  # closed

    monkeypatch.setattr(tab, "_open", run)
    tab.open_order_import()
    qtbot.waitUntil(lambda: tab.selected_record() is not None)
    record = tab.selected_record()
    assert len(imported) == 2
    assert (record.kind, record.id) == ("project", max(imported))
