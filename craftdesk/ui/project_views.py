"""The two views of the Projekte tab, "Projektliste | Plantafel" (SPEC §11 P2): the switch
between them, the planning board built the first time it is shown, and the appointment
editor opened from the board."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QStackedWidget, QToolButton, QWidget

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
        self._list_stale = False

    def show_board(self) -> PlanningBoard:
        if self.board is None:
            self.board = PlanningBoard(self.controller, self.stack)
            self.board.openAppointment.connect(self._open_appointment)
            self.board.changed.connect(self._mark_list_stale)
            self.stack.addWidget(self.board)
        self.board_button.setChecked(True)
        self.stack.setCurrentWidget(self.board)
        self.board.reload()
        return self.board

    def show_list(self) -> None:
        self.list_button.setChecked(True)
        self.stack.setCurrentIndex(0)
        if self._list_stale:
            self._list_stale = False
            self.tab.reload()

    def _mark_list_stale(self) -> None:
        self._list_stale = True

    def _open_appointment(self, appointment_id: int) -> None:
        from .dialogs.appointment_dialog import AppointmentDialog

        dialog = AppointmentDialog(appointment_id, parent=self.tab)
        self.tab.last_dialog = dialog
        if dialog.exec() and self.board is not None:
            self._list_stale = True
            self.board.reload()
