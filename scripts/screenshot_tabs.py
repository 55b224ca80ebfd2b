"""Render the Kunden, Artikel and Projekte tabs and their dialogs into PNG files.

``render_tab_screenshots(window, out_dir)`` is called by ``scripts/screenshots.py`` with
the demo main window; run this file directly to render only these tabs:

    QT_QPA_PLATFORM=offscreen python scripts/screenshot_tabs.py [OUT_DIR]

It fills the demo account's data first (imports customers and articles, imports order
confirmations, finishes and invoices appointments), because empty tables show nothing.
Talking to the demo sevDesk synchronously is fine here: this is a script, not the app.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop
from PySide6.QtWidgets import QApplication, QWidget

WINDOW_SIZE = (1100, 720)  # the main window's default size: clipping shows here first


def _wait(condition: Callable[[], bool], timeout_ms: int = 15000) -> bool:
    """Let queued worker results arrive (only in this script; the app never does this)."""
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    return True


def _settle() -> None:
    for _ in range(5):
        QCoreApplication.processEvents()


def _grab(widget: QWidget, path: Path) -> Path:
    """The widget at the size it opens with (as exec() shows a dialog: a squeezed one shows)."""
    widget.show()
    _settle()
    widget.grab().save(str(path))
    return path


def _fill_demo_data(controller: Any) -> None:
    """Idempotent: customers/articles, three imported orders, employees, one appointment per
    state, a finished appointment with worksheet and one invoiced project."""
    from craftdesk.services import employees, orders, projects
    from craftdesk.services.customers import create_local_customer
    from craftdesk.services.importer import run_import
    from craftdesk.services.invoices import send_invoice
    from craftdesk.store.models import Article, Customer, Project

    client = controller.ctx.client()
    try:
        if not Customer.select().exists():
            run_import(client, what="all")
        if not Customer.select().where(Customer.sevdesk_id.is_null()).exists():
            create_local_customer(
                company="Hausverwaltung Sonnenhof",
                emails=["info@sonnenhof.example"],
                addresses=[{"kind": "postal", "street": "Sonnenhof 3", "zip": "70180", "city": "Stuttgart"}],
            )
        # The demo sevDesk never deletes a customer on its own; flag one to show the state.
        if not Customer.select().where(Customer.deleted_in_sevdesk == True).exists():
            victim = (
                Customer.select()
                .where(Customer.sevdesk_id.is_null(False))
                .order_by(Customer.id.desc())
                .first()
            )
            if victim is not None:
                victim.deleted_in_sevdesk = True
                victim.save()
        if not employees.list_employees():
            employees.employees_from_sevdesk(client)
        if Project.select().count() < 3:
            listed = [o for o in orders.list_importable_orders(client) if not o.imported]
            orders.import_orders(client, [o.sevdesk_id for o in listed[:3]])
        staff = [e.id for e in employees.list_employees()]
        parts = list(Article.select().where(Article.active == True).order_by(Article.id).limit(3))
        all_projects = list(Project.select().order_by(Project.id))
        statuses = ["scheduled", "in_progress", "problem"]
        start = datetime.now().replace(hour=8, minute=0, second=0, microsecond=0)
        for number, project in enumerate(all_projects):
            job = projects.first_job(project)
            appointments = projects.appointments_of(job)
            if len(appointments) >= 2:
                continue
            first = appointments[0]
            projects.edit_appointment(
                first.id, start=start + timedelta(days=number), status=statuses[number % len(statuses)]
            )
            projects.set_appointment_people(first.id, "assignee", staff[:1])
            extra = projects.create_appointment(
                job.id, "Abnahme mit dem Kunden", start=start + timedelta(days=number + 7)
            )
            if number < 2 and parts:
                used = [(parts[0].id, Decimal(4)), (parts[-1].id, Decimal(1))]
                projects.set_appointment_done(extra.id, Decimal("3.5"), used)
            if number == 0:
                send_invoice(client, project.id)
    finally:
        client.close()
    controller.data_changed.emit("all")


def _find(window: QWidget, module: str, name: str) -> Any:
    import importlib

    cls = getattr(importlib.import_module(module), name)
    found = window if isinstance(window, cls) else window.findChild(cls)
    if found is None:
        raise RuntimeError(f"{name} not found in the window")
    return found


def _show_tab(window: QWidget, tab: QWidget) -> None:
    tabs = getattr(window, "tabs", None)
    if tabs is not None:
        tabs.setCurrentWidget(tab)
    window.resize(*WINDOW_SIZE)
    window.show()
    _settle()


def render_tab_screenshots(window: QWidget, out_dir: str | Path) -> list[Path]:
    """Fill demo data, then save PNGs of the three tabs and their dialogs into ``out_dir``."""
    from craftdesk.services import invoices
    from craftdesk.store.models import Appointment, Article, Customer, PlannedMaterial, Project
    from craftdesk.ui.dialogs.appointment_dialog import AppointmentDialog
    from craftdesk.ui.dialogs.article_dialog import ArticleDialog
    from craftdesk.ui.dialogs.customer_dialog import CustomerDialog
    from craftdesk.ui.dialogs.employee_dialog import EmployeeDialog
    from craftdesk.ui.dialogs.invoice_dialog import InvoicePreviewDialog
    from craftdesk.ui.dialogs.order_import_dialog import OrderImportDialog
    from craftdesk.ui.dialogs.project_dialog import ProjectDialog

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # The Kunden and Artikel tabs are built right after the window's first paint.
    window.resize(*WINDOW_SIZE)
    window.show()
    _wait(lambda: not getattr(window, "_deferred", None))
    customers_tab = _find(window, "craftdesk.ui.customers_tab", "CustomersTab")
    articles_tab = _find(window, "craftdesk.ui.articles_tab", "ArticlesTab")
    projects_tab = _find(window, "craftdesk.ui.projects_tab", "ProjectsTab")
    controller = projects_tab.controller
    _wait(lambda: not controller.is_busy())
    _fill_demo_data(controller)
    for tab in (customers_tab, articles_tab, projects_tab):
        tab.reload()
    saved: list[Path] = []

    _show_tab(window, customers_tab)
    saved.append(_grab(window, out / "tab-kunden.png"))
    _show_tab(window, articles_tab)
    articles_tab.inactive_filter.setChecked(True)
    saved.append(_grab(window, out / "tab-artikel.png"))
    articles_tab.inactive_filter.setChecked(False)
    _show_tab(window, projects_tab)
    saved.append(_grab(window, out / "tab-projekte.png"))

    imported = Customer.select().where(Customer.sevdesk_id.is_null(False)).order_by(Customer.id).first()
    dialogs: list[tuple[str, QWidget]] = [
        ("dialog-kunde.png", CustomerDialog(imported.id, window)),
        ("dialog-kunde-neu.png", CustomerDialog(None, window)),
        ("dialog-artikel.png", ArticleDialog(Article.select().order_by(Article.id).first().id, window)),
        ("dialog-projekt.png", ProjectDialog(Project.select().order_by(Project.id).first().id, window)),
        ("dialog-mitarbeiter.png", EmployeeDialog(controller, window)),
    ]
    done = Appointment.select().where(Appointment.status == "done").order_by(Appointment.id.desc()).first()
    if done is not None:
        dialogs.append(("dialog-termin.png", AppointmentDialog(done.id, parent=window)))
    # An imported appointment with planned material, the user just picked "Fertig" (O8).
    planned = (
        Appointment.select()
        .join(PlannedMaterial)
        .where(Appointment.status != "done")
        .order_by(Appointment.id.desc())
        .first()
    )
    if planned is not None:
        finishing = AppointmentDialog(planned.id, parent=window)
        finishing.status.setCurrentIndex(finishing.status.findData("done"))
        dialogs.append(("dialog-termin-fertig.png", finishing))
    for name, dialog in dialogs:
        saved.append(_grab(dialog, out / name))
        dialog.close()

    importer = OrderImportDialog(controller, window)
    _wait(lambda: not importer._busy)
    saved.append(_grab(importer, out / "dialog-auftragsimport.png"))
    importer.close()

    invoiceable = [p for p in Project.select() if _can_invoice(invoices, p.id)]
    if invoiceable:
        preview = InvoicePreviewDialog(invoices.build_preview(invoiceable[0].id), controller, window)
        saved.append(_grab(preview, out / "dialog-rechnung-vorschau.png"))
        preview.confirm()
        _wait(lambda: not preview.sending)
        saved.append(_grab(preview, out / "dialog-rechnung-angelegt.png"))
        preview.close()
    projects_tab.reload()
    _show_tab(window, projects_tab)
    saved.append(_grab(window, out / "tab-projekte-abgerechnet.png"))
    return saved


def _can_invoice(invoices: Any, project_id: int) -> bool:
    from craftdesk.errors import CraftdeskError

    try:
        invoices.build_preview(project_id)
    except CraftdeskError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out_dir = Path(args[0] if args else "screenshots")
    from craftdesk.context import AppContext
    from craftdesk.ui.app import build_shell

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as data:
        shell = build_shell(AppContext(data_dir=data), demo=True, use_tray=False, start_scheduler=False)
        try:
            for path in render_tab_screenshots(shell.window, out_dir):
                print(path)
        finally:
            shell.shutdown()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
