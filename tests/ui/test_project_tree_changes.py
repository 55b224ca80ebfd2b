"""T6 in the Projekte tree: a change that names projects, jobs or appointments — made in the
tab, elsewhere in the app or at another workstation — rebuilds the rows of those projects
only, keeping what is expanded and selected."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from fakes import FakeController
from PySide6.QtCore import QPoint, Qt

from craftdesk.services import projects
from craftdesk.services.changes import Change, Scope
from craftdesk.store.models import Appointment, Job, Project
from craftdesk.sync.live import LiveChanges
from craftdesk.ui import project_tree, project_tree_update, projects_tab, tree_reading
from craftdesk.ui.projects_tab import ProjectsTab
from craftdesk.ui.table_models import RecordRole


class Controller(FakeController):
    pass


def _project(title: str, jobs: int = 2, per_job: int = 2) -> dict:
    project = projects.create_project(title)
    first = Job.get(Job.project == project)
    job_ids, appointment_ids = [first.id], []
    for n in range(1, jobs):
        job_ids.append(projects.create_job(project.id, f"{title} Auftrag {n}").id)
    for job_id in job_ids:
        for n in range(per_job):
            appointment_ids.append(Appointment.create(job=job_id, title=f"{title} Termin {n}").id)
    return {"id": project.id, "jobs": job_ids, "appointments": appointment_ids}


@pytest.fixture
def tree(qtbot, database, monkeypatch):
    built = {
        "bad": _project("Bad"),
        "dach": _project("Dach"),
        "küche": _project("Küche"),
    }
    tab = ProjectsTab(Controller())
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitExposed(tab)
    rows: list[tuple[str, int, int]] = []  # (kind, id, project) of every row built
    loads: list[object] = []
    original_row, original_load = project_tree._row, projects_tab.load_project_nodes

    def counting_row(record, *args, **kwargs):
        rows.append((record.kind, record.id, record.project_id))
        return original_row(record, *args, **kwargs)

    def counting_load(ids=None):
        loads.append(None if ids is None else set(ids))
        return original_load(ids)

    monkeypatch.setattr(project_tree, "_row", counting_row)
    monkeypatch.setattr(projects_tab, "load_project_nodes", counting_load)
    monkeypatch.setattr(tab, "reload", lambda: pytest.fail("the whole tree was read again"))
    return tab, built, rows, loads


def _titles(tab: ProjectsTab) -> list[str]:
    return [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]


def test_T6_a_change_of_one_appointment_rebuilds_only_its_projects_rows(tree):
    tab, built, rows, loads = tree
    bad = built["bad"]
    others = {
        key: tab.model.item(project_tree_update.project_row_of(tab.model, built[key]["id"]), 0)
        for key in ("dach", "küche")
    }
    job_index = tab.find_index("job", bad["jobs"][1])
    tab.view.collapse(job_index)
    tab.select("appointment", bad["appointments"][0])
    projects.edit_appointment(bad["appointments"][0], title="Fliesen legen")
    tab.controller.data_changed.emit(Change.of(Scope.NONE, appointments=[bad["appointments"][0]]))
    assert loads == [{bad["id"]}]
    assert {project for _kind, _id, project in rows} == {bad["id"]}
    assert len(rows) == 1 + len(bad["jobs"]) + len(bad["appointments"])  # 1 project, 2 jobs, 4 appointments
    # The other projects keep their very items; order, expansion and selection are kept.
    for key, item in others.items():
        assert tab.model.item(project_tree_update.project_row_of(tab.model, built[key]["id"]), 0) is item
    assert _titles(tab) == ["Küche", "Dach", "Bad"]
    assert tab.selected_record().id == bad["appointments"][0]
    assert tab.find_index("appointment", bad["appointments"][0]).data() == "Fliesen legen"
    assert not tab.view.isExpanded(tab.find_index("job", bad["jobs"][1]))
    assert tab.view.isExpanded(tab.find_index("job", bad["jobs"][0]))


def test_T6_notifications_of_another_workstation_take_the_same_path(qtbot, tree):
    tab, built, rows, loads = tree
    dach = built["dach"]
    live = LiveChanges(tab.controller)
    projects.edit_job(dach["jobs"][0], "Dachrinne")
    gone = dach["appointments"][-1]
    projects.delete_appointment(gone)  # deleted: the tree itself knows its project
    live._collect("jobs", [dach["jobs"][0]])
    live._collect("appointments", [gone])
    qtbot.waitUntil(lambda: bool(loads), timeout=2000)
    assert loads == [{dach["id"]}] and {project for *_r, project in rows} == {dach["id"]}
    assert len(rows) == 1 + 2 + 3
    assert tab.find_index("job", dach["jobs"][0]).data() == "Dachrinne"
    assert not tab.find_index("appointment", gone).isValid()


def test_T6_a_new_and_a_deleted_project_come_and_go_in_place(tree):
    tab, built, rows, loads = tree
    new = projects.create_project("Garage")
    projects.delete_project(built["dach"]["id"])
    tab.controller.data_changed.emit(Change.of(Scope.NONE, projects=[new.id, built["dach"]["id"]]))
    assert loads == [{new.id, built["dach"]["id"]}]
    assert _titles(tab) == ["Garage", "Küche", "Bad"]
    assert [kind for kind, *_ in rows] == ["project", "job"]  # the new project and its first job


def test_T6_a_change_of_many_projects_reads_the_whole_tree_out_of_the_windows_way(tree, monkeypatch):
    """Each changed project's rows cost ~3 ms on the GUI thread at 3,000 projects (40 moved
    ones held the window 100 ms): past a dozen, the tree is read anew like a full reload."""
    tab, built, _rows, loads = tree
    reloads: list[bool] = []
    monkeypatch.setattr(tab, "reload", lambda: reloads.append(True))
    ids = [built["bad"]["id"], built["dach"]["id"]]
    monkeypatch.setattr(tree_reading, "REFRESH_PROJECTS", 2)
    tab.controller.data_changed.emit(Change.of(Scope.NONE, projects=ids))
    assert loads == [set(ids)] and reloads == []
    tab.controller.data_changed.emit(Change.of(Scope.NONE, projects=[*ids, built["küche"]["id"]]))
    assert loads == [set(ids)] and reloads == [True]


def test_T6_the_tabs_own_edit_rebuilds_only_that_project(tree, monkeypatch):
    tab, built, rows, loads = tree
    from craftdesk.ui.dialogs import common

    monkeypatch.setattr(common, "confirm", lambda *_a, **_k: True)
    record = tab.find_index("appointment", built["küche"]["appointments"][0]).data(RecordRole)
    tab.delete_record(record)
    assert loads == [{built["küche"]["id"]}]
    assert {project for *_r, project in rows} == {built["küche"]["id"]}
    assert not tab.find_index("appointment", record.id).isValid()


def test_deleting_names_what_goes_with_it_and_no_keeps_everything(tree, monkeypatch):
    tab, built, _rows, _loads = tree
    from craftdesk.ui.dialogs import common

    asked: list[str] = []
    monkeypatch.setattr(common, "confirm", lambda _p, _t, text, yes=None: asked.append(text) or False)
    Appointment.update(status="done").where(Appointment.id == built["dach"]["appointments"][0]).execute()
    for kind, key in (("project", "id"), ("job", "jobs"), ("appointment", "appointments")):
        record_id = built["dach"][key] if kind == "project" else built["dach"][key][0]
        tab.delete_record(tab.find_index(kind, record_id).data(RecordRole))
    assert asked[0].startswith("Das Projekt „Dach“ mit allen Aufträgen (2) und Terminen (4) löschen?")
    assert "Fertig gemeldete Termine (1) verlieren ihre Stunden" in asked[0]
    assert asked[1].startswith("Den Auftrag „Dach“ mit allen Terminen (2) löschen?")
    assert asked[2].startswith("Den Termin „Dach Termin 0“ löschen?")
    assert all(text.endswith("Das lässt sich nicht rückgängig machen.") for text in asked)
    assert Project.select().count() == 3 and Appointment.select().count() == 12


def test_the_menu_key_opens_the_menu_of_the_selected_row_not_the_one_below(tree, monkeypatch):
    """Qt gives the list's own coordinates for the menu key: read as a place in the rows,
    that was one header lower, and "Löschen …" asked about the next appointment."""
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QApplication, QMenu

    from craftdesk.ui import project_actions
    from craftdesk.ui.dialogs import common

    class Menu(QMenu):  # picks "Löschen …" instead of waiting for the user
        def exec(self, *_args):
            next(a for a in self.actions() if a.text() == "Löschen …").trigger()

    tab, built, _rows, _loads = tree
    asked: list[str] = []
    monkeypatch.setattr(common, "confirm", lambda _p, _t, text, yes=None: asked.append(text) or False)
    monkeypatch.setattr(project_actions, "QMenu", Menu)
    tab.view.expandAll()
    index = tab.find_index("appointment", built["dach"]["appointments"][0])
    tab.view.setCurrentIndex(index)
    rect = tab.view.visualRect(index)
    inside = tab.view.viewport().mapTo(tab.view, rect.center())  # the list's own coordinates
    menu_key = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, inside, tab.view.mapToGlobal(inside))
    QApplication.sendEvent(tab.view, menu_key)
    assert asked and asked[0].startswith("Den Termin „Dach Termin 0“ löschen?")
    asked.clear()
    tab.view.customContextMenuRequested.emit(QPoint(rect.center()))  # a right click: as before
    assert asked[0].startswith("Den Termin „Dach Termin 0“ löschen?")


def test_T6_a_hidden_tab_rebuilds_the_named_projects_when_shown(qtbot, tree):
    tab, built, _rows, loads = tree
    tab.hide()
    bad, dach = built["bad"], built["dach"]
    tab.controller.data_changed.emit(Change.of(Scope.NONE, appointments=[bad["appointments"][0]]))
    tab.controller.data_changed.emit(Change.of(Scope.NONE, projects=[dach["id"]]))
    assert loads == []
    tab.show()
    assert loads == [{bad["id"], dach["id"]}]


def test_T6_a_change_of_unknown_reach_still_reloads(qtbot, database):
    _project("Bad")
    tab = ProjectsTab(Controller())
    qtbot.addWidget(tab)
    tab.show()
    calls: list[str] = []
    original = tab.reload
    tab.reload = lambda: (calls.append("all"), original())[1]  # type: ignore[method-assign]
    tab.controller.data_changed.emit("projects")
    live = LiveChanges(tab.controller)
    live._collect("appointments", None)  # too many to name
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=2000)


def test_T6_a_project_is_found_and_placed_by_a_binary_search_in_the_trees_order(qtbot, database):
    """The model keeps the tree's own order (newest first): a new, changed or deleted
    project's row is found in a handful of reads, not a walk over every project."""
    ids = [projects.create_project(f"Projekt {n}").id for n in range(64)]
    tab = ProjectsTab(Controller())
    qtbot.addWidget(tab)
    reads: list[int] = []
    item = tab.model.item
    tab.model.item = lambda row, column=0: (reads.append(row), item(row, column))[1]  # type: ignore[method-assign]
    made = projects.create_project("Neu").id
    tab.refresh_projects({made})  # new: at the top
    projects.edit_project(ids[20], title="Projekt 20 umbenannt")
    tab.refresh_projects({ids[20]})  # changed: in its place
    projects.delete_project(ids[40])
    tab.refresh_projects({ids[40]})  # gone
    assert len(reads) <= 3 * 2 * 8  # three changes, two searches each, log2(65) reads
    order = [tab.model.item(r, 0).data(RecordRole).id for r in range(tab.model.rowCount())]
    assert order == sorted({made, *ids} - {ids[40]}, reverse=True)
    assert tab.model.item(order.index(ids[20]), 0).text() == "Projekt 20 umbenannt"


