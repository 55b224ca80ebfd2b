"""A note shown over an empty table or tree: what is missing and what to do about it
("Noch keine Kunden – verbinden Sie sevDesk im Tab Schnittstellen …").

Its text may contain links whose targets name an action (``interfaces``, ``new``,
``import``); the owner connects :attr:`EmptyHint.linkActivated` and acts on them.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

from ..sync.contract import SyncControl


class EmptyHint(QLabel):
    """Centred over ``view``'s viewport; hidden while the view has rows to show."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view.viewport())
        self.setObjectName("EmptyHint")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.setOpenExternalLinks(False)
        self.setStyleSheet("color: #555555; padding: 24px;")
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)
        view.viewport().installEventFilter(self)
        self.hide()

    def show_text(self, text: str | None) -> None:
        """Show ``text`` (None or empty hides the note)."""
        if not text:
            self.hide()
            return
        self.setText(text)
        self._fit()
        self.show()
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def _fit(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        # The upper part of the viewport, with side margins so lines stay readable.
        rect = parent.rect()
        margin = max(20, rect.width() // 8)
        self.setGeometry(
            rect.left() + margin,
            rect.top() + 20,
            max(100, rect.width() - 2 * margin),
            max(60, min(rect.height() - 40, 200)),
        )


def link(target: str, text: str) -> str:
    """An action link for a hint text."""
    return f'<a href="{target}">{text}</a>'


def connection_state_of(controller: SyncControl) -> str:
    """How usable sevDesk is for an empty-table note."""
    if controller.is_busy() and controller.current_label().startswith("import"):
        return "importing"
    if not controller.can_sync():
        return "disconnected"
    return "connected"


def show_interfaces(widget: QWidget) -> None:
    """Bring the Schnittstellen tab to the front (from a link in another tab)."""
    window = widget.window()
    show = getattr(window, "show_interfaces", None)
    if callable(show):
        show()
