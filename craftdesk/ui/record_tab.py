"""The common frame of the Kunden and Artikel tabs: search field, filter checkbox,
"Neu"/"Bearbeiten" buttons, a sortable table behind a :class:`RecordFilterProxy` and a
row counter. Subclasses provide the columns, the loader and the edit dialog.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..services.changes import Change, Scope
from ..services.search import haystack
from ..sync.contract import SyncControl
from .background_rows import BackgroundRows
from .column_fit import ColumnFit
from .empty_hint import EmptyHint
from .keys import KeyAction, SelectOnFocus, into_list, row_ends
from .lazy_reload import LazyReloadMixin
from .record_empty import EmptyTableMixin
from .record_proxy import RecordFilterProxy
from .row_set import Prepared
from .server_away import mark_editing
from .sort_ahead import SortKeysAhead
from .table_models import Column, RecordRole, RecordTableModel

MIN_STRETCH_WIDTH = 120  # the address keeps this much when the window is narrow
FREEZE_ROWS = 5000  # from this many rows on, a reload moves the heap out of the GC's way
# From this many rows on, a full read runs on a helper thread. A read on the GUI thread
# costs 30–55 µs a row: 4,000 customers held the window 130–220 ms with a limit of 5,000.
BACKGROUND_ROWS = 500
# Up to this many changed rows are read and updated on the GUI thread (~70 µs each); more
# are read with the whole table: the first import of 50,000 customers into an open Kunden
# tab held the window 3.4 s reading them by id.
REFRESH_ROWS = 300


class RecordTab(EmptyTableMixin, LazyReloadMixin, QWidget):
    """Base of a tab showing one table of store records.

    Its own strings use the explicit context "RecordTab": ``self.tr`` in a base class
    would look them up under the subclass's name, where the translation tools never put them.

    Subclasses implement :meth:`columns`, :meth:`load_records`, :meth:`open_editor` and may
    install a filter checkbox with :meth:`add_filter_checkbox`.
    """

    record_saved = Signal(object)

    def __init__(self, controller: SyncControl, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self.controller = controller

        self.model = RecordTableModel(
            self.columns(),
            dimmed=self.dimmed_reason,
            parent=self,
            search_text=self.search_text,
            search_texts=self.search_texts,
        )
        self.proxy = RecordFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.search_placeholder())
        self.search.textChanged.connect(self._search_changed)
        self._hidden_choice: Any = None  # the row selected before a search hid it

        self.new_button = QPushButton(QCoreApplication.translate("RecordTab", "Neu"), self)
        self.new_button.clicked.connect(self.create_record)
        self.edit_button = QPushButton(QCoreApplication.translate("RecordTab", "Bearbeiten"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.edit_button.setEnabled(False)
        mark_editing(self.new_button, self.edit_button)  # greyed while the server is away (T7)

        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        stretch = [n for n, c in enumerate(self.model.columns) if c.stretch]
        header.setStretchLastSection(not stretch)
        for number, column in enumerate(self.model.columns):
            if column.width:
                self.view.setColumnWidth(number, column.width)
            if column.stretch:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
        if stretch:  # narrow windows: the fixed columns shrink, the stretching one stays readable
            widths = {n: c.width for n, c in enumerate(self.model.columns) if c.width and not c.stretch}
            whole = tuple(n for n, c in enumerate(self.model.columns) if c.whole)
            self.column_fit = ColumnFit(self.view, widths, MIN_STRETCH_WIDTH, whole)
        self.view.sortByColumn(self.default_sort_column(), Qt.SortOrder.AscendingOrder)
        self.view.doubleClicked.connect(self._on_double_click)
        # Tab leaves the table (rows are selected whole; there is no cell to move to), and
        # Enter opens the selected record like a double click.
        self.view.setTabKeyNavigation(False)
        self._enter = KeyAction(self.view, (Qt.Key.Key_Return, Qt.Key.Key_Enter), self.edit_selected)
        self._select_on_focus = SelectOnFocus(self.view)
        self._ends = row_ends(self.view)
        self._into_list = into_list(self.search, self.view)
        # A sort moves the selected row: it stays in view (after the view's own sort).
        header, view = self.view.horizontalHeader(), self.view
        header.sortIndicatorChanged.connect(lambda *_: view.scrollTo(view.currentIndex()))
        self.view.selectionModel().selectionChanged.connect(self._on_selection)

        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.reveal_note = QLabel(self)  # says when a saved record was hidden by the search
        self.reveal_note.setObjectName("RevealNote")
        self._filter_boxes: list[QCheckBox] = []

        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(QLabel(QCoreApplication.translate("RecordTab", "Suchen:"), self))
        self.toolbar.addWidget(self.search, 1)
        self.filter_row = QHBoxLayout()
        self.toolbar.addLayout(self.filter_row)
        self.toolbar.addSpacing(12)
        self.toolbar.addWidget(self.new_button)
        self.toolbar.addWidget(self.edit_button)

        layout = QVBoxLayout(self)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.reveal_note, 1)
        bottom.addWidget(self.count_label)
        layout.addLayout(bottom)
        self.search.textEdited.connect(lambda _text: self.reveal_note.clear())

        self._reader = BackgroundRows(self)
        self._reader.loaded.connect(self._on_loaded)
        self._sort_ahead = SortKeysAhead(self.model, self)
        self._read_again = False
        self._refreshed: set[int] = set()
        self.empty_hint = EmptyHint(self.view)
        self.empty_hint.linkActivated.connect(self.follow_link)

        controller.data_changed.connect(self._on_data_changed)
        controller.records_changed.connect(self._on_records_changed)
        controller.connection_state_changed.connect(self._update_empty_hint)
        controller.busy_changed.connect(self._update_empty_hint)
        if lazy:  # built hidden in the window: loads when first shown
            self.mark_stale()
            self._update_count()
        else:
            self.reload()

    # --- to implement ----------------------------------------------------------------------

    def columns(self) -> list[Column]:
        raise NotImplementedError

    def load_records(self, ids: set[int] | None = None) -> list[Any]:
        """All records, or only those with these ids (that still exist)."""
        raise NotImplementedError

    def search_text(self, record: Any) -> str:
        """The record's pre-folded search text (default: its searchable columns)."""
        return haystack(c.text(record) for c in self.model.columns if c.searchable)

    def search_texts(self, records: Sequence[Any]) -> list[str]:
        """The search texts of many records (subclasses may build them in bulk)."""
        return list(map(self.search_text, records))

    def open_editor(self, record: Any | None) -> int | None:
        """Show the edit dialog (record None = create); the saved record's id, or None."""
        raise NotImplementedError

    def dimmed_reason(self, record: Any) -> str | None:
        return None

    def load_records_by_ids(self, ids: list[int]) -> list[Any] | None:
        """The current records of ``ids`` (T6); None: this tab only reloads everything."""
        return None

    def search_placeholder(self) -> str:
        return QCoreApplication.translate("RecordTab", "Suchbegriff eingeben …")

    def count_text(self, shown: int, total: int) -> str:
        text = QCoreApplication.translate("RecordTab", "%1 von %2 Einträgen")
        return text.replace("%1", str(shown)).replace("%2", str(total))

    def default_sort_column(self) -> int:
        return 0

    def empty_text(self, state: str) -> str:
        """What the empty table says; ``state`` is ``importing``, ``connected`` or
        ``disconnected`` (sevDesk not usable: no token yet, switched off or token rejected)."""
        return QCoreApplication.translate("RecordTab", "Noch keine Einträge.")

    # --- behaviour -------------------------------------------------------------------------

    def add_filter_checkbox(
        self, text: str, name: str, hide: Callable[[Any], bool], checked: bool = True
    ) -> QCheckBox:
        """A checkbox that, when unchecked, hides records for which ``hide`` is True
        (called on the reader thread for a big table: it must not touch Qt)."""
        box = QCheckBox(text, self)
        box.setChecked(checked)

        def apply(state: bool) -> None:
            self.proxy.set_predicate(name, None if state else (lambda r: not hide(r)))
            self._update_count()

        box.toggled.connect(apply)
        apply(checked)
        self.filter_row.addWidget(box)
        # Tab goes where the eye goes: search, the filters, then the buttons and the table.
        QWidget.setTabOrder(self._filter_boxes[-1] if self._filter_boxes else self.search, box)
        self._filter_boxes.append(box)
        return box

    def _on_records_changed(self, what: str, ids: list[int]) -> None:
        """Records changed at another workstation (T6): the same typed path as the app's own
        writes — those rows only, or when shown if the tab is hidden."""
        scope = {"customers": Scope.CUSTOMERS, "articles": Scope.ARTICLES}.get(what)
        if scope is None or not scope & self.row_scope:
            return
        if self.isVisible() and not self._stale and self._pending_ids is None:
            self._refresh(list(ids))
        else:
            self._on_data_changed(Change.of(Scope.NONE, **{what: ids}))

    def reload(self) -> None:
        """Re-read the records from the store, keeping the selected record selected; a big
        table is read on a helper thread (the rows shown meanwhile stay usable)."""
        if self._reader.running:
            self._read_again = True  # what the running read saw may be older
            return
        rows = self.model.total_count()
        if rows < FREEZE_ROWS:
            rows = max(rows, self.count_records())
        if rows >= BACKGROUND_ROWS:
            self._read_again, self._refreshed = False, set()
            self._sort_ahead.stop()  # its keys would be for the rows being replaced
            self._reader.start(self._read_with_keys, freeze=rows >= FREEZE_ROWS)
            self._update_count()
            return
        self._show_records(self.load_records())

    def _read_with_keys(self) -> Any:
        """On the reader thread: the records, sorted with their keys when it can, with
        their ids, search texts and filter results (the GUI thread only takes them over)."""
        return self.model.prepared(self.load_records())

    def _on_loaded(self, result: Any) -> None:
        self._reader.running = False
        if isinstance(result, BaseException):
            self._update_count()  # not "reading" forever: the count and the note are current
            if self.model.total_count() >= BACKGROUND_ROWS:
                self._sort_ahead.start()  # for the rows still shown
            raise result  # as a read on the GUI thread would (the excepthook says it)
        self._show_records(result)
        if self._read_again:
            self.reload()
        elif self._refreshed:  # changed while the read ran: shown as they are now
            self._refresh(sorted(self._refreshed))

    def count_records(self) -> int:
        """How many records a full read brings (0: unknown; read on the GUI thread)."""
        return 0

    def _show_records(self, records: list[Any] | Prepared) -> None:
        selected = self.selected_record()
        self.model.set_records(records)
        if self.model.total_count() >= FREEZE_ROWS:
            # Tens of thousands of long-lived rows: Python's cyclic GC would walk them all on
            # every full collection (the GUI thread stood still for a second at 50,000
            # customers). Frozen, they are skipped; rows dropped later are still freed.
            gc.freeze()
        if self.model.total_count() >= BACKGROUND_ROWS:
            self._sort_ahead.start()  # a first sort by another column then only sorts
        if selected is not None:
            self.select_record(getattr(selected, "id", None))
        self._update_count()
        self._on_selection()

    def refresh_rows(self, ids: set[int]) -> None:
        """Re-read only these records (an import that changed 3 customers updates 3 rows)."""
        if ids:
            self._refresh(sorted(ids))

    def _refresh(self, ids: list[int]) -> None:
        if len(ids) > REFRESH_ROWS:
            self.reload()  # a big table is read on the helper thread, the window stays free
            return
        if self._reader.running:
            self._refreshed.update(ids)  # again once the running read is shown
        records = self.load_records_by_ids(ids)
        if records is None:
            self.reload()
            return
        self.model.update_records(records, set(ids) - {getattr(r, "id", None) for r in records})
        self._update_count()
        self._on_selection()

    def _search_changed(self, text: str) -> None:
        """Filter the rows; the selected row stays selected, and one a search hid is selected
        again when a later search (or none) shows it, unless the user chose another."""
        selected = self.selected_record()
        chosen = getattr(selected, "id", None) if selected is not None else self._hidden_choice
        self.proxy.set_search_text(text)
        if chosen is not None:
            self._hidden_choice = None if self.select_record(chosen) else chosen
        self._on_selection()  # (a filtered model drops its selection without a signal)
        self._update_count()

    def selected_record(self) -> Any | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        if not rows:
            return None
        return rows[0].data(RecordRole)

    def select_record(self, record_id: Any) -> bool:
        row = self.proxy.row_of_id(record_id)
        if row is None:
            return False
        self.view.selectRow(row)
        self.view.scrollTo(self.proxy.index(row, 0))
        return True

    def _on_selection(self, *_args: object) -> None:
        self.edit_button.setEnabled(self.selected_record() is not None)

    def _on_double_click(self, index: QModelIndex) -> None:
        record = index.data(RecordRole)
        if record is not None:
            self._edit(record)

    def edit_selected(self) -> None:
        record = self.selected_record()
        if record is not None:
            self._edit(record)

    def create_record(self) -> None:
        self._edit(None)

    def _edit(self, record: Any | None) -> None:
        row = self.view.currentIndex().row()
        saved_id = self.open_editor(record)
        if saved_id is not None:
            # The saved (or deleted) row only: reloading 50,000 rows froze the window a second.
            self.refresh_rows({saved_id})
            if not self.reveal(saved_id) and row >= 0 and self.proxy.rowCount() > 0:
                self.view.selectRow(min(row, self.proxy.rowCount() - 1))  # deleted: the next one
            self.record_saved.emit(saved_id)

    def reveal(self, record_id: Any) -> bool:
        """Select the saved record; when the search or a filter hides it, clear them and say
        so, instead of letting the record vanish without a word."""
        self.reveal_note.clear()  # (said of an earlier save)
        if self.select_record(record_id):
            return True
        if not self.model.contains(record_id):
            return False  # deleted
        cleared = bool(self.search.text())
        self.search.clear()
        for box in self._filter_boxes:
            if not self.select_record(record_id) and not box.isChecked():
                box.setChecked(True)
                cleared = True
        shown = self.select_record(record_id)
        if shown and cleared:
            self.reveal_note.setText(
                QCoreApplication.translate(
                    "RecordTab",
                    "Suche und Filter wurden zurückgesetzt, damit der gespeicherte Eintrag zu sehen ist.",
                )
            )
        return shown

    def _update_count(self, *_args: object) -> None:
        total = self.model.total_count()
        if total == 0 and self._reader.running:
            self.count_label.clear()  # not "0 von 0" while the first read runs
        else:
            self.count_label.setText(self.count_text(self.proxy.rowCount(), total))
        self._update_empty_hint()
