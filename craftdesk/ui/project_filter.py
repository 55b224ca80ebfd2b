"""Filters and sorting of the project list (SPEC §11 P5): status (the six of the board, with
"Fertig – abrechenbar" for finished, not yet invoiced work), employee, date range, the
"Abrechenbar" view, and a sort key for every column.

A project or job stays in the list when one of its appointments matches; the appointment
rows carry what the filter needs under ``FilterRole``, as a text (:func:`facts_key`) that a
pattern of the chosen filters (:meth:`Filters.pattern`) matches in Qt's own filter. At
3,000 projects a filter that asked Python about every row held the window 55-240 ms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QObject,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QToolButton, QWidget

from ..services import employees as employee_service
from ..services.planning import days_covered
from .qt_dates import to_date
from .table_columns import numbered

FilterRole = Qt.ItemDataRole.UserRole + 7
SortRole = Qt.ItemDataRole.UserRole + 8

# Filter codes in the order of the status choice; "billable" is "Fertig – abrechenbar".
STATUS_FILTERS = ("unscheduled", "scheduled", "in_progress", "problem", "billable", "archived")


def status_filter_names() -> list[str]:
    return [
        QCoreApplication.translate("Status", "Nicht terminiert"),
        QCoreApplication.translate("Status", "Terminiert"),
        QCoreApplication.translate("Status", "In Bearbeitung"),
        QCoreApplication.translate("Status", "Problem"),
        QCoreApplication.translate("Status", "Fertig – abrechenbar"),
        QCoreApplication.translate("Status", "Archiv"),
    ]


@dataclass(frozen=True)
class RowFacts:
    """What the filters look at on an appointment row."""

    status: str
    invoiced: bool
    assignee_ids: tuple[int, ...]
    start: datetime | None
    end: datetime | None = None  # None or not after the start: the default duration

    def days(self) -> tuple[date, date] | None:
        """The first and the last day the appointment is on, as the board counts them."""
        return days_covered(self.start, self.end) if self.start is not None else None


@dataclass(frozen=True)
class Filters:
    status: str | None = None  # one of STATUS_FILTERS
    employee_id: int | None = None
    first: date | None = None
    last: date | None = None

    @property
    def active(self) -> bool:
        return any(v is not None for v in (self.status, self.employee_id, self.first, self.last))

    def accepts(self, facts: RowFacts) -> bool:
        if self.status == "billable":
            if facts.status != "done" or facts.invoiced:
                return False
        elif self.status is not None and facts.status != self.status:
            return False
        if self.employee_id is not None and self.employee_id not in facts.assignee_ids:
            return False
        if self.first is not None or self.last is not None:
            days = facts.days()
            if days is None or (self.first and self.last and self.first > self.last):
                return False  # a range that ends before it begins holds no day
            if (self.first and days[1] < self.first) or (self.last and days[0] > self.last):
                return False  # P5: any day of it in the range, as on the board
        return True

    def pattern(self) -> str:
        """The pattern of these filters over a :func:`facts_key`: what :meth:`accepts`
        says, for Qt's filter to test without a Python call per row."""
        status, invoiced = r"[^|]*", "[01]"
        if self.status == "billable":
            status, invoiced = "done", "0"
        elif self.status is not None:
            status = re.escape(self.status)
        employee = r"[^|]*" if self.employee_id is None else rf"[^|]*,{int(self.employee_id)},[^|]*"
        first, last = _days_pattern(self.first, self.last)
        return rf"^\|s:{status}\|i:{invoiced}\|e:{employee}\|d:{first}\|l:{last}\|$"


def facts_key(facts: RowFacts) -> str:
    """An appointment's facts as the text :meth:`Filters.pattern` matches."""
    assignees = ",".join(str(i) for i in facts.assignee_ids)
    days = facts.days()
    first, last = (_day_digits(days[0]), _day_digits(days[1])) if days is not None else ("", "")
    return f"|s:{facts.status}|i:{int(facts.invoiced)}|e:,{assignees},|d:{first}|l:{last}|"


