"""Planning board benchmark (SPEC §11 P2/P3): a full week of 30 employees × 7 days × 10
appointments (2,100 blocks) must scroll and drag without a visible stall.

Measured in one run, each against a floor measured in the same run:

1. Reading the week (``services.board.load_week``) against the floor of a raw SQL read of
   the same appointment rows (sqlite3 cursor, no objects).
2. Laying the week out on the canvas (``BoardCanvas.set_board``).
3. Scrolling: the board is scrolled through from top to bottom in steps of a third of the
   viewport, each step painted synchronously (``repaint``); per frame against the floor of
   painting the same viewport of an empty board.
4. Dragging: 300 drag-move events over the cells (drop target, time and the drop marker
   painted); per event.
5. Dropping: one move through the undo stack (service transaction, reload of the week,
   repaint), and its undo.

A frame of 16 ms is one display refresh at 60 Hz; everything under it is no visible stall.

Run: ``QT_QPA_PLATFORM=offscreen python benchmarks/planning_board.py [--rounds N]``
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _stats(values: list[float]) -> str:
    return f"median {_ms(statistics.median(values))}, max {_ms(max(values))} ({len(values)} samples)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--employees", type=int, default=30)
    parser.add_argument("--per-day", type=int, default=10)
    args = parser.parse_args()

    from PySide6.QtCore import QMimeData, QPointF, Qt
    from PySide6.QtGui import QDragMoveEvent
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from craftdesk.services import board as board_service
    from craftdesk.services.demo_week import seed_bulk_week
    from craftdesk.store.db import close_database, open_database
    from craftdesk.ui.board_layout import drag_payload
    from craftdesk.ui.planning_board import PlanningBoard

    monday = date(2026, 3, 2)
    with tempfile.TemporaryDirectory() as folder:
        database = open_database(Path(folder) / "bench.sqlite3")
        count = seed_bulk_week(monday, employees=args.employees, days=7, per_day=args.per_day)
        print(f"week: {args.employees} employees x 7 days x {args.per_day} = {count} appointments")

        def raw_read() -> int:
            cursor = database.connection().cursor()
            start = datetime.combine(monday, datetime.min.time())
            rows = cursor.execute(
                "SELECT a.*, e.employee_id FROM appointment a JOIN appointment_employee e "
                "ON e.appointment_id = a.id WHERE a.start >= ? AND a.start < ?",
                (str(start), str(start + timedelta(days=7))),
            ).fetchall()
            return len(rows)

        floors, loads, layouts = [], [], []
        board = PlanningBoard()
        board.resize(1366, 700)
        board.sunday_box.setChecked(True)
        board.show_week(monday)
        board.show()
        app.processEvents()
        for _ in range(args.rounds):
            t = time.perf_counter()
            raw_read()
            floors.append(time.perf_counter() - t)
            t = time.perf_counter()
            week = board_service.load_week(monday, include_sunday=True)
            loads.append(time.perf_counter() - t)
            t = time.perf_counter()
            board.canvas.set_board(week)
            layouts.append(time.perf_counter() - t)
        assert len(week.items) == count
        floor = statistics.median(floors)
        load = statistics.median(loads)
        print(f"read floor (raw SQL, same rows): {_ms(floor)}")
        print(f"load_week: {_ms(load)} = {load / floor:.1f} x floor")
        print(f"layout (set_board): median {_ms(statistics.median(layouts))}")
        print(f"canvas height: {board.canvas.height()} px for {len(week.rows)} rows")

        bar = board.scroll_area.verticalScrollBar()
        viewport = board.scroll_area.viewport()

        def scroll_frames() -> list[float]:
            frames = []
            step = max(1, viewport.height() // 3)
            for value in range(0, bar.maximum() + step, step):
                t = time.perf_counter()
                bar.setValue(min(value, bar.maximum()))
                viewport.repaint()
                frames.append(time.perf_counter() - t)
            return frames

        frames: list[float] = []
        for _ in range(args.rounds):
            frames += scroll_frames()
        # Floor: the same scrolling over an empty board of the same height.
        empty = board_service.WeekBoard(week.monday, week.days, week.rows, (), ())
        full_tops = list(board.canvas.row_tops)
        board.canvas.set_board(empty)
        board.canvas.row_tops = full_tops  # same rows and height, no blocks
        board.canvas.setMinimumHeight(full_tops[-1])
        app.processEvents()
        empty_frames: list[float] = []
        for _ in range(args.rounds):
            empty_frames += scroll_frames()
        board.canvas.set_board(week)
        app.processEvents()
        scroll_floor = statistics.median(empty_frames)
        print(f"scroll floor (empty board): {_stats(empty_frames)}")
        print(f"scroll full week: {_stats(frames)} = {statistics.median(frames) / scroll_floor:.1f} x floor")

        item = week.items[0]
        payload: QMimeData = drag_payload(item.id, item.employee_ids[0])
        canvas = board.canvas
        moves = []
        width = canvas.width()
        bar.setValue(0)
        for n in range(300):
            x = 160 + (n * 37) % max(1, width - 170)
            y = (n * 53) % max(1, min(canvas.height(), bar.value() + viewport.height()))
            event = QDragMoveEvent(
                QPointF(x, y).toPoint(),
                Qt.DropAction.MoveAction,
                payload,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
            t = time.perf_counter()
            canvas.dragMoveEvent(event)
            viewport.repaint()
            moves.append(time.perf_counter() - t)
        print(
            f"drag move (target + marker painted): {_stats(moves)} = "
            f"{statistics.median(moves) / scroll_floor:.1f} x scroll floor"
        )

        drops, undos = [], []
        for n in range(args.rounds):
            t = time.perf_counter()
            board.move_appointment(
                item.id,
                item.employee_ids[0],
                week.rows[2 + n].employee_id,
                datetime.combine(monday + timedelta(days=2), datetime.min.time()) + timedelta(hours=18),
            )
            viewport.repaint()
            drops.append(time.perf_counter() - t)
            t = time.perf_counter()
            board.undo_stack.undo()
            viewport.repaint()
            undos.append(time.perf_counter() - t)
        print(f"drop (service + reload + paint): {_stats(drops)}")
        print(f"undo: {_stats(undos)}")
        board.close()
        close_database()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
