"""Narrow windows: the fixed-width columns of a table give up some of their width so that
its stretching column (the address, the article name) stays readable.

At 1024 px the Kunden table's fixed columns took all but a few pixels and the address
column showed "H…". The designed widths are kept while they leave the stretching column
``min_stretch`` pixels; below that they shrink in proportion. A column the user has
resized is left as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QTableView


class ColumnFit(QObject):
    """Watches the view's viewport; ``widths`` are the designed widths of the fixed columns."""

    def __init__(self, view: QTableView, widths: dict[int, int], min_stretch: int) -> None:
        super().__init__(view)
        self.view = view
        self.widths = dict(widths)
        self.min_stretch = min_stretch
        self._set = dict(widths)  # what this object set last, per column
        view.viewport().installEventFilter(self)  # resized after the view's layout: its true width

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        total = sum(self.widths.values())
        room = self.view.viewport().width() - self.min_stretch
        factor = min(1.0, room / total) if total > 0 else 1.0
        header = self.view.horizontalHeader()
        for column, width in self.widths.items():
            if header.sectionSize(column) != self._set[column]:
                continue  # resized by the user
            new = max(header.minimumSectionSize(), int(width * factor))
            self.view.setColumnWidth(column, new)
            self._set[column] = new
