"""Notification rules (R2), independent of how they are shown.

- A failed background run is reported at most once per calendar day; the day of the last
  report is kept in the settings (``last_error_notice_day``), so a restart does not repeat it.
- A successful run reports what changed ("3 Kunden neu, 2 Artikel geändert"); nothing
  when nothing changed.
- A run the user started by hand explains its failure in a dialog instead (habit 5), and a
  cancelled run is no failure at all.
Both kinds respect the user's two notification settings. Texts go through Qt's translator
(QtCore only), the display is the tray's job.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication

from ..api.errors import CancelledError
from ..services import settings
from .messages import error_message


@dataclass(frozen=True)
class Notice:
    title: str
    text: str
    kind: str  # "error" | "success"


def _field(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _count(obj: Any, name: str) -> int:
    value = _field(obj, name)
    try:
        return int(value or 0)
    except (TypeError, ValueError):
        return 0


def change_counts(result: Any) -> dict[str, tuple[int, int, int]]:
    """collection → (created, updated, flagged) from an ImportResult (counts per collection)."""
    counts = _field(result, "collections")
    if counts is None:
        counts = _field(result, "counts")
    out: dict[str, tuple[int, int, int]] = {}
    if isinstance(counts, Mapping) and counts:
        for name, numbers in counts.items():
            out[str(name)] = (
                _count(numbers, "created"),
                _count(numbers, "updated"),
                _count(numbers, "flagged"),
            )
    elif result is not None:
        out["all"] = (_count(result, "created"), _count(result, "updated"), _count(result, "flagged"))
    return out


def describe_changes(result: Any) -> str:
    """ "3 Kunden neu, 2 Artikel geändert" — empty when nothing changed."""
    parts: list[str] = []
    for name, (created, updated, flagged) in change_counts(result).items():
        if name == "customers":
            parts.extend(_customer_changes(created, updated, flagged))
        elif name == "articles":
            parts.extend(_article_changes(created, updated, flagged))
        else:
            parts.extend(_entry_changes(created, updated))
    return ", ".join(parts)


translate = QCoreApplication.translate  # pyside6-lupdate finds these calls by this name too


def _customer_changes(created: int, updated: int, flagged: int) -> list[str]:
    return _counted(
        (created, translate("Notifications", "1 Kunde neu"), translate("Notifications", "{n} Kunden neu")),
        (
            updated,
            translate("Notifications", "1 Kunde geändert"),
            translate("Notifications", "{n} Kunden geändert"),
        ),
        (
            flagged,
            translate("Notifications", "1 Kunde in sevDesk gelöscht"),
            translate("Notifications", "{n} Kunden in sevDesk gelöscht"),
        ),
    )


def _article_changes(created: int, updated: int, flagged: int) -> list[str]:
    return _counted(
        (created, translate("Notifications", "1 Artikel neu"), translate("Notifications", "{n} Artikel neu")),
        (
            updated,
            translate("Notifications", "1 Artikel geändert"),
            translate("Notifications", "{n} Artikel geändert"),
        ),
        (
            flagged,
            translate("Notifications", "1 Artikel inaktiv"),
            translate("Notifications", "{n} Artikel inaktiv"),
        ),
    )


def _entry_changes(created: int, updated: int) -> list[str]:
    return _counted(
        (
            created,
            translate("Notifications", "1 Eintrag neu"),
            translate("Notifications", "{n} Einträge neu"),
        ),
        (
            updated,
            translate("Notifications", "1 Eintrag geändert"),
            translate("Notifications", "{n} Einträge geändert"),
        ),
    )


def _counted(*counts: tuple[int, str, str]) -> list[str]:
    """The texts of the counts that are not zero, singular or plural."""
    return [_plural(n, one, many) for n, one, many in counts if n]


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many.replace("{n}", str(n))


class NotificationPolicy:
    """Decides whether a finished run is worth a tray message; ``today`` is injectable."""

    def __init__(self, today: Callable[[], date] = date.today) -> None:
        self.today = today

    def on_failure(self, error: Exception, trigger: str) -> Notice | None:
        if isinstance(error, CancelledError) or trigger == "manual":
            return None
        if not settings.notify_errors():
            return None
        day = self.today().isoformat()
        if settings.last_error_notice_day() == day:
            return None
        settings.set_last_error_notice_day(day)
        reason = error_message(error) or QCoreApplication.translate("Notifications", "Unerwarteter Fehler.")
        return Notice(
            QCoreApplication.translate("Notifications", "Abgleich mit sevDesk fehlgeschlagen"),
            QCoreApplication.translate(
                "Notifications",
                "Der automatische Abgleich hat nicht geklappt: {reason} "
                "Heute erscheint dazu keine weitere Meldung.",
            ).replace("{reason}", reason),
            "error",
        )

    def on_success(self, result: Any, trigger: str) -> Notice | None:
        if not settings.notify_success():
            return None
        if trigger == "connect" and _field(result, "what") == "customers":
            return None  # the connect's articles run that follows reports both
        text = describe_changes(result)
        if not text:
            return None
        return Notice(
            QCoreApplication.translate("Notifications", "Daten aus sevDesk übernommen"), text, "success"
        )
