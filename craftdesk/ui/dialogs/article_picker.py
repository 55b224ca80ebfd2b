"""Pick an article (search as you type) and a quantity, for the worksheet's used articles
and the invoice's lines.

From ``BACKGROUND_ARTICLES`` articles on, they are read on a helper thread while the dialog
is open (13,000 articles held the window a third of a second); a search typed meanwhile
applies when they arrive."""

from __future__ import annotations

from decimal import Decimal
from operator import attrgetter

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...services.local_records import ArticleRow, count_articles, load_article_rows
from ..background_rows import BackgroundRows
from ..empty_hint import EmptyHint
from ..record_proxy import RecordFilterProxy
from ..row_set import Prepared
from ..table_models import Column, RecordRole, RecordTableModel
from . import common

#: From this many articles on, they are read on a helper thread (about 25 µs each).
BACKGROUND_ARTICLES = 500


def active_articles() -> list[ArticleRow]:
    return [r for r in load_article_rows() if r.active]


class ArticlePickerDialog(QDialog):
    """``chosen`` holds (article row, quantity) after ``exec()`` returned true. ``loading``
    is true while the articles are read; ``articles_read`` is emitted when they are shown."""

    articles_read = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Artikel auswählen"))
        self.resize(640, 420)
        self.chosen: tuple[ArticleRow, Decimal] | None = None

        columns = [
            Column("number", self.tr("Nummer"), attrgetter("number"), width=90),
            Column("name", self.tr("Bezeichnung"), attrgetter("name"), width=280),
            Column("unit", self.tr("Einheit"), attrgetter("unit"), width=70),
            Column("net", self.tr("Netto"), attrgetter("net_price"), kind="money"),
        ]
        self.model = RecordTableModel(columns, parent=self)
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Nummer oder Bezeichnung …"))
        self.search.textChanged.connect(self._search)
        self.view = common.record_table(self.proxy, columns, self, sort=(1, Qt.SortOrder.AscendingOrder))
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
        self.hint = EmptyHint(self.view)
        self._reader = BackgroundRows(self)
        self._reader.loaded.connect(self._on_read)
        self._accept_when_read = False  # Enter while reading: the first hit, once read
        self.loading = count_articles() >= BACKGROUND_ARTICLES
        if self.loading:  # sorted by name (the sort set above) on the reader thread
            self.hint.show_text(self.tr("Die Artikel werden gelesen …"))
            model = self.model  # (not the dialog: the helper thread must never hold its last reference)
            self._reader.start(lambda: model.prepared(active_articles()))
        else:
            self._show(active_articles())

    def _show(self, rows: list[ArticleRow] | Prepared) -> None:
        self.model.set_records(rows)
        self.hint.show_text(
            None if self.model.total_count() else self.tr("Es gibt noch keine aktiven Artikel.")
        )
        if self.proxy.rowCount():
            self.view.selectRow(0)

    def _on_read(self, result: object) -> None:
        self.loading = False
        if isinstance(result, BaseException):
            self.hint.show_text(None)
            raise result  # as a read on the GUI thread would (the excepthook says it)
        assert isinstance(result, Prepared)
        self._show(result)
        self.articles_read.emit()
        if self._accept_when_read:
            self._accept_when_read = False
            self._accept()

    def _search(self, text: str) -> None:
        self.proxy.set_search_text(text)
        if self.proxy.rowCount():
            self.view.selectRow(0)

    def _double_clicked(self, index: QModelIndex) -> None:
        self.view.selectRow(index.row())
        self._accept()

    def _accept(self) -> None:
        if self.loading:
            self._accept_when_read = True
            return
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
