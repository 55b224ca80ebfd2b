"""The planning board with the keyboard (SPEC §11): Tab reaches the board, the arrow keys go
from block to block, Enter opens the selected appointment, Ctrl+←/→ moves it a day,
Ctrl+↑/↓ to the employee above or below (same time; undoable like a drag, with the same
questions), Entf puts it back into "Nicht terminiert", and the menu key or Shift+F10
opens its menu. Before, the board could only be used with the mouse.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QScrollArea

from .board_canvas import BoardCanvas
from .keys import KEYBOARD_FOCUS

Cursor = tuple[int, int, int]  # row, day, index in the cell

_STEPS = {Qt.Key.Key_Left: (0, -1), Qt.Key.Key_Right: (0, 1), Qt.Key.Key_Up: (-1, 0), Qt.Key.Key_Down: (1, 0)}
_HANDLED = {*_STEPS, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete}


class BoardKeys(QObject):
    """Keyboard handling of a :class:`BoardCanvas`; emits the canvas's own signals."""

    def __init__(self, canvas: BoardCanvas, scroll: QScrollArea | None = None) -> None:
        super().__init__(canvas)
        self.canvas = canvas
        self.scroll = scroll
        canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        canvas.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn and isinstance(event, QFocusEvent):
            # Only when the keyboard brought the focus: a closed menu or dialog gives it back
            # too, and the board must not jump to its first block then.
            if event.reason() in KEYBOARD_FOCUS and (self.canvas.selected is None or self.cursor() is None):
                self._select(self._first())
            return False
        if kind == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            if event.reason() == QContextMenuEvent.Reason.Keyboard:
                self._menu()
                return True
            return False
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key(event)
        return False

    # --- where the selection is --------------------------------------------------------------

    def cursor(self) -> Cursor | None:
        """The cell of the selected block: the one clicked last when it holds it."""
        canvas, selected = self.canvas, self.canvas.selected
        if selected is None:
            return None
        cells = sorted(canvas.cells.items())
        if canvas.current_cell is not None:  # the block clicked shows in several rows or days
            cells.sort(key=lambda cell: cell[0] != canvas.current_cell)
        for (row, day), items in cells:
            for index, item in enumerate(items):
                if item.id == selected:
                    return row, day, index
        return None

    def _first(self) -> Cursor | None:
        return min(((r, d, 0) for (r, d), items in self.canvas.cells.items() if items), default=None)

    def _select(self, cursor: Cursor | None) -> None:
        canvas = self.canvas
        if cursor is None:
            return
        row, day, index = cursor
        canvas.selected = canvas.cells[(row, day)][index].id
        canvas.current_cell = (row, day)
        canvas.selectionChanged.emit(canvas.selected)
        canvas.update()
        if self.scroll is not None:
            rect = canvas.block_rect(row, day, index)
            self.scroll.ensureVisible(rect.center().x(), rect.center().y(), rect.width(), rect.height())

    # --- keys --------------------------------------------------------------------------------

    def _key(self, event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key not in _HANDLED:
            return False  # Ctrl+Z and the rest: the board's own shortcuts
        cursor = self.cursor()
        if key in _STEPS and mods == Qt.KeyboardModifier.NoModifier:
            target = self._step(cursor, *_STEPS[Qt.Key(key)]) if cursor else self._first()
            if target is None:
                return False  # no block this week: the arrows scroll as usual
            self._select(target)
            return True
        if cursor is None:
            return False
        item = self.canvas.cells[(cursor[0], cursor[1])][cursor[2]]
        if key in _STEPS and mods == Qt.KeyboardModifier.ControlModifier:
            self._move(cursor, *_STEPS[Qt.Key(key)])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            self.canvas.openRequested.emit(item.id)
            return True
        if key == Qt.Key.Key_Delete and mods == Qt.KeyboardModifier.NoModifier:
            self.canvas.unscheduleRequested.emit(item.id)
            return True
        return False

    def _step(self, cursor: Cursor, rows: int, days: int) -> Cursor:
        """The next block that way: along the row day by day, or up and down within a cell
        and then into the nearest row above or below with a block that day."""
        cells = self.canvas.cells
        row, day, index = cursor
        if days:
            d = day + days
            while 0 <= d < self.canvas.day_count():
                if cells.get((row, d)):
                    return row, d, min(index, len(cells[(row, d)]) - 1)
                d += days
            return cursor
        if 0 <= index + rows < len(cells.get((row, day), ())):
            return row, day, index + rows
        r = row + rows
        while self.canvas.board is not None and 0 <= r < len(self.canvas.board.rows):
            if cells.get((r, day)):
                return r, day, 0 if rows > 0 else len(cells[(r, day)]) - 1
            r += rows
        return cursor

    def _move(self, cursor: Cursor, rows: int, days: int) -> None:
        """Ctrl+arrow: the same appointment a day earlier or later, or at the same time for
        the employee above or below; as a drop there would (undoable, the same checks)."""
        canvas, (row, day, index) = self.canvas, cursor
        board = canvas.board
        item = canvas.cells[(row, day)][index]
        if board is None or item.start is None or not 0 <= row + rows < len(board.rows):
            return
        start = item.start + timedelta(days=days)
        if not board.days[0] <= start.date() <= board.days[-1]:
            return  # another week: the user goes there first (the board shows one week)
        canvas.current_cell = (row + rows, day + days)
        canvas.moveRequested.emit(item.id, canvas.row_employee(row), canvas.row_employee(row + rows), start)

    def _menu(self) -> None:
        cursor = self.cursor()
        canvas = self.canvas
        if cursor is None or canvas.board is None:
            return
        row, day, index = cursor
        rect = canvas.block_rect(row, day, index)
        where = canvas.mapToGlobal(QPoint(rect.left() + 8, rect.bottom()))
        canvas.menuRequested.emit(where, canvas.selected, canvas.row_employee(row))
