"""Small building blocks shared by the dialogs: a German decimal input that yields
:class:`~decimal.Decimal` (never float), a coloured note banner, a read-only record table
and message helpers."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import QAbstractItemModel, QCoreApplication, QRegularExpression, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableView,
    QWidget,
)

from ..keys import SelectOnFocus
from ..plain import plain
from ..style import format_decimal, parse_decimal_de
from ..table_models import Column

# Digits with optional thousands separators (German dots, English commas) and up to four
# decimals after a comma or dot; parse_decimal_de reads them the way of the UI language.
_DECIMAL_PATTERN = r"^\s*-?(\d{1,3}([.,]\d{3})+|\d+)?([,.]\d{0,4})?\s*$"

BANNER_STYLES = {
    "info": "background:#e8f0fe; border:1px solid #9bbcf2; border-radius:4px; padding:6px;",
    "warning": "background:#fff4d6; border:1px solid #e5c15c; border-radius:4px; padding:6px;",
    "error": "background:#fde2e2; border:1px solid #e08c8c; border-radius:4px; padding:6px;",
    "success": "background:#e3f4e4; border:1px solid #8cc891; border-radius:4px; padding:6px;",
}


class DecimalEdit(QLineEdit):
    """A line edit for German decimals ("3,5", "1.234,56"); :meth:`value` gives a Decimal."""

    def __init__(
        self, parent: QWidget | None = None, places: int | None = None, allow_negative: bool = False
    ) -> None:
        super().__init__(parent)
        self._places = places
        pattern = _DECIMAL_PATTERN if allow_negative else _DECIMAL_PATTERN.replace("-?", "")
        self.setValidator(QRegularExpressionValidator(QRegularExpression(pattern), self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def value(self) -> Decimal | None:
        """The typed number, or None when the field is empty or unreadable."""
        return parse_decimal_de(self.text())

    def set_value(self, value: Decimal | None) -> None:
        self.setText("" if value is None else format_decimal(value, self._places))


#: The share of the screen's free area a dialog may take at most: its title bar and frame
#: still fit above a taskbar (700 px high: a dialog of 665 px and its title bar).
SCREEN_SHARE = 0.95


def fit_to_screen(widget: QWidget, wanted: QSize | None = None) -> None:
    """Size a window as large as its content wants (``wanted``, else its size hint), within
    the free area of its screen, and never below its layout's minimum. Qt alone opens a
    window whose hint is over two thirds of the screen at its minimum, squeezed."""
    size = wanted if wanted is not None else widget.sizeHint()
    screen = widget.screen()
    if screen is not None:
        size = size.boundedTo(screen.availableGeometry().size() * SCREEN_SHARE)
    widget.resize(size.expandedTo(widget.minimumSizeHint()))


def banner(text: str, kind: str = "info", parent: QWidget | None = None) -> QLabel:
    """A word-wrapped coloured note (info, warning, error, success). Its text can be
    selected with the mouse; it takes no keyboard focus (a dialog opens on its first field,
    and Tab does not stop at a note) unless :func:`keyboard_links` lets its link be reached."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setStyleSheet(BANNER_STYLES.get(kind, BANNER_STYLES["info"]))
    label.setTextInteractionFlags(
        Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
    )
    label.setOpenExternalLinks(False)
    return label


def keyboard_links(label: QLabel, on: bool) -> None:
    """A note whose link Tab reaches and Enter opens (on), or a note Tab passes by."""
    flags = Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.LinksAccessibleByMouse
    if on:
        flags |= Qt.TextInteractionFlag.LinksAccessibleByKeyboard
    label.setTextInteractionFlags(flags)
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus if on else Qt.FocusPolicy.ClickFocus)


def record_table(
    model: QAbstractItemModel,
    columns: Sequence[Column],
    parent: QWidget,
    *,
    single_selection: bool = True,
    sort: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder),
) -> QTableView:
    """A sortable, read-only table of whole rows with the columns' preferred widths, sorted
    by ``sort`` (column, order) at first. Said here: a sortable view would otherwise start
    with its header's default, the first column descending (Z to A)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.sortByColumn(*sort)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if single_selection:
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)  # Tab leaves the table: rows are selected whole
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    for number, column in enumerate(columns):
        if column.width:
            view.setColumnWidth(number, column.width)
    # Tab into the table selects a row, so Enter, Space and the buttons act on one.
    SelectOnFocus(view)
    return view


def open_link(url: str) -> bool:
    """Open a web link in the default browser (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl(url))


def warn(parent: QWidget | None, title: str, text: str) -> None:
    """A modal warning with a German "OK" (tests replace this function)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent)
    plain(box)  # H5: the text may come from sevDesk or the user
    box.addButton(QCoreApplication.translate("Dialogs", "OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def inform(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent)
    plain(box)
    box.addButton(QCoreApplication.translate("Dialogs", "OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str | None = None) -> bool:
    """Ask a yes/no question with German buttons; "Nein" is the default."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    plain(box)
    yes_text = yes or QCoreApplication.translate("Dialogs", "Ja")
    yes_button = box.addButton(yes_text, QMessageBox.ButtonRole.YesRole)
    no_button = box.addButton(QCoreApplication.translate("Dialogs", "Nein"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button
