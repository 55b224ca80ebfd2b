"""Create or edit a project (title, customer, job-site address, notes) — O8."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...errors import CraftdeskError
from ...services import projects
from ...services.project_forms import customer_addresses, customer_site
from ...services.projects import Site
from ...services.team_edits import EditConflict, ProjectForm, project_form, save_project
from ...sync.messages import localize
from . import common, conflict_dialog
from .customer_combo import CustomerCombo
from .discard_guard import DiscardGuard


class ProjectDialog(DiscardGuard, QDialog):
    def __init__(self, project_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._address_sites: dict[int, Site] = {}
        self.project_id = project_id
        self.saved_id: int | None = None
        project = projects.get_project(project_id) if project_id is not None else None
        self.setWindowTitle(self.tr("Projekt bearbeiten") if project else self.tr("Neues Projekt"))
        self.setMinimumWidth(520)

        self.title = QLineEdit(self)
        self.customer = CustomerCombo(self.tr("(kein Kunde)"), self)
        self.street = QLineEdit(self)
        self.zip = QLineEdit(self)
        self.zip.setMaximumWidth(80)
        self.city = QLineEdit(self)
        self.country = QLineEdit(self)
        self.country.setMaxLength(2)
        self.country.setMaximumWidth(50)
        self.country.setToolTip(self.tr("Ländercode, z. B. DE, AT, CH"))
        self.take_address = QPushButton(self.tr("Postanschrift des Kunden übernehmen"), self)
        self.take_address.clicked.connect(self._take_customer_address)
        # Any of the customer's addresses (postal, billing, delivery) can become the job site.
        self.address_choice = QComboBox(self)
        self.address_choice.setObjectName("SiteAddressChoice")
        self.address_choice.activated.connect(self._take_chosen_address)
        self.customer.currentIndexChanged.connect(lambda _i: self._fill_address_choice())
        self.customer.names_read.connect(self._names_read)
        self._save_when_read = False
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)  # Tab moves on, as in every field
        self.notes.setMaximumHeight(80)

        layout = QVBoxLayout(self)
        if project is not None and project.sevdesk_order_id:
            layout.addWidget(
                common.banner(
                    self.tr(
                        "Aus der sevDesk-Auftragsbestätigung %1 importiert. Änderungen bleiben lokal; "
                        "sevDesk aktualisiert importierte Projekte nie."
                    ).replace("%1", project.sevdesk_order_number or project.sevdesk_order_id),
                    "info",
                    self,
                )
            )
        form = QFormLayout()
        form.addRow(self.tr("Titel:"), self.title)
        form.addRow(self.tr("Kunde:"), self.customer)
        layout.addLayout(form)
        site = QGroupBox(self.tr("Einsatzort"), self)
        site_form = QFormLayout(site)
        self.site_note = None
        if project is not None and project.site_note:
            # O5 fell back to another address: say so where the site can be corrected.
            self.site_note = common.banner(localize(project.site_note), "warning", site)
            self.site_note.setObjectName("SiteNote")
            site_form.addRow(self.site_note)
        site_form.addRow(self.tr("Straße:"), self.street)
        place = QHBoxLayout()
        place.addWidget(self.zip)
        place.addWidget(self.city, 1)
        site_form.addRow(self.tr("PLZ / Ort:"), place)
        site_form.addRow(self.tr("Land:"), self.country)
        site_form.addRow(self.tr("Adresse des Kunden:"), self.address_choice)
        site_form.addRow("", self.take_address)
        layout.addWidget(site)
        notes_form = QFormLayout()
        notes_form.addRow(self.tr("Notizen:"), self.notes)
        layout.addLayout(notes_form)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Speichern"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._version: int | None = None
        self._opened: ProjectForm | None = None  # the form as shown, for a merge (T5)
        if project_id is not None:
            stored = project_form(project_id)
            self._version, self._opened = stored.version, stored
            self._fill(stored)
        else:
            self.country.setText("DE")
            self._fill_address_choice()

    def _fill(self, form: ProjectForm) -> None:
        self.title.setText(form.title)
        self.customer.set_customer_id(form.customer_id)
        self.street.setText(form.street)
        self.zip.setText(form.zip)
        self.city.setText(form.city)
        self.country.setText(form.country or "DE")
        self.notes.setPlainText(form.notes)
        self._fill_address_choice()
        for edit in (self.title, self.street, self.city):
            edit.setCursorPosition(0)  # a long title shows its beginning, not its end

    def form(self) -> ProjectForm:
        return ProjectForm(
            title=self.title.text(),
            customer_id=self.customer.customer_id(),
            street=self.street.text(),
            zip=self.zip.text(),
            city=self.city.text(),
            country=self.country.text(),
            notes=self.notes.toPlainText(),
        )

    def conflict_labels(self) -> dict[str, str]:
        return {
            "title": self.tr("Titel"),
            "customer": self.tr("Kunde"),
            "street": self.tr("Straße"),
            "zip": self.tr("PLZ"),
            "city": self.tr("Ort"),
            "country": self.tr("Land"),
            "notes": self.tr("Notizen"),
        }

    def _take_customer_address(self) -> None:
        customer_id = self.customer.customer_id()
        if customer_id is None:
            return
        site = customer_site(customer_id)
        if site is not None:
            self._set_address(site)

    def _set_address(self, site: Site) -> None:
        self.street.setText(site.street)
        self.zip.setText(site.zip)
        self.city.setText(site.city)
        self.country.setText(site.country or "DE")

    def _fill_address_choice(self) -> None:
        customer_id = self.customer.customer_id()
        kinds = {
            "postal": self.tr("Postanschrift"),
            "billing": self.tr("Rechnungsanschrift"),
            "delivery": self.tr("Lieferadresse"),
        }
        self.address_choice.clear()
        self.address_choice.addItem(self.tr("– Adresse wählen –"), None)
        self._address_sites = {}
        if customer_id is not None:
            for choice in customer_addresses(customer_id):
                self.address_choice.addItem(
                    f"{kinds.get(choice.kind, choice.kind)}: {choice.line}", choice.id
                )
                self._address_sites[choice.id] = choice.site
        self.address_choice.setEnabled(self.address_choice.count() > 1)
        self.take_address.setEnabled(customer_id is not None)

    def _take_chosen_address(self, index: int) -> None:
        address_id = self.address_choice.itemData(index)
        site = self._address_sites.get(address_id) if address_id else None
        if site is not None:
            self._set_address(site)

    def _save(self) -> None:
        if self.customer.loading:  # a typed name is found once every name is read (a moment)
            self._save_when_read = True
            return
        unmatched = self.customer.unmatched_text()
        if unmatched:
            common.warn(
                self,
                self.tr("Projekt speichern"),
                self.tr(
                    "„%1“ ist kein Kunde. Bitte einen Kunden aus der Liste wählen oder das Feld "
                    "leeren (kein Kunde)."
                ).replace("%1", unmatched),
            )
            self.customer.setFocus()
            return
        self._store(self.form())

    def done(self, result: int) -> None:
        # A save asked for while the names were read does not outlive the dialog: cancelled
        # (Esc, "Abbrechen", closed), it saves nothing when they arrive.
        self._save_when_read = False
        super().done(result)

    def _names_read(self) -> None:
        self._fill_address_choice()
        if self._save_when_read:
            self._save_when_read = False
            self._save()

    def _store(self, form: ProjectForm, force: bool = False) -> bool:
        form.version = self._version
        try:
            self.saved_id = save_project(self.project_id, form, force=force)
        except EditConflict as conflict:  # saved elsewhere meanwhile (T5)
            conflict_dialog.resolve(
                self, conflict, form, self.conflict_labels(), lambda merged: self._store(merged, force=True)
            )
            return False
        except CraftdeskError as exc:
            common.warn(self, self.tr("Projekt speichern"), str(exc))
            return False
        self.accept()
        return True
