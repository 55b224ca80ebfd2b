"""The main window: four tabs (Schnittstellen, Kunden, Artikel, Projekte), a status bar,
close-to-tray, and the two dialogs the shell owns (S3 token prompt, manual-run failure).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeySequence, QPaintEvent, QScreen, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from ..services.errors import CancelledError
from ..sync.contract import SyncControl
from ..sync.messages import localize
from .interfaces_tab import InterfacesTab
from .plain import plain, plain_tooltip
from .projects_tab import ProjectsTab
from .style import ERROR_COLOR

if TYPE_CHECKING:
    from .articles_tab import ArticlesTab
    from .customers_tab import CustomersTab
    from .tray import TrayIcon

log = logging.getLogger(__name__)


CUSTOMERS_TAB = 1
ARTICLES_TAB = 2
PROJECTS_TAB = 3


class MainWindow(QMainWindow):
    """Holds the tabs; knows the tray only to decide what closing the window means."""

    first_shown = Signal()

    def __init__(self, controller: SyncControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.tray: TrayIcon | None = None
        self.quitting = False
        self.last_dialog: QMessageBox | None = None
        self._hint_shown = False
        self._first_shown = False
        self._deferred_pending = False
        self.setObjectName("MainWindow")
        title = self.window_title()
        # Qt (X11/Wayland) appends the application display name to every window title
        # ("craftdesk – Demo — craftdesk"); with the title as display name it is shown once,
        # and dialogs read "… — craftdesk – Demo" in the demo.
        QGuiApplication.setApplicationDisplayName(title)
        self.setWindowTitle(title)
        self.resize(*default_size(self.screen()))
        self.setMinimumSize(800, 520)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("MainTabs")
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self.interfaces_tab = InterfacesTab(controller, self)
        self.tab_widgets: list[QWidget] = [
            self.interfaces_tab,
            # Kunden and Artikel are built right after the first paint (or when asked for):
            # their modules and widgets are not needed to show the window. Data tabs load
            # when first shown, so the window paints without reading any table.
            QWidget(self),
            QWidget(self),
            ProjectsTab(controller, self, lazy=True),
        ]
        self._deferred = {CUSTOMERS_TAB, ARTICLES_TAB}  # placeholders still in the tab widget
        self._imported: set[int] = set()  # deferred tabs whose module is imported
        self._titles = (self.tr("Schnittstellen"), self.tr("Kunden"), self.tr("Artikel"), self.tr("Projekte"))
        for widget, title in zip(self.tab_widgets, self._titles, strict=True):
            self.tabs.addTab(widget, title)
        self.tabs.currentChanged.connect(self.tab)  # a placeholder clicked early: build it now
        self._install_shortcuts()

        self.statusBar().setObjectName("StatusBar")
        self._state_label = QLabel(self)
        self.statusBar().addPermanentWidget(self._state_label)
        controller.connection_state_changed.connect(self._show_state)
        controller.busy_changed.connect(self._show_busy)
        controller.import_failed.connect(self._on_import_failed)
        controller.auth_lost.connect(self._on_auth_lost)
        self._show_state(controller.connection_state())
        self.tabs.setCurrentIndex(self.start_tab())

    # -- tabs ----------------------------------------------------------------------------
    def tab(self, index: int) -> QWidget:
        if index in self._deferred:
            self._build_tab(index)
        return self.tab_widgets[index]

    def _install_shortcuts(self) -> None:
        """Ctrl+1 … Ctrl+4 choose a tab (named in its tooltip), Ctrl+F goes to the tab's
        search, Ctrl+N makes a new record of the tab, F5 imports from sevDesk now."""
        self._tips: list[str] = []
        for index in range(len(self._titles)):
            keys = QKeySequence(f"Ctrl+{index + 1}")
            QShortcut(keys, self, lambda index=index: self.tabs.setCurrentIndex(index))
            native = keys.toString(QKeySequence.SequenceFormat.NativeText)
            self._tips.append(f"{self._titles[index]} ({native})")
            self.tabs.setTabToolTip(index, self._tips[index])
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self.focus_search)
        QShortcut(QKeySequence(QKeySequence.StandardKey.New), self, self.new_record)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, lambda: self.interfaces_tab.sync_now())

    def focus_search(self) -> None:
        search = getattr(self.tab(self.tabs.currentIndex()), "search", None)
        if search is not None:
            search.setFocus(Qt.FocusReason.ShortcutFocusReason)
            search.selectAll()

    def new_record(self) -> None:
        """What the tab's own "Neu" button does, when it may (not while the server is away)."""
        tab = self.tab(self.tabs.currentIndex())
        button = getattr(tab, "new_button", None) or getattr(tab, "new_project_button", None)
        if button is not None and button.isEnabled() and button.isVisible():
            button.click()

    def _build_tab(self, index: int) -> None:
        kind = _tab_class(index)
        widget = kind(self.controller, self, lazy=True)
        self._deferred.discard(index)
        placeholder, self.tab_widgets[index] = self.tab_widgets[index], widget
        in_front = self.tabs.currentIndex() == index  # its tab was clicked: shown (and loaded) now
        blocked = self.tabs.blockSignals(True)  # the same tab stays in front: nothing to tell
        try:
            self.tabs.insertTab(index, widget, self._titles[index])  # before the placeholder
            self.tabs.setTabToolTip(index, self._tips[index])
            if in_front:
                self.tabs.setCurrentIndex(index)
            self.tabs.removeTab(index + 1)
        finally:
            self.tabs.blockSignals(blocked)
        placeholder.deleteLater()

    def _build_deferred_tabs(self) -> None:
        """One step per turn of the event loop: a tab's module is imported in one turn and
        the tab built in the next, so the window never stands still for all of it at once
        (SPEC §9: ≤ 50 ms; the two tabs in one turn held it 55 ms and more)."""
        if not self._deferred:
            return
        index = min(self._deferred)
        if index in self._imported:
            self._build_tab(index)
        else:
            _tab_class(index)
            self._imported.add(index)
        if self._deferred:
            QTimer.singleShot(0, self._build_deferred_tabs)

    def show_interfaces(self) -> None:
        self.tabs.setCurrentIndex(0)

    def start_tab(self) -> int:
        """Where the window opens: Schnittstellen until sevDesk works (first start, token
        rejected, demo with its explanation), then Projekte, the daily work."""
        if self.controller.connection_state() == "connected":
            return PROJECTS_TAB
        return 0

    # -- title and status ----------------------------------------------------------------
    def window_title(self) -> str:
        if self.controller.ctx.demo:
            return self.tr("craftdesk – Demo")
        return "craftdesk"

    def _show_state(self, state: str) -> None:
        texts = {
            "connected": self.tr("Mit sevDesk verbunden"),
            "demo": self.tr("Mit dem Demo-sevDesk verbunden"),
            "broken": self.tr("sevDesk-Verbindung unterbrochen – neuer Token nötig"),
            "disconnected": self.tr("Nicht mit sevDesk verbunden"),
        }
        text = texts.get(state, "")
        problem = self.controller.reach_problem
        if state in ("connected", "demo") and problem:
            # Connected means "token accepted", not "sevDesk answers": say what happened.
            text = self.tr("sevDesk nicht erreichbar – letzte Anfrage fehlgeschlagen")
        self._state_label.setText(text)
        self._state_label.setToolTip((plain_tooltip(localize(problem)) or "") if problem else "")
        self._state_label.setStyleSheet(
            f"color: {ERROR_COLOR.name()};" if state == "broken" or problem else ""
        )

    def _show_busy(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(self.tr("Abgleich mit sevDesk läuft …"))
        else:
            self.statusBar().clearMessage()

    # -- dialogs -------------------------------------------------------------------------
    def bring_to_front(self) -> None:
        """Show and raise the window (tray "Öffnen", second start)."""
        if self.isMinimized():
            self.showNormal()
        else:
            self.show()
        self.raise_()
        self.activateWindow()

    def _on_import_failed(self, error: Exception, trigger: str) -> None:
        # Habit 5: a run the user asked for explains itself; background runs stay quiet.
        if trigger != "manual" or isinstance(error, CancelledError):
            return
        from ..services.errors import AuthError

        if isinstance(error, AuthError):
            return  # the S3 prompt says it already
        box = self.show_message(
            self.tr("Abgleich fehlgeschlagen"), self.tr("Der Abgleich mit sevDesk ist fehlgeschlagen.")
        )
        box.setInformativeText(
            _reason(error)
            + " "
            + self.tr("Was vorher schon übernommen war, bleibt erhalten; der nächste Abgleich holt den Rest.")
        )

    def _on_auth_lost(self, message: str) -> None:
        self.bring_to_front()
        self.show_interfaces()
        self.interfaces_tab.prompt_new_token(message)

    def show_message(
        self, title: str, text: str, icon: QMessageBox.Icon = QMessageBox.Icon.Warning
    ) -> QMessageBox:
        """A non-blocking message box (open(), never exec(): the event loop keeps running)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        plain(box)  # H5: sevDesk's error texts are data, never markup
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setObjectName("MessageBox")
        self.last_dialog = box
        box.open()
        return box

    # -- closing -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._deferred and not self._deferred_pending:
            self._deferred_pending = True  # the window is on screen: build the other tabs
            QTimer.singleShot(0, self._build_deferred_tabs)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if not self._first_shown:
            self._first_shown = True
            if not self.controller.has_token():
                self.interfaces_tab.token_edit.setFocus()  # the first thing to do: paste the token
            self.first_shown.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.quitting and self.tray is not None and self.tray.isVisible():
            # With a tray, closing keeps the recurring import running in the background.
            event.ignore()
            self.hide()
            if not self._hint_shown:
                self._hint_shown = True
                self.tray.show_info(
                    self.tr("craftdesk läuft weiter"),
                    self.tr(
                        "craftdesk gleicht im Hintergrund weiter mit sevDesk ab. "
                        "Beenden über das Symbol im Infobereich."
                    ),
                )
            return
        event.accept()


TITLE_BAR = 32  # px the window manager adds above the window


def default_size(screen: QScreen | None) -> tuple[int, int]:
    """1100×720 fits a 1366×768 laptop; a larger screen gets 1280×800, so the tables show
    their long columns (addresses, titles) without cutting them off."""
    if screen is None:
        return 1100, 720
    available = screen.availableGeometry()
    if available.width() >= 1440 and available.height() >= 900:
        return 1280, 800
    # A smaller screen (1024×700): the window and its title bar stay on it.
    return min(1100, available.width()), min(720, available.height() - TITLE_BAR)


def _reason(error: Exception) -> str:
    """One sentence for the user; never a traceback or the token."""
    from ..errors import CraftdeskError
    from ..services.errors import SevdeskError

    if isinstance(error, (SevdeskError, CraftdeskError)):
        return localize(str(getattr(error, "message", "") or error))
    return QCoreApplication.translate("MainWindow", "Unerwarteter Fehler – Einzelheiten stehen im Protokoll.")


def _tab_class(index: int) -> type[CustomersTab] | type[ArticlesTab]:
    """The class of a deferred tab (its module imported on first use)."""
    if index == CUSTOMERS_TAB:
        from .customers_tab import CustomersTab

        return CustomersTab
    from .articles_tab import ArticlesTab

    return ArticlesTab
