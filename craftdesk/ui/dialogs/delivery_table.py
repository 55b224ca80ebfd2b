"""The delivery addresses of a customer (job sites), editable in the customer dialog — for
local customers too."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...services.local_records import AddressForm


class DeliveryTable(QGroupBox):
    """The customer's delivery addresses, editable in place; empty rows are dropped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("DeliveryTable", "Lieferadressen"), parent)
        self.setObjectName("DeliveryAddresses")
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("DeliveryTable", "Straße"),
                QCoreApplication.translate("DeliveryTable", "PLZ"),
                QCoreApplication.translate("DeliveryTable", "Ort"),
                QCoreApplication.translate("DeliveryTable", "Land"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 70)
        self.table.setColumnWidth(3, 50)
        # Two addresses in view at least (one showed, half scrolled away), up to five.
        rows = self.table.verticalHeader().defaultSectionSize()
        frame = header.sizeHint().height() + 2 * self.table.frameWidth() + 4
        self.table.setWordWrap(False)  # a long street ends in "…", its row keeps its height
        self.table.setMinimumHeight(frame + 2 * rows)
        self.table.setMaximumHeight(frame + 5 * rows)
        self.add_button = QPushButton(
            QCoreApplication.translate("DeliveryTable", "Lieferadresse hinzufügen"), self
        )
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton(QCoreApplication.translate("DeliveryTable", "Entfernen"), self)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)

    def add_row(self, form: AddressForm | None = None) -> int:
        form = form if isinstance(form, AddressForm) else AddressForm()
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate((form.street, form.zip, form.city, form.country or "DE")):
            self.table.setItem(row, column, QTableWidgetItem(value))
        self.table.setCurrentCell(row, 0)
        return row

    def remove_selected(self) -> None:
        rows = sorted(
            {i.row() for i in self.table.selectedIndexes()}
            or ({self.table.currentRow()} if self.table.currentRow() >= 0 else set()),
            reverse=True,
        )
        for row in rows:
            self.table.removeRow(row)

    def set_forms(self, forms: list[AddressForm]) -> None:
        self.table.setRowCount(0)
        for form in forms:
            self.add_row(form)

    def forms(self) -> list[AddressForm]:
        def cell(row: int, column: int) -> str:
            item = self.table.item(row, column)
            return item.text().strip() if item is not None else ""

        result = [
            AddressForm(cell(r, 0), cell(r, 1), cell(r, 2), cell(r, 3).upper() or "DE")
            for r in range(self.table.rowCount())
        ]
        return [f for f in result if not f.empty]
