"""The service functions behind the dialogs and the settings panel: read models, the
appointment editor's save as one transaction (O8), and the typed settings with one writer
for each piece of connection state (R1, S3)."""

from __future__ import annotations

import ast
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from craftdesk.errors import PreconditionError
from craftdesk.services import project_forms as forms
from craftdesk.services import projects, settings
from craftdesk.services.customer_rows import load_customer_rows
from craftdesk.services.project_rows import load_project_nodes
from craftdesk.store import settings as raw_settings
from craftdesk.store.models import Address, Appointment, Article, ContactInfo, Customer, UsedArticle

PACKAGE = Path(__file__).resolve().parents[2] / "craftdesk"


@pytest.fixture
def customer(database):
    c = Customer.create(company="Müller Haustechnik GmbH", kind="organisation", customer_number="K-7")
    Address.create(customer=c, kind="billing", street="Postfach 11 23", zip="70001", city="Stuttgart")
    Address.create(
        customer=c, kind="postal", street="Königstraße 40", zip="70173", city="Stuttgart", position=2
    )
    ContactInfo.create(customer=c, kind="email", value="info@mueller.example")
    return c


def test_O8_job_site_from_customer_takes_the_postal_address_first(customer):
    site = forms.customer_site(customer.id)
    assert site is not None and (site.street, site.zip) == ("Königstraße 40", "70173")
    assert forms.customer_site(customer.id + 100) is None


def test_customer_choices_are_sorted_and_show_the_number(customer):
    Customer.create(kind="person", first_name="anna", last_name="Becker")
    Customer.create(kind="person", first_name="Zora", last_name="Adler", academic_title="Dr.")
    labels = forms.customer_choices().labels
    # Named as in the Kunden list, sorted by the name without the academic title.
    assert labels == ["anna Becker", "Müller Haustechnik GmbH (K-7)", "Dr. Zora Adler"]


def test_customer_rows_use_the_one_display_name_and_address_rule(customer):
    Customer.create(kind="person")
    rows = {r.id: r for r in load_customer_rows()}
    assert rows[customer.id].name == customer.display_name == "Müller Haustechnik GmbH"
    assert rows[customer.id].address == "Königstraße 40, 70173 Stuttgart"
    assert rows[customer.id].email == "info@mueller.example"
    nameless = next(r for r in rows.values() if r.id != customer.id)
    assert nameless.name == f"Kunde {nameless.id}"


def test_project_nodes_carry_jobs_appointments_and_customer(customer):
    project = projects.create_project("Bad", customer.id)
    nodes = load_project_nodes()
    assert [n.title for n in nodes] == ["Bad"]
    assert nodes[0].customer == "Müller Haustechnik GmbH"
    assert [j.id for j in nodes[0].jobs] == [j.id for j in projects.jobs_of(project)]


def test_O8_appointment_save_is_one_transaction(customer):
    project = projects.create_project("Bad", customer.id)
    job = projects.first_job(project)
    article = Article.create(number="A-1", name="Ventil", unit="Stk")
    appointment_id = forms.save_appointment(
        None,
        job.id,
        forms.AppointmentInput(title="Montage", status="scheduled", used=[(article.id, Decimal(2))]),
    )
    view = forms.appointment_view(appointment_id)
    assert (view.title, view.status, view.frozen) == ("Montage", "scheduled", False)
    assert [(line.number, line.quantity) for line in view.used] == [("A-1", Decimal(2))]

    # "Fertig" without hours is refused by the worksheet: the new title is not kept either.
    with pytest.raises(PreconditionError):
        forms.save_appointment(
            appointment_id,
            None,
            forms.AppointmentInput(
                title="Umbenannt", status="done", hours=None, used=[(article.id, Decimal(3))]
            ),
        )
    assert Appointment.get_by_id(appointment_id).title == "Montage"
    assert [u.quantity for u in UsedArticle.select()] == [Decimal(2)]


