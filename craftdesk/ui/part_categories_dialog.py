"""The choice of part categories to import (A1a): the account's real categories, ticked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)


class PartCategoriesDialog(QDialog):
    """Tick the sevDesk part categories whose parts become articles.

    ``available``: the account's part category names (from sevDesk); ``chosen``: the names
    configured now. A configured name the account lacks is listed, unticked and marked, so
    the user sees why nothing was imported.
    """

    def __init__(
        self,
        available: list[str],
        chosen: list[str],
        first_connect: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("PartCategoriesDialog")
        self.setWindowTitle(self.tr("Artikelkategorien wählen"))
        layout = QVBoxLayout(self)
        if first_connect:
            text = self.tr(
                "In diesem sevDesk-Konto gibt es keine Kategorie „Artikel“. Welche "
                "Kategorien sollen als Artikel übernommen werden?"
            )
        else:
            text = self.tr("Die Teile dieser sevDesk-Kategorien werden als Artikel übernommen:")
        self.intro = QLabel(text, self)
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.list = QListWidget(self)
        self.list.setObjectName("PartCategoryList")
        wanted = {n.casefold() for n in chosen}
        present = {n.casefold() for n in available}
        for name in available:
            self._add(name, name.casefold() in wanted or (first_connect and not wanted & present))
        for name in chosen:
            if name.casefold() not in present:
                item = self._add(name, False)
                item.setText(self.tr("{name} (gibt es in sevDesk nicht)").replace("{name}", name))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        layout.addWidget(self.list, 1)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(self.tr("Übernehmen"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Abbrechen"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(lambda _item: self._update())
        self._update()
        self.resize(420, 320)

    def _add(self, name: str, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(name, self.list)
        item.setData(Qt.ItemDataRole.UserRole, name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item

    def selected(self) -> list[str]:
        result = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked and item.flags() & Qt.ItemFlag.ItemIsEnabled:
                result.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return result

    def _update(self) -> None:
        none = not self.selected()
        self.ok_button.setEnabled(not none)
        self.hint.setText(self.tr("Bitte mindestens eine Kategorie ankreuzen.") if none else "")