def test_T6_a_change_that_leaves_a_projects_rows_standing_keeps_their_items(tree):
    """Only the data changes: the rows stay (no row removed or inserted, which made the view
    lay out the whole tree again), and what was folded stays folded."""
    tab, built, _rows, loads = tree
    bad = built["bad"]
    top = tab.model.item(project_tree_update.project_row_of(tab.model, bad["id"]), 0)
    tab.view.collapse(tab.find_index("job", bad["jobs"][1]))
    tab.select("appointment", bad["appointments"][1])
    moved: list[str] = []
    tab.model.rowsRemoved.connect(lambda *_: moved.append("removed"))
    tab.model.rowsInserted.connect(lambda *_: moved.append("inserted"))
    projects.edit_appointment(bad["appointments"][1], title="Silikon", status="done")
    tab.controller.data_changed.emit(Change.of(Scope.NONE, appointments=[bad["appointments"][1]]))
    assert loads == [{bad["id"]}] and moved == []
    assert tab.model.item(project_tree_update.project_row_of(tab.model, bad["id"]), 0) is top
    index = tab.find_index("appointment", bad["appointments"][1])
    status = index.siblingAtColumn(project_tree.COLUMNS.index("status"))
    assert index.data() == "Silikon" and status.data() == "Fertig"
    assert "1 von 4 fertig" in tab.find_index("project", bad["id"]).siblingAtColumn(2).data()
    assert tab.selected_record().id == bad["appointments"][1]
    assert not tab.view.isExpanded(tab.find_index("job", bad["jobs"][1]))
    assert tab.view.isExpanded(tab.find_index("job", bad["jobs"][0]))


