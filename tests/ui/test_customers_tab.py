"""Kunden tab: search as you type, sorting, lookups through RecordRole, local create (C7),
customers deleted in sevDesk stay visible and marked (C6)."""

from __future__ import annotations

import pytest
from fakes import FakeController
from PySide6.QtCore import Qt

from craftdesk.store.models import Address, ContactInfo, Customer
from craftdesk.ui.customers_tab import CustomersTab
from craftdesk.ui.dialogs import common
from craftdesk.ui.dialogs.customer_dialog import CustomerDialog
from craftdesk.ui.table_models import RecordRole


def _customer(
    name: str,
    number: str,
    *,
    city: str = "Köln",
    email: str = "",
    sevdesk_id: str | None = None,
    deleted: bool = False,
    kind: str = "organisation",
):
    customer = Customer.create(
        company=name if kind == "organisation" else "",
        last_name=name if kind == "person" else "",
        kind=kind,
        customer_number=number,
        sevdesk_id=sevdesk_id,
        deleted_in_sevdesk=deleted,
    )
    Address.create(customer=customer, kind="postal", street="Hauptstr. 1", zip="50667", city=city)
    if email:
        ContactInfo.create(customer=customer, kind="email", value=email)
    return customer


@pytest.fixture
def tab(qtbot, database):
    _customer("Bäckerei Schmidt", "1003", city="Köln", email="info@schmidt.de", sevdesk_id="11")
    _customer("Autohaus Meier", "1001", city="Bonn", sevdesk_id="12")
    _customer("Weber", "1002", city="Düsseldorf", sevdesk_id="13", kind="person")
    _customer("Alte Firma GmbH", "1004", city="Aachen", sevdesk_id="14", deleted=True)
    widget = CustomersTab(FakeController())
    qtbot.addWidget(widget)
    return widget


def _names(tab: CustomersTab) -> list[str]:
    return [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]


def test_search_filters_as_you_type_and_clearing_restores(tab, qtbot):
    assert tab.proxy.rowCount() == 4
    qtbot.keyClicks(tab.search, "bon")  # city column, typed key by key
    assert _names(tab) == ["Autohaus Meier"]
    tab.search.clear()
    tab.search.setText("KÖLN")  # non-ASCII and upper case (QTest types ASCII only)
    assert _names(tab) == ["Bäckerei Schmidt"]
    tab.search.clear()
    qtbot.keyClicks(tab.search, "SCHMIDT.DE")  # e-mail column, case-insensitive
    assert _names(tab) == ["Bäckerei Schmidt"]
    tab.search.clear()
    qtbot.keyClicks(tab.search, "100")  # customer numbers
    assert tab.proxy.rowCount() == 4
    tab.search.clear()
    assert tab.proxy.rowCount() == 4
    assert "4 von 4" in tab.count_label.text()


def test_sorting_by_name_and_record_lookup_after_sort(tab, monkeypatch):
    tab.view.sortByColumn(tab.model.column_of("name"), Qt.SortOrder.AscendingOrder)
    assert _names(tab) == ["Alte Firma GmbH", "Autohaus Meier", "Bäckerei Schmidt", "Weber"]
    opened: list[int | None] = []
    monkeypatch.setattr(tab, "open_editor", lambda record: opened.append(record.id))
    second = tab.proxy.index(1, 0)
    tab.view.doubleClicked.emit(second)
    assert opened == [Customer.get(Customer.company == "Autohaus Meier").id]


def test_record_role_after_filtering(tab):
    tab.search.setText("weber")
    record = tab.proxy.index(0, 3).data(RecordRole)
    assert record.id == Customer.get(Customer.last_name == "Weber").id
    assert tab.proxy.record_at(0) == record


def test_C6_deleted_in_sevdesk_visible_greyed_and_filterable(tab):
    row = tab.proxy.row_of_id(Customer.get(Customer.company == "Alte Firma GmbH").id)
    status = tab.proxy.index(row, tab.model.column_of("status"))
    assert status.data() == "in sevDesk gelöscht"
    assert status.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "gelöscht" in status.data(Qt.ItemDataRole.ToolTipRole)
    tab.deleted_filter.setChecked(False)
    assert "Alte Firma GmbH" not in _names(tab)
    assert tab.proxy.rowCount() == 3
    tab.deleted_filter.setChecked(True)
    assert tab.proxy.rowCount() == 4


def test_C7_create_dialog_makes_local_customer_with_local_number(tab, qtbot, monkeypatch):
    dialog = CustomerDialog(None, tab)
    qtbot.addWidget(dialog)
    number = dialog.customer_number.text()
    assert number.startswith("L-")
    dialog.company.setText("Neubau Krause KG")
    dialog.postal.street.setText("Ringstraße 5")
    dialog.postal.zip.setText("53111")
    dialog.postal.city.setText("Bonn")
    dialog.emails[0].setText("krause@example.de")
    dialog.save_button.click()
    created = Customer.get(Customer.company == "Neubau Krause KG")
    assert created.sevdesk_id is None
    assert created.customer_number == number
    assert [a.city for a in created.addresses] == ["Bonn"]
    assert [c.value for c in created.contact_infos] == ["krause@example.de"]
    # The next local customer gets the next number.
    second = CustomerDialog(None, tab)
    qtbot.addWidget(second)
    assert second.customer_number.text() != number
    tab.reload()
    row = tab.proxy.row_of_id(created.id)
    assert tab.proxy.index(row, tab.model.column_of("source")).data() == "lokal"


