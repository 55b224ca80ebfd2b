"""Table models shared by the Kunden and Artikel tabs.

A :class:`RecordTableModel` holds plain, immutable row records (dataclasses loaded from the
store on the GUI thread) and describes its columns with :class:`Column` (table_columns).
Views always sit behind a :class:`~.record_proxy.RecordFilterProxy`, so a view row number
is *not* a model row number: everything that acts on a row reads the record through
``index.data(RecordRole)``.

The model filters and sorts itself on cached, pre-folded search texts and cached sort keys
(ui.row_set): the proxy above it never calls back into Python per row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from ..services.search import haystack, query_terms
from .let_go import let_go_gradually
from .plain import plain_tooltip
from .row_set import Prepared, Presorted, RowSet, presort
from .table_columns import (
    Column,
    RecordRole,
    SearchRole,
    SortRole,
    collation_key,
    search_pattern,
    sort_key,
)

__all__ = [
    "Column",
    "RecordRole",
    "RecordTableModel",
    "SearchRole",
    "SortRole",
    "collation_key",
    "search_pattern",
    "sort_key",
]

DIMMED_COLOR = QColor("#8a8a8a")
TOOLTIP_MIN_CHARS = 18  # shorter cell texts always fit their column

ModelIndex = QModelIndex | QPersistentModelIndex


_Shown = tuple[list[str], str | None]  # a row's display texts, its dimmed reason

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_CHECK_STATE = int(Qt.ItemDataRole.CheckStateRole)
_DIMMED_ROLES = frozenset((_FOREGROUND, _FONT))
_NOTHING = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.SizeHintRole,
        Qt.ItemDataRole.StatusTipRole,
        Qt.ItemDataRole.WhatsThisRole,
        Qt.ItemDataRole.EditRole,
    )
)

_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_SELECTABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_CHECKABLE = _SELECTABLE | Qt.ItemFlag.ItemIsUserCheckable

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)


class RecordTableModel(QAbstractTableModel):
    """Rows are immutable records; cells are computed from :class:`Column` descriptions.

    ``dimmed(record) -> str | None`` marks rows shown grey (deleted in sevDesk, inactive);
    the returned text is the row's tooltip. ``record_id`` gives a record's identity (default
    its ``id``). With ``checkable`` the first column carries a checkbox; ``enabled(record)``
    False makes a row unselectable and uncheckable (e.g. an order already imported).

    The model filters itself (search text and named predicates), so the proxy above it
    never calls back into Python per row: the model's rows are the *matching* records,
    :meth:`records` and :meth:`total_count` are all of them. ``search_text(record)`` gives
    a row's pre-folded search text (see services.search); by default it is built from the
    searchable columns; ``search_texts(records)`` gives those of many records at once.
    """

    checked_changed = Signal()

    def __init__(
        self,
        columns: Sequence[Column],
        dimmed: Callable[[Any], str | None] | None = None,
        parent: QObject | None = None,
        *,
        record_id: Callable[[Any], Any] = attrgetter("id"),
        checkable: bool = False,
        enabled: Callable[[Any], bool] | None = None,
        search_text: Callable[[Any], str] | None = None,
        search_texts: Callable[[Sequence[Any]], list[str]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._dimmed = dimmed
        self._record_id = record_id
        self._checkable = checkable
        self._enabled = enabled
        self._checked: set[Any] = set()
        self._rows = RowSet(record_id, search_text or self._column_search_text, search_texts)
        self._records = self._rows.visible  # the matching records: the model's rows
        self._texts: dict[Any, _Shown] = {}  # display texts by record id, when first shown
        self._italic = QFont()
        self._italic.setItalic(True)

    # --- data ---------------------------------------------------------------------------

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    def column_of(self, key: str) -> int:
        for number, column in enumerate(self._columns):
            if column.key == key:
                return number
        raise KeyError(key)

    def set_records(self, records: Iterable[Any] | Prepared) -> None:
        """Replace all rows (kept in the current sort order and filter); a
        :class:`~.row_set.Prepared` came from :meth:`prepared` on a reader thread.

        Display texts are computed lazily: a reload of 10,000 customers after an import
        must not stall the GUI thread formatting rows nobody looks at.
        """
        self.beginResetModel()
        before = len(self._rows.all)
        prepared = records if isinstance(records, Prepared) else self._rows.prepare(records)
        replaced = self._rows.adopt(prepared)
        self._records = self._rows.visible
        self._texts = {}
        if self._checked:  # (a Python loop over all rows: only when something is checked)
            self._checked &= {self._record_id(r) for r in self._rows.all if self._is_enabled(r)}
        self.endResetModel()
        let_go_gradually(replaced, before)
        if self._checkable:
            self.checked_changed.emit()

    def update_records(self, records: Iterable[Any], removed_ids: Iterable[Any] = ()) -> None:
        """Show these records anew (replacing those with the same id, adding new ones) and
        drop ``removed_ids``: a change of 3 rows touches 3 rows, not the whole table."""
        records = list(records)
        removed = set(removed_ids)
        for record in records:
            self._texts.pop(self._record_id(record), None)
        rows = None if removed else self._rows.update_in_place(records)
        if rows is None:
            self._relayout(lambda: self._rows.restructure(records, removed))
            self._checked -= removed
            return
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def _relayout(self, change: Callable[[], None]) -> None:
        """Rows move, appear or disappear: one layout change that keeps selections (the
        few persistent indexes follow their record; nothing is done per row)."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        count = len(self._records)
        was = [self._record_id(self._records[i.row()]) if i.row() < count else None for i in persistent]
        change()
        self._records = self._rows.visible
        if persistent:
            moved = []
            for index, record_id in zip(persistent, was, strict=True):
                row = self._rows.row_of_id(record_id) if record_id is not None else None
                moved.append(self.index(row, index.column()) if row is not None else QModelIndex())
            self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def records(self) -> list[Any]:
        """All records (also those the filter hides), in sort order."""
        return list(self._rows.all)

    def total_count(self) -> int:
        return len(self._rows.all)

    def record(self, row: int) -> Any:
        return self._records[row]

    def source_row_of(self, record_id: Any) -> int | None:
        """The model row showing this record; None when the filter hides it or it is gone."""
        return self._rows.row_of_id(record_id)

    def contains(self, record_id: Any) -> bool:
        """Whether the record is loaded (shown or hidden by the filter)."""
        return self._rows.position_of_id(record_id) is not None

    def _shown(self, row: int) -> _Shown:
        """The row's display texts and dimmed reason, computed when the row is first painted."""
        record = self._records[row]
        key = self._record_id(record)
        shown = self._texts.get(key)
        if shown is None:
            reason = self._dimmed(record) if self._dimmed is not None else None
            shown = self._texts[key] = ([c.text(record) for c in self._columns], reason or None)
        return shown

    def _row_texts(self, row: int) -> list[str]:
        return self._shown(row)[0]

    def _column_search_text(self, record: Any) -> str:
        return haystack(c.text(record) for c in self._columns if c.searchable)

    # --- filtering -----------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Show the records containing every word (folded; phone numbers by digits)."""
        terms = query_terms(text)
        if terms == self._rows.terms:
            return
        self.beginResetModel()
        self._rows.set_terms(terms)
        self._records = self._rows.visible
        self.endResetModel()

    def set_predicate(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        """Install (or with None remove) a filter that keeps a record when it returns True."""
        if predicate is None and name not in self._rows.predicates:
            return
        self._rows.set_predicate(name, predicate)
        self.beginResetModel()
        self._rows.refilter(rematch=False)
        self._records = self._rows.visible
        self.endResetModel()

    # --- sorting -------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows with one cached key per row (not one Python call per comparison,
        as a proxy's lessThan would need): fast for 50,000 rows."""
        if not 0 <= column < len(self._columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if self._rows.sorted_by() == (column, descending):
            return  # already (the header's sort indicator asks a second time)
        self._relayout(lambda: self._rows.set_sort(column, self._columns[column].sort_keys, descending))

    def compute_keys_ahead(self, rows: int) -> bool:
        """The next ``rows`` sort keys of a column not sorted by yet (RowSet.keys_ahead).
        Only columns of a plain attribute (a name, a number, an address): the others call
        Python per row and, in these tables, show a few values each (a kind, a status),
        whose keys a first sort computes once per value (table_columns.sort_keys)."""
        columns = [(n, c.sort_keys) for n, c in enumerate(self._columns) if _plain(c)]
        return self._rows.keys_ahead(columns, rows)

    def prepared(self, records: list[Any]) -> Prepared:
        """The records made ready to be shown (:meth:`set_records`): sorted by the sort
        column with its keys when it reads a plain attribute, with their ids, search texts
        and filter results. No Qt call: a reader thread does this."""
        sort = self._rows.sorted_by()
        column = self._columns[sort[0]] if sort is not None else None
        keys: Presorted | None = None
        if sort is not None and column is not None and _plain(column):
            records, keys = presort(records, sort[0], sort[1], column.sort_keys(records))
        return self._rows.prepare(records, keys)

    def _is_enabled(self, record: Any) -> bool:
        return self._enabled is None or bool(self._enabled(record))

    # --- checkboxes ------------------------------------------------------------------------

    def checked_records(self) -> list[Any]:
        """The checked records, in model order."""
        return [r for r in self._rows.all if self._record_id(r) in self._checked]

    def set_checked(self, record_id: Any, checked: bool) -> None:
        row = self._rows.row_of_id(record_id)
        if row is None or not self._is_enabled(self._records[row]):
            return
        if checked:
            self._checked.add(record_id)
        else:
            self._checked.discard(record_id)
        index = self.index(row, 0)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checked_changed.emit()

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid() or (
            self._enabled is not None and not self._enabled(self._records[index.row()])
        ):
            return _NO_FLAGS
        return _CHECKABLE if self._checkable and index.column() == 0 else _SELECTABLE

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            self._checkable
            and index.isValid()
            and index.column() == 0
            and role == Qt.ItemDataRole.CheckStateRole
        ):
            state = Qt.CheckState(value) if isinstance(value, int) else value
            self.set_checked(self._record_id(self._records[index.row()]), state == Qt.CheckState.Checked)
            return True
        return False

    # --- Qt model interface --------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: ModelIndex, role: int = _DISPLAY) -> Any:
        # Called for every painted cell and role (seven per cell): the common answers first,
        # from the row's cached texts, with plain int comparisons.
        if role in _NOTHING or not index.isValid():
            return None
        row, col = index.row(), index.column()
        if role == _DISPLAY:
            return self._shown(row)[0][col]
        if role == _ALIGNMENT:
            return _RIGHT if self._columns[col].numeric else _LEFT
        if role in _DIMMED_ROLES:
            reason = self._shown(row)[1]
            if reason is None:
                return None
            return DIMMED_COLOR if role == _FOREGROUND else self._italic
        record = self._records[row]
        if role == RecordRole:
            return record
        if role == _CHECK_STATE:
            if not (self._checkable and col == 0):
                return None
            checked = self._record_id(record) in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == SortRole:
            column = self._columns[col]
            return sort_key((column.sort_value or column.value)(record))
        if role == _TOOLTIP:
            texts, reason = self._shown(row)
            if reason is not None:
                return plain_tooltip(reason)
            if self._columns[col].numeric:
                return None
            # A long text may be cut off ("Gartenstraße 7, 70771 Leinf…"): hovering shows it whole.
            text = texts[col]
            return plain_tooltip(text) if len(text) > TOOLTIP_MIN_CHARS else None  # H5
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
                return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return super().headerData(section, orientation, role)


def _plain(column: Column) -> bool:
    """Whether the column sorts by a plain attribute (no Python call per row; Qt-free)."""
    return isinstance(column.sort_value or column.value, attrgetter)
