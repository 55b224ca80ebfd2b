"""Detail/edit dialog of one article; also creates local articles (A3).

The gross price is derived from net price and VAT rate while typing (Decimal, half-up to
cents). Imported articles carry a note that the next import overwrites changes (A4).
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.articles import gross_price
from ...services.local_records import (
    ArticleForm,
    EditConflict,
    article_form,
    article_number_taken,
    article_origin,
    save_article,
)
from ..style import format_decimal, format_money
from . import common, conflict_dialog
from .discard_guard import DiscardGuard

UNITS = ("Stk", "Std", "m", "m²", "m³", "kg", "l", "Pauschal")
VAT_RATES = ("19", "7", "0")


class ArticleDialog(DiscardGuard, QDialog):
    """Edit ``article_id`` or, with None, create a local article."""

    def __init__(self, article_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article_id = article_id
        self.saved_id: int | None = None
        article = article_origin(article_id) if article_id is not None else None
        self.setWindowTitle(self.tr("Artikel bearbeiten") if article else self.tr("Neuer Artikel"))
        self.setMinimumWidth(480)

        layout = QVBoxLayout(self)
        if article is not None and article.sevdesk_id:
            text = self.tr(
                "Dieser Artikel stammt aus sevDesk (ID %1). Änderungen hier gelten nur "
                "in craftdesk und werden überschrieben, sobald der nächste Import "
                "geänderte Daten aus sevDesk bringt."
            )
            self.note = common.banner(text.replace("%1", article.sevdesk_id), "info", self)
        else:
            self.note = common.banner(
                self.tr("Lokaler Artikel: Er existiert nur in craftdesk."), "info", self
            )
        layout.addWidget(self.note)

        self.number = QLineEdit(self)
        self.name = QLineEdit(self)
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.addItems(list(UNITS))
        self.net_price = common.DecimalEdit(self, places=2)
        self.net_price.setPlaceholderText(format_decimal(0, 2))  # "0,00", in English "0.00"
        self.vat_rate = QComboBox(self)
        for rate in VAT_RATES:
            self.vat_rate.addItem(f"{rate} %", rate)
        self.gross_label = QLabel(self)
        self.active = QCheckBox(self.tr("Aktiv (in Auswahllisten anbieten)"), self)
        self.active.setChecked(True)
        self.description = QPlainTextEdit(self)
        self.description.setTabChangesFocus(True)  # Tab moves on, as in every field
        self.description.setMaximumHeight(80)

        form = QFormLayout()
        form.addRow(self.tr("Artikelnummer:"), self.number)
        form.addRow(self.tr("Bezeichnung:"), self.name)
        form.addRow(self.tr("Einheit:"), self.unit)
        form.addRow(self.tr("Preis netto (€):"), self.net_price)
        form.addRow(self.tr("Umsatzsteuer:"), self.vat_rate)
        form.addRow(self.tr("Preis brutto:"), self.gross_label)
        form.addRow("", self.active)
        form.addRow(self.tr("Beschreibung:"), self.description)
        layout.addLayout(form)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Speichern"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.net_price.textChanged.connect(self._update_gross)
        self.vat_rate.currentIndexChanged.connect(self._update_gross)
        self._version: int | None = None
        self._opened: ArticleForm | None = None  # the form as shown, for a merge (T5)
        self._stored_net: tuple[str, Decimal | None] = ("", None)
        if article_id is not None:
            stored = article_form(article_id)
            self._version, self._opened = stored.version, stored
            self._fill(stored)
        self._update_gross()

    def _fill(self, form: ArticleForm) -> None:
        self.number.setText(form.number)
        self.name.setText(form.name)
        self.unit.setCurrentText(form.unit)
        self.net_price.set_value(form.net_price)
        # A price sevDesk keeps finer than cents (a part priced gross) is shown in cents and
        # kept as it is unless the user types another one.
        self._stored_net = (self.net_price.text(), form.net_price)
        rate = format(form.vat_rate.normalize(), "f")
        if self.vat_rate.findData(rate) < 0:  # an unusual rate from sevDesk stays selectable
            self.vat_rate.addItem(f"{rate.replace('.', ',')} %", rate)
        self.vat_rate.setCurrentIndex(self.vat_rate.findData(rate))
        self.description.setPlainText(form.description)
        self.active.setChecked(form.active)

    def _vat(self) -> Decimal:
        return Decimal(self.vat_rate.currentData() or "0")

    def _net(self) -> Decimal | None:
        shown, stored = self._stored_net
        return stored if self.net_price.text() == shown else self.net_price.value()

    def _update_gross(self) -> None:
        net = self._net()
        self.gross_label.setText(format_money(gross_price(net, self._vat())) if net is not None else "–")

    def form(self) -> ArticleForm:
        return ArticleForm(
            number=self.number.text(),
            name=self.name.text(),
            unit=self.unit.currentText(),
            net_price=self._net() or Decimal(0),
            vat_rate=self._vat(),
            description=self.description.toPlainText(),
            active=self.active.isChecked(),
        )

    def problem(self) -> str | None:
        if not self.name.text().strip():
            return self.tr("Bitte geben Sie eine Bezeichnung ein.")
        if not self.number.text().strip():
            return self.tr("Bitte geben Sie eine Artikelnummer ein.")
        if article_number_taken(self.number.text(), self.article_id):
            return self.tr("Die Artikelnummer „%1“ ist schon vergeben.").replace(
                "%1", self.number.text().strip()
            )
        if self.net_price.text().strip() and self.net_price.value() is None:
            return self.tr("Der Preis ist keine gültige Zahl.")
        return None

    def _save(self) -> None:
        problem = self.problem()
        if problem:
            common.warn(self, self.tr("Artikel speichern"), problem)
            return
        self._store(self.form())

    def _store(self, form: ArticleForm, force: bool = False) -> bool:
        form.version = self._version
        try:
            self.saved_id = save_article(self.article_id, form, force=force)
        except EditConflict as conflict:  # saved elsewhere meanwhile (T5)
            labels = {
                "number": self.tr("Artikelnummer"),
                "name": self.tr("Bezeichnung"),
                "unit": self.tr("Einheit"),
                "net_price": self.tr("Nettopreis"),
                "vat_rate": self.tr("USt.-Satz"),
                "description": self.tr("Beschreibung"),
                "active": self.tr("Aktiv"),
            }
            conflict_dialog.resolve(
                self, conflict, form, labels, lambda merged: self._store(merged, force=True)
            )
            return False
        self.accept()
        return True
