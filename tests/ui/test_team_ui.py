"""The window's side of team mode and backups: database panel (T1, K1, K2), conflict
choice on save (T5), per-row refresh and merged change notifications (T6)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from fakes import FakeController
from PySide6.QtCore import Signal

from craftdesk.context import AppContext
from craftdesk.services import backups
from craftdesk.services.changes import Change, Scope
from craftdesk.store.models import Customer
from craftdesk.sync.live import LiveChanges
from craftdesk.ui.customers_tab import CustomersTab
from craftdesk.ui.database_panel import DatabasePanel
from craftdesk.ui.dialogs import common, conflict_dialog
from craftdesk.ui.dialogs.customer_dialog import CustomerDialog
from craftdesk.ui.qt_dates import from_datetime


class TeamController(FakeController):
    records_changed = Signal(str, object)


@pytest.fixture
def controller(database, data_dir):
    ctx = AppContext(data_dir=data_dir)
    ctx._db_open = True
    return TeamController(ctx, url="http://127.0.0.1:9", token="x")


@pytest.fixture
def said(monkeypatch):
    messages: list[str] = []
    monkeypatch.setattr(common, "inform", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(common, "warn", lambda _p, _t, text: messages.append("WARN " + text))
    return messages


def test_K1_jetzt_sichern_writes_a_backup(qtbot, controller, said):
    Customer.create(company="Gesichert GmbH")
    panel = DatabasePanel(controller)
    qtbot.addWidget(panel)
    assert "Noch keine Sicherung" in panel.last_backup.text()
    panel.backup_button.click()
    found = backups.list_backups(panel.backup_dir)
    assert len(found) == 1 and backups.inspect_backup(found[0]).customers == 1
    assert found[0].name in panel.last_backup.text() and "Gesichert in" in said[-1]


def test_K2_wiederherstellen_shows_date_and_counts_and_reloads_the_views(
    qtbot, controller, said, monkeypatch
):
    Customer.create(company="Alt GmbH")
    panel = DatabasePanel(controller)
    qtbot.addWidget(panel)
    path = backups.backup_now(panel.backup_dir)
    Customer.create(company="Neu GmbH")
    questions: list[str] = []
    monkeypatch.setattr(panel, "choose_backup", lambda: path)
    monkeypatch.setattr(common, "confirm", lambda _p, _t, text, _yes=None: questions.append(text) or True)
    with qtbot.waitSignal(controller.data_changed) as signal:
        panel.restore_button.click()
    assert signal.args == ["all"]
    assert "In der Sicherung: 1 Kunde, 0 Artikel, 0 Projekte." in questions[0]
    assert "Jetzt: 2 Kunden, 0 Artikel, 0 Projekte." in questions[0]
    assert [c.company for c in Customer.select()] == ["Alt GmbH"]
    assert "vor-wiederherstellung" in said[-1]


def test_K2_a_damaged_backup_is_refused_in_one_sentence(qtbot, controller, said, monkeypatch, tmp_path):
    bad = tmp_path / "kaputt.sqlite3"
    bad.write_bytes(b"kein SQLite")
    panel = DatabasePanel(controller)
    qtbot.addWidget(panel)
    monkeypatch.setattr(panel, "choose_backup", lambda: bad)
    monkeypatch.setattr(common, "confirm", lambda *_a: pytest.fail("must not ask"))
    panel.restore_button.click()
    assert said[-1].startswith("WARN ") and said[-1].count(".") <= 2


def test_T1_server_setting_keeps_the_password_out_of_the_file(qtbot, controller, said, memory_keyring):
    panel = DatabasePanel(controller)
    qtbot.addWidget(panel)
    panel.url_edit.setText("postgresql://buero@nas.local/craftdesk")
    panel.password_edit.setText("Geheim-4711")
    panel.apply_button.click()
    stored = (Path(controller.ctx.data_dir) / "database-server.json").read_text(encoding="utf-8")
    assert "Geheim-4711" not in stored and "nas.local" in stored
    assert "Geheim-4711" in memory_keyring.store.values()
    assert panel.password_edit.text() == ""
    panel.url_edit.setText("mysql://x")
    panel.apply_button.click()
    assert said[-1].startswith("WARN ")


def test_T5_customer_dialog_shows_the_conflict_and_keeps_mine_when_chosen(qtbot, database, monkeypatch):
    """Both changed the company: only that is asked; my other edit goes in with my choice."""
    customer = Customer.create(company="Müller Bau")
    dialog = CustomerDialog(customer.id)
    qtbot.addWidget(dialog)
    Customer.update(company="Müller Bau GmbH").where(Customer.id == customer.id).execute()  # elsewhere
    dialog.company.setText("Müller Bau KG")
    dialog.description.setPlainText("Stammkunde")
    asked: list[list] = []

    def ask(_parent, conflict, labels, _yes_no=frozenset()):
        asked.append(conflict.changes)
        assert labels["company"] == "Firma"
        return conflict_dialog.KEEP_MINE

    monkeypatch.setattr(conflict_dialog, "ask", ask)
    dialog._save()
    assert [change[:3] for change in asked[0]] == [("company", "Müller Bau GmbH", "Müller Bau KG")]
    stored = Customer.get_by_id(customer.id)
    assert (stored.company, stored.description) == ("Müller Bau KG", "Stammkunde")
    assert dialog.result() == 1


def test_T5_a_colleagues_change_of_another_field_is_kept_without_a_question(qtbot, database, monkeypatch):
    customer = Customer.create(company="Müller Bau")
    dialog = CustomerDialog(customer.id)
    qtbot.addWidget(dialog)
    Customer.update(company="Müller Bau GmbH").where(Customer.id == customer.id).execute()  # elsewhere
    dialog.description.setPlainText("Stammkunde")
    asked: list = []
    told: list[str] = []
    monkeypatch.setattr(conflict_dialog, "ask", lambda *a: asked.append(a) or conflict_dialog.KEEP_MINE)
    monkeypatch.setattr(common, "inform", lambda _p, _t, text: told.append(text))
    dialog._save()
    assert not asked and dialog.result() == 1
    stored = Customer.get_by_id(customer.id)
    assert (stored.company, stored.description) == ("Müller Bau GmbH", "Stammkunde")
    assert len(told) == 1 and "Firma" in told[0] and "Beschreibung" not in told[0]


def test_T5_taking_over_the_stored_version_refills_the_dialog(qtbot, database, monkeypatch):
    customer = Customer.create(company="Müller Bau")
    dialog = CustomerDialog(customer.id)
    qtbot.addWidget(dialog)
    Customer.update(company="Müller Bau GmbH").where(Customer.id == customer.id).execute()
    dialog.company.setText("Müller Bau KG")
    dialog.description.setPlainText("Stammkunde")
    monkeypatch.setattr(conflict_dialog, "ask", lambda *_a: conflict_dialog.TAKE_THEIRS)
    dialog._save()
    assert dialog.company.text() == "Müller Bau GmbH" and dialog.result() == 0
    assert dialog.description.toPlainText() == "Stammkunde"  # my other edit stays in the form
    dialog._save()  # now from the stored version: saves
    assert dialog.result() == 1
    stored = Customer.get_by_id(customer.id)
    assert (stored.company, stored.description) == ("Müller Bau GmbH", "Stammkunde")


def test_T5_conflict_dialog_lists_fields_as_plain_text(qtbot):
    dialog = conflict_dialog.ConflictDialog([("company", "<b>Neu</b>", "Alt")], {"company": "Firma"})
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == "Firma"
    assert dialog.table.item(0, 1).text() == "<b>Neu</b>"


def test_T6_changed_rows_are_read_alone(qtbot, controller):
    first = Customer.create(company="Erste GmbH")
    gone = Customer.create(company="Weg GmbH")
    tab = CustomersTab(controller)
    qtbot.addWidget(tab)
    tab.show()
    calls: list[object] = []
    original = tab.load_records_by_ids
    tab.load_records = lambda: pytest.fail("whole table re-read")  # type: ignore[method-assign]
    tab.load_records_by_ids = lambda ids: calls.append(ids) or original(ids)  # type: ignore[method-assign]
    Customer.update(company="Erste & Co. GmbH").where(Customer.id == first.id).execute()
    gone.delete_instance()
    new = Customer.create(company="Neue GmbH")
    controller.records_changed.emit("customers", [first.id, gone.id, new.id])
    names = sorted(r.name for r in tab.model.records())
    assert names == ["Erste & Co. GmbH", "Neue GmbH"] and calls == [[first.id, gone.id, new.id]]


def test_T6_a_burst_of_notifications_is_read_once(qtbot, controller):
    live = LiveChanges(controller)
    received: list[tuple[str, object]] = []
    controller.records_changed.connect(lambda view, ids: received.append((view, ids)))
    controller.data_changed.connect(lambda change: received.append(("change", change)))
    for ids in ([3], [1, 2], [3]):
        live._collect("customers", ids)
    live._collect("projects", [7])
    live._collect("appointments", [5, 6])
    live._collect("articles", [1])
    live._collect("articles", None)  # too many to name
    live._collect("runs", [1])  # the import history concerns no view
    qtbot.waitUntil(lambda: len(received) == 3, timeout=2000)
    qtbot.wait(50)
    assert ("customers", [1, 2, 3]) in received
    assert ("change", Change.of(Scope.NONE, projects=[7], appointments=[5, 6])) in received
    assert ("change", "articles") in received and len(received) == 3


def test_T7_server_away_stops_new_jobs(qtbot, database, data_dir):
    from craftdesk.sync.controller import SyncController

    ctx = AppContext(data_dir=data_dir)
    ctx._db_open = True
    controller = SyncController(ctx)
    try:
        live = LiveChanges(controller)
        states: list[bool] = []
        live.server_state_changed.connect(states.append)
        live._on_state(False)
        controller.server_away = True
        assert controller.start_import("all", trigger="manual") is False
        with qtbot.waitSignal(controller.data_changed):
            live._on_state(True)  # back: everything is read again
        assert states == [False, True]
    finally:
        controller.shutdown()


def _appointment_dialog_after_a_colleague(qtbot, monkeypatch, choice):
    """An open appointment dialog, a colleague's save of the same appointment, then mine."""
    from datetime import datetime

    from craftdesk.services import projects
    from craftdesk.store.models import Appointment, Job, Project
    from craftdesk.ui.dialogs import conflict_dialog
    from craftdesk.ui.dialogs.appointment_dialog import AppointmentDialog

    project = Project.create(title="Bad")
    job = Job.create(project=project, title="Bad")
    appointment = Appointment.create(job=job, title="Montage")
    dialog = AppointmentDialog(appointment.id)
    qtbot.addWidget(dialog)
    projects.edit_appointment(  # another workstation
        appointment.id,
        title="Montage Dienstag",
        start=datetime(2026, 12, 1, 8),
        end=datetime(2026, 12, 1, 10),
    )
    asked: list[tuple[list, dict]] = []

    def ask(_parent, conflict, labels):
        asked.append((conflict.changes, labels))
        return choice

    monkeypatch.setattr(conflict_dialog, "ask", ask)
    monkeypatch.setattr(common, "inform", lambda *_args: None)
    dialog.title.setText("Montage Mittwoch")
    dialog._save()
    return dialog, Appointment.get_by_id(appointment.id), asked


