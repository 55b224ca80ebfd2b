"""Scrolling a Projekte tree whose rows are still being opened a slice at a time: the rest
opens at once, and the view moves from the rows the user saw, as far as the wheel, the
arrow or the drag meant, wherever the slices had got to."""

from __future__ import annotations

import pytest
from fakes import FakeController
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QApplication,
    QHeaderView,
    QScrollBar,
    QStyle,
)

from craftdesk.services import projects
from craftdesk.services.changes import Change, Scope
from craftdesk.store.models import Appointment, Job
from craftdesk.ui import projects_tab, tree_loader
from craftdesk.ui.projects_tab import ProjectsTab
from craftdesk.ui.table_models import RecordRole

PROJECTS = 12


@pytest.fixture
def half_open(qtbot, database, monkeypatch):
    """A tab of 12 projects (a job with two appointments each, 48 rows in all) whose tree
    was just read again: the slices stand still after the first project, until the view
    is scrolled."""
    for n in range(PROJECTS):
        job = Job.get(Job.project == projects.create_project(f"Projekt {n}"))
        for a in range(2):
            Appointment.create(job=job, title=f"Termin {n}.{a}")
    monkeypatch.setattr(projects_tab, "BACKGROUND_TREE_ROWS", 1)
    monkeypatch.setattr(tree_loader, "ONE_PASS_ROWS", 0)
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.resize(1000, 330)  # a few rows high
    tab.show()
    qtbot.waitUntil(lambda: not tab.loader.busy and not tab.expander.active)
    monkeypatch.setattr(tree_loader.Expander, "_queue", lambda self: None)  # no next slice
    tab._on_data_changed(Change(Scope.PROJECTS))  # as after an order import
    qtbot.waitUntil(lambda: not tab.loader.busy and tab.expander.active)
    tab.expander._step(0.0)  # one slice: the first project
    assert tab.expander.active and tab.expander._next == 1
    return tab


def _top(tab: ProjectsTab) -> QModelIndex:
    return tab.view.indexAt(QPoint(1, 1)).siblingAtColumn(0)  # (the title, also scrolled sideways)


def _name(index: QModelIndex) -> str:
    record = index.data(RecordRole)
    return f"{record.kind} {index.data()}"


def _to_the_last_rows(tab: ProjectsTab) -> QModelIndex:
    """Scrolled (not by a user's action) to the end of the half open tree: its top row is a
    project below the slices, still folded."""
    bar = tab.view.verticalScrollBar()
    assert bar.maximum() > 0, "the view must scroll"
    bar.setValue(bar.maximum())
    top = _top(tab)
    assert top.data(RecordRole).kind == "project" and not tab.view.isExpanded(top)
    return top


def _rows_below(tab: ProjectsTab, index: QModelIndex, count: int) -> QModelIndex:
    for _ in range(count):
        index = tab.view.indexBelow(index)
    return index


@pytest.mark.parametrize("mode", ["item", "pixel"])
@pytest.mark.parametrize("action", ["SliderSingleStepAdd", "SliderPageStepAdd"])
def test_an_arrow_or_page_click_below_the_slices_moves_on_from_the_rows_seen(half_open, action, mode):
    tab, view = half_open, half_open.view
    if mode == "pixel":  # as on macOS
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    seen = _to_the_last_rows(tab)
    row_top = view.visualRect(seen).top()
    bar = view.verticalScrollBar()
    bar.triggerAction(getattr(QAbstractSlider.SliderAction, action))
    assert not tab.expander.active and all(view.isExpanded(i) for i in _projects(tab))
    step = bar.singleStep() if action == "SliderSingleStepAdd" else bar.pageStep()
    if mode == "item":  # one row or a page of rows on
        assert _name(_top(tab)) == _name(_rows_below(tab, seen, step))
    else:  # as many pixels on
        assert view.visualRect(seen).top() == row_top - step


