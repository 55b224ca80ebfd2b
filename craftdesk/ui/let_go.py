"""Letting go of the rows a big table replaced without holding the window: freed at once,
50,000 customer rows held the GUI thread ~40 ms (the deallocation is one C-level cascade);
freed on a helper thread, they held the GIL against the next paint. They are freed a slice
at a time between the event loop's turns instead.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer

LET_GO_ROWS = 5000  # from this many replaced rows on, they are freed a slice at a time
LET_GO_SLICE = 2000  # items freed per turn of the event loop (~1 ms)


def let_go_gradually(held: list[Any], rows: int) -> None:
    """Free what held ``rows`` replaced rows (lists, and dicts whose values may be the row
    set's own lists and dicts) a slice at a time between the event loop's turns; a few
    rows at once."""
    if rows < LET_GO_ROWS:
        held.clear()
        return

    def turn() -> None:
        freed = 0
        while held and freed < LET_GO_SLICE:
            item = held[-1]
            if not item:
                held.pop()
                continue
            if isinstance(item, list):
                item.pop()  # rows are only ever popped, never looked into
            else:
                inner = item.popitem()[1]
                if isinstance(inner, list | dict) and inner:
                    held.append(inner)  # a cache's per-column part: freed the same way
                del inner
            freed += 1
        if held:
            QTimer.singleShot(0, turn)

    turn()
