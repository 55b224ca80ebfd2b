"""Printouts (SPEC §11 P6/P7): job sheet, day plan and work report as PDF through Qt's own
PDF writer, text shown as text, the signature pad, and the calendar export of the board."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from craftdesk.errors import PreconditionError
from craftdesk.services import employees as emp
from craftdesk.services import printouts
from craftdesk.services import projects as svc
from craftdesk.store.models import Article, ContactInfo, Customer
from craftdesk.ui import print_actions, printing
from craftdesk.ui.dialogs import common
from craftdesk.ui.dialogs.signature_dialog import SignatureDialog, SignaturePad


@pytest.fixture
def job(database, qapp):
    customer = Customer.create(company="<b>Schmid</b> & Söhne", customer_number="10042")
    ContactInfo.create(customer=customer, kind="mobile", value="+49 171 2345678")
    article = Article.create(number="HV-100", name="Heizkörperventil", unit="Stk")
    project = svc.create_project("Bad", customer.id, svc.Site("Hauptstraße 12", "70563", "Stuttgart"))
    max_ = emp.add_employee("Max Maurer")
    a = svc.create_appointment(
        svc.first_job(project).id,
        "Fliesen legen",
        start=datetime(2026, 3, 3, 7),
        end=datetime(2026, 3, 3, 15),
        assignee_ids=[max_.id],
        notes="Schlüssel beim Nachbarn",
        planned=[svc.PlannedLine(article_id=article.id, quantity=Decimal(4))],
    )
    return {"appointment": a.id, "max": max_.id, "article": article.id}


def _pages(path) -> int:
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    return len(re.findall(rb"/Type\s*/Page[^s]", data))


def test_P6_job_sheet_has_customer_site_contacts_material_and_fields(job, tmp_path):
    sheet = printouts.job_sheet(job["appointment"])
    document = printing.job_sheet_document(sheet)
    text = document.toPlainText()
    for expected in (
        "Arbeitsauftrag",
        "Fliesen legen",
        "<b>Schmid</b> & Söhne",
        "10042",
        "Hauptstraße 12, 70563 Stuttgart",
        "+49 171 2345678",
        "Max Maurer",
        "Heizkörperventil",
        "HV-100",
        "Schlüssel beim Nachbarn",
        "Arbeitszeit",
        "Verbrauchtes Material",
        "Unterschrift Kunde",
        "Di 03.03.2026 07:00–15:00",
    ):
        assert expected in text, expected
    path = tmp_path / "auftrag.pdf"
    assert print_actions.job_sheet(None, job["appointment"], str(path)) == str(path)
    assert _pages(path) == 1


def test_P6_without_a_job_site_the_sheets_name_the_customers_address_as_such(job):
    """A project made without a job site printed an empty "Einsatzort": the job sheet and
    the day plan now give the project's site, else the customer's postal address, marked as
    the customer's; a site abroad names its country."""
    from craftdesk.store.models import Address, Appointment, Project

    Appointment.update(site_street="", site_zip="", site_city="").execute()
    sheet = printouts.job_sheet(job["appointment"])
    assert (sheet.site, sheet.site_is_customer_address) == (
        "Hauptstraße 12, 70563 Stuttgart",
        False,
    )  # the project's
    Project.update(site_street="", site_zip="", site_city="").execute()
    assert printouts.job_sheet(job["appointment"]).site == ""  # nothing known: nothing made up
    customer = Customer.get(Customer.customer_number == "10042")
    Address.create(customer=customer, kind="billing", street="Postfach 1", zip="70001", city="Stuttgart")
    Address.create(
        customer=customer, kind="postal", street="Talweg 3", zip="6020", city="Innsbruck", country="AT"
    )
    sheet = printouts.job_sheet(job["appointment"])
    assert (sheet.site, sheet.site_is_customer_address) == ("Talweg 3, 6020 Innsbruck, AT", True)
    assert "Talweg 3, 6020 Innsbruck, AT (Anschrift des Kunden, kein Einsatzort angegeben)" in (
        printing.job_sheet_document(sheet).toPlainText()
    )
    plan = printouts.day_plan(job["max"], date(2026, 3, 3))
    assert (
        "(Anschrift des Kunden, kein Einsatzort angegeben)" in printing.day_plan_document(plan).toPlainText()
    )
    Address.delete().where(Address.kind == "postal").execute()  # only the billing address: that one
    assert printouts.job_sheet(job["appointment"]).site == "Postfach 1, 70001 Stuttgart"


