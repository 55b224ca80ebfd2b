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
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...errors import CraftdeskError
from ...services import e_invoice as e_invoice_rules
from ...services import invoice_edits
from ...services.changes import Scope
from ...services.invoice_checks import DOUBLE_LABOUR, ZERO_PRICE
from ...services.invoice_preview import InvoiceProposal, ProposalHeader, ProposalLine
from ...services.invoices import InvoiceDraft, invoice_link, pending_draft, send_invoice
from ...sync.messages import localize
from ..style import format_money, format_percent
from . import common
from .article_picker import ArticlePickerDialog
from .errors import error_text
from .invoice_lines import COLUMNS, ProposalLinesModel

InvoicePreview = InvoiceProposal


class InvoicePreviewDialog(QDialog):
    def __init__(self, preview: InvoiceProposal, controller: Any, parent: QWidget | None = None) -> None:
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

        layout = QVBoxLayout(self)
        layout.addWidget(self._build_head())
        self.model = ProposalLinesModel(preview.lines, self)
        self.model.read_only = self.frozen
        self.model.edited.connect(self._store)
        layout.addLayout(self._build_table(), 1)
        layout.addLayout(self._build_totals())
        self.warning_box = QVBoxLayout()
        layout.addLayout(self.warning_box)
        self.warning_labels: list[QLabel] = []
        self.result = common.banner("", "info", self)
        self.result.setVisible(False)
        self.result.setTextFormat(Qt.TextFormat.RichText)
        self.result.linkActivated.connect(self._open_link)
        layout.addWidget(self.result)
        layout.addLayout(self._build_buttons())
        self._show_proposal(preview)
        self._fit()

    # --- building ----------------------------------------------------------------------------

    def _build_head(self) -> QGroupBox:
        box = QGroupBox(self.tr("Rechnungskopf"), self)
        grid = QGridLayout(box)
        address = self.preview.address
        place = " ".join(p for p in (address.zip, address.city) if p)
        who = QLabel(" · ".join(p for p in (self.preview.customer_name, address.street, place) if p), self)
        who.setTextFormat(Qt.TextFormat.PlainText)
        who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header_edit = QLineEdit(self)
        self.invoice_date = self._date_edit()
        self.service_from = self._date_edit()
        self.service_to = self._date_edit()
        self.head_text = QPlainTextEdit(self)
        self.head_text.setFixedHeight(84)
        self.head_text.setTabChangesFocus(True)
        left = QFormLayout()
        left.addRow(self.tr("Kunde:"), who)
        left.addRow(self.tr("Titel:"), self.header_edit)
        dates = QHBoxLayout()
        dates.addWidget(self.invoice_date)
        dates.addSpacing(12)
        dates.addWidget(QLabel(self.tr("Leistung vom"), self))
        dates.addWidget(self.service_from)
        dates.addWidget(QLabel(self.tr("bis"), self))
        dates.addWidget(self.service_to)
        dates.addStretch(1)
        left.addRow(self.tr("Rechnungsdatum:"), dates)
        grid.addLayout(left, 0, 0)
        text_box = QFormLayout()
        text_box.addRow(self.tr("Einleitung:"), self.head_text)
        grid.addLayout(text_box, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        for widget in (
            self.header_edit,
            self.invoice_date,
            self.service_from,
            self.service_to,
            self.head_text,
        ):
            widget.setEnabled(not self.frozen)
        self.header_edit.editingFinished.connect(self._store)
        for edit in (self.invoice_date, self.service_from, self.service_to):
            edit.editingFinished.connect(self._store)
        self.head_text.textChanged.connect(self._head_text_changed)
        return box

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _build_table(self) -> QHBoxLayout:
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMNS.index("text"), QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 7)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.add_text_button = QPushButton(self.tr("Freitext hinzufügen"), self)
        self.add_text_button.clicked.connect(self.add_text_line)
        self.add_article_button = QPushButton(self.tr("Artikel hinzufügen …"), self)
        self.add_article_button.clicked.connect(self._pick_article)
        self.remove_button = QPushButton(self.tr("Entfernen"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button = QPushButton(self.tr("Nach oben"), self)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton(self.tr("Nach unten"), self)
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.both_button = QPushButton(self.tr("Beide berechnen"), self)
        self.both_button.setToolTip(
            self.tr("Die Arbeitszeit des Termins und die Positionen in Stunden sind beide gewollt.")
        )
        self.both_button.clicked.connect(self.confirm_double_labour)
        self.reset_button = QPushButton(self.tr("Zurücksetzen"), self)
        self.reset_button.setToolTip(self.tr("Alle Änderungen verwerfen und den Vorschlag wiederherstellen"))
        self.reset_button.clicked.connect(self.reset)
        side = QVBoxLayout()
        for button in (
            self.add_text_button,
            self.add_article_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.both_button,
            self.reset_button,
        ):
            button.setAutoDefault(False)  # Enter never triggers an editing action
        for button in (
            self.add_text_button,
            self.add_article_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.both_button,
        ):
            side.addWidget(button)
        side.addStretch(1)
        side.addWidget(self.reset_button)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        return row

    def _build_totals(self) -> QHBoxLayout:
        self.totals = QFormLayout()
        self.totals.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.net_label = self._amount()
        self.vat_label = self._amount()
        self.gross_label = self._amount()
        font = self.gross_label.font()
        font.setBold(True)
        self.gross_label.setFont(font)
        self.vat_title = QLabel(self.tr("zzgl. USt:"), self)
        self.totals.addRow(self.tr("Summe netto:"), self.net_label)
        self.totals.addRow(self.vat_title, self.vat_label)
        self.totals.addRow(self.tr("Gesamt brutto:"), self.gross_label)
        self.edited_note = QLabel(self)
        self.edited_note.setStyleSheet("color:#555;")
        row = QHBoxLayout()
        row.addWidget(self.edited_note, 1, Qt.AlignmentFlag.AlignTop)
        row.addLayout(self.totals)
        return row

    def _build_buttons(self) -> QHBoxLayout:
        self.e_invoice_box = QCheckBox(self.tr("Als E-Rechnung anlegen (XRechnung/ZUGFeRD)"), self)
        self.e_invoice_box.setObjectName("EInvoiceDraft")
        self.e_invoice_box.setToolTip(
            self.tr("Der Kunde erhält E-Rechnungen. Abschalten gilt nur für diesen Entwurf.")
        )
        self.e_invoice_box.setChecked(self.e_invoice_enabled)
        self.e_invoice_box.setVisible(self.e_invoice_wanted)
        self.e_invoice_box.setEnabled(not self.frozen)
        self.e_invoice_box.toggled.connect(self._e_invoice_toggled)
        self.confirm_button = QPushButton(self.tr("Rechnungsentwurf anlegen"), self)
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm)
        self.cancel_button = QPushButton(self.tr("Schließen"), self)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.e_invoice_box)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.cancel_button)
        return buttons

    def _amount(self) -> QLabel:
        label = QLabel(self)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setMinimumWidth(110)
        return label

    def _fit(self) -> None:
        hint = self.sizeHint().expandedTo(self.minimumSizeHint())
        hint.setWidth(max(hint.width(), 980))
        hint.setHeight(max(hint.height(), 600))
        screen = self.screen()
        if screen is not None:
            hint = hint.boundedTo(screen.availableGeometry().size() * 0.95)
        self.resize(hint)

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
        header = proposal.header
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
        self.model.set_flags(proposal.flags)
        self.net_label.setText(format_money(proposal.net))
        rates = proposal.vat_by_rate()
        self.vat_title.setText(
            self.tr("zzgl. USt %1:").replace("%1", " / ".join(format_percent(r) for r in rates))
            if rates
            else self.tr("zzgl. USt:")
        )
        self.vat_label.setText(format_money(proposal.vat))
        self.gross_label.setText(format_money(proposal.gross))
        self.edited_note.setText(
            self.tr(
                "Mit Ihren Änderungen – sie bleiben beim Projekt gespeichert, bis der Entwurf angelegt ist."
            )
            if proposal.edited
            else ""
        )
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
        # V5: a draft with a 0,00 € line is never the default action.
        zero = bool(proposal.flagged(ZERO_PRICE))
        blocked = proposal.e_invoice and bool(proposal.missing)
        self.confirm_button.setDefault(not zero and not blocked and not self.sending)
        if self.draft is None and not self.sending:
            self.confirm_button.setEnabled(not blocked)  # E3: blocked until fixed or turned off
            self.confirm_button.setToolTip(
                self.tr("Für die E-Rechnung fehlen noch Angaben (siehe oben).") if blocked else ""
            )
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        rows = self.selected_rows()
        editable = not self.frozen and not self.sending and self.draft is None
        for button in (self.add_text_button, self.add_article_button, self.reset_button):
            button.setEnabled(editable)
        self.remove_button.setEnabled(editable and bool(rows))
        self.up_button.setEnabled(editable and len(rows) == 1 and rows[0] > 0)
        self.down_button.setEnabled(editable and len(rows) == 1 and rows[0] < self.model.rowCount() - 1)
        flagged = bool(self.preview.flagged(DOUBLE_LABOUR))
        self.both_button.setVisible(flagged or bool(self.labour_confirmed))
        self.both_button.setEnabled(editable and flagged)

    def selected_rows(self) -> list[int]:
        return sorted({index.row() for index in self.table.selectionModel().selectedRows()})

    def cell(self, row: int, column: int) -> str:
        """The text shown in a cell (for tests and scripts)."""
        return str(self.model.index(row, column).data() or "")

    # --- editing -----------------------------------------------------------------------------

    def _header(self) -> ProposalHeader:
        return ProposalHeader(
            header=" ".join(self.header_edit.text().split()) or self.preview.header.header,
            invoice_date=self.invoice_date.date().toPython(),
            service_from=self.service_from.date().toPython(),
            service_to=self.service_to.date().toPython(),
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
        self.result.setVisible(False)
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
        self._insert(invoice_edits.article_line(article_id, quantity))

    def _insert(self, line: ProposalLine) -> None:
        rows = self.selected_rows()
        row = rows[-1] + 1 if rows else self.model.rowCount()
        self.model.insert(row, line)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))

    def _pick_article(self) -> None:
        picker = ArticlePickerDialog(self)
        if picker.exec() and picker.chosen is not None:
            record, quantity = picker.chosen
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
            changes=Scope.PROJECTS | Scope.CUSTOMERS,
        )  # a local customer may get linked (I3)
        if not started:
            self._ready_again(self.tr("Rechnungsentwurf anlegen"))
            self._show(
                self.tr("Gerade läuft ein Abgleich mit sevDesk. Bitte gleich noch einmal versuchen."),
                "warning",
            )

    def _sent(self, draft: InvoiceDraft) -> None:
        self.sending = False
        self.draft = draft
        link = invoice_link(draft.sevdesk_id, self._api_url())
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
        self.result.setTextFormat(Qt.TextFormat.RichText if kind == "success" else Qt.TextFormat.PlainText)
        self.result.setText(text)
        self.result.setStyleSheet(common.BANNER_STYLES[kind])
        self.result.setVisible(True)

    def _open_link(self, url: str) -> None:
        common.open_link(url)

    def link(self) -> str | None:
        return invoice_link(self.draft.sevdesk_id, self._api_url()) if self.draft is not None else None

    def _api_url(self) -> str | None:
        return self.controller.ctx.api_url


__all__ = ["InvoicePreview", "InvoicePreviewDialog"]
