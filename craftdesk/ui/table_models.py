"""Table models shared by the Kunden and Artikel tabs.

A :class:`RecordTableModel` holds plain, immutable row records (dataclasses loaded from the
store on the GUI thread) and describes its columns with :class:`Column`. Views always sit
behind a :class:`RecordFilterProxy`, so a view row number is *not* a model row number:
everything that acts on a row reads the record through ``index.data(RecordRole)``.

Sorting uses :data:`SortRole`, whose values are native, exactly comparable keys (casefolded
text, integers for money and quantities), so Qt sorts in C++ without calling back into
Python for every comparison — that keeps re-sorting 10,000 rows after an import cheap.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from ..services.search import fold, haystack, query_terms
from .plain import plain_tooltip
from .row_set import RowSet
from .style import format_decimal, format_money, format_percent

RecordRole = Qt.ItemDataRole.UserRole + 1
"""The row's record (a frozen dataclass with an ``id``), independent of sorting/filtering."""

SortRole = Qt.ItemDataRole.UserRole + 2
"""A natively comparable sort key for the cell (see :func:`sort_key`)."""

DIMMED_COLOR = QColor("#8a8a8a")
TOOLTIP_MIN_CHARS = 18  # shorter cell texts always fit their column

SearchRole = Qt.ItemDataRole.UserRole + 3
"""A row's pre-folded search text (services.search.haystack) where a tree filters in C++."""

ModelIndex = QModelIndex | QPersistentModelIndex


def search_pattern(text: str) -> QRegularExpression:
    """A regular expression matching a :data:`SearchRole` text that contains every word of
    ``text`` (folded; a phone-like word also by its digits), for Qt's own filter."""
    parts = []
    for word, digits in query_terms(text):
        options = re.escape(word) + (f"|{re.escape(digits)}" if digits else "")
        parts.append(f"(?=.*(?:{options}))")
    return QRegularExpression(
        "^" + "".join(parts) if parts else "", QRegularExpression.PatternOption.DotMatchesEverythingOption
    )


# Decimal sort keys are scaled integers: exact (no float) and compared natively by Qt.
_SORT_SCALE = 6


def collation_key(text: str) -> str:
    """German dictionary order (DIN 5007-1: ä = a, ß = ss), independent of the system locale:
    accents are dropped and case is folded, so "Bäckerei" sorts between "Autohaus" and
    "Blumen" on every machine (the same folding as the search, services.search.fold)."""
    return fold(text)