def test_T5_appointment_saved_elsewhere_is_not_overwritten(qtbot, database, monkeypatch):
    dialog, stored, asked = _appointment_dialog_after_a_colleague(qtbot, monkeypatch, None)
    assert stored.title == "Montage Dienstag" and dialog.result() == 0  # cancelled: still open
    changes, labels = asked[0]
    # Only what both changed is asked about: the colleague's new time is not mine to undo.
    assert changes == [("title", "Montage Dienstag", "Montage Mittwoch")]
    assert labels["title"] == "Titel" and labels["start"] == "Beginn"


def test_T5_appointment_conflict_keep_mine_saves_my_input(qtbot, database, monkeypatch):
    from craftdesk.ui.dialogs import conflict_dialog

    dialog, stored, _asked = _appointment_dialog_after_a_colleague(
        qtbot, monkeypatch, conflict_dialog.KEEP_MINE
    )
    assert stored.title == "Montage Mittwoch" and dialog.result() == 1
    assert stored.start == datetime(2026, 12, 1, 8)  # the colleague's time stays


def test_T5_appointment_conflict_take_theirs_refills_the_dialog(qtbot, database, monkeypatch):
    from craftdesk.ui.dialogs import conflict_dialog

    dialog, stored, _asked = _appointment_dialog_after_a_colleague(
        qtbot, monkeypatch, conflict_dialog.TAKE_THEIRS
    )
    assert stored.title == "Montage Dienstag" and dialog.result() == 0
    assert dialog.title.text() == "Montage Dienstag" and dialog.has_start.isChecked()
    dialog._save()  # the refilled dialog saves over the version it now shows
    assert dialog.result() == 1


