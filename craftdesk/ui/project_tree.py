"""The item model of the Projekte tree, built from the service's project → job →
appointment nodes (``services.project_rows``).

Every item of a row carries a :class:`TreeRecord` under ``RecordRole`` so actions find the
record through the role — also behind the search proxy — never by row number.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QHeaderView, QStyle, QTreeView

from ..services.invoice_status import InvoiceSummary, is_archivable
from ..services.project_forms import STATUS_CODES
from ..services.project_rows import AppointmentNode, ProjectNode
from ..services.search import haystack
from ..sync.messages import localize
from .column_fit import ColumnFit
from .item_pins import pins_of
from .project_filter import FilterRole, RowFacts, SortRole, facts_key, sort_text
from .style import STATUS_COLORS, format_datetime, format_decimal, format_money
from .table_models import RecordRole, SearchRole

LINK_COLOR = QColor("#1a5fb4")


def status_name(code: str) -> str:
    """German (translatable) name of an appointment status code."""
    names = {
        "unscheduled": QCoreApplication.translate("Status", "Nicht terminiert"),
        "scheduled": QCoreApplication.translate("Status", "Terminiert"),
        "in_progress": QCoreApplication.translate("Status", "In Bearbeitung"),
        "problem": QCoreApplication.translate("Status", "Problem"),
        "done": QCoreApplication.translate("Status", "Fertig"),
        "archived": QCoreApplication.translate("Status", "Archiv"),
    }
    return names.get(code, code)


@dataclass(frozen=True)
class TreeRecord:
    """What a tree row stands for: kind ``project`` | ``job`` | ``appointment`` and its id."""

    kind: str
    id: int
    project_id: int
    job_id: int | None = None
    invoice_id: str | None = None  # sevDesk id of the (latest) draft shown in the row
    invoiceable: bool = False  # the project has a finished appointment not yet invoiced (I1)
    archivable: bool = False  # all invoices of the project are paid (V8)


COLUMNS = ("title", "customer", "status", "start", "hours", "invoice")
_HOURS = COLUMNS.index("hours")
STATUS_ORDER = {code: n for n, code in enumerate(STATUS_CODES)}


def column_titles() -> list[str]:
    return [
        QCoreApplication.translate("ProjectTree", "Titel"),
        QCoreApplication.translate("ProjectTree", "Kunde"),
        QCoreApplication.translate("ProjectTree", "Status"),
        QCoreApplication.translate("ProjectTree", "Beginn"),
        QCoreApplication.translate("ProjectTree", "Stunden"),
        QCoreApplication.translate("ProjectTree", "Rechnung (sevDesk)"),
    ]


def _sum_hours(appointments: list[AppointmentNode]) -> Decimal | None:
    hours = [a.hours for a in appointments if a.hours is not None]
    return sum(hours, Decimal(0)) if hours else None


def _project_status(node: ProjectNode) -> str:
    appointments = node.appointments()
    if not appointments:
        return QCoreApplication.translate("ProjectTree", "keine Termine")
    done = sum(1 for a in appointments if a.status in ("done", "archived"))
    text = QCoreApplication.translate("ProjectTree", "%1 von %2 fertig")
    text = text.replace("%1", str(done)).replace("%2", str(len(appointments)))
    if _invoiceable(node):
        text += QCoreApplication.translate("ProjectTree", " – abrechenbar")
    return text


def _invoiceable(node: ProjectNode) -> bool:
    return any(a.status == "done" and not a.invoice_id for a in node.appointments())


def widest_texts() -> dict[str, str]:
    """The longest texts the status and invoice columns show (in bold on project rows), so
    the tab can size those columns to fit in every language instead of clipping them."""
    status = QCoreApplication.translate("ProjectTree", "%1 von %2 fertig").replace("%1", "10").replace(
        "%2", "10"
    ) + QCoreApplication.translate("ProjectTree", " – abrechenbar")
    samples = [
        InvoiceSummary(0, "000000000", None, code, None, None)
        for code in ("draft", "partially_paid", "cancelled")
    ]
    invoice = max((_invoice_text(s) for s in samples), key=len)
    return {"status": status, "invoice": invoice}


HOURS_SAMPLE = "1.000,5"  # the widest hours a project plausibly sums up
TITLE_MIN_WIDTH = 280  # narrower windows take it from the other columns (ui.column_fit)
CUSTOMER_LEAST = 120  # "Hausverwaltung Gr…": still recognisable


def column_widths(font: QFont, hours_header: int = 0) -> dict[str, int]:
    """Widths of every column but the title: status, start, hours and invoice as wide as their
    longest text needs in the current language (bold, as on project rows)."""
    bold = QFont(font)
    bold.setBold(True)
    wide, plain = QFontMetrics(bold), QFontMetrics(font)
    padding = 24  # cell margins and the status colour's frame
    texts = widest_texts()
    return {
        "customer": 190,
        "status": max(150, wide.horizontalAdvance(texts["status"]) + padding),
        "start": max(110, plain.horizontalAdvance("00.00.0000 00:00") + padding),
        "hours": max(60, wide.horizontalAdvance(HOURS_SAMPLE) + padding, hours_header),
        "invoice": max(130, wide.horizontalAdvance(texts["invoice"]) + padding),
    }


def size_columns(view: QTreeView) -> ColumnFit:
    """The title takes the width the other columns leave (see :func:`column_widths`); in a
    narrow window (1024 px) they give some of theirs up, date and hours excepted, so that
    titles stay readable, the status last."""
    header = view.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(COLUMNS.index("title"), QHeaderView.ResizeMode.Stretch)
    widths = column_widths(view.font(), header.sectionSizeHint(COLUMNS.index("hours")))
    fixed = {COLUMNS.index(key): width for key, width in widths.items()}
    for column, width in fixed.items():
        view.setColumnWidth(column, width)
    whole = (COLUMNS.index("start"), COLUMNS.index("hours"))
    # The status says whether a project can be invoiced ("– abrechenbar" at its end): it is
    # cut last; a customer's name keeps enough to be recognised.
    last = (COLUMNS.index("status"),)
    return ColumnFit(view, fixed, TITLE_MIN_WIDTH, whole, last, {COLUMNS.index("customer"): CUSTOMER_LEAST})


_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # (an enum "|" is slow)


@functools.cache
def _bold_font() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _row(
    record: TreeRecord,
    texts: list[str],
    bold: bool = False,
    keys: dict[str, object] | None = None,
    search: Iterable[str] = (),
    above: str = "",
    pins: list[QStandardItem] | None = None,
) -> list[QStandardItem]:
    """One row; ``keys`` are sort values per column where the text does not sort right
    (dates, hours, status order); ``above``: the search text of the rows above it;
    ``pins`` holds the items made (see :mod:`~craftdesk.ui.item_pins`)."""
    items = []
    keys = keys or {}
    font = _bold_font() if bold else None
    # (not setEditable: the view edits nothing, and 90,000 calls cost 0.1 s at 3,000 projects)
    for col, text in enumerate(texts):
        item = QStandardItem(text)
        item.setData(record, RecordRole)
        item.setData(sort_text(keys.get(COLUMNS[col], text)), SortRole)
        if col == _HOURS:
            item.setTextAlignment(_RIGHT)
        if font is not None:
            item.setFont(font)
        items.append(item)
    if pins is not None:
        pins.extend(items)
    text = haystack(search)  # the row's data, not its decoration
    items[0].setData("\n".join(t for t in (text, above) if t), SearchRole)
    invoice = items[COLUMNS.index("invoice")]
    if record.invoice_id:
        invoice.setForeground(QBrush(LINK_COLOR))
        font = invoice.font()
        font.setUnderline(True)
        invoice.setFont(font)
        invoice.setToolTip(
            QCoreApplication.translate("ProjectTree", "Klicken, um den Rechnungsentwurf in sevDesk zu öffnen")
        )
    return items


def _first_start(appointments: list[AppointmentNode]) -> datetime | None:
    starts = [a.start for a in appointments if isinstance(a.start, datetime)]
    return min(starts) if starts else None


def _keys(start: datetime | None, hours: Decimal | None) -> dict[str, object]:
    """Sort keys: no date sorts as the latest (unplanned work on top when newest first),
    hours as zero-padded numbers."""
    return {
        "start": start if start is not None else "~",  # "~" sorts after every date
        "hours": f"{hours:020.4f}" if hours is not None else "",
    }


def status_label(code: str) -> str:
    """German (translatable) name of an invoice's payment status (V8)."""
    names = {
        "draft": QCoreApplication.translate("ProjectTree", "Entwurf"),
        "open": QCoreApplication.translate("ProjectTree", "offen"),
        "partially_paid": QCoreApplication.translate("ProjectTree", "teilweise bezahlt"),
        "paid": QCoreApplication.translate("ProjectTree", "bezahlt"),
        "cancelled": QCoreApplication.translate("ProjectTree", "storniert"),
    }
    return names.get(code, code)


