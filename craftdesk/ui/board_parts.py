"""Parts of the planning board around the canvas: the day header, the side list of
unscheduled appointments (a drag source and the drop target that unschedules), and the
undoable move (a ``QUndoCommand`` over one service call)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QUndoCommand,
)
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from ..errors import CraftdeskError
from ..services import planning
from ..services.board import BoardItem
from .board_canvas import BoardCanvas
from .board_layout import FROM_LIST, drag_payload, read_payload
from .plain import plain_tooltip

ItemRole = Qt.ItemDataRole.UserRole + 1

WEEKDAYS = (
    QT_TRANSLATE_NOOP("Weekday", "Mo"),
    QT_TRANSLATE_NOOP("Weekday", "Di"),
    QT_TRANSLATE_NOOP("Weekday", "Mi"),
    QT_TRANSLATE_NOOP("Weekday", "Do"),
    QT_TRANSLATE_NOOP("Weekday", "Fr"),
    QT_TRANSLATE_NOOP("Weekday", "Sa"),
    QT_TRANSLATE_NOOP("Weekday", "So"),
)


def weekday_name(day: date) -> str:
    return QCoreApplication.translate("Weekday", str(WEEKDAYS[day.weekday()]))


class DayHeader(QWidget):
    """ "Mo 02.03." … above the canvas's day columns; today in bold."""

    def __init__(self, canvas: BoardCanvas, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = canvas
        self.setFixedHeight(self.fontMetrics().height() + 10)

    def sizeHint(self) -> QSize:
        return QSize(400, self.fontMetrics().height() + 10)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        board = self.canvas.board
        if board is not None:
            width = self.canvas.column_width()
            bold = QFont(self.font())
            bold.setBold(True)
            for n, day in enumerate(board.days):
                left = self.canvas.row_header + int(n * width)
                rect = QRect(left, 0, int((n + 1) * width) - int(n * width), self.height())
                painter.setFont(bold if day == date.today() else self.font())
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"{weekday_name(day)} {day:%d.%m.}")
                painter.setPen(self.palette().mid().color())
                painter.drawLine(rect.topLeft(), rect.bottomLeft())
                painter.setPen(self.palette().text().color())
        painter.setPen(self.palette().mid().color())
        painter.drawLine(0, self.height() - 1, self.width(), self.height() - 1)
        painter.end()


class UnscheduledList(QListWidget):
    """The "Nicht terminiert" list: drag an entry onto the board to schedule it; drop a
    block here to unschedule it. Enter (or a double click) opens the entry, where its day,
    time and people are set with the keyboard."""

    unscheduleRequested = Signal(int)
    openRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setUniformItemSizes(False)
        self.setSpacing(1)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setStyleSheet("QListWidget::item { padding: 3px; border-bottom: 1px solid #d0d0d0; }")
        self.itemDoubleClicked.connect(lambda item: self.openRequested.emit(item.data(ItemRole)))

    def set_items(self, items: tuple[BoardItem, ...]) -> None:
        self.clear()
        for entry in items:
            lines = [entry.title, entry.customer, entry.place]
            item = QListWidgetItem("\n".join(line for line in lines if line))
            item.setData(ItemRole, entry.id)
            item.setToolTip(plain_tooltip("\n".join(line for line in lines if line)) or "")  # H5: data
            self.addItem(item)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.count() == 0:  # not a blank box: say why it is empty
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(
                self.viewport().rect().adjusted(6, 6, -6, -6),
                int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap),
                QCoreApplication.translate("PlanningBoard", "Alle Termine sind eingeplant."),
            )
            painter.end()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and item is not None:
            self.openRequested.emit(item.data(ItemRole))
            return
        super().keyPressEvent(event)

    def startDrag(self, actions: Qt.DropAction) -> None:
        item = self.currentItem()
        if item is None:
            return
        drag = QDrag(self)
        drag.setMimeData(drag_payload(int(item.data(ItemRole)), FROM_LIST))
        drag.exec(Qt.DropAction.MoveAction)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        payload = read_payload(event.mimeData())
        if payload is not None and payload[1] != FROM_LIST:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)  # type: ignore[arg-type]

    def dropEvent(self, event: QDropEvent) -> None:
        payload = read_payload(event.mimeData())
        if payload is None or payload[1] == FROM_LIST:
            event.ignore()
            return
        event.acceptProposedAction()
        self.unscheduleRequested.emit(payload[0])


class PlacementCommand(QUndoCommand):
    """One change on the board. The first redo runs the service call; undo and later redos
    restore the placements before and after it (each one service transaction)."""

    def __init__(
        self,
        text: str,
        appointment_id: int,
        action: Callable[[], planning.PlanResult],
        report: Callable[[planning.PlanResult | None, str | None], None],
    ) -> None:
        super().__init__(text)
        self.appointment_id = appointment_id
        self.action = action
        self.report = report
        self.before: planning.Placement | None = None
        self.after: planning.Placement | None = None

    def redo(self) -> None:
        try:
            if self.after is None:
                self.before = planning.placement_of(self.appointment_id)
                result = self.action()
                self.after = result.placement
            else:
                result = planning.restore_placement(self.appointment_id, self.after, self.before)
        except CraftdeskError as exc:
            self.setObsolete(True)  # nothing changed: the stack drops this command
            self.report(None, str(exc))
            return
        self.report(result, None)

    def undo(self) -> None:
        if self.before is None:
            return
        try:
            result = planning.restore_placement(self.appointment_id, self.before, self.after)
        except CraftdeskError as exc:  # changed since, or invoiced: the step leaves the stack
            self.setObsolete(True)
            self.report(None, str(exc))
            return
        self.report(result, None)


def status_swatch(color: QColor) -> str:
    return f"background:{color.name()}; border:1px solid #999; min-width:12px;"
