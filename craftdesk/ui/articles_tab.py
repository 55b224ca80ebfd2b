"""The Artikel tab: local and imported articles with net price, VAT rate and the derived
gross price (A3); inactive articles are greyed and can be hidden (A4)."""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from PySide6.QtWidgets import QWidget

from ..services.changes import Scope
from ..services.local_records import ArticleRow, count_articles, load_article_rows
from ..services.search import haystack, haystacks
from ..sync.contract import SyncControl
from .dialogs.article_dialog import ArticleDialog
from .empty_hint import link
from .record_tab import RecordTab
from .table_models import Column


class ArticlesTab(RecordTab):
    scope = Scope.ARTICLES
    row_scope = Scope.ARTICLES

    def __init__(self, controller: SyncControl, parent: QWidget | None = None, *, lazy: bool = False) -> None:
        super().__init__(controller, parent, lazy=lazy)
        self.new_button.setText(self.tr("Neuer Artikel"))
        self.new_button.setToolTip(self.tr("Einen Artikel nur in craftdesk anlegen"))
        self.inactive_filter = self.add_filter_checkbox(
            self.tr("Inaktive anzeigen"), "inactive", hide=lambda row: not row.active, checked=False
        )

    def columns(self) -> list[Column]:
        yes, no, local = self.tr("aktiv"), self.tr("inaktiv"), self.tr("lokal")
        return [
            Column("number", self.tr("Nummer"), attrgetter("number"), width=90),
            Column("name", self.tr("Bezeichnung"), attrgetter("name"), stretch=True),
            Column("unit", self.tr("Einheit"), attrgetter("unit"), width=80),
            Column("net", self.tr("Netto"), attrgetter("net_price"), kind="money", width=110),
            Column("vat", self.tr("USt."), attrgetter("vat_rate"), kind="percent", width=70),
            Column("gross", self.tr("Brutto"), attrgetter("gross_price"), kind="money", width=110),
            Column("status", self.tr("Status"), lambda r: yes if r.active else no, width=80),
            Column("source", self.tr("Quelle"), lambda r: local if r.is_local else "sevDesk", width=80),
        ]

    def load_records(self, ids: set[int] | None = None) -> list[ArticleRow]:
        return load_article_rows(ids)

    def count_records(self) -> int:
        return count_articles()

    def search_text(self, record: ArticleRow) -> str:
        return haystack((record.number or "", record.name or "", record.unit or ""))

    def search_texts(self, records: Sequence[ArticleRow]) -> list[str]:
        return haystacks([(r.number or "", r.name or "", r.unit or "") for r in records])

    def load_records_by_ids(self, ids: list[int]) -> list[ArticleRow]:
        return load_article_rows(ids)

    def dimmed_reason(self, record: ArticleRow) -> str | None:
        if not record.active:
            return self.tr("Inaktiver Artikel (in sevDesk entfernt oder deaktiviert).")
        return None

    def default_sort_column(self) -> int:
        return 1

    def search_placeholder(self) -> str:
        return self.tr("Nummer, Bezeichnung oder Einheit …")

    def empty_text(self, state: str) -> str:
        new = link("new", self.tr("„Neuer Artikel“"))
        interfaces = link("interfaces", self.tr("Schnittstellen"))
        if state == "importing":
            return self.tr("Die Artikel werden gerade aus sevDesk geholt …")
        if state == "disconnected":
            return (
                self.tr(
                    "Noch keine Artikel – verbinden Sie sevDesk im Tab %1 oder legen Sie mit "
                    "%2 einen Artikel an."
                )
                .replace("%1", interfaces)
                .replace("%2", new)
            )
        return (
            self.tr(
                "Noch keine Artikel. craftdesk übernimmt beim Abgleich die sevDesk-Artikel "
                "der Kategorien, die im Tab %1 eingestellt sind. Oder legen Sie mit %2 einen "
                "Artikel an."
            )
            .replace("%1", interfaces)
            .replace("%2", new)
        )

    def count_text(self, shown: int, total: int) -> str:
        return self.tr("%1 von %2 Artikeln").replace("%1", str(shown)).replace("%2", str(total))

    def open_editor(self, record: ArticleRow | None) -> int | None:
        dialog = ArticleDialog(record.id if record is not None else None, self)
        if dialog.exec():
            return dialog.saved_id
        return None
