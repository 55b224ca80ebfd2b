"""Escape or "Abbrechen" on a dialog with changes asks before throwing them away.

:class:`DiscardGuard` takes a snapshot of what the dialog's input widgets hold when it is
armed and compares it on reject; only a changed dialog asks.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QGroupBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTextEdit,
    QWidget,
)

Snapshot = tuple[object, ...]


def snapshot(root: QWidget) -> Snapshot:
    """What the user can change in ``root``'s input widgets, in a comparable form."""
    values: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            if (
                not widget.isReadOnly()
                and widget.parent() is not None
                and not isinstance(widget.parent(), (QComboBox, QSpinBox, QDateTimeEdit))
            ):
                values.append(widget.text())
        elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
            values.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            chosen = getattr(widget, "snapshot_value", None)  # e.g. a list that fills later
            values.append(chosen() if callable(chosen) else (widget.currentIndex(), widget.currentText()))
        elif isinstance(widget, QSpinBox):
            values.append(widget.value())
        elif isinstance(widget, QDateTimeEdit):
            values.append(widget.dateTime().toString())
        elif (isinstance(widget, (QGroupBox, QAbstractButton))) and widget.isCheckable():
            values.append(widget.isChecked())
        elif isinstance(widget, QListWidget):
            values.append(
                tuple(
                    (widget.item(r).text(), widget.item(r).checkState().value, widget.item(r).isSelected())
                    for r in range(widget.count())
                )
            )
        elif isinstance(widget, QTableWidget):
            values.append(
                tuple(
                    tuple(
                        item.text() if (item := widget.item(r, c)) is not None else ""
                        for c in range(widget.columnCount())
                    )
                    for r in range(widget.rowCount())
                )
            )
    return tuple(values)


def ask_discard(parent: QWidget) -> bool:
    """True when the user wants to throw the changes away (tests replace this function)."""
    from . import common

    return common.confirm(
        parent,
        QCoreApplication.translate("Dialogs", "Änderungen verwerfen?"),
        QCoreApplication.translate(
            "Dialogs", "Sie haben in diesem Fenster etwas geändert. Sollen die Änderungen verworfen werden?"
        ),
        yes=QCoreApplication.translate("Dialogs", "Verwerfen"),
    )


class DiscardGuard:
    """Mixin for QDialog subclasses (listed before QDialog). The snapshot is taken when the
    dialog is first shown (or by :meth:`arm_discard_guard`), so values filled in by
    ``__init__`` do not count as changes."""

    _guard_snapshot: Snapshot | None = None

    def showEvent(self, event: QShowEvent) -> None:
        assert isinstance(self, QDialog)
        if self._guard_snapshot is None:
            self._guard_snapshot = snapshot(self)
        QDialog.showEvent(self, event)

    def arm_discard_guard(self) -> None:
        assert isinstance(self, QDialog)
        self._guard_snapshot = snapshot(self)

    def has_changes(self) -> bool:
        assert isinstance(self, QDialog)
        return self._guard_snapshot is not None and snapshot(self) != self._guard_snapshot

    def reject(self) -> None:
        assert isinstance(self, QDialog)
        if self.has_changes() and not ask_discard(self):
            return
        QDialog.reject(self)
