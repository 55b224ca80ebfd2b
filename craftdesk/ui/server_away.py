"""Read-only while the database server is away (T7).

When the team database cannot be reached, craftdesk keeps showing the last data but must
not let anybody type into a form that can no longer be saved. :class:`ServerAwayGuard`
listens to the controller's ``server_state_changed`` and, while the server is away:

- every open dialog (and every dialog opened meanwhile) shows the one sentence at its top;
  its text fields are read-only, its other inputs and the buttons that would write (save,
  delete, …) are greyed, while cancelling, closing and scrolling keep working;
- the widgets of the window that a tab marked with :func:`mark_editing` (new, edit,
  delete, import …) are greyed.

When the server is back everything returns to the state its own logic wants — a button a
tab enabled or disabled meanwhile ends up as the tab asked, not as it was before.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QBoxLayout,
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QScrollBar,
    QSizePolicy,
    QTextEdit,
    QWidget,
)

from .dialogs import common

EDITS_PROPERTY = "craftdeskEditsData"  # a window widget that writes (greyed while away)
SAFE_PROPERTY = "craftdeskReadOnlySafe"  # a dialog button that never writes (close, print)
BANNER_NAME = "ServerAwayBanner"

# Dialogs that only inform or pick: left alone (a write after them fails with the sentence).
_UNTOUCHED = (QMessageBox, QFileDialog, QProgressDialog, QColorDialog)
_PASSING = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)
_SAFE_ROLES = {
    QDialogButtonBox.ButtonRole.RejectRole,
    QDialogButtonBox.ButtonRole.NoRole,
    QDialogButtonBox.ButtonRole.HelpRole,
    QDialogButtonBox.ButtonRole.ResetRole,  # e.g. "take over the stored version": no write
}


def away_sentence() -> str:
    """The one sentence of T7."""
    return QCoreApplication.translate(
        "ServerAway",
        "Der Datenbankserver ist nicht erreichbar – craftdesk zeigt den letzten Stand, ändert "
        "nichts und verbindet sich von selbst neu.",
    )


def mark_editing(*widgets: QWidget) -> None:
    """Mark window widgets that change data: greyed while the server is away."""
    for widget in widgets:
        widget.setProperty(EDITS_PROPERTY, True)


def mark_safe(*widgets: QWidget) -> None:
    """Mark dialog buttons that never write (close, print): they stay usable."""
    for widget in widgets:
        widget.setProperty(SAFE_PROPERTY, True)


class ServerAwayGuard(QObject):
    def __init__(self, controller: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.away = False
        self._held: dict[QWidget, bool] = {}  # greyed widget → enabled as its own logic wants
        self._read_only: dict[QWidget, bool] = {}  # text field → its read-only state before
        self._triggers: dict[QAbstractItemView, Any] = {}
        self._banners: list[QLabel] = []
        self._guarded: list[QWidget] = []  # windows and dialogs already made read-only
        self._applying = False
        controller.server_state_changed.connect(self.set_reachable)
        if bool(getattr(controller, "server_away", False)):
            self.set_reachable(False)

    # --- switching ---------------------------------------------------------------------------

    def set_reachable(self, reachable: bool) -> None:
        if reachable != self.away:
            return
        self.away = not reachable
        app = QApplication.instance()
        if self.away:
            if app is not None:
                app.installEventFilter(self)  # dialogs opened meanwhile start read-only
            for window in QApplication.topLevelWidgets():
                if window.isVisible():
                    self._guard(window)
        else:
            if app is not None:
                app.removeEventFilter(self)
            self._release()

    def _guard(self, window: QWidget) -> None:
        if window in self._guarded or isinstance(window, _UNTOUCHED):
            return
        if window.windowType() in _PASSING:
            return
        if isinstance(window, QDialog):
            self._guard_dialog(window)
        else:
            for widget in window.findChildren(QWidget):
                if widget.property(EDITS_PROPERTY):
                    self._hold(widget)
        self._add_banner(window)
        self._guarded.append(window)

    def _guard_dialog(self, dialog: QDialog) -> None:
        for widget in dialog.findChildren(QWidget):
            if widget.objectName() == BANNER_NAME or isinstance(widget, QScrollBar):
                continue
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox)):
                self._read_only.setdefault(widget, widget.isReadOnly())
                widget.setReadOnly(True)
            elif isinstance(widget, QAbstractItemView):
                self._triggers.setdefault(widget, widget.editTriggers())
                widget.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            elif isinstance(widget, QAbstractButton):
                if not self._safe_button(widget):
                    self._hold(widget)
            elif isinstance(widget, (QComboBox, QAbstractSlider)):
                self._hold(widget)

    @staticmethod
    def _safe_button(button: QAbstractButton) -> bool:
        if button.property(SAFE_PROPERTY):
            return True
        box = button.parent()
        while box is not None and not isinstance(box, QDialogButtonBox):
            box = box.parent() if not isinstance(box, QDialog) else None
        return isinstance(box, QDialogButtonBox) and box.buttonRole(button) in _SAFE_ROLES

    def _hold(self, widget: QWidget) -> None:
        if widget in self._held:
            return
        self._held[widget] = not widget.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
        self._disable(widget)

    def _disable(self, widget: QWidget) -> None:
        if not shiboken6.isValid(widget):
            return
        self._applying = True
        try:
            widget.setEnabled(False)
        finally:
            self._applying = False

    def _add_banner(self, window: QWidget) -> None:
        banner = common.banner(away_sentence(), "warning", window)
        banner.setObjectName(BANNER_NAME)
        layout = window.layout()
        if not isinstance(window, (QDialog, QMainWindow)):
            banner.deleteLater()  # a tab on its own (tests): the window around it says it
            return
        if isinstance(window, QMainWindow):
            # One line in the status bar, never covered by a message (a wrapped label would
            # claim a tall bar in a wide window).
            banner.setWordWrap(False)
            banner.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            banner.setToolTip(banner.text())
            window.statusBar().addPermanentWidget(banner, 1)
        elif isinstance(layout, QFormLayout):
            layout.insertRow(0, banner)
        elif isinstance(layout, QBoxLayout):
            layout.insertWidget(0, banner)
        else:
            banner.deleteLater()
            return
        banner.show()  # a child added to a shown window stays hidden until told
        self._banners.append(banner)

    def _release(self) -> None:
        held, self._held = self._held, {}
        for widget, wanted in held.items():
            if shiboken6.isValid(widget):
                widget.setEnabled(wanted)
        read_only, self._read_only = self._read_only, {}
        for field, before in read_only.items():
            if shiboken6.isValid(field):
                field.setReadOnly(before)  # type: ignore[attr-defined]
        triggers, self._triggers = self._triggers, {}
        for view, before in triggers.items():
            if shiboken6.isValid(view):
                view.setEditTriggers(before)
        banners, self._banners = self._banners, []
        for banner in banners:
            if shiboken6.isValid(banner):
                banner.hide()
                banner.deleteLater()
        self._guarded = []

    # --- while away ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Show and isinstance(watched, QWidget):
            if watched.isWindow() and watched not in self._guarded:
                self._guard(watched)
            elif watched.property(EDITS_PROPERTY) and watched not in self._held:
                self._hold(watched)  # a tab built (or first shown) while the server is away
        elif kind == QEvent.Type.EnabledChange and not self._applying and watched in self._held:
            widget = watched
            assert isinstance(widget, QWidget)
            # The widget's own logic changed it: remember what it wants, keep it greyed.
            self._held[widget] = not widget.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)
            if widget.isEnabled():
                QTimer.singleShot(0, lambda: self._disable(widget) if self.away else None)
        return False
