"""Double bookings (SPEC P4) in one translated sentence each, for the planning board and the
appointment editor. Names and titles are data: the callers show the text as plain text."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..services.planning import Conflict, until_text


def conflict_sentence(conflict: Conflict) -> str:
    return (
        QCoreApplication.translate(
            "PlanningBoard", "Doppelbelegung: %1 ist am %2 von %3 bis %4 schon für „%5“ eingeplant."
        )
        .replace("%1", conflict.employee_name)
        .replace("%2", f"{conflict.other_start:%d.%m.%Y}")
        .replace("%3", f"{conflict.other_start:%H:%M}")
        .replace("%4", until_text(conflict.other_start, conflict.other_end))
        .replace("%5", conflict.other_title)
    )
