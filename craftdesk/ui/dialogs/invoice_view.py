"""The widgets of the invoice editor (SPEC V1, V4, V5, V6): the invoice head, the line table
with its editing buttons, the totals, the warnings, the result line and the buttons.

Only the layout lives here; ``invoice_dialog.InvoicePreviewDialog`` fills the widgets and
connects them to what they do. The texts belong to the dialog's translation context
(named explicitly, as uic-generated code does).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeyEvent
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
)

from ...services.invoice_preview import InvoiceProposal
from . import common
from .invoice_lines import COLUMNS, ProposalLinesModel


class LinesTable(QTableView):
    """The line table: Enter edits the current cell (as in a spreadsheet) instead of
    pressing the dialog's default button, which would create the draft in sevDesk; Tab
    leaves the table for the buttons instead of walking its cells."""

    def __init__(self, parent: QDialog) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier  # the number pad's Enter too
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain:
            index = self.currentIndex()
            if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                self.edit(index)
            event.accept()
            return
        super().keyPressEvent(event)


class InvoiceDialogView(QDialog):
    """Builds the editor's widgets in the order the user reads them (the tab order)."""

    def _build_view(
        self, preview: InvoiceProposal, model: ProposalLinesModel, *, frozen: bool, e_invoice: bool
    ) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_head(preview, frozen))
        layout.addLayout(self._build_table(model), 1)
        layout.addLayout(self._build_totals())
        self.warning_box = QVBoxLayout()
        layout.addLayout(self.warning_box)
        self.warning_labels: list[QLabel] = []
        # Named result_note, not result: QDialog.result() is the dialog's exit code.
        self.result_note = common.banner("", "info", self)
        self.result_note.setVisible(False)
        self.result_note.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.result_note)
        layout.addLayout(self._build_buttons(e_invoice, frozen))

    def _build_head(self, preview: InvoiceProposal, frozen: bool) -> QGroupBox:
        box = QGroupBox(QCoreApplication.translate("InvoicePreviewDialog", "Rechnungskopf"), self)
        grid = QGridLayout(box)
        address = preview.address
        place = " ".join(p for p in (address.zip, address.city) if p)
        who = QLabel(" · ".join(p for p in (preview.customer_name, address.street, place) if p), self)
        who.setTextFormat(Qt.TextFormat.PlainText)
        who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header_edit = QLineEdit(self)
        self.invoice_date = self._date_edit()
        self.service_from = self._date_edit()
        self.service_to = self._date_edit()
        self.head_text = QPlainTextEdit(self)
        self.head_text.setFixedHeight(84)
        self.head_text.setMinimumWidth(200)  # narrower, its words broke in the middle
        self.head_text.setTabChangesFocus(True)
        left = QFormLayout()
        left.addRow(QCoreApplication.translate("InvoicePreviewDialog", "Kunde:"), who)
        left.addRow(QCoreApplication.translate("InvoicePreviewDialog", "Titel:"), self.header_edit)
        dates = QHBoxLayout()
        dates.addWidget(self.invoice_date)
        dates.addSpacing(12)
        dates.addWidget(QLabel(QCoreApplication.translate("InvoicePreviewDialog", "Leistung vom"), self))
        dates.addWidget(self.service_from)
        dates.addWidget(QLabel(QCoreApplication.translate("InvoicePreviewDialog", "bis"), self))
        dates.addWidget(self.service_to)
        dates.addStretch(1)
        left.addRow(QCoreApplication.translate("InvoicePreviewDialog", "Rechnungsdatum:"), dates)
        grid.addLayout(left, 0, 0)
        text_box = QFormLayout()
        text_box.addRow(QCoreApplication.translate("InvoicePreviewDialog", "Einleitung:"), self.head_text)
        grid.addLayout(text_box, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        # Greyed while the draft is claimed, being sent or made: it no longer changes.
        self.head_fields = (
            self.header_edit,
            self.invoice_date,
            self.service_from,
            self.service_to,
            self.head_text,
        )
        for widget in self.head_fields:
            widget.setEnabled(not frozen)
        return box

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setDisplayFormat("dd.MM.yyyy")
        edit.setCalendarPopup(True)
        return edit

    def _build_table(self, model: ProposalLinesModel) -> QHBoxLayout:
        self.table = LinesTable(self)
        self.table.setModel(model)
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

        side = self._build_side_buttons()
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        return row

    def _build_side_buttons(self) -> QVBoxLayout:
        """Add, remove, move and confirm lines beside the table; "Zurücksetzen" at the bottom."""
        self.add_text_button = QPushButton(
            QCoreApplication.translate("InvoicePreviewDialog", "Freitext hinzufügen"), self
        )
        self.add_article_button = QPushButton(
            QCoreApplication.translate("InvoicePreviewDialog", "Artikel hinzufügen …"), self
        )
        self.remove_button = QPushButton(
            QCoreApplication.translate("InvoicePreviewDialog", "Entfernen"), self
        )
        self.up_button = QPushButton(QCoreApplication.translate("InvoicePreviewDialog", "Nach oben"), self)
        self.down_button = QPushButton(QCoreApplication.translate("InvoicePreviewDialog", "Nach unten"), self)
        self.both_button = QPushButton(
            QCoreApplication.translate("InvoicePreviewDialog", "Beide berechnen"), self
        )
        self.both_button.setToolTip(
            QCoreApplication.translate(
                "InvoicePreviewDialog",
                "Die Arbeitszeit des Termins und die Positionen in Stunden sind beide gewollt.",
            )
        )
        self.reset_button = QPushButton(
            QCoreApplication.translate("InvoicePreviewDialog", "Zurücksetzen"), self
        )
        self.reset_button.setToolTip(
            QCoreApplication.translate(
                "InvoicePreviewDialog", "Alle Änderungen verwerfen und den Vorschlag wiederherstellen"
            )
        )
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
        return side

    def _build_totals(self) -> QHBoxLayout:
        self.totals = QFormLayout()
        self.totals.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.net_label = self._amount()
        self.vat_label = self._amount()
        self.gross_label = self._amount()
        font = self.gross_label.font()
        font.setBold(True)
        self.gross_label.setFont(font)
        self.vat_title = QLabel(QCoreApplication.translate("InvoicePreviewDialog", "zzgl. USt:"), self)
        self.totals.addRow(QCoreApplication.translate("InvoicePreviewDialog", "Summe netto:"), self.net_label)
        self.totals.addRow(self.vat_title, self.vat_label)
        self.totals.addRow(
            QCoreApplication.translate("InvoicePreviewDialog", "Gesamt brutto:"), self.gross_label
        )
        self.edited_note = QLabel(self)
        self.edited_note.setStyleSheet("color:#555;")
        row = QHBoxLayout()
        row.addWidget(self.edited_note, 1, Qt.AlignmentFlag.AlignTop)
        row.addLayout(self.totals)
        return row

    def _build_buttons(self, e_invoice: bool, frozen: bool) -> QHBoxLayout:
        self.e_invoice_box = QCheckBox(
            QCoreApplication.translate("InvoicePreviewDialog", "Als E-Rechnung anlegen (XRechnung/ZUGFeRD)"),
            self,
        )
        self.e_invoice_box.setObjectName("EInvoiceDraft")
        self.e_invoice_box.setToolTip(
            QCoreApplication.translate(
                "InvoicePreviewDialog",
                "Der Kunde erhält E-Rechnungen. Abschalten gilt nur für diesen Entwurf.",
            )
        )
        self.e_invoice_box.setChecked(e_invoice)
        self.e_invoice_box.setVisible(e_invoice)
        self.e_invoice_box.setEnabled(not frozen)
        self.confirm_button = QPushButton(
            QCoreApplication.translate("InvoicePreviewDialog", "Rechnungsentwurf anlegen"), self
        )
        self.confirm_button.setAutoDefault(False)
        self.cancel_button = QPushButton(
            QCoreApplication.translate("InvoicePreviewDialog", "Schließen"), self
        )
        self.cancel_button.setAutoDefault(False)
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
        hint.setWidth(max(hint.width(), 1100))  # room for the positions; the screen bounds it
        hint.setHeight(max(hint.height(), 600))
        screen = self.screen()
        if screen is not None:
            hint = hint.boundedTo(screen.availableGeometry().size() * 0.95)
        self.resize(hint)