@lru_cache(maxsize=8)
def _days_pattern(first: date | None, last: date | None) -> tuple[str, str]:
    """The patterns of an appointment's first and last day for a date range: it starts by
    the range's last day and ends from its first (any day of it in the range)."""
    if first is None and last is None:
        return r"[^|]*", r"[^|]*"
    if first is not None and last is not None and first > last:
        return "(?!)", "(?!)"  # no day
    starts = digits_past(_day_digits(last), above=False) if last is not None else r"\d{8}"
    ends = digits_past(_day_digits(first), above=True) if first is not None else r"\d{8}"
    return starts, ends


def _day_digits(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def digits_past(bound: str, above: bool) -> str:
    """A pattern of the digit texts of ``bound``'s length at or above it (``above``), or at
    or below it."""
    if not bound:
        return ""
    first = int(bound[0])
    choices = [f"{first}{digits_past(bound[1:], above)}"]
    if above and first < 9:
        choices.append(f"[{first + 1}-9]{_any_digits(len(bound) - 1)}")
    elif not above and first > 0:
        choices.append(f"[0-{first - 1}]{_any_digits(len(bound) - 1)}")
    return f"(?:{'|'.join(choices)})"


def _any_digits(count: int) -> str:
    return rf"\d{{{count}}}" if count else ""


def sort_text(value: object) -> str:
    """A sort key as text: numbers by their value (AB-1042 after AB-999, as in the record
    tables), text case-blind."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat()
    return numbered(str(value).casefold())


class ProjectFilterProxy(QSortFilterProxyModel):
    """Search text plus the structured filters over the tree's model; sorts by ``SortRole``.

    The search is Qt's own filter (C++), so a keystroke makes no Python call per row; at
    3,000 projects the Python filter below held every keystroke 30–50 ms longer. The
    structured filters sit between the tree's model and this proxy (a
    :class:`_FactsFilter`) only while one is chosen.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filters = Filters()
        self._empty = QStandardItemModel(self)  # what the facts filter looks at while unused
        self._tree: QAbstractItemModel = self._empty
        self._facts = _FactsFilter(self)
        self.setRecursiveFilteringEnabled(True)  # a matching appointment keeps its project
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortRole(SortRole)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_tree(self, model: QAbstractItemModel) -> None:
        """The tree's model (the rows this proxy shows, filtered and sorted). Not
        ``setSourceModel``: the source is the filters' proxy while a filter is chosen."""
        self._tree = model
        self._attach()

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self._attach()

    def _attach(self) -> None:
        if self.filters.active:
            if self._facts.filters != self.filters:  # a new tree alone needs no second pass
                if self.sourceModel() is self._facts:
                    # Shown: Qt would move this proxy's rows along one range at a time
                    # (76 ms at 3,000 projects); taken off and put back, it reads them anew.
                    # Meanwhile on no rows of as many columns: the header keeps its widths.
                    self._empty.setColumnCount(self._tree.columnCount())
                    self.setSourceModel(self._empty)
                self._facts.set_filters(self.filters)
            if self._facts.sourceModel() is not self._tree:
                self._facts.setSourceModel(self._tree)
            if self.sourceModel() is not self._facts:
                self.setSourceModel(self._facts)
        elif self.sourceModel() is not self._tree:
            self.setSourceModel(self._tree)
            self._facts.setSourceModel(self._empty)  # not filtering rows nobody shows


