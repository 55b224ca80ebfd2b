"""An address as the customer dialog edits it: street, ZIP + city, country (ISO code)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QWidget

from ...services.local_records import AddressForm


class AddressBox(QGroupBox):
    """Street, ZIP + city, country."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.street = QLineEdit(self)
        self.zip = QLineEdit(self)
        self.zip.setMaximumWidth(80)
        self.city = QLineEdit(self)
        self.country = QLineEdit(self)
        self.country.setMaxLength(2)
        self.country.setMaximumWidth(50)
        self.country.setToolTip(self.tr("Ländercode, z. B. DE, AT, CH"))
        place = QHBoxLayout()
        place.addWidget(self.zip)
        place.addWidget(self.city, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("Straße:"), self.street)
        form.addRow(self.tr("PLZ / Ort:"), place)
        form.addRow(self.tr("Land:"), self.country)

    def set_form(self, address: AddressForm) -> None:
        self.street.setText(address.street)
        self.zip.setText(address.zip)
        self.city.setText(address.city)
        self.country.setText(address.country or "DE")

    def form(self) -> AddressForm:
        return AddressForm(self.street.text(), self.zip.text(), self.city.text(), self.country.text() or "DE")
