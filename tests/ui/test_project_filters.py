"""Filters and sorting of the project list (SPEC §11 P5): status, employee, date range, the
"Abrechenbar" view, sortable columns, and the AB number in its own column."""

from __future__ import annotations

import sys
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QRegularExpression, Qt

from craftdesk.services import employees as emp
from craftdesk.services import projects as svc
from craftdesk.store.models import Appointment, Customer, InvoiceDraft, Job, Project
from craftdesk.ui import project_filter
from craftdesk.ui.project_filter import STATUS_FILTERS, Filters, RowFacts, facts_key, sort_text
from craftdesk.ui.project_tree import COLUMNS
from craftdesk.ui.projects_tab import ProjectsTab
from craftdesk.ui.table_models import RecordRole
from tests.ui.fakes import FakeController


@pytest.fixture
def tab(qtbot, database):
    customer = Customer.create(company="Bäckerei Schröder", kind="organisation")
    max_ = emp.add_employee("Max Maurer")
    anna = emp.add_employee("Anna Fliese")
    bath = svc.create_project("Bad", customer.id)
    Project.update(sevdesk_order_number="AB-1042").where(Project.id == bath.id).execute()
    roof = svc.create_project("Dach", customer.id)
    Project.update(sevdesk_order_number="AB-999").where(Project.id == roof.id).execute()
    kitchen = svc.create_project("Küche", customer.id)
    svc.create_appointment(
        svc.first_job(bath).id, "Fliesen", start=datetime(2026, 3, 2, 8), assignee_ids=[max_.id]
    )
    done = svc.create_appointment(
        svc.first_job(roof).id, "Rinne", start=datetime(2026, 3, 9, 8), assignee_ids=[anna.id]
    )
    svc.set_appointment_done(done.id, Decimal(3), [])
    billed = svc.create_appointment(
        svc.first_job(kitchen).id, "Spüle", start=datetime(2026, 2, 2, 8), assignee_ids=[anna.id]
    )
    svc.set_appointment_done(billed.id, Decimal(1), [])
    draft = InvoiceDraft.create(project=kitchen, reference="R-1", state="sent", sevdesk_id="7")
    Appointment.update(invoice=draft).where(Appointment.id == billed.id).execute()
    svc.create_appointment(svc.first_job(kitchen).id, "Planen")
    widget = ProjectsTab(FakeController())
    qtbot.addWidget(widget)
    widget.ids = {"max": max_.id, "anna": anna.id}
    return widget


def _projects(tab) -> list[str]:
    return [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())]


def _appointments(tab) -> list[str]:
    titles = []
    for index in tab._walk():
        record = index.data(Qt.ItemDataRole.UserRole + 1)
        if record is not None and record.kind == "appointment":
            titles.append(index.data())
    return titles


def test_P5_status_filters_and_billable_view(tab):
    bar = tab.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("scheduled"))
    assert _projects(tab) == ["AB-1042 · Bad"] and _appointments(tab) == ["Fliesen"]
    bar.status.setCurrentIndex(bar.status.findData("unscheduled"))
    assert _appointments(tab) == ["Planen"]
    bar.billable.click()  # "Abrechenbar": finished and not invoiced
    assert bar.status.currentData() == "billable"
    assert _projects(tab) == ["AB-999 · Dach"] and _appointments(tab) == ["Rinne"]
    bar.billable.click()
    assert bar.status.currentData() is None and len(_projects(tab)) == 3


def test_P5_employee_and_date_range(tab):
    bar = tab.filter_bar
    bar.employee.setCurrentIndex(bar.employee.findData(tab.ids["anna"]))
    assert sorted(_appointments(tab)) == ["Rinne", "Spüle"]
    bar.first.setDate(date(2026, 3, 1))
    bar.last.setDate(date(2026, 3, 31))
    bar.use_range.setChecked(True)
    assert _appointments(tab) == ["Rinne"]
    bar.reset.click()
    assert len(_appointments(tab)) == 4
    assert not bar.filters().active and not Filters().active


def test_P5_a_search_finds_a_project_by_its_title_within_a_status_filter(tab):
    bar = tab.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("scheduled"))
    tab.search.setText("Bad")  # the project's title, not its appointment's
    assert _projects(tab) == ["AB-1042 · Bad"]
    tab.search.setText("Fliesen")
    assert _projects(tab) == ["AB-1042 · Bad"] and _appointments(tab) == ["Fliesen"]
    tab.search.setText("Dach")  # its appointment is done, not scheduled
    assert _projects(tab) == []
    tab.search.clear()
    bar.status.setCurrentIndex(0)
    assert len(_projects(tab)) == 3