def test_T5_a_colleagues_reassignment_survives_my_note(qtbot, database, monkeypatch):
    """Another workstation reassigns the appointment and adds a worksheet line while I type
    a note: my save keeps both without a question and says what the colleague changed
    (before, "Meine Eingabe speichern" put the old employee back without a word)."""
    from craftdesk.services import employees, projects
    from craftdesk.store.models import Appointment, Article, Job, Project
    from craftdesk.ui.dialogs import conflict_dialog
    from craftdesk.ui.dialogs.appointment_dialog import AppointmentDialog

    max_, anna = employees.add_employee("Max Maurer"), employees.add_employee("Anna Fliese")
    valve = Article.create(number="HV-1", name="Ventil", unit="Stk")
    job = Job.create(project=Project.create(title="Bad"), title="Bad")
    appointment = projects.create_appointment(job.id, "Montage", assignee_ids=[max_.id])
    dialog = AppointmentDialog(appointment.id)
    qtbot.addWidget(dialog)
    projects.set_appointment_people(appointment.id, "assignee", [anna.id])  # the colleague
    projects.set_worksheet(appointment.id, hours=Decimal("2"), used=[(valve.id, Decimal(3))])
    projects.edit_appointment(appointment.id, start=datetime(2026, 12, 1, 8))
    asked: list = []
    told: list[str] = []
    monkeypatch.setattr(conflict_dialog, "ask", lambda *args: asked.append(args) or None)
    monkeypatch.setattr(common, "inform", lambda _p, _t, text: told.append(text))
    dialog.notes.setPlainText("Schlüssel beim Nachbarn")
    dialog._save()
    assert not asked and dialog.result() == 1
    stored = Appointment.get_by_id(appointment.id)
    assert stored.notes == "Schlüssel beim Nachbarn" and stored.start == datetime(2026, 12, 1, 8)
    assert [e.id for e in projects.people_of(stored, "assignee")] == [anna.id]
    assert stored.hours == Decimal(2) and [(u.article_id, u.quantity) for u in stored.used] == [(valve.id, 3)]
    assert "Mitarbeiter" in told[0] and "Verwendete Artikel" in told[0]


