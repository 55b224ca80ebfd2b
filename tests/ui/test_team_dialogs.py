"""The employee and project dialogs when another workstation saved first (T5); dialogs and
editing actions while the database server is away (T7)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fakes import FakeController
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QWidget

from craftdesk.context import AppContext
from craftdesk.services import employees, local_records, projects
from craftdesk.store.models import Article, Customer, Employee, Project
from craftdesk.sync.live import LiveChanges
from craftdesk.ui.dialogs import common, conflict_dialog
from craftdesk.ui.dialogs.article_dialog import ArticleDialog
from craftdesk.ui.dialogs.employee_dialog import EmployeeDialog, EmployeeEditDialog
from craftdesk.ui.dialogs.project_dialog import ProjectDialog
from craftdesk.ui.projects_tab import ProjectsTab
from craftdesk.ui.server_away import BANNER_NAME, ServerAwayGuard, away_sentence


def _answer(monkeypatch, choice):
    asked: list[tuple[list, dict]] = []

    def ask(_parent, conflict, labels, *_yes_no):
        asked.append((conflict.changes, labels))
        return choice

    monkeypatch.setattr(conflict_dialog, "ask", ask)
    return asked


def _told(monkeypatch) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(common, "inform", lambda _parent, _title, text: told.append(text))
    return told


def test_T5_employee_dialog_keeps_what_each_side_changed_without_asking(qtbot, database, monkeypatch):
    """Only the colleague changed the e-mail, only the user the name: both stay. Before,
    the user was asked about both fields as if they conflicted, and „Meine Eingabe
    speichern“ wrote the old e-mail address back."""
    employee = employees.add_employee("Max Maurer", "max@example.org")
    dialog = EmployeeEditDialog(employee.id)
    qtbot.addWidget(dialog)
    employees.edit_employee(employee.id, email="max.maurer@example.org")  # elsewhere
    dialog.name.setText("Max Maurer-Schmidt")
    asked = _answer(monkeypatch, conflict_dialog.TAKE_THEIRS)
    told = _told(monkeypatch)
    dialog._save()
    assert asked == [] and dialog.result() == 1
    stored = Employee.get_by_id(employee.id)
    assert (stored.name, stored.email) == ("Max Maurer-Schmidt", "max.maurer@example.org")
    assert len(told) == 1 and "E-Mail" in told[0] and "Name" not in told[0]


def test_T5_article_dialog_keeps_the_colleagues_price_and_my_name(qtbot, database, monkeypatch):
    article = Article.create(number="A-1", name="Ventil", unit="Stk", net_price=Decimal("10.00"), vat_rate=19)
    dialog = ArticleDialog(article.id)
    qtbot.addWidget(dialog)
    elsewhere = local_records.article_form(article.id)
    elsewhere.net_price = Decimal("12.50")
    local_records.save_article(article.id, elsewhere)
    dialog.name.setText("Ventil 1/2 Zoll")
    asked = _answer(monkeypatch, conflict_dialog.KEEP_MINE)
    told = _told(monkeypatch)
    dialog._save()
    assert asked == [] and dialog.result() == 1
    stored = Article.get_by_id(article.id)
    assert (stored.name, stored.net_price) == ("Ventil 1/2 Zoll", Decimal("12.50"))
    assert len(told) == 1 and "Netto" in told[0]


def test_T5_employee_dialog_asks_only_about_the_field_both_changed(qtbot, database, monkeypatch):
    employee = employees.add_employee("Max Maurer", "max@example.org")
    dialog = EmployeeEditDialog(employee.id)
    qtbot.addWidget(dialog)
    employees.edit_employee(employee.id, name="Max Maurer sen.", email="max.maurer@example.org")
    dialog.name.setText("Max Maurer-Schmidt")
    asked = _answer(monkeypatch, conflict_dialog.KEEP_MINE)
    told = _told(monkeypatch)
    dialog._save()
    changes, labels = asked[0]
    assert changes == [("name", "Max Maurer sen.", "Max Maurer-Schmidt")]
    assert labels["name"] == "Name" and dialog.result() == 1
    stored = Employee.get_by_id(employee.id)
    assert (stored.name, stored.email) == ("Max Maurer-Schmidt", "max.maurer@example.org")
    assert len(told) == 1 and "E-Mail" in told[0]


def test_T5_conflict_dialog_shows_yes_and_no_in_the_window_language(qtbot, qapp):
    from craftdesk.ui.i18n import install_translations

    changes = [("active", "nein", "ja"), ("name", "ja", "nein")]
    install_translations(qapp, "en")
    try:
        dialog = conflict_dialog.ConflictDialog(changes, {}, None, frozenset({"active"}))
        qtbot.addWidget(dialog)
        texts = [[dialog.table.item(r, c).text() for c in (1, 2)] for r in range(2)]
    finally:
        install_translations(qapp, "de")
    assert texts == [["no", "yes"], ["ja", "nein"]]  # a name stays as typed


def test_T5_employee_dialog_takes_over_the_stored_version(qtbot, database, monkeypatch):
    employee = employees.add_employee("Anna")
    dialog = EmployeeEditDialog(employee.id)
    qtbot.addWidget(dialog)
    employees.edit_employee(employee.id, name="Anna Berg", active=False)
    dialog.name.setText("Anna B.")
    dialog.email.setText("anna@example.org")
    _answer(monkeypatch, conflict_dialog.TAKE_THEIRS)
    dialog._save()
    # The stored name and state; the user's e-mail (nobody else changed it) stays typed in.
    assert (dialog.result(), dialog.name.text(), dialog.active.isChecked()) == (0, "Anna Berg", False)
    assert dialog.email.text() == "anna@example.org"
    assert Employee.get_by_id(employee.id).email is None  # nothing of mine was written
    monkeypatch.setattr(conflict_dialog, "ask", lambda *_a: (_ for _ in ()).throw(AssertionError))
    dialog._save()  # now from the stored version: saves without asking
    assert dialog.result() == 1
    stored = Employee.get_by_id(employee.id)
    assert (stored.name, stored.email, stored.active) == ("Anna Berg", "anna@example.org", False)


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


def test_T5_project_dialog_keeps_the_colleagues_customer_and_my_notes(qtbot, database, monkeypatch):
    old = Customer.create(company="Bäckerei Schröder")
    new = Customer.create(company="Café Sonne")
    project = projects.create_project("Ladenumbau", old.id)
    dialog = ProjectDialog(project.id)
    qtbot.addWidget(dialog)
    projects.edit_project(project.id, customer_id=new.id)  # another workstation
    dialog.notes.setPlainText("Schlüssel beim Nachbarn")
    asked = _answer(monkeypatch, conflict_dialog.TAKE_THEIRS)
    told = _told(monkeypatch)
    dialog._save()
    assert asked == [] and dialog.result() == 1
    stored = Project.get_by_id(project.id)
    assert (stored.customer_id, stored.notes) == (new.id, "Schlüssel beim Nachbarn")
    assert len(told) == 1 and "Kunde" in told[0]


def test_T5_project_dialog_keeps_mine_where_both_changed(qtbot, database, monkeypatch):
    old = Customer.create(company="Bäckerei Schröder")
    new = Customer.create(company="Café Sonne")
    other = Customer.create(company="Eisdiele Venezia")
    project = projects.create_project("Ladenumbau", old.id)
    dialog = ProjectDialog(project.id)
    qtbot.addWidget(dialog)
    projects.edit_project(project.id, customer_id=new.id)  # another workstation
    dialog.customer.set_customer_id(other.id)
    asked = _answer(monkeypatch, conflict_dialog.KEEP_MINE)
    _told(monkeypatch)
    dialog._save()
    changes, labels = asked[0]
    assert changes == [("customer", "Café Sonne", "Eisdiele Venezia")]
    assert labels["customer"] == "Kunde" and dialog.result() == 1
    assert Project.get_by_id(project.id).customer_id == other.id


def test_T5_project_dialog_takes_over_the_stored_version(qtbot, database, monkeypatch):
    project = projects.create_project("Bad", site=projects.Site("Ringstr. 2", "50667", "Köln"))
    dialog = ProjectDialog(project.id)
    qtbot.addWidget(dialog)
    projects.edit_project(project.id, title="Bad oben", site=projects.Site("Ringstr. 4", "50667", "Köln"))
    dialog.title.setText("Bad unten")
    asked = _answer(monkeypatch, conflict_dialog.TAKE_THEIRS)
    dialog._save()
    assert [name for name, _t, _m in asked[0][0]] == ["title"]  # the street: only theirs changed
    assert (dialog.title.text(), dialog.street.text(), dialog.result()) == ("Bad oben", "Ringstr. 4", 0)
    assert Project.get_by_id(project.id).title == "Bad oben"
    dialog.notes.setPlainText("zweiter Versuch")
    dialog._save()
    assert dialog.result() == 1 and Project.get_by_id(project.id).notes == "zweiter Versuch"


# --- T7: read-only while the database server is away --------------------------------------------


@pytest.fixture
def controller(database, data_dir):
    ctx = AppContext(data_dir=data_dir)
    ctx._db_open = True
    return FakeController(ctx, url="http://127.0.0.1:9", token="x")


@pytest.fixture
def away(qtbot, controller):
    """Server away / back through the same path as the listener's state (LiveChanges)."""
    live = LiveChanges(controller)
    guard = ServerAwayGuard(controller)
    yield live._on_state
    guard.set_reachable(True)


