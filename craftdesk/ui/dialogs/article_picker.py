"""Pick an article (search as you type) and a quantity, for the worksheet's used articles."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.local_records import ArticleRow, load_article_rows
from ..table_models import Column, RecordFilterProxy, RecordRole, RecordTableModel
from . import common


class ArticlePickerDialog(QDialog):
    """``chosen`` holds (article row, quantity) after ``exec()`` returned true."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Artikel auswählen"))
        self.resize(640, 420)
        self.chosen: tuple[ArticleRow, Decimal] | None = None

        columns = [
            Column("number", self.tr("Nummer"), lambda r: r.number, width=90),
            Column("name", self.tr("Bezeichnung"), lambda r: r.name, width=280),
            Column("unit", self.tr("Einheit"), lambda r: r.unit, width=70),
            Column("net", self.tr("Netto"), lambda r: r.net_price, kind="money"),
        ]
        self.model = RecordTableModel(columns, parent=self)
        self.model.set_records([r for r in load_article_rows() if r.active])
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.sort(1)

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Nummer oder Bezeichnung …"))
        self.search.textChanged.connect(self._search)
        self.view = common.record_table(self.proxy, columns, self)
        self.view.doubleClicked.connect(self._double_clicked)
        self.quantity = common.DecimalEdit(self)
        self.quantity.setText("1")
        self.quantity.setMaximumWidth(120)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        form = QFormLayout()
        form.addRow(self.tr("Menge:"), self.quantity)
        layout.addLayout(form)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(self.tr("Übernehmen"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.proxy.rowCount():
            self.view.selectRow(0)

    def _search(self, text: str) -> None:
        self.proxy.set_search_text(text)
        if self.proxy.rowCount():
            self.view.selectRow(0)

    def _double_clicked(self, index: QModelIndex) -> None:
        self.view.selectRow(index.row())
        self._accept()

    def _accept(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            common.warn(self, self.windowTitle(), self.tr("Bitte wählen Sie einen Artikel aus."))
            return
        quantity = self.quantity.value()
        if quantity is None or quantity <= 0:
            common.warn(self, self.windowTitle(), self.tr("Bitte geben Sie eine Menge größer als 0 ein."))
            return
        self.chosen = (rows[0].data(RecordRole), quantity)
        self.accept()
