"""The painted part of the planning board (SPEC §11 P2–P4): a row per employee, a column per
day, appointments as blocks (time, customer, title, place) coloured by status, double
bookings framed in red. A custom-painted widget: it paints only the rows in view and finds
blocks by arithmetic, so a week of 30 employees × 10 appointments a day scrolls and drags
without a stall.

The geometry (rows, cells, blocks, hit tests, where a drop lands) is ``BoardLayout``'s; this
widget paints it and forwards: a drop becomes ``moveRequested`` (the board turns it into an
undoable service call), a double-click ``openRequested``. All text is drawn as plain text.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QToolTip, QWidget

from ..services.board import BoardItem
from ..services.planning import until_text
from .board_layout import GAP, PAD, BoardLayout, DropTarget, drag_payload, read_payload
from .plain import plain_tooltip
from .style import STATUS_COLORS

CONFLICT = QColor("#c62828")
FALLBACK = QColor("#e0e0e0")
# Opaque colours only: blending a translucent pen costs ~50x more per block.
FRAMES = {code: color.darker(125) for code, color in STATUS_COLORS.items()}
TODAY = QColor("#fff8e1")


class BoardCanvas(BoardLayout):
    moveRequested = Signal(int, object, object, object)  # id, from row, to row, start
    unscheduleRequested = Signal(int)
    openRequested = Signal(int)
    selectionChanged = Signal(object)  # the selected appointment id or None
    menuRequested = Signal(object, object, object)  # global pos, appointment id, employee id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setMouseTracking(False)
        self.current_cell: tuple[int, int] | None = None  # (row, day) clicked last
        self.drop: DropTarget | None = None
        self._press: tuple[QPoint, BoardItem, int] | None = None
        self.unassigned_text = self.tr("nicht zugewiesen")
        self._conflict_pen = QPen(CONFLICT, 2)
        self._pixmaps: dict[tuple[BoardItem, str, int, int, bool], QPixmap] = {}

    # --- painting ----------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().base())
        if self.board is None:
            return
        area = event.rect()
        first = self.row_at(max(0, area.top())) or 0
        last = self.row_at(min(self.row_tops[-1] - 1, area.bottom()))
        last = len(self.board.rows) - 1 if last is None else last
        today = date.today()
        for row in range(first, last + 1):
            self._paint_row(painter, row, today, area)
        if self.drop is not None:
            self._paint_drop(painter, self.drop)
        painter.end()

    def _paint_row(self, painter: QPainter, row: int, today: date, area: QRect) -> None:
        assert self.board is not None
        info = self.board.rows[row]
        top, height = self.row_tops[row], self.row_tops[row + 1] - self.row_tops[row]
        if row % 2:
            painter.fillRect(0, top, self.width(), height, self.palette().alternateBase())
        header = QRect(0, top, self.row_header, height)
        painter.fillRect(header.adjusted(0, 0, 0, 0), self.palette().window())
        painter.fillRect(QRect(6, top + PAD + 3, 10, 10), QColor(info.color))
        painter.setFont(self.bold if info.employee_id is not None else self.font())
        name = info.name if info.employee_id is not None else self.unassigned_text
        if not info.active:
            name = self.tr("%1 (inaktiv)").replace("%1", name)
        # Up to two lines (first and last name), then cut.
        box = QRect(22, top + PAD, self.row_header - 26, 2 * QFontMetrics(painter.font()).height())
        painter.setPen(self.palette().text().color())
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        metrics = QFontMetrics(painter.font())
        if metrics.boundingRect(box, int(flags), name).height() > box.height():
            name = metrics.elidedText(name, Qt.TextElideMode.ElideRight, box.width())
        painter.drawText(box, int(flags), name)
        for day_index, day in enumerate(self.board.days):
            cell = self.cell_rect(row, day_index)
            if day == today:
                painter.fillRect(cell, TODAY)
            painter.setPen(QPen(self.palette().mid().color(), 1))
            painter.drawLine(cell.topLeft(), cell.bottomLeft())
            for index, item in enumerate(self.cells.get((row, day_index), [])):
                rect = self.block_rect(row, day_index, index)
                if rect.intersects(area):  # only what is exposed
                    painter.drawPixmap(rect.topLeft(), self._block_pixmap(item, rect.size(), day))
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawLine(0, top + height - 1, self.width(), top + height - 1)

    def _block_pixmap(self, item: BoardItem, size: QSize, day: date | None = None) -> QPixmap:
        """A block painted once per look (item, day, size, selection) and then only copied:
        text layout is what costs, and scrolling or dragging repaints the same blocks."""
        key = (item, _span(item, day), size.width(), size.height(), item.id == self.selected)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            if len(self._pixmaps) > 6000:
                self._pixmaps.clear()
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(int(size.width() * ratio), int(size.height() * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(self.palette().base().color())
            painter = QPainter(pixmap)
            self._paint_block(painter, QRect(0, 0, size.width(), size.height()), item, day)
            painter.end()
            self._pixmaps[key] = pixmap
        return pixmap

    def _paint_block(self, painter: QPainter, rect: QRect, item: BoardItem, day: date | None = None) -> None:
        # Plain rectangles: rounded ones cost a path each (0.4 ms a block in the benchmark).
        painter.fillRect(rect, STATUS_COLORS.get(item.status, FALLBACK))
        if item.conflict is not None:
            painter.setPen(self._conflict_pen)
        elif item.id == self.selected:
            painter.setPen(QPen(self.palette().highlight().color(), 2))
        else:
            painter.setPen(FRAMES.get(item.status, FALLBACK.darker(125)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect.adjusted(0, 0, -1, -1))
        if item.conflict is not None and item.id == self.selected:  # selected shows inside the red
            painter.setPen(QPen(self.palette().highlight().color(), 2))
            painter.drawRect(rect.adjusted(3, 3, -4, -4))
        inner = rect.adjusted(5, 2, -4, -2)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        when = _span(item, day)
        painter.setPen(CONFLICT if item.conflict is not None else QColor("#202020"))
        painter.setFont(self.bold)
        bold = QFontMetrics(self.bold)
        if item.conflict is not None:  # not by colour alone: the sign stays, the end time may go
            full, start = "⚠ " + when, "⚠ " + (when.split("–")[0] or when)
            when = full if bold.horizontalAdvance(full) + 14 <= inner.width() else start
        # The time is never cut; the customer gets the room that is left.
        when = bold.elidedText(
            time_label(when, item.customer, inner.width(), bold), Qt.TextElideMode.ElideRight, inner.width()
        )
        when_width = bold.horizontalAdvance(when + "  ")
        painter.drawText(
            QRect(inner.left(), inner.top(), inner.width(), line),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            when,
        )
        rest = inner.width() - when_width
        if item.customer and rest > bold.horizontalAdvance("M…"):
            painter.drawText(
                QRect(inner.left() + when_width, inner.top(), rest, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bold.elidedText(item.customer, Qt.TextElideMode.ElideRight, rest),
            )
        painter.setFont(self.font())
        painter.setPen(QColor("#202020"))
        for n, text in enumerate((item.title, item.place), start=1):
            painter.drawText(
                QRect(inner.left(), inner.top() + n * line, inner.width(), line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width()),
            )
            painter.setPen(QColor("#555555"))

    def _paint_drop(self, painter: QPainter, drop: DropTarget) -> None:
        cell = self.cell_rect(drop.row, drop.day)
        y = cell.top() + PAD + drop.index * (self.block_h + GAP) - 2
        painter.setPen(QPen(self.palette().highlight().color(), 3))
        painter.drawLine(cell.left() + 2, y, cell.right() - 2, y)
        label = f"{drop.start:%H:%M}"
        painter.setFont(self.bold)
        width = QFontMetrics(self.bold).horizontalAdvance(label) + 8
        box = QRect(cell.right() - width - 2, y - 9, width, 18)
        painter.fillRect(box, self.palette().highlight())
        painter.setPen(self.palette().highlightedText().color())
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, label)

    # --- mouse, drag and drop ----------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.item_at(event.position().toPoint())
        cell = self.hit(event.position().toPoint())
        self.current_cell = (cell[0], cell[1]) if cell else None
        self._press = (event.position().toPoint(), found[0], found[1]) if found else None
        self.selected = found[0].id if found else None
        self.selectionChanged.emit(self.selected)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        start, item, row = self._press
        if (event.position().toPoint() - start).manhattanLength() < QApplication.startDragDistance():
            return
        self._press = None
        if item.invoiced:
            return  # frozen: an invoiced appointment stays where it was billed
        drag = QDrag(self)
        drag.setMimeData(drag_payload(item.id, self.row_employee(row)))
        drag.setPixmap(self._drag_pixmap(item))
        drag.exec(Qt.DropAction.MoveAction)

    def _drag_pixmap(self, item: BoardItem) -> QPixmap:
        width = int(self.column_width()) - 6
        pixmap = QPixmap(max(40, width), self.block_h)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self._paint_block(painter, QRect(0, 0, pixmap.width(), pixmap.height()), item)
        painter.end()
        return pixmap

    def contextMenuEvent(self, event: Any) -> None:
        """Right-click: on a block its actions, on an employee's name the colour."""
        pos = event.pos()
        row = self.row_at(pos.y())
        if row is None or self.board is None:
            return
        found = self.item_at(pos)
        cell = self.hit(pos)
        self.current_cell = (cell[0], cell[1]) if cell else self.current_cell
        if found is not None:
            self.selected = found[0].id
            self.update()
        self.menuRequested.emit(event.globalPos(), found[0].id if found else None, self.row_employee(row))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        found = self.item_at(event.position().toPoint())
        if found is not None:
            self.openRequested.emit(found[0].id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if read_payload(event.mimeData()) is not None:
            event.acceptProposedAction()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        payload = read_payload(event.mimeData())
        target = None if payload is None else self.target_for(event.position().toPoint(), payload[0])
        if target is None:
            event.ignore()
        else:
            event.acceptProposedAction()
        if target != self.drop:
            self._update_drop(self.drop)
            self.drop = target
            self._update_drop(target)

    def _update_drop(self, drop: DropTarget | None) -> None:
        """Repaint only the cell under a drop marker (the marker sticks out a little)."""
        if drop is not None:
            self.update(self.cell_rect(drop.row, drop.day).adjusted(-2, -12, 2, 12))

    def dragLeaveEvent(self, event: Any) -> None:
        self._update_drop(self.drop)
        self.drop = None

    def dropEvent(self, event: QDropEvent) -> None:
        payload = read_payload(event.mimeData())
        target = None if payload is None else self.target_for(event.position().toPoint(), payload[0])
        self.drop = None
        self.update()
        if payload is None or target is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.selected = payload[0]
        self.moveRequested.emit(payload[0], payload[1], self.row_employee(target.row), target.start)

    def tooltip_for(self, pos: QPoint) -> str:
        found = self.item_at(pos)
        if found is None:
            return ""
        item = found[0]
        lines = [f"{_span(item)} {item.title}", item.customer, item.place]
        if item.conflict is not None:
            c = item.conflict
            lines.append(
                self.tr("Doppelbelegung: %1 hat zur selben Zeit „%2“ (%3–%4).")
                .replace("%1", c.employee)
                .replace("%2", c.other_title)
                .replace("%3", f"{c.other_start:%H:%M}")
                .replace("%4", until_text(c.other_start, c.other_end))
            )
        return "\n".join(line for line in lines if line)

    def event(self, event: Any) -> bool:
        if event.type() == event.Type.ToolTip:
            text = self.tooltip_for(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), plain_tooltip(text) or "", self)  # H5: data
            else:
                QToolTip.hideText()
            return True
        return super().event(event)


