"""Every item of the Projekte tree is held by its model until Qt deletes the rows: built
at once, built in slices on the big-tree path, and changed one project at a time
(replaced, gained an appointment, new). A job row whose Python side was freed before the
row crashed the window when a tab was closed."""

from __future__ import annotations

import gc

import pytest
import shiboken6
from fakes import FakeController
from PySide6.QtGui import QStandardItem, QStandardItemModel

from craftdesk.services import projects
from craftdesk.services.project_rows import load_project_nodes
from craftdesk.store.models import Appointment, Job
from craftdesk.ui import projects_tab, tree_loader
from craftdesk.ui.item_pins import pins_of
from craftdesk.ui.project_tree import build_model
from craftdesk.ui.project_tree_update import replace_projects
from craftdesk.ui.projects_tab import ProjectsTab


def _items(model: QStandardItemModel) -> list[QStandardItem]:
    found, pending = [], [model.invisibleRootItem()]
    while pending:
        parent = pending.pop()
        for row in range(parent.rowCount()):
            for column in range(parent.columnCount()):
                child = parent.child(row, column)
                if child is not None:
                    found.append(child)
                    pending.append(child)
    return found


def _held(model: QStandardItemModel) -> bool:
    pinned = {id(item) for item in pins_of(model)}
    items = _items(model)
    return bool(items) and all(id(item) in pinned for item in items)


@pytest.fixture
def work(database):
    """Three projects of a job with two appointments each."""
    made = []
    for n in range(3):
        project = projects.create_project(f"Projekt {n}")
        job = Job.get(Job.project == project)
        for a in range(2):
            Appointment.create(job=job, title=f"Termin {n}.{a}")
        made.append(project.id)
    return made


def test_a_tree_built_at_once_is_held_by_its_model(qtbot, work):
    model = QStandardItemModel()
    build_model(load_project_nodes(), model)
    gc.collect()
    assert _held(model) and len(_items(model)) == 3 * (1 + 1 + 2) * model.columnCount()


def test_a_tree_built_in_slices_is_held_by_its_model(qtbot, work, monkeypatch):
    monkeypatch.setattr(projects_tab, "BACKGROUND_TREE_ROWS", 1)
    monkeypatch.setattr(tree_loader, "SLICE_SECONDS", 0.0)
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: not tab.loader.busy and tab.model.rowCount() == 3)
    gc.collect()
    assert _held(tab.model)


def test_projects_changed_one_at_a_time_stay_held(qtbot, work):
    model = QStandardItemModel()
    build_model(load_project_nodes(), model)
    first, second, _third = work
    job = Job.get(Job.project == first)
    Appointment.create(job=job, title="Termin neu")  # gained one: its row is moved over
    projects.delete_appointment(Appointment.get(Appointment.title == "Termin 1.0").id)  # replaced
    new = projects.create_project("Projekt neu").id  # inserted
    changed = {first, second, new}
    replace_projects(model, changed, load_project_nodes(changed))
    gc.collect()
    titles = [item.text() for item in _items(model)]
    assert "Termin neu" in titles and "Termin 1.0" not in titles and "Projekt neu" in titles
    assert _held(model)


def test_a_row_that_cannot_be_built_leaves_no_object_of_the_models_own_items_behind(qtbot, work, monkeypatch):
    """The traceback of a failed slice outlives the model; an object of the model's root
    item in it outlived that item too."""
    monkeypatch.setattr(projects_tab, "BACKGROUND_TREE_ROWS", 1)
    built = []
    original = tree_loader.project_rows

    def third_fails(node, pins=None):
        if len(built) == 2:
            raise ValueError("bad row")
        built.append(node.id)
        return original(node, pins)

    monkeypatch.setattr(tree_loader, "project_rows", third_fails)
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    with qtbot.capture_exceptions() as raised:
        tab.show()
        qtbot.waitUntil(lambda: not tab.loader.busy)
    [(_kind, error, trace)] = raised
    assert str(error) == "bad row" and len(built) == 2
    kept = []
    while trace is not None:
        kept += [v for v in trace.tb_frame.f_locals.values() if isinstance(v, QStandardItem)]
        trace = trace.tb_next
    assert not [item for item in kept if not shiboken6.createdByPython(item)]
