"""The planning board with the keyboard alone (SPEC §11, "use the app with the keyboard"):
Tab reaches the board and selects a block, the arrows go from block to block, Enter opens,
Ctrl+arrows move a day or an employee (undoable), Entf unschedules, the menu key opens the
block's menu. Before, every one of these needed the mouse."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from fakes import shown_board
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication

from craftdesk.services import employees as emp
from craftdesk.services import planning
from craftdesk.services import projects as svc
from craftdesk.store.models import Customer

MONDAY = date(2026, 3, 2)
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def week(database):
    customer = Customer.create(company="Bäckerei Schröder", kind="organisation")
    project = svc.create_project("Backstube", customer.id, svc.Site("Marktplatz 3", "70173", "Stuttgart"))
    job = svc.first_job(project)
    anna, max_ = emp.add_employee("Anna Fliese"), emp.add_employee("Max Maurer")

    def at(title, day, hour, who):
        start = datetime(2026, 3, day, hour)
        return svc.create_appointment(
            job.id, title, start=start, end=start.replace(hour=hour + 2), assignee_ids=[who.id]
        ).id

    return {
        "anna": anna.id,
        "max": max_.id,
        "ofen": at("Ofen anschließen", 2, 8, max_),
        "ventil": at("Ventil tauschen", 2, 13, max_),
        "abnahme": at("Abnahme", 4, 9, max_),
        "fliesen": at("Fliesen legen", 4, 8, anna),
    }


@pytest.fixture
def board(qtbot, week):
    return shown_board(qtbot, MONDAY, active=True)


def _key(qtbot, board, key, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(board.canvas, key, mods)


def test_tab_reaches_the_board_and_the_arrows_go_from_block_to_block(qtbot, board, week):
    assert board.canvas.focusPolicy() == Qt.FocusPolicy.StrongFocus
    board.prev_button.setFocus()
    for _ in range(20):
        if QApplication.focusWidget() is board.canvas:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is board.canvas
    assert board.canvas.selected == week["fliesen"]  # the first block: Anna's row comes first
    _key(qtbot, board, Qt.Key.Key_Left)  # Anna has nothing before Wednesday: it stays
    assert board.canvas.selected == week["fliesen"]
    _key(qtbot, board, Qt.Key.Key_Down)  # into Max's row, the same day
    assert board.canvas.selected == week["abnahme"]
    _key(qtbot, board, Qt.Key.Key_Left)  # Max's day before with blocks: Monday
    assert board.canvas.selected == week["ofen"]
    _key(qtbot, board, Qt.Key.Key_Down)  # the second block of that Monday
    assert board.canvas.selected == week["ventil"]
    _key(qtbot, board, Qt.Key.Key_Up)
    _key(qtbot, board, Qt.Key.Key_Up)  # no block of Anna's on Monday: it stays
    assert board.canvas.selected == week["ofen"]


def test_enter_opens_ctrl_arrows_move_undoably_and_entf_unschedules(qtbot, board, week):
    opened: list[int] = []
    board.openAppointment.connect(opened.append)
    board.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
    board.canvas.selected = week["ofen"]
    _key(qtbot, board, Qt.Key.Key_Return)
    assert opened == [week["ofen"]]
    _key(qtbot, board, Qt.Key.Key_Right, CTRL)  # a day later, same time and employee
    moved = planning.placement_of(week["ofen"])
    assert moved.start == datetime(2026, 3, 3, 8) and moved.assignee_ids == (week["max"],)
    assert board.canvas.selected == week["ofen"]
    _key(qtbot, board, Qt.Key.Key_Up, CTRL)  # to Anna, same time
    assert planning.placement_of(week["ofen"]).assignee_ids == (week["anna"],)
    _key(qtbot, board, Qt.Key.Key_Z, CTRL)
    _key(qtbot, board, Qt.Key.Key_Z, CTRL)
    assert planning.placement_of(week["ofen"]).start == datetime(2026, 3, 2, 8)
    assert planning.placement_of(week["ofen"]).assignee_ids == (week["max"],)
    board.canvas.selected = week["abnahme"]
    _key(qtbot, board, Qt.Key.Key_Delete)
    assert planning.placement_of(week["abnahme"]).status == "unscheduled"
    _key(qtbot, board, Qt.Key.Key_Escape)  # no modifier left behind for later tests


def test_enter_on_an_unscheduled_entry_opens_it_to_be_planned(qtbot, board, week):
    """Before, only a drag with the mouse planned an entry of "Nicht terminiert"."""
    opened: list[int] = []
    board.openAppointment.connect(opened.append)
    board.canvas.selected = week["abnahme"]
    board.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
    _key(qtbot, board, Qt.Key.Key_Delete)
    assert board.side.count() == 1
    board.side.setCurrentRow(0)
    board.side.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(board.side, Qt.Key.Key_Return)
    qtbot.keyClick(board.side, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    assert opened == [week["abnahme"], week["abnahme"]]
    board.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(board.canvas, Qt.Key.Key_Tab)  # from the board straight to the list (no stop between)
    assert QApplication.focusWidget() is board.side


def test_the_menu_key_opens_the_menu_of_the_selected_block(qtbot, board, week):
    board.canvas.setFocus(Qt.FocusReason.OtherFocusReason)
    board.canvas.selected = week["ofen"]
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, QPoint(5, 5), board.canvas.mapToGlobal(QPoint(5, 5))
    )
    QApplication.sendEvent(board.canvas, event)
    assert board.last_menu is not None
    texts = [a.text() for a in board.last_menu.actions()]
    assert "Bearbeiten …" in texts and "Zurück in „Nicht terminiert“" in texts
    board.last_menu.close()


def test_focus_given_back_by_a_menu_or_dialog_keeps_the_board_where_it_was(qtbot, board, week):
    """A closed menu gave the focus back and the board jumped to its first block."""
    for reason in (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason):
        board.prev_button.setFocus()
        board.canvas.selected = None
        board.canvas.setFocus(reason)
        assert QApplication.focusWidget() is board.canvas and board.canvas.selected is None, reason
    board.prev_button.setFocus()
    board.canvas.setFocus(Qt.FocusReason.TabFocusReason)  # the keyboard: a block to act on
    assert board.canvas.selected == week["fliesen"]


def test_an_empty_board_says_how_employees_and_plans_come(qtbot, database):
    board = shown_board(qtbot, MONDAY)
    assert board.no_staff.isVisible() and "Keine aktiven Mitarbeiter" in board.no_staff.text()
    assert board.side.count() == 0
    painted = board.side.viewport().grab().toImage()  # the empty list paints its note
    background = painted.pixelColor(painted.width() - 2, painted.height() - 2)
    top = [painted.pixelColor(x, y) for y in range(4, 30) for x in range(painted.width())]
    assert any(color != background for color in top)
    emp.add_employee("Anna Fliese")
    board.reload()
    assert not board.no_staff.isVisible()