def test_article_id_by_number_prefers_an_active_article(database):
    Article.create(number="A-1", name="alt", active=False)
    active = Article.create(number="A-1", name="neu", active=True)
    assert forms.article_id_by_number("A-1") == active.id


def test_A3_the_hourly_rate_is_rounded_half_up_to_cents(database):
    assert settings.set_hourly_rate(Decimal("47.325")) == Decimal("47.33")  # not 47.32 (half-even)
    assert settings.set_hourly_rate(Decimal("47.335")) == Decimal("47.34")
    assert settings.preferences().hourly_rate == Decimal("47.34")


def test_S5_preferences_round_trip(database):
    settings.set_sync(False, 30)
    assert settings.set_hourly_rate(Decimal("58.5")) == Decimal("58.50")
    settings.set_contact_person("12", "Anna Becker")
    prefs = settings.preferences()
    assert (prefs.sync_enabled, prefs.sync_interval_min, prefs.hourly_rate) == (False, 30, Decimal("58.50"))
    assert (prefs.contact_person_id, prefs.contact_person_name) == ("12", "Anna Becker")


def test_R1_S3_connection_state_round_trip(database):
    assert settings.sevdesk_enabled_choice() is None
    settings.set_connection_broken(True)
    assert settings.connection_broken() is True
    settings.record_connected("Anna Becker")
    assert (settings.connection_broken(), settings.sevdesk_enabled_choice()) == (False, True)
    assert settings.connected_user() == "Anna Becker"
    moment = datetime(2026, 11, 26, 8, 0, 5, 123, tzinfo=timezone.utc)
    settings.record_import_success("customers", moment)
    assert settings.last_sync_success() is None  # R1 counts only when both are imported
    settings.record_import_success("articles", moment.replace(minute=3))
    assert raw_settings.get("last_sync_success") == "2026-11-26T08:00:05+00:00"
    settings.record_import_success("all", moment.replace(hour=9))
    assert settings.last_sync_success() == moment.replace(hour=9, microsecond=0)


def _string_writes(key: str) -> list[str]:
    """Modules that pass ``key`` as a literal to a call named ``set`` (a settings write)."""
    found = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("set", "set_")
                and any(
                    isinstance(inner, ast.Constant) and inner.value == key
                    for a in node.args
                    for inner in ast.walk(a)  # also a key built from it (per workstation)
                )
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    return found


@pytest.mark.parametrize("key", ["connection_broken", "last_sync_success"])
def test_each_piece_of_connection_state_has_one_writer(key):
    writes = _string_writes(key)
    assert len(writes) == 1 and writes[0].startswith("services/settings.py"), writes


def test_T1_S3_a_rejected_token_pauses_only_the_computer_it_belongs_to(database, monkeypatch):
    """Team mode: each computer has its own token (keyring) but all share the database. One
    computer's outdated token must not stop the import of the others, nor name its user."""
    computer = {"name": "büro-1"}
    monkeypatch.setattr(settings, "this_computer", lambda: computer["name"])
    settings.record_connected("Thomas Becker")
    computer["name"] = "werkstatt"
    settings.set_connection_broken(True)  # sevDesk rejected the workshop's old token
    assert settings.connection_broken() and settings.connected_user() is None
    computer["name"] = "büro-1"
    assert not settings.connection_broken()  # the office goes on importing
    assert settings.connected_user() == "Thomas Becker"
    raw_settings.set("connected_user", "Frühere Anmeldung")  # an older database, one for all
    computer["name"] = "laptop"
    assert settings.connected_user() == "Frühere Anmeldung"
    for name in ("Secretary-PC", "TOKEN-LAPTOP", "password-nas"):  # a name is no secret
        computer["name"] = name
        settings.record_connected("Anna Fliese")
        settings.set_connection_broken(True)
        assert settings.connected_user() == "Anna Fliese" and settings.connection_broken()
    with pytest.raises(ValueError):
        raw_settings.set("api_token", "x")  # while secrets still stay out
