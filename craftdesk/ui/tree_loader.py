"""A big Projekte tree without a frozen window: its nodes are read on a helper thread, its
rows built into a model nobody watches yet a slice at a time between the event loop's
turns, then swapped in whole. The tree that was replaced is let go the same way.

At 3,000 projects with 9,000 appointments, reading took 0.3–0.5 s and building 0.9–1.1 s,
all on the GUI thread, at every start (the Projekte tab is the first one shown) and after
every order import; freeing the old rows took another 0.15–0.3 s. Each slice now holds the
window about :data:`SLICE_SECONDS`.
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPoint,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSlider,
    QScrollBar,
    QStyle,
    QStyleOptionSlider,
    QTreeView,
)

from ..services.gc_pause import gc_paused, only_this_pause
from ..services.project_rows import ProjectNode, load_project_nodes
from .background_rows import BackgroundRows
from .item_pins import pins_of
from .project_tree import column_titles, project_rows
from .table_models import RecordRole

SLICE_SECONDS = 0.012  # GUI-thread work per turn of the event loop
# The next slice waits for a timer, not a zero timer: Qt ran chains of zero timers back to
# back (two or three slices between two turns for input, paint and other timers).
TURN_MS = 1
DROP_ROWS = 60  # rows (projects) of a replaced tree freed per turn (~3 ms)
FREEZE_ROWS = 5000  # from this many rows on, the built tree is moved out of the GC's way
# Up to this many rows in the whole tree, a tree just shown (with no row folded) or the rest
# of a search's hits is expanded in one pass in the next turn of the event loop (Qt's
# expandAll: 2-4 µs a row here, so at most about 30 ms); a bigger tree a slice at a time,
# which holds the window less each time but costs ten times the work in all. The whole
# tree counts, not the rows shown: under a status, employee or date filter the pass also
# makes the filter look at every row beneath the projects it opens.
ONE_PASS_ROWS = 8_000


class TreeLoader(QObject):
    """Reads and builds one tree at a time; ``ready`` carries the model and its nodes,
    ``failed`` the exception the read raised."""

    ready = Signal(object, object)  # QStandardItemModel, list[ProjectNode]
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.busy = False
        self._reader = BackgroundRows(self)
        self._reader.loaded.connect(self._read)
        self._nodes: list[ProjectNode] = []
        self._model: QStandardItemModel | None = None
        self._built = 0
        self._rows = 0

    def start(self) -> None:
        self.busy = True
        self._reader.start(load_project_nodes)

    def _read(self, result: object) -> None:
        self._reader.running = False
        if isinstance(result, BaseException):
            self.busy = False
            self.failed.emit(result)
            return
        assert isinstance(result, list)
        self._nodes, self._built = result, 0
        self._rows = sum(1 + len(job.appointments) for node in result for job in node.jobs) + len(result)
        self._model = QStandardItemModel(self)
        self._model.setHorizontalHeaderLabels(column_titles())
        self._step()

    def _step(self) -> None:
        model = self._model
        if model is None:
            return
        try:
            # The rows make a hundred thousand objects that stay: a full pass of the cyclic
            # GC over them held the window 50–120 ms in the middle of a slice. Paused only
            # within a slice; in a big tree the slice's rows are then frozen for it, after a
            # pass over the young objects (~2 ms), so no garbage of anything else the
            # window did meanwhile is frozen with them.
            with gc_paused():
                finished = self._build_slice(model)
                if self._rows >= FREEZE_ROWS and only_this_pause():
                    gc.collect(1)
                    gc.freeze()  # skipped by later passes; rows let go are still freed
        except Exception as exc:  # a row that cannot be built: the read ends, as if it failed
            self._model, self._nodes = None, []
            model.deleteLater()
            self.busy = False
            self.failed.emit(exc)
            return
        if not finished:
            QTimer.singleShot(TURN_MS, self, self._step)
            return
        nodes, self._model, self._nodes = self._nodes, None, []
        QTimer.singleShot(TURN_MS, self, lambda: self._deliver(model, nodes))  # a turn of its own

    def _build_slice(self, model: QStandardItemModel) -> bool:
        """Rows until the slice's time is up; whether every project is built."""
        # Onto the model, not its invisibleRootItem(): the binding's object for that item
        # made here would stay in the traceback of a row that cannot be built, past the
        # model it belongs to (see item_pins).
        nodes, pins = self._nodes, pins_of(model)
        end = time.perf_counter() + SLICE_SECONDS
        while self._built < len(nodes):
            model.appendRow(project_rows(nodes[self._built], pins))
            self._built += 1
            if time.perf_counter() > end:
                return self._built >= len(nodes)
        return True

    def _deliver(self, model: QStandardItemModel, nodes: list[ProjectNode]) -> None:
        self.busy = False
        self.ready.emit(model, nodes)


