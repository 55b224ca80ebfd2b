"""Turning a failure of a background task into one German sentence for a dialog."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from ...errors import CraftdeskError
from ...services.errors import AuthError, CancelledError, SevdeskError
from ...sync.messages import localize

log = logging.getLogger(__name__)


def error_text(error: Exception) -> str:
    """The user-facing reason: the service's own German message, or a generic sentence
    (the details of unexpected errors go to the log, never into the dialog)."""
    if isinstance(error, CancelledError):
        return QCoreApplication.translate("Dialogs", "Der Vorgang wurde abgebrochen.")
    if isinstance(error, AuthError):
        return QCoreApplication.translate(
            "Dialogs",
            "sevDesk hat den Token abgelehnt. Bitte im Tab „Schnittstellen“ einen neuen Token speichern.",
        )
    if isinstance(error, (SevdeskError, CraftdeskError)):
        return localize(str(getattr(error, "message", "") or error))
    log.error("Unexpected error in a background task", exc_info=error)
    return QCoreApplication.translate("Dialogs", "Unerwarteter Fehler – Einzelheiten stehen im Protokoll.")
