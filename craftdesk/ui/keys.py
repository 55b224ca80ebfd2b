"""A key on a widget that runs an action (Enter opens a row, Space ticks it), handled before
the widget's own key handling and without depending on the window being active."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget


class KeyAction(QObject):
    def __init__(self, widget: QWidget, keys: Sequence[Qt.Key], action: Callable[[], None]) -> None:
        super().__init__(widget)
        self._keys = {int(k.value) for k in keys}
        self._action = action
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in self._keys
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            self._action()
            return True
        return False
