"""Double-click a project → invoice preview → create the draft in the demo sevDesk, exactly
once however often the button is clicked (I1, I2, I5); then the id and link are shown."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from fakes import FakeController
from PySide6.QtCore import Qt

from craftdesk.services import projects
from craftdesk.services.customers import create_local_customer
from craftdesk.store import settings
from craftdesk.store.models import Appointment, Article, InvoiceDraft
from craftdesk.ui.dialogs import common
from craftdesk.ui.dialogs.invoice_dialog import InvoicePreviewDialog
from craftdesk.ui.dialogs.invoice_lines import COLUMNS as LINE_COLUMNS
from craftdesk.ui.project_tree import COLUMNS
from craftdesk.ui.projects_tab import ProjectsTab
from craftdesk.ui.style import format_money

SAVE = "/Invoice/Factory/saveInvoice"


@pytest.fixture
def finished(ctx):
    settings.set("hourly_rate", "58.00")
    customer = create_local_customer(
        company="Praxis Dr. Weber",
        e_invoice=False,
        addresses=[{"kind": "postal", "street": "Lindenstraße 4", "zip": "70173", "city": "Stuttgart"}],
    )
    project = projects.create_project("Wasserschaden Praxis", customer.id)
    job = projects.jobs_of(project)[0]
    appointment = projects.create_appointment(
        job.id, "Trocknung und Rohrtausch", start=datetime(2026, 3, 2, 8)
    )
    article = Article.create(
        number="A-1002", name="Kupferrohr 15 mm", unit="m", net_price=Decimal("8.90"), vat_rate=Decimal(19)
    )
    projects.set_appointment_done(appointment.id, Decimal("2.5"), [(article.id, Decimal(4))])
    return {"project": project, "appointment": appointment}


def _saves(sandbox) -> int:
    return sum(1 for r in sandbox.requests if r.method == "POST" and r.path == SAVE)


def _open_preview(tab: ProjectsTab, project_id: int, monkeypatch) -> InvoicePreviewDialog:
    opened: list = []
    monkeypatch.setattr(tab, "_open", lambda dialog: opened.append(dialog) or False)
    tab.view.doubleClicked.emit(tab.find_index("project", project_id))
    assert len(opened) == 1 and isinstance(opened[0], InvoicePreviewDialog)
    return opened[0]


def test_I5_double_click_preview_creates_draft_exactly_once(qtbot, ctx, sandbox, finished, monkeypatch):
    controller = FakeController(ctx, defer=True)  # the job "runs" until finish_pending()
    tab = ProjectsTab(controller)
    qtbot.addWidget(tab)
    tab.show()  # a visible tab reloads at once on data_changed
    dialog = _open_preview(tab, finished["project"].id, monkeypatch)
    qtbot.addWidget(dialog)

    rows = range(dialog.model.rowCount())
    assert [dialog.cell(r, 1) for r in rows] == [
        "Wasserschaden Praxis",
        "Trocknung und Rohrtausch – am 02.03.2026",
        "Kupferrohr 15 mm",
    ]
    assert [dialog.cell(r, 2) for r in rows] == ["1", "2,5", "4"]
    assert dialog.cell(1, 4) == "58,00 €"
    assert dialog.cell(1, 6) == "145,00 €"
    assert dialog.cell(2, 6) == "35,60 €"
    assert dialog.net_label.text() == "180,60 €"
    assert dialog.gross_label.text() == "214,91 €"

    sandbox.clear_requests()
    emitted: list = []
    controller.data_changed.connect(emitted.append)
    dialog.confirm_button.click()
    assert not dialog.confirm_button.isEnabled()
    dialog.confirm()  # a second click while the first is running
    dialog.confirm_button.click()
    assert len(controller.pending) == 1
    controller.finish_pending()
    dialog.confirm()  # and one after success
    controller.finish_pending()

    assert _saves(sandbox) == 1
    # T6: the change names the project and its customer, so only their rows are read again.
    assert len(emitted) == 1 and emitted[0].tree_ids.projects == {finished["project"].id}
    assert emitted[0].customer_ids == {finished["project"].customer_id}
    draft = InvoiceDraft.get(InvoiceDraft.project == finished["project"].id)
    assert draft.state == "sent" and draft.sevdesk_id
    assert InvoiceDraft.select().count() == 1
    assert draft.sevdesk_id in dialog.result_note.text()
    assert "In sevDesk öffnen" in dialog.result_note.text()
    assert dialog.confirm_button.isHidden()
    assert Appointment.get_by_id(finished["appointment"].id).invoice_id == draft.id

    opened: list[str] = []
    monkeypatch.setattr(common, "open_link", lambda url: opened.append(url) or True)
    dialog.result_note.linkActivated.emit(dialog.link())
    # The demo sevDesk on loopback: its own page for the draft (a sandbox id means nothing
    # in the real sevDesk).
    assert opened and opened[0].endswith(f"/demo/invoice/{draft.sevdesk_id}")

    # The project row shows the draft id; the tree reloaded through data_changed.
    row = tab.find_index("project", finished["project"].id)
    assert draft.sevdesk_id in row.siblingAtColumn(COLUMNS.index("invoice")).data()


def test_I1_nothing_to_invoice_shows_message_instead_of_dialog(qtbot, ctx, sandbox, finished, monkeypatch):
    projects.edit_appointment(finished["appointment"].id, status="in_progress")
    tab = ProjectsTab(FakeController(ctx))
    qtbot.addWidget(tab)
    opened: list = []
    shown: list[str] = []
    monkeypatch.setattr(tab, "_open", lambda dialog: opened.append(dialog) or False)
    monkeypatch.setattr(common, "inform", lambda parent, title, text: shown.append(text))
    tab.view.doubleClicked.emit(tab.find_index("project", finished["project"].id))
    assert opened == []
    assert shown and "keinen fertigen Termin" in shown[0]
    assert _saves(sandbox) == 0


def test_failure_keeps_dialog_open_and_allows_a_safe_retry(qtbot, ctx, sandbox, finished, monkeypatch):
    controller = FakeController(ctx)
    tab = ProjectsTab(controller)
    qtbot.addWidget(tab)
    dialog = _open_preview(tab, finished["project"].id, monkeypatch)
    qtbot.addWidget(dialog)
    sandbox.faults.add(path=SAVE, method="POST", kind="status", status=400, times=1)
    dialog.confirm_button.click()
    assert dialog.confirm_button.isEnabled()
    assert dialog.confirm_button.text() == "Erneut versuchen"
    assert dialog.draft is None
    assert all(field.isEnabled() for field in dialog.head_fields)  # refused: editable again
    dialog.confirm_button.click()
    assert dialog.draft is not None
    # The draft is made: its title, dates and text no longer look as if they could change.
    assert not any(field.isEnabled() for field in dialog.head_fields)
    assert sum(1 for d in InvoiceDraft.select() if d.state == "sent") == 1


def test_preview_shows_hourly_rate_warning(qtbot, ctx, sandbox, finished, monkeypatch):
    settings.set("hourly_rate", "0.00")
    tab = ProjectsTab(FakeController(ctx))
    qtbot.addWidget(tab)
    dialog = _open_preview(tab, finished["project"].id, monkeypatch)
    qtbot.addWidget(dialog)
    assert any("0,00 €" in label.text() for label in dialog.warning_labels)


@pytest.fixture
def business(ctx):
    """A finished project of an organisation (e-invoice by default) without e-mail."""
    settings.set("hourly_rate", "58.00")
    customer = create_local_customer(
        company="Hausverwaltung Linde GmbH",
        addresses=[{"kind": "postal", "street": "Lindenweg 2", "zip": "70173", "city": "Stuttgart"}],
    )
    project = projects.create_project("Treppenhaus Lindenweg", customer.id)
    job = projects.jobs_of(project)[0]
    appointment = projects.create_appointment(job.id, "Leitung erneuern", start=datetime(2026, 3, 2, 8))
    projects.set_appointment_done(appointment.id, Decimal("3"), [])
    return project


def test_E3_preview_names_what_the_e_invoice_lacks_and_blocks_until_turned_off(
    qtbot, ctx, sandbox, business, monkeypatch
):
    controller = FakeController(ctx, defer=True)
    tab = ProjectsTab(controller)
    qtbot.addWidget(tab)
    dialog = _open_preview(tab, business.id, monkeypatch)
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.warning_labels]
    assert texts[0].startswith("Für die E-Rechnung fehlt: E-Mail-Adresse des Kunden.")
    assert dialog.e_invoice_box.isVisibleTo(dialog) and dialog.e_invoice_box.isChecked()
    assert not dialog.confirm_button.isEnabled() and not dialog.confirm_button.isDefault()

    dialog.e_invoice_box.setChecked(False)  # off for this draft only
    assert dialog.confirm_button.isEnabled()
    assert not any("E-Rechnung" in label.text() for label in dialog.warning_labels)
    sandbox.clear_requests()
    dialog.confirm_button.click()
    controller.finish_pending()
    assert _saves(sandbox) == 1
    draft = InvoiceDraft.get(InvoiceDraft.project == business.id)
    assert sandbox.data.get("Invoice", draft.sevdesk_id).get("propertyIsEInvoice") in (None, "0")
    assert not dialog.e_invoice_box.isEnabled()  # sent: ticking it again would change nothing


def test_E3_plain_customer_sees_no_e_invoice_choice(qtbot, ctx, sandbox, finished, monkeypatch):
    controller = FakeController(ctx, defer=True)
    tab = ProjectsTab(controller)
    qtbot.addWidget(tab)
    dialog = _open_preview(tab, finished["project"].id, monkeypatch)
    qtbot.addWidget(dialog)
    assert not dialog.e_invoice_box.isVisibleTo(dialog)
    assert dialog.confirm_button.isEnabled()


def test_small_business_preview_shows_no_vat(qtbot, ctx, sandbox, finished, monkeypatch):
    """Kleinunternehmer: the totals say that no VAT is charged; net and gross are equal."""
    settings.set("small_business", True)
    tab = ProjectsTab(FakeController(ctx))
    qtbot.addWidget(tab)
    dialog = _open_preview(tab, finished["project"].id, monkeypatch)
    qtbot.addWidget(dialog)
    assert dialog.vat_title.text() == "keine USt (§ 19 UStG):"
    assert dialog.vat_label.text() == format_money(Decimal(0))
    assert dialog.gross_label.text() == dialog.net_label.text() == format_money(Decimal("180.60"))
    vat_column = dialog.model.index(1, LINE_COLUMNS.index("vat_rate"))
    assert not dialog.model.flags(vat_column) & Qt.ItemFlag.ItemIsEditable  # nothing to choose
    price_column = dialog.model.index(1, LINE_COLUMNS.index("net_price"))
    assert dialog.model.flags(price_column) & Qt.ItemFlag.ItemIsEditable
