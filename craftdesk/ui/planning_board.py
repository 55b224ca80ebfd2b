"""The planning board (Plantafel), the second view of the Projekte tab (SPEC §11 P2–P4):
one week, a row per employee plus "nicht zugewiesen", the side list of unscheduled
appointments, week navigation, drag and drop with undo/redo, double bookings named.

The data comes from ``services.board.load_week`` and every move is one undoable service
call (``board_parts.PlacementCommand``); the canvas only paints and forwards.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QColorDialog,
    QDateEdit,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..errors import CraftdeskError
from ..services import board as board_service
from ..services import employees as employee_service
from ..services import planning
from ..services.changes import Change, Scope
from ..sync.contract import SyncControl
from ..sync.messages import localize
from . import print_actions
from .board_canvas import BoardCanvas
from .board_keys import BoardKeys
from .board_layout import FROM_LIST
from .board_parts import DayHeader, PlacementCommand, UnscheduledList, weekday_name
from .dialogs import common
from .dialogs.day_plan_choice import DayPlanChoice
from .double_bookings import conflict_sentence
from .lazy_reload import LazyReloadMixin


class PlanningBoard(LazyReloadMixin, QWidget):
    reload_on = ("projects", "all")
    changed = Signal(object)  # a Change: the appointments moved (other views show them anew)
    openAppointment = Signal(int)

    def __init__(self, controller: SyncControl | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.day = date.today()
        self.undo_stack = QUndoStack(self)
        self.last_result: planning.PlanResult | None = None
        self.last_menu: QMenu | None = None

        self.canvas = BoardCanvas(self)
        self.header = DayHeader(self.canvas, self)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidget(self.canvas)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the board inside it
        self.side = UnscheduledList(self)
        self.side_title = QLabel(self)
        self._build_navigation()
        self.notice = QLabel(self)
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # names and titles are data
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(common.BANNER_STYLES["warning"])
        self.notice.hide()
        # With no employee the board is one grey row: say how the rows come.
        self.no_staff = common.banner(
            self.tr(
                "Keine aktiven Mitarbeiter: Mit „Mitarbeiter …“ anlegen, wieder aktivieren oder aus "
                "sevDesk übernehmen – jeder bekommt hier seine Zeile. Bis dahin wird in „nicht "
                "zugewiesen“ geplant."
            ),
            "info",
            self,
        )
        self.no_staff.hide()

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.scroll_area, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.side_title)
        left_layout.addWidget(self.side, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.navigation)
        layout.addWidget(self.notice)
        layout.addWidget(self.no_staff)
        layout.addWidget(self.splitter, 1)

        self.canvas.moveRequested.connect(self.move_appointment)
        self.canvas.openRequested.connect(self.openAppointment)
        self.canvas.menuRequested.connect(self._context_menu)
        self.canvas.unscheduleRequested.connect(self.unschedule)
        self.keys = BoardKeys(self.canvas, self.scroll_area)  # the board without a mouse
        self.side.openRequested.connect(self.openAppointment)
        self.side.unscheduleRequested.connect(self.unschedule)
        if controller is not None:
            controller.data_changed.connect(self._on_data_changed)
        self.reload()

    def _build_navigation(self) -> None:
        self.prev_button = QToolButton(self)
        self.prev_button.setText("◀")
        self.prev_button.setToolTip(self.tr("Vorherige Woche"))
        self.prev_button.clicked.connect(lambda: self.show_week(self.day - timedelta(days=7)))
        self.next_button = QToolButton(self)
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("Nächste Woche"))
        self.next_button.clicked.connect(lambda: self.show_week(self.day + timedelta(days=7)))
        self.today_button = QPushButton(self.tr("Heute"), self)
        self.today_button.clicked.connect(lambda: self.show_week(date.today()))
        self.date_edit = QDateEdit(self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd.MM.yyyy")
        self.date_edit.dateChanged.connect(self._picked)
        self.week_label = QLabel(self)
        self.sunday_box = QCheckBox(self.tr("Sonntag"), self)
        self.sunday_box.setToolTip(
            self.tr("Sonntag in jeder Woche zeigen (eine Woche mit Terminen am Sonntag zeigt ihn immer)")
        )
        self.sunday_box.toggled.connect(lambda _on: self.reload())
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Rückgängig"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Wiederholen"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        # A push button with a menu keeps room for its arrow (a tool button's overlapped the
        # last letter: "Prin⌄").
        self.print_button = QPushButton(self.tr("Drucken"), self)
        self.print_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the board its keys
        menu = QMenu(self.print_button)
        menu.addAction(self.tr("Arbeitsauftrag des gewählten Termins …"), self.print_job_sheet)
        menu.addAction(self.tr("Arbeitsbericht des gewählten Termins …"), self.print_work_report)
        menu.addAction(self.tr("Tagesplan des gewählten Mitarbeiters …"), self.print_day_plan)
        self.print_button.setMenu(menu)
        self.calendar_button = QPushButton(self.tr("Kalender exportieren …"), self)
        self.calendar_button.setToolTip(
            self.tr("Termine ab dieser Woche als iCalendar-Datei (.ics) für Handy und Kalenderprogramm")
        )
        self.calendar_button.clicked.connect(self.export_calendar)
        # Short labels; what they undo or redo ("Rückgängig Termin einplanen", the actions'
        # text) is their tooltip, so the week stays readable in a 1024 px window.
        self.undo_action.setIconText(self.tr("Rückgängig"))
        self.redo_action.setIconText(self.tr("Wiederholen"))
        self.undo_button = QToolButton(self)
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button = QToolButton(self)
        self.redo_button.setDefaultAction(self.redo_action)
        self.navigation = QHBoxLayout()
        left: tuple[QWidget, ...] = (
            self.prev_button,
            self.today_button,
            self.next_button,
            self.date_edit,
            self.week_label,
        )
        right: tuple[QWidget, ...] = (
            self.sunday_box,
            self.print_button,
            self.calendar_button,
            self.undo_button,
            self.redo_button,
        )
        for widget in left:
            self.navigation.addWidget(widget)
        self.navigation.addStretch(1)
        for widget in right:
            self.navigation.addWidget(widget)

    # --- data --------------------------------------------------------------------------------

    def show_week(self, day: date) -> None:
        self.day = day
        self.reload()

    def _picked(self, value: QDate) -> None:
        picked = date(value.year(), value.month(), value.day())
        if board_service.monday_of(picked) != board_service.monday_of(self.day):
            self.show_week(picked)

    def reload(self) -> None:
        board = board_service.load_week(self.day, self.sunday_box.isChecked())
        self.canvas.set_board(board)
        self.header.update()
        self.side.set_items(board.unscheduled)
        self.no_staff.setVisible(len(board.rows) == 1)  # only "nicht zugewiesen"
        self.side_title.setText(self.tr("Nicht terminiert (%1)").replace("%1", str(len(board.unscheduled))))
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(self.day.year, self.day.month, self.day.day))
        self.date_edit.blockSignals(False)
        last = board.days[-1]
        self.week_label.setText(
            self.tr("KW %1 · %2 – %3")
            .replace("%1", str(board.monday.isocalendar()[1]))
            .replace("%2", f"{board.monday:%d.%m.}")
            .replace("%3", f"{last:%d.%m.%Y}")
        )

    # --- moves (undoable) --------------------------------------------------------------------

    def move_appointment(self, appointment_id: int, source: Any, target: int | None, start: datetime) -> None:
        """A drop on the board: schedule (from the side list) or move (between rows)."""
        if source == FROM_LIST:

            def action() -> planning.PlanResult:
                return planning.schedule_on_board(appointment_id, start, target)

            text = self.tr("Termin einplanen")
        else:
            if not self._done_may_move(appointment_id):
                return

            def action() -> planning.PlanResult:
                return planning.move_on_board(appointment_id, start, source, target)

            text = self.tr("Termin verschieben")
        self.undo_stack.push(PlacementCommand(text, appointment_id, action, self._report))

    def _done_may_move(self, appointment_id: int) -> bool:
        """Finished work moves only when the user says so: its day is the invoice's service
        date (V6), and a slip of the mouse moved it without a word."""
        board = self.canvas.board
        item = next((i for i in board.items if i.id == appointment_id), None) if board else None
        if item is None or item.status != "done" or item.invoiced:
            return True  # an invoiced one is refused by the service, with its reason
        return common.confirm(
            self,
            self.tr("Fertigen Termin verschieben"),
            self.tr("Der Termin „%1“ ist schon fertig. Trotzdem verschieben?").replace("%1", item.title),
        )

    def unschedule(self, appointment_id: int) -> None:
        self.undo_stack.push(
            PlacementCommand(
                self.tr("Termin zurück in „Nicht terminiert“"),
                appointment_id,
                lambda: planning.unschedule_appointment(appointment_id),
                self._report,
            )
        )

    def _report(self, result: planning.PlanResult | None, error: str | None) -> None:
        """After each change (also undo/redo): reload, and name double bookings (P4)."""
        self.last_result = result
        if error is not None:
            self._show_notice(localize(error))
        elif result is not None and result.conflicts:
            self._show_notice("\n".join(conflict_sentence(c) for c in result.conflicts))
        else:
            self.notice.hide()
        if result is not None:  # (a refused change changed nothing; other workstations'
            # changes come as the controller's data_changed)
            self.changed.emit(Change.of(Scope.NONE, appointments={result.appointment_id}))
        self.reload()

    def _show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()

    def _context_menu(self, where: Any, appointment_id: int | None, employee_id: int | None) -> None:
        menu = QMenu(self)
        if appointment_id is not None:
            menu.addAction(self.tr("Bearbeiten …"), lambda: self.openAppointment.emit(appointment_id))
            menu.addAction(
                self.tr("Arbeitsauftrag drucken …"), lambda: print_actions.job_sheet(self, appointment_id)
            )
            menu.addAction(
                self.tr("Arbeitsbericht …"), lambda: print_actions.work_report(self, appointment_id)
            )
            menu.addAction(self.tr("Zurück in „Nicht terminiert“"), lambda: self.unschedule(appointment_id))
        if employee_id is not None:
            menu.addSeparator()
            menu.addAction(self.tr("Tagesplan drucken …"), self.print_day_plan)
            menu.addAction(self.tr("Farbe des Mitarbeiters …"), lambda: self.choose_color(employee_id))
        if not menu.isEmpty():
            self.last_menu = menu
            menu.popup(where)

    def choose_color(self, employee_id: int, color: str | None = None) -> None:
        """The employee's colour on the board (P1); ``color`` skips the dialog (tests)."""
        if color is None:
            rows = self.canvas.board.rows if self.canvas.board is not None else ()
            row = next((r for r in rows if r.employee_id == employee_id), None)
            picked = QColorDialog.getColor(
                QColor(row.color if row else "#808080"), self, self.tr("Farbe des Mitarbeiters")
            )
            if not picked.isValid():
                return
            color = picked.name()
        try:
            employee_service.set_employee_color(employee_id, color)
        except CraftdeskError as exc:
            self._show_notice(localize(str(exc)))
            return
        self.reload()

    # --- printing and calendar (P6–P8) --------------------------------------------------------

    def _selected_appointment(self) -> int | None:
        if self.canvas.selected is None:
            common.inform(
                self, self.tr("Drucken"), self.tr("Bitte zuerst einen Termin auf der Tafel anklicken.")
            )
        return self.canvas.selected

    def print_job_sheet(self) -> None:
        appointment_id = self._selected_appointment()
        if appointment_id is not None:
            print_actions.job_sheet(self, appointment_id)

    def print_work_report(self) -> None:
        appointment_id = self._selected_appointment()
        if appointment_id is not None:
            print_actions.work_report(self, appointment_id)

    def _current_employee(self) -> tuple[int | None, date | None]:
        board = self.canvas.board
        cell = self.canvas.current_cell
        if board is None or cell is None:
            return None, None
        return board.rows[cell[0]].employee_id, board.days[cell[1]]

    def print_day_plan(self) -> None:
        employee_id, day = self._current_employee()
        if employee_id is None or day is None:
            chosen = self.ask_day_plan()
            if chosen is None:
                return
            employee_id, day = chosen
        print_actions.day_plan(self, employee_id, day)

    def ask_day_plan(self) -> tuple[int, date] | None:
        """No cell chosen yet: whose plan, which day of the shown week (today if shown)."""
        board = self.canvas.board
        people = [(r.employee_id, r.name) for r in board.rows if r.employee_id is not None] if board else []
        if board is None or not people:
            common.inform(self, self.tr("Tagesplan"), self.tr("Es gibt keine aktiven Mitarbeiter."))
            return None
        days = [(d, f"{weekday_name(d)} {d:%d.%m.%Y}") for d in board.days]
        dialog = DayPlanChoice(people, days, date.today(), self)
        return dialog.chosen() if dialog.exec() else None

    def export_calendar(self) -> None:
        """Per employee or for all (P8): the row clicked last is preselected."""
        board = self.canvas.board
        if board is None:
            return
        people = [(r.employee_id, r.name) for r in board.rows if r.employee_id is not None]
        everyone = self.tr("Alle Mitarbeiter")
        taken = [everyone] + [name for _id, name in people]
        # Names need not be unique: a name given twice (or "Alle Mitarbeiter") gets its
        # number, else the choice of the second exported the first one's appointments.
        names = [everyone] + [
            name if taken.count(name) == 1 else f"{name} (#{employee_id})" for employee_id, name in people
        ]
        current, _day = self._current_employee()
        start = next((n + 1 for n, (i, _name) in enumerate(people) if i == current), 0)
        choice, ok = QInputDialog.getItem(
            self,
            self.tr("Kalender exportieren"),
            self.tr("Termine ab dieser Woche exportieren für:"),
            names,
            start,
            False,
        )
        if not ok:
            return
        index = names.index(choice)
        employee_id = None if index == 0 else people[index - 1][0]
        count = print_actions.calendar(self, employee_id, board.monday)
        if count is not None:
            self._show_notice(self.tr("%1 Termine als Kalenderdatei exportiert.").replace("%1", str(count)))

    def undo_shortcut(self) -> QAction:
        return self.undo_action
