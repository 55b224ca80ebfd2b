"""The Projekte tab's big-tree path: a tree read and built out of the window's way
(:mod:`~craftdesk.ui.tree_loader`) is swapped in with what the user had collapsed and
selected, and with what changed while it was read.

Changes that arrive while a tree is read are noted: the projects they name (directly,
through a customer or through a deleted job or appointment, matched against the new tree)
are read again before the tree is shown; a change of unknown reach reads the whole tree
again once it is shown.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTreeView

from ..services.project_rows import ProjectNode, load_project_nodes
from .project_filter import FilterBar, ProjectFilterProxy
from .project_tree import TreeRecord
from .project_tree_nav import foldable, rows_of
from .project_tree_update import replace_projects
from .table_models import RecordRole
from .tree_loader import Expander, TreeLoader, let_go_of, show_on_top

Records = set[tuple[str, int]]  # ("job" | "appointment", id)
SCREEN_ROWS = 60  # rows on screen remembered across a reload (more than a screen shows)
REFRESH_PROJECTS = 12  # rebuilt at ~3 ms each on the GUI thread: more read with the whole tree


class TreeReading:
    """Mix in before ``QWidget``; the tab calls :meth:`_init_reading` once its view exists."""

    view: QTreeView
    proxy: ProjectFilterProxy
    model: QStandardItemModel
    filter_bar: FilterBar
    collapsed_records: Records
    _customers_of: dict[int, set[int]]
    _rows_of: dict[int, int]

    if TYPE_CHECKING:  # provided by the tab (declared only: nothing here hides them)

        def reload(self) -> None: ...
        def refresh_projects(self, project_ids: set[int]) -> None: ...
        def find_index(self, kind: str, record_id: int, *, project_id: int | None = None) -> QModelIndex: ...
        def select(
            self, kind: str, record_id: int, project_id: int | None = None, *, keep_folds: bool = False
        ) -> bool: ...
        def set_current_quietly(self, index: QModelIndex) -> None: ...
        def shown_row(self, index: QModelIndex) -> QModelIndex: ...
        def find_first(self, records: list[TreeRecord]) -> QModelIndex: ...
        def selected_record(self) -> TreeRecord | None: ...
        def _update_buttons(self, *_args: object) -> None: ...
        def _update_empty_hint(self, *_args: object) -> None: ...

    def _init_reading(self) -> None:
        self.loader = TreeLoader(self)  # type: ignore[arg-type]
        self.loader.ready.connect(self._show_tree)
        self.loader.failed.connect(self._read_failed)
        self.expander = Expander(self.view, self)  # type: ignore[arg-type]
        self.expander.done.connect(self._tree_expanded)
        self._pending: set[int] | None = set()  # projects changed while reading (None: all)
        self._pending_customers: set[int] = set()  # customers changed while reading
        self._pending_records: Records = set()  # jobs and appointments deleted meanwhile
        self._replaced: list[QStandardItemModel] = []
        self._scroll_after = False  # the selection was brought back: shown once expanded
        self._top_after: list[TreeRecord] = []  # the rows on screen: the first still there on top
        self._wanted: tuple[str, int, int] | None = None  # to select once the first tree is there
        self.read_failed = False  # the last read failed and no tree is shown

    def _start_reading(self) -> None:
        self.read_failed = False
        self.loader.start()
        self._update_buttons()  # nothing to edit before the first tree is there
        self._update_empty_hint()

    def select_soon(self, kind: str, record_id: int, project_id: int) -> None:
        """Select a row (a project or appointment just made); while the first tree is read,
        once it is shown."""
        if not self.select(kind, record_id, project_id) and self.loader.busy:
            self._wanted = (kind, record_id, project_id)

    def _note_while_reading(
        self,
        projects: set[int] | None,
        customers: AbstractSet[int] = frozenset(),
        records: AbstractSet[tuple[str, int]] = frozenset(),
    ) -> None:
        """What a change named while a tree is read (None: it may have changed anything)."""
        if projects is None:
            self._pending = None
        elif self._pending is not None:
            self._pending |= projects
            if self.too_many(self._pending):
                self._pending = None  # many changes in a row: the whole tree read again
        self._pending_customers |= customers
        self._pending_records |= records

    @staticmethod
    def too_many(projects: AbstractSet[int]) -> bool:
        """Whether reading the whole tree again beats rebuilding these projects' rows."""
        return len(projects) > REFRESH_PROJECTS

    def _changed_meanwhile(self, nodes: list[ProjectNode]) -> set[int] | None:
        """The projects of the new tree that changed while it was read (None: maybe all)."""
        pending, self._pending = self._pending, set()
        customers, self._pending_customers = self._pending_customers, set()
        records, self._pending_records = self._pending_records, set()
        if pending is None or not (customers or records):
            return pending
        for node in nodes:
            if node.customer_ids & customers or (
                records
                and any(
                    ("job", job.id) in records
                    or any(("appointment", a.id) in records for a in job.appointments)
                    for job in node.jobs
                )
            ):
                pending.add(node.id)
        return None if self.too_many(pending) else pending  # many: the whole tree read again

    def _show_tree(self, model: QStandardItemModel, nodes: list[ProjectNode]) -> None:
        """Swap in a tree the loader built, with what changed while it was read; expand it
        in the next turn (a big tree a slice at a time)."""
        self.expander.cancel()  # the tree it was expanding goes
        customers_of = {node.id: set(node.customer_ids) for node in nodes}
        rows = rows_of(nodes)
        pending = self._changed_meanwhile(nodes)
        failure: Exception | None = None
        shown = nodes
        if pending:  # read again before anyone sees them
            try:
                fresh = load_project_nodes(pending)
            except Exception as exc:  # shown as read, then read again in full
                failure, pending = exc, None
            else:
                for project_id in pending:
                    customers_of.pop(project_id, None)
                    rows.pop(project_id, None)
                customers_of.update({node.id: set(node.customer_ids) for node in fresh})
                rows.update(rows_of(fresh))
                replace_projects(model, pending, fresh)
                shown = [node for node in nodes if node.id not in pending] + fresh
        if self.collapsed_records and pending is not None:  # (else the next read trims)
            self.collapsed_records &= foldable(shown)  # what is gone is forgotten (ids come again)
        selected = self.selected_record()
        self._top_after = self._rows_on_screen()
        wanted, self._wanted = self._wanted, None
        if selected is not None:
            wanted = (selected.kind, selected.id, selected.project_id)
        self._replaced.append(self.model)  # let go once expanded (one slice at a time)
        self.model = model
        model.setParent(self)  # type: ignore[arg-type]
        self.proxy.set_tree(model)
        self._customers_of = customers_of
        self._rows_of = rows
        self.read_failed = False
        if self.filter_bar.load_employees():  # the chosen employee left: everyone's rows
            self.proxy.set_filters(self.filter_bar.filters())
        if wanted is not None:  # chosen at once (a click meanwhile wins), shown once expanded
            index = self.find_index(wanted[0], wanted[1], project_id=wanted[2])
            if index.isValid():
                self.set_current_quietly(index)  # (the view's scroll would unfold its rows)
                self._scroll_after = True
            elif pending is None:  # not in this tree, read before it was made: in the next
                self._wanted = wanted  # (also a row made in the tree shown meanwhile)
        self.expander.start_for(self.collapsed_records, sum(rows.values()))
        self._update_buttons()
        self._update_empty_hint()
        if pending is None:
            self.reload()  # asked for while this tree was read: shown meanwhile
        if failure is not None:
            raise failure  # as a read on the GUI thread would (the excepthook says it)

    def _rows_on_screen(self) -> list[TreeRecord]:
        """The records of a scrolled tree's rows on screen, from the top, then the top
        row's job and project and the projects around it (nothing at the very top: new
        projects come first and are to be seen there)."""
        if self.view.verticalScrollBar().value() == 0:
            return []
        records: list[object] = []
        index = top = self.view.indexAt(QPoint(1, 1))
        while index.isValid() and len(records) < SCREEN_ROWS:
            records.append(index.data(RecordRole))
            index = self.view.indexBelow(index)
        project = top
        while project.parent().isValid():
            project = project.parent()
            records.append(project.data(RecordRole))
        for row in (project.row() + 1, project.row() + 2, project.row() - 1):  # a big one gone
            if row >= 0:
                records.append(self.proxy.index(row, 0).data(RecordRole))
        return [record for record in records if isinstance(record, TreeRecord)]

    def _tree_expanded(self) -> None:
        """Once a new tree is expanded: the selection brought back is in view; else the
        row on top before is on top again, or the first row after it that is still there,
        or its job or project (the new tree came in collapsed, the scrollbar stayed where
        it was, and the rows opened above it pushed the content down)."""
        on_screen, self._top_after = self._top_after, []
        current = self.view.currentIndex()
        if self._scroll_after and current.isValid():
            self.view.scrollTo(self.shown_row(current))
        elif on_screen and not current.isValid():
            index = self.find_first(on_screen)
            if index.isValid():
                show_on_top(self.view, self.shown_row(index))
        self._scroll_after = False
        while self._replaced:
            let_go_of(self._replaced.pop())

    def _read_failed(self, error: BaseException) -> None:
        pending = self._changed_meanwhile([])
        self._wanted = None
        self.read_failed = self.model.rowCount() == 0
        self._update_buttons()
        self._update_empty_hint()  # not "reading" forever
        try:
            if pending is None:
                self.reload()  # asked for meanwhile: once more
            elif pending and self.model.rowCount() > 0:
                self.refresh_projects(pending)
        finally:
            raise error  # as a read on the GUI thread would (the excepthook says it)
