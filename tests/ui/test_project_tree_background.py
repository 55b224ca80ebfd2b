"""A big Projekte tree is read on a helper thread and built, shown and expanded a slice at a
time (the window stays responsive at thousands of projects), with what the user collapsed
and selected kept, and the changes made meanwhile shown."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable

import pytest
import shiboken6
from fakes import FakeController
from PySide6.QtCore import QCoreApplication, QEvent, QModelIndex, Qt
from PySide6.QtGui import QStandardItemModel

from craftdesk.services import projects
from craftdesk.services.changes import Change, Scope
from craftdesk.services.project_rows import load_project_nodes
from craftdesk.store.models import Appointment, Customer, Job, Project
from craftdesk.ui import projects_tab, tree_loader, tree_reading
from craftdesk.ui.project_tree import build_model
from craftdesk.ui.projects_tab import ProjectsTab
from craftdesk.ui.table_models import RecordRole

PROJECTS = 6


def make_projects(count: int, word: Callable[[int], str]) -> None:
    """Projects "Projekt 0" … of a job with two appointments "<word(n)> n.0" and "… n.1"."""
    for n in range(count):
        project = projects.create_project(f"Projekt {n}")
        job = Job.get(Job.project == project)
        for a in range(2):
            Appointment.create(job=job, title=f"{word(n)} {n}.{a}")


@pytest.fixture
def big(database, monkeypatch):
    """Six projects of a job with two appointments; "big" from one row on, expanded in
    slices, and one project per slice (so the slices can be counted)."""
    make_projects(PROJECTS, lambda n: "Termin")
    monkeypatch.setattr(projects_tab, "BACKGROUND_TREE_ROWS", 1)
    monkeypatch.setattr(tree_loader, "ONE_PASS_ROWS", 0)
    monkeypatch.setattr(tree_loader, "SLICE_SECONDS", 0.0)
    reads: list[str] = []
    original = tree_loader.load_project_nodes

    def read():
        reads.append(threading.current_thread().name)
        return original()

    monkeypatch.setattr(tree_loader, "load_project_nodes", read)
    return reads


@pytest.fixture
def slow(big, monkeypatch):
    """Slices 20 ms apart: a tree half expanded lasts long enough to be caught."""
    monkeypatch.setattr(tree_loader, "TURN_MS", 20)
    return big


def _settled(tab: ProjectsTab) -> bool:
    return not tab.loader.busy and not tab.expander.active


def _open(qtbot) -> ProjectsTab:
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.resize(1000, 600)
    tab.show()
    qtbot.waitUntil(lambda: _settled(tab))
    return tab


def _rows(tab: ProjectsTab, parent: QModelIndex | None = None) -> list[QModelIndex]:
    parent = parent if parent is not None else QModelIndex()
    return [tab.proxy.index(r, 0, parent) for r in range(tab.proxy.rowCount(parent))]


def _find(tab: ProjectsTab, kind: str, title: str) -> QModelIndex:
    pending = _rows(tab)
    while pending:
        index = pending.pop()
        if index.data(RecordRole).kind == kind and index.data() == title:
            return index
        pending += _rows(tab, index)
    raise AssertionError(f"no {kind} {title!r}")


def _reload(qtbot, tab: ProjectsTab) -> None:
    tab._on_data_changed(Change(Scope.PROJECTS))  # as after an order import
    qtbot.waitUntil(lambda: _settled(tab))


def test_a_big_tree_is_read_on_a_helper_thread_and_built_a_slice_at_a_time(qtbot, big, monkeypatch):
    steps = []
    original = tree_loader.TreeLoader._step
    monkeypatch.setattr(tree_loader.TreeLoader, "_step", lambda self: (steps.append(1), original(self)))
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    assert tab.model.rowCount() == 0 and tab.loader.busy  # the window is there before the tree
    assert tab.empty_hint.isVisible() and "gelesen" in tab.empty_hint.text()
    assert not tab.edit_button.isEnabled() and not tab.invoice_button.isEnabled()
    qtbot.waitUntil(lambda: _settled(tab))
    assert big and all(name != threading.main_thread().name for name in big)
    assert len(steps) >= PROJECTS  # one project per slice here
    assert [i.data() for i in _rows(tab)] == [f"Projekt {n}" for n in reversed(range(PROJECTS))]
    for project in _rows(tab):  # every project and job expanded, as a small tree is
        assert tab.view.isExpanded(project)
        assert all(tab.view.isExpanded(job) for job in _rows(tab, project))
    assert not tab.empty_hint.isVisible()


@pytest.fixture(params=["in slices", "in one pass"])
def expanded(request, big, monkeypatch):
    """A tree shown expanded a slice at a time (a very big tree), or in one pass."""
    monkeypatch.setattr(tree_loader, "ONE_PASS_ROWS", 0 if request.param == "in slices" else 8_000)
    slices: list[int] = []
    step = tree_loader.Expander._step
    monkeypatch.setattr(
        tree_loader.Expander, "_step", lambda self, budget: (slices.append(1), step(self, budget))
    )
    return request.param, slices


def test_a_reload_keeps_what_was_collapsed_and_selected_and_lets_the_old_tree_go(qtbot, big, expanded):
    tab = _open(qtbot)
    tab.view.collapse(_find(tab, "project", "Projekt 1"))
    tab.view.collapse(_find(tab, "job", "Projekt 4"))
    tab.view.setCurrentIndex(_find(tab, "appointment", "Termin 2.1"))
    old = tab.model
    _way, slices = expanded
    slices.clear()
    _reload(qtbot, tab)
    assert tab.model is not old and len(big) == 2
    assert slices  # rows folded: a slice at a time, whatever the tree's size
    assert not tab.view.isExpanded(_find(tab, "project", "Projekt 1"))
    assert not tab.view.isExpanded(_find(tab, "job", "Projekt 4"))
    assert tab.view.isExpanded(_find(tab, "project", "Projekt 4"))
    assert tab.view.isExpanded(_find(tab, "job", "Projekt 2"))
    assert tab.selected_record().kind == "appointment"
    assert _find(tab, "appointment", "Termin 2.1").data(RecordRole) == tab.selected_record()
    assert tab.edit_button.isEnabled()
    qtbot.waitUntil(lambda: not shiboken6.isValid(old) or old.rowCount() == 0)  # a slice at a time
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(old)  # and then the model itself


def test_a_change_while_the_tree_is_read_is_shown_once_it_is_there(qtbot, big):
    tab = _open(qtbot)
    first = Project.get(Project.title == "Projekt 0")
    tab._on_data_changed(Change(Scope.PROJECTS))
    assert tab.loader.busy
    Project.update(title="Projekt 0, geändert").where(Project.id == first.id).execute()
    tab._on_data_changed(Change.of(Scope.NONE, projects=[first.id]))  # maybe after the read
    qtbot.waitUntil(lambda: _settled(tab))
    assert _find(tab, "project", "Projekt 0, geändert").isValid()
    assert len(big) == 2  # the named project was read again, not the whole tree


def test_a_reload_asked_for_while_reading_reads_again_afterwards(qtbot, big):
    tab = _open(qtbot)
    tab._on_data_changed(Change(Scope.PROJECTS))
    projects.create_project("Projekt neu")
    tab._on_data_changed(Change(Scope.PROJECTS))  # of unknown reach: a whole new read
    qtbot.waitUntil(lambda: len(big) == 3 and _settled(tab))
    assert _rows(tab)[0].data() == "Projekt neu"


def test_a_search_typed_while_the_tree_is_expanded_shows_every_hit(qtbot, slow):
    tab = _open(qtbot)
    tab.view.collapse(_find(tab, "project", "Projekt 0"))
    tab._on_data_changed(Change(Scope.PROJECTS))
    qtbot.waitUntil(lambda: tab.expander.active)
    tab.search.setText("Termin")
    qtbot.waitUntil(lambda: _settled(tab))
    assert tab.proxy.rowCount() == PROJECTS
    assert all(tab.view.isExpanded(project) for project in _rows(tab))  # a search opens all
    assert not tab.collapsed_records  # and nothing is collapsed again by a later reload
    tab.search.clear()
    _reload(qtbot, tab)
    assert all(tab.view.isExpanded(project) for project in _rows(tab))


def _gone():
    raise RuntimeError("the database went away")


def _failed_first_read(qtbot, monkeypatch) -> ProjectsTab:
    """A tab whose first read failed; the database is back afterwards."""
    original = tree_loader.load_project_nodes
    monkeypatch.setattr(tree_loader, "load_project_nodes", _gone)
    with qtbot.capture_exceptions():
        tab = ProjectsTab(FakeController())
        qtbot.addWidget(tab)
        tab.show()
        qtbot.waitUntil(lambda: not tab.loader.busy)
    monkeypatch.setattr(tree_loader, "load_project_nodes", original)
    return tab


def test_a_failed_read_says_so_and_does_not_keep_reading(qtbot, big, monkeypatch):
    tab = _open(qtbot)
    monkeypatch.setattr(tree_loader, "load_project_nodes", _gone)
    with qtbot.capture_exceptions() as raised:
        tab._on_data_changed(Change(Scope.PROJECTS))
        qtbot.waitUntil(lambda: not tab.loader.busy)
    assert [str(error) for _, error, _ in raised] == ["the database went away"]
    assert tab.proxy.rowCount() == PROJECTS  # the tree shown stays as it was
    assert not tab.empty_hint.isVisible()


def test_a_failed_first_read_does_not_say_there_are_no_projects(qtbot, big, monkeypatch):
    tab = _failed_first_read(qtbot, monkeypatch)
    assert tab.empty_hint.text() == "Die Projekte konnten nicht gelesen werden."


def test_a_reload_asked_for_while_a_read_fails_is_done_afterwards(qtbot, big, monkeypatch):
    tab = _open(qtbot)
    gate, read_done = _gated(monkeypatch, fail=True)
    with qtbot.capture_exceptions():
        tab._on_data_changed(Change(Scope.PROJECTS))
        qtbot.waitUntil(read_done.is_set)
        projects.create_project("Projekt neu")
        tab._on_data_changed(Change(Scope.PROJECTS))  # an import finished meanwhile
        gate.set()
        qtbot.waitUntil(lambda: len(big) == 3 and _settled(tab))
    assert _rows(tab)[0].data() == "Projekt neu"


def test_a_row_that_cannot_be_built_ends_the_read_and_the_next_one_works(qtbot, big, monkeypatch):
    tab = _open(qtbot)
    original = tree_loader.project_rows

    def broken(node, pins=None):
        raise ValueError("bad row")

    monkeypatch.setattr(tree_loader, "project_rows", broken)
    with qtbot.capture_exceptions() as raised:
        tab._on_data_changed(Change(Scope.PROJECTS))
        qtbot.waitUntil(lambda: not tab.loader.busy)
    assert [str(error) for _, error, _ in raised] == ["bad row"]
    assert gc.isenabled() and tab.proxy.rowCount() == PROJECTS
    monkeypatch.setattr(tree_loader, "project_rows", original)
    projects.create_project("Projekt neu")
    _reload(qtbot, tab)
    assert _rows(tab)[0].data() == "Projekt neu"


def _gated(monkeypatch, fail: bool = False):
    """The next reads wait for ``gate`` once read (``fail``: the first of them fails)."""
    gate, read_done = threading.Event(), threading.Event()
    original = tree_loader.load_project_nodes
    calls = []

    def slow():
        calls.append(1)
        nodes = original()
        read_done.set()
        gate.wait(5)
        if fail and len(calls) == 1:
            raise RuntimeError("busy database")
        return nodes

    monkeypatch.setattr(tree_loader, "load_project_nodes", slow)
    return gate, read_done


def _first_read_held(qtbot, monkeypatch):
    gate, read_done = _gated(monkeypatch)
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(read_done.is_set)
    return tab, gate


def _reload_held(qtbot, monkeypatch):
    """A shown tree read again (as after an import) and held once read: the old tree stays
    on screen until ``gate`` is set."""
    tab = _open(qtbot)
    gate, read_done = _gated(monkeypatch)
    tab._on_data_changed(Change(Scope.PROJECTS))  # an import ended: the tree is read again
    qtbot.waitUntil(read_done.is_set)
    return tab, gate


def test_a_customer_renamed_during_the_first_read_is_shown(qtbot, big, monkeypatch):
    customer = Customer.create(kind="organisation", company="Alt GmbH")
    Project.update(customer=customer).where(Project.title == "Projekt 2").execute()
    tab, gate = _first_read_held(qtbot, monkeypatch)
    Customer.update(company="Neu GmbH").where(Customer.id == customer.id).execute()
    tab._on_data_changed(Change.of(Scope.NONE, customers=[customer.id]))  # a sync meanwhile
    gate.set()
    qtbot.waitUntil(lambda: _settled(tab))
    project = _find(tab, "project", "Projekt 2")
    assert project.siblingAtColumn(1).data() == "Neu GmbH"


def test_an_appointment_deleted_during_the_first_read_is_gone(qtbot, big, monkeypatch):
    tab, gate = _first_read_held(qtbot, monkeypatch)
    gone = Appointment.get(Appointment.title == "Termin 3.1")
    projects.delete_appointment(gone.id)
    tab._on_data_changed(Change.of(Scope.NONE, appointments=[gone.id]))
    assert tab.model.rowCount() == 0  # nothing shown but the note before the first tree
    gate.set()
    qtbot.waitUntil(lambda: _settled(tab))
    titles = [i.data() for p in _rows(tab) for j in _rows(tab, p) for i in _rows(tab, j)]
    assert "Termin 3.0" in titles and "Termin 3.1" not in titles


def test_a_project_deleted_while_reading_never_comes_back(qtbot, slow, monkeypatch):
    tab, gate = _reload_held(qtbot, monkeypatch)
    gone = Project.get(Project.title == "Projekt 3")
    projects.delete_project(gone.id)
    tab._on_data_changed(Change.of(Scope.NONE, projects=[gone.id]))
    assert "Projekt 3" not in [i.data() for i in _rows(tab)]  # gone from the tree shown
    gate.set()
    qtbot.waitUntil(lambda: tab.expander.active)  # the new tree is shown
    assert "Projekt 3" not in [i.data() for i in _rows(tab)]  # and not in it either
    qtbot.waitUntil(lambda: _settled(tab))


def test_a_click_while_the_tree_is_expanded_keeps_the_users_choice(qtbot, slow):
    tab = _open(qtbot)
    tab.view.setCurrentIndex(_find(tab, "project", "Projekt 1"))
    tab._on_data_changed(Change(Scope.PROJECTS))
    qtbot.waitUntil(lambda: tab.expander.active)
    assert tab.selected_record().kind == "project"  # at once in the new tree
    assert tab.delete_button.isEnabled() and tab.edit_button.isEnabled()
    tab.view.setCurrentIndex(_find(tab, "appointment", "Termin 4.0"))  # the user's click
    qtbot.waitUntil(lambda: _settled(tab))
    assert tab.selected_record().kind == "appointment"


def test_sorting_while_the_tree_is_expanded_still_expands_every_project(qtbot, slow):
    tab = _open(qtbot)
    tab._on_data_changed(Change(Scope.PROJECTS))
    qtbot.waitUntil(lambda: tab.expander.active and tab.expander._next >= 3)
    tab.view.header().setSortIndicator(0, Qt.SortOrder.AscendingOrder)  # a header click
    qtbot.waitUntil(lambda: _settled(tab))
    assert [p.data() for p in _rows(tab)] == [f"Projekt {n}" for n in range(PROJECTS)]
    assert all(tab.view.isExpanded(p) for p in _rows(tab))


def test_a_row_opened_before_the_slices_reach_it_stays_open(qtbot, slow):
    tab = _open(qtbot)
    tab.view.collapse(_rows(tab)[-1])
    tab._on_data_changed(Change(Scope.PROJECTS))
    qtbot.waitUntil(lambda: tab.expander.active)
    tab.view.expand(_rows(tab)[-1])  # the user opens it before the slices get there
    qtbot.waitUntil(lambda: _settled(tab))
    assert tab.view.isExpanded(_rows(tab)[-1])
    _reload(qtbot, tab)
    assert tab.view.isExpanded(_rows(tab)[-1])


def test_garbage_made_while_the_tree_is_built_is_still_collected(qtbot, big, monkeypatch):
    monkeypatch.setattr(tree_loader, "FREEZE_ROWS", 1)  # the rows are frozen for the GC
    tab = _open(qtbot)

    class Cycle:
        me: object = None

    refs = []
    original = tree_loader.TreeLoader._build_slice

    def slice_after_garbage(self, model):
        if not refs:  # garbage of anything else the window does while the rows are built
            cycle = Cycle()
            cycle.me = cycle
            refs.append(weakref.ref(cycle))
            del cycle
        return original(self, model)

    monkeypatch.setattr(tree_loader.TreeLoader, "_build_slice", slice_after_garbage)
    _reload(qtbot, tab)
    gc.collect()
    assert refs and refs[0]() is None
    gc.unfreeze()


def _visible(tab: ProjectsTab) -> bool:
    index = tab.view.currentIndex()
    rect = tab.view.visualRect(index)
    return index.isValid() and not rect.isEmpty() and tab.view.viewport().rect().contains(rect)


def test_the_selected_row_is_in_view_after_a_reload(qtbot, big, expanded):
    tab = _open(qtbot)
    tab.resize(1000, 260)  # a few rows high: the tree scrolls
    qtbot.wait(20)
    tab.view.setCurrentIndex(_find(tab, "appointment", "Termin 0.1"))  # the tree's last row
    tab.view.scrollTo(tab.view.currentIndex())
    way, slices = expanded
    slices.clear()
    _reload(qtbot, tab)
    assert tab.selected_record().kind == "appointment" and _visible(tab)
    assert bool(slices) == (way == "in slices")  # nothing folded: one pass up to ONE_PASS_ROWS


def test_a_change_of_one_project_after_a_failed_first_read_reads_the_whole_tree(qtbot, big, monkeypatch):
    tab = _failed_first_read(qtbot, monkeypatch)
    one = Project.get(Project.title == "Projekt 2")
    tab._on_data_changed(Change.of(Scope.NONE, projects=[one.id]))  # a sync touches one
    qtbot.waitUntil(lambda: _settled(tab) and tab.proxy.rowCount() > 0)
    assert tab.proxy.rowCount() == PROJECTS and not tab.empty_hint.isVisible()


def test_a_failing_read_of_the_projects_changed_meanwhile_still_shows_the_tree(qtbot, big, monkeypatch):
    tab, gate = _first_read_held(qtbot, monkeypatch)
    one = Project.get(Project.title == "Projekt 2")
    tab._on_data_changed(Change.of(Scope.NONE, projects=[one.id]))  # noted while reading

    def locked(ids=None):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(tree_reading, "load_project_nodes", locked)
    with qtbot.capture_exceptions() as raised:
        gate.set()
        qtbot.waitUntil(lambda: tab.proxy.rowCount() > 0)
        monkeypatch.undo()  # unlocked: the whole tree is read again
        qtbot.waitUntil(lambda: _settled(tab))
    assert [str(error) for _, error, _ in raised] == ["database is locked"]
    assert tab.proxy.rowCount() == PROJECTS


def test_an_appointment_deleted_while_reading_is_never_shown(qtbot, big, monkeypatch):
    tab, gate = _first_read_held(qtbot, monkeypatch)
    gone = Appointment.get(Appointment.title == "Termin 3.1")
    projects.delete_appointment(gone.id)
    tab._on_data_changed(Change.of(Scope.NONE, appointments=[gone.id]))
    gate.set()
    qtbot.waitUntil(lambda: tab.proxy.rowCount() > 0)  # the first tree is shown
    titles = [i.data() for p in _rows(tab) for j in _rows(tab, p) for i in _rows(tab, j)]
    assert "Termin 3.0" in titles and "Termin 3.1" not in titles
    qtbot.waitUntil(lambda: _settled(tab))
    assert len(big) == 1  # its project was read again, not the whole tree


def test_a_tree_shown_during_an_expansion_is_expanded_by_one_chain_of_slices(qtbot, slow, monkeypatch):
    tab = _open(qtbot)
    steps = []
    original = tree_loader.Expander._step
    monkeypatch.setattr(
        tree_loader.Expander, "_step", lambda self, budget: (steps.append(1), original(self, budget))
    )
    tab._on_data_changed(Change(Scope.PROJECTS))
    qtbot.waitUntil(lambda: tab.expander.active and tab.expander._next >= 2)
    nodes = load_project_nodes()
    model = QStandardItemModel()
    build_model(nodes, model)
    tab.loader.ready.emit(model, nodes)  # the next tree arrives mid-expansion
    steps.clear()
    qtbot.waitUntil(lambda: _settled(tab))
    qtbot.wait(20)
    assert len(steps) == PROJECTS + 1  # one slice per project, and one that ends


def test_a_small_tree_read_after_a_failed_big_one_says_what_is_there(qtbot, big, monkeypatch):
    tab = _failed_first_read(qtbot, monkeypatch)
    for project in Project.select():
        projects.delete_project(project.id)  # small now: read at once
    tab._on_data_changed(Change(Scope.PROJECTS))
    assert not tab.loader.busy and "Noch keine Projekte" in tab.empty_hint.text()


def test_a_job_emptied_and_filled_again_is_not_folded(qtbot, big):
    tab = _open(qtbot)
    tab.view.collapse(_find(tab, "job", "Projekt 2"))
    job = Job.get(Job.title == "Projekt 2")
    for appointment in Appointment.select().where(Appointment.job == job):
        projects.delete_appointment(appointment.id)
    tab.refresh_projects({job.project_id})
    Appointment.create(job=job, title="Termin neu")
    _reload(qtbot, tab)
    assert tab.view.isExpanded(_find(tab, "job", "Projekt 2"))


def test_a_small_tree_is_still_built_at_once(qtbot, database):
    projects.create_project("Klein")
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    assert not tab.loader.busy
    assert [i.data() for i in _rows(tab)] == ["Klein"]


def test_changes_of_many_projects_in_a_row_are_read_with_the_whole_tree(qtbot, big, monkeypatch):
    """A sync names many projects in two notifications: the first reads the whole tree, the
    second arrives while that read runs and is read with a tree too, not project by project
    on the GUI thread (each ~3 ms there at 3,000 projects)."""
    from craftdesk.ui import tree_reading

    monkeypatch.setattr(tree_reading, "REFRESH_PROJECTS", 2)
    tab = _open(qtbot)
    loads: list[object] = []
    load = projects_tab.load_project_nodes
    monkeypatch.setattr(projects_tab, "load_project_nodes", lambda ids=None: loads.append(ids) or load(ids))
    monkeypatch.setattr(tree_reading, "load_project_nodes", lambda ids=None: loads.append(ids) or load(ids))
    ids = [p.id for p in Project.select()]
    tab._on_data_changed(Change.of(Scope.NONE, projects=ids[:3]))
    assert tab.loader.busy
    tab._on_data_changed(Change.of(Scope.NONE, projects=ids[3:6]))  # many again, while reading
    qtbot.waitUntil(lambda: _settled(tab), timeout=10000)
    assert loads == []  # two whole trees read on the helper thread, no project on the GUI thread
    assert len(_rows(tab)) == PROJECTS


def test_a_row_made_while_reading_stays_selected_when_a_change_of_many_projects_follows(
    qtbot, big, monkeypatch
):
    monkeypatch.setattr(tree_reading, "REFRESH_PROJECTS", 2)
    tab = _open(qtbot)
    gate, read_done = _gated(monkeypatch)
    tab._on_data_changed(Change(Scope.PROJECTS))  # an import ended: the tree is read again
    qtbot.waitUntil(read_done.is_set)
    project = Project.get(Project.title == "Projekt 2")
    made = Appointment.create(job=Job.get(Job.project == project), title="Neu gemacht")
    tab.refresh_projects({project.id})  # as after the user's dialog, in the tree shown
    assert tab.select("appointment", made.id, project.id)
    others = [p.id for p in Project.select() if p.id != project.id][:3]
    tab._on_data_changed(Change.of(Scope.NONE, projects=others))  # a sync names many
    gate.set()
    qtbot.waitUntil(lambda: _settled(tab), timeout=10000)
    qtbot.wait(200)
    qtbot.waitUntil(lambda: _settled(tab), timeout=10000)
    record = tab.selected_record()
    assert record is not None and (record.kind, record.id) == ("appointment", made.id), record
