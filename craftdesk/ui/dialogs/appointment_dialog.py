"""The appointment editor: title, status, start/end, assigned employees and observers, and
the worksheet (hours, used articles, notes; see ``appointment_worksheet``). Setting
"Fertig" asks for the hours and the used articles (O8). Invoiced appointments are frozen:
their worksheet is read-only.

Saving is one service call (``project_forms.save_appointment``) that owns its transaction.
A save over another workstation's newer version keeps what only one side changed and asks
about the fields both changed (stored value against the user's; see appointment_conflict, T5); a
double booking is named in the dialog before it is saved, and saved when "Speichern" is
clicked again (P4).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import CraftdeskError, EditConflict
from ...services import appointment_merge, employees, planning, worksheet
from ...services import project_forms as forms
from ...services.project_forms import STATUS_CODES
from ...sync.messages import localize
from ..double_bookings import conflict_sentence
from ..project_tree import status_name
from ..qt_dates import from_datetime, to_datetime
from ..style import STATUS_COLORS
from . import appointment_conflict, common
from .appointment_worksheet import WorksheetBox
from .discard_guard import DiscardGuard

DATETIME_FORMAT = "dd.MM.yyyy HH:mm"


def _swatch(code: str) -> QIcon:
    """A small square in the status colour, so the combo matches the tree's colours."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(STATUS_COLORS.get(code, QColor("white")))
    return QIcon(pixmap)


