"""The project dialog's customer field: an editable combo box of every customer, typed text
searches the names anywhere (not only at the start).

Built for 50,000 customers: filled item by item from model objects, the combo took 2.3 s
to open. Here the names come from one tuple query and go to Qt in one call (a string list
model, filtered by the completer in C++), the list's rows all have one height, and the box's
width does not depend on the longest name (else Qt measures every name before showing it).
Reading 50,000 names still takes a quarter of a second: from ``BACKGROUND_CUSTOMERS`` on,
they are read on a helper thread while the dialog is already open; until then the box
offers "no customer" and the project's own customer.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QListView, QWidget

from ...services.customer_rows import count_customers
from ...services.project_forms import CustomerChoices, customer_choices
from ...services.slices import zipped_dict
from ..background_rows import BackgroundRows

#: The box shows this many characters of a name, whatever the longest name is.
VISIBLE_CHARACTERS = 32
#: From this many customers on, their names are read on a helper thread.
BACKGROUND_CUSTOMERS = 5000
#: A box that is not painted by then reads the names anyway.
READ_AFTER_MS = 250


@dataclass(frozen=True)
class _Entries:
    """The box's entries: ids (None first, for "no customer"), labels, and each customer's
    row. Made on the helper thread when the names are read there: at 50,000 customers the
    row index alone took the window 8-10 ms."""

    ids: list[int | None]
    labels: list[str]
    rows: dict[int, int]


def _entries(empty_text: str, choices: CustomerChoices) -> _Entries:
    rows = zipped_dict(choices.ids, range(1, len(choices.ids) + 1))
    return _Entries([None, *choices.ids], [empty_text, *choices.labels], rows)


class CustomerCombo(QComboBox):
    """First entry "no customer" (``empty_text``), then every customer by name.

    ``loading`` is true while the names are read on the helper thread; ``names_read`` is
    emitted when they are shown. The chosen customer may differ then: a name typed in full
    while they were read is found only now.
    """

    names_read = Signal()

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self._ids: list[int | None] = []
        self._rows: dict[int, int] = {}
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(VISIBLE_CHARACTERS)
        view = self.view()
        if isinstance(view, QListView):
            view.setUniformItemSizes(True)
        completer = self.completer()
        assert completer is not None  # an editable combo box always has one
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        popup = completer.popup()
        if isinstance(popup, QListView):
            popup.setUniformItemSizes(True)
        self._reader = BackgroundRows(self)
        self._reader.loaded.connect(self._on_read)
        self.loading = count_customers() >= BACKGROUND_CUSTOMERS
        # The read starts once the box has been painted (or after READ_AFTER_MS unshown):
        # the dialog's first paint makes dozens of Python calls, and each waited for the
        # GIL while the read held it (a stall of 40-80 ms instead of 10-35 at 50,000).
        self._read_soon = QTimer(self)
        self._read_soon.setSingleShot(True)
        self._read_soon.timeout.connect(self._start_read)
        if self.loading:
            self._show(_entries(empty_text, CustomerChoices([], [])))
            self._read_soon.start(READ_AFTER_MS)
        else:
            self._show(_entries(empty_text, customer_choices()))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._read_soon.isActive():  # the first paint: the read starts once it is done
            self._read_soon.start(0)

    def _start_read(self) -> None:
        empty_text = self._empty_text
        self._reader.start(lambda: _entries(empty_text, customer_choices()))

    def customer_id(self) -> int | None:
        """The chosen customer; typed text that names no customer counts as none. Two
        customers of the same name: the one chosen in the list, not the first of them."""
        text = self.currentText().strip()  # "Müller GmbH " typed is "Müller GmbH"
        row = self.currentIndex()
        if not 0 <= row < len(self._ids) or self.itemText(row) != text:
            row = self.findText(text, Qt.MatchFlag.MatchExactly)
        return self._ids[row] if row >= 0 else None

    def unmatched_text(self) -> str:
        """Typed text that names no customer ("" when a customer or "no customer" is chosen):
        saving it would quietly store no customer while the box still shows the text."""
        text = self.currentText().strip()
        if not text or text == self._empty_text or self.customer_id() is not None:
            return ""
        return text

    def set_customer_id(self, customer_id: int | None) -> None:
        """Show this customer (no customer when it is None or unknown), also while the
        names are still read."""
        if customer_id is not None and customer_id not in self._rows:
            self._add(customer_choices([customer_id]))
        self.setCurrentIndex(self._rows.get(customer_id, 0) if customer_id is not None else 0)

    def snapshot_value(self) -> object:
        """What the user chose, for the dialog's check for unsaved changes (the position of a
        customer in the list moves when the names arrive)."""
        return (self.customer_id(), self.currentText())

    def _show(self, entries: _Entries) -> None:
        self._ids = entries.ids
        self._rows = entries.rows
        # (the model it replaces belongs to the box, which deletes it)
        self.setModel(QStringListModel(entries.labels, self))

    def _add(self, choices: CustomerChoices) -> None:
        model = self.model()
        for cid, label in zip(choices.ids, choices.labels, strict=True):
            row = model.rowCount()
            model.insertRow(row)
            model.setData(model.index(row, 0), label)
            self._ids.append(cid)
            self._rows[cid] = row

    def _on_read(self, result: object) -> None:
        self.loading = False
        if isinstance(result, BaseException):
            raise result  # as a read on the GUI thread would (the excepthook says it)
        assert isinstance(result, _Entries)
        chosen, text = self.customer_id(), self.currentText()
        typed = text != self.itemText(self.currentIndex())
        line = self.lineEdit()
        cursor = line.cursorPosition() if line is not None else 0
        with QSignalBlocker(self):  # the owner hears of the new state from names_read
            self._show(result)
            self.set_customer_id(chosen)
            if typed:  # a name typed in full is now found; the text stays as typed
                row = self.findText(text, Qt.MatchFlag.MatchExactly)
                if row >= 0:
                    self.setCurrentIndex(row)
                self.setEditText(text)
                if line is not None:
                    line.setCursorPosition(cursor)
        if typed and text and line is not None and line.hasFocus():
            self._complete(text)  # what was typed meanwhile: its matches, as typing shows them
        self.names_read.emit()

    def _complete(self, text: str) -> None:
        completer = self.completer()
        if completer is not None:
            completer.setCompletionPrefix(text)
            if completer.completionCount():
                completer.complete()
