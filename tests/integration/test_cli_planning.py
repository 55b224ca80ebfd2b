"""The planning command line of SPEC §11 P8: ``appointment plan`` with the P4 warning,
``export appointments --format ics|json`` (validated with icalendar and read back by
vobject, the parser of the Radicale calendar server), and the new appointment fields of
``appointment list --json``, ``export projects`` and ``employee list --json``."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import icalendar
import pytest
import vobject

from craftdesk.cli import main
from craftdesk.services import employees as emp
from craftdesk.services import projects as svc
from craftdesk.store.db import close_database, open_database
from craftdesk.store.models import Appointment, Article, ContactInfo, Customer, InvoiceDraft

BERLIN = "Europe/Berlin"


@pytest.fixture
def week(tmp_path):
    """A customer with a phone, two employees, a project with three appointments."""
    data_dir = tmp_path / "cli-data"
    open_database(data_dir / "craftdesk.sqlite3")
    customer = Customer.create(company="Müller; Haustechnik, GmbH", kind="organisation")
    ContactInfo.create(customer=customer, kind="mobile", value="+49 171 2345678")
    article = Article.create(number="HV-100", name="Heizkörperventil", unit="Stk")
    project = svc.create_project(
        "Heizung tauschen", customer.id, svc.Site("Hauptstraße 5", "70173", "Stuttgart")
    )
    job = svc.first_job(project)
    max_ = emp.add_employee("Max Maurer")
    anna = emp.add_employee("Anna Fliese")
    a1 = svc.create_appointment(
        job.id,
        "Ventile tauschen",
        start=datetime(2026, 3, 2, 8),
        end=datetime(2026, 3, 2, 12),
        assignee_ids=[max_.id],
        notes="Schlüssel beim Nachbarn\nHund im Hof",
        planned=[
            svc.PlannedLine(article_id=article.id, quantity=Decimal(4)),
            svc.PlannedLine(article_id=article.id, quantity=Decimal("0.5")),
            svc.PlannedLine(text="Anfahrt"),
        ],
    )
    a2 = svc.create_appointment(job.id, "Abnahme", start=datetime(2026, 3, 10, 14), assignee_ids=[anna.id])
    a3 = svc.create_appointment(job.id, "Noch offen")
    ids = {
        "project": project.id,
        "job": job.id,
        "max": max_.id,
        "anna": anna.id,
        "a1": a1.id,
        "a2": a2.id,
        "a3": a3.id,
    }
    close_database()
    return data_dir, ids


@pytest.fixture
def cli(week, capsys):
    data_dir, _ids = week

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    yield run
    close_database()


def _events(text: str) -> dict[int, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {int(str(e["UID"]).split("-")[1]): e for e in calendar.walk("VEVENT")}


# --- appointment plan ----------------------------------------------------------------------


def _plan(cli, appointment_id: int, start: str, end: str, *employees: int) -> tuple[int, str, str]:
    """``appointment plan ID --start START --end END [--employee ID …]``."""
    more = [arg for employee in employees for arg in ("--employee", str(employee))]
    return cli("appointment", "plan", str(appointment_id), "--start", start, "--end", end, *more)


def test_P8_plan_schedules_and_warns_on_double_booking(cli, week):
    _, ids = week
    code, out, err = _plan(cli, ids["a3"], "2026-03-02T11:00", "2026-03-02T13:00", ids["max"], ids["anna"])
    assert code == 0, err
    assert out.strip() == (f"Termin {ids['a3']} geplant: 02.03.2026 11:00–13:00 (Anna Fliese, Max Maurer).")
    assert err.strip() == (
        "craftdesk: Warnung: Doppelbelegung: Max Maurer ist am 02.03.2026 von 08:00 bis 12:00 "
        f"schon für „Ventile tauschen“ (Termin {ids['a1']}) eingeplant."
    )
    code, out, _ = cli("appointment", "list", "--json")
    row = next(r for r in json.loads(out) if r["id"] == ids["a3"])
    assert (row["status"], row["start"], row["end"]) == (
        "scheduled",
        "2026-03-02T11:00:00",
        "2026-03-02T13:00:00",
    )
    assert row["assignees"] == ["Anna Fliese", "Max Maurer"]


def test_P8_plan_converts_offsets_to_berlin_and_keeps_assignees(cli, week):
    _, ids = week
    code, out, err = _plan(cli, ids["a1"], "2026-07-01T06:00Z", "2026-07-01T10:00+02:00")
    assert code == 0, err
    assert "01.07.2026 08:00–10:00 (Max Maurer)" in out and err == ""


@pytest.mark.parametrize(
    ("argv", "code", "text"),
    [
        (["--start", "morgen", "--end", "2026-03-02T10:00"], 2, "ISO-Format"),
        (["--start", "2026-03-02T10:00", "--end", "2026-03-02T09:00"], 2, "nach dem Beginn"),
        (["--start", "2026-03-02T10:00", "--end", "2026-03-02T10:00"], 2, "nach dem Beginn"),
        (["--start", "1850-03-02T10:00", "--end", "1850-03-02T11:00"], 2, "1900 und 2100"),
        (
            ["--start", "2026-03-02T10:00", "--end", "2026-03-02T11:00", "--employee", "99"],
            5,
            "Mitarbeiter 99 gibt es nicht",
        ),
        (
            ["--start", "2026-03-02T10:00", "--end", "2026-03-02T11:00", "--employee", str(2**70)],
            2,
            "keine gültige Nummer",
        ),
        (["--start", "2027-03-28T02:30", "--end", "2027-03-28T04:00"], 2, "28.03.2027 02:30 gibt es nicht"),
        (
            ["--start", "2026-10-25T02:30+01:00", "--end", "2026-10-25T04:00+01:00"],
            2,
            "25.10.2026 02:30 nach dem Zurückstellen der Uhr",
        ),
    ],
)
def test_P8_plan_refuses_bad_input_with_one_sentence(cli, week, argv, code, text):
    _, ids = week
    got, out, err = cli("appointment", "plan", str(ids["a3"]), *argv)
    assert got == code and text in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    _, out, _ = cli("appointment", "list", "--json")
    assert next(r for r in json.loads(out) if r["id"] == ids["a3"])["start"] is None


def test_P8_the_first_pass_of_the_autumn_hour_is_exported_at_summer_time(cli, week):
    # 02:30 on 25.10.2026 happens twice; given as the first (+02:00) it is stored as the
    # wall-clock time that a calendar reads as the first: 00:30 UTC.
    _, ids = week
    code, _, err = _plan(cli, ids["a3"], "2026-10-25T02:30+02:00", "2026-10-25T04:00")
    assert code == 0, err
    code, out, err = cli("export", "appointments", "--format", "ics")
    assert code == 0, err
    event = _events(out)[ids["a3"]]
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert str(start.tzinfo) == BERLIN
    assert start.astimezone(timezone.utc) == datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc)
    assert end - start > timedelta(0)
    code, _, err = cli(
        "appointment", "add", str(ids["project"]), "--title", "Nacht", "--start", "2027-03-28T02:30"
    )
    assert code == 2 and "gibt es nicht" in err
    # Two hours after 00:30 that night the clock shows 03:30: the default end is not refused.
    code, out, err = cli(
        "appointment", "add", str(ids["project"]), "--title", "N", "--start", "2027-03-28T00:30"
    )
    assert code == 0, err
    code, listed, _ = cli("appointment", "list", "--json")
    row = next(r for r in json.loads(listed) if r["id"] == int(out))
    assert (row["start"], row["end"]) == ("2027-03-28T00:30:00", "2027-03-28T03:30:00")


def test_P8_plan_of_finished_work_moves_it_with_a_warning(cli, week):
    # The board asks before it moves a finished appointment; the command says so instead.
    data_dir, ids = week
    open_database(data_dir / "craftdesk.sqlite3")
    svc.set_appointment_done(ids["a2"], Decimal(3), [])
    close_database()
    code, out, err = _plan(cli, ids["a2"], "2026-03-11T14:00", "2026-03-11T16:00")
    assert code == 0 and "11.03.2026 14:00–16:00" in out
    assert err.strip() == (
        f"craftdesk: Warnung: Termin {ids['a2']} ist schon fertig; sein neuer Tag gilt als "
        "Leistungsdatum der Rechnung."
    )
    code, _, err = _plan(cli, ids["a3"], "2026-03-11T08:00", "2026-03-11T09:00")
    assert code == 0 and err == ""


def test_P8_plan_unknown_appointment_exits_5(cli):
    code, _, err = cli(
        "appointment", "plan", "999", "--start", "2026-03-02T10:00", "--end", "2026-03-02T11:00"
    )
    assert code == 5 and "Termin 999 gibt es nicht" in err


# --- export appointments ----------------------------------------------------------------------


def test_P8_ics_is_valid_rfc5545_with_berlin_times_location_and_description(cli, week):
    _, ids = week
    code, out, err = cli("export", "appointments", "--format", "ics")
    assert code == 0, err
    calendar = icalendar.Calendar.from_ical(out)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [BERLIN]
    events = _events(out)
    assert set(events) == {ids["a1"], ids["a2"]}  # the unscheduled one has no date
    event = events[ids["a1"]]
    assert event["DTSTART"].params["TZID"] == BERLIN
    assert event.decoded("DTSTART") == datetime(2026, 3, 2, 8, tzinfo=event.decoded("DTSTART").tzinfo)
    assert event.decoded("DTSTART").utcoffset().total_seconds() == 3600
    assert event.decoded("DTEND").hour == 12
    assert str(event["SUMMARY"]) == "Ventile tauschen – Müller; Haustechnik, GmbH"
    assert str(event["LOCATION"]) == "Hauptstraße 5, 70173 Stuttgart"
    description = str(event["DESCRIPTION"])
    assert "Kunde: Müller; Haustechnik, GmbH" in description
    assert "Telefon: +49 171 2345678" in description
    assert "- 4 Stk Heizkörperventil [HV-100]" in description and "- 1 Anfahrt" in description
    assert "- 0,5 Stk Heizkörperventil [HV-100]" in description  # read by people: decimal comma
    assert "Schlüssel beim Nachbarn\nHund im Hof" in description
    assert event.decoded("DTSTAMP").tzinfo is not None
    # The default duration of two hours is shown as such.
    assert events[ids["a2"]].decoded("DTEND").hour == 16
    # Every line is CRLF-terminated and folded at 75 octets.
    lines = out.encode("utf-8").split(b"\r\n")
    assert all(len(line) <= 75 for line in lines) and lines[-1] == b""


def test_P8_ics_reads_back_in_a_calendar_server_parser_without_loss(cli, week):
    _, ids = week
    _, out, _ = cli("export", "appointments", "--format", "ics", "--employee", str(ids["max"]))
    parsed = vobject.readOne(out)
    [event] = parsed.vevent_list
    assert event.dtstart.value.tzinfo is not None
    assert event.dtstart.value.utcoffset().total_seconds() == 3600
    assert (event.dtstart.value.hour, event.dtend.value.hour) == (8, 12)
    assert event.summary.value == "Ventile tauschen – Müller; Haustechnik, GmbH"
    assert event.location.value == "Hauptstraße 5, 70173 Stuttgart"
    assert "Schlüssel beim Nachbarn\nHund im Hof" in event.description.value
    assert event.uid.value.startswith(f"appointment-{ids['a1']}-")


def test_P8_uid_is_stable_across_exports_and_moves(cli, week):
    _, ids = week
    _, first, _ = cli("export", "appointments", "--format", "ics")
    cli("appointment", "plan", str(ids["a1"]), "--start", "2026-03-03T08:00", "--end", "2026-03-03T09:00")
    _, second, _ = cli("export", "appointments", "--format", "ics")
    uids = {k: str(v["UID"]) for k, v in _events(first).items()}
    assert uids == {k: str(v["UID"]) for k, v in _events(second).items()}
    assert _events(second)[ids["a1"]].decoded("DTSTART").day == 3
    assert len(set(uids.values())) == 2


def test_P8_employee_and_date_range_filters(cli, week):
    _, ids = week
    _, out, _ = cli("export", "appointments", "--format", "json", "--employee", str(ids["anna"]))
    assert [r["id"] for r in json.loads(out)] == [ids["a2"]]
    _, out, _ = cli("export", "appointments", "--from", "2026-03-01", "--to", "2026-03-07")
    assert [r["id"] for r in json.loads(out)] == [ids["a1"]]
    _, out, _ = cli("export", "appointments", "--from", "09.03.2026")
    assert [r["id"] for r in json.loads(out)] == [ids["a2"]]
    _, out, _ = cli("export", "appointments", "--format", "ics", "--to", "2026-03-01")
    assert _events(out) == {}
    code, _, err = cli("export", "appointments", "--from", "2026-03-07", "--to", "2026-03-01")
    assert code == 2 and "vor seinem Anfang" in err
    code, _, err = cli("export", "appointments", "--from", "März")
    assert code == 2 and "kein Datum" in err
    code, _, err = cli("export", "appointments", "--employee", "77")
    assert code == 5 and "Mitarbeiter 77" in err
    code, _, err = cli("export", "appointments", "--format", "csv")
    assert code == 2 and "json oder ics" in err
    code, _, err = cli("export", "customers", "--format", "ics")
    assert code == 2 and "nur für" in err


def test_P8_json_export_shape(cli, week):
    _, ids = week
    _, out, _ = cli("export", "appointments", "--format", "json")
    records = {r["id"]: r for r in json.loads(out)}
    assert list(records) == [ids["a1"], ids["a2"], ids["a3"]]
    a1 = records[ids["a1"]]
    assert a1["project_id"] == ids["project"] and a1["end"] == "2026-03-02T12:00:00"
    assert a1["assignees"] == ["Max Maurer"] and a1["status"] == "scheduled"
    assert a1["address"] == {"street": "Hauptstraße 5", "zip": "70173", "city": "Stuttgart", "country": "DE"}
    assert a1["planned"][0] == {
        "article_number": "HV-100",
        "name": "Heizkörperventil",
        "quantity": "4",
        "unit": "Stk",
    }
    assert records[ids["a3"]]["start"] is None and records[ids["a3"]]["end"] is None
    # §7's appointment fields too: its job (was null for every record), used and invoice
    assert {r["job_id"] for r in records.values()} == {ids["job"]}
    assert a1["used"] == [] and a1["invoice_sevdesk_id"] is None
    assert a1["observers"] == [] and a1["hours"] is None
    # §7: "every object has id (local) and sevdesk_id (string or null)"
    assert all("sevdesk_id" in r and r["sevdesk_id"] is None for r in records.values())


def test_P8_json_export_names_used_articles_and_the_invoice(cli, week):
    data_dir, ids = week
    code, _, err = cli("appointment", "done", str(ids["a1"]), "--hours", "3,5", "--used", "HV-100=2")
    assert code == 0, err
    open_database(data_dir / "craftdesk.sqlite3")
    draft = InvoiceDraft.create(project=ids["project"], reference="T-1", state="sent", sevdesk_id="4711")
    Appointment.update(invoice=draft.id).where(Appointment.id == ids["a1"]).execute()
    close_database()
    _, out, _ = cli("export", "appointments", "--format", "json")
    a1 = {r["id"]: r for r in json.loads(out)}[ids["a1"]]
    assert a1["used"] == [{"article_number": "HV-100", "quantity": "2"}]
    assert a1["invoice_sevdesk_id"] == "4711" and a1["hours"] == "3.5" and a1["status"] == "done"


def test_P8_export_to_file(cli, week, tmp_path):
    target = tmp_path / "woche.ics"
    code, out, err = cli("export", "appointments", "--format", "ics", "-o", str(target))
    assert code == 0 and out == ""
    assert "2 Termine" in err
    assert len(_events(target.read_text(encoding="utf-8"))) == 2


def test_P8_project_export_and_appointment_list_carry_end_assignees_project_id(cli, week):
    _, ids = week
    _, out, _ = cli("export", "projects")
    [project] = json.loads(out)
    a1 = project["jobs"][0]["appointments"][0]
    assert (a1["end"], a1["assignees"], a1["project_id"]) == (
        "2026-03-02T12:00:00",
        ["Max Maurer"],
        ids["project"],
    )
    _, out, _ = cli("export", "projects", "--format", "csv")
    header = out.lstrip("\ufeff").splitlines()[0].split(";")
    assert {"end", "assignees"} <= set(header)
    _, out, _ = cli("appointment", "list", "--json")
    rows = {r["id"]: r for r in json.loads(out)}
    assert rows[ids["a2"]]["end"] == "2026-03-10T16:00:00"
    assert rows[ids["a2"]]["assignees"] == ["Anna Fliese"]
    assert rows[ids["a3"]]["project_id"] == ids["project"]


def test_P8_employee_list_json(cli):
    code, out, _ = cli("employee", "list", "--json")
    assert code == 0
    people = json.loads(out)
    assert [p["name"] for p in people] == ["Anna Fliese", "Max Maurer"]
    assert set(people[0]) == {"id", "name", "email", "sevdesk_user_id", "active", "color"}
    assert all(p["color"].startswith("#") for p in people)


def test_P8_ics_text_has_no_control_characters_and_an_escaped_calendar_name(tmp_path, capsys):
    """A title pasted with control characters: RFC 5545 TEXT allows none but the tab, so
    they are dropped; the calendar's name is escaped like any TEXT; a calendar without any
    event still has its VTIMEZONE (RFC 5545 wants one component)."""
    data_dir = tmp_path / "ics-data"
    open_database(data_dir / "craftdesk.sqlite3")
    customer = Customer.create(company="Bau GmbH", kind="organisation")
    project = svc.create_project("Dach", customer.id, svc.Site("Weg 1", "70173", "Stuttgart"))
    worker = emp.add_employee("Kai; Dach,\\bau")
    svc.create_appointment(
        svc.first_job(project).id,
        "Rinne\x1b[2J\x07 prüfen\x0c",
        start=datetime(2026, 3, 2, 8),
        assignee_ids=[worker.id],
        notes="Leiter\r\nmitbringen\x7f",
    )
    close_database()

    def ics(*options: str) -> str:
        code = main(["--data-dir", str(data_dir), "export", "appointments", "--format", "ics", *options])
        out, err = capsys.readouterr()
        close_database()
        assert code == 0, err
        return out

    out = ics("--employee", str(worker.id))
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", out.replace("\r\n", ""))
    event = icalendar.Calendar.from_ical(out).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Rinne[2J prüfen – Bau GmbH"
    assert "Leiter\nmitbringen" in str(event["DESCRIPTION"])
    assert "X-WR-CALNAME:craftdesk – Kai\\; Dach\\,\\\\bau\r\n" in out
    out = ics("--from", "2030-01-01", "--to", "2030-01-31")
    calendar = icalendar.Calendar.from_ical(out)
    assert not calendar.walk("VEVENT") and [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == [BERLIN]


def test_appointment_list_prints_each_appointment_on_one_line(tmp_path, capsys):
    """Titles from sevDesk or pasted ones with line breaks or terminal escapes: the table
    keeps one line per appointment and sends no control characters to the terminal."""
    data_dir = tmp_path / "list-data"
    open_database(data_dir / "craftdesk.sqlite3")
    project = svc.create_project("Dach", None, svc.Site("Weg 1", "70173", "Stuttgart"))
    svc.create_appointment(svc.first_job(project).id, "Erste\nZeile\r\x1b]0;pwned\x07 Ende")
    close_database()
    code = main(["--data-dir", str(data_dir), "appointment", "list"])
    out, err = capsys.readouterr()
    close_database()
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2 and "Erste Zeile ]0;pwned Ende" in lines[1]
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f]", out.replace("\n", ""))
