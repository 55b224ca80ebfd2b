"""Invoice preview (I1/I2) and the one click that creates the draft in sevDesk (I5).

The dialog shows the positions ``services.invoices.build_preview`` computed; confirming
runs ``send_invoice`` on the worker. From the first click until the answer the button is
disabled and further clicks are ignored, so a double click can never send twice (the
service's reference look-up protects retries beyond that). On success it shows the
sevDesk id and a link that opens the draft in sevDesk.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.invoices import InvoicePreview, invoice_link, send_invoice
from ...store.models import InvoiceDraft
from ...sync.messages import localize
from ..style import format_decimal, format_money, format_percent
from . import common
from .errors import error_text


class InvoicePreviewDialog(QDialog):
    def __init__(self, preview: InvoicePreview, controller: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.controller = controller
        self.draft: InvoiceDraft | None = None
        self.sending = False
        self.setWindowTitle(self.tr("Rechnungsentwurf – Vorschau"))
        self.resize(900, 560)

        address = preview.address
        place = " ".join(p for p in (address.zip, address.city) if p)
        head = QFormLayout()
        for label, value in ((self.tr("Projekt:"), preview.project_title),
                             (self.tr("Kunde:"), preview.customer_name),
                             (self.tr("Rechnungsadresse:"),
                              ", ".join(p for p in (address.name, address.street, place) if p))):
            text = QLabel(value, self)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            head.addRow(label, text)

        headers = [self.tr("Pos."), self.tr("Bezeichnung"), self.tr("Menge"), self.tr("Einheit"),
                   self.tr("Einzelpreis netto"), self.tr("USt %"), self.tr("Gesamt netto")]
        self.table = QTableWidget(len(preview.lines), len(headers), self)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, line in enumerate(preview.lines):
            name = f"{line.text} – {line.detail}" if line.detail else line.text
            cells = [(str(row + 1), right), (name, None), (format_decimal(line.quantity), right),
                     (line.unit, None), (format_money(line.price), right),
                     (format_percent(line.vat_rate), right), (format_money(line.net), right)]
            for col, (text, align) in enumerate(cells):
                item = QTableWidgetItem(text)
                if align is not None:
                    item.setTextAlignment(align)
                if line.kind == "title" and col == 1:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for col in (0, 2, 4, 5, 6):
            self.table.horizontalHeaderItem(col).setTextAlignment(right)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        totals = QFormLayout()
        totals.setLabelAlignment(right)
        self.net_label = self._amount(preview.net)
        totals.addRow(self.tr("Summe netto:"), self.net_label)
        for rate, amount in preview.vat_by_rate().items():
            totals.addRow(self.tr("zzgl. USt %1:").replace("%1", format_percent(rate)),
                          self._amount(amount))
        self.gross_label = self._amount(preview.gross)
        font = self.gross_label.font()
        font.setBold(True)
        self.gross_label.setFont(font)
        totals.addRow(self.tr("Gesamt brutto:"), self.gross_label)
        totals_row = QHBoxLayout()
        totals_row.addStretch(1)
        totals_row.addLayout(totals)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.table, 1)
        layout.addLayout(totals_row)
        self.warning_labels = [common.banner(localize(text), "warning", self)
                               for text in preview.warnings]
        for label in self.warning_labels:
            layout.addWidget(label)
        self.result = common.banner("", "info", self)
        self.result.setVisible(False)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.linkActivated.connect(self._open_link)
        layout.addWidget(self.result)

        self.confirm_button = QPushButton(self.tr("Rechnungsentwurf anlegen"), self)
        self.confirm_button.setDefault(True)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = QPushButton(self.tr("Abbrechen"), self)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

    def _amount(self, value: object) -> QLabel:
        label = QLabel(format_money(value), self)  # type: ignore[arg-type]
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setMinimumWidth(110)
        return label

    def confirm(self) -> None:
        """Create the draft — at most once: ignored while sending and after success."""
        if self.sending or self.draft is not None:
            return
        self.sending = True
        self.confirm_button.setEnabled(False)
        self.confirm_button.setText(self.tr("Wird angelegt …"))
        self.cancel_button.setEnabled(False)
        self._show(self.tr("Der Rechnungsentwurf wird in sevDesk angelegt …"), "info")
        project_id = self.preview.project_id
        started = self.controller.run_task(
            self.tr("Rechnungsentwurf anlegen"), lambda client: send_invoice(client, project_id),
            on_success=self._sent, on_failure=self._failed, changes="projects")
        if not started:
            self._ready_again(self.tr("Rechnungsentwurf anlegen"))
            self._show(self.tr("Gerade läuft ein Abgleich mit sevDesk. Bitte gleich noch einmal "
                               "versuchen."), "warning")

    def _sent(self, draft: InvoiceDraft) -> None:
        self.sending = False
        self.draft = draft
        link = invoice_link(draft.sevdesk_id, self._api_url())
        self._show(self.tr("Der Rechnungsentwurf wurde in sevDesk angelegt (ID %1). "
                           "<a href=\"%2\">In sevDesk öffnen</a>")
                   .replace("%1", str(draft.sevdesk_id)).replace("%2", link), "success")
        self.confirm_button.setVisible(False)
        self.cancel_button.setText(self.tr("Schließen"))
        self.cancel_button.setEnabled(True)
        self.cancel_button.clicked.disconnect()
        self.cancel_button.clicked.connect(self.accept)

    def _failed(self, error: Exception) -> None:
        # Retrying is safe: the service looks the draft's reference up before resending (I5).
        self._ready_again(self.tr("Erneut versuchen"))
        self._show(error_text(error), "error")

    def _ready_again(self, text: str) -> None:
        self.sending = False
        self.confirm_button.setEnabled(True)
        self.confirm_button.setText(text)
        self.cancel_button.setEnabled(True)

    def reject(self) -> None:
        if self.sending:
            return  # stay open until sevDesk answered, so the user sees the outcome
        super().reject()

    def _show(self, text: str, kind: str) -> None:
        self.result.setText(text)
        self.result.setStyleSheet(common.BANNER_STYLES[kind])
        self.result.setVisible(True)

    def _open_link(self, url: str) -> None:
        common.open_link(url)

    def link(self) -> str | None:
        return invoice_link(self.draft.sevdesk_id, self._api_url()) if self.draft is not None else None

    def _api_url(self) -> str | None:
        return getattr(getattr(self.controller, "ctx", None), "api_url", None)
