"""A damaged database at start: the newest backup is offered in place of it (K2).

Before, the window said that the database was damaged and ended; the user had to find the
command line or move the file away by hand to get the backup back.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox

from .. import config
from ..context import AppContext
from ..errors import CraftdeskError
from ..services import backups
from ..sync.messages import localize

log = logging.getLogger(__name__)


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
        QMessageBox.critical(None, title, text)
        return False
    path, info = found
    box = QMessageBox(QMessageBox.Icon.Critical, title, text)
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
            "Die Sicherung vom %1 ist wiederhergestellt (%2 Kunden, %3 Artikel, %4 Projekte). "
            "Was danach eingegeben wurde, fehlt; die beschädigte Datenbank liegt in %5."
        )
        .replace("%1", backups.backup_created(info))
        .replace("%2", str(info.customers))
        .replace("%3", str(info.articles))
        .replace("%4", str(info.projects))
        .replace("%5", str(result.safety_copy)),
    )
    return True
