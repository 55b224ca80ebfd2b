""" "Inzwischen geändert" (T5): what another workstation saved, and the user's choice.

Shown when a dialog's save finds that the record was saved elsewhere after the dialog
opened it and both changed the same field. The table lists each such field — the stored
value and the user's — as plain text; the user keeps their own values or takes over the
stored ones. Fields only one side changed are merged without a question.
"""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication
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

from ...services import form_merge
from . import common

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
    employee, project): ``_fill`` shows it, ``_version`` is what the next save expects,
    ``_opened`` the form as the editor showed it (set with ``_version``: a record that was
    never read cannot be saved elsewhere meanwhile)."""

    _version: int | None
    _opened: Any

    def _fill(self, current: Any) -> None: ...


def resolve(
    editor: RecordEditor,
    conflict: Any,
    mine: Any,
    labels: dict[str, str],
    save: Callable[[Any], bool],
    yes_no: frozenset[str] = frozenset(),
) -> None:
    """T5 in every record editor, after a save found the record saved elsewhere: a field
    only one side changed keeps that side's value without a question (``form_merge``);
    only fields both changed are shown. „Meine Eingabe speichern“ saves the merged form
    with ``save`` (forced; True when saved); „Gespeicherte Fassung übernehmen“ refills the
    form with the stored record and the user's other edits, to save again; cancelling
    leaves the editor as it is. After a save, the fields taken over are named."""
    current = conflict.current
    result = form_merge.merge(editor._opened, current, mine)
    if result.both:
        names = set(result.both) | ({"customer"} if "customer_id" in result.both else set())
        changes = [change for change in conflict.changes if change[0] in names]
        parent = editor if isinstance(editor, QWidget) else None
        choice = ask(parent, SimpleNamespace(changes=changes), labels, yes_no)
        if choice == TAKE_THEIRS:
            editor._fill(result.theirs_with_mine(current))
            editor._version, editor._opened = current.version, current
            return
        if choice != KEEP_MINE:
            return
    if save(result.merged) and result.theirs_only:
        taken = [labels.get("customer" if n == "customer_id" else n, n) for n in result.theirs_only]
        common.inform(
            editor if isinstance(editor, QWidget) else None,
            QCoreApplication.translate("ConflictDialog", "Inzwischen geändert"),
            QCoreApplication.translate(
                "ConflictDialog",
                "Gespeichert. Am anderen Arbeitsplatz wurde inzwischen auch geändert: %1; das bleibt so.",
            ).replace("%1", ", ".join(taken)),
        )
