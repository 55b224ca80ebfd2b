"""A damaged database at start: the newest backup is offered in place of it (K2).

Before, the window said that the database was damaged and ended; the user had to find the
command line or move the file away by hand to get the backup back.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from .. import config
from ..context import AppContext
from ..errors import CraftdeskError
from ..services import backups
from ..sync.messages import localize
from .i18n import record_counts

log = logging.getLogger(__name__)
T = TypeVar("T")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Recovery", text)


def offer_backup(ctx: AppContext, text: str) -> bool:
    """Say ``text`` (the damage, one sentence); with a readable backup, offer to restore the
    newest. True when the backup replaced the damaged file (start again), else False."""
    title = _tr("craftdesk – Fehler")
    found = None
    if ctx.database_url is None:
        found = backups.newest_usable_backup(ctx.data_dir / config.BACKUP_DIRNAME)
    if found is None:
        QMessageBox.critical(None, title, localize(text))
        return False
    path, info = found
    box = QMessageBox(QMessageBox.Icon.Critical, title, localize(text))
    restore = box.addButton(
        _tr("Sicherung vom %1 wiederherstellen").replace("%1", backups.backup_created(info)),
        QMessageBox.ButtonRole.AcceptRole,
    )
    quit_button = box.addButton(_tr("Beenden"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(quit_button)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        result = backups.replace_damaged(ctx.db_path, path)
    except CraftdeskError as exc:
        log.warning("Replacing the damaged database failed: %s", exc)
        QMessageBox.critical(None, title, localize(str(exc)))
        return False
    QMessageBox.information(
        None,
        _tr("craftdesk – Sicherung wiederhergestellt"),
        _tr(
            "Die Sicherung vom %1 ist wiederhergestellt (%2). "
            "Was danach eingegeben wurde, fehlt; die beschädigte Datenbank liegt in %3."
        )
        .replace("%1", backups.backup_created(info))
        .replace("%2", record_counts(info.customers, info.articles, info.projects))
        .replace("%3", str(result.safety_copy)),
    )
    return True


RETRY = "retry"
LOCAL = "local"


def offer_server_way_out(ctx: AppContext, text: str) -> str | None:
    """The team's database server cannot be used at start (T7: a NAS that boots after the
    computers, a wrong address or password): try again, work with this computer's own file
    for now (the address can then be corrected in Schnittstellen → Datenbank), or quit.
    RETRY, LOCAL or None."""
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("craftdesk – Datenbankserver"), localize(text))
    box.setInformativeText(
        _tr(
            "Die Datei dieses Rechners enthält nur, was vor dem Umzug auf den Server hier "
            "gespeichert war; Rechnungen, die seither angelegt wurden, kennt sie nicht."
        )
    )
    retry = box.addButton(_tr("Erneut versuchen"), QMessageBox.ButtonRole.AcceptRole)
    local = box.addButton(_tr("Mit der Datei dieses Rechners starten"), QMessageBox.ButtonRole.ActionRole)
    quit_button = box.addButton(_tr("Beenden"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked is retry:
        return RETRY
    if clicked is local:
        log.warning("Server %s not usable at start: working with the local file", ctx.database_label)
        return LOCAL
    return None


def start_or_say_why(ctx: AppContext, demo: bool, build: Callable[[], T]) -> T | None:
    """``build()`` (the app's objects), or None after a dialog saying why not. The windowed
    app has no console: a damaged, locked or full database is said in a dialog, with the
    same guarantees as the command line (file left untouched, a damaged one copied). For a
    damaged one the newest backup is offered; without the team's server the user may try
    again or start with this computer's file (T7) instead of being locked out."""
    from ..services.storage import storage_message, storage_problem

    while True:  # each repetition is the user's choice
        try:
            return build()
        except Exception as exc:
            kind = storage_problem(exc)
            if kind is None:
                raise
            log_path = config.log_dir(ctx.data_dir) / config.LOG_FILENAME
            text = storage_message(kind, exc, ctx.data_dir, log_path)
        if demo or kind not in ("corrupt", "server"):
            QMessageBox.critical(None, _tr("craftdesk – Fehler"), localize(text))
            return None
        _forget_database(ctx)  # a start that failed half-way may have opened it
        if kind == "corrupt":
            if not offer_backup(ctx, text):
                return None
            continue
        choice = offer_server_way_out(ctx, text)
        if choice is None:
            return None
        if choice == LOCAL:
            ctx.database_url = None  # for this start; the saved address stays to be corrected


def _forget_database(ctx: AppContext) -> None:
    """Close what the failed start opened, so the next attempt opens the database chosen
    then (this computer's file after the server failed) and not the one before."""
    from ..services.storage import close_quietly

    close_quietly()
    ctx._db_open = False
