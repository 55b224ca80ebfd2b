"""Narrow windows: the fixed-width columns of a table give up some of their width so that
its stretching column (the address, the article name, a project's title) stays readable.

At 1024 px the Kunden table's fixed columns took all but a few pixels and the address
column showed "H…". The designed widths are kept while they leave the stretching column
``min_stretch`` pixels; below that they shrink in proportion, each down to what its title
needs (so "Quelle" or "Kundennr." stays readable and the wide columns give up the width).
A column the user has resized is left as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHeaderView, QTableView, QTreeView


class ColumnFit(QObject):
    """Watches the view's viewport; ``widths`` are the designed widths of the fixed columns."""

    def __init__(
        self,
        view: QTableView | QTreeView,
        widths: dict[int, int],
        min_stretch: int,
        whole: tuple[int, ...] = (),
        last: tuple[int, ...] = (),
        least: dict[int, int] | None = None,
    ) -> None:
        super().__init__(view)
        self.view = view
        self.widths = dict(widths)
        self.whole = whole  # columns that keep their designed width (a date and time)
        self.last = last  # columns that give up width only when the others are at their least
        self.least = dict(least or {})  # a column's least width, when its title is not enough
        self.min_stretch = min_stretch
        self._set = dict(widths)  # what this object set last, per column
        view.viewport().installEventFilter(self)  # resized after the view's layout: its true width

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _header(self) -> QHeaderView:
        view = self.view
        return view.header() if isinstance(view, QTreeView) else view.horizontalHeader()

    def fit(self) -> None:
        header = self._header()
        floors = {
            column: width
            if column in self.whole
            else min(width, max(self._header_width(column), self.least.get(column, 0)))
            for column, width in self.widths.items()
        }
        # The width above their least that the columns may have: the ``last`` ones get
        # theirs first, the others share what is left, each group in proportion.
        room = max(0, self.view.viewport().width() - self.min_stretch - sum(floors.values()))
        factors: dict[int, float] = {}
        for keep in (True, False):
            columns = [c for c in self.widths if (c in self.last) == keep]
            spare = sum(self.widths[c] - floors[c] for c in columns)
            given = min(spare, room)
            factors.update(dict.fromkeys(columns, given / spare if spare > 0 else 1.0))
            room -= given
        for column, width in self.widths.items():
            if header.sectionSize(column) != self._set[column]:
                continue  # resized by the user
            factor = factors[column]
            new = max(header.minimumSectionSize(), floors[column] + int((width - floors[column]) * factor))
            self.view.setColumnWidth(column, new)
            self._set[column] = new

    def _header_width(self, column: int) -> int:
        """What the column's title needs, with room for the sort arrow: a column shrinks only
        down to this, so its title stays whole while wider columns give up their width."""
        model = self.view.model()
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
        return self._header().fontMetrics().horizontalAdvance(title) + 28