class AppointmentDialog(DiscardGuard, QDialog):
    """Edit ``appointment_id``, or with None create a new appointment in ``job_id``."""

    def __init__(
        self, appointment_id: int | None, job_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.appointment_id = appointment_id
        self.saved_id: int | None = None
        view = forms.appointment_view(appointment_id) if appointment_id else None
        self.job_id = view.job_id if view is not None else job_id
        self.frozen = view is not None and view.frozen
        # The version shown (T5): a save after another workstation's is refused and says so.
        self._version: int | None = view.version if view is not None else None
        # The double bookings named last (P4): the same ones again do not hold the save back.
        self._named_conflicts = ""
        self.setWindowTitle(self.tr("Termin bearbeiten") if view else self.tr("Neuer Termin"))
        self.setMinimumWidth(940)

        layout = QVBoxLayout(self)
        self._build_banners(layout)
        layout.addLayout(self._build_head())
        body = QHBoxLayout()
        body.addLayout(self._build_people(), 1)
        layout.addLayout(body)
        self.worksheet = WorksheetBox(self)
        # The worksheet's widgets under their names on the dialog (scripts and tests use them).
        self.hours, self.used, self.notes = self.worksheet.hours, self.worksheet.used, self.worksheet.notes
        self.add_article, self.remove_article = self.worksheet.add_article, self.worksheet.remove_article
        self.take_planned, self.planned_label = self.worksheet.take_planned, self.worksheet.planned_label
        body.addWidget(self.worksheet, 3)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Speichern"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        # What the editor showed, as its input: a later save keeps what only others changed.
        self._loaded: forms.AppointmentInput | None = None
        if view is not None:
            self._fill(view)
            self._loaded = self._input(view.hours, self.used_lines() or [])
            self._show_conflicts(planning.conflicts_of(view.id), held_back=False)
        self.worksheet.set_frozen(self.frozen)
        if self.frozen:
            self.status.setEnabled(False)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.has_start.toggled.connect(self._start_toggled)
        self.has_end.toggled.connect(self._end_toggled)
        self._fit()

    def _build_banners(self, layout: QVBoxLayout) -> None:
        self.done_hint = common.banner(
            self.tr(
                "Für „Fertig“ tragen Sie bitte die geleisteten Stunden und die verwendeten Artikel "
                "ein – daraus entsteht die Rechnung."
            ),
            "warning",
            self,
        )
        self.done_hint.setVisible(False)
        layout.addWidget(self.done_hint)
        # P4: the double bookings, one sentence each; names and titles are data.
        self.conflicts = common.banner("", "warning", self)
        self.conflicts.setObjectName("DoubleBookings")
        self.conflicts.setTextFormat(Qt.TextFormat.PlainText)
        self.conflicts.setVisible(False)
        layout.addWidget(self.conflicts)
        if self.frozen:
            layout.addWidget(
                common.banner(
                    self.tr(
                        "Dieser Termin ist bereits abgerechnet. Status und Arbeitsblatt können nicht mehr "
                        "geändert werden."
                    ),
                    "info",
                    self,
                )
            )

    def _build_head(self) -> QFormLayout:
        self.title = QLineEdit(self)
        self.status = QComboBox(self)
        self.status.setMinimumWidth(220)
        for code in STATUS_CODES:
            self.status.addItem(_swatch(code), status_name(code), code)
        self.has_start = QCheckBox(self.tr("Beginn:"), self)
        self.start = QDateTimeEdit(self)
        self.has_end = QCheckBox(self.tr("Ende:"), self)
        self.end = QDateTimeEdit(self)
        now = QDateTime.currentDateTime()
        for check, edit, hour in ((self.has_start, self.start, 8), (self.has_end, self.end, 16)):
            edit.setDisplayFormat(DATETIME_FORMAT)
            edit.setCalendarPopup(True)
            edit.setDateTime(QDateTime(now.date(), QTime(hour, 0)))
            edit.setEnabled(False)
            check.toggled.connect(edit.setEnabled)
        times = QGridLayout()
        times.addWidget(self.has_start, 0, 0)
        times.addWidget(self.start, 0, 1)
        times.addWidget(self.has_end, 0, 2)
        times.addWidget(self.end, 0, 3)
        times.setColumnStretch(4, 1)

        head = QFormLayout()
        context = forms.job_context(self.job_id) if self.job_id is not None else ""
        context_label = QLabel(context, self)
        context_label.setTextFormat(Qt.TextFormat.PlainText)  # titles and names are data (H5)
        head.addRow(self.tr("Projekt:"), context_label)
        head.addRow(self.tr("Titel:"), self.title)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addStretch(1)
        head.addRow(self.tr("Status:"), status_row)
        head.addRow(self.tr("Zeit:"), times)
        return head

    def _build_people(self) -> QVBoxLayout:
        self.assignees = QListWidget(self)
        self.observers = QListWidget(self)
        for widget in (self.assignees, self.observers):
            widget.setMinimumWidth(230)
            for employee in employees.list_employees(include_inactive=False):
                item = QListWidgetItem(employee.name, widget)
                item.setData(Qt.ItemDataRole.UserRole, employee.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
        # People on the left, worksheet on the right: the dialog stays low enough for
        # small laptop screens.
        people = QVBoxLayout()
        for title, widget in (
            (self.tr("Zugewiesene Mitarbeiter"), self.assignees),
            (self.tr("Beobachter (werden informiert)"), self.observers),
        ):
            box = QGroupBox(title, self)
            QVBoxLayout(box).addWidget(widget)
            people.addWidget(box)
        if self.assignees.count() == 0:
            # Two empty lists say nothing: tell where employees come from.
            self.people_hint = common.banner(
                self.tr(
                    "Noch keine Mitarbeiter. Legen Sie sie im Tab „Projekte“ unter „Mitarbeiter …“ "
                    "an oder übernehmen Sie die sevDesk-Benutzer; dann können Sie sie hier zuweisen."
                ),
                "info",
                self,
            )
            self.people_hint.setObjectName("PeopleHint")
            people.insertWidget(0, self.people_hint)
            for widget in (self.assignees, self.observers):
                widget.setMaximumHeight(40)
        people.addStretch(1)
        return people

    def _fit(self) -> None:
        """As large as the content wants (wrapped texts included), within the screen; once
        shown, never smaller than the user made it (a status change shrank it back)."""
        hint = self.sizeHint()
        common.fit_to_screen(self, hint.expandedTo(self.size()) if self.isVisible() else hint)

    # --- filling -----------------------------------------------------------------------------

    def _fill(self, view: forms.AppointmentView) -> None:
        self.title.setText(view.title)
        self.status.setCurrentIndex(max(0, self.status.findData(view.status)))
        for check, edit, value in (
            (self.has_start, self.start, view.start),
            (self.has_end, self.end, view.end),
        ):
            check.setChecked(value is not None)
            if value is not None:
                edit.setDateTime(from_datetime(value))
        if view.start is not None and view.end is None:
            self.end.setDateTime(from_datetime(view.start).addSecs(2 * 3600))
        for widget, chosen in ((self.assignees, view.assignee_ids), (self.observers, view.observer_ids)):
            for row in range(widget.count()):
                item = widget.item(row)
                wanted = item.data(Qt.ItemDataRole.UserRole) in chosen
                item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        self.worksheet.fill(view.hours, view.used, view.planned)
        self.notes.setPlainText(view.notes)

    def _show_conflicts(self, conflicts: list[planning.Conflict], *, held_back: bool) -> None:
        """Name the double bookings (P4); ``held_back``: the save waits for a second click."""
        text = "\n".join(conflict_sentence(c) for c in conflicts)
        self._named_conflicts = text
        if held_back:
            text += "\n" + self.tr("Mit „Speichern“ wird der Termin trotzdem so gespeichert.")
        self.conflicts.setText(text)
        if self.conflicts.isHidden() == bool(text):
            self.conflicts.setVisible(bool(text))
            self._fit()

    # --- the worksheet (kept on the dialog for scripts and tests) ----------------------------

    def add_used_article(self, article_id: int, quantity: Decimal) -> None:
        self.worksheet.add_used_article(article_id, quantity)

    def used_lines(self) -> list[worksheet.UsedLine] | None:
        return self.worksheet.used_lines()

    def _take_planned(self) -> None:
        self.worksheet.take_over_planned()

    # --- actions -----------------------------------------------------------------------------

    def _status_changed(self) -> None:
        done = self.status.currentData() == "done"
        if self.done_hint.isHidden() == done:
            self.done_hint.setVisible(done)
            self._fit()  # make room for the note instead of squeezing the worksheet
        if done and not self.hours.text().strip():
            self.hours.setFocus()

    def _start_toggled(self, has_start: bool) -> None:
        # Giving an unscheduled appointment a start schedules it (and back), as users expect.
        current = self.status.currentData()
        if has_start and current == "unscheduled":
            self.status.setCurrentIndex(self.status.findData("scheduled"))
        elif not has_start and current == "scheduled":
            self.status.setCurrentIndex(self.status.findData("unscheduled"))

    def _end_toggled(self, has_end: bool) -> None:
        # A fresh end starts two hours after the start instead of at some unrelated day.
        if has_end and self.has_start.isChecked() and self.end.dateTime() <= self.start.dateTime():
            self.end.setDateTime(self.start.dateTime().addSecs(2 * 3600))

    # --- saving ------------------------------------------------------------------------------

    def _checked(self, widget: QListWidget) -> list[int]:
        return [
            int(widget.item(r).data(Qt.ItemDataRole.UserRole))
            for r in range(widget.count())
            if widget.item(r).checkState() == Qt.CheckState.Checked
        ]

    def _when(self, check: QCheckBox, edit: QDateTimeEdit) -> datetime | None:
        return to_datetime(edit.dateTime()) if check.isChecked() else None

    def _input(self, hours: Decimal | None, used: list[worksheet.UsedLine]) -> forms.AppointmentInput:
        return forms.AppointmentInput(
            title=self.title.text(),
            status=str(self.status.currentData()),
            start=self._when(self.has_start, self.start),
            end=self._when(self.has_end, self.end),
            notes=self.notes.toPlainText(),
            hours=hours,
            used=used,
            assignee_ids=self._checked(self.assignees),
            observer_ids=self._checked(self.observers),
            expected_version=self._version,
        )

    def _worksheet_ready(self, hours: Decimal | None, used: list[worksheet.UsedLine]) -> bool:
        """ "Fertig" needs the hours and asks once when no article is entered (O8)."""
        if self.status.currentData() != "done" or self.frozen:
            return True
        if hours is None:
            self.done_hint.setVisible(True)
            common.warn(
                self,
                self.windowTitle(),
                self.tr(
                    "Bitte tragen Sie die geleisteten Stunden ein, bevor der Termin auf „Fertig“ gesetzt wird."
                ),
            )
            self.hours.setFocus()
            return False
        return bool(used) or common.confirm(
            self,
            self.windowTitle(),
            self.tr("Es sind keine verwendeten Artikel eingetragen. Trotzdem auf „Fertig“ setzen?"),
        )

    def _save(self) -> None:
        hours = self.hours.value()
        if self.hours.text().strip() and hours is None:
            common.warn(self, self.windowTitle(), self.tr("Die Stundenzahl ist keine gültige Zahl."))
            return
        used = self.used_lines()
        if used is None or not self._worksheet_ready(hours, used):
            return
        data = self._input(hours, used)
        try:
            conflicts = forms.double_bookings(self.appointment_id, data)
            if conflicts and "\n".join(conflict_sentence(c) for c in conflicts) != self._named_conflicts:
                self._show_conflicts(conflicts, held_back=True)  # P4: named, then allowed
                return
            self.saved_id = forms.save_appointment(self.appointment_id, self.job_id, data)
        except EditConflict as conflict:  # saved elsewhere meanwhile (T5)
            self._resolve(conflict, data)
            return
        except CraftdeskError as exc:
            common.warn(self, self.windowTitle(), localize(str(exc)))
            return
        self.accept()

    # --- saved elsewhere meanwhile (T5) ----------------------------------------------------

    def _resolve(self, _conflict: EditConflict, data: forms.AppointmentInput) -> None:
        """What only one side changed is kept; only fields both changed are asked about."""
        assert self._loaded is not None  # an appointment that exists was loaded
        appointment_conflict.resolve(self, self._loaded, data)

    @property
    def named_conflicts(self) -> str:
        """The double bookings named last (P4): the same ones again do not hold a save back."""
        return self._named_conflicts

    def show_double_bookings(self, conflicts: list[planning.Conflict]) -> None:
        self._show_conflicts(conflicts, held_back=True)

    def refill(self, view: forms.AppointmentView, stored: forms.AppointmentView) -> None:
        """Show ``view`` and take ``stored`` as what the next save is compared with."""
        self._fill(view)
        self._version = stored.version
        self._loaded = appointment_merge.input_of(stored)
