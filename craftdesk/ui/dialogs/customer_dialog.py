"""Detail/edit dialog of one customer; also creates local customers (C7).

Imported customers can be edited, but the dialog says plainly that the next import from
sevDesk overwrites such changes (C5). Customers deleted in sevDesk show that state and
can be deleted here by hand (C6).
"""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.customers import next_local_customer_number
from ...services.local_records import (
    CustomerForm,
    EditConflict,
    RecordOrigin,
    customer_form,
    customer_origin,
    delete_customer,
    save_customer,
)
from . import common, conflict_dialog
from .address_box import AddressBox
from .customer_checks import conflict_labels, form_problem
from .delivery_table import DeliveryTable
from .discard_guard import DiscardGuard


class CustomerDialog(DiscardGuard, QDialog):
    """Edit ``customer_id`` or, with None, create a local customer."""

    def __init__(self, customer_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_id = customer_id
        self.saved_id: int | None = None
        customer = customer_origin(customer_id) if customer_id is not None else None
        self.setWindowTitle(self.tr("Kunde bearbeiten") if customer else self.tr("Neuer Kunde"))
        self.setMinimumWidth(760)

        layout = QVBoxLayout(self)
        self.note = self._build_note(customer)
        layout.addWidget(self.note)

        self._build_fields()
        layout.addLayout(self._build_groups())

        self._build_buttons(customer)
        layout.addWidget(self.buttons)

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.e_invoice.toggled.connect(self._e_invoice_toggled)
        self._set_tab_order()
        self._version: int | None = None
        self._opened: CustomerForm | None = None  # the form as shown, for a merge (T5)
        if customer is not None and customer_id is not None:
            stored = customer_form(customer_id)
            self._version, self._opened = stored.version, stored
            self._fill(stored)
            # The number links the customer to sevDesk (I3); it is sevDesk's to change.
            if customer.sevdesk_id:
                self.customer_number.setReadOnly(True)
                self.customer_number.setStyleSheet("background: #f0f0f0; color: #555;")
                self.customer_number.setToolTip(self.tr("Die Kundennummer wird in sevDesk gepflegt."))
                # Imported from sevDesk and kept in sync there (E1, C5).
                for widget in (self.government_agency, self.buyer_reference):
                    widget.setEnabled(False)
                    widget.setToolTip(self.tr("Wird in sevDesk am Kontakt gepflegt."))
        else:
            self.customer_number.setText(next_local_customer_number())
            self.postal.country.setText("DE")
        self._kind_changed()
        # Delivery addresses in view, not two squeezed rows (Qt opens a dialog this tall at
        # its minimum height).
        common.fit_to_screen(self)

    def _build_note(self, customer: RecordOrigin | None) -> QLabel:
        """Where the customer comes from and what editing it here means (C5, C6, C7)."""
        if customer is not None and customer.deleted_in_sevdesk:
            text, kind = (
                self.tr(
                    "Dieser Kunde wurde in sevDesk gelöscht. craftdesk behält ihn, bis Sie ihn mit "
                    "„Kunde löschen“ selbst entfernen."
                ),
                "warning",
            )
        elif customer is not None and customer.sevdesk_id:
            text, kind = (
                self.tr(
                    "Dieser Kunde stammt aus sevDesk (ID %1). Änderungen hier gelten nur in craftdesk "
                    "und werden überschrieben, sobald der nächste Import geänderte Daten aus sevDesk "
                    "bringt – ändern Sie Kunden am besten in sevDesk."
                ).replace("%1", customer.sevdesk_id),
                "info",
            )
        else:
            text, kind = (
                self.tr(
                    "Lokaler Kunde: Er existiert nur in craftdesk und wird beim ersten Rechnungsentwurf "
                    "in sevDesk angelegt."
                ),
                "info",
            )
        return common.banner(text, kind, self)

    def _build_fields(self) -> None:
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("Organisation"), "organisation")
        self.kind.addItem(self.tr("Person"), "person")
        self.company = QLineEdit(self)
        self.first_name = QLineEdit(self)
        self.last_name = QLineEdit(self)
        self.name_suffix = QLineEdit(self)
        self.name_suffix.setPlaceholderText(self.tr("z. B. sen., jun."))
        # Salutation and academic title of persons (sevDesk: gender, academicTitle).
        self.salutation = QComboBox(self)
        self.salutation.setObjectName("Salutation")
        for text, value in ((self.tr("(keine)"), ""), (self.tr("Herr"), "Herr"), (self.tr("Frau"), "Frau")):
            self.salutation.addItem(text, value)
        self.academic_title = QLineEdit(self)
        self.academic_title.setObjectName("AcademicTitle")
        self.academic_title.setPlaceholderText(self.tr("z. B. Dr."))
        self.academic_title.setMaximumWidth(110)
        self.customer_number = QLineEdit(self)
        self.emails = [QLineEdit(self), QLineEdit(self)]
        self.phone = QLineEdit(self)
        self.mobiles = [QLineEdit(self), QLineEdit(self)]
        self.description = QPlainTextEdit(self)
        self.description.setMaximumHeight(56)
        # E1: e-invoice choice, authority flag and buyer reference (Leitweg-ID).
        self.e_invoice = QCheckBox(self.tr("E-Rechnung"), self)
        self.e_invoice.setObjectName("EInvoice")
        self.e_invoice.setToolTip(
            self.tr("Rechnungsentwürfe für diesen Kunden als E-Rechnung (XRechnung/ZUGFeRD) anlegen")
        )
        self.government_agency = QCheckBox(self.tr("Behörde"), self)
        self.government_agency.setObjectName("GovernmentAgency")
        self.buyer_reference = QLineEdit(self)
        self.buyer_reference.setObjectName("BuyerReference")
        self.buyer_reference.setPlaceholderText(self.tr("für Behörden erforderlich"))
        self._e_invoice_touched = False
        self._e_invoice_choice: bool | None = None

    def _build_groups(self) -> QGridLayout:
        """Master data and contact on the left, the addresses and the description right."""
        master = QGroupBox(self.tr("Stammdaten"), self)
        master_form = QFormLayout(master)
        master_form.addRow(self.tr("Art:"), self.kind)
        master_form.addRow(self.tr("Firma:"), self.company)
        person_row = QHBoxLayout()
        person_row.addWidget(self.salutation, 1)
        self.title_label = QLabel(self.tr("Titel:"), master)
        person_row.addWidget(self.title_label)
        person_row.addWidget(self.academic_title)
        master_form.addRow(self.tr("Anrede:"), person_row)
        master_form.addRow(self.tr("Vorname:"), self.first_name)
        master_form.addRow(self.tr("Nachname:"), self.last_name)
        master_form.addRow(self.tr("Namenszusatz:"), self.name_suffix)
        master_form.addRow(self.tr("Kundennummer:"), self.customer_number)
        e_row = QHBoxLayout()
        e_row.addWidget(self.e_invoice)
        e_row.addWidget(self.government_agency)
        e_row.addStretch(1)
        master_form.addRow(self.tr("Rechnung:"), e_row)
        master_form.addRow(self.tr("Leitweg-ID:"), self.buyer_reference)

        contact = QGroupBox(self.tr("Kontakt"), self)
        contact_form = QFormLayout(contact)
        contact_form.addRow(self.tr("E-Mail:"), self.emails[0])
        contact_form.addRow(self.tr("2. E-Mail:"), self.emails[1])
        contact_form.addRow(self.tr("Telefon:"), self.phone)
        contact_form.addRow(self.tr("Mobil:"), self.mobiles[0])
        contact_form.addRow(self.tr("2. Mobil:"), self.mobiles[1])

        self.postal = AddressBox(self.tr("Postanschrift"), self)
        self.billing = AddressBox(self.tr("Abweichende Rechnungsanschrift"), self)
        self.billing.setCheckable(True)
        self.billing.setChecked(False)

        # Delivery addresses (job sites), also for local customers; in the right column under
        # the other addresses, so the dialog still fits a 700 px high screen.
        self.deliveries = DeliveryTable(self)
        addresses = QVBoxLayout()
        addresses.addWidget(self.postal)
        addresses.addWidget(self.billing)
        addresses.addWidget(self.deliveries, 1)
        description_box = QGroupBox(self.tr("Beschreibung"), self)
        QVBoxLayout(description_box).addWidget(self.description)
        addresses.addWidget(description_box)
        grid = QGridLayout()
        grid.addWidget(master, 0, 0)
        grid.addWidget(contact, 1, 0)
        grid.addLayout(addresses, 0, 1, 2, 1)
        return grid

    def _build_buttons(self, customer: RecordOrigin | None) -> None:
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Speichern"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        self.delete_button = None
        if customer is not None and (customer.deleted_in_sevdesk or not customer.sevdesk_id):
            self.delete_button = self.buttons.addButton(
                self.tr("Kunde löschen"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            self.delete_button.clicked.connect(self._delete)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

    def _set_tab_order(self) -> None:
        """Tab follows what the user reads: master data, contact, postal address, billing
        address, description, buttons — and leaves the description instead of typing a tab."""
        self.description.setTabChangesFocus(True)
        chain: list[QWidget] = [
            self.kind,
            self.company,
            self.first_name,
            self.last_name,
            self.name_suffix,
            self.salutation,
            self.academic_title,
            self.customer_number,
            self.e_invoice,
            self.government_agency,
            self.buyer_reference,
            *self.emails,
            self.phone,
            *self.mobiles,
            self.postal.street,
            self.postal.zip,
            self.postal.city,
            self.postal.country,
            self.billing,
            self.billing.street,
            self.billing.zip,
            self.billing.city,
            self.billing.country,
            self.deliveries.table,
            self.deliveries.add_button,
            self.deliveries.remove_button,
            self.description,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _fill(self, form: CustomerForm) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(form.kind)))
        self.salutation.setCurrentIndex(max(0, self.salutation.findData(form.salutation)))
        if self.salutation.findData(form.salutation) < 0 and form.salutation:
            self.salutation.addItem(form.salutation, form.salutation)
            self.salutation.setCurrentIndex(self.salutation.count() - 1)
        self.academic_title.setText(form.academic_title)
        self.deliveries.set_forms(form.deliveries)
        self.company.setText(form.company)
        self.first_name.setText(form.first_name)
        self.last_name.setText(form.last_name)
        self.name_suffix.setText(form.name_suffix)
        self.customer_number.setText(form.customer_number)
        self.description.setPlainText(form.description)
        for edit, value in zip(self.emails, [*form.emails, "", ""], strict=False):
            edit.setText(value)
        for edit, value in zip(self.mobiles, [*form.mobiles, "", ""], strict=False):
            edit.setText(value)
        self.phone.setText(form.phones[0] if form.phones else "")
        self.postal.set_form(form.postal)
        if form.billing is not None:
            self.billing.setChecked(True)
            self.billing.set_form(form.billing)
        self.government_agency.setChecked(form.government_agency)
        self.buyer_reference.setText(form.buyer_reference)
        self._e_invoice_choice = form.e_invoice
        for edit in self.findChildren(QLineEdit):
            edit.setCursorPosition(0)  # a long name shows its beginning ("Hausverwaltung …")

    def _e_invoice_toggled(self, _on: bool) -> None:
        self._e_invoice_touched = True

    def _e_invoice_value(self) -> bool | None:
        """The stored choice: None ("by kind") until the user ticks or unticks the box."""
        if self._e_invoice_touched:
            return self.e_invoice.isChecked()
        return self._e_invoice_choice

    def _kind_changed(self) -> None:
        person = self.kind.currentData() == "person"
        for widget in (self.salutation, self.academic_title, self.title_label):
            widget.setEnabled(person)
        if self._e_invoice_value() is None:  # E1 default: on for organisations, off for persons
            self.e_invoice.blockSignals(True)
            self.e_invoice.setChecked(not person)
            self.e_invoice.blockSignals(False)
        elif not self._e_invoice_touched:
            self.e_invoice.blockSignals(True)
            self.e_invoice.setChecked(bool(self._e_invoice_choice))
            self.e_invoice.blockSignals(False)
        self.company.setPlaceholderText(self.tr("optional") if person else self.tr("erforderlich"))
        self.last_name.setPlaceholderText(self.tr("erforderlich") if person else self.tr("optional"))

    def form(self) -> CustomerForm:
        person = self.kind.currentData() == "person"
        return CustomerForm(
            kind=self.kind.currentData(),
            company=self.company.text(),
            first_name=self.first_name.text(),
            last_name=self.last_name.text(),
            name_suffix=self.name_suffix.text(),
            salutation=str(self.salutation.currentData() or "") if person else "",
            academic_title=self.academic_title.text() if person else "",
            deliveries=self.deliveries.forms(),
            customer_number=self.customer_number.text(),
            description=self.description.toPlainText(),
            postal=self.postal.form(),
            billing=self.billing.form() if self.billing.isChecked() else None,
            emails=[e.text() for e in self.emails],
            mobiles=[m.text() for m in self.mobiles],
            phones=[self.phone.text()],
            e_invoice=self._e_invoice_value(),
            government_agency=self.government_agency.isChecked(),
            buyer_reference=self.buyer_reference.text(),
        )

    def _save(self) -> None:
        form = self.form()
        problem = form_problem(form, buyer_reference_required=self.buyer_reference.isEnabled())
        if problem:
            common.warn(self, self.tr("Kunde speichern"), problem)
            return
        self._store(form)

    def _store(self, form: CustomerForm, force: bool = False) -> bool:
        form.version = self._version
        try:
            self.saved_id = save_customer(self.customer_id, form, force=force)
        except EditConflict as conflict:  # saved elsewhere meanwhile (T5)
            conflict_dialog.resolve(
                self, conflict, form, conflict_labels(), lambda merged: self._store(merged, force=True)
            )
            return False
        self.accept()
        return True

    def _delete(self) -> None:
        if self.customer_id is None:
            return
        if common.confirm(
            self,
            self.tr("Kunde löschen"),
            self.tr(
                "Soll dieser Kunde in craftdesk gelöscht werden? Projekte des Kunden bleiben "
                "erhalten, sind danach aber keinem Kunden mehr zugeordnet."
            ),
            yes=self.tr("Löschen"),
        ):
            delete_customer(self.customer_id)
            self.saved_id = self.customer_id
            self.accept()
