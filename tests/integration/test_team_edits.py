"""T5 for the employee and project dialogs' saves: a save that lost the race names each
changed field (stored value and the user's) and writes nothing; forcing keeps the user's.
Runs on the SQLite file and, in the team-mode run, on the PostgreSQL server."""

from __future__ import annotations

import pytest

from craftdesk.errors import EditConflict
from craftdesk.services import employees, projects
from craftdesk.services.team_edits import (
    employee_form,
    project_form,
    save_employee,
    save_project,
)
from craftdesk.store.models import Customer, Employee, Project


def test_T5_employee_saved_elsewhere_is_not_overwritten_and_names_the_changes(database):
    employee = employees.add_employee("Max Maurer", "max@example.org")
    mine = employee_form(employee.id)
    employees.edit_employee(employee.id, email="max.maurer@example.org")  # another workstation
    mine.name = "Max Maurer-Schmidt"
    with pytest.raises(EditConflict) as caught:
        save_employee(employee.id, mine)
    assert caught.value.changes == [
        ("name", "Max Maurer", "Max Maurer-Schmidt"),
        ("email", "max.maurer@example.org", "max@example.org"),
    ]
    stored = Employee.get_by_id(employee.id)
    assert (stored.name, stored.email) == ("Max Maurer", "max.maurer@example.org")
    save_employee(employee.id, mine, force=True)  # the user keeps their input
    stored = Employee.get_by_id(employee.id)
    assert (stored.name, stored.email) == ("Max Maurer-Schmidt", "max@example.org")


def test_T5_employee_save_from_the_current_version_just_saves(database):
    employee = employees.add_employee("Anna")
    form = employee_form(employee.id)
    form.active = False
    assert save_employee(employee.id, form) == employee.id
    assert Employee.get_by_id(employee.id).active is False
    created = save_employee(None, employee_form(employee.id))  # a new one claims nothing
    assert created != employee.id


def test_T5_project_saved_elsewhere_names_the_customer_and_site_fields(database):
    old = Customer.create(company="Bäckerei Schröder")
    new = Customer.create(company="Café Sonne")
    project = projects.create_project("Ladenumbau", old.id, projects.Site("Hauptstr. 1", "10115", "Berlin"))
    mine = project_form(project.id)
    projects.edit_project(
        project.id, customer_id=new.id, site=projects.Site("Hauptstr. 3", "10115", "Berlin")
    )
    mine.notes = "Schlüssel beim Nachbarn"
    with pytest.raises(EditConflict) as caught:
        save_project(project.id, mine)
    assert caught.value.changes == [
        ("customer", "Café Sonne", "Bäckerei Schröder"),
        ("street", "Hauptstr. 3", "Hauptstr. 1"),
        ("notes", "", "Schlüssel beim Nachbarn"),
    ]
    assert Project.get_by_id(project.id).notes == ""  # nothing written
    assert caught.value.current.customer_id == new.id
    save_project(project.id, mine, force=True)
    stored = Project.get_by_id(project.id)
    assert (stored.customer_id, stored.site_street, stored.notes) == (
        old.id,
        "Hauptstr. 1",
        "Schlüssel beim Nachbarn",
    )


def test_T5_project_taken_over_then_saved_again_is_no_conflict(database):
    project = projects.create_project("Bad")
    mine = project_form(project.id)
    projects.edit_project(project.id, title="Bad oben")
    with pytest.raises(EditConflict) as caught:
        save_project(project.id, mine)
    theirs = caught.value.current
    theirs.notes = "Fliesen weiß"
    save_project(project.id, theirs)
    stored = Project.get_by_id(project.id)
    assert (stored.title, stored.notes) == ("Bad oben", "Fliesen weiß")