def test_P5_a_search_without_a_filter_is_qts_own(tab):
    """The structured filter is between the tree and the search only while a filter is
    chosen: a keystroke in a big tree goes through one proxy, not two."""
    assert tab.proxy.sourceModel() is tab.model
    bar = tab.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("scheduled"))
    assert tab.proxy.sourceModel() is not tab.model
    bar.status.setCurrentIndex(0)
    assert tab.proxy.sourceModel() is tab.model


def _top(tab, title):
    for r in range(tab.proxy.rowCount()):
        index = tab.proxy.index(r, 0)
        if index.data() == title:
            return index
    raise AssertionError(title)


def test_turning_a_filter_on_keeps_the_selected_row_that_still_matches(tab):
    tab.view.setCurrentIndex(_top(tab, "AB-1042 · Bad"))  # its appointment is scheduled
    assert tab.selected_record().kind == "project" and tab.edit_button.isEnabled()
    bar = tab.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("scheduled"))
    assert [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())] == ["AB-1042 · Bad"]
    assert tab.selected_record() is not None, "selection lost although the row is still shown"


def test_buttons_follow_the_selection_after_a_filter_is_turned_on(tab):
    tab.view.setCurrentIndex(_top(tab, "AB-1042 · Bad"))
    bar = tab.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("scheduled"))
    assert tab.edit_button.isEnabled() == (tab.selected_record() is not None)
    assert tab.delete_button.isEnabled() == (tab.selected_record() is not None)


def test_buttons_follow_the_selection_after_alle_zeigen(tab):
    bar = tab.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("scheduled"))
    tab.view.setCurrentIndex(_top(tab, "AB-1042 · Bad"))
    assert tab.edit_button.isEnabled()
    bar.reset.click()  # "Alle zeigen": the row is still there
    assert tab.selected_record() is not None, "selection lost by Alle zeigen"
    assert tab.edit_button.isEnabled() == (tab.selected_record() is not None)


def test_abrechenbar_keeps_the_selected_invoiceable_project(tab, qtbot):
    dach = _top(tab, "AB-999 · Dach")  # a finished, not invoiced appointment
    tab.view.setCurrentIndex(dach)
    assert tab.invoice_button.isEnabled()
    tab.filter_bar.billable.click()
    assert [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())] == ["AB-999 · Dach"]
    assert tab.invoice_button.isEnabled() == (tab.selected_record() is not None), (
        "'Rechnung …' enabled while nothing is selected: a click does nothing"
    )


def test_a_search_keeps_the_selected_row_in_view(qtbot, database):
    for n in range(40):
        project = svc.create_project(f"Projekt {n}")
        job = Job.get(Job.project == project)
        for a in range(3):
            Appointment.create(job=job, title=f"Termin {n}.{a}")
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    tab.resize(900, 400)
    tab.show()
    qtbot.wait(20)
    last = tab.find_index("appointment", Appointment.get(Appointment.title == "Termin 0.2").id)
    tab.view.setCurrentIndex(last)  # the tree's last row
    tab.view.scrollTo(last)
    qtbot.wait(20)
    before = tab.view.verticalScrollBar().value()
    tab.search.setText("Termin")  # every appointment still matches: nothing moves
    qtbot.wait(20)
    current = tab.view.currentIndex()
    assert current.data() == "Termin 0.2"
    assert tab.view.viewport().rect().contains(tab.view.visualRect(current)), (
        f"the list jumped: scroll {before} -> {tab.view.verticalScrollBar().value()}"
    )


def test_planning_board_round_trip_keeps_the_filter(tab, qtbot):
    bar = tab.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("scheduled"))
    tab.views.show_board()
    tab.views._mark_list_stale()
    tab.views.show_list()  # reloads the list
    assert [tab.proxy.index(r, 0).data() for r in range(tab.proxy.rowCount())] == ["AB-1042 · Bad"]
    bar.reset.click()
    assert tab.proxy.rowCount() == 3