def test_T6_data_a_kept_row_no_longer_has_is_cleared(tree):
    tab, built, _rows, _loads = tree
    dach = built["dach"]
    Project.update(site_note="Baustelle: Rechnungsanschrift").where(Project.id == dach["id"]).execute()
    tab.controller.data_changed.emit(Change.of(Scope.NONE, projects=[dach["id"]]))
    index = tab.find_index("project", dach["id"])
    assert index.data(Qt.ItemDataRole.DecorationRole) is not None and index.data(Qt.ItemDataRole.ToolTipRole)
    Project.update(site_note="").where(Project.id == dach["id"]).execute()
    tab.controller.data_changed.emit(Change.of(Scope.NONE, projects=[dach["id"]]))
    index = tab.find_index("project", dach["id"])
    assert index.data(Qt.ItemDataRole.DecorationRole) is None and not index.data(Qt.ItemDataRole.ToolTipRole)


def test_T6_a_project_whose_rows_change_gets_new_rows_with_its_folds(tree):
    tab, built, _rows, _loads = tree
    küche = built["küche"]
    tab.view.collapse(tab.find_index("job", küche["jobs"][0]))
    added = Appointment.create(job=küche["jobs"][1], title="Abnahme").id
    tab.controller.data_changed.emit(Change.of(Scope.NONE, appointments=[added]))
    assert tab.find_index("appointment", added).data() == "Abnahme"
    assert not tab.view.isExpanded(tab.find_index("job", küche["jobs"][0]))
    assert tab.view.isExpanded(tab.find_index("job", küche["jobs"][1]))
    assert tab.view.isExpanded(tab.find_index("project", küche["id"]))