def test_create_refuses_missing_name(tab, qtbot, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(common, "warn", lambda parent, title, text: warnings.append(text))
    dialog = CustomerDialog(None, tab)
    qtbot.addWidget(dialog)
    dialog.save_button.click()
    assert warnings and "Firmennamen" in warnings[0]
    assert Customer.select().count() == 4


def test_C5_imported_customer_dialog_warns_about_overwrite(tab, qtbot):
    customer = Customer.get(Customer.company == "Autohaus Meier")
    dialog = CustomerDialog(customer.id, tab)
    qtbot.addWidget(dialog)
    assert "überschrieben" in dialog.note.text()
    assert dialog.customer_number.isReadOnly()
    dialog.phone.setText("0228 123")
    dialog.save_button.click()
    assert [c.value for c in customer.contact_infos] == ["0228 123"]


def test_sort_is_german_dictionary_order_and_keeps_selection(tab):
    _customer("Blumen Haas", "1005", sevdesk_id="15")
    tab.reload()
    tab.view.sortByColumn(tab.model.column_of("name"), Qt.SortOrder.AscendingOrder)
    names = _names(tab)
    assert names.index("Bäckerei Schmidt") < names.index("Blumen Haas")  # ä sorts as a
    weber = Customer.get(Customer.last_name == "Weber").id
    tab.select_record(weber)
    tab.view.sortByColumn(tab.model.column_of("number"), Qt.SortOrder.DescendingOrder)
    assert _names(tab)[0] == "Blumen Haas"  # 1005
    assert tab.selected_record().id == weber


def test_hidden_tab_reloads_when_shown(tab, qtbot):
    tab.controller.data_changed.emit("customers")  # nothing new: harmless
    _customer("Neukunde Import", "1009", sevdesk_id="19")
    tab.controller.data_changed.emit("customers")
    assert tab.model.rowCount() == 4  # hidden: not reloaded yet
    tab.show()
    qtbot.waitExposed(tab)
    assert tab.model.rowCount() == 5
    tab.controller.data_changed.emit("articles")  # another collection: no reload needed
    _customer("Noch einer", "1010", sevdesk_id="20")
    tab.controller.data_changed.emit("all")
    assert tab.model.rowCount() == 6


def test_E1_dialog_e_invoice_defaults_by_kind_and_stores_only_a_real_choice(tab, qtbot):
    dialog = CustomerDialog(None, tab)
    qtbot.addWidget(dialog)
    assert dialog.e_invoice.isChecked()  # organisation: on by default
    dialog.kind.setCurrentIndex(dialog.kind.findData("person"))
    assert not dialog.e_invoice.isChecked()  # person: off by default
    dialog.last_name.setText("Roth")
    dialog.save_button.click()
    assert Customer.get(Customer.last_name == "Roth").e_invoice is None  # "by kind", not a choice

    dialog = CustomerDialog(None, tab)
    qtbot.addWidget(dialog)
    dialog.company.setText("Landratsamt Esslingen")
    dialog.e_invoice.setChecked(False)
    dialog.e_invoice.setChecked(True)
    dialog.government_agency.setChecked(True)
    dialog.buyer_reference.setText(" 08116000-LRA-01 ")
    dialog.save_button.click()
    authority = Customer.get(Customer.company == "Landratsamt Esslingen")
    assert authority.e_invoice is True and authority.government_agency is True
    assert authority.buyer_reference == "08116000-LRA-01"
    reopened = CustomerDialog(authority.id, tab)
    qtbot.addWidget(reopened)
    assert reopened.e_invoice.isChecked() and reopened.buyer_reference.text() == "08116000-LRA-01"


def test_E1_authority_needs_a_leitweg_id_and_imported_fields_stay_sevdesks(tab, qtbot, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(common, "warn", lambda parent, title, text: warnings.append(text))
    dialog = CustomerDialog(None, tab)
    qtbot.addWidget(dialog)
    dialog.company.setText("Stadtverwaltung Bonn")
    dialog.government_agency.setChecked(True)
    dialog.save_button.click()
    assert warnings and "Leitweg-ID" in warnings[0]
    assert not Customer.select().where(Customer.company == "Stadtverwaltung Bonn").exists()

    imported = Customer.get(Customer.company == "Autohaus Meier")
    dialog = CustomerDialog(imported.id, tab)
    qtbot.addWidget(dialog)
    assert not dialog.government_agency.isEnabled() and not dialog.buyer_reference.isEnabled()
    assert dialog.e_invoice.isEnabled()  # the office's own choice
    dialog.e_invoice.setChecked(False)
    dialog.save_button.click()
    assert Customer.get_by_id(imported.id).e_invoice is False


def test_E1_list_shows_the_e_invoice_choice(tab):
    authority = Customer.get(Customer.company == "Autohaus Meier")
    Customer.update(government_agency=True).where(Customer.id == authority.id).execute()
    Customer.update(e_invoice=False).where(Customer.company == "Bäckerei Schmidt").execute()
    tab.reload()
    column = tab.model.column_of("e_invoice")
    shown = {
        tab.proxy.index(r, 0).data(): tab.proxy.index(r, column).data() for r in range(tab.proxy.rowCount())
    }
    assert shown["Autohaus Meier"] == "Behörde"  # an organisation: e-invoice by default
    assert shown["Bäckerei Schmidt"] == ""  # turned off by the office
    assert shown["Weber"] == ""  # a person: off by default