def test_P5_every_column_sorts_and_the_default_order_is_newest_project_first(tab):
    # Until a header is clicked: newest project first, appointments of a job by time.
    assert _projects(tab) == ["Küche", "AB-999 · Dach", "AB-1042 · Bad"]
    assert tab.view.header().sortIndicatorSection() == -1 or not tab.view.header().isSortIndicatorShown()
    svc.create_project("Neu")
    tab.reload()
    assert _projects(tab)[0] == "Neu"
    assert _appointments(tab)[:2] == ["Spüle", "Planen"]  # 02.02., then undated
    header = tab.view.header()
    for key in COLUMNS:
        header.setSortIndicator(COLUMNS.index(key), Qt.SortOrder.AscendingOrder)
        assert tab.proxy.sortColumn() == COLUMNS.index(key)
    # The title sorts by the title, not by the confirmation number in front of it.
    header.setSortIndicator(COLUMNS.index("title"), Qt.SortOrder.AscendingOrder)
    assert _projects(tab) == ["AB-1042 · Bad", "AB-999 · Dach", "Küche", "Neu"]
    header.setSortIndicator(COLUMNS.index("title"), Qt.SortOrder.DescendingOrder)
    assert _projects(tab) == ["Neu", "Küche", "AB-999 · Dach", "AB-1042 · Bad"]


def test_P5_ab_number_is_never_cut_off(tab, qtbot):
    tab.resize(1024, 640)
    tab.show()
    qtbot.waitExposed(tab)
    row = next(
        tab.proxy.index(r, 0) for r in range(tab.proxy.rowCount()) if "Bad" in tab.proxy.index(r, 0).data()
    )
    assert row.data().startswith("AB-1042")
    bold = tab.view.font()
    bold.setBold(True)
    from PySide6.QtGui import QFontMetrics

    # The number and its separator fit in the title column (indentation included).
    needed = QFontMetrics(bold).horizontalAdvance("AB-1042 · ") + 2 * tab.view.indentation()
    assert tab.view.columnWidth(COLUMNS.index("title")) > needed


def test_P5_sort_text_is_numeric_and_case_blind():
    assert sort_text("AB-999") < sort_text("AB-1042")
    assert sort_text("Bad 0,14") < sort_text("Bad 0,5") < sort_text("bad 2")
    assert sort_text("bad") == sort_text("Bad")
    assert sort_text(None) == "" and sort_text(datetime(2026, 3, 2)) < sort_text("~")


def test_P5_a_filter_that_hides_everything_says_so_without_an_empty_search(tab, qtbot):
    tab.show()
    bar = tab.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("problem"))
    assert tab.proxy.rowCount() == 0
    assert tab.empty_hint.text() == "Keine Treffer für die gewählten Filter."
    tab.search.setText("Bad")
    assert tab.empty_hint.text() == "Keine Treffer für „Bad“."


def test_P5_a_filter_by_an_employee_who_left_the_list_ends(tab):
    """An employee made inactive leaves the choice: the choice then says „Alle
    Mitarbeiter“, and the list shows everyone's appointments, not still theirs."""
    bar = tab.filter_bar
    bar.employee.setCurrentIndex(bar.employee.findData(tab.ids["anna"]))
    assert sorted(_appointments(tab)) == ["Rinne", "Spüle"]
    emp.edit_employee(tab.ids["anna"], active=False)
    tab.reload()  # any reload (an import, a change elsewhere)
    assert bar.employee.currentData() is None
    assert len(_appointments(tab)) == 4


def test_P5_an_employee_made_inactive_in_the_tabs_own_dialog_ends_the_filter(tab, monkeypatch):
    from craftdesk.ui.dialogs import employee_dialog

    bar = tab.filter_bar
    bar.employee.setCurrentIndex(bar.employee.findData(tab.ids["anna"]))
    assert sorted(_appointments(tab)) == ["Rinne", "Spüle"]

    def edit(dialog):  # „Mitarbeiter …“: Anna is made inactive, Eva joins
        emp.edit_employee(tab.ids["anna"], active=False)
        emp.add_employee("Eva Estrich")
        return 0

    monkeypatch.setattr(employee_dialog.EmployeeDialog, "exec", edit)
    tab.open_employees()
    assert bar.employee.currentData() is None
    assert len(_appointments(tab)) == 4
    assert bar.employee.findText("Eva Estrich") > 0


_days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
_facts = st.builds(
    RowFacts,
    status=st.sampled_from(["unscheduled", "scheduled", "in_progress", "problem", "done", "archived"]),
    invoiced=st.booleans(),
    assignee_ids=st.lists(st.integers(1, 30), unique=True, max_size=4).map(lambda ids: tuple(sorted(ids))),
    start=st.none() | st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31)),
    end=st.none() | st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 12, 31)),
)
_filters = st.builds(
    Filters,
    status=st.none() | st.sampled_from(STATUS_FILTERS),
    employee_id=st.none() | st.integers(1, 30),
    first=st.none() | _days,
    last=st.none() | _days,
)


