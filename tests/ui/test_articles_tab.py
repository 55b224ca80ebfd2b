"""Artikel tab: German money formats, numeric sorting of prices, derived gross price (A3),
inactive articles greyed and hidden by the filter (A4), local create and edit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fakes import FakeController
from PySide6.QtCore import Qt

from craftdesk.store.models import Article
from craftdesk.ui.articles_tab import ArticlesTab
from craftdesk.ui.dialogs import common
from craftdesk.ui.dialogs.article_dialog import ArticleDialog
from craftdesk.ui.table_models import RecordRole


@pytest.fixture
def tab(qtbot, database):
    Article.create(
        number="A-1",
        name="Schraube",
        unit="Stk",
        net_price=Decimal("9.50"),
        vat_rate=Decimal(19),
        sevdesk_id="21",
    )
    Article.create(
        number="A-2",
        name="Fliese",
        unit="m²",
        net_price=Decimal("1234.56"),
        vat_rate=Decimal(19),
        sevdesk_id="22",
    )
    Article.create(
        number="A-3", name="Kabel", unit="m", net_price=Decimal(80), vat_rate=Decimal(7), sevdesk_id="23"
    )
    Article.create(
        number="A-4",
        name="Altbestand",
        unit="Stk",
        net_price=Decimal(5),
        vat_rate=Decimal(19),
        sevdesk_id="24",
        active=False,
    )
    widget = ArticlesTab(FakeController())
    qtbot.addWidget(widget)
    return widget


def _column(tab: ArticlesTab, key: str) -> list[str]:
    col = tab.model.column_of(key)
    return [tab.proxy.index(r, col).data() for r in range(tab.proxy.rowCount())]


def test_A3_german_money_and_derived_gross(tab):
    tab.view.sortByColumn(tab.model.column_of("number"), Qt.SortOrder.AscendingOrder)
    assert _column(tab, "net") == ["9,50 €", "1.234,56 €", "80,00 €"]
    assert _column(tab, "gross") == ["11,31 €", "1.469,13 €", "85,60 €"]
    assert _column(tab, "vat") == ["19 %", "19 %", "7 %"]


def test_sort_by_money_is_numeric_not_textual(tab):
    tab.view.sortByColumn(tab.model.column_of("net"), Qt.SortOrder.AscendingOrder)
    assert _column(tab, "name") == ["Schraube", "Kabel", "Fliese"]  # 9,50 < 80 < 1.234,56
    tab.view.sortByColumn(tab.model.column_of("gross"), Qt.SortOrder.DescendingOrder)
    assert _column(tab, "name") == ["Fliese", "Kabel", "Schraube"]


def test_A4_inactive_hidden_by_default_and_greyed_when_shown(tab):
    assert "Altbestand" not in _column(tab, "name")
    tab.inactive_filter.setChecked(True)
    assert tab.proxy.rowCount() == 4
    row = tab.proxy.row_of_id(Article.get(Article.name == "Altbestand").id)
    index = tab.proxy.index(row, tab.model.column_of("status"))
    assert index.data() == "inaktiv"
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    active_row = tab.proxy.row_of_id(Article.get(Article.name == "Kabel").id)
    assert tab.proxy.index(active_row, 0).data(Qt.ItemDataRole.ForegroundRole) is None


def test_double_click_second_row_after_sort_opens_that_article(tab, monkeypatch):
    tab.view.sortByColumn(tab.model.column_of("net"), Qt.SortOrder.DescendingOrder)
    opened = []
    monkeypatch.setattr(tab, "open_editor", lambda record: opened.append(record))
    tab.view.doubleClicked.emit(tab.proxy.index(1, 2))
    assert [r.name for r in opened] == ["Kabel"]
    assert opened[0].id == Article.get(Article.number == "A-3").id
    assert tab.proxy.index(1, 4).data(RecordRole) == opened[0]


def test_search_matches_number_and_name(tab, qtbot):
    qtbot.keyClicks(tab.search, "a-2")
    assert _column(tab, "name") == ["Fliese"]
    tab.search.clear()
    assert tab.proxy.rowCount() == 3


def test_create_local_article_with_german_price(tab, qtbot, monkeypatch):
    dialog = ArticleDialog(None, tab)
    qtbot.addWidget(dialog)
    dialog.number.setText("L-7")
    dialog.name.setText("Silikon")
    dialog.net_price.setText("1.234,5")
    dialog.vat_rate.setCurrentIndex(dialog.vat_rate.findData("7"))
    assert dialog.gross_label.text() == "1.320,92 €"
    dialog.save_button.click()
    article = Article.get(Article.number == "L-7")
    assert article.net_price == Decimal("1234.5")
    assert article.vat_rate == Decimal(7)
    assert article.sevdesk_id is None


def test_duplicate_article_number_refused(tab, qtbot, monkeypatch):
    warnings: list[str] = []
    monkeypatch.setattr(common, "warn", lambda parent, title, text: warnings.append(text))
    dialog = ArticleDialog(None, tab)
    qtbot.addWidget(dialog)
    dialog.number.setText("A-1")
    dialog.name.setText("Doppelt")
    dialog.save_button.click()
    assert warnings and "schon vergeben" in warnings[0]
    assert Article.select().count() == 4


def test_A4_imported_article_dialog_notes_overwrite_and_saves_edit(tab, qtbot):
    article = Article.get(Article.number == "A-1")
    dialog = ArticleDialog(article.id, tab)
    qtbot.addWidget(dialog)
    assert "überschrieben" in dialog.note.text()
    assert dialog.net_price.text() == "9,50"
    dialog.net_price.setText("10,25")
    dialog.save_button.click()
    assert Article.get_by_id(article.id).net_price == Decimal("10.25")


def test_A3_a_price_sevdesk_keeps_finer_than_cents_is_kept_unless_the_user_types_another(tab, qtbot):
    article = Article.create(
        number="B-1", name="Brutto", unit="Stk", net_price=Decimal("8.3949579832"), vat_rate=Decimal(19)
    )
    dialog = ArticleDialog(article.id, tab)
    qtbot.addWidget(dialog)
    assert dialog.net_price.text() == "8,39"
    assert dialog.gross_label.text() == "9,99 €"  # the gross sevDesk shows, not 9,98 €
    dialog.name.setText("Brutto-Artikel")
    dialog.save_button.click()
    assert Article.get_by_id(article.id).net_price == Decimal("8.3949579832")

    dialog = ArticleDialog(article.id, tab)
    qtbot.addWidget(dialog)
    dialog.net_price.setText("8,40")
    assert dialog.gross_label.text() == "10,00 €"
    dialog.save_button.click()
    assert Article.get_by_id(article.id).net_price == Decimal("8.40")


def test_the_price_placeholder_follows_the_ui_language(tab, qtbot):
    from craftdesk.ui import style

    assert ArticleDialog(None, tab).net_price.placeholderText() == "0,00"
    style.set_number_language("en")
    try:
        dialog = ArticleDialog(None, tab)
        qtbot.addWidget(dialog)
        assert dialog.net_price.placeholderText() == "0.00"  # was "0,00" in the English UI
    finally:
        style.set_number_language("de")