def time_label(when: str, customer: str, width: int, metrics: QFontMetrics) -> str:
    """A block's time: its start alone where the whole span would leave the customer (P2)
    less than a few letters beside it."""
    if (
        customer
        and "–" in when
        and width - metrics.horizontalAdvance(when + "  ") < metrics.horizontalAdvance("MMMM")
    ):
        head, _, tail = when.partition("–")
        head = head.rstrip()
        if head.strip("⚠ "):  # a start time
            return head
        # A later day's end: "–04.03." of "–04.03. 17:00" (after the sign of a double booking).
        return f"{head} –{tail.split(' ')[0]}" if head else f"–{tail.split(' ')[0]}"
    return when


def _span(item: BoardItem, day: date | None = None) -> str:
    """The block's time on ``day``: a later day of a longer appointment shows where it ends
    ("–17:00" on its last day, "–04.03. 17:00" before), not the first day's start again."""
    if item.start is None or item.end is None:
        return ""
    if item.end.date() != item.start.date():
        if day is not None and day > item.start.date():
            return f"–{item.end:%H:%M}" if day == item.end.date() else f"–{item.end:%d.%m. %H:%M}"
        return f"{item.start:%H:%M}–{item.end:%d.%m. %H:%M}"
    return f"{item.start:%H:%M}–{item.end:%H:%M}"
