"""The employee and project dialogs when another workstation saved first (T5)."""

from __future__ import annotations

from craftdesk.services import employees, projects
from craftdesk.store.models import Customer, Employee, Project
from craftdesk.ui.dialogs import conflict_dialog
from craftdesk.ui.dialogs.employee_dialog import EmployeeEditDialog
from craftdesk.ui.dialogs.project_dialog import ProjectDialog


def _answer(monkeypatch, choice):
    asked: list[tuple[list, dict]] = []

    def ask(_parent, conflict, labels):
        asked.append((conflict.changes, labels))
        return choice

    monkeypatch.setattr(conflict_dialog, "ask", ask)
    return asked


def test_T5_employee_dialog_shows_what_changed_and_keeps_mine(qtbot, database, monkeypatch):
    employee = employees.add_employee("Max Maurer", "max@example.org")
    dialog = EmployeeEditDialog(employee.id)
    qtbot.addWidget(dialog)
    employees.edit_employee(employee.id, email="max.maurer@example.org")  # elsewhere
    dialog.name.setText("Max Maurer-Schmidt")
    asked = _answer(monkeypatch, conflict_dialog.KEEP_MINE)
    dialog._save()
    changes, labels = asked[0]
    assert changes == [
        ("name", "Max Maurer", "Max Maurer-Schmidt"),
        ("email", "max.maurer@example.org", "max@example.org"),
    ]
    assert labels["email"] == "E-Mail" and dialog.result() == 1
    stored = Employee.get_by_id(employee.id)
    assert (stored.name, stored.email) == ("Max Maurer-Schmidt", "max@example.org")


def test_T5_employee_dialog_takes_over_the_stored_version(qtbot, database, monkeypatch):
    employee = employees.add_employee("Anna")
    dialog = EmployeeEditDialog(employee.id)
    qtbot.addWidget(dialog)
    employees.edit_employee(employee.id, active=False)
    dialog.email.setText("anna@example.org")
    _answer(monkeypatch, conflict_dialog.TAKE_THEIRS)
    dialog._save()
    assert dialog.result() == 0 and not dialog.active.isChecked() and dialog.email.text() == ""
    assert Employee.get_by_id(employee.id).email is None  # nothing of mine was written
    monkeypatch.setattr(conflict_dialog, "ask", lambda *_a: (_ for _ in ()).throw(AssertionError))
    dialog._save()  # now from the stored version: saves without asking
    assert dialog.result() == 1


def test_T5_employee_dialog_cancelled_conflict_leaves_the_dialog_open(qtbot, database, monkeypatch):
    employee = employees.add_employee("Anna")
    dialog = EmployeeEditDialog(employee.id)
    qtbot.addWidget(dialog)
    employees.edit_employee(employee.id, name="Anna Berg")
    dialog.name.setText("Anna B.")
    _answer(monkeypatch, None)
    dialog._save()
    assert dialog.result() == 0 and dialog.name.text() == "Anna B."
    assert Employee.get_by_id(employee.id).name == "Anna Berg"


def test_T5_project_dialog_shows_what_changed_and_keeps_mine(qtbot, database, monkeypatch):
    old = Customer.create(company="Bäckerei Schröder")
    new = Customer.create(company="Café Sonne")
    project = projects.create_project("Ladenumbau", old.id)
    dialog = ProjectDialog(project.id)
    qtbot.addWidget(dialog)
    projects.edit_project(project.id, customer_id=new.id)  # another workstation
    dialog.notes.setPlainText("Schlüssel beim Nachbarn")
    asked = _answer(monkeypatch, conflict_dialog.KEEP_MINE)
    dialog._save()
    changes, labels = asked[0]
    assert changes == [
        ("customer", "Café Sonne", "Bäckerei Schröder"),
        ("notes", "", "Schlüssel beim Nachbarn"),
    ]
    assert labels["customer"] == "Kunde" and dialog.result() == 1
    stored = Project.get_by_id(project.id)
    assert (stored.customer_id, stored.notes) == (old.id, "Schlüssel beim Nachbarn")


def test_T5_project_dialog_takes_over_the_stored_version(qtbot, database, monkeypatch):
    project = projects.create_project("Bad", site=projects.Site("Ringstr. 2", "50667", "Köln"))
    dialog = ProjectDialog(project.id)
    qtbot.addWidget(dialog)
    projects.edit_project(project.id, title="Bad oben", site=projects.Site("Ringstr. 4", "50667", "Köln"))
    dialog.title.setText("Bad unten")
    asked = _answer(monkeypatch, conflict_dialog.TAKE_THEIRS)
    dialog._save()
    assert [name for name, _t, _m in asked[0][0]] == ["title", "street"]
    assert (dialog.title.text(), dialog.street.text(), dialog.result()) == ("Bad oben", "Ringstr. 4", 0)
    assert Project.get_by_id(project.id).title == "Bad oben"
    dialog.notes.setPlainText("zweiter Versuch")
    dialog._save()
    assert dialog.result() == 1 and Project.get_by_id(project.id).notes == "zweiter Versuch"