def test_P6_the_order_number_is_not_repeated_when_the_project_title_names_it(job):
    from dataclasses import replace

    sheet = printouts.job_sheet(job["appointment"])
    named = replace(sheet, project="Auftragsbestätigung AB-1045", order_number="AB-1045")
    assert "Projekt: Auftragsbestätigung AB-1045 · Termin" in printing.job_sheet_document(named).toPlainText()
    other = replace(sheet, project="Bad", order_number="AB-1045")
    assert "Projekt: Bad (AB-1045) · Termin" in printing.job_sheet_document(other).toPlainText()
    near = replace(sheet, project="Auftragsbestätigung AB-1045", order_number="AB-104")
    assert "AB-1045 (AB-104) · Termin" in printing.job_sheet_document(near).toPlainText()


def test_P6_day_plan_lists_the_employees_day_in_order(job, tmp_path):
    later = svc.create_appointment(
        svc.get_appointment(job["appointment"]).job_id,
        "Silikon",
        start=datetime(2026, 3, 3, 16),
        assignee_ids=[job["max"]],
    )
    plan = printouts.day_plan(job["max"], date(2026, 3, 3))
    assert [s.appointment_id for s in plan.sheets] == [job["appointment"], later.id]
    text = printing.day_plan_document(plan).toPlainText()
    assert "Tagesplan" in text and "Max Maurer – Di 03.03.2026" in text
    assert text.index("07:00–15:00") < text.index("16:00–18:00")
    empty = printing.day_plan_document(printouts.day_plan(job["max"], date(2026, 3, 4)))
    assert "Keine Termine an diesem Tag." in empty.toPlainText()
    path = tmp_path / "tag.pdf"
    assert print_actions.day_plan(None, job["max"], date(2026, 3, 3), str(path))
    assert _pages(path) == 1


def test_P7_work_report_only_for_finished_work_with_optional_signature(job, tmp_path, qtbot):
    with pytest.raises(PreconditionError, match="erst, wenn"):
        printouts.work_report(job["appointment"])
    svc.set_appointment_done(job["appointment"], Decimal("7.5"), [(job["article"], Decimal(3))])
    sheet = printouts.work_report(job["appointment"])
    plain = printing.work_report_document(sheet).toPlainText()
    assert "Arbeitsbericht" in plain and "7,5" in plain and "Unterschrift Kunde" in plain
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(420, 150)
    assert pad.is_empty()
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(20, 100))
    for x in range(30, 300, 15):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 80))
    if pad.is_empty():  # offscreen platforms may drop moves without a pressed button state
        pad.strokes = [[QPoint(20, 100).toPointF(), QPoint(300, 60).toPointF()]]
    image = pad.image()
    assert image.width() == 840 and image.pixelColor(10, 10).name() == "#ffffff"
    signed = printing.work_report_document(sheet, image)
    assert "unterschrieben am" in signed.toPlainText()
    path = tmp_path / "bericht.pdf"
    printing.write_pdf(signed, path)
    assert _pages(path) == 1 and path.stat().st_size > 2000
    dialog = SignatureDialog("Fliesen legen")
    qtbot.addWidget(dialog)
    dialog.skip_button.click()
    assert dialog.signature() is None


def test_P8_board_exports_the_calendar_per_employee(job, tmp_path, qtbot):
    from craftdesk.ui.planning_board import PlanningBoard

    board = PlanningBoard()
    qtbot.addWidget(board)
    board.show_week(date(2026, 3, 2))
    path = tmp_path / "max.ics"
    assert print_actions.calendar(board, job["max"], date(2026, 3, 2), str(path)) == 1
    text = path.read_text(encoding="utf-8")
    assert "SUMMARY:Fliesen legen" in text and "TZID=Europe/Berlin" in text


