"""The Projekte tree's items keep their Python side as long as their model does.

The tree's rows are ``QStandardItem`` objects made in Python and handed to the model. Their
Python side is kept alive by the binding's own bookkeeping only (the item above a job row
holds the job's). In test runs the window crashed now and then (a segmentation fault in
the binding's ``releaseWrapper``) when the model of a closed tab deleted its rows: the
Python side of a job row had been freed before the row. Two things together stopped it:
every item is also held here, by its model, and rows go onto the model itself, never
through ``invisibleRootItem()`` (the binding's object for that item, made on the fly,
outlived its model in the traceback of a row that could not be built). Three long runs of
the tree tests in one process crashed in rounds 4, 18 and 19 before; 41 rounds after, none
did. The items are let go with the model's Python object, after Qt deleted the rows.
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItem, QStandardItemModel

_ATTRIBUTE = "_craftdesk_items"


def pins_of(model: QStandardItemModel) -> list[QStandardItem]:
    """The list that holds ``model``'s items (made on first use)."""
    pins: list[QStandardItem] | None = getattr(model, _ATTRIBUTE, None)
    if pins is None:
        pins = []
        setattr(model, _ATTRIBUTE, pins)
    return pins