def test_T5_appointment_edit_names_the_changed_fields(database):
    from craftdesk.errors import EditConflict
    from craftdesk.services import projects
    from craftdesk.store.models import Appointment, Job, Project

    job = Job.create(project=Project.create(title="Bad"), title="Bad")
    appointment = Appointment.create(job=job, title="Montage", notes="alt")
    shown = appointment.version
    projects.edit_appointment(appointment.id, notes="vom Kollegen")
    with pytest.raises(EditConflict) as caught:
        projects.edit_appointment(appointment.id, title="Montage", notes="meins", expected_version=shown)
    assert caught.value.changes == [("notes", "vom Kollegen", "meins")]
    projects.edit_appointment(
        appointment.id, notes="meins", expected_version=Appointment.get_by_id(appointment.id).version
    )
    assert Appointment.get_by_id(appointment.id).notes == "meins"


def test_K2_T1_the_database_panels_refusals_are_in_the_ui_language(
    qtbot, controller, said, monkeypatch, tmp_path
):
    """The English window said "Die Datei … ist keine lesbare craftdesk-Sicherung." and
    "Die Datenbank-Adresse muss mit postgresql:// beginnen."; the German one still does."""
    from PySide6.QtWidgets import QApplication

    from craftdesk.ui import i18n

    bad = tmp_path / "keine.sqlite3"
    bad.write_bytes(b"")  # an empty file: SQLite opens it, but it is no backup
    panel = DatabasePanel(controller)
    qtbot.addWidget(panel)
    monkeypatch.setattr(panel, "choose_backup", lambda: bad)
    app = QApplication.instance()
    try:
        for language in ("en", "de"):
            i18n.install_translations(app, language)
            said.clear()
            panel.restore_button.click()
            for url in (
                "mysql://craftdesk@nas/craftdesk",
                "postgresql://",
                "postgresql://nas/db?sslmode=bitte",
            ):
                panel.url_edit.setText(url)
                panel.apply_database()
            if language == "en":
                assert said == [
                    "WARN The file keine.sqlite3 is not a readable craftdesk backup.",
                    "WARN The database address must begin with postgresql://.",
                    "WARN The database address needs a server and a database name, "
                    "e.g. postgresql://craftdesk@nas.local/craftdesk.",
                    "WARN In the database address, sslmode is unknown; possible values: "
                    "disable, allow, prefer, require, verify-ca, verify-full.",
                ]
            else:
                assert said[0] == "WARN Die Datei keine.sqlite3 ist keine lesbare craftdesk-Sicherung."
                assert said[1] == "WARN Die Datenbank-Adresse muss mit postgresql:// beginnen."
    finally:
        i18n.install_translations(app, "de")