def sort_key(value: Any) -> Any:
    """A key Qt can compare natively: int for numbers, a collation key for text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Decimal):
        return int(value.scaleb(_SORT_SCALE).to_integral_value())
    if isinstance(value, int):
        return value * 10**_SORT_SCALE
    return collation_key(str(value))


@dataclass(frozen=True)
class Column:
    """One column: how to get the raw value from a record and how to show it.

    ``kind`` selects formatting and alignment: ``text``, ``number`` (German decimal),
    ``money`` (1.234,56 €), ``percent`` (19 %) or ``bool`` (Ja/Nein via ``display``).
    """

    key: str
    title: str
    value: Callable[[Any], Any]
    kind: str = "text"
    display: Callable[[Any], str] | None = None
    searchable: bool = True
    width: int | None = None
    stretch: bool = False  # takes the remaining width of the view
    sort_value: Callable[[Any], Any] | None = None  # what the column sorts by, if not value

    def text(self, record: Any) -> str:
        raw = self.value(record)
        if self.display is not None:
            return self.display(raw)
        if raw is None:
            return ""
        if self.kind == "money":
            return format_money(raw)
        if self.kind == "number":
            return format_decimal(raw)
        if self.kind == "percent":
            return format_percent(raw)
        return str(raw)

    @property
    def numeric(self) -> bool:
        return self.kind in ("money", "number", "percent")


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
    searchable columns.
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
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._dimmed = dimmed
        self._record_id = record_id
        self._checkable = checkable
        self._enabled = enabled
        self._checked: set[Any] = set()
        self._rows = RowSet(record_id, search_text or self._column_search_text)
        self._records = self._rows.visible  # the matching records: the model's rows
        self._texts: dict[Any, list[str]] = {}  # display texts by record id, when first shown
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

    def set_records(self, records: Iterable[Any]) -> None:
        """Replace all rows (kept in the current sort order and filter).

        Display texts are computed lazily: a reload of 10,000 customers after an import
        must not stall the GUI thread formatting rows nobody looks at.
        """
        self.beginResetModel()
        self._rows.replace(records)
        self._records = self._rows.visible
        self._texts = {}
        self._checked &= {self._record_id(r) for r in self._rows.all if self._is_enabled(r)}
        self.endResetModel()
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
            before = self._rows.visible_ids()
            self._rows.restructure(records, removed)
            self._checked -= removed
            self._records = self._rows.visible
            self._relayout(before)
            return
        for row in rows:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def _relayout(self, before_ids: list[Any]) -> None:
        """The rows moved or appeared/disappeared: one layout change keeping selections."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        moved = []
        for index in persistent:
            row = self._rows.row_of_id(before_ids[index.row()]) if index.row() < len(before_ids) else None
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

    def _row_texts(self, row: int) -> list[str]:
        record = self._records[row]
        key = self._record_id(record)
        texts = self._texts.get(key)
        if texts is None:
            texts = self._texts[key] = [c.text(record) for c in self._columns]
        return texts

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
        predicates = self._rows.predicates
        if predicate is None and name not in predicates:
            return
        if predicate is None:
            predicates.pop(name)
        else:
            predicates[name] = predicate
        self.beginResetModel()
        self._rows.refilter(narrowing=True)
        self._records = self._rows.visible
        self.endResetModel()

    # --- sorting -------------------------------------------------------------------------

    def _key_function(self, column: int) -> Callable[[Any], tuple[bool, Any]]:
        value = self._columns[column].sort_value or self._columns[column].value

        def key(record: Any) -> tuple[bool, Any]:
            # Empty values last (ascending); the key is exact (see sort_key), never float.
            raw = sort_key(value(record))
            return (raw is None, raw if raw is not None else 0)

        return key

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows with one cached key per row (not one Python call per comparison,
        as a proxy's lessThan would need): fast for 50,000 rows."""
        if not 0 <= column < len(self._columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if self._rows.sorted_by() == (column, descending):
            return  # already (the header's sort indicator asks a second time)
        before = self._rows.visible_ids()
        self._rows.set_sort(column, self._key_function(column), descending)
        self._records = self._rows.visible
        self._relayout(before)

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
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self._is_enabled(self._records[index.row()]):
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._checkable and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

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

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        record = self._records[row]
        column = self._columns[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row_texts(row)[col]
        if role == RecordRole:
            return record
        if role == Qt.ItemDataRole.CheckStateRole and self._checkable and col == 0:
            checked = self._record_id(record) in self._checked
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        if role == SortRole:
            return sort_key((column.sort_value or column.value)(record))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.numeric else _LEFT
        if self._dimmed is not None:
            reason = self._dimmed(record)
            if reason:
                if role == Qt.ItemDataRole.ForegroundRole:
                    return DIMMED_COLOR
                if role == Qt.ItemDataRole.FontRole:
                    return self._italic
                if role == Qt.ItemDataRole.ToolTipRole:
                    return plain_tooltip(reason)
        if role == Qt.ItemDataRole.ToolTipRole and not column.numeric:
            # A long text may be cut off ("Gartenstraße 7, 70771 Leinf…"): hovering shows it whole.
            text = self._row_texts(row)[col]
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


class RecordFilterProxy(QSortFilterProxyModel):
    """The view's model over a :class:`RecordTableModel`. Searching and the named row
    predicates are done by the source model on its cached, pre-folded search texts (one
    list comprehension per keystroke, no Python call per row from Qt); sorting too.

    The search text is split into words; a row matches when every word occurs in it,
    with umlauts, ß and case folded and phone numbers compared by digits.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        # Text keys are already collation keys (see sort_key): a plain comparison is right.
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseSensitive)
        self.setSortLocaleAware(False)
        self.setDynamicSortFilter(False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in the source model (one key per row); the proxy keeps its order."""
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def set_search_text(self, text: str) -> None:
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):
            model.set_search(text)

    def set_predicate(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        """Install (or with None remove) a filter that keeps a record when it returns True."""
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):
            model.set_predicate(name, predicate)

    def record_at(self, row: int) -> Any:
        """The record shown in view row ``row`` (through the role, not the source row)."""
        return self.index(row, 0).data(RecordRole)

    def row_of_id(self, record_id: Any) -> int | None:
        """The view row showing the record with this id, or None when filtered out."""
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            return None
        source_row = model.source_row_of(record_id)
        if source_row is None:
            return None
        index = self.mapFromSource(model.index(source_row, 0))
        return index.row() if index.isValid() else None
