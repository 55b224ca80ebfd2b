"""The appointment editor: title, status, start/end, assigned employees and observers, and
the worksheet (hours, used articles, notes). Setting "Fertig" asks for the hours and the
used articles (O8). Invoiced appointments are frozen: their worksheet is read-only.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QDateTime, Qt, QTime, QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import CraftdeskError
from ...services import employees, projects, worksheet
from ...services.project_forms import STATUS_CODES
from ...store.db import db
from ...sync.messages import localize
from ..project_tree import status_name
from ..style import STATUS_COLORS, format_decimal, format_money, parse_decimal_de
from . import common
from .article_picker import ArticlePickerDialog
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
        appointment = projects.get_appointment(appointment_id) if appointment_id else None
        self.job_id = appointment.job_id if appointment is not None else job_id
        self.frozen = appointment is not None and projects.is_invoiced(appointment)
        # The version shown (T5): a save after another workstation's is refused and says so.
        self._version: int | None = appointment.version if appointment is not None else None
        self.setWindowTitle(self.tr("Termin bearbeiten") if appointment else self.tr("Neuer Termin"))
        self.setMinimumWidth(940)

        layout = QVBoxLayout(self)
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

        # --- appointment -------------------------------------------------------------------
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
        head.addRow(self.tr("Projekt:"), QLabel(self._context_text(), self))
        head.addRow(self.tr("Titel:"), self.title)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status)
        status_row.addStretch(1)
        head.addRow(self.tr("Status:"), status_row)
        head.addRow(self.tr("Zeit:"), times)
        layout.addLayout(head)

        # --- people ------------------------------------------------------------------------
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
        body = QHBoxLayout()
        body.addLayout(people, 1)
        layout.addLayout(body)

        # --- planned material (read-only) and worksheet -------------------------------------
        self.planned_label = QLabel(self)
        self.planned_label.setWordWrap(True)
        self.planned_label.setTextFormat(Qt.TextFormat.PlainText)
        self.worksheet = QGroupBox(self.tr("Arbeitsblatt"), self)
        self.hours = common.DecimalEdit(self)
        self.hours.setPlaceholderText(self.tr("z. B. 3,5"))
        self.hours.setMaximumWidth(120)
        self.used = QTableWidget(0, 5, self)
        self.used.setHorizontalHeaderLabels(
            [
                self.tr("Nummer"),
                self.tr("Bezeichnung"),
                self.tr("Menge"),
                self.tr("Einheit"),
                self.tr("Preis netto"),
            ]
        )
        self.used.verticalHeader().setVisible(False)
        self.used.setWordWrap(False)  # rows of one height: the minimum below holds four
        self.used.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.used.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.used.setColumnWidth(0, 80)
        self.used.setColumnWidth(2, 70)
        self.used.setColumnWidth(3, 70)
        self.used.setColumnWidth(4, 90)
        # Room for four lines plus the header, so a new line is never hidden (it is also
        # scrolled into view when added).
        self.used.setMinimumHeight(
            self.used.horizontalHeader().sizeHint().height()
            + 4 * self.used.verticalHeader().defaultSectionSize()
            + 6
        )
        self.add_article = QPushButton(self.tr("Artikel hinzufügen …"), self)
        self.add_article.clicked.connect(self._pick_article)
        self.remove_article = QPushButton(self.tr("Entfernen"), self)
        self.remove_article.clicked.connect(self._remove_article)
        self.take_planned = QPushButton(self.tr("Geplantes Material übernehmen"), self)
        self.take_planned.setToolTip(
            self.tr(
                "Übernimmt die Positionen der Auftragsbestätigung mit ihren Preisen – nur, was noch "
                "nicht im Arbeitsblatt steht."
            )
        )
        self.take_planned.clicked.connect(self._take_planned)
        self.notes = QPlainTextEdit(self)
        self.notes.setMaximumHeight(70)
        # A grid rather than a form: the table row gets the stretch, so the button row below
        # it keeps its own space at every dialog height.
        sheet = QGridLayout(self.worksheet)
        sheet.addWidget(QLabel(self.tr("Geleistete Stunden:"), self), 0, 0)
        sheet.addWidget(self.hours, 0, 1, Qt.AlignmentFlag.AlignLeft)
        sheet.addWidget(QLabel(self.tr("Geplantes Material:"), self), 1, 0, Qt.AlignmentFlag.AlignTop)
        sheet.addWidget(self.planned_label, 1, 1)
        sheet.addWidget(QLabel(self.tr("Verwendete Artikel:"), self), 2, 0, Qt.AlignmentFlag.AlignTop)
        sheet.addWidget(self.used, 2, 1)
        article_buttons = QHBoxLayout()
        article_buttons.addWidget(self.add_article)
        article_buttons.addWidget(self.remove_article)
        article_buttons.addWidget(self.take_planned)
        article_buttons.addStretch(1)
        sheet.addLayout(article_buttons, 3, 1)
        sheet.addWidget(QLabel(self.tr("Notizen:"), self), 4, 0, Qt.AlignmentFlag.AlignTop)
        sheet.addWidget(self.notes, 4, 1)
        sheet.setRowStretch(2, 1)
        sheet.setColumnStretch(1, 1)
        body.addWidget(self.worksheet, 3)

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(self.tr("Speichern"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self._planned: list[worksheet.PlannedItem] = []
        if appointment is not None:
            self._fill(appointment)
        else:
            self.planned_label.setText(self.tr("keines"))
        self._update_take_planned()
        self.used.itemSelectionChanged.connect(self._update_remove)
        self._update_remove()
        if self.frozen:
            for widget in (
                self.status,
                self.hours,
                self.used,
                self.add_article,
                self.remove_article,
                self.take_planned,
            ):
                widget.setEnabled(False)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.has_start.toggled.connect(self._start_toggled)
        self.has_end.toggled.connect(self._end_toggled)
        self._fit()

    def _fit(self) -> None:
        """As large as the content wants (wrapped texts included), within the screen."""
        hint = self.sizeHint()
        screen = self.screen()
        if screen is not None:
            room = screen.availableGeometry()
            hint = hint.boundedTo(room.size() * 0.95)
        self.resize(hint.expandedTo(self.minimumSizeHint()))

    # --- filling -----------------------------------------------------------------------------

    def _context_text(self) -> str:
        """Project, customer and job site, so the editor says which work this is."""
        if self.job_id is None:
            return ""
        job = projects.get_job(self.job_id)
        project = job.project
        parts = [project.title]
        if project.customer_id is not None:
            parts.append(project.customer.display_name)
        site = projects.site_of(project)
        place = " ".join(p for p in (site.zip, site.city) if p)
        address = ", ".join(p for p in (site.street, place) if p)
        if address:
            parts.append(address)
        return " · ".join(parts)

    def _fill(self, appointment: object) -> None:
        a = appointment
        self.title.setText(a.title)
        self.status.setCurrentIndex(max(0, self.status.findData(a.status)))
        for check, edit, value in ((self.has_start, self.start, a.start), (self.has_end, self.end, a.end)):
            if value is not None:
                check.setChecked(True)
                edit.setDateTime(QDateTime(value))
        if a.start is not None and a.end is None:
            self.end.setDateTime(QDateTime(a.start).addSecs(2 * 3600))
        for widget, role in ((self.assignees, "assignee"), (self.observers, "observer")):
            chosen = {e.id for e in projects.people_of(a, role)}
            for row in range(widget.count()):
                item = widget.item(row)
                if item.data(Qt.ItemDataRole.UserRole) in chosen:
                    item.setCheckState(Qt.CheckState.Checked)
        self.hours.set_value(a.hours)
        for line in worksheet.used_lines(a.id):
            self._append_row(line)
        self.notes.setPlainText(a.notes)
        self._planned = worksheet.planned_items(a.id)
        planned_texts = []
        for item in self._planned:
            parts = (format_decimal(item.quantity), item.unit, item.name)
            planned_texts.append(" ".join(p for p in parts if p))
        self.planned_label.setText("; ".join(planned_texts) or self.tr("keines"))

    def _append_row(self, line: worksheet.UsedLine) -> None:
        row = self.used.rowCount()
        self.used.insertRow(row)
        price = line.shown_price
        texts = (
            line.number,
            line.name,
            format_decimal(line.quantity),
            line.shown_unit,
            format_money(price) if price is not None else "",
        )
        for col, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if col != 2:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if col == 1:
                item.setToolTip(text)  # the whole text of an elided line
            if col in (2, 4):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.used.setItem(row, col, item)
        self.used.item(row, 0).setData(Qt.ItemDataRole.UserRole, line)
        self.used.scrollToItem(self.used.item(row, 0))

    def _row_line(self, row: int) -> worksheet.UsedLine:
        return self.used.item(row, 0).data(Qt.ItemDataRole.UserRole)

    def _add_used_row(self, line: worksheet.UsedLine) -> None:
        """A hand-picked article: the same article (not from the plan) twice adds up, like
        the service does."""
        for row in range(self.used.rowCount()):
            old = self._row_line(row)
            if (
                line.article_id is not None
                and old.article_id == line.article_id
                and old.planned_id is None
                and old.net_price is None
            ):
                current = parse_decimal_de(self.used.item(row, 2).text()) or Decimal(0)
                self.used.item(row, 2).setText(format_decimal(current + line.quantity))
                self.used.scrollToItem(self.used.item(row, 0))
                return
        self._append_row(line)

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

    def _pick_article(self) -> None:
        picker = ArticlePickerDialog(self)
        if picker.exec() and picker.chosen is not None:
            row, quantity = picker.chosen
            self._add_used_row(worksheet.article_line(row.id, quantity))
            self._update_take_planned()

    def add_used_article(self, article_id: int, quantity: Decimal) -> None:
        """Add a used article (what the picker does; also handy for tests and scripts)."""
        self._add_used_row(worksheet.article_line(article_id, quantity))
        self._update_take_planned()

    def _remove_article(self) -> None:
        for index in sorted({i.row() for i in self.used.selectedIndexes()}, reverse=True):
            self.used.removeRow(index)
        self._update_remove()
        self._update_take_planned()

    def _update_remove(self) -> None:
        """ "Entfernen" works on the selected used articles only."""
        self.remove_article.setEnabled(not self.frozen and bool(self.used.selectedIndexes()))

    def _table_lines(self) -> list[worksheet.UsedLine]:
        """The table's lines with the quantities as typed (unreadable ones kept as they were)."""
        lines = []
        for row in range(self.used.rowCount()):
            line = self._row_line(row)
            quantity = parse_decimal_de(self.used.item(row, 2).text())
            lines.append(replace(line, quantity=quantity) if quantity else line)
        return lines

    def _update_take_planned(self) -> None:
        """Enabled only while some planned line is not on the worksheet yet (V3)."""
        current = self._table_lines()
        missing = worksheet.take_over(self._planned, current) != current
        self.take_planned.setEnabled(missing and not self.frozen)

    def _take_planned(self) -> None:
        """Take over what is not yet on the worksheet — never twice (V3)."""
        current = self._table_lines()
        result = worksheet.take_over(self._planned, current)
        for row, line in enumerate(result[: len(current)]):
            self.used.item(row, 0).setData(Qt.ItemDataRole.UserRole, line)
            price = line.shown_price
            self.used.item(row, 4).setText(format_money(price) if price is not None else "")
        for line in result[len(current) :]:
            self._append_row(line)
        self._update_take_planned()
        # Once the table has its final size (a scroll bar may just have appeared), the last
        # new line is brought into view again.
        QTimer.singleShot(0, self.used, self.used.scrollToBottom)

    def used_lines(self) -> list[worksheet.UsedLine] | None:
        """The worksheet lines of the table; None (after a warning) when a quantity is
        unreadable."""
        lines = []
        for row in range(self.used.rowCount()):
            quantity = parse_decimal_de(self.used.item(row, 2).text())
            if quantity is None or quantity <= 0:
                common.warn(
                    self,
                    self.windowTitle(),
                    self.tr("Die Menge von „%1“ ist keine Zahl größer als 0.").replace(
                        "%1", self.used.item(row, 1).text()
                    ),
                )
                return None
            lines.append(replace(self._row_line(row), quantity=quantity))
        return lines

    def _checked(self, widget: QListWidget) -> list[int]:
        return [
            widget.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(widget.count())
            if widget.item(r).checkState() == Qt.CheckState.Checked
        ]

    def _when(self, check: QCheckBox, edit: QDateTimeEdit) -> datetime | None:
        return edit.dateTime().toPython() if check.isChecked() else None

    def _save(self) -> None:
        status = self.status.currentData()
        hours = self.hours.value()
        if self.hours.text().strip() and hours is None:
            common.warn(self, self.windowTitle(), self.tr("Die Stundenzahl ist keine gültige Zahl."))
            return
        used = self.used_lines()
        if used is None:
            return
        if status == "done" and not self.frozen:
            if hours is None:
                self.done_hint.setVisible(True)
                common.warn(
                    self,
                    self.windowTitle(),
                    self.tr(
                        "Bitte tragen Sie die geleisteten Stunden ein, bevor der Termin auf „Fertig“ "
                        "gesetzt wird."
                    ),
                )
                self.hours.setFocus()
                return
            if not used and not common.confirm(
                self,
                self.windowTitle(),
                self.tr("Es sind keine verwendeten Artikel eingetragen. Trotzdem auf „Fertig“ setzen?"),
            ):
                return
        try:
            self.saved_id = self._write(status, hours, used)
        except CraftdeskError as exc:
            common.warn(self, self.windowTitle(), localize(str(exc)))
            return
        self.accept()

    def _write(self, status: str, hours: Decimal | None, used: list[worksheet.UsedLine]) -> int:
        start = self._when(self.has_start, self.start)
        end = self._when(self.has_end, self.end)
        assignees, observers = self._checked(self.assignees), self._checked(self.observers)
        notes = self.notes.toPlainText()
        plain_status = "in_progress" if status == "done" else status
        with db.atomic():  # all or nothing: a refused worksheet undoes the other changes
            if self.appointment_id is None:
                appointment = projects.create_appointment(
                    self.job_id,
                    self.title.text(),
                    start=start,
                    end=end,
                    status=plain_status,
                    assignee_ids=assignees,
                    observer_ids=observers,
                    notes=notes,
                )
            else:
                appointment = projects.edit_appointment(
                    self.appointment_id,
                    title=self.title.text(),
                    start=start,
                    end=end,
                    status=None if self.frozen else plain_status,
                    notes=notes,
                    expected_version=self._version,
                )
                projects.set_appointment_people(appointment.id, "assignee", assignees)
                projects.set_appointment_people(appointment.id, "observer", observers)
            if not self.frozen:
                if status == "done":
                    projects.set_appointment_done(appointment.id, hours, used)
                else:
                    projects.set_worksheet(appointment.id, hours=hours, used=used)
            return int(appointment.id)
