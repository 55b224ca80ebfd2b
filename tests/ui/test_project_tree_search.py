"""A search or filter in a big Projekte tree opens the rows on screen at once and the rest
a slice at a time: every hit ends expanded, what is shown never moves while the slices
run, and what the user folds meanwhile stays folded."""

from __future__ import annotations

import gc

import pytest

from craftdesk.ui import project_tree_nav
from tests.ui.test_project_tree_background import (  # noqa: F401 - fixtures used by name
    PROJECTS,
    _find,
    _open,
    _rows,
    _settled,
    big,
    slow,
)


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


@pytest.mark.usefixtures("slow")
def test_a_search_opens_the_screen_at_once_and_the_rest_in_slices(qtbot):
    tab = _low(qtbot, _open(qtbot))
    tab.search.setText("Projekt")  # every project matches
    rows = _rows(tab)
    assert len(rows) == PROJECTS
    assert tab.view.isExpanded(rows[0]) and tab.view.isExpanded(_rows(tab, rows[0])[0])
    assert not tab.view.isExpanded(rows[-1])  # below the screen: not yet
    assert tab.expander.active
    qtbot.waitUntil(lambda: _settled(tab))
    for project in _rows(tab):  # in the end every hit is expanded, jobs too
        assert tab.view.isExpanded(project)
        assert all(tab.view.isExpanded(job) for job in _rows(tab, project))


@pytest.mark.usefixtures("slow")
def test_the_selected_row_does_not_move_while_the_slices_open_the_rest(qtbot):
    tab = _low(qtbot, _open(qtbot))
    tab.view.setCurrentIndex(_find(tab, "appointment", "Termin 2.1"))  # the fourth project
    tab.search.setText("Termin")
    selected = _find(tab, "appointment", "Termin 2.1")
    assert tab.view.currentIndex() == selected and tab.edit_button.isEnabled()
    assert tab.view.viewport().rect().contains(tab.view.visualRect(selected))  # in view at once
    where = tab.view.visualRect(selected)
    assert tab.expander.active
    qtbot.waitUntil(lambda: _settled(tab))
    assert tab.view.visualRect(selected) == where  # the rows above it were open already
    assert tab.selected_record().kind == "appointment"


@pytest.mark.usefixtures("slow")
def test_a_project_folded_while_the_slices_run_stays_folded(qtbot):
    tab = _low(qtbot, _open(qtbot))
    tab.search.setText("Projekt")
    assert tab.expander.active
    first = _rows(tab)[0]
    tab.view.collapse(first)  # the user folds it before the slices pass it
    qtbot.waitUntil(lambda: _settled(tab))
    assert not tab.view.isExpanded(_rows(tab)[0])
    assert all(tab.view.isExpanded(project) for project in _rows(tab)[1:])


@pytest.mark.usefixtures("slow")
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
