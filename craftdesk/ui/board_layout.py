"""Where things are on the planning board (SPEC §11 P2/P3): the week laid out in rows and day
columns, blocks found by arithmetic (no item widgets), and where a drop puts an
appointment. The drag's payload is read and written here too, for the canvas and the
side list alike.

``BoardCanvas`` paints this layout and turns mouse and drag events into its signals.
"""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QRect, QSize
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QWidget

from ..services.board import BoardItem, WeekBoard
from ..services.planning import days_covered

MIME = "application/x-craftdesk-appointment"
FROM_LIST = "list"  # the drag came from the side list of unscheduled appointments
ROW_HEADER = 150  # the employee names; 120 on narrow windows
PAD = 4
GAP = 3
DAY_START = time(7, 0)  # a block dropped on an empty day without a time starts here


def drag_payload(appointment_id: int, source: int | str | None) -> QMimeData:
    """The drag's data: which appointment, and the row it leaves (employee id, None for
    "nicht zugewiesen", ``FROM_LIST`` for the side list)."""
    data = QMimeData()
    data.setData(MIME, QByteArray(json.dumps({"id": appointment_id, "from": source}).encode()))
    return data


def read_payload(mime: QMimeData) -> tuple[int, int | str | None] | None:
    if not mime.hasFormat(MIME):
        return None
    try:
        payload = json.loads(bytes(mime.data(MIME).data()).decode())
        return int(payload["id"]), payload.get("from")
    except (ValueError, KeyError, TypeError):
        return None


def drop_start(
    day: date, others: list[BoardItem], index: int, duration: timedelta, preferred: time | None
) -> datetime:
    """The start of a block dropped at position ``index`` among ``others`` of that day: its
    own time of day where the order allows, else right after the block before it. A
    neighbour that began on an earlier day or ends on a later one (several days long) sets
    no bound on that side: its times are not this day's."""
    start = datetime.combine(day, preferred or DAY_START)
    lower = others[index - 1].end if index > 0 else None
    upper = others[index].start if index < len(others) else None
    if lower is not None and lower.date() != day:
        lower = None
    if upper is not None and upper.date() != day:
        upper = None
    if lower is not None and start < lower:
        start = lower
    if upper is not None and start + duration > upper:
        start = max(lower or datetime.combine(day, time(0)), upper - duration)
    earliest = datetime.combine(day, time(0))
    latest = datetime.combine(day, time(23, 45))
    return min(max(start, earliest), latest)


@dataclass
class DropTarget:
    row: int
    day: int
    index: int
    start: datetime


