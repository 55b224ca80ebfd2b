"""The Projekte tab: projects → jobs → appointments with status colours (SPEC §4), the
order import from sevDesk (O1), the appointment editor (O8), employees, and the invoice
draft: double-click a project → preview → create the draft in sevDesk (I1–I5). What the
clicks do is in :mod:`~craftdesk.ui.project_actions`.

A change that names its projects, jobs or appointments — made here, elsewhere in the app
or at another workstation (T6) — rebuilds the rows of those projects only, keeping what
is expanded and selected; a change of unknown reach reloads the tree. Rows are found
through ``RecordRole`` (a :class:`TreeRecord`) on the proxy index clicked, never by row.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..services.changes import Change, Scope
from ..services.project_rows import load_project_nodes, projects_of, tree_size
from ..sync.contract import SyncControl
from .empty_hint import EmptyHint, connection_state_of, link
from .keys import KeyAction, KeyboardMenu, SelectOnFocus, chain_tab_order, into_list
from .lazy_reload import LazyReloadMixin
from .project_actions import ProjectActions
from .project_filter import FilterBar, ProjectFilterProxy
from .project_tree import TreeRecord, build_model, column_titles, size_columns
from .project_tree_nav import TreeNavigation, foldable, rows_of
from .project_tree_update import replace_projects
from .project_views import ViewSwitch
from .server_away import mark_editing
from .table_models import RecordRole, SearchRole, search_pattern
from .tree_reading import TreeReading

# From this many rows (projects, jobs and appointments) the tree is read on a helper thread
# and built a slice at a time (about 45 ms of GUI-thread work at once below it).
BACKGROUND_TREE_ROWS = 500


class ProjectsTab(TreeNavigation, TreeReading, ProjectActions, LazyReloadMixin, QWidget):
    # The tree shows projects and the names of their customers (no article data).
    scope = Scope.PROJECTS | Scope.CUSTOMERS
    row_scope = Scope.PROJECTS  # refresh_rows gets project ids

    def __init__(self, controller: SyncControl, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(parent)
        self._customers_of: dict[int, set[int]] = {}  # project → the customers its rows name
        self._rows_of: dict[int, int] = {}  # project → its rows (the expansion's choice)
        self.controller = controller
        self.last_dialog: Any = None  # the dialog opened last (tests, screenshots)
        self.model = QStandardItemModel(self)
        self.proxy = ProjectFilterProxy(self)  # search, status/employee/date filters (P5)
        self.proxy.set_tree(self.model)
        # The search looks at a row's data (its SearchRole text, pre-folded), not at
        # decoration such as "0 von 1 fertig"; Qt matches it in C++.
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterRole(SearchRole)
        self.filter_bar = FilterBar(self)
        self.filter_bar.changed.connect(self._filter)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Projekt, Kunde, Termin oder Status …"))
        self.search.textChanged.connect(self._search)
        self._build_buttons()
        self._build_view()
        self._build_layout()

        self._init_reading()
        self._track_collapsed()
        controller.data_changed.connect(self._on_data_changed)
        self.empty_hint = EmptyHint(self.view)
        self.empty_hint.linkActivated.connect(self.follow_link)
        self._set_tab_order()
        controller.connection_state_changed.connect(self._update_import_button)
        controller.connection_state_changed.connect(self._update_empty_hint)
        self._update_import_button()
        self.model.setHorizontalHeaderLabels(column_titles())
        if lazy:  # built hidden in the window: loads when first shown
            self.mark_stale()
        else:
            self.reload()
        self._column_fit = size_columns(self.view)

    def _build_buttons(self) -> None:
        def button(text: str, slot: Any) -> QPushButton:
            widget = QPushButton(text, self)
            widget.clicked.connect(slot)
            return widget

        self.new_project_button = button(self.tr("Neues Projekt"), self.new_project)
        self.new_appointment_button = button(self.tr("Neuer Termin"), self.new_appointment)
        self.edit_button = button(self.tr("Bearbeiten"), self.edit_selected)
        self.delete_button = button(self.tr("Löschen"), self.delete_selected)
        self.invoice_button = button(self.tr("Rechnung …"), self._invoice_selected)
        self.employees_button = button(self.tr("Mitarbeiter …"), self.open_employees)
        self.import_button = button(self.tr("Aus sevDesk importieren"), self.open_order_import)
        mark_editing(  # greyed while the server is away (T7)
            self.new_project_button,
            self.new_appointment_button,
            self.edit_button,
            self.delete_button,
            self.invoice_button,
            self.import_button,
        )

    def _build_view(self) -> None:
        self.view = QTreeView(self)
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        # Every column sorts on a click (P5). Until then the list keeps its own order: newest
        # project first, each job's appointments by time, undated ones last.
        self.view.setSortingEnabled(True)
        self.view.header().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.view.setStyleSheet("QTreeView::item { min-height: 22px; }")
        self.view.setExpandsOnDoubleClick(False)  # double-click means "open", not "fold"
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._keyboard_menu = KeyboardMenu(self.view, self._context_menu)
        self.view.doubleClicked.connect(self._double_clicked)
        enter = (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # opens the row, as in Kunden and Artikel
        self._enter = KeyAction(self.view, enter, self.edit_selected)
        self._delete_key = KeyAction(self.view, (Qt.Key.Key_Delete,), self.delete_if_allowed)
        self._select_on_focus = SelectOnFocus(self.view)
        self._into_list = into_list(self.search, self.view)
        self.view.clicked.connect(self._clicked)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Suchen:"), self))
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.import_button)
        top.addWidget(self.employees_button)
        actions = QHBoxLayout()
        for button in (
            self.new_project_button,
            self.new_appointment_button,
            self.edit_button,
            self.delete_button,
            self.invoice_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.hint = QLabel(
            self.tr("Doppelklick auf ein Projekt: Rechnungsentwurf; auf einen Termin: bearbeiten."), self
        )
        self.hint.setStyleSheet("color: #666;")
        actions.addWidget(self.hint)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        # Two views (P2): this project list and the planning board.
        list_page = QWidget(self)
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.filter_bar)
        list_layout.addLayout(actions)
        list_layout.addWidget(self.view, 1)
        self.views = ViewSwitch(self, list_page, self.controller)
        top.insertWidget(0, self.views)
        top.insertSpacing(1, 12)
        layout.addWidget(self.views.stack, 1)

    def _set_tab_order(self) -> None:
        """Tab goes as the eye reads: views, search, the top buttons, the filters, the
        buttons above the list, the list (its empty hint's links last)."""
        bar, views = self.filter_bar, self.views
        chain_tab_order(views.list_button, views.board_button, self.search, self.import_button)
        chain_tab_order(self.import_button, self.employees_button, bar.status, bar.employee)
        chain_tab_order(bar.employee, bar.use_range, bar.first, bar.last, bar.billable, bar.reset)
        chain_tab_order(bar.reset, self.new_project_button, self.new_appointment_button)
        chain_tab_order(self.new_appointment_button, self.edit_button, self.delete_button)
        chain_tab_order(self.delete_button, self.invoice_button, self.view, self.empty_hint)

    # --- data ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Rebuild the tree from the store, keeping what was expanded and selected. A big
        tree is read and built out of the window's way and then swapped in
        (:mod:`~craftdesk.ui.tree_reading`)."""
        if self.loader.busy:
            self._note_while_reading(None)  # read again once this read is shown
            return
        if tree_size() >= BACKGROUND_TREE_ROWS:
            self._start_reading()
            return
        self.expander.finish()
        self.read_failed = False
        selected = self.selected_record()
        nodes = load_project_nodes()
        collapsed = self.collapsed_records & foldable(nodes)  # (ids of deleted rows come again)
        self._customers_of = {node.id: set(node.customer_ids) for node in nodes}
        self._rows_of = rows_of(nodes)
        build_model(nodes, self.model)
        if self.filter_bar.load_employees():  # the chosen employee left: everyone's rows
            self.proxy.set_filters(self.filter_bar.filters())
        self._expand_all()
        for row in range(self.proxy.rowCount()):
            self._restore(self.proxy.index(row, 0), collapsed)
        self._reselect(selected)

    def _reselect(self, selected: TreeRecord | None) -> None:
        wanted, self._wanted = self._wanted, None  # (a project made while a big tree was read)
        if selected is not None:
            self.select(selected.kind, selected.id, selected.project_id, keep_folds=True)
        elif wanted is not None:
            self.select(*wanted)
        self._update_buttons()
        self._update_empty_hint()

    def refresh_projects(self, project_ids: set[int]) -> None:
        """Rebuild the rows of these projects only (gone ones leave, new ones come), keeping
        what was expanded and selected."""
        if not project_ids:
            return
        many = self.too_many(project_ids)  # read with the whole tree (a big one off the GUI thread)
        if self.loader.busy:
            self._note_while_reading(None if many else project_ids)  # the read may predate it
            if many or self.model.rowCount() == 0:
                return  # they come with the tree read (again)
        elif many or (self.read_failed and self.model.rowCount() == 0):
            self.reload()  # (or there is no tree to change a part of)
            return
        self.expander.rewind()  # rows move: the slices look at every project again
        selected = self.selected_record()
        nodes = load_project_nodes(project_ids)
        self._forget_folded(project_ids, nodes)
        collapsed = set(self.collapsed_records)
        for project_id in project_ids:
            self._customers_of.pop(project_id, None)
            self._rows_of.pop(project_id, None)
        self._customers_of.update({node.id: set(node.customer_ids) for node in nodes})
        self._rows_of.update(rows_of(nodes))
        kept = replace_projects(self.model, set(project_ids), nodes, self._folded_for)  # (items stay)
        present = {node.id for node in nodes}
        for project_id, index in self._top_indexes(present).items():
            if project_id not in kept:  # (not for kept rows: it lays out the whole tree)
                self.view.expandRecursively(index)
            self._restore(index, collapsed, reopen=project_id in kept)
        self._select_again(selected, present, kept)
        self._update_buttons()
        self._update_empty_hint()

    def refresh_rows(self, ids: set[int]) -> None:
        """LazyReloadMixin: the projects a change named (see :meth:`_on_data_changed`)."""
        self.refresh_projects(ids)

    def _on_data_changed(self, change: Any) -> None:
        """Name the projects a change touched (from its jobs, appointments and customers),
        so only their rows are read again; unknown reach reloads the tree."""
        change = Change.coerce(change)
        if not self.concerns(change):
            return
        project_ids = self._projects_named(change)
        if project_ids is None:
            super()._on_data_changed(Change(Scope.PROJECTS))
        elif project_ids:
            super()._on_data_changed(Change.of(Scope.NONE, projects=project_ids))

    def _projects_named(self, change: Change) -> set[int] | None:
        found: set[int] = set()
        if change.concerns(Scope.PROJECTS):
            tree = change.tree_ids
            if tree is None:
                return None
            found |= tree.projects
            named = {("job", i) for i in tree.jobs} | {("appointment", i) for i in tree.appointments}
            stored = projects_of(tree.jobs, tree.appointments) if named else {}
            if self.collapsed_records:  # now, also while hidden: a new row may get the id
                self._forget_deleted(tree.projects, named - stored.keys())
            if named:
                found |= set(stored.values())
                for kind, record_id in named - stored.keys():  # deleted: the tree knows its project
                    record = self.find_index(kind, record_id, source=True).data(RecordRole)
                    if record is not None:
                        found.add(record.project_id)
                    elif self.loader.busy:  # maybe in the tree being read: matched there
                        self._note_while_reading(set(), records={(kind, record_id)})
        if change.concerns(Scope.CUSTOMERS):
            customers = change.ids(Scope.CUSTOMERS)
            if customers is None:
                return None
            if self.loader.busy:  # matched against the tree being read when it is there
                self._note_while_reading(set(), set(customers))
            found |= {pid for pid, named in self._customers_of.items() if named & customers}
        return found

    def concerns(self, change: Change) -> bool:
        """Projects changed, or a customer the tree names (ids unknown: maybe)."""
        if change.concerns(Scope.PROJECTS):
            return True
        ids = change.ids(Scope.CUSTOMERS)
        if not change.concerns(Scope.CUSTOMERS):
            return False
        if self.loader.busy or self.read_failed:
            return True  # the tree being read (or to be read) may name them
        return ids is None or any(named & ids for named in self._customers_of.values())

    def _update_empty_hint(self, *_args: object) -> None:
        if self.proxy.rowCount() > 0:
            self.empty_hint.show_text(None)
        elif self.loader.busy and self.model.rowCount() == 0:  # the first read of a big tree
            self.empty_hint.show_text(self.tr("Die Projekte werden gelesen …"))
        elif self.read_failed:
            self.empty_hint.show_text(self.tr("Die Projekte konnten nicht gelesen werden."))
        elif self.model.rowCount() > 0 and not self.search.text().strip():
            self.empty_hint.show_text(self.tr("Keine Treffer für die gewählten Filter."))
        elif self.model.rowCount() > 0:
            self.empty_hint.show_text(
                self.tr("Keine Treffer für „%1“.").replace("%1", html.escape(self.search.text().strip()))
            )
        elif connection_state_of(self.controller) == "disconnected":
            self.empty_hint.show_text(
                self.tr(
                    "Noch keine Projekte. Verbinden Sie sevDesk im Tab %1, um versendete "
                    "Auftragsbestätigungen als Projekte zu übernehmen – oder legen Sie mit %2 eines an."
                )
                .replace("%1", link("interfaces", self.tr("Schnittstellen")))
                .replace("%2", link("new", self.tr("„Neues Projekt“")))
            )
        else:
            self.empty_hint.show_text(
                self.tr(
                    "Noch keine Projekte. Mit %1 werden versendete Auftragsbestätigungen aus sevDesk "
                    "zu Projekten – oder legen Sie mit %2 eines an."
                )
                .replace("%1", link("import", self.tr("„Aus sevDesk importieren“")))
                .replace("%2", link("new", self.tr("„Neues Projekt“")))
            )

    # --- search and filters ------------------------------------------------------------------------

    def _filter(self, filters: object) -> None:
        if filters != self.proxy.filters:  # (a date edited while the range is off: nothing)
            self._refilter(lambda: self.proxy.set_filters(filters))  # type: ignore[arg-type]

    def _search(self, text: str) -> None:
        self._refilter(lambda: self.proxy.setFilterRegularExpression(search_pattern(text)))

    def _refilter(self, change: Callable[[], None]) -> None:
        """Apply a search or filter to a folded tree, then show every hit expanded. Applied
        to the expanded tree, a search that hid most of 3,000 projects held the window 0.5–1.3 s:
        Qt updates every expanded row's index once per range of rows it hides. The selected
        row stays selected and in view while it matches; else the top row stays on top, or
        the hits are shown from the first. The rows below the screen are expanded a slice at
        a time (:meth:`_expand_hits`)."""
        self.expander.cancel()
        selected = self.selected_record()
        top = self.view.indexAt(self.view.viewport().rect().topLeft()).data(RecordRole)
        blocked = self.view.blockSignals(True)  # not a Python call per folded row
        try:
            self.view.collapseAll()
        finally:
            self.view.blockSignals(blocked)
        change()
        keep = QModelIndex()
        if selected is not None:
            keep = self.find_index(selected.kind, selected.id, project_id=selected.project_id)
        target = keep
        if not keep.isValid() and top is not None:
            target = self.find_index(top.kind, top.id, project_id=top.project_id)
        if not target.isValid():  # the hits from the first on (not from where the view was)
            target = self.proxy.index(0, 0)
        self._expand_hits(target)
        if keep.isValid():
            self.view.setCurrentIndex(keep)
            self.view.scrollTo(keep)
        elif target.isValid():
            self.view.scrollTo(target, QAbstractItemView.ScrollHint.PositionAtTop)
        self._update_buttons()  # a filter turned on or off resets the view's rows
        self._update_empty_hint()

    def _update_buttons(self, *_args: object) -> None:
        record = self.selected_record()
        self.hint_selection(record is not None)  # greyed until a row is chosen, and why
        # A project without a finished, not yet invoiced appointment has nothing to invoice;
        # the tooltip says what is missing (double-click still explains it in a message).
        self.invoice_button.setEnabled(record is not None and record.invoiceable)
        if record is not None and not record.invoiceable:
            self.invoice_button.setToolTip(
                self.tr(
                    "Eine Rechnung ist möglich, sobald ein Termin des Projekts auf „Fertig“ steht "
                    "und noch nicht abgerechnet ist."
                )
            )
        elif record is not None:  # none chosen: hint_selection said what to do
            self.invoice_button.setToolTip(
                self.tr("Vorschau des Rechnungsentwurfs (auch per Doppelklick auf das Projekt)")
            )

    def _connected(self) -> bool:
        return self.controller.can_sync()

    def _update_import_button(self, *_args: object) -> None:
        """Importing confirmations needs a working sevDesk connection."""
        connected = self._connected()
        self.import_button.setEnabled(connected)
        self.import_button.setToolTip(
            self.tr("Versendete Auftragsbestätigungen als Projekte übernehmen")
            if connected
            else self.tr("Zuerst im Tab „Schnittstellen“ mit sevDesk verbinden.")
        )
