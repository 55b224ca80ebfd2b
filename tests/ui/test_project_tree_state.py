"""What the Projekte tree keeps and forgets across changes: the folded rows of records that
are gone (SQLite gives a deleted row's id to the next new one), a project made while the
first tree is read, the note of a search during a reload, and the garbage a big tree's
freeze must not keep (what the window made while the tree was read)."""

from __future__ import annotations

import gc
import weakref

import pytest
from fakes import FakeController
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView

from craftdesk.services import employees as emp
from craftdesk.services import projects
from craftdesk.services.changes import Change, Scope
from craftdesk.services.projects import replace_people
from craftdesk.store.models import Appointment, Job, Project
from craftdesk.ui import tree_loader
from craftdesk.ui.projects_tab import ProjectsTab
from craftdesk.ui.table_models import RecordRole
from tests.ui.test_project_tree_background import (  # noqa: F401 - fixtures used by name
    PROJECTS,
    _find,
    _first_read_held,
    _open,
    _reload,
    _reload_held,
    _rows,
    _settled,
    big,
    expanded,
    make_projects,
)


@pytest.fixture(autouse=True)
def _unfrozen():
    """A big tree freezes the heap for the collector; later tests get it unfrozen."""
    yield
    gc.unfreeze()


def _fold_delete_and_make_again(tab: ProjectsTab) -> tuple[int, int]:
    """Fold the newest project and its job, delete the project, make a new one: the ids
    of the deleted project and of the new one."""
    top = tab.proxy.index(0, 0)
    folded = top.data(RecordRole).id
    tab.view.collapse(tab.proxy.index(0, 0, top))
    tab.view.collapse(top)
    projects.delete_project(folded)
    tab.refresh_projects({folded})  # as after "Löschen"
    fresh = projects.create_project("Neu")
    return folded, fresh.id


def test_a_new_project_does_not_come_folded_because_a_deleted_one_was(qtbot, database):
    projects.create_project("Alt")
    projects.create_project("Gefaltet")
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    deleted, made = _fold_delete_and_make_again(tab)
    tab.refresh_projects({made})  # as after "Neues Projekt"
    assert made == deleted  # the id was handed out again
    index = tab.proxy.index(0, 0)
    assert index.data() == "Neu"
    assert tab.view.isExpanded(index) and tab.view.isExpanded(tab.proxy.index(0, 0, index))


@pytest.mark.usefixtures("big")
def test_a_new_project_in_a_big_tree_does_not_come_folded_either(qtbot):
    tab = _open(qtbot)
    deleted, made = _fold_delete_and_make_again(tab)
    _reload(qtbot, tab)  # an order import brought it: the whole tree is read again
    assert made == deleted
    project = _find(tab, "project", "Neu")
    assert tab.view.isExpanded(project) and tab.view.isExpanded(_rows(tab, project)[0])


@pytest.mark.usefixtures("big")
def test_a_folded_project_that_stays_stays_folded(qtbot):
    tab = _open(qtbot)
    tab.view.collapse(_find(tab, "project", "Projekt 3"))
    projects.delete_project(_find(tab, "project", "Projekt 5").data(RecordRole).id)
    _reload(qtbot, tab)
    assert not tab.view.isExpanded(_find(tab, "project", "Projekt 3"))
    project = _find(tab, "project", "Projekt 2")
    job = Job.get(Job.project == project.data(RecordRole).id)
    tab.view.collapse(_rows(tab, project)[0])
    tab.refresh_projects({project.data(RecordRole).id})  # the project changed, its job stays
    assert not tab.view.isExpanded(_rows(tab, _find(tab, "project", "Projekt 2"))[0])
    assert ("job", job.id) in tab.collapsed_records


@pytest.mark.usefixtures("big")
def test_a_project_made_during_the_first_read_is_selected_once_shown(qtbot, monkeypatch):
    tab, gate = _first_read_held(qtbot, monkeypatch)
    made = projects.create_project("Neu")  # "Neues Projekt" is usable meanwhile
    tab.refresh_projects({made.id})  # what new_project does after saving …
    tab.select_soon("project", made.id, made.id)  # … and then
    gate.set()
    qtbot.waitUntil(lambda: _settled(tab))
    assert _rows(tab)[0].data() == "Neu"
    record = tab.selected_record()
    assert record is not None and record.id == made.id
    assert tab.edit_button.isEnabled()


@pytest.mark.usefixtures("big")
def test_a_search_without_hits_during_a_reload_says_so(qtbot, monkeypatch):
    tab, gate = _reload_held(qtbot, monkeypatch)
    tab.search.setText("xyz")  # the old tree is shown meanwhile; nothing matches
    assert tab.empty_hint.text() == "Keine Treffer für „xyz“."
    gate.set()
    qtbot.waitUntil(lambda: _settled(tab))
    assert tab.empty_hint.text() == "Keine Treffer für „xyz“."


