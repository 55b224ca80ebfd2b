"""Keyboard and dialogs of a real office's first week: Enter opens, Tab leaves tables, the
customer dialog's Tab order, Space/double-click in the order import, Escape asks before a
filled dialog is thrown away, the job dialog, a saved record hidden by the search."""

from __future__ import annotations

import pytest
from fakes import FakeController
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from craftdesk.services import projects
from craftdesk.services.orders import OrderSummary
from craftdesk.store.models import Address, Article, Customer, Project
from craftdesk.ui.articles_tab import ArticlesTab
from craftdesk.ui.customers_tab import CustomersTab
from craftdesk.ui.dialogs import discard_guard
from craftdesk.ui.dialogs.customer_dialog import CustomerDialog
from craftdesk.ui.dialogs.job_dialog import JobDialog
from craftdesk.ui.dialogs.order_import_dialog import OrderImportDialog
from craftdesk.ui.projects_tab import ProjectsTab


@pytest.fixture
def customers(qtbot, database):
    for number, name in (("1001", "Autohaus Meier"), ("1002", "Bäckerei Schmidt")):
        c = Customer.create(company=name, customer_number=number, sevdesk_id=number)
        Address.create(customer=c, kind="postal", street="Hauptstr. 1", zip="50667", city="Köln")
    tab = CustomersTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    return tab


def test_enter_on_a_selected_row_opens_it(qtbot, customers, monkeypatch):
    opened = []
    monkeypatch.setattr(customers, "open_editor", lambda record: opened.append(record) or None)
    customers.view.selectRow(0)
    customers.view.setFocus()
    qtbot.keyClick(customers.view, Qt.Key.Key_Return)
    qtbot.keyClick(customers.view, Qt.Key.Key_Enter)
    assert [r.name for r in opened] == [customers.proxy.index(0, 0).data()] * 2


def test_enter_opens_an_article_too(qtbot, database, monkeypatch):
    Article.create(number="A-1", name="Rohr", unit="m", net_price="2.50", vat_rate="19")
    tab = ArticlesTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    opened = []
    monkeypatch.setattr(tab, "open_editor", lambda record: opened.append(record) or None)
    tab.view.selectRow(0)
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert len(opened) == 1


