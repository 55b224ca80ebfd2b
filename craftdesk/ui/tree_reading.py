"""The Projekte tab's big-tree path: a tree read and built out of the window's way
(:mod:`~craftdesk.ui.tree_loader`) is swapped in with what the user had collapsed and
selected, and with what changed while it was read.

Changes that arrive while a tree is read are noted: the projects they name (also through
their customers, matched against the new tree) are read again before the tree is shown; a
change of unknown reach reads the whole tree again once it is shown.
"""

from __future__ import annotations

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QTreeView

from ..services.project_rows import ProjectNode, load_project_nodes
from .project_filter import FilterBar, ProjectFilterProxy
from .project_tree import TreeRecord, replace_projects
from .tree_loader import Expander, TreeLoader, let_go_of


class TreeReading:
    """Mix in before ``QWidget``; the tab calls :meth:`_init_reading` once its view exists."""

    view: QTreeView
    proxy: ProjectFilterProxy
    model: QStandardItemModel
    filter_bar: FilterBar
    collapsed_records: set[tuple[str, int]]
    _customers_of: dict[int, set[int]]

    def _init_reading(self) -> None:
        self.loader = TreeLoader(self)  # type: ignore[arg-type]
        self.loader.ready.connect(self._show_tree)
        self.loader.failed.connect(self._read_failed)
        self.expander = Expander(self.view, self)  # type: ignore[arg-type]
        self.expander.done.connect(self._let_go_of_replaced)
        self._pending: set[int] | None = set()  # projects changed while reading (None: all)
        self._pending_customers: set[int] = set()  # customers changed while reading
        self._replaced: list[QStandardItemModel] = []
        self.read_failed = False  # the last read failed and no tree is shown

    def _start_reading(self) -> None:
        self.read_failed = False
        self.loader.start()
        self._update_buttons()  # nothing to edit before the first tree is there
        self._update_empty_hint()

    def _note_while_reading(self, projects: set[int] | None, customers: set[int] | None = None) -> None:
        """What a change named while a tree is read (None: it may have changed anything)."""
        if projects is None:
            self._pending = None
        elif self._pending is not None:
            self._pending |= projects
        self._pending_customers |= customers or set()

    def _show_tree(self, model: QStandardItemModel, nodes: list[ProjectNode]) -> None:
        """Swap in a tree the loader built, with what changed while it was read; expand it
        a slice at a time."""
        self.expander.finish()
        customers_of = {node.id: set(node.customer_ids) for node in nodes}
        pending, self._pending = self._pending, set()
        customers, self._pending_customers = self._pending_customers, set()
        if pending is not None:
            pending |= {pid for pid, named in customers_of.items() if named & customers}
            if pending:  # read again before anyone sees them
                fresh = load_project_nodes(pending)
                for project_id in pending:
                    customers_of.pop(project_id, None)
                customers_of.update({node.id: set(node.customer_ids) for node in fresh})
                replace_projects(model, pending, fresh)
        selected = self.selected_record()
        self._replaced.append(self.model)  # let go once expanded (one slice at a time)
        self.model = model
        model.setParent(self)  # type: ignore[arg-type]
        self.proxy.setSourceModel(model)
        self._customers_of = customers_of
        self.filter_bar.load_employees()
        self.expander.start(self.collapsed_records)
        if selected is not None:  # its project is expanded for it (as in a small tree)
            self.select(selected.kind, selected.id, selected.project_id)
        self._update_buttons()
        self._update_empty_hint()
        if pending is None:
            self.reload()  # asked for while this tree was read: shown meanwhile

    def _let_go_of_replaced(self) -> None:
        while self._replaced:
            let_go_of(self._replaced.pop())

    def _read_failed(self, error: BaseException) -> None:
        pending, self._pending = self._pending, set()
        self._pending_customers = set()
        self.read_failed = self.model.rowCount() == 0
        self._update_buttons()
        self._update_empty_hint()  # not "reading" forever
        if pending is None:
            self.reload()  # asked for meanwhile: once more
        elif pending and self.model.rowCount() > 0:
            self.refresh_projects(pending)
        raise error  # as a read on the GUI thread would (the excepthook says it)

    # --- provided by the tab ---------------------------------------------------------------

    def reload(self) -> None:
        raise NotImplementedError

    def refresh_projects(self, project_ids: set[int]) -> None:
        raise NotImplementedError

    def select(self, kind: str, record_id: int, project_id: int | None = None) -> bool:
        raise NotImplementedError

    def selected_record(self) -> TreeRecord | None:
        raise NotImplementedError

    def _update_buttons(self, *_args: object) -> None:
        raise NotImplementedError

    def _update_empty_hint(self, *_args: object) -> None:
        raise NotImplementedError
