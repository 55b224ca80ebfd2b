"""Printouts on paper and as PDF (SPEC §11 P6/P7): the job sheet (Arbeitsauftrag), the day
plan of an employee and the work report (Arbeitsbericht) with an optional signature.

Documents are built with ``QTextCursor`` (text inserted as text, never parsed as markup, so
a customer called "<b>" prints as such) and printed with Qt's own PDF writer or printer
support; no browser engine is involved.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextImageFormat,
    QTextLength,
    QTextTableFormat,
)

from ..services.printouts import DayPlan, Line, Sheet
from .board_parts import weekday_name
from .project_tree import status_name
from .style import format_decimal

# QTextDocument.print_ keeps a margin of 2 cm on every side itself; the page has none.
HEADER_BG = QColor("#e8e8e8")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Printout", text)


def _site_text(sheet: Sheet) -> str:
    """The job site; the customer's address when none was given, marked as such."""
    if sheet.site_is_customer_address:
        return f"{sheet.site} {_tr('(Anschrift des Kunden, kein Einsatzort angegeben)')}"
    return sheet.site


class _Writer:
    """A cursor with the few building blocks the printouts need."""

    def __init__(self, title: str) -> None:
        self.doc = QTextDocument()
        font = QFont("DejaVu Sans")
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPointSizeF(10)
        self.doc.setDefaultFont(font)
        self.doc.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, title)
        self.cursor = QTextCursor(self.doc)

    def text(
        self,
        value: str,
        *,
        size: float | None = None,
        bold: bool = False,
        gray: bool = False,
        new_block: bool = True,
        space_before: float = 0,
    ) -> None:
        if new_block and not self.cursor.atStart():
            block = QTextBlockFormat()
            block.setTopMargin(space_before)
            self.cursor.insertBlock(block)
        fmt = QTextCharFormat()
        if size:
            fmt.setFontPointSize(size)
        if bold:
            fmt.setFontWeight(QFont.Weight.Bold)
        if gray:
            fmt.setForeground(QBrush(QColor("#555555")))
        self.cursor.insertText(value, fmt)

    def heading(self, value: str) -> None:
        self.text(value, size=12, bold=True, space_before=12)

    def table(
        self,
        headers: list[str] | None,
        rows: list[list[str]],
        widths: list[float] | None = None,
        row_height: float = 0,
    ) -> None:
        """A bordered table; ``row_height`` (points) makes empty rows to write into."""
        fmt = QTextTableFormat()
        fmt.setBorder(1)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setCellSpacing(0)
        fmt.setCellPadding(4)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        columns = len(headers) if headers else len(rows[0])
        if widths:
            fmt.setColumnWidthConstraints([QTextLength(QTextLength.Type.PercentageLength, w) for w in widths])
        if headers:
            fmt.setHeaderRowCount(1)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        block = QTextBlockFormat()
        block.setTopMargin(4)
        self.cursor.insertBlock(block)
        table = self.cursor.insertTable(len(rows) + (1 if headers else 0), columns, fmt)
        all_rows = ([headers] if headers else []) + rows
        for r, values in enumerate(all_rows):
            for c, value in enumerate(values):
                cell = table.cellAt(r, c)
                cursor = cell.firstCursorPosition()
                char = QTextCharFormat()
                if headers and r == 0:
                    char.setFontWeight(QFont.Weight.Bold)
                    cell_fmt = cell.format()
                    cell_fmt.setBackground(QBrush(HEADER_BG))
                    cell.setFormat(cell_fmt)
                elif row_height and not value:
                    block_fmt = QTextBlockFormat()
                    block_fmt.setLineHeight(row_height, 2)  # FixedHeight
                    cursor.setBlockFormat(block_fmt)
                cursor.insertText(value, char)
        self.cursor.movePosition(QTextCursor.MoveOperation.End)

    def image(self, image: QImage, width: float) -> None:
        self.doc.addResource(QTextDocument.ResourceType.ImageResource, "signature.png", image)
        fmt = QTextImageFormat()
        fmt.setName("signature.png")
        fmt.setWidth(width)
        fmt.setHeight(width * image.height() / max(1, image.width()))
        self.cursor.insertBlock()
        self.cursor.insertImage(fmt)


def _when(start: datetime | None, end: datetime | None) -> str:
    if start is None:
        return _tr("nicht terminiert")
    day = f"{weekday_name(start.date())} {start:%d.%m.%Y}"
    if end is None:
        return f"{day} {start:%H:%M}"
    if end.date() == start.date():
        return f"{day} {start:%H:%M}–{end:%H:%M}"
    return f"{day} {start:%H:%M} – {end:%d.%m.%Y %H:%M}"


def _material(lines: list[Line]) -> list[list[str]]:
    return [[format_decimal(line.quantity), line.unit, line.text, line.number] for line in lines]


