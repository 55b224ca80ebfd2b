"""The appointment editor's worksheet: taking over the confirmation (SPEC V2, V3) and the
table and buttons that stay visible at small screen sizes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from craftdesk.services import projects
from craftdesk.services.worksheet import used_lines
from craftdesk.store.models import Appointment, Article, Customer, Job, PlannedMaterial, Project
from craftdesk.ui.dialogs.appointment_dialog import AppointmentDialog


@pytest.fixture
def planned(database):
    customer = Customer.create(company="Bäckerei Schröder")
    valve = Article.create(
        number="A-1001",
        name="Heizkörperventil DN15",
        unit="Stk",
        net_price=Decimal("26.00"),
        vat_rate=Decimal(19),
    )
    project = Project.create(title="Austausch Heizkörper Backstube", customer=customer)
    job = Job.create(project=project, title="Heizung")
    appointment = Appointment.create(job=job, title="Heizkörper tauschen", status="in_progress")
    PlannedMaterial.create(
        appointment=appointment,
        article=valve,
        quantity=Decimal(4),
        unit="Stk",
        net_price=Decimal("24.90"),
        vat_rate=Decimal(19),
        position=0,
    )
    PlannedMaterial.create(
        appointment=appointment,
        text="Entsorgung der Altheizkörper inkl. Demontage",
        quantity=Decimal(1),
        unit="pauschal",
        net_price=Decimal(120),
        vat_rate=Decimal(19),
        position=1,
    )
    return {"appointment": appointment, "valve": valve}


def _table(dialog: AppointmentDialog) -> list[tuple[str, str, str]]:
    return [
        (dialog.used.item(r, 1).text(), dialog.used.item(r, 2).text(), dialog.used.item(r, 4).text())
        for r in range(dialog.used.rowCount())
    ]


def test_V3_take_over_twice_never_doubles_in_the_dialog(qtbot, planned):
    dialog = AppointmentDialog(planned["appointment"].id)
    qtbot.addWidget(dialog)
    assert dialog.take_planned.isEnabled()
    dialog.take_planned.click()
    assert not dialog.take_planned.isEnabled()  # everything planned is on the worksheet
    dialog._take_planned()  # even a click that gets through adds nothing
    assert _table(dialog) == [
        ("Heizkörperventil DN15", "4", "24,90 €"),
        ("Entsorgung der Altheizkörper inkl. Demontage", "1", "120,00 €"),
    ]
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    dialog.hours.setText("6,5")
    dialog._save()
    saved = used_lines(planned["appointment"].id)
    assert [(l.article_id, l.text, l.quantity, l.net_price) for l in saved] == [
        (planned["valve"].id, "", Decimal(4), Decimal("24.90")),
        (None, "Entsorgung der Altheizkörper inkl. Demontage", Decimal(1), Decimal(120)),
    ]
    # Reopened: still taken over, nothing to add.
    again = AppointmentDialog(planned["appointment"].id)
    qtbot.addWidget(again)
    assert not again.take_planned.isEnabled()


def test_V3_hand_added_article_is_linked_not_doubled(qtbot, planned):
    dialog = AppointmentDialog(planned["appointment"].id)
    qtbot.addWidget(dialog)
    dialog.add_used_article(planned["valve"].id, Decimal(3))
    dialog.take_planned.click()
    assert _table(dialog)[0] == ("Heizkörperventil DN15", "3", "24,90 €")
    assert dialog.used.rowCount() == 2


@pytest.mark.parametrize("size", [(1280, 720), (1024, 700)])
def test_worksheet_buttons_never_cover_the_table(qtbot, planned, size):
    projects.set_planned_material(
        planned["appointment"].id,
        [projects.PlannedLine(text=f"Position {i}", quantity=Decimal(1), unit="Stk") for i in range(8)],
    )
    dialog = AppointmentDialog(planned["appointment"].id)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData("done"))
    dialog.show()
    dialog.resize(min(dialog.width(), size[0]), min(dialog.height(), size[1] - 40))
    dialog.take_planned.click()
    qtbot.wait(20)
    table = dialog.used.geometry()
    button = dialog.add_article.geometry()
    assert table.bottom() < button.top()  # no overlap
    assert dialog.height() <= size[1]

    # The newest line is scrolled into view.
    def last_visible() -> bool:
        last = dialog.used.visualItemRect(dialog.used.item(dialog.used.rowCount() - 1, 1))
        return dialog.used.viewport().rect().contains(last)

    qtbot.waitUntil(last_visible, timeout=2000)


def test_a_status_change_keeps_the_size_the_user_gave_the_dialog(qtbot, planned, monkeypatch):
    dialog = AppointmentDialog(planned["appointment"].id)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(dialog, "screen", lambda: None)  # the test screen is smaller than a real one
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.width() + 160, dialog.height() + 40)
    qtbot.wait(10)
    chosen = dialog.size()
    dialog.status.setCurrentIndex(dialog.status.findData("done"))  # the worksheet appears
    qtbot.wait(10)
    assert dialog.width() >= chosen.width() and dialog.height() >= chosen.height()
    dialog.status.setCurrentIndex(dialog.status.findData("scheduled"))
    qtbot.wait(10)
    assert dialog.width() >= chosen.width()  # it shrank back to its size hint before


def test_O8_tab_leaves_the_worksheet_table_for_notes_and_buttons(qtbot, planned):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    dialog = AppointmentDialog(planned["appointment"].id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.take_planned.click()
    assert dialog.used.rowCount() == 2
    dialog.used.setFocus()
    dialog.used.setCurrentCell(0, 2)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.used)
    reached = set()
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        reached.add(QApplication.focusWidget())
    assert dialog.notes in reached  # the notes and the buttons after them can be reached