def test_tab_leaves_the_table(qtbot, customers):
    assert not customers.view.tabKeyNavigation()
    customers.view.selectRow(0)
    customers.view.setFocus()
    qtbot.keyClick(customers.view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not customers.view


def test_tab_goes_from_the_search_to_the_filter_then_the_buttons(qtbot, database):
    """The filter checkbox sits beside the search field; Tab reached it only after the table."""
    tab = ArticlesTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    with qtbot.waitActive(tab):
        tab.activateWindow()
    tab.search.setFocus()
    qtbot.keyClick(tab.search, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tab.inactive_filter
    qtbot.keyClick(tab.inactive_filter, Qt.Key.Key_Space)
    assert tab.inactive_filter.isChecked()
    qtbot.keyClick(tab.inactive_filter, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is tab.new_button


def test_customer_dialog_tab_order_reaches_addresses_and_leaves_description(qtbot, database):
    dialog = CustomerDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.description.tabChangesFocus()
    assert dialog.mobiles[1].nextInFocusChain() is dialog.postal.street
    assert dialog.postal.country.nextInFocusChain() is dialog.billing
    assert dialog.billing.country.nextInFocusChain() is dialog.deliveries.table
    assert dialog.deliveries.remove_button.nextInFocusChain() is dialog.description
    dialog.show()
    dialog.description.setFocus()
    qtbot.keyClick(dialog.description, Qt.Key.Key_Tab)
    assert "\t" not in dialog.description.toPlainText()


def test_escape_on_a_filled_dialog_asks_before_throwing_it_away(qtbot, database, monkeypatch):
    asked = []
    answer = {"discard": False}
    monkeypatch.setattr(discard_guard, "ask_discard", lambda parent: asked.append(1) or answer["discard"])
    dialog = CustomerDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without a question
    assert not dialog.isVisible() and asked == []
    dialog = CustomerDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.company.setText("Neubau Krause KG")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [1] and dialog.isVisible()  # kept
    answer["discard"] = True
    dialog.reject()  # "Abbrechen"
    assert asked == [1, 1] and not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_job_dialog_is_wide_with_text_buttons(qtbot):
    dialog = JobDialog("Austausch Heizkessel Buderus im Keller, Hausverwaltung Sonnenhof")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.width() >= 480
    assert dialog.title.width() > dialog.title.fontMetrics().horizontalAdvance("Austausch Heizkessel")
    assert [b.text() for b in dialog.buttons.buttons()] == ["Speichern", "Abbrechen"]
    assert all(b.icon().isNull() for b in dialog.buttons.buttons())
    dialog.title.setText("  ")
    assert not dialog.save_button.isEnabled()
    dialog.title.setText("Heizkessel")
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.value() == "Heizkessel"


def _order(number: str, imported: bool = False) -> OrderSummary:
    return OrderSummary(
        sevdesk_id=number[-4:],
        number=number,
        title="Heizung",
        customer="Maier",
        date="2026-11-20",
        imported=imported,
    )


def test_order_import_space_and_double_click_tick_rows(qtbot, ctx):
    controller = FakeController(ctx)
    dialog = OrderImportDialog(controller)
    qtbot.addWidget(dialog)
    dialog._loaded([_order("AB-1044"), _order("AB-1045"), _order("AB-1001", imported=True)])
    dialog.show()
    assert not dialog.import_button.isEnabled()
    dialog.view.selectRow(0)
    dialog.view.setFocus()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
    assert len(dialog.model.checked_records()) == 1 and dialog.import_button.isEnabled()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # again: unticked
    assert dialog.model.checked_records() == []
    index = dialog.proxy.index(1, 1)
    rect = dialog.view.visualRect(index)
    qtbot.mouseClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dialog.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(dialog.model.checked_records()) == 1
    imported_row = next(
        r for r in range(dialog.proxy.rowCount()) if dialog.proxy.index(r, 0).data() == "AB-1001"
    )
    dialog.view.selectRow(imported_row)
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)  # an imported one cannot be ticked
    assert len(dialog.model.checked_records()) == 1


def test_tab_into_the_order_list_selects_a_row_so_space_ticks_it(qtbot, ctx):
    """The focus frame stood on a row that Space did not tick (nothing was selected)."""
    dialog = OrderImportDialog(FakeController(ctx))
    qtbot.addWidget(dialog)
    dialog._loaded([_order("AB-1044"), _order("AB-1045")])
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    dialog.refresh_button.setFocus()
    dialog.view.setFocus(Qt.FocusReason.TabFocusReason)  # Tab from the button into the list
    assert dialog.view.selectionModel().hasSelection()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Space)
    assert len(dialog.model.checked_records()) == 1


def test_O1_the_order_list_says_how_many_confirmations_could_not_be_read(qtbot, ctx):
    from craftdesk.services.order_list import OrderList

    dialog = OrderImportDialog(FakeController(ctx))
    qtbot.addWidget(dialog)
    listed = OrderList([_order("AB-1044")])
    listed.unreadable = 2
    dialog._loaded(listed)
    assert dialog.status.text() == (
        "1 Auftragsbestätigungen, davon 1 noch nicht importiert. 2 weitere sind in sevDesk "
        "unlesbar und fehlen hier (Einzelheiten im Protokoll)."
    )


def test_saved_customer_hidden_by_the_search_is_shown_and_said(qtbot, customers, monkeypatch):
    customers.search.setText("Autohaus")

    def create(record):
        c = Customer.create(company="Zimmerei Holz", customer_number="L-1")
        return c.id

    monkeypatch.setattr(customers, "open_editor", create)
    customers.create_record()
    selected = customers.selected_record()
    assert selected is not None and selected.name == "Zimmerei Holz"
    assert customers.search.text() == ""
    assert "zurückgesetzt" in customers.reveal_note.text()
    customers.search.setText("Holz")  # typing again: the note goes
    qtbot.keyClicks(customers.search, "x")
    assert customers.reveal_note.text() == ""


def test_settings_users_result_sits_under_its_button(qtbot, ctx):
    from craftdesk.ui.settings_panel import SettingsPanel

    controller = FakeController(ctx)
    controller.can_sync = lambda: True
    controller.connection_state_changed = controller.busy_changed
    panel = SettingsPanel(controller)
    qtbot.addWidget(panel)
    panel.resize(560, panel.sizeHint().height())
    panel.show()
    qtbot.wait(10)
    height = panel.layout().heightForWidth(panel.width())
    panel._fill_users([])
    assert panel.users_message.full_text() == "0 Benutzer geladen."
    form = panel.layout()
    row_users = form.getWidgetPosition(panel.users_message)[0]

    assert row_users < form.getWidgetPosition(panel.autostart)[0]
    qtbot.wait(10)
    assert panel.layout().heightForWidth(panel.width()) == height  # the tab is not pushed down


def test_enter_on_a_row_of_the_projekte_tree_edits_it(qtbot, database, monkeypatch):
    """As in Kunden and Artikel: Enter opens the selected row (Bearbeiten), a project, a job
    or an appointment; the arrows still move and fold."""
    project = projects.create_project("Bad")
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    edited: list[tuple[str, int]] = []
    monkeypatch.setattr(tab, "edit_record", lambda record: edited.append((record.kind, record.id)))
    tab.view.setFocus()
    tab.select("project", project.id)
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)  # its job
    qtbot.keyClick(tab.view, Qt.Key.Key_Enter)
    assert edited == [("project", project.id), ("job", tab.selected_record().id)]
    assert tab.selected_record().kind == "job"