class _FactsFilter(QSortFilterProxyModel):
    """The structured filters: an appointment row matches by the text of its facts under
    ``FilterRole`` (Qt's filter, no Python call per row); a project or job stays through
    its matching appointments (recursive filter)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.filters = Filters()
        self.setRecursiveFilteringEnabled(True)
        self.setFilterRole(FilterRole)
        self.setFilterKeyColumn(0)

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self.setFilterRegularExpression(QRegularExpression(filters.pattern()))


class FilterBar(QWidget):
    """Status, employee and date range choices above the project list."""

    changed = Signal(object)  # Filters

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QComboBox(self)
        self.status.addItem(self.tr("Alle Status"), None)
        for code, name in zip(STATUS_FILTERS, status_filter_names(), strict=True):
            self.status.addItem(name, code)
        self.employee = QComboBox(self)
        self.employee.setMinimumContentsLength(14)
        self.use_range = QCheckBox(self.tr("Zeitraum:"), self)
        today = QDate.currentDate()
        self.first = QDateEdit(today.addDays(1 - today.dayOfWeek()), self)
        self.last = QDateEdit(today.addDays(7 - today.dayOfWeek()), self)
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.setEnabled(False)
            edit.dateChanged.connect(self._emit)
        self.billable = QToolButton(self)
        self.billable.setText(self.tr("Abrechenbar"))
        self.billable.setCheckable(True)
        self.billable.setToolTip(self.tr("Projekte mit fertigen, noch nicht abgerechneten Terminen"))
        self.reset = QToolButton(self)
        self.reset.setText(self.tr("Alle zeigen"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Status:"), self))
        layout.addWidget(self.status)
        layout.addWidget(QLabel(self.tr("Mitarbeiter:"), self))
        layout.addWidget(self.employee)
        layout.addWidget(self.use_range)
        layout.addWidget(self.first)
        layout.addWidget(QLabel("–", self))
        layout.addWidget(self.last)
        layout.addWidget(self.billable)
        layout.addWidget(self.reset)
        layout.addStretch(1)
        self.load_employees()
        self.status.currentIndexChanged.connect(self._status_changed)
        self.employee.currentIndexChanged.connect(self._emit)
        self.use_range.toggled.connect(self._range_toggled)
        self.billable.toggled.connect(self._billable_toggled)
        self.reset.clicked.connect(self.clear)

    def load_employees(self) -> bool:
        """The employee choice: all, then the active employees by name (kept selection).
        Whether the choice changed (the chosen one left: all are shown); no ``changed``
        signal, the caller applies :meth:`filters` as it rebuilds the tree."""
        current = self.employee.currentData()
        self.employee.blockSignals(True)
        self.employee.clear()
        self.employee.addItem(self.tr("Alle Mitarbeiter"), None)
        for person in employee_service.list_employees(include_inactive=False):
            self.employee.addItem(person.name, person.id)
        index = self.employee.findData(current)
        self.employee.setCurrentIndex(max(0, index))
        self.employee.blockSignals(False)
        return current is not None and index < 0

    def filters(self) -> Filters:
        first = last = None
        if self.use_range.isChecked():
            first, last = to_date(self.first.date()), to_date(self.last.date())
        return Filters(self.status.currentData(), self.employee.currentData(), first, last)

    def clear(self) -> None:
        """ "Alle zeigen": every choice back, applied once (one by one, the tree was filtered
        again for each: 60-85 ms at 3,000 projects with a search)."""
        before = self.filters()
        widgets = (self.status, self.employee, self.use_range, self.billable)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            for combo in (self.status, self.employee):
                combo.setCurrentIndex(0)
            self.use_range.setChecked(False)
            self.billable.setChecked(False)
            self.first.setEnabled(False)
            self.last.setEnabled(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        if self.filters() != before:
            self._emit()

    def _range_toggled(self, on: bool) -> None:
        self.first.setEnabled(on)
        self.last.setEnabled(on)
        self._emit()

    def _status_changed(self) -> None:
        self.billable.blockSignals(True)
        self.billable.setChecked(self.status.currentData() == "billable")
        self.billable.blockSignals(False)
        self._emit()

    def _billable_toggled(self, on: bool) -> None:
        self.status.setCurrentIndex(self.status.findData("billable") if on else 0)

    def _emit(self, *_args: object) -> None:
        self.changed.emit(self.filters())
