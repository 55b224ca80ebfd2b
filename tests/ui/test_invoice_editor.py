"""The invoice editor (SPEC V1, V4, V5) with the demo's AB-1043: edit in place, add, remove,
reorder, header fields, "Zurücksetzen"; edits kept with the project; the double-labour flag
until resolved; no default button and one question for 0,00 € lines; sent once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fakes import FakeController
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication

from craftdesk.services import invoices, projects
from craftdesk.services.orders import import_order
from craftdesk.services.worksheet import used_lines
from craftdesk.store import settings
from craftdesk.store.models import Appointment, InvoiceDraft, InvoiceEdit
from craftdesk.ui.dialogs import common
from craftdesk.ui.dialogs.invoice_dialog import InvoicePreviewDialog
from craftdesk.ui.dialogs.invoice_lines import COLUMNS

SAVE = "/Invoice/Factory/saveInvoice"


@pytest.fixture
def ab1043(ctx, sandbox, client):
    settings.set("hourly_rate", "58.00")
    ab = next(o["id"] for o in sandbox.data.all("Order") if o["orderNumber"] == "AB-1043")
    project_id = import_order(client, ab).project_id
    appointment = Appointment.get()
    projects.take_over_planned(appointment.id)
    projects.set_appointment_done(appointment.id, Decimal("6.5"), used_lines(appointment.id))
    return project_id


def _dialog(qtbot, ctx, project_id, **kw) -> InvoicePreviewDialog:
    dialog = InvoicePreviewDialog(invoices.build_preview(project_id), FakeController(ctx, **kw))
    qtbot.addWidget(dialog)
    return dialog


def _texts(dialog) -> list[str]:
    return [line.text for line in dialog.model.lines]


def _edit(dialog, row: int, column: str, text: str) -> bool:
    return dialog.model.setData(
        dialog.model.index(row, COLUMNS.index(column)), text, Qt.ItemDataRole.EditRole
    )


def test_V1_inline_edits_are_kept_with_the_project(qtbot, ctx, ab1043):
    dialog = _dialog(qtbot, ctx, ab1043)
    assert _edit(dialog, 2, "quantity", "3")
    assert _edit(dialog, 2, "net_price", "22,50")
    assert _edit(dialog, 2, "text", "Ventil DN15 (Sonderpreis)")
    assert not _edit(dialog, 2, "quantity", "drei")  # refused, nothing changes
    assert not _edit(dialog, 2, "quantity", "0")
    assert dialog.cell(2, COLUMNS.index("net")) == "67,50 €"
    dialog.header_edit.setText("Rechnung Backstube")
    dialog.header_edit.editingFinished.emit()
    dialog.service_from.setDate(QDate(2026, 2, 24))
    dialog.service_from.editingFinished.emit()
    assert dialog.edited_note.text().startswith("Mit Ihren Änderungen")
    dialog.close()  # closing loses nothing

    again = _dialog(qtbot, ctx, ab1043)
    line = again.model.lines[2]
    assert (line.text, line.quantity, line.net_price) == ("Ventil DN15 (Sonderpreis)", 3, Decimal("22.50"))
    assert again.header_edit.text() == "Rechnung Backstube"
    assert again.service_from.date() == QDate(2026, 2, 24)
    assert "Leistungszeitraum: 24.02.2026" in again.head_text.toPlainText()


def test_A3_V1_an_editor_closed_on_a_finer_price_leaves_it_as_it_is(qtbot, ctx, ab1043):
    """The cell shows cents; Enter or Tab on an untouched editor wrote them back, and a
    part priced gross lost its sevDesk net (3 × 8.3949579832: gross 29,97 € became 29,95 €)."""
    from dataclasses import replace

    dialog = _dialog(qtbot, ctx, ab1043)
    fine = replace(dialog.model.lines[2], net_price=Decimal("8.3949579832"), quantity=Decimal(3))
    dialog.model.lines[2] = fine
    shown = dialog.model.index(2, COLUMNS.index("net_price")).data(Qt.ItemDataRole.EditRole)
    assert shown == "8,39 €"
    assert _edit(dialog, 2, "net_price", shown)  # the editor closed as it opened
    assert dialog.model.lines[2].net_price == Decimal("8.3949579832")
    assert _edit(dialog, 2, "net_price", "8,40")  # typed: taken
    assert dialog.model.lines[2].net_price == Decimal("8.40")


def test_V1_add_remove_reorder_and_reset(qtbot, ctx, ab1043, monkeypatch):
    dialog = _dialog(qtbot, ctx, ab1043)
    original = _texts(dialog)
    dialog.table.selectRow(0)
    dialog.add_text_line("Anfahrt")
    assert _texts(dialog)[1] == "Anfahrt"
    assert _edit(dialog, 1, "net_price", "35")
    dialog.table.selectRow(5)  # the free text of the confirmation
    dialog.move_selected(-1)
    assert _texts(dialog)[4] == "Entsorgung der Altheizkörper inkl. Demontage"
    dialog.table.selectRow(6)
    dialog.remove_selected()
    assert "Montage Geselle" not in _texts(dialog)
    valve = dialog.model.lines[3].article_id
    dialog.add_article_line(valve, Decimal(1))
    assert InvoiceEdit.select().count() == 1
    reopened = _dialog(qtbot, ctx, ab1043)
    assert _texts(reopened) == _texts(dialog)

    asked: list[str] = []
    answer = [False]
    monkeypatch.setattr(common, "confirm", lambda _p, _t, text, yes=None: asked.append(text) or answer[0])
    reopened.reset()  # "Zurücksetzen" asks before the edits are thrown away: here, no
    assert asked and "verwerfen" in asked[0]
    assert _texts(reopened) == _texts(dialog) and InvoiceEdit.select().count() == 1
    answer[0] = True
    reopened.reset()
    assert _texts(reopened) == original
    assert InvoiceEdit.select().count() == 0
    reopened.reset()  # nothing edited: nothing to ask
    assert len(asked) == 2


def test_V4_double_labour_flag_until_resolved_in_the_editor(qtbot, ctx, ab1043):
    dialog = _dialog(qtbot, ctx, ab1043)
    note = COLUMNS.index("note")
    flagged = [r for r in range(dialog.model.rowCount()) if "Arbeitszeit doppelt?" in dialog.cell(r, note)]
    assert [dialog.model.lines[r].kind for r in flagged] == ["hours", "article"]
    assert any(label.text().startswith("Arbeitszeit doppelt?") for label in dialog.warning_labels)
    assert dialog.both_button.isVisible() or not dialog.isVisible()
    assert dialog.both_button.isEnabled()
    dialog.confirm_double_labour()  # "Beide berechnen"
    assert not any("Arbeitszeit doppelt?" in dialog.cell(r, note) for r in range(dialog.model.rowCount()))
    assert len(dialog.model.lines) == 6  # nothing removed
    again = _dialog(qtbot, ctx, ab1043)
    assert not again.preview.flagged("double_labour")


def test_V5_zero_line_is_not_the_default_and_asks_once(qtbot, ctx, sandbox, ab1043, monkeypatch):
    dialog = _dialog(qtbot, ctx, ab1043)
    dialog.confirm_double_labour()
    assert dialog.confirm_button.isDefault()
    assert _edit(dialog, 3, "net_price", "0")  # "Thermostatkopf" at 0,00 €
    assert not dialog.confirm_button.isDefault()
    assert "0,00 €" in dialog.cell(3, COLUMNS.index("note"))
    asked: list[str] = []
    monkeypatch.setattr(common, "confirm", lambda parent, title, text, yes=None: asked.append(text) or False)
    sandbox.clear_requests()
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter creates nothing
    assert asked == [] and InvoiceDraft.select().count() == 0
    dialog.confirm_button.click()
    assert len(asked) == 1 and "„Thermostatkopf“" in asked[0]
    assert not any(r.path == SAVE for r in sandbox.requests)  # "Nein" sends nothing
    monkeypatch.setattr(common, "confirm", lambda parent, title, text, yes=None: asked.append(text) or True)
    dialog.confirm_button.click()
    assert len(asked) == 2
    assert sum(1 for r in sandbox.requests if r.path == SAVE) == 1
    draft = InvoiceDraft.get()
    positions = [p for p in sandbox.data.all("InvoicePos") if p["invoice"]["id"] == draft.sevdesk_id]
    assert sorted(p["price"] for p in positions if p["name"] == "Thermostatkopf") == ["0"]
    assert InvoiceEdit.select().count() == 0


def test_enter_in_the_line_table_edits_the_cell_and_sends_nothing(qtbot, ctx, sandbox, ab1043):
    dialog = _dialog(qtbot, ctx, ab1043)
    dialog.confirm_double_labour()
    assert dialog.confirm_button.isDefault()  # Enter elsewhere still creates the draft (V5)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    sandbox.clear_requests()
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(1, COLUMNS.index("quantity")))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert dialog.table.state() == dialog.table.State.EditingState  # the cell is edited
    assert InvoiceDraft.select().count() == 0 and not any(r.path == SAVE for r in sandbox.requests)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # leaves the cell
    qtbot.keyClick(dialog.table, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)  # number pad
    assert dialog.table.state() == dialog.table.State.EditingState
    assert InvoiceDraft.select().count() == 0 and not any(r.path == SAVE for r in sandbox.requests)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    dialog.table.setCurrentIndex(dialog.model.index(1, COLUMNS.index("net")))  # a sum: read-only
    qtbot.keyClick(dialog.table, Qt.Key.Key_Enter)
    assert InvoiceDraft.select().count() == 0 and dialog.isVisible()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Tab)  # Tab leaves the table for the buttons
    assert QApplication.focusWidget() is not dialog.table
    dialog.close()


def test_V6_appointment_after_the_invoice_date_makes_creating_not_the_default(qtbot, ctx, ab1043):
    from datetime import datetime, timedelta

    Appointment.update(start=datetime.now().replace(hour=8, minute=0) + timedelta(days=1)).execute()
    dialog = _dialog(qtbot, ctx, ab1043)
    dialog.confirm_double_labour()
    assert any("nach dem Rechnungsdatum" in w for w in dialog.preview.warnings)
    assert not dialog.confirm_button.isDefault()  # Enter does not create a draft that contradicts itself


def test_the_dialog_at_its_least_width_keeps_the_introduction_readable(qtbot, ctx, ab1043):
    """At its least width the introduction box was about 60 px wide and broke its words in
    the middle ("berechn / en"); the least width still fits a 1024 px screen."""
    dialog = _dialog(qtbot, ctx, ab1043)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.minimumSizeHint())
    qtbot.wait(10)
    assert dialog.head_text.width() >= 200
    assert dialog.width() <= 1000