def test_P6_the_proposed_file_name_follows_the_ui_and_the_user_is_told_where_it_went(
    job, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    asked: list[str] = []
    target = tmp_path / "gewählt.pdf"
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda parent, title, name, pattern: (asked.append(name) or str(target), ""),
    )
    said: list[str] = []

    def exec_box(box):  # "Als PDF speichern" in the first box, "OK" in the second
        said.append(box.text())
        box.done(0)
        return 0

    def clicked(box):
        return next(b for b in box.buttons() if b.text() == "Als PDF speichern …") if len(said) == 1 else None

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    monkeypatch.setattr(QMessageBox, "clickedButton", clicked)
    assert print_actions.job_sheet(None, job["appointment"]) == str(target)
    assert asked and asked[0].endswith(f"Arbeitsauftrag-{job['appointment']}.pdf")
    assert said[-1] == f"Als PDF gespeichert: {target}" and target.exists()


def test_P6_a_pdf_that_could_not_be_written_is_not_reported_as_saved(job, tmp_path, monkeypatch):
    warned: list[str] = []
    monkeypatch.setattr(common, "warn", lambda parent, title, text: warned.append(text))
    nowhere = tmp_path / "fehlt" / "auftrag.pdf"  # its folder does not exist
    assert print_actions.job_sheet(None, job["appointment"], str(nowhere)) is None
    assert warned and "ließ sich nicht schreiben" in warned[0] and not nowhere.exists()


def test_P8_each_employee_gets_a_calendar_file_name_of_their_own(job, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    odd = emp.add_employee('Bau/Team: "Nord" 2')
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda parent, title, name, pattern: (asked.append(name) or "", "")
    )
    for employee_id in (job["max"], odd.id, None):
        assert print_actions.calendar(None, employee_id, date(2026, 3, 2)) is None  # cancelled
    names = [Path(name).name for name in asked]
    assert names[0] == f"craftdesk-termine-{print_actions.name_part(emp.get_employee(job['max']).name)}.ics"
    assert names[1] == "craftdesk-termine-Bau_Team_Nord_2.ics"
    assert names[2] == "craftdesk-termine.ics"
    assert len(set(names)) == 3
    # Invisible and control characters go, a long name is cut (the file name stays short).
    assert print_actions.name_part("Anna\u202e\u200bFliese\x7f") == "AnnaFliese"
    assert len(print_actions.name_part("Sehr " * 100)) <= 60
    assert print_actions.name_part("...") == "_"


def test_P8_two_employees_of_the_same_name_get_different_file_names(job, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    first = emp.add_employee("Max Maurer")
    second = emp.add_employee("max maurer")  # the same file name on Windows and macOS
    asked: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda parent, title, name, pattern: (asked.append(name) or "", "")
    )
    for employee_id in (first.id, second.id):
        assert print_actions.calendar(None, employee_id, date(2026, 3, 2)) is None  # cancelled
    names = [Path(name).name for name in asked]
    assert names == [
        f"craftdesk-termine-Max_Maurer-{first.id}.ics",
        f"craftdesk-termine-max_maurer-{second.id}.ics",
    ]
    alone = emp.add_employee("Anna Fliese")  # a name nobody else has: no number
    assert print_actions.employee_part(alone.id, alone.name) == "Anna_Fliese"
    plans: list[str] = []
    monkeypatch.setattr(print_actions, "output", lambda parent, document, name, path=None: plans.append(name))
    for employee_id in (first.id, second.id):
        print_actions.day_plan(None, employee_id, date(2026, 3, 2))
    assert plans == [
        f"Tagesplan-Max_Maurer-{first.id}-2026-03-02.pdf",
        f"Tagesplan-max_maurer-{second.id}-2026-03-02.pdf",
    ]
    team = emp.add_employee("Team%2")  # a placeholder in the name stays in the name
    plans.clear()
    print_actions.day_plan(None, team.id, date(2026, 3, 2))
    assert plans == ["Tagesplan-Team%2-2026-03-02.pdf"]
