"""Finding, selecting and keeping the expanded state of rows in the Projekte tree, through
the records the rows carry (``RecordRole``), never by row number."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet

from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QModelIndex, QPersistentModelIndex
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QTreeView

from ..services.project_rows import ProjectNode, existing_projects
from .project_filter import ProjectFilterProxy
from .project_tree import TreeRecord
from .project_tree_update import project_row_of
from .table_models import RecordRole
from .tree_loader import Expander

# A search keeps a row in view this far down the tree or further: every row is expanded at
# once (below it, the rows down to the screen and a screenful more, the rest later).
EXPAND_AT_ONCE = 300


class TreeNavigation:
    """Mix in before ``QWidget``; the tab provides the view, its proxy, the model and the
    expander of big trees."""

    view: QTreeView
    proxy: ProjectFilterProxy
    model: QStandardItemModel
    expander: Expander
    _rows_of: dict[int, int]  # project → its rows in the tree (see rows_of)

    def _walk(self, parent: QModelIndex | None = None) -> Iterator[QModelIndex]:
        return _model_walk(self.proxy, parent)

    def _top_indexes(self, project_ids: set[int]) -> dict[int, QModelIndex]:
        """The proxy indexes of these projects' rows (those shown): each found in the model
        by a binary search (its order is the projects' ids, newest first) and mapped
        through the proxies, not by a walk over the 3,000 rows of a big tree."""
        found: dict[int, QModelIndex] = {}
        for project_id in project_ids:
            row = project_row_of(self.model, project_id)
            index = self._shown(self.model.index(row, 0)) if row >= 0 else QModelIndex()
            if index.isValid():
                found[project_id] = index
        return found

    def _shown(self, index: QModelIndex) -> QModelIndex:
        """The proxy index of a model index; invalid when the filters hide its row."""
        chain: list[QAbstractProxyModel] = []
        model: QAbstractItemModel | None = self.proxy
        while isinstance(model, QAbstractProxyModel):
            chain.append(model)
            model = model.sourceModel()
        if model is not self.model:
            return QModelIndex()
        for proxy in reversed(chain):
            index = proxy.mapFromSource(index)
        return index

    def _track_collapsed(self) -> None:
        """Keep which projects and jobs are collapsed as the user folds them (the view's
        signals), so a rebuilt tree restores them without walking its rows first."""
        self.collapsed_records: set[tuple[str, int]] = set()
        self.view.collapsed.connect(lambda index: self._folded(index, True))
        self.view.expanded.connect(lambda index: self._folded(index, False))

    def _forget_folded(self, project_ids: AbstractSet[int], nodes: list[ProjectNode]) -> None:
        """Before these projects' rows are replaced by ``nodes``: what was folded among
        them and is gone is forgotten. SQLite gives a deleted row's id to the next new one,
        and a new project must not come folded because a deleted one was."""
        if not self.collapsed_records:
            return
        before: set[tuple[str, int]] = set()
        for project_id in project_ids:  # (a binary search each, not a walk over the tree)
            row = project_row_of(self.model, project_id)
            if row < 0:
                continue
            item = self.model.item(row)
            before.add(("project", project_id))
            for child_row in range(item.rowCount()):
                child = item.child(child_row)
                child_record = child.data(RecordRole) if child is not None else None
                if child_record is not None:
                    before.add((child_record.kind, child_record.id))
        self.collapsed_records -= before - foldable(nodes)

    def _forget_deleted(self, projects: AbstractSet[int], records: AbstractSet[tuple[str, int]]) -> None:
        """A change named these projects (and deleted these jobs or appointments): the
        folds of those deleted are forgotten at once, before another change (a project
        made meanwhile, with the same id) reaches a tab that was hidden."""
        gone = projects - existing_projects(projects) if projects else set()
        if gone:
            self._forget_folded(gone, [])
        self.collapsed_records -= records

    def _folded(self, index: QModelIndex, collapsed: bool) -> None:
        record = index.data(RecordRole)
        if record is not None:
            if collapsed:
                self.collapsed_records.add((record.kind, record.id))
            else:
                self.collapsed_records.discard((record.kind, record.id))

    def _expand_all(self) -> None:
        """Every row expanded (after a search or filter, or a reload that restores the
        collapsed rows itself)."""
        blocked = self.view.blockSignals(True)  # not a Python call per expanded row
        try:
            self.view.expandAll()
        finally:
            self.view.blockSignals(blocked)
        self.collapsed_records.clear()

    def _expand_hits(self, target: QModelIndex) -> None:
        """Every row expanded after a search or filter: at once the projects down to
        ``target``'s (the row kept in view) and a screenful after that project; the rest in
        the next turn of the event loop, in one pass or, for a very big tree, a slice at a
        time. The rows above the screen are all open, so what is shown does not move (and
        once the user moves the view, the expander opens the rest at once). At 3,000
        projects, expanding every row within the keystroke held it 17–30 ms longer."""
        self.collapsed_records.clear()
        project = target
        while project.parent().isValid():
            project = project.parent()
        first = project.row() if project.isValid() else 0
        if first >= EXPAND_AT_ONCE:  # far down: one pass in C++ beats a call per row
            self._expand_all()
            return
        screen = self.view.viewport().height() // max(1, self.view.fontMetrics().height()) + 1
        rows = self.proxy.rowCount()
        shown = 0
        blocked = self.view.blockSignals(True)  # not a Python call per expanded row
        try:
            for row in range(rows):
                opened = self._expand_row(self.proxy.index(row, 0))
                shown += opened if row > first else 0  # a screenful after the kept row's project
                if shown > screen and row + 1 < rows:
                    self.expander.start_for(self.collapsed_records, sum(self._rows_of.values()))
                    return
        finally:
            self.view.blockSignals(blocked)

    def _expand_row(self, project: QModelIndex) -> int:
        """Expand a project and its jobs; the rows they show."""
        self.view.expand(project)
        shown = 1
        for row in range(self.proxy.rowCount(project)):
            job = self.proxy.index(row, 0, project)
            self.view.expand(job)
            shown += 1 + self.proxy.rowCount(job)
        return shown

    def _restore(self, index: QModelIndex, collapsed: set[tuple[str, int]], reopen: bool = False) -> None:
        """Fold again the rows the user folded; ``reopen``: open the others (rows kept
        from before, where a deleted project's fold may stand on a new one of its id)."""
        record = index.data(RecordRole)
        if record is not None and (record.kind, record.id) in collapsed:
            if self.proxy.hasChildren(index):
                self.view.collapse(index)
            else:  # nothing left to fold: a row added later shows
                self.collapsed_records.discard((record.kind, record.id))
        elif reopen and self.proxy.hasChildren(index) and not self.view.isExpanded(index):
            self.view.expand(index)
        for row in range(self.proxy.rowCount(index)):
            self._restore(self.proxy.index(row, 0, index), collapsed, reopen)

    def find_index(
        self, kind: str, record_id: int, *, source: bool = False, project_id: int | None = None
    ) -> QModelIndex:
        """The proxy index of a row (``source``: the model's, also when filtered out).
        ``project_id``: the row's project, so only that project's rows are looked at."""
        if project_id is not None and not source:
            return self.find_first([TreeRecord(kind, record_id, project_id)])
        for index in _model_walk(self.model) if source else self._walk():
            record = index.data(RecordRole)
            if record is not None and record.kind == kind and record.id == record_id:
                return index
        return QModelIndex()

    def find_first(self, records: list[TreeRecord]) -> QModelIndex:
        """The proxy index of the first of these rows the tree shows; their projects are
        looked for in one pass (one that is gone costs a walk over the projects once)."""
        tops = self._top_indexes({record.project_id for record in records})
        for record in records:
            top = tops.get(record.project_id)
            if top is None:
                continue
            for index in _model_walk(self.proxy, top) if record.kind != "project" else (top,):
                found = index.data(RecordRole)
                if found is not None and found.kind == record.kind and found.id == record.id:
                    return index
        return QModelIndex()

    def select(
        self, kind: str, record_id: int, project_id: int | None = None, *, keep_folds: bool = False
    ) -> bool:
        """Make a row the current one and show it (``keep_folds``: the rows it is folded
        in stay folded and the outermost of them is shown)."""
        index = self.find_index(kind, record_id, project_id=project_id)
        if not index.isValid():
            return False
        if keep_folds:
            self.set_current_quietly(index)
            self.view.scrollTo(self.shown_row(index))
        else:
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)
        return True

    def set_current_quietly(self, index: QModelIndex) -> None:
        """Make ``index`` the current row without the view's own scroll to it: that opens
        every row it is folded in, and the user's folds would be forgotten."""
        auto = self.view.hasAutoScroll()
        self.view.setAutoScroll(False)
        try:
            self.view.setCurrentIndex(index)
        finally:
            self.view.setAutoScroll(auto)

    def _folded_for(self, item: QStandardItem) -> Callable[[], None]:
        """Fold a model row the view shows open, for rows to be inserted under it, and
        give back how to open it again (see ``project_tree_update.Unfold``). Quietly: the
        user's folds do not change."""
        index = self._shown(item.index())
        if not index.isValid() or not self.view.isExpanded(index):
            return lambda: None
        kept, bar = QPersistentModelIndex(index), self.view.verticalScrollBar()
        scrolled = bar.value()  # (the fold shortens the tree: near its end the view moved up)
        blocked = self.view.blockSignals(True)
        self.view.collapse(index)
        self.view.blockSignals(blocked)

        def unfold() -> None:
            blocked = self.view.blockSignals(True)
            self.view.expand(kept)
            self.view.blockSignals(blocked)
            bar.setValue(scrolled)

        return unfold

    def _select_again(self, selected: TreeRecord | None, present: set[int], kept: set[int]) -> None:
        """After the rows of these projects were rebuilt or ``kept`` (given new data in
        place): the row selected before is selected again. A kept row stays selected,
        unless a filter let go of its project for a moment (the new data is written a row at
        a time, and the view's current row moved to another project); a sort may have
        moved it out of view."""
        if selected is None or selected.project_id not in present:
            return
        now = self.selected_record()
        if (
            selected.project_id not in kept
            or now is None
            or (now.kind, now.id) != (selected.kind, selected.id)
        ):
            self.select(selected.kind, selected.id, selected.project_id, keep_folds=True)
        elif self.proxy.sortColumn() >= 0:
            self.view.scrollTo(self.shown_row(self.view.currentIndex()))

    def shown_row(self, index: QModelIndex) -> QModelIndex:
        """The row, or the outermost folded row it is in (``scrollTo`` would unfold it)."""
        shown, parent = index, index.parent()
        while parent.isValid():
            if not self.view.isExpanded(parent):
                shown = parent
            parent = parent.parent()
        return shown

    def selected_record(self) -> TreeRecord | None:
        selection = self.view.selectionModel()
        rows = selection.selectedRows() if selection is not None else []
        return rows[0].data(RecordRole) if rows else None


def rows_of(nodes: Iterable[ProjectNode]) -> dict[int, int]:
    """The rows of each of these projects in the tree: the project, its jobs, their
    appointments."""
    return {node.id: 1 + len(node.jobs) + sum(len(job.appointments) for job in node.jobs) for node in nodes}


def foldable(nodes: Iterable[ProjectNode]) -> set[tuple[str, int]]:
    """The records of these projects' rows that can be folded: the projects, their jobs."""
    found: set[tuple[str, int]] = set()
    for node in nodes:
        found.add(("project", node.id))
        found.update(("job", job.id) for job in node.jobs)
    return found


def _model_walk(model: QAbstractItemModel, parent: QModelIndex | None = None) -> Iterator[QModelIndex]:
    parent = parent if parent is not None else QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        yield index
        yield from _model_walk(model, index)
