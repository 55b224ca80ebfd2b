""" "Inzwischen geändert" (T5): what another workstation saved, and the user's choice.

Shown when a dialog's save finds that the record was saved elsewhere after the dialog
opened it. The table lists each field that differs — the stored value and the user's —
as plain text; the user keeps their own values or takes over the stored ones.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

KEEP_MINE = "mine"
TAKE_THEIRS = "theirs"


class ConflictDialog(QDialog):
    def __init__(
        self,
        changes: list[tuple[str, str, str]],
        labels: dict[str, str],
        parent: QWidget | None = None,
        yes_no: frozenset[str] = frozenset(),
    ) -> None:
        """``yes_no``: fields whose values are the service's "ja"/"nein" (shown translated)."""
        super().__init__(parent)
        self.choice: str | None = None
        self.setWindowTitle(self.tr("Inzwischen geändert"))
        self.resize(620, 320)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Dieser Datensatz wurde gespeichert, während Sie ihn bearbeitet haben (an einem "
                "anderen Arbeitsplatz oder durch den Abgleich mit sevDesk). Nichts wurde "
                "überschrieben. Welche Fassung soll gelten?"
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        table = QTableWidget(len(changes), 3, self)
        table.setHorizontalHeaderLabels(
            [self.tr("Feld"), self.tr("Jetzt gespeichert"), self.tr("Ihre Eingabe")]
        )
        answers = {"ja": self.tr("ja"), "nein": self.tr("nein")}
        for row, (name, theirs, mine) in enumerate(changes):
            if name in yes_no:
                theirs, mine = answers.get(theirs, theirs), answers.get(mine, mine)
            for column, text in enumerate((labels.get(name, name), theirs, mine)):
                item = QTableWidgetItem(text)  # plain text, never markup (H5)
                item.setToolTip(text)
                table.setItem(row, column, item)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.setTabKeyNavigation(False)  # Tab goes on to the choice, not cell by cell
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(table)
        self.table = table
        buttons = QDialogButtonBox(self)
        self.mine_button = buttons.addButton(
            self.tr("Meine Eingabe speichern"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.theirs_button = buttons.addButton(
            self.tr("Gespeicherte Fassung übernehmen"), QDialogButtonBox.ButtonRole.ResetRole
        )
        buttons.addButton(self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        self.mine_button.clicked.connect(lambda: self._choose(KEEP_MINE))
        self.theirs_button.clicked.connect(lambda: self._choose(TAKE_THEIRS))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask(
    parent: QWidget | None, conflict: Any, labels: dict[str, str], yes_no: frozenset[str] = frozenset()
) -> str | None:
    """KEEP_MINE, TAKE_THEIRS or None (cancelled)."""
    dialog = ConflictDialog(conflict.changes, labels, parent, yes_no)
    dialog.exec()
    return dialog.choice


class RecordEditor(Protocol):
    """An editor whose form can be refilled from a stored record (customer, article,
    employee, project): ``_fill`` shows it, ``_version`` is what the next save expects."""

    _version: int | None

    def _fill(self, current: Any) -> None: ...


def resolve(
    editor: RecordEditor,
    conflict: Any,
    labels: dict[str, str],
    save_mine: Callable[[], None],
    yes_no: frozenset[str] = frozenset(),
) -> None:
    """T5 in every record editor: ask; „Meine Eingabe speichern“ runs ``save_mine`` (a
    forced save), „Gespeicherte Fassung übernehmen“ refills the form with the stored record
    and takes its version; cancelling leaves the editor as it is."""
    choice = ask(editor if isinstance(editor, QWidget) else None, conflict, labels, yes_no)
    if choice == KEEP_MINE:
        save_mine()
    elif choice == TAKE_THEIRS:
        editor._fill(conflict.current)
        editor._version = conflict.current.version