@pytest.mark.usefixtures("big")
def test_garbage_made_while_a_big_tree_is_read_is_not_frozen(qtbot, monkeypatch):
    """The GC is paused for the read: the window's garbage of that time is collected
    before the rows are frozen (a slice at a time), not frozen with them."""
    monkeypatch.setattr(tree_loader, "FREEZE_ROWS", 1)
    tab, gate = _reload_held(qtbot, monkeypatch)

    class Cycle:
        me: object = None

    cycle = Cycle()  # a dialog closed on the GUI thread while the tree is read
    cycle.me = cycle
    ref = weakref.ref(cycle)
    del cycle
    gate.set()
    qtbot.waitUntil(lambda: _settled(tab))
    gc.collect()
    assert ref() is None


@pytest.mark.usefixtures("big")
def test_folds_stay_when_the_chosen_employee_leaves_the_list(qtbot):
    """The employee filter ends (everyone's rows) without the tree being unfolded."""
    anna = emp.add_employee("Anna")
    for n in (1, 2):
        job = Job.get(Job.project == Project.get(Project.title == f"Projekt {n}"))
        replace_people(Appointment.get(Appointment.job == job), "assignee", [anna.id])
    tab = _open(qtbot)
    bar = tab.filter_bar
    _reload(qtbot, tab)  # the employee list is read with the tree
    bar.employee.setCurrentIndex(bar.employee.findData(anna.id))
    qtbot.waitUntil(lambda: _settled(tab))
    tab.view.collapse(_find(tab, "project", "Projekt 1"))
    emp.edit_employee(anna.id, active=False)
    _reload(qtbot, tab)
    assert bar.employee.currentData() is None
    assert len(_rows(tab)) == PROJECTS  # everyone's rows …
    assert not tab.view.isExpanded(_find(tab, "project", "Projekt 1"))  # … as they were folded
    assert tab.view.isExpanded(_find(tab, "project", "Projekt 2"))


def test_a_new_project_made_while_the_tab_was_hidden_does_not_come_folded(qtbot, database):
    """The deletion and the new project (with the freed id) reach the hidden tab as two
    changes; it reads the rows once it is shown again."""
    projects.create_project("Alt")
    projects.create_project("Gefaltet")
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    top = tab.proxy.index(0, 0)
    folded = top.data(RecordRole).id
    tab.view.collapse(top)
    tab.hide()  # the user is in another tab; the project is deleted, a new one comes
    projects.delete_project(folded)
    tab._on_data_changed(Change.of(Scope.NONE, projects=[folded]))
    fresh = projects.create_project("Neu")
    tab._on_data_changed(Change.of(Scope.NONE, projects=[fresh.id]))
    tab.show()
    assert fresh.id == folded
    index = tab.proxy.index(0, 0)
    assert index.data() == "Neu"
    assert tab.view.isExpanded(index)


def test_a_folded_job_deleted_while_the_tab_was_hidden_is_forgotten(qtbot, database):
    project = projects.create_project("Projekt")
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    job = Job.get(Job.project == project)
    tab.view.collapse(tab.proxy.index(0, 0, tab.proxy.index(0, 0)))
    assert ("job", job.id) in tab.collapsed_records
    tab.hide()
    projects.delete_job(job.id)
    tab._on_data_changed(Change.of(Scope.NONE, jobs=[job.id], projects=[project.id]))
    assert ("job", job.id) not in tab.collapsed_records


@pytest.mark.usefixtures("big")
def test_a_fold_made_during_a_reload_stays_when_a_change_of_unknown_reach_comes_too(qtbot, monkeypatch):
    tab, gate = _reload_held(qtbot, monkeypatch)
    made = projects.create_project("Neu")  # made while the old tree is shown …
    tab.refresh_projects({made.id})
    tab.view.collapse(_find(tab, "project", "Neu"))  # … and folded
    tab._on_data_changed(Change(Scope.PROJECTS))  # another import ends meanwhile
    gate.set()
    qtbot.waitUntil(lambda: _settled(tab) and len(_rows(tab)) == PROJECTS + 1)
    qtbot.waitUntil(lambda: _settled(tab))  # (the second read, after the first tree)
    assert not tab.view.isExpanded(_find(tab, "project", "Neu"))


@pytest.mark.usefixtures("big")
def test_a_project_made_during_the_first_read_is_selected_also_after_an_import_meanwhile(qtbot, monkeypatch):
    tab, gate = _first_read_held(qtbot, monkeypatch)
    made = projects.create_project("Neu")
    tab.refresh_projects({made.id})
    tab.select_soon("project", made.id, made.id)
    tab._on_data_changed(Change(Scope.PROJECTS))  # a scheduled import ends meanwhile
    gate.set()
    qtbot.waitUntil(lambda: _settled(tab) and _rows(tab) and _rows(tab)[0].data() == "Neu")
    qtbot.waitUntil(lambda: _settled(tab))
    record = tab.selected_record()
    assert record is not None and record.id == made.id


def _on_top(tab: ProjectsTab) -> tuple[str, str]:
    index = tab.view.indexAt(tab.view.viewport().rect().topLeft())
    return index.data(RecordRole).kind, index.data()