def test_home_and_end_go_to_the_first_and_last_row(qtbot, customers):
    """Qt's table view moved to the first or last column, which whole-row selection does
    not show: the keys seemed to do nothing."""
    customers.view.setFocus()
    customers.view.selectRow(0)
    qtbot.keyClick(customers.view, Qt.Key.Key_End)
    assert customers.view.currentIndex().row() == customers.proxy.rowCount() - 1
    assert customers.selected_record().name == customers.proxy.index(1, 0).data()
    qtbot.keyClick(customers.view, Qt.Key.Key_Home)
    assert customers.view.currentIndex().row() == 0
    assert customers.selected_record().name == customers.proxy.index(0, 0).data()


def test_a_sort_keeps_the_selected_row_in_view(qtbot, database):
    for n in range(300):
        Customer.create(company=f"Firma {n:03d}", customer_number=str(5000 - n))
    tab = CustomersTab(FakeController())
    qtbot.addWidget(tab)
    tab.resize(900, 400)
    tab.show()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 300)
    tab.view.selectRow(3)  # "Firma 003", number 4997: near the end by number
    chosen = tab.selected_record().name
    number = next(
        c
        for c in range(tab.proxy.columnCount())
        if tab.proxy.headerData(c, Qt.Orientation.Horizontal) == "Kundennr."
    )
    tab.view.sortByColumn(number, Qt.SortOrder.AscendingOrder)
    assert tab.selected_record().name == chosen
    assert tab.view.viewport().rect().intersects(tab.view.visualRect(tab.view.currentIndex()))


def test_the_reset_note_goes_with_the_next_save(qtbot, customers, monkeypatch):
    customers.search.setText("Autohaus")
    made = iter(["Zimmerei Holz", "Autohaus Zwei"])
    monkeypatch.setattr(customers, "open_editor", lambda record: Customer.create(company=next(made)).id)
    customers.create_record()  # hidden by the search: cleared, and said
    assert "zurückgesetzt" in customers.reveal_note.text()
    customers.create_record()  # shown as it is: nothing reset, nothing said
    assert customers.reveal_note.text() == ""


def test_a_row_a_search_hid_is_selected_again_when_the_search_is_cleared(qtbot, customers):
    customers.view.selectRow(1)
    chosen = customers.selected_record().name
    customers.search.setText("Autohaus")  # hides it
    assert customers.selected_record() is None and not customers.edit_button.isEnabled()
    customers.search.setText("")
    assert customers.selected_record() is not None and customers.selected_record().name == chosen
    customers.search.setText("Autohaus")
    customers.view.selectRow(0)  # the user chooses another: that one stays
    customers.search.setText("")
    assert customers.selected_record().name == "Autohaus Meier"


def test_after_a_deletion_the_next_row_is_selected(qtbot, customers, monkeypatch):
    def delete(record):
        Customer.delete_by_id(record.id)
        return record.id

    monkeypatch.setattr(customers, "open_editor", delete)
    customers.view.selectRow(0)
    gone = customers.selected_record().name
    customers.edit_selected()
    selected = customers.selected_record()
    assert selected is not None and selected.name != gone
    assert customers.edit_button.isEnabled()


def test_a_dialog_opens_on_its_first_field_and_tab_passes_its_notes(qtbot, customers):
    """The blue note at the top took the keyboard focus; Tab in "Notizen" wrote a tab."""
    from craftdesk.ui.dialogs.project_dialog import ProjectDialog

    project = projects.create_project("Dach", None)
    Project.update(sevdesk_order_id="77", sevdesk_order_number="AB-77").where(
        Project.id == project.id
    ).execute()
    dialog = ProjectDialog(project.id)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    assert QApplication.focusWidget() is dialog.title  # not the note about sevDesk
    dialog.notes.setFocus()
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Tab)
    assert dialog.notes.toPlainText() == "" and QApplication.focusWidget() is not dialog.notes
    new_customer = CustomerDialog(None)
    qtbot.addWidget(new_customer)
    new_customer.show()
    with qtbot.waitActive(new_customer):
        new_customer.activateWindow()
    focused = QApplication.focusWidget()
    assert focused is not None and focused.metaObject().className() != "QLabel"


def _tab_to(qtbot, widget) -> None:
    for _ in range(30):
        if QApplication.focusWidget() is widget:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget!r}")


