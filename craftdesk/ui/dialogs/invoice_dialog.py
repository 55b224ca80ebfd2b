"""The invoice editor (SPEC V1, V4, V5, V6) and the one click that creates the draft in
sevDesk (I5).

The dialog shows the proposal ``services.invoices.build_preview`` computed, with the
office's stored edits. Every line's text, quantity, unit, net price and VAT rate is edited
in place; lines are added (free text or an article), removed and moved; the header (title,
invoice date, service period, intro text) is edited above. Every change is stored with the
project at once (``invoice_edits.save``), so closing the dialog or a crash loses nothing;
"Zurücksetzen" restores the proposal. Lines flagged "Arbeitszeit doppelt?" stay flagged
until one is removed or "Beide berechnen" confirms both (V4). With a line at 0,00 € the
create button is not the default and sending asks once, naming the lines (V5).

Confirming runs ``send_invoice`` on the worker: the stored edits are what is sent, once.
From the first click until the answer the button is disabled and further clicks are
ignored; on success the sevDesk id and a link that opens the draft are shown.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWidget

from ...errors import CraftdeskError
from ...services import e_invoice as e_invoice_rules
from ...services import invoice_edits
from ...services.changes import Change, Scope
from ...services.invoice_checks import DOUBLE_LABOUR, ZERO_PRICE, dates_contradict
from ...services.invoice_preview import InvoiceProposal, ProposalHeader, ProposalLine
from ...services.invoice_proposal import without_vat
from ...services.invoices import InvoiceDraft, invoice_link, pending_draft, send_invoice
from ...sync.contract import SyncControl
from ...sync.messages import localize
from ..qt_dates import to_date
from ..style import format_money, format_percent
from . import common
from .article_picker import ArticlePickerDialog
from .errors import error_text
from .invoice_lines import ProposalLinesModel
from .invoice_view import InvoiceDialogView

InvoicePreview = InvoiceProposal


class InvoicePreviewDialog(InvoiceDialogView):
    def __init__(
        self, preview: InvoiceProposal, controller: SyncControl, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.controller = controller
        self.draft: InvoiceDraft | None = None
        self.sending = False
        self.frozen = preview.pending_draft_id is not None  # a claimed draft is not edited
        self.labour_confirmed: set[int] = set(preview.labour_confirmed)
        # E3: the customer's e-invoice choice; it can be turned off for this draft only.
        self.e_invoice_wanted = preview.e_invoice
        self.e_invoice_enabled = preview.e_invoice
        self.setWindowTitle(self.tr("Rechnungsentwurf – Vorschau und Bearbeitung"))
        self.model = ProposalLinesModel(preview.lines, self)
        self.model.fixed_vat = preview.small_business
        self.model.read_only = self.frozen
        self._build_view(preview, self.model, frozen=self.frozen, e_invoice=preview.e_invoice)
        self._connect()
        self._show_proposal(preview)
        self._fit()

    def _connect(self) -> None:
        self.model.edited.connect(self._store)
        self.header_edit.editingFinished.connect(self._store)
        for edit in (self.invoice_date, self.service_from, self.service_to):
            edit.editingFinished.connect(self._store)
        self.head_text.textChanged.connect(self._head_text_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_text_button.clicked.connect(self.add_text_line)
        self.add_article_button.clicked.connect(self._pick_article)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.both_button.clicked.connect(self.confirm_double_labour)
        self.reset_button.clicked.connect(self.reset)
        self.result_note.linkActivated.connect(self._open_link)
        self.e_invoice_box.toggled.connect(self._e_invoice_toggled)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button.clicked.connect(self.reject)

    # --- showing -----------------------------------------------------------------------------

    def _missing_text(self, missing: tuple[str, ...]) -> str:
        names = {
            e_invoice_rules.MISSING_EMAIL: self.tr("E-Mail-Adresse des Kunden"),
            e_invoice_rules.MISSING_BUYER_REFERENCE: self.tr("Leitweg-ID (Käuferreferenz) der Behörde"),
            e_invoice_rules.MISSING_ADDRESS: self.tr(
                "vollständige Rechnungsadresse (Straße, PLZ, Ort, Land)"
            ),
        }
        return self.tr(
            "Für die E-Rechnung fehlt: %1. Bitte ergänzen oder die E-Rechnung für diesen Entwurf abschalten."
        ).replace("%1", ", ".join(names.get(m, m) for m in missing))

    def _e_invoice_toggled(self, enabled: bool) -> None:
        self.e_invoice_enabled = enabled
        self._show_proposal(self.preview)

    def _show_proposal(self, proposal: InvoiceProposal) -> None:
        """Header, flags, totals and warnings of ``proposal`` (the lines are the model's)."""
        proposal = e_invoice_rules.applied(proposal, self.e_invoice_enabled)
        self.preview = proposal
        self._show_header(proposal.header)
        self.model.set_flags(proposal.flags)
        self._show_totals(proposal)
        self._show_warnings(proposal)
        # V5/V6: a draft with a 0,00 € line, or dated before a day it bills, is never the default.
        zero = bool(proposal.flagged(ZERO_PRICE)) or dates_contradict(proposal)
        blocked = proposal.e_invoice and bool(proposal.missing)
        self.confirm_button.setDefault(not zero and not blocked and not self.sending)
        if self.draft is None and not self.sending:
            self.confirm_button.setEnabled(not blocked)  # E3: blocked until fixed or turned off
            self.confirm_button.setToolTip(
                self.tr("Für die E-Rechnung fehlen noch Angaben (siehe oben).") if blocked else ""
            )
        self._update_buttons()

    def _show_header(self, header: ProposalHeader) -> None:
        for widget, value in ((self.header_edit, header.header),):
            if widget.text() != value:
                widget.setText(value)
        for edit, day in (
            (self.invoice_date, header.invoice_date),
            (self.service_from, header.service_from),
            (self.service_to, header.service_to),
        ):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        if self.head_text.toPlainText().strip() != header.head_text.strip():
            self.head_text.blockSignals(True)
            self.head_text.setPlainText(header.head_text)
            self.head_text.blockSignals(False)

    def _show_totals(self, proposal: InvoiceProposal) -> None:
        self.net_label.setText(format_money(proposal.net))
        rates = proposal.vat_by_rate()
        if proposal.small_business:
            self.vat_title.setText(self.tr("keine USt (§ 19 UStG):"))
        elif rates:
            self.vat_title.setText(
                self.tr("zzgl. USt %1:").replace("%1", " / ".join(format_percent(r) for r in rates))
            )
        else:
            self.vat_title.setText(self.tr("zzgl. USt:"))
        self.vat_label.setText(format_money(proposal.vat))
        self.gross_label.setText(format_money(proposal.gross))
        self.edited_note.setText(
            self.tr(
                "Mit Ihren Änderungen – sie bleiben beim Projekt gespeichert, bis der Entwurf angelegt ist."
            )
            if proposal.edited
            else ""
        )

    def _show_warnings(self, proposal: InvoiceProposal) -> None:
        for label in self.warning_labels:
            self.warning_box.removeWidget(label)
            label.deleteLater()
        self.warning_labels = []
        texts = [localize(t) for t in proposal.warnings if not t.startswith(e_invoice_rules.MISSING_PREFIX)]
        if proposal.e_invoice and proposal.missing:
            texts.insert(0, self._missing_text(proposal.missing))
        for text in texts:
            label = common.banner(text, "warning", self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.warning_box.addWidget(label)
            self.warning_labels.append(label)

    def _update_buttons(self, *_args: object) -> None:
        rows = self.selected_rows()
        editable = not self.frozen and not self.sending and self.draft is None
        for widget in (self.add_text_button, self.add_article_button, self.reset_button, *self.head_fields):
            widget.setEnabled(editable)
        self.remove_button.setEnabled(editable and bool(rows))
        self.up_button.setEnabled(editable and len(rows) == 1 and rows[0] > 0)
        self.down_button.setEnabled(editable and len(rows) == 1 and rows[0] < self.model.rowCount() - 1)
        flagged = bool(self.preview.flagged(DOUBLE_LABOUR))
        self.both_button.setVisible(flagged or bool(self.labour_confirmed))
        self.both_button.setEnabled(editable and flagged)
        self.e_invoice_box.setEnabled(editable)  # a draft sent is an e-invoice or not for good

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def cell(self, row: int, column: int) -> str:
        """The text shown in a cell (for tests and scripts)."""
        return str(self.model.index(row, column).data() or "")

    # --- editing -----------------------------------------------------------------------------

    def _header(self) -> ProposalHeader:
        return ProposalHeader(
            header=" ".join(self.header_edit.text().split()) or self.preview.header.header,
            invoice_date=to_date(self.invoice_date.date()),
            service_from=to_date(self.service_from.date()),
            service_to=to_date(self.service_to.date()),
            head_text=self.head_text.toPlainText().strip(),
        )

    def _head_text_changed(self) -> None:
        if not self.frozen:
            self._store()

    def _store(self) -> None:
        """Store the office's version with the project now (crash-safe) and show the
        checks of what would be sent."""
        if self.frozen or self.draft is not None:
            return
        try:
            proposal = invoice_edits.save(
                self.preview.project_id, self.model.lines, self._header(), sorted(self.labour_confirmed)
            )
        except CraftdeskError as exc:
            self._show(localize(str(exc)), "error")
            return
        self.result_note.setVisible(False)
        self._show_proposal(proposal)

    def add_text_line(self, text: str | None = None) -> None:
        rate = self.preview.hourly_vat_rate
        line = ProposalLine(
            f"added:{uuid.uuid4().hex[:12]}",
            "text",
            text or self.tr("Neue Position"),
            Decimal(1),
            "pauschal",
            Decimal("0.00"),
            rate,
        )
        self._insert(line)

    def add_article_line(self, article_id: int, quantity: Decimal) -> None:
        line = invoice_edits.article_line(article_id, quantity)
        if self.preview.small_business:  # a Kleinunternehmer charges no VAT (shown as sent)
            (line,) = without_vat([line])
        self._insert(line)

    def _insert(self, line: ProposalLine) -> None:
        rows = self.selected_rows()
        row = rows[-1] + 1 if rows else self.model.rowCount()
        self.model.insert(row, line)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _pick_article(self) -> None:
        picker = ArticlePickerDialog(self)
        chosen = picker.chosen if picker.exec() else None
        picker.deleteLater()  # (it holds every article; the parent would keep it till it closes)
        if chosen is not None:
            record, quantity = chosen
            self.add_article_line(int(record.id), quantity)

    def remove_selected(self) -> None:
        self.model.remove(self.selected_rows())

    def move_selected(self, step: int) -> None:
        rows = self.selected_rows()
        if len(rows) == 1:
            self.table.selectRow(self.model.move(rows[0], step))

    def confirm_double_labour(self) -> None:
        """ "Beide berechnen": both labour charges are wanted (V4)."""
        self.labour_confirmed |= {
            line.appointment_id
            for line in self.preview.flagged(DOUBLE_LABOUR)
            if line.appointment_id is not None
        }
        self._store()

    def reset(self) -> None:
        """ "Zurücksetzen": forget the stored edits and show the proposal again."""
        if self.frozen:
            return
        if invoice_edits.has_edits(self.preview.project_id) and not common.confirm(
            self,
            self.windowTitle(),
            self.tr("Alle Änderungen an Kopf und Positionen verwerfen und den Vorschlag wiederherstellen?"),
            yes=self.tr("Verwerfen"),
        ):
            return
        try:
            invoice_edits.reset(self.preview.project_id)
            proposal = invoice_edits.current_proposal(self.preview.project_id)
        except CraftdeskError as exc:
            self._show(localize(str(exc)), "error")
            return
        self.labour_confirmed = set(proposal.labour_confirmed)
        self.model.set_lines(list(proposal.lines), proposal.flags)
        self._show_proposal(proposal)

    # --- sending -----------------------------------------------------------------------------

    def _questions(self) -> str:
        parts = []
        zero = self.preview.flagged(ZERO_PRICE)
        if zero:
            parts.append(
                self.tr("Diese Positionen stehen auf 0,00 €: %1.").replace(
                    "%1", ", ".join(f"„{line.text}“" for line in zero)
                )
            )
        if self.preview.flagged(DOUBLE_LABOUR):
            parts.append(self.tr("Die Arbeitszeit ist möglicherweise doppelt berechnet."))
        return " ".join(parts)

    def confirm(self) -> None:
        """Create the draft — at most once: ignored while sending and after success. With a
        line at 0,00 € (or unresolved double labour) it asks once first (V5)."""
        if self.sending or self.draft is not None:
            return
        question = self._questions()
        if question and not common.confirm(
            self,
            self.windowTitle(),
            question + " " + self.tr("Trotzdem den Rechnungsentwurf anlegen?"),
            yes=self.tr("Anlegen"),
        ):
            return
        self.sending = True
        self.confirm_button.setEnabled(False)
        self.confirm_button.setText(self.tr("Wird angelegt …"))
        self.cancel_button.setEnabled(False)
        self.model.read_only = True
        self._update_buttons()
        self._show(self.tr("Der Rechnungsentwurf wird in sevDesk angelegt …"), "info")
        project_id = self.preview.project_id
        e_invoice = self.e_invoice_enabled
        started = self.controller.run_task(
            self.tr("Rechnungsentwurf anlegen"),
            lambda client: send_invoice(client, project_id, e_invoice=e_invoice),
            on_success=self._sent,
            on_failure=self._failed,
            # the project and its customer (which may get linked, I3): those rows only (T6)
            changes=Change.of(
                Scope.PROJECTS | Scope.CUSTOMERS,
                customers={self.preview.customer_id},
                projects={project_id},
            ),
        )
        if not started:
            self._ready_again(self.tr("Rechnungsentwurf anlegen"))
            self._show(
                self.tr("Gerade läuft ein Abgleich mit sevDesk. Bitte gleich noch einmal versuchen."),
                "warning",
            )

    def _sent(self, draft: InvoiceDraft) -> None:
        self.sending = False
        self.draft = draft
        link = invoice_link(draft.sevdesk_id or "", self._api_url())
        self._show(
            self.tr(
                'Der Rechnungsentwurf wurde in sevDesk angelegt (ID %1). <a href="%2">In sevDesk öffnen</a>'
            )
            .replace("%1", str(draft.sevdesk_id))
            .replace("%2", link),
            "success",
        )
        self.confirm_button.setVisible(False)
        self.cancel_button.setEnabled(True)
        self._update_buttons()

    def _failed(self, error: Exception) -> None:
        # Retrying is safe: the service looks the draft's reference up before resending (I5).
        # An unfinished draft keeps what it was claimed with; after a refusal (nothing in
        # sevDesk) the office may edit again.
        self.frozen = pending_draft(self.preview.project_id) is not None
        self.model.read_only = self.frozen
        self._ready_again(self.tr("Erneut versuchen"))
        self._show(error_text(error), "error")

    def _ready_again(self, text: str) -> None:
        self.sending = False
        self.confirm_button.setEnabled(True)
        self.confirm_button.setText(text)
        self.cancel_button.setEnabled(True)
        self._update_buttons()

    def reject(self) -> None:
        if self.sending:
            return  # stay open until sevDesk answered, so the user sees the outcome
        super().reject()

    def _show(self, text: str, kind: str) -> None:
        # Only our own success note carries a link; an error is sevDesk's text (H5).
        self.result_note.setTextFormat(
            Qt.TextFormat.RichText if kind == "success" else Qt.TextFormat.PlainText
        )
        self.result_note.setText(text)
        common.keyboard_links(self.result_note, kind == "success")
        self.result_note.setStyleSheet(common.BANNER_STYLES[kind])
        self.result_note.setVisible(True)

    def _open_link(self, url: str) -> None:
        common.open_link(url)

    def link(self) -> str | None:
        return invoice_link(self.draft.sevdesk_id or "", self._api_url()) if self.draft is not None else None

    def _api_url(self) -> str | None:
        return self.controller.ctx.api_url


__all__ = ["InvoicePreview", "InvoicePreviewDialog"]
