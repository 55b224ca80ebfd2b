"""The two views of the Projekte tab, "Projektliste | Plantafel" (SPEC §11 P2): the switch
between them, the planning board built the first time it is shown, and the appointment
editor opened from the board."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QStackedWidget, QToolButton, QWidget

from ..services.changes import Change, Scope
from .planning_board import PlanningBoard


class ViewSwitch(QWidget):
    """ "Projektliste | Plantafel": the two views of the Projekte tab. The board is built the
    first time it is shown, so opening the tab costs nothing extra."""

    def __init__(self, tab: Any, list_page: QWidget, controller: Any) -> None:
        super().__init__(tab)
        self.tab = tab
        self.controller = controller
        self.board: PlanningBoard | None = None
        self.stack = QStackedWidget(tab)
        self.stack.addWidget(list_page)
        self.list_button = QToolButton(self)
        self.list_button.setText(self.tr("Projektliste"))
        self.board_button = QToolButton(self)
        self.board_button.setText(self.tr("Plantafel"))
        self.board_button.setToolTip(self.tr("Wochenplanung: wer arbeitet wann wo"))
        group = QButtonGroup(self)
        for button in (self.list_button, self.board_button):
            button.setCheckable(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            group.addButton(button)
        self.list_button.setChecked(True)
        self.list_button.clicked.connect(self.show_list)
        self.board_button.clicked.connect(self.show_board)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.list_button)
        layout.addWidget(self.board_button)
        self._list_change: Change | None = None  # what the board changed while in front

    def show_board(self) -> PlanningBoard:
        if self.board is None:
            self.board = PlanningBoard(self.controller, self.stack)  # (reads its week)
            self.board.openAppointment.connect(self._open_appointment)
            self.board.changed.connect(self._mark_list_stale)
            self.stack.addWidget(self.board)
        else:
            self.board.reload_now()  # the list may have changed appointments meanwhile
        self.board_button.setChecked(True)
        self.stack.setCurrentWidget(self.board)
        return self.board

    def show_list(self) -> None:
        self.list_button.setChecked(True)
        self.stack.setCurrentIndex(0)
        change, self._list_change = self._list_change, None
        if change is not None:
            # The projects of the appointments moved on the board get their rows anew (one
            # move rebuilt all 3,000 projects' rows before); an unknown change reloads all.
            try:
                self.tab._on_data_changed(change)
            except BaseException:
                self._mark_list_stale(change)  # (the database away): shown the next time
                raise

    def _mark_list_stale(self, change: Change | None = None) -> None:
        """The list shows this change when shown again (None: anything may have changed)."""
        change = change if change is not None else Change(Scope.PROJECTS)
        self._list_change = change if self._list_change is None else self._list_change | change

    def _open_appointment(self, appointment_id: int) -> None:
        from .dialogs.appointment_dialog import AppointmentDialog

        dialog = AppointmentDialog(appointment_id, parent=self.tab)
        self.tab.last_dialog = dialog
        if dialog.exec() and self.board is not None:
            self._mark_list_stale(Change.of(Scope.NONE, appointments={appointment_id}))
            self.board.reload()