def _banner(widget):
    return widget.findChild(QLabel, BANNER_NAME)


def test_T7_an_open_dialog_turns_read_only_with_the_sentence_and_comes_back(qtbot, controller, away):
    project = projects.create_project("Bad", notes="alt")
    dialog = ProjectDialog(project.id)
    qtbot.addWidget(dialog)
    dialog.show()
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Abbrechen")
    away(False)
    assert controller.server_away
    assert dialog.title.isReadOnly() and dialog.notes.isReadOnly()
    assert not dialog.save_button.isEnabled() and not dialog.customer.isEnabled()
    assert not dialog.take_address.isEnabled() and cancel.isEnabled()
    assert _banner(dialog).isVisible() and _banner(dialog).text() == away_sentence()
    away(True)
    assert not controller.server_away
    assert not dialog.title.isReadOnly() and dialog.save_button.isEnabled() and dialog.customer.isEnabled()
    qtbot.waitUntil(lambda: _banner(dialog) is None, timeout=2000)


def test_T7_a_dialog_opened_while_away_starts_read_only(qtbot, controller, away):
    employee = employees.add_employee("Anna")
    away(False)
    dialog = EmployeeEditDialog(employee.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.name.isReadOnly() and not dialog.active.isEnabled() and not dialog.save_button.isEnabled()
    assert _banner(dialog) is not None and _banner(dialog).isVisible()
    away(True)
    assert not dialog.name.isReadOnly() and dialog.active.isEnabled() and dialog.save_button.isEnabled()


def test_T7_the_employee_list_stays_closable_and_its_edits_are_greyed(qtbot, controller, away):
    employees.add_employee("Anna")
    dialog = EmployeeDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    away(False)
    close = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Schließen")
    assert close.isEnabled() and not dialog.new_button.isEnabled()
    assert dialog.view.isEnabled()  # the last data stays readable and scrollable


def test_T7_tab_actions_are_greyed_and_afterwards_follow_the_tab(qtbot, controller, away):
    project = projects.create_project("Bad")
    tab = ProjectsTab(controller)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.new_project_button.isEnabled()
    away(False)
    assert not tab.new_project_button.isEnabled() and not tab.edit_button.isEnabled()
    assert tab.search.isEnabled()  # finding and reading stay possible
    tab.select("project", project.id)  # the tab enables "Bearbeiten": it stays greyed
    qtbot.wait(10)
    assert not tab.edit_button.isEnabled()
    away(True)
    assert tab.new_project_button.isEnabled() and tab.edit_button.isEnabled()
    tab.view.clearSelection()
    away(False)
    away(True)
    assert not tab.edit_button.isEnabled()  # as the tab wants it without a selection


def test_T7_the_window_shows_the_sentence_in_its_status_bar(qtbot, controller, away):
    window = QMainWindow()
    qtbot.addWidget(window)
    window.setCentralWidget(QWidget(window))
    window.show()
    away(False)
    assert _banner(window) is not None and _banner(window).text() == away_sentence()
    away(True)
    qtbot.waitUntil(lambda: _banner(window) is None, timeout=2000)


def test_T7_a_tab_first_shown_while_away_starts_with_its_actions_greyed(qtbot, controller, away):
    projects.create_project("Bad")
    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    away(False)
    tab = ProjectsTab(controller, window)  # built later, like the window's lazily built tabs
    window.setCentralWidget(tab)
    tab.show()
    assert not tab.new_project_button.isEnabled() and tab.search.isEnabled()
    away(True)
    assert tab.new_project_button.isEnabled()