def test_K2_the_settings_shown_are_read_again_after_a_restore(qtbot, controller, said, monkeypatch):
    """The panel must not show an hourly rate that the restored data (and so every invoice)
    no longer has."""
    from craftdesk.services import settings as preferences
    from craftdesk.ui.settings_panel import SettingsPanel

    preferences.set_hourly_rate(Decimal("55"))
    settings_panel = SettingsPanel(controller)
    qtbot.addWidget(settings_panel)
    settings_panel.load()
    panel = DatabasePanel(controller)
    qtbot.addWidget(panel)
    path = backups.backup_now(panel.backup_dir)
    settings_panel.hourly_rate.setText("99,00")
    settings_panel.hourly_rate.editingFinished.emit()
    assert preferences.preferences().hourly_rate == Decimal("99.00")
    monkeypatch.setattr(panel, "choose_backup", lambda: path)
    monkeypatch.setattr(common, "confirm", lambda *_args, **_kw: True)
    panel.restore_button.click()
    assert preferences.preferences().hourly_rate == Decimal("55.00")
    assert settings_panel.hourly_rate.text() == "55,00"


def test_K2_the_restore_question_says_what_there_is_now_and_what_is_lost(
    qtbot, controller, said, monkeypatch
):
    Customer.create(company="Gesichert GmbH")
    panel = DatabasePanel(controller)
    qtbot.addWidget(panel)
    path = backups.backup_now(panel.backup_dir)
    Customer.create(company="Neu seit der Sicherung GmbH")
    asked: list[str] = []
    monkeypatch.setattr(panel, "choose_backup", lambda: path)
    monkeypatch.setattr(common, "confirm", lambda _p, _t, text, _yes=None: asked.append(text) or False)
    panel.restore_button.click()
    assert "In der Sicherung: 1 Kunde, 0 Artikel, 0 Projekte." in asked[0]
    assert "Jetzt: 2 Kunden, 0 Artikel, 0 Projekte." in asked[0] and "geht verloren" in asked[0]
    assert Customer.select().count() == 2  # answered no: nothing restored


def test_T7_the_schedule_line_reads_nothing_while_the_server_is_away(qtbot, controller, monkeypatch):
    """The server went away while the window sat idle: the schedule line must not read the
    database (an error box said 'nicht gespeichert' although nothing was being saved)."""
    from craftdesk.services import settings as preferences
    from craftdesk.ui.interfaces_tab import InterfacesTab

    tab = InterfacesTab(controller)
    qtbot.addWidget(tab)

    def unreachable():
        raise AssertionError("read from the database while the server is away")

    monkeypatch.setattr(preferences, "last_sync_success", unreachable)
    controller.server_away = True
    tab.update_schedule_text()
    assert "Datenbankserver" in tab.schedule_text.text()
    controller.server_away = False
    monkeypatch.undo()
    tab.update_schedule_text()
    assert tab.schedule_text.text().startswith("Letzter Abgleich")


def test_K1_the_daily_backup_says_where_it_went_or_why_it_failed(qtbot, controller, data_dir, tmp_path):
    """The line named no backup after the daily one was written, and kept promising daily
    backups while the folder could not take them."""
    from craftdesk.sync.live import DailyBackup

    panel = DatabasePanel(controller)
    qtbot.addWidget(panel)
    assert "Noch keine Sicherung" in panel.last_backup.text()
    daily = DailyBackup(data_dir)
    daily.finished.connect(panel.show_backup_outcome)
    with qtbot.waitSignal(daily.finished, timeout=10_000):
        daily.check()
    assert "Letzte Sicherung: craftdesk-" in panel.last_backup.text()
    blocked = DailyBackup(tmp_path)
    (tmp_path / "backups").write_text("a file where the folder should be")
    blocked.finished.connect(panel.show_backup_outcome)
    with qtbot.waitSignal(blocked.finished, timeout=10_000) as outcome:
        blocked.check()
    assert isinstance(outcome.args[0], str)
    assert (
        "ließ sich nicht schreiben" in panel.last_backup.text() and "color" in panel.last_backup.styleSheet()
    )