@settings(max_examples=300, deadline=None)
@given(facts=_facts, filters=_filters, near=st.integers(-3, 3))
def test_P5_qts_filter_pattern_says_what_the_rules_say_of_any_appointment(facts, filters, near):
    """The filter runs in Qt (a pattern over each row's facts as text): it must accept
    exactly the appointments the rules accept, at the range's ends too."""
    if near and facts.start is not None and filters.first is not None:  # days around an end
        day = filters.first + timedelta(days=near)
        start = datetime(day.year, day.month, day.day, 7)
        end = start + timedelta(days=abs(near) - 1, hours=17) if near % 2 else facts.end
        facts = RowFacts(facts.status, facts.invoiced, facts.assignee_ids, start, end)
    pattern = QRegularExpression(filters.pattern())
    assert pattern.isValid(), pattern.errorString()
    assert pattern.match(facts_key(facts)).hasMatch() == filters.accepts(facts)


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (datetime(2026, 2, 27, 8), datetime(2026, 3, 3, 12), True),  # runs through the range
        (datetime(2026, 2, 27, 8), datetime(2026, 3, 1, 0, 0), False),  # ends at midnight before it
        (datetime(2026, 2, 28, 22), datetime(2026, 3, 1, 2), True),  # night shift into the first day
        (datetime(2026, 2, 28, 23), None, True),  # two hours by default: into the first day
        (datetime(2026, 3, 3, 0, 0), datetime(2026, 3, 4), False),  # starts after the last day
        (datetime(2026, 3, 2, 23, 0), datetime(2026, 3, 2, 23, 0), True),  # ends when it starts
        (datetime(2026, 2, 28, 22), datetime(2026, 3, 1, 0, 0, 30), False),  # seconds past midnight
    ],
)
def test_P5_the_date_range_shows_every_appointment_on_a_day_of_it(start, end, shown):
    # The board and the calendar export count any day an appointment covers; the list
    # looked at its first day only, so a job running from Friday into the week was missing.
    filters = Filters(first=date(2026, 3, 1), last=date(2026, 3, 2))
    facts = RowFacts("scheduled", False, (), start, end)
    assert filters.accepts(facts) is shown
    assert QRegularExpression(filters.pattern()).match(facts_key(facts)).hasMatch() is shown


def test_P5_a_range_that_ends_before_it_begins_holds_no_appointment():
    reversed_ = Filters(first=date(2026, 3, 10), last=date(2026, 3, 5))
    facts = RowFacts("scheduled", False, (), datetime(2026, 3, 4, 8), datetime(2026, 3, 12, 17))
    assert not reversed_.accepts(facts)
    assert not QRegularExpression(reversed_.pattern()).match(facts_key(facts)).hasMatch()


def test_P5_a_filter_asks_no_python_code_per_row(tab, qtbot, monkeypatch):
    """Qt filters the rows itself: choosing a filter in a big tree runs the filter's Python
    code a few times, not once per row (at 3,000 projects that held the window 55-240 ms)."""
    job = svc.first_job(svc.create_project("Viele Termine"))
    for n in range(120):
        svc.create_appointment(job.id, f"Termin {n}", start=datetime(2026, 3, 2 + n % 20, 8))
    tab.reload()
    calls: list[str] = []

    def count(frame, event, _arg):
        if event == "call" and frame.f_code.co_filename == project_filter.__file__:
            calls.append(frame.f_code.co_name)

    bar = tab.filter_bar
    sys.setprofile(count)
    try:
        bar.status.setCurrentIndex(bar.status.findData("scheduled"))
        bar.use_range.setChecked(True)
        bar.employee.setCurrentIndex(bar.employee.findData(tab.ids["anna"]))
    finally:
        sys.setprofile(None)
    assert len(calls) < 120, sorted(set(calls))  # fewer than one per row, over three changes
    assert _projects(tab) == []  # Anna has no appointment planned in this week


