"""Reload a tab on ``controller.data_changed`` — at once when visible, else when next shown.

Shared by the table tabs (:class:`~craftdesk.ui.record_tab.RecordTab`) and the project
tree, which otherwise would each carry the same two handlers.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent


class LazyReloadMixin:
    """Mix in before ``QWidget``; the class sets ``reload_on`` and implements ``reload()``."""

    #: The names of ``controller.data_changed`` that make this tab reload.
    reload_on: tuple[str, ...] = ("all",)
    _stale = False

    def _on_data_changed(self, what: str) -> None:
        if what not in self.reload_on and what != "all":
            return
        # A hidden tab (window in the tray, another tab in front) reloads when shown, so a
        # background import does not stall the GUI thread for a table nobody sees.
        if self.isVisible():  # type: ignore[attr-defined]
            self.reload()  # type: ignore[attr-defined]
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.reload()  # type: ignore[attr-defined]
        super().showEvent(event)  # type: ignore[misc]
