"""SPEC H5: text from sevDesk or the user is shown as plain text — message boxes, the
invoice dialog's banner, tooltips — and HTML descriptions from sevDesk as their text."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from fakes import FakeController
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QMessageBox

from craftdesk.api.errors import ApiError
from craftdesk.api.records import parse_contact
from craftdesk.services import invoices, projects
from craftdesk.services.customers import create_local_customer
from craftdesk.store import settings
from craftdesk.store.models import Article, Customer
from craftdesk.ui.customers_tab import CustomersTab
from craftdesk.ui.dialogs import common
from craftdesk.ui.dialogs.invoice_dialog import InvoicePreviewDialog

HOSTILE = "<img src='file:///etc/hostname'> <a href='file:///etc'>Bäckerei</a> Lange & Söhne GmbH"


def _shown(tip: str) -> str:
    document = QTextDocument()
    document.setHtml(tip)
    return document.toPlainText()


def test_H5_message_boxes_show_outside_text_as_plain_text(qtbot, monkeypatch):
    formats: list[Qt.TextFormat] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: formats.append(box.textFormat()) or 0)
    common.warn(None, "Keine Rechnung möglich", HOSTILE)
    common.inform(None, "Keine Rechnung möglich", HOSTILE)
    common.confirm(None, "Frage", HOSTILE)
    assert formats == [Qt.TextFormat.PlainText] * 3


def test_H5_the_window_message_box_is_plain_text(qtbot):
    from PySide6.QtWidgets import QMainWindow

    from craftdesk.ui.main_window import MainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    box = MainWindow.show_message(window, "Abgleich fehlgeschlagen", HOSTILE)  # type: ignore[arg-type]
    assert box.textFormat() == Qt.TextFormat.PlainText
    box.close()


def test_H5_table_tooltips_never_render_outside_markup(qtbot, database):
    Customer.create(company=HOSTILE, customer_number="10077")
    tab = CustomersTab(FakeController())
    qtbot.addWidget(tab)
    column = tab.model.column_of("name")
    tip = tab.proxy.index(0, column).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "<a " not in tip
    assert _shown(tip) == HOSTILE


def test_H5_the_invoice_dialog_shows_a_sevdesk_error_as_text(qtbot, ctx):
    settings.set("hourly_rate", "58.00")
    customer = create_local_customer(
        company="Praxis Dr. Weber",
        addresses=[{"kind": "postal", "street": "Lindenstraße 4", "zip": "70173", "city": "Stuttgart"}],
    )
    project = projects.create_project("Wasserschaden", customer.id)
    appointment = projects.create_appointment(
        projects.jobs_of(project)[0].id, "Trocknung", start=datetime(2026, 3, 2, 8)
    )
    article = Article.create(
        number="A-1", name="Rohr", unit="m", net_price=Decimal("8.90"), vat_rate=Decimal(19)
    )
    projects.set_appointment_done(appointment.id, Decimal("2"), [(article.id, Decimal(1))])
    dialog = InvoicePreviewDialog(invoices.build_preview(project.id), FakeController(ctx))
    qtbot.addWidget(dialog)
    dialog._failed(ApiError(HOSTILE))
    assert dialog.result_note.textFormat() == Qt.TextFormat.PlainText
    assert HOSTILE in dialog.result_note.text()


def test_H5_html_descriptions_from_sevdesk_become_their_text():
    contact = parse_contact(
        {
            "id": "5",
            "name": "Hoffmann GmbH",
            "category": {"id": "3"},
            "description": "<p>Schlüssel beim&nbsp;Hausmeister</p><p>Hund &amp; Katze<br/>im Hof</p>",
        }
    )
    assert contact.description == "Schlüssel beim Hausmeister\n\nHund & Katze\nim Hof"
    plain = parse_contact(
        {"id": "6", "name": "X", "category": {"id": "3"}, "description": "Preis < 100 € & schnell"}
    )
    assert plain.description == "Preis < 100 € & schnell"
