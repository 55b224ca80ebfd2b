"""What the Kunden and Artikel tables say when they show no row: still reading, every row
hidden by the search or the checkbox, or nothing there yet (with links to act on it)."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from .empty_hint import connection_state_of, show_interfaces

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLineEdit

    from ..sync.contract import SyncControl
    from .background_rows import BackgroundRows
    from .empty_hint import EmptyHint
    from .record_proxy import RecordFilterProxy
    from .table_models import RecordTableModel


class EmptyTableMixin:
    """Mix into a record tab (:class:`record_tab.RecordTab`)."""

    controller: SyncControl
    proxy: RecordFilterProxy
    model: RecordTableModel
    search: QLineEdit
    empty_hint: EmptyHint
    _reader: BackgroundRows

    def empty_text(self, state: str) -> str:
        raise NotImplementedError

    def create_record(self) -> None:
        raise NotImplementedError

    def connection_state(self) -> str:
        """``importing`` | ``connected`` | ``disconnected`` for :meth:`empty_text`."""
        return connection_state_of(self.controller)

    def _update_empty_hint(self, *_args: object) -> None:
        if self.proxy.rowCount() > 0:
            self.empty_hint.show_text(None)
            return
        if self.model.total_count() > 0:  # the search or the checkbox hides every row
            search = self.search.text().strip()
            if search:
                text = QCoreApplication.translate("RecordTab", "Keine Treffer für „%1“.").replace(
                    "%1", html.escape(search)
                )
            else:
                text = QCoreApplication.translate(
                    "RecordTab",
                    "Alle Einträge sind ausgeblendet – setzen Sie oben das Häkchen, um sie anzuzeigen.",
                )
            self.empty_hint.show_text(text)
            return
        if self._reader.running:
            self.empty_hint.show_text(
                QCoreApplication.translate("RecordTab", "Die Einträge werden gelesen …")
            )
            return
        self.empty_hint.show_text(self.empty_text(self.connection_state()))

    def follow_link(self, target: str) -> None:
        """The action links of the empty-table note."""
        if target == "new":
            self.create_record()
        elif target == "interfaces" and isinstance(self, QWidget):
            show_interfaces(self)
