"""The English UI shows the service layer's German sentences (errors, import progress,
invoice warnings) in English; the German UI shows them unchanged."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from craftdesk.api.client import AUTH_MESSAGE, SevdeskClient
from craftdesk.api.errors import AuthError, ServerError
from craftdesk.context import NO_TOKEN_MESSAGE
from craftdesk.messages import CONTEXT, TEMPLATES, Key, Message
from craftdesk.services import invoices, projects
from craftdesk.services.importer import run_import
from craftdesk.store import settings
from craftdesk.store.models import Article, Customer
from craftdesk.sync import messages
from craftdesk.sync.messages import localize
from craftdesk.ui import i18n


@pytest.fixture
def english(qtbot):
    app = QApplication.instance()
    assert i18n.install_translations(app, "en") == "en"
    yield
    i18n.install_translations(app, "de")


def test_service_constants_carry_their_key():
    assert isinstance(AUTH_MESSAGE, Message) and AUTH_MESSAGE.key is Key.AUTH_REJECTED
    assert isinstance(NO_TOKEN_MESSAGE, Message) and NO_TOKEN_MESSAGE.key is Key.NO_TOKEN_CONNECT_FIRST


def test_every_service_sentence_has_an_english_translation(english):
    untranslated = [t for t in TEMPLATES.values() if QCoreApplication.translate(CONTEXT, t) == t]
    assert untranslated == []


def test_an_argument_that_holds_a_placeholder_is_filled_in_as_it_is(english):
    """Arguments were filled in the highest first, so a folder named "50%1 Rabatt" given as
    %2 had its "%1" replaced by the first argument; one pass leaves it as it is."""
    message = Message(Key.RESTORE_FAILED_DAMAGED_IN, "kein Platz", "/daten/50%10 Rabatt/x.db")
    assert message.endswith("liegt in /daten/50%10 Rabatt/x.db.")
    assert (
        localize(message)
        == "The restore failed (kein Platz); the damaged database is in /daten/50%10 Rabatt/x.db."
    )
    assert localize(str(message)).endswith("/daten/50%10 Rabatt/x.db.")  # as stored text, too
    nested = Message(Key.RESTORE_WITHOUT_SAFETY, Message(Key.BACKUP_NOT_WRITTEN, "Platte voll"))
    assert nested == (
        "Die Sicherung ließ sich nicht schreiben (Platte voll). "
        "Ohne diese Sicherung des jetzigen Stands wurde nichts wiederhergestellt."
    )
    assert localize(nested) == (
        "The backup could not be written (Platte voll). Without this backup of the current state, nothing was restored."
    )


def test_every_service_sentence_exists_once():
    """No module but craftdesk/messages.py spells out a service sentence (the GUI translates
    by key, so a copy elsewhere would be a second, untranslated version)."""
    package = Path(messages.__file__).resolve().parents[1]
    sources = {
        p: p.read_text(encoding="utf-8")
        for p in package.rglob("*.py")
        if p.name != "messages.py" and "sandbox" not in p.parts
    }
    copies = []
    for key, template in TEMPLATES.items():
        if key.name.startswith("PHASE_"):
            continue  # single words (the sweep's phase labels), looked up by name
        parts = re.split(r"%\d", template)
        # a sentence without arguments as a whole literal, else its longest fixed part
        fragment = f'"{template}"' if len(parts) == 1 else max(parts, key=len)
        if len(fragment) < 15:
            continue
        copies += [f"{key.name}: {p.relative_to(package)}" for p, text in sources.items() if fragment in text]
    assert copies == []


def test_errors_carry_key_and_arguments(sandbox):
    from craftdesk.sandbox import DEMO_TOKEN

    sandbox.faults.add(path="/Contact", method="GET", kind="status", status=503, times=None)
    client = SevdeskClient(sandbox.url, DEMO_TOKEN, max_retries=0)
    with pytest.raises(ServerError) as failed:
        client.get("/Contact")
    assert (failed.value.message.key, failed.value.message.args) == (Key.SERVER_ERROR, ("503",))
    assert failed.value.message == "sevDesk meldet einen Serverfehler (503)."  # what the CLI prints


def test_stored_history_texts_are_recognised_by_the_same_templates(english):
    assert localize("Unerwarteter Fehler (KeyError)") == "Unexpected error (KeyError)"
    assert localize("Ein anderer Abgleich lief noch.") != "Ein anderer Abgleich lief noch."
    assert localize("Irgendein anderer Text") == "Irgendein anderer Text"


def test_german_ui_shows_service_sentences_unchanged():
    assert localize("sevDesk meldet einen Serverfehler (503).") == "sevDesk meldet einen Serverfehler (503)."
    assert localize("Kunden: 1000 von 2000") == "Kunden: 1000 von 2000"
    assert localize(AUTH_MESSAGE) == AUTH_MESSAGE
    assert localize(None) == ""


def test_import_progress_is_english_in_the_english_ui(english, client, database):
    texts: list[str] = []
    run_import(client, what="all", progress=lambda done, total, text: texts.append(text))
    assert len(texts) > 3
    shown = [localize(t) for t in texts]
    assert [t for t, s in zip(texts, shown, strict=False) if s == t] == []  # every phase is known
    assert "Loading categories" in shown
    assert any(s.startswith("Customers: ") and " of " in s for s in shown)


def test_sevdesk_errors_are_english_in_the_english_ui(english, sandbox):
    sandbox.faults.add(path="/Contact", method="GET", kind="status", status=503, times=None)
    client = SevdeskClient(sandbox.url, "0" * 32, max_retries=0)
    with pytest.raises(AuthError) as rejected:
        client.get("/Contact")
    assert localize(rejected.value.message).startswith("sevDesk rejected the API token")
    from craftdesk.sandbox import DEMO_TOKEN

    client = SevdeskClient(sandbox.url, DEMO_TOKEN, max_retries=0)
    with pytest.raises(ServerError) as failed:
        client.get("/Contact")
    assert messages.error_message(failed.value) == "sevDesk reports a server error (503)."


def _english_warnings(rate: str, title: str, article: Article) -> list[str]:
    """The preview warnings, in English, of a finished appointment (2 hours, 1 ``article``)."""
    settings.set("hourly_rate", rate)
    customer = Customer.create(company="Café Süß", customer_number="10019")
    project = projects.create_project("Theke", customer.id)
    appointment = projects.create_appointment(
        projects.jobs_of(project)[0].id, title, start=datetime(2026, 3, 2, 8)
    )
    projects.set_appointment_done(appointment.id, Decimal(2), [(article.id, Decimal(1))])
    return [localize(w) for w in invoices.build_preview(project.id).warnings]


def test_invoice_warnings_are_english_in_the_english_ui(english, database):
    valve = Article.create(number="A-1", name="Ventil", unit="Stk", net_price=Decimal("24.90"))
    warnings = _english_warnings("0", "Montage", valve)
    assert "The hourly rate is 0.00 € – please enter it in the settings." in warnings
    # built in German in the service before, so the English preview showed it in German
    assert "Lines at 0.00 €: „Montage“ – please check; craftdesk asks before creating the draft." in warnings
    assert "No address is stored for the customer “Café Süß”." in warnings


def test_the_double_labour_warning_is_english_in_the_english_ui(english, database):
    labour = Article.create(number="D-1", name="Montage Geselle", unit="Std", net_price=Decimal("58"))
    warnings = _english_warnings("58", "Abfluss reinigen", labour)
    twice = [w for w in warnings if w.startswith("Working time twice?")]
    assert len(twice) == 1 and "“Bill both”" in twice[0], warnings


def test_record_counts_say_one_or_many_in_either_language(english):
    assert i18n.record_counts(1, 0, 2) == "1 customer, 0 articles, 2 projects"
    i18n.install_translations(QApplication.instance(), "de")
    assert i18n.record_counts(1, 1, 1) == "1 Kunde, 1 Artikel, 1 Projekt"
    assert i18n.record_counts(2, 0, 5) == "2 Kunden, 0 Artikel, 5 Projekte"


def test_the_appointment_and_employee_checks_speak_the_ui_language(english, database):
    # The appointment dialog showed "Das Ende eines Termins liegt vor seinem Beginn." in
    # the English UI: the service raised a plain German sentence no translation knew.
    from craftdesk.errors import PreconditionError
    from craftdesk.services import employees

    project = projects.create_project("Bad", None)
    job = projects.jobs_of(project)[0]
    with pytest.raises(PreconditionError) as wrong_order:
        projects.create_appointment(
            job.id, "Fliesen", start=datetime(2026, 3, 2, 10), end=datetime(2026, 3, 2, 8)
        )
    assert localize(str(wrong_order.value)) == "The end of an appointment lies before its start."
    with pytest.raises(PreconditionError) as nameless:
        employees.add_employee("  ")
    assert localize(str(nameless.value)) == "An employee needs a name."
