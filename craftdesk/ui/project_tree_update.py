"""Changes of single projects in the Projekte tree's model (T6): a project's rows found by
a binary search, replaced, added or removed, or given their new data in place.

A project's rows replaced by new ones make the view lay out the whole tree again: at 3,000
projects, 25 ms of the 45 ms the window stood still after an appointment was saved. Most
changes (a status, hours, a title, an invoice) leave the rows standing for the same
records; those keep their items and take the new data, which the view only repaints.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QStandardItem, QStandardItemModel

from ..services.project_rows import ProjectNode
from .item_pins import pins_of
from .project_tree import project_rows
from .table_models import RecordRole

#: Before rows are inserted under a job: the view folds it if it is open, and the function
#: returned opens it again. Qt's tree view lays out every row again when rows come under an
#: open row (25 ms at 3,000 projects); under a folded one it only notes them, and opening
#: it lays out its own rows.
Unfold = Callable[[QStandardItem], Callable[[], None]]


def project_row_of(model: QStandardItemModel, project_id: int) -> int:
    """The model row of a project, -1 when the tree does not show it."""
    row = _first_not_newer(model, project_id)
    return row if row < model.rowCount() and model.item(row, 0).data(RecordRole).id == project_id else -1


def _first_not_newer(model: QStandardItemModel, project_id: int) -> int:
    """The first model row of a project not newer than this one. The model keeps the
    tree's own order, newest (highest id) first, so a binary search finds it: a walk
    over 3,000 projects held every new project's save 14 ms."""
    low, high = 0, model.rowCount()
    while low < high:
        middle = (low + high) // 2
        if model.item(middle, 0).data(RecordRole).id > project_id:
            low = middle + 1
        else:
            high = middle
    return low


def replace_projects(
    model: QStandardItemModel,
    project_ids: set[int],
    nodes: list[ProjectNode],
    folded_for: Unfold | None = None,
) -> set[int]:
    """Rebuild the rows of these projects only (T6): a project that is gone loses its rows,
    a new one is inserted in the tree's own order (newest first), a changed one gets new
    rows in its place. Every other row stays as it is.

    A changed project whose rows stand for the same project, jobs and appointments as
    before, in the same order, keeps its items: they take the new data. So does one whose
    jobs only gained appointments: those are inserted under their jobs, each job folded in
    the view meanwhile by ``folded_for`` (see :data:`Unfold`). Returns those projects; what
    was open, folded and selected in them is as it was."""
    fresh = {node.id: node for node in nodes}
    kept: set[int] = set()
    pins = pins_of(model)  # (also those that only lend their data: a few per change)
    for project_id in sorted(project_ids):
        row = project_row_of(model, project_id)
        node = fresh.get(project_id)
        rows = project_rows(node, pins) if node is not None else None
        if row >= 0 and rows is not None:
            added = _appointments_added(model.item(row, 0), rows[0])
            if added is not None:
                taken = _take_rows(rows[0], added)  # (the rest stands for the same records)
                _take_over(model, row, rows)
                _insert_rows(model.item(row, 0), taken, folded_for)
                kept.add(project_id)
                continue
        if row >= 0:
            model.removeRow(row)
        if rows is None:
            continue
        if row < 0:  # new here: before the first older project
            row = _first_not_newer(model, project_id)
        model.insertRow(row, rows)
    return kept


def _take_over(model: QStandardItemModel, row: int, new: list[QStandardItem]) -> None:
    """Give the project's rows at ``row`` the data of ``new``, rows that stand for the same
    records."""
    scratch = QStandardItemModel()  # (the new items' data is read through a model's index)
    scratch.appendRow(new)
    _copy_rows(model, QModelIndex(), row, scratch, QModelIndex(), 0)


def _appointments_added(old: QStandardItem, new: QStandardItem) -> dict[int, list[int]] | None:
    """The rows of each job (by its row) that ``new`` has and ``old`` has not, when that is
    all that differs: the same project and jobs, and the old appointments in their order.
    None when anything else differs."""
    if old.rowCount() != new.rowCount() or _record_key(old) != _record_key(new):
        return None
    added: dict[int, list[int]] = {}
    for job_row in range(new.rowCount()):
        old_job, new_job = old.child(job_row, 0), new.child(job_row, 0)
        if _record_key(old_job) != _record_key(new_job):
            return None
        before = [_record_key(old_job.child(r, 0)) for r in range(old_job.rowCount())]
        after = [_record_key(new_job.child(r, 0)) for r in range(new_job.rowCount())]
        known = set(before)
        if [key for key in after if key in known] != before:
            return None  # one went, or they changed their order
        rows = [r for r, key in enumerate(after) if key not in known]
        if rows:
            added[job_row] = rows
    return added


def _take_rows(
    new: QStandardItem, added: dict[int, list[int]]
) -> dict[int, list[tuple[int, list[QStandardItem]]]]:
    """Take the added rows out of the new project's jobs (which then stand for the same
    records as the old ones), with the row each goes to."""
    taken: dict[int, list[tuple[int, list[QStandardItem]]]] = {}
    for job_row, rows in added.items():
        job = new.child(job_row, 0)
        taken[job_row] = [(r, job.takeRow(r)) for r in sorted(rows, reverse=True)][::-1]
    return taken


def _insert_rows(
    project: QStandardItem, taken: dict[int, list[tuple[int, list[QStandardItem]]]], folded_for: Unfold | None
) -> None:
    for job_row, rows in taken.items():
        job = project.child(job_row, 0)
        unfold = folded_for(job) if folded_for is not None else None
        try:
            for row, items in rows:  # in their order: each one's row counts those before it
                job.insertRow(row, items)
        finally:
            if unfold is not None:
                unfold()


def _record_key(item: QStandardItem) -> tuple[str, int] | None:
    record = item.data(RecordRole)
    return (record.kind, record.id) if record is not None else None


def _copy_rows(
    model: QStandardItemModel,
    parent: QModelIndex,
    row: int,
    scratch: QStandardItemModel,
    new_parent: QModelIndex,
    new_row: int,
) -> None:
    """The data of a row and the rows beneath it; a cell whose data is the same is not
    touched (the view repaints only what changed)."""
    for column in range(model.columnCount(parent)):
        old, new = model.index(row, column, parent), scratch.index(new_row, column, new_parent)
        before, after = model.itemData(old), scratch.itemData(new)
        if before != after:  # roles the new data lacks are cleared
            model.setItemData(old, {**dict.fromkeys(before), **after})
    old, new = model.index(row, 0, parent), scratch.index(new_row, 0, new_parent)
    for child in range(scratch.rowCount(new)):
        _copy_rows(model, old, child, scratch, new, child)