def _open_with_a_colleague(qtbot, monkeypatch, notes: str = ""):
    from craftdesk.services import employees, projects
    from craftdesk.store.models import Job, Project
    from craftdesk.ui.dialogs import conflict_dialog
    from craftdesk.ui.dialogs.appointment_dialog import AppointmentDialog

    max_, anna = employees.add_employee("Max Maurer"), employees.add_employee("Anna Fliese")
    job = Job.create(project=Project.create(title="Bad"), title="Bad")
    appointment = projects.create_appointment(
        job.id, "Montage", assignee_ids=[max_.id], notes=notes, start=datetime(2026, 12, 1, 8, 0, 30)
    )
    dialog = AppointmentDialog(appointment.id)
    qtbot.addWidget(dialog)
    asked: list = []
    told: list[str] = []
    monkeypatch.setattr(conflict_dialog, "ask", lambda *args: asked.append(args) or None)
    monkeypatch.setattr(common, "inform", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(common, "warn", lambda _p, _t, text: told.append("WARN " + text))
    return dialog, appointment, anna, asked, told


def test_T5_what_the_editor_only_shows_differently_is_no_change(qtbot, database, monkeypatch):
    """Notes with \\r\\n and a start with seconds come back from the editor as \\n and whole
    minutes: that is not the user's change nor the colleague's."""
    from craftdesk.services import projects

    dialog, appointment, anna, asked, told = _open_with_a_colleague(qtbot, monkeypatch, notes="Hof\r\nHund")
    projects.set_appointment_people(appointment.id, "assignee", [anna.id])
    projects.edit_appointment(appointment.id, title="Montage")  # a save elsewhere: a new version
    dialog.title.setText("Montage Bad")
    dialog._save()
    assert not asked and dialog.result() == 1
    assert told == [told[0]] and "Mitarbeiter" in told[0]
    assert "Notizen" not in told[0] and "Beginn" not in told[0]


def test_T5_work_typed_into_an_appointment_invoiced_meanwhile_is_not_dropped_silently(
    qtbot, database, monkeypatch
):
    from craftdesk.services import projects
    from craftdesk.store.models import Appointment, InvoiceDraft

    dialog, appointment, _anna, _asked, told = _open_with_a_colleague(qtbot, monkeypatch)
    projects.set_worksheet(appointment.id, hours=Decimal("2"), used=[])
    draft = InvoiceDraft.create(project=appointment.job.project, reference="craftdesk-q", state="sent")
    Appointment.update(invoice=draft, version=Appointment.version + 1).where(
        Appointment.id == appointment.id
    ).execute()
    dialog.hours.setText("5")
    dialog._save()
    assert dialog.result() == 0 and told and told[0].startswith("WARN") and "abgerechnet" in told[0]
    assert Appointment.get_by_id(appointment.id).hours == Decimal(2)


def test_T5_P4_a_merged_save_names_the_double_booking_the_combination_makes(qtbot, database, monkeypatch):
    """A colleague assigns Anna; I move the appointment onto Anna's other booking. Neither
    side saw the combination: the dialog shows it and names the double booking before it is
    saved, as any double booking (P4); the next "Speichern" saves it."""
    from craftdesk.services import projects
    from craftdesk.store.models import Appointment

    dialog, appointment, anna, asked, _told = _open_with_a_colleague(qtbot, monkeypatch)
    other = projects.create_appointment(
        appointment.job_id,
        "Abnahme",
        start=datetime(2026, 12, 2, 8),
        end=datetime(2026, 12, 2, 10),
        assignee_ids=[anna.id],
    )
    projects.set_appointment_people(appointment.id, "assignee", [anna.id])  # the colleague
    projects.edit_appointment(appointment.id, title="Montage")
    dialog.start.setDateTime(from_datetime(datetime(2026, 12, 2, 9)))
    dialog.end.setDateTime(from_datetime(datetime(2026, 12, 2, 11)))
    dialog.has_end.setChecked(True)
    dialog._save()
    assert dialog.result() == 0 and not asked
    assert dialog.conflicts.isVisibleTo(dialog) and "Anna" in dialog.conflicts.text()
    assert Appointment.get_by_id(appointment.id).start == datetime(2026, 12, 1, 8, 0, 30)  # not yet
    dialog._save()  # named, then allowed
    assert dialog.result() == 1
    stored = Appointment.get_by_id(appointment.id)
    assert stored.start == datetime(2026, 12, 2, 9) and other.id
    assert [e.id for e in projects.people_of(stored, "assignee")] == [anna.id]
