"""The sort keys a big table computes while the window is idle (issue 13): a value whose key
cannot be computed stops the slices with one error, instead of raising at every turn."""

from __future__ import annotations

from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple

from craftdesk.ui import sort_ahead
from craftdesk.ui.sort_ahead import SortKeysAhead
from craftdesk.ui.table_models import Column, RecordTableModel


class Row(NamedTuple):
    id: int
    name: str
    price: Decimal


def test_a_key_that_cannot_be_computed_stops_the_slices_after_one_error(qtbot, monkeypatch):
    monkeypatch.setattr(sort_ahead, "START_DELAY_MS", 0)
    monkeypatch.setattr(sort_ahead, "SLICE_ROWS", 10)
    model = RecordTableModel(
        [
            Column("name", "Name", attrgetter("name")),
            Column("price", "Preis", attrgetter("price"), kind="money"),
        ]
    )
    rows = [Row(n, f"Rohr {n}", Decimal(n)) for n in range(40)]
    rows[25] = Row(25, "Rohr 25", Decimal("NaN"))  # no integer key: raises
    model.set_records(rows)
    ahead = SortKeysAhead(model)
    with qtbot.captureExceptions() as errors:
        ahead.start()
        qtbot.waitUntil(lambda: not ahead.running, timeout=5000)
        qtbot.wait(50)
    assert len(errors) == 1
    assert not ahead.running
    with qtbot.captureExceptions():
        model.set_records(rows[:20])  # new rows: computed again, to the end
    ahead.start()
    qtbot.waitUntil(lambda: not ahead.running, timeout=5000)
    assert not model.compute_keys_ahead(10)
