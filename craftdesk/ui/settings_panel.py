"""Settings of the Schnittstellen tab (S5): recurring import and interval, notifications,
hourly rate and VAT, Kleinunternehmer (no VAT), invoice contact person, part categories, start with the system.

Every change is saved at once (no separate "apply" step for the user to forget).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ..services import part_categories, settings
from ..sync.contract import SyncControl
from ..sync.messages import error_message
from .note_labels import OneLineNote, message_label
from .style import format_decimal, parse_decimal_de

log = logging.getLogger(__name__)

VAT_RATES = ("19", "7", "0")


def _autostart_module() -> Any:
    try:
        from .. import autostart
    except ImportError:  # packaging not there yet: the checkbox is hidden
        return None
    return autostart


class SettingsPanel(QGroupBox):
    def __init__(self, controller: SyncControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setTitle(self.tr("Einstellungen"))
        self.setObjectName("SettingsPanel")
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self._build_sync_rows(form)
        self._build_invoice_rows(form)
        self._build_sevdesk_rows(form)
        self._build_other_rows(form)
        self.load()
        self._connect(controller)

    def _build_sync_rows(self, form: QFormLayout) -> None:
        self.sync_enabled = QCheckBox(self.tr("Automatisch abgleichen alle"), self)
        self.interval = QSpinBox(self)
        self.interval.setRange(5, 24 * 60)
        self.interval.setSingleStep(5)
        self.interval.setSuffix(self.tr(" Minuten"))
        row = QHBoxLayout()
        row.addWidget(self.sync_enabled)
        row.addWidget(self.interval)
        row.addStretch(1)
        form.addRow(self.tr("Abgleich:"), row)

        self.notify_errors = QCheckBox(self.tr("bei Fehlern (höchstens einmal am Tag)"), self)
        self.notify_success = QCheckBox(self.tr("bei neuen oder geänderten Daten"), self)
        form.addRow(self.tr("Benachrichtigen:"), self.notify_errors)
        form.addRow("", self.notify_success)

    def _build_invoice_rows(self, form: QFormLayout) -> None:
        self.hourly_rate = QLineEdit(self)
        self.hourly_rate.setPlaceholderText(format_decimal("65", places=2))
        self.hourly_rate.setMaximumWidth(120)
        self.vat_rate = QComboBox(self)
        for rate in VAT_RATES:
            self.vat_rate.addItem(f"{rate} %", rate)
        row = QHBoxLayout()
        row.addWidget(self.hourly_rate)
        row.addWidget(QLabel(self.tr("€ netto, USt.:"), self))
        row.addWidget(self.vat_rate)
        row.addStretch(1)
        form.addRow(self.tr("Stundensatz:"), row)
        self.small_business = QCheckBox(
            self.tr("Kleinunternehmer (§ 19 UStG): Rechnungen ohne Umsatzsteuer"), self
        )
        form.addRow("", self.small_business)

    def _build_sevdesk_rows(self, form: QFormLayout) -> None:
        self.contact_person = QComboBox(self)
        self.contact_person.setMinimumContentsLength(18)
        self.load_users = QPushButton(self.tr("Aus sevDesk laden"), self)
        row = QHBoxLayout()
        row.addWidget(self.contact_person, 1)
        row.addWidget(self.load_users)
        form.addRow(self.tr("Ansprechpartner auf Rechnungen:"), row)
        # What loading the users gave, right under its button; the line keeps its height when
        # empty, so a result never pushes the tab down.
        self.users_message = OneLineNote(self)
        form.addRow("", self.users_message)

        # E2: the account's payment method named on e-invoice drafts.
        self.payment_method = QComboBox(self)
        self.payment_method.setObjectName("PaymentMethod")
        self.payment_method.setMinimumContentsLength(18)
        self.load_methods = QPushButton(self.tr("Aus sevDesk laden"), self)
        self.load_methods.setObjectName("LoadPaymentMethods")
        row = QHBoxLayout()
        row.addWidget(self.payment_method, 1)
        row.addWidget(self.load_methods)
        form.addRow(self.tr("Zahlungsart (E-Rechnung):"), row)

    def _build_other_rows(self, form: QFormLayout) -> None:
        # A1a: a choice among the account's real categories, not free text.
        self.part_categories = QLabel(self)
        self.part_categories.setObjectName("PartCategories")
        self.part_categories.setWordWrap(True)
        self.part_categories.setTextFormat(Qt.TextFormat.PlainText)
        self.choose_categories = QPushButton(self.tr("Wählen …"), self)
        self.choose_categories.setObjectName("ChoosePartCategories")
        row = QHBoxLayout()
        row.addWidget(self.part_categories, 1)
        row.addWidget(self.choose_categories)
        form.addRow(self.tr("Artikel-Kategorien:"), row)

        self.autostart = QCheckBox(self.tr("Mit dem System starten"), self)
        form.addRow("", self.autostart)
        self._autostart = _autostart_module()
        self.autostart.setVisible(self._autostart is not None)

        self.message = message_label(self)
        form.addRow("", self.message)

    def _connect(self, controller: SyncControl) -> None:
        self.sync_enabled.toggled.connect(self._save_sync)
        self.interval.valueChanged.connect(self._save_sync)
        self.notify_errors.toggled.connect(settings.set_notify_errors)
        self.notify_success.toggled.connect(settings.set_notify_success)
        self.hourly_rate.editingFinished.connect(self._save_rate)
        self.vat_rate.currentIndexChanged.connect(self._save_vat)
        self.small_business.toggled.connect(self._save_small_business)
        self.contact_person.currentIndexChanged.connect(self._save_contact)
        self.load_users.clicked.connect(self.fetch_users)
        self.payment_method.currentIndexChanged.connect(self._save_payment_method)
        self.load_methods.clicked.connect(self.fetch_payment_methods)
        self.choose_categories.clicked.connect(self.fetch_categories)
        self.autostart.toggled.connect(self._save_autostart)
        controller.data_changed.connect(self._reload_after_restore)
        controller.busy_changed.connect(lambda _busy: self._update_load_users())
        controller.connection_state_changed.connect(lambda _state: self._update_load_users())
        self._update_load_users()

    # -- loading -------------------------------------------------------------------------
    def _reload_after_restore(self, change: object) -> None:
        """Everything may have changed (a restored backup, K2; another workstation's
        edits while the server was away, T7): the settings shown are read again, so the
        panel never shows an hourly rate the invoices would not use."""
        if change == "all" and not self.hourly_rate.hasFocus():
            self.load()

    def load(self) -> None:
        values = settings.preferences()
        self.sync_enabled.setChecked(values.sync_enabled)
        self.interval.setValue(values.sync_interval_min)
        self.interval.setEnabled(self.sync_enabled.isChecked())
        self.notify_errors.setChecked(values.notify_errors)
        self.notify_success.setChecked(values.notify_success)
        self.hourly_rate.setText(format_decimal(values.hourly_rate, places=2))
        index = self.vat_rate.findData(values.hourly_vat_rate)
        self.vat_rate.setCurrentIndex(max(index, 0))
        self.small_business.blockSignals(True)
        self.small_business.setChecked(values.small_business)
        self.small_business.blockSignals(False)
        self.vat_rate.setEnabled(not values.small_business)
        self.contact_person.clear()
        self.contact_person.addItem(self.tr("(erster Administrator)"), None)
        person_id = values.contact_person_id
        if person_id:
            name = values.contact_person_name or self.tr("Benutzer {id}").replace("{id}", person_id)
            self.contact_person.addItem(name, person_id)
            self.contact_person.setCurrentIndex(1)
        self.payment_method.blockSignals(True)
        self.payment_method.clear()
        self.payment_method.addItem(self.tr("Überweisung (Standard)"), None)
        method_id = values.payment_method_id
        if method_id:
            name = values.payment_method_name or self.tr("Zahlungsart {id}").replace("{id}", method_id)
            self.payment_method.addItem(name, method_id)
            self.payment_method.setCurrentIndex(1)
        self.payment_method.blockSignals(False)
        self.part_categories.setText(", ".join(part_categories.configured()))
        if self._autostart is not None:
            try:
                self.autostart.setChecked(bool(self._autostart.is_enabled()))
            except Exception:  # reading the OS entry is best effort
                log.warning("Reading the autostart state failed", exc_info=True)

    # -- saving --------------------------------------------------------------------------
    def _save_sync(self) -> None:
        settings.set_sync(self.sync_enabled.isChecked(), int(self.interval.value()))
        self.interval.setEnabled(self.sync_enabled.isChecked())
        scheduler = self.controller.scheduler
        if scheduler is not None:
            scheduler.next_run_changed.emit()

    def _save_rate(self) -> None:
        value = parse_decimal_de(self.hourly_rate.text())
        if value is None or value < 0:
            self.message.setText(self.tr("Bitte einen Stundensatz wie 65,00 eingeben."))
            return
        value = settings.set_hourly_rate(value)
        self.hourly_rate.setText(format_decimal(value, places=2))
        self.message.clear()

    def _save_vat(self) -> None:
        settings.set_hourly_vat_rate(self.vat_rate.currentData())

    def _save_small_business(self, on: bool) -> None:
        settings.set_small_business(on)
        self.vat_rate.setEnabled(not on)  # a Kleinunternehmer's hours carry no VAT

    def _save_contact(self) -> None:
        person_id = self.contact_person.currentData()
        settings.set_contact_person(person_id, self.contact_person.currentText() if person_id else None)

    def _save_payment_method(self) -> None:
        method_id = self.payment_method.currentData()
        settings.set_payment_method(method_id, self.payment_method.currentText() if method_id else None)

    def fetch_payment_methods(self) -> bool:
        from ..services.lookups import payment_methods

        self.message.setText(self.tr("Zahlungsarten werden aus sevDesk geladen …"))
        started = self.controller.run_task(
            self.tr("Zahlungsarten laden"),
            payment_methods,
            on_success=self._fill_payment_methods,
            on_failure=self._users_failed,
        )
        if not started:
            self.message.setText(self.tr("Bitte warten, bis der laufende Abgleich fertig ist."))
        return started

    def _fill_payment_methods(self, methods: list[Any]) -> None:
        current = self.payment_method.currentData()
        self.payment_method.blockSignals(True)
        self.payment_method.clear()
        self.payment_method.addItem(self.tr("Überweisung (Standard)"), None)
        for method in methods:
            self.payment_method.addItem(method.name or method.id, method.id)
        index = self.payment_method.findData(current) if current else 0
        self.payment_method.setCurrentIndex(max(index, 0))
        self.payment_method.blockSignals(False)
        self.message.setText(self.tr("{n} Zahlungsarten geladen.").replace("{n}", str(len(methods))))

    # -- part categories (A1a) -----------------------------------------------------------
    def fetch_categories(self) -> bool:
        """Load the account's part categories on the worker, then offer the choice."""
        self.message.setText(self.tr("Artikelkategorien werden aus sevDesk geladen …"))
        started = self.controller.run_task(
            self.tr("Artikelkategorien laden"),
            part_categories.load_account_names,
            on_success=self._offer_categories,
            on_failure=self._categories_failed,
        )
        if not started:
            self.message.setText(self.tr("Bitte warten, bis der laufende Abgleich fertig ist."))
        return started

    def ask_categories_then_import(self, schedule_changed: Callable[[], None]) -> bool:
        """A1a on first connect: ask which part categories to import when the configured
        ones (by default "Artikel") do not exist in the account; then import the articles.
        The recurring import waits while the question is open."""

        def import_articles(_saved: bool = False) -> None:
            self.controller.hold_reason = None
            self.controller.start_import("articles", trigger="connect")
            schedule_changed()

        def answered(available: list[str] | None) -> None:
            if available is None:
                import_articles()
                return
            self.controller.hold_reason = "question"
            schedule_changed()
            self.choose_from(available, first_connect=True, on_done=import_articles)

        return self.controller.run_task(
            self.tr("Artikelkategorien prüfen"),
            part_categories.first_connect_question,
            on_success=answered,
            on_failure=lambda _error: import_articles(),
        )

    def _offer_categories(self, available: list[str]) -> None:
        self.choose_from(available)

    def choose_from(
        self, available: list[str], first_connect: bool = False, on_done: Callable[[bool], None] | None = None
    ) -> QDialog:
        """Open the choice (window-modal); ``on_done(saved)`` runs when it is closed."""
        from .part_categories_dialog import PartCategoriesDialog

        self.message.clear()
        dialog = PartCategoriesDialog(available, part_categories.configured(), first_connect, self.window())
        self.category_dialog = dialog

        def finished(code: int) -> None:
            saved = code == QDialog.DialogCode.Accepted and bool(dialog.selected())
            if saved:
                names = part_categories.set_configured(dialog.selected())
                self.part_categories.setText(", ".join(names))
                if not first_connect:  # on connect the articles are imported right away
                    self.message.setText(
                        self.tr("Gespeichert – die Artikel kommen mit dem nächsten Abgleich.")
                    )
            if on_done is not None:
                on_done(saved)

        dialog.finished.connect(finished)
        dialog.open()
        return dialog

    def _save_autostart(self, enabled: bool) -> None:
        if self._autostart is None:
            return
        try:
            self._autostart.set_enabled(bool(enabled))
            self.message.clear()
        except Exception as exc:  # shown in one sentence; the OS refused the entry
            log.warning("Changing autostart failed", exc_info=True)
            self.message.setText(
                error_message(exc) or self.tr("Der automatische Start konnte nicht geändert werden.")
            )

    # -- sevDesk users -------------------------------------------------------------------
    def _update_load_users(self) -> None:
        """Loading the users needs a working connection and a free worker."""
        connected = self.controller.can_sync()
        self.load_users.setEnabled(connected and not self.controller.is_busy())
        self.load_methods.setEnabled(connected and not self.controller.is_busy())
        self.load_users.setToolTip(
            "" if connected else self.tr("Zuerst links den sevDesk-API-Token speichern.")
        )
        self.choose_categories.setEnabled(connected and not self.controller.is_busy())
        self.choose_categories.setToolTip(
            self.tr("Die Kategorien aus sevDesk laden und die gewünschten ankreuzen")
            if connected
            else self.tr("Zuerst links den sevDesk-API-Token speichern.")
        )

    def fetch_users(self) -> bool:
        from ..services.lookups import sev_users

        self.users_message.setText(self.tr("Benutzer werden aus sevDesk geladen …"))
        started = self.controller.run_task(
            self.tr("sevDesk-Benutzer laden"),
            sev_users,
            on_success=self._fill_users,
            on_failure=self._users_failed,
        )
        if not started:
            self.users_message.setText(self.tr("Bitte warten, bis der laufende Abgleich fertig ist."))
        return started

    def _fill_users(self, users: list[Any]) -> None:
        current = self.contact_person.currentData()
        self.contact_person.blockSignals(True)
        self.contact_person.clear()
        self.contact_person.addItem(self.tr("(erster Administrator)"), None)
        for user in users:
            # A non-admin token may see users with little more than their id: still choosable.
            label = (
                user.fullname
                or user.username
                or user.email
                or self.tr("Benutzer {id} (Name nicht sichtbar)").replace("{id}", user.id)
            )
            self.contact_person.addItem(label, user.id)
        index = self.contact_person.findData(current) if current else 0
        self.contact_person.setCurrentIndex(max(index, 0))
        self.contact_person.blockSignals(False)
        self.users_message.setText(self.tr("{n} Benutzer geladen.").replace("{n}", str(len(users))))

    def _users_failed(self, error: Exception) -> None:
        self.users_message.setText(error_message(error) or str(error))

    def _categories_failed(self, error: Exception) -> None:
        self.message.setText(error_message(error) or str(error))
