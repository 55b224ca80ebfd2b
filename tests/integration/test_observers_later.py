"""O3 after the fact: employees added after the confirmations were imported become observers
of those imports when they created the confirmation — on request, with bounded requests."""

from __future__ import annotations

from craftdesk.services import employees as emp
from craftdesk.services import observers
from craftdesk.services.orders import import_order
from craftdesk.store.models import AppointmentEmployee, Project


def _order(sandbox, number: str) -> dict:
    return next(o for o in sandbox.data.all("Order") if o["orderNumber"] == number)


def _observers(project_id: int) -> list[str]:
    project = Project.get_by_id(project_id)
    return sorted(
        ae.employee.name
        for job in project.jobs
        for a in job.appointments
        for ae in a.people
        if ae.role == "observer"
    )


def test_O3_creators_become_observers_when_the_employees_come_later(sandbox, client, database):
    first = import_order(client, _order(sandbox, "AB-1041")["id"])
    second = import_order(client, _order(sandbox, "AB-1042")["id"])
    assert _observers(first.project_id) == [] and _observers(second.project_id) == []
    assert observers.pending_count() == 0  # no employees: nothing to offer
    admin = sandbox.data.get("SevUser", _order(sandbox, "AB-1041")["createUser"]["id"])
    office = sandbox.data.get("SevUser", _order(sandbox, "AB-1042")["createUser"]["id"])
    emp.add_employee("Chef", sevdesk_user_id=admin["id"])
    emp.add_employee("Büro", office["email"])  # matched by e-mail
    assert observers.pending_count() == 2
    sandbox.clear_requests()
    assert observers.apply_creators(client) == 2
    assert _observers(first.project_id) == ["Chef"] and _observers(second.project_id) == ["Büro"]
    paths = [r.path for r in sandbox.requests]
    assert paths.count("/SevUser") == 1 and all(p in ("/Order", "/SevUser") for p in paths)
    # Done once: nothing more to do, nothing doubled.
    assert observers.pending_count() == 0
    assert observers.apply_creators(client) == 0
    assert AppointmentEmployee.select().where(AppointmentEmployee.role == "observer").count() == 2


def test_O3_a_creator_without_employee_stays_without_observer(sandbox, client, database):
    result = import_order(client, _order(sandbox, "AB-1045")["id"])
    emp.add_employee("Jemand anderes", "jemand@example.de")
    assert observers.pending_count() == 1
    assert observers.apply_creators(client) == 0
    assert _observers(result.project_id) == []
