"""The appointment editor's save as one service call (``project_forms.save_appointment``):
people, times and worksheet in one transaction (O8), refused over a newer version with the
changed fields named (T5), and the double bookings named before the save (P4)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from craftdesk.errors import EditConflict
from craftdesk.services import planning, projects, worksheet
from craftdesk.services import project_forms as forms
from craftdesk.store.models import Appointment, AppointmentEmployee, Article, Employee, UsedArticle


@pytest.fixture
def job(database):
    return projects.first_job(projects.create_project("Bad Müller"))


@pytest.fixture
def people(database):
    return Employee.create(name="Anna Becker"), Employee.create(name="Max Maurer")


def _people_of(appointment_id: int, role: str) -> list[int]:
    rows = AppointmentEmployee.select().where(
        (AppointmentEmployee.appointment == appointment_id) & (AppointmentEmployee.role == role)
    )
    return sorted(row.employee_id for row in rows)


def test_O8_save_appointment_writes_times_people_and_worksheet(job, people):
    anna, max_ = people
    article = Article.create(number="A-1", name="Ventil", unit="Stk")
    line = worksheet.article_line(article.id, Decimal("2.5"))
    start = datetime(2026, 3, 2, 8, 0)
    new_id = forms.save_appointment(
        None,
        job.id,
        forms.AppointmentInput(
            title="Montage",
            status="scheduled",
            start=start,
            end=datetime(2026, 3, 2, 12, 0),
            notes="Schlüssel beim Nachbarn",
            used=[line],
            assignee_ids=[anna.id],
            observer_ids=[max_.id],
        ),
    )
    stored = Appointment.get_by_id(new_id)
    assert (stored.title, stored.status, stored.start, stored.notes) == (
        "Montage",
        "scheduled",
        start,
        "Schlüssel beim Nachbarn",
    )
    assert _people_of(new_id, "assignee") == [anna.id] and _people_of(new_id, "observer") == [max_.id]
    assert [u.quantity for u in UsedArticle.select()] == [Decimal("2.5")]

    # Edited from the version shown: "Fertig" with hours, the people swapped.
    view = forms.appointment_view(new_id)
    forms.save_appointment(
        new_id,
        None,
        forms.AppointmentInput(
            title="Montage Bad",
            status="done",
            start=start,
            hours=Decimal(3),
            used=[line],
            assignee_ids=[max_.id],
            observer_ids=[anna.id],
            expected_version=view.version,
        ),
    )
    stored = Appointment.get_by_id(new_id)
    assert (stored.title, stored.status, stored.hours) == ("Montage Bad", "done", Decimal(3))
    assert _people_of(new_id, "assignee") == [max_.id] and _people_of(new_id, "observer") == [anna.id]
    assert forms.appointment_view(new_id).version > view.version


def test_T5_save_appointment_over_a_newer_version_writes_nothing_and_names_the_fields(job, people):
    anna, max_ = people
    article = Article.create(number="A-1", name="Ventil", unit="Stk")
    appointment_id = forms.save_appointment(
        None, job.id, forms.AppointmentInput(title="Montage", status="unscheduled", assignee_ids=[anna.id])
    )
    shown = forms.appointment_view(appointment_id)
    projects.edit_appointment(appointment_id, title="Montage Dienstag")  # another workstation

    with pytest.raises(EditConflict) as caught:
        forms.save_appointment(
            appointment_id,
            None,
            forms.AppointmentInput(
                title="Montage Mittwoch",
                status="unscheduled",
                notes=shown.notes,
                hours=Decimal(2),
                used=[(article.id, Decimal(1))],
                assignee_ids=[max_.id],
                expected_version=shown.version,
            ),
        )
    assert [name for name, _stored, _mine in caught.value.changes] == ["title"]
    assert caught.value.changes[0][1:] == ("Montage Dienstag", "Montage Mittwoch")
    assert "title" in str(caught.value) and "nichts wurde überschrieben" in str(caught.value)
    # Nothing of the refused save was written: title, people and worksheet stay.
    stored = Appointment.get_by_id(appointment_id)
    assert (stored.title, stored.hours) == ("Montage Dienstag", None)
    assert _people_of(appointment_id, "assignee") == [anna.id]
    assert UsedArticle.select().count() == 0


def test_P4_double_bookings_are_named_before_the_save_and_nothing_is_written(job, people):
    anna, max_ = people
    other = forms.save_appointment(
        None,
        job.id,
        forms.AppointmentInput(
            title="Heizung",
            status="scheduled",
            start=datetime(2026, 3, 2, 9, 0),
            end=datetime(2026, 3, 2, 11, 0),
            assignee_ids=[anna.id],
        ),
    )
    count = Appointment.select().count()
    wanted = forms.AppointmentInput(
        title="Bad",
        status="scheduled",
        start=datetime(2026, 3, 2, 10, 0),
        end=datetime(2026, 3, 2, 12, 0),
        assignee_ids=[max_.id, anna.id],
    )
    conflicts = forms.double_bookings(None, wanted)
    assert [(c.employee_name, c.other_id, c.other_title) for c in conflicts] == [
        ("Anna Becker", other, "Heizung")
    ]
    assert Appointment.select().count() == count  # only read
    # Not overlapping, or nobody assigned: nothing to name.
    later = forms.AppointmentInput(
        title="Bad", status="scheduled", start=datetime(2026, 3, 2, 11, 0), assignee_ids=[anna.id]
    )
    assert forms.double_bookings(None, later) == []
    assert forms.double_bookings(None, forms.AppointmentInput(title="Bad", status="unscheduled")) == []
    # Saved anyway (allowed after the warning), the stored appointment has the same one.
    saved = forms.save_appointment(None, job.id, wanted)
    assert [c.other_id for c in planning.conflicts_of(saved)] == [other]
    # An appointment never double-books itself.
    assert [c.other_id for c in forms.double_bookings(saved, wanted)] == [other]
