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

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont

from .style import format_decimal, format_money, format_percent

RecordRole = Qt.ItemDataRole.UserRole + 1
"""The row's record (a frozen dataclass with an ``id``), independent of sorting/filtering."""

SortRole = Qt.ItemDataRole.UserRole + 2
"""A natively comparable sort key for the cell (see :func:`sort_key`)."""

DIMMED_COLOR = QColor("#8a8a8a")
TOOLTIP_MIN_CHARS = 18  # shorter cell texts always fit their column

ModelIndex = QModelIndex | QPersistentModelIndex

# Decimal sort keys are scaled integers: exact (no float) and compared natively by Qt.
_SORT_SCALE = 6


_GERMAN_LETTERS = str.maketrans({"ß": "ss", "æ": "ae", "ø": "o", "œ": "oe"})


def collation_key(text: str) -> str:
    """German dictionary order (DIN 5007-1: ä = a, ß = ss), independent of the system locale:
    accents are dropped and case is folded, so "Bäckerei" sorts between "Autohaus" and
    "Blumen" on every machine."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(_GERMAN_LETTERS))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


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


class RecordTableModel(QAbstractTableModel):
    """Rows are immutable records; cells are computed from :class:`Column` descriptions.

    ``dimmed(record) -> str | None`` marks rows shown grey (deleted in sevDesk, inactive);
    the returned text is the row's tooltip. ``record_id`` gives a record's identity (default
    its ``id``). With ``checkable`` the first column carries a checkbox; ``enabled(record)``
    False makes a row unselectable and uncheckable (e.g. an order already imported).
    """

    checked_changed = Signal()

    def __init__(self, columns: Sequence[Column], dimmed: Callable[[Any], str | None] | None = None,
                 parent: QObject | None = None, *,
                 record_id: Callable[[Any], Any] = lambda r: getattr(r, "id", None),
                 checkable: bool = False, enabled: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._dimmed = dimmed
        self._record_id = record_id
        self._checkable = checkable
        self._enabled = enabled
        self._checked: set[Any] = set()
        self._records: list[Any] = []
        self._texts: list[list[str] | None] = []  # per row, computed when first shown
        self._haystacks: list[str] | None = None  # computed on the first search
        self._row_of_id: dict[Any, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
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
        """Replace all rows (kept in the current sort order).

        Display texts and search texts are computed lazily: a reload of 10,000 customers
        after an import must not stall the GUI thread formatting rows nobody looks at.
        """
        self.beginResetModel()
        self._records = list(records)
        if self._sort is not None:
            self._records.sort(key=self._key_function(self._sort[0]),
                               reverse=self._sort[1] == Qt.SortOrder.DescendingOrder)
        self._texts = [None] * len(self._records)
        self._haystacks = None
        self._row_of_id = {self._record_id(r): n for n, r in enumerate(self._records)}
        self._checked &= {self._record_id(r) for r in self._records if self._is_enabled(r)}
        self.endResetModel()
        if self._checkable:
            self.checked_changed.emit()

    def update_records(self, ids: Iterable[Any], records: Iterable[Any]) -> None:
        """Re-read rows by id (T6: another workstation changed them): ``records`` are the
        current ones of ``ids``; an id without a record was deleted, a new id is appended."""
        fresh = {self._record_id(r): r for r in records}
        for record_id in dict.fromkeys(ids):
            row = self._row_of_id.get(record_id)
            record = fresh.pop(record_id, None)
            if row is not None and record is not None:
                self._records[row] = record
                self._texts[row] = None
                self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
            elif row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._records[row]
                del self._texts[row]
                self.endRemoveRows()
                self._row_of_id = {self._record_id(r): n for n, r in enumerate(self._records)}
        for record_id, record in fresh.items():
            if record_id in self._row_of_id:
                continue
            row = len(self._records)
            self.beginInsertRows(QModelIndex(), row, row)
            self._records.append(record)
            self._texts.append(None)
            self._row_of_id[record_id] = row
            self.endInsertRows()
        self._haystacks = None

    def records(self) -> list[Any]:
        return list(self._records)

    def record(self, row: int) -> Any:
        return self._records[row]

    def source_row_of(self, record_id: Any) -> int | None:
        return self._row_of_id.get(record_id)

    def _row_texts(self, row: int) -> list[str]:
        texts = self._texts[row]
        if texts is None:
            record = self._records[row]
            texts = self._texts[row] = [c.text(record) for c in self._columns]
        return texts

    def haystack(self, row: int) -> str:
        """All searchable texts of a row, casefolded, for the search field."""
        if self._haystacks is None:
            searchable = [n for n, c in enumerate(self._columns) if c.searchable]
            self._haystacks = [
                "\n".join(texts[n] for n in searchable).casefold()
                for texts in (self._row_texts(r) for r in range(len(self._records)))
            ]
        return self._haystacks[row]

    # --- sorting -------------------------------------------------------------------------

    def _key_function(self, column: int) -> Callable[[Any], tuple[bool, Any]]:
        value = self._columns[column].value

        def key(record: Any) -> tuple[bool, Any]:
            # Empty values last (ascending); the key is exact (see sort_key), never float.
            raw = sort_key(value(record))
            return (raw is None, raw if raw is not None else 0)

        return key

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in Python with one key per row (not one Python call per
        comparison, as a proxy's lessThan would need): fast for 10,000 rows."""
        if not 0 <= column < len(self._columns):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        old_ids = [self._record_id(r) for r in self._records]
        key = self._key_function(column)
        order_ = sorted(range(len(self._records)), key=lambda n: key(self._records[n]),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._records = [self._records[n] for n in order_]
        self._texts = [self._texts[n] for n in order_]
        if self._haystacks is not None:
            self._haystacks = [self._haystacks[n] for n in order_]
        self._row_of_id = {self._record_id(r): n for n, r in enumerate(self._records)}
        persistent = self.persistentIndexList()
        moved = [self.index(self._row_of_id[old_ids[i.row()]], i.column()) for i in persistent]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def _is_enabled(self, record: Any) -> bool:
        return self._enabled is None or bool(self._enabled(record))

    # --- checkboxes ------------------------------------------------------------------------

    def checked_records(self) -> list[Any]:
        """The checked records, in model order."""
        return [r for r in self._records if self._record_id(r) in self._checked]

    def set_checked(self, record_id: Any, checked: bool) -> None:
        row = self._row_of_id.get(record_id)
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
        if self._checkable and index.isValid() and index.column() == 0 \
                and role == Qt.ItemDataRole.CheckStateRole:
            state = Qt.CheckState(value) if isinstance(value, int) else value
            self.set_checked(self._record_id(self._records[index.row()]),
                             state == Qt.CheckState.Checked)
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
            return sort_key(column.value(record))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if self._dimmed is not None:
            reason = self._dimmed(record)
            if reason:
                if role == Qt.ItemDataRole.ForegroundRole:
                    return DIMMED_COLOR
                if role == Qt.ItemDataRole.FontRole:
                    return self._italic
                if role == Qt.ItemDataRole.ToolTipRole:
                    return reason
        if role == Qt.ItemDataRole.ToolTipRole and not column.numeric:
            # A long text may be cut off ("Gartenstraße 7, 70771 Leinf…"): hovering shows it whole.
            text = self._row_texts(row)[col]
            return text if len(text) > TOOLTIP_MIN_CHARS else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            column = self._columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                horizontal = Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
                return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        return super().headerData(section, orientation, role)


class RecordFilterProxy(QSortFilterProxyModel):
    """Filters by a search text plus named row predicates; sorting is delegated to the
    :class:`RecordTableModel` (by :func:`sort_key`).

    The search text is split into words; a row matches when every word occurs
    (case-insensitively) in one of its searchable columns.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._predicates: dict[str, Callable[[Any], bool]] = {}
        self.setSortRole(SortRole)
        # Text keys are already collation keys (see sort_key): a plain comparison is right.
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseSensitive)
        self.setSortLocaleAware(False)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in the source model (one key per row); the proxy only filters
        and keeps the source order."""
        model = self.sourceModel()
        if isinstance(model, RecordTableModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.9+ wants begin/endFilterChange; older releases only have invalidateRowsFilter.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    def set_search_text(self, text: str) -> None:
        words = text.casefold().split()
        if words != self._words:
            self._refilter(lambda: setattr(self, "_words", words))

    def _drop_predicate(self, name: str) -> None:
        self._predicates.pop(name, None)

    def set_predicate(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        """Install (or with None remove) a filter that keeps a record when it returns True."""
        if predicate is None:
            self._refilter(lambda: self._drop_predicate(name))
        else:
            self._refilter(lambda: self._predicates.__setitem__(name, predicate))

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            return True
        if self._predicates:
            record = model.record(source_row)
            if not all(keep(record) for keep in self._predicates.values()):
                return False
        if self._words:
            haystack = model.haystack(source_row)
            return all(word in haystack for word in self._words)
        return True

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
