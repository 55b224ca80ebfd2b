"""The whole way of a new user, through the widgets only, against the demo sevDesk:
save the token → customers and articles appear → import one order confirmation → finish
its appointment with hours and a used article → double-click the project → preview →
"Rechnungsentwurf anlegen" → the draft's id in the tree; sevDesk got exactly one draft.

Modal dialogs (``exec()``) are operated from a timer while they are open, as a user would.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from craftdesk.context import AppContext
from craftdesk.credentials import TokenStore
from craftdesk.sandbox import DEMO_TOKEN
from craftdesk.store.models import InvoiceDraft, SyncRun
from craftdesk.sync.controller import SyncController
from craftdesk.ui.dialogs.appointment_dialog import AppointmentDialog
from craftdesk.ui.dialogs.article_picker import ArticlePickerDialog
from craftdesk.ui.dialogs.invoice_dialog import InvoicePreviewDialog
from craftdesk.ui.dialogs.order_import_dialog import OrderImportDialog
from craftdesk.ui.main_window import MainWindow
from craftdesk.ui.project_tree import COLUMNS
from craftdesk.ui.table_models import RecordRole

SAVE = "/Invoice/Factory/saveInvoice"
ORDER = "AB-1042"
ORDER_TITLE = "Heizungswartung Baustelle Vaihingen"
TIMEOUT = 20000


class ModalDriver:
    """Runs ``action(dialog)`` as soon as a modal dialog of ``cls`` is open. A failing action
    closes the dialog (so ``exec()`` returns) and is re-raised by :meth:`check`."""

    def __init__(self) -> None:
        self.errors: list[BaseException] = []
        self.handled: list[QDialog] = []

    def when_open(self, cls: type[QDialog], action: Callable[[QDialog], None], tries: int = 200) -> None:
        def poll() -> None:
            dialog = QApplication.activeModalWidget()
            if not isinstance(dialog, cls):
                if tries > 0:
                    self.when_open(cls, action, tries - 1)
                else:
                    self.errors.append(AssertionError(f"{cls.__name__} never opened"))
                return
            self.handled.append(dialog)
            try:
                action(dialog)
            except BaseException as exc:  # re-raised by check()
                self.errors.append(exc)
                dialog.done(QDialog.DialogCode.Rejected)

        QTimer.singleShot(25, poll)

    def check(self, cls: type[QDialog]) -> None:
        """Re-raise a failed action; fail when no dialog of ``cls`` was operated at all."""
        if self.errors:
            raise self.errors[0]
        assert any(isinstance(d, cls) for d in self.handled), f"{cls.__name__} was not operated"


@pytest.fixture
def app_window(qtbot, data_dir, sandbox, database):
    ctx = AppContext(data_dir=data_dir, api_url=sandbox.url, tokens=TokenStore(), db_open=True)
    controller = SyncController(ctx, client_options={"backoff_base": 0.01, "backoff_max": 0.05})
    window = MainWindow(controller)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    qtbot.waitExposed(window)
    yield window
    controller.shutdown()


def _double_click(qtbot, view, index: QModelIndex) -> None:
    view.scrollTo(index)
    center = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=center)


def _tree_row(projects_tab, kind: str, title: str) -> QModelIndex:
    for index in projects_tab._walk():
        record = index.data(RecordRole)
        # Project rows show the confirmation number first ("AB-1042 · title").
        text = index.data().split(" · ", 1)[-1] if kind == "project" else index.data()
        if record is not None and record.kind == kind and text.startswith(title):
            return index
    raise AssertionError(f"no {kind} row {title!r}")


def test_new_user_connects_imports_finishes_and_invoices(qtbot, app_window, sandbox, memory_keyring):
    window, driver = app_window, ModalDriver()
    controller = window.controller
    interfaces = window.interfaces_tab
    assert window.tabs.currentIndex() == 0  # not connected: the window opens on Schnittstellen

    # 1. Schnittstellen: paste the token, "Speichern"; customers, then articles, are imported.
    qtbot.keyClicks(interfaces.token_edit, DEMO_TOKEN)
    qtbot.mouseClick(interfaces.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: SyncRun.select().where(SyncRun.kind == "articles", SyncRun.status == "ok").exists(),
        timeout=TIMEOUT,
    )
    qtbot.waitUntil(lambda: not controller.is_busy(), timeout=TIMEOUT)
    assert controller.connection_state() == "connected"
    assert "Verbunden als" in interfaces.status.text()
    assert interfaces.history.rowCount() == 2
    # S5: the hourly rate for the invoice, typed like a user does.
    rate = interfaces.settings_panel.hourly_rate
    rate.selectAll()
    qtbot.keyClicks(rate, "58,00")
    qtbot.keyClick(rate, Qt.Key.Key_Return)

    # 2. Kunden and Artikel show what came from sevDesk.
    customers, articles, projects = window.tab(1), window.tab(2), window.tab(3)
    window.tabs.setCurrentIndex(1)
    assert customers.proxy.rowCount() > 10 and not customers.empty_hint.isVisible()
    names = {customers.proxy.index(r, 0).data() for r in range(customers.proxy.rowCount())}
    assert "Müller Haustechnik GmbH" in names
    window.tabs.setCurrentIndex(2)
    assert articles.proxy.rowCount() > 10 and not articles.empty_hint.isVisible()

    # 3. Projekte → "Aus sevDesk importieren" → tick one confirmation → "Importieren".
    window.tabs.setCurrentIndex(3)
    assert projects.empty_hint.isVisible() and projects.import_button.isEnabled()

    def import_one(dialog: OrderImportDialog) -> None:
        qtbot.waitUntil(lambda: not dialog._busy and dialog.proxy.rowCount() > 0, timeout=TIMEOUT)
        numbers = [dialog.proxy.index(r, 0).data() for r in range(dialog.proxy.rowCount())]
        cell = dialog.proxy.index(numbers.index(ORDER), 0)
        assert dialog.proxy.setData(cell, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(dialog.results), timeout=TIMEOUT)
        assert "1 importiert" in dialog.status.text()
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    driver.when_open(OrderImportDialog, import_one)
    qtbot.mouseClick(projects.import_button, Qt.MouseButton.LeftButton)
    driver.check(OrderImportDialog)
    project_row = _tree_row(projects, "project", ORDER_TITLE)
    assert not projects.empty_hint.isVisible()
    assert project_row.data().startswith(f"{ORDER} · ")  # the number is never cut off

    # 4. Double-click the appointment → "Fertig", hours, one used article → "Speichern".
    def finish(dialog: AppointmentDialog) -> None:
        dialog.status.setCurrentIndex(dialog.status.findData("done"))
        assert dialog.done_hint.isVisible()  # asks for hours and articles (O8)
        qtbot.keyClicks(dialog.hours, "3,5")

        def pick(picker: ArticlePickerDialog) -> None:
            qtbot.keyClicks(picker.search, "A-1001")
            picker.quantity.setText("")
            qtbot.keyClicks(picker.quantity, "2")
            qtbot.mouseClick(picker.ok_button, Qt.MouseButton.LeftButton)

        driver.when_open(ArticlePickerDialog, pick)
        qtbot.mouseClick(dialog.add_article, Qt.MouseButton.LeftButton)
        assert dialog.used.rowCount() == 1 and dialog.used.item(0, 0).text() == "A-1001"
        assert dialog.used.item(0, 2).text() == "2"
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    appointment_row = _tree_row(projects, "appointment", ORDER_TITLE)
    driver.when_open(AppointmentDialog, finish)
    _double_click(qtbot, projects.view, appointment_row)
    driver.check(ArticlePickerDialog)
    assert len([d for d in driver.handled if isinstance(d, AppointmentDialog)]) == 1
    appointment_row = _tree_row(projects, "appointment", ORDER_TITLE)
    assert appointment_row.siblingAtColumn(COLUMNS.index("status")).data() == "Fertig"
    assert appointment_row.siblingAtColumn(COLUMNS.index("hours")).data() == "3,5"
    project_row = _tree_row(projects, "project", ORDER_TITLE)
    assert "abrechenbar" in project_row.siblingAtColumn(COLUMNS.index("status")).data()

    # 5. Double-click the project → preview → "Rechnungsentwurf anlegen" → id and link.
    sandbox.clear_requests()
    drafts: list[str] = []

    def create_draft(dialog: InvoicePreviewDialog) -> None:
        texts = [
            [dialog.cell(r, c) for c in range(dialog.model.columnCount())]
            for r in range(dialog.model.rowCount())
        ]
        assert texts[0][1] == ORDER_TITLE
        assert texts[1][2:5] == ["3,5", "Std", "58,00 €"]  # hours at the hourly rate
        assert texts[2][2] == "2" and texts[2][1].startswith("Heizkörperventil")
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)  # impatient second click
        qtbot.waitUntil(lambda: dialog.draft is not None, timeout=TIMEOUT)
        drafts.append(str(dialog.draft.sevdesk_id))
        assert f"ID {dialog.draft.sevdesk_id}" in dialog.result_note.text()
        assert "In sevDesk öffnen" in dialog.result_note.text()
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)  # now "Schließen"

    driver.when_open(InvoicePreviewDialog, create_draft)
    _double_click(qtbot, projects.view, project_row)
    driver.check(InvoicePreviewDialog)
    assert len(drafts) == 1

    project_row = _tree_row(projects, "project", ORDER_TITLE)
    assert project_row.siblingAtColumn(COLUMNS.index("invoice")).data() == f"Entwurf {drafts[0]}"
    assert "abrechenbar" not in project_row.siblingAtColumn(COLUMNS.index("status")).data()
    projects.select("project", project_row.data(RecordRole).id)
    assert not projects.invoice_button.isEnabled()  # nothing left to invoice
    saves = [r for r in sandbox.requests if r.method == "POST" and r.path == SAVE]
    assert len(saves) == 1
    assert [d.sevdesk_id for d in InvoiceDraft.select()] == [drafts[0]]
