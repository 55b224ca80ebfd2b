"""A key on a widget that runs an action (Enter opens a row, Space ticks it), handled before
the widget's own key handling and without depending on the window being active."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QWidget


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


def row_ends(view: QAbstractItemView) -> tuple[KeyAction, KeyAction]:
    """Home and End go to a table's first and last row. Qt's table view moves to the first
    or last column, which a table selected by whole rows does not show: the keys seemed
    to do nothing (Ctrl+Home and Ctrl+End still do the same)."""

    def go(last: bool) -> None:
        model = view.model()
        if model is not None and model.rowCount() > 0:
            index = model.index(model.rowCount() - 1 if last else 0, max(view.currentIndex().column(), 0))
            view.setCurrentIndex(index)
            view.scrollTo(index)

    home = KeyAction(view, (Qt.Key.Key_Home,), lambda: go(False))
    return home, KeyAction(view, (Qt.Key.Key_End,), lambda: go(True))


# What brings the focus from the keyboard (not a click, a closed menu or the window).
KEYBOARD_FOCUS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)


class SelectOnFocus(QObject):
    """Tab (or a shortcut) into a list with no row selected selects its current row, else
    its first: the focus frame stood on a row that Enter, Bearbeiten and Löschen did not
    act on, and Home did not select it either (it was the current row already)."""

    def __init__(self, view: QAbstractItemView) -> None:
        super().__init__(view)
        self._view = view
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.FocusIn
            and isinstance(event, QFocusEvent)
            and event.reason() in KEYBOARD_FOCUS
        ):
            view = self._view
            model, selection = view.model(), view.selectionModel()
            if model is not None and selection is not None and not selection.hasSelection():
                index = view.currentIndex()
                if not index.isValid() and model.rowCount() > 0:
                    index = model.index(0, 0)
                if index.isValid():
                    view.setCurrentIndex(index)
        return False


class KeyboardMenu(QObject):
    """The menu key (or Shift+F10) on a list opens the menu of its current row: Qt gives the
    list's own coordinates for it, which a list with a header read as the row one header
    lower, so the menu acted on the next row (and could delete it). ``show`` gets the
    position in the viewport, as for a right click."""

    def __init__(self, view: QAbstractItemView, show: Callable[[QPoint], None]) -> None:
        super().__init__(view)
        self._view = view
        self._show = show
        view.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ContextMenu
            and isinstance(event, QContextMenuEvent)
            and event.reason() == QContextMenuEvent.Reason.Keyboard
        ):
            view = self._view
            index = view.currentIndex()
            rect = view.visualRect(index) if index.isValid() else view.viewport().rect()
            self._show(rect.center() if index.isValid() else rect.topLeft())
            return True
        return False


def chain_tab_order(*widgets: QWidget) -> None:
    """Tab moves through ``widgets`` in this order (Qt's default is the order of making)."""
    for first, second in itertools.pairwise(widgets):
        QWidget.setTabOrder(first, second)


def into_list(field: QWidget, view: QAbstractItemView) -> KeyAction:
    """The Down arrow or Enter in a search field goes into its list: the selected row when
    the search still shows it, else the first match. The keys did nothing, and a keyboard
    user had to Tab past the filters and buttons to reach what they had just found."""

    def go() -> None:
        model, selection = view.model(), view.selectionModel()
        if model is None or model.rowCount() == 0:
            return
        if selection is None or not selection.hasSelection():
            view.setCurrentIndex(model.index(0, 0))
        view.scrollTo(view.currentIndex())
        view.setFocus(Qt.FocusReason.OtherFocusReason)

    return KeyAction(field, (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter), go)