def _invoice_text(invoice: InvoiceSummary) -> str:
    """ "Entwurf 135582101" while a draft, then the payment status ("offen", "teilweise
    bezahlt", "bezahlt", "storniert"); number, gross sum and paid amount are in the
    tooltip, so the column fits the default window in both languages."""
    if invoice.status == "draft":
        return f"{status_label('draft')} {invoice.sevdesk_id}"
    return status_label(invoice.status)


def _invoice_tooltip(invoices: list[InvoiceSummary]) -> str:
    lines = []
    for invoice in invoices:
        line = (
            QCoreApplication.translate("ProjectTree", "%1: %2, brutto %3, bezahlt %4")
            .replace("%1", invoice.number or invoice.sevdesk_id)
            .replace("%2", status_label(invoice.status))
            .replace("%3", format_money(invoice.sum_gross) if invoice.sum_gross is not None else "–")
            .replace("%4", format_money(invoice.paid_amount or 0))
        )
        lines.append(line)
    return "\n".join(lines)


def _with_tooltip(cell: QStandardItem, text: str) -> None:
    cell.setToolTip("\n".join(t for t in (text, cell.toolTip()) if t))


def _draft_text(ids: list[str]) -> str:
    if not ids:
        return ""
    return QCoreApplication.translate("ProjectTree", "Entwurf %1").replace("%1", ", ".join(ids))