@pytest.mark.usefixtures("big", "expanded")
def test_with_nothing_selected_the_row_on_top_is_on_top_again_after_a_reload(qtbot):
    tab = _open(qtbot)
    tab.resize(1000, 260)  # a few rows high: the tree scrolls
    qtbot.wait(20)
    tab.view.setCurrentIndex(QModelIndex())
    tab.view.scrollTo(_find(tab, "job", "Projekt 2"), QAbstractItemView.ScrollHint.PositionAtTop)
    assert _on_top(tab) == ("job", "Projekt 2")
    _reload(qtbot, tab)  # came in folded: the scrollbar alone would show other rows
    assert tab.selected_record() is None and _on_top(tab) == ("job", "Projekt 2")


@pytest.mark.usefixtures("big", "expanded")
def test_a_fold_around_the_selected_row_stays_after_a_reload(qtbot):
    tab = _open(qtbot)
    tab.view.setCurrentIndex(_find(tab, "appointment", "Termin 2.1"))
    tab.view.collapse(_find(tab, "project", "Projekt 2"))
    _reload(qtbot, tab)  # bringing the selection into view must not open the project again
    project = _find(tab, "project", "Projekt 2")
    assert not tab.view.isExpanded(project)
    assert ("project", project.data(RecordRole).id) in tab.collapsed_records


@pytest.mark.parametrize("change", ["the whole tree", "its project"])
def test_a_fold_around_the_selected_row_stays_in_a_small_tree(qtbot, database, change):
    make_projects(3, lambda n: "Termin")
    tab = _open(qtbot)  # a small tree: built at once, no slices
    tab.view.setCurrentIndex(_find(tab, "appointment", "Termin 1.0"))
    project = _find(tab, "project", "Projekt 1")
    project_id = project.data(RecordRole).id
    tab.view.collapse(project)
    if change == "the whole tree":
        tab._on_data_changed(Change(Scope.PROJECTS))
    else:
        tab.refresh_projects({project_id})
    assert not tab.view.isExpanded(_find(tab, "project", "Projekt 1"))
    assert ("project", project_id) in tab.collapsed_records
    assert tab.selected_record() is not None and tab.selected_record().kind == "appointment"


def test_a_deleted_project_is_not_looked_for_among_the_rows(qtbot, database, monkeypatch):
    """Its rows are gone: looking for them walked every project of the tree, twice
    (26 ms of the 48 ms a deletion held the window at 3,000 projects)."""
    make_projects(3, lambda n: "Termin")
    tab = _open(qtbot)
    tab.view.setCurrentIndex(_find(tab, "appointment", "Termin 1.0"))
    gone = _find(tab, "project", "Projekt 1").data(RecordRole).id
    looked_for: list[set[int]] = []
    top_indexes = ProjectsTab._top_indexes
    monkeypatch.setattr(
        ProjectsTab,
        "_top_indexes",
        lambda self, ids: (looked_for.append(set(ids)), top_indexes(self, ids))[1],
    )
    projects.delete_project(gone)
    tab.refresh_projects({gone})  # as after "Löschen"
    assert all(gone not in ids for ids in looked_for)
    assert [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())] == ["Projekt 2", "Projekt 0"]


@pytest.mark.parametrize("selected", [False, True])
@pytest.mark.usefixtures("big", "expanded")
def test_when_the_row_on_top_is_gone_after_a_reload_the_next_one_is_on_top(qtbot, selected):
    tab = _open(qtbot)
    tab.resize(1000, 260)  # a few rows high: the tree scrolls
    qtbot.wait(20)
    tab.view.setCurrentIndex(_find(tab, "appointment", "Termin 2.1") if selected else QModelIndex())
    tab.view.scrollTo(_find(tab, "project", "Projekt 2"), QAbstractItemView.ScrollHint.PositionAtTop)
    assert _on_top(tab) == ("project", "Projekt 2")
    projects.delete_project(Project.get(Project.title == "Projekt 2").id)  # at another desk
    _reload(qtbot, tab)
    assert _on_top(tab) == ("project", "Projekt 1")  # the next row that is still there


@pytest.mark.usefixtures("big", "expanded")
def test_when_a_big_project_on_top_is_gone_after_a_reload_the_next_project_is_on_top(qtbot):
    huge = projects.create_project("Riesig")  # newer than the six, older than those after it
    job = Job.get(Job.project == huge)
    for n in range(80):  # more rows than a screen (and than the rows remembered from it)
        Appointment.create(job=job, title=f"Viel {n}")
    for n in range(3):
        projects.create_project(f"Neuer {n}")
    tab = _open(qtbot)
    tab.resize(1000, 260)
    qtbot.wait(20)
    tab.view.setCurrentIndex(QModelIndex())
    tab.view.scrollTo(_find(tab, "appointment", "Viel 5"), QAbstractItemView.ScrollHint.PositionAtTop)
    projects.delete_project(huge.id)
    _reload(qtbot, tab)
    assert _on_top(tab) == ("project", f"Projekt {PROJECTS - 1}")