def test_P5_changing_a_chosen_filter_again_and_again_shows_what_the_rules_say(qtbot, database):
    """A filter changed while another is shown (the proxy is taken off and put back), with
    and without a search: the appointments shown are always those the rules accept."""
    import random

    from craftdesk.services.project_rows import load_project_nodes

    rnd = random.Random(7)
    people = [emp.add_employee(f"Person {n}").id for n in range(12)]  # ids 1, 11 and 12 too
    days = [None, datetime(2026, 3, 1, 0, 0), datetime(2026, 3, 31, 23, 59), datetime(2026, 4, 1, 8)]
    for p in range(8):
        job = svc.first_job(svc.create_project(f"Projekt {p}"))
        for a in range(4):
            made = svc.create_appointment(
                job.id,
                f"Termin {p}.{a}",
                start=rnd.choice(days),
                assignee_ids=rnd.sample(people, rnd.randint(0, 2)),
            )
            status = rnd.choice(["unscheduled", "scheduled", "in_progress", "problem", "done", "archived"])
            Appointment.update(status=status).where(Appointment.id == made.id).execute()
    tab = ProjectsTab(FakeController())
    qtbot.addWidget(tab)
    facts = [
        (a.id, RowFacts(a.status, a.invoiced, a.assignee_ids, a.start, a.end))
        for node in load_project_nodes()
        for a in node.appointments()
    ]
    bar = tab.filter_bar
    for step in range(60):
        if step == 30:
            tab.search.setText("Termin")  # every appointment is a hit of the search
        bar.status.setCurrentIndex(rnd.randrange(bar.status.count()))
        bar.employee.setCurrentIndex(rnd.randrange(bar.employee.count()))
        bar.first.setDate(rnd.choice([date(2026, 3, 1), date(2026, 3, 31), date(2026, 4, 1)]))
        bar.last.setDate(rnd.choice([date(2026, 3, 1), date(2026, 3, 31), date(2026, 4, 2)]))
        bar.use_range.setChecked(rnd.random() < 0.5)
        shown = {
            index.data(RecordRole).id for index in tab._walk() if index.data(RecordRole).kind == "appointment"
        }
        assert shown == {i for i, f in facts if bar.filters().accepts(f)}, (step, bar.filters())


def test_P5_the_columns_keep_their_widths_and_sort_through_filter_changes(tab, qtbot):
    tab.resize(1200, 500)
    tab.show()
    qtbot.waitExposed(tab)
    header = tab.view.header()
    header.resizeSection(COLUMNS.index("customer"), 333)  # as the user drew it
    tab.view.sortByColumn(COLUMNS.index("customer"), Qt.SortOrder.DescendingOrder)
    widths = [header.sectionSize(c) for c in range(header.count())]
    bar = tab.filter_bar
    bar.status.setCurrentIndex(bar.status.findData("scheduled"))  # a first filter
    bar.employee.setCurrentIndex(bar.employee.findData(tab.ids["max"]))  # changed while shown
    bar.use_range.setChecked(True)
    tab.search.setText("Bad")
    bar.status.setCurrentIndex(0)
    assert [header.sectionSize(c) for c in range(header.count())] == widths
    assert header.count() == len(COLUMNS) and header.sectionResizeMode(0) == header.ResizeMode.Stretch
    assert header.sortIndicatorSection() == tab.proxy.sortColumn() == COLUMNS.index("customer")
    assert tab.proxy.sortOrder() == Qt.SortOrder.DescendingOrder


def test_P5_alle_zeigen_filters_the_tree_once_and_not_at_all_when_nothing_is_chosen(tab, monkeypatch):
    bar = tab.filter_bar
    refilters: list[int] = []
    refilter = ProjectsTab._refilter
    monkeypatch.setattr(
        ProjectsTab, "_refilter", lambda self, change: (refilters.append(1), refilter(self, change))
    )
    bar.reset.click()
    assert refilters == []  # nothing chosen: nothing to do (and the folds stay)
    bar.status.setCurrentIndex(bar.status.findData("billable"))
    bar.employee.setCurrentIndex(bar.employee.findData(tab.ids["anna"]))
    bar.use_range.setChecked(True)
    refilters.clear()
    bar.reset.click()
    assert refilters == [1]
    assert not bar.filters().active and not bar.billable.isChecked() and not bar.first.isEnabled()
    assert len(_projects(tab)) == 3


def test_P5_a_date_changed_while_the_range_is_off_filters_nothing(tab, monkeypatch):
    refilters: list[int] = []
    refilter = ProjectsTab._refilter
    monkeypatch.setattr(
        ProjectsTab, "_refilter", lambda self, change: (refilters.append(1), refilter(self, change))
    )
    tab.filter_bar.first.setDate(tab.filter_bar.first.date().addDays(-30))
    assert refilters == []  # the same filters: the tree and the folds stay as they are
    tab.filter_bar.use_range.setChecked(True)
    assert refilters == [1]


def test_P5_the_range_pattern_matches_exactly_the_numbers_up_to_or_from_a_bound():
    import re

    from craftdesk.ui.project_filter import digits_past

    texts = [f"{n:03d}" for n in range(1000)]
    for bound in texts:
        up_to, from_ = re.compile(digits_past(bound, above=False)), re.compile(digits_past(bound, above=True))
        assert [t for t in texts if up_to.fullmatch(t)] == [t for t in texts if t <= bound]
        assert [t for t in texts if from_.fullmatch(t)] == [t for t in texts if t >= bound]