def build_model(nodes: list[ProjectNode], model: QStandardItemModel) -> None:
    """Fill ``model`` (emptied first) with the project → job → appointment rows.

    Only the rows are removed, not the columns, so the view keeps its column widths.
    """
    model.removeRows(0, model.rowCount())
    if model.columnCount() != len(COLUMNS):
        model.setHorizontalHeaderLabels(column_titles())
    pins = pins_of(model)
    for project in nodes:
        model.appendRow(project_rows(project, pins))


def project_rows(project: ProjectNode, pins: list[QStandardItem] | None = None) -> list[QStandardItem]:
    """The row of one project, its jobs and their appointments beneath it; ``pins``
    holds every item made, for the model that takes them (:mod:`~craftdesk.ui.item_pins`)."""
    invoiceable = _invoiceable(project)
    record = TreeRecord(
        "project",
        project.id,
        project.id,
        invoice_id=project.invoice_ids[-1] if project.invoice_ids else None,
        invoiceable=invoiceable,
        archivable=is_archivable(project.invoices),
    )
    hours = _sum_hours(project.appointments())
    first = _first_start(project.appointments())
    # The confirmation's number first: a narrow column cuts the end of the title, never
    # the number; the title sorts by itself.
    title = f"{project.order_number} · {project.title}" if project.order_number else project.title
    # What names the project is searched in its jobs' and appointments' rows too: a search
    # for a project shows its work, and "AB-1042 Fliesen" finds that project's appointment.
    named = haystack((project.title, project.order_number or "", project.customer))
    project_row = _row(
        record,
        [
            title,
            project.customer,
            _project_status(project),
            format_datetime(first),
            format_decimal(hours),
            ", ".join(_invoice_text(i) for i in project.invoices) or _draft_text(project.invoice_ids),
        ],
        bold=True,
        keys={**_keys(first, hours), "title": project.title},
        search=project.invoice_ids,
        above=named,
        pins=pins,
    )
    if project.invoices:
        _with_tooltip(project_row[COLUMNS.index("invoice")], _invoice_tooltip(project.invoices))
    if project.site_note:  # O5 fell back: a warning sign and the sentence on the title
        project_row[0].setIcon(QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
        project_row[0].setToolTip(localize(project.site_note))
    by_sevdesk_id = {i.sevdesk_id: i for i in project.invoices}
    for job in project.jobs:
        job_record = TreeRecord("job", job.id, project.id, job.id, invoiceable=invoiceable)
        job_hours = _sum_hours(job.appointments)
        job_row = _row(
            job_record,
            [job.title, "", "", "", format_decimal(job_hours), ""],
            keys=_keys(_first_start(job.appointments), job_hours),
            search=(job.title,),
            above=named,
            pins=pins,
        )
        job_named = job_row[0].data(SearchRole)
        for appointment in job.appointments:
            summary = by_sevdesk_id.get(appointment.invoice_id or "")
            job_row[0].appendRow(_appointment_row(appointment, job_record, summary, job_named, pins))
        project_row[0].appendRow(job_row)
    return project_row


def _appointment_row(
    a: AppointmentNode,
    job: TreeRecord,
    summary: InvoiceSummary | None,
    above: str,
    pins: list[QStandardItem] | None,
) -> list[QStandardItem]:
    record = TreeRecord(
        "appointment", a.id, job.project_id, job.id, a.invoice_id, invoiceable=job.invoiceable
    )
    row = _row(
        record,
        [
            a.title,
            a.customer,
            status_name(a.status),
            format_datetime(a.start),
            format_decimal(a.hours),
            _invoice_text(summary) if summary else _draft_text([a.invoice_id] if a.invoice_id else []),
        ],
        keys={**_keys(a.start, a.hours), "status": STATUS_ORDER.get(a.status, 99)},
        search=(
            a.title,
            a.customer,
            status_name(a.status),
            format_datetime(a.start),
            a.invoice_id or "",
        ),
        above=above,
        pins=pins,
    )
    if summary is not None:
        _with_tooltip(row[COLUMNS.index("invoice")], _invoice_tooltip([summary]))
    row[0].setData(facts_key(RowFacts(a.status, a.invoiced, a.assignee_ids, a.start, a.end)), FilterRole)
    color = STATUS_COLORS.get(a.status)
    if color is not None:
        row[COLUMNS.index("status")].setBackground(QBrush(color))
    return row
