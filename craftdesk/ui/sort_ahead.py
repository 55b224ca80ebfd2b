"""A big table computes the sort keys of its other columns while the window is idle.

The first click on a column header of 50,000 customers used to compute that column's keys
(its numbers padded to sort by value) on the GUI thread: 140–290 ms for a customer number,
an e-mail address or a phone number. Once a table's rows are shown, these keys are computed
a slice of rows at a time, one event-loop turn per slice, so the window still answers a key
or a click within a few milliseconds; the first sort of a column then only sorts.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from .table_models import RecordTableModel

SLICE_ROWS = 500  # a few milliseconds of key computing per event-loop turn
START_DELAY_MS = 500  # after the rows are shown: the first paint and a first look come first


class SortKeysAhead(QObject):
    """Drives :meth:`RecordTableModel.compute_keys_ahead` until every column has its keys."""

    def __init__(self, model: RecordTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(START_DELAY_MS)
        self._slices = QTimer(self)
        self._slices.setInterval(0)  # one slice per event-loop turn
        self._delay.timeout.connect(self._slices.start)
        self._slices.timeout.connect(self._step)

    def start(self) -> None:
        """Begin (again) shortly: the rows were replaced."""
        self._slices.stop()
        self._delay.start()

    def stop(self) -> None:
        """Not now: the rows are about to be replaced (a reload runs)."""
        self._delay.stop()
        self._slices.stop()

    @property
    def running(self) -> bool:
        return self._delay.isActive() or self._slices.isActive()

    def _step(self) -> None:
        # Stopped while the slice runs: a key that cannot be computed raises once (and again
        # at a click on its header), not at every event-loop turn.
        self._slices.stop()
        if self._model.compute_keys_ahead(SLICE_ROWS):
            self._slices.start()
