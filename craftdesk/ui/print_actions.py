"""What the print and calendar buttons do (SPEC §11 P6–P8): ask where the output goes (PDF
file or printer), build the document from the printout services and write it. Every
function takes an optional ``path`` so tests and scripts skip the file dialogs."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QCoreApplication, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..errors import CraftdeskError
from ..services import printouts
from ..sync.messages import localize
from .dialogs import common
from .dialogs.signature_dialog import SignatureDialog
from .plain import plain


def _printing() -> ModuleType:
    """The document builders, imported when first used: the main window (which shows the
    print buttons) paints without loading them (first paint at 50,000 customers)."""
    from . import printing

    return printing


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintActions", text)


def _documents_dir() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


# Characters Windows and macOS refuse in a file name, and blanks (easier to pass on).
_NOT_IN_NAME = re.compile(r'[\\/:*?"<>|\s]+')
_NAME_LENGTH = 60


def name_part(text: str) -> str:
    """A person's name as part of a proposed file name ("Max Müller" → "Max_Müller"): a
    name like "A/B" must not turn into a folder or be refused by the file dialog; control
    and invisible format characters (a right-to-left override) are dropped, and a long
    name is cut so the whole file name stays far below the systems' limits."""
    visible = "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf"))
    return _NOT_IN_NAME.sub("_", visible).strip("._")[:_NAME_LENGTH].rstrip("._") or "_"


def _ask_file(parent: QWidget | None, title: str, name: str, pattern: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(_documents_dir()) / name), pattern)
    return path or None


def output(parent: QWidget | None, document: QTextDocument, name: str, path: str | None = None) -> str | None:
    """Save ``document`` as PDF (asking where unless ``path`` is given) or print it."""
    asked = path is None
    if path is None:
        box = QMessageBox(parent)
        box.setWindowTitle(_tr("Ausgabe"))
        box.setText(_tr("Als PDF speichern oder drucken?"))
        pdf = box.addButton(_tr("Als PDF speichern …"), QMessageBox.ButtonRole.AcceptRole)
        printer = box.addButton(_tr("Drucken …"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is printer:
            _print(parent, document)
            return None
        if box.clickedButton() is not pdf:
            return None
        path = _ask_file(parent, _tr("Als PDF speichern"), name, "PDF (*.pdf)")
        if path is None:
            return None
    try:
        _printing().write_pdf(document, path)
    except OSError as exc:
        common.warn(parent, "craftdesk", str(exc))
        return None
    if not _written(path):  # Qt's PDF writer says nothing when it cannot open the file
        common.warn(
            parent, "craftdesk", _tr("Die PDF-Datei „%1“ ließ sich nicht schreiben.").replace("%1", path)
        )
        return None
    if asked:
        _saved(parent, path)
    return path


def _written(path: str) -> bool:
    try:
        return Path(path).stat().st_size > 0
    except OSError:
        return False


def _saved(parent: QWidget | None, path: str) -> None:
    """Say where the PDF went, and offer to open it (nothing was said before)."""
    box = QMessageBox(
        QMessageBox.Icon.Information, "craftdesk", _tr("Als PDF gespeichert: %1").replace("%1", path)
    )
    plain(box)
    show = box.addButton(_tr("Öffnen"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if box.clickedButton() is show:
        QDesktopServices.openUrl(QUrl.fromLocalFile(path))


def _print(parent: QWidget | None, document: QTextDocument) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec():
        document.print_(printer)


def _failed(parent: QWidget | None, exc: CraftdeskError) -> None:
    common.inform(parent, "craftdesk", localize(str(exc)))


def job_sheet(parent: QWidget | None, appointment_id: int, path: str | None = None) -> str | None:
    try:
        sheet = printouts.job_sheet(appointment_id)
    except CraftdeskError as exc:
        _failed(parent, exc)
        return None
    return output(
        parent,
        _printing().job_sheet_document(sheet),
        _tr("Arbeitsauftrag-%1.pdf").replace("%1", str(appointment_id)),
        path,
    )


def work_report(
    parent: QWidget | None, appointment_id: int, path: str | None = None, ask_signature: bool = True
) -> str | None:
    try:
        sheet = printouts.work_report(appointment_id)
    except CraftdeskError as exc:
        _failed(parent, exc)
        return None
    signature = None
    if ask_signature:
        dialog = SignatureDialog(sheet.title, parent)
        if not dialog.exec():
            return None
        signature = dialog.signature()
    return output(
        parent,
        _printing().work_report_document(sheet, signature),
        _tr("Arbeitsbericht-%1.pdf").replace("%1", str(appointment_id)),
        path,
    )


def day_plan(parent: QWidget | None, employee_id: int, day: date, path: str | None = None) -> str | None:
    try:
        plan = printouts.day_plan(employee_id, day)
    except CraftdeskError as exc:
        _failed(parent, exc)
        return None
    name = (
        _tr("Tagesplan-%1-%2.pdf")
        .replace("%2", f"{day:%Y-%m-%d}")  # first: a name may hold "%2" ("Team%2"), a date no "%1"
        .replace("%1", employee_part(employee_id, plan.employee))
    )
    return output(parent, _printing().day_plan_document(plan), name, path)


def calendar(
    parent: QWidget | None, employee_id: int | None, first: date, path: str | None = None
) -> int | None:
    """Export the appointments from ``first`` on as an .ics file (P8, as the CLI does)."""
    if path is None:
        path = _ask_file(
            parent, _tr("Kalender exportieren"), _calendar_file(employee_id), "iCalendar (*.ics)"
        )
        if path is None:
            return None
    try:
        from ..services import calendar_export  # icalendar: imported when first used

        return calendar_export.write_calendar(path, employee_id, calendar_export.Range(first, None))
    except (CraftdeskError, OSError) as exc:
        common.warn(parent, "craftdesk", localize(str(exc)))
        return None


def _calendar_file(employee_id: int | None) -> str:
    """The proposed file name: one per employee, so their files do not overwrite each other."""
    from ..services.employees import get_employee

    try:
        employee = get_employee(employee_id) if employee_id is not None else None
    except CraftdeskError:  # removed meanwhile: the export then says so
        employee = None
    stem = _tr("craftdesk-termine")
    return f"{stem}-{employee_part(employee.id, employee.name)}.ics" if employee else f"{stem}.ics"


def employee_part(employee_id: int, name: str) -> str:
    """An employee in a proposed file name (:func:`name_part`); with the number too when
    another employee's name gives the same part (two "Max Maurer" would overwrite each
    other's files; letter case counts as the same, as on Windows and macOS)."""
    from ..services.employees import list_employees

    part = name_part(name)
    same = part.casefold()
    if any(e.id != employee_id and name_part(e.name).casefold() == same for e in list_employees()):
        return f"{part}-{employee_id}"
    return part
