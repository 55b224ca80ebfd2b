"""Team mode as use cases (T1, T3, T6, T7). Qt-free.

- :class:`ImportLeadership`: which workstation runs the recurring import (T3). The first
  workstation that asks takes a server lock and keeps it while it runs; the others learn
  its computer name and ask again on every tick, so they take over when it stops (the
  server frees the lock of a workstation that quit, crashed or lost its network).
- :func:`change_listener`: the server's change notifications (T6), mapped to the view
  names the GUI reloads ("customers", "articles", "projects", …) with the ids changed.
- :func:`database_setting` / :func:`save_database_setting`: the workstation's choice of
  database (the URL without password in a small file of the data folder; the password in
  the keyring, by the caller).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path

from .. import config
from ..store.advisory import AdvisoryLock, server_lock
from ..store.db import db
from ..store.engine import DatabaseUrlError as DatabaseUrlError  # for the command line
from ..store.engine import ServerUrl as ServerUrl
from ..store.engine import is_server
from ..store.engine import parse_server_url as parse_server_url
from ..store.notify import Change, ChangeListener

log = logging.getLogger(__name__)

# What the ids of a table's notification are (store.notify.NOTIFY_KEY): customers,
# articles, employees, projects, jobs or appointments — the names LiveChanges turns into
# the views' typed changes.
VIEW_OF_TABLE = {
    "customer": "customers",
    "address": "customers",
    "contact_info": "customers",
    "article": "articles",
    "employee": "employees",
    "project": "projects",
    "invoice_draft": "projects",
    "job": "jobs",
    "appointment": "appointments",
    "appointment_employee": "appointments",
    "planned_material": "appointments",
    "used_article": "appointments",
    "draft_appointment": "appointments",
    "sync_run": "runs",
    "setting": "settings",
}


def team_mode() -> bool:
    return is_server(db.obj)


class ImportLeadership:
    """Holds the scheduler's server lock while this workstation leads the recurring import."""

    def __init__(self, lock: AdvisoryLock) -> None:
        self._lock = lock
        self.elsewhere: str | None = None  # computer name of the leading workstation

    @property
    def leading(self) -> bool:
        return self._lock.held

    def claim(self) -> bool:
        """True when this workstation may run the recurring import now."""
        try:
            if self._lock.held and self._lock.still_held():
                self.elsewhere = None
                return True
            if self._lock.acquire(wait=0):
                log.info("This workstation now runs the recurring import")
                self.elsewhere = None
                return True
            self.elsewhere = self._lock.holder() or "?"
        except Exception as exc:
            log.info("Import leadership unknown: %s", exc.__class__.__name__)
            self.elsewhere = None
            return False
        return False

    def release(self) -> None:
        self._lock.release()


def import_leadership() -> ImportLeadership | None:
    """None on the SQLite file (one workstation: it always leads)."""
    lock = server_lock(db.obj, "scheduler")
    return ImportLeadership(lock) if lock is not None else None


def import_running_on() -> str | None:
    """The computer running an import into the server database right now (None: nobody, or
    the SQLite file)."""
    lock = server_lock(db.obj, "import")
    return lock.holder() if lock is not None else None


def change_listener(
    on_change: Callable[[str, list[int] | None], None], on_state: Callable[[bool], None]
) -> ChangeListener | None:
    """A started listener for the server's changes (None on SQLite). ``on_change(view, ids)``
    gets ``ids`` None when a statement touched too many rows to name them."""
    conninfo = getattr(db.obj, "conninfo", None)
    if conninfo is None:
        return None

    def forward(change: Change) -> None:
        view = VIEW_OF_TABLE.get(change.table)
        if view is None:
            return
        ids = None if change.ids is None else [int(i) for i in change.ids if i.isdigit()]
        on_change(view, ids)

    listener = ChangeListener(conninfo, forward, on_state)
    listener.start()
    return listener


# --- the workstation's database setting ---------------------------------------------------------


def database_setting(data_dir: Path) -> str | None:
    """The stored server URL (without password), None for the local file."""
    path = data_dir / config.SERVER_FILENAME
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    url = stored.get("url") if isinstance(stored, dict) else None
    return url if isinstance(url, str) and url else None


def save_database_setting(data_dir: Path, url: str | None) -> ServerUrl | None:
    """Store the server URL (the password is removed; the caller keeps it in the keyring);
    None or "" goes back to the local file. Takes effect at the next start."""
    path = data_dir / config.SERVER_FILENAME
    if not url or not url.strip():
        path.unlink(missing_ok=True)
        return None
    target = parse_server_url(url)  # DatabaseUrlError with one sentence
    path.write_text(json.dumps({"url": target.display}), encoding="utf-8")
    return target


__all__ = [
    "VIEW_OF_TABLE",
    "DatabaseUrlError",
    "ImportLeadership",
    "change_listener",
    "database_setting",
    "import_leadership",
    "import_running_on",
    "save_database_setting",
    "team_mode",
]
