"""Errors of the service layer that are not sevDesk's (those live in api.errors)."""

from __future__ import annotations

from typing import Any


class CraftdeskError(Exception):
    """A failure with a one-sentence German message for the user."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(CraftdeskError):
    exit_code = 2


class PreconditionError(CraftdeskError):
    """Something must happen first (e.g. nothing to invoice, not connected)."""

    exit_code = 5


class NotFound(CraftdeskError):
    """A local record named by the user does not exist."""

    exit_code = 5


class EditConflict(PreconditionError):
    """Someone else (another workstation, the import) saved the record after the dialog
    opened it (T5). ``changes`` names each field that differs: (field, stored, mine)."""

    def __init__(self, changes: list[tuple[str, str, str]], current: Any) -> None:
        names = ", ".join(name for name, _, _ in changes) or "–"
        super().__init__(
            "Der Datensatz wurde inzwischen an einem anderen Arbeitsplatz "
            f"geändert ({names}); nichts wurde überschrieben."
        )
        self.changes = changes
        self.current = current  # the stored form, to show or to take over
