"""A search or filter in a big Projekte tree opens the rows on screen at once and the rest
afterwards (in one pass in the next turn, or a slice at a time): every hit ends expanded,
what is shown never moves while the rest opens (once the user sorts, scrolls or presses a
key, the rest opens at once), and what the user folds meanwhile stays folded."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSlider, QApplication

from craftdesk.services import projects
from craftdesk.services.changes import Change, Scope
from craftdesk.store.models import Appointment, Job, Project
from craftdesk.ui import project_tree_nav, projects_tab, tree_loader
from craftdesk.ui.projects_tab import ProjectsTab
from craftdesk.ui.table_models import RecordRole
from tests.ui.test_project_tree_background import (  # noqa: F401 - fixtures used by name
    PROJECTS,
    _find,
    _open,
    _rows,
    _settled,
    big,
    make_projects,
)


@pytest.fixture(params=["in one pass", "in slices"])
def both_ways(request, monkeypatch):
    """The rest of the hits opened in one pass in the next turn, or (a very big tree) a
    slice at a time."""
    request.getfixturevalue("big")  # first: it sets the slices of a reload
    monkeypatch.setattr(tree_loader, "ONE_PASS_ROWS", 0 if request.param == "in slices" else 8_000)
    return request.param


@pytest.fixture(autouse=True)
def _unfrozen():
    """A big tree freezes the heap for the collector; later tests get it unfrozen."""
    yield
    gc.unfreeze()


def _low(qtbot, tab):
    """A tab so low that a screen shows about two of the six projects (4 rows each)."""
    tab.resize(1000, tab.view.header().height() + 6 * tab.view.fontMetrics().height())
    qtbot.waitUntil(lambda: tab.view.viewport().height() < 9 * tab.view.fontMetrics().height())
    return tab


@pytest.mark.usefixtures("big")
def test_a_search_opens_the_screen_at_once_and_the_rest_afterwards(qtbot, both_ways, monkeypatch):
    tab = _low(qtbot, _open(qtbot))
    slices = []
    step = tree_loader.Expander._step
    monkeypatch.setattr(
        tree_loader.Expander, "_step", lambda self, budget: (slices.append(1), step(self, budget))
    )
    tab.search.setText("Projekt")  # every project matches
    rows = _rows(tab)
    assert len(rows) == PROJECTS
    assert tab.view.isExpanded(rows[0]) and tab.view.isExpanded(_rows(tab, rows[0])[0])
    assert not tab.view.isExpanded(rows[-1])  # below the screen: not yet
    assert tab.expander.active
    qtbot.waitUntil(lambda: _settled(tab))
    assert bool(slices) == (both_ways == "in slices")
    for project in _rows(tab):  # in the end every hit is expanded, jobs too
        assert tab.view.isExpanded(project)
        assert all(tab.view.isExpanded(job) for job in _rows(tab, project))


@pytest.mark.usefixtures("big", "both_ways")
def test_the_selected_row_does_not_move_while_the_rest_opens(qtbot):
    tab = _low(qtbot, _open(qtbot))
    tab.view.setCurrentIndex(_find(tab, "appointment", "Termin 3.1"))  # the third project
    tab.search.setText("Termin")
    selected = _find(tab, "appointment", "Termin 3.1")
    assert tab.view.currentIndex() == selected and tab.edit_button.isEnabled()
    assert tab.view.viewport().rect().contains(tab.view.visualRect(selected))  # in view at once
    where = tab.view.visualRect(selected)
    assert tab.expander.active
    qtbot.waitUntil(lambda: _settled(tab))
    assert tab.view.visualRect(selected) == where  # the rows above it were open already
    assert tab.selected_record().kind == "appointment"


@pytest.mark.usefixtures("big", "both_ways")
def test_a_project_folded_before_the_rest_opens_stays_folded(qtbot):
    tab = _low(qtbot, _open(qtbot))
    tab.search.setText("Projekt")
    assert tab.expander.active
    first = _rows(tab)[0]
    tab.view.collapse(first)  # the user folds it before the slices pass it
    qtbot.waitUntil(lambda: _settled(tab))
    assert not tab.view.isExpanded(_rows(tab)[0])
    assert all(tab.view.isExpanded(project) for project in _rows(tab)[1:])


@pytest.mark.usefixtures("big")
def test_a_new_search_during_the_slices_ends_them(qtbot):
    tab = _low(qtbot, _open(qtbot))
    tab.search.setText("Projekt")
    assert tab.expander.active
    tab.search.setText("Termin 0.1")  # of the oldest project, last in the tree
    assert [p.data() for p in _rows(tab)] == ["Projekt 0"]
    assert tab.view.isExpanded(_rows(tab)[0]) and not tab.expander.active
    tab.search.clear()  # everything again: expanded in slices once more
    qtbot.waitUntil(lambda: _settled(tab))
    assert all(tab.view.isExpanded(project) for project in _rows(tab))


@pytest.mark.usefixtures("big")
def test_a_row_kept_in_view_far_down_opens_every_row_at_once(qtbot, monkeypatch):
    monkeypatch.setattr(project_tree_nav, "EXPAND_AT_ONCE", 2)
    tab = _low(qtbot, _open(qtbot))
    tab.view.setCurrentIndex(_find(tab, "project", "Projekt 1"))  # the fifth project
    tab.search.setText("Projekt")
    assert not tab.expander.active  # no slices: one pass
    assert all(tab.view.isExpanded(project) for project in _rows(tab))
    assert tab.selected_record().kind == "project"


@pytest.mark.usefixtures("big")
def test_a_small_tree_is_expanded_at_once(qtbot):
    tab = _open(qtbot)  # six projects fit the screen
    tab.search.setText("Termin")
    assert not tab.expander.active
    assert all(tab.view.isExpanded(project) for project in _rows(tab))


MANY = 40


@pytest.fixture
def many(database, monkeypatch):
    """40 projects of a job with two appointments: "Alpha" ones (even) and "Beta" ones."""
    make_projects(MANY, lambda n: "Beta" if n % 2 else "Alpha")
    monkeypatch.setattr(projects_tab, "BACKGROUND_TREE_ROWS", 1)
    monkeypatch.setattr(tree_loader, "SLICE_SECONDS", 0.0)  # one project per slice


def _open_many(qtbot) -> ProjectsTab:
    tab = _open(qtbot)
    tab.resize(1000, 400)  # about ten projects on screen
    qtbot.waitUntil(lambda: tab.view.viewport().height() < 400)
    return tab


def _top(tab: ProjectsTab) -> tuple[object, str]:
    index = tab.view.indexAt(QPoint(1, 1))
    return index.data(RecordRole), index.data()


def _scrolled_to_an_alpha_project(qtbot, tab: ProjectsTab) -> None:
    tab.view.scrollTo(_rows(tab)[21], tab.view.ScrollHint.PositionAtTop)  # "Projekt 18"
    qtbot.wait(10)
    assert _top(tab)[1] == "Projekt 18"


@pytest.mark.usefixtures("many")
@pytest.mark.parametrize(
    ("text", "on_top"),
    [
        ("Alpha", "Projekt 18"),  # the top row still matches: it stays on top
        ("Beta", "Projekt 39"),  # it does not: the hits from the first
    ],
)
def test_what_is_on_top_after_a_search_stays_there_while_the_slices_run(qtbot, text, on_top):
    tab = _open_many(qtbot)
    _scrolled_to_an_alpha_project(qtbot, tab)
    tab.search.setText(text)
    assert _top(tab)[1] == on_top and tab.expander.active
    qtbot.waitUntil(lambda: _settled(tab))
    assert _top(tab)[1] == on_top


@pytest.mark.usefixtures("many")
def test_a_sort_during_the_slices_opens_the_rest_at_once(qtbot):
    tab = _open_many(qtbot)
    _scrolled_to_an_alpha_project(qtbot, tab)
    tab.search.setText("Projekt")
    assert tab.expander.active
    tab.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # as a click on the title's header
    assert not tab.expander.active  # nothing opens later above the screen
    before = _top(tab)
    assert all(tab.view.isExpanded(project) for project in _rows(tab))
    qtbot.wait(100)
    assert _top(tab) == before


@pytest.mark.usefixtures("many")
def test_a_page_click_during_the_slices_opens_the_rest_at_once_and_still_scrolls(qtbot):
    tab = _open_many(qtbot)
    tab.search.setText("Projekt")
    assert tab.expander.active
    bar = tab.view.verticalScrollBar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
    assert not tab.expander.active
    assert all(tab.view.isExpanded(project) for project in _rows(tab))
    assert bar.value() == bar.pageStep()  # the click was not lost to the bigger range


@pytest.mark.usefixtures("many")
def test_the_wheel_turn_that_ends_the_slices_still_scrolls(qtbot):
    tab = _open_many(qtbot)
    tab.search.setText("Projekt")
    assert tab.expander.active and _top(tab)[1] == "Projekt 39"
    viewport = tab.view.viewport()
    at = QPointF(viewport.rect().center())
    notch = QWheelEvent(
        at,
        QPointF(viewport.mapToGlobal(at.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),  # one notch down
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(viewport, notch)
    assert not tab.expander.active
    assert tab.view.verticalScrollBar().value() > 0 and _top(tab)[1] != "Projekt 39"


@pytest.mark.usefixtures("many")
def test_end_during_the_slices_goes_to_the_last_row_and_keeps_it_in_view(qtbot):
    tab = _open_many(qtbot)
    tab.search.setText("Projekt")
    assert tab.expander.active
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_End)
    current = tab.view.currentIndex()
    assert current.data() == "Alpha 0.1"  # the oldest project's last appointment
    qtbot.waitUntil(lambda: _settled(tab))
    assert tab.view.viewport().rect().intersects(tab.view.visualRect(current))


@pytest.mark.usefixtures("many")
def test_a_key_during_a_reloads_slices_keeps_what_the_user_folded(qtbot, monkeypatch):
    tab = _open_many(qtbot)
    monkeypatch.setattr(tree_loader, "ONE_PASS_ROWS", 0)  # a reload of a very big tree
    start = tree_loader.Expander.start

    def slow_start(self, collapsed):  # the reload's expansion (not its build) lasts to be caught
        monkeypatch.setattr(tree_loader, "TURN_MS", 20)
        start(self, collapsed)

    monkeypatch.setattr(tree_loader.Expander, "start", slow_start)
    tab.view.collapse(_rows(tab)[-1])
    tab.view.collapse(_rows(tab, _rows(tab)[-2])[0])  # a job
    tab._on_data_changed(Change(Scope.PROJECTS))  # as after an order import
    qtbot.waitUntil(lambda: tab.expander.active)
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Down)
    assert not tab.expander.active
    assert not tab.view.isExpanded(_rows(tab)[-1])
    assert not tab.view.isExpanded(_rows(tab, _rows(tab)[-2])[0])
    assert tab.view.isExpanded(_rows(tab)[-2]) and tab.view.isExpanded(_rows(tab)[0])


# --- one pass or slices: decided by the whole tree, not by the rows on top ------------------


def _spy_whole(monkeypatch) -> list[int]:
    chosen: list[int] = []
    start_whole = tree_loader.Expander.start_whole
    monkeypatch.setattr(
        tree_loader.Expander, "start_whole", lambda self, c: (chosen.append(1), start_whole(self, c))
    )
    return chosen


def _shown_rows(tab: ProjectsTab) -> int:
    pending, count = _rows(tab), 0
    while pending:
        count += 1
        pending += _rows(tab, pending.pop())
    return count


def test_small_newest_projects_do_not_send_a_big_tree_down_the_one_pass(qtbot, database, monkeypatch):
    """Newest first: the projects on top (just imported, nothing planned yet) are small, the
    older ones below have the appointments."""
    for n in range(30):  # older: a job with six appointments each (8 rows)
        job = Job.get(Job.project == projects.create_project(f"Projekt alt {n}"))
        for a in range(6):
            Appointment.create(job=job, title=f"Termin {n}.{a}")
    for n in range(10):  # newest, on top: a job, nothing planned (2 rows)
        projects.create_project(f"Projekt neu {n}")
    monkeypatch.setattr(tree_loader, "ONE_PASS_ROWS", 150)
    tab = _low(qtbot, _open(qtbot))
    chosen = _spy_whole(monkeypatch)
    tab.search.setText("Projekt")
    qtbot.waitUntil(lambda: _settled(tab))
    assert _shown_rows(tab) == 260
    assert not chosen  # 260 rows: a slice at a time


def test_under_a_status_filter_the_whole_tree_decides(qtbot, database, monkeypatch):
    """Under a filter the one pass also makes the filter look at every row beneath the
    projects it opens (Python per row): 120 rows shown of 200 is still 200 rows of work."""
    for n in range(40):
        job = Job.get(Job.project == projects.create_project(f"Projekt {n}"))
        for a in range(3):
            Appointment.create(job=job, title=f"Termin {n}.{a}", status="problem" if a == 0 else "done")
    monkeypatch.setattr(projects_tab, "BACKGROUND_TREE_ROWS", 1)  # the tree read in the background
    monkeypatch.setattr(tree_loader, "ONE_PASS_ROWS", 150)
    tab = _low(qtbot, _open(qtbot))
    chosen = _spy_whole(monkeypatch)
    tab.filter_bar.status.setCurrentIndex(tab.filter_bar.status.findData("problem"))
    qtbot.waitUntil(lambda: _settled(tab))
    assert _shown_rows(tab) == 120
    assert not chosen


def test_the_rows_counted_follow_the_projects_that_change(qtbot, database, monkeypatch):
    make_projects(10, lambda n: "Termin")  # 4 rows each
    monkeypatch.setattr(tree_loader, "ONE_PASS_ROWS", 40)
    tab = _low(qtbot, _open(qtbot))
    chosen = _spy_whole(monkeypatch)
    tab.search.setText("Projekt")
    assert chosen == [1]  # 40 rows: one pass
    qtbot.waitUntil(lambda: _settled(tab))
    tab.search.clear()
    qtbot.waitUntil(lambda: _settled(tab))
    project = Project.get(Project.title == "Projekt 3")
    job = Job.get(Job.project == project)
    Appointment.create(job=job, title="Noch ein Termin")
    tab.refresh_projects({project.id})  # as after a change of that project
    chosen.clear()
    tab.search.setText("Projekt")
    assert not chosen  # 41 rows: in slices
    qtbot.waitUntil(lambda: _settled(tab))
    projects.delete_project(project.id)
    tab.refresh_projects({project.id})
    tab.search.clear()
    qtbot.waitUntil(lambda: _settled(tab))
    chosen.clear()
    tab.search.setText("Projekt")
    assert chosen == [1]  # 36 rows again
