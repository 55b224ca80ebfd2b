"""Team mode in the window: live changes of the other workstations (T6), the server's
reachability (T7) and the daily backup (K1).

:class:`LiveChanges` turns the server's change notifications (services.team, on a
listener thread) into the notifications the views already act on, on the GUI thread: for
the customer and article tables the controller's ``records_changed`` names the ids, and
only those rows are read; projects, jobs and appointments come as one typed
:class:`~craftdesk.services.changes.Change` naming them, so the project tree rebuilds only
those projects. A change too large to name its rows reloads that view. Notifications
arriving in a burst (an import on another workstation writes many statements) are merged
for a moment, so a view reads once. The import history and settings concern no view.
``server_state_changed(False)`` says the server is away: the window then shows the last
data, says so in one sentence and starts no job until the server is back.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

PER_RECORD_VIEWS = ("customers", "articles")  # tables that re-read single rows
TREE_VIEWS = ("projects", "jobs", "appointments")  # the project tree's rows (a typed Change)
WHOLE_VIEWS = {"employees": "projects"}  # no ids kept: the board and the filters read anew
MERGE_MS = 300  # well inside the two seconds of T6
BACKUP_CHECK_MS = 60 * 60 * 1000  # the app runs for weeks in the tray: check hourly


class LiveChanges(QObject):
    server_state_changed = Signal(bool)  # reachable
    _arrived = Signal(str, object)
    _state = Signal(bool)

    def __init__(self, controller: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.reachable = True
        self._pending: dict[str, set[int] | None] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(MERGE_MS)
        self._timer.timeout.connect(self._flush)
        self._arrived.connect(self._collect)  # queued: listener thread → GUI thread
        self._state.connect(self._on_state)
        self._listener: Any = None

    def start(self) -> bool:
        from ..services import team

        self._listener = team.change_listener(self._arrived.emit, self._state.emit)
        return self._listener is not None

    def stop(self) -> None:
        if self._listener is not None:
            self._listener.stop()
            self._listener = None

    def _collect(self, view: str, ids: Any) -> None:
        if view not in self._pending or ids is None:
            self._pending[view] = None if ids is None else set(ids)
        elif self._pending[view] is not None:
            self._pending[view].update(ids)  # type: ignore[union-attr]
        if not self._timer.isActive():
            self._timer.start()

    def _flush(self) -> None:
        from ..services.changes import Change, Scope

        pending, self._pending = self._pending, {}
        tree: dict[str, set[int]] = {}
        whole: set[str] = set()
        for view, ids in pending.items():
            if view in PER_RECORD_VIEWS and ids is not None:
                self.controller.records_changed.emit(view, sorted(ids))  # those rows only
            elif view in TREE_VIEWS and ids is not None:
                tree[view] = ids
            elif view in TREE_VIEWS or view in PER_RECORD_VIEWS:
                whole.add("projects" if view in TREE_VIEWS else view)
            elif view in WHOLE_VIEWS:
                whole.add(WHOLE_VIEWS[view])
        if "projects" in whole:
            tree = {}
        if tree:
            self.controller.data_changed.emit(
                Change.of(Scope.NONE, **{k: sorted(v) for k, v in tree.items()})
            )
        if whole:
            self.controller.data_changed.emit(",".join(sorted(whole)))

    def _on_state(self, reachable: bool) -> None:
        if reachable == self.reachable:
            return
        self.reachable = reachable
        log.info("Database server %s", "reachable again" if reachable else "not reachable")
        self.controller.set_server_away(not reachable)  # views turn read-only, or editable again
        self.server_state_changed.emit(reachable)
        if reachable:
            self.controller.data_changed.emit("all")  # what others changed meanwhile


class DailyBackup(QObject):
    """Makes the day's backup shortly after the start and then whenever a day has passed,
    on a helper thread (a server snapshot may take seconds). ``finished`` carries the new
    backup's path, or the reason (German words) why it could not be written."""

    finished = Signal(object)

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from .. import config

        self.folder = Path(data_dir) / config.BACKUP_DIRNAME
        self._running = threading.Lock()
        self._timer = QTimer(self)
        self._timer.setInterval(BACKUP_CHECK_MS)
        self._timer.timeout.connect(self.check)

    def start(self, first_ms: int = 30_000) -> None:
        self._timer.start()
        QTimer.singleShot(first_ms, self.check)

    def stop(self) -> None:
        self._timer.stop()

    def check(self) -> None:
        if not self._running.acquire(blocking=False):
            return
        threading.Thread(target=self._run, name="craftdesk-backup", daemon=True).start()

    def _run(self) -> None:
        from ..services import backups
        from ..services.storage import release_connection

        failures: list[str] = []
        try:
            made = backups.auto_backup(self.folder, failures=failures)
            if made is not None or failures:
                self.finished.emit(failures[0] if failures else made)  # queued to the window
        finally:
            try:
                release_connection()  # this thread's own connection
            except Exception as exc:
                log.debug("Closing the backup thread's connection: %s", exc)
            self._running.release()
