"""The appointment editor's save after another workstation's (T5), see
``services.appointment_merge``: fields only one side changed are kept without a question;
only fields both changed are shown (stored value against the user's), and the user keeps
theirs or takes the stored one."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from ...errors import CraftdeskError, EditConflict
from ...services import appointment_merge, employees
from ...services import project_forms as forms
from ...services.project_forms import STATUS_CODES
from ...sync.messages import localize
from ..double_bookings import conflict_sentence
from ..project_tree import status_name
from ..style import format_decimal
from . import common, conflict_dialog

if TYPE_CHECKING:
    from .appointment_dialog import AppointmentDialog


def _tr(text: str) -> str:
    return QCoreApplication.translate("AppointmentDialog", text)


def labels() -> dict[str, str]:
    return {
        "title": _tr("Titel"),
        "start": _tr("Beginn"),
        "end": _tr("Ende"),
        "status": _tr("Status"),
        "notes": _tr("Notizen"),
        "hours": _tr("Stunden"),
        "assignee_ids": _tr("Mitarbeiter"),
        "observer_ids": _tr("Beobachter"),
        "used": _tr("Verwendete Artikel"),
    }


def shown(name: str, value: Any) -> str:
    """A value as the dialog shows it: a status by its name, a time as 01.12.2026 08:00,
    people by name, nothing as a dash."""
    if value is None or value == "" or (name in ("assignee_ids", "observer_ids", "used") and not value):
        return "–"
    if name == "status" and value in STATUS_CODES:
        return status_name(value)
    if isinstance(value, datetime):
        return value.strftime("%d.%m.%Y %H:%M")
    if isinstance(value, Decimal):
        return format_decimal(value)
    if name in ("assignee_ids", "observer_ids"):
        names = {e.id: e.name for e in employees.list_employees(include_inactive=True)}
        return ", ".join(sorted(names.get(i, str(i)) for i in value))
    if name == "used":
        return "; ".join(
            f"{format_decimal(line.quantity)} {line.name or line.text or line.number}".strip()
            if hasattr(line, "quantity")
            else f"{format_decimal(line[1])} × {line[0]}"
            for line in value
        )
    return str(value)


def resolve(dialog: AppointmentDialog, base: forms.AppointmentInput, data: forms.AppointmentInput) -> None:
    """After an EditConflict: merge, ask only about fields both sides changed, save."""
    assert dialog.appointment_id is not None
    result = appointment_merge.merge(base, data, dialog.appointment_id)
    to_save = result.data
    lost = [name for name in (*result.mine_only, *result.both) if name in ("status", "hours", "used")]
    if result.theirs.frozen and lost:  # invoiced meanwhile: its worksheet is what was billed
        common.warn(
            dialog,
            dialog.windowTitle(),
            _tr(
                "Der Termin wurde inzwischen an einem anderen Arbeitsplatz abgerechnet; Status, "
                "Stunden und Arbeitsbericht bleiben, wie sie berechnet wurden. Ihre übrigen "
                "Änderungen stehen noch im Dialog – bitte erneut speichern."
            ),
        )
        keep = [name for name in result.mine_only if name not in lost]
        dialog.refill(appointment_merge.view_with(result, keep), result.theirs)
        return
    if result.both:
        changes = [
            (
                name,
                shown(name, appointment_merge.stored(result.theirs, name)),
                shown(name, getattr(data, name)),
            )
            for name in result.both
        ]
        choice = conflict_dialog.ask(dialog, SimpleNamespace(changes=changes), labels())
        if choice == conflict_dialog.TAKE_THEIRS:  # shown to go on editing, saved with "Speichern"
            dialog.refill(appointment_merge.view_with(result, result.mine_only), result.theirs)
            return
        if choice != conflict_dialog.KEEP_MINE:
            return  # cancelled: the editor stays as it is
    if result.theirs_only and _new_double_bookings(dialog, result, to_save):
        return
    try:
        dialog.saved_id = forms.save_appointment(dialog.appointment_id, dialog.job_id, to_save)
    except EditConflict:  # saved elsewhere once more meanwhile: merged against that save
        resolve(dialog, appointment_merge.input_of(result.theirs), to_save)
        return
    except CraftdeskError as exc:
        common.warn(dialog, dialog.windowTitle(), localize(str(exc)))
        return
    if result.theirs_only:
        common.inform(
            dialog,
            dialog.windowTitle(),
            _tr(
                "Gespeichert. Am anderen Arbeitsplatz wurde inzwischen auch geändert: %1; das bleibt so."
            ).replace("%1", ", ".join(labels()[name] for name in result.theirs_only)),
        )
    dialog.accept()


def _new_double_bookings(
    dialog: AppointmentDialog, result: appointment_merge.Merge, to_save: forms.AppointmentInput
) -> bool:
    """The merged appointment is a combination nobody has seen: its double bookings (P4)
    are named in the dialog, which shows the combination, before it is saved (with the
    next "Speichern"). True when the save waits."""
    assert dialog.appointment_id is not None
    conflicts = forms.double_bookings(dialog.appointment_id, to_save)
    if not conflicts or "\n".join(conflict_sentence(c) for c in conflicts) == dialog.named_conflicts:
        return False
    dialog.refill(appointment_merge.view_with(result, (*result.mine_only, *result.both)), result.theirs)
    dialog.show_double_bookings(conflicts)
    return True
