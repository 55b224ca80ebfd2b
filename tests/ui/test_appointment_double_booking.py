"""The appointment editor names a double booking (SPEC P4) as a plain-text warning line:
before the save, which then waits for a second "Speichern" (allowed after the warning), and
when an appointment that is already double-booked is opened."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime

from craftdesk.services import project_forms as forms
from craftdesk.services import projects
from craftdesk.store.models import Appointment, Employee
from craftdesk.ui.dialogs.appointment_dialog import AppointmentDialog


@pytest.fixture
def week(database):
    job = projects.first_job(projects.create_project("Bad Müller"))
    anna = Employee.create(name="Anna <b>Becker</b>")
    busy = forms.save_appointment(
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
    return {"job": job.id, "anna": anna.id, "busy": busy}


def _plan(dialog: AppointmentDialog, employee_id: int, hour: int) -> None:
    dialog.title.setText("Bad")
    dialog.has_start.setChecked(True)
    dialog.start.setDateTime(QDateTime(QDate(2026, 3, 2), QTime(hour, 0)))
    for row in range(dialog.assignees.count()):
        item = dialog.assignees.item(row)
        if item.data(Qt.ItemDataRole.UserRole) == employee_id:
            item.setCheckState(Qt.CheckState.Checked)


def test_P4_dialog_names_the_double_booking_then_saves_on_the_second_click(qtbot, week):
    dialog = AppointmentDialog(None, week["job"])
    qtbot.addWidget(dialog)
    assert dialog.conflicts.isHidden()
    _plan(dialog, week["anna"], 10)
    count = Appointment.select().count()

    dialog._save()
    assert dialog.result() == 0 and Appointment.select().count() == count  # held back
    assert not dialog.conflicts.isHidden()
    assert dialog.conflicts.textFormat() == Qt.TextFormat.PlainText  # names are data
    text = dialog.conflicts.text()
    assert "Doppelbelegung: Anna <b>Becker</b>" in text and "„Heizung“" in text and "02.03.2026" in text

    dialog._save()  # named: now it is saved
    assert dialog.result() == 1 and dialog.saved_id is not None
    assert Appointment.get_by_id(dialog.saved_id).title == "Bad"


def test_P4_no_warning_without_an_overlap(qtbot, week):
    dialog = AppointmentDialog(None, week["job"])
    qtbot.addWidget(dialog)
    _plan(dialog, week["anna"], 11)
    dialog._save()
    assert dialog.result() == 1 and dialog.conflicts.isHidden()


def test_P4_an_opened_double_booking_is_named_and_saves_at_once(qtbot, week):
    other = forms.save_appointment(
        None,
        week["job"],
        forms.AppointmentInput(
            title="Bad",
            status="scheduled",
            start=datetime(2026, 3, 2, 10, 0),
            assignee_ids=[week["anna"]],
        ),
    )
    dialog = AppointmentDialog(other)
    qtbot.addWidget(dialog)
    assert not dialog.conflicts.isHidden() and "„Heizung“" in dialog.conflicts.text()
    dialog.notes.setPlainText("Schlüssel beim Nachbarn")
    dialog._save()  # the same double booking was named when it opened
    assert dialog.result() == 1
    assert Appointment.get_by_id(other).notes == "Schlüssel beim Nachbarn"


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("de", "Den Zeitpunkt 28.03.2027 02:30 gibt es nicht"),
        ("en", "The time 28.03.2027 02:30 does not exist"),
    ],
)
def test_P8_dialog_says_a_time_the_clock_skips_does_not_exist(
    qtbot, qapp, week, monkeypatch, language, sentence
):
    from craftdesk.ui import i18n
    from craftdesk.ui.dialogs import common

    i18n.install_translations(qapp, language)
    try:
        warned: list[str] = []
        monkeypatch.setattr(common, "warn", lambda parent, title, text: warned.append(text))
        dialog = AppointmentDialog(None, week["job"])
        qtbot.addWidget(dialog)
        _plan(dialog, week["anna"], 10)
        dialog.start.setDateTime(QDateTime(QDate(2027, 3, 28), QTime(2, 30)))
        if dialog.start.dateTime().time() != QTime(2, 30):
            pytest.skip("this computer's own clock skips 02:30 on that night: the field cannot show it")
        count = Appointment.select().count()
        dialog._save()
        assert dialog.result() == 0 and Appointment.select().count() == count
        assert len(warned) == 1 and warned[0].startswith(sentence)
    finally:
        i18n.install_translations(qapp, "de")
