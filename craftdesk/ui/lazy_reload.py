"""Show what a :class:`~craftdesk.services.changes.Change` concerns — at once when visible,
else when next shown.

Shared by the table tabs (:class:`~craftdesk.ui.record_tab.RecordTab`) and the project
tree. A change of nothing reloads nothing; a change that names its rows refreshes those
rows only (:meth:`refresh_rows`, when the tab can); anything else reloads the tab.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QShowEvent

from ..services.changes import Change, Scope


class LazyReloadMixin:
    """Mix in before ``QWidget``; the class sets ``scope`` and implements ``reload()``.

    ``row_scope``: the collection whose rows :meth:`refresh_rows` can update one by one.
    """

    scope: Scope = Scope.ALL
    row_scope: Scope = Scope.NONE
    #: Older spelling of ``scope`` (names); honoured when a class sets it and no scope.
    reload_on: tuple[str, ...] = ()
    _stale = False
    _pending_ids: set[int] | None = None  # rows to refresh when shown (hidden tab)

    def _on_data_changed(self, change: Any) -> None:
        change = Change.coerce(change)
        if not self.concerns(change):
            return
        ids = change.ids(self.row_scope) if self.row_scope else None
        precise = ids is not None and not (change.scope & self.scope & ~self.row_scope)
        # A hidden tab (window in the tray, another tab in front) catches up when shown, so
        # a background import does not stall the GUI thread for a table nobody sees.
        if not self.isVisible():  # type: ignore[attr-defined]
            if precise and not self._stale:
                self._pending_ids = (self._pending_ids or set()) | set(ids or ())
            else:
                self._stale, self._pending_ids = True, None
            return
        if precise:
            self.refresh_rows(set(ids or ()))
        else:
            self.reload()  # type: ignore[attr-defined]

    def concerns(self, change: Change) -> bool:
        """Whether this tab shows anything the change touched (subclasses may narrow)."""
        scope = self.scope
        if self.reload_on and "scope" not in type(self).__dict__:
            names = [n for n in self.reload_on if n != "all"]  # "all" changes concern everybody
            scope = Change.coerce(",".join(names)).scope if names else Scope.ALL
        return change.concerns(scope)

    def refresh_rows(self, ids: set[int]) -> None:
        """Show these rows anew (default: reload everything)."""
        self.reload()  # type: ignore[attr-defined]

    def reload_now(self) -> None:
        """Reload at once; what was noted for the next showing comes with it."""
        self._stale, self._pending_ids = False, None
        self.reload()  # type: ignore[attr-defined]

    def mark_stale(self) -> None:
        """Load when first shown (a tab built hidden does not load at start)."""
        self._stale, self._pending_ids = True, None

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale, self._pending_ids = False, None
            self.reload()  # type: ignore[attr-defined]
        elif self._pending_ids is not None:
            ids, self._pending_ids = self._pending_ids, None
            self.refresh_rows(ids)
        super().showEvent(event)  # type: ignore[misc]