class BoardLayout(QWidget):
    """The week's geometry: row tops, cells, blocks, and the hit tests on them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board: WeekBoard | None = None
        self.cells: dict[tuple[int, int], list[BoardItem]] = {}
        self.row_tops: list[int] = [0]
        self.selected: int | None = None  # the appointment clicked last
        self._fonts()

    def _fonts(self) -> None:
        self.bold = QFont(self.font())
        self.bold.setBold(True)
        self.small = QFont(self.font())
        self.small.setPointSizeF(max(7.0, self.font().pointSizeF() - 1))
        line = QFontMetrics(self.font()).height()
        self.block_h = 3 * line + 6

    # --- layout ------------------------------------------------------------------------------

    def set_board(self, board: WeekBoard) -> None:
        """Lay out a new week (cells sorted by start; a block in every day it covers)."""
        self.board = board
        self.cells = {}  # the block pixmaps stay: an unchanged item looks the same
        day_index = {d: n for n, d in enumerate(board.days)}
        for r, row in enumerate(board.rows):
            for item in board.items_of(row.employee_id):
                if item.conflict is not None and row.employee_id not in item.clashing:
                    item = replace(item, conflict=None)  # a free colleague's row: no clash there
                for day in self._days_of(item):
                    if day in day_index:
                        self.cells.setdefault((r, day_index[day]), []).append(item)
        for items in self.cells.values():
            items.sort(key=lambda i: (i.start, i.id))
        tops = [0]
        for r in range(len(board.rows)):
            count = max((len(self.cells.get((r, d), ())) for d in range(len(board.days))), default=0)
            # Half a block of room under the last one, to drop "after the last one".
            tops.append(tops[-1] + 2 * PAD + max(1, count) * (self.block_h + GAP) + self.block_h // 2)
        self.row_tops = tops
        if self.selected is not None and not any(i.id == self.selected for i in board.items):
            self.selected = None
        self.setMinimumHeight(tops[-1])
        self.updateGeometry()
        self.update()

    @staticmethod
    def _days_of(item: BoardItem) -> list[date]:
        if item.start is None:
            return []
        day, last = days_covered(item.start, item.end)
        days: list[date] = []
        while day <= last and len(days) < 15:
            days.append(day)
            day += timedelta(days=1)
        return days

    def sizeHint(self) -> QSize:
        return QSize(800, self.row_tops[-1])

    @property
    def row_header(self) -> int:
        return ROW_HEADER if self.width() >= 1000 else 120

    def day_count(self) -> int:
        return len(self.board.days) if self.board else 6

    def column_width(self) -> float:
        return max(60.0, (self.width() - self.row_header) / self.day_count())

    def cell_rect(self, row: int, day: int) -> QRect:
        width = self.column_width()
        left = self.row_header + int(day * width)
        return QRect(
            left,
            self.row_tops[row],
            int((day + 1) * width) - int(day * width),
            self.row_tops[row + 1] - self.row_tops[row],
        )

    def block_rect(self, row: int, day: int, index: int) -> QRect:
        cell = self.cell_rect(row, day)
        top = cell.top() + PAD + index * (self.block_h + GAP)
        return QRect(cell.left() + 3, top, cell.width() - 6, self.block_h)

    def row_at(self, y: int) -> int | None:
        if self.board is None or y < 0 or y >= self.row_tops[-1]:
            return None
        return bisect.bisect_right(self.row_tops, y) - 1

    def hit(self, pos: QPoint) -> tuple[int, int, int] | None:
        """(row, day, slot) under ``pos``; slot counts blocks from the top of the cell."""
        row = self.row_at(pos.y())
        if row is None or pos.x() < self.row_header:
            return None
        day = int((pos.x() - self.row_header) // self.column_width())
        if day >= self.day_count():
            return None
        slot = (pos.y() - self.row_tops[row] - PAD) // (self.block_h + GAP)
        return row, day, max(0, slot)

    def item_at(self, pos: QPoint) -> tuple[BoardItem, int] | None:
        found = self.hit(pos)
        if found is None:
            return None
        row, day, slot = found
        items = self.cells.get((row, day), [])
        if slot < len(items) and self.block_rect(row, day, slot).contains(pos):
            return items[slot], row
        return None

    def row_employee(self, row: int) -> int | None:
        assert self.board is not None
        return self.board.rows[row].employee_id

    def target_for(self, pos: QPoint, appointment_id: int) -> DropTarget | None:
        """Where a drop at ``pos`` puts the appointment: row, day, position and start time."""
        found = self.hit(pos)
        if found is None or self.board is None:
            return None
        row, day, _slot = found
        dragged = self._item(appointment_id)
        others = [i for i in self.cells.get((row, day), []) if i.id != appointment_id]
        offset = pos.y() - self.row_tops[row] - PAD
        index = min(len(others), max(0, int(offset + self.block_h / 2) // (self.block_h + GAP)))
        duration = timedelta(hours=2)
        preferred = None
        if dragged is not None and dragged.start is not None and dragged.end is not None:
            duration, preferred = dragged.end - dragged.start, dragged.start.time()
        start = drop_start(self.board.days[day], others, index, duration, preferred)
        return DropTarget(row, day, index, start)

    def _item(self, appointment_id: int) -> BoardItem | None:
        if self.board is None:
            return None
        for item in (*self.board.items, *self.board.unscheduled):
            if item.id == appointment_id:
                return item
        return None