def show_on_top(view: QTreeView, index: QModelIndex, above: int = 0) -> None:
    """Scroll ``index``'s row to the top of the view (``above``: that many of its pixels
    above the screen), where the user scrolled sideways: ``scrollTo`` also scrolls to the
    start of the index's column."""
    sideways = view.horizontalScrollBar().value()
    view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
    bar = view.verticalScrollBar()
    bar.setValue(bar.value() + above)
    view.horizontalScrollBar().setValue(sideways)


def let_go_of(model: QStandardItemModel) -> None:
    """Free a replaced tree a slice of rows at a time, then the model itself."""

    def turn() -> None:
        rows = min(DROP_ROWS, model.rowCount())
        model.removeRows(model.rowCount() - rows, rows)
        if model.rowCount() > 0:
            QTimer.singleShot(TURN_MS, model, turn)
        else:
            model.deleteLater()

    # The model stays its tab's: only deleteLater, in the event loop, deletes it (a tab
    # closed meanwhile takes it along, and its slices with it). Handed to Python, it was
    # deleted wherever its last reference went, as the timer of its own last slice ended.
    # Nothing may follow its rows as they go: it is no view's any more.
    model.blockSignals(True)
    turn()


class Expander(QObject):
    """Expands a freshly shown tree's projects a slice at a time, collapsing again the
    projects and jobs the user had collapsed; ``done`` when every project was looked at
    (also after :meth:`finish` or :meth:`cancel`).

    The projects are taken in the model's order, not the view's: a sort meanwhile moves
    the rows of the view, not those of the model.
    """

    done = Signal()

    def __init__(self, view: QTreeView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._next = 0
        self._collapsed: set[tuple[str, int]] = set()
        self._chain = 0
        self.active = False
        # The slices open rows wherever they are: once the user sorts, scrolls or moves
        # with the keys, rows above the screen would open under their eyes and push what
        # they look at away. Then the rest is opened at once, the rows on screen kept there,
        # and the user's action goes on from them.
        view.header().sortIndicatorChanged.connect(lambda *_: self.finish())
        bar = view.verticalScrollBar()
        bar.actionTriggered.connect(lambda action: self._finish_scrolling(bar, action))
        for watched in (view, view.viewport(), bar):
            watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Before the view handles them: a key (End goes to the last row, all rows open) or a
        # wheel turn (its rows counted in the whole tree; at the end of the half open one,
        # it would go nowhere).
        if self.active and event.type() in (QEvent.Type.KeyPress, QEvent.Type.Wheel):
            self.finish_in_place()
        return False

    def _finish_scrolling(self, bar: QScrollBar, action: int) -> None:
        """A click on the scrollbar's arrows or beside its handle, or a drag of the handle.
        The position Qt chose counts rows of the half open tree: in the whole tree it
        showed other rows, above the ones the user scrolled from when the rows above the
        screen were still folded, and it stood still at the half open tree's end."""
        if not self.active:
            return
        kind = QAbstractSlider.SliderAction(action)
        if kind == QAbstractSlider.SliderAction.SliderMove:
            # The handle dragged or put under the pointer (a middle click; a wheel turn was
            # finished before it reached the bar): it stays where the user put it.
            handle, at_end = _handle_span(bar)[0], bar.sliderPosition() == bar.maximum()
            self.finish()
            bar.setSliderPosition(bar.maximum() if at_end else _value_at(bar, handle))
            return
        target, start = bar.sliderPosition(), bar.value()
        self.finish_in_place()
        steps = {
            QAbstractSlider.SliderAction.SliderSingleStepAdd: bar.singleStep(),
            QAbstractSlider.SliderAction.SliderSingleStepSub: -bar.singleStep(),
            QAbstractSlider.SliderAction.SliderPageStepAdd: bar.pageStep(),
            QAbstractSlider.SliderAction.SliderPageStepSub: -bar.pageStep(),
            QAbstractSlider.SliderAction.SliderToMinimum: bar.minimum() - bar.value(),
            QAbstractSlider.SliderAction.SliderToMaximum: bar.maximum() - bar.value(),
        }
        bar.setSliderPosition(bar.value() + steps.get(kind, target - start))
        # A click held beside the handle repeats it until the handle reaches the pointer,
        # measured by the value at the press, of the half open tree: it paged back.
        bar.setRepeatAction(QAbstractSlider.SliderAction.SliderNoAction)

    def finish_in_place(self) -> None:
        """:meth:`finish`, with the rows on screen where they were."""
        view = self._view
        top = view.indexAt(QPoint(1, 1)).siblingAtColumn(0)
        above = -view.visualRect(top).top()  # pixels of the top row above the screen
        self.finish()
        if top.isValid():
            show_on_top(view, top, above)

    def start(self, collapsed: set[tuple[str, int]]) -> None:
        """Begins in the next turn of the event loop (the tree was just swapped in).
        ``collapsed`` is the tab's own set: what the user opens meanwhile stays open."""
        self._collapsed, self._next, self.active = collapsed, 0, True
        self._chain += 1  # a chain of slices still queued for an earlier tree ends
        self._queue()

    def start_for(self, collapsed: set[tuple[str, int]], rows: int) -> None:
        """Expand a tree of ``rows`` rows from the next turn on: in one pass up to
        :data:`ONE_PASS_ROWS` when the user folded nothing, else a slice at a time. Folding
        rows again after the pass walks every project and job in Python, in the same turn:
        at 7,500 rows one fold made the pass's 20 ms 31 ms, 300 folds 45 ms."""
        if rows <= ONE_PASS_ROWS and not collapsed:
            self.start_whole(collapsed)
        else:
            self.start(collapsed)

    def start_whole(self, collapsed: set[tuple[str, int]]) -> None:
        """Expand every row in the next turn of the event loop, in one pass (:meth:`finish`):
        for a tree whose one pass is short, far less work than the slices' row by row
        ``expand()`` (at 3,000 projects with 15,000 rows: 25-60 ms against 0.4 s of slices
        and 0.3 s of repaints between them)."""
        self._collapsed, self.active = collapsed, True
        self._chain += 1
        chain = self._chain
        QTimer.singleShot(TURN_MS, self, lambda: self.finish() if chain == self._chain else None)

    def rewind(self) -> None:
        """Look at every project again (rows were replaced): the expanded ones cost a check."""
        self._next = 0

    def finish(self) -> None:
        """Expand what is left now (before the tree changes under the slices, or when the
        user moves the view), in one pass in C++: the slices' row by row ``expand()`` took
        0.5 s at 3,000 projects in all. The rows the user folded are folded again."""
        if not self.active:
            return
        view = self._view
        blocked = view.blockSignals(True)  # not a Python call per expanded row
        try:
            view.expandAll()
            if self._collapsed:
                self._fold_again(view.model())
        finally:
            view.blockSignals(blocked)
        self.active = False
        self.done.emit()

    def _fold_again(self, proxy: QAbstractItemModel) -> None:
        for row in range(proxy.rowCount()):
            for index in _with_jobs(proxy, proxy.index(row, 0)):
                if self._stays_folded(proxy, index):
                    self._view.collapse(index)

    def cancel(self) -> None:
        """Leave the rest as it is (the caller expands everything itself)."""
        if self.active:
            self.active = False
            self.done.emit()

    def _queue(self) -> None:
        chain = self._chain
        QTimer.singleShot(TURN_MS, self, lambda: self._step(SLICE_SECONDS) if chain == self._chain else None)

    def _step(self, budget: float) -> None:
        if not self.active:
            return
        view = self._view
        proxy = view.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        source = proxy.sourceModel()
        end = time.perf_counter() + budget
        blocked = view.blockSignals(True)  # not a Python call per expanded row
        try:
            while self._next < source.rowCount():
                index = proxy.mapFromSource(source.index(self._next, 0))
                self._next += 1
                if index.isValid():
                    self._expand(proxy, index)
                if time.perf_counter() > end:
                    self._queue()
                    return
        finally:
            view.blockSignals(blocked)
        self.active = False
        self.done.emit()

    def _expand(self, proxy: QAbstractItemModel, project: QModelIndex) -> None:
        # expand(), not expandRecursively(): the latter lays out the whole tree again after
        # each slice (25 ms at 15,000 rows); expand() adds the rows below the row it opens,
        # and the rows after it are still collapsed.
        for index in _with_jobs(proxy, project):
            if not self._stays_folded(proxy, index):
                self._view.expand(index)

    def _stays_folded(self, proxy: QAbstractItemModel, index: QModelIndex) -> bool:
        """Whether the user folded this row; one with nothing left to fold is forgotten."""
        record = index.data(RecordRole)
        if record is None or (record.kind, record.id) not in self._collapsed:
            return False
        if proxy.hasChildren(index):
            return True
        self._collapsed.discard((record.kind, record.id))  # nothing left to fold
        return False


def _slider_option(bar: QScrollBar) -> QStyleOptionSlider:
    """What the style draws the bar from. (QScrollBar.initStyleOption is protected: PySide
    on Linux lets Python call it on a bar Qt made, builds without that access may not.)"""
    option = QStyleOptionSlider()
    option.initFrom(bar)
    option.orientation = bar.orientation()
    if bar.orientation() == Qt.Orientation.Horizontal:
        option.state |= QStyle.StateFlag.State_Horizontal
    option.minimum, option.maximum = bar.minimum(), bar.maximum()
    option.sliderPosition, option.sliderValue = bar.sliderPosition(), bar.value()
    option.singleStep, option.pageStep = bar.singleStep(), bar.pageStep()
    option.upsideDown = bar.invertedAppearance()
    return option


def _handle_span(bar: QScrollBar) -> tuple[int, int, int]:
    """The handle's first pixel and the first and last pixel it can start at."""
    option, style = _slider_option(bar), bar.style()
    control = QStyle.ComplexControl.CC_ScrollBar
    groove = style.subControlRect(control, option, QStyle.SubControl.SC_ScrollBarGroove, bar)
    handle = style.subControlRect(control, option, QStyle.SubControl.SC_ScrollBarSlider, bar)
    if bar.orientation() == Qt.Orientation.Horizontal:
        return handle.left(), groove.left(), groove.right() - handle.width() + 1
    return handle.top(), groove.top(), groove.bottom() - handle.height() + 1


def _value_at(bar: QScrollBar, handle: int) -> int:
    """The value whose handle starts at this pixel, as the bar reckons a drag."""
    first, last = _handle_span(bar)[1:]
    return QStyle.sliderValueFromPosition(
        bar.minimum(), bar.maximum(), handle - first, last - first, bar.invertedAppearance()
    )


def _with_jobs(proxy: QAbstractItemModel, project: QModelIndex) -> list[QModelIndex]:
    """A project's row and its jobs' rows (the rows that can be folded)."""
    return [project, *(proxy.index(r, 0, project) for r in range(proxy.rowCount(project)))]
