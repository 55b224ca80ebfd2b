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
    ) -> None:
        super().__init__(view)
        self.view = view
        self.widths = dict(widths)
        self.whole = whole  # columns that keep their designed width (a date and time)
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
            column: width if column in self.whole else min(width, self._header_width(column))
            for column, width in self.widths.items()
        }
        spare = sum(self.widths.values()) - sum(floors.values())
        room = self.view.viewport().width() - self.min_stretch - sum(floors.values())
        factor = max(0.0, min(1.0, room / spare)) if spare > 0 else 1.0
        for column, width in self.widths.items():
            if header.sectionSize(column) != self._set[column]:
                continue  # resized by the user
            new = max(header.minimumSectionSize(), floors[column] + int((width - floors[column]) * factor))
            self.view.setColumnWidth(column, new)
            self._set[column] = new

    def _header_width(self, column: int) -> int:
        """What the column's title needs, with room for the sort arrow: a column shrinks only
        down to this, so its title stays whole while wider columns give up their width."""
        model = self.view.model()
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "") if model else ""
        return self._header().fontMetrics().horizontalAdvance(title) + 28