def test_tab_into_a_list_with_nothing_selected_selects_a_row(qtbot, customers, monkeypatch):
    """The focus frame stood on the first row, but Enter and the buttons had no row."""
    customers.view.clearSelection()
    customers.search.setFocus()
    with qtbot.waitActive(customers):
        customers.activateWindow()
    customers.search.setFocus()
    _tab_to(qtbot, customers.view)
    assert customers.view.selectionModel().selectedRows() and customers.edit_button.isEnabled()

    projects.create_project("Dach", None)
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    with qtbot.waitActive(tab):
        tab.activateWindow()
    tab.search.setFocus()
    assert not tab.view.selectionModel().hasSelection() and not tab.edit_button.isEnabled()
    _tab_to(qtbot, tab.view)
    assert tab.selected_record() is not None and tab.edit_button.isEnabled()
    edited: list[int] = []
    monkeypatch.setattr(tab, "edit_record", lambda record: edited.append(record.id))
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert len(edited) == 1


def test_a_long_name_shows_its_beginning_and_two_delivery_addresses_show(qtbot, database):
    customer = Customer.create(company="Hausverwaltung Grünwald & Söhne Kommanditgesellschaft mbH")
    dialog = CustomerDialog(customer.id)
    qtbot.addWidget(dialog)
    assert dialog.company.cursorPosition() == 0  # not scrolled to "…gesellschaft mbH"
    table = dialog.deliveries.table
    assert table.minimumHeight() >= 2 * table.verticalHeader().defaultSectionSize()
    assert not table.wordWrap()


def test_tab_in_the_projekte_tab_goes_as_the_eye_reads(qtbot, database):
    """Search, the buttons beside it, the filters, the buttons above the list, the list:
    the filters used to come after the list (by the order the widgets were made)."""
    from craftdesk.ui.projects_tab import ProjectsTab

    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    order, widget = [], tab.views.list_button
    for _ in range(30):
        order.append(widget)
        widget = widget.nextInFocusChain()
        while (
            not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
            or not widget.isVisible()
            or not widget.isEnabled()
        ):
            widget = widget.nextInFocusChain()
        if widget is tab.views.list_button:
            break
    bar = tab.filter_bar
    expected = [tab.views.list_button, tab.views.board_button, tab.search, tab.import_button]
    expected += [tab.employees_button, bar.status, bar.employee, bar.use_range, bar.billable, bar.reset]
    expected += [tab.new_project_button, tab.view]
    assert [w for w in order if w in expected] == expected


def test_down_or_enter_in_the_search_goes_to_the_first_match(qtbot, customers, monkeypatch):
    """The keys did nothing in the search field: a keyboard user had to Tab past the filter
    and the buttons to reach the customer just found."""
    opened = []
    monkeypatch.setattr(customers, "open_editor", lambda record: opened.append(record.name) or None)
    with qtbot.waitActive(customers):  # (the focus moves only in the active window)
        customers.activateWindow()
    customers.search.setFocus()
    qtbot.keyClicks(customers.search, "schmidt")
    assert customers.proxy.rowCount() == 1
    qtbot.keyClick(customers.search, Qt.Key.Key_Down)
    assert customers.view.hasFocus()
    assert customers.selected_record().name == "Bäckerei Schmidt"
    qtbot.keyClick(customers.view, Qt.Key.Key_Return)  # and Enter there opens it
    assert opened == ["Bäckerei Schmidt"]


def test_enter_in_the_search_keeps_the_row_that_was_selected(qtbot, customers):
    with qtbot.waitActive(customers):
        customers.activateWindow()
    customers.view.selectRow(1)
    chosen = customers.selected_record().name
    customers.search.setFocus()
    qtbot.keyClick(customers.search, Qt.Key.Key_Return)
    assert customers.view.hasFocus() and customers.selected_record().name == chosen
    customers.search.setFocus()
    qtbot.keyClicks(customers.search, "nobody here")
    qtbot.keyClick(customers.search, Qt.Key.Key_Enter)  # nothing found: the focus stays
    assert customers.search.hasFocus()


def test_down_in_the_project_search_goes_into_the_tree(qtbot, database):
    projects.create_project("Bad Meier")
    wanted = projects.create_project("Dach Schmidt")
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    with qtbot.waitActive(tab):  # (the focus moves only in the active window)
        tab.activateWindow()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() == 2)
    tab.search.setFocus()
    qtbot.keyClicks(tab.search, "dach")
    assert tab.proxy.rowCount() == 1
    qtbot.keyClick(tab.search, Qt.Key.Key_Down)
    assert tab.view.hasFocus()
    record = tab.selected_record()
    assert (record.kind, record.id) == ("project", wanted.id)
