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
from contextlib import ExitStack

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QTimer, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTreeView

from ..services.gc_pause import gc_paused, only_this_pause
from ..services.project_rows import ProjectNode, load_project_nodes
from .background_rows import BackgroundRows
from .project_tree import column_titles, project_rows
from .table_models import RecordRole

SLICE_SECONDS = 0.012  # GUI-thread work per turn of the event loop
# The next slice waits for a timer, not a zero timer: Qt ran chains of zero timers back to
# back (two or three slices between two turns for input, paint and other timers).
TURN_MS = 1
DROP_ROWS = 60  # rows (projects) of a replaced tree freed per turn (~3 ms)
FREEZE_ROWS = 5000  # from this many rows on, the built tree is moved out of the GC's way


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
        self._pause = ExitStack()
        self.destroyed.connect(self._pause.close)  # a tab closed while building: GC back on

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
        # The rows make a hundred thousand objects that stay: a full pass of the cyclic GC
        # over them held the window 50–120 ms in the middle of a slice.
        self._pause.enter_context(gc_paused())
        self._step()

    def _step(self) -> None:
        model = self._model
        if model is None:
            return
        root, nodes = model.invisibleRootItem(), self._nodes
        end = time.perf_counter() + SLICE_SECONDS
        while self._built < len(nodes):
            root.appendRow(project_rows(nodes[self._built]))
            self._built += 1
            if time.perf_counter() > end:
                QTimer.singleShot(TURN_MS, self, self._step)
                return
        self._model, self._nodes = None, []
        if self._rows >= FREEZE_ROWS and only_this_pause():
            gc.freeze()  # long-lived: skipped by every later pass (rows let go are still freed)
        self._pause.close()
        QTimer.singleShot(TURN_MS, self, lambda: self._deliver(model, nodes))  # a turn of its own

    def _deliver(self, model: QStandardItemModel, nodes: list[ProjectNode]) -> None:
        self.busy = False
        self.ready.emit(model, nodes)


def let_go_of(model: QStandardItemModel) -> None:
    """Free a replaced tree a slice of rows at a time, then the model itself."""

    def turn() -> None:
        rows = min(DROP_ROWS, model.rowCount())
        model.removeRows(model.rowCount() - rows, rows)
        if model.rowCount() > 0:
            QTimer.singleShot(TURN_MS, model, turn)
        else:
            model.deleteLater()

    model.setParent(None)  # not freed with its tab before the last slice
    turn()


class Expander(QObject):
    """Expands a freshly shown tree's projects a slice at a time, collapsing again the
    projects and jobs the user had collapsed; ``done`` when every project was looked at
    (also after :meth:`finish` or :meth:`cancel`)."""

    done = Signal()

    def __init__(self, view: QTreeView, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._next = 0
        self._collapsed: set[tuple[str, int]] = set()
        self.active = False

    def start(self, collapsed: set[tuple[str, int]]) -> None:
        """Begins in the next turn of the event loop (the tree was just swapped in)."""
        self._collapsed, self._next, self.active = collapsed, 0, True
        QTimer.singleShot(TURN_MS, self, lambda: self._step(SLICE_SECONDS))

    def finish(self) -> None:
        """Expand what is left now (before the tree changes under the slices)."""
        if self.active:
            self._step(None)

    def cancel(self) -> None:
        """Leave the rest as it is (the caller expands everything itself)."""
        if self.active:
            self.active = False
            self.done.emit()

    def _step(self, budget: float | None) -> None:
        if not self.active:
            return
        view, model = self._view, self._view.model()
        end = None if budget is None else time.perf_counter() + budget
        blocked = view.blockSignals(True)  # not a Python call per expanded row
        try:
            while self._next < model.rowCount():
                index = model.index(self._next, 0)
                self._next += 1
                # expand(), not expandRecursively(): the latter lays out the whole tree
                # again after each slice (25 ms at 15,000 rows); expand() adds the rows
                # below the row it opens, and the rows after it are still collapsed.
                view.expand(index)
                for row in range(model.rowCount(index)):
                    view.expand(model.index(row, 0, index))
                if self._collapsed:
                    self._collapse(model, index)
                if end is not None and time.perf_counter() > end:
                    QTimer.singleShot(TURN_MS, self, lambda: self._step(SLICE_SECONDS))
                    return
        finally:
            view.blockSignals(blocked)
        self.active = False
        self.done.emit()

    def _collapse(self, model: QAbstractItemModel, top: QModelIndex) -> None:
        for index in (top, *(model.index(r, 0, top) for r in range(model.rowCount(top)))):
            record = index.data(RecordRole)
            if record is not None and (record.kind, record.id) in self._collapsed:
                self._view.collapse(index)