def test_T6_a_kept_project_a_filter_lets_go_of_for_a_moment_stays_selected(qtbot, database):
    """Under a status filter, one appointment stops matching and another of the same
    project starts to: written a row at a time, the project leaves the filtered tree for a
    moment, and the view's current row moved to another project."""
    bad, dach = _project("Bad"), _project("Dach")
    first, last = dach["appointments"][0], dach["appointments"][3]
    projects.edit_appointment(first, status="problem")
    projects.edit_appointment(bad["appointments"][0], status="problem")
    tab = ProjectsTab(Controller())
    qtbot.addWidget(tab)
    tab.show()
    tab.filter_bar.status.setCurrentIndex(tab.filter_bar.status.findData("problem"))
    assert tab.select("project", dach["id"], dach["id"])
    projects.edit_appointment(first, status="done")
    projects.edit_appointment(last, status="problem")
    tab.controller.data_changed.emit(Change.of(Scope.NONE, appointments=[first, last]))
    selected = tab.selected_record()
    assert selected is not None and (selected.kind, selected.id) == ("project", dach["id"])
    assert tab.view.isExpanded(tab.find_index("project", dach["id"]))
    assert (
        tab.find_index("appointment", last).isValid() and not tab.find_index("appointment", first).isValid()
    )


def test_T6_a_kept_row_a_sort_moves_is_scrolled_to(qtbot, database):
    made = [_project(f"P{n:02d}", jobs=1, per_job=1) for n in range(40)]
    for n, project in enumerate(made):
        Appointment.update(hours=Decimal(n + 1)).where(Appointment.id == project["appointments"][0]).execute()
    tab = ProjectsTab(Controller())
    qtbot.addWidget(tab)
    tab.resize(800, 400)
    tab.show()
    tab.view.sortByColumn(project_tree.COLUMNS.index("hours"), Qt.SortOrder.DescendingOrder)
    most = made[-1]  # 40 hours: on top
    tab.select("appointment", most["appointments"][0], most["id"])
    Appointment.update(hours=Decimal("0.5")).where(Appointment.id == most["appointments"][0]).execute()
    tab.controller.data_changed.emit(Change.of(Scope.NONE, appointments=[most["appointments"][0]]))
    assert _titles(tab)[-1] == "P39"  # sorted to the end, and still selected
    assert tab.selected_record().id == most["appointments"][0]
    assert tab.view.viewport().rect().intersects(tab.view.visualRect(tab.view.currentIndex()))