def test_a_wheel_turn_below_the_slices_moves_down_from_the_rows_seen(half_open, qtbot):
    tab, view = half_open, half_open.view
    seen = _to_the_last_rows(tab)
    wheel = QWheelEvent(
        QPointF(10, 10),
        QPointF(view.viewport().mapToGlobal(QPoint(10, 10))),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch down: three rows
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert not tab.expander.active
    # Three rows further on from the project seen on top, into its job and appointments,
    # open now. The whole tree's row at the old position was far above.
    assert _name(_top(tab)) == _name(_rows_below(tab, seen, QApplication.wheelScrollLines()))


def test_a_drag_to_the_end_below_the_slices_shows_the_end_of_the_whole_tree(half_open):
    tab, view = half_open, half_open.view
    bar = view.verticalScrollBar()
    bar.setSliderDown(True)
    bar.setSliderPosition(bar.maximum())  # the thumb dragged to the bottom
    bar.setSliderDown(False)
    assert not tab.expander.active
    assert bar.value() == bar.maximum()
    last = _top(tab)
    while view.indexBelow(last).isValid():
        last = view.indexBelow(last)
    assert _name(last) == "appointment Termin 0.1"  # the whole tree's last row, and it is seen
    assert view.visualRect(last).bottom() <= view.viewport().height()


def _handle(bar: QScrollBar) -> QRect:
    option = tree_loader._slider_option(bar)  # (initStyleOption is protected)
    control, handle = QStyle.ComplexControl.CC_ScrollBar, QStyle.SubControl.SC_ScrollBarSlider
    return bar.style().subControlRect(control, option, handle, bar)


def _mouse(bar: QScrollBar, kind: QEvent.Type, at: QPoint, held: bool = True) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    buttons = Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton
    event = QMouseEvent(
        kind, QPointF(at), QPointF(bar.mapToGlobal(at)), button, buttons, Qt.KeyboardModifier.NoModifier
    )
    QApplication.sendEvent(bar, event)


def test_the_handle_dragged_below_the_slices_stays_under_the_pointer(half_open):
    """The first move opens the rest: the handle gets shorter, and its top stays where the
    drag put it (the next move of the mouse does not jump the view)."""
    bar = half_open.view.verticalScrollBar()
    handle = _handle(bar)
    grip = QPoint(handle.center().x(), handle.top() + 5)
    _mouse(bar, QEvent.Type.MouseButtonPress, grip)
    offsets, values = [], []
    for dy in (12, 13, 14):
        at = QPoint(grip.x(), grip.y() + dy)
        _mouse(bar, QEvent.Type.MouseMove, at)
        offsets.append(at.y() - _handle(bar).top())
        values.append(bar.value())
    _mouse(bar, QEvent.Type.MouseButtonRelease, at, held=False)
    assert not half_open.expander.active
    assert all(abs(offset - 5) <= 2 for offset in offsets), offsets
    assert values == sorted(values)  # down, never back


def test_a_click_held_beside_the_handle_below_the_slices_pages_once(half_open, qtbot):
    """Qt repeats a held click until the handle reaches the pointer, reckoned from the half
    open tree's value at the press: it paged back. Now the click pages once."""
    tab, view = half_open, half_open.view
    bar = view.verticalScrollBar()
    seen = _top(tab)
    handle = _handle(bar)
    at = QPoint(handle.center().x(), min(handle.bottom() + 8, bar.height() - 20))
    _mouse(bar, QEvent.Type.MouseButtonPress, at)
    paged = bar.value()
    qtbot.wait(800)  # held: Qt's repeat begins after 500 ms
    _mouse(bar, QEvent.Type.MouseButtonRelease, at, held=False)
    assert bar.value() == paged
    assert _name(_top(tab)) == _name(_rows_below(tab, seen, bar.pageStep()))


def test_a_wheel_turn_below_the_slices_keeps_the_view_scrolled_sideways(half_open):
    tab, view = half_open, half_open.view
    view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.header().setStretchLastSection(False)
    view.setColumnWidth(0, 300)
    view.setColumnWidth(1, 900)
    QApplication.processEvents()  # the scrollbar's new range
    sideways = view.horizontalScrollBar()
    sideways.setValue(400)  # the column under the view's left edge is the customer's
    assert view.indexAt(QPoint(1, 1)).column() == 1
    wheel = QWheelEvent(
        QPointF(10, 10),
        QPointF(view.viewport().mapToGlobal(QPoint(10, 10))),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert not tab.expander.active and sideways.value() == 400


def _projects(tab: ProjectsTab) -> list[QModelIndex]:
    return [tab.proxy.index(r, 0) for r in range(tab.proxy.rowCount())]


def test_a_reload_keeps_the_rows_on_top_and_the_view_scrolled_sideways(qtbot, database, monkeypatch):
    """Nothing selected: the row on top before a reload is on top again, and the view is
    still scrolled sideways (putting the row on top scrolled to the start of its column)."""
    for n in range(PROJECTS):
        job = Job.get(Job.project == projects.create_project(f"Projekt {n}"))
        for a in range(2):
            Appointment.create(job=job, title=f"Termin {n}.{a}")
    monkeypatch.setattr(projects_tab, "BACKGROUND_TREE_ROWS", 1)
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.resize(1000, 330)
    tab.show()
    qtbot.waitUntil(lambda: not tab.loader.busy and not tab.expander.active)
    view = tab.view
    view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.header().setStretchLastSection(False)
    view.setColumnWidth(0, 300)
    view.setColumnWidth(1, 900)
    QApplication.processEvents()
    view.verticalScrollBar().setValue(10)
    view.horizontalScrollBar().setValue(400)
    top = _name(_top(tab))
    tab._on_data_changed(Change(Scope.PROJECTS))  # as after an order import
    qtbot.waitUntil(lambda: not tab.loader.busy and not tab.expander.active)
    qtbot.wait(20)
    assert _name(_top(tab)) == top
    assert view.horizontalScrollBar().value() == 400
