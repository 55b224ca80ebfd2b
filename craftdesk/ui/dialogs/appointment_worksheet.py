"""The worksheet of the appointment editor: documented hours, the planned material of the
confirmation (read-only), the used articles with their quantities, and the notes.

"Geplantes Material übernehmen" adds only what is not on the worksheet yet (V3); an
article picked twice by hand adds up, as the service does. An invoiced appointment's
worksheet is read-only.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ...services import worksheet
from ..style import format_decimal, format_money, parse_decimal_de
from . import common
from .article_picker import ArticlePickerDialog

QUANTITY_COLUMN = 2
PRICE_COLUMN = 4


class WorksheetBox(QGroupBox):
    """Hours, planned material, used articles and notes of one appointment."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(self.tr("Arbeitsblatt"), parent)
        self.frozen = False
        self._planned: list[worksheet.PlannedItem] = []
        self.planned_label = QLabel(self)
        self.planned_label.setWordWrap(True)
        self.planned_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hours = common.DecimalEdit(self)
        self.hours.setPlaceholderText(self.tr("z. B. 3,5"))
        self.hours.setMaximumWidth(120)
        self.used = self._build_table()
        self.add_article = QPushButton(self.tr("Artikel hinzufügen …"), self)
        self.add_article.clicked.connect(self._pick_article)
        self.remove_article = QPushButton(self.tr("Entfernen"), self)
        self.remove_article.clicked.connect(self._remove_article)
        self.take_planned = QPushButton(self.tr("Geplantes Material übernehmen"), self)
        self.take_planned.setToolTip(
            self.tr(
                "Übernimmt die Positionen der Auftragsbestätigung mit ihren Preisen – nur, was noch "
                "nicht im Arbeitsblatt steht."
            )
        )
        self.take_planned.clicked.connect(self.take_over_planned)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)  # Tab moves on, as in every field
        self.notes.setMaximumHeight(70)
        self._build_layout()
        self.planned_label.setText(self.tr("keines"))
        self.used.itemSelectionChanged.connect(self._update_remove)

    def _build_table(self) -> QTableWidget:
        used = QTableWidget(0, 5, self)
        used.setHorizontalHeaderLabels(
            [
                self.tr("Nummer"),
                self.tr("Bezeichnung"),
                self.tr("Menge"),
                self.tr("Einheit"),
                self.tr("Preis netto"),
            ]
        )
        used.verticalHeader().setVisible(False)
        # Tab leaves the table (arrows move between cells): else notes and the dialog's
        # buttons could never be reached from the keyboard.
        used.setTabKeyNavigation(False)
        used.setWordWrap(False)  # rows of one height: the minimum below holds four
        used.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        used.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        used.setColumnWidth(0, 80)
        used.setColumnWidth(2, 70)
        used.setColumnWidth(3, 70)
        used.setColumnWidth(4, 90)
        # Room for four lines plus the header, so a new line is never hidden (it is also
        # scrolled into view when added).
        used.setMinimumHeight(
            used.horizontalHeader().sizeHint().height() + 4 * used.verticalHeader().defaultSectionSize() + 6
        )
        return used

    def _build_layout(self) -> None:
        # A grid rather than a form: the table row gets the stretch, so the button row below
        # it keeps its own space at every dialog height.
        sheet = QGridLayout(self)
        sheet.addWidget(QLabel(self.tr("Geleistete Stunden:"), self), 0, 0)
        sheet.addWidget(self.hours, 0, 1, Qt.AlignmentFlag.AlignLeft)
        sheet.addWidget(QLabel(self.tr("Geplantes Material:"), self), 1, 0, Qt.AlignmentFlag.AlignTop)
        sheet.addWidget(self.planned_label, 1, 1)
        sheet.addWidget(QLabel(self.tr("Verwendete Artikel:"), self), 2, 0, Qt.AlignmentFlag.AlignTop)
        sheet.addWidget(self.used, 2, 1)
        article_buttons = QHBoxLayout()
        article_buttons.addWidget(self.add_article)
        article_buttons.addWidget(self.remove_article)
        article_buttons.addWidget(self.take_planned)
        article_buttons.addStretch(1)
        sheet.addLayout(article_buttons, 3, 1)
        sheet.addWidget(QLabel(self.tr("Notizen:"), self), 4, 0, Qt.AlignmentFlag.AlignTop)
        sheet.addWidget(self.notes, 4, 1)
        sheet.setRowStretch(2, 1)
        sheet.setColumnStretch(1, 1)

    # --- filling -----------------------------------------------------------------------------

    def fill(
        self, hours: Decimal | None, used: list[worksheet.UsedLine], planned: list[worksheet.PlannedItem]
    ) -> None:
        """The stored hours, used lines and planned material of the appointment."""
        self.hours.set_value(hours)
        for line in used:
            self._append_row(line)
        self._planned = planned
        planned_texts = []
        for item in self._planned:
            parts = (format_decimal(item.quantity), item.unit, item.name)
            planned_texts.append(" ".join(p for p in parts if p))
        self.planned_label.setText("; ".join(planned_texts) or self.tr("keines"))

    def set_frozen(self, frozen: bool) -> None:
        """An invoiced appointment: nothing on the worksheet can change (the notes can)."""
        self.frozen = frozen
        if frozen:
            for widget in (self.hours, self.used, self.add_article, self.remove_article, self.take_planned):
                widget.setEnabled(False)
        self.update_buttons()

    def update_buttons(self) -> None:
        self._update_take_planned()
        self._update_remove()

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.used.item(row, column)
        assert item is not None  # every cell of a row is filled when it is added
        return item

    def _append_row(self, line: worksheet.UsedLine) -> None:
        row = self.used.rowCount()
        self.used.insertRow(row)
        price = line.shown_price
        texts = (
            line.number,
            line.name,
            format_decimal(line.quantity),
            line.shown_unit,
            format_money(price) if price is not None else "",
        )
        for col, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if col != QUANTITY_COLUMN:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if col == 1:
                item.setToolTip(text)  # the whole text of an elided line
            if col in (QUANTITY_COLUMN, PRICE_COLUMN):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.used.setItem(row, col, item)
        self._item(row, 0).setData(Qt.ItemDataRole.UserRole, line)
        self.used.scrollToItem(self._item(row, 0))

    def _row_line(self, row: int) -> worksheet.UsedLine:
        line: worksheet.UsedLine = self._item(row, 0).data(Qt.ItemDataRole.UserRole)
        return line

    def _add_used_row(self, line: worksheet.UsedLine) -> None:
        """A hand-picked article: the same article (not from the plan) twice adds up, like
        the service does."""
        for row in range(self.used.rowCount()):
            old = self._row_line(row)
            if (
                line.article_id is not None
                and old.article_id == line.article_id
                and old.planned_id is None
                and old.net_price is None
            ):
                quantity = self._item(row, QUANTITY_COLUMN)
                current = parse_decimal_de(quantity.text()) or Decimal(0)
                quantity.setText(format_decimal(current + line.quantity))
                self.used.scrollToItem(self._item(row, 0))
                return
        self._append_row(line)

    # --- actions -----------------------------------------------------------------------------

    def _pick_article(self) -> None:
        picker = ArticlePickerDialog(self.window())
        chosen = picker.chosen if picker.exec() else None
        picker.deleteLater()  # (it holds every article; the main window would keep it till it closes)
        if chosen is not None:
            row, quantity = chosen
            self.add_used_article(int(row.id), quantity)

    def add_used_article(self, article_id: int, quantity: Decimal) -> None:
        """Add a used article (what the picker does; also handy for tests and scripts)."""
        self._add_used_row(worksheet.article_line(article_id, quantity))
        self._update_take_planned()

    def _remove_article(self) -> None:
        for index in sorted({i.row() for i in self.used.selectedIndexes()}, reverse=True):
            self.used.removeRow(index)
        self._update_remove()
        self._update_take_planned()

    def _update_remove(self) -> None:
        """ "Entfernen" works on the selected used articles only."""
        self.remove_article.setEnabled(not self.frozen and bool(self.used.selectedIndexes()))

    def _table_lines(self) -> list[worksheet.UsedLine]:
        """The table's lines with the quantities as typed (unreadable ones kept as they were)."""
        lines = []
        for row in range(self.used.rowCount()):
            line = self._row_line(row)
            quantity = parse_decimal_de(self._item(row, QUANTITY_COLUMN).text())
            lines.append(replace(line, quantity=quantity) if quantity else line)
        return lines

    def _update_take_planned(self) -> None:
        """Enabled only while some planned line is not on the worksheet yet (V3)."""
        current = self._table_lines()
        missing = worksheet.take_over(self._planned, current) != current
        self.take_planned.setEnabled(missing and not self.frozen)

    def take_over_planned(self) -> None:
        """Take over what is not yet on the worksheet — never twice (V3)."""
        current = self._table_lines()
        result = worksheet.take_over(self._planned, current)
        for row, line in enumerate(result[: len(current)]):
            self._item(row, 0).setData(Qt.ItemDataRole.UserRole, line)
            price = line.shown_price
            self._item(row, PRICE_COLUMN).setText(format_money(price) if price is not None else "")
        for line in result[len(current) :]:
            self._append_row(line)
        self._update_take_planned()
        # Once the table has its final size (a scroll bar may just have appeared), the last
        # new line is brought into view again.
        QTimer.singleShot(0, self.used, self.used.scrollToBottom)

    def used_lines(self) -> list[worksheet.UsedLine] | None:
        """The worksheet lines of the table; None (after a warning) when a quantity is
        unreadable."""
        lines = []
        for row in range(self.used.rowCount()):
            quantity = parse_decimal_de(self._item(row, QUANTITY_COLUMN).text())
            if quantity is None or quantity <= 0:
                window = self.window()
                common.warn(
                    window,
                    window.windowTitle(),
                    self.tr("Die Menge von „%1“ ist keine Zahl größer als 0.").replace(
                        "%1", self._item(row, 1).text()
                    ),
                )
                return None
            lines.append(replace(self._row_line(row), quantity=quantity))
        return lines