def test_T6_an_appointment_added_goes_under_its_job_and_the_rest_stays(tree):
    """The project's items stay and the new row is inserted under its job (under an open row
    Qt lays out the whole tree again: the job is folded meanwhile, quietly)."""
    tab, built, _rows, _loads = tree
    bad = built["bad"]
    top = tab.model.item(project_tree_update.project_row_of(tab.model, bad["id"]), 0)
    tab.view.collapse(tab.find_index("job", bad["jobs"][1]))
    folds = set(tab.collapsed_records)
    moved: list[str] = []
    tab.model.rowsRemoved.connect(lambda *_: moved.append("removed"))
    tab.model.rowsInserted.connect(lambda parent, first, last: moved.append(f"inserted {first}-{last}"))
    added = Appointment.create(job=bad["jobs"][0], title="Abnahme").id
    tab.controller.data_changed.emit(Change.of(Scope.NONE, appointments=[added]))
    assert moved == ["inserted 2-2"]  # after the two there (no start: by id)
    assert tab.model.item(project_tree_update.project_row_of(tab.model, bad["id"]), 0) is top
    job = tab.find_index("job", bad["jobs"][0])
    assert [job.model().index(r, 0, job).data() for r in range(3)] == [
        "Bad Termin 0",
        "Bad Termin 1",
        "Abnahme",
    ]
    assert tab.view.isExpanded(job) and not tab.view.isExpanded(tab.find_index("job", bad["jobs"][1]))
    assert tab.collapsed_records == folds
    assert "0 von 5 fertig" in tab.find_index("project", bad["id"]).siblingAtColumn(2).data()


def test_T6_an_appointment_added_under_a_folded_job_leaves_it_folded(tree):
    tab, built, _rows, _loads = tree
    dach = built["dach"]
    tab.view.collapse(tab.find_index("job", dach["jobs"][1]))
    added = Appointment.create(job=dach["jobs"][1], title="Rinne").id
    tab.controller.data_changed.emit(Change.of(Scope.NONE, appointments=[added]))
    assert not tab.view.isExpanded(tab.find_index("job", dach["jobs"][1]))
    assert tab.find_index("appointment", added).isValid()
    assert ("job", dach["jobs"][1]) in tab.collapsed_records


def test_T6_an_appointment_added_takes_its_place_by_start(tree):
    tab, built, _rows, _loads = tree
    küche = built["küche"]
    for n, appointment in enumerate(küche["appointments"][:2]):
        Appointment.update(start=datetime(2026, 3, 2 + 2 * n, 8)).where(
            Appointment.id == appointment
        ).execute()
    tab.controller.data_changed.emit(Change.of(Scope.NONE, projects=[küche["id"]]))
    added = Appointment.create(job=küche["jobs"][0], title="Zwischendurch", start=datetime(2026, 3, 3, 8)).id
    tab.controller.data_changed.emit(Change.of(Scope.NONE, appointments=[added]))
    job = tab.find_index("job", küche["jobs"][0])
    titles = [job.model().index(r, 0, job).data() for r in range(tab.proxy.rowCount(job))]
    assert titles == ["Küche Termin 0", "Zwischendurch", "Küche Termin 1"]


def test_T6_an_appointment_added_while_another_went_rebuilds_the_project(tree):
    tab, built, _rows, _loads = tree
    bad = built["bad"]
    top = tab.model.item(project_tree_update.project_row_of(tab.model, bad["id"]), 0)
    projects.delete_appointment(bad["appointments"][0])
    added = Appointment.create(job=bad["jobs"][0], title="Neu").id
    tab.controller.data_changed.emit(Change.of(Scope.NONE, appointments=[added], projects=[bad["id"]]))
    assert tab.model.item(project_tree_update.project_row_of(tab.model, bad["id"]), 0) is not top
    job = tab.find_index("job", bad["jobs"][0])
    assert [job.model().index(r, 0, job).data() for r in range(2)] == ["Bad Termin 1", "Neu"]
    assert tab.view.isExpanded(job)


def test_T6_an_appointment_added_near_the_end_of_the_tree_leaves_the_view_where_it_was(qtbot, database):
    """The job folded for the insert shortens the tree for a moment: scrolled to its end,
    the view moved up by the job's rows."""
    made = [_project(f"P{n:02d}", jobs=1, per_job=8) for n in range(30)]
    tab = ProjectsTab(Controller())
    qtbot.addWidget(tab)
    tab.resize(800, 400)
    tab.show()
    bar = tab.view.verticalScrollBar()
    for project in (made[0], made[20]):  # the last project (on screen), one far above
        bar.setValue(bar.maximum())
        top = tab.view.indexAt(QPoint(1, 1))
        # An insert above the screen moves the rows down by one, as any insert does.
        expected = top if project is made[0] else tab.view.indexAbove(top)
        expected_record = expected.data(RecordRole)
        added = Appointment.create(job=project["jobs"][0], title="Neu").id
        tab.controller.data_changed.emit(Change.of(Scope.NONE, appointments=[added]))
        assert tab.view.indexAt(QPoint(1, 1)).data(RecordRole) == expected_record
