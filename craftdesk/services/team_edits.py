"""Saves of the employee and project dialogs that never overwrite another's edit (T5).

Like the customer and article dialogs (services.local_records), each dialog reads a form
with the record's version; a save claims that version in the same transaction as the
write. When the record was saved elsewhere meanwhile (another workstation, the order
import), :class:`EditConflict` names each field that differs — the stored value and the
user's — and nothing is written; ``force`` saves the user's form over it (their choice).
Qt-free.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import EditConflict as EditConflict  # raised to the dialogs
from ..store.db import db
from ..store.models import Employee, Project
from ..store.versioning import claim_version
from . import employees, projects
from .local_records import form_changes
from .project_rows import customer_names

# --- employees ------------------------------------------------------------------------------


@dataclass
class EmployeeForm:
    name: str = ""
    email: str = ""
    sevdesk_user_id: str = ""
    active: bool = True
    version: int | None = None  # the stored version the dialog started from (T5)


def employee_form(employee_id: int) -> EmployeeForm:
    """The dialog's view of a stored employee."""
    employee = employees.get_employee(employee_id)
    return EmployeeForm(
        name=employee.name,
        email=employee.email or "",
        sevdesk_user_id=employee.sevdesk_user_id or "",
        active=bool(employee.active),
        version=employee.version,
    )


def save_employee(employee_id: int | None, form: EmployeeForm, force: bool = False) -> int:
    """Create (None) or update an employee from the dialog; returns its id.

    EditConflict when the employee was saved elsewhere since the dialog read
    ``form.version``; nothing is written then."""
    if employee_id is None:
        created = employees.add_employee(
            form.name, form.email or None, form.sevdesk_user_id or None, form.active
        )
        return int(created.id)
    with db.atomic():
        if form.version is not None and not force and not claim_version(Employee, employee_id, form.version):
            stored = employee_form(employee_id)
            raise EditConflict(form_changes(stored, form), stored)
        saved = employees.edit_employee(
            employee_id,
            name=form.name,
            email=form.email or None,
            sevdesk_user_id=form.sevdesk_user_id or None,
            active=form.active,
        )
        return int(saved.id)


# --- projects -------------------------------------------------------------------------------


@dataclass
class ProjectForm:
    title: str = ""
    customer_id: int | None = None
    street: str = ""
    zip: str = ""
    city: str = ""
    country: str = "DE"
    notes: str = ""
    version: int | None = None  # the stored version the dialog started from (T5)

    def site(self) -> projects.Site:
        return projects.Site(
            self.street.strip(), self.zip.strip(), self.city.strip(), (self.country.strip() or "DE").upper()
        )


def project_form(project_id: int) -> ProjectForm:
    """The dialog's view of a stored project."""
    project = projects.get_project(project_id)
    return ProjectForm(
        title=project.title,
        customer_id=project.customer_id,
        street=project.site_street or "",
        zip=project.site_zip or "",
        city=project.site_city or "",
        country=project.site_country or "DE",
        notes=project.notes or "",
        version=project.version,
    )


def project_changes(stored: ProjectForm, mine: ProjectForm) -> list[tuple[str, str, str]]:
    """The differing fields; the customer by name, not by its number in the database."""
    names = customer_names({stored.customer_id, mine.customer_id})
    changes = []
    for name, theirs, own in form_changes(stored, mine):
        if name == "customer_id":
            name = "customer"
            theirs = names.get(stored.customer_id or 0, "")
            own = names.get(mine.customer_id or 0, "")
        changes.append((name, theirs, own))
    return changes


def save_project(project_id: int | None, form: ProjectForm, force: bool = False) -> int:
    """Create (None) or update a project from the dialog; returns its id.

    EditConflict when the project was saved elsewhere since the dialog read
    ``form.version``; nothing is written then."""
    if project_id is None:
        created = projects.create_project(form.title, form.customer_id, form.site(), form.notes)
        return int(created.id)
    with db.atomic():
        if form.version is not None and not force and not claim_version(Project, project_id, form.version):
            stored = project_form(project_id)
            raise EditConflict(project_changes(stored, form), stored)
        saved = projects.edit_project(
            project_id, title=form.title, customer_id=form.customer_id, site=form.site(), notes=form.notes
        )
        return int(saved.id)
