"""Planning services (SPEC §11): assignees, start and end, colours, the migration of old
data (P1), scheduling, moving and unscheduling with undoable placements (P3) and double
bookings (P4)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from craftdesk.errors import NotFound, PreconditionError
from craftdesk.services import employees as emp
from craftdesk.services import planning
from craftdesk.services import projects as svc
from craftdesk.store import migrations
from craftdesk.store.db import close_database, open_database
from craftdesk.store.models import Appointment, Customer, Employee, InvoiceDraft, SchemaVersion

MONDAY = datetime(2026, 3, 2, 8, 0)


@pytest.fixture
def job(database):
    customer = Customer.create(company="Bäckerei Schröder", kind="organisation")
    project = svc.create_project("Backstube", customer.id, svc.Site("Marktplatz 3", "70173", "Stuttgart"))
    return svc.first_job(project)


@pytest.fixture
def people(database):
    return emp.add_employee("Max Maurer"), emp.add_employee("Anna Fliese")


# --- P1 ------------------------------------------------------------------------------------


def test_P1_assignees_are_distinct_from_observers(job, people):
    max_, anna = people
    a = svc.create_appointment(
        job.id, "Ofen anschließen", start=MONDAY, assignee_ids=[max_.id], observer_ids=[anna.id]
    )
    assert planning.assignee_ids_of(a.id) == (max_.id,)
    assert [e.name for e in svc.people_of(a, "observer")] == ["Anna Fliese"]
    planning.plan_appointment(a.id, MONDAY, MONDAY + timedelta(hours=3), [anna.id])
    assert planning.assignee_ids_of(a.id) == (anna.id,)
    assert [e.name for e in svc.people_of(a, "observer")] == ["Anna Fliese"]  # untouched


def test_P1_start_without_end_lasts_two_hours(job):
    a = svc.create_appointment(job.id, "Aufmaß", start=MONDAY)
    assert svc.get_appointment(a.id).end == MONDAY + timedelta(hours=2)
    assert planning.end_of(MONDAY, None) == MONDAY + timedelta(hours=2)
    assert planning.end_of(None, None) is None


def test_P1_employee_colour_and_active_flag(people):
    max_, anna = people
    assert emp.color_of(max_) in emp.PALETTE and emp.color_of(max_) != emp.color_of(anna)
    emp.set_employee_color(max_.id, "#AA3300")
    assert emp.color_of(emp.get_employee(max_.id)) == "#aa3300"
    with pytest.raises(PreconditionError, match="keine Farbe"):
        emp.set_employee_color(max_.id, "red; drop")
    emp.set_employee_color(max_.id, None)
    assert emp.color_of(emp.get_employee(max_.id)) in emp.PALETTE
    emp.edit_employee(anna.id, active=False)
    assert [e.name for e in emp.list_employees(include_inactive=False)] == ["Max Maurer"]


def test_P1_migration_gives_old_appointments_an_end_and_employees_a_colour(data_dir):
    path = data_dir / "old.sqlite3"
    database = open_database(path)
    customer = Customer.create(company="Alt GmbH")
    project = svc.create_project("Alt", customer.id)
    a = svc.create_appointment(svc.first_job(project).id, "Alt", start=MONDAY)
    undated = svc.create_appointment(svc.first_job(project).id, "Ohne Datum")
    Employee.create(name="Alt")
    # Make it look like a database from before version 4.
    Appointment.update(end=None).execute()
    database.execute_sql('DROP INDEX IF EXISTS "appointment_start"')
    database.execute_sql('ALTER TABLE "employee" DROP COLUMN "color"')
    # Only v4 is missing: a database that met a higher version first still gets it.
    SchemaVersion.delete().where(SchemaVersion.version == 4).execute()
    close_database()

    database = open_database(path)
    assert migrations.current_version(database) == migrations.LATEST_VERSION
    assert Appointment.get_by_id(a.id).end == MONDAY + timedelta(hours=2)
    assert Appointment.get_by_id(undated.id).end is None
    assert Employee.get().color == ""
    assert list(data_dir.glob("old.sqlite3.v*-*.bak"))  # backed up first
    assert sorted(v.version for v in SchemaVersion.select()) == [n for n, _d, _s in migrations.MIGRATIONS]
    # Safe to run twice.
    for number, _description, step in migrations.MIGRATIONS:
        if number == 4:
            with database.atomic():
                step(database)
    assert Appointment.get_by_id(a.id).end == MONDAY + timedelta(hours=2)
    close_database()


def test_P1_aware_times_are_berlin_wall_clock(job):
    a = svc.create_appointment(job.id, "T")
    utc = datetime(2026, 7, 1, 6, 0, tzinfo=timezone.utc)  # summer: UTC+2
    result = planning.plan_appointment(a.id, utc, utc + timedelta(hours=1))
    assert result.placement.start == datetime(2026, 7, 1, 8, 0)
    assert result.placement.end == datetime(2026, 7, 1, 9, 0)


# --- P3 ------------------------------------------------------------------------------------


def test_P3_planning_schedules_and_unscheduling_keeps_people(job, people):
    max_, _anna = people
    a = svc.create_appointment(job.id, "Fliesen")
    assert a.status == "unscheduled"
    result = planning.plan_appointment(a.id, MONDAY, None, [max_.id])
    assert result.placement == planning.Placement(
        MONDAY, MONDAY + timedelta(hours=2), "scheduled", (max_.id,)
    )
    svc.set_appointment_status(a.id, "in_progress")
    moved = planning.plan_appointment(a.id, MONDAY + timedelta(days=1))
    assert moved.placement.status == "in_progress"  # a move keeps a later status
    back = planning.unschedule_appointment(a.id)
    assert back.placement == planning.Placement(None, None, "unscheduled", (max_.id,))


def test_P3_an_appointment_without_a_date_becomes_terminiert_whatever_it_was_marked(job):
    """The side list holds every open appointment without a date, also one marked
    "Problem" or "In Bearbeitung" meanwhile: dragged onto the board, it is "Terminiert"."""
    for marked in ("problem", "in_progress"):
        a = svc.create_appointment(job.id, f"Fliesen {marked}")
        svc.set_appointment_status(a.id, marked)
        before = planning.placement_of(a.id)
        planned = planning.plan_appointment(a.id, MONDAY)
        assert planned.placement.status == "scheduled"
        undone = planning.restore_placement(a.id, before, planned.placement)  # Ctrl+Z
        assert undone.placement == before and before.status == marked
        planning.restore_placement(a.id, planned.placement, before)  # Ctrl+Y
        svc.set_appointment_status(a.id, marked)
        moved = planning.plan_appointment(a.id, MONDAY + timedelta(days=1))
        assert moved.placement.status == marked  # on the board already: a move keeps it


def test_P3_finished_work_without_a_date_keeps_its_mark_when_it_gets_its_day(job):
    """A job finished (or archived) without a date and given its day later (the CLI's
    ``plan``, or a side list another window has not refreshed) stays "Fertig": it must not
    drop out of what can be invoiced."""
    done = svc.create_appointment(job.id, "Fertig ohne Datum")
    svc.set_appointment_done(done.id, Decimal("2"), None)
    assert planning.plan_appointment(done.id, MONDAY).placement.status == "done"
    archived = svc.create_appointment(job.id, "Archiviert ohne Datum")
    svc.set_appointment_status(archived.id, "archived")
    assert planning.plan_appointment(archived.id, MONDAY).placement.status == "archived"


def test_P3_move_on_board_swaps_the_row_and_keeps_duration(job, people):
    max_, anna = people
    a = svc.create_appointment(
        job.id, "Fliesen", start=MONDAY, end=MONDAY + timedelta(hours=5), assignee_ids=[max_.id]
    )
    result = planning.move_on_board(a.id, MONDAY + timedelta(days=2), max_.id, anna.id)
    assert result.placement.assignee_ids == (anna.id,)
    assert result.placement.end - result.placement.start == timedelta(hours=5)
    to_nobody = planning.move_on_board(a.id, MONDAY, anna.id, None)
    assert to_nobody.placement.assignee_ids == ()
    from_nobody = planning.move_on_board(a.id, MONDAY, None, max_.id)
    assert from_nobody.placement.assignee_ids == (max_.id,)


def test_P3_restore_placement_is_undo_and_redo(job, people):
    _max, anna = people
    a = svc.create_appointment(job.id, "Fliesen")
    before = planning.placement_of(a.id)
    after = planning.move_on_board(a.id, MONDAY, None, anna.id).placement
    planning.restore_placement(a.id, before)
    assert planning.placement_of(a.id) == before
    planning.restore_placement(a.id, after)
    assert planning.placement_of(a.id) == after


def test_P3_a_move_keeps_the_order_of_the_assignees(job, people):
    max_, anna = people
    third = emp.add_employee("Ole Otto")
    a = svc.create_appointment(job.id, "Bad", start=MONDAY, assignee_ids=[max_.id, anna.id])
    same_row = planning.move_on_board(a.id, MONDAY + timedelta(days=1), max_.id, max_.id)
    assert same_row.placement.assignee_ids == (max_.id, anna.id)  # was (Anna, Max)
    other_row = planning.move_on_board(a.id, MONDAY, max_.id, third.id)
    assert other_row.placement.assignee_ids == (third.id, anna.id)  # in Max's place
    onto_a_colleague = planning.move_on_board(a.id, MONDAY, third.id, anna.id)
    assert onto_a_colleague.placement.assignee_ids == (anna.id,)


def test_P3_undo_puts_back_what_the_dialog_may_store(job, people):
    # An appointment may end when it starts (the dialog allows it): the undo of a move
    # was refused and the earlier placement was lost.
    max_, _anna = people
    a = svc.create_appointment(job.id, "Abnahme", start=MONDAY, end=MONDAY, assignee_ids=[max_.id])
    before = planning.placement_of(a.id)
    planning.move_on_board(a.id, MONDAY + timedelta(days=1), max_.id, max_.id)
    planning.restore_placement(a.id, before)
    assert planning.placement_of(a.id) == before
    with pytest.raises(PreconditionError, match="nach seinem Beginn"):
        planning.restore_placement(
            a.id, planning.Placement(MONDAY, MONDAY - timedelta(hours=1), "scheduled", ())
        )


def test_P3_invalid_or_frozen_moves_are_refused(job, people):
    a = svc.create_appointment(job.id, "Fliesen")
    with pytest.raises(PreconditionError, match="nach seinem Beginn"):
        planning.plan_appointment(a.id, MONDAY, MONDAY)
    with pytest.raises(PreconditionError, match="1900 und 2100"):
        planning.plan_appointment(a.id, datetime(1850, 1, 1), datetime(1850, 1, 1, 2))
    with pytest.raises(NotFound):
        planning.plan_appointment(a.id, MONDAY, None, [999])
    with pytest.raises(NotFound):
        planning.plan_appointment(999, MONDAY)
    assert planning.placement_of(a.id).start is None  # nothing half-done
    draft = InvoiceDraft.create(project=job.project, reference="R-1", state="sent", sevdesk_id="1")
    Appointment.update(invoice=draft).where(Appointment.id == a.id).execute()
    with pytest.raises(PreconditionError, match="abgerechnet"):
        planning.plan_appointment(a.id, MONDAY)


# --- P4 ------------------------------------------------------------------------------------


def test_P4_double_booking_is_named_and_allowed(job, people):
    max_, anna = people
    first = svc.create_appointment(
        job.id, "Fliesen", start=MONDAY, end=MONDAY + timedelta(hours=4), assignee_ids=[max_.id]
    )
    second = svc.create_appointment(job.id, "Silikon")
    result = planning.plan_appointment(
        second.id, MONDAY + timedelta(hours=3), MONDAY + timedelta(hours=5), [max_.id, anna.id]
    )
    assert [(c.employee_name, c.other_id) for c in result.conflicts] == [("Max Maurer", first.id)]
    assert result.conflicts[0].sentence() == (
        "Doppelbelegung: Max Maurer ist am 02.03.2026 von 08:00 bis 12:00 schon für "
        "„Fliesen“ (Termin 1) eingeplant."
    )
    assert planning.placement_of(second.id).start == MONDAY + timedelta(hours=3)  # saved
    assert [c.other_id for c in planning.conflicts_of(first.id)] == [second.id]
    # Touching ends are no overlap; archived history occupies nobody.
    touching = planning.plan_appointment(second.id, MONDAY + timedelta(hours=4), MONDAY + timedelta(hours=6))
    assert touching.conflicts == []
    svc.set_appointment_status(first.id, "archived")
    assert planning.plan_appointment(second.id, MONDAY).conflicts == []


def test_P4_a_double_booking_over_several_days_names_its_last_day(job, people):
    max_, _anna = people
    long = svc.create_appointment(
        job.id,
        "Dach",
        start=MONDAY - timedelta(days=1),
        end=MONDAY + timedelta(days=2, hours=9),
        assignee_ids=[max_.id],
    )
    short = svc.create_appointment(job.id, "Rinne")
    conflicts = planning.plan_appointment(short.id, MONDAY, MONDAY + timedelta(hours=2), [max_.id]).conflicts
    assert [c.other_id for c in conflicts] == [long.id]
    assert "am 01.03.2026 von 08:00 bis 04.03.2026 17:00 schon" in conflicts[0].sentence()


# --- demo week ------------------------------------------------------------------------------


def test_P2_demo_week_is_realistic_and_made_once(database):
    from datetime import date

    from craftdesk.services import board
    from craftdesk.services.demo_week import seed_demo_week

    Customer.create(company="Müller Haustechnik GmbH", kind="organisation")
    made = seed_demo_week(date(2026, 3, 4))
    assert made >= 15
    week = board.load_week(date(2026, 3, 4))
    assert len([r for r in week.rows if r.employee_id is not None]) == 5
    assert len(week.items) >= 10 and len(week.unscheduled) >= 3
    assert {i.status for i in week.items} >= {"scheduled", "done", "in_progress", "problem"}
    assert any(i.conflict is not None for i in week.items)  # one double booking to see
    assert {i.start.weekday() for i in week.items} == set(range(6))
    assert seed_demo_week(date(2026, 3, 4)) == 0
    Employee.delete().execute()
    assert seed_demo_week(date(2026, 3, 4)) == 0  # deleted stays deleted


def test_P2_demo_week_has_none_of_the_demo_confirmations_titles():
    """Importing a demo confirmation made a second project of the same title, other customer."""
    from craftdesk.sandbox import build_demo_data
    from craftdesk.services.demo_week import DEMO_JOBS

    headers = {o["header"] for o in build_demo_data().all("Order")}
    assert len(headers) >= 5
    assert not headers & {demo.project for demo in DEMO_JOBS}


def test_P2_demo_app_seeds_the_week_after_the_first_import(database, qapp):
    from PySide6.QtCore import QObject, Signal

    from craftdesk.ui.app import _seed_demo_week_after_first_import

    class Controller(QObject):
        import_succeeded = Signal(object, str)
        data_changed = Signal(str)

    controller = Controller()
    seen: list[str] = []
    controller.data_changed.connect(seen.append)
    _seed_demo_week_after_first_import(controller)
    controller.import_succeeded.emit(None, "manual")
    controller.import_succeeded.emit(None, "scheduled")
    assert seen == ["projects"] and Employee.select().count() == 5


def test_P4_an_appointment_longer_than_the_board_looks_back_is_refused(job, people):
    # The board and the double-booking check look 14 days back for appointments still
    # running: a longer one, which the dialog saved, vanished from its later weeks and met
    # no double booking there.
    max_, _anna = people
    with pytest.raises(PreconditionError, match="14 Tage"):
        svc.create_appointment(
            job.id, "Rohbau", start=MONDAY, end=MONDAY + timedelta(days=30), assignee_ids=[max_.id]
        )
    a = svc.create_appointment(job.id, "Rohbau", start=MONDAY, end=MONDAY + timedelta(days=14))
    assert svc.get_appointment(a.id).end == MONDAY + timedelta(days=14)  # the limit itself is fine


def test_P8_a_time_the_clock_skips_in_spring_is_refused_not_moved(job, people):
    # 28.03.2027: the clock goes from 02:00 to 03:00. Stored as 02:30 wall-clock time, a
    # calendar read it as 03:30, after the 03:00 end: the event ended before it started.
    max_, _anna = people
    skipped = datetime(2027, 3, 28, 2, 30)
    with pytest.raises(PreconditionError, match=r"28\.03\.2027 02:30 gibt es nicht"):
        svc.create_appointment(job.id, "Notdienst", start=skipped, end=datetime(2027, 3, 28, 3))
    a = svc.create_appointment(job.id, "Notdienst")
    with pytest.raises(PreconditionError, match="gibt es nicht"):
        planning.plan_appointment(a.id, datetime(2027, 3, 28, 1), datetime(2027, 3, 28, 2, 15), [max_.id])
    with pytest.raises(PreconditionError, match="gibt es nicht"):
        svc.edit_appointment(a.id, start=datetime(2027, 3, 28, 1, 59), end=datetime(2027, 3, 28, 2))
    assert svc.get_appointment(a.id).start is None  # nothing stored
    # Either side of the gap, and an appointment spanning it, are fine.
    planning.plan_appointment(a.id, datetime(2027, 3, 28, 1, 30), datetime(2027, 3, 28, 3, 30), [max_.id])
    assert svc.get_appointment(a.id).end == datetime(2027, 3, 28, 3, 30)


def test_P8_the_second_pass_of_the_autumn_hour_is_refused_the_first_kept(job):
    # 25.10.2026: 02:00–03:00 happens twice. A wall-clock time means the first (summer
    # time), as RFC 5545 reads it; the second, given with its offset, would be exported an
    # hour early, so it is refused. The first, given either way, is kept.
    a = svc.create_appointment(job.id, "Nachtschicht")
    second = datetime(2026, 10, 25, 2, 30, tzinfo=timezone(timedelta(hours=1)))
    with pytest.raises(PreconditionError, match=r"25\.10\.2026 02:30 nach dem Zurückstellen der Uhr"):
        planning.plan_appointment(a.id, second, second + timedelta(hours=2))
    first = datetime(2026, 10, 25, 2, 30, tzinfo=timezone(timedelta(hours=2)))
    planning.plan_appointment(a.id, first, datetime(2026, 10, 25, 4))
    assert svc.get_appointment(a.id).start == datetime(2026, 10, 25, 2, 30)
    svc.edit_appointment(a.id, start=datetime(2026, 10, 25, 2, 45), end=datetime(2026, 10, 25, 4))
    assert svc.get_appointment(a.id).start == datetime(2026, 10, 25, 2, 45)


def test_P8_an_end_the_user_did_not_give_is_where_the_clock_stands_then(job, people):
    # Two hours after 00:30 on the spring night the clock shows 03:30: a default end, or a
    # move that keeps the length, is that time instead of a refusal naming a time never typed.
    max_, _anna = people
    night = datetime(2027, 3, 28, 0, 30)
    a = svc.create_appointment(job.id, "Notdienst", start=night)
    assert svc.get_appointment(a.id).end == datetime(2027, 3, 28, 3, 30)
    b = svc.create_appointment(job.id, "Bereitschaft")
    planning.plan_appointment(b.id, night)
    assert svc.get_appointment(b.id).end == datetime(2027, 3, 28, 3, 30)
    c = svc.create_appointment(job.id, "Rohr", start=datetime(2027, 3, 26, 8), end=datetime(2027, 3, 26, 10))
    planning.move_on_board(c.id, night, None, max_.id)
    assert svc.get_appointment(c.id).end == datetime(2027, 3, 28, 3, 30)


def test_P8_an_appointment_stored_at_a_skipped_time_can_still_be_edited(job):
    # Written before the check (an older version, a backup): its title, status and notes
    # can be changed; only a new time is checked.
    a = svc.create_appointment(job.id, "Alt", start=datetime(2027, 3, 28, 1), end=datetime(2027, 3, 28, 4))
    Appointment.update(start=datetime(2027, 3, 28, 2, 30)).where(Appointment.id == a.id).execute()
    svc.edit_appointment(a.id, title="Neu", start=datetime(2027, 3, 28, 2, 30), end=datetime(2027, 3, 28, 4))
    svc.set_appointment_status(a.id, "in_progress")
    stored = svc.get_appointment(a.id)
    assert (stored.title, stored.status, stored.start) == ("Neu", "in_progress", datetime(2027, 3, 28, 2, 30))
    with pytest.raises(PreconditionError, match="02:15 gibt es nicht"):
        svc.edit_appointment(a.id, start=datetime(2027, 3, 28, 2, 15))