def _head(w: _Writer, kind: str, sheet: Sheet) -> None:
    w.text(kind, size=18, bold=True)
    w.text(sheet.title, size=13, bold=True, space_before=4)
    number = sheet.order_number  # not twice: "Auftragsbestätigung AB-1045 (AB-1045)"
    named = bool(number) and re.search(rf"(?<![\w-]){re.escape(number)}(?![\w-])", sheet.project)
    project = sheet.project + (f" ({number})" if number and not named else "")
    w.text(
        _tr("Projekt: %1 · Termin Nr. %2").replace("%1", project).replace("%2", str(sheet.appointment_id)),
        gray=True,
    )
    rows = [
        [
            _tr("Kunde"),
            sheet.customer
            + (f" ({_tr('Kd.-Nr.')} {sheet.customer_number})" if sheet.customer_number else ""),
        ],
        [_tr("Einsatzort"), _site_text(sheet)],
        [_tr("Telefon"), ", ".join(sheet.phones)],
        [_tr("E-Mail"), ", ".join(sheet.emails)],
        [_tr("Termin"), _when(sheet.start, sheet.end)],
        [_tr("Mitarbeiter"), ", ".join(sheet.assignees)],
    ]
    if sheet.observers:
        rows.append([_tr("Informiert"), ", ".join(sheet.observers)])
    w.table(None, rows, [22, 78])


def _material_headers() -> list[str]:
    return [_tr("Menge"), _tr("Einheit"), _tr("Artikel / Leistung"), _tr("Art.-Nr.")]


def _signature_box(w: _Writer) -> None:
    w.heading(_tr("Bestätigung"))
    w.table(
        [_tr("Datum, Ort"), _tr("Unterschrift Kunde"), _tr("Unterschrift Mitarbeiter")],
        [["", "", ""]],
        [25, 40, 35],
        row_height=46,
    )


def job_sheet_document(sheet: Sheet) -> QTextDocument:
    """The job sheet: who, where, when, what is planned, and fields to fill in on site."""
    w = _Writer(_tr("Arbeitsauftrag"))
    _head(w, _tr("Arbeitsauftrag"), sheet)
    w.heading(_tr("Geplantes Material"))
    if sheet.planned:
        w.table(_material_headers(), _material(sheet.planned), [12, 12, 56, 20])
    else:
        w.text(_tr("Kein Material geplant."), gray=True)
    w.heading(_tr("Notizen"))
    w.text(sheet.notes.strip() or "–")
    w.heading(_tr("Arbeitszeit"))
    w.table(
        [_tr("Datum"), _tr("von"), _tr("bis"), _tr("Pause"), _tr("Stunden")],
        [["", "", "", "", ""] for _ in range(3)],
        [24, 19, 19, 19, 19],
        row_height=20,
    )
    w.heading(_tr("Verbrauchtes Material"))
    w.table(_material_headers(), [["", "", "", ""] for _ in range(5)], [12, 12, 56, 20], row_height=20)
    _signature_box(w)
    return w.doc


def work_report_document(sheet: Sheet, signature: QImage | None = None) -> QTextDocument:
    """The work report of a finished appointment, with the customer's signature if drawn."""
    w = _Writer(_tr("Arbeitsbericht"))
    _head(w, _tr("Arbeitsbericht"), sheet)
    w.heading(_tr("Geleistete Arbeit"))
    hours = format_decimal(sheet.hours) if sheet.hours is not None else "–"
    w.table(None, [[_tr("Stunden"), hours], [_tr("Status"), status_name(sheet.status)]], [22, 78])
    w.heading(_tr("Verwendetes Material"))
    if sheet.used:
        w.table(_material_headers(), _material(sheet.used), [12, 12, 56, 20])
    else:
        w.text(_tr("Kein Material verwendet."), gray=True)
    w.heading(_tr("Notizen"))
    w.text(sheet.notes.strip() or "–")
    if signature is not None and not signature.isNull():
        w.heading(_tr("Unterschrift Kunde"))
        w.image(signature, 220)
        w.text(_tr("unterschrieben am %1").replace("%1", f"{datetime.now():%d.%m.%Y %H:%M}"), gray=True)
    else:
        _signature_box(w)
    return w.doc


def day_plan_document(plan: DayPlan) -> QTextDocument:
    """An employee's day: one row per appointment with time, customer, place and material."""
    w = _Writer(_tr("Tagesplan"))
    w.text(_tr("Tagesplan"), size=18, bold=True)
    w.text(
        f"{plan.employee} – {weekday_name(plan.day)} {plan.day:%d.%m.%Y}", size=13, bold=True, space_before=4
    )
    if not plan.sheets:
        w.text(_tr("Keine Termine an diesem Tag."), gray=True, space_before=12)
        return w.doc
    rows = []
    for s in plan.sheets:
        time_text = f"{s.start:%H:%M}–{s.end:%H:%M}" if s.start and s.end else ""
        job = "\n".join(p for p in (s.title, s.customer, ", ".join(s.phones)) if p)
        material = "\n".join(f"{format_decimal(m.quantity)} {m.unit} {m.text}".strip() for m in s.planned)
        notes = s.notes.strip()
        rows.append([time_text, job, _site_text(s), "\n".join(p for p in (material, notes) if p)])
    w.table(
        [_tr("Zeit"), _tr("Termin / Kunde"), _tr("Einsatzort"), _tr("Material / Notizen")],
        rows,
        [16, 32, 23, 29],
    )
    return w.doc


def write_pdf(document: QTextDocument, path: str | Path) -> None:
    """A4 portrait PDF through Qt's own PDF writer."""
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(document.metaInformation(QTextDocument.MetaInformation.DocumentTitle))
    writer.setCreator("craftdesk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    document.print_(writer)  # paginates to the writer's page and scales fonts to its resolution
